"""Data of the map's layers, as the browser gets them: compact rows and GeoJSON.

These helpers turn GeoDataFrames into what :mod:`bordermap.maps._elements` embeds -
the incident rows with their string table, popup labels, the legend and time-filter
figures, border lines with labels, crossings and places. :func:`bordermap.maps.render.build_map`
calls them; they hold no folium objects.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from bordermap.geo._errors import BordermapError, InputError
from bordermap.maps._basemap import country_features
from bordermap.maps._icons import CATEGORY_STYLES, category_style, category_svg, crossing_svg

__all__ = ["ATTRIBUTION", "bounds", "check_layer", "country_codes", "country_data", "border_data",
           "crossing_rows", "crossings_frame", "incident_payload", "legend_data", "place_rows", "subtitle",
           "time_data"]

#: Attribution of the embedded data, shown on the map.
ATTRIBUTION = {
    "boundaries": 'Boundaries &copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
                  "contributors (ODbL)",
    "places": 'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)',
}
#: Crossings farther than this from every incident and place are left out (km).
CROSSING_RADIUS_KM = 250.0
#: At most this many place names are written on the map (the most mentioned ones).
MAX_PLACE_LABELS = 30
_TIME_PRECISION = {1: "day", 2: "week", 3: "month"}
_GEO_PRECISION = {2: "near this place", 3: "approximate: centre of the region or country"}
_COUNTRY_LEVEL = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "PCLH", "TERR", "CONT", "RGN", "ZN", "ADMD"}


# ============================================================================ validation


def check_layer(gdf: Any, name: str, *, points: bool) -> gpd.GeoDataFrame:
    """`gdf` in EPSG:4326, rows without geometry dropped; points as asked."""
    if not isinstance(gdf, gpd.GeoDataFrame):
        msg = f"{name} must be a geopandas GeoDataFrame, got {type(gdf).__name__}; build one with " \
              "bordermap.layers.incidents (incidents_to_gdf, places_to_gdf)."
        raise InputError(msg)
    if gdf.empty:
        return gdf
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    gdf = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]
    if points and len(gdf):
        kinds = set(gdf.geom_type)
        if kinds - {"Point"}:
            if kinds - {"Point", "MultiPoint", "Polygon", "MultiPolygon"}:
                msg = f"{name} must hold Point geometries, got {sorted(kinds)!r}."
                raise InputError(msg)
            gdf = gdf.set_geometry(gdf.geometry.representative_point())
    return gdf


def _value(v: Any) -> Any:
    """None for missing values (None, NaN, pandas NA, empty text)."""
    if v is None:
        return None
    if isinstance(v, str):
        return v.strip() or None
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if isinstance(v, (int, list, tuple, np.ndarray)):
        return v
    try:
        if np.ndim(v) == 0 and bool(np.isnan(v)):
            return None
    except (TypeError, ValueError):
        pass
    if type(v).__name__ in ("NAType", "NaTType"):
        return None
    return v


def _text(v: Any) -> str | None:
    if isinstance(v, str):  # the common case, first
        return v.strip() or None
    v = _value(v)
    return None if v is None else str(v)


def _int(v: Any) -> int | None:
    v = _value(v)
    try:
        return None if v is None else int(v)
    except (TypeError, ValueError):
        return None


def _list(v: Any) -> list[str]:
    if isinstance(v, (list, tuple, np.ndarray)):
        return [s for s in (_text(x) for x in v) if s]
    s = _text(v)
    return [s] if s else []


def _codes(v: Any) -> list[str]:
    s = _text(v)
    return [c.strip().upper() for c in s.replace(",", "|").split("|") if c.strip()] if s else []


def country_codes(inc: gpd.GeoDataFrame, places: gpd.GeoDataFrame | None) -> list[str]:
    """ISO alpha-2 codes of the incidents' and places' countries, most frequent first."""
    counts: Counter[str] = Counter()
    for frame in (inc, places):
        if frame is None or frame.empty:
            continue
        for col in ("country", "countries"):
            if col in frame:
                for v, n in frame[col].value_counts(dropna=True).items():
                    for c in _codes(v):
                        counts[c] += int(n)
    return [c for c, _ in counts.most_common() if len(c) == 2 and c.isalpha()]


# ============================================================================ incidents and popups


class _Strings:
    """A table of distinct strings; rows refer to them by index (a compact page)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.items: list[str] = []

    def __call__(self, s: str | None) -> int | None:
        if s is None:
            return None
        i = self.index.get(s)
        if i is None:
            i = self.index[s] = len(self.items)
            self.items.append(s)
        return i


