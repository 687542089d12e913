"""How often the handout's words say to take a dose, against a once-a-week plan: a handout in,
warnings (H154) out.

The dose table and the calendar are made from the facts; the sentences around them are free
text.  Weekly methotrexate taken every day has killed patients (ISMP's list of high-alert
errors; the FDA label's boxed warning): a patient reads "Take your tablets every morning" above a
table that says Monday only, and follows the sentence.  H153 holds the text's amounts to the
plan; nothing held its frequency.

So where the plan gives a medicine once a week, each sentence of the handout's words (in a
language whose word list has ``daily``) that says a dose is taken every day ("every day",
"daily", "once-daily", "each morning", "a tablet a day", "every 12 hours") is warned of, unless it

* names another medicine of the plan, one not taken once a week ("folic acid every day"), and not
  the weekly one ("methotrexate and folic acid every morning" is warned of), or
* is a warning against it or its exception (``against``): a negation before it in its clause
  ("Never take it every day", "once a week, not daily"; "Do not forget to take it every morning"
  is an order), an exception right after it ("every day except Monday"), or, in a clause that is
  no instruction, a word of harm ("Taking it every day by mistake has killed people").  A
  negation elsewhere in the sentence is none ("Take 1 tablet every morning, not at night").

A sentence about a dose is one with a word of ``dose_words`` ("take", "Prenez-le"), a word the
patient counts out (``counted``: "tablet"), an amount with its unit ("15 mg daily") or the weekly
medicine's name; "Drink water every day" is not one.  A warning, not an error: only the author can
tell which medicine a sentence means (an error with ``--strict``, as H153's are).  A note typed for
one patient and printed on their page is held to it as an error (``note_problems``, from
``personal.check``), as its ISMP rules are.  A language without the words is not judged, and a
check says so (a note).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dosing import medications, once_a_week
from .errors import Finding, Location
from .model import Handout, text_fields
from .plain import imperative, raw_sentences
from .reading import plain, sentences
from .wordlists import WordList, words_pattern, words_regex
from .wordlists import load as load_wordlist

# An amount with its unit is a dose in any language ("15 mg daily": the prescribing error that kills).
_AMOUNT = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ml|g)(?!\w)", re.I)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
# Clause breaks within a sentence: a negation or an exception belongs to its own clause.  (Not
# brackets: "Never take 6 tablets (3,000 mg) at once" says "never" of the amount in them too.)
_CLAUSE = re.compile(r"[;:,—–]|\s-\s")


def _clause(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the clause of ``text`` that holds position ``at``."""
    start, end = 0, len(text)
    for m in _CLAUSE.finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return start, end


def against(words: WordList, text: str, start: int, end: int) -> bool:
    """Whether what ``text[start:end]`` says ("every day", "6 tablets at once") is a warning against
    it or its exception, not an instruction (the module docstring's three ways).  ``text`` is one
    plain sentence."""
    text = text.translate(_APOSTROPHES)
    first, last = _clause(text, start)
    if words.negations:
        negation, undo = words_pattern(words.negations, True), words_pattern(words.undo_negation, True)
        for m in negation.finditer(text, first, start):
            if not undo.search(text[max(0, m.start() - 20):m.end() + 25]):  # "do not forget", a word or two on
                return True
    if words.exceptions:
        _, after = _clause(text, min(last + 1, len(text)))
        if words_pattern(words.exceptions, True).search(text, end, max(last, after)):
            return True
    return bool(words.harm_words) and not imperative(words, text[first:last]) and bool(
        words_pattern(words.harm_words, True).search(text))


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

    words: WordList
    weekly: str  # the weekly medicine, as the message names it
    daily: re.Pattern[str]
    dose: re.Pattern[str]
    named: re.Pattern[str]
    others: re.Pattern[str] | None

    def said(self, text: str) -> str | None:
        """The words saying "every day" in one plain sentence about a weekly dose; None if it is not one."""
        text = text.translate(_APOSTROPHES)
        if not (self.dose.search(text) or _AMOUNT.search(text) or self.named.search(text)):
            return None
        for m in self.daily.finditer(text):
            if against(self.words, text, m.start(), m.end()):
                continue
            if self.others is not None and not self.named.search(text) and self._of_other(text):
                return None  # about the plan's other medicine ("folic acid every morning"), not with the weekly one
            return m.group(0)
        return None

    def _of_other(self, text: str) -> bool:
        """Whether the sentence's dose is the plan's other medicine: named, and not beside the weekly one
        by a pronoun or an accompaniment ("Take it with your folic acid every morning", "Tómelo con el
        ácido fólico"), nor with what is counted out away from its name ("Take your tablets and folic
        acid": the tablets are the weekly ones; "1 folic acid tablet", "1 tablet of folic acid" are not)."""
        assert self.others is not None
        names = [(n.start(), n.end()) for n in self.others.finditer(text)]
        if not names:
            return False
        w = self.words
        if w.it_doses and words_pattern(w.it_doses, True).search(text):
            return False
        if w.with_words and any(_near(text, words_pattern(w.with_words, True), a) for a, _ in names):
            return False
        links = {x.lower() for x in (*w.and_words, *w.with_words)}
        for c in words_pattern(w.counted, True).finditer(text) if w.counted else ():
            if not any(_tied(text, c.end(), a, links) or _tied(text, b, c.start(), links) for a, b in names):
                return False
        return True

    def message(self, said: str, where: str) -> str:
        return (f"'{said}' in {where}, where the plan gives {self.weekly} once a week (expected the plan's day, the "
                "other medicine named, or a warning against it: taken every day, a weekly dose is at least 7 times "
                "too much)")


