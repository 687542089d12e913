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
still say the other one.  A plan that doses by weight is not held to it here: its dose is worked out for the patient.
"""

from __future__ import annotations

import re

from .doseforms import another_named
from .errors import Finding, Location
from .warning import against
from .frequency import NOTE_LANGUAGES
from .model import Handout
from .planamounts import plan_amounts, plan_counts, plan_names
from .reading import plain, sentences
from .textamounts import amounts_in, counts_in
from .weeklypatterns import patterns as weekly_patterns
from .wordlists import WordList
from .wordlists import load as load_wordlist
from .wordpatterns import words_of, words_regex

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# What may stand beside a dose's amount or count in its sentence, where the word names no other medicine: "20 mg every
# Monday", "20 mg once a week", "6 x 5 mg tablets", "15 mg (eight tablets)" (besides the word list's prepositions,
# fillers, days and counted words)
_GOES_ON = frozenset({"x", "mg", "mcg", "g", "ml", "every", "each", "once", "twice", "weekly", "po", "orally", "tablet",
                      "tablets", "cada", "una", "semanal", "chaque", "une", "fois", "hebdomadaire", "your", "his", "her",
                      "their", "su", "sus", "votre", "vos", "now", "then", "instead", "only", "just", "ahora", "solo",
                      "seulement"})


def note_amounts(note: str, h: Handout, where: Location, path: str) -> list[Finding]:
    """The errors for the amounts and counts of the plan's medicines in ``note`` that the plan does not give (module
    docstring), each said once."""
    if not h.facts.tracks or h.facts.weight_based:
        return []  # (a dose by weight is worked out for the patient: the facts alone do not give it)
    amounts, counts = plan_amounts(h), plan_counts(h)
    names = _names_pattern(h, load_wordlist(h.lang))
    # (a note is typed in whatever language the clinician writes, as H154 reads it: "Take 8 tablets" on a Spanish page)
    langs = [(lang, w) for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)) if (w := load_wordlist(lang)) is not None]
    out: list[Finding] = []
    said: set[str] = set()
    for sentence in sentences(plain(note)):
        found = [(written, name) for lang, words in langs
                 for (kind, value), written in amounts_in(sentence, h.lang).items()
                 if (kind, value) not in amounts and (name := _whose(sentence, written, names, words, lang)) is not None]
        found += [(written, name) for lang, words in langs
                  for value, written in [*(counts_in(sentence, lang) or {}).items(), *_counts_in_words(sentence, words)]
                  if value not in counts and (name := _whose(sentence, written, names, words, lang)) is not None]
        for written, name in found:
            if written in said:
                continue
            said.add(written)
            of = f" for {name}" if name else ""
            out.append(Finding(where, path, f"'{written}' in the note is not a dose the plan gives{of} (expected the dose "
                               "in the table beside it, or another medicine named with its amount: a patient reads both; "
                               "a different dose for this patient is a track of the handout that gives it, --track)",
                               code="H156"))
    return out


def _note_words() -> list[WordList]:
    """The word lists a note is read with (each loaded once a process: ``wordlists.load``)."""
    return [w for lang in NOTE_LANGUAGES if (w := load_wordlist(lang)) is not None]


def _counts_in_words(sentence: str, words: WordList | None) -> list[tuple[float, str]]:
    """The counts a sentence gives in words ("eight tablets", "(six tablets)"): each value, as written."""
    if words is None or not words.counted or not words.count_words:
        return []
    numbers = "|".join(re.escape(k) for k in sorted(words.count_words, key=len, reverse=True))
    counted = "|".join(re.escape(c) for c in words.counted)
    found = re.finditer(rf"(?<![\w'’])({numbers})\s+((?:[^\W\d_]+\s+){{0,2}}?)(?:{counted})s?(?![\w'’])", sentence, re.I)
    # (not another medicine's, named between: "two paracetamol tablets")
    return [(float(words.count_words[m.group(1).lower()]), m.group(0)) for m in found
            if m.group(1).lower() in words.count_words and all(_goes_on(x, words) for x in m.group(2).split())]


def _names_pattern(h: Handout, words: WordList | None) -> re.Pattern[str]:
    """The plan's medicines, as the page and its source write them, and the word lists' other names for them ("MTX",
    "FA", "metotrexato")."""
    names = plan_names(h)
    low = {n.lower() for n in names}
    for w in (x for x in (words, *map(load_wordlist, NOTE_LANGUAGES)) if x is not None):
        names += [a for table in (w.name_aliases, w.brand_names, w.line_names) for a, full in table.items()
                  if full.lower() in low]  # (in every language a note is read in: "metotrexato" on an English page)
    return re.compile(words_regex(tuple(dict.fromkeys(names))), re.I)


def _whose(sentence: str, written: str, names: re.Pattern[str], words: WordList | None, lang: str) -> str | None:
    """The plan medicine an amount or count (as ``written`` in ``sentence``) is the dose of: its name beside it ("MTX
    20 mg", "20 mg of methotrexate", "8 methotrexate tablets"), or "" where the sentence orders a dose and names no
    other medicine ("Take 8 tablets every Monday"); None where it is another medicine's or another thing's."""
    found = re.search(rf"(?<![\w.,]){re.escape(written)}", sentence)  # (not the "5 mg" of "15 mg")
    if found is None:
        return None
    at, end = found.span()
    if any(against(w, sentence, at, end, exceptions=False, names=names) for w in _note_words()):
        # (a warning against it, in any note language's words: "Never take 20 mg of methotrexate in one week")
        return None
    inside = names.search(written)
    # (the name right before, or with its count between: "MTX 6 tabs of 10 mg", "methotrexate 6 x 5 mg tablets")
    counted = "|".join(re.escape(c) for c in words.counted) if words is not None and words.counted else "(?!)"
    before = re.search(rf"({names.pattern})[\s:=,(-]*(?:\d+\s*(?:(?:{counted})s?\s*)?(?:of|de|x|×)?\s*)?$",
                       sentence[max(0, at - 40):at], re.I)
    after = re.match(rf"\)?\s*(?:(?:of|de|del|d'|du)\s+)?(?:(?:your|the|su|el|la|votre|le|la)\s+)?({names.pattern})",
                     sentence[end:], re.I)
    if inside is not None:
        return inside.group(0)
    for m in (before, after):
        if m is not None:
            return m.group(1)
    if words is None or not words.dose_orders or re.search(words_regex(words.dose_orders), sentence, re.I) is None:
        return None
    read = weekly_patterns(lang) or weekly_patterns("en")
    if read is not None and another_named(read, sentence, names):
        return None  # ("Take 2 paracetamol tablets", "Ibuprofen 400 mg")
    nxt = _WORD.search(sentence, end)
    if nxt is not None and re.fullmatch(r"[\s()]*(?:(?:of|de|d'|du)\s+)?", sentence[end:nxt.start()], re.I) \
            and not _goes_on(nxt.group(0), words):
        return None  # (a name after the amount: "Take 1 g paracetamol")
    last = re.search(r"([^\W\d_][\w'’-]*)[\s(:]*$", sentence[max(0, at - 30):at])
    if last is not None and not (_goes_on(last.group(1), words) or last.group(1).lower() in words_of(words.dose_orders)):
        return None  # (a name before it, as "vitamin D 1000 units" ends: another medicine's)
    return ""


def _goes_on(word: str, words: WordList) -> bool:
    """A word that may follow the plan's dose ("every", "on", "tablets", "Monday"), not another medicine's name."""
    x = word.lower()
    counted = words.counted
    return (x in _GOES_ON or x in words_of((*words.repeat_preps, *words.repeat_fillers, *words.day_words,
                                             *words.weekdays, *words.and_words, *words.dose_nouns))
            or any(x == c.lower() or x == c.lower() + "s" for c in counted))
