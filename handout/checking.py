"""``handout check``: every handout read, judged and laid out as a build would; nothing written.

Targets in; "ok <id> <lang> ..." lines (stdout), findings (stderr) and an exit code out.  The unit
of work is one handout in one language with all its editions (``check_one``).  A check of many
runs in worker processes forked as a build's are (``procs.fork_context``): one per share of the
light-font languages, and one of its own for each heavy-font (CJK) language, each a fresh process
in a pool of its own (a worker that dies fails its own units only), so no process holds two CJK
fonts (a check of every bundled handout in one process peaked at 177 MB, over a batch's 150).  The main process says it all, in
the order of the handouts and their languages, once every unit is checked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .batch import heavy_fonts
from .errors import Code, Finding, Location
from .procs import PARALLEL_FROM


@dataclass(frozen=True)
class CheckOptions:
    theme: str = "default"
    paper: str | None = None
    track: str | None = None
    region: str = "US"
    allow_stale: bool = False
    strict: bool = False
    editions: tuple[str, ...] = ()  # none: every edition of the handout
    # (region, paper) pairs to check each unit in (``--region all --paper letter a4``); none: region and paper
    places: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True)
class Unit:
    """One handout (its folder) in one language, in a region on a paper (None: the options')."""

    folder: Path
    lang: str
    region: str | None = None
    paper: str | None = None


@dataclass
class Checked:
    """What checking one unit found, for the main process to say."""

    # What failed, each counted once per handout: "facts", a language that did not read, or the
    # file of an error the policy found (the read's own errors are counted by what failed to read).
    failed: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)  # the read's and the policy's
    # each: its line ("ok …", or "not ok …" for what the build would refuse), or "" and why not
    editions: list[tuple[str, list[Finding]]] = field(default_factory=list)


def check_one(unit: Unit, opts: CheckOptions) -> Checked:
    """Read, judge (``policy.decide``, as printed) and lay out every edition of one handout in one language."""
    from datetime import date

    from . import content, pipeline, policy
    from .errors import HandoutError
    from .theme import load_theme

    theme = load_theme(opts.theme)
    region = unit.region or opts.region
    paper = unit.paper or opts.paper
    res = content.read(content.Target(unit.folder, (unit.lang,)))
    out = Checked(failed=set(res.failed), findings=list(res.findings))
    printed = []
    refused: set[int] = set()  # the handouts the build would refuse: their editions lay out, but are not "ok"
    for h in res.handouts:  # the build's own decision, placeholders left as warnings
        mine = [f for f in res.findings if f.location.file in (h.source_file, h.facts_file)]
        try:
            verdict = policy.decide(h, mine, theme, date.today(), allow_stale=opts.allow_stale, strict=opts.strict,
                                    for_print=False, region=region)
        except HandoutError as exc:  # a file the checks read that cannot be (a word list edited badly): said, as
            out.findings += exc.findings  # the build says it, not a traceback
            out.failed.add(h.source_file)
            continue
        out.findings = [f for f in out.findings if f not in mine] + verdict.findings
        printed.append(verdict.handout or h)  # laid out as it prints: the region's numbers filled in
        # What the build would refuse: errors here, and what check only warns of (a placeholder, a
        # stale translation without --allow-stale: found in review, "ok" under a stale warning).
        if not verdict.allowed or any(policy.refused_in_print(f, opts.allow_stale) for f in verdict.findings):
            refused.add(id(printed[-1]))
        if not opts.allow_stale and any(f.code in policy.STALE_CODES for f in verdict.findings):
            # A failure, as for the build: a stale translation said "not ok" four times and exited 0
            # (a CI gate on check passed what the build then refused).  Placeholders stay "not ok"
            # with exit 0: a new starter's check is the author's list of what is left.
            out.failed.add(h.source_file)
    read_errors = {f.location.file for f in res.findings if f.severity == "error"}
    out.failed |= {f.location.file for f in out.findings if f.severity == "error"} - read_errors
    for h in printed:
        for edition in opts.editions or h.facts.edition_names:
            if edition not in h.facts.edition_names:
                out.editions.append(("", [content.no_edition(h.facts.where("editions"), h.id, edition, h.facts.edition_names)]))
                continue
            if opts.track and opts.track not in {tr.id for tr in h.facts.tracks}:
                out.editions.append(("", [Finding(h.facts.where("tracks"), "track", (
                    f"no track '{opts.track}' (expected one of: {', '.join(tr.id for tr in h.facts.tracks)})"))]))
                continue
            try:
                result = pipeline.build(h, theme, paper, opts.track, edition)
            except HandoutError as exc:
                # (checked in several regions: which one it is, or a region's "does not fit" said once stood for all)
                out.editions.append(("", [_in_place(f, unit) for f in exc.findings]))
                continue
            label = "" if edition == "standard" else f" {edition}"
            size = f"{result.pages} page{'s' if result.pages > 1 else ''}, body {result.laid.settings.body:g} pt"
            if unit.region is not None:
                size += f"; {_place(unit)}"
            # "ok" under an error the build refuses read as printable (a user trial): say it is not
            out.editions.append((f"not ok {h.id} {h.lang}{label} (lays out in {size}; what is said above stops its build)"
                                 if id(h) in refused else f"ok {h.id} {h.lang}{label} ({size})", []))
    return out


