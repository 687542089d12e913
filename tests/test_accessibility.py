"""What assistive technology reads: the structure tree, read independently (tests/tree_text.py).

A validator checks form; these check meaning: every sentence of a language's content file
is in its tree's text character for character, no joined-form or private-use character
is read, no invisible control is drawn.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import DATA, pdf_text
from handout import pipeline, regions
from handout.boxes import TextItem
from handout.content import Target, languages_in, read
from handout.localize import Localizer
from handout.model import outline_ids
from handout.rtl import invisible
from handout.theme import load_theme
from tree_text import Reader, tree_text

FOLDER = DATA / "ldn"
LANGS = languages_in(FOLDER)
THEME = load_theme()
# File metadata, and the wallet card's words (printed only on the wallet edition), are not on the page.
_NOT_PRINTED = {"language", "translation", "id", "wallet_card"}


@cache
def built(lang: str, edition: str = "standard"):
    h = read(Target(FOLDER, (lang,))).handouts[0]
    return h, pipeline.build(h, THEME, edition=edition)


def _region(h):
    """The region a build without one fills the numbers in from."""
    from handout.regions import DEFAULT_REGION, load_region
    return h.region or load_region(DEFAULT_REGION)


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
    from handout.regions import fill, load_region

    doc = yaml.safe_load((FOLDER / f"{lang}.yaml").read_text(encoding="utf-8"))
    # the sections the standard edition prints (the others are in large print)
    printed = outline_ids(read(Target(FOLDER, (lang,))).handouts[0].facts.outline)
    doc["sections"] = [sec for sec in doc["sections"] if sec["id"] in printed]
    out = []
    for s in (fill(x, load_region("US")) for x in _strings(doc)):  # {emergency} … as the US build prints them
        for piece in re.split(r"\s*\[@[^\]]+\]\s*", s.replace("**", "")):
            out += [x for x in re.split(r"(?<=[.!?؟。।])\s+", piece.strip()) if x]
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_the_tree_reads_every_sentence_of_the_content_character_for_character(lang):
    _, b = built(lang)
    text = tree_text(b.pdf)
    wanted = sentences(lang)
    assert len(wanted) >= 40  # the standard edition's sentences (Chinese splits on 。 followed by space only)
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
    for s in ("(LDN)", "ME/CFS", "29%", "18%", dose):
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
    para = next(p for p in paras if p.startswith("In a small study"))
    # no words run together at a line break: the paragraph reads exactly as written
    assert "In a small study, pain fell 29% on LDN and 18% on a fake pill, but tiredness did not improve." in para
    assert "  " not in para


def test_haitian_creole_dates_have_month_names():
    _, b = built("ht")
    text = tree_text(b.pdf)
    assert "1 novanm 2027" in text and "M11" not in text  # the next review date


def _extent(it, font_size) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a drawn item, points from the top-left corner."""
    from handout.boxes import IconItem, QrItem, RectItem, RuleItem

    if isinstance(it, RuleItem):
        return min(it.x1, it.x2), min(it.y1, it.y2), max(it.x1, it.x2), max(it.y1, it.y2)
    if isinstance(it, RectItem):
        return it.x, it.y, it.x + it.w, it.y + it.h
    if isinstance(it, (IconItem, QrItem)):
        return it.x, it.y, it.x + it.size, it.y + it.size
    size = max(r.size for r in it.line.runs)  # ascender above, descender (Noto: 0.29 em) below the baseline
    return it.x, it.y - size, it.x + it.line.width, it.y + 0.3 * size


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("edition", ["standard", "card", "large-print"])
def test_print_nothing_near_an_edge_nothing_small_every_font_embedded(edition, paper):
    import io

    import pikepdf

    from handout.errors import HandoutError
    from handout.theme import MM

    edge = THEME.print_margin_mm * MM
    checked = 0
    for lang in LANGS:
        h = read(Target(FOLDER, (lang,))).handouts[0]
        try:
            b = pipeline.build(h, THEME, paper=paper, edition=edition)
        except HandoutError:
            continue  # A4 fitting of a few languages is another change's
        checked += 1
        w, ht = b.laid.page_size
        for p in b.laid.pages:
            for it in p.items:
                left, top, right, bottom = _extent(it, None)
                assert left >= edge - 0.01 and top >= edge - 0.01, (lang, it)
                assert right <= w - edge + 0.01 and bottom <= ht - edge + 0.01, (lang, it)
                if isinstance(it, TextItem):
                    for r in it.line.runs:  # only citation numbers (raised) are under 9 pt
                        assert r.size >= 9 or r.rise > 0, (lang, it.line.logical, r.size)
        with pikepdf.open(io.BytesIO(b.pdf)) as doc:
            for page in doc.pages:
                for name, font in page.Resources.Font.items():
                    desc = font.get("/FontDescriptor")
                    assert desc is not None and "/FontFile2" in desc, (lang, name, font.get("/BaseFont"))
    assert checked >= 9


def _tree(lang: str, edition: str = "standard"):
    return Reader(built(lang, edition)[1].pdf).tree()