def _day_range(event_date: Any, precision: int | None) -> tuple[int | None, int | None]:
    """First and last day (days since 1970-01-01) the date may mean, after its precision."""
    s = _text(event_date)
    if not s:
        return None, None
    try:
        d = dt.date.fromisoformat(s[:10]) if len(s) >= 10 else dt.date.fromisoformat(s[:7] + "-01")
    except ValueError:
        return None, None
    if precision == 3 or len(s) == 7:
        first = d.replace(day=1)
        last = d.replace(day=calendar.monthrange(d.year, d.month)[1])
    elif precision == 2:
        first, last = d - dt.timedelta(days=3), d + dt.timedelta(days=3)
    else:
        first = last = d
    epoch = dt.date(1970, 1, 1)
    return (first - epoch).days, (last - epoch).days


def _date_label(event_date: Any, precision: int | None, date_text: Any) -> str | None:
    """ "2025-10 (month) — “earlier this month”"; None when there is no date at all."""
    s, words = _text(event_date), _text(date_text)
    if not s:
        return f"unknown (\u201c{words}\u201d)" if words else None
    unit = _TIME_PRECISION.get(precision or 1, "day")
    shown = s[:7] if unit == "month" else s[:10]
    label = f"{shown} ({unit})"
    return f"{label} \u2014 \u201c{words}\u201d" if words else label


def _place_label(row: dict) -> str | None:
    loc, admin1, country = _text(row.get("location")), _text(row.get("admin1")), _text(row.get("country"))
    parts = [p for p in (loc, admin1 if admin1 != loc else None) if p]
    label = ", ".join(parts)
    if country:
        label = f"{label} ({country})" if label else country
    note = _GEO_PRECISION.get(_int(row.get("geo_precision")) or 1)
    if label and note:
        label += f" \u2014 {note}"
    return label or None


def _border_label(row: dict) -> str | None:
    border, km = _text(row.get("border")), _value(row.get("border_distance_km"))
    if not border:
        return None
    side = _text(row.get("border_side"))
    where = f"{float(km):,.0f} km from the {border}" if km is not None else f"near the {border}"
    return where + (f" ({side} side)" if side else "")


def _type_label(row: dict) -> str | None:
    parts = [_text(row.get("event_type")), _text(row.get("sub_event_type"))]
    parts = [p for i, p in enumerate(parts) if p and p not in parts[:i]]
    return " \u203a ".join(parts) or None


def _actors_label(row: dict) -> str | None:
    actors = [a for a in (_text(row.get("actor1")), _text(row.get("actor2"))) if a]
    return "; ".join(dict.fromkeys(actors)) or None


_PAYLOAD_COLUMNS = ("event_date", "time_precision", "date_text", "event_type", "sub_event_type", "location",
                    "admin1", "country", "geo_precision", "fatalities", "fatalities_text", "actor1", "actor2",
                    "sentence", "sources", "source", "docs", "border", "border_distance_km", "border_side")


def _records(frame: gpd.GeoDataFrame, columns: Sequence[str]) -> list[dict]:
    """Rows of `frame` as dicts of the `columns` it has (faster than ``to_dict`` on all)."""
    have = [c for c in columns if c in frame]
    lists = [frame[c].tolist() for c in have]
    return [dict(zip(have, values, strict=True)) for values in zip(*lists, strict=True)] if have \
        else [{} for _ in range(len(frame))]


def incident_payload(inc: gpd.GeoDataFrame) -> dict:
    """The incidents as the browser gets them: category styles, a string table and rows.

    Each row is ``[lat, lon, category, first day, last day, date, type, place,
    fatalities, fatality words, actors, sentence, [sources], border, number of
    articles]``; texts are indices into ``s``, missing values ``null``.
    """
    strings = _Strings()
    order = {k: i for i, k in enumerate(CATEGORY_STYLES)}
    keys = [category_style(_text(c)).key for c in inc["category"]] if "category" in inc else ["other"] * len(inc)
    present = sorted(set(keys), key=order.__getitem__)
    cat_index = {k: i for i, k in enumerate(present)}
    lat = np.round(inc.geometry.y.to_numpy(dtype=float), 5).tolist() if len(inc) else []
    lon = np.round(inc.geometry.x.to_numpy(dtype=float), 5).tolist() if len(inc) else []
    rows = []
    for i, rec in enumerate(_records(inc, _PAYLOAD_COLUMNS)):
        precision = _int(rec.get("time_precision"))
        d0, d1 = _day_range(rec.get("event_date"), precision)
        sources = _list(rec.get("sources")) or _list(rec.get("source"))
        docs = _list(rec.get("docs"))
        rows.append([
            lat[i], lon[i], cat_index[keys[i]], d0, d1,
            strings(_date_label(rec.get("event_date"), precision, rec.get("date_text"))),
            strings(_type_label(rec)), strings(_place_label(rec)),
            _int(rec.get("fatalities")), strings(_text(rec.get("fatalities_text"))),
            strings(_actors_label(rec)), strings(_text(rec.get("sentence"))),
            [strings(s) for s in dict.fromkeys(sources)], strings(_border_label(rec)), len(docs),
        ])
    counts = Counter(keys)
    cats = [{"key": k, "label": CATEGORY_STYLES[k].label, "color": CATEGORY_STYLES[k].color,
             "svg": category_svg(k), "count": counts[k]} for k in present]
    return {"cats": cats, "s": strings.items, "rows": rows}


