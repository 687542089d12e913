"""One test per ReportLab hook (``handout.rlhooks`` R1-R20): each fails, naming its hook, when a
ReportLab release changes the private or undocumented behaviour the hook relies on."""

from __future__ import annotations

import inspect
import io
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFArray, PDFCatalog, PDFDocument, PDFInfo, PDFObject, PDFStream
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont
from reportlab.pdfgen.canvas import Canvas

from handout import fonts
from handout import rlhooks as rl

SANS = fonts.face("NotoSans-Regular.ttf").name
DEVA = fonts.face("NotoSansDevanagari-Regular.ttf", True).name


class _Seen(rl.HookedDocument):
    """Records every registered object's name and class (a test double of archive.ArchiveDocument)."""

    seen: list[tuple[str | None, str, object]] = []

    def Reference(self, obj, name=None):  # noqa: N802
        _Seen.seen.append((name, obj.__class__.__name__, getattr(obj, "Widths", None)))
        return super().Reference(obj, name)


def _drawn(doc_class: type[rl.HookedDocument] = rl.HookedDocument, text: str = "Hello") -> tuple[Canvas, bytes]:
    buf = io.BytesIO()
    c = rl.new_canvas(buf, (200.0, 200.0), "en", SANS, doc_class)
    c.setFont(SANS, 12)
    c.drawString(10, 10, text)
    c.showPage()
    c.save()
    return c, buf.getvalue()


def test_r1_canvas_keeps_its_document_in_doc() -> None:
    c = Canvas(io.BytesIO())
    assert isinstance(getattr(c, "_doc", None), PDFDocument), "R1: Canvas._doc is no longer the PDFDocument"
    assert rl.document(c) is c._doc


def test_r2_the_document_class_can_be_swapped_after_the_canvas_is_made() -> None:
    c = rl.new_canvas(io.BytesIO(), (100.0, 100.0), "en", SANS, rl.HookedDocument)
    assert type(rl.document(c)) is rl.HookedDocument, "R2: the canvas's document class could not be swapped"
    assert set(vars(rl.HookedDocument)) <= {"__module__", "__doc__", "__annotations__", "Reference", "cmap_text",
                                            "font_filter", "cmap_filter", "seeds", "__static_attributes__",
                                            "__firstlineno__"}, "R2: the subclass must add no state"


def test_r3_every_indirect_object_passes_through_reference() -> None:
    _Seen.seen = []
    _drawn(_Seen)
    kinds = {cls for _, cls, _ in _Seen.seen}
    assert {"PDFPage", "PDFTrueTypeFont"} <= kinds, f"R3: Reference no longer sees pages and fonts ({kinds})"
    assert "_Stream" in kinds or "PDFStream" in kinds, "R3: streams made while writing no longer pass through Reference"


def test_r4_font_programs_and_tounicode_maps_are_named_as_the_hook_expects() -> None:
    _Seen.seen = []
    _drawn(_Seen)
    names = [n for n, _, _ in _Seen.seen if n]
    assert any(n.startswith("fontFile:") for n in names), f"R4: no object named fontFile:… ({names})"
    assert any(n.startswith("toUnicodeCMap:") for n in names), f"R4: no object named toUnicodeCMap:… ({names})"


def test_r5_a_stream_is_written_without_an_end_of_line_before_endstream() -> None:
    s = PDFStream(content=b"abc")
    s.filters = []
    out = s.format(PDFDocument())
    assert out.endswith(b"abcendstream\n"), f"R5: PDFStream.format now ends {out[-20:]!r}"
    assert {"content", "filters"} <= set(vars(s)), "R5: a stream's content and filters are no longer attributes"
    _, pdf = _drawn()
    assert b"endstream" in pdf and b"\nendstream" in pdf and b"endstream\nendobj" in pdf


def test_r6_truetype_widths_are_a_pdfarray_with_a_sequence() -> None:
    _Seen.seen = []
    _drawn(_Seen)
    widths = [w for _, cls, w in _Seen.seen if cls == "PDFTrueTypeFont"]
    assert widths, "R6: no PDFTrueTypeFont registered"
    # The hook has replaced them by the time a later object is registered; check what ReportLab made.
    src = inspect.getsource(__import__("reportlab.pdfbase.ttfonts", fromlist=["x"]))
    assert "PDFArray" in src and "Widths" in src, "R6: ttfonts no longer writes Widths as a PDFArray"
    assert hasattr(PDFArray([1, 2]), "sequence"), "R6: PDFArray has no .sequence"


