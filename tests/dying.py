"""What a check worker runs in tests/test_cli.py: its group, unless the group holds Spanish, when the
worker dies at once (as one killed or out of memory would)."""

from __future__ import annotations

import os


def check_or_die(units, opts):
    from handout import checking

    if any(u.lang == "es" for u in units):
        os._exit(1)
    return checking._check_all(units, opts)
