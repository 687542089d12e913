"""--personal-csv with what Excel and people really write (issue 16): encodings, quotes, empty
files, huge cells, many rows; every bad row reported by its line, never its values."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import DATA, build_rows, run
from handout.patientcsv import from_csv

START = (date.today() + timedelta(days=5)).isoformat()


def build(tmp_path: Path, csv_file: Path, capsys):
    return run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--edition", "standard",
                "--out", str(tmp_path / "out"), "--personal-csv", str(csv_file)], capsys)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_excel_encodings_are_read(tmp_path: Path, capsys, encoding):
    f = tmp_path / "p.csv"
    f.write_text(f"patient,start\nJosé Núñez,{START}\n", encoding=encoding)
    code, _, err = build(tmp_path, f, capsys)
    assert code == 0 and "Traceback" not in err, err


def test_latin1_is_refused_clearly(tmp_path: Path, capsys):
    f = tmp_path / "p.csv"
    f.write_bytes(f"patient,start\nJosé Núñez,{START}\n".encode("latin-1"))
    code, _, err = build(tmp_path, f, capsys)
    assert code == 1 and "is not UTF-8 or UTF-16" in err and "Traceback" not in err and "Jos" not in err


@pytest.mark.parametrize("body,message", [("", "is empty"), ("patient,start\n", "no patients")])
def test_empty_files_fail(tmp_path: Path, capsys, body, message):
    f = tmp_path / "p.csv"
    f.write_text(body, encoding="utf-8")
    code, _, err = build(tmp_path, f, capsys)
    assert code == 1 and message in err  # an empty file once exited 0 having built nothing


@pytest.mark.parametrize("body,message", [
    # "Ana,Bob" under "patient,patient" printed "Prepared for: Bob" (an adversarial review)
    (f"patient,patient,start\nAna,Bob,{START}\n", "p.csv:1:1: error: column(s) patient given twice"),
    (f"patient;start\nAna;{START}\n", "p.csv:1:1: error: the columns are separated by ';' (expected ',': in Excel, "
                                      "save as 'CSV UTF-8 (Comma delimited)')"),
    # A file exported without its header: its first patient's name and date were quoted as columns
    (f"Bob Smith,{START},es\nAna,{START},en\n", "p.csv:1:1: error: the first line is not a header row"),
])
def test_a_header_that_cannot_be_read_one_way_is_refused(tmp_path: Path, capsys, body, message):
    f = tmp_path / "p.csv"
    f.write_text(body, encoding="utf-8")
    code, _, err = build(tmp_path, f, capsys)
    assert code == 1 and message in err and "Bob" not in err and START not in err, err
    assert not (tmp_path / "out" / "personal").exists()


def test_an_unclosed_quote_is_reported_not_swallowing_the_next_row_silently(tmp_path: Path, capsys):
    f = tmp_path / "p.csv"
    f.write_text(f'patient,start\n"Ana,{START}\nBob,{START}\nCy,{START}\n', encoding="utf-8")
    code, _, err = build(tmp_path, f, capsys)
    assert code == 1 and "a quote (\") is not closed" in err and "Bob" not in err


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_a_128kb_cell_is_a_bad_row_and_the_rest_builds(tmp_path: Path, capsys, end):
    """... in a file of any line ends: with CR alone, the row's end was never found and every later
    patient was dropped without a word (a review)."""
    f = tmp_path / "p.csv"
    f.write_bytes(end.join(["patient,start", f"{'x' * 131_073},{START}", f"Ana,{START}", f"Bo,{START}", ""]).encode())
    code, _, err = build(tmp_path, f, capsys)
    assert code == 1 and "p.csv:2:1" in err and "Traceback" not in err, err
    assert len(list((tmp_path / "out" / "personal").glob("*.pdf"))) == 2, err


def test_a_line_of_the_most_characters_is_read(tmp_path: Path, capsys):
    """A line of exactly the most characters (16,384), ending CR LF, was refused as longer (a review)."""
    from handout.patientcsv import MAX_CELL

    f = tmp_path / "p.csv"
    note = "y" * (MAX_CELL * 4 - len(f"Ana,{START},"))
    f.write_bytes("\r\n".join(["patient,start,note", f"Ana,{START},{note}", ""]).encode())
    rows = list(from_csv(f, None))
    assert len(rows) == 1 and all("unreadable" not in x.message for x in rows[0].problems), rows[0].problems


def test_rows_are_streamed(tmp_path: Path):
    f = tmp_path / "p.csv"
    with f.open("w", encoding="utf-8") as fh:
        fh.write("patient,start\n")
        for i in range(100_000):
            fh.write(f"P{i},{START}\n")
    rows = from_csv(f, None)
    first = next(rows)  # the first row comes before the file is read whole
    assert first[0] == 2 and first[1] is not None and first[1].patient == "P0"


def test_bad_values_are_named_by_field_and_row_never_by_value(tmp_path: Path, capsys):
    f = tmp_path / "p.csv"
    f.write_text("patient,start,prescriber_phone\nAna,2026-13-45,call me 555\n", encoding="utf-8")
    code, _, err = build(tmp_path, f, capsys)
    assert code == 1 and "start: row 2: is not a day of the calendar" in err  # month 13
    said = err.replace(str(tmp_path), "<tmp>")  # pytest's own folder may be pytest-555
    assert "2026-13-45" not in said and "555" not in said


def test_file_names_are_keyed_so_guessing_fields_does_not_find_the_patient(tmp_path: Path, monkeypatch):
    import hashlib
    import json
    import os
    import stat
    from dataclasses import asdict

    from handout.personal import digest, merge

    p = merge(None, patient="Ana Pérez", start=date(2026, 12, 1))
    name = digest(p, "ldn", "en", "standard")
    assert name == digest(p, "ldn", "en", "standard")  # same patient, same file
    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(p).items() if k not in ("loc", "field_locs")}
    unkeyed = hashlib.sha256(json.dumps([data, ["ldn", "en", "standard"]], sort_keys=True, ensure_ascii=False).encode())
    assert not unkeyed.hexdigest().startswith(name[:12])
    secret = Path(os.environ["HANDOUT_SECRET_FILE"])
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    monkeypatch.setenv("HANDOUT_SECRET_FILE", str(tmp_path / "other"))
    assert digest(p, "ldn", "en", "standard") != name  # another installation: another name


def test_each_row_may_name_its_patients_language(tmp_path: Path, capsys):
    """A clinic's list of patients, each in their own language: without a language column every
    row got every language (24 PDFs for one LDN patient), and 'language' was an unknown column."""
    f = tmp_path / "p.csv"
    f.write_text(f"patient,start,language\nAna,{START},es\nBo,{START},ar\nCy,{START},de\nDi,{START},\n", encoding="utf-8")
    code, out, err = run(["build", "methotrexate", "--data", str(DATA), "--edition", "standard",
                          "--out", str(tmp_path / "out"), "--personal-csv", str(f)], capsys)
    assert code == 1  # Cy's row, and Di's
    built = [ln.split(" built ")[1].split("/")[-1].split(".")[1] for ln in out.splitlines() if " built " in ln]
    rows = [ln.split(": built ")[0] for ln in out.splitlines() if " built " in ln]
    assert built == ["es", "ar"], out
    assert rows[0].endswith("row 2") and rows[1].endswith("row 3")
    assert f"{f}:4:1: error: language: row 4: handout 'methotrexate' has no version in the row's language" in err
    # A blank cell got every language (3 PDFs for one patient): the patient reads one, which is asked for.
    assert (f"{f}:5:1: error: language: row 5: no language, and handout 'methotrexate' is in several (expected "
            "the patient's language, e.g. es, or --lang)") in err
    code, out, err = run(["build", "methotrexate", "--data", str(DATA), "--edition", "standard", "--lang", "en",
                          "--out", str(tmp_path / "out2"), "--personal-csv", str(f)], capsys)
    assert "row 2: the row's language is not among the languages asked for (--lang en)" in err
    # ... written as an export writes it too: 'ES-mx' is Spanish, which is there (a review: "no version")
    f.write_text(f"patient,start,language\nAna,{START},ES-mx\n", encoding="utf-8")
    code, out, err = run(["build", "methotrexate", "--data", str(DATA), "--edition", "standard", "--lang", "en",
                          "--out", str(tmp_path / "out3"), "--personal-csv", str(f)], capsys)
    assert code == 1 and "row 2: the row's language is not among the languages asked for (--lang en)" in err, err


def test_a_row_without_a_language_gets_the_handouts_written_in_one(tmp_path: Path, capsys):
    """Whether a language is needed is a question for each handout (a code review): a row with no
    language still gets acetaminophen, written in English only, and is asked for methotrexate's."""
    f = tmp_path / "p.csv"
    f.write_text(f"patient,start,language\nDi,{START},\n", encoding="utf-8")
    code, out, err = run(["build", "methotrexate", "acetaminophen", "--data", str(DATA), "--edition", "standard",
                          "--out", str(tmp_path / "out"), "--personal-csv", str(f)], capsys)
    assert code == 1
    assert [ln.split(" built ")[1].split("/")[-1].split(".")[:2] for ln in out.splitlines() if " built " in ln] == \
        [["acetaminophen", "en"]], out
    assert f"{f}:2:1: error: language: row 2: no language, and handout 'methotrexate' is in several" in err, err