def test_list_labels_say_checkbox_bullet_or_tick():
    h, _ = built("en")
    labels = [n for n in _tree("en").walk() if n.tag == "/Lbl"]
    said = [n.actual or n.text for n in labels]
    assert all(said), "an empty list label"
    se = h.facts.side_effects
    assert said.count("\u2610") >= len(se.common) + len(se.serious)  # a checkbox per side effect to tick
    assert said.count("\u2713") == len(h.text.key_points) and "\u2022" in said


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_draft_band_is_read_once_first_and_the_footer_once_last(lang):
    from handout.localize import load_labels

    h, b = built(lang)
    assert b.pages == 2
    tree = _tree(lang)
    top = [n.all_text() for n in tree.kids]
    r = Reader(b.pdf)
    if lang != "en":
        band, english = load_labels(lang)("draft_band"), load_labels("en")("draft_band")
        assert top[0] == band and top[1] == english  # read first, once
        assert tree.kids[1].lang == "en"
        assert sum(t.count(english) for t in top) == 1
        assert english in r.artifacts[1]  # drawn again on page 2, not read again
    assert top[-1] == h.text.disclaimer and sum(t.count(h.text.disclaimer) for t in top) == 1
    assert "2027" in top[-2] and h.facts.version in top[-2]  # the review dates and version, read once
    # Page 1's footer is drawn, not read (its text as a viewer that reads the glyphs gets it:
    # right-to-left artifacts carry no /ActualText either, see structure.Tagger.say).
    assert h.text.disclaimer in pdf_text(b.pdf)[0]


def test_a_may_interact_note_is_read_after_its_list():
    text = tree_text(built("en")[1].pdf)
    assert text.index("disulfiram (Antabuse)") < text.index("Thioridazine can make you very sleepy")


def test_a_table_header_repeated_on_a_new_page_is_not_read_again():
    from handout.localize import load_labels

    h, b = built("en", "large-print")
    when = load_labels("en")("col_when")
    drawn = [it for p in b.laid.pages for it in p.items if isinstance(it, TextItem) and it.line.logical == when]
    headers = [n for n in _tree("en", "large-print").walk() if n.tag == "/TH"]
    assert [n.all_text() for n in headers][0] == when  # never "When When"
    assert all(n.all_text() == n.all_text().strip() or " " not in n.all_text() for n in headers)
    if len({id(p) for p in b.laid.pages for it in p.items if it in drawn}) > 1:
        assert [it.role for it in drawn][1:] == ["Artifact"] * (len(drawn) - 1)


@pytest.mark.parametrize("lang", ["fa", "zh-Hans"])
def test_figures_speak_the_documents_language_and_have_a_box(lang):
    from handout.localize import load_labels

    figures = [n for n in _tree(lang).walk() if n.tag == "/Figure"]
    assert figures
    alts = {n.alt for n in figures}
    assert load_labels(lang)("alt_warning") in alts
    assert any(a.startswith(load_labels(lang)("alt_qr", url="").split("{")[0][:4]) for a in alts)
    assert "Warning" not in alts
    for n in figures:
        x1, y1, x2, y2 = n.bbox
        assert x2 - x1 > 5 and y2 - y1 > 5
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(built(lang)[1].pdf)) as doc:
        keywords = str(doc.docinfo.Keywords)
    assert built(lang)[0].text.title in keywords


def test_english_references_in_a_persian_handout_are_marked_english():
    bodies = [n for n in _tree("fa").walk() if n.tag == "/LBody" and "doi:" in n.all_text()]
    assert bodies and all(n.lang == "en" for n in bodies)


