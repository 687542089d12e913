"""XLIFF 1.2 and gettext PO through translate-toolkit: units in, a CAT tool's file out, and back.

translate-toolkit (the library behind Weblate and Pootle) writes and reads both formats; nothing
here writes XML or PO syntax by hand.

* XLIFF 1.2: one ``<trans-unit id="FIELD.PATH">`` per unit, the note (``from="developer"``) and the
  printed context (``<context-group>``), the target's ``state`` (``new``, ``needs-review-translation``,
  ``translated``, ``final``).  Bold is a ``<g ctype="bold">`` pair and every citation or placeholder an
  ``<x/>`` with its ``equiv-text``: inline codes a CAT tool protects.  The ``<file>`` names the handout
  (``product-name``), its version and the source fingerprint (``build-num``).
* PO: ``msgctxt`` is the id, ``#.`` the note, ``#:`` the source file; ``fuzzy`` marks units needing
  review.  PO has no "final" state: a translated unit counts as final when the import names a reviewer.
  The header carries ``X-Handout-Id`` and ``X-Source-Fingerprint``; ``placeholders:``/``md-text``
  flags make Weblate check the codes, and the import checks them in every case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from translate.storage import po, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as px

from .units import BOLD, CODE, State, Unit

Format = Literal["xliff", "po"]
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
TO_XLIFF: dict[State, str] = {"new": "new", "needs-review": "needs-review-translation", "translated": "translated",
                              "final": "final"}
FROM_XLIFF: dict[str, State] = {"new": "new", "needs-translation": "new", "needs-adaptation": "needs-review",
                                "needs-l10n": "needs-review", "needs-review-translation": "needs-review",
                                "needs-review-adaptation": "needs-review", "needs-review-l10n": "needs-review",
                                "translated": "translated", "signed-off": "final", "final": "final"}


class Xliff12Unit(xliff.xliffunit):
    namespace = NS12


class Xliff12File(xliff.xlifffile):
    """translate-toolkit's XLIFF store, declaring version 1.2 (its default skeleton says 1.1)."""

    UnitClass = Xliff12Unit
    namespace = NS12
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{NS12}'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""


@dataclass(frozen=True)
class Header:
    handout: str
    lang: str
    source_lang: str
    version: str
    fingerprint: str
    date: str  # the content's review date: the same export twice is the same file
    line: int = 0


@dataclass(frozen=True)
class Imported:
    id: str
    target: str | None  # as markup (**bold**, [@id], {emergency}); None: no target
    state: State
    line: int
    problems: tuple[str, ...] = ()  # inline codes a CAT tool could not map back


def _codes(markup: str) -> dict[str, str]:
    """Inline code ids of a markup string: x ids ("1", "2" …) -> the code's text."""
    return {str(n): m.group(0) for n, m in enumerate(CODE.finditer(markup), 1)}


def to_rich(markup: str, source: str | None = None) -> StringElem:
    """Markup as translate-toolkit placeables: **bold** a <g>, each code an <x/> with its text.

    A target's codes take the ids the same codes have in its ``source`` (the import reads an id
    as the source's code of that number): numbered in the target's own order, "Рассчитано для
    веса {kg} кг {date}" came back with {kg} and {date} swapped, and Chinese "每{volume}含{amount}"
    as "每{amount}含{volume}" (400 mg per 5 mL read as 5 mL per 400 mg)."""
    ids: dict[str, list[str]] = {}
    for n, code in (_codes(source).items() if source is not None else ()):
        ids.setdefault(code, []).append(n)
    counter = iter(range(sum(map(len, ids.values())) + 1, 10_000))  # a code the source lacks: a new id
    bold = iter(range(1, 10_000))

    def code_id(code: str) -> str:
        same = ids.get(code)
        return same.pop(0) if same else str(next(counter))

    def plain(text: str) -> list[Any]:
        out: list[Any] = []
        pos = 0
        for m in CODE.finditer(text):
            if m.start() > pos:
                out.append(text[pos:m.start()])
            ctype = "x-citation" if m.group(0).startswith("[@") else "x-placeholder"
            out.append(px.X(id=code_id(m.group(0)), xml_attrib={"ctype": ctype, "equiv-text": m.group(0)}))
            pos = m.end()
        if pos < len(text):
            out.append(text[pos:])
        return out

    parts: list[Any] = []
    pos = 0
    for m in BOLD.finditer(markup):
        parts += plain(markup[pos:m.start()])
        parts.append(px.G(id=f"b{next(bold)}", sub=plain(m.group(1)) or [""], xml_attrib={"ctype": "bold"}))
        pos = m.end()
    parts += plain(markup[pos:])
    return StringElem(parts)


def from_rich(elem: Any, codes: dict[str, str], problems: list[str]) -> str:
    """Placeables back to markup; an <x/> id the source does not have is a problem."""
    if isinstance(elem, str):
        return elem
    if isinstance(elem, px.G):
        return "**" + "".join(from_rich(s, codes, problems) for s in elem.sub) + "**"
    if isinstance(elem, (px.X, px.Bx, px.Ex)):
        code = codes.get(str(elem.id))
        if code is None:
            problems.append(f"inline code <x id=\"{elem.id}\"/> is not in the source")
            return ""
        return code
    if isinstance(elem, StringElem) and type(elem) is not StringElem and not elem.sub:
        problems.append(f"unexpected inline element {type(elem).__name__}")
        return ""
    return "".join(from_rich(s, codes, problems) for s in elem.sub)


