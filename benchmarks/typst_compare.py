"""handout against Typst, in one run: prints per-PDF and cold figures and their ratios; not a test.

    pip install -e '.[bench]'          # typst (typst-py), the peer; not a dependency of handout
    python benchmarks/typst_compare.py [-n 30] [--rounds 3] [--cold 5] [--scaling 100]

1. Batch of N distinct handouts: N variants of the LDN handout (English, standard edition), every
   sentence of the words made unique (one short made-up word inserted per sentence, so no line,
   paragraph or shaping cache of a previous document helps).  handout: ``handout build --data D
   --lang en --edition standard -j1 --force -q``, one whole process; Typst: one whole process of
   ``benchmarks/peers/typst_build.py`` (YAML read, runs and QR made, ``peers/ldn.typ`` compiled to
   PDF/A-2a + PDF/UA-1 with one typst-py compiler).  Per PDF = process wall time / N.
2. Cold: one PDF, whole process (the same commands with one handout folder).
3. (--scaling M) handout -j1 against -j2 on M distinct PDFs, and the peak memory of any process;
   and the machine's own ceiling for -j2: two -j1 processes side by side, each building half of the
   M (no coordination at all, so no -j2 can do better on this machine; measured on the 2-core
   machine: 1.55-1.89x, where two busy processes slow each other).

The tools alternate within each round (and which goes first alternates between rounds), the
figures are medians over rounds: the machine may be shared, so single figures are noisy.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = Path(__file__).resolve().parent / "peers"
SOURCE = ROOT / "data" / "ldn"

# One-syllable made-up words: a unique one per (variant, sentence) barely moves the reading grade.  Short ones (2 to
# 4 letters, no coda): LDN's words fill its 2 pages, and longer ones pushed some variants onto a third (refused).
ONSETS = "b bl br d dr f fl fr g gl gr k kl kr m n p pl pr s sk sl sn sp st t tr v w z".split()
VOWELS = "a e i o u oa ee oo".split()
WORDS = [o + v for o in ONSETS for v in VOWELS]
SENTENCE = re.compile(r"(?:(?<=[.!?؟।])|(?<=[.!?]\*\*))\s+")  # Latin, Arabic and Devanagari stops


def _unique(text: str, variant: int, counter: list[int], made_up: list[str]) -> str:
    """Each sentence of ``text`` with a word of its own (from ``made_up``) inserted after its first word."""
    out = []
    for sentence in SENTENCE.split(text):
        words = sentence.split(" ")
        at = next((i for i, w in enumerate(words) if w and not w.startswith(("[@", "{"))), None)
        if at is not None:
            word = made_up[(variant + counter[0] * 211) % len(made_up)]
            counter[0] += 1
            words.insert(at + 1, word)
        out.append(" ".join(words))
    return " ".join(out)


def vary(obj, variant: int, made_up: list[str] = WORDS, counter: list[int] | None = None,
         skip=("language", "short_name", "title", "id", "translation")):
    """A content file's data with every sentence of its text made unique (variant ``variant``)."""
    counter = [0] if counter is None else counter
    if isinstance(obj, dict):
        return {k: v if k in skip else vary(v, variant, made_up, counter) for k, v in obj.items()}
    if isinstance(obj, list):
        return [vary(v, variant, made_up, counter) for v in obj]
    if isinstance(obj, str):
        return _unique(obj, variant, counter, made_up)
    return obj


def make_variants(data: Path, n: int, first: int = 0) -> list[Path]:
    """n handout folders ``ldnNNNN`` (facts and English words), each with words of its own."""
    import yaml

    words = yaml.safe_load((SOURCE / "en.yaml").read_text(encoding="utf-8"))
    facts = (SOURCE / "handout.yaml").read_text(encoding="utf-8")
    folders = []
    for i in range(first, first + n):
        d = data / f"ldn{i:04d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / "handout.yaml").write_text(facts.replace("id: ldn", f"id: ldn{i:04d}", 1), encoding="utf-8")
        text = yaml.safe_dump(vary(words, i), allow_unicode=True, sort_keys=False, width=10_000)
        (d / "en.yaml").write_text(text, encoding="utf-8")
        folders.append(d)
    return folders


def _exe() -> str:
    """The installed console script beside this Python (a version manager's shim adds ~50 ms a run)."""
    beside = Path(sys.executable).with_name("handout")
    return str(beside) if beside.exists() else (shutil.which("handout") or "handout")


# This checkout's package, whatever is installed.  Bytecode is written as Python writes it by default
# (not under PYTHONDONTWRITEBYTECODE=1, which some sandboxes set): an installed package's first run
# keeps its dataclass methods (handout/classcode.py), and "cold" is every run after it.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(ROOT)}


