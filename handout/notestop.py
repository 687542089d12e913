"""A note typed for one patient that stops a planned medicine when the patient feels better (H160): a note, its
handout and the track printed; errors out.

Beside a calendar of 10 days of amoxicillin, "Stop when he feels better" printed (a review of notes), as did "Give it
until she feels better" and, under a prednisone taper, "Stop it if you feel better": an antibiotic stopped half way,
a steroid stopped before its taper ends.  The handout's own key point says the opposite ("Give all 10 days, even if
your child feels better sooner"), and a patient follows the note.  A plan taken every day until the prescriber says
(methotrexate, low-dose naltrexone) is not stopped on feeling better either.  So a note's sentence that stops the
plan's medicine (``hold_verbs``) or gives it ``course_until`` a word of feeling better (``better_words``) is refused,
unless said against ("Do not stop when he feels better").  A medicine taken only as needed is stopped when it is
not: its plan is not judged.  Read in the page's language and each note language, never remembered.
"""

from __future__ import annotations

import re

from .clauses import APOSTROPHES, clause
from .dosing import course_lengths, medications
from .errors import Finding, Location
from .frequency import NOTE_LANGUAGES
from .model import Handout, Track
from .reading import plain, sentences
from .warning import against, negated_before
from .planamounts import plan_names
from .wordlists import WordList
from .wordlists import load as load_wordlist
from .wordpatterns import ARTICLES, LETTER_WORD, POSSESSIVES, words_of, words_pattern, words_regex



def note_stop_early(note: str, h: Handout, track: Track, where: Location, path: str) -> list[Finding]:
    """The error for a note's sentence stopping the plan on feeling better (module docstring), once."""
    main = [m for m in medications(track) if m.name is None]
    if not main or any(s.as_needed for m in main for s in m.steps):
        return []
    lengths = sorted({n for name, n in course_lengths(track) if name is None})
    plan = (f"a course of {' or '.join(f'{n} days' for n in lengths)}" if lengths
            else "kept on until the prescriber says to stop")
    for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)):
        w = load_wordlist(lang)
        if w is None or not w.better_words or not (w.hold_verbs or w.course_until):
            continue
        better = words_pattern(w.better_words, True)
        held = [w.stops.pattern] if w.stops is not None else []
        ends = re.compile("|".join([*held, words_regex(w.course_until)] if w.course_until else held), re.I)
        when = words_pattern((*w.stop_when, *w.course_until), True) if w.stop_when else None
        until = {u.lower() for u in w.course_until}
        orders = re.compile(words_regex((*w.dose_words, *w.dose_orders, *plan_names(h))), re.I)
        for sentence in sentences(plain(note)):
            text = sentence.translate(APOSTROPHES)
            for end in ends.finditer(text):
                feel = better.search(text, end.end())
                if feel is None:
                    continue
                if end.group(0).lower() in until:
                    # (the plan's dose given until then: "Give it until …", not "Use the cream until the rash is gone")
                    first, _ = clause(text, end.start())
                    if orders.search(text, first, end.start()) is None:
                        continue
                else:
                    # (a stop: what is stopped, up to its condition, is nothing, it, or the plan's medicine; not "Stop
                    # the ibuprofen when the pain is better", another medicine, nor a stop with no condition)
                    cut = when.search(text, end.end(), feel.start()) if when is not None else None
                    if cut is None or not stops_plan(w, h, text, end.end(), cut.start()):
                        continue
                if not negated_before(w, text, end.start()) and not against(w, text, end.start(), end.end(), exceptions=False):
                    said = text[end.start():feel.end()]
                    said = said if len(said) <= 50 else said[:47] + "…"
                    return [Finding(where, path, f"'{said}' in the note, where the plan printed is {plan} (expected "
                                    "the plan kept to its end whatever the patient feels, or a warning against stopping "
                                    "early: a patient follows the note)", code="H160")]
    return []


# What is left of the course, stopped ("Skip the last 3 days if you feel fine", "Stop the rest of the course": a
# review of notes, printed under prednisone's taper)
_COURSE_LEFT = ("rest", "last", "few", "remaining", "remainder", "course", "day", "days", "of", "resto", "último", "últimos",
                "última", "últimas", "días", "tratamiento", "reste", "dernier", "derniers", "dernière", "dernières",
                "jours", "traitement")


def stops_plan(w: WordList, h: Handout, text: str, start: int, end: int) -> bool:
    """Whether what a stop stops (``text[start:end]``, after its verb) is the plan's medicine: nothing ("Stop after 5
    days"), a pronoun, its name, the dose, the tablets, "giving it"; not another thing ("Stop the cream", "Stop the
    ibuprofen")."""
    known = words_of((*w.thing_pronouns, *w.dose_words, *w.dose_orders, *w.dose_nouns, *w.counted,
                      *(c + "s" for c in w.counted), *plan_names(h), *ARTICLES, *POSSESSIVES, "medicine", "medication",
                      "medicamento", "médicament", *_COURSE_LEFT))
    return all(x.lower() in known for x in LETTER_WORD.findall(text, start, end))
