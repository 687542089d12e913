"""The regular expressions written in the bodies of the build's modules, compiled once per installation.

CPython compiles every pattern again in every process: a cold one-PDF build compiled about 150,
30 ms of its 190 ms (Issue 17), most of it at import (ReportLab's list of unsafe names, 6 ms;
PyYAML's printable characters, 4.5 ms).  What ``re`` makes of a pattern is fixed by the pattern,
its flags and the Python that compiles it.

``install`` gives ``re._compiler`` a ``compile`` of its own.  A text pattern is kept only when the
code asking for it is the body of a module (or of a class in it) of the package or of one of the
libraries a build imports (``LIBRARIES``), as that module is imported: code, never data.  A pattern
a function makes at run time (from a patient's words), or any program's own code (a script, a
notebook cell, ``exec``), is compiled as Python compiles it and never written down.  A function
that joins a pattern from the package's own files only (a word list, a language's unit labels)
asks for it by ``pattern()``, which keeps it too: it is the same in every process.  For a kept
pattern the hook hands ``_sre.compile`` the arguments Python's compiler gave it the first time,
exactly as ``re._compiler.compile`` would.  They are recorded as ``re`` passes them, by standing in
for ``_sre`` inside ``re._compiler``; each compile records only its own call (a compile started
while another runs in the same thread, from a signal handler or a finaliser, records its own).

The table is kept beside the package's bytecode, under Python's own rule for bytecode, as
``classcode``'s is (it says why): valid for one Python build (its version string and the regular
expression engine's magic number), rewritten whole at exit only when a process compiled something
new.  Nothing in it is used unchecked: a flipped bit could make a dose rule match "5.0 mg" for
"4.0 mg".  Its index (each pattern's place in the file and the SHA-256 of its entry, and the sites)
is read whole, under its own SHA-256; an entry is read, checked against its digest and unmarshalled
only when its pattern is asked for.  The table holds every language's patterns and a build uses one
or two languages' (1.2 of 2.5 MB for English): reading, hashing and unmarshalling all of it was
~8 ms of every cold build, ~14 ms where edits had grown it to 4.3 MB.  A site that asked for
another pattern in another process (a pattern joined from a set, in another order under each
process's hash seed) is marked and never kept, so the table settles.  Anything unexpected falls
back to Python's own compile.  Whoever may write the package's bytecode may write the table: it is
trusted as the ``.pyc`` files beside it are, no more.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import marshal
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

from .diskcache import write_whole

_compiler: Any = getattr(re, "_compiler", None)  # Python 3.11+; else nothing is installed
_sre: Any = getattr(_compiler, "_sre", None)
# (v3: an index, then each entry's arguments marshalled on their own, read from the file when asked for)
HEADER = f"{sys.version}\n{getattr(_sre, 'MAGIC', '')}\nO{sys.flags.optimize}\nv3\n".encode()
_NEWLOCALS = 0x0002  # inspect.CO_NEWLOCALS: set on a function's code, not on a module's or a class's body
# The top-level packages whose modules' patterns are kept: the package's own and those a build imports.
# Of the standard library, the modules a build imports whose bodies compile patterns: ReportLab
# imports platform (its version parsers, ~5 ms a process), argparse textwrap, babel json and locale.
LIBRARIES = frozenset({"handout", "reportlab", "yaml", "babel", "pyphen", "textstat", "qrcode",
                       "platform", "textwrap", "glob", "json", "locale"})


def _where() -> Path | None:
    try:
        pyc = Path(importlib.util.cache_from_source(__file__))
    except NotImplementedError:
        return None
    return pyc.with_name(f"recache.{sys.implementation.cache_tag}.table")


FILE = _where()  # a test may point it elsewhere before the first pattern
LIMIT = 2000  # patterns (and sites); more are patterns edited away since: rewritten with only those used
# Bytes of the table's entries, likewise: a word list's how-often patterns are ~200 KB each, so a few edits
# (or upgrades leaving the table in place) kept ten versions of each, read from disk by every process.
# Every language's patterns take ~2.7 MB.
BYTES_LIMIT = 6_000_000
MAX_PATTERN = 65536  # characters: a longer pattern is compiled each time (every process reads the whole table)
Key = tuple[str, int]  # (pattern, flags)
Site = tuple[str, int, int, int]  # (file, its mtime, first line of the code, bytecode offset) of the asking call
# Read on the first pattern; each entry where it is in the file (read when asked for: a process uses a
# few of every language's patterns) or, once read or new, its arguments as _sre.compile takes them.
_table: dict[Key, _Entry | tuple] | None = None
# The pattern each site asked for; None for a site that asked for another in another process.
_sites: dict[Site, str | None] = {}
_new: dict[Key, tuple] = {}
_new_sites: dict[Site, str | None] = {}
_used: set[Key] = set()
_seen: set[Site] = set()
stats = {"kept": 0, "compiled": 0}
_original = None  # re._compiler.compile as Python has it
_FIRST = threading.RLock()  # (re-entrant: a compile inside the first read would wait for itself)
_calls = threading.local()  # per thread: a stack of [pattern, recorded arguments], one per compile running


class _Recorder:
    """Stands in for ``_sre`` in ``re._compiler``: notes what ``compile`` is given for the pattern the
    innermost running compile of this thread asked for, and is ``_sre`` for everything else."""

    def __init__(self, real: Any) -> None:
        # Real attributes, not __getattr__: re's compiler reads _sre.unicode_iscased and the rest per
        # character, and every other program's compiles go through here too.
        self.__dict__.update({name: getattr(real, name) for name in dir(real)
                              if not name.startswith("__") and name != "compile"})
        self._real = real

    def compile(self, pattern: Any, *args: Any, **kw: Any) -> Any:
        stack = getattr(_calls, "stack", None)
        if stack and stack[-1][0] is pattern and not kw:
            stack[-1][1] = tuple(_plain(a) for a in args)
        return self._real.compile(pattern, *args, **kw)


def _plain(value: Any) -> Any:
    """The value as marshal keeps it: re's flags and opcodes are int subclasses (``RegexFlag``,
    ``_NamedIntConstant``), and their int is all ``_sre`` reads."""
    if isinstance(value, int):
        return int(value)
    if isinstance(value, list):
        return [int(v) for v in value]  # the program: ints only
    return value


class _Entry:
    """One kept pattern's arguments, where they are in the table's file: read and checked when asked for."""

    __slots__ = ("fd", "offset", "length", "digest")

    def __init__(self, fd: int, offset: int, length: int, digest: bytes) -> None:
        self.fd, self.offset, self.length, self.digest = fd, offset, length, digest

    def raw(self) -> bytes | None:
        """The entry's bytes if they are what was written (the file the index was read from, held open:
        a table rewritten since is another file), else None."""
        try:
            data = os.pread(self.fd, self.length, self.offset)
        except OSError:
            return None
        return data if len(data) == self.length and hashlib.sha256(data).digest() == self.digest else None

    def load(self) -> tuple:
        data = self.raw()
        if data is None:
            raise ValueError("a damaged entry")
        args = marshal.loads(data)
        if not isinstance(args, tuple):
            raise ValueError("not an entry")
        return args


_LENGTH = 8  # bytes of the index's length, after the header and the index's digest


def _read() -> tuple[dict[Key, _Entry | tuple], dict[Site, str | None]]:
    """The index (every entry where it is, unread) and the sites; nothing if the file is not a whole table."""
    if FILE is None:
        return {}, {}
    try:
        fd = os.open(FILE, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return {}, {}
    try:
        top = len(HEADER) + 32 + _LENGTH
        head = os.pread(fd, top, 0)
        if len(head) == top and head.startswith(HEADER):
            digest, length = head[len(HEADER):len(HEADER) + 32], int.from_bytes(head[-_LENGTH:], "little")
            index = os.pread(fd, length, top) if length <= os.fstat(fd).st_size - top else b""
            if len(index) == length and hashlib.sha256(index).digest() == digest:
                where, sites = marshal.loads(index)
                if isinstance(where, dict) and isinstance(sites, dict):
                    table: dict[Key, _Entry | tuple] = {
                        k: _Entry(fd, top + length + at[0], at[1], at[2]) for k, at in where.items()
                        if isinstance(k, tuple) and isinstance(at, tuple) and len(at) == 3}
                    fd = -1  # held open by the entries, for the process's life (one file descriptor)
                    return table, {k: v for k, v in sites.items()
                                   if isinstance(k, tuple) and (v is None or isinstance(v, str))}
    except (OSError, ValueError, EOFError, TypeError):
        pass
    finally:
        if fd >= 0:
            os.close(fd)
    return {}, {}


def keep_new() -> None:
    """Keep what this process compiled, with what the table held, whole or not at all (at exit; a worker
    of a -j build and the fork server call it themselves, as their exit runs no atexit function)."""
    if not (_new or _new_sites) or sys.dont_write_bytecode or FILE is None:
        return
    table, sites = _read()
    sites.update(_new_sites)
    try:
        entries = {k: raw for k, e in table.items() if isinstance(e, _Entry) and (raw := e.raw()) is not None}
        for fd in {e.fd for e in table.values() if isinstance(e, _Entry)}:  # (this read's own, not _table's)
            os.close(fd)
        entries.update({k: marshal.dumps(v) for k, v in _new.items()})
        if len(entries) > LIMIT or len(sites) > LIMIT or sum(map(len, entries.values())) > BYTES_LIMIT:
            entries = {k: v for k, v in entries.items() if k in _used}  # what this process did not use is gone
            sites = {k: v for k, v in sites.items() if k in _seen}
        where, at = {}, 0
        for k, raw in entries.items():
            where[k] = (at, len(raw), hashlib.sha256(raw).digest())
            at += len(raw)
        index = marshal.dumps((where, sites))
    except ValueError:
        return
    write_whole(FILE, b"".join([HEADER, hashlib.sha256(index).digest(), len(index).to_bytes(_LENGTH, "little"),
                                index, *entries.values()]))
    _new.clear()
    _new_sites.clear()


def _site() -> Site | None:
    """Where the code that asked ``re`` for this pattern is, if it is the body of a module of
    ``LIBRARIES`` being imported (or of a class directly in it), in that module's own file: never a
    function's code, a class a function makes, or code ``exec`` runs (a review)."""
    f = sys._getframe(2)
    while f is not None and f.f_globals.get("__name__") in ("re", "functools"):
        f = f.f_back  # type: ignore[assignment]
    if f is None:
        return None
    module = f if f.f_code.co_name == "<module>" else f.f_back
    if (module is None or module.f_code.co_name != "<module>" or f.f_code.co_flags & _NEWLOCALS
            or module.f_globals is not f.f_globals):
        return None
    name, spec = f.f_globals.get("__name__"), f.f_globals.get("__spec__")
    if not (isinstance(name, str) and name.partition(".")[0] in LIBRARIES and getattr(spec, "_initializing", False)
            and f.f_code.co_filename == f.f_globals.get("__file__") == module.f_code.co_filename):
        return None
    return f.f_code.co_filename, _stamp(f.f_code.co_filename), f.f_code.co_firstlineno, f.f_lasti


