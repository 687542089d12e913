"""JSON with positions: text in, the parsed value and the line and column of every value out.

``json`` says where a syntax error is but not where a value was written, and a problem with a
prescription must be reported at its line (``FILE:LINE:COL``) like a problem with the content
files.  This is a small recursive-descent reader that agrees with ``json.loads`` on the value
and records, for each path (``("dosageInstruction", 0, "timing")``), where its value starts.
"""

from __future__ import annotations

import bisect
import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, but untyped in typeshed
from typing import Any

from .errors import Collector, HandoutError, Location

Path = tuple[str | int, ...]
_WS = re.compile(r"[ \t\n\r]*")


def _ws(s: str, i: int) -> int:
    """The index after the white space at ``i`` (none: ``i``)."""
    m = _WS.match(s, i)
    assert m is not None  # the pattern matches the empty string
    return m.end()
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}
_DEPTH = 64  # a prescription is a few levels deep; 100,000 '[' was a RecursionError traceback


class Positions:
    """Where each value of a JSON document was written."""

    def __init__(self, text: str, file: str) -> None:
        self.text, self.file = text, file
        self.starts: dict[Path, int] = {}
        self._lines = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, path: Path) -> Location:
        """The location of the value at ``path``, or of its nearest written parent."""
        while path not in self.starts and path:
            path = path[:-1]
        return self.location(self.starts.get(path, 0))

    def location(self, offset: int) -> Location:
        line = bisect.bisect_right(self._lines, offset)
        return Location(self.file, line, offset - self._lines[line - 1] + 1)


def path_text(path: Path) -> str:
    """("dosageInstruction", 0, "timing") -> "dosageInstruction[0].timing"."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def load(text: str, file: str) -> tuple[Any, Positions]:
    """Parse ``text``; a syntax error is a ``HandoutError`` at its line and column."""
    pos = Positions(text, file)
    try:
        json.loads(text)  # the standard reader decides what is valid JSON and words the error
    except json.JSONDecodeError as exc:
        raise HandoutError.single(Location(file, exc.lineno, exc.colno), "", f"not valid JSON: {exc.msg}") from None
    except RecursionError:  # 100,000 '[' (the reader below stops at _DEPTH, where it can say where)
        raise HandoutError.single(Location(file, 1, 1), "", f"not valid JSON: nested more than {_DEPTH} levels "
                                  "deep") from None
    c = Collector()
    value, _ = _value(text, _ws(text, 0), (), pos, c)
    c.raise_if_errors()
    return value, pos


def _value(s: str, i: int, path: Path, pos: Positions, c: Collector) -> tuple[Any, int]:
    pos.starts[path] = i
    ch = s[i]
    if ch in "[{" and len(path) >= _DEPTH:  # (a scan of the whole text first took 56 s on 128 KB: a review)
        raise HandoutError.single(pos.location(i), path_text(path), f"not valid JSON: nested more than {_DEPTH} "
                                  "levels deep")
    if ch == "{":
        obj: dict[str, Any] = {}
        i = _ws(s, i + 1)
        if s[i] == "}":
            return obj, i + 1
        while True:
            at = i
            key, i = scanstring(s, i + 1)
            i = _ws(s, i) + 1  # the colon
            i = _ws(s, i)
            if key in obj:  # json.loads keeps the last: a request naming two doses printed one of them
                first = pos.at(path + (key,))
                c.error(pos.location(at), path_text(path + (key,)), f"'{key}' is given twice (first at line "
                        f"{first.line}; expected each key once)")
            obj[key], i = _value(s, i, path + (key,), pos, c)
            i = _ws(s, i)
            if s[i] == "}":
                return obj, i + 1
            i = _ws(s, i + 1)  # the comma
    if ch == "[":
        arr: list[Any] = []
        i = _ws(s, i + 1)
        if s[i] == "]":
            return arr, i + 1
        while True:
            item, i = _value(s, i, path + (len(arr),), pos, c)
            arr.append(item)
            i = _ws(s, i)
            if s[i] == "]":
                return arr, i + 1
            i = _ws(s, i + 1)
    if ch == '"':
        return scanstring(s, i + 1)
    for word, val in _LITERALS.items():
        if s.startswith(word, i):
            return val, i + len(word)
    m = _NUMBER.match(s, i)
    if m is None:  # json.loads accepts NaN and Infinity, which JSON does not
        bad = re.match(r"-?\w+", s[i:])
        c.error(pos.location(i), path_text(path), f"not valid JSON: {bad.group() if bad else s[i]!r} is not a "
                "number (expected digits)")
        return None, i + (bad.end() if bad else 1)
    text = m.group()
    return (float(text) if any(x in text for x in ".eE") else int(text)), m.end()
