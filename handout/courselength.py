"""A course's length, and a taper's steps, in the handout's words against the plan's (H158): a handout in, warnings
out.

The calendar's boxes and its last word ("December 18: Stop giving it") come from the facts; the words around them
are free text.  A review edited amoxicillin's plan to 5 days (a track of its own, as a refused 5-day prescription
is told to add) and its page still said "Give the dose … for 10 days" and "Give all 10 days" above 10 boxes' worth
of a 5-day course: a parent stops early, or gives doses the prescriber did not order.  A request from an EHR is
held to the words (``rxwords``); the facts were not.

So where the plan's own medicine has a course that ends (``dosing.course_lengths``: amoxicillin's 10 days), each
sentence of the source language's words that gives a course's length (the word list's ``course_said``: "for 10
days", "all 10 days", "durante 10 días") gives one of the plan's tracks' lengths, or is warned of.  A warning (an
error with ``--strict``): "for 3 days" may be another thing's ("Call if the fever lasts for 3 days" reads as one
too, and is said).  A translation is held to its source's numbers instead (``translated``).

A taper's words are held to its steps the same way (``taper_said``): "The dose gets smaller every 3 days" above
steps of 5 days, or "step-down course" above doses that go up (5, 10, 20, 30 mg, then stop) printed with no
warning, where the same plan from an EHR is refused (``rxwords``; a review).
"""

from __future__ import annotations

import re
from functools import cache

from . import recache
from .clauses import clause
from .dosing import Medication, course_lengths, medications, step_length
from .errors import Finding, Location
from .model import Handout, Track
from .reading import plain, sentences
from .textfields import text_fields
from .wordlists import WordList
from .wordlists import load as load_wordlist
from .notestop import stops_plan
from .warning import against, negated_before
from .wordpatterns import LISTED_NUMBER, trie, words_pattern, words_regex


def check_course(h: Handout) -> list[Finding]:
    if h.source is not None:  # (a translation: held to its source's numbers)
        return []
    words = load_wordlist(h.lang)
    tracks = {t.id: n for t in h.facts.tracks for name, n in course_lengths(t) if name is None}
    if words is None:
        return []
    stepped = any(sum(1 for s in m.steps if not s.stop and s.amount is not None) > 1
                  for t in h.facts.tracks for m in medications(t) if m.name is None)
    fields = list(text_fields(h.text))
    if stepped and words.taper_said and not (tracks and words.course_said):
        # (steps that go up, LDN's: its words are read only if a taper's word is in them at all)
        stepped = _taper_word(words.taper_said).search(" ".join(raw for _, raw, _ in fields)) is not None
    if not (stepped and words.taper_said) and not (tracks and words.course_said):
        return []  # (most plans: one dose that goes on; nothing read, a batch builds many)
    texts = [(path, as_digits(words, plain(raw)), where) for path, raw, where in fields]  # (each read once)
    out = _taper(h, words, [t for _, t, _ in texts]) if stepped else []
    if not words.course_said or not tracks:
        return out
    said = words_pattern(words.course_said, True)
    lengths = set(tracks.values())
    plan = " or ".join(f"{n} days" for n in sorted(lengths))
    first: tuple[str, int] | None = None  # (the words, a length they give)
    for path, text, where in texts:
        for m in said.finditer(text):
            days = {int(d) for d in re.findall(r"\d+", m.group(0))}
            first = first or (m.group(0), min(days)) if days else first
            if days and not days & lengths:
                out.append(Finding(where, path, f"'{m.group(0)}', where the plan's course is {plan} (expected the "
                                   "plan's length: the calendar's boxes and its stop day follow the plan, and a "
                                   "patient follows the words)", severity="warning", code="H158"))
    if first is not None:  # a track of another length prints under the same words ("five_days" under "for 10 days")
        for t in h.facts.tracks:
            if t.id in tracks and tracks[t.id] != first[1] and len(tracks) > 1:
                i = len(t.steps) - 1
                out.append(Finding(t.steps[-1].loc, f"tracks[{h.facts.tracks.index(t)}].steps[{i}]", f"track "
                                   f"'{t.id}' is a course of {tracks[t.id]} days, but the words every track prints "
                                   f"under say '{first[0]}' (expected one length for the words and the plan: a "
                                   "course of another length needs a handout whose words say it)", severity="warning",
                                   code="H158"))
    return out


