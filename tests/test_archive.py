"""Portal-ready files: tagged PDF/UA-1 and PDF/A-2a for every language, checked by validators."""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pikepdf
import pytest

from conftest import DATA, pdf_text
from handout import pipeline
from handout.content import Target, languages_in, read
from handout.layout import layout
from handout.render import draw, render
from handout.theme import load_theme

FOLDER = DATA / "ldn"
LANGS = languages_in(FOLDER)
THEME = load_theme()


@cache
def built(lang: str):
    h = read(Target(FOLDER, (lang,))).handouts[0]
    laid = layout(h, THEME)
    return h, laid, render(laid, THEME)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("profile", ["ua1", "2a"])
def test_validator_reports_compliance(lang, profile):
    import page

    _, _, pdf = built(lang)
    report = page.validate_pdf_bytes(pdf, profile=profile)
    assert report.is_compliant, [(f.rule_id, f.message) for f in report.failures]


@pytest.mark.parametrize("lang", LANGS)
def test_qpdf_and_pikepdf_accept_the_file(lang, tmp_path: Path):
    _, _, pdf = built(lang)
    with pikepdf.open(__import__("io").BytesIO(pdf)) as doc:
        assert doc.Root.MarkInfo.Marked is True
        assert str(doc.Root.Lang) == lang
        assert doc.Root.ViewerPreferences.DisplayDocTitle is True
        assert "/StructTreeRoot" in doc.Root
        meta = doc.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "A"
        assert "pdfuaid" in doc.Root.Metadata.read_bytes().decode()
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        if os.environ.get("CI"):
            pytest.fail("qpdf is not installed (.ci/run installs Debian's qpdf)")
        pytest.skip("qpdf not installed")
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def _struct(pdf: bytes):
    doc = pikepdf.open(__import__("io").BytesIO(pdf))
    out = []

    def walk(el):
        if isinstance(el, pikepdf.Dictionary) and el.get("/S") is not None:
            out.append((str(el.S), str(el.get("/Alt", "")), el.get("/A")))
            kids = el.get("/K")
            if isinstance(kids, pikepdf.Array):
                for k in kids:
                    walk(k)
            elif kids is not None:
                walk(kids)

    walk(doc.Root.StructTreeRoot.K)
    return out


def test_structure_has_headings_lists_table_and_figures():
    _, _, pdf = built("en")
    tags = _struct(pdf)
    names = [t for t, _, _ in tags]
    assert names[0] == "/Document" and names.count("/H1") == 1
    assert names.count("/H2") >= 6
    for t in ("/L", "/LI", "/Lbl", "/LBody", "/Table", "/TR", "/TH", "/TD", "/Figure", "/P"):
        assert t in names, t
    th = [a for t, _, a in tags if t == "/TH"]
    scopes = [str(a.Scope) for a in th]  # (the header row's heads its columns; each later row's head, its row)
    assert "/Column" in scopes and "/Row" in scopes and set(scopes) == {"/Column", "/Row"}, scopes
    alts = [alt for t, alt, _ in tags if t == "/Figure"]
    assert "QR code: opens https://handout.example.org/ldn/sources, the sources of this handout" in alts
    assert "Warning" in alts


