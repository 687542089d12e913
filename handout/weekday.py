"""A once-a-week plan on the patient's own day: a handout and a day of the week in, the handout whose plan gives
the weekly medicine on that day out (every step's days moved with it), or the findings that refuse it.

Methotrexate is taken once a week on a day the patient and prescriber choose; ISMP asks that the day be named on
every label and handout.  The bundled handout's plan names Monday.  A clinic author's review found no way to give
a patient another day but a note ("Take your tablet on Wednesday instead of Sunday"), which passed, and printed a
page whose table, 'Check every dose' box and calendar still said Sunday: a patient reading both days may take
both.  So a patient's day (``--day``, a CSV's ``weekday`` column, the web page's box) moves the plan: each step's
days turn by the same number of days (the weekly dose's day to the patient's; folic acid's "every day except
Monday" to every day except theirs), and the words name the day with ``{weekly_day}``, filled in with the plan's
day in the language's words (the calendar's own: ``Localizer.day_name``).

Refused, never half done: a day for a plan with nothing once a week, a prescription's plan (its days are the
prescriber's), and a handout whose words name a weekday themselves ("Mark Monday on a calendar"): moved, the plan
would say Wednesday beside words that say Monday.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .dosing import medications, once_a_week
from .errors import Finding, Location
from .model import WEEKDAYS, Facts, Handout, Step, Track, Weekday

_DAYS: tuple[Weekday, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def read(text: str) -> Weekday:
    """A day of the week as typed, in full or short in English, Spanish or French ("Wednesday", "wed", "WEDS.",
    "miércoles", "mié", "mercredi"), or in full in any language of the labels ("الأربعاء", "Thứ Tư", "수요일",
    "среда") -> "wednesday"; ValueError for anything else.  (A CSV row of a Spanish patient said "miércoles" and was
    refused, a review; so was an Arabic clinic's "الجمعة", a clinic's trial.)"""
    import unicodedata

    key = " ".join(unicodedata.normalize("NFC", text).replace("\u200c", "").split()).rstrip(".").lower()
    day = _names().get(key)
    if day is None:
        raise ValueError(text)
    return day


@cache
def _names() -> dict[str, Weekday]:
    """Each day's names in the note languages' word lists (their weekdays, in order, and short forms), lower case."""
    from .daynames import week_of
    from .frequency import NOTE_LANGUAGES
    from .wordlists import load as load_wordlist

    names: dict[str, Weekday] = {d: d for d in _DAYS} | {d[:3]: d for d in _DAYS}
    for lang in NOTE_LANGUAGES:
        w = load_wordlist(lang)
        if w is None or not w.weekdays:
            continue
        full = {name: _DAYS[k] for name, k in week_of(tuple(w.weekdays)).items() if k < 7}
        names |= full
        names |= {short.lower(): full[long.lower()] for short, long in w.weekday_short.items() if long.lower() in full}
    return names | _label_names(names)


def _label_names(taken: dict[str, Weekday]) -> dict[str, Weekday]:
    """Each day's name in every label catalog (as its page prints it: Russian's "в среду") and in CLDR's (its
    dictionary form: "среда"), lower case, a Persian zero-width non-joiner left out ("سه‌شنبه" typed "سهشنبه").  A
    name two days share, or one the word lists give another day, is left out: never a guess."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_day_names

    from .langs import CATALOG_DIR
    from .localize import load_labels

    found: dict[str, set[Weekday]] = {}
    for path in sorted(CATALOG_DIR.glob("*.yaml")):
        lang = path.stem
        cldr: dict[int, str] = {}
        try:
            cldr = dict(get_day_names("wide", locale=Locale.parse(lang.replace("-", "_"))))
        except (UnknownLocaleError, ValueError):
            pass
        labels = load_labels(lang)
        for k, day in enumerate(_DAYS):
            for name in (labels(f"day_{day}"), cldr.get(k, "")):
                key = " ".join(name.replace("\u200c", "").split()).lower()
                if key:
                    found.setdefault(key, set()).add(day)
    return {k: next(iter(days)) for k, days in found.items()
            if len(days) == 1 and taken.get(k, next(iter(days))) == next(iter(days))}


def plan_days(h: Handout) -> list[str]:
    """The days the plan gives its medicine once a week on, in the week's order (one, in a plan to move): the
    handout's own medicine's (a clinic's methotrexate plan with alendronate on Sunday beside it names Monday), else
    its companions'."""
    own = {d for t in h.facts.tracks for d in _weekly_days(t.steps)}
    days = own or {d for t in h.facts.tracks for c in t.companions for d in _weekly_days(c.steps)}
    return sorted(days, key=WEEKDAYS.index)


