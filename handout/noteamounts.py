"""Amounts and counts a note typed for one patient gives, against the plan printed beside it (H156): a note, its
handout and where it was typed in; errors out.

The dose table is the plan's, and a note is printed on the same page: a patient reads both.  A review built "MTX 20
mg every Monday" and "Take 8 tablets every Monday" under a table of 15 mg, 6 tablets (exit 0): two doses on one page,
and nothing said which.  So an amount or a count in a note that the plan does not give (``planamounts``) is refused
where it is the plan's medicine's: named beside it ("MTX 20 mg", "20 mg of methotrexate", "8 methotrexate tablets",
"folic acid 5 mg" under a table of 1 mg), or in a sentence that orders a dose and names no other medicine ("Take 8
tablets every Monday", "Take 20 mg on Mondays").  Another medicine's dose ("Paracetamol 1 g if needed", "Take 2
paracetamol tablets", "Take 1 g paracetamol") and an amount of something else ("no more than 14 units of alcohol a
week") are the clinician's to give.  A different dose for this patient needs its own plan (a track): the table would
still say the other one.  A plan that doses by weight is held to the dose worked out for the patient's weight
(``personalize``: "Give 7.5 mL" beside a table of 5.2 mL was printed, a review), and not judged without one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .clauses import clause
from .dosing import medications
from .doseforms import LOOKS, another_named
from .errors import Finding, Location
from .warning import against
from .frequency import NOTE_LANGUAGES
from .model import Handout
from . import recache
from .planamounts import Weighed, day_only, medicine_names, plan_amounts, plan_counts
from .reading import plain, sentences
from .spelledamounts import amounts_in_words
from .textamounts import UNIT_WORDS, amounts_in, counts_in, unit_words
from .weeklypatterns import patterns as weekly_patterns
from .wordlists import WordList
from .wordlists import load as load_wordlist
from .wordpatterns import ARTICLES, LETTER_WORD, words_of, words_pattern, words_regex

# What may stand beside a dose's amount or count in its sentence, where the word names no other medicine: "20 mg every
# Monday", "20 mg once a week", "6 x 5 mg tablets", "15 mg (eight tablets)" (besides the word list's prepositions,
# fillers, days and counted words)
# After an amount or a count, before what follows it: "of", an article or a possessive ("400 mg of the ibuprofen")
_AFTER = re.compile(r"[\s()]*(?:(?:of|de|del|d'|du)\s+)?(?:(?:the|your|his|her|el|la|los|las|su|sus|le|les|votre|vos)\s+)?",
                    re.I)
_LAST = re.compile(r"([^\W\d_][\w'’-]*)[\s(:=x×\d.,-]*$", re.I)  # (the word before it, past numbers and marks)
_AMOUNT_END = re.compile(r"(?:mg|mcg|µg|g|ml|units?)$", re.I)
_EVERY_WORDS = ("every", "each", "cada", "chaque", "tous les", "todos los")
# When or how a bare count is taken, after it ("Take 4 at bedtime", "Tome 2 por la noche", "Prenez 2 au coucher")
_WHEN_WORDS = ("at", "in", "on", "with", "by", "a", "por", "con", "en", "el", "al", "au", "avec", "le", "la",
               # (and which day: "Take 2 the next night", "Take 2 tonight", "Tome 2 mañana", "Prenez-en 2 demain")
               "the next", "next", "tonight", "tomorrow", "today", "this", "hoy", "mañana", "esta", "este", "demain",
               "ce", "cette", "ce soir", "aujourd'hui")
# Words that change a dose, in the note languages ("Increase to 20 mg", "Reduzca a 10 mg", "Passez à 10 mg")
_CHANGES = frozenset({"increase", "increased", "increasing", "reduce", "reduced", "reducing", "decrease", "decreased",
                      "lower", "lowered", "raise", "raised", "change", "changed", "aumente", "aumentar", "aumentado",
                      "reduzca", "reducir", "reducido", "baje", "suba", "augmentez", "augmenter", "augmenté",
                      "diminuez", "diminuer", "diminué", "passez",
                      # (a dose moved up or down in plain words: "Go up to 6 mg after a month" printed under LDN's
                      # 4.5 mg at most; a review of notes)
                      "go up", "go down", "step up", "move up", "work up", "build up", "titrate", "montez"})
# A dose's own words beside its amount ("Methotrexate now 20 mg", "the new dose is", "starting next week")
_DOSE_TALK = frozenset({"now", "new", "next", "from", "starting", "start", "week", "weeks", "up", "max", "maximum", "most",
                        "usual", "total", "each", "per", "a", "an", "is", "are", "be", "will", "dosis", "nueva", "ahora",
                        "semana", "nouvelle", "maintenant", "semaine",
                        # ("Take all 6 tablets at once" printed under a taper of 3 tablets at most: a review of notes)
                        "all", "todas", "todos", "tous", "toutes"})
# What a plan's medicine is given as, between its name and its amount ("Methotrexate injection 20 mg", "Acetaminophen ER
# 650 mg", "MTX s/c 20 mg")
_FORMS = frozenset({"injection", "injections", "injected", "pen", "syringe", "sc", "s", "c", "subcutaneous", "er", "xr", "sr",
                    "extended", "release", "extra", "strength", "inyección", "inyectable", "injectable"})
# A count by its strength: "8 x 2.5 mg", "2.5 mg x 8", "2,5 mg x6"
_TIMES = re.compile(r"(?<![\w.,])(\d{1,2})\s*[x×]\s*(?=\d+(?:[.,]\d+)?\s*(?:mg|mcg|g|ml)(?![\w'’]))"
                    r"|(?<=mg|cg|ml)\s*[x×]\s*(\d{1,2})(?![\w.,])", re.I)
# A liquid's strength, an amount in each volume ("400 mg in 5 mL", "400 mg/5 mL", "80 mg per mL")
_STRENGTH = re.compile(r"\d+(?:[.,]\d+)?\s*(?:mg|mcg|g)\s*(?:/|per|in|each|en|por|cada|pour|dans|par)\s*"
                       r"(?:\d+(?:[.,]\d+)?\s*)?ml", re.I)
# After a day's amount ("10.4 mL a day", "in 24 hours", "al día", "par jour") and a rate's ("45 mg per kg", "/kg")
_PER_DAY = re.compile(r"\s*(?:\)\s*)?(?:(?:a|per|each|every|in|/|al|por|cada|en|par|chaque|dans)\s*(?:day|d[ií]a|jour|24\s*h)"
                      r"|daily|diarios?|diarias?|quotidiens?)", re.I)
_PER_KG = re.compile(r"\s*(?:/|per|a|por|par)\s*kg", re.I)
_NOT_SOLID = re.compile(r"(?<![\w'’])(?:drops?|puffs?|gotas?|gouttes?|bouffées?|inhalaciones|pulverizaciones)(?![\w'’])", re.I)
_GOES_ON = frozenset({"x", "mg", "mcg", "g", "ml", "every", "each", "once", "twice", "weekly", "po", "orally", "tablet",
                      "tablets", "cada", "una", "semanal", "chaque", "une", "fois", "hebdomadaire", "your", "his", "her",
                      "their", "su", "sus", "votre", "vos", "now", "then", "instead", "only", "just", "ahora", "solo",
                      "seulement"}) | LOOKS


def note_amounts(note: str, h: Handout, where: Location, path: str,
                 weighed: Weighed | None = None) -> list[Finding]:
    """The errors for the amounts and counts of the plan's medicines in ``note`` that the plan does not give (module
    docstring), each said once.  Where the medicine is named, its own amounts and counts ("Folic acid 2.5 mg" is not
    methotrexate's 2.5 mg tablet); where none is, any of the plan's.  ``weighed``: for a plan by weight, the amounts
    it gives this patient and its ceilings (``planamounts.weighed_amounts``), which the main medicine's amounts are
    held to instead of the plan's, a ceiling only after a limit's words ("no more than 875 mg"); without them such a
    plan is not judged."""
    if not h.facts.tracks:
        return []
    out = _in_words(note, h, where, path)
    if h.facts.weight_based and weighed is None:
        return out  # (a dose by weight is worked out for the patient: the facts alone do not give it)
    medicines = _medicines(h)
    names = re.compile(words_regex(tuple(medicines)), re.I)
    counted = counted_names(h)
    # (a note is typed in whatever language the clinician writes, as H154 reads it: "Take 8 tablets" on a Spanish page)
    langs = [(lang, w) for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)) if (w := load_wordlist(lang)) is not None]
    said: set[str] = set()
    given: dict[tuple[str | None, bool], set[Any]] = {}  # (the plan's amounts or counts, of one medicine or all: once)
    for sentence in sentences(plain(note)):
        found: list[tuple[str, object, bool]] = [(written, amount, True)
                                                  for amount, written in amounts_in(sentence, h.lang).items()]
        found += [(written, value, False) for lang, words in langs
                  for value, written in [*(counts_in(sentence, lang, counted) or {}).items(),
                                         *_counts_in_words(sentence, words, names)]
                  if not _NOT_SOLID.search(written)]  # (drops and puffs are no tablet's count: "3 drops in each eye")
        found += [(m.group(0).strip(), float(m.group(1) or m.group(2)), False) for m in _TIMES.finditer(sentence)]
        found += [(written, value, False) for _, words in langs for written, value in _bare_counts(sentence, words)]
        if weighed is not None:  # ("Give 400 mg in 5 mL" gives 5 mL: a strength a dose's verb orders, a code review)
            out += [Finding(where, path, f"'{m.group(0)}' in the note is not the dose the plan gives this weight "
                            "(expected the dose in the table beside it: a patient reads both)", code="H156")
                    for m in _STRENGTH.finditer(sentence) if _ordered(sentence, m.start(), langs)
                    and not any(v in weighed.doses for v in amounts_in(m.group(0), h.lang))]
        for written, value, amount in found:
            span = _where(sentence, written)
            if span is None or written in said or (not amount and _after_place(sentence, span[0])) \
                    or _warned(sentence, span, names):
                continue  # (a day's or a week's number, in any note language: "on days 2-7 and 6 tablets"; a warning)
            name = next((n for lang, words in langs if (n := _whose(sentence, span, written, names, words, lang)) is not None),
                        None)
            if name is None:
                continue
            only = medicines[name.lower()] if name else ""  # ("": any of the plan's)
            if (only, amount) not in given:
                meds = None if only == "" else {only}
                given[only, amount] = plan_amounts(h, meds) if amount else plan_counts(h, meds)
            by_weight = amount and weighed is not None and medicines.get(name.lower()) is None  # (the main medicine's)
            if by_weight and weighed is not None:
                if _as_weighed(weighed, value, sentence, span, langs) or (
                        value in given[only, amount] and _in_strength(sentence, span, langs)):
                    continue  # (the plan's liquid strength, written as one: "400 mg in 5 mL")
            elif value in given[only, amount] and not _day_as_dose(h, value, amount, sentence, span, langs):
                continue
            said.add(written)
            of = f" for {name}" if name else ""
            plan = "the dose the plan gives this weight" if by_weight else "a dose the plan gives"
            out.append(Finding(where, path, f"'{written}' in the note is not {plan}{of} (expected the dose "
                               "in the table beside it, or another medicine named with its amount: a patient reads both; "
                               "a different dose for this patient is a track of the handout that gives it, --track)",
                               code="H156"))
    return out


def _in_words(note: str, h: Handout, where: Location, path: str) -> list[Finding]:
    """An amount with a unit of the plan's written in words, in any note language ("Take forty-five mg each night"
    beside LDN's 4.5 mg; ``spelledamounts``): asked for in digits, whatever medicine it is of."""
    units = unit_words({kind for kind, _ in plan_amounts(h)})
    said = dict.fromkeys(m for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)) if (w := load_wordlist(lang)) is not None
                         for m in amounts_in_words(plain(note), w, units))
    return [Finding(where, path, f"'{m}' in the note gives an amount in words (expected digits, as the table beside it "
                    "prints a dose: a dose in words is misread, and only digits are held to the plan)", code="H156")
            for m in said]


