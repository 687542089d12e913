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
VERSION = 1  # of _make and of what is kept: raise when either changes, and kept matrices are made again


def _library() -> str | None:
    """What identifies the installed qrcode's code: its modules' names, sizes and times."""
    spec = importlib.util.find_spec("qrcode")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = list(spec.submodule_search_locations)[0]
    try:
        files = ";".join(f"{e.name}:{e.stat().st_size}:{e.stat().st_mtime_ns}"
                         for e in sorted(os.scandir(folder), key=lambda e: e.name) if e.name.endswith(".py"))
    except OSError:
        return None
    return files or None  # no source files (a bytecode-only install): nothing tells an upgrade, keep nothing


def _make(url: str, level: str, border: int) -> list[list[bool]]:
    import qrcode

    qr = qrcode.QRCode(error_correction=getattr(qrcode.constants, f"ERROR_CORRECT_{level}"), border=border,
                       box_size=1)
    qr.add_data(url)
    qr.make(fit=True)
    return [[bool(m) for m in row] for row in qr.get_matrix()]


def _plausible(matrix: object, border: int) -> bool:
    """A QR code's shape: square, 17 + 4 x version modules and the quiet zone a side, all booleans."""
    if not isinstance(matrix, list) or not matrix:
        return False
    n = len(matrix)
    version, rest = divmod(n - 2 * border - 17, 4)
    return (rest == 0 and 1 <= version <= 40
            and all(isinstance(row, list) and len(row) == n and all(type(m) is bool for m in row) for row in matrix))


def _kept(url: str, level: str, border: int) -> list[list[bool]]:
    url, level, border = str(url), str(level), int(border)  # plain values: marshal keeps no subclass (Url)
    library = _library()
    if library is None:
        return _make(url, level, border)
    key = hashlib.sha256(f"{VERSION}\0{library}\0{url}\0{level}\0{border}".encode()).hexdigest()[:32]
    name = f"qr-{key}.marshal"
    kept = diskcache.read(name)
    # The file says what it was made for, and has a QR code's shape: a damaged or stray file is
    # never printed (a wrong code on a handout sends the patient elsewhere).
    if (isinstance(kept, tuple) and len(kept) == 4 and kept[:3] == (url, level, border)
            and _plausible(kept[3], border)):
        return kept[3]
    matrix = _make(url, level, border)
    diskcache.keep(name, (url, level, border, matrix))
    return matrix


def matrix(url: str, level: str, border: int) -> list[list[bool]]:
    """The modules of the QR code for ``url`` (level one of ``LEVELS``), a quiet zone of ``border``."""
    if level not in LEVELS:
        raise ValueError(f"QR error correction level {level!r}: expected one of {', '.join(LEVELS)}")
    return MEMORY.qr.recall((url, level, border), lambda: _kept(url, level, border))
