"""What a patient's page confirms of the prescription: the rate per kg and the course's days.

A handout's plan is one prescription among those written for its medicine: amoxicillin at 45
mg/kg/day for 10 days, where others are written at 25 or 90, for 5 or 7 days.  A patient's page
(``personal.check``) prints the plan only when what the prescriber says back (``--per-kg``,
``--course-days``, their CSV columns and form fields) is the plan's own; anything else prints
nothing, and the message names a track of the handout that would print it, if one would.  Personal
and track in, findings out (never quoting what was typed: a CSV's swapped columns put a name there).
"""

from __future__ import annotations

from .dosing import course_lengths, weight_rates
from .errors import Code, Finding, Location, Severity
from .model import Handout, Personal, Track


def _prints(t: Track, p: Personal, printed: Track) -> bool:
    """Whether a patient's page of track ``t`` would pass the rate's and the days' checks with what
    was typed (the printed track's own rate or length where none was): a hint names only such a
    track (a review: each hint named one the other check then refused)."""
    rates, days = weight_rates(t), course_lengths(t)
    if p.per_kg_day is not None:
        rate_ok = len(rates) == 1 and rates[0][0] == p.per_kg_day
    else:
        rate_ok = rates == weight_rates(printed)
    if p.course_days is not None:
        days_ok = {n for _, n in days} == {p.course_days}
    else:
        days_ok = days == course_lengths(printed)
    heavy = p.weight_kg is not None and t.weight_limit is not None and p.weight_kg >= t.weight_limit
    return rate_ok and days_ok and not heavy


def _hint(h: Handout, p: Personal, printed: Track, what: str, instead: str) -> str:
    """Where a prescription the printed track is not may be printed from: a track of the handout
    that passes every check with what was typed, or the pharmacy label."""
    other = [t.id for t in h.facts.tracks if t.id != printed.id and _prints(t, p, printed)]
    return (f"the track {', '.join(repr(t) for t in other)} of this handout, which {what}" if other
            else f"not this handout: the pharmacy label's instructions, or a track {instead} added to it")


def prescribed_rate(p: Personal, h: Handout, printed: Track, rules: list[tuple[float, str]], plan: str,
                    where: Location, prefix: str = "") -> list[Finding]:
    """A dose worked out from a child's weight is printed only at the rate the prescriber chose.

    A handout's weight rule is one rate (amoxicillin's: 45 mg/kg/day, the label's for severe
    infections); the same drug is prescribed at others (25 for a mild one, 80-90 for an ear
    infection).  Worked out at the handout's rate, the calendar's boxes said half or twice the
    bottle's dose.  So a patient's page of a one-rate weight plan asks for the prescribed rate
    (with a weight or without: the blank form's dose table and 'Check every dose' box state the
    rate too), and a rate the plan does not work out prints nothing.  A plan with more than one
    rate (a loading dose, a companion's own) is never worked out for a patient: one number
    confirms one.  A page with nothing of the patient's on it (the web page's empty form) is the
    plain handout: nothing is asked.  ``rules``: the printed track's rates (``dosing.weight_rates``,
    which ``personal.check`` works out once); ``plan``: how the messages name the plan printed."""
    rated = ", then ".join(f"{rate:g} {unit} per kg a day" for rate, unit in rules)

    def said(message: str, severity: Severity = "error", code: Code | None = None) -> list[Finding]:
        return [Finding(where, prefix + "per_kg_day", message, severity, code)]

    if not rules:
        return [] if p.per_kg_day is None else said(
            f"not used: {plan} works no dose out from the weight (expected it left out)", "warning", Code.RATE_UNUSED)
    if len(rules) > 1:
        if p.per_kg_day is None and p.weight_kg is None:
            return []  # its dose lines are left blank, to be filled in by hand (the no-weight warning says why)
        return said(f"{plan} works its doses out at {rated}: one prescribed rate cannot confirm them all, "
                    "so this plan is never worked out for a patient (expected no weight and no rate: its dose lines "
                    "are then left blank, to be filled in by hand from the prescription)")
    (rate, unit), = rules
    # A patient's page states the rate even with no weight ("45 mg per kg of weight a day ... Each
    # dose: ____ mL", to be filled in): it is asked for then too (a second review).
    if p.per_kg_day is None:
        return [] if p.empty else said(
            f"the prescribed amount per kg a day is needed: {plan} prints a child's dose at {rated}, worked out from "
            "the weight or left to be filled in, and only when that was prescribed (expected the rate on the "
            f"prescription, in {unit} per kg a day)")
    if p.per_kg_day != rate:  # (never the value: a CSV's swapped columns may put anything there)
        way = _hint(h, p, printed, "works doses out at that rate", "at the prescribed rate")
        return said(f"is not the rate {plan} works its doses out at ({rated}): a dose worked out at another "
                    f"rate than the prescribed one is never printed, and this handout's dose table and 'Check every "
                    f"dose' box say {rated} even without a weight (expected that rate, if it was prescribed; for "
                    f"another, {way})")
    return []