def _day_as_dose(h: Handout, value: Any, amount: bool, sentence: str, span: tuple[int, int],
                 langs: list[tuple[str, WordList]]) -> bool:
    """Whether a day's amount or count of the plan and no dose's (``day_only``: acetaminophen's 6 tablets, 3,000 mg in
    24 hours) is given as one dose: not said as a day's ("a day", "in 24 hours" after it) nor as a limit ("no more
    than", "up to" before it).  "Take 6 tablets at bedtime" and "Take 3000 mg at bedtime" printed beside a table of 2
    tablets every 6 hours: a day's most at once (as ``_as_weighed`` holds a plan by weight)."""
    day_amounts, day_counts = day_only(h)
    if value not in (day_amounts if amount else day_counts):
        return False
    first, _ = clause(sentence, span[0])
    before = sentence[first:span[0]]
    limited = _limited(sentence, span[0], langs) or any(
        w.limit_words and re.search(rf"(?:{words_regex(w.limit_words)})\s*$", before, re.I) for _, w in langs)
    return not (limited or _PER_DAY.match(sentence[span[1]:span[1] + 30]))


def _bare_counts(sentence: str, words: WordList) -> list[tuple[str, float]]:
    """Counts with no word of what is counted, right after a dose's order ("Take 4 at once", "Take 2, or 3 if the
    pain is bad", "Take 4 if needed"): the plan's tablets, in a note printed beside them (each printed beside a
    table of 2 tablets).  Only where nothing is named after the number (not "Take 2 weeks off", "Take 10 deep
    breaths"): the sentence ends there, or what follows says when or how ("at once", "if", "or", "now", "every …")."""
    if not (words.dose_orders and words.counted):
        return []
    spelled = {k.lower(): v for k, v in words.count_words.items() if k.lower() in {n.lower() for n in words.number_words}}
    return [(m.group(0), float(v) if v[0].isdigit() else float(spelled[" ".join(v.lower().split())]))
            for m in _bare_pattern(words).finditer(sentence) for v in m.groups() if v is not None]


