"""Stage 7 — write: PDF bytes in, a file on disk out.  The only code that writes.

Atomic: the bytes go to a temporary file in the destination folder, are
flushed to disk, then renamed over the target, so a PDF appears complete or
not at all, and a failed build leaves the previous good file untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, private: bool = False) -> None:
    """``data`` into ``path``, whole or not at all; ``private``: a patient's file, readable by this user only
    (0600, in a folder made 0700): any local user could read a patient's PDF (a portal administrator's trial)."""
    if private and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600 if private else 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def output_path(out: Path, handout_id: str, lang: str, edition: str | None = None) -> Path:
    """``<out>/<id>/<id>.<lang>[.<edition>].pdf``"""
    suffix = f".{edition}" if edition else ""
    return out / handout_id / f"{handout_id}.{lang}{suffix}.pdf"
