"""Libraries loaded where a build first uses them (``handout.lazy``): never a different result."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import DATA, ROOT


def test_only_shaped_text_loads_uharfbuzz_and_then_every_holder_sees_the_real_one(tmp_path: Path) -> None:
    """An English build never imports HarfBuzz (7-10 ms of every process, Issue 17); a Hindi one
    does, on its first shaped word, and ReportLab's reference to the module (bound when ReportLab
    was imported) then reads the real functions."""
    script = (
        "import sys\n"
        "from handout import cli\n"
        "out = sys.argv[2]\n"
        "cli.main(['build', 'ldn', '--data', sys.argv[1], '--lang', 'en', '--edition', 'standard', '-j', '1', '-q',"
        " '--out', out])\n"
        "print('en', 'uharfbuzz._harfbuzz' in sys.modules)\n"
        "cli.main(['build', 'ldn', '--data', sys.argv[1], '--lang', 'hi', '--edition', 'standard', '-j', '1', '-q',"
        " '--out', out])\n"
        "import uharfbuzz._harfbuzz as real\n"
        "from reportlab.pdfbase import ttfonts\n"
        "print('hi', 'uharfbuzz._harfbuzz' in sys.modules, ttfonts.uharfbuzz.Buffer is real.Buffer)\n")
    res = subprocess.run([sys.executable, "-c", script, str(DATA), str(tmp_path / "out")], capture_output=True,
                         text=True, cwd=ROOT, timeout=300)
    assert res.stdout.split("\n")[-3:-1] == ["en False", "hi True True"], res.stderr[-2000:]
    assert len(list((tmp_path / "out").rglob("*.pdf"))) == 2


def test_a_ctrl_c_while_the_real_module_imports_leaves_it_to_be_imported_on_the_next_use(tmp_path: Path) -> None:
    """The first use's import is the package's own, not inside ReportLab's bare ``except:``: a Ctrl-C
    there stops the build, and the stand-in stays, so a later use imports the module again."""
    (tmp_path / "probe_mod.py").write_text(
        "import os, sys\n"
        "flag = os.path.join(os.path.dirname(__file__), 'once')\n"
        "if not os.path.exists(flag):\n"
        "    open(flag, 'w').close()\n"
        "    raise KeyboardInterrupt\n"
        "VALUE = 42\n", encoding="utf-8")
    script = (
        "import sys\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "from handout import lazy\n"
        "mod = lazy.on_first_use('probe_mod')\n"
        "print(type(mod).__name__, 'probe_mod' in sys.modules)\n"
        "try:\n"
        "    mod.VALUE\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', sys.modules['probe_mod'] is mod)\n"
        "print(mod.VALUE, vars(mod)['VALUE'], sys.modules['probe_mod'].VALUE, sys.modules['probe_mod'] is not mod)\n")
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert res.stdout.splitlines() == ["_OnFirstUse True", "interrupted True", "42 42 42 True"], res.stderr[-2000:]
