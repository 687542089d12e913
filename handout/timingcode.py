"""A MedicationRequest's ``timing.code`` (BID, AM, Q8H …) held against its ``timing.repeat``.

EHRs send FHIR's TimingAbbreviation code beside the repeat.  The repeat is what is printed; where
the code says otherwise (BID over "1 per 1 d", AM over "when HS") the prescriber's intent is unknown,
and printing either could double or halve a dose, or move it to another time of day (reviews).
So each code of FHIR's own systems is compared, by rate (Q6H and 4 per 1 d are one rate) and by
time of day; a code that names a time of day with a repeat naming none gives the dose that time
(AM is MORN), never the handout's own; a code of those systems that is not FHIR's (``bid``) is
refused, as 'Mon' is for a weekday; and a code nothing could compare (another system's, text
only) is said, not printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from .jsonpos import Path as JPath

# FHIR R4's TimingAbbreviation codes as (doses, per, unit, the `when` codes each allows: None, any)
ABBREVIATIONS: dict[str, tuple[int, int, str, frozenset[str] | None]] = {
    "QD": (1, 1, "d", None), "BID": (2, 1, "d", None), "TID": (3, 1, "d", None), "QID": (4, 1, "d", None),
    "QOD": (1, 2, "d", None), "AM": (1, 1, "d", frozenset({"MORN", "ACM", "CM"})),
    "PM": (1, 1, "d", frozenset({"AFT", "EVE", "CV"})), "BED": (1, 1, "d", frozenset({"HS"})),
    **{f"Q{n}H": (1, n, "h", None) for n in (1, 2, 3, 4, 6, 8)}, "WK": (1, 1, "wk", None), "MO": (1, 1, "mo", None)}
# A time of day the code gives a repeat that names none; PM is the afternoon or the evening.
IMPLIED = {"AM": "MORN", "BED": "HS"}
SYSTEMS = {None, "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation", "http://hl7.org/fhir/v3/GTSAbbreviation",
           "urn:oid:2.16.840.1.113883.5.1022", "http://terminology.hl7.org/CodeSystem/timing-abbreviation",
           "http://hl7.org/fhir/timing-abbreviation"}
_EVERY_HOURS = re.compile(r"Q([1-9][0-9]?)H")  # Q12H, beside the table's Q1H to Q8H
# What a message may quote of a request's code: a word of at most 8 letters, or Q<hours>H.  Free
# text could hold a line break, a direction mark, a patient's dose or date (reviews).
_SHORT = re.compile(r"[A-Za-z]{1,8}|Q[0-9]{1,2}H")


def quoted(value: Any, instead: str = "it") -> str:
    """``value`` in quotes if it looks like a code, else ``instead``."""
    return f"'{value}'" if isinstance(value, str) and _SHORT.fullmatch(value) else instead
_DAYS_IN = {"h": Fraction(1, 24), "d": Fraction(1), "wk": Fraction(7), "mo": Fraction(30)}

Say = Callable[[JPath, str], None]


def meaning(code: Any) -> tuple[int, int, str, frozenset[str] | None] | None:
    """What a TimingAbbreviation code means, or None if it is none."""
    if not isinstance(code, str):
        return None
    m = _EVERY_HOURS.fullmatch(code)
    return ABBREVIATIONS.get(code) or ((1, int(m[1]), "h", None) if m and int(m[1]) <= 24 else None)


def compare(timing: dict[str, Any], f: int, p: int, u: Any, when: list[Any], days: int, at: JPath, error: Say,
            warning: Say) -> tuple[bool, list[str]]:
    """(whether ``timing.code`` agrees with the repeat's ``f`` per ``p`` ``u`` at ``when`` on ``days``
    days of the week (0: every day), the `when` codes it gives a repeat naming none).  ``at``: the
    dosage's path; problems go to ``error`` and ``warning`` with their paths."""
    code = timing.get("code")
    if not isinstance(code, dict):
        return True, []
    codings = [c for c in code.get("coding") or [] if isinstance(c, dict)]
    ours = [(k, c) for k, c in enumerate(codings) if c.get("system") in SYSTEMS and c.get("code") is not None]
    ok, implied = True, set()
    # The repeat's rate: dayOfWeek [mon] under "1 per 1 d" is once a week, as printed (a review: QD
    # beside it was taken to agree, WK refused)
    rate = Fraction(f) / (p * _DAYS_IN[u]) * (Fraction(days, 7) if days and u != "wk" else 1) if u in _DAYS_IN else None
    for k, c in ours:
        path = at + ("timing", "code", "coding", k, "code")
        means = meaning(c["code"])
        if means is None:
            ok = False
            error(path, f"{quoted(c['code'], 'the code')} is not a FHIR TimingAbbreviation code (expected one of: "
                  f"{', '.join(ABBREVIATIONS)}, or Q<hours>H, in upper case)")
            continue
        cf, cp, cu, times = means
        said = None
        if rate is None or Fraction(cf) / (cp * _DAYS_IN[cu]) != rate:
            said = f"{f} per {p} {u}" + (f" on {days} day{'s' if days > 1 else ''} of the week" if days and u != "wk" else "")
        elif times is not None and when and not set(when) <= times:
            said = f"when {', '.join(map(str, when))}"
        elif times is not None and not when and c["code"] not in IMPLIED:
            ok = False
            error(path, f"'{c['code']}' alone does not say which time of day (expected timing.repeat.when "
                  f"{' or '.join(sorted(times))} beside it)")
            continue
        elif times is not None and not when:
            implied.add(IMPLIED[c["code"]])
        if said is not None:
            ok = False
            where = f" at {' or '.join(sorted(times))}" if times else ""
            error(path, f"'{c['code']}' means {cf} per {cp} {cu}{where}, but timing.repeat says {said} "
                  "(expected the code and timing.repeat to agree, or timing.repeat alone)")
    if len(implied) > 1:  # AM and BED as two codings: the last one won (a review)
        ok = False
        error(at + ("timing", "code"), f"its codes give two times of day ({', '.join(sorted(implied))}) "
              "(expected one, or timing.repeat.when)")
    if not ours:
        # "BID" as text, or in an EHR's own system: nothing to compare it with (a review).  Its words are
        # quoted only when they are a short code: free text could hold a line break, a direction mark
        # or a patient's dose (a review)
        from .sigmap import name_of  # (sigmap imports this module)

        warning(at + ("timing", "code"), f"{quoted(name_of(code))} is not a FHIR TimingAbbreviation code, so it was not "
                "compared with timing.repeat, which is what is printed (expected timing.repeat to say the same: "
                "check the printed plan)")
    return ok, sorted(implied)