def test_r7_refonly_objects_are_written_by_reference() -> None:
    doc = PDFDocument()
    raw = rl.Raw(b"<< /X 1 >>")
    assert getattr(PDFObject, "__RefOnly__", 0) == 0 and raw.__RefOnly__ == 1
    doc.Reference(raw)
    assert raw.format(doc) == b"<< /X 1 >>"


def test_r8_object_numbers_are_found_by_internal_name() -> None:
    doc = PDFDocument()
    r = rl.ref(doc, rl.Raw(b"1"))
    assert r.endswith(b" 0 R") and int(r.split()[0]) > 0, "R8: idToObjectNumberAndVersion changed"


def test_r9_pages_have_trans_nodefault_and_a_content_stream() -> None:
    c = rl.new_canvas(io.BytesIO(), (100.0, 100.0), "en", SANS, rl.HookedDocument)
    c.drawString(1, 1, "x")
    c.showPage()
    pages = rl.pages(rl.document(c))
    assert len(pages) == 1, "R9: doc.Pages.pages changed"
    page = pages[0]
    assert "Trans" in page.__NoDefault__, "R9: a page's __NoDefault__ changed"
    content = rl.set_page(page, StructParents=0)
    assert b"Tj" in content or b"TJ" in content, "R9: page.stream no longer holds the drawn content"


def test_r10_the_file_id_comes_from_the_document_signature() -> None:
    def file_id(signed: bytes) -> bytes:
        buf = io.BytesIO()
        c = rl.new_canvas(buf, (100.0, 100.0), "en", SANS, rl.HookedDocument)
        c.drawString(1, 1, "x")
        c.showPage()
        rl.sign(rl.document(c), signed)
        c.save()
        return buf.getvalue().rsplit(b"/ID", 1)[1][:80]

    assert file_id(b"a") == file_id(b"a")
    assert file_id(b"a") != file_id(b"b"), "R10: the file /ID no longer comes from PDFDocument.signature"


def test_r11_catalog_entries_and_info_can_be_set() -> None:
    assert isinstance(PDFCatalog.__NoDefault__, list) and "StructTreeRoot" in PDFCatalog.__NoDefault__, \
        "R11: PDFCatalog.__NoDefault__ changed"
    doc = PDFDocument()
    rl.set_catalog(doc, OutputIntents=rl.Raw(b"[]"))
    assert "OutputIntents" in doc.Catalog.__NoDefault__
    info = rl.Info({"Title": "T", "Author": "A", "Subject": "S", "Keywords": "K"}, lambda s: b"(" + s.encode() + b")")
    assert isinstance(info, PDFInfo) and info.format(doc) == b"<< /Title (T) /Author (A) /Subject (S) /Keywords (K) >>"
    rl.set_info(doc, info)
    assert doc.info is info


def test_r12_usea85_is_a_reportlab_setting_read_when_writing() -> None:
    assert hasattr(rl_config, "useA85"), "R12: rl_config.useA85 is gone"
    _, pdf = _drawn()
    assert rl_config.useA85 == 0 and b"/ASCII85Decode" not in pdf, "R12: streams are still ASCII85-encoded"


def test_r13_shaped_glyphs_get_fixed_private_codes() -> None:
    assert hasattr(TTFont, "hbFont") and hasattr(TTFont, "_TTFont__addPrivate"), \
        "R13: TTFont.hbFont or the name-mangled TTFont.__addPrivate is gone"
    assert "hbAddPrivate" in inspect.getsource(TTFont), "R13: TTFont no longer calls its hbAddPrivate hook"
    font = pdfmetrics.getFont(DEVA)
    shaped = rl.shape("क्ष", DEVA, 12)  # a conjunct: one glyph reached only through shaping
    assert isinstance(shaped, ShapedStr)
    codes = [ord(ch) for ch in shaped]
    gids = {font.face.charToGlyph.get(cp) for cp in codes}
    assert any(cp >= 0xE000 and cp == 0xE000 + font.face.charToGlyph[cp] for cp in codes), \
        f"R13: shaped glyphs no longer get U+E000 + glyph id ({[hex(c) for c in codes]}, {gids})"