def _place(unit: Unit) -> str:
    """Where a unit of several regions is checked, as said: "region ES on letter paper" (else the region's own)."""
    from .regions import load_region

    assert unit.region is not None
    return f"region {unit.region} on {unit.paper or load_region(unit.region).paper} paper"


def _in_place(f: Finding, unit: Unit) -> Finding:
    """A layout's finding of a unit checked in several regions (``CheckOptions.places``), its place said."""
    if unit.region is None:
        return f
    from dataclasses import replace

    return replace(f, message=f"in {_place(unit)}: {f.message}")


FORGET_EVERY = 6  # units (each of 1 to 4 editions): at most this often, as a batch forgets (batch._run)


def _check_all(units: Sequence[Unit], opts: CheckOptions) -> list[Checked]:
    """``check_one`` of each unit; a worker of a long check (every region, both papers: 32 times the units)
    forgets remembered text as a build's does (``batch.forget_if_large``; it peaked at 160 MB)."""
    from .batch import forget_if_large

    out = []
    for i, u in enumerate(units, 1):
        out.append(check_one(u, opts))
        if i % FORGET_EVERY == 0:
            forget_if_large()
    return out


@dataclass
class Summary:
    ok: int = 0
    failed: int = 0
    placeholders: int = 0


def run(targets: Sequence, langs: Sequence[str], opts: CheckOptions, workers: int,
        report: Callable[[list[Finding]], None]) -> Summary:
    """Check every target in its languages (``langs``, else those present); say the findings with
    ``report`` and print the "ok" lines, handout by handout."""
    from .content import languages_in, read

    places = opts.places or ((None, None),)
    per_target = [[Unit(t.folder, lang, *place) for lang in (t.langs or tuple(langs) or tuple(languages_in(t.folder)))
                   for place in places] for t in targets]
    units = [u for us in per_target for u in us]
    checked = dict(zip(units, _run_units(units, opts, workers)))
    total = Summary()
    for t, us in zip(targets, per_target):
        failed: set[str] = set()
        findings: list[Finding] = []
        if not us:  # no language file: its facts are still read, and their errors said
            res = read(t)
            failed, findings = set(res.failed), list(res.findings)
        for u in us:
            failed |= checked[u].failed
            findings += [f for f in checked[u].findings if f not in findings]
        total.placeholders += sum(f.code == Code.PLACEHOLDER for f in findings)
        total.failed += len(failed)
        facts = str(t.folder / "handout.yaml")
        report(sorted(findings, key=lambda f: f.location.file != facts))  # the facts' first, then each language's
        for u in us:
            for line, errors in checked[u].editions:
                if line.startswith("not ok "):  # its failure is counted once, with its file's
                    print(line)
                elif line:
                    total.ok += 1
                    print(line)
                else:
                    total.failed += 1
                    report(errors)
    return total


