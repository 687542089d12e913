"""A once-a-week plan on the patient's own day (``--day``, ``handout.weekday``): the table, the check box, the words
and every calendar box move to it, and folic acid with it; what cannot be moved is refused.  A clinic author's
review could give a patient another day only in a note, printed beside a table and calendar that kept the old one."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import DATA, edit, run
from tree_text import read_aloud

START = date.today() + timedelta(days=3)
# (each language's name for the two days, as its calendar and words say them)
NAMES = {"en": ("Monday", "Wednesday"), "es": ("lunes", "miércoles"), "ar": ("الاثنين", "الأربعاء")}


def _build(tmp_path: Path, capsys, *args: str) -> tuple[int, str, dict[str, bytes]]:
    out = tmp_path / "out"
    code, _, err = run(["build", "methotrexate", "--patient", "Ana", "--start", START.isoformat(), "--out", str(out),
                        "--allow-stale", *args], capsys)
    return code, err, {p.name: p.read_bytes() for p in out.rglob("*.pdf")}


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_the_plan_its_words_and_its_check_box_move_to_the_patients_day(tmp_path: Path, capsys, lang: str) -> None:
    code, err, pdfs = _build(tmp_path, capsys, "--lang", lang, "--day", "wednesday", "--edition", "standard")
    assert code == 0, err
    (words,) = [read_aloud(pdf) for pdf in pdfs.values()]
    monday, wednesday = NAMES[lang]
    assert monday not in words, words
    assert words.count(wednesday) >= 6, words  # key point, table, folic acid's exception, check box, tips, heading
    if lang == "en":
        assert "Take your whole dose once a week, on Wednesday morning" in words
        assert "Methotrexate is taken once a week, on Wednesday only" in words
        assert "Folic acid: every day except Wednesday" in words
        assert "If you miss your Wednesday dose" in words


def test_every_calendar_box_is_on_the_patients_day(tmp_path: Path, capsys) -> None:
    """Each box says its day and date (what a screen reader reads): methotrexate on Wednesdays only, every week;
    folic acid on the other six days."""
    code, err, pdfs = _build(tmp_path, capsys, "--lang", "en", "--day", "Wed", "--edition", "calendar")
    assert code == 0, err
    (calendar,) = pdfs.values()
    said = re.findall(r"☐\s(\w+)\s(\w+\s\d+), (Methotrexate|Folic acid):", read_aloud(calendar))  # (\s: a no-break space too)
    assert said, read_aloud(calendar)[:500]
    by_medicine: dict[str, list[date]] = {"Methotrexate": [], "Folic acid": []}
    for weekday, day, medicine in said:
        when = _date(day)
        assert when.strftime("%A") == weekday, (weekday, day)  # (the box's weekday is its date's)
        by_medicine[medicine].append(when)
    assert by_medicine["Methotrexate"] and all(d.weekday() == 2 for d in by_medicine["Methotrexate"])
    weeks = sorted({d - timedelta(days=d.weekday()) for d in by_medicine["Methotrexate"]})
    assert all(b - a == timedelta(weeks=1) for a, b in zip(weeks, weeks[1:]))  # (one a week, no week left out)
    assert by_medicine["Folic acid"] and all(d.weekday() != 2 for d in by_medicine["Folic acid"])


def _date(said: str) -> date:
    """'December 9' as the date on or after the start it names (a calendar may run into the next year)."""
    for year in (START.year, START.year + 1):
        try:
            d = date.fromisoformat(f"{year}-01-01").replace(month=_MONTHS.index(said.split()[0]) + 1,
                                                          day=int(said.split()[1]))
        except ValueError:
            continue
        if d >= START - timedelta(days=7):
            return d
    raise AssertionError(said)


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def test_the_handouts_own_day_is_the_handout_unmoved(tmp_path: Path, capsys) -> None:
    """--day monday is the plan as written: the same bytes as no --day at all, under the same name (a portal
    given both kept two copies of one page); another day is another file."""
    _, _, moved = _build(tmp_path / "a", capsys, "--lang", "en", "--day", "monday", "--edition", "standard")
    _, _, plain = _build(tmp_path / "b", capsys, "--lang", "en", "--edition", "standard")
    _, _, other = _build(tmp_path / "c", capsys, "--lang", "en", "--day", "wednesday", "--edition", "standard")
    assert moved == plain and len(plain) == 1
    assert len(other) == 1 and other.keys() != plain.keys()


def test_a_note_on_the_patients_day_passes_and_on_the_old_day_is_refused(tmp_path: Path, capsys) -> None:
    code, err, _ = _build(tmp_path / "a", capsys, "--lang", "en", "--day", "wednesday", "--edition", "standard",
                          "--note", "Take your tablets on Wednesday.")
    assert code == 0, err
    code, err, pdfs = _build(tmp_path / "b", capsys, "--lang", "en", "--day", "wednesday", "--edition", "standard",
                             "--note", "Take your tablets on Monday.")
    assert code == 1 and not pdfs and "'Monday' in the note, where the plan gives methotrexate on Wednesday" in err


@pytest.mark.parametrize("note", ["Take your tablets on Wednesday instead of Monday.",
                                  "From next week your methotrexate day moves to Wednesday.",
                                  "Take 6 tablets on Wednesday, not Monday."])
def test_a_note_that_moves_the_day_is_refused_and_names_the_option(tmp_path: Path, capsys, note: str) -> None:
    """Passed once: printed beside a table, a check box and a calendar that still said Monday (a review)."""
    code, err, pdfs = _build(tmp_path, capsys, "--lang", "en", "--edition", "standard", "--note", note)
    assert code == 1 and not pdfs, err
    assert "'Wednesday' in the note, where the plan gives methotrexate on Monday" in err and "--day" in err, err


@pytest.mark.parametrize("handout, args, said", [
    ("ldn", ["--day", "wednesday"], "--day: error: weekday: handout 'ldn' gives no medicine once a week on one day"),
    ("methotrexate", ["--day", "someday"], "--day: error: weekday: is not a day of the week (expected one in English"),
])
def test_a_day_that_cannot_be_given_is_refused(tmp_path: Path, capsys, handout: str, args: list[str], said: str) -> None:
    out = tmp_path / "out"
    code, _, err = run(["build", handout, "--lang", "en", "--patient", "Ana", "--out", str(out), *args], capsys)
    assert code in (1, 2) and said in err and not list(out.rglob("*.pdf")), err


def test_words_that_name_the_day_themselves_are_not_moved(tmp_path: Path, capsys) -> None:
    """Moved to Wednesday, "Mark Monday on a calendar" would print beside a Wednesday table."""
    folder = tmp_path / "data" / "methotrexate"
    shutil.copytree(DATA / "methotrexate", folder)
    edit(folder / "en.yaml", "Mark {weekly_day} on a calendar", "Mark Monday on a calendar")
    out = tmp_path / "out"
    code, _, err = run(["build", "methotrexate", "--data", str(tmp_path / "data"), "--lang", "en", "--patient", "Ana",
                        "--day", "wednesday", "--allow-stale", "--out", str(out)], capsys)
    assert code == 1 and not list(out.rglob("*.pdf")), err
    assert "--day: error: weekday: handout 'methotrexate' names 'Monday' in its words" in err
    assert "en.yaml:19:9: sections[0].bullets[0]" in err, err


def test_a_placeholder_with_no_weekly_day_is_refused(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "ldn"
    shutil.copytree(DATA / "ldn", folder)
    edit(folder / "en.yaml", "Take **1 capsule at bedtime**.", "Take **1 capsule at bedtime** on {weekly_day}.")
    code, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    assert code == 1 and "'{weekly_day}' names the plan's once-a-week day, and handout 'ldn' gives no medicine once " \
        "a week" in err, err


def test_the_web_page_moves_the_day_too(tmp_path: Path) -> None:
    from handout.web import create_app
    from handout.websafety import csrf_token

    client = create_app(DATA, rate="1000 per minute").test_client()
    resp = client.post("/pdf", data={"handout": "methotrexate", "lang": "en", "edition": "standard", "patient": "Ana",
                                     "start": START.isoformat(), "weekday": "Wednesday", "csrf": csrf_token()})
    assert resp.status_code == 200 and resp.mimetype == "application/pdf", resp.get_data(as_text=True)[:500]
    words = read_aloud(resp.get_data())
    assert "Monday" not in words and "once a week, on Wednesday only" in words


def test_a_day_without_a_patient_is_a_usage_error(tmp_path: Path, capsys) -> None:
    """A review: '--day wednesday' alone built the general handout on Monday, exit 0."""
    out = tmp_path / "out"
    code, _, err = run(["build", "methotrexate", "--lang", "en", "--day", "wednesday", "--out", str(out)], capsys)
    assert code == 2 and "--day: error: weekday: is for a patient's handout" in err and not list(out.rglob("*.pdf"))


@pytest.mark.parametrize("typed, day", [("Wed", "wednesday"), ("WEDS.", "wednesday"), ("Thurs", "thursday"),
                                        ("miércoles", "wednesday"), ("mié", "wednesday"), ("mercredi", "wednesday"),
                                        ("sábado", "saturday"), ("الجمعة", "friday"), ("Thứ Tư", "wednesday"),
                                        ("수요일", "wednesday"), ("среда", "wednesday"), ("в среду", "wednesday"),
                                        ("سه‌شنبه", "tuesday"), ("سهشنبه", "tuesday"), ("星期三", "wednesday"),
                                        ("mèkredi", "wednesday"), ("बुधवार", "wednesday"), ("Miyerkules", "wednesday")])
def test_a_day_is_read_in_any_language_of_the_labels(typed: str, day: str) -> None:
    """Reviews: a Spanish patient's CSV row said "miércoles" and was refused; so was an Arabic clinic's "الجمعة" (the
    methotrexate handout is in Arabic).  Short forms are read in English, Spanish and French only."""
    from handout.weekday import read

    assert read(typed) == day


@pytest.mark.parametrize("typed", ["сре", "mittwoch", "3", "day"])
def test_a_word_that_is_no_day_in_the_labels_is_refused(typed: str) -> None:
    from handout.weekday import read

    with pytest.raises(ValueError):
        read(typed)


@pytest.mark.parametrize("note, said", [("Take your tablets on Wed.", "Wed"), ("Take your tablets on Thurs.", "Thurs"),
                                        ("Take your tablets on Sat.", "Sat"), ("Tómelas el mié.", "mié"),
                                        ("Take your tablets in the sun.", None), ("Take them on Mon.", None)])
def test_a_day_written_short_in_a_note_is_read(tmp_path: Path, capsys, note: str, said: str | None) -> None:
    """A review: 'on Wed.', 'on Thurs.', 'el mié.' passed beside Monday's table, where the full names were refused."""
    code, err, pdfs = _build(tmp_path, capsys, "--lang", "en", "--edition", "standard", "--note", note)
    if said is None:
        assert code == 0 and "[H161]" not in err, err
    else:
        assert code == 1 and not pdfs and f"'{said}' in the note, where the plan gives methotrexate on Monday" in err


