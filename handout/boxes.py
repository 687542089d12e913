"""The boxes the layout stage produces and the render stage draws.

Every item carries its semantic ``role`` (the PDF structure type it will be
tagged with: H1, H2, H3, P, LI, Lbl, LBody, TH, TD, Figure, or Artifact for
decoration) and a ``group`` naming the block/element it belongs to, so
accessible tagging can be built on the same geometry.  Coordinates are in
points from the page's top-left corner (y grows downwards); ``render``
flips them for PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeVar

from .text import Line

Role = Literal["H1", "H2", "H3", "P", "LI", "Lbl", "LBody", "TH", "TD", "Figure", "Artifact"]


@dataclass
class TextItem:
    x: float
    y: float  # baseline
    line: Line
    colour: str
    role: Role
    group: str = ""
    lang: str = ""  # a line in another language than the document's (the English DRAFT line)
    first: bool = False  # the first line of a paragraph (Ctx.text): see render._gap
    said: str | None = None  # what a screen reader says for the line, when not its text ("from Dec 1 to Dec 14")


@dataclass
class RectItem:
    x: float
    y: float  # top
    w: float
    h: float
    fill: str | None
    stroke: str | None
    width: float = 0.0
    role: Role = "Artifact"
    group: str = ""


@dataclass
class RuleItem:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float
    role: Role = "Artifact"
    group: str = ""


@dataclass
class IconItem:
    kind: Literal["warning", "check", "checkbox", "bullet"]
    x: float
    y: float  # top
    size: float
    colour: str
    role: Role = "Artifact"
    group: str = ""
    alt: str = ""


@dataclass
class QrItem:
    x: float
    y: float  # top
    size: float  # including the quiet zone
    matrix: list[list[bool]]
    url: str
    role: Role = "Figure"
    group: str = ""
    alt: str = ""


Item = TextItem | RectItem | RuleItem | IconItem | QrItem
AnyItem = TypeVar("AnyItem", TextItem, RectItem, RuleItem, IconItem, QrItem, Item)  # shift() keeps the list's type


def shift(items: list[AnyItem], dx: float, dy: float) -> list[AnyItem]:
    """Move items (in place) and return them."""
    for it in items:
        if isinstance(it, RuleItem):
            it.x1 += dx
            it.x2 += dx
            it.y1 += dy
            it.y2 += dy
        else:
            it.x += dx
            it.y += dy
    return items


@dataclass
class Chunk:
    """A piece of a block that is never split across pages.

    ``gap`` is the space above it (dropped at the top of a page); with
    ``keep_with_next`` it moves to the next page rather than end one (headings,
    a paragraph's first line).
    """

    height: float
    items: list[Item]
    gap: float = 0.0
    keep_with_next: bool = False
    # A table row: the header row (items, height) to repeat when the row starts a new page.
    repeat: tuple[list[Item], float] | None = None


@dataclass
class Page:
    number: int
    items: list[Item] = field(default_factory=list)
    used: float = 0.0  # content height placed on this page