def norm(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", s) if c.isalnum())


@pytest.mark.parametrize("lang", ["en", "es", "hi", "zh-Hans", "ko"])
def test_extracted_text_follows_the_structure_tree(lang):
    h, laid, pdf = built(lang)
    _, tagger = draw(laid)
    headings = [el.text for el in tagger.root.walk() if el.tag in ("H1", "H2", "H3")]
    assert len(headings) >= 8
    text = norm(" ".join(pdf_text(pdf)))
    pos = -1
    for heading in headings:
        found = text.find(norm(heading), pos + 1)
        assert found > pos, heading  # each heading comes after the one before it
        pos = found


def test_tagging_keeps_files_small():
    sizes = {lang: len(built(lang)[2]) for lang in ("en", "zh-Hans", "ko")}
    assert sizes["en"] <= 150 * 1024
    assert sizes["zh-Hans"] <= 400 * 1024 and sizes["ko"] <= 400 * 1024


@pytest.mark.parametrize("inline", [False, True])
def test_fhir_document_reference_validates_and_points_at_the_pdf(ldn, tmp_path: Path, capsys, inline):
    import base64
    import hashlib
    import json

    from fhir.resources.R4B.documentreference import DocumentReference

    from conftest import run

    out = tmp_path / "out"
    args = ["build", str(ldn), "--out", str(out), "--fhir-inline" if inline else "--fhir"]
    assert run(args, capsys)[0] == 0
    pdf = (out / "ldn" / "ldn.en.pdf").read_bytes()
    data = json.loads((out / "ldn" / "ldn.en.fhir.json").read_text())
    resource = DocumentReference.model_validate(data)
    assert resource.status == "current" and resource.docStatus == "final"
    assert resource.type.coding[0].system == "http://loinc.org" and resource.type.coding[0].code == "34895-3"
    att = resource.content[0].attachment
    assert att.contentType == "application/pdf" and att.language == "en"
    assert att.size == len(pdf)
    raw = data["content"][0]["attachment"]  # base64 as written (the model decodes it)
    assert base64.b64decode(raw["hash"]) == hashlib.sha1(pdf).digest()
    if inline:
        assert base64.b64decode(raw["data"]) == pdf and "url" not in raw
    else:
        assert raw["url"] == "ldn.en.pdf" and "data" not in raw
        assert (out / "ldn" / raw["url"]).exists()
    assert not getattr(resource, "identifier", None)  # no invented identifiers
    manifest = json.loads((out / "manifest.json").read_text())
    entries = {e["path"]: e for e in manifest["outputs"]}
    assert entries["ldn/ldn.en.pdf"]["fhir"] == "ldn/ldn.en.fhir.json"
    # Each edition and version told apart by its title and description (a review: one title for all of them)
    described = {json.loads((out / "ldn" / f"ldn.en{suffix}.fhir.json").read_text())["description"]
                 for suffix in ("", ".card", ".large-print", ".wallet")}
    assert len(described) == 4 and all("version 1.1" in d and "en" in d for d in described), described
    # Built again without --fhir (here on A4: other bytes), every DocumentReference of the old PDFs is gone: one
    # left behind gave a portal's upload the old size and hash (a portal administrator's trial)
    assert run(["build", str(ldn), "--out", str(out), "--paper", "a4"], capsys)[0] == 0
    assert not list(out.rglob("*.fhir.json")) and not any("fhir" in e for e in json.loads(
        (out / "manifest.json").read_text())["outputs"])
    assert data["date"] == "2026-11-01T00:00:00Z"  # (a shared handout's: its review date, the same bytes any day)


def _every_edition():
    for folder in sorted(p for p in DATA.iterdir() if (p / "handout.yaml").exists()):
        langs = [lang for lang in ("en", "ar") if (folder / f"{lang}.yaml").exists()]
        for lang in langs:
            h = read(Target(folder, (lang,))).handouts[0]
            for edition in [*h.facts.edition_names, "calendar"]:
                yield pytest.param(folder.name, lang, edition, id=f"{folder.name}-{lang}-{edition}")


@pytest.mark.parametrize("handout_id, lang, edition", list(_every_edition()))
def test_every_edition_of_every_handout_is_pdf_ua_and_pdf_a(handout_id, lang, edition):
    """Not only the standard edition: a stop row's empty cells, a calendar's days without a dose and a
    wallet card's headings once broke PDF/UA-1 while the standard LDN edition passed."""
    import page
    from datetime import date, timedelta

    from handout.model import Personal

    h = read(Target(DATA / handout_id, (lang,))).handouts[0]
    personal = Personal(patient="Pat Example", start=date.today() + timedelta(days=2), weight_kg=18.0) \
        if edition == "calendar" else None
    pdf = pipeline.build(h, THEME, edition=edition, personal=personal).pdf
    for profile in ("ua1", "2a"):
        report = page.validate_pdf_bytes(pdf, profile=profile)
        assert report.is_compliant, (profile, [(f.rule_id, f.message) for f in report.failures])


@pytest.mark.parametrize("url, written", [
    ("https://handout.example.org/ldn/sources", b"(https://handout.example.org/ldn/sources)"),
    ("https://\u0441\u0442\u043e\u043f\u043a\u043e\u0440\u043e\u043d\u0430\u0432\u0438\u0440\u0443\u0441.\u0440\u0444:8443/\u043f",
     b"(https://xn--80aesfpebagmfblc0a.xn--p1ai:8443/%D0%BF)")])
def test_a_link_to_a_host_in_another_script_is_written_as_its_punycode(url, written):
    """An adversarial review: a link to a Russian health site (.рф, kept by the host check) was written
    with its host percent-encoded, which not every viewer opens; a PDF's URI is 7-bit ASCII, and a
    host's ASCII form is its punycode."""
    from handout.archive import _uri

    assert _uri(url) == written


def test_a_title_with_xml_s_special_characters_is_its_own_title_in_the_metadata(tmp_path: Path):
    """The XMP packet is XML: a title's '&' and '<' are written as entities, so the packet parses
    and a catalogue or portal reading dc:title gets the title as written."""
    import xml.dom.minidom

    folder = tmp_path / "ldn"
    shutil.copytree(FOLDER, folder)
    title = "LDN & you: doses <4.5 mg>"
    text = (folder / "en.yaml").read_text(encoding="utf-8")
    assert "title: Low-dose naltrexone (LDN)\n" in text
    (folder / "en.yaml").write_text(text.replace("title: Low-dose naltrexone (LDN)\n", f'title: "{title}"\n', 1),
                                    encoding="utf-8")
    h = read(Target(folder, ("en",))).handouts[0]
    pdf = render(layout(h, THEME), THEME)
    with pikepdf.open(__import__("io").BytesIO(pdf)) as doc:
        packet = doc.Root.Metadata.read_bytes().decode("utf-8")
    titles = xml.dom.minidom.parseString(packet).getElementsByTagName("dc:title")[0].getElementsByTagName("rdf:li")
    assert titles[0].firstChild.data.startswith(title + ": ")  # then the subtitle


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_calendar_is_titled_as_the_calendar_of_its_handout(lang: str):
    """A screen reader says a file's title as it opens (DisplayDocTitle): the calendar was titled as the handout it
    goes with, so a patient with both files open heard the same name for each (a listening review)."""
    from datetime import date

    from handout.localize import load_labels
    from handout.personal import merge

    h = read(Target(DATA / "methotrexate", (lang,))).handouts[0]
    patient = merge(None, patient="Ana", start=date(2026, 12, 9))
    titles = {}
    for edition in ("standard", "calendar"):
        pdf = render(layout(h, THEME, edition=edition, personal=patient), THEME)
        with pikepdf.open(__import__("io").BytesIO(pdf)) as doc:
            packet = doc.Root.Metadata.read_bytes().decode("utf-8")
            titles[edition] = (str(doc.docinfo.Title), packet)
    assert titles["standard"][0] == f"{h.text.title}: {h.text.condition}"
    said = f"{load_labels(lang)('calendar_title')}: {h.text.title}"
    assert titles["calendar"][0] == said and f">{said}<" in titles["calendar"][1]
