"""The days of the week a text names: a word list and a text in, each day named (where, and which day) out.

A day by its name ("Monday", "Mondays") or by its short form in a list or a range ("Mon, Wed and Fri",
"Mon-Fri", "lun y jue"), for H154 (``frequency``, ``weeklywords``): a weekly dose on two or more days of a
week is too much.
"""

from __future__ import annotations

import re
from functools import cache

from . import recache
from .wordlists import WordList
from .wordpatterns import alternation, words_pattern

# (start, end, the day: a weekdays entry, lower case, as written for a day by its name ("mondays"), else the entry
# its form gives ("Mo", "midweek": "monday", "wednesday"); for a day from today or an event, its days on: "+1", "e-1")
Day = tuple[int, int, str]
# Days of a cycle, dates or days of the week read one by one in a sentence; more are said at once (each is a pass over
# the sentence: a 5,000-character note of dates took 14 s, a review)
MOST_DAYS = 40


@cache
def week_of(weekdays: tuple[str, ...]) -> dict[str, int]:
    """Each day's name in a word list (lower case) and its place in the week, 0 for Monday: the list's days in order,
    a name without its accents the same day as with them ("miércoles", "miercoles")."""
    import unicodedata

    out: dict[str, int] = {}
    seen: dict[str, int] = {}
    for name in weekdays:
        bare = "".join(c for c in unicodedata.normalize("NFD", name.lower()) if not unicodedata.combining(c))
        out[name.lower()] = seen.setdefault(bare, len(seen))
    return out


def named_days(words: WordList, text: str, alone: bool = False) -> list[Day]:
    """The days of the week ``text`` names, in order: each by its name ("Monday", "Mondays") or by its short
    form (``weekday_short``: "Mon", "mié", "jeu.") in a list or a range of days ("Mon, Wed and Fri", "Mon-Fri",
    "lun y jue"); by letters, two or more together (``weekday_letters``: "Mo/We/Fr", "MWF"); a part of the week
    (``week_parts``: "midweek"); a day from today or an event (``relative_days``: "tomorrow", "the day before").
    A short form alone is another word too often ("the sun", "sat", Spanish "mar", the sea), and a short form alone
    names one day: only two or more days say a weekly dose too often (reviews: "Take 6 tablets
    Mon, Wed and Fri" printed under weekly methotrexate).  ``alone``: and the short forms that name a day alone
    (``weekday_alone``: "Mon 6 tabs, Thu 6 tabs"), for the days a dose is given on only, where a day more can only
    refuse more (``weeklydays.days``); never where a day decides whose dose it is (the plan's other medicine's days
    after a day: "Take 6 tablets Mon; folic acid Tue-Sun, methotrexate too" was refused, and is)."""
    letters = _letter_days(words, text) if words.weekday_letters else []
    if words.week_parts:  # ("midweek", "the weekend": read where a dose word governs them, ``weeklydays``)
        letters += [(m.start(), m.end(), day) for m in words_pattern(tuple(words.week_parts), True).finditer(text)
                    if (day := words.week_parts.get(" ".join(m.group(0).lower().split()).rstrip("s"))) is not None
                    and not _BY.search(text, max(0, m.start() - 16), m.start())]  # (not "ſ", which re.I matches)
    if words.relative_days:
        letters += relative_days(words, text)
    if letters:
        return sorted([*_named_days(words, text, alone), *letters])
    return _named_days(words, text, alone)


def relative_days(words: WordList, text: str) -> list[Day]:
    """The days ``text`` says from today or from an event (``relative_days``: "today", "tomorrow", "the day before", "2
    days after"), each as its days on, signed ("+0", "+1", "-1"): ``is_relative``."""
    out: list[Day] = []
    for m in words_pattern(tuple(words.relative_days), True).finditer(text):
        said = " ".join(m.group(0).lower().split())
        if said == "mañana" and _MORNING.search(text, max(0, m.start() - 12), m.start()):
            continue  # (the morning: "por la mañana", "cada mañana")
        number = re.search(r"\d+", said)
        key = re.sub(r"\d+", "#", said)
        step = words.relative_days.get(key, words.relative_days.get(key.rstrip("s")))
        if step is None:
            continue
        # (from today, or from an event: "tomorrow and … the day after" are two days, "+1" and "e+1")
        anchor = "" if set(said.split()) & _FROM_TODAY else "e"
        out.append((m.start(), m.end(), f"{anchor}{step * (int(number.group(0)) if number else 1):+d}"))
    return out


def is_relative(day: str) -> bool:
    """Whether a day found is said from today or an event ("+1", "e-1"), not by a name of the week's days."""
    return day[:1] in "+-" or (day[:1] == "e" and day[1:2] in "+-")


# The words of a day said from today (the others are from an event: "the day before", "el día antes", "la veille")
_FROM_TODAY = frozenset({"today", "tonight", "tomorrow", "yesterday", "evening", "hoy", "mañana", "ayer", "noche",
                         "aujourd'hui", "demain", "hier", "soir", "après-demain"})


