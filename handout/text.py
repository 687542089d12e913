"""Text: markup in, measured and broken lines of font runs out.

* (``markup`` turns content text into ``Span`` objects first.)
* ``wrap`` — spans + a ``FontSet`` + size + width to ``Line`` objects whose
  ``runs`` are in *visual* order with x offsets, ready to draw.

Line breaking works on the logical text for every script: spaces are break
opportunities; Chinese and Japanese may also break between characters (never
before closing punctuation, never after opening punctuation); a number is never
separated from its unit (``4.5 mg`` is glued with a no-break space).  The break
units come from ``breaks``.  Right-to-left lines are then reordered with the Unicode bidi
algorithm (python-bidi), after Arabic letters are joined (arabic-reshaper),
so Latin drug names and numbers keep their place inside Arabic text.
Devanagari runs are shaped by HarfBuzz through ReportLab.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .fonts import FontSet  # (through rlhooks) before ReportLab: rlhooks says why
from reportlab.pdfbase import pdfmetrics

from .breaks import cjk_break, has_cjk, plain_words, tokens
from .lines import Line, Run, per_char
from .markup import Span, unit_pattern
from .memory import MEMORY
from .rlhooks import ShapedStr, shape, shape_data, shaped_by_size
from .rtl import ARABIC, invisible, reshape, strong_rtl


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


_punctuation = lru_cache(maxsize=4096)(_is_punctuation)  # remembered: not for a patient's details


MIXED = -1  # a break unit's letters are in more than one style


class _Piece:
    """A break unit: text that must stay together, then the glue after it.

    A plain class with slots, not a dataclass: one is made per word of every new paragraph, and a
    dataclass's generated ``__init__`` (three default factories) was ~2% of a new handout's build."""

    __slots__ = ("chars", "space", "orig", "orig_space", "style")

    def __init__(self) -> None:
        # The drawn text as added, in segments of one style (text as drawn, style index): usually one
        # word, one segment.  Lines are made of segments too; only what needs single characters (the
        # bidi algorithm, a font per character, cutting a word wider than the column) splits them
        # (``per_char``).  Kept as added, never joined: a long run of letters added one by one stays linear.
        self.chars: list[tuple[str, int]] = []
        self.space: list[tuple[str, int]] = []
        # What the author wrote for each drawn char ("" for a joined form's second letter or a mark
        # added for bidi; "4.5 mg" for the no-break space gluing a unit), and for the glue after.
        self.orig: list[str] = []
        self.orig_space = ""
        self.style = MIXED  # the one style of all its segments (MIXED: more than one)

    def add(self, drawn: str, si: int) -> None:
        self.style = si if not self.chars or self.style == si else MIXED
        self.chars.append((drawn, si))


def _width(text: str, font: str, size: float, shaped: bool, remember: bool = True) -> float:
    key = (text, font, size, shaped)
    hit = MEMORY.run_widths.get(key) if remember else None
    if hit is None:
        if not shaped:
            hit = pdfmetrics.stringWidth(text, font, size)
        else:  # the advances of the shaping that draws it, word by word as render draws it
            hit = sum(d.x_advance for w in shaped_words(text, font, size, remember) for d in shape_data(w)) * size / 1000
        if remember:
            MEMORY.run_widths.put(key, hit)
    return hit


def shaped_word(word: str, font: str, size: float, remember: bool = True) -> ShapedStr:
    """``word`` shaped by HarfBuzz as it is drawn (``rlhooks.shape``), once per process: measuring
    it (``_width``) and drawing it (``render``) share the shaping, the larger part of a Hindi
    build's time.  A font HarfBuzz shapes alike at every size (``shaped_by_size``) is shaped
    once for all of them.  Personal text (``remember`` False) is shaped and not remembered."""
    key = (word, font, size if shaped_by_size(font) else None)
    hit = MEMORY.shaped_words.get(key) if remember else None
    if hit is None:
        hit = shape(word, font, size)
        if remember:
            MEMORY.shaped_words.put(key, hit)
    return hit


_SPACES = re.compile(r"( +)")


def shaped_words(text: str, font: str, size: float, remember: bool = True) -> list[ShapedStr]:
    """``text`` shaped as it is drawn and measured: each word, and each run of spaces, alone
    (shaping never crosses a space, so a line is shaped once per word, not again as a whole)."""
    return [shaped_word(part, font, size, remember) for part in _SPACES.split(text) if part]


class Wrapper:
    """Breaks spans into lines for one font set (one language)."""

    def __init__(self, fonts: FontSet, rtl: bool, units: list[str] | None = None):
        self.fonts = fonts
        self.rtl = rtl  # the page's direction
        self.units = unit_pattern(units or [])

    # -- measuring ----------------------------------------------------------
    def runs(self, chars: list[tuple[str, int]], styles: list[Span], size: float, cite_scale: float,
             remember: bool = True) -> list[Run]:
        """Group characters (already in drawing order) into runs of one font and style."""
        if chars:
            si = chars[0][1]
            if all(c[1] == si for c in chars):  # one style (most lines) all in one face: one run
                st, text = styles[si], "".join(c for c, _ in chars)
                face = self.fonts.one_face(text, st.bold)
                if face is not None:
                    synth = st.bold and self.fonts.primary.bold is None  # what choose() gives
                    return [self._run(text, (face.name, synth, st.cite, face.shaping, st.link, st.lang), size,
                                      cite_scale, remember)]
        return self.runs_by_char(chars, styles, size, cite_scale, remember)

    def runs_by_char(self, chars: list[tuple[str, int]], styles: list[Span], size: float, cite_scale: float,
                     remember: bool = True) -> list[Run]:
        """``runs``, choosing the font character by character (any mix of styles and scripts)."""
        chars = per_char(chars)
        out: list[Run] = []
        cur: list[str] = []
        key = None
        face = None
        bold = False
        # A drawn letter of the style just chosen for, whose font would be chosen again, joins the
        # current run whatever the rules below say: they would pick that font and run again.  Most
        # letters of a line (~1 us a letter through the rules; a Hindi or Arabic page has ~4,000).
        same_si, same_pick, chosen = -1, None, self.fonts.drawn(False)
        for ch, si in chars:
            if si == same_si and chosen.get(ch) is same_pick:
                cur.append(ch)
                continue
            st = styles[si]
            if (face is not None and key is not None and key[2] == st.cite and key[4] == st.link and key[5] == st.lang
                    and ord(ch) in face.cmap
                    and (ch == " " or (st.bold == bold and (_punctuation if remember else _is_punctuation)(ch)))):
                # A space, or punctuation in the same weight, stays in the current font: "ME/CFS"
                # and "translation." keep one design, and a Hindi or Korean line has fewer runs.
                cur.append(ch)
                continue
            if invisible(ch) and not (key is not None and key[3]):
                continue  # no ink: never drawn, except inside a HarfBuzz-shaped run, which hides it
            bold = st.bold
            pick = self.fonts.choose(ch, st.bold, remember)
            if pick is None:
                if ch.isspace():
                    same_si = -1  # the rules took this space's weight: the next letter goes through them
                    continue
                # Content was checked before layout; this catches generated text (a date, a number
                # in the locale's script): never drop a character silently.
                from .errors import HandoutError, Location
                raise HandoutError.single(Location("(generated text)"), "", (
                    f"character '{ch}' (U+{ord(ch):04X}) in \"{''.join(c for c, _ in chars)}\" has no glyph in the "
                    f"fonts {', '.join(f.name for f in self.fonts.families)}; add a font to the theme"))
            face, synth, _ = pick
            k = (face.name, synth, st.cite, face.shaping, st.link, st.lang)
            if k != key and cur:
                out.append(self._run("".join(cur), key, size, cite_scale, remember))
                cur = []
            key = k
            cur.append(ch)
            same_si, same_pick, chosen = si, pick, self.fonts.drawn(st.bold)
        if cur:
            out.append(self._run("".join(cur), key, size, cite_scale, remember))
        return out

    @staticmethod
    def _run(text: str, key, size: float, cite_scale: float, remember: bool = True) -> Run:
        font, synth, cite, shaped, link, lang = key
        sz = size * cite_scale if cite else size
        return Run(text, font, sz, _width(text, font, sz, shaped, remember), rise=size * 0.38 if cite else 0.0,
                   synth_bold=synth, shaped=shaped, personal=not remember, link=link,
                   lang=lang)

    def _measure(self, chars, styles, size, cite_scale, remember: bool = True) -> float:
        if not chars:
            return 0.0
        si = chars[0][1]
        if any(c[1] != si for c in chars):
            return sum(r.width for r in self.runs(chars, styles, size, cite_scale, remember))
        return self._word(chars[0][0] if len(chars) == 1 else "".join([c for c, _ in chars]), si, chars, styles,
                          size, cite_scale, remember)

    def _word(self, word: str, si: int, chars, styles, size, cite_scale, remember: bool = True) -> float:
        """``_measure`` of chars in one style ``si`` that draw ``word``."""
        st = styles[si]
        if not remember:
            return sum(r.width for r in self.runs(chars, styles, 1000.0, cite_scale, False)) * size / 1000
        key = (self.fonts.key, word, st.bold, st.cite, cite_scale)
        w = MEMORY.widths.get(key)
        if w is None:  # a word's width never changes: measure it once per process, per 1000 pt
            face = self.fonts.one_face(word, st.bold)
            if face is not None:  # one run in one face (most words): its width, without building the run
                w = MEMORY.widths.put(key, _width(word, face.name, 1000.0 * cite_scale if st.cite else 1000.0,
                                                  face.shaping))
            else:
                w = MEMORY.widths.put(key, sum(r.width for r in self.runs(chars, styles, 1000.0, cite_scale)))
        return w * size / 1000  # widths scale with the size (fitting tries several)

    # -- breaking -----------------------------------------------------------
    def widest_unit(self, spans: list[Span], size: float, remember: bool = True) -> float:
        """The width of the widest piece a line can never break inside (a word; in Chinese, the
        few characters kept together: "服1粒。").  A patient's text (``remember`` False, or a
        personal span: their dates) is measured without being remembered."""
        remember = remember and not any(sp.personal for sp in spans)
        rtl = self.rtl and any(strong_rtl(c) for sp in spans for c in sp.text)
        pieces = self.pieces(spans, rtl) if remember else self._pieces(spans, rtl, remember=False)
        k = size / 1000
        return max((w * k for w, _ in self._widths(pieces, spans, 0.62, rtl, remember)), default=0.0)

    def pieces(self, spans: list[Span], rtl: bool) -> list[_Piece]:
        hit = MEMORY.pieces.get((tuple(spans), rtl, self.units.pattern))
        if hit is None:  # break units do not depend on size or width: find them once
            hit = MEMORY.pieces.put((tuple(spans), rtl, self.units.pattern), self._pieces(spans, rtl))
        return hit

    def _pieces(self, spans: list[Span], rtl: bool, remember: bool = True) -> list[_Piece]:
        pieces: list[_Piece] = [_Piece()]
        prev = ""
        for si, sp in enumerate(spans):
            # Without Han or kana in the span, only its first letter may break from the text before
            # it (a CJK span ending just before): the break rule runs once, not once per letter.
            cjk, first = has_cjk(sp.text), True
            words = plain_words(sp, self.units, rtl)
            if words is not None:  # what the loop below does with tokens that are plain words and spaces
                cur = pieces[-1]
                joins = rtl and ARABIC.search(sp.text) is not None  # an Arabic word is drawn joined
                for tok in words:
                    if tok[0] in " \t\n":
                        if cur.chars:
                            cur.space.append((" ", si))
                            cur.orig_space += tok
                        prev = " "
                        continue
                    joined = joins and ARABIC.search(tok) is not None
                    drawn = reshape(tok, remember) if joined else tok
                    if cur.space or (cur.chars and first and cjk_break(prev, drawn[0])):
                        pieces.append(cur := _Piece())
                    cur.add(drawn, si)
                    if joined:  # the word as written for its first joined form, nothing for the others
                        cur.orig.append(tok)
                        cur.orig += [""] * (len(drawn) - 1)
                    else:
                        cur.orig += tok  # one written character per drawn one
                    first = False
                    prev = drawn[-1]
                continue
            for drawn, written, joined in tokens(sp, self.units, rtl, remember):
                cur = pieces[-1]
                if drawn in (" ", "\u2009"):  # a space, or a thin space: where the line may break
                    if cur.chars:
                        cur.space.append((drawn, si))
                        cur.orig_space += written[0]
                    prev = " "
                    continue
                if joined or not cjk:  # one unit: it may break from what is before it, not inside
                    if cur.space or (cur.chars and (cjk or first) and cjk_break(prev, drawn[0])):
                        pieces.append(_Piece())
                        cur = pieces[-1]
                    cur.add(drawn, si)
                    cur.orig += written
                else:  # a word in a span with Han or kana: it may break between any two letters
                    for ch, w in zip(drawn, written):
                        if cur.space or (cur.chars and cjk_break(prev, ch)):
                            pieces.append(_Piece())
                            cur = pieces[-1]
                        cur.add(ch, si)
                        cur.orig.append(w)
                        prev = ch
                first = False
                prev = drawn[-1]
        return [p for p in pieces if p.chars]

    def wrap(self, spans: list[Span], size: float, width: float, cite_scale: float = 0.62) -> list[Line]:
        """Lines of at most ``width``; the same paragraph at the same size and width is broken
        once per process (lines are never changed once made: layouts share them)."""
        if any(sp.personal for sp in spans):  # the patient's details: never remembered
            return self._wrap(spans, size, width, cite_scale, remember=False)
        key = (self.fonts.key, self.rtl, self.units.pattern, tuple(spans), size, round(width, 2), cite_scale)
        hit = MEMORY.wraps.get(key)
        if hit is None:
            hit = MEMORY.wraps.put(key, self._wrap(spans, size, width, cite_scale))
        return hit

    def _wrap(self, spans: list[Span], size: float, width: float, cite_scale: float,
              remember: bool = True) -> list[Line]:
        # The paragraph's own direction: right-to-left only if it has right-to-left letters, so a
        # list of Latin drug names on an Arabic page keeps "amlodipine (Norvasc)" in order.
        rtl = self.rtl and any(strong_rtl(c) for sp in spans for c in sp.text)
        lines: list[tuple[list[tuple[str, int]], float, str]] = []
        cur: list[tuple[str, int]] = []
        text: list[str] = []  # what the author wrote for the current line
        cur_w = 0.0
        pending_space: list[tuple[str, int]] = []
        pending_orig = ""
        pending_w = 0.0
        pieces = self.pieces(spans, rtl) if remember else self._pieces(spans, rtl, False)
        k = size / 1000  # widths are kept per 1000 pt: scaled here, as each is used
        for p, (w, space_w) in zip(pieces, self._widths(pieces, spans, cite_scale, rtl, remember)):
            w, space_w = w * k, space_w * k
            sw = pending_w if pending_space and cur else 0.0
            if cur and cur_w + sw + w > width:
                lines.append((cur, cur_w, "".join(text) + pending_orig))  # with the space it broke at
                cur, cur_w, text = [], 0.0, []
                sw = 0.0
            elif cur:
                cur.extend(pending_space)
                text.append(pending_orig)
                cur_w += sw
            chars, orig = p.chars, p.orig
            if w > width and len(orig) > 1:  # one unbreakable word wider than the column (a URL)
                chars = per_char(chars)
                # Cut line by line; each cut measures only about a line's worth of characters,
                # so a 1 MB word costs linear time (measuring the rest after every cut was quadratic).
                at = 0  # an offset, not a slice of the rest per line (that copy was quadratic too)
                while True:
                    cut = self._fit(chars, spans, size, cite_scale, width - cur_w, at, remember)
                    if at + cut >= len(chars):
                        break
                    cur.extend(chars[at:at + cut])
                    lines.append((cur, cur_w + self._measure(chars[at:at + cut], spans, size, cite_scale, remember),
                                  "".join(text) + "".join(orig[at:at + cut])))
                    cur, cur_w, text = [], 0.0, []
                    at += cut
                chars, orig = chars[at:], orig[at:]
                w = self._measure(chars, spans, size, cite_scale, remember)
            cur.extend(chars)
            text += orig
            cur_w += w
            pending_space, pending_orig, pending_w = p.space, p.orig_space, space_w
        if cur:
            lines.append((cur, cur_w, "".join(text)))
        return [Line(self, chars, spans, size, cite_scale, rtl, w, t, not remember) for chars, w, t in lines]

    def _widths(self, pieces: list[_Piece], spans: list[Span], cite_scale: float, rtl: bool,
                remember: bool = True) -> list[tuple[float, float]]:
        """(width, width of the space after) of every piece at 1000 pt: measured once per
        paragraph; the caller scales them to each size fitting tries."""
        key = (self.fonts.key, tuple(spans), rtl, self.units.pattern, cite_scale)
        hit = MEMORY.piece_widths.get(key) if remember else None
        if hit is None:
            # The glue after a word is nearly always the same space in the same style: measured
            # once per paragraph, not once per word.
            glue: dict[tuple[tuple[str, int], ...], float] = {}
            hit = []
            for p in pieces:
                w = (self._word("".join([t for t, _ in p.chars]), p.style, p.chars, spans, 1000.0, cite_scale, remember)
                     if p.style != MIXED else self._measure(p.chars, spans, 1000.0, cite_scale, remember))
                sw = glue.get(space := tuple(p.space))
                if sw is None:
                    sw = glue[space] = self._measure(p.space, spans, 1000.0, cite_scale, remember)
                hit.append((w, sw))
            if remember:
                MEMORY.piece_widths.put(key, hit)
        return hit

    def _fit(self, chars, spans, size, cite_scale, room: float, at: int = 0, remember: bool = True) -> int:
        """How many characters from ``at`` fit in ``room`` (at least one; all the rest if they do).
        Doubling finds a bound first, so the cost follows the line's length, not the word's."""
        n = len(chars) - at

        def fits(k: int) -> bool:
            return self._measure(chars[at:at + k], spans, size, cite_scale, remember) <= room

        hi = 2
        while hi < n and fits(hi):
            hi *= 2
        lo, hi = max(1, hi // 2), min(hi, n)
        if hi == n and fits(n):
            return n
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(mid):
                lo = mid
            else:
                hi = mid - 1
        return max(lo, 1)


