"""handout translate: XLIFF/PO round trips through translate-toolkit, refusals, review, proof, glossary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from translate.storage import po, xliff

from conftest import DATA, pdf_text, run
from handout import glossary, pipeline
from handout.content import Target, read
from handout.theme import load_theme


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the LDN handout with its es, ru and ko files; commands run from tmp_path."""
    dst = tmp_path / "data" / "ldn"
    dst.mkdir(parents=True)
    for name in ("handout.yaml", "en.yaml", "es.yaml", "ru.yaml", "ko.yaml"):
        shutil.copy(DATA / "ldn" / name, dst / name)
    monkeypatch.chdir(tmp_path)
    return dst


def _export(lang: str, fmt: str, capsys) -> Path:
    out = Path(f"ldn.{lang}.{fmt}")
    code, stdout, err = run(["translate", "export", "ldn", "--lang", lang, "--format", fmt, "-o", str(out)], capsys)
    assert code == 0, err
    assert "units" in stdout
    return out


def _pdf(folder: Path, lang: str, edition: str = "standard") -> str:
    h = next(x for x in read(Target(folder), (lang,)).handouts if x.lang == lang)
    return " ".join(pdf_text(pipeline.build(h, load_theme(), edition=edition).pdf))


def test_xliff_round_trip_changes_what_prints(data: Path, capsys):
    path = _export("es", "xliff", capsys)
    store = xliff.xlifffile.parsefile(str(path))
    assert store.document.getroot().get("version") == "1.2"
    units = {u.xmlelement.get("id"): u for u in store.units}
    assert len(units) > 150 and "glossary.oxycodone" in units and "labels.col_dose" in units
    from handout.localize import MAY_LACK  # (an OTC page's words a catalog may lack: exported with no target yet)

    assert {u.getlanguageNode(None, 1).get("state") for k, u in units.items()
            if k.removeprefix("labels.") not in MAY_LACK} == {"needs-review-translation"}
    assert 'equiv-text="{emergency}"' in path.read_text() and 'ctype="bold"' in path.read_text()
    unit = units["step_notes.usual_dose"]
    unit.rich_target = [xliff_rich("Dosis habitual de mantenimiento.")]
    path.write_bytes(bytes(store))
    before = (data / "es.yaml").read_text(encoding="utf-8")
    code, out, err = run(["translate", "import", str(path)], capsys)
    assert code == 0, err
    assert "changed  step_notes.usual_dose" in out and "status draft" in out
    after = (data / "es.yaml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(changed) == 1 and "Dosis habitual de mantenimiento." in changed[0][1]  # comments, order kept
    assert "Dosis habitual de mantenimiento." in _pdf(data, "es")


def xliff_rich(text: str):
    from translate.storage.placeables import StringElem

    return StringElem([text])


def test_po_round_trip_and_a_new_translator(data: Path, capsys):
    path = _export("ko", "po", capsys)
    store = po.pofile.parsefile(str(path))
    unit = next(u for u in store.units if u.getcontext() == "step_notes.usual_dose")
    assert unit.isfuzzy() and "Note column of the dosing table" in unit.getnotes("developer")
    unit.target = "계속 복용하는 보통 용량입니다."
    unit.markfuzzy(False)
    store.savefile(str(path))
    code, out, err = run(["translate", "import", str(path), "--translator", "Kim Min-ji, medical translator"],
                         capsys)
    assert code == 0, err
    text = (data / "ko.yaml").read_text(encoding="utf-8")
    assert "계속 복용하는 보통 용량입니다." in text and "translator: Kim Min-ji, medical translator" in text
    assert "계속 복용하는 보통 용량입니다" in _pdf(data, "ko")


def test_a_broken_placeholder_is_refused_at_its_line(data: Path, capsys):
    path = _export("es", "xliff", capsys)
    store = xliff.xlifffile.parsefile(str(path))
    unit = next(u for u in store.units if u.xmlelement.get("id") == "serious_action")
    target = unit.getlanguageNode(None, 1)
    for x in target.iter("{*}x"):  # the translator typed the number instead of the protected code
        x.getparent().remove(x) if x.getparent() is target else None
    path.write_bytes(bytes(store))
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1)
                if "<target" in text and "Deje la LDN" in text)
    before = (data / "es.yaml").read_text(encoding="utf-8")
    code, _, err = run(["translate", "import", str(path)], capsys)
    assert code == 1
    assert f"{path}:{line}:1: error: serious_action: '{{crisis}}' 1 time in the source, 0 in the target" in err
    assert (data / "es.yaml").read_text(encoding="utf-8") == before  # nothing written


