"""An amount with a dose unit written in words is asked for in digits (``handout.spelledamounts``): a warning in the
handout's own words (H153), an error in a note (H156).  A clinician's review typed "Take forty-five mg each night"
as a note on LDN's page (4.5 mg) and it was printed: every amount rule read digits only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, edit, run
from handout.spelledamounts import amounts_in_words
from handout.textamounts import unit_words
from handout.wordlists import load

MASS = unit_words({"mass"})

WORDS = [
    # (language, text, the amounts in words found)
    ("en", "Take forty-five mg each night.", ["forty-five mg"]),
    ("en", "Take forty five milligrams at bedtime.", ["forty five milligrams"]),
    ("en", "Take four and a half mg, or zero point five mg.", ["four and a half mg", "zero point five mg"]),
    ("en", "Give four hundred mg twice.", ["four hundred mg"]),
    ("en", "Take one or two mg.", ["two mg"]),  # ("or" joins no number: each end its own)
    ("es", "Tome cuarenta y cinco mg cada noche.", ["cuarenta y cinco mg"]),
    ("es", "Tome cuatro coma cinco miligramos.", ["cuatro coma cinco miligramos"]),
    ("fr", "Prenez quarante-cinq mg le soir.", ["quarante-cinq mg"]),
    ("fr", "Prenez quatre virgule cinq milligrammes, ou vingt et un mg.",
     ["quatre virgule cinq milligrammes", "vingt et un mg"]),
    ("fr", "Prenez quatre-vingt-dix mg.", ["quatre-vingt-dix mg"]),
    # not an amount in words: digits, a count, a word that only ends like a number, an article, no unit
    ("en", "Take 4.5 mg at bedtime.", []), ("en", "Take one 5 mg tablet.", []), ("en", "Take six tablets.", []),
    ("en", "Someone mg", []), ("en", "Take a mg", []), ("en", "Take one good dose.", []),
    ("en", "Fourteen units of alcohol a week.", []),  # (units are no unit of a plan of mg)
]


@pytest.mark.parametrize("lang,text,found", WORDS, ids=[c[1] for c in WORDS])
def test_an_amount_in_words_is_found(lang: str, text: str, found: list[str]) -> None:
    words = load(lang)
    assert words is not None
    assert amounts_in_words(text, words, MASS) == found


def test_a_volume_in_words_is_found_only_where_the_plan_has_a_liquid() -> None:
    words = load("en")
    assert words is not None
    assert amounts_in_words("Drink four hundred mL of water.", words, MASS) == []
    assert amounts_in_words("Give four mL twice.", words, unit_words({"mass", "mL"})) == ["four mL"]


NOTES = [
    # (handout, note, the amount in words refused: None for none)
    ("ldn", "Take forty-five mg each night.", "forty-five mg"),  # (ten times the plan's 4.5 mg)
    ("ldn", "Take four point five mg each night.", "four point five mg"),  # (the plan's, still asked in digits)
    ("methotrexate", "Take twenty mg every Monday.", "twenty mg"),
    ("methotrexate", "Paracetamol five hundred mg if needed.", "five hundred mg"),  # (any medicine's: numerals)
    ("ldn", "Tome cuarenta y cinco mg cada noche.", "cuarenta y cinco mg"),  # (a Spanish note on the English page)
    ("ldn", "Prenez quarante-cinq mg le soir.", "quarante-cinq mg"),
    ("methotrexate", "Take six tablets every Monday.", None),  # (a count in words is read, and is the plan's)
    ("ldn", "Someone from the clinic will call you.", None),
]


@pytest.mark.parametrize("handout,note,refused", NOTES, ids=[c[1] for c in NOTES])
def test_a_notes_amount_in_words_is_refused(tmp_path: Path, capsys, handout: str, note: str,
                                            refused: str | None) -> None:
    out = tmp_path / "out"
    code, _, err = run(["build", handout, "--data", str(DATA), "--lang", "en", "--patient", "Ana", "--edition",
                        "standard", "--note", note, "--out", str(out)], capsys)
    if refused is None:
        assert code == 0 and "amount in words" not in err, err
    else:
        assert code == 1 and not list(out.rglob("*.pdf")), err
        assert f"--note: error: note: '{refused}' in the note gives an amount in words (expected digits" in err, err


def test_a_weight_based_plans_note_is_read_for_amounts_in_words(tmp_path: Path, capsys) -> None:
    """A plan by weight is held to no amount from the facts alone, but a dose in words is still asked in digits."""
    code, _, err = run(["build", "amoxicillin", "--data", str(DATA), "--lang", "en", "--patient", "Ana", "--edition",
                        "standard", "--weight", "18.5", "--per-kg", "45", "--course-days", "10",
                        "--note", "Give four mL in the morning and at bedtime.", "--out", str(tmp_path / "out")], capsys)
    assert code == 1 and "'four mL' in the note gives an amount in words" in err, err


def test_the_handouts_own_amount_in_words_is_warned_of(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "ldn"
    shutil.copytree(DATA / "ldn", folder)
    edit(folder / "en.yaml", "Take **1 capsule at bedtime**.", "Take **1 capsule at bedtime**. That is forty-five mg.")
    _, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    found = [ln for ln in err.splitlines() if "amount in words" in ln]
    assert len(found) == 1 and "warning:" in found[0] and "'forty-five mg' gives an amount in words" in found[0], err
    assert "[H153]" in found[0]
