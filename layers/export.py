"""Write layers to GIS files, chosen by the output's extension, always atomically.

Formats (by the extension of the output path):

``.geojson`` / ``.json``
    RFC 7946: ``[lon, lat]`` in WGS84, no ``crs`` member, at most 7 decimals, polygons
    wound by the right-hand rule (exterior counter-clockwise), lines and polygons that
    cross the antimeridian split in two, a ``bbox`` for the collection and for every
    feature that is not a point. List columns are JSON arrays, dates ISO strings,
    integers integers. One feature a line, so files diff well.
``.gpkg``
    GeoPackage 1.3 (readable by GDAL 3.6, QGIS 3.x and ArcGIS), EPSG:4326, one table a
    layer; ``event_date`` a DATE field, counts Integer fields (NULL when unknown), list
    columns joined with ``|``.
``.csv``
    For incidents, ACLED's column names where a column means the same
    (:data:`ACLED_COLUMNS`), then bordermap's own (:data:`BORDERMAP_CSV_COLUMNS`); other
    layers: ``latitude``/``longitude`` for points, else a ``wkt`` column. UTF-8, ``\\n``
    line ends, list columns joined with ``|``, text cells that a spreadsheet would run as
    a formula prefixed with ``'``.
``.kml``
    KML 2.2 for Google Earth: a Style per incident category (icon colour and scale), a
    Folder per category, placemarks with a name, an HTML description (sentence and
    sources, escaped), a TimeStamp when dated (``YYYY-MM`` for month precision) and every
    column as ExtendedData.
``.parquet``
    GeoParquet (WKB geometry, lists as list columns, dates as date32) for large corpora;
    needs pyarrow.

The same layer gives the same bytes (GeoJSON, CSV, KML; GeoPackage and Parquet hold the
same values). Every write goes to a temporary file beside the target, renamed over it
only on success.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import Point
>>> kabul = gpd.GeoDataFrame({"name": ["Kabul"]}, geometry=[Point(69.1723, 34.5281)], crs="EPSG:4326")
>>> to_geojson(kabul)  # doctest: +NORMALIZE_WHITESPACE
'{"type":"FeatureCollection","bbox":[69.1723,34.5281,69.1723,34.5281],"features":[\\n{"type":"Feature","properties":{"name":"Kabul"},"geometry":{"type":"Point","coordinates":[69.1723,34.5281]}}\\n]}\\n'
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import html
import io
import json
import math
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.affinity
from bordermap.geo._errors import QueryError
from bordermap.geo._io import atomic_write
from shapely.geometry import (
    GeometryCollection,
    LineString,
    MultiLineString,
    MultiPolygon,
    Polygon,
    box,
)
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

__all__ = [
    "ACLED_COLUMNS",
    "BORDERMAP_CSV_COLUMNS",
    "CATEGORY_COLORS",
    "COORD_DECIMALS",
    "FORMATS",
    "GPKG_VERSION",
    "LIST_SEPARATOR",
    "check_output",
    "incidents_to_acled",
    "to_csv",
    "to_geojson",
    "to_kml",
    "write_layer",
    "write_layers",
]

#: Output extensions and the format each writes.
FORMATS = {
    ".geojson": "GeoJSON (RFC 7946)",
    ".json": "GeoJSON (RFC 7946)",
    ".gpkg": "GeoPackage 1.3",
    ".csv": "CSV (ACLED's columns for incidents; latitude/longitude or WKT otherwise)",
    ".kml": "KML 2.2 (Google Earth)",
    ".parquet": "GeoParquet",
}

#: Formats that hold several layers in one file.
MULTI_LAYER = frozenset({".gpkg"})

COORD_DECIMALS = 7  # RFC 7946 suggests no more precision than needed; 7 decimals ~ 1 cm
#: The GeoPackage version written: GDAL 3.6 (Debian 12, QGIS on it) fully supports 1.3,
#: while a newer bundled GDAL would write 1.4 by default.
GPKG_VERSION = "1.3"
#: How list columns (``docs``, ``sources``) are joined in GeoPackage and CSV cells.
LIST_SEPARATOR = "|"

#: Columns that hold whole numbers (written as integers even when some are unknown).
INT_COLUMNS = frozenset({"time_precision", "geo_precision", "geonameid", "fatalities", "sentence_start",
                         "sentence_end", "start", "end", "population", "year"})
#: Columns that hold real numbers (Real fields even when every value is unknown).
FLOAT_COLUMNS = frozenset({"confidence", "border_distance_km", "length_km", "score", "lat", "lon",
                           "offset_km", "bearing"})
#: Columns that hold ISO dates (GeoPackage DATE, Parquet date32).
DATE_COLUMNS = frozenset({"event_date"})
#: Columns that hold lists of strings.
LIST_COLUMNS = frozenset({"docs", "sources"})
_GEOMETRY_TYPES = {"incidents": "Point", "places": "Point", "borders": "MultiLineString",
                   "countries": "MultiPolygon"}

#: Incident categories and their colours (``#rrggbb``), shared by KML styles and reports.
CATEGORY_COLORS = {  # the map's palette (bordermap.maps._icons), repeated here: layers must not import maps
    "airstrike": "#d7191c", "shelling": "#f46d43", "armed_clash": "#8b1a1a", "attack": "#c2187a",
    "explosion": "#e08e0b", "ceasefire": "#1a9850", "agreement": "#00796b", "talks": "#2166ac",
    "border_closure": "#6a3d9a", "protest": "#b8860b", "arrest": "#455a64", "other": "#7f7f7f",
}
_VIOLENT = frozenset({"airstrike", "shelling", "armed_clash", "attack", "explosion"})

#: ACLED's columns, in ACLED's order, and where each comes from: an incident column, or
#: None for a value computed here (``year``, ``iso``, ``country``, ``latitude``,
#: ``longitude``, ``source``).
ACLED_COLUMNS = (
    ("event_id_cnty", "event_id"), ("event_date", "event_date"), ("year", None),
    ("time_precision", "time_precision"), ("disorder_type", "disorder_type"), ("event_type", "event_type"),
    ("sub_event_type", "sub_event_type"), ("actor1", "actor1"), ("actor2", "actor2"), ("iso", None),
    ("country", None), ("admin1", "admin1"), ("location", "location"), ("latitude", None),
    ("longitude", None), ("geo_precision", "geo_precision"), ("source", None), ("notes", "sentence"),
    ("fatalities", "fatalities"),
)
#: bordermap's own columns after ACLED's, and their incident column (``country_code`` is
#: the ISO alpha-2 ``country``). Any further incident column follows these.
BORDERMAP_CSV_COLUMNS = (
    ("category", "category"), ("country_code", "country"), ("date_text", "date_text"),
    ("fatalities_text", "fatalities_text"), ("confidence", "confidence"), ("border", "border"),
    ("border_distance_km", "border_distance_km"), ("border_side", "border_side"), ("doc", "doc"),
    ("docs", "docs"), ("sources", "sources"), ("sentence_start", "sentence_start"),
    ("sentence_end", "sentence_end"), ("geonameid", "geonameid"),
)

# ISO 3166-1 numeric codes (ACLED's ``iso``), alpha-2 -> number. From the ISO 3166-1 table
# as shipped by pycountry 26.2.16 (databases/iso3166-1.json, LGPL-2.1 package; the codes
# themselves are ISO's public identifiers). Kosovo (XK) has no ISO number and stays blank.
_ISO_NUMERIC_TABLE = (
    "AD20 AE784 AF4 AG28 AI660 AL8 AM51 AO24 AQ10 AR32 AS16 AT40 AU36 AW533 AX248 AZ31 BA70 BB52 BD50 "
    "BE56 BF854 BG100 BH48 BI108 BJ204 BL652 BM60 BN96 BO68 BQ535 BR76 BS44 BT64 BV74 BW72 BY112 BZ84 "
    "CA124 CC166 CD180 CF140 CG178 CH756 CI384 CK184 CL152 CM120 CN156 CO170 CR188 CU192 CV132 CW531 "
    "CX162 CY196 CZ203 DE276 DJ262 DK208 DM212 DO214 DZ12 EC218 EE233 EG818 EH732 ER232 ES724 ET231 "
    "FI246 FJ242 FK238 FM583 FO234 FR250 GA266 GB826 GD308 GE268 GF254 GG831 GH288 GI292 GL304 GM270 "
    "GN324 GP312 GQ226 GR300 GS239 GT320 GU316 GW624 GY328 HK344 HM334 HN340 HR191 HT332 HU348 ID360 "
    "IE372 IL376 IM833 IN356 IO86 IQ368 IR364 IS352 IT380 JE832 JM388 JO400 JP392 KE404 KG417 KH116 "
    "KI296 KM174 KN659 KP408 KR410 KW414 KY136 KZ398 LA418 LB422 LC662 LI438 LK144 LR430 LS426 LT440 "
    "LU442 LV428 LY434 MA504 MC492 MD498 ME499 MF663 MG450 MH584 MK807 ML466 MM104 MN496 MO446 MP580 "
    "MQ474 MR478 MS500 MT470 MU480 MV462 MW454 MX484 MY458 MZ508 NA516 NC540 NE562 NF574 NG566 NI558 "
    "NL528 NO578 NP524 NR520 NU570 NZ554 OM512 PA591 PE604 PF258 PG598 PH608 PK586 PL616 PM666 PN612 "
    "PR630 PS275 PT620 PW585 PY600 QA634 RE638 RO642 RS688 RU643 RW646 SA682 SB90 SC690 SD729 SE752 "
    "SG702 SH654 SI705 SJ744 SK703 SL694 SM674 SN686 SO706 SR740 SS728 ST678 SV222 SX534 SY760 SZ748 "
    "TC796 TD148 TF260 TG768 TH764 TJ762 TK772 TL626 TM795 TN788 TO776 TR792 TT780 TV798 TW158 TZ834 "
    "UA804 UG800 UM581 US840 UY858 UZ860 VA336 VC670 VE862 VG92 VI850 VN704 VU548 WF876 WS882 YE887 "
    "YT175 ZA710 ZM894 ZW716"
)
ISO_NUMERIC = {item[:2]: int(item[2:]) for item in _ISO_NUMERIC_TABLE.split()}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# ------------------------------------------------------------------------------ checks


def _check_extension(path: str | os.PathLike) -> str:
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        msg = (f"Cannot tell the format of {str(path)!r} from its extension {ext or '(none)'!r}; "
               f"use one of {', '.join(sorted(FORMATS))}.")
        raise QueryError(msg)
    return ext


def check_output(path: str | os.PathLike, *, layer: str = "incidents") -> str:
    """Validate an output path before any work is done; returns its extension.

    Parameters
    ----------
    path
        The output file; its extension names the format (:data:`FORMATS`).
    layer
        The layer asked for; ``"all"`` needs a format that holds several layers (``.gpkg``).

    Raises
    ------
    bordermap.geo.QueryError
        For an unknown extension, several layers asked of a single-layer format, or a
        folder that does not exist.

    Examples
    --------
    >>> check_output("incidents.kml")
    '.kml'
    >>> check_output("incidents.shp")
    Traceback (most recent call last):
    ...
    bordermap.geo._errors.QueryError: Cannot tell the format of 'incidents.shp' from its extension '.shp'; use one of .csv, .geojson, .gpkg, .json, .kml, .parquet.
    """
    ext = _check_extension(path)
    if layer == "all" and ext not in MULTI_LAYER:
        msg = f"--layer all writes several layers, which only GeoPackage holds; give OUT as .gpkg, not {ext!r}."
        raise QueryError(msg)
    parent = Path(path).resolve().parent
    if not parent.is_dir():
        msg = f"Cannot write {str(path)!r}: folder {str(parent)!r} does not exist."
        raise QueryError(msg)
    return ext


def _prepare(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """`gdf` in EPSG:4326 (reprojected if needed); a layer without a CRS is refused."""
    if gdf.crs is None:
        if len(gdf) == 0:
            return gdf.set_crs(4326)
        msg = ("Cannot export a layer without a CRS: its coordinates could be anything. "
               "Set one first, e.g. gdf.set_crs('EPSG:4326') for longitude/latitude.")
        raise QueryError(msg)
    if gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    return gdf


# ------------------------------------------------------------------------------ writing


def write_layers(layers: dict[str, gpd.GeoDataFrame], path: str | os.PathLike) -> Path:
    """Write one layer (any format) or several (GeoPackage) atomically.

    Parameters
    ----------
    layers
        Layer name -> GeoDataFrame, e.g. ``{"incidents": ..., "places": ..., "borders": ...,
        "countries": ...}``; written in this order.
    path
        The output file; several layers need ``.gpkg``.
    """
    ext = _check_extension(path)
    if len(layers) == 1:
        (name, gdf), = layers.items()
        return write_layer(gdf, path, layer=name)
    if ext not in MULTI_LAYER:
        msg = f"{len(layers)} layers need a GeoPackage (.gpkg) output, not {ext!r}."
        raise QueryError(msg)
    prepared = {name: _prepare(gdf) for name, gdf in layers.items()}
    target = Path(path)
    with _atomic_path(target) as tmp:
        for name, gdf in prepared.items():
            _write_gpkg(gdf, tmp, layer=name)
    return target


def write_layer(gdf: gpd.GeoDataFrame, path: str | os.PathLike, *, layer: str = "layer") -> Path:
    """Write `gdf` to `path` in the format its extension names; nothing half-written on failure.

    Parameters
    ----------
    gdf
        The layer (any CRS; written as EPSG:4326).
    path
        ``.geojson``/``.json``, ``.gpkg``, ``.csv``, ``.kml`` or ``.parquet``.
    layer
        The layer's name: the table in a GeoPackage, the document name in KML. A layer
        named ``incidents`` (or with ``event_id`` and ``category`` columns) is written
        with ACLED's columns to CSV and styled by category in KML.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    ext = _check_extension(path)
    gdf = _prepare(gdf)
    target = Path(path)
    if ext in (".geojson", ".json"):
        data = to_geojson(gdf).encode("utf-8")
        _write_bytes(target, data)
    elif ext == ".csv":
        data = to_csv(gdf, layer=layer).encode("utf-8")
        _write_bytes(target, data)
    elif ext == ".kml":
        data = to_kml(gdf, layer=layer)
        _write_bytes(target, data)
    elif ext == ".gpkg":
        with _atomic_path(target) as tmp:
            _write_gpkg(gdf, tmp, layer=layer)
    else:  # .parquet
        frame = _typed_frame(gdf, lists="keep")
        with _atomic_path(target) as tmp:
            frame.to_parquet(tmp, index=False, compression="zstd")
    return target


