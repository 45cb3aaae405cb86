#!/usr/bin/env python3
"""Whole-article extraction throughput: places and incidents together (issue: incidents).

    .venv/bin/python bench/bench_extract.py [--corpus ../shared/eval/bench/lgl.jsonl] [--repeat 3]

Prints articles/s in one process on one core (goal >= 300/s), after the one-off load of
the name index, and how many incidents were found.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "bench" / "lgl.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    from bordermap.geo.articles import Article
    from bordermap.geo.events import merge_incidents
    from bordermap.geo.extract import get_name_index
    from bordermap.geo.pipeline import process_article

    rows = [json.loads(line) for line in a.corpus.open(encoding="utf-8") if line.strip()]
    articles = [Article(str(r["id"]), r["text"], published=(r.get("published") or r.get("date") or "")[:10] or None)
                for r in rows]
    t0 = time.perf_counter()
    get_name_index()
    process_article(articles[0])  # warm every lazily loaded table
    load = time.perf_counter() - t0
    best, best_cpu, n_inc = float("inf"), float("inf"), 0
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        incidents = [i for art in articles for i in process_article(art).incidents]
        merged = merge_incidents(incidents)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
        n_inc = len(merged)
    rate = len(articles) / best
    print(f"extraction (places + incidents + merging): {rate:,.0f} articles/s ({len(articles)} articles in "
          f"{best:.2f} s; tables loaded once in {load:.2f} s), {n_inc} incidents  (goal >= 300/s)")
    # CPU time is what one core spent: on a machine shared with other work, the steadier figure
    print(f"per CPU-second of this process: {len(articles) / best_cpu:,.0f} articles "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores while measuring)")
    print(f"peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
