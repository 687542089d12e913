"""Personalisation: the fields (``fields.FIELDS``) from the CLI, a clinic profile or a CSV row in, a
checked ``Personal`` out (a CSV file's rows are read by ``patientcsv``; what a patient's page
confirms of the weight and the prescription, its rate and days, by ``personalweight``).

Personal data is health information.  It is checked like content (every problem
at once, with its field or CSV row), printed on the page, and nowhere else: it
never reaches logs, the manifest or file names.  A personalised PDF is named by
a short hash of its inputs, so the same patient and options give the same file,
byte for byte, and the name says nothing about the patient.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path

from .chars import as_read, bidi_problem, clean, problems
from .dosing import medications
from .errors import Code, Collector, Finding, Location
from .fields import BY_NAME, FIELDS, MAX_TEXT, PHONES, Asker, Field, Kind, on_command_line
from .model import Handout, Personal
from .personalweight import WEIGHT_KG, weight_problems
from .schema import Identifier, model_fields
from . import weekday

# Digits and the signs phone numbers are written with, and an extension ("ext. 4455", "x4455").
_PHONE = re.compile(r"^[+()\d][\d\s().+-]{4,24}(?:\s*(?:ext\.?|x)\s*\d{1,6})?$", re.I)
# A FHIR reference to a patient: "Patient/123", or that at the end of the EHR's address (FHIR R4 Reference, and the
# id's own rule: 1 to 64 letters, digits, "-" and ".").  Anything else was written into the DocumentReference as
# typed: a patient's name from a shifted spreadsheet column, outside the PDF (a review).
_PATIENT_REF = re.compile(r"(?:https?://[^\s/]+(?:/[^\s/]+)*/)?Patient/[A-Za-z0-9.-]{1,64}(?:/_history/[A-Za-z0-9.-]{1,64})?"
                          r"|urn:uuid:[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")


def reference_problem(p: Personal, where: Location, prefix: str = "") -> Finding | None:
    """The patient reference a DocumentReference is filed by (``--fhir``), when it is no FHIR reference to a patient
    (``Patient/<id>``, its version or full address, or a request's ``urn:uuid``); never its value.  Asked only where
    it is written: a build without ``--fhir`` writes it nowhere (a review: a request's own subject was refused)."""
    ref = p.patient_reference
    if ref is None or _PATIENT_REF.fullmatch(ref):
        return None
    return Finding(p.field_locs.get("patient_reference", where), prefix + "patient_reference", "is not a FHIR reference "
                   "to a patient (expected Patient/ and the EHR's id, e.g. Patient/123, or its full address)")
MAX_START_DAYS = 366  # a start date more than a year away is almost certainly a typo

if [f.name for f in FIELDS] != [f.name for f in model_fields(Personal)]:  # a field added on one side only
    raise RuntimeError(f"fields.FIELDS {[f.name for f in FIELDS]} do not match model.Personal's fields")


@dataclass(frozen=True)
class Reader:
    """How a date or a weight is read from what was typed, and what to say when it cannot be."""

    read: Callable[[str], object]
    problem: str  # the finding's message (command line, CSV)
    plain: str  # the same for a clinician, beside the web form's field


def latin_digits(text: str) -> str:
    """Any script's decimal digits ("٢٠٢٦-١٢-٠١", typed on an Arabic keyboard) as the Latin ones they are."""
    return "".join(str(int(ch)) if ch.isdecimal() else ch for ch in text)


def _latin_digits(text: str) -> str:
    """A typed value's digits in Latin, and the Arabic decimal sign ("١٨٫٥") as a point."""
    return latin_digits(text.strip()).replace("\u066b", ".")


def _date(text: str) -> date:
    text = _latin_digits(text)
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        # Python reads '20261201' and '2026-W49' (a Monday) as dates too: the form every message
        # asks for, or nothing (an adversarial review)
        raise ValueError(text)
    try:
        return date.fromisoformat(text)
    except ValueError:  # the form is right: the day is not (2026-02-30)
        raise Unclear("is not a day of the calendar (expected a real date, YYYY-MM-DD)") from None


class Unclear(ValueError):
    """A value that reads two ways; its message says why (never quoting it)."""


# "1,850" or "2.500": a decimal sign where the clinic is, thousands (grams) elsewhere.  Read as
# 1.85 kg it doses a newborn; it is asked again, never guessed.
_GROUPED = re.compile(r"\d{1,3}[.,]\d{3}")


def _weight(text: str) -> float:
    text = _latin_digits(text)
    if _GROUPED.fullmatch(text):
        raise Unclear("has a comma or point before 3 digits, a decimal sign in some places and thousands in "
                      "others (expected kg with at most 2 decimals, e.g. 18.5 or 1.85)")
    if re.fullmatch(r"[0-9]+[.,][0-9]{3,}", text):  # '18.55555' printed 'Weight: 18.556 kg' (a review)
        raise Unclear("has more than 2 decimals (expected kg with at most 2 decimals, e.g. 18.5 or 1.85)")
    if re.fullmatch(r"[-−]\s*[0-9]+(?:[.,][0-9]+)?", text):  # ('-5' was "not a weight (expected kg as a number")
        return -_weight(text.lstrip("-−").strip())  # (read: held to the weights' range with 0 and 300, one exit code)
    if not re.fullmatch(r"[0-9]+(?:[.,][0-9]{1,2})?", text):
        raise ValueError(text)
    return float(text.replace(",", "."))


def _rate(text: str) -> float:
    text = _latin_digits(text)
    if re.fullmatch(r"[0-9]+[.,][0-9]{3,}", text):
        raise Unclear("has more than 2 decimals (expected the prescribed amount per kg a day, e.g. 45)")
    if not re.fullmatch(r"[0-9]+(?:[.,][0-9]{1,2})?", text):
        raise ValueError(text)
    if not float(text.replace(",", ".")):
        raise Unclear("must be more than 0 (expected the prescribed amount per kg a day, e.g. 45)")
    return float(text.replace(",", "."))


def _days(text: str) -> int:
    text = _latin_digits(text)
    # (a spreadsheet writes 10 as "10.0"; no cap beyond 4 digits: it must be the plan's own length)
    if not re.fullmatch(r"[0-9]{1,4}(?:[.,]0+)?", text):
        raise ValueError(text)
    days = int(re.split(r"[.,]", text)[0])
    if not days:
        raise Unclear("must be more than 0 (expected the prescribed number of days, e.g. 10)")
    return days


READERS: dict[Kind, Reader] = {
    "date": Reader(_date, "is not a date (expected YYYY-MM-DD)", "Use a date like 2026-12-01."),
    "weight": Reader(_weight, "is not a weight (expected kg as a number, e.g. 18.5)",
                     "Use a weight in kg like 18.5, with at most 2 decimals."),
    "rate": Reader(_rate, "is not an amount per kg (expected the prescribed amount per kg a day as a number, e.g. 45)",
                   "Use the prescribed amount per kg a day, like 45."),
    "days": Reader(_days, "is not a number of days (expected the prescribed number of days as a whole number, e.g. 10)",
                   "Use the number of days on the prescription, like 10."),
    "weekday": Reader(weekday.read, "is not a day of the week (expected one in English, Spanish or French: wednesday, "
                      "wed, miércoles, mercredi)", "Choose a day of the week from the list."),
}


def parse(raw: Mapping[str, str | None], base: Personal | None, where: Location | Callable[[Field], Location],
          prefix: str = "") -> tuple[Personal, list[Finding]]:
    """What was typed (command-line options, a CSV row, the web form: text by field name) in; the
    ``Personal`` (over the clinic profile's ``base``) and every value that could not be read out.

    Blank means not given.  A value that cannot be read is left out and named in a finding (its
    path: the field) at ``where`` (or ``where(field)``), never quoted: it may be the patient's."""
    unknown = set(raw) - BY_NAME.keys()
    if unknown:
        raise KeyError(f"not personal fields: {', '.join(sorted(unknown))}")
    values: dict[str, object] = {}
    findings: list[Finding] = []
    for f in FIELDS:
        text = raw.get(f.name)
        if not text:
            continue
        reader = READERS.get(f.kind)
        if reader is None:
            values[f.name] = text
            continue
        try:
            values[f.name] = reader.read(text)
        except ValueError as exc:
            problem = str(exc) if isinstance(exc, Unclear) else reader.problem
            findings.append(Finding(where if isinstance(where, Location) else where(f), f.name, prefix + problem))
    return merge(base, **values), findings



def _overrides(text: str) -> bool:
    """Whether ``text`` holds a bidi override (U+202D, U+202E): the characters it governs show in another order."""
    return "\u202d" in text or "\u202e" in text



def _doses_in_names(p: Personal, h: Handout, where: Location, prefix: str) -> list[Finding]:
    """An error for a dose ("45 mg", "6 tablets") typed in a field that names someone or somewhere, printed on the
    patient's page beside the plan and read by no dose rule: "Pharmacy: Take 6 tablets every day" printed under
    methotrexate's Monday-only table (a clinician's review of the web page).  A dose goes in the note, where it is
    checked."""
    from .frequency import NOTE_LANGUAGES
    from .textamounts import amounts_in, counts_in

    out = []
    for name in ("patient", "prescriber", "clinic", "pharmacy"):
        value = getattr(p, name)
        if not value or len(value) > MAX_TEXT.get(name, 200):
            continue
        read = as_read(value)
        found = [*amounts_in(read, h.lang).values(),
                 *(w for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)) for w in (counts_in(read, lang) or {}).values())]
        if found:
            out.append(Finding(p.field_locs.get(name, where), prefix + name, f"holds a dose ('{found[0]}'), printed beside "
                               "the plan and checked by nothing (expected a name and its details only: a dose goes in "
                               "the note, where it is held to the plan)"))
    return out


