"""Libraries ReportLab imports as it is imported, loaded instead where a build first uses them.

ReportLab 5.1 imports Pillow's ``Image`` unconditionally (``from PIL import Image``): ~6 ms of
every process (Issue 17), yet a handout draws no bitmap.  ``defer`` puts the module in
``sys.modules`` through the standard library's ``importlib.util.LazyLoader``: the real module,
run on the first attribute anyone reads, never a stand-in, so what a build draws is the same.
Importing this module defers ``DEFERRED`` and ``ON_FIRST_USE``; ``rlhooks`` imports it before ReportLab.

uharfbuzz (7-10 ms of every process, Issue 17) cannot be deferred so: an ``import`` statement
reads the module's ``__spec__``, which runs a lazy module, and ReportLab and ``rlhooks`` import it
by name.  Only shaped text (Devanagari) calls it.  ``on_first_use`` puts a module object of its
own there instead, with the real spec: an ``import`` finds it and runs nothing; the first name
read from it (``uharfbuzz.Buffer``) imports the real module, whose names the stand-in then holds,
so code that bound the stand-in calls the real functions and classes from then on.  (So a
HarfBuzz that is installed but does not load is said at the first shaped word, as that PDF's
error, not when the process starts; and each worker imports it for itself, not the fork server.)

Python 3.11's LazyLoader is not safe for two threads' first use at once: a threaded server calls
``load_now`` before it serves (the stand-in takes a lock, and is loaded there too).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types

DEFERRED = ("PIL.Image",)
ON_FIRST_USE = ("uharfbuzz",)


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


class _OnFirstUse(types.ModuleType):
    """A module's place in ``sys.modules`` until a name is first read from it (``on_first_use``)."""

    def __getattr__(self, attr: str) -> object:  # only for names it does not hold (yet, or at all)
        real = self.__dict__.get("__real__")
        return getattr(real if real is not None else _resolve(self), attr)


_RESOLVING = threading.Lock()


def _resolve(stand_in: _OnFirstUse) -> types.ModuleType:
    """The real module for ``stand_in``, imported now if it is not yet; its names copied in."""
    name = stand_in.__name__
    with _RESOLVING:
        real = sys.modules.get(name)
        if real is stand_in or real is None:
            sys.modules.pop(name, None)
            try:
                real = importlib.import_module(name)
            except BaseException:  # (a Ctrl-C while it imports: the next use imports it again)
                sys.modules.setdefault(name, stand_in)
                raise
        stand_in.__dict__.update(vars(real))  # its names read directly from now on
        stand_in.__dict__["__real__"] = real  # (a name it lacks is asked of it, not copied again)
    return real


def on_first_use(name: str) -> types.ModuleType:
    """``name``'s module: the real one if it is imported already, else a stand-in (``_OnFirstUse``)
    that imports it when a name is first read from it.  A module that is not installed is imported
    now, so that its ImportError is said where it always was."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None:
        return importlib.import_module(name)
    stand_in = _OnFirstUse(name)
    stand_in.__spec__, stand_in.__loader__ = spec, spec.loader
    stand_in.__file__ = spec.origin
    if spec.submodule_search_locations is not None:
        stand_in.__path__ = list(spec.submodule_search_locations)
    sys.modules[name] = stand_in
    _STAND_INS.append(stand_in)
    return stand_in


_STAND_INS: list[_OnFirstUse] = []


def load_now() -> None:
    """Run every deferred module now (before threads share them)."""
    for name in DEFERRED:
        module = sys.modules.get(name)
        if module is not None:
            module.__name__  # noqa: B018  (any attribute read runs it)
    for stand_in in _STAND_INS:
        _resolve(stand_in)


for _name in DEFERRED:
    defer(_name)
for _name in ON_FIRST_USE:
    on_first_use(_name)
