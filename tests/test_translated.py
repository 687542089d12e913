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
    # (what the review did, old, new, the reported line's text after the edit, expected finding)
    ("a precaution deleted", '  - "Tiene depresión o pensamientos de suicidio"\n', "",
     '  - "Tiene enfermedad de los riñones',
     "error: precautions: 4 in the source (en), 3 here (expected one translated item for each"),
    # (the first one: said of the list, never of the wrong item: a second review)
    ("the first precaution deleted", '  - "Tiene enfermedad de los riñones o del hígado"\n', "",
     '  - "Está embarazada', "error: precautions: 4 in the source (en), 3 here"),
    ("the emergency sentence deleted", " **Llame al {emergency}** si le cuesta respirar, se le hinchan la cara o la "
     "garganta, o si alguien que tomó un opioide está muy dormido o respira despacio.", "", "serious_action:",
     "error: serious_action: '{emergency}' 1 time(s) in the source (en), 0 here"),
    ("a precaution added", '  - "Tiene depresión o pensamientos de suicidio"\n',
     '  - "Tiene depresión o pensamientos de suicidio"\n  - "Nada más"\n', '  - "Tiene enfermedad de los riñones',
     "error: precautions: 4 in the source (en), 5 here"),
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


@pytest.mark.parametrize("old, new, path, differ", [
    ("Tome **1 cápsula al acostarse**", "Tome **2 cápsulas al acostarse**", "key_points[1]",
     "2 here, not in the source; 1 of the source, not here"),  # the dose
    ("los últimos 7 a 10 días", "los últimos 1 a 3 días", "interactions.opioids",
     "1, 3 here, not in the source; 7, 10 of the source, not here"),  # an opioid's washout
    ("los últimos 7 a 10 días", "los últimos 7 días", "interactions.opioids",
     "10 of the source, not here"),  # a number left out (a second review)
])
def test_a_number_the_source_does_not_have_or_one_it_has_left_out_is_said(es, capsys, old, new, path, differ):
    edit(es / "es.yaml", old, new)
    code, err = _check(es, capsys)
    line = line_of(es / "es.yaml", new)
    said = f"warning: {path}: {differ} (en: "
    assert said in err and f"es.yaml:{line}:" in err.split(said)[0].rsplit("\n", 1)[-1], err


@pytest.mark.parametrize("new, said", [("50 g", "'50 g' here"), ("50 mcg", "'50 mcg' here"), ("50 mL", "'50 mL' here")])
def test_the_sources_amount_in_another_unit_is_said(es, capsys, new, said):
    """A review: the same numbers in another unit ("4,5 g" for "4.5 mg") passed without a word."""
    edit(es / "es.yaml", "50 mg", new)
    code, err = _check(es, capsys)
    line = line_of(es / "es.yaml", new)
    assert f"{said} is not an amount of the source (en: " in err and f"es.yaml:{line}:" in err, err


@pytest.mark.parametrize("lang, source, translated", [
    ("ru", "Take 4.5 mg at bedtime.", "Принимайте 4,5 г перед сном."),  # the catalog's own lone letter
    ("ar", "Take 4.5 mg at bedtime.", "تناول 4.5 غرام عند النوم."), ("ko", "Take 4.5 mg at bedtime.", "4.5그램을 드세요."),
    ("es", "Take 1 capsule at bedtime.", "Tome 1 g al acostarse."),  # a count made an amount
])
def test_an_amount_in_another_unit_is_said_in_every_script(lang, source, translated):
    """A fourth review: grams and micrograms in Russian, Arabic, Persian, Hindi, Korean, Vietnamese and
    Chinese were not read, nor was a translation's amount where the source gives a count."""
    from handout.errors import Collector, Location
    from handout.translated import _check_units

    c = Collector()
    _check_units(c, Location("t.yaml", 1, 1), "key_points[0]", translated, source, lang, "en")
    assert any("here is not an amount of the source" in f.message for f in c.findings), c.findings


