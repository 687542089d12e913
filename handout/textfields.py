"""The fields of a text a patient reads, each with its path and location: a ``model.Text`` in, (path, text,
location) out.

The one list of them: validation, the checks, the plain-language rules, the regions' placeholders,
the translation tools and the report all ask it, so a field added to ``Text`` is read by all of
them, or by none.
"""

from __future__ import annotations

from collections.abc import Iterator

from .errors import Location
from .model import Text
from .schema import Located


def _at(obj: Located, name: str, i: int) -> Location:
    """Where item ``i`` of list field ``name`` was written: the schema records a line per mapping
    entry but one per list; an item's own line is used as soon as it is recorded as "name[i]"."""
    return obj.field_locs.get(f"{name}[{i}]", obj.where(name))


def wallet_fields(t: Text) -> Iterator[tuple[str, str, Location]]:
    """The wallet card's lines, each with its path and location."""
    for i, line in enumerate(t.wallet_card):
        yield f"wallet_card[{i}]", line, _at(t, "wallet_card", i)


def label_fields(t: Text) -> Iterator[tuple[str, str, Location]]:
    """Short texts that are not sentences: title, headings, side-effect and drug names, as-needed
    reasons (path, text, location)."""
    for name in ("title", "short_name", "condition"):
        yield name, getattr(t, name), t.where(name)
    for i, s in enumerate(t.sections):
        yield f"sections[{i}].heading", s.heading, s.where("heading")
    for name in ("side_effects", "drug_names", "reasons"):
        for k, v in getattr(t, name).items():
            yield f"{name}.{k}", v, t.where(f"{name}.{k}")


def text_fields(t: Text) -> list[tuple[str, str, Location]]:
    """Every field of a text a patient reads as words: its sentences, the wallet card's lines and its
    labels (path, text, location)."""
    return [*markup_fields(t), *wallet_fields(t), *label_fields(t)]


def markup_fields(t: Text) -> Iterator[tuple[str, str, Location]]:
    """Every sentence-bearing field of a text, raw (with **bold** and [@id]), with its path and location.

    The one list of markup fields: validation (citations), the checks, the plain-language rules,
    the regions' placeholders and the report all ask it.
    """
    for i, k in enumerate(t.key_points):
        yield f"key_points[{i}]", k, _at(t, "key_points", i)
    for i, s in enumerate(t.sections):
        for name in ("body", "bullets"):
            for j, p in enumerate(getattr(s, name)):
                yield f"sections[{i}].{name}[{j}]", p, _at(s, name, j)
    yield "serious_action", t.serious_action, t.where("serious_action")
    for name in ("step_notes", "interactions"):
        for k, v in getattr(t, name).items():
            yield f"{name}.{k}", v, t.where(f"{name}.{k}")
    for i, p in enumerate(t.precautions):
        yield f"precautions[{i}]", p, _at(t, "precautions", i)
    for i, q in enumerate(t.faq):
        yield f"faq[{i}].q", q.q, q.where("q")
        yield f"faq[{i}].a", q.a, q.where("a")
    yield "disclaimer", t.disclaimer, t.where("disclaimer")
