"""``<out>/manifest.json``: what a build lists for the portal's upload scripts, read and written.

* ``read_manifest(out)``: the entries of the manifest on disk, by path (none when it is missing
  or unreadable: the build then lists what it makes).
* ``write_manifest(out, entries)``: every entry, sorted by path, its keys sorted, written atomically.
* ``current(entry)``, ``outdated(entry, findings)``: an entry's ``status``.  A PDF whose build
  failed keeps its last good file and entry (a portal may still need it), marked
  ``"status": "outdated"`` with the ``reason`` (the first error); built again, or found to be the
  very PDF its build would make, it is ``"current"`` again.
* ``Scope``: what a build was asked for, beyond its jobs: the PDFs it failed before any job was
  made (``Refused``: unreadable facts, a language or edition that is not there), and, for a full
  build (every handout, language and edition of the content folder), what content exists: the
  entries of a handout, language or edition deleted from the content folder are ``obsolete``,
  and the build removes their files (``outdir.remove``).  A filtered build removes nothing.

The build (``batch``) decides what the entries say; only this module turns them into bytes.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .errors import Code, Finding
from .write import write_atomic

MANIFEST = "manifest.json"
CURRENT, OUTDATED = "current", "outdated"  # an entry's "status"


def read_manifest(out: Path) -> dict[str, dict]:
    """``out``'s manifest in: its entries by their ``path`` out (empty when there is none to read)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        # (an entry that is not an object with a text path is no entry: '{"path": 5}' was a traceback in reconcile)
        return {e["path"]: e for e in data.get("outputs", []) if isinstance(e, dict) and isinstance(e.get("path"), str)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # (a manifest of `[]`: a traceback in
        return {}  # `handout report`, a code review)


_ENCODED: dict[int, tuple[dict, str]] = {}  # id of a manifest entry -> (the entry, its indented JSON)


def _encoded(e: dict) -> str:
    """One entry as ``json.dumps(doc, indent=2)`` prints it inside the outputs list.  Entries are
    never changed once listed, so each is encoded once, not again after every PDF (the manifest
    is written after each one: encoding it whole each time grew with the square of the batch)."""
    hit = _ENCODED.get(id(e))
    if hit is None or hit[0] is not e:
        # Keys sorted: an entry marked outdated (its keys added to an older entry's) and one built
        # fresh list theirs alike, so the same files always give the same manifest.
        hit = (e, "    " + json.dumps(e, indent=2, ensure_ascii=False, sort_keys=True).replace("\n", "\n    "))
    return hit[1]


def write_manifest(out: Path, entries: dict[str, dict]) -> None:
    """``{"generator", "outputs": [entries by path]}`` as ``json.dumps(doc, indent=2, ensure_ascii=False,
    sort_keys=True)`` prints it."""
    listed = [entries[k] for k in sorted(entries)]
    texts = [_encoded(e) for e in listed]
    _ENCODED.clear()
    _ENCODED.update((id(e), (e, t)) for e, t in zip(listed, texts))
    head = json.dumps({"generator": f"handout {__version__}"}, indent=2, ensure_ascii=False)[:-2]
    body = "[\n" + ",\n".join(texts) + "\n  ]" if texts else "[]"
    write_atomic(out / MANIFEST, f'{head},\n  "outputs": {body}\n}}\n'.encode())


def current(entry: dict) -> dict:
    """An entry in; the same entry marked current out (a new dict if it was not: listed entries are
    never changed in place, ``_encoded`` remembers them by identity)."""
    if entry.get("status") == CURRENT and "reason" not in entry:
        return entry
    return {**{k: v for k, v in entry.items() if k != "reason"}, "status": CURRENT}


def outdated(entry: dict, findings: list[Finding]) -> dict:
    """The entry of a PDF whose build failed, and why it failed, in; a new entry marked outdated out."""
    return {**entry, "status": OUTDATED, "reason": reason(findings)}


def reason(findings: list[Finding]) -> str:
    """The first error of a failed build as one short line: ``es.yaml:83: field: message [CODE]``.

    The file is named, not its folder: the entry's path already says which handout, and the
    manifest stays the same wherever the content folder is."""
    first = next((f for f in findings if f.severity == "error"), findings[0] if findings else None)
    if first is None:
        return "the build failed"
    loc = first.location
    where = Path(loc.file).name + (f":{loc.line}" if loc.line else "")
    code = f" [{first.code}]" if first.code and not isinstance(first.code, Code) else ""  # as Finding.format
    return f"{where}: {first.path + ': ' if first.path else ''}{first.message}{code}"


def handout_of(entry: dict) -> str:
    """An entry's handout id: its path's folder (``ldn/ldn.es.pdf``: ``ldn``; the facts' id is the folder's)."""
    return str(entry.get("path", "")).split("/", 1)[0]


@dataclass(frozen=True)
class Refused:
    """PDFs a build failed before it could plan them: handout ``id`` in ``languages``, in ``editions``
    (empty: every edition), for ``findings`` (unreadable facts, or a language or edition asked for
    that is not there).  Their entries, if any, are marked outdated."""

    id: str
    languages: tuple[str, ...]
    editions: tuple[str, ...]
    findings: tuple[Finding, ...]

    def covers(self, entry: dict) -> bool:
        """Whether ``entry`` is one of these PDFs."""
        return (handout_of(entry) == self.id and entry.get("language") in self.languages
                and (not self.editions or entry.get("edition") in self.editions))


@dataclass
class Scope:
    """What a build into ``out`` was asked for beyond its jobs (the command line fills it in).

    ``full``: no handout named, no --lang, no --edition: the build covers all the content folder
    holds.  Then ``present`` is every (handout, language, edition) it holds, and ``unsure`` the
    handouts whose facts could not be read (their editions unknown: nothing of theirs is removed)."""

    out: Path
    refused: list[Refused] = field(default_factory=list)
    full: bool = False
    data: Path | None = None  # the content folder a full build covers
    foreign: int = 0  # set by obsolete(): the entries kept as another content folder's
    present: set[tuple[str, str, str]] = field(default_factory=set)
    unsure: set[str] = field(default_factory=set)
    # (of a full build: each handout's tracks, where its listed PDFs name another than its default)
    tracks: dict[str, set[str]] = field(default_factory=dict)

    def ours(self) -> str:
        """The content folder as its entries' ``data`` says it: relative to the output folder (``batch.data_of``)."""
        assert self.data is not None
        return Path(os.path.relpath(self.data.resolve(), self.out.resolve())).as_posix()

    def obsolete(self, manifest: dict[str, dict]) -> list[str]:
        """The paths of ``manifest``'s entries whose handout, language or edition this content folder
        no longer holds (sorted; none unless the build is full).  Only this folder's entries (their
        ``data``, relative to --out): another content folder built into the same --out keeps its
        PDFs (``foreign`` counts them).  Whatever cannot be judged stays: an entry that does not say
        its folder, language or edition, a handout whose facts could not be read, a handout folder
        still there without its handout.yaml (a rename under way)."""
        self.foreign = 0
        if not self.full or self.data is None:
            return []
        ours = self.ours()
        gone = []
        for key, e in manifest.items():
            hid, lang, edition = handout_of(e), e.get("language"), e.get("edition")
            if e.get("data") != ours:
                self.foreign += isinstance(e.get("data"), str)
                continue
            if hid and (self.data / hid).is_dir() and not (self.data / hid / "handout.yaml").is_file():
                continue
            if isinstance(lang, str) and isinstance(edition, str) and hid not in self.unsure \
                    and ((hid, lang, edition) not in self.present
                         or (hid in self.tracks and isinstance(e.get("track"), str)
                             and e["track"] not in self.tracks[hid])):
                gone.append(key)  # (a track the handout no longer has: its PDFs' plan is no plan of it)
        return sorted(gone)

    def mark(self, manifest: dict[str, dict]) -> list[dict]:
        """Mark outdated, in ``manifest``, the entries of the PDFs refused; the entries marked out."""
        marked = []
        for key, e in sorted(manifest.items()):
            hit = next((r for r in self.refused if r.covers(e)), None)
            if hit is not None:
                manifest[key] = outdated(e, list(hit.findings))
                marked.append(manifest[key])
        return marked
