"""A note typed for one patient that names a medicine the handout says never to take with its own (H159)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA, assert_note, build_note, run


@pytest.mark.parametrize("handout,note,refused", [
    # each printed beside the handout's own warning box saying the opposite (a review of notes)
    ("methotrexate", "You can take Bactrim for the infection.", "Bactrim"),
    ("methotrexate", "Take trimethoprim for the urine infection.", "trimethoprim"),
    ("acetaminophen", "Percocet 1 tablet at night for pain.", "Percocet"),
    ("acetaminophen", "Norco is fine for the bad days.", "Norco"),
    ("ldn", "Keep taking your tramadol.", "tramadol"),
    ("ldn", "Opioids like tramadol are fine.", "tramadol"),
    ("ldn", "If the pain is not better, take tramadol.", "tramadol"),  # (a negation in a condition governs no drug)
    ("ldn", "Never take codeine; tramadol is fine.", "tramadol"),
    ("ldn", "Tome tramadol si tiene dolor.", "tramadol"),  # (a Spanish note on an English page)
    # by another name or brand the facts give it (other_names), not printed on the page
    ("methotrexate", "You can take Septra for the infection.", "Septra"),
    ("methotrexate", "Co-trimoxazole is fine with it.", "Co-trimoxazole"),
    ("methotrexate", "Start TMP-SMX twice a day for 3 days.", "TMP-SMX"),
    ("methotrexate", "Get your MMR vaccine next week.", "MMR"),
    ("prednisone", "She can have FluMist this week.", "FluMist"),
    ("acetaminophen", "Vicodin 1 tablet at night for pain.", "Vicodin"),
    ("acetaminophen", "NyQuil at bedtime for the cold.", "NyQuil"),
    ("ldn", "Keep taking your Ultram.", "Ultram"),
    ("ldn", "Tylenol #3 for the bad days.", "Tylenol #3"),
    ("ldn", "Percocet 1 tablet at night for pain.", "Percocet"),
    # by a name the group's words cover and the facts list as its other members (also), not printed: LDN's "any opioid
    # medicine or drug, even in cough or diarrhea medicine" (the label: opioid-containing cough, cold and antidiarrheal
    # preparations)
    ("ldn", "Keep taking your Demerol for now.", "Demerol"), ("ldn", "Imodium is fine for diarrhea.", "Imodium"),
    ("ldn", "You can keep using kratom.", "kratom"), ("ldn", "Puede tomar loperamida para la diarrea.", "loperamida"),
    ("ldn", "Vous pouvez prendre de la péthidine.", "péthidine"), ("ldn", "Robitussin AC for the cough.", "Robitussin AC"),
    # said against, held, or put aside for another: the handout's own advice
    ("methotrexate", "Do not take Bactrim.", None), ("methotrexate", "Avoid Bactrim.", None),
    ("methotrexate", "Stop methotrexate while you take Bactrim.", None),
    ("acetaminophen", "Do not take Percocet or Norco with it.", None),
    ("acetaminophen", "Take ibuprofen instead of Percocet.", None),
    ("ldn", "Stop tramadol 7 days before your first dose.", None),
    ("ldn", "Your tramadol was stopped last week.", None),
    ("ldn", "Do not take any opioid, such as tramadol or codeine.", None),
    ("ldn", "No tome opioides como el tramadol.", None),
    ("ldn", "No opioids, such as pethidine or Imodium.", None), ("ldn", "Stop kratom 7 days before your first dose.", None),
    ("methotrexate", "Do not take Septra or any other antibiotic without asking.", None),
    ("ldn", "Stop your OxyContin 7 days before the first dose.", None),
    ("prednisone", "Ask before any vaccine; do not have MMR or FluMist.", None),
    ("methotrexate", "Do not get a live vaccine, such as MMR, unless we say so.", None),
    ("acetaminophen", "Take ibuprofen instead of Percocet or Vicodin.", None),
    ("acetaminophen", "Avoid NyQuil, DayQuil and Tylenol PM.", None),
    ("methotrexate", "Do not take Bactrim; Septra is fine.", "Septra"),  # (a sentence's own parts, not one list)
    # what the handout only says may interact is the clinician's to give
    ("methotrexate", "Ibuprofen 400 mg if needed, with food.", None),
])
def test_a_note_may_not_give_what_the_handout_says_never_to_take(tmp_path: Path, capsys, handout: str, note: str,
                                                                 refused: str | None) -> None:
    code, err, written = build_note(tmp_path, capsys, handout, note)
    if refused is None:
        assert code == 0 and "[H159]" not in err, err
    else:
        assert code == 1 and not written, err
        assert f"--note: error: note: '{refused}' in the note: the handout says never to take it with" in err, err
        assert "[H159]" in err and err.count("[H159]") == 1, err


def test_a_note_on_a_translated_page_reads_the_glossarys_names(tmp_path: Path, capsys) -> None:
    """A Russian page's note names tramadol as the glossary writes it (трамадол): refused there too."""
    out = tmp_path / "out"
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "ru", "--patient", "Ana", "--edition", "standard",
                        "--note", "Принимайте трамадол при боли.", "--out", str(out)], capsys)
    assert code == 1 and "'трамадол' in the note" in err and "[H159]" in err, err


@pytest.mark.parametrize("handout,note,refused", [
    # the plan's own medicine under another name, taken as well: a second dose (a review of notes: each printed)
    ("acetaminophen", "You can also take Tylenol.", "Tylenol"), ("acetaminophen", "Take Tylenol too.", "Tylenol"),
    ("acetaminophen", "Add Tylenol if the pain is bad.", "Tylenol"),
    ("acetaminophen", "Take Tylenol Extra Strength as well for bad days.", "Tylenol"),
    ("acetaminophen", "Tome también Tylenol si el dolor es fuerte.", "Tylenol"),
    ("methotrexate", "Also take Trexall on Monday.", "Trexall"), ("methotrexate", "Take your MTX too.", "MTX"),
    # ... its brands elsewhere, and its names in a Spanish or French note
    ("acetaminophen", "You can also take Panadol.", "Panadol"),
    ("acetaminophen", "Vous pouvez aussi prendre du Doliprane.", "Doliprane"),
    ("acetaminophen", "Tome también acetaminofén si tiene fiebre.", "acetaminofén"),
    ("acetaminophen", "Tome también paracetamol.", "paracetamol"),
    # one name for the one medicine, said against, a name of it, or another medicine added
    ("acetaminophen", "Tylenol 2 tablets every 6 hours as needed.", None),
    ("acetaminophen", "Do not take Tylenol as well.", None), ("acetaminophen", "It is also called Tylenol.", None),
    ("acetaminophen", "You can also take ibuprofen with your Tylenol.", None),
    ("acetaminophen", "Tylenol also helps with fever.", None), ("acetaminophen", "El Tylenol también ayuda con la fiebre.", None),
    ("methotrexate", "Take your MTX on Monday and your folic acid too.", None),
    ("acetaminophen", "Panadol is another name for it.", None), ("methotrexate", "Tome también paracetamol si tiene dolor.", None),
])
def test_the_plans_own_medicine_under_another_name_taken_as_well_is_refused(tmp_path: Path, capsys, handout: str,
                                                                             note: str, refused: str | None) -> None:
    assert_note(tmp_path, capsys, handout, note, "H159", refused and f"note: '{refused}' in the note is {handout} itself under another name")
