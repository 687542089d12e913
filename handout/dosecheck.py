"""Every dose problem of a medicine's steps, located at the field that is wrong (``check``).

What ``dosing`` computes from the steps is checked here before anything prints it.  The clinical
why of each check is beside it: most are errors that have killed patients (weekly methotrexate
taken daily, a 10-fold liquid volume, an as-needed dose with no ceiling).
"""

from __future__ import annotations

import math

from .dosing import (DEFAULT_MEASURE, EPS, Medication, day_total, dose_cap, doses_a_day, fixed_dose, measurable,
                     measure_step)
from .errors import Collector, Finding
from .model import Concentration, Step


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
    if form == "liquid" and unit == "mL":  # "45 mL per kg", "400 mL per 5 mL": the drug's amount is not a volume
        c.error(med.product.where("unit"), f"{med.path}.product.unit", "a liquid's doses are in the drug's unit, "
                "measured in mL (expected e.g. unit: mg, with its concentration in mg per mL)")
    if conc is not None:  # "Use the 0 mg per 5 mL liquid"; a volume worked out from it divides by it
        for name in ("amount", "volume"):
            v = getattr(conc, name)
            if v <= 0:
                c.error(conc.where(name), f"{med.path}.product.concentration.{name}", "must be more than 0")
            else:
                _decimals(c, conc, name, f"{med.path}.product.concentration.{name}")
    ceiling = med.product.most_per_kg_day
    if ceiling is not None:  # a ceiling below the handout's own rate would refuse its own plan's prescriptions
        below = [s.per_kg for s in med.steps if s.per_kg is not None and s.per_kg > ceiling]
        if ceiling <= 0 or below:
            c.error(med.product.where("most_per_kg_day"), f"{med.path}.product.most_per_kg_day", f"{ceiling:g} is "
                    + (f"below the plan's own {max(below):g} per kg a day" if below and ceiling > 0 else
                       "not more than 0") + " (expected the most any usual plan gives, at least the plan's rate)")
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
        # "Week 2 on" alone: nothing said for week 1 (a review).  A companion may start later (folic
        # acid from week 2), beside the medicine's own first step.
        if si == 0 and med.name is None and w.start != 1 and w.start >= 1:
            c.error(w.loc, f"{path}.when.start", f"the plan starts at {w.unit} {w.start}: nothing is said for "
                    f"{w.unit} 1 (expected start: 1)")
        prev_end = w.end
        if si and w.unit != med.steps[0].when.unit:
            c.error(w.loc, f"{path}.when.unit", "mixes days and weeks in one plan (expected one unit per plan)")
        if s.stop:
            _check_stop(c, s, path, si == len(med.steps) - 1)
            continue
        _check_amounts(c, s, path, unit, form, conc, rule)
        _check_schedule(c, s, path)
        _check_limits(c, s, path, unit)
        _check_ceiling_counted(c, s, path, unit, form, conc, rule)
        if si:
            _check_rhythm(c, med.steps[si - 1], s, path)
            _check_weekly_day(c, med.steps[si - 1], s, path)
    return c.findings


def _check_weekly_day(c: Collector, before: Step, s: Step, path: str) -> None:
    """A once-a-week dose keeps its day from step to step: from Thursdays to Mondays, the doses around
    the change fell 4 days apart (or 11, with another start), with no word of it (a review).  A new
    day is the prescriber's to explain; a handout's plan keeps one."""
    if len(before.days) == 1 and len(s.days) == 1 and before.days != s.days and not before.stop:
        old, new = before.days[0].capitalize(), s.days[0].capitalize()
        c.error(s.where("days"), f"{path}.days", f"changes the weekly day from {old} to {new}: the doses around the "
                f"change would not be a week apart (expected {old}, as in the step before)")


def _check_rhythm(c: Collector, before: Step, s: Step, path: str) -> None:
    """Each step taken every N days counts its N from its own first day, which is a dose day: after a
    step every N days of an odd length, the two doses around the change fell on consecutive days
    (a review: Sunday, then Monday, under "every other day" for both).  Refused, never re-timed."""
    n1 = before.every.days if before.every is not None and not before.stop else None
    n2 = s.every.days if s.every is not None else None
    if not n1 or not n2 or before.when.end is None or before.as_needed or s.as_needed:
        return
    size = 7 if before.when.unit == "week" else 1
    length = (before.when.end - before.when.start + 1) * size
    gap = length - (length - 1) // n1 * n1  # days from the step before's last dose to this step's first
    if gap < min(n1, n2):
        c.error(s.when.loc, f"{path}.when", f"its first dose comes {gap} day{'s' if gap > 1 else ''} after the last dose "
                f"of the step before, both taken every {n1 if n1 == n2 else f'{n1} and {n2}'} days: the patient "
                f"would take doses {gap} day{'s' if gap > 1 else ''} apart (expected the step before to last a "
                f"multiple of {n1} days, counted in days: e.g. {_days_example(before, n1, size)})")