def _write_bytes(target: Path, data: bytes) -> None:
    with atomic_write(target, "wb") as f:
        f.write(data)


@contextlib.contextmanager
def _atomic_path(target: Path) -> Iterator[Path]:
    """A fresh temporary path beside `target` (same suffix), renamed over it on success.

    For writers that take a path rather than a file object (GDAL, Arrow).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    tmp = tmpdir / target.name
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        for leftover in tmpdir.iterdir():
            with contextlib.suppress(OSError):
                leftover.unlink()
        with contextlib.suppress(OSError):
            tmpdir.rmdir()


def _write_gpkg(gdf: gpd.GeoDataFrame, path: Path, *, layer: str) -> None:
    frame = _typed_frame(gdf, lists="join")
    first = not path.exists()
    kwargs: dict[str, Any] = {}
    if first:
        kwargs["dataset_options"] = {"VERSION": GPKG_VERSION}
    if len(frame) == 0 or frame.geometry.isna().all():
        kwargs["geometry_type"] = _GEOMETRY_TYPES.get(layer, "Unknown")
    else:
        # lines and polygons always as Multi*, so a layer's schema does not depend on its data
        types = set(frame.geom_type.dropna())
        if types <= {"LineString", "MultiLineString"}:
            kwargs["geometry_type"] = "MultiLineString"
        elif types <= {"Polygon", "MultiPolygon"}:
            kwargs["geometry_type"] = "MultiPolygon"
        if kwargs.get("geometry_type", "").startswith("Multi"):
            frame = frame.set_geometry(frame.geometry.apply(_to_multi))
    frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio", use_arrow=True,
                  layer_options={"SPATIAL_INDEX": "YES"}, **kwargs)


def _to_multi(geom: BaseGeometry | None) -> BaseGeometry | None:
    if isinstance(geom, LineString):
        return MultiLineString([geom])
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    return geom


# ------------------------------------------------------------------------------ values


def _is_missing(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, (float, np.floating)):
        return math.isnan(v)
    return False


def _py(v: Any) -> Any:
    """A plain Python value (JSON-ready) for a cell: None, bool, int, float, str or list."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return [_py(x) for x in v]
    if _is_missing(v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v)
    if isinstance(v, pd.Timestamp):
        v = v.to_pydatetime()
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0) and v.tzinfo is None:
            return v.date().isoformat()
        return v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        return v
    return str(v)


