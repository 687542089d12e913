"""Personalisation: CLI fields, a clinic profile or a CSV row in, a checked ``Personal`` out.

Personal data is health information.  It is checked like content (every problem
at once, with its field or CSV row), printed on the page, and nowhere else: it
never reaches logs, the manifest or file names.  A personalised PDF is named by
a short hash of its inputs, so the same patient and options give the same file,
byte for byte, and the name says nothing about the patient.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

from .chars import clean, problems
from .errors import Collector, Finding, HandoutError, Location
from .load import load_file
from .model import Handout, Personal
from .schema import build

FIELDS = ("patient", "start", "track", "prescriber", "prescriber_phone", "clinic", "clinic_phone", "pharmacy", "note",
          "patient_reference", "weight_kg", "weighed_on")
# A weight outside this range is a typo (grams for kg, a missing decimal point): refuse it.
WEIGHT_KG = (0.5, 250.0)
MAX_WEIGHT_AGE_DAYS = 90  # a child's weight changes: a dose from an old weight is a wrong dose
_PHONE = re.compile(r"^[+()\d][\d\s().+-]{4,24}$")
MAX_TEXT = {"patient": 80, "prescriber": 80, "clinic": 80, "pharmacy": 120, "note": 300, "patient_reference": 120}
MAX_START_DAYS = 366  # a start date more than a year away is almost certainly a typo


def profile(path: Path) -> Personal:
    """A clinic profile (YAML with clinic, clinic_phone, pharmacy, prescriber ...): the clinic's defaults."""
    return build(Personal, load_file(path))


def merge(base: Personal | None, **fields: object) -> Personal:
    """Fields given explicitly win over the clinic profile's defaults.  Text is cleaned here, the one
    door every personal field comes through (CLI, CSV, web page): NFC, no bidi isolates or overrides,
    no zero-width characters (``chars.clean``)."""
    values = {k: clean(v) if isinstance(v, str) else v for k, v in fields.items()}
    values = {k: v for k, v in values.items() if v not in (None, "")}
    return replace(base or Personal(), **values)


def check(p: Personal, h: Handout, today: date, where: Location, prefix: str = "") -> list[Finding]:
    """Every problem with the personal fields for this handout (all at once)."""
    c = Collector()
    for name, limit in MAX_TEXT.items():
        value = getattr(p, name)
        if value is not None and (not str(value).strip() or len(str(value)) > limit):
            c.error(where, prefix + name, f"must be 1 to {limit} characters (got {len(str(value))})")
        if value is not None and problems(str(value), newlines=False):
            c.error(where, prefix + name, "contains control characters (expected plain text)")
    for name in ("prescriber_phone", "clinic_phone"):
        value = getattr(p, name)
        if value is not None and not _PHONE.match(value.strip()):
            c.error(where, prefix + name, "is not a phone number (expected digits, spaces, + ( ) -)")
    if p.track is not None and p.track not in {t.id for t in h.facts.tracks}:
        c.error(where, prefix + "track", f"no track '{p.track}' in handout '{h.id}' "
                f"(expected one of: {', '.join(t.id for t in h.facts.tracks)})")
    if p.weight_kg is not None and not WEIGHT_KG[0] <= p.weight_kg <= WEIGHT_KG[1]:
        c.error(where, prefix + "weight_kg", "is not a body weight "
                f"(expected {WEIGHT_KG[0]:g} to {WEIGHT_KG[1]:g} kg)")
    if p.weighed_on is not None and not 0 <= (today - p.weighed_on).days <= MAX_WEIGHT_AGE_DAYS:
        c.error(where, prefix + "weighed_on", "is in the future or more than "
                f"{MAX_WEIGHT_AGE_DAYS} days ago (expected a recent weight: doses follow the weight)")
    if p.weighed_on is not None and p.weight_kg is None:
        c.error(where, prefix + "weighed_on", "a date of weighing without a weight (expected --weight KG too)")
    if p.start is not None and abs((p.start - today).days) > MAX_START_DAYS:
        c.error(where, prefix + "start", "is more than a year from today "
                f"(expected a start date between {date.fromordinal(today.toordinal() - MAX_START_DAYS)} "
                f"and {date.fromordinal(today.toordinal() + MAX_START_DAYS)})")
    return c.findings


def parse_date(text: str, where: Location, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise HandoutError.single(where, field, "is not a date (expected YYYY-MM-DD)") from None


def parse_weight(text: str, where: Location, field: str) -> float:
    try:
        kg = float(text.strip().replace(",", "."))
    except ValueError:
        raise HandoutError.single(where, field, "is not a weight (expected kg as a number, e.g. 18.5)") from None
    if kg != kg or kg in (float("inf"), float("-inf")):
        raise HandoutError.single(where, field, "is not a weight (expected kg as a number, e.g. 18.5)")
    return kg


def from_csv(path: Path, base: Personal | None) -> list[tuple[int, Personal | None, list[Finding]]]:
    """One Personal per CSV row (header: the field names); a bad row is reported with its number."""
    rows: list[tuple[int, Personal | None, list[Finding]]] = []
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise HandoutError.single(Location(str(path)), "", f"cannot read: {exc.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        unknown = [f for f in reader.fieldnames or [] if f not in FIELDS]
        if unknown:
            raise HandoutError.single(Location(str(path), 1, 1), "", f"unknown column(s) {', '.join(unknown)} "
                                      f"(expected some of: {', '.join(FIELDS)})")
        for line, row in enumerate(reader, start=2):
            where = Location(str(path), line, 1)
            values = {k: (v or "").strip() or None for k, v in row.items() if k}
            try:
                for name in ("start", "weighed_on"):
                    if values.get(name):
                        values[name] = parse_date(values[name], where, name)
                if values.get("weight_kg"):
                    values["weight_kg"] = parse_weight(values["weight_kg"], where, "weight_kg")
            except HandoutError as exc:
                rows.append((line, None, exc.findings))
                continue
            rows.append((line, merge(base, **values), []))
    return rows


def digest(p: Personal, *parts: str) -> str:
    """Short, stable, non-identifying name for a personalised file."""
    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(p).items()
            if k not in ("loc", "field_locs")}
    blob = json.dumps([data, parts], sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:12]
