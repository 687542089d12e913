"""``handout serve``: a local web page for clinicians (Flask, server-side templates, waitress).

A form in, a preview (PNG pages) or the PDF out.  Personalised PDFs are made in
memory and never written on the server; every response says ``Cache-Control:
no-store``.  Requests are bounded in size and rate (Flask-Limiter), odd input gets a
4xx with the problem next to its field, and nothing a clinician types reaches a
log.  It binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import base64
import io
import logging
import threading
from datetime import date
from pathlib import Path

from flask import Flask, Response, g, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from . import content, infobutton, personalize, policy, websafety
from .webcatalog import EDITIONS, Live  # noqa: F401 (EDITIONS: the page's, as tests read them)
from .errors import Code, Finding, HandoutError, Location
from .model import CALENDAR, STANDARD, Handout, Personal
from .fields import BY_NAME
from .fields import FIELDS as PERSONAL_FIELDS
from .personal import READERS
from .personal import parse as parse_personal
from .theme import load_theme

# (name, label, input type, most characters: the browser stops where the server would refuse; it let a name of 120
# characters be typed and the server refused past 80, a review)
FIELDS = [(f.name, f.label, f.widget, f.max_len or 120) for f in PERSONAL_FIELDS if f.label is not None]
MAX_BODY = 16 * 1024  # a filled form is well under 2 KB
MAX_UPLOAD = websafety.MAX_BODY  # with a MedicationRequest: a few KB, more with a narrative
MAX_QUERY = 2048  # an Infobutton request is a few hundred characters
def create_app(data_dir: Path = Path("data"), rate: str = "60 per minute", fallback_lang: str = "en") -> Flask:
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD
    logging.getLogger("waitress").setLevel(logging.WARNING)  # no request lines (they carry form data)
    theme = load_theme()
    state = [Live(data_dir, theme)]
    reading = threading.Lock()
    # One budget per client across every page, Retry-After on 429 (websafety guards the rest).
    Limiter(get_remote_address, app=app, storage_uri="memory://", application_limits=[rate], headers_enabled=True)
    websafety.install(app)

    @app.before_request
    def fresh() -> None:
        """The content as it is now: an edited sentence, a stale translation or a deleted handout was served as
        it was when the page started, until a restart (a portal administrator's trial).  Read once, by one
        request, while the others wait for it; each request keeps the reading it began with (``Live``)."""
        if content.signature(data_dir) != state[0].seen:
            with reading:
                if content.signature(data_dir) != state[0].seen:
                    old, state[0] = state[0], Live(data_dir, theme)
                    old.forget()  # (its PDFs freed now: a request still using it only computes again)
        g.live = state[0]

    def live() -> Live:
        return g.live

    def page(form: dict, errors: dict, problems: list[str], pages: list[str], status: int = 200,
             notes: list[str] | None = None, confirm: bool = False, shown: bytes = b"") -> Response:
        catalog = live().catalog
        handouts = [{"id": hid, "title": (by.get("en") or next(iter(by.values()))).text.title}
                    for hid, by in catalog.handouts.items()]
        html = render_template("index.html", handouts=handouts, languages=catalog.languages(), editions=live().editions,
                               fields=FIELDS, form=form, errors=errors, problems=problems, pages=pages,
                               notes=notes or [], seen=_seen(notes or [], shown), confirm=confirm)
        return Response(html, status=status, mimetype="text/html")

    def parse(today: date) -> tuple[dict[str, str], dict[str, str], Handout | None, Personal | None, str, list[str]]:
        form = {k: (request.form.get(k) or "").strip() for k in ("handout", "lang", "edition", *[f[0] for f in FIELDS])}
        errors: dict[str, str] = {}
        catalog = live().catalog
        h = catalog.handouts.get(form["handout"], {}).get(form["lang"])
        if form["handout"] not in catalog.handouts:
            errors["handout"] = "Choose a handout from the list."
        elif h is None:
            errors["lang"] = "This handout is not available in that language."
        edition = form["edition"] or STANDARD
        if edition not in dict(live().editions):
            errors["edition"] = "Choose an edition from the list."
        elif h is not None and edition not in (*h.facts.edition_names, CALENDAR):
            errors["edition"] = "This handout has no such edition: choose another from the list."
        personal = None
        notes: list[str] = []
        if h is not None:
            personal, unread = parse_personal({name: form[name] for name, _, _, _ in FIELDS}, None, Location("form"))
            for f in unread:  # the reader's words for a clinician, beside the field
                errors[f.path] = READERS[BY_NAME[f.path].kind].plain
            upload = request.files.get("medication_request")
            rx: bytes | None = None
            if upload is not None and upload.filename:
                rx = upload.read()  # an empty file too: refused beside the field, never the usual plan
            elif request.form.get("prescription"):
                # The prescription the page showed (Preview, or a warning first): a browser never fills
                # a file field again.  Kept only for the same patient, handout and language.
                if request.form.get("prescription_for") == _bound(form):
                    rx = request.form["prescription"].encode()
                else:
                    notes.append("The prescription chosen before was cleared: the patient, handout or language "
                                 "changed. Choose the file again to use it.")
            if rx is not None:
                h, personal = _prescribed(h, personal, rx, form, errors, notes)
                if "medication_request" not in errors:  # a bad file is chosen again, not kept
                    form["prescription"] = rx.decode("utf-8", "replace")
                    form["prescription_for"] = _bound(form)
            for f in personalize.problems(h, personal, edition, today):  # the CLI's questions, answered beside the field
                if f.severity != "error":  # a start date gone by, no weight: said with the preview, never a refusal
                    notes.append(WEB_NOTES.get(f.code or "", on_page(f.message)))
                    continue
                errors.setdefault(f.path, "The dose calendar needs a start date." if f.code == Code.NO_START
                                  else on_page(f.message))
            if rx is not None and not form["start"] and "start" in errors and "medication_request" not in errors:
                # (the prescription's own start, out of range: said at the file, not at the empty start box; a
                # clinician's review)
                errors["medication_request"] = "The prescription's start date " + errors.pop("start")
        return form, errors, h, personal, edition, notes

    def _verdict(h: Handout) -> policy.Verdict:
        return live().verdict(h)

    def build(h: Handout, p: Personal, edition: str, today: date) -> bytes:
        return personalize.build(h, p, theme, edition, today).pdf

    @app.get("/")
    def index() -> Response:
        first = next(iter(live().catalog.handouts), "")
        form = {"handout": first, "lang": "en", "edition": STANDARD, **{f[0]: "" for f in FIELDS}}
        return page(form, {}, [], [])

    def attempt() -> tuple[Response | None, Handout | None, bytes, str, list[str], dict[str, str]]:
        """Parse and build; on a problem, the form page (422) with the problem where it belongs; else
        the PDF, what to say with it (warnings) and the form as the page shows it again."""
        today = date.today()
        form, errors, h, personal, edition, notes = parse(today)
        if errors or h is None or personal is None:
            return page(form, errors, [], [], 422), None, b"", edition, [], form
        verdict = _verdict(h)  # the same decision as the CLI's (placeholders, stale, checks)
        if not verdict.allowed:
            return page(form, {}, websafety.clinician_message(verdict.findings), [], 422), None, b"", edition, [], form
        try:
            return None, h, build(h, personal, edition, today), edition, notes, form
        except HandoutError as exc:
            # A character the handout cannot print is said beside the box it was typed in (it was said in the
            # preview's column, away from the field: a clinician's review); the rest as before.
            boxes = {f.path: websafety.CHARS_BESIDE for f in exc.findings
                     if f.code == Code.PERSONAL_CHARS and f.path in {name for name, *_ in FIELDS}}
            rest = [f for f in exc.findings if not (f.code == Code.PERSONAL_CHARS and f.path in boxes)]
            problems = websafety.clinician_message(rest) if rest else []
            return page(form, boxes, problems, [], 422), None, b"", edition, [], form

    @app.post("/preview")
    def preview() -> Response:
        problem, _, data, _, notes, form = attempt()
        if problem is not None:
            return problem
        return page(form, {}, [], _png_pages(data), notes=notes, shown=data)

    @app.post("/pdf")
    def pdf() -> Response:
        problem, h, data, edition, notes, form = attempt()
        if problem is not None or h is None:
            return problem  # type: ignore[return-value]  # attempt() gives a problem whenever h is None
        if notes and request.form.get("seen") != _seen(notes, data):
            # Warnings nobody has seen (Download pressed without Preview): the PDF would have gone
            # to the patient with blank dose lines or a calendar begun days ago, unsaid.  The page
            # shows them with the preview; Download again sends the PDF (the prescription kept:
            # a browser does not fill a file field again, and the second press sent the usual plan).
            # The token names this very PDF: another patient, dose or date is previewed again.
            return page(form, {}, [], _png_pages(data), notes=notes, confirm=True, shown=data)
        suffix = "" if edition == STANDARD else f".{edition}"
        return Response(data, mimetype="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="{h.id}.{h.lang}{suffix}.pdf"'})

    @app.get("/infobutton")
    def knowledge_request() -> Response:
        """HL7 Infobutton knowledge request (URL-based): a feed of matching handouts, or the PDF."""
        if len(request.query_string) > MAX_QUERY:
            return Response("The request is too long.\n", status=414, mimetype="text/plain")
        now = live()
        status, mimetype, body = infobutton.respond(now.catalog.handouts, request.args.to_dict(flat=False),
                                                    request.url_root, fallback_lang,
                                                    lambda h, e: now.pdf_of(h.id, h.lang, e), now.withheld(date.today()))
        headers = {"Content-Disposition": "inline"} if mimetype == "application/pdf" else {}
        return Response(body, status=status, mimetype=mimetype, headers=headers)

    @app.get("/handout/<hid>/<lang>/<edition>.pdf")
    def handout_pdf(hid: str, lang: str, edition: str) -> Response:
        """One handout's PDF, as the Infobutton feed links it (made in memory, not personalised)."""
        h = live().catalog.handouts.get(hid, {}).get(lang)
        if h is None or edition not in h.facts.edition_names:
            return Response("No such handout, language or edition.\n", status=404, mimetype="text/plain")
        try:
            verdict = _verdict(h)  # refused here as by the CLI and the form (a link kept from an older feed)
        except HandoutError as exc:
            return Response(" ".join(websafety.clinician_message(exc.findings, personal=False)) + "\n",
                            status=500, mimetype="text/plain")
        if not verdict.allowed:
            return Response(" ".join(websafety.clinician_message(verdict.findings)) + "\n", status=422,
                            mimetype="text/plain")
        try:
            data = live().pdf_of(hid, lang, edition)
        except HandoutError as exc:  # words for whoever clicked the link, not the content's file and line
            return Response(" ".join(websafety.clinician_message(exc.findings, personal=False)) + "\n",
                            status=500, mimetype="text/plain")
        suffix = "" if edition == STANDARD else f".{edition}"
        return Response(data, mimetype="application/pdf", headers={
            "Content-Disposition": f'inline; filename="{hid}.{lang}{suffix}.pdf"'})

    @app.get("/healthz")
    def healthz() -> Response:
        return Response("ok\n", mimetype="text/plain")

    @app.before_request
    def bounded() -> Response | None:
        """Only a form with a prescription file may be larger than a plain form."""
        limit = MAX_UPLOAD if request.mimetype == "multipart/form-data" else MAX_BODY
        if (request.content_length or 0) > limit:
            return Response("The form is too large.\n", status=413, mimetype="text/plain")
        return None

    @app.after_request
    def no_store(resp: Response) -> Response:
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["X-Content-Type-Options"] = "nosniff"
        return resp

    messages = {404: "No such page.", 405: "Use the form on the start page.", 413: "The form is too large.",
                429: "Too many requests: wait a minute and try again."}
    for code, text in messages.items():  # plain, clear 4xx answers; never a stack trace
        app.register_error_handler(code, lambda _e, c=code, t=text: Response(t + "\n", status=c, mimetype="text/plain"))

    return app


def _prescribed(h: Handout, p: Personal, data: bytes, form: dict, errors: dict,
                notes: list[str]) -> tuple[Handout, Personal]:
    """The handout and personal fields with the uploaded prescription's plan; problems go beside the
    field, and its warnings ("25 tablets in one dose") with the preview, as the command line says them
    (a review: the page dropped them, and Download gave the PDF at once)."""
    from . import medreq
    from .personalize import with_prescription

    if form["track"]:
        errors["track"] = "Leave this blank: the prescription is the plan."
    try:
        rx = medreq.prescription(h, data, "prescription")
        p = with_prescription(p, rx, Location("prescription"))
    except HandoutError as exc:  # located in the file: "line 12: dosageInstruction[0]…: …"
        errors["medication_request"] = " ".join(
            (f"Line {f.location.line}: " if f.location.line else "") + _plain(f) + "." for f in exc.findings[:5])
        return h, p
    notes.extend((f"Line {f.location.line}: " if f.location.line else "") + _plain(f) + "." for f in rx.warnings)
    return medreq.apply(h, rx), p


# The personal warnings as a clinician at the web page reads them (the command line's name flags).
WEB_NOTES: dict[str, str] = {
    Code.NO_WEIGHT: "No weight: the plan printed works its doses out from the weight, so its dose lines are left "
                    "blank, to be filled in by hand. Add the weight to print them.",
    Code.WEIGHT_UNUSED: "The weight is not printed: the plan printed does not work its doses out from it (a "
                        "prescription's are printed as prescribed), and a weight beside them would read as a dose "
                        "worked out for this patient.",
    Code.WEIGHT_CHECKED: "The weight is not printed: the prescription's doses are printed as prescribed. They were "
                         "checked against it only for the most per kg a day any usual plan gives.",
    Code.RATE_UNUSED: "The prescribed amount per kg is not used: the plan printed works no dose out from the "
                      "weight.",
    Code.DAYS_UNUSED: "The prescribed number of days is not used: the plan printed has no end.",
    Code.NOTE_UNREAD: "The note is in a language the checks cannot read: only its amounts and counts were checked "
                      "against the plan. Read it against the plan (how often, which days) before you print it.",
    Code.PAST_START: "The start date is in the past: the calendar's first days have already gone by. Keep it "
                     "only if the course began then.",
}


def _token(parts: list[str]) -> str:
    import hashlib

    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def _bound(form: dict[str, str]) -> str:
    """Whom a kept prescription was shown for: it is not carried to another patient or handout."""
    return _token([form.get(k, "") for k in ("handout", "lang", "patient")])


def _seen(notes: list[str], pdf: bytes) -> str:
    """A token for the warnings a page showed and the PDF it previewed with them: Download sends
    the PDF only once both were shown.  The PDF, not only the warnings: after a preview of one
    patient, another patient with the same kind of warning (a start gone by) must be seen too.
    Builds are byte-identical for the same input, so an unchanged form gives the same token."""
    import hashlib

    return _token([*notes, hashlib.sha256(pdf).hexdigest()]) if notes else ""


# The command line's options a message may name, as the page names their boxes: a clinician told "a different dose
# for this patient is a track of the handout that gives it, --track" has no "--track" to type (a review).
_OPTIONS = sorted({(written, f"the '{f.label}' box") for f in PERSONAL_FIELDS if f.flag and f.label
                   for written in (f"{f.flag} {f.metavar}" if f.metavar else f.flag, f.flag)},
                  key=lambda pair: (-len(pair[0]), pair[0]))  # ("--weight KG" before "--weight")


def on_page(message: str) -> str:
    """A message with the command line's options named as the page's boxes ("--track" -> "the 'Titration track
    (blank: the usual one)' box")."""
    if "--" not in message:
        return message
    for flag, box in _OPTIONS:
        message = message.replace(flag, box)
    return message


def _plain(f: Finding) -> str:
    return f"{f.path + ': ' if f.path else ''}{f.message}"


def _png_pages(pdf: bytes, dpi: int = 60) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    out = []
    for i in range(len(doc)):
        img = doc[i].render(scale=dpi / 72).to_pil()
        buf = io.BytesIO()
        img.save(buf, format="PNG", optimize=True)
        out.append(base64.b64encode(buf.getvalue()).decode())
    doc.close()
    return out


def serve(host: str, port: int, data_dir: Path, rate: str, threads: int = 4, fallback_lang: str = "en") -> None:
    from waitress import serve as waitress_serve

    from . import lazy

    lazy.load_now()  # before the threads share them
    app = create_app(data_dir, rate, fallback_lang)
    app.extensions["handout_guard"].allow_host(host)
    waitress_serve(app, host=host, port=port, threads=threads, ident="handout", **websafety.waitress_options())
