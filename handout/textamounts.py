"""Amounts the handout's own words give, against its plan: a handout in, warnings (H153) out.

The dose table is made from the facts and checked (``dosecheck``); the sentences around it are
free text.  An adversarial review built with exit 0 a handout whose text said "Take 1 capsule
(45 mg) at bedtime" above a table of 4.5 mg: a patient reads the sentence, not the table.

So each amount with a dose unit ("45 mg", "5 mL", "3,000 mg", "2 milligrams") written in the source
language's text must be one the facts give: an amount, strength, rate, concentration or limit of
the plan, or a day's total worked out from it; and each count of what the patient counts out ("2
capsules", in the words of the language's word list) a count the plan gives.  A sentence may also give a figure its cited
source names in its title ("Naltrexone is taken at 50 mg a day [@label]", the label being the
"50 mg" tablets' prescribing information).  Anything else is a warning for a person to check:
only the author can tell another drug's dose or a label's limit from a mistyped plan.
(Translations are held to their source's numbers by ``translated``.)
"""

from __future__ import annotations

import re
from functools import cache

from .designations import _UNIT_WORDS, _UNITS
from .dosing import day_total, fixed_dose, medications, slots
from .errors import Finding, HandoutError, Location
from .localize import load_labels
from .markup import parse_markup
from .model import Handout, Text, _at, label_fields, markup_fields
from .translated import NUMBER, number_value
from .wordlists import load as load_wordlist

# A weight ("a child of 20 kg") or a bag's litres is not a dose.
_DOSE_UNITS = tuple(u for u in _UNITS if u not in ("kg", "L")) + _UNIT_WORDS


@cache
def _amount_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(u) for u in sorted(set(units), key=len, reverse=True))
    return re.compile(rf"(?<![\w.,])({NUMBER.pattern})[\s\u00a0\u202f-]*(?:{alts})(?!\w)", re.I)


# The fields that hold an amount of drug (or a liquid's volume); a count, a day number or an
# age is no amount ("2 milligrams" is not made right by "day 2").
_STEP_AMOUNTS = ("amount", "amount_max", "strength", "volume", "per_kg", "max_dose", "max_per_day")


def _add(out: set[float], *values: float | None) -> None:
    out.update(round(float(v), 6) for v in values if v is not None)


def plan_amounts(h: Handout) -> set[float]:
    """The amounts the plan gives: each step's amounts, strengths, volume, rate and limits, its day
    total, and each product's concentration and ceiling."""
    out: set[float] = set()
    for i, track in enumerate(h.facts.tracks):
        for med in medications(track, f"tracks[{i}]"):
            conc = med.product.concentration
            _add(out, med.product.most_per_kg_day, *((conc.amount, conc.volume) if conc else ()))
            for step in med.steps:
                _add(out, *(getattr(step, name) for name in _STEP_AMOUNTS), *(p.strength for p in step.parts))
                _add(out, day_total(step, fixed_dose(step)))
    return out


def plan_counts(h: Handout) -> set[float]:
    """The counts the plan gives: each step's count (and range), its parts' counts and their sum, a
    day's count, and the most in one dose or a day in whole tablets (as needed: "6 tablets")."""
    out: set[float] = set()
    for i, track in enumerate(h.facts.tracks):
        for med in medications(track, f"tracks[{i}]"):
            for step in med.steps:
                parts = [p.count for p in step.parts]
                _add(out, step.count, step.count_max, *parts, sum(parts) if parts else None)
                most = step.count_max or step.count or (sum(parts) if parts else None)
                if most is not None and slots(step):
                    _add(out, most * len(slots(step)))
                if step.strength:
                    _add(out, *(limit / step.strength for limit in (step.max_dose, step.max_per_day) if limit))
    return out


def _texts(t: Text) -> list[tuple[str, str, Location]]:
    wallet = ((f"wallet_card[{i}]", line, _at(t, "wallet_card", i)) for i, line in enumerate(t.wallet_card))
    return [*markup_fields(t), *wallet, *label_fields(t)]


def check_amounts(h: Handout) -> list[Finding]:
    """A warning for each amount with a dose unit in the source language's text that the plan does not
    give, nor a source the text cites in its title (module docstring).  The units: the symbols and unit
    words every language is checked for, and the language's own unit labels."""
    if h.source is not None or not h.facts.tracks:
        return []  # a translation: its numbers are its source's (translated); no plan: nothing to hold to
    try:
        units = tuple(v for k, v in load_labels(h.lang).values.items() if k.startswith("unit_"))
    except HandoutError:  # said by check_doses
        units = ()
    plan, counts = plan_amounts(h), plan_counts(h)
    titles = {str(s.id): s.title for s in h.facts.sources}
    pattern = _amount_pattern(_DOSE_UNITS + units)
    words = load_wordlist(h.lang)
    counted = _count_pattern(words.counted) if words is not None and words.counted else None
    out: list[Finding] = []
    for path, raw, where in _texts(h.text):
        if not any(ch.isdigit() for ch in raw):
            continue
        spans = parse_markup(raw)
        text = "".join(sp.text for sp in spans if not sp.cite)
        cited = {n for sp in spans if sp.cite for n in _title_numbers(titles.get(sp.text, ""))}
        for m in pattern.finditer(text):
            value = round(float(number_value(m.group(1))), 6)
            if value not in plan and value not in cited:
                out.append(Finding(where, path, f"'{m.group(0)}' is not an amount of the plan (expected an amount, "
                                   "strength, limit or day's total the facts give, or one the cited source names: "
                                   "check that the text and the dose table say the same dose)", severity="warning",
                                   code="H153"))
        for m in counted.finditer(text) if counted is not None else ():
            value = round(float(number_value(m.group(1))), 6)
            if value not in counts and value not in cited:
                out.append(Finding(where, path, f"'{m.group(0)}' is not a count of the plan (expected a count the "
                                   "facts give: a step's, a day's, or the most in a dose or a day; check that the "
                                   "text and the dose table say the same dose)", severity="warning", code="H153"))
    return out


@cache
def _count_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![\w.,])({NUMBER.pattern})[\s\u00a0]+(?:{alts})s?(?!\w)", re.I)


def _title_numbers(title: str) -> set[float]:
    return {round(float(number_value(n)), 6) for n in NUMBER.findall(title)}
