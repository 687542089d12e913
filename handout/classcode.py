"""The methods ``dataclasses`` writes for handout's classes, compiled once per installation.

Python 3.11's ``dataclasses`` writes each class's ``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__`` and ``__delattr__`` as source text and compiles it with ``exec``:
about 0.45 ms a frozen class.  A one-PDF build imports about 80 of them, so compiling their
methods was 35 ms of a 240 ms cold build, its largest single part (Issue 17).  The text is fixed
by the class definition, and so is the code compiled from it.

``install`` gives the ``dataclasses`` module an ``exec`` of its own (a module global shadows the
builtin for that module only).  For a class of a ``handout`` module it looks the text up in a
table of code compiled earlier, and compiles only text it has not seen, exactly as ``exec`` would
(the file name '<string>', the calling code's ``__future__`` flags, never this module's); it then
runs the code as ``exec`` would.  Any other class's text is compiled the same way and not kept.

The table is kept beside the package's own bytecode (``handout/__pycache__/``, or under
``sys.pycache_prefix``): Python already runs the code it finds there, so the table adds no new
place that code is read from, and it is written under Python's own rule for bytecode (not when
``sys.dont_write_bytecode``, nothing if the folder is read-only).  A table written by another
Python (magic number, optimisation level) or unreadable is ignored; it is rewritten whole, at
exit, only when a process compiled something new.

A frozen class's ``__init__`` sets its fields at once (``faster``): ``dataclasses`` writes one
``object.__setattr__`` call a field, and a batch makes ~2,300 frozen objects a handout (a place in
the file for each value read, a span for each piece of text, an item for each line drawn): a span
of nine fields took 1.0 µs, set at once 0.5 µs, ~0.8 ms of a new handout in all.  What
``object.__setattr__`` does for a field, where the class has no data descriptor of its name (a
field's class attribute is its default, a plain value), is to store it in the instance's
``__dict__``: ``__dict__.update`` stores the same values, in the same order, evaluated in the same
order.  A class with ``__slots__`` has no ``__dict__``: the package has none (a test says so).
Text in any other shape (another Python's ``dataclasses``) is compiled as it is.
"""

from __future__ import annotations

import __future__
import atexit
import builtins
import dataclasses
import importlib.util
import marshal
import re
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from .diskcache import write_whole

# The table is valid for one bytecode format and one optimisation level (-O drops asserts).
HEADER = importlib.util.MAGIC_NUMBER + b"O%d\nfaster 1\n" % sys.flags.optimize  # (and the code ``faster`` writes)


def _where() -> Path | None:
    try:
        pyc = Path(importlib.util.cache_from_source(__file__))
    except NotImplementedError:  # an interpreter that keeps no bytecode files: keep nothing either
        return None
    return pyc.with_name(f"classcode.{sys.implementation.cache_tag}.table")


FILE = _where()  # the table's file (a test may point it elsewhere before the first class)

_table: dict[str, CodeType] | None = None  # read on the first class, not at import
_new: dict[str, CodeType] = {}
_used: set[str] = set()  # the texts this process ran
# More entries than this (the package has ~420) are classes edited since: the table is then
# rewritten with only what this process used, so it never grows without bound.
LIMIT = 2000
stats = {"kept": 0, "compiled": 0}  # what this process did, for tests and benchmarks


_SET = re.compile(r"  __dataclass_builtins_object__\.__setattr__\(self,'(\w+)',(.+)\)")


def faster(source: str) -> str:
    """The text ``dataclasses`` wrote for a frozen class's ``__init__`` (its lines
    ``__dataclass_builtins_object__.__setattr__(self,'name',value)``, one a field, in a row) with
    those lines as one ``self.__dict__.update({'name':value, …})``; any other text as it is."""
    lines = source.split("\n")
    sets = [(i, m.groups()) for i, line in enumerate(lines) if (m := _SET.fullmatch(line))]
    if not sets or [i for i, _ in sets] != list(range(sets[0][0], sets[-1][0] + 1)):
        return source
    first, last = sets[0][0], sets[-1][0]
    joined = "  self.__dict__.update({" + ",".join(f"'{name}':{value}" for _, (name, value) in sets) + "})"
    return "\n".join([*lines[:first], joined, *lines[last + 1:]])


def _read() -> dict[str, CodeType]:
    if FILE is None:
        return {}
    try:
        blob = FILE.read_bytes()
        if blob.startswith(HEADER):
            table = marshal.loads(memoryview(blob)[len(HEADER):])
            if isinstance(table, dict):  # only code under text keys: anything else is not a table entry
                return {k: v for k, v in table.items() if isinstance(k, str) and isinstance(v, CodeType)}
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return {}


def keep_new() -> None:
    """Keep what this process compiled, with what the table held, whole or not at all."""
    if not _new or sys.dont_write_bytecode or FILE is None:
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


# The __future__ flags exec(str) passes on from the code calling it (CO_FUTURE_* in co_flags are
# the compiler's own flags): this module's `annotations` must never reach what it compiles.
_FUTURE = 0
for _name in __future__.all_feature_names:
    _FUTURE |= getattr(__future__, _name).compiler_flag


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:
    """``exec`` for ``dataclasses``: a handout class's method text runs from the table; any other
    text is compiled exactly as the builtin would compile it for its caller."""
    if not isinstance(source, str):
        builtins.exec(source, globals, locals)
        return
    # exec(str) compiles with the file name '<string>' and its caller's __future__ flags (the
    # caller is dataclasses, which has none today); so does this, whatever this module imports.
    flags = sys._getframe(1).f_code.co_flags & _FUTURE
    module = globals.get("__name__", "") if isinstance(globals, dict) else ""
    if not (isinstance(module, str) and module.partition(".")[0] == "handout"):
        builtins.exec(compile(source, "<string>", "exec", flags=flags, dont_inherit=True), globals, locals)
        return
    global _table
    if _table is None:
        _table = _read()
    key = f"{flags:x}\n{source}"
    code = _table.get(key)
    _used.add(key)
    if code is None:
        code = _table[key] = _new[key] = compile(faster(source), "<string>", "exec", flags=flags, dont_inherit=True)
        stats["compiled"] += 1
    else:
        stats["kept"] += 1
    builtins.exec(code, globals, locals)


def install() -> None:
    """Route ``dataclasses``' ``exec`` through the table (once per process); the table is written at
    exit if the process compiled anything new."""
    if getattr(dataclasses, "exec", None) is not _exec:
        dataclasses.exec = _exec  # type: ignore[attr-defined]
        atexit.register(keep_new)
