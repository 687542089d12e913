"""Calendar blocks: a plan and a start date in; the dose calendar, its check box and the dose log
out (chunks of located items, as in ``blocks``).

* The calendar has one box per scheduled dose and none on a day without one: a week is a
  header row (weekday and date) and one row per medicine, step and time of day.  A row that
  starts a page gets its week's header again; a once-a-week dose's row names its day.
* An as-needed medicine gets a dose log instead (date, time, amount, 24-hour total).
* ``dose_checks`` is the dosing block's check box for the fridge page; ``calendar_tries`` says
  what gives way when a page is full (the names of what may interact, then the box, never a
  once-a-week medicine's box), and when a long plan takes more pages.
Right-to-left languages mirror every column.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date, timedelta

from .blocks import Ctx, heading, paragraph
from .boxes import Chunk, IconItem, Item, Page, RuleItem, TextItem
from .dose_blocks import dose_box, empty_cell, row_frame, said_as, sig_of, step_dates, track_of
from .dosing import Medication, dose_days, is_dose_day, medications, once_a_week, slots, step_days, weekly
from .markup import Span
from .model import Handout
from .theme import MM


CALENDAR_MAX_PAGES = 2  # front and back of one sheet
CALENDAR_LONG_PAGES = 4  # a long plan (ten weeks of a weekly medicine): a second sheet, not no calendar
# The card stays on the fridge: the warnings go with it, then what the boxes cannot say ("Never
# take it every day") and the names of what may interact (a pharmacist's review).
CALENDAR_OUTLINE = ("personal", "calendar", "dose_checks", "serious", "do_not_take", "ask_first")
CALENDAR_CHECKED = ("personal", "calendar", "dose_checks", "serious", "do_not_take")
CALENDAR_BRIEF = ("personal", "calendar", "dose_checks_brief", "serious", "do_not_take")  # no Poison Help line
CALENDAR_CORE = ("personal", "calendar", "serious", "do_not_take")
CALENDAR_SHORT_LOG = ("personal", "calendar_short_log", "serious", "do_not_take")  # a dose log of fewer rows
CALENDAR_HALF_LOG = ("personal", "calendar_half_log", "serious", "do_not_take")  # and of half its rows


def calendar_tries(handout: Handout, track: str | None) -> list[tuple[int, tuple[str, ...]]]:
    """The calendar's (pages, outline) to try, in order.  The names of what may interact give way
    first, then the check box, to keep the warnings on the one page of the fridge; but a weekly
    medicine keeps its box ("Never take it every day": the error that kills, which its boxes cannot
    say) and takes the back of the sheet instead (a review).  Its box's Poison Help line gives way
    before the warnings take the back of the sheet, and before a second sheet.  Past two pages a
    long plan takes a second sheet rather than print no calendar."""
    meds = medications(handout.track(track))
    weekly_box = has_weekly(meds)
    tries = [(1, CALENDAR_OUTLINE), (1, CALENDAR_CHECKED)]
    tries.append((1, CALENDAR_BRIEF if weekly_box else CALENDAR_CORE))
    if any(s.as_needed for m in meds for s in m.steps):
        # A dose log's rows are lines to write on: a third fewer of them before the warnings leave
        # the page kept by the bottle (a long name and a full form took it to two pages).
        tries += [(1, CALENDAR_SHORT_LOG), (1, CALENDAR_HALF_LOG)]
    tries += [(CALENDAR_MAX_PAGES, CALENDAR_OUTLINE), (CALENDAR_MAX_PAGES, CALENDAR_CHECKED)]
    tries.append((CALENDAR_MAX_PAGES, CALENDAR_BRIEF if weekly_box else CALENDAR_CORE))
    return tries + [(n, outline) for n in range(CALENDAR_MAX_PAGES + 1, CALENDAR_LONG_PAGES + 1)
                    for outline in (CALENDAR_OUTLINE, CALENDAR_CHECKED)]


def has_weekly(meds: list[Medication]) -> bool:
    """Whether a plan has a once-a-week dose (its calendar's box is never given up)."""
    return any(once_a_week(s) for m in meds for s in m.steps)


def once_weekly(handout: Handout, track: str | None) -> bool:
    """``has_weekly`` for the calendar of ``handout`` on ``track``."""
    return has_weekly(medications(handout.track(track)))


def box_on_front(pages: Sequence[Page]) -> bool:
    """Whether a laid-out calendar's check box starts on its first page (the fridge page)."""
    return any(it.group.startswith("dosing/box") for it in pages[0].items)


def calendar_end(meds: list[Medication], start: date) -> date:
    """The last day the calendar shows: the end of the last step with an end; an open-ended last
    step gets its first week (its first four weeks for a weekly dose, to its last dose day in
    them); a stop step ends it."""
    end = start
    for med in meds:
        last = med.steps[-1]
        first, stop = step_days(last, start)
        if last.stop or last.as_needed and len(med.steps) > 1:  # (as needed after set doses: the log's)
            end = max(end, first - timedelta(days=1))
        elif stop is not None:
            end = max(end, stop)
        elif weekly(last):  # four weeks, to its last dose day: no closing week of empty days (a review)
            span = dose_days(last, first, first + timedelta(days=27))
            end = max(end, span[1] if span and span[1] else first + timedelta(days=27))
        else:
            end = max(end, first + timedelta(days=6))
    return end


def course_doses(meds: list[Medication], start: date) -> int | None:
    """The doses of a course with an end (one medicine, a stop step last): the calendar's boxes."""
    if len(meds) != 1 or not meds[0].steps[-1].stop:
        return None
    total = 0
    for s in meds[0].steps[:-1]:
        first, last = step_days(s, start)
        if last is None or s.as_needed:
            return None
        total += sum(len(slots(s)) for k in range((last - first).days + 1)
                     if is_dose_day(s, first, first + timedelta(days=k)))
    return total


def calendar(ctx: Ctx, short_log: float = 1.0) -> list[Chunk]:
    p = ctx.personal
    if p is None or p.start is None:
        return []
    meds = medications(track_of(ctx))
    scheduled = [m for m in meds if any(slots(s) for s in m.steps)]
    chunks: list[Chunk] = []
    if scheduled:  # (each row names its medicine where the plan has two, one of them as needed only: two liquids of
        # nearly the same volume on the fridge page, and nothing said which was which; a review)
        chunks += _calendar(ctx, scheduled, p.start, named=len(meds) > 1)
    # An as-needed step after set doses (3 days of set doses, then only when needed) gets the log
    # too: the calendar showed the set days, then empty days, and never said what came next (a review).
    if any(s.as_needed for m in meds for s in m.steps):
        chunks += dose_log(ctx, short_log)
    return chunks


def calendar_short_log(ctx: Ctx) -> list[Chunk]:
    """The calendar with a dose log of a third fewer rows (``calendar_tries``)."""
    return calendar(ctx, short_log=2 / 3)


def calendar_half_log(ctx: Ctx) -> list[Chunk]:
    """The calendar with a dose log of half its rows: the last try before the warnings take the back."""
    return calendar(ctx, short_log=1 / 2)


def dose_checks(ctx: Ctx, brief: bool = False) -> list[Chunk]:
    """The calendar's "Check every dose" box: what its boxes cannot say ("once a week, on Monday
    only. Never take it every day", the day's most, the syringe).  A pharmacist's review: the
    methotrexate calendar said none of it; only where its boxes sat showed the day.  A once-a-week
    medicine's box also says who to call after too much (not when ``brief``)."""
    if ctx.personal is None or ctx.personal.start is None:
        return []
    meds = medications(track_of(ctx))
    more = []
    region = ctx.handout.region
    poison = region.number("poison") if region else None  # (or the emergency number: regions.FALLBACK)
    if not brief and poison is not None and has_weekly(meds):
        # The fridge page of a once-a-week medicine is where a week of daily doses is found out:
        # who to call then, on the page itself (the key points that say it are not on it).
        more.append(sig_of(ctx).label("box_too_much", poison=f"**{poison.printed}**"))
    return dose_box(ctx, meds, more)


def dose_checks_brief(ctx: Ctx) -> list[Chunk]:
    """The box without its Poison Help line: what gives way before the warnings take the back of
    the sheet, or a long plan a second sheet (``calendar_tries``)."""
    return dose_checks(ctx, brief=True)


def _calendar(ctx: Ctx, meds: list[Medication], start: date, named: bool = False) -> list[Chunk]:
    sig, lab, loc = sig_of(ctx), ctx.loc.labels, ctx.loc
    sp = ctx.theme.spacing
    chunks = [heading(ctx, lab("calendar_title"), "calendar")]
    intro = sig.label("calendar_intro")
    total = course_doses(meds, start)
    if total is not None:  # "20 doses in all": a count to check the ticks by (a course begun at bedtime ends
        intro += " " + lab("calendar_total", doses=loc.count(total, "dose"))  # on a morning after its last day)
    chunks += paragraph(ctx, intro, "calendar/intro", 0.0)
    chunks[-1].keep_with_next = True
    box = ctx.theme.checkbox_mm * MM * 1.2
    # The days and dates at the body's size and in the text's colour: on a weekly plan the day above its box is
    # all that says which day it is (a review: 9 pt grey).  Where the page has no room for them, at the theme's
    # calendar_days (layout); the type gives way below that only for the widest name.
    small = ctx.theme.sizes.calendar_days if ctx.compact_days else ctx.body
    several = named or len(meds) > 1
    left_w = ctx.width * (0.4 if several else 0.34)  # room for the medicine's name
    cell = (ctx.width - left_w) / 7
    pad = ctx.gap(0.6)
    short = lab("days_short").split()
    # A day's name never breaks inside its cell: large print's 14 pt cut the Arabic "الخميس" into
    # "الخمي" and "س" (a review).  The header's type gives way for the widest name, to the
    # footer's size at the least (the theme's floor for anything but a citation number); then the
    # medicines' column gives the days the room they still need.
    margin = _cell_margin(ctx) + 1
    widest = max(ctx.lines([Span(name)], small, 10_000)[0].width for name in short)
    head = small
    if widest > cell - margin:
        head = max(ctx.theme.sizes.footer, small * (cell - margin) / widest)
        cell = max(cell, widest * head / small + margin)
        left_w = ctx.width - 7 * cell
    inner = cell - margin
    # The date beside its day when every day's fits ("Mon 7"), under it in every cell when one
    # does not: "الاثنين 1" beside a wrapped "الأحد / 28" read as one run.
    beside = all(ctx.lines([Span(name), Span(" "), Span(loc.number(28), bold=True)], head, 10_000)[0].width <= inner
                 for name in short)
    end = calendar_end(meds, start)
    r = 0  # table row, for the tags: calendar/table/<row>/<column>
    week = 0
    while start + timedelta(days=7 * week) <= end:
        days = [start + timedelta(days=7 * week + k) for k in range(7)]
        days = [d for d in days if d <= end]
        items: list[Item] = []
        a, ah = ctx.text([Span(lab("calendar_week", n=loc.number(week + 1)), bold=True)], ctx.body,
                         left_w - ctx.hgap(1), ctx.c.text, "TH", f"calendar/table/{r}/0", x=ctx.mirror(0, left_w),
                         top=pad)
        span = loc.date_range(days[0], days[-1]) if len(days) > 1 else loc.short_date(days[0])
        b, bh = ctx.text([Span(span)], small, left_w - ctx.hgap(1), ctx.c.text, "TH", f"calendar/table/{r}/0",
                         x=ctx.mirror(0, left_w), top=pad + ah)
        said_as(b, loc.date_range_said(days[0], days[-1]))  # "Week 1 from March 8 to March 14": a dash is not spoken
        items += a + b
        head_h = ah + bh
        for k, d in enumerate(days):
            name, number = Span(short[d.weekday()]), Span(loc.number(d.day), bold=True)
            where = (left_w + k * cell, cell)
            if beside:
                its, th = _centred(ctx, [name, Span(" "), number], head, *where, pad, f"calendar/table/{r}/{k + 1}")
            else:
                its, th = _centred(ctx, [name], head, *where, pad, f"calendar/table/{r}/{k + 1}")
                more, mh = _centred(ctx, [number], head, *where, pad + th, f"calendar/table/{r}/{k + 1}")
                its, th = its + more, th + mh
            said_as(its, loc.said_date(d, weekday=True))  # "martes 9 de marzo", not "mar 9" (sea 9)
            items += its
            head_h = max(head_h, th)
        for k in range(len(days), 7):  # a short last week: every row still has its 7 day cells
            items.append(empty_cell(ctx.mirror(left_w + k * cell, cell), pad, cell, "TH", f"calendar/table/{r}/{k + 1}"))
        row_h = head_h + 2 * pad
        chunks.append(Chunk(row_h, items, gap=ctx.gap(sp.paragraph) if week == 0 else ctx.gap(sp.item),
                            keep_with_next=True))
        header = ([copy.copy(it) for it in items], row_h)  # unplaced copies, to repeat on a new page
        r += 1
        for med in meds:
            for step in med.steps:
                first, last = step_days(step, start)
                due = [k for k, d in enumerate(days) if d >= first and (last is None or d <= last)
                       and is_dose_day(step, first, d)]
                for n, t in enumerate(slots(step)):
                    if not due:
                        continue
                    what = sig.slot(f"**{sig.dose_phrase(med, step)}**", t, n)
                    if once_a_week(step):  # "once a week, on Monday": said, not only shown by where the box is
                        what = lab("doses_on_days", doses=what, days=f"**{sig.days(step)}**")
                    text = (f"**{sig.name(med)}**: " if several else "") + what
                    # Each box says its day and its dose: "Mon Dec 14, Methotrexate: 6 tablets of
                    # 2.5 mg (15 mg) in the morning".  Its day alone read the same for the weekly
                    # and the daily medicine, and for a morning and a bedtime dose (a review).
                    dose = (f"{sig.name(med)}: " if several else "") + sig.slot(sig.dose_phrase(med, step), t, n)
                    said = [lab("calendar_box", day=loc.said_date(d, weekday=True), dose=dose) for d in days]
                    row, h = _dose_row(ctx, text, due, left_w, cell, box, pad, r, said)
                    # A row that starts a page gets its week's header again, which names the days:
                    # a folic acid row alone at the top of the back page had boxes for days it did
                    # not name (a review).  Drawn for the eye: each box says its day to a reader.
                    chunks.append(Chunk(h, row, gap=0.0, repeat=header))
                    r += 1
        week += 1
    for med in meds:  # the day it ends, said in words: no box is not the same as "stop"
        final = med.steps[-1]
        if final.stop:
            day = step_days(final, start)[0]
            # (its date with the month in full, for the eye and the ear: "Después del 4 ene" was heard "ene", the
            # letter N, and Vietnamese "thg" spelled out; a listening review)
            text = lab("calendar_stop", date=loc.said_date(day), stop=sig.instruction(med, final))
        elif step_days(final, start)[1] is None and not final.as_needed:
            # An open-ended plan's calendar shows its first weeks; its boxes running out is not the
            # end of the medicine: a patient may stop weekly methotrexate or LDN there (a review).
            text = sig.label("calendar_keep", date=loc.said_date(end))
        else:
            continue
        chunks += paragraph(ctx, (f"{sig.name(med)}: " if several else "") + text, "calendar/stop",
                            ctx.gap(sp.paragraph))
    return chunks


def _cell_margin(ctx: Ctx) -> float:
    """The room a day's header keeps from its neighbours: "الاثنين 28" and "الثلاثاء 1" filling their
    cells ran together, and a date could be read as the next day's."""
    return ctx.hgap(0.5)


def _centred(ctx: Ctx, spans: list[Span], size: float, x: float, w: float, top: float,
             group: str) -> tuple[list[TextItem], float]:
    """Text centred in a cell of the (mirrored) calendar, on each line, clear of the cells beside it."""
    cx = ctx.mirror(x, w)
    items, h = ctx.text(spans, size, w - _cell_margin(ctx), ctx.c.text, "TH", group, x=cx, top=top)
    for it in items:
        it.x = cx + (w - it.line.width) / 2
    return items, h


def _dose_row(ctx: Ctx, text: str, due: list[int], left_w: float, cell: float, box: float, pad: float,
              r: int, said: Sequence[str] = ()) -> tuple[list[Item], float]:
    """One medicine's row of a calendar week: its dose, then a box on each day it is due.  Each box
    says its day and dose (``said``): the week's header row repeats every week, and a screen reader
    may take the first week's for a later one's (an accessibility review)."""
    items: list[Item] = []
    a, ah = ctx.text(ctx.spans(text), ctx.body, left_w - ctx.hgap(1), ctx.c.text, "TH", f"calendar/table/{r}/0",
                     x=ctx.mirror(0, left_w), top=pad)
    items += a
    h = max(ah, box) + 2 * pad
    for k in range(7):
        x = ctx.mirror(left_w + k * cell, cell) + (cell - box) / 2
        group = f"calendar/table/{r}/{k + 1}"
        items.append(IconItem("checkbox", x, (h - box) / 2, box, ctx.c.rule, "TD", group,
                              alt=said[k] if k < len(said) else "") if k in due
                     else empty_cell(x, (h - box) / 2, box, "TD", group))  # no dose that day: no box
    items.append(RuleItem(0, h, ctx.width, h, ctx.c.rule, ctx.theme.lines.hair, "Artifact", "calendar"))
    return items, h


def dose_log(ctx: Ctx, share: float = 1.0) -> list[Chunk]:
    """For an as-needed medicine: a log to write each dose in, and the 24-hour maximum above it."""
    sig, lab = sig_of(ctx), ctx.loc.labels
    sp = ctx.theme.spacing
    every = medications(track_of(ctx))
    meds = [m for m in every if any(s.as_needed for s in m.steps)]
    chunks = [heading(ctx, lab("log_title"), "log")]
    chunks += paragraph(ctx, sig.label("log_intro"), "log/intro", 0.0)
    for med in meds:
        mixed = any(slots(s) for s in med.steps)  # after set doses: from when ("From Dec 10: Take …")
        for s in med.steps:
            if s.as_needed:
                said = (f"**{sig.name(med)}**: " if len(every) > 1 else "") + sig.instruction(med, s)
                chunks += paragraph(ctx, lab("log_from", dates=step_dates(ctx, s)[0], instruction=said) if mixed
                                    else said, "log/sig", ctx.gap(sp.item))
    chunks[-1].keep_with_next = True
    cols = [lab("log_date"), lab("log_time"), lab("log_amount"), lab("log_total")]
    widths = [0.22, 0.18, 0.3, 0.3]
    pad = ctx.gap(0.6)
    line_h = ctx.lh(ctx.body) * 1.5  # room to write by hand
    rows = int(ctx.theme.log_rows * share)  # (fewer when the page needs the room: calendar_tries)
    for r in range(rows + 1):
        items: list[Item] = []
        x = 0.0
        h = line_h + 2 * pad if r else 0.0
        for c, (label, f) in enumerate(zip(cols, widths)):
            w = f * ctx.width
            if r == 0:
                its, th = ctx.text([Span(label, bold=True)], ctx.body, w - ctx.hgap(1), ctx.c.text, "TH",
                                   f"log/table/{r}/{c}", x=ctx.mirror(x, w) + ctx.hgap(0.5), top=pad)
                items += its
                h = max(h, th + 2 * pad)
            x += w
        row_frame(ctx, items, h, "log", header=r == 0)
        chunks.append(Chunk(h, items, gap=ctx.gap(sp.paragraph) if r == 0 else 0.0, keep_with_next=r == 0))
    return chunks
