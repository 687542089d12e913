"""The personal fields and a personalised build's options: the command line's part of personalisation.

What the command line needs before anything is read: each field's option, CSV column and form
field (``FIELDS``), and what a build is asked for (``Options``, read once from the parsed command
line).  Kept apart from ``personal`` (reading, checking and hashing the values), which imports the
YAML loader and the model: a parallel build starts its fork server as soon as its command line is
read (cli.main), ~15 ms sooner.  ``personal`` checks, as it is imported, that ``FIELDS`` names
``model.Personal``'s fields in order.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import KW_ONLY, dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .errors import Finding

Kind = Literal["text", "phone", "date", "weight", "rate", "days", "weekday"]


@dataclass(frozen=True)
class Field:
    """One personal field: how its text is read and checked, and where a clinician can give it.

    Every entry point asks this table (``FIELDS``): the command line (its options), the CSV
    (its columns), the web page (its form), ``parse`` (text in, values out), ``check`` (lengths,
    phone numbers) and ``Personal.empty`` (what is printed)."""

    name: str  # the attribute of model.Personal; the column of a --personal-csv file; the web form's field
    kind: Kind  # text and phone are kept as typed; date and weight are read by personal.READERS
    _: KW_ONLY
    flag: str | None = None  # the command-line option (None: not an option)
    help: str | None = None  # the option's help
    metavar: str | None = None
    label: str | None = None  # the web form's label (None: not on the form)
    widget: str = "text"  # the web form's input type: text, date, tel or textarea; weekday: a list of the days
    max_len: int | None = None  # text: 1 to max_len characters
    csv: bool = True  # a column of --personal-csv
    printed: bool = False  # printed in the patient's box: a Personal with none of them is empty
    shared: bool = False  # a plain build's and check's option too (--track): the CLI adds it with theirs
    # Why it is one patient's, never a clinic profile's default (None: a profile may give it), nor the
    # command line's beside a CSV of patients: each row's own.
    own: str | None = None

    @property
    def profile(self) -> bool:
        """A clinic profile may give it (a default for every patient)."""
        return self.own is None

    @property
    def dest(self) -> str:
        """The option's attribute on the parsed command line (--clinic-name: clinic_name)."""
        assert self.flag is not None
        return self.flag.lstrip("-").replace("-", "_")


# In model.Personal's order (personal checks it): the CSV's "expected some of" and the web form follow it.
FIELDS: tuple[Field, ...] = (
    Field("patient", "text", flag="--patient", help="the patient's name, printed on the handout",
          label="Patient's name", max_len=80, printed=True,
          own="every patient without a name of their own would be printed with it"),
    Field("start", "date", flag="--start", help="start date: real dates and a dose calendar", metavar="YYYY-MM-DD",
          label="Start date", widget="date", printed=True,
          own="every patient's calendar would start on that day"),
    Field("track", "text", flag="--track", help="titration track to print (default: the handout's default_track)",
          label="Titration track (blank: the usual one)", shared=True),
    Field("prescriber", "text", flag="--prescriber", help="prescriber's name", label="Prescriber", max_len=80,
          printed=True),
    Field("prescriber_phone", "phone", flag="--prescriber-phone", help="prescriber's phone",
          label="Prescriber's phone", widget="tel", printed=True),
    Field("clinic", "text", flag="--clinic-name", help="clinic's name", label="Clinic", max_len=80, printed=True),
    Field("clinic_phone", "phone", flag="--clinic-phone", help="clinic's phone", label="Clinic's phone",
          widget="tel", printed=True),
    Field("pharmacy", "text", flag="--pharmacy", help="pharmacy's name and phone", label="Pharmacy", max_len=120,
          printed=True),
    Field("note", "text", flag="--note", help="a short note to the patient", label="Note to the patient",
          widget="textarea", max_len=300, printed=True),
    Field("patient_reference", "text", flag="--patient-reference",
          help="FHIR patient reference for --fhir, e.g. Patient/123", max_len=120,
          own="every patient's handout would be filed in that record"),
    Field("weight_kg", "weight", flag="--weight", help="the patient's weight in kg, for weight-based doses",
          metavar="KG", label="Weight in kg", printed=True, own="a child's dose is worked out from it"),
    Field("weighed_on", "date", flag="--weighed-on", help="when the patient was weighed (default: today)",
          metavar="YYYY-MM-DD", own="it dates the weight a child's dose is worked out from"),
    # The rate the prescriber chose, said back: a child's dose is worked out only at the rate prescribed
    # (amoxicillin is prescribed at 25, 45 or 80-90 mg/kg/day; its handout works out 45).
    Field("per_kg_day", "rate", flag="--per-kg", metavar="AMOUNT",
          help="the prescribed amount per kg of weight a day, in the plan's unit (mg/kg/day for amoxicillin), needed "
               "for a patient's page of a weight-based plan: its dose is printed only when it is the handout's rate",
          label="Prescribed amount per kg of weight a day", own="a child's dose is worked out from it"),
    # The course's length, said back: a course that ends (amoxicillin's 10 days, prednisone's 12-day
    # taper) is printed for a patient only when it is the one prescribed (a 7-day course got a
    # calendar of 10 days of boxes).
    Field("course_days", "days", flag="--course-days", metavar="DAYS",
          help="the prescribed number of days, needed for a patient's page of a course that ends (amoxicillin's "
               "10 days): its plan is printed only when it lasts that long",
          label="Prescribed number of days (a course that ends)",
          own="it confirms the length of the course printed for them"),
    # The patient's day for a once-a-week medicine (methotrexate): the plan moves to it (``weekday``), its table,
    # calendar and words with it; a note saying another day printed beside the plan's (a review).
    Field("weekday", "weekday", flag="--day", metavar="DAY",
          help="the day of the week this patient takes a once-a-week medicine on (monday ... sunday, or in the "
               "handout's language): the plan, its calendar and its words move to it",
          label="Day of the week for a once-a-week medicine (blank: the handout's)", widget="weekday",
          own="their once-a-week dose is printed on that day"),
    # A clinic profile's only: on the command line --region is the build's own option (and wins).
    Field("region", "text", csv=False),
)

