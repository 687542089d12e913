"""What the authoring guide tells a user to type works as it says: `handout schema -o`, `handout new`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run

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
