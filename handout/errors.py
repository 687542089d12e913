"""One error type for every stage.

Every stage (load, validate, localize, layout, render, write) reports problems as
``Finding`` objects carrying a ``Location``; a stage that cannot go on raises
``HandoutError`` with all the findings it collected.  The CLI is the only place
that turns them into text (``FILE:LINE:COL: error: field.path: message``) and an
exit code, so no content mistake ever reaches the user as a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Literal
from collections.abc import Iterable

# error: stops the build; warning: printed, an error with --strict; note: information only
# (a draft translation is printed with a DRAFT band by design, so it is a note, not a warning).
Severity = Literal["error", "warning", "note"]


class Code(str, Enum):
    """What kind of finding, for code that decides on it (``policy``): never a message prefix."""

    PLACEHOLDER = "placeholder"  # "TODO: ..." left in the content
    STALE = "stale"  # the source text changed since this translation
    SOURCE_UNREADABLE = "source-unreadable"  # the source text has errors: staleness cannot be checked
    CHECK = "check"  # a health-literacy, safety or theme check (checks.py)
    FIT = "fit"  # does not fit its pages
    DRAFT = "draft"  # an unreviewed translation (printed with a DRAFT band)
    NO_START = "no-start"  # a dose calendar asked for without a start date (the web page words it its own way)
    # The personal warnings the web page words for a clinician (web.WEB_NOTES)
    NO_WEIGHT = "no-weight"  # a weight-based handout without a weight: blank dose lines
    WEIGHT_UNUSED = "weight-unused"  # a weight for a handout whose doses do not follow it: not printed
    WEIGHT_CHECKED = "weight-checked"  # beside a prescription: not printed, checked against the most per kg a day
    RATE_UNUSED = "rate-unused"  # a prescribed rate per kg for a plan that works no dose out from the weight
    DAYS_UNUSED = "days-unused"  # a prescribed number of days for a plan with no end
    PAST_START = "past-start"  # a start date gone by
    PERSONAL_CHARS = "personal-chars"  # a detail typed for the patient that this handout cannot print (an emoji)
    NOTE_UNREAD = "note-unread"  # a note in a language the note rules have no words for: its amounts and counts only
    BUSY = "busy"  # another build is writing to the output folder: try again later (exit code 75)
    WRITE = "write"  # the output folder cannot be written (a file in the way, no permission, a full disk): exit 74


# Rule codes: each rule's findings carry its code, printed after the message ("[H123]"), recorded
# in each PDF's report, matched by `handout report --fail-on H123` and mapped to words for a
# clinician by the web page — never the message text.  The owner of each rule is named.
# (The plain-language rules are PL001-PL009, see plain.RULES.)
RULES: dict[str, str] = {
    "H101": "a block every handout shows is missing from the outline (checks.check_completeness)",
    "H102": "a required section (missed dose, storage) is missing (checks.check_completeness)",
    "H103": "no serious side effects (checks.check_completeness)",
    "H104": "no serious_action (checks.check_completeness)",
    "H105": "no interactions (checks.check_completeness)",
    "H110": "a citation names no source (validate)",
    "H111": "a source is never cited (checks.check_citations)",
    "H112": "side effects or an interaction cite no source (checks.check_citations)",
    "H121": "reviewed_on is in the future (checks.check_dates)",
    "H122": "the review is overdue (checks.check_dates)",
    "H123": "next_review is too far after reviewed_on (checks.check_dates, the theme's max_review_months)",
    "H131": "a text colour has too little contrast (checks.check_theme)",
    "H132": "body text below the 12 pt floor (checks.check_theme, theme.MIN_BODY_PT)",
    "H141": "reading grade above the most for patient text (checks.check_reading)",
    "H142": "reading grade above the target (checks.check_reading)",
    "H143": "sentences too long on average (checks.check_reading)",
    "H151": "an error-prone dose designation (designations.check_doses)",
    "H152": "a number with three decimals the reader may take for thousands (checks.check_decimal_signs)",
    "H153": "an amount in the text that the plan does not give (textamounts.check_amounts)",
    "H154": "a dose every day in the text, where the plan gives a medicine once a week (frequency.check_frequency)",
    "H155": "a dose more often in the text than the plan gives (howoften.check_how_often)",
    "H156": "a dose of the plan's medicine in a patient's note that the plan does not give (noteamounts.note_amounts)",
    "H157": "a plan giving a once-a-week medicine (methotrexate) on more than one day a week (weeklyonly.check)",
    "H158": "a course's length in the words that the plan does not give (courselength.check_course)",
    "H159": "a medicine the handout says never to take with its own, or its own under another name taken as well, "
            "named in a patient's note (noteinteractions)",
    "H160": "a patient's note stopping a planned medicine when the patient feels better (notestop.note_stop_early)",
    "H161": "a once-a-week medicine's dose on another day than the plan's, in a patient's note (noteday.note_day)",
    "H162": "a patient's note giving more tablets a day than the plan's most in 24 hours, or no limit (daytotal.note_day_total)",
    "H163": "a patient's note starting a plan whose dose changes step by step at a later step's dose (notestart.note_start)",
    "H164": "a patient's note in a language the note rules have no words for, giving an amount or count the plan does "
            "not give (noteforeign.note_foreign)",
    "H165": "a patient's note skipping a step of a plan whose dose changes step by step, or stopping it at a step before "
            "its last (notestep.note_step)",
    "H166": "words saying a dose is taken once a week, where no step of the plan gives a medicine on one day a week "
            "(weeklysaid.check)",
}

REVIEW_OVERDUE = "H122"  # falls due by the calendar alone: the report reads it again each day (report.collect)


@dataclass(frozen=True, order=True)
class Location:
    """Where a value came from: 1-based line and column in a file."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _shown(m: re.Match[str]) -> str:
    return f"\\x{ord(m.group()):02x}"


