"""A once-a-week dose taken again, in a note typed for one patient (H154): the note and the handout's rules in,
errors out.

A note is typed at the desk and printed on one patient's page.  "If you vomit, take it again", "Take a second
dose on Thursday", "Take another dose after the scan" each give the weekly dose twice in one week, whatever day
the week's dose was: a weekly methotrexate dose taken again within days is the overdose the label's boxed warning
and ISMP's high-alert list are about, and a dose brought up is never simply taken again (the clinician decides,
and can write "Call us if you vomit").  ``frequency``'s rule refuses the dose again a day or less later, or on
another day it can count; this one refuses it where the note gives no week between the two doses at all.

A sentence about the weekly dose (``Rule.about_dose``), or any sentence after a dose brought up ("If you vomit"),
that takes it again is refused: ``taken_again`` ("again", "otra vez"), ``second_dose`` before the dose ("another
dose", "a second dose", "6 more tablets", "repeat it"), ``day_again`` where the note names a day ("Also take it on
Thursday", "your next dose on Wednesday"), or, after a dose brought up, any order to take it ("take 6 tablets",
``lost_redo``: "replace the dose").  Unless

* it is said against: a negation before it in its clause, not past an "and" ("Do not take the dose again"),
* it says what happened or is needed, in a condition, with a call for help ("If you take it again by mistake,
  call us"),
* what it takes again is another thing ("Repeat the blood test", "Take your painkiller again", "folic acid"),
* it starts a paused medicine again (``restarts``: "start it again after your surgery"; never after a dose
  brought up),
* it is a forgotten dose's instruction, right after its condition (a late dose is the week's one dose), not a lost
  one's ("If you vomit") nor an unsure one's ("If you forget whether you took it"),
* it names days of a cycle ("day 1 … day 8"), which ``frequency``'s rule counts,
* it puts the dose a week or more later in its own clause (``week_later``: "next week", "in a week", "in 14 days";
  not "as usual", "before next week"), or on the plan's own day alone ("Take it again on Monday"; never after a
  dose brought up, nor at another time of that day: "Take another dose on Monday evening" beside Monday morning's).
"""

from __future__ import annotations

import re
import unicodedata

from .cycledays import day_refs
from .clauses import APOSTROPHES, clause, missed_clause
from .daynames import is_relative, named_days
from .dosing import medications, once_a_week
from .doseforms import _known, of_dose
from .model import WEEKDAYS, Handout
from .warning import against
from .weeklyrule import _THE, Rule
from .wordlists import WordList
from .wordpatterns import words_pattern

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W\d_]+)*")


def plan_days(h: Handout) -> frozenset[int]:
    """The days of the week (0 for Monday) the plan gives its once-a-week doses on."""
    return frozenset(WEEKDAYS.index(day) for track in h.facts.tracks for med in medications(track)
                     for step in med.steps if once_a_week(step) for day in step.days)