def _weekly_days(steps: tuple[Step, ...]) -> set[str]:
    return {s.days[0] for s in steps if once_a_week(s)}


def plan_day(h: Handout) -> str | None:
    """The day the plan gives its once-a-week medicine on (every track's and step's the same); None for a plan with
    none, or with weekly steps on different days (no one day to move, nor to name)."""
    days = plan_days(h)
    return days[0] if len(days) == 1 else None


def problems(h: Handout, day: str, where: Location, path: str = "weekday") -> list[Finding]:
    """Why the plan of ``h`` cannot be moved to ``day`` (module docstring); empty when it can."""
    if h.prescribed:
        return [Finding(where, path, "the prescription gives the days (expected no day of the week beside a "
                        "prescription: its dosage instructions name the day)")]
    if plan_day(h) is None:
        return [Finding(where, path, f"handout '{h.id}' gives no medicine once a week on one day (expected no day "
                        "of the week: it moves a once-a-week plan to the patient's day)")]
    named = named_weekday(h)
    if named is not None:
        field, loc, said = named
        return [Finding(where, path, f"handout '{h.id}' names '{said}' in its words ({loc}: {field}), and moved to "
                        f"{day.capitalize()} its plan would not (expected the handout's own day; its words must "
                        "name the day with {weekly_day} to be moved)")]
    return []


def move(h: Handout, day: str | None) -> Handout:
    """``h`` with every step's days turned so the once-a-week medicine is given on ``day`` (``problems`` first)."""
    start = plan_day(h)
    if day is None or start is None or day == start:
        return h
    shift = WEEKDAYS.index(day) - WEEKDAYS.index(start)
    tracks = tuple(_moved_track(t, shift) for t in h.facts.tracks)
    return replace(h, facts=replace(h.facts, tracks=tracks))


def _moved_track(t: Track, shift: int) -> Track:
    return replace(t, steps=_moved(t.steps, shift),
                   companions=tuple(replace(c, steps=_moved(c.steps, shift)) for c in t.companions))


def _moved(steps: tuple[Step, ...], shift: int) -> tuple[Step, ...]:
    # (in the week's order, as written: a table lists "Tuesday to Sunday" from its days)
    def turned(days: tuple[Weekday, ...]) -> tuple[Weekday, ...]:
        return tuple(sorted((_DAYS[(WEEKDAYS.index(d) + shift) % 7] for d in days), key=WEEKDAYS.index))

    return tuple(replace(s, days=turned(s.days)) if s.days else s for s in steps)


def companion_problems(f: Facts) -> list[Finding]:
    """An error for a companion given on every day but one where that one is not the once-a-week medicine's day: a
    plan edited to Thursday with folic acid left on "every day except Monday" printed both on Thursday, beside words
    saying folic acid is taken "on the other 6 days" (a review).  A day moved for a patient turns both (``move``)."""
    out: list[Finding] = []
    for i, track in enumerate(f.tracks):
        meds = medications(track, f"tracks[{i}]")
        weekly = _weekly_days(track.steps) or {d for c in track.companions for d in _weekly_days(c.steps)}
        if len(weekly) != 1:
            continue
        (day,) = weekly
        for med in meds:
            for j, step in enumerate(med.steps):
                if len(step.days) == 6 and day in step.days:
                    skipped = next(d for d in WEEKDAYS if d not in step.days)
                    out.append(Finding(step.where("days"), f"{med.path}.steps[{j}].days",
                                       f"track '{track.id}' gives {med.name or 'it'} every day but "
                                       f"{skipped.capitalize()}, and its once-a-week medicine on {day.capitalize()} "
                                       f"(expected it to skip {day.capitalize()}, the once-a-week day, as the words "
                                       "say 'the other 6 days')"))
    return out


def says_weekly_day(h: Handout) -> bool:
    """Whether the words name the plan's day with ``{weekly_day}`` (before the region's fill: as read)."""
    from .textfields import label_fields, markup_fields

    return any("{weekly_day}" in raw for _, raw, _ in [*label_fields(h.text), *markup_fields(h.text)])


def named_weekday(h: Handout) -> tuple[str, Location, str] | None:
    """The first field whose words name a day of the week themselves (the page's language, by the calendar's
    names and the word list's), as (path, location, the name)."""
    from .localize import day_names
    from .textfields import label_fields, markup_fields

    names = day_names(h.lang)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?!\w)",
                         re.I)
    for path, raw, loc in [*label_fields(h.text), *markup_fields(h.text)]:
        m = pattern.search(raw)
        if m is not None:
            return path, loc, m.group(0)
    return None
