"""What a patient's page of a handout says of the weight and of the prescription, checked: the weight a
dose is worked out from (its range, its date, the plan's limits), the rate and days a prescription gives
(``prescribed``) and the most any usual plan gives per kg.  ``personal.check`` asks; the fields come in
checked for their own values (``personal.values``), the findings go out, every one at once.

Never the weight or a dose in a message: a refused row of a batch goes to the clinic's logs.
"""

from __future__ import annotations

from datetime import date

from .dosing import MAX_ROUNDING, course_lengths, day_total, fixed_dose, weight_rates
from .errors import Code, Collector, Finding, Location
from .fields import Asker, in_csv
from .model import Handout, Personal, Step, Track
from .prescribed import prescribed_days, prescribed_rate

# A weight outside this range is a typo (grams for kg, a missing decimal point): refuse it.
WEIGHT_KG = (0.5, 250.0)
MAX_WEIGHT_AGE_DAYS = 90  # a child's weight changes: a dose from an old weight is a wrong dose
# A child of the plan's youngest age or older weighs at least this: 3 SD below the WHO growth standards' median
# weight for girls (lighter than boys: 4.4, 5.7, 6.9 and 8.6 kg) at 3, 6, 12 and 24 months.  A plan for children
# from that age refuses a lighter weight: a slip of the decimal point (1.85 for 18.5, 3.5 for 35: a tenth of the
# dose, printed beside "for children 3 months and older") or, at a newborn's weight, a younger infant, whose dose
# the label makes smaller (amoxicillin: at most 30 mg/kg a day at 12 weeks or younger).  It was 3.0 kg for every
# plan, and a 3.2 kg newborn's page printed 45 mg/kg a day (a pharmacist's review).  It cannot tell every younger
# infant (a 1-month-old of 4.5 kg is a 3-month-old's weight): there is no age field; the page says the plan's ages.
FLOOR_KG = {1: 2.7, 2: 3.4, 3: 4.0, 6: 5.1, 12: 6.3, 24: 8.1}  # (months: kg; none from birth: a preterm baby's)


def floor_kg(months: int) -> float | None:
    """The least weight of a child of ``months`` or older (``FLOOR_KG``'s nearest age at or below); None from birth."""
    ages = [m for m in FLOOR_KG if m <= months]
    return FLOOR_KG[max(ages)] if ages else None
# Under this, a weight is a child's, for whom an over-the-counter medicine's adult dose is no dose: labels give
# their adult dose "for adults and children 12 years and over" (acetaminophen's Drug Facts), about 40 kg, and
# amoxicillin's label doses by weight under 40 kg.
CHILD_UNDER_KG = 40.0


