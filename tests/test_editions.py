"""Editions from one content source: the one-page card and large print, in every language."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from conftest import DATA, read_pages, run
from handout import pipeline
from handout.boxes import IconItem, TextItem
from handout.content import Target, languages_in, read
from handout.theme import MM, load_theme

FOLDER = DATA / "ldn"
LANGS = languages_in(FOLDER)


@lru_cache(maxsize=None)
def built(lang: str, edition: str):
    h = read(Target(FOLDER, (lang,))).handouts[0]
    return pipeline.build(h, load_theme(), edition=edition)


@pytest.mark.parametrize("lang", LANGS)
def test_card_is_one_page_with_the_essentials(lang):
    b = built(lang, "card")
    assert b.pages == 1
    groups = {it.group.split("/")[0] for p in b.laid.pages for it in p.items}
    assert {"key_points", "dosing", "interactions", "sources"} <= groups  # sources: the QR panel
    assert not any(g.startswith("side_effects") for g in groups)
    # no citation numbers on the card: it has no numbered list for them to point to
    assert not any(r.rise for p in b.laid.pages for it in p.items if isinstance(it, TextItem) for r in it.line.runs)


@pytest.mark.parametrize("lang", LANGS)
def test_large_print_is_laid_out_again_in_large_type(lang):
    b = built(lang, "large-print")
    theme = load_theme("large-print")
    assert b.pages <= 4
    assert b.laid.settings.body >= 16
    texts = [it for p in b.laid.pages for it in p.items if isinstance(it, TextItem) and it.group.startswith("about")]
    assert min(r.size for it in texts for r in it.line.runs) >= 16
    boxes = [it for p in b.laid.pages for it in p.items if isinstance(it, IconItem) and it.kind == "checkbox"]
    assert boxes and all(abs(bx.size - theme.checkbox_mm * MM) < 0.01 for bx in boxes)
    assert theme.checkbox_mm > load_theme().checkbox_mm
    # one column: within each checklist every item starts at the same x
    for group in ("side_effects/common/", "side_effects/serious/"):
        xs = {round(bx.x) for bx in boxes if bx.group.startswith(group)}
        assert len(xs) == 1, (group, xs)
    text = " ".join(read_pages(b.pdf))
    assert "4.5" in text or "4,5" in text


def test_build_writes_every_edition_with_its_name(ldn: Path, tmp_path: Path, capsys):

    out = tmp_path / "out"
    code, stdout, err = run(["build", str(ldn), "--out", str(out)], capsys)
    assert code == 0, err
    names = sorted(p.name for p in (out / "ldn").glob("*.pdf"))
    assert names == ["ldn.en.card.pdf", "ldn.en.large-print.pdf", "ldn.en.pdf"]
    code, _, err = run(["build", str(ldn), "--out", str(out), "--edition", "poster"], capsys)
    assert code == 1 and "has no edition 'poster' (expected one of: standard, card, large-print)" in err
