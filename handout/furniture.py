"""Page furniture, drawn on every page the layout stage makes: the DRAFT band and the footer.

In: the ``Layouter`` of one handout (its handout, theme, localizer, width, direction) and a
``Ctx`` (one fitting attempt's sizes).  Out: the items of the band or footer, at (0, 0), and
their height; ``Layouter.paginate`` places them on each page and keeps room for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import re

from .blocks import Ctx
from .boxes import Chunk, Item, RectItem, Role, RuleItem
from .localize import SOURCE_CATALOG, load_labels
from .markup import Span
from .model import CALENDAR
from .personal_blocks import value_span

if TYPE_CHECKING:
    from .layout import Layouter


def band(lay: Layouter, ctx: Ctx, read: bool = True) -> tuple[list, float]:
    """The DRAFT band (translations not yet reviewed), in the language and in English.

    Drawn on every page, read once: content on the first page (before anything else),
    an artifact on the others.  The English line is its own paragraph, in English.
    """
    tr = lay.h.text.translation
    if tr is None or tr.status != "draft":
        return [], 0.0
    texts = [(lay.loc.labels("draft_band"), "draft", "")]
    if lay.h.lang != SOURCE_CATALOG:  # also in English, for the clinician handing it over
        texts.append((load_labels(SOURCE_CATALOG)("draft_band"), "draft/en", SOURCE_CATALOG))
    pad = lay.theme.spacing.unit * 0.4
    size = lay.theme.sizes.band
    items, h = [], 0.0
    for text, group, lang in texts:
        its, th = ctx.text([Span(text, bold=True)], size, lay.width - 2 * pad, lay.theme.colours.warning,
                           "P" if read else "Artifact", group, x=pad, top=pad + h)
        for it in its:
            it.lang = lang
        items += its
        h += th
    box = RectItem(0, 0, lay.width, h + 2 * pad, lay.theme.colours.warning_tint, lay.theme.colours.warning,
                   lay.theme.lines.box, "Artifact", "draft")
    return [box, *items], h + 2 * pad

_DOT = re.compile(r"\s*·\s*")  # the footer's separator between its parts
_STOP = {"zh": "。", "ja": "。", "hi": "। "}  # a sentence's stop where it is not the Latin full stop


def _said_apart(items: list, lang: str) -> list:
    """The review line's parts said as sentences: its dots, drawn to part them, were read aloud ("punto medio",
    "point") between "Not yet reviewed" and the next review's date (a listening review)."""
    stop = _STOP.get(lang.split("-")[0], ". ")

    def apart(text: str) -> str:
        """(after a part that ends with its own stop, Russian's "2027 г.", a space only: never "г..")"""
        return _DOT.sub(lambda m: " " if text[:m.start()].endswith((".", "。", "।")) else stop, text)

    for it in items:
        if "·" in it.line.logical:
            it.said = apart(it.line.logical)
    return items