def test_a_file_declaring_the_wrong_encoding_or_a_unit_twice_is_refused(data: Path, capsys):
    """An adversarial review: an XLIFF saved as UTF-8 but declaring ISO-8859-1 imported 'CÃ³mo
    tomar' into the Spanish text and labels, and every Spanish PDF printed it; a unit given twice
    took the last without a word."""
    import handout

    path = _export("es", "xliff", capsys)
    good = path.read_bytes()
    labels = Path(handout.__file__).parent / "catalogs" / "es.yaml"  # the package's labels: never touched
    before = {p: p.read_bytes() for p in (data / "es.yaml", labels)}
    path.write_bytes(good.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1).replace(b"encoding='utf-8'",
                                                                                          b"encoding='ISO-8859-1'", 1))
    assert b"ISO-8859-1" in path.read_bytes()
    code, _, err = run(["translate", "import", str(path)], capsys)
    assert code == 1 and "reads as UTF-8 text decoded as Latin-1" in err and "the file's encoding declaration is wrong" in err
    assert all(p.read_bytes() == b for p, b in before.items())  # nothing written
    text = good.decode("utf-8")
    unit = text[text.index("<trans-unit"):text.index("</trans-unit>") + len("</trans-unit>")]
    path.write_text(text.replace(unit, unit + unit, 1), encoding="utf-8")
    code, _, err = run(["translate", "import", str(path)], capsys)
    assert code == 1 and "this unit is in the file twice" in err
    assert all(p.read_bytes() == b for p, b in before.items())
    # A bidi override in a target: at the XLIFF's line (it was an ar.yaml line without it: a code review)
    first = unit.replace("</target>", "\u202e51\u202c</target>", 1)
    path.write_text(text.replace(unit, first, 1), encoding="utf-8")
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "\u202e" in t)
    code, _, err = run(["translate", "import", str(path)], capsys)
    assert code == 1 and f"{path}:{line}:" in err and "U+202E (RIGHT-TO-LEFT OVERRIDE)" in err, err
    assert all(p.read_bytes() == b for p, b in before.items())
    # A line separator in a target: at the XLIFF's line too (it was said at the YAML it would write: a review)
    first = unit.replace("</target>", "\u2028ok</target>", 1)
    path.write_text(text.replace(unit, first, 1), encoding="utf-8")
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "\u2028" in t)
    code, _, err = run(["translate", "import", str(path)], capsys)
    assert code == 1 and f"{path}:{line}:" in err and "a line separator (U+2028) in the target" in err, err
    assert all(p.read_bytes() == b for p, b in before.items())


@pytest.mark.parametrize("text, wrong", [("SANTÉ\xa0: bien", False), ("déjà vu", False), ("São Paulo", False),
                                         ("CÃ³mo tomar", True), ("Ø§Ù„Ø¯ÙˆØ§Ø¡", True), ("Ð¿Ñ€Ð¸Ð¼ÐµÑ€", True)])
def test_text_read_in_the_wrong_encoding_is_told_from_real_accents(text: str, wrong: bool):
    """A code review: French 'SANTÉ' before a no-break space (French spacing before ':') was taken
    for UTF-8 read as Latin-1."""
    from handout.translate import _misread

    assert (_misread(text) is not None) == wrong


def test_unknown_id_and_another_source_version_are_refused(data: Path, capsys):
    path = _export("es", "po", capsys)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgctxt "title"', 'msgctxt "titel"'), encoding="utf-8")
    code, _, err = run(["translate", "import", str(path)], capsys)
    assert code == 1 and "error: titel: unknown unit id" in err
    path.write_text(text, encoding="utf-8")
    en = data / "en.yaml"
    en.write_text(en.read_text(encoding="utf-8").replace("Vivid dreams (1 in 3", "Very vivid dreams (1 in 3"),
                  encoding="utf-8")
    code, _, err = run(["translate", "import", str(path)], capsys)
    assert code == 1 and "exported from another version of the en text" in err


def test_every_unit_final_and_a_named_reviewer_make_it_reviewed(data: Path, capsys):
    path = _export("es", "xliff", capsys)
    path.write_text(path.read_text(encoding="utf-8").replace('state="needs-review-translation"', 'state="final"'),
                    encoding="utf-8")
    code, out, err = run(["translate", "import", str(path), "--reviewer", "Ana Ruiz"], capsys)
    assert code == 1 and "--reviewer, --credential and --reviewed-on together" in err
    code, out, err = run(["translate", "import", str(path), "--reviewer", "Ana Ruiz", "--credential",
                          "CCHI-certified medical translator", "--reviewed-on", "2026-12-01"], capsys)
    assert code == 0 and "status reviewed" in out, err
    text = (data / "es.yaml").read_text(encoding="utf-8")
    assert "status: reviewed" in text and "reviewer: Ana Ruiz, CCHI-certified medical translator" in text
    assert "DRAFT" not in _pdf(data, "es")
    code, out, _ = run(["translate", "export", "ldn", "--lang", "es", "-o", "again.xlf"], capsys)
    assert "final" in out and "needs-review" not in out


