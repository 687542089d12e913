"""The regular expressions written in modules' and classes' bodies, compiled once per installation.

CPython compiles every pattern again in every process: a cold one-PDF build compiled about 150,
30 ms of its 190 ms (Issue 17), most of it at import (ReportLab's list of unsafe names, 6 ms;
PyYAML's printable characters, 4.5 ms).  What ``re`` makes of a pattern is fixed by the pattern,
its flags and the Python that compiles it.

``install`` gives ``re._compiler`` a ``compile`` of its own.  For a text pattern compiled by a
module's or a class's body as it is imported (code, never data: a pattern made at run time from a
patient's words is never kept) it looks up the arguments ``_sre.compile`` was given the last time
and hands them to ``_sre.compile`` again, exactly as ``re._compiler.compile`` would; any other
pattern is compiled as Python compiles it.  The arguments are recorded as ``re`` passes them, by
standing in for ``_sre`` in ``re._compiler`` (no part of ``re``'s compiler is copied here).

The table is kept beside the package's bytecode, under Python's own rule for bytecode, as
``classcode``'s is (it says why): valid for one Python build (its version string and the
regular expression engine's magic number), rewritten whole at exit only when a process compiled
something new, and ignored when unreadable.
"""

from __future__ import annotations

import atexit
import importlib.util
import marshal
import re
import sys
import threading
from pathlib import Path
from typing import Any

from .diskcache import write_whole

_compiler: Any = getattr(re, "_compiler", None)  # Python 3.11+; else nothing is installed
_sre: Any = getattr(_compiler, "_sre", None)
HEADER = f"{sys.version}\n{getattr(_sre, 'MAGIC', '')}\nO{sys.flags.optimize}\n".encode()
_NEWLOCALS = 0x0002  # inspect.CO_NEWLOCALS: set on a function's code, not on a module's or a class's body


def _where() -> Path | None:
    try:
        pyc = Path(importlib.util.cache_from_source(__file__))
    except NotImplementedError:
        return None
    return pyc.with_name(f"recache.{sys.implementation.cache_tag}.table")


FILE = _where()  # a test may point it elsewhere before the first pattern
LIMIT = 2000  # patterns; more are patterns edited away since: rewritten with only those used
Key = tuple[str, int]  # (pattern, flags)
Site = tuple[str, int]  # (file, line) of the code that asked for it
_table: dict[Key, tuple] | None = None  # read on the first pattern
# The pattern each site asked for; None for a site that asked for another in another process: a
# pattern joined from a set ("|".join(UNSAFE_NAMES) in ReportLab, babel's spaces) is in another order
# in each process (hash randomisation), so it is never kept and never rewrites the table.
_sites: dict[Site, str | None] = {}
_new: dict[Key, tuple] = {}
_new_sites: dict[Site, str | None] = {}
_used: set[Key] = set()
stats = {"kept": 0, "compiled": 0}
_original = None  # re._compiler.compile as Python has it
_last = threading.local()  # the arguments _sre.compile was last given, per thread


class _Recorder:
    """Stands in for ``_sre`` in ``re._compiler``: notes what ``compile`` is given, and is ``_sre``
    for everything else."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def compile(self, pattern: Any, *args: Any) -> Any:
        _last.args = tuple(_plain(a) for a in args)
        return self._real.compile(pattern, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _plain(value: Any) -> Any:
    """The value as marshal keeps it: re's flags and opcodes are int subclasses (``RegexFlag``,
    ``_NamedIntConstant``), and their int is all ``_sre`` reads."""
    if isinstance(value, int):
        return int(value)
    if isinstance(value, list):
        return [int(v) for v in value]  # the program: ints only
    return value


def _read() -> tuple[dict[Key, tuple], dict[Site, str | None]]:
    if FILE is None:
        return {}, {}
    try:
        blob = FILE.read_bytes()
        if blob.startswith(HEADER):
            table, sites = marshal.loads(memoryview(blob)[len(HEADER):])
            if isinstance(table, dict) and isinstance(sites, dict):
                return ({k: v for k, v in table.items() if isinstance(k, tuple) and isinstance(v, tuple)},
                        {k: v for k, v in sites.items() if isinstance(k, tuple) and (v is None or isinstance(v, str))})
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return {}, {}


def _write() -> None:
    if not (_new or _new_sites) or sys.dont_write_bytecode or FILE is None:
        return
    table, sites = _read()
    table.update(_new)
    sites.update(_new_sites)
    if len(table) > LIMIT:
        table = {k: v for k, v in table.items() if k in _used}
        kept = {pattern for pattern, _ in table}
        sites = {k: v for k, v in sites.items() if v is None or v in kept}
    try:
        blob = HEADER + marshal.dumps((table, sites))
    except ValueError:
        return
    write_whole(FILE, blob)
    _new.clear()
    _new_sites.clear()


def _site() -> Site | None:
    """Where the code that asked ``re`` for this pattern is, if it is a module's or a class's body."""
    f = sys._getframe(2)
    while f is not None and f.f_globals.get("__name__", "").partition(".")[0] in ("re", "functools"):
        f = f.f_back  # type: ignore[assignment]
    return None if f is None or f.f_code.co_flags & _NEWLOCALS else (f.f_code.co_filename, f.f_lineno)


def _compile(p: Any, flags: int = 0) -> Any:
    assert _original is not None
    site = _site() if type(p) is str and not flags & re.DEBUG else None
    if site is None:
        return _original(p, flags)
    global _table
    if _table is None:
        _table, sites = _read()
        _sites.update(sites)
    asked = _sites.get(site, p)
    if asked is None:  # a site whose pattern changes from process to process
        return _original(p, flags)
    key = (p, int(flags))
    args = _table.get(key)
    if args is not None:
        try:
            compiled = _sre.compile(p, *args)
        except Exception:  # an entry this Python cannot use: compile it as Python does
            pass
        else:
            _used.add(key)
            stats["kept"] += 1
            return compiled
    _last.args = None
    compiled = _original(p, flags)
    if asked != p:  # this site asked for another pattern before: never keep what it asks for
        _sites[site] = _new_sites[site] = None
    elif _last.args is not None:
        _table[key] = _new[key] = _last.args
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
    atexit.register(_write)
