"""Reading level: a handout's words in, sentences, words and a grade out.

Reading level (textstat 0.7.4, whose syllable counts come from pyphen's hyphenation dictionaries):

* ``en`` — Flesch-Kincaid grade ``0.39 W/S + 11.8 Sy/W - 15.59``; SMOG ``1.043 sqrt(30 P/S) + 3.1291``
  (P: words of 3+ syllables) is reported too, from 3 sentences on.
* ``es`` — Fernández-Huerta ease ``206.84 - 60 Sy/W - 1.02 W/S`` (0-100, higher is easier; Flesch's
  formula rescaled for Spanish, as in textstat), converted to a US grade with its interpretation table
  (90-100 very easy, 4th grade; 80-90 easy, 5th; 70-80 fairly easy, 6th; 60-70 standard, 7th-8th;
  50-60 fairly difficult, pre-university; 30-50 difficult, university; 0-30 very difficult, graduate):
  the low edge of each band is the end of its grade, interpolated linearly in between
  (ease 100 -> 3, 90 -> 4, 80 -> 5, 70 -> 6, 60 -> 8, 50 -> 12, 30 -> 16, 0 -> 18), so the
  grade-6 warning starts below ease 70 and the grade-8 error below ease 60.
* ``fr`` — textstat's Flesch with ``lang=fr`` (Kandel-Moles, ``207 - 1.015 W/S - 73.6 Sy/W``) gives a
  reading *ease*, not a grade: it is reported as ``ease`` with grade ``None`` and raises no finding.
* zh-Hans, ko, ar, fa, hi, vi, tl, ht, ru and any other language: no standard grade formula;
  grade ``None`` and no reading finding (not even sentence length: word counts do not compare across
  scripts, and Chinese has no spaces between words).

The formulas are applied to our own sentence split rather than textstat's, which cuts "4.5 mg" into
two sentences and silently drops sentences of two words or fewer.  A sentence ends at ``.``, ``!``
or ``?`` followed by a space or the end of the text (so decimals stay whole; "e.g. " does end one),
at any of ``。！？।؟۔``, and at the end of every text field (a bullet is a sentence).  Words are
textstat's: whitespace-separated tokens once punctuation is removed.  Bold markers are dropped and
citations ``[@id]`` are removed before anything is counted.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from .errors import Location
from .markup import parse_markup
from .memory import MEMORY
from .model import Handout
from .textfields import markup_fields


def _import_textstat() -> Any:
    """textstat 0.7.4 without its ``import pkg_resources`` (~110 ms of every cold build).

    It needs pkg_resources only to open its bundled word lists; during its import it gets a
    stand-in whose ``resource_stream`` does the same with importlib.resources.  The real
    pkg_resources, if anything imports it later, is untouched.
    """
    import importlib.resources
    import sys
    import types

    from .hyphcache import prime  # the en_US patterns textstat loads as it is imported, parsed once per install
    prime("en_US")
    if "pkg_resources" in sys.modules:
        from textstat.textstat import textstatistics as cls
        return cls
    shim = types.ModuleType("pkg_resources")
    shim.resource_stream = lambda pkg, name: importlib.resources.files(pkg).joinpath(name).open("rb")  # type: ignore
    sys.modules["pkg_resources"] = shim
    try:
        from textstat.textstat import textstatistics as cls
    finally:
        del sys.modules["pkg_resources"]
    return cls


textstatistics = _import_textstat()

def plain(markup: str) -> str:
    """Text as a reader sees it: bold markers and citations removed, spaces tidied.  Once per
    process for each text: the reading level, the dose checks and the plain-language rules each
    read every field (~240 calls a handout, ~80 texts)."""
    hit = MEMORY.plain.get(markup)
    if hit is None:
        # Runs of whitespace become one space (str.split's whitespace is re's \s: str.isspace).  (A text with no
        # "**" and no "[@" has no markup: it is its one span, not parsed into spans, half of a handout's texts.)
        bare = "**" not in markup and "[@" not in markup
        text = " ".join((markup if bare else "".join(sp.text for sp in parse_markup(markup) if not sp.cite)).split())
        hit = MEMORY.plain.put(markup, _SPACE_BEFORE_STOP.sub("", text))  # "pill [@x]." -> "pill."
    return hit


_SPACE_BEFORE_STOP = re.compile(r" (?=[.,;:!?。！？।؟۔](?:\s|$))")


def prose(h: Handout) -> list[tuple[str, str, Location]]:
    """Every patient-facing sentence-bearing text of one language: (field path, plain text, location).

    Headings, the title, side-effect and drug names are left out: they are labels, not sentences,
    and would make the average sentence look shorter than what a patient actually reads.
    """
    return [(path, plain(raw), loc) for path, raw, loc in markup_fields(h.text)]


_SPLIT = re.compile(r"(?=\s)(?:(?<=[.!?])|(?<=[.!?][\"'”’»)\]]))\s+|(?<=[。！？।؟۔])\s*")  # (plain._SPLIT: why)
_SPLIT_LATIN = re.compile(_SPLIT.pattern.rsplit("|", 1)[0])  # (plain._SPLIT_LATIN)
STOPS = re.compile(r"[。！？।؟۔]")  # (the stops _SPLIT's last branch looks behind for)


def sentences(text: str) -> list[str]:
    """Sentences of one plain text (see the module docstring for the rule)."""
    return [s.strip() for s in (_SPLIT if STOPS.search(text) else _SPLIT_LATIN).split(text) if s.strip()]


# Abbreviations of one dot: titles, which a name follows whatever its letter ("as per Dr." + "Smith every
# morning"), and those a dose is written with, which a small letter or a digit goes on ("tab.", "approx.", "max.
# 6x/day", "q. 4 h").
_TITLES = ("dr", "mr", "mrs", "ms", "prof", "st")
_DOSE_ONE_DOT = ("tabs", "tab", "caps", "cap", "comp", "comps", "cp", "cps", "cpr", "approx", "vs", "max", "hrs", "hr", "q",
                 "a", "p", "m")  # ("9 p. m.", "6 comp. de 2,5 mg")
_ONE_DOT = frozenset(_TITLES + _DOSE_ONE_DOT)
# The last word of a "sentence" an abbreviation's full stop ended: two or more dotted parts ("p.o.", "a.m.",
# "e.g.", "(p.o.)", "8a.m."), or one of a dose's one-dot abbreviations.
_DOTTED = re.compile(rf"(?:(?:^|[\s(\d])(?:[^\W\d_]{{1,3}}\.){{2,}}|(?:^|[\s(])(?:{'|'.join(_DOSE_ONE_DOT)})\.)\)?$", re.I)
# ... a time's, after which a number starts a sentence ("at 8 a.m." + "5 mg folic acid every morning")
_TIME_DOTS = re.compile(r"[ap]\.m\.\)?$", re.I)
_TITLE = re.compile(rf"(?:^|[\s(])(?:{'|'.join(_TITLES)})\.$", re.I)


def _abbreviated(piece: str) -> bool:
    """Does a piece end in what may be an abbreviation ("p.o.", "8a.m.", "Dr.", "tab.")?  (A cheap first look:
    no regular expression for the pieces of most texts, which end in a word and a full stop.)"""
    words = piece.split()
    last = words[-1].lower().strip("()") if words else ""
    return last.count(".") >= 2 or last.rstrip(".") in _ONE_DOT


# What a "sentence" opens with, past brackets, quotes, dashes and markup: a small letter or a digit goes on
_OPENING = re.compile(r"[\s*_(\[\"'“‘«–—-]*(\w)")


def continued(sentences: list[str]) -> list[tuple[int, str]]:
    """Sentences of one text as (index of the first, text), each "sentence" an abbreviation's full stop cut
    off joined again: one opening with a small letter or a digit (past brackets and markup) after one
    ending in a dotted abbreviation ("Take 15 mg p.o." + "every morning.", "… p.o." + "4 times a day", "at
    8a.m." + "every day", "(p.o.)", "tab.", "approx."; not a digit after a time, "8 a.m." + "5 mg folic
    acid …"), and any after a title ("as per Dr." + "Smith every morning"); not "with water." + "30
    minutes of walking …", nor "… on Monday." + "iPhone alarms …"."""
    if not any(_abbreviated(s) for s in sentences[:-1]):
        return list(enumerate(sentences))  # (most texts: no abbreviation ends a piece, nothing to join)
    opening = [m.group(1) if (m := _OPENING.match(s)) else "" for s in sentences]
    out: list[tuple[int, list[str]]] = []
    for i, s in enumerate(sentences):
        last = out[-1][1][-1].rstrip() if out else ""
        if out and (_TITLE.search(last) or ((opening[i].islower() or (opening[i].isdigit() and not _TIME_DOTS.search(
                last))) and _DOTTED.search(last))):
            out[-1][1].append(s)
        else:
            out.append((i, [s]))
    return [(i, " ".join(parts)) for i, parts in out]


# --- reading level
_PYPHEN = {"en": "en_US", "es": "es", "fr": "fr"}
FORMULAS = {"en": "Flesch-Kincaid", "es": "Fernández-Huerta", "fr": "Kandel-Moles (reading ease only)"}
# (ease, grade) anchors of the Fernández-Huerta interpretation table, easiest first.
_FH_GRADES = ((100.0, 3.0), (90.0, 4.0), (80.0, 5.0), (70.0, 6.0), (60.0, 8.0), (50.0, 12.0), (30.0, 16.0),
              (0.0, 18.0))


@cache
def _ts(lang_root: str) -> Any:  # textstat.textstatistics (untyped)
    ts = textstatistics()  # an instance of our own: textstat's module-level one is shared state
    ts.set_lang(_PYPHEN.get(lang_root, "en_US"))
    ts.set_rounding(False)  # textstat rounds syllables per word to 0.1 by default: +-0.6 of a grade
    return ts


def fh_grade(ease: float) -> float:
    """Approximate US grade of a Fernández-Huerta ease score (module docstring)."""
    if ease >= _FH_GRADES[0][0]:
        return _FH_GRADES[0][1]
    for (hi, g_hi), (lo, g_lo) in zip(_FH_GRADES, _FH_GRADES[1:]):
        if ease >= lo:
            return g_hi + (hi - ease) / (hi - lo) * (g_lo - g_hi)
    return _FH_GRADES[-1][1]


def reading(h: Handout) -> dict[str, Any]:
    """{'formula': name, 'grade': float | None, 'smog': float | None (en only), 'avg_sentence_words': float,
        'longest': [(path, sentence, words), ... top 3]}; grade None for languages with no standard formula.

    Also 'ease' (es, fr: the 0-100 reading-ease score), 'sentences' and 'words'.  Once per
    language's words (``MEMORY.readings``): the check and the report of every edition share it.
    """
    key = (id(h.text), h.lang)
    hit = MEMORY.readings.get(key)
    if hit is None or hit[0] is not h.text:
        hit = MEMORY.readings.put(key, (h.text, readability(h.lang, [(path, text) for path, text, _ in prose(h)])))
    return hit[1]


def readability(lang: str, texts: list[tuple[str, str]]) -> dict[str, Any]:
    """``reading`` for any (path, plain text) pairs of one language."""
    root = lang.split("-")[0]
    ts = _ts(root)
    # Each sentence's words as textstat's lexicon_count counts them (punctuation removed, split at
    # spaces), found once for the count and the syllables (twice was ~0.6 ms of a new handout).
    sents: list[tuple[str, str, int]] = []
    words_of: list[list[str]] = []
    for path, text in texts:
        for s in sentences(text):
            words = ts.remove_punctuation(s).split()
            if words:
                sents.append((path, s, len(words)))
                words_of.append(words)
    n_s, n_w = len(sents), sum(x[2] for x in sents)
    out: dict[str, Any] = {"formula": FORMULAS.get(root), "grade": None, "smog": None, "ease": None,
                           "sentences": n_s, "words": n_w, "avg_sentence_words": n_w / n_s if n_s else 0.0,
                           "longest": sorted(sents, key=lambda x: -x[2])[:3]}
    if root not in _PYPHEN or not n_w:
        return out
    wps = n_w / n_s
    # textstat's count for each word, remembered (handouts share most of their words): looked up
    # here, not through a call per word (~3,000 words a handout).
    memo = MEMORY.syllables
    syl: list[int] = []
    for words in words_of:
        for w in words:
            n = memo.get((root, w))
            if n is None:
                n = memo.put((root, w), ts.syllable_count(w))
            syl.append(n)
    spw = sum(syl) / n_w
    if root == "en":
        out["grade"] = 0.39 * wps + 11.8 * spw - 15.59
        poly = sum(1 for n in syl if n >= 3)
        out["smog"] = 1.043 * math.sqrt(30 * poly / n_s) + 3.1291 if n_s >= 3 else None
    elif root == "es":
        out["ease"] = 206.84 - 60 * spw - 1.02 * wps
        out["grade"] = fh_grade(out["ease"])
    else:  # fr
        out["ease"] = 207 - 1.015 * wps - 73.6 * spw
    return out
