"""Days of a cycle named one by one, for H154 (``weeklyrule``): a rule and one sentence in, the span from the first to
the last day it gives the weekly dose on, where two of them are less than a week apart, out.

``Weekly.is_course`` reads days' numbers listed or ranged in one phrase ("days 1-3", "on days 1, 2 and 3").  A
sentence may name them one by one instead, each with its own words, and each was printed under the Monday-only plan
(reviews): "Take 6 tablets on day 1 and take 6 tablets on day 2", "D1 · D2 · D3", "D1;D2", "D1→D3", "day 1 to 3",
"day 1 and 2", "day1, day2", "Day-1 and Day-2", "day one and day two", "Take 6 tablets: day 1, day 2", a chart's "Day
1: 6 tablets. Day 2: 6 tablets.", and across two sentences, "Take 6 tablets on day 1. Repeat on day 2." (``Rule.read``).

A day counts where its clause orders the dose (``Weekly.ordered``: "… and take 6 tablets on day 2"), where only days
stand between it and a colon after a dose ("Take 6 tablets: day 1, day 2"), where a count or an amount follows it
("D1 6 tabs"), or where it is linked by list words alone to a day that counts ("On day 1 and day 2, take 6 tablets").
Not a day said against ("never on day 2 and 3"), the plan's other medicine's ("… and 1 folic acid tablet on day 3"),
another thing's ("… and sunscreen on day 2"), one a missed dose is named by ("If you miss day 1, take it on day 2"),
one of a late dose's choices ("… on day 2 or day 3"), nor one with a verb of its own after it ("… then on day 2
rest").  Each missed dose's instruction is judged alone ("If you miss day 1, take it on day 2; if you miss day 2, take
it on day 3").  Days a week or more apart ("D1, D8, D15" of a cycle) print.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from . import recache
from .clauses import clause, missed_clause
from .datedays import date_numbers, date_pattern, is_date, month_first
from .daynames import MOST_DAYS
from .daynumbers import DAY_WORD, SHORT_DAY
from .warning import against
from .weeklydays import AMOUNT, TIE_BEFORE_NAME, others_day, space_after
from .weeklywords import Weekly
from .wordlists import WordList
from .wordpatterns import ARTICLES, RANGE_WORDS, alternation, words_pattern

if TYPE_CHECKING:
    from .weeklyrule import Rule

_WEEK = 7
# A day's word ("day", "día", "jour") and its number, glued or with a hyphen or "#" between ("day1", "Day-1", "day
# #1"), or "D1", "J1" (not vitamin D3); then the end of its range ("day 1 to 3", "D1→D3", "day 1 to day 3") or more
# numbers ("day 1 and 2", "day 1, 2, 3", "el día 1 y el 2").  A number is no decimal, time, date or ordinal ("day 1.5",
# "8:00", "1/2", "1st"), and one without its day's word ends a list ("day 1 and 2.", "day 1 to 3 of the cycle"): not
# "day 1, 2 hours after food", "day 1 - 30 minutes before breakfast", "day 1 until 3 pm", "day 1 – 12 April", "on day 1
# and 5 mg folic acid" (reviews).
_AFTER = r"(?![\d/]|[.,:]\d|[^\W\d_])"
_MONTHS = (r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic|janv|févr|fevr|avr|mai|juin|juil|"
           r"août|aout|déc")  # (the first letters of a month's name: "1 - 12 de abril" is a date)
_ENDS = (rf"$|[.,;:!?()]|\s[-–—]\s|(?:and|or|y|o|e|et|ou|of|del|du|only|inclusive|each|every|cada|chaque|this|esta|cette|"
         rf"(?:de|des)(?!\s+(?:{_MONTHS})))(?![\w'’])")
# (a range's end may be followed by what goes with the dose, "day 1 to 3 with food"; a number listed, not: "on day 1, 3
# with water and 3 with milk" counts tablets, a review)
_BARE = rf"\d{{1,2}}{_AFTER}(?=\s*(?:{_ENDS}|(?:with|con|avec|then|luego|puis|plus|also)(?![\w'’])))"
_LISTED = rf"\d{{1,2}}{_AFTER}(?=\s*(?:{_ENDS}))"
_MORE = (rf"(?P<more>(?:\s*(?:,|;(?=\d)|&|\+|(?<![\w'’])(?:and|y|e|et|or|o|ou)(?![\w'’]))\s*(?:(?:the|el|la|le)\s+)?{_LISTED})+)")
_CHOICE = re.compile(r"(?<![\w'’])(?:or|o|ou)(?![\w'’])", re.I)


def day_refs(words: WordList) -> re.Pattern[str]:
    """One day by its number, in digits or in the word list's number words up to 31 ("day one"), and its range or the
    numbers listed after it; or a date, or dates listed (``datedays``: "3 June and 5 June", "the 10th and 12th"),
    whose numbers are days of the year."""
    return _refs_with(tuple(k for k, v in words.count_words.items() if v <= 31 and k.isalpha()), tuple(words.months))


# A day by its place in the cycle ("the 1st day", "the first and second days", "1st/2nd day", "el primer y segundo
# día", "le premier et le deuxième jour"; a review: each printed under the Monday-only plan); not a date's ("the 1st
# and 2nd of May"), nor how often ("every 7th day")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "primer": 1, "primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercer": 3, "tercero": 3,
             "tercera": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5, "sexto": 6, "séptimo": 7,
             "premier": 1, "première": 1, "deuxième": 2, "troisième": 3, "quatrième": 4, "cinquième": 5}
_ORDINAL = rf"(?:\d{{1,2}}\.?(?:st|nd|rd|th|º|ª|er|ère|e|ème|do|ro|to|vo|mo)|{'|'.join(_ORDINALS)})(?![\w'’])"
_ORDINAL_LIST = (rf"(?<!every\s)(?<!each\s)(?<!cada\s)(?P<ord>{_ORDINAL})"
                 rf"(?P<ords>(?:\s*(?:,|&|\+|/|(?<![\w'’])(?:and|y|e|et)(?![\w'’]))\s*(?:(?:the|el|le)\s+)?{_ORDINAL})*)"
                 rf"\s+{DAY_WORD}(?![\w'’])")


@cache
def _refs_with(spelled: tuple[str, ...], months: tuple[str, ...] = ()) -> re.Pattern[str]:
    number = rf"\d{{1,2}}|{alternation(spelled)}" if spelled else r"\d{1,2}"
    # (a chart's day letter may take a dot or a space before its number, "D.1", "D 1"; a day's word its typo, "dy 1")
    day = (rf"(?<![^\W\d_])(?:(?:{DAY_WORD}|dys?)\s*(?:[-#]\s*)?(?P<n>{number}){_AFTER}|"
           rf"{SHORT_DAY}(?:\.\s?|\s)?(?P<short>\d{{1,2}}){_AFTER}|{_ORDINAL_LIST})")
    to = rf"\s*{RANGE_WORDS}\s*(?:(?:{DAY_WORD}\s*|[dj])(?P<to>\d{{1,2}}){_AFTER}|(?P<to_bare>{_BARE}))"
    # (dates last: "the 1st and 2nd days" is a cycle's, where both may start; ``datedays``)
    return recache.pattern(rf"(?:{day}(?:{to}|{_MORE})?|{date_pattern(months)})", re.I)


def _numbers(m: re.Match[str], words: WordList, one_of: bool = False, first_month: bool | None = None) -> list[int]:
    """The day's number, its range's, or the numbers listed after it; ``one_of``: a missed dose's sentence, where a
    list with "or" offers one day ("take it on day 2 or 3"), its first; ``first_month``: its numeric dates are month
    first (``datedays.month_first`` of the text, read once)."""
    if is_date(m):
        return date_numbers(m, words.months, first_month)
    if m.group("ord") is not None:
        return [_ordinal(x) for x in re.findall(_ORDINAL, m.group("ord") + " " + m.group("ords"), re.I)]
    said = m.group("n") or m.group("short")
    first = int(said) if said.isdigit() else words.count_words[" ".join(said.lower().split())]
    last = m.group("to") or m.group("to_bare")
    if last is not None:
        return list(range(first, max(first, int(last)) + 1))
    more = m.group("more") or ""
    if one_of and _CHOICE.search(more):
        return [first]
    return [first, *map(int, re.findall(r"\d+", more))]


def _ordinal(said: str) -> int:
    digits = re.match(r"\d+", said)
    return int(digits.group(0)) if digits is not None else _ORDINALS[said.lower()]


def cycle_days(rule: Rule, text: str) -> tuple[int, int] | None:
    """Where a sentence gives the weekly dose on two or more days of a cycle by their numbers, less than a week apart
    (module docstring): from the first such day to the last; None if it does not."""
    if rule.lang_words is None:
        return None
    found = list(day_refs(rule.words).finditer(text))
    if len(found) < 2 and not (found and (found[0].group("to") or found[0].group("to_bare") or found[0].group("more")
                                          or found[0].group("ords") or len(_numbers(found[0], rule.words)) > 1)):
        # (a quick look: most sentences name none)
        return None
    if len(found) > MOST_DAYS:  # (a sentence of dozens of days or dates is said, not read one by one: each is a pass
        return found[0].start(), found[-1].end()  # over the sentence, and a 5,000-character note took 14 s; a review)
    missed = _missed(rule.words, text)
    days = dosed_days(rule, text, missed=missed)
    # (each missed dose's instruction on its own: "If you miss day 1, take it on day 2; if you miss day 2, take it on
    # day 3" gives one late dose each time)
    starts = [a for a, _ in missed][1:]
    for region in ([d for d in days if sum(a <= d[0] for a in starts) == k] for k in range(len(starts) + 1)):
        if _too_close(region):
            return region[0][0], region[-1][1]
    return None


def next_days(rule: Rule, before: str, text: str, repeats: bool = False) -> tuple[int, int] | None:
    """Where ``text``, a sentence that takes the dose again after ``before`` ("Repeat on day 2."), gives it on days of a
    cycle less than a week from those of ``before`` or its own: the span of its days; None if it does not.
    ``repeats``: it says so with a repeat word, and each of its days is the dose's ("Take them again on day 2")."""
    again = dosed_days(rule, text, rule.again if repeats else None)
    return (again[0][0], again[-1][1]) if again and _too_close([*dosed_days(rule, before), *again]) else None