def test_r14_a_face_has_its_character_map_and_widths() -> None:
    face = pdfmetrics.getFont(SANS).face
    for attr in ("charToGlyph", "glyphToChar", "charWidths", "hmetrics", "_pdfScale"):
        assert hasattr(face, attr), f"R14: a TrueType face has no {attr}"
    assert ord("A") in rl.char_map(pdfmetrics.getFont(SANS))
    assert 400 < face._pdfScale(face.hmetrics[face.charToGlyph[ord("A")]][0]) < 800


def test_r15_tables_and_subsets_go_through_the_remembering_wrappers() -> None:
    face = pdfmetrics.getFont(SANS).face
    assert hasattr(face.get_table, "cache_info"), "R15: get_table is not the remembering wrapper"
    assert face.makeSubset.__name__ == "subset", "R15: makeSubset is not the remembering wrapper"
    assert "makeSubset" in inspect.getsource(TTFont) or "makeSubset" in inspect.getsource(type(face)), \
        "R15: ReportLab no longer makes subsets with face.makeSubset"
    _, pdf = _drawn()
    assert b"/FontFile2" in pdf


def test_r16_runs_split_into_subsets_with_resource_names() -> None:
    c = rl.new_canvas(io.BytesIO(), (100.0, 100.0), "en", SANS, rl.HookedDocument)
    font = pdfmetrics.getFont(SANS)
    pieces = rl.split(font, "Hi", rl.document(c))
    assert pieces and all(isinstance(s, int) and isinstance(b, bytes) for s, b in pieces), \
        f"R16: splitString returns {pieces!r}"
    assert rl.subset_name(font, pieces[0][0], rl.document(c)).startswith("/F"), "R16: getSubsetInternalName changed"


def test_r16_split_gives_what_splitstring_gives_run_after_run(monkeypatch) -> None:
    """``split`` looks up codes the document has already given in ``state.assignments``: run after
    run (new letters, repeats, no-break spaces, characters with no glyph, past the first 256
    codes), it returns what ``splitString`` returns in a twin document, and leaves the same state."""
    font = pdfmetrics.getFont(SANS)
    ours = rl.document(rl.new_canvas(io.BytesIO(), (100.0, 100.0), "en", SANS, rl.HookedDocument))
    twin = rl.document(rl.new_canvas(io.BytesIO(), (100.0, 100.0), "en", SANS, rl.HookedDocument))
    calls = [0]
    real = TTFont.splitString

    def counted(self, text, doc, encoding="utf-8"):
        calls[0] += doc is ours
        return real(self, text, doc, encoding)

    monkeypatch.setattr(TTFont, "splitString", counted)
    latin = [chr(c) for c in range(0x21, 0x250) if ord(chr(c)) in rl.char_map(font)]
    runs = ["Take 4.5\xa0mg", "Take", "4.5 mg", "\xa0", "", "a\u4e00b", "ab", *("".join(latin[k:k + 40]) for k in range(0, len(latin), 40)),
            "".join(latin[::-3]), latin[-1] + "A", "A" + latin[-1], "\xa0".join(latin[200:260])]
    assert len(latin) > 300  # past one subset's 256 codes
    fast = 0
    for run in runs:
        known = font.state[ours].assignments if ours in font.state else {}
        codes = [known.get(ord(c)) for c in run.replace("\xa0", " ")]
        fast += bool(run) and None not in codes and len({n >> 8 for n in codes}) == 1  # type: ignore[operator]
        assert rl.split(font, run, ours) == font.splitString(run, twin), run
    assert font.state[ours].assignments == font.state[twin].assignments
    assert font.state[ours].subsets == font.state[twin].subsets
    assert fast >= 5 and calls[0] == len(runs) - fast  # the look-up path was taken, not only splitString


def test_r17_shaped_strings_carry_harfbuzz_positions() -> None:
    shaped = rl.shape("नमस्ते", DEVA, 12)
    data = rl.shape_data(shaped)
    assert len(data) == len(shaped), "R17: __shapeData__ no longer has one entry per glyph"
    for attr in ("x_offset", "y_offset", "width", "x_advance"):
        assert hasattr(data[0], attr), f"R17: shape data has no {attr}"


