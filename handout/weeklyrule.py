"""How a handout's sentences are read against its weekly plan (H154): one language's word list and the
plan's medicine names in (``frequency._rule`` makes it), a ``Rule`` out: what in a sentence gives the weekly
dose more often than once a week, and what excuses it (another medicine named, a warning against it, a
clause of circumstance).  What is judged, and why, is ``frequency``'s docstring; its entry points are there.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from . import recache
from .reading import continued
from .clauses import APOSTROPHES, clause, missed_clause, outside_while, repeat
from .warning import against, near
from .wordlists import WordList
from .cycledays import cycle_days, day_refs, days_alone, next_days
from .daynames import named_days
from .doseforms import another_named, of_dose, other_daily
from .weeklydays import AMOUNT, TIE_AFTER_NAME, TIE_BEFORE_NAME, dose_again, others_day, short_list_cut
from .weeklydays import days as weekly_days, past_against
from .weeklywords import SEQUENCE, Weekly
from .wordpatterns import words_pattern, words_regex


_WORDS = re.compile(r"[^\W\d_]+|\d+")  # words and numbers, for counting them
_THE = frozenset({"the", "your", "a", "el", "la", "su", "sus", "le", "les", "votre", "vos", "l"})
_MOST_PER_SENTENCE = 20  # daily words judged in one sentence (a review: a 90 KB sentence took 40 s)


@dataclass(frozen=True)
class Rule:
    """The patterns one handout's sentences are read with (from its word list and its plan's names)."""

    words: WordList
    weekly: str  # the weekly medicine, as the message names it
    daily: re.Pattern[str]
    dose: re.Pattern[str]
    named: re.Pattern[str]
    others: re.Pattern[str] | None
    later: re.Pattern[str] | None = None  # ``daily_again``: a day or less until the dose is taken again
    again: re.Pattern[str] | None = None  # the dose taken again: repeat words, "more", "another"
    lang_words: Weekly | None = None  # the language's patterns (``weeklywords``): numbers in words, courses of days
    aliases: re.Pattern[str] | None = None  # its other names and brands ("MTX", "Metoject": ``_aliases``)

    @cached_property
    def called(self) -> re.Pattern[str]:
        """The weekly medicine by its name or another ("MTX"), or the words naming its dose (``dose_names``: "your
        weekly medicine"): what an order may take as the dose, where a name can only tell more days or courses
        apart as the dose's, never excuse one."""
        said = [self.named.pattern, *([self.aliases.pattern] if self.aliases is not None else []),
                *([words_regex(tuple(self.words.dose_names))] if self.words.dose_names else [])]
        return re.compile("|".join(said), re.I)

    def often(self, text: str, repeated: bool = False) -> list[re.Match[str]]:
        """The words of how often in one sentence, in order: its daily words, a course of days in a clause that
        orders a dose ("Take 6 tablets for 3 days"), and where it takes the dose again (``repeated``, or a repeat
        word or more of it) a day or less until then ("Repeat in 24 hours", "Take 6 more tablets the next day":
        the weekly dose twice in two days)."""
        found = list(self.daily.finditer(text))
        read = self.lang_words
        if read is not None and read.course is not None:
            # (a day a missed dose may still be taken by is no course: "If you miss your dose, take it up to Thursday")
            courses = [m for m in read.course.finditer(text) if read.is_course(text, m)
                       and not (m.groupdict().get("until") and self.missed(text) and not self._kept_on(text, m.start()))
                       and read.ordered(text, m.start(), m.end(), self.called, new=bool(m.groupdict().get("until")))
                       and not self._others_next(text, m)]
            found = sorted([*found, *courses], key=lambda m: m.start()) if courses else found
        later = list(self.later.finditer(text)) if self.later is not None else []
        if later:  # (a daily word inside one is none: Spanish "al día siguiente" holds "al día")
            found = [m for m in found if not any(a.start() <= m.start() and m.end() <= a.end() for a in later)]
        if later and (repeated or self._again(text)) and not self.missed(text) and not self.another_only(text):
            # (not another medicine's dose again: "Paracetamol 1 g, repeat dose 24h later if the headache comes back")
            found = sorted([*found, *later], key=lambda m: m.start())
        return found

    def _cycle_again(self, before: str, text: str) -> tuple[int, int] | None:
        """Where ``text``, after ``before``, gives the weekly dose again on days of a cycle less than a week from those of
        ``before`` (``cycledays.next_days``): a sentence that says the dose again, its days' own numbers no count ("Take
        paracetamol on day 2." does not), and not said against ("No repita el día 2."); with a repeat word, each of
        its days is that dose's ("Take them again on day 2", "Do the same on day 2")."""
        repeats = self.again is not None and self.again.search(text) is not None
        if (repeats and not self._again(text)) or not dose_again(self, day_refs(self.words).sub(" ", text)):
            return None
        return next_days(self, before, text, repeats=repeats)

    def _others_next(self, text: str, m: re.Match[str]) -> bool:
        """Whether a course is the plan's other medicine's: named, or its count, nearest before it ("… and 1 folic
        acid tablet for the next 6 days"; "… and folic acid the next day and the day after"); for one that opens
        with "and", "then" ("and the next day"), or its dose after it, in its part of
        the sentence ("… and the next day, take folic acid", "… y al día siguiente 1 comprimido de ácido fólico");
        or a course of days of a cycle named nearest before it, the weekly dose having a day of its own ("Take 6
        tablets on day 1 and 1 folic acid tablet on days 2-7": the weekly regimen, refused before; a review)."""
        if self.others is None:
            return False
        refs = day_refs(self.words)
        if refs.search(m.group(0)) is not None or m.groupdict().get("days") is not None:  # (or "days 2,3,4" listed tight)
            return others_day(self, text, m.start(), refs)
        if m.group(0).split()[0].lower() not in SEQUENCE:
            # (its count or its name nearest before: "Take 6 tablets on Monday and 1 folic acid tablet for the next 6
            # days", refused before; not "Take 6 tablets and folic acid for 3 days", both medicines)
            return others_day(self, text, m.start(), refs)
        stop = text.find(";", m.end())
        after = text[m.end():stop if stop >= 0 else len(text)]
        return others_day(self, text, m.start(), refs) or (
            self.others.search(after) is not None and self.named.search(after) is None and self.of_other(after))

    def another_only(self, text: str) -> bool:
        """Whether ``text`` gives another medicine's dose by its name (``doseforms.another_named``: "Ibuprofen 400 mg"), and
        never names the weekly one, or another name for it ("MTX")."""
        read = self.lang_words
        if read is None or self.named.search(text) is not None or (self.aliases is not None and self.aliases.search(text)):
            return False
        return another_named(read, text, self.named)

    def _again(self, text: str) -> bool:
        """Whether the sentence takes the dose again, not negated in its clause ("Never repeat the dose the next
        day"; not "Do not worry, repeat the dose the next day")."""
        more = self.again.search(text) if self.again is not None else None
        if more is None:
            return False
        negation = words_pattern(self.words.negations, True) if self.words.negations else None
        first, _ = clause(text, more.start())
        if negation is not None and negation.search(" ".join(text[first:more.start()].split()[-3:])) is not None:
            return False
        return not self.again_of_other(text, more)

    def says_again(self, text: str) -> bool:
        """Whether a text takes the dose again (``_again``: not another thing a repeat word takes, nor negated)."""
        return self._again(text)

    def again_of_other(self, text: str, more: re.Match[str]) -> bool:
        """Whether what a repeat word (at ``more``) takes is another thing: "repeat blood test 24h later", "Repeat
        bloods on Wednesday", "repeat the mouthwash the next day" (reviews)."""
        first = _WORDS.search(text, more.end())
        if first is not None and not text[more.end():first.start()].strip() and self.again is not None and (
                again := self.again.match(text, first.start())) is not None:
            return self.again_of_other(text, again)  # (what the next repeat word takes: "…, then repeat the blood test")
        thing = next((x for x in _WORDS.finditer(text, more.end()) if x.group(0).lower() not in _THE), None)
        return thing is not None and thing.group(0).isalpha() and self.lang_words is not None and not of_dose(
            self, thing.group(0))

    def _kept_on(self, text: str, at: int) -> bool:
        """Whether the clause before ``at`` keeps the dose going ("If you miss Monday, keep taking 6 tablets until
        Thursday": one a day to then, not one late dose)."""
        w = self.words.continue_words
        kept = words_pattern(w, True).search(text, clause(text, at)[0], at) if w else None
        if kept is None:
            return False
        # (what goes on is the dose, its word within two words after: "keep taking 6 tablets", "keep going with 6
        # tablets"; not the plan's other medicine, "continue with 1 folic acid tablet till Wednesday", nor another
        # thing before an "and": "go on and take it up to Thursday", "continue with your fluids as normal and take
        # …"; reviews)
        dose = self.dose.search(text, kept.end(), at)
        between = text[kept.end():dose.start()] if dose is not None else ""
        ands = words_pattern(self.words.and_words, True) if self.words.and_words else None
        return (dose is not None and len(_WORDS.findall(between)) <= 2 and not (ands is not None and ands.search(between))
                and not (self.others is not None and self.others.search(text, kept.end(), at)))

    def missed(self, text: str) -> bool:
        """A missed dose's instruction (``clauses.missed_clause``: "If you miss Monday, take it on Tuesday", "Si
        olvida la dosis del lunes, tómela al día siguiente", "You missed Monday: …"): the day it takes the dose
        on is the late dose, the one dose of that week, not a second."""
        return missed_clause(self.words, text) is not None

    @property
    def either(self) -> re.Pattern[str]:
        """The daily words or, a day or less until the dose again, for a repeat's how often ("Repeat in 24 hours")."""
        if self.later is None:
            return self.daily
        return recache.pattern(f"{self.daily.pattern}|{self.later.pattern}", re.I)

    def maybe(self, text: str) -> bool:
        """A quick look: may the text say a dose more often than once a week?"""
        course = self.lang_words.course if self.lang_words is not None else None
        return (self.daily.search(text) is not None or (self.later is not None and self.later.search(text) is not None)
                or (course is not None and course.search(text) is not None) or weekly_days(self, text) is not None
                or cycle_days(self, text) is not None)

    def said(self, text: str, repeated: bool = False) -> str | None:
        """The words saying "every day" in one plain sentence about a weekly dose; None if it is not one.
        ``repeated``: the sentence says again the dose of the one before it ("Repeat every morning")."""
        text = text.translate(APOSTROPHES)
        if not (repeated or self.about_dose(text) or (self.aliases is not None and self.aliases.search(text))):
            return None  # (a brand too: "Metoject every day"; only here, never for which sentence a repeat follows)
        for k, m in enumerate(self.often(text, repeated)):
            if k == _MOST_PER_SENTENCE:
                return m.group(0)  # (a sentence of hundreds of them: said, not judged one by one for minutes)
            if other_daily(self, text, m):
                continue  # ("Keep your methotrexate apart from your daily tablets", a review)
            if self.lang_words is not None and self.lang_words.weekly_or_less(m.group(0)) \
                    and not self.lang_words.lists_days(text, m):  # (not "days 8, 9 and 10": days, not a gap)
                continue
            if against(self.words, text, m.start(), m.end(), exceptions=False, names=self.named):
                continue
            if self._circumstance(text, m.start()):
                continue
            if self.others is not None and not self.weekly_taken(text) and self.of_other(text):
                # about the plan's other medicine ("folic acid every morning"), not with the weekly one; the days the
                # sentence names are still read below ("Methotrexate Monday, again Wednesday, folic acid the other
                # days": the other days are folic acid's, Monday and Wednesday methotrexate's)
                continue
            if self.others is not None and self._others_clause(text, m.start()):
                continue  # ("Take your tablets on Monday; folic acid every morning except Monday")
            return m.group(0).rstrip()  # (a phrase's "#" takes the spaces after its number: "on days 1 ")
        missed = missed_clause(self.words, text)
        days = weekly_days(self, text, missed)  # ("… on Monday, Wednesday and Friday")
        if days is None:  # ("… on day 1 and take 6 tablets on day 2", "D1 · D2 · D3")
            days = cycle_days(self, text)
        if days is not None and against(self.words, text, days[0], days[1], exceptions=False, names=self.named):
            # (the days said against, and their list, left out: the others may still be two; "Never take
            # methotrexate on Sunday; take 6 tablets on Monday and Tuesday", a review: printed)
            left = past_against(self, text)
            days = weekly_days(self, left, missed) if left != text else None
            if days is not None and against(self.words, left, days[0], days[1], exceptions=False, names=self.named):
                days = None
        if days is None:
            return None
        if (self.others is not None and not self.weekly_taken(text) and self.of_other(text)
                and not self._named_before(text, days[0])):
            return None  # (the other medicine's days: "Folic acid Mon-Sat, methotrexate Sunday")
        return text[days[0]:days[1]]

    def _named_before(self, text: str, at: int) -> bool:
        """Whether the name nearest before ``at`` is the weekly medicine's, not the other's: the days after it are its
        own ("Methotrexate Monday, again Wednesday, folic acid the other days", a review: printed)."""
        assert self.others is not None
        weekly = [m.start() for m in self.named.finditer(text, 0, at)]
        other = [m.start() for m in self.others.finditer(text, 0, at)]
        return bool(weekly) and weekly[-1] > max(other, default=-1)

    def _circumstance(self, text: str, at: int) -> bool:
        """Whether the clause holding ``at`` is a condition that names no dose, or the part of the sentence (to a
        semicolon) holding it names none and says something of its own: "If you have a fever for two days running,
        skip your tablets", "Take 6 tablets on Monday; the nausea may last two days in a row" say when, or how
        long something else lasts, not how often a dose is taken (reviews)."""
        first, end = clause(text, at)
        opening = text[first:end].split()[:1]
        read = self.lang_words
        if (opening and self.words.condition_words and words_pattern(self.words.condition_words, True)
                .fullmatch(opening[0].strip("¿¡")) and self.dose.search(text, first, end) is None):
            # (and the sentence orders no dose then: "When you get up every morning, take your tablets" does)
            rest = text[:first] + " " + text[end:]
            return read is None or not any(read.dose_verbs.fullmatch(m.group(0)) and not self._negated(rest, m.start())
                                           for m in re.finditer(r"[\w'-]+", rest))
        part, stop = text.rfind(";", 0, at) + 1, text.find(";", at)
        stop = len(text) if stop < 0 else stop
        # (nor says the dose again, or stands for it: "…; you can do this every morning", "…; they are needed every
        # morning")
        return (part > 0 and bool(self.words.clause_verbs) and self.dose.search(text, part, stop) is None
                and (self.again is None or self.again.search(text, part, stop) is None)
                and not _STANDS_FOR_IT.search(text, part, stop)
                and words_pattern(self.words.clause_verbs, True).search(text, part, stop) is not None)

    def _negated(self, text: str, at: int) -> bool:
        """Whether a negation stands in the two words before ``at`` ("no tome", "do not take")."""
        before = re.findall(r"[\w'-]+", text[:at])[-2:]
        return bool(self.words.negations) and any(words_pattern(self.words.negations, True).fullmatch(b)
                                                  for b in before)

    def _others_clause(self, text: str, at: int) -> bool:
        """Whether the clause holding ``at`` is about the plan's other medicine alone: named there, the weekly one
        not, and what is counted there tied to it ("…; folic acid every morning", "…, and 1 folic acid tablet every
        morning"; not "…, and take it with folic acid every morning")."""
        assert self.others is not None
        first, last = clause(text, at)
        part = text[first:last]
        return bool(self.others.search(part)) and not self.named.search(part) and self.of_other(part)

    def about_dose(self, text: str) -> bool:
        """Does one plain sentence speak of a dose (a dose word, an amount, the weekly medicine's name)?"""
        # (not in a clause of circumstance: "Drink water every day while you take methotrexate")
        doses = outside_while(self.words, text.translate(APOSTROPHES))
        return bool(self.dose.search(doses) or AMOUNT.search(doses) or self.named.search(doses))

    def repeats(self, text: str, before: str | None) -> bool:
        """Does ``text`` say only that the dose the sentence ``before`` gives is taken again, and how often
        ("Take 6 tablets. Repeat every morning.", "Then do the same every day": ``clauses.repeat``)?  Not a
        dose of the plan's other medicine, before or in it ("Take 1 folic acid tablet. Do the same every
        day.", "Do the same with folic acid every morning")."""
        if before is None or not self.about_dose(before) or repeat(self.words, text, self.either) is None:
            return False
        if self.others is not None and self.others.search(text):
            return False
        before = before.translate(APOSTROPHES)
        return self.others is None or self.weekly_taken(before) or not self.of_other(before)

    def read(self, sentences: list[str], before: str | None = None) -> tuple[list[tuple[str, str, bool]], str | None]:
        """(the sentence as read, the words saying "every day", whether it repeats the dose before) for each
        sentence of one text that says a weekly dose is taken every day, read as ``reading.continued`` joins
        them ("Take 15 mg p.o. every morning"); and the dose a sentence after the text may repeat.
        ``before``: the one the text may repeat (of the list item before it: "Take 6 tablets." / "Repeat
        every morning.").  What a sentence repeats stays the dose the next one may repeat too ("Take 6
        tablets. Repeat at bedtime. Do the same every morning.")."""
        found: list[tuple[str, str, bool]] = []
        wait: str | None = None
        for _, s in continued(sentences):
            # (a wait says what comes after it, and leaves the dose for the next sentence: "… Monday. Wait 48 hours.
            # Bloods on Wednesday."; "… Monday. Wait 48 hours. Take another 15 mg Wednesday."; a next sentence that
            # takes the dose again is read with it: "Take 6 tablets. Wait 3 days. Repeat.", a review)
            if wait is not None and (self._again(s) or self.about_dose(s)):
                s = f"{wait} {s}"
            wait = None
            waits = bool(_WAITS.match(s)) and not self._again(s) and not self.about_dose(s)
            if waits:
                wait = s
            repeated = before is not None and not self.about_dose(s) and self.repeats(s, before) and not waits
            said = self.said(s, repeated) if self.maybe(s.translate(APOSTROPHES)) else None  # ("jusqu’à jeudi")
            if said is not None:
                found.append((s, said, repeated))
            elif before is not None and (both := short_list_cut(self, before, s)) is not None:
                found.append((s, both, True))  # ("Take 6 tablets Mon. and Thurs.": a short day's full stop cut it)
            elif (before is not None and dose_again(self, s) and self.about_dose(before)
                  and not self.missed(s)):
                # The weekly dose again on another day, in the next sentence ("Take 6 tablets on Monday. Take the
                # same dose again on Tuesday.", "… Take 6 tablets on Thursday."): the days of both sentences, as one
                # week's
                both = f"{before} {s}"
                days = weekly_days(self, both, missed_clause(self.words, both))  # ("Missed today's dose? Take … tomorrow")
                # (its last day by name, as before short days were read, else its last short day: "Take them again
                # on Thursday, do not take Sat/Sun" is said against Sun, not Thursday; a review)
                full = list(words_pattern(self.words.weekdays, True).finditer(s)) if self.words.weekdays else []
                # (a short day read alone only where the sentence names no other: "Take 6 tablets Mon. Take 6 tablets
                # Fri."; not the last of "Repeat Tue-Thu, not Fri", which is said against; a review)
                listed = named_days(self.words, s)
                # (where the sentence lists none, its last short day alone not said against: "Take 6 more on Wed,
                # not Thu"; a review)
                alone = [] if listed else [d for d in named_days(self.words, s, alone=True) if not against(
                    self.words, s, d[0], d[1], exceptions=False, names=self.named)]
                day = ((full[-1].start(), full[-1].end()) if full else next(
                    ((a, b) for a, b, _ in reversed(listed or alone)), None)) \
                    if days is not None and days[1] > len(before) else None
                if days is not None and day is not None and not against(
                        self.words, s, day[0], day[1], exceptions=False,
                        names=self.named):  # ("Never take them again on Tuesday")
                    found.append((s, both[days[0]:days[1]], True))
                elif days is None and (cycle := self._cycle_again(before, s)) is not None:
                    found.append((s, s[cycle[0]:cycle[1]], True))  # ("Take 6 tablets on day 1. Repeat on day 2.")
            elif before is not None and self.about_dose(before) and not self.missed(before) and days_alone(self, s) \
                    and not self.another_only(before):
                # (days alone after the dose are its, as after a colon: "Take 6 tablets. Day 1 and day 2."; and they
                # stay its for the next ones: "Take 6 tablets. On day 1. And on day 2.")
                head = before.rstrip().rstrip(".!") + ": "
                said = self.said(head + s)
                at = (head + s).rfind(said) if said is not None else -1
                if said is not None and at + len(said) > len(head):
                    found.append((s, (head + s)[max(at, len(head)):at + len(said)], True))
                else:
                    before, repeated = head + s, True
            if not repeated and not waits:
                before = s
        return found, before

    def weekly_taken(self, text: str) -> bool:
        """The weekly medicine named in a clause that neither forbids it nor names its day ("Take folic acid
        every day, but never on the day you take methotrexate", "...; methotrexate only on Monday")."""
        w = self.words
        days = words_pattern(w.day_words, True) if w.day_words else None
        negation = words_pattern(w.negations, True) if w.negations else None
        # (the daily words' own "day" names no day: "Take methotrexate and folic acid every day" passed)
        blank = self.daily.sub(lambda d: " " * len(d.group(0)), text)
        others = [o.start() for o in self.others.finditer(text)] if self.others is not None else []
        for m in self.named.finditer(text):
            first, last = clause(text, m.start())
            # (a day the other medicine is named before is its: "Take the methotrexate every day and the folic acid
            # on Mondays" names no day for methotrexate; a review)
            last = min([o for o in others if m.end() <= o < last], default=last)
            first = max([o for o in others if first <= o < m.start()], default=first)
            # (its one day; two or more are no day of its own: "Take FA on Sunday and MTX Monday to Friday")
            if not ((days is not None and days.search(blank, first, last)
                     and len({d for _, _, d in named_days(w, text[first:last])}) < 2)
                    or (negation is not None and negation.search(text, first, last))):
                return True
        return False

    def of_other(self, text: str) -> bool:
        """Whether the sentence's dose is the plan's other medicine: named, and not beside the weekly one
        by a pronoun or an accompaniment ("Take it with your folic acid every morning", "Tómelo con el
        ácido fólico"), nor with what is counted out away from its name ("Take your tablets and folic
        acid": the tablets are the weekly ones; "1 folic acid tablet", "1 tablet of folic acid" are not)."""
        assert self.others is not None
        names = [(n.start(), n.end()) for n in self.others.finditer(text)]
        if not names:
            return False
        w = self.words
        negation = words_pattern(w.negations, True) if w.negations else None
        for it in words_pattern(w.it_doses, True).finditer(text) if w.it_doses else ():
            first, last = clause(text, it.start())
            if negation is None or not negation.search(text, first, last):
                return False  # ("Take your folic acid every day, and do not take it on Monday": its own clause)
        if w.with_words and near(text, words_pattern(w.with_words, True), [a for a, _ in names]):
            return False
        # What is counted out, a dose, an amount: each tied to the other medicine's name ("1 folic acid
        # tablet"), or it is the weekly one's ("Take your dose and folic acid every morning": a review)
        counted = (*w.counted, *w.dose_nouns)
        starts, ends = [a for a, _ in names], [b for _, b in names]
        found = [*(words_pattern(counted, True).finditer(text) if counted else ()), *AMOUNT.finditer(text)]
        for c in found:
            # Only the nearest name after it and before it can be tied (TIE_BEFORE_NAME, TIE_AFTER_NAME): linear,
            # not every name against every count (a 14 KB note took 7 s, cubic)
            i, j = bisect.bisect_left(starts, c.end()), bisect.bisect_right(ends, c.start()) - 1
            if not ((i < len(starts) and c.end() <= starts[i] and TIE_BEFORE_NAME.fullmatch(text, c.end(), starts[i]))
                    or (j >= 0 and ends[j] <= c.start() and TIE_AFTER_NAME.fullmatch(text, ends[j], c.start()))):
                return False
        return True

    def message(self, said: str, where: str, repeated: bool = False) -> str:
        # ("Take 6 tablets. Repeat every morning.": the dose is in the sentence before)
        again = " (the sentence before it gives the dose)" if repeated else ""
        return (f"'{said}' in {where}{again}, where the plan gives {self.weekly} once a week (expected the plan's day, the "
                "other medicine named, or a warning against it: a weekly dose taken on more than one day of a week is too "
                "much; taken every day, 7 times too much)")


# A sentence that opens with a wait says what comes after it, not the dose again, unless it says so ("Wait 48 hours,
# then repeat.")
_WAITS = re.compile(r"\s*(?:wait|leave|espere|deje|attendez|laissez)(?![\w'’])", re.I)
_CLAUSE_MARKS = re.compile(r"[,;:—–()]")
# Pronouns that may stand for the dose named before ("…; it should be used every morning")
_STANDS_FOR_IT = re.compile(r"(?<![\w'])(?:it|they|them|this|these|those|esto|eso|ellos|ellas|cela|ça|ils|elles)(?![\w'])",
                            re.I)
