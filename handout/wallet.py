"""The wallet card: a handout's ``wallet_card`` lines in, two cut-out credit-card-size cards out.

The naltrexone label advises patients to carry a card saying they take an opioid blocker, so
that an emergency team knows opioid pain medicines may not work.  The card is the ID-1 size of a
bank card (85.6 x 53.98 mm, ISO/IEC 7810), two side by side, each drawn with its cut line (a
thin rule) and a line under it saying where to cut.  In the source language both are the same
(one sheet gives a spare); in a translation the second is in the source language, for an
emergency team that does not read the patient's.  Inside a card the
text starts at the body size and steps down (to the theme's ``small`` size at the least) until
it fits: the card never grows.  If it cannot fit, the build fails naming the block.
"""

from __future__ import annotations

import copy

from .blocks import Ctx
from .boxes import Chunk, Item, RectItem, RuleItem, TextItem, shift
from .errors import HandoutError
from .localize import Labels
from .markup import Span
from .personal_blocks import value_span, value_spans
from .theme import MM

CARD_W, CARD_H = 85.6 * MM, 53.98 * MM
PAD = 3.5 * MM


def _card(ctx: Ctx, size: float, known: dict[str, list[Span]], lines: tuple[str, ...] | None = None,
          lab: Labels | None = None) -> tuple[list[Item], float]:
    """One card's text at ``size``: title, lines, then the lines to fill in (those ``known``: the
    patient's name and prescriber written in). Returns (items, height).  ``lines`` and ``lab``:
    another language's card (the source language's, with its labels)."""
    h = ctx.handout
    lab = lab or ctx.loc.labels
    inner = CARD_W - 2 * PAD
    items: list[Item] = []
    y = PAD
    for i, line in enumerate(h.text.wallet_card if lines is None else lines):
        colour = ctx.c.warning if i == 0 else ctx.c.text
        got, lh = ctx.text(ctx.spans(line, bold=i == 0), size, inner, colour, "H2" if i == 0 else "P",
                           f"wallet/{i}", x=PAD, top=y)
        items += got
        y += lh + size * 0.25
    for key in ("wallet_name", "wallet_contact"):
        if known.get(key):  # a personalised card is filled in, not left for the pen
            got, lh = ctx.text([*ctx.spans(lab(key) + ": "), *known[key]], size, inner,
                               ctx.c.text, "P", f"wallet/filled/{key}", x=PAD, top=y)
            items += got
            y += lh + size * 0.25
            continue
        # The label at the reading side, the line to write on after it: on a right-to-left card the
        # label was drawn at the left, over its own line (an accessibility review).
        # (each line its own paragraph: "Name: Prescriber and phone:" was read as one, a listening review)
        got, lh = ctx.text(ctx.spans(lab(key) + ":"), size, inner * 0.45, ctx.c.text, "P", f"wallet/fill/{key}",
                           x=PAD + inner * 0.55 if ctx.rtl else PAD, top=y)
        # ... and said with its line to write on, as the card's other blanks are ("Name: blank"): "Name:" and then
        # nothing left a listener wondering what was missed (a listening review)
        got[-1].said = f"{got[-1].line.logical.rstrip()} {lab('said_blank')}"
        items += got
        base = y + lh * 0.85
        gap = 1.5 * MM  # the line never touches its label's colon
        x0, x1 = (PAD, PAD + inner * 0.55 - gap) if ctx.rtl else (PAD + inner * 0.45 + gap, PAD + inner)
        items.append(RuleItem(x0, base, x1, base, ctx.c.muted, ctx.theme.lines.hair, "Artifact", f"wallet/fill/{key}"))
        y += lh + size * 0.25
    return items, y + PAD - size * 0.25


def _known(ctx: Ctx) -> dict[str, list[Span]]:
    """The card's lines the patient's details fill in, as spans (the phone its own run)."""
    p = ctx.personal
    if p is None:
        return {}
    # Each phone beside its own name: "Dr. Ali, <the clinic's phone>" said whose number it was not
    # (found in review).  Without the prescriber's phone, the clinic and its phone.
    name, phone = ((p.prescriber, p.prescriber_phone) if p.prescriber_phone or not p.clinic_phone
                   else (p.clinic or p.prescriber, p.clinic_phone))
    found = {"wallet_name": [value_span(ctx, p.patient)] if p.patient else [],
             "wallet_contact": value_spans(ctx, name, phone)}
    return {k: v for k, v in found.items() if v}


def _fitted(ctx: Ctx, size: float, known: dict[str, list[Span]], lines: tuple[str, ...] | None = None,
            lab: Labels | None = None) -> tuple[list[Item], float, float]:
    """The card from ``size`` down, half a point at a time, never under the theme's small size, until
    it fits. Returns (items, height, size): the height is over CARD_H if it never does."""
    items, height = _card(ctx, size, known, lines, lab)
    while height > CARD_H and size > ctx.theme.sizes.small:
        size = max(ctx.theme.sizes.small, size - 0.5)
        items, height = _card(ctx, size, known, lines, lab)
    return items, height, size


