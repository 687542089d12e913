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
                 "personal", "_pieces")

    def __init__(self, wrapper: Wrapper, chars, spans, size: float, cite_scale: float, rtl: bool, width: float,
                 logical: str, personal: bool = False):
        self._wrapper, self._chars, self._spans = wrapper, chars, spans
        self._size, self._cite_scale, self.rtl, self.width = size, cite_scale, rtl, width
        self._runs: list[Run] | None = None
        self._pieces: list[Piece] | None = None
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
    def pieces(self) -> list[Piece] | None:
        """A right-to-left line with words in another language ("ترامادول (tramadol)"), cut where the
        language changes: (language or "", its runs, its logical text), in reading order; None for
        any other line, or where the cut is not certain (then the line is said whole, as before)."""
        _ = self.runs
        return self._pieces

    @property
    def runs(self) -> list[Run]:
        if self._runs is None:  # once per line; lines are shared process-wide (Wrapper.wrap)
            if self.rtl:
                chars = per_char(self._chars)
                # (most paragraphs have no left-to-right span: asked of the spans, not of every character)
                if any(sp.ltr for sp in self._spans) and any(self._spans[si].ltr for _, si in chars):
                    chars = isolated(chars, self._spans)
                if any(sp.lang for sp in self._spans) and any(self._spans[si].lang for _, si in chars):
                    self._runs = self._by_language(chars)
                    return self._runs
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

    def _by_language(self, chars: list[tuple[str, int]]) -> list[Run]:
        """The runs of a right-to-left line with words in another language, and its ``pieces``.

        A screen reader reads a right-to-left line through its structure's /ActualText, one string
        in the page's language: "tramadol" and "Lomotil" on an Arabic page were spoken by the
        Arabic voice (an accessibility review).  Each stretch of one language in drawing order is
        given its runs, and the place its characters have in reading order (the bidi algorithm's,
        each character carrying its index): a piece is the stretches next to each other in reading
        order, said by the logical text between the other language's words, found in the line's
        text as typed (its joined letters are not the typed ones)."""
        ordered = visual_order([(c, k) for k, (c, _) in enumerate(chars)], not self.personal)
        stretches: list[tuple[str, list[tuple[str, int]], list[int]]] = []  # (lang, chars as drawn, reading places)
        for c, k in ordered:
            lang = self._spans[chars[k][1]].lang
            # A stretch is of one language and next to itself in reading order too: the drawn stretch
            # "( ibuprofen) (" beside "Advil" is read in two places, before and after it.
            if not stretches or stretches[-1][0] != lang or abs(stretches[-1][2][-1] - k) != 1:
                stretches.append((lang, [], []))
            stretches[-1][1].append((c, chars[k][1]))
            stretches[-1][2].append(k)
        runs: list[Run] = []
        drawn: list[tuple[str, list[Run], list[int]]] = []
        for lang, vis, places in stretches:
            rs = self._wrapper.runs(vis, self._spans, self._size, self._cite_scale, not self.personal)
            runs += rs
            if rs:
                drawn.append((lang, rs, places))
        x = 0.0
        for r in runs:
            r.x = x
            x += r.width
        self._pieces = _pieces(drawn, self.logical)
        return runs


Piece = tuple[str, list[Run], str]  # (language or "", runs, the logical text they say)


def _pieces(drawn: list[tuple[str, list[Run], list[int]]], logical: str) -> list[Piece] | None:
    """``Line._by_language``'s pieces: the drawn stretches in reading order, joined where one language
    follows itself, each said by its part of ``logical``; None where that is not certain: a stretch's
    places interleave another's, the other language's words are not found in the text as typed, or
    found more than once (a review: "… 988 أو" / "988 Suicide …" gave the English voice the "أو"), and
    in a line with a raised citation number, which is drawn after the line's words so that a viewer
    reading the glyphs keeps the sentences whole (``render._text``): pieces would draw it sooner."""
    if any(r.rise > 0 for _, rs, _ in drawn for r in rs):
        return None
    drawn = sorted(drawn, key=lambda d: min(d[2]))
    if any(max(a[2]) > min(b[2]) for a, b in zip(drawn, drawn[1:])):
        return None
    merged: list[tuple[str, list[Run]]] = []
    for lang, rs, _ in drawn:
        if merged and merged[-1][0] == lang:
            merged[-1][1].extend(rs)
        else:
            merged.append((lang, list(rs)))
    if len(merged) == 1 and not merged[0][0]:  # (a line all in the other language is one piece: a review)
        return None
    typed = logical.replace(NBSP, " ")
    cuts: list[tuple[int, int]] = []  # each other-language piece's place in the typed text
    at = 0
    for lang, rs in merged:
        if lang:
            word = "".join(r.text for r in rs).replace(NBSP, " ").strip()
            start = typed.find(word, at)
            if not word or start < 0 or typed.find(word, start + 1) >= 0:
                return None
            cuts.append((start, start + len(word)))
            at = start + len(word)
    # The pieces' texts are the whole line's, in order: a word in another language first or last takes
    # what is typed before or after it too (the space the line broke at: "988 " / "Suicide …").
    if merged[0][0]:
        cuts[0] = (0, cuts[0][1])
    if merged[-1][0]:
        cuts[-1] = (cuts[-1][0], len(logical))
    out: list[Piece] = []
    k, at = 0, 0
    for lang, rs in merged:
        if lang:
            a, b = cuts[k]
            k += 1
            out.append((lang, rs, logical[a:b]))
            at = b
        else:  # what is typed up to the next word in another language (the rest, for the last)
            end = cuts[k][0] if k < len(cuts) else len(logical)
            out.append((lang, rs, logical[at:end]))
            at = end
    return out
