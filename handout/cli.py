"""The command line: ``handout build``, ``check``, ``report``, ``new``, ``serve``, ``schema`` and ``translate``.

``main(argv) -> int`` never raises for a content mistake: every problem is
printed as ``FILE:LINE:COL: error: field.path: message`` and turned into the
exit code (0 ok, 1 content errors, 2 usage errors).  One bad handout never
stops the others (each is read, checked and built on its own).

Each command imports what it uses, when it runs: a one-off build does not pay for the
translators' XLIFF toolkit, the progress bar or the web server, nor ``handout report`` for
fonts and layout.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import langs, procs, websafety
from .errors import Code, Finding, HandoutError, Location, fail_level

if TYPE_CHECKING:  # imported when a build runs: the other commands never load it
    from .manifest import Scope

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
# Another build is writing to the output folder: nothing is wrong with the content, and a scheduler may try again
# later (sysexits' EX_TEMPFAIL; it was 1, a content error's, and a portal could not tell them apart: a review).
EXIT_BUSY = 75
# The output folder cannot be written (a file in the way, no permission, a full disk) and nothing else failed: the
# folder's to mend, not the content (sysexits' EX_IOERR; it was 1, a content error's, to a portal's scheduler).
EXIT_IO = 74


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


def _report(findings: Sequence[Finding]) -> None:
    root = Path.cwd()
    for f in findings:
        print(f.format(root), file=sys.stderr)


def main(argv: Sequence[str] | None = None, *, console: bool = False) -> int:
    """The command line; ``console``: this process runs one command and exits (the console script)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = _parser(_command(argv)).parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    for name in ("lang", "edition"):  # given twice, built and checked once ("built 4" of one PDF)
        if isinstance(getattr(args, name, None), list):
            setattr(args, name, list(dict.fromkeys(getattr(args, name))))
    if args.command == "new":
        from . import starter

        return starter.run(args, _report)
    if args.command == "schema":
        from . import jsonschema

        return jsonschema.run(args)
    if args.command == "report":
        from . import report

        return report.run(args)
    if args.command == "translate":
        from . import translate

        return translate.run(args, _report)
    if args.command == "serve":
        from .web import serve

        print(f"handout: serving on http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
        serve(args.host, args.port, args.data, args.rate, fallback_lang=args.fallback_lang)
        return EXIT_OK
    from . import fields, folders

    if swallowed := folders.swallowed(args):  # ("handout build --lang en-US ldn" built every handout: a review)
        _report(swallowed)
        return EXIT_USAGE
    sel = folders.select(args.handouts, args.data)
    sel.problems += folders.other_language(sel.targets, getattr(args, "lang", None) or [])
    if sel.problems:
        _report(sel.problems)
        return EXIT_USAGE
    _report(sel.warnings)
    opts = fields.Options.from_args(args) if args.command == "build" else None
    if opts is not None and (misplaced := opts.misplaced()):
        _report(misplaced)
        return EXIT_USAGE
    if (console and args.command in ("build", "check") and not getattr(args, "watch", False)
            and not (opts is not None and opts.personalised)):
        # A batch that ends with the process: fewer garbage collections (procs.tune_gc).  Not the
        # web page or --watch, which live on, nor a patient's printout: what holds their details
        # in a reference cycle is freed at the next collection, as soon as with Python's defaults.
        from .procs import tune_gc

        tune_gc()
    if ((args.command == "check" or (opts is not None and not opts.personalised and args.force))
            and _parallel(sel.targets, args)):
        # Every job will be built (or checked), in workers: the fork server imports the build's
        # code now, beside this process importing it and reading the handouts (not for a build
        # without --force: when nothing changed, no worker is needed at all).
        from .procs import start_workers_early

        start_workers_early()
    from .theme import load_theme

    try:
        theme = load_theme(args.theme)
    except HandoutError as exc:
        _report(exc.findings)
        return EXIT_USAGE if any(f.path == "theme" for f in exc.findings) else EXIT_CONTENT
    if getattr(args, "region", None):
        from .regions import known, load_region

        asked = args.region if isinstance(args.region, list) else [args.region]  # (check takes several)
        if args.command != "check" and args.region.lower() == "all":  # (a build writes one PDF a handout)
            _report([Finding(Location("--region"), "region", "'all' is for handout check, which lays out every "
                             "region (expected one region's code for a build, e.g. GB)")])
            return EXIT_USAGE
        findings = []
        for code in dict.fromkeys(c for a in asked for c in (known() if a.lower() == "all" else [a])):
            try:
                load_region(code)
            except HandoutError as exc:
                findings += exc.findings
        if findings:
            _report(findings)
            return EXIT_USAGE
    if opts is not None and not opts.personalised and opts.clinic_profile:
        # A plain build given a clinic's profile: its region (numbers, paper, decimal sign) is the build's, as
        # --help says, and its mistakes are said.  It was ignored: a UK clinic's handouts said "Call 911" on
        # letter paper, without a word (a clinic's trial).  Its clinic details print only on a patient's page.
        from .personal import values
        from .personalize import clinic_of

        try:
            clinic = clinic_of(opts)
        except HandoutError as exc:
            _report(exc.findings)
            return EXIT_CONTENT
        if clinic is not None:
            if said := values(clinic, Location(str(opts.clinic_profile))):
                _report(said)
                return EXIT_CONTENT
            if clinic.region and not args.region:
                args.region = clinic.region
            if clinic.track and not args.track:  # (as --track: a handout without it is said, and not built)
                args.track = clinic.track
    if opts is not None and opts.personalised:
        from . import personalize

        try:
            return personalize.run(opts, sel.targets, theme, _report)
        except HandoutError as exc:
            _report(exc.findings)
            # An option's value that cannot be read (--start 12/07/2026) is a usage error (README: 2)
            return EXIT_USAGE if all(f.location.file.startswith("--") for f in exc.findings) else EXIT_CONTENT
    code = _run_once(args, sel)
    if args.command == "build" and args.watch:
        return _watch(args)
    return code


def _run_once(args, sel) -> int:
    from . import batch

    writing = args.command == "build"
    started = time.perf_counter()
    if not writing:
        return _check(sel.targets, args, started)
    opts = batch.Options(args.theme, args.paper, args.track, args.allow_stale,
                         getattr(args, "fhir", False) or getattr(args, "fhir_inline", False),
                         getattr(args, "fhir_inline", False), (args.region or "US").upper())
    from .planning import plan_jobs

    jobs, failed, scope = plan_jobs(sel.targets, args, _parallel(sel.targets, args), _report)
    try:
        outcomes = _build(jobs, opts, args, scope)
    except HandoutError as exc:  # the output folder cannot be locked or made (another build, a file)
        _report(exc.findings)
        # (busy: try again later; but content errors already said are the content's, whatever the folder)
        if not failed and any(f.code == Code.BUSY for f in exc.findings):
            return EXIT_BUSY
        return EXIT_IO if not failed and all(f.code == Code.WRITE for f in exc.findings) else EXIT_CONTENT
    counts = {k: sum(o.status == k for o in outcomes) for k in ("built", "unchanged", "failed", "removed")}
    # (nothing failed but writing: every failed job's errors are the folder's; a PDF taken back when the manifest
    # could not be written has none of its own, the manifest's is said once)
    errors = [f for o in outcomes if o.status == "failed" for f in o.findings if f.severity == "error"]
    io_only = not failed and bool(errors) and all(f.code == Code.WRITE for f in errors)
    failed += counts["failed"]
    seen: set[str] = set()
    for o in outcomes:  # facts errors fail every language: say them once
        fresh = [f for f in o.findings if f.format() not in seen]
        seen.update(f.format() for f in fresh)
        _report(fresh)
    if counts["built"]:
        from .diskcache import cache_dir, unusable

        why = unusable()
        if why:
            _report([Finding(Location(str(cache_dir())), "cache", f"not used: {why} (every build parses the fonts "
                             "again; remove the folder, or set XDG_CACHE_HOME to a folder of your own)", "note")])
    note = " (nothing changed)" if counts["built"] == 0 and counts["unchanged"] and not failed and not counts["removed"] else ""
    kept = sum(o.status in ("failed", "outdated") and o.entry is not None for o in outcomes)
    if kept:  # their last good PDFs: still on disk and listed, for a portal that needs them
        note += f" ({kept} earlier PDF{'s' if kept != 1 else ''} kept, marked outdated in the manifest)"
    note += _replaced(outcomes)
    if counts["unchanged"] and jobs:  # (their warnings are in their reports: said how many)
        from .report import kept_note

        note += kept_note(jobs[0].out, [o.entry for o in outcomes if o.status == "unchanged" and o.entry])
    peak = max((o.peak_rss_mb for o in outcomes), default=0.0)
    memory = f", peak memory per worker {peak:.0f} MB" if peak else ""
    removed = f", removed {counts['removed']}" if counts["removed"] else ""  # a full build: content gone
    print(f"built {counts['built']}, unchanged {counts['unchanged']}, failed {failed}{removed} "
          f"in {time.perf_counter() - started:.2f} s{note}{memory}", file=sys.stderr)
    return EXIT_IO if io_only else EXIT_CONTENT if failed else EXIT_OK


def _replaced(outcomes: list) -> str:
    """The summary's word on PDFs built on other paper, or for another region, than the ones they replaced
    under the same names (``--paper``, ``--region``), e.g. `` (66 letter PDFs replaced by a4 ones: ...)``;
    else ''."""
    pairs: dict[tuple[str, str], int] = {}
    for o in outcomes:
        if o.status != "built":  # (a failed job's entry is its last good PDF's: one from before "region" has none)
            continue
        for old, new in ((o.replaced_paper, o.entry["paper"]), (o.replaced_region, o.entry["region"])):
            if old:
                pairs[(old, new)] = pairs.get((old, new), 0) + 1
    said = [f"{n} {old} PDF{'s' if n != 1 else ''} replaced by {new} one{'s' if n != 1 else ''}"
            for (old, new), n in sorted(pairs.items())]
    return f" ({'; '.join(said)}: build into another --out to keep both)" if said else ""


def _parallel(targets: list, args) -> bool:
    """Will this build run in worker processes?  (The number of PDFs is estimated before reading.)"""
    from . import folders, procs

    workers = procs.default_jobs() if getattr(args, "jobs", None) is None else args.jobs  # check has no -j
    # Editions not named: a build counts one a handout (it may have only one); a check counts
    # three, as checking._run_units does when it decides.
    editions = len(args.edition) or (3 if args.command == "check" else 1)
    editions *= len(_places(args)) or 1 if args.command == "check" else 1  # (each edition in each region and paper)
    return workers > 1 and sum(len(t.langs or args.lang or folders.languages_in(t.folder)) for t in targets) \
        * editions >= procs.PARALLEL_FROM


def _places(args) -> tuple[tuple[str, str | None], ...]:
    """The (region, paper) pairs ``check --region ... --paper ...`` names: none when it names one region and
    at most one paper (checked as a build would be, its lines as they always were)."""
    from .regions import PAPER, known

    regions = list(dict.fromkeys(c.upper() for a in args.region or ["US"] for c in (known() if a.lower() == "all" else [a])))
    papers: list[str | None] = list(dict.fromkeys(p for a in args.paper or [] for p in (sorted(PAPER) if a == "all" else [a])))
    if len(regions) == 1 and len(papers) <= 1:
        return ()
    return tuple((r, p) for r in regions for p in papers or [None])


def _check(targets: list, args, started: float) -> int:
    from . import checking, procs

    seen: set[str] = set()

    def report(findings: list[Finding]) -> None:  # a finding shared by every edition or language is said once
        fresh = [f for f in findings if f.format() not in seen and not seen.add(f.format())]  # type: ignore[func-returns-value]
        _report(fresh)

    places = _places(args)
    region, paper = places[0] if places else ((args.region or ["US"])[0].upper(), (args.paper or [None])[0])
    copts = checking.CheckOptions(args.theme, paper, args.track, region, args.allow_stale, args.strict,
                                  tuple(args.edition), places)
    total = checking.run(targets, args.lang, copts, procs.default_jobs(), report)
    n = total.placeholders
    left = f", {n} placeholder{'s' if n != 1 else ''} left (build refuses them)" if n else ""
    print(f"checked {total.ok}, failed {total.failed}{left} in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return EXIT_CONTENT if total.failed else EXIT_OK


def _build(jobs: list, opts, args, scope: Scope | None = None) -> list:
    """Run the batch with a progress bar on a terminal, plain lines otherwise; its outcomes out."""
    from . import batch, procs

    workers = procs.default_jobs() if args.jobs is None else args.jobs
    def line(o) -> None:
        if o.status == "built":
            e = o.entry
            was = "".join(f", {new}, replacing {old}" for old, new in ((o.replaced_paper, e["paper"]),
                                                                        (o.replaced_region, e["region"])) if old)
            print(f"built {o.job_path} ({e['pages']} page{'s' if e['pages'] > 1 else ''}, "
                  f"{e['bytes'] / 1024:.0f} KB, body {e['body_pt']:g} pt{was})")
        elif o.status in ("unchanged", "removed") and not args.quiet:
            print(f"{o.status} {o.job_path}")

    if args.quiet or not sys.stderr.isatty() or not jobs:
        return batch.run(jobs, opts, workers, args.force, line if not args.quiet else (lambda o: None), scope)
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("building", total=len(jobs))

        def advance(o) -> None:
            if o.status != "removed":  # a removed PDF is not one of the jobs the bar counts
                bar.advance(task)

        return batch.run(jobs, opts, workers, args.force, advance, scope)


def _watch(args) -> int:
    """Rebuild on every change of content or theme; errors are printed and the loop goes on."""
    import watchfiles

    from . import content
    from .theme import LAYOUTS_DIR, forget

    roots = [p for p in {args.data.resolve(), Path("layouts").resolve(), LAYOUTS_DIR} if p.exists()]
    print(f"watching {', '.join(str(r) for r in roots)} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    for changes in watchfiles.watch(*roots, debounce=200, rust_timeout=0):
        if not any(Path(p).suffix in (".yaml", ".yml") for _, p in changes):
            continue
        forget()
        from .localize import load_labels
        load_labels.cache_clear()
        sel = content.select(args.handouts, args.data)
        if sel.problems:
            _report(sel.problems)
            continue
        _run_once(args, sel)
        sys.stdout.flush()
        sys.stderr.flush()
    return EXIT_OK


def _quiet_interrupts(unraisable) -> None:
    if not isinstance(unraisable.exc_value, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)


def main_entry() -> None:
    import signal

    from .procs import interrupt, interrupted

    if hasattr(signal, "SIGXFSZ"):  # over `ulimit -f`: a write error for that file, not a killed process
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    # Ctrl-C and SIGTERM (a service manager, `kill`) end a command alike, even when a library
    # swallowed the KeyboardInterrupt (procs.interrupt).
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    # A Ctrl-C landing in code Python runs for itself (a weak reference's callback in the import system)
    # is "ignored" there with a printed traceback; the interrupt is remembered all the same (procs.interrupt)
    # and ends the command below, so that traceback is left out (a test: one run in five on a slow machine).
    sys.unraisablehook = _quiet_interrupts
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    try:
        code = main(console=True)
        if interrupted() and command in ("build", "check"):
            # Raised and swallowed on the way (a library's bare except): the batch still ends as
            # interrupted.  (`serve` stops on Ctrl-C by design, and says so itself.)
            raise KeyboardInterrupt
        # Nothing the process made is garbage any more: leave it out of the collections the
        # interpreter runs as it exits (after a 100-PDF batch, ~0.7 s of scanning ~400,000 live
        # objects: words, lines and fonts remembered).  atexit handlers and finalizers still run.
        import gc

        gc.freeze()
        # The command is done and its manifest written: a SIGTERM from here on has nothing to stop, and
        # Python restores the default handler as it shuts down, so one landing there killed a finished
        # build with -15 (seen in a test whose random kill came after a 0.7 s build had ended).
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        sys.exit(code)
    except BrokenPipeError:  # `handout report | head`: the reader left; nothing more to say
        sys.stderr.close()
        sys.exit(0)
    except (KeyboardInterrupt, Exception) as exc:  # Ctrl-C or SIGTERM: workers stopped, manifest written
        if not isinstance(exc, KeyboardInterrupt) and not interrupted():
            raise  # (a Ctrl-C during an import surfaced as RuntimeError from a dataclass's __set_name__: CI)
        print("handout: interrupted" + ("; the manifest lists every PDF written so far" if command == "build" else ""),
              file=sys.stderr)  # check, report...: nothing was being written
        sys.exit(130)
