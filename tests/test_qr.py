"""The QR matrices kept per installation (``handout.qr``) are qrcode's own, and a build that
finds them kept does not import qrcode."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
import qrcode

from handout import qr
from handout.memory import MEMORY

ROOT = Path(__file__).resolve().parent.parent
URLS = ["https://handout.example.org/ldn/sources", "https://example.org/" + "a" * 120]


def _qrcode(url: str, level: str, border: int) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=getattr(qrcode.constants, f"ERROR_CORRECT_{level}"), border=border,
                         box_size=1)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("level,border", [("M", 4), ("H", 2)])
def test_a_kept_matrix_is_the_one_qrcode_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str,
                                                level: str, border: int) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    MEMORY.clear()
    made = qr.matrix(url, level, border)
    (kept,) = (tmp_path / "handout").glob("qr-*.marshal")
    MEMORY.clear()
    again = qr.matrix(url, level, border)  # read from the file
    assert made == again == _qrcode(url, level, border)
    kept.write_bytes(b"\x00not marshal")  # damaged: made again, and kept again
    MEMORY.clear()
    assert qr.matrix(url, level, border) == _qrcode(url, level, border)
    assert kept.read_bytes() != b"\x00not marshal"
    # Readable but wrong: another URL's matrix, or a matrix that is not a QR code's shape.
    other = _qrcode(URLS[1] if url == URLS[0] else URLS[0], level, border)
    n = len(made)
    for stray in [(URLS[1] if url == URLS[0] else URLS[0], level, border, other),
                  (url, level, border, [row[:-1] for row in made]), (url, level, border, [[1] * n] * n),
                  (url, level, border, made[:-4])]:
        kept.write_bytes(marshal.dumps(stray))
        MEMORY.clear()
        assert qr.matrix(url, level, border) == _qrcode(url, level, border)


def test_each_url_level_and_border_has_its_own_matrix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    MEMORY.clear()
    for url in URLS:
        for level, border in (("M", 4), ("Q", 4), ("M", 2)):
            assert qr.matrix(url, level, border) == _qrcode(url, level, border)
    assert len(list((tmp_path / "handout").glob("qr-*.marshal"))) == 6


def test_an_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="expected one of L, M, Q, H"):
        qr.matrix(URLS[0], "X", 4)


def test_a_build_with_its_matrix_kept_does_not_import_qrcode(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    code = ("import sys; from handout import cli\n"
            "code = cli.main(['build', 'ldn', '--data', sys.argv[1], '--lang', 'en', '--edition', 'standard',"
            " '-j1', '-q', '--force', '--out', sys.argv[2]])\n"
            "print(code, 'qrcode' in sys.modules)")
    args = [sys.executable, "-c", code, str(ROOT / "data"), str(tmp_path / "out")]
    first = subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout.split()
    second = subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert first == ["0", "True"]  # made, and kept
    assert second == ["0", "False"]  # read back: qrcode (and its Pillow drawing code) never imported
