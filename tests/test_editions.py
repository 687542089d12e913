"""Editions from one content source: the one-page card and large print, in every language."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from conftest import DATA, pdf_text, read_pages, run
from handout import pipeline
from handout.boxes import IconItem, TextItem
from handout.content import Target, languages_in, read
from handout.theme import MM, load_theme

FOLDER = DATA / "ldn"
LANGS = languages_in(FOLDER)


@cache
def built(lang: str, edition: str):
    h = read(Target(FOLDER, (lang,))).handouts[0]
    return pipeline.build(h, load_theme(), edition=edition)


@pytest.mark.parametrize("lang", LANGS)
def test_card_is_one_page_with_the_essentials(lang):
    b = built(lang, "card")
    assert b.pages == 1
    groups = {it.group.split("/")[0] for p in b.laid.pages for it in p.items}
    assert {"key_points", "dosing", "side_effects", "interactions"} <= groups
    assert b.laid.settings.body >= 12  # the essentials only, at the standard size: no QR code, no sources
    # the card keeps what keeps a patient safe: the serious side effects with what to do, not the common ones
    assert not any(it.group.startswith("side_effects/common") for p in b.laid.pages for it in p.items)
    assert any(it.group.startswith("side_effects/serious") for p in b.laid.pages for it in p.items)
    # no citation numbers on the card: it has no numbered list for them to point to
    assert not any(r.rise for p in b.laid.pages for it in p.items if isinstance(it, TextItem) for r in it.line.runs)


@pytest.mark.parametrize("folder, lang", [(f.parent, lang) for f in sorted(DATA.glob("*/handout.yaml"))
                                          for lang in languages_in(f.parent)])
def test_a_card_says_first_that_it_is_a_summary(folder: Path, lang: str):
    """A pharmacist's review: a patient given only the card would take it for everything.  Every
    bundled card, in every language, is read as: its title, its condition, then 'This is a short
    summary. Ask for the full handout.', before the key points; the standard edition says no such thing."""
    from tree_text import read_aloud

    from handout import regions
    from handout.localize import Localizer

    h = regions.apply(read(Target(folder, (lang,))).handouts[0], None)
    labels = Localizer(lang).labels
    note, more = labels("summary_note"), labels("summary_more")
    card = " ".join(read_aloud(pipeline.build(h, load_theme(), edition="card").pdf).split())
    kp = labels("key_points")
    assert note in card and more in card and card.index(note) < card.index(more) < card.index(kp), card[:400]
    assert card.index(h.text.condition.split()[0]) < card.index(note)
    assert note not in " ".join(read_aloud(pipeline.build(h, load_theme()).pdf).split())


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_the_methotrexate_card_names_every_drug_that_may_interact(lang):
    """A patient may keep the one-page card alone; it named the antibiotics never to take but no
    pain pill (ibuprofen, naproxen, aspirin raise methotrexate's level: a pharmacist's review).
    The ask_first block names every drug that may interact, each as the page prints it, in a
    paragraph a screen reader reads after the do-not-take box."""
    from handout.glossary import printed_parts
    from handout import regions

    h = regions.apply(read(Target(DATA / "methotrexate", (lang,))).handouts[0], None)
    b = pipeline.build(h, load_theme(), edition="card")
    items = [it for p in b.laid.pages for it in p.items if isinstance(it, TextItem) and it.group == "interactions/ask_first"]
    assert b.pages == 1 and items and {it.role for it in items} == {"P"}
    text = " ".join(" ".join(it.line.logical for it in items).split())
    drugs = [d for i in h.facts.interactions if i.severity == "may_interact" for d in i.drugs]
    assert len(drugs) == 6
    for d in drugs:
        assert " ".join(printed_parts(h, d)[0][0].strip(" (").split()) in text, (d, text)


@pytest.mark.parametrize("lang, women, men", [("en", "6 months", "3 months"), ("es", "6 meses", "3 meses"),
                                              ("ar", "6 أشهر", "3 أشهر")])
def test_every_methotrexate_edition_says_how_long_to_use_birth_control(lang: str, women: str, men: str):
    """The handout said "for some months after you stop. Ask how long", and the card said
    nothing: a patient could stop birth control too early.  The label (5.1): 6 months after the
    last dose for a woman who could get pregnant, 3 for a man whose partner could.  The card
    keeps the women's months in its pregnancy key point; the other editions give both."""
    from handout import regions

    h = regions.apply(read(Target(DATA / "methotrexate", (lang,))).handouts[0], None)
    for edition in ("standard", "card", "large-print"):
        b = pipeline.build(h, load_theme(), edition=edition)
        text = " ".join(" ".join(it.line.logical for p in b.laid.pages for it in p.items
                                 if isinstance(it, TextItem)).replace("\u00a0", " ").split())
        key = " ".join(" ".join(it.line.logical for p in b.laid.pages for it in p.items
                                if isinstance(it, TextItem) and it.group.startswith("key_points")).split())
        assert women in key, (edition, key)
        assert edition == "card" or men in text, edition