def taken_again(rule: Rule, text: str, days: frozenset[int], repeats: bool = False,
                times: frozenset[str] = frozenset()) -> str | None:
    """The words of one plain sentence of a note that take the weekly dose again within the week; None if none
    does (the module docstring says which do not).  ``repeats``: the sentence only repeats the plan's dose, as a
    note's first one does ("Repeat on Thursday", printed beside Monday's dose: a review of notes).  ``times``: the
    times of the day the plan gives the weekly dose at (``plan_times``)."""
    w = rule.words
    if not (w.taken_again or w.second_dose or repeats) or rule.lang_words is None:
        return None
    text = text.translate(APOSTROPHES)
    lost = _lost(rule, text)
    # (after a dose brought up, what is taken again is that dose: "If you vomit, repeat it", a code review)
    if not (lost or repeats or rule.about_dose(text) or (rule.aliases is not None and rule.aliases.search(text))):
        return None
    if rule.others is not None and not rule.weekly_taken(text) and rule.of_other(text):
        return None  # ("Take folic acid again tomorrow")
    if rule.another_only(text):
        return None  # ("Ibuprofen 400 mg, take it again after 6 hours")
    named_any = named_days(w, text, alone=True)
    found = [m for m in words_pattern(w.taken_again, True).finditer(text) if _its_dose(rule, text, m.start())] \
        if w.taken_again else []
    found += [m for m in words_pattern(w.second_dose, True).finditer(text) if _object_is_dose(rule, text, m.end())
              and not _after_word(text, m.start())] if w.second_dose else []
    # ("Also take it on Thursday", "Take your next dose on Wednesday": more of it, on a day said; a second review)
    found += [m for m in words_pattern(w.day_again, True).finditer(text)] if w.day_again and named_any else []
    if repeats and not found and w.repeat_words:  # ("Repeat on Thursday": the repeat itself, where nothing else says so)
        found = list(words_pattern(w.repeat_words, True).finditer(text))
    def kept(matches: list[re.Match[str]]) -> list[re.Match[str]]:
        # (nor a warning of harm: "Taking more can be serious or fatal", "Tomar más puede ser grave o mortal", the
        # handout's own words, were refused)
        return [m for m in matches if not _negated(rule, text, m.start())
                and not (not lost and _restarted(rule, text, m.start())) and not _what_happened(rule, text, m.start())
                and not against(w, text, m.start(), m.end(), exceptions=False, names=rule.named)]
    found = kept(found)
    if not found and lost:  # (after a dose brought up, any order to take it: "take 6 tablets", "replace the dose"; a
        found = kept(_ordered_after(rule, text))  # second review; said by its own words where it has them)
    if not found:
        return None
    at = min(m.start() for m in found)
    missed = missed_clause(w, text)
    unsure = missed is not None and w.past_doses and words_pattern(w.past_doses, True).search(text, *missed)
    if missed is not None and not lost and not unsure and missed[1] <= at and ";" not in text[missed[1]:at]:
        return None  # (a forgotten dose taken late, the order right after its condition: "If you forget, take it …";
        # not "If you forget whether you took it, take it again", a double dose)
    if len(day_refs(w).findall(text)) > 1:
        return None  # (days of a cycle, counted by ``frequency``'s rule: "day 1 - 6 days off - day 8 again")
    first, last = clause(text, at)
    # (or a short clause beside it, a phrase of its own: "Next week, take it again", "Take it again, next week")
    # (beside it by a comma only: "…; the following week, take 6 tablets" is the next order's)
    beside = [clause(text, first - 1)] if first > 0 and text[:first].rstrip().endswith(",") else []
    beside += [clause(text, last + 1)] if last + 1 < len(text) and text[last:].lstrip().startswith(",") else []
    if _week_later(w, text[first:last]) or (not lost and any(len(text[a:b].split()) <= 4 and _week_later(w, text[a:b])
                                                              for a, b in beside)):
        return None  # (in its own clause: "…, and tell us at your visit next week", "…; the following week …" are not)
    named = [d for d in named_any if not _before_dose(rule, text, d[1])]
    if named and days and not lost and all(not is_relative(d) and _weekday(w.weekdays, d) in days for _, _, d in named) \
            and not _another_time(w, text, times):
        return None  # (the plan's own day: "Take it again on Monday"; never after a dose brought up that day, nor at
        # another time of that day: "Take another dose on Monday evening" beside Monday morning's, a review of notes)
    return min(found, key=lambda m: m.start()).group(0)


_COMPARED = frozenset({"than", "de", "que", "d"})  # (after "more", "más", "plus": what it is compared with)
# What happened or is needed, in a condition: "If you take it again by mistake", "If you need more tablets"
_NEEDS = re.compile(r"(?<![\w'’])(?:need|needs|run out|by mistake|accidentally|necesita|necesitan|por error|besoin|par erreur)"
                    r"(?![\w'’])", re.I)
_SOONER = re.compile(r"(?:before|earlier than|sooner than|rather than|antes de|antes del|avant)\s*(?:the\s+)?$", re.I)
_AFTER = frozenset({"after", "by", "tras", "après"})  # ("one after another", "one by one": no second dose)
_WEEKS = re.compile(r"week|semana|semaine", re.I)  # (a number of weeks: each a week or more)
_LATER_DAYS = re.compile(r"(?<![\w.,])(\d{1,3})(?![\w.,])")


