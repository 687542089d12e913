"""A note typed for one patient, its tablets a day against the plan's most in 24 hours, and words that lift the dose's
limit (H162)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_note


@pytest.mark.parametrize("note,refused", [
    # a count times its doses a day above the plan's most in 24 hours (printed beside 1 or 2 tablets, no more than 6)
    ("Take 2 tablets 4 times a day.", "2 tablets 4 times a day"), ("Take two tablets four times a day.", "2 tablets 4 times a day"),
    ("Tome 2 tabletas 4 veces al día.", "2 tabletas 4 veces al día"),
    ("Prenez 2 comprimés 4 fois par jour.", "2 comprimés 4 fois par jour"),
    ("Take 2 tablets 3 times a day.", None), ("Take 1 tablet 4 times a day.", None),
    ("Take 2 tablets every 6 hours if needed.", None),  # (the least gap of an as-needed plan, its most said beside it)
    ("Never take 2 tablets 4 times a day.", None),
    # the times of the day named, a gap around the clock (a review of notes: each printed)
    ("Take 2 tablets at 6 am, noon, 6 pm and midnight.", "2 tablets 6 am, noon, 6 pm and midnight"),
    ("Take 2 tablets at 0800, 1400, 2000 and 0200.", "2 tablets 0800, 1400, 2000 and 0200"),
    ("Take 2 tablets every 6 hours around the clock.", "2 tablets every 6 hours"),
    ("Take 2 tablets every 6 hours day and night.", "2 tablets every 6 hours"),
    ("Tome 2 tabletas cada 6 horas, día y noche.", "2 tabletas cada 6 horas"),
    ("Take 2 tablets at 8 am, 2 pm and 8 pm.", None), ("Take 1 tablet every 6 hours around the clock.", None),
    ("Take 2 tablets every 8 hours around the clock.", None),
    # times of the day joined to a number a day by "and" are more doses (a review of notes: each printed)
    ("Take 2 tablets after each meal and at bedtime.", "2 tablets after each meal and at bedtime"),
    ("Take 2 tablets 3 times a day and at bedtime.", "2 tablets 3 times a day and at bedtime"),
    ("At bedtime and with every meal, take 2 tablets.", "2 tablets bedtime and with every meal"),
    ("Take 2 tablets with each meal and 2 at bedtime.", "2 tablets with each meal and 2 at bedtime"),
    ("Tome 2 tabletas después de cada comida y al acostarse.", "2 tabletas después de cada comida y al acostarse"),
    # ... midnight written as a 24-hour clock ends the day
    ("Tome 2 tabletas a las 6, 12, 18 y 24 horas.", "2 tabletas 6, 12, 18 y 24"),
    ("Prenez 2 comprimés à 6 h, 12 h, 18 h et 24 h.", "2 comprimés 6 h, 12 h, 18 h et 24 h"),
    ("Take 2 tablets at 12 and 24 hours.", None),  # (after the dose, not clock times)
    # ... and a count of the medicine's own name, a count of its tablets
    ("Take 2 Tylenol 4 times a day.", "2 Tylenol 4 times a day"), ("Take 2 Panadol 4 times a day.", "2 Panadol 4 times a day"),
    # ... not times that are the day's doses themselves, a choice, or fewer tablets
    ("Take 2 tablets twice a day, in the morning and at bedtime.", None),
    ("Take 2 tablets after each meal or at bedtime.", None), ("Take 1 tablet after each meal and at bedtime.", None),
])
def test_a_notes_tablets_a_day_are_held_to_the_plans_most(tmp_path: Path, capsys, note: str, refused: str | None) -> None:
    assert_note(tmp_path, capsys, "acetaminophen", note, "H162", refused and
                f"note: '{refused}' in the note: 8 a day, where the plan gives 6 at most in 24 hours")


@pytest.mark.parametrize("note,refused", [
    # an amount times its doses a day above the plan's most (3,000 mg; a review of notes: each printed)
    ("Take 1000 mg at 6 am, noon, 6 pm and midnight.", ("1000 mg 6 am, noon, 6 pm and midnight", "4000 mg")),
    ("Take 1 g four times a day with meals and at bedtime.", ("1 g 4 times a day", "4000 mg")),
    ("Take 1000 mg every 6 hours around the clock.", ("1000 mg every 6 hours", "4000 mg")),
    ("Take 500 mg 4 times a day.", None), ("Take 1000 mg 3 times a day.", None),
])
def test_a_notes_amount_a_day_is_held_to_the_plans_most(tmp_path: Path, capsys, note: str,
                                                        refused: tuple[str, str] | None) -> None:
    assert_note(tmp_path, capsys, "acetaminophen", note, "H162", refused and
                f"note: '{refused[0]}' in the note: {refused[1]} a day, where the plan gives 3000 mg at most in 24 hours")


@pytest.mark.parametrize("handout,note,refused", [
    # a limit lifted, beside a table that gives one (a review of notes: each printed)
    ("acetaminophen", "Take as many as you need.", "as many as you need"),
    ("acetaminophen", "Take as much as you need for the pain.", "as much as you need"),
    ("acetaminophen", "No limit.", "No limit"), ("acetaminophen", "Tome todas las que necesite.", "todas las que necesite"),
    ("acetaminophen", "Prenez-en autant que nécessaire.", "autant que nécessaire"),
    ("methotrexate", "There is no maximum.", "no maximum"),
    # said against, a limit beside it, or about how long
    ("acetaminophen", "Do not take as many as you want.", None),
    ("acetaminophen", "Take it as often as needed, up to 6 tablets a day.", None),
    ("acetaminophen", "Take 2 tablets every 6 hours as often as needed.", None),
    ("ldn", "There is no limit on how long you can take it.", None),
])
def test_a_note_may_not_lift_the_plans_limit(tmp_path: Path, capsys, handout: str, note: str, refused: str | None) -> None:
    assert_note(tmp_path, capsys, handout, note, "H162", refused and
                f"note: '{refused}' in the note: the plan's dose has its amount and its most")
