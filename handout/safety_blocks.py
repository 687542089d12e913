"""Safety blocks: side effects, the serious-side-effect box, the do-not-take box, interactions.

The blocks a patient must never miss.  The boxes never split across pages and
are marked by a thick border, a drawn warning icon and a bold title, so they
stand out printed in black and white, never by colour alone.  Same contract as
``blocks``: chunks of located items, mirrored for right-to-left languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .blocks import Ctx, checklist, heading, list_item, paragraph
from .boxes import Chunk, IconItem, Item, RectItem, Role, shift
from .markup import Span
from .theme import MM


def side_effects(ctx: Ctx) -> list[Chunk]:
    h = ctx.handout
    lab = ctx.loc.labels
    sp = ctx.theme.spacing
    cites = _cite_suffix(ctx, h.facts.side_effects.cite)  # never in a heading: after the first lead-in
    chunks = [heading(ctx, lab("side_effects_heading"), "side_effects")]
    groups = [("common", h.facts.side_effects.common, ctx.label("side_effects_common")),
              ("less_common", h.facts.side_effects.less_common, lab("side_effects_less_common"))]
    shown = [g for g in groups if g[1]]
    for n, (name, ids, lead) in enumerate(shown):
        lead += cites if n == 0 else ""
        intro = paragraph(ctx, lead, f"side_effects/{name}", ctx.gap(sp.paragraph) if n else 0.0, bold=True)
        intro[-1].keep_with_next = True
        chunks += intro
        rows, _ = checklist(ctx, ids, h.text.side_effects, f"side_effects/{name}", ctx.width,
                            ctx.theme.checklist_columns)
        rows[0].gap = ctx.gap(sp.item)
        chunks += rows
    action = h.text.serious_action + ("" if shown else cites)  # the sources stay cited with no checklist
    chunks.append(_alert_box(ctx, lab("side_effects_serious"), action, h.facts.side_effects.serious,
                             h.text.side_effects, "side_effects/serious"))
    return chunks


def warning_box(ctx: Ctx, title: str, group: str, content, gap: float, role: Role = "H3") -> Chunk:
    """A box that never splits, marked by a thick border, a drawn warning icon and a bold
    title, so it stands out in black and white too (never by colour alone).

    ``content(inner_width, x, y)`` lays out what goes under the title and returns (items, y).
    ``role``: its title's heading level — H3 under a section heading, H2 when the box stands
    alone under the title (a screen reader's outline never skips a level).
    """
    sp = ctx.theme.spacing
    pad, padx = ctx.gap(sp.box_padding), ctx.hgap(sp.box_padding)
    icon = ctx.theme.sizes.heading * 1.25
    inner = ctx.width - 2 * padx
    tx = padx if ctx.rtl else padx + icon + ctx.hgap(0.8)
    head, hh = ctx.text(ctx.spans(title, bold=True), ctx.theme.sizes.heading, inner - icon - ctx.hgap(0.8),
                        ctx.c.warning, role, group, x=tx, top=pad)
    items: list[Item] = [IconItem("warning", ctx.mirror(padx, icon), pad + max(0.0, (hh - icon) / 2), icon,
                                  ctx.c.warning, "Figure", group, alt=ctx.loc.labels("alt_warning")), *head]
    more, y = content(inner, padx, pad + max(hh, icon) + ctx.gap(sp.item))
    items += more
    y += pad
    box = RectItem(0, 0, ctx.width, y, ctx.c.warning_tint, ctx.c.warning, ctx.theme.lines.warning_box, "Artifact", group)
    return Chunk(y, [box, *items], gap=gap)


def _alert_box(ctx: Ctx, title: str, action: str, ids, words, group: str, role: Role = "H3") -> Chunk:
    """The serious side effects: what to do first, then the checklist."""
    sp = ctx.theme.spacing

    def content(inner: float, x: float, y: float):
        action_items, ah = ctx.text(ctx.spans(action), ctx.body, inner, ctx.c.text, "P", group, x=x, top=y)
        items: list[Item] = [*action_items]
        y += ah + ctx.gap(sp.paragraph)
        rows, _ = checklist(ctx, ids, words, group, inner, ctx.theme.serious_columns)
        for r in rows:
            items += shift(r.items, x, y + r.gap)
            y += r.gap + r.height
        return items, y

    return warning_box(ctx, title, group, content, ctx.gap(sp.block) * 0.8, role)


def _cite_suffix(ctx: Ctx, ids) -> str:
    return "".join(f" [@{i}]" for i in ids)


def _drug(ctx: Ctx, d, bold: bool = False) -> list[Span]:
    """The local name with the Latin INN in parentheses (glossary.printed): "трамадол (tramadol)",
    the INN and the facts' brand a span in the facts' language (glossary.printed_parts)."""
    from .glossary import printed_parts
    return [Span(text, bold=bold, lang=lang) for text, lang in printed_parts(ctx.handout, d)]


def _joined(parts: list[list[Span]], sep: Span) -> list[Span]:
    """Span lists joined by ``sep``, neighbours in one style merged."""
    out: list[Span] = []
    for k, spans in enumerate(parts):
        for sp in ([sep] if k else []) + spans:
            if out and (out[-1].bold, out[-1].lang) == (sp.bold, sp.lang) and not out[-1].cite and not sp.cite:
                out[-1] = Span(out[-1].text + sp.text, bold=sp.bold, lang=sp.lang)
            else:
                out.append(sp)
    return out


# The semicolon of each list comma's script, for a list whose items hold that comma themselves.
_SEMICOLONS = {",": "; ", "\u060c": "\u061b ", "\u3001": "\uff1b", "\uff0c": "\uff1b"}


def _list_comma(ctx: Ctx, items: Sequence[list[Span]] = ()) -> str:
    """The comma between two drugs of a list, from the locale's CLDR list pattern: ", ", Persian
    "، ", Chinese "、".  Arabic's pattern joins with "و" ("and"), which also joins the two names
    of a combination ("سلفاميثوكسازول وتريميثوبريم"): where items hold "and", the script's comma
    keeps them apart ("، ").  Where an item holds the comma itself ("cold, flu and sleep medicines
    that contain acetaminophen"), the items are kept apart by the script's semicolon: commas
    inside and between items made one list of a do-not-take box read as six (a review)."""
    patterns = ctx.loc.locale.list_patterns["standard"]
    middle = patterns["middle"].replace("{0}", "").replace("{1}", "")
    comma = ("\u060c " if ctx.rtl else ", ") if any(ch.isalpha() for ch in middle) else middle
    mark = comma.strip().replace("\u200f", "")
    # ... or the word "and" ("trimethoprim, sulfamethoxazole and trimethoprim (Bactrim)" read as
    # three drugs), where "and" is a word of its own (not Arabic's "و", a letter of many words).
    both = patterns["2"].replace("{0}", "").replace("{1}", "")
    words = [mark] if mark else []
    if both.strip() and both.startswith(" ") and both.endswith(" "):
        words.append(both)
    if any(w in sp.text for spans in items for sp in spans for w in words):
        return _SEMICOLONS.get(mark, "; ")
    return comma


def _do_not_take(ctx: Ctx, role: Role = "H3") -> Chunk | None:
    """The drugs never to take with it, each group with its advice, in one warning box."""
    h = ctx.handout
    sp = ctx.theme.spacing
    indent = ctx.theme.bullet_indent_mm * MM

    groups = [i for i in h.facts.interactions if i.severity == "do_not_take"]
    if not groups:  # no empty red box: a warning with nothing in it teaches readers to skip warnings
        return None

    def content(inner: float, x: float, y: float):
        items: list[Item] = []
        for n, it in enumerate(groups):
            group = f"interactions/do_not_take/{n}"
            names = [_drug(ctx, d, bold=True) for d in it.drugs]
            drugs = _joined(names, Span(_list_comma(ctx, names), bold=True))
            li, dh = list_item(ctx, drugs, group, "bullet", inner)
            items += shift(li, x, y)
            adv, ah = ctx.text(ctx.spans(h.text.interactions[it.id] + _cite_suffix(ctx, it.cite)), ctx.body,
                               inner - indent, ctx.c.text, "P", group, x=x + (0.0 if ctx.rtl else indent), top=y + dh)
            items += adv
            y += dh + ah + (ctx.gap(sp.paragraph) if n < len(groups) - 1 else 0.0)
        return items, y

    title = ctx.label("do_not_take", drug=h.text.short_name)  # a parent's: "Do not give amoxicillin with:"
    return warning_box(ctx, title, "interactions/do_not_take", content, 0.0, role)


def _may_interact(ctx: Ctx) -> list[Chunk]:
    """Drugs that may interact: lighter (no box, no icon), a separate list that may flow on."""
    h = ctx.handout
    lab = ctx.loc.labels
    sp = ctx.theme.spacing
    chunks: list[Chunk] = []
    for n, it in enumerate(i for i in h.facts.interactions if i.severity == "may_interact"):
        group = f"interactions/may_interact/{n}"
        lead = paragraph(ctx, lab("may_interact", drug=h.text.short_name), group, ctx.gap(sp.paragraph), bold=True)
        lead[-1].keep_with_next = True
        chunks += lead
        cols = ctx.theme.drug_columns
        col_gap = ctx.hgap(1.5)
        col_w = (ctx.width - col_gap * (cols - 1)) / cols
        for start in range(0, len(it.drugs), cols):
            row: list[Item] = []
            row_h = 0.0
            for k, d in enumerate(it.drugs[start:start + cols]):
                li, dh = list_item(ctx, _drug(ctx, d), f"{group}/{start + k}", "bullet", col_w)
                row += shift(li, ctx.mirror(k * (col_w + col_gap), col_w), 0)
                row_h = max(row_h, dh)
            chunks.append(Chunk(row_h, row, gap=ctx.gap(sp.item)))
        # its own paragraph, after the list it follows (in the lead's group it was read before the list)
        chunks += paragraph(ctx, h.text.interactions[it.id] + _cite_suffix(ctx, it.cite), f"{group}/note",
                            ctx.gap(sp.item))
    return chunks


def interactions(ctx: Ctx) -> list[Chunk]:
    box = _do_not_take(ctx)
    return [heading(ctx, ctx.loc.labels("interactions_heading"), "interactions"), *([box] if box else []),
            *_may_interact(ctx)]


def ask_first(ctx: Ctx) -> list[Chunk]:
    """The drugs that may interact, by name only, in one paragraph (for the one-page card, which
    has no room for their lists and notes): "Ask your prescriber or pharmacist first about:
    ibuprofen (Advil), naproxen (Aleve), aspirin, alcohol."  A patient who keeps only the card
    still sees them (a pharmacist's review: the weekly methotrexate card named no pain pill)."""
    h = ctx.handout
    drugs = [d for it in h.facts.interactions if it.severity == "may_interact" for d in it.drugs]
    if not drugs:
        return []
    lead = ctx.label("ask_first")
    names = [_drug(ctx, d) for d in drugs]
    # Said after the names: on the card or the fridge page, kept alone, a list of six names read as
    # every medicine to ask about (a pharmacist's review: diclofenac then looked fine).
    spans = [Span(lead + " ", bold=True), *_joined(names, Span(_list_comma(ctx, names))),
             Span(ctx.loc.labels("ask_first_more"))]
    items, height = ctx.text(spans, ctx.body, ctx.width, ctx.c.text, "P", "interactions/ask_first")
    return [Chunk(height, list[Item](items), gap=ctx.gap(ctx.theme.spacing.paragraph))]


def serious(ctx: Ctx) -> list[Chunk]:
    """Only the serious side effects and what to do (for the calendar and the card)."""
    h = ctx.handout
    # Standing alone (no "Possible side effects" heading above it), its title is a section heading.
    return [_alert_box(ctx, ctx.loc.labels("side_effects_serious"), h.text.serious_action,
                       h.facts.side_effects.serious, h.text.side_effects, "side_effects/serious", "H2")]


def wallet(ctx: Ctx) -> list[Chunk]:
    """Two credit-card-size cards side by side (85.6 x 54 mm, ISO/IEC 7810 ID-1) with cut lines:
    "I take an opioid blocker", as the label advises carrying.  Text shrinks inside a card, never the card."""
    from .wallet import cards
    return cards(ctx)


def do_not_take(ctx: Ctx) -> list[Chunk]:
    """Only the do-not-take box (for the card and the calendar).  Standing alone, as the serious
    box does, its own title ("Do not take methotrexate with:") is the section heading: the
    "Medicines and drinks to avoid" line above it said nothing more, and took the line a card
    needs to say it is a summary."""
    box = _do_not_take(ctx, "H2")
    return [replace(box, gap=ctx.gap(ctx.theme.spacing.block))] if box else []
