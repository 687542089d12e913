"""Health-literacy and safety checks (``handout check``): one language of a handout in, findings out.

Every function takes the typed model (a ``Handout``, its ``Facts``, a ``Theme``) and returns
``Finding`` objects located where the problem was written, "error" (must not reach a patient) or
"warning"; nothing is written and only the bundled label catalogs are read.  ``run_checks`` runs
them all: reading level, ISMP dose designations, completeness, citations, review dates, theme.

The reading level itself is measured in ``reading``.
"""


from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, timedelta
from functools import cache, lru_cache
from collections.abc import Iterator
from typing import Any

from .errors import Finding, HandoutError, Location
from .load import Map, load_file
from .localize import CATALOG_DIR, load_labels
from .model import Facts, Handout, label_fields, markup_fields, outline_ids
from .markup import citations
from .reading import plain, prose, reading, sentences
from .theme import MIN_BODY_PT, Checks, Theme


Field = tuple[str, str, Location]  # (field path, text, where it was written)


# --- the texts of one language
_markup = markup_fields  # the one list of markup fields (model.markup_fields)


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
# Unit words spelled out, for the trailing and leading zero rules: "4.50 milligrams", ".5 毫克" (a review).
# (Not any word: "9.30 am" and "10,30 de la mañana" in a note are times.)
_UNIT_WORDS = ("milligrams", "milligram", "micrograms", "microgram", "grams", "gram", "milliliters", "milliliter",
               "millilitres", "millilitre", "miligramos", "miligramo", "microgramos", "gramos", "mililitros",
               "milligrammes", "milligramme", "microgrammes", "grammes", "millilitres", "毫克", "微克", "毫升", "克",
               "밀리그램", "밀리리터", "мг", "мл", "ملغ", "مل", "میلی‌گرم", "میلی‌لیتر", "मिलीग्राम", "मिलीलीटर")
# A fraction is read as 1 or 2 when the slash fades; a written word cannot be.
_FRACTION = re.compile(r"(?<![\d/.,])\d{1,2}/\d{1,2}(?![\d/])|[½¼¾⅓⅔⅛]")
# "U" is read as 0 or 4 ("4U" -> 44), "IU" as IV or 10; "units" is always written out.
# (ISMP lists "u" too; "7 u 8" and "1 u otra" are Spanish "or", before a number or an o- or ho- word)
_U = re.compile(r"(?<=\d)\s?(IU|UI|U|I\.U\.|u)(?!\w|\.\w|\s*\d|\s+[oO]|\s+[hH][oO])")
# "10mg": ISMP, the m of mg (the U of units) run into the number is read as a zero or two.  The
# Latin symbols only, wherever they sit ("服用10mg胶囊"); a language's own unit words follow its
# own spacing (Korean writes "10단위", Russian "2024г." is a year).
_RUNS_ON = re.compile(r"(?<![A-Za-z0-9.,])(\d+(?:[.,]\d+)?)(" + "|".join(
    re.escape(u) for u in sorted(_UNITS, key=len, reverse=True)) + r")(?![A-Za-z0-9])")
# The micro sign is read as "m": a 1,000-fold overdose.
_MICRO = re.compile(r"[µμ]g(?![A-Za-z])")
# English-only word rules.  "q.d." is read as "q.i.d." (four times a day), "q.o.d." as "q.d.".
_QD = re.compile(r"(?<![A-Za-z0-9.])(?:q\.(?:o\.)?d\.?|qo?d)(?![A-Za-z0-9])", re.I)  # "睡前服1粒qd" too
# "Daily" leaves the patient to guess when; a time of day in the same sentence settles it.
_FREQ = re.compile(r"\b(daily|once a day|twice a day|every day|each day)\b", re.I)
_PROHIBITION = re.compile(r"\b(?:never|do not|don't|must not)\s+(?:take|give|use)\b[^.,;:]*$", re.I)
_DAY_CELLS = frozenset({"day_every"})
_EXCEPT = re.compile(r"\s+except\b", re.I)
_TIME = re.compile(r"\b(morning|evening|bedtime|night|tonight|breakfast|lunch|dinner|supper|meal)s?\b"
                   r"|\d\s?[ap]\.?m\b", re.I)