def days_alone(rule: Rule, text: str) -> bool:
    """Whether ``text`` is a sentence of days of a cycle and nothing else but their links ("Day 1 and day 2.", "Days
    1-3.", "On D1 and D2.", "Days 1 2 3."): after a sentence about the weekly dose, they are its days, as after a colon
    ("Take 6 tablets: day 1, day 2"; a review: "Take 6 tablets. Day 1 and day 2." printed).  Not a question ("Day
    2?"), nor a sentence with a word of its own ("Day 2: blood test", "Days 2-7 folic acid")."""
    read = rule.lang_words
    found = list(day_refs(rule.words).finditer(text)) if read is not None else []
    if read is None or not found or text.rstrip().endswith(("?", "¿", "؟")):
        return False
    bounds = [0, *(x for m in found for x in m.span()), len(text)]
    w = rule.words
    links = {x.lower() for x in (*w.and_words, *w.repeat_preps)} | ARTICLES
    return all(read.listed(x) or x.lower() in links for a, b in zip(bounds[::2], bounds[1::2])
               for x in re.findall(r"[\w'’]+", text[a:b]))


def _too_close(days: list[tuple[int, int, list[int]]]) -> bool:
    numbers = sorted({n for _, _, said in days for n in said})
    return any(b - a < _WEEK for a, b in zip(numbers, numbers[1:]))


