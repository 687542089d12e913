"""Every language: builds, fits, draws every character, shows the same doses, reads in logical order."""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, edit, pdf_text, run
from tree_text import tree_text
from handout import pipeline
from handout.boxes import TextItem
from handout.content import Target, languages_in, read
from handout.localize import Localizer, load_labels
from handout.model import Every, Period, Product, Step, outline_ids
from handout.rtl import unshape as _unshape
from handout.theme import load_theme

FOLDER = DATA / "ldn"
LANGS = languages_in(FOLDER)
THEME = load_theme()
REQUIRED = {"en", "es", "zh-Hans", "vi", "ko", "tl", "ru", "ar", "ht", "fr", "fa", "hi"}


@cache
def built(lang: str):
    res = read(Target(FOLDER, (lang,)))
    assert not res.failed, "\n".join(f.format() for f in res.findings)
    assert not [f for f in res.findings if "stale" in f.message], "stale translation"
    h = res.handouts[0]
    return h, pipeline.build(h, THEME)


def norm(text: str) -> str:
    """Compare text as a reader would: NFKC (joined Arabic forms back to letters), no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", text.replace("\u200c", "").replace("**", ""))
    return "".join(c for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))


def is_rtl(lang: str) -> bool:
    return THEME.is_rtl(lang)


def read_text(lang: str, pdf: bytes) -> str:
    """The text a reader gets.  Right-to-left lines are said by their structure elements'
    /ActualText, which assistive technology reads (tests/tree_text.py); pdfium reads the glyphs
    and orders Latin words inside a right-to-left line by rules of its own ("(Help Poison ("),
    so right to left is read from the tree."""
    return tree_text(pdf) if is_rtl(lang) else " ".join(pdf_text(pdf))


def test_the_required_languages_are_present():
    assert REQUIRED <= set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_language_builds_within_max_pages(lang):
    h, b = built(lang)
    assert b.pages <= h.facts.max_pages
    assert b.laid.settings.body >= THEME.sizes.min_body >= 12  # never under the standard for patient text


@pytest.mark.parametrize("lang", LANGS)
def test_same_dose_numbers_as_english(lang):
    h, b = built(lang)
    text = read_text(lang, b.pdf).replace("\u00a0", " ")
    loc = Localizer(lang, (".", ","))  # the default region, US: doses print as on a US pharmacy label
    track = h.track()
    for step in track.steps:
        assert loc.dose(step.amount, track.product.unit).replace("\u00a0", " ") in text
    # and the numbers themselves are the facts' numbers in every language
    en_h, _ = built("en")
    table = [it.line.logical for p in b.laid.pages for it in p.items
             if isinstance(it, TextItem) and it.group.startswith("dosing/table/") and it.group.endswith("/1")]
    amounts = [float(re.search(r"\d+(?:[.,]\d+)?", t).group().replace(",", ".")) for t in table[1:]]
    assert amounts == [s.amount for s in en_h.track().steps]


@pytest.mark.parametrize("lang", LANGS)
def test_key_strings_are_in_the_text_layer_in_logical_order(lang):
    h, b = built(lang)
    text = norm(read_text(lang, b.pdf))
    printed = outline_ids(h.facts.outline)  # the standard edition's sections (others print in large print)
    strings = [*h.text.side_effects.values(), h.text.title,
               *(sec.heading for sec in h.text.sections if sec.id in printed),
               *h.text.key_points, load_labels(lang)("side_effects_heading")]
    assert len(strings) >= 12
    for s in strings:
        assert norm(s) in text, s


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_draft_translation_shows_the_band_on_every_page(lang):
    h, b = built(lang)
    if h.text.translation.status != "draft":
        pytest.skip("reviewed translation")
    english = norm(load_labels("en")("draft_band"))
    own = norm(load_labels(lang)("draft_band"))
    pages = pdf_text(b.pdf)
    assert len(pages) == b.pages
    for page in pages:
        assert english in norm(page) and own in norm(page)


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_right_to_left_paragraph_lines_start_at_the_right_edge(lang):
    h, b = built(lang)
    lay_right = THEME.page_size()[0] - THEME.margins_mm.right * MM_
    lines = [it for p in b.laid.pages for it in p.items if isinstance(it, TextItem) and it.group == "about/p0"]
    assert len(lines) >= 2, "expected a paragraph over several lines"
    for it in lines:
        assert it.line.rtl
        assert abs(it.x + it.line.width - lay_right) < 0.5  # ragged left, aligned right
        first = it.line.logical.split()[0]
        if not any("\u0600" <= c <= "\u06ff" for c in first):
            continue
        visual = "".join(r.text for r in it.line.runs)
        assert _unshape(visual)[::-1].startswith(first), (first, visual)  # the first word is drawn rightmost


MM_ = 72 / 25.4


def test_chinese_never_breaks_inside_a_number_or_unit():
    _, b = built("zh-Hans")
    items = [it for p in b.laid.pages for it in p.items if isinstance(it, TextItem)]
    pairs = [(a.line.logical, c.line.logical) for a, c in zip(items, items[1:]) if a.group == c.group and a.y < c.y]
    assert len(pairs) > 10
    for a, c in pairs:
        assert not (a[-1:].isdigit() and (c[:1].isdigit() or c.startswith(("mg", "%")))), (a, c)
        assert not c.startswith(("mg", "mL")), c


def test_korean_breaks_between_words():
    h, b = built("ko")
    words = {w for p in h.text.sections[0].body for w in re.sub(r"\*\*|\[@[^\]]+\]", "", p).split()}
    lines = [it.line.logical for p in b.laid.pages for it in p.items
             if isinstance(it, TextItem) and it.group.startswith("about/")]
    assert len(lines) >= 2
    for line in lines:
        line = re.sub(r"\(출처 [^)]*\)", "", line)  # a citation as a screen reader says it (cite_said)
        for token in line.split():
            if any("\uac00" <= ch <= "\ud7a3" for ch in token):
                assert token in words, (token, line)  # never half a word


@pytest.fixture
def es_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "data" / "ldn"
    dst.mkdir(parents=True)
    for name in ("handout.yaml", "en.yaml", "es.yaml"):
        shutil.copy(FOLDER / name, dst / name)
    return dst


def test_stale_translation_is_refused_unless_allowed(es_copy: Path, tmp_path: Path, capsys):
    edit(es_copy / "en.yaml", "  headache: Headache", "  headache: A headache")
    out = tmp_path / "out"
    code, _, err = run(["build", str(es_copy), "--out", str(out)], capsys)
    assert code == 1
    assert "es.yaml" in err and "a stale translation is refused" in err
    assert (out / "ldn" / "ldn.en.pdf").exists() and not (out / "ldn" / "ldn.es.pdf").exists()
    code, _, err = run(["check", str(es_copy)], capsys)
    assert "warning: translation.source_fingerprint: stale" in err
    assert run(["build", str(es_copy), "--out", str(out), "--allow-stale"], capsys)[0] == 0
    assert (out / "ldn" / "ldn.es.pdf").exists()


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch):
    """A scratch copy of the label catalogs that the code reads instead, for one test to edit."""
    import handout.localize as L

    cat = tmp_path / "catalogs"
    shutil.copytree(L.CATALOG_DIR, cat)
    monkeypatch.setattr(L, "CATALOG_DIR", cat)
    L.load_labels.cache_clear()
    yield cat
    L.load_labels.cache_clear()


def test_missing_label_names_language_and_key(catalogs: Path):
    import handout.localize as L

    text = (catalogs / "es.yaml").read_text(encoding="utf-8")
    (catalogs / "es.yaml").write_text(re.sub(r"(?m)^col_dose:.*\n", "", text), encoding="utf-8")
    with pytest.raises(Exception) as exc:
        L.load_labels("es")
    assert "label 'col_dose' is missing for language 'es'" in str(exc.value)



@pytest.mark.parametrize("lang, n, form, printed", [
    ("ar", 1, "tablet", "1 قرص"), ("ar", 6, "tablet", "6 أقراص"), ("ar", 10, "capsule", "10 كبسولات"),
    ("ar", 15, "tablet", "15 قرصًا"), ("ar", 3, "dose", "3 جرعات"), ("ar", 100, "tablet", "100 قرص"),
    ("ru", 1, "tablet", "1 таблетка"), ("ru", 2, "dose", "2 дозы"), ("ru", 5, "dose", "5 доз"),
    ("ru", 21, "capsule", "21 капсула"), ("ru", 25, "tablet", "25 таблеток"), ("ru", 1.5, "tablet", "1,5 таблетки"),
    ("en", 6, "tablet", "6 tablets"), ("fr", 1.5, "tablet", "1,5 comprimé"),
])
def test_a_count_agrees_with_its_number_in_the_patients_language(lang: str, n: float, form: str, printed: str):
    """The weekly methotrexate line read "6 قرص" (a singular after 6) and Russian "5 дозы": a
    catalog gives each CLDR plural category its language uses its own words."""
    assert Localizer(lang).count(n, form).replace("\u00a0", " ") == printed


@pytest.mark.parametrize("lang, amount, printed", [
    ("en", 1, "1 unit"), ("en", 10, "10 units"), ("en", 0.5, "0.5 units"), ("es", 1, "1 unidad"),
    ("es", 4, "4 unidades"), ("ar", 5, "5 وحدات"), ("ar", 20, "20 وحدة"), ("fr", 1, "1 unité"),
    ("zh-Hans", 8, "8单位"),
])
def test_a_dose_in_units_agrees_with_its_number_and_stays_on_its_line(lang: str, amount: float, printed: str):
    """'units' is a word (ISMP: never 'U'), so it is counted like one: the dose line printed
    "1 units", Spanish "1 unidades", Arabic "5 وحدة".  Glued to its number as a symbol is."""
    dose = Localizer(lang).dose(amount, "units")
    assert dose.replace("\u00a0", " ") == printed and " " not in dose


@pytest.mark.parametrize("lang, every, printed", [
    ("ar", Every(hours=12), "كل 12 ساعة عند الحاجة"), ("ar", Every(hours=6), "كل 6 ساعات عند الحاجة"),
    ("ar", Every(hours=2), "كل 2 ساعات عند الحاجة"),  # the plural printed before; the dual is left to a reviewer
    ("ru", Every(hours=24), "раз в 24 часа, если нужно"), ("ru", Every(hours=12), "раз в 12 часов, если нужно"),
    ("ru", Every(hours=1), "раз в 1 час, если нужно"), ("fr", Every(hours=6), "au moins 6 heures entre deux prises"),
    ("en", Every(hours=1), "at least 1 hour apart"), ("en", Every(hours=6), "at least 6 hours apart"),
    ("ar", Every(days=11), "مرة كل 11 يومًا"), ("ar", Every(days=3), "مرة كل 3 أيام"),
    ("ru", Every(days=3), "раз в 3 дня"), ("ru", Every(days=5), "раз в 5 дней"), ("en", Every(days=3), "every 3 days"),
])
def test_an_interval_agrees_with_its_number(lang: str, every: Every, printed: str):
    """Arabic printed "كل 12 ساعات" and "11 أيام" (a plural after 12 and 11); English would
    print "every 1 hours".  An interval is a count ("form_hour", "form_day") like any other."""
    from handout.dosing import Medication
    from handout.sig import Sig

    h = next(x for x in read(Target(DATA / "ldn", (lang,))).handouts if x.lang == lang)
    h = replace(h, text=replace(h.text, reasons={"pain": "x"}))
    step = Step(when=Period(unit="day", start=1), amount=500, strength=500, count=1, every=every,
                **({"as_needed": "pain", "max_per_day": 3000} if every.hours else {"timing": ("morning",)}))
    sig = Sig(h, Localizer(lang))
    text = sig.instruction(Medication(None, Product(form="tablet", unit="mg"), (step,), "track"), step)
    assert printed in " ".join(text.replace("\u00a0", " ").replace("**", "").split())


def test_a_haitian_list_joins_its_last_item_with_ak():
    """CLDR gives Haitian Creole no word for "and": two doses a day printed "Pran 1 kapsil nan
    maten, 1 kapsil ..." with nothing between them.  The catalog's list_and pattern supplies it."""
    from handout.dosing import Medication
    from handout.sig import Sig

    h = next(x for x in read(Target(DATA / "ldn", ("ht",))).handouts if x.lang == "ht")
    step = Step(when=Period(unit="day", start=1), amount=1.5, strength=1.5, count=1, timing=("morning", "bedtime"))
    text = Sig(h, Localizer("ht")).instruction(Medication(None, Product(form="capsule", unit="mg"), (step,), "track"), step)
    labels = load_labels("ht")
    assert f"{labels('at_morning')} ak 1" in text.replace("\u00a0", " "), text
    days = Step(when=Period(unit="day", start=1), amount=1.5, strength=1.5, count=1, timing=("morning",),
                days=("monday", "wednesday", "friday"))
    assert f"{labels('day_monday')}, {labels('day_wednesday')} ak {labels('day_friday')}" in Sig(h, Localizer("ht")).day_cell(days)


