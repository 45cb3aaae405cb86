#!/usr/bin/env python3
"""Score bordermap on the real-news development set, each half apart.

The annotations (``gold.jsonl``, committed) carry no article words; the texts live in
``texts/`` beside this script and are never committed (they belong to their publishers).
Articles whose text is absent, or whose text no longer has the annotated sha256, are left
out and counted, so the script runs anywhere and says what it could score.

The set is split by border pair (``split.json``): rules are tuned on ``tune`` and only
measured on ``test``. A rule that helps only the tune half is fitted, not learned.

usage: score_realnews.py [--split tune|test|all|both] [--cmd BORDERMAP] [--detail] [--keep DIR]

``--detail`` lists, article by article, each gold event (found or missed, and by which
prediction) and each prediction that found nothing: the view to work from on the tune half.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCORE = ROOT.parent / "shared" / "eval" / "score.py"


def load(texts: Path) -> tuple[list[dict], int]:
    """Complete gold records (with text) of every article whose text is present and intact."""
    sys.path.insert(0, str(HERE))
    from build_gold import restore_words

    split = json.loads((HERE / "split.json").read_text(encoding="utf-8"))
    out, missing = [], 0
    for line in (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        path = texts / f"{rec['id']}.txt"
        if not path.exists():
            missing += 1
            continue
        text = path.read_text(encoding="utf-8")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != rec["sha256"]:
            print(f"{rec['id']}: text differs from the annotated one (sha256), left out", file=sys.stderr)
            missing += 1
            continue
        full = restore_words(rec, text)
        full["split"] = split.get("-".join(sorted(rec["pair"])), "tune")
        out.append(full)
    return out, missing


def _scorer():
    spec = importlib.util.spec_from_file_location("bm_score", SCORE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _facts(incs: list[dict]) -> tuple:
    day = next((i["date"] for i in incs if i.get("date")), None)
    toll = next((i["fatalities"] for i in incs if i.get("fatalities") is not None), None)
    return day, toll


def _match(doc: dict, units: dict, preds: list, order: list, sc) -> dict:
    """One prediction to one event, as score.py matches (augmenting paths, best agreement first)."""

    def cost(u, k):
        day, toll = _facts(units[u])
        p = preds[k][0]
        return (bool(day) and not str(p.get("event_date") or "").startswith(day)) + \
            (toll is not None and p.get("fatalities") != toll)

    fits = {u: [k for k, (p, la, lo) in enumerate(preds)
                if sc._type_ok(u[1], p.get("category")) and any(
                    sc._where_ok(doc, i, la, lo, p.get("country")) for i in incs)]
            for u, incs in units.items()}
    owner: dict[int, tuple] = {}

    def augment(u, seen):
        for k in sorted(fits[u], key=lambda k: cost(u, k)):
            if k not in seen:
                seen.add(k)
                if k not in owner or augment(owner[k], seen):
                    owner[k] = u
                    return True
        return False

    for u in order:
        augment(u, set())
    return owner


def detail(gold: list[dict], incidents_path: Path) -> None:
    """Per-article view: each gold event with the prediction matched to it (one to one, as
    score.py matches), and each prediction that found nothing."""
    sc = _scorer()
    fc = json.loads(incidents_path.read_text(encoding="utf-8"))
    by_doc: dict[str, list] = {}
    for f in fc["features"]:
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"][:2]
        for d in p.get("docs") or [p.get("doc")]:
            by_doc.setdefault(d, []).append((p, lat, lon))
    for doc in gold:
        preds = by_doc.get(doc["id"], [])
        print(f"\n== {doc['id']} ({doc['published']}) {doc['url']}")
        units: dict[tuple, list] = {}
        for k, inc in enumerate(doc["incidents"]):
            if not inc.get("plan"):
                units.setdefault((inc.get("event") or f"#{k}", inc["type"]), []).append(inc)

        required = [u for u in units if not all(i.get("background") or i["type"] == "other" for i in units[u])]
        order = required + [u for u in units if u not in required]
        owner = _match(doc, units, preds, order, sc)
        taken = {u: k for k, u in owner.items()}
        for u in order:
            incs = units[u]
            day, toll = _facts(incs)
            bg = u not in required
            mark = "bg  " if bg else ("ok  " if u in taken else "MISS")
            print(f"  {mark} {u[0]} {u[1]} @ {incs[0]['where']} {day} toll={toll} actors={incs[0].get('actors')}")
            if u not in taken:
                if not bg:
                    print(f"        «{incs[0]['sentence'][:160]}»")
                continue
            p = preds[taken[u]][0]
            flags = []
            if day and not str(p.get("event_date") or "").startswith(day):
                flags.append(f"DATE {p.get('event_date')} ({p.get('date_text')})")
            if toll is not None and p.get("fatalities") != toll:
                flags.append(f"TOLL {p.get('fatalities')}")
            print(f"        <- {p['category']} {p.get('location')} {p.get('event_date')} f={p.get('fatalities')} "
                  f"[{p.get('actor1')} | {p.get('actor2')}] {' '.join(flags)}")
        for k, (p, _la, _lo) in enumerate(preds):
            if k not in owner:
                print(f"  WRONG {p['category']} {p.get('location')} {p.get('event_date')} f={p.get('fatalities')} "
                      f"«{(p.get('sentence') or '')[:140]}»")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="both", choices=["tune", "test", "all", "both"])
    ap.add_argument("--cmd", default=str(ROOT / ".venv" / "bin" / "bordermap"))
    ap.add_argument("--texts", default=str(HERE / "texts"))
    ap.add_argument("--detail", action="store_true", help="per-article view of hits and misses")
    ap.add_argument("--keep", help="keep the gold and outputs in this folder")
    args = ap.parse_args(argv)
    gold, missing = load(Path(args.texts))
    if not gold:
        print(f"no article texts present in {args.texts} ({missing} annotated): nothing to score")
        return 0
    halves = ["tune", "test"] if args.split == "both" else [args.split]
    work = Path(args.keep or tempfile.mkdtemp(prefix="realnews-"))
    work.mkdir(parents=True, exist_ok=True)
    for half in halves:
        docs = [d for d in gold if half == "all" or d["split"] == half]
        pairs = sorted({"-".join(d["pair"]) for d in docs})
        path = work / f"gold_{half}.jsonl"
        path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        out = work / half
        r = subprocess.run([sys.executable, str(SCORE), "run", str(path), "--cmd", args.cmd, "--keep", str(out)],
                           capture_output=True, text=True)
        print(f"[{half}] {len(docs)} articles, {len(pairs)} border pairs, "
              f"{sum(1 for d in docs for i in d['incidents'] if not i.get('background') and not i.get('plan'))} "
              f"event mentions")
        print("\n".join("  " + ln for ln in r.stdout.strip().splitlines()))
        if r.returncode:
            print(r.stderr[-2000:], file=sys.stderr)
        if args.detail:
            detail(docs, out / "incidents.geojson")
    if missing:
        print(f"({missing} annotated articles without their text here were left out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
