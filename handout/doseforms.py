"""How a sentence gives a dose with no order verb, for H154 (``weeklywords.Weekly.ordered``): a sentence, where its days
are, and the weekly medicine's names in; whether the dose before them is the weekly one out.

Charts and plans write the dose without "take": the medicine's name and its amount ("MTX 15 mg D1+D2"), what the dose
is ("Your methotrexate dose is 6 tablets on D1+D2"), or a passive order ("Weekly dose 15 mg methotrexate, to be taken on
D1, D2, D3"); each printed under the Monday-only plan (reviews).  Another medicine named by its amount or count
("Ibuprofen 400 mg", "2 paracetamol tablets") is not the weekly dose (``another_named``), nor is another thing a
repeat word takes ("repeat blood test 24h later", ``of_dose``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .clauses import clause
from .daynames import named_days
from .designations import NOT_HOW_OFTEN
from .wordpatterns import ARTICLES, words_of, words_pattern

if TYPE_CHECKING:
    from .weeklyrule import Rule
    from .weeklywords import Weekly

# An amount with its unit is a dose in any language ("15 mg daily": the prescribing error that kills).
AMOUNT = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ml|g)(?!\w)", re.I)
COPULAS = frozenset({"is", "are", "es", "son", "est", "sont"})  # (what the dose is: "Your dose is 6 tablets on …")
PARTICIPLES = frozenset({"taken", "given", "swallowed"})  # (after "be": a passive order, "to be taken on …")
_ROUTES = frozenset({"po", "p", "o", "oral", "orally", "mouth", "vo", "oralmente", "boca", "voie", "orale"})  # ("15 mg PO")
# (the words of a subject that is the weekly dose, but its name, count and amount: "Your weekly dose", "6 tablets of")
_OWN = ARTICLES | {"your", "my", "his", "her", "their", "this", "su", "sus", "tu", "votre", "vos", "ta", "ton", "weekly", "usual",
                   "total", "new", "semanal", "habitual", "nueva", "hebdomadaire", "habituelle", "nouvelle", "of", "de",
                   "des", "mg", "mcg", "ml", "g", "x", "to", "d", "à",
                   # (a copula names no medicine: "Your dose is 30 mg" printed beside a table of 15 mg, a review)
                   "is", "are", "was", "will", "be", "now", "es", "son", "será", "est", "sont", "sera"}
# How a tablet looks, never a medicine's name ("Take 8 small tablets every Monday": not "2 paracetamol tablets")
LOOKS = frozenset({"small", "little", "tiny", "large", "big", "white", "yellow", "orange", "pink", "blue", "round", "oval",
                   "scored", "pequeño", "pequeños", "pequeña", "pequeñas", "blanco", "blancos", "blanca", "blancas",
                   "amarillo", "amarillos", "amarilla", "amarillas", "redondo", "redondos", "petit", "petits", "petite",
                   "petites", "blanc", "blancs", "blanche", "blanches", "jaune", "jaunes", "rond", "ronds"})
_WORD = re.compile(r"[\w'’-]+")
_NOT_HOW_OFTEN = re.compile(NOT_HOW_OFTEN, re.I)
_EVERY = frozenset({"every", "each", "cada", "chaque", "tous", "todos", "todas", "toutes"})
_LAST_WORD = re.compile(r"([\w'’-]+)\s*$")
_NAME_BEFORE = re.compile(r"([\w'’-]+)[\s:(]*$")  # (a name and its amount: "Prednisolone 5 mg", "Prednisolone: 20 mg")


def dose_is(read: Weekly, text: str, part: int, verb: re.Match[str], at: int, names: re.Pattern[str] | None) -> bool:
    """Whether a copula or a passive ("is", "to be taken") at ``verb`` says what the dose is, a plan's way: its
    subject, in its part of the sentence, the dose (a dose noun, a count, an amount or the medicine's name: "Your
    methotrexate dose is 6 tablets on D1+D2", "Weekly dose 15 mg methotrexate, to be taken on D1, D2"), no negation
    before the days, and each clause after it going on with it; not "Nausea is worse on days 1 and 2", "Your
    blood test is on days 1 and 2", "The tablets should not be taken on days 1 and 2"."""
    w = read.words
    subject = part if verb.group(0).lower() not in COPULAS else max(part, clause(text, verb.start())[0])
    ands = words_pattern(w.and_words, True).finditer(text, subject, verb.start()) if w.and_words else ()
    subject = max([subject, *(m.end() for m in ands)])  # (its own subject: "… and folic acid is 1 tablet on …")
    said = (*w.dose_nouns, *w.count_words)
    own = (names.sub(" ", text[subject:verb.start()]) if names is not None else text[subject:verb.start()])
    if not all(x.lower() in _OWN or x[:1].isdigit() or x.lower() in w.leads or x.lower() in words_of(said)
               or x.lower() in words_of((*w.clause_verbs, *w.modals))
               or (read.counted is not None and read.counted.fullmatch(x)) for x in _WORD.findall(own)):
        return False  # (another thing's: "Your folic acid dose is 1 tablet on D2 to D7", "Prednisolone is to be taken …")
    if not (re.search(r"\d", text[subject:verb.start()]) or (said and words_pattern(said, True).search(
            text, subject, verb.start())) or (read.counted is not None and read.counted.search(text, subject, verb.start()))
            or (names is not None and names.search(text, subject, verb.start()))):
        return False
    if w.negations and words_pattern(w.negations, True).search(text, subject, at) is not None:
        return False
    if verb.group(0).lower() in COPULAS and not (
            AMOUNT.search(text, verb.end(), at) or (read.counted is not None and read.counted.search(text, verb.end(), at))):
        return False  # (what the dose is: a count or an amount, "is 6 tablets"; not "Your dose day is on day 1")
    return read.goes_on(text, verb.end(), at)


def another_named(read: Weekly, text: str, names: re.Pattern[str] | None) -> bool:
    """Whether a dose in ``text`` is another medicine's, named by a word none of the weekly dose's own: right before
    its amount ("Ibuprofen 400 mg", "Take prednisolone 5 mg"), between its count and what is counted ("2
    paracetamol tablets") or after them ("6 tablets of paracetamol"); for the readings a review found refusing
    other medicines' doses ("Take prednisolone 5 mg. Day 1 and day 2.", "Paracetamol 1 g, repeat dose 24h later")."""
    own = names.sub(" ", text) if names is not None else text

    def known(word: str) -> bool:
        return _known(read, word)
    for a in AMOUNT.finditer(own):
        name = _LAST_WORD.search(own, max(0, a.start() - 30), a.start())
        if name is not None and not known(name.group(1)):
            return True  # ("Ibuprofen 400 mg")
    if read.counted is None:
        return False
    for c in read.counted.finditer(own):
        before = _WORD.findall(own, max(0, c.start() - 30), c.start())
        if len(before) > 1 and before[-2][:1].isdigit() and not known(before[-1]):
            return True  # ("2 paracetamol tablets")
        after = re.match(r"\s+(?:of|de|d'|du)\s+([\w'’-]+)", own[c.end():], re.I)
        if after is not None and not known(after.group(1)):
            return True  # ("6 tablets of paracetamol")
    return False


def _known(read: Weekly, word: str) -> bool:
    """A word of the weekly dose's own, or of a dose's ("take", "dose", "tablets", "your"): no other medicine's name."""
    w = read.words
    x = word.lower()
    return (x in _OWN or x in LOOKS or x[:1].isdigit() or x in w.leads or x in _ROUTES or read.doses(x)
            or x in words_of((*w.dose_nouns, *w.count_words, *w.repeat_fillers, *w.more_words, *w.more_counts,
                              *w.limit_words, *w.count_limits))  # ("more than 20.8 mL", "max 832 mg": no drug's name)
            or (read.counted is not None and read.counted.fullmatch(word) is not None))


def others_dose_only(read: Weekly, text: str, names: re.Pattern[str], aliases: re.Pattern[str] | None,
                     like: tuple[str, ...] = ()) -> bool:
    """Whether each dose a sentence gives is another medicine's, named right before its amount, and nothing else in it
    is counted out or names the weekly dose ("Prednisolone 5 mg each morning for 4 weeks", "Naproxen 500 mg twice a
    day, plus omeprazole 20 mg once daily"; not "Take 6 tablets daily with paracetamol 1 g", "Take 15 mg daily", "MTX
    15 mg daily", "Your weekly medicine and ibuprofen 400 mg every day").  Whether an amount is the plan's own is the
    caller's: an unknown brand of the weekly medicine gives its amount ("Zexate 15 mg daily").  Not a dose with a day of
    the week ("Booster 5 mg Thursday", "additional 10 mg Thursday": the weekly dose on a second day, a review), a word
    of more or of a form before the amount ("Further 10 mg daily", "Injection 10 mg daily"), nor a name spelled like
    one the weekly medicine goes by (``like``: "Methotrexat 10 mg daily")."""
    if names.search(text) or (aliases is not None and aliases.search(text)) or named_days(read.words, text, alone=True):
        return False
    found = list(AMOUNT.finditer(text))
    if not found:
        return False
    for a in found:
        name = _NAME_BEFORE.search(text, max(0, a.start() - 30), a.start())
        if name is None or _known(read, name.group(1)) or name.group(1).lower() in _MORE_OR_FORM or _spelled_like(
                name.group(1), like):
            return False
    w = read.words
    strengths = {m.end() for m in found}  # (what is counted right after an amount is its strength's: "5 mg tablets")
    if read.counted is not None and any(not any(e <= c.start() and not text[e:c.start()].strip() for e in strengths)
                                        for c in read.counted.finditer(text)):
        return False
    return not (w.dose_names and words_pattern(w.dose_names, True).search(text))


# More of a dose, never another medicine's name nor another thing: read as the dose's by H154's readings of an amount's
# name (``_MORE_OR_FORM``) and of what a note's part opens with (``frequency._MORE``)
MORE_OF_DOSE = frozenset({"additional", "further", "extra", "remaining", "booster", "top-up", "topup", "injection",
                          "second", "another", "otra", "inyección", "autre"})
# Words before an amount that say more of a dose or its form, never another medicine's name (a review: "additional 10
# mg", "Further 10 mg daily", "Injection 10 mg")
_MORE_OR_FORM = MORE_OF_DOSE | frozenset({"supplementary", "reduced", "subsequent", "injectable", "subcutaneous", "oral",
                                          "tablet", "tablets", "total", "new", "higher", "lower", "increased",
                                          "decreased", "adicional", "adicionales", "otros", "otras", "supplémentaire",
                                          "nouvelle"})


def _spelled_like(word: str, names: tuple[str, ...]) -> bool:
    """Whether a word is one of ``names`` misspelled: the same first four letters, and most of the rest."""
    from difflib import SequenceMatcher

    x = word.lower()
    return any(x[:4] == n.lower()[:4] and SequenceMatcher(None, x, n.lower()).ratio() >= 0.75 for n in names)


def named_amount(read: Weekly, text: str, part: int, at: int, names: re.Pattern[str]) -> bool:
    """Whether the last amount before ``at`` in its part is the weekly medicine's, named right before it, and only
    what goes with a dose stands after it, a chart's way ("MTX 15 mg D1+D2", "Methotrexate 15 mg on days 1-3",
    "MTX 15mg x3 days": each printed under the Monday-only plan, where "MTX 6 tabs D1+D2" was refused; a review).
    Not another medicine's amount ("Ibuprofen 400 mg for 3 days"; "MTX 15 mg D1, FA 5 mg D2-D7", whose amount
    nearest the days is the other's) nor one followed by another thing ("MTX 15 mg, nausea for 2 days")."""
    amounts = list(AMOUNT.finditer(text, part, at))
    if not amounts:
        return False
    amount = amounts[-1]
    named = list(names.finditer(text, part, amount.start()))
    if not named or _WORD.search(text, named[-1].end(), amount.start()) is not None:
        return False
    w = read.words
    goes = {x.lower() for x in (*w.repeat_preps, *w.repeat_fillers)} | w.leads | _ROUTES
    return all(x.lower() in goes or read.listed(x) or re.fullmatch(r"x\d+", x, re.I) is not None  # ("2,5 mg x6")
               for x in _WORD.findall(text, amount.end(), at))


def of_dose(rule: Rule, word: str) -> bool:
    """A word that may go on with the dose after a repeat word ("repeat dose", "repeat in 24 hours", "repeat
    it", "repeat with water"), not a thing of its own ("repeat blood test")."""
    w = rule.words
    x = word.lower()
    return (x in {y.lower() for y in (*w.repeat_fillers, *w.repeat_preps, *w.more_words, *w.dose_nouns,
                                        *w.count_words, *w.it_doses, *w.day_words, *w.daily_again, *w.weekdays,
                                        *w.weekday_short)} or x in w.leads
            or x in _EVERY or any(x in p.lower().split() for p in w.daily_again)
            or (rule.lang_words is not None and rule.lang_words.counted is not None
                and rule.lang_words.counted.fullmatch(word) is not None)
            or rule.named.fullmatch(word) is not None or (rule.aliases is not None and rule.aliases.fullmatch(word) is not None)
            or (rule.lang_words is not None and rule.lang_words.doses(x)))


def other_daily(rule: Rule, text: str, m: re.Match[str]) -> bool:
    """Whether "daily" (at ``m``) says what else the patient keeps every day ("apart from your daily tablets"), not
    the weekly medicine taken daily: no dose verb before it in its clause ("Take your daily tablets …"), and the
    weekly medicine not named beside it ("your MTX daily tablets", "your daily tablets of methotrexate")."""
    said = _NOT_HOW_OFTEN.match(text, m.start())
    if said is None:
        return False
    read = rule.lang_words
    first, _ = clause(text, m.start())
    if read is not None and read.dose_verbs.search(text, first, m.start()) is not None:
        return False
    names = [rule.named, *([rule.aliases] if rule.aliases is not None else [])]
    before = re.search(r"([\w'’.-]+)\s+$", text[max(0, m.start() - 30):m.start()])
    after = re.match(r"\s+(?:of|de)\s+(?:(?:your|the)\s+)?", text[said.end():])
    return not any((before is not None and n.fullmatch(before.group(1)) is not None)
                   or (after is not None and n.match(text, said.end() + after.end()) is not None) for n in names)
