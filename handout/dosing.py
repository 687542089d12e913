"""Dosing arithmetic: a track's steps in, what is due on which day out (``dosecheck``: every
problem of the steps).

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
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from .model import WEEKDAYS, Product, Step, Track

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


def weight_rates(track: Track) -> list[tuple[float, str]]:
    """The rates (a day's amount per kg, and its unit) a track's weight rules work doses out at, each
    once, in the plan's order (a companion's after the medicine's)."""
    rules = [(s.per_kg, m.product.unit) for m in medications(track) for s in m.steps if s.per_kg is not None]
    return list(dict.fromkeys(rules))


def step_length(step: Step) -> int | None:
    """How many days a step lasts (a week's step: 7 a week); None for one with no end."""
    w = step.when
    return None if w.end is None else (w.end - w.start + 1) * (7 if w.unit == "week" else 1)


def course_lengths(track: Track) -> list[tuple[str | None, int]]:
    """How many days each medicine of a plan is printed for, counted from the plan's first day, for
    each that ends (its name, None for the plan's own medicine): up to the day before its stop step
    (amoxicillin's 10, prednisone's 12), or to the last day of a last step that has an end (a
    clinic's 8 weeks of methotrexate: the calendar's boxes end there too, ``calendar_blocks.
    calendar_end``).  A medicine that goes on (LDN's last dose, an as-needed one) has none."""
    out: list[tuple[str | None, int]] = []
    for med in medications(track):
        last = med.steps[-1]
        size = 7 if last.when.unit == "week" else 1
        if last.stop:
            out.append((med.name, (last.when.start - 1) * size))
        elif last.when.end is not None:
            out.append((med.name, last.when.end * size))
    return out


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
    if step.every is not None and step.every.hours and step.every.hours >= 1:  # (less: refused by dosecheck)
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


def dose_cap(step: Step) -> float:
    """The most one dose of a step may hold: its most in one dose, and its most in 24 hours shared by the day's doses
    (infinite where it has neither)."""
    n = doses_a_day(step)
    return min(x for x in (step.max_dose, step.max_per_day / n if step.max_per_day else None, math.inf) if x is not None)


def exact_weight_dose(step: Step, weight_kg: float) -> float:
    """A weight rule's dose for one child before any syringe's marks: its rate a day over the day's doses, capped."""
    assert step.per_kg is not None
    return min(step.per_kg * weight_kg / doses_a_day(step), dose_cap(step))


def weight_dose(step: Step, product: Product, weight_kg: float,
                rule: tuple[tuple[float, float], ...] = DEFAULT_MEASURE) -> Dose:
    """A weight rule worked out for one child: mg per dose, capped, and the mL to measure.

    The volume is rounded to what the syringe measures, never above a cap; the printed mg is
    recomputed from the rounded volume, so the page never claims more precision than the syringe.
    """
    assert step.per_kg is not None
    amount = step.per_kg * weight_kg / doses_a_day(step)
    cap = dose_cap(step)
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


MAX_ROUNDING = 0.10  # a measured dose within 10% of the dose worked out (a pharmacist's usual rounding)


def measured_off(step: Step, product: Product, weight_kg: float,
                 rule: tuple[tuple[float, float], ...] = DEFAULT_MEASURE) -> float:
    """How far the dose a syringe measures (``weight_dose``) is from the one worked out for this
    weight, as a fraction of it (1.0: nothing measured).  A 1 kg infant's 0.06 mL was measured as
    0.1 mL, 60% more, and a smaller one's as 0 mL (a review)."""
    dose = weight_dose(step, product, weight_kg, rule)
    if dose.volume is None:
        return 0.0
    exact = exact_weight_dose(step, weight_kg)
    return abs(dose.amount - exact) / exact if exact > 0 else 0.0


def day_total(step: Step, dose: Dose | None) -> float | None:
    """The most drug a day of this step can hold (as needed: its 24-hour maximum)."""
    if step.as_needed:
        return step.max_per_day
    if dose is None:
        return None
    return (dose.amount_max or dose.amount) * len(slots(step))


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
