"""One language's patterns for H154's weekly plan (``weeklywords.Weekly``): its word list in, the patterns out, once
per language (``patterns``): the daily words, a dose again a day or less on, courses of days, numbers in words, the
dose verbs and what is counted.
"""

from __future__ import annotations

import re
from functools import cache

from . import recache
from .daynumbers import DAY_LIST
from .weeklywords import Weekly
from .wordlists import WordList
from .wordlists import load as load_wordlist
from .wordpatterns import LISTED_NUMBER, NUMBER_MARK, alternation, how_often_pattern, words_pattern


def _dose_verbs(words: WordList) -> re.Pattern[str]:
    """The word list's dose words that are verbs (not "dose", not what is counted), and its dose orders."""
    nouns = {n.lower() for n in words.dose_nouns}
    verbs = tuple(d for d in (*words.dose_words, *words.dose_orders) if d.lower() not in nouns and " " not in d)
    return _single(verbs) or re.compile("(?!)")


def _single(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One word of ``forms`` (an entry ending in "*" a prefix), for ``fullmatch``."""
    return re.compile("|".join(re.escape(v.rstrip("*")) + (r"[\w-]*" if v.endswith("*") else "") for v in forms),
                      re.I) if forms else None


@cache
def patterns(lang: str) -> Weekly | None:
    words = load_wordlist(lang)
    if words is None or not words.daily:
        return None
    # (not a count that is a phrase whole: "twice a day")
    whole = {" ".join(d.lower().split()) for d in (*words.daily, *words.daily_again)}
    spelled = tuple(c for c in words.count_words if " ".join(c.lower().split()) not in whole)
    daily = _with_words(words.daily, spelled)
    assert daily is not None  # (words.daily is not empty)
    return Weekly(words, daily, _with_words(words.daily_again, spelled), _course(words, spelled),
                  words_pattern(spelled, True) if spelled else None,
                  _dose_verbs(words), words_pattern(tuple(words.counted), True) if words.counted else None,
                  recache.pattern(rf"\s+(?:{alternation(words.not_doses)})(?![\w'-])", re.I) if words.not_doses else None,
                  _single(tuple(r for r in words.repeat_words if " " not in r)))


def _course(words: WordList, spelled: tuple[str, ...]) -> re.Pattern[str] | None:
    """A course of days: ``course_days`` ("for 3 days", "on days 1-3"); ``course_ends`` where they end their clause
    ("Take 6 tablets 3 days."; not "… 2 days before your operation"); ``course_until`` and a day ("until Thursday",
    "hasta el jueves", "jusqu'à jeudi").  Each was printed under a weekly plan (a review)."""
    listed, bare = _with_words(words.course_days, spelled, LISTED_NUMBER), _with_words(words.course_ends, spelled)
    parts = [listed.pattern] if listed is not None else []
    if bare is not None:
        parts.append(rf"(?P<bare>{bare.pattern})(?=\s*(?:[.,;:!?)]|$))")
    if parts:  # (a language with courses of days: its lists of days' numbers too, read first where both start: the
        parts.insert(0, DAY_LIST)  # phrase "days #" took "days 1" of "days 1 & D8 & D15", a week apart, alone)
    days = (*words.weekdays, *words.weekday_short)
    if words.course_until and days:
        parts.append(rf"(?P<until>(?<![\w'’])(?:{alternation(words.course_until)})\s+(?:[\w'’]+\s+){{0,2}}"
                     rf"(?:{alternation(days)})(?:e?s)?(?![\w'’]))")
    return recache.pattern("|".join(f"(?:{p})" for p in parts), re.I) if parts else None


def _with_words(forms: tuple[str, ...], spelled: tuple[str, ...], number: str = NUMBER_MARK) -> re.Pattern[str] | None:
    """``words_pattern`` of the phrases, and their "#" phrases with the number in words too
    (how_often_pattern's words start at a word; words_pattern's: "once-daily" too)."""
    if not forms:
        return None
    found = words_pattern(forms, True, number)
    counted = tuple(f for f in forms if "#" in f)
    if counted and spelled:
        found = recache.pattern(f"{found.pattern}|{how_often_pattern(counted, spelled).pattern}", re.I)
    return found