@cache
def _number_rules(unit_words: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    units = "|".join(re.escape(u) for u in sorted(set(_UNITS + _UNIT_WORDS + unit_words), key=len, reverse=True))
    # "3.0 mg" is read as 30 mg when the point is lost (a decimal comma "3,0" too; "1,000" is grouping).
    # (In any case: "1.0 MG" is the same hazard.)
    # (The unit in brackets too: "4.0 (mg)", a review.)
    trailing = re.compile(rf"(?<![\d.,])(\d+(?:\.\d*0|,\d?0))[\s(-]*(?:{units})(?!\w)", re.I)
    # ".5 mg" is read as 5 mg when the point is missed.
    leading = re.compile(rf"(?<![\w.,])([.,]\d+)[\s(-]*(?:{units})(?!\w)", re.I)
    return trailing, leading


# A whole number written with ".0" is a dose's trailing zero with or without its unit ("Your dose is
# 4.0.", a review): never a time ("9.00 am" has two zeros), a version ("2.0.1") or a longer number.
_POINT_ZERO = re.compile(r"(?<![\w.,])\d+\.0(?![\d]|[.,]\d)")


# Full-width digits, point and letters; squared units (㎎ ㎍ ㎖).  Not the full-width comma: "用量，1.0 mg"
# folded to "用量,1.0 mg" hid the number from every rule (a code review).
_WIDE = re.compile("[\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3380-\u33ff]+")
# Arabic-Indic, Persian and Devanagari digits, with the Arabic decimal and group signs: "٤٫٠ ملغ" hid a
# trailing zero that "4.0 ملغ" shows (a review).  Folded to ASCII digits before the number rules.
_NATIVE = re.compile("[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]+(?:[\u066b\u066c.,][\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]+)*")
_NATIVE_SIGNS = {"\u066b": ".", "\u066c": ","}
# Marks that pass for a decimal point between digits ("4\u20240 mg", "4٫0"), and soft hyphens: folded first.
_LOOKALIKE_POINT = re.compile("(?<=\\d)[\u2024\ufe52\u00b7\u066b](?=\\d)")
# What every number rule needs in the text: most of a handout's prose has none (so is skipped).
_NUMERIC = re.compile(r"[\d½¼¾⅓⅔⅛µμ]")


def _dose_problems(text: str, english: bool, unit_words: tuple[str, ...]) -> Iterator[str]:
    if not text.isascii():
        # Full-width "１.０ mg", "1．0", "5 ㎍", "㎎" print as what they look like and hid from every
        # rule (an adversarial review): full-width forms and squared units are folded first.
        text = _WIDE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
        text = _NATIVE.sub(lambda m: "".join(_NATIVE_SIGNS.get(ch) or str(unicodedata.digit(ch, ch)) for ch in m.group()),
                           text)
        text = _LOOKALIKE_POINT.sub(".", text.replace("\u00ad", ""))
    if _NUMERIC.search(text):
        yield from _number_problems(text, unit_words)
    # Latin abbreviations, misread in any language's text ("Tome 1 cápsula qd": a review)
    for m in _QD.finditer(text):
        yield f"'{m.group(0)}' (expected 'every morning', 'every other day' … in words: 'qd' and 'qod' are misread)"
    if not english:
        return
    if not _FREQ.search(text):  # no frequency word: no sentence to look at
        return
    for s in sentences(text):
        freq = _FREQ.search(s)
        # A prohibition ("Never take it every day", ISMP's weekly methotrexate warning) and an
        # explicit exception ("every day except Monday") say exactly which days: not vague.
        if freq and (_PROHIBITION.search(s[:freq.start()]) or _EXCEPT.match(s[freq.end():])):
            continue
        if freq and not _TIME.search(s):
            yield (f"'{freq.group(0)}' with no time of day (expected when to take it in the same sentence: "
                   "morning, evening, bedtime or with a meal)")


def _closed(dose: str) -> str:
    """A dose as found, its unit's bracket closed ("4.0 (mg" -> "4.0 (mg)")."""
    return dose + ")" if "(" in dose else dose


def _number_problems(text: str, unit_words: tuple[str, ...]) -> Iterator[str]:
    trailing, leading = _number_rules(unit_words)
    said = set()
    for m in trailing.finditer(text):
        num, dose = m.group(1), _closed(m.group(0))
        fixed = re.sub(r"[.,]?0+$", "", num) + dose[len(num):]
        said.add(m.start())
        yield f"'{dose}' has a trailing zero (expected '{fixed}': '3.0 mg' is misread as 30 mg)"
    for m in _POINT_ZERO.finditer(text):
        if m.start() not in said:
            yield f"'{m.group(0)}' has a trailing zero (expected '{m.group(0)[:-2]}': '4.0' is misread as 40)"
    for m in leading.finditer(text):
        dose = _closed(m.group(0))
        yield f"'{dose}' has no leading zero (expected '0{dose}': '.5 mg' is misread as 5 mg)"
    for m in _RUNS_ON.finditer(text):
        yield (f"'{m.group(0)}' has no space before its unit (expected '{m.group(1)} {m.group(2)}': "
               f"'10mg' is misread as 100 mg)")
    for m in _U.finditer(text):
        yield f"'{m.group(1)}' as a unit (expected 'units' written out: 'U' is misread as 0 or 4, 'IU' as IV or 10)"
    for m in _MICRO.finditer(text):
        yield f"'{m.group(0)}' (expected 'mcg': the micro sign is misread as 'm', a 1,000-fold overdose)"
    for m in _FRACTION.finditer(text):
        yield f"'{m.group(0)}' is a fraction (expected words, e.g. 'half a capsule': fractions are misread)"


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
    for path, raw, loc in [*_markup(h.text), *label_fields(h.text)]:
        out += [Finding(loc, path, msg, code="H151") for msg in _dose_problems(plain(raw), english, units)]
    return out + (list(_catalog_doses(h.lang, english, units, tuple(labels.items()))) if labels else [])


def dose_problems(text: str, lang: str, where: Location, path: str) -> list[Finding]:
    """``check_doses``'s rules for one text in ``lang``, as errors (a note typed for one patient: ``personal``)."""
    try:
        labels = load_labels(lang).values
    except HandoutError:
        labels = {}
    units = tuple(v for k, v in labels.items() if k.startswith("unit_"))
    return [Finding(where, path, msg, code="H151") for msg in _dose_problems(text, lang.split("-")[0] == "en", units)]


@lru_cache(maxsize=32)
def _catalog_doses(lang: str, english: bool, units: tuple[str, ...], labels: tuple[tuple[str, str], ...]
                   ) -> tuple[Finding, ...]:
    """The label catalog's findings: the same catalog gives the same ones, so once per process."""
    out: list[Finding] = []
    lines = _catalog_lines(lang)
    for key, value in labels:
        where = lines.get(key, Location(str(CATALOG_DIR / f"{lang}.yaml")))
        # The Day column's "Every day" stands beside the instruction that names the time.
        words = english and key not in _DAY_CELLS
        out += [Finding(where, key, msg, code="H151") for msg in _dose_problems(value, words, units)]
    return tuple(out)


def check_decimal_signs(h: Handout) -> list[Finding]:
    """Warnings for a number of the plan printed with three decimals ("1.125 mg") where the
    region's decimal sign is the sign the reader's language groups thousands with.

    The region's sign wins, so the handout matches the bottle (``Localizer.number``); a Spanish
    or Vietnamese reader of a handout for a US clinic then sees "1.125 mg" as they would write
    1125 mg: a thousand-fold misreading no page layout can undo.  Below 1 ("0.125 mg") the
    leading zero reads as a decimal in every language.  The cure is the author's: fewer
    decimals, or a smaller unit (1125 mcg)."""
    from dataclasses import fields

    from babel import Locale
    from babel.numbers import get_group_symbol

    from .dosing import medications

    if h.region is None:
        return []
    reader_group = get_group_symbol(Locale.parse(load_labels(h.lang)("format_locale")), numbering_system="latn")
    if reader_group != h.region.decimal:
        return []
    out: list[Finding] = []
    for i, track in enumerate(h.facts.tracks):
        for med in medications(track, f"tracks[{i}]"):
            conc = med.product.concentration
            owners: list[tuple[str, Any]] = [("product.concentration.", conc)] if conc else []
            for j, step in enumerate(med.steps):
                owners += [(f"steps[{j}].", step), *((f"steps[{j}].parts[{k}].", p) for k, p in enumerate(step.parts))]
            for prefix, obj in owners:
                for f in fields(obj):
                    value = getattr(obj, f.name)
                    if isinstance(value, float) and _three_decimals(value):
                        out.append(Finding(obj.where(f.name), f"{med.path}.{prefix}{f.name}",
                                           f"{value:.3f} prints with the region's decimal sign ({h.region.code}), "
                                           f"which a reader of '{h.lang}' groups thousands with: it may be read as "
                                           f"{round(value * 1000)} (expected at most two decimals: a smaller unit, "
                                           "mcg for mg, or a rounded dose)", severity="warning", code="H152"))
    return out


def _three_decimals(value: float) -> bool:
    """Whether ``value`` prints (``Localizer.number``'s pattern and rounding) with exactly three
    decimals and a whole part of 1 or more."""
    if value < 1 or value == round(value, 2):  # most numbers: no Babel (~3 µs each)
        return False
    from babel.numbers import format_decimal

    from .localize import DOSE_PATTERN

    whole, _, decimals = format_decimal(value, format=DOSE_PATTERN, locale="en_US").partition(".")
    return len(decimals) == 3 and whole != "0"


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
    # The month's length is the day before the next month's first (not calendar.monthrange: importing
    # calendar cost every process that builds ~0.5 ms).
    last = 31 if month == 12 else (date(year, month + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(d.day, last))


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
    from .textamounts import check_amounts  # (it reads this module's units)

    return [*check_reading(h, theme.checks), *check_doses(h), *check_amounts(h), *check_decimal_signs(h),
            *check_completeness(h),
            *check_citations(h),
            *check_dates(h.facts, today, theme.checks), *check_theme(theme), *glossary.check(h)]
