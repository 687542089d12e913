"""Every form the web page offers prints: each bundled handout, each of its languages, each
edition on the page, with every personal field filled in to a realistic length.

A personalised edition prints the patient's box first when it fits.  When it does not, the
edition's pages stay as they are and the box follows them on one more page (``layout.layout``);
type never shrinks below the theme's floor (12 pt, 18 pt for large print).  The matrix is built
in-process with ``pipeline.build`` (glyph check, layout, PDF): 84 PDFs in about 3 s.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from functools import cache

import pytest

from conftest import DATA, pdf_text
from handout import content, pipeline
from handout.boxes import TextItem
from handout.errors import Code, HandoutError, Location
from handout.calendar_blocks import CALENDAR_MAX_PAGES
from handout.layout import PERSONAL_EXTRA_PAGES, Layouter, ladder, layout
from handout.model import CALENDAR, Personal
from handout.personal import check, merge
from handout.regions import apply
from handout.theme import load_theme
from handout.web import EDITIONS, create_app

START = date.today() + timedelta(days=7)  # (what the web form and the personal check take: within a year of today)
# The layout's fixed start: the plan's dates are printed, so how many lines they take, and so the pages, change
# with the start date ("28 dic – 10 ene" takes two lines where "27 dic – 9 ene" took one): "today plus a week" put
# the Spanish LDN's box on a third page from 2026-12-07 on, and every test below depended on the day it ran.
LAID_START = date(2027, 3, 1)
NOTE = ("Take it at bedtime with a glass of water. Call us if you feel sick or have vivid dreams "
        "for more than two weeks. Bring this sheet and your pill bottle to your next visit, on the "
        "date your clinic gives you. Do not stop a pain medicine without asking us first, please. "
        "We are here to help you every step of the way.")[:300]
FULL = dict(patient="Maria Guadalupe Fernández-Castellanos Ru", start=LAID_START,
            prescriber="Dr. Jonathan Whitfield-Moreno", prescriber_phone="+1 (617) 555-0142",
            clinic="Riverside Community Health Center", clinic_phone="+1 (617) 555-0199",
            pharmacy="Walgreens #04821, 1200 Main Street, (617) 555-0107", note=NOTE, weight_kg=18.5, per_kg_day=45.0)
WEB_EDITIONS = [name for name, _ in EDITIONS]


def full_form(h=None) -> Personal:
    """Every field the page has, at its longest; the weight (and the prescribed rate it is worked out
    at) only for a handout that prints it, and a course's days only for a plan that ends (a handout whose doses do not follow the weight leaves it
    off: personal.check)."""
    from handout.dosing import course_lengths

    p = merge(None, **FULL)
    assert len(p.patient) == 40 and len(p.note) == 300
    if h is not None and course_lengths(h.track()):  # a course that ends: its days (prescribed.prescribed_days)
        p = dataclasses.replace(p, course_days=course_lengths(h.track())[0][1])
    return p if h is None or h.facts.weight_based else dataclasses.replace(p, weight_kg=None, per_kg_day=None)


@cache
def handouts() -> dict[tuple[str, str], object]:
    found = {}
    for target in content.select([], DATA).targets:
        for h in content.read(target).handouts:
            found[(h.id, h.lang)] = apply(h, None)  # as the web page prints it
    return found


MATRIX = sorted(handouts())


def theme_for(h, edition: str):
    name = h.facts.edition(edition).theme if edition != CALENDAR else None
    return load_theme(name) if name else load_theme()


def laid_out(h, edition: str, personal: Personal):
    """The built PDF's layout (``pipeline.build`` picks the edition's theme), and that theme."""
    return pipeline.build(h, load_theme(), None, None, edition, personal).laid, theme_for(h, edition)


def test_the_matrix_is_every_bundled_handout_and_language():
    ids = {hid for hid, _ in MATRIX}
    assert ids >= {"ldn", "methotrexate", "prednisone", "amoxicillin", "acetaminophen"}
    assert len([1 for hid, _ in MATRIX if hid == "ldn"]) == 12
    assert set(WEB_EDITIONS) == {"standard", "large-print", "card", "calendar"}


@pytest.mark.parametrize("hid,lang", MATRIX, ids=[f"{h}-{lang}" for h, lang in MATRIX])
def test_every_edition_the_page_offers_prints_a_full_form(hid, lang):
    h = handouts()[(hid, lang)]
    p = full_form(h)
    # the form the page accepts, on a day a week before its fixed start (LAID_START: whatever day the tests run)
    assert not check(p, h, LAID_START - timedelta(days=7), Location("form"))
    # The page's editions, and any other the handout has (LDN's wallet card, built from the CLI).
    for edition in dict.fromkeys([*WEB_EDITIONS, *h.facts.edition_names]):
        laid, theme = laid_out(h, edition, p)  # raises if it does not fit
        limit = CALENDAR_MAX_PAGES if edition == CALENDAR else h.facts.edition(edition).max_pages + PERSONAL_EXTRA_PAGES
        assert len(laid.pages) <= limit, (edition, len(laid.pages))
        assert laid.settings.body >= theme.sizes.min_body and laid.settings.body == theme.sizes.body, edition
        where = [n for n, page in enumerate(laid.pages) for it in page.items
                 if isinstance(it, TextItem) and it.group.startswith("personal/")]
        assert where and len(set(where)) == 1, (edition, "the patient's box is on one page, never split")
        for page in laid.pages:  # and every page names the patient, the box's page or not (a card's front)
            foot = " ".join(it.line.logical for it in page.items if isinstance(it, TextItem) and it.group == "footer")
            assert p.patient in foot, (edition, page.number, foot)
        if laid.personal_at == "after":  # the edition as it is; the box after its last block
            assert where[0] == len(laid.pages) - 1
            assert len(laid.pages) - 1 <= h.facts.edition(edition).max_pages


def test_where_the_extra_page_is_taken():
    """The box goes first whenever the edition has room, and after the QR code when that keeps the
    edition's pages; when one more page is taken, a sheet keeps the box first and a card keeps its
    front, the box on its back."""
    p = full_form()
    got = {}
    for hid, lang in (("ldn", "ru"), ("ldn", "es"), ("ldn", "en"), ("methotrexate", "en")):
        for edition in ("standard", "card", "large-print"):
            laid, _ = laid_out(handouts()[(hid, lang)], edition, p)
            got[(hid, lang, edition)] = (laid.personal_at, len(laid.pages))
    assert got[("ldn", "es", "standard")] == ("first", 3)  # on top, the handout flowing onto a second sheet
    assert got[("ldn", "ru", "standard")] == ("after", 2)  # the box after the QR code, still 2 pages
    assert got[("ldn", "en", "standard")] == ("first", 2)
    assert got[("methotrexate", "en", "card")] == ("after", 2)
    assert got[("ldn", "es", "large-print")][0] == "first"


@pytest.mark.parametrize("hid,lang", [("prednisone", "en"), ("ldn", "es"), ("methotrexate", "en")])
def test_a_note_on_one_more_page_is_read_before_the_handout(hid, lang):
    """A sheet that takes one more page for the patient keeps the box, and the prescriber's note in
    it, on top of page 1: after the QR code on a third page, "Take 30 mg every morning on days 1 to
    3" under prednisone's taper was the last thing read (the first page's order, as a screen reader
    reads it: the title, then the patient's box, then the key points)."""
    h = handouts()[(hid, lang)]
    form = full_form(h)
    laid, _ = laid_out(h, "standard", form)
    assert len(laid.pages) == h.facts.edition("standard").max_pages + PERSONAL_EXTRA_PAGES  # one more page taken
    first = [it for it in laid.pages[0].items if isinstance(it, TextItem) and it.role != "Artifact"]
    groups = [it.group.split("/")[0] for it in first]
    assert "personal" in groups and groups.index("personal") < next(
        k for k, g in enumerate(groups) if g not in ("draft", "title", "personal")), groups[:12]
    said = " ".join(it.line.logical for it in first if it.group.startswith("personal"))
    assert form.note and form.note.split()[-1] in " ".join(said.split())


