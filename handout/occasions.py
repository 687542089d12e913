"""The occasions of the day one sentence gives a dose at, from the times it names: the times found in (times of
the day, clock times) in; how many occasions and their hours out.  For H155 (``howoften``).

"Take 1 capsule in the morning and at bedtime" is two doses a day; "every evening at bedtime" is one, and
so is "at bedtime, around 10 pm".  Read so:

* A window is one time to take a dose in: a word list's ``windows`` ("between # and #", "entre las # y las
  #", "de # à #"), a range in brackets ("at bedtime (9 pm to 11 pm)"), or two clock times a dash joins at
  most 4 hours apart ("8 pm–10 pm").  A chain of dashes is a list of times ("8 am - 11 am - 2 pm - 5 pm"),
  and so is "8 am - 8 pm": twelve hours is no window to take a dose in.
* Times next to each other that fall in one time of the day are one occasion ("every evening at
  bedtime", "in the morning at 8 am": a clock time falls in the time of the day of its hour), unless the
  words between them give a dose again ("at 6 pm and again at bedtime", "at dinner and 1 capsule at
  bedtime") or join them, "and" ("at dinner and at bedtime"), or a comma in a list joined with "and"
  ("on waking, mid-morning, at lunch, … and at bedtime": six doses).
* Occasions named twice are one ("in the morning … the morning dose").

Each occasion's hour is its clock time's, or its time of the day's where the word list gives one
(``day_hours``: noon 12, midnight 0), for the gap between doses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import clocktimes

_DASHES = ("-", "–", "—")
_DASH_WINDOW = 4.0  # hours: the longest window a dash makes ("8 pm–10 pm"; not "8 am - 8 pm")
_BRACKET_JOINS = ("to", "-", "–", "—", "a", "à", "until", "hasta", "jusqu'à")


def key(words: str) -> str:
    """Words as the word lists' tables hold them: lower case, single-spaced."""
    return " ".join(words.lower().split())


@dataclass(frozen=True)
class Reading:
    """What one language's words read the times with."""

    windows: tuple[tuple[str, str], ...]  # (opening words, joining words) of each window form, keyed
    time_of: dict[str, str]  # a time of the day's words -> the time of the day it names
    hour_of: dict[str, float]  # a time of the day's words -> its hour, where it has one (noon)
    joins: Callable[[str], bool]  # whether words between two times join them ("and")
    again: Callable[[str], bool]  # whether words between two times give a dose again ("again", "1 capsule")