def legend_data(payload: dict, borders: dict, crossings: list, places: list) -> dict:
    cats = [{"idx": i, "label": c["label"], "svg": category_svg(c["key"], size=18), "count": c["count"]}
            for i, c in enumerate(payload["cats"])]
    extras: list[dict] = []
    feats = borders["features"]
    if any(f["properties"]["focus"] for f in feats):
        extras.append({"kind": "border", "label": "Shared border (name, length)"})
    if any(not f["properties"]["focus"] for f in feats):
        extras.append({"kind": "border-other", "label": "Other borders of these countries"})
    if crossings:
        extras.append({"svg": crossing_svg(size=16), "label": "Border crossing"})
    if places:
        extras.append({"kind": "place", "label": "Place mentioned"})
    if len(payload["rows"]) > 1:
        extras.append({"kind": "cluster", "label": "Group of incidents (click to zoom)"})
    total = len(payload["rows"])
    return {"title": f"Incidents ({total:,})" if total else "Incidents", "cats": cats, "extras": extras}


def time_data(payload: dict) -> dict:
    starts = [r[3] for r in payload["rows"] if r[3] is not None]
    ends = [r[4] for r in payload["rows"] if r[4] is not None]
    return {"min": min(starts) if starts else None, "max": max(ends) if ends else None,
            "undated": len(payload["rows"]) - len(starts), "total": len(payload["rows"])}


def subtitle(inc: gpd.GeoDataFrame, payload: dict, places: gpd.GeoDataFrame | None) -> str:
    n = len(payload["rows"])
    parts = [f"{n:,} incident{'s' if n != 1 else ''}"]
    t = time_data(payload)
    if t["min"] is not None:
        epoch = dt.date(1970, 1, 1)
        a = (epoch + dt.timedelta(days=t["min"])).isoformat()
        b = (epoch + dt.timedelta(days=t["max"])).isoformat()
        parts.append(a if a == b else f"{a} \u2013 {b}")
    docs: set[str] = set()
    if "docs" in inc:
        for v in inc["docs"]:
            docs.update(_list(v))
    if places is not None and "doc" in places:
        docs.update(s for s in (_text(v) for v in places["doc"]) if s)
    if docs:
        parts.append(f"{len(docs):,} article{'s' if len(docs) != 1 else ''}")
    return " \u00b7 ".join(parts)


def bounds(payload: dict, places: list) -> list[list[float]] | None:
    pts = [(r[0], r[1]) for r in payload["rows"]] or [(r[0], r[1]) for r in places]
    if not pts:
        return None
    a = np.asarray(pts, dtype=float)
    (s, w), (n, e) = a.min(axis=0), a.max(axis=0)
    pad = 0.5 if (n - s) < 1 and (e - w) < 1 else 0.0  # one place: show its surroundings
    return [[float(s - pad), float(w - pad)], [float(n + pad), float(e + pad)]]


# ============================================================================ basemap and borders


def _rounded(geom: Any, digits: int) -> Any:
    return shapely.transform(geom, lambda c: np.round(c, digits))


@functools.cache
def _embedded_countries() -> gpd.GeoDataFrame:
    from bordermap.layers.borders import countries

    return countries()  # one frame per process, so the basemap's preparation is cached too


def country_data(countries: gpd.GeoDataFrame | None, codes: Sequence[str], payload: dict,
                 place_rows: list) -> dict:
    """The offline basemap's GeoJSON: finer near the incidents (or places), coarse elsewhere."""
    frame = _embedded_countries() if countries is None else check_layer(countries, "countries", points=False)
    b = bounds(payload, place_rows)
    focus = None if b is None else (b[0][1], b[0][0], b[1][1], b[1][0])  # (west, south, east, north)
    return {"type": "FeatureCollection",
            "features": country_features(frame, focus_bounds=focus, focus_codes=codes) if len(frame) else []}


