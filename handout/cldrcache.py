"""Babel's CLDR data for a language, merged once per installation rather than once per process.

Babel keeps a locale's data as a pickle holding only what differs from its parent, and the first
use of a locale in a process loads its chain ('root', 'en', then 'en_US') and merges them: ~15-20 ms
of every cold build for English, more for a translation (its own locale and the source's), where
reading the merged result back takes ~5.  ``prime`` puts babel's own merge of a language,
kept in ``$XDG_CACHE_HOME/handout/`` (``diskcache``: marshal, plain data, never code), into
babel's process cache (``babel.localedata._cache``) before babel needs it: the locale a build
formats with, its whole chain merged, so babel loads none of its parents.

Marshal keeps only plain data, and babel's data holds four kinds of objects of its own (a
reference to another part of the data, a date pattern, a number pattern, a plural rule).  Each
is kept as its place in the data, its class's name and the state pickle would keep for it, and
is made again as pickle makes it (a new instance of that class, given that state): only those
four classes, never anything a file names.  The file is named by the hash of babel's version, of
the locale and of its own data file's bytes (its parents' come with babel's version), so it holds
what babel would merge now.  Anything
unexpected (another babel, a kind of object not among the four, no cache folder) leaves babel to
load the language itself; the numbers, dates and plurals printed are the same either way.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

from .diskcache import keep, read


def _classes() -> dict[str, type]:
    from babel.dates import DateTimePattern
    from babel.localedata import Alias
    from babel.numbers import NumberPattern
    from babel.plural import PluralRule

    return {c.__name__: c for c in (Alias, DateTimePattern, NumberPattern, PluralRule)}


def prime(tag: str | None) -> bool:
    """Load locale ``tag`` ('en_US', the catalogs' ``format_locale``) into babel's process cache from
    the merge of its whole chain (root, en, en_US) kept on disk (True), or let babel load it and keep
    its merge for the next process (False).  A build asks babel for that locale alone: its parents
    are never loaded then (merging 'en_US' onto 'en' was 4.5 ms of a cold build more)."""
    if not tag:
        return False
    try:
        from babel import __version__, localedata

        name = tag.replace("-", "_")
        if name in localedata._cache or name == "root" or not localedata.exists(name):
            return name in localedata._cache
        data = Path(localedata.resolve_locale_filename(name)).read_bytes()
        key = hashlib.sha256(f"{__version__}\0{name}\0{sys.version_info[:2]}\0".encode() + data).hexdigest()[:32]
        kept = read(f"cldr-{key}.marshal")
        merged = _rebuilt(kept) if kept is not None else None
        if merged is None:
            keep(f"cldr-{key}.marshal", _plain(localedata.load(name)))
            return False
        with localedata._cache_lock:  # the web page builds in threads; babel loads under this lock
            localedata._cache.setdefault(name, merged)
        return True
    except Exception:  # an unknown babel, an object of a new kind: babel loads the language itself
        return False


class _Unknown(Exception):
    """An object in the data that is not one of the four kinds kept."""


def _plain(data: dict) -> tuple[Any, list[tuple[tuple, str, Any]]]:
    """(the data with each object's place empty, [(place, class name, state)]) for marshal."""
    classes = _classes()
    objects: list[tuple[tuple, str, Any]] = []

    def plain(value: Any, place: tuple) -> Any:
        if value is None or isinstance(value, (str, int, float)):
            return value
        if isinstance(value, dict):
            return {k: plain(v, (*place, k)) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(plain(v, (*place, i)) for i, v in enumerate(value))
        cls = classes.get(type(value).__name__)
        if cls is not type(value):
            raise _Unknown(type(value).__qualname__)
        objects.append((place, cls.__name__, value.__reduce_ex__(2)[2]))  # the state pickle keeps
        return None

    return plain(data, ()), objects


def _rebuilt(kept: object) -> dict | None:
    """The data ``_plain`` gave, its objects made again as pickle makes them; None if it is not that."""
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], dict) and isinstance(kept[1], list)):
        return None
    data, objects = kept
    classes = _classes()
    for place, name, state in objects:
        cls = classes[name]  # KeyError for any other name: the caller lets babel load the language
        obj: Any = object.__new__(cls)  # as pickle makes it: no __init__ runs
        if hasattr(cls, "__setstate__") and "__setstate__" in vars(cls):
            obj.__setstate__(state)
        else:
            obj.__dict__.update(state)
        data = _put(data, place, obj)
    return data


def _put(node: Any, place: tuple, value: Any) -> Any:
    """``node`` with ``value`` at ``place`` (a tuple on the way is made anew; a dict or list is changed)."""
    key, rest = place[0], place[1:]
    new = _put(node[key], rest, value) if rest else value
    if isinstance(node, tuple):
        return (*node[:key], new, *node[key + 1:])
    node[key] = new
    return node
