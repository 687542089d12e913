"""Health-literacy and safety checks (``handout check``): one language of a handout in, findings out.

Every function takes the typed model (a ``Handout``, its ``Facts``, a ``Theme``) and returns
``Finding`` objects located where the problem was written, "error" (must not reach a patient) or
"warning"; nothing is written and only the bundled label catalogs are read.  ``run_checks`` runs
them all: reading level, ISMP dose designations, completeness, citations, review dates, theme.

The reading level itself is measured in ``reading``.
"""


from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from .errors import Finding, Location
from .model import Facts, Handout, outline_ids
from .textfields import label_fields, markup_fields
from .markup import citations
from .designations import check_doses, number_signs
from .reading import plain, prose, reading
from .theme import MIN_BODY_PT, Checks, Theme


Field = tuple[str, str, Location]  # (field path, text, where it was written)


# --- the texts of one language
_markup = markup_fields  # the one list of markup fields (textfields.markup_fields)


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


def check_decimal_signs(h: Handout) -> list[Finding]:
    """Warnings for a number of the plan printed with three decimals ("1.125 mg") where the
    region's decimal sign is the sign the reader's language groups thousands with.

    The region's sign wins, so the handout matches the bottle (``Localizer.number``); a Spanish
    or Vietnamese reader of a handout for a US clinic then sees "1.125 mg" as they would write
    1125 mg: a thousand-fold misreading no page layout can undo.  Below 1 ("0.125 mg") the
    leading zero reads as a decimal in every language.  The cure is the author's: fewer
    decimals, or a smaller unit (1125 mcg)."""
    from dataclasses import fields

    from .dosing import medications

    if h.region is None:
        return []
    if number_signs(h.lang)[1] != h.region.decimal:  # the reader's group sign
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
    cited |= {sid for _, raw, _ in [*_markup(h.text), *label_fields(h.text)] for sid in citations(raw)}
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
    from .frequency import check_frequency
    from .courselength import check_course
    from .howoften import check_how_often
    from .textamounts import check_amounts
    from . import weeklysaid

    return [*check_reading(h, theme.checks), *check_doses(h), *check_amounts(h), *check_frequency(h),
            *check_how_often(h), *check_course(h), *weeklysaid.check(h),
            *check_decimal_signs(h),
            *check_completeness(h),
            *check_citations(h),
            *check_dates(h.facts, today, theme.checks), *check_theme(theme), *glossary.check(h)]
