"""Batch builds: many (handout, language) jobs in, PDFs and ``manifest.json`` out.

* Parallel: jobs run in worker processes (``jobs`` > 1); each worker registers
  fonts lazily, once, and only those its languages need.
* Incremental: a job's *input fingerprint* hashes everything its PDF depends
  on (``fingerprint``).  A PDF whose fingerprint and bytes match the manifest,
  and whose review has not fallen due since, is skipped.
* Robust: one failing job never stops the others; Ctrl-C or SIGTERM stops the
  workers, leaves no partial PDF and a manifest of exactly what is on disk.
  Workers only make bytes; the main process writes each PDF (atomically, under
  a lock on the output folder, ``outdir``) and then lists it in the manifest
  (rewritten at most once a second and at the end).  Workers die with the build
  (``procs``, ``workers``), even when it is SIGKILLed.  A write that fails (full
  disk, read-only folder) fails that PDF only; the PDF it would have replaced stays,
  its entry marked outdated with the reason (``manifest``).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from collections.abc import Callable

from . import outdir, procs
from .manifest import MANIFEST, Scope, current, outdated, read_manifest, write_manifest
from .procs import PARALLEL_FROM
from .errors import Finding, HandoutError
from .memory import MEMORY
from .model import STANDARD, Handout
from .fingerprint import fingerprint
from .theme import FONT_DIR, Theme, load_theme
from .write import output_path


@dataclass(frozen=True)
class Options:
    theme: str = "default"
    paper: str | None = None
    track: str | None = None
    allow_stale: bool = False
    fhir: bool = False  # also write a FHIR DocumentReference beside each PDF
    fhir_inline: bool = False  # with the PDF inside it (base64) instead of a relative URL
    region: str = "US"  # emergency, poison and crisis numbers, paper and decimal sign (handout/regions/)


@dataclass
class Job:
    """One PDF to make: a handout folder and a language.  Read and checked in the worker."""

    folder: Path
    handout_id: str
    lang: str
    source_language: str
    out: Path
    edition: str = STANDARD
    edition_theme: str | None = None
    fingerprint: str = ""

    track: str | None = None  # a non-default titration track is named in the file name
    # (bytes, Facts) of handout.yaml as the main process parsed them (content.parsed): a worker
    # takes them instead of parsing the facts again while the file still has those bytes.
    facts_parsed: tuple | None = field(default=None, repr=False)

    @property
    def path(self) -> Path:
        parts = [p for p in (None if self.edition == STANDARD else self.edition, self.track) if p]
        return output_path(self.out, self.handout_id, self.lang, ".".join(parts) or None)


@dataclass
class Outcome:
    job_path: str
    status: str  # "built", "unchanged", "failed"; "outdated": an entry marked for a PDF refused before any job
    entry: dict | None = None  # its manifest entry after this run (failed: the last good PDF's, marked outdated)
    findings: list[Finding] = field(default_factory=list)  # errors, and warnings of a built job
    peak_rss_mb: float = 0.0  # of the process that built it (a worker, or the CLI with -j 1)
    replaced_paper: str | None = None  # built: the paper of the PDF it replaced, when that was another
    replaced_region: str | None = None  # built: the region of the PDF it replaced, when that was another
    files: list[tuple[str, bytes]] = field(default_factory=list, repr=False)  # to write (relative to out)


def _entry(job: Job, h: Handout, pdf: bytes, pages: int, body: float, paper: str, track: str, region: str) -> dict:
    """A built PDF's manifest entry: the job, its handout as printed, the PDF and how it was laid out in."""
    f = h.facts
    return {
        "path": job.path.relative_to(job.out).as_posix(),
        "id": f.id,
        "data": data_of(job),
        "language": h.lang,
        "edition": job.edition,
        "version": f.version,
        "reviewed_on": f.reviewed_on.isoformat(),
        "next_review": f.next_review.isoformat(),
        "pages": pages,
        "bytes": len(pdf),
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "body_pt": body,
        "translation_status": h.text.translation.status if h.text.translation else "source",
        "input_fingerprint": job.fingerprint,
        "paper": paper,  # a build on other paper replaces it under the same name, and says so (listed)
        "region": region,  # its emergency, poison and crisis numbers: another region's replace it, said so too
        "track": track,  # the dosing plan printed (a non-default one is named in the file name too)
        "status": "current",  # manifest.outdated marks the entry of a PDF whose next build fails
    }


