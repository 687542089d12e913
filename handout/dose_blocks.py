"""Dose blocks: a plan in; the dosing table and the check-your-dose box out (chunks of located
items, as in ``blocks``); the dose calendar and the dose log are ``calendar_blocks``.

* The table prints only the columns the plan needs: a "Medicine" column when a companion is
  taken beside it, "Day" for days of the week, "Most in 24 hours" when there is a maximum; the
  "How to take it" cell is the whole USP <17> instruction (``sig``).
* The box under it repeats what must never be missed, bold, with a border and a drawn icon:
  the weekly day, the 24-hour maximum, how to measure a liquid, the weight a dose was worked
  out for.
Right-to-left languages mirror every column.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date

from .blocks import Ctx, heading, paragraph, list_item
from .boxes import Chunk, Item, RectItem, Role, RuleItem, TextItem, shift
from .breaks import has_cjk
from .dosing import Medication, dose_days, doses_a_day, medications, once_a_week, step_days, weekly
from .model import Step, Track
from .sig import Sig
from .markup import Span


def sig_of(ctx: Ctx) -> Sig:
    s = ctx._memo.get("sig")
    if s is None:
        s = ctx._memo["sig"] = Sig(ctx.handout, ctx.loc, ctx.personal, ctx.theme.measure)
    return s


def track_of(ctx: Ctx) -> Track:
    return ctx.handout.track((ctx.personal.track if ctx.personal else None) or ctx.track_id)


def said_as(lines: Sequence[TextItem], said: str) -> None:
    """The lines of one date range said as "from Dec 29 to Jan 11": the first line says it all, the
    others nothing (a range broken over two lines was read "29 дек. — 11 янв.": a code review)."""
    for k, it in enumerate(lines):
        it.said = "" if k else said


# The comma a voice pauses at, in the scripts whose comma is not the Latin one
_PAUSE = {"ar": "، ", "fa": "، ", "zh": "，", "ja": "、"}


def step_dates(ctx: Ctx, step: Step) -> tuple[str, str]:
    """The real dates of a step for a patient with a start date ("Dec 1 – 14", "From Dec 29"), and
    as a screen reader says them ("from December 1 to December 14": ``Localizer.date_range_said``).

    A step taken on named weekdays gives its first and last dose days: "From Dec 8" beside
    "Monday", for a start on Tuesday the 8th, could be read as a first dose that day, and the
    next on Monday the 14th: two weekly doses of methotrexate six days apart (a review)."""
    assert ctx.personal is not None and ctx.personal.start is not None
    first, last = step_days(step, ctx.personal.start)
    span = dose_days(step, first, last) if step.days else None
    if span is not None:  # (no dose day in the span: refused before layout, personalize.build)
        first, last = span
    loc = ctx.loc
    if last is None:  # (said with its month in full: "Desde el 29 dic" was heard "dic", and Vietnamese "thg" spelled)
        said = loc.labels("dates_from", start=loc.said_date(first))
        # ... after the step's words and a pause, as a range is ("From day 13, from December 22"): the label's
        # capital is its own line's, in print (a pharmacist's review read "From day 13, From December 22")
        word = said.split(maxsplit=1)[0] if said.split() else ""
        if word[:1].isupper() and (len(word) == 1 or not word.isupper()):  # ("С 29 декабря" too; never "ME/CFS")
            said = said[0].lower() + said[1:]
        return loc.labels("dates_from", start=loc.short_date(first)), said
    return loc.date_range(first, last), loc.date_range_said(first, last)


def _columns(meds: list[Medication]) -> list[str]:
    steps = [s for m in meds for s in m.steps]
    cols = ["when"] + (["medicine"] if len(meds) > 1 else []) + ["dose"]
    if any(s.days or (s.every is not None and s.every.days) for s in steps):
        cols.append("day")
    cols.append("instruction")
    if any(s.max_per_day is not None for s in steps):
        cols.append("max")
    if any(s.note for s in steps):
        cols.append("note")
    return cols


def dosing(ctx: Ctx) -> list[Chunk]:
    h, sig = ctx.handout, sig_of(ctx)
    sp = ctx.theme.spacing
    chunks = [heading(ctx, sig.label("dosing_heading", drug=h.text.short_name), "dosing")]
    chunks += paragraph(ctx, ctx.label("dosing_intro"), "dosing/intro", 0.0)
    chunks[-1].keep_with_next = True
    memo = ctx._memo.get("dosing table")
    if memo is None:  # the table's words do not depend on the spacing: once per layout, not per attempt
        memo = ctx._memo["dosing table"] = _table_words(ctx)
    meds, cols, head, rows, dates, steps = memo
    weights = ctx.theme.table_columns
    total = sum(weights[c] for c in cols)
    widths = [weights[c] / total * ctx.width for c in cols]
    pad, padx = ctx.gap(0.8), ctx.hgap(0.8)
    mins = ctx._memo.get(("dosing mins", ctx.body))
    if mins is None:
        mins = ctx._memo[("dosing mins", ctx.body)] = _column_minimums(ctx, cols, head, rows, steps, padx, dates)
    over = sum(mins) - ctx.width
    if over > 0:  # the words cannot all fit whole: the cells' side padding gives way first, down to half
        # (Spanish large print with a Wednesday broke its heading as "Medicament" over "o"), and only
        # then do the columns (_table), so a word is broken only when no padding is left to take.
        cut = min(padx / 2, over / (2 * len(cols)))
        mins = [m - 2 * cut for m in mins]
        padx -= cut
    return _table(ctx, chunks, meds, cols, head, rows, dates, widths, mins, pad, padx, sp)


def _table_words(ctx: Ctx) -> tuple:
    """The dosing table's medicines, columns, header and rows (and each row's dates)."""
    h, sig = ctx.handout, sig_of(ctx)
    lab = ctx.loc.labels
    meds = medications(track_of(ctx))
    cols = _columns(meds)
    head = {"when": lab("col_when"), "medicine": lab("col_medicine"), "dose": lab("col_dose"),
            "day": lab("col_day"), "instruction": sig.label("col_instruction"), "max": lab("col_max"),
            "note": lab("col_note")}
    rows: list[dict[str, str]] = [head]
    dated = ctx.personal is not None and ctx.personal.start is not None
    dates: list[tuple[str, str]] = [("", "")]
    steps = [s for m in meds for s in m.steps]
    for med in meds:
        for s in med.steps:
            day = sig.day_cell(s)
            # An as-needed plan from day 1 with no end: "Day 1 on" read as a dose every day, for
            # good (a pharmacist's review of acetaminophen); it is taken only when needed.
            open_as_needed = s.as_needed and s.when.start == 1 and s.when.end is None
            when = lab("day_as_needed") if open_as_needed else ctx.loc.period(s.when)
            rows.append({"when": when, "medicine": sig.name(med),
                         "dose": sig.amount_cell(s, med.product),
                         "day": f"**{day}**" if weekly(s) else day,
                         "instruction": sig.instruction(med, s, amount=False),  # the Dose column has the mg
                         "max": f"**{sig.max_cell(med, s)}**" if s.max_per_day is not None else "",
                         "note": h.text.step_notes.get(s.note, "") if s.note else ""})
            dates.append(step_dates(ctx, s) if dated else ("", ""))
    return meds, cols, head, rows, dates, steps


def _column_minimums(ctx: Ctx, cols: list[str], head: dict[str, str], rows: list[dict[str, str]],
                     steps: list, padx: float, dates: Sequence[tuple[str, str]] = ()) -> list[float]:
    """No word breaks inside a cell, and a dose never breaks at all ("1,000 units"): each column is at
    least as wide as its longest word (the dose column its longest dose; the When column also the
    widest piece of a patient's dates that cannot break: "21 dic –")."""
    mins = []
    for kind in cols:
        pieces = [r["dose"] for r, s in zip(rows[1:], steps) if s.per_kg is None] if kind == "dose" \
            else [w for r in rows[1:] for w in r[kind].split(" ")]  # a no-break space glues
        pieces = [x for x in dict.fromkeys(pieces + head[kind].split(" ")) if x.strip()]  # each word once
        need = max(_unbreakable(ctx, x) for x in pieces)
        if kind == "when":  # the patient's dates, drawn regular: their widest piece the wrapper never breaks
            need = max([need, *(ctx.wrapper.widest_unit([Span(d)], ctx.body, remember=not ctx.private)
                                for d, _ in dates if d)])
        mins.append(need + 2 * padx + 1)
    return mins


def _unbreakable(ctx: Ctx, text: str) -> float:
    """The width ``text`` needs on one line; Chinese text, which breaks between characters, needs
    only its widest unit (a whole cell "请睡前服1粒。" as a minimum left too little room for the dose
    column in large print, and "1.5 mg" was cut inside its unit)."""
    spans = ctx.spans(text, bold=True)
    if has_cjk(text):
        return ctx.wrapper.widest_unit(spans, ctx.body, remember=not ctx.private)
    return ctx.lines(spans, ctx.body, 10_000)[0].width


def _table(ctx: Ctx, chunks: list[Chunk], meds: list[Medication], cols: list[str], head: dict[str, str],
           rows: list[dict[str, str]], dates: list[tuple[str, str]], widths: list[float], mins: list[float], pad: float,
           padx: float, sp) -> list[Chunk]:
    """The table's rows as chunks (the room each column gets comes from the columns with the most to
    spare, never from one already at its minimum), then the check-your-dose box."""
    widths = [max(w, m) for w, m in zip(widths, mins)]
    over = sum(widths) - ctx.width
    while over > 0.01:
        k = max(range(len(cols)), key=lambda i: widths[i] - mins[i])
        take = min(over, widths[k] - mins[k])
        if take <= 0:  # the words cannot all fit whole: the columns give way, never past the page,
            # the dose's last: a dose is never cut ("1.5 m" over "g" in large print with Days and Max).
            dose = sum(w for kind, w in zip(cols, widths) if kind == "dose")
            rest = sum(widths) - dose
            scale = (ctx.width - dose) / rest if rest > 0 and dose < ctx.width else None
            widths = [w if kind == "dose" and scale is not None else w * (scale or ctx.width / sum(widths))
                      for kind, w in zip(cols, widths)]
            break
        widths[k] -= take
        over -= take
    table: list[Chunk] = []
    header: tuple[list[Item], float] = ([], 0.0)
    # Each row is headed by its medicine, else by its weeks: moving down the Dose column a listener heard "15 mg",
    # then "1 mg", and nothing said which was methotrexate's (a listening review)
    heads = "medicine" if "medicine" in cols else "when"
    for r, row in enumerate(rows):  # one chunk per row: a row never splits, a long table may
        items: list[Item] = []
        x = 0.0
        row_h = 0.0
        for col, (kind, w) in enumerate(zip(cols, widths)):
            role: Role = "TH" if r == 0 or kind == heads else "TD"
            group = f"dosing/table/{r}/{col}"
            cx = ctx.mirror(x, w) + padx
            its, th = ctx.text(ctx.spans(row[kind], bold=r == 0 or kind == "dose"), ctx.body, w - 2 * padx,
                               ctx.c.text, role, group, x=cx, top=pad)
            items += its or [empty_cell(cx, pad, w - 2 * padx, role, group)]
            if r and kind == "when" and dates[r][0]:  # the real dates of the step, under "Weeks 1 to 2"
                more, mh = ctx.text([Span(dates[r][0])], ctx.body, w - 2 * padx, ctx.c.muted, role, group, x=cx,
                                    top=pad + th)
                # (after a pause: "Week 5 on From December 29" (now "From week 5") was read as one phrase, a listening review)
                said_as(more, _PAUSE.get(ctx.handout.lang.split("-")[0], ", ") + dates[r][1])
                items += more
                th += mh
            row_h = max(row_h, th + 2 * pad)
            x += w
        row_frame(ctx, items, row_h, "dosing/table", header=r == 0)
        if r == 0:
            header = ([copy.copy(it) for it in items], row_h)  # unplaced copies, to repeat on a new page
            table.append(Chunk(row_h, items, gap=ctx.gap(sp.paragraph), keep_with_next=True))
        else:
            table.append(Chunk(row_h, items, repeat=header))
    if len(rows) - 1 <= ctx.theme.table_keep_rows:  # a short table stays whole: a reader sees it at once
        y = 0.0
        items = []
        for ch in table:
            items += shift(ch.items, 0, y)
            y += ch.height
        table = [Chunk(y, items, gap=table[0].gap)]
    return chunks + table + dose_box(ctx, meds)


def empty_cell(x: float, y: float, w: float, role: Role, group: str) -> RectItem:
    """An empty table cell: nothing is drawn, but its TH/TD element exists, so every row of the
    table has the same cells (PDF/UA: no row may span a different number of columns)."""
    return RectItem(x, y, w, 0.0, None, None, 0.0, role, group)


def row_frame(ctx: Ctx, items: list[Item], h: float, group: str, header: bool) -> None:
    """A table row's decoration: a tinted band behind a header row, a hairline under every row."""
    if header:
        items.insert(0, RectItem(0, 0, ctx.width, h, ctx.c.accent_tint, None, 0, "Artifact", group))
    items.append(RuleItem(0, h, ctx.width, h, ctx.c.rule, ctx.theme.lines.hair, "Artifact", group))


def box_lines(ctx: Ctx, meds: list[Medication]) -> list[str]:
    """What the check-your-dose box says, once each (markup)."""
    sig = sig_of(ctx)
    lab = ctx.loc.labels
    lines: list[str] = []
    for med in meds:
        name = sig.name(med)
        for s in med.steps:
            if once_a_week(s):  # ISMP: weekly methotrexate taken daily kills
                lines.append(sig.label("box_weekly", drug=f"**{name}**", days=f"**{sig.days(s)}**"))
            elif weekly(s):
                lines.append(lab("box_days", drug=f"**{name}**", days=f"**{sig.days(s)}**"))
            # The weight's dose first: one dose is what is measured (the day's most came first, its
            # bold volume read as the dose).  With no weight yet the ceiling is in the weight line.
            if s.per_kg is not None:
                lines += _weight_lines(ctx, sig, med, s)
            if s.max_per_day is not None and (s.per_kg is None or sig.weight is not None):
                lines.append(lab("box_max", drug=f"**{name}**", most=f"**{sig.max_cell(med, s)}**"))
        conc = med.product.concentration
        if med.product.form == "liquid" and conc is not None:
            key = "box_liquid_cup" if med.product.device == "dosing_cup" else "box_liquid"
            amount = ctx.loc.dose(conc.amount, med.product.unit)
            strength = lab('concentration', amount=amount, volume=ctx.loc.dose(conc.volume, 'mL'))
            lines.append(lab(key, concentration=f"**{strength}**"))
            # A 5 mL syringe and a 5.2 mL dose: filled twice, or filled to 5 and given (a
            # pharmacist's review).  The standards say which syringe: one that holds the largest dose.
            doses = [sig.dose_of(s, med.product) for s in med.steps if not s.stop]
            volumes = [d.volume for d in doses if d is not None and d.volume]
            # Only when every dose's volume is known: a weight rule not yet worked out may need more.
            if med.product.device == "oral_syringe" and volumes and len(volumes) == len(doses):
                lines.append(lab("box_syringe", volume=sig.count(max(volumes), "liquid")))
    return list(dict.fromkeys(lines))


def _weight_lines(ctx: Ctx, sig: Sig, med: Medication, s: Step) -> list[str]:
    lab = ctx.loc.labels
    p = ctx.personal
    n = doses_a_day(s)
    # Whom the rule is for: a weight says nothing of age (a 4 kg baby may be 6 weeks old), and a
    # form filled in by hand is where a 45 kg (or 185 kg) slip goes unchecked.
    months = ctx.loc.number(s.from_months) if s.from_months else None
    if p is None or p.weight_kg is None:
        rule = sig.weight_max(med, s)  # the rule, and the ceiling no weight may pass
        # A once-a-day weight rule (prednisolone 1 mg/kg, azithromycin 10 mg/kg) printed "split
        # into 1 doses": one dose has its own words.
        line = sig.label("box_weight", rule=rule, n=ctx.loc.number(n)) if n > 1 else sig.label("box_weight_once", rule=rule)
        kg = ctx.loc.number(s.below_kg) if s.below_kg else None
        # (no prescriber for an over-the-counter medicine: "ask a doctor or pharmacist", sig.label)
        who = (sig.label("box_age_weight", months=months, kg=kg) if months and kg else
               sig.label("box_weight_under", kg=kg) if kg else lab("box_age_from", months=months) if months else None)
        return [line, lab("box_weight_blank"), *([who] if who else [])]
    dose = sig.dose_of(s, med.product)
    assert dose is not None
    when = ctx.loc.date(p.weighed_on or date.today())
    # The rate it was worked out at, said with it: a prescriber's other rate (25 or 90 mg/kg a day)
    # on the bottle's label then reads as another plan, not as an overdose (a pharmacist's review).
    rule = lab("per_kg_day", amount=sig.amount(s.per_kg or 0, med.product.unit))
    out = [lab("box_weight_done", kg=ctx.loc.number(p.weight_kg), date=when, rule=rule,
               dose=f"**{sig.dose_phrase(med, s)}**")]
    if months:  # (the weight was checked against the rule's limit: personal.check) the age, in the
        # same line: the fridge page has no room to spare (no space after a CJK full stop)
        out[0] += ("" if out[0].endswith(("。", "！")) else " ") + lab("box_age_from", months=months)
    if dose.capped:
        out.append("**" + sig.label("box_weight_capped") + "**")
    return out


def dose_box(ctx: Ctx, meds: list[Medication], more: Sequence[str] = ()) -> list[Chunk]:
    lines = box_lines(ctx, meds) + list(more)
    if not lines:
        return []
    from .safety_blocks import warning_box
    sp = ctx.theme.spacing

    def content(inner: float, x: float, y: float):
        items: list[Item] = []
        for i, text in enumerate(lines):
            li, lh = list_item(ctx, text, f"dosing/box/{i}", "bullet", inner)
            items += shift(li, x, y)
            y += lh + ctx.gap(sp.item)
        return items, y - ctx.gap(sp.item)

    return [warning_box(ctx, ctx.loc.labels("dose_box_title"), "dosing/box", content, ctx.gap(sp.paragraph))]


# --- the personal calendar