def note_course(note: str, h: Handout, track: Track, where: Location, path: str) -> list[Finding]:
    """A note typed for one patient that gives a course's length other than the printed plan's, as errors: "Give it
    for 5 days" printed above a calendar of 10 days of amoxicillin (a review) stops an antibiotic half way.  A length
    of one of the plan's steps passes ("Take 40 mg for 3 days" under a taper); so does a sentence that is about no
    dose ("The rash may last for 3 days") or one whose clause is a condition ("Call us if the fever lasts for 3
    days").  Read in the handout's language and each note language, never remembered."""
    from .frequency import NOTE_LANGUAGES
    from .howoften import dose_pattern
    from .planamounts import plan_names

    lengths = {n for name, n in course_lengths(track) if name is None}
    if not lengths:
        return []
    med = next(m for m in medications(track) if m.name is None)
    steps = {n for s in med.steps if not s.stop and (n := step_length(s)) is not None}
    plan = " or ".join(f"{n} days" for n in sorted(lengths))
    out: list[Finding] = []
    for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)):
        words = load_wordlist(lang)
        if words is None or not words.course_said:
            continue
        text = as_digits(words, " ".join(plain(note.replace("*", " ").replace("_", " ")).split()))
        about = dose_pattern(lang, tuple(plan_names(h)))
        conditions = words_pattern(words.condition_words, True) if words.condition_words else None
        for sentence in sentences(text):
            said = _lengths_said(h, words, sentence, about.search(sentence) is not None)
            kept = None if said else _step_kept(med, words, sentence, lang)
            if kept is not None and not any(f"'{kept[0]}'" in f.message for f in out):
                dose, daily, its = kept
                out.append(Finding(where, path, f"'{dose}' '{daily}' in the note, where the plan gives {dose} for "
                                   f"{' or '.join(f'{n} days' for n in sorted(its))} of its {plan} (expected that "
                                   "step's days said with it, 'for 3 days' or 'on days 1 to 3': the dose changes step "
                                   "by step, and a patient follows the note)", code="H158"))
            for m, days, stop in said:
                first, last = clause(sentence, m.start())
                if conditions is not None and conditions.search(sentence, first, m.start()) is not None:
                    continue
                tied = None if stop else _step_of(med, sentence, first, last, lang)
                if tied is not None:  # (a step's dose with it: held to that step's days, not the course's)
                    dose, its = tied
                    if not days or days & its:
                        continue
                    out.append(Finding(where, path, f"'{m.group(0)}' in the note with '{dose}', where the plan gives "
                                       f"{dose} for {' or '.join(f'{n} days' for n in sorted(its))} of its {plan} (expected "
                                       "that step's length: the dose changes step by step, and a patient follows the "
                                       "note)", code="H158"))
                    continue
                # (a step's length is a step's where a dose is given for it, never where the medicine stops after it)
                if not days or days & (lengths if stop else lengths | steps):
                    continue
                if not any(f"'{m.group(0)}'" in f.message for f in out):
                    out.append(Finding(where, path, f"'{m.group(0)}' in the note, where the plan printed is a course "
                                       f"of {plan} (expected the plan's length, or the prescription's own plan: the "
                                       "calendar's boxes and its stop day follow the plan, and a patient follows the "
                                       "note)", code="H158"))
    return out


_STEPS_ON = re.compile(r"(?<!\w)(?:then|after that|luego|después|despues|puis|ensuite|first|primeros|primeras|premiers|"
                       r"premières)(?!\w)", re.I)  # (the steps said in turn: "30 mg every morning, then 20 mg")


