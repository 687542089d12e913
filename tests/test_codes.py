"""Codes in the facts: RxNorm and condition codes are checked for form, each at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit, line_of, run
from handout.codes import sctid_problem, verhoeff_digit, verhoeff_ok


def test_the_ldn_codes_are_well_formed(ldn: Path, capsys):
    code, out, err = run(["check", "ldn", "--data", str(ldn.parent), "--edition", "card"], capsys)
    assert code == 0, err


@pytest.mark.parametrize("sctid", ["203082005", "52702003", "73211009", "900000000000207008"])
def test_real_snomed_ids_pass_verhoeff(sctid):
    assert verhoeff_ok(sctid) and sctid_problem(sctid) is None
    assert verhoeff_digit(sctid[:-1]) == sctid[-1]


@pytest.mark.parametrize("old, new, message", [
    ('rxnorm: "7243"', 'rxnorm: "RX7243"', "'RX7243' is not an RxCUI (expected digits only"),
    ("code: M79.7,", "code: M797,", "'M797' is not an ICD-10-CM code"),
    ("code: G93.32,", "code: U07.1,", "'U07.1' is not an ICD-10-CM code"),
    ('code: "203082005"', 'code: "203082004"', "fails the SNOMED CT check digit (expected last digit 5"),
    ('code: "52702003"', 'code: "5270"', "is not a SNOMED CT id (expected 6 to 18 digits"),
    ("system: snomed, code: \"52702003\"", "system: loinc, code: \"52702003\"", "'loinc' is not allowed"),
])
def test_a_malformed_code_is_an_error_at_its_line(ldn: Path, capsys, old, new, message):
    facts = ldn / "handout.yaml"
    edit(facts, old, new)
    code, _, err = run(["check", "ldn", "--data", str(ldn.parent), "--edition", "card"], capsys)
    assert code == 1 and "Traceback" not in err
    line = next(e for e in err.splitlines() if message in e)
    assert f"handout.yaml:{line_of(facts, new)}:" in line and ": error: codes." in line
