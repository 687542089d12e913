"""Seeds (``handout.seeds``): the documents of one language begin each font's first subset alike,
so a batch of new text cuts and compresses that subset once; what is drawn and read is unchanged."""

from __future__ import annotations

import io
import json

import pikepdf
import pypdfium2 as pdfium
import pytest
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics

from conftest import DATA
from tree_text import read_aloud

from handout import fonts, pipeline, seeds
from handout import rlhooks as rl
from handout.archive import canvas, finish
from handout.content import Target, read
from handout.render import draw, metadata
from handout.theme import FONT_DIR, load_theme

ARABIC = fonts.face("NotoSansArabic-Regular.ttf").name


def _programs(pdf: bytes) -> dict[str, set[bytes]]:
    """Per font file (the subset's base name without its tag), its embedded font programs."""
    out: dict[str, set[bytes]] = {}
    with pikepdf.open(io.BytesIO(pdf)) as p:
        for page in p.pages:
            for f in page.Resources.Font.values():
                out.setdefault(str(f.BaseFont).split("+")[-1], set()).add(f.FontDescriptor.FontFile2.read_bytes())
    return out


def _arabic_page(text: str, seeded: bool) -> bytes:
    buf = io.BytesIO()
    c = canvas(buf, (300.0, 300.0), "ar", ARABIC)
    if seeded:
        rl.document(c).seeds = seeds.of("ar")
    font = pdfmetrics.getFont(ARABIC)
    for subset, codes in rl.split(font, text, rl.document(c)):
        c.addLiteral(f"BT {rl.subset_name(font, subset, rl.document(c))} 12 Tf 20 150 Td ({escapePDF(codes)}) Tj ET")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_two_documents_of_a_language_with_other_text_embed_the_same_first_subset():
    seed = seeds.of("ar")[ARABIC]
    one, other = seed[::2], seed[::-3]  # other glyphs, met in another order
    seeded = [_programs(_arabic_page(t, True))[ARABIC] for t in (one, other)]
    assert len(seeded[0]) == 1 and seeded[0] == seeded[1]
    unseeded = [_programs(_arabic_page(t, False))[ARABIC] for t in (one, other)]
    assert unseeded[0] != unseeded[1]  # what seeding changes: ReportLab numbers glyphs as met


def test_a_glyph_outside_the_seed_is_still_given_a_code_and_drawn():
    font = pdfmetrics.getFont(ARABIC)
    seed = seeds.of("ar")[ARABIC]
    rare = next(chr(c) for c in range(0xFE70, 0xFEFD) if c in font.face.charToGlyph and chr(c) not in seed)
    c = canvas(io.BytesIO(), (300.0, 300.0), "ar", ARABIC)
    doc = rl.document(c)
    doc.seeds = seeds.of("ar")
    (subset, codes), = rl.split(font, rare + seed[0], doc)
    state = font.state[doc]
    assert [state.assignments[ord(ch)] for ch in seed] == [*range(1, 32), *range(128, 256)][:len(seed)]
    assert codes[1] == 1 and state.assignments[ord(rare)] == codes[0] not in codes[1:]


@pytest.mark.parametrize("lang", ["ar", "hi"])
def test_a_seeded_handout_is_drawn_and_read_as_an_unseeded_one(lang: str):
    h, = read(Target(DATA / "ldn", (lang,))).handouts
    theme = load_theme()
    laid = pipeline.build(h, theme, edition="card").laid
    pdfs = []
    for seeded in (True, False):
        buf = io.BytesIO()
        c, tagger = draw(laid, buf, seeded=seeded)
        finish(c, tagger, metadata(laid), h.facts.reviewed_on)
        pdfs.append(buf.getvalue())
    assert pdfs[0] != pdfs[1]  # the seed did change the codes
    assert read_aloud(pdfs[0]) == read_aloud(pdfs[1])
    pages = [pdfium.PdfDocument(p) for p in pdfs]
    assert len(pages[0]) == len(pages[1])
    for a, b in zip(pages[0], pages[1]):
        assert a.render(scale=1).to_pil().tobytes() == b.render(scale=1).to_pil().tobytes()


def test_the_shipped_seeds_are_glyphs_of_their_fonts_that_fit_the_first_subset():
    raw = json.loads(seeds.SEEDS_FILE.read_text(encoding="utf-8"))
    assert {"ar", "fa", "hi"} <= raw.keys()
    for lang, per_font in raw.items():
        assert (DATA / "ldn" / f"{lang}.yaml").is_file() or lang == "en", lang
        for name, codes in per_font.items():
            assert (FONT_DIR / f"{name}.ttf").is_file(), name
            face = pdfmetrics.getFont(fonts.face(f"{name}.ttf", name.startswith("NotoSansDevanagari")).name).face
            values = [int(c, 16) for c in codes.split()]
            assert 0 < len(values) == len(set(values)) <= rl.SUBSET0_FREE, (lang, name)
            for v in values:
                assert v >= 128, (lang, name, hex(v))  # ASCII has its own codes already
                assert v in face.charToGlyph or 0xE000 <= v < 0xE000 + face.numGlyphs, (lang, name, hex(v))
