"""The output folder of a build: locked, reconciled, and written only by the main process.

* ``lock(out)``: one build writes a folder at a time (two builds with different options
  once interleaved their PDFs and manifests).  A second build refuses at once, naming the
  holder.  The lock is a ``flock`` on ``<out>/.handout.lock``: the kernel drops it when its
  process dies, even by SIGKILL, so a killed build never leaves the folder locked.
* ``reconcile(out, manifest)``: at the start of a build, under the lock, temporary files
  left by a killed build are removed and manifest entries whose file is gone or differs
  (sha256) are dropped, so the manifest always describes the files on disk.
* ``commit(out, files)``: workers return bytes; the main process writes them atomically,
  sidecars first and the PDF last, and the caller then writes the manifest.  A write that
  fails (read-only folder, a full disk, ``ulimit -f``) is a located error for that PDF,
  never a traceback, and the batch goes on.
"""

from __future__ import annotations

import errno
import hashlib
import os
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterator

from .errors import Finding, HandoutError, Location
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
    return Finding(Location(str(path)), "write", f"cannot write: {exc.strerror or exc} ({hint})")


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
            raise HandoutError.single(Location(str(out)), "", f"another build (process {holder}) is writing to this "
                                      "folder (wait for it to finish, or choose another --out)") from None
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


def commit(out: Path, files: list[tuple[str, bytes]]) -> list[Finding]:
    """Write ``files`` (paths relative to ``out``; the PDF last) atomically; the errors, if any."""
    for rel, data in files:
        path = out / rel
        try:
            write_atomic(path, data)
        except OSError as exc:
            return [write_error(path, exc)]
    return []