def test_a_rows_language_missing_from_one_of_the_handouts_is_said_and_never_echoes_a_value(tmp_path: Path, capsys):
    """Found in review: a row in French, built for LDN and methotrexate, got LDN only ('built 1,
    failed 0'); and a swapped column printed "no 'Ana Pérez' version"."""
    f = tmp_path / "q.csv"
    f.write_text(f"patient,start,language\nAna,{START},fr\nBo,{START},Ana Pérez\nCy,{START},Ali\n", encoding="utf-8")
    code, out, err = run(["build", "ldn", "methotrexate", "--data", str(DATA), "--edition", "standard",
                          "--out", str(tmp_path / "out"), "--personal-csv", str(f)], capsys)
    assert code == 1 and out.count(" built ") == 1 and "ldn.fr." in out
    assert f"{f}:2:1: error: language: row 2: handout 'methotrexate' has no version in the row's language" in err
    assert f"{f}:3:1: error: language: row 3: is not a language code" in err and "Pérez" not in err + out
    assert f"{f}:4:1: error: language: row 4: handout 'ldn' has no version in the row's language" in err
    assert "Ali" not in err + out  # a short name in the wrong column looks like a language code


def test_a_file_without_a_language_column_is_refused_unless_lang_says_which(tmp_path: Path, capsys):
    """An adversarial review: a CSV without a 'language' column built every language for each
    patient (2 patients of LDN: 72 PDFs, in 12 languages, each holding the patient's details).
    A clinic expects each patient's handout in the language they read, which only the clinic knows:
    it is asked for, never guessed, before anything is written; --lang says it for every row."""
    f = tmp_path / "p.csv"
    f.write_text(f"patient,start\nAna,{START}\nBo,{START}\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run(["build", "ldn", "--data", str(DATA), "--edition", "standard", "--out", str(out),
                             "--personal-csv", str(f)], capsys)
    assert code == 1 and not (out / "personal").exists() and " built " not in stdout
    assert err.splitlines() == [f"{f}:1:1: error: language: no 'language' column, and the handout is in several "
                                "(expected each patient's language in a 'language' column, or --lang)"], err
    code, stdout, err = run(["build", "ldn", "--data", str(DATA), "--edition", "standard", "--out", str(out),
                             "--personal-csv", str(f), "--lang", "es"], capsys)
    assert code == 0 and sorted(p.name.split(".")[1] for p in (out / "personal").glob("*.pdf")) == ["es", "es"], err


