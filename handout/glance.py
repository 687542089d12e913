"""A glance at a handout's facts: the file's YAML events in, what planning a batch needs out.

A batch built by workers reads and checks each handout's facts in the workers; the main process
only plans the jobs, and needs three things of each handout: its editions (with their themes),
its source language and its default track.  It read them from the composed YAML nodes of the
whole file (~0.6 ms a handout, most of it the composer's Python work on ~400 nodes): for 100
handouts, the first 60 ms of a -j2 build, before any worker had a job (Issue 17).

Here the C parser's events are read only until the three are found, skipping what lies between
(the plan, the sources and the rest of a facts file usually come after them).  Anything unusual
on the way (a tag, an alias, a key twice, a value that is no text, an edition named "standard")
and the glance gives up: the caller then reads the facts in full, which says what is wrong.  What
comes after the three is not looked at: a mistake there is the workers' full read's to refuse,
as every mistake a glance never sees is (a plan never prints: the PDF is made from that read).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .chars import clean
from .folders import FACTS_FILE
from .load import MAX_BYTES, read_bounded
from .model import STANDARD, Facts

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
WANTED = frozenset({"editions", "source_language", "default_track"})


@dataclass(frozen=True)
class Plan:
    """What planning a batch needs from a handout's facts: its editions (with their themes), its
    source language and its default track."""

    themes: dict[str, str | None]  # edition name -> its theme (None: the default), standard first
    source_language: str
    default_track: str | None

    @classmethod
    def of(cls, facts: Facts) -> Plan:
        return cls({n: facts.edition(n).theme for n in facts.edition_names}, facts.source_language,
                   facts.default_track)


class _Unusual(Exception):
    """Not what a plain facts file has at that place: the full read will say what it is."""


def glance(folder: Path) -> Plan | None:
    """The plan of the handout in ``folder``; None when anything on the way looks unusual."""
    import yaml

    from .errors import HandoutError

    try:
        events = yaml.parse(read_bounded(folder / FACTS_FILE, MAX_BYTES), Loader=yaml.CSafeLoader)
        return _plan(_Reader(events))
    except (HandoutError, yaml.YAMLError, ValueError, StopIteration, _Unusual):
        return None


class _Reader:
    """The events, one at a time, with the resolver the composer would use for plain scalars."""

    def __init__(self, events: Iterator[object]) -> None:
        import yaml

        self.events = events
        self.yaml = yaml
        self.resolver = yaml.resolver.Resolver()

    def next(self) -> object:
        return next(self.events)

    def start(self, kind: type) -> None:
        """The next event starts a mapping (or is what ``kind`` names), with no tag or anchor."""
        event = self.next()
        if type(event) is not kind or getattr(event, "tag", None) is not None or getattr(event, "anchor", None):
            raise _Unusual

    def text(self, none_ok: bool = False, event: object = None) -> str | None:
        """The next scalar's text, if YAML reads it as text (None for a null, if ``none_ok``)."""
        e = self.next() if event is None else event
        if not isinstance(e, self.yaml.ScalarEvent) or e.anchor:
            raise _Unusual
        tag = e.tag
        if tag is None or tag == "!":  # as the composer resolves it: "no" is a boolean, "en" text
            tag = self.resolver.resolve(self.yaml.ScalarNode, e.value, e.implicit)
        if tag == STR_TAG:  # as the full read has it: NFC, no invisible format characters (load._convert)
            return clean(str(e.value))
        if none_ok and tag == NULL_TAG:
            return None
        raise _Unusual

    def keys(self) -> Iterator[str]:
        """A mapping's keys (its start already read), each once; its values are read by the caller."""
        seen: set[str] = set()
        while True:
            e = self.next()
            if isinstance(e, self.yaml.MappingEndEvent):
                return
            key = self.text(event=e)
            assert key is not None
            if key in seen:  # a key twice: the full read refuses it
                raise _Unusual
            seen.add(key)
            yield key

    def skip(self) -> None:
        """Pass over one value, however deep."""
        depth = 0
        while True:
            e = self.next()
            if isinstance(e, self.yaml.AliasEvent):
                raise _Unusual  # (an alias in facts is refused by the full read)
            if isinstance(e, (self.yaml.MappingStartEvent, self.yaml.SequenceStartEvent)):
                depth += 1
            elif isinstance(e, (self.yaml.MappingEndEvent, self.yaml.SequenceEndEvent)):
                depth -= 1
            if depth == 0:
                return


def _plan(r: _Reader) -> Plan:
    import yaml

    r.start(yaml.StreamStartEvent)
    r.start(yaml.DocumentStartEvent)
    r.start(yaml.MappingStartEvent)
    found: dict[str, object] = {}
    for key in r.keys():
        if key == "editions":
            found[key] = _editions(r)
        elif key in WANTED:
            found[key] = r.text()
        else:
            r.skip()
        if len(found) == len(WANTED):
            break  # the rest is the workers' full read's
    language, track = found.get("source_language"), found.get("default_track")
    if not (isinstance(language, str) and isinstance(track, str)):
        raise _Unusual  # required: the full read says so
    editions = found.get("editions", {})
    assert isinstance(editions, dict)
    return Plan({STANDARD: None, **editions}, language, track)


def _editions(r: _Reader) -> dict[str, str | None]:
    import yaml

    r.start(yaml.MappingStartEvent)
    themes: dict[str, str | None] = {}
    for name in r.keys():
        if name == STANDARD:
            raise _Unusual
        r.start(yaml.MappingStartEvent)
        themes[name] = None
        for key in r.keys():
            if key == "theme":
                themes[name] = r.text(none_ok=True)
            else:
                r.skip()
    return themes