@pytest.mark.parametrize("lang, source, translated, said", [
    ("es", "On the other 6 days, take 1 folic acid tablet.", "Los otros 1 días, tome 6 tabletas de ácido fólico.",
     "6 tabletas"),
    ("es", "Take 2 capsules, then 1 capsule.", "Tome 1 cápsula, luego 1 cápsula.", None),  # a count left out: the number check's
    ("fr", "Take 1 tablet every 6 hours.", "Prenez 6 comprimés toutes les 1 heures.", "6 comprimés"),
    ("es", "On the other 6 days, take 1 folic acid tablet.", "Los otros 6 días, tome 1 tableta de ácido fólico.", None),
    ("ar", "Take 1 tablet every 6 hours.", "تناول 6 أقراص كل ساعة 1.", None),  # no counted words: not judged
    ("es", "1 in 10 people who take tablets get headaches.", "1 de cada 10 personas que toman tabletas tienen dolor de "
     "cabeza.", None),  # a ratio's "de cada" (a second review)
    ("es", "On the other 6 days, take 1 folic acid tablet.", "Los otros 1 días, tome 6 píldoras de ácido fólico.",
     "6 píldoras"),
])
def test_a_number_moved_to_another_word_is_said(lang, source, translated, said):
    """A review: the numbers of a translation were compared as a set, so "tome 6 tabletas" for "take 1
    tablet" on "the other 6 days" (six folic acid tablets a day) passed without a word."""
    from handout.errors import Collector, Location
    from handout.translated import _check_units

    c = Collector()
    _check_units(c, Location("t.yaml", 1, 1), "sections[0].bullets[1]", translated, source, lang, "en")
    found = [f.message for f in c.findings if "is not a count of the source" in f.message]
    assert found == ([] if said is None else [f"'{said}' here is not a count of the source (en: \"{source}\") "
                                              "(expected the source's counts on the same words: check that no number "
                                              "moved to another word)"]), c.findings


@pytest.mark.parametrize("lang, translated", [
    ("es", "Tome 1 tableta el lunes y 6 tabletas de ácido fólico los otros días."),
    ("fr", "Prenez 1 comprimé le lundi et 6 comprimés d'acide folique les autres jours."),
])
def test_two_counts_that_changed_places_are_said(lang, translated):
    """A third review: each count was held to the source's as a set, so two swapped counts passed."""
    from handout.errors import Collector, Location
    from handout.translated import _check_units

    source = "Take 6 tablets on Monday and 1 folic acid tablet on the other days."
    c = Collector()
    _check_units(c, Location("t.yaml", 1, 1), "key_points[0]", translated, source, lang, "en")
    assert any("count in another order than the source" in f.message for f in c.findings), c.findings
    c = Collector()
    _check_units(c, Location("t.yaml", 1, 1), "key_points[0]", "Tome 6 tabletas el lunes y 1 tableta de ácido fólico "
                 "los otros días.", source, "es", "en")
    assert not c.findings, c.findings


def test_thousands_and_decimals_are_read_as_one_number_in_every_way_of_writing_them():
    from handout.translated import _numbers

    assert [_numbers(t) for t in ("1,000 mg", "1.000 mg", "1 000 mg", "١٬٠٠٠", "1,5 mg", "1.5 mg", "0,125 mg",
                                  "7 a 10", "۴٫۵", "२ गोली", "4.5 mg [@younger2013]", "एक गोली [@younger2013]",
                                  "Take **4.5** mg")] == [
        ["1000"], ["1000"], ["1000"], ["1000"], ["1.5"], ["1.5"], ["0.125"], ["7", "10"], ["4.5"], ["2"], ["4.5"],
        [], ["4.5"]]


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


def test_side_effects_headings_and_the_title_are_held_to_the_source_too(es, capsys):
    """A third review: a side effect's "1 de 300" for 1 in 3, a heading of "—" and a side effect of "…"
    in place of the suicide warning passed; so did "(call { crisis })" in a side effect's name."""
    edit(es / "es.yaml", "Sueños intensos: 1 de 3 (pastilla falsa", "Sueños intensos: 1 de 300 (pastilla falsa")
    edit(es / "es.yaml", 'heading: "Consejos para tomar la LDN"', 'heading: "—"')
    code, err = _check(es, capsys)
    assert code != 0, err
    assert "warning: side_effects.vivid_dreams: 300 here, not in the source; 3 of the source, not here" in err, err
    heading = line_of(es / "es.yaml", 'heading: "—"')
    assert f"es.yaml:{heading}:" in err and "heading: no words (expected the name a patient reads)" in err, err
    edit(es / "es.yaml", 'heading: "—"', 'heading: "Consejos para tomar la LDN"')
    edit(es / "es.yaml", 'suicidal_thoughts: "Pensar en hacerse daño o matarse"',
         'suicidal_thoughts: "Pensar en hacerse daño (llame al { crisis })"')
    code, err = _check(es, capsys)
    assert code != 0 and "error: side_effects.suicidal_thoughts: a brace that is not part of a placeholder" in err, err
