"""Days of a cycle named one by one, for H154 (``weeklyrule``): a rule and one sentence in, the span from the first to
the last day it gives the weekly dose on, where two of them are less than a week apart, out.

``Weekly.is_course`` reads days' numbers listed or ranged in one phrase ("days 1-3", "on days 1, 2 and 3").  A
sentence may name them one by one instead, each with its own words, and each was printed under the Monday-only plan
(a review): "Take 6 tablets on day 1 and take 6 tablets on day 2", "D1 · D2 · D3", "D1;D2", "D1→D3", "day 1 to 3",
"day1, day2", "Day-1 and Day-2", "day one and day two", "Take 6 tablets: day 1, day 2", and across two sentences, "Take
6 tablets on day 1. Repeat on day 2." (``Rule.read``).

A day counts where its clause orders the dose (``Weekly.ordered``: "… and take 6 tablets on day 2"), where only days
stand between it and a colon after a dose ("Take 6 tablets: day 1, day 2"), or where it is linked by list words alone
to a day that counts ("On day 1 and day 2, take 6 tablets").  Not a day said against ("never on
day 2"), the plan's other medicine's ("… and 1 folic acid tablet on day 3"), one a missed dose is named by ("If you
miss day 1, take it on day 2"), nor one with a verb of its own after it ("… then on day 2 rest").  Days a week or more
apart ("D1, D8, D15" of a cycle) print.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from . import recache
from .daynumbers import DAY_WORD, SHORT_DAY
from .warning import against
from .weeklydays import others_day
from .weeklywords import Weekly
from .wordlists import WordList
from .wordpatterns import RANGE_WORDS, alternation

if TYPE_CHECKING:
    from .weeklyrule import Rule

_WEEK = 7
# A day's word ("day", "día", "jour") and its number, glued or with a hyphen or "#" between ("day1", "Day-1", "day
# #1"), or "D1", "J1" (not vitamin D3); and the end of its range, if one follows ("day 1 to 3", "D1→D3", "day 1 to day
# 3").  A number is no decimal, time, date or ordinal ("day 1.5", "8:00", "1/2", "1st"): a comma or a full stop after
# it is a list's.
_AFTER = r"(?![\d/]|[.,:]\d|[^\W\d_])"


def _refs(words: WordList) -> re.Pattern[str]:
    """One day by its number, in digits or in the word list's number words up to 31 ("day one"), and its range."""
    return _refs_with(tuple(k for k, v in words.count_words.items() if v <= 31 and k.isalpha()))


@cache
def _refs_with(spelled: tuple[str, ...]) -> re.Pattern[str]:
    number = rf"\d{{1,2}}|{alternation(spelled)}" if spelled else r"\d{1,2}"
    day = rf"(?<![^\W\d_])(?:{DAY_WORD}\s*(?:[-#]\s*)?(?P<n>{number}){_AFTER}|{SHORT_DAY}(?P<short>\d{{1,2}}){_AFTER})"
    return recache.pattern(rf"{day}(?:\s*{RANGE_WORDS}\s*(?:{DAY_WORD}\s*|[dj])?(?P<to>\d{{1,2}}){_AFTER})?", re.I)


def _numbers(m: re.Match[str], words: WordList) -> range:
    """The day's number, or its range's."""
    said = m.group("n") or m.group("short")
    first = int(said) if said.isdigit() else words.count_words[" ".join(said.lower().split())]
    last = int(m.group("to")) if m.group("to") else first
    return range(first, max(first, last) + 1)