def test_r17_joined_shaped_words_are_what_adding_them_gives() -> None:
    words = [rl.shape(w, DEVA, 12) for w in ("डॉक्टर", " ", "से", "  ", "पूछें।")]
    added = words[0]
    for w in words[1:]:
        added = added + w
    joined = rl.join_shaped(words)
    assert isinstance(joined, ShapedStr) and str(joined) == str(added), "R17: ShapedStr.__add__ joins otherwise"
    assert list(rl.shape_data(joined)) == list(rl.shape_data(added)), "R17: ShapedStr.__add__ joins otherwise"


def test_r17_shape_gives_what_reportlab_shapestr_gives_for_every_bundled_word() -> None:
    """``shape`` is a faster ``shapeStr(…, force=True)``: the same codes and shaping data for each
    word of the shaped languages' content and labels, in every font that shapes them."""
    from reportlab.pdfbase.ttfonts import shapeStr

    from handout.theme import load_theme

    root = Path(__file__).resolve().parent.parent
    theme = load_theme()
    compared = 0
    for lang in sorted({p.stem for p in (root / "data").glob("*/*.yaml")} - {"handout"}):
        words = _bundled_words(lang)
        for family in theme.fontset(lang).families:
            if not family.regular.shaping:
                continue
            for face in (family.regular, family.bold):
                if face is None:
                    continue
                for word in words:
                    if not all(ord(c) in face.cmap for c in word):
                        continue
                    for size in (9.0, 12.0):
                        ours, theirs = rl.shape(word, face.name, size), shapeStr(word, face.name, size, force=True)
                        assert str(ours) == str(theirs), f"R17: {word!r} in {face.name}: other glyph codes"
                        assert list(rl.shape_data(ours)) == list(rl.shape_data(theirs)), \
                            f"R17: {word!r} in {face.name}: other shaping data"
                        compared += 1
    assert compared > 1000


def test_r17_shape_scales_a_font_whose_em_is_not_1000_units_as_reportlab_does() -> None:
    """``shape`` reads ``_pdfScale``'s factor instead of calling it: for a font of 256 units per em
    (the Chinese fallback) the same shaping data as ``shapeStr``, for every Chinese word bundled."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import shapeStr

    from handout.theme import load_theme

    face = next(f.regular for f in load_theme().fontset("zh-Hans").families if f.regular.name.startswith("DroidSans"))
    assert pdfmetrics.getFont(face.name).face.unitsPerEm != 1000
    words = [w for w in _bundled_words("zh-Hans") if all(ord(c) in face.cmap for c in w)]
    assert len(words) > 50
    for word in words:
        for size in (9.0, 12.0):
            ours, theirs = rl.shape(word, face.name, size), shapeStr(word, face.name, size, force=True)
            assert str(ours) == str(theirs) and list(rl.shape_data(ours)) == list(rl.shape_data(theirs)), word


def _bundled_words(lang: str) -> list[str]:
    import re

    root = Path(__file__).resolve().parent.parent
    paths = list((root / "data").glob(f"*/{lang}.yaml")) + [root / "handout" / "catalogs" / f"{lang}.yaml"]
    return sorted({w for p in paths if p.exists() for w in re.split(r"[\s*\[\]{}]+", p.read_text("utf-8")) if w})


def _harfbuzz_width(text: str, font: str, size: float) -> float:
    """HarfBuzz's own advance for ``text`` shaped as one piece: the reference for measuring."""
    import uharfbuzz

    face, scale = rl.harfbuzz(font)
    hb = uharfbuzz.Font(face)
    hb.ptem = size
    return sum(scale(p.x_advance) for p in rl.hb_shape(hb, text).glyph_positions) * size / 1000


def test_r18_a_font_shaped_alike_at_every_size_is_shaped_once_for_all() -> None:
    """text.shaped_word shapes a word once for every size when ``shaped_by_size`` is False: the
    glyphs and shaping data must then be the same at any size, and the width measured from them
    the width HarfBuzz gives."""
    from handout import text

    assert rl.shaped_by_size(DEVA) is False
    words = [w for w in _bundled_words("hi") if all(ord(c) in fonts.face("NotoSansDevanagari-Regular.ttf",
                                                                          True).cmap for c in w)]
    assert len(words) > 300
    for word in words:
        at = {size: rl.shape(word, DEVA, size) for size in (7.0, 12.0, 1000.0)}
        assert len({str(s) for s in at.values()}) == 1, f"R18: {word!r} shaped otherwise at another size"
        assert len({tuple(rl.shape_data(s)) for s in at.values()}) == 1, f"R18: {word!r}: other positions by size"
        for size in (9.0, 12.0):
            assert text._width(word, DEVA, size, True, remember=False) == _harfbuzz_width(word, DEVA, size), word