def _week_later(w: WordList, part: str) -> bool:
    """A week or more until the dose again in this part of the sentence (``week_later``: "next week", "in a week"),
    or a number of days of 7 or more in one of its phrases ("in 14 days")."""
    if not w.week_later:
        return False
    for m in words_pattern(w.week_later, True).finditer(part):
        if _SOONER.search(part[:m.start()]) or part[m.end():m.end() + 2] in ("'s", "’s"):
            continue  # ("before next week", "sooner than in a week", "as next week's dose": sooner, a second review)
        numbers = [int(n) for n in _LATER_DAYS.findall(m.group(0))]
        if not numbers or min(numbers) >= 7 or _WEEKS.search(m.group(0)):
            return True
    return False


def _lost(rule: Rule, text: str) -> bool:
    """A dose brought up, in a condition of the sentence ("If you vomit", "If your child spits it out")."""
    w = rule.words
    return bool(w.lost_words and w.condition_words) and any(
        words_pattern(w.lost_words, True).search(text, c.end(), clause(text, c.start())[1])
        for c in words_pattern(w.condition_words, True).finditer(text))


def _before_dose(rule: Rule, text: str, end: int) -> bool:
    """A day's name before a dose noun ("your Monday dose"): what dose, not when."""
    nxt = _WORD.match(text, len(text) - len(text[end:].lstrip()))
    return nxt is not None and nxt.group(0).lower() in {x.lower() for x in rule.words.dose_nouns}


def _negated(rule: Rule, text: str, at: int) -> bool:
    """A negation before ``at`` in its clause ("Do not take the tablets again", "There is no need to take another
    dose"; a code review: the two words before it missed a noun's reach)."""
    first, _ = clause(text, at)
    w = rule.words
    negation = next(reversed(list(words_pattern(w.negations, True).finditer(text, first, at))), None) \
        if w.negations else None
    if negation is None:
        return False
    # (not past an "and" to another order: "Don't panic if you vomit and take another dose", a second review)
    return not (w.and_words and words_pattern(w.and_words, True).search(text, negation.end(), at))


def _what_happened(rule: Rule, text: str, at: int) -> bool:
    """In a condition's clause, in a sentence that sends the patient for help: what happened, not an order ("If
    you take it again by mistake, call us right away", "If you need more tablets, call the pharmacy")."""
    w = rule.words
    first, last = clause(text, at)
    head = text[first:at].split()[:1]
    happened = (w.past_doses and words_pattern(w.past_doses, True).search(text, first, last)) or _NEEDS.search(text, first, last)
    return bool(head and w.condition_words and words_pattern(w.condition_words, True).fullmatch(head[0]) and happened
                and w.urgent_words and (words_pattern(w.urgent_words, True).search(text) or re.search(
                    r"(?<![\w'’])(?:call|llame|appelez)(?![\w'’])", text, re.I)))


def _restarted(rule: Rule, text: str, at: int) -> bool:
    """A restart word governing what is taken again, within three words before it and not in a condition's clause
    ("Start taking it again", "resume it again"; not "If vomiting starts within an hour, take another dose")."""
    w = rule.words
    first, _ = clause(text, at)
    lead = text[first:at].split()[:1]
    if not w.restarts or (lead and w.condition_words and words_pattern(w.condition_words, True).fullmatch(lead[0])):
        return False
    near = " ".join(text[first:at].split()[-4:])
    return words_pattern(w.restarts, True).search(near) is not None


def _object_is_dose(rule: Rule, text: str, at: int) -> bool:
    """What the word ending at ``at`` takes ("another dose", "6 more tablets", "repeat it"): the dose, a number,
    or nothing at all; not another thing ("another blood test", "more water")."""
    nxt = _WORD.search(text, at)
    while nxt is not None and nxt.group(0).lower() in _THE and not text[at:nxt.start()].strip(" "):
        at, nxt = nxt.end(), _WORD.search(text, nxt.end())  # ("repeat the blood test": what "the" opens)
    if nxt is None or text[at:nxt.start()].strip(" ") or not nxt.group(0)[:1].isalpha():
        return True  # (nothing after it, a mark, or a number: "Repeat.", "another 6 tablets")
    if nxt.group(0).lower() in _COMPARED:
        return False  # (a comparison: "more than 2 days", "más de dos días", "plus de deux jours")
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
    # (only another thing named is no dose: "the medicine", "the full dose", "your Monday dose" are the dose, a
    # code review; "your folic acid", "the blood test", "your painkiller" by a name no word list knows, are not)
    named_else = rule.others is not None and rule.others.search(" ".join(said)) is not None
    return not named_else and not any(x.lower() in _OTHER_THINGS for x in said) and (
        all(_known(read, x) for x in said) or not _drug_like(said))