def _bare_pattern(words: WordList) -> re.Pattern[str]:
    follows = (*words.one_dose, *words.condition_words, *words.choice_words, *words.more_after, *words.time_relations,
               *_EVERY_WORDS, *_WHEN_WORDS)
    # (a number in digits, or in the language's words: "Take four at once", "Take three if the pain is bad")
    spelled = tuple(k for k in words.count_words if k.lower() in {n.lower() for n in words.number_words})
    return recache.pattern(_bare_text(words.dose_orders, words.limit_words, words.choice_words, follows, spelled), re.I)


@lru_cache(maxsize=16)
def _bare_text(orders: tuple[str, ...], limits: tuple[str, ...], choices: tuple[str, ...], follows: tuple[str, ...],
               spelled: tuple[str, ...]) -> str:
    """``_bare_pattern``'s text, of a word list's words only, once a process (its trees were ~2 ms of every note)."""
    number = rf"\d{{1,2}}(?!\d|[.,]\d)|(?:{words_regex(spelled)})(?![\w'’-])" if spelled else r"\d{1,2}(?!\d|[.,]\d)"
    return (rf"(?<![\w'’])(?:{words_regex(orders)})\s+(?:(?:{words_regex(limits)})\s+)?"
            rf"({number})(?:\s*,?\s*(?:{words_regex(choices)}|to|-|–)\s*({number}))?"
            rf"(?=\s*(?:$|[.,;:!?)]|(?:{words_regex(follows)})(?![\w'’])))")


