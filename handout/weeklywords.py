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
from .wordpatterns import how_often_pattern, words_pattern

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

    def digits(self, said: str) -> str:
        """A phrase with its number in digits: "every seven days" is "every 7 days"."""
        if self.spelled is None:
            return said
        counts = self.words.count_words
        return self.spelled.sub(lambda m: str(counts.get(" ".join(m.group(0).lower().split()), m.group(0))), said)

    def weekly_or_less(self, said: str) -> bool:
        return weekly_or_less(self.digits(said))

    def ordered(self, text: str, at: int) -> bool:
        """Whether the clause holding ``at`` opens with an order to take a dose (``dose_orders``, after any
        ``imperative_lead`` words): "Take 6 tablets by mouth for 3 days"; not "Stop your tablets for 3 days",
        "If you could not take it for 2 days, call us", "then nothing for 6 days"."""
        first, _ = clause(text, at)
        orders = {w.lower() for w in self.words.dose_orders}
        words = [w.lower() for w in _WORD.findall(text, first, at)]
        for k, word in enumerate(words):
            if word in orders:
                # (and not of nothing: "Tome 6 comprimidos el lunes y nada durante 6 días")
                return not {*self.words.nothing_words, *self.words.negations} & set(words[k + 1:])
            if word not in self.words.leads:
                return False
        return False


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
                  _with_words(words.course_days, spelled), words_pattern(spelled, True) if spelled else None)


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