@dataclass(frozen=True)
class Finding:
    """One problem, located, with the field path and what was expected.

    ``code`` names the rule that found it when the rule has a stable code (``PL003``, see
    ``plain.RULES``); it is printed last, in brackets, so the line still starts
    ``FILE:LINE:COL: level: field.path:``.
    """

    location: Location
    path: str
    message: str
    severity: Severity = "error"
    code: Code | str | None = None  # a kind of finding (Code), or a rule's code such as 'PL006'

    def format(self, root: Path | None = None) -> str:
        loc = self.location
        file = loc.file
        if root is not None:
            try:
                file = str(Path(file).resolve().relative_to(root.resolve()))
            except (ValueError, OSError, RuntimeError):  # elsewhere, or a symlink loop: the path as given
                pass
        where = f"{file}:{loc.line}:{loc.col}" if loc.line else file
        path = f"{self.path}: " if self.path else ""
        # A rule's code ("PL006") is printed for the author; a kind (Code) is for the code that decides.
        code = f" [{self.code}]" if self.code and not isinstance(self.code, Code) else ""
        # A control character quoted from a file ('2026-02-30\a') is shown, never sent to the terminal:
        # a bell, or an escape sequence that rewrites the screen.
        return _CONTROL.sub(_shown, f"{where}: {self.severity}: {path}{self.message}{code}")


class HandoutError(Exception):
    """Raised by any stage with every finding it collected (at least one)."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings: list[Finding] = sorted(
            findings, key=lambda f: (f.location.file, f.location.line, f.location.col)
        )
        super().__init__("\n".join(f.format() for f in self.findings))

    @classmethod
    def single(cls, location: Location, path: str, message: str) -> HandoutError:
        return cls([Finding(location, path, message)])


@dataclass
class Collector:
    """Accumulates findings so a stage can report everything at once."""

    findings: list[Finding] = field(default_factory=list)

    def error(self, location: Location, path: str, message: str, code: Code | str | None = None) -> None:
        self.findings.append(Finding(location, path, message, "error", code))

    def warning(self, location: Location, path: str, message: str, code: Code | str | None = None) -> None:
        self.findings.append(Finding(location, path, message, "warning", code))

    def note(self, location: Location, path: str, message: str, code: Code | str | None = None) -> None:
        self.findings.append(Finding(location, path, message, "note", code))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise HandoutError(self.findings)


def fail_level(text: str) -> str:
    """``--fail-on``: error, warning, or a rule's code (H123, PL006)."""
    if text in ("error", "warning") or text in RULES or re.fullmatch(r"PL\d{3}", text):
        return text
    import argparse

    raise argparse.ArgumentTypeError(f"'{text[:20]}' is not error, warning or a rule code (H101 … H151, PL001 … PL009)")
