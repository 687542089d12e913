"""The review proof: a handout's units in one language in, a bilingual tagged PDF out.

What a medical translator reads, marks and signs: a header naming the handout, its version, the
source fingerprint and the translation's status; the facts once (doses of every plan, the drug
names as they print, the sources) — they are not translated but the reviewer checks the words
around them; then one table row per unit, in page order: where it prints (block, heading, id,
state), the source, the target.  Codes print as written (``**``, ``[@label]``, ``{emergency}``)
so a reviewer sees what the translator had to keep.  Then a sign-off block.

Built from the same parts as every handout: the theme's fonts per language (each column wrapped
by its own language's ``Wrapper``: right to left, joined Arabic, shaped Devanagari), tagged
items (a Table with TH/TD cells, the English cells marked ``/Lang (en)``), ``render.draw`` and
``archive.finish`` (PDF/UA-1, PDF/A-2a).
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale

from . import glossary
from .archive import finish
from .source_blocks import source_order
from .boxes import Item, Page, RectItem, RuleItem, TextItem
from .dosing import medications
from .layout import Laid, Settings
from .localize import SOURCE_CATALOG, Localizer
from .model import Handout
from .render import draw, metadata
from .markup import Span, parse_markup
from .text import Wrapper
from .theme import MM, load_theme
from .validate import fingerprint
from .write import write_atomic

if TYPE_CHECKING:
    from .translate import Loaded

BODY, SMALL, TITLE, LEADING = 9.0, 7.5, 15.0, 1.3
COLUMNS = (0.22, 0.39, 0.39)  # where it prints | source | target


def _spans(markup: str) -> list[Span]:
    """Markup as the reviewer should see it: bold drawn bold, codes printed as written."""
    out = []
    for sp in parse_markup(markup):
        out.append(Span(f"[@{sp.text}]") if sp.cite else Span(sp.text, bold=sp.bold))
    return out


def _name(lang: str) -> str:
    try:
        return Locale.parse(lang.replace("-", "_")).get_display_name("en") or lang
    except Exception:  # babel does not know the tag: the tag itself
        return lang


class _Pages:
    """Places blocks of items top to bottom, a new page when the next one does not fit."""

    def __init__(self, size: tuple[float, float], margin: float) -> None:
        self.size, self.margin = size, margin
        self.pages = [Page(1)]
        self.y = margin

    def place(self, items: list[Item], height: float, gap: float = 0.0) -> None:
        if self.y + gap + height > self.size[1] - self.margin and self.y > self.margin:
            self.pages.append(Page(len(self.pages) + 1))
            self.y, gap = self.margin, 0.0
        for it in items:
            if isinstance(it, RuleItem):
                it.y1 += self.y + gap
                it.y2 += self.y + gap
            else:
                it.y += self.y + gap
        self.pages[-1].items += items
        self.y += gap + height


def _text(w: Wrapper, spans: list[Span], size: float, width: float, x: float, colour: str, role: str,
          group: str, lang: str, top: float = 0.0) -> tuple[list[Item], float]:
    lh = size * LEADING
    items: list[Item] = []
    for i, line in enumerate(w.wrap(spans, size, width)):
        lx = x + (width - line.width if w.rtl else 0.0)
        items.append(TextItem(lx, top + i * lh + lh * 0.5 + size * 0.35, line, colour, role, group, lang))  # type: ignore[arg-type]
    return items, len(items) * lh + (0.0 if items else lh)


def build_proof(h: Loaded) -> bytes:
    """The bilingual proof PDF of one handout in one language."""
    theme = load_theme("default")
    size = theme.page_size()
    margin = 15 * MM
    width = size[0] - 2 * margin
    c = theme.colours
    src_lang, lang = h.facts.source_language, h.lang
    en = Wrapper(theme.fontset(src_lang), False)
    tw = Wrapper(theme.fontset(lang), theme.is_rtl(lang))
    target = h.target or h.src
    hand = Handout(h.facts, replace(target, language=lang), f"{h.folder}/{lang}.yaml", f"{h.folder}/handout.yaml")
    pages = _Pages(size, margin)
    tr = h.target.translation if h.target is not None else None

    def para(text: str, role: str = "P", group: str = "", bold: bool = False, sz: float = BODY,
             colour: str | None = None, gap: float = 2.0, wrapper: Wrapper = en, lg: str = SOURCE_CATALOG) -> None:
        items, ht = _text(wrapper, [Span(text, bold=bold)], sz, width, margin, colour or c.text, role,
                          group or f"proof/{len(pages.pages)}/{pages.y:.0f}", lg)
        pages.place(items, ht, gap)

    para(f"Translation review proof: {h.src.title} — {_name(lang)} ({lang})", "H1", "proof/title", True, TITLE,
         c.accent, 0)
    state = "no translation yet" if tr is None else f"{tr.status}, translated by {tr.translator}" + (
        f", reviewed by {tr.reviewer} on {tr.reviewed_on}" if tr.reviewer and tr.reviewed_on else "")
    stale = tr is not None and tr.source_fingerprint != fingerprint(h.src)
    para(f"Handout '{h.facts.id}', version {h.facts.version}; source text fingerprint {fingerprint(h.src)}"
         f"{' (the translation is STALE: it was made from ' + tr.source_fingerprint + ')' if stale and tr else ''}; "
         f"translation: {state}.", group="proof/about")
    para("Facts, printed from handout.yaml in every language (not translated: check the words around them)",
         "H2", "proof/facts", True, BODY + 2, c.accent, 8)
    loc = Localizer(src_lang)
    for track in h.facts.tracks:
        for med in medications(track):
            steps = "; ".join(f"{loc.period(s.when)}: {loc.dose(s.amount, med.product.unit)}" if s.amount is not None
                              else loc.period(s.when) for s in med.steps)
            para(f"Plan '{track.id}'{' — ' + med.name if med.name else ''}: {steps}", group=f"proof/facts/{track.id}")
    drugs = [f"{d.name}: {glossary.printed(hand, d)}" for i in h.facts.interactions for d in i.drugs]
    items, ht = _text(en, [Span("Drug names as they print: ", bold=True)], BODY, width, margin, c.text, "P",
                      "proof/facts/drugs", SOURCE_CATALOG)
    pages.place(items, ht, 2)
    items, ht = _text(tw, [Span(" · ".join(drugs))], BODY, width, margin, c.text, "P", "proof/facts/drugnames", lang)
    pages.place(items, ht, 0)
    for n, s in enumerate(source_order(hand), 1):
        para(f"[@{s.id}] = source {n}: {s.authors + '. ' if s.authors else ''}{s.title}. {s.publisher}"
             f"{' ' + str(s.year) if s.year else ''}.", group=f"proof/facts/source/{n}", sz=SMALL, gap=1)
    para(f"QR code: {h.facts.qr_url}", group="proof/facts/qr", sz=SMALL, gap=1)
    para("Units, in page order", "H2", "proof/units", True, BODY + 2, c.accent, 8)
    xs = [margin + width * sum(COLUMNS[:k]) for k in range(3)]
    ws = [width * f - 4 for f in COLUMNS]
    heads = ["Where it prints", f"{_name(src_lang)} ({src_lang})", f"{_name(lang)} ({lang})"]
    row: list[Item] = []
    hh = 0.0
    for k, text in enumerate(heads):
        its, th = _text(en, [Span(text, bold=True)], BODY, ws[k], xs[k], c.text, "TH", f"proof/table/0/{k}",
                        SOURCE_CATALOG, top=2)
        row += its
        hh = max(hh, th + 4)
    pages.place([RectItem(margin, 0, width, hh, c.accent_tint,
                          None), *row], hh, 4)
    for r, u in enumerate(h.units, 1):
        cells = [(en, [Span(u.block, bold=True), Span(f"\n{u.id} · {u.state}")], SMALL, c.muted, SOURCE_CATALOG),
                 (en, _spans(u.source), BODY, c.text, SOURCE_CATALOG),
                 (tw, _spans(u.target) if u.target else [Span("(no translation)")], BODY, c.text, lang)]
        row, rh = [], 0.0
        for k, (w, spans, sz, colour, lg) in enumerate(cells):
            its, th = _text(w, spans, sz, ws[k], xs[k], colour, "TD", f"proof/table/{r}/{k}", lg, top=2)
            row += its
            rh = max(rh, th + 4)
        rule = RuleItem(margin, rh, margin + width, rh, c.rule, 0.4, "Artifact", "proof/table")
        pages.place([*row, rule], rh)
    para("Reviewer sign-off", "H2", "proof/signoff", True, BODY + 2, c.accent, 10)
    for n, line in enumerate(("I have checked every unit above against the source, and the drug names.",
                              "Name: ______________________________   Credential: ______________________________",
                              "Date: ______________   Signature: ______________________________")):
        para(line, group=f"proof/signoff/{n}", gap=6)
    laid = Laid(hand, pages.pages, Settings(BODY, 1.0, LEADING), size, False)
    buf = io.BytesIO()
    canvas, tagger = draw(laid, buf)
    meta = metadata(laid) | {"title": f"Translation review proof: {h.src.title} ({lang})", "lang": lang}
    canvas.setTitle(meta["title"])
    finish(canvas, tagger, meta, h.facts.reviewed_on)
    return buf.getvalue()


def write_proof(h: Loaded, out: Path) -> Path:
    path = out / f"{h.facts.id}.{h.lang}.proof.pdf"
    write_atomic(path, build_proof(h))
    return path
