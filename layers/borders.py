"""Country polygons and shared land borders as GeoDataFrames (EPSG:4326).

The data come from ``bordermap.data`` (``countries.geojson.gz`` and
``borders.geojson.gz``, built by ``data/build_boundaries.py`` from OpenStreetMap-derived
polygons, (c) OpenStreetMap contributors, ODbL 1.0). Files are read once per process
and cached; the functions return copies, so callers may modify what they get.

Examples
--------
>>> from bordermap.layers import shared_borders
>>> afpk = shared_borders(["af", "pk"])
>>> afpk.loc[0, "countries"]
'AF|PK'
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable
from typing import Literal

import geopandas as gpd
import pandas as pd
from pyproj import Geod
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from bordermap.geo._errors import QueryError, UnknownCountryError

__all__ = [
    "border_between",
    "countries",
    "country_codes",
    "crossings",
    "distance_to_border_km",
    "shared_borders",
]

CRS = "EPSG:4326"
COUNTRY_COLUMNS = ["iso_a2", "iso_a3", "name", "geometry"]
BORDER_COLUMNS = ["name", "a", "b", "countries", "length_km", "geometry"]
_GEOD = Geod(ellps="WGS84")


@functools.cache
def _countries() -> gpd.GeoDataFrame:
    # the geo stage's fast loader: GEOS parses the whole collection in one call
    from bordermap.geo._countries import country_geometries, country_properties

    props = country_properties()
    frame = gpd.GeoDataFrame([{k: p.get(k) for k in COUNTRY_COLUMNS[:-1]} for p in props],
                             columns=COUNTRY_COLUMNS[:-1], geometry=list(country_geometries()), crs=CRS)
    return frame.sort_values("iso_a2", kind="stable").reset_index(drop=True)


@functools.cache
def _country_table() -> pd.DataFrame:
    """Codes and names only, for validating codes without parsing the polygons."""
    from bordermap.geo._countries import country_properties

    return pd.DataFrame([{k: p.get(k) for k in COUNTRY_COLUMNS[:-1]} for p in country_properties()])


@functools.cache
def _borders() -> gpd.GeoDataFrame:
    # the geo stage reads and checks the file; this is its table as a GeoDataFrame
    from bordermap.geo._borders import all_borders

    rows = [{"name": b.name, "a": b.a, "b": b.b, "countries": f"{b.a}|{b.b}", "length_km": float(b.length_km),
             "geometry": b.line} for b in all_borders()]
    return gpd.GeoDataFrame(rows, columns=BORDER_COLUMNS, geometry="geometry", crs=CRS)


@functools.cache
def _border_index() -> dict[tuple[str, str], BaseGeometry]:
    b = _borders()
    return {(a, c): g for a, c, g in zip(b["a"], b["b"], b.geometry, strict=True)}


def clear_cache() -> None:
    """Forget the cached data files (for tests, or after rebuilding the data)."""
    from bordermap.geo import _countries as geo_countries

    from bordermap.geo import _borders as geo_borders

    geo_borders._borders.cache_clear()
    for fn in (_countries, _country_table, _borders, _border_index, _crossings, geo_countries._raw,
               geo_countries.country_properties, geo_countries.country_geometries, geo_countries._index):
        fn.cache_clear()


def country_codes() -> list[str]:
    """ISO 3166-1 alpha-2 codes of every country shape bordermap knows, sorted.

    Returns
    -------
    list of str
        Upper-case codes such as ``"AF"``; Kosovo is ``"XK"``.
    """
    return sorted(_country_table()["iso_a2"])


def _normalise(codes: Iterable[str] | str) -> list[str]:
    if isinstance(codes, str):
        codes = [codes]
    known = set(_country_table()["iso_a2"])
    out: list[str] = []
    for code in codes:
        if not isinstance(code, str):
            msg = f"Country codes must be strings, got {code!r}."
            raise UnknownCountryError(msg)
        cc = code.strip().upper()
        if cc not in known:
            raise UnknownCountryError(_unknown_message(code, known))
        if cc not in out:
            out.append(cc)
    return out


def _unknown_message(code: str, known: set[str]) -> str:
    frame = _country_table()
    needle = code.strip().lower()
    by_a3 = frame.loc[frame["iso_a3"].str.lower() == needle, "iso_a2"].tolist()
    by_name = frame.loc[frame["name"].str.lower() == needle, "iso_a2"].tolist()
    names = dict(zip(frame["name"].str.lower(), frame["iso_a2"], strict=True))
    close = (
        by_a3
        or by_name
        or [names[n] for n in difflib.get_close_matches(needle, list(names), n=3, cutoff=0.75)]
        or difflib.get_close_matches(code.strip().upper(), sorted(known), n=3, cutoff=0.5)
    )
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    return (
        f"Unknown country code {code!r}: use an ISO 3166-1 alpha-2 code such as 'AF' or 'PK' "
        f"(see bordermap.layers.country_codes()).{hint}"
    )


def countries(codes: Iterable[str] | None = None) -> gpd.GeoDataFrame:
    """Country polygons.

    Parameters
    ----------
    codes
        ISO 3166-1 alpha-2 codes (any case) to keep, in the order given;
        ``None`` returns every country, sorted by code.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``iso_a2``, ``iso_a3``, ``name``, ``geometry`` ((Multi)Polygon),
        CRS EPSG:4326 (longitude, latitude).

    Raises
    ------
    UnknownCountryError
        If a code is not a known alpha-2 code.
    DataFileError
        If the embedded file is missing or corrupt.

    Examples
    --------
    >>> countries(["af"]).loc[0, "name"]
    'Afghanistan'
    """
    frame = _countries()
    if codes is None:
        return frame.copy()
    wanted = _normalise(codes)
    out = frame.set_index("iso_a2", drop=False).loc[wanted].reset_index(drop=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=CRS)


def shared_borders(
    codes: Iterable[str] | None = None,
    *,
    mode: Literal["among", "touching"] = "among",
) -> gpd.GeoDataFrame:
    """Shared land borders, one line per pair of neighbouring countries.

    Parameters
    ----------
    codes
        ISO 3166-1 alpha-2 codes (any case). ``None`` returns every border.
    mode
        ``"among"`` (default): borders whose both countries are in `codes`
        (``["AF", "PK", "IR"]`` gives AF|IR, AF|PK and IR|PK); needs at least two codes.
        ``"touching"``: every border of any country in `codes`.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``name`` (``"Afghanistan–Pakistan border"``), ``a``, ``b`` (alpha-2,
        ``a < b``), ``countries`` (``"AF|PK"``), ``length_km`` (geodesic, WGS84) and
        ``geometry`` ((Multi)LineString, the exact shared edge of both countries'
        polygons; parts are separated where rivers or lakes form the border), sorted
        by ``countries``; CRS EPSG:4326. May be empty when the countries share no border.

    Raises
    ------
    UnknownCountryError
        If a code is not a known alpha-2 code.
    QueryError
        If `mode` is unknown, or ``"among"`` gets fewer than two distinct codes.
    DataFileError
        If an embedded file is missing or corrupt.

    Examples
    --------
    >>> shared_borders(["AF", "PK", "IR"])["countries"].tolist()
    ['AF|IR', 'AF|PK', 'IR|PK']
    """
    if mode not in ("among", "touching"):
        msg = f"Unknown mode {mode!r}; use 'among' or 'touching'."
        raise QueryError(msg)
    frame = _borders()
    if codes is None:
        return frame.copy()
    wanted = _normalise(codes)
    if mode == "among":
        if len(wanted) < 2:
            msg = (
                f"Shared borders 'among' countries need at least two distinct codes, got "
                f"{wanted!r}; add a neighbour (e.g. ['AF', 'PK']) or use mode='touching'."
            )
            raise QueryError(msg)
        mask = frame["a"].isin(wanted) & frame["b"].isin(wanted)
    else:
        mask = frame["a"].isin(wanted) | frame["b"].isin(wanted)
    out = frame.loc[mask].reset_index(drop=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=CRS)


def border_between(a: str, b: str) -> BaseGeometry | None:
    """The shared land border of two countries.

    Parameters
    ----------
    a, b
        ISO 3166-1 alpha-2 codes, any case and order.

    Returns
    -------
    shapely.geometry.base.BaseGeometry or None
        The (Multi)LineString in longitude/latitude, or ``None`` when the two
        countries share no land border (or ``a == b``).

    Raises
    ------
    UnknownCountryError
        If a code is not a known alpha-2 code.

    Examples
    --------
    >>> border_between("pk", "af").geom_type in ("LineString", "MultiLineString")
    True
    """
    x = _normalise([a])[0]
    y = _normalise([b])[0]
    return _border_index().get((min(x, y), max(x, y)))


def distance_to_border_km(lon: float, lat: float, a: str, b: str) -> float | None:
    """Geodesic distance in km from a point to the shared border of two countries.

    The nearest point is found in degrees and the distance to it measured on the
    WGS84 ellipsoid, which is accurate to a few per cent near the border and is
    meant for "about 12 km from the border" statements.

    Parameters
    ----------
    lon, lat
        The point, in degrees (longitude first).
    a, b
        ISO 3166-1 alpha-2 codes.

    Returns
    -------
    float or None
        Kilometres, or ``None`` when the two countries share no border.

    Examples
    --------
    >>> distance_to_border_km(71.09, 34.11, "AF", "PK") < 2  # Torkham
    True
    """
    line = border_between(a, b)
    if line is None:
        return None
    point = Point(float(lon), float(lat))
    near = nearest_points(line, point)[0]
    _, _, metres = _GEOD.inv(point.x, point.y, near.x, near.y)
    return float(metres) / 1000.0



@functools.cache
def _crossings() -> gpd.GeoDataFrame:
    from bordermap.geo.gazetteer import get_gazetteer

    found = get_gazetteer().by_feature(["PSTB"])
    rows = [{"name": p.name, "country": p.country, "admin1": p.admin1, "geonameid": p.geonameid,
             "source": p.source} for p in found]
    return gpd.GeoDataFrame(rows, columns=["name", "country", "admin1", "geonameid", "source"],
                            geometry=gpd.points_from_xy([p.lon for p in found], [p.lat for p in found]),
                            crs=CRS)  # points_from_xy takes (x=lon, y=lat)


def crossings(codes: Iterable[str] | None = None) -> gpd.GeoDataFrame:
    """Border crossings (gazetteer entries with GeoNames feature ``PSTB``) as points.

    Parameters
    ----------
    codes
        Keep crossings on a border of these countries (ISO alpha-2, any case);
        ``None`` returns every crossing.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``name``, ``country`` (``"AF|PK"`` for the two sides, or one code),
        ``admin1``, ``geonameid``, ``source`` and ``geometry``; EPSG:4326.

    Examples
    --------
    >>> "Torkham" in set(crossings(["AF"])["name"])
    True
    """
    frame = _crossings()
    if codes is None:
        return frame.copy()
    wanted = set(_normalise(codes))
    keep = frame["country"].map(lambda c: bool(set(str(c).split("|")) & wanted))
    return frame[keep].reset_index(drop=True)