def merge(base: Personal | None, **fields: object) -> Personal:
    """Fields given explicitly win over the clinic profile's defaults.  Text is cleaned here, the one
    door every personal field comes through (CLI, CSV, web page): NFC, no bidi isolates or overrides,
    no zero-width characters (``chars.clean``)."""
    # (A note's bidi overrides are kept, to be refused by ``values``: "Take 1 capsule \u202egm 54" shows 45 mg on the
    # clinician's screen and printed "gm 54", read by no dose rule.  Isolates, which a chat app wraps Arabic text in,
    # reorder no character: they go, as from every field.)
    values = {k: v if k == "note" and isinstance(v, str) and _overrides(v) else
              clean(v, remember=False) if isinstance(v, str) else v for k, v in fields.items()}
    values = {k: v for k, v in values.items() if v not in (None, "")}
    base = base or Personal()
    # A value given here is no longer the profile's: its problems are not said at the profile's line.
    locs = {k: v for k, v in base.field_locs.items() if k not in values}
    return replace(base, field_locs=locs, **values)  # type: ignore[arg-type]  # field names checked by the callers


def values(p: Personal, where: Location, prefix: str = "") -> list[Finding]:
    """The personal fields' problems whatever the handout (lengths, control characters, phones, a weight no
    body has, an unknown region), each at its clinic profile's line if it came from there, else at ``where``."""
    from .regions import known, unknown_region

    c, where_of = Collector(), p.field_locs.get
    for name, limit in MAX_TEXT.items():
        value = getattr(p, name)
        if value is not None and len(str(value)) > limit:
            c.error(where_of(name, where), prefix + name, f"must be 1 to {limit} characters (got {len(str(value))})")
        elif value is not None and not any(ch.isalnum() for ch in str(value)):
            # ("   " was "must be 1 to 80 characters (got 3)", and two accents alone printed "Prepared for: ́": a review)
            c.error(where_of(name, where), prefix + name, "has no letters or digits (expected words to print)")
        if value is not None and problems(str(value), newlines=False):
            c.error(where_of(name, where), prefix + name, "contains control characters (expected plain text)")
        if value is not None and _overrides(str(value)) and (bidi := bidi_problem(str(value))):  # (a note's: ``merge``)
            c.error(where_of(name, where), prefix + name, bidi)
    for name in PHONES:
        value = getattr(p, name)
        if value is not None and not _PHONE.match(value.strip()):
            c.error(where_of(name, where), prefix + name, "is not a phone number (expected digits, spaces, "
                    "+ ( ) - . and an extension as 'ext. 123')")
    if p.weight_kg is not None and not WEIGHT_KG[0] <= p.weight_kg <= WEIGHT_KG[1]:
        # (grams typed for kg, a scale's "18500": said, never the value itself)
        grams = "; in grams? write kg, e.g. 12.4 for 12400 g" if 1000 <= p.weight_kg <= WEIGHT_KG[1] * 1000 else ""
        c.error(where_of("weight_kg", where), prefix + "weight_kg", "is not a body weight "
                f"(expected {WEIGHT_KG[0]:g} to {WEIGHT_KG[1]:g} kg{grams})")
    if p.region is not None and p.region.upper() not in known():  # (a region is the clinic's, never personal)
        c.error(where_of("region", where), prefix + "region", unknown_region(p.region))
    return c.findings


