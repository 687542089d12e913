"""The output folder of a build: locked, reconciled, and written only by the main process.

* ``lock(out)``: one build writes a folder at a time (two builds with different options
  once interleaved their PDFs and manifests).  A second build refuses at once, naming the
  holder.  The lock is a ``flock`` on ``<out>/.handout.lock``: the kernel drops it when its
  process dies, even by SIGKILL, so a killed build never leaves the folder locked.
* ``reconcile(out, manifest)``: at the start of a build, under the lock, temporary files
  left by a killed build are removed and manifest entries whose file is gone or differs
  (sha256) are dropped, so the manifest always describes the files on disk.
* ``remove(out, entry)``: the files a manifest entry lists (its sidecars, then the PDF), when a
  full build finds its content gone from the content folder; nothing the manifest does not list.
* ``commit(out, files)``: workers return bytes; the main process writes them atomically,
  sidecars first and the PDF last, and the caller then writes the manifest.  A write that
  fails (read-only folder, a full disk, ``ulimit -f``) is a located error for that PDF,
  never a traceback, and the batch goes on.
* ``Committer``: ``commit`` in a thread of the main process, one outcome at a time, while the
  next PDF is built; each outcome is listed, in order, once its files are on disk.
"""

from __future__ import annotations

import errno
import hashlib
import os
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Any

from .errors import Code, Finding, HandoutError, Location
from .write import write_atomic

LOCK = ".handout.lock"

_HINTS = {errno.ENOSPC: "the disk is full: free some space and build again",
          errno.EDQUOT: "the disk quota is full: free some space and build again",
          errno.EFBIG: "the file is larger than this process may write (ulimit -f)",
          errno.EROFS: "the folder is on a read-only disk: choose another --out",
          errno.EACCES: "no permission to write there: choose another --out",
          errno.EPERM: "no permission to write there: choose another --out",
          errno.ENOTDIR: "part of the path is a file, not a folder: choose another --out",
          errno.EEXIST: "a file is in the way of a folder: choose another --out",
          errno.EISDIR: "a folder is in the way of the file: remove it or choose another --out"}


def write_error(path: Path, exc: OSError) -> Finding:
    """``FILE: error: write: cannot write (what to do)`` for an OSError, never a traceback."""
    hint = _HINTS.get(exc.errno or 0, "check the folder and build again")
    return Finding(Location(str(path)), "write", f"cannot write: {exc.strerror or exc} ({hint})", code=Code.WRITE)


@contextmanager
def lock(out: Path) -> Iterator[None]:
    import fcntl

    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise HandoutError([write_error(out, exc)]) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise HandoutError([Finding(Location(str(out)), "", f"another build (process {holder}) is writing to "
                                        "this folder (wait for it to finish, or choose another --out)", "error",
                                        Code.BUSY)]) from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass  # the pid is only a courtesy in the message above
        yield
    finally:
        os.close(fd)  # releases the lock


def reconcile(out: Path, manifest: dict[str, dict]) -> dict[str, dict]:
    """Remove a killed build's temporary files; keep only entries that match their file."""
    for tmp in out.rglob(".*.tmp"):
        try:
            tmp.unlink()
        except OSError:
            pass
    kept = {}
    for key, e in manifest.items():
        path = out / key
        if not inside(key):  # an edited manifest may point anywhere: it describes this folder only
            continue
        try:
            if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == e.get("sha256"):
                kept[key] = e
        except OSError:
            pass
    # A build killed between writing a PDF and listing it leaves a PDF the manifest does not know:
    # it goes, with its sidecars, and this build makes it again (personal/ is never listed: left alone).
    for pdf in out.rglob("*.pdf"):
        rel = pdf.relative_to(out).as_posix()
        if rel in kept or rel.split("/", 1)[0] == "personal":
            continue
        for stray in (pdf, pdf.with_name(pdf.stem + ".report.json"), pdf.with_name(pdf.stem + ".fhir.json")):
            try:
                stray.unlink()
            except OSError:
                pass
    return kept


def inside(rel: object) -> bool:
    """Whether ``rel`` (a path from the manifest) names a file inside the output folder: relative,
    with no ``..``."""
    if not isinstance(rel, str) or not rel or "\\" in rel:
        return False
    parts = rel.split("/")
    return not rel.startswith("/") and ".." not in parts and "" not in parts


def remove(out: Path, entry: dict) -> list[Finding]:
    """Remove the files ``entry`` lists (sidecars first, the PDF last: a build stopped half-way
    leaves the PDF listed, and the next build removes the rest); then its folder, if that left it
    empty.  Out: the errors, if any (the entry then stays).  A file already gone is not an error."""
    rels = [entry.get(k) for k in ("report", "fhir") if entry.get(k)] + [entry.get("path")]
    for rel in rels:
        if not inside(rel):  # never outside the output folder, whatever the manifest says
            continue
        path = out / str(rel)
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            return [Finding(Location(str(path)), "remove", f"cannot remove: {exc.strerror or exc} (its handout, "
                            "language or edition is gone from the content folder; remove it by hand)", code=Code.WRITE)]
    folder = (out / str(entry.get("path"))).parent
    if inside(entry.get("path")) and folder != out:
        try:
            folder.rmdir()  # only if empty: a file the clinic put there stays, and its folder
        except OSError:
            pass
    return []


