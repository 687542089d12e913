"""A course's length in the words is the plan's (H158, ``courselength``): the amoxicillin handout's 10 days, its
plan edited as a clinic might, read by ``handout check`` as an author runs it."""

from __future__ import annotations

import shutil

import pytest
from pathlib import Path

from conftest import DATA, assert_note, build_note, edit, line_of, run

TEN = "{when: {unit: day, start: 1, end: 10}, per_kg"
STOP = "      - {when: {unit: day, start: 11}, stop: true}\n"


def _amoxicillin(tmp_path: Path) -> Path:
    dst = tmp_path / "data" / "amoxicillin"
    shutil.copytree(DATA / "amoxicillin", dst)
    return dst


def test_the_bundled_courses_say_their_own_length(capsys) -> None:
    code, _, err = run(["check", "--data", str(DATA)], capsys)
    assert code == 0 and "[H158]" not in err, err


def test_a_plan_edited_to_5_days_under_words_of_10_is_warned_of_at_the_words(tmp_path: Path, capsys) -> None:
    """A review: '… for 10 days' and 'Give all 10 days' printed above a 5-day plan's calendar, with no warning."""
    folder = _amoxicillin(tmp_path)
    edit(folder / "handout.yaml", TEN, TEN.replace("end: 10", "end: 5"))
    edit(folder / "handout.yaml", STOP, STOP.replace("start: 11", "start: 6"))
    code, _, err = run(["check", str(folder), "--edition", "standard"], capsys)
    words = folder / "en.yaml"
    found = [line for line in err.splitlines() if "[H158]" in line]
    assert code == 0 and len(found) == 2, err
    assert found[0].startswith(f"{words}:{line_of(words, 'for 10 days')}:") and "'for 10 days', where the plan's course is 5 days" in found[0]
    assert found[1].startswith(f"{words}:{line_of(words, 'Give all 10 days')}:") and "'all 10 days'" in found[1]
    code, _, err = run(["check", str(folder), "--edition", "standard", "--strict"], capsys)
    assert code == 1 and "error: key_points[1]: 'for 10 days'" in err, err


def test_a_track_of_another_length_under_the_same_words_is_warned_of_at_its_stop(tmp_path: Path, capsys) -> None:
    """A review: a 5-day track added beside the 10-day one, as a refused 5-day prescription is told to do, printed
    10-day words above its 5-day calendar."""
    folder = _amoxicillin(tmp_path)
    facts = folder / "handout.yaml"
    text = facts.read_text(encoding="utf-8")
    standard = text[text.index("  - id: standard"):text.index(STOP) + len(STOP)]
    five = standard.replace("id: standard", "id: five_days").replace("end: 10", "end: 5").replace("start: 11", "start: 6")
    facts.write_text(text.replace(standard, standard + five, 1), encoding="utf-8")
    code, _, err = run(["check", str(folder), "--edition", "standard"], capsys)
    found = [line for line in err.splitlines() if "[H158]" in line]
    assert code == 0 and len(found) == 1, err
    stop = [n for n, line in enumerate(facts.read_text(encoding="utf-8").splitlines(), 1) if "start: 6}, stop" in line][0]
    assert found[0].startswith(f"{facts}:{stop}:") and "track 'five_days' is a course of 5 days" in found[0], found
    assert "'for 10 days'" in found[0]


def _prednisone(tmp_path: Path) -> Path:
    dst = tmp_path / "data" / "prednisone"
    shutil.copytree(DATA / "prednisone", dst)
    return dst


def test_a_taper_of_5_day_steps_under_smaller_every_3_days_is_warned_of(tmp_path: Path, capsys) -> None:
    """A review: 5-day steps printed under 'The dose gets smaller every 3 days' with no warning (FHIR refused them)."""
    facts = _prednisone(tmp_path) / "handout.yaml"
    for old, new in (("start: 1, end: 3}", "start: 1, end: 5}"), ("start: 4, end: 6}", "start: 6, end: 10}"),
                     ("start: 7, end: 9}", "start: 11, end: 15}"), ("start: 10, end: 12}", "start: 16, end: 20}"),
                     ("start: 13}, stop", "start: 21}, stop")):
        edit(facts, old, new)
    code, _, err = run(["check", str(facts.parent), "--edition", "standard"], capsys)
    found = [line for line in err.splitlines() if "[H158]" in line]
    assert code == 0 and len(found) == 1, err
    assert found[0].startswith(f"{facts}:{line_of(facts, 'start: 1, end: 5}')}:"), found
    assert "a step of 5 days, but the words say 'smaller every 3 days'" in found[0], found


def test_a_step_down_course_whose_dose_goes_up_is_warned_of(tmp_path: Path, capsys) -> None:
    """A review: doses going up from 5 mg printed under the title 'step-down course'."""
    facts = _prednisone(tmp_path) / "handout.yaml"
    edit(facts, "amount: 30, parts: [{strength: 20, count: 1}, {strength: 5, count: 2}]", "amount: 5, strength: 5, count: 1")
    code, _, err = run(["check", str(facts.parent), "--edition", "standard"], capsys)
    found = [line for line in err.splitlines() if "[H158]" in line]
    assert code == 0 and len(found) == 1 and "goes up from 5 to 20, but the words say" in found[0], err