@pytest.mark.parametrize("lang, comma", [("ar", "\u060c "), ("fa", "\u060c\u200f "), ("zh-Hans", "\u3001"), ("en", ", ")])
def test_a_drug_list_is_separated_with_the_locales_comma(lang, comma):
    """The do-not-take box joined its drugs with a Latin ", " in every script.  Arabic's CLDR list
    joins with "و" ("and"), which also joins a combination's two names, so there the Arabic comma
    keeps the drugs apart."""
    from handout.glossary import printed_parts

    h = read(Target(FOLDER, (lang,))).handouts[0]
    b = built(lang, "card")
    text = "".join(it.line.logical for p in b.laid.pages for it in p.items
                   if isinstance(it, TextItem) and it.group == "interactions/do_not_take/0" and it.role == "LBody")
    text = " ".join(text.split())
    first, second = [d for i in h.facts.interactions if i.severity == "do_not_take" for d in i.drugs][:2]
    whole = " ".join("".join(t for t, _ in printed_parts(h, first)).split())
    assert f"{whole}{comma}{printed_parts(h, second)[0][0].split(' (')[0]}" in text, text[:200]


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_edition_fits_with_body_text_never_under_the_standard(lang, paper):
    # 12 pt for the handout, the card and the wallet page, 18 pt for large print: in every
    # language and on both papers the content fits without shrinking the type.
    from handout.layout import layout
    from handout.regions import apply
    h = apply(read(Target(FOLDER, (lang,))).handouts[0], None)
    for edition in h.facts.edition_names:
        ed = h.facts.edition(edition)
        theme = load_theme(ed.theme) if ed.theme else load_theme()
        laid = layout(h, theme, paper=paper, edition=edition)
        assert laid.settings.body >= (18 if edition == "large-print" else 12), (edition, laid.settings)
        assert laid.settings.body >= theme.sizes.min_body >= 12
        assert len(laid.pages) <= ed.max_pages


@pytest.mark.parametrize("lang", LANGS)
def test_large_print_is_laid_out_again_in_large_type(lang):
    b = built(lang, "large-print")
    theme = load_theme("large-print")
    assert b.pages <= 6  # more pages, never smaller type
    assert b.laid.settings.body >= 18
    texts = [it for p in b.laid.pages for it in p.items if isinstance(it, TextItem) and it.group.startswith("about")]
    assert min(r.size for it in texts for r in it.line.runs) >= 18
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
    assert names == ["ldn.en.card.pdf", "ldn.en.large-print.pdf", "ldn.en.pdf", "ldn.en.wallet.pdf"]
    code, _, err = run(["build", str(ldn), "--out", str(out), "--edition", "poster"], capsys)
    assert code == 1 and "has no edition 'poster' (expected one of: standard, card, large-print, wallet)" in err


@pytest.mark.parametrize("command", [["build"], ["check"], ["build", "--patient", "Ana Pérez"]])
@pytest.mark.parametrize("typed,meant", [("largeprint", "large-print"), ("Large_Print", "large-print"),
                                         ("card2", "card"), ("poster", None), ("wallet-card", None)])
def test_an_edition_mistyped_is_named_never_built_in_its_place(ldn: Path, tmp_path: Path, capsys, command,
                                                                typed, meant):
    out = tmp_path / "out"
    where = ["--out", str(out)] if command[0] == "build" else []
    code, _, err = run([command[0], str(ldn), *where, "--edition", typed, *command[1:]], capsys)
    assert code == 1, err
    assert f"has no edition '{typed}'" in err
    assert (f"did you mean '{meant}'?" in err) if meant else "did you mean" not in err
    assert not list(out.rglob("*.pdf")) if out.exists() else True


def test_the_full_handout_never_calls_itself_a_summary(ldn: Path, capsys):
    from conftest import edit

    edit(ldn / "handout.yaml", "outline:\n  - key_points", "outline:\n  - summary\n  - key_points")
    code, _, err = run(["check", str(ldn)], capsys)
    assert code == 1 and "outline: 'summary' says the edition is a short summary" in err, err


def test_every_edition_must_keep_the_safety_blocks(ldn: Path, capsys):
    from conftest import edit

    edit(ldn / "handout.yaml", "outline: [summary, key_points, dosing, serious, do_not_take]",
         "outline: [summary, key_points, dosing, do_not_take]")
    code, _, err = run(["check", str(ldn)], capsys)
    assert code == 1 and "editions.card.outline: has neither 'side_effects' nor 'serious'" in err


