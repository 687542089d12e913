"""The fork server's exit: at once, without tearing down what it imported for its workers.

Imported by the fork server only, as the last of ``procs.PRELOAD``.  When a build ends, the
server sees its pipe close and exits as any Python process does: it tears down every module it
imported (the build's code, ReportLab, the fonts), ~30 ms after the build itself has exited.
It shares the build's stderr, so whoever reads that to its end (a script or a portal job capturing
the output, CI, the benchmark) waited for it too.  It has nothing to flush and nothing to clean
up: its workers have ended, and its listening socket and temporary folder belong to the main
process.  So its last act is ``os._exit``.

Its workers are forks of it and inherit the handler, but never run it: a forkserver worker ends
in ``os._exit`` itself.  Any other process that imports this module (a test) is left alone.
"""

from __future__ import annotations

import atexit
import os
import sys


def _in_fork_server() -> bool:
    # multiprocessing starts the server as `python -c "from multiprocessing.forkserver import main; ..."`.
    return sys.argv == ["-c"] and "multiprocessing.forkserver" in sys.modules


def _leave() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    os._exit(0)


ARMED = _in_fork_server()
if ARMED:
    # What the server compiled importing PRELOAD (patterns, dataclass methods) is kept now: its exit
    # runs no other exit handler (a review: ~50 patterns were compiled again by every -j build's server).
    from . import classcode, recache

    recache.keep_new()
    classcode.keep_new()
    atexit.register(_leave)  # registered last, so run first: before any handler registered earlier