_stamps: dict[str, int] = {}


def _stamp(filename: str) -> int:
    """The file's modification time (ns), once per process: a site of an edited file is a new site, so
    one marked when a pattern changed there is not marked for good (a review)."""
    stamp = _stamps.get(filename)
    if stamp is None:
        stamp = _stamps[filename] = os.stat(filename).st_mtime_ns
    return stamp


def pattern(p: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(p, flags)``, kept in the table: for a pattern joined from the package's own files
    only (word lists, label catalogs, region files), never from a handout's or a patient's words.
    Such a pattern is the same in every process, as a module body's is; a function builds it,
    so no site says so."""
    _calls.vouched = p
    try:
        return re.compile(p, flags)
    finally:
        _calls.vouched = None


def longest_first(word: str) -> tuple[int, str]:
    """Sort key for a kept pattern's alternatives: the longest first (so "mg" never cuts "mgs"
    short), then by text. Sorted by length alone, words of one length kept a set's order, which
    changes with each process's hash seed: another pattern, kept again by every process."""
    return -len(word), word


def _compile(p: Any, flags: int = 0, *more: Any, **kw: Any) -> Any:
    assert _original is not None
    site: Site | None = None
    try:  # (another Python's compiler, called with more than this one takes: its own compile)
        cacheable = type(p) is str and not (more or kw) and not flags & re.DEBUG and len(p) <= MAX_PATTERN
        vouched = getattr(_calls, "vouched", None)
        if cacheable and vouched is not None and vouched is p:  # this very object, from pattern(): not a
            return _kept(vouched, int(flags), None)  # compile a signal handler started meanwhile
        site = _site() if cacheable else None
    except Exception:  # an odd frame (no caller, a name that is no text): Python's own compile
        site = None
    if site is None:
        return _original(p, flags, *more, **kw)
    return _kept(p, int(flags), site)


