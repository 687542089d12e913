"""What a process parsed, kept for the next one: ``$XDG_CACHE_HOME/handout/``.

Parsing some shipped files costs every cold build more than laying out a handout: pyphen's
hyphenation patterns (``hyphcache``) and ReportLab's font metrics (``fonts.face``, 5-120 ms a font);
and qrcode makes the same few QR matrices in every process (``qr``).
``keep`` writes plain data with marshal (never code: nothing read back can run), whole or not at
all; ``read`` gives it back, or None.  Callers name each file by a hash of what they parsed and of
the parser's version, so a file always holds what parsing now would give.  Deleting the folder
is always safe.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "handout"


def read(name: str) -> object:
    """What ``keep`` kept under ``name`` (plain data), or None if nothing readable is there."""
    try:
        return marshal.loads((cache_dir() / name).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def keep(name: str, data: Any) -> None:
    """Keep plain data (marshal: never code) under ``name``, whole or not at all; a read-only or
    missing home, or data marshal cannot write, keeps nothing (the next process parses again)."""
    try:
        blob = marshal.dumps(data)
    except ValueError:
        return
    write_whole(cache_dir() / name, blob)


def write_whole(path: Path, blob: bytes) -> bool:
    """Write a cache file whole or not at all (False: not written, and nothing left behind)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")  # unique across containers too
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(blob)
        os.replace(tmp, path)  # whole or absent, even with several processes at once
        return True
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return False
