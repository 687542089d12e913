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
from datetime import date

from .model import Handout

LOINC_EDUCATION_NOTE = {"system": "http://loinc.org", "code": "34895-3", "display": "Education note"}


# How each edition is named in the title and description: a portal listing one handout's documents showed the
# standard, card, large-print, wallet and calendar ones under one title (a review).
EDITION_NAMES = {"standard": "", "card": "one-page card", "large-print": "large print", "wallet": "wallet card",
                 "calendar": "dose calendar"}


def document_reference(h: Handout, pdf: bytes, file_name: str, inline: bool = False,
                       patient_reference: str | None = None, related: list[dict] | None = None,
                       edition: str = "standard", made_on: date | None = None) -> dict:
    """The DocumentReference of one built PDF.  ``edition`` and the content's version are in its title and
    description, so a portal tells the editions apart and a newer version from an older; ``made_on``: the day a
    patient's own document was made, its date (a shared handout's is its review date: the same bytes any day)."""
    kind = EDITION_NAMES.get(edition, edition.replace("-", " "))
    title = f"{h.text.title}: {h.text.condition}"
    description = f"{title} ({', '.join(x for x in (kind, h.lang, f'version {h.facts.version}') if x)})"
    draft = h.text.translation is not None and h.text.translation.status == "draft"
    attachment = {
        "contentType": "application/pdf",
        "language": h.lang,
        "title": description,
        "size": len(pdf),
        "hash": base64.b64encode(hashlib.sha1(pdf).digest()).decode(),  # FHIR asks for SHA-1
        "creation": (made_on or h.facts.reviewed_on).isoformat(),
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
        "date": f"{(made_on or h.facts.reviewed_on).isoformat()}T00:00:00Z",
        "description": description,
        "content": [{"attachment": attachment}],
    }
    if patient_reference:  # given by the caller (an EHR's Patient id); never invented here
        doc["subject"] = {"reference": patient_reference}
    if related:  # e.g. the MedicationRequest a personalised plan was printed from
        doc["context"] = {"related": related}
    return doc


def to_json(resource: dict) -> bytes:
    return (json.dumps(resource, indent=2, ensure_ascii=False) + "\n").encode()
