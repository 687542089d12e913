"""A note's amounts and counts of the plan's medicines are the plan's (H156, ``noteamounts``): built from the CLI as a
clinician types them, each case a real personalised build."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA, run


@pytest.mark.parametrize("handout, note, refused", [
    # the weekly medicine's dose, named or ordered, that the table beside it does not give (a review: printed)
    ("methotrexate", "MTX 20 mg every Monday.", "20 mg"),
    ("methotrexate", "Take 8 tablets every Monday.", "8 tablets"),
    ("methotrexate", "Take 20 mg every Monday.", "20 mg"),
    ("methotrexate", "From next week take 8 tablets (20 mg) every Monday.", "20 mg"),
    ("methotrexate", "Take 2 tablets for pain.", "2 tablets"),  # (on a methotrexate page: which tablets?)
    ("methotrexate", "Folic acid 5 mg on Tuesday to Sunday.", "5 mg"),  # (the table says 1 mg)
    ("methotrexate", "FA 5 mg Tue-Sun.", "5 mg"), ("methotrexate", "FA 1 mg Tue-Sun.", None),
    ("methotrexate", "Metotrexato 20 mg cada lunes.", "20 mg"),  # (a Spanish note on the English page)
    # a count in words, a strength after a count, and the count between the name and the amount
    ("methotrexate", "Take eight tablets every Monday.", "eight tablets"),
    ("methotrexate", "Take 15 mg (eight tablets) on Monday.", "eight tablets"),
    ("methotrexate", "Take 6 x 5 mg tablets every Monday.", "5 mg"), ("methotrexate", "MTX 6 tabs of 10 mg Monday.", "10 mg"),
    ("methotrexate", "Take six tablets every Monday.", None), ("methotrexate", "Take two paracetamol tablets if needed.", None),
    ("methotrexate", "MTX 15 mg D1; pred 5 mg D1+D2+D3.", None),  # (its "5 mg" is no part of "15 mg")
    # a review: words between the name and the amount, a dose changed or named with no name, other names, counts by
    # strength; and other medicines' doses after "of", drops, a dose noun of another medicine
    ("methotrexate", "Methotrexate weekly dose: 20 mg", "20 mg"), ("methotrexate", "Methotrexate 15 mg (7 tablets) every Monday",
                                                                    "7 tablets"),
    ("methotrexate", "Methotrexate injection 20 mg every Monday", "20 mg"),
    ("methotrexate", "Increase to 20 mg from next week", "20 mg"), ("methotrexate", "Every Monday (8 tablets)", "8 tablets"),
    ("methotrexate", "MTX 8 x 2.5 mg every Monday", "8 x"), ("methotrexate", "Take seven methotrexate tablets on Monday",
                                                             "seven methotrexate tablets"),
    ("methotrexate", "Folic acid 2.5 mg daily except Monday", "2.5 mg"),  # (methotrexate's strength, not folic acid's)
    ("acetaminophen", "Tylenol 1300 mg every 8 hours, morning, afternoon and night", "1300 mg"),
    ("ldn", "Naltrexone 6 mg at bedtime", "6 mg"), ("ldn", "Take 2 caps at bedtime", "2 caps"),
    # a limit of a count above the plan's most (a review of notes: each printed beside acetaminophen's 6 a day)
    ("acetaminophen", "No more than 8 tablets in 24 hours.", "8 tablets"), ("acetaminophen", "At most 8 tablets in a day.", "8 tablets"),
    ("acetaminophen", "No more than 6 tablets in 24 hours.", None), ("acetaminophen", "No more than 2 glasses of wine a day.", None),
    # a count with no word of what is counted, before which day (a review of notes: each printed)
    ("ldn", "Take 2 tonight.", "Take 2"), ("ldn", "Take 2 the next night.", "Take 2"), ("ldn", "Tome 2 mañana.", "Tome 2"),
    ("ldn", "Si vous oubliez une dose, prenez-en 2 le lendemain soir.", "prenez-en 2"), ("ldn", "Take 1 tonight.", None),
    ("methotrexate", "Take 2 paracetamol tonight.", None),
    # a count of the medicine's own name is a count of its tablets (a review of notes: each printed)
    ("acetaminophen", "Take 3 Tylenol at once.", "3 Tylenol"), ("acetaminophen", "Tome 3 Panadol de una vez.", "3 Panadol"),
    ("ldn", "Take 2 LDN at bedtime.", "2 LDN"), ("methotrexate", "Take 8 methotrexate on Monday.", "8 methotrexate"),
    ("methotrexate", "Take 6 methotrexate on Monday.", None), ("acetaminophen", "Take 2 Tylenol every 6 hours if needed.", None),
    ("methotrexate", "Take 400 mg of ibuprofen only if your doctor agrees", None),
    ("methotrexate", "Take 3 drops in each eye at night", None), ("acetaminophen", "Take 10 mg of amlodipine in the morning", None),
    ("methotrexate", "Take 100 ml of the oral rehydration solution after each loose stool", None),
    ("methotrexate", "Your prednisolone dose is 6 tablets (30 mg) today.", None),
    ("methotrexate", "You should have 24 tablets left at the end of the month.", None),
    # a limit gives the plan's most: above it, a second most beside the table's
    ("acetaminophen", "Acetaminophen: no more than 8 tablets a day.", "8 tablets"),
    ("acetaminophen", "Never take more than 4,000 mg of acetaminophen a day.", "4,000 mg"),
    ("acetaminophen", "No more than 3,000 mg a day.", None), ("acetaminophen", "Do not take more than 6 tablets in 24 hours.", None),
    # a warning against a dose is no dose ("Do not forget to take …" is an order)
    ("methotrexate", "Never take 20 mg of methotrexate in one week.", None), ("methotrexate", "Do not take 8 tablets.", None),
    ("methotrexate", "Do not forget to take 8 tablets every Monday.", "8 tablets"),
    ("methotrexate", "15 mg of methotrexate, then 25 mg of methotrexate from May.", "25 mg"),
    # the plan's own dose, another medicine's, and amounts of other things print
    ("methotrexate", "Take 6 tablets every Monday.", None),
    ("methotrexate", "MTX 15 mg every Monday. Folic acid 1 mg on the other days.", None),
    ("methotrexate", "Methotrexate 2.5 mg tablets: take 6 every Monday.", None),
    ("methotrexate", "Paracetamol 1 g if needed, up to 4 g a day.", None),
    ("methotrexate", "Take 1 g paracetamol if needed.", None),
    ("methotrexate", "Take 2 paracetamol tablets for pain.", None),
    ("methotrexate", "Ibuprofen 400 mg: avoid it.", None),
    ("methotrexate", "No more than 14 units of alcohol a week.", None),
    ("methotrexate", "Bloods every 4 weeks; clinic on 12 March at 10:30.", None),
    # a daily plan's steps and limits
    ("ldn", "Take 4.5 mg at bedtime from week 3.", None), ("ldn", "Do not take more than 4.5 mg.", None),
    ("ldn", "Take 6 mg at bedtime.", "6 mg"),
    # a dose moved up in plain words, a count after "all" (a review of notes: each printed)
    ("ldn", "Go up to 6 mg after a month.", "6 mg"), ("ldn", "Step up to 6 mg in week 5.", "6 mg"),
    ("ldn", "Go up to 4.5 mg after a month.", None),
    ("methotrexate", "Take all 8 tablets every Monday.", "8 tablets"), ("methotrexate", "Take all 6 tablets on Monday.", None),
    ("acetaminophen", "Take 1 g every 6 hours if needed, morning, noon and evening.", None),  # (and night: 4 g, H162)
    ("acetaminophen", "Take 3 tablets every 6 hours, morning, noon, evening and night.", "3 tablets"),
    # how the tablets look is no other medicine's name (a limit of the session that made H156: printed)
    ("methotrexate", "Take eight small tablets every Monday.", "eight small tablets"),
    ("methotrexate", "Take 8 yellow tablets every Monday.", "8 yellow tablets"),
    ("methotrexate", "Take 6 small tablets on Monday.", None),
    ("methotrexate", "Take 2 small paracetamol tablets if needed.", None),
    # a day's most given as one dose: 3,000 mg at once (printed beside 2 tablets every 6 hours, a review of notes)
    ("acetaminophen", "Take 6 tablets at bedtime.", "6 tablets"), ("acetaminophen", "Take 3000 mg at bedtime.", "3000 mg"),
    ("acetaminophen", "Take up to 6 tablets a day.", None), ("acetaminophen", "That is 6 tablets a day at most.", None),
    ("acetaminophen", "Take 2 tablets, up to 6 tablets a day.", None),
    # a count with nothing counted after a dose's order: the plan's tablets (each printed)
    ("acetaminophen", "Take 4 at once.", "Take 4"), ("acetaminophen", "Take 4 if the pain is bad.", "Take 4"),
    ("acetaminophen", "Take 2, or 3 if the pain is bad.", "Take 2, or 3"), ("acetaminophen", "Tome 4 a la vez.", "Tome 4"),
    ("acetaminophen", "Prenez 4 en une fois.", "Prenez 4"), ("methotrexate", "Take 8 on Monday.", "Take 8"),
    ("acetaminophen", "Take 2 at a time.", None), ("acetaminophen", "Take 1 or 2 every 6 hours.", None),
    ("methotrexate", "Take 6 on Monday.", None), ("acetaminophen", "Take 2 weeks off.", None),
    ("acetaminophen", "Take 10 deep breaths.", None), ("acetaminophen", "Take 2 hours before bed.", None),
    # ... in words too (each printed)
    ("acetaminophen", "Take four at once.", "Take four"), ("acetaminophen", "Take three if the pain is bad.", "Take three"),
    ("acetaminophen", "Tome cuatro a la vez.", "Tome cuatro"), ("acetaminophen", "Take two at a time.", None),
    ("acetaminophen", "Take one or two every 6 hours.", None), ("acetaminophen", "Take one of the tablets now.", None),
    # a dose said with "is" (a portal administrator's review: each printed, "is" read as another medicine's name)
    ("methotrexate", "Your dose is 30 mg.", "30 mg"), ("methotrexate", "The dose is 30 mg on Monday.", "30 mg"),
    ("acetaminophen", "Your dose is 3000 mg at bedtime.", "3000 mg"), ("ldn", "Your dose is 45 mg.", "45 mg"),
    ("methotrexate", "Your dose is 15 mg.", None), ("methotrexate", "Your ibuprofen dose is 400 mg.", None),
    ("methotrexate", "Ibuprofen is 400 mg if needed.", None),
    # full-width digits, as CJK keyboards type them (a clinician's review of the web page: printed)
    ("ldn", "Take ４５ mg at bedtime.", "45 mg"), ("methotrexate", "Take ８ tablets on Monday.", "8 tablets"),
])
def test_a_note_gives_the_plans_dose_or_names_another_medicine(tmp_path: Path, capsys, handout: str, note: str,
                                                               refused: str | None) -> None:
    out = tmp_path / "out"
    code, _, err = run(["build", handout, "--data", str(DATA), "--lang", "en", "--patient", "Ana", "--edition",
                        "standard", "--note", note, "--out", str(out)], capsys)
    if refused is None:
        assert code == 0 and "[H156]" not in err, err
    else:
        assert code == 1 and not list(out.rglob("*.pdf")), err
        assert f"--note: error: note: '{refused}' in the note is not a dose the plan gives" in err, err
        assert "[H156]" in err


def test_a_dose_by_weight_is_not_held_to_the_facts_alone(tmp_path: Path, capsys) -> None:
    """The patient's dose is worked out from the weight: the facts give a rate, not the 337.5 mg of the table."""
    code, _, err = run(["build", "amoxicillin", "--data", str(DATA), "--lang", "en", "--patient", "Ana", "--edition",
                        "standard", "--weight", "15", "--per-kg", "45", "--course-days", "10",
                        "--note", "Give 337.5 mg twice a day, morning and evening.", "--out", str(tmp_path)], capsys)
    assert code == 0 and "[H156]" not in err, err


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_a_note_in_another_language_than_the_page_is_read_too(tmp_path: Path, capsys, lang: str) -> None:
    """An English note on a Spanish or Arabic page (no Arabic word list): its count is read in every note language."""
    code, _, err = run(["build", "methotrexate", "--data", str(DATA), "--lang", lang, "--patient", "Ana", "--edition",
                        "standard", "--note", "Take 8 tablets every Monday.", "--out", str(tmp_path)], capsys)
    assert code == 1 and "'8 tablets' in the note is not a dose the plan gives" in err, err


