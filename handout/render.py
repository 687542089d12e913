"""Stage 6 — render: laid-out pages in, PDF bytes out.  The only code that draws.

Deterministic: ReportLab's invariant mode plus a creation date taken from the
content's review date, so the same input gives byte-identical files.  Icons
and the QR code are vector paths (crisp at any zoom, no emoji or image
fonts); the QR code is drawn from the ``qrcode`` package's module matrix.
"""

from __future__ import annotations

import io
import re
from itertools import groupby

from . import rlhooks as rl  # before ReportLab (rlhooks says why)
from . import seeds
from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfgen.canvas import Canvas

from .markup import NBSP
from .memory import MEMORY
from .lines import Piece as LinePiece
from .text import Run

from .archive import canvas, finish
from .glyphs import actual_text, glyph_ops, pdf_font, shaped_run
from .boxes import IconItem, QrItem, RectItem, RuleItem, TextItem
from .layout import Laid
from .localize import load_labels
from .model import CALENDAR
from .structure import Tagger
from .theme import Theme

_COLOURS: dict[str, HexColor] = {}
# A line's piece: the URI it links to (or ""), its language (or ""), its runs, its ActualText.
Piece = tuple[str, str, list[Run], "str | None"]


def _col(hexstr: str) -> HexColor:
    c = _COLOURS.get(hexstr)
    if c is None:
        c = _COLOURS[hexstr] = HexColor(hexstr)
    return c


def metadata(laid: Laid) -> dict[str, str]:
    h = laid.handout
    title = f"{h.text.title}: {h.text.condition}"
    if laid.edition == CALENDAR:  # a file a screen reader opens by its title: the calendar said the handout's own
        title = f"{load_labels(h.lang)('calendar_title')}: {h.text.title}"
    return {
        "title": title,
        "subject": h.text.condition,
        "author": h.facts.organisation,
        # The facts' keywords are written once, in the source language; another language's
        # document gets its own words (its title, short name and condition).
        "keywords": ", ".join(h.facts.keywords) if h.lang == h.facts.source_language
        else ", ".join(dict.fromkeys([h.text.short_name, h.text.title, h.text.condition])),
        "lang": h.lang,
    }


def render(laid: Laid, theme: Theme) -> bytes:
    """Draw the pages, tag every item, and finish the file as tagged PDF/A-2 (see ``archive``)."""
    buf = io.BytesIO()
    c, tagger = draw(laid, buf)
    finish(c, tagger, metadata(laid), laid.handout.facts.reviewed_on)
    return buf.getvalue()


def draw(laid: Laid, buf: io.BytesIO | None = None, seeded: bool = True) -> tuple[Canvas, Tagger]:
    """The drawn (not yet written) canvas, each item wrapped in marked content (an MCID, or /Artifact);
    each font's first subset begins with the language's seed (``seeds``) unless not ``seeded``."""
    tagger = Tagger(laid.page_size[1])
    meta = metadata(laid)
    first = next((it.line.runs[0].font for p in laid.pages for it in p.items
                  if isinstance(it, TextItem) and it.line.runs), None)
    c = canvas(buf if buf is not None else io.BytesIO(), laid.page_size, meta["lang"], first)
    if seeded:
        rl.document(c).seeds = seeds.of(meta["lang"])
    c.setTitle(meta["title"])
    c.setSubject(meta["subject"])
    c.setAuthor(meta["author"])
    c.setKeywords(meta["keywords"])
    c.setCreator("handout")
    height = laid.page_size[1]
    said: set[int] = set()  # the elements whose text has begun (their ids: the tagger keeps them)
    for page in laid.pages:
        tagger.new_page()
        for it in page.items:
            gap = False
            if isinstance(it, TextItem) and it.role != "Artifact":
                owner = id(tagger.element(it))
                gap = it.first and owner in said
                said.add(owner)
                pieces = _pieces(it)
                if pieces is not None:
                    _pieced_text(c, it, height, tagger, pieces, gap, laid.rtl)
                    continue
                if laid.rtl and it.line.rtl and it.said is None and (languages := it.line.pieces) is not None:
                    _languages_text(c, it, height, tagger, languages, gap)
                    continue
            mark = tagger.mark(it)
            c.addLiteral(f"/{mark[0]} <</MCID {mark[1]}>> BDC" if mark else "/Artifact BMC")
            if gap and isinstance(it, TextItem):
                _gap(c, it, height)
                if laid.rtl and mark:
                    tagger.say(mark[1], " ")
            if isinstance(it, RectItem):
                _rect(c, it, height)
            elif isinstance(it, RuleItem):
                c.setStrokeColor(_col(it.colour))
                c.setLineWidth(it.width)
                c.line(it.x1, height - it.y1, it.x2, height - it.y2)
            elif isinstance(it, TextItem):
                if laid.rtl:  # a right-to-left line is said by its element (Tagger.say), not by its content
                    actual = it.said if it.said is not None else it.line.actual_text
                    rtl = it.line.rtl and actual is not None
                    if mark:
                        tagger.say(mark[1], actual if actual is not None else _drawn(it.line.runs), rtl)
                    _text(c, it, height, it.line.runs, None if rtl else actual, rtl)
                else:
                    _text(c, it, height)
            elif isinstance(it, IconItem):
                _icon(c, it, height)
            elif isinstance(it, QrItem):
                _qr(c, it, height)
            c.addLiteral("EMC")
            if isinstance(it, QrItem) and mark and it.url:  # the code opens its URL when clicked too
                bottom = height - it.y - it.size
                tagger.annotate(it, it.url, (it.x, bottom, it.x + it.size, bottom + it.size))
        c.showPage()
    tagger.settle()
    return c, tagger


