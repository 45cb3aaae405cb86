"""Incidents and places as GeoDataFrames (EPSG:4326), with border enrichment."""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
from shapely.geometry import Point

from bordermap.geo.events import Incident
from bordermap.geo.extract import Mention
from bordermap.geo.gazetteer import haversine_km
from bordermap.geo.records import PLACE_FIELDS, mention_record

__all__ = ["incidents_to_gdf", "places_to_gdf", "enrich_with_borders", "INCIDENT_COLUMNS"]

#: Incident columns in order (DESIGN.md's incident schema, then bordermap's extras).
INCIDENT_COLUMNS = ("event_id", "doc", "docs", "source", "sources", "event_date", "time_precision",
                    "date_text", "category", "disorder_type", "event_type", "sub_event_type", "actor1",
                    "actor2", "location", "country", "admin1", "geo_precision", "geonameid", "fatalities",
                    "fatalities_text", "sentence", "sentence_start", "sentence_end", "confidence", "border",
                    "border_distance_km", "border_side")


_INT_COLUMNS = ("time_precision", "geo_precision", "geonameid", "fatalities", "sentence_start", "sentence_end")


def incidents_to_gdf(incidents: Iterable[Incident], *, enrich: bool = True) -> gpd.GeoDataFrame:
    """Incidents as Points with DESIGN.md's properties, sorted by date then id.

    Parameters
    ----------
    incidents
        From :func:`bordermap.geo.events.extract_incidents` / ``merge_incidents``.
    enrich
        Add the nearest shared border's name, the distance to it and the side
        (:func:`enrich_with_borders`).
    """
    rows, geoms = [], []
    for inc in incidents:
        if inc.lat is None or inc.lon is None:
            continue
        props = inc.to_properties()
        props["border_side"] = None
        rows.append({k: props.get(k) for k in INCIDENT_COLUMNS})
        geoms.append(Point(inc.lon, inc.lat))  # shapely takes (x=lon, y=lat)
    gdf = gpd.GeoDataFrame(rows, columns=list(INCIDENT_COLUMNS), geometry=geoms, crs="EPSG:4326")
    for col in _INT_COLUMNS:  # counts stay integers even with gaps (pandas' nullable Int64)
        gdf[col] = gdf[col].astype("Int64")
    if len(gdf):
        gdf = gdf.sort_values(["event_date", "event_id"], na_position="last", kind="stable").reset_index(drop=True)
    if enrich and len(gdf):
        gdf = enrich_with_borders(gdf)
    return gdf


def places_to_gdf(mentions: Iterable[Mention]) -> gpd.GeoDataFrame:
    """Resolved mentions as Points with the ``places`` command's fields."""
    rows, geoms = [], []
    for m in mentions:
        if m.lat is None:
            continue
        rec = mention_record(m)
        rec["countries"] = "|".join(rec["countries"] or []) or None
        rows.append(rec)
        geoms.append(Point(m.lon, m.lat))
    return gpd.GeoDataFrame(rows, columns=list(PLACE_FIELDS), geometry=geoms, crs="EPSG:4326")


def enrich_with_borders(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Fill ``border``, ``border_distance_km`` (great-circle, km) and ``border_side``.

    The side is the country whose polygon holds the point; the border considered is
    the nearest shared border of that country (or, for an incident on a border line,
    that line). Points at sea or without data keep None.
    """
    from shapely.ops import nearest_points

    from bordermap.geo._borders import borders_of
    from bordermap.geo._countries import country_at
    from bordermap.geo._errors import DataFileError

    gdf = gdf.copy()
    for i, geom in enumerate(gdf.geometry):
        lon, lat = geom.x, geom.y
        try:
            side = country_at(lon, lat)
            codes = [side] if side else []
            if gdf.at[i, "border"] and not side:
                codes = [c for c in str(gdf.at[i, "country"] or "").split("|") if c]
            best = None
            for cc in codes:
                for b in borders_of(cc):
                    p = nearest_points(b.line, geom)[0]
                    d = haversine_km(lat, lon, p.y, p.x)
                    if best is None or d < best[0]:
                        best = (d, b.name)
        except DataFileError:
            break
        gdf.at[i, "border_side"] = side
        if best is not None:
            gdf.at[i, "border"] = best[1]
            gdf.at[i, "border_distance_km"] = round(best[0], 2)
    return gdf
