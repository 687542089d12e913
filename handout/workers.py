"""Workers: the processes a ``-j N`` batch builds in, and how jobs are shared among them.

* ``bins`` shares the jobs so each worker loads only its own languages' fonts (the CJK fonts,
  4-5 MB each, never in one worker together).
* Workers fork from a fork server (``procs.fork_context``) started early (``procs.start_workers_early``),
  which imports ``procs.PRELOAD`` while the main process reads the handouts.
* ``parallel`` runs the jobs, one single-worker pool per bin, a few jobs at a time; a worker
  done with its bin takes jobs from another's (``_steal``), and each outcome is reported as it
  finishes.  Workers only make bytes: the main process writes (``batch``).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from typing import Any
from dataclasses import replace
from pathlib import Path

from . import procs
from .procs import fork_context
from .batch import HEAVY_FONTS, Job, Options, Outcome, _font_weight, _run, heavy_fonts
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


# Jobs handed to a worker at once: one building, one waiting, so a worker never idles while this
# process writes the PDF it just made.  The rest wait here, where another worker can still take them.
WINDOW = 2


def parallel(todo: list[Job], opts: Options, workers: int, done: Callable[[Outcome], None]) -> None:
    """One single-worker process per bin of languages; outcomes reported as they finish.

    Each worker is handed its own bin a few jobs at a time (``WINDOW``).  A worker whose bin is
    empty takes jobs from the end of the fullest other bin (``_steal``): the workers finish together
    instead of one building the last tenth of a batch alone (measured: 100 distinct PDFs, the last
    ten came one worker alone, 0.18 s).  It never takes a heavy-font (CJK) language it has not
    loaded, so no worker holds two CJK fonts; the bin of a worker that died is anyone's.
    """
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    queues = [deque(b) for b in bins(todo, workers)]
    ctx = fork_context()
    # Each pool makes its queues' named semaphores as it is made, and registers each with the
    # resource tracker before it arranges for its removal: a Ctrl-C between the two left the
    # tracker to print "leaked semaphore objects" under "handout: interrupted" (seen once in
    # CI).  So Ctrl-C waits while they are made (procs.deferred_signals).
    with procs.deferred_signals():
        pools = [ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=procs.worker_init,
                                     initargs=(os.getpid(),)) for _ in queues]
    loaded = [{j.lang for j in q} for q in queues]  # the languages (fonts) each worker builds
    heavy = {lang for lang, theme in {(j.lang, j.edition_theme or "default") for j in todo} if heavy_fonts(lang, theme)}
    sent: list[set[Path]] = [set() for _ in queues]  # handouts whose parsed facts a worker has
    alive = [True] * len(queues)
    handed = [0] * len(queues)
    pending: dict[Future, tuple[Job, int]] = {}

    def stopped(job: Job, exc: BaseException) -> Outcome:
        if isinstance(exc, BrokenProcessPool):  # a worker that died (out of memory, killed): its jobs fail, not all
            why = f"the worker building it stopped ({type(exc).__name__})"
        else:  # a job that raised (a bug): that job fails, and its worker goes on
            why = f"building it failed ({type(exc).__name__}: {exc})"
        return Outcome(str(job.path), "failed", findings=[Finding(Location(str(job.path)), "", f"{why}; build again")])

    def feed(k: int) -> None:
        while alive[k] and handed[k] < WINDOW:
            taken = queues[k].popleft() if queues[k] else _steal(queues, k, loaded[k], heavy, alive)
            if taken is None:
                return
            loaded[k].add(taken.lang)
            job = taken
            if job.folder in sent[k]:  # the parsed facts go with a worker's first job of each handout only
                job = replace(job, facts_parsed=None)
            elif job.facts_parsed is not None:
                sent[k].add(job.folder)
            try:
                with procs.deferred_signals():  # a worker being started is never left half-made (see deferred_signals)
                    pending[pools[k].submit(_run, job, opts)] = (job, k)
            except BrokenProcessPool:  # its worker died: the job goes back, for another worker to take
                alive[k] = False
                queues[k].appendleft(taken)
                return
            handed[k] += 1

    try:
        for k in range(len(pools)):
            feed(k)
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                job, k = pending.pop(fut)
                handed[k] -= 1
                try:
                    oc = fut.result()
                except Exception as exc:
                    alive[k] = alive[k] and not isinstance(exc, BrokenProcessPool)
                    oc = stopped(job, exc)
                for i in range(len(pools)):  # the next jobs first: the worker builds while this process writes
                    feed(i)
                done(oc)
        for q in queues:  # every worker died: what is left is said, never dropped
            while q:
                done(stopped(q.popleft(), BrokenProcessPool()))
    except BaseException:
        for pool in pools:  # workers write nothing: stopping them at once loses no file
            stop(pool)
        raise
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


def stop(pool: Any) -> None:
    """Kill a pool's workers at once, and let its manager thread end.

    A worker killed half-way through sending a result left the pool's manager thread waiting for
    the rest forever: this process holds the result pipe's other end too, so no end of file came,
    and Ctrl-C or SIGTERM hung the build in ``shutdown`` (found in review: 5 of 40 interrupted
    -j2 builds before this series, 2 of 40 after).  Closing that end once the workers are dead
    gives the thread its end of file; it then treats the pool as broken, as it should.  (Python
    3.14's ``kill_workers`` does the first half; the queue is the pool's own attribute.)
    """
    for proc in list(getattr(pool, "_processes", {}).values()):
        proc.kill()
    for proc in list(getattr(pool, "_processes", {}).values()):
        proc.join(5)
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        writer.close()


def _steal(queues: list[deque[Job]], k: int, loaded: set[str], heavy: set[str], alive: list[bool]) -> Job | None:
    """A job for worker ``k``, whose own bin is empty: the last of the fullest other bin that it may
    build (a heavy-font language only if it has loaded it; any job of a worker that died)."""
    for i in sorted(range(len(queues)), key=lambda i: -len(queues[i])):
        if i != k and queues[i] and (not alive[i] or queues[i][-1].lang in loaded or queues[i][-1].lang not in heavy):
            return queues[i].pop()
    return None
