"""A translation against its source text: findings out, for ``validate.validate_text``.

A translation is reviewed by a person; these are the mechanical checks that back the review, each a
way a translated handout told a patient something its source did not (an adversarial review: a
"reviewed" Spanish LDN built with exit 0 with "Tome 2 cápsulas" above a table of 1 capsule, its
emergency sentence and its depression precaution gone, and a washout of "1 a 2 días" for 7 to 10):

* every text of the source is translated, and nothing else: each list (key points, a section's
  paragraphs or bullets, by the section's id; precautions, FAQ, wallet card) has as many items as
  the source's, and each other text is there.  A missing one is a warning or an instruction the
  patient never reads: an error, said once for the list (a list one short cannot say which item
  went: its items are compared one by one only when the counts agree).
* every text calls the same phone numbers: ``{emergency}``, ``{poison}`` and ``{crisis}`` as many
  times as in its source (``translate import`` checks the same for XLIFF).  An error.
* a number written in digits that the source text does not have ("2" where the source says
  "1 capsule"), or one of the source's that the text does not have ("7 días" for 7 to 10), is a
  warning: a translation may write "step 1" twice where English says it once, "10분의 1" for "a
  tenth", or a number in words, so only a person can tell a changed dose from another wording.
  Digits of any script count ("٢", "२"); "1,000", "1.000", "1 000" are one number, "1,5" is 1.5.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .errors import Collector, Location
from .markup import parse_markup
from .model import Text
from .textfields import label_fields, markup_fields, wallet_fields
from .regions import NUMBERS

_PLACEHOLDER = re.compile(r"\{(" + "|".join(NUMBERS) + r")\}")  # (phone numbers: {weekly_day} is no call)
# Digits, with decimal signs and thousands groups (a space-like sign only before a group of three)
NUMBER = re.compile("\\d+(?:[.,\u066b\u066c]\\d+|[ \u00a0\u202f\u2009'](?=\\d{3}(?!\\d))\\d{3})*")


def check(c: Collector, t: Text, source: Text, source_lang: str) -> None:
    """Add to ``c`` what ``t`` (a translation) lacks, adds or changes against ``source`` (module docstring)."""
    ours, theirs = _texts(t), _texts(source)
    sections = {str(s.id): i for i, s in enumerate(t.sections)}
    counted: set[str] = set()  # lists whose lengths differ: said once, their items not compared
    mine_n, source_ns = _counts(ours), _counts(theirs)
    for stem in dict.fromkeys((*source_ns, *mine_n)):
        if stem.startswith("sections.") and stem.split(".")[1] not in sections:
            continue  # a section missing whole, which validate says (the outline names it)
        mine, source_n = len(mine_n.get(stem, ())), len(source_ns.get(stem, ()))
        if mine != source_n:
            counted.add(stem)
            path, where = _list_place(t, stem, ours, sections)
            c.error(where, path, f"{source_n} in the source ({source_lang}), {mine} here (expected one translated item "
                    "for each of the source's, in its order: a warning or an instruction may be missing)")
    for key, (path, raw, _) in theirs.items():
        if key not in ours and _stem(key) is None:
            c.error(t.loc, path, f"in the source ({source_lang}) but not in this translation: \"{_short(_plain(raw))}\" "
                    "(expected one translated text for each text of the source)")
    for key, (path, raw, where) in ours.items():
        if _stem(key) in counted:
            continue
        if key not in theirs:
            c.error(where, path, f"not in the source ({source_lang}) (expected one translated text for each text "
                    "of the source, and no other)")
            continue
        source_raw = theirs[key][1]
        if "{" in raw or "{" in source_raw:
            said, wanted = Counter(_PLACEHOLDER.findall(raw)), Counter(_PLACEHOLDER.findall(source_raw))
            for name in sorted(set(said) | set(wanted)):
                if said[name] != wanted[name]:
                    c.error(where, path, f"'{{{name}}}' {wanted[name]} time(s) in the source ({source_lang}), "
                            f"{said[name]} here (expected the same phone numbers as the source: a patient must be "
                            "told whom to call)")
        here, there = set(_numbers(raw)), set(_numbers(source_raw))
        differ = [f"{', '.join(_sorted(here - there))} here, not in the source"] * bool(here - there) + \
                 [f"{', '.join(_sorted(there - here))} of the source, not here"] * bool(there - here)
        if differ:
            c.warning(where, path, f"{'; '.join(differ)} ({source_lang}: \"{_short(_plain(source_raw))}\") (expected "
                      "the source's numbers, in digits or in words: check that the translation gives the same dose, "
                      "count, time or days)")
        elif here:  # the same numbers: in the same units?
            _check_units(c, where, path, raw, source_raw, t.language, source_lang)


def _check_units(c: Collector, where: Location, path: str, raw: str, source_raw: str, lang: str,
                 source_lang: str) -> None:
    """The same numbers, but an amount in another unit ("4,5 g" for "4.5 mg", a thousand times the
    dose: a review): each amount with a unit here must be one of the source's, in its unit."""
    from .textamounts import amounts_in, counts_in  # (it reads numbers with this module's NUMBER)

    theirs = amounts_in(source_raw, source_lang)  # (kept: read once for all its translations)
    for amount, said in amounts_in(raw, lang).items():
        if amount not in theirs:  # a source's "1 capsule" as "1 g" too (a review)
            c.warning(where, path, f"'{said}' here is not an amount of the source ({source_lang}: "
                      f"\"{_short(_plain(source_raw))}\") (expected the source's amounts in their units: check the "
                      "unit and the decimal sign)")
    # The same numbers, put on other words: "On the other 6 days, take 1 tablet" as "Los otros 1 días,
    # tome 6 tabletas" (six tablets a day: a review).  Each count here must be one the source counts.
    counts, source_counts = counts_in(raw, lang), counts_in(source_raw, source_lang)
    if counts is None or source_counts is None:
        return  # a language without the words to read its counts with: not judged
    for value, said in counts.items():
        if value not in source_counts:
            c.warning(where, path, f"'{said}' here is not a count of the source ({source_lang}: "
                      f"\"{_short(_plain(source_raw))}\") (expected the source's counts on the same words: check "
                      "that no number moved to another word)")
    # The same counts in another order: "Take 6 tablets on Monday and 1 folic acid tablet on the other days" as
    # "Tome 1 tableta el lunes y 6 tabletas de ácido fólico..." (swapped: each is one of the source's)
    if set(counts) <= set(source_counts) and len(counts) > 1 and list(counts) != [v for v in source_counts if v in counts]:
        c.warning(where, path, f"{', '.join(counts.values())} here count in another order than the source "
                  f"({source_lang}: \"{_short(_plain(source_raw))}\") (expected each count on the word the source "
                  "puts it on: check that no two counts changed places)")