def test_a_rows_language_is_read_in_any_case_and_falls_back_to_its_primary_language(tmp_path: Path, capsys):
    """An adversarial review: 'ES' and 'zh-hans', as exports spell them, were 'no version in the row's
    language', and 'es-MX' did not fall back to 'es' as the web page does; nor did 'es_MX', 'zh-CN'
    (the handouts' zh-Hans) or 'fil' (Tagalog, tl)."""
    f = tmp_path / "p.csv"
    f.write_text(f"patient,start,language\nAna,{START},ES\nBo,{START},zh-hans\nCy,{START},es-MX\nDi,{START},fr-CA\n"
                 f"Ed,{START},es_MX\nFu,{START},zh-CN\nGi,{START},fil\n", encoding="utf-8")
    code, out, err = run(["build", "ldn", "--data", str(DATA), "--edition", "standard", "--out", str(tmp_path / "out"),
                          "--personal-csv", str(f)], capsys)
    built = [ln.split(" built ")[1].split("/")[-1].split(".")[1] for ln in out.splitlines() if " built " in ln]
    assert code == 0 and built == ["es", "zh-Hans", "es", "fr", "es", "zh-Hans", "tl"], (built, err)


def test_a_row_given_twice_is_built_once_and_said(tmp_path: Path, capsys):
    """A clinic's trial: two identical rows both said they built the same file, and the summary counted 8 PDFs where
    6 were on disk."""
    rows = f"Ana,{START},18,{date.today()},45,10\n"
    code, stdout, err, f, out = build_rows(tmp_path, capsys, "patient,start,weight_kg,weighed_on,per_kg_day,course_days\n"
                                           + rows + rows + f"Bea,{START},19,{date.today()},45,10\n")
    files = sorted(p.name for p in (out / "personal").iterdir())
    assert code == 0 and len(files) == 4 and "built 4 personalised, failed 0; 0 of 3 rows" in err, (files, err)
    said = [ln for ln in err.splitlines() if f"{f}:3:1: note: row 3: " in ln]
    named = {ln.split("row 3: ")[1].split(":")[0] for ln in said}  # the handout's and the calendar's, by name
    assert len(said) == 2 and len(named) == 2 and named <= set(files), err
    assert all("the same file as row 2's (the same patient and details): built once" in ln for ln in said), err
    assert f"{f}:3: row 3: built" not in stdout


