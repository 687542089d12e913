"""Source blocks: the numbered sources and the QR code that leads to them.

Sources are numbered as a reader meets their citations (``source_order``, also asked by the
plain-language rules and the proof), and each is printed as published, with its DOI or URL a link of
its own.  Same contract as ``blocks``: chunks of located items, mirrored for right-to-left languages.
"""

from __future__ import annotations

from .blocks import Ctx, heading
from .boxes import Chunk, QrItem, shift
from .markup import Span, citations
from .model import Handout, Section, Source, outline_ids
from .theme import MM


def source_order(h: Handout) -> list[Source]:
    """Sources numbered as a reader meets them (Vancouver style): citations in the order of the
    outline's blocks, then any source never cited, in the order handout.yaml lists them."""
    t, f = h.text, h.facts
    sections: dict[str, Section] = {sec.id: sec for sec in t.sections}
    texts: dict[str, list[str]] = {
        "key_points": list(t.key_points),
        "side_effects": [" ".join(f"[@{c}]" for c in f.side_effects.cite), t.serious_action],
        "interactions": [t.interactions[i.id] + " ".join(f" [@{c}]" for c in i.cite) for i in f.interactions],
        "precautions": list(t.precautions),
        "faq": [qa.a for qa in t.faq],
    }
    texts["serious"], texts["do_not_take"] = texts["side_effects"], texts["interactions"]
    seen: list[str] = []
    for block in outline_ids(f.outline):
        found = texts.get(block) or ([*sections[block].body, *sections[block].bullets] if block in sections else [])
        for text in found:
            for c in citations(text):  # a source cited twice in one paragraph is still numbered once
                if c not in seen:
                    seen.append(c)
    by_id: dict[str, Source] = {s.id: s for s in f.sources}
    return [by_id[i] for i in seen if i in by_id] + [s for s in f.sources if s.id not in seen]


def doi_uri(doi: str) -> str:
    """The URI a DOI resolves at (printed as "doi:10.x/y")."""
    return "https://doi.org/" + doi


def _source_spans(s: Source) -> list[Span]:
    """A reference as printed, its DOI or URL a span of its own that links to it."""
    parts = [p for p in (s.authors, s.title, s.publisher, str(s.year) if s.year else None) if p]
    ref = (". ".join(p.rstrip(".") for p in parts) + ".").replace("**", "")
    if s.doi:
        return [Span(ref + " "), Span(f"doi:{s.doi}", link=doi_uri(s.doi))]
    if s.url:
        return [Span(ref + " "), Span(s.url, link=s.url)]
    return [Span(ref)]


def _qr_panel(ctx: Ctx) -> Chunk:
    """The QR code (vector, with its quiet zone), a one-line label and the printed short URL."""
    q = ctx.theme.qr.size_mm * MM
    url = ctx.handout.facts.qr_url
    tw = ctx.width - q - ctx.hgap(1.5)
    tx = 0.0 if ctx.rtl else q + ctx.hgap(1.5)
    label, lh_ = ctx.text(ctx.spans(ctx.loc.labels("qr_label"), bold=True), ctx.body, tw, ctx.c.text, "P",
                          "sources/qr", x=tx, top=0)
    link, kh = ctx.text([Span(url.removeprefix("https://"), link=url)], ctx.body, tw, ctx.c.accent, "P", "sources/qr",
                        x=tx, top=lh_)
    block_h = max(q, lh_ + kh)
    shift(label + link, 0, (block_h - lh_ - kh) / 2)
    qr = QrItem(ctx.mirror(0, q), (block_h - q) / 2, q, ctx.qr_matrix, url, "Figure", "sources/qr",
                alt=ctx.loc.labels("alt_qr", url=url))
    return Chunk(block_h, [qr, *label, *link], gap=ctx.gap(ctx.theme.spacing.block))


def qr(ctx: Ctx) -> list[Chunk]:
    return [_qr_panel(ctx)]


def sources(ctx: Ctx) -> list[Chunk]:
    """The QR panel, then the numbered sources in small type."""
    sp = ctx.theme.spacing
    size = ctx.theme.sizes.small
    panel = _qr_panel(ctx)
    panel.gap, panel.keep_with_next = 0.0, True
    chunks = [heading(ctx, ctx.loc.labels("sources_heading"), "sources"), panel]
    num_w = size * 1.8
    for i, s in enumerate(ctx.sources):
        txt, h = ctx.text(_source_spans(s), size, ctx.width - num_w, ctx.c.text, "LBody", f"sources/{i}",
                          x=0.0 if ctx.rtl else num_w)
        num, _ = ctx.text([Span(f"{i + 1}.")], size, num_w, ctx.c.muted, "Lbl", f"sources/{i}",
                          x=ctx.mirror(0, num_w))
        if ctx.handout.lang != ctx.handout.facts.source_language:
            for it in txt:  # references are cited as published, in the source language: read them so
                it.lang = ctx.handout.facts.source_language
        chunks.append(Chunk(h, [*num, *txt], gap=ctx.gap(sp.item) * 0.6 if i else ctx.gap(sp.paragraph)))
    return chunks
