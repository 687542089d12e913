"""The QR code of a handout's sources page: (URL, error correction level, border) in, the code's
modules (rows of dark/light) out.  ``layout`` places them, ``render`` draws them as squares.

The ``qrcode`` package makes the matrix in pure Python, trying all eight masks (3 ms), after an
import that brings in its Pillow drawing code (6 ms): together a twentieth of a cold one-PDF
build, for the same few URLs every time.  A matrix depends only on the URL, the level, the border
and qrcode's own code, so it is kept per process (``MEMORY.qr``) and per installation
(``diskcache``: plain data) under a hash of all four; qrcode's code is identified by the size and
modification time of its modules, so an upgraded qrcode makes its matrices again.  A build whose
matrices are all kept never imports qrcode.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os

from . import diskcache
from .memory import MEMORY

LEVELS = ("L", "M", "Q", "H")


def _library() -> str | None:
    """What identifies the installed qrcode's code: its modules' names, sizes and times."""
    spec = importlib.util.find_spec("qrcode")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = list(spec.submodule_search_locations)[0]
    try:
        return ";".join(f"{e.name}:{e.stat().st_size}:{e.stat().st_mtime_ns}"
                        for e in sorted(os.scandir(folder), key=lambda e: e.name) if e.name.endswith(".py"))
    except OSError:
        return None


def _make(url: str, level: str, border: int) -> list[list[bool]]:
    import qrcode

    qr = qrcode.QRCode(error_correction=getattr(qrcode.constants, f"ERROR_CORRECT_{level}"), border=border,
                       box_size=1)
    qr.add_data(url)
    qr.make(fit=True)
    return [[bool(m) for m in row] for row in qr.get_matrix()]


def _kept(url: str, level: str, border: int) -> list[list[bool]]:
    library = _library()
    if library is None:
        return _make(url, level, border)
    key = hashlib.sha256(f"{library}\0{url}\0{level}\0{border}".encode()).hexdigest()[:32]
    name = f"qr-{key}.marshal"
    kept = diskcache.read(name)
    if isinstance(kept, list) and kept and all(isinstance(row, list) for row in kept):
        return kept
    matrix = _make(url, level, border)
    diskcache.keep(name, matrix)
    return matrix


def matrix(url: str, level: str, border: int) -> list[list[bool]]:
    """The modules of the QR code for ``url`` (level one of ``LEVELS``), a quiet zone of ``border``."""
    if level not in LEVELS:
        raise ValueError(f"QR error correction level {level!r}: expected one of {', '.join(LEVELS)}")
    return MEMORY.qr.recall((url, level, border), lambda: _kept(url, level, border))
