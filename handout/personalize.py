"""Personalised builds: handout + language + patient fields in, PDFs under <out>/personal/ out.

Run in-process, one patient at a time (a CSV gives one per row).  Nothing
personal is printed, logged, put in the manifest or in a file name: files are
named by a hash of their inputs (``personal.digest``).  A CSV of patients is ``patientrows``'s: a
bad row is reported with its row number; the other rows are still built.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from . import content, weekday
from .errors import Code, Finding, HandoutError, Location
from .model import CALENDAR, STANDARD, Handout, Personal, Track
from .fields import BY_NAME, MAX_TEXT, Asker, Options, on_command_line
from .clinic import profile
from .personal import check, digest, merge, parse
from .schema import Identifier
from .write import write_atomic

if TYPE_CHECKING:  # the build's code is imported when a personalised build runs, not to read options
    from . import pipeline
    from .medreq import Prescription
    from .theme import Theme

Report = Callable[[list[Finding]], None]


def clinic_of(opts: Options) -> Personal | None:
    """The clinic profile's defaults, with --region over the profile's region (the build's own option
    wins, and a profile's unknown region is then not the build's problem)."""
    if not opts.clinic_profile:
        return None
    given = frozenset(k for k, v in opts.fields.items() if v) | ({"region"} if opts.region else set())
    base = profile(opts.clinic_profile, given)
    return merge(base, region=opts.region) if opts.region else base


def personal_of(opts: Options) -> Personal:
    """The patient from the command line's fields over the clinic profile's defaults."""
    base = clinic_of(opts)
    p, unread = parse(opts.fields, base, lambda f: Location(f.flag or f.name))
    if unread:
        raise HandoutError(unread)
    # Each value typed is said at its option ("--weight: error: weight_kg: ..."), as a clinic profile's is at its
    # line: 'personal fields: error' left the clinician to work out which option (a portal administrator's review).
    typed = {k: Location(BY_NAME[k].flag or k) for k, v in opts.fields.items() if v not in (None, "") and k in BY_NAME}
    return replace(p, field_locs={**p.field_locs, **typed})


def editions_for(h: Handout, p: Personal, asked: tuple[str, ...]) -> list[str]:
    """The asked editions, or the handout, (with a start date) its dose calendar, and its wallet
    card if it has one: the LDN handout tells the patient to carry it, and printed none."""
    return list(asked) or [STANDARD] + ([CALENDAR] if p.start else []) + \
        (["wallet"] if "wallet" in h.facts.edition_names else [])


def problems(h: Handout, p: Personal, edition: str, today: date, track: str | None = None,
             ask: Asker = on_command_line) -> list[Finding]:
    """Every problem with the personal fields for this edition of this handout, before anything is laid
    out (``personal.check``, and a dose calendar needs a start date): the command line, a CSV's rows
    and the web page ask the same questions (``ask``: how a message asks for a field)."""
    found = check(p, h, today, Location("personal fields"), track=track, ask=ask)
    if edition == CALENDAR and p.start is None:
        found.append(Finding(Location("--edition"), "start", f"the calendar needs a start date (expected "
                             f"{ask('start')})", code=Code.NO_START))
    return found


def build(h: Handout, p: Personal, theme: Theme, edition: str, today: date, *, paper: str | None = None,
          track: str | None = None, region: str | None = None, ask: Asker = on_command_line) -> pipeline.Built:
    """One edition of one handout for one patient, in memory: the personal fields checked (every
    problem raised at once), the region applied (``region``, else the clinic profile's, else US), laid
    out and drawn.  ``track``: when the patient's fields name none."""
    found = [f for f in problems(h, p, edition, today, track, ask) if f.severity == "error"]  # warnings: build_one says them
    if not found:
        from .weekday import move

        h = move(h, p.weekday)  # (the plan on the patient's day; ``problems`` said why not, if not)
    chosen = p.track or track
    if p.weight_kg is not None and (chosen is None or chosen in {t.id for t in h.facts.tracks}):
        from .pipeline import theme_for  # (an edition's own theme measures with its own marks: a review)

        found += _unmeasurable(h, h.track(chosen), p, theme_for(h, edition, theme))
        found += _note_by_weight(h, h.track(chosen), p, theme_for(h, edition, theme))
    if p.start is not None and (chosen is None or chosen in {t.id for t in h.facts.tracks}):
        from .dosing import dayless

        for path, step in dayless(h.track(chosen), p.start):  # (never the date: a batch's errors go to logs)
            days = " or ".join(d.capitalize() for d in step.days)
            found.append(Finding(step.loc, path, f"taken on {days}, but from this start date its days hold no "
                                 f"{days}: the table would print a dose the calendar never shows (expected a start "
                                 f"date that gives the step a {days}, or a step of 7 days or more)"))
    if found:
        raise HandoutError(found)
    from .regions import apply

    from . import pipeline

    return pipeline.build(apply(h, region or p.region), theme, paper, p.track or track, edition, p)


def _unmeasurable(h: Handout, track: Track, p: Personal, theme: Theme) -> list[Finding]:
    """A dose worked out from the weight that the syringe cannot measure within 10% of it is never
    printed (a review: 0.1 mL, 60% more than an infant's 0.06 mL; 0 mL for a smaller one), for the
    weight rules the page works out (none beyond the plan's weight limit: refused before this)."""
    from .dosing import MAX_ROUNDING, medications, measured_off

    assert p.weight_kg is not None
    limit = track.weight_limit
    if limit is not None and p.weight_kg >= limit:
        return []
    for med in medications(track):
        for step in med.steps:
            if step.per_kg is not None and measured_off(step, med.product, p.weight_kg, theme.measure) > MAX_ROUNDING:
                # (never the weight or the dose: a refused row of a batch goes to the clinic's logs)
                return [Finding(p.field_locs.get("weight_kg", Location("personal fields")), "weight_kg",
                                f"the dose handout '{h.id}' works out for this weight is too small to measure: on "
                                f"the syringe's or cup's marks it would be more than {MAX_ROUNDING:.0%} off, or "
                                "nothing (expected a weight whose dose can be measured; for a dose this small, the "
                                "prescriber's own instructions)")]
    return []


def _note_by_weight(h: Handout, track: Track, p: Personal, theme: Theme) -> list[Finding]:
    """A note's amounts held to the dose a plan by weight gives this patient, as the edition's theme measures it
    (``noteamounts``): "Give 7.5 mL in the morning and at bedtime" printed beside a table of 5.2 mL (a review)."""
    from .chars import as_read
    from .noteamounts import note_amounts
    from .planamounts import weighed_amounts

    assert p.weight_kg is not None
    limit = track.weight_limit
    if not p.note or len(p.note) > MAX_TEXT.get("note", len(p.note)) or not track.weight_rules or (
            limit is not None and p.weight_kg >= limit):
        return []  # (a weight at the limit is refused before: no dose is worked out for it)
    return note_amounts(as_read(p.note), h, p.field_locs.get("note", Location("personal fields")), "note",
                        weighed_amounts(track, p.weight_kg, theme.measure))


def build_one(h: Handout, p: Personal, theme: Theme, opts: Options, today: date, report: Report,
              rx: Prescription | None = None, row: str = "", ask: Asker = on_command_line,
              made: dict[Path, str] | None = None) -> tuple[int, int]:
    """Build every asked edition for one patient (and prescription) into files; returns (built, failed).
    ``row``: where the patient came from ("patients.csv:3: row 2: "), said before each file built, so
    staff can tell whose file is whose without a name in it.  ``made``: the files this run wrote, and
    the row that wrote each (a CSV's); one already there is not built again."""
    found = check(p, h, today, Location("personal fields"), track=opts.track, ask=ask)  # once, not once per edition
    if opts.fhir or opts.fhir_inline:  # (the patient reference is written only into the DocumentReference)
        from .personal import reference_problem

        bad_ref = reference_problem(p, Location("personal fields"))
        found += [bad_ref] if bad_ref is not None else []
        if p.patient_reference is None:
            # A patient's document with no subject reaches the EHR tied to no one (a clinic's trial: said nowhere)
            found.append(Finding(Location("personal fields"), "patient_reference", "none given: the FHIR "
                                 "DocumentReference is written without a subject, so the EHR cannot file it in the "
                                 f"patient's record by itself (expected {ask('patient_reference')}, e.g. Patient/123)",
                                 severity="warning"))
    chosen = p.track or opts.track
    if p.weight_kg is not None and (chosen is None or chosen in {t.id for t in h.facts.tracks}):
        from .pipeline import theme_for  # each edition's measuring marks, said once (not "failed 2": a review)

        for edition in editions_for(h, p, opts.editions):
            if edition in (CALENDAR, *h.facts.edition_names):
                found += [f for f in _unmeasurable(h, h.track(chosen), p, theme_for(h, edition, theme)) if f not in found]
                found += [f for f in _note_by_weight(h, h.track(chosen), p, theme_for(h, edition, theme)) if f not in found]
    report(found)
    if any(f.severity == "error" for f in found):
        return 0, 1
    built = failed = 0
    for edition in editions_for(h, p, opts.editions):
        if edition not in (CALENDAR, *h.facts.edition_names):
            report([content.no_edition(Location("--edition"), h.id, edition, [*h.facts.edition_names, CALENDAR], "edition")])
            failed += 1
            continue
        suffix = "" if edition == STANDARD else f".{edition}"
        salt = (rx.fingerprint,) if rx is not None else ()  # another prescription is another file
        # The track printed names the file, whoever gave it: a CSV row's page printed with --track is the
        # command line's with --track (a review: a row built on another track replaced the first's file).
        named = p if p.track or not opts.track else replace(p, track=Identifier(opts.track))
        if named.weekday is not None and named.weekday == weekday.plan_day(h):
            # The plan's own day is the plan as written, the same page as no day: the same name too (a portal
            # given both kept two copies of one page)
            named = replace(named, weekday=None)
        # One name for one patient's files (a calendar is found beside its handout): the edition a suffix.
        path = opts.out / "personal" / f"{h.id}.{h.lang}.{digest(named, h.id, h.lang, *salt)}{suffix}.pdf"
        if made is not None and path in made:  # (a CSV's row twice: one file, said; "built 8" for 6 files, a trial)
            report([Finding(Location(str(path)), "", f"{path.name}: the same file as {made[path]}'s (the same patient "
                            "and details): built once (expected each patient once in the file)", severity="note")])
            continue
        try:
            result = build(h, p, theme, edition, today, paper=opts.paper, track=opts.track, region=opts.region,
                           ask=ask)
        except HandoutError as exc:  # each finding said once: the handout and its calendar refuse one plan alike
            report([f for f in exc.findings if f not in found])
            found += exc.findings
            failed += 1
            continue
        target = path  # (the file being written: the PDF, then its DocumentReference, each said by its own name)
        try:
            write_atomic(path, result.pdf, private=True)
            if opts.fhir or opts.fhir_inline:
                from .fhir import document_reference, to_json
                related = [rx.related] if rx is not None and rx.related is not None else []
                doc = document_reference(h, result.pdf, path.name, opts.fhir_inline, p.patient_reference, related,
                                         edition=edition, made_on=today)
                target = path.with_name(path.stem + ".fhir.json")
                write_atomic(target, to_json(doc), private=True)
        except OSError as exc:  # (a file where personal/ should be, a full disk: said, never a traceback; a review)
            from .outdir import write_error

            report([write_error(target, exc)])
            failed += 1
            continue
        print(f"{row}built {path} ({result.pages} page{'s' if result.pages > 1 else ''})")
        if made is not None:
            made[path] = row.rstrip(": ").rsplit(": ", 1)[-1] or "an earlier row"  # ("row 2")
        if result.laid.left_out:  # (the handout beside it carries each: said, never given up in silence)
            report([Finding(Location(str(path)), "", f"the calendar left out {' and '.join(result.laid.left_out)} to keep "
                            "to its page (expected the handout printed with it, which has it; or a shorter note or "
                            "names)", severity="note")])
        built += 1
    return built, failed


def run(opts: Options, targets: list[content.Target], theme: Theme, report: Report) -> int:
    """The personalised build for the CLI: exit code 0; 1 when anything failed; 2 when a patient's language is not
    said."""
    from .policy import decide

    if opts.medication_request and opts.personal_csv:  # one patient's prescription, or many rows: not both
        report([Finding(Location(str(opts.medication_request)), "--medication-request", "the prescription is one "
                        "patient's plan: it cannot be combined with --personal-csv (build the CSV's rows without it)")])
        return 1
    today = date.today()
    handouts: list[Handout] = []
    failed = 0
    for t in targets:
        res = content.read(t, opts.langs)
        report([f for f in res.findings if f.severity == "error"])
        failed += len(res.failed)
        for h in res.handouts:  # the same decision as every other entry point (placeholders, stale, checks)
            mine = [f for f in res.findings if f.location.file in (h.source_file, h.facts_file)]
            verdict = decide(h, mine, theme, today, allow_stale=opts.allow_stale)
            if verdict.allowed:
                handouts.append(h)
                # What the words say of the dose against the plan (H151-H157) is said where a patient's page is
                # made too: a clinic's edited plan printed "at most 2,000 mg" under words of 3,000 mg with nothing
                # said (a review).  Plain-language warnings are the author's, said by check and build.
                report([f for f in verdict.findings if f.severity == "warning" and str(f.code or "").startswith("H15")])
            else:
                report([f for f in verdict.findings if f.severity == "error"])
                failed += 1
    built = rows = bad_rows = 0
    if opts.personal_csv:
        from .patientrows import build_rows  # (it builds each row with build_one)

        built, failed, rows, bad_rows = build_rows(opts, targets, handouts, theme, today, report, failed)
    elif opts.medication_request:
        p = personal_of(opts)
        if not _one_language(handouts, opts, report, targets):
            return 2  # (an option missing: a usage error, README's exit code 2; it was 1, a content error's: a review)
        for h in handouts:
            b, f = _from_prescription(h, p, theme, opts, opts.medication_request, today, report)
            built, failed = built + b, failed + f
    else:
        p = personal_of(opts)
        if not _one_language(handouts, opts, report, targets):
            return 2
        for h in handouts:
            b, f = build_one(h, p, theme, opts, today, report)
            built, failed = built + b, failed + f
    # (a CSV's rows counted too: its files and handouts not built are more than its rows with a problem, and
    # staff matching the summary to the file read "failed 7" for 3 rows; a review)
    of_rows = f"; {bad_rows} of {rows} row{'s' if rows != 1 else ''} with a problem (said above)" if opts.personal_csv \
        else ""
    print(f"built {built} personalised, failed {failed}{of_rows}", file=sys.stderr)
    return 1 if failed else 0


def languages_of(handouts: list[Handout]) -> dict[str, set[str]]:
    """Each handout id and the languages it was read in."""
    langs: dict[str, set[str]] = {}
    for h in handouts:
        langs.setdefault(h.id, set()).add(h.lang)
    return langs


def written_languages(targets: list[content.Target], handouts: list[Handout]) -> dict[str, set[str]]:
    """Each handout id and the languages it is written in for this run: those read, and those whose file was there but
    refused (a stale translation): with every translation refused, a row without a language got the English one, where
    the patient may read Spanish (a portal administrator's review)."""
    langs = languages_of(handouts)
    for t in targets:
        langs.setdefault(t.id, set()).update(t.langs or content.languages_in(t.folder))
    return langs


def _one_language(handouts: list[Handout], opts: Options, report: Report, targets: list[content.Target]) -> bool:
    """Whether one patient's handouts are in one language each (said, when not).  A printout in
    every language there is (36 PDFs with the patient's name for a 12-language handout) is not
    what was meant: a patient reads one, so it is asked for, as for a CSV row."""
    read = {h.id for h in handouts}  # (a handout refused in every language: its errors are the story, said above)
    several = {hid: sorted(found) for hid, found in written_languages(targets, handouts).items()
               if len(found) > 1 and hid in read}
    if opts.langs or not several:
        return True
    report([Finding(Location("--lang"), "", f"a patient reads one language, and handout '{hid}' is in "
                    f"{len(found)} ({', '.join(found)}) (expected --lang with the patient's language, e.g. "
                    f"--lang {next((x for x in found if x != 'en'), found[0])})") for hid, found in several.items()])
    return False


def _from_prescription(h: Handout, p: Personal, theme: Theme, opts: Options, file: Path, today: date,
                       report: Report) -> tuple[int, int]:
    """The patient's own plan from a FHIR MedicationRequest (``--medication-request``)."""
    from . import medreq

    where = Location(str(file))
    if opts.track:
        report([Finding(where, "--medication-request", "the prescription is the plan: it cannot be combined with "
                        "--track")])
        return 0, 1
    try:
        data = file.read_bytes()
    except OSError as exc:
        report([Finding(where, "", f"cannot read: {exc.strerror}")])
        return 0, 1
    try:
        rx = medreq.prescription(h, data, str(file))
        p = with_prescription(p, rx, where)
    except HandoutError as exc:
        report(exc.findings)
        return 0, 1
    if rx.warnings:  # a 25-tablet dose was built without a word (a code review)
        report(list(rx.warnings))
    # The prescription is the plan: a clinic profile's usual track does not apply to it (it refused
    # every prescription with "no track 'slow' ... expected one of: prescription": a review).
    p = replace(p, track=None, field_locs={k: v for k, v in p.field_locs.items() if k != "track"})
    return build_one(medreq.apply(h, rx), p, theme, opts, today, report, rx)


def with_prescription(p: Personal, rx: Prescription, where: Location) -> Personal:
    """The personal fields with the prescription's start date and patient (a clash is an error)."""
    found = []
    if rx.start is not None and p.start is not None and rx.start != p.start:  # (never the dates: a patient's)
        found.append(Finding(where, "dosageInstruction[0].timing.repeat.boundsPeriod.start", "the prescription "
                             "starts on another day than the start date given (expected one start date: leave out "
                             "--start)"))
    if rx.subject is not None and p.patient_reference is not None and _ref(rx.subject) != _ref(p.patient_reference):
        # The document was filed in the record given, the prescription being another patient's (a review)
        found.append(Finding(where, "subject", "the prescription is for another patient than the patient reference "
                             "given (expected one patient: leave out --patient-reference)"))
    if found:
        raise HandoutError(found)
    start = rx.start or p.start
    if start is None:
        raise HandoutError.single(where, "dosageInstruction[0].timing.repeat.boundsPeriod.start",
                                  "no start date (expected boundsPeriod.start on the first instruction, or --start)")
    return replace(p, start=start, patient_reference=p.patient_reference or rx.subject)


def _ref(reference: str) -> str:
    """A FHIR reference as Type/id: 'https://ehr.example/fhir/Patient/123' and 'Patient/123' are one
    patient (a review: they were said to clash)."""
    return "/".join(reference.rstrip("/").split("/")[-2:])