def test_proof_pdf_holds_both_languages_and_is_tagged(data: Path, capsys, tmp_path: Path):
    import pikepdf

    code, out, err = run(["translate", "proof", "ldn", "--lang", "ru", "--out", str(tmp_path / "proof")], capsys)
    assert code == 0, err
    pdf = (tmp_path / "proof" / "ldn.ru.proof.pdf").read_bytes()
    text = " ".join(pdf_text(pdf))
    assert "Take it at about the same time each" in text  # source
    assert "Принимайте её каждый вечер" in text  # target, beside it
    assert "трамадол (tramadol)" in text and "Weeks 1 to 2: 1.5 mg" in text and "Signature" in text
    with pikepdf.open(__import__("io").BytesIO(pdf)) as doc:
        assert doc.Root.MarkInfo.Marked and str(doc.Root.Lang) == "ru"
        tags = set()

        def walk(el):
            if isinstance(el, pikepdf.Dictionary) and "/S" in el:
                tags.add(str(el.S))
            kids = el.get("/K") if isinstance(el, pikepdf.Dictionary) else None
            for k in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                if isinstance(k, pikepdf.Dictionary):
                    walk(k)
        walk(doc.Root.StructTreeRoot)
        assert {"/Table", "/TR", "/TH", "/TD", "/H1", "/H2"} <= tags
    import page

    for profile in ("ua1", "2a"):  # tagged like every other PDF
        report = page.validate_pdf_bytes(pdf, profile=profile)
        assert report.is_compliant, [(f.rule_id, f.message) for f in report.failures]


@pytest.mark.parametrize("lang, local", [("ru", "трамадол (tramadol)"), ("zh-Hans", "曲马多 (tramadol)"),
                                         ("ko", "트라마돌 (tramadol)"), ("ar", "ترامادول (tramadol)")])
def test_local_drug_names_print_with_the_latin_inn(lang: str, local: str):
    from handout.layout import layout
    from handout.regions import apply

    h = apply(next(x for x in read(Target(DATA / "ldn"), (lang,)).handouts), None)
    laid = layout(h, load_theme(), edition="wallet")  # the do-not-take box; fits in every language
    lines = " ".join(it.line.logical for p in laid.pages for it in p.items if hasattr(it, "line"))
    assert local in lines
    assert "(buprenorphine," in lines and "Suboxone)" in lines  # the INN and the brand, also where a line breaks


def test_a_drug_without_a_glossary_entry_is_a_check_warning(tmp_path: Path, monkeypatch, capsys):
    gl = tmp_path / "glossary"
    gl.mkdir()
    (gl / "ru.yaml").write_text("tramadol: трамадол\n", encoding="utf-8")
    monkeypatch.setattr(glossary, "GLOSSARY_DIR", gl)
    glossary.load.cache_clear()
    try:
        h = next(x for x in read(Target(DATA / "ldn"), ("ru",)).handouts)
        found = glossary.check(h)
        assert found and all(f.severity == "warning" for f in found)
        assert any("'oxycodone' prints in Latin letters in language 'ru'" in f.message for f in found)
        assert not any("'tramadol'" in f.message for f in found)
        es = next(x for x in read(Target(DATA / "ldn"), ("es",)).handouts)
        assert glossary.check(es) == []  # Latin script: the name as written is readable
    finally:
        glossary.load.cache_clear()


def test_every_glossary_covers_every_drug_of_every_handout():
    names = set()
    for folder in sorted(p for p in DATA.iterdir() if (p / "handout.yaml").exists()):
        from handout.content import read_facts

        try:
            names |= set(glossary.drug_names(read_facts(folder)))
        except Exception:  # a handout being edited elsewhere: its drugs are covered below by name
            continue
    words = {"alcohol", "live vaccines", "other diabetes medicines", "other medicines that contain acetaminophen",
             "cold, flu and sleep medicines that contain acetaminophen", "other medicines that contain amoxicillin",
             "birth control pills that contain estrogen", "water pills (diuretics)"}
    for lang in ("ru", "ar", "fa", "hi", "zh-Hans", "ko"):
        assert names - words - set(glossary.load(lang)) == set(), lang


