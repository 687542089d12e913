"""HL7 Infobutton requests to `handout serve`: the feed, its links, the PDF, languages and errors."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from urllib.parse import urlencode, urlsplit

import pytest

import shutil

from conftest import DATA, edit, pdf_text
from handout.content import read_facts
from handout.infobutton import pick_language
from handout.web import create_app

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RXNORM, ICD10CM, SNOMED = "2.16.840.1.113883.6.88", "2.16.840.1.113883.6.90", "2.16.840.1.113883.6.96"

# One entry per edition of the bundled handout, in the order handout.yaml lists them.
EDITIONS = read_facts(DATA / "ldn").edition_names



@pytest.fixture(scope="module")
def client():
    return create_app(DATA, rate="1000 per minute").test_client()


def ask(client, code="7243", system=RXNORM, **extra):
    params = {"mainSearchCriteria.v.c": code, "mainSearchCriteria.v.cs": system}
    params.update({k.replace("__", "."): v for k, v in extra.items()})
    return client.get("/infobutton?" + urlencode(params))


def entries(resp) -> list[ET.Element]:
    root = ET.fromstring(resp.data)
    assert root.tag == A + "feed"
    return root.findall(A + "entry")


def test_atom_feed_lists_each_edition_and_its_links_resolve_to_pdfs(client):
    resp = ask(client, informationRecipient="PAT", informationRecipient__languageCode__c="en")
    assert resp.status_code == 200 and resp.mimetype == "text/xml"
    assert resp.headers["Cache-Control"] == "no-store"
    found = entries(resp)
    assert [e.find(A + "category[@scheme='edition']").get("term") for e in found] == EDITIONS
    for e in found:
        link = e.find(A + "link")
        assert link.get("type") == "application/pdf" and link.get("hreflang") == "en" and e.get(XML_LANG) == "en"
        assert e.find(A + "id").text and e.find(A + "updated").text == "2026-11-01T00:00:00Z"
        pdf = client.get(urlsplit(link.get("href")).path)
        assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
        assert pdf.headers["Cache-Control"] == "no-store"
        assert "Low-dose naltrexone (LDN)" in " ".join(pdf_text(pdf.data))
    root = ET.fromstring(resp.data)  # the request context is echoed as categories
    assert {(c.get("scheme"), c.get("term")) for c in root.findall(A + "category")} >= {
        ("mainSearchCriteria.v.c", "7243"), ("mainSearchCriteria.v.cs", RXNORM), ("informationRecipient", "PAT")}


def test_pdf_response_is_the_best_match_itself(client):
    resp = ask(client, informationRecipient__languageCode__c="en-US", knowledgeResponseType="application/pdf")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf" and resp.data.startswith(b"%PDF")
    text = " ".join(pdf_text(resp.data))
    assert "Low-dose naltrexone (LDN)" in text and "Take 1 capsule at bedtime" in " ".join(text.split())
    assert resp.data == client.get("/handout/ldn/en/standard.pdf").data


def test_json_is_the_same_feed(client):
    atom_links = [e.find(A + "link").get("href") for e in entries(ask(client, code="M79.7", system=ICD10CM))]
    resp = ask(client, code="M79.7", system=ICD10CM, knowledgeResponseType="application/json")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    feed = json.loads(resp.data)["feed"]
    assert [e["link"][0]["href"] for e in feed["entry"]] == atom_links
    assert feed["entry"][0]["title"]["_value"] == "Low-dose naltrexone (LDN)" and feed["lang"] == "en"


@pytest.mark.parametrize("code, system", [("7243", RXNORM), ("M79.7", ICD10CM), ("m797", ICD10CM),
                                          ("G93.32", ICD10CM), ("203082005", SNOMED), ("52702003", SNOMED)])
def test_each_code_of_the_facts_finds_the_handout(client, code, system):
    assert len(entries(ask(client, code=code, system=system))) == len(EDITIONS)


@pytest.mark.parametrize("code, hid", [("6851", "methotrexate"), ("723", "amoxicillin"), ("161", "acetaminophen"),
                                       ("8640", "prednisone")])
def test_every_bundled_handout_is_found_by_its_rxnorm_ingredient(client, code, hid):
    """A clinician's review of the EHR link: only LDN had codes; methotrexate's RxNorm 6851 was a 404."""
    found = entries(ask(client, code=code))
    assert found and all(f"/handout/{hid}/" in e.find(A + "link").get("href") for e in found)


def test_no_match_is_a_404_in_the_asked_form(client):
    resp = ask(client, code="1191")  # aspirin: no handout
    assert resp.status_code == 404 and resp.mimetype == "text/xml"
    assert entries(resp) == []
    assert ET.fromstring(resp.data).find(A + "subtitle").text == "No handout for RxNorm 1191"
    resp = ask(client, code="M54.5", system=ICD10CM, knowledgeResponseType="application/json")
    assert resp.status_code == 404 and json.loads(resp.data)["feed"]["subtitle"]["_value"] == "No handout for ICD-10-CM M54.5"
    resp = ask(client, code="1191", knowledgeResponseType="application/pdf")
    assert resp.status_code == 404 and resp.mimetype == "text/plain" and b"No handout for RxNorm 1191" in resp.data
    assert client.get("/handout/ldn/xx/standard.pdf").status_code == 404
    assert client.get("/handout/ldn/en/poster.pdf").status_code == 404


def test_a_translation_the_cli_refuses_is_never_served_and_its_requests_fall_back(tmp_path):
    """The English source changed after the Spanish was translated: `handout build` refuses the stale
    Spanish (its words, or a dose, may be the old ones), and so must an EHR's request.  The feed and
    the PDF fall back to the language that prints; a link to the Spanish PDF says why it is not there."""
    shutil.copytree(DATA / "ldn", tmp_path / "ldn")
    edit(tmp_path / "ldn" / "en.yaml", "**Never take LDN with any opioid.**", "**Never take LDN with an opioid.**")
    stale = create_app(tmp_path, rate="1000 per minute").test_client()
    found = entries(ask(stale, informationRecipient__languageCode__c="es"))
    assert found and {e.get(XML_LANG) for e in found} == {"en"}
    assert all("the es version cannot be printed now" in e.find(A + "summary").text for e in found)
    pdf = ask(stale, informationRecipient__languageCode__c="es", knowledgeResponseType="application/pdf")
    assert pdf.status_code == 200 and pdf.data == stale.get("/handout/ldn/en/standard.pdf").data
    refused = stale.get("/handout/ldn/es/standard.pdf")
    assert refused.status_code == 422 and refused.mimetype == "text/plain"
    assert b"out of date with the English text" in refused.data
    assert stale.get("/handout/ldn/fr/standard.pdf").status_code == 422  # every translation of the old text


def test_the_page_serves_the_content_as_it_is_now_not_as_it_was_at_start(tmp_path):
    """A portal administrator's trial: a sentence edited while the page ran was still served in its old words, and the
    Spanish its edit made stale still printed, until a restart."""
    shutil.copytree(DATA / "ldn", tmp_path / "ldn")
    client = create_app(tmp_path, rate="1000 per minute").test_client()
    assert client.get("/handout/ldn/es/standard.pdf").status_code == 200
    edit(tmp_path / "ldn" / "en.yaml", "**Never take LDN with any opioid.**", "**Never take LDN with an opioid.**")
    text = " ".join(" ".join(pdf_text(client.get("/handout/ldn/en/standard.pdf").data)).split())
    assert "Never take LDN with an opioid." in text, text[:600]
    assert client.get("/handout/ldn/es/standard.pdf").status_code == 422
    os.remove(tmp_path / "ldn" / "fr.yaml")
    assert client.get("/handout/ldn/fr/standard.pdf").status_code == 404


def test_a_content_folder_that_cannot_be_read_is_no_handout_never_a_server_error(tmp_path, monkeypatch):
    """A code review: a content folder whose permissions changed made every request a 500, the page itself too."""
    from handout import content

    shutil.copytree(DATA / "ldn", tmp_path / "ldn")
    client = create_app(tmp_path, rate="1000 per minute").test_client()
    assert client.get("/handout/ldn/en/standard.pdf").status_code == 200

    def unreadable(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(content, "select", unreadable)
    edit(tmp_path / "ldn" / "en.yaml", "**Never take LDN with any opioid.**", "**Never take LDN with an opioid.**")
    assert client.get("/").status_code == 200 and client.get("/healthz").status_code == 200
    assert client.get("/handout/ldn/en/standard.pdf").status_code == 404


def test_one_handout_whose_checks_cannot_run_leaves_the_feed_for_every_other_drug(tmp_path):
    """A copy of LDN whose large-print theme is broken (its checks cannot run) is not offered; the
    feed still answers for the other drugs (it answered 500 for every drug), and a kept link to the
    broken one says why instead of a server error page."""
    broken = tmp_path / "broken.yaml"
    broken.write_text('extends: large-print\ncolours:\n  accent: "not-a-colour"\n', encoding="utf-8")
    for hid, code in (("ldn", "7243"), ("ldnb", "1000001")):
        shutil.copytree(DATA / "ldn", tmp_path / "data" / hid)
        edit(tmp_path / "data" / hid / "handout.yaml", 'rxnorm: "7243"', f'rxnorm: "{code}"')
    edit(tmp_path / "data" / "ldnb" / "handout.yaml", "id: ldn", "id: ldnb")
    edit(tmp_path / "data" / "ldnb" / "handout.yaml", "theme: large-print", f"theme: {broken}")
    c = create_app(tmp_path / "data", rate="1000 per minute").test_client()
    assert len(entries(ask(c))) == len(EDITIONS)  # LDN itself, every edition
    gone = ask(c, code="1000001")
    assert gone.status_code == 404 and entries(gone) == []
    assert "ldnb: the en version cannot be printed now" in ET.fromstring(gone.data).find(A + "subtitle").text
    link = c.get("/handout/ldnb/en/standard.pdf")
    assert link.status_code == 500 and link.mimetype == "text/plain" and b"cannot be printed" in link.data


@pytest.mark.parametrize("query, message", [
    ({"mainSearchCriteria.v.cs": RXNORM}, "mainSearchCriteria.v.c: missing"),
    ({"mainSearchCriteria.v.c": "7243"}, "mainSearchCriteria.v.cs: missing"),
    ({"mainSearchCriteria.v.c": "7243", "mainSearchCriteria.v.cs": "2.16.840.1.113883.6.103"},
     "is not a code system this server knows"),
    ([("mainSearchCriteria.v.c", "7243"), ("mainSearchCriteria.v.c", "161"), ("mainSearchCriteria.v.cs", RXNORM)],
     "expected one main search criterion"),
    ({"mainSearchCriteria.v.c": "naltrexone", "mainSearchCriteria.v.cs": RXNORM}, "is not an RxCUI"),
    ({"mainSearchCriteria.v.c": "M79-7", "mainSearchCriteria.v.cs": ICD10CM}, "is not an ICD-10-CM code"),
    ({"mainSearchCriteria.v.c": "203082004", "mainSearchCriteria.v.cs": SNOMED}, "fails the SNOMED CT check digit"),
    ({"mainSearchCriteria.v.c": "7243", "mainSearchCriteria.v.cs": RXNORM, "informationRecipient": "PAYOR"},
     "expected PAT or PROV"),
    ({"mainSearchCriteria.v.c": "7243", "mainSearchCriteria.v.cs": RXNORM,
      "informationRecipient.languageCode.c": "spanish!"}, "is not a BCP 47 language tag"),
    ({"mainSearchCriteria.v.c": "7243", "mainSearchCriteria.v.cs": RXNORM, "knowledgeResponseType": "text/html"},
     "knowledgeResponseType: 'text/html' is not offered"),
])
def test_bad_parameters_are_a_400_that_says_which(client, query, message):
    resp = client.get("/infobutton?" + urlencode(query))
    assert resp.status_code == 400
    body = resp.get_data(as_text=True)
    if resp.mimetype == "text/xml":
        body = ET.fromstring(resp.data).find(A + "subtitle").text
    assert message in body, body


@pytest.mark.parametrize("asked, served, why", [
    ("es-MX", "es", "asked for es-MX; the nearest is es"), ("ES", "es", "as asked"),
    ("zh-Hans-CN", "zh-Hans", "asked for zh-Hans-CN; the nearest is zh-Hans"), ("de-AT", "en", "no de-AT version; the clinic's fallback language"),
    # (an EHR's zh-CN, zh and ISO 639-2's spa got English: a clinician's review)
    ("zh-CN", "zh-Hans", "asked for zh-CN; the nearest is zh-Hans"), ("zh", "zh-Hans", "asked for zh; the nearest is zh-Hans"),
    ("spa", "es", "asked for spa; the nearest is es"),
    (None, "en", "the clinic's default language"),
])
def test_language_lookup_then_the_clinics_fallback(client, asked, served, why):
    extra = {"informationRecipient__languageCode__c": asked} if asked else {}
    found = entries(ask(client, **extra))
    assert {e.get(XML_LANG) for e in found} == {served}
    assert f"Language: {served} ({why})" in found[0].find(A + "summary").text
    assert all(f"/handout/ldn/{served}/" in e.find(A + "link").get("href") for e in found)


def test_the_fallback_language_is_the_clinics_choice():
    c = create_app(DATA, rate="1000 per minute", fallback_lang="es").test_client()
    found = entries(ask(c, informationRecipient__languageCode__c="de"))
    assert {e.get(XML_LANG) for e in found} == {"es"}
    assert pick_language("de", ["en"], "es") == ("en", "no de version; the clinic's fallback language")
    assert pick_language("de", ["fr"], "es") == (None, "no de version")


def test_a_provider_gets_the_patient_handout_and_is_told(client):
    found = entries(ask(client, informationRecipient="PROV"))
    assert len(found) == len(EDITIONS) and "Written for patients" in found[0].find(A + "summary").text


def test_rate_and_length_are_bounded():
    c = create_app(DATA, rate="2 per minute").test_client()
    assert [ask(c, code="1191").status_code for _ in range(3)] == [404, 404, 429]
    c = create_app(DATA).test_client()
    assert c.get("/infobutton?mainSearchCriteria.v.c=" + "1" * 3000).status_code == 414