@pytest.mark.parametrize("lang, name_label", [("en", "Name: "), ("ar", "الاسم: ")])
def test_a_personalised_wallet_card_is_filled_in_below_the_patients_box(lang, name_label):
    """With the patient's name known, the cut-out card still had 'Name: ____' for the pen, and
    the cards touched the patient's box (a user trial)."""
    from datetime import date

    from handout.boxes import RectItem, RuleItem
    from handout.model import Personal

    h = read(Target(FOLDER, (lang,))).handouts[0]
    p = Personal(patient="Ana Pérez", prescriber="Dr. Lee", prescriber_phone="555-123-4567", start=date(2026, 12, 7))
    b = pipeline.build(h, load_theme(), edition="wallet", personal=p)
    items = b.laid.pages[0].items
    filled = [" ".join(it.line.logical.replace("\u200e", "").split()) for it in items
              if isinstance(it, TextItem) and it.group.startswith("wallet/filled/") and it.role != "Artifact"]
    assert filled[:1] == [f"{name_label}Ana Pérez"] and "Dr. Lee, 555-123-4567" in filled[1], filled
    assert not [it for it in items if isinstance(it, RuleItem) and it.group.startswith("wallet/fill/")]
    box = next(it for it in items if isinstance(it, RectItem) and it.group == "personal")
    card = next(it for it in items if isinstance(it, RectItem) and it.group == "wallet")
    assert card.y - (box.y + box.h) >= 0.5 * MM, (box, card)


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_a_blank_wallet_cards_write_in_line_follows_its_label(lang):
    """On the Arabic and Persian cards the label was drawn at the left, on top of its own line:
    what the patient wrote went over it (an accessibility review).  The label is at the reading
    side, the line after it, apart."""
    from handout.boxes import RectItem, RuleItem

    items = built(lang, "wallet").laid.pages[0].items
    cards = [it for it in items if isinstance(it, RectItem) and it.group == "wallet"]
    rules = [it for it in items if isinstance(it, RuleItem) and it.group.rsplit("/", 1)[0] in ("wallet/fill", "wallet/source/fill")]
    labels = [it for it in items if isinstance(it, TextItem) and it.group.rsplit("/", 1)[0] in ("wallet/fill", "wallet/source/fill")]
    assert len(cards) == 2 and len(rules) == 4  # two lines on each of the two cards (a translation's second: "wallet/source/fill")
    for rule in rules:
        card = next(c for c in cards if c.x <= rule.x1 <= c.x + c.w)
        mine = [t for t in labels if card.x <= t.x <= card.x + card.w and rule.y1 - 30 < t.y <= rule.y1 + 1]
        assert mine
        for label in mine:
            if lang != "en" and label.lang != "en":  # (a translation's second card is in English)
                assert label.x >= rule.x2, (lang, label.x, rule.x2)  # right of its line
            else:
                assert label.x + label.line.width <= rule.x1, (lang, label.x + label.line.width, rule.x1)


@pytest.mark.parametrize("lang, title", [("ar", "أتناول النالتريكسون"), ("zh-Hans", "我在服用纳曲酮")])
def test_a_translations_second_wallet_card_is_in_english_for_an_emergency_team(lang, title):
    """An accessibility review: the Arabic, Persian and Chinese cards said 'opioid blocker' only in
    the patient's language, and a paramedic in a US emergency may read only English.  The second
    card is the source language's card, read too (tagged English), left to right."""
    from handout.boxes import RectItem

    b = built(lang, "wallet")
    items = b.laid.pages[0].items
    cards = sorted((it for it in items if isinstance(it, RectItem) and it.group == "wallet"), key=lambda c: c.x)
    texts = [it for it in items if isinstance(it, TextItem) and it.group.startswith("wallet/")
             and it.group != "wallet/cut"]
    second = cards[0] if lang in ("ar", "fa") else cards[1]  # right to left: the second card is on the left
    english = [t for t in texts if second.x <= t.x < second.x + second.w]
    own = [t for t in texts if t not in english]
    assert english and all(t.lang == "en" and t.role != "Artifact" for t in english)
    assert english[0].line.logical.startswith("I take naltrexone (LDN), an opioid blocker")
    assert all(t.x + t.line.width <= second.x + second.w for t in english)
    assert any(t.line.logical.startswith(title) for t in own) and not any(t.lang for t in own)
    spoken = " ".join(pdf_text(b.pdf))
    assert spoken.count("an opioid blocker") == 1
    # In the structure tree: the patient's card, then the English one, each element in one language
    # (under shared names an element held an Arabic line and its English one, tagged English).
    from tree_text import Reader

    heads = [n for n in Reader(b.pdf).tree().walk() if n.tag == "/H2" and n.all_text()]
    langs = [(n.lang, n.all_text()) for n in heads[:2]]
    assert langs[0][0] == "" and langs[0][1].startswith(title), langs
    assert langs[1] == ("en", "I take naltrexone (LDN), an opioid blocker."), langs
    for n in Reader(b.pdf).tree().walk():
        if n.tag in ("/P", "/H2") and n.text and n.lang == "en":
            assert not re.search(r"[\u0600-\u06ff\u4e00-\u9fff]", n.text), n.text


