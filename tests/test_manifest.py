"""What ``manifest.json`` tells a patient portal: which PDFs are current, which are outdated and why."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, edit, run


def entries(out: Path) -> dict[str, dict]:
    return {e["path"]: e for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def ldn_es(ldn: Path) -> Path:
    """conftest's English LDN with its Spanish translation beside it."""
    shutil.copy(DATA / "ldn" / "es.yaml", ldn / "es.yaml")
    return ldn


# (what goes wrong, the file edited and how, the PDFs whose build fails, what their reason says)
BREAKS = [
    ("the English text changes: the translation is stale", "en.yaml",
     ("  headache: Headache (", "  headache: Headaches ("), {"es"}, "es.yaml:"),
    ("the translation has a mistake", "es.yaml", ("language: es", "language: [es"), {"es"}, "es.yaml:"),
    ("the facts have a mistake", "handout.yaml", ("max_pages: 2", "max_pages: two"), {"en", "es"},
     "handout.yaml:"),
]


@pytest.mark.parametrize("what, file, change, failing, where", BREAKS, ids=[b[0] for b in BREAKS])
def test_a_pdf_whose_build_fails_is_kept_and_marked_outdated_until_it_builds_again(
        ldn_es: Path, tmp_path: Path, capsys, what, file, change, failing, where):
    """Its last good PDF stays (a portal may still need it), listed with ``"status": "outdated"``
    and the reason; the mark goes once the PDF is built again."""
    out = tmp_path / "out"
    args = ["build", "--data", str(ldn_es.parent), "--edition", "standard", "--out", str(out), "-j", "1"]
    assert run(args, capsys)[0] == 0
    before = entries(out)
    assert {e["status"] for e in before.values()} == {"current"} and not any("reason" in e for e in before.values())
    original = (ldn_es / file).read_text(encoding="utf-8")
    edit(ldn_es / file, *change)

    code, _, err = run(args, capsys)
    assert code == 1
    after = entries(out)
    assert set(after) == set(before)  # nothing removed
    for lang in ("en", "es"):
        path = f"ldn/ldn.{lang}.pdf"
        if lang in failing:
            assert after[path]["status"] == "outdated", after[path]
            assert after[path]["reason"].startswith(where) and after[path]["reason"].split(": ", 1)[1] in err
            assert {k: v for k, v in after[path].items() if k not in ("status", "reason")} == \
                {k: v for k, v in before[path].items() if k != "status"}  # the last good PDF, as it was
            assert sha(out / path) == before[path]["sha256"]
        else:
            assert after[path]["status"] == "current" and "reason" not in after[path]
    assert "earlier PDF" in err and "marked outdated" in err

    (ldn_es / file).write_text(original, encoding="utf-8")
    code, _, err = run(args, capsys)
    assert code == 0, err
    assert entries(out) == before  # built again, or passed over as the very PDF it would make: current


def test_a_pdf_whose_write_fails_is_marked_outdated(ldn_es: Path, tmp_path: Path, capsys, monkeypatch):
    import errno

    from handout import outdir

    out = tmp_path / "out"
    args = ["build", "--data", str(ldn_es.parent), "--edition", "standard", "--out", str(out), "-j", "1"]
    assert run(args, capsys)[0] == 0
    real = outdir.write_atomic

    def full_disk(path: Path, data: bytes) -> None:
        if path.name == "ldn.es.pdf":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(outdir, "write_atomic", full_disk)
    assert run([*args, "--force"], capsys)[0] == 1
    es = entries(out)["ldn/ldn.es.pdf"]
    assert es["status"] == "outdated" and es["reason"].startswith("ldn.es.pdf: write: cannot write: No space left")
    assert sha(out / es["path"]) == es["sha256"]
    monkeypatch.setattr(outdir, "write_atomic", real)
    assert run(args, capsys)[0] == 0
    assert entries(out)["ldn/ldn.es.pdf"]["status"] == "current"


def test_the_manifest_lists_each_entry_s_keys_sorted(ldn_es: Path, tmp_path: Path, capsys):
    """The same files, the same manifest: an entry marked and one built fresh list their keys alike."""
    out = tmp_path / "out"
    assert run(["build", "--data", str(ldn_es.parent), "--edition", "standard", "--out", str(out)], capsys)[0] == 0
    text = (out / "manifest.json").read_text(encoding="utf-8")
    for e in json.loads(text)["outputs"]:
        assert list(e) == sorted(e)
    doc = json.loads(text)
    assert text == json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
