"""The words H154 (``frequency``) reads a weekly plan's sentences with: one language's patterns (``weeklypatterns``
makes them) and a sentence in, what they say of it out.

``daily`` finds the words that give a dose every day or on several days ("every day", "every two days", "3 days in
a row"); ``later`` a dose again a day or less on ("in 2 days"); ``course`` a course of days ("for 3 days"), which is
a dose on each of them only in a clause that orders one (``ordered``).  A "#" in a phrase is a number in digits or
in words (``count_words``): "every two days" and "two days in a row" were printed under a weekly plan, as "every 2
days" was not (a review).  ``weekly_or_less`` tells a phrase whose number gives the dose once a week or less often
("every 7 days", "every seven days") from the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import clause
from .daynumbers import DAY_TOKEN, ONE_DAY, RANGE_END, SHORT_DAY_NUMBER, listed_days
from .wordlists import WordList
from .doseforms import COPULAS, PARTICIPLES, dose_is, named_amount
from .wordpatterns import ARTICLES, words_of, words_pattern

_WEEK = re.compile(r"week|semana|semaine", re.I)
_DAYS = re.compile(r"day|d[ií]a|jour", re.I)
_HOURS = re.compile(r"(?<![a-z])(?:h|hrs?|hours?|horas?|heures?)(?![a-z])", re.I)
# A course's length, not a gap between doses: "for 7 days" is seven doses, "every 7 days" one a week
_COURSE = re.compile(r"(?<!\w)(?:for|over|x|durante|por|pendant|durant|all)(?!\w)", re.I)  # ("all 7 days": daily)
_WORD = re.compile(r"[\w'’-]+")
_CLAUSE_END = re.compile(r"[.,;:!?()]")


@dataclass(frozen=True)
class Weekly:
    """One language's patterns (``patterns``)."""

    words: WordList
    daily: re.Pattern[str]
    later: re.Pattern[str] | None  # ``daily_again``
    course: re.Pattern[str] | None  # ``course_days``
    spelled: re.Pattern[str] | None  # a number in words where a phrase has its "#"
    dose_verbs: re.Pattern[str]  # the dose words that are verbs ("take", "tomar", "pren*")
    counted: re.Pattern[str] | None  # what is counted out ("tablet")
    not_doses: re.Pattern[str] | None  # what a dose word takes that is no dose ("it easy", "a break")
    repeats: re.Pattern[str] | None  # words that say the dose again ("repeat", "continue", "do this")

    def digits(self, said: str) -> str:
        """A phrase with its number in digits: "every seven days" is "every 7 days"."""
        if self.spelled is None:
            return said
        counts = self.words.count_words
        return self.spelled.sub(lambda m: str(counts.get(" ".join(m.group(0).lower().split()), m.group(0))), said)

    def weekly_or_less(self, said: str) -> bool:
        return weekly_or_less(self.digits(said))

    def is_course(self, text: str, found: re.Match[str]) -> bool:
        """Whether a match of ``course`` is a course of days to judge: not a day's number ("days 1 and 8" of a cycle,
        a week apart; "days 1-3." is three days: a full stop after the range kept the phrase's "#" from its end), and
        a bare one ("3 days.") right after what is counted ("Take 6 tablets 3 days."; not "within 3 days", "It
        will take 3 days")."""
        said = found.group(0)
        days, end = listed_days(text, found)
        listing = found.groupdict().get("days") is not None  # (DAY_LIST's match)
        if listing and self.other_order_after(text, end):
            return False  # ("Take 6 tablets on day 1, then on day 2 rest and drink water": day 2 is the rest's)
        if said.split()[0].lower() in SEQUENCE and self._clause_of_its_own(text, end):
            return False  # ("Take 6 tablets on Monday and the next day drink water", "… and the next day you may …")
        if len(days) > 1:  # a list of days' numbers: days running ("days 1, 2 and 3", "days 1 & 2") are a course
            if any(b - a < 7 for a, b in zip(days, days[1:])):
                return True
            if listing and RANGE_END.match(text, end) is None:
                return False  # ("days 1/8/15", "day 1 and on day 8": a week apart, no range after them)
            # Days a week apart ("days 1, 8 and 15" of a cycle, "D1 and D8") print, where no phrase read before
            # could match (a comma right after a number, a "D1"), and no range follows the list ("D1 and D8-D10")
            if RANGE_END.match(text, end) is None and (re.search(r"\d,", said) or SHORT_DAY_NUMBER.search(said)) \
                    and not re.search(r"\s,", said):
                return False
        if ONE_DAY.search(said) is not None and RANGE_END.match(text, found.end()) is None:
            return False
        if found.groupdict().get("bare") is None:
            return True
        before = _WORD.findall(text, 0, found.start())[-1:]
        return bool(before) and self.counted is not None and self.counted.fullmatch(before[0]) is not None

    def other_order_after(self, text: str, end: int) -> bool:
        """Whether the clause after a list of days' numbers (to its next mark) has a verb of its own, not a dose's:
        the list's last days are that verb's ("…, then on day 2 rest and drink water")."""
        return any(self.words.is_verb(m.group(0)) and not self.doses(m.group(0).lower())
                   and m.group(0).lower() not in self.words.leads for m in _WORD.finditer(text, end, _clause_stop(text, end)))

    def _clause_of_its_own(self, text: str, end: int) -> bool:
        """Whether what follows a course that opens with "and", "then" ("and the next day") is no more of the dose, in
        its part of the sentence (past a comma or a colon): its first word (past lead words) a subject, another verb,
        or another thing ("… and the next day you may feel tired", "…, drink water", "… a blood test", "…: rest");
        not a dose word, a number, what is counted or more of it ("… and the next day, take 6 tablets", "… 6 more"),
        nor nothing ("… and the next day if you can"; ``Rule.often`` asks whether a dose after it is the other
        medicine's)."""
        w = self.words
        stop = min((k for k in (text.find(";", end), text.find(".", end)) if k >= 0), default=len(text))
        for m in _WORD.finditer(text, end, stop):
            word = m.group(0).lower()
            if word in w.leads or word in ARTICLES:
                continue
            if word in words_of(w.subjects) or (w.is_verb(word) and not self.doses(word)):
                return True
            dose = words_of((*w.more_words, *w.dose_nouns, *w.condition_words, *w.count_words, *w.repeat_preps))
            return not (self.doses(word) or word[:1].isdigit() or word in dose or word in _ALSO
                        or (self.counted is not None and self.counted.fullmatch(word) is not None))
        return False

    def lists_days(self, text: str, found: re.Match[str]) -> bool:
        """Whether a course's match lists days by their numbers ("days 8, 9 and 10", "day 20, D22"): ``is_course``
        judged how far apart they are; their numbers are no gap between doses (``weekly_or_less``)."""
        return len(listed_days(text, found)[0]) > 1

    def dosed(self, text: str, at: int, names: re.Pattern[str] | None = None) -> bool | None:
        """Whether a day named at ``at`` is a dose's by the verb before it in its part of the sentence (to a semicolon
        or colon): a dose word ("Take 6 tablets Mon-Fri"), a verb undone by a negation ("Do not skip Monday and
        Thursday"); or not: one of ``other_verbs``, or a clause verb ("is", "are"), taking nothing of the dose
        before the day ("Call us Mon-Fri if you miss your dose", "Blood tests are on Tue and Thu"; not "Your dose
        is Monday and Thursday").  Other verbs are passed over ("Take 6 tablets; we agreed Monday and Thursday",
        "Use 6 tablets on …": reviews).  None where nothing before it decides."""
        w = self.words
        part = _part_start(text, at)
        clause_verbs = words_of(w.clause_verbs)
        others = words_pattern(w.other_verbs, True) if w.other_verbs else None
        for m in reversed(list(_WORD.finditer(text, part, at))):
            word = m.group(0).lower()
            if self.doses(word):
                return True
            verb = word.split("-")[0]  # ("Appelez-nous du lun. au ven.")
            if w.undo_negation and words_pattern(w.undo_negation, True).fullmatch(verb) and w.negations and \
                    words_pattern(w.negations, True).search(text, max(part, m.start() - 16), m.start()):
                return True  # ("Do not skip Monday and Thursday": take it on both)
            if w.hold_verbs and verb in words_of(w.hold_verbs):
                return False  # ("Stop methotrexate the day before surgery and restart the day after")
            if others is not None and others.fullmatch(verb):
                return self.takes_dose(text, m.start(), at, names)
            if word in clause_verbs:
                return self.takes_dose(text, clause(text, m.start())[0], at, names)
        return None

    def takes_dose(self, text: str, start: int, end: int, names: re.Pattern[str] | None = None) -> bool:
        """Whether the text from ``start`` to ``end`` takes something of the dose: a number (in digits or words),
        what is counted, a dose noun, more of it or a pronoun for it, or the medicine's name (``names``)."""
        w = self.words
        said = (*w.more_words, *w.thing_pronouns, *w.dose_nouns, *w.count_words, *w.number_words)
        return bool(re.search(r"\d", text[start:end])
                    or (self.counted is not None and self.counted.search(text, start, end))
                    or (said and words_pattern(said, True).search(text, start, end))
                    or (names is not None and names.search(text, start, end)))

    def _dosed_by(self, text: str, verb: int, at: int, names: re.Pattern[str] | None) -> bool:
        """Whether what the dose word at ``verb`` takes, up to ``at``, is a dose: a number, what is counted, more of
        it, a pronoun for it (``it_doses``: "take them"), a dose noun, or the medicine's name (``names``)."""
        w = self.words
        if re.search(r"\d", text[verb:at]) or (self.counted is not None and self.counted.search(text, verb, at)):
            return True
        said = (*w.more_words, *w.dose_nouns)
        return ((bool(said) and words_pattern(said, True).search(text, verb, at) is not None)
                or (bool(w.it_doses) and words_pattern(w.it_doses, True).search(text, max(0, verb - 12), at) is not None)
                or (names is not None and names.search(text, verb, at) is not None))

    def ordered(self, text: str, at: int, end: int, names: re.Pattern[str] | None = None, new: bool = False) -> bool:
        """Whether the course at ``at`` is a dose's, in its part of the sentence (to a colon or semicolon):
        - the dose word (or repeat word) nearest before it, across commas, is said as an order ("Take 6 tablets by
          mouth, with food, for 3 days", "You should take …", "Debe tomar …", "Vous prendrez …", "Take 6 tablets.
          Repeat for 3 days"), each clause after it going on with the order (a preposition, a number, what is
          counted: not "…, the nausea lasts for a day or two"), and what it takes is a dose, not nothing ("…
          then nothing for 6 days", "… with no alcohol for 2 days");
        - or the course opens its clause and an order follows it ("For 3 days, take 6 tablets", "Durante 3 días
          tome …");
        - or the part counts a dose with no verb ("Dose: 6 tablets for 3 days").
        Not "Stop your tablets for 3 days", "… and drink plenty of water for 2 days", "If you could not take them
        for 2 days, call us", "… and you may feel tired for a few days" (reviews)."""
        w = self.words
        part = _part_start(text, at)
        if part > 1 and text[part - 1] == ":" and all(self.listed(x) for x in _WORD.findall(text, part, at)):
            # (days listed after a colon are the dose's before it: "Take 6 tablets: days 1 2 3", "MTX 6 tabs: Days 1-3")
            colon = part - 1
            return self.ordered(text, colon, colon, names)
        first, _ = clause(text, at)
        before = [x.lower() for x in _WORD.findall(text, first, at)]
        if before[:1] and before[0] in {c.lower() for c in w.condition_words} and not any(
                self._after_condition(text, first, m.start()) for m in _WORD.finditer(text, first, at)):
            return False  # (the course is the condition's: "If you forget for 2 days, …")
        if all(x in w.leads for x in before) and self._order_after(text, end, new):
            return True
        found = list(_WORD.finditer(text, part, at))
        clause_verbs = {v.lower() for v in w.clause_verbs}
        for k in range(len(found) - 1, -1, -1):
            word = found[k].group(0).lower()
            if word in PARTICIPLES and k > 0 and found[k - 1].group(0).lower() == "be":
                # (a passive order: "Methotrexate 15 mg, to be taken on D1, D2, D3", "… should be taken …"; a review)
                return dose_is(self, text, part, found[k - 1], at, names)
            if self.doses(word):
                between = [m.group(0).lower() for m in found[k + 1:]]
                taken = self.not_doses is None or self.not_doses.match(text, found[k].end()) is None
                verb = found[k].start()
                # (an order read past a condition or for a third person takes the weekly dose only where it says
                # so: a count, an amount, a pronoun for it or its name; "If you feel sick take ondansetron for 2
                # days", "She will take the antibiotics for 7 days" are another medicine's)
                return (taken and self._said_as_order(text, verb, negated=new)
                        and (self._said_as_order(text, verb, extended=False, negated=new)
                             or self._dosed_by(text, verb, at, names))
                        and not self._of_nothing(between, text[found[k].end():at])
                        and self.goes_on(text, found[k].end(), at))
            if word in COPULAS and dose_is(self, text, part, found[k], at, names):
                return True  # (the plan said as what the dose is: "Your methotrexate dose is 6 tablets on D1+D2")
            if (w.is_verb(word) and word not in w.leads) or word in clause_verbs:
                # another order, or a clause of its own: "… and drink water for 2 days", "Stop your tablets …",
                # "… and you may feel tired for a few days"
                return False
        if not re.search(r"\d", text[part:at]):
            return False
        return (self.counted is not None and self.counted.search(text, part, at) is not None) or (
            names is not None and named_amount(self, text, part, at, names))

    def doses(self, word: str) -> bool:
        """A dose word, or one that says the dose again ("repeat", "continue"; not "then": what follows says)."""
        return self.dose_verbs.fullmatch(word) is not None or (
            self.repeats is not None and word not in SEQUENCE and self.repeats.fullmatch(word) is not None)

    def _order_after(self, text: str, end: int, new: bool = False) -> bool:
        """The course (ending at ``end``) opens its clause: whether the first verb after it in its part of the
        sentence is an order of a dose, in its own clause or right after the course ("For 3 days, take 6
        tablets", "Durante 3 días tome 6 comprimidos")."""
        stop = min((k for k in (text.find(";", end), text.find(":", end)) if k >= 0), default=len(text))
        listing = stop < len(text) and text[stop] == ":" and all(self.listed(x) for x in _WORD.findall(text, end, stop))
        if listing:  # ("Days 1-3: take 6 tablets", "Days 1, 2 and 3: take …": the list's own colon, its order after it)
            stop = min((k for k in (text.find(";", stop + 1), text.find(":", stop + 1)) if k >= 0), default=len(text))
        for m in _WORD.finditer(text, end, stop):
            word = m.group(0).lower()
            if self.doses(word):
                negations = self.words.negations
                refused = bool(negations) and words_pattern(negations, True).search(text, end, m.start()) is not None
                if refused and (new or listing):
                    return False  # ("Until Friday do not take any ibuprofen", "Days 1, 2 and 3: do not take …")
                between = _WORD.findall(text, end, m.start())
                if self._said_as_order(text, m.start(), negated=new) or all(x.lower() in self.words.leads for x in between):
                    return True
                # (or the rest of the course's list: "On days 1, 2 and 3 take …"; not "… and 3 do not take …")
                return all(self.listed(x) for x in between) and not refused
            if self.words.is_verb(word) and word not in self.words.leads:
                return False
        return False

    def listed(self, word: str) -> bool:
        """A lead word, or a word of a list of days' numbers a course opens ("and 3", "-3", "D2", "day 2")."""
        x = word.lower().strip("-")  # ("-3" of "Days 1-3")
        return (x in self.words.leads or x.isdigit() or DAY_TOKEN.fullmatch(x) is not None
                or x in words_of(self.words.and_words))

    def goes_on(self, text: str, verb: int, at: int) -> bool:
        """Whether each clause between the dose word and the course (at ``at``) goes on with its order: opens
        (after any ``imperative_lead`` words) with a preposition, a number, what is counted or more of it, or
        the course itself ("…, with food, for 3 days", "…, then 6 more for 2 days"); not "…, the nausea lasts
        for a day or two", "…, then feel tired for a day"."""
        w = self.words
        ok = {x.lower() for x in (*w.repeat_preps, *w.more_words, *w.count_words)} - SEQUENCE
        for brk in re.finditer(r"[,—–]", text[verb:at]):
            for m in _WORD.finditer(text, verb + brk.end()):
                word = m.group(0).lower()
                if m.start() >= at or word in ok or word[:1].isdigit() or self.doses(word) or (
                        self.counted is not None and self.counted.fullmatch(word)) or (
                        word in _NO and re.match(r"\s+(?:more|más|plus)\b", text[m.end():], re.I)):
                    break  # (the course opens it, or it goes on with the order, or limits it: "…, no more, …")
                if word not in w.leads:
                    return False
        return True

    def _said_as_order(self, text: str, verb: int, extended: bool = True, negated: bool = False) -> bool:
        """Whether the dose word at ``verb`` is said as an order: in its clause, only lead words before it
        (``imperative_lead``, ``modals``, ``order_leads``: "Usted debe tomar", "You must also take"), or "to", "de",
        "à" ("Try to take", "Merci de prendre"; not "Deje de tomar"), or "and" after an order ("Take 6 tablets and
        swallow them")."""
        w = self.words
        first, _ = clause(text, verb)
        said = [m.group(0).lower() for m in _WORD.finditer(text, first, verb)]
        if negated and w.negations and words_pattern(w.negations, True).search(text, first, verb) is not None and not (
                w.undo_negation and words_pattern(w.undo_negation, True).search(text, first, verb)):
            # ("No vuelva a tomarlo hasta el lunes siguiente": the weekly dose's own warning, a course to a day, new this
            # session; not "Do not forget to take …".  Courses read before keep their reading: "Don't be afraid to
            # take 6 tablets for 3 days" is an order, a review)
            return False
        if extended and (self._after_condition(text, first, verb) or self._third_person(text, first, verb)):
            return True
        before = " ".join(said)
        leads = sorted({*w.modals, *w.order_leads}, key=len, reverse=True)
        ands = {a.lower() for a in w.and_words}
        while True:  # ("Usted debe tomar", "You must also take")
            words = before.split()
            if words and words[-1] in _TO:  # ("Try to take", "It is important to take", "Merci de prendre")
                return not (len(words) > 1 and words[-2] in _STOPS)
            if words and words[-1] in ands:  # ("Take 6 tablets and swallow them …")
                earlier = [m for m in _WORD.finditer(text, first, verb) if self.doses(m.group(0).lower())]
                if earlier:
                    return self._said_as_order(text, earlier[-1].start())
            cut = next((lead for lead in leads if before == lead.lower() or before.endswith(" " + lead.lower())), None)
            if cut is not None:
                before = before[:-len(cut)].rstrip()
            elif words and words[-1] in w.leads:
                before = " ".join(words[:-1])
            else:
                return not words

    def _after_condition(self, text: str, first: int, verb: int) -> bool:
        """Whether the word at ``verb`` orders a dose after a condition with no comma before it ("If your pain is bad
        take 6 tablets for 3 days", "Si vous avez mal prenez …", "In case of a flare take …"): one of ``dose_orders``,
        in a clause that opens with a condition word or one of ``openers``, the word before it (past
        ``imperative_lead`` words) not its subject, "to", a modal,
        a negation or "and" ("If you take …", "If you forget to take …", "If you cannot take …": the condition's)."""
        w = self.words
        words = [m.group(0).lower() for m in _WORD.finditer(text, first, verb)]
        opener = w.openers and words_pattern(w.openers, True).match(text, first + len(text[first:verb]) - len(
            text[first:verb].lstrip()))
        if len(words) < 2 or not (words[0] in {c.lower() for c in w.condition_words} or opener):
            return False
        rest = " ".join(words[1:])
        modal = next((m for m in sorted(w.modals, key=len, reverse=True) if rest.endswith(" " + m.lower())), None)
        said = _WORD.match(text, verb)
        if modal is not None:  # ("If it hurts you should take …", "Si el dolor es fuerte tiene que tomar …")
            rest = rest[:-len(modal)]
        elif said is None or said.group(0).lower() not in {o.lower() for o in w.dose_orders}:
            return False
        left = rest.split()
        while left and left[-1] in w.leads:
            left.pop()
        return bool(left) and left[-1] not in _not_before_order(w)

    def _third_person(self, text: str, first: int, verb: int) -> bool:
        """Whether the dose word at ``verb`` follows a person and one of ``third_modals`` ("Ana should take", "Your
        child must take", "Ana debe tomar", "Ana doit prendre"), the person one to three words, none a verb, a
        negation or a pronoun for a thing (``thing_pronouns``: "It will take 3 days")."""
        w = self.words
        said = [m.group(0).lower() for m in _WORD.finditer(text, first, verb)]
        fillers = w.leads | words_of((*w.negation_fillers, *w.order_leads))
        modals = sorted((m.lower() for m in w.third_modals), key=len, reverse=True)
        while True:  # (past the words between the modal and the verb: "Ana should also take", "… doit le prendre")
            before = " ".join(said)
            modal = next((m for m in modals if before.endswith(" " + m)), None)
            if modal is not None or not said or said[-1] not in fillers:
                break
            said.pop()
        if modal is None:
            return False
        who = before[:-len(modal)].split()
        blocked = words_of((*w.thing_pronouns, *w.negations, *w.and_words, *w.condition_words, *w.clause_verbs)) | _TO
        return 1 <= len(who) <= 3 and not any(x in blocked or w.is_verb(x) for x in who)

    def _of_nothing(self, between: list[str], said: str) -> bool:
        """Whether the words between the dose word and the course say nothing is taken ("then nothing for 6
        days", "y nada durante 6 días", "no more for a week", "then no alcohol for 2 days", "sin alcohol"); not
        "no more than 6", "no más de 6", "(not 8)"."""
        strong = {n.lower() for n in self.words.nothing_words} - {"no", "not", "pas"}
        tail = between[-3:]
        if any(x in strong and (k == 0 or tail[k - 1] not in _WITH) for k, x in enumerate(tail)):
            return True  # (not "with nothing else": what goes with the dose)
        for a, b, c in zip(between, between[1:], [*between[2:], ""]):
            if a in _NO and b in ("more", "más", "plus") and c not in ("than", "de", "que") and b == between[-1] \
                    and not said.rstrip().endswith(","):
                return True  # ("no more for a week"; not "6 tablets, no more, for 3 days": a limit)
            if a in _NO and b not in _DOSED and not b[:1].isdigit() and not (
                    self.counted is not None and self.counted.fullmatch(b)):
                return True  # ("then no alcohol for 2 days", "sans alcool", "pas d'alcool")
        return any(a in _NO for a in between[-1:])  # ("then off for 6 days")