def data_of(job: Job) -> str:
    """The content folder a PDF is built from, relative to the output folder ("../data"): a full
    build removes only its own folder's deleted handouts (manifest.Scope.obsolete), a checkout moved
    with its output folder keeps the same value, and no server path is published in the manifest."""
    return Path(os.path.relpath(job.folder.parent.resolve(), job.out.resolve())).as_posix()


FORGET_ABOVE_MB = 100  # a building process forgets remembered text when it holds more (peak < 150 MB)
FORGET_EVERY = 25  # ... and at most once in this many PDFs: freed memory is reused, not given back
_built_since_forget = 0


def _run(job: Job, opts: Options) -> Outcome:
    """Read, check, lay out, render and write one PDF (in a worker, or in-process for -j 1)."""
    outcome = _run_job(job, opts)
    outcome.peak_rss_mb = procs.peak_mb()
    global _built_since_forget
    _built_since_forget += 1
    if _built_since_forget >= FORGET_EVERY and forget_if_large():
        _built_since_forget = 0
    return outcome


def forget_if_large() -> bool:
    """Forget what is remembered of earlier text when this process holds more than ``FORGET_ABOVE_MB``; whether
    it did.  That memory (lines, widths, shaping, font subsets) grows with every distinct handout: past the bound
    it is forgotten, as pipeline.clear_caches says, with the same bytes out; loaded fonts stay.  The memory it held
    is reused by what is remembered next (the allocator keeps it), so a long batch, or check, stays near the bound."""
    if procs.resident_mb() <= FORGET_ABOVE_MB:
        return False
    import gc

    from . import pipeline

    pipeline.clear_caches()
    gc.collect()  # a library's cycles too, where the collector is off (procs.tune_gc)
    return True


def _decide(h: Handout, read: list[Finding], theme: Theme, today, opts: Options):
    """``policy.decide`` once per handout text, not once per edition: every edition of one language
    prints the same words, so the checks' findings and the plain-language rules' results are the
    same (content.read returns the same models for the same files).  A few recent ones are kept."""
    from . import policy

    key = (id(h.facts), id(h.text), h.source_file, tuple(read), id(theme), today, opts.allow_stale, opts.region)
    hit = MEMORY.verdicts.get(key)
    if hit is None:
        # The one decision every entry point shares: placeholders, stale translations, region
        # numbers, plain-language rules, the health-literacy, safety and theme checks.
        verdict = policy.decide(h, read, theme, today, allow_stale=opts.allow_stale, region=opts.region)
        hit = MEMORY.verdicts.put(key, (h.facts, h.text, theme, verdict))  # the models kept alive: ids stay theirs
    return hit[3]


def job_options(job: Job, opts: Options) -> Options:
    """The options ``job`` is built with: the build's, with the job's own track where it names one (a full build
    makes again the PDFs of the other tracks it finds listed, ``planning``)."""
    return opts if job.track is None or job.track == opts.track else replace(opts, track=job.track)