def _cell(column: str, v: Any) -> Any:
    """`_py` plus the column's type: integers stay integers (not 12.0)."""
    v = _py(v)
    if column in INT_COLUMNS and isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _columns(gdf: gpd.GeoDataFrame) -> list[str]:
    return [c for c in gdf.columns if c != gdf.geometry.name]


def _records(gdf: gpd.GeoDataFrame) -> Iterator[dict[str, Any]]:
    cols = _columns(gdf)
    for values in zip(*(gdf[c].tolist() for c in cols), strict=True) if cols else ({} for _ in range(len(gdf))):
        yield {c: _cell(c, v) for c, v in zip(cols, values, strict=True)}


def _typed_frame(gdf: gpd.GeoDataFrame, *, lists: str) -> gpd.GeoDataFrame:
    """The layer with one explicit type per column, for GeoPackage and Parquet.

    Integers become nullable Int32/Int64 (Integer fields, NULL when unknown), ISO date
    columns date32 (DATE fields), lists joined with :data:`LIST_SEPARATOR`
    (``lists="join"``) or kept (``"keep"``), everything else str or float.
    """
    import pyarrow as pa

    data: dict[str, Any] = {}
    for col in _columns(gdf):
        values = [_cell(col, v) for v in gdf[col].tolist()]
        present = [v for v in values if v is not None]
        if col in LIST_COLUMNS or (present and all(isinstance(v, list) for v in present)):
            if lists == "keep":
                # plain lists: Arrow infers list<string>, and the pandas metadata stays readable
                data[col] = pd.Series([None if v is None else [str(x) for x in v] for v in values], dtype=object)
            else:
                data[col] = pd.Series([_join(v) for v in values], dtype="string")
        elif col in DATE_COLUMNS and all(isinstance(v, str) and _ISO_DATE.fullmatch(v) for v in present):
            dates = [None if v is None else dt.date.fromisoformat(v) for v in values]
            # GDAL takes Arrow's date32 as a DATE field; Parquet infers date32 from date objects
            data[col] = pd.Series(dates, dtype=pd.ArrowDtype(pa.date32()) if lists == "join" else object)
        elif present and all(isinstance(v, bool) for v in present):
            data[col] = pd.Series(values, dtype="boolean")
        elif (col in INT_COLUMNS and all(isinstance(v, int) for v in present)) or (
                present and all(isinstance(v, int) and not isinstance(v, bool) for v in present)):
            small = all(-2**31 < v < 2**31 for v in present)
            data[col] = pd.Series(values, dtype="Int32" if small else "Int64")
        elif (col in FLOAT_COLUMNS or present) and all(isinstance(v, (int, float)) for v in present):
            data[col] = pd.Series([None if v is None else float(v) for v in values], dtype="Float64")
        else:
            data[col] = pd.Series([None if v is None else _text(v) for v in values], dtype="string")
    return gpd.GeoDataFrame(data, geometry=gdf.geometry.reset_index(drop=True), crs=gdf.crs)


