"""How often the handout's words say to take a dose, against a once-a-week plan: a handout in,
warnings (H154) out.

The dose table and the calendar are made from the facts; the sentences around them are free
text.  Weekly methotrexate taken every day has killed patients (ISMP's list of high-alert
errors; the FDA label's boxed warning): a patient reads "Take your tablets every morning" above a
table that says Monday only, and follows the sentence.  H153 holds the text's amounts to the
plan; nothing held its frequency.

So where the plan gives a medicine once a week, each sentence of the handout's words (in a
language whose word list has the words: ``daily``, ``dose_words``, ``warning_words``) that says a
dose is taken every day ("every day", "daily", "each morning", "twice a day", "every 12 hours")
is warned of, unless it

* names another medicine of the plan, one not taken once a week ("folic acid every day"), and not
  the weekly one ("methotrexate and folic acid every morning" is warned of), or
* is a warning against it, or says the exception ("Never take it every day", "Taking it every
  day by mistake has killed people", "every day except Monday"): ``warning_words``'s words.

A sentence about a dose is one with a word of ``dose_words`` ("take", "dose"), a word the
patient counts out (``counted``: "tablet") or the weekly medicine's name; "Drink water every day"
is not one.  A warning, not an error: only the author can tell which medicine a sentence means
(an error with ``--strict``, as H153's are).  A note typed for one patient and printed on their
page is held to it as an error (``note_problems``, from ``personal.check``), as its ISMP rules are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dosing import medications, once_a_week
from .errors import Finding, Location
from .model import Handout, text_fields
from .plain import raw_sentences
from .reading import plain, sentences
from .wordlists import words_pattern, words_regex
from .wordlists import load as load_wordlist


def _names(h: Handout) -> tuple[list[str], list[str]]:
    """(names of the medicines taken once a week, names of the others), as this language writes them."""
    weekly: list[str] = []
    other: list[str] = []
    for track in h.facts.tracks:
        for med in medications(track):
            said = [h.text.short_name] if med.name is None else [med.name, h.text.drug_names.get(med.name, med.name)]
            (weekly if any(once_a_week(s) for s in med.steps) else other).extend(n for n in said if n)
    return weekly, [n for n in other if n not in weekly]


@dataclass(frozen=True)
class _Rule:
    """The patterns one handout's sentences are read with (from its word list and its plan's names)."""

    weekly: str  # the weekly medicine, as the message names it
    daily: re.Pattern[str]
    dose: re.Pattern[str]
    named: re.Pattern[str]
    exempt: re.Pattern[str] | None
    others: re.Pattern[str] | None

    def said(self, text: str) -> str | None:
        """The words saying "every day" in one plain sentence about a weekly dose; None if it is not one."""
        said = self.daily.search(text)
        if said is None or not self.dose.search(text) or (self.exempt is not None and self.exempt.search(text)):
            return None
        if self.others is not None and self.others.search(text) and not self.named.search(text):
            return None  # about the plan's other medicine ("folic acid every morning"), not with the weekly one
        return said.group(0)

    def message(self, said: str, where: str) -> str:
        return (f"'{said}' in {where}, where the plan gives {self.weekly} once a week (expected the plan's day, the "
                "other medicine named, or a warning against it: taken every day, a weekly dose is 7 times too much)")


def _rule(h: Handout) -> _Rule | None:
    """None where nothing is held to it: no weekly medicine, or no words to read the language with."""
    words = load_wordlist(h.lang)
    if words is None or not words.daily:
        return None  # no words to read this language's frequencies with: not judged
    weekly, other = _names(h)
    if not weekly:
        return None
    # The medicines' names are the handout's words: compiled as Python compiles them (re's own cache),
    # never kept on disk by recache as the word lists' patterns are (a review).
    return _Rule(weekly[0], words_pattern(words.daily),
                 re.compile(words_regex((*words.dose_words, *words.counted, *weekly)), re.I),
                 re.compile(words_regex(tuple(weekly)), re.I),
                 words_pattern(words.warning_words) if words.warning_words else None,
                 re.compile(words_regex(tuple(other)), re.I) if other else None)


def check_frequency(h: Handout) -> list[Finding]:
    """A warning for each sentence that says to take a dose every day, in a handout whose plan gives
    a medicine once a week (module docstring)."""
    rule = _rule(h)
    if rule is None:
        return []
    out: list[Finding] = []
    for path, raw, where in text_fields(h.text):
        if rule.daily.search(plain(raw)) is None:
            continue
        for sentence in raw_sentences(raw):
            said = rule.said(plain(sentence))
            if said is not None:
                out.append(Finding(where, path, rule.message(said, "a sentence about a dose"), severity="warning",
                                   code="H154"))
    return out


def note_problems(note: str, h: Handout, where: Location, path: str) -> list[Finding]:
    """The rule for a note typed for one patient and printed on their page, as errors: the clinician is
    there to say it again ("Take your tablets every morning" under a Monday-only plan).  Its words
    are read, never remembered (``memory``: a patient's details are no key or value there)."""
    rule = _rule(h)
    if rule is None:
        return []
    return [Finding(where, path, rule.message(said, "the note"), code="H154")
            for sentence in sentences(" ".join(note.split())) if (said := rule.said(sentence)) is not None]
