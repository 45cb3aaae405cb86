#!/usr/bin/env python3
"""GeoNames import: a full import against a --near-borders one, on a generated dump.

    .venv/bin/python bench/bench_geonames_import.py [--rows 1000000] [--km 50]

Writes an allCountries-format dump (zipped) of made-up places spread over the world's land
and a quarter as many alternate names, imports it twice into temporary user data
directories (all of it; only features within KM of a land border) and prints, for each:
import time and rows/s, database size, and 10,000 look-ups of names it holds (s), and the
peak resident memory of the import (child process, so the two do not mix).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from geonames_dump import SYLLABLES, geoname_row, write_zip  # noqa: E402


def write(folder: Path, rows: int, seed: int = 3) -> tuple[Path, Path, list[str]]:
    rng = random.Random(seed)
    lines, alts, sample = [], [], []
    for k in range(rows):
        name = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() + f" {k}"
        lat, lon = rng.uniform(-55, 70), rng.uniform(-170, 180)
        lines.append(geoname_row(100_000_000 + k, name, lat, lon, "P", "PPL", "XX", population=rng.choice([0, 80])))
        if k % 4 == 0:
            alts.append(f"{k}\t{100_000_000 + k}\ten\t{name} Alt\t\t\t\t\t\t\n")
        if k % max(1, rows // 10_000) == 0:
            sample.append(name)
    return (write_zip(folder / "allCountries.zip", "allCountries.txt", lines),
            write_zip(folder / "alternateNamesV2.zip", "alternateNamesV2.txt", alts), sample)


CHILD = """
import json, os, resource, sys, time
from bordermap.geo.geonames import import_geonames, gazetteer_info
from bordermap.geo.gazetteer import get_gazetteer
km = json.loads(sys.argv[3])
t0 = time.perf_counter()
import_geonames(sys.argv[1:3], near_borders_km=km)
took = time.perf_counter() - t0
names = json.load(open(os.environ["BENCH_SAMPLE"]))
gaz = get_gazetteer()
t0 = time.perf_counter()
hits = sum(1 for n in names if gaz.lookup(n, limit=5))
look = time.perf_counter() - t0
info = gazetteer_info()
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))  # this process's own peak
print(json.dumps({"took": took, "bytes": info["bytes"], "places": info["places"], "lookups": len(names),
                  "hits": hits, "lookup_s": look, "rss_mb": hwm / 1024}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--km", type=float, default=50.0)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        dump, alts, sample = write(tmp, a.rows)
        (tmp / "sample.json").write_text(json.dumps(sample[:10_000]))
        print(f"dump: {a.rows:,} places, {a.rows // 4:,} alternate names, {dump.stat().st_size / 1e6:.1f} MB zipped "
              f"(written in {time.perf_counter() - t0:.1f} s)")
        for label, km in (("full import", None), (f"--near-borders {a.km:g}", a.km)):
            env = dict(os.environ, BORDERMAP_DATA_DIR=str(tmp / label.replace(" ", "_")),
                       BENCH_SAMPLE=str(tmp / "sample.json"))
            r = subprocess.run([sys.executable, "-c", CHILD, str(dump), str(alts), json.dumps(km)],
                               env=env, capture_output=True, text=True, check=True)
            x = json.loads(r.stdout.strip().splitlines()[-1])
            print(f"{label}: {x['places']:,} places, {x['bytes'] / 1e6:.1f} MB; import {x['took']:.1f} s "
                  f"({a.rows / x['took']:,.0f} rows/s), peak memory {x['rss_mb']:.0f} MB; "
                  f"{x['lookups']:,} look-ups in {x['lookup_s']:.2f} s ({x['hits']:,} found)")
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
