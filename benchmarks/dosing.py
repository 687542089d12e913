"""Benchmark of the dosing patterns: prints a table; not a test.

    python benchmarks/dosing.py [--repeat N]

For each bundled handout (one dosing pattern each: titration, weekly with a companion, taper,
weight-based liquid, as needed), warm milliseconds per PDF in one process for the standard
edition and for a personalised dose calendar (start date and, for the liquid, a weight), and
the cost of the dosing arithmetic alone (a year of a plan's schedule).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handout import dosing, pipeline  # noqa: E402
from handout.content import Target, read  # noqa: E402
from handout.model import Personal  # noqa: E402
from handout.theme import load_theme  # noqa: E402

PATTERNS = {"ldn": "titration, at bedtime", "methotrexate": "weekly + companion", "prednisone": "taper, two strengths",
            "amoxicillin": "weight-based liquid, twice a day", "acetaminophen": "as needed, 24-hour maximum"}


def timed(fn, repeat: int) -> float:
    fn()  # warm: fonts, subsets and wrapped lines of this text
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    theme = load_theme()
    person = Personal(patient="Test Patient", start=date.today() + timedelta(days=3), weight_kg=18.5)
    print(f"{'handout':<14} {'pattern':<34} {'standard ms':>12} {'calendar ms':>12} {'schedule µs':>12}")
    for hid, pattern in PATTERNS.items():
        res = read(Target(ROOT / "data" / hid, ("en",)))
        if not res.handouts:
            print(f"{hid:<14} (not built: {res.findings[0].format() if res.findings else 'no handout'})")
            continue
        h = res.handouts[0]
        std = timed(lambda: pipeline.build(h, theme), args.repeat)
        cal = timed(lambda: pipeline.build(h, theme, None, None, "calendar", person), args.repeat)
        meds = dosing.medications(h.track())
        start = date(2026, 1, 1)
        sched = timed(lambda: [dosing.schedule(m, start, start + timedelta(days=365)) for m in meds], args.repeat)
        print(f"{hid:<14} {pattern:<34} {std:>12.1f} {cal:>12.1f} {sched * 1000:>12.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