def test_a_list_pattern_without_both_items_is_refused(catalogs: Path):
    import handout.localize as L

    edit(catalogs / "ht.yaml", 'list_and: "{0} ak {1}"', 'list_and: "{0} ak"')
    with pytest.raises(Exception) as exc:
        L.Localizer("ht")
    assert "list_and: expected a pattern with {0} and {1}" in str(exc.value) and "ht.yaml" in str(exc.value)


@pytest.mark.parametrize("lang", [p.stem for p in sorted((Path(__file__).resolve().parent.parent / "handout" / "catalogs").glob("*.yaml"))])
def test_every_label_fills_in_what_its_english_fills_in(lang: str):
    """Each label has the placeholders of its English (a count form's extra categories those of
    its 'other' form), each as often: a French 'one' form without {n} ("toutes les heures")
    dropped the number, and made every French export fail to import (found in review)."""
    from collections import Counter

    from handout.localize import OPTIONAL, PLURAL
    from handout.units import CODE

    source, labels = load_labels("en").values, load_labels(lang).values
    wrong = []
    for key, text in labels.items():
        m = PLURAL.fullmatch(key)
        english = source.get(key) or (source.get(f"form_{m.group(1)}_other") if m else None)
        if key in OPTIONAL or key == "format_locale" or english is None:
            continue
        if Counter(CODE.findall(text)) != Counter(CODE.findall(english)):
            wrong.append(f"{key}: {text!r} (English {english!r})")
    assert not wrong


