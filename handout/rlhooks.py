"""ReportLab behind one door: every use of ReportLab's private or undocumented parts is here.

ReportLab (pinned ``>=5.1,<6``) has no API for tagged PDF, PDF/A, a fallback-free subset
cache or drawing HarfBuzz runs fast, so ``archive``, ``fonts``, ``render`` and ``text`` lean
on its internals — only through this module.  Each hook below has a test of the same
number in ``tests/test_rlhooks.py`` that fails, naming the hook, when a ReportLab release
changes what it relies on.

R1  ``Canvas._doc``: the canvas's document.  ``document(c)``.
R2  The document's class swapped for a subclass (``new_canvas``): ReportLab builds the
    ``PDFDocument`` inside ``Canvas.__init__`` and offers no factory.  The subclass adds no state.
R3  ``PDFDocument.Reference(obj, name)``: every indirect object passes through it when
    registered, including the streams ReportLab makes while writing; ``HookedDocument``
    overrides it to change them before they are written.
R4  Internal object names ``fontFile:…`` and ``toUnicodeCMap:…``: how the hook tells a font
    program and a ToUnicode map from other streams (to clean maps, reuse compressed bytes).
R5  ``PDFStream.format`` returns ``…stream\\n<data>endstream\\n`` with no end-of-line before
    ``endstream`` (PDF/A wants one); an instance's class is swapped to ``_Stream`` to add it,
    and its ``content`` and ``filters`` (objects with ``pdfname`` and ``encode``) are replaced.
R6  ``PDFTrueTypeFont.Widths`` is a ``PDFArray`` whose ``sequence`` holds the numbers: written
    by one C call (``fp_str``) instead of one ``format`` per width.
R7  ``__RefOnly__``: a ``PDFObject`` class attribute making ReportLab write it as an indirect
    object only (``Raw``); ``format(document)`` returns its bytes.
R8  ``PDFDocument.idToObjectNumberAndVersion[name]``: an object's number (``ref``).
R9  ``doc.Pages.pages``; a page's ``Trans`` (an empty transition dictionary, forbidden by
    PDF/A), ``__NoDefault__`` (which attributes are written) and ``stream`` (its content).
R10 ``PDFDocument.signature``: the MD5 the file /ID is taken from (``sign``).
R11 ``doc.Catalog`` and ``PDFCatalog.__NoDefault__``; ``doc.info`` replaced by a ``PDFInfo``
    subclass writing exactly the entries the XMP repeats (``Info``).
R12 ``rl_config.useA85``: off for binary (not ASCII85) compressed streams — ReportLab reads
    it when pages and fonts are written; set by ``new_canvas``, not at import.
R13 ``TTFont.hbFont`` and its ``hbAddPrivate`` hook, and the name-mangled
    ``TTFont.__addPrivate``: a glyph reached only by shaping gets a fixed code (``ShapingTTFont``).
R14 A TrueType face's ``charToGlyph``, ``glyphToChar``, ``charWidths``, ``hmetrics`` and
    ``_pdfScale``: its character map and widths in 1/1000 em.
R15 A face's ``get_table`` and ``makeSubset`` replaced by remembering wrappers
    (``remember_tables``, ``wrap_subsets``): ReportLab re-reads tables for every subset.
R16 ``TTFont.splitString(text, doc)`` and ``getSubsetInternalName(subset, doc)``: a run's
    subset codes and the subset's resource name, written straight as PDF operators (``split``,
    ``subset_name``) instead of ``drawString``'s text object per run; ``font.state[doc]
    .assignments``, where splitString keeps the codes it gave, read by ``split``.
R17 ``ShapedStr.__shapeData__``: HarfBuzz's per-glyph ``x_offset``, ``y_offset``, ``width``,
    ``x_advance`` (``shape_data``); ``shape`` makes what ``shapeStr(…, force=True)`` makes for a
    one-font word (``ShapedStr`` of glyph codes, a ``ShapeData`` per glyph), more directly.
R18 ``TTFont.hbFace``: the HarfBuzz face ReportLab opened (``harfbuzz``), and its tables
    (``shaped_by_size``: whether a word's shaping can change with the size).
R19 A parsed face is its instance attributes: plain data, the file's bytes (``_ttf_data``) and
    ``_pdfScale`` (a function of ``unitsPerEm``); ``TTFont.__init__`` makes its face by calling
    the module global ``ttfonts.TTFontFace``.  ``face_state`` and ``font_from_state`` keep a parse
    and make the font from it without parsing the file again (``fonts.face``).
R20 ``TTFont.State``: a document's subsets are numbered in the order ``splitString`` first meets
    each character, ASCII pre-assigned, subset 0's other codes 1-31 then 128-255.  ``split`` gives
    a font's first subset in a document the codes a ``HookedDocument.seeds`` lists first
    (``seed``), so documents of one language start with the same subset.
R21 A face's ``glyphPos`` (the 'loca' table: each glyph's offset in 'glyf'), ``table['glyf']``
    and ``unitsPerEm``: each glyph's own box is read from its header (``ink``).
R22 ``Canvas._code`` (the page's operators), ``_fillColorObj``, ``_enforceColorSpace``, ``_extgstate``
    and ``_doc.ensureMinPdfVersion``: ``fill`` writes what ``setFillColor`` writes for an RGB colour
    without its generic path, once for each line drawn.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache, cache
from typing import Any

# Before ReportLab, and this module before ReportLab wherever the package imports it (fonts,
# render, archive): ReportLab imports uharfbuzz inside a bare ``except:``, so a Ctrl-C landing in
# those ~7 ms was swallowed and ReportLab believed shaping unavailable.  Its stand-in is put in
# place here first (``lazy.on_first_use``): ReportLab's import then runs nothing, and the real
# import, on the first shaped word, is this package's, where a Ctrl-C stops the build as anywhere
# else (tests/test_faults.py checks the order in each importer).  Text with no shaping never loads it.
from . import lazy  # noqa: F401  (before ReportLab: defers Pillow's Image and uharfbuzz)
import uharfbuzz  # (its stand-in)
from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (PDFArray, PDFDictionary, PDFDocument, PDFInfo, PDFName, PDFObject,
                                      PDFStream, PDFTrueTypeFont)
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr, TTFont, TTFontFace, TTFNameBytes
from reportlab.pdfgen.canvas import Canvas

__all__ = ["PDFDictionary", "PDFName", "ShapedStr", "TTFont", "HookedDocument", "Info", "Inline", "Raw",
           "ShapingTTFont", "document", "harfbuzz", "hb_shape", "new_canvas", "pages", "raw_stream", "ref", "remember_tables",
           "join_shaped", "seed", "set_catalog", "set_page", "shape", "shape_data", "shaped_by_size", "sign", "split",
           "stream_end", "subset_name", "wrap_subsets", "fill"]


# --- R1, R2, R12: the canvas and its document -------------------------------------------------

def document(c: Canvas) -> PDFDocument:
    """R1: the canvas's document."""
    return c._doc


