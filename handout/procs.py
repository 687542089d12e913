"""Process hygiene for batch builds: workers that die with their build, SIGTERM as Ctrl-C.

A SIGKILLed build once left its workers running (one for 29 minutes, still writing PDFs),
and SIGTERM wrote no manifest.  ``worker_init`` runs in every worker: it asks the kernel to
kill it when its parent dies (``PR_SET_PDEATHSIG``) and watches the build's own process
(a forkserver worker's parent is the fork server), and leaves Ctrl-C to the main process.
``stop_on_sigterm`` makes SIGTERM raise ``KeyboardInterrupt`` in the main process, so it
ends as Ctrl-C does: workers stopped, manifest written, exit 130.

The fork server the workers start from is here too (``start_workers_early``): this module
imports nothing of the build, so the command line can start the server before it imports
the build's own code, and the two import side by side.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from collections.abc import Iterator


_INTERRUPTED = False


def interrupt(signum, frame) -> None:
    """The command line's handler for Ctrl-C and SIGTERM: remembered, then raised as KeyboardInterrupt.

    Remembered because a library may catch the exception: ReportLab imports optional modules
    inside bare ``except:`` blocks (uharfbuzz, rlbidi, platform), so a Ctrl-C landing there was
    lost and the build went on to exit 0 (seen once in CI, 0.13 s into a build).  The batch asks
    ``interrupted`` before each PDF it writes, and the command line as it ends."""
    global _INTERRUPTED
    _INTERRUPTED = True
    raise KeyboardInterrupt


def interrupted() -> bool:
    return _INTERRUPTED


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """SIGTERM is handled like Ctrl-C: workers stopped, the manifest written, exit 130."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    old = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def tune_gc() -> None:
    """No cyclic garbage collection, for a process that builds PDFs and ends (the command line, a worker).

    A build allocates millions of small objects (words, lines, runs, PDF objects), and reference
    counting frees every one of them: a build makes no reference cycles of its own (the structure
    tree names no parents: ``structure.Element``; ``tests/test_memory.py`` checks it).  The cycle
    collector still ran, scanning every word, line and font the process remembers: with Python's
    thresholds 130 ms of a 30-PDF batch's 920, and still 35 ms with young collections every 20,000
    allocations (measured with ``gc.callbacks``).  So it is off, and what exists when this is called
    (the imported code) is frozen.  What little cyclic garbage a library leaves (the json module's
    encoder, once a report) is collected with the remembered text (``batch._run``), when the process
    holds more than its bound.  Only for a process that ends with its batch: the console script's
    build (not --watch, not a patient's printout) and check, and the workers.  Never for a
    long-lived host (the web page, --watch, the tests), which keeps Python's defaults.
    """
    import gc

    gc.freeze()
    gc.disable()