def _rect(c: Canvas, it: RectItem, height: float) -> None:
    if it.fill:
        rl.fill(c, _col(it.fill))
    if it.stroke:
        c.setStrokeColor(_col(it.stroke))
        c.setLineWidth(it.width)
    inset = it.width / 2 if it.stroke else 0.0  # keep the whole border inside the box
    c.rect(it.x + inset, height - it.y - it.h + inset, it.w - 2 * inset, it.h - 2 * inset,
           stroke=1 if it.stroke else 0, fill=1 if it.fill else 0)


def _pieces(it: TextItem) -> list[Piece] | None:
    """A line showing a URL or words in another language cut into pieces (link URI or "", language
    or "", runs, ActualText or None), in drawing order, each piece's text the part of the line's
    logical text it draws; None: nothing to cut.

    Only left-to-right lines are cut: a URL or a Latin INN drawn inside a right-to-left line (drawn
    in visual order, read through the line's ActualText) stays part of the line: read, not linked,
    in the page's language.
    """
    line = it.line
    if line.rtl or not any(r.link or r.lang for r in line.runs):
        return None
    groups = [(key, list(runs)) for key, runs in groupby(line.runs, key=lambda r: (r.link, r.lang))]
    logical, starts, pos = line.logical, [], 0
    for (link, lang), runs in groups:
        if link or lang:
            drawn = "".join(r.text for r in runs).rstrip(" ").replace(NBSP, " ")
            at = logical.find(drawn, pos)
            if at < 0:
                return None
            starts.append(at)
            pos = at + len(drawn)
        else:
            starts.append(pos)
    starts[0] = 0
    starts.append(len(logical))
    out: list[Piece] = []
    for k, ((link, lang), runs) in enumerate(groups):
        text = logical[starts[k]:starts[k + 1]]
        drawn = _drawn(runs)
        # as for a whole line (``Line.actual_text``): shaped glyphs, or drawn text the author did not type
        needed = line.actual_text is not None and (text != drawn or any(r.shaped for r in runs))
        out.append((link, lang, runs, text if needed else None))
    return out


# A phone number in groups ("0800 111 0 111", a German crisis line; "020 7946 0958"), joined by
# no-break spaces (regions.Number.printed, personal_blocks.value_span), so drawn in the order
# written.  (A number typed with plain spaces into right-to-left words is drawn as the bidi
# algorithm orders it, and left to the viewer.)
_SPACED = re.compile("\\+?\\d+(?:\u00a0\\d+)+")


def _spaced_numbers(text: str) -> list[tuple[str, str | None]]:
    """``text`` (a right-to-left line's run, in drawing order) cut around its phone numbers, each
    said as drawn, with its no-break spaces (None: the rest, said by its glyphs).

    Why: a viewer that orders the glyphs itself (pdfium: Chrome, Android) reads a space between
    two numbers in a right-to-left line as the line's direction, and "0800 111 0 111" was
    copied as "111 0 111 0800"; the glyph of a no-break space says a space, but a no-break space
    is a number separator, which keeps the groups one number in their order (the Unicode
    bidirectional algorithm, rule W4)."""
    if "\u00a0" not in text:  # (nearly every run: no grouped number in it)
        return [(text, None)]
    out: list[tuple[str, str | None]] = []
    at = 0
    for m in _SPACED.finditer(text):
        if m.start() > at:
            out.append((text[at:m.start()], None))
        out.append((m.group(), m.group()))
        at = m.end()
    if at < len(text) or not out:
        out.append((text[at:], None))
    return out


def _drawn(runs: list[Run]) -> str:
    """What a line's glyphs say (their fonts' ToUnicode maps): a no-break space is the space glyph."""
    return "".join(r.text for r in runs).replace(NBSP, " ")


