"""One dose: whether an amount or a count in a sentence is said of one dose, for H153 (``textamounts``).

In: a language's word list (``one_dose``, ``dose_periods``, ``dose_before``, ``dose_after``, ``day_spans``,
``day_labels``, ``limit_words``, ``count_limits``, ``dose_words``, ``action_verbs``) and how the language
writes a number; then one plain sentence and the match of an
amount or a count in it.  Out: where the words are that say it is one dose (``OneDose.at``), or None;
whether to warn that a day's most is so said (``OneDose.tell``: once for each such words, never where
the sentence warns against it or says what happened, ``warning.against``).

Why: the plan's most in a day, taken at one time, is an overdose.  Acetaminophen's label gives 2
tablets (1,000 mg) a dose and 6 tablets (3,000 mg) in 24 hours; "Take 6 tablets once a day" is 3,000 mg
at one time.  The words are read after the amount ("6 tablets at once", "6 tablets of 500 mg at once",
"a 3,000 mg dose"), before it ("A dose is 6 tablets", "Per dose: 6 tablets") and at the start of its
order ("Each time you need it, take 6 tablets").  A day's words are no dose's ("every 24 hours",
"Maximum daily dose: 6 tablets"), nor is a day's limit however often it is taken ("up to 6 tablets in 24
hours, twice a day"); a day's amount without a limit still is ("A dose is 6 tablets a day").  A sentence
that says the dose of the one before it again (``repeat_words``) is read after it (``OneDose.again``):
"Take 6 tablets. Repeat every 6 hours." says 6 tablets a dose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from . import recache
from .clauses import repeat
from .warning import against
from .wordlists import WordList
from .wordpatterns import alternation, stems, words_pattern


@cache
def _one_dose_pattern(words: tuple[str, ...], verbs: tuple[str, ...] = ()) -> re.Pattern[str]:
    """Words saying one dose ("at once", "at a time") right after an amount or a count: up to six words
    between ("6 tablets with a full glass of water at once"), or a comma, but no number and no verb
    starting another clause ("If you took 6 tablets call a doctor at once": a review)."""
    alts = alternation(words)  # (a "#" stands for a number: "every # hours" after a day's most is one dose)
    stop = stems(verbs)
    # (a dotted abbreviation is a word: "6 tablets p.o. every 6 hours", joined by reading.continued)
    word = rf"(?!(?:{stop})(?![\w-]))[^\W\d_][\w'’-]*(?:\.[^\W\d_]*)*" if stop else r"[^\W\d_][\w'’-]*(?:\.[^\W\d_]*)*"
    return recache.pattern(rf"[\s\u00a0)\],]*(?:{word},?\s+){{0,6}}?(?:{alts})(?![\w-])", re.I)


@cache
def _bare_dose_pattern(words: tuple[str, ...], number: str) -> re.Pattern[str]:
    """A number (``number``, its digits the pattern's group 1) with nothing counted after it, then words of
    one dose right after it ("Take 6 at once", "6 at a time"): what is counted out goes without saying (a
    review: only "6 tablets at once" was read)."""
    return recache.pattern(rf"{number}[\s\u00a0]+(?:{alternation(words)})(?![\w-])", re.I)


@cache
def _before_dose_pattern(words: tuple[str, ...], limits: tuple[str, ...] = ()) -> re.Pattern[str]:
    """One-dose words ending right before an amount or a count ("a dose is", "a single dose of"), a limit
    between them or not ("A dose is up to 6 tablets a day": a review)."""
    plain = tuple(w for w in words if not w.rstrip().endswith((":", "=")))
    limit = rf"(?:(?:{alternation(limits)})[\s\u00a0]+)?" if limits else ""
    return recache.pattern(rf"(?<![\w-])(?:{alternation(plain) or '(?!)'})[\s\u00a0]*{limit}\Z", re.I)


@cache
def _label_pattern(words: tuple[str, ...], limits: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A dose's label right before an amount or a count ("Per dose: 6 tablets", "One dose = 6 tablets",
    "per dose= 6", "Dose - 6 tablets"): the word list's one-dose words that end in ":" or "=".  A label of
    two words or more needs neither ("Per dose 6 tablets", "Each dose, 6 tablets"); one word alone does
    ("Dose: 6", not "dose 6")."""
    labels = tuple(dict.fromkeys(w.rstrip(" :=") for w in words if w.rstrip().endswith((":", "="))))
    long = tuple(w for w in labels if len(w.split()) > 1)
    limit = rf"(?:(?:{alternation(limits)})[\s\u00a0]+)?" if limits else ""  # ("Per dose: up to 6 tablets")
    return recache.pattern(rf"(?<![\w-])(?:(?:{alternation(labels) or '(?!)'})[\s\u00a0]*(?:[:=–—]|\s-)"
                           rf"|(?:{alternation(long) or '(?!)'})(?![\w-])[\s\u00a0]*,?)[\s\u00a0]*{limit}\Z", re.I)


@cache
def _lead_pattern(words: tuple[str, ...], verbs: tuple[str, ...]) -> re.Pattern[str]:
    """One-dose words opening the order before an amount or a count ("Each time, take 6 tablets",
    "Every 4 hours take up to 6", "Each time you need it, take 6"): five words at most between them
    and the dose verb, none of them a dose verb unless a comma ends them (eight then: "Write down each time
    you take it so you take at most 6 a day" is no order of 6; "Each time you take it for a headache or
    fever, take 6 tablets" is: three reviews), two between the verb and the number."""
    word = r"[^\W\d_][\w'’-]*"
    verb = rf"(?:{stems(verbs)})(?![\w-])"
    # (a dose verb between them only in a clause a comma ends: "Each time you take it, take 6 tablets")
    between = rf"(?:(?:,?\s+(?!{verb}){word}){{0,5}}?,?|(?:\s+{word}){{1,8}}?,)"
    return recache.pattern(rf"(?<![\w-])(?:{alternation(words)})(?![\w-]){between}\s+"
                           rf"{verb}(?:\s+{word}){{0,2}}[\s\u00a0]*\Z", re.I)


@cache
def _ending_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Text that ends with one of ``words``."""
    return recache.pattern(rf"(?<![\w-])(?:{alternation(words) or '(?!)'})\Z", re.I)


@cache
def _opening_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One of ``words``, where matched."""
    return recache.pattern(rf"(?:{alternation(words) or '(?!)'})(?![\w-])", re.I)


@cache
def _after_dose_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One-dose words right after an amount or a count ("a 3,000 mg dose", "a 6-tablet dose")."""
    return recache.pattern(rf"[\s\u00a0-]*(?:{alternation(words)})(?![\w-])", re.I)


# A strength between a count and its one-dose words ("6 tablets of 500 mg at once", "6 tablets (500 mg
# each) at one time", "6 tablets, 500 milligrams each, at once"): skipped, as the words after it are still
# the count's
_STRENGTH = re.compile(r"(?:\s+(?:of|de|à)|\s*[(,])?\s*\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?\s*"
                       r"(?:mg|mcg|µg|g|ml|milligrams?|micrograms?|grams?|millilit(?:er|re)s?|miligramos?|"
                       r"milligrammes?)(?![\w-])(?:\s+(?:each|cada\s+un[oa]|chacun|chacune))?\)?", re.I)
# A day, not a dose: "every 24 hours" (and longer) after a count is the plan's most in a day
_A_DAY = re.compile(r"\d+")

_DIGIT = re.compile(r"\d")


class OneDose:
    """The one-dose reading of one language (see the module docstring)."""

    def __init__(self, words: WordList, number: str) -> None:
        """``number``: a number as the language writes it, a regular expression with its digits in group 1."""
        self.words = words
        said = (*words.one_dose, *words.dose_periods)
        self.after_it = _one_dose_pattern(said, words.action_verbs)
        self.how_often = words_pattern(said, True)  # (the words alone: what a repeat may say, OneDose.again)
        self.bare_count = _bare_dose_pattern(said, number)
        # (how often, "every # hours", is one dose's under a day only: "every 24 hours" is a day)
        self.period_end, self.once_end = _ending_pattern(words.dose_periods), _ending_pattern(words.one_dose)
        self.opening = _opening_pattern(said)
        # (a count a day's words follow is a day's: "Each time, take up to 6 tablets in 24 hours")
        self.day_span = _opening_pattern(words.day_spans) if words.day_spans else None
        self.doses = words_pattern(words.dose_words, True) if words.dose_words else None
        # (a limit before a count: "up to 6 tablets in 24 hours" is a day's limit, "A dose is up to 6" a dose's)
        limits = (*words.limit_words, *words.count_limits)
        self.limit_end = _ending_pattern(limits) if limits else None
        # ... or one-dose words right before it ("A dose is 6 tablets", "una sola dosis de 3000 mg")
        self.before = _before_dose_pattern(words.dose_before, limits) if words.dose_before else None
        self.label = _label_pattern(words.dose_before, limits) if words.dose_before else None
        # (a label names a dose where nothing before it in the sentence gives an order or a number: not
        # "Write down each dose: 6 tablets is the most", nor "2 tablets per dose: 6 tablets in 24 hours")
        self.orders = words_pattern(words.action_verbs, True) if words.action_verbs else None
        # ... or opening the order ("Each time, take 6 tablets"), or right after it ("a 3,000 mg dose")
        self.lead = _lead_pattern(said, words.dose_words) if words.dose_words else None
        self.after = _after_dose_pattern(words.dose_after) if words.dose_after else None
        # (a dose's label after a day's word is the day's: "Maximum daily dose: 6 tablets")
        self.day_label = words_pattern(words.day_labels, True) if words.day_labels else None
        self._firsts: tuple[str, int, int] = ("", 0, 0)  # (a sentence, where its first digit and order are)

    def _period(self, phrase: str) -> bool:
        """Whether one-dose words as matched (``phrase``) end in the word list's ``dose_periods``, not in
        other one-dose words ("every 6 hours", "twice a day"; "once every 24 hours" is one dose)."""
        return self.period_end.search(phrase) is not None and self.once_end.search(phrase) is None

    def _a_day(self, phrase: str) -> bool:
        """Whether one-dose words as matched (``phrase``) are a day's period, not a dose's: a ``_period``
        at 24 hours or more ("every 24 hours")."""
        return self._period(phrase) and any(int(n) >= 24 for n in _A_DAY.findall(phrase))

    def _a_days(self, text: str, end: int) -> int | None:
        """Where the word list's ``day_spans`` right after the amount or count ending at ``end`` end, if they
        make it a day's ("6 tablets in 24 hours", "6 tablets a day"; hours at 24 or more); else None."""
        if self.day_span is None:
            return None
        at = end + len(text[end:end + 4]) - len(text[end:end + 4].lstrip(" \u00a0,"))
        span = self.day_span.match(text, at)
        return span.end() if span is not None and all(int(n) >= 24 for n in _A_DAY.findall(span.group())) else None

    def _limited(self, text: str, start: int) -> bool:
        """A limit right before the amount or count starting at ``start`` ("up to 6", "no more than 6")."""
        return self.limit_end is not None and self.limit_end.search(text[max(0, start - 24):start].rstrip()) is not None

    def _first(self, text: str) -> tuple[int, int]:
        """Where ``text``'s first digit and first order are (its length if none): found once a sentence,
        not again from its start for each count in it (a 10 KB sentence took seconds: a review)."""
        if self._firsts[0] is not text:
            digit = _DIGIT.search(text)
            order = self.orders.search(text) if self.orders is not None else None
            self._firsts = (text, digit.start() if digit else len(text), order.start() if order else len(text))
        return self._firsts[1], self._firsts[2]

    def at(self, text: str, m: re.Match[str]) -> int | None:
        """Where the words are that say the amount or count ``m`` is one dose (after it or before it);
        None if none do.  (Where, so that "6 tablets (3,000 mg) at once" is said once, not twice.)"""
        end = m.end()
        strength = _STRENGTH.match(text, end)  # "6 tablets of 500 mg at once"
        ends = (end, strength.end()) if strength else (end,)
        spans = [s for s in (self._a_days(text, e) for e in ends) if s is not None]
        # A day's limit ("up to 6 tablets in 24 hours", "no more than 6 tablets a day") is no dose's however
        # often, or after whatever words, it is taken; a day's amount alone is ("Take 6 tablets a day, twice a
        # day", "A dose is 6 tablets a day": a review)
        limit = bool(spans) and self._limited(text, m.start())
        for at in (*ends, *spans):  # (after the day's words: "6 tablets in 24 hours all at once")
            for _ in range(3):  # a day's period passed over, the words after it read: "every 24 hours, all at once"
                said = self.after_it.match(text, at)
                if said is None:
                    break
                phrase = said.group()
                if not (self._a_day(phrase) or (self._period(phrase) and (limit or at in spans))):
                    return said.end()  # ("6 tablets every 24 hours"; but "6 tablets a day, all at once" is one dose)
                at = said.end()
        if self.after is not None and (said := self.after.match(text, end)):
            return said.end()
        if self.lead is not None and not limit and (said := self.lead.search(text, max(0, m.start() - 160), m.start())):
            opening = self.opening.match(text, said.start())  # ("Every 24 hours, take up to 6" is a day's most)
            if opening is None or not self._a_day(opening.group()):
                return said.start()
        near = max(0, m.start() - 60)
        found = self.before.search(text, near, m.start()) if self.before is not None else None
        if found is None and self.label is not None:
            found = self.label.search(text, near, m.start())
            if found is not None and min(self._first(text)) < found.start():
                found = None  # not a label: "2 tablets per dose: 6 tablets in 24 hours"
            elif found is not None and self.day_label is not None and any(
                    text[d.end():found.start()].strip() == ""
                    for d in self.day_label.finditer(text, max(0, found.start() - 20), found.start())):
                found = None  # a day's: "Maximum daily dose: 6 tablets"
        return None if found is None else found.start()

    def tell(self, text: str, m: re.Match[str], told: set[int]) -> bool:
        """Whether to warn that ``m``, a day's most, is given as one dose: said so (``at``), not yet
        warned of at those words (``told``, one sentence's), and not said against ("Never take 6 at once")."""
        at = self.at(text, m)
        if at is None or at in told or against(self.words, text, m.start(), m.end()):
            return False
        told.add(at)
        return True

    def again(self, before: str, text: str) -> str | None:
        """``before`` and ``text``, two plain sentences, read as one where ``text`` says only that the dose of
        ``before`` is taken again, how often and when (``clauses.repeat``): its how-often words after
        ``before`` ("Take 6 tablets. Repeat every 4 hours." is read "Take 6 tablets every 4 hours", so is "…
        Every 4 hours, repeat this." and "… If pain persists, you may repeat the dose in 4 hours."); else None."""
        if repeat(self.words, text, self.how_often) is None:
            return None
        # (how often only: the one-dose reading allows few words between a count and how often)
        return f"{before.rstrip(' .!;:')} {' '.join(m.group() for m in self.how_often.finditer(text))}"

    def ordered(self, text: str, m: re.Match[str]) -> bool:
        """Whether the amount or count ``m`` of ``text`` is ordered as a dose: a dose word before it, no limit
        right before it and no day's words right after it ("Take 6 tablets"; not "Keep to 6 tablets a day",
        "Count what you took: at most 6 tablets", "The most is 6 tablets")."""
        return (self.doses is not None and self.doses.search(text, 0, m.start()) is not None
                and not self._limited(text, m.start()) and self._a_days(text, m.end()) is None)

    def bare(self, text: str) -> Iterator[re.Match[str]]:
        """Each number with nothing counted after it that one-dose words follow, after its dose verb
        ("Take 6 at once", "take up to 6 at once", "(Take 6", "Prenez-en 6"; not "at 6 together", a clock
        time): two words at most between; not said against.  Its digits are the match's group 1."""
        if self.doses is None:
            return
        for m in self.bare_count.finditer(text):
            if self._a_day(text[m.end(1):m.end()]):  # "up to 6 every 24 hours"
                continue
            lead = [re.split(r"[-'’]", w.strip("()[]\"“”«»¡¿:;,.!?"))[0]
                    for w in text[max(0, m.start() - 60):m.start()].split()[-3:]]
            if any(self.doses.fullmatch(w) for w in lead) and not against(self.words, text, m.start(), m.end()):
                yield m