def _as_weighed(weighed: Weighed, value: Any, sentence: str, span: tuple[int, int],
                langs: list[tuple[str, WordList]]) -> bool:
    """Whether an amount of the main medicine is one a plan by weight gives this patient, as what it is (``Weighed``):
    a dose; a day's with "a day" after it, or as a limit; a rate with "per kg"; a ceiling as a limit."""
    after = sentence[span[1]:span[1] + 30]
    # (a day's total or a rate said, not ordered: "Give 10.4 mL a day in the morning and at bedtime" reads as 10.4 mL
    # each time, "Give 45 mg/kg in the morning" as a dose to work out; a second review)
    said = not _order_before(sentence, span[0], langs)
    return (value in weighed.doses
            or (value in weighed.days and ((said and _PER_DAY.match(after) is not None) or _limited(sentence, span[0], langs)))
            or (value in weighed.rates and said and _PER_KG.match(after) is not None)
            or (value in weighed.limits and _limited(sentence, span[0], langs)))


def _order_before(sentence: str, at: int, langs: list[tuple[str, WordList]]) -> bool:
    """Whether a dose's order ("give", "take", "tome", "donnez") stands before ``at`` in its clause (a bracket opens one:
    "Give 5.2 mL in the morning and at bedtime (10.4 mL a day)")."""
    first = max(clause(sentence, at)[0], sentence.rfind("(", 0, at) + 1)
    return any(w.dose_orders and words_pattern(w.dose_orders, True).search(sentence, first, at) is not None
               for _, w in langs)


