"""A plan whose dose changes step by step, started at another step's dose in a note typed for one patient (H163): a
note, its handout, the track printed and where it was typed in; errors out.

Low-dose naltrexone starts at 1.5 mg at bedtime and goes up to 3 mg, then 4.5 mg, a step every two weeks (the
calendar beside the note prints each night's dose); prednisone's taper starts at 30 mg and comes down.  "Start at 4.5
mg" or "Take 4.5 mg from the first night" printed beside LDN's calendar (a review of notes) gives the last step's
dose on the first night, a threefold dose the slow start is there to avoid; under the taper, "Start with 20 mg" leaves
out its top step.  Every amount said was one the plan gives, so H156 passed it.  So a note's clause that starts the
plan (the word list's ``start_words``: "start at", "begin with", "from the first night") with an amount or count of the
main medicine that only a later step gives is refused; the first step's dose, said against ("Do not start at 4.5
mg"), and a plan whose dose never changes pass.  Read in the page's language and each note language, never
remembered.
"""

from __future__ import annotations

import re

from .clauses import APOSTROPHES, clause
from .dosing import medications
from .errors import Finding, Location
from .frequency import NOTE_LANGUAGES
from .model import Handout, Step, Track
from .planamounts import in_base
from .reading import plain, sentences
from .warning import against
from .wordlists import load as load_wordlist
from .wordpatterns import words_pattern


_STRENGTH = re.compile(r"(?:(?<![\w'’])(?:of|de|du|des|d)|[x×])\s*$", re.I)  # (what a strength follows)


def note_start(note: str, h: Handout, track: Track, where: Location, path: str) -> list[Finding]:
    """The error for the first clause of a note that starts the printed plan at a later step's dose (module
    docstring)."""
    from .textamounts import amounts_in, counts_in

    main = next((m for m in medications(track) if m.name is None), None)
    steps = [s for s in main.steps if not s.stop] if main is not None else []
    if main is None or len(steps) < 2:
        return []
    unit, first = main.product.unit, steps[0]
    # (what the first step gives: its amount and its counts, a part's too: "Start with 1 tablet of 20 mg and 2 tablets
    # of 5 mg" is prednisone's first step; each later step's amount and count that it does not give)
    starts = ({in_base(unit, first.amount)} if first.amount is not None else set(),
              {_count(first), *(round(float(p.count), 6) for p in first.parts)} - {None})
    later: tuple[set[tuple[str, float]], set[float | None]] = (
        {in_base(unit, s.amount) for s in steps[1:] if s.amount is not None} - starts[0],
        {_count(s) for s in steps[1:]} - starts[1] - {None})
    if not (later[0] or later[1]):
        return []  # (one dose all the way: no start to get wrong)
    from .noteamounts import counted_names

    counted = counted_names(h)
    for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)):
        w = load_wordlist(lang)
        if w is None or not w.start_words:
            continue
        for sentence in sentences(plain(note)):
            text = sentence.translate(APOSTROPHES)
            for m in words_pattern(w.start_words, True).finditer(text):
                first_at, last_at = clause(text, m.start())
                part = text[first_at:last_at]
                # (not a tablet's strength, after "of" or "x": "1 tablet of 20 mg and 2 tablets of 5 mg" is the first step)
                said = [written for value, written in amounts_in(part, lang).items() if value in later[0]
                        and not _STRENGTH.search(part, 0, max(0, part.find(written)))]
                said += [written for value, written in (counts_in(part, lang, counted) or {}).items() if value in later[1]]
                if not said or against(w, text, m.start(), m.end(), exceptions=False):
                    continue
                at = part.find(said[0])
                if at >= 0 and against(w, text, first_at + at, first_at + at + len(said[0]), exceptions=False):
                    continue
                dose = _dose(first, unit)
                return [Finding(where, path, f"'{said[0]}' '{m.group(0)}' in the note, where the plan starts at {dose} "
                                "and goes step by step (expected the first step's dose to start, as the table and the "
                                "calendar give it: a patient follows the note)", code="H163")]
    return []


def _count(step: Step) -> float | None:
    count = step.count if step.count is not None else (sum(p.count for p in step.parts) if step.parts else None)
    return None if count is None else round(float(count), 6)


def _dose(step: Step, unit: str) -> str:
    return f"{step.amount:g} {unit}" if step.amount is not None else "its first step's dose"
