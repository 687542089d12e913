"""Health-literacy and safety checks (``handout check``): one language of a handout in, findings out.

Every function takes the typed model (a ``Handout``, its ``Facts``, a ``Theme``) and returns
``Finding`` objects located where the problem was written, "error" (must not reach a patient) or
"warning"; nothing is written and only the bundled label catalogs are read.  ``run_checks`` runs
them all: reading level, ISMP dose designations, completeness, citations, review dates, theme.

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

import calendar
import math
import re
from datetime import date
from functools import cache
from typing import Any
from collections.abc import Iterator

from .errors import Finding, HandoutError, Location
from .load import Map, load_file
from .memory import MEMORY
from .localize import CATALOG_DIR, load_labels
from .model import Facts, Handout, Text, markup_fields, outline_ids
from .markup import citations, parse_markup
from .theme import MIN_BODY_PT, Checks, Theme


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

Field = tuple[str, str, Location]  # (field path, text, where it was written)


# --- the texts of one language
_markup = markup_fields  # the one list of markup fields (model.markup_fields)


def _labels_of(t: Text) -> Iterator[Field]:
    """Short texts that are not sentences: title, headings, side-effect and drug names."""
    for name in ("title", "short_name", "condition"):
        yield name, getattr(t, name), t.where(name)
    for i, s in enumerate(t.sections):
        yield f"sections[{i}].heading", s.heading, s.where("heading")
    for name in ("side_effects", "drug_names", "reasons"):
        for k, v in getattr(t, name).items():
            yield f"{name}.{k}", v, t.where(f"{name}.{k}")


def plain(markup: str) -> str:
    """Text as a reader sees it: bold markers and citations removed, spaces tidied."""
    text = "".join(sp.text for sp in parse_markup(markup) if not sp.cite)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" (?=[.,;:!?。！？।؟۔](?:\s|$))", "", text).strip()  # "pill [@x]." -> "pill."


def prose(h: Handout) -> list[tuple[str, str, Location]]:
    """Every patient-facing sentence-bearing text of one language: (field path, plain text, location).

    Headings, the title, side-effect and drug names are left out: they are labels, not sentences,
    and would make the average sentence look shorter than what a patient actually reads.
    """
    return [(path, plain(raw), loc) for path, raw, loc in _markup(h.text)]


_SPLIT = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’»)\]])\s+|(?<=[。！？।؟۔])\s*")


def sentences(text: str) -> list[str]:
    """Sentences of one plain text (see the module docstring for the rule)."""
    return [s.strip() for s in _SPLIT.split(text) if s.strip()]


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
    sents = [(path, s, ts.lexicon_count(s)) for path, text in texts for s in sentences(text)]
    sents = [x for x in sents if x[2]]
    n_s, n_w = len(sents), sum(x[2] for x in sents)
    out: dict[str, Any] = {"formula": FORMULAS.get(root), "grade": None, "smog": None, "ease": None,
                           "sentences": n_s, "words": n_w, "avg_sentence_words": n_w / n_s if n_s else 0.0,
                           "longest": sorted(sents, key=lambda x: -x[2])[:3]}
    if root not in _PYPHEN or not n_w:
        return out
    wps = n_w / n_s
    syl = [_syllables(ts, root, w) for _, s, _ in sents for w in ts.remove_punctuation(s).split()]
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


def _syllables(ts: Any, lang: str, word: str) -> int:
    """textstat's count for one word, remembered: handouts share most of their words."""
    hit = MEMORY.syllables.get((lang, word))
    if hit is None:
        hit = MEMORY.syllables.put((lang, word), ts.syllable_count(word))
    return hit