def new_canvas(buf: io.BytesIO, page_size: tuple[float, float], lang: str, font: str | None,
               doc_class: type[HookedDocument]) -> Canvas:
    """A deterministic canvas (invariant, PDF 1.7, compressed pages) whose document is a ``doc_class``."""
    rl_config.useA85 = 0  # R12: binary compressed streams (20% smaller, less time encoding)
    c = Canvas(buf, pagesize=page_size, invariant=1, lang=lang, pageCompression=1, pdfVersion=(1, 7),
               initialFontName=font)
    c._doc.__class__ = doc_class  # R2: a subclass adding one hook and no state
    return c


_FILLS: dict[Color, str] = {}


def fill(c: Canvas, colour: Color) -> None:
    """R22: ``c.setFillColor(colour)`` for an RGB colour: its "r g b rg" operator, then the fill alpha,
    which writes nothing while it stays what it was (ReportLab's tests of the colour's type and its
    alpha bookkeeping were ~0.3 ms of a new handout's render, for each of a page's ~120 lines)."""
    if c._enforceColorSpace is not None or type(colour) is not Color:  # (converted, or CMYK: ReportLab's way)
        c.setFillColor(colour)
        return
    op = _FILLS.get(colour)
    if op is None:
        op = _FILLS[colour] = f"{fp_str((colour.red, colour.green, colour.blue))} rg"
    c._code.append(op)
    c._fillColorObj = colour
    c._doc.ensureMinPdfVersion("transparency")  # (as setFillAlpha does, each time)
    if colour.alpha != c._extgstate.getValue("ca"):
        c.setFillAlpha(colour.alpha)


