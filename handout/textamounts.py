"""Amounts the handout's own words give, against its plan: a handout in, warnings (H153) out.

The dose table is made from the facts and checked (``dosecheck``); the sentences around it are
free text.  An adversarial review built with exit 0 a handout whose text said "Take 1 capsule
(45 mg) at bedtime" above a table of 4.5 mg: a patient reads the sentence, not the table.

So each amount with a dose unit ("45 mg", "5 mL", "3 g", "2 milligrams", both ends of "1.5 to 4.5 mg")
written in the source language's text must be one the facts give, in that unit: an amount,
strength, rate (a day's or a dose's), concentration or limit of the plan, or a day's total worked
out from it ("4.5 g" is not 4.5 mg; "3 g" is 3,000 mg).  Each count of what the patient counts out
("2 capsules", "1 or 2 tablets", in the words of the language's word list) must be a count the plan
gives.  A sentence may also give an amount its cited source names in its title ("Naltrexone is
taken at 50 mg a day. [@label]", the label being the "50 mg" tablets' prescribing information).
Anything else is a warning for a person to check: only the author can tell another drug's dose or
a label's limit from a mistyped plan.  (Translations are held to their source's numbers, and to its
amounts in their units, by ``translated``, which reads them with ``amounts_in``.)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import cache, lru_cache

from . import recache
from .errors import Finding, HandoutError, Location
from .localize import load_labels
from .model import Handout
from .textfields import _at, text_fields
from .planamounts import day_only, in_base, plan_amounts, plan_counts
from .onedose import OneDose
from .spelledamounts import amounts_in_words
from .clauses import list_of
from .plain import raw_sentences
from .reading import continued, plain
from .designations import POINT_GROUPS, fold, number_signs
from .translated import ASCII_DIGIT, number_value
from .wordlists import load as load_wordlist
from .warning import against
from .wordpatterns import stems, words_pattern

# Each dose unit, written any way a handout may write it, as (kind, its size in the kind's base):
# mass in mg, volume in mL.  A weight ("20 kg") or a bag's litres is no dose.
_SPELLED = {
    "mg": ("mgs", "milligrams", "milligram", "miligramos", "miligramo", "milligrammes", "milligramme", "毫克", "밀리그램",
           "мг", "миллиграмм", "миллиграмма", "миллиграммов", "ملغ", "مغ", "ملليغرام", "میلی‌گرم", "मिलीग्राम",
           "miligam"),
    "mcg": ("ug", "micrograms", "microgram", "microgramos", "microgramo", "microgrammes", "microgramme", "微克",
            "마이크로그램", "мкг", "микрограмм", "микрограмма", "микрограммов", "مكغ", "ميكروغرام", "میکروگرم",
            "माइक्रोग्राम", "microgam"),
    "g": ("grams", "gram", "gramos", "gramo", "grammes", "gramme", "克", "公克", "그램", "грамм", "грамма", "граммов",
          "غرام", "گرم", "ग्राम", "gam"),
    "mL": ("ml", "cc", "milliliters", "milliliter", "millilitres", "millilitre", "mililitros", "mililitro", "毫升",
           "밀리리터", "мл", "миллилитр", "миллилитра", "миллилитров", "مل", "ملليلتر", "میلی‌لیتر", "मिलीलीटर"),
    "units": ("unit", "unidades", "unidad", "unités", "unité"),
}
# Words joining the two ends of a range ("1.5 to 4.5 mg", "1 o 2 tabletas", "1 à 2 comprimés").
_RANGE = r"(?:\s*(?:-|–|—|to|or|and|a|à|ou|et|y|o|bis)\s*)"
# Not inside a Latin (accented too: French "gélule" is no gram) or Cyrillic word or a number; a Chinese
# or Korean word may touch it ("服用45 mg", "45 mg을": a review); so may its particle.
_LETTERS = "A-Za-z0-9\u00c0-\u024f\u0400-\u04ff\u1e00-\u1eff"
_BEFORE = rf"(?<![{_LETTERS}.,])"  # (Arabic "و50 ملغ", "and 50 mg", joins its conjunction to the number)
_AFTER = rf"(?![{_LETTERS}\u0620-\u064a\u066e-\u06d3])"  # an Arabic word's first letter is no "غ" (grams)
_SPACES = "[ \u00a0\u202f\u2009]"
_GROUP_MARKS = re.compile(_SPACES + "|'")  # (a group sign that is a space or an apostrophe: "3 000", "3'000")
_SPACE = re.compile(_SPACES)


@cache
def _number(group: str) -> str:
    """A number as the language writes it, a bounded number of groups (a line of "111 111 …" was read
    again from each group: quadratic).  Thousands grouped with a space only where the language does
    (French "1 500 mg" is 1,500; English "2 500 mg tablets" are two tablets)."""
    spaced = f"|{_SPACES}(?=\\d{{3}}(?!\\d))\\d{{3}}" if _SPACE.fullmatch(group) else ""
    return rf"\d+(?:[.,]\d+{spaced}){{0,4}}"


_ALL_SPELLED = frozenset(w for unit, words in _SPELLED.items() for w in (unit, *words))


def unit_words(kinds: set[str]) -> tuple[str, ...]:
    """Every way of writing a unit of ``kinds`` (``planamounts.in_base``'s: "mass", "mL", "units"), sorted."""
    return tuple(sorted(w for unit, words in _SPELLED.items() if in_base(unit, 1)[0] in kinds for w in (unit, *words)))
UNIT_WORDS = frozenset(w.lower() for w in _ALL_SPELLED)  # (each unit word, lower case: for noteamounts)


def _unit_of(word: str) -> str:
    """The plan's unit a written unit word stands for ("milligrams" -> "mg")."""
    low = word.lower()
    for unit, spelled in _SPELLED.items():
        if low == unit.lower() or low in spelled:
            return unit
    return word


@cache
def _amount_pattern(words: tuple[str, ...], group: str = ",") -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(set(words), key=recache.longest_first))
    number = _number(group)
    return recache.pattern(rf"{_BEFORE}({number}(?:{_RANGE}{number}){{0,3}})[\s\u00a0\u202f(-]*({alts}){_AFTER}", re.I)