def _join(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, list):
        return LIST_SEPARATOR.join("" if x is None else str(x) for x in v) if v else None
    return str(v)


def _text(v: Any) -> str:
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return str(v)


def _num(x: float, decimals: int = COORD_DECIMALS) -> str:
    """A plain decimal number, at most `decimals` decimals, no exponent, no trailing zeros."""
    s = f"{round(float(x), decimals):.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


# ------------------------------------------------------------------------------ GeoJSON


def to_geojson(gdf: gpd.GeoDataFrame) -> str:
    """An RFC 7946 FeatureCollection, one feature a line, ending in a newline.

    EPSG:4326 ``[lon, lat]``, no ``crs`` member, at most :data:`COORD_DECIMALS`
    decimals, polygons counter-clockwise (exterior) by the right-hand rule, geometries
    crossing the antimeridian split, ``bbox`` on the collection and on each non-point
    feature. Column order and row order are kept, so the same layer gives the same text.
    """
    gdf = _prepare(gdf)
    features, bounds = [], []
    for props, geom in zip(_records(gdf), gdf.geometry, strict=True):
        feat: dict[str, Any] = {"type": "Feature"}
        g = _rfc7946_geometry(geom)
        if g is not None and g.geom_type not in ("Point", "MultiPoint"):
            feat["bbox"] = [_round(v) for v in g.bounds]
        feat["properties"] = props
        feat["geometry"] = _geometry_json(g)
        if g is not None:
            bounds.append(g.bounds)
        features.append(json.dumps(feat, ensure_ascii=False, separators=(",", ":"), allow_nan=False))
    head: dict[str, Any] = {"type": "FeatureCollection"}
    if bounds:
        b = np.array(bounds)
        head["bbox"] = [_round(b[:, 0].min()), _round(b[:, 1].min()), _round(b[:, 2].max()), _round(b[:, 3].max())]
    start = json.dumps(head, separators=(",", ":"))[:-1]
    if not features:
        return start + ',"features":[]}\n'
    return start + ',"features":[\n' + ",\n".join(features) + "\n]}\n"


