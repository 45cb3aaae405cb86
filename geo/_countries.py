"""Which country a point lies in, from the embedded country polygons (shapely only)."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache

from bordermap.geo._errors import DataFileError

__all__ = ["country_at"]


@lru_cache(maxsize=1)
def _index():  # -> tuple[STRtree, list[str]] | None
    from shapely import STRtree
    from shapely.geometry import shape

    from bordermap.data import get_path

    try:
        path = get_path("countries.geojson.gz")
    except FileNotFoundError:
        return None
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            fc = json.load(f)
        geoms, codes = [], []
        for feat in fc["features"]:
            geoms.append(shape(feat["geometry"]))
            codes.append(feat["properties"]["iso_a2"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        msg = f"Country polygons {str(path)!r} are corrupted ({exc}); reinstall bordermap."
        raise DataFileError(msg) from None
    return STRtree(geoms), geoms, codes


def country_at(lon: float, lat: float) -> str | None:
    """ISO alpha-2 code of the country containing ``(lon, lat)``, or None (sea, no data).

    Note the GeoJSON/shapely axis order: longitude first.
    """
    from shapely.geometry import Point

    idx = _index()
    if idx is None:
        return None
    tree, geoms, codes = idx
    pt = Point(lon, lat)
    for i in sorted(tree.query(pt, predicate="intersects")):
        return codes[i]
    return None