# Things taken again that are no dose (besides another medicine named): tests, fluids, food
_OTHER_THINGS = frozenset({"test", "tests", "bloods", "blood", "water", "fluids", "food", "meal", "análisis", "sangre",
                           "agua", "comida", "prise", "analyse", "analyses", "eau", "repas"})


def _drug_like(words: list[str]) -> bool:
    """A word that reads as a medicine's name or kind, not the dose ("painkiller", "paracetamol", "ibuprofen"): one
    with a drug's ending or a medicine's kind."""
    return any(re.search(r"(?:killer|killers|mol|fen|cillin|mycin|prazole|olol|pril|sartan|statin|ine)$", x, re.I)
               for x in words if x.isalpha() and x.lower() not in _MEDICINE)


_MEDICINE = frozenset({"medicine", "medicines", "medication", "medications", "medicamento", "medicina", "médicament",
                       "medicament", "routine", "usual", "regular", "normal", "same", "whole", "entire", "full"})


# The plan's times of the day, as the word lists' ``day_times`` name them (bedtime is the evening's there)
_SLOTS = {"morning": "morning", "before_breakfast": "morning", "with_breakfast": "morning", "noon": "noon",
          "with_lunch": "noon", "afternoon": "afternoon", "evening": "evening", "with_dinner": "evening",
          "bedtime": "evening"}


def plan_times(h: Handout) -> frozenset[str]:
    """The times of the day (``day_times``' names) the plan gives its once-a-week doses at; none if it names none."""
    return frozenset(_SLOTS[t] for track in h.facts.tracks for med in medications(track)
                     for step in med.steps if once_a_week(step) for t in step.timing)


def _another_time(w: WordList, text: str, times: frozenset[str]) -> bool:
    """Whether a sentence names a time of the day the plan gives no weekly dose at, not said against ("on Monday
    evening" beside Monday morning's dose: a second dose that day)."""
    if not times or not w.day_times:
        return False
    return any(w.day_times.get(" ".join(m.group(0).lower().split())) not in (None, *times)
               and not against(w, text, m.start(), m.end(), exceptions=False)
               for m in words_pattern(tuple(w.day_times), True).finditer(text))


def _weekday(names: tuple[str, ...], said: str) -> int | None:
    """The day of the week (0 for Monday) a named day is, by its first two letters in the language ("Mondays",
    "mon", "mié", "jeudis"): each language's are its own."""
    def bare(x: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", x.lower()) if not unicodedata.combining(c))[:2]
    return next((i for i, n in enumerate(names) if bare(n) == bare(said)), None)


def _after_word(text: str, at: int) -> bool:
    """Whether the word before ``at`` is "after", "by" ("one after another", "one by one": no second dose)."""
    before = _WORD.findall(text[:at])[-1:]
    return bool(before) and before[0].lower() in _AFTER


def _ordered_after(rule: Rule, text: str) -> list[re.Match[str]]:
    """After a dose brought up ("If you vomit, …"), each order to take a dose in the rest of the sentence that takes
    the dose, not another thing ("take 6 tablets", "take your dose now", "give the dose"): a second dose (a second
    review: "replace the dose", "take the same number of tablets" printed)."""
    read, w = rule.lang_words, rule.words
    assert read is not None
    out = []
    for c in words_pattern(w.condition_words, True).finditer(text) if w.condition_words else ():
        _, end = clause(text, c.start())
        for m in _WORD.finditer(text, end):
            if read.dose_verbs.fullmatch(m.group(0)) or (w.lost_redo and words_pattern(w.lost_redo, True).fullmatch(m.group(0))):
                stop = re.search(r"[,;.]", text[m.end():])
                rest = text[m.end():m.end() + stop.start()] if stop else text[m.end():]
                said = [x.group(0) for x in _WORD.finditer(rest)]
                if not (rule.others is not None and rule.others.search(rest)) and not any(
                        x.lower() in _OTHER_THINGS for x in said) and not (said and _drug_like(said[:3])):
                    out.append(m)
    return out
