#!/usr/bin/env python3
"""Score the command line against the shared gold data and print one table.

    .venv/bin/python bench/evaluate.py [--shared ../shared] [--coverage]

Runs ../shared/eval/score.py (the project's external scorer) on the seed articles and on
every benchmark in ../shared/eval/bench/, with this checkout's `bordermap`, and prints
each corpus' summary line plus a table of the main figures against the targets.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {  # corpus stem -> (places F1, resolve acc161) goals from the geoparsing issue
    "seeds.gold": (0.97, 1.0),
    "lgl": (0.80, 0.85),
    "geovirus": (0.80, 0.78),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--coverage", action="store_true", help="also measure the gazetteer's coverage")
    a = ap.parse_args()
    score = a.shared / "eval" / "score.py"
    if not score.exists():
        print(f"evaluate: {score} not found; pass --shared", file=sys.stderr)
        return 2
    exe = Path(sys.executable).with_name("bordermap")
    golds = [a.shared / "eval" / "seeds.gold.jsonl", *sorted((a.shared / "eval" / "bench").glob("*.jsonl"))]
    rows = []
    for gold in golds:
        r = subprocess.run([sys.executable, str(score), "run", str(gold), "--cmd", str(exe)],
                           capture_output=True, text=True)
        lines = r.stdout.strip().splitlines()
        summary = lines[-1] if lines else f"FAILED: {r.stderr[-300:]}"
        print(f"{gold.name}: {summary}")
        cov = ""
        if a.coverage:
            c = subprocess.run([sys.executable, str(score), "coverage", str(gold), "--cmd", str(exe)],
                               capture_output=True, text=True)
            cov = (c.stdout.strip().splitlines() or ["?"])[-1].split()[0]
        f1 = re.search(r"places F1=([\d.]+)", summary)
        acc = re.search(r"resolve acc161=([\d.]+)", summary)
        inc = re.search(r"incidents R=([\d.]+) P=([\d.]+)", summary)
        rows.append((gold.stem, f1.group(1) if f1 else "-", acc.group(1) if acc else "-",
                     f"{inc.group(1)}/{inc.group(2)}" if inc else "-", cov))
    print()
    print(f"{'corpus':<12} {'places F1':>10} {'goal':>6} {'resolve':>8} {'goal':>6} {'incid. R/P':>11}"
          + ("  coverage" if a.coverage else ""))
    for stem, f1, acc, inc, cov in rows:
        g1, g2 = TARGETS.get(stem, ("", ""))
        print(f"{stem:<12} {f1:>10} {g1!s:>6} {acc:>8} {g2!s:>6} {inc:>11}" + (f"  {cov}" if a.coverage else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
