"""The word lists' how-often patterns for H155 (``howoften``): one language's word list in, its compiled
patterns out (``Patterns``), made once a process and kept on disk by recache as the word lists' own are.

Every phrase of ``intervals``, ``minute_intervals``, ``later_intervals`` and ``per_day`` is searched at once
by one pattern, after a quick literal look (most of a handout's fields have none of them); the times of
the day and clock times, and how they are read as occasions (``occasions.Reading``), are here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import clocktimes, occasions, recache
from .wordlists import load as load_wordlist
from .wordpatterns import alternation, how_often_pattern, trie, words_pattern, words_regex

@dataclass(frozen=True)
class Patterns:
    """One language's how-often patterns (its word list's: the same in every process, kept by recache)."""

    maybe: re.Pattern[str]  # on lower-case text: what every phrase has (a quick look first: literals, no IGNORECASE)
    near: re.Pattern[str]  # on it too, after ``maybe``: a whole phrase, or a number's end and the word after it
    lower: re.Pattern[str]  # any phrase, for lower-case text (re's IGNORECASE costs a third more)
    gaps: re.Pattern[str]  # hours between doses
    minutes: re.Pattern[str]  # minutes between doses
    later: re.Pattern[str]  # hours until the dose is taken again ("in 4 hours"), with a repeat or more of it
    later_minutes: re.Pattern[str]  # minutes until then ("2 more after 30 minutes"), likewise
    per_day: re.Pattern[str]  # doses a day
    either: re.Pattern[str]  # any of them
    counts: re.Pattern[str]  # a number in words ("six", "twice", "tid")
    doses: re.Pattern[str]  # dose words and what is counted out
    others: re.Pattern[str] | None  # more of a dose named before ("2 more", "another"), and repeat words
    times: re.Pattern[str] | None  # a time of the day ("breakfast"), or a clock time ("8 am", "20 h")
    choices: re.Pattern[str] | None  # a choice between them ("or")
    time_words: re.Pattern[str] | None  # on lower-case text: the times of the day's words (a quick look)
    again: re.Pattern[str] | None  # the dose taken again: repeat words, "another", "more" (not "it", "them")
    count_of: dict[str, int]  # count_words, their words lower case and single-spaced
    time_of: dict[str, str]  # day_times, likewise
    occasions: occasions.Reading  # how the times a sentence names are read as occasions of the day


key = occasions.key  # words as the tables hold them: lower case, single-spaced


@cache
def patterns(lang: str) -> Patterns | None:
    words = load_wordlist(lang)
    if words is None or not (words.intervals or words.per_day):
        return None
    counts = tuple(words.count_words)
    phrases = (*words.intervals, *words.minute_intervals, *words.later_intervals, *words.later_minutes, *words.per_day)
    # The quick look, on lower-case text with single spaces: a digit, a number in words, or a phrase with
    # neither ("every hour", "every few hours"), whole.
    whole = {key(f) for f in phrases if "#" not in f}
    quick = set("0123456789") | {key(c) for c in counts} | whole
    # A closer look, where that finds some (a third of a handout's fields: "4.5 mg"): a phrase with a "#" has the
    # number's last character (a digit, "½", a bracket's ")" or a number in words), then, spaces between or
    # not, the first word after its "#" as written ("2 doses", "every 6 hours", "4x/day"; not "4.5 mg"). A
    # "#" last in its phrase has no word after it: any number's end, then.  (Searching the full pattern only
    # there: ~0.6 ms less a handout, the same fields read.)
    after = {f.lower().split("#", 1)[1].lstrip(" ").split(" ")[0] for f in phrases if "#" in f}
    spelled = {key(c) for c in counts}
    ends = r"[\d½¼¾)]" + (f"|{trie(spelled)}" if spelled else "")
    words_after = "" if "" in after else rf"\s*(?:{trie(after)})"
    near = (f"{trie(whole)}|" if whole else "") + f"(?:{ends}){words_after}"
    # A "#" is a number in words, not a phrase of its own that stands for one ("morning and night", "tid")
    slot = tuple(c for c in counts if key(c) not in whole)
    gaps = how_often_pattern(words.intervals, slot)
    minutes = how_often_pattern(words.minute_intervals, slot)
    later = how_often_pattern(words.later_intervals, slot)
    later_minutes = how_often_pattern(words.later_minutes, slot)
    per_day = how_often_pattern(words.per_day, slot)
    either = f"{gaps.pattern}|{minutes.pattern}|{later.pattern}|{later_minutes.pattern}|{per_day.pattern}"
    more = (*words.more_words, *words.repeat_words)
    again = (*words.repeat_words, *words.more_of_it)
    # (a dose again between two times: its verb or what is counted, not "dose": "the morning dose at 8 am and …")
    given = words_pattern((*(d for d in words.dose_words if d not in words.dose_nouns), *words.counted), True)
    again_pattern = words_pattern(again, True) if again else None
    joins = words_pattern(tuple(w for w in words.and_words if w not in words.choice_words), True) \
        if words.and_words else None
    reading = occasions.Reading(
        occasions.windows(words.windows), {key(k): v for k, v in words.day_times.items()},
        {key(k): float(v) for k, v in words.day_hours.items()},
        lambda between: joins is not None and joins.search(between) is not None,
        # ("at 6 pm and again at bedtime", "at dinner and 1 capsule at bedtime")
        lambda between: bool(given.search(between) or (again_pattern is not None and again_pattern.search(between))))
    return Patterns(recache.pattern(trie(quick)),  # (as trees: ~5 times faster than in turn, the same matches)
                     recache.pattern(near),
                     recache.pattern(either), gaps, minutes, later, later_minutes, per_day, recache.pattern(either, re.I),
                     recache.pattern(rf"(?<!\w)(?:{alternation(counts) or '(?!)'})(?!\w)", re.I),  # ("four-to-six")
                     words_pattern((*words.dose_words, *words.counted), True),
                     words_pattern(more, True) if more else None,
                     recache.pattern(rf"{words_regex(tuple(words.day_times), True)}|{clocktimes.CLOCK}", re.I)
                     if words.day_times else None,
                     words_pattern(words.choice_words, True) if words.choice_words else None,
                     recache.pattern(trie(key(k) for k in words.day_times)) if words.day_times else None,
                     again_pattern,
                     {key(k): v for k, v in words.count_words.items()}, {key(k): v for k, v in words.day_times.items()},
                     reading)