def test_every_catalog_has_the_few_and_many_words_its_language_needs():
    """For each count form ("{n} tablets"), every catalog whose language has a 'few' or 'many'
    plural for the counts 0-100 (Arabic 3-10 and 11-99, Russian 2-4 and 5-20) words it: without
    them the 'other' words print, and "6 قرص" reads as wrong grammar on the dose line.  ('zero'
    never prints, and Arabic's dual after a digit is left to the 'other' words.)"""
    from handout.localize import CATALOG_DIR, extra_plurals

    source = load_labels("en").values
    forms = [k[len("form_"):-len("_other")] for k in source if k.startswith("form_") and k.endswith("_other")]
    assert {"tablet", "capsule", "mL", "dose"} <= set(forms)
    missing = []
    for path in sorted(CATALOG_DIR.glob("*.yaml")):
        labels = load_labels(path.stem).values
        cats = extra_plurals(path.stem, labels)
        missing += [f"{path.stem}: form_{f}_{c} (for {cats[c][:3]})" for f in forms for c in ("few", "many")
                    if c in cats and f"form_{f}_{c}" not in labels]
    assert not missing


def test_a_plural_label_of_an_unknown_form_or_category_is_refused(catalogs: Path):
    import handout.localize as L

    with (catalogs / "ru.yaml").open("a", encoding="utf-8") as fh:
        fh.write('form_pill_few: "{n} пилюли"\nform_tablet_lots: "{n} таблеток"\n')
    with pytest.raises(Exception) as exc:
        L.load_labels("ru")
    assert "unknown label 'form_pill_few'" in str(exc.value) and "unknown label 'form_tablet_lots'" in str(exc.value)
    assert "form_tablet_few" not in str(exc.value)


