"""Compliance report: a built PDF and its checks in, ``<pdf>.report.json`` and a table out.

One report per PDF, written beside it, so a portal upload script (or
``handout report --fail-on error``) can refuse a file that breaks a rule:
pages, the smallest body size used after fitting, reading grade and sentence
length, contrast, glyph coverage, citation coverage, review dates, translation
status, each plain-language rule's result (``rules``: PL001 ... PL009, each
``{"rule", "result": pass | fail | not judged, "count", "why"}``, see ``plain.py``).

A build never runs the PDF/UA-1 and PDF/A-2 validators (page-validation, a test tool: about a
quarter of a batch's time): the report says ``"validators": {"validated": false, "note": "not
validated (run handout report --validate)"}``.  ``handout report --validate`` (``validate_all``)
runs them on every PDF of the output folder and shows their verdicts in the table, ``--json`` and
``--fail-on``; it writes nothing.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from . import checks, plain
from .errors import REVIEW_OVERDUE, Finding
from .model import Handout
from .textfields import markup_fields
from .theme import MIN_BODY_PT, Theme
from .markup import citations
from .reading import reading

SUFFIX = ".report.json"


NOT_VALIDATED = "not validated (run handout report --validate)"
NO_VALIDATOR = "page-validation is not installed (pip install page-validation)"


def not_validated() -> dict[str, Any]:
    """What a build's report says of the validators: it never runs them."""
    return {"validated": False, "note": NOT_VALIDATED}


def validate(pdf: bytes) -> dict[str, Any]:
    """The PDF/UA-1 and PDF/A-2 validators' verdicts on one PDF (``handout report --validate``)."""
    try:
        import page
    except ImportError:
        return {"validated": False, "available": False, "note": NO_VALIDATOR}
    out: dict[str, Any] = {"validated": True, "available": True}
    for profile in ("ua1", "2a"):
        try:
            r = page.validate_pdf_bytes(pdf, profile=profile)
        except Exception as exc:  # a damaged file (cut short, overwritten): a failed check, never a traceback that
            # stops the report of every other PDF (a portal administrator's trial; the validator's own error types)
            out[profile] = {"compliant": False, "failed_rules": ["unreadable"]}
            out["note"] = f"the PDF cannot be read ({str(exc)[:120] or type(exc).__name__}): build it again"
            continue
        out[profile] = {"compliant": r.is_compliant, "failed_rules": sorted({f.rule_id for f in r.failures})}
    return out


def validate_all(out: Path, reports: list[dict[str, Any]]) -> None:
    """Run the validators on the PDF of each report (from ``collect``), in place; writes nothing."""
    for r in reports:
        try:
            pdf = (out / (r["file"] + ".pdf")).read_bytes()
        except OSError as exc:
            r["validators"] = {"validated": False, "note": f"cannot read the PDF: {exc.strerror or exc}"}
            continue
        r["validators"] = validate(pdf)