def _run_job(job: Job, opts: Options) -> Outcome:
    from . import content, pipeline, report

    opts = job_options(job, opts)
    if job.facts_parsed is not None:
        content.remember(job.folder / content.FACTS_FILE, *job.facts_parsed)
    res = content.read(content.Target(job.folder, (job.lang,)))
    findings = list(res.findings)
    if res.failed or not res.handouts:
        return Outcome(str(job.path), "failed", findings=findings)
    h = res.handouts[0]
    today = _today()
    try:
        theme: Theme = load_theme(opts.theme)
        verdict = _decide(h, res.findings, theme, today, opts)
        findings, rules = list(verdict.findings), verdict.rules
        h = verdict.handout or h
        if not verdict.allowed:
            return Outcome(str(job.path), "failed", findings=findings)
        if opts.track and opts.track not in {t.id for t in h.facts.tracks}:
            # Every edition, the wallet card too (it prints no plan): a mistyped track wrote
            # ldn.en.wallet.nope.pdf, listed as current, beside three failures (a review).
            return Outcome(str(job.path), "failed", findings=findings + [Finding(
                h.facts.where("tracks"), "track",
                f"no track '{opts.track}' (expected one of: {', '.join(t.id for t in h.facts.tracks)})")])
        result = pipeline.build(h, theme, opts.paper, opts.track, job.edition)
    except HandoutError as exc:
        return Outcome(str(job.path), "failed", findings=findings + exc.findings)
    # The worker only makes bytes: the main process writes them (outdir.commit), so a killed
    # worker or build never leaves a file the manifest does not know.
    rel = lambda p: p.relative_to(job.out).as_posix()  # noqa: E731
    entry = _entry(job, h, result.pdf, result.pages, result.laid.settings.body, paper_name(result.laid.page_size),
                   opts.track or h.facts.default_track, opts.region)
    rep = report.compliance(h, job.edition, result.pages, result.laid.settings.body, theme, findings, today, rules)
    rep_path = job.path.with_name(job.path.stem + report.SUFFIX)
    files = [(rel(rep_path), report.dumps(rep))]
    entry["report"] = rel(rep_path)
    if opts.fhir:
        from .fhir import document_reference, to_json

        doc = job.path.with_name(job.path.stem + ".fhir.json")
        files.append((rel(doc), to_json(document_reference(h, result.pdf, job.path.name, opts.fhir_inline,
                                                           edition=job.edition))))
        entry["fhir"] = rel(doc)
    files.append((rel(job.path), result.pdf))  # the PDF last: it appears only with its sidecars
    return Outcome(str(job.path), "built", entry, findings, files=files)


def paper_name(size: tuple[float, float]) -> str:
    """A page size in points in; its paper's name (``letter``, ``a4``) out, else ``<w>x<h>pt``."""
    from .regions import PAPER

    return next((name for name, s in PAPER.items() if s == size), f"{size[0]:g}x{size[1]:g}pt")


def _today() -> datetime.date:
    """The day a build's checks are made for (a review is due or not); a test may pretend another."""
    return datetime.date.today()


def _unchanged(job: Job, old: dict | None, today: str) -> bool:
    """The PDF on disk is the one this job would make, and its checks would say what they said.

    Inputs are files, but one check reads the calendar: a review that has fallen due since the PDF
    was built is rebuilt (H122 said again, its report saying overdue), not passed over as unchanged."""
    if not old or old.get("input_fingerprint") != job.fingerprint or not job.path.exists():
        return False
    if str(old.get("next_review", "")) < today:  # ISO dates: text order is date order (none: rebuilt)
        return False
    return hashlib.sha256(job.path.read_bytes()).hexdigest() == old.get("sha256")


def run(jobs: list[Job], opts: Options, workers: int, force: bool,
        progress: Callable[[Outcome], None], scope: Scope | None = None) -> list[Outcome]:
    """Build every job; report each outcome as it finishes; keep the manifest valid throughout.

    ``scope``: what the build was asked for beyond its jobs (PDFs it failed before planning them:
    their entries are marked outdated; in a full build, what content exists: the files of entries
    whose content is gone are removed first).  Out: one "removed" outcome for each entry removed
    (reported), one "outdated" outcome (not reported: its errors were said when it was refused)
    for each entry ``scope`` marked, then one outcome a job, in the order they finished."""
    if not jobs and not (scope and (scope.refused or scope.full)):
        return []
    out = jobs[0].out if jobs else scope.out  # type: ignore[union-attr]
    with outdir.lock(out), procs.stop_on_sigterm():
        return _run_locked(jobs, out, opts, workers, force, progress, scope)