def test_a_prescription_on_another_day_is_printed_on_its_day(tmp_path: Path, capsys) -> None:
    """A review: a Wednesday order was refused, "the handout's words are written for Monday", though its words name
    the day with {weekly_day}."""
    import json

    rx = {"resourceType": "MedicationRequest", "id": "rx-1", "status": "active", "intent": "order",
          "subject": {"reference": "Patient/123"}, "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                                                    "code": "6851", "display": "methotrexate"}]},
          "dosageInstruction": [{"timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "wk",
                                                       "dayOfWeek": ["wed"], "when": ["MORN"],
                                                       "boundsPeriod": {"start": START.isoformat()}}},
                                 "doseAndRate": [{"doseQuantity": {"value": 15, "unit": "mg",
                                                                   "system": "http://unitsofmeasure.org",
                                                                   "code": "mg"}}]}]}
    path = tmp_path / "rx.json"
    path.write_text(json.dumps(rx), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(["build", "methotrexate", "--lang", "en", "--patient", "Ana", "--medication-request", str(path),
                        "--edition", "standard", "--out", str(out)], capsys)
    assert code == 0, err
    (pdf,) = out.rglob("*.pdf")
    words = read_aloud(pdf.read_bytes())
    assert "Monday" not in words and "once a week, on Wednesday morning" in words, words[:600]


def test_the_web_page_offers_the_days_as_a_list() -> None:
    from handout.web import create_app

    html = create_app(DATA, rate="1000 per minute").test_client().get("/").get_data(as_text=True)
    select = html.split('<select id="weekday" name="weekday"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="(\w*)"', select) == ["", "monday", "tuesday", "wednesday", "thursday", "friday",
                                                            "saturday", "sunday"]


def test_the_table_headings_stay_whole_when_a_long_day_name_widens_its_columns(tmp_path: Path, capsys) -> None:
    """Spanish large print with Wednesday: "miércoles" in two columns left the words too wide for the page, and every
    column gave way alike, so the heading printed "Medicament" over "o".  The cells' padding now gives way first."""
    from conftest import pdf_text
    from handout.localize import load_labels

    code, err, pdfs = _build(tmp_path, capsys, "--lang", "es", "--day", "miércoles", "--edition", "large-print")
    assert code == 0, err
    (pdf,) = pdfs.values()
    lines = {line.strip() for page in pdf_text(pdf) for line in page.split("\n")}
    lab = load_labels("es")
    for key in ("col_when", "col_medicine", "col_dose", "col_day"):
        for word in lab(key).split():
            assert any(re.search(rf"(^|\s){re.escape(word)}(\s|$)", line) for line in lines), (word, sorted(lines))
