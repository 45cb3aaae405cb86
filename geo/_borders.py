"""Shared land borders for the geo stage, read with shapely only (no geopandas)."""

from __future__ import annotations

import gzip
import json
import zlib
from dataclasses import dataclass
from functools import lru_cache

from bordermap.geo._errors import DataFileError

__all__ = ["Border", "all_borders", "border_between", "borders_of", "point_on_border"]


@dataclass(frozen=True, slots=True)
class Border:
    """The shared land border of two countries (codes sorted)."""

    a: str
    b: str
    name: str
    length_km: float
    line: object  # shapely LineString / MultiLineString, (lon, lat)


@lru_cache(maxsize=1)
def _borders() -> dict[tuple[str, str], Border]:
    from shapely.geometry import shape

    from bordermap.data import get_path

    try:
        path = get_path("borders.geojson.gz")
    except FileNotFoundError as exc:
        raise DataFileError(str(exc)) from None
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            fc = json.load(f)
        out = {}
        for feat in fc["features"]:
            p = feat["properties"]
            a, b = sorted((p["a"], p["b"]))
            out[(a, b)] = Border(a, b, p["name"], float(p["length_km"]), shape(feat["geometry"]))
        if not out:
            raise ValueError("no border features")
    except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError, AttributeError) as exc:
        msg = (f"Embedded data file {str(path)!r} is corrupt ({type(exc).__name__}: {exc}); "
               "reinstall bordermap or rebuild it with `python data/build_boundaries.py`.")
        raise DataFileError(msg) from None
    return out


def all_borders() -> list[Border]:
    """Every shared land border, sorted by the two country codes."""
    return [b for _, b in sorted(_borders().items())]


def border_between(a: str, b: str) -> Border | None:
    """The shared border of countries `a` and `b` (ISO alpha-2), or None."""
    key = tuple(sorted((a.upper(), b.upper())))
    return _borders().get(key)  # type: ignore[arg-type]


def borders_of(code: str) -> list[Border]:
    """Every land border of one country."""
    cc = code.upper()
    return [v for k, v in sorted(_borders().items()) if cc in k]


def point_on_border(border: Border, near: tuple[float, float] | None = None) -> tuple[float, float]:
    """A point on the border line as ``(lat, lon)``: the one nearest `near` ``(lat, lon)``,
    or the line's midpoint when nothing is near."""
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    line = border.line
    if near is None:
        if line.geom_type == "MultiLineString":
            line = max(line.geoms, key=lambda g: g.length)
        p = line.interpolate(0.5, normalized=True)
    else:
        p = nearest_points(line, Point(near[1], near[0]))[0]
    return p.y, p.x