def _limited(sentence: str, at: int, langs: list[tuple[str, WordList]]) -> bool:
    """Whether the amount at ``at`` is said as a limit: a negation before it in its clause ("Never give more than
    875 mg", "no more than 10.4 mL"), or "max", "maximum" right before it; not "Give up to 875 mg", an order."""
    first, _ = clause(sentence, at)
    before = sentence[first:at]
    for _, w in langs:
        if w.negations and words_pattern(w.negations, True).search(before):
            return True
        if w.count_limits and re.search(rf"(?:{words_pattern(w.count_limits, True).pattern})\s*:?\s*$", before, re.I):
            return True
    return False


def _ordered(sentence: str, at: int, langs: list[tuple[str, WordList]]) -> bool:
    """Whether a dose's verb is the word right before ``at`` ("Give 400 mg in 5 mL")."""
    last = LETTER_WORD.findall(sentence[:at])[-1:]
    return bool(last) and any(w.dose_words and words_pattern(w.dose_words, True).fullmatch(last[0]) for _, w in langs)


def _in_strength(sentence: str, span: tuple[int, int], langs: list[tuple[str, WordList]]) -> bool:
    """Whether the amount at ``span`` is a part of a liquid's strength written as one ("400 mg in 5 mL"): inside the
    strength's own words, not beside them ("Give 5 mL of the 400 mg/5 mL liquid" gives 5 mL; a code review), nor
    right after a dose's verb ("Give 400 mg in 5 mL" gives 5 mL)."""
    for m in _STRENGTH.finditer(sentence):
        if m.start() <= span[0] and span[1] <= m.end():
            return not _ordered(sentence, m.start(), langs)
    return False


def _where(sentence: str, written: str) -> tuple[int, int] | None:
    """Where an amount or count stands in its sentence, as a word of its own (not the "5 mg" of "15 mg")."""
    found = re.search(rf"(?<![\w.,/]){re.escape(written)}", sentence)  # (not the "2 tablet" of "1/2 tablet")
    return found.span() if found is not None else None


def _warned(sentence: str, span: tuple[int, int], names: re.Pattern[str]) -> bool:
    """Whether the amount or count at ``span`` is said against, in any note language's words ("Never take 20 mg of
    methotrexate in one week"), and not as a limit, which gives the plan's most ("Acetaminophen: no more than 8 tablets
    a day" beside a table of 6)."""
    at, end = span
    limit = any(w.limit_words and re.search(rf"(?:{words_regex(w.limit_words)})\s*$", sentence[:at], re.I)
                for w in _note_words())
    return not limit and any(against(w, sentence, at, end, exceptions=False, names=names) for w in _note_words())