def cycle_days(rule: Rule, text: str, missed: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Where a sentence gives the weekly dose on two or more days of a cycle by their numbers, less than a week apart
    (module docstring): from the first such day to the last; None if it does not."""
    if rule.lang_words is None:
        return None
    found = list(_refs(rule.words).finditer(text))
    if len(found) < 2 and not (found and found[0].group("to")):  # (a quick look: most sentences name none)
        return None
    days = dosed_days(rule, text, missed)
    return (days[0][0], days[-1][1]) if _too_close(days) else None


def next_days(rule: Rule, before: str, text: str, missed: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Where ``text``, a sentence that takes the dose again after ``before`` ("Repeat on day 2."), gives it on days of a
    cycle less than a week from those of ``before`` or its own: the span of its days; None if it does not."""
    again = dosed_days(rule, text, missed)
    return (again[0][0], again[-1][1]) if again and _too_close([*dosed_days(rule, before), *again]) else None


def _too_close(days: list[tuple[int, int, range]]) -> bool:
    numbers = sorted({n for _, _, said in days for n in said})
    return any(b - a < _WEEK for a, b in zip(numbers, numbers[1:]))


def dosed_days(rule: Rule, text: str, missed: tuple[int, int] | None = None) -> list[tuple[int, int, range]]:
    """(start, end, its numbers) of each day of a cycle a sentence gives the weekly dose on (module docstring), in order.
    Days linked by nothing but list words ("day 1 and day 2", "D1;D2") count together: "On day 1 and day 2, take 6
    tablets" orders both, though the order is read after the first alone."""
    read = rule.lang_words
    if read is None:
        return []
    kept: list[tuple[int, int, range]] = []
    run: list[tuple[int, int, range]] = []  # (linked days: counted if one of them is)
    run_dosed = False
    negated = -1  # where the last day said against ends: the days linked to it are said against too ("never day 2 and 3")
    refs = _refs(rule.words)
    for m in refs.finditer(text):
        opens = _opening(rule.words, text, m.start())  # ("never on day 2": its "on" too)
        if (negated >= 0 and _linked(read, text, negated, m.start())) or against(
                rule.words, text, opens, m.end(), exceptions=False, names=rule.named):
            negated = m.end()
            continue
        negated = -1
        if ((missed is not None and missed[0] <= m.start() < missed[1])
                or others_day(rule, text, m.start(), refs) or read.other_order_after(text, m.end())):
            continue
        if run and not _linked(read, text, run[-1][1], m.start()):
            kept += run if run_dosed else []
            run, run_dosed = [], False
        run.append((m.start(), m.end(), _numbers(m, rule.words)))
        run_dosed = run_dosed or read.ordered(text, opens, m.end(), rule.called) or _after_colon(
            rule, read, text, m.start())
    return kept + (run if run_dosed else [])


_ARTICLES = frozenset({"the", "el", "la", "los", "las", "le", "les", "l", "du", "del", "al", "au"})


def _opening(words: WordList, text: str, at: int) -> int:
    """Where the phrase of a day at ``at`` opens: before its preposition and article ("On day 1 and day 2, take …"
    opens its sentence, as "On days 1-3 take …" does, whose phrase holds its "on")."""
    while (m := _LAST_WORD.search(text, max(0, at - 24), at)) is not None and (
            m.group(1).lower() in _ARTICLES or m.group(1).lower() in words.phrase_openings):
        at = m.start()
    return at


_LAST_WORD = re.compile(r"(?<![\w'’])([\w'’]+)\s+$")
_MARKS = re.compile(r"[\s,/·+&→>–-]*")


def _linked(read: Weekly, text: str, end: int, start: int) -> bool:
    """Whether only list words and marks stand between two days ("day 1 and day 2", "D1 → D3"), or a semicolon or a
    full stop tight between them ("D1;D2", "D1.D2"; not "day 1; day 2 and 3 you may feel tired": two parts)."""
    between = text[end:start]
    if between in (";", "."):
        return True
    return all(read.listed(x) for x in re.findall(r"[\w'’]+", between)) and _MARKS.fullmatch(
        re.sub(r"[\w'’]+", " ", between)) is not None


def _after_colon(rule: Rule, read: Weekly, text: str, at: int) -> bool:
    """Whether the day at ``at`` follows a colon with only days and their links between (``Weekly.listed``), and what
    comes before the colon, in its part of the sentence, speaks of a dose ("Take 6 tablets: day 1, day 2")."""
    colon = text.rfind(":", 0, at)
    if colon < 0 or text.rfind(";", 0, at) > colon:
        return False
    if not all(read.listed(x) for x in re.findall(r"[\w'’-]+", text[colon + 1:at])):
        return False
    return rule.about_dose(text[text.rfind(";", 0, colon) + 1:colon])