def test_a_spreadsheets_header_spelling_and_blank_columns_are_read(tmp_path: Path, capsys):
    """A clinic's trial: Excel's "Patient,Start" headers were "none of its 2 cells is a column name", its empty
    trailing columns "unknown column(s) ,"."""
    code, stdout, err, f, out = build_rows(
        tmp_path, capsys, f"Patient,Start,Weight kg,Weighed On,per-kg-day,Course Days,,\nAna,{START},18,{date.today()},"
        f"45,10,,\nBea,{START},18,{date.today()},45,10,,oops\n", "--edition", "standard")
    assert code == 1 and f"{f}:2: row 2: built " in stdout and len(list(out.rglob("*.pdf"))) == 1, err
    assert (f"{f}:3:1: error: row 3: a value in column 8, whose header cell is blank (expected a column name above "
            "it, or the cell empty)") in err, err


def test_a_rows_weight_needs_the_day_it_was_taken(tmp_path: Path, capsys):
    """A row's weight comes from a record and may be months old: without its date it was printed as taken today
    and the 90-day rule never saw it (a paediatric pharmacist's review).  A weight typed at the desk is today's."""
    old = (date.today() - timedelta(days=120)).isoformat()
    code, stdout, err, f, out = build_rows(
        tmp_path, capsys, "patient,start,weight_kg,weighed_on,per_kg_day,course_days\n"
        f"Ana,{START},18,,45,10\nBea,{START},18,{old},45,10\nCy,{START},18,{date.today()},45,10\n", "--edition", "standard")
    assert code == 1 and len(list(out.rglob("*.pdf"))) == 1 and f"{f}:4: row 4: built " in stdout, err
    assert (f"{f}:2:1: error: weighed_on: row 2: a weight with no date of weighing (expected a value in the row's "
            "'weighed_on' column too: a record's weight may be old, the dose follows the weight, and the page prints "
            "the date)") in err, err
    assert f"{f}:3:1: error: weighed_on: row 3: is more than 90 days ago" in err, err
    code, _, err = run(["build", "amoxicillin", "--data", str(DATA), "--lang", "en", "--edition", "standard",
                        "--out", str(tmp_path / "desk"), "--patient", "Ana", "--weight", "18", "--per-kg", "45",
                        "--course-days", "10"], capsys)
    assert code == 0 and "weighed_on" not in err, err


