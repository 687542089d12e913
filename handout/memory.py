"""Per-process memory: what one process remembers between builds, in one object with one ``clear()``.

A build of text the process has seen before (the web page, a batch worker, repeated
languages) reuses the work done for it: broken paragraphs, word widths, shaped runs,
compressed font subsets.  Everything remembered lives in ``MEMORY``, a ``Memory``:

=================  =====================================================  ========
field              what (key → value)                                     at most
=================  =====================================================  ========
``markup``         content text → its spans (``markup.parse_markup``)       8,192
``plain``          content text → the text a reader reads (``reading.plain``)  8,192
``widths``         (font set, word, style) → width per 1000 pt              50,000
``run_widths``     (run text, font, size, shaped) → width                   65,536
``pieces``         (spans, direction, units) → break units                   5,000
``piece_widths``   (font set, pieces key, cite scale) → widths               5,000
``wraps``          (font set, spans, size, width …) → lines                 20,000
``reshaped``       Arabic word → joined letter forms                        65,536
``shaped_words``   (word, font, size or None) → HarfBuzz-shaped word        10,000
``shaped``         (run text, font, size) → shaped run                      10,000
``glyph_plans``    (shaped run, font, size) → TJ pieces                     10,000
``actual_texts``   line text → /ActualText string                           10,000
``missing``        (font set, text) → characters no font draws              20,000
``cmaps``          ToUnicode CMap → cleaned CMap                               256
``font_streams``   font program → compressed bytes                              24
``cmap_streams``   cleaned CMap → compressed bytes                             256
``subsets``        (font, characters) → subset font program                12/font
``readings``       a language's words (kept alive) → reading level               8
``regex_texts``    (phrases, joined, number mark) → ``words_regex``'s text     2,048
``syllables``      (language, content word) → textstat's syllable count     50,000
``parsed``         (model class, path, file's bytes) → model or findings         64
``checked``        (ids of models kept alive, language) → validation findings    64
``verdicts``       (ids of a handout's models, options) → the policy's verdict     8
``qr``             (sources URL, error level, border) → QR code modules          256
``qr_paths``       (QR modules, place, size) → its path's operators               64
=================  =====================================================  ========

Personal text (a patient's name, a prescriber, a note: ``markup.Span.personal``; the dates and
doses worked out from them: ``blocks.Ctx.private``) is never a key or a value here: it is
wrapped, measured, shaped and drawn without being remembered, so a long-running server keeps no
patient's details after the build that printed them (tests/test_memory.py scans the heap for
them).  A personalised build's font subsets, their ToUnicode maps and compressed streams list
the characters in the order the page first uses them, the patient's name among the first: they
are made ``privately()`` and not remembered either.  Fonts themselves
(registered once per process, ``fonts.face``) are not memory in this sense and stay, nor are
the other caches of what ships in the package (themes, label catalogs, word lists, region and
glossary files: ``functools.cache`` on their names), which the package bounds and which hold no
content.  Two per-character tables hold single characters of content, never of personal text
(tests/test_memory.py looks for a patient's and a prescriber's Chinese name, character by
character): which font draws a character (``fonts.FontSet.choose``), bounded by the fonts, and
whether ``chars.clean`` removes it (``chars._DROPS``), at most 4,096.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


_PRIVATE: ContextVar[bool] = ContextVar("handout_private", default=False)


def private() -> bool:
    """Within ``privately()``: what is made from the page's characters is not remembered."""
    return _PRIVATE.get()


@contextmanager
def privately() -> Iterator[None]:
    """Draw a personalised page (this thread only: the web page draws several at once)."""
    token = _PRIVATE.set(True)
    try:
        yield
    finally:
        _PRIVATE.reset(token)


class Bounded(dict[K, V], Generic[K, V]):
    """A dict of at most ``maxsize`` entries: when full, the oldest entry goes first."""

    __slots__ = ("maxsize",)

    def __init__(self, maxsize: int) -> None:
        super().__init__()
        self.maxsize = maxsize

    def put(self, key: K, value: V) -> V:
        """Remember ``value`` for ``key`` and return it.

        The web page builds in several threads at once: two of them may find the same oldest
        entry to drop, or the memory emptied under them; a drop that finds nothing to drop is fine
        (``del`` raised KeyError there, and the clinician got a server error)."""
        while len(self) >= self.maxsize:
            try:
                self.pop(next(iter(self)), None)
            except StopIteration:  # emptied by another thread meanwhile
                break
            except RuntimeError:  # changed by another thread while the oldest was found: again
                continue
        self[key] = value
        return value

    def recall(self, key: K, make: Callable[[], V]) -> V:
        """The value for ``key``, made by ``make()`` if missing; a hit becomes the newest entry
        (least recently used goes first: a batch keeps coming back to one handout's files)."""
        try:
            value = self.pop(key)
        except KeyError:
            return self.put(key, make())
        self[key] = value
        return value