def test_a_card_keeps_its_front_and_carries_the_patient_on_its_back():
    h = handouts()[("methotrexate", "en")]
    plain, _ = laid_out(h, "card", merge(None))
    laid, _ = laid_out(h, "card", full_form())
    assert len(plain.pages) == 1 and laid.personal_at == "after" and len(laid.pages) == 2

    def front(laid_out):
        return [it.line.logical for it in laid_out.pages[0].items
                if isinstance(it, TextItem) and it.role != "Artifact" and not it.group.startswith("footer")]

    texts = front(laid)
    assert texts[-1] == front(plain)[-1]  # the card's last line is still on its front
    # The front, whose doses are the patient's, still names whose they are (in its footer, for the eye).
    foot = [it for it in laid.pages[0].items if isinstance(it, TextItem) and it.group == "footer"]
    assert any(full_form().patient in it.line.logical for it in foot) and {it.role for it in foot} == {"Artifact"}
    assert not any(full_form().patient in it.line.logical for it in plain.pages[0].items if isinstance(it, TextItem))
    assert not any(g.group.startswith("personal") for g in laid.pages[0].items if isinstance(g, TextItem))


@pytest.mark.parametrize("hid,lang,edition,last,extra", [
    ("ldn", "ru", "standard", True, 0), ("ldn", "es", "standard", False, 1), ("methotrexate", "en", "card", True, 1)])
