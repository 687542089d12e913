"""The web page's defences, kept apart from its routes: a WSGI layer, a CSRF token and server limits.

``Guard`` wraps the Flask app's WSGI callable and answers before any body is read:

* ``Host`` must name this server (the bound address, ``localhost``, ``127.0.0.1``, ``[::1]``):
  a DNS-rebinding page on ``evil.example`` that resolves to 127.0.0.1 gets a 421;
* every POST from a browser must come from this page (``Origin``, else ``Referer``): 403;
* a body over ``MAX_BODY`` is refused on its ``Content-Length`` (413) and a chunked one
  (411) — never read, never spooled to disk;
* every response says ``X-Frame-Options: DENY``, ``frame-ancestors 'none'`` and
  ``Referrer-Policy: same-origin`` (never sent to another site; "no-referrer" made browsers send
  ``Origin: null`` with the page's own form, which the Origin check must refuse).

``install`` adds the CSRF token: a hidden field (``csrf``) signed with a per-process secret
and valid for ``TOKEN_HOURS``; a POST without a valid one gets a 403.  ``waitress_options``
bounds the server: the body size, slow connections (``channel_timeout``) and channels.
``rate_limit`` and ``port`` check the command line's ``--rate`` and ``--port``.
``clinician_message`` turns a refusal into words for the clinician, not the content author.
"""

from __future__ import annotations

import argparse
import hmac
import os
import time
from hashlib import sha256
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from .errors import RULES, Code, Finding

MAX_BODY = 128 * 1024  # the largest request: the form with a prescription (a MedicationRequest file)
TOKEN_HOURS = 12
_SECRET = os.urandom(32)
LOCAL = ("localhost", "127.0.0.1", "::1")
SECURITY_HEADERS = [("X-Frame-Options", "DENY"), ("Referrer-Policy", "same-origin"),
                    ("Cross-Origin-Opener-Policy", "same-origin"), ("Cross-Origin-Resource-Policy", "same-origin")]
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; "
       "form-action 'self'; base-uri 'none'")

StartResponse = Callable[..., object]


def csrf_token(_app: object = None, now: float | None = None) -> str:
    stamp = str(int(now if now is not None else time.time()))
    return f"{stamp}.{hmac.new(_SECRET, stamp.encode(), sha256).hexdigest()}"


def csrf_ok(token: str, now: float | None = None) -> bool:
    stamp, _, mac = token.partition(".")
    if not stamp.isdigit() or not hmac.compare_digest(mac, hmac.new(_SECRET, stamp.encode(), sha256).hexdigest()):
        return False
    return 0 <= (now if now is not None else time.time()) - int(stamp) <= TOKEN_HOURS * 3600


def _hostname(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """WSGI middleware: Host, Origin, body size and security headers, before the app sees anything."""

    def __init__(self, app: Callable, hosts: Iterable[str] = ()) -> None:
        self.app = app
        self.hosts = {*LOCAL, *(h.lower() for h in hosts)}

    def allow_host(self, host: str) -> None:
        if host not in ("0.0.0.0", "::", ""):
            self.hosts.add(host.lower())

    def __call__(self, environ: dict, start_response: StartResponse):
        problem = self.check(environ)
        if problem is not None:
            status, text = problem
            body = (text + "\n").encode()
            start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
                                    ("Cache-Control", "no-store"), *SECURITY_HEADERS,
                                    ("Content-Security-Policy", CSP)])
            return [body]

        def start(status: str, headers: list, exc_info=None):
            headers = [(k, v) for k, v in headers if k.lower() != "content-security-policy"]
            return start_response(status, [*headers, *SECURITY_HEADERS, ("Content-Security-Policy", CSP)], exc_info)

        return self.app(environ, start)

    def check(self, environ: dict) -> tuple[str, str] | None:
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        if _hostname(host) not in self.hosts:
            return "421 Misdirected Request", "This server answers only to its own address."
        if environ.get("REQUEST_METHOD") != "POST":
            return None
        origin = environ.get("HTTP_ORIGIN") or environ.get("HTTP_REFERER")
        if origin is not None:
            parts = urlsplit(origin)
            if origin == "null" or parts.netloc.lower() != host.lower():
                return "403 Forbidden", "Use the form on this computer's page."
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            return "411 Length Required", "The form is sent with a length."
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return "400 Bad Request", "Bad Content-Length."
        if length > MAX_BODY or length < 0:
            return "413 Request Entity Too Large", "The form is too large."
        return None


