"""A PDF's bytes come from its own input only.

Not from the process that built it, from what that process built before it, or from how a batch
was shared among workers.  A build remembers much of what it made (line widths, wrapped lines,
font subsets, compressed streams, the plain text of each field: ``memory``) and a worker builds
many handouts in a row.  A remembered value whose key missed something it depends on (a size, a
language, a direction, a patient's name) would put another handout's line, number or glyphs on
this one's page; these builds would then differ.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import DATA, run

# Built alone, each in a fresh process: late in a one-process batch (after every other handout,
# language and edition), in scripts that are joined, shaped or right to left, at other sizes.
ALONE = [("ldn", "hi", "card"), ("ldn", "ar", "large-print"), ("methotrexate", "ar", "standard"),
         ("ldn", "zh-Hans", "wallet"), ("prednisone", "en", "large-print")]


def _pdfs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.pdf")) if "personal" not in p.parts}


def test_a_pdf_is_the_same_built_alone_late_in_one_process_or_by_either_worker(tmp_path: Path, capsys):
    # One process: a personalised handout and its dose calendar first (a patient's name, dates,
    # a weight-based dose), then every bundled handout, language and edition in turn.
    code, _, err = run(["build", "amoxicillin", "--data", str(DATA), "--lang", "en", "--patient", "Ana Example",
                        "--start", "2026-12-07", "--weight", "18.5", "--per-kg", "45", "--course-days", "10", "--edition", "standard",
                        "calendar",
                        "--out", str(tmp_path / "one"), "-q"], capsys)
    assert code == 0, err
    code, _, err = run(["build", "--data", str(DATA), "--out", str(tmp_path / "one"), "-j", "1", "-q"], capsys)
    assert code == 0, err
    one = _pdfs(tmp_path / "one")
    # Two workers, each building its own share of the languages.
    code, _, err = run(["build", "--data", str(DATA), "--out", str(tmp_path / "two"), "-j", "2", "-q"], capsys)
    assert code == 0, err
    two = _pdfs(tmp_path / "two")
    assert len(one) >= 60 and one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []

    for hid, lang, edition in ALONE:
        out = tmp_path / f"alone-{hid}-{lang}-{edition}"
        res = subprocess.run([sys.executable, "-c", "from handout.cli import main_entry; main_entry()", "build", hid, "--data", str(DATA), "--lang", lang,
                              "--edition", edition, "--out", str(out), "-q"], capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
        (name, data), = _pdfs(out).items()
        assert data == one[name], f"{name} built alone differs from the same PDF built late in a batch"