def test_the_search_still_finds_the_loosest_settings_with_the_box_moved(hid, lang, edition, last, extra):
    h = handouts()[(hid, lang)]
    theme = theme_for(h, edition)
    found = layout(h, theme, edition=edition, personal=full_form()).settings
    probe = Layouter(h, theme, edition=edition, personal=full_form(), personal_last=last, extra=extra)
    assert found == next(st for st in ladder(theme) if probe.fits(st))


@pytest.mark.parametrize("hid,lang,edition,pages", [
    ("ldn", "es", "large-print", 6), ("ldn", "fr", "standard", 3), ("ldn", "ru", "standard", 3),
    ("methotrexate", "en", "card", 2), ("ldn", "ht", "card", 2)])
def test_a_sample_is_drawn(hid, lang, edition, pages):
    # A fixed start: the plan's dates are printed.  The French LDN with every field at its longest takes a third
    # page since its alcohol and off-label sentences say what the English says (a translation review: 'ce qui est
    # sans danger pour vous', 'sa notice ne cite pas cet usage'), the patient's box on the second sheet.
    form = dataclasses.replace(full_form(), start=date(2027, 3, 8))
    built = pipeline.build(handouts()[(hid, lang)], load_theme(), None, None, edition, form)
    assert built.pages == pages
    text = re.sub(r"\s+", " ", " ".join(pdf_text(built.pdf)))
    assert "Castellanos" in text and "Riverside" in text and "+1 (617) 555-0142" in text


def test_a_form_that_cannot_fit_says_what_to_do_not_which_file_to_edit(monkeypatch):
    from handout import layout as layout_module

    monkeypatch.setattr(layout_module, "PERSONAL_EXTRA_PAGES", 0)  # as if there were no extra page
    h = handouts()[("ldn", "es")]
    long = dataclasses.replace(h.facts, max_pages=2)  # it fits alone, not with the form (f223bd8)
    with pytest.raises(HandoutError) as exc:
        layout(dataclasses.replace(h, facts=long), load_theme(), personal=full_form())
    f = exc.value.findings[0]
    assert f.code == Code.FIT and "patient's details" in f.message and "shorten the note" in f.message
    assert ".yaml" not in f.message and "data/" not in f.format()