def _source_card(ctx: Ctx, known: dict[str, list[Span]]) -> list[Item] | None:
    """The second card in the source language (English) on a translation's wallet page: an
    emergency team in the clinic's country may not read the patient's language (an accessibility
    review: the Arabic and Chinese cards said 'opioid blocker' only in Arabic and Chinese).  Left to
    right, tagged in its language; None when the source has no card or it cannot fit."""
    from dataclasses import replace

    from .localize import load_labels
    from .personal import latin_digits
    from .rtl import strong_rtl

    h = ctx.handout
    if h.source is None or not h.source.wallet_card:
        return None
    lang = h.source.language
    sub = replace(ctx, rtl=False)
    # A value in right-to-left letters cannot be written into a left-to-right card: the line is left
    # for the pen (a phone alone would not say whose it is).  Digits in Latin for an English reader.
    # A name in Chinese, Hindi or Russian letters is written in, in the patient's language: a screen
    # reader reads it with that voice, not the English card's (a review).
    mine = {key: [replace(sp, text=latin_digits(sp.text), ltr=False, number=False,
                          lang=h.lang if _other_script(sp.text) else sp.lang) for sp in spans]
            for key, spans in known.items() if not any(strong_rtl(c) for sp in spans for c in sp.text)}
    items, height, size = _fitted(sub, ctx.body, {}, h.source.wallet_card, load_labels(lang))
    if height > CARD_H:
        return None
    if mine:
        filled, tall, _ = _fitted(sub, size, mine, h.source.wallet_card, load_labels(lang))
        if tall <= CARD_H:
            items = filled
    for it in items:
        # Elements of its own ("wallet/source/…"), read after the first card's: under the first
        # card's names the tree joined each Arabic line and its English one in one element, all
        # tagged English (found in review).
        it.group = it.group.replace("wallet/", "wallet/source/", 1)
        if isinstance(it, TextItem):
            it.lang = lang
    return items


def _other_script(text: str) -> bool:
    """Whether ``text`` has a letter of a script other than Latin (a name in 张伟, राज, Иван)."""
    import unicodedata

    return any(ch.isalpha() and not unicodedata.name(ch, "LATIN").startswith("LATIN") for ch in text)


def cards(ctx: Ctx) -> list[Chunk]:
    h = ctx.handout
    if not h.text.wallet_card:
        raise HandoutError.single(h.text.where("wallet_card"), "wallet_card", "the outline has 'wallet' but the "
                                  "text has no wallet_card lines (expected a title and 1 to 3 short lines)")
    items, height, size = _fitted(ctx, ctx.body, {})
    if height > CARD_H:
        raise HandoutError.single(h.text.where("wallet_card"), "wallet_card",
                                  f"the wallet card text is {(height - CARD_H) / MM:.0f} mm too tall even at "
                                  f"{size:g} pt (shorten the lines)")
    known = _known(ctx)
    if known:
        # A personalised card is filled in, not left for the pen, if that fits at a size the card
        # allows (never under the theme's small size): a name too long for it is left for the pen.
        filled, tall, _ = _fitted(ctx, size, known)
        if tall <= CARD_H:
            items = filled
    second = _source_card(ctx, known)
    gap = max(0.0, min(10 * MM, ctx.width - 2 * CARD_W))
    row: list[Item] = []
    for k in range(2):
        x = ctx.mirror(k * (CARD_W + gap), CARD_W)
        row.append(RectItem(x, 0, CARD_W, CARD_H, None, ctx.c.rule, ctx.theme.lines.rule, "Artifact", "wallet"))
        if k and second is not None:  # its own words: read too, after the first
            row += shift(second, x, 0)
        else:
            row += shift(_copies(items, artifact=k > 0), x, 0)
    cut, ch = ctx.text(ctx.spans(ctx.loc.labels("wallet_cut")), ctx.theme.sizes.small, ctx.width, ctx.c.muted,
                       "P", "wallet/cut", top=CARD_H + ctx.hgap(0.4))
    # Under the title's rule the cards need no gap; under the patient's box they touched its edge.
    # A small one, as under the cards: a block's gap pushed the page's last block to a second page.
    below_box = ctx.personal is not None and not ctx.personal.empty
    return [Chunk(CARD_H + ctx.hgap(0.4) + ch, [*row, *cut], gap=ctx.hgap(0.4) if below_box else 0.0)]


def _copies(items: list[Item], artifact: bool) -> list[Item]:
    """Fresh copies to place; the second card repeats the first, so a screen reader reads it once."""
    out = []
    for it in items:
        c = copy.copy(it)
        if artifact:
            c.role = "Artifact"
        out.append(c)
    return out
