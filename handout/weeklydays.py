"""The days of the week a sentence gives a weekly dose on, for H154 (``frequency``): a rule (its word list, its
medicines' names) and one sentence in, the span of two or more days out; and whether a sentence takes a dose of
its own, to be read with the day of the sentence before it.

A day counts where a dose word governs it (``Weekly.dosed``), or, with no verb before it, where its part of the
sentence speaks of a dose; not where it is said against, offered as a choice ("Tue or Wed"), the day a dose was
missed, or the plan's other medicine's day.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .clauses import APOSTROPHES
from .daynames import Day, linked, named_days
from .warning import against
from .weeklywords import Weekly
from .wordpatterns import words_pattern

if TYPE_CHECKING:
    from .frequency import _Rule

# An amount with its unit is a dose in any language ("15 mg daily": the prescribing error that kills).
AMOUNT = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ml|g)(?!\w)", re.I)


def days(rule: _Rule, text: str, missed: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Where a sentence names two or more days of the week for the weekly medicine ("on Monday and
    Thursday", "el lunes y el jueves"): from the first to the last; None if it names fewer.  A day the
    plan's other medicine is named nearest before is its ("Take 6 tablets on Monday and 1 folic acid
    tablet on Tuesday")."""
    read = rule.lang_words
    # (a day another verb governs is no dose's: "Call us Mon-Fri if you miss your dose", "… and avoid alcohol until
    # Thursday")
    found = [d for d in named_days(rule.words, text) if read is None or _dosed(rule, read, text, d[0])]
    # (a day said against, and the days of its list: "Take 6 tablets on Mondays only (not Mon-Fri!)", "Do not
    # take it on Mon, Wed and Fri")
    kept: list[Day] = []
    negated: Day | None = None
    for d in found:
        if against(rule.words, text, d[0], d[1], exceptions=False, names=rule.named):
            negated = d
        elif negated is not None and linked(rule.words, text, negated[1], d[0]):
            negated = d
        else:
            negated = None
            kept.append(d)
    # (days offered as a choice are one day: "If you miss it, take Tue or Wed", "si oubli prenez-la mar ou mer")
    choice = words_pattern(rule.words.choice_words, True) if rule.words.choice_words else None
    found = [d for k, d in enumerate(kept) if not (k and choice is not None and choice.fullmatch(
        text[kept[k - 1][1]:d[0]].strip(" ,.")))]
    if missed is not None:  # the day missed, wherever named ("You missed Monday: … on Tuesday, then Monday as usual")
        gone = {day for at, _, day in found if missed[0] <= at < missed[1]}
        found = [d for d in found if d[2] not in gone]
    if len(found) < 2:
        return None
    names = sorted([(m.start(), False) for m in rule.named.finditer(text)]
                   + [(m.start(), True) for m in (rule.others.finditer(text) if rule.others is not None else ())])
    weekly = [d for d in found if not next((other for at, other in reversed(names) if at < d[0]), False)]
    if len({day for _, _, day in weekly}) < 2:
        return None
    return weekly[0][0], weekly[-1][1]


def _dosed(rule: _Rule, read: Weekly, text: str, at: int) -> bool:
    """Whether the day at ``at`` is the dose's (``Weekly.dosed``); with no verb before it, whether its part of the
    sentence, to a semicolon, speaks of a dose ("Mon-Fri: take 6 tablets", "Methotrexate 15 mg Mon-Fri"; not
    "…; no alcohol Fri-Sun")."""
    said = read.dosed(text, at)
    if said is not None:
        return said
    start, end = text.rfind(";", 0, at) + 1, text.find(";", at)
    end = end if end >= 0 else len(text)
    # (what comes after "after", "before" is when, not what: "headache Mon & Tue after dose", "nausea Tue & Wed
    # after mtx"; a review)
    when = rule.words.time_relations
    after = words_pattern(when, True).search(text, at, end) if when else None
    return rule.about_dose(text[start:after.start() if after is not None else end])


def dose_again(rule: _Rule, text: str) -> bool:
    """Whether a sentence takes a dose again (a repeat word, more of it) or orders one of its own that is not the
    plan's other medicine's ("Take 6 tablets on Thursday." after "Take 6 tablets on Monday.": a review)."""
    if rule.again is not None and rule.again.search(text):
        return True
    text = text.translate(APOSTROPHES)
    # (a dose of its own: a count, an amount, a pronoun for it, the weekly medicine's name; not "Take the form
    # to the lab on Wednesday", "Prise de sang le jeudi", "Take paracetamol on Tuesday": a review)
    words = rule.words
    if not (AMOUNT.search(text) or rule.named.search(text) or re.search(r"\d", text)
            or (words.counted and words_pattern(words.counted, True).search(text))
            or (words.dose_nouns and words_pattern(words.dose_nouns, True).search(text))
            or (words.it_doses and words_pattern(words.it_doses, True).search(text))):
        return False
    dose = rule.dose.search(text)
    if dose is not None and rule.words.negations and words_pattern(rule.words.negations, True).search(
            text, 0, dose.start()):
        return False  # ("Never take them on any other day, such as Tuesday.")
    return rule.about_dose(text) and not (rule.others is not None and not rule.weekly_taken(text)
                                          and rule.of_other(text))
