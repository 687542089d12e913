"""Unicode hygiene for every string that reaches a page: one place, used by content and personal fields.

Text in: whatever a clinician pasted (chat apps wrap names in bidi isolates, Word adds
zero-width spaces, Excel a BOM) or an author typed.  Text out: NFC, with the invisible
*format* characters (general category Cf) that would crash the bidi step or print as
stray glyphs removed — bidi embeddings, overrides and isolates (U+202A–202E,
U+2066–2069), the BOM and zero-width no-break space (U+FEFF), zero-width space (U+200B),
word joiner and invisible operators (U+2060–2064), soft hyphen, tag characters….

Kept, because they change how a word is written or read: ZWNJ and ZWJ (U+200C, U+200D:
Persian, Devanagari, emoji) and the plain direction marks LRM, RLM and ALM (U+200E,
U+200F, U+061C), which the layout handles.  Arabic number signs (U+0600–0605) are visible
and left to the glyph check.

``problems(text)`` names what cannot be cleaned and must be refused: control characters
(other than tab and newline), lone surrogates and noncharacters.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .memory import private


def source_digest(file: str) -> bytes:
    """The SHA-256 of a module's source, read as the module is imported (b"" if it cannot be read).
    What makes the text of a kept YAML tree (``keptrees``) is this module's code and ``load``'s as
    they run: read later, on the first tree, a file upgraded under a running process named the old
    code's tree with the new code's digest, and every later process took it (a review)."""
    try:
        with open(file, "rb") as fh:
            return hashlib.sha256(fh.read()).digest()
    except OSError:
        return b""


SOURCE = source_digest(__file__)

KEEP = frozenset("\u200c\u200d\u200e\u200f\u061c\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u08e2\U000110BD")
_SPACES = {"\u2028": " ", "\u2029": " "}  # line and paragraph separators: a space, as a newline is


class _Drops(dict[str, bool]):
    """Whether a character goes (a removable format character, or a separator that becomes a
    space), remembered: a page's text has a few dozen distinct characters, so each is asked of
    ``unicodedata`` once, not once per occurrence (Arabic text was ~3,600 calls a handout).
    At most ``LIMIT`` characters are kept (a long-running web page sees whatever is typed)."""

    LIMIT = 4096

    def __missing__(self, ch: str) -> bool:
        drop = ch in _SPACES or _drop(ch)
        if len(self) < self.LIMIT:
            self[ch] = drop
        return drop


_DROPS = _Drops()


def _drop(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf" and ch not in KEEP


def clean(text: str, remember: bool = True) -> str:
    """NFC, without removable format characters; unchanged (the same object) when already clean.
    Personal text (``remember`` False, or read ``memory.privately()``: a clinic profile's
    prescriber) leaves none of its characters in ``_DROPS``."""
    if text.isascii():
        return text
    if (any(map(_DROPS.__getitem__, set(text))) if remember and not private()
            else any(_drop(ch) or ch in _SPACES for ch in text)):
        text = "".join(_SPACES.get(ch, ch) for ch in text if not _drop(ch))
    return unicodedata.normalize("NFC", text)


# Every character problems() can refuse in the first plane, the newline aside (C0 and C1
# controls, surrogates, the noncharacters U+FDD0-FDEF, U+FFFE and U+FFFF), and any character past
# it, where the last two code points of each plane are noncharacters too: a text with such a
# character (rare: an emoji, a rare ideograph) goes through the loop below, which decides.  A set
# listing those astral noncharacters one by one took ~35 ns a character to search; this one takes
# ~3 ns (0.3 ms of reading a handout) and compiles in 0.3 ms, where a negated set of everything
# allowed took 3 ms at import.  tests/test_hostile_content.py checks every code point of the
# first plane and each plane's boundaries.
_SUSPECT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]")


def problems(text: str, newlines: bool = True) -> list[str]:
    """Characters that must be refused, as ``U+XXXX (kind)``, once each, in order."""
    if newlines and not _SUSPECT.search(text):  # the usual case: one scan in C
        return []
    out: list[str] = []
    for ch in dict.fromkeys(text):
        cp = ord(ch)
        cat = unicodedata.category(ch)
        if ch == "\t":  # (drawn as a space, kept in the text a screen reader and a copy read: a review)
            kind = "tab; a space is meant"
        elif cat == "Cc" and not (newlines and ch == "\n"):
            kind = "NUL" if cp == 0 else "control character"
        elif cat == "Cs":
            kind = "lone surrogate"
        elif (cp & 0xFFFE) == 0xFFFE or 0xFDD0 <= cp <= 0xFDEF:
            kind = "noncharacter"
        else:
            continue
        out.append(f"U+{cp:04X} ({kind})")
    return out


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_controls(text: str) -> list[str]:
    """Bidi embeddings, overrides and isolates in ``text``, as ``U+XXXX (NAME)``, once each.

    ``clean`` removes them, which is right for a name pasted from a chat app; in content a
    reviewer read, an override changes what was read: "Take \u202e51\u202c mg" shows as 15 mg in
    an editor and prints 51 mg without it (an adversarial review).  Content refuses them."""
    if text.isascii() or not _BIDI.search(text):
        return []
    return [f"U+{ord(ch):04X} ({unicodedata.name(ch)})" for ch in dict.fromkeys(_BIDI.findall(text))]


def bidi_problem(text: str) -> str | None:
    """The finding's words for content holding bidi controls (``bidi_controls``), or None."""
    found = bidi_controls(text)
    if not found:
        return None
    at = next(i for i, ch in enumerate(text) if _BIDI.match(ch)) + 1  # invisible: its place is said
    return (f"contains {', '.join(found[:3])} (character {at} of the text): it reorders what an editor shows, so "
            "the page would print other text than the one reviewed (expected none: the layout sets each line's "
            "direction; remove it)")


# Letters ``re`` matches as another under IGNORECASE though ``str.lower`` keeps them apart (its extra cases: the long
# s, the dotless i, the long s with a dot, the long s-t ligature): a word matched so is looked up in a word list lower
# case, and "ſept" raised a KeyError there.  Each is read as the letter it matches.
# ... and the full-width forms of ASCII (U+FF01-FF5E) and the ideographic space, which CJK keyboards type: "Take ４５ mg"
# printed beside LDN's 4.5 mg, its digits read by no dose rule (a clinician's review of the web page).
_AS_READ = str.maketrans({"\u017f": "s", "\u0131": "i", "\u1e9b": "\u1e61", "\ufb05": "\ufb06", "\u3000": " ",
                          **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}})


def as_read(text: str) -> str:
    """``text`` as the dose rules read a note typed for one patient: each letter ``re`` matches as another under
    IGNORECASE is that letter ("ſept" is "sept"), and a full-width letter, digit or sign is its ASCII one ("４５" is
    "45"); what is printed is the note as typed."""
    return text.translate(_AS_READ)


def safe(text: str) -> str:
    """``text`` printable on any terminal or page: lone surrogates become U+FFFD."""
    return text.encode("utf-8", "replace").decode("utf-8") if any("\ud800" <= c <= "\udfff" for c in text) else text