_INDEX = re.compile(r"\[(\d+)\](?:\.[a-z]+)?$")


def _stem(key: str) -> str | None:
    """The list a text's key belongs to ("precautions[2]" -> "precautions", "faq[1].q" -> "faq"), or None."""
    m = _INDEX.search(key)
    return key[:m.start()] if m else None


def _counts(texts: dict[str, tuple[str, str, Location]]) -> dict[str, set[str]]:
    """Each list's items by its stem ("faq" -> {"0", "1"}: a question and its answer are one item)."""
    out: dict[str, set[str]] = {}
    for k in texts:
        if m := _INDEX.search(k):
            out.setdefault(k[:m.start()], set()).add(m.group(1))
    return out


def _list_place(t: Text, stem: str, ours: dict[str, tuple[str, str, Location]],
                sections: dict[str, int]) -> tuple[str, Location]:
    """(path, location) of a list in the translation: its first item's line, else its owner's."""
    first = next((v for k, v in ours.items() if _stem(k) == stem), None)
    if stem.startswith("sections."):
        _, sid, name = stem.split(".")
        path, owner = f"sections[{sections[sid]}].{name}", t.sections[sections[sid]]
        return path, first[2] if first else owner.where(name)
    return stem, first[2] if first else t.where(stem)


def _sorted(numbers: set[str]) -> list[str]:
    return sorted(numbers, key=lambda n: (float(n), n))


def _texts(t: Text) -> dict[str, tuple[str, str, Location]]:
    """Every markup text, wallet-card line, heading, side effect, reason and the title by its place (a
    section by its id, not its order): key -> (path, raw text, location)."""
    out: dict[str, tuple[str, str, Location]] = {}
    for path, raw, where in markup_fields(t):
        out[_by_id(t, path)] = (path, raw, where)
    for path, line, where in wallet_fields(t):
        out[path] = (path, line, where)
    for path, text, where in label_fields(t):  # "Sueños intensos: 1 de 300" for 1 in 30 (a review)
        if not path.startswith("drug_names."):  # a name in the reader's script, which the source need not have
            out[_by_id(t, path)] = (path, text, where)
    return out


_SECTION = re.compile(r"sections\[(\d+)\](.*)")


def _by_id(t: Text, path: str) -> str:
    """A text's key: its path, a section named by its id ("sections[2].body[0]" -> "sections.storage.body[0]")."""
    m = _SECTION.match(path)
    return f"sections.{t.sections[int(m.group(1))].id}{m.group(2)}" if m else path


def _plain(raw: str) -> str:
    return " ".join("".join(sp.text for sp in parse_markup(raw) if not sp.cite).split())


def _numbers(raw: str) -> list[str]:
    """The numbers written in digits, of any script, each as one value: "1,000", "1.000", "1 000" and
    "١٬٠٠٠" are 1000; "1,5" and "1.5" are 1.5 (a group of three after a first group of 1 to 3, not 0,
    is read as thousands)."""
    folded = raw if raw.isascii() else raw.translate(_DIGITS)  # a digit is no part of the markup's syntax
    if not ASCII_DIGIT.search(folded):  # most texts: no number to read (and no markup to parse)
        return []
    return [number_value(n) for n in NUMBER.findall(_plain(folded))]


class _Digits(dict):
    """``str.translate``'s table: a digit of any script (``str.isdigit``: "٢", "२", "²") to its ASCII
    digit, every other character to itself; each character looked up once, on first sight."""

    def __missing__(self, code: int) -> int:
        ch = chr(code)
        self[code] = value = ord(str(unicodedata.digit(ch))) if ch.isdigit() and not ch.isascii() else code
        return value


_DIGITS = _Digits()
ASCII_DIGIT = re.compile("[0-9]")


def number_value(number: str) -> str:
    groups, signs = re.split(r"\D", number), re.findall(r"\D", number)
    if not signs:
        return groups[0]
    if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3 and groups[0] != "0":
        return "".join(groups)
    return "".join(groups[:-1]) + "." + groups[-1]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
