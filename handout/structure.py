"""Logical structure: the laid-out items' roles and groups in, a tag tree out.

Layout gives every drawn item a ``role`` (H1, P, LBody, TD, Figure, Artifact …)
and a ``group`` path ("key_points/2", "dosing/table/1/3").  This module turns
them into the structure elements of a tagged PDF, in reading order (the order
items were laid out):

* headings and paragraphs: one element per (role, group), however many lines;
* list items: groups ending in an index ("side_effects/common/4") become
  L > LI > Lbl + LBody; a paragraph in a list item's group joins its LBody;
* the dosing table: Table > TR > TH (scope column) / TD;
* figures (the QR code, warning icons) with their alternative text; the QR code,
  which opens a URL, inside a Link element with its annotation;
* printed URLs and DOIs: a Link element inside the paragraph or list body that
  shows them, holding the URL's marked content and an object reference to each
  of its link annotations (one per line the URL is drawn on).

``Tagger.mark`` is called by the renderer for each item and returns the
marked-content tag and MCID to wrap its drawing in (None for artifacts);
``Tagger.elements`` is then written into the PDF by ``archive``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .boxes import Item

_INDEX = re.compile(r"^(li)?\d+$")
# What a drawn list marker says: a checkbox to tick, a bullet, a tick.
MARKER_TEXT = {"checkbox": "\u2610", "bullet": "\u2022", "check": "\u2713"}


@dataclass
class Annot:
    """A link annotation: its page, its rectangle (PDF points, y up), the URI it opens and its
    key in the parent tree (after the pages' keys; ``archive`` numbers them)."""

    page: int
    rect: tuple[float, float, float, float]
    uri: str
    key: int = 0


@dataclass
class Element:
    """A structure element.  It names no parent, nor does an Annot its Link: the tree holds each
    element once, so a build's tree is freed by reference counting as soon as it is written, not
    left to the cycle collector (~150 elements and their drawn items a PDF; ``procs.tune_gc``).
    ``archive`` finds each one's parent as it walks the tree (``parents``)."""

    tag: str
    alt: str = ""
    scope: str = ""  # TH: Column or Row
    id: str = ""  # a header's /ID, named by the cells it heads (``headers``)
    headers: tuple[str, ...] = ()  # TD: the /IDs of its headers, where the table's own Scope would name others
    lang: str = ""  # when not the document's language (the English DRAFT line)
    actual: str = ""  # /ActualText: what a drawn list label (a path, no text) says, or its lines (Tagger.settle)
    spoken: bool = False  # a Span made to say its lines (Tagger.settle)
    bbox: tuple[float, float, float, float] | None = None  # a figure's box on its page, PDF points
    kids: list[Element | tuple[int, int] | Annot] = field(default_factory=list)  # elements, (page, mcid), annots
    items: list[Item] = field(default_factory=list)  # what was drawn for it (for tests and reports)

    def walk(self):
        """This element and its descendants, in reading order."""
        yield self
        for k in self.kids:
            if isinstance(k, Element):
                yield from k.walk()

    @property
    def text(self) -> str:
        return " ".join(it.line.logical for it in self.items if hasattr(it, "line"))


def parents(root: Element) -> dict[int, Element]:
    """Each element's and annotation's parent, by ``id()`` of the kid (the root has none)."""
    return {id(k): el for el in root.walk() for k in el.kids if not isinstance(k, tuple)}


class Tagger:
    def __init__(self, page_height: float = 0.0) -> None:
        self.page_height = page_height  # figures' boxes are given in PDF coordinates (y up)
        self.root = Element("Document")
        self._by_key: dict[tuple[str, str], Element] = {}
        self.page = 0
        self._mcid = 0
        self.parent_tree: list[list[Element]] = []  # per page: the element owning each MCID
        self.annots: list[Annot] = []  # link annotations, in drawing order
        self._said: dict[tuple[int, int], str] = {}  # (page, MCID) -> what it says (say)
        self._rtl: set[tuple[int, int]] = set()  # the right-to-left lines among them
        self._head_row: dict[str, str] = {}  # a calendar table's latest row of day names (_calendar_cell)

    def new_page(self) -> None:
        if self.parent_tree:
            self.page += 1
        self.parent_tree.append([])
        self._mcid = 0

    def _get(self, key: tuple[str, str], tag: str, parent: Element, **extra: Any) -> Element:
        el = self._by_key.get(key)
        if el is None:
            el = Element(tag, **extra)
            parent.kids.append(el)
            self._by_key[key] = el
        return el

    def _calendar_cell(self, role: str, group: str, parts: list[str], row: Element) -> Element:
        """A cell of the dose calendar, whose weeks each repeat the row of day names: by Scope alone a box had every
        week's header above it ("Tuesday December 1" for the fourth week's Tuesday; an accessibility review).  Each
        header has an /ID, and each box names its own: its week, its day and its row's medicine (/Headers).  A week's
        first cell heads its row, as a later week's does."""
        table, r, k = "/".join(parts[:-2]), parts[-2], parts[-1]
        if role == "TH":
            if k != "0":  # (a day's name: its row is the week's row of days)
                self._head_row[table] = r
            return self._get((role, group), role, row, scope="Column" if k != "0" else "Row", id=group)
        head = self._head_row.get(table)
        names = (f"{table}/{head}/0", f"{table}/{head}/{k}", f"{table}/{r}/0") if head is not None else ()
        return self._get((role, group), role, row, headers=names)

    def _owner(self, role: str, group: str, alt: str, url: str = "") -> Element:
        parts = group.split("/")
        if role in ("TH", "TD") and len(parts) >= 4:
            table = self._get(("Table", "/".join(parts[:-2])), "Table", self.root)
            row = self._get(("TR", "/".join(parts[:-1])), "TR", table)
            # A header in a later row heads its row (the calendar's "Week 2", "1 capsule at bedtime"; the dose
            # table's medicine or weeks); every header of the first row heads its column.
            scope = "" if role != "TH" else ("Row" if parts[-2] != "0" else "Column")
            if parts[0] == "calendar":
                return self._calendar_cell(role, group, parts, row)
            return self._get((role, group), role, row, scope=scope)
        if role in ("Lbl", "LBody") or (role == "P" and ("LI", group) in self._by_key):
            if len(parts) >= 2 and _INDEX.match(parts[-1]):
                lst = self._get(("L", "/".join(parts[:-1])), "L", self.root)
                li = self._get(("LI", group), "LI", lst)
                if role == "P":
                    body = self._get(("LBody", group), "LBody", li)
                    return self._get(("P", group), "P", body)
                return self._get((role, group), role, li)
        if role == "Figure":
            # A figure that opens a URL (the QR code) is a link too: Link > Figure + its annotation.
            parent = self._get(("Link", f"{group}#figure:{url}"), "Link", self.root) if url else self.root
            return self._get((role, group + "#" + alt), role, parent, alt=alt)
        tag = role if role in ("H1", "H2", "H3", "P") else "P"
        return self._get((tag, group), tag, self.root)

    def element(self, item: Item) -> Element:
        """The element a (non-artifact) item's content goes into."""
        return self._owner(item.role, item.group, getattr(item, "alt", ""), getattr(item, "url", ""))

    def mark(self, item: Item, link: str = "", lang: str = "") -> tuple[str, int] | None:
        """(tag, MCID) for a content item, None for an artifact.

        With ``link`` (a URI): a piece of a text item's line that shows it, marked as the
        content of the item's Link element for that URI (made inside the item's element).
        With ``lang``: a piece in another language than its element's, marked as the content
        of a Span element with that /Lang (continued by the next piece in it, across lines).
        A line cut into pieces is marked once per piece; the item is recorded once.
        """
        role = item.role
        if role == "Artifact":
            return None
        holder = self._owner(role, item.group, getattr(item, "alt", ""), getattr(item, "url", ""))
        if link:
            owner = self._get(("Link", f"{item.group}#{link}"), "Link", holder)
        elif lang and lang != (holder.lang or getattr(item, "lang", "")):
            last = holder.kids[-1] if holder.kids else None
            if isinstance(last, Element) and last.tag == "Span" and last.lang == lang:
                owner = last  # a name broken over two lines: one span
            else:
                owner = Element("Span", lang=lang)
                holder.kids.append(owner)
        else:
            owner = holder
        mcid = self._mcid
        self._mcid += 1
        owner.kids.append((self.page, mcid))
        self.parent_tree[self.page].append(owner)
        if holder.items and holder.items[-1] is item:
            return owner.tag, mcid
        lang = getattr(item, "lang", "")
        if lang and not holder.lang:
            holder.lang = lang
        if role == "Figure" and holder.bbox is None:
            x, top, size = item.x, item.y, item.size  # type: ignore[union-attr]
            holder.bbox = (x, self.page_height - top - size, x + size, self.page_height - top)
        if role in ("Lbl", "TD") and getattr(item, "kind", "") in MARKER_TEXT:  # a calendar's tick box too
            alt = getattr(item, "alt", "")  # a calendar box says its day too
            holder.actual = MARKER_TEXT[item.kind] + (f" {alt}" if alt else "")  # type: ignore[union-attr]
        holder.items.append(item)
        return owner.tag, mcid

    def say(self, mcid: int, text: str, rtl: bool = False) -> None:
        """What the marked content ``mcid`` of this page says (added to what it said: a gap's space,
        then its line); ``rtl``: a right-to-left line, drawn without an /ActualText of its own.

        Why: a right-to-left line is drawn in visual order.  Given its logical text as the
        marked content's /ActualText, pdfium (Chrome's viewer, Android's) reversed it once more as
        if it were visual: "4.5 mg" was copied and read as "5.4", the Poison Help number backwards.
        Such lines are said by their structure element's /ActualText instead (``settle``), which
        tagged readers read and pdfium does not: pdfium orders the glyphs itself, and takes the
        joined letter forms back to letters."""
        key = (self.page, mcid)
        self._said[key] = self._said.get(key, "") + text
        if rtl:
            self._rtl.add(key)

    def settle(self) -> None:
        """Give each element holding a right-to-left line (``say``) the /ActualText of its content:
        the element's own when it has no element inside; otherwise each run of its content
        between its kid elements becomes a Span that says it (an element's /ActualText replaces
        its kids' words too).  Called once, when the drawing is done."""
        for el in list(self.root.walk()):
            if el.actual or not any(isinstance(k, tuple) and k in self._rtl for k in el.kids):
                continue
            if not any(isinstance(k, Element) for k in el.kids):
                el.actual = "".join(self._said.get(k, "") for k in el.kids if isinstance(k, tuple))
                continue
            kids: list[Element | tuple[int, int] | Annot] = []
            for k in el.kids:
                if isinstance(k, tuple):
                    if not (kids and isinstance(kids[-1], Element) and kids[-1].tag == "Span" and kids[-1].spoken):
                        kids.append(Element("Span", spoken=True))
                    span = kids[-1]
                    assert isinstance(span, Element)
                    span.kids.append(k)
                    span.actual += self._said.get(k, "")
                    self.parent_tree[k[0]][k[1]] = span
                else:
                    kids.append(k)
            el.kids = kids

    def annotate(self, item: Item, link: str, rect: tuple[float, float, float, float]) -> None:
        """A link annotation over ``rect`` of this page, opening ``link``: an object reference
        in the Link element ``mark(item, link)`` made (for a figure with a URL: the Link around it)."""
        figure = item.role == "Figure" and getattr(item, "url", "") == link
        el = self._by_key[("Link", f"{item.group}#figure:{link}" if figure else f"{item.group}#{link}")]
        annot = Annot(self.page, rect, link)
        el.kids.append(annot)
        self.annots.append(annot)
