#!/usr/bin/env python3
"""Turn annotators' drafts of real news articles into gold JSONL in score.py's format.

The development set of real reporting lives in two parts:

* ``bench/realnews/gold.jsonl`` (committed): one article a line in the gold format of
  ``../shared/eval/seeds.gold.jsonl`` *without the article's words*: places with offsets and
  coordinates, incidents with offsets (no sentence text), borders, actors, the address, the
  publication date and a sha256 of the text.
* ``bench/realnews/texts/`` (never committed; the texts belong to their publishers): each
  article's text as ``ID.txt`` and the annotator's draft as ``drafts/ID.json``.

A draft names things by their words, which is how people annotate; this script finds the
offsets, so nobody counts characters by hand::

    {"id": "rn-af-pk-01", "url": "...", "outlet": "...", "pair": ["AF", "PK"],
     "published": "2024-03-18", "published_basis": "dateline",
     "query": "words that find the page with the search tool",
     "places": [{"surface": "Khost", "referent": "Khost Province", "type": "province",
                 "lat": 33.33, "lon": 69.92, "geonameid": 1444362,
                 "skip": [3]}],                # 1-based occurrences that are not this place
     "ignore": [{"surface": "Tehrik-i-Taliban Pakistan", "why": "organisation name"}],
     "borders": {"border": {"countries": ["AF", "PK"]}},     # line taken from bordermap's data
     "actor_aliases": {"PK": ["Pakistan", "Military Forces of Pakistan"], ...},
     "incidents": [{"event": "E1", "type": "airstrike", "where": ["Khost"],
                    "date": "2024-03-18", "fatalities": 8, "fatalities_text": "eight",
                    "sentence": "an exact quote of the sentence", "occurrence": 1,
                    "background": false, "actors": ["PK", "CIV-AF"]}]}

Every word-bounded, case-sensitive occurrence of a place's surface is a mention, except
occurrences listed in ``skip``, occurrences inside a longer annotated place or inside an
``ignore`` span. A country carries ``cc`` (ISO alpha-2); the script fills it from the pair
when the referent is one of the pair's countries and ``cc`` is missing.

usage: build_gold.py [--texts DIR] [--out gold.jsonl] [--full FULL.jsonl] [--check]
  --full writes the complete gold (with text and sentences) for score.py; --check only validates.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = {"airstrike", "shelling", "armed clash", "attack", "killing", "explosion", "ceasefire/agreement",
         "talks", "border closure", "protest", "arrest", "other"}
DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


class DraftError(ValueError):
    pass


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    rx = re.compile(r"(?<![\w])" + re.escape(surface) + r"(?![\w])")
    return [(m.start(), m.end()) for m in rx.finditer(text)]


_BORDER_CACHE: dict[tuple[str, ...], list] = {}


def border_lines(countries: list[str], cmd: str) -> list:
    """The shared border of two countries as lists of [lon, lat], from bordermap's own data."""
    key = tuple(sorted(countries))
    if key not in _BORDER_CACHE:
        out = subprocess.run([*cmd.split(), "borders", *key], capture_output=True, text=True, check=True).stdout
        lines = []
        for f in json.loads(out)["features"]:
            g = f["geometry"]
            parts = g["coordinates"] if g["type"] == "MultiLineString" else [g["coordinates"]]
            lines.extend([[round(x, 4), round(y, 4)] for x, y in part] for part in parts)
        _BORDER_CACHE[key] = lines
    return _BORDER_CACHE[key]