def _parent_tree(node) -> dict[int, object]:
    """A number tree's keys and values (flat /Nums or /Kids)."""
    out: dict[int, object] = {}
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        out.update(_parent_tree(kid))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_printed_url_is_a_link_in_the_page_and_in_the_tree(lang):
    """PDF/UA-1 7.18.5: a link annotation over each printed URL (a DOI opens https://doi.org/…),
    reachable from the tree: its StructParent maps to a Link element holding the URL's text and an
    OBJR to it, inside the paragraph or list body that shows the URL (the QR code: a Link around the figure)."""
    import pikepdf

    from handout.source_blocks import doi_uri

    h, b = built(lang)
    f = h.facts
    # (printed text, the URI it opens): the QR code's short URL and every source's DOI or URL
    wanted = [(f.qr_url.removeprefix("https://"), f.qr_url)]
    wanted += [(f"doi:{s.doi}", doi_uri(s.doi)) if s.doi else (s.url, s.url) for s in f.sources if s.doi or s.url]
    r = Reader(b.pdf)
    doc = r.pdf
    tree = _parent_tree(doc.Root.StructTreeRoot.ParentTree)
    found: dict[str, list[str]] = {}
    for page in doc.pages:
        annots = page.obj.get("/Annots", [])
        if len(annots):
            assert page.obj.Tabs == "/S"
        x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
        for a in annots:
            assert a.Subtype == "/Link" and a.A.S == "/URI"
            assert int(a.F) & 4 and not int(a.F) & (1 | 2 | 32)  # printed, not hidden (PDF/A)
            assert str(a.get("/Contents", "")).strip()
            ax0, ay0, ax1, ay1 = (float(v) for v in a.Rect)
            assert x0 <= ax0 < ax1 <= x1 and y0 <= ay0 < ay1 <= y1, a.Rect
            link = tree[int(a.StructParent)]
            assert link.S == "/Link"
            assert any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR" and k.Obj.objgen == a.objgen
                       for k in link.K)
            figures = [k for k in link.K if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Figure"]
            if figures:  # the QR code: a Link holding the figure (alt text naming the URL) and its annotation
                assert str(a.A.URI) == f.qr_url and all(f.qr_url in str(k.Alt) for k in figures)
                continue
            holder = r.node(link.P)
            assert link.P.S in ("/P", "/LBody"), link.P.S
            found.setdefault(str(a.A.URI), []).append(r.node(link).all_text())
            assert r.node(link).all_text() in holder.all_text()
    for printed, uri in wanted:
        assert uri in found, (lang, uri)
        assert printed in found[uri], (lang, printed, found[uri])
    assert set(found) == {uri for _, uri in wanted}


@pytest.mark.parametrize("lang", [x for x in LANGS if x not in ("ar", "fa")])
def test_latin_drug_names_on_another_languages_page_are_spans_in_english(lang):
    """A Latin INN ("трамадол (tramadol)", or a name with no local form) and the facts' brand names
    are read in the facts' language: a /Span with /Lang en inside the list body, nothing else in it."""
    from handout.glossary import printed_parts

    h, b = built(lang)
    other = {text for i in h.facts.interactions for d in i.drugs
             for text, part_lang in printed_parts(h, d) if part_lang}
    # (test_a_regions_names_are_read_in_their_language: each line's name, apart from its digits)
    region = {n.printed for n in _region(h).numbers.values()} | {
        n.printed.replace(n.number, "").strip() for n in _region(h).numbers.values() if n.name}
    spans = [n for n in _tree(lang).walk() if n.tag == "/Span" and n.all_text().strip() not in region]
    if lang == h.facts.source_language:
        assert not other and not spans
        return
    assert other  # every language prints some Latin names (the brands at least)
    assert all(n.lang == h.facts.source_language for n in spans)
    read = {n.all_text().strip() for n in spans}  # a name a line broke after keeps the space it broke at
    assert read == other, (other - read, read - other)
    bodies = [n for n in _tree(lang).walk() if n.tag == "/LBody" and any(k.tag == "/Span" for k in n.kids)]
    assert bodies and all(n.lang == "" for n in bodies)  # the list body itself is in the page's language


@pytest.mark.parametrize("lang", LANGS)
def test_a_regions_names_are_read_in_their_language(lang):
    """"1-800-222-1222 (Poison Help)" and "988 Suicide & Crisis Lifeline" print in English on every
    US handout: on a page in another language each is a /Span /Lang en, or a Vietnamese voice reads
    them (an accessibility review); on an Arabic or Persian page too (a second review: each right-to-
    left line was said as one text, in the page's voice)."""
    h, b = built(lang)
    numbers = [n for n in _region(h).numbers.values() if n.lang]
    assert {n.lang for n in numbers} == {"en"}  # the US region: the poison and crisis lines
    spans = [(n.actual or n.all_text(), n.lang) for n in _tree(lang).walk() if n.tag == "/Span"]
    for n in numbers:
        # the name alone is in English; its digits are said in the page's voice (a review: an English voice read
        # "1-800-222-1222" on a Spanish page as "one dash eight hundred …")
        name = n.name.replace(n.number, "").strip(" ()") if n.name else ""
        english = [text for text, said in spans if said == "en" and name in text]
        assert (english == []) if lang == "en" else (len(english) >= 1 and all(n.number not in t for t in english)), spans
    assert all(n.printed in tree_text(b.pdf) for n in numbers)  # and read, in order, whatever the voice


@pytest.mark.parametrize("lang, edition", [("ar", "standard"), ("fa", "standard"), ("ar", "wallet")])
def test_words_in_another_language_on_a_right_to_left_page_are_read_in_their_language(lang, edition):
    """An accessibility review: on the Arabic and Persian pages every line was said as one text in the
    page's voice, so "tramadol" and "Lomotil" were read by an Arabic voice, where every other
    translation gives them an English one.  Each is a /Span /Lang en now, and the item still reads
    as typed, in order, with nothing drawn differently (``Line.pieces``)."""
    tree = _tree(lang, edition)
    names = {n.all_text().strip() for n in tree.walk() if n.tag == "/Span" and n.lang == "en"}
    assert {"tramadol", "oxycodone", "buprenorphine", "Suboxone", "diphenoxylate", "Lomotil"} <= names, names
    item = next(n for n in tree.walk() if n.tag == "/LBody" and "tramadol" in n.all_text())
    said = item.all_text().replace("\xa0", " ")
    assert "ترامادول (tramadol)" in said and said.index("tramadol") < said.index("Lomotil"), said
    assert not any(0xFB50 <= ord(ch) <= 0xFEFF for ch in said)  # letters, not joined forms


def test_a_brand_after_a_translators_name_is_read_in_its_language():
    """A code review: where the translator's word holds the English name ("إيبوبروفين (ibuprofen)"), the
    drawn stretch "(ibuprofen) (" beside "Advil" was read in two places, before and after it, and the
    whole line was said in the Arabic voice.  A stretch is cut where its reading places jump."""
    h = next(x for x in read(Target(DATA / "methotrexate", ("ar",))).handouts if x.lang == "ar")
    tree = Reader(pipeline.build(h, THEME).pdf).tree()
    names = {n.all_text().strip() for n in tree.walk() if n.tag == "/Span" and n.lang == "en"}
    assert {"Advil", "Bactrim"} <= names, names
    said = next(n for n in tree.walk() if n.tag == "/LBody" and "Advil" in n.all_text()).all_text()
    assert "(ibuprofen) (Advil)" in said.replace("\xa0", " "), said
    # ... and the English the translator's word holds is read in English too (a review: "(trimethoprim)" in the
    # Arabic voice, where the glossary's same words were English)
    assert {"trimethoprim", "sulfamethoxazole and trimethoprim", "ibuprofen", "omeprazole"} <= names, names


def test_a_date_range_is_printed_with_its_dash_and_said_with_words():
    """What is drawn stays the locale's range ("Dec 1 – 14"); only what is said changes (a code
    review: the tests read the spoken form only)."""
    from datetime import date

    from handout.model import Personal

    h = next(x for x in read(Target(DATA / "ldn", ("en",))).handouts if x.lang == "en")
    start = date(2026, 12, 1)
    laid = pipeline.build(h, load_theme(), personal=Personal(patient="Ana", start=start)).laid
    loc = Localizer("en")
    shown, said = loc.date_range(start, date(2026, 12, 14)), loc.date_range_said(start, date(2026, 12, 14))
    cells = [it for p in laid.pages for it in p.items if isinstance(it, TextItem) and it.group.startswith("dosing/table/1/")]
    dated = [it for it in cells if it.said is not None]
    assert [it.line.logical.strip() for it in dated] == [shown] and [it.said for it in dated] == [", " + said], cells


def test_a_date_range_broken_over_two_lines_is_said_once_with_its_words():
    """A code review: a range that wraps in the narrow When column ('29 дек. —' over '11 янв.') was
    still read '29 дек. — 11 янв.' run into 'Недели 1–2'."""
    from datetime import date

    from handout.model import Personal
    from tree_text import read_aloud

    h = next(x for x in read(Target(DATA / "ldn", ("ru",))).handouts if x.lang == "ru")
    pdf = pipeline.build(h, load_theme(), personal=Personal(patient="Ana", start=date(2026, 12, 29))).pdf
    heard = read_aloud(pdf).replace("\xa0", " ")
    # (the weeks in words too: 'Недели 1–2' was heard 'seven ten', a review)
    assert "Недели с 1 по 2 , с 29 декабря по 11 января" in heard, heard[:800]  # (after a pause)
    assert "—" not in heard.split("Недели с 1 по 2")[1][:40] and "Недели 1–2" not in heard, heard[:800]


@pytest.mark.parametrize("lang, week_one", [("en", "Week 1 from December 7 to December 13"),
                                            ("fa", "هفته 1 از 7 دسامبر تا 13 دسامبر")])
def test_two_paragraphs_in_one_element_are_read_with_a_space_between(lang, week_one):
    """A calendar row's header is its week and, below, its dates: read "Week 1 from December 7 to December 13",
    never "Week 1Dec 7" (in Persian "هفته 17 تا 13", week seventeen), nor "Week 1 Dec 7 – 13", whose
    dash a screen reader does not say (a listening review).  The QR caption and its URL too."""
    from datetime import date

    from handout.model import CALENDAR, Personal
    from tree_text import read_aloud

    h = next(x for x in read(Target(DATA / "ldn", (lang,))).handouts if x.lang == lang)
    pdf = pipeline.build(h, load_theme(), edition=CALENDAR, personal=Personal(patient="Ana", start=date(2026, 12, 7))).pdf
    heard = read_aloud(pdf).replace("\xa0", " ")  # a date is kept whole by a no-break space: heard as a space
    assert any(line.startswith(week_one) for line in heard.splitlines()), heard[:1500]
    assert "behind this handout handout.example.org" in tree_text(built("en")[1].pdf)


def test_a_calendar_says_each_day_with_its_weekday_and_month_in_full():
    """A listening review of the Spanish calendar: its day headers and boxes were read "mar 9" and "mar 9
    mar", and a voice reads "mar" (sea) for martes and marzo alike.  (Printed, the short forms stay.)"""
    from datetime import date

    from handout.model import CALENDAR, Personal
    from tree_text import read_aloud

    h = next(x for x in read(Target(DATA / "methotrexate", ("es",))).handouts if x.lang == "es")
    pdf = pipeline.build(h, load_theme(), edition=CALENDAR, personal=Personal(patient="Ana", start=date(2027, 3, 8))).pdf
    heard = read_aloud(pdf).replace("\xa0", " ")
    lines = heard.splitlines()
    assert "martes 9 de marzo" in lines and "Semana 1 del 8 de marzo al 14 de marzo" in lines, heard[:1500]
    assert any(line.startswith("☐ martes 9 de marzo, Ácido fólico") for line in lines), heard[:1500]
    assert not any(line.startswith("mar 9") or " 9 mar," in line for line in lines), heard[:1500]


@pytest.mark.parametrize("lang, said, many", [("en", "a day. (source 1) LDN", "(sources 3 and 4)"),
                                              ("ar", "يوميًا. (المصدر 1) جرعة", "(المصادر 3 و4)"),
                                              ("zh-Hans", "（来源 1）", "（来源 3和4）")])
def test_a_citation_is_said_as_a_source_never_as_a_number_in_the_sentence(lang, said, many):
    """An accessibility review: the superscript citation was read as part of the sentence, 'at
    50 mg a day. 1 LDN is about ...', and in Chinese '2 两项' ('2 two studies').  A screen reader
    now says '(source 1)'; the page still shows the small number."""
    _, b = built(lang)
    text = tree_text(b.pdf).replace("\xa0", " ")  # a citation is kept on its word's line: heard as a space
    assert said in text and many in text, text[:600]
    assert not re.search(r"[.。] ?1 ?(LDN|جرعة)", text)
    drawn = " ".join("".join(r.text for r in it.line.runs) for p in b.laid.pages for it in p.items
                     if isinstance(it, TextItem))  # the glyphs as drawn: the number, not the words
    assert "(source" not in drawn and "المصدر" not in drawn and "来源 1" not in drawn
    assert any(r.text == "1" and r.rise for p in b.laid.pages for it in p.items if isinstance(it, TextItem)
               for r in it.line.runs)  # the small raised number is still on the page


@pytest.mark.parametrize("lang, monday", [("en", "Mon"), ("ar", "الاثنين")])
def test_a_calendar_box_says_its_day_for_a_screen_reader(lang, monday):
    """An accessibility review: each week of the calendar repeats its header row, and a screen
    reader may announce the first week's header for a later week's box.  Each tick box says its
    day: a weekly methotrexate box is heard as a Monday, in every week."""
    from datetime import date

    from handout.model import Personal
    from tree_text import Reader

    h = read(Target(DATA / "methotrexate", (lang,))).handouts[0]
    b = pipeline.build(h, THEME, edition="calendar", personal=Personal(patient="Ana", start=date(2026, 12, 7)))
    rows = [n for n in Reader(b.pdf).tree().walk() if n.tag == "/TR"]
    weekly = []
    for row in rows:
        cells = [k for k in row.kids if k.tag in ("/TH", "/TD")]
        boxes = [k.actual for k in cells if k.tag == "/TD" and k.actual]
        if cells and boxes and ("6" in cells[0].all_text()):  # methotrexate's row: 6 tablets (15 mg)
            weekly += boxes
    assert len(weekly) >= 4 and all(a.startswith("\u2610 " + monday) for a in weekly), weekly
    every = [k.actual for n in rows for k in n.kids if k.tag == "/TD" and k.actual]
    assert all(len(a) > 2 for a in every)  # no bare box
    # ... and its dose: the day alone read the same for the weekly and the daily medicine (a review)
    assert all(re.search(r"\(15\W", a) and "2.5" in a for a in weekly), weekly  # "(15 mg)"
    daily = [a for a in every if a not in weekly]
    assert len(daily) >= 20 and not any(re.search(r"\(15\W", a) for a in daily), daily


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_calendar_box_names_its_own_week_day_and_medicine_as_its_headers(lang):
    """An accessibility review: the calendar repeats its row of day names every week, all of them column headers,
    so a reader moving through the table took every week's Tuesday as a box's header ("Tuesday December 1" for the
    fourth week's).  Each header has an /ID, each cell names its own three (/Headers: its week, its day, its row's
    medicine), and the structure tree's /IDTree finds each of them."""
    from datetime import date

    import pikepdf

    from handout.model import Personal

    h = read(Target(DATA / "methotrexate", (lang,))).handouts[0]
    b = pipeline.build(h, THEME, edition="calendar", personal=Personal(patient="Ana", start=date(2026, 12, 7)))
    pdf = pikepdf.open(io.BytesIO(b.pdf))
    root = pdf.Root.StructTreeRoot
    names = root.IDTree.Names
    ids = {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}
    assert [bytes(str(k), "utf-8") for k in ids] == sorted(bytes(str(k), "utf-8") for k in ids)  # (a name tree's order)

    reader = Reader(b.pdf)
    said = {k: reader.node(v).all_text() for k, v in ids.items()}
    boxes = 0
    for n in reader.tree().walk():
        if n.tag != "/TD" or not n.actual:
            continue
        heads = [str(x) for x in n.attrs["/Headers"]]
        assert len(heads) == 3 and all(x in ids for x in heads), heads
        week, day, medicine = (said[x] for x in heads)
        # the box's own date is its day header's number, and its dose is its row's
        day_number = re.search(r"\d+", day.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))).group(0)
        assert day_number in n.actual.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")), (day, n.actual)
        assert ("(15" in n.actual) == ("(15" in medicine) and week
        boxes += 1
    assert boxes >= 28


