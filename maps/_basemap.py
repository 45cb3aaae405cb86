"""The offline basemap: country shapes light enough to embed in every map.

The embedded country polygons hold about 1.8 million vertices - far too many for a web
page, and GEOS's topology-preserving simplifier needs minutes for them. The basemap
only has to show where things are, so this module simplifies each ring on its own
(Douglas-Peucker, vectorised over all rings at once: well under a second): in the
*focus* area around the incidents the rings keep more detail (``FINE``), elsewhere they
are coarse and small islands are left out (``COARSE``). Each country keeps at least its
largest part. Rings are drawn, not analysed, so validity after simplification does not
matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

__all__ = ["Detail", "FINE", "COARSE", "country_features", "label_point"]


@dataclass(frozen=True, slots=True)
class Detail:
    """Douglas-Peucker tolerance, smallest ring area kept (both in degrees) and decimals."""

    tolerance: float
    min_area: float
    digits: int


FINE = Detail(tolerance=0.01, min_area=0.0005, digits=3)
COARSE = Detail(tolerance=0.08, min_area=0.15, digits=2)
#: Holes (lakes, enclaves) smaller than this (degrees squared) are filled.
MIN_HOLE_AREA = 0.1
#: The focus area reaches this far (degrees) beyond the incidents' bounding box.
FOCUS_MARGIN = 12.0


@dataclass(frozen=True)
class _Rings:
    """Every ring of a set of country geometries, as flat arrays."""

    country: np.ndarray  # index of the country (row) of each ring
    part: np.ndarray  # global index of the polygon part of each ring
    exterior: np.ndarray  # True for a part's shell
    area: np.ndarray  # area enclosed by the ring (degrees squared)
    bounds: np.ndarray  # (n, 4) xmin, ymin, xmax, ymax
    lines: np.ndarray  # the rings as LineStrings (simplifying a line never raises)
    largest: np.ndarray  # True for the shell of each country's largest part


def _rings(geoms: np.ndarray) -> _Rings:
    parts, country = shapely.get_parts(geoms, return_index=True)
    rings, part = shapely.get_rings(parts, return_index=True)
    exterior = np.r_[True, part[1:] != part[:-1]] if len(part) else np.zeros(0, bool)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    lines = shapely.linestrings(coords, indices=ring_of) if len(coords) else np.empty(0, object)
    area = shapely.area(shapely.polygons(rings))
    ring_country = country[part]
    largest = np.zeros(len(rings), bool)
    shell = np.flatnonzero(exterior)
    if len(shell):
        order = np.lexsort((-area[shell], ring_country[shell]))  # by country, biggest first
        first = np.r_[True, ring_country[shell][order][1:] != ring_country[shell][order][:-1]]
        largest[shell[order][first]] = True
    return _Rings(ring_country, part, exterior, area, shapely.bounds(rings), lines, largest)


def label_point(geom: object) -> list[float] | None:
    """``[lat, lon]`` of a label inside the largest part of a (multi)polygon."""
    if geom is None or shapely.is_empty(geom):
        return None
    parts = shapely.get_parts(geom)
    biggest = parts[int(np.argmax(shapely.area(parts)))]
    p = shapely.point_on_surface(biggest)
    return [round(float(p.y), 3), round(float(p.x), 3)]  # Leaflet takes (lat, lon)


def country_features(countries: gpd.GeoDataFrame, *, focus_bounds: Sequence[float] | None,
                     focus_codes: Sequence[str] = ()) -> list[dict]:
    """GeoJSON features of the basemap: properties ``n`` (name), ``c`` (ISO alpha-2),
    ``f`` (a focus country) and ``lp`` (label point).

    `focus_bounds` is ``(west, south, east, north)`` of the incidents; rings touching it,
    widened by :data:`FOCUS_MARGIN`, get :data:`FINE` detail, the others :data:`COARSE`.
    """
    return _features(_prepared(countries), focus_bounds, frozenset(focus_codes))


@dataclass(frozen=True)
class _Prepared:
    names: list[str]
    codes: list[str]
    label_points: list[list[float] | None]
    rings: _Rings


def _prepared(countries: gpd.GeoDataFrame) -> _Prepared:
    key = id(countries)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is countries:
        return cached[1]
    geoms = countries.geometry.to_numpy()
    names = [str(v) if isinstance(v, str) else "" for v in
             (countries["name"] if "name" in countries else [""] * len(countries))]
    codes = [str(v).upper() if isinstance(v, str) else "" for v in
             (countries["iso_a2"] if "iso_a2" in countries else [""] * len(countries))]
    prep = _Prepared(names, codes, [label_point(g) for g in geoms], _rings(geoms))
    _CACHE.clear()  # keep one: the embedded countries, or the frame a caller passes again
    _CACHE[key] = (countries, prep)
    return prep


_CACHE: dict[int, tuple[gpd.GeoDataFrame, _Prepared]] = {}


def _features(prep: _Prepared, focus_bounds: Sequence[float] | None, focus_codes: frozenset[str]) -> list[dict]:
    r = prep.rings
    if focus_bounds is not None:
        w, s, e, n = focus_bounds
        m = FOCUS_MARGIN
        fine = ((r.bounds[:, 2] >= w - m) & (r.bounds[:, 0] <= e + m)
                & (r.bounds[:, 3] >= s - m) & (r.bounds[:, 1] <= n + m))
    else:
        fine = np.zeros(len(r.area), bool)
    keep = np.where(fine, r.area >= FINE.min_area, r.area >= COARSE.min_area) | r.largest
    keep &= r.exterior | (r.area >= MIN_HOLE_AREA)  # small lakes would only speckle the land
    # A hole is kept only with its shell: drop rings whose part lost its shell.
    shell_kept = np.zeros(int(r.part.max()) + 1 if len(r.part) else 0, bool)
    shell_kept[r.part[r.exterior & keep]] = True
    keep &= shell_kept[r.part]

    coords: dict[int, list] = {}
    for detail, mask in ((FINE, keep & fine), (COARSE, keep & ~fine)):
        idx = np.flatnonzero(mask)
        if not len(idx):
            continue
        simple = shapely.simplify(r.lines[idx], detail.tolerance, preserve_topology=False)
        pts, which = shapely.get_coordinates(simple, return_index=True)
        pts = np.round(pts, detail.digits)
        splits = np.flatnonzero(np.diff(which)) + 1
        for i, ring in zip(idx[np.unique(which)], np.split(pts, splits), strict=True):
            if len(ring) >= 4 or (r.largest[i] and len(ring) >= 3):
                coords[int(i)] = ring.tolist()
        for i in idx[r.largest[idx]]:  # never lose a country: fall back to its bounding box
            if int(i) not in coords:
                x0, y0, x1, y1 = np.round(r.bounds[i], detail.digits).tolist()
                coords[int(i)] = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]

    polygons: dict[int, dict[int, list]] = {}  # country -> part -> rings (shell first)
    for i in sorted(coords):
        if r.exterior[i] or int(r.part[i]) in polygons.get(int(r.country[i]), {}):
            polygons.setdefault(int(r.country[i]), {}).setdefault(int(r.part[i]), []).append(coords[i])
    feats = []
    for c, parts in sorted(polygons.items()):
        feats.append({"type": "Feature",
                      "properties": {"n": prep.names[c], "c": prep.codes[c], "f": prep.codes[c] in focus_codes,
                                     "lp": prep.label_points[c]},
                      "geometry": {"type": "MultiPolygon", "coordinates": list(parts.values())}})
    return feats