def test_details_that_do_not_fit_without_a_note_are_not_told_to_shorten_one():
    """A code review: 'shorten the note or leave out a detail' was said when no note was given."""
    from types import SimpleNamespace

    from handout import overflow
    from handout.boxes import Page
    from handout.layout import ladder

    h = handouts()[("ldn", "en")]
    theme = load_theme()
    lay = SimpleNamespace(h=h, theme=theme, paper=None, track=None, edition="standard", max_pages=2, edition_pages=2,
                          personal_last=False, personal=dataclasses.replace(full_form(), note=None), _excess={})
    over = [Page(1), Page(2), Page(3, used=50.0)]  # a third page: over
    for note, said in ((None, False), ("Call us if you feel unwell.", True)):
        lay.personal = dataclasses.replace(full_form(), note=note)
        with pytest.raises(HandoutError) as exc:
            overflow.refuse(lay, over, 0.0, ladder(theme)[-1])  # type: ignore[arg-type]
        f = exc.value.findings[0]
        assert "patient's details" in f.message and ("shorten the note" in f.message) == said, f.message


def web_form(**extra):
    from handout.websafety import csrf_token

    form = {k: str(v) for k, v in FULL.items() if k not in ("weight_kg", "per_kg_day")}  # LDN's doses do not follow the weight
    form["start"] = START.isoformat()
    return {"handout": "ldn", "csrf": csrf_token(), **form, **extra}


@pytest.fixture(scope="module")
def client():
    return create_app(DATA, rate="1000 per minute").test_client()


@pytest.mark.parametrize("lang,edition", [("es", "large-print"), ("fr", "standard"), ("ru", "card")])
def test_the_web_page_prints_a_full_form(client, lang, edition):
    resp = client.post("/pdf", data=web_form(lang=lang, edition=edition))
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    assert "Castellanos" in " ".join(pdf_text(resp.data))


def test_the_web_page_speaks_to_the_clinician_when_it_cannot_fit(client, monkeypatch):
    from handout import layout as layout_module

    monkeypatch.setattr(layout_module, "PERSONAL_EXTRA_PAGES", 0)  # as if there were no extra page
    resp = client.post("/preview", data=web_form(lang="ru", edition="standard"))
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "Shorten the note, or choose another edition." in html
    assert not re.search(r"\.ya?ml|data/|max_pages|tell the person", html)


@pytest.mark.parametrize("hid,lang", MATRIX, ids=[f"{h}-{lang}" for h, lang in MATRIX])
def test_a_name_never_costs_the_footer_a_line(hid, lang):
    """The patient's name sits beside the page number on every page, in every theme.  Beside it the
    review status and version (and the next review date if it fits); where not even those fit (the
    web form's 80 letters) they follow the handout's last block instead.  Up to 40 letters the
    footer's height, and with it every page's room, is as it was without a name (80 letters in
    large print wrap: the name itself takes a second line)."""
    from handout import furniture

    h = handouts()[(hid, lang)]
    for theme in (load_theme(), load_theme("large-print")):
        heights, in_flow = [], []
        for patient in (None, "Maria Fernández Ruiz", "Maria Fernández-Castellanos", FULL["patient"],
                        "Maximiliano Alejandro Fernández-Rodríguez de la Cruz y Montenegro Valderrama Sr"):
            lay = Layouter(h, theme, personal=dataclasses.replace(full_form(h), patient=patient))
            ctx = lay.ctx(ladder(theme)[0])
            items, height = furniture.footer(lay, ctx, 12, 12)
            heights.append(height)
            foot = " ".join(" ".join(it.line.logical for it in items
                                     if isinstance(it, TextItem) and it.group == "footer").split())  # (a name may wrap)
            dates = [it for it in items if isinstance(it, TextItem) and it.group == "footer/review"]
            block = furniture.review_block(lay, ctx)
            assert (patient or "") in foot and not (block and foot.rstrip().endswith("·")), foot  # no dangling dot
            assert bool(dates) != bool(block), (patient, theme.name)  # the dates once: in the footer or after
            said = " ".join(" ".join(it.line.logical for it in dates or block[0].items if isinstance(it, TextItem)).split())
            assert lay.review_parts[0] in said and lay.review_parts[2] in said, said  # status and version, always
            in_flow.append(bool(block))
        assert max(heights[1:4]) <= heights[0], (theme.name, heights)
        if theme.name == "default":  # names of up to 40 letters keep them in the footer
            assert in_flow[:4] == [False] * 4, in_flow