@functools.cache
def _border_aliases() -> dict[frozenset[str], str]:
    """The one well-known name of a border line, e.g. {AF, PK}: "Durand Line" (gazetteer BNDL)."""
    from bordermap.geo.gazetteer import get_gazetteer

    names: dict[frozenset[str], list[str]] = {}
    for p in get_gazetteer().by_feature(["BNDL"]):
        for d in (p.denotes or "").split("|"):
            if d.startswith("border:") and "-" in d:
                names.setdefault(frozenset(d[len("border:"):].upper().split("-")), []).append(p.name)
    return {pair: ns[0] for pair, ns in names.items() if len(ns) == 1}  # several lines: none is "the" name


def _border_pair(rec: dict) -> frozenset[str]:
    codes = _codes(rec.get("countries"))
    if len(codes) < 2:
        codes = [c for c in (_text(rec.get("a")), _text(rec.get("b"))) if c]
    return frozenset(c.upper() for c in codes)


def _border_length_km(rec: dict, geom: Any) -> float:
    km = _value(rec.get("length_km"))
    if km is not None:
        return float(km)
    from pyproj import Geod

    return Geod(ellps="WGS84").geometry_length(geom) / 1000.0


def _label_point(geom: Any, avoid: np.ndarray) -> list[float]:
    """[lat, lon] on the line's longest part, near its middle but clear of the markers in
    `avoid` (``(n, 2)`` lat, lon), so the label does not hide them."""
    parts = getattr(geom, "geoms", [geom])
    longest = max(parts, key=lambda g: g.length)
    best, best_gap = None, -1.0
    for frac in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        p = longest.interpolate(frac, normalized=True)
        gap = float(np.min(np.hypot(avoid[:, 0] - p.y, avoid[:, 1] - p.x))) if len(avoid) else math.inf
        if gap >= LABEL_CLEARANCE_DEG:
            best = p
            break
        if gap > best_gap:
            best, best_gap = p, gap
    return [round(best.y, 4), round(best.x, 4)]


#: Categories that make a border "in focus" when they happen near it.
VIOLENT = frozenset({"airstrike", "shelling", "armed_clash", "attack", "explosion", "border_closure"})
#: A border is in focus when such an incident lies this close to it (degrees, about 300 km).
FOCUS_DISTANCE_DEG = 2.7
#: Border labels keep this far (degrees) from incidents and crossings where they can.
LABEL_CLEARANCE_DEG = 1.5


def border_data(borders: gpd.GeoDataFrame | None, codes: Sequence[str], inc: gpd.GeoDataFrame,
                avoid: Sequence[Sequence[float]] = ()) -> dict:
    """Border lines with their label ("name — length km"), alias and focus.

    A border is *in focus* (drawn solid and labelled on the map; the others dashed, with
    a tooltip) when an incident is located on it (its ``location`` is the border's name),
    or when both its countries are among `codes` and a violent incident (:data:`VIOLENT`;
    any incident if there is none) lies within about 300 km of it. Labels avoid the points in `avoid` (``[lat, lon]``).
    """
    if borders is None:
        from bordermap.layers.borders import country_codes, shared_borders

        known = set(country_codes())
        wanted = [c for c in codes if c in known]
        borders = shared_borders(wanted, mode="touching") if wanted else None
    if borders is None or borders.empty:
        return {"type": "FeatureCollection", "features": []}
    borders = check_layer(borders, "borders", points=False)
    # An incident *located* on a border names it ("Afghanistan–Pakistan border"); the
    # ``border`` column is only the nearest border, which every incident has.
    named = {s for s in (_text(v) for v in inc["location"]) if s} if "location" in inc else set()
    cats = [category_style(_text(c)).key for c in inc["category"]] if "category" in inc else []
    violent = inc[[c in VIOLENT for c in cats]] if any(c in VIOLENT for c in cats) else inc
    # Points 0.1 degree apart are as good as all of them, and far fewer.
    near = shapely.points(np.unique(np.round(shapely.get_coordinates(violent.geometry.to_numpy()), 1), axis=0))
    incident_pts = zip(inc.geometry.y.tolist(), inc.geometry.x.tolist(), strict=True)
    avoid_pts = np.asarray([*(list(a) for a in avoid), *incident_pts], dtype=float).reshape(-1, 2)
    focus_codes = set(codes)
    try:
        aliases = _border_aliases()
    except BordermapError:
        aliases = {}
    feats = []
    for rec, geom in zip(borders.drop(columns=borders.geometry.name).to_dict("records"), borders.geometry,
                         strict=True):
        pair = _border_pair(rec)
        name = _text(rec.get("name")) or "\u2013".join(sorted(pair)) + " border"
        focus = name in named or (len(pair) == 2 and pair <= focus_codes and len(near) > 0
                                  and bool(shapely.dwithin(geom, near, FOCUS_DISTANCE_DEG).any()))
        label = f"{name} \u2014 {_border_length_km(rec, geom):,.0f} km"
        simple = _rounded(shapely.simplify(geom, 0.002), 4)
        feats.append({"type": "Feature",
                      "properties": {"label": label, "alias": aliases.get(pair), "focus": bool(focus),
                                     "lp": _label_point(geom, avoid_pts) if focus else None},
                      "geometry": shapely.geometry.mapping(simple)})
    feats.sort(key=lambda f: f["properties"]["focus"])  # focus lines drawn last, on top
    return {"type": "FeatureCollection", "features": feats}