def _days_example(before: Step, n: int, size: int) -> str:
    """The step before's days, lengthened to a whole number of n-day cycles."""
    first = (before.when.start - 1) * size + 1
    length = (before.when.end or 0) * size - first + 1
    return f"days {first} to {first + -(-length // n) * n - 1}"


MANY = 20  # tablets or capsules in one dose: more is rarely prescribed (prednisone 60 mg is 12 of 5 mg)
# The most one tablet or capsule holds: the largest swallowed ones are about 1.5 g (calcium carbonate 1,250 mg,
# potassium chloride 1,500 mg); more is a slipped unit or digit.
HEAVIEST_MG = 2000
# ... and past this no tablet or capsule can be swallowed at all: "strength: 70" with "unit: g" printed a tablet of
# 70 g under a title of 70 mg, with a warning only (a clinic author's review).  A slipped unit, refused.
IMPOSSIBLE_MG = 5000
MG = {"mg": 1.0, "g": 1000.0, "mcg": 0.001}


def _whole(x: float) -> str:
    """A count or strength as a reader writes it: "1,000,000,000", never "1e+09"; "2.5" stays."""
    return f"{x:,.0f}" if x == int(x) else f"{x:,g}"
_DOSE_FIELDS = ("amount", "amount_max", "strength", "count", "count_max", "volume", "per_kg", "below_kg",
                "from_months", "max_dose", "max_per_day", "as_needed", "every")


def _check_stop(c: Collector, s: Step, path: str, last: bool) -> None:
    given = [f for f in _DOSE_FIELDS if getattr(s, f) is not None] + [f for f in ("parts", "timing", "days")
                                                                       if getattr(s, f)]
    for f in given:
        c.error(s.where(f), f"{path}.{f}", "a stop step has no dose (expected only when, stop and note)")
    if s.when.end is not None:  # "Days 13 to 14: Stop taking it." reads as if it starts again on day 15
        c.error(s.when.loc, f"{path}.when.end", "a stop step has no end: it is the day the medicine stops "
                "(expected only start)")
    if not last:
        c.error(s.where("stop"), f"{path}.stop", "a stop step must be the last step (nothing is taken after it)")


def _check_amounts(c: Collector, s: Step, path: str, unit: str, form: str, conc: Concentration | None,
                   rule: tuple[tuple[float, float], ...]) -> None:
    for name in ("amount", "amount_max", "strength", "count", "count_max", "volume", "per_kg", "below_kg",
                 "from_months", "max_dose", "max_per_day"):
        v = getattr(s, name)
        if v is not None and v <= 0:
            c.error(s.where(name), f"{path}.{name}", "must be more than 0")
        elif v is not None:
            _decimals(c, s, name, f"{path}.{name}")
    for i, p in enumerate(s.parts):
        for name in ("strength", "count"):
            if getattr(p, name) <= 0:
                c.error(p.where(name), f"{path}.parts[{i}].{name}", "must be more than 0")
            else:
                _decimals(c, p, name, f"{path}.parts[{i}].{name}")
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
        elif s.per_kg is not None and s.per_kg > 0:
            _ceiling_below_rate(c, s, path, unit)
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
        most = max(x for x in (s.count, s.count_max) if x is not None)
        if most > MANY:  # 'Take 60,000 tablets of 2.5 mg' built (an adversarial review): likely a wrong strength
            c.warning(s.where("count_max" if s.count_max is not None else "count"), f"{path}.count",
                      f"{_whole(most)} {form}s in one dose (expected at most {MANY}: check the strength and the amount)")
        if unit in MG and s.strength * MG[unit] > HEAVIEST_MG:
            # "Take 1 tablet of 20,000,000 mg" built without a word (a review): a tablet of 20 kg is a typo
            said = (c.error if s.strength * MG[unit] > IMPOSSIBLE_MG else c.warning)
            said(s.where("strength"), f"{path}.strength", f"a {form} of {_whole(s.strength)} {unit} (expected at "
                 f"most {HEAVIEST_MG:,} mg in one {form}: check the strength and its unit)")
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
        if conc.amount <= 0 or conc.volume <= 0:  # refused at the concentration
            return
        assert s.volume is not None
        _sum(c, s, "amount", f"{path}.amount", s.volume * conc.amount / conc.volume, s.amount,
             f"{s.volume:g} mL of {conc.amount:g} {unit} per {conc.volume:g} mL", "volume x concentration = amount", unit)
        if not measurable(s.volume, rule):  # 5.625 mL: no syringe has that mark
            stp = measure_step(s.volume, rule)
            c.error(s.where("volume"), f"{path}.volume", f"{s.volume:g} mL cannot be measured with an oral syringe "
                    f"(expected a multiple of {stp:g} mL, e.g. {_mark(s, stp, conc.amount / conc.volume):g} mL)")
    if form == "liquid" and kind != "volume":
        c.error(s.loc, path, "a liquid is measured, not counted (expected volume in mL, or per_kg)")



