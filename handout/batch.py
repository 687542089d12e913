"""Batch builds: many (handout, language) jobs in, PDFs and ``manifest.json`` out.

* Parallel: jobs run in worker processes (``jobs`` > 1); each worker registers
  fonts lazily, once, and only those its languages need.
* Incremental: a job's *input fingerprint* hashes everything its PDF depends
  on — the facts, the language file, the source-language file, the label
  catalogs, the theme files, the fonts, the package's code and the options.
  A PDF whose fingerprint and bytes match the manifest is skipped.
* Robust: one failing job never stops the others; Ctrl-C stops the workers,
  leaves no partial PDF (writes are atomic) and a valid manifest of what was
  finished.  The manifest itself is written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from . import __version__
from .errors import Finding, HandoutError
from .fonts import FONT_DIR
from .localize import CATALOG_DIR, SOURCE_CATALOG
from .model import Handout
from .theme import Theme, find_theme, load_theme
from .write import output_path, write_atomic

MANIFEST = "manifest.json"
PACKAGE_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Options:
    theme: str = "default"
    paper: str | None = None
    track: str | None = None


@dataclass
class Job:
    handout: Handout
    out: Path
    fingerprint: str = ""

    @property
    def path(self) -> Path:
        return output_path(self.out, self.handout.id, self.handout.lang)


@dataclass
class Outcome:
    job_path: str
    status: str  # "built", "unchanged", "failed"
    entry: dict | None = None
    findings: list[Finding] = field(default_factory=list)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=None)
def _static_fingerprint() -> str:
    """Fonts and the package's own code: the same for every job of a run."""
    h = hashlib.sha256(__version__.encode())
    for p in sorted(FONT_DIR.glob("*.ttf")) + sorted(PACKAGE_DIR.glob("*.py")):
        h.update(p.name.encode())
        h.update(_sha(p).encode())
    return h.hexdigest()


def _theme_files(name: str) -> list[Path]:
    files = []
    while name:
        path = find_theme(name)
        files.append(path)
        import yaml  # only the 'extends' key is needed here
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        name = data.get("extends") if isinstance(data, dict) else None
    return files


def fingerprint(h: Handout, opts: Options) -> str:
    """Hash of every input the PDF of ``h`` depends on."""
    folder = Path(h.facts_file).parent
    files = [Path(h.facts_file), Path(h.source_file), folder / f"{h.facts.source_language}.yaml",
             CATALOG_DIR / f"{h.lang}.yaml", CATALOG_DIR / f"{SOURCE_CATALOG}.yaml", *_theme_files(opts.theme)]
    hsh = hashlib.sha256(_static_fingerprint().encode())
    hsh.update(json.dumps(asdict(opts), sort_keys=True).encode())
    for p in files:
        hsh.update(str(p.name).encode())
        hsh.update(_sha(p).encode() if p.exists() else b"-")
    return hsh.hexdigest()


def read_manifest(out: Path) -> dict[str, dict]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {e["path"]: e for e in data.get("outputs", [])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def write_manifest(out: Path, entries: dict[str, dict]) -> None:
    doc = {"generator": f"handout {__version__}",
           "outputs": [entries[k] for k in sorted(entries)]}
    write_atomic(out / MANIFEST, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode())


def _entry(job: Job, pdf: bytes, pages: int, body: float) -> dict:
    f = job.handout.facts
    return {
        "path": job.path.relative_to(job.out).as_posix(),
        "id": f.id,
        "language": job.handout.lang,
        "edition": "standard",
        "version": f.version,
        "reviewed_on": f.reviewed_on.isoformat(),
        "pages": pages,
        "bytes": len(pdf),
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "body_pt": body,
        "translation_status": job.handout.text.translation.status if job.handout.text.translation else "source",
        "input_fingerprint": job.fingerprint,
    }


def _run(job: Job, opts: Options) -> Outcome:
    """Build one PDF (in a worker or in-process) and write it atomically."""
    from . import pipeline

    try:
        theme: Theme = load_theme(opts.theme)
        result = pipeline.build(job.handout, theme, opts.paper, opts.track)
    except HandoutError as exc:
        return Outcome(str(job.path), "failed", findings=exc.findings)
    except KeyError as exc:
        return Outcome(str(job.path), "failed", findings=[Finding(job.handout.facts.where("tracks"), "track",
                                                                    f"no track {exc} (expected one of: "
                                                                    f"{', '.join(t.id for t in job.handout.facts.tracks)})")])
    write_atomic(job.path, result.pdf)
    return Outcome(str(job.path), "built", _entry(job, result.pdf, result.pages, result.laid.settings.body))


def _unchanged(job: Job, old: dict | None) -> bool:
    if not old or old.get("input_fingerprint") != job.fingerprint or not job.path.exists():
        return False
    return hashlib.sha256(job.path.read_bytes()).hexdigest() == old.get("sha256")


def run(jobs: list[Job], opts: Options, workers: int, force: bool,
        progress: Callable[[Outcome], None]) -> list[Outcome]:
    """Build every job; report each outcome as it finishes; keep the manifest valid throughout."""
    if not jobs:
        return []
    out = jobs[0].out
    manifest = read_manifest(out)
    outcomes: list[Outcome] = []
    todo: list[Job] = []
    for job in jobs:
        job.fingerprint = fingerprint(job.handout, opts)
        key = job.path.relative_to(job.out).as_posix()
        if not force and _unchanged(job, manifest.get(key)):
            oc = Outcome(str(job.path), "unchanged", manifest[key])
            outcomes.append(oc)
            progress(oc)
        else:
            todo.append(job)

    def done(oc: Outcome) -> None:
        outcomes.append(oc)
        if oc.entry:
            manifest[oc.entry["path"]] = oc.entry
        progress(oc)

    try:
        if workers <= 1 or len(todo) <= 1:
            for job in todo:
                done(_run(job, opts))
        else:
            with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
                # group by language so a worker tends to reuse the fonts it has loaded
                todo.sort(key=lambda j: (j.handout.lang, j.handout.id))
                pending: set[Future] = {pool.submit(_run, job, opts) for job in todo}
                try:
                    while pending:
                        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                        for fut in finished:
                            done(fut.result())
                except BaseException:
                    for fut in pending:
                        fut.cancel()
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
    finally:
        out.mkdir(parents=True, exist_ok=True)
        write_manifest(out, manifest)
    return outcomes


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
