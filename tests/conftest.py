"""Shared helpers: a scratch copy of the bundled handouts, the CLI, and PDF readers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handout.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(autouse=True, scope="session")
def _secret(tmp_path_factory):
    """Personal file names are keyed by an installation secret: the tests use their own."""
    import os

    os.environ["HANDOUT_SECRET_FILE"] = str(tmp_path_factory.mktemp("config") / "secret")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    """A folder of the test's own for what a process keeps (``$XDG_CACHE_HOME/handout``): never another test's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "handout"


@pytest.fixture
def ldn(tmp_path: Path) -> Path:
    """A writable copy of data/ldn with only the source language (fast, independent of translations)."""
    dst = tmp_path / "data" / "ldn"
    dst.mkdir(parents=True)
    for name in ("handout.yaml", "en.yaml"):
        shutil.copy(DATA / "ldn" / name, dst / name)
    return dst


def ldn_copies(data: Path, n: int, name: str = "h{i}") -> Path:
    """``data`` holding n English LDN handouts, each its own id (``name`` with its number): a batch."""
    for i in range(n):
        hid = name.format(i=i)
        d = data / hid
        d.mkdir(parents=True)
        for file in ("handout.yaml", "en.yaml"):
            shutil.copy(DATA / "ldn" / file, d / file)
        edit(d / "handout.yaml", "id: ldn", f"id: {hid}")
    return data


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def pretend_today(monkeypatch, day) -> None:
    """A personalised build made on ``day``, whatever day the tests run: a start more than a year from today is
    refused (personal.MAX_START_DAYS), so a test laid out from a fixed start pretends a day near it."""
    from datetime import date

    import handout.personalize as personalize

    class Day(date):
        @classmethod
        def today(cls) -> date:
            return day

    monkeypatch.setattr(personalize, "date", Day)


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def build_rows(tmp_path: Path, capsys, rows: str, *options: str, handout: str = "amoxicillin") -> tuple[int, str, str, Path, Path]:
    """``rows`` (a CSV of patients, its header first) written to ``tmp_path/p.csv`` and built with ``handout``
    (English) into ``tmp_path/out``: the exit code, stdout, stderr, the CSV's path and the output folder."""
    f, out = tmp_path / "p.csv", tmp_path / "out"
    f.write_text(rows, encoding="utf-8")
    code, stdout, err = run(["build", handout, "--data", str(DATA), "--lang", "en", *options, "--out", str(out),
                             "--personal-csv", str(f)], capsys)
    return code, stdout, err, f, out


# What a patient's page of a plan needs besides the note: a weight and its rate, or the prescribed days
PRESCRIBED = {"amoxicillin": ["--weight", "18", "--per-kg", "45", "--course-days", "10"], "prednisone": ["--course-days", "12"]}


def build_note(tmp_path: Path, capsys, hid: str, note: str, *extra: str) -> tuple[int, str, bool]:
    """A patient's page of ``hid`` (English, standard edition) with ``note``: the exit code, what was said on stderr,
    and whether any PDF was written."""
    out = tmp_path / "out"
    code, _, err = run(["build", hid, "--data", str(DATA), "--lang", "en", "--patient", "Ana", "--edition", "standard",
                        "--note", note, "--out", str(out), *(extra or PRESCRIBED.get(hid, []))], capsys)
    return code, err, bool(list(out.rglob("*.pdf")))


def pdf_text(data: bytes) -> list[str]:
    """Text of each page, with no-break spaces as plain spaces."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    pages = [doc[i].get_textpage().get_text_range().replace("\xa0", " ").replace("\r", "") for i in range(len(doc))]
    doc.close()
    return pages


def read_pages(data: bytes) -> list[str]:
    """Text of each page as drawn, marked content's /ActualText honoured (a right-to-left line's
    glyphs come in drawing order: its structure element says its words), one marked-content
    sequence per line."""
    from tree_text import Reader

    return [t.replace("\xa0", " ") for t in Reader(data).page_text]


def line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def assert_note(tmp_path: Path, capsys, hid: str, note: str, rule: str, said: str | None) -> None:
    """A patient's page of ``hid`` with ``note``: built, and ``rule`` ("H162") not said, where ``said`` is None; else
    refused with nothing written, ``said`` in what was said and the rule named."""
    code, err, written = build_note(tmp_path, capsys, hid, note)
    if said is None:
        assert code == 0 and f"[{rule}]" not in err, err
    else:
        assert code == 1 and not written, err
        assert said in err and f"[{rule}]" in err, err