_PART_BREAK = re.compile(r"[;:](?!\d)")  # (not a clock time's colon: "Take 6 tablets at 8:00 on day 1 and day 2")


def _part_start(text: str, at: int) -> int:
    """Where the part of the sentence holding ``at`` starts: after the last semicolon or colon before it."""
    breaks = [m.end() for m in _PART_BREAK.finditer(text, 0, at)]
    return breaks[-1] if breaks else 0


def _clause_stop(text: str, at: int) -> int:
    mark = _CLAUSE_END.search(text, at)
    return mark.start() if mark is not None else len(text)


_ALSO = {"too", "also", "same", "again", "ditto", "también", "mismo", "igual", "aussi", "même", "pareil"}  # (the dose)
_TO = {"to", "de", "d", "à", "a"}
_WITH = {"with", "con", "avec"}
SEQUENCE = {"then", "and", "puis", "ensuite", "et", "luego", "después", "despues", "y"}  # (what follows says)
_STOPS = {"stop", "quit", "deje", "dejar", "pare", "parar", "suspenda", "arrêtez", "cessez", "interrompez", "arrêter"}
_NO = {"no", "not", "sin", "sans", "pas", "off", "pause", "arrêt", "pausa", "descanso"}
# (a dose's own words after "no": "no later than 9 am", "with no food": still how the dose is taken)
_DOSED = {"more", "tablets", "tablet", "doses", "dose", "más", "plus", "comprimidos", "comprimés", "than", "de", "que",
          "later", "earlier", "sooner", "less", "food", "meal", "meals", "comida", "alimentos", "repas", "nourriture",
          "water", "agua", "eau"}


