"""Medicines taken once a week: the facts and one language's text in, an error (H157) for each step of a plan that
gives such a medicine on more than one day of a week, or on no named day.

Weekly methotrexate taken every day has killed patients (the FDA label's boxed warning; ISMP).  H154 holds the
handout's sentences to a once-a-week plan, and ``weekdays.days_named`` holds the days the sentences name to the
plan's days: both take the plan as given.  A plan edited in handout.yaml (its day deleted, every day listed, or
Monday and Thursday) switched both off and printed a daily or twice-weekly table and calendar, under a title and key
points that still said "once a week", with no error (a review).  So the plan itself is held to what the medicine
is: a medicine of ``handout/medicines/weekly.yaml``, found by the handout's RxNorm code, its short name (the source
language's or this language's) or a companion's name, each opening with the medicine's name ("weekly methotrexate",
"Metoject pen"; not "Folic acid for methotrexate patients"), has exactly one named day in each step that gives a
dose.  A split dose on that one day (morning and evening) is one day's dose and passes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from . import recache
from .dosing import medications
from .errors import Finding
from .model import WEEKDAYS, Facts, Step, Text

WEEKLY_FILE = Path(__file__).resolve().parent / "medicines" / "weekly.yaml"


def _fold(name: str) -> str:
    """Lower case, accents off, words split by spaces ("Méthotrexate" -> "methotrexate", "mtx-weekly" -> "mtx weekly")."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", name) if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[^\W_]+", bare.lower()))


# Words a name of the medicine may open with ("Weekly methotrexate", "Oral MTX"): a handout names its own medicine
# first ("Methotrexate and folic acid"); one named after another ("Folic acid with methotrexate") is that other's.
_BEFORE = r"(?:(?:weekly|once weekly|once a week|oral|low dose|semanal|hebdomadaire)\s+)*"


@cache
def _registry() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(the medicine, its RxCUI, a pattern of a name that is it) for each entry of the shipped file."""
    import yaml

    data = yaml.safe_load(WEEKLY_FILE.read_text(encoding="utf-8"))
    out = []
    for name, entry in data.items():
        names = "(?:" + "|".join(re.escape(_fold(n)) for n in entry["names"]) + ")"
        out.append((name, str(entry["rxnorm"]), recache.pattern(rf"{_BEFORE}{names}(?!\w)")))  # (the package's file)
    return tuple(out)


def weekly_medicine(names: list[str], rxnorm: str | None = None) -> str | None:
    """The medicine of the shipped list that one of ``names`` opens with ("Methotrexate", "weekly MTX",
    "Metoject pen", "Methotrexate and folic acid"; not "folic acid with methotrexate"), or whose RxCUI ``rxnorm``
    is; None for another."""
    for medicine, rxcui, pattern in _registry():
        if rxnorm == rxcui or any(pattern.match(_fold(n)) for n in names if n):
            return medicine
    return None


def _said(step: Step) -> str:
    if step.days:
        named = [d.capitalize() for d in WEEKDAYS if d in step.days]
        return "every day of the week" if len(named) == 7 else "on " + " and ".join(
            [", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
    if step.every is not None and step.every.days:
        return f"every {step.every.days} days"
    return "every day"


def check(f: Facts, t: Text, source: Text | None) -> list[Finding]:
    """An error for each step giving a once-a-week medicine on other than one named day (module docstring)."""
    # (its names as the words give them; never the id, a folder's name: "folic-acid-with-mtx", a code review)
    own = [t.short_name, *([source.short_name] if source is not None else [])]
    rxnorm = f.codes.rxnorm if f.codes is not None else None
    out: list[Finding] = []
    for i, track in enumerate(f.tracks):
        for med in medications(track, f"tracks[{i}]"):
            names = own if med.name is None else [med.name, t.drug_names.get(med.name, med.name)]
            medicine = weekly_medicine(names, rxnorm if med.name is None else None)
            if medicine is None:
                continue
            called = med.name or (source or t).short_name
            for j, step in enumerate(med.steps):
                if step.stop or len(step.days) == 1:
                    continue
                out.append(Finding(step.where("days") if step.days else step.loc, f"{med.path}.steps[{j}].days",
                                   f"track '{track.id}' gives {called} {_said(step)}, but {medicine} is taken once a "
                                   "week, on one day (expected one day, e.g. days: [monday]: taken on more days of "
                                   "the week it is an overdose, which has killed patients)", "error", "H157"))
    return out
