"""Stage 5 — layout: a ``Handout`` + ``Theme`` in, fitted ``Page`` objects out.

Blocks (``blocks.py``) become chunks that never split; ``paginate`` places
them, moving a chunk to the next page rather than clipping it and never
leaving a heading at the bottom of a page.  ``layout`` fits the handout into
its ``max_pages``: it tightens spacing first, then line height, then the body
size down to the theme's minimum — a search over that ladder that interpolates
how far over each attempt was, so a fit costs three or four layouts, with line
breaking cached per type size.  If the tightest setting still overflows, it
raises ``HandoutError`` naming the handout, the language and how much is over.
Nothing is ever dropped.

A personalised edition whose patient's box does not fit on top keeps the edition's pages and puts
the box after them, or (sheets) keeps the box on top and takes one more page; a card keeps its
front and carries the box on its back (``layout``).  Its error is worded for whoever filled in the
details, not for the content's author.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from collections.abc import Callable
from typing import Any, NoReturn

from . import furniture, overflow, qr
from .blocks import INK_MOVED, Ctx, build_block, title_block
from .boxes import Chunk, Page, shift
from .errors import Code, HandoutError
from .localize import Localizer
from .calendar_blocks import CALENDAR_OUTLINE
from .model import CALENDAR, STANDARD, Handout, Personal, outline_ids
from .text import Wrapper
from .theme import MM, Theme


PERSONAL_EXTRA_PAGES = 1  # a personalised printout may take one more page for the patient's box


@dataclass(frozen=True)
class Settings:
    body: float
    scale: float
    leading: float


@dataclass
class Laid:
    """The fitted pages and the settings that fitted them."""

    handout: Handout
    pages: list[Page]
    settings: Settings
    page_size: tuple[float, float]
    rtl: bool
    # Where the patient's box went: "first" (above the handout), "after" (after its last block, in
    # its pages or on the one more page a personalised printout may take), "spill" (the handout's
    # end is on that page too: the patient's dates made it longer).
    personal_at: str | None = None
    ink_moved: bool = False  # its subtitle was moved clear of the title's ink (``blocks.INK_MOVED``)
    left_out: tuple[str, ...] = ()  # a calendar's blocks given up for its one page (``calendar_fit``), as said
    edition: str = STANDARD  # which of the handout's editions (the document's title says a calendar is one)


def ladder(theme: Theme) -> list[Settings]:
    """Settings from loosest to tightest: spacing, then leading, then body size."""
    b, s0, l0 = theme.sizes.body, theme.spacing.min_scale, theme.min_leading
    steps = [Settings(b, 1 - (1 - s0) * i / 10, theme.leading) for i in range(11)]
    steps += [Settings(b, s0, round(theme.leading - (theme.leading - l0) * i / 2, 3)) for i in (1, 2)]
    size = b
    while size > theme.sizes.min_body:
        size = max(theme.sizes.min_body, size - 0.25)
        steps.append(Settings(size, s0, l0))
    return steps


class Layouter:
    def __init__(self, handout: Handout, theme: Theme, paper: str | None = None, track: str | None = None,
                 edition: str = STANDARD, personal: Personal | None = None, personal_last: bool = False,
                 extra: int = 0, spill: bool = False):
        self.h = handout
        self.edition = edition
        self.outline: tuple[str, ...]
        self.personal = personal
        self.personal_last = False  # the patient's box after the handout's last block
        self.spill = spill  # and the handout's own last blocks may take the extra page too
        if edition == CALENDAR:  # the personal dose calendar: one page, only with a start date
            self.max_pages, self.outline = 1, CALENDAR_OUTLINE
            self.limit_loc = handout.facts.loc
        else:
            ed = handout.facts.edition(edition)
            self.max_pages, self.limit_loc = ed.max_pages, ed.where("max_pages")
            self.outline = ed.outline or handout.facts.outline  # edition() fills it in
            if personal is not None and not personal.empty:
                # The patient's details take the place of the numbered source list; the QR
                # code (and with it the sources) stays, and no citation number points nowhere.
                body = tuple("qr" if b == "sources" else b for b in self.outline)
                self.outline = ("personal", *body)
                if personal_last:  # the edition's pages as they are, the patient's box after them
                    self.outline, self.personal_last = (*body, "personal"), True
                self.max_pages += extra  # one more page: for the box after them, or for all with the box first
            else:
                extra = 0
        self.edition_pages = self.max_pages - extra
        self.theme = theme
        self.paper = paper
        self.size = theme.page_size(paper or (handout.region.paper if handout.region else None))
        self.rtl = theme.is_rtl(handout.lang)
        region = handout.region
        # (a patient's numbers, or a prescription's, are never remembered: blocks._private_doses)
        self.loc = Localizer(handout.lang, (region.decimal, region.group) if region else None,
                             remember=personal is None and not handout.prescribed)
        units = [v for k, v in self.loc.labels.values.items() if k.startswith("unit_")]
        self.wrapper = Wrapper(theme.fontset(handout.lang), self.rtl, units)
        self.qr = qr.matrix(handout.facts.qr_url, theme.qr.error_correction, theme.qr.border)
        self.track = track
        self.memo: dict = {}  # what every fitting attempt shares (the source numbers)
        self.ink = True  # the subtitle clear of the title's ink (blocks.title_block); False: given up for room
        self.compact_days = False  # a calendar's days and dates at sizes.calendar_days (layout: when the body's do not fit)
        self._fitted: tuple[Settings, list[Page]] | None = None  # the latest fitting attempt
        self._excess: dict[Settings, float] = {}
        self._waste: dict[Settings, float] = {}
        self._used: dict[Settings, float] = {}
        self._last: tuple[Settings, list[Page], float] | None = None  # the latest attempt (an overflow's message)
        self._heights: dict[str, float] = {}  # the latest attempt's height of each outline entry (ditto)
        self.review_line: str | None = None  # the footer's review dates and version (furniture.footer)
        self.review_parts: tuple[str, str, str] = ("", "", "")  # its status, next review date and version
        self.dates_in_flow: bool | None = None  # they follow the handout instead (a patient's long name)
        self.footer_dates: str | None = None  # what of them is beside the patient's name (furniture.footer)
        self._n_review = 0  # the chunks of those dates (furniture.review_block)
        m = theme.margins_mm
        self.left, self.right = m.left * MM, self.size[0] - m.right * MM
        self.width = self.right - self.left

    @property
    def content_pages(self) -> int:
        """The handout's own blocks stay within the edition's pages; only the patient's box takes
        the extra page (a card stays one card, its back carries the patient's details)."""
        return self.edition_pages if self.personal_last and not self.spill else self.max_pages

    def ctx(self, st: Settings) -> Ctx:
        return Ctx(self.h, self.theme, self.loc, self.wrapper, self.rtl, self.width, st.body, st.scale,
                   st.leading, self.qr, self.track, self.memo, "sources" in outline_ids(self.outline), self.personal,
                   ink=self.ink, compact_days=self.compact_days)

    def chunks(self, ctx: Ctx) -> list[Chunk]:
        out = title_block(ctx)
        self._heights = {}  # each outline entry's height, for an overflow's message
        for entry in self.outline:
            if entry == "personal":
                self._n_content = len(out)  # the chunks before the patient's box
            before = len(out)
            ids = [p.strip() for p in entry.split("|")]
            if len(ids) == 1:
                out += build_block(ctx, ids[0])
            elif self.theme.side_by_side:
                out.append(self.side_by_side(ctx, ids))
            else:  # one column (large print): the pair one after the other
                for block_id in ids:
                    out += build_block(ctx, block_id)
            self._heights[entry] = sum(ch.gap + ch.height for ch in out[before:])
        # (Not on the calendar: a patient's name too long for the dates beside it leaves them to the
        # handout the calendar goes with, rather than take a warning off the fridge page.)
        review = furniture.review_block(self, ctx) if self.edition != CALENDAR else []
        if review and out:  # never a page for the dates alone (a card's back with one line): with the block before
            out[-1] = replace(out[-1], keep_with_next=True)
        self._n_review = len(review)
        return out + review

    def side_by_side(self, ctx: Ctx, ids: list[str]) -> Chunk:
        """Two short blocks in two columns, as one chunk (first block on the reading side)."""
        gutter = ctx.hgap(3)
        col_w = (self.width - gutter) / 2
        sub = replace(ctx, width=col_w)
        items, height, gap = [], 0.0, 0.0
        for k, block_id in enumerate(ids):
            y = 0.0
            for n, ch in enumerate(build_block(sub, block_id)):
                if n == 0:
                    gap = max(gap, ch.gap)
                else:
                    y += ch.gap
                items += shift(ch.items, ctx.mirror(k * (col_w + gutter), col_w), y)
                y += ch.height
            height = max(height, y)
        return Chunk(height, items, gap=gap)

    def paginate(self, st: Settings) -> tuple[list[Page], float, Ctx]:
        """Place chunks on pages; return the pages and the height of the tallest unplaceable chunk."""
        ctx = self.ctx(st)
        band, band_h = furniture.band(self, ctx)
        _, foot_h = furniture.footer(self, ctx, 9, 9)
        # The band sits high in the top margin; the content moves down only if the band needs it.
        band_top = self.theme.band_top_mm * MM
        top = max(self.theme.margins_mm.top * MM, band_top + band_h + ctx.gap(1)) if band else self.theme.margins_mm.top * MM
        bottom = self.size[1] - self.theme.margins_mm.bottom * MM - foot_h - ctx.gap(1)
        room = bottom - top
        chunks = self.chunks(ctx)
        # (the handout's own blocks: not the dates that follow it, like the patient's box after it)
        n_content = self._n_content if self.personal_last else len(chunks) - self._n_review
        pages = [Page(1)]
        y = top
        too_tall = 0.0
        content_end = (1, 0.0)  # the page and height where the handout's own blocks end
        for i, ch in enumerate(chunks):
            gap = ch.gap if y > top else 0.0
            need = gap + ch.height
            j = i
            while chunks[j].keep_with_next and j + 1 < len(chunks):  # keep headings with what follows
                j += 1
                need += chunks[j].gap + chunks[j].height
            if y + need > bottom and y > top and need <= room:
                pages.append(Page(len(pages) + 1))
                y, gap = top, 0.0
            elif y + gap + ch.height > bottom and y > top:
                pages.append(Page(len(pages) + 1))
                y, gap = top, 0.0
            above = 0.0  # a repeated header row's height, on this page above the chunk
            if ch.repeat is not None and y == top and len(pages) > 1:
                # A table continued on a new page gets its header row again, drawn for the eye
                # only: the header cells were read on the first page (an artifact here, so
                # its text does not join them: "When When").
                items, above = ch.repeat
                pages[-1].items += shift([replace(it, role="Artifact") for it in items], self.left, y)
                y += above
            if ch.height + above > room:  # never past the bottom margin: too tall, said, not clipped
                too_tall = max(too_tall, ch.height + above - room)
            pages[-1].items += shift(ch.items, self.left, y + gap)
            y += gap + ch.height
            pages[-1].used = y - top
            if i < n_content:
                content_end = (len(pages), pages[-1].used)
        for p in pages:
            if band:
                fresh, _ = furniture.band(self, ctx, read=p.number == 1)
                p.items = shift(fresh, self.left, band_top) + p.items
            foot, _ = furniture.footer(self, ctx, p.number, len(pages))
            p.items += shift(foot, self.left, self.size[1] - self.theme.margins_mm.bottom * MM - foot_h)
        # How far over (+) or under (-) the allowed pages the content is: guides the search.
        excess = sum(p.used for p in pages) + too_tall - self.max_pages * room
        self._content_pages = content_end[0]
        if self.personal_last:  # the handout's own blocks within the edition's pages
            n, used = content_end
            own = sum(p.used for p in pages[:n - 1]) + used + too_tall - self.content_pages * room
            excess = max(excess, own)
        self._excess[st] = excess
        self._used[st] = sum(p.used for p in pages) + too_tall
        # The room left at the foot of the pages before the last allowed one: a fit needs the
        # excess below minus that much (a chunk that does not fit moves down whole).
        self._waste[st] = sum(room - p.used for p in pages[:self.max_pages - 1])
        return pages, too_tall, ctx

    def fits(self, st: Settings) -> bool:
        pages, too_tall, _ = self.paginate(st)
        self._last = (st, pages, too_tall)
        ok = self._ok(pages, too_tall)
        if ok:  # the search ends on settings that fitted: keep their pages for _laid
            self._fitted = (st, pages)
        return ok

    def _ok(self, pages: list[Page], too_tall: float) -> bool:
        return len(pages) <= self.max_pages and self._content_pages <= self.content_pages and not too_tall

    def run(self) -> Laid:
        """Loosest settings that fit: spacing first, then leading, then body size.

        Line breaks depend only on the body size (horizontal spacing never shrinks),
        so the search tries each size once at its tightest spacing, then relaxes the
        spacing at the first size that fits: every probe after that reuses the wraps.
        """
        steps = ladder(self.theme)
        if self.spill:  # the handout's end goes over: keep as much of it as can be in its pages
            if self.fits(steps[-1]):
                return self._laid(steps[-1])
            pages, too_tall, _ = self.paginate(steps[-1])
            self._overflow(pages, too_tall, steps[-1])
        sizes = list(dict.fromkeys(st.body for st in steps))  # largest first
        if len(sizes) == 1:  # a theme whose minimum is its body size (the 12 pt floor): spacing and leading
            # The spacing's tightest first: a handout written to fill its pages (most standard
            # editions and cards) does not fit there, and then not at any looser spacing either,
            # so the loosest is never laid out (a third of a new handout's layouts).  One that
            # fits there is tried at the loosest next, as before.
            edge = max(k for k, st in enumerate(steps) if st.leading == steps[0].leading)
            if 0 < edge < len(steps) - 1 and not self.fits(steps[edge]):
                return self._laid(steps[self._loosest(steps, edge)])
            if self.fits(steps[0]):
                return self._laid(steps[0])
            return self._laid(steps[self._loosest(steps, 0, edge if 0 < edge < len(steps) - 1 else None)])
        if self.fits(steps[0]):
            return self._laid(steps[0])
        groups = {size: [st for st in steps if st.body == size] for size in sizes}
        tightest = [groups[size][-1] for size in sizes]
        pages, too_tall, _ = self.paginate(tightest[0])
        if self._ok(pages, too_tall):
            self._fitted = (tightest[0], pages)  # often the answer (a full handout): not laid out again
            i = 0
        else:
            # Estimate the size from how much is over: height grows with size x lines, both ~ size.
            room = self.max_pages * (pages[0].used or 1.0)
            over = sum(p.used for p in pages[self.max_pages:]) + too_tall
            guess = sizes[0] * (room / (room + over)) ** 0.5
            i = next((k for k, size in enumerate(sizes) if size <= guess), len(sizes) - 1)
            i = max(i, 1)
            if self.fits(tightest[i]):
                while i > 1 and self.fits(tightest[i - 1]):
                    i -= 1
            else:
                while True:
                    i += 1
                    if i == len(sizes):
                        pages, too_tall, _ = self.paginate(steps[-1])
                        self._overflow(pages, too_tall, steps[-1])
                    if self.fits(tightest[i]):
                        break
        group = groups[sizes[i]]
        return self._laid(group[self._loosest(group, 0 if i == 0 else -1, len(group) - 1)])

    def _loosest(self, group: list[Settings], a: int, b: int | None = None) -> int:
        """The index of the loosest of ``group``'s settings (one body size) that fits.

        ``group[a]`` is known to be too loose (``a`` = -1: none is known); ``group[b]`` fits
        (``b`` = None: not even the tightest is known to, and if it does not, the handout does
        not fit and this raises).  The height falls about linearly with each step of one
        setting, so the search first tries the step where the spacing has reached its
        tightest and the leading begins to tighten (which stretch holds the answer), then where
        the excess reaches zero inside that stretch (three tries at most), then bisects.  A
        handout that fits at a tighter leading is found in three layouts, not six.
        """
        n = len(group)
        hi = n if b is None else b  # hi == n: the tightest is not known to fit
        edge = max(k for k, st in enumerate(group) if st.leading == group[0].leading)
        guesses = 3
        while hi - a > 1:  # group[a] is too loose (or none is known), group[hi] fits
            mid = (a + hi) // 2
            if hi == n and a == edge < n - 1 and self._excess[group[a]] > (
                    self._used[group[a]] * (1 - group[-1].leading / group[a].leading)):
                # More over than the tightest leading could save even if every point of height
                # were a line of text: try the tightest next (an overflow is said in 3 layouts, not 5).
                mid = n - 1
            elif guesses:
                guesses -= 1
                ea = self._excess.get(group[a]) if a >= 0 else None
                eb = self._excess.get(group[hi]) if hi < n else None
                if a < edge < hi and group[edge] not in self._excess:
                    mid = edge
                elif ea is not None and eb is not None and ea > eb:
                    # Try where the excess falls to minus the room the fitting attempt leaves at
                    # its page breaks (about what the answer will leave there too).
                    target = -self._waste[group[hi]]
                    mid = min(hi - 1, max(a + 1, math.ceil(a + (hi - a) * (ea - target) / (ea - eb))))
            if self.fits(group[mid]):
                hi = mid
            else:
                a = mid
        if hi == n:
            last = self._last
            pages, too_tall = (last[1], last[2]) if last and last[0] == group[-1] else self.paginate(group[-1])[:2]
            self._overflow(pages, too_tall, group[-1])
        return hi

    def _laid(self, st: Settings) -> Laid:
        fitted = self._fitted
        pages = fitted[1] if fitted is not None and fitted[0] == st else self.paginate(st)[0]
        at = None
        if self.personal is not None and not self.personal.empty:
            at = ("spill" if self.spill else "after") if self.personal_last else "first"
        return Laid(self.h, pages, st, self.size, self.rtl, at, edition=self.edition)

    def _overflow(self, pages: list[Page], too_tall: float, st: Settings) -> NoReturn:
        overflow.refuse(self, pages, too_tall, st)


def layout(handout: Handout, theme: Theme, paper: str | None = None, track: str | None = None,
           edition: str = STANDARD, personal: Personal | None = None) -> Laid:
    """Fit one handout (one language, one edition) onto at most its ``max_pages`` pages.

    The dose calendar is one page for the fridge when it fits; a long plan (weeks of a weekly
    medicine and its companion) gets a second page rather than type under the standard, and a
    second sheet past that (``calendar_blocks.calendar_tries``).

    A personalised edition prints the patient's box first.  When that does not fit, the edition
    keeps its pages as they are and the box follows the handout's last block, if it fits there.
    Else one more page is taken: an edition of sheets keeps the box first and flows onto it (the
    box holds the prescriber's note, which is read first, not after the QR code); a card stays
    one card, every warning on its front, and the box goes on its back.  Only if the patient's
    dates lengthen a card itself past its page does its end go over too (at the tightest
    spacing, so that as little as can goes), still before the box.  Type never gets smaller for
    any of it.  Past that, the error is for whoever filled in the details: a shorter note, or
    another edition.
    """
    def lay(*args: Any, pages: int = 0, outline: tuple[str, ...] = (), compact: bool = False) -> Callable[[], Layouter]:
        def make() -> Layouter:
            made = Layouter(handout, theme, paper, track, edition, personal, *args)
            if pages:
                made.max_pages, made.outline = pages, outline
            made.compact_days = compact
            return made
        return make

    if edition == CALENDAR:
        from .calendar_fit import fit_calendar

        return fit_calendar(handout, lay, (personal.track if personal else None) or track)  # (track_of's track)
    if personal is None or personal.empty:
        return run_layout(lay())
    try:
        return run_layout(lay())
    except HandoutError as exc:
        if not any(f.code == Code.FIT for f in exc.findings):
            raise
    tries = [lay(True, 0)]  # the box after the QR code, the edition's pages as they are
    if handout.facts.edition(edition).max_pages > 1:
        # Sheets: the box stays first on one more page.  After the QR code on a third page, the
        # prescriber's note ("Take 30 mg on days 1 to 3") was the last thing a patient read.
        tries.append(lay(False, PERSONAL_EXTRA_PAGES))
    tries.append(lay(True, PERSONAL_EXTRA_PAGES))  # a card keeps its front: the box on its back
    # The page more is the patient's box's, never room for words that do not fit the edition's own pages: the
    # edition as its author wrote it must fit them, as a build of it must (a clinic author's review: a 3-page handout
    # built for a patient from words that `check` refused).  Its error is then the author's.  (A prescription's plan is
    # the patient's, as the dates are: its table may take the page more.)
    if not handout.prescribed:
        run_layout(lambda: Layouter(handout, theme, paper, track, edition))
    for make in tries:
        try:
            return run_layout(make)
        except HandoutError:
            pass
    return run_layout(lay(True, PERSONAL_EXTRA_PAGES, True))


def run_layout(make: Callable[[], Layouter], ink: bool = True) -> Laid:
    """``make()``'s layout; where it does not fit with the title's subtitle moved clear of the title's ink
    (``blocks.title_block``), the layout without that move: it gives way before anything else does."""
    lay = make()
    lay.ink = ink
    try:
        laid = lay.run()
    except HandoutError as exc:
        if not ink or INK_MOVED not in lay.memo or not any(f.code == Code.FIT for f in exc.findings):
            raise
        lay = make()
        lay.ink = False
        laid = lay.run()
    laid.ink_moved = INK_MOVED in lay.memo
    return laid
