"""A translation says what its source says: the same texts, the same phone numbers, no new number.

Each case is an edit an adversarial review made to a reviewed Spanish LDN that built with exit 0."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, edit, line_of, run


@pytest.fixture
def es(tmp_path: Path) -> Path:
    """A writable copy of data/ldn with English and Spanish."""
    dst = tmp_path / "data" / "ldn"
    dst.mkdir(parents=True)
    for name in ("handout.yaml", "en.yaml", "es.yaml"):
        shutil.copy(DATA / "ldn" / name, dst / name)
    return dst


def _check(folder: Path, capsys) -> tuple[int, str]:
    code, _, err = run(["check", str(folder), "--lang", "es"], capsys)
    return code, err


CASES = [
    # (what the review did, old, new, the line's text after the edit, expected finding)
    ("a precaution deleted", '  - "Tiene depresión o pensamientos de suicidio"\n', "",
     '  - "Tomó un opioide en los últimos',
     'error: precautions[3]: in the source (en) but not in this translation: "Have depression or thoughts of suicide"'),
    ("the emergency sentence deleted", " **Llame al {emergency}** si le cuesta respirar, se le hinchan la cara o la "
     "garganta, o si alguien que tomó un opioide está muy dormido o respira despacio.", "", "serious_action:",
     "error: serious_action: '{emergency}' 1 time(s) in the source (en), 0 here"),
    ("a precaution added", '  - "Tiene depresión o pensamientos de suicidio"\n',
     '  - "Tiene depresión o pensamientos de suicidio"\n  - "Nada más"\n', '  - "Nada más"',
     "error: precautions[4]: not in the source (en)"),
]


@pytest.mark.parametrize("what, old, new, line_text, expected", CASES, ids=[c[0] for c in CASES])
def test_a_translation_missing_or_adding_a_text_or_a_phone_number_is_refused(es, capsys, what, old, new, line_text,
                                                                             expected):
    edit(es / "es.yaml", old, new)
    code, err = _check(es, capsys)
    assert code != 0, err
    line = line_of(es / "es.yaml", line_text)
    assert f"es.yaml:{line}:" in err.split(expected)[0].rsplit("\n", 1)[-1], err
    assert expected in err, err


@pytest.mark.parametrize("old, new, path, number", [
    ("Tome **1 cápsula al acostarse**", "Tome **2 cápsulas al acostarse**", "key_points[1]", "2"),  # the dose
    ("los últimos 7 a 10 días", "los últimos 1 a 2 días", "interactions.opioids", "1, 2"),  # an opioid's washout
])
def test_a_number_the_source_does_not_have_is_said(es, capsys, old, new, path, number):
    edit(es / "es.yaml", old, new)
    code, err = _check(es, capsys)
    line = line_of(es / "es.yaml", new)
    said = f"warning: {path}: {number}: not a number of the source (en: "
    assert said in err and f"es.yaml:{line}:" in err.split(said)[0].rsplit("\n", 1)[-1], err


def test_the_shipped_translation_and_one_with_its_sections_in_another_order_say_nothing_of_this(es, capsys):
    code, err = _check(es, capsys)
    assert code == 0 and "in the source (en)" not in err and "not a number of the source" not in err, err
    text = (es / "es.yaml").read_text(encoding="utf-8")
    first = text.index("  - id: ")
    second = text.index("  - id: ", first + 1)
    third = text.index("  - id: ", second + 1)
    swapped = text[:first] + text[second:third] + text[first:second] + text[third:]  # sections 1 and 2 swapped
    (es / "es.yaml").write_text(swapped, encoding="utf-8")
    code, err = _check(es, capsys)
    assert "in the source (en)" not in err and "not in the source" not in err, err
