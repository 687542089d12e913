"""Workers: the processes a ``-j N`` batch builds in, and how jobs are shared among them.

* ``bins`` shares the jobs so each worker loads only its own languages' fonts (the CJK fonts,
  4-5 MB each, never in one worker together).
* Workers fork from a fork server (``procs.fork_context``) started early (``procs.start_workers_early``),
  which imports ``procs.PRELOAD`` while the main process reads the handouts.
* ``parallel`` runs the jobs, one single-worker pool per bin, and reports each outcome as it
  finishes.  Workers only make bytes: the main process writes (``batch``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import procs
from .procs import fork_context
from .batch import HEAVY_FONTS, Job, Options, Outcome, _font_weight, _run
from .errors import Finding, Location


def bins(todo: list[Job], n: int) -> list[list[Job]]:
    """Share the jobs among n workers so each loads only the fonts of its own languages.

    Languages go whole to one worker, heaviest fonts first, each to the worker with the
    least font weight and then the fewest jobs, so the two CJK languages do not meet.
    A language with more jobs than a fair share is split (a one-language batch still
    uses every core).
    """
    by_lang: dict[str, list[Job]] = {}
    for job in sorted(todo, key=lambda j: (j.lang, j.handout_id, j.edition)):
        by_lang.setdefault(job.lang, []).append(job)
    fair = -(-len(todo) // n)
    groups: list[list[Job]] = []
    for jobs in by_lang.values():
        groups += [jobs[i:i + fair] for i in range(0, len(jobs), fair)] if len(jobs) > fair else [jobs]
    weight = {lang: _font_weight(jobs[0]) for lang, jobs in by_lang.items()}
    groups.sort(key=lambda g: (-weight[g[0].lang], -len(g)))
    out: list[list[Job]] = [[] for _ in range(n)]
    load = [[0, 0] for _ in range(n)]  # (font bytes, jobs) per worker
    for g in groups:  # heavy fonts (CJK) spread out first; the rest fill the emptiest worker
        heavy = weight[g[0].lang] > HEAVY_FONTS
        k = min(range(n), key=lambda i: (load[i][0], load[i][1]) if heavy else (load[i][1], load[i][0]))
        out[k] += g
        load[k][0] += weight[g[0].lang]
        load[k][1] += len(g)
    return [b for b in out if b]


def parallel(todo: list[Job], opts: Options, workers: int, done: Callable[[Outcome], None]) -> None:
    """One single-worker process per bin of languages; outcomes reported as they finish."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    ctx = fork_context()
    pools = [ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=procs.worker_init, initargs=(os.getpid(),))
             for _ in range(workers)]
    pending: dict[Future, Job] = {}
    try:
        for pool, jobs in zip(pools, bins(todo, workers)):
            sent: set[Path] = set()
            for job in jobs:  # the parsed facts go with a worker's first job of each handout only
                if job.folder in sent:
                    job = replace(job, facts_parsed=None)
                elif job.facts_parsed is not None:
                    sent.add(job.folder)
                pending[pool.submit(_run, job, opts)] = job
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                job = pending.pop(fut)
                try:
                    oc = fut.result()
                except Exception as exc:  # a worker that died (out of memory, killed): that job fails, not all
                    oc = Outcome(str(job.path), "failed", findings=[Finding(
                        Location(str(job.path)), "", f"the worker building it stopped ({type(exc).__name__}); "
                        "build again")])
                done(oc)
    except BaseException:
        for pool in pools:  # workers write nothing: stopping them at once loses no file
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.kill()
        raise
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)
