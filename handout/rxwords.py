"""A prescription's plan against the handout's sentences: the handout and the mapped ``Track`` in,
errors at the request's JSON paths out (``medreq``'s mapper mixes this in, as it does ``sigmap``).

A prescription replaces the plan's doses, never the words around them: a request the words
contradict is refused, and the message names what the words say, so the clinician can print the
pharmacy label's instructions or a handout whose words say the plan instead.
"""

from __future__ import annotations

import re

from . import dosing
from .jsonpos import Path as JPath
from .model import Handout, Product, Step, Track
from .textfields import markup_fields
from .sigmap import WHEN

EPS = 1e-9
_LOOSER = {"with_breakfast": "morning", "with_lunch": "noon", "with_dinner": "evening"}  # a meal's time, said less


class PlanWords:
    """The checks; the mapper sets h, order and product, and says errors with ``err``."""

    h: Handout
    order: list[int]
    product: Product
    times_from: dict[int, JPath]  # instructions whose time of day their timing.code gave (AM, BED)

    def err(self, path: JPath, message: str) -> None:  # (the mapper's: DosageMapper.err)
        raise NotImplementedError

    def same_words(self, track: Track) -> None:
        """A prescription replaces the plan's doses, not the handout's sentences.  A handout whose own
        plan is taken on named weekdays has words written for those days ("once a week, on Monday
        morning", "If you miss your Monday dose"): a request for another day, or for every day, would
        print a table that contradicts them, for weekly methotrexate the contradiction that kills.  And
        a handout whose plan names a time of day says it ("Take 1 capsule at bedtime", "at about the
        same time each night"): a morning request would print "in the morning" under them.  Both are
        refused; a plan on another day or at another time needs a handout whose words say so.  (A
        request that names no time says less than the words, not something else: it is taken.)"""
        steps = [s for t in self.h.facts.tracks for s in t.steps if not s.stop]
        named = {frozenset(s.days): s.days for s in steps if s.days}
        wanted = " or ".join(sorted(", ".join(d.capitalize() for d in days) for days in named.values()))
        codes = " or ".join(sorted("[" + ", ".join(d[:3] for d in days) + "]" for days in named.values()))
        times = {s.timing for s in steps if s.timing}
        allowed: set[frozenset[str]] = {frozenset(t) for t in times}  # a request may list them in any order
        # ... and may say less than the words: "in the morning" where they say "with breakfast" (a review
        # refused prednisone's MORN under "each morning with breakfast")
        allowed |= {frozenset(_LOOSER.get(x, x) for x in t) for t in times}
        whens = {v: k for k, v in WHEN.items()}
        # Words that name the weekly day as {weekly_day} say the plan's, whichever: a request once a week on another
        # day is printed on its day, words and all (``weekday``; a Wednesday order was refused, a review)
        from .weekday import named_weekday, plan_day, says_weekly_day

        movable = plan_day(self.h) is not None and says_weekly_day(self.h) and named_weekday(self.h) is None
        for k, step in enumerate(track.steps):
            repeat = ("dosageInstruction", self.order[k], "timing", "repeat")
            if step.stop:
                continue
            if named and frozenset(step.days) not in named and not (movable and len(step.days) == 1):
                said = (", ".join(d.capitalize() for d in step.days) if step.days else
                        f"every {step.every.days} days" if step.every and step.every.days else
                        f"every {step.every.hours} hours" if step.every and (step.every.hours or 0) > 24 else "every day")
                self.err(repeat + (("dayOfWeek",) if step.days else ()), f"{said}, but the handout's words are "
                         f"written for {wanted} (expected dayOfWeek {codes}; a plan on another day needs a handout "
                         "whose words say that day)")
            elif times and step.timing and frozenset(step.timing) not in allowed:
                # (a time its timing.code gave, AM or BED, is said at the code: the request has no `when`)
                self.err(self.times_from.get(self.order[k], repeat + ("when",)),
                         f"{', '.join(step.timing).replace('_', ' ')}, but the handout's words "
                         f"are written for {' or '.join(sorted(', '.join(t).replace('_', ' ') for t in times))} "
                         f"(expected when {' or '.join(sorted('[' + ', '.join(whens[x] for x in t) + ']' for t in times))}"
                         "; a plan at another time needs a handout whose words say that time)")

    def same_plan(self, track: Track) -> None:
        """The rest of what the handout's sentences say of its plan, which a request must not contradict
        either (a review printed each of these under words that said otherwise, with no warning):

        * taken only when needed, or on a schedule: 8 scheduled tablets a day under "only when needed";
        * how many doses a dose day holds: four 15 mg doses each Monday (60 mg a week) under "once a
          week", LDN every 12 hours under "1 capsule at bedtime";
        * the shortest wait between as-needed doses ("wait at least 6 hours");
        * the most in one dose and in 24 hours ("Never take more than 3,000 mg"): 4,000 mg a day of
          acetaminophen, or 50 mL of a child's amoxicillin, above the handout's own ceiling;
        * a course's length ("Give all 10 days"): a 7-day prescription under "for 10 days";
        * a dose every day ("each night"): LDN on Mondays only, or every 3 days;
        * one dose at a time ("Take your whole dose"): "6 to 10 tablets" of weekly methotrexate;
        * a dose that gets smaller (a taper's words): prednisone going up from 5 mg to 30 mg, or in
          5-day steps under "smaller every 3 days" (where the words give the steps' number).
        A plan the words do not describe needs a handout whose words do, or the pharmacy label's
        instructions."""
        own = [s for t in self.h.facts.tracks for s in t.steps if not s.stop]
        needed = {s.as_needed is not None for s in own}
        daily = {_per_day(s) for s in own if s.as_needed is None}
        waits = [s.every.hours for s in own if s.as_needed is not None and s.every and s.every.hours]
        most_dose = max((s.max_dose for s in own if s.max_dose is not None), default=None)
        if most_dose is None and needed == {True}:  # an as-needed plan's words give its most at one time
            # ("Never take more than 2 tablets at one time"): 3 tablets a dose built (a code review)
            most_dose = max((s.amount_max or s.amount or 0 for s in own), default=None) or None
        every_day = all(not s.days and not (s.every and s.every.days) for s in own if s.as_needed is None)
        ranged = any(s.amount_max is not None for s in own if s.as_needed is None)
        most_day = max((s.max_per_day for s in own if s.max_per_day is not None), default=None)
        unit = self.product.unit
        for k, step in enumerate(track.steps):
            at = ("dosageInstruction", self.order[k])
            if step.stop:
                continue
            if needed == {True} and step.as_needed is None:
                self.err(at + ("timing", "repeat"), "taken on a schedule, but the handout's words are written for "
                         "taking it only when needed (expected asNeededBoolean or asNeededCodeableConcept; a "
                         "scheduled plan needs a handout whose words say so)")
                continue
            if needed == {False} and step.as_needed is not None:
                self.err(at, "taken only when needed, but the handout's words are written for a plan taken on a "
                         "schedule (expected no asNeeded; an as-needed plan needs a handout whose words say so)")
                continue
            some_days = 0 < len(step.days) < 7 or step.every is not None and (step.every.days or (step.every.hours or 0) > 24)
            if step.as_needed is None and daily and every_day and some_days:
                # LDN "each night" with a request for Mondays, or every 3 days (a code review)
                self.err(at + ("timing", "repeat"), "taken on some days only, but the handout's words are written for "
                         "a dose every day (expected periodUnit d with period 1; another plan needs a handout whose "
                         "words say so)")
            if step.as_needed is None and daily and _per_day(step) not in daily:
                n, allowed = _per_day(step), " or ".join(str(x) for x in sorted(daily))
                self.err(at + ("timing", "repeat"), f"{n} dose{'s' if n > 1 else ''} on each dose day, but the "
                         f"handout's words are written for {allowed} (expected frequency and when for {allowed} a "
                         "day; another plan needs a handout whose words say so)")
            if step.as_needed is not None and waits and step.every and step.every.hours \
                    and step.every.hours < min(waits):
                self.err(at + ("timing", "repeat"), f"every {step.every.hours} hours, but the handout's words say to "
                         f"wait at least {min(waits)} hours between doses (expected a period of {min(waits)} h or "
                         "more)")
            if step.as_needed is None and step.amount_max is not None and not ranged:
                # "Take 6 to 10 tablets, once a week" under "Take your whole dose" (a review)
                self.err(at + ("doseAndRate",), "a range of doses, but the handout's words are written for one dose "
                         "at a time (expected doseQuantity)")
            dose = step.amount_max if step.amount_max is not None else step.amount
            if most_dose is not None and (dose is not None and dose > most_dose + EPS
                                          or step.max_dose is not None and step.max_dose > most_dose + EPS):
                self.err(at + ("doseAndRate",), f"more than {most_dose:g} {unit} in one dose, the most the handout's "
                         "words allow (expected a dose within the handout's own; a higher one needs the pharmacy "
                         "label's instructions)")
            day = None if dose is None or step.as_needed is not None else dose * _per_day(step)
            if day is not None and step.max_per_day is not None and step.max_per_day > day + EPS:
                # "Most in 24 hours: 10 tablets (25 mg)" beside weekly methotrexate's 15 mg (a review)
                self.err(at + ("maxDosePerPeriod",), f"more than the day's own doses ({day:g} {unit}): a plan on a "
                         f"schedule takes what it says, and a higher most reads as room for more (expected "
                         f"maxDosePerPeriod at most {day:g} {unit}, or none)")
            # (a tolerance: 0.1 mg three times a day is 0.30000000000000004 mg, refused as more than 0.3: a review)
            if most_day is not None and (day is not None and day > most_day + EPS
                                         or step.max_per_day is not None and step.max_per_day > most_day + EPS):
                over = step.max_per_day is not None and step.max_per_day > most_day + EPS
                self.err(at + (("maxDosePerPeriod",) if over else ("doseAndRate",)),
                         f"more than {most_day:g} {unit} in 24 hours, the most the "
                         "handout's words allow (expected a plan within the handout's own; a higher one needs the "
                         "pharmacy label's instructions)")
        # A lower most in 24 hours than the words state ("Never take more than 6 tablets (3,000 mg) in 24 hours")
        # printed its own beside them: 2,000 mg in the table, 3,000 mg in the key points (a review).  A lower
        # ceiling is the prescriber's to give, for liver disease or alcohol use, where the words must say it too.
        lower = {s.max_per_day for s in track.steps if not s.stop and s.max_per_day is not None
                 and most_day is not None and s.max_per_day < most_day - EPS}
        if lower and most_day is not None and _states(self.h, unit, most_day):
            k = next(i for i, s in enumerate(track.steps) if s.max_per_day in lower)
            self.err(("dosageInstruction", self.order[k], "maxDosePerPeriod"), f"at most {min(lower):g} {unit} in 24 "
                     f"hours, but the handout's words say {most_day:g} {unit}, on the same page (expected "
                     f"{most_day:g} {unit}; a lower most needs a handout whose words say it, or the pharmacy label's "
                     "instructions)")
        # A taper's words ("The dose gets smaller every 3 days", "Do not stop suddenly"): a request whose
        # dose goes up, 5 mg to 30 mg and then nothing, printed under them (a review)
        changes = {(b.amount > a.amount) - (b.amount < a.amount) for t in self.h.facts.tracks
                   for a, b in zip(t.steps, t.steps[1:]) if a.amount is not None and b.amount is not None}
        if changes and changes <= {-1, 0} and -1 in changes:
            for k, (a, b) in enumerate(zip(track.steps, track.steps[1:])):
                if a.amount is not None and b.amount is not None and b.amount > a.amount + EPS:
                    self.err(("dosageInstruction", self.order[k + 1], "doseAndRate"), f"goes up from {a.amount:g} "
                             f"to {b.amount:g} {unit}, but the handout's words are written for a dose that gets smaller "
                             "step by step (expected each dose at most the one before; another plan needs a handout "
                             "whose words say so)")
                    break
            # ... and gets smaller every so many days ("The dose gets smaller every 3 days"): a request
            # of 5-day steps under it had the patient step down after 3 (a review's open item).  Steps of
            # one dose are one step (30 mg sent as 2 days and 1 day); four 3-day steps of 30 mg are one
            # 12-day dose, and a dose with no end is no step of the words either (a review).
            # (the handout's closed doses: a taper may end on a dose with no end, a maintenance dose)
            own_runs = [_runs(t.steps) for t in self.h.facts.tracks]
            spans = {n for runs in own_runs for _, n in runs if n is not None}
            open_end = any(runs and runs[-1][1] is None for runs in own_runs)
            span = spans.pop() if len(spans) == 1 else 0
            numbers, weeks = _numbers(self.h), span // 7 if span and span % 7 == 0 else None
            said = (f"{span} days" if span and span in numbers else
                    f"{weeks} week{'s' if weeks != 1 else ''}" if weeks and weeks in numbers else None)
            runs = _runs(track.steps) if said else []
            for i, (k, held) in enumerate(runs):
                if open_end and i == len(runs) - 1:
                    break  # its own last dose has no end: the request's last is the prescriber's
                if held != span:
                    self.err(("dosageInstruction", self.order[k], "timing", "repeat"), (
                        f"a dose of {held} day{'s' if held != 1 else ''}" if held else "a dose with no end") + ", but the "
                        f"handout's words are written for a dose that gets smaller every {said} (expected each dose "
                        f"for {said}, then a smaller one; a taper of other steps needs a handout whose words say them)")
                    break
        # The words state a course's length when they give its number ("for 10 days", "Give all 10
        # days"); a taper's words that say only "smaller every 3 days" take a shorter taper.
        lengths = {n for t in self.h.facts.tracks for _, n in dosing.course_lengths(t)} & _numbers(self.h)
        if lengths and all(dosing.course_lengths(t) for t in self.h.facts.tracks):
            said = " or ".join(f"{n} days" for n in sorted(lengths))
            mine = {n for _, n in dosing.course_lengths(track)}
            last = ("dosageInstruction", self.order[-1], "timing", "repeat")
            if not mine:
                self.err(last, f"has no end, but the handout's words are written for a course of {said} (expected "
                         f"boundsPeriod.end or boundsDuration ending after {said})")
            elif not mine <= lengths:
                self.err(last, f"a course of {' and '.join(f'{n} days' for n in sorted(mine))}, but the handout's "
                         f"words are written for a course of {said} (expected {said}; a course of another length "
                         "needs a handout whose words say so, or the pharmacy label's instructions)")


