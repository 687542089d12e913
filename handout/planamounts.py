"""The amounts and counts a handout's plan gives: its facts in, sets of (kind, value) and counts out, for
H153 (``textamounts``), which holds the text's own numbers to them.

An amount is kept as (kind, value in the kind's base): mass in mg ("3 g" is 3,000 mg), volume in mL, any
other unit as itself, so a text may write a plan's amount in another unit of its kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dosing import day_total, doses_a_day, exact_weight_dose, fixed_dose, medications, slots, weight_dose
from .model import Handout, Track

_MASS = {"mg": 1.0, "mcg": 0.001, "g": 1000.0}


def in_base(unit: str, value: float) -> tuple[str, float]:
    """(kind, value in the kind's base): mass in mg; volume in mL; units; any other unit as itself."""
    if unit in _MASS:
        return "mass", round(value * _MASS[unit], 6)
    return unit, round(value, 6)


# The fields of a step that hold an amount of drug, in the product's unit (a count, a day number or
# an age is no amount: "2 milligrams" is not made right by "day 2"); its volume is in mL.
_STEP_AMOUNTS = ("amount", "amount_max", "strength", "per_kg", "max_dose", "max_per_day")


def plan_names(h: Handout) -> list[str]:
    """Every medicine of the plan, as this language and its source write them."""
    return [n for n in dict.fromkeys(medicine_names(h)) if n]


def medicine_names(h: Handout) -> dict[str, str | None]:
    """Each name of the plan's medicines, as this language and its source write them, and the medicine it names (its
    facts' name; None: the main one, named by the handout's short name)."""
    out: dict[str, str | None] = {n: None for n in (h.text.short_name, *([h.source.short_name] if h.source else [])) if n}
    for track in h.facts.tracks:
        for med in medications(track):
            if med.name is not None:
                out.update({med.name: med.name, h.text.drug_names.get(med.name, med.name): med.name})
    return out


def plan_amounts(h: Handout, only: set[str | None] | None = None) -> set[tuple[str, float]]:
    """The amounts the plan gives, as (kind, value in the kind's base): each step's amounts, strengths,
    rates (a day's per kg, and a dose's), limits and day total, its volume, and each product's
    concentration and ceiling.  ``only``: of those medicines alone (by their facts' name; None: the main one)."""
    out: set[tuple[str, float]] = set()

    def add(unit: str, *values: float | None) -> None:
        out.update(in_base(unit, v) for v in values if v is not None)

    for i, track in enumerate(h.facts.tracks):
        for med in medications(track, f"tracks[{i}]"):
            if only is not None and med.name not in only:
                continue
            unit, conc = med.product.unit, med.product.concentration
            add(unit, med.product.most_per_kg_day, conc.amount if conc else None)
            add("mL", conc.volume if conc else None)
            for step in med.steps:
                add(unit, *(getattr(step, name) for name in _STEP_AMOUNTS), *(p.strength for p in step.parts),
                    day_total(step, fixed_dose(step)))
                add("mL", step.volume)
                if step.per_kg is not None and slots(step):  # "22.5 mg per kg" a dose, twice a day
                    add(unit, step.per_kg / len(slots(step)))
    return out


@dataclass(frozen=True)
class Weighed:
    """The amounts a plan by weight gives one patient, as ``plan_amounts`` keeps them, by what each is: a dose (as
    the table prints it, and before the syringe's marks), a day's, a rate per kg, a ceiling.  A note may give a dose
    as it is; the others only as what they are ("10.4 mL a day", "45 mg per kg", "no more than 875 mg"): "Give 832
    mg in the morning and at bedtime" is twice the dose (a code review)."""

    doses: frozenset[tuple[str, float]]
    days: frozenset[tuple[str, float]]
    rates: frozenset[tuple[str, float]]
    limits: frozenset[tuple[str, float]]


def weighed_amounts(track: Track, weight_kg: float, measure: tuple[tuple[float, float], ...]) -> Weighed:
    """Each weight rule's dose worked out for ``weight_kg`` and measured on ``measure``'s marks (``dosing.weight_dose``,
    as the table prints it) in the product's unit and in mL, and before it was measured; a day's of each; the rates
    per kg; the ceilings (``Weighed``).  The liquid's strength ("400 mg in 5 mL") is none of them: "Give 5 mL" is
    the commonest wrong dose of a liquid."""
    doses: set[tuple[str, float]] = set()
    days: set[tuple[str, float]] = set()
    rates: set[tuple[str, float]] = set()
    limits: set[tuple[str, float]] = set()
    for med in medications(track):
        unit = med.product.unit
        if med.product.most_per_kg_day is not None:
            rates.add(in_base(unit, med.product.most_per_kg_day))
        for step in med.steps:
            if step.per_kg is None:
                continue
            dose, n = weight_dose(step, med.product, weight_kg, measure), doses_a_day(step)
            # (and the dose worked out before the syringe's marks, a prescriber's arithmetic: "337.5 mg", where the
            # table prints 4.2 mL (336 mg); capped as the table's is)
            exact = exact_weight_dose(step, weight_kg)
            doses.update({in_base(unit, dose.amount), in_base(unit, exact)})
            days.update({in_base(unit, dose.amount * n), in_base(unit, exact * n)})
            rates.update({in_base(unit, step.per_kg), in_base(unit, step.per_kg / n)})
            if dose.volume is not None:
                doses.add(in_base("mL", dose.volume))
                days.add(in_base("mL", dose.volume * n))
            limits.update(in_base(unit, v) for v in (step.max_dose, step.max_per_day) if v is not None)
    return Weighed(frozenset(doses), frozenset(days), frozenset(rates), frozenset(limits))


def plan_counts(h: Handout, only: set[str | None] | None = None) -> set[float]:
    """The counts the plan gives: each step's count (and range), its parts' counts and their sum, a
    day's count, and the most in one dose or a day in whole tablets (as needed: "6 tablets").  ``only``: as
    ``plan_amounts``."""
    out: set[float] = set()

    def add(*values: float | None) -> None:
        out.update(round(float(v), 6) for v in values if v is not None)

    for i, track in enumerate(h.facts.tracks):
        for med in medications(track, f"tracks[{i}]"):
            if only is not None and med.name not in only:
                continue
            for step in med.steps:
                parts = [p.count for p in step.parts]
                add(step.count, step.count_max, *parts, sum(parts) if parts else None)
                most = step.count_max or step.count or (sum(parts) if parts else None)
                if most is not None and slots(step):
                    add(most * len(slots(step)))
                if step.strength:
                    add(*(limit / step.strength for limit in (step.max_dose, step.max_per_day) if limit))
    return out


def day_only(h: Handout) -> tuple[set[tuple[str, float]], set[float]]:
    """The plan's amounts and counts that are a day's and no dose's: its most in 24 hours, a day's
    total, a day's rate per kg, and a day's count of what the patient counts out.  Said of one dose
    ("6 tablets (3,000 mg) at once"), a day's most is taken at one time (a review: H153 passed it,
    3,000 mg being the plan's)."""
    dose_amounts: set[tuple[str, float]] = set()
    day_amounts: set[tuple[str, float]] = set()
    dose_counts: set[float] = set()
    day_counts: set[float] = set()
    for track in h.facts.tracks:
        for med in medications(track):
            unit, conc = med.product.unit, med.product.concentration
            if med.product.most_per_kg_day is not None:
                day_amounts.add(in_base(unit, med.product.most_per_kg_day))
            if conc is not None:
                dose_amounts.add(in_base(unit, conc.amount))
            for step in med.steps:
                n = len(slots(step))
                dose_amounts.update(in_base(unit, v) for v in (step.amount, step.amount_max, step.strength,
                                    step.max_dose, *(p.strength for p in step.parts),
                                    step.per_kg / n if step.per_kg is not None and n else None) if v is not None)
                day_amounts.update(in_base(unit, v) for v in (step.max_per_day, step.per_kg,
                                   day_total(step, fixed_dose(step))) if v is not None)
                parts = [p.count for p in step.parts]
                dose_counts.update(round(float(v), 6) for v in (step.count, step.count_max, *parts,
                                   sum(parts) if parts else None) if v is not None)
                if step.strength and step.max_dose:
                    dose_counts.add(round(step.max_dose / step.strength, 6))
                most = step.count_max or step.count or (sum(parts) if parts else None)
                day_counts.update(round(float(v), 6) for v in (most * n if most is not None and n else None,
                                  step.max_per_day / step.strength if step.strength and step.max_per_day else None)
                                  if v is not None)
    return day_amounts - dose_amounts, day_counts - dose_counts
