"""A once-a-week medicine's dose on another day than the plan's, in a note typed for one patient (H161): a note, its
handout and where it was typed in; errors out.

The table beside the note gives methotrexate on Monday, and the calendar's boxes are Mondays.  "Take 6 tablets on
Tuesday" printed there (a review of notes): a patient reading both days may take both, twice the week's dose.  So a
note's sentence about the weekly dose that names another day is refused, even with the day it replaces ("Take
methotrexate on Tuesday instead of Monday": passed once, it printed beside a table, a check box and a calendar that
still said Monday; a clinic author's review): the patient's own day is ``--day``, which moves them all
(``weekday``).  A missed dose's late day is the missed dose's ("If you forget, take it on Tuesday"),
the plan's other medicine has days of its own ("Folic acid on Tuesday"), and a day said against is no dose's ("Never
take it on Tuesday").  A day left to the patient ("on any day you like", ``any_day``) is another day too.  Read in
the page's language and each note language, never remembered.
"""

from __future__ import annotations

import re

from .clauses import APOSTROPHES, clause, missed_clause
from .doseforms import of_dose
from .errors import Finding, Location
from .frequency import NOTE_LANGUAGES
from .frequency import _rule as weekly_rule
from .frequency import note_sentences
from .model import WEEKDAYS, Handout
from .noteagain import plan_days
from .warning import against, against_its_group
from .weeklyrule import Rule
from .daynames import relative_days, week_of
from .wordlists import WordList
from .wordpatterns import ARTICLES, LETTER_WORD, POSSESSIVES, words_pattern, words_regex

_CLAUSE_END = re.compile(r"[.,;:!?()]|$")
_OWN = ARTICLES | POSSESSIVES


def note_day(note: str, h: Handout, where: Location, path: str) -> list[Finding]:
    """The error for the first other day a note gives the weekly dose on (module docstring)."""
    days = plan_days(h)
    rules = [r for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)) if (r := weekly_rule(h, lang)) is not None]
    if not days or not rules:
        return []
    text = " ".join(note.replace("*", " ").replace("_", " ").split())
    # (the plan's other medicine left off the weekly day: "every day except Monday")
    skips = any(s.days and not {WEEKDAYS.index(d) for d in s.days} & days
                for t in h.facts.tracks for c in t.companions for s in c.steps)
    for sentence in note_sentences(text, h, rules):
        for r in rules:
            found = _other_day(r, sentence.translate(APOSTROPHES), days)
            said, other = found if found is not None else (None, False)
            if other and not skips:
                continue  # (a companion the plan gives on the weekly day too: its day is no other day)
            if said is not None and other:
                return [Finding(where, path, f"'{said}' in the note for the plan's other medicine, which the plan "
                                f"gives on every day but {r.weekly}'s (expected another day: on {said}, {r.weekly}'s "
                                "day, the table and the calendar leave it out)", code="H161")]
            if said is not None:
                week = week_of(tuple(rules[0].words.weekdays))
                names = {k: name for name, k in reversed(week.items())}  # (each day's first name in the list)
                # (English days capitalised, as English writes them; "lunes" as Spanish does: "on Lunes", a review)
                plan = " and ".join(names[d].capitalize() if names[d] in WEEKDAYS else names[d] for d in sorted(days)) \
                    if len(names) == 7 else "its day"
                if r.words.any_day and words_pattern(r.words.any_day, True).fullmatch(said):
                    return [Finding(where, path, f"'{said}' in the note, where the plan gives {r.weekly} on {plan} "
                                    f"(expected the plan's day: the table and the calendar give {plan}, and a day left "
                                    "to the patient may come twice in one week)", code="H161")]
                return [Finding(where, path, f"'{said}' in the note, where the plan gives {r.weekly} on {plan} "
                                f"(expected {plan}, the day the table, the calendar and the words give: a patient "
                                "reading both days may take both; a patient's own day moves them all: --day, a CSV's "
                                "weekday column)", code="H161")]
    return []


