"""HL7 Infobutton knowledge requests: query parameters in, matching handouts and a feed out.

An EHR puts an "i" button beside a medication or a problem; pressing it opens
``/infobutton?mainSearchCriteria.v.c=7243&mainSearchCriteria.v.cs=2.16.840.1.113883.6.88&…``
(HL7 Version 3 Implementation Guide: Context-Aware Knowledge Retrieval (Infobutton), URL-based
implementation, the request format MedlinePlus Connect also answers).  This module is pure:
``parse`` checks the parameters (``BadRequest`` says what is wrong), ``find`` matches them to the
clinic's handouts by the codes in their facts, and ``atom`` / ``as_json`` write the knowledge
response (an Atom 1.0 feed, per the Infobutton SOA guide, or its JSON form as MedlinePlus Connect
writes it): one entry per matching handout and edition, each linking to its PDF.  ``web.py`` serves
it and builds the PDFs.

The language comes from ``informationRecipient.languageCode.c`` (BCP 47), looked up as RFC 4647
does — the whole tag, then shorter and shorter (``es-MX`` → ``es``) — then the clinic's fallback
language; the feed says which language was served and why.  Only patient-facing content exists,
so a request for a provider (``informationRecipient=PROV``) gets the patient handout, and its
summary says so: a clinician who asks still wants the sheet to hand over.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Literal
from collections.abc import Callable, Collection, Mapping, Sequence

from .codes import ICD10CM, RXCUI, sctid_problem
from .model import Handout

# Code systems by their HL7 OID, and the name the facts use for each.
RXNORM_OID, ICD10CM_OID, SNOMED_OID = "2.16.840.1.113883.6.88", "2.16.840.1.113883.6.90", "2.16.840.1.113883.6.96"
SYSTEMS = {RXNORM_OID: "rxnorm", ICD10CM_OID: "icd10cm", SNOMED_OID: "snomed"}
SYSTEM_NAMES = {"rxnorm": "RxNorm", "icd10cm": "ICD-10-CM", "snomed": "SNOMED CT"}
ResponseType = Literal["text/xml", "application/json", "application/pdf"]
RESPONSE_TYPES: dict[str, ResponseType] = {"text/xml": "text/xml", "application/atom+xml": "text/xml",
                                           "application/json": "application/json",
                                           "application/pdf": "application/pdf"}
RECIPIENTS = ("PAT", "PROV")
_BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
ATOM = "http://www.w3.org/2005/Atom"
EDITION_NAMES = {"standard": "handout", "card": "one-page card", "large-print": "large print"}


class BadRequest(ValueError):
    """A request the guide does not allow: the parameter and what was expected."""


@dataclass(frozen=True)
class Query:
    system: str  # rxnorm, icd10cm or snomed
    code: str
    lang: str | None  # the asked BCP 47 tag, as given
    recipient: str  # PAT or PROV
    response: ResponseType
    echo: tuple[tuple[str, str], ...]  # the parameters understood, for the feed's categories


@dataclass(frozen=True)
class Entry:
    handout: Handout
    edition: str
    href: str
    summary: str


@dataclass(frozen=True)
class Feed:
    title: str
    subtitle: str
    lang: str | None
    updated: str
    id: str
    categories: tuple[tuple[str, str], ...]
    entries: tuple[Entry, ...]


def _one(params: Mapping[str, Sequence[str]], name: str, required: bool = False) -> str | None:
    values = [v.strip() for v in params.get(name, ())]
    if len(values) > 1:
        raise BadRequest(f"{name}: given {len(values)} times (expected one value)")
    if not values or not values[0]:
        if required:
            raise BadRequest(f"{name}: missing (expected e.g. {name}=" +
                             ("7243" if name.endswith(".c") else RXNORM_OID) + ")")
        return None
    if len(values[0]) > 64:
        raise BadRequest(f"{name}: longer than 64 characters")
    return values[0]


def normalise(system: str, code: str) -> str:
    """ICD-10-CM codes are compared without case or dot (EHRs send M79.7, m79.7 or M797)."""
    return code.replace(".", "").upper() if system == "icd10cm" else code


def parse(params: Mapping[str, Sequence[str]]) -> Query:
    """Check a knowledge request's parameters (raises ``BadRequest``)."""
    raw_type = _one(params, "knowledgeResponseType") or "text/xml"
    if raw_type not in RESPONSE_TYPES:
        raise BadRequest(f"knowledgeResponseType: '{raw_type}' is not offered "
                         "(expected text/xml, application/json or application/pdf)")
    if len(params.get("mainSearchCriteria.v.c", ())) > 1:
        raise BadRequest("mainSearchCriteria.v.c: given more than once (expected one main search criterion)")
    code = _one(params, "mainSearchCriteria.v.c", required=True)
    oid = _one(params, "mainSearchCriteria.v.cs", required=True)
    assert code is not None and oid is not None
    if oid not in SYSTEMS:
        raise BadRequest(f"mainSearchCriteria.v.cs: '{oid}' is not a code system this server knows (expected "
                         f"{RXNORM_OID} RxNorm, {ICD10CM_OID} ICD-10-CM or {SNOMED_OID} SNOMED CT)")
    system = SYSTEMS[oid]
    if system == "rxnorm" and not RXCUI.match(code):
        raise BadRequest(f"mainSearchCriteria.v.c: '{code}' is not an RxCUI (expected digits)")
    if system == "icd10cm" and not ICD10CM.match(code.upper()) and not ICD10CM.match(
            code.upper()[:3] + "." + code.upper()[3:]):
        raise BadRequest(f"mainSearchCriteria.v.c: '{code}' is not an ICD-10-CM code (expected e.g. M79.7)")
    if system == "snomed" and (problem := sctid_problem(code)):
        raise BadRequest(f"mainSearchCriteria.v.c: '{code}' {problem}")
    recipient = (_one(params, "informationRecipient") or "PAT").upper()
    if recipient not in RECIPIENTS:
        raise BadRequest(f"informationRecipient: '{recipient}' is not offered (expected PAT or PROV)")
    lang = _one(params, "informationRecipient.languageCode.c")
    if lang is not None and not _BCP47.match(lang):
        raise BadRequest(f"informationRecipient.languageCode.c: '{lang}' is not a BCP 47 language tag "
                         "(expected e.g. es or es-MX)")
    echo = [("mainSearchCriteria.v.c", code), ("mainSearchCriteria.v.cs", oid), ("informationRecipient", recipient)]
    if lang:
        echo.append(("informationRecipient.languageCode.c", lang))
    return Query(system, code, lang, recipient, RESPONSE_TYPES[raw_type], tuple(echo))