BY_NAME = {f.name: f for f in FIELDS}
CSV_COLUMNS = tuple(f.name for f in FIELDS if f.csv)
# Columns of a CSV row besides the personal fields: which language this patient's handout is in, and
# which handout is theirs (a day's prescriptions of several medicines in one file: each row its own).
ROW_COLUMNS = ("language", "handout")
MAX_TEXT = {f.name: f.max_len for f in FIELDS if f.max_len is not None}
PHONES = tuple(f.name for f in FIELDS if f.kind == "phone")
PRINTED = tuple(f.name for f in FIELDS if f.printed)

# How a message asks for a field, worded for whoever filled it in: the command line's option, or a CSV
# row's column (a batch team fixing a CSV was told "--weight KG", an option their run never had).
Asker = Callable[[str], str]


def on_command_line(name: str) -> str:
    """The field's option, as typed: ``--weight KG``."""
    f = BY_NAME[name]
    return f"{f.flag} {f.metavar}" if f.flag and f.metavar else f.flag or name


def in_csv(name: str) -> str:
    """The field's column in a CSV of patients."""
    return f"a value in the row's '{name}' column"


def add_arguments(parser: argparse._ActionsContainer, *, shared: bool = False) -> None:
    """The personal fields' command-line options: the personalised group's, or (``shared``) those a
    plain build and check take too."""
    for f in FIELDS:
        if f.flag is not None and f.shared == shared:
            parser.add_argument(f.flag, metavar=f.metavar, help=f.help)


@dataclass(frozen=True, kw_only=True)
class Options:
    """What a personalised build is asked for: the command line read once (``from_args``)."""

    langs: tuple[str, ...] = ()  # none: every language of each handout
    editions: tuple[str, ...] = ()  # none: the standard edition, and the dose calendar with a start date
    out: Path = Path("output")
    paper: str | None = None  # none: the region's
    track: str | None = None  # for a patient whose fields name none (a CSV row may); none: the default
    region: str | None = None  # none: the clinic profile's, else US
    allow_stale: bool = False
    fhir: bool = False  # a FHIR DocumentReference beside each PDF
    fhir_inline: bool = False  # ... with the PDF inside it
    watch: bool = False  # --watch: rebuild the handouts' own PDFs as their files change (never a patient's)
    fields: Mapping[str, str] = field(default_factory=dict)  # the personal fields as typed, by field name
    clinic_profile: Path | None = None
    personal_csv: Path | None = None
    medication_request: Path | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Options:
        """From ``handout build``'s parsed command line."""
        typed = {f.name: getattr(args, f.dest) for f in FIELDS if f.flag is not None}
        return cls(langs=tuple(args.lang), editions=tuple(args.edition), out=args.out, paper=args.paper,
                   track=args.track, region=args.region, allow_stale=args.allow_stale, fhir=args.fhir,
                   fhir_inline=args.fhir_inline, watch=bool(getattr(args, "watch", False)),
                   fields=MappingProxyType({k: v for k, v in typed.items() if v is not None}),
                   clinic_profile=args.clinic_profile,
                   personal_csv=Path(args.personal_csv) if args.personal_csv else None,
                   medication_request=Path(args.medication_request) if args.medication_request else None)

    def misplaced(self) -> list[Finding]:
        """Patient's options where they cannot be used (usage errors, all of them): a rate or a course's
        days with no patient (a plain build prints the plan's own: they were ignored); --watch with a
        patient (their handout is built once: --watch was ignored); a weight, rate or course's days
        beside a CSV of patients (each row's own: ignored too, while every row's came from its columns)."""
        from .errors import Finding, Location

        if not self.personalised:
            why = {"per_kg_day": "the rate a dose is worked out at from their weight (expected --weight and the "
                                 "patient's details with it)",
                   "course_days": "the length of the course printed for them (expected the patient's details with it)",
                   # (alone, it was ignored: a general handout on Monday printed, exit 0; a review)
                   "weekday": "the day their once-a-week plan moves to (expected the patient's details with it)"}
            return [Finding(Location(BY_NAME[name].flag or name), name, f"is for a patient's handout: it confirms {what}")
                    for name, what in why.items() if self.fields.get(name)]
        out = []
        if self.watch:  # a patient's handout was built once and the command ended, --watch ignored (a review)
            out.append(Finding(Location("--watch"), "watch", "rebuilds the handouts' own PDFs as their files change: "
                               "a patient's handout is built once, when asked (expected --watch without the patient's "
                               "details, or the patient's details without --watch)"))
        if self.personal_csv:
            out += [Finding(Location(f.flag or f.name), f.name, "is each patient's: with --personal-csv it is read "
                            f"from the row's '{f.name}' column (expected it in the CSV, not on the command line)")
                    for f in FIELDS if not f.profile and f.flag and self.fields.get(f.name)]
        return out

    @property
    def personalised(self) -> bool:
        """A field printed for the patient was given, or a CSV of patients, or a prescription."""
        return bool(self.personal_csv or self.medication_request or any(
            self.fields.get(f.name) for f in FIELDS if f.printed))
