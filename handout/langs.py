"""Language tags: one check (BCP 47 syntax) for every place a language code is accepted.

A language code becomes a file name (``data/<id>/<lang>.yaml``, ``<id>.<lang>.pdf``), so
``../../../x`` once let ``handout new ok --lang`` write outside the data folder.  Only
well-formed tags pass: language (2-3 letters), optional script (4 letters), region (2
letters or 3 digits) and variants — ``en``, ``es-419``, ``zh-Hans``, ``sr-Latn-RS``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|\d{3}))?(-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*$")
EXPECTED = "a BCP 47 language tag such as en, es-419 or zh-Hans"

# Each language's interface labels (``localize``), and the source catalog every other must match.
# Here, not in localize: the main process of a -j2 batch hashes the catalogs (fingerprint) but
# formats nothing, and importing localize imports Babel (~8 ms of a batch's start-up).
CATALOG_DIR = Path(__file__).parent / "catalogs"
SOURCE_CATALOG = "en"


def valid(tag: str) -> bool:
    return len(tag) <= 35 and bool(_TAG.fullmatch(tag))


def arg(tag: str) -> str:
    """argparse ``type=``: a malformed tag is a usage error (exit 2)."""
    if not valid(tag):
        raise argparse.ArgumentTypeError(f"'{tag[:40]}' is not a language code (expected {EXPECTED})")
    return tag
