"""Dosing arithmetic: a track's steps in, what is due on which day and every dose problem out.

No words and no drawing: ``sig`` words a step, ``dose_blocks`` lays out the table and
``calendar_blocks`` the calendar.  The model follows FHIR R4 ``Dosage`` (a step is one dosage instruction; steps in a
track follow each other like increasing ``sequence`` numbers; a companion medicine is a
concurrent one):

* when in the day — ``timing`` (``timing.repeat.when``), or ``every.hours`` round the clock;
* which days — ``days`` (``dayOfWeek``), or ``every.days`` (every other day …), else every day;
* how much — one strength (``count x strength``), several strengths (``parts``), a liquid
  (``volume`` of a ``concentration``), a range (``amount_max``, ``count_max``), or a weight rule
  (``per_kg`` per day, split over the day's doses, capped at ``max_dose`` / ``max_per_day``);
* as needed — ``as_needed`` with its reason, the shortest gap ``every.hours`` and ``max_per_day``.

The clinical why of each check is beside it: most are errors that have killed patients
(weekly methotrexate taken daily, a 10-fold liquid volume, an as-needed dose with no ceiling).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import Collector, Finding
from .model import WEEKDAYS, Concentration, Product, Step, Track

EPS = 1e-9
# Oral syringes and cups measure in steps: 0.1 mL below 10 mL, 0.5 mL below 20 mL, 1 mL above
# (the theme's ``liquids.measure`` overrides this).  Each pair: (below this volume, step).
DEFAULT_MEASURE: tuple[tuple[float, float], ...] = ((10.0, 0.1), (20.0, 0.5), (math.inf, 1.0))


@dataclass(frozen=True)
class Medication:
    """One medicine of a plan: the handout's own (``name`` None) or a companion."""

    name: str | None
    product: Product
    steps: tuple[Step, ...]
    path: str  # where it was written, for messages: "tracks[0]" or "tracks[0].companions[0]"


def medications(track: Track, path: str = "") -> list[Medication]:
    base = path or "track"
    return [Medication(None, track.product, track.steps, base)] + [
        Medication(c.name, c.product, c.steps, f"{base}.companions[{i}]") for i, c in enumerate(track.companions)]


def step_days(step: Step, start: date) -> tuple[date, date | None]:
    """First and last day of a step counted from the plan's start (None: open-ended)."""
    w = step.when
    size = 7 if w.unit == "week" else 1
    first = start + timedelta(days=(w.start - 1) * size)
    last = start + timedelta(days=w.end * size - 1) if w.end is not None else None
    return first, last


def dayless(track: Track, start: date) -> list[tuple[str, Step]]:
    """The steps taken on named weekdays whose days from ``start`` hold none of them (a 3-day step
    begun on a Tuesday, taken on Mondays), with their paths: the dose table would print a dose that
    the calendar never boxes, and the next step's first dose would come less than a week after it
    was taken (a code review)."""
    out = []
    for med in medications(track):
        for i, s in enumerate(med.steps):
            if s.days and not s.stop:
                first, last = step_days(s, start)
                if last is not None and dose_days(s, first, last) is None:
                    out.append((f"{med.path}.steps[{i}]", s))
    return out


def dose_days(step: Step, first: date, last: date | None) -> tuple[date, date | None] | None:
    """The first and last days a dose of ``step`` (begun on ``first``) is due up to ``last``; for an
    open-ended step (``last`` None) its first dose day, within a week, and None.  None: no dose
    is due in the span.  (The dose table's dates, the calendar's end and ``dayless`` ask this.)"""
    end = last if last is not None else first + timedelta(days=6)
    due = [d for d in (first + timedelta(days=k) for k in range((end - first).days + 1)) if is_dose_day(step, first, d)]
    if not due:
        return None
    return due[0], due[-1] if last is not None else None


def doses_a_day(step: Step) -> int:
    """How many doses a weight rule's day is split into (at least one)."""
    return max(1, len(slots(step)))