# --- R3-R7: objects as they are registered and written ----------------------------------------

def stream_end(data: bytes) -> bytes:
    """The end-of-line PDF/A wants before ``endstream``, not included in /Length.

    After data ending in CR, a lone LF would read as one CRLF end-of-line and the
    stream as one byte short, so that case gets a CRLF of its own.
    """
    return b"\r\nendstream" if data.endswith(b"\r") else b"\nendstream"


class _Stream(PDFStream):
    """ReportLab's stream, with an end-of-line before ``endstream`` (R5: ReportLab writes none)."""

    def format(self, document: PDFDocument) -> bytes:
        out: bytes = PDFStream.format(self, document)  # "<<…>>\nstream\n" data "endstream\n"
        body = out[:-len(b"endstream\n")]
        return body + stream_end(body) + b"\n"


class Inline(PDFObject):
    """An object written as given, in place inside its parent."""

    def __init__(self, body: bytes = b"") -> None:
        self.body = body

    def format(self, document: PDFDocument) -> bytes:
        return self.body


class Raw(Inline):
    """An indirect object written as given (R7); its references were resolved when it was built."""

    __RefOnly__ = 1


def raw_stream(entries: bytes, data: bytes) -> Raw:
    return Raw(b"<< %s /Length %d >>\nstream\n" % (entries, len(data)) + data + stream_end(data))


class HookedDocument(PDFDocument):
    """ReportLab's document whose streams end as PDF/A wants (R3-R6).

    A subclass says what becomes of ToUnicode maps (``cmap_text``) and which filter compresses
    font programs and maps (``font_filter``, ``cmap_filter``: objects with ``pdfname`` and ``encode``).
    """

    cmap_text: Callable[[str], str] = staticmethod(lambda text: text)
    font_filter: Any = None
    cmap_filter: Any = None
    # R20: per font name, the codes its first subset in this document begins with (set per
    # document by whoever makes it: a class attribute here, so the subclass still adds no state).
    seeds: Mapping[str, str] = {}

    def Reference(self, obj: Any, name: str | None = None) -> Any:  # noqa: N802 - ReportLab's name
        if obj.__class__ is PDFTrueTypeFont and isinstance(obj.Widths, PDFArray):
            # R6: 256 widths per subset, written by one C call instead of one format() each
            obj.Widths = Inline(b"[ " + fp_str(*obj.Widths.sequence).encode("ascii") + b" ]")
        if obj.__class__ is PDFStream:
            obj.__class__ = _Stream  # R5
            if name is not None and name.startswith("toUnicodeCMap:"):  # R4
                obj.content = self.cmap_text(obj.content)
                if obj.filters and self.cmap_filter is not None:
                    obj.filters = [self.cmap_filter]
            elif name is not None and name.startswith("fontFile:") and obj.filters and self.font_filter is not None:
                obj.filters = [self.font_filter]
        return PDFDocument.Reference(self, obj, name)


def ref(doc: PDFDocument, obj: PDFObject) -> bytes:
    """Register ``obj`` (or find it registered) and return "N 0 R" for it (R8)."""
    return b"%d %d R" % doc.idToObjectNumberAndVersion[doc.Reference(obj).name]


# --- R9-R11: pages, the file /ID, the catalog and the document information ---------------------

def pages(doc: PDFDocument) -> list[Any]:
    """R9: the document's pages, in order."""
    return list(doc.Pages.pages)


def set_page(page: Any, **entries: Any) -> bytes:
    """R9: add ``entries`` to a page's dictionary, drop its empty /Trans; returns its content stream."""
    page.Trans = None
    page.__NoDefault__ = [*page.__NoDefault__, *entries]
    for k, v in entries.items():
        setattr(page, k, v)
    stream = page.stream
    return stream.encode("utf-8") if isinstance(stream, str) else bytes(stream)


def sign(doc: PDFDocument, data: bytes) -> None:
    """R10: feed ``data`` to the digest the file /ID is made from."""
    doc.signature.update(data)


