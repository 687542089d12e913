"""Amounts with a dose unit written in words ("forty-five mg", "cuatro coma cinco miligramos", "quarante-cinq
mg"): a text and a word list in, the amounts said so out.

Every amount rule reads digits: "Take 45 mg each night" beside LDN's table of 4.5 mg is refused, but "Take
forty-five mg each night", typed as a note, was printed beside it (a clinician's review): a dose ten times the
plan's, read by no rule.  Doses are written in numerals (the dosing standards, ISMP): a number in words is
misread, and only digits can be held to the plan.  So an amount in words before a unit is asked for in digits: a
warning in the handout's own words (with H153's counts in words, "two tablets"), an error in a note typed for one
patient (H156).  Not worked out to its value: "four point five mg" is the plan's dose, and is still asked for as
"4.5 mg", the way the table beside it prints it.

A number in words is a run of the word list's ``number_words`` and ``number_parts`` ("forty", "hundred", "half"),
joined by spaces, hyphens or ``number_joiners`` ("and a", "point", "y", "virgule"); the unit is one the plan
doses in (a mass always; a volume beside a liquid, units where it doses in units, as H153 reads digits).  The
languages with word lists (en, es, fr) are read; a note in any of them on any page.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import recache
from .wordlists import WordList
from .wordpatterns import words_regex


def amounts_in_words(text: str, words: WordList, units: tuple[str, ...]) -> list[str]:
    """Each amount in ``text`` written in words before one of ``units``, as written ("forty-five mg")."""
    pattern = _pattern(words.number_words, words.number_parts, words.number_joiners, units)
    return [] if pattern is None else [m.group(0) for m in pattern.finditer(text)]


@lru_cache(maxsize=16)
def _pattern(numbers: tuple[str, ...], parts: tuple[str, ...], joiners: tuple[str, ...],
             units: tuple[str, ...]) -> re.Pattern[str] | None:
    """A number in words (its words, hyphens or spaces and joiners between them) right before a unit word."""
    if not (numbers or parts) or not units:
        return None
    # (whole words: "one" is not the end of "someone"; plurals too, "quarters"; never the article alone)
    word = words_regex(tuple(dict.fromkeys((*numbers, *parts))), joined=True)  # ("forty-five")
    between = rf"[\s-]+(?:(?:{words_regex(joiners, joined=True)})[\s-]+)?" if joiners else r"[\s-]+"
    unit = "|".join(re.escape(u) for u in sorted(set(units), key=recache.longest_first))
    return recache.pattern(rf"{word}(?:{between}{word})*[\s\u00a0-]*(?:{unit})(?![^\W\d_])", re.I)
