"""Words that say a dose is taken once a week, where no step of the plan gives a medicine on one day a week (H166,
``handout.weeklysaid``).  A review wrote alendronate 70 mg "(once a week)" with the step's day left out: the handout
built with no word, a calendar of 7 boxes a week under a title saying once a week.  Each case edits a copy of LDN
(a daily plan) as an author would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, edit, run

CASES = [
    # (what is replaced, by what, the finding: "error", "warning" or None)
    ("title: Low-dose naltrexone (LDN)", "title: Low-dose naltrexone (LDN) (once a week)", "error"),
    ("title: Low-dose naltrexone (LDN)", "title: Low-dose naltrexone (LDN), weekly dose", "error"),
    ("Take **1 capsule at bedtime**.", "Take **1 capsule once a week**.", "warning"),
    ("Take **1 capsule at bedtime**.", "Take 1 capsule every week, at bedtime.", "warning"),
    # not said of a dose: a test, an appointment
    ("Take **1 capsule at bedtime**.", "Take **1 capsule at bedtime**. Have a blood test once a week.", None),
    ("Take **1 capsule at bedtime**.", "Take **1 capsule at bedtime**. We will call you every week.", None),
]


def _ldn(tmp_path: Path) -> Path:
    folder = tmp_path / "ldn"
    shutil.copytree(DATA / "ldn", folder)
    return folder


@pytest.mark.parametrize("old,new,found", CASES, ids=[c[1] for c in CASES])
def test_once_a_week_said_of_a_daily_plans_dose(tmp_path: Path, capsys, old: str, new: str, found: str | None) -> None:
    folder = _ldn(tmp_path)
    edit(folder / "en.yaml", old, new)
    code, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    said = [ln for ln in err.splitlines() if "[H166]" in ln]
    if found is None:
        assert said == [], said
        return
    assert len(said) == 1 and f": {found}: " in said[0], err
    assert "no step of the plan gives a medicine on one day a week" in said[0]
    assert code == (1 if found == "error" else 0), err


def test_the_title_stops_the_build_and_nothing_is_written(tmp_path: Path, capsys) -> None:
    folder = _ldn(tmp_path)
    edit(folder / "en.yaml", "title: Low-dose naltrexone (LDN)", "title: Low-dose naltrexone (LDN) (once a week)")
    out = tmp_path / "out"
    code, _, err = run(["build", str(folder), "--lang", "en", "--out", str(out)], capsys)
    assert code == 1 and "en.yaml:7:8: error: title: 'once a week'" in err, err
    assert not list(out.rglob("*.pdf"))


def test_a_spanish_translation_is_read_in_its_words(tmp_path: Path, capsys) -> None:
    folder = _ldn(tmp_path)
    edit(folder / "es.yaml", 'title: "Naltrexona en dosis baja (LDN)"', 'title: "Naltrexona en dosis baja (LDN), una vez a la semana"')
    _, _, err = run(["check", str(folder), "--lang", "es", "--allow-stale"], capsys)
    assert "es.yaml:6:8: error: title: 'una vez a la semana'" in err, err


def test_a_plan_with_a_weekly_step_is_not_judged(tmp_path: Path, capsys) -> None:
    """Methotrexate's plan gives it on Monday only: its title's "(once a week)" is its plan's."""
    _, _, err = run(["check", str(DATA / "methotrexate"), "--lang", "en"], capsys)
    assert "[H166]" not in err, err