def _timed(cmd: list[str], expect: int, out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    res = subprocess.run(cmd, env=ENV, capture_output=True, text=True)
    secs = time.perf_counter() - t
    made = len(list(out.rglob("*.pdf"))) if out.exists() else 0
    if made != expect:
        sys.exit(f"{cmd[0]}: made {made} PDFs, expected {expect}\n{res.stderr[-2000:]}")
    _timed.last_stderr = res.stderr  # type: ignore[attr-defined]
    return secs


def handout_cmd(data: Path, out: Path, jobs: int = 1, ids: list[str] | None = None) -> list[str]:
    return [_exe(), "build", *(ids or []), "--data", str(data), "--lang", "en", "--edition", "standard",
            "-j", str(jobs), "--force", "-q", "--out", str(out)]


def _side_by_side(data: Path, halves: list[list[str]], outs: list[Path]) -> float:
    """Wall time of one -j1 process per half, all started at once (the machine's -j2 ceiling)."""
    for out in outs:
        shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    procs = [subprocess.Popen(handout_cmd(data, out, 1, ids), env=ENV, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for ids, out in zip(halves, outs)]
    codes = [p.wait() for p in procs]
    secs = time.perf_counter() - t
    made = sum(len(list(out.rglob("*.pdf"))) for out in outs if out.exists())
    if codes != [0] * len(procs) or made != sum(map(len, halves)):
        sys.exit(f"side by side: exit codes {codes}, made {made} PDFs, expected {sum(map(len, halves))}")
    return secs


def typst_cmd(folders: list[Path], out: Path) -> list[str]:
    return [sys.executable, str(PEERS / "typst_build.py"), str(out), *map(str, folders)]


def _peak(stderr: str) -> float:
    m = re.search(r"peak memory per worker (\d+) MB", stderr)
    return float(m.group(1)) if m else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=30, help="distinct handouts in the batch (default 30)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cold", type=int, default=5, help="cold one-PDF runs of each tool per round")
    ap.add_argument("--scaling", type=int, default=0, metavar="M", help="also time -j1 against -j2 on M PDFs")
    args = ap.parse_args()
    try:
        import typst
    except ImportError:
        sys.exit("typst is not installed: pip install -e '.[bench]'")
    # Byte-compiled as `pip install` leaves a package (PYTHONDONTWRITEBYTECODE=1 would recompile every run).
    compileall.compile_dir(ROOT / "handout", quiet=1)
    compileall.compile_dir(PEERS, quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="handout-vs-typst-"))
    try:
        batch_data = tmp / "batch"
        folders = make_variants(batch_data, args.n)
        one_data = tmp / "one"
        one = make_variants(one_data, 1, first=args.n)
        out = tmp / "out"
        ht_batch, ty_batch, ht_cold, ty_cold, peaks = [], [], [], [], []
        print(f"handout vs typst-py {typst.__version__ if hasattr(typst, '__version__') else ''} on "
              f"{os.cpu_count()} cores, Python {sys.version.split()[0]}; {args.rounds} rounds, medians")
        for r in range(args.rounds):
            tools = [("handout", lambda: _timed(handout_cmd(batch_data, out), args.n, out), ht_batch),
                     ("typst", lambda: _timed(typst_cmd(folders, out), args.n, out), ty_batch)]
            for name, fn, acc in (tools if r % 2 == 0 else tools[::-1]):
                acc.append(fn() / args.n)
                if name == "handout":
                    peaks.append(_peak(_timed.last_stderr))  # type: ignore[attr-defined]
            for _ in range(args.cold):
                pair = [(lambda: _timed(handout_cmd(one_data, out), 1, out), ht_cold),
                        (lambda: _timed(typst_cmd(one, out), 1, out), ty_cold)]
                for fn, acc in (pair if r % 2 == 0 else pair[::-1]):
                    acc.append(fn())
            print(f"  round {r + 1}: batch per PDF handout {ht_batch[-1] * 1000:.0f} ms, typst "
                  f"{ty_batch[-1] * 1000:.0f} ms; cold handout {statistics.median(ht_cold[-args.cold:]) * 1000:.0f} ms, "
                  f"typst {statistics.median(ty_cold[-args.cold:]) * 1000:.0f} ms", flush=True)
        med = statistics.median
        hb, tb, hc, tc = med(ht_batch) * 1000, med(ty_batch) * 1000, med(ht_cold) * 1000, med(ty_cold) * 1000
        print(f"\n{'':34} {'handout':>9} {'typst':>9} {'ratio':>7}")
        print(f"{f'batch of {args.n} distinct, per PDF (ms)':34} {hb:9.1f} {tb:9.1f} {hb / tb:6.2f}x")
        print(f"{'cold, one PDF, whole process (ms)':34} {hc:9.0f} {tc:9.0f} {hc / tc:6.2f}x")
        print(f"handout peak memory of the building process, -j1: {max(peaks):.0f} MB")
        if args.scaling:
            big = tmp / "scaling"
            ids = [d.name for d in make_variants(big, args.scaling, first=args.n + 1)]
            halves, outs = [ids[:len(ids) // 2], ids[len(ids) // 2:]], [tmp / "out_a", tmp / "out_b"]
            j1, j2, pair, mem = [], [], [], []
            for r in range(args.rounds):
                for jobs, acc in (((1, j1), (2, j2)) if r % 2 == 0 else ((2, j2), (1, j1))):
                    acc.append(_timed(handout_cmd(big, out, jobs), args.scaling, out))
                    mem.append(_peak(_timed.last_stderr))  # type: ignore[attr-defined]
                pair.append(_side_by_side(big, halves, outs))
            print(f"\n{args.scaling} distinct PDFs: -j1 {med(j1):.2f} s, -j2 {med(j2):.2f} s, speed-up "
                  f"{med(j1) / med(j2):.2f}x; peak memory of any building process {max(mem):.0f} MB")
            print(f"two -j1 processes side by side, half each: {med(pair):.2f} s, the machine's ceiling "
                  f"{med(j1) / med(pair):.2f}x (rounds: " + ", ".join(f"{a / b:.2f}x" for a, b in zip(j1, pair)) + ")")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
