"""How often the handout's words say a dose is taken, against the plan's most: a handout in, warnings
(H155) out.

The dose table and the calendar are made from the facts; the sentences around them are free text.
"Take 2 tablets every 2 hours" above acetaminophen's table (1 or 2 tablets, at least 6 hours apart,
6 tablets in 24 hours at most: the OTC Drug Facts label) is up to 24 tablets a day, 12,000 mg, a dose
that destroys the liver; "Give it 3 times a day" above amoxicillin's twice-a-day table is half as much
again of every dose.  A patient follows the sentence.  H153 holds the text's amounts to the plan,
H154 a weekly plan's days; nothing held how often a daily or as-needed dose is taken.

So each sentence about a dose (as H154 reads one: a dose word, what is counted out, an amount with
its unit, or a medicine of the plan by name; or one saying only that the dose before it is taken
again, ``clauses.repeat``: "Take 2 tablets. Repeat every 2 hours.") that gives

* a gap between doses (``intervals``: "every 4 hours", "every four to six hours", "q4h", "4 hours
  apart") shorter than the plan's shortest, or
* more doses in a day (``per_day``: "3 times a day", "twice daily", "tid") than the plan's most,

is warned of, unless it is a warning against it (``warning.against``: "Never take it every 2 hours").
A range allows its loosest end ("every 4 to 6 hours" is every 4 hours).  A ceiling is no warning
against: "Do not take it more often than every 4 hours" allows every 4 hours.  The plan's most is the
loosest of every track and medicine (a sentence may be about any of them: "twice a day" in a handout
of a once-a-day medicine and a twice-a-day one is not judged); times of the day are read as spread
evenly over it (morning and bedtime: 12 hours apart, 2 doses a day), and more times of the day named
for a dose than it gives doses a day are warned of ("in the morning and at bedtime" on a once-a-day
plan, "at 8 am and 8 pm": ``day_times`` and clock times; not a choice, "or", nor a window, "between 8 pm
and 10 pm"), as are clock times closer than a plan's own gap ("at 8 am and 11 am", every 6 hours).  Less often than
the plan is not judged: this guards against an overdose, and "every 24 hours" for an antibiotic
given twice a day is the prescriber's to see.

Which of a sentence's words are its dose's (the dose taken again, the times named for it, how-often words of
another order) is read by ``dosewords``.  A sentence H154 warns of (a weekly medicine taken every day) is left to
it: one warning, the graver.
A warning, not an error, as H153's and H154's are (an error with ``--strict``); a note typed for one
patient is held to it as an error (``note_problems``).  The languages with the words (en, es, fr)
are judged; the others are translations held to their source by their review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import recache
from .oftenwords import Patterns, key as _key
from .oftenwords import patterns as _patterns
from .dosing import medications
from .planamounts import plan_names
from .errors import Finding, Location
from .frequency import NOTE_LANGUAGES, refuses
from .frequency import _rule as weekly_rule
from .weeklydays import AMOUNT
from .weeklyrule import Rule as WeeklyRule
from .clauses import outside_while
from .model import Handout, Step
from .textfields import text_fields
from .plain import raw_sentences
from .reading import continued, plain, sentences
from .clauses import APOSTROPHES, PARTS, clause, list_of, missed_clause, repeat
from .dosewords import EPS, DoseWords
from .warning import against
from .wordlists import WordList
from .wordlists import load as load_wordlist
from .wordpatterns import ending_with, words_pattern, words_regex

_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)(?:\s?([½¼¾]))?")  # "2 ½": 2.5
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_DOSES = re.compile(r"\d\s+dos")  # ("2 doses", "2 dosis": a quick look for double)
_MOST_PER_SENTENCE = 20  # how-often phrases judged in one sentence (a sentence of hundreds: the first said)


@dataclass(frozen=True)
class Most:
    """How often a plan gives a dose at its most, over every track and medicine: the shortest gap between
    two doses (hours) and the most doses in a day; None where the plan sets none."""

    hours: float | None
    per_day: float | None
    timed: bool = False  # the gap is the plan's own ("every 6 hours"), for every step: clock times are held to it


def _step_most(step: Step) -> tuple[float | None, float | None] | None:
    if step.stop:
        return None
    if step.every is not None and step.every.hours:  # as needed or round the clock: "every 6 hours"
        return float(step.every.hours), 24 / step.every.hours
    if step.as_needed:  # (validation asks an as-needed dose for its gap: none given, nothing is known)
        return None, None
    if step.every is not None and step.every.days:  # every other day: one dose on a dose day
        return 24.0 * step.every.days, 1.0
    n = len(step.timing) or 1  # a dose at each of its times of day
    return 24 / n, float(n)


def most_often(h: Handout) -> Most | None:
    """The plan's most (``Most``), None where it sets neither a gap nor a day's most."""
    found = [m for t in h.facts.tracks for med in medications(t) for st in med.steps if (m := _step_most(st))]
    hours = None if not found or any(a is None for a, _ in found) else min(a for a, _ in found if a is not None)
    per_day = None if not found or any(b is None for _, b in found) else max(b for _, b in found if b is not None)
    timed = bool(found) and all(st.every is not None and st.every.hours for t in h.facts.tracks
                                for med in medications(t) for st in med.steps if not st.stop)
    return None if hours is None and per_day is None else Most(hours, per_day, timed)


@dataclass(frozen=True)
class Reader(DoseWords):
    """One handout's sentences read with one language's words against its plan's most."""

    words: WordList
    most: Most
    p: Patterns
    dose: re.Pattern[str]  # a sentence about a dose: dose words, what is counted out, the plan's medicines
    weekly: WeeklyRule | None  # H154's: a sentence it warns of is left to it

    def values(self, m: re.Match[str]) -> list[float]:
        """The numbers of a how-often phrase, in digits or in words ("4 to 6", "six", "5.5"): its "#"'s, else its
        own words' ("twice a day", "tid", "morning and night"; none: "every hour")."""
        said = next((g for g in m.groups() if g is not None), m.group(0))
        return [*(float(d.replace(",", ".")) + _FRACTIONS.get(f, 0.0) for d, f in _NUMBER.findall(said)),
                *(float(self.p.count_of.get(_key(c.group(0)), 0)) for c in self.p.counts.finditer(said))]

    def about_dose(self, text: str) -> bool:
        """A dose word, what is counted out, the plan's medicine or an amount; or a dose by its noun ("Wait at least
        6 hours between doses", "Doses must be 6 hours apart": a review, under a plan of every 8 hours)."""
        doses = outside_while(self.words, text)
        return bool(self.dose.search(doses) or AMOUNT.search(doses) or (
            self.words.dose_nouns and words_pattern(self.words.dose_nouns, True).search(doses)))

    def said(self, text: str, repeated: bool = False, before: str | None = None) -> tuple[str, str, float] | None:
        """(the words, "gap" or "day", their number: hours or doses) of the first how-often phrase in one plain
        sentence about a dose that gives it more often than the plan; None if none does.  ``before``: the
        sentence whose dose it repeats, if ``repeated``."""
        text = text.translate(APOSTROPHES)
        if not (repeated or self.about_dose(text)):
            return None
        seen = 0
        # The dose taken again: "You may repeat in 4 hours", "Take 2 more in 4 hours", a second count "Take 2
        # tablets now and 2 tablets in 2 hours" (not "it": "Take it; it works in 2 hours")
        again = self._again(text, 0, len(text))
        later = (self.p.later, self.p.later_minutes)
        for kind, pattern, unit in (("gap", self.p.gaps, 1.0), ("gap", self.p.minutes, 60.0),
                                    ("gap", self.p.later if again else None, 1.0),
                                    ("gap", self.p.later_minutes if again else None, 60.0), ("day", self.p.per_day, 1.0)):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                if pattern in later:  # (taken again in its own part of the sentence: not "Take 2 more after 6
                    # hours; the pain should ease in 30 minutes", a review)
                    first, _ = clause(text, m.start(), PARTS)
                    _, last = clause(text, max(m.start(), m.end() - 1), PARTS)
                    if not self._again(text, first, last):
                        continue
                seen += 1
                if seen > _MOST_PER_SENTENCE:
                    return None
                values = self.values(m)
                if kind == "gap":  # (no number: "every hour", "every few hours")
                    value = min(values) / unit if values else 1.0
                    too = self.most.hours is not None and value < self.most.hours - EPS
                else:
                    value = max(values) if values else 0.0
                    too = self.most.per_day is not None and value > self.most.per_day + EPS
                if too and not self._elsewhere(text, m.start(), m.end()) and not against(
                        self.words, text, m.start(), m.end(), exceptions=False):
                    weekly = self.weekly
                    if weekly is not None and weekly.said(text, repeated and weekly.repeats(text, before)) is not None:
                        return None  # H154's: a weekly dose taken every day (not the other medicine's, repeated)
                    return m.group(0), kind, value
        return self._times(text)

    def read(self, parts: list[str], before: str | None = None
             ) -> tuple[list[tuple[str, tuple[str, str, float], bool]], str | None]:
        """(sentence, what ``said`` found, whether it repeats the dose before) for each sentence of one text
        too often, read as ``reading.continued`` joins them; and the dose a sentence after may repeat."""
        found = []
        for _, s in continued(parts):
            repeated, hit = False, None
            double = self.double(s) if self.about_dose(s) else None
            if double is not None:
                found.append((s, double, False))
                before = s
                continue
            if self.p.either.search(s) or self.may_name_times(s.lower()):
                repeated = (before is not None and not self.about_dose(s) and self.about_dose(before)
                            and repeat(self.words, s, self.p.either) is not None)
                hit = self.said(s, repeated, before)
                if hit is not None:
                    found.append((s, hit, repeated))
            # (one with "again" between two times of its own is read alone, "at 7 am and again at 7 pm"; so is one
            # saying how often itself, "Give it at 8 am, and again 12 hours later")
            if hit is None and before is not None and self.again_at(s) and self.about_dose(before) \
                    and not self._again_between(s) and not self.p.either.search(s):
                # The dose again at another time of the day ("Take your dose each morning with breakfast. Take
                # it again at bedtime.", "Give 2 tablets at 8 am. Give 2 more at 11 am."): the times of both
                # sentences, as one day's
                hit = self._times(f"{before} {s}")
                if hit is not None:
                    found.append((s, hit, True))
            if not repeated:
                before = s
        return found, before

    def may_double(self, low: str) -> bool:
        """A quick look at lower-case text: may it give two doses at once (``double``)?"""
        w = self.words
        return bool(w.double_doses and words_pattern(w.double_doses, True).search(low)) or _DOSES.search(low) is not None

    def double(self, text: str) -> tuple[str, str, float] | None:
        """Two doses at once ("a double dose", "to make up for it"; after a missed dose's clause, "take 2 doses the
        next Monday"), not said against ("Do not take 2 doses to make up for a missed one", every bundled handout's
        words): the words, "double" and 2.  Every plan gives one dose at a time; a missed one is never made up."""
        w = self.words
        text = text.translate(APOSTROPHES)
        found = list(words_pattern(w.double_doses, True).finditer(text)) if w.double_doses else []
        missed = missed_clause(w, text)
        if missed is not None and w.dose_nouns:
            # (in digits or in words: "take 2 doses the next Monday", "give two doses next time")
            spelled = tuple(k for k, v in w.count_words.items() if v >= 2 and k in w.number_words)
            number = rf"\d+|{words_regex(spelled)}" if spelled else r"\d+"
            counted = recache.pattern(rf"(?<![\w.,])({number})\s+{words_regex(tuple(w.dose_nouns))}", re.I)  # (a word list's)
            found += [m for m in counted.finditer(text)
                      if m.start() >= missed[1] and (not m.group(1).isdigit() or int(m.group(1)) >= 2)]
        orders = list(words_pattern(w.double_orders, True).finditer(text)) if w.double_orders else []
        for m in sorted(found, key=lambda m: m.start()):
            if not (against(w, text, m.start(), m.end()) or _purpose_of_refused(w, text, m, [*found, *orders])):
                return m.group(0), "double", 2.0
        return None

    def ordered_double(self, text: str) -> tuple[str, str, float] | None:
        """Two doses at once, or a missed one made up, ordered in words that name no dose (``double_orders``:
        "Double up next week", "Take both on Monday", "Make it up on Tuesday"), not said against ("Never double
        up"): for a note only, printed beside the patient's own plan, where such words can mean only its dose.
        (Under weekly methotrexate, "Double up next week" is twice the week's dose; it printed.)"""
        w = self.words
        if not (w.double_orders or w.all_left or w.all_doses):
            return None
        text = text.translate(APOSTROPHES)
        orders = list(words_pattern(w.double_orders, True).finditer(text)) if w.double_orders else []
        given = ending_with(w.dose_orders, 2) if w.dose_orders else None  # (an order two words at most before)
        if w.all_left and given:  # (what is left, given by an order: "Give him the rest of the bottle tonight")
            orders += [m for m in words_pattern(w.all_left, True).finditer(text)
                       if given.search(text, clause(text, m.start())[0], m.start())]
        if w.all_doses and w.at_once and given:  # (the course at once, by an order: "Take all your tablets on the first
            once = words_pattern(w.at_once, True)  # day"; not "Bring all your tablets to the clinic today")
            orders += [m for m in words_pattern(w.all_doses, True).finditer(text)
                       if given.search(text, clause(text, m.start())[0], m.start())
                       and once.search(text, *clause(text, m.start()))]
        orders.sort(key=lambda m: m.start())
        doubles = list(words_pattern(w.double_doses, True).finditer(text)) if w.double_doses else []
        for m in orders:
            if not (against(w, text, m.start(), m.end()) or _purpose_of_refused(w, text, m, [*orders, *doubles])):
                return m.group(0), "double", 2.0
        return None

    def message(self, hit: tuple[str, str, float], where: str, repeated: bool = False) -> str:
        said, kind, value = hit
        again = " (the sentence before it gives the dose)" if repeated else ""
        if kind == "double":
            return (f"'{said}' in {where}, where the plan gives one dose at a time (expected the plan's dose, or a "
                    f"warning against it: never 2 doses at once, nor to make up for a missed one)")
        if kind == "gap":
            assert self.most.hours is not None
            return (f"'{said}' in {where}{again}, where the plan's doses are at least {_hours(self.most.hours)} apart "
                    f"(expected the plan's gap or a longer one, or a warning against it: doses {_hours(value)} apart add "
                    f"up to more than the plan gives)")
        assert self.most.per_day is not None
        doses = "dose" if self.most.per_day == 1 else "doses"
        return (f"'{said}' in {where}{again}, where the plan gives {self.most.per_day:g} {doses} a day at most "
                f"(expected the plan's number or fewer, or a warning against it: {value:g} doses a day is more than "
                f"the plan gives)")