_MORNING = re.compile(r"(?<![\w'’])(?:la|cada|esta|una|toda|media|de)\s+$", re.I)


def _named_days(words: WordList, text: str, alone: bool) -> list[Day]:
    names = {w.lower() for w in words.weekdays}
    # (a day by its name is its text, as it was read before short days were: "Mondays" beside "Monday" is two, and a
    # missed "Monday" leaves "Mondays" after it; reviews)
    found: list[Day] = [(m.start(), m.end(), m.group(0).lower()) for m in
                        words_pattern(words.weekdays, True).finditer(text)] if names else []
    if not words.weekday_short:
        return found
    short = {k.lower(): v.lower() for k, v in words.weekday_short.items()}
    abbreviated = [(m.start(), m.end(), short[m.group(1).lower()]) for m in _short_pattern(tuple(short)).finditer(text)
                   if m.group(1).lower() in short]  # (not "ſat": re.I matches it, lower() does not give "sat")
    if not abbreviated:
        return found
    every = sorted([*found, *abbreviated])
    alone_too = {a.lower() for a in words.weekday_alone} if alone else set()
    listed = [d for k, d in enumerate(every) if d in abbreviated and (
        text[d[0]:d[1]].lower() in alone_too
        or (k > 0 and linked(words, text, every[k - 1][1], d[0])) or (k + 1 < len(every) and linked(words, text, d[1],
                                                                                                  every[k + 1][0])))]
    return sorted([*found, *listed])


def _letter_days(words: WordList, text: str) -> list[Day]:
    """The days ``weekday_letters`` name: two or more letters joined as a list or a range ("Mo/We/Fr", "M-F", "L, X y
    V"), a letter joined so to a day's short form ("Mon and Fr"), or one word of three letters or of two with a
    two-letter form, in the week's order ("MWF", "TTh", "LXV"); a letter alone, or a word whose letters run out of
    order ("TM", "FM"), is a letter."""
    forms = words.weekday_letters
    one, glued = _letter_patterns(tuple(forms))
    order = {day: k for k, day in enumerate(dict.fromkeys(forms.values()))}
    out: list[Day] = []
    for m in glued.finditer(text):
        parts = [(p.start(), p.end(), forms[p.group(0)]) for p in one.finditer(text, m.start(), m.end())]
        if len(parts) == 1:  # a letter alone, or one of a list: below
            continue
        if (len(parts) >= 3 or any(b - a == 2 for a, b, _ in parts)) and all(
                order[x[2]] < order[y[2]] for x, y in zip(parts, parts[1:])):
            out += parts
    alone = [(m.start(), m.end(), forms[m.group(1)]) for m in _whole(one).finditer(text)]
    # (or linked to a day's short form: "on Mon and Fr", a review; not to a day's name, "Monday and We will call")
    short = [(m.start(), m.end()) for m in _short_pattern(tuple(k.lower() for k in words.weekday_short)).finditer(text)] \
        if words.weekday_short else []
    near = sorted([*((a, b) for a, b, _ in alone), *short])
    out += [d for d in alone if any(linked(words, text, b, d[0]) or linked(words, text, d[1], a)
                                    for a, b in near if (a, b) != (d[0], d[1]))]
    return sorted(out)


@cache
def _letter_patterns(forms: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One letter form (as written: capitals), and a word made of them only ("MWF")."""
    one = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return recache.pattern(one), recache.pattern(rf"(?<![\w'’])(?:{one})+(?![\w'’])")


@cache
def _whole(one: re.Pattern[str]) -> re.Pattern[str]:
    """A letter form standing alone as a word ("M.W.F.": the full stops are the list's)."""
    return recache.pattern(rf"(?<![\w'’])({one.pattern})(?![\w'’])")


# (a deadline is no day: "… so the side effects settle by the weekend", "para el fin de semana")
_BY = re.compile(r"(?<![\w'’])(?:by|before|antes\s+del?|para|avant)\s+(?:the\s+|el\s+|la\s+|le\s+|la\s+)?$", re.I)


def linked(words: WordList, text: str, end: int, start: int) -> bool:
    """Whether the text between two days (``end`` of one, ``start`` of the next) joins them in a list or a range."""
    return _link_pattern(words.and_words, words.day_ranges).fullmatch(text, end, start) is not None


@cache
def _short_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """A short form of a day, whole ("Wed", "Wed.", "jeu.": its full stop is the link's, as it may end the sentence)."""
    return recache.pattern(rf"(?<!\w)({alternation(forms)})(?![\w'’])", re.I)


@cache
def _link_pattern(ands: tuple[str, ...], ranges: tuple[str, ...]) -> re.Pattern[str]:
    """What joins two days of a list or a range: a short form's full stop, a comma, "/", "&", "-", then "and", "to"
    ("Mon, Wed and Fri", "Mon.-Fri.", "Mon through Fri")."""
    words = alternation((*ands, *ranges))
    return recache.pattern(rf"\.?\s*(?:[,/&+–-]\s*)?(?:(?:{words})(?![\w'’])\s*)?" if words else r"\.?\s*[,/&+–-]?\s*",
                           re.I)