def _run_locked(jobs: list[Job], out: Path, opts: Options, workers: int, force: bool,
                progress: Callable[[Outcome], None], scope: Scope | None) -> list[Outcome]:
    # A killed build's temporary files go; entries whose file is gone or differs leave the manifest.
    manifest = outdir.reconcile(out, read_manifest(out))
    # PDFs refused before they were planned (unreadable facts): their last good files stay, marked.
    marked = scope.mark(manifest) if scope else []
    outcomes: list[Outcome] = [Outcome(str(out / e["path"]), "outdated", e) for e in marked]
    if scope is not None:
        outcomes += _remove_obsolete(out, manifest, scope, progress)
    todo: list[Job] = []
    hashes: dict[Path, bytes] = {}
    today = _today().isoformat()
    for job in jobs:
        job.fingerprint = fingerprint(job, job_options(job, opts), hashes)
        key = job.path.relative_to(job.out).as_posix()
        if not force and _unchanged(job, manifest.get(key), today):
            # The very PDF this job would make: current, even if an earlier build of it failed.
            manifest[key] = current(manifest[key])
            if manifest[key].get("data") != (data := data_of(job)):  # the folder it is built from now
                manifest[key] = {**manifest[key], "data": data}
            oc = Outcome(str(job.path), "unchanged", manifest[key])
            outcomes.append(oc)
            progress(oc)
        else:
            todo.append(job)

    saved = [time.monotonic()]

    def listed(oc: Outcome, errors: list[Finding]) -> None:  # its files are on disk, or failed
        if errors:
            oc.status, oc.entry, oc.findings = "failed", None, oc.findings + errors
        outcomes.append(oc)
        key = oc.entry["path"] if oc.entry else Path(oc.job_path).relative_to(out).as_posix()
        if oc.status == "failed" and key in manifest:  # its last good PDF stays, marked outdated
            oc.entry = outdated(manifest[key], oc.findings)
        elif oc.entry and key in manifest:
            # The same name on other paper (--paper, --region) or with another region's numbers: the folder
            # holds one, the last build's, and the log says which it replaced (an entry from before: unknown).
            # (A portal serving a UK clinic's folder got France's SAMU 15 in its place, without a word.)
            old = manifest[key]
            if old.get("fhir") and not oc.entry.get("fhir") and outdir.inside(old["fhir"]):
                # Built again without --fhir: its DocumentReference (the old PDF's size and hash) would have stayed,
                # unlisted, for a portal's upload of every *.fhir.json (a portal administrator's trial)
                with contextlib.suppress(OSError):  # (one that cannot be removed stays, as a file the clinic put there)
                    (out / old["fhir"]).unlink(missing_ok=True)
            if old.get("paper", oc.entry["paper"]) != oc.entry["paper"]:
                oc.replaced_paper = old["paper"]
            if old.get("region", oc.entry["region"]) != oc.entry["region"]:
                oc.replaced_region = old["region"]
        if oc.entry:
            manifest[key] = oc.entry
            # Listed at most every MANIFEST_EVERY seconds and at the end (also on SIGTERM or
            # Ctrl-C, below): rewriting and syncing the whole manifest after every PDF was a
            # quarter of the main process's time in a batch.  A PDF a SIGKILL leaves unlisted is
            # removed and made again by the next build (outdir.reconcile).
            if time.monotonic() - saved[0] >= MANIFEST_EVERY:
                _save(out, manifest, outcomes)
                saved[0] = time.monotonic()
        progress(oc)

    committer = outdir.Committer(out, listed, thread=len(todo) > 1)  # the PDF before is written while the next is built

    def done(oc: Outcome) -> None:
        if procs.interrupted():  # a Ctrl-C a library swallowed still stops the batch (procs.interrupt)
            raise KeyboardInterrupt
        committer.put(oc)

    try:
        try:
            if workers <= 1 or len(todo) < PARALLEL_FROM:
                _one_at_a_time(todo, opts, done)
            else:
                from .workers import parallel  # here: the -j 1 and one-PDF builds never load it

                parallel(todo, opts, min(workers, len(todo)), done)
        finally:
            committer.close()
    finally:
        if not _save(out, manifest, outcomes):
            outdir.take_back(out, outcomes, read_manifest(out))
    return outcomes