# Tags an EHR or an export may send for a language the handouts are written in under another tag: Chinese in
# simplified characters (zh, zh-CN, zh-SG, zh-MY: the handouts' zh-Hans; "zh-CN" got English from the EHR link, a
# clinician's review), Filipino (fil: Tagalog, tl), and ISO 639-2's three letters ("spa" got English too).
ALIASES = {"zh": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-my": "zh-Hans", "fil": "tl", "fil-ph": "tl",
           "ara": "ar", "eng": "en", "spa": "es", "fas": "fa", "per": "fa", "fra": "fr", "fre": "fr", "hin": "hi",
           "hat": "ht", "kor": "ko", "rus": "ru", "tgl": "tl", "vie": "vi", "zho": "zh-Hans", "chi": "zh-Hans"}


def lookup(asked: str, available: Sequence[str]) -> str | None:
    """The language of ``available`` an ``asked`` tag gets by RFC 4647 lookup (any case; 'es-MX' →
    es; a tag the handouts write under another, ``ALIASES``: 'zh-CN' → zh-Hans), or None."""
    by_lower = {a.lower(): a for a in available}
    asked = ALIASES.get(asked.lower(), asked)
    parts = asked.lower().split("-")
    while parts:
        tag = "-".join(parts)
        if tag in by_lower:
            return by_lower[tag]
        parts.pop()
        if parts and len(parts[-1]) == 1:  # never end a tag on a singleton (RFC 4647 3.4)
            parts.pop()
    return None


def pick_language(asked: str | None, available: Sequence[str], fallback: str) -> tuple[str | None, str]:
    """(the language served or None, why): RFC 4647 lookup, then the clinic's fallback."""
    by_lower = {a.lower(): a for a in available}
    got = lookup(asked, available) if asked else None
    if asked and got is not None:
        return got, "as asked" if got.lower() == asked.lower() else f"asked for {asked}; the nearest is {got}"
    for tag in (fallback, "en"):
        if tag.lower() in by_lower:
            why = f"no {asked} version; the clinic's fallback language" if asked else "the clinic's default language"
            return by_lower[tag.lower()], why
    return None, f"no {asked or fallback} version"