def test_a_fractions_denominator_is_no_count(tmp_path: Path, capsys) -> None:
    """"1/2 tablet" is refused as a fraction (H151), never as "2 tablet" the plan does not give (H156)."""
    code, _, err = run(["build", "methotrexate", "--data", str(DATA), "--lang", "en", "--patient", "Ana", "--note",
                        "Take 1/2 tablet on Monday.", "--out", str(tmp_path / "out")], capsys)
    assert code == 1 and "'1/2' is a fraction (expected words" in err and "[H156]" not in err, err


@pytest.mark.parametrize("note, refused", [
    # a review: each printed beside a table of 5.2 mL (416 mg) twice a day for 18.5 kg
    ("Give 7.5 mL in the morning and at bedtime.", "7.5 mL"),
    ("Amoxicillin 875 mg in the morning and at bedtime.", "875 mg"),  # (the ceiling, given as the dose)
    ("Give 5 mL twice a day, morning and bedtime.", "5 mL"),
    # a code review: a day's total, a rate or a ceiling given as one dose; a strength beside the dose or ordered
    ("Give 832 mg in the morning and at bedtime.", "832 mg"), ("Give 10.4 mL in the morning and at bedtime.", "10.4 mL"),
    ("Give 45 mg in the morning and at bedtime.", "45 mg"), ("Give up to 875 mg in the morning and at bedtime.", "875 mg"),
    ("Give 5 mL of the 400 mg/5 mL liquid in the morning and at bedtime.", "5 mL"),
    ("Give 400 mg in 5 mL in the morning and at bedtime.", "400 mg in 5 mL"),
    # a second review: a ceiling above the plan's, a dose beside a ceiling, another verb for a dose
    ("Do not give more than 20.8 mL a day.", "20.8 mL"),
    ("Give 10.4 mL in the morning and at bedtime, max 20.8 mL a day.", "10.4 mL"),
    ("Measure 10.4 mL in the morning and at bedtime.", "10.4 mL"),
    # a third look: a ceiling with no verb, a day's total or a rate ordered as a dose
    ("Never more than 1664 mg a day.", "1664 mg"), ("Max 1664 mg a day.", "1664 mg"), ("Up to 1664 mg a day.", "1664 mg"),
    ("Give 10.4 mL a day in the morning and at bedtime.", "10.4 mL"), ("Give 45 mg/kg in the morning.", "45 mg"),
    ("Give 5.2 mL in the morning and at bedtime (10.4 mL a day).", None), ("Never more than 832 mg a day.", None),
    ("Paracetamol: no more than 1000 mg at a time.", None),  # (another medicine's limit, named before it)
    # the dose the table gives this weight, its day's, its rate, the liquid's strength, a ceiling as a limit
    ("Give 5.2 mL in the morning and at bedtime.", None), ("Give 416 mg in the morning and at bedtime.", None),
    ("Give 416.25 mg in the morning and at bedtime.", None),  # (worked out before the syringe's marks)
    ("Give no more than 10.4 mL in 24 hours.", None), ("Never give more than 875 mg at one time.", None),
    ("That is 45 mg per kg a day.", None), ("The liquid is 400 mg in 5 mL.", None), ("That is 10.4 mL a day.", None),
    ("No more than 10.4 mL in 24 hours.", None),
    ("Paracetamol 240 mg if needed for fever.", None),  # (another medicine's, named)
])
def test_a_note_is_held_to_the_dose_worked_out_for_the_weight(tmp_path: Path, capsys, note: str,
                                                              refused: str | None) -> None:
    out = tmp_path / "out"
    code, _, err = run(["build", "amoxicillin", "--data", str(DATA), "--lang", "en", "--patient", "Ana", "--edition",
                        "standard", "calendar", "--start", "2026-12-08", "--weight", "18.5", "--per-kg", "45",
                        "--course-days", "10", "--note", note, "--out", str(out)], capsys)
    if refused is None:
        assert code == 0 and "[H156]" not in err, err
    else:
        assert code == 1 and not list(out.rglob("*.pdf")), err
        assert err.count(f"error: note: '{refused}' in the note is not the dose the plan gives this weight") == 1, err