def check_reading(h: Handout, checks: Checks) -> list[Finding]:
    """Reading grade and sentence length (AMA/NIH: aim for grade 6, never above 8; short sentences)."""
    r = reading(h)
    if r["grade"] is None:
        return []
    out: list[Finding] = []
    g, formula, want = r["grade"], r["formula"], checks.grade_warning
    if g > checks.grade_error:
        out.append(Finding(h.text.loc, "", f"reading grade {g:.1f} ({formula}) is above {checks.grade_error:g}, "
                           f"the most for patient text (expected grade {want:g} or lower: shorter sentences and words)",
                           code="H141"))
    elif g > want:
        out.append(Finding(h.text.loc, "", f"reading grade {g:.1f} ({formula}) is above {want:g} "
                           f"(expected grade {want:g} or lower: shorter sentences and words)", "warning", code="H142"))
    if r["avg_sentence_words"] > checks.max_sentence_words:
        locs = {path: loc for path, _, loc in prose(h)}
        path = r["longest"][0][0]
        longest = ", ".join(f"{p} ({n} words)" for p, _, n in r["longest"])
        out.append(Finding(locs[path], path, f"sentences average {r['avg_sentence_words']:.1f} words (expected at most "
                           f"{checks.max_sentence_words:g}; longest: {longest})", "warning", code="H143"))
    return out


# --- dose designations (ISMP list of error-prone abbreviations, symbols and dose designations)
_UNITS = ("mg", "mcg", "g", "kg", "mL", "ml", "L", "mEq", "mmol", "units", "unit")
# A fraction is read as 1 or 2 when the slash fades; a written word cannot be.
_FRACTION = re.compile(r"(?<![\d/.,])\d{1,2}/\d{1,2}(?![\d/])|[½¼¾⅓⅔⅛]")
# "U" is read as 0 or 4 ("4U" -> 44), "IU" as IV or 10; "units" is always written out.
_U = re.compile(r"(?<=\d)\s?(IU|UI|U|I\.U\.)(?!\w|\.\w)")
# The micro sign is read as "m": a 1,000-fold overdose.
_MICRO = re.compile(r"[µμ]g(?![A-Za-z])")
# English-only word rules.  "q.d." is read as "q.i.d." (four times a day), "q.o.d." as "q.d.".
_QD = re.compile(r"(?<![\w.])(?:q\.(?:o\.)?d\.?|qo?d)(?!\w)", re.I)
# "Daily" leaves the patient to guess when; a time of day in the same sentence settles it.
_FREQ = re.compile(r"\b(daily|once a day|twice a day|every day|each day)\b", re.I)
_PROHIBITION = re.compile(r"\b(?:never|do not|don't|must not)\s+(?:take|give|use)\b[^.,;:]*$", re.I)
_DAY_CELLS = frozenset({"day_every"})
_EXCEPT = re.compile(r"\s+except\b", re.I)
_TIME = re.compile(r"\b(morning|evening|bedtime|night|tonight|breakfast|lunch|dinner|supper|meal)s?\b"
                   r"|\d\s?[ap]\.?m\b", re.I)