LONGEST = "Maximiliano Alejandro Fernández-Rodríguez de la Cruz y Montenegro Valderrama Sr."  # the web form's 80


@pytest.mark.parametrize("theme", ["default", "large-print"])
@pytest.mark.parametrize("hid,lang,paper", [("methotrexate", "en", None), ("methotrexate", "ar", "a4"),
                                            ("prednisone", "en", None), ("amoxicillin", "en", "a4"),
                                            ("ldn", "en", None)])
def test_a_calendar_keeps_its_review_status_and_version_beside_the_longest_name(hid, lang, paper, theme):
    """Reviews: beside the web form's 80 letters the calendar's footer had no room for the review
    status and version, and a calendar has no handout block for them to follow: the fridge page
    carried nothing to check against a revision, nor that it was not yet reviewed; in large print
    a name of 65 letters already wrapped.  They take a footer line of their own: on every page,
    read once."""
    from tree_text import read_aloud

    from handout import furniture

    h = handouts()[(hid, lang)]
    assert len(LONGEST) == 80
    personal = merge(None, patient=LONGEST, start=START, weight_kg=18.5 if h.facts.weight_based else None)
    built = pipeline.build(h, load_theme(theme), paper, None, CALENDAR, personal)
    lay = Layouter(h, load_theme(theme), paper, None, CALENDAR, personal)
    furniture.footer(lay, lay.ctx(ladder(load_theme(theme))[0]), 1, 1)
    status, _, version = lay.review_parts  # "Not yet reviewed", "Version 1.0", in the handout's language
    for page in built.laid.pages:
        foot = " ".join(it.line.logical for it in page.items if isinstance(it, TextItem) and it.group == "footer/review")
        assert status in foot and version in foot, (page.number, foot)
    heard = " ".join(read_aloud(built.pdf).split())
    assert heard.count(" ".join(status.split())) == 1 and heard.count(" ".join(version.split())) == 1


@pytest.mark.parametrize("hid,lang,edition,paper", [("ldn", "ru", "card", "a4"), ("ldn", "tl", "card", "a4"),
                                                    ("acetaminophen", "en", "large-print", "a4")])
def test_the_dates_that_follow_the_handout_never_take_a_page_alone(hid, lang, edition, paper):
    """A review: with a 27-letter name the review dates left the footer for a line after the
    handout, and a Russian card on A4 printed a back holding that line only.  They keep to the
    block before them."""
    h = handouts()[(hid, lang)]
    forms = [merge(None, patient=name, start=START) for name in ("Maria Fernández-Castellanos", FULL["patient"])]
    for personal in forms + [dataclasses.replace(full_form(h), patient=p.patient) for p in forms]:
        patient = personal.patient
        laid = pipeline.build(h, load_theme(), paper, None, edition, personal).laid
        for page in laid.pages:
            groups = {it.group.split("/")[0] for it in page.items if isinstance(it, TextItem)}
            assert groups - {"footer", "draft"}, (patient, page.number, groups)


def test_the_page_more_is_the_patients_box_never_room_for_words_that_do_not_fit(tmp_path, capsys):
    """A clinic author's review: words that `check` refused ('does not fit in 2 pages') were built for a patient on 3
    pages, the box first and the words flowing onto the page more.  The edition as written must fit its own pages."""
    import shutil

    from conftest import edit, run

    folder = tmp_path / "data" / "ldn"
    shutil.copytree(DATA / "ldn", folder)
    first = "Take **1 capsule at bedtime**. Your dose goes up slowly over a few weeks."
    edit(folder / "en.yaml", first, first + " Keep your capsules in a dry place." * 50)
    out = tmp_path / "out"
    code, _, err = run(["build", "ldn", "--data", str(tmp_path / "data"), "--lang", "en", "--edition", "standard",
                        "--patient", "Ana", "--out", str(out)], capsys)
    assert code == 1 and not list(out.rglob("*.pdf")), err
    assert "error: max_pages: handout 'ldn' in language 'en' does not fit in 2 pages" in err, err