def _step_kept(med: Medication, words: WordList, sentence: str, lang: str) -> tuple[str, str, set[int]] | None:
    """A step's dose of a changing plan given every day with no days of its own ("Take 30 mg every morning" under a
    taper of 30, 20, 10 and 5 mg, 3 days each: a patient keeps the top dose all the course; a review of notes,
    printed): the dose and the daily words as written, and the step's lengths.  None where the sentence gives a
    length (``note_course`` reads it), a place in the plan ("on days 1 to 3"), the steps in turn ("then", "first"),
    or says it against."""
    if not words.daily or _STEPS_ON.search(sentence):
        return None
    daily = next((m for m in words_pattern(words.daily, True).finditer(sentence)
                  if not against(words, sentence, m.start(), m.end(), exceptions=False)), None)
    if daily is None or (words.places and re.search(rf"(?<!\w)(?:{words_regex(tuple(words.places))})\s*\d", sentence,
                                                     re.I)):
        return None
    tied = _step_of(med, sentence, 0, len(sentence), lang)
    if tied is None:
        return None
    at = sentence.find(tied[0])
    if at >= 0 and against(words, sentence, at, at + len(tied[0]), exceptions=False):
        return None
    return tied[0], daily.group(0), tied[1]


def _step_of(med: Medication, sentence: str, first: int, last: int, lang: str) -> tuple[str, set[int]] | None:
    """An amount or a count in a sentence's clause that only some of a changing plan's steps give ("30 mg", "3
    tablets" of a taper's first step), as written, and those steps' lengths in days; None where the clause gives none,
    or the plan's dose is the same at every step ("Take 30 mg every morning for 12 days" printed under a 12-day taper
    of 30, 20, 10 and 5 mg: its top dose kept all the course, a review of notes)."""
    from .planamounts import in_base
    from .textamounts import amounts_in, counts_in

    unit = med.product.unit
    by_amount: dict[tuple[str, float], set[int]] = {}
    by_count: dict[float, set[int]] = {}
    for s in med.steps:
        n = step_length(s)
        if s.stop or n is None:
            continue
        if s.amount is not None:
            by_amount.setdefault(in_base(unit, s.amount), set()).add(n)
        count = s.count if s.count is not None else (sum(p.count for p in s.parts) if s.parts else None)
        if count is not None:
            by_count.setdefault(round(float(count), 6), set()).add(n)
    if len(by_amount) < 2 and len(by_count) < 2:
        return None
    part = sentence[first:last]
    for value, written in amounts_in(part, lang).items():
        if value in by_amount:
            return written, by_amount[value]
    for count, written in (counts_in(part, lang) or {}).items():
        if count in by_count:
            return written, by_count[count]
    return None


def _lengths_said(h: Handout, words: WordList, sentence: str, about: bool) -> list[tuple[re.Match[str], set[int], bool]]:
    """The course lengths a note's sentence gives, each with its days: in a sentence about a dose (``about``), in days
    ("for 5 days", ``course_said``) or weeks ("for a week", ``course_weeks``: seven days each); after a stop of the
    medicine, not said against, the day it ends ("Stop after 5 days", ``stop_after``; "Stop on day 5", four days given,
    ``stop_on``: each printed above a 10-day calendar, a review of notes), and whether it is a stop's."""
    out: list[tuple[re.Match[str], set[int], bool]] = []
    if about:
        out += [(m, {int(d) for d in re.findall(r"\d+", m.group(0))}, False)
                for m in words_pattern(words.course_said, True).finditer(sentence)]
        if words.course_weeks:
            out += [(m, {7 * int(d) for d in re.findall(r"\d+", m.group(0))} or {7}, False)
                    for m in words_pattern(words.course_weeks, True).finditer(sentence)]
    stops = words.stops
    if stops is not None and (words.stop_after or words.stop_on):
        for field, less in ((words.stop_after, 0), (words.stop_on, 1)):
            # (a day's number may end the sentence: "Stop on day 5.")
            for m in words_pattern(field, True, LISTED_NUMBER).finditer(sentence) if field else ():
                first, _ = clause(sentence, m.start())
                stop = next(reversed(list(stops.finditer(sentence, first, m.start()))), None)  # (the nearest before)
                if stop is not None and not negated_before(words, sentence, stop.start()) and stops_plan(
                        words, h, sentence, stop.end(), m.start()) and not against(
                        words, sentence, stop.start(), stop.end(), exceptions=False):
                    out.append((m, {int(d) - less for d in re.findall(r"\d+", m.group(0))}, True))
    return out


