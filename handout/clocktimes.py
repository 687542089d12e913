"""Clock times in a handout's words ("8 am", "8:30 p.m.", "20:00", "8h30", and hours listed after "at": "at 8, 11,
2 and 5", "at 0800, 1400 and 2000", or a chart's after a colon or right after the dose: ": 0800, 1200, 1600", "2
tablets 0800, 1200"): their hour, read in order
where they leave their half of the day unsaid, the time of the day they fall in, and the shortest gap between them,
for H155 (``howoften``).

A sentence naming times for a dose names how many doses a day it gives, and how far apart: "at 8 am, 11 am,
2 pm and 5 pm" is four doses three hours apart, where acetaminophen's label asks for six.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A clock time, each one a dose's time: "8 am", "8:30 p.m.", "20:00", "8h30", "8 o'clock", and an hour alone after
# the words that say "at" it ("à 8h", "a las 8 h"), never "24 h" alone, a span ("toutes les 8 h", "every 24 h").
# QUICK, a first look on lower-case text.
QUICK = re.compile(r"\d\s*(?:[ap]\.?\s?m|[:h]\d\d|o'clock)|(?:à|vers|a las|a la)\s\d"
                   r"|\bat\s(?:around\s|about\s|approx\.?\s|approximately\s)?\d|:\s?\d{4}"
                   r"|[a-z][\s,(]{1,3}\d{4}\b|@\s?\d|,\s?\d{1,2}\s?h\b")  # ("at 8, 11, 2 and 5"; "tablets 0800, 1200",
# "@ 0800"; "8h, 12h": the hours after the comma are clock times)
_DIGIT = re.compile(r"\d")


def quick(low: str) -> bool:
    """``QUICK`` on lower-case text, after a look for a digit, which each of its branches needs: most fields have
    none, passed over at once (QUICK tries its seven branches at every letter: 0.35 ms a handout)."""
    return _DIGIT.search(low) is not None and QUICK.search(low) is not None
# (and after a list's comma or "et"/"y"/"puis": "à 8 h, 14 h et 20 h"; a span is after "les", "cada", "every")
_AT_HOUR = (r"(?:(?<=\bà\s)|(?<=\bvers\s)|(?<=\ba\slas\s)|(?<=\ba\sla\s)|(?<=,\s)|(?<=\bet\s)|(?<=\by\s)"
            r"|(?<=\bpuis\s))\d{1,2}\s?h(?![\w\d])")
# (after a comma only where a word ends before it, "8am,11am"; not "12,30", a number)
_START = r"(?<![\d.:])(?<!\d,)"
CLOCK = (rf"{_START}\d{{1,2}}(?:[:.]\d{{2}})?\s*[ap]\.?\s?m\.?(?!\w)|{_START}\d{{1,2}}[:h]\d{{2}}(?![\d:])"
         rf"|{_START}\d{{1,2}}\s?o'clock|{_START}12\s(?:noon|midnight)\b|{_AT_HOUR}")
_PARTS = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?\s*(?:([ap])\.?\s?m)?", re.I)


def hour(said: str) -> float | None:
    """The hour of the day (0 to 24) a clock time says ("8 pm": 20, "8:30 a.m.": 8.5, "20h00": 20); None for
    what is none ("noon" in words), or a time no day has ("25:00", "13 pm")."""
    said = said.strip()
    if len(said) == 4 and said.isascii() and said.isdigit():  # a 24-hour time as hospitals write it: "0800", "2400"
        h, minutes = int(said[:2]), int(said[2:])
        return 0.0 if said == "2400" else h + minutes / 60 if h < 24 and minutes < 60 else None
    m = _PARTS.match(said)
    if m is None:
        return None
    if said.lower().endswith("midnight"):  # ("12 midnight"; "12 noon" is 12)
        return 0.0
    h, minutes, half = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    if half:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if half == "p" else 0)  # (12 am is midnight, 12 pm noon)
    if h == 24 and minutes == 0 and not half:  # ("24:00", "a las 6, 12, 18 y 24 horas": midnight, as "2400" is)
        return 0.0
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


# Hours after "at" ("at 8, 11, 2 and 5", "at 8 and 11 am", "at 8 and at 11", "at 8.00 and 20.00", "à 20, 22 et 23 h"):
# each one a dose's time, though a number after "at" may be anything ("at 5 years", "at 38 degrees"), one after
# "and" a count ("Take 1 at 8 and 1 with food"), and two hours in one sentence another thing's ("The pharmacy
# opens at 9 and closes at 6", "your scan is at 9 and your blood test at 11": reviews).  So hours are read in a
# list of two or more times after one "at" (each may have its "at" again) that is the dose's (``listed``'s
# ``read``), where what follows the list ends the clause or says the time ("am", "o'clock", "in the morning",
# "h"); and an hour alone after "at" only right after a dose ("5 mL at 8, 5 mL at 2 and 5 mL at 8"), beside
# another time of the sentence.  Spanish "y" joins two hours only with "a las" again, or last in a list of three
# or more ("a las 9, 10 y 11"): "a las 10 y 15" is a quarter past ten.
# (an hour, or a 24-hour time as hospitals write it: "at 0600, 1000, 1400 and 1800", "0800 hrs", "2400" midnight)
_H24 = r"(?:(?:[01]\d|2[0-3])[0-5]\d|2400)(?![\d:]|\.\d)"
_HOUR = r"(?:[01]?\d|2[0-3])(?:[.:][0-5]\d)?(?![\d:]|\.\d)"
# Midnight as "24", where a day's 24-hour clock says it ("a las 6, 12, 18 y 24 horas", "à 24 h"; not "at 12 and 24
# hours", after the dose): read in a list of hours as 0 (``hour``)
_MIDNIGHT_24 = r"24(?::00)?(?![\d:])"
_ITEM = rf"(?:{_H24}|{_HOUR}|{_MIDNIGHT_24})"
_HALF = r"\s*(?:[ap]\.?\s?m\b\.?|o'clock\b)"
_NOON = r"(?:noon|midnight|mediod[ií]a|medianoche|midi|minuit)\b"
# ("@ 0800, 1200": a chart's "at"; "at around 8, 11, 2 and 5": about when, still the times)
_AT_WORD = r"(?:(?:at|a las|a la|à)\s+(?:(?:around|about|approx\.?|approximately|eso de)\s+)?|@\s*)"
_AT = rf"(?:\b|(?=@)){_AT_WORD}"
# (a slash, or Spanish "y", between 24-hour times: "at 0800/1400/2000", "a las 0800 y 2000"; "review at 12/3" is a
# date, "a las 10 y 15" a quarter past ten)
_JOIN = (rf"(?:\s*,\s*(?:(?:and|then|et)\s+)?|\s+(?:and|then|&|et)\s+|\s+y\s+(?=a\s)"
         rf"|(?<=\d{{4}})(?:\s*/\s*|\s+y\s+)(?=\d{{4}}))(?:{_AT_WORD})?")
# ("à 21 heures et à 23 heures", "a las 8 horas"; "hrs" and "hours" after a 24-hour time only: "at 2 and 4 hours" is
# after the dose.)  Each time reads one way only, a 24-hour time or an hour, so a list that turns out to be none is
# given up at once: read both ways, each time of a failed list doubled the tries (22 times took 7 s, a review).
_TIME = (rf"(?:{_H24}(?:\s?(?:hrs?|hours)\b)?|{_HOUR}(?:{_HALF}|\s?h\b|\s+(?:heures?|horas?)\b)?|{_NOON}"
         rf"|{_MIDNIGHT_24}(?:\s?h\b|\s+(?:heures?|horas?)\b))")
_TAIL = (r"\s*(?:$|[,;:!?)(]|\.(?!\d)|[-–—]\s)|\s?h\b|\s+(?:heures?|horas?|noon|midnight|mediod[ií]a|medianoche|midi"
         r"|minuit|if|when|each|every|daily|as needed|in the (?:morning|afternoon|evening)|at night|tonight"
         r"|si|cada|todos los d[ií]as|diariamente|seg[uú]n (?:necesite|sea necesario)"
         r"|chaque|tous les jours|au besoin|si besoin"
         r"|(?:de|por) la (?:mañana|tarde|noche)|du (?:matin|soir)|de l'après-midi|le (?:matin|soir))\b")
_SAID = "|".join(f"(?<={w})" for w in ("m", "m.", "o'clock", "noon", "midnight", "mediodía", "mediodia", "medianoche",
                                        "midi", "minuit"))  # (a list that ends saying its time)
# What may follow a list besides: another time joined ("at 8 and 2 and at bedtime"); the dose's words after three
# times or more ("at 8, 10 and 12 with water", "… and rest"; after two, "Take 1 at 8 and 1 with food" is a count);
# not a number joined, where the list was cut short ("at 2, 3 and 4 weeks").
_AFTER = r"with|for|during|before|after|today|tomorrow|con|para|durante|antes|después|hoy|avec|pour|pendant|avant|après"
# (Spanish "y" ends a list of three or more: "a las 9, 10 y 11"; after one hour alone it is minutes, above)
_LAST_Y = rf"(?:\s*,\s*(?:{_AT_WORD})?{_TIME})+\s+y\s+(?:{_AT_WORD})?{_TIME}"
# (or after a colon, as a hospital's chart lists them: "Take 2 tablets: 0800, 1200, 1600, 2000"; 24-hour times only,
# two or more: ``listed``)
_COLON = r":\s*(?=(?:[01]\d|2[0-3])[0-5]\d|2400)"
# ... or right after the dose, as a nurse writes them: "Take 2 tablets 0800, 1200, 1600, 2000" (``listed``: the dose
# named just before; not after a word of a window or of something else, "between 0800 and 2000", "from 0800, 1200")
_BARE_LEAD = r"(?<=[^\W\d_])(?:\s*[,(]\s*|\s+)(?=(?:[01]\d|2[0-3])[0-5]\d|2400)"  # (and "2 tablets (0800, …)")
# ("around 0800, 1200 and 1600", "vers 0800 …" are times still, about when)
_NOT_A_LEAD = re.compile(r"(?<![\w'])(?:between|from|until|till|to|by|before|after|since|than|entre|desde"
                         r"|hasta|de|del|antes|después|despues|depuis|jusqu'à|avant|après|dès|au)\s+$", re.I)
_CHART_MINUTES = ("00", "15", "30", "45")
_AT_LIST = re.compile(rf"(?:{_AT}|{_COLON}|{_BARE_LEAD})({_TIME}(?:{_LAST_Y}|(?:{_JOIN}{_TIME})*))(?:{_SAID}|(?={_TAIL})"
                      rf"|(?=\s+(?:and|then|y|et)\s+(?:at|a las?|à)\b)|(?=(?P<join>\s+(?:and|then|y|et)\s+\d))"
                      rf"|(?=(?P<word>\s+(?:and|then|y|et|{_AFTER})\b)))", re.I)
_AT_AGAIN = re.compile(rf"\S\s+{_AT_WORD}|,\s*{_AT_WORD}", re.I)
_BARE, _SAYS_HALF, _H24_WHOLE = re.compile(_ITEM), re.compile(_HALF, re.I), re.compile(_H24)
_TIMES = re.compile(rf"{CLOCK}|\b{_NOON}", re.I)  # times that say their hour


def listed(text: str, dosed: Callable[[int], bool] = lambda at: False, read: Callable[[int], bool] = lambda at: True
           ) -> list[tuple[re.Match[str], int]]:
    """The hours ``text`` names after "at" that say no am or pm themselves ("8", "11" and "2" of "at 8, 11 and 2
    pm"), as matches in ``text``, each with where its list starts (a negation before the list governs all of
    it: "Never take it at 8, 10 and 12"); hours a day has only ("25" is none; "24" is midnight).  ``read(at)``: whether the list
    whose "at" is at ``at`` is the dose's (not "she has swim practice at 4 and 6"); ``dosed(at)``: whether a dose
    is named right before it (an hour alone is read only then, beside another time of the sentence)."""
    out: list[tuple[re.Match[str], int]] = []
    lists = list(_AT_LIST.finditer(text))
    if not lists:
        return out
    clocks = [m.span() for m in _TIMES.finditer(text)]  # ("11 am", "23 h", "12 noon": clock times already)
    alone: list[tuple[re.Match[str], int]] = []
    for lst in lists:
        inside = [a for a, _ in clocks if lst.start(1) <= a < lst.end(1)]
        items = [m for m in _BARE.finditer(text, lst.start(1), lst.end(1)) if not any(a <= m.start() < b for a, b in clocks)]
        bare_lead = lst.group(0)[:1] in ",(" or lst.group(0)[:1].isspace()
        if (lst.group(0).startswith(":") or bare_lead) and (inside or len(items) < 2 or not all(
                _H24_WHOLE.fullmatch(m.group(0)) and m.group(0)[2:] in _CHART_MINUTES for m in items)):
            # (after a colon, only a chart's list of 24-hour times on the quarter hour: "Take 2 tablets: 0800, 12
            # and 4" is none, nor a note's years, "as in our leaflets: 2019, 2023", which a review saw refused)
            continue
        if bare_lead and (_NOT_A_LEAD.search(text, 0, lst.start() + 1) or not dosed(lst.start())):
            continue  # (with no "at" and no colon, only right after the dose: "2 tablets 0800, 1200")
        bare = [(m, lst.start()) for m in items if hour(m.group(0)) is not None
                and _SAYS_HALF.match(text, m.end()) is None and text[max(0, m.start() - 1):m.start()] not in (".", ":")]
        if len(items) + len(inside) > 1:
            # (a list cut short, "at 2, 3 and 4 weeks", is none; words after two times only where "at" is said
            # again, "at 9 and at 11 with water": "Take 1 at 8 and 1 with food" is a count)
            # (two 24-hour times are no count: "at 0800 and 1000 today")
            if lst.group("join") is None and read(lst.start()) and (
                    lst.group("word") is None or len(items) + len(inside) > 2 or _AT_AGAIN.search(lst.group(1))
                    or all(_H24_WHOLE.fullmatch(m.group(0)) for m in items)):
                out += bare
        elif bare and dosed(lst.start()):
            alone += bare
    # (an hour alone beside another: "5 mL at 8, 5 mL at 2", "6 tablets on Monday at 8 and 6 tablets at 8 pm")
    if alone and len(alone) + len(clocks) > 1:
        out += alone
    return sorted(out, key=lambda f: f[0].start())


_UNSAID_HALF = re.compile(r"(?:[1-9]|1[0-2])(?:[.:]\d\d)?")


def in_order(said: list[str], hours: list[float | None]) -> list[float | None]:
    """The hours of a day's times named in order, where a time leaves its half of the day unsaid ("8", "2:30";
    not "08:00", "14:00", "8 pm"): the first such hour after the time before it ("at 8, 11, 2 and 5": 8, 11,
    14 and 17), and before the first time that says its half, the last before the time after it ("at 8 and 11
    am": 8; "at 2 and 8 pm": 14).  A list all of such hours starts at its first as written."""
    out = list(hours)
    unsaid = [_UNSAID_HALF.fullmatch(s.strip()) is not None for s in said]

    def both(h: float) -> tuple[float, float]:
        return h % 12, h % 12 + 12

    first = next((k for k, (h, u) in enumerate(zip(out, unsaid)) if h is not None and not u), None)
    if first is not None:  # back from the first time that says its half
        for k in range(first - 1, -1, -1):
            h, after = out[k], out[k + 1]
            if h is not None and unsaid[k] and after is not None:
                below = [c for c in both(h) if c < after]
                out[k] = max(below) if below else max(both(h))
    start = first if first is not None else next((k for k, h in enumerate(out) if h is not None), len(out))
    for k in range(start + 1, len(out)):
        h, before = out[k], next((out[j] for j in range(k - 1, -1, -1) if out[j] is not None), None)
        if h is not None and unsaid[k] and before is not None:
            above = [c for c in both(h) if c > before]
            out[k] = min(above) if above else min(both(h))
    return out
