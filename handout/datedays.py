"""Dates a sentence gives a dose on, for H154 (``cycledays``): a word list's months in, a pattern of dates out, and
each date's day of the year.

A weekly dose on two dates less than a week apart is the weekly dose taken again too soon, as on two days of a cycle
("day 1 and day 3"): "Take methotrexate 15 mg on the 10th and 12th", "MTX 6 tabs 3 June and 5 June", "Sept 9 + Sept
11", "on 3/6 and 5/6", "14.12 y 16.12", "el 10 y el 12", "le 3 juin et le 5 juin", "2027-06-03 and 2027-06-05"
(reviews: each printed under the Monday-only plan). ``cycledays`` reads them as it reads a cycle's days (which
clause orders them, which are said against, the other medicine's, a missed dose's), with a date's day of the year
for its number: dates a week apart ("3 June and 10 June") are not held to it (a numeric date is refused by H151 as a
fraction or a date). Dates across a year's end ("31 December and 2 January") are read as a year apart: a limit.

Not a date: a number with a unit or a count after it ("1/2 tablet", "2.5 mg"), a time ("at 8.30"), an ordinal of
something else ("the 2nd dose", "every 3rd day"), nor "may" in small letters ("6 may help").  A numeric date is
read day first ("3/6" is 3 June), month first where that is the only way it is a date ("12/14") or where the
sentence's dates share their first number ("6/3 and 6/5": June).
"""

from __future__ import annotations

import datetime
import re
from functools import cache

from . import recache
from .wordpatterns import alternation

_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_SUFFIX = r"(?:st|nd|rd|th|º|ª|er|e)"
# What joins dates in a list: "3, 5 and 7 June", "the 2nd, then again on the 4th", "el 2 y otra vez el 4"
_JOIN = (r"\s*(?:,|&|\+|(?<![\w'’])(?:and|y|e|et)(?![\w'’]))\s*(?:(?:then|luego|puis)\s+)?"
         r"(?:(?:again|otra\s+vez|de\s+nuevo|à\s+nouveau)\s+)?(?:(?:on|el|le)\s+)?(?:the\s+)?")
# A number that is no date's: a unit or a count after it, a time's or a decimal's digits
_NOT_AFTER = (r"(?![\d/:]|[.,]\d|\s*(?:mg|mcg|µg|g|ml|%|units?|unidades|tab\w*|comp\w*|cp|cpr|pastill\w*|pill\w*|"
              r"caps?\w*|gélule\w*|dose\w*|dosis|h|hrs?|hours?|horas?|heures?|am|pm|a\.m|p\.m|x)(?![\w'’]))")
_NOT_TIME = r"(?<!\bat\s)(?<!\ba\s)(?<!\blas\s)(?<!\bà\s)(?<!@)(?<!@\s)"


def date_pattern(months: tuple[str, ...]) -> str:
    """The pattern's text of a date or a list of dates (named groups ``date_*``), for ``cycledays``' pattern (re.I)."""
    return _date_pattern(tuple(sorted(months)))