def check(p: Personal, h: Handout, today: date, where: Location, prefix: str = "",
          track: str | None = None, ask: Asker = on_command_line) -> list[Finding]:
    """Every problem with the personal fields for this handout (all at once): ``values``' and those
    that depend on the handout, each at the clinic profile's line for a value that came from there.
    ``track``: the build's own --track, printed when the patient's fields name none (a CSV row);
    ``ask``: how a message asks for a field (an option, or a CSV's column)."""
    c = Collector(values(p, where, prefix))
    where_of = p.field_locs.get
    if p.weekday is not None:  # the plan on the patient's day, or why not: every rule below reads it there
        moved = weekday.problems(h, p.weekday, where_of("weekday", where), prefix + "weekday")
        c.findings += moved
        h = h if moved else weekday.move(h, p.weekday)
    if p.track is None and track is not None:  # the track that will be printed is the one checked
        p = replace(p, track=Identifier(track), field_locs={**p.field_locs, "track": Location("--track")})
    known = p.track is None or p.track in {t.id for t in h.facts.tracks}
    if not known:
        # (never the value: a CSV's swapped columns put a patient's name there)
        c.error(where_of("track", where), prefix + "track", f"no such track in handout '{h.id}' "
                f"(expected one of: {', '.join(t.id for t in h.facts.tracks)})")
    # The track printed decides (none checked for an unknown track: said above): a handout may hold a
    # child's plan worked out from the weight beside one of fixed doses, and "Weight: 18 kg" beside
    # the fixed one reads as a dose worked out for that child, while a 40 kg limit meant for the
    # child's plan refused an adult's page of the fixed one (a review).
    # (An unknown track, refused above, is judged on none: its weight limit may not be the one meant.)
    for name in ("note", "pharmacy", "clinic", "prescriber"):  # "Call {emergency}" printed as typed (reviews)
        value = getattr(p, name)
        if value and ("{" in value or "}" in value):
            c.error(where_of(name, where), prefix + name, "a brace prints as typed here: a placeholder is filled in "
                    "only in the handout's own words (expected the number or the name itself)")
    c.findings += _doses_in_names(p, h, where, prefix)
    # (a note over its length is refused above: not read again, as a 100 KB form could make it take minutes)
    # Typed at the desk, printed on the patient's page: the dose rules the handout's words meet
    note = p.note if p.note and len(p.note) <= MAX_TEXT.get("note", len(p.note)) else None
    note = as_read(note) if note else None  # (as the rules read it: "ſept" is "sept"; printed as typed)
    if note:
        from .designations import dose_problems

        from .frequency import note_problems
        from .daytotal import note_day_total
        from .howoften import note_problems as how_often_problems
        from .noteamounts import note_amounts
        from .noteday import note_day
        from .noteforeign import note_foreign
        from .noteinteractions import note_interactions

        # (a weekly medicine taken daily first: a web page shows a field's first error, and "'every day' with no
        # time of day" asked for a time before saying the dose is once a week; a clinician's review)
        c.findings += note_problems(note, h, where_of("note", where), prefix + "note")
        c.findings += dose_problems(note, h.lang, where_of("note", where), prefix + "note")
        if any(m.product.form == "liquid" for t in h.facts.tracks for m in medications(t)):
            from .designations import spoon_problems

            c.findings += spoon_problems(note, where_of("note", where), prefix + "note")
        c.findings += how_often_problems(note, h, where_of("note", where), prefix + "note")
        c.findings += note_day_total(note, h, where_of("note", where), prefix + "note")
        c.findings += note_amounts(note, h, where_of("note", where), prefix + "note")
        c.findings += note_interactions(note, h, where_of("note", where), prefix + "note")
        c.findings += note_day(note, h, where_of("note", where), prefix + "note")
        c.findings += note_foreign(note, h, where_of("note", where), prefix + "note")

    printed = h.track(p.track) if known else None
    if printed is not None and note:
        from .courselength import note_course
        from .notestart import note_start
        from .notestep import note_step
        from .notestop import note_stop_early

        c.findings += note_course(note, h, printed, where_of("note", where), prefix + "note")
        c.findings += note_stop_early(note, h, printed, where_of("note", where), prefix + "note")
        c.findings += note_start(note, h, printed, where_of("note", where), prefix + "note")
        c.findings += note_step(note, h, printed, where_of("note", where), prefix + "note")
    c.findings += weight_problems(p, h, printed, known, today, where, prefix, ask)
    if p.start is not None and 0 < (today - p.start).days <= MAX_START_DAYS:
        c.warning(where_of("start", where), prefix + "start", "is in the past: the calendar's first days have "
                  "already gone by (expected today or later, unless the course began before)", Code.PAST_START)  # never how far
    if p.start is not None and abs((p.start - today).days) > MAX_START_DAYS:
        c.error(where_of("start", where), prefix + "start", "is more than a year from today "
                f"(expected a start date between {date.fromordinal(today.toordinal() - MAX_START_DAYS)} "
                f"and {date.fromordinal(today.toordinal() + MAX_START_DAYS)})")
    return c.findings