def _kept(p: str, flags: int, site: Site | None) -> Any:
    """The pattern from the table, or compiled and noted; ``site`` None: vouched for by ``pattern()``."""
    global _table
    if _table is None:
        with _FIRST:  # (two threads' first patterns at once read it once: one file descriptor held)
            if _table is None:
                table, sites = _read()
                _sites.update(sites)
                _table = table
    if site is not None:
        _seen.add(site)
    asked = _sites.get(site, p) if site is not None else p
    if asked is None:  # a site whose pattern changes from process to process
        return _original(p, flags)  # type: ignore[misc]
    key = (p, flags)
    args = _table.get(key)
    if args is not None:
        try:
            if isinstance(args, _Entry):
                args = _table[key] = args.load()
            compiled = _sre.compile(p, *args)
        except Exception:  # an entry this Python cannot use: compile it as Python does
            pass
        else:
            _used.add(key)
            stats["kept"] += 1
            return compiled
    stack = _calls.__dict__.setdefault("stack", [])
    stack.append([p, None])
    try:
        compiled = _original(p, flags)  # type: ignore[misc]
    finally:
        recorded = stack.pop()[1]
    if asked != p and site is not None:  # this site asked for another pattern before: never keep what it asks for
        _sites[site] = _new_sites[site] = None
    elif recorded is not None and _sre.compile(p, *recorded) == compiled:  # what was noted makes this very
        _table[key] = _new[key] = recorded  # pattern (a profile hook's compile once filled another's note)
        if site is not None:
            _sites[site] = _new_sites[site] = p
        _used.add(key)
        stats["compiled"] += 1
    return compiled


def install() -> None:
    """Route ``re``'s compiler through the table (once per process); written at exit if new."""
    global _original
    if _compiler is None or _sre is None or _original is not None:
        return
    _original = _compiler.compile
    _compiler._sre = _Recorder(_sre)
    _compiler.compile = _compile
    atexit.register(keep_new)
