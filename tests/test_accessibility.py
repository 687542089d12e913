"""What assistive technology reads: the structure tree, read independently (tests/tree_text.py).

A validator checks form; these check meaning: every sentence of a language's content file
is in its tree's text character for character, no joined-form or private-use character
is read, no invisible control is drawn.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
import yaml

from conftest import DATA
from handout import pipeline
from handout.boxes import TextItem
from handout.content import Target, languages_in, read
from handout.localize import Localizer
from handout.rtl import invisible
from handout.theme import load_theme
from tree_text import Reader, tree_text

FOLDER = DATA / "ldn"
LANGS = languages_in(FOLDER)
THEME = load_theme()
_NOT_PRINTED = {"language", "translation", "id"}  # file metadata, not words on the page


@lru_cache(maxsize=None)
def built(lang: str, edition: str = "standard"):
    h = read(Target(FOLDER, (lang,))).handouts[0]
    return h, pipeline.build(h, THEME, edition=edition)


def _strings(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in _NOT_PRINTED:
                yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
    elif isinstance(node, str):
        yield node


def sentences(lang: str) -> list[str]:
    """Every sentence of the content file, as written (markup removed; a citation ends a piece)."""
    doc = yaml.safe_load((FOLDER / f"{lang}.yaml").read_text(encoding="utf-8"))
    out = []
    for s in _strings(doc):
        for piece in re.split(r"\s*\[@[^\]]+\]\s*", s.replace("**", "")):
            out += [x for x in re.split(r"(?<=[.!?؟。।])\s+", piece.strip()) if x]
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_the_tree_reads_every_sentence_of_the_content_character_for_character(lang):
    _, b = built(lang)
    text = tree_text(b.pdf)
    wanted = sentences(lang)
    assert len(wanted) >= 50
    missing = [s for s in wanted if s not in text]
    assert not missing, missing
    # what is read is letters, never joined presentation forms or private-use glyph codes
    bad = sorted({f"U+{ord(c):04X}" for c in text if "\ufb50" <= c <= "\ufeff" or "\ue000" <= c <= "\uf8ff"})
    assert not bad, bad


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_latin_and_numbers_inside_right_to_left_lines_read_in_order(lang):
    _, b = built(lang)
    text = tree_text(b.pdf).replace("\xa0", " ")
    dose = Localizer(lang).dose(1.5, "mg").replace("\xa0", " ")  # "1.5 mg", "1.5 ملغ"
    for s in ("(LDN)", "ME/CFS", "CYP450", "30%", dose):
        assert s in text, s


@pytest.mark.parametrize("lang", ["fa", "ar", "hi"])
def test_invisible_controls_are_never_drawn_but_kept_in_the_text(lang):
    h, b = built(lang)
    items = [it for p in b.laid.pages for it in p.items if isinstance(it, TextItem)]
    for it in items:
        for r in it.line.runs:
            if not r.shaped:  # HarfBuzz hides joiners in a shaped run itself
                assert not [c for c in r.text if invisible(c)], (it.line.logical, r.text)
    if lang == "fa":  # Persian writes zero-width non-joiners inside words ("می‌کند")
        assert sum(it.line.logical.count("\u200c") for it in items) >= 20
        assert "\u200c" in tree_text(b.pdf)


def test_a_paragraph_broken_over_lines_reads_as_written():
    _, b = built("en")
    r = Reader(b.pdf)
    paras = [n.all_text() for n in r.tree().walk() if n.tag == "/P"]
    para = next(p for p in paras if p.startswith("Naltrexone has been used"))
    assert "That dose is 50 to 100 mg a day." in para  # no words run together at a line break
    assert "  " not in para


def test_haitian_creole_dates_have_month_names():
    _, b = built("ht")
    text = tree_text(b.pdf)
    assert "1 novanm 2026" in text and "M11" not in text