def dosed_days(rule: Rule, text: str, again: re.Pattern[str] | None = None,
               missed: list[tuple[int, int]] | None = None) -> list[tuple[int, int, list[int]]]:
    """(start, end, its numbers) of each day of a cycle a sentence gives the weekly dose on (module docstring), in order.
    Days linked by nothing but list words ("day 1 and day 2", "D1;D2") count together: "On day 1 and day 2, take 6
    tablets" orders both, though the order is read after the first alone.  ``again``: the words that say the dose again,
    in a sentence that does so: a day in their clause, after them, counts ("Take them again on day 2"; not "Take the same
    on Monday; bloods on days 1 and 2", a review).  ``missed``: its missed doses' clauses (``_missed``), if known."""
    read = rule.lang_words
    if read is None:
        return []
    kept: list[tuple[int, int, list[int]]] = []
    run: list[tuple[int, int, list[int]]] = []  # (linked days: counted if one of them is)
    run_dosed = False
    negated = -1  # where the last day said against ends: the days linked to it are said against too ("never day 2 and 3")
    refs = day_refs(rule.words)
    first_month = month_first(text)  # (read once: each numeric date asked it of the whole text; a review)
    if missed is None:  # (each missed dose's clause: "If you miss day 1, …; if you miss day 2, …")
        missed = _missed(rule.words, text)
    for m in refs.finditer(text):
        opens = _opening(rule.words, text, m.start())  # ("never on day 2": its "on" too)
        # (a day linked to one said against is said against too, but past a contrast word: "not day 2, but day 3")
        # (nor past a comma and an "on" that opens the day's own phrase: "… on day 1, not day 2, on day 3")
        if (negated >= 0 and _linked(read, text, negated, m.start()) and not _contrast(rule, text, negated, m.start())
                and not _FRESH.search(text, negated, m.start())) \
                or against(rule.words, text, opens, m.end(), exceptions=False, names=rule.named):
            negated = m.end()
            continue
        negated = -1
        if (any(a <= m.start() < b for a, b in missed) or _another_thing(rule, text, opens) or _named_after(rule, text, m.end())
                or others_day(rule, text, m.start(), refs) or read.other_order_after(text, m.end())):
            continue
        if run and missed and _CHOICE.search(text, run[-1][1], m.start()) and _linked(read, text, run[-1][1], m.start()):
            continue  # (a late dose offered on one of two days: "If you miss day 1, take it on day 2 or day 3")
        if run and not (_linked(read, text, run[-1][1], m.start()) or _again_between(rule, text, run[-1][1], m.start())):
            kept += run if run_dosed else []
            run, run_dosed = [], False
        run.append((m.start(), m.end(), _numbers(m, rule.words, one_of=bool(missed), first_month=first_month)))
        said_again = again is not None and again.search(text, clause(text, m.start())[0], m.start()) is not None
        run_dosed = run_dosed or said_again or read.ordered(text, opens, m.end(), rule.called) or _after_colon(
            rule, read, text, m.start()) or _dose_after(rule, text, _opening(rule.words, text, run[0][0]), m.end())
    return kept + (run if run_dosed else [])


