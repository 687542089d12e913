"""A model built from one of the package's own YAML files, kept once per installation, not built once per process.

In: a model class, the path of a file the package ships (a language's word list) and the model classes nested in it.
Out: what ``schema.build(cls, keptrees.load_kept(path))`` gives, equal field for field, each location too.

Building the English word list from its located tree took ~9 ms of every cold build, and the tree itself ~3 ms
more (``keptrees``); the fields it gives are plain text, numbers, lists and mappings, and rebuilding them from
what was kept takes ~1 ms.  Kept in ``$XDG_CACHE_HOME/handout/`` with ``diskcache`` (marshal, plain data, never
code; read only whole and only if this user alone could have written it), named by the SHA-256 of the file's bytes
and of what builds a model of them: the parser (``keptrees``), ``schema``, ``errors`` (a location's shape) and the
modules of the classes, as they were imported.  A file with any problem is never kept: ``build`` raises for it,
every time, with its places.  A model holding anything but plain values and the classes named (a date, a class
not named) is built each time, never kept.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any, TypeVar
from collections.abc import Iterator, Mapping

from .chars import source_digest
from .diskcache import keep, read
from .errors import Location
from .keptrees import tree_of
from .load import MAX_BYTES, read_bounded
from .schema import Located, build

FORMAT = b"model 1\0"
SOURCE = source_digest(__file__)
T = TypeVar("T", bound=Located)
_CLASS, _AT = "\0class", "\0at"  # (keys no mapping of a file has: load refuses control characters)
_PLAIN = (str, int, float, bool, type(None))


def load_model(cls: type[T], path: Path, nested: tuple[type[Located], ...] = ()) -> T:
    """``build(cls, load_kept(path))``, from the model kept for these bytes if there is one, else built and kept."""
    data = read_bounded(path, MAX_BYTES)
    file = str(path)
    classes = {c.__qualname__: c for c in (cls, *nested)}
    try:
        name = f"model-{hashlib.sha256(_maker(tuple(classes.values())) + data).hexdigest()[:32]}.marshal"
    except OSError:  # a module's source unreadable (a frozen build): built, as it would be without this
        return build(cls, tree_of(data, file))
    kept = read(name)
    if kept is not None:
        try:
            model = _rebuilt(kept, file, classes)
            if type(model) is cls:
                return model  # (its class checked just above)
        except (TypeError, ValueError, KeyError, IndexError):  # not a model of this shape: built again
            pass
    model = build(cls, tree_of(data, file))  # raises for any problem: nothing kept
    try:
        keep(name, _plain(model, file, classes))
    except TypeError:  # a value that is not plain data: built each time
        pass
    return model


@cache
def _maker(classes: tuple[type[Located], ...]) -> bytes:
    """What, besides a file's bytes, decides its model: the tree's parser, the builder, this module, a location's
    fields and each class's module, as they were imported (their ``SOURCE``: read later, a file upgraded under a
    running process would name the old code's model with the new code's digest)."""
    from . import keptrees, schema

    modules = [schema, sys.modules[__name__], *dict.fromkeys(sys.modules[c.__module__] for c in classes)]
    digests = [getattr(m, "SOURCE", b"") for m in modules]
    if not all(digests):
        raise OSError("a model's source could not be read")
    shape = ",".join(f.name for f in fields(Location)).encode()
    return hashlib.sha256(b"\0".join([FORMAT, keptrees.parser(), shape, *digests,
                                       *(c.__qualname__.encode() for c in classes)])).digest()


def _plain(value: Any, file: str, classes: dict[str, type]) -> Any:
    """A model as nested mappings (its class and places under keys no file has), tuples and plain values."""
    if isinstance(value, Located):
        if classes.get(type(value).__qualname__) is not type(value):
            raise TypeError(f"a {type(value).__qualname__} is not a class named for this model")
        at = {k: _place(loc, file) for k, loc in value.field_locs.items()}
        out = {f.name: _plain(getattr(value, f.name), file, classes) for f in fields(value)
               if f.name not in ("loc", "field_locs")}
        out[_CLASS], out[_AT] = type(value).__qualname__, (*_place(value.loc, file), at)
        return out
    if type(value) is tuple:
        return tuple(_plain(v, file, classes) for v in value)
    if type(value) is dict and all(type(k) is str and not k.startswith("\0") for k in value):
        return {k: _plain(v, file, classes) for k, v in value.items()}
    if type(value) in _PLAIN:
        return value
    raise TypeError(f"a {type(value).__name__} is not kept")


def _place(loc: Location, file: str) -> tuple[int, int]:
    if loc.file != file:  # (a place in another file: not this file's model)
        raise TypeError("a place in another file")
    return loc.line, loc.col


class _Places(Mapping[str, Location]):
    """A model's places of its fields, each made a ``Location`` when asked for: a word list has ~2,200 of them (one
    for each word), read only to say where a problem is."""

    def __init__(self, file: str, at: dict[str, tuple[int, int]]) -> None:
        self._file, self._at = file, at

    def __getitem__(self, key: str) -> Location:
        line, col = self._at[key]
        return Location(self._file, line, col)

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


def _rebuilt(kept: Any, file: str, classes: dict[str, type]) -> Any:
    if type(kept) is tuple:
        if all(type(v) in _PLAIN for v in kept):  # (a list of words: most of a word list)
            return kept
        return tuple(_rebuilt(v, file, classes) for v in kept)
    if type(kept) is not dict:
        if type(kept) not in _PLAIN:
            raise TypeError("not plain data")
        return kept
    if _CLASS not in kept:
        if all(type(v) in _PLAIN for v in kept.values()):
            return kept
        return {k: _rebuilt(v, file, classes) for k, v in kept.items()}
    cls = classes[kept[_CLASS]]
    line, col, at = kept[_AT]
    values: dict[str, Any] = {}
    for f in fields(cls):  # in the order its __init__ sets them
        if f.name == "loc":
            values["loc"] = Location(file, line, col)
        elif f.name == "field_locs":
            if type(at) is not dict or not all(type(v) is tuple and len(v) == 2 for v in at.values()):
                raise TypeError("not a model's places")
            values["field_locs"] = _Places(file, at)
        else:
            values[f.name] = _rebuilt(kept[f.name], file, classes)
    if len(values) != len(kept):  # (its fields, less the two places, plus the class and the places)
        raise ValueError("not this class's fields")
    obj: Any = object.__new__(cls)
    obj.__dict__.update(values)  # (as its frozen __init__ sets them: classcode.faster; no class has __slots__)
    return obj
