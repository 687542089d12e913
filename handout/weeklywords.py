"""The words H154 (``frequency``) reads a weekly plan's sentences with: one language's word list in, patterns out.

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
from functools import cache

from . import recache
from .clauses import clause
from .wordlists import WordList
from .wordlists import load as load_wordlist
from .wordpatterns import alternation, how_often_pattern, words_pattern

_WEEK = re.compile(r"week|semana|semaine", re.I)
_DAYS = re.compile(r"day|d[ií]a|jour", re.I)
_HOURS = re.compile(r"(?<![a-z])(?:h|hrs?|hours?|horas?|heures?)(?![a-z])", re.I)
# A course's length, not a gap between doses: "for 7 days" is seven doses, "every 7 days" one a week
_COURSE = re.compile(r"(?<!\w)(?:for|over|x|durante|por|pendant|durant)(?!\w)", re.I)
_WORD = re.compile(r"[\w'’-]+")


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

    def digits(self, said: str) -> str:
        """A phrase with its number in digits: "every seven days" is "every 7 days"."""
        if self.spelled is None:
            return said
        counts = self.words.count_words
        return self.spelled.sub(lambda m: str(counts.get(" ".join(m.group(0).lower().split()), m.group(0))), said)

    def weekly_or_less(self, said: str) -> bool:
        return weekly_or_less(self.digits(said))

    def ordered(self, text: str, at: int) -> bool:
        """Whether the course at ``at`` is a dose's: the verb nearest before it, in its part of the sentence (to
        a colon or semicolon, across commas), is a dose word ("Take 6 tablets by mouth, with food, for 3 days",
        "You should take …", "Tomar 6 comprimidos …", "Vous prendrez …"), said as an order (only
        ``imperative_lead`` words, a ``modals`` phrase or ``order_leads`` before it in its clause), or the part
        counts a dose with no verb ("Dose: 6 tablets for 3 days"); and nothing is what it takes ("… then nothing
        for 6 days").  Not "Stop your tablets for 3 days", "… and drink plenty of water for 2 days", "If you could
        not take them for 2 days, call us", "Your doctor may give you prednisolone for 5 days" (reviews)."""
        w = self.words
        part = max(text.rfind(";", 0, at), text.rfind(":", 0, at)) + 1
        first, _ = clause(text, at)
        opening = _WORD.findall(text, first, at)[:1]
        if opening and opening[0].lower() in {c.lower() for c in w.condition_words}:
            return False  # (the course is the condition's: "If you forget for 2 days, …")
        found = list(_WORD.finditer(text, part, at))
        dose = self.dose_verbs
        clause_verbs = {v.lower() for v in w.clause_verbs}
        for k in range(len(found) - 1, -1, -1):
            word = found[k].group(0).lower()
            if dose.fullmatch(word):
                between = [m.group(0).lower() for m in found[k + 1:]]
                taken = self.not_doses is None or self.not_doses.match(text, found[k].end()) is None
                return taken and self._said_as_order(text, found[k].start()) and not self._of_nothing(between)
            if (w.is_verb(word) and word not in w.leads) or word in clause_verbs:
                # another order, or a clause of its own: "… and drink water for 2 days", "Stop your tablets …",
                # "… and you may feel tired for a few days"
                return False
        return bool(re.search(r"\d", text[part:at])) and self.counted is not None and \
            self.counted.search(text, part, at) is not None

    def _said_as_order(self, text: str, verb: int) -> bool:
        first, _ = clause(text, verb)
        before = " ".join(m.group(0).lower() for m in _WORD.finditer(text, first, verb))
        for lead in sorted({*self.words.modals, *self.words.order_leads}, key=len, reverse=True):
            if before.endswith(lead.lower()):
                before = before[:-len(lead)]
                break
        return all(word in self.words.leads for word in before.split())

    def _of_nothing(self, between: list[str]) -> bool:
        """Whether the words between the dose word and the course say nothing is taken ("then nothing for 6
        days", "y nada durante 6 días", "no more for a week"); not "with no food", "(not 8)"."""
        strong = {n.lower() for n in self.words.nothing_words} - {"no", "not", "pas"}
        # ("no more for a week", "no tablets"; not "no more than 6", "no más de 6")
        return bool(strong & set(between[-3:])) or any(
            a in ("no", "not") and b in ("more", "tablets", "tablet", "doses", "dose", "más", "plus")
            and c not in ("than", "de", "que") for a, b, c in zip(between, between[1:], [*between[2:], ""]))


def _dose_verbs(words: WordList) -> re.Pattern[str]:
    """The word list's dose words that are verbs (not "dose", not what is counted)."""
    nouns = {n.lower() for n in words.dose_nouns}
    verbs = tuple(d for d in words.dose_words if d.lower() not in nouns and " " not in d)
    return re.compile("|".join(re.escape(v.rstrip("*")) + (r"[\w-]*" if v.endswith("*") else "") for v in verbs)
                      or "(?!)", re.I)


@cache
def patterns(lang: str) -> Weekly | None:
    words = load_wordlist(lang)
    if words is None or not words.daily:
        return None
    # (not a count that is a phrase whole: "twice a day")
    whole = {" ".join(d.lower().split()) for d in (*words.daily, *words.daily_again)}
    spelled = tuple(c for c in words.count_words if " ".join(c.lower().split()) not in whole)
    daily = _with_words(words.daily, spelled)
    assert daily is not None  # (words.daily is not empty)
    return Weekly(words, daily, _with_words(words.daily_again, spelled),
                  _with_words(words.course_days, spelled), words_pattern(spelled, True) if spelled else None,
                  _dose_verbs(words), words_pattern(tuple(words.counted), True) if words.counted else None,
                  recache.pattern(rf"\s+(?:{alternation(words.not_doses)})(?![\w'-])", re.I) if words.not_doses else None)


def _with_words(forms: tuple[str, ...], spelled: tuple[str, ...]) -> re.Pattern[str] | None:
    """``words_pattern`` of the phrases, and their "#" phrases with the number in words too
    (how_often_pattern's words start at a word; words_pattern's: "once-daily" too)."""
    if not forms:
        return None
    found = words_pattern(forms, True)
    counted = tuple(f for f in forms if "#" in f)
    if counted and spelled:
        found = recache.pattern(f"{found.pattern}|{how_often_pattern(counted, spelled).pattern}", re.I)
    return found


def weekly_or_less(said: str) -> bool:
    """A "#" phrase (its number in digits) whose number gives a dose once a week or less often: "1 fois par
    semaine", "every 7 days", "cada 14 días", "every 168 hours" (a review: the French weekly instruction itself
    was refused); never a course of days ("for 7 days": a review saw it pass as weekly)."""
    numbers = [int(n) for n in re.findall(r"\d+", said)]
    if not numbers:
        return False
    if _WEEK.search(said):
        return max(numbers) <= 1
    if said[:1].isdigit() or _COURSE.search(said):
        return False  # "7 jours sur 7", "7 days a week", "for 7 days": every day
    if _DAYS.search(said):
        return min(numbers) >= 7  # "every 7 days", "cada 7 días", "tous les 7 jours"
    if _HOURS.search(said):
        return min(numbers) >= 168
    return False
