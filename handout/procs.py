"""Process hygiene for batch builds: workers that die with their build, SIGTERM as Ctrl-C.

A SIGKILLed build once left its workers running (one for 29 minutes, still writing PDFs),
and SIGTERM wrote no manifest.  ``worker_init`` runs in every worker: it asks the kernel to
kill it when its parent dies (``PR_SET_PDEATHSIG``) and watches the build's own process
(a forkserver worker's parent is the fork server), and leaves Ctrl-C to the main process.
``stop_on_sigterm`` makes SIGTERM raise ``KeyboardInterrupt`` in the main process, so it
ends as Ctrl-C does: workers stopped, manifest written, exit 130.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from collections.abc import Iterator


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """SIGTERM is handled like Ctrl-C: workers stopped, the manifest written, exit 130."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def worker_init(parent: int) -> None:
    """In each worker: die with the build (never orphaned, still writing), leave Ctrl-C to it."""
    import signal
    import threading
    import time

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
    """Ctrl-C and SIGTERM wait while a PDF is written and listed: never one without the other."""
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
