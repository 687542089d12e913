"""Weekdays in the words: a language file, the facts and the language in; an error for each text that
names a weekday some track is not taken on.

A weekly plan's words name its day ("once a week, on Monday morning", "If you miss your Monday
dose"), and every track prints under the same words.  A track on another day printed "Monday" in
the key points and "Thursday" in the table and calendar: a patient who follows both takes two
weekly doses of methotrexate a week (a review).  So in a handout whose plans name days, a day the
words name must be one of every track's own days (``own_days``).

A day is found by its name as the page prints it (the catalog's label) and as CLDR writes it, in
any case ("MONDAY"), at a word's start with any ending ("Mondays"; Russian by its stem, "каждую
среду"), after Arabic's joined "and", "with" or "the" and with either spelling of its alef, and
Chinese's "礼拜一" beside "星期一".  What a name also means is never taken for the day: Vietnamese
"thứ hai" is "second" (the day is "thứ Hai", its number capitalised), Tagalog "linggo" a week,
Haitian CLDR's "Mon", a word's start ("Monte").  Not found: Chinese "周一" (inside "每周一次",
once a week), Arabic "اثنين" without its article (also "two").
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from .dosing import medications
from .errors import Finding
from .model import Facts, Text
from .schema import Located

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NOT_A_DAY = {("tl", "sunday")}  # Tagalog "Linggo" is Sunday and "linggo" a week ("12 linggo"), capitalised first
_HAMZA = str.maketrans("أإآ", "ااا", "\u200c")  # (and no zero-width non-joiner: "پنج‌شنبه" is "پنجشنبه")
_START = r"(?<![\w\u200c])"  # a word's start (a Persian zero-width non-joiner is inside a word: "سه‌شنبه")


def days_named(t: Text, f: Facts, lang: str) -> list[Finding]:
    """Every text of ``t`` naming a day some track of ``f`` is not taken on (see the module docstring)."""
    if not any(s.days for tr in f.tracks for m in medications(tr) for s in m.steps):
        return []
    days_of = [(tr, own_days(tr)) for tr in f.tracks]
    patterns = day_patterns(lang)
    out = []
    for path, text, where in _strings(t, ""):  # a title and a heading too ("If you miss your Monday dose")
        said = [d for d in WEEKDAYS if any(p.search(unhamza(text)) for p in patterns[d])]
        for tr, days in days_of:
            for d in said:
                if d not in days:
                    on = " and ".join(x.capitalize() for x in WEEKDAYS if x in days) or "every day"
                    out.append(Finding(where, path, f"names {d.capitalize()}, but track '{tr.id}' is a plan for {on}: "
                                       "its page would print both days (expected the words written for every track's "
                                       "days; a plan on other days needs a handout of its own)"))
    return out


def own_days(track: Any) -> set[str]:
    """The days a plan's words may name: the dose days of each medicine taken on a few days a week.  A
    medicine taken on six days names the one it is not taken on ("every day except Monday"), but only
    in a plan with nothing taken on fewer days: beside methotrexate, folic acid's "except" day is
    methotrexate's own, and folic acid's six days copied unchanged beside a Thursday plan let "on
    Monday morning" through (a review)."""
    days_by = [{d for s in m.steps for d in s.days} for m in medications(track)]
    out: set[str] = {d for days in days_by if len(days) < 6 for d in days}
    if not out:
        out = {d for days in days_by if len(days) == 6 for d in set(WEEKDAYS) - days}
    return out


def day_patterns(lang: str) -> dict[str, list[re.Pattern[str]]]:
    """Each weekday's patterns in ``lang`` (see the module docstring)."""
    root = lang.split("-")[0]
    out: dict[str, list[re.Pattern[str]]] = {}
    for d, names in _day_names(lang).items():
        pats = []
        for name in sorted(names):
            n = unhamza(name)
            if root in ("zh", "ja", "ko"):  # written without spaces: found anywhere
                pats.append(re.compile(re.escape(n)))
                continue
            if len(n) < 4:  # "Mon" (Haitian CLDR) began "Monte": a short name is a whole word only
                pats.append(re.compile(rf"{_START}{re.escape(n)}(?![\w\u200c])", re.I))
                continue
            stem = n[:-1] if re.search("[\u0400-\u04ff]$", n) else n  # Russian's endings: "среда", "среду"
            clitic = "(?:[وبفل]|ال)?" if re.search("[\u0600-\u06ff]", n) else ""  # "والاثنين", "بالاثنين"
            if root == "vi":  # "thứ hai" is "second": the day's number is capitalised, or all is ("THỨ HAI")
                first, _, rest = n.partition(" ")
                pats.append(re.compile(rf"{_START}(?i:{re.escape(first)}) {re.escape(rest)}"))
                pats.append(re.compile(rf"{_START}{re.escape(n.upper())}"))
                continue
            pats.append(re.compile(rf"{_START}{clitic}{re.escape(stem)}", re.I))
        out[d] = pats
    return out


def _day_names(lang: str) -> dict[str, set[str]]:
    """Each weekday's names in ``lang``: the label the page prints, CLDR's wide names, and Chinese's
    "礼拜" names; none for a name in ``NOT_A_DAY``."""
    from babel import Locale, UnknownLocaleError

    from .errors import HandoutError
    from .localize import load_labels

    root = lang.split("-")[0]
    out: dict[str, set[str]] = {d: set() for d in WEEKDAYS}
    try:
        values = load_labels(lang).values
        for d in WEEKDAYS:
            if values.get(f"day_{d}"):
                out[d].add(values[f"day_{d}"])
    except HandoutError:  # (a catalog's own problems are said where it is read)
        pass
    try:
        days = Locale.parse(lang.replace("-", "_")).days
        for ctx in ("format", "stand-alone"):  # wide names only: short ones are words too (Korean "월", a month)
            for i, d in enumerate(WEEKDAYS):
                out[d].add(days[ctx]["wide"][i])
    except (UnknownLocaleError, ValueError, KeyError):
        pass
    if root == "zh":
        for d in WEEKDAYS:
            out[d] |= {"礼拜" + n[2:] for n in out[d] if n.startswith("星期")}
        out["sunday"] |= {"星期天", "礼拜天"}
    return {d: set() if (root, d) in NOT_A_DAY else names for d, names in out.items()}


def unhamza(text: str) -> str:
    """Arabic script's alef with a hamza or madda as a bare alef ("الإثنين" is spelled both ways), and
    Persian's zero-width non-joiner left out (Thursday is written "پنج‌شنبه" and "پنجشنبه")."""
    return text.translate(_HAMZA)


def _strings(obj: Any, path: str) -> Any:
    """Every (path, text, location) of a language file's words: its headings and titles too."""
    if isinstance(obj, Located):
        for fl in fields(obj):
            if fl.name in ("loc", "field_locs", "translation", "language"):
                continue
            value, sub = getattr(obj, fl.name), f"{path}.{fl.name}" if path else fl.name
            if isinstance(value, str):
                yield sub, value, obj.where(fl.name)
            elif isinstance(value, dict):
                for k, v in value.items():
                    if isinstance(v, str):
                        yield f"{sub}.{k}", v, obj.where(f"{fl.name}.{k}")
                    else:
                        yield from _strings(v, f"{sub}.{k}")
            elif isinstance(value, tuple):
                for i, v in enumerate(value):
                    if isinstance(v, str):
                        yield f"{sub}[{i}]", v, obj.where(f"{fl.name}[{i}]")
                    else:
                        yield from _strings(v, f"{sub}[{i}]")
            else:
                yield from _strings(value, sub)
