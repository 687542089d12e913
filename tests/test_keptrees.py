"""The trees kept for the package's own YAML files are exactly what parsing them gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handout import keptrees
from handout.diskcache import keep
from handout.errors import HandoutError
from handout.load import load_file
from handout.localize import CATALOG_DIR
from handout.theme import LAYOUTS_DIR
from handout.wordlists import WORDLIST_DIR

SHIPPED = sorted([*WORDLIST_DIR.glob("*.yaml"), *CATALOG_DIR.glob("*.yaml"), *LAYOUTS_DIR.glob("*.yaml")])


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The files parsed (not rebuilt from what was kept)."""
    seen: list[str] = []
    real = keptrees.load_bytes
    monkeypatch.setattr(keptrees, "load_bytes", lambda data, file: seen.append(Path(file).name) or real(data, file))
    return seen


def test_every_shipped_file_s_kept_tree_is_its_parse(cache: Path, parses: list[str]) -> None:
    assert {p.parent.name for p in SHIPPED} == {"wordlists", "catalogs", "layouts"}
    first = [keptrees.load_kept(p) for p in SHIPPED]
    assert len(parses) == len(SHIPPED) and len(list(cache.glob("tree-*.marshal"))) == len(set(map(Path.read_bytes,
                                                                                                    SHIPPED)))
    parses.clear()
    again = [keptrees.load_kept(p) for p in SHIPPED]
    assert parses == []  # each rebuilt from what was kept
    assert again == first == [load_file(p) for p in SHIPPED]  # text, tags, quoting and every location


def test_the_locations_name_the_file_as_it_is_asked_for(cache: Path, tmp_path: Path, parses: list[str]) -> None:
    """The same bytes elsewhere (a clinic's copy of a theme): one kept tree, each file's own name in its errors."""
    copy = tmp_path / "mine.yaml"
    shutil.copy(LAYOUTS_DIR / "default.yaml", copy)
    keptrees.load_kept(LAYOUTS_DIR / "default.yaml")
    tree = keptrees.load_kept(copy)
    assert parses == ["default.yaml"]
    assert tree == load_file(copy) and tree.loc.file == str(copy)


def test_a_file_with_a_problem_raises_every_time_and_nothing_is_kept(cache: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: one\ntitle: two\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(HandoutError) as exc:
            keptrees.load_kept(bad)
        assert [str(f.location) for f in exc.value.findings] == [f"{bad}:2:1"]
    assert not list(cache.glob("tree-*"))


def test_what_is_kept_in_another_shape_or_for_other_code_is_parsed_again(cache: Path, parses: list[str],
                                                                          monkeypatch) -> None:
    path = WORDLIST_DIR / "en.yaml"
    tree = keptrees.load_kept(path)
    (kept,) = cache.glob("tree-*.marshal")
    keep(kept.name, ("not", "a tree"))  # whole and ours, but no tree
    parses.clear()
    assert keptrees.load_kept(path) == tree and parses == ["en.yaml"]
    assert keptrees.load_kept(path) == tree and parses == ["en.yaml"]  # kept again, as parsed
    # Another load or chars (how text is normalised and checked, as imported), or another PyYAML: another name
    from handout import load

    monkeypatch.setattr(load, "SOURCE", bytes(32))
    keptrees.parser.cache_clear()
    try:
        assert keptrees.load_kept(path) == tree and parses == ["en.yaml", "en.yaml"]
        monkeypatch.setattr(load, "SOURCE", b"")  # unreadable: parsed each time, nothing kept
        keptrees.parser.cache_clear()
        kept_before = sorted(cache.glob("tree-*"))
        assert keptrees.load_kept(path) == tree and keptrees.load_kept(path) == tree
        assert parses == ["en.yaml"] * 4 and sorted(cache.glob("tree-*")) == kept_before
    finally:
        monkeypatch.undo()
        keptrees.parser.cache_clear()


def test_the_parser_is_named_by_its_source_as_imported() -> None:
    """A review: the digest was of the files on disk when the first tree was asked for, so an upgrade
    under a running process named the old code's tree with the new code's name, for good."""
    import hashlib

    from handout import chars, load

    assert load.SOURCE == hashlib.sha256(Path(load.__file__).read_bytes()).digest()
    assert chars.SOURCE == hashlib.sha256(Path(chars.__file__).read_bytes()).digest()