def weight_problems(p: Personal, h: Handout, printed: Track | None, known: bool, today: date, where: Location,
                    prefix: str, ask: Asker) -> list[Finding]:
    """The weight's and the prescription's problems for the track printed (``printed``: None for an unknown
    track, ``known`` False, judged on none: its weight limit may not be the one meant)."""
    c = Collector([])
    where_of = p.field_locs.get
    rules = weight_rates(printed) if printed else []
    weighs = printed is not None and bool(printed.weight_rules)  # (a weight for another plan is left off: below)
    under = printed.weight_limit if printed else None
    # The track is named where the handout's tracks differ in what is checked (the weight or the days)
    mixed = len(h.facts.tracks) > 1 and (h.facts.weight_based or any(course_lengths(t) for t in h.facts.tracks))
    single = not mixed or printed is None
    plan = f"handout '{h.id}'" if single or printed is None else f"track '{printed.id}' of handout '{h.id}'"
    if weighs and under is not None and p.weight_kg is not None and under <= p.weight_kg <= WEIGHT_KG[1]:
        # A children's liquid worked out for 185 kg (a slip for 18.5) printed the ceiling, "the most
        # for any weight", twice the child's dose, as if it were right; and at the label's limit
        # (40 kg for amoxicillin) its dosing is an adult's, which the prescriber chooses (a
        # pharmacist's review).
        # (never the weight itself: a refused row of a batch goes to the clinic's logs)
        c.error(where_of("weight_kg", where), prefix + "weight_kg", f"{plan} works doses out only for "
                f"weights under {under:g} kg (expected a child's weight under {under:g} kg: check the decimal point; "
                f"at {under:g} kg or more the prescriber chooses an adult dose, which this "
                f"{'handout' if single else 'plan'} does not print)")
    # (a plan with a rule from birth beside one from 12 months has no floor: the first covers a 4 kg baby, a review)
    ages = [s.from_months for s in printed.weight_rules] if weighs and printed is not None else []
    youngest = min(a for a in ages if a is not None) if ages and None not in ages else None
    floor = floor_kg(youngest) if youngest is not None else None
    if floor is not None and p.weight_kg is not None \
            and WEIGHT_KG[0] <= p.weight_kg < floor:  # (no body weight at all: said once, by ``values``)
        c.error(where_of("weight_kg", where), prefix + "weight_kg", f"is less than {floor:g} kg, less than "
                f"a child of {youngest} months or older weighs, and {plan} is for children from {youngest} months (expected "
                "the child's weight in kg: "
                f"check the decimal point; a lighter child's dose is the prescriber's, which this "
                f"{'handout' if single else 'plan'} does not print)")
    if weighs and p.weighed_on is not None and not 0 <= (today - p.weighed_on).days <= MAX_WEIGHT_AGE_DAYS:
        c.error(where_of("weighed_on", where), prefix + "weighed_on", ("is in the future" if p.weighed_on > today
                else f"is more than {MAX_WEIGHT_AGE_DAYS} days ago") + " (expected a weight taken in the last "
                f"{MAX_WEIGHT_AGE_DAYS} days, not in the future: doses follow the weight)")
    elif weighs and p.weight_kg is not None and p.start is not None \
            and (p.start - (p.weighed_on or today)).days > MAX_WEIGHT_AGE_DAYS:
        # A course starting in ten months, worked out from today's weight, printed "worked out for a weight of
        # 18.5 kg on December 7" beside its first dose: the weight must be recent when the doses begin.
        c.error(where_of("start", where), prefix + "start", f"is more than {MAX_WEIGHT_AGE_DAYS} days after the "
                f"child was weighed (expected a weight from within {MAX_WEIGHT_AGE_DAYS} days of the first dose: "
                "doses follow the weight; weigh the child nearer the start)")
    rate = prescribed_rate(p, h, printed, rules, plan, where_of("per_kg_day", where), prefix) if printed else []
    c.findings.extend(rate)
    if printed is not None:
        c.findings.extend(prescribed_days(p, h, printed, plan, where_of("course_days", where), prefix))
    if weighs and p.weighed_on is not None and p.weight_kg is None:
        c.error(where_of("weighed_on", where), prefix + "weighed_on", "a date of weighing without a weight "
                f"(expected {ask('weight_kg')} too)")
    if weighs and p.weight_kg is not None and p.weighed_on is None and ask is in_csv:
        # A weight typed at the desk was taken today (the field's default); a CSV row's comes from a record and may
        # be months old: with no date it was printed "worked out for a weight of 18.5 kg on <today>", and the
        # 90-day rule never saw it (a paediatric pharmacist's review).
        c.error(where_of("weight_kg", where), prefix + "weighed_on", "a weight with no date of weighing (expected "
                f"{ask('weighed_on')} too: a record's weight may be old, the dose follows the weight, and the page "
                "prints the date)")
    blank = p.empty and p.per_kg_day is None and p.course_days is None  # nothing typed at all: the plain handout
    if p.weight_kg is None and weighs and not blank and not any(f.severity == "error" for f in rate):
        # (not beside a rate refused: adding a weight would not make this plan the one prescribed; nor
        # asked for a plan of two rates, which is never worked out for a patient; nor for a form with
        # nothing typed, the web page's empty form: the plain handout, blank lines and all.  A row with
        # a rate and days but no name is asked: its blank lines are a patient's, a review)
        several = len(rules) > 1
        c.warning(where, prefix + "weight_kg", f"no weight: {plan} works its doses out from the weight, "
                  "so its dose lines are left blank, to be filled in by hand " + (
                      "(its plan has more than one rate per kg: it is never worked out for a patient)" if several
                      else f"(expected {ask('weight_kg')})"), Code.NO_WEIGHT)
    ceiling = printed.product.most_per_kg_day if printed is not None and h.prescribed else None
    unit = printed.product.unit if printed is not None else ""
    over: list[Finding] = []
    ran = False  # the ceiling was checked: a weight in range beside a prescription of a product that has one
    if printed is not None and ceiling is not None and p.weight_kg is not None and WEIGHT_KG[0] <= p.weight_kg <= WEIGHT_KG[1]:
        ran = True
        over = _within_ceiling(printed, p.weight_kg, ceiling, plan, where_of("weight_kg", where), prefix)
        c.findings.extend(over)
    if p.weight_kg is not None and known and not weighs and h.prescribed:
        # A prescription's doses are the prescriber's, worked out or not from a weight: printed as
        # prescribed, never worked out from this one (a review: "gives the same doses for every weight").
        # (Not beside the ceiling's error, nor said to be checked against a weight out of range: a review)
        checked = (f", and checked only against the most any usual plan gives ({ceiling:g} {unit} per kg a day)"
                   if ran else ", and not checked")
        if not over:
            c.warning(where_of("weight_kg", where), prefix + "weight_kg", f"not printed{checked}"
                      ": the prescription's doses are printed as prescribed, and a weight beside them would read as "
                      "doses worked out for it (expected " + ("the prescriber to check the doses against it)" if ran
                                                              else "no weight: the prescriber checks the doses against it)"),
                      Code.WEIGHT_CHECKED if ran else Code.WEIGHT_UNUSED)
    elif p.weight_kg is not None and known and not weighs and h.over_the_counter and p.weight_kg < CHILD_UNDER_KG:
        # No prescriber chose this dose for this child: it is the package's adult dose, and a page of "1 or 2
        # tablets" made for a 12 kg child printed 83 mg per kg a dose, with only a warning (a review).
        # (never the weight itself: a refused row of a batch goes to the clinic's logs)
        c.error(where_of("weight_kg", where), prefix + "weight_kg", f"a child's weight (under {CHILD_UNDER_KG:g} kg): "
                f"{plan} gives the package's adult doses, the same for every weight, and no child's dose (expected a "
                "handout whose doses follow a child's weight; or, for an adult, the weight in kg: check the decimal "
                "point)")
    elif p.weight_kg is not None and known and not weighs:
        # "Weight: 4 kg" above an adult's "1 or 2 tablets" read as a dose worked out for that child
        # (a pharmacist's review of the acetaminophen handout): the weight is left off the page.
        c.warning(where_of("weight_kg", where), prefix + "weight_kg", f"not printed: {plan} gives the same "
                  "doses for every weight, and a weight beside them reads as a dose worked out for it (expected no "
                  f"weight, or a {'handout' if single else 'track or handout'} whose doses follow the weight)",
                  Code.WEIGHT_UNUSED)
    return c.findings