def _after_place(sentence: str, at: int) -> bool:
    """Whether a count's numbers (at ``at``) follow a word they are a place of ("days 2-7", "semana 3"), in any note
    language."""
    before = sentence[max(0, at - 30):at].split()[-1:] if at > 0 else []
    word = before[0].lower() if before else ""
    return bool(word) and any(word in w.places or word.rstrip("s") in w.places for w in _note_words())


def counted_names(h: Handout) -> tuple[str, ...]:
    """The names a note may count the plan's tablets or capsules by: "Take 3 Tylenol at once", "2 Panadol 4 times a
    day" are 3 and 2 of the tablets the table counts (a review of notes: each printed beside acetaminophen's 1 or 2,
    no more than 6 a day); the main medicine's names as the page writes them and every note language's other names
    for it.  None for a liquid, measured, not counted."""
    mains = [m for t in h.facts.tracks for m in medications(t) if m.name is None]
    if not mains or any(m.product.form == "liquid" for m in mains):
        return ()
    own = {n.lower() for n, med in medicine_names(h).items() if med is None}
    return tuple(sorted(own | {alias for w in _note_words() for table in (w.name_aliases, w.brand_names)
                               for alias, full in table.items() if full.lower() in own | {h.id.lower()}}))


def _note_words() -> list[WordList]:
    """The word lists a note is read with (each loaded once a process: ``wordlists.load``)."""
    return [w for lang in NOTE_LANGUAGES if (w := load_wordlist(lang)) is not None]


def _counts_in_words(sentence: str, words: WordList | None, names: re.Pattern[str]) -> list[tuple[float, str]]:
    """The counts a sentence gives in words ("eight tablets", "(six tablets)"): each value, as written."""
    if words is None or not words.counted or not words.count_words:
        return []
    numbers = "|".join(re.escape(k) for k in sorted(words.count_words, key=len, reverse=True))
    counted = "|".join(re.escape(c) for c in words.counted)
    found = re.finditer(rf"(?<![\w'’])({numbers})\s+((?:[^\W\d_]+\s+){{0,2}}?)(?:{counted})s?(?![\w'’])", sentence, re.I)
    # (not another medicine's, named between: "two paracetamol tablets")
    return [(float(words.count_words[m.group(1).lower()]), m.group(0)) for m in found
            if m.group(1).lower() in words.count_words and (names.fullmatch(m.group(2).strip()) is not None
                                                            or all(_goes_on(x, words) for x in m.group(2).split()))]


def _medicines(h: Handout) -> dict[str, str | None]:
    """Each name a note may give the plan's medicines, lower case, and the medicine it names (``medicine_names``): as
    the page and its source write them, and the other names every note language's word list gives them ("MTX", "FA",
    "metotrexato", "Tylenol")."""
    out = {n.lower(): med for n, med in medicine_names(h).items()}
    for w in _note_words():
        for table in (w.name_aliases, w.brand_names, w.line_names):
            out.update({alias.lower(): out[full.lower()] for alias, full in table.items() if full.lower() in out})
    return out


