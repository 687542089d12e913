"""Clinical codes: a handout's ``codes:`` in, every malformed code out (located findings).

An EHR finds a handout by the codes it already holds (HL7 Infobutton, ``infobutton.py``) and a
prescription is matched to it by its RxNorm code (``medreq.py``), so a mistyped code silently
hides the handout.  Only the *form* is checked here (no terminology server is needed):

* RxNorm RxCUI: digits only;
* ICD-10-CM: a letter (not U), a digit, a digit or A/B, then optionally a dot and 1–4 characters
  (CMS/NCHS code structure; U codes are reserved for WHO emergency use);
* SNOMED CT concept id: 6 to 18 digits whose last digit is a Verhoeff check digit, and whose
  partition identifier (the two digits before it) says "concept".
"""

from __future__ import annotations

import re

from .errors import Collector, Finding
from .model import Codes

ICD10CM = re.compile(r"^[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$")
RXCUI = re.compile(r"^[0-9]{1,9}$")
SCTID = re.compile(r"^[1-9][0-9]{5,17}$")

# Verhoeff's dihedral-group check digit, as the SNOMED CT identifier spec prescribes
# (SNOMED CT Technical Implementation Guide, "SCTID Representation" / "Check-digit":
# the last digit of every SCTID is computed with the Verhoeff algorithm).
_D = ((0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5), (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
      (3, 4, 0, 1, 2, 8, 9, 5, 6, 7), (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
      (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3), (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
      (9, 8, 7, 6, 5, 4, 3, 2, 1, 0))
_P = ((0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4), (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
      (8, 9, 1, 6, 0, 4, 3, 5, 2, 7), (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
      (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8))
_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def verhoeff_ok(digits: str) -> bool:
    """Does the number (check digit last) pass Verhoeff's check?"""
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _D[c][_P[i % 8][int(ch)]]
    return c == 0


def verhoeff_digit(digits: str) -> str:
    """The check digit to append to ``digits``."""
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _D[c][_P[(i + 1) % 8][int(ch)]]
    return str(_INV[c])


def sctid_problem(code: str) -> str | None:
    """Why ``code`` is not a SNOMED CT concept id (None: it is well formed)."""
    if not SCTID.match(code):
        return "is not a SNOMED CT id (expected 6 to 18 digits, not starting with 0)"
    if not verhoeff_ok(code):
        return (f"fails the SNOMED CT check digit (expected last digit {verhoeff_digit(code[:-1])} "
                "by the Verhoeff algorithm: a digit is mistyped)")
    if code[-3:-1] not in ("00", "10"):  # partition identifier: 00 = concept, 10 = concept in an extension
        return f"is not a concept id (its partition digits are {code[-3:-1]}; expected 00 or 10)"
    return None


def check(codes: Codes | None) -> list[Finding]:
    """Every malformed code, at its line."""
    c = Collector()
    if codes is None:
        return c.findings
    if codes.rxnorm is not None and not RXCUI.match(codes.rxnorm):
        c.error(codes.where("rxnorm"), "codes.rxnorm", f"'{codes.rxnorm}' is not an RxCUI "
                "(expected digits only, in quotes, e.g. \"7243\")")
    seen: set[tuple[str, str]] = set()
    for i, cond in enumerate(codes.conditions):
        path = f"codes.conditions[{i}].code"
        if (cond.system, cond.code) in seen:
            c.error(cond.where("code"), path, f"{cond.system} '{cond.code}' is listed twice")
        seen.add((cond.system, cond.code))
        if cond.system == "icd10cm" and not ICD10CM.match(cond.code):
            c.error(cond.where("code"), path, f"'{cond.code}' is not an ICD-10-CM code "
                    "(expected a letter, 2 characters, and optionally a dot and 1 to 4 more, e.g. M79.7)")
        elif cond.system == "snomed":
            problem = sctid_problem(cond.code)
            if problem:
                c.error(cond.where("code"), path, f"'{cond.code}' {problem}")
    return c.findings