def test_wallet_cards_are_credit_card_size_two_per_page():
    from handout.boxes import RectItem
    from handout.wallet import CARD_H, CARD_W

    b = built("en", "wallet")
    cards = [it for it in b.laid.pages[0].items if isinstance(it, RectItem) and it.group == "wallet"]
    assert len(cards) == 2 and all(abs(c.w - CARD_W) < 0.01 and abs(c.h - CARD_H) < 0.01 for c in cards)
    text = " ".join(pdf_text(b.pdf))
    assert "opioid blocker" in text and "911" in text


def test_the_english_wallet_card_writes_in_only_what_an_english_reader_can_read_and_dial():
    """Found in review: a name in Arabic letters cannot be written into the left-to-right card, and a
    phone alone would not say whose it is: that line is left for the pen.  A phone in Arabic-Indic
    digits is written in Latin digits; a clinic's phone goes with the clinic's name, never beside
    the prescriber's ('Dr. Ali, <the clinic's phone>')."""
    from datetime import date

    from handout.model import Personal

    h = read(Target(FOLDER, ("ar",))).handouts[0]

    def english(**fields) -> list[str]:
        p = Personal(start=date(2026, 12, 7), **fields)
        items = pipeline.build(h, load_theme(), edition="wallet", personal=p).laid.pages[0].items
        return [" ".join(it.line.logical.split()) for it in items
                if isinstance(it, TextItem) and it.group.startswith("wallet/source/")]

    lines = english(patient="محمد أحمد", prescriber="د. سامي", prescriber_phone="555 123 4567")
    assert "Name:" in lines and "Prescriber and phone:" in " ".join(lines), lines  # left for the pen
    assert not [t for t in lines if "محمد" in t or "سامي" in t or "555" in t]
    lines = english(patient="Ana Lee", prescriber="Dr. Lee", prescriber_phone="٠١٢ ٣٤٥ ٦٧٨٩")
    assert "Prescriber and phone: Dr. Lee, 012 345 6789" in " ".join(lines), lines
    lines = english(patient="Ana Lee", prescriber="Dr. Lee", clinic="Riverside Clinic", clinic_phone="555 0199")
    assert "Prescriber and phone: Riverside Clinic, 555 0199" in " ".join(lines), lines


def test_a_name_in_the_patients_script_on_the_english_card_is_read_in_the_patients_language():
    """Found in review: a Chinese name written into the English card was tagged English with the
    card, so a screen reader read 张伟 with an English voice.  It is a /Span in the page's language."""
    from datetime import date

    from handout.model import Personal
    from tree_text import Reader

    h = read(Target(FOLDER, ("zh-Hans",))).handouts[0]
    p = Personal(start=date(2026, 12, 7), patient="张伟", prescriber="Dr. Lee")
    pdf = pipeline.build(h, load_theme(), edition="wallet", personal=p).pdf
    nodes = list(Reader(pdf).tree().walk())
    named = [n for n in nodes if n.tag == "/Span" and "张伟" in n.all_text()]
    assert named and all(n.lang == "zh-Hans" for n in named), [(n.tag, n.lang, n.all_text()) for n in named]
    english = [n for n in nodes if n.lang == "en" and "Dr. Lee" in n.all_text()]
    assert english, "the English card's line with the prescriber"
    assert not [n for n in nodes if n.tag == "/Span" and "Dr. Lee" in n.all_text() and n.lang == "zh-Hans"]


def test_a_blank_wallet_cards_lines_are_read_one_by_one():
    """A listening review: 'Nombre: Médico y teléfono:' was one paragraph, two lines to fill in heard as one phrase;
    and then each was heard with nothing after it: each says its line to write on, as the card's blanks do."""
    from tree_text import Reader

    paragraphs = [n.all_text().strip() for n in Reader(built("es", "wallet").pdf).tree().walk() if n.tag == "/P"]
    assert {"Nombre: espacio en blanco", "Médico y teléfono: espacio en blanco", "Name: blank",
            "Prescriber and phone: blank"} <= set(paragraphs), paragraphs