def test_each_calendar_box_is_told_apart_by_a_screen_reader():
    """A review: amoxicillin's morning and bedtime boxes both read '☐ Tue Dec 1'.  No two boxes of a
    calendar say the same thing."""
    from datetime import date

    from handout.model import Personal
    from tree_text import Reader

    h = regions.apply(read(Target(DATA / "amoxicillin", ("en",))).handouts[0], None)
    b = pipeline.build(h, THEME, edition="calendar", personal=Personal(patient="Sam", start=date(2026, 12, 1),
                                                                        weight_kg=18.0))
    said = [k.actual for n in Reader(b.pdf).tree().walk() if n.tag == "/TD" for k in [n] if k.actual]
    assert len(said) == 20 and len(set(said)) == 20, said
    assert sum("in the morning" in a for a in said) == 10 and sum("at bedtime" in a for a in said) == 10


_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")  # Arabic presentation forms (joined letter shapes)
_MARKS = re.compile("[\u064b-\u0652]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u067e\u0686\u0698\u06a9\u06af\u06cc]+")


@pytest.mark.parametrize("folder, lang, edition", [("ldn", "ar", "standard"), ("ldn", "fa", "standard"),
                                                   ("ldn", "ar", "card"), ("methotrexate", "ar", "standard")])
def test_a_viewer_reading_the_glyphs_gets_right_to_left_doses_and_words_in_order(folder, lang, edition):
    """pdfium (Chrome's and Android's viewers: copy, search, their screen reader) took each
    right-to-left line's logical /ActualText for visual order and reversed it: "4.5 mg" read
    "5.4", the Poison Help number "2221-222-008-1", every word backwards.  Each such line is
    now said by its structure element (structure.Tagger.say), so pdfium's own reordering of the
    glyphs gives each Arabic word, each dose and each number written with . , : or - as written;
    the tagged reading is unchanged (the other tests of this file); numbers split by spaces have a
    test of their own (below).  Not checked, because pdfium still gets it wrong: the order of words
    in other scripts inside a right-to-left line ("(Help Poison (")."""
    h = read(Target(DATA / folder, (lang,))).handouts[0]
    b = pipeline.build(h, THEME, edition=edition)
    seen = " ".join(" ".join(pdf_text(b.pdf)).replace("\u200c", "").split())
    drawn = " ".join(it.line.logical for p in b.laid.pages for it in p.items if isinstance(it, TextItem))
    said = " ".join(drawn.replace("\u200c", "").split())
    # Words as drawn: a citation is drawn as its number ("(source 1)" is what the tree says), and a
    # vowel mark next to a lam-alef may come before or after the alef (both spellings are written).
    drawn_words = _MARKS.sub("", re.sub(r"\([^()\d]*\d[^()]*\)", " ", said))
    assert not _FORMS.search(seen), "a joined letter form, not its letter"
    # Every word in Arabic letters is read as written (a reversed one is not a word of the page).
    words = set(_ARABIC_WORD.findall(drawn_words))
    assert len(words) > 50
    missing = sorted(w for w in words if w not in set(_ARABIC_WORD.findall(_MARKS.sub("", seen))))
    assert not missing, missing[:10]
    # Every dose, and the phone numbers, in their order of digits.
    loc = Localizer(lang, (".", ","))
    for step in h.track().steps:
        dose = loc.dose(step.amount, h.track().product.unit).replace("\u00a0", " ")
        assert dose in seen, dose
    numbers = re.findall(r"\d+(?:[.,:-]\d+)+", said)
    assert numbers and all(n in seen for n in numbers), [n for n in numbers if n not in seen]