def _mark(s: Step, stp: float, per_ml: float) -> float:
    """The syringe's mark nearest ``s.volume`` to suggest: never 0 mL (0.05 mL was told "e.g. 0 mL"), nor over the step's
    most in one dose (875 mg as 10.9375 mL was told "e.g. 11 mL", 880 mg; a review)."""
    assert s.volume is not None
    mark = max(stp, round(round(s.volume / stp) * stp, 6))
    if mark * per_ml > dose_cap(s) + 1e-9:  # (a day's most shared by its doses too)
        mark = max(stp, round(int(s.volume / stp) * stp, 6))
    return mark


def _decimals(c: Collector, where, name: str, path: str) -> None:
    """A number the page cannot print as written: numbers print with at most three decimals, so
    0.0004 mg printed "0 mg" and 2.9999 printed "3 mg" (an adversarial review).  Refused, never rounded."""
    v = getattr(where, name)
    if abs(v - round(v, 3)) > EPS * max(1.0, abs(v)):
        c.error(where.where(name), path, f"{v!r} has more than 3 decimals: the page would print {round(v, 3):g} "
                "(expected at most 3 decimals: a dose prints exactly as written, or not at all)")


def _sum(c: Collector, s: Step, field: str, path: str, got: float, want: float, how: str, rule: str,
         unit: str) -> None:
    if not _near(got, want):
        c.error(s.where(field), path, f"{how} is {got:g} {unit}, not {want:g} (expected {rule})")


# Names of one time of day: a step giving a dose at two of them gives two doses at once.  (Evening and bedtime
# are two: four times a day is morning, noon, evening and bedtime.)
_ONE_TIME = (frozenset({"morning", "before_breakfast", "with_breakfast"}), frozenset({"noon", "with_lunch"}),
             frozenset({"evening", "with_dinner"}))


def _check_schedule(c: Collector, s: Step, path: str) -> None:
    every = s.every
    if every is not None and (every.hours is None) == (every.days is None):
        c.error(every.loc, f"{path}.every", "give hours or days (expected e.g. every: {hours: 6})")
        return
    if every is not None:  # "every -6 hours if needed", "every 0 hours": printed as written (a review)
        name, n = ("hours", every.hours) if every.hours is not None else ("days", every.days)
        if n is not None and n < 1:
            c.error(every.where(name), f"{path}.every.{name}", f"every {n} {name} is not an interval "
                    "(expected a whole number, at least 1)")
            return
    if "days" in s.field_locs and not s.days:  # an empty list read as "every day": weekly methotrexate daily
        c.error(s.where("days"), f"{path}.days", "an empty list (expected the weekdays, e.g. days: [monday]; "
                "leave days out for a dose every day)")
    for name, items in (("timing", s.timing), ("days", s.days)):
        dup = {x for x in items if items.count(x) > 1}
        if dup:
            c.error(s.where(name), f"{path}.{name}", f"'{sorted(dup)[0]}' is listed twice")
    for same in _ONE_TIME:  # (a review: "with_breakfast, morning" printed two doses, and two boxes, each morning)
        both = [x for x in s.timing if x in same]
        if len(set(both)) > 1:
            c.error(s.where("timing"), f"{path}.timing", f"'{both[0]}' and '{both[1]}' are one time of day: two "
                    f"doses at once (expected one of them; a second dose a day at another time: "
                    "e.g. timing: [morning, evening])")
    if every is not None and every.days is not None:
        if every.days == 1:  # printed "Every 1 day" (a review): it is every day
            c.error(every.loc, f"{path}.every.days", "every 1 day is every day (expected no every: a dose every "
                    "day leaves it out)")
        elif every.days % 7 == 0:  # ISMP: a weekly dose names its day on every instruction
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


