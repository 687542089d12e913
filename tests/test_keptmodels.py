"""The models kept for the package's own word lists are exactly what building them gives."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest

from handout import keptmodels, wordlists
from handout.diskcache import keep
from handout.errors import HandoutError
from handout.keptrees import load_kept
from handout.schema import Located, build
from handout.wordlists import WORDLIST_DIR, Term, WordList

SHIPPED = sorted(WORDLIST_DIR.glob("*.yaml"))


@pytest.fixture
def builds(monkeypatch) -> list[str]:
    """The files built (not rebuilt from what was kept)."""
    seen: list[str] = []
    real = keptmodels.build
    monkeypatch.setattr(keptmodels, "build", lambda cls, node: seen.append(Path(node.loc.file).name) or real(cls, node))
    return seen


def _whole(value: Any) -> Any:
    """A model with every place in it, field for field (a model's equality leaves its places out)."""
    if isinstance(value, Located):
        return (type(value), value.loc, dict(value.field_locs),
                {f.name: _whole(getattr(value, f.name)) for f in dataclasses.fields(value)
                 if f.name not in ("loc", "field_locs")})
    if isinstance(value, tuple):
        return tuple(_whole(v) for v in value)
    if isinstance(value, dict):
        return {k: _whole(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_kept_word_list_is_its_build_with_every_place(cache: Path, builds: list[str], path: Path) -> None:
    first = keptmodels.load_model(WordList, path, (Term,))
    assert builds == [path.name] and len(list(cache.glob("model-*.marshal"))) == 1
    again = keptmodels.load_model(WordList, path, (Term,))
    assert builds == [path.name]  # rebuilt from what was kept
    made = build(WordList, load_kept(path))
    assert again == first == made
    assert _whole(again) == _whole(made)  # every word, every term's places, every field's place
    assert again.jargon and all(type(t) is Term for t in again.jargon)
    assert again.where("negations") == made.where("negations") and again.where("negations").line > 0
    assert dataclasses.replace(again, negations=("x",)).negations == ("x",)  # a model as any other: frozen, replaceable
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.negations = ()  # type: ignore[misc]


def test_the_kept_word_list_is_the_one_the_checks_read() -> None:
    """``wordlists.load`` gives the kept model: equal to a build of the file, with its derived patterns."""
    words = wordlists.load("en")
    assert words is not None and words == build(WordList, load_kept(SHIPPED[[p.stem for p in SHIPPED].index("en")]))
    assert words.stops is not None and words.stops.search("Stop it at once")


def test_what_is_not_a_model_of_this_shape_is_built_again(cache: Path, builds: list[str]) -> None:
    path = WORDLIST_DIR / "en.yaml"
    keptmodels.load_model(WordList, path, (Term,))
    (name,) = [p.name for p in cache.glob("model-*.marshal")]
    for damaged in ({"\0class": "WordList"}, ("a", "b"), {"\0class": "Nothing", "\0at": (1, 1, {})}, 42):
        keep(name, damaged)
        builds.clear()
        model = keptmodels.load_model(WordList, path, (Term,))
        assert builds == ["en.yaml"] and _whole(model) == _whole(build(WordList, load_kept(path)))


def test_a_changed_module_names_another_model(cache: Path, builds: list[str], monkeypatch) -> None:
    """The word list's code changed (a field added, a default changed): the kept model is not read."""
    path = WORDLIST_DIR / "fr.yaml"
    keptmodels.load_model(WordList, path, (Term,))
    monkeypatch.setattr(wordlists, "SOURCE", b"another version")
    keptmodels._maker.cache_clear()
    try:
        builds.clear()
        keptmodels.load_model(WordList, path, (Term,))
        assert builds == ["fr.yaml"] and len(list(cache.glob("model-*.marshal"))) == 2
    finally:
        monkeypatch.undo()
        keptmodels._maker.cache_clear()


def test_a_word_list_with_a_problem_raises_every_time_and_nothing_is_kept(cache: Path, tmp_path: Path) -> None:
    bad = tmp_path / "en.yaml"
    shutil.copy(WORDLIST_DIR / "en.yaml", bad)
    bad.write_text(bad.read_text(encoding="utf-8") + "negations: not a list\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(HandoutError) as e:
            keptmodels.load_model(WordList, bad, (Term,))
        assert str(bad) in str(e.value)
    assert not list(cache.glob("model-*.marshal"))


def test_a_model_holding_a_class_not_named_is_built_each_time(cache: Path, builds: list[str]) -> None:
    path = WORDLIST_DIR / "es.yaml"
    for _ in range(2):
        model = keptmodels.load_model(WordList, path)  # (Term not named: its terms are not plain data)
        assert model.jargon and type(model.jargon[0]) is Term
    assert builds == ["es.yaml", "es.yaml"] and not list(cache.glob("model-*.marshal"))
