"""A CSV of patients built: the file's rows (``patientcsv``) and the handouts read in; each row's
handouts, in its language, built for it (``personalize.build_one``) out, every problem said at the
row (its line, and its number as a spreadsheet shows it), never quoting a cell.

A row names its handout (a ``handout`` column), else gets every handout of the run; its language
(a ``language`` column), else the run's ``--lang``, else each handout's only one.  The clinic
profile's and the command line's details are every row's defaults (``row_defaults``); a problem in
them is said once, where it is mended, and each row it fails points there (``_at_row``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import content
from .errors import Finding, Location
from .fields import BY_NAME, CSV_COLUMNS, FIELDS, Options, in_csv
from .langs import EXPECTED, valid
from .model import Handout, Personal
from .patientcsv import from_csv
from .personalize import Report, build_one, clinic_of, languages_of, personal_of, written_languages

if TYPE_CHECKING:
    from .theme import Theme


def build_rows(opts: Options, targets: list[content.Target], handouts: list[Handout], theme: Theme, today: date,
               report: Report, failed: int) -> tuple[int, int, int, int]:
    """Build every row of ``opts.personal_csv``: (built, failed, rows, rows with a problem), ``failed`` counted on
    from the run's (files and handouts not built: a row may have several; a review read "failed 7" for 3 rows)."""
    built = 0
    rows = bad_rows = 0
    csv_file = opts.personal_csv
    assert csv_file is not None
    base = row_defaults(opts)
    # A patient reads one language: the row's, else --lang's; never every one there is (a review),
    # unless a handout has only one.
    several = set() if opts.langs else {hid for hid, found in written_languages(targets, handouts).items() if len(found) > 1}
    profile_said: set[Finding] = set()  # the clinic profile's findings said so far: in full once
    made: dict[Path, str] = {}  # each file this run wrote, and the row that wrote it (a row twice: one file)
    names = sorted({t.id for t in targets})
    for line, p, problems, language, chosen, number in from_csv(csv_file, base, bool(several)):
        before = failed
        built, failed = _row(opts, targets, handouts, theme, today, report, built, failed, csv_file, line, p,
                             problems, language, chosen, number, several, names, profile_said, made)
        rows, bad_rows = rows + 1, bad_rows + (failed > before)
    return built, failed, rows, bad_rows


def _row(opts: Options, targets: list[content.Target], handouts: list[Handout], theme: Theme, today: date,
         report: Report, built: int, failed: int, csv_file: Path, line: int, p: Personal | None,
         problems: list[Finding], language: str | None, chosen: str | None, number: int, several: set[str],
         names: list[str], profile_said: set[Finding], made: dict[Path, str]) -> tuple[int, int]:
    """One row of the CSV built: (built, failed) counted on."""
    if problems or p is None:
        report(problems)
        failed += 1
        return built, failed
    where = Location(str(csv_file), line, 1)
    for_patient, named = handouts, targets  # the row's handouts: its own, else every one named
    if chosen is not None:
        chosen = chosen.lower()  # (ids are lower case; 'LDN' from a spreadsheet is ldn, as a language is read)
        if chosen not in names:  # never echoed: a swapped column may hold the patient's name
            why = "is not a handout of this run" if chosen else "no handout, in a file that names each row's"
            report([Finding(where, "handout", f"row {number}: {why} (expected one of: {', '.join(names)})")])
            failed += 1
            return built, failed
        for_patient = [h for h in handouts if h.id == chosen]
        named = [t for t in targets if t.id == chosen]
        if not for_patient:  # its content was refused, said above: the row is not built either
            report([Finding(where, "handout", f"row {number}: not built: handout '{chosen}' cannot be "
                            "built (its errors are said above)")])
            failed += 1
            return built, failed
    unsure = sorted(several & {h.id for h in for_patient})
    if language is None and unsure:
        report([Finding(where, "language", f"row {number}: no language, and handout '{hid}' is in several "
                        "(expected the patient's language, e.g. es, or --lang)") for hid in unsure])
        failed += len(unsure)
    for_row = [h for h in for_patient if h.id not in several] if language is None else _in(for_patient, language)
    if language is not None:  # the row's language: each handout's, said for every one without it
        if not valid(language.replace("_", "-")):  # never echoed: a swapped column may hold the patient's name
            report([Finding(where, "language", f"row {number}: is not a language code (expected {EXPECTED})")])
            failed += 1
            return built, failed
        have = {Path(h.source_file).parent.resolve() for h in for_row}
        lacking = [t for t in named if t.folder.resolve() not in have]
        report([_no_language(t, language, opts.langs, where, number) for t in lacking])
        failed += len(lacking)
    for h in for_row:
        at_row = partial(_at_row, report, str(csv_file), line, number, kept=str(opts.clinic_profile or ""),
                         said=profile_said)
        b, f = build_one(h, p, theme, opts, today, at_row,
                         row=f"{csv_file}:{line}: row {number}: ", ask=in_csv, made=made)
        built, failed = built + b, failed + f
    return built, failed


