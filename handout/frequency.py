"""How often the handout's words say to take a dose, against a once-a-week plan: a handout in,
warnings (H154) out.

The dose table and the calendar are made from the facts; the sentences around them are free
text.  Weekly methotrexate taken every day has killed patients (ISMP's list of high-alert
errors; the FDA label's boxed warning): a patient reads "Take your tablets every morning" above a
table that says Monday only, and follows the sentence.  H153 holds the text's amounts to the
plan; nothing held its frequency.

So where the plan gives a medicine once a week, each sentence of the handout's words (in a
language whose word list has the words: ``daily``, ``dose_words``, ``warning_words``) that says a
dose is taken every day ("every day", "daily", "each morning", "twice a day", "every 12 hours")
is warned of, unless it

* names another medicine of the plan, one not taken once a week ("folic acid every day"), and not
  the weekly one ("methotrexate and folic acid every morning" is warned of), or
* is a warning against it, or says the exception ("Never take it every day", "Taking it every
  day by mistake has killed people", "every day except Monday"): ``warning_words``'s words.

A sentence about a dose is one with a word of ``dose_words`` ("take", "dose"), a word the
patient counts out (``counted``: "tablet") or the weekly medicine's name; "Drink water every day"
is not one.  A warning, not an error: only the author can tell which medicine a sentence means
(an error with ``--strict``, as H153's are).
"""

from __future__ import annotations

from .dosing import medications, once_a_week
from .errors import Finding
from .model import Handout, text_fields
from .plain import raw_sentences
from .reading import plain
from .wordlists import words_pattern
from .wordlists import load as load_wordlist


def _names(h: Handout) -> tuple[list[str], list[str]]:
    """(names of the medicines taken once a week, names of the others), as this language writes them."""
    weekly: list[str] = []
    other: list[str] = []
    for track in h.facts.tracks:
        for med in medications(track):
            said = [h.text.short_name] if med.name is None else [med.name, h.text.drug_names.get(med.name, med.name)]
            (weekly if any(once_a_week(s) for s in med.steps) else other).extend(n for n in said if n)
    return weekly, [n for n in other if n not in weekly]


def check_frequency(h: Handout) -> list[Finding]:
    """A warning for each sentence that says to take a dose every day, in a handout whose plan gives
    a medicine once a week (module docstring)."""
    words = load_wordlist(h.lang)
    if words is None or not words.daily:
        return []  # no words to read this language's frequencies with: not judged
    weekly, other = _names(h)
    if not weekly:
        return []
    daily, named = words_pattern(words.daily), words_pattern(tuple(weekly))
    dose = words_pattern((*words.dose_words, *words.counted, *weekly))
    exempt = words_pattern(words.warning_words) if words.warning_words else None
    others = words_pattern(tuple(other)) if other else None
    out: list[Finding] = []
    for path, raw, where in text_fields(h.text):
        found = daily.search(plain(raw))
        if found is None:
            continue
        for sentence in raw_sentences(raw):
            text = plain(sentence)
            said = daily.search(text)
            if said is None or not dose.search(text) or (exempt is not None and exempt.search(text)):
                continue
            if others is not None and others.search(text) and not named.search(text):
                continue  # about the plan's other medicine ("folic acid every morning"), not with the weekly one
            out.append(Finding(where, path, f"'{said.group(0)}' in a sentence about a dose, where the plan gives "
                               f"{weekly[0]} once a week (expected the plan's day, the other medicine named, or a "
                               "warning against it: taken every day, a weekly dose is 7 times too much)",
                               severity="warning", code="H154"))
    return out