def matches(handouts: Mapping[str, Mapping[str, Handout]], q: Query) -> list[str]:
    """Ids of the handouts whose codes match the query, sorted."""
    found = []
    for hid, by_lang in sorted(handouts.items()):
        codes = next(iter(by_lang.values())).facts.codes
        if codes is None:
            continue
        if q.system == "rxnorm":
            hit = codes.rxnorm == q.code
        else:
            hit = any(c.system == q.system and normalise(c.system, c.code) == normalise(q.system, q.code)
                      for c in codes.conditions)
        if hit:
            found.append(hid)
    return found


def pdf_path(h: Handout, edition: str) -> str:
    return f"handout/{h.id}/{h.lang}/{edition}.pdf"


def find(handouts: Mapping[str, Mapping[str, Handout]], q: Query, base: str, fallback: str,
         withheld: Mapping[str, Collection[str]] | None = None) -> Feed:
    """The knowledge response: every matching handout, in the served language, each edition.

    A language ``withheld`` (the policy would not print it now: a translation out of date with
    its source, a failed check) is never served: the request falls back, and the entry says why.
    """
    entries: list[Entry] = []
    served: set[str] = set()
    reasons: list[str] = []
    for hid in matches(handouts, q):
        held = (withheld or {}).get(hid, ())
        by_lang = {lang: h for lang, h in handouts[hid].items() if lang not in held}
        lang, why = pick_language(q.lang, sorted(by_lang), fallback)
        nearest, _ = pick_language(q.lang, sorted(handouts[hid]), fallback)
        if nearest is not None and nearest in held:
            why = (f"the {nearest} version cannot be printed now (out of date with its source text, or failing "
                   f"a check); " + ("the clinic's fallback language" if lang is not None else "no other version"))
        if lang is None:
            reasons.append(f"{hid}: {why}")
            continue
        h = by_lang[lang]
        served.add(lang)
        for edition in h.facts.edition_names:
            kind = EDITION_NAMES.get(edition, edition)
            summary = (f"{h.text.title}: {h.text.condition} ({kind}, version {h.facts.version}, reviewed "
                       f"{h.facts.reviewed_on.isoformat()}). Language: {lang} ({why}).")
            if q.recipient == "PROV":
                summary += " Written for patients: there is no separate provider version; give this to the patient."
            entries.append(Entry(h, edition, base + pdf_path(h, edition), summary))
    what = f"{SYSTEM_NAMES[q.system]} {q.code}"
    if entries:
        subtitle = f"Patient handouts for {what}, in {', '.join(sorted(served))}"
    elif reasons:
        subtitle = f"No handout for {what} in a language asked for or the clinic's fallback ({'; '.join(reasons)})"
    else:
        subtitle = f"No handout for {what}"
    updated = max((e.handout.facts.reviewed_on for e in entries), default=None)
    return Feed("Patient handouts", subtitle, next(iter(sorted(served)), None) if len(served) == 1 else None,
                f"{updated.isoformat()}T00:00:00Z" if updated else "1970-01-01T00:00:00Z",
                f"{base}infobutton?mainSearchCriteria.v.cs={SYSTEM_REVERSE[q.system]}&mainSearchCriteria.v.c={q.code}",
                q.echo, tuple(entries))


SYSTEM_REVERSE = {v: k for k, v in SYSTEMS.items()}


def error_feed(message: str, base: str) -> Feed:
    """A feed with no entries that says what went wrong (404/400 in the asked form)."""
    return Feed("Patient handouts", message, None, "1970-01-01T00:00:00Z", f"{base}infobutton", (), ())


def _entry_id(e: Entry) -> str:
    return f"{e.href}#v{e.handout.facts.version}"


