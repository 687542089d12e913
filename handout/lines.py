"""Broken lines: what ``text.Wrapper.wrap`` makes and ``render`` draws.

A ``Line`` knows its width (from breaking) and its text as the author typed it; its ``Run``
objects (fonts, visual order, x offsets) are made only when it is drawn, so fitting can try
many settings without building them.  Right-to-left lines are put in visual order here
(``rtl.visual_order``), after ``rtl.isolated`` has marked the left-to-right values in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .markup import NBSP
from .rtl import isolated, visual_order

if TYPE_CHECKING:
    from .text import Wrapper


def per_char(segs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Segments (text as drawn, style index) as one (character, style index) each."""
    return segs if all(len(t) == 1 for t, _ in segs) else [(ch, si) for t, si in segs for ch in t]


@dataclass
class Run:
    """Text drawn in one font at one size; x is relative to the line's left edge."""

    text: str
    font: str
    size: float
    width: float
    x: float = 0.0
    rise: float = 0.0
    synth_bold: bool = False
    shaped: bool = False
    personal: bool = False  # drawn without being remembered (render)
    link: str = ""  # the URI the run's text opens (``Span.link``)
    lang: str = ""  # the run's language when not the page's (``Span.lang``)


class Line:
    """One broken line.  Its width is known from breaking; its runs (visual order, fonts,
    x offsets) are built only when drawn, so fitting can try many settings cheaply."""

    __slots__ = ("_wrapper", "_chars", "_spans", "_size", "_cite_scale", "rtl", "width", "_runs", "logical",
                 "personal")

    def __init__(self, wrapper: Wrapper, chars, spans, size: float, cite_scale: float, rtl: bool, width: float,
                 logical: str, personal: bool = False):
        self._wrapper, self._chars, self._spans = wrapper, chars, spans
        self._size, self._cite_scale, self.rtl, self.width = size, cite_scale, rtl, width
        self._runs: list[Run] | None = None
        # The line's text in reading order, as the author typed it (letters, not joined forms;
        # their joiners and direction marks kept), with the space the line broke at: the lines
        # of a paragraph joined give the paragraph back.  For search, copy and screen readers.
        self.logical = logical
        self.personal = personal  # personal text: never remembered (render bypasses its caches too)

    @property
    def actual_text(self) -> str | None:
        """The logical text, when the glyphs' own Unicode would say something else: joined
        forms in visual order (right to left), shaped glyphs, a no-break space gluing a unit
        where the author typed a space (one glyph, one Unicode value), an invisible mark."""
        if self.rtl or any(r.shaped for r in self.runs):
            return self.logical
        # A no-break space is the space glyph: its Unicode (the font's ToUnicode map) says " ".
        drawn = "".join(r.text for r in self.runs).replace(NBSP, " ")
        return None if drawn == self.logical else self.logical

    @property
    def runs(self) -> list[Run]:
        if self._runs is None:  # once per line; lines are shared process-wide (Wrapper.wrap)
            if self.rtl:
                chars = per_char(self._chars)
                # (most paragraphs have no left-to-right span: asked of the spans, not of every character)
                if any(sp.ltr for sp in self._spans) and any(self._spans[si].ltr for _, si in chars):
                    chars = isolated(chars, self._spans)
                chars = visual_order(chars, not self.personal)
            else:
                chars = self._chars
            if not self.rtl and self.logical[-1:] == " " and chars:
                # Drawn too (no ink, past the line's end): the text under the line's marked
                # content ends with the space its ActualText-less reader needs before the next line.
                chars = [*chars, (" ", chars[-1][1])]
            runs = self._wrapper.runs(chars, self._spans, self._size, self._cite_scale, not self.personal)
            x = 0.0
            for r in runs:
                r.x = x
                x += r.width
            self._runs = runs
        return self._runs
