"""Personal blocks: ``Ctx.personal`` in, the patient's box out (the dose calendar is in ``dose_blocks``).

Built like the other blocks (chunks of located items, mirrored for right-to-left).
"""

from __future__ import annotations

from .blocks import Ctx
from .boxes import Chunk, Item, RectItem
from .markup import Span
from .rtl import strong_rtl

LRM = "\u200e"  # left-to-right mark: strong, invisible, never drawn


def value_span(ctx: Ctx, text: str) -> Span:
    """A patient's detail as a span: personal (never remembered); on a right-to-left page, a value
    with no right-to-left letter (a Latin name, a phone number) is one left-to-right run: its end
    punctuation sat at the wrong end (".John O'Neil-Smith Jr"), so a mark holds each end."""
    if ctx.rtl and not any(strong_rtl(ch) for ch in text):
        text = f"{LRM}{text}{LRM}"
    return Span(text, personal=True)


def personal_box(ctx: Ctx) -> list[Chunk]:
    """The patient's details in a thin accent box, two "Label: value" cells a row; the note,
    often the longest, across the box's whole width below them (not a tall narrow column)."""
    p = ctx.personal
    if p is None or p.empty:
        return []
    lab, loc = ctx.loc.labels, ctx.loc
    cells = [(key, value) for key, value in (
        ("personal_for", p.patient), ("personal_start", loc.date(p.start) if p.start else None),
        ("personal_weight", lab("weight_kg", kg=loc.number(p.weight_kg)) if p.weight_kg else None),
        ("personal_prescriber", ", ".join(x for x in (p.prescriber, p.prescriber_phone) if x) or None),
        ("personal_clinic", ", ".join(x for x in (p.clinic, p.clinic_phone) if x) or None),
        ("personal_pharmacy", p.pharmacy)) if value]
    sp = ctx.theme.spacing
    pad, padx = ctx.gap(sp.box_padding) * 0.6, ctx.hgap(sp.box_padding)
    gutter = ctx.hgap(2)
    inner = ctx.width - 2 * padx
    col_w = (inner - gutter) / 2
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)] + ([[("personal_note", p.note)]] if p.note else [])
    items: list[Item] = []
    y = pad
    for row in rows:
        row_h = 0.0
        for k, (key, value) in enumerate(row):
            spans = [Span(lab(key) + ": ", bold=True), value_span(ctx, str(value))]
            if key == "personal_note":
                its, h = ctx.text(spans, ctx.body, inner, ctx.c.text, "P", f"personal/{key}", x=padx, top=y)
            else:
                its, h = ctx.text(spans, ctx.body, col_w, ctx.c.text, "P", f"personal/{key}",
                                  x=padx + ctx.mirror(k * (col_w + gutter), col_w, inner), top=y)
            items += its
            row_h = max(row_h, h)
        y += row_h
    y += pad
    box = RectItem(0, 0, ctx.width, y, None, ctx.c.accent, ctx.theme.lines.box, "Artifact", "personal")
    return [Chunk(y, [box, *items], gap=ctx.gap(sp.block))]
