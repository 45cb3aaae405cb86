#!/usr/bin/env python3
"""Geoparsing throughput on the LGL texts, against geotext (issue: geoparsing).

    .venv/bin/python bench/bench_places.py [--corpus ../shared/eval/bench/lgl.jsonl] [--repeat 3]

Prints, for one process on one core:
  - bordermap `places` (detection + resolution) articles/s, after the one-off load of the
    name index (its load time printed separately): the best pass, the spread of the passes
    and the best by CPU time alone (which other processes on a shared machine disturb less),
  - geotext (PyPI; regex city finder, detection only) articles/s on the same texts and
    the ratio,
  - places F1 of both against the corpus' gold spans (overlap match, as score.py),
  - peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "bench" / "lgl.jsonl"


def f1(gold_docs, found) -> float:
    """Detection F1 as score.py counts it: spans are (start, end, scored); an unscored
    span (a demonym, border or relative mention) that matches no gold span is not an error."""
    tp = fp = fn = 0
    for doc, spans in zip(gold_docs, found):
        gold = [(g["start"], g["end"]) for g in doc.get("toponyms") or doc.get("places") or []
                if g.get("lat") is not None]
        used = set()
        for s, e, scored in spans:
            hit = next((i for i, (a, b) in enumerate(gold) if i not in used and a < e and s < b), None)
            if hit is None:
                fp += scored and not any(a < e and s < b for a, b in gold)
            else:
                used.add(hit)
                tp += 1
        fn += len(gold) - len(used)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=5, help="passes over the corpus (best one counts)")
    a = ap.parse_args()
    docs = [json.loads(line) for line in a.corpus.open(encoding="utf-8") if line.strip()]
    texts = [d["text"] for d in docs]

    t0 = time.perf_counter()
    from bordermap.geo.extract import get_name_index
    from bordermap.geo.resolve import geoparse

    index = get_name_index()
    load = time.perf_counter() - t0
    found = []
    rates = []
    cpu_rates = []
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        found = [[(m.start, m.end, m.kind == "toponym") for m in geoparse(t, index=index)] for t in texts]
        rates.append(len(texts) / (time.perf_counter() - t0))
        cpu_rates.append(len(texts) / (time.process_time() - c0))
    ours = max(rates)
    print(f"bordermap places: {ours:,.0f} articles/s best of {a.repeat} (spread {min(rates):,.0f}-{max(rates):,.0f}; "
          f"CPU time alone: best {max(cpu_rates):,.0f}/s), {len(texts)} articles; name index loaded once in "
          f"{load:.2f} s; places F1 {f1(docs, found):.3f}  (goal >= 1,000/s on one core)")

    try:
        from geotext import GeoText
    except ImportError:
        print("geotext not installed (pip install geotext): no comparison")
    else:
        GeoText("warm up")
        gbest = float("inf")
        gfound = []
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            gfound = []
            for t in texts:
                g = GeoText(t)
                names = set(g.cities) | set(g.countries)
                spans = []
                for name in names:
                    k = t.find(name)
                    while k >= 0:
                        spans.append((k, k + len(name), True))
                        k = t.find(name, k + 1)
                gfound.append(spans)
            gbest = min(gbest, time.perf_counter() - t0)
        theirs = len(texts) / gbest
        print(f"geotext: {theirs:,.0f} articles/s, places F1 {f1(docs, gfound):.3f}; "
              f"bordermap/geotext speed ratio {ours / theirs:.2f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {rss:.0f} MB  (goal <= 400 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
