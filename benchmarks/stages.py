"""Where a batch of distinct handouts spends its time, stage by stage; prints figures, not a test.

    python benchmarks/stages.py [-n 30] [--rounds 2] [--fsync-ms MS]

Builds N variants of the LDN handout (English, standard edition; every sentence made unique as in
``typst_compare.py``, so no cache of an earlier document helps) with ``handout build -j1`` inside
this process, a timer around each stage, and prints milliseconds per PDF for each stage and in
all (the fastest of the rounds, each in a fresh process).  The stages nest as the pipeline does:
"read" is the YAML and the model, "policy" the checks and plain-language rules, "glyphs" the
check that every character has a font, then layout (fitting included), render (drawing, tagging,
PDF/A) and the main process's waiting for its writing (each PDF is written in a thread while
the next one is built: outdir.Committer); "other" is the rest (planning, fingerprints, manifest,
reports).  ``--fsync-ms`` adds that long to every fsync, as a slow disk or a network share would.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STAGES = [("read", "handout.content", "_parse"), ("policy", "handout.policy", "decide"),
          ("glyphs", "handout.pipeline", "check_glyphs"), ("layout", "handout.pipeline", "layout"),
          ("render", "handout.pipeline", "render"), ("write", "handout.outdir", "Committer._finish")]


def _child(data: str, out: str, fsync_ms: float = 0.0) -> None:
    """In a fresh process: time each stage of one batch; print JSON (seconds)."""
    import importlib

    if fsync_ms:  # a slower disk: each fsync takes that much longer
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            real_fsync(fd)
            time.sleep(fsync_ms / 1000)

        os.fsync = fsync

    from handout import cli, procs

    procs.tune_gc()  # as the console script (cli.main_entry) does

    spent = {name: 0.0 for name, _, _ in STAGES}
    for name, module, func in STAGES:
        mod = importlib.import_module(module)
        owner, _, func = func.rpartition(".")
        mod = getattr(mod, owner) if owner else mod  # a method: Committer._finish
        real = getattr(mod, func)

        def timed(*a, _real=real, _name=name, **k):
            t = time.perf_counter()
            try:
                return _real(*a, **k)
            finally:
                spent[_name] += time.perf_counter() - t

        setattr(mod, func, timed)
    sys.stderr = open(os.devnull, "w")
    t = time.perf_counter()
    code = cli.main(["build", "--data", data, "--lang", "en", "--edition", "standard", "-j1", "--force", "-q",
                     "--out", out])
    spent["total"] = time.perf_counter() - t
    print(json.dumps({"code": code, **spent}))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=30, help="distinct handouts (default 30)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--fsync-ms", type=float, default=0.0, help="add this to every fsync (a slow disk)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(*args.child, args.fsync_ms)
        return 0
    sys.path.insert(0, str(HERE))
    from typst_compare import make_variants

    with tempfile.TemporaryDirectory(prefix="handout-stages-") as tmp:
        make_variants(Path(tmp) / "data", args.n)
        runs = []
        for _ in range(args.rounds):
            res = subprocess.run([sys.executable, __file__, "--child", str(Path(tmp) / "data"), str(Path(tmp) / "out"),
                                  "--fsync-ms", str(args.fsync_ms)],
                                 capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            figures = json.loads(res.stdout.strip().splitlines()[-1])
            if figures.pop("code") != 0:
                sys.exit(f"the build failed:\n{res.stderr[-2000:]}")
            runs.append(figures)
    best = min(runs, key=lambda r: r["total"])
    other = best["total"] - sum(best[name] for name, _, _ in STAGES)
    slow = f", every fsync {args.fsync_ms:g} ms slower" if args.fsync_ms else ""
    print(f"{args.n} distinct English handouts, -j1, in one process{slow}; ms per PDF (fastest of {args.rounds} rounds)")
    for name, _, _ in STAGES:
        print(f"  {name:8} {best[name] / args.n * 1000:6.1f}")
    print(f"  {'other':8} {other / args.n * 1000:6.1f}")
    print(f"  {'total':8} {best['total'] / args.n * 1000:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