def _check_ceiling_counted(c: Collector, s: Step, path: str, unit: str, form: str, conc: Concentration | None,
                           rule: tuple[tuple[float, float], ...]) -> None:
    """An as-needed day's most that the patient cannot count out: 3,250 mg of 500 mg tablets (6.5), 500 mg of a
    160 mg per 5 mL liquid (15.625 mL).  The page gives such a ceiling in mg alone, where it gives the others in
    what the patient counts too ("No more than 6 tablets (3,000 mg)", the dosing standards); a warning (an error
    with --strict), as the label's own limit may be meant (a review)."""
    if not s.as_needed or s.max_per_day is None or s.parts:
        return
    if form == "liquid" and conc is not None and conc.amount > 0:
        ml = s.max_per_day * conc.volume / conc.amount
        if measurable(ml, rule):
            return
        said, nearest = f"{ml:.4g} mL", math.floor(ml / measure_step(ml, rule) + EPS) * measure_step(ml, rule)
        expected = f"a limit whose mL a syringe measures: {nearest * conc.amount / conc.volume:.4g} {unit} is {nearest:g} mL"
    elif form != "liquid" and s.strength:
        n = s.max_per_day / s.strength
        if abs(n - round(n)) < 1e-6:
            return
        said = f"{n:.3g} {form}s"
        expected = f"a whole number of {form}s: {math.floor(n) * s.strength:g} {unit} is {math.floor(n)}"
    else:
        return
    c.warning(s.where("max_per_day"), f"{path}.max_per_day", f"{s.max_per_day:g} {unit} is {said}: the page can give "
              f"the most in 24 hours in {unit} only (expected {expected})")


# A newborn's weight: a ceiling (the adult dose, reached by a heavy child only) that a weight rule passes at 3 kg
# caps nearly every child's dose (a plan from 3 months refuses a lighter weight: personalweight.FLOOR_KG).
_NEWBORN_KG = 3.0


def _ceiling_below_rate(c: Collector, s: Step, path: str, unit: str) -> None:
    """A ceiling the rate passes at the lightest child the rule is for caps every child's dose: "per_kg: 40, max_dose:
    10" printed "0.5 mL (10 mg) each dose. This is the most for any weight" for 15 kg, a fifteenth of the 150 mg dose
    (a review: mg per kg typed as the ceilings).  A ceiling is the adult dose, reached by a heavy child only."""
    assert s.per_kg is not None
    kg = _NEWBORN_KG
    dose = s.per_kg * kg / doses_a_day(s)
    for name, most, worked, per in (("max_dose", s.max_dose, dose, ("a dose", "one dose")),
                                    ("max_per_day", s.max_per_day, dose * doses_a_day(s), ("a day", "24 hours"))):
        if most is not None and most < worked - EPS:
            c.error(s.where(name), f"{path}.{name}", f"{most:g} {unit} is less than {s.per_kg:g} {unit} per kg a day "
                    f"gives a child of {kg:g} kg ({worked:.3g} {unit} {per[0]}): nearly every "
                    f"child's dose would be the ceiling (expected the most in {per[1]} in {unit}, usually the adult's)")


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
    if s.as_needed and s.max_per_day is not None and s.every is not None and s.every.hours and s.every.hours >= 1:
        if s.max_per_day + EPS < most:
            c.error(s.where("max_per_day"), f"{path}.max_per_day", f"{s.max_per_day:g} {unit} is less than one dose "
                    f"({most:g} {unit})")
        # (Doses every 6 hours are 4 in 24 hours, as labels count them: "do not give more than 4 times in 24 hours".
        # A fifth at hour 24 begins the next day: 500 mg for 100 mg every 6 hours printed "No more than 25 mL (500 mg)
        # in 24 hours" beside words saying 4 doses, a clinic author's review.)
        possible = math.ceil(24 / s.every.hours - EPS) * most
        if s.max_per_day > possible + EPS:
            # "No more than 20 tablets (10,000 mg) in 24 hours" under "every 6 hours, 1 or 2 tablets": a
            # ceiling this plan never reaches (an adversarial review).  Said, not refused: the ceiling
            # may be meant for every medicine that contains it (325 mg every 6 hours, 4,000 mg a day
            # from all sources: a code review).
            c.warning(s.where("max_per_day"), f"{path}.max_per_day", f"{s.max_per_day:g} {unit} is more than "
                      f"this plan can give: {most:g} {unit} every {s.every.hours} hours is at most {possible:g} "
                      f"{unit} in 24 hours (expected the label's limit for a day: check it)")