def _words_between(text: str, a: int, b: int) -> int:
    """How many words stand between positions a and b (a large number when b comes before a)."""
    return len(text[a:b].split()) if a <= b else 10**6


def _tied(text: str, a: int, b: int, links: set[str]) -> bool:
    """What is counted and a name are one thing: at most two words between them, none of them "and" or
    "with" and no comma ("1 folic acid tablet", "1 tablet of folic acid"; not "tablets and folic acid")."""
    between = text[a:b].split() if a <= b else None
    return between is not None and len(between) <= 2 and "," not in text[a:b] and not links & {
        x.lower().strip(".;:") for x in between}


def _near(text: str, pattern: re.Pattern[str], at: int) -> bool:
    """A word of ``pattern`` ends at most two words before position ``at`` ("with your folic acid")."""
    return any(_words_between(text, m.end(), at) <= 2 for m in pattern.finditer(text, 0, at))


def _weekly(h: Handout) -> tuple[list[str], list[str]] | None:
    weekly, other = _names(h)
    return (weekly, other) if weekly else None


def _rule(h: Handout) -> _Rule | None:
    """None where nothing is held to it: no weekly medicine, or no words to read the language with."""
    words = load_wordlist(h.lang)
    named = _weekly(h)
    if named is None or words is None or not words.daily:
        return None
    weekly, other = named
    # The medicines' names are the handout's words: compiled as Python compiles them (re's own cache),
    # never kept on disk by recache as the word lists' patterns are (a review).
    return _Rule(words, weekly[0], words_pattern(words.daily, True),
                 re.compile(f"{words_pattern((*words.dose_words, *words.counted), True).pattern}|"
                            f"{words_regex(tuple(weekly))}", re.I),
                 re.compile(words_regex(tuple(weekly)), re.I),
                 re.compile(words_regex(tuple(other)), re.I) if other else None)


def check_frequency(h: Handout) -> list[Finding]:
    """A warning for each sentence that says to take a dose every day, in a handout whose plan gives
    a medicine once a week (module docstring)."""
    rule = _rule(h)
    if rule is None:
        words = load_wordlist(h.lang)
        if _weekly(h) is not None and (words is None or not words.daily):
            # The translations least likely to be read by someone who knows the plan (a review): said, not skipped
            return [Finding(h.text.loc, "", f"H154 (a dose every day, where the plan gives a medicine once a week) "
                            f"is not judged for '{h.lang}': no word list gives its words for it (a reader who knows "
                            f"the plan should check that the words never say a daily dose; the list would be "
                            f"handout/wordlists/{h.lang.split('-')[0]}.yaml: daily, dose_words)", severity="note", code="H154")]
        return []
    out: list[Finding] = []
    # A question the answer refuses ("Can I take it every day?" - "No. ..."): the answer is the warning
    refused = {f"faq[{i}].q" for i, q in enumerate(h.text.faq) if _refuses(rule.words, plain(q.a))}
    for path, raw, where in text_fields(h.text):
        if rule.daily.search(plain(raw)) is None:
            continue
        for sentence in raw_sentences(raw):
            if path in refused and plain(sentence).rstrip().endswith(("?", "؟", "？")):
                continue
            said = rule.said(plain(sentence))
            if said is not None:
                out.append(Finding(where, path, rule.message(said, "a sentence about a dose"), severity="warning",
                                   code="H154"))
    return out


def _refuses(words: WordList, answer: str) -> bool:
    """An answer that opens with a negation ("No.", "Never:", "Non,")."""
    first = answer.translate(_APOSTROPHES).split(maxsplit=1)[:1]
    return bool(first) and bool(words.negations) and bool(
        words_pattern(words.negations, True).fullmatch(first[0].strip(".,;:!¡¿")))


def note_problems(note: str, h: Handout, where: Location, path: str) -> list[Finding]:
    """The rule for a note typed for one patient and printed on their page, as errors: the clinician is
    there to say it again ("Take your tablets every morning" under a Monday-only plan).  Its words
    are read, never remembered (``memory``: a patient's details are no key or value there)."""
    rule = _rule(h)
    if rule is None:
        return []
    return [Finding(where, path, rule.message(said, "the note"), code="H154")
            for sentence in sentences(" ".join(note.split())) if (said := rule.said(sentence)) is not None]
