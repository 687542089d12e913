"""Right-to-left text and invisible characters: logical characters in, drawable characters out.

* ``reshape`` — Arabic letters to their joined presentation forms (arabic-reshaper),
  for fonts drawn without a shaping engine.  Only the drawing uses them: the text
  layer keeps the letters the author typed (``text.Line.logical``).
* ``visual_order`` — one right-to-left line reordered by the Unicode bidi algorithm
  (python-bidi), so Latin drug names and numbers keep their place inside Arabic text.
* ``invisible`` — default-ignorable code points (direction marks, isolates, joiners):
  they steer joining and bidi but have no ink, and some fonts (Noto Sans Arabic) draw
  a visible glyph for them, so they are never put in a glyph run.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from .memory import MEMORY

if TYPE_CHECKING:
    from .markup import Span

# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties), the ranges a handout can meet.
IGNORABLE = ((0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
              (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
              (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0xE0000, 0xE0FFF))


# The first plane's ignorables as a set (66 characters) and the tag block as a range: a look-up,
# nothing remembered (a per-character cache kept a patient's name's characters), as fast as one.
_IGNORABLE = frozenset(chr(c) for lo, hi in IGNORABLE if hi < 0x10000 for c in range(lo, hi + 1))
_ASTRAL = [(chr(lo), chr(hi)) for lo, hi in IGNORABLE if hi >= 0x10000]


def invisible(ch: str) -> bool:
    """A character that must never be drawn (it has no ink in any script)."""
    return ch in _IGNORABLE or (ch > "\uffff" and any(lo <= ch <= hi for lo, hi in _ASTRAL))


def strong_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")  # Arabic letters and marks (any script using them)


@lru_cache(maxsize=1)
def _reshaper():
    # Imported on first right-to-left text: arabic-reshaper (and the fontTools it loads when
    # installed) is a tenth of a cold build that draws no Arabic.
    import arabic_reshaper

    reshaper = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})
    # It reads its settings from a ConfigParser section on every word (six getboolean calls, a
    # third of an Arabic page's reshaping); they never change, so it reads a snapshot instead
    # (tests/test_languages.py: every word of the Arabic and Persian content reshapes the same).
    reshaper.configuration = _Settings(reshaper.configuration)
    return reshaper


class _Settings:
    """A read-only snapshot of a ConfigParser section: its ``get`` and ``getboolean``."""

    def __init__(self, section) -> None:
        self._key = section.parser.optionxform  # ConfigParser's keys are case-insensitive
        self._values = {k: section.get(k) for k in section}
        self._booleans = {k: section.getboolean(k) for k in section if section.get(k, "").lower() in _BOOLEAN}

    def get(self, key: str, fallback=None):
        return self._values.get(self._key(key), fallback)

    def getboolean(self, key: str, fallback=None):
        key = self._key(key)
        if key in self._booleans:
            return self._booleans[key]
        if key in self._values:
            raise ValueError(f"not a boolean: {key}={self._values[key]!r}")
        return fallback


_BOOLEAN = {"1", "yes", "true", "on", "0", "no", "false", "off"}


def reshape(word: str, remember: bool = True) -> str:
    """Joined letter forms of one word (joining never crosses a space); personal text is not remembered."""
    hit = MEMORY.reshaped.get(word) if remember else None
    if hit is None:
        hit = _reshaper().reshape(word)
        if remember:
            MEMORY.reshaped.put(word, hit)
    return hit


def unshape(text: str) -> str:
    """Presentation forms back to letters (NFKC): only for text with no logical original."""
    return "".join(unicodedata.normalize("NFKC", c) if "\ufb50" <= c <= "\ufeff" else c for c in text)


_LTR_CLASSES = {"L", "EN", "AN", "LRE", "LRO", "LRI", "RLE", "RLO", "RLI", "FSI", "PDF", "PDI"}



def _code(ch: str) -> str:
    """A character's bidi class as one letter: r (R, AL), j (a space, punctuation or a mark that
    may sit inside a right-to-left stretch), L, E (EN), A (AN), l (another class that makes a line
    need the algorithm), x (the rest)."""
    cls = unicodedata.bidirectional(ch)
    return ("r" if cls in ("R", "AL") else "j" if cls in ("WS", "ON", "NSM", "CS")
            else {"L": "L", "EN": "E", "AN": "A"}.get(cls, "l") if cls in _LTR_CLASSES else "x")


class _Codes(dict):
    """``_code`` of each character met in remembered text (never a patient's: ``visual_order``)."""

    def __missing__(self, ch: str) -> str:
        code = self[ch] = _code(ch)
        return code


_CODES = _Codes()
# What resolves to one level and goes to the algorithm as one character: a stretch of right-to-left
# letters with the spaces, punctuation and marks between them (it begins and ends with an R or AL
# letter), or a run of left-to-right letters, of European digits or of Arabic digits.
_STRETCH = re.compile(r"r(?:[rj]*r)?|L+|E+|A+")


def visual_order(chars: list[tuple[str, int]], remember: bool = True) -> list[tuple[str, int]]:
    """Unicode bidi reordering of one right-to-left line, keeping each char's style.  A line of a
    patient's details (``remember`` False) adds none of its characters to the table of classes: a
    Chinese name on an Arabic page stayed in the process, letter by letter (found in review)."""
    from bidi import algorithm as bidi  # only right-to-left pages need it

    text = "".join([c for c, _ in chars])
    codes = "".join(map(_CODES.__getitem__, text) if remember else (_CODES.get(c) or _code(c) for c in text))
    if not ("L" in codes or "E" in codes or "A" in codes or "l" in codes):
        # Only right-to-left letters and neutrals: every character resolves to level 1, so
        # the algorithm reduces to reversing the line and mirroring brackets (rule L4).
        return [(bidi.MIRRORED.get(c, c), si) for c, si in reversed(chars)]
    # bidi_rtl's reordering is pure Python, a dict per character.  Each stretch of right-to-left
    # letters and the spaces, punctuation and marks between them resolves to one level (UAX #9: W3
    # makes AL R; W4-W6 leave a separator with no number beside it neutral; N1 gives neutrals
    # between two R their direction), and so does a run of characters of one class L, EN or AN
    # (the rules look at a run's ends, and at its class, never at its length).  Each goes in as
    # its last character (the strong type W2 looks back to) and comes out whole: reversed and
    # mirrored at an odd level, as the algorithm does each character.  tests/test_languages.py
    # compares it with the algorithm run on every character.
    units: list[tuple[int, int]] = []  # [start, end) in the line of each character given to the algorithm
    given: list[str] = []
    at = 0
    for m in _STRETCH.finditer(codes):
        a, b = m.span()
        units += [(i, i + 1) for i in range(at, a)]
        units.append((a, b))
        given += [text[at:a], text[b - 1]]
        at = b
    units += [(i, i + 1) for i in range(at, len(text))]
    given.append(text[at:])
    out: list[tuple[str, int]] = []
    for c in bidi_rtl("".join(given)):
        a, b = units[c["i"]]
        if b - a == 1:
            out.append((c["ch"], chars[a][1]))
        elif c["level"] % 2:
            out += [(bidi.MIRRORED.get(ch, ch), si) for ch, si in reversed(chars[a:b])]
        else:
            out += chars[a:b]
    return out


def bidi_rtl(text: str) -> list[dict]:
    """The bidi algorithm on ``text`` as one right-to-left line: its characters in visual order, each
    a dict with the character as drawn ("ch", mirrored), its level and its index in ``text`` ("i").
    The levels are the Rust algorithm's (``resolved_levels``); python-bidi's pure Python one then
    applies rules L1, L2 (the order) and L4 (mirrored brackets) as it always has."""
    from bidi import algorithm as bidi

    storage = bidi.get_empty_storage()
    storage["base_level"] = 1
    storage["base_dir"] = "R"
    bidi.get_embedding_levels(text, storage)
    for i, (ch, level) in enumerate(zip(storage["chars"], resolved_levels(text), strict=True)):
        ch["i"], ch["level"] = i, level
    bidi.reorder_resolved_levels(storage, False)
    bidi.apply_mirroring(storage, False)
    return storage["chars"]


_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def resolved_levels(text: str) -> list[int]:
    """Each character's resolved level (UAX #9 up to rule I2, before the line's L1) in a right-to-left
    paragraph, by python-bidi's Rust algorithm (the crate unicode-bidi).  Its pure Python one has no
    bracket pairs (rule N0): a Latin name in brackets at a line's end, "(Bactrim)", lost its closing
    bracket to the far side of the line, drawn as "(".  The crate gives its levels only in its
    debug text, one a byte of UTF-8; a text it cannot be read from is an error, never a guess."""
    import bidi as rust

    info = rust.get_display(text, base_dir="R", debug=True)
    # (the text comes first, escaped: a newline of its own is "\n", so these field starts are never in it)
    part = info[info.index("\n    levels: ["):info.index("\n    paragraphs: [")]
    by_byte = [int(n) for n in _LEVEL.findall(part)]
    starts = [0]
    for ch in text[:-1]:
        starts.append(starts[-1] + len(ch.encode("utf-8", "surrogatepass")))
    if len(by_byte) != len(text.encode("utf-8", "surrogatepass")):
        raise RuntimeError(f"python-bidi {rust.VERSION}: levels of {len(by_byte)} bytes for a text of "
                           f"{len(text.encode('utf-8', 'surrogatepass'))}")
    return [by_byte[i] for i in starts] if text else []


LRM = "\u200e"  # left-to-right mark: strong, never drawn
LRO, PDF = "\u202d", "\u202c"  # left-to-right override and its end: never drawn


def isolated(chars: list[tuple[str, int]], spans: list[Span]) -> list[tuple[str, int]]:
    """A right-to-left line's characters with a left-to-right mark at each end of every stretch of a
    ``ltr`` span, and a left-to-right override around every stretch of a ``number`` span: the
    value's punctuation and a phone's digit groups keep their order on each line it is broken over
    (marks in the text itself held only its first and last line; Arabic-Indic digits ignore a
    mark, and "+٩٦٦ ٥٠ ١٢٣" came out in reverse: found in review)."""
    out: list[tuple[str, int]] = []
    kind = 0  # 0: the page's direction, 1: a ltr stretch, 2: a number's
    opens, closes = {1: LRM, 2: LRO}, {1: LRM, 2: PDF}
    for ch, si in chars:
        sp = spans[si]
        now = 2 if sp.number else 1 if sp.ltr else 0
        if now != kind:
            if kind:
                out.append((closes[kind], out[-1][1]))
            if now:
                out.append((opens[now], si))
            kind = now
        out.append((ch, si))
    if kind:
        out.append((closes[kind], out[-1][1]))
    return out
