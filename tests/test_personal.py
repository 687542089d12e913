"""Personalised handouts: the patient's details and dated schedule, kept out of names and logs."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import DATA, pdf_text, run

START = (date.today() + timedelta(days=5)).isoformat()


def personal_args(out: Path, *extra: str) -> list[str]:
    return ["build", "ldn", "--data", str(DATA), "--out", str(out), "--patient", "Ana Pérez", "--start", START,
            "--track", "standard", "--prescriber", "Dr. Lee", "--prescriber-phone", "555-123-4567", *extra]


def test_personalised_pdf_has_name_and_dates_but_names_and_logs_do_not(tmp_path: Path, capsys):
    out = tmp_path / "out"
    code, stdout, err = run(personal_args(out, "--lang", "en"), capsys)
    assert code == 0, err
    files = sorted((out / "personal").glob("*.pdf"))
    assert len(files) == 3  # the handout, its dose calendar and its wallet card (LDN tells the patient to carry it)
    for f in files:
        assert "Ana" not in f.name and "rez" not in f.name
        assert f.stat().st_mode & 0o777 == 0o600  # this user's only: any local user read them (a portal trial)
    assert (out / "personal").stat().st_mode & 0o777 == 0o700
    said = (stdout + err).replace(str(tmp_path), "<tmp>")  # pytest's own folder may be pytest-555
    # (the phone's digits as typed: a file name's 16 hex digits of a random key may hold "555", about 1 run in 100)
    assert "Ana" not in said and "555-123" not in said and "1234567" not in said.replace("-", "")
    assert not (out / "manifest.json").exists()
    standard = next(f for f in files if ".calendar." not in f.name and ".wallet." not in f.name)
    text = " ".join(pdf_text(standard.read_bytes()))
    assert "Ana Pérez" in text and "Dr. Lee, 555-123-4567" in text
    start = date.fromisoformat(START)
    from handout.localize import Localizer

    loc = Localizer("en")
    # (read as a screen reader and text extraction get it: "from Dec 1 to Dec 14", the line's ActualText)
    first_range = loc.date_range_said(start, start + timedelta(days=13)).replace("\u2009", " ")
    assert " ".join(first_range.split()) in " ".join(text.replace("\u2009", " ").split())
    calendar = next(f for f in files if ".calendar." in f.name)
    pages = pdf_text(calendar.read_bytes())
    assert len(pages) == 1 and "Week 1" in pages[0] and "Week 5" in pages[0]
    assert "Do not take LDN with:" in pages[0]
    wallet = " ".join(pdf_text(next(f for f in files if ".wallet." in f.name).read_bytes()))
    assert "Name: Ana Pérez" in " ".join(wallet.split()) and "opioid blocker" in wallet


def test_personalised_build_is_deterministic(tmp_path: Path, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    run(personal_args(a, "--lang", "en"), capsys)
    run(personal_args(b, "--lang", "en"), capsys)
    files = sorted((a / "personal").glob("*.pdf"))
    assert len(files) == 3  # the handout, calendar and wallet card: a test over no files would pass by itself
    for f in files:
        assert (b / "personal" / f.name).read_bytes() == f.read_bytes()


def test_one_patient_is_asked_for_a_language_never_printed_in_every_one(tmp_path: Path, capsys):
    """A personal build of a 12-language handout without --lang made 36 PDFs with the patient's
    name (a review): a patient reads one language, so it is asked for, and nothing is written."""
    out = tmp_path / "out"
    code, _, err = run(personal_args(out), capsys)
    assert code == 2  # (a usage error: an option is missing)
    assert ("--lang: error: a patient reads one language, and handout 'ldn' is in 12 (ar, en, es, fa, fr, "
            "hi, ht, ko, ru, tl, vi, zh-Hans) (expected --lang with the patient's language, e.g. --lang ar)") in err
    assert not list(out.rglob("*.pdf")) if out.exists() else True
    code, _, err = run(personal_args(out, "--lang", "es", "--edition", "standard"), capsys)
    assert code == 0, err
    assert [p.name.split(".")[1] for p in (out / "personal").glob("*.pdf")] == ["es"]


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_a_name_in_another_script_prints_on_any_handout(tmp_path: Path, capsys, lang):
    """A Chinese, Korean or Hindi name on an English handout was refused, one error a letter, the
    name's letters quoted in each: the default theme drew English with Latin letters only.  The
    theme's fallback fonts (loaded only then) draw it, on a right-to-left page too."""
    name = "王芳 박지민 प्रिया"
    out = tmp_path / "out"
    args = personal_args(out, "--lang", lang, "--edition", "standard")
    code, _, err = run([*args[:args.index("--patient") + 1], name, *args[args.index("--patient") + 2:]], capsys)
    assert code == 0, err
    pdf = next((out / "personal").glob("*.pdf")).read_bytes()
    if lang == "ar":  # read as a screen reader does: pdfium orders words of other scripts inside a
        from tree_text import read_aloud  # right-to-left line by its own rules ("박지민 王芳")

        text = read_aloud(pdf)
    else:
        text = " ".join(pdf_text(pdf))
    assert name in text


