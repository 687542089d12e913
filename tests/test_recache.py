"""The regular expressions kept per installation (``handout.recache``) are the ones Python compiles.

Each case runs fresh interpreters (``re`` compiles a pattern once per process) that point the table
at a temporary file and import what a build imports, or a small module of the test's own.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from handout import recache

# argv: the table, then the modules to import (after handout, as the console script does).
PROBE = r"""
import importlib, json, sys
from pathlib import Path
import handout.recache as rc
rc.FILE = Path(sys.argv[1])
# Importing handout may have read the installed table already: start again from this one.
rc._table = None
for kept in (rc._sites, rc._new, rc._new_sites, rc._used):
    kept.clear()
rc.stats.update(kept=0, compiled=0)
# The test's own modules are kept as the build's libraries' are (rc.LIBRARIES).
rc.LIBRARIES = rc.LIBRARIES | {name.partition(".")[0] for name in sys.argv[2:]}
for name in sys.argv[2:]:
    importlib.import_module(name)
print(json.dumps(rc.stats))
"""
BUILD = ["handout.cli", "handout.pipeline", "handout.checks", "handout.render", "yaml", "babel.numbers"]


def _probe(table: Path, *modules: str, path: Path | None = None, **env: str) -> dict[str, int]:
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environ.update(env)
    if path is not None:
        environ["PYTHONPATH"] = os.pathsep.join([str(path), environ.get("PYTHONPATH", "")])
    out = subprocess.run([sys.executable, "-c", PROBE, str(table), *modules], env=environ,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


def _read(table: Path) -> tuple[dict, dict]:
    """The table's entries (each pattern's arguments) and sites, read by the file's layout: the header, the
    index's SHA-256 and length, the index (each entry's offset, length and SHA-256), then the entries."""
    blob = table.read_bytes()
    assert blob.startswith(recache.HEADER)
    top = len(recache.HEADER) + 32 + 8
    length = int.from_bytes(blob[top - 8:top], "little")
    index = blob[top:top + length]
    assert hashlib.sha256(index).digest() == blob[len(recache.HEADER):len(recache.HEADER) + 32]
    where, sites = marshal.loads(index)
    entries = {key: blob[top + length + at:top + length + at + size] for key, (at, size, _) in where.items()}
    assert all(hashlib.sha256(entries[key]).digest() == digest for key, (_, _, digest) in where.items())
    return {key: marshal.loads(raw) for key, raw in entries.items()}, sites


def _python_gives(pattern: str, flags: int) -> tuple:
    """What Python's own compiler hands ``_sre.compile`` for the pattern, as it hands it (recache's
    hook and its recording bypassed)."""
    import _sre

    got: list[tuple] = []

    class Watch:
        def compile(self, p: str, *args: object) -> object:
            got.append(args)
            return _sre.compile(p, *args)

        def __getattr__(self, name: str) -> object:
            return getattr(_sre, name)

    assert recache._original is not None, "handout did not install the hook"
    compiler = sys.modules["re._compiler"]
    saved, compiler._sre = compiler._sre, Watch()
    try:
        recache._original(pattern, flags)
    finally:
        compiler._sre = saved
    return got[0]


def test_a_kept_pattern_reaches_the_engine_exactly_as_python_compiles_it(tmp_path: Path) -> None:
    table = tmp_path / "table"
    first = _probe(table, *BUILD)
    assert table.exists(), "the first process did not keep what it compiled"
    assert first["compiled"] > 60 and first["kept"] == 0  # ReportLab's, PyYAML's and the package's own
    second = _probe(table, *BUILD)
    kept, sites = _read(table)
    # All but the patterns joined from a set (ReportLab's unsafe names, babel's spaces: see below)
    joined = sum(v is None for v in sites.values())
    assert second["compiled"] == 0 and second["kept"] == first["compiled"] - joined, "the second process compiled again"
    assert joined <= 5
    assert len(kept) == first["compiled"]
    # Program, flags, groups and group names: what the engine is given from the table is what
    # Python gives it compiling the pattern itself, for every pattern kept.
    differ = [k for k, args in kept.items() if _python_gives(*k) != args]
    assert not differ, differ[:3]


def test_the_table_settles_when_a_site_joins_a_set(tmp_path: Path) -> None:
    """A module body joining a set into a pattern asks for another pattern in each process (hash
    randomisation): that site is marked once and the table is not rewritten again."""
    (tmp_path / "joined.py").write_text(
        "import re\nNAMES = {'alpha', 'beta', 'gamma', 'delta', 'epsilon'}\n"
        "UNSAFE = re.compile('|'.join(NAMES))\nFIXED = re.compile(r'[0-9]+ mg')\n", encoding="utf-8")
    table = tmp_path / "table"
    for seed in ("1", "2", "3"):
        _probe(table, "joined", path=tmp_path, PYTHONHASHSEED=seed)
        if seed == "2":
            settled = table.stat().st_mtime_ns
    assert table.stat().st_mtime_ns == settled, "a third process rewrote the table"
    kept, sites = _read(table)
    joined = [v for (file, *_), v in sites.items() if file.endswith("joined.py")]
    assert None in joined and r"[0-9]+ mg" in joined
    assert (r"[0-9]+ mg", 0) in kept
    got = _probe(table, "joined", path=tmp_path, PYTHONHASHSEED="4")
    assert got["kept"] == 1 and got["compiled"] == 0


def test_only_patterns_written_in_a_body_are_kept_never_one_made_at_run_time(tmp_path: Path) -> None:
    """A pattern a function builds (from a patient's words, say) is compiled as Python compiles it
    and never written down; nor is one compiled with re.DEBUG (it prints) or from bytes (a review: a
    bytes key beside the same text's, equal hashes, made `python -bb` fail reading the table)."""
    (tmp_path / "mixed.py").write_text(
        "import re\nBODY = re.compile(r'body [0-9]+')\nRAW = re.compile(rb'bytes')\n"
        "class Holder:\n    IN_CLASS = re.compile(r'class [a-z]+')\n"
        "def made(words):\n    return re.compile(re.escape(words))\n"
        "MADE = made('Maria Lopez 1970-01-02')\n", encoding="utf-8")
    table = tmp_path / "table"
    got = _probe(table, "mixed", path=tmp_path)
    kept, _ = _read(table)
    assert set(kept) == {(r"body [0-9]+", 0), (r"class [a-z]+", 0)} and got["compiled"] == 2
    assert not any("Maria" in p for p, _ in kept)
    debug = subprocess.run([sys.executable, "-c", "import handout, re\nX = re.compile('a+', re.DEBUG)"],
                           capture_output=True, text=True, check=True)
    assert "MAX_REPEAT" in debug.stdout  # re.DEBUG still prints the program


def test_nothing_is_written_when_python_writes_no_bytecode(tmp_path: Path) -> None:
    table = tmp_path / "table"
    got = _probe(table, *BUILD, PYTHONDONTWRITEBYTECODE="1")
    assert not table.exists() and got["compiled"] > 60


@pytest.mark.parametrize("blob", [b"", b"not a table", recache.HEADER + b"\x00" * 64,
                                  recache.HEADER + marshal.dumps(({("a+", 0): (0, [1, 2, 3], 0, {}, (None,))}, {}))],
                         ids=["empty", "text", "zeros", "a wrong program"])
def test_a_table_of_another_python_or_broken_is_ignored_and_replaced(tmp_path: Path, blob: bytes) -> None:
    (tmp_path / "one.py").write_text("import re\nA = re.compile('a+')\nassert A.fullmatch('aaa')\n",
                                     encoding="utf-8")
    table = tmp_path / "table"
    table.write_bytes(blob)
    got = _probe(table, "one", path=tmp_path)
    assert got["kept"] == 0 and got["compiled"] == 1  # a program _sre refuses is compiled again
    assert _probe(table, "one", path=tmp_path)["kept"] == 1, "the broken table was not replaced by a good one"


def test_a_programs_own_patterns_are_never_written_down(tmp_path: Path) -> None:
    """A review: a script's, a notebook cell's or exec'd top-level code kept its patterns (a patient's
    name among them) in the package's folder.  Only the bodies of the build's libraries' modules are."""
    table = tmp_path / "table"
    code = ("import sys, re, handout.recache as rc; from pathlib import Path\n"
            "rc.FILE = Path(sys.argv[1]); rc._table = None\n"
            "for kept in (rc._sites, rc._new, rc._new_sites, rc._used): kept.clear()\n"
            "NAME = re.compile(re.escape('Maria Lopez 1970-01-02'))\n"
            "exec(\"import re\\nX = re.compile('Ahmed Khan MRN 00123')\", {'__name__': None})\n"
            "exec(\"import re\\nY = re.compile('Eve Adams 555-0100')\", {'__name__': 'handout.fake'})\n"
            "print(rc.stats['compiled'])")
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, "-c", code, str(table)], env=environ, capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "0", out.stderr  # no crash on a name that is not text
    assert not table.exists()
    # Nor, in a library's own module, a class a function makes or code exec runs (a second review)
    (tmp_path / "runtime_probe.py").write_text(
        "import re\n"
        "def matcher(words):\n    class M:\n        rx = re.compile('|'.join(map(re.escape, words)))\n    return M\n"
        "def run(words):\n    exec('import re\\nY = re.compile(WORDS)', {**globals(), 'WORDS': re.escape(words)})\n"
        "M = matcher(['Jane Doe', 'DOB 1970-01-02'])\nrun('Jane Doe 1970-01-02')\nKEPT = re.compile(r'[0-9]+ mg')\n",
        encoding="utf-8")
    got = _probe(table, "runtime_probe", path=tmp_path)
    kept, _ = _read(table)
    assert got["compiled"] == 1 and set(kept) == {(r"[0-9]+ mg", 0)}, kept


def test_a_compile_started_during_another_records_its_own_arguments(tmp_path: Path, monkeypatch) -> None:
    """A review: a signal handler or finaliser compiling a pattern in the middle of a kept compile
    wrote its program under the kept pattern's key (a dose rule then matched nothing)."""
    import importlib

    for name, value in (("FILE", tmp_path / "table"), ("_table", {}), ("_sites", {}), ("_new", {}),
                        ("_new_sites", {}), ("_used", set()), ("_seen", set())):
        monkeypatch.setattr(recache, name, value)
    monkeypatch.setattr(recache, "LIBRARIES", recache.LIBRARIES | {"nested_probe"})
    real = recache._original

    done: list[str] = []

    def interrupted(p, flags=0):  # the engine has its arguments; then a signal handler compiles
        compiled = real(p, flags)
        if not done:
            done.append(p)
            re_module = sys.modules["re"]
            re_module.purge()
            re_module.compile("zz[0-9]{3}interrupt")
            real(p, re_module.I)  # and a profile hook the very same string, another way (a second review)
        return compiled

    monkeypatch.setattr(recache, "_original", interrupted)
    (tmp_path / "nested_probe.py").write_text("import re\nDOSE = re.compile(r'(?P<d>[0-9]+) ?mg')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("nested_probe")
    # Kept only as Python compiles it; here the same string's other compile made the note wrong, so
    # it is not kept at all (compiled again next time), never kept with the other's program.
    kept = recache._new.get((r"(?P<d>[0-9]+) ?mg", 0))
    assert kept is None or kept == _python_gives(r"(?P<d>[0-9]+) ?mg", 0)
    assert all(args == _python_gives(*key) for key, args in recache._new.items())
    assert sys.modules["nested_probe"].DOSE.search("take 4 mg").group("d") == "4"


def test_a_flipped_bit_in_the_table_is_never_read(tmp_path: Path) -> None:
    """A review: one bit made a kept '4\\.0 mg' match '5.0 mg' and not '4.0 mg'.  The SHA-256 that
    heads the table refuses it, and the pattern is compiled again."""
    (tmp_path / "dose_probe.py").write_text("import re\nR = re.compile(r'4\\.0 mg')\n", encoding="utf-8")
    table = tmp_path / "table"
    assert _probe(table, "dose_probe", path=tmp_path)["compiled"] == 1
    blob = bytearray(table.read_bytes())
    # The literal '4' (52) of the program, in the entries past the index, made a '5' (53)
    top = len(recache.HEADER) + 32 + 8
    at = bytes(blob).index(marshal.dumps(52)[1:], top + int.from_bytes(blob[top - 8:top], "little"))
    blob[at] ^= 0x01
    table.write_bytes(bytes(blob))
    got = _probe(table, "dose_probe", path=tmp_path)
    assert got["kept"] == 0 and got["compiled"] == 1


def test_a_pattern_edited_in_place_is_kept_again(tmp_path: Path) -> None:
    """A second review: a site marked for a changed pattern was marked for good, so an edited
    pattern at the same place was never kept again.  A site is of the file as it was."""
    module = tmp_path / "edited_probe.py"
    module.write_text("import re\nR = re.compile(r'[0-9]+ mg')\n", encoding="utf-8")
    table = tmp_path / "table"
    assert _probe(table, "edited_probe", path=tmp_path)["compiled"] == 1
    module.write_text("import re\nR = re.compile(r'[0-9]+ mcg')\n", encoding="utf-8")
    stamp = module.stat().st_mtime_ns + 10**9
    os.utime(module, ns=(stamp, stamp))
    assert _probe(table, "edited_probe", path=tmp_path)["compiled"] == 1
    assert _probe(table, "edited_probe", path=tmp_path)["kept"] == 1


# The patterns a build joins from the package's own word lists, unit labels and region files
# (recache.pattern), for several languages: what a check of the bundled handouts compiles.
VOUCHED = r"""
from handout import designations, markup, regions, textamounts, wordlists
for lang in ("en", "es", "fr", "de", "ar", "ru"):
    textamounts.amounts_in("Take 2 tablets (4.5 mg).", lang)
    words = wordlists.load(lang)
    if words is not None:
        words.plan_numbers, words.explained_after, words.jargon_in("naltrexone")
    list(designations._number_problems("4.0 mg", ("mg", "ملغ"), designations.number_signs(lang)))
    markup.unit_pattern(["mg", "ملغ", "мг"])
    textamounts._count_pattern(words.counted if words else ("tablet",), ",", words.action_verbs if words else ())
"""


def test_patterns_joined_from_the_packages_files_are_kept_and_the_same_in_every_process(tmp_path: Path) -> None:
    """A function's pattern made only from the package's files, asked for by recache.pattern, is kept
    as a body's is; its words are sorted so that every process asks for the very same pattern,
    whatever its hash seed (sorted by length alone, words of one length kept a set's order: each
    process then kept another pattern, and the table grew to its limit)."""
    (tmp_path / "vouched.py").write_text(VOUCHED, encoding="utf-8")
    table = tmp_path / "table"
    first = _probe(table, "vouched", path=tmp_path, PYTHONHASHSEED="1")
    assert first["compiled"] > 0
    kept_after_one = set(_read(table)[0])
    for seed in ("2", "3"):
        got = _probe(table, "vouched", path=tmp_path, PYTHONHASHSEED=seed)
        assert got["compiled"] == 0, f"seed {seed} asked for patterns the first process did not"
    assert set(_read(table)[0]) == kept_after_one
    # ... each exactly what Python's compiler gives for it
    differ = [k for k, args in _read(table)[0].items() if _python_gives(*k) != args]
    assert not differ, differ[:3]


def test_a_pattern_made_at_run_time_beside_a_vouched_one_is_not_kept(tmp_path: Path) -> None:
    """Only the very pattern object recache.pattern was given is kept: one a function compiles itself
    (a patient's name) while a pattern of the same text is vouched for in the same thread is not."""
    (tmp_path / "beside.py").write_text(
        "import re\nfrom handout import recache\n"
        "def made(first, last):\n    return re.compile(first + ' ' + last)\n"
        "KEPT = recache.pattern(r'tablets? [0-9]+')\n"
        "recache._calls.vouched = 'Maria Lopez'  # as if pattern() were running when another compile began\n"
        "MADE = made('Maria', 'Lopez')  # the same text, another object\n", encoding="utf-8")
    table = tmp_path / "table"
    _probe(table, "beside", path=tmp_path)
    kept, _ = _read(table)
    assert (r"tablets? [0-9]+", 0) in kept
    assert not any(isinstance(p, str) and "Maria" in p for p, _ in kept)


# A check of a copy of the bundled handouts whose every text holds a marker, the table pointed at argv[1].
CHECK = r"""
import sys
from pathlib import Path
import handout.recache as rc
rc.FILE = Path(sys.argv[1])
rc._table = None
from handout.cli import main
for folder in sorted(Path(sys.argv[2]).iterdir()):  # one handout at a time: fewer units than start workers
    main(["check", "--data", sys.argv[2], folder.name, "--lang", "en", "es"])
"""


def test_no_word_of_a_handout_is_ever_kept(tmp_path: Path) -> None:
    """A review: the weekly-dose rule joined the handout's medicine names into patterns it asked recache
    to keep, and a short name "MTX for Maria Lopez" was written to disk.  Every text of a copy of
    the bundled handouts gets a marker; after a check of them all, the table holds none."""
    import re
    import shutil

    from conftest import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for path in data.glob("*/*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "handout.yaml":  # the companions' names (folic acid) and the drugs' too
            text = re.sub(r"(?m)^(\s+(?:- )?name: )([A-Za-z][^\n#]*)$", r"\1\2 zqxmarker", text)
        else:
            text = re.sub(r'(?m)^(short_name|title|condition): (.+)$', r'\1: \2 zqxmarker', text)
        path.write_text(text, encoding="utf-8")
    assert "zqxmarker" in (data / "methotrexate" / "en.yaml").read_text(encoding="utf-8")
    table = tmp_path / "table"
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", CHECK, str(table), str(data)], env=environ, capture_output=True, text=True,
                   timeout=300)
    kept, _ = _read(table)
    assert kept, "the check kept nothing: the probe did not run"
    assert not [p for p, _ in kept if "zqxmarker" in p]


def test_an_entry_is_read_only_when_its_pattern_is_asked_for(tmp_path: Path, monkeypatch) -> None:
    """The table holds every language's patterns; a process unmarshals only the entries it uses."""
    table = tmp_path / "table"
    for name, value in (("FILE", table), ("_table", None), ("_sites", {}), ("_new", {}), ("_new_sites", {}),
                        ("_used", set()), ("_seen", set())):
        monkeypatch.setattr(recache, name, value)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)  # (PYTHONDONTWRITEBYTECODE: written all the same)
    for p in ("[0-9]+ mg", "[0-9]+ mL"):
        args = tuple(recache._plain(a) for a in _python_gives(p, 0))  # (as the hook notes them)
        monkeypatch.setattr(recache, "_new", {**recache._new, (p, 0): args})
    recache.keep_new()
    monkeypatch.setattr(recache, "_table", None)
    assert recache.pattern("[0-9]+ mg").search("take 4 mg").group(0) == "4 mg"
    assert recache._table is not None
    assert recache._table[("[0-9]+ mg", 0)] == _python_gives("[0-9]+ mg", 0)  # read, as _sre takes it
    assert isinstance(recache._table[("[0-9]+ mL", 0)], recache._Entry)  # not asked for: not read


def test_a_table_over_its_size_keeps_only_what_the_process_used(tmp_path: Path) -> None:
    """Patterns edited away stay in the table until it is rewritten with only what was used: past
    LIMIT entries, or past BYTES_LIMIT bytes (a word list's patterns are ~200 KB each: ten edits of
    one kept 5.9 MB, read by every process)."""
    for name, unit in (("old_probe", "mcg"), ("new_probe", "mL")):
        (tmp_path / f"{name}.py").write_text(f"import re\nR = re.compile(r'[0-9]+ {unit}')\n", encoding="utf-8")
    (tmp_path / "small_probe.py").write_text("import handout.recache as rc\nrc.BYTES_LIMIT = 1\n", encoding="utf-8")
    table = tmp_path / "table"
    _probe(table, "old_probe", path=tmp_path)
    _probe(table, "new_probe", path=tmp_path)
    assert {p for p, _ in _read(table)[0]} == {"[0-9]+ mcg", "[0-9]+ mL"}  # under the limit: both kept
    (tmp_path / "new_probe.py").write_text("import re\nR = re.compile(r'[0-9]+ L')\n", encoding="utf-8")
    _probe(table, "small_probe", "new_probe", path=tmp_path)
    assert {p for p, _ in _read(table)[0]} == {"[0-9]+ L"}


WORKER_DRIVER = r"""
import sys
from concurrent.futures import ProcessPoolExecutor

def compile_in_worker():
    import importlib, handout.recache as rc
    importlib.import_module("worker_probe")  # a module body's pattern: compiled here, in the worker
    return rc.stats["compiled"]

if __name__ == "__main__":
    import multiprocessing, os
    from handout import procs
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["table_probe"])  # the server's table is the test's
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=procs.worker_init,
                             initargs=(os.getpid(),)) as pool:
        print(pool.submit(compile_in_worker).result())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fork server is Linux's start method here")
def test_a_worker_keeps_what_it_compiled(tmp_path: Path) -> None:
    """A review: a worker of a -j build ends in os._exit, which runs no atexit function, so what it
    compiled was never kept: a table filled by -j2 builds alone held a third of a build's patterns."""
    (tmp_path / "table_probe.py").write_text(
        "import os, handout.recache as rc\nfrom pathlib import Path\n"
        "rc.FILE = Path(os.environ['PROBE_TABLE']); rc._table = None\n"
        "rc.LIBRARIES = rc.LIBRARIES | {'worker_probe'}\n", encoding="utf-8")
    (tmp_path / "worker_probe.py").write_text("import re\nR = re.compile(r'[0-9]+ zq-units')\n", encoding="utf-8")
    (tmp_path / "driver.py").write_text(WORKER_DRIVER, encoding="utf-8")
    table = tmp_path / "table"
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environ.update(PROBE_TABLE=str(table), PYTHONPATH=os.pathsep.join([str(tmp_path), environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, str(tmp_path / "driver.py")], env=environ, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0 and int(out.stdout) >= 1, out.stderr[-2000:]  # compiled in the worker
    assert table.exists(), "the worker kept nothing"
    kept, _ = _read(table)
    assert (r"[0-9]+ zq-units", 0) in kept


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts this process's open files in /proc")
def test_writing_the_table_leaves_no_file_open(tmp_path: Path, monkeypatch) -> None:
    """Writing reads the table on disk first (another process may have added to it): that read's file is
    closed, where the process's own table keeps one open for its entries (the fork server wrote twice)."""
    table = tmp_path / "table"
    for name, value in (("FILE", table), ("_table", None), ("_sites", {}), ("_new", {}), ("_new_sites", {}),
                        ("_used", set()), ("_seen", set())):
        monkeypatch.setattr(recache, name, value)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    for p in ("[0-9]+ mg", "[0-9]+ mL", "[0-9]+ mcg"):
        monkeypatch.setattr(recache, "_new", {(p, 0): tuple(recache._plain(a) for a in _python_gives(p, 0))})
        before = len(list(Path("/proc/self/fd").iterdir()))
        recache.keep_new()
        assert len(list(Path("/proc/self/fd").iterdir())) == before
    assert {p for p, _ in _read(table)[0]} == {"[0-9]+ mg", "[0-9]+ mL", "[0-9]+ mcg"}