SECRET_ENV = "HANDOUT_SECRET_FILE"  # tests (and shared installs) may point it elsewhere


def secret() -> bytes:
    """The installation's secret key for file names: ``$XDG_CONFIG_HOME/handout/secret`` (or
    ``$HANDOUT_SECRET_FILE``), 32 random bytes, created 0600 on first use."""
    import os

    path = Path(os.environ.get(SECRET_ENV) or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
                / "handout" / "secret")
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = os.urandom(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_bytes()
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


def digest(p: Personal, *parts: str) -> str:
    """Short, stable, non-identifying name for a personalised file: an HMAC with the installation's
    secret.  A plain hash could be matched back to patients by guessing their fields (50 of 50
    in 0.09 s); without the key it cannot.  The same patient still gets the same name here."""
    import hmac

    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(p).items()
            if k not in ("loc", "field_locs")}
    if data.get("per_kg_day") is None:  # a field added later: left out when not given, so a patient's
        data.pop("per_kg_day", None)    # files keep the names they had (a batch run again made duplicates)
    # A course's days only confirm the plan's own (any other is refused): the same page, the same name
    # as before the field existed, whether or not they were given.
    data.pop("course_days", None)
    blob = json.dumps([data, parts], sort_keys=True, ensure_ascii=False).encode()
    return hmac.new(secret(), blob, hashlib.sha256).hexdigest()[:16]
