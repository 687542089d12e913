"""``<out>/manifest.json``: what a build lists for the portal's upload scripts, read and written.

* ``read_manifest(out)``: the entries of the manifest on disk, by path (none when it is missing
  or unreadable: the build then lists what it makes).
* ``write_manifest(out, entries)``: every entry, sorted by path, written atomically.

The build (``batch``) decides what the entries say; only this module turns them into bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import __version__
from .write import write_atomic

MANIFEST = "manifest.json"


def read_manifest(out: Path) -> dict[str, dict]:
    """``out``'s manifest in: its entries by their ``path`` out (empty when there is none to read)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {e["path"]: e for e in data.get("outputs", [])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


_ENCODED: dict[int, tuple[dict, str]] = {}  # id of a manifest entry -> (the entry, its indented JSON)


def _encoded(e: dict) -> str:
    """One entry as ``json.dumps(doc, indent=2)`` prints it inside the outputs list.  Entries are
    never changed once listed, so each is encoded once, not again after every PDF (the manifest
    is written after each one: encoding it whole each time grew with the square of the batch)."""
    hit = _ENCODED.get(id(e))
    if hit is None or hit[0] is not e:
        hit = (e, "    " + json.dumps(e, indent=2, ensure_ascii=False).replace("\n", "\n    "))
    return hit[1]


def write_manifest(out: Path, entries: dict[str, dict]) -> None:
    """``{"generator", "outputs": [entries by path]}`` as ``json.dumps(doc, indent=2, ensure_ascii=False)``."""
    listed = [entries[k] for k in sorted(entries)]
    texts = [_encoded(e) for e in listed]
    _ENCODED.clear()
    _ENCODED.update((id(e), (e, t)) for e, t in zip(listed, texts))
    head = json.dumps({"generator": f"handout {__version__}"}, indent=2, ensure_ascii=False)[:-2]
    body = "[\n" + ",\n".join(texts) + "\n  ]" if texts else "[]"
    write_atomic(out / MANIFEST, f'{head},\n  "outputs": {body}\n}}\n'.encode())
