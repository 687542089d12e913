"""A once-a-week dose taken again, in a note typed for one patient (H154): the note and the handout's rules in,
errors out.

A note is typed at the desk and printed on one patient's page.  "If you vomit, take it again", "Take a second
dose on Thursday", "Take another dose after the scan" each give the weekly dose twice in one week, whatever day
the week's dose was: a weekly methotrexate dose taken again within days is the overdose the label's boxed warning
and ISMP's high-alert list are about, and a dose brought up is never simply taken again (the clinician decides,
and can write "Call us if you vomit").  ``frequency``'s rule refuses the dose again a day or less later, or on
another day it can count; this one refuses it where the note gives no week between the two doses at all.

A sentence about the weekly dose (``Rule.about_dose``) that takes it again (``taken_again``: "again", "otra vez";
or ``second_dose`` before the dose: "another dose", "a second dose", "6 more tablets", "repeat it") is refused,
unless

* it is said against ("Do not take it again", in the two words before: ``Rule._again``'s reading),
* what it takes again is another thing ("Repeat the blood test", "Take your painkiller again", "folic acid"),
* it starts a paused medicine again (``restarts``: "start it again after your surgery"),
* it is a forgotten dose's instruction (a late dose is the week's one dose), not a lost one's ("If you vomit"),
* it names days of a cycle ("day 8"), which ``frequency``'s rule counts,
* it puts the dose in another week (``week_later``, ``next_week_after``: "in a week", "next week", "as usual"),
  or on the plan's own day alone ("Take it again on Monday", where the plan's day is Monday).
"""

from __future__ import annotations

import re
import unicodedata

from .cycledays import day_refs
from .clauses import APOSTROPHES, clause, missed_clause
from .daynames import is_relative, named_days
from .dosing import medications, once_a_week
from .doseforms import _known, of_dose
from .model import Handout
from .weeklyrule import _THE, Rule
from .wordpatterns import words_pattern

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W\d_]+)*")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def plan_days(h: Handout) -> frozenset[int]:
    """The days of the week (0 for Monday) the plan gives its once-a-week doses on."""
    return frozenset(_WEEKDAYS.index(day) for track in h.facts.tracks for med in medications(track)
                     for step in med.steps if once_a_week(step) for day in step.days)


def taken_again(rule: Rule, text: str, days: frozenset[int]) -> str | None:
    """The words of one plain sentence of a note that take the weekly dose again within the week; None if none
    does (the module docstring says which do not)."""
    w = rule.words
    if not (w.taken_again or w.second_dose) or rule.lang_words is None:
        return None
    text = text.translate(APOSTROPHES)
    if not (rule.about_dose(text) or (rule.aliases is not None and rule.aliases.search(text))):
        return None
    if rule.others is not None and not rule.weekly_taken(text) and rule.of_other(text):
        return None  # ("Take folic acid again tomorrow")
    if rule.another_only(text):
        return None  # ("Ibuprofen 400 mg, take it again after 6 hours")
    found = [m for m in words_pattern(w.taken_again, True).finditer(text) if _its_dose(rule, text, m.start())] \
        if w.taken_again else []
    found += [m for m in words_pattern(w.second_dose, True).finditer(text) if _object_is_dose(rule, text, m.end())] \
        if w.second_dose else []
    found = [m for m in found if not _negated(rule, text, m.start()) and not _restarted(rule, text, m.start())]
    if not found:
        return None
    missed = missed_clause(w, text)
    if missed is not None and not (w.lost_words and words_pattern(w.lost_words, True).search(text, *missed)):
        return None  # (a forgotten dose taken late: "If you forget, take it when you remember")
    if day_refs(w).search(text):
        return None  # (days of a cycle, counted by ``frequency``'s rule: "day 1 - 6 days off - day 8 again")
    later = (*w.week_later, *w.next_week_after, *w.next_week_before)
    if later and words_pattern(later, True).search(text):
        return None
    named = named_days(w, text, alone=True)
    if named and days and all(not is_relative(d) and _weekday(w.weekdays, d) in days for _, _, d in named):
        return None  # (the plan's own day: "Take it again on Monday")
    return min(found, key=lambda m: m.start()).group(0)


def _negated(rule: Rule, text: str, at: int) -> bool:
    first, _ = clause(text, at)
    before = " ".join(text[first:at].split()[-3:])
    return bool(rule.words.negations) and words_pattern(rule.words.negations, True).search(before) is not None


def _restarted(rule: Rule, text: str, at: int) -> bool:
    """A restart word in the clause before ``at`` ("Start taking it again", "resume it again")."""
    first, _ = clause(text, at)
    return bool(rule.words.restarts) and words_pattern(rule.words.restarts, True).search(text, first, at) is not None


def _object_is_dose(rule: Rule, text: str, at: int) -> bool:
    """What the word ending at ``at`` takes ("another dose", "6 more tablets", "repeat it"): the dose, a number,
    or nothing at all; not another thing ("another blood test", "more water")."""
    nxt = _WORD.search(text, at)
    while nxt is not None and nxt.group(0).lower() in _THE and not text[at:nxt.start()].strip(" "):
        at, nxt = nxt.end(), _WORD.search(text, nxt.end())  # ("repeat the blood test": what "the" opens)
    if nxt is None or text[at:nxt.start()].strip(" ") or not nxt.group(0)[:1].isalpha():
        return True  # (nothing after it, a mark, or a number: "Repeat.", "another 6 tablets")
    return of_dose(rule, nxt.group(0))


def _its_dose(rule: Rule, text: str, at: int) -> bool:
    """Whether what is taken again before ``at`` ("take it again", "take your painkiller again") is the weekly dose:
    the words since the clause's last dose verb name it, or count it out, or stand for it, or name nothing
    else (a word no list of the language knows: another medicine, "painkiller")."""
    read = rule.lang_words
    assert read is not None
    first, _ = clause(text, at)
    words = list(_WORD.finditer(text, first, at))
    verbs = [i for i, m in enumerate(words) if read.dose_verbs.fullmatch(m.group(0))]
    said = [m.group(0) for m in words[verbs[-1] + 1:]] if verbs else []
    if any(rule.named.fullmatch(x) or (rule.aliases is not None and rule.aliases.fullmatch(x)) for x in said):
        return True
    return all(_known(read, x) for x in said)


def _weekday(names: tuple[str, ...], said: str) -> int | None:
    """The day of the week (0 for Monday) a named day is, by its first two letters in the language ("Mondays",
    "mon", "mié", "jeudis"): each language's are its own."""
    def bare(x: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", x.lower()) if not unicodedata.combining(c))[:2]
    return next((i for i, n in enumerate(names) if bare(n) == bare(said)), None)