def _whose(sentence: str, span: tuple[int, int], written: str, names: re.Pattern[str], words: WordList | None,
           lang: str) -> str | None:
    """The plan medicine an amount or count (as ``written`` in ``sentence``) is the dose of: named in it or beside it,
    with only a dose's own words between ("MTX 20 mg", "Methotrexate weekly dose: 20 mg", "Methotrexate 15 mg (7
    tablets)", "20 mg of methotrexate"); "" where no medicine is named and the sentence speaks of a dose ("Take 8
    tablets every Monday", "Increase to 20 mg from next week", "Dose: 20 mg"); None where it is another medicine's ("2
    paracetamol tablets", "Take 400 mg of ibuprofen", "vitamin D 1000 units") or another thing's (``written`` stands at
    ``span``; a warning against it is ``_warned``'s)."""
    if words is None:
        return None
    at, end = span
    if (inside := names.search(written)) is not None:
        return inside.group(0)
    if not all(_known(x, words) for x in LETTER_WORD.findall(written)):
        return None  # (a name between its number and what it counts: "2 paracetamol tablets")
    named = list(names.finditer(sentence, 0, at))
    between = LETTER_WORD.findall(sentence, named[-1].end(), at) if named else []
    joins = words_of((*words.and_words, "then", "luego", "puis"))
    if named and all(_known(x, words) for x in between) and not any(x.lower() in joins for x in between):
        return named[-1].group(0)  # (not past "and": "folic acid on days 2-7 and 6 tablets on day 1")
    after = _AFTER.match(sentence, end)
    if after is not None and (name := names.match(sentence, after.end())) is not None:
        return name.group(0)
    follows = LETTER_WORD.match(sentence, after.end()) if after is not None else None
    if follows is not None and not _known(follows.group(0), words):
        return None  # (a name after it: "Take 1 g paracetamol", "Take 400 mg of ibuprofen")
    last = _LAST.search(sentence, 0, at)
    if named or (last is not None and not _known(last.group(1), words)):
        return None  # (another medicine named between, or a name before it, as "vitamin D 1000 units" ends)
    read = weekly_patterns(lang) or weekly_patterns("en")
    if read is not None and another_named(read, sentence, names):
        return None  # ("Ibuprofen 400 mg")
    nouns = words_regex(words.dose_nouns) if words.dose_nouns else None
    if nouns is not None and any(not _known(m.group(1), words) for m in re.finditer(
            rf"([^\W\d_][\w'’-]*)\s+(?={nouns})", sentence[:at], re.I)):
        return None  # (another medicine's dose, by its name: "Your prednisolone dose is 6 tablets")
    # (no medicine named: the plan's dose where the sentence orders or changes a dose, names one, or, for a count,
    # says when: "Every Monday (8 tablets)"; not "You should have 24 tablets left")
    said = (*words.dose_orders, *words.dose_nouns, *_CHANGES)
    when = (*words.weekdays, *words.daily, *_EVERY_WORDS) if written[:1].isdigit() and not _AMOUNT_END.search(written) \
        else ()
    if re.search(words_regex((*said, *when)), sentence, re.I) is not None:
        return ""
    # ... or a limit right before it and nothing but a dose's words before that: "Never more than 1664 mg a day" beside
    # a table of 832 mg a day printed as the child's ceiling, "No more than 8 tablets in 24 hours" beside acetaminophen's
    # 6 (reviews); not "Paracetamol: no more than 1000 mg at a time"
    limits = (*words.limit_words, *words.count_limits)
    return "" if limits and re.search(
        rf"(?:{words_regex(limits)})\s*:?\s*$", sentence[:at], re.I) is not None and all(
        _known(x, words) for x in LETTER_WORD.findall(sentence, 0, at)) else None


def _known(word: str, words: WordList) -> bool:
    """A word a dose's sentence may hold beside its amount or count ("every", "now", "dose", "Monday", "increased"),
    not another medicine's name or another thing."""
    x = word.lower()
    return (_goes_on(x, words) or x in _CHANGES or x in UNIT_WORDS or x in words.count_words or x in _FORMS
            or x in _DOSE_TALK or x in words_of((*words.dose_orders, *words.dose_words, *words.limit_words, *words.count_limits,
                                                *words.modals,
                                                *words.clause_verbs, *words.leads, *words.negations)))


def _goes_on(word: str, words: WordList) -> bool:
    """A word that may follow the plan's dose ("every", "on", "tablets", "Monday"), not another medicine's name."""
    x = word.lower()
    counted = words.counted
    return (x in _GOES_ON or x in words_of((*words.repeat_preps, *words.repeat_fillers, *words.day_words,
                                             *words.weekdays, *words.and_words, *words.dose_nouns))
            # (which day and when, their articles apart: "Take 2 tonight", "prenez-en 2 le lendemain soir", "Tome 2
            # mañana"; "el" before a count is no medicine's dose: "Tome el 1 y 2 comprimidos")
            or (x in words_of((*words.relative_days, *words.day_times)) and x not in ARTICLES)
            or any(x == c.lower() or x == c.lower() + "s" for c in counted))