def compliance(h: Handout, edition: str, pages: int, body: float, theme: Theme,
               findings: list[Finding], today: date, rules: dict[str, plain.Result] | None = None) -> dict[str, Any]:
    """The report of one PDF.  ``rules``: the plain-language rules' results (``plain.judge``, on the words
    as written); judged here on ``h`` when not given."""
    if rules is None:
        rules = plain.judge(h, theme.checks)[1]
    read = reading(h)
    cited = {sid for _, text, _ in markup_fields(h.text) for sid in citations(text)}
    cited |= set(h.facts.side_effects.cite) | {s for i in h.facts.interactions for s in i.cite}
    ratios = [checks.contrast(getattr(theme.colours, a), getattr(theme.colours, b)) for a, b in checks.CONTRAST_PAIRS]
    tr = h.text.translation
    return {
        "handout": h.id, "language": h.lang, "edition": edition, "version": h.facts.version,
        "pages": pages, "max_pages": h.facts.edition(edition).max_pages if edition != "calendar" else 1,
        "body_pt_min": body,
        "reading": {"formula": read["formula"], "grade": _r(read["grade"]), "smog": _r(read["smog"]),
                    "avg_sentence_words": _r(read["avg_sentence_words"])},
        "contrast_min": _r(min(ratios)),
        "glyphs_missing": 0,  # a build with a missing glyph fails before it writes anything
        "citations": {"sources": len(h.facts.sources), "cited": len(cited & {s.id for s in h.facts.sources})},
        "reviewed_on": h.facts.reviewed_on.isoformat(), "next_review": h.facts.next_review.isoformat(),
        "review_overdue": h.facts.next_review < today,
        "translation": tr.status if tr else "source",
        "validators": not_validated(),
        "rules": {code: r.as_dict() for code, r in rules.items()},
        "findings": [{"severity": f.severity, "path": f.path, "message": f.message, **({"code": f.code} if f.code else {})}
                     for f in findings],
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
    }


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def dumps(report: dict[str, Any]) -> bytes:
    return (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode()


def collect(out: Path, today: date | None = None, listed: dict[str, dict] | None = None) -> list[dict[str, Any]]:
    """The reports in ``out``, each overdue if its review has fallen due by ``today`` (default: the
    real today), whatever it said when it was built: a portal's daily ``--fail-on warning`` sees
    the day a handout needs its review, with or without a build since."""
    from .manifest import OUTDATED, read_manifest

    day = (today or date.today()).isoformat()
    # A PDF whose last build failed is kept, marked outdated in the manifest: its report is the old build's, and
    # a portal gating uploads on --fail-on error published it (a review)
    listed = read_manifest(out) if listed is None else listed
    stale = {e["path"].removesuffix(".pdf"): e.get("reason", "") for e in listed.values()
             if e.get("status") == OUTDATED and isinstance(e.get("path"), str)}
    built = {e["path"].removesuffix(".pdf"): e.get("sha256") for e in listed.values() if isinstance(e.get("path"), str)}
    reports = []
    for path in sorted(out.rglob("*" + SUFFIX)):
        if "personal" in path.relative_to(out).parts:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        data["file"] = path.relative_to(out).as_posix().removesuffix(SUFFIX)
        if data["file"] in stale:
            data["outdated"] = stale[data["file"]] or "its last build failed"
        if data["file"] in built:  # the PDF a portal would upload is the one built (a portal administrator's trial:
            # a PDF deleted or cut short was reported as if it were there)
            data["not_as_built"] = _as_built(out / (data["file"] + ".pdf"), built[data["file"]])
        due = data.get("next_review")
        data["review_overdue"] = bool(data.get("review_overdue")) or (isinstance(due, str) and "" < due < day)
        reports.append(data)
    return reports


def _as_built(pdf: Path, sha256: object) -> str | None:
    """Why the PDF on disk is not the one its build listed (missing, or other bytes); None when it is."""
    import hashlib

    try:
        data = pdf.read_bytes()
    except OSError:
        return "missing"
    return None if hashlib.sha256(data).hexdigest() == sha256 else "changed since it was built"


def kept_note(out: Path, entries: list[dict[str, Any]]) -> str:
    """The build summary's note on the warnings the reports of ``entries`` (unchanged PDFs' manifest entries, in
    ``out``) hold, e.g. `` (3 warnings in the unchanged PDFs' reports: handout report)``; '' for none.  A build that
    makes nothing again says them only there (a portal administrator's review: a second build printed none, as if
    they were gone)."""
    from .outdir import inside

    n = 0
    for e in entries:
        if not inside(e.get("report")):  # (an edited manifest may point anywhere: it describes this folder only)
            continue
        try:
            rep = json.loads((out / str(e.get("report"))).read_text(encoding="utf-8"))
            n += sum(f.get("severity") == "warning" for f in rep.get("findings", []) if isinstance(f, dict))
        except (OSError, ValueError, AttributeError, TypeError):
            continue  # (no report, or not one: nothing to count)
    return f" ({n} warning{'s' if n != 1 else ''} in the unchanged PDFs' reports: handout report)" if n else ""


def breaks(report: dict[str, Any], level: str) -> bool:
    """Does this output break a rule at ``level`` (error, or warning: errors and warnings), or
    the rule whose code ``level`` is (``H123``, ``PL006``: its findings' code, not their words)?"""
    if level not in ("error", "warning"):  # H122, the review overdue, may have fallen due since the build
        return any(f.get("code") == level for f in report["findings"]) or (level == REVIEW_OVERDUE and report["review_overdue"])
    bad = report["errors"] > 0 or report["pages"] > report["max_pages"] or report["body_pt_min"] < MIN_BODY_PT
    bad = bad or bool(report.get("outdated"))  # (its content's last build failed: this PDF is not what it says now)
    bad = bad or bool(report.get("not_as_built"))  # (deleted, or other bytes than built: build it again)
    v = report.get("validators", {})
    bad = bad or any(not v[p]["compliant"] for p in ("ua1", "2a") if p in v)
    if level == "warning":
        bad = bad or report["warnings"] > 0 or report["review_overdue"] or report["translation"] == "draft"
    return bad


def rule_cell(result: dict[str, Any] | None) -> str:
    """One plain-language rule in the table: ok, x<count> (failed that many times), n/j (not judged), - (no record)."""
    if not result:
        return "-"
    return {"pass": "ok", "not judged": "n/j"}.get(result["result"], f"x{result.get('count', 0)}")


def table(reports: list[dict[str, Any]]) -> list[list[str]]:
    """One row per PDF; the plain-language rules one column each (``rule_cell``), headed by their codes."""
    codes = list(plain.RULES)
    rows = [["file", "pages", "body pt", "grade", "words/sent", "contrast", "cited", "review", "translation",
             "PDF/UA", "PDF/A", "errors", "warnings", *codes]]
    for r in reports:
        v = r.get("validators", {})
        missing = "n/v" if v.get("validated") is False and v.get("available") is not False else "n/a"
        verdict = {p: ("pass" if v[p]["compliant"] else "FAIL") if p in v else missing for p in ("ua1", "2a")}
        grade = r["reading"]["grade"]
        words = r["reading"]["avg_sentence_words"] if r["reading"]["formula"] else None  # no word counts for CJK
        name = r["file"] + (" (OUTDATED)" if r.get("outdated") else "") + (
            f" ({r['not_as_built'].split()[0].upper()})" if r.get("not_as_built") else "")
        rows.append([name, f"{r['pages']}/{r['max_pages']}", f"{r['body_pt_min']:g}",
                     f"{grade:.1f}" if grade is not None else "-", f"{words:.1f}" if words is not None else "-",
                     f"{r['contrast_min']:.1f}", f"{r['citations']['cited']}/{r['citations']['sources']}",
                     ("OVERDUE " if r["review_overdue"] else "") + r["next_review"], r["translation"],
                     verdict["ua1"], verdict["2a"], str(r["errors"]), str(r["warnings"]),
                     *(rule_cell(r.get("rules", {}).get(c)) for c in codes)])
    return rows


def run(args: argparse.Namespace) -> int:
    """``handout report``: the table (or JSON) of every report in the output folder; ``--fail-on``'s verdict."""
    import sys

    from .cli import EXIT_CONTENT, EXIT_OK, EXIT_USAGE  # loaded: the command line runs this

    from .manifest import read_manifest

    listed = read_manifest(args.out)  # (read once: the reports' checks and the unreported PDFs)
    reports = collect(args.out, listed=listed)
    unreported = _unreported(args.out, listed)
    for path in unreported:  # (listed, but its report gone too: never checked above; a code review)
        print(f"{path.removesuffix('.pdf')}: listed in the manifest, but its report is missing (build it again)",
              file=sys.stderr)
    if not reports and unreported:  # (every report gone: the folder's PDFs are not as built)
        return EXIT_CONTENT
    if not reports:
        print(f"handout: no reports in {args.out} (run handout build first)", file=sys.stderr)
        return EXIT_USAGE
    if args.validate:
        validate_all(args.out, reports)
        if any(r["validators"].get("available") is False for r in reports):
            print(f"handout: {NO_VALIDATOR}", file=sys.stderr)
            return EXIT_USAGE
    if args.json:
        print(json.dumps(reports, indent=2, ensure_ascii=False))
    else:
        rows = table(reports)
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if any(r.get("validators", {}).get("validated") is False for r in reports):
            print(f"PDF/UA, PDF/A n/v: {NOT_VALIDATED}")
        print("plain-language rules (ok: passed, xN: failed N times, n/j: not judged for the language): "
              + "; ".join(f"{code} {name}" for code, name in plain.RULES.items()))
    if args.fail_on:
        bad = [rep for rep in reports if breaks(rep, args.fail_on)]
        for rep in bad:
            why = f" (outdated: its last build failed: {rep['outdated']})" if rep.get("outdated") else ""
            why += f" (the PDF is {rep['not_as_built']}: build it again)" if rep.get("not_as_built") else ""
            print(f"{rep['file']}: breaks a rule at level {args.fail_on}{why}", file=sys.stderr)
        return EXIT_CONTENT if bad or unreported else EXIT_OK
    return EXIT_OK


def _unreported(out: Path, listed: dict[str, dict]) -> list[str]:
    """The PDFs the manifest lists whose report file is not there (deleted with it, or alone)."""
    from .outdir import inside

    return sorted(str(e["path"]) for e in listed.values()
                  if inside(e.get("path")) and inside(e.get("report")) and not (out / str(e["report"])).is_file())
