"""Babel's locale data kept on disk (``cldrcache``) is exactly babel's own merge, and only babel's
four kinds of objects are ever made from a kept file."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from babel import Locale, localedata
from babel.dates import format_date
from babel.numbers import format_decimal

from handout import cldrcache, diskcache
from handout.langs import CATALOG_DIR
from handout.localize import load_labels

# The locales of every shipped catalog: what a build formats with.
TAGS = sorted({load_labels(p.stem)("format_locale") for p in CATALOG_DIR.glob("*.yaml")})


def _canon(value: Any) -> Any:
    """The data with each babel object as (its class, the state pickle keeps for it)."""
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_canon(v) for v in value)
    if value is None or isinstance(value, (str, int, float)):
        return value
    return ("object", type(value).__module__, type(value).__name__, _canon(value.__reduce_ex__(2)[2]))


@pytest.fixture
def babel_cache(tmp_path, monkeypatch):
    """A cache folder of the test's own, and babel's process cache as it was, afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    saved = dict(localedata._cache)
    yield tmp_path / "handout"
    localedata._cache.clear()
    localedata._cache.update(saved)


def _formatted(tag: str) -> tuple:
    return (format_decimal(1234.5, locale=tag), format_date(datetime.date(2027, 3, 9), format="long", locale=tag),
            [Locale.parse(tag).plural_form(n) for n in range(30)])


def _forget(name: str) -> None:
    for key in [k for k in localedata._cache if k == name or k.startswith(f"{name}_")]:
        del localedata._cache[key]


@pytest.mark.parametrize("tag", TAGS)
def test_a_locale_read_back_is_babels_own_merge(tag, babel_cache):
    name = tag
    _forget(name.split("_")[0])
    own = localedata.load(name)  # babel's merge, as every process made it before
    expected = _formatted(tag)
    _forget(name.split("_")[0])
    assert cldrcache.prime(tag) is False  # merged by babel, and kept
    assert [p.name for p in babel_cache.glob("cldr-*.marshal")]
    _forget(name.split("_")[0])
    assert cldrcache.prime(tag) is True  # read back
    assert _canon(localedata._cache[name]) == _canon(own)
    assert _formatted(tag) == expected
    assert cldrcache.prime(tag) is True  # already in the process


def test_a_damaged_file_or_one_naming_another_class_is_never_used(babel_cache):
    _forget("en")
    own = _canon(localedata.load("en_US"))
    _forget("en")
    assert cldrcache.prime("en_US") is False
    (kept,) = babel_cache.glob("cldr-*.marshal")

    kept.write_bytes(b"\x00not marshal")  # damaged: babel merges it again
    _forget("en")
    assert cldrcache.prime("en_US") is False and _canon(localedata._cache["en_US"]) == own

    # Whole and this user's, but naming a class that is not one of babel's four (as a planted file
    # would, to make an object that runs code): nothing of it is made, and babel loads the language.
    plain, objects = cldrcache._plain(localedata.load("en_US"))
    diskcache.keep(kept.name, (plain, [*objects, (("number_symbols",), "Locale", {"language": "xx"})]))
    _forget("en")
    assert cldrcache.prime("en_US") is False and "en_US" not in localedata._cache
    assert _canon(localedata.load("en_US")) == own
    assert not list(babel_cache.glob(".*.tmp"))


def test_a_locale_babel_does_not_know_is_left_alone(babel_cache):
    assert cldrcache.prime("xx_YY") is False and "xx_YY" not in localedata._cache
    assert cldrcache.prime(None) is False and cldrcache.prime("") is False
