"""Glyphs: a run's text in, the PDF text operators that draw it out (for ``render``).

HarfBuzz-shaped runs (Devanagari) are drawn as TJ arrays placing each glyph where shaping put it
(``_plan``, once per process for a run of the handout's own text); a line's logical text for
/ActualText is a UTF-16 PDF string.  What is remembered lives in ``memory.MEMORY``; personal text
(``remember`` False) is shaped, planned and encoded without being remembered.
"""

from __future__ import annotations

from functools import cache

from . import rlhooks as rl  # before ReportLab (rlhooks says why)
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont

from .memory import MEMORY
from .text import shaped_words


@cache
def pdf_font(name: str) -> rl.TTFont:
    return getFont(name)


def shaped_run(text: str, font: str, size: float, remember: bool = True) -> rl.ShapedStr | str:
    """HarfBuzz-shaped text, word by word (shaping never crosses a space), each word once per process
    (personal text: not remembered)."""
    hit = MEMORY.shaped.get((text, font, size)) if remember else None
    if hit is not None:
        return hit
    words = shaped_words(text, font, size, remember)
    result = (words[0] if len(words) == 1 else rl.join_shaped(words)) if words else text
    if remember:
        MEMORY.shaped.put((text, font, size), result)
    return result


def glyph_plan(text: rl.ShapedStr, font: str, size: float, remember: bool = True) -> tuple[tuple[str, str], ...]:
    key = (text, font, size)
    hit = MEMORY.glyph_plans.get(key) if remember else None
    if hit is None:
        hit = _plan(text, size)
        if remember:
            MEMORY.glyph_plans.put(key, hit)
    return hit


def _plan(text: rl.ShapedStr, size: float) -> tuple[tuple[str, str], ...]:
    """Where HarfBuzz put each shaped glyph, as TJ pieces: ("g", glyphs), ("n", adjustment), ("r", rise).

    The shaping data is in 1/1000 em, as TJ adjustments are.  Before a glyph the pen moves
    by its x offset; after it (the viewer having advanced by the glyph's /Widths entry) it
    moves on to the shaped advance.  A vertical offset (a mark above or below) is a text rise.
    The plan does not depend on the document, so a run is planned once per process.
    """
    plan: list[tuple[str, str]] = []
    glyphs: list[str] = []
    pending, rise = 0.0, 0.0
    for ch, sd in zip(text, rl.shape_data(text)):
        r = size * sd.y_offset / 1000
        adjust = pending - sd.x_offset
        if r != rise:
            adjust, rise = -sd.x_offset, r
            if glyphs:
                plan.append(("g", "".join(glyphs)))
                glyphs = []
            if pending:
                plan.append(("n", fp_str(pending)))
            plan.append(("r", fp_str(r)))
        if adjust:
            if glyphs:
                plan.append(("g", "".join(glyphs)))
                glyphs = []
            plan.append(("n", fp_str(adjust)))
        glyphs.append(ch)
        pending = sd.width - sd.x_advance + sd.x_offset
    if glyphs:
        plan.append(("g", "".join(glyphs)))
    if rise:
        plan.append(("r", "0"))
    return tuple(plan)


def glyph_ops(ops: list[str], font: rl.TTFont, text: rl.ShapedStr, size: float, doc, remember: bool) -> None:
    """TJ arrays drawing a shaped run as planned, in this document's subsets of the font."""
    fs = fp_str(size)
    parts: list[str] = []
    current = -1
    whole = rl.split(font, text, doc)  # usually one subset: then each piece is a slice of it
    codes_all = whole[0][1] if len(whole) == 1 else None
    pos = 0
    for kind, value in glyph_plan(text, font.fontName, size, remember):
        if kind == "g":
            if codes_all is not None:
                pieces = [(whole[0][0], codes_all[pos:pos + len(value)])]
                pos += len(value)
            else:
                pieces = rl.split(font, value, doc)
            for subset, codes in pieces:
                if subset != current:
                    if parts:
                        ops.append(f"[{' '.join(parts)}] TJ")
                        parts = []
                    ops.append(f"{rl.subset_name(font, subset, doc)} {fs} Tf")
                    current = subset
                parts.append(f"({escapePDF(codes)})")
        elif kind == "n":
            parts.append(value)
        else:
            if parts:
                ops.append(f"[{' '.join(parts)}] TJ")
                parts = []
            ops.append(f"{value} Ts")
    if parts:
        ops.append(f"[{' '.join(parts)}] TJ")


def actual_text(text: str, remember: bool = True) -> str:
    """A PDF text string (UTF-16BE, hex) for /ActualText (personal text: not remembered)."""
    hit = MEMORY.actual_texts.get(text) if remember else None
    if hit is None:
        hit = "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"
        if remember:
            MEMORY.actual_texts.put(text, hit)
    return hit