def footer(lay: Layouter, ctx: Ctx, page: int, pages: int) -> tuple[list, float]:
    """Page number, review dates and version, then the disclaimer.

    The page number is an artifact (a screen reader has its own); the review dates and the
    disclaimer are content, read once: on the last page, after the handout's last block.
    """
    lab, f, sz = lay.loc.labels, lay.h.facts, lay.theme.sizes.footer
    # The space after the dot is a no-break space: a line's trailing spaces have no width, and the
    # dates placed after the page number's width touched the dot ("Page 1 of 2  ·Not yet reviewed").
    number = lab("footer_page", page=page, pages=pages) + "  ·\u00a0"
    if lay.review_line is None:  # the same words on every page of every attempt
        reviewed = lab("footer_reviewed", date=lay.loc.date(f.reviewed_on)) if f.reviewed_by \
            else lab("footer_not_reviewed")
        lay.review_parts = (reviewed, lab("footer_next_review", date=lay.loc.date(f.next_review)),
                            lab("footer_version", version=f.version))
        lay.review_line = "  ·  ".join(lay.review_parts)
    review = lay.review_line
    role: Role = "P" if page == pages else "Artifact"
    below = False  # the review status and version on a footer line of their own
    c = lay.theme.colours
    top = ctx.gap(0.6)
    first = [Span(number)]
    name = lay.personal.patient if lay.personal is not None else None
    if name:
        # Every page of a personalised printout names its patient: the patient's box is on one page
        # only (on the back of a card whose front it did not fit), and two siblings' cards, or
        # the loose sheets of a single-sided printout, must not be told apart by guesswork.  Drawn
        # for the eye: the box is what a screen reader reads.  The name alone, as on a pharmacy's
        # label ("Prepared for:" takes the room of 15 letters).  Beside it, the review status and
        # the version; the next review date too if it fits (it is the clinic's, not the patient's).
        # When not even those fit, they leave the footer for one line after the handout's last
        # block (``review_block``): a footer line more would cost every page a line.  A calendar
        # has no handout block to follow (a warning would give way to them): there the status and
        # version take a footer line of their own (a code review: beside a name that wraps in large
        # print, the fridge page had neither).
        first = [Span(lab("footer_page", page=page, pages=pages) + "  ·  "), value_span(ctx, name)]
        status, _, version = lay.review_parts
        if lay.dates_in_flow is None:  # decided once, on the widest page number, for every attempt
            head, _ = ctx.text([*first, Span("  ·\u00a0")], sz, lay.width, c.muted, "Artifact", "footer", top=top)
            room = lay.width - max(it.line.width for it in head)
            for said in (review, f"{status}  ·  {version}"):
                # (wrapped, like every line beside the name, to a width it gives: not remembered)
                dates, _ = ctx.text([Span(said, personal=True)], sz, room, c.muted, role, "footer/review", top=top)
                if len(head) == 1 and len(dates) == 1:
                    lay.footer_dates = said
                    break
            lay.dates_in_flow = lay.footer_dates is None and lay.edition != CALENDAR
        if lay.footer_dates is not None:
            first.append(Span("  ·\u00a0"))
            review = lay.footer_dates
        elif not lay.dates_in_flow:
            review, below = f"{status}  ·  {version}", True
    a, ah = ctx.text(first, sz, lay.width, c.muted, "Artifact", "footer", top=top)
    used = max(it.line.width for it in a)
    b: list = []
    bh = 0.0
    if name and lay.dates_in_flow:
        pass  # the dates are the handout's last block
    elif not below and len(a) == 1 and (name or used < lay.width / 3):  # the dates follow (to the left, right to left)
        b, bh = ctx.text([Span(review, personal=bool(name))], sz, lay.width - used, c.muted, role, "footer/review",
                         x=0.0 if lay.rtl else used, top=top)
        ah, bh = max(ah, bh), 0.0
    else:
        b, bh = ctx.text([Span(review)], sz, lay.width, c.muted, role, "footer/review", top=top + ah)
    _said_apart(b, lay.h.lang)
    d, dh = ctx.text([Span(lay.h.text.disclaimer)], sz, lay.width, c.muted, role, "footer/disclaimer",
                     top=top + ah + bh)
    rule = RuleItem(0, 0, lay.width, 0, c.rule, lay.theme.lines.hair, "Artifact", "footer")
    # and room below the last line for descenders deeper than its half-leading (tight leading)
    return [rule, *a, *b, *d], top + ah + bh + dh + max(0.0, 0.3 * sz - (ctx.lh(sz) / 2 - 0.35 * sz))


def review_block(lay: Layouter, ctx: Ctx) -> list[Chunk]:
    """The review dates and version after the handout's last block, in the footer's type: a
    personalised printout whose footer has no room for them beside the patient's name (``footer``).
    Read where the footer's were: once, after the handout, before the disclaimer."""
    if not lay.dates_in_flow or lay.review_line is None:
        return []
    lines, h = ctx.text([Span(lay.review_line)], lay.theme.sizes.footer, lay.width, lay.theme.colours.muted, "P",
                        "footer/review")
    items: list[Item] = [*_said_apart(lines, lay.h.lang)]
    return [Chunk(h, items, gap=ctx.gap(lay.theme.spacing.block))]