@cache
def _number_rules(unit_words: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    units = "|".join(re.escape(u) for u in sorted(set(_UNITS + unit_words), key=len, reverse=True))
    # "3.0 mg" is read as 30 mg when the point is lost (a decimal comma "3,0" too; "1,000" is grouping).
    trailing = re.compile(rf"(?<![\d.,])(\d+(?:\.\d*0|,\d?0))\s?(?:{units})(?!\w)")
    # ".5 mg" is read as 5 mg when the point is missed.
    leading = re.compile(rf"(?<![\w.,])([.,]\d+)\s?(?:{units})(?!\w)")
    return trailing, leading


def _dose_problems(text: str, english: bool, unit_words: tuple[str, ...]) -> Iterator[str]:
    trailing, leading = _number_rules(unit_words)
    for m in trailing.finditer(text):
        num, dose = m.group(1), m.group(0)
        fixed = re.sub(r"[.,]?0+$", "", num) + dose[len(num):]
        yield f"'{dose}' has a trailing zero (expected '{fixed}': '3.0 mg' is misread as 30 mg)"
    for m in leading.finditer(text):
        yield f"'{m.group(0)}' has no leading zero (expected '0{m.group(0)}': '.5 mg' is misread as 5 mg)"
    for m in _U.finditer(text):
        yield f"'{m.group(1)}' as a unit (expected 'units' written out: 'U' is misread as 0 or 4, 'IU' as IV or 10)"
    for m in _MICRO.finditer(text):
        yield f"'{m.group(0)}' (expected 'mcg': the micro sign is misread as 'm', a 1,000-fold overdose)"
    for m in _FRACTION.finditer(text):
        yield f"'{m.group(0)}' is a fraction (expected words, e.g. 'half a capsule': fractions are misread)"
    if not english:
        return
    for m in _QD.finditer(text):
        yield f"'{m.group(0)}' (expected 'every morning', 'every other day' … in words: 'qd' and 'qod' are misread)"
    for s in sentences(text):
        freq = _FREQ.search(s)
        # A prohibition ("Never take it every day", ISMP's weekly methotrexate warning) and an
        # explicit exception ("every day except Monday") say exactly which days: not vague.
        if freq and (_PROHIBITION.search(s[:freq.start()]) or _EXCEPT.match(s[freq.end():])):
            continue
        if freq and not _TIME.search(s):
            yield (f"'{freq.group(0)}' with no time of day (expected when to take it in the same sentence: "
                   "morning, evening, bedtime or with a meal)")


@cache
def _catalog_lines(lang: str) -> dict[str, Location]:
    node = load_file(CATALOG_DIR / f"{lang}.yaml")
    return {k: loc for k, (loc, _) in node.entries.items()} if isinstance(node, Map) else {}


def check_doses(h: Handout) -> list[Finding]:
    """ISMP error-prone dose designations in every text of the language and in its label catalog.

    Number rules for every language: trailing zero ("3.0 mg"), missing leading zero (".5 mg"),
    "U"/"IU"/"UI" as a unit, "µg"/"μg", fractions ("1/2", "½").  Word rules for English only
    (the words differ in every language): "qd"/"qod"/"q.d.", and "daily", "once a day",
    "twice a day", "every day", "each day" with no time of day in the same sentence.
    """
    english = h.lang.split("-")[0] == "en"
    out: list[Finding] = []
    try:
        labels = load_labels(h.lang).values
    except HandoutError as exc:
        out += exc.findings
        labels = {}
    units = tuple(v for k, v in labels.items() if k.startswith("unit_"))
    for path, raw, loc in [*_markup(h.text), *_labels_of(h.text)]:
        out += [Finding(loc, path, msg, code="H151") for msg in _dose_problems(plain(raw), english, units)]
    lines = _catalog_lines(h.lang) if labels else {}
    for key, value in labels.items():
        where = lines.get(key, Location(str(CATALOG_DIR / f"{h.lang}.yaml")))
        # The Day column's "Every day" stands beside the instruction that names the time.
        words = english and key not in _DAY_CELLS
        out += [Finding(where, key, msg, code="H151") for msg in _dose_problems(value, words, units)]
    return out


# --- completeness
# What a patient needs to take a medicine safely, and why.
REQUIRED_BLOCKS = {"dosing": "how much to take and when", "side_effects": "what to watch for",
                   "interactions": "what not to take with it", "sources": "where the facts come from"}
REQUIRED_SECTIONS = {"missed_dose": "what to do after a missed dose, so no one doubles up",
                     "storage": "how to store it, out of reach of children"}


def check_completeness(h: Handout) -> list[Finding]:
    """Errors for a missing required block or section, serious side effects, serious_action or interaction."""
    f, t = h.facts, h.text
    out: list[Finding] = []
    blocks = outline_ids(f.outline)
    for block, why in REQUIRED_BLOCKS.items():
        if block not in blocks:
            out.append(Finding(f.where("outline"), "outline",
                               f"'{block}' is missing (expected in every handout: {why})", code="H101"))
    ids = {s.id for s in t.sections}
    for sid, why in REQUIRED_SECTIONS.items():
        if sid not in ids:
            out.append(Finding(t.where("sections"), "sections",
                               f"no section '{sid}' (expected a section with id '{sid}': {why})", code="H102"))
    if not f.side_effects.serious:
        out.append(Finding(f.side_effects.where("serious"), "side_effects.serious",
                           "no serious side effects (expected at least one a patient must act on)", code="H103"))
    if not plain(t.serious_action):
        out.append(Finding(t.where("serious_action"), "serious_action",
                           "empty (expected what to do if a serious side effect happens: stop, call whom, how fast)",
                           code="H104"))
    if not f.interactions:
        out.append(Finding(f.where("interactions"), "interactions",
                           "none listed (expected at least one drug or drink to avoid or to ask about)", code="H105"))
    return out


# --- citations
def check_citations(h: Handout) -> list[Finding]:
    """Every source is cited; side effects and interactions cite.  (That every citation points at a
    source is validate's rule: a handout citing an unknown source is never read this far.)"""
    f = h.facts
    out: list[Finding] = []
    cited: set[str] = {*f.side_effects.cite, *(sid for it in f.interactions for sid in it.cite)}
    cited |= {sid for _, raw, _ in _markup(h.text) for sid in citations(raw)}
    for n, s in enumerate(f.sources):
        if s.id not in cited:  # an uncited source is either a claim that lost its citation or dead weight
            out.append(Finding(s.loc, f"sources[{n}]", f"source '{s.id}' is never cited (expected [@{s.id}] in the "
                               "text or its id in a cite list; remove it if nothing relies on it)", "warning", code="H111"))
    # Which side effects are serious and which drugs to avoid are claims a pharmacist must be able to check.
    if not f.side_effects.cite:
        out.append(Finding(f.side_effects.loc, "side_effects.cite",
                           "no source for the side effects (expected cite: [source ids])", "warning", code="H112"))
    for n, it in enumerate(f.interactions):
        if not it.cite:
            out.append(Finding(it.loc, f"interactions[{n}].cite",
                               f"no source for interaction '{it.id}' (expected cite: [source ids])", "warning", code="H112"))
    return out


# --- dates
def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (the month's last day if it is shorter)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def check_dates(facts: Facts, today: date, checks: Checks) -> list[Finding]:
    """Clinical advice goes stale: the review must be current and not too far apart."""
    out: list[Finding] = []
    if facts.reviewed_on > today:
        out.append(Finding(facts.where("reviewed_on"), "reviewed_on",
                           f"{facts.reviewed_on} is in the future (expected a review on or before today, {today})", code="H121"))
    if facts.next_review < today:
        out.append(Finding(facts.where("next_review"), "next_review", f"review overdue since {facts.next_review} "
                           f"(expected a clinical review before giving this handout out again)", "warning", code="H122"))
    limit = add_months(facts.reviewed_on, checks.max_review_months)
    if facts.next_review > limit:
        out.append(Finding(facts.where("next_review"), "next_review", f"more than {checks.max_review_months} months "
                           f"after reviewed_on {facts.reviewed_on} (expected on or before {limit})", "warning", code="H123"))
    return out


# --- theme
# Every (text colour, background) pair the default layout draws.
CONTRAST_PAIRS = (
    ("text", "background"),      # body text
    ("muted", "background"),     # subtitle, footer, source numbers
    ("accent", "background"),    # title, headings, the QR link
    ("text", "accent_tint"),     # key points, dosing table header
    ("accent", "accent_tint"),   # key points heading
    ("warning", "warning_tint"),  # warning box titles, DRAFT band
    ("text", "warning_tint"),    # what to do about serious side effects, drugs not to take
)


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_theme(theme: Theme) -> list[Finding]:
    """Low vision and grey-scale photocopies: every text colour must stand out from its background."""
    c, s = theme.colours, theme.sizes
    need = theme.checks.min_contrast
    out: list[Finding] = []
    for fg, bg in CONTRAST_PAIRS:
        ratio = contrast(getattr(c, fg), getattr(c, bg))
        if ratio < need:
            shown = math.floor(ratio * 100) / 100  # never print 4.50 for a failing 4.499
            out.append(Finding(c.where(fg), f"colours.{fg}", f"'{getattr(c, fg)}' on {bg} '{getattr(c, bg)}' has "
                               f"contrast {shown:.2f}:1 (expected at least {need:g}:1, WCAG 2.1 AA)", code="H131"))
    for name in ("body", "min_body"):  # body text, and the floor fitting may shrink it to (theme.MIN_BODY_PT)
        size = getattr(s, name)
        if size < MIN_BODY_PT:
            out.append(Finding(s.where(name), f"sizes.{name}",
                               f"{size:g} pt is too small for patient text (expected >= {MIN_BODY_PT:g})", code="H132"))
    return out


def run_checks(h: Handout, theme: Theme, today: date) -> list[Finding]:
    """All the checks above for one language (the dates and the theme included), and the drug glossary."""
    from . import glossary  # drug names a reader of the script cannot read

    return [*check_reading(h, theme.checks), *check_doses(h), *check_completeness(h), *check_citations(h),
            *check_dates(h.facts, today, theme.checks), *check_theme(theme), *glossary.check(h)]