def _per_day(step: Step) -> int:
    """Doses on each dose day of a scheduled step: one at each time of day, every N hours round the
    clock, else one."""
    if step.timing:
        return len(step.timing)
    if step.every is not None and step.every.hours:
        return max(1, 24 // step.every.hours)  # (every 48 hours: one on each dose day, not "0 doses")
    return 1


def _runs(steps: tuple[Step, ...]) -> list[tuple[int, int | None]]:
    """The doses of a plan as (index of the first step, days, or None for no end): consecutive steps
    of the same dose are one."""
    runs: list[tuple[int, int | None, tuple]] = []
    for k, s in enumerate(steps):
        if s.stop:
            continue
        days = dosing.step_length(s)
        dose = tuple(None if a is None else round(a, 6) for a in (s.amount, s.amount_max))  # (an EHR's 10.000000000000002)
        if runs and runs[-1][2] == dose and k and not steps[k - 1].stop:
            first, n, _ = runs[-1]
            runs[-1] = (first, None if n is None or days is None else n + days, dose)
        else:
            runs.append((k, days, dose))
    return [(k, n) for k, n, _ in runs]


def _states(h: Handout, unit: str, value: float) -> bool:
    """Whether the handout's sentences (its source language's) give this amount ("3,000 mg", "3 g")."""
    from .planamounts import in_base
    from .textamounts import amounts_in

    text = h.source or h.text
    lang = h.facts.source_language if h.source is not None else h.lang
    want = in_base(unit, value)
    return any(want in amounts_in(raw, lang) for _, raw, _ in markup_fields(text))


def _numbers(h: Handout) -> set[int]:
    """Every whole number the handout's sentences write in digits (any script's: int() reads them),
    in its source language's words: a translation may write "tres", and its fingerprint and other
    fields are no sentences (the check drew a 3 from "…e3b" once: a review).  Citations are left out."""
    text = h.source or h.text
    sentences = [text.title, text.condition, *(raw for _, raw, _ in markup_fields(text))]  # "a 10-day course" in a title
    return {int(m) for raw in sentences for m in re.findall(r"(?<![\d.,])\d+(?![.,]?\d)", re.sub(r"\[@[^\]]*\]", "", raw))}