class Memory:
    """Everything the pipeline remembers between builds (see the module docstring)."""

    def __init__(self) -> None:
        self.markup: Bounded[str, tuple[Any, ...]] = Bounded(8192)
        self.plain: Bounded[str, str] = Bounded(8192)
        self.sentences: Bounded[str, tuple[str, ...]] = Bounded(8192)
        self.widths: Bounded[tuple[Any, ...], float] = Bounded(50_000)
        self.run_widths: Bounded[tuple[str, str, float, bool], float] = Bounded(65_536)
        self.pieces: Bounded[tuple[Any, ...], list[Any]] = Bounded(5_000)
        self.piece_widths: Bounded[tuple[Any, ...], list[tuple[float, float]]] = Bounded(5_000)
        self.wraps: Bounded[tuple[Any, ...], list[Any]] = Bounded(20_000)
        self.reshaped: Bounded[str, str] = Bounded(65_536)
        self.shaped_words: Bounded[tuple[str, str, float | None], Any] = Bounded(10_000)
        self.shaped: Bounded[tuple[str, str, float], Any] = Bounded(10_000)
        self.glyph_plans: Bounded[tuple[Any, ...], tuple[tuple[str, str], ...]] = Bounded(10_000)
        self.actual_texts: Bounded[str, str] = Bounded(10_000)
        self.missing: Bounded[tuple[tuple[str, ...], str], list[str]] = Bounded(20_000)
        self.cmaps: Bounded[str, str] = Bounded(256)
        self.numbers: Bounded[tuple[str, tuple[str, str] | None, str], str] = Bounded(4096)  # Localizer.number
        # Font programs are up to 90 KB (a Hangul subset): a few PDFs' worth; ToUnicode maps are small.
        self.font_streams: Bounded[bytes | str, bytes] = Bounded(24)
        self.cmap_streams: Bounded[bytes | str, bytes] = Bounded(256)
        self.subsets: dict[str, Bounded[tuple[int, ...], Any]] = {}
        # The editions of one language print the same words: the policy's check and the report
        # share one reading.  Keyed by the words' id, with the words kept alive so the id stays theirs.
        self.syllables: Bounded[tuple[str, str], int] = Bounded(50_000)
        # What reading remembers (content.py), by the files' bytes: a batch reads one handout's facts
        # for every language and edition.  A worker's handouts x languages: a few MB at most.
        self.parsed: Bounded[tuple[Any, ...], Any] = Bounded(64)
        self.checked: Bounded[tuple[Any, ...], Any] = Bounded(64)
        # The policy's decision per handout text (batch._decide): every edition prints the same words.
        self.verdicts: Bounded[tuple[Any, ...], Any] = Bounded(8)
        self.qr: Bounded[tuple[str, str, int], list[list[bool]]] = Bounded(256)
        self.qr_paths: Bounded[tuple[Any, ...], str] = Bounded(64)
        self.readings: Bounded[tuple[int, str], tuple[Any, dict[str, Any]]] = Bounded(8)
        self.regex_texts: Bounded[tuple[Any, ...], str] = Bounded(2048)  # word lists' and plans' words only

    def subsets_of(self, font: str) -> Bounded[tuple[int, ...], Any]:
        """The subset programs remembered for one font (a few PDFs' worth)."""
        cache = self.subsets.get(font)
        if cache is None:
            cache = self.subsets[font] = Bounded(12)
        return cache

    def clear(self) -> None:
        """Forget everything remembered about earlier content.  Fonts stay loaded; the next build
        costs what a build of new text does, and its bytes are the same."""
        for value in vars(self).values():
            if isinstance(value, Bounded):
                value.clear()
        for cache in self.subsets.values():
            cache.clear()

    def sizes(self) -> dict[str, int]:
        """How many entries each field holds (for tests and the benchmark)."""
        out = {k: len(v) for k, v in vars(self).items() if isinstance(v, Bounded)}
        out["subsets"] = sum(len(c) for c in self.subsets.values())
        return out


MEMORY = Memory()  # the process's memory; pipeline.build is given it, pipeline.clear_caches clears it
