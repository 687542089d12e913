"""The compliance report: one JSON per PDF, a table, and a gate for portal uploads."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from conftest import edit, line_of, run


def body_sizes(pdf: bytes) -> list[float]:
    """Font sizes of the letters on the pages, read back from the PDF's text layer."""
    doc = pdfium.PdfDocument(pdf)
    sizes = []
    for i in range(len(doc)):
        tp = doc[i].get_textpage()
        for k in range(tp.count_chars()):
            if chr(raw.FPDFText_GetUnicode(tp, k)).isalpha():
                sizes.append(round(raw.FPDFText_GetFontSize(tp, k), 2))
    return sizes


def test_report_beside_each_pdf_matches_the_pdf(ldn: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    assert run(["build", str(ldn), "--out", str(out), "--edition", "standard"], capsys)[0] == 0
    pdf = (out / "ldn" / "ldn.en.pdf").read_bytes()
    rep = json.loads((out / "ldn" / "ldn.en.report.json").read_text())
    assert rep["pages"] == len(pdfium.PdfDocument(pdf)) <= rep["max_pages"] == 2
    sizes = body_sizes(pdf)
    # the body size the report claims is the size of the body text in the PDF (footer and sources are smaller)
    assert rep["body_pt_min"] in sizes and rep["body_pt_min"] >= 12
    assert rep["reading"]["formula"] == "Flesch-Kincaid" and rep["reading"]["grade"] <= 8
    assert rep["citations"] == {"sources": 6, "cited": 6}
    assert rep["contrast_min"] >= 4.5
    # a build never runs the validators (a test tool); the report says so rather than omit them
    assert rep["validators"] == {"validated": False, "note": "not validated (run handout report --validate)"}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["outputs"][0]["report"] == "ldn/ldn.en.report.json"


def _review_not_yet_due(folder: Path) -> None:
    """The copy's next review half a year from today, whatever day the tests run (the bundled date falls due:
    its report then says OVERDUE, as it should)."""
    import re
    from datetime import date, timedelta

    p = folder / "handout.yaml"
    text, n = re.subn(r"(?m)^next_review: .*$", f"next_review: {date.today() + timedelta(days=180)}", p.read_text())
    assert n == 1
    p.write_text(text)


def test_report_validate_runs_the_validators_on_request(ldn: Path, tmp_path: Path, capsys):
    _review_not_yet_due(ldn)
    out = tmp_path / "out"
    assert run(["build", str(ldn), "--out", str(out), "--edition", "standard", "--lang", "en"], capsys)[0] == 0
    code, table, _ = run(["report", "--out", str(out)], capsys)
    assert code == 0 and "n/v" in table and "not validated (run handout report --validate)" in table
    before = (out / "ldn" / "ldn.en.report.json").read_bytes()
    code, text, _ = run(["report", "--out", str(out), "--validate", "--json"], capsys)
    v = json.loads(text)[0]["validators"]
    assert code == 0 and v["validated"] and v["ua1"]["compliant"] and v["2a"]["compliant"]
    code, table, _ = run(["report", "--out", str(out), "--validate", "--fail-on", "error"], capsys)
    row = next(line for line in table.splitlines() if line.startswith("ldn/ldn.en"))
    assert code == 0 and row.split()[9:11] == ["pass", "pass"] and "not validated" not in table
    assert (out / "ldn" / "ldn.en.report.json").read_bytes() == before  # --validate writes nothing
    # A damaged PDF (cut short) fails both checks, said, with every other PDF still reported: it was a traceback
    pdf = out / "ldn" / "ldn.en.pdf"
    pdf.write_bytes(pdf.read_bytes()[:1000])
    code, text, err = run(["report", "--out", str(out), "--validate", "--json", "--fail-on", "error"], capsys)
    v = json.loads(text)[0]["validators"]
    assert code == 1 and "Traceback" not in err and v["ua1"] == v["2a"] == {"compliant": False, "failed_rules": ["unreadable"]}
    assert v["note"].startswith("the PDF cannot be read (") and v["note"].endswith("): build it again"), v


def test_report_table_and_gate(ldn: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    edit(ldn / "handout.yaml", "reviewed_on: 2026-11-01", "reviewed_on: 2024-01-01")
    edit(ldn / "handout.yaml", "next_review: 2027-11-01", "next_review: 2025-06-01")  # overdue: a warning
    assert run(["build", str(ldn), "--out", str(out), "--edition", "standard"], capsys)[0] == 0
    code, table, _ = run(["report", "--out", str(out)], capsys)
    assert code == 0 and "ldn/ldn.en" in table and "OVERDUE 2025-06-01" in table
    assert run(["report", "--out", str(out), "--fail-on", "error"], capsys)[0] == 0
    code, _, err = run(["report", "--out", str(out), "--fail-on", "warning"], capsys)
    assert code == 1 and "ldn/ldn.en: breaks a rule at level warning" in err
    assert run(["report", "--out", str(tmp_path / "empty")], capsys)[0] == 2


def test_a_pdf_missing_or_changed_since_its_build_fails_the_gate(ldn: Path, tmp_path: Path, capsys):
    """A portal administrator's trial: a PDF deleted, or cut short, after its build was reported as if it were there
    (exit 0 with --fail-on error): the gate a portal's upload waits for passed a file that is not the one built."""
    out = tmp_path / "out"
    _review_not_yet_due(ldn)
    assert run(["build", str(ldn), "--out", str(out), "--edition", "standard", "card", "large-print"], capsys)[0] == 0
    assert run(["report", "--out", str(out), "--fail-on", "error"], capsys)[0] == 0
    (out / "ldn" / "ldn.en.card.pdf").unlink()
    pdf = out / "ldn" / "ldn.en.pdf"
    pdf.write_bytes(pdf.read_bytes()[:2000])
    code, table, err = run(["report", "--out", str(out), "--fail-on", "error"], capsys)
    assert code == 1 and "ldn/ldn.en.card (MISSING)" in table and "ldn/ldn.en (CHANGED)" in table, table
    assert "ldn/ldn.en.card: breaks a rule at level error (the PDF is missing: build it again)" in err, err
    assert "ldn/ldn.en: breaks a rule at level error (the PDF is changed since it was built: build it again)" in err
    assert "ldn/ldn.en.large-print: breaks" not in err
    reports = {r["file"]: r for r in json.loads(run(["report", "--out", str(out), "--json"], capsys)[1])}
    assert reports["ldn/ldn.en.large-print"]["not_as_built"] is None and reports["ldn/ldn.en.card"]["not_as_built"] == "missing"
    # ... and one whose report went with it, in a folder where nothing else is wrong (a code review: never checked,
    # exit 0; and with every report gone, "no reports", exit 2)
    assert run(["build", str(ldn), "--out", str(out), "--edition", "standard", "card", "large-print", "--force"],
               capsys)[0] == 0
    assert run(["report", "--out", str(out), "--fail-on", "error"], capsys)[0] == 0
    (out / "ldn" / "ldn.en.large-print.pdf").unlink()
    (out / "ldn" / "ldn.en.large-print.report.json").unlink()
    code, _, err = run(["report", "--out", str(out), "--fail-on", "error"], capsys)
    assert code == 1 and ("ldn/ldn.en.large-print: listed in the manifest, but its report is missing (build it "
                          "again)") in err, err
    for report_file in out.rglob("*.report.json"):
        report_file.unlink()
    assert run(["report", "--out", str(out)], capsys)[0] == 1


def test_a_pdf_whose_last_build_failed_fails_the_gate_as_outdated(ldn: Path, tmp_path: Path, capsys):
    """A review: a PDF kept after its content's next build failed (marked outdated in the manifest) passed
    `handout report --fail-on error`, and its table row said nothing: a portal gating uploads on the report
    published the old PDF under content that now says otherwise."""
    out = tmp_path / "out"
    _review_not_yet_due(ldn)
    assert run(["build", str(ldn), "--out", str(out), "--edition", "standard"], capsys)[0] == 0
    assert run(["report", "--out", str(out), "--fail-on", "error"], capsys)[0] == 0
    edit(ldn / "en.yaml", "short_name: LDN", "short_name: LDN\nshort_name: LDN")  # a duplicate key: refused
    assert run(["build", str(ldn), "--out", str(out), "--edition", "standard"], capsys)[0] == 1
    assert (out / "ldn" / "ldn.en.pdf").exists()  # the last good PDF stays, marked outdated
    code, table, _ = run(["report", "--out", str(out)], capsys)
    assert "ldn/ldn.en (OUTDATED)" in table
    code, _, err = run(["report", "--out", str(out), "--fail-on", "error"], capsys)
    assert code == 1 and "ldn/ldn.en: breaks a rule at level error (outdated: its last build failed: en.yaml:" in err


def test_a_broken_manifest_is_no_traceback_in_the_report(ldn: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    _review_not_yet_due(ldn)
    assert run(["build", str(ldn), "--out", str(out), "--edition", "standard"], capsys)[0] == 0
    for broken in ("[]", '{"outputs": [1]}', "{"):
        (out / "manifest.json").write_text(broken, encoding="utf-8")
        code, table, err = run(["report", "--out", str(out)], capsys)
        assert code == 0 and "ldn/ldn.en" in table and "Traceback" not in err, err


def test_a_review_that_fell_due_after_the_build_is_overdue_in_the_report(ldn: Path, tmp_path: Path, capsys):
    """A portal runs `handout report --fail-on warning` every day; the PDFs were built before the
    review date.  From the day after it, the report says OVERDUE and the gate fails, no build needed."""
    from datetime import date, timedelta

    from handout import report

    _review_not_yet_due(ldn)
    out = tmp_path / "out"
    assert run(["build", str(ldn), "--out", str(out), "--edition", "standard"], capsys)[0] == 0
    (built,) = report.collect(out)
    assert built["review_overdue"] is False and not report.breaks(built, "H122")
    later = date.fromisoformat(built["next_review"]) + timedelta(days=1)
    (due,) = report.collect(out, today=later)
    assert due["review_overdue"] is True and report.breaks(due, "H122") and report.breaks(due, "warning")
    assert "OVERDUE " + built["next_review"] in " ".join(report.table([due])[1])
    assert report.collect(out, today=later - timedelta(days=1))[0]["review_overdue"] is False  # due that day, not over


def test_check_reports_health_literacy_findings_with_their_line(ldn: Path, capsys):
    edit(ldn / "en.yaml", "Take **1 capsule at bedtime**.", "Take **1 capsule daily**, 3.0 mg.")
    code, _, err = run(["check", str(ldn), "--edition", "standard"], capsys)
    assert code == 1
    line = line_of(ldn / "en.yaml", "3.0 mg")
    assert f"en.yaml:{line}:5: error: key_points[1]: '3.0 mg' has a trailing zero" in err
    assert f"en.yaml:{line}:5: error: key_points[1]: 'daily' with no time of day" in err
    code, _, err = run(["check", str(ldn), "--edition", "standard", "--strict"], capsys)
    assert code == 1 and ": warning: " not in err
