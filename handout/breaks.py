"""Break units: where a line may break, for ``text.Wrapper``.

``tokens`` splits one span into spaces, words and an Arabic word's joined forms, keeping the
author's text for each drawn character (a line's logical text is built from it; a unit glued to
its number by a no-break space keeps the author's space there).  ``cjk_break`` is the rule for
breaking without a space: Chinese and Japanese may break between any two characters, never before
closing punctuation or after opening punctuation, never at a no-break space.  Korean is not
listed: it puts spaces between words and breaks there (CSS ``word-break: keep-all``).
"""

from __future__ import annotations

import re
from functools import cache

from .markup import NBSP, Span, glue_units
from .rtl import ARABIC, reshape

_CLOSE = set("，。、！？；：）」』】〉》…,.;:!?)]}%")
_OPEN = set("（「『【〈《([{")


def has_cjk(text: str) -> bool:
    """Whether ``text`` has a character ``is_cjk`` takes.  Most text has none above U+2E80 (the
    lowest it takes), and ``max`` says so without the pattern: compiling its classes of wide ranges
    was 2.2 ms of every process, to find no Han or kana in English, Arabic or Hindi."""
    return bool(text) and max(text) >= "\u2e80" and _cjk().search(text) is not None


@cache
def _cjk() -> re.Pattern[str]:
    return re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uff60\u3000-\u303f]")  # is_cjk's ranges


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    # Han, kana and CJK punctuation may break between characters.  Hangul is not listed:
    # Korean puts spaces between words and breaks there (like CSS word-break: keep-all).
    return (0x2E80 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFF00 <= cp <= 0xFF60
            or 0x3000 <= cp <= 0x303F)


# Spaces, where a line may break, and words.  A thin space after a dash is a space too (CLDR's in a
# range, "Dec 21 – Jan 3"), drawn as the thin space it is; any other thin space glues, as French
# typesetting uses it ("1 000 mg", "Attention :").
# (Text with no thin space, nearly all of it, is split by the plain pattern, twice as fast.)
_TOKEN = re.compile(r"[ \t\n]+|[^ \t\n]+")
_W = "[^ \t\n\u2009]"
_TOKEN_THIN = re.compile(f"(?P<space>[ \t\n]+|(?<=[–—~-])\u2009)|(?:{_W}|(?<![–—~-])\u2009){_W}*(?:(?<![–—~-])\u2009{_W}*)*")


def plain_words(sp: Span, units: re.Pattern[str], rtl: bool) -> list[str] | None:
    """The span's words and runs of spaces, one string each, when ``tokens`` would give each as it
    is, or (a word with Arabic letters on a right-to-left page) as its joined forms (``reshape``)
    with the word as written for its first: no Han or kana, no no-break space (none written, no
    unit glued), no thin space, not a citation said in words, nor a citation on a right-to-left
    page.  Most spans of most pages; ``tokens`` gives the rest.  None otherwise."""
    raw = sp.text
    if sp.said or (rtl and sp.cite) or has_cjk(raw) or "\u2009" in raw:
        return None
    if not sp.cite and units.search(raw):  # a unit to glue to its number
        return None
    return None if NBSP in raw else _TOKEN.findall(raw)


def tokens(sp: Span, units: re.Pattern[str], rtl: bool, remember: bool = True) -> list[tuple[str, list[str], bool]]:
    """(drawn, written, joined) for each token of one span: a space as " ", a word, or an Arabic
    word's joined forms (``joined``: it never breaks inside).  ``written`` is the author's text for
    each drawn character ("" for a joined form's later letters or a mark added for bidi; "4.5 mg"
    keeps the author's space where a no-break space glues the unit); a line's logical text is
    built from it."""
    raw = sp.text
    glued = raw if sp.cite else glue_units(raw, units)
    out: list[tuple[str, list[str], bool]] = []
    if sp.cite and rtl:
        out.append(("\u200f", [""], True))  # keeps "… LDN. ⁶" in order: the number follows the sentence
    i = 0  # position in raw
    thin = "\u2009" in glued
    for m in (_TOKEN_THIN if thin else _TOKEN).finditer(glued):
        tok = m.group()
        n = len(tok)
        if m.group("space") if thin else tok[0] in " \t\n":
            out.append(("\u2009" if tok == "\u2009" else " ", [raw[i:i + n]], True))
            i += n
            continue
        if NBSP not in tok:  # nothing glued: the author wrote these very characters
            written = list(raw[i:i + n])
            i += n
        else:
            written = []
            for g in tok:
                if g == NBSP and raw[i] != NBSP:  # the glue: the author's spaces
                    j = i
                    while raw[j] in " \t":
                        j += 1
                    written.append(raw[i:j])
                    i = j
                else:
                    written.append(raw[i])
                    i += 1
        if sp.said:  # a citation: its words in the logical text, its number drawn
            written = [sp.said] + [""] * (len(written) - 1)
        if rtl and ARABIC.search(tok):
            joined = reshape(tok, remember)
            out.append((joined, ["".join(written)] + [""] * (len(joined) - 1), True))
        else:
            out.append((tok, written, False))
    return out


def cjk_break(prev: str, ch: str) -> bool:
    """May a line break fall between ``prev`` and ``ch`` (no space between)?  Never between a
    number and the character beside it: "1 / 月3日" read as "the 1st", then "month 3"; a dose,
    "15 / 毫克", loses its unit (CLREQ keeps numbers with their units)."""
    if ch in _CLOSE or prev in _OPEN or ch == NBSP or prev == NBSP:
        return False
    if "0" <= prev <= "9" or "0" <= ch <= "9":
        return False
    return is_cjk(prev) or is_cjk(ch)