def export(units: list[Unit], head: Header, fmt: Format, source_file: str) -> bytes:
    """The units as an XLIFF 1.2 or PO file."""
    return _export_po(units, head, source_file) if fmt == "po" else _export_xliff(units, head, source_file)


def _export_xliff(units: list[Unit], head: Header, source_file: str) -> bytes:
    store = Xliff12File(sourcelanguage=head.source_lang, targetlanguage=head.lang)
    for u in units:
        unit = store.addsourceunit(u.source)
        unit.setid(u.id)
        unit.rich_source = [to_rich(u.source)]
        if u.target:
            unit.rich_target = [to_rich(u.target, u.source)]
        unit.addnote(u.note, origin="developer")
        unit.createcontextgroup("context", [("x-printed-in", u.block), ("x-kind", u.kind)], purpose="information")
        if u.target:
            unit.xmlelement.find(f"{{{NS12}}}target").set("state", TO_XLIFF[u.state])
            unit.markapproved(u.state == "final")
    filenode = next(store.document.getroot().iterchildren(f"{{{NS12}}}file"))
    filenode.set("original", source_file)
    filenode.set("product-name", f"handout:{head.handout}")
    filenode.set("product-version", head.version)
    filenode.set("build-num", head.fingerprint)
    filenode.set("date", f"{head.date}T00:00:00Z")
    return bytes(store)


def _export_po(units: list[Unit], head: Header, source_file: str) -> bytes:
    store = po.pofile()
    store.updateheader(add=True, Project_Id_Version=f"handout {head.handout} {head.version}",
                       POT_Creation_Date=f"{head.date} 00:00+0000", Language=head.lang,
                       Content_Type="text/plain; charset=UTF-8", X_Handout_Id=head.handout,
                       X_Source_Language=head.source_lang, X_Source_Fingerprint=head.fingerprint)
    for u in units:
        unit = store.addsourceunit(u.source)
        unit.setcontext(u.id)
        unit.target = u.target or ""
        unit.addnote(f"{u.note} Printed in: {u.block}.", origin="developer")
        unit.addlocation(source_file if u.kind == "text" else f"handout/{'catalogs' if u.kind == 'label' else 'glossary'}")
        flags = ",".join(f'"{c}"' for c in dict.fromkeys(CODE.findall(u.source)))
        if flags:
            unit.settypecomment(f"placeholders:{flags.replace(',', ':')}")
        if "**" in u.source:
            unit.settypecomment("md-text")
        if u.target and u.state in ("needs-review", "new"):
            unit.markfuzzy()
    return bytes(store)


def detect(path: Path) -> Format:
    return "po" if path.suffix.lower() in (".po", ".pot") else "xliff"


def read(path: Path, sources: dict[str, str]) -> tuple[Header | None, list[Imported]]:
    """A CAT tool's file back: its header and each unit's target as markup, with its line."""
    data = path.read_bytes()
    if detect(path) == "po":
        return _read_po(data, sources)
    return _read_xliff(data, sources)


def _read_xliff(data: bytes, sources: dict[str, str]) -> tuple[Header | None, list[Imported]]:
    store = xliff.xlifffile.parsestring(data)
    root = store.document.getroot()
    ns = root.nsmap.get(None, NS12)
    filenode = next(root.iterchildren(f"{{{ns}}}file"), None)
    head = None
    if filenode is not None:
        name = filenode.get("product-name", "")
        head = Header(name.removeprefix("handout:") if name.startswith("handout:") else "",
                      filenode.get("target-language", ""), filenode.get("source-language", ""),
                      filenode.get("product-version", ""), filenode.get("build-num", ""), "", filenode.sourceline or 0)
    out = []
    for unit in store.units:
        uid = unit.xmlelement.get("id", "")
        target_node = unit.xmlelement.find(f"{{{ns}}}target")
        line = (target_node.sourceline if target_node is not None else unit.xmlelement.sourceline) or 0
        problems: list[str] = []
        target = None
        if target_node is not None and unit.target:
            codes = _codes(sources.get(uid, ""))
            target = "".join(from_rich(e, codes, problems) for e in unit.rich_target)
        xml_state = target_node.get("state") if target_node is not None else None
        state: State = FROM_XLIFF.get(xml_state or "", "translated" if target else "new")
        if unit.isapproved() and target and state == "translated":
            state = "final"
        out.append(Imported(uid, target, state if target else "new", line, tuple(problems)))
    return head, out


def _read_po(data: bytes, sources: dict[str, str]) -> tuple[Header | None, list[Imported]]:
    store = po.pofile.parsestring(data)
    text = data.decode("utf-8", "replace").splitlines()
    lines = {}
    for n, line in enumerate(text, 1):
        m = re.match(r'msgctxt "(.*)"$', line)
        if m:
            lines[m.group(1).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")] = n
    h = store.parseheader()
    head = Header(h.get("X-Handout-Id", ""), h.get("Language", ""), h.get("X-Source-Language", ""),
                  h.get("Project-Id-Version", "").rsplit(" ", 1)[-1], h.get("X-Source-Fingerprint", ""), "",
                  1) if h else None
    out = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        uid = unit.getcontext()
        target = str(unit.target) if unit.target else None
        state: State = "new" if not target else "needs-review" if unit.isfuzzy() else "translated"
        out.append(Imported(uid, target, state, lines.get(uid, 0)))
    return head, out