def _other_day(r: Rule, text: str, days: frozenset[int]) -> tuple[str, bool] | None:
    """The first day by its name that one sentence about the weekly dose gives it on, other than the plan's days, where
    the sentence names none of them; None if none (module docstring)."""
    w = r.words
    week = week_of(tuple(w.weekdays))
    if len(set(week.values())) != 7 or not (r.about_dose(text) or (r.aliases is not None and r.aliases.search(text))):
        return None
    if r.others is not None and r.of_other(text) and not r.weekly_taken(text):
        # (the other medicine's days: "Folic acid on Tuesday"; but not on the weekly day, which its plan leaves out:
        # "Take folic acid on Monday too" passed beside "every day except Monday", a review)
        said = next((m.group(0) for m in words_pattern(w.weekdays, True).finditer(text)
                     if _index(week, m.group(0)) in days and r.others.search(text, 0, m.start())
                     and not _excepted(w, text, m.start())
                     and not against(w, text, m.start(), m.end(), names=r.others)), None)
        return (said, True) if said is not None else None
    found = [(m, k) for m in words_pattern(w.weekdays, True).finditer(text) if (k := _index(week, m.group(0))) is not None]
    found += _short_days(w, text, week)
    if w.week_parts:  # (a part of the week for its day: "Take 6 tablets at the weekend" under Monday's; a review)
        found += [(m, k) for m in words_pattern(tuple(w.week_parts), True).finditer(text)
                  if (day := w.week_parts.get(" ".join(m.group(0).lower().split()).rstrip("s"))) is not None
                  and (k := _index(week, day)) is not None]
        found.sort(key=lambda x: x[0].start())
    if w.any_day and not any(k in days for _, k in found) and missed_clause(w, text) is None:
        # (a day left to the patient: "Take your weekly dose on any day you like", beside Monday's boxes; a review)
        for m in words_pattern(w.any_day, True).finditer(text):
            if _dose_day(r, text, m.start()) and not against(w, text, m.start(), m.end(), exceptions=False,
                                                              names=r.called):
                return m.group(0), False
    if not found or missed_clause(w, text) is not None or (w.relative_days and relative_days(w, text)):
        return None  # (a missed dose's late day; a day from today, a dose moved once: "Take 6 tablets today or Thursday")
    # The plan's day named, not said against, with no word of a change: the other days are H154's to read, or no
    # dose's ("on Monday, not on Tuesday"; "on Monday and rest midweek").  A change said whole is refused: "on Wednesday
    # instead of Monday" printed beside the table's, the check box's and the calendar's Monday; --day moves them all.
    plan = [m for m, k in found if k in days and not against(w, text, m.start(), m.end(), exceptions=False,
                                                             names=r.called)]
    changes = (*w.instead_words, *w.day_changes)
    if plan and not (changes and words_pattern(changes, True).search(text)):
        return None
    for m, k in found:
        if k in days:
            continue
        if _dose_day(r, text, m.start()) and not (against(w, text, m.start(), m.end(), exceptions=False, names=r.called)
                                                  or against_its_group(w, text, m.start(), r.called)):
            return m.group(0), False
    return None


# Words a day's short form follows ("on Sat.", "el sáb.", "le mer."; not "in the sun.", "la mer.")
_ON_DAY = frozenset({"on", "every", "each", "next", "this", "el", "los", "cada", "este", "próximo", "le", "les",
                     "chaque", "ce", "prochain"})


def _excepted(w: WordList, text: str, at: int) -> bool:
    """Whether the day at ``at`` follows an exception ("every day except Monday", "sauf le lundi")."""
    before = text[max(0, at - 24):at]
    return bool(w.exceptions) and re.search(rf"(?:{words_regex(tuple(w.exceptions))})\s+(?:\w+\s+)?$", before,
                                            re.I) is not None


def _short_days(w: WordList, text: str, week: dict[str, int]) -> list[tuple[re.Match[str], int]]:
    """The days a note names by a short form: one that is a day alone ("Wed", "mié": ``weekday_alone``), or any
    with its full stop ("Sat.", "mer."; "the sun" and French "mer" are words).  "Take your tablets on Wed." passed
    beside Monday's table, where "Wednesday" was refused (a review)."""
    if not w.weekday_short:
        return []
    alone = {a.lower() for a in w.weekday_alone}
    out = []
    for m in words_pattern(tuple(w.weekday_short), True).finditer(text):
        said = m.group(0).lower()
        full = w.weekday_short.get(said) or w.weekday_short.get(said.rstrip("s"))
        before = text[max(0, m.start() - 12):m.start()].split()
        if full is None or not (said in alone or said.rstrip("s") in alone or (
                text.startswith(".", m.end()) and before and before[-1].lower() in _ON_DAY)):
            continue
        k = _index(week, full)
        if k is not None:
            out.append((m, k))
    return sorted(out, key=lambda x: x[0].start())


def _dose_day(r: Rule, text: str, at: int) -> bool:
    """Whether the day at ``at`` is the dose's: after the nearest dose verb before it in its clause, only the dose's
    own words ("Take 6 tablets on", "Take your dose on", "Take it on"; not "Take the form to the lab on"), or no
    such verb (the medicine named: "Your methotrexate day is Wednesday")."""
    if r.lang_words is None:
        return True
    first, _ = clause(text, at)
    verbs = list(r.lang_words.dose_verbs.finditer(text, first, at))
    if verbs:
        return all(of_dose(r, x) or x.lower() in _OWN for x in LETTER_WORD.findall(text, verbs[-1].end(), at))
    if r.called.search(text):
        return True  # (the medicine named: "Your methotrexate day is Wednesday", "MTX Thursday")
    # (the day first: the dose's if what the verb after it takes is: "On Tuesday, take 6 tablets"; not "Until Friday
    # do not take any ibuprofen")
    after = r.lang_words.dose_verbs.search(text, at)
    if after is None:
        return False
    stop = _CLAUSE_END.search(text, after.end())  # (it matches at the end, at least)
    taken = LETTER_WORD.findall(text, after.end(), stop.start() if stop is not None else len(text))
    return bool(taken) and all(of_dose(r, x) or x.lower() in _OWN for x in taken)


def _index(week: dict[str, int], said: str) -> int | None:
    """A day's place in the week by its name as written, or its plural ("Tuesdays")."""
    low = said.lower()
    for form in (low, low[:-1]):
        if form in week:
            return week[form]
    return None