def atom(feed: Feed) -> bytes:
    """The Atom 1.0 document (RFC 4287), built with ElementTree."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    if feed.lang:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", feed.lang)
    ET.SubElement(root, f"{{{ATOM}}}title", type="text").text = feed.title
    ET.SubElement(root, f"{{{ATOM}}}subtitle", type="text").text = feed.subtitle
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "handout"
    ET.SubElement(root, f"{{{ATOM}}}updated").text = feed.updated
    ET.SubElement(root, f"{{{ATOM}}}id").text = feed.id
    for scheme, term in feed.categories:  # the request context, echoed as the guide asks
        ET.SubElement(root, f"{{{ATOM}}}category", scheme=scheme, term=term)
    for e in feed.entries:
        h = e.handout
        node = ET.SubElement(root, f"{{{ATOM}}}entry")
        node.set("{http://www.w3.org/XML/1998/namespace}lang", h.lang)
        ET.SubElement(node, f"{{{ATOM}}}title", type="text").text = _title(e)
        ET.SubElement(node, f"{{{ATOM}}}link", href=e.href, rel="alternate", type="application/pdf",
                      hreflang=h.lang, title=_title(e))
        ET.SubElement(node, f"{{{ATOM}}}id").text = _entry_id(e)
        ET.SubElement(node, f"{{{ATOM}}}updated").text = f"{h.facts.reviewed_on.isoformat()}T00:00:00Z"
        ET.SubElement(node, f"{{{ATOM}}}summary", type="text").text = e.summary
        ET.SubElement(node, f"{{{ATOM}}}category", scheme="edition", term=e.edition)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _title(e: Entry) -> str:
    kind = EDITION_NAMES.get(e.edition, e.edition)
    return e.handout.text.title + ("" if e.edition == "standard" else f" ({kind})")


def as_json(feed: Feed) -> bytes:
    """The same feed in the JSON form MedlinePlus Connect uses for the Infobutton response."""
    def text(value: str, kind: str = "text") -> dict[str, str]:
        return {"_value": value, "type": kind}

    doc: dict[str, object] = {
        "title": text(feed.title), "subtitle": text(feed.subtitle), "author": {"name": {"_value": "handout"}},
        "updated": {"_value": feed.updated}, "id": {"_value": feed.id},
        "category": [{"scheme": s, "term": t} for s, t in feed.categories],
        "entry": [{"lang": e.handout.lang, "title": text(_title(e)),
                   "link": [{"href": e.href, "rel": "alternate", "type": "application/pdf",
                             "hreflang": e.handout.lang, "title": _title(e)}],
                   "id": {"_value": _entry_id(e)},
                   "updated": {"_value": f"{e.handout.facts.reviewed_on.isoformat()}T00:00:00Z"},
                   "summary": text(e.summary), "category": [{"scheme": "edition", "term": e.edition}]}
                  for e in feed.entries]}
    if feed.lang:
        doc = {"lang": feed.lang, **doc}
    return (json.dumps({"feed": doc}, indent=2, ensure_ascii=False) + "\n").encode()


def respond(handouts: Mapping[str, Mapping[str, Handout]], params: Mapping[str, Sequence[str]], base: str,
            fallback: str, make_pdf: Callable[[Handout, str], bytes],
            withheld: Mapping[str, Collection[str]] | None = None) -> tuple[int, str, bytes]:
    """(status, content type, body) for one request: 200, 404 (no match) or 400 (bad parameters).
    ``withheld``: the languages of each handout that may not be printed now (``find``).

    A 404 or 400 is written in the asked form (an empty feed whose subtitle says why) when the
    asked form is a feed, else as plain text.
    """
    raw = (params.get("knowledgeResponseType") or ["text/xml"])[0].strip()
    asked = RESPONSE_TYPES.get(raw, "text/xml")
    xml_type = raw if raw in ("text/xml", "application/atom+xml") else "text/xml"

    def problem(status: int, message: str) -> tuple[int, str, bytes]:
        if asked == "application/json":
            return status, "application/json", as_json(error_feed(message, base))
        if asked == "text/xml":
            return status, xml_type, atom(error_feed(message, base))
        return status, "text/plain", (message + "\n").encode()

    try:
        q = parse(params)
    except BadRequest as exc:
        return problem(400, str(exc))
    feed = find(handouts, q, base, fallback, withheld or {})
    if not feed.entries:
        return problem(404, feed.subtitle)
    if q.response == "application/pdf":
        best = feed.entries[0]  # the first matching handout's standard edition, in the served language
        return 200, "application/pdf", make_pdf(best.handout, best.edition)
    if q.response == "application/json":
        return 200, "application/json", as_json(feed)
    return 200, xml_type, atom(feed)
