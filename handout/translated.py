"""A translation against its source text: findings out, for ``validate.validate_text``.

A translation is reviewed by a person; these are the mechanical checks that back the review, each a
way a translated handout told a patient something its source did not (an adversarial review: a
"reviewed" Spanish LDN built with exit 0 with "Tome 2 cápsulas" above a table of 1 capsule, its
emergency sentence and its depression precaution gone, and a washout of "1 a 2 días" for 7 to 10):

* every text of the source is translated, and nothing else: each key point, paragraph, bullet,
  precaution, FAQ entry and wallet-card line, matched by its place (a section by its id).  A
  missing one is a warning or an instruction the patient never reads: an error.
* every text calls the same phone numbers: ``{emergency}``, ``{poison}`` and ``{crisis}`` as many
  times as in its source (``translate import`` checks the same for XLIFF).  An error.
* a number written in digits that the source text does not have ("2" where the source says
  "1 capsule") is a warning: a translation may write "step 1" twice where English says it once,
  or "10분의 1" for "a tenth", so only a person can tell a changed dose from another wording.
  Digits of any script count ("٢", "२"), and a decimal comma is a decimal point.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .errors import Collector, Location
from .markup import parse_markup
from .model import Text, markup_fields

_PLACEHOLDER = re.compile(r"\{(emergency|poison|crisis)\}")
_NUMBER = re.compile(r"\d+(?:[.,٫]\d+)?")


def check(c: Collector, t: Text, source: Text, source_lang: str) -> None:
    """Add to ``c`` what ``t`` (a translation) lacks, adds or changes against ``source`` (module docstring)."""
    ours, theirs = _texts(t), _texts(source)
    sections = {s.id for s in t.sections}
    for key, (path, raw, _) in theirs.items():
        if key not in ours:
            if key.startswith("sections.") and key.split(".")[1].split("[")[0] not in sections:
                continue  # a section missing whole is validate's error (the outline names it)
            c.error(_near(t, key, ours), path, f"in the source ({source_lang}) but not in this translation: "
                    f"\"{_short(_plain(raw))}\" (expected one translated text for each text of the source)")
    for key, (path, raw, where) in ours.items():
        if key not in theirs:
            c.error(where, path, f"not in the source ({source_lang}) (expected one translated text for each text "
                    "of the source, and no other)")
            continue
        said, source_raw = Counter(_PLACEHOLDER.findall(raw)), theirs[key][1]
        wanted = Counter(_PLACEHOLDER.findall(source_raw))
        for name in sorted(set(said) | set(wanted)):
            if said[name] != wanted[name]:
                c.error(where, path, f"'{{{name}}}' {wanted[name]} time(s) in the source ({source_lang}), {said[name]} "
                        "here (expected the same phone numbers as the source: a patient must be told whom to call)")
        new = sorted(set(_numbers(raw)) - set(_numbers(source_raw)), key=lambda n: float(n))
        if new:
            c.warning(where, path, f"{', '.join(new)}: not a number of the source ({source_lang}: "
                      f"\"{_short(_plain(source_raw))}\") (expected the source's numbers: check that the "
                      "translation gives the same dose, count, time or days)")


def _texts(t: Text) -> dict[str, tuple[str, str, Location]]:
    """Every markup text and wallet-card line by its place (a section by its id, not its order):
    key -> (path, raw text, location)."""
    out: dict[str, tuple[str, str, Location]] = {}
    for path, raw, where in markup_fields(t):
        m = re.match(r"sections\[(\d+)\](.*)", path)
        out[f"sections.{t.sections[int(m.group(1))].id}{m.group(2)}" if m else path] = (path, raw, where)
    for i, line in enumerate(t.wallet_card):
        out[f"wallet_card[{i}]"] = (f"wallet_card[{i}]", line, t.where("wallet_card"))
    return out


def _near(t: Text, key: str, ours: dict[str, tuple[str, str, Location]]) -> Location:
    """Where a missing text would be: its list's last item here, else the list, else the file."""
    stem = key.rsplit("[", 1)[0]
    here = [where for k, (_, _, where) in ours.items() if k.rsplit("[", 1)[0] == stem]
    return here[-1] if here else t.loc


def _plain(raw: str) -> str:
    return " ".join("".join(sp.text for sp in parse_markup(raw) if not sp.cite).split())


def _numbers(raw: str) -> list[str]:
    """The numbers written in digits, of any script, a decimal comma read as a point ("1,5" is 1.5)."""
    text = "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in _plain(raw))
    return [n.replace(",", ".").replace("٫", ".") for n in _NUMBER.findall(text)]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