@pytest.mark.parametrize("lang", LANGS)
def test_a_range_of_dates_is_said_with_words_not_a_dash(lang: str):
    """A listening review: 'Dec 1 – 14' is heard 'Dec 1 14' (the dash is silent at a screen reader's
    usual punctuation level).  The spoken form names both dates, joined by the language's words."""
    from datetime import date

    loc = Localizer(lang)
    first, last = date(2026, 12, 1), date(2026, 12, 14)
    said = loc.date_range_said(first, last)
    assert loc.said_date(first) in said and loc.said_date(last) in said and "\u2013" not in said
    assert len(said) >= len(loc.said_date(first)) + len(loc.said_date(last)) + 1  # a word between them (至)
    assert loc.date_range_said(first, first) == loc.said_date(first)


@pytest.mark.parametrize("lang, box", [
    ("en", "Tuesday March 9"), ("es", "martes 9 de marzo"), ("fr", "mardi 9 mars"), ("ru", "вторник 9 марта"),
    ("ht", "madi 9 mas"), ("ar", "الثلاثاء 9 مارس"), ("zh-Hans", "星期二 3月9日"),
])
def test_a_date_is_said_with_its_month_and_weekday_in_full(lang: str, box: str) -> None:
    """A listening review of the Spanish calendar: a box said "mar 9 mar", and a voice reads "mar" (sea)
    for martes and for marzo alike.  Said, a date names its month, and its weekday, in full; printed,
    the calendar keeps its short forms (``short_date``)."""
    from datetime import date

    loc = Localizer(lang)
    d = date(2027, 3, 9)
    assert loc.said_date(d, weekday=True).replace("\xa0", " ") == box
    assert loc.said_date(d, weekday=True).endswith(loc.said_date(d))
    if lang == "es":
        assert loc.short_date(d) == "9\xa0mar" and "mar " not in loc.date_range_said(date(2027, 3, 8), d) + " "