def test_a_csv_batch_says_whose_files_are_whose_and_pairs_them(tmp_path: Path, capsys):
    """Staff attaching PDFs to a portal could not tell which file was which row's (the names
    are keyed hashes, rightly), nor which calendar went with which handout (each its own hash)."""
    rows = tmp_path / "p.csv"
    rows.write_text(f"patient,start\nAna,{START}\nBo,{START}\n", encoding="utf-8")
    code, out, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--edition", "standard", "calendar",
                          "--personal-csv", str(rows), "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    said = [ln for ln in out.splitlines() if " built " in ln]
    assert len(said) == 4 and all(ln.startswith((f"{rows}:2: row 2: built ", f"{rows}:3: row 3: built ")) for ln in said)
    for n in (2, 3):
        names = [Path(ln.split(" built ")[1].split(" (")[0]).name for ln in said if ln.startswith(f"{rows}:{n}:")]
        assert sorted(n.split(".")[2] for n in names) == [names[0].split(".")[2]] * 2  # one patient, one name
        assert sorted(n.endswith(".calendar.pdf") for n in names) == [False, True]
    assert "Ana" not in out + err and "Bo," not in out + err


def test_a_right_to_left_name_on_a_left_to_right_handout_is_one_clear_error(tmp_path: Path, capsys):
    """An Arabic name on an English page cannot be printed right to left (the page's lines are
    not reordered), so it is refused: once, naming the script and where it does print, never
    quoting the patient's letters (it was 16 lines, 'character 'م' (U+0645) has no glyph', at '.')."""
    args = personal_args(tmp_path / "out", "--lang", "en", "--edition", "standard")
    args[args.index("--patient") + 1] = "محمد عبد الله"
    code, stdout, err = run(args, capsys)
    assert code == 1 and not list((tmp_path / "out").rglob("*.pdf"))
    lines = [ln for ln in err.splitlines() if ": error: " in ln]
    assert lines == ["--patient: error: patient: its Arabic letters are written right to left and print only "
                     "on a right-to-left handout (ar, fa) (expected Latin letters on this 'en' one)"], err
    assert not any("\u0600" <= ch <= "\u06ff" for ch in stdout + err)


def test_a_right_to_left_name_is_refused_on_a_left_to_right_page_even_when_a_font_draws_it():
    """Found in review: with an Arabic family among a theme's fallbacks, the Arabic name printed
    on the English page, reversed and unjoined.  It is refused whatever the fonts; a Hebrew name
    on the Arabic page, which no font draws, says so, not 'right to left'."""
    from dataclasses import replace

    from handout import pipeline
    from handout.content import Target, read
    from handout.errors import HandoutError
    from handout.model import Personal
    from handout.theme import load_theme

    theme = load_theme()
    arabic_too = replace(theme, fonts=replace(theme.fonts, fallback=("arabic", "han")))
    cases = [("en", arabic_too, "محمد", "its Arabic letters are written right to left"),
             ("ar", theme, "שרה", "no font of the theme draws its Hebrew letters")]
    for lang, th, name, said in cases:
        h = read(Target(DATA / "ldn", (lang,))).handouts[0]
        with pytest.raises(HandoutError) as exc:
            pipeline.check_glyphs(h, th, Personal(patient=name))
        assert [f.message for f in exc.value.findings] == [next(f.message for f in exc.value.findings)]
        assert said in exc.value.findings[0].message and name not in exc.value.findings[0].message


def test_fallback_fonts_load_only_for_a_character_the_languages_own_lack():
    """The Chinese font's tables take ~28 ms to load: an English build that needs none loads none."""
    from handout.theme import load_theme, _family

    theme = load_theme()
    own = theme.fontset("en")
    from handout.fonts import FontSet

    fresh = FontSet(list(own.families[:1]), tuple((n, theme.fonts.families[n].regular, theme.fonts.families[n].bold,
                                                    theme.fonts.families[n].shaping) for n in theme.fonts.fallback), _family)
    assert fresh.choose("a", False) and len(fresh.families) == 1
    assert fresh.missing("Take 1.5 mg at bedtime. é ü ñ") == [] and len(fresh.families) == 1
    face, _, family = fresh.choose("王", False)
    assert family.name == "han" and len(fresh.families) == 1 + len(theme.fonts.fallback)


@pytest.mark.parametrize("lang", ["es", "ar", "zh-Hans"])
def test_personalised_in_other_languages(tmp_path: Path, capsys, lang):
    code, _, err = run(personal_args(tmp_path, "--lang", lang), capsys)
    assert code == 0, err
    text = " ".join(pdf_text(next(p for p in (tmp_path / "personal").glob("*.pdf")
                                  if ".calendar." not in p.name).read_bytes()))
    assert "Ana" in text and "Pérez" in text  # (an Arabic line's Latin words extract in the extractor's order)