def _taper(h: Handout, words: WordList, texts: list[str]) -> list[Finding]:
    """A taper's words against each track's steps of its own medicine: a dose that goes up, or (where they give one)
    a step of another length than the words' (a last step with no end is the one kept on)."""
    if not words.taper_said:
        return []
    steps_said = tuple(x for x in words.taper_said if "#" in x)  # (apart: "gets smaller" would hide "smaller every 3 days")
    counted = [m.group(0) for t in texts for m in words_pattern(steps_said, True).finditer(t)] if steps_said else []
    found = counted or [m.group(0) for t in texts for m in words_pattern(words.taper_said, True).finditer(t)]
    if not found:
        return []
    words_said = found[0]
    every = {int(d) for x in counted for d in re.findall(r"\d+", x)}
    out: list[Finding] = []
    for ti, t in enumerate(h.facts.tracks):
        med = next((m for m in medications(t) if m.name is None), None)
        steps = [(k, s) for k, s in enumerate(med.steps if med else ()) if not s.stop and s.amount is not None]
        where = f"tracks[{ti}].steps"
        up = next(((k, a, b) for (_, a), (k, b) in zip(steps, steps[1:]) if b.amount > a.amount), None)  # type: ignore[operator]
        if up is not None:
            k, a, b = up
            out.append(Finding(b.loc, f"{where}[{k}]", f"goes up from {a.amount:g} to {b.amount:g}, but the words say "
                               f"'{words_said}' (expected each dose at most the one before, or words for this plan)",
                               severity="warning", code="H158"))
            continue
        for k, s in steps:
            days = step_length(s)
            if every and days is not None and days not in every:
                out.append(Finding(s.when.loc, f"{where}[{k}].when", f"a step of {days} days, but the words say "
                                   f"'{words_said}' (expected steps of {' or '.join(map(str, sorted(every)))} days, or "
                                   "words for this plan)", severity="warning", code="H158"))
                break
    return out


def as_digits(words: WordList, text: str) -> str:
    """``text`` with its numbers in words as digits ("for ten days": "for 10 days").  A word matched only under
    IGNORECASE's extra rules ("ſept", a long s) is left as written: it raised a KeyError where it was looked up."""
    spelled, numbers = _spelled(words.number_words, tuple(words.count_words.items()))
    return numbers.sub(lambda m: str(spelled.get(m.group(1).lower(), m.group(0))), text) if numbers is not None else text


@cache
def _spelled(names: tuple[str, ...], counts: tuple[tuple[str, int], ...]) -> tuple[dict[str, int], re.Pattern[str] | None]:
    """The numbers' own words up to 31 (not "once", "twice", "bid": the word list's ``number_words`` by their
    ``count_words``) and a pattern finding them, once a process: "for ten days", "every three days" (a code review:
    only digits were read)."""
    named = {x.lower() for x in names}
    spelled = {k.lower(): v for k, v in counts if k.lower() in named and v <= 31}
    if not spelled:
        return spelled, None
    alts = "|".join(map(re.escape, sorted(spelled, key=len, reverse=True)))
    return spelled, re.compile(rf"(?<![\w'’-])({alts})(?![\w'’-])", re.I)


_TAPER_WORD: dict[tuple[str, ...], re.Pattern[str]] = {}


def _taper_word(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """A quick look: a taper's phrase, to its number, in a text ("smaller every", "step-down"), once a process."""
    found = _TAPER_WORD.get(phrases)
    if found is None:
        heads = sorted({p.split("#")[0].strip().lower() for p in phrases} - {""}, key=len, reverse=True)  # ("smaller every")
        firsts = "".join(sorted({re.escape(h[0]) for h in heads}))  # (a look ahead at their first letters: 0.2 -> 0.09 ms)
        found = _TAPER_WORD[phrases] = recache.pattern(f"(?=[{firsts}])(?:{trie(heads)})" if heads else r"(?!)", re.I)
    return found