@pytest.mark.parametrize("lang", [p.stem for p in sorted((Path(__file__).resolve().parent.parent / "handout" / "catalogs").glob("*.yaml"))])
def test_a_date_never_breaks_between_its_day_and_its_month(lang: str):
    """A narrow dose-table column printed 'Dec 21 – Jan' over '3' and '12月21日至1' over '月3日' (read
    as 'to the 1st'): a range may break only beside its separator, each date stays whole.  (Korean
    writes each number with its unit, '12월 21일': a break between them splits no number off.)"""
    from datetime import date

    from handout.breaks import cjk_break

    loc = Localizer(lang)
    first, last = date(2026, 12, 21), date(2027, 1, 3)
    text = loc.date_range(first, last)
    whole = [loc.short_date(first), loc.short_date(last)]
    assert all(" " not in d for d in whole) or lang == "ko"
    if lang == "zh-Hans":  # no spaces: the break rule for Chinese decides
        breaks = [text[:i] for i in range(1, len(text)) if cjk_break(text[i - 1], text[i])]
        assert breaks == ["12月21日"], breaks
    elif lang != "ko":
        segments = re.split("[ \u2009]", text)  # where a line may break (breaks.tokens)
        assert len(segments) > 1 and all(any(d in seg for seg in segments) for d in whole), (text, whole)


# The edges of is_cjk's ranges, and characters around them, beside any text.
_EDGES = "".join(chr(c + d) for c in (0x2E80, 0x9FFF, 0xF900, 0xFAFF, 0xFF00, 0xFF60, 0x3000, 0x303F) for d in (-1, 0, 1))