def _purpose_of_refused(w: WordList, text: str, m: re.Match[str], doubles: list[re.Match[str]]) -> bool:
    """Whether two doses at once (``m``) follow, in the same clause, other such words said against: "Do not double
    up to make up for a missed dose", "Never take both to make up for it" (the standard advice: "to make up for"
    is the refused act's purpose, and no negation stands right before it; it was refused)."""
    _, last = clause(text, m.start(), PARTS)
    return any(o.end() <= m.start() and clause(text, o.start(), PARTS)[1] >= last and against(w, text, o.start(), o.end())
               for o in doubles if o is not m)


def _hours(value: float) -> str:
    return f"{value:g} hour" if value == 1 else f"{value:g} hours"  # ("doses 1 hours apart": a note's error)


def reader_for(h: Handout, lang: str | None = None) -> Reader | None:
    """None where nothing is judged: a plan with no most, or no words for the language."""
    lang = lang or h.lang
    words, patterns, most = load_wordlist(lang), _patterns(lang), most_often(h)
    if words is None or patterns is None or most is None:
        return None
    return Reader(words, most, patterns, dose_pattern(lang, tuple(plan_names(h))), weekly_rule(h, lang))


@lru_cache(maxsize=64)
def dose_pattern(lang: str, names: tuple[str, ...]) -> re.Pattern[str]:
    """A sentence about a dose: the language's dose words, or a medicine of the plan by name.  The names are
    the handout's words: kept in this process only, never on disk (recache) as the word lists' patterns are."""
    patterns = _patterns(lang)
    assert patterns is not None
    return re.compile(f"{patterns.doses.pattern}|{words_regex(names)}", re.I)