def _round(v: float) -> float:
    return round(float(v), COORD_DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0


def _rfc7946_geometry(geom: BaseGeometry | None) -> BaseGeometry | None:
    """Rounded, antimeridian-split, right-hand-rule geometry (None for missing/empty)."""
    if geom is None or geom.is_empty:
        return None
    geom = split_antimeridian(geom)
    geom = shapely.transform(geom, lambda c: np.round(c, COORD_DECIMALS) + 0.0)
    return _orient(geom)


def _orient(geom: BaseGeometry) -> BaseGeometry:
    if isinstance(geom, Polygon):
        return orient(geom, 1.0)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    if isinstance(geom, GeometryCollection):
        return GeometryCollection([_orient(g) for g in geom.geoms])
    return geom


def _geometry_json(geom: BaseGeometry | None) -> dict[str, Any] | None:
    """GeoJSON geometry object with list coordinates (faster than shapely's mapping)."""
    if geom is None:
        return None
    kind = geom.geom_type
    if kind == "Point":
        return {"type": kind, "coordinates": list(geom.coords[0])}
    if kind == "LineString":
        return {"type": kind, "coordinates": shapely.get_coordinates(geom).tolist()}
    if kind == "Polygon":
        return {"type": kind, "coordinates": _rings(geom)}
    if kind == "MultiPoint":
        return {"type": kind, "coordinates": shapely.get_coordinates(geom).tolist()}
    if kind == "MultiLineString":
        return {"type": kind, "coordinates": [shapely.get_coordinates(g).tolist() for g in geom.geoms]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [_rings(g) for g in geom.geoms]}
    return {"type": "GeometryCollection", "geometries": [_geometry_json(g) for g in geom.geoms]}


def _rings(poly: Polygon) -> list[list[list[float]]]:
    return [shapely.get_coordinates(r).tolist() for r in (poly.exterior, *poly.interiors)]


def split_antimeridian(geom: BaseGeometry) -> BaseGeometry:
    """Split lines and polygons that cross the 180th meridian (RFC 7946 section 3.1.9).

    A segment whose ends differ by more than 180 degrees of longitude is taken to go the
    short way round, across the antimeridian; the geometry is cut there into parts that
    each lie within [-180, 180].

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> split_antimeridian(LineString([(170, -16), (-170, -18)])).wkt
    'MULTILINESTRING ((170 -16, 180 -17), (-180 -17, -170 -18))'
    """
    if geom.is_empty or geom.bounds[2] - geom.bounds[0] <= 180:
        return geom  # no segment can span more than 180 degrees of longitude
    if isinstance(geom, (GeometryCollection, MultiLineString, MultiPolygon)):
        parts = [split_antimeridian(g) for g in geom.geoms]
        if all(p is g for p, g in zip(parts, geom.geoms, strict=True)):
            return geom
        return _collect(parts, type(geom))
    if isinstance(geom, LineString):
        rings = [np.asarray(geom.coords)]
    elif isinstance(geom, Polygon):
        rings = [np.asarray(geom.exterior.coords)] + [np.asarray(r.coords) for r in geom.interiors]
    else:
        return geom
    if not any(len(r) > 1 and (np.abs(np.diff(r[:, 0])) > 180).any() for r in rings):
        return geom
    unwrapped = [_unwrap(r) for r in rings]
    shifted = LineString(unwrapped[0]) if isinstance(geom, LineString) else Polygon(unwrapped[0], unwrapped[1:])
    pieces = []
    for k in (-1, 0, 1):
        part = shifted.intersection(box(-180 + 360 * k, -90, 180 + 360 * k, 90))
        if not part.is_empty:
            pieces.append(shapely.affinity.translate(part, xoff=-360 * k))
    return _collect(pieces, MultiLineString if isinstance(geom, LineString) else MultiPolygon)


def _unwrap(coords: np.ndarray) -> np.ndarray:
    out = coords.copy()
    d = np.diff(coords[:, 0])
    d = (d + 180.0) % 360.0 - 180.0
    out[1:, 0] = coords[0, 0] + np.cumsum(d)
    return out


def _collect(parts: list[BaseGeometry], kind: type) -> BaseGeometry:
    flat: list[BaseGeometry] = []
    for p in parts:
        flat.extend(p.geoms if hasattr(p, "geoms") else [p])
    if kind is MultiLineString:
        lines = [g for g in flat if isinstance(g, LineString) and not g.is_empty]
        return MultiLineString(lines) if len(lines) != 1 else lines[0]
    if kind is MultiPolygon:
        polys = [g for g in flat if isinstance(g, Polygon) and not g.is_empty]
        return MultiPolygon(polys) if len(polys) != 1 else polys[0]
    return GeometryCollection(flat)


# ------------------------------------------------------------------------------ CSV


def _is_incidents(gdf: gpd.GeoDataFrame, layer: str) -> bool:
    return layer == "incidents" or {"event_id", "category"} <= set(gdf.columns)


def to_csv(gdf: gpd.GeoDataFrame, *, layer: str = "layer") -> str:
    """The layer as CSV text (see the module docstring for the columns)."""
    gdf = _prepare(gdf)
    if _is_incidents(gdf, layer):
        header, rows = incidents_to_acled(gdf)
    else:
        header, rows = _plain_rows(gdf)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_text(v) for v in row])
    return buf.getvalue()


