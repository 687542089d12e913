"""Render and archive: the PDF operators and file syntax written without ReportLab's helpers."""

from __future__ import annotations

import re
import zlib
from functools import cache
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from handout import pipeline
from handout.content import Target, read
from handout.glyphs import glyph_plan
from handout.theme import load_theme

ROOT = Path(__file__).resolve().parent.parent


@cache
def pdf(lang: str) -> bytes:
    h = read(Target(ROOT / "data" / "ldn", (lang,))).handouts[0]
    return pipeline.build(h, load_theme()).pdf


def test_glyph_plan_moves_the_pen_as_harfbuzz_placed_each_glyph():
    # b is a mark: 10/1000 em right of the pen and raised; c follows a's full advance.
    data = [ShapeData(0, 500, 0, 0, 0, 500), ShapeData(0, 0, 0, 10, 100, 400), ShapeData(1, 300, 0, 0, 0, 300)]
    plan = glyph_plan(ShapedStr("abc", shapeData=data), "F", 12)
    # before b: -10 (right by its offset), rise 1.2 pt; after b: 410 (back by its width and
    # offset, as it advances nothing); then the rise ends
    assert plan == (("g", "a"), ("r", "1.2"), ("n", "-10"), ("g", "b"), ("n", "410"), ("r", "0"), ("g", "c"))


def test_glyph_plan_of_unmoved_glyphs_is_one_string():
    data = [ShapeData(0, 600, 0, 0, 0, 600)] * 3
    assert glyph_plan(ShapedStr("xyz", shapeData=data), "F", 9) == (("g", "xyz"),)


@pytest.mark.parametrize("lang", ["en", "hi", "ko"])
def test_every_stream_has_its_length_then_an_end_of_line_before_endstream(lang):
    data = pdf(lang)
    streams = list(re.finditer(rb"/Length (\d+)[^>]*>>\nstream\n", data))
    assert len(streams) >= 8
    for m in streams:
        end = m.end() + int(m.group(1))
        tail = data[end:end + 11]
        # PDF/A: an EOL before endstream, not counted in /Length (CRLF after data ending in CR)
        assert tail.startswith(b"\nendstream") or tail.startswith(b"\r\nendstream"), (m.group(0), tail)


@pytest.mark.parametrize("lang", ["en", "ar", "ko"])
def test_tounicode_maps_never_map_to_nul_and_keep_blocks_of_100(lang):
    data = pdf(lang)
    maps = [zlib.decompress(m.group(2)) for m in re.finditer(
        rb"/Length (\d+)[^>]*>>\nstream\n(.*?)\r?\nendstream", data, re.S)
        if m.group(2)[:2] == b"x\x9c" and b"beginbfchar" in zlib.decompress(m.group(2))]
    assert maps
    for cmap in maps:
        assert b"<0000>" not in cmap.split(b"endcodespacerange")[1]
        assert all(int(n) <= 100 for n in re.findall(rb"(\d+) beginbfchar", cmap))


def test_the_same_build_twice_in_one_process_gives_the_same_bytes():
    h = read(Target(ROOT / "data" / "ldn", ("ko",))).handouts[0]
    first = pipeline.build(h, load_theme()).pdf
    pdf("en")  # other fonts and cached subsets in between
    assert pipeline.build(h, load_theme()).pdf == first


def test_a_pdf_does_not_depend_on_what_the_process_built_before(tmp_path):
    # Shaped (Devanagari) glyphs get their codes from their glyph ids, not in the order the
    # process first met them: a card built alone equals one built after other PDFs.
    import subprocess
    import sys

    out = tmp_path / "card.pdf"
    script = ("import sys; from pathlib import Path; from handout import pipeline; "
              "from handout.content import Target, read; from handout.theme import load_theme; "
              f"h = read(Target(Path({str(ROOT / 'data' / 'ldn')!r}), ('hi',))).handouts[0]; "
              "Path(sys.argv[1]).write_bytes(pipeline.build(h, load_theme(), edition='card').pdf)")
    subprocess.run([sys.executable, "-c", script, str(out)], check=True, cwd=ROOT)
    h = read(Target(ROOT / "data" / "ldn", ("hi",))).handouts[0]
    pipeline.build(h, load_theme())  # the standard edition first: more conjuncts, other order
    pdf("ko")
    assert pipeline.build(h, load_theme(), edition="card").pdf == out.read_bytes()


def test_forgetting_earlier_text_changes_nothing_in_the_file():
    # Everything remembered per process (lines, runs, shaping, font subsets) is a pure cache.
    for lang in ("hi", "ko", "ar"):
        h = read(Target(ROOT / "data" / "ldn", (lang,))).handouts[0]
        warm = pipeline.build(h, load_theme()).pdf
        pipeline.clear_caches()
        assert pipeline.build(h, load_theme()).pdf == warm, lang


def test_one_font_file_shaped_by_one_theme_and_not_by_another_is_an_error(tmp_path):
    """ReportLab keeps one font per file name in a process: the second theme's family was measured and
    drawn with the first one's (shaped runs for an unshaped family, other widths); now it is said."""
    import pytest

    from handout.errors import HandoutError
    from handout.theme import load_theme

    load_theme().fontset("hi")  # the default theme shapes Devanagari
    custom = tmp_path / "unshaped.yaml"
    custom.write_text("extends: default\nname: unshaped\nfonts:\n  families:\n    devanagari: "
                      "{regular: NotoSansDevanagari-Regular.ttf, bold: NotoSansDevanagari-Bold.ttf, shaping: false}\n",
                      encoding="utf-8")
    with pytest.raises(HandoutError, match="expected one 'shaping' setting for each font file"):
        load_theme(str(custom)).fontset("hi")