def set_catalog(doc: PDFDocument, **entries: Any) -> None:
    """R11: add entries to the document catalog (written even where ReportLab has no default)."""
    cat = doc.Catalog
    current = list(cat.__NoDefault__)  # PDFCatalog's own list until an entry is added
    extra = [k for k in entries if k not in current]
    if extra:
        cat.__NoDefault__ = [*current, *extra]
    for k, v in entries.items():
        setattr(cat, k, v)


class Info(PDFInfo):
    """R11: the document information dictionary, exactly the given entries (no /Trapped)."""

    def __init__(self, entries: dict[str, str], text: Callable[[str], bytes]) -> None:
        super().__init__()
        self.entries, self._pdf_text = entries, text
        self.title, self.author = entries["Title"], entries["Author"]
        self.subject, self.keywords = entries["Subject"], entries["Keywords"]

    def format(self, document: PDFDocument) -> bytes:
        return b"<< " + b" ".join(b"/%s %s" % (k.encode("ascii"), self._pdf_text(v))
                                  for k, v in self.entries.items()) + b" >>"


def set_info(doc: PDFDocument, info: Info) -> None:
    doc.info = info


# --- R13-R15: fonts -----------------------------------------------------------------------------

class ShapingTTFont(TTFont):
    """ReportLab's TTFont, giving each glyph reached only through shaping a fixed code and its
    real advance width (R13, R14).

    ReportLab gives such a glyph (a conjunct, a half form) the next free private-use code the
    first time the *process* shapes it, so one PDF's bytes depended on what the process had
    built before (a card built alone differed from one built after its standard edition).
    Here the code is U+E000 + the glyph id: the same in every process.

    ReportLab also records the first *shaped* advance (GPOS adjustments included) as the
    width, so the PDF's /Widths disagrees with the embedded font program, which PDF/A and
    PDF/UA forbid.  It places every shaped glyph with a TJ adjustment computed from the
    recorded width, so recording the true width draws exactly the same page.
    """

    def hbFont(self, fontSize: float = 10) -> Any:  # noqa: N802 - ReportLab's name
        font = super().hbFont(fontSize)
        self.hbAddPrivate = self._add_private
        return font

    def _add_private(self, name: str, gid: int, advance: float) -> int:
        face = self.face
        uchar = 0xE000 + gid
        if uchar > 0xF8FF or face.charToGlyph.get(uchar, gid) != gid:
            # Beyond the private-use area, or a code the font maps itself: ReportLab's own choice.
            uchar = self._TTFont__addPrivate(name, gid, advance)
        elif uchar not in face.charToGlyph:
            face.charToGlyph[uchar] = gid
            face.glyphToChar.setdefault(gid, []).append(uchar)
        metrics = face.hmetrics
        face.charWidths[uchar] = face._pdfScale(metrics[gid][0]) if gid < len(metrics) else advance
        return int(uchar)


def char_map(font: TTFont) -> frozenset[int]:
    """R14: the code points the font has a glyph for."""
    return frozenset(font.face.charToGlyph)


def ink(font: TTFont, text: str) -> tuple[float, float]:
    """R21: how far the glyphs of ``text`` reach above and below the baseline, in ems (the highest top and
    lowest bottom of their boxes in 'glyf'); (0, 0) for no ink."""
    import struct

    face = font.face
    data, glyf, pos = face._ttf_data, face.table["glyf"]["offset"], face.glyphPos
    top = bottom = 0
    for glyph in {face.charToGlyph.get(ord(c), 0) for c in text if not c.isspace()}:
        if pos[glyph + 1] > pos[glyph]:  # (an empty glyph has no box: a space)
            _, _, y_min, _, y_max = struct.unpack_from(">hhhhh", data, glyf + pos[glyph])
            top, bottom = max(top, y_max), max(bottom, -y_min)
    return top / face.unitsPerEm, bottom / face.unitsPerEm


def remember_tables(font: TTFont, remember: Callable[[Callable[..., bytes]], Callable[..., bytes]]) -> None:
    """R15: the face's tables read once (``remember`` wraps ``get_table``)."""
    font.face.get_table = remember(font.face.get_table)


