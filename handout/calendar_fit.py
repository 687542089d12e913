"""The dose calendar's fitting: a handout and the layouts it may be laid out with in, its ``Laid`` out.

The calendar is one page for the fridge when it fits, its check box ("Never take it every day") on that page for a
weekly medicine; a long plan takes a second page, then a second sheet (``calendar_blocks.calendar_tries``).  Each
try is laid out with the days and dates at the body's size first, then at the theme's ``calendar_days``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .calendar_blocks import CALENDAR_BRIEF, box_on_front, calendar_tries, once_weekly
from .dosing import medications, slots
from .errors import Code, HandoutError
from .layout import Laid, run_layout
from .model import Handout

if TYPE_CHECKING:
    from .layout import Layouter


def fit_calendar(handout: Handout, lay: Callable[..., Callable[[], Layouter]], wanted: str | None) -> Laid:
    """The dose calendar, on the first of ``calendar_tries`` that fits: each with its days and dates at the body's
    size, then at the theme's ``calendar_days`` (the outline's blocks and the one page for the fridge come first:
    the days' larger type gives way before any of them)."""
    tries = calendar_tries(handout, wanted)
    for n, (pages, outline) in enumerate(tries):
        laid: Laid | None = None
        for compact in (False, True):
            try:
                laid = run_layout(lay(pages=pages, outline=outline, compact=compact))
            except HandoutError as exc:
                if (n == len(tries) - 1 and compact and laid is None) or not any(f.code == Code.FIT for f in exc.findings):
                    raise
                continue
            if pages > 1 and "dose_checks" in outline and not box_on_front(laid.pages) and once_weekly(handout, wanted):
                # A week's box ("Never take it every day") pushed to the back: the days' smaller type first, then the
                # box without its Poison Help line, if that keeps it on the fridge page (a review); the title's ink
                # given up first.
                if not compact:
                    continue
                for make, ink in ((lay(pages=pages, outline=outline, compact=True), False),
                                  (lay(pages=pages, outline=CALENDAR_BRIEF, compact=True), True)):
                    if not ink and not laid.ink_moved:
                        continue
                    try:
                        other = run_layout(make, ink)
                    except HandoutError:
                        continue
                    if box_on_front(other.pages):
                        return _said(other, CALENDAR_BRIEF if ink else outline, wanted)
            return _said(laid, outline, wanted)
        if laid is not None:  # (the body's size fitted, its box on the back, and the smaller did not fit)
            return _said(laid, outline, wanted)
    raise AssertionError("unreachable")


def _said(laid: Laid, outline: tuple[str, ...], wanted: str | None) -> Laid:
    """``laid`` with its check box noted as given up for the page, where its doses are set ones (a review: a long
    form's amoxicillin calendar lost the box, the liquid's strength and the syringe's line among it, and the build
    said nothing).  An as-needed plan's dose log says its own most; the names of what may interact give way by
    design (``calendar_tries``)."""
    from dataclasses import replace

    scheduled = any(slots(s) for m in medications(laid.handout.track(wanted)) for s in m.steps)
    if scheduled and not {"dose_checks", "dose_checks_brief"} & set(outline):
        return replace(laid, left_out=("the 'Check every dose' box",))
    return laid
