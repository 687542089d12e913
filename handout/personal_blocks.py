"""Personal blocks: the patient's box, dated steps, and the pill-card dose calendar.

Built like the other blocks (chunks of located items, mirrored for right-to-left),
from ``Ctx.personal``.  The calendar has one row per week (or part of a week,
where the dose changes) with a real date under each day's checkbox, through the
first week of the last step: the weeks a patient is most likely to lose track.
"""

from __future__ import annotations

from datetime import date, timedelta

from .blocks import Ctx, heading, paragraph
from .boxes import Chunk, IconItem, Item, RectItem, RuleItem
from .model import Step, Track
from .text import Span
from .theme import MM


def step_days(step: Step, start: date) -> tuple[date, date | None]:
    """First and last day of a step (None: open-ended)."""
    w = step.when
    size = 7 if w.unit == "week" else 1
    first = start + timedelta(days=(w.start - 1) * size)
    last = start + timedelta(days=w.end * size - 1) if w.end is not None else None
    return first, last


def step_dates(ctx: Ctx, step: Step) -> str:
    first, last = step_days(step, ctx.personal.start)
    loc = ctx.loc
    if last is None:
        return loc.labels("dates_from", start=loc.short_date(first))
    return loc.date_range(first, last)


def personal_box(ctx: Ctx) -> list[Chunk]:
    """The patient's details in a thin accent box, two "Label: value" cells a row."""
    p = ctx.personal
    if p is None or p.empty:
        return []
    lab, loc = ctx.loc.labels, ctx.loc
    cells = [(key, value) for key, value in (
        ("personal_for", p.patient), ("personal_start", loc.date(p.start) if p.start else None),
        ("personal_prescriber", ", ".join(x for x in (p.prescriber, p.prescriber_phone) if x) or None),
        ("personal_clinic", ", ".join(x for x in (p.clinic, p.clinic_phone) if x) or None),
        ("personal_pharmacy", p.pharmacy), ("personal_note", p.note)) if value]
    sp = ctx.theme.spacing
    pad, padx = ctx.gap(sp.box_padding) * 0.6, ctx.hgap(sp.box_padding)
    gutter = ctx.hgap(2)
    col_w = (ctx.width - 2 * padx - gutter) / 2
    items: list[Item] = []
    y = pad
    for start in range(0, len(cells), 2):
        row_h = 0.0
        for k, (key, value) in enumerate(cells[start:start + 2]):
            spans = [Span(lab(key) + ": ", bold=True), Span(str(value))]
            its, h = ctx.text(spans, ctx.body, col_w, ctx.c.text, "P", f"personal/{key}",
                              x=padx + ctx.mirror(k * (col_w + gutter), col_w, ctx.width - 2 * padx), top=y)
            items += its
            row_h = max(row_h, h)
        y += row_h
    y += pad
    box = RectItem(0, 0, ctx.width, y, None, ctx.c.accent, ctx.theme.lines.box, "Artifact", "personal")
    return [Chunk(y, [box, *items], gap=ctx.gap(sp.block))]


def _rows(track: Track, start: date) -> list[tuple[list[date], Step]]:
    """Runs of at most 7 days with one dose each, through the first week of the last step."""
    days: list[tuple[date, Step]] = []
    for step in track.steps:
        first, last = step_days(step, start)
        last = last or first + timedelta(days=6)
        d = first
        while d <= last:
            days.append((d, step))
            d += timedelta(days=1)
    rows: list[tuple[list[date], Step]] = []
    for d, step in days:
        if rows and rows[-1][1] is step and len(rows[-1][0]) < 7:
            rows[-1][0].append(d)
        else:
            rows.append(([d], step))
    return rows


def calendar(ctx: Ctx) -> list[Chunk]:
    p = ctx.personal
    if p is None or p.start is None:
        return []
    h, lab, loc = ctx.handout, ctx.loc.labels, ctx.loc
    track = h.track(p.track or ctx.track_id)
    sp = ctx.theme.spacing
    chunks = [heading(ctx, lab("calendar_title"), "calendar")]
    chunks += paragraph(ctx, lab("calendar_intro"), "calendar/intro", 0.0)
    chunks[-1].keep_with_next = True
    box = ctx.theme.checkbox_mm * MM * 1.2
    small = ctx.theme.sizes.small
    left_w, mid_w = ctx.width * 0.26, ctx.width * 0.30
    right_w = ctx.width - left_w - mid_w
    cell = right_w / 7
    pad = ctx.gap(0.7)
    for n, (days, step) in enumerate(_rows(track, p.start)):
        group = f"calendar/{n}"
        week = (days[0] - p.start).days // 7 + 1
        a, ah = ctx.text([Span(lab("calendar_week", n=loc.number(week)), bold=True)], ctx.body, left_w - ctx.hgap(1),
                         ctx.c.text, "P", group, x=ctx.mirror(0, left_w), top=pad)
        dates = loc.date_range(days[0], days[-1]) if len(days) > 1 else loc.short_date(days[0])
        b, bh = ctx.text([Span(dates)], small, left_w - ctx.hgap(1), ctx.c.muted, "P", group,
                         x=ctx.mirror(0, left_w), top=pad + ah)
        dose = f"**{loc.dose(step.amount, track.product.unit)}** · {loc.count(step.count, track.product.form)} · " \
               f"{lab('timing_' + step.timing)}"
        c, ch = ctx.text(ctx.spans(dose), ctx.body, mid_w - ctx.hgap(1), ctx.c.text, "P", group,
                         x=ctx.mirror(left_w, mid_w), top=pad)
        items: list[Item] = [*a, *b, *c]
        for k, d in enumerate(days):
            x = ctx.mirror(left_w + mid_w + k * cell, cell)
            label = [Span(loc.number(d.day))]
            num, nh = ctx.text(label, small, cell, ctx.c.muted, "P", group,
                               x=x + (cell - ctx.lines(label, small, cell)[0].width) / 2, top=pad)
            items += num
            items.append(IconItem("checkbox", x + (cell - box) / 2, pad + nh, box, ctx.c.rule, "Lbl", group))
        row_h = max(ah + bh, ch, small * ctx.leading + box) + 2 * pad
        items.append(RuleItem(0, row_h, ctx.width, row_h, ctx.c.rule, ctx.theme.lines.hair, "Artifact", group))
        chunks.append(Chunk(row_h, items, gap=ctx.gap(sp.paragraph) if n == 0 else 0.0))
    return chunks