def test_csv_batch_reports_bad_rows_and_builds_the_rest(tmp_path: Path, capsys):
    csv_file = tmp_path / "patients.csv"
    far = (date.today() + timedelta(days=900)).isoformat()
    csv_file.write_text("patient,start,track,prescriber_phone\n"
                        f"Ana,{START},standard,555 123 4567\n"
                        "Bob,2026-13-01,standard,\n"
                        f"Cy,{START},nosuch,\n"
                        f"Di,{far},slow,\n"
                        f"Ed,{START},slow,call me\n"
                        f"Flo,{START},slow,\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--edition", "standard",
                             "--out", str(out), "--personal-csv", str(csv_file)], capsys)
    assert code == 1
    assert "patients.csv:3:1: error: start: row 3: is not a day of the calendar" in err and "2026-13-01" not in err
    assert "patients.csv:4:1: error: track: row 4: no such track in handout 'ldn'" in err and "nosuch" not in err
    assert "patients.csv:5:1: error: start: row 5:" in err and "more than a year from today" in err
    assert "patients.csv:6:1: error: prescriber_phone: row 6: is not a phone number" in err  # never the value
    assert "call me" not in err and far not in err
    assert len(list((out / "personal").glob("*.pdf"))) == 2  # Ana and Flo
    for name in ("Ana", "Flo", "Bob"):
        assert name not in stdout


def test_a_personal_folder_that_cannot_be_written_is_said_not_a_traceback(tmp_path: Path, capsys):
    """A code review: a file where personal/ goes raised FileExistsError, a traceback."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "personal").write_text("in the way")
    code, _, err = run(personal_args(out, "--lang", "en", "--edition", "standard"), capsys)
    assert code == 1 and "Traceback" not in err and "error: write: cannot write: " in err, err
    # A DocumentReference that cannot be written is said by its own name, not the PDF's written before it
    (out / "personal").unlink()
    args = personal_args(out, "--lang", "en", "--edition", "standard", "--fhir", "--patient-reference", "Patient/4")
    assert run(args, capsys)[0] == 0
    (fhir,) = (out / "personal").glob("*.fhir.json")
    fhir.unlink()
    fhir.mkdir()
    code, _, err = run(args, capsys)
    assert code == 1 and f"{fhir}: error: write: cannot write: " in err, err


def test_fhir_of_a_personalised_handout_has_only_the_given_subject(tmp_path: Path, capsys):
    code, _, err = run(personal_args(tmp_path, "--lang", "en", "--edition", "standard", "--fhir",
                                     "--patient-reference", "Patient/42"), capsys)
    assert code == 0, err
    doc = json.loads(next((tmp_path / "personal").glob("*.fhir.json")).read_text())
    assert doc["subject"] == {"reference": "Patient/42"}
    assert "identifier" not in doc and "masterIdentifier" not in doc
    # ... dated the day it was made, not the content's review date (a review: it sorted before its prescription)
    assert doc["date"] == f"{date.today().isoformat()}T00:00:00Z" and "version 1.1" in doc["description"]
    assert "patient_reference" not in err, err
    # With none, it is written all the same, and said: a patient's document that the EHR cannot file by itself
    code, _, err = run(personal_args(tmp_path / "none", "--lang", "en", "--edition", "standard", "--fhir"), capsys)
    doc = json.loads(next((tmp_path / "none" / "personal").glob("*.fhir.json")).read_text())
    assert code == 0 and "subject" not in doc, err
    assert ("warning: patient_reference: none given: the FHIR DocumentReference is written without a subject, so the "
            "EHR cannot file it in the patient's record by itself (expected --patient-reference, e.g. Patient/123)") in err


@pytest.mark.parametrize("ref, ok", [("Zelda Quixote", False), ("Patient/", False), ("../../etc", False),
                                     ('Patient/1"}', False), ("Patient/a b", False), ("Patient/abc-1.2", True),
                                     ("https://ehr.example.org/fhir/Patient/77", True), ("Patient/7/_history/2", True),
                                     ("urn:uuid:1f2d3c4b-0000-4a5b-8c9d-0123456789ab", True)])
def test_a_patient_reference_is_a_fhir_reference_or_refused_unechoed(tmp_path: Path, capsys, ref: str, ok: bool):
    """A review: a patient's name typed (or a CSV column shifted) into --patient-reference was written into the
    DocumentReference as its subject, outside the PDF, and linked to no patient."""
    code, _, err = run(personal_args(tmp_path, "--lang", "en", "--edition", "standard", "--fhir",
                                     "--patient-reference", ref), capsys)
    written = list((tmp_path / "personal").glob("*.fhir.json")) if (tmp_path / "personal").exists() else []
    if ok:
        assert code == 0 and json.loads(written[0].read_text())["subject"] == {"reference": ref}, err
    else:
        assert code == 1 and not written and "patient_reference: is not a FHIR reference to a patient" in err, err
        assert ref in ("Patient/",) or ref not in err  # (never the value: it may be a name)
        # ... asked only where it is written: without --fhir it is no part of any file (a code review)
        code, _, err = run(personal_args(tmp_path / "no-fhir", "--lang", "en", "--edition", "standard",
                                         "--patient-reference", ref), capsys)
        assert code == 0 and "patient_reference" not in err, err
