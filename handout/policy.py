"""May this PDF be made?  One decision, called by every entry point: build, check, the batch
workers, personalised builds and the web page.

In: a handout that was read (with the findings reading it produced), the theme, today and the
caller's options.  Out: the findings that apply, with their severity decided here, so a
PDF is made only if none is an error.  Rules, by typed code (``errors.Code``), never by
message text:

* ``PLACEHOLDER`` ("TODO: ...") — an error for printing, a warning for ``check``;
* ``STALE`` (the source text changed since the translation) and ``SOURCE_UNREADABLE``
  (the source text has errors, so staleness cannot be checked) — errors unless
  ``allow_stale``;
* ``CHECK`` — the health-literacy, safety and date checks and the theme checks (contrast,
  sizes) of the theme and of every edition's theme, run here for everyone; with them the
  region placeholders ({emergency} …) and the plain-language rules (PL001–PL009);
* ``strict`` — every warning is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING
from collections.abc import Sequence

from .errors import Code, Finding
from .model import Handout
from .theme import Theme, load_theme

if TYPE_CHECKING:  # imported when a handout is decided: plain loads the word lists
    from .plain import Result
    from .regions import Region

STALE_CODES = (Code.STALE, Code.SOURCE_UNREADABLE)


@dataclass(frozen=True)
class Verdict:
    findings: list[Finding]
    handout: Handout | None = None  # the handout as it prints: the region's numbers filled in
    rules: dict[str, Result] = field(default_factory=dict)  # each plain-language rule's result, for the report

    @property
    def allowed(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def codes(self) -> set[Code | str]:
        return {f.code for f in self.findings if f.severity == "error" and f.code is not None}


def _error(f: Finding, why: str) -> Finding:
    return replace(f, severity="error", message=f.message + why)


def decide(h: Handout, read: Sequence[Finding], theme: Theme, today: date, *, allow_stale: bool = False,
           strict: bool = False, for_print: bool = True, checks: bool = True, region: Region | str | None = None) -> Verdict:
    """The findings that decide whether ``h`` (its words as written) may be printed (``Verdict.allowed``),
    and the handout as it prints for ``region`` (default US: emergency, poison and crisis numbers)."""
    from . import plain, regions

    out: list[Finding] = []
    for f in read:
        if f.code == Code.PLACEHOLDER and for_print:
            f = _error(f, "; a handout with placeholders is not built")
        elif f.code in STALE_CODES and not allow_stale and (for_print or f.code == Code.SOURCE_UNREADABLE):
            f = _error(f, " (a stale translation is refused; or build with --allow-stale)")
        out.append(f)
    rules: dict[str, Result] = {}
    if checks:
        out += regions.check_placeholders(h)  # the words as written, before the numbers are filled in
        worded, rules = plain.judge(h, theme.checks)  # plain-language rules (warnings, two errors)
        out += worded
    printed = regions.apply(h, region)
    if checks:  # health-literacy and safety checks on the words a patient reads
        out += run_checks(printed, theme, today)
    if strict:
        out = [replace(f, severity="error") if f.severity == "warning" else f for f in out]
    return Verdict(out, printed, rules)


def refused_in_print(f: Finding, allow_stale: bool) -> bool:
    """Whether a build refuses what ``f`` says, which ``check`` only warns of (``decide`` with
    for_print): a placeholder, a stale translation without --allow-stale."""
    return f.code == Code.PLACEHOLDER or (f.code in STALE_CODES and not allow_stale)


def run_checks(h: Handout, theme: Theme, today: date) -> list[Finding]:
    from . import checks

    found = checks.run_checks(h, theme, today)
    for ed in h.facts.editions.values():  # large print has its own sizes and colours: check them too
        if ed.theme:
            found += [f for f in checks.check_theme(load_theme(ed.theme)) if f not in found]
    return [f if f.code else replace(f, code=Code.CHECK) for f in found]