def row_defaults(opts: Options) -> Personal | None:
    """What every row of a CSV of patients starts from: the clinic profile's defaults under the command
    line's (--prescriber, --note …), each said at its option when wrong.  (The command line's were
    dropped: a run with --prescriber printed no prescriber.  A patient's own field beside a CSV, a
    name or a start date, is a usage error: ``Options.misplaced``.)"""
    if not opts.fields:
        return clinic_of(opts)
    p = personal_of(opts)
    return replace(p, field_locs={**p.field_locs, **{k: Location(BY_NAME[k].flag or k) for k in opts.fields}})


def _in(handouts: list[Handout], language: str) -> list[Handout]:
    """Each handout in a CSV row's language, as the web page's EHR link finds it (``infobutton.lookup``:
    any case, 'es-MX' → es), a locale's 'es_MX' and a tag for a language the handouts write under
    another (``infobutton.ALIASES``) included."""
    langs = languages_of(handouts)
    return [h for h in handouts if _written_in(language, langs[h.id]) == h.lang]


def _written_in(language: str, present: set[str] | list[str]) -> str | None:
    """The language of ``present`` a CSV row's ``language`` asks for, or None."""
    from .infobutton import lookup

    want = language.replace("_", "-")
    return lookup(want, sorted(present))  # (a tag written under another: infobutton.ALIASES)


def _no_language(t: content.Target, language: str, asked: tuple[str, ...], where: Location, number: int) -> Finding:
    """Why a CSV row's ``language`` has no handout here: not asked for with --lang, or none written.
    The cell is never quoted: a swapped column may hold a patient's short name ('Ali' is a valid
    language code in form)."""
    if asked and _written_in(language, content.languages_in(t.folder)) is not None:  # ("ES-mx": es.yaml, a review)
        why = f"the row's language is not among the languages asked for (--lang {' '.join(asked)})"
    elif _written_in(language, content.languages_in(t.folder)) is not None:  # (its file refused: a stale translation)
        why = f"handout '{t.folder.name}' in the row's language cannot be built (its errors are said above)"
    else:
        why = (f"handout '{t.folder.name}' has no version in the row's language (languages present: "
               f"{', '.join(content.languages_in(t.folder)) or 'none'})")
    return Finding(where, "language", f"row {number}: {why}")


OPTIONS = frozenset(f.flag for f in FIELDS if f.flag)  # where a command line's personal field is said


def _at_row(report: Report, csv_file: str, line: int, number: int, findings: list[Finding], kept: str = "",
            said: set[Finding] | None = None) -> None:
    """Report each finding at its CSV row, and say the row's number.  One at the clinic profile's line
    (``kept``: its file) or at a command-line option is mended there: said there once, in full
    (``said``: those said so far), and at each row it concerns, in a line pointing there (the same
    error was said in full once per row, each at the profile's line and "row N": a thousand rows, a
    thousand copies)."""
    out = []
    for f in findings:
        option = f.location.file in OPTIONS
        if kept and f.location.file == kept or option:
            if said is None or f not in said:
                out.append(f)
                if said is not None:
                    said.add(f)
            source = "the command line" if option else "the clinic profile"
            column = f", or a value in the row's '{f.path}' column" if f.path in CSV_COLUMNS else ""  # (region: none)
            out.append(replace(f, location=Location(csv_file, line, 1), message=f"row {number}: from {source}, "
                               f"said at {f.location} (expected it mended there{column})"))
        else:
            out.append(replace(f, location=f.location if f.location.file.endswith(".csv") else
                               Location(csv_file, line, 1), message=f"row {number}: {f.message}"))
    report(out)