def _csv_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _num(v, 10)
    if isinstance(v, list):
        v = _join(v) or ""
    s = str(v)
    # a cell starting with = + - @ runs as a formula in spreadsheets: article text is untrusted
    return "'" + s if s.startswith(_FORMULA_START) else s


class _Num(float):
    """A coordinate: written with at most COORD_DECIMALS decimals."""


def incidents_to_acled(gdf: gpd.GeoDataFrame) -> tuple[list[str], list[list[Any]]]:
    """Incident rows under ACLED's column names, then bordermap's (header, rows).

    ``iso`` is the ISO 3166-1 numeric code and ``country`` the country's name (both of
    ``border_side`` for an incident coded to several countries, when known; else the names
    joined with ``|`` and no ``iso``). ``source`` joins the incident's sources with
    ``"; "`` as ACLED does; ``notes`` is the source sentence.
    """
    gdf = _prepare(gdf)
    cols = _columns(gdf)
    used = {src for _, src in ACLED_COLUMNS + BORDERMAP_CSV_COLUMNS if src} | {"source", "sources"}
    extra = [c for c in cols if c not in used]
    header = [name for name, _ in ACLED_COLUMNS] + [name for name, _ in BORDERMAP_CSV_COLUMNS] + extra
    rows = []
    for rec, geom in zip(_records(gdf), gdf.geometry, strict=True):
        point = geom if geom is not None and not geom.is_empty else None
        if point is not None and point.geom_type != "Point":
            point = point.representative_point()
        date = rec.get("event_date")
        codes = [c for c in str(rec.get("country") or "").split("|") if c]
        if len(codes) > 1 and rec.get("border_side") in codes:
            codes = [rec["border_side"]]
        sources = rec.get("sources") or ([rec["source"]] if rec.get("source") else [])
        computed = {
            "year": int(date[:4]) if isinstance(date, str) and _ISO_DATE.match(date) else None,
            "iso": ISO_NUMERIC.get(codes[0]) if len(codes) == 1 else None,
            "country": LIST_SEPARATOR.join(_country_name(c) for c in codes) or None,
            "latitude": None if point is None else _Num(point.y),
            "longitude": None if point is None else _Num(point.x),
            "source": "; ".join(str(s) for s in sources) or None,
        }
        row = [computed[name] if src is None else rec.get(src) for name, src in ACLED_COLUMNS]
        row += [rec.get(src) for _, src in BORDERMAP_CSV_COLUMNS]
        row += [rec.get(c) for c in extra]
        rows.append([_num(v) if isinstance(v, _Num) else v for v in row])
    return header, rows


