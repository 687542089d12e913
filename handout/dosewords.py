"""Which words of a sentence are its dose's, for H155 (``howoften``): one plain sentence in, yes or no, or the
times it names for the dose, out.

"Take 2 tablets, then 2 more after 30 minutes" takes the dose again; "then another glass of water 30
minutes later" does not.  "Take 2 tablets at 8, 11, 2 and 5" names four times for the dose; "the pharmacy
opens at 9 and closes at 6" none.  "Take your temperature every 2 hours" is no dose's how often.  Read with
the language's word list (``wordlists``) and its how-often patterns (``oftenwords``); the times are counted
as occasions of the day by ``occasions``, clock times read by ``clocktimes``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import clocktimes, occasions
from .clauses import _WORD, clause, missed_clause
from .weeklydays import AMOUNT
from .clauses import taken_not_doses
from .oftenwords import Patterns
from .warning import against
from .wordlists import WordList
from .wordpatterns import words_pattern

if TYPE_CHECKING:
    from .howoften import Most

EPS = 1e-9


class DoseWords:
    """What ``howoften.Reader`` reads a sentence's dose with: its words, the plan's most, the patterns."""

    words: WordList
    most: Most
    p: Patterns
    dose: re.Pattern[str]  # a sentence about a dose: dose words, what is counted out, the plan's medicines

    def _again(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` takes the dose again: a repeat word or more of it, or a second count.  Not
        more of another thing ("another glass of water", "another medicine": a review)."""
        if self.p.again is not None and any(not self._of_other(text, m) and not self._adverb(m.group(0))
                                            for m in self.p.again.finditer(text, start, end)):
            return True
        return bool(self.words.counted) and len(words_pattern(self.words.counted, True).findall(text, start, end)) > 1

    def _adverb(self, word: str) -> bool:
        """A repeat word that goes with any verb, "then", "the same" (its fillers), and says no more of the dose, as
        "again" does (its more words): "Take 1 capsule, then turn off the lights 15 minutes later" (a review)."""
        return word.lower() in self.words.adverbs

    def _of_other(self, text: str, m: re.Match[str]) -> bool:
        """Whether more words (``more_of_it``: "another", "otra") are of another thing than the dose: a word follows
        them that is no dose, nothing counted, no filler nor a phrase's opening ("another glass"; not "another",
        "another 2", "another capsule", "another at 11", "y otra a los 30 minutos")."""
        if m.group(0).lower() not in {x.lower() for x in self.words.more_of_it}:
            return False
        nxt = _WORD.match(text, len(text) - len(text[m.end():].lstrip()))
        if nxt is None or self.dose.match(text, nxt.start()) or self.p.either.match(text, nxt.start()):
            return False  # (or how often: "2 more half an hour after")
        return nxt.group(0).lower() not in self.words.function_words

    def may_name_times(self, low: str) -> bool:
        """A quick look at lower-case text: two times of the day or a clock time may be in it."""
        if self.p.time_words is None:
            return False
        return len(self.p.time_words.findall(low)) >= 2 or clocktimes.quick(low)

    def again_at(self, text: str) -> bool:
        """Whether a sentence takes the dose again ("again", "another") at a time of the day (a quick look)."""
        low = text.lower()
        if self.p.again is None or self.p.time_words is None or self.p.times is None or not (
                self.p.time_words.search(low) is not None or clocktimes.quick(low)):
            return False
        return self.p.again.search(text) is not None

    def found_times(self, text: str) -> list[re.Match[str]]:
        """The times of the day and clock times a sentence names for a dose, not a negated one ("not in the morning":
        a negation up to 3 words before) nor one said against."""
        assert self.p.times is not None
        negation = words_pattern(self.words.negations, True) if self.words.negations else None
        found = [(m, m.start()) for m in self.p.times.finditer(text)]
        # (hours listed after "at": "at 8, 11, 2 and 5", each judged where its list starts, "Never take it at 8,
        # 10 and 12")
        hours = clocktimes.listed(text, lambda at: self._dosed(text, at), lambda at: self._dose_list(text, at))
        listed = [(m, at) for m, at in hours if not any(f.start() <= m.start() < f.end() for f, _ in found)]
        if listed:
            found = sorted(found + listed, key=lambda f: f[0].start())
        return [m for m, at in found
                if not (negation is not None and negation.search(" ".join(text[:at].split()[-3:])))
                and not against(self.words, text, at, m.end(), exceptions=False)]

    def _dosed(self, text: str, at: int) -> bool:
        """Whether the four words before ``at``, in its clause, name a dose: a dose word or what is counted, an
        amount, the dose again or more of it, or a count ("Take it at 8", "5 mL at 2", "2 more at 11", "6 tablets on
        Monday at 8", "and again at 6", "and 6 on Monday at 2"; not "the pharmacy opens at 9", "walk for 20 minutes
        at 6", "on day 3 at 2")."""
        first, _ = clause(text, at)
        words = text[first:at].split()[-4:]
        lead = " ".join(words)
        if self.dose.search(lead) or AMOUNT.search(lead):
            return True
        if self.p.again is not None and any(not self._adverb(m.group(0)) and not self._of_other(text, m)
                                            for m in self.p.again.finditer(text, at - len(lead) - 1, at)):
            return True  # (again, more of it: "another"; not "then", nor "la" of "la farmacia")
        places, preps = self.words.places, self.words.phrase_openings  # ("day 3", "week 2"; "6 on Monday")
        return any(word.isdigit() and (k == len(words) - 1 or words[k + 1].lower() in preps)
                   and not (k and words[k - 1].lower() in places) for k, word in enumerate(words))

    def _dose_list(self, text: str, at: int) -> bool:
        """Whether a list of hours whose "at" is at ``at`` is the dose's: its part of the sentence (to a semicolon)
        names a dose, or the dose again, before it with no other order between ("Take 2 tablets at 8, 11 and 2",
        "…; and again at 10 and 12", "…; then 2 more at 10 and 12"), or the list opens its part and a dose follows
        ("At 8, 10 and 12, take 2 tablets"); not "…; she has swim practice at 4 and 6", "…; check your temperature
        at 8, 10 and 12"."""
        part = text.rfind(";", 0, at) + 1
        if self.dose.search(text, part, at) or AMOUNT.search(text, part, at) or self._again(text, part, at):
            return not self._elsewhere(text, at, at + 1)
        end = text.find(";", at)
        end = len(text) if end < 0 else end
        lead = _WORD.findall(text, part, at)
        return not any(self.words.is_verb(w) for w in lead) and bool(self.dose.search(text, at, end))

    def _again_between(self, text: str) -> bool:
        """Whether "again" stands between two times the sentence names ("at 7 am and again at 7 pm": its own two
        doses; not "After school and at bedtime give it again", the dose before given again)."""
        more = self.p.again.search(text) if self.p.again is not None else None
        found = self.found_times(text) if more is not None and self.p.times is not None else []
        return more is not None and any(m.end() <= more.start() for m in found) and any(
            m.start() >= more.end() for m in found)

    def _times(self, text: str) -> tuple[str, str, float] | None:
        """More times of the day named for a dose in one sentence than the plan gives doses a day ("Take 1
        capsule in the morning and at bedtime" on a once-a-day plan; "at 6 am, 9 am, noon, 3 pm, 6 pm and 9
        pm"): the words from the first to the last, "day" and their number.  Not where they are a choice
        ("in the morning or at bedtime"), nor in a sentence naming two medicines (each its own time), nor
        a time a negation governs ("at bedtime, not in the morning").  A window is one time ("between 8 pm
        and 10 pm"), and a clock time is the time of the day it falls in ("at bedtime, around 10 pm").
        Clock times closer together than a plan's own gap ("every 6 hours": ``Most.timed``) are too: "gap"
        and the hours ("at 8 am, 11 am, 2 pm and 5 pm"); a plan's times of the day are no gap to hold
        them to (amoxicillin's morning and bedtime may be 8 am and 6 pm)."""
        if self.most.per_day is None:
            return None
        named = self.named_times(text)
        if named is None:
            return None
        said, n, hours = named
        if n > self.most.per_day + EPS:
            return said, "day", float(n)
        gap = clocktimes.shortest_gap(sorted(set(hours)))
        if self.most.timed and self.most.hours is not None and gap is not None and gap < self.most.hours - EPS:
            return said, "gap", gap  # ("at 8 am, 11 am, 2 pm and 5 pm" on a plan of every 6 hours)
        return None

    def named_times(self, text: str) -> tuple[str, int, list[float]] | None:
        """The times of the day named for a dose in one sentence, each a dose (``_times``): the words from the first
        to the last, how many doses a day they make and their hours; None where they are a choice, the sentence names
        two medicines, or a missed dose's clause holds every one."""
        if self.p.times is None:
            return None
        if self.p.choices is not None and self.p.choices.search(text):
            return None
        if len({m.group(0).lower() for m in self.dose.finditer(text) if not self.p.doses.fullmatch(m.group(0))}) > 1:
            return None
        found = self.found_times(text)
        missed = missed_clause(self.words, text)
        if missed is not None:  # ("If you miss your bedtime dose, skip it and take the next one the following night")
            found = [m for m in found if not missed[0] <= m.start() < missed[1]]
            if not found:
                return None
        n, hours = occasions.count(text, found, self.p.occasions)
        said = text[found[0].start():found[-1].end()] if found else ""
        return (said[:-1] if said.endswith(".") and said.count(".") == 1 else said), n, hours

    def _elsewhere(self, text: str, start: int, end: int) -> bool:
        """Whether the how-often words at ``start`` are another thing's than the sentence's dose.

        * In a condition's clause with no dose taken in it ("Call your doctor if you need it every 2 hours",
          "… if pain needs a dose every 2 hours"; not "If needed take 2 tablets every 2 hours"), unless the
          clause after it takes the dose again ("If the fever is back after 2 hours, give another 2 tablets").
        * After another order, the nearest before them and no dose's, where their clause names no dose
          ("Take 2 tablets, and rinse your mouth 5 times a day", "… every 6 hours and drink water every 2
          hours", "Take your temperature every 2 hours and …"; not "Take 2 tablets, every 2 hours", "…, then
          chew 2 more every 2 hours", "…, and continue every 2 hours", "Leave 4 hours between doses")."""
        w = self.words
        first, _ = clause(text, start)
        lead = text[first:start]
        if w.condition_words:
            cond = next(reversed(list(words_pattern(w.condition_words, True).finditer(lead))), None)  # the last
            verbs = tuple(d for d in w.dose_words if d not in w.dose_nouns)
            if cond is not None and not (verbs and words_pattern(verbs, True).search(lead, cond.end())):
                # ... unless the clause after it takes the dose again, not negated: then the condition says
                # when ("If the fever is back after 2 hours, give another 2 tablets")
                _, last = clause(text, start)
                then = text[last + 1:]
                more = self.p.again.search(then) if self.p.again is not None and then else None
                negation = words_pattern(w.negations, True) if w.negations else None
                lost = words_pattern(w.lost_words, True).search(lead, cond.end()) if w.lost_words else None
                if more is None or lost is not None or (negation is not None and negation.search(then, 0, more.start())):
                    return True  # (nor after a lost dose: "If your child vomits within 1 hour, give it again")
        if self.dose.search(text, start, end) or (w.dose_nouns and words_pattern(w.dose_nouns, True).search(text, start, end)):
            return False  # (the words name the dose themselves: "4 hours between doses", "Wait at least 6 hours between doses")
        before = text[:start]
        no_dose = taken_not_doses(w.dose_words, w.not_doses) if w.not_doses else None
        taken_else = [m.span() for m in no_dose.finditer(before)] if no_dose is not None else []
        # Where the dose's words end before them, outside what "take" takes that is no dose ("Take your
        # temperature"), a number or more of it ("2 more", "another", "continue"); where another order's do
        dose_at = [m.end() for m in self.dose.finditer(before) if not any(a <= m.start() < b for a, b in taken_else)]
        dose_at += [m.end() for m in AMOUNT.finditer(before)] + [m.end() for m in re.finditer(r"\d", before)]
        # (not an adverb of repeat, which goes with any verb: "check your temperature again in 2 hours"; "them",
        # "otra" and "continue" are the dose's)
        adverbs = {r.lower() for r in w.repeat_words} & {f.lower() for f in w.repeat_fillers}
        dose_at += [m.end() for m in self.p.others.finditer(before)
                    if m.group(0).lower() not in adverbs] if self.p.others is not None else []
        order_at = [b for _, b in taken_else] + [m.end() for m in _WORD.finditer(before)
                                                 if w.is_verb(m.group()) and not self.dose.fullmatch(m.group())]
        return max(order_at, default=-1) > max(dose_at, default=-1)
