"""A once-a-week medicine's plan names one day (H157, ``weeklyonly``): built from the CLI on copies of the bundled
methotrexate handout, its plan edited as a clinic might, and on LDN with methotrexate as a companion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, edit, line_of, run
from handout.weeklyonly import weekly_medicine

MONDAY = "days: [monday], timing: morning}"


def _methotrexate(tmp_path: Path) -> Path:
    dst = tmp_path / "data" / "methotrexate"
    shutil.copytree(DATA / "methotrexate", dst)
    return dst


@pytest.mark.parametrize("days, said", [
    # a review: each printed a daily or twice-weekly table and calendar, with no error
    ("timing: morning}", "every day"),
    ("days: [monday, tuesday, wednesday, thursday, friday, saturday, sunday], timing: morning}",
     "every day of the week"),
    ("days: [monday, thursday], timing: morning}", "on Monday and Thursday"),
    ("every: {days: 3}, timing: morning}", "every 3 days"),
])
def test_a_weekly_medicine_on_more_than_one_day_is_refused_at_its_days(tmp_path: Path, capsys, days: str,
                                                                       said: str) -> None:
    folder = _methotrexate(tmp_path)
    facts = folder / "handout.yaml"
    edit(facts, MONDAY, days)
    out = tmp_path / "out"
    code, _, err = run(["build", "methotrexate", "--data", str(folder.parent), "--out", str(out)], capsys)
    assert code == 1 and not list(out.rglob("*.pdf")), err
    line = next(e for e in err.splitlines() if "[H157]" in e)
    assert line.startswith(f"{facts}:{line_of(facts, days)}:") and ": error: tracks[0].steps[0].days: " in line, line
    assert f"gives methotrexate {said}, but methotrexate is taken once a week, on one day" in line, line
    assert "Traceback" not in err and sum("[H157]" in e for e in err.splitlines()) == 1, err  # (once, every language)


def test_a_weekly_dose_split_over_one_day_passes(tmp_path: Path, capsys) -> None:
    """Half in the morning and half in the evening of Monday is one day's dose (a split for the stomach)."""
    folder = _methotrexate(tmp_path)
    edit(folder / "handout.yaml", MONDAY, "days: [monday], timing: [morning, evening]}")
    edit(folder / "handout.yaml", "amount: 15, strength: 2.5, count: 6", "amount: 7.5, strength: 2.5, count: 3")
    code, _, err = run(["check", "methotrexate", "--data", str(folder.parent), "--lang", "en"], capsys)
    assert "[H157]" not in err, err


def test_a_companion_named_as_a_weekly_medicine_is_held_to_one_day(ldn: Path, capsys) -> None:
    facts = ldn / "handout.yaml"
    text = facts.read_text(encoding="utf-8")
    steps = "      - {when: {unit: week, start: 5}, amount: 4.5, strength: 4.5, count: 1, timing: bedtime, note: usual_dose}\n"
    assert steps in text
    companion = ("    companions:\n      - name: Trexall\n        product: {form: tablet, unit: mg}\n        steps:\n"
                 "          - {when: {unit: week, start: 1}, amount: 15, strength: 2.5, count: 6, "
                 "days: [monday, friday], timing: morning}\n")
    facts.write_text(text.replace(steps, steps + companion, 1), encoding="utf-8")
    code, _, err = run(["check", "ldn", "--data", str(ldn.parent)], capsys)
    assert code == 1 and "tracks[0].companions[0].steps[0].days: track 'standard' gives Trexall on Monday and " \
        "Friday, but methotrexate is taken once a week" in err, err


@pytest.mark.parametrize("names, rxnorm, found", [
    (["methotrexate"], None, "methotrexate"), (["Méthotrexate"], None, "methotrexate"),
    (["weekly MTX"], None, "methotrexate"), (["Metotrexato (Metoject)"], None, "methotrexate"),
    (["Methotrexate and folic acid"], None, "methotrexate"), (["Metotrexato 2,5 mg"], None, "methotrexate"),
    (["ldn", "naltrexone"], None, None), (["anything"], "6851", "methotrexate"),
    # a name inside another word is no name ("mtx" in "mtxa"); a handout about another medicine names it first
    # (a code review: "folic-acid-with-mtx" as the id, and such short names, were refused)
    (["mtxa"], None, None), (["folic acid"], None, None), (["naltrexone"], "7243", None),
    (["Folic acid with methotrexate"], None, None), (["Leucovorin after methotrexate"], None, None),
])
def test_a_weekly_medicine_is_found_by_a_name_or_its_rxnorm_code(names, rxnorm, found) -> None:
    assert weekly_medicine(names, rxnorm) == found


def test_a_daily_medicine_whose_handout_id_names_methotrexate_is_not_refused(tmp_path: Path, capsys) -> None:
    """A code review: a folic acid handout for methotrexate patients ("folic-acid-with-mtx") was refused as if its
    daily plan were methotrexate's; a handout's id is a folder's name, never what its plan gives."""
    dst = tmp_path / "data" / "folic-acid-with-mtx"
    shutil.copytree(DATA / "ldn", dst)
    edit(dst / "handout.yaml", "id: ldn", "id: folic-acid-with-mtx")
    code, _, err = run(["check", "folic-acid-with-mtx", "--data", str(tmp_path / "data"), "--lang", "en"], capsys)
    assert "[H157]" not in err and code == 0, err