def wrap_subsets(font: TTFont, wrap: Callable[[Callable[[list[int]], bytes]], Callable[[list[int]], bytes]]) -> None:
    """R15: the face's subset programs made through ``wrap(make)``."""
    font.face.makeSubset = wrap(font.face.makeSubset)


_NOT_STATE = ("_ttf_data", "_pdfScale")  # the file's bytes (read again) and a function (made again)


def face_state(font: TTFont) -> dict[str, Any]:
    """R19: a freshly parsed font's face as plain data (marshal-able), without the file's bytes."""
    out: dict[str, Any] = {}
    for k, v in vars(font.face).items():
        if k in _NOT_STATE:
            continue
        out[k] = ("TTFNameBytes", bytes(v)) if isinstance(v, TTFNameBytes) else v
    return out


def font_from_state(cls: type[TTFont], name: str, path: str, state: dict[str, Any], data: bytes,
                    **kwargs: Any) -> TTFont:
    """R19: ``cls(name, path, **kwargs)`` with its face made from ``state`` and the file's bytes."""
    face = TTFontFace.__new__(TTFontFace)
    attrs = {k: TTFNameBytes(v[1]) if isinstance(v, tuple) and len(v) == 2 and v[0] == "TTFNameBytes" else v
             for k, v in state.items()}
    upm = attrs["unitsPerEm"]
    if upm == 1000:
        attrs["_pdfScale"] = lambda x: x
    else:
        m = 1000 / upm  # the same arithmetic as extractInfo's scale: the same widths, to the bit
        attrs["_pdfScale"] = lambda x: x * m
    attrs["_ttf_data"] = data
    face.__dict__.update(attrs)
    with _SWAP:  # a module global: two threads (the web page) must not see each other's face
        made = ttfonts.TTFontFace
        ttfonts.TTFontFace = lambda *a, **k: face  # TTFont.__init__ makes its face by this name
        try:
            return cls(name, path, **kwargs)
        finally:
            ttfonts.TTFontFace = made


_SWAP = threading.Lock()


# --- R16-R18: drawing and measuring runs --------------------------------------------------------

def split(font: TTFont, text: str, doc: PDFDocument) -> list[tuple[int, bytes]]:
    """R16: (subset, codes) pieces of ``text`` in this document's subsets of the font.

    Most runs after a page's first lines hold only characters the document has given codes
    already, in one subset: their codes are looked up in C (``state.assignments``, where
    ``splitString`` keeps them) instead of ``splitString``'s loop of tests per character (a
    twentieth of an Arabic page's drawing).  Anything else (a new character, one with no glyph,
    a run across subsets) goes to ``splitString``, which then assigns exactly as it always does."""
    state = font.state.get(doc)
    if state is None and text:
        seeded = getattr(doc, "seeds", {}).get(font.fontName)
        if seeded:
            state = seed(font, seeded, doc)
    if state is not None and text:
        try:
            codes = list(map(state.assignments.__getitem__, map(ord, text.replace("\xa0", " "))))
        except KeyError:
            return font.splitString(text, doc)
        subset = max(codes) >> 8
        if subset == min(codes) >> 8:
            return [(subset, bytes(codes) if not subset else bytes([n & 0xFF for n in codes]))]
    return font.splitString(text, doc)


SUBSET0_FREE = 159  # R20: subset 0's codes not pre-assigned to ASCII or .notdef: 1-31, 128-255


def seed(font: TTFont, codes: str, doc: PDFDocument) -> Any:
    """R20: this document's state of the font, its first codes given to ``codes`` in order.

    A glyph only shaping reaches (U+E000 + its id, R13) is made known to the font first, as
    shaping would: otherwise ``splitString`` would skip it in a process that has not shaped it
    yet, and a PDF's bytes would depend on what the process built before.  A code the font has
    no glyph for is skipped, the same in every process."""
    face = font.face
    if isinstance(font, ShapingTTFont):
        for ch in codes:
            code = ord(ch)
            if 0xE000 <= code <= 0xF8FF and code not in face.charToGlyph and code - 0xE000 < face.numGlyphs:
                font._add_private("", code - 0xE000, 0.0)
    font.splitString(codes, doc)
    return font.state[doc]


def subset_name(font: TTFont, subset: int, doc: PDFDocument) -> str:
    """R16: the resource name (``/F1+0``) of one subset in this document."""
    return str(font.getSubsetInternalName(subset, doc))