@pytest.mark.parametrize("note, said", [("Give 1 tablespoon (15 mL) in the morning and at bedtime.", "tablespoon"),
                                        ("Give 2 teaspoons in the morning and at bedtime.", "teaspoons")])
def test_a_kitchen_spoon_in_a_note_on_a_liquids_page_is_refused(tmp_path: Path, capsys, note: str, said: str) -> None:
    """A second review: spoons printed beside a table of 5.2 mL measured with the syringe; a spoon on a tablet's page
    is still the warning it was ('1 tsp of honey')."""
    out = tmp_path / "out"
    code, _, err = run(["build", "amoxicillin", "--data", str(DATA), "--lang", "en", "--patient", "Ana", "--start",
                        "2026-12-08", "--weight", "18.5", "--per-kg", "45", "--course-days", "10", "--note", note,
                        "--out", str(out)], capsys)
    assert code == 1 and not list(out.rglob("*.pdf")), err
    assert f"error: note: '{said}' as a unit on a liquid medicine's page (expected the dose in mL" in err, err
    code, _, err = run(["build", "methotrexate", "--data", str(DATA), "--lang", "en", "--patient", "Ana", "--note",
                        "Take 1 tsp of honey for your cough.", "--out", str(tmp_path / "m")], capsys)
    assert code == 0, err


