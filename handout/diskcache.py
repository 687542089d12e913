"""What a process parsed, kept for the next one: ``$XDG_CACHE_HOME/handout/``.

Parsing some shipped files costs every cold build more than laying out a handout: pyphen's
hyphenation patterns (``hyphcache``), ReportLab's font metrics (``fonts.face``, 5-120 ms a font)
and babel's merge of a language's CLDR data (``cldrcache``); and qrcode makes the same few QR
matrices in every process (``qr``).
``keep`` writes plain data with marshal (never code: nothing read back can run), whole or not at
all; ``read`` gives it back, or None.  Callers name each file by a hash of what they parsed and of
the parser's version, so a file always holds what parsing now would give.  Deleting the folder
is always safe.

What is read back is printed: a font's parse maps each character to the glyph drawn for it, so
a damaged or planted file could draw "4.5 mg" where the text says "1.5 mg".  So a file is read
only if it is whole (its own SHA-256 heads it: a flipped bit, a file cut short or one written by
another format is parsed again) and only if this user alone could have written it (it and its
folder owned by this user, writable by no one else: a shared or mounted cache folder is not
used); otherwise the caller parses again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
from pathlib import Path
from typing import Any

MAGIC = b"handout-cache 1\n"  # then the SHA-256 of the marshal data, then the data


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "handout"


def read(name: str) -> object:
    """What ``keep`` kept under ``name`` (plain data), or None if nothing whole, or nothing this
    user alone wrote, is there."""
    try:
        path = _folder() / name
        if not (_private(path.parent) and _private(path)):
            return None
        blob = path.read_bytes()
        head, digest, data = blob[:len(MAGIC)], blob[len(MAGIC):len(MAGIC) + 32], blob[len(MAGIC) + 32:]
        if head != MAGIC or hashlib.sha256(data).digest() != digest:
            return None
        return marshal.loads(data)
    except (OSError, RuntimeError, ValueError, EOFError, TypeError):  # RuntimeError: a loop of links
        return None


def _folder() -> Path:
    """The cache folder itself: a link to it (``~/.cache/handout`` kept on another disk) is followed,
    and what is checked and written is the folder it leads to."""
    return cache_dir().resolve()


def _private(path: Path) -> bool:
    """A folder or plain file (not a link), owned by this user and writable by no one else, where
    the system has owners (POSIX)."""
    st = os.stat(path, follow_symlinks=False)
    if not (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
        return False
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def unusable() -> str | None:
    """Why the cache folder cannot be used, if it exists and is not this user's alone (made by
    another user, with sudo, or shared): every build then parses the fonts again, ~0.1 s a cold
    build, silently.  None if it is usable, or missing (it is made on first use)."""
    try:
        folder = _folder()
        if not folder.exists() or not hasattr(os, "getuid"):
            return None
        st = os.stat(folder)
        if st.st_uid != os.getuid():
            return f"owned by another user (uid {st.st_uid})"
        if not stat.S_ISDIR(st.st_mode):
            return "not a folder"
        return None  # ours: made private on first use if others could write to it (_private_folder)
    except (OSError, RuntimeError):  # RuntimeError: a loop of links
        return "unreadable, or a loop of links"


def _private_folder(folder: Path) -> bool:
    """The cache folder, made if missing, for this user alone (a folder of ours that others could
    write to, made under a umask of 002, is closed to them); False if it is not ours."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if hasattr(os, "getuid") and not _private(folder) and folder.stat().st_uid == os.getuid():
            os.chmod(folder, 0o700)
        return _private(folder)
    except OSError:
        return False


def shared(data: Any) -> Any:
    """``data`` with each equal immutable part (a number, a string, a tuple of them) one object.
    marshal writes a part it has written before as a reference to it, so a table of many equal
    values (a font's widths, pyphen's patterns) is read back as a fraction of the objects: a CJK
    font's parse in 10 ms, not 21.  Lists and dicts stay objects of their own; parts are equal only
    with their types and bits equal (0.0 and -0.0, 1 and True, stay apart)."""
    pool: dict[Any, Any] = {}

    def key(v: Any) -> Any:
        t = type(v)
        return (t, v.hex()) if t is float else (t, tuple(key(x) for x in v)) if t is tuple else (t, v)

    def one(v: Any) -> Any:
        t = type(v)
        if t is dict:
            return {one(k): one(x) for k, x in v.items()}
        if t is list:
            return [one(x) for x in v]
        if t is tuple:
            v = tuple(one(x) for x in v)
        return pool.setdefault(key(v), v) if t in (int, float, str, bytes, tuple) else v

    return one(data)


def keep(name: str, data: Any) -> None:
    """Keep plain data (marshal: never code) under ``name``, whole or not at all; a read-only or
    missing home, or data marshal cannot write, keeps nothing (the next process parses again)."""
    try:
        blob = marshal.dumps(data)
    except ValueError:
        return
    try:
        folder = _folder()
    except (OSError, RuntimeError):  # RuntimeError: a loop of links
        return
    if _private_folder(folder):
        write_whole(folder / name, MAGIC + hashlib.sha256(blob).digest() + blob, mode=0o600)


def write_whole(path: Path, blob: bytes, mode: int | None = None) -> bool:
    """Write a cache file whole or not at all (False: not written, and nothing left behind), with
    ``mode`` if given (set before the file appears under its name)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")  # unique across containers too
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(blob)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)  # whole or absent, even with several processes at once
        return True
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return False