def test_a_rows_messages_ask_for_its_columns_not_for_options_the_run_never_had(tmp_path: Path, capsys):
    """A batch team fixing a CSV was told "(expected --weight KG)", an option a CSV run refuses: a row's
    messages ask for the row's column; the command line's still name the option."""
    f = tmp_path / "p.csv"
    f.write_text("patient,start,weight_kg,weighed_on,per_kg_day,course_days\n"
                 f"Ana,{START},,,45,10\nBea,{START},,{date.today().isoformat()},45,10\n", encoding="utf-8")
    code, _, err = run(["build", "amoxicillin", "--data", str(DATA), "--lang", "en", "--edition", "standard",
                        "calendar", "--out", str(tmp_path / "out"), "--personal-csv", str(f)], capsys)
    assert code == 1, err
    assert (f"{f}:2:1: warning: weight_kg: row 2: no weight: handout 'amoxicillin' works its doses out from the weight, "
            "so its dose lines are left blank, to be filled in by hand (expected a value in the row's 'weight_kg' "
            "column)") in err, err
    assert (f"{f}:3:1: error: weighed_on: row 3: a date of weighing without a weight (expected a value in the row's "
            "'weight_kg' column too)") in err, err
    assert "--weight" not in err and "KG" not in err, err
    g = tmp_path / "q.csv"
    g.write_text("patient\nAna\n", encoding="utf-8")
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--edition", "calendar",
                        "--out", str(tmp_path / "out2"), "--personal-csv", str(g)], capsys)
    assert code == 1 and ("start: row 2: the calendar needs a start date (expected a value in the row's 'start' "
                          "column)") in err and "--start" not in err, err
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--edition", "calendar",
                        "--out", str(tmp_path / "out3"), "--patient", "Ana"], capsys)
    assert code == 1 and "start: the calendar needs a start date (expected --start YYYY-MM-DD)" in err, err