def windows(forms: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The word list's window forms ("between # and #") as (opening, joining) words, keyed."""
    out = []
    for form in forms:
        parts = [key(p) for p in form.split("#")]
        if len(parts) == 3 and parts[0] and parts[1] and not parts[2]:
            out.append((parts[0], parts[1]))
    return tuple(out)


def count(text: str, found: list[re.Match[str]], r: Reading) -> tuple[int, list[float]]:
    """(occasions, the hours of those that have one) of the times ``found`` in ``text`` (in order)."""
    spans = _without_windows(text, found, r)
    if not spans:
        return 0, []
    times = [m for m, _ in spans]
    ends = [end for _, end in spans]  # a window's closing hour
    hours = clocktimes.in_order([m.group(0) for m in times],
                                [clocktimes.hour(m.group(0)) if clocktimes.hour(m.group(0)) is not None
                                 else r.hour_of.get(key(m.group(0))) for m in times])
    slots = [clocktimes.slot(h) if h is not None else r.time_of.get(key(m.group(0)), key(m.group(0)))
             for m, h in zip(times, hours)]
    # (a window's first end in numbers alone is no join: "each morning between 7 and 9 am")
    gaps = [_OPEN_END.sub(" ", text[a.end():b.start()]) for a, b in zip(times, times[1:])]
    listed = any(r.joins(g) for g in gaps)  # (a list joined with "and": its commas part its items too)
    groups: list[list[int]] = [[0]]
    for k, between in enumerate(gaps, start=1):
        a, b = hours[k - 1], hours[k]
        if a is not None and b is not None and clocktimes.hour(times[k - 1].group(0)) is not None \
                and clocktimes.hour(times[k].group(0)) is not None:
            # two clock times: two occasions, whatever parts them ("at 8 am, 10 am"), unless one falls in the
            # other's window ("at 8 am (between 7 am and 9 am)")
            apart = a != b and not _within(a, hours[k], ends[k]) and not _within(b, hours[k - 1], ends[k - 1])
        else:
            # a clock time beside a time of the day is its time, in apposition ("in the morning, around 8 am")
            # unless joined; two times of the day are two in a list joined with "and" ("on waking, at lunch, …
            # and at bedtime")
            words = clocktimes.hour(times[k - 1].group(0)) is None and clocktimes.hour(times[k].group(0)) is None
            item = listed and "," in between and (words or not _APPOSITION.search(between))
            apart = slots[k] != slots[k - 1] or r.joins(between) or r.again(between) or item
            if not words and _BESIDE.fullmatch(between):  # the time of the day right beside its clock time says
                apart = False  # which it is ("at 2 at night", "at 8 in the evening", "a las 10 de la noche")
        if apart:
            groups.append([k])
        else:
            groups[-1].append(k)
    named, at = set(), []
    for g in groups:
        clock = next((hours[k] for k in g if hours[k] is not None), None)
        named.add(clock if clock is not None else key(times[g[0]].group(0)))
        if clock is not None:
            at.append(clock)
    return len(named), at


_BESIDE = re.compile(r"\s*(?:(?:at|in|on|this|de|por|du|de l'|le|la|en)\s+)?(?:(?:the|la|el)\s+)?", re.I)
# A time said again another way, after a comma: "in the morning, around 8 am" (not "on waking, at 10 am")
_APPOSITION = re.compile(r"\(|\b(?:around|about|approx\w*|roughly|near|say|e\.g\.|hacia|sobre|vers|environ)\b", re.I)
_OPEN_END = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s*(?:-|–|—|to|and|y|a|et|à)\s*$"
                       r"|\d{1,2}(?:[:.]\d\d)?\s*(?:-|–|—|to|and|y|a|et|à)\s*(?:las\s+|la\s+)?\d{1,2}(?:[:.]\d\d)?", re.I)
# ("between 7 and 9 am", "entre las 9 y las 11 de la noche": a window of bare hours is no join of two times)


def _within(h: float, start: float | None, end: float | None) -> bool:
    """Whether hour ``h`` falls in the window from ``start`` to ``end`` (round the clock)."""
    return start is not None and end is not None and (h - start) % 24 <= (end - start) % 24


def _without_windows(text: str, found: list[re.Match[str]], r: Reading) -> list[tuple[re.Match[str], float | None]]:
    """The times found, each window's closing end left out (its opening end stands for it, with the closing
    end's hour)."""
    out: list[tuple[re.Match[str], float | None]] = []
    k = 0
    while k < len(found):
        m = found[k]
        if k + 1 < len(found) and _window(text, found, k, r):
            out.append((m, clocktimes.hour(found[k + 1].group(0))))
            k += 2
            continue
        out.append((m, None))
        k += 1
    return out


def _window(text: str, found: list[re.Match[str]], k: int, r: Reading) -> bool:
    """Whether times k and k + 1 are one window's two ends."""
    a, b = found[k], found[k + 1]
    between = key(text[a.end():b.start()].strip(" ,"))
    lead = key(text[max(0, a.start() - 40):a.start()])
    opened = key(lead.replace("(", " "))  # ("at 8 am (between 7 am and 9 am)")
    if any(between == join and (opened == opening or opened.endswith(" " + opening)) for opening, join in r.windows):
        return True
    if lead.endswith("(") and between in _BRACKET_JOINS:
        return True  # ("at bedtime (9 pm to 11 pm)")
    if between not in _DASHES:
        return False
    chained = (k + 2 < len(found) and key(text[b.end():found[k + 2].start()].strip(" ,")) in _DASHES) or (
        k > 0 and key(text[found[k - 1].end():a.start()].strip(" ,")) in _DASHES)
    start, end = clocktimes.hour(a.group(0)), clocktimes.hour(b.group(0))
    return not chained and start is not None and end is not None and (end - start) % 24 <= _DASH_WINDOW