# ReportLab's shaping features (``shapeFragWord``'s default): drawing and measuring both read ``shape``.
HB_FEATURES = {"kern": True, "liga": True, "dlig": True}


def hb_shape(hb_font: Any, text: str) -> Any:
    """R17: a HarfBuzz buffer holding ``text`` shaped as ReportLab shapes it (its features, its
    cluster level): what ``shape`` reads (measuring reads ``shape``'s result: ``text._width``)."""
    buf = uharfbuzz.Buffer()
    buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(text)
    buf.guess_segment_properties()
    uharfbuzz.shape(hb_font, buf, HB_FEATURES)
    return buf


@lru_cache(maxsize=64)
def _hb_font(font: str, size: float) -> tuple[TTFont, Any]:
    ttf = pdfmetrics.getFont(font)
    return ttf, ttf.hbFont(size)  # R13: also sets the font's hbAddPrivate


def shape(text: str, font: str, size: float) -> ShapedStr:
    """R17: ``text`` (one word, one font) shaped by HarfBuzz as ReportLab draws it: exactly what
    ``shapeStr(text, font, size, force=True)`` gives, glyph codes and shaping data alike.

    ReportLab's ``shapeFragWord`` does it for words of several fonts and styles: per word it makes
    a HarfBuzz font, measures the word, and asks every glyph's name (needed only for a glyph with
    no code).  A Hindi handout shapes ~500 words, a third of its drawing time; here the font is
    made once per size and the loop does only what a one-font word needs (tests/test_rlhooks.py
    compares the two over every word of the bundled content).
    """
    ttf, hbf = _hb_font(font, size)
    buf = hb_shape(hbf, text)
    face = ttf.face
    to_char, widths = face.glyphToChar, face.charWidths
    # face._pdfScale is x (units per em 1000, the bundled fonts) or x * (1000 / units per em):
    # the same numbers here without a call per value (four a glyph, ~2,000 glyphs a Hindi page).
    m = None if face.unitsPerEm == 1000 else 1000 / face.unitsPerEm
    new = tuple.__new__  # what ShapeData(...) does, without its Python-level __new__
    chars: list[str] = []
    data: list[Any] = []
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        gid = info.codepoint
        try:
            code = to_char[gid][0]
        except KeyError:  # a glyph only shaping reaches (a conjunct): R13 gives it a code
            code = ttf.hbAddPrivate(hbf.glyph_to_string(gid), gid, pos.x_advance)
        chars.append(chr(code))
        if m is None:
            data.append(new(ShapeData, (info.cluster, pos.x_advance, pos.y_advance, pos.x_offset, pos.y_offset,
                                        widths[code])))
        else:
            data.append(new(ShapeData, (info.cluster, pos.x_advance * m, pos.y_advance * m, pos.x_offset * m,
                                        pos.y_offset * m, widths[code])))
    return ShapedStr("".join(chars), shapeData=data)


def join_shaped(words: Sequence[ShapedStr]) -> ShapedStr:
    """R17: shaped words one after the other, as ``ShapedStr.__add__`` joins them, in one step
    (adding them one by one copies the growing shaping data at every word)."""
    return ShapedStr("".join(words), shapeData=[d for w in words for d in w.__shapeData__])


def shape_data(text: ShapedStr) -> Sequence[Any]:
    """R17: per glyph: x_offset, y_offset, width (the recorded advance), x_advance (the shaped one)."""
    return text.__shapeData__


def harfbuzz(font: str) -> tuple[Any, Callable[[float], float]]:
    """R18: the HarfBuzz face ReportLab opened for a registered font, and its font-units-to-1/1000-em scale."""
    ttf = pdfmetrics.getFont(font)
    return ttf.hbFace, ttf.face._pdfScale


@cache
def shaped_by_size(font: str) -> bool:
    """R18: whether HarfBuzz can shape a registered font differently at another size (``ptem``):
    only by AAT tracking ('trak') or a variable font's axes ('fvar').  Otherwise a word's glyphs,
    advances and offsets (in font units) are the same at every size."""
    tags = set(harfbuzz(font)[0].table_tags)
    return bool(tags & {"trak", "fvar"})