def test_a_handout_column_builds_each_row_its_own_handout(tmp_path: Path, capsys):
    """A day's prescriptions of several medicines in one file: every row was built for every handout
    named, so amoxicillin's 10 days and prednisone's 12 could not both be confirmed in one run, and each
    patient got the other medicine's handout too.  A 'handout' column gives each row its own; a value
    that is none of the run's is refused without being echoed, and so is a blank one (never every
    handout: that gave a patient another medicine's)."""
    f = tmp_path / "p.csv"
    f.write_text("patient,start,handout,weight_kg,weighed_on,per_kg_day,course_days\n"
                 f"Mia,{START},amoxicillin,18,{date.today()},45,10\nMia,{START},prednisone,,,,12\n"
                 f"Bo,{START},Ana Perez,,,,\nCy,{START},,,,,\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run(["build", "amoxicillin", "prednisone", "--data", str(DATA), "--lang", "en", "--edition",
                             "standard", "--out", str(out), "--personal-csv", str(f)], capsys)
    built = sorted(p.name.split(".")[0] for p in (out / "personal").glob("*.pdf"))
    assert code == 1 and built == ["amoxicillin", "prednisone"], (built, err)
    assert f"{f}:2: row 2: built {out}/personal/amoxicillin.en." in stdout and \
        f"{f}:3: row 3: built {out}/personal/prednisone.en." in stdout, stdout
    assert [ln for ln in err.splitlines() if ": error: " in ln] == [
        f"{f}:4:1: error: handout: row 4: is not a handout of this run (expected one of: amoxicillin, prednisone)",
        f"{f}:5:1: error: handout: row 5: no handout, in a file that names each row's (expected one of: amoxicillin, "
        "prednisone)"], err
    assert "Ana" not in err.replace(str(tmp_path), "<tmp>"), err
    assert "built 2 personalised, failed 2; 2 of 4 rows with a problem (said above)" in err, err
    # A row whose handout's content is refused (said once, above) is said not built, at its own line.
    import shutil

    data = tmp_path / "data"
    for hid in ("amoxicillin", "prednisone"):
        shutil.copytree(DATA / hid, data / hid)
    facts = data / "amoxicillin" / "handout.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("\nid: amoxicillin\n", "\nid: amoxicillin\nbogus: 1\n"),
                     encoding="utf-8")
    code, stdout, err = run(["build", "amoxicillin", "prednisone", "--data", str(data), "--lang", "en", "--edition",
                             "standard", "--out", str(tmp_path / "out2"), "--personal-csv", str(f)], capsys)
    assert code == 1 and err.count("unknown field 'bogus'") == 1 and (
        f"{f}:2:1: error: handout: row 2: not built: handout 'amoxicillin' cannot be built (its errors are said "
        "above)") in err and f"{f}:3: row 3: built" in stdout, err


def test_rows_are_numbered_as_a_spreadsheet_numbers_them(tmp_path: Path, capsys):
    """Two reviews: "row N" was the file's line less one, so after a cell with a quoted newline every
    later patient was said one row too high, and the first patient, on a spreadsheet's row 2, was
    "row 1": staff matching files by row gave one to the patient above.  A row is numbered as a
    spreadsheet shows it (the header is row 1, a blank record counted), its line still the file's."""
    f = tmp_path / "p.csv"
    f.write_text(f'patient,start\nAna,{START}\n"Bo\nBoss",{START}\n\nCy,{START}\nDee,2026-13-01\n', encoding="utf-8")
    code, stdout, err = build(tmp_path, f, capsys)
    assert code == 1 and f"{f}:2: row 2: built" in stdout and f"{f}:6: row 5: built" in stdout, stdout
    assert f"{f}:3:1: error: row 3: lines 3 to 4 were read as one row" in err and f"{f}:7:1: error: start: row 6: is not a day" in err, err


def test_a_rows_own_details_and_a_profiles_region_are_said_as_they_are(tmp_path: Path, capsys):
    """Three review points: a 'handout' cell in capitals ('LDN', as a spreadsheet may write it) is the
    handout, as a language cell is read in any case; a row with a rate and days but no name is still a
    patient's page, so its missing weight is said; and a clinic profile's bad region points each row to
    the profile only (a CSV has no region column to give it in)."""
    f = tmp_path / "p.csv"
    f.write_text(f"patient,start,handout\nAna,{START},LDN\n", encoding="utf-8")
    code, out, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--edition", "standard",
                          "--out", str(tmp_path / "o1"), "--personal-csv", str(f)], capsys)
    assert code == 0 and " built " in out, err
    g = tmp_path / "q.csv"
    g.write_text("patient,per_kg_day,course_days\n,45,10\n", encoding="utf-8")
    code, out, err = run(["build", "amoxicillin", "--data", str(DATA), "--lang", "en", "--edition", "standard",
                          "--out", str(tmp_path / "o2"), "--personal-csv", str(g)], capsys)
    assert f"{g}:2:1: warning: weight_kg: row 2: no weight" in err, err
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("clinic: Riverside\nregion: XX\n", encoding="utf-8")
    code, out, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--edition", "standard",
                          "--out", str(tmp_path / "o3"), "--personal-csv", str(f), "--clinic-profile", str(clinic)],
                         capsys)
    assert code == 1 and (f"{f}:2:1: error: region: row 2: from the clinic profile, said at {clinic}:2:9 (expected it "
                          "mended there)") in err, err


