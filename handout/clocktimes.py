"""Clock times in a handout's words ("8 am", "8:30 p.m.", "20:00", "8h30"): their hour, the time of the day
they fall in, and the shortest gap between them, for H155 (``howoften``).

A sentence naming times for a dose names how many doses a day it gives, and how far apart: "at 8 am, 11 am,
2 pm and 5 pm" is four doses three hours apart, where acetaminophen's label asks for six.
"""

from __future__ import annotations

import re

# A clock time, each one a dose's time: "8 am", "8:30 p.m.", "20:00", "8h30", "8 o'clock", and an hour alone after
# the words that say "at" it ("à 8h", "a las 8 h"), never "24 h" alone, a span ("toutes les 8 h", "every 24 h").
# QUICK, a first look on lower-case text.
QUICK = re.compile(r"\d\s*(?:[ap]\.?\s?m|[:h]\d\d|o'clock)|(?:à|vers|a las|a la)\s\d")
# (and after a list's comma or "et"/"y"/"puis": "à 8 h, 14 h et 20 h"; a span is after "les", "cada", "every")
_AT_HOUR = (r"(?:(?<=\bà\s)|(?<=\bvers\s)|(?<=\ba\slas\s)|(?<=\ba\sla\s)|(?<=,\s)|(?<=\bet\s)|(?<=\by\s)"
            r"|(?<=\bpuis\s))\d{1,2}\s?h(?![\w\d])")
# (after a comma only where a word ends before it, "8am,11am"; not "12,30", a number)
_START = r"(?<![\d.:])(?<!\d,)"
CLOCK = (rf"{_START}\d{{1,2}}(?:[:.]\d{{2}})?\s*[ap]\.?\s?m\.?(?!\w)|{_START}\d{{1,2}}[:h]\d{{2}}(?![\d:])"
         rf"|{_START}\d{{1,2}}\s?o'clock|{_AT_HOUR}")
_PARTS = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?\s*(?:([ap])\.?\s?m)?", re.I)


def hour(said: str) -> float | None:
    """The hour of the day (0 to 24) a clock time says ("8 pm": 20, "8:30 a.m.": 8.5, "20h00": 20); None for
    what is none ("noon" in words), or a time no day has ("25:00", "13 pm")."""
    m = _PARTS.match(said.strip())
    if m is None:
        return None
    h, minutes, half = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    if half:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if half == "p" else 0)  # (12 am is midnight, 12 pm noon)
    return h + minutes / 60 if h < 24 and minutes < 60 else None


def slot(h: float) -> str:
    """The time of the day an hour falls in, as the word lists' ``day_times`` name them (the evening's until
    midnight, as "night" and "bedtime" are; the small hours are a time of their own)."""
    if 1 <= h < 4:
        return "night"  # (not bedtime's: "at bedtime; if you wake at 3 am, take another")
    if 4 <= h < 11:
        return "morning"
    if 11 <= h < 14:
        return "noon"
    if 14 <= h < 17:
        return "afternoon"
    return "evening"


def shortest_gap(hours: list[float]) -> float | None:
    """The fewest hours between two of the day's times (sorted), round the clock: 10 pm and 2 am are 4 apart.
    None for fewer than two."""
    if len(hours) < 2:
        return None
    return min(min(b - a for a, b in zip(hours, hours[1:])), 24 - hours[-1] + hours[0])
