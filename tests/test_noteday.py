"""A weekly medicine's dose on another day than the plan's, in a note typed for one patient (H161, noteday)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_note


@pytest.mark.parametrize("note,refused", [
    # each printed beside a table and calendar of methotrexate on Monday (a review of notes): both days may be taken
    ("Take 6 tablets on Tuesday.", "Tuesday"), ("Take your dose on Thursday.", "Thursday"),
    # a part of the week for its day (a portal administrator's review: printed); not a test's or folic acid's
    ("Take 6 tablets at the weekend.", "weekend"), ("Take 6 tablets midweek.", "midweek"),
    ("Take 6 tablets on Monday. Have a blood test at the weekend.", None), ("Take folic acid at the weekend.", None),
    ("Take 6 tablets at the start of the week.", None),
    ("Take it on Friday this week.", "Friday"), ("Your methotrexate day is Wednesday.", "Wednesday"),
    # a day left to the patient (a review of notes: each printed)
    ("Take your weekly dose on any day you like.", "any day you like"), ("You can take it on any day.", "any day"),
    ("Tome el metotrexato cualquier día de la semana.", "cualquier día de la semana"),
    ("Never take it on any other day.", None), ("If you forget, take it any day that week.", None),
    ("Folic acid can be taken any day except Monday.", None), ("Call us any day if you have a fever.", None),
    ("MTX Thursday.", "Thursday"), ("On Tuesday, take 6 tablets.", "Tuesday"), ("Take 6 tablets on Tuesdays.", "Tuesdays"),
    ("Tome 6 tabletas el martes.", "martes"), ("Tome 6 tabletas los miercoles.", "miercoles"),
    ("Prenez 6 comprimés le mardi.", "mardi"),
    # a change said whole: printed beside a table, a check box and a calendar that still said Monday (a clinic
    # author's review; --day moves them all)
    ("Take methotrexate on Tuesday instead of Monday.", "Tuesday"),
    ("Tome el metotrexato el martes en lugar del lunes.", "martes"),
    # a missed dose's late day, a day from today, the other medicine's days, other things, a warning
    ("If you forget, take it on Tuesday.", None), ("Take 6 tablets today or Thursday.", None),
    ("Folic acid on Tuesday.", None), ("Take 6 tablets on Monday; folic acid on Tuesday.", None),
    ("MTX 15 mg weekly on Mondays. FA 1 mg Thursdays.", None),
    ("Take the form to the lab on Wednesday.", None), ("On Tuesday, take your blood test form.", None),
    ("Until Friday do not take any ibuprofen.", None), ("Bloods on Tuesday.", None),
    ("Never take it on Tuesday.", None), ("Take 6 tablets on Monday. Never take them on any other day, such as Tuesday.", None),
    ("Take 6 tablets on Monday.", None),
])
def test_a_note_may_not_give_the_weekly_dose_on_another_day(tmp_path: Path, capsys, note: str, refused: str | None) -> None:
    code, err, written = build_note(tmp_path, capsys, "methotrexate", note)
    if refused is None:
        assert code == 0 and "[H161]" not in err, err
    else:
        assert code == 1 and not written, err
        assert f"--note: error: note: '{refused}' in the note, where the plan gives methotrexate on Monday" in err, err
        assert "[H161]" in err


def test_a_daily_plan_has_no_day_to_keep(tmp_path: Path, capsys) -> None:
    """Low-dose naltrexone every night: a day by its name in a note is no other day of a weekly dose."""
    code, err, _ = build_note(tmp_path, capsys, "ldn", "Start on Tuesday at bedtime.")
    assert code == 0 and "[H161]" not in err, err


@pytest.mark.parametrize("note, refused", [
    ("Take folic acid on Monday too.", "Monday"), ("Take your folic acid on Mondays as well.", "Mondays"),
    ("Take folic acid every day except Monday.", None), ("Never take folic acid on Monday.", None),
    ("Folic acid on Tuesday.", None), ("Take 6 tablets on Monday; folic acid on Tuesday.", None),
])
def test_the_other_medicine_is_not_moved_onto_the_weekly_day(tmp_path: Path, capsys, note: str,
                                                              refused: str | None) -> None:
    """A review: 'Take folic acid on Wednesday too.' printed beside folic acid's 'every day except Wednesday'."""
    code, err, written = build_note(tmp_path, capsys, "methotrexate", note)
    if refused is None:
        assert code == 0 and "[H161]" not in err, err
    else:
        assert code == 1 and not written, err
        assert f"--note: error: note: '{refused}' in the note for the plan's other medicine, which the plan gives on " \
            "every day but" in err, err
