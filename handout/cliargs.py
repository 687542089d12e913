"""The command line's parser: ``handout``'s commands and options in, ``argparse``'s namespace out.

Only the command being run is defined in full (``_parser``'s ``command``): build, check and translate need the
theme's paper names and the translators' toolkit, ~40 ms of every other command's start.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from collections.abc import Sequence

from . import langs, procs, websafety
from .errors import fail_level

EXIT_USAGE = 2  # (cli's: a usage error)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2 with a one-line hint, no traceback
        self.print_usage(sys.stderr)
        print(f"handout: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand asked for: the first argument that is not an option (the top level has only -h)."""
    return next((a for a in argv if not a.startswith("-")), None)


COMMANDS = ("build", "check", "new", "report", "serve", "schema", "translate")


def _name_only(sub, name: str) -> None:
    """A command that is not the one being run: its name, so argparse still knows it, and nothing
    that would import its code."""
    sub.add_parser(name).add_argument("rest", nargs=argparse.REMAINDER)


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; ``command``: the one being run.  build, check and translate are defined in
    full only when run (or for help, or a mistyped command): their options need the theme (the
    fonts' code) and the translators' toolkit, ~40 ms of every other command's start."""
    everything = command not in COMMANDS
    p = _Parser(prog="handout", description="Build printable patient handouts from YAML content.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, helptext in (("build", "build PDFs into the output folder"),
                           ("check", "validate content and fit; write nothing")):
        if not everything and name != command:
            _name_only(sub, name)
            continue
        from . import fields
        from .regions import PAPER  # not from theme: that imports the fonts (and ReportLab)

        s = sub.add_parser(name, help=helptext)
        s.add_argument("handouts", nargs="*", metavar="HANDOUT",
                       help="handout id, handout folder, or one content file (default: every handout)")
        # (extend: "--lang ru --lang tl" is both, as "--lang ru tl" is; the last one alone was built, unsaid)
        s.add_argument("--lang", nargs="+", action="extend", default=[], metavar="L", type=langs.arg,
                       help="only these languages (BCP-47 tags)")
        s.add_argument("--data", type=Path, default=Path("data"), help="folder of handouts (default: data)")
        s.add_argument("--theme", default="default", help="theme name in layouts/ or a theme file")
        if name == "check":  # content authors check every place their handouts may be printed at once
            s.add_argument("--paper", nargs="+", action="extend", choices=[*sorted(PAPER), "all"], metavar="P",
                           help=f"paper sizes, each checked ({', '.join(sorted(PAPER))} or all; default: the region's)")
            s.add_argument("--region", nargs="+", action="extend", metavar="CC",
                           help="country codes, each checked with its emergency, poison and crisis numbers, paper "
                           "and decimal sign (or all: every region shipped; default: US)")
        else:
            s.add_argument("--paper", choices=sorted(PAPER), help="paper size (default: the region's)")
            s.add_argument("--region", help="country code for emergency, poison and crisis numbers, paper and "
                           "decimal sign (default: the clinic profile's, else US)")
        fields.add_arguments(s, shared=True)  # --track
        s.add_argument("--edition", nargs="+", action="extend", default=[], metavar="E",
                       help="only these editions (standard, and those the handout declares, e.g. card, large-print)")
        s.add_argument("--allow-stale", action="store_true",
                       help="build translations whose source text changed since they were translated")
        if name == "check":
            s.add_argument("--strict", action="store_true", help="treat warnings (placeholders, reading level...) as errors")
        if name == "build":
            g = s.add_argument_group("personalised handout (written under <out>/personal/, named by a hash)")
            fields.add_arguments(g)
            g.add_argument("--clinic-profile", type=Path, help="YAML file with the clinic's defaults")
            g.add_argument("--personal-csv", help="CSV with one patient per row; columns (any of): "
                           + ", ".join(fields.CSV_COLUMNS + fields.ROW_COLUMNS)
                           + " (language: needed without --lang when a handout is in several; handout: the row's "
                           "one handout, else every handout named)")
            g.add_argument("--medication-request", metavar="FILE.json",
                           help="FHIR R4 MedicationRequest: print the patient's own dated plan from its dosage")
            s.add_argument("--watch", action="store_true",
                           help="keep running: rebuild what changed whenever a content file or theme changes")
            s.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
            s.add_argument("-j", "--jobs", type=procs.jobs_arg, help="worker processes (default: the number of cores, within "
                           "the container's CPU quota and memory limit)")
            s.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
            s.add_argument("-q", "--quiet", action="store_true", help="no progress bar, only problems and the summary")
            s.add_argument("--fhir", action="store_true",
                           help="also write a FHIR R4 DocumentReference (<id>.<lang>.fhir.json) beside each PDF")
            s.add_argument("--fhir-inline", action="store_true",
                           help="put the PDF inside the DocumentReference (base64) instead of a relative URL")
    s = sub.add_parser("new", help="start a new handout from a complete starter with placeholders")
    s.add_argument("id", help="the handout's id (its folder and file names), e.g. metformin")
    s.add_argument("--lang", default="en", type=langs.arg, help="language of the first text file (default: en)")
    s.add_argument("--title", help="the drug's name, as printed large")
    s.add_argument("--data", type=Path, default=Path("data"), help="folder of handouts (default: data)")
    s = sub.add_parser("report", help="one table of the compliance reports of every PDF in the output folder")
    s.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    s.add_argument("--fail-on", type=fail_level, metavar="error|warning|CODE",
                   help="exit 1 when any output breaks a rule at this level, or the rule with this code (H123)")
    s.add_argument("--json", action="store_true", help="print the reports as one JSON list")
    s.add_argument("--validate", action="store_true", help="run the PDF/UA-1 and PDF/A-2 validators (page-validation) "
                   "on every PDF now (a build never does); writes nothing")
    s = sub.add_parser("serve", help="a local web page to print personalised handouts")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    s.add_argument("--port", type=websafety.port, default=8000, help="port, 1 to 65535 (default: 8000)")
    s.add_argument("--data", type=Path, default=Path("data"), help="folder of handouts (default: data)")
    s.add_argument("--rate", default="60 per minute", type=websafety.rate_limit,
                   help="requests allowed per client (default: 60 per minute)")
    s.add_argument("--fallback-lang", default="en", metavar="L",
                   help="language served to an Infobutton request for a language no handout has (default: en)")
    s = sub.add_parser("schema", help="print the JSON Schema of the content files (for an editor's completion)")
    s.add_argument("--kind", choices=["handout", "text"], default="handout",
                   help="handout.yaml (the facts) or <lang>.yaml (the words); default: handout")
    s.add_argument("-o", "--out", type=Path,
                   help="a folder (made if missing) for both schemas; a path ending in .json: only the --kind schema")
    s.add_argument("--check", action="store_true", help="only check that the schemas shipped in the package are current")
    if everything or command == "translate":
        from . import translate  # the XLIFF/PO toolkit

        translate.add_parser(sub)
    else:
        _name_only(sub, "translate")
    return p