def _gap(c: Canvas, it: TextItem, height: float) -> None:
    """A space, no ink, before a paragraph that follows another in the same element (a calendar row's
    week and its dates, a dose step and its dates): a reader hears "Week 1, Dec 7 - 13", not "Week 1Dec 7"
    ("week 214" in Persian).  Lines within one paragraph carry their own spaces (``Line.runs``)."""
    if not it.line.runs:
        return
    r = it.line.runs[0]
    font, doc = pdf_font(r.font), rl.document(c)
    ops = ["BT", f"1 0 0 1 {fp_str(it.x)} {fp_str(height - it.y)} Tm"]
    ops += [f"{rl.subset_name(font, subset, doc)} {fp_str(r.size)} Tf ({escapePDF(chunk)}) Tj"
            for subset, chunk in rl.split(font, " ", doc)]
    c.addLiteral(" ".join([*ops, "ET"]))


def _marked_gap(c: Canvas, it: TextItem, height: float, tagger: Tagger, say: bool) -> None:
    """The space before a line cut into pieces (``_gap``), marked as its element's own content, not a
    link's or a span's; ``say``: in a right-to-left document, said by the element (``Tagger.say``)."""
    mark = tagger.mark(it)
    assert mark is not None
    c.addLiteral(f"/{mark[0]} <</MCID {mark[1]}>> BDC")
    _gap(c, it, height)
    c.addLiteral("EMC")
    if say:
        tagger.say(mark[1], " ")


def _pieced_text(c: Canvas, it: TextItem, height: float, tagger: Tagger, pieces: list[Piece],
                 gap: bool = False, say: bool = False) -> None:
    """A line cut into pieces (``_pieces``): the plain ones marked as its element's content, a URL as
    the content of a Link element with a link annotation over it (PDF/UA 7.18.5), words in another
    language as the content of a Span element with their /Lang."""
    base = height - it.y
    if gap:
        _marked_gap(c, it, height, tagger, say)
    for link, lang, runs, actual in pieces:
        mark = tagger.mark(it, link, lang)
        assert mark is not None
        c.addLiteral(f"/{mark[0]} <</MCID {mark[1]}>> BDC")
        _text(c, it, height, runs, actual)
        c.addLiteral("EMC")
        if say:  # in a right-to-left document (Tagger.say)
            tagger.say(mark[1], actual if actual is not None else _drawn(runs))
        if link:
            size = max(r.size for r in runs)
            last = runs[-1]
            trailing = len(last.text) - len(last.text.rstrip(" "))  # the space a broken line ends with
            end = last.x + (last.width * (len(last.text) - trailing) / len(last.text) if last.text else 0.0)
            tagger.annotate(it, link, (it.x + runs[0].x, base - 0.3 * size, it.x + end, base + 0.95 * size))


def _languages_text(c: Canvas, it: TextItem, height: float, tagger: Tagger, pieces: list[LinePiece],
                    gap: bool) -> None:
    """A right-to-left line with words in another language (``Line.pieces``): each piece its own marked
    content, drawn where the line puts it, and said by its element in reading order, the other
    language's words as a Span with their /Lang ("tramadol" in an English voice on an Arabic page)."""
    if gap:
        _marked_gap(c, it, height, tagger, True)
    for lang, runs, said in pieces:  # marked in reading order: the structure's order is the reading order
        mark = tagger.mark(it, "", lang)
        assert mark is not None
        c.addLiteral(f"/{mark[0]} <</MCID {mark[1]}>> BDC")
        _text(c, it, height, runs, None, True)
        c.addLiteral("EMC")
        tagger.say(mark[1], said, True)