# Words that may stand between a count and what is counted ("60 methotrexate tablets", "6 small yellow
# tablets": a review) are any three but these: a verb starts another clause ("on day 2 take both tablets"),
# and these words tie the number to something else ("24 hours between tablets", "2 doses of tablets").
_NOT_BETWEEN = ("of", "and", "or", "the", "a", "an", "to", "on", "in", "at", "for", "with", "both", "each", "every",
                "your", "this", "that", "after", "before", "between", "than", "hour", "hours", "day", "days", "week",
                "weeks", "month", "months", "minute", "minutes", "time", "times", "dose", "doses", "de", "del", "y",
                "o", "la", "el", "los", "las", "un", "una", "con", "por", "para", "entre", "hora", "horas", "día",
                "días", "semana", "semanas", "dosis", "et", "ou", "le", "les", "des", "du", "une", "pour", "avec",
                "jour", "jours", "heure", "heures", "semaine", "semaines")




@cache
def _count_pattern(words: tuple[str, ...], group: str = ",", verbs: tuple[str, ...] = (),
                   spelled: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A count of ``words`` ("2 tablets", "1 or 2 capsules"); with ``spelled``, one in those number words
    instead ("two tablets")."""
    alts = "|".join(re.escape(w) for w in sorted(set(words), key=recache.longest_first))
    number = (f"(?:{'|'.join(re.escape(w) for w in sorted(set(spelled), key=recache.longest_first))})(?!\\w)"
              if spelled else _number(group))
    stop = stems((*_NOT_BETWEEN, *_ALL_SPELLED, *verbs))  # (units too: "500 mg tablets")
    between = rf"(?:(?!(?:{stop})(?![\w-]))[^\W\d_][\w-]*[\s\u00a0]+){{0,3}}"
    # ... and the strength of each ("60 2.5 mg tablets", "60 x (2.5 mg) tablets": a review)
    units = "|".join(re.escape(u) for u in sorted(_ALL_SPELLED, key=recache.longest_first))
    strength = rf"(?:[x×]\s*)?\(?\d+(?:[.,]\d+)?[\s-]*(?:{units})\)?[\s\u00a0-]+"
    # A count said twice, the US label's way ("six (6) tablets", "10 (ten) tablets"), or a number in
    # brackets after its word: read at its number (a review: neither was read at all)
    again = r"(?:\)|\s*\((?:\d+|[^\W\d_]+)\))?"
    # (a count joined to what it counts by a hyphen or a dash: "a 6-tablet dose", "a six-tablet dose", reviews)
    return recache.pattern(rf"{_BEFORE}({number}(?:{_RANGE}{number}){{0,3}}){again}(?:[\s\u00a0]*[-–][\s\u00a0]*|[\s\u00a0]+)"
                           rf"(?:{between}|{strength}{between})(?:{alts})s?{_AFTER}", re.I)


@cache
def _more_pattern(more: tuple[str, ...], preps: tuple[str, ...], group: str, before: tuple[str, ...] = ()
                  ) -> re.Pattern[str]:
    """A count of more of what the sentence before counted, with nothing counted after it ("Take 2 tablets.
    Then 6 more at once.", "take 4 more if needed", "Then take another 4."): its number, after one of
    ``before`` ("another") or before a ``more_counts`` word, then the clause's end or a phrase's first word
    (``preps``: "at", "if", "later"; not "30 more minutes", "2 more glasses of water")."""
    def alternation(words: tuple[str, ...]) -> str:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=recache.longest_first))

    end = rf"(?=[\s\u00a0]*(?:[.,;:!?)]|$)|[\s\u00a0]+(?:{alternation(preps) or '(?!)'})(?!\w))"
    after = rf"{_BEFORE}({_number(group)})[\s\u00a0]+(?:{alternation(more)}){end}"
    # (the number right after "another": a lookbehind per word, so it is the pattern's one group either way)
    behind = "|".join(rf"(?<=\b{re.escape(w)}\s)" for w in sorted(set(before), key=recache.longest_first)
                      if " " not in w)
    ahead = rf"|(?:{behind})({_number(group)}){end}" if behind else ""
    return recache.pattern(f"{after}{ahead}", re.I)


@cache
def _units(lang: str, letters: bool = False) -> dict[str, str]:
    """The language's own unit labels, by the plan's unit they stand for; a lone letter of another
    script only with ``letters`` (Russian "2013 г." is a year in a source text; "4,5 г" for the
    source's "4.5 mg" in a translation is grams, a review)."""
    try:
        labels = load_labels(lang).values
    except HandoutError:  # said by check_doses
        return {}
    return {v: k[len("unit_"):] for k, v in labels.items() if k.startswith("unit_") and k[len("unit_"):] in _SPELLED
            and (letters or len(v) > 1 or v.isascii())}


@lru_cache(maxsize=4096)  # a source text is read again for each of its translations
def amounts_in(raw: str, lang: str) -> dict[tuple[str, float], str]:
    """The amounts with a dose unit a text gives, read as ``lang`` writes numbers: (kind, value in the
    kind's base) -> as written ("4,5 mg" in Spanish -> ("mass", 4.5)).  For ``translated``: a
    translation must give its source's amounts, in their unit ("4,5 g" for "4.5 mg": a review)."""
    own = _units(lang, letters=True)
    decimal, group = number_signs(lang)
    pattern = _amount_pattern(tuple(sorted(_ALL_SPELLED | set(own))), group)
    numbers = recache.pattern(_number(group))
    return {a: m.group(0) for m in pattern.finditer(fold(plain(raw))) for a in _amounts_of(m, numbers, own, decimal)}


def check_amounts(h: Handout) -> list[Finding]:
    """A warning for each amount with a dose unit, and each count, in the source language's text that
    the plan does not give, nor (an amount) a source its sentence cites in its title (module
    docstring).  The units: the symbols and unit words every language is checked for, and the
    language's own unit labels.  A volume is checked where the plan has a liquid, units where it
    doses in units ("a 10 mL cup" of water, "14 units" of alcohol a week, beside tablets)."""
    if h.source is not None or not h.facts.tracks:
        return []  # a translation: its numbers are its source's (translated); no plan: nothing to hold to
    spelled, own = _ALL_SPELLED, _units(h.lang)
    amounts, counts = plan_amounts(h), plan_counts(h)
    kinds = {kind for kind, _ in amounts}
    decimal, group = number_signs(h.lang)
    if h.region is not None and h.region.decimal == group:  # regions.apply regrouped "3,000" as "3 000" (a review)
        group = "\u00a0"
    pattern = _amount_pattern(tuple(sorted(spelled | set(own))), group)
    numbers = recache.pattern(_number(group))
    titles = {str(s.id): _amounts_in(fold(s.title), pattern, numbers, own, decimal) for s in h.facts.sources}
    words = load_wordlist(h.lang)
    counted = _count_pattern(words.counted, group, words.action_verbs) if words is not None and words.counted else None
    more = (_more_pattern(words.more_counts, (*words.repeat_preps, *words.more_after), group, words.more_of_it)
            if words is not None and words.more_counts and words.counted else None)
    # A number after these is a place in the plan or a ratio's second term (a review), not a count
    places = set(words.places) if words is not None else set()
    # A count in words ("two tablets") is read by no rule: numerals, as the dosing standards ask
    in_words = (_count_pattern(words.counted, group, words.action_verbs, words.number_words)
                if words is not None and words.counted and words.number_words else None)
    in_units = unit_words(kinds) if words is not None and words.number_parts else ()  # (spelledamounts)
    # "at once", "a dose is", "Each time, take" beside an amount or a count: it must be a dose's (day_only)
    one_dose = OneDose(words, rf"{_BEFORE}({_number(group)})") if words is not None and words.one_dose else None
    day_amounts, day_counts = day_only(h) if one_dose is not None else (set(), set())
    repeat_words = words_pattern(words.repeat_words, True) if words is not None and words.repeat_words else None

    def says_again(raw: str) -> bool:
        """Whether a text has repeat words, or how often alone may follow a dose ("Take 6 tablets." / "Every 6
        hours.": ``clauses.repeat``), at all (asked once a text, and only where a repeat could follow)."""
        text = plain(raw)
        return ((repeat_words is not None and repeat_words.search(text) is not None)
                or (one_dose is not None and one_dose.how_often.search(text) is not None))
    out: list[Finding] = []
    for i, entry in enumerate(h.facts.text_amounts):  # what the author says the text may give besides
        given = [a for m in pattern.finditer(fold(entry)) for a in _amounts_of(m, numbers, own, decimal)]
        counted_here = [_value(n, decimal) for m in (counted.finditer(entry) if counted is not None else ())
                        for n in numbers.findall(m.group(1))]
        amounts.update(given)
        counts.update(counted_here)
        if not (given or counted_here):
            out.append(Finding(_at(h.facts, "text_amounts", i), f"text_amounts[{i}]", f"'{entry}' is no amount with "
                               "its unit, nor a count of what the patient counts out (expected e.g. '50 mg' or '24 "
                               "tablets')", severity="warning", code="H153"))

    def warn(where: Location, path: str, said: str, what: str) -> None:
        said = said if len(said) <= 40 else said[:37] + "…"
        out.append(Finding(where, path, f"'{said}' is not {what} of the plan (expected {_EXPECTED[what]}: check "
                           "that the text and the dose table say the same dose)", severity="warning", code="H153"))

    def again(before: str, said_one: set[int], text: str, where: Location, path: str) -> bool:
        """Whether ``text`` says the dose of the sentence ``before`` again (``OneDose.again``); a day's most
        ordered there is warned of if ``text`` makes it one dose ("Take 6 tablets. Repeat every 6 hours."),
        unless ``before`` said so itself (``said_one``: where), or limits it ("Keep to 6 tablets a day",
        "at most 6 tablets"), or gives no order for it ("The most is 6 tablets")."""
        assert one_dose is not None
        both = one_dose.again(before, text)  # (None for most sentences, at once: no repeat words)
        if both is None or pattern.search(text) or (counted is not None and counted.search(text)):
            return False  # (or a dose of its own: "Repeat with 2 tablets every 6 hours")
        told: set[int] = set()
        found = [*((m, [a for a in _amounts_of(m, numbers, own, decimal) if a in day_amounts])
                   for m in pattern.finditer(both, 0, len(before))),
                 *((m, [v for v in values if v in day_counts]) for m, values in
                   _counted(both[:len(before)], counted, numbers, places, decimal))]
        for m, most in found:
            if most and m.start() not in said_one and one_dose.ordered(before, m) and one_dose.tell(both, m, told):
                warn(where, path, m.group(0), "one dose")
        return True

    last: tuple[str, str, set[int]] | None = None  # (the list a field is an item of, its last dose, said_one)
    for path, raw, where in text_fields(h.text):
        item_of = list_of(path)  # ("Take 6 tablets." / "Repeat every 6 hours.": two items of a list)
        carried = last if last is not None and last[0] == item_of else None
        last = None
        for said in amounts_in_words(fold(plain(raw)), words, in_units) if words is not None and in_units else ():
            out.append(Finding(where, path, f"'{said[:40]}' gives an amount in words (expected digits, '45 mg' for "
                               "'forty-five mg': a dose in digits is read at a glance and held to the plan)",
                               severity="warning", code="H153"))
        # (a text with no digit may still count in words: "Take two tablets at bedtime", a review)
        if not _has_digit(raw) and (in_words is None or not in_words.search(fold(plain(raw)))):
            # ... or, its first sentence, say again the dose of the item before ("Do this twice a day.")
            if carried is not None and one_dose is not None and says_again(raw) and (first := raw_sentences(raw)) and again(
                    carried[1], carried[2], fold(plain(first[0])), where, path):
                last = carried
            continue
        before, said_one = (carried[1], carried[2]) if carried is not None else ("", set[int]())
        # (a sentence says a dose again only with repeat words: a text without any is not asked, sentence by sentence)
        may_repeat: bool | None = None if one_dose is not None and repeat_words is not None else False  # (asked once)
        for _, sentence in continued(raw_sentences(raw)):  # each with the citations right after its stop
            text = fold(plain(sentence))  # "45 ㎎", "12·5 mg" read as H151 reads them (a review)
            if before and may_repeat is None:
                may_repeat = says_again(raw)
            repeated = bool(before) and bool(may_repeat) and again(before, said_one, text, where, path)
            cited = {a for label in re.findall(r"\[@([^\]]+)\]", sentence) for a in titles.get(label, ())}
            told: set[int] = set()  # where one-dose words were said of a day's most (once each)
            one: set[int] = set()  # where a day's most was said of one dose (the next sentence may repeat it)
            for m in pattern.finditer(text):
                found = _amounts_of(m, numbers, own, decimal)
                if found and found[0][0] in kinds and any(a not in amounts and a not in cited for a in found):
                    warn(where, path, m.group(0), "an amount")
                elif one_dose is not None and any(a in day_amounts for a in found) and one_dose.tell(text, m, told):
                    warn(where, path, m.group(0), "one dose")
                    one.add(m.start())
            for m in in_words.finditer(text) if in_words is not None else ():
                if _REPEATED.match(text, m.end(1)) or text[:m.start()].endswith("("):
                    continue  # "six (6) tablets", "10 (ten) tablets": the numeral is read (and held to the plan)
                    # (not "six 500 mg tablets": its digits are the strength, a review)
                said = m.group(0) if len(m.group(0)) <= 40 else m.group(0)[:37] + "…"
                out.append(Finding(where, path, f"'{said}' gives a count in words (expected numerals, '2 tablets' for "
                                   "'two tablets': a count in digits is read at a glance and held to the plan)",
                                   severity="warning", code="H153"))
            for m, values in [*_counted(text, counted, numbers, places, decimal),
                              *_counted(text, more, numbers, places, decimal)]:  # ("Then 6 more at once")
                if any(v not in counts for v in values):
                    if words is not None and against(words, text, m.start(), m.end(), exceptions=False):
                        continue  # (the label's "Never take 2 tablets on the same day": a clinic author's review;
                        # a ceiling is no warning against, "Do not take more than 8 tablets")
                    warn(where, path, m.group(0), "a count")
                elif one_dose is not None and any(v in day_counts for v in values) and one_dose.tell(text, m, told):
                    warn(where, path, m.group(0), "one dose")
                    one.add(m.start())
            for m in one_dose.bare(text) if one_dose is not None and day_counts else ():  # "Take 6 at once"
                if _value(m.group(1), decimal) in day_counts:
                    warn(where, path, m.group(0), "one dose")
            if may_repeat is None and any(c in text for c in ";:(-–—"):
                may_repeat = says_again(raw)
            breaks = [b.span() for b in _BREAK.finditer(text)] if may_repeat else []
            for k, (a, b) in enumerate(breaks):  # a repeat after a clause break: "Take 6 tablets; repeat every 6 hours"
                again(text[:a], one, text[b:breaks[k + 1][0] if k + 1 < len(breaks) else len(text)], where, path)
            if not repeated:  # (what a sentence repeats stays the dose the next one may repeat too)
                before, said_one = text, one
        last = (item_of, before, said_one) if before else None
    return out


_BREAK = re.compile(r"\s*(?:;|:|\(|\s[-–—]\s)\s*")  # a clause break a repeat may follow in its sentence
_REPEATED = re.compile(r"\s*\(\s*\d")  # a count in words said again in numerals: "six (6) tablets"


def _has_digit(raw: str) -> bool:
    """Any digit, of any script or form ("²", "٤"), as str.isdigit says: one C search for ASCII text
    (a character-by-character Python loop was a quarter of this check's time)."""
    return ASCII_DIGIT.search(raw) is not None if raw.isascii() else any(map(str.isdigit, raw))


def _counted(text: str, counted: re.Pattern[str] | None, numbers: re.Pattern[str], places: set[str],
             decimal: str) -> Iterator[tuple[re.Match[str], list[float]]]:
    """Each count of what the patient counts out in a plain text, with its numbers' values."""
    for m in counted.finditer(text) if counted is not None else ():
        before = [w.lower() for w in text[max(0, m.start() - 40):m.start()].split()[-2:]]  # (not the whole text: quadratic)
        if before and (before[-1] in places or " ".join(before) in places):  # "week 3 capsules", "1 de cada 10"
            continue
        said = next(g for g in m.groups() if g is not None)  # (the number: a pattern's first group that took part)
        found = numbers.findall(said)
        if len(found) > 1 and _AT_TIME.search(text, max(0, m.start() - 24), m.start()):
            found = found[-1:]  # ("Take 2 tablets at 8 and 2 tablets at 2": 8 is an hour)
        yield m, [_value(n, decimal) for n in found]


@lru_cache(maxsize=4096)  # a source text is read again for each of its translations
def counts_in(raw: str, lang: str, names: tuple[str, ...] = ()) -> dict[float, str] | None:
    """The counts of what the patient counts out a text gives ("2 capsules", "1 tableta"), read as
    ``lang`` writes numbers: value -> as written; None for a language whose word list has no
    ``counted`` words (not judged).  For ``translated``: a translation must count as its source does
    ("tome 6 tabletas" for "take 1 tablet" on the other 6 days: a review).  ``names``: the plan's
    medicine's names, counted as its tablets ("Take 3 Tylenol": ``noteamounts.counted_names``)."""
    words = load_wordlist(lang)
    if words is None or not words.counted:
        return None
    decimal, group = number_signs(lang)
    counted = _count_pattern((*words.counted, *names), group, words.action_verbs)
    places = {w.lower() for w in (words.plan_before + words.ratio)}
    return {v: m.group(0) for m, values in _counted(fold(plain(raw)), counted, recache.pattern(_number(group)), places,
                                                     decimal) for v in values}


def _value(number: str, decimal: str) -> float:
    """A number as the language writes it: "3,000" is 3 where the comma is its decimal sign, 3000 where
    it groups thousands; a point before three digits groups them there ("3.000"), before others it is
    a decimal point ("4.5", as Mexico writes it).  (NaN for a number that is none: never the plan's.)"""
    n = _GROUP_MARKS.sub("", number)
    try:
        if decimal != ",":
            return round(float(number_value(n)), 6)
        if "," in n:
            return round(float(n.replace(".", "").replace(",", ".")), 6)
        return round(float(n.replace(".", "") if POINT_GROUPS.fullmatch(n) else n), 6)
    except ValueError:
        return math.nan


# A clock time before an amount, with a list's "and": "Give 5 mL at 8 and 5 mL at 8 pm" (8 is an hour, not mL),
# "at about 8 and 5 mL", "around 8 and 5 mL", "at 08:00 and 5 mL" (00 its minutes); or a day or an age: "on day 1 and
# 5 mL on day 2", "at age 2 and 5 mL at age 3".
_AT_TIME = re.compile(r"(?:\b(?:(?:at|a las|a la|à)(?:\s+(?:about|around|approx\.?|approximately|roughly|sobre|hacia"
                      r"|vers|environ))?|about|around|by|hacia|sobre|vers|days?|weeks?|ages?|aged|d[ií]as?|semanas?"
                      r"|jours?|semaines?|âge|edad)\s*|\d[:h])$", re.I)


def _amounts_of(m: re.Match[str], numbers: re.Pattern[str], own: dict[str, str], decimal: str
                ) -> list[tuple[str, float]]:
    kind, size = in_base(own.get(m.group(2), _unit_of(m.group(2))), 1.0)
    said = numbers.findall(m.group(1))
    if len(said) > 1 and _AT_TIME.search(m.string, max(0, m.start() - 24), m.start()):
        said = said[-1:]  # (the numbers before it are the hours "at" gives)
    return [(kind, round(_value(n, decimal) * size, 6)) for n in said]


def _amounts_in(title: str, pattern: re.Pattern[str], numbers: re.Pattern[str], own: dict[str, str],
                decimal: str) -> set[tuple[str, float]]:
    """The amounts a source's title names with their unit ("…tablets USP, 50 mg"): not its years or sections."""
    return {a for m in pattern.finditer(title) for a in _amounts_of(m, numbers, own, decimal)}


_EXPECTED = {
    "one dose": "one dose's amount or count: this is the plan's most in a day, or a day's total, and taken at one "
                "time it is too much",
    "an amount": "an amount, strength, rate, limit or day's total the facts give, in that unit, one the cited "
                 "source names, or one listed in text_amounts",
    "a count": "a count the facts give: a step's, a day's, or the most in a dose or a day, or one listed in "
               "text_amounts",
}
