"""The package's own files are hashed once per installation (``fingerprint._package_shas``), and an edit
is never missed: a PDF left "unchanged" after its code or font changed would be a stale handout."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import edit


@pytest.fixture
def package(tmp_path: Path, monkeypatch) -> Path:
    from handout import fingerprint as fp

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    copy = tmp_path / "handout"
    shutil.copytree(fp.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("fonts", "__pycache__"))
    monkeypatch.setattr(fp, "PACKAGE_DIR", copy)
    fp._static_fingerprint.cache_clear()
    yield copy
    fp._static_fingerprint.cache_clear()


def _fingerprint() -> str:
    from handout import fingerprint as fp

    fp._static_fingerprint.cache_clear()
    return fp._static_fingerprint()


def test_a_settled_file_is_hashed_once_and_an_edit_of_the_same_size_is_seen(package: Path, monkeypatch) -> None:
    from handout import fingerprint as fp

    monkeypatch.setattr(fp, "SETTLED_NS", -1)  # (the copy was just written: kept at once here)
    hashed: list[Path] = []
    real = fp._sha
    monkeypatch.setattr(fp, "_sha", lambda p: hashed.append(p) or real(p))
    first = _fingerprint()
    assert len(hashed) > 100  # every file, once
    hashed.clear()
    assert _fingerprint() == first and hashed == []  # from the table, in a new process as in this one
    edit(package / "glossary" / "ru.yaml", "трамадол", "трамадоЛ")  # the same size, another dose name
    edited = _fingerprint()
    assert edited != first and [p.name for p in hashed] == ["ru.yaml"]
    os.utime(package / "glossary" / "ru.yaml", ns=(0, 0))  # its times set back: its ctime still moved
    hashed.clear()
    assert _fingerprint() == edited and [p.name for p in hashed] == ["ru.yaml"]


def test_a_file_changed_in_the_last_seconds_is_not_kept(package: Path, monkeypatch) -> None:
    """A second edit within the file system's clock tick would keep the first's times: a file is kept only
    once its times are two seconds old."""
    from handout import diskcache
    from handout import fingerprint as fp

    os.utime(package / "glossary" / "ru.yaml", ns=(0, 0))  # its mtime set back: its ctime is still now
    hashed: list[Path] = []
    real = fp._sha
    monkeypatch.setattr(fp, "_sha", lambda p: hashed.append(p) or real(p))
    first = _fingerprint()
    assert diskcache.read(fp.hashes_name()) is None  # (every file of the copy was written just now: none kept)
    n = len(hashed)
    assert _fingerprint() == first and len(hashed) == 2 * n  # each hashed again


def test_an_unusable_table_hashes_every_file(package: Path, monkeypatch, tmp_path: Path) -> None:
    from handout import fingerprint as fp

    monkeypatch.setattr(fp, "SETTLED_NS", -1)
    first = _fingerprint()
    cache = tmp_path / "cache" / "handout" / fp.hashes_name()
    cache.write_bytes(cache.read_bytes()[:-10])  # cut short: not read
    assert _fingerprint() == first
    os.chmod(tmp_path / "cache" / "handout", 0o777)  # others could write it: not read either
    edit(package / "glossary" / "ru.yaml", "трамадол", "трамадоЛ")
    assert _fingerprint() != first


def test_each_installation_keeps_a_table_of_its_own_files(package: Path, monkeypatch) -> None:
    """A machine with many installations (CI clones, virtual environments) read one table of all their
    files, whole, twice in every cold build; each reads its own now, and leaves the others' alone."""
    from handout import diskcache
    from handout import fingerprint as fp

    monkeypatch.setattr(fp, "SETTLED_NS", -1)
    first = _fingerprint()
    name = fp.hashes_name()
    table = diskcache.read(name)
    assert isinstance(table, dict) and len(table) > 100 and all(k.startswith(str(package)) for k in table)
    other = package.parent / "venv" / "handout"
    shutil.copytree(package, other)
    monkeypatch.setattr(fp, "PACKAGE_DIR", other)
    assert _fingerprint() == first  # the same files, the same fingerprint
    assert fp.hashes_name() != name and diskcache.read(name) == table
    assert all(k.startswith(str(other)) for k in diskcache.read(fp.hashes_name()))
