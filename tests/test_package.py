"""The package installs the normal way (a wheel, not editable) and works from a clinic's own folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import DATA, ROOT


def test_a_plain_install_builds_from_a_content_folder(tmp_path: Path):
    venv = tmp_path / "venv"
    # The dependencies are the test environment's own (system site packages); only handout is installed.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-cache-dir",
                    str(ROOT)], check=True, cwd=tmp_path, capture_output=True)
    site = subprocess.run([str(py), "-c", "import handout, pathlib; print(pathlib.Path(handout.__file__).parent)"],
                          check=True, capture_output=True, text=True, cwd=tmp_path).stdout.strip()
    assert not site.startswith(str(ROOT)), site  # the installed copy, not the checkout
    assert (Path(site) / "layouts" / "default.yaml").exists()
    clinic = tmp_path / "clinic"
    shutil.copytree(DATA / "ldn", clinic / "data" / "ldn")
    res = subprocess.run([str(venv / "bin" / "handout"), "build", "ldn", "--lang", "en", "-j", "1", "-q",
                          "--edition", "standard"], cwd=clinic, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert (clinic / "output" / "ldn" / "ldn.en.pdf").read_bytes().startswith(b"%PDF-")
