"""Authoring: the JSON Schema editors use, `handout new`, and the watch loop."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import DATA, ROOT, run
from handout.jsonschema import SCHEMA_DIR, render_all


def plain(o):
    if isinstance(o, dict):
        return {k: plain(v) for k, v in o.items()}
    if isinstance(o, list):
        return [plain(v) for v in o]
    return o.isoformat() if isinstance(o, datetime.date) else o


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text()))


def test_committed_schema_is_the_generated_one(capsys):
    for name, text in render_all().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"{name}: run `handout schema -o handout/schemas`"
    assert run(["schema", "--check"], capsys)[0] == 0


@pytest.mark.parametrize("path", sorted(DATA.glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_schema_validates_every_bundled_file_and_is_named_on_its_first_line(path: Path):
    kind = "handout" if path.name == "handout.yaml" else "text"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../handout/schemas/{kind}.schema.json"
    errors = list(validator(kind).iter_errors(plain(yaml.safe_load(path.read_text(encoding="utf-8")))))
    assert not errors, [e.message for e in errors]


def test_schema_rejects_a_typo_and_documents_every_field():
    data = plain(yaml.safe_load((DATA / "ldn" / "en.yaml").read_text(encoding="utf-8")))
    data["titel"] = data.pop("title")
    messages = [e.message for e in validator("text").iter_errors(data)]
    assert any("'titel' was unexpected" in m for m in messages)
    assert any("'title' is a required property" in m for m in messages)
    schema = json.loads((SCHEMA_DIR / "handout.schema.json").read_text())
    for name, prop in schema["properties"].items():
        assert prop.get("description"), name


def test_new_starter_warns_about_placeholders_and_is_never_built(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["new", "demo", "--title", "Demo"], capsys)
    assert code == 0 and "created data/demo/handout.yaml" in out and "handout check demo" in out
    code, out, err = run(["check", "demo"], capsys)
    assert code == 0, err
    warnings = [ln for ln in err.splitlines() if ": warning: " in ln and "placeholder: TODO" in ln]
    assert len(warnings) >= 10
    assert "data/demo/en.yaml:" in err and "data/demo/handout.yaml:" in err
    assert run(["check", "demo", "--strict"], capsys)[0] == 1
    code, _, err = run(["build", "demo"], capsys)
    assert code == 1 and "a handout with placeholders is not built" in err
    assert not list(Path("output").rglob("*.pdf"))
    assert run(["new", "demo"], capsys)[0] == 2  # never overwrites
    assert run(["new", "Bad Id"], capsys)[0] == 2


def test_watch_rebuilds_after_an_edit(ldn: Path, tmp_path: Path):
    import queue
    import threading

    out = tmp_path / "out"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-c", "from handout.cli import main_entry; main_entry()",
                             "build", "ldn", "--data", str(ldn.parent), "--edition", "standard", "--out", str(out),
                             "-j", "1", "--watch"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=env, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(ln) for ln in proc.stdout], daemon=True).start()
    seen: list[str] = []

    def wait_for(predicate, timeout: float, poke=None) -> bool:
        """Wait for a line; re-apply ``poke`` every 2 s in case the watcher was not ready yet."""
        deadline = time.time() + timeout
        next_poke = time.time() + 2
        while time.time() < deadline:
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                if poke and time.time() > next_poke:
                    poke()
                    next_poke = time.time() + 2
                continue
            seen.append(line)
            if predicate(line):
                return True
        return False

    def write(text: str):
        return lambda: (ldn / "en.yaml").write_text(
            (ldn / "en.yaml").read_text(encoding="utf-8").replace("  headache: Headache (1 in 6; fake pill 1 in 33)\n", text), encoding="utf-8")

    try:
        assert wait_for(lambda ln: ln.startswith("watching"), 60), seen
        assert wait_for(lambda ln: ln.startswith("built ") and "ldn.en.pdf" in ln, 60,
                        poke=write("  headache: Headaches\n")), seen
        original = (ldn / "en.yaml").read_text(encoding="utf-8")
        def bad() -> None:
            (ldn / "en.yaml").write_text(original.replace("  headache: Headaches", "  headache: no"), encoding="utf-8")
        assert wait_for(lambda ln: "read by YAML as true/false" in ln, 60, poke=bad), seen  # reported, loop goes on
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_new_handout_started_on_29_february_reviews_a_year_later(tmp_path: Path):
    from datetime import date

    from handout.starter import create

    create(tmp_path / "data", "leap", "en", "Leap", date(2028, 2, 29))
    assert "next_review: 2029-02-28" in (tmp_path / "data" / "leap" / "handout.yaml").read_text(encoding="utf-8")


def test_schema_prints_to_stdout_and_writes_only_where_told(tmp_path: Path, capsys):
    import json

    from conftest import run

    code, out, _ = run(["schema", "--kind", "text"], capsys)
    assert code == 0 and json.loads(out)["title"] == "handout text file"
    code, _, _ = run(["schema", "-o", str(tmp_path)], capsys)
    assert code == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["handout.schema.json", "text.schema.json"]


def test_a_theme_edited_while_watching_is_read_again_with_the_files_it_now_extends(tmp_path: Path):
    """--watch forgets the themes read (theme.forget) after an edit: a theme now extending another
    file has that file hashed, so an edit there rebuilds its PDFs instead of leaving them "unchanged"."""
    from handout.theme import forget, theme_files

    a, b, c = (tmp_path / f"{n}.yaml" for n in "abc")
    for f in (b, c):
        f.write_text(f"extends: default\nname: {f.stem}\n", encoding="utf-8")
    a.write_text(f"extends: {b}\nname: a\n", encoding="utf-8")
    assert theme_files(str(a))[:2] == (a, b)
    a.write_text(f"extends: {c}\nname: a\n", encoding="utf-8")
    forget()
    assert theme_files(str(a))[:2] == (a, c)