def _last_sentence(raw: str | None) -> str | None:
    parts = [plain(sentence) for sentence in raw_sentences(raw)] if raw else []
    return continued(parts)[-1][1] if parts else None


def check_how_often(h: Handout) -> list[Finding]:
    """A warning for each sentence that says to take a dose more often than the plan gives (module docstring)."""
    reader = reader_for(h)
    if reader is None:
        return []
    out: list[Finding] = []
    # A question the answer refuses ("Can I take it every 2 hours?" - "No. ..."): the answer is the warning
    refused = {f"faq[{i}].q" for i, q in enumerate(h.text.faq) if refuses(reader.words, plain(q.a))}
    # (the list a field is an item of, the dose it leaves: that field's text, read only if a next item needs it)
    last: tuple[str, str | None, bool] | None = None
    for path, raw, where in text_fields(h.text):
        item_of = list_of(path)
        low = plain(raw).lower()
        single = " ".join(low.split())
        if (reader.p.maybe.search(single) is None or reader.p.near.search(single) is None
                or reader.p.lower.search(low) is None) \
                and not reader.may_name_times(low) and not reader.may_double(low):  # (most fields: none of it)
            last = (item_of, raw, True)
            continue
        before = None
        if last is not None and last[0] == item_of:
            before = _last_sentence(last[1]) if last[2] else last[1]
        found, left = reader.read([plain(sentence) for sentence in raw_sentences(raw)], before)
        last = (item_of, left, False)
        for sentence, hit, repeated in found:
            if path in refused and sentence.rstrip().endswith(("?", "؟", "？")):
                continue
            out.append(Finding(where, path, reader.message(hit, "a sentence about a dose", repeated),
                               severity="warning", code="H155"))
    return out


