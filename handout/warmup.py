"""The fork server's warm-up: what every worker's first PDF would load, loaded once before the workers fork.

Imported by the fork server only, after the build's code (``procs.PRELOAD``).  Each worker of a ``-j N``
batch is a fork of the server, so what the server holds, each worker starts with.  Its first PDF loaded
the default theme, its fonts, the source language's labels and word list, and babel's locale: ~70 ms
in each worker, on the batch's critical path after planning (measured: a worker's first PDF 85-130 ms,
its next ones 28 ms).  The server does it while the main process plans the batch (reading the
handouts, hashing their inputs), on the other core.

The source language is warmed, as every translation is checked against its source.  Any other
import of this module (a test) does nothing, and nothing here may stop the server: a failure leaves
the workers to load what they need, as before.
"""

from __future__ import annotations

SOURCE = "en"  # the bundled handouts' source language, and the label catalogs' (langs.SOURCE_CATALOG)


def warm() -> None:
    """Load the default theme, the source language's fonts, labels (and with them its locale) and word list."""
    from . import wordlists
    from .localize import load_labels
    from .theme import load_theme

    load_theme("default").fontset(SOURCE)
    load_labels(SOURCE)
    wordlists.load(SOURCE)


def _in_fork_server() -> bool:
    import sys

    return sys.argv == ["-c"] and "multiprocessing.forkserver" in sys.modules


if _in_fork_server():
    try:
        warm()
    except Exception:  # noqa: BLE001 - a warm-up only: the workers load what they need themselves
        pass
