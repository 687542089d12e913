"""A library ReportLab imports as it is imported, loaded instead where a build first uses it.

ReportLab 5.1 imports Pillow's ``Image`` unconditionally (``from PIL import Image``): ~6 ms of
every process (Issue 17), yet a handout draws no bitmap.  ``defer`` puts the module in
``sys.modules`` through the standard library's ``importlib.util.LazyLoader``: the real module,
run on the first attribute anyone reads, never a stand-in, so what a build draws is the same.
Importing this module defers ``DEFERRED``; ``rlhooks`` imports it before ReportLab.

Not uharfbuzz, though text with no shaping never calls it: an ``import`` statement reads the
module's ``__spec__``, which runs a lazy module, and ReportLab and ``rlhooks`` import it by name.
Python 3.11's LazyLoader is not safe for two threads' first use at once: a threaded server calls
``load_now`` before it serves.
"""

from __future__ import annotations

import importlib.util
import sys

DEFERRED = ("PIL.Image",)


def defer(name: str) -> None:
    """``name`` imported now, run on its first use; nothing if it is already imported or not installed."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)  # imports its parent package (PIL's is small)
    if spec is None or spec.loader is None:
        return  # the import that follows fails as it would have
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)  # ``from PIL import Image`` finds it as the import system would


def load_now() -> None:
    """Run every deferred module now (before threads share them)."""
    for name in DEFERRED:
        module = sys.modules.get(name)
        if module is not None:
            module.__name__  # noqa: B018  (any attribute read runs it)


for _name in DEFERRED:
    defer(_name)