_COUNT_AFTER = re.compile(r"\s*(?:[:=,–—-]|->|→)?\s*(?:(?:take|tome|prenez|give)\s+)?(\d+(?:[.,]\d+)?)\s*", re.I)


def _dose_after(rule: Rule, text: str, opens: int, end: int) -> bool:
    """Whether days that open their clause (at ``opens``: past lead words and the weekly medicine's name) are followed
    right away by a count or an amount, a chart's way ("Day 1: 6 tablets", "D1 6 tabs", "Day 1 - 6 tablets", "On D1
    and D2: 6 tablets", "MTX D1, D8 and D9-D10, 6 tabs"; a review: printed), not the other medicine's ("Day 2: 1
    tablet of folic acid"); not days in another thing's clause ("Bloods on days 1 and 2, 6 tabs Weds", a review)."""
    start = max(text.rfind(c, 0, opens) for c in ".;:,(") + 1
    before = rule.called.sub(" ", text[start:opens])  # (the weekly medicine's name opens a chart's line: "MTX D1, D2")
    if not all(x.lower() in rule.words.leads for x in re.findall(r"[\w'’]+", before)):
        return False
    said = _COUNT_AFTER.match(text, end)
    if said is None:
        return False
    counted = rule.lang_words.counted if rule.lang_words is not None else None
    unit = AMOUNT.match(text, said.start(1)) or (counted.match(text, said.end()) if counted is not None else None)
    if unit is None:
        return False
    mine = rule.others.search(text, unit.end()) if rule.others is not None else None
    return mine is None or TIE_BEFORE_NAME.fullmatch(text, unit.end(), mine.start()) is None


_JOIN = re.compile(r"(?:,|&|\+|(?<![\w'’])(?:and|then|plus|y|luego|et|puis)(?![\w'’]))\s*([^,&+]*?)\s*$", re.I)


_PARTS = frozenset({"half", "quarter", "mitad", "media", "medio", "moitié", "demi", "demie"})  # ("… and half on day 2")


def _another_thing(rule: Rule, text: str, opens: int) -> bool:
    """Whether what stands between "and" and a day (at ``opens``) is another thing than the dose: "Take 6 tablets on
    day 1 and sunscreen on day 2", "… and paracetamol on day 2 if needed" (a review); not a count, more of it, the
    same, again, the weekly medicine's name ("… and 6 tablets on day 2", "… and the same on day 2", "… and MTX on
    day 2"), nor nothing ("… and on day 2")."""
    joined = _JOIN.search(text, max(0, opens - 40), opens)
    if joined is None or not joined.group(1):
        return False
    said = joined.group(1)
    w = rule.words
    dose = {x.lower() for x in (*w.more_words, *w.dose_nouns, *w.repeat_fillers, *w.leads, *w.count_words,
                                *w.number_words)} | _PARTS
    read = rule.lang_words
    if re.search(r"\d", said) or rule.called.search(said) or any(
            x.lower() in dose or w.is_verb(x) or (read is not None and read.doses(x)) for x in re.findall(r"[\w'’]+", said)):
        return False  # (a verb's clause is ``Weekly.ordered``'s: "… and take paracetamol on day 2")
    return read is None or read.counted is None or read.counted.search(said) is None


