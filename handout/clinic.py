"""A clinic profile: its YAML file in, the clinic's defaults for every patient's printout out.

The same fields as the command line's (``fields.FIELDS``), read by the same readers (``personal.parse``:
no value ever quoted in a message, a weight's two decimals), each located at its line; the command
line's and a CSV row's values win over them (``personalize.clinic_of``, ``personal.merge``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from .errors import Finding, HandoutError, Location
from .fields import BY_NAME, Options
from .load import BOOL, NULL, Map, Scalar, load_file
from .memory import privately
from .model import Personal
from .personal import parse, values


def profile(path: Path, given: frozenset[str] = frozenset()) -> Personal:
    """A clinic profile (YAML with clinic, clinic_phone, pharmacy, prescriber ...): the clinic's defaults,
    read privately (a prescriber's name is personal text: ``memory``).

    Its values are read as the command line's and a CSV row's are (``parse``: a weight with more than
    two decimals refused, no value ever quoted in a message: a profile may hold a patient's name or
    date, a review found them echoed), each located at its line.  They are checked once merged with
    the command line's or a CSV row's (``check``), which win over them (a wrong phone in the profile
    under --clinic-phone is not the build's problem); one that stays is said at its line.  ``given``:
    the fields the command line gives, whose values here are not read at all."""
    with privately():
        tree = load_file(path)
        if not isinstance(tree, Map):
            raise HandoutError.single(tree.loc, "", "a clinic profile is a mapping of fields (expected "
                                      "'clinic: …', 'clinic_phone: …' and the like, one a line)")
        raw: dict[str, str | None] = {}
        locs: dict[str, Location] = {}
        found: list[Finding] = []
        for key, (key_loc, node) in tree.entries.items():
            if key not in BY_NAME:
                found.append(Finding(key_loc, key, "unknown field (expected one of: "
                                     f"{', '.join(k for k, f in BY_NAME.items() if f.profile)})"))
            elif not BY_NAME[key].profile:  # a name, a start date, a weight …: one patient's, never a clinic's default
                found.append(Finding(key_loc, key, f"is one patient's, never a clinic's default: {BY_NAME[key].own} "
                                     "(expected it for each patient: on the command line or in the CSV row)"))
            elif key in given:
                continue
            elif not isinstance(node, Scalar):
                found.append(Finding(node.loc, key, "expected one value (text, a number or a date), not a list "
                                     "or a mapping"))
            elif node.tag == NULL:  # 'prescriber: ~' or nothing: not given ("Prescriber: null" was printed)
                continue
            elif node.tag == BOOL and node.plain:  # YAML 1.1 reads yes, no, on, off as true and false
                found.append(Finding(node.loc, key, "is a yes/no word, which YAML reads as true or false "
                                     "(expected text: put it in quotes)"))
            else:
                raw[key], locs[key] = node.text, node.loc
        p, unread = parse(raw, None, lambda f: locs[f.name])
    p = replace(p, field_locs={k: v for k, v in locs.items() if getattr(p, k) is not None})
    if found or unread:
        # Every problem at once: what the values themselves break (a phone with letters, an unknown region) was said
        # only once an unknown field was mended, a round trip per mistake (a clinic's trial)
        more = [f for f in values(p, Location(str(path))) if f.path not in {g.path for g in unread}]
        raise HandoutError(sorted(found + unread + more, key=lambda f: (f.location.line or 0, f.location.col or 0)))
    return p


def plain_defaults(opts: Options, args: Any) -> list[Finding]:
    """A plain build given a clinic's profile: its region (numbers, paper, decimal sign) and track are the build's
    unless the command line gives its own (``args`` takes them), as --help says; out: the profile's mistakes, all at
    once (none: the build goes on).  It was ignored: a UK clinic's handouts said "Call 911" on letter paper, without a
    word (a clinic's trial).  Its clinic details print only on a patient's page."""
    from .personal import values
    from .personalize import clinic_of

    try:
        clinic = clinic_of(opts)
    except HandoutError as exc:
        return exc.findings
    if clinic is None:
        return []
    if said := values(clinic, Location(str(opts.clinic_profile))):
        return said
    if clinic.region and not args.region:
        args.region = clinic.region
    if clinic.track and not args.track:  # (as --track: a handout without it is said, and not built)
        args.track = clinic.track
    return []