def install(app, hosts: Iterable[str] = ()) -> Guard:
    """Wrap ``app`` (Flask) in a ``Guard`` and require the CSRF token on every POST."""
    from flask import Response, request

    guard = Guard(app.wsgi_app, hosts)
    app.wsgi_app = guard
    app.extensions["handout_guard"] = guard

    @app.context_processor
    def token() -> dict:
        return {"csrf": csrf_token()}

    @app.before_request
    def need_token():
        if request.method == "POST" and not csrf_ok(request.form.get("csrf", "")):
            return Response("The page has expired: reload it and try again.\n", status=403, mimetype="text/plain")
        return None

    return guard


def waitress_options() -> dict:
    """Bounds for waitress: bodies capped before spooling, slow or idle connections dropped."""
    return {"max_request_body_size": MAX_BODY, "max_request_header_size": 16 * 1024, "inbuf_overflow": MAX_BODY * 2,
            "channel_timeout": 10, "cleanup_interval": 2, "connection_limit": 400, "backlog": 256,
            "expose_tracebacks": False}


def rate_limit(text: str) -> str:
    """argparse ``type=`` for ``--rate``: a limit Flask-Limiter understands, else a usage error."""
    from limits import parse_many

    try:
        if parse_many(text):
            return text
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a rate (expected e.g. '60 per minute' or '10/second')")


def port(text: str) -> int:
    """argparse ``type=`` for ``--port``: 1 to 65535 (99999 once bound 34463)."""
    if text.isdigit() and 1 <= int(text) <= 65535:
        return int(text)
    raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a port (expected 1 to 65535)")


_FOR_CLINICIANS: dict[Code | str | None, str] = {
    Code.PLACEHOLDER: "This handout is not finished yet, so it cannot be printed.",
    Code.STALE: "This translation is out of date with the English text, so it cannot be printed.",
    Code.SOURCE_UNREADABLE: "This translation cannot be checked against its source text, so it cannot be printed.",
    Code.CHECK: "This handout did not pass its safety checks, so it cannot be printed.",
    Code.FIT: "With these details the handout does not fit its pages, even with one more page for them. "
              "Shorten the note, or choose another edition.",
    Code.PERSONAL_CHARS: "Something typed in the form ({fields}) has characters this handout cannot print, such as "
                         "an emoji, or letters of a script written the other way. Please change it.",
}
# The same, beside the box it was typed in
CHARS_BESIDE = ("This has characters the handout cannot print, such as an emoji, or letters of a script written the "
                "other way. Please change it.")
_FIELD_WORDS = {"patient": "the patient's name", "note": "the note", "prescriber": "the prescriber",
                "clinic": "the clinic", "pharmacy": "the pharmacy"}


def clinician_message(findings: list[Finding], personal: bool = True) -> list[str]:
    """What a clinician can do about a refusal; the content author's details stay in the log-free CLI.

    ``personal``: the refusal came from a form with the patient's details (a handout that does not fit
    is theirs to shorten); without them (a link from the EHR) it is the handouts' keeper's to fix."""
    codes = [Code.CHECK if f.code in RULES else None if f.code == Code.FIT and not (
        personal and f.location.file == "personal fields") else f.code for f in findings if f.severity == "error"]
    # A name with an emoji was told "This handout cannot be printed in this language" (a review):
    # what the clinician typed is theirs to change, and the message says which field.
    fields = ", ".join(dict.fromkeys(_FIELD_WORDS.get(f.path, f.path) for f in findings
                                     if f.code == Code.PERSONAL_CHARS))
    out = [_FOR_CLINICIANS[c].format(fields=fields) for c in dict.fromkeys(codes) if c in _FOR_CLINICIANS]
    if not out:
        out = ["This handout cannot be printed in this language and edition right now."]
    if any(c not in (Code.FIT, Code.PERSONAL_CHARS) for c in codes):
        out.append("Please tell the person who looks after the handouts; choose another language or edition.")
    return out
