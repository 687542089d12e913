"""One dose: whether an amount or a count in a sentence is said of one dose, for H153 (``textamounts``).

In: a language's word list (``one_dose``, ``dose_before``, ``dose_after``, ``dose_words``, ``daily``,
``action_verbs``) and how the language writes a number; then one plain sentence and the match of an
amount or a count in it.  Out: where the words are that say it is one dose (``OneDose.at``), or None;
whether to warn that a day's most is so said (``OneDose.tell``: never where the sentence warns against
it or says what happened, ``warning.against``).

Why: the plan's most in a day, taken at one time, is an overdose.  Acetaminophen's label gives 2
tablets (1,000 mg) a dose and 6 tablets (3,000 mg) in 24 hours; "Take 6 tablets at once" is 3,000 mg
at one time.  The words are read after the amount ("6 tablets at once") and before it ("A dose is 6
tablets", "Per dose: 6 tablets").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from . import recache
from .warning import against
from .wordlists import WordList, _alternation, stems, words_pattern


@cache
def _one_dose_pattern(words: tuple[str, ...], verbs: tuple[str, ...] = ()) -> re.Pattern[str]:
    """Words saying one dose ("at once", "at a time") right after an amount or a count: up to six words
    between ("6 tablets with a full glass of water at once"), or a comma, but no number and no verb
    starting another clause ("If you took 6 tablets call a doctor at once": a review)."""
    alts = _alternation(words)  # (a "#" stands for a number: "every # hours" after a day's most is one dose)
    stop = stems(verbs)
    word = rf"(?!(?:{stop})(?![\w-]))[^\W\d_][\w'’-]*" if stop else r"[^\W\d_][\w'’-]*"
    return recache.pattern(rf"[\s\u00a0)\],]*(?:{word},?\s+){{0,6}}?(?:{alts})(?![\w-])", re.I)


@cache
def _bare_dose_pattern(words: tuple[str, ...], number: str) -> re.Pattern[str]:
    """A number (``number``, its digits the pattern's group 1) with nothing counted after it, then words of
    one dose right after it ("Take 6 at once", "6 at a time"): what is counted out goes without saying (a
    review: only "6 tablets at once" was read)."""
    return recache.pattern(rf"{number}[\s\u00a0]+(?:{_alternation(words)})(?![\w-])", re.I)


@cache
def _before_dose_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One-dose words ending right before an amount or a count ("a dose is", "a single dose of")."""
    plain = tuple(w for w in words if not w.rstrip().endswith((":", "=")))
    return recache.pattern(rf"(?<![\w-])(?:{_alternation(plain) or '(?!)'})[\s\u00a0]*\Z", re.I)


@cache
def _label_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A dose's label right before an amount or a count ("Per dose: 6 tablets", "One dose = 6 tablets",
    "per dose= 6"): the word list's one-dose words that end in ":" or "="."""
    labels = tuple(dict.fromkeys(w.rstrip(" :=") for w in words if w.rstrip().endswith((":", "="))))
    return recache.pattern(rf"(?<![\w-])(?:{_alternation(labels) or '(?!)'})[\s\u00a0]*[:=][\s\u00a0]*\Z", re.I)


_DIGIT = re.compile(r"\d")


class OneDose:
    """The one-dose reading of one language (see the module docstring)."""

    def __init__(self, words: WordList, number: str) -> None:
        """``number``: a number as the language writes it, a regular expression with its digits in group 1."""
        self.words = words
        self.after_it = _one_dose_pattern(words.one_dose, words.action_verbs)
        self.bare_count = _bare_dose_pattern(words.one_dose, number)
        self.doses = words_pattern(words.dose_words, True) if words.dose_words else None
        # ... or one-dose words right before it ("A dose is 6 tablets", "una sola dosis de 3000 mg")
        self.before = _before_dose_pattern(words.dose_before) if words.dose_before else None
        self.label = _label_pattern(words.dose_before) if words.dose_before else None
        # (a label names a dose where nothing before it in the sentence gives an order or a number: not
        # "Write down each dose: 6 tablets is the most", nor "2 tablets per dose: 6 tablets in 24 hours")
        self.orders = words_pattern(words.action_verbs, True) if words.action_verbs else None

    def at(self, text: str, m: re.Match[str]) -> int | None:
        """Where the words are that say the amount or count ``m`` is one dose (after it or before it);
        None if none do."""
        said = self.after_it.match(text, m.end())
        if said:
            return said.end()
        near = max(0, m.start() - 60)
        found = self.before.search(text, near, m.start()) if self.before is not None else None
        if found is None and self.label is not None:
            found = self.label.search(text, near, m.start())
            if found is not None and (_DIGIT.search(text, 0, found.start()) or (
                    self.orders is not None and self.orders.search(text, 0, found.start()))):
                found = None  # not a label: "2 tablets per dose: 6 tablets in 24 hours"
        return None if found is None else found.start()

    def tell(self, text: str, m: re.Match[str]) -> bool:
        """Whether to warn that ``m``, a day's most, is given as one dose: said so (``at``), and not said
        against ("Never take 6 at once")."""
        return self.at(text, m) is not None and not against(self.words, text, m.start(), m.end())

    def bare(self, text: str) -> Iterator[re.Match[str]]:
        """Each number with nothing counted after it that one-dose words follow, after its dose verb
        ("Take 6 at once", "take up to 6 at once", "(Take 6", "Prenez-en 6"; not "at 6 together", a clock
        time): two words at most between; not said against.  Its digits are the match's group 1."""
        if self.doses is None:
            return
        for m in self.bare_count.finditer(text):
            lead = [re.split(r"[-'’]", w.strip("()[]\"“”«»¡¿:;,.!?"))[0]
                    for w in text[max(0, m.start() - 60):m.start()].split()[-3:]]
            if any(self.doses.fullmatch(w) for w in lead) and not against(self.words, text, m.start(), m.end()):
                yield m
