"""Fonts: the shipped TrueType files, chosen per language and per character.

ReportLab has no fallback chain and silently drops a character its font lacks,
so this module owns both decisions: which font draws each character (the
language's families in order, e.g. Arabic then Latin for ``ar``) and which
characters no family has (``missing``), which the pipeline turns into an error
*before* anything is drawn.  Fonts are registered lazily, once per process,
and only those a language needs (CJK fonts cost 40-120 ms each).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, cache
from pathlib import Path

from . import rlhooks as rl  # before ReportLab (rlhooks says why)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .memory import MEMORY, private
from .rtl import IGNORABLE, invisible
from .theme import FONT_DIR, FamilyRow

# Characters that never need a glyph: they are layout controls, not ink.
_INVISIBLE = {"\n", "\u200c", "\u200d", "\u200e", "\u200f", "\u2066", "\u2067", "\u2068", "\u2069"}


@dataclass(frozen=True)
class Face:
    """One registered font file: its ReportLab name and its character map."""

    name: str
    cmap: frozenset[int]
    shaping: bool  # needs HarfBuzz (Devanagari conjuncts)


@dataclass(frozen=True)
class Family:
    name: str
    regular: Face
    bold: Face | None  # None: draw bold by stroking the regular outline
    rtl_shaping: bool  # needs Arabic joining (presentation forms)


# ReportLab knows a font by its name (the file's stem), one font per name in a process: the file
# registered first, shaped or not, is the one every later build measures and draws with.
_REGISTERED: dict[str, tuple[str, bool]] = {}


@cache
def face(file: str, shaping: bool = False) -> Face:
    """Register ``file`` (from the package's fonts/) with ReportLab, once."""
    path = FONT_DIR / file
    name = Path(file).stem
    first = _REGISTERED.setdefault(name, (file, shaping))
    if first != (file, shaping):  # a theme's family would get lines measured for the other one
        from .errors import HandoutError, Location

        raise HandoutError.single(Location(file), "fonts.families", (
            f"font '{file}' {'shaped' if shaping else 'unshaped'} in this build, but '{first[0]}' "
            f"{'shaped' if first[1] else 'unshaped'} too (expected one 'shaping' setting for each font file, "
            "and one file for each file name, across the themes of a build)"))
    font = _load(rl.ShapingTTFont if shaping else TTFont, name, path, shaping)
    # ReportLab copies each table it subsets out of the file again for every 256-character
    # subset of every PDF: 4 MB of 'glyf' per subset for a Hangul font.  The copies are
    # immutable bytes, so keep one of each.
    rl.remember_tables(font, lru_cache(maxsize=None))

    # A subset's font program depends only on its characters: a process that builds the same
    # text again (the web page, repeated builds) makes each subset once.
    def remembered(make: Callable[[list[int]], bytes]) -> Callable[[list[int]], bytes]:
        def subset(codes: list[int]) -> bytes:  # a few PDFs' subsets, remembered in ``memory``
            cache, key = MEMORY.subsets_of(name), tuple(codes)
            hit = cache.get(key)
            if hit is None:
                hit = make(list(codes))
                if not private():  # a personalised page's subset lists the patient's name
                    cache.put(key, hit)
            return hit
        return subset

    rl.wrap_subsets(font, remembered)
    pdfmetrics.registerFont(font)
    return Face(name, rl.char_map(font), shaping)


def _load(cls: type[TTFont], name: str, path: Path, shaping: bool) -> TTFont:
    """The font, its metrics read from the parse kept for this installation when there is one.

    ReportLab parses every glyph's width and code from the file: 5 ms for Latin, 40-120 ms for
    a CJK font, in every process.  The parse is kept (``diskcache.keep``: plain data) under the
    hash of the file's bytes and ReportLab's version, so it is always the parse of this file."""
    import hashlib
    import reportlab

    from . import diskcache

    data = path.read_bytes()
    key = hashlib.sha256(f"{reportlab.Version}\0{STATE_VERSION}\0".encode() + data).hexdigest()[:32]
    kept = f"font-{key}.marshal"
    state = diskcache.read(kept)
    if isinstance(state, dict) and "unitsPerEm" in state:
        try:
            return rl.font_from_state(cls, name, str(path), state, data, shapable=shaping)
        except (KeyError, TypeError, ValueError):
            pass  # not a parse this code can use: parse the file
    font = cls(name, str(path), shapable=shaping)
    diskcache.keep(kept, diskcache.shared(rl.face_state(font)))
    return font


STATE_VERSION = 2  # raise when face_state changes what it keeps (2: kept with equal values shared)


class FontSet:
    """The ordered families for one language, with per-character choice."""

    def __init__(self, families: list[Family], fallback: tuple[FamilyRow, ...] = (),
                 load: Callable[[FamilyRow], Family] | None = None):
        """``fallback``: what ``load`` makes the families tried after these (a name in another
        script), made on the first character these lack: an English build never loads the
        Chinese font's 28 ms of tables for nothing."""
        self.families = families
        self._fallback, self._load = fallback, load
        # What identifies the set in the process's memory (the faces, in order; never an id()).
        self.key: tuple[str, ...] = tuple(f"{f.regular.name}/{f.bold.name if f.bold else ''}" for f in families) \
            + tuple(f"+{row[1]}" for row in fallback)
        self._choice: dict[tuple[str, bool], tuple[Face, bool, Family]] = {}  # per character: bounded by the fonts
        # The same for characters that are drawn (never an invisible one), one table per weight:
        # what text.Wrapper.runs_by_char looks up to keep a letter in the run it is in.
        self._drawn: dict[bool, dict[str, tuple[Face, bool, Family]]] = {False: {}, True: {}}
        self._picks: dict[tuple[int, bool, bool], tuple[Face, bool, Family]] = {}
        self._one: dict[bool, tuple[Face, frozenset[str]]] = {}

    def choose(self, ch: str, bold: bool, remember: bool = True) -> tuple[Face, bool, Family] | None:
        """(face, synthetic_bold, family) that draws ``ch``, or None if no family has it.  A
        character of a patient's details (``remember`` False) is chosen for, not remembered: the
        characters of a name would otherwise stay in the process (a web page lives on)."""
        key = (ch, bold)
        hit = self._choice.get(key)
        if hit is not None:
            return hit
        cp = ord(ch)
        if self._fallback and not any(cp in fam.regular.cmap for fam in self.families):
            assert self._load is not None
            self.families = [*self.families, *map(self._load, self._fallback)]
            self._fallback = ()
        for i, fam in enumerate(self.families):
            if cp in fam.regular.cmap:
                if bold and fam.bold is not None and cp in fam.bold.cmap:
                    hit = (fam.bold, False, fam)
                else:
                    hit = (fam.regular, bold, fam)
                hit = self._picks.setdefault((i, hit[0] is fam.bold, hit[1]), hit)  # one object per face and weight
                if remember:
                    self._choice[key] = hit
                    if not invisible(ch):
                        self._drawn[bold][ch] = hit
                return hit
        return None

    def drawn(self, bold: bool) -> dict[str, tuple[Face, bool, Family]]:
        """``choose``'s answers so far for the characters that are drawn (ink), in one weight."""
        return self._drawn[bold]

    def missing(self, text: str, remember: bool = True) -> list[str]:
        """Characters of ``text`` that no family in the set can draw, in order, once each.
        Personal text (``remember=False``) is checked without being remembered."""
        if not remember:
            return self._find_missing(text, False)
        hit = MEMORY.missing.get((self.key, text))
        if hit is None:
            hit = MEMORY.missing.put((self.key, text), self._find_missing(text))
        return hit

    def _find_missing(self, text: str, remember: bool = True) -> list[str]:
        out: list[str] = []
        for ch in dict.fromkeys(text):
            if ch in _INVISIBLE or ch.isspace() and ch != "\u00a0":
                continue
            if self.choose(ch, False, remember) is None and ch not in out:
                out.append(ch)
        return out

    def one_face(self, text: str, bold: bool) -> Face | None:
        """The face that draws all of ``text`` when ``choose`` picks the same one for every character
        (most words: all in the first family), so the text is one run in it; None otherwise, or if
        ``text`` has a character that is never drawn."""
        hit = self._one.get(bold)
        if hit is None:
            fam = self.families[0]
            face = fam.bold if bold and fam.bold is not None else fam.regular
            codes = fam.regular.cmap & face.cmap  # choose takes the bold face only where both have it
            drawn = codes - {c for lo, hi in IGNORABLE for c in range(lo, hi + 1)}  # never-drawn characters out
            hit = self._one[bold] = (face, frozenset(map(chr, drawn)))
        face, chars = hit
        return face if chars.issuperset(text) else None

    @property
    def primary(self) -> Family:
        return self.families[0]


def ink(font: str, text: str) -> tuple[float, float]:
    """How far the glyphs of ``text`` in the registered ``font`` reach above and below the baseline, in ems:
    their outlines' own extents (``rlhooks.ink``), not the font's declared ones.  Arabic's dots below and a
    hamza above reach past the line height Latin type is spaced by; the declared extents would space every
    language's lines apart for it.  (0, 0) for text with no ink."""
    return rl.ink(pdfmetrics.getFont(font), text)