MANIFEST_EVERY = 1.0  # seconds between checkpoints of the manifest during a batch


def _remove_obsolete(out: Path, manifest: dict[str, dict], scope: Scope,
                     progress: Callable[[Outcome], None]) -> list[Outcome]:
    """A full build: remove from ``out`` and ``manifest`` the files of entries whose handout, language
    or edition the content folder no longer holds (``Scope.obsolete``: never what a filtered build
    did not ask for, nor a file the manifest does not list).  Out: one outcome each, reported.

    Before: a handout deleted from the content folder kept its PDFs and manifest entries for ever
    ("unchanged 67"), and a portal went on offering them."""
    done = []
    gone = scope.obsolete(manifest)
    if scope.foreign:
        print(f"kept {scope.foreign} PDFs built from another content folder (their manifest entries' "
              "\"data\"): a full build removes only what its own folder no longer holds", file=sys.stderr)
    for key in gone:
        errors = outdir.remove(out, manifest[key])
        oc = Outcome(str(out / key), "failed" if errors else "removed", findings=errors)
        if errors:  # still on disk: listed, marked, and the build fails
            manifest[key] = oc.entry = outdated(manifest[key], errors)
        else:
            del manifest[key]
        done.append(oc)
        progress(oc)
    return done



def _one_at_a_time(todo: list[Job], opts: Options, done: Callable[[Outcome], None]) -> None:
    """-j 1: one PDF at a time, in this process, except the languages whose fonts are heavy (CJK:
    4-5 MB a file, ~30 MB each once loaded) when the batch has other languages too: each of those
    is built in a worker process of its own, one after the other, so no process holds every font
    (a 12-language -j1 batch in one process passed 150 MB)."""
    heavy: dict[str, list[Job]] = {}
    light: list[Job] = []
    for job in todo:
        (heavy.setdefault(job.lang, []) if heavy_fonts(job.lang, job.edition_theme or "default") else light).append(job)
    if len(heavy) + bool(light) <= 1:
        heavy, light = {}, todo  # one language group: no worker
    if heavy:
        from .procs import start_workers_early
        from .workers import parallel

        start_workers_early()  # the fork server imports the build's code while this process builds
    for job in light:
        done(_run(job, opts))
    for jobs in heavy.values():
        parallel(jobs, opts, 1, done)


def _save(out: Path, manifest: dict[str, dict], outcomes: list[Outcome]) -> bool:
    """Write the manifest; False (and the error, once among the outcomes) when it could not be."""
    try:
        write_manifest(out, manifest)
    except OSError as exc:  # a full disk: say so once, keep building what can be built
        err = outdir.write_error(out / MANIFEST, exc)
        if not any(err in o.findings for o in outcomes):
            outcomes.append(Outcome(str(out / MANIFEST), "failed", findings=[err]))
        return False
    return True


HEAVY_FONTS = 3_000_000  # bytes: a language whose fonts weigh more is spread out first


def _font_weight(job: Job) -> int:
    """Bytes of font files a job's language needs (CJK fonts are 4-5 MB each)."""
    return font_weight(job.lang, job.edition_theme or "default")


def heavy_fonts(lang: str, theme_name: str = "default") -> bool:
    """Whether ``lang``'s fonts are heavy (CJK): never loaded in one process beside another's."""
    return font_weight(lang, theme_name) > HEAVY_FONTS


def font_weight(lang: str, theme_name: str = "default") -> int:
    """Bytes of font files ``lang`` needs in a theme."""
    theme = load_theme(theme_name)
    files = [f for n in theme.family_names(lang) for f in (theme.fonts.families[n].regular,
                                                            theme.fonts.families[n].bold) if f]
    return sum((FONT_DIR / f).stat().st_size for f in files)
