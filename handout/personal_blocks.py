"""Personal blocks: ``Ctx.personal`` in, the patient's box out (the dose calendar is in ``calendar_blocks``).

Built like the other blocks (chunks of located items, mirrored for right-to-left).
"""

from __future__ import annotations

import re

from .blocks import Ctx
from .boxes import Chunk, Item, RectItem
from .dose_blocks import track_of
from .markup import NBSP, Span
from .rtl import strong_rtl


def value_span(ctx: Ctx, text: str, number: bool = False, phone_in: bool = False) -> Span:
    """A patient's detail as a span: personal (never remembered); on a right-to-left page, a value
    with no right-to-left letter (a Latin name) or a phone ``number`` is one left-to-right run on
    each of its lines: its end punctuation sat at the wrong end (".John O'Neil-Smith Jr"), and a
    phone number's groups in reverse ("4567-123 (555) 1+").

    A phone number (``number``, or one in a detail ``phone_in``: the pharmacy's "name and phone")
    never parts between its groups ("+49 30 1234" / "5678": a listening review), nor prints them
    in reverse on a right-to-left page ("صيدلية 011 234 5678" printed "5678 234 011"): the spaces
    between its digits and brackets are no-break spaces, which the bidirectional algorithm keeps
    inside a number.  An extension's words may still start a line ("… 0958" / "ext. 12").  Not in
    a note: "2 3" there is two numbers ("take 2 3 times"), which joined would read "3 2" in Arabic."""
    if number or phone_in:
        text = _GROUPS.sub(NBSP, text)
    return Span(text, personal=True, ltr=ctx.rtl and (number or not any(strong_rtl(ch) for ch in text)),
                number=ctx.rtl and number)


_GROUPS = re.compile(r"(?<=[\d)]) (?=[\d(])")  # between a phone's groups: digits, brackets


def value_spans(ctx: Ctx, name: str | None, phone: str | None) -> list[Span]:
    """'Name, phone' as spans: the phone its own left-to-right run, whatever script the name is in."""
    parts = [value_span(ctx, name)] if name else []
    if phone:
        if parts:  # with a Latin name, the comma is the name's ("…, MD," at a line's end, not its start);
            # after an Arabic one, the script's own comma
            latin = parts[0].ltr or not ctx.rtl
            parts.append(Span(", " if latin else "\u060c ", personal=True, ltr=parts[0].ltr))
        parts.append(value_span(ctx, phone, number=True))
    return parts


def personal_box(ctx: Ctx) -> list[Chunk]:
    """The patient's details in a thin accent box, two "Label: value" cells a row; the note,
    often the longest, across the box's whole width below them (not a tall narrow column)."""
    p = ctx.personal
    if p is None or p.empty:
        return []
    lab, loc = ctx.loc.labels, ctx.loc
    def one(text: str | None) -> list[Span]:
        return [value_span(ctx, text)] if text else []

    cells = [(key, value) for key, value in (
        ("personal_for", one(p.patient)), ("personal_start", one(loc.date(p.start) if p.start else None)),
        ("personal_weight", one(lab("weight_kg", kg=loc.number(p.weight_kg))
                                if p.weight_kg and track_of(ctx).weight_rules else None)),  # the plan printed's: personal.check
        ("personal_prescriber", value_spans(ctx, p.prescriber, p.prescriber_phone)),
        ("personal_clinic", value_spans(ctx, p.clinic, p.clinic_phone)),
        ("personal_pharmacy", [value_span(ctx, p.pharmacy, phone_in=True)] if p.pharmacy else [])) if value]
    sp = ctx.theme.spacing
    pad, padx = ctx.gap(sp.box_padding) * 0.6, ctx.hgap(sp.box_padding)
    gutter = ctx.hgap(2)
    inner = ctx.width - 2 * padx
    col_w = (inner - gutter) / 2
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)] + ([[("personal_note", one(p.note))]] if p.note else [])
    if not rows:  # nothing of the patient's is printed (a weight a fixed plan leaves off): no empty box
        return []
    items: list[Item] = []
    y = pad
    for row in rows:
        row_h = 0.0
        for k, (key, value) in enumerate(row):
            spans = [Span(lab(key) + ": ", bold=True), *value]
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