def test_a_shaped_run_is_measured_as_it_is_drawn_and_as_harfbuzz_measures_the_bundled_text() -> None:
    """A run of several words is measured word by word, as render draws it (shaping never crosses a
    space): its width is what is drawn.  For the bundled Hindi text that is also HarfBuzz's width of
    the whole run, so the lines and PDFs are those measured the other way before."""
    import re

    from handout import text

    root = Path(__file__).resolve().parent.parent
    lines = [re.sub(r"[*\[\]{}\x00-\x1f]", "", line) for p in [*(root / "data").glob("*/hi.yaml"),
                                                             root / "handout" / "catalogs" / "hi.yaml"]
             for line in p.read_text("utf-8").splitlines()]
    cmap = fonts.face("NotoSansDevanagari-Regular.ttf", True).cmap
    runs = {"".join(c for c in line if ord(c) in cmap).strip() for line in lines} - {""}
    runs = {r for r in runs if " " in r}
    assert len(runs) > 100
    for run in sorted(runs):
        drawn = sum(d.x_advance for w in text.shaped_words(run, DEVA, 12.0, False) for d in rl.shape_data(w))
        assert text._width(run, DEVA, 12.0, True, remember=False) == drawn * 12.0 / 1000, run
        assert text._width(run, DEVA, 12.0, True, remember=False) == _harfbuzz_width(run, DEVA, 12.0), run


def test_r18_a_registered_font_exposes_its_harfbuzz_face() -> None:
    import uharfbuzz

    face, scale = rl.harfbuzz(DEVA)
    assert isinstance(face, uharfbuzz.Face), "R18: TTFont.hbFace is not a uharfbuzz Face"
    assert scale(1000) > 0


def test_r19_a_font_made_from_a_kept_parse_is_the_parsed_font() -> None:
    import marshal

    from reportlab.pdfbase import ttfonts

    from handout import diskcache

    path = str(fonts.FONT_DIR / "NotoSansArabic-Regular.ttf")
    parsed = TTFont("R19a", path)
    # what the cache keeps (fonts._load): plain data, its equal values shared
    state = marshal.loads(marshal.dumps(diskcache.shared(rl.face_state(parsed))))
    assert "_ttf_data" not in state, "R19: the kept state holds the file's bytes"
    made_by = ttfonts.TTFontFace
    font = rl.font_from_state(TTFont, "R19b", path, state, open(path, "rb").read())
    assert ttfonts.TTFontFace is made_by, "R19: ttfonts.TTFontFace was not put back"
    a, b = vars(parsed.face), vars(font.face)
    assert a.keys() == b.keys(), f"R19: a parsed face has other attributes: {sorted(a.keys() ^ b.keys())}"
    for k in a:
        if k != "_pdfScale":
            assert a[k] == b[k] and type(a[k]) is type(b[k]), f"R19: face attribute {k} differs"
    assert [font.face._pdfScale(x) for x in (1, 517, 2048)] == [parsed.face._pdfScale(x) for x in (1, 517, 2048)]
    assert font.stringWidth("مرحبا", 12) == parsed.stringWidth("مرحبا", 12)
    assert font.face.makeSubset([0x627, 0x644]) == parsed.face.makeSubset([0x627, 0x644])


def test_a_pdf_is_the_same_whether_the_fonts_were_parsed_or_read_from_the_kept_parse(tmp_path, monkeypatch) -> None:
    """A fresh process (no fonts registered) with an empty cache, then with the cache it filled."""
    import subprocess
    import sys

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = Path(__file__).resolve().parent.parent / "data"
    script = ("import sys; from handout.cli import main; sys.exit(main(['build', 'ldn', '--lang', 'hi', "
              f"'--edition', 'card', '-q', '--force', '--data', {str(data)!r}, '--out', sys.argv[1]]))")
    pdfs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, capture_output=True)
        pdfs.append((out / "ldn" / "ldn.hi.card.pdf").read_bytes())
        assert list((tmp_path / "cache" / "handout").glob("font-*.marshal")), "no parse kept"
    assert pdfs[0] == pdfs[1]