def worker_init(parent: int) -> None:
    """In each worker: die with the build (never orphaned, still writing), leave Ctrl-C to it, and
    keep what it compiled."""
    import signal
    import threading
    import time
    from multiprocessing import util

    from . import classcode, recache

    tune_gc()
    # A worker ends in os._exit (multiprocessing), which runs no atexit function: what it compiled
    # (another language's word-list patterns, the classes of modules the fork server did not import)
    # was never kept, and every -j build compiled it again (a review: a table filled by -j2 builds
    # alone held 111 of a build's 338 patterns, and a -j2 build took 1.41-1.53 s instead of
    # 1.26-1.38).  multiprocessing runs its finalizers before that exit.
    util.Finalize(None, recache.keep_new, exitpriority=0)
    util.Finalize(None, classcode.keep_new, exitpriority=0)

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process stops the workers itself
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:  # the parent of a forkserver worker is the fork server: watch the build itself
        while not _gone(parent):
            time.sleep(0.25)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _gone(pid: int) -> bool:
    """Has ``pid`` exited?  A killed build is a zombie until its own parent reaps it, and the
    fork server (kept alive by its workers) never notices: read its state, not just its pid."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] in (b"Z", b"X")
    except FileNotFoundError:
        return True
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
        return False


@contextmanager
def deferred_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait while a PDF is written and listed: never one without the other.

    Also while a job is handed to a worker pool: handing the first one starts its worker, and
    waits for the fork server (still importing its modules for the first ~0.2 s).  Interrupted
    there, the build went and removed the pool's semaphores while the server still made the
    worker, which then failed to start with a FileNotFoundError traceback.  And while the pools
    are made: each registers its semaphores before it arranges for their removal."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# What a job imports (_run_job): the fork server imports it once, and every worker is a fork of
# it that starts building at once, instead of each worker importing it all again (~0.25 s each).
# Then warmup: what every worker's first PDF loads (the theme, the source language's fonts and words).
# Last, serverexit: the server leaves without tearing all that down again.
PRELOAD = ("handout.batch", "handout.content", "handout.pipeline", "handout.policy", "handout.plain",
           "handout.checks", "handout.report", "handout.checking", "handout.warmup", "handout.serverexit")


def fork_context():
    import multiprocessing  # here: a one-PDF build never starts a worker

    # forkserver: workers start from a clean process, never from a fork of a parent whose
    # libraries (pdfium, the validator) may hold a lock in another thread.  The fork server is
    # such a clean process: it imports PRELOAD (which starts no thread) and nothing else.
    if not sys.platform.startswith("linux"):
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(list(PRELOAD))
    _start_server()
    return ctx


def _start_server() -> None:
    """Start the fork server (once) with Ctrl-C blocked and the working folder off its path.

    A terminal's Ctrl-C reaches every process of the build; the server, still importing PRELOAD
    for its first ~0.2 s, printed a KeyboardInterrupt traceback before it ignores SIGINT itself.
    The main process handles Ctrl-C; the server and its workers need never see it (the resource
    tracker is started the same way).

    The server is a ``python -c`` process, and Python puts the working folder first on such a
    process's path: it imported PRELOAD from a ``handout`` folder there (a checkout of another
    version, a clinic's folder named so; or any module a folder holds, a ``json.py``) while this
    process ran the installed package, so the workers built with other code than the build said.
    PYTHONSAFEPATH (Python 3.11) leaves it off, unless the working folder is where this process
    found its own package (``python -c`` in a checkout): then it is the same code.  The server
    takes this process's environment when it starts (or starts again, had it died): it is set
    around every start, and put back."""
    import signal
    from multiprocessing import forkserver, resource_tracker

    safe = os.environ.get("PYTHONSAFEPATH")
    if Path.cwd().resolve() != Path(__file__).resolve().parent.parent:
        os.environ["PYTHONSAFEPATH"] = "1"
    try:
        if not hasattr(signal, "pthread_sigmask"):
            forkserver.ensure_running()
            return
        # The tracker first: starting it unblocks SIGINT (its own guard), which would undo the block below.
        resource_tracker.ensure_running()
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            forkserver.ensure_running()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
    finally:
        if safe is None:
            os.environ.pop("PYTHONSAFEPATH", None)
        else:
            os.environ["PYTHONSAFEPATH"] = safe


def start_workers_early() -> None:
    """Start the fork server now, so it imports PRELOAD while the main process reads the handouts
    and hashes their inputs; the workers forked from it later start at once."""
    fork_context()


# Fewer PDFs than this are built in this process: starting workers (each a process with the build's
# code imported, ~0.3 s) costs more than a second core saves on ~50 ms a PDF (measured: break-even
# at ~12 distinct PDFs on 2 cores).
PARALLEL_FROM = 12


WORKER_MB, MAIN_MB = 150, 100  # the most a building process may hold (Issue 17), and the main process


@cache  # ~0.2 ms of files read; asked when the build plans and again when it runs
def default_jobs(proc: str = "/proc/self") -> int:
    """Worker processes when -j is not given: the cores this process may run on, as far as its
    container or service lets it use them.  A container limited to 2 CPUs on a 64-core host sees
    64 cores; 64 workers there are throttled to the speed of 2 and hold ~64 x 100 MB, past a
    typical limit of a few GB (the kernel then kills the build).  So the CPU quota (cgroup v2
    ``cpu.max``, v1 ``cpu.cfs_quota_us``) of this process's cgroup and of its parents, rounded up
    as loky and Go do, and their memory limit (``memory.max``, v1 ``memory.limit_in_bytes``:
    ``WORKER_MB`` a worker, beside this process's ``MAIN_MB``) each bound it, never below one."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    dirs = _cgroup_dirs(Path(proc))
    limits = []
    for d in dirs["cpu"]:
        for quota, period in ((_limit(d / "cpu.max", 0), _limit(d / "cpu.max", 1)),
                              (_limit(d / "cpu.cfs_quota_us", 0), _limit(d / "cpu.cfs_period_us", 0))):
            if quota and period:
                limits.append(-(-quota // period))  # rounded up
    for d in dirs["memory"]:
        for memory in (_limit(d / "memory.max", 0), _limit(d / "memory.limit_in_bytes", 0)):
            if memory:
                limits.append((memory // 1048576 - MAIN_MB) // WORKER_MB)
    return max(1, min([cores, *limits]))


def _cgroup_dirs(proc: Path) -> dict[str, list[Path]]:
    """By controller ("cpu", "memory"): the folders of this process's cgroup and of its parents,
    cgroup v2 and v1 alike, where ``proc``'s mountinfo says each hierarchy is mounted.  A
    container's cgroup is usually its mount's root; a systemd service's (CPUQuota=, MemoryMax=)
    lies below it, e.g. /system.slice/x.service."""
    out: dict[str, list[Path]] = {"cpu": [], "memory": []}
    try:  # names are bytes: a mount point need not be UTF-8 (kept as the file system's own names)
        own = (proc / "cgroup").read_bytes().decode("utf-8", "surrogateescape").splitlines()
        mounts = (proc / "mountinfo").read_bytes().decode("utf-8", "surrogateescape").splitlines()
    except OSError:
        return out
    paths: dict[str, str] = {}  # controller ("" for v2) -> this process's cgroup in that hierarchy
    for line in own:
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in parts[1].split(",") if parts[1] else [""]:
                paths[controller] = parts[2]
    for line in mounts:
        # "id parent dev root mount options [optional...] - type source super-options": split at
        # the separator, then on single spaces (a source may be empty: "- cgroup2  rw").
        before, sep, after = line.partition(" - ")
        fields, tail = before.split(" "), after.split(" ")
        if not sep or len(fields) < 6 or len(tail) < 3:
            continue
        kind, root, mount = tail[0], _unescape(fields[3]), Path(_unescape(fields[4]))
        if kind == "cgroup2":
            wanted = [("cpu", ""), ("memory", "")]
        elif kind == "cgroup":
            options = tail[2].split(",")
            wanted = [(c, c) for c in ("cpu", "memory") if c in options]
        else:
            continue
        for controller, key in wanted:
            path = paths.get(key)
            if path is None:
                continue
            # The mount shows its hierarchy from ``root`` down (a container's own cgroup, bind-mounted);
            # a cgroup outside it is not visible: the mount's own limits are what is known.
            if root == "/":
                rel = path
            elif path == root or path.startswith(root.rstrip("/") + "/"):
                rel = path[len(root):]
            else:
                rel = ""
            d = mount / rel.strip("/")
            out[controller].append(d)
            while d != mount and mount in d.parents:
                d = d.parent
                out[controller].append(d)
    return out


def _unescape(field: str) -> str:
    """A mountinfo field: spaces, tabs, newlines and backslashes are written as octal escapes."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field) if "\\" in field else field


def _limit(path: Path, field: int) -> int | None:
    """The ``field``-th number in a cgroup file, or None: no file, no limit ("max", -1, or a v1
    "unlimited" near 2**63), or not a number."""
    try:
        value = path.read_text().split()[field]
    except (OSError, IndexError):
        return None
    if not value.isdigit() or int(value) >= 2**62:
        return None
    return int(value)


def resident_mb() -> float:
    """The process's resident memory now (its peak where /proc is missing)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1048576
    except (OSError, ValueError, IndexError):
        return peak_mb()


def peak_mb() -> float:
    """The most resident memory this process has held (MB).  Linux's VmHWM, which starts again
    when the process runs a new program; getrusage's ru_maxrss does not: a build started by a
    process holding 600 MB (a portal's service, pytest) said "peak memory per worker 614 MB"."""
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError, IndexError):
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1048576 if sys.platform == "darwin" else 1024)


def jobs_arg(text: str) -> int:
    """argparse ``type=`` for ``-j``: a whole number of processes, at least 1 ('0', '-1' and '²' were
    taken or a traceback's words)."""
    import argparse

    if text.isascii() and text.isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a number of processes (expected 1 or more)")
