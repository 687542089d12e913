"""FHIR: a built PDF in, an R4 DocumentReference (JSON) out, for EHR and portal integrations.

The type is LOINC 34895-3 "Education note", the LOINC document code used for patient
education / patient information sheets (IHE PCC's patient education section; France's ANS
lists it as "Fiche d'information au patient").  The resource carries no identifiers the tool
would have to invent; a draft translation is ``docStatus: preliminary``.  The attachment is
the PDF itself (``--fhir-inline``, base64) or its file name relative to the JSON.
"""

from __future__ import annotations

import base64
import hashlib
import json

from .model import Handout

LOINC_EDUCATION_NOTE = {"system": "http://loinc.org", "code": "34895-3", "display": "Education note"}


def document_reference(h: Handout, pdf: bytes, file_name: str, inline: bool = False,
                       patient_reference: str | None = None, related: list[dict] | None = None) -> dict:
    title = f"{h.text.title}: {h.text.condition}"
    draft = h.text.translation is not None and h.text.translation.status == "draft"
    attachment = {
        "contentType": "application/pdf",
        "language": h.lang,
        "title": title,
        "size": len(pdf),
        "hash": base64.b64encode(hashlib.sha1(pdf).digest()).decode(),  # FHIR asks for SHA-1
        "creation": h.facts.reviewed_on.isoformat(),
    }
    if inline:
        attachment["data"] = base64.b64encode(pdf).decode()
    else:
        attachment["url"] = file_name
    doc = {
        "resourceType": "DocumentReference",
        "language": h.lang,
        "status": "current",
        "docStatus": "preliminary" if draft else "final",
        "type": {"coding": [LOINC_EDUCATION_NOTE], "text": "Patient education handout"},
        "date": f"{h.facts.reviewed_on.isoformat()}T00:00:00Z",
        "description": title,
        "content": [{"attachment": attachment}],
    }
    if patient_reference:  # given by the caller (an EHR's Patient id); never invented here
        doc["subject"] = {"reference": patient_reference}
    if related:  # e.g. the MedicationRequest a personalised plan was printed from
        doc["context"] = {"related": related}
    return doc


def to_json(resource: dict) -> bytes:
    return (json.dumps(resource, indent=2, ensure_ascii=False) + "\n").encode()
