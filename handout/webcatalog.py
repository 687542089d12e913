"""What the web page offers, read from the content folder: its handouts in their languages and editions
(``Catalog``), and one reading of it with what is remembered of it (``Live``: verdicts and PDFs), made again
when a content file changes (``web.create_app``'s ``fresh``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel import Locale

from . import content, pipeline, policy
from .errors import Finding, HandoutError
from .model import CALENDAR, STANDARD, Handout
from .theme import Theme

# What the page offers; every one of them prints with any filled-in form (tests/test_personal_fit.py).
EDITIONS = [(STANDARD, "Standard (2 pages)"), ("large-print", "Large print"), ("card", "One-page card"),
            (CALENDAR, "Dose calendar (needs a start date)")]
# A handout's own editions are offered too, where one has them (LDN's wallet card, "I take an opioid blocker": the
# page refused it, a review); an edition named here for no handout's is never offered.
OWN_EDITIONS = {"wallet": "Wallet card (only where the handout has one)"}


@dataclass
class Catalog:
    """What the page offers: handouts, their languages (named in their own language), editions."""

    handouts: dict[str, dict[str, Handout]]
    findings: dict[tuple[str, str], list[Finding]] = field(default_factory=dict)  # for policy.decide

    @classmethod
    def load(cls, data_dir: Path) -> Catalog:
        found: dict[str, dict[str, Handout]] = {}
        findings: dict[tuple[str, str], list[Finding]] = {}
        try:
            targets = content.select([], data_dir).targets
        except OSError:  # a content folder that cannot be read (its permissions changed): no handout, never a 500
            targets = []
        for target in targets:
            res = content.read(target)
            if res.handouts:
                found[target.id] = {h.lang: h for h in res.handouts}
                for h in res.handouts:
                    findings[(h.id, h.lang)] = [f for f in res.findings
                                                if f.location.file in (h.source_file, h.facts_file)]
        return cls(found, findings)

    def languages(self) -> list[tuple[str, str]]:
        langs = sorted({lang for by_lang in self.handouts.values() for lang in by_lang})
        return [(lang, _native_name(lang)) for lang in langs]


NATIVE = {"tl": "Tagalog"}  # CLDR names tl as Filipino (Pilipinas); clinics' patients ask for Tagalog


def _native_name(lang: str) -> str:
    """The language's name in itself, and its tag: "Español (es)", "العربية (ar)"."""
    if lang in NATIVE:
        return f"{NATIVE[lang]} ({lang})"
    try:
        loc = Locale.parse(lang.replace("-", "_"))
    except (ValueError, LookupError):  # a tag Babel does not know: the tag alone
        return lang
    name = loc.get_display_name(loc) or lang
    return f"{name[:1].upper()}{name[1:]} ({lang})"


def _editions(catalog: Catalog) -> list[tuple[str, str]]:
    """The editions the page offers: every handout's, and those some handouts have of their own."""
    own = dict.fromkeys(name for by_lang in catalog.handouts.values() for h in by_lang.values()
                        for name in h.facts.edition_names if name not in dict(EDITIONS))
    return EDITIONS + [(name, OWN_EDITIONS.get(name, name.replace("-", " ").capitalize())) for name in own]


class Live:
    """One reading of the content folder and what is remembered of it (verdicts, PDFs): a request uses the one it
    began with, whatever another request reads meanwhile (a code review: a verdict of the old content, remembered
    just after a reload, went on serving a translation its edit had made stale)."""

    def __init__(self, data_dir: Path, theme: Theme) -> None:
        self.seen = content.signature(data_dir)  # (before reading: an edit made while it reads is read next time)
        self.catalog = Catalog.load(data_dir)
        self.editions = _editions(self.catalog)
        self.theme = theme
        self.verdict_of = lru_cache(maxsize=256)(self._verdict_of)
        self.withheld = lru_cache(maxsize=2)(self._withheld)  # today's (and, just after midnight, yesterday's)
        self.pdf_of = lru_cache(maxsize=64)(self._pdf_of)  # same content, same bytes: no patient data in these

    def forget(self) -> None:
        """Drop what this reading remembers: its caches hold it in a cycle (the cache, its bound method, itself),
        freed only by a full collection, and with it up to 64 PDFs (a code review)."""
        for cache in (self.verdict_of, self.withheld, self.pdf_of):
            cache.cache_clear()

    def _verdict_of(self, hid: str, lang: str, day: date) -> policy.Verdict:
        h = self.catalog.handouts[hid][lang]
        return policy.decide(h, self.catalog.findings.get((hid, lang), []), self.theme, day)

    def verdict(self, h: Handout) -> policy.Verdict:
        return self.verdict_of(h.id, h.lang, date.today())

    def _withheld(self, day: date) -> dict[str, frozenset[str]]:
        """The languages of each handout an EHR is not offered: those the policy does not let the CLI
        and the form print.  A stale translation (its source's words or doses changed since), a
        placeholder or a failed check is left out, so a request in that language falls back to one
        that prints, and the feed says why."""
        return {hid: frozenset(lang for lang in by if not self._allowed(hid, lang, day))
                for hid, by in self.catalog.handouts.items()}

    def _allowed(self, hid: str, lang: str, day: date) -> bool:
        """One handout's verdict; a handout whose checks cannot even run (a broken theme) is not
        offered, and the feed goes on for every other drug (as a batch goes on past a bad file)."""
        try:
            return self.verdict_of(hid, lang, day).allowed
        except HandoutError:
            return False

    def _pdf_of(self, hid: str, lang: str, edition: str) -> bytes:
        """The PDF ``handout build`` makes: the handout as the policy prints it (its region's numbers)."""
        h = self.catalog.handouts[hid][lang]
        return pipeline.build(self.verdict(h).handout or h, self.theme, None, None, edition).pdf
