"""A day's tablets in a note typed for one patient, against the plan's most in 24 hours (H162): a note, its handout and
where it was typed in; errors out.

Acetaminophen's table gives 1 or 2 tablets at least 6 hours apart and no more than 6 tablets in 24 hours (3,000 mg:
the Drug Facts label's most for this plan).  A note's own schedule multiplies: "Take 2 tablets 4 times a day", "at 6
am, noon, 6 pm and midnight" or "every 6 hours around the clock" is 8 tablets, 4,000 mg, printed beside the table that
says 6.  And words that lift the limit altogether ("Take as many as you need", "No limit") printed beside any plan.
H155 (``howoften``) holds a note's gap and doses a day to the plan's; this holds their product with the dose's count to
the plan's most, and refuses the lifted limit.
"""

from __future__ import annotations

import math
import re

from .dosewords import EPS
from .dosing import medications
from .errors import Finding, Location
from .frequency import NOTE_LANGUAGES
from .howoften import Reader, reader_for
from . import occasions
from .model import Handout
from .clauses import APOSTROPHES
from .reading import plain, sentences
from .warning import against, negated_before
from .wordlists import WordList
from .wordlists import load as load_wordlist
from .wordpatterns import words_pattern


def note_day_total(note: str, h: Handout, where: Location, path: str) -> list[Finding]:
    """A note's count of the plan's tablets, or its amount, times its doses a day above the plan's most in 24 hours, as
    an error: "Take 2 tablets 4 times a day" or "Take 1000 mg at 6 am, noon, 6 pm and midnight" printed beside
    acetaminophen's table of 1 or 2 tablets, no more than 6 in 24 hours (8 tablets, 4,000 mg, where the plan keeps to
    3,000 mg: a review of notes).  The doses a day are a number of them ("4 times a day"), the times of the day named
    for the dose ("at 6 am, noon, 6 pm and midnight"), or a gap made a schedule ("every 6 hours around the clock": 4);
    "every 6 hours" alone is the least gap an as-needed plan gives, its most a day said beside it.  A sentence naming
    another medicine is not read; said against, it passes ("Never take 2 tablets 4 times a day").  And, beside any
    plan, words lifting the dose's limit ("Take as many as you need", "No limit"), unless said against or a limit is
    given beside them.  Read in the page's language and each note language, never remembered."""
    from .courselength import as_digits
    from .noteamounts import counted_names
    from .textamounts import amounts_in, counts_in

    most, (most_amount, unit) = _most_count(h), _most_amount(h)
    counted = counted_names(h)
    for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)):
        words = load_wordlist(lang)
        if words is None:
            continue
        r = reader_for(h, lang)
        for s in sentences(plain(note)):
            text = as_digits(words, s.translate(APOSTROPHES))  # ("Take two tablets four times a day")
            lifted = _no_limit(words, r, text)
            if lifted is not None:
                return [Finding(where, path, f"'{lifted}' in the note: the plan's dose has its amount and its most "
                                "(expected the dose in the table beside it and its limit, or said against: a patient "
                                "follows the note)", code="H162")]
            if r is None or not r.about_dose(text):
                continue
            # (the most of what the sentence gives a dose in: a count of tablets, or an amount in the plan's unit)
            given = [(float(c), written, most, "") for c, written in (counts_in(text, lang, counted) or {}).items()] \
                if most is not None else []
            given += [(v, written, most_amount[1], f" {unit}") for (kind, v), written in amounts_in(text, lang).items()
                      if most_amount is not None and kind == most_amount[0]]
            for said, times in _doses_a_day(r, text) if given else []:
                for value, written, ceiling, unit_said in given:
                    if value * times > ceiling + EPS:
                        return [Finding(where, path, f"'{written} {said}' in the note: {value * times:g}{unit_said} a "
                                        f"day, where the plan gives {ceiling:g}{unit_said} at most in 24 hours (expected "
                                        "the plan's most or fewer: a patient follows the note)", code="H162")]
    return []


