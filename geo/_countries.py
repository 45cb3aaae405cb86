"""The embedded country polygons, loaded fast and shared by every stage (shapely only).

``countries.geojson.gz`` is 38 MB of GeoJSON: parsing it feature by feature with
``json`` and ``shapely.geometry.shape`` takes seconds. GEOS parses the whole collection
in one call instead, and the small ``properties`` objects are read on their own, so
``country_at`` and :func:`bordermap.layers.countries` start about three times faster.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from functools import lru_cache

from bordermap.geo._errors import DataFileError

__all__ = ["country_at", "country_properties", "country_geometries"]

# data/build_boundaries.py writes compact JSON: "properties":{...} with flat values
_PROPS = re.compile(rb'"properties":(\{[^{}]*\})')


def _corrupt(path: object, exc: Exception) -> DataFileError:
    return DataFileError(f"Country polygons {str(path)!r} are corrupted ({type(exc).__name__}: {exc}); "
                         "reinstall bordermap or rebuild them with `python data/build_boundaries.py`.")


@lru_cache(maxsize=1)
def _raw() -> tuple[str, bytes]:
    from bordermap.data import get_path

    try:
        path = get_path("countries.geojson.gz")
    except FileNotFoundError as exc:
        raise DataFileError(str(exc)) from None
    try:
        with gzip.open(path, "rb") as f:
            return str(path), f.read()
    except (OSError, EOFError, zlib.error) as exc:
        raise _corrupt(path, exc) from None


@lru_cache(maxsize=1)
def country_properties() -> tuple[dict, ...]:
    """Each country's properties (``iso_a2``, ``iso_a3``, ``name``), in file order."""
    path, raw = _raw()
    try:
        props = tuple(json.loads(m) for m in _PROPS.findall(raw))
        if not props or any("iso_a2" not in p for p in props):
            raise ValueError("no country properties with 'iso_a2'")
    except ValueError as exc:
        raise _corrupt(path, exc) from None
    return props


@lru_cache(maxsize=1)
def country_geometries() -> tuple:
    """Each country's (Multi)Polygon, in the same order as :func:`country_properties`."""
    import shapely

    path, raw = _raw()
    try:
        geoms = tuple(shapely.from_geojson(raw).geoms)
    except (shapely.errors.GEOSException, ValueError, AttributeError) as exc:
        raise _corrupt(path, exc) from None
    if len(geoms) != len(country_properties()):
        raise _corrupt(path, ValueError(f"{len(geoms)} geometries for {len(country_properties())} countries"))
    return geoms


@lru_cache(maxsize=1)
def _index():
    from shapely import STRtree, prepare

    geoms = country_geometries()
    for g in geoms:
        prepare(g)
    return STRtree(geoms), geoms, [p["iso_a2"] for p in country_properties()]


def country_at(lon: float, lat: float) -> str | None:
    """ISO alpha-2 code of the country containing ``(lon, lat)``, or None (sea, no data).

    Note the GeoJSON/shapely axis order: longitude first. Raises DataFileError when
    the polygons are missing or corrupt.

    >>> country_at(69.17, 34.53)
    'AF'
    """
    from shapely.geometry import Point

    tree, _, codes = _index()
    hits = tree.query(Point(lon, lat), predicate="intersects")
    return codes[int(min(hits))] if len(hits) else None