def test_a_line_ends_only_at_a_line_break(tmp_path: Path, capsys):
    """A review: the reader also ended a line at U+2028 inside a cell: Ana's note printed "Take", the
    rest was read as a broken row, and Bo and Cy were said one row too high (a file matched by row went
    to the wrong patient).  Only CR and LF end a line, as in a spreadsheet."""
    from conftest import pdf_text

    f = tmp_path / "p.csv"
    f.write_text(f"patient,start,note\nAna,{START},Take\u2028care\nBo,{START},\nCy,{START},\n", encoding="utf-8")
    code, out, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--edition", "standard",
                          "--out", str(tmp_path / "o"), "--personal-csv", str(f)], capsys)
    assert code == 0 and [ln.split(": built ")[0] for ln in out.splitlines() if " built " in ln] == [
        f"{f}:2: row 2", f"{f}:3: row 3", f"{f}:4: row 4"], (out, err)
    ana = next(ln.split(" built ")[1].split(" (")[0] for ln in out.splitlines() if "row 2: built" in ln)
    assert "Note: Take care" in " ".join(pdf_text(Path(ana).read_bytes())), ana


@pytest.mark.parametrize("length", [16_385, 32_769])
def test_a_crlf_cut_by_the_length_bound_is_one_line_end(tmp_path: Path, length):
    """A review: when the bound on a line's length fell between a CR and its LF, the LF was read as an
    empty row, and every later patient was said one row too high."""
    f = tmp_path / "p.csv"
    first = f"Ana,{START},"
    f.write_bytes("\r\n".join(["patient,start,note", first + "y" * (length - len(first)), f"Bo,{START},",
                               f"Cy,{START},", ""]).encode())
    rows = list(from_csv(f, None))
    assert [(r.number, r.personal.patient if r.personal else None) for r in rows][1:] == [(3, "Bo"), (4, "Cy")], rows


def test_a_row_whose_translation_is_refused_is_said_so_and_a_row_with_none_gets_no_english(tmp_path: Path, capsys):
    """A portal administrator's review: with the translations stale (the English edited), a row in Spanish was told
    'no version in the row's language (languages present: ar, en, es, …)', and a row with no language was built in
    English, the one language left, for a patient who may read Spanish.  The first now says its handout cannot be
    built in that language (the stale translation's error said above); the second is asked its language."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA / "ldn", data / "ldn")
    en = data / "ldn" / "en.yaml"
    en.write_text(en.read_text(encoding="utf-8").replace("Not sure? Ask your pharmacist.", "Not sure? Ask a pharmacist."),
                  encoding="utf-8")
    f = tmp_path / "p.csv"
    f.write_text(f"patient,start,language\nAna,{START},es\nBo,{START},\n", encoding="utf-8")
    code, _, err = run(["build", "ldn", "--data", str(data), "--edition", "standard", "--out", str(tmp_path / "out"),
                        "--personal-csv", str(f)], capsys)
    assert code == 1 and not list((tmp_path / "out").rglob("*.pdf")), err
    assert "es.yaml" in err and "stale" in err, err
    assert f"{f}:2:1: error: language: row 2: handout 'ldn' in the row's language cannot be built (its errors are " \
           "said above)" in err, err
    assert f"{f}:3:1: error: language: row 3: no language, and handout 'ldn' is in several" in err, err
