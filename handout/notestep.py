"""A step of a plan whose dose changes step by step, skipped, or the plan stopped at a step before its last, in a note
typed for one patient (H165): a note, its handout, the track printed and where it was typed in; errors out.

Prednisone's taper comes down 30, 20, 10 and 5 mg, three days each: its key points say never to skip a step or stop
suddenly, and the table and calendar beside the note give every step.  "Skip the 5 mg days", "Stop after the 10 mg
step" and "You can stop after the 20 mg days" printed (a review of notes): a taper stopped early, at a dose the body
has not come down from.  Under LDN's slow start (1.5, 3, 4.5 mg), "Skip the 3 mg step" leaves out the step its side
effects are eased by.  Every amount said was the plan's, so H156 passed them, and no length was said, so H158 did.
So a clause that skips (the word list's ``skip_verbs``) a step's dose, or stops (``hold_verbs``) right after
(``after_step``) a step's dose other than the last, is refused, unless said against ("Do not skip the 5 mg days") or
the sentence goes on to a later step ("Stop the 30 mg after 3 days and take 20 mg"); "Stop after the 5 mg days" is the
plan's own end.  A different plan for one patient is a track of the handout (or a prescription), whose table and
calendar say it.  Read in the page's language and each note language, never remembered.
"""

from __future__ import annotations

import re

from .clauses import APOSTROPHES, clause
from .dosing import medications
from .errors import Finding, Location
from .frequency import NOTE_LANGUAGES
from .model import Handout, Track
from .planamounts import in_base
from .reading import plain, sentences
from .warning import against, negated_before
from .wordlists import load as load_wordlist
from .wordpatterns import ARTICLES, LETTER_WORD, POSSESSIVES, words_pattern, words_regex


def note_step(note: str, h: Handout, track: Track, where: Location, path: str) -> list[Finding]:
    """The error for the first clause of a note that skips a step of the printed plan, or stops it right after a step
    other than its last (module docstring)."""
    from .noteamounts import counted_names
    from .textamounts import amounts_in

    main = next((m for m in medications(track) if m.name is None), None)
    steps = [s for s in main.steps if not s.stop and s.amount is not None] if main is not None else []
    if main is None or len(steps) < 2:
        return []
    unit = main.product.unit
    doses = [in_base(unit, s.amount) for s in steps if s.amount is not None]
    if len(set(doses)) < 2:
        return []  # (one dose all the way: no step to skip)
    for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)):
        w = load_wordlist(lang)
        if w is None or not (w.skip_verbs or (w.hold_verbs and w.after_step)):
            continue
        skips = words_pattern(w.skip_verbs, True) if w.skip_verbs else None
        # (the stop's "after", a few words at most before the step's dose: "after the 10 mg days", "après les jours à 10 mg")
        after = re.compile(rf"(?:{words_regex(w.after_step)})(?:\s+[^\W\d_][\w'’-]*){{0,3}}\s*$", re.I) \
            if w.after_step else None
        own = {n.lower() for n in counted_names(h)} | _STEP_WORDS | ARTICLES | POSSESSIVES
        verbs = words_pattern((*w.skip_verbs, *w.hold_verbs), True)
        after_words = re.compile(words_regex(w.after_step), re.I) if w.after_step else re.compile("(?!)")
        for sentence in sentences(plain(note)):
            text = sentence.translate(APOSTROPHES)
            for m in verbs.finditer(text):
                if against(w, text, m.start(), m.end(), exceptions=False) or negated_before(w, text, m.start(), 2):
                    continue
                _, end = clause(text, m.start())
                said = amounts_in(text[m.end():end], lang)
                for value, written in said.items():
                    if value not in doses:
                        continue
                    at = text.find(written, m.end())
                    later = [v for v, _ in amounts_in(text[at + len(written):], lang).items() if v in doses]
                    # (what is skipped or stopped is the plan's step, nothing else: "Skip ibuprofen on the 30 mg days",
                    # "Stop ibuprofen after the 20 mg days" pass; "Stop prednisone after …", "Stop taking it after …" not)
                    between = text[m.end():at]
                    stop_at = after.search(between) if after is not None else None
                    skipped = skips is not None and skips.fullmatch(m.group(0)) is not None and _only(between, own)
                    stopped = (stop_at is not None and value != doses[-1] and not later
                               and _only(between[:stop_at.start()], own)
                               and _only(after_words.sub(" ", stop_at.group(0), count=1), own))
                    if skipped or stopped:
                        what = "skips a step" if skipped else "stops the plan at a step before its last"
                        return [Finding(where, path, f"'{text[m.start():at + len(written)]}' in the note {what}, where "
                                        f"the plan goes step by step to {_dose(doses[-1], unit)} (expected every step "
                                        "as the table and the calendar give them, or said against: a patient follows "
                                        "the note; another plan for this patient is a track of the handout)",
                                        code="H165")]
    return []


# Words that may stand between "skip" or "stop … after" and a step's dose, with the plan's own names, articles and
# possessives: the step itself ("the 5 mg days", "los días de 5 mg", "les jours à 10 mg") or the medicine ("taking it")
_STEP_WORDS = frozenset({"it", "them", "taking", "step", "steps", "day", "days", "dose", "doses", "of", "lo", "la", "le",
                         "tomar", "tomarla", "tomarlo", "paso", "pasos", "día", "días", "dosis", "de", "prendre", "étape",
                         "étapes", "jour", "jours", "à", "d"})


def _only(text: str, allowed: set[str] | frozenset[str]) -> bool:
    """Whether every word of ``text`` is one of ``allowed`` (lower case): nothing else named."""
    return all(x.lower() in allowed for x in LETTER_WORD.findall(text))


def _dose(value: tuple[str, float], unit: str) -> str:
    kind, amount = value
    return f"{amount:g} {'mg' if kind == 'mass' else unit}"
