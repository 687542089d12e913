"""Personalised builds: handout + language + patient fields in, PDFs under <out>/personal/ out.

Run in-process, one patient at a time (a CSV gives one per row).  Nothing
personal is printed, logged, put in the manifest or in a file name: files are
named by a hash of their inputs (``personal.digest``).  A bad CSV row is
reported with its row number; the other rows are still built.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from . import content, medreq, pipeline, policy
from .errors import Finding, HandoutError, Location
from .model import CALENDAR, STANDARD, Handout, Personal
from .personal import FIELDS, check, digest, from_csv, parse, profile
from .medreq import Prescription
from .theme import Theme
from .write import write_atomic


def wanted(args) -> bool:
    return bool(getattr(args, "personal_csv", None)) or bool(getattr(args, "medication_request", None)) or any(
        getattr(args, f.dest, None) for f in FIELDS if f.printed)


def from_args(args) -> Personal:
    base = profile(args.clinic_profile) if getattr(args, "clinic_profile", None) else None
    p, unread = parse({f.name: getattr(args, f.dest, None) for f in FIELDS if f.flag is not None}, base,
                      lambda f: Location(f.flag or f.name))
    if unread:
        raise HandoutError(unread)
    return p


def editions_for(p: Personal, asked: list[str]) -> list[str]:
    """The asked editions, or the handout and (with a start date) its dose calendar."""
    return asked or [STANDARD] + ([CALENDAR] if p.start else [])


def build_one(h: Handout, p: Personal, theme: Theme, args, out: Path, today: date,
              report, rx: Prescription | None = None) -> tuple[int, int]:
    """Build every asked edition for one patient (and prescription); returns (built, failed)."""
    problems = check(p, h, today, Location("personal fields"))
    if problems:
        report(problems)
        return 0, 1
    built = failed = 0
    for edition in editions_for(p, args.edition):
        if edition == CALENDAR and p.start is None:
            report([Finding(Location("--edition"), "start", "the calendar needs a start date (--start YYYY-MM-DD)")])
            failed += 1
            continue
        if edition not in (CALENDAR, *h.facts.edition_names):
            report([Finding(Location("--edition"), "edition", f"no edition '{edition}' "
                            f"(expected one of: {', '.join([*h.facts.edition_names, CALENDAR])})")])
            failed += 1
            continue
        try:
            from .regions import apply

            result = pipeline.build(apply(h, getattr(args, "region", None) or p.region), theme, args.paper,
                                    p.track or args.track, edition, p)
        except HandoutError as exc:
            report(exc.findings)
            failed += 1
            continue
        suffix = "" if edition == STANDARD else f".{edition}"
        salt = (rx.fingerprint,) if rx is not None else ()  # another prescription is another file
        path = out / "personal" / f"{h.id}.{h.lang}{suffix}.{digest(p, h.id, h.lang, edition, *salt)}.pdf"
        write_atomic(path, result.pdf)
        if getattr(args, "fhir", False) or getattr(args, "fhir_inline", False):
            from .fhir import document_reference, to_json
            related = [rx.related] if rx is not None and rx.related is not None else []
            doc = document_reference(h, result.pdf, path.name, args.fhir_inline, p.patient_reference, related)
            write_atomic(path.with_name(path.stem + ".fhir.json"), to_json(doc))
        print(f"built {path} ({result.pages} page{'s' if result.pages > 1 else ''})")
        built += 1
    return built, failed


def run(args, targets: list, theme: Theme, report) -> int:
    """The personalised build for the CLI: exit code 0, or 1 when anything failed."""
    today = date.today()
    handouts: list[Handout] = []
    failed = 0
    for t in targets:
        res = content.read(t, tuple(args.lang))
        report([f for f in res.findings if f.severity == "error"])
        failed += len(res.failed)
        for h in res.handouts:  # the same decision as every other entry point (placeholders, stale, checks)
            mine = [f for f in res.findings if f.location.file in (h.source_file, h.facts_file)]
            verdict = policy.decide(h, mine, theme, today, allow_stale=args.allow_stale)
            if verdict.allowed:
                handouts.append(h)
            else:
                report([f for f in verdict.findings if f.severity == "error"])
                failed += 1
    built = 0
    if args.personal_csv:
        base = profile(args.clinic_profile) if args.clinic_profile else None
        for line, p, problems in from_csv(Path(args.personal_csv), base):
            if problems or p is None:
                report(problems)
                failed += 1
                continue
            for h in handouts:
                b, f = build_one(h, p, theme, args, args.out, today,
                                 lambda fs, line=line: report([_at_row(x, args.personal_csv, line) for x in fs]))
                built, failed = built + b, failed + f
    elif getattr(args, "medication_request", None):
        p = from_args(args)
        for h in handouts:
            b, f = _from_prescription(h, p, theme, args, today, report)
            built, failed = built + b, failed + f
    else:
        p = from_args(args)
        for h in handouts:
            b, f = build_one(h, p, theme, args, args.out, today, report)
            built, failed = built + b, failed + f
    print(f"built {built} personalised, failed {failed}", file=sys.stderr)
    return 1 if failed else 0


def _from_prescription(h: Handout, p: Personal, theme: Theme, args, today: date, report) -> tuple[int, int]:
    """The patient's own plan from a FHIR MedicationRequest (``--medication-request``)."""
    file = args.medication_request
    where = Location(str(file))
    if args.personal_csv or args.track:
        report([Finding(where, "--medication-request", "the prescription is the plan: it cannot be combined with "
                        f"{'--personal-csv' if args.personal_csv else '--track'}")])
        return 0, 1
    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        report([Finding(where, "", f"cannot read: {exc.strerror}")])
        return 0, 1
    try:
        rx = medreq.prescription(h, data, str(file))
        p = with_prescription(p, rx, where)
    except HandoutError as exc:
        report(exc.findings)
        return 0, 1
    return build_one(medreq.apply(h, rx), p, theme, args, args.out, today, report, rx)


def with_prescription(p: Personal, rx: Prescription, where: Location) -> Personal:
    """The personal fields with the prescription's start date and patient (a clash is an error)."""
    if rx.start is not None and p.start is not None and rx.start != p.start:
        raise HandoutError.single(where, "dosageInstruction[0].timing.repeat.boundsPeriod.start",
                                  f"the prescription starts {rx.start.isoformat()} but the start date given is "
                                  f"{p.start.isoformat()} (expected one start date: leave out --start)")
    start = rx.start or p.start
    if start is None:
        raise HandoutError.single(where, "dosageInstruction[0].timing.repeat.boundsPeriod.start",
                                  "no start date (expected boundsPeriod.start on the first instruction, or --start)")
    return replace(p, start=start, patient_reference=p.patient_reference or rx.subject)


def _at_row(f: Finding, csv_file: str, line: int) -> Finding:
    loc = f.location if f.location.file.endswith(".csv") else Location(csv_file, line, 1)
    return replace(f, location=loc, message=f"row {line - 1}: {f.message}")