def _within_ceiling(track: Track, weight_kg: float, ceiling: float, plan: str, where: Location | None,
                    prefix: str) -> list[Finding]:
    """A prescription's most in a day, for the weight given, above the most per kg any usual plan gives.

    5 mL of a 400 mg per 5 mL amoxicillin twice a day is 200 mg per kg a day for a 4 kg infant:
    within the handout's most in one dose (875 mg) and in a day, so nothing else refused it (a
    review).  A prescriber's rounding to a measurable volume is allowed for (``MAX_ROUNDING``).
    Never the weight or the dose in the message: a refused row of a batch goes to the clinic's logs."""
    most = max((_day_most(s) for s in track.steps), default=0.0)
    if most / weight_kg <= ceiling * (1 + MAX_ROUNDING):
        return []
    return [Finding(where or Location("personal fields"), prefix + "weight_kg", f"the prescription gives more than "
                    f"{ceiling:g} {track.product.unit} per kg a day for this weight, the most any usual plan of {plan} "
                    "gives (expected a weight and a prescription that agree: check the weight's decimal point and "
                    "the prescribed dose)")]


def _day_most(step: Step) -> float:
    """The most a day of ``step`` can hold: as needed, its 24-hour maximum or what its doses and
    their shortest gap allow, whichever is less (500 mg every 6 hours is at most 2,000 mg, every 5
    hours 2,500 mg)."""
    most = day_total(step, fixed_dose(step)) or 0.0
    dose = step.amount_max if step.amount_max is not None else step.amount
    if step.as_needed and dose is not None and step.every is not None and step.every.hours:
        fits = -(-24 // step.every.hours)  # doses a day can hold: every 5 hours, 5 (at 0, 5, 10, 15, 20; a review)
        most = min(most, dose * fits) if most else dose * fits
    return most