def _not_before_order(w: WordList) -> frozenset[str]:
    """Words after which a dose verb is not an order of its own: its subject, "to", a modal's, a negation's, "and"."""
    return words_of((*w.subjects, *w.modals, *w.third_modals, *w.negations, *w.and_words)) | _TO


_LATER = re.compile(r"(?:later|después|despues|más\s+tarde|plus\s+tard|après|gap|break|rest)\s*$", re.I)


def weekly_or_less(said: str) -> bool:
    """A "#" phrase (its number in digits) whose number gives a dose once a week or less often: "1 fois par
    semaine", "every 7 days", "cada 14 días", "every 168 hours" (a review: the French weekly instruction itself
    was refused); never a course of days ("for 7 days": a review saw it pass as weekly)."""
    numbers = [int(n) for n in re.findall(r"\d+", said)]
    if not numbers or _COURSE.search(said):
        return False  # ("for 7 days", "for 1 week": a course, every day of it)
    if _WEEK.search(said):
        return max(numbers) <= 1
    if said[:1].isdigit() and not _LATER.search(said):
        return False  # "7 jours sur 7", "7 days a week": every day (not "7 days later", "48-hour gap")
    if _DAYS.search(said):
        return min(numbers) >= 7  # "every 7 days", "cada 7 días", "tous les 7 jours"
    if _HOURS.search(said):
        return min(numbers) >= 168
    return False