@cache
def _date_pattern(months: tuple[str, ...]) -> str:
    month = rf"(?P<{{g}}>{alternation(months)})(?![\w'’])" if months else None
    day = rf"{_DAY}{_SUFFIX}?(?![\w'’])"
    listed_day = rf"{_DAY}{_SUFFIX}?(?![\w'’]){_NOT_AFTER}"
    parts = []
    if month is not None:
        # "3 June", "3rd of June", "3 and 5 June", "3 de junio"; "June 3", "June 3 and 5", "Sept 9"
        parts.append(rf"(?P<date_dm>{day}(?:{_JOIN}{day}){{0,6}})\s+(?:of\s+|de\s+)?{month.format(g='date_m1')}")
        parts.append(rf"{month.format(g='date_m2')}\.?\s+(?P<date_md>{listed_day}(?:{_JOIN}{listed_day}){{0,6}})")
    # "the 10th and 12th", "the 15th, then the 17th", "21st & 23rd this month" (ordinals with nothing after but an end)
    ordinal = rf"{_DAY}(?:st|nd|rd|th)(?![\w'’])"
    parts.append(rf"(?<!every\s)(?<!each\s)(?P<date_ord>{ordinal}(?:{_JOIN}{ordinal}){{0,6}})"
                 rf"(?=\s*(?:$|[.,;:!?)]|(?:and|then|of\s+(?:this|next|the)\s+month|this\s+month|next\s+month)(?![\w'’])))")
    # "el 10 y el 12", "le 10 et le 12": two or more, each with its article
    parts.append(rf"(?<![\w'’])(?:el|le)\s+(?P<date_el>{_DAY}(?![\w'’]){_NOT_AFTER}"
                 rf"(?:{_JOIN}{_DAY}(?![\w'’]){_NOT_AFTER}){{1,6}})")  # ("el 10 y el 12", "el 10 y 12")
    # "2027-06-03" (ISO 8601)
    parts.append(r"(?<![\w/.-])(?P<date_iso>\d{4}-(?:0?[1-9]|1[0-2])-(?:3[01]|[12]\d|0?[1-9]))(?![\w/-]|\.\d)")
    # "3/6", "14.12", "3/6/2027"
    parts.append(rf"{_NOT_TIME}(?<![\w/.,:])(?P<date_num>{_DAY}[/.]{_DAY}(?:[/.](?:\d{{4}}|\d{{2}}))?){_NOT_AFTER}")
    return "|".join(f"(?:{p})" for p in parts)


def is_date(m: re.Match[str]) -> bool:
    """Whether a match of ``cycledays``' pattern is a date's."""
    return any(m.group(g) is not None for g in ("date_dm", "date_md", "date_ord", "date_el", "date_num", "date_iso"))


def date_numbers(m: re.Match[str], months: dict[str, int], first_month: bool | None = None) -> list[int]:
    """The days of the year of a match's dates (``is_date``); none where it is no date after all ("6 may help").
    ``first_month``: whether the text's numeric dates are month first (``month_first``), where the caller knows."""
    said = m.group("date_m1") or m.group("date_m2")
    if said is not None:
        if said == "may" and months.get("may") == 5 and "mayo" not in months:  # (English "may", not a month)
            return []
        month = months.get(" ".join(said.lower().split()))
        if month is None:  # (a letter re.I matches that lower() does not give back: "ſept")
            return []
        days = m.group("date_dm") or m.group("date_md")
        return _of_year([(month, d) for d in _days(days)])
    if m.group("date_ord") is not None or m.group("date_el") is not None:
        return sorted(set(_days(m.group("date_ord") or m.group("date_el"))))  # (one month: the days' own numbers)
    if m.group("date_iso") is not None:
        _, month, day = (int(x) for x in m.group("date_iso").split("-"))
        return _of_year([(month, day)])
    first, second = (int(x) for x in re.split(r"[/.]", m.group("date_num"))[:2])
    day_first = second <= 12 and not (first_month if first_month is not None else month_first(m.string))
    return _of_year([(second, first) if day_first else (first, second)])


def _days(said: str) -> list[int]:
    return [int(x) for x in re.findall(r"\d+", said)]


def _of_year(dates: list[tuple[int, int]]) -> list[int]:
    out = []
    for month, day in dates:
        try:
            out.append(datetime.date(2001, month, day).timetuple().tm_yday)
        except ValueError:  # (no such date: "31 June")
            continue
    return sorted(set(out))


@cache
def _numeric() -> re.Pattern[str]:
    return recache.pattern(rf"(?<![\w/.,:])({_DAY})[/.]({_DAY})(?![\d/:]|[.,]\d)")


def month_first(text: str) -> bool:
    """Whether a sentence's numeric dates are month first: they share their first number and not their second ("6/3
    and 6/5"), or one of them is a date only that way ("12/14")."""
    pairs = [(int(a), int(b)) for a, b in _numeric().findall(text)]
    if any(b > 12 >= a for a, b in pairs):
        return True
    return len(pairs) > 1 and len({a for a, _ in pairs}) == 1 and len({b for _, b in pairs}) > 1
