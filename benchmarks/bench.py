"""Benchmarks for handout: prints a table; not a test.

    python benchmarks/bench.py [--copies N] [--repeat N]

1. warm ms per PDF, per language (one process, the same handout built repeatedly), and the
   same after forgetting everything remembered of earlier text (its words included);
1b. (--distinct N) a batch of N distinct handouts per language, as a clinic's batch of new text
   is: every sentence of each has a made-up word of its own, from that language's letters
   (typst_compare.py's variants, in the language's script); ms per PDF after the first five,
   read and checked and built as a -j1 batch builds them (batch._run), nothing written;
2. cold `handout build` of one handout in one language, as a whole process;
3. throughput of a batch of synthetic handouts (copies of the bundled ones) with 1 and 2 jobs;
4. peak memory (max RSS) of the largest process in each batch run (the parent or one worker).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handout import pipeline, procs  # noqa: E402
from handout.content import Target, languages_in, read  # noqa: E402
from handout.theme import load_theme  # noqa: E402


def warm(repeat: int) -> list[tuple[str, float, float, int]]:
    procs.tune_gc()  # the collector as the console script and the workers run it
    theme = load_theme()
    rows = []
    folder = ROOT / "data" / "ldn"
    for lang in languages_in(folder):
        res = read(Target(folder, (lang,)))
        if not res.handouts:
            continue
        h = res.handouts[0]
        try:
            first = time.perf_counter()
            built = pipeline.build(h, theme)
            first = time.perf_counter() - first
        except Exception as exc:  # a language that does not build is reported, not timed
            rows.append((lang, float("nan"), float("nan"), float("nan"), 0))
            print(f"  {lang}: {exc}", file=sys.stderr)
            continue
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            pipeline.build(h, theme)
            times.append(time.perf_counter() - t)
        # The same process building text it has not seen, not even its words: fonts stay loaded;
        # remembered lines, word widths, runs, shaping and font subsets are forgotten.
        fresh = []
        for _ in range(max(3, repeat // 4)):
            pipeline.clear_caches()
            t = time.perf_counter()
            pipeline.build(h, theme)
            fresh.append(time.perf_counter() - t)
        rows.append((lang, statistics.median(times) * 1000, statistics.median(fresh) * 1000, first * 1000,
                     len(built.pdf)))
    return rows


def _letters(text: str, n: int = 12) -> list[str]:
    """The n letters ``text`` uses most, outside ASCII unless the language is written in it."""
    import collections
    import unicodedata

    counts = collections.Counter(c for c in text if unicodedata.category(c) in ("Ll", "Lo"))
    if sum(v for c, v in counts.items() if not c.isascii()) > sum(counts.values()) / 2:
        counts = collections.Counter({c: v for c, v in counts.items() if not c.isascii()})
    return [c for c, _ in counts.most_common(n)]


def distinct(langs: list[str], n: int) -> dict[str, float]:
    """ms per PDF of a batch of ``n`` distinct handouts in each language (see the module docstring, 1b).

    The languages take turns, one handout each (en, ar, fa, hi, en, …), after five of each to warm the process:
    a shared machine slows down and speeds up over seconds, and a language timed after another would take its
    share of that as its own (one run gave Hindi 1.34x English, the next 2.12x)."""
    import yaml

    from handout import batch as batches

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import typst_compare

    procs.tune_gc()
    src = ROOT / "data" / "ldn"
    facts = (src / "handout.yaml").read_text(encoding="utf-8")
    opts = batches.Options()
    with tempfile.TemporaryDirectory(prefix="handout-distinct-") as tmp:
        jobs: dict[str, list] = {}
        for lang in langs:
            raw = (src / f"{lang}.yaml").read_text(encoding="utf-8")
            letters = _letters(raw)
            made_up = [a + b + c for a in letters for b in letters for c in letters]
            words_of = yaml.safe_load(raw)
            jobs[lang] = []
            for i in range(n):
                d = Path(tmp) / lang / f"ldn{i:04d}"
                d.mkdir(parents=True)
                (d / "handout.yaml").write_text(facts.replace("id: ldn", f"id: ldn{i:04d}", 1), encoding="utf-8")
                if lang != "en":  # the source text, as it is: a translation is checked against it
                    shutil.copy(src / "en.yaml", d / "en.yaml")
                varied = typst_compare.vary(words_of, i, made_up)
                (d / f"{lang}.yaml").write_text(yaml.safe_dump(varied, allow_unicode=True, sort_keys=False,
                                                               width=10_000), encoding="utf-8")
                jobs[lang].append(batches.Job(d, d.name, lang, "en", Path(tmp) / "out", "standard", None))
        times: dict[str, list[float]] = {lang: [] for lang in langs}
        for i in range(n):
            for lang in langs:
                t = time.perf_counter()
                oc = batches._run(jobs[lang][i], opts)
                times[lang].append(time.perf_counter() - t)
                if oc.status != "built":
                    sys.exit(f"{lang}: {oc.findings[:3]}")
    return {lang: statistics.median(ts[5:] or ts) * 1000 for lang, ts in times.items()}  # (the first five warm it)


def _run(cmd: list[str], cwd: Path) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def _exe() -> str:
    """The installed console script, not a version manager's shim (pyenv's adds ~50 ms a run)."""
    beside = Path(sys.executable).with_name("handout")
    return str(beside) if beside.exists() else (shutil.which("handout") or "handout")


def cold(repeat: int, *extra: str) -> float:
    # Byte-compile the package as `pip install` does for a regular install: an editable install
    # under PYTHONDONTWRITEBYTECODE=1 (set in some sandboxes and containers) would otherwise
    # compile every module from source on every run.
    compileall.compile_dir(ROOT / "handout", quiet=1)
    out = Path(tempfile.mkdtemp())
    exe = _exe()
    times = [_run([exe, "build", "ldn", "--lang", "en", "--force", "-q", "--out", str(out), *extra], ROOT)
             for _ in range(repeat)]
    shutil.rmtree(out)
    return statistics.median(times)


def batch(copies: int) -> tuple[int, dict[int, tuple[float, float]]]:
    tmp = Path(tempfile.mkdtemp())
    data = tmp / "data"
    src = ROOT / "data" / "ldn"
    for i in range(copies):
        d = data / f"ldn{i:03d}"
        shutil.copytree(src, d)
        facts = d / "handout.yaml"
        facts.write_text(facts.read_text(encoding="utf-8").replace("id: ldn", f"id: ldn{i:03d}", 1), encoding="utf-8")
    exe = _exe()
    results = {}
    for jobs in (1, 2):
        out = tmp / f"out{jobs}"
        t = time.perf_counter()
        res = subprocess.run([exe, "build", "--data", str(data), "--out", str(out), "-j", str(jobs), "-q", "--force",
                              "--allow-stale"], capture_output=True, text=True)
        secs = time.perf_counter() - t
        # the CLI's summary line reports the largest peak RSS of the processes that built PDFs
        peak = float(res.stderr.rsplit("peak memory per worker ", 1)[1].split()[0])
        built = len(list(out.rglob("*.pdf")))
        results[jobs] = (secs, peak, built)
    shutil.rmtree(tmp)
    n = max(r[2] for r in results.values())
    return n, results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=14, help="synthetic handouts in the batch (x languages x editions)")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--distinct", type=int, default=0, metavar="N",
                    help="also time a batch of N distinct handouts in en, ar, fa and hi (1b)")
    ap.add_argument("--only-distinct", action="store_true", help="only that (1b)")
    args = ap.parse_args()
    if args.only_distinct:
        args.distinct = args.distinct or 25
        return _print_distinct(args.distinct)
    print(f"handout benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    rows = warm(args.repeat)
    en = next((r[1] for r in rows if r[0] == "en"), float("nan"))
    new_en = next((r[2] for r in rows if r[0] == "en"), float("nan"))
    print(f"1. warm build per PDF (median of {args.repeat}); new text: the same in a warm process that has\n"
          "   forgotten everything of earlier text, its words too (1b is a batch of new sentences); first build")
    print(f"   {'lang':8} {'warm ms':>8} {'x en':>6} {'new text':>9} {'x en':>6} {'first ms':>9} {'KB':>6}")
    for lang, ms, new, first, size in rows:
        print(f"   {lang:8} {ms:8.1f} {ms / en:6.2f} {new:9.1f} {new / new_en:6.2f} {first:9.1f} {size / 1024:6.0f}")
    if args.distinct:
        _print_distinct(args.distinct)
    one, all_editions = cold(5, "--edition", "standard"), cold(5)
    print(f"\n2. cold whole-process build, median of 5 (checks and report included; the validators run\n"
          f"   only in `handout report --validate`):\n"
          f"   `handout build ldn --lang en --edition standard` (1 PDF): {one * 1000:.0f} ms\n"
          f"   `handout build ldn --lang en` (3 editions): {all_editions * 1000:.0f} ms")
    n, res = batch(args.copies)
    print(f"\n3. batch of {n} PDFs ({args.copies} handouts x languages x editions), --force")
    for jobs, (secs, _rss, built) in res.items():
        print(f"   -j {jobs}: {secs:6.1f} s  {built / secs:6.1f} PDF/s  built {built}")
    print(f"   speed-up with 2 jobs: {res[1][0] / res[2][0]:.2f}x")
    print(f"\n4. peak memory per worker (largest RSS of a building process): "
          f"-j 1 {res[1][1]:.0f} MB, -j 2 {res[2][1]:.0f} MB")
    return 0


def _print_distinct(n: int) -> int:
    res = distinct(["en", "ar", "fa", "hi"], n)
    print(f"\n1b. batch of {n} distinct handouts per language (every sentence new), ms per PDF after the first five"
          + (" (of all: N <= 5)" if n <= 5 else ""))
    for lang, ms in res.items():
        print(f"   {lang:8} {ms:8.1f} {ms / res['en']:6.2f}x en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
