#!/usr/bin/env python3
"""Gazetteer and geocoder speed and memory (issue: foundation). Prints figures, asserts nothing.

    .venv/bin/python bench/bench_gazetteer.py [--runs 15] [--lookups 10000]

Figures:
  - median whole-process wall time of `bordermap geocode Kabul` (goal <= 1.0 s),
  - time for N in-process look-ups of real place names (goal: 10,000 in <= 1 s),
  - peak resident memory of a process with the gazetteer open after those look-ups
    (goal <= 400 MB).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def whole_process(runs: int) -> list[float]:
    exe = Path(sys.executable).with_name("bordermap")
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([str(exe), "geocode", "Kabul", "--format", "json", "--limit", "1"],
                       check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return times


def lookups(n: int) -> tuple[float, int]:
    from bordermap.geo.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    # real names, sampled with a fixed seed: places of every size and country
    rows = gaz._query("SELECT name FROM places WHERE id % 23 = 0")
    rng = random.Random(7)
    names = [rng.choice(rows)[0] for _ in range(n)]
    t0 = time.perf_counter()
    hits = sum(1 for name in names if gaz.search(name, limit=5))
    return time.perf_counter() - t0, hits


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--lookups", type=int, default=10_000)
    a = ap.parse_args()
    times = whole_process(a.runs)
    print(f"bordermap geocode Kabul (whole process): median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s, max {max(times):.3f} s over {a.runs} runs (goal <= 1.0 s)")
    secs, hits = lookups(a.lookups)
    print(f"{a.lookups:,} look-ups: {secs:.3f} s ({a.lookups / secs:,.0f}/s), {hits:,} found (goal: 10,000 in <= 1 s)")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory with the gazetteer loaded: {rss_mb:.0f} MB (goal <= 400 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