def build(draft: dict, text: str, cmd: str) -> dict:
    """The gold record (with text) of one draft; raises DraftError naming what is wrong."""
    did = draft.get("id") or "?"

    def fail(msg: str) -> None:
        raise DraftError(f"{did}: {msg}")

    for k in ("id", "url", "published", "places", "incidents", "actor_aliases"):
        if k not in draft:
            fail(f"missing {k!r}")
    if draft["published"] is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", draft["published"]):
        fail(f"published {draft['published']!r} is not YYYY-MM-DD")
    pair = [c.upper() for c in draft.get("pair") or []]

    ignore = []
    for ig in draft.get("ignore") or []:
        occ = _occurrences(text, ig["surface"])
        if not occ:
            fail(f"ignore surface {ig['surface']!r} not in the text")
        ignore += [{"start": a, "end": b, "surface": ig["surface"], "why": ig.get("why", "")} for a, b in occ]

    places = []
    spans: list[tuple[int, int, dict]] = []
    for p in sorted(draft["places"], key=lambda p: -len(p["surface"])):
        occ = _occurrences(text, p["surface"])
        if not occ:
            fail(f"place {p['surface']!r} not in the text")
        for k in ("lat", "lon", "type"):
            if k not in p:
                fail(f"place {p['surface']!r} lacks {k!r}")
        skip = set(p.get("skip") or [])
        only = set(p.get("only") or [])
        for n, (a, b) in enumerate(occ, start=1):
            if n in skip or (only and n not in only):
                continue
            if any(s < b and a < e for s, e, _ in spans) or any(i["start"] < b and a < i["end"] for i in ignore):
                continue
            rec = {"start": a, "end": b, "surface": p["surface"], "referent": p.get("referent", p["surface"]),
                   "type": p["type"], "lat": p["lat"], "lon": p["lon"], "geonameid": p.get("geonameid")}
            if p["type"] == "country":
                cc = p.get("cc")
                if not cc:
                    fail(f"country {p['surface']!r} lacks cc")
                rec["cc"] = cc.upper()
            if p.get("approx"):
                rec["approx"] = True
            spans.append((a, b, rec))
    places = [r for _, _, r in sorted(spans, key=lambda t: t[0])]
    surfaces = {p["surface"] for p in places}

    borders = {}
    for key, b in (draft.get("borders") or {}).items():
        rec = {"countries": b.get("countries"), "name": b.get("name")}
        if b.get("lines") or b.get("line"):
            rec["lines"] = b.get("lines") or [b["line"]]
        else:
            if not b.get("countries") or len(b["countries"]) != 2:
                fail(f"border {key!r} needs two countries or explicit lines")
            rec["lines"] = border_lines(b["countries"], cmd)
            if not rec["lines"]:
                fail(f"no shared border between {b['countries']} in bordermap's data: give 'lines'")
        borders[key] = rec

    aliases = draft["actor_aliases"]
    incidents = []
    for inc in draft["incidents"]:
        t = inc.get("type")
        if t not in TYPES:
            fail(f"incident type {t!r} not one of {sorted(TYPES)}")
        for w in inc.get("where") or []:
            if w not in surfaces and w not in borders:
                fail(f"incident {inc.get('event')}: where {w!r} is neither a place surface nor a border key")
        if not inc.get("where"):
            fail(f"incident {inc.get('event')}: no 'where'")
        if inc.get("date") is not None and not DATE.fullmatch(inc["date"]):
            fail(f"incident {inc.get('event')}: date {inc['date']!r} is not YYYY-MM or YYYY-MM-DD")
        if not inc.get("event"):
            fail("an incident lacks 'event'")
        for a in inc.get("actors") or []:
            if a not in aliases:
                fail(f"incident {inc['event']}: actor {a!r} is not a key of actor_aliases")
        sent = inc.get("sentence") or ""
        occ = [m.start() for m in re.finditer(re.escape(sent), text)] if sent else []
        if not occ:
            fail(f"incident {inc['event']}: sentence not found verbatim: {sent[:60]!r}")
        k = int(inc.get("occurrence") or 1)
        if k > len(occ):
            fail(f"incident {inc['event']}: occurrence {k} of the sentence, only {len(occ)} found")
        start = occ[k - 1]
        rec = {"type": t, "where": inc["where"], "date": inc.get("date"), "fatalities": inc.get("fatalities"),
               "event": inc["event"], "sentence": sent, "sentence_start": start, "sentence_end": start + len(sent),
               "background": bool(inc.get("background")), "actors": inc.get("actors")}
        for opt in ("fatalities_text", "plan", "note"):
            if inc.get(opt) is not None:
                rec[opt] = inc[opt]
        incidents.append(rec)

    out = {"id": draft["id"], "url": draft["url"], "outlet": draft.get("outlet"), "pair": pair,
           "published": draft["published"], "published_basis": draft.get("published_basis"),
           "query": draft.get("query"), "sha256": sha256(text), "chars": len(text), "text": text,
           "places": places, "ignore": ignore, "incidents": incidents, "borders": borders,
           "actor_aliases": aliases}
    return out


def strip_words(rec: dict) -> dict:
    """The committed form: no article text, no quoted sentences (offsets stay)."""
    out = {k: v for k, v in rec.items() if k != "text"}
    out["incidents"] = [{k: v for k, v in i.items() if k != "sentence"} for i in rec["incidents"]]
    return out


def restore_words(rec: dict, text: str) -> dict:
    """The full gold record of a committed one, given the article's text."""
    full = dict(rec, text=text)
    full["incidents"] = [dict(i, sentence=text[i["sentence_start"]:i["sentence_end"]]) for i in rec["incidents"]]
    return full


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", default=str(HERE / "texts"), help="folder with ID.txt and drafts/ID.json")
    ap.add_argument("--out", default=str(HERE / "gold.jsonl"), help="committed gold (no article words)")
    ap.add_argument("--full", help="also write the complete gold with text, for score.py")
    ap.add_argument("--cmd", default=str(HERE.parents[1] / ".venv" / "bin" / "bordermap"),
                    help="bordermap command, for border lines")
    ap.add_argument("--check", action="store_true", help="validate the drafts, write nothing")
    ap.add_argument("ids", nargs="*", help="only these drafts (default: all)")
    args = ap.parse_args(argv)
    texts = Path(args.texts)
    drafts = sorted((texts / "drafts").glob("*.json"))
    if args.ids:
        drafts = [d for d in drafts if d.stem in set(args.ids)]
    recs, bad = [], 0
    for path in drafts:
        try:
            draft = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            print(f"{path}: not JSON: {exc}", file=sys.stderr)
            bad += 1
            continue
        tpath = texts / f"{draft.get('id', path.stem)}.txt"
        if not tpath.exists():
            print(f"{path}: no text file {tpath.name}", file=sys.stderr)
            bad += 1
            continue
        try:
            recs.append(build(draft, tpath.read_text(encoding="utf-8"), args.cmd))
        except DraftError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            bad += 1
    n_inc = sum(len(r["incidents"]) for r in recs)
    print(f"{len(recs)} articles, {sum(len(r['places']) for r in recs)} place mentions, {n_inc} incidents; "
          f"{bad} drafts with problems", file=sys.stderr)
    if args.check or bad and not recs:
        return 1 if bad else 0
    if not args.ids:
        with open(args.out, "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(strip_words(r), ensure_ascii=False) + "\n")
    if args.full:
        with open(args.full, "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
