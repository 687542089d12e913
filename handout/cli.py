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

import sys
import time
from pathlib import Path
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .cliargs import COMMANDS, _command, _parser  # noqa: F401 (the command line's parser; tests read _parser)
from .errors import Code, Finding, HandoutError, Location

if TYPE_CHECKING:  # imported when a build runs: the other commands never load it
    from .manifest import Scope

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
# Another build is writing to the output folder: nothing is wrong with the content, and a scheduler may try again
# later (sysexits' EX_TEMPFAIL; it was 1, a content error's, and a portal could not tell them apart: a review).
EXIT_BUSY = 75
# The output folder cannot be written (a file in the way, no permission, a full disk) and nothing else failed: the
# folder's to mend, not the content (sysexits' EX_IOERR; it was 1, a content error's, to a portal's scheduler).
EXIT_IO = 74


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
    if getattr(args, "region", None) and (said := regions_asked(args)):
        _report(said)
        return EXIT_USAGE
    if opts is not None and not opts.personalised and opts.clinic_profile:
        from .clinic import plain_defaults

        if said := plain_defaults(opts, args):
            _report(said)
            return EXIT_CONTENT
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


def regions_asked(args) -> list[Finding]:
    """What is wrong with the --region given (a build's one, check's several or ``all``): every unknown code at once."""
    from .regions import known, load_region

    asked = args.region if isinstance(args.region, list) else [args.region]  # (check takes several)
    if args.command != "check" and args.region.lower() == "all":  # (a build writes one PDF a handout)
        return [Finding(Location("--region"), "region", "'all' is for handout check, which lays out every region "
                        "(expected one region's code for a build, e.g. GB)")]
    findings: list[Finding] = []
    for code in dict.fromkeys(c for a in asked for c in (known() if a.lower() == "all" else [a])):
        try:
            load_region(code)
        except HandoutError as exc:
            findings += exc.findings
    return findings


def _run_once(args, sel) -> int:
    from . import batch

    writing = args.command == "build"
    started = time.perf_counter()
    if not writing:
        from .checking import command

        return command(sel.targets, args, started, _report)
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
    if args.command == "check":  # (each edition in each region and paper)
        from .regions import places  # (light: the workers start before the model is imported)

        editions *= len(places(args.region, args.paper)) or 1
    return workers > 1 and sum(len(t.langs or args.lang or folders.languages_in(t.folder)) for t in targets) \
        * editions >= procs.PARALLEL_FROM


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