def _plain_rows(gdf: gpd.GeoDataFrame) -> tuple[list[str], list[list[Any]]]:
    cols = _columns(gdf)
    geoms = gdf.geometry
    points = len(gdf) > 0 and bool((geoms.geom_type == "Point").all())
    if points:
        header = [*cols, "latitude", "longitude"]
        if {"lat", "lon"} <= set(cols):
            header = cols
    else:
        header = [*cols, "wkt"]
    rows = []
    for rec, geom in zip(_records(gdf), geoms, strict=True):
        row = [rec[c] for c in cols]
        if header is not cols:
            if points:
                row += [_num(geom.y), _num(geom.x)]
            else:
                row.append(None if geom is None or geom.is_empty else
                           shapely.to_wkt(geom, rounding_precision=COORD_DECIMALS, trim=True))
        rows.append(row)
    return header, rows


@lru_cache(maxsize=512)
def _country_name(code: str) -> str:
    from bordermap.geo._errors import BordermapError
    from bordermap.geo.gazetteer import get_gazetteer

    try:
        return get_gazetteer().country(code).name
    except (BordermapError, LookupError):
        return code


# ------------------------------------------------------------------------------ KML

_KML_NS = "http://www.opengis.net/kml/2.2"
_KML_ICON = "https://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"


def _kml_color(hex_rgb: str, alpha: str = "ff") -> str:
    """KML's aabbggrr from ``#rrggbb``."""
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha}{b}{g}{r}".lower()


def to_kml(gdf: gpd.GeoDataFrame, *, layer: str = "layer") -> bytes:
    """The layer as a KML 2.2 document (UTF-8 bytes).

    Incidents get a Style per category (icon colour from :data:`CATEGORY_COLORS`,
    violent categories drawn larger) and a Folder per category; every placemark has a
    name, a description in HTML (the sentence and sources, escaped), a ``TimeStamp`` when
    dated (``YYYY-MM`` when only the month is known) and all columns as typed
    ExtendedData (a ``Schema``, so GDAL and QGIS read integers as integers).
    Other layers are one Folder of placemarks named by their ``name`` column.
    """
    gdf = _prepare(gdf)
    ET.register_namespace("", _KML_NS)
    kml = ET.Element("kml", xmlns=_KML_NS)
    doc = ET.SubElement(kml, "Document")
    ET.SubElement(doc, "name").text = layer
    incidents = _is_incidents(gdf, layer)
    records = list(_records(gdf))
    schema_id = re.sub(r"[^A-Za-z0-9_]", "_", layer) + "_fields"
    schema = ET.SubElement(doc, "Schema", name=layer, id=schema_id)
    for col in _columns(gdf):
        ET.SubElement(schema, "SimpleField", name=col, type=_kml_type(col, [r[col] for r in records]))
    if incidents:
        present = sorted({str(r.get("category") or "other") for r in records},
                         key=lambda c: (list(CATEGORY_COLORS).index(c) if c in CATEGORY_COLORS else 99, c))
        for cat in present:
            _kml_style(doc, f"cat-{cat}", CATEGORY_COLORS.get(cat, CATEGORY_COLORS["other"]),
                       scale=1.2 if cat in _VIOLENT else 0.9)
        folders = {cat: ET.SubElement(doc, "Folder") for cat in present}
        for cat, folder in folders.items():
            ET.SubElement(folder, "name").text = cat.replace("_", " ")
    else:
        _kml_style(doc, "feature", "#3b6ea5", scale=1.0)
        folders = {"": ET.SubElement(doc, "Folder")}
        ET.SubElement(folders[""], "name").text = layer
    for rec, geom in zip(records, gdf.geometry, strict=True):
        cat = str(rec.get("category") or "other") if incidents else ""
        pm = ET.SubElement(folders[cat], "Placemark")
        if incidents:
            pm.set("id", f"incident-{rec.get('event_id')}")
        ET.SubElement(pm, "name").text = _kml_name(rec, incidents)
        ET.SubElement(pm, "description").text = _kml_description(rec, incidents)
        when = _kml_when(rec) if incidents else None
        if when:
            ET.SubElement(ET.SubElement(pm, "TimeStamp"), "when").text = when
        ET.SubElement(pm, "styleUrl").text = f"#cat-{cat}" if incidents else "#feature"
        data = ET.SubElement(ET.SubElement(pm, "ExtendedData"), "SchemaData", schemaUrl=f"#{schema_id}")
        for key, value in rec.items():
            if value is not None and value != []:
                ET.SubElement(data, "SimpleData", name=key).text = _kml_value(value)
        _kml_geometry(pm, _rfc7946_geometry(geom))
    ET.indent(kml, space=" ")
    return ET.tostring(kml, encoding="utf-8", xml_declaration=True) + b"\n"


def _kml_type(column: str, values: list[Any]) -> str:
    """The KML SimpleField type of a column: int, double, bool or string."""
    present = [v for v in values if v is not None]
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present)
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present) and (column in INT_COLUMNS or present):
        return "int"
    if numbers and (column in FLOAT_COLUMNS or present):
        return "double"
    if present and all(isinstance(v, bool) for v in present):
        return "bool"
    return "string"


