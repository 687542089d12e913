"""Blocks: one handout block (key points, dosing table, checklist …) in, chunks out.

Each builder takes the handout, the layout context (theme, sizes after
fitting, localizer, text wrapper) and returns ``Chunk`` objects whose items
are positioned relative to the chunk's top-left corner at the content's left
edge.  Builders never draw; every absolute size and colour comes from the theme
(they scale its sizes by fixed proportions, see ``theme``).  Right-to-left languages mirror here: text aligns right, list markers
and icons sit on the right, table columns run right to left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .fonts import ink
from .boxes import Chunk, IconItem, Item, RectItem, Role, RuleItem, TextItem, shift
from .localize import Localizer
from .model import Handout, Personal, Source
from .markup import Span, parse_markup
from .text import Line, Wrapper
from .theme import MM, Theme


@dataclass
class Ctx:
    handout: Handout
    theme: Theme
    loc: Localizer
    wrapper: Wrapper
    rtl: bool
    width: float
    body: float
    scale: float
    leading: float
    qr_matrix: list[list[bool]]
    track_id: str | None = None
    _memo: dict = field(default_factory=dict)  # per layout, shared by every fitting attempt
    citations: bool = True
    personal: Personal | None = None
    # A block holding the patient's details or what was worked out from them (dates from the start
    # date, a dose from the weight, a prescription's doses): its text is wrapped, measured and drawn
    # without being remembered (``memory``: personal text never outlives the build).
    private: bool = False
    ink: bool = True  # the title's subtitle moved clear of its ink (``title_block``), where it would touch it
    compact_days: bool = False  # a calendar's day names and dates at sizes.calendar_days, not the body's (to fit)

    @property
    def c(self):
        return self.theme.colours

    def label(self, key: str, **fields: object) -> str:
        """A label in the reader's form (``Labels.reader``): a caregiver's ("Do not give …", "if
        your child:"), an over-the-counter medicine's ("Ask a doctor or pharmacist first")."""
        f = self.handout.facts
        lab = self.loc.labels
        return lab(lab.reader(key, f.audience == "caregiver", self.handout.over_the_counter), **fields)

    @property
    def _numbers(self) -> dict[str, int]:
        """Source id -> its printed number: in the order the reader meets the citations."""
        n = self._memo.get("numbers")
        if n is None:
            n = self._memo["numbers"] = {s.id: i + 1 for i, s in enumerate(self.sources)}
        return n

    @property
    def sources(self) -> list[Source]:
        """``source_order`` of the handout, once per layout."""
        order = self._memo.get("sources")
        if order is None:
            from .source_blocks import source_order

            order = self._memo["sources"] = source_order(self.handout)
        return order

    def gap(self, units: float) -> float:
        """Vertical space: shrinks when fitting."""
        return units * self.theme.spacing.unit * self.scale

    def hgap(self, units: float) -> float:
        """Horizontal space: never shrinks, so line breaks stay the same while fitting tries spacings."""
        return units * self.theme.spacing.unit

    def lh(self, size: float) -> float:
        return size * self.leading

    def spans(self, text: str, bold: bool = False) -> list[Span]:
        """Markup to spans, with [@id] citations turned into source numbers.

        An edition without the numbered source list (the card) prints no citation numbers:
        a number that points nowhere is worse than none; its QR code leads to the sources.
        """
        key = ("spans", text, bold, self.citations, self.private, self.rtl)  # (a wallet's English card: rtl off)
        hit = self._memo.get(key)
        if hit is None:  # each fitting attempt asks again for the same text: parse it once per layout
            hit = self._memo[key] = tuple(self._spans(text, bold))
        return list(hit)

    def _spans(self, text: str, bold: bool) -> list[Span]:
        numbers = self._numbers
        out: list[Span] = []
        parsed = parse_markup(text, remember=not self.private)
        for i, sp in enumerate(parsed):
            if sp.cite:
                if not self.citations:
                    # The number is left out, and so is the space before it: "a day. [@fda] LDN"
                    # printed a double gap, "a day.  LDN", on every card and personal handout.
                    if out and out[-1].text[-1:].isspace():
                        out[-1] = replace(out[-1], text=out[-1].text.rstrip())
                        if not out[-1].text:
                            out.pop()
                    continue
                if out and out[-1].cite:  # [@a] [@b]: one superscript, numbers sorted: "1,4" never "4 1"
                    nums = sorted({*map(int, out[-1].text.split(",")), numbers[sp.text]})
                else:
                    nums = [numbers[sp.text]]
                cite = Span(",".join(map(str, nums)), cite=True, said=self._said(nums))
                if out and out[-1].cite:
                    out[-1] = cite
                else:
                    # A superscript never starts a line: alone there, "1" under "…or death." reads as a
                    # number of the text (A4's narrower lines did it to methotrexate's key point).
                    if out and out[-1].text.endswith(" "):
                        out[-1] = replace(out[-1], text=out[-1].text[:-1] + "\u00a0")
                    out.append(cite)
            elif (self.citations and not sp.text.strip() and out and out[-1].cite
                  and i + 1 < len(parsed) and parsed[i + 1].cite):
                continue  # the space between two citations
            else:
                out.append(Span(sp.text, bold=bold or sp.bold))
        return self._phones(out)

    def _said(self, nums: list[int]) -> str:
        """A citation as a screen reader says it: "(source 1)", "(sources 3 and 4)"."""
        key = ("said", *nums)
        said = self._memo.get(key)
        if said is None:  # once per layout for each citation (Babel's list format is slow)
            loc = self.loc  # (the numbers as drawn: small whole numbers, Latin digits)
            if len(nums) == 1:
                said = loc.labels("cite_said", n=str(nums[0]))
            else:
                from babel.lists import format_list
                said = loc.labels("cite_said_many", n=format_list(list(map(str, nums)), locale=loc.locale))
            self._memo[key] = said
        return said

    def _phones(self, spans: list[Span]) -> list[Span]:
        """The region's numbers as printed ("1-800-222-1222 (Poison Help)"), each its own span.

        On a right-to-left page a left-to-right span, the phone number in it a ``number`` span.
        After Arabic letters the bidi algorithm makes digits Arabic numbers, and a hyphen between
        two of them stays neutral: every Arabic and Persian Poison Help line printed
        "1222-222-800-1" (an accessibility review).  The whole printed value is one run, or its
        closing bracket would take the page's direction and print at the far end.

        On a page in another language than the name's, a span in the name's language: "Poison Help"
        on a Spanish, Vietnamese or Arabic page is read with an English voice (on a right-to-left
        page, said apart by ``Line.pieces``)."""
        found = self._memo.get("phones", False)
        page = self.handout.lang.split("-")[0]
        if found is False:
            region = self.handout.region
            numbers = {n.printed: n for n in region.numbers.values()
                       if self.rtl or (n.lang and n.lang.split("-")[0] != page)} if region else {}
            alts = "|".join(map(re.escape, sorted(numbers, key=len, reverse=True)))  # never inside a longer number
            # (digits only: Arabic writes "بـ" joined to what follows, and that number still needs its run)
            found = self._memo["phones"] = (re.compile(rf"(?<!\d)(?:{alts})(?!\d)"), numbers) if numbers else None
        if found is None:
            return spans
        pattern, numbers = found
        out: list[Span] = []
        for sp in spans:
            at = 0
            for m in ([] if sp.cite else pattern.finditer(sp.text)):
                if m.start() > at:
                    out.append(replace(sp, text=sp.text[at:m.start()]))
                printed, number = m.group(0), numbers[m.group(0)].number
                i = printed.find(number)
                lang = numbers[printed].lang if numbers[printed].lang.split("-")[0] != page else ""
                # (the name alone in its language: the digits are said in the page's, where an English voice read
                # "1-800-222-1222" on a Spanish page as "one dash eight hundred …", a review)
                parts = [(t, n, lang if any(ch.isalpha() for ch in t) else "") for t, n in
                         ((printed[:i], False), (number, True), (printed[i + len(number):], False)) if t] \
                    if i >= 0 else [(printed, False, lang)]
                if not self.rtl:
                    out += [replace(sp, text=t, lang=said) for t, _, said in parts]
                elif i < 0 or (number.isdigit() and not lang):  # digits alone keep their order
                    out.append(replace(sp, text=printed, ltr=True, lang=lang))
                else:
                    out += [replace(sp, text=t, ltr=True, number=n, lang=said) for t, n, said in parts]
                at = m.end()
            if at == 0:
                out.append(sp)
            elif at < len(sp.text):
                out.append(replace(sp, text=sp.text[at:]))
        return out

    def lines(self, spans: list[Span], size: float, width: float) -> list[Line]:
        if self.private:  # every span, those a block makes itself too (a calendar's dates)
            spans = [sp if sp.personal else replace(sp, personal=True) for sp in spans]
        return self.wrapper.wrap(spans, size, width)  # broken once per process (text.Wrapper.wrap)

    def text(self, spans: list[Span], size: float, width: float, colour: str, role: Role,
             group: str, x: float = 0.0, top: float = 0.0) -> tuple[list[TextItem], float]:
        """A wrapped paragraph at (x, top): items and height. Aligned by direction."""
        lh = self.lh(size)
        items = []
        for i, line in enumerate(self.lines(spans, size, width)):
            lx = x + (width - line.width if self.rtl else 0.0)
            items.append(TextItem(lx, top + i * lh + lh * 0.5 + size * 0.35, line, colour, role, group, first=i == 0))
            if "___" in line.logical:  # a line to write on is said as one ("Each dose: blank mL"): underscores are
                # silent, and "Weight kg. Each dose mL mg" sounded like a dose left out (a listening review)
                items[-1].said = _BLANKS.sub(self.loc.labels("said_blank"), line.logical)
        return items, len(items) * lh

    def mirror(self, x: float, w: float, within: float | None = None) -> float:
        """x of a box of width w, mirrored inside a span of width ``within`` for RTL."""
        span = self.width if within is None else within
        return span - x - w if self.rtl else x


_BLANKS = re.compile(r"_{3,}")


def heading(ctx: Ctx, text: str, group: str, gap_units: float | None = None, role: Role = "H2") -> Chunk:
    size = ctx.theme.sizes.heading
    items, h = ctx.text(ctx.spans(text, bold=True), size, ctx.width, ctx.c.accent, role, group)
    sp = ctx.theme.spacing
    return Chunk(h + ctx.gap(sp.heading_after), [*items], gap=ctx.gap(sp.block if gap_units is None else gap_units),
                 keep_with_next=True)


def paragraph(ctx: Ctx, text: str, group: str, gap: float, bold: bool = False) -> list[Chunk]:
    """One chunk per line so long prose can flow; the first line never ends a page alone."""
    items, _ = ctx.text(ctx.spans(text, bold), ctx.body, ctx.width, ctx.c.text, "P", group)
    lh = ctx.lh(ctx.body)
    chunks = []
    for i, it in enumerate(items):
        it.y -= i * lh
        keep = i == 0 or i == len(items) - 2  # no orphan, no widow
        chunks.append(Chunk(lh, [it], gap=gap if i == 0 else 0.0, keep_with_next=keep and len(items) > 1))
    return chunks


def list_item(ctx: Ctx, text: str | list[Span], group: str, marker: str, width: float, size: float | None = None,
              colour: str | None = None) -> tuple[list[Item], float]:
    """A marker (bullet, check or checkbox) and its wrapped text, as one unit."""
    size = size or ctx.body
    indent = ctx.theme.bullet_indent_mm * MM
    box = ctx.theme.checkbox_mm * MM if marker == "checkbox" else size * 0.62
    spans = ctx.spans(text) if isinstance(text, str) else text
    items, h = ctx.text(spans, size, width - indent, colour or ctx.c.text, "LBody", group,
                        x=0.0 if ctx.rtl else indent)
    lh = ctx.lh(size)
    mx = width - box if ctx.rtl else 0.0
    my = lh * 0.5 - box / 2
    icon_colour = ctx.c.rule if marker == "checkbox" else ctx.c.accent
    marker_item = IconItem(marker, mx, my, box, icon_colour, "Lbl", group)  # type: ignore[arg-type]
    return [marker_item, *items], max(h, box)


def key_points(ctx: Ctx) -> list[Chunk]:
    sp = ctx.theme.spacing
    pad, padx = ctx.gap(sp.box_padding), ctx.hgap(sp.box_padding)
    inner = ctx.width - 2 * padx
    items: list[Item] = []
    y = pad
    head, hh = ctx.text(ctx.spans(ctx.loc.labels("key_points"), bold=True), ctx.theme.sizes.heading,
                        inner, ctx.c.accent, "H2", "key_points", x=padx, top=y)
    items += head
    y += hh + ctx.gap(sp.item)
    for i, kp in enumerate(ctx.handout.text.key_points):
        li, h = list_item(ctx, kp, f"key_points/{i}", "check", inner)
        items += shift(li, padx, y)
        y += h + ctx.gap(sp.item)
    y += pad - ctx.gap(sp.item)
    box = RectItem(0, 0, ctx.width, y, ctx.c.accent_tint, None, 0, "Artifact", "key_points")
    return [Chunk(y, [box, *items], gap=ctx.gap(sp.block))]


def checklist(ctx: Ctx, ids: tuple[str, ...], words: dict[str, str], group: str, width: float,
              columns: int) -> tuple[list[Chunk], float]:
    """Checklist rows (one chunk per row of ``columns`` items)."""
    sp = ctx.theme.spacing
    col_gap = ctx.hgap(1.5)
    col_w = (width - col_gap * (columns - 1)) / columns
    chunks = []
    total = 0.0
    for start in range(0, len(ids), columns):
        row: list[Item] = []
        row_h = 0.0
        for k, sid in enumerate(ids[start:start + columns]):
            li, h = list_item(ctx, words[sid], f"{group}/{start + k}", "checkbox", col_w)
            row += shift(li, ctx.mirror(k * (col_w + col_gap), col_w, width), 0)
            row_h = max(row_h, h)
        gap = ctx.gap(sp.item) if start else 0.0
        chunks.append(Chunk(row_h, row, gap=gap))
        total += row_h + gap
    return chunks, total


def bullets(ctx: Ctx, title: str, texts, group: str) -> list[Chunk]:
    sp = ctx.theme.spacing
    chunks = [heading(ctx, title, group)]
    for i, t in enumerate(texts):
        li, h = list_item(ctx, t, f"{group}/{i}", "bullet", ctx.width)
        chunks.append(Chunk(h, li, gap=ctx.gap(sp.item) if i else 0.0))
    return chunks


def section(ctx: Ctx, sec, group: str) -> list[Chunk]:
    sp = ctx.theme.spacing
    chunks = [heading(ctx, sec.heading, group)]
    for i, para in enumerate(sec.body):
        chunks += paragraph(ctx, para, f"{group}/p{i}", ctx.gap(sp.paragraph) if i else 0.0)
    for i, t in enumerate(sec.bullets):
        li, h = list_item(ctx, t, f"{group}/li{i}", "bullet", ctx.width)
        first = i == 0 and not sec.body
        chunks.append(Chunk(h, li, gap=0.0 if first else ctx.gap(sp.item if i else sp.paragraph)))
    return chunks


def faq(ctx: Ctx) -> list[Chunk]:
    sp = ctx.theme.spacing
    chunks = [heading(ctx, ctx.loc.labels("faq_heading"), "faq")]
    for i, qa in enumerate(ctx.handout.text.faq):
        q = paragraph(ctx, qa.q, f"faq/{i}/q", ctx.gap(sp.paragraph) if i else 0.0, bold=True)
        q[-1].keep_with_next = True
        chunks += q + paragraph(ctx, qa.a, f"faq/{i}/a", 0.0)
    return chunks


INK_MOVED = "ink moved"  # (in a layout's memo: its subtitle moved down clear of the title's ink)


def _ink(item: TextItem) -> tuple[float, float]:
    """How far a line's glyphs reach above and below its baseline, pt (``fonts.ink``)."""
    above = below = 0.0
    for run in item.line.runs:
        top, bottom = ink(run.font, run.text)
        above, below = max(above, top * run.size + run.rise), max(below, bottom * run.size - run.rise)
    return above, below


def title_block(ctx: Ctx) -> list[Chunk]:
    t = ctx.handout.text
    sz = ctx.theme.sizes
    items, h1 = ctx.text(ctx.spans(t.title, bold=True), sz.title, ctx.width, ctx.c.accent, "H1", "title")
    sub, h2 = ctx.text(ctx.spans(t.condition), sz.subtitle, ctx.width, ctx.c.muted, "P", "title", top=h1)
    # The subtitle sits right under the title, spaced for Latin type.  An Arabic title's dots below and the
    # subtitle's hamza above reached into each other (methotrexate ar, a review): it moves down until their ink
    # is ``spacing.ink_gap`` apart.  Latin and the other scripts never come so close, and do not move.  Where the
    # page has no room for it, it is given up (``ctx.ink`` False: layout.INK_MOVED) before anything else is: a
    # 2-week Arabic calendar lost its Poison Help line to it.
    if items and sub:
        clear = sub[0].y - items[-1].y - _ink(items[-1])[1] - _ink(sub[0])[0]
        move = ctx.theme.spacing.ink_gap * ctx.theme.spacing.unit - clear
        if move > 0:
            ctx._memo[INK_MOVED] = True
        if move > 0 and ctx.ink:
            sub, h2 = ctx.text(ctx.spans(t.condition), sz.subtitle, ctx.width, ctx.c.muted, "P", "title",
                               top=h1 + move)
            h2 += move
    y = h1 + h2 + ctx.gap(0.6)
    rule = RuleItem(0, y, ctx.width, y, ctx.c.accent, ctx.theme.lines.rule, "Artifact", "title")
    return [Chunk(y + ctx.theme.lines.rule, [*items, *sub, rule], gap=0.0)]


def summary(ctx: Ctx) -> list[Chunk]:
    """A short edition says so, first: a patient given only the card would take it for everything,
    and it leaves out what to do after a missed dose, most side effects, the full list of what may
    interact (a pharmacist's review).  The note and where the rest is, in body type."""
    note = ctx.loc.labels("summary_note")
    gap = [] if note[-1:] in "。！？" else [Span(" ")]  # (Chinese puts no space after a full stop)
    spans = [*ctx.spans(note, bold=True), *gap, *ctx.spans(ctx.loc.labels("summary_more"))]
    items, h = ctx.text(spans, ctx.body, ctx.width, ctx.c.text, "P", "summary")
    return [Chunk(h, list[Item](items), gap=ctx.gap(ctx.theme.spacing.paragraph))]


BUILDERS = {
    "summary": summary,
    "key_points": key_points,
    "faq": faq,
}
SAFETY = ("side_effects", "serious", "interactions", "do_not_take", "ask_first", "wallet")


def _private_doses(ctx: Ctx) -> bool:
    """The dosing and calendar blocks hold a patient's details: a personalised build's (the start
    date's dates, the dose worked out from a weight), or a prescription's doses."""
    return ctx.personal is not None or ctx.handout.prescribed


def build_block(ctx: Ctx, block_id: str) -> list[Chunk]:
    if block_id == "personal":
        from . import personal_blocks
        return personal_blocks.personal_box(ctx)
    if block_id in ("dosing", "calendar", "calendar_short_log", "calendar_half_log", "dose_checks", "dose_checks_brief"):
        from . import calendar_blocks, dose_blocks
        module = dose_blocks if block_id == "dosing" else calendar_blocks
        return getattr(module, block_id)(replace(ctx, private=True) if _private_doses(ctx) else ctx)
    if block_id in SAFETY:
        from . import safety_blocks
        return getattr(safety_blocks, block_id)(ctx)
    if block_id in ("qr", "sources"):
        from . import source_blocks
        return getattr(source_blocks, block_id)(ctx)
    if block_id in BUILDERS:
        return BUILDERS[block_id](ctx)
    if block_id == "precautions":
        return bullets(ctx, ctx.label("precautions_heading"), ctx.handout.text.precautions, "precautions")
    sec = next(s for s in ctx.handout.text.sections if s.id == block_id)
    return section(ctx, sec, block_id)
