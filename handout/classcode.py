"""The methods ``dataclasses`` writes for handout's classes, compiled once per installation.

Python 3.11's ``dataclasses`` writes each class's ``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__`` and ``__delattr__`` as source text and compiles it with ``exec``:
about 0.45 ms a frozen class.  A one-PDF build imports about 80 of them, so compiling their
methods was 35 ms of a 240 ms cold build, its largest single part (Issue 17).  The text is fixed
by the class definition, and so is the code compiled from it.

``install`` gives the ``dataclasses`` module an ``exec`` of its own (a module global shadows the
builtin for that module only).  For a class of a ``handout`` module it looks the text up in a
table of code compiled earlier, and compiles (exactly as ``exec`` would: same file name, no
inherited ``__future__`` flags) only text it has not seen; it then runs the code as ``exec``
would.  Any other text, or a caller that passes code, goes to the builtin unchanged.

The table is kept beside the package's own bytecode (``handout/__pycache__/``, or under
``sys.pycache_prefix``): Python already runs the code it finds there, so the table adds no new
place that code is read from, and it is written under Python's own rule for bytecode (not when
``sys.dont_write_bytecode``, nothing if the folder is read-only).  A table written by another
Python (magic number, optimisation level) or unreadable is ignored; it is rewritten whole, at
exit, only when a process compiled something new.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import importlib.util
import marshal
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from .diskcache import write_whole

# The table is valid for one bytecode format and one optimisation level (-O drops asserts).
HEADER = importlib.util.MAGIC_NUMBER + b"O%d\n" % sys.flags.optimize
# The file the table is read from and written to (a test may point it elsewhere first).
FILE = Path(importlib.util.cache_from_source(__file__)).with_name(f"classcode.{sys.implementation.cache_tag}.table")

_table: dict[str, CodeType] | None = None  # read on the first class, not at import
_new: dict[str, CodeType] = {}
_used: set[str] = set()  # the texts this process ran
# More entries than this (the package has ~420) are classes edited since: the table is then
# rewritten with only what this process used, so it never grows without bound.
LIMIT = 2000
stats = {"kept": 0, "compiled": 0}  # what this process did, for tests and benchmarks


def _read() -> dict[str, CodeType]:
    try:
        blob = FILE.read_bytes()
        if blob.startswith(HEADER):
            table = marshal.loads(memoryview(blob)[len(HEADER):])
            if isinstance(table, dict):
                return table
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return {}


def _write() -> None:
    """Keep what this process compiled, with what the table held, whole or not at all."""
    if not _new or sys.dont_write_bytecode:
        return
    table = {**_read(), **_new}
    if len(table) > LIMIT:
        table = {k: v for k, v in table.items() if k in _used}
    try:
        blob = HEADER + marshal.dumps(table)
    except ValueError:
        return
    write_whole(FILE, blob)  # whole or absent, even with several processes ending at once
    _new.clear()


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:
    """``exec`` for ``dataclasses``: a handout class's method text runs from the table."""
    module = globals.get("__name__", "") if isinstance(globals, dict) else ""
    if not (isinstance(source, str) and isinstance(module, str) and module.partition(".")[0] == "handout"):
        builtins.exec(source, globals, locals)
        return
    global _table
    if _table is None:
        _table = _read()
    code = _table.get(source)
    _used.add(source)
    if code is None:
        # What exec(str) does in dataclasses: file name '<string>', and the flags of a module
        # with no __future__ imports (dont_inherit: not this module's `annotations`).
        code = _table[source] = _new[source] = compile(source, "<string>", "exec", dont_inherit=True)
        stats["compiled"] += 1
        if len(_new) == 1:
            atexit.register(_write)
    else:
        stats["kept"] += 1
    builtins.exec(code, globals, locals)


def install() -> None:
    """Route ``dataclasses``' ``exec`` through the table (once per process)."""
    if getattr(dataclasses, "exec", None) is not _exec:
        dataclasses.exec = _exec  # type: ignore[attr-defined]