# ============================================================================ crossings and places


@functools.cache
def crossings_frame() -> gpd.GeoDataFrame:
    from bordermap.layers.borders import crossings

    return crossings()


def _haversine_min_km(lat: float, lon: float, pts: np.ndarray) -> float:
    la1, lo1 = math.radians(lat), math.radians(lon)
    la2, lo2 = np.radians(pts[:, 0]), np.radians(pts[:, 1])
    h = np.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return float(2 * 6371.0088 * np.arcsin(np.sqrt(h.min())))


def crossing_rows(crossings: gpd.GeoDataFrame | None, inc: gpd.GeoDataFrame,
                   places: gpd.GeoDataFrame | None) -> list[list]:
    """[lat, lon, name, detail, labelled] of the crossings to draw."""
    auto = crossings is None
    frame = crossings_frame() if auto else check_layer(crossings, "crossings", points=True)
    if frame.empty:
        return []
    if auto:
        pts = [np.column_stack([inc.geometry.y, inc.geometry.x])] if len(inc) else []
        if places is not None and len(places):
            keep = places
            if "feature" in places:
                keep = places[~places["feature"].isin(_COUNTRY_LEVEL)]
            if len(keep):
                pts.append(np.column_stack([keep.geometry.y, keep.geometry.x]))
        if not pts:
            return []
        near = np.unique(np.round(np.concatenate(pts), 2), axis=0)
        frame = frame[[_haversine_min_km(g.y, g.x, near) <= CROSSING_RADIUS_KM for g in frame.geometry]]
    rows = []
    for rec, geom in zip(frame.drop(columns=frame.geometry.name).to_dict("records"), frame.geometry,
                         strict=True):
        name = _text(rec.get("name")) or "Border crossing"
        codes = _codes(rec.get("country"))
        detail = "Border crossing" + (" (" + "\u2013".join(codes) + ")" if codes else "")
        rows.append([round(geom.y, 5), round(geom.x, 5), name, detail, len(frame) <= 12])
    return rows


def place_rows(places: gpd.GeoDataFrame | None) -> list[list]:
    """[lat, lon, name, detail, labelled] per distinct place (country-level names left out)."""
    if places is None or places.empty:
        return []
    frame = places
    if "kind" in frame:
        frame = frame[frame["kind"].isna() | (frame["kind"] == "toponym")]
    if "feature" in frame:
        frame = frame[~frame["feature"].isin(_COUNTRY_LEVEL)]
    groups: dict[tuple, dict] = {}
    for rec, geom in zip(frame.drop(columns=frame.geometry.name).to_dict("records"), frame.geometry,
                         strict=True):
        name = _text(rec.get("name")) or _text(rec.get("surface"))
        if not name:
            continue
        key = (name, round(geom.y, 3), round(geom.x, 3))
        g = groups.setdefault(key, {"n": 0, "docs": set(), "country": _text(rec.get("country")),
                                    "admin1": _text(rec.get("admin1"))})
        g["n"] += 1
        if _text(rec.get("doc")):
            g["docs"].add(_text(rec.get("doc")))
    ranked = sorted(groups.items(), key=lambda kv: (-kv[1]["n"], kv[0][0]))
    rows = []
    for rank, ((name, lat, lon), g) in enumerate(ranked):
        where = ", ".join(p for p in (g["admin1"] if g["admin1"] != name else None, g["country"]) if p)
        times = f"mentioned {g['n']}\u00d7" + (f" in {len(g['docs'])} article{'s' if len(g['docs']) != 1 else ''}"
                                               if g["docs"] else "")
        rows.append([lat, lon, name, f"{where} \u00b7 {times}" if where else times, rank < MAX_PLACE_LABELS])
    return rows