def slots(step: Step) -> tuple[str | None, ...]:
    """The scheduled doses of one dose day, in order: a time of day each (None: no fixed time).

    As-needed and stop steps have none: nothing is due, so a calendar draws no box for them.
    """
    if step.stop or step.as_needed:
        return ()
    if step.timing:
        return tuple(step.timing)
    if step.every is not None and step.every.hours:
        return (None,) * (24 // step.every.hours)
    return (None,)


def is_dose_day(step: Step, first: date, day: date) -> bool:
    """Is a dose of ``step`` (which started on ``first``) due on ``day``?"""
    if step.stop or step.as_needed:
        return False
    if step.days:
        return WEEKDAYS[day.weekday()] in step.days
    if step.every is not None and step.every.days:
        return (day - first).days % step.every.days == 0
    return True


def weekly(step: Step) -> bool:
    """Fewer dose days than days in a week: the day must be named and printed in bold."""
    return bool(step.days) and len(step.days) < 7


def once_a_week(step: Step) -> bool:
    """One dose day a week (weekly methotrexate): taken every day instead, it kills (ISMP)."""
    return len(step.days) == 1


@dataclass(frozen=True)
class Dose:
    """One administration, resolved: what to count or measure, and how much drug it is."""

    amount: float
    amount_max: float | None = None
    count: float | None = None
    count_max: float | None = None
    parts: tuple[tuple[float, float], ...] = ()  # (strength, count)
    volume: float | None = None
    capped: bool = False  # a weight-based dose cut to the maximum


def fixed_dose(step: Step) -> Dose | None:
    """The dose a step prescribes (None for a stop step or a weight rule)."""
    if step.stop or step.per_kg is not None or step.amount is None:
        return None
    return Dose(step.amount, step.amount_max, step.count, step.count_max,
                tuple((p.strength, p.count) for p in step.parts), step.volume)


def measure_step(volume: float, rule: tuple[tuple[float, float], ...] = DEFAULT_MEASURE) -> float:
    return next((stp for below, stp in rule if volume < below), rule[-1][1])


def measurable(volume: float, rule: tuple[tuple[float, float], ...] = DEFAULT_MEASURE) -> bool:
    stp = measure_step(volume, rule)
    return abs(volume / stp - round(volume / stp)) < 1e-6


def weight_dose(step: Step, product: Product, weight_kg: float,
                rule: tuple[tuple[float, float], ...] = DEFAULT_MEASURE) -> Dose:
    """A weight rule worked out for one child: mg per dose, capped, and the mL to measure.

    The volume is rounded to what the syringe measures, never above a cap; the printed mg is
    recomputed from the rounded volume, so the page never claims more precision than the syringe.
    """
    assert step.per_kg is not None
    n = doses_a_day(step)
    amount = step.per_kg * weight_kg / n
    cap = min(x for x in (step.max_dose, step.max_per_day / n if step.max_per_day else None, math.inf)
              if x is not None)
    capped = amount > cap + EPS
    amount = min(amount, cap)
    conc = product.concentration
    if product.form != "liquid" or conc is None:
        return Dose(round(amount, 3), capped=capped)
    volume = amount / conc.amount * conc.volume
    stp = measure_step(volume, rule)
    rounded = round(round(volume / stp) * stp, 3)
    if rounded / conc.volume * conc.amount > cap + EPS:  # rounding must never cross the ceiling
        rounded = round(rounded - stp, 3)
    return Dose(round(rounded / conc.volume * conc.amount, 3), volume=rounded, capped=capped)


def day_total(step: Step, dose: Dose | None) -> float | None:
    """The most drug a day of this step can hold (as needed: its 24-hour maximum)."""
    if step.as_needed:
        return step.max_per_day
    if dose is None:
        return None
    return (dose.amount_max or dose.amount) * len(slots(step))


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= EPS * max(1.0, abs(a), abs(b))


def check(med: Medication, rule: tuple[tuple[float, float], ...] = DEFAULT_MEASURE) -> list[Finding]:
    """Every dose problem of one medicine's steps, located at the field that is wrong."""
    c = Collector()
    unit, form = med.product.unit, med.product.form
    conc = med.product.concentration
    if form == "liquid" and conc is None:
        c.error(med.product.loc, f"{med.path}.product.concentration", "a liquid needs its concentration "
                "(expected e.g. concentration: {amount: 400, volume: 5} for 400 mg per 5 mL)")
    if form != "liquid" and (conc is not None or med.product.device is not None):
        c.error(med.product.loc, f"{med.path}.product", f"concentration and device are for liquids, not {form}s")
    prev_end: int | None = 0
    for si, s in enumerate(med.steps):
        path = f"{med.path}.steps[{si}]"
        w = s.when
        if w.start < 1 or (w.end is not None and w.end < w.start):
            c.error(w.loc, f"{path}.when", f"{w.unit} {w.start} to {w.end} is not a valid span (expected 1 <= start <= end)")
        if prev_end is None:
            c.error(w.loc, f"{path}.when", "follows an open-ended step (only the last step may leave out 'end')")
        elif si > 0 and w.start != prev_end + 1:
            what = "overlaps the step before" if w.start <= prev_end else f"leaves a gap after {w.unit} {prev_end}"
            c.error(w.loc, f"{path}.when", f"starts at {w.unit} {w.start}: it {what} "
                    f"(expected {prev_end + 1}: steps follow each other with no gap or overlap)")
        prev_end = w.end
        if si and w.unit != med.steps[0].when.unit:
            c.error(w.loc, f"{path}.when.unit", "mixes days and weeks in one plan (expected one unit per plan)")
        if s.stop:
            _check_stop(c, s, path, si == len(med.steps) - 1)
            continue
        _check_amounts(c, s, path, unit, form, conc, rule)
        _check_schedule(c, s, path)
        _check_limits(c, s, path, unit)
    return c.findings


_DOSE_FIELDS = ("amount", "amount_max", "strength", "count", "count_max", "volume", "per_kg", "below_kg",
                "from_months", "max_dose", "max_per_day", "as_needed", "every")


def _check_stop(c: Collector, s: Step, path: str, last: bool) -> None:
    given = [f for f in _DOSE_FIELDS if getattr(s, f) is not None] + [f for f in ("parts", "timing", "days")
                                                                       if getattr(s, f)]
    for f in given:
        c.error(s.where(f), f"{path}.{f}", "a stop step has no dose (expected only when, stop and note)")
    if not last:
        c.error(s.where("stop"), f"{path}.stop", "a stop step must be the last step (nothing is taken after it)")


def _check_amounts(c: Collector, s: Step, path: str, unit: str, form: str, conc: Concentration | None,
                   rule: tuple[tuple[float, float], ...]) -> None:
    for name in ("amount", "amount_max", "strength", "count", "count_max", "volume", "per_kg", "below_kg",
                 "from_months", "max_dose", "max_per_day"):
        v = getattr(s, name)
        if v is not None and v <= 0:
            c.error(s.where(name), f"{path}.{name}", "must be more than 0")
    for i, p in enumerate(s.parts):
        for name in ("strength", "count"):
            if getattr(p, name) <= 0:
                c.error(p.where(name), f"{path}.parts[{i}].{name}", "must be more than 0")
    kinds = [k for k, on in (("strength and count", s.strength is not None or s.count is not None),
                             ("parts", bool(s.parts)), ("volume", s.volume is not None),
                             ("per_kg", s.per_kg is not None)) if on]
    if len(kinds) > 1:
        c.error(s.loc, path, f"gives the dose twice ({' and '.join(kinds)}; expected one way of counting it)")
        return
    if not kinds:
        c.error(s.loc, path, "no dose (expected strength and count, parts, volume for a liquid, per_kg, or stop: true)")
        return
    kind = kinds[0]
    for name in ("below_kg", "from_months"):
        if getattr(s, name) is not None and kind != "per_kg":
            c.error(s.where(name), f"{path}.{name}", "a weight rule's limit without a weight rule (expected per_kg too)")
    if kind == "per_kg":
        if s.amount is not None:
            c.error(s.where("amount"), f"{path}.amount", "a weight-based dose is worked out from per_kg "
                    "(expected no amount)")
        if s.max_dose is None and s.max_per_day is None:  # the adult dose caps a heavy child's dose
            c.error(s.where("per_kg"), f"{path}.per_kg", "a weight-based dose needs a ceiling "
                    "(expected max_dose and/or max_per_day: usually the adult dose)")
        if form != "liquid":  # "Give 66.667 mg" of a tablet: no one can
            c.error(s.where("per_kg"), f"{path}.per_kg", f"a weight rule is worked out in mL of a liquid; {form}s "
                    f"are counted (expected a liquid with a concentration, or the {form}s the prescriber worked "
                    "out as strength and count)")
        return
    if s.amount is None:
        c.error(s.loc, f"{path}.amount", f"missing (expected the dose in {unit})")
        return
    if kind == "strength and count" and (s.amount_max is None) != (s.count_max is None):
        c.error(s.where("amount_max" if s.amount_max is not None else "count_max"), path,
                "a range needs both amount_max and count_max (expected e.g. 1 or 2 tablets, 500 to 1,000 mg)")
    if kind != "strength and count" and (s.amount_max is not None or s.count_max is not None):
        c.error(s.where("amount_max" if s.amount_max is not None else "count_max"), path,
                "a dose range is written with one strength (expected strength, count and count_max)")
    if s.amount_max is not None and s.amount_max <= s.amount:
        c.error(s.where("amount_max"), f"{path}.amount_max", f"{s.amount_max:g} is not more than amount {s.amount:g}")
    if kind == "strength and count":
        if s.strength is None or s.count is None:
            c.error(s.loc, path, "give both strength and count (count x strength = amount)")
            return
        _sum(c, s, "amount", f"{path}.amount", s.count * s.strength, s.amount, f"{s.count:g} x {s.strength:g} {unit}",
             "count x strength = amount", unit)
        if s.count_max is not None and s.amount_max is not None:
            _sum(c, s, "amount_max", f"{path}.amount_max", s.count_max * s.strength, s.amount_max,
                 f"{s.count_max:g} x {s.strength:g} {unit}", "count_max x strength = amount_max", unit)
        for name in ("count", "count_max"):
            v = getattr(s, name)
            if v is not None and v != int(v):
                c.error(s.where(name), f"{path}.{name}", f"{v:g} {form}s cannot be counted out "
                        f"(expected a whole number; for a smaller dose use a lower strength)")
    elif kind == "parts":
        total = sum(p.strength * p.count for p in s.parts)
        _sum(c, s, "amount", f"{path}.amount", total, s.amount,
             " + ".join(f"{p.count:g} x {p.strength:g} {unit}" for p in s.parts), "the parts add up to amount", unit)
        for i, p in enumerate(s.parts):
            if p.count != int(p.count):
                c.error(p.where("count"), f"{path}.parts[{i}].count", f"{p.count:g} {form}s cannot be counted out "
                        "(expected a whole number)")
        strengths = [p.strength for p in s.parts]
        if len(set(strengths)) != len(strengths):
            c.error(s.where("parts"), f"{path}.parts", "names a strength twice (expected each strength once, with its count)")
    elif kind == "volume":
        if form != "liquid" or conc is None:
            c.error(s.where("volume"), f"{path}.volume", "a volume needs a liquid product with a concentration")
            return
        assert s.volume is not None
        _sum(c, s, "amount", f"{path}.amount", s.volume * conc.amount / conc.volume, s.amount,
             f"{s.volume:g} mL of {conc.amount:g} {unit} per {conc.volume:g} mL", "volume x concentration = amount", unit)
        if not measurable(s.volume, rule):  # 5.625 mL: no syringe has that mark
            stp = measure_step(s.volume, rule)
            c.error(s.where("volume"), f"{path}.volume", f"{s.volume:g} mL cannot be measured with an oral syringe "
                    f"(expected a multiple of {stp:g} mL, e.g. {round(s.volume / stp) * stp:g} mL)")
    if form == "liquid" and kind != "volume":
        c.error(s.loc, path, "a liquid is measured, not counted (expected volume in mL, or per_kg)")


def _sum(c: Collector, s: Step, field: str, path: str, got: float, want: float, how: str, rule: str,
         unit: str) -> None:
    if not _near(got, want):
        c.error(s.where(field), path, f"{how} is {got:g} {unit}, not {want:g} (expected {rule})")


def _check_schedule(c: Collector, s: Step, path: str) -> None:
    every = s.every
    if every is not None and (every.hours is None) == (every.days is None):
        c.error(every.loc, f"{path}.every", "give hours or days (expected e.g. every: {hours: 6})")
        return
    for name, items in (("timing", s.timing), ("days", s.days)):
        dup = {x for x in items if items.count(x) > 1}
        if dup:
            c.error(s.where(name), f"{path}.{name}", f"'{sorted(dup)[0]}' is listed twice")
    if every is not None and every.days is not None:
        if every.days % 7 == 0:  # ISMP: a weekly dose names its day on every instruction
            c.error(every.loc, f"{path}.every.days", f"every {every.days} days is a weekly dose (expected days: "
                    "[monday] or whichever day: a weekly medicine names its day)")
        elif s.days:
            c.error(every.loc, f"{path}.every", "give days of the week or every N days, not both")
    if s.as_needed:
        if every is None or every.hours is None:
            c.error(s.where("as_needed"), f"{path}.every", "an as-needed dose needs the shortest time between doses "
                    "(expected every: {hours: N})")
        if s.max_per_day is None:  # without a ceiling "as needed" has none: acetaminophen liver failure
            c.error(s.where("as_needed"), f"{path}.max_per_day", "an as-needed dose needs the most in 24 hours "
                    "(expected max_per_day in the product's unit)")
        if s.timing or s.days:
            c.error(s.where("as_needed"), f"{path}.as_needed", "an as-needed dose has no set times or days "
                    "(expected no timing or days)")
        if s.per_kg is not None:  # per_kg is a day's amount split over the day's doses: as needed has no count
            c.error(s.where("per_kg"), f"{path}.per_kg", "a weight rule is a day's amount split over set doses, and "
                    "an as-needed dose has none (expected amount: the dose the prescriber worked out, with "
                    "max_per_day)")
        return
    if every is not None and every.hours is not None:
        if s.timing:
            c.error(every.loc, f"{path}.every", "give times of day or every N hours, not both")
        elif 24 % every.hours:
            c.error(every.loc, f"{path}.every.hours", f"every {every.hours} hours does not fit a day "
                    "(expected 4, 6, 8, 12 or 24, or list the times in timing)")
    elif not s.timing:  # USP <17>: "take 1 tablet in the morning", never "once a day" alone
        c.error(s.loc, f"{path}.timing", "no time of day (expected timing: e.g. bedtime, or [morning, bedtime])")


def _check_limits(c: Collector, s: Step, path: str, unit: str) -> None:
    dose = fixed_dose(s)
    if dose is None:
        return
    most = dose.amount_max or dose.amount
    if s.max_dose is not None and most > s.max_dose + EPS:
        c.error(s.where("max_dose"), f"{path}.max_dose", f"one dose can be {most:g} {unit}, more than max_dose "
                f"{s.max_dose:g} {unit}")
    total = day_total(s, dose)
    if s.max_per_day is not None and total is not None and not s.as_needed and total > s.max_per_day + EPS:
        c.error(s.where("max_per_day"), f"{path}.max_per_day", f"the plan gives up to {total:g} {unit} a day, "
                f"more than max_per_day {s.max_per_day:g} {unit}")
    if s.as_needed and s.max_per_day is not None and s.every is not None and s.every.hours:
        if s.max_per_day + EPS < most:
            c.error(s.where("max_per_day"), f"{path}.max_per_day", f"{s.max_per_day:g} {unit} is less than one dose "
                    f"({most:g} {unit})")


def schedule(med: Medication, start: date, end: date) -> list[tuple[date, Step, int]]:
    """Every scheduled dose from ``start`` through ``end``: (day, step, index in the day's slots)."""
    out: list[tuple[date, Step, int]] = []
    for step in med.steps:
        first, last = step_days(step, start)
        day = first
        while day <= min(last or end, end):
            if is_dose_day(step, first, day):
                out += [(day, step, k) for k in range(len(slots(step)))]
            day += timedelta(days=1)
    return out