def note_problems(note: str, h: Handout, where: Location, path: str) -> list[Finding]:
    """The rule for a note typed for one patient and printed on their page, as errors ("Take 2 tablets every
    2 hours" on acetaminophen's page): read in any language with the words, never remembered.  A note's first
    sentence that repeats a dose repeats the plan's, printed beside it ("Repeat every 2 hours if needed": a review of
    notes, printed)."""
    readers = [r for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)) if (r := reader_for(h, lang)) is not None]
    text = " ".join(note.replace("*", " ").replace("_", " ").split())
    said: dict[str, tuple[tuple[str, str, float], bool]] = {}
    parts = sentences(text)
    plan = next(iter(plan_names(h)), None)  # (the plan's main medicine: a sentence about its dose)
    first = continued(parts)[0][1] if parts else None
    for r in readers:
        for sentence, hit, repeated in r.read(parts, plan)[0]:
            if not _said_against(sentence, hit[0], readers):
                said.setdefault(sentence, (hit, repeated and sentence != first))
        for _, sentence in continued(parts):
            double = r.ordered_double(sentence)
            if double is not None and not _said_against(sentence, double[0], readers):
                said.setdefault(sentence, (double, False))
    return [Finding(where, path, readers[0].message(hit, "the note", repeated), code="H155")
            for hit, repeated in said.values()]


def _said_against(sentence: str, found: str, readers: list[Reader]) -> bool:
    """Whether what one language's reader found in a note's sentence is said against in the note's own
    language: a note is read with every note language's words, and French reads "double dose" in "Do not take
    a double dose to make up for a missed one", the standard advice, with no French negation before it."""
    low, at = sentence.lower(), -1
    while (at := low.find(found.lower(), at + 1)) >= 0:
        if any(against(r.words, sentence, at, at + len(found)) for r in readers):
            return True
    return False