@pytest.mark.parametrize("folder, lang", [("ldn", "ar"), ("ldn", "fa"), ("methotrexate", "ar")])
def test_text_taken_from_the_page_has_letters_not_joined_forms(tmp_path: Path, folder, lang):
    """A review: poppler (pdftotext, and the search and copy of viewers built on it) took the glyphs of an
    Arabic or Persian line for the joined letter forms they were drawn from (U+FE70-U+FEFF), backwards:
    "الجرعة" (the dose) was found nowhere in the methotrexate page's text.  The fonts' ToUnicode maps give
    each joined form its letter, and a lam-alef its two letters in drawing order (archive._letters): poppler
    and pdfium both put a right-to-left line in reading order from them."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is not installed (.ci/run installs Debian's poppler-utils)")
        pytest.skip("pdftotext not installed (Debian's poppler-utils)")
    h = read(Target(DATA / folder, (lang,))).handouts[0]
    b = pipeline.build(h, THEME, edition="standard")
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(b.pdf)
    seen = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    seen = _MARKS.sub("", seen.replace("\u200c", ""))
    assert not _FORMS.search(seen), _FORMS.findall(seen)[:10]
    drawn = " ".join(it.line.logical for p in b.laid.pages for it in p.items if isinstance(it, TextItem))
    drawn = re.sub(r"\([^()\d]*\d[^()]*\)", " ", drawn)  # (a citation is drawn as its number)
    words = set(_ARABIC_WORD.findall(_MARKS.sub("", drawn.replace("\u200c", ""))))
    found = set(_ARABIC_WORD.findall(seen))
    assert len(words) > 50 and (folder != "methotrexate" or {"الأسبوع", "لعلاج"} <= words)  # (two lam-alefs)
    missing = sorted(w for w in words if w not in found)
    assert not missing, missing[:10]


@pytest.mark.parametrize("entry, mapped", [
    ("<05> <FE91>", "<05> <0628>"),  # beh's initial form: beh
    ("<04> <FEFB>", "<04> <06270644>"),  # lam-alef: alef, lam (drawing order)
    ("<03> <FB56>", "<03> <067E>"),  # Persian peh's isolated form
    ("<02> <FB01>", "<02> <FB01>"),  # Latin "ﬁ" is left as it is: "if" backwards (a code review)
    ("<07> <FE70>", "<07> <FE70>"),  # an isolated vowel mark's form: a space and the mark
    ("<08> <0041>", "<08> <0041>")])
def test_a_joined_letter_form_maps_to_its_letters_in_the_fonts_text_map(entry, mapped):
    from handout.archive import _letters

    assert _letters(entry) == mapped


@pytest.mark.parametrize("lang", ["ar", "fa"])
@pytest.mark.parametrize("region", ["DE", "ES", "GB", "MX"])
def test_a_viewer_reading_the_glyphs_gets_a_spaced_phone_number_in_its_order(lang, region):
    """A code review: on an Arabic or Persian page pdfium (Chrome's viewer: copy, its reader) read a
    space between two digit groups as the page's direction, and Germany's crisis line '0800 111 0 111'
    was copied as '111 0 111 0800'.  Each spaced number of a right-to-left line is said with
    no-break spaces, which keep it one number; the tagged reading is the same."""
    from handout import regions

    h = regions.apply(read(Target(DATA / "ldn", (lang,))).handouts[0], region)
    b = pipeline.build(h, THEME, edition="standard")
    seen = " ".join(pdf_text(b.pdf))
    numbers = [n.number for n in h.region.numbers.values() if " " in n.number]
    assert numbers and all(n in seen for n in numbers), (numbers, [n for n in numbers if n not in seen])
    said = tree_text(b.pdf).replace("\u00a0", " ")
    assert all(n in said for n in numbers)


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_a_viewer_reading_the_glyphs_keeps_sentences_in_order_around_a_citation(lang):
    """A listening review: pdfium took a citation's raised number, drawn between two sentences of a
    right-to-left line, for a line of its own, and read the second sentence first, after a bare
    '1' ('1 LDN is about a tenth of this dose', before 'naltrexone treats ... 50 mg a day').  The
    raised numbers are drawn last and say nothing to such a viewer (the tree says '(source 1)')."""
    h = read(Target(DATA / "ldn", (lang,))).handouts[0]
    b = pipeline.build(h, THEME, edition="standard")
    seen = [ln.strip() for page in pdf_text(b.pdf) for ln in page.splitlines()]
    assert not [ln for ln in seen if re.fullmatch(r"[\d,]+", ln)], "a citation number read as a line"
    body = h.text.sections[0].body[0]  # "... 50 mg a day. [@label] LDN is about a tenth ..."
    first, second = (re.sub(r"\[@\w+\]", "", part).strip() for part in body.split("[@label]"))
    text = " ".join(" ".join(seen).replace("\u200c", "").split())
    a, b_ = first.replace("\u200c", "")[:25], second.replace("\u200c", "")[:25]
    assert a in text and b_ in text and text.index(a) < text.index(b_), (a, b_)


@pytest.mark.parametrize("lang, opens", [("en", "from "), ("es", "desde "), ("vi", "từ "), ("hi", ""), ("ru", "с ")])
def test_an_open_ended_steps_first_day_is_said_with_its_month_in_full(lang, opens):
    """A listening review: the last step's "From Dec 29" (es "Desde el 29 dic", vi "Từ 29 thg 12") was read with
    its short month ("dic", "ene", the letter N; "thg" spelled out), where closed ranges said theirs in full."""
    from datetime import date

    from handout.dosing import step_days
    from handout.model import Personal
    from tree_text import read_aloud

    h = next(x for x in read(Target(DATA / "ldn", (lang,))).handouts if x.lang == lang)
    start = date(2026, 12, 1)
    heard = " ".join(read_aloud(pipeline.build(h, load_theme(), personal=Personal(patient="Ana", start=start)).pdf)
                     .replace("\xa0", " ").split())
    loc = Localizer(lang)
    first = step_days(h.track().steps[-1], start)[0]
    said = " ".join(loc.labels("dates_from", start=loc.said_date(first)).replace("\xa0", " ").split())
    shown = " ".join(loc.labels("dates_from", start=loc.short_date(first)).replace("\xa0", " ").split())
    # (said after a pause, in lower case where the language has it: "From day 13, from …", Russian's "С" too, a review)
    said = opens + said[len(opens):] if opens else said
    assert said.startswith(opens) and said in heard and said != shown and shown not in heard, (said, shown, heard[:600])


def test_an_inn_spelled_as_the_page_writes_it_is_read_in_the_pages_voice():
    """A listening review: French 'morphine', 'tramadol' were /Lang en beside French 'codéine'; the brands stay English."""
    english = {n.all_text().strip() for n in _tree("fr").walk() if n.tag == "/Span" and n.lang == "en"}
    assert {"Suboxone", "Lomotil", "Antabuse"} <= english, english
    assert not {"morphine", "tramadol", "fentanyl", "oxycodone", "disulfiram"} & english, english


@pytest.mark.parametrize("lang, pause", [("en", ", "), ("ar", "، ")])
def test_a_steps_dates_are_read_after_a_pause(tmp_path, capsys, lang, pause):
    """A listening review heard "Week 5 on From December 29" as one phrase: the dates under a step's weeks are read
    after the language's comma."""
    from datetime import date, timedelta

    from conftest import run
    from tree_text import read_aloud

    out = tmp_path / "out"
    start = (date.today() + timedelta(days=3)).isoformat()
    code, _, err = run(["build", "ldn", "--lang", lang, "--edition", "standard", "--patient", "Ana", "--start", start,
                        "--allow-stale", "--out", str(out)], capsys)
    assert code == 0, err
    (pdf,) = out.rglob("*.pdf")
    words = read_aloud(pdf.read_bytes())
    loc = Localizer(lang)
    dated = loc.labels("dates_from", start="").strip()  # "From", "من"
    steps = tuple(loc.labels(key, start="").strip() for key in ("period_week_from", "period_day_from"))  # "From week"
    # (said after the pause in lower case, "…, from December 29": a date follows, never a lower-case word)
    pattern = f"[{dated[0].upper()}{dated[0].lower()}]{re.escape(dated[1:])}(?=\\s+[^\\W_a-z])"
    said = [m.start() for m in re.finditer(pattern, words) if not words.startswith(steps, m.start())]
    assert said and all(words[:at].rstrip().endswith(pause.strip()) for at in said), words[:800]


@pytest.mark.parametrize("handout, heads", [("methotrexate", ["Methotrexate", "Folic acid"]),
                                            ("ldn", ["Weeks 1\u00a0to\u00a02", "Weeks 3\u00a0to\u00a04", "From week\u00a05"])])
def test_each_dose_row_is_headed_by_its_medicine_or_its_weeks(handout, heads):
    """A listening review moved down the Dose column and heard "15 mg", then "1 mg", with nothing saying which
    medicine each was: only the first row was headers.  Each later row is headed (Scope Row) by its medicine where
    the table has that column, else by its weeks."""
    from tree_text import elements

    pdf = pipeline.build(read(Target(DATA / handout, ("en",))).handouts[0], THEME).pdf
    rows = [n.text for n in elements(pdf) if n.tag == "/TH" and n.attrs.get("/Scope") == "/Row"]
    assert rows == heads, rows


def test_a_line_to_write_on_is_said_as_a_blank():
    """A listening review heard "Weight kg. Each dose mL mg" (underscores are silent): the amoxicillin box's lines to
    fill in by hand sounded like a dose left out.  Each is said as the language's word for a blank."""
    from tree_text import read_aloud

    words = read_aloud(pipeline.build(read(Target(DATA / "amoxicillin", ("en",))).handouts[0], THEME).pdf)
    assert "Weight: blank kg.   Each dose: blank mL (blank mg)." in words, words
    assert "___" not in words


@pytest.mark.parametrize("lang, said", [("en", "Not yet reviewed. Next review "), ("es", "Aún sin revisar. Próxima revisión "),
                                        ("zh-Hans", "尚未审核。下次审核"), ("ru", "г. Версия")])
def test_the_footers_parts_are_said_as_sentences_not_with_their_dots(tmp_path, capsys, lang, said):
    """A listening review: the dots drawn between the footer's parts were read aloud ("punto medio")."""
    from conftest import run
    from tree_text import read_aloud

    out = tmp_path / "out"
    code, _, err = run(["build", "ldn", "--lang", lang, "--edition", "standard", "--allow-stale", "--out", str(out),
                        "-j", "1"], capsys)
    words = read_aloud(next(out.rglob("*.pdf")).read_bytes())
    assert code == 0 and said in words and "·" not in words and ".." not in words[-300:], words[-400:]
