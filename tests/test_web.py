"""The clinician's web page: form validation, bounds, no caching, and a real browser end to end."""

from __future__ import annotations

import os
import re
import shutil
import threading
from datetime import date, timedelta

import pytest

from conftest import DATA, pdf_text
from handout.web import create_app

START = (date.today() + timedelta(days=3)).isoformat()


@pytest.fixture(scope="module")
def client():
    app = create_app(DATA, rate="1000 per minute")
    return app.test_client()


def form(**extra):
    from handout.websafety import csrf_token

    return {"handout": "ldn", "lang": "en", "edition": "standard", "csrf": csrf_token(), **extra}


def test_page_lists_languages_in_their_own_names(client):
    resp = client.get("/")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and resp.headers["Cache-Control"] == "no-store"
    for name in ("English (en)", "Español (es)", "العربية (ar)", "中文 (简体) (zh-Hans)", "Tagalog (tl)", "한국어 (ko)", "हिन्दी (hi)"):
        assert name in html, name


def test_personalised_pdf_is_made_in_memory(client, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    resp = client.post("/pdf", data=form(patient="Ana Pérez", start=START, prescriber_phone="555 123 4567"))
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    assert resp.headers["Cache-Control"] == "no-store"
    assert "Ana" not in resp.headers["Content-Disposition"]
    assert "Ana Pérez" in " ".join(pdf_text(resp.data))
    assert not any(tmp_path.rglob("*.pdf")) and not os.path.exists(DATA.parent / "output" / "personal")


def test_the_browser_stops_each_field_where_the_server_would_refuse_it(client):
    """A review: the name field let 120 characters be typed, and the server refused past 80."""
    from handout.fields import MAX_TEXT

    html = client.get("/").get_data(as_text=True)
    for name in ("patient", "note", "pharmacy"):
        assert re.search(rf'id="{name}"[^>]*maxlength="{MAX_TEXT[name]}"', html), name


def test_a_handouts_own_edition_is_offered_and_printed(client):
    """A review: the page refused LDN's wallet card ("I take an opioid blocker", the card a patient carries), which the
    command line prints."""
    html = client.get("/").get_data(as_text=True)
    assert 'value="wallet"' in html
    resp = client.post("/pdf", data=form(patient="Ana Pérez", edition="wallet"))
    assert resp.status_code == 200 and resp.mimetype == "application/pdf", resp.get_data(as_text=True)[:500]
    assert "Ana Pérez" in " ".join(pdf_text(resp.data))


@pytest.mark.parametrize("data,field,message", [
    ({"start": "2099-01-01"}, "start", "more than a year from today"),
    ({"start": "yesterday"}, "start", "Use a date like 2026-12-01."),
    ({"prescriber_phone": "call me"}, "prescriber_phone", "is not a phone number"),
    ({"patient": "x" * 500}, "patient", "must be 1 to 80 characters"),
    ({"track": "fast"}, "track", "no such track in handout 'ldn'"),
    ({"handout": "nope"}, "handout", "Choose a handout from the list."),
    ({"lang": "xx"}, "lang", "not available in that language"),
    ({"edition": "calendar"}, "start", "The dose calendar needs a start date."),
    # a handout's own edition is offered, and refused for a handout without it (a review: LDN's wallet card was not)
    ({"handout": "methotrexate", "edition": "wallet"}, "edition", "This handout has no such edition"),
    ({"edition": "pocket"}, "edition", "Choose an edition from the list."),
])
def test_bad_input_gets_a_4xx_with_the_message_next_to_its_field(client, data, field, message):
    resp = client.post("/preview", data=form(**data))
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert f'id="{field}-error">' in html and message in html.replace("&#39;", "'")


@pytest.mark.parametrize("data, field", [({"handout": "nope"}, "handout"), ({"edition": "pocket"}, "edition"),
                                         ({"lang": "xx"}, "lang"), ({"note": "Take 45 mg each night."}, "note")])
def test_a_field_with_a_problem_is_marked_invalid_and_tied_to_its_message(client, data, field):
    """A review: the select boxes were not marked (a screen reader said nothing was wrong with them)."""
    html = client.post("/preview", data=form(**data)).get_data(as_text=True)
    tag = re.search(rf'<(?:select|input|textarea) id="{field}"[^>]*>', html)
    assert tag is not None and 'aria-invalid="true"' in tag.group(0), html
    assert f'aria-describedby="{field}-error"' in tag.group(0) and f'id="{field}-error"' in html
    assert html.count('aria-invalid="true"') == 1  # (only the field with the problem)


def test_a_message_beside_a_field_names_the_pages_boxes_not_the_command_lines_options(client):
    """A clinician's review: a note's dose was refused with "... a track of the handout that gives it, --track", an
    option the page has no box called."""
    resp = client.post("/preview", data=form(patient="Ana", note="Take 45 mg each night."))
    html = resp.get_data(as_text=True).replace("&#39;", "'")
    said = html.split('id="note-error">', 1)[1].split("</div>", 1)[0]
    assert resp.status_code == 422 and "'45 mg' in the note is not a dose the plan gives" in said, said
    assert "--" not in said and "the 'Titration track (blank: the usual one)' box" in said, said


@pytest.mark.parametrize("patient", ["Ana \U0001F48A", "\u0622\u0646\u0627"])
def test_a_name_the_handout_cannot_print_is_said_to_be_the_names_problem(client, patient):
    """A review: 'Ana 💊' (or an Arabic name on an English handout) was told 'This handout cannot
    be printed in this language and edition right now', blaming the handout."""
    resp = client.post("/preview", data=form(patient=patient))
    html = resp.get_data(as_text=True).replace("&#39;", "'")
    assert resp.status_code == 422 and "cannot be printed in this language" not in html
    assert "look after the handouts" not in html  # the clinician's to change, not the content keeper's
    # said beside the patient's box, which is marked (a clinician's review: it was in the preview's column)
    beside = html.split('id="patient-error">', 1)[1].split("</div>", 1)[0]
    assert "characters the handout cannot print" in beside, html
    assert re.search(r'<input id="patient"[^>]*aria-invalid="true"', html) and 'id="problems"' not in html


def test_a_warning_is_said_with_the_preview_never_a_refusal(client):
    """A start date gone by and a weight-based handout without a weight are warnings: the web
    page refused them (422) once they were added, and with them most prescriptions an EHR
    sends (their start is usually yesterday).  The PDF is made; the preview says them."""
    from datetime import date, timedelta

    past = (date.today() - timedelta(days=2)).isoformat()
    html = client.post("/preview", data=form(handout="amoxicillin", patient="Ana", start=past, per_kg_day="45",
                                        course_days="10")).data.decode()
    assert 'id="notes"' in html and "is in the past" in html and "No weight" in html and 'id="problems"' not in html
    assert "--weight" not in html  # worded for the page, not the command line
    # The empty form is the plain handout, its dose lines blank for the pen: nothing to warn about.
    html = client.post("/preview", data=form(handout="amoxicillin")).data.decode()
    assert 'id="notes"' not in html and "No weight" not in html and "2 pages" in html, html[:3000]
    for data in (form(patient="Ana", start=past),
                 form(handout="amoxicillin", patient="Ana", start=past, per_kg_day="45", course_days="10")):
        # Download without Preview: the warnings are shown first, with the preview, never skipped.
        first = client.post("/pdf", data=data)
        page = first.data.decode()
        assert first.status_code == 200 and first.mimetype == "text/html"
        assert 'id="confirm"' in page and "is in the past" in page and "<img src=\"data:image/png" in page
        seen = re.search(r'name="seen" value="([0-9a-f]+)"', page).group(1)
        r = client.post("/pdf", data={**data, "seen": seen})  # Download again: the PDF
        assert r.status_code == 200 and r.mimetype == "application/pdf", r.data[-2000:]
        assert client.post("/pdf", data={**data, "seen": "0" * 16}).mimetype == "text/html"  # other warnings
        # The same kind of warning for another patient, or another dose: that PDF was never shown.
        for change in ({"patient": "Bea"}, {"weight_kg": "21", "per_kg_day": "45"}):
            again = client.post("/pdf", data={**data, **change, "seen": seen})
            assert again.mimetype == "text/html" and 'id="confirm"' in again.data.decode(), change
    html = client.post("/preview", data=form(handout="acetaminophen", patient="Ana", weight_kg="70")).data.decode()
    assert "The weight is not printed" in html  # a code's words for the page, not the path's
    ok = client.post("/pdf", data=form(patient="Ana"))  # nothing to check: the PDF at once
    assert ok.mimetype == "application/pdf"


def test_odd_input_never_crashes(client):
    script = "<script>alert(1)</script>"
    resp = client.post("/preview", data=form(patient=script, note=script))
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "<script>alert" not in html  # escaped, and the PDF drew it as text
    assert client.post("/pdf", data={"csrf": form()["csrf"]}).status_code == 422
    assert client.post("/pdf", data={}).status_code == 403  # no CSRF token
    assert client.post("/pdf", data=form(note="x" * 20000)).status_code == 413
    assert client.get("/pdf").status_code == 405
    assert client.get("/nothing-here").status_code == 404


def test_rate_is_bounded():
    c = create_app(DATA, rate="3 per minute").test_client()
    codes = [c.post("/preview", data=form(lang="xx")).status_code for _ in range(5)]
    assert codes[:3] == [422, 422, 422] and codes[3:] == [429, 429]


def chromium() -> str | None:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None and os.environ.get("CI"):
        pytest.fail("chromium is not installed (.ci/run installs Debian's chromium)")
    return path


def test_in_a_real_browser(tmp_path):
    exe = chromium()
    if exe is None:
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright
    from waitress.server import create_server

    server = create_server(create_app(DATA, rate="1000 per minute"), host="127.0.0.1", port=0, threads=2)
    port = server.effective_port
    stop = threading.Event()

    def serve() -> None:  # server.run, in steps: closing its socket under a running select() was EBADF
        while not stop.is_set():
            server.asyncore.loop(timeout=0.05, map=server._map, count=1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"])
            page = browser.new_page(viewport={"width": 1200, "height": 1000}, accept_downloads=True)
            page.goto(f"http://127.0.0.1:{port}/")
            page.screenshot(path=str(tmp_path / "before.png"))
            page.select_option("#handout", "ldn")  # five handouts now: the first in the list has no Spanish
            page.select_option("#lang", "es")
            page.fill("#patient", "Ana Pérez")
            page.fill("#start", START)
            page.fill("#prescriber", "Dra. López")
            page.click("#preview-button")
            page.wait_for_selector("#preview-summary")
            assert page.locator(".preview img").count() == 2
            page.screenshot(path=str(tmp_path / "after.png"), full_page=False)
            with page.expect_download() as info:
                page.click("#download-button")
            target = tmp_path / "handout.pdf"
            info.value.save_as(target)
            # Download without Preview, with a start date gone by: the warning and the preview come
            # first; the second press sends the PDF.
            page.goto(f"http://127.0.0.1:{port}/")
            page.select_option("#handout", "ldn")
            page.fill("#patient", "Ana Pérez")
            page.fill("#start", (date.today() - timedelta(days=3)).isoformat())
            page.click("#download-button")
            page.wait_for_selector("#confirm")
            assert "is in the past" in page.inner_text("#notes") and page.locator(".preview img").count() == 2
            page.screenshot(path=str(tmp_path / "confirm.png"))
            with page.expect_download() as again:
                page.click("#download-button")
            assert again.value.suggested_filename == "ldn.en.pdf"
            browser.close()
        text = " ".join(pdf_text(target.read_bytes()))
        assert "Ana Pérez" in text and "Dra. López" in text
        from handout.localize import Localizer

        start = date.fromisoformat(START)
        dates = Localizer("es").date_range_said(start, start + timedelta(days=13))  # as read (the line's ActualText)
        assert " ".join(dates.split()) in " ".join(text.split())
    finally:
        stop.set()
        thread.join(5)
        server.close()



def test_a_track_chosen_alone_is_printed(client, tmp_path, capsys):
    """The titration track the prescriber chose prints with no other field filled in: the same PDF
    as handout build --track (the page once printed the usual plan unless another field was given)."""
    from conftest import run

    alone = client.post("/pdf", data=form(track="slow"))
    assert alone.status_code == 200 and alone.data != client.post("/pdf", data=form()).data
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--edition", "standard", "--track", "slow",
                        "--out", str(tmp_path), "-j", "1", "-q"], capsys)
    assert code == 0, err
    assert alone.data == (tmp_path / "ldn" / "ldn.en.slow.pdf").read_bytes()