@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from(_EDGES)), max_size=12))
@settings(max_examples=400, deadline=None)
def test_a_text_has_han_or_kana_exactly_where_a_character_of_it_does(text: str):
    """Lines break between Chinese characters only in a span ``has_cjk`` finds them in: a span it
    missed would run off the column's edge unbroken; one it found wrongly would break words."""
    from handout.breaks import has_cjk, is_cjk

    assert has_cjk(text) == any(is_cjk(c) for c in text)


@pytest.mark.parametrize("lang", [p.stem for p in sorted((Path(__file__).resolve().parent.parent / "handout" / "catalogs").glob("*.yaml"))])
def test_a_period_label_keeps_its_numbers_with_their_words(lang: str):
    """The narrow "When" column printed 'Semanas 1 a' over '2', 'Desde sem.' over '5' and
    'С 5-й' over 'недели': a range stays whole, and a number keeps a word beside it."""
    from handout.model import Period

    loc = Localizer(lang)
    for unit in ("week", "day"):
        rng = loc.period(Period(unit=unit, start=1, end=2)).split(" ")
        assert any("1" in seg and "2" in seg for seg in rng), rng
        for label in (loc.period(Period(unit=unit, start=5)), loc.period(Period(unit=unit, start=3, end=3))):
            number = next(seg for seg in label.split(" ") if any(c.isdigit() for c in seg))
            assert "\u00a0" in number or len(label.split(" ")) == 1, label  # glued to a word, or one word


def test_a_thin_space_breaks_only_after_a_range_s_dash():
    """CLDR's thin space after a range's dash is where 'Dec 21 – Jan 3' may break; a thin space an
    author typed (French '1 000 mg', 'Attention :') glues, as it always did."""
    import re as _re

    from handout.breaks import tokens
    from handout.markup import Span

    units = _re.compile(r"(?!)")
    words = [d for d, _, _ in tokens(Span("est de 1\u2009000 mg, Attention\u2009: Dec 21\u202f–\u2009Jan 3"), units, False)]
    assert "1\u2009000" in words and "Attention\u2009:" in words and "\u2009" in words
    assert words[words.index("\u2009") - 1] == "21\u202f–" and words[words.index("\u2009") + 1] == "Jan"


_LETTERS = ("ابتجحدرسشصعفقكلمنهوي" "پچژگکی" "ًّ١٥٪،؟" "abcXY019.,-()/%:" " \t\n\u00a0\u2009–\u200f\u200e")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=_LETTERS, max_size=30), st.booleans(), st.booleans(), st.booleans()),
                min_size=1, max_size=4),
       st.booleans(), st.booleans(), st.sampled_from([[], ["ملغ", "mg"]]))
def test_plain_words_break_as_the_tokens_do(spans, rtl, remember, units):
    """The break units of plain words (joined on a right-to-left page when Arabic) are exactly those
    the general token loop makes: the same drawn text, the written text under it, the spaces."""
    from handout import text as textmod
    from handout.markup import Span, unit_pattern

    wrapper = textmod.Wrapper.__new__(textmod.Wrapper)
    wrapper.units = unit_pattern(units)
    made = [Span(t, bold=b, cite=c, ltr=ltr) for t, b, c, ltr in spans]

    def units_of(pieces):
        return [(p.chars, p.space, p.orig, p.orig_space, p.style) for p in pieces]

    fast = units_of(wrapper._pieces(made, rtl, remember))
    plain_words = textmod.plain_words
    try:
        textmod.plain_words = lambda *_: None  # every span through breaks.tokens
        general = units_of(wrapper._pieces(made, rtl, remember))
    finally:
        textmod.plain_words = plain_words
    assert fast == general


def test_a_character_no_font_has_fails_with_its_code_point(es_copy: Path, capsys):
    edit(es_copy / "es.yaml", "  headache: \"", "  headache: \"\u0d9a")  # a Sinhala letter: no shipped font has it
    code, _, err = run(["check", str(es_copy), "--lang", "es"], capsys)
    assert code == 1
    assert "(U+0D9A) has no glyph in the fonts for language 'es'" in err