def _kml_style(doc: ET.Element, sid: str, color: str, *, scale: float) -> None:
    style = ET.SubElement(doc, "Style", id=sid)
    icon = ET.SubElement(style, "IconStyle")
    ET.SubElement(icon, "color").text = _kml_color(color)
    ET.SubElement(icon, "scale").text = f"{scale:g}"
    ET.SubElement(ET.SubElement(icon, "Icon"), "href").text = _KML_ICON
    ET.SubElement(ET.SubElement(style, "LabelStyle"), "scale").text = "0.8"
    line = ET.SubElement(style, "LineStyle")
    ET.SubElement(line, "color").text = _kml_color(color)
    ET.SubElement(line, "width").text = "2"
    poly = ET.SubElement(style, "PolyStyle")
    ET.SubElement(poly, "color").text = _kml_color(color, "40")


def _kml_name(rec: dict[str, Any], incidents: bool) -> str:
    if incidents:
        cat = str(rec.get("category") or "incident").replace("_", " ")
        where = rec.get("location") or rec.get("border") or ""
        date = rec.get("event_date") or ""
        return " ".join(x for x in (f"{cat}:" if where or date else cat, where, date and f"({date})") if x)
    for key in ("name", "surface", "location", "iso_a2"):
        if rec.get(key):
            return str(rec[key])
    return ""


def _kml_description(rec: dict[str, Any], incidents: bool) -> str:
    """HTML for Google Earth's balloon; every value escaped (the XML writer escapes it again)."""
    esc = html.escape
    parts = []
    if incidents:
        facts = [("Date", rec.get("date_text") and f"{rec.get('event_date') or 'unknown'} ({rec['date_text']})"
                  or rec.get("event_date")),
                 ("Event", " / ".join(str(x) for x in (rec.get("event_type"), rec.get("sub_event_type")) if x)),
                 ("Actors", " vs ".join(str(x) for x in (rec.get("actor1"), rec.get("actor2")) if x)),
                 ("Fatalities", rec.get("fatalities")), ("Border", rec.get("border"))]
        if rec.get("sentence"):
            parts.append(f"<p><i>{esc(str(rec['sentence']))}</i></p>")
        parts.append("<table>" + "".join(f"<tr><th align=\"left\">{esc(k)}</th><td>{esc(str(v))}</td></tr>"
                                        for k, v in facts if v not in (None, "")) + "</table>")
        sources = rec.get("sources") or ([rec["source"]] if rec.get("source") else [])
        if sources:
            items = "".join(f"<li>{_link(str(s))}</li>" for s in sources)
            parts.append(f"<p>Sources:</p><ul>{items}</ul>")
    else:
        parts.append("<table>" + "".join(f"<tr><th align=\"left\">{esc(k)}</th><td>{esc(_kml_value(v))}</td></tr>"
                                        for k, v in rec.items() if v not in (None, "", [])) + "</table>")
    return "".join(parts)


def _link(s: str) -> str:
    if re.match(r"https?://", s):
        return f'<a href="{html.escape(s, quote=True)}">{html.escape(s)}</a>'
    return html.escape(s)


def _kml_when(rec: dict[str, Any]) -> str | None:
    date = rec.get("event_date")
    if not (isinstance(date, str) and _ISO_DATE.fullmatch(date)):
        return None
    return date[:7] if rec.get("time_precision") == 3 else date


def _kml_value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return _join(v) or ""
    if isinstance(v, float):
        return _num(v, 10)
    return str(v)


def _kml_coords(coords: Any) -> str:
    """``lon,lat lon,lat ...`` of coordinates already rounded to COORD_DECIMALS."""
    xy = np.asarray(coords, dtype=float)[:, :2]
    tiny = (np.abs(xy) < 1e-4) & (xy != 0)
    if tiny.any():  # repr would use an exponent
        return " ".join(f"{_num(x)},{_num(y)}" for x, y in xy.tolist())
    return " ".join(f"{x!r},{y!r}" for x, y in xy.tolist())


def _kml_geometry(parent: ET.Element, geom: BaseGeometry | None) -> None:
    if geom is None:
        return
    kind = geom.geom_type
    if kind == "Point":
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _kml_coords(geom.coords)
    elif kind == "LineString":
        line = ET.SubElement(parent, "LineString")
        ET.SubElement(line, "tessellate").text = "1"
        ET.SubElement(line, "coordinates").text = _kml_coords(geom.coords)
    elif kind == "Polygon":
        poly = ET.SubElement(parent, "Polygon")
        ET.SubElement(poly, "tessellate").text = "1"
        rings: list[tuple[str, Any]] = [("outerBoundaryIs", geom.exterior)]
        rings += [("innerBoundaryIs", r) for r in geom.interiors]
        for tag, ring in rings:
            ET.SubElement(ET.SubElement(ET.SubElement(poly, tag), "LinearRing"), "coordinates").text = \
                _kml_coords(ring.coords)
    else:  # Multi* and collections
        multi = ET.SubElement(parent, "MultiGeometry")
        for g in geom.geoms:
            _kml_geometry(multi, g)