def commit(out: Path, files: list[tuple[str, bytes]]) -> list[Finding]:
    """Write ``files`` (paths relative to ``out``; the PDF last) atomically; the errors, if any.
    A file that fails takes back the files written before it: a full disk left reports of PDFs
    never written (an adversarial review), and a new report beside the old PDF it kept (a code
    review).  A new file is removed, a replaced one gets its old bytes back (sidecars are small)."""
    done: list[tuple[Path, bytes | None]] = []  # each file written, and what it held before
    for k, (rel, data) in enumerate(files):
        path = out / rel
        try:
            # (The PDF, last, is never given back: nothing follows it that could fail.)
            old = path.read_bytes() if k < len(files) - 1 and path.exists() else None
            write_atomic(path, data)
        except OSError as exc:
            for p, before in reversed(done):
                try:
                    p.unlink(missing_ok=True) if before is None else write_atomic(p, before)
                except OSError:
                    pass  # the next build's reconcile checks what is left
            return [write_error(path, exc)]
        done.append((path, old))
    return []


def take_back(out: Path, outcomes: list[Any], listed: dict[str, dict]) -> None:
    """After the manifest could not be written (a full disk): remove the PDFs this build wrote that
    the manifest on disk does not list (``listed``: none, on a first build), with their reports.
    They stood there unlisted, after a first build with no manifest at all (an adversarial review)
    and after a batch whose last checkpoint came before them (a code review).  Each is said failed.
    (A PDF the manifest lists, replaced by this build, stays: the next build checks it again.)"""
    for oc in outcomes:
        if oc.status == "built" and oc.entry and oc.entry["path"] not in listed:
            oc.findings = oc.findings + remove(out, oc.entry)
            oc.status, oc.entry = "failed", None


class Committer:
    """Writes each outcome's files (``commit``) in a thread while the next PDF is built.

    Every file is flushed to the disk (fsync) before it is renamed into place, so a power cut
    never leaves a PDF that looks whole and is not.  The build waited for it: ~1 ms a file on
    this machine's disk (a -j1 batch of distinct handouts: 1.3 of 26.9 ms a PDF), far more on a
    clinic's network share.  Now one outcome is written while the next is built.  ``listed`` (the
    manifest's bookkeeping and the progress line) still runs in the calling thread, in order,
    and only once that outcome's files are on disk or have failed: the manifest never lists a
    file that is not there.  ``close`` waits for the last one.

    Ctrl-C and SIGTERM wait while an outcome is finished (waited for and listed), as they waited
    while it was written before; the writing thread never takes a signal, so blocking them in
    the calling thread (``procs.deferred_signals``) still defers them.
    """

    # The writing thread takes the GIL back after each system call (open, write, fsync, rename);
    # while the build holds it, Python's default switch interval (5 ms) made it wait up to 5 ms
    # each time, and the writing fell behind the building: with an 8 ms fsync, the build still
    # waited 11 ms a PDF for it.  While it writes, the interval is 0.5 ms (measured: 0.3 ms a PDF
    # waited), and it is put back when the batch ends.
    SWITCH_INTERVAL = 0.0005

    def __init__(self, out: Path, listed: Callable[[Any, list[Finding]], None], thread: bool = True) -> None:
        # thread False (one PDF: nothing is built while it is written): no thread, written here.
        # Measured: a cold one-PDF build spent ~4 ms importing and starting the thread for nothing.
        self._out, self._listed, self._thread = out, listed, thread
        self._pool: Any = None
        self._pending: tuple[Any, Any] | None = None  # (the outcome being written, its future)
        self._interval: float | None = None  # the switch interval to put back

    def put(self, outcome: Any) -> None:
        """List the outcome before this one once it is written, then start writing this one."""
        self._finish()
        if not outcome.files:
            self._listed(outcome, [])
            return
        if not self._thread:
            from .procs import deferred_signals

            with deferred_signals():  # written, then listed: never one without the other
                files, outcome.files = outcome.files, []
                self._listed(outcome, commit(self._out, files))
            return
        if self._pool is None:
            import sys
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(1, thread_name_prefix="handout-write", initializer=_no_signals)
            self._interval = sys.getswitchinterval()
            sys.setswitchinterval(min(self._interval, self.SWITCH_INTERVAL))
        files, outcome.files = outcome.files, []
        self._pending = (outcome, self._pool.submit(commit, self._out, files))

    def close(self) -> None:
        """List the last outcome once it is written; stop the thread."""
        try:
            self._finish()
        finally:
            if self._pool is not None:
                import sys

                self._pool.shutdown(wait=True)
                self._pool = None
                if self._interval is not None:
                    sys.setswitchinterval(self._interval)

    def _finish(self) -> None:
        from .procs import deferred_signals

        if self._pending is None:
            return
        outcome, future = self._pending
        with deferred_signals():  # written, then listed: never one without the other
            self._pending = None
            self._listed(outcome, future.result())


def _no_signals() -> None:
    """In the writing thread: Ctrl-C and SIGTERM go to the main thread only (which defers them)."""
    import signal

    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
