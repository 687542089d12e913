"""What the authoring guide tells a user to type works as it says (`handout schema -o`), and the guide
`handout new` points at is there, after a plain `pip install .` too."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import handout
from conftest import ROOT, run

BOTH = ["handout.schema.json", "text.schema.json"]


@pytest.mark.parametrize("out", ["schemas", "schemas2/", "nested/schemas"])
def test_schema_out_without_json_suffix_is_a_folder_made_for_both_schemas(out: str, tmp_path: Path, capsys,
                                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)  # as the guide says it: a relative path, in the content's folder
    code, printed, err = run(["schema", "-o", out], capsys)
    folder = tmp_path / out
    assert code == 0, err
    assert folder.is_dir() and sorted(p.name for p in folder.iterdir()) == BOTH
    assert json.loads((folder / "text.schema.json").read_text(encoding="utf-8"))["title"] == "handout text file"
    assert printed.count("wrote ") == 2


def test_schema_out_ending_in_json_is_one_file_of_the_kind(tmp_path: Path, capsys):
    code, _, err = run(["schema", "--kind", "text", "-o", str(tmp_path / "editor" / "words.json")], capsys)
    assert code == 0, err
    assert [p.name for p in (tmp_path / "editor").iterdir()] == ["words.json"]
    assert json.loads((tmp_path / "editor" / "words.json").read_text(encoding="utf-8"))["title"] == "handout text file"
    code, _, _ = run(["schema", "-o", str(tmp_path / "facts.json")], capsys)  # --kind handout, the default
    assert code == 0 and json.loads((tmp_path / "facts.json").read_text(encoding="utf-8"))["title"] == "handout facts file"


def test_schema_out_an_existing_folder_named_json_gets_both(tmp_path: Path, capsys):
    folder = tmp_path / "odd.json"
    folder.mkdir()
    assert run(["schema", "-o", str(folder)], capsys)[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == BOTH


def test_schema_out_a_file_where_a_folder_is_meant_is_refused_untouched(tmp_path: Path, capsys):
    """What the old `-o schemas` left behind: a file named `schemas`.  Never overwritten."""
    old = tmp_path / "schemas"
    old.write_text("{}", encoding="utf-8")
    code, _, err = run(["schema", "-o", str(old)], capsys)
    assert code == 2 and "is a file, not a folder" in err and "ending in .json" in err
    assert old.read_text(encoding="utf-8") == "{}"


GUIDE_LINE = re.compile(r"The guide explains each field: (.+)$", re.M)


def test_the_guide_is_shipped_in_the_package_and_linked_from_the_readme():
    from handout.starter import GUIDE

    assert GUIDE == Path(handout.__file__).resolve().parent / "docs" / "authoring.md" and GUIDE.is_file()
    import tomllib

    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "handout.docs" in setup["packages"] and "*.md" in setup["package-data"]["handout.docs"]  # as package data
    assert "(handout/docs/authoring.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_new_points_at_the_guide_inside_the_package(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["new", "vitd"], capsys)
    assert code == 0, err
    guide = Path(GUIDE_LINE.search(out).group(1))
    assert guide.is_file() and guide.is_relative_to(Path(handout.__file__).resolve().parent)
    facts = (tmp_path / "data" / "vitd" / "handout.yaml").read_text(encoding="utf-8")
    assert f"Guide: {guide}\n" in facts


def test_a_plain_install_has_the_guide_new_prints(tmp_path: Path):
    """`pip install .` (a wheel, not editable): the path `handout new` prints is a file in site-packages."""
    # A clean copy of the source: an in-tree build reuses build/lib, where a file since dropped from the
    # package data would still be.
    src = tmp_path / "src"
    for name in ("handout", "layouts"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.table"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-cache-dir",
                    str(src)], check=True, cwd=tmp_path, capture_output=True)
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    res = subprocess.run([str(venv / "bin" / "handout"), "new", "vitd"], cwd=clinic, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    guide = Path(GUIDE_LINE.search(res.stdout).group(1))
    assert not guide.is_relative_to(ROOT) and not guide.is_relative_to(src), guide  # the installed copy
    assert guide.is_file() and guide.read_bytes() == (ROOT / "handout" / "docs" / "authoring.md").read_bytes()


def test_the_starter_writes_no_phone_number_only_the_region_placeholder(tmp_path: Path, capsys, monkeypatch):
    """`handout check` warns about a typed 911: the starter must not teach it."""
    monkeypatch.chdir(tmp_path)
    assert run(["new", "vitd"], capsys)[0] == 0
    text = (tmp_path / "data" / "vitd" / "en.yaml").read_text(encoding="utf-8")
    assert "911" not in text and "**Call {emergency}**" in text
    code, _, err = run(["check", "vitd"], capsys)
    assert code == 0, err
    assert "phone number" not in err and "unknown placeholder" not in err



def test_the_guide_teaches_the_placeholders_not_a_typed_number():
    guide = (ROOT / "handout" / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert "Call 911" not in guide and "**Call {emergency}**" in guide
    assert all(f"`{{{name}}}`" in guide for name in ("emergency", "poison", "crisis"))


def test_the_guide_states_the_limits_the_code_applies():
    """The numbers a user trial found stale: the timing values and an edition's page limit."""
    from typing import get_args

    from handout.model import Timing
    from handout.model import MAX_EDITION_PAGES

    guide = (ROOT / "handout" / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert f"'nightly' is not allowed (expected one of: {', '.join(get_args(Timing))})" in guide
    assert f"An edition may take 1 to {MAX_EDITION_PAGES} pages" in guide


def test_new_with_another_data_folder_prints_commands_that_work(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["new", "vitd", "--data", "my handouts"], capsys)
    assert code == 0, err
    check = re.search(r"^  2\. handout (check .+?)  +lists", out, re.M).group(1)
    assert check == "check vitd --data 'my handouts'"
    code, _, err = run(shlex.split(check), capsys)  # as printed
    assert code == 0 and "placeholder: TODO" in err
    code, out, _ = run(["new", "other"], capsys)  # the default folder: nothing added
    assert "  2. handout check other  " in out