def prescribed_days(p: Personal, h: Handout, printed: Track, plan: str, where: Location,
                    prefix: str = "") -> list[Finding]:
    """A course that ends is printed for a patient only when it lasts as long as the one prescribed.

    Amoxicillin is prescribed for 5, 7 or 10 days at the same rate; its handout's plan (its dose
    table's "Days 1 to 10", its calendar's boxes, its words "Give all 10 days") is 10.  Printed for a
    7-day prescription, the calendar held three days of boxes past the bottle, and the parent was
    told to give them all.  So a patient's page of a plan whose medicines end (a stop step, or a last
    step with an end: the calendar ends there too) asks for the prescribed number of days, like the
    rate (``prescribed_rate``), and a course of another length prints nothing.  Medicines that end on
    different days cannot be confirmed by one number: such a plan is never printed for a patient.
    An EHR's prescription (medreq) is its own plan: its days are not asked for, and days given that
    are not its own are refused.  ``plan``: how the messages name the plan printed."""
    lengths = course_lengths(printed)

    def said(message: str, severity: Severity = "error", code: Code | None = None) -> list[Finding]:
        return [Finding(where, prefix + "course_days", message, severity, code)]

    def length(name: str | None, n: int) -> str:
        weeks = f" ({n // 7} weeks)" if n % 7 == 0 and n >= 14 else ""
        return f"{n} days{weeks}" + (f" of {name}" if name else "")

    if not lengths:
        if p.course_days is None:
            return []
        if h.prescribed:
            return said("not used: the prescription's plan has no end (expected it left out)", "warning",
                        Code.DAYS_UNUSED)
        if any(_prints(t, p, printed) for t in h.facts.tracks if t.id != printed.id):
            # the prescriber typed a course this handout has on another track: this plan goes on
            return said(f"{plan} prints a plan with no end, but a course of that many days was prescribed (expected "
                        f"it left out, if this plan was prescribed; for that course, "
                        f"{_hint(h, p, printed, 'lasts that long', 'of the prescribed length')})")
        return said(f"not used: {plan} prints a plan with no end (expected it left out)", "warning", Code.DAYS_UNUSED)
    named = [length(name, n) for name, n in lengths]
    if len({n for _, n in lengths}) > 1:
        return said(f"{plan} prints courses of {' and '.join(named)}: one number of days cannot confirm them all, so "
                    "this plan is never printed for a patient (expected a plan whose medicines end on the same day; "
                    "for this patient, the pharmacy labels' instructions)")
    days = lengths[0][1]
    if p.course_days is None:
        return [] if h.prescribed or p.empty else said(
            f"the prescribed number of days is needed: {plan} prints a course of {named[0]} (its dose table and "
            f"calendar end after day {days}), and only when that was prescribed (expected the number of days on the "
            "prescription)")
    if p.course_days != days:  # (never the value: a CSV's swapped columns may put anything there)
        if h.prescribed:
            return said(f"is not the length of the prescription's course ({named[0]}): its dose table and calendar "
                        f"are for {days} days (expected it left out, or {days})")
        way = _hint(h, p, printed, "lasts that long", "of the prescribed length")
        return said(f"is not the length of the course {plan} prints ({named[0]}): a course of another length than "
                    f"the prescribed one is never printed, and its dose table and calendar are for {days} days "
                    f"(expected {days}, if that was prescribed; for another, {way})")
    return []