def _named_after(rule: Rule, text: str, end: int) -> bool:
    """Whether the plan's other medicine is named right after a day, a chart's way ("(day 2: folic acid)", "D2 - FA")."""
    return rule.others is not None and rule.others.match(text, space_after(text, end, ":=–—-")) is not None


def _missed(words: WordList, text: str) -> list[tuple[int, int]]:
    """Where each missed dose's clause of a sentence is (``clauses.missed_clause``)."""
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(text) and (found := missed_clause(words, text[at:])) is not None:
        spans.append((at + found[0], at + found[1]))
        at += max(found[1], 1)
    return spans


def _opening(words: WordList, text: str, at: int) -> int:
    """Where the phrase of a day at ``at`` opens: before its preposition and article ("On day 1 and day 2, take …"
    opens its sentence, as "On days 1-3 take …" does, whose phrase holds its "on")."""
    while (m := _LAST_WORD.search(text, max(0, at - 24), at)) is not None and (
            m.group(1).lower() in ARTICLES or m.group(1).lower() in words.phrase_openings):
        at = m.start()
    return at


_ON = ARTICLES | {"on", "en"}  # (after a colon, before a day: "Take 6 tablets: on day 1, on day 2")
_FRESH = re.compile(r",\s*(?:on|en)\s+(?:the\s+|el\s+)?(?:day|d[ií]a)?\s*$", re.I)
_LINKS = _ON | {"sí"}  # (and a contrast's "yes": "el día 1, no el día 2, pero sí el día 3")
_NTH = re.compile(r"\d{1,2}(?:st|nd|rd|th)", re.I)  # (a date's ordinal between: "the 1st, not on the 2nd, but on the 3rd")
_LAST_WORD = re.compile(r"(?<![\w'’])([\w'’]+)\s+$")
_MARKS = re.compile(r"[\s,/·+&→>–-]*")


def _linked(read: Weekly, text: str, end: int, start: int) -> bool:
    """Whether only list words, "on" and marks stand between two days ("day 1 and day 2", "D1 → D3", "day 1, not on day
    2, but on day 3"), or a semicolon or a full stop tight between them ("D1;D2", "D1.D2"; not "day 1; day 2 and 3 you
    may feel tired": two parts)."""
    between = text[end:start]
    if between in (";", "."):
        return True
    return all(read.listed(x) or x.lower() in _LINKS or _NTH.fullmatch(x) for x in re.findall(r"[\w'’]+", between)) \
        and _MARKS.fullmatch(re.sub(r"[\w'’]+", " ", between)) is not None


def _contrast(rule: Rule, text: str, end: int, start: int) -> bool:
    """Whether a contrast word ends a negation's reach between two days ("… on day 1, not day 2, but day 3")."""
    w = rule.words.contrast_words
    return bool(w) and words_pattern(w, True).search(text, end, start) is not None


def _again_between(rule: Rule, text: str, end: int, start: int) -> bool:
    """Whether the dose is said again between two days, and nothing else ("… on the 1st day and again on the 2nd day",
    "… on day 1 and the same on day 2"; a review: printed): the later day is the earlier one's, as in a list."""
    if rule.again is None or rule.again.search(text, end, start) is None or rule.another_only(text[:end]):
        return False  # (not another medicine's dose again: "Take ibuprofen 400 mg on day 1 and again on the 2nd day")
    w = rule.words
    fillers = {x.lower() for x in (*w.repeat_fillers, *w.repeat_preps, *w.and_words)} | ARTICLES | w.leads
    return all(x.lower() in fillers or rule.again.fullmatch(x) is not None for x in re.findall(r"[\w'’]+", text[end:start]))


def _after_colon(rule: Rule, read: Weekly, text: str, at: int) -> bool:
    """Whether the day at ``at`` follows a colon with only days and their links between (``Weekly.listed``), and what
    comes before the colon, in its part of the sentence, speaks of a dose ("Take 6 tablets: day 1, day 2")."""
    colon = text.rfind(":", 0, at)
    if colon < 0 or text.rfind(";", 0, at) > colon:
        return False
    if not all(read.listed(x) or x.lower() in _ON for x in re.findall(r"[\w'’-]+", text[colon + 1:at])):
        return False
    return rule.about_dose(text[text.rfind(";", 0, colon) + 1:colon])