def test_a_length_in_words_is_read_as_its_number(tmp_path: Path, capsys) -> None:
    """A code review: 'for ten days' above a 5-day plan passed, only digits being read."""
    folder = _amoxicillin(tmp_path)
    edit(folder / "handout.yaml", TEN, TEN.replace("end: 10", "end: 5"))
    edit(folder / "handout.yaml", STOP, STOP.replace("start: 11", "start: 6"))
    edit(folder / "en.yaml", "for 10 days.", "for ten days.")
    code, _, err = run(["check", str(folder), "--edition", "standard"], capsys)
    assert code == 0 and "'for 10 days', where the plan's course is 5 days" in err, err


@pytest.mark.parametrize("hid, note, refused", [
    ("amoxicillin", "Give it for 5 days.", "for 5 days"),  # (a review: an antibiotic stopped half way)
    ("amoxicillin", "Give it for five days.", "for 5 days"),
    ("amoxicillin", "Give all 7 days.", "all 7 days"),
    ("amoxicillin", "Dele el jarabe durante 5 días.", "durante 5 días"),
    ("amoxicillin", "Donnez-le pendant 5 jours.", "pendant 5 jours"),
    ("amoxicillin", "Give it for 10 days, even if she feels better.", None),
    ("amoxicillin", "Call us if the fever lasts for 3 days.", None),  # (a condition: not the course)
    ("amoxicillin", "The rash may last for 3 days.", None),  # (about no dose)
    ("prednisone", "Take it for 30 days.", "for 30 days"),
    ("prednisone", "Take it for 3 days, then as the table says.", None),  # (a step of the taper is 3 days)
    ("ldn", "Take it for 30 days.", None),  # (a plan that goes on: no course to hold it to)
])
def test_a_note_giving_another_course_length_is_refused(tmp_path: Path, capsys, hid: str, note: str,
                                                         refused: str | None) -> None:
    """A note printed on the patient's page above the calendar: a course of another length is an error."""
    code, err, written = build_note(tmp_path, capsys, hid, note)
    if refused is None:
        assert code == 0 and "[H158]" not in err, err
    else:
        assert code == 1 and not written, err
        assert f"--note: error: note: '{refused}' in the note, where the plan printed is a course of" in err, err


@pytest.mark.parametrize("note, refused", [
    # a taper's step dose kept all the course (printed under 30, 20, 10 and 5 mg, 3 days each: a review of notes)
    ("Take 30 mg every morning for 12 days.", ("for 12 days", "30 mg")),
    ("Take 3 tablets every morning for 12 days.", ("for 12 days", "3 tablets")),
    ("Take 5 mg for 12 days.", ("for 12 days", "5 mg")),
    ("Take 30 mg for 3 days, then 20 mg for 3 days, then 10 mg for 3 days, then 5 mg for 3 days.", None),
    ("Take 20 mg for 3 days.", None), ("Take it for 12 days.", None),
])
def test_a_notes_step_dose_is_held_to_its_steps_length(tmp_path: Path, capsys, note: str,
                                                       refused: tuple[str, str] | None) -> None:
    code, err, written = build_note(tmp_path, capsys, "prednisone", note)
    if refused is None:
        assert code == 0 and "[H158]" not in err, err
    else:
        length, dose = refused
        assert code == 1 and not written, err
        assert f"note: '{length}' in the note with '{dose}', where the plan gives {dose} for 3 days of its 12 days" in err, err
        assert "[H158]" in err


@pytest.mark.parametrize("note, refused", [
    # a taper's step dose given every day with no days of its own (a review of notes: each printed)
    ("Take 30 mg every morning.", ("30 mg", "every morning")), ("Take 20 mg daily with breakfast.", ("20 mg", "daily")),
    ("Take 3 tablets every morning.", ("3 tablets", "every morning")), ("Tome 30 mg cada mañana.", ("30 mg", "cada mañana")),
    # its days, a length, the steps in turn, said against, or no dose
    ("Take 30 mg every morning on days 1 to 3.", None), ("Take 30 mg every morning, then 20 mg.", None),
    ("Take 30 mg every morning for 3 days.", None), ("Never take 30 mg every morning.", None),
    ("Take it every morning with food.", None),
])
def test_a_notes_step_dose_given_every_day_needs_its_days(tmp_path: Path, capsys, note: str,
                                                         refused: tuple[str, str] | None) -> None:
    assert_note(tmp_path, capsys, "prednisone", note, "H158", refused and
                f"note: '{refused[0]}' '{refused[1]}' in the note, where the plan gives {refused[0]} for 3 days of its 12 days")


@pytest.mark.parametrize("lang,text,digits", [
    ("en", "Give it for ten days.", "Give it for 10 days."), ("fr", "Pendant sept jours.", "Pendant 7 jours."),
    # a word matched only under IGNORECASE's extra rules (a long s): left as written, never a KeyError (it crashed
    # a personalised build: "Take 6 tablets on 3 ſept and 5 ſept.")
    ("fr", "Le 3 ſept et le 5 ſept.", "Le 3 ſept et le 5 ſept."),
])
def test_numbers_in_words_are_read_as_digits(lang: str, text: str, digits: str) -> None:
    from handout.courselength import as_digits
    from handout.wordlists import load

    words = load(lang)
    assert words is not None and as_digits(words, text) == digits