def test_the_reshaper_reading_a_snapshot_of_its_settings_joins_every_word_the_same():
    """rtl._reshaper reads its (fixed) settings from a snapshot instead of ConfigParser: every
    word of the Arabic and Persian content and catalogs, and the lam-alef ligatures, come out
    exactly as from arabic-reshaper configured the same way."""
    import re

    import arabic_reshaper

    from handout import rtl

    plain = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})
    words = {"لا", "لأن", "الإسلام", "آلام", "الله"}
    for lang in ("ar", "fa"):
        for f in [*DATA.glob(f"*/{lang}.yaml"), Path(rtl.__file__).parent / "catalogs" / f"{lang}.yaml"]:
            words |= set(re.findall(r"\S+", f.read_text(encoding="utf-8")))
    assert len(words) > 1000
    assert [rtl._reshaper().reshape(w) for w in sorted(words)] == [plain.reshape(w) for w in sorted(words)]
    assert rtl._reshaper().reshape("لا") == "\ufefb"  # the lam-alef ligature is still made


def _bidi_every_character(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The oracle: rtl.visual_order as it was before it handed python-bidi's algorithm one character
    per stretch: a line with no left-to-right character or digit reversed and mirrored, any other
    run through the algorithm character by character."""
    from bidi import algorithm as bidi

    from handout.rtl import _LTR_CLASSES, bidi_rtl

    if not any(unicodedata.bidirectional(c) in _LTR_CLASSES for c, _ in chars):
        return [(bidi.MIRRORED.get(c, c), si) for c, si in reversed(chars)]
    return [(c["ch"], chars[c["i"]][1]) for c in bidi_rtl("".join(c for c, _ in chars))]


# What a right-to-left line can hold once content is cleaned (chars.clean drops embeddings and
# isolates): Arabic letters and their joined forms, harakat, Hebrew, Latin, European, Arabic and
# Persian digits, separators, terminators, brackets, spaces, the direction marks and joiners.
_RTL_LINE = ("ابتثجحخدذرزسشصعلمنهوي" "\ufe8d\ufe8e\ufef3\ufef4\ufefb\ufb8a" "\u064e\u0651" "\u05d0\u05d1"
             "abcXYZ" "0123456789" "٠١٢٣٫٬" "۱۲۴" " \u00a0\t" ".,:;-+/%$#€°\u2212()[]<>«»!?؟،\"'"
             "\u200e\u200f\u061c\u200c\u200d")


def test_visual_order_is_the_bidi_algorithm_on_every_line_of_the_rtl_content():
    import handout.lines as lines_module  # where lines are put in visual order

    lines: list[list[tuple[str, int]]] = []
    real = lines_module.visual_order

    def spy(chars, remember=True):
        lines.append(list(chars))
        return real(chars, remember)

    lines_module.visual_order = spy
    try:
        for folder, lang in ((DATA / "ldn", "ar"), (DATA / "ldn", "fa"), (DATA / "methotrexate", "ar")):
            h = read(Target(folder, (lang,))).handouts[0]
            pipeline.clear_caches()
            for edition in h.facts.edition_names:
                pipeline.build(h, load_theme(), edition=edition)
    finally:
        lines_module.visual_order = real
    mixed = [c for c in lines if any(unicodedata.bidirectional(ch) in ("L", "EN", "AN") for ch, _ in c)]
    assert len(mixed) > 100  # lines with Latin names and numbers: the ones the algorithm is run on
    assert all(real(c) == _bidi_every_character(c) for c in lines)


def test_visual_order_is_the_bidi_algorithm_on_any_line():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from handout.rtl import visual_order

    @settings(max_examples=3000, deadline=None, derandomize=True)
    @given(st.lists(st.tuples(st.sampled_from(_RTL_LINE), st.integers(0, 2)), min_size=1, max_size=80))
    def same(chars):
        assert visual_order(chars) == _bidi_every_character(chars)

    same()


@pytest.mark.parametrize("line, drawn", [
    # a Latin name in brackets after an Arabic one: each pair takes the line's direction (UAX #9 N0), so the
    # reader meets the Arabic name, then "(ibuprofen)", then "(Advil)", right to left, as a browser draws it
    ("إيبوبروفين (ibuprofen) (Advil)", "(Advil) (ibuprofen) " + "إيبوبروفين"[::-1]),
    # a line that a name in brackets was broken onto: its brackets pair up, and the one whose partner is on the
    # line before stays with its word (it was drawn at the far left, as "(", and "(Bactrim" had no end)
    ("trimethoprim) (Bactrim)", "trimethoprim) (Bactrim)"),
    ("وتريميثوبريم (sulfamethoxazole and", "sulfamethoxazole and) " + "وتريميثوبريم"[::-1]),
])
def test_brackets_pair_up_on_a_right_to_left_line(line: str, drawn: str) -> None:
    from handout.rtl import visual_order

    assert "".join(c for c, _ in visual_order([(c, 0) for c in line])) == drawn


@pytest.mark.parametrize("lang", [p.stem for p in sorted((Path(__file__).resolve().parent.parent / "handout" / "catalogs").glob("*.yaml"))])
def test_a_one_day_range_is_that_days_date(lang: str):
    """A code review: a weekly step of one week gives its one dose day as its dates, and Haitian
    Creole printed '14–14 desanm'."""
    from datetime import date

    loc = Localizer(lang)
    day = date(2026, 12, 14)
    assert loc.date_range(day, day) == loc.short_date(day)


def _run(text: str, rise: float = 0.0):
    from handout.lines import Run

    return Run(text, "F", 10.0, 1.0, rise=rise)


@pytest.mark.parametrize("drawn, logical, said", [
    # (language, runs' texts, reading places), in drawing order (right to left: the line's end first)
    ([("", [") C"], [13, 14]), ("en", ["tramadol"], list(range(5, 13))), ("", [" BA("], [0, 1, 2, 3, 4])],
     "AB (tramadol) C", [("", "AB ("), ("en", "tramadol"), ("", ") C")]),
    # a word in another language last takes the space the line broke at: "988 " / "Suicide …"
    ([("en", ["988"], [3, 4, 5]), ("", [" BA"], [0, 1, 2])], "AB 988 ", [("", "AB "), ("en", "988 ")]),
    # two words of one language next to each other in reading order are one piece
    ([("en", ["Help"], [6, 7]), ("en", ["Poison "], [4, 5]), ("", ["BA "], [0, 1, 2])], "AB Poison Help",
     [("", "AB "), ("en", "Poison Help")]),
    # a line all in the other language is one piece
    ([("en", ["Maximum Strength "], list(range(17)))], "Maximum Strength ", [("en", "Maximum Strength ")]),
    # not certain: a word not in the typed text, or twice in it ("… 988 أو" / "988 Suicide …"), stretches whose
    # places interleave, a raised citation number (drawn last in the line), the page's language only
    ([("en", ["xyz"], [3]), ("", ["BA"], [0, 1])], "AB abc", None),
    ([("en", ["988"], [9, 10, 11]), ("", [" وأ 988 AB"], list(range(9)))], "AB 988 أو 988", None),
    ([("", ["A"], [0, 5]), ("en", ["x"], [2, 3])], "A xx A", None),
    ([("", ["1"], [3]), ("en", ["x"], [2]), ("", ["BA"], [0, 1])], "ABx1", None),
    ([("", ["BA"], [0, 1])], "AB", None),
])
def test_a_right_to_left_line_is_cut_where_its_language_changes(drawn, logical, said) -> None:
    """``Line.pieces``: the drawn stretches put in reading order, each said by its part of the typed
    text (their texts give the line back whole), or None where that is not certain."""
    from handout.lines import _pieces

    got = _pieces([(lang, [_run(t, 3.8 if t == "1" else 0.0) for t in texts], places) for lang, texts, places in drawn],
                  logical)
    if said is None:
        assert got is None
        return
    assert got is not None and [(lang, text) for lang, _, text in got] == said
    assert "".join(text for _, _, text in got) == logical