def test_plural_forms_a_language_needs_are_offered_and_may_stay_empty(data: Path, capsys):
    """An export offers each count form in the plural categories the language adds to English's
    (Arabic: zero, two, few, many; Russian: few, many), with the catalog's words where it has
    them; a reviewed file that leaves one empty (the "other" words print) is still final."""
    shutil.copy(DATA / "ldn" / "ar.yaml", data / "ar.yaml")
    path = _export("ar", "xliff", capsys)
    store = xliff.xlifffile.parsefile(str(path))
    units = {u.xmlelement.get("id"): u for u in store.units}
    assert units["labels.form_tablet_few"].target.strip() == "أقراص"  # {n} is a protected code
    assert not units["labels.form_tablet_two"].target and "'two' plural form" in units["labels.form_tablet_two"].getnotes()
    assert "labels.form_tablet_one" in units and "labels.form_tablet_lots" not in units
    path.write_text(path.read_text(encoding="utf-8").replace('state="needs-review-translation"', 'state="final"'),
                    encoding="utf-8")
    code, out, err = run(["translate", "import", str(path), "--reviewer", "Ana Ruiz", "--credential",
                          "CCHI-certified medical translator", "--reviewed-on", "2026-12-01"], capsys)
    assert code == 0 and "status reviewed" in out, err
    ru = {u.xmlelement.get("id"): u for u in xliff.xlifffile.parsefile(str(_export("ru", "xliff", capsys))).units}
    assert ru["labels.form_dose_many"].target.strip() == "доз" and "labels.form_dose_two" not in ru


@pytest.mark.parametrize("lang", [x for x in ("ar", "es", "fa", "fr", "hi", "ht", "ko", "ru", "tl", "vi", "zh-Hans")])
def test_an_unchanged_xliff_round_trip_gives_every_unit_back_as_it_was(lang: str, tmp_path: Path):
    """A translation whose placeholders come in another order than English's ("每{n}小时服{dose}")
    came back from a CAT tool untouched with them swapped ("每{dose}小时服{n}": every 1.5 mg hours),
    because its <x/> ids were numbered in its own order and read in the source's."""
    from handout import translate as T
    from handout import xliff as X

    h = T.load(DATA / "ldn", lang)
    path = tmp_path / f"ldn.{lang}.xlf"
    path.write_bytes(X.export(h.units, h.header(), "xliff", "ldn/en.yaml"))
    _, got = X.read(path, {u.id: u.source for u in h.units})
    before = {u.id: u.target for u in h.units}
    assert [(g.id, before[g.id], g.target) for g in got if g.target is not None and g.target != before[g.id]] == []
    assert not [g for g in got if g.problems]


def test_a_plural_form_with_words_is_reviewed_like_any_unit(data: Path, capsys):
    """Russian's catalog words '5 капсул' (form_capsule_many): a reviewed file that leaves it empty,
    or an export made before the form was offered, cannot make the language reviewed, since
    those words print unreviewed."""
    import re as _re

    args = ["--reviewer", "Ana Ruiz", "--credential", "CCHI-certified medical translator", "--reviewed-on", "2026-12-01"]
    path = _export("ru", "xliff", capsys)
    final = path.read_text(encoding="utf-8").replace('state="needs-review-translation"', 'state="final"')
    store = xliff.xlifffile.parsestring(final.encode("utf-8"))
    body = next(store.document.getroot().iter("{*}body"))
    plural = [u for u in body if _re.search(r"^labels\.form_\w+_(few|many)$", u.get("id", ""))]
    assert plural and any(u.get("id") == "labels.form_capsule_many" for u in plural)
    for unit in plural:
        if unit.get("id") == "labels.form_capsule_many":  # left empty
            target = unit.find("{*}target")
            for child in list(target):
                target.remove(child)
            target.text = None
    path.write_bytes(bytes(store))
    code, out, err = run(["translate", "import", str(path), *args], capsys)
    assert code == 0 and "status draft" in out, (out, err)
    for unit in plural:  # an export from before the plural forms
        body.remove(unit)
    path.write_bytes(bytes(store))
    code, out, err = run(["translate", "import", str(path), *args], capsys)
    assert code == 0 and "status draft" in out, (out, err)
    path.write_text(final, encoding="utf-8")  # every unit there and final: reviewed
    code, out, err = run(["translate", "import", str(path), *args], capsys)
    assert code == 0 and "status reviewed" in out, (out, err)
