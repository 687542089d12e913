"""An overflow, said: a handout that does not fit its pages even at the tightest settings.

In: the layouter (``layout.Layouter``) with its last attempt's pages and heights.  Out: a
``HandoutError`` (never a clipped page) that says by how much, and what the reader of the
message can change: a patient's note or details, a calendar's plan, or the content files,
naming the tallest block and the file it comes from (the plan and the sources are the facts').
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

from .boxes import Page
from .errors import Code, Finding, HandoutError, Location
from .model import CALENDAR, MAX_EDITION_PAGES, STANDARD
from .theme import MM

if TYPE_CHECKING:
    from .layout import Layouter, Settings


def refuse(lay: Layouter, pages: list[Page], too_tall: float, st: Settings) -> NoReturn:
    """Raise the error that says by how much, and what to do: the patient's details (a personal
    build), the plan (a calendar), or the content files, naming the tallest block."""
    f, n = lay.h.facts, lay.max_pages
    over = sum(p.used for p in pages[n:]) + too_tall
    if lay.personal_last:  # the binding limit may be the handout's own pages
        over = max(over, lay._excess.get(st, 0.0))
    lines = over / (st.body * st.leading)
    edition = "" if lay.edition == STANDARD else f" ({lay.edition} edition)"
    if lay.edition == CALENDAR:  # its length is the plan's: no note or detail to leave out
        raise HandoutError([Finding(
            Location("personal fields"), "start",
            f"the dose calendar of handout '{f.id}' in language '{lay.h.lang}' does not fit in {n} pages (about "
            f"{over / MM:.0f} mm too long): its plan is too long for one calendar (expected a plan of a few months "
            "at most; print the standard edition, whose table gives every step's dates)", code=Code.FIT)])
    if lay.personal is not None and not lay.personal.empty:
        # Whoever fills in the patient's details can act on them, not on the content files; unless
        # the handout does not fit even without them (a plan grown too long was blamed on a note
        # no one had written: an adversarial review): then that is what is said.
        from .layout import layout

        layout(lay.h, lay.theme, lay.paper, lay.track, lay.edition)  # raises the handout's own overflow
        e = lay.edition_pages
        pages_said = (f"{e} page{'s' if e > 1 else ''} and one more for the patient's details"
                      if lay.personal_last and n > e else f"{n} page{'s' if n > 1 else ''}")
        raise HandoutError([Finding(
            Location("personal fields"), "max_pages",
            f"handout '{f.id}'{edition} in language '{lay.h.lang}' with the patient's details does not fit in "
            f"{pages_said}: about {over / MM:.0f} mm (~{lines:.0f} lines of body text) too long at {st.body:g} pt "
            f"(type never gets smaller); {'shorten the note or ' if lay.personal.note else ''}leave out a detail, or choose "
            "another edition", code=Code.FIT)])
    # (Large print's 5 pages were told "a handout has at most 2 pages": a review.)
    limit = 2 if lay.edition == STANDARD else MAX_EDITION_PAGES
    raise HandoutError([Finding(
        lay.limit_loc, "max_pages",
        f"handout '{f.id}'{edition} in language '{lay.h.lang}' does not fit in {n} page{'s' if n > 1 else ''}: "
        f"about {over / MM:.0f} mm (~{lines:.0f} lines of body text) too long even at the tightest settings "
        f"(body {st.body:g} pt, spacing x{st.scale:g}); {_tallest(lay)}"
        + (" or raise max_pages" if n < limit else f" (move detail to the page the QR code opens; "
           f"{'a handout' if lay.edition == STANDARD else 'an edition'} has at most {limit} pages)"), code=Code.FIT)])


def _tallest(lay: Layouter) -> str:
    """What to shorten, by the tallest block: a plan grown to 60 steps was blamed on the text."""
    h = lay._heights
    entry = max(h, key=h.__getitem__, default="")
    said = f"its tallest block is {'the dosing table' if entry == 'dosing' else repr(entry)} (~{h[entry] / MM:.0f} " \
        f"mm): " if entry else ""
    # The blocks made of the facts (the plan, the sources list) are shortened in the facts file.
    facts = {"dosing": "the plan", "sources": "the sources"}.get(entry)
    plan = f"{facts} in {lay.h.facts_file} or " if facts else ""
    return f"{said}shorten {plan}the text in {lay.h.source_file}"