@pytest.mark.parametrize("note, said", [
    # a count of what measures the liquid (a review of notes: printed beside a table of 5.2 mL)
    ("Give 2 syringes in the morning and at bedtime.", "2 syringes"), ("Give him 2 full syringes each time.", "2 full syringes"),
    ("Give a full syringe in the morning and at bedtime.", "a full syringe"), ("Dele 2 jeringas por la mañana.", "2 jeringas"),
    # ... not the syringe named, nor syringes counted as things
    ("Give 5.2 mL with the oral syringe in the morning and at bedtime.", None), ("Wash the 2 syringes after each use.", None),
])
def test_a_count_of_syringes_on_a_liquids_page_is_refused(tmp_path: Path, capsys, note: str, said: str | None) -> None:
    out = tmp_path / "out"
    code, _, err = run(["build", "amoxicillin", "--data", str(DATA), "--lang", "en", "--patient", "Ana", "--start",
                        "2026-12-08", "--weight", "18.5", "--per-kg", "45", "--course-days", "10", "--note", note,
                        "--out", str(out)], capsys)
    if said is None:
        assert code == 0 and "[H151]" not in err, err
    else:
        assert code == 1 and not list(out.rglob("*.pdf")), err
        assert f"error: note: '{said}' on a liquid medicine's page (expected the dose in mL" in err, err


def test_a_medicines_name_counts_its_tablets_not_a_liquids_measures() -> None:
    """"Take 3 Tylenol" is 3 of the table's tablets (its names in every note language); a liquid is measured."""
    from handout import content
    from handout.noteamounts import counted_names

    def named(hid: str) -> tuple[str, ...]:
        return counted_names(content.read(content.Target(DATA / hid), ("en",)).handouts[0])

    assert {"acetaminophen", "tylenol", "panadol", "doliprane", "acetaminofén"} <= set(named("acetaminophen"))
    assert "methotrexate" in named("methotrexate") and "tylenol" not in named("methotrexate")
    assert named("amoxicillin") == ()
