"""A link's host, checked: an https URL in (a QR code's, a source's), what is wrong with its host out.

A QR code or a printed link opens the host written in it; one that can pass for another site's
name must not reach a patient's phone (a look-alike letter, a host after an '@', a percent-encoded
dot).  Read by the schema (``schema.Url``) for every URL of a content file.
"""

from __future__ import annotations

import re
import unicodedata


def host_problem(url: str) -> str | None:
    """What is wrong with an https URL's host, or None.  'hаndout.example.org' with a Cyrillic 'а'
    looks like the reviewed site and opens another (an adversarial review); so does
    'https://handout.example.org@evil.example/' (the host is what follows the '@').  A host in
    another script is kept for what it is (a Russian health site under .рф), all of it in one
    script, its top-level domain too: a look-alike of an ASCII name has an ASCII top-level domain."""
    authority = re.split(r"[/?#]", url[len("https://"):], maxsplit=1)[0]
    if "@" in authority:
        return ("has '@' before its host: what follows it is the site it opens, whatever comes before "
                "(expected the host right after https://)")
    host = authority.rsplit(":", 1)[0] if re.search(r":[0-9]+$", authority) else authority
    if "%" in host:  # a viewer decodes it: 'medlineplus.gov%2Eevil.example' opens evil.example
        return ("has a percent-encoded character in its host, which a viewer decodes into another site's "
                "name (expected the host written out)")
    at = next((i for i, ch in enumerate(host) if not ch.isascii()), None)
    if at is None:
        return None
    scripts = {_script(ch) for ch in host if ch.isalpha()}
    # (no digit, dot or colon of another form either: '：８０', '。' are read as ':80', '.')
    other = next((i for i, ch in enumerate(host) if not ch.isascii() and not _host_char(ch)), None)
    if len(scripts) == 1 and not host.rsplit(".", 1)[-1].isascii() and other is None:
        return None
    at = at if other is None else min(at, other)

    ch = host[at]  # its first character not in ASCII: the look-alike of an ASCII name
    name = unicodedata.name(ch, "")
    return (f"its host has U+{ord(ch):04X}{f' ({name})' if name else ''}, character {len('https://') + at + 1} of "
            "the URL: a host mixing scripts, or in another script under an ASCII top-level domain, can pass for "
            "another site's name (expected an ASCII host, or one all in one script with its own top-level "
            "domain, e.g. .рф; or the punycode form, xn--…)")


def _host_char(ch: str) -> bool:
    """A character a host in another script may hold besides ASCII: a letter, a mark (a Hindi vowel
    sign), a joiner (Persian's ZWNJ: وزارت‌بهداشت.ایران) or a digit of that script (صحة٣٦٥.مصر), but
    not a full-width digit, colon or dot, which are read as ASCII ones."""
    cat = unicodedata.category(ch)
    return (ch.isalpha() or cat.startswith("M") or ch in "\u200c\u200d"
            or cat == "Nd" and not unicodedata.name(ch, "").startswith("FULLWIDTH"))


def _script(ch: str) -> str:
    """A letter's script, as its Unicode name begins (LATIN, CYRILLIC, GREEK …; CJK, kana together)."""
    word = unicodedata.name(ch, "?").split()[0]
    return "CJK" if word in ("CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA") else word