def _run_units(units: list[Unit], opts: CheckOptions, workers: int) -> list[Checked]:
    """``check_one`` of every unit, in this process or in workers; results in the units' order."""
    heavy = {lang for lang in {u.lang for u in units} if _heavy(lang, opts.theme)}  # once a language
    light = [u for u in units if u.lang not in heavy]
    many = len(units) * (len(opts.editions) or 3) >= PARALLEL_FROM  # worth starting workers (~0.2 s)
    if not (many and (workers > 1 or heavy and light)) and len(heavy) < 2:  # two CJK fonts: never one process
        return _check_all(units, opts)
    # Each heavy-font language in a worker of its own; the light ones dealt out among the rest.
    groups: list[list[Unit]] = [[u for u in units if u.lang == lang] for lang in sorted(heavy)]
    shares: list[list[Unit]] = [[] for _ in range(max(1, min(workers, len(light))))]
    for i, u in enumerate(light):
        shares[i % len(shares)].append(u)
    groups += [g for g in shares if g]
    return _in_workers(units, groups, opts, workers)


def _in_workers(units: list[Unit], groups: list[list[Unit]], opts: CheckOptions, workers: int,
                run: Callable[[Sequence[Unit], CheckOptions], list[Checked]] | None = None) -> list[Checked]:
    """Each group in a fresh one-worker pool, ``workers`` at a time: a worker that dies (out of
    memory, killed) fails its own group's units, and no other's.  ``run``: what a worker runs on
    its group (``_check_all``; a test makes one die)."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    from . import procs

    found: dict[Unit, Checked] = {}
    ctx = procs.fork_context()
    waiting = list(reversed(groups))  # heavy-font groups first: the longest
    running: dict[Future, tuple[list[Unit], ProcessPoolExecutor]] = {}
    try:
        while waiting or running:
            while waiting and len(running) < max(1, workers):
                group = waiting.pop()
                pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=procs.worker_init,
                                           initargs=(os.getpid(),))
                with procs.deferred_signals():  # a worker being started is never left half-made (see deferred_signals)
                    running[pool.submit(run or _check_all, group, opts)] = (group, pool)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                group, pool = running.pop(fut)
                pool.shutdown(wait=True)
                try:
                    found.update(zip(group, fut.result()))
                except BrokenProcessPool as exc:  # its worker died: its units fail, not all
                    for u in group:
                        found[u] = Checked(failed={u.lang}, findings=[Finding(
                            Location(str(u.folder / f"{u.lang}.yaml")), "",
                            f"the worker checking it stopped ({type(exc).__name__}); check again")])
    except BaseException:
        from .workers import stop

        for _, pool in running.values():  # nothing is written: stop at once
            stop(pool)
        raise
    finally:
        for _, pool in running.values():
            pool.shutdown(wait=True, cancel_futures=True)
    return [found[u] for u in units]


def _heavy(lang: str, theme: str) -> bool:
    try:
        return heavy_fonts(lang, theme)
    except Exception:  # a language or theme that does not load: checked here, where its error is said
        return False


def command(targets: Sequence, args, started: float, say: Callable[[list[Finding]], None]) -> int:
    """``handout check``: every target checked in each place named, its findings said (each once) with ``say``, the
    "ok" lines printed; the summary line on stderr and the exit code out."""
    import sys
    import time

    from . import procs

    seen: set[str] = set()

    def report(findings: list[Finding]) -> None:  # a finding shared by every edition or language is said once
        fresh = [f for f in findings if f.format() not in seen and not seen.add(f.format())]  # type: ignore[func-returns-value]
        say(fresh)

    from .regions import places

    where = places(args.region, args.paper)
    region, paper = where[0] if where else ((args.region or ["US"])[0].upper(), (args.paper or [None])[0])
    copts = CheckOptions(args.theme, paper, args.track, region, args.allow_stale, args.strict, tuple(args.edition), where)
    total = run(targets, args.lang, copts, procs.default_jobs(), report)
    n = total.placeholders
    left = f", {n} placeholder{'s' if n != 1 else ''} left (build refuses them)" if n else ""
    print(f"checked {total.ok}, failed {total.failed}{left} in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 1 if total.failed else 0  # (cli.EXIT_CONTENT, EXIT_OK)