def _doses_a_day(r: Reader, text: str) -> list[tuple[str, float]]:
    """The doses a day one sentence gives, each with its words: a number of them ("4 times a day"), the times of the day
    named ("at 6 am, noon, 6 pm and midnight"), a gap around the clock ("every 6 hours day and night": 4); none said
    against."""
    per_day = [m for m in r.p.per_day.finditer(text) if not against(r.words, text, m.start(), m.end(), exceptions=False)]
    out = [(m.group(0), max(r.values(m), default=0.0)) for m in per_day]
    named = r.named_times(text)
    if named is not None and named[1] >= 2:
        out.append((named[0], float(named[1])))
    if named is not None and per_day:
        out += _joined(r, text, per_day)
    if r.words.round_the_clock and words_pattern(r.words.round_the_clock, True).search(text):
        for m in r.p.gaps.finditer(text):
            gap = min(r.values(m), default=0.0)
            if gap > 0 and not against(r.words, text, m.start(), m.end(), exceptions=False):
                out.append((m.group(0), float(math.ceil(24 / gap - EPS))))  # (every 5 hours: at 0, 5, 10, 15, 20)
    return out


def _joined(r: Reader, text: str, per_day: list[re.Match[str]]) -> list[tuple[str, float]]:
    """A number of doses a day with times of the day joined to it by "and": more doses ("Take 2 tablets after each meal
    and at bedtime" is 4 doses, 8 tablets, beside acetaminophen's 6 at most; "at bedtime and with each meal" too).  Not
    times in apposition, the day's doses themselves ("twice a day, in the morning and at bedtime": 2), nor a choice."""
    found = [t for t in r.found_times(text) if not any(m.start() <= t.start() < m.end() for m in per_day)]
    out = []
    for m in per_day:
        after = [t for t in found if t.start() >= m.end()]
        before = [t for t in found if t.end() <= m.start()]
        for times, between in ((after, text[m.end():after[0].start()] if after else ""),
                               (before, text[before[-1].end():m.start()] if before else "")):
            # (a few words apart, joined: "and at", "and 2 at"; never a clause away)
            if times and len(between.split()) <= 3 and (r.p.occasions.joins(between) or r.p.occasions.again(between)):
                n, _ = occasions.count(text, times, r.p.occasions)
                span = (m.start(), times[-1].end()) if times is after else (times[0].start(), m.end())
                out.append((text[span[0]:span[1]], max(r.values(m), default=0.0) + n))
    return out


def _no_limit(words: WordList, r: Reader | None, text: str) -> str | None:
    """The words of one sentence lifting a dose's limit ("as many as you need"), not said against ("Do not take as
    many as you want"), about no course's length ("There is no limit on how long you take it") and with no limit or
    gap given beside them ("Take it as often as needed, up to 6 tablets a day"); None if none."""
    if not words.no_limits:
        return None
    for m in words_pattern(words.no_limits, True).finditer(text):
        if against(words, text, m.start(), m.end(), exceptions=False) or negated_before(words, text, m.start()):
            continue
        if words.how_long and words_pattern(words.how_long, True).search(text):
            return None
        if (words.limit_words and words_pattern(words.limit_words, True).search(text)) or (
                r is not None and r.p.gaps.search(text)):
            return None
        return m.group(0)
    return None


def _most_count(h: Handout) -> float | None:
    """The most tablets the plan's main medicine gives in 24 hours (its ``max_per_day`` over its strength), or None."""
    out = [step.max_per_day / step.strength for track in h.facts.tracks for med in medications(track) if med.name is None
           for step in med.steps if step.max_per_day and step.strength]
    return min(out) if out else None


def _most_amount(h: Handout) -> tuple[tuple[str, float] | None, str]:
    """The most of the plan's main medicine in 24 hours (its ``max_per_day``), in the base unit ``textamounts`` reads
    amounts in, and that unit's name; (None, "") where the plan gives none."""
    from .planamounts import in_base

    out = [(in_base(med.product.unit, step.max_per_day), med.product.unit) for track in h.facts.tracks
           for med in medications(track) if med.name is None for step in med.steps if step.max_per_day]
    if not out:
        return None, ""
    (kind, value), unit = min(out, key=lambda x: x[0][1])
    return (kind, value), ("mg" if kind == "mass" else unit)
