"""One owner per rule: every rule code is registered once, carried by its findings, and what
``report --fail-on`` and the web page decide on (never a finding's words)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from handout import report, websafety
from handout.errors import RULES, Code, Finding, Location, fail_level

HANDOUT = Path(__file__).resolve().parent.parent / "handout"


def test_every_rule_code_is_registered_and_raised_by_one_module() -> None:
    raised: dict[str, set[str]] = {}
    for path in HANDOUT.glob("*.py"):
        for code in re.findall(r'"(H\d{3})"', path.read_text(encoding="utf-8")):
            raised.setdefault(code, set()).add(path.name)
    for code, where in raised.items():
        owners = where - {"errors.py"}
        assert code in RULES, f"{code} ({owners}) is not in errors.RULES"
        assert len(owners) <= 1, f"{code} is raised by {sorted(owners)}: one owner per rule"
    assert {c for c, w in raised.items() if w - {"errors.py"}} == set(RULES), "a registered code no rule raises"


def test_a_finding_prints_its_code_last() -> None:
    f = Finding(Location("h.yaml", 3, 1), "next_review", "more than 24 months …", "warning", "H123")
    assert f.format() == "h.yaml:3:1: warning: next_review: more than 24 months … [H123]"


def test_fail_on_takes_a_level_or_a_rule_code() -> None:
    assert fail_level("warning") == "warning" and fail_level("H123") == "H123" and fail_level("PL006") == "PL006"
    with pytest.raises(argparse.ArgumentTypeError):
        fail_level("H999")
    r = {"errors": 0, "warnings": 1, "pages": 1, "max_pages": 2, "body_pt_min": 12, "review_overdue": False,
         "translation": "source", "findings": [{"severity": "warning", "path": "next_review",
                                                "message": "anything at all", "code": "H123"}]}
    assert report.breaks(r, "H123") and not report.breaks(r, "H122")
    assert not report.breaks(r, "error") and report.breaks(r, "warning")


def test_the_web_page_tells_a_clinician_a_check_failed_by_its_code() -> None:
    f = Finding(Location("x"), "outline", "whatever the words", "error", "H101")
    assert websafety.clinician_message([f])[0] == websafety._FOR_CLINICIANS[Code.CHECK]
