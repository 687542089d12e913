"""Markup: content text in, styled spans out.

Content text has two kinds of markup and nothing else: ``**bold**`` and ``[@source]``
citations; everything else is literal.  ``parse_markup`` turns it into ``Span`` objects
(remembered per text in ``MEMORY.markup``); ``citations`` lists a text's source ids;
``glue_units`` joins a number to its unit with a no-break space so the two never part over
two lines.  No fonts and no measuring here: the checks and the validators use it without
loading ReportLab (``text`` does the measuring and breaking).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import recache
from .memory import MEMORY

NBSP = "\u00a0"

_MARKUP = re.compile(r"\*\*(.+?)\*\*|\[@([a-z0-9][a-z0-9_-]*)\]", re.S)


@dataclass(frozen=True)
class Span:
    """A piece of text with one style. ``cite`` spans hold a source id until numbered.

    ``personal`` text (the patient's details) is wrapped, measured and drawn without being
    remembered by the process (``memory``): a paragraph with a personal span bypasses every cache.
    """

    text: str
    bold: bool = False
    cite: bool = False
    personal: bool = False
    link: str = ""  # the URI this text (a printed URL or DOI) opens: drawn as a Link (render, structure)
    lang: str = ""  # its language when not the page's (a Latin INN on a Russian page): its own /Span /Lang
    # A left-to-right value on a right-to-left page (a Latin name, a phone number): one left-to-right
    # run on every line it is broken over (text.Line.runs), its punctuation where it was typed.
    ltr: bool = False
    # A phone number: its digits in the order typed, whatever their script (Arabic-Indic digits
    # are not turned left to right by a mark): a left-to-right override on each of its lines.
    number: bool = False
    # What a screen reader says for it, when not its text: a citation's "(source 1)", where "1" in
    # a sentence was heard as a count ("a day. 1 LDN is ...", "2 two studies": an accessibility review).
    said: str = ""


def parse_markup(text: str, remember: bool = True) -> list[Span]:
    """Split content text into spans: **bold**, [@id] citations, and literal text (not remembered:
    a text holding a patient's details)."""
    if not remember:
        return list(_parse_markup(text))
    hit = MEMORY.markup.get(text)
    if hit is None:
        hit = MEMORY.markup.put(text, _parse_markup(text))
    return list(hit)


def _parse_markup(text: str) -> tuple[Span, ...]:
    out: list[Span] = []
    pos = 0
    for m in _MARKUP.finditer(text):
        if m.start() > pos:
            out.append(Span(text[pos:m.start()]))
        if m.group(1) is not None:
            out.append(Span(m.group(1), bold=True))
        else:
            out.append(Span(m.group(2), cite=True))
        pos = m.end()
    if pos < len(text):
        out.append(Span(text[pos:]))
    return tuple(out)


def citations(text: str) -> list[str]:
    """Source ids cited in a piece of content text, in order."""
    return [m.group(2) for m in _MARKUP.finditer(text) if m.group(2)]


def glue_units(text: str, units: re.Pattern[str]) -> str:
    """A number and its unit joined by a no-break space: they never part over two lines."""
    return units.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", text)


def unit_pattern(labels: list[str]) -> re.Pattern[str]:
    """Number + unit, for the Latin units and a language's own unit words (ملغ, мг …)."""
    alts = sorted({"mg", "mcg", "mL", "g", "units", "unit", "%", *labels}, key=recache.longest_first)
    return recache.pattern(r"(\d)[ \t]+(" + "|".join(re.escape(a) for a in alts) + r")(?![\w])")
