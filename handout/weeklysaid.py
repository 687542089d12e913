"""A dose the handout's words say is taken once a week, against a plan that gives no medicine once a week: a handout
in, findings (H166) out.

H154 holds the words to a once-a-week plan ("every day" above Monday's table), and H157 holds a plan of a medicine
that is always weekly (methotrexate, ``handout/medicines/weekly.yaml``) to one day a week.  A clinic's own weekly
medicine was held by neither: an author writing alendronate 70 mg once a week left out the step's ``days`` (or
listed two), and the handout built with no word, its title and key points saying "once a week" over a calendar of 7
boxes a week of 70 mg (a review).  Alendronate is not on the weekly list: it is given daily too, at 5 or 10 mg.

So where no step of any track gives a medicine on one named day a week (``dosing.once_a_week``), a sentence about a
dose (``howoften.Reader.about_dose``: a dose word, what is counted out, an amount, the plan's medicine) or the title
that says once a week (the word list's ``once_weekly``: "once a week", "every week", "weekly dose") is a finding: an
error in the title, which names the medicine ("Alendronate 70 mg (once a week)"); a warning elsewhere, where the
sentence may be about another medicine ("Take your vitamin D once a week"), an error with ``--strict``.  The
languages with the words (en, es, fr) are read.
"""

from __future__ import annotations

from .dosing import medications, once_a_week
from .errors import Finding
from .howoften import reader_for
from .model import Handout
from .reading import plain, sentences
from .textfields import text_fields
from .wordpatterns import words_pattern


def check(h: Handout) -> list[Finding]:
    """The findings for words that say a dose is taken once a week, where the plan gives nothing once a week."""
    if not h.facts.tracks or any(once_a_week(s) for t in h.facts.tracks for m in medications(t) for s in m.steps):
        return []
    reader = reader_for(h)
    if reader is None or not reader.words.once_weekly:
        return []
    weekly = words_pattern(reader.words.once_weekly, True)
    out: list[Finding] = []
    for path, raw, where in text_fields(h.text):
        text = plain(raw)
        if weekly.search(text) is None:  # (most fields: a quick look first)
            continue
        title = path == "title"
        for sentence in [text] if title else sentences(text):
            said = weekly.search(sentence)
            if said is None or not (title or reader.about_dose(sentence)):
                continue
            out.append(Finding(where, path, f"'{said.group(0)}': the words say a dose is taken once a week, but no "
                               "step of the plan gives a medicine on one day a week (expected the step's day, 'days: "
                               "[sunday]', or words that say how often the plan gives it: its table and calendar "
                               "print a dose on every day the plan gives)",
                               severity="error" if title else "warning", code="H166"))
            break
    return out