def test_r20_a_seed_takes_subset_0s_free_codes_in_order_and_split_applies_a_documents_seed() -> None:
    font = pdfmetrics.getFont(SANS)
    latin = "".join(chr(c) for c in range(0xC0, 0x250) if c in rl.char_map(font))[:rl.SUBSET0_FREE + 1]
    doc = rl.document(rl.new_canvas(io.BytesIO(), (100.0, 100.0), "en", SANS, rl.HookedDocument))
    state = rl.seed(font, latin, doc)
    assert [state.assignments[ord(c)] for c in latin] == [*range(1, 32), *range(128, 256), 257], \
        "R20: TTFont.State no longer gives subset 0's codes 1-31 then 128-255 (SUBSET0_FREE)"
    doc = rl.document(rl.new_canvas(io.BytesIO(), (100.0, 100.0), "en", SANS, rl.HookedDocument))
    doc.seeds = {SANS: "\u00e9\u00e8"}
    assert rl.split(font, "a\u00e8", doc) == [(0, b"a\x02")], "R20: split did not seed the document's new state"


def test_r20_a_seeded_glyph_only_shaping_reaches_gets_its_fixed_code_before_any_shaping() -> None:
    font = pdfmetrics.getFont(DEVA)
    face = font.face
    mapped = set(face.charToGlyph.values())
    gid = next(g for g in range(face.numGlyphs - 1, 0, -1) if g not in mapped and 0xE000 + g not in face.charToGlyph)
    doc = rl.document(rl.new_canvas(io.BytesIO(), (100.0, 100.0), "hi", DEVA, rl.HookedDocument))
    state = rl.seed(font, chr(0xE000 + gid), doc)
    assert state.assignments.get(0xE000 + gid) == 1 and face.charToGlyph[0xE000 + gid] == gid, \
        "R20: a seeded private code was skipped (splitString skips a code the font does not map)"


def test_r21_a_glyphs_box_is_read_from_glyf_as_harfbuzz_reads_it() -> None:
    import uharfbuzz as hb

    font = pdfmetrics.getFont(SANS)
    face = font.face
    hb_font = hb.Font(hb.Face(face._ttf_data))
    for text in ("x", "p", "É", "gyp", "(Ậ)"):
        boxes = [hb_font.get_glyph_extents(face.charToGlyph[ord(c)]) for c in text]
        want = (max(b.y_bearing for b in boxes) / face.unitsPerEm,
                max(-(b.y_bearing + b.height) for b in boxes) / face.unitsPerEm)
        assert rl.ink(font, text) == pytest.approx(want), f"R21: the glyf box of {text!r} is not HarfBuzz's"
    assert rl.ink(font, "  ") == (0, 0)


def test_r22_fill_writes_what_set_fill_color_writes() -> None:
    """The page's operators and the canvas's state, colour after colour (one repeated, one with an alpha, one
    CMYK), as ``setFillColor`` leaves them."""
    from reportlab.lib.colors import CMYKColor, Color, HexColor

    colours = [HexColor("#1a2b3c"), HexColor("#1a2b3c"), HexColor("#ffffff"), Color(0.2, 0.4, 0.6, alpha=0.5),
               HexColor("#000000"), CMYKColor(0, 0.5, 1, 0.1)]
    states = []
    for way in ("reportlab", "hook"):
        c = rl.new_canvas(io.BytesIO(), (100.0, 100.0), "en", None, rl.HookedDocument)
        c._doc._pdfVersion = (1, 3)  # (so that a missed ensureMinPdfVersion shows)
        states.append([])
        for colour in colours:
            c.setFillColor(colour) if way == "reportlab" else rl.fill(c, colour)
            states[-1].append((list(c._code), c._fillColorObj, c._doc._pdfVersion, dict(c._extgstate._d)))
    assert states[1] == states[0], "R22: fill left other operators or another state than setFillColor"


@pytest.mark.parametrize("module", ["archive", "fonts", "render", "text"])
def test_no_other_module_reaches_into_reportlab_internals(module: str) -> None:
    src = inspect.getsource(__import__(f"handout.{module}", fromlist=["x"]))
    for needle in ("._doc", "__class__ =", "__shapeData__", "splitString", "getSubsetInternalName", "rl_config",
                   "_pdfScale", "hbFace", "charToGlyph", "_TTFont__", "__NoDefault__", "idToObjectNumber",
                   "makeSubset =", "get_table =", ".signature"):
        assert needle not in src, f"handout/{module}.py uses ReportLab's {needle}: put it in rlhooks"