def _text(c: Canvas, it: TextItem, height: float, runs: list[Run] | None = None,
          actual: str | None = None, visual: bool = False) -> None:
    """A line (or, with ``runs`` and their ``actual`` text, a piece of one); ``visual``: a
    right-to-left line said by its element (``Tagger.say``), its spaced numbers kept whole
    (``_spaced_numbers``)."""
    colour = _col(it.colour)
    rl.fill(c, colour)
    base = height - it.y
    # Shaped (Devanagari) glyphs do not map back to the letters: give the line's logical text as
    # /ActualText so screen readers, search and copy get what the author wrote.  (A right-to-left
    # line, drawn in visual order, is said by its structure element instead: Tagger.say.)
    if runs is None:
        runs, actual = it.line.runs, it.said if it.said is not None else it.line.actual_text
    if actual is not None:
        c.addLiteral(f"/Span <</ActualText {actual_text(actual, not it.line.personal)}>> BDC")
    doc = rl.document(c)
    ops: list[str] = []  # one text object for the line's unshaped runs
    # A right-to-left line said by its element: its raised citation numbers drawn last (each run is
    # placed on its own), so a viewer reading the glyphs (pdfium) keeps the line's sentences whole
    # and in order; a raised number between them was taken for a line of its own.
    for r in sorted(runs, key=lambda r: r.rise > 0) if visual else runs:
        if r.synth_bold:  # a font with no bold weight: fill and stroke the outline (set outside BT)
            c.setStrokeColor(colour)
            c.setLineWidth(r.size * 0.035)
        # Runs are written straight as PDF operators: ReportLab's drawString builds a text
        # object, a font switch and a line feed per run (a third of an English build), and
        # walks shaped glyphs cluster by cluster.
        font = pdf_font(r.font)
        if not ops:
            ops.append("BT")
        ops.append(f"1 0 0 1 {fp_str(it.x + r.x)} {fp_str(base + r.rise)} Tm")
        if r.synth_bold:
            ops.append("2 Tr")
        text = shaped_run(r.text, r.font, r.size, not r.personal) if r.shaped else r.text
        if isinstance(text, rl.ShapedStr):
            glyph_ops(ops, font, text, r.size, doc, not r.personal)
        else:
            size = fp_str(r.size)
            # A citation's raised number, in a line said by its element ("(source 1)"): a space for a
            # viewer reading the glyphs, which read it into the sentence next to it ("1 dose LDN ...").
            cut = [(text, " ")] if visual and r.rise > 0 else _spaced_numbers(text) if visual else [(text, None)]
            for part, said in cut:
                if said is not None:
                    ops.append(f"/Span <</ActualText {actual_text(said, False)}>> BDC")
                for subset, chunk in rl.split(font, part, doc):
                    ops.append(f"{rl.subset_name(font, subset, doc)} {size} Tf ({escapePDF(chunk)}) Tj")
                if said is not None:
                    ops.append("EMC")
        if r.synth_bold:
            ops.append("0 Tr")
    if ops:
        ops.append("ET")
        c.addLiteral(" ".join(ops))
    if actual is not None:
        c.addLiteral("EMC")


def _icon(c: Canvas, it: IconItem, height: float) -> None:
    s, x, top = it.size, it.x, height - it.y
    col = _col(it.colour)
    if it.kind == "checkbox":  # an open square the patient can tick
        c.setStrokeColor(col)
        c.setLineWidth(1.0)
        c.rect(x + 0.5, top - s + 0.5, s - 1, s - 1, stroke=1, fill=0)
    elif it.kind == "bullet":
        rl.fill(c, col)
        c.circle(x + s * 0.4, top - s / 2, s * 0.2, stroke=0, fill=1)
    elif it.kind == "check":
        c.setStrokeColor(col)
        c.setLineWidth(s * 0.16)
        c.setLineCap(1)
        c.setLineJoin(1)
        p = c.beginPath()
        p.moveTo(x + s * 0.08, top - s * 0.55)
        p.lineTo(x + s * 0.38, top - s * 0.85)
        p.lineTo(x + s * 0.95, top - s * 0.15)
        c.drawPath(p, stroke=1, fill=0)
        c.setLineCap(0)
        c.setLineJoin(0)
    elif it.kind == "warning":  # a triangle with "!", drawn: readable in black and white
        rl.fill(c, col)
        p = c.beginPath()
        p.moveTo(x + s / 2, top)
        p.lineTo(x + s, top - s * 0.9)
        p.lineTo(x, top - s * 0.9)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        rl.fill(c, _col("#ffffff"))
        c.rect(x + s * 0.455, top - s * 0.6, s * 0.09, s * 0.32, stroke=0, fill=1)
        c.circle(x + s / 2, top - s * 0.72, s * 0.055, stroke=0, fill=1)


def _qr(c: Canvas, it: QrItem, height: float) -> None:
    n = len(it.matrix)
    rl.fill(c, _col("#ffffff"))
    c.rect(it.x, height - it.y - it.size, it.size, it.size, stroke=0, fill=1)
    rl.fill(c, _col("#000000"))
    # The same code at the same place on every handout with that sources URL (a batch draws it for
    # each language and edition): its path, ~500 rectangles, is written once and remembered.
    key = (tuple(map(tuple, it.matrix)), it.x, it.y, it.size, height)
    code = MEMORY.qr_paths.get(key)
    if code is None:
        m = it.size / n
        p = c.beginPath()
        for r, row in enumerate(it.matrix):
            col = 0
            while col < n:  # one rectangle per horizontal run of dark modules
                if row[col]:
                    start = col
                    while col < n and row[col]:
                        col += 1
                    p.rect(it.x + start * m, height - it.y - (r + 1) * m, (col - start) * m, m)
                else:
                    col += 1
        code = MEMORY.qr_paths.put(key, p.getCode())
    c.addLiteral(code)
    c.addLiteral("f*")  # filled as ``drawPath(p, stroke=0, fill=1)`` fills (ReportLab's canvas: even-odd)
