"""GIS exports read back the way analysts read them: GDAL's ogrinfo (Debian's 3.6) and geopandas.

Every format carries the Kabul incident at Point(69.1723, 34.5281) - longitude first -
so a swapped axis (lat 69, lon 34: Somalia's coast) or a lost CRS shows at once.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from bordermap.geo._errors import QueryError
from bordermap.layers import export
from bordermap.layers.export import (
    ACLED_COLUMNS,
    BORDERMAP_CSV_COLUMNS,
    check_output,
    split_antimeridian,
    to_geojson,
    write_layer,
    write_layers,
)
from bordermap.layers.incidents import INCIDENT_COLUMNS
from common import KABUL_LAT, KABUL_LON
from shapely.geometry import LineString, Point, Polygon, shape

OGRINFO = shutil.which("ogrinfo")
needs_gdal = pytest.mark.skipif(OGRINFO is None, reason="GDAL's ogrinfo (Debian gdal-bin) is not installed")
KML = "{http://www.opengis.net/kml/2.2}"


# ------------------------------------------------------------------------------ fixtures


def make_incidents() -> gpd.GeoDataFrame:
    """Four incidents: Kabul (dated, 12 dead, two sources), Torkham (border, month precision,
    fatalities unknown), Doha (no date, 0 dead), Quetta (formula-like, HTML-like text)."""
    base = dict.fromkeys(INCIDENT_COLUMNS)
    rows = [
        dict(base, event_id="BMKABUL00001", doc="a1", docs=["a1", "a2"], source="https://example.org/a?x=1&y=2",
             sources=["https://example.org/a?x=1&y=2", "seeds/b.txt"], event_date="2025-10-09", time_precision=1,
             date_text="Oct. 9", category="airstrike", disorder_type="Political violence",
             event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
             actor1="Military Forces of Pakistan", actor2="TTP", location="Kabul", country="AF", admin1="Kabul",
             geo_precision=1, geonameid=1138958, fatalities=12, fatalities_text="dozens",
             sentence='Pakistani jets struck <b>Kabul</b> & "killed" dozens.', sentence_start=10,
             sentence_end=61, confidence=0.9, border="Afghanistan–Pakistan border", border_distance_km=180.5,
             border_side="AF"),
        dict(base, event_id="BMTORKHAM002", doc="a2", docs=["a2"], source="seeds/b.txt", sources=["seeds/b.txt"],
             event_date="2025-10-15", time_precision=3, date_text="earlier this month", category="armed_clash",
             disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
             location="Torkham", country="AF|PK", geo_precision=3, fatalities=None,
             sentence="Forces clashed at Torkham.", sentence_start=0, sentence_end=26, confidence=0.5,
             border="Afghanistan–Pakistan border", border_distance_km=0.4, border_side="PK"),
        dict(base, event_id="BMDOHA000003", doc="a1", docs=["a1"], source="seeds/a.txt", sources=["seeds/a.txt"],
             category="ceasefire", disorder_type="Strategic developments", event_type="Strategic developments",
             sub_event_type="Agreement", location="Doha", country="QA", geo_precision=1, fatalities=0,
             sentence="A ceasefire was signed in Doha.", confidence=0.7),
        dict(base, event_id="BMQUETTA0004", doc="a3", docs=["a3"], source="seeds/c.txt", sources=["seeds/c.txt"],
             event_date="2025-10-20", time_precision=1, category="attack", location="Quetta", country="PK",
             geo_precision=1, fatalities=3, sentence='=HYPERLINK("http://evil") <script>alert(1)</script>',
             confidence=0.6),
    ]
    geoms = [Point(KABUL_LON, KABUL_LAT), Point(71.0906, 34.1), Point(51.53104, 25.28545), Point(66.9750, 30.1920)]
    return gpd.GeoDataFrame(rows, columns=list(INCIDENT_COLUMNS), geometry=geoms, crs="EPSG:4326")


def make_places() -> gpd.GeoDataFrame:
    rows = [{"doc": "a1", "start": 5, "end": 10, "surface": "Kabul", "name": "Kabul", "lat": KABUL_LAT,
             "lon": KABUL_LON, "kind": "toponym", "country": "AF", "geonameid": 1138958, "score": 0.93},
            {"doc": "a1", "start": 30, "end": 34, "surface": "Doha", "name": "Doha", "lat": 25.28545,
             "lon": 51.53104, "kind": "toponym", "country": "QA", "geonameid": 290030, "score": 0.88}]
    return gpd.GeoDataFrame(rows, geometry=[Point(KABUL_LON, KABUL_LAT), Point(51.53104, 25.28545)], crs=4326)


def make_borders() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["Afghanistan–Pakistan border", "Dateline test line"], "a": ["AF", "FJ"], "b": ["PK", "FJ"],
         "countries": ["AF|PK", "FJ"], "length_km": [2640.1, 210.3]},
        geometry=[LineString([(60.87, 29.86), (66.4, 31.0), (71.09, 34.1), (74.9, 37.2)]),
                  LineString([(178.5, -16.2), (-179.5, -16.9)])], crs=4326)


def make_countries() -> gpd.GeoDataFrame:
    # clockwise exterior (wrong for RFC 7946), counter-clockwise hole: the writer must flip both
    cw = Polygon([(60, 29), (60, 38), (75, 38), (75, 29), (60, 29)],
                 holes=[[(65, 32), (67, 32), (67, 34), (65, 34), (65, 32)]])
    fiji = Polygon([(177, -19), (-178, -19), (-178, -15), (177, -15), (177, -19)])  # crosses the antimeridian
    return gpd.GeoDataFrame({"iso_a2": ["XA", "FJ"], "iso_a3": ["XAA", "FJI"], "name": ["Box", "Fiji box"]},
                            geometry=[cw, fiji], crs=4326)


@pytest.fixture()
def incidents() -> gpd.GeoDataFrame:
    return make_incidents()


# ------------------------------------------------------------------------------ helpers


def ogrinfo(*args: str) -> str:
    out = subprocess.run([OGRINFO, "-ro", *args], check=False, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def summary(path: Path, *extra: str) -> dict[str, dict]:
    """ogrinfo -so -al: per layer its feature count, geometry type, EPSG and field types."""
    text = ogrinfo("-al", "-so", *extra, str(path))
    layers: dict[str, dict] = {}
    for block in text.split("Layer name: ")[1:]:
        name = block.splitlines()[0].strip()
        fields = dict(re.findall(r"^(\w+): (\w+) \(", block, re.MULTILINE))
        layers[name] = {
            "count": int(re.search(r"Feature Count: (\d+)", block).group(1)),
            "geometry": re.search(r"Geometry: (.+)", block).group(1).strip(),
            "epsg4326": 'ID["EPSG",4326]' in block,
            "fields": fields,
        }
    return layers


def features(path: Path, *extra: str, layer: str | None = None) -> list[dict[str, str]]:
    """ogrinfo -al: every feature's values as text, with its geometry under 'WKT'."""
    text = ogrinfo(*extra, str(path), layer) if layer else ogrinfo("-al", *extra, str(path))
    feats = []
    for block in re.split(r"^OGRFeature\(", text, flags=re.MULTILINE)[1:]:
        vals = dict(re.findall(r"^  (\w+) \(\w+\) = (.*)$", block, re.MULTILINE))
        geom = re.search(r"^  ((?:MULTI)?(?:POINT|LINESTRING|POLYGON) .*)$", block, re.MULTILINE)
        vals["WKT"] = geom.group(1) if geom else ""
        feats.append(vals)
    return feats


def kabul_of(feats: list[dict[str, str]], key: str = "event_id") -> dict[str, str]:
    (row,) = [f for f in feats if f.get(key) in ("BMKABUL00001", "Kabul")]
    return row


def point_xy(wkt: str) -> tuple[float, float]:
    x, y = map(float, re.search(r"POINT \(([-\d.]+) ([-\d.]+)\)", wkt).groups())
    return x, y


def rfc7946_problems(fc: dict) -> list[str]:
    """What RFC 7946 (and bordermap's export contract) would have fixed in a FeatureCollection."""
    problems = []
    if fc.get("type") != "FeatureCollection":
        problems.append("not a FeatureCollection")
    if "crs" in fc:
        problems.append("has a 'crs' member (RFC 7946 section 4 removed it)")

    def positions(coords):
        if coords and isinstance(coords[0], (int, float)):
            yield coords
        else:
            for c in coords:
                yield from positions(c)

    def ring_area(ring):  # shoelace: > 0 counter-clockwise
        return sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in itertools.pairwise(ring)) / 2

    def check_geometry(g, where):
        if g is None:
            return
        if g["type"] == "GeometryCollection":
            for i, sub in enumerate(g["geometries"]):
                check_geometry(sub, f"{where}.geometries[{i}]")
            return
        for pos in positions(g["coordinates"]):
            lon, lat = pos[0], pos[1]
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                problems.append(f"{where}: position {pos} out of range for [lon, lat]")
            for v in pos:
                if round(v, 7) != v:
                    problems.append(f"{where}: {v!r} has more than 7 decimals")
        c = g["coordinates"]
        t = g["type"]
        polys = [c] if t == "Polygon" else c if t == "MultiPolygon" else []
        lines = [c] if t == "LineString" else c if t == "MultiLineString" else [r for p in polys for r in p]
        for line in lines:
            for (x1, *_), (x2, *_) in itertools.pairwise(line):
                if abs(x2 - x1) > 180:
                    problems.append(f"{where}: segment crosses the antimeridian unsplit")
        for poly in polys:
            for k, ring in enumerate(poly):
                if ring[0] != ring[-1] or len(ring) < 4:
                    problems.append(f"{where}: ring {k} not closed")
                area = ring_area(ring)
                if (k == 0 and area < 0) or (k > 0 and area > 0):
                    problems.append(f"{where}: ring {k} breaks the right-hand rule")

    for i, feat in enumerate(fc.get("features", [])):
        if feat.get("type") != "Feature" or "properties" not in feat or "geometry" not in feat:
            problems.append(f"features[{i}]: not a Feature with properties and geometry")
            continue
        check_geometry(feat["geometry"], f"features[{i}]")
        if "bbox" in feat and feat["geometry"]:
            bb = feat["bbox"]
            got = shape(feat["geometry"]).bounds
            if any(abs(a - b) > 1e-7 for a, b in zip(bb, got, strict=True)):
                problems.append(f"features[{i}]: bbox {bb} is not the geometry's {got}")
    return problems


# ------------------------------------------------------------------------------ GeoJSON


def test_validator_finds_what_to_fix():
    bad = {"type": "FeatureCollection", "crs": {"type": "name"}, "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [34.5281, 169.1723]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [69.17231234, 34.5]}},
        {"type": "Feature", "properties": {}, "geometry": {
            "type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}},
        {"type": "Feature", "properties": {}, "geometry": {
            "type": "LineString", "coordinates": [[170, 0], [-170, 1]]}}]}
    found = " | ".join(rfc7946_problems(bad))
    for what in ("crs", "out of range", "7 decimals", "right-hand rule", "antimeridian"):
        assert what in found


def test_geojson_is_rfc7946(tmp_path, incidents):
    layers = {"incidents": incidents, "places": make_places(), "borders": make_borders(),
              "countries": make_countries()}
    for name, gdf in layers.items():
        out = write_layer(gdf, tmp_path / f"{name}.geojson", layer=name)
        fc = json.loads(out.read_text(encoding="utf-8"))
        assert rfc7946_problems(fc) == [], name
        assert len(fc["features"]) == len(gdf)
        assert len(fc["bbox"]) == 4


def test_geojson_kabul_lon_lat_and_types(tmp_path, incidents):
    out = write_layer(incidents, tmp_path / "incidents.geojson", layer="incidents")
    text = out.read_text(encoding="utf-8")
    fc = json.loads(text)
    kabul = fc["features"][0]
    assert kabul["geometry"] == {"type": "Point", "coordinates": [69.1723, 34.5281]}
    props = kabul["properties"]
    assert list(props) == list(INCIDENT_COLUMNS)
    assert props["docs"] == ["a1", "a2"] and props["sources"][1] == "seeds/b.txt"
    assert props["event_date"] == "2025-10-09" and isinstance(props["fatalities"], int)
    assert '"fatalities":12,' in text and "12.0" not in text
    assert fc["features"][1]["properties"]["fatalities"] is None
    assert fc["features"][2]["properties"]["event_date"] is None
    # geopandas reads it back in EPSG:4326 with the same point
    back = gpd.read_file(out)
    assert back.crs.to_epsg() == 4326 and len(back) == 4
    assert back.geometry[0].x == pytest.approx(69.17, abs=0.01) and back.geometry[0].y == pytest.approx(34.53, abs=0.01)


@needs_gdal
def test_geojson_read_by_gdal(tmp_path, incidents):
    out = write_layer(incidents, tmp_path / "incidents.geojson", layer="incidents")
    (layer,) = summary(out).values()
    assert layer["count"] == 4 and layer["geometry"] == "Point" and layer["epsg4326"]
    f = layer["fields"]
    assert f["fatalities"] == "Integer" and f["time_precision"] == "Integer" and f["geonameid"] == "Integer"
    assert f["docs"] == "StringList" and f["confidence"] == "Real"
    assert f["event_date"] == "Date"  # a JSON string that GDAL recognises as an ISO date
    assert summary(out, "-oo", "DATE_AS_STRING=YES")["incidents"]["fields"]["event_date"] == "String"
    kabul = kabul_of(features(out))
    x, y = point_xy(kabul["WKT"])
    assert (x, y) == (pytest.approx(69.17, abs=0.01), pytest.approx(34.53, abs=0.01))
    assert kabul["fatalities"] == "12"


def test_geojson_antimeridian_split_and_winding(tmp_path):
    line = split_antimeridian(LineString([(170, -16), (-170, -18)]))
    assert line.geom_type == "MultiLineString" and len(line.geoms) == 2
    assert [round(c[0]) for c in line.geoms[0].coords] == [170, 180]
    assert [round(c[0]) for c in line.geoms[1].coords] == [-180, -170]
    assert line.geoms[0].coords[-1][1] == pytest.approx(-17)
    fc = json.loads(to_geojson(make_countries()))
    assert rfc7946_problems(fc) == []
    fiji = fc["features"][1]
    assert fiji["geometry"]["type"] == "MultiPolygon" and len(fiji["geometry"]["coordinates"]) == 2
    assert shape(fiji["geometry"]).area == pytest.approx(5 * 4)
    box = fc["features"][0]["geometry"]["coordinates"]
    assert len(box) == 2  # the hole kept
    borders = json.loads(to_geojson(make_borders()))
    assert borders["features"][1]["geometry"]["type"] == "MultiLineString"
    assert borders["features"][0]["bbox"] == [60.87, 29.86, 74.9, 37.2]


def test_geojson_rounds_to_7_decimals_and_reprojects():
    g = gpd.GeoDataFrame({"n": [1]}, geometry=[Point(69.172312345678, 34.528112345678)], crs=4326)
    assert json.loads(to_geojson(g))["features"][0]["geometry"]["coordinates"] == [69.1723123, 34.5281123]
    merc = gpd.GeoDataFrame({"n": [1]}, geometry=[Point(KABUL_LON, KABUL_LAT)], crs=4326).to_crs(3857)
    lon, lat = json.loads(to_geojson(merc))["features"][0]["geometry"]["coordinates"]
    assert lon == pytest.approx(KABUL_LON, abs=1e-6) and lat == pytest.approx(KABUL_LAT, abs=1e-6)


def test_layer_without_crs_is_refused(tmp_path):
    g = gpd.GeoDataFrame({"n": [1]}, geometry=[Point(69.17, 34.53)])
    with pytest.raises(QueryError, match="without a CRS"):
        write_layer(g, tmp_path / "x.geojson")
    assert not (tmp_path / "x.geojson").exists()


def test_empty_layers(tmp_path, incidents):
    empty = incidents.iloc[0:0]
    fc = json.loads(to_geojson(empty))
    assert fc == {"type": "FeatureCollection", "features": []}
    out = write_layer(empty, tmp_path / "e.csv", layer="incidents")
    assert out.read_text(encoding="utf-8").splitlines() == [",".join(
        [n for n, _ in ACLED_COLUMNS] + [n for n, _ in BORDERMAP_CSV_COLUMNS])]
    gpkg = write_layer(empty, tmp_path / "e.gpkg", layer="incidents")
    if OGRINFO:
        info = summary(gpkg)["incidents"]
        assert info["count"] == 0 and info["geometry"] == "Point" and info["fields"]["fatalities"] == "Integer"
    write_layer(empty, tmp_path / "e.kml", layer="incidents")
    ET.parse(tmp_path / "e.kml")


# ------------------------------------------------------------------------------ GeoPackage


@needs_gdal
def test_gpkg_all_layers_read_by_gdal_36(tmp_path, incidents):
    out = write_layers({"incidents": incidents, "places": make_places(), "borders": make_borders(),
                        "countries": make_countries()}, tmp_path / "all.gpkg")
    with sqlite3.connect(out) as con:
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # 'GPKG'
        assert con.execute("PRAGMA user_version").fetchone()[0] == 10300  # GeoPackage 1.3
    info = summary(out)
    assert {k: v["count"] for k, v in info.items()} == {"incidents": 4, "places": 2, "borders": 2, "countries": 2}
    assert all(v["epsg4326"] for v in info.values())
    assert info["incidents"]["geometry"] == "Point" and info["borders"]["geometry"] == "Multi Line String"
    assert info["countries"]["geometry"] == "Multi Polygon"
    f = info["incidents"]["fields"]
    assert f["event_date"] == "Date"
    for col in ("fatalities", "time_precision", "geo_precision", "sentence_start", "geonameid"):
        assert f[col] == "Integer", col
    assert f["confidence"] == "Real" and f["border_distance_km"] == "Real"
    assert f["docs"] == "String" and f["sources"] == "String"
    assert info["places"]["fields"]["start"] == "Integer" and info["borders"]["fields"]["length_km"] == "Real"
    feats = features(out, layer="incidents")
    kabul = kabul_of(feats)
    assert point_xy(kabul["WKT"]) == (pytest.approx(69.1723), pytest.approx(34.5281))
    assert kabul["event_date"] == "2025/10/09" and kabul["fatalities"] == "12" and kabul["docs"] == "a1|a2"
    torkham = next(r for r in feats if r["event_id"] == "BMTORKHAM002")
    assert torkham["fatalities"] == "(null)"
    assert next(r for r in feats if r["event_id"] == "BMDOHA000003")["event_date"] == "(null)"


def test_gpkg_read_by_geopandas(tmp_path, incidents):
    out = write_layer(incidents, tmp_path / "incidents.gpkg", layer="incidents")
    back = gpd.read_file(out, layer="incidents")
    assert back.crs.to_epsg() == 4326 and len(back) == 4
    assert back.geometry[0].x == pytest.approx(69.17, abs=0.01) and back.geometry[0].y == pytest.approx(34.53, abs=0.01)
    assert back["fatalities"].tolist()[:1] == [12] and back.loc[0, "docs"] == "a1|a2"
    assert str(back.loc[0, "event_date"])[:10] == "2025-10-09"
    dtypes = dict(zip(*(pyogrio.read_info(out, layer="incidents")[k] for k in ("fields", "dtypes")), strict=True))
    assert dtypes["fatalities"] == "int32" and dtypes["event_date"] == "datetime64[D]"


@needs_gdal
def test_gpkg_unknown_counts_stay_integer(tmp_path, incidents):
    g = incidents.copy()
    g["fatalities"] = [None, None, None, None]
    g["fatalities"] = g["fatalities"].astype(float)  # all NaN, as pandas would make it
    out = write_layer(g, tmp_path / "x.gpkg", layer="incidents")
    assert summary(out)["incidents"]["fields"]["fatalities"] == "Integer"


# ------------------------------------------------------------------------------ CSV


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_acled_columns(tmp_path, incidents):
    out = write_layer(incidents, tmp_path / "incidents.csv", layer="incidents")
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:19] == ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                           "sub_event_type", "actor1", "actor2", "iso", "country", "admin1", "location", "latitude",
                           "longitude", "geo_precision", "source", "notes", "fatalities"]
    assert header[19:] == [n for n, _ in BORDERMAP_CSV_COLUMNS]
    rows = read_csv(out)
    k = rows[0]
    assert (k["latitude"], k["longitude"]) == ("34.5281", "69.1723")
    assert k["event_id_cnty"] == "BMKABUL00001" and k["year"] == "2025" and k["iso"] == "4"
    assert k["country"] == "Afghanistan" and k["country_code"] == "AF"
    assert k["fatalities"] == "12" and k["docs"] == "a1|a2"
    assert k["source"] == "https://example.org/a?x=1&y=2; seeds/b.txt"
    assert k["notes"] == 'Pakistani jets struck <b>Kabul</b> & "killed" dozens.'
    assert rows[1]["fatalities"] == "" and rows[1]["iso"] == "586"  # AF|PK coded to the side it lies on
    assert rows[2]["fatalities"] == "0" and rows[2]["event_date"] == "" and rows[2]["year"] == ""
    assert rows[3]["notes"].startswith("'=HYPERLINK")  # not a live formula in a spreadsheet
    for r in rows:
        for col in ("latitude", "longitude", "border_distance_km", "confidence"):
            assert re.fullmatch(r"-?\d+(\.\d{1,7})?|", r[col]), (col, r[col])


@needs_gdal
def test_csv_read_by_gdal(tmp_path, incidents):
    out = write_layer(incidents, tmp_path / "incidents.csv", layer="incidents")
    opts = ("-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude", "-oo", "AUTODETECT_TYPE=YES",
            "-oo", "KEEP_GEOM_COLUMNS=NO")
    (layer,) = summary(out, *opts).values()
    assert layer["count"] == 4 and layer["geometry"] == "Point"
    assert layer["fields"]["fatalities"] == "Integer" and layer["fields"]["iso"] == "Integer"
    assert layer["fields"]["event_date"] == "Date"
    kabul = kabul_of(features(out, *opts), key="event_id_cnty")
    assert point_xy(kabul["WKT"]) == (pytest.approx(69.1723), pytest.approx(34.5281))


def test_csv_other_layers(tmp_path):
    places = read_csv(write_layer(make_places(), tmp_path / "p.csv", layer="places"))
    assert (places[0]["lat"], places[0]["lon"], places[0]["start"]) == ("34.5281", "69.1723", "5")
    borders = read_csv(write_layer(make_borders(), tmp_path / "b.csv", layer="borders"))
    assert borders[0]["wkt"].startswith("LINESTRING (60.87 29.86") and borders[0]["length_km"] == "2640.1"


# ------------------------------------------------------------------------------ KML


def test_kml_styles_times_and_escaping(tmp_path, incidents):
    out = write_layer(incidents, tmp_path / "incidents.kml", layer="incidents")
    root = ET.parse(out).getroot()
    doc = root.find(f"{KML}Document")
    styles = {s.get("id"): s for s in doc.findall(f"{KML}Style")}
    assert set(styles) == {"cat-airstrike", "cat-armed_clash", "cat-ceasefire", "cat-attack"}
    assert styles["cat-airstrike"].find(f"{KML}IconStyle/{KML}color").text == "ff1c19d7"  # #d7191c as aabbggrr
    pms = {p.get("id"): p for p in root.iter(f"{KML}Placemark")}
    assert len(pms) == 4
    kabul = pms["incident-BMKABUL00001"]
    assert kabul.find(f"{KML}Point/{KML}coordinates").text == "69.1723,34.5281"
    assert kabul.find(f"{KML}TimeStamp/{KML}when").text == "2025-10-09"
    assert kabul.find(f"{KML}styleUrl").text == "#cat-airstrike"
    assert pms["incident-BMTORKHAM002"].find(f"{KML}TimeStamp/{KML}when").text == "2025-10"  # month precision
    assert pms["incident-BMDOHA000003"].find(f"{KML}TimeStamp") is None
    desc = kabul.find(f"{KML}description").text  # HTML that Google Earth renders
    assert "&lt;b&gt;Kabul&lt;/b&gt;" in desc and "<b>Kabul" not in desc
    assert '<a href="https://example.org/a?x=1&amp;y=2">' in desc
    evil = pms["incident-BMQUETTA0004"].find(f"{KML}description").text
    assert "<script" not in evil and "&lt;script&gt;" in evil


@needs_gdal
def test_kml_read_by_gdal(tmp_path, incidents):
    out = write_layer(incidents, tmp_path / "incidents.kml", layer="incidents")
    info = summary(out)
    assert sum(v["count"] for v in info.values()) == 4  # one folder (GDAL layer) per category
    assert info["airstrike"]["fields"]["fatalities"] == "Integer"
    kabul = kabul_of(features(out))
    assert point_xy(kabul["WKT"]) == (pytest.approx(69.1723), pytest.approx(34.5281))
    other = write_layer(make_borders(), tmp_path / "borders.kml", layer="borders")
    assert sum(v["count"] for v in summary(other).values()) == 2


# ------------------------------------------------------------------------------ GeoParquet


def test_geoparquet_round_trip(tmp_path, incidents):
    out = write_layer(incidents, tmp_path / "incidents.parquet", layer="incidents")
    back = gpd.read_parquet(out)
    assert back.crs.to_epsg() == 4326 and len(back) == 4 and list(back.columns) == list(incidents.columns)
    assert back.geometry[0].x == pytest.approx(69.17, abs=0.01) and back.geometry[0].y == pytest.approx(34.53, abs=0.01)
    assert list(back.loc[0, "docs"]) == ["a1", "a2"]
    assert str(back.loc[0, "event_date"]) == "2025-10-09"
    assert back["fatalities"].tolist()[0] == 12 and str(back["fatalities"].dtype) == "Int32"


# ------------------------------------------------------------------------------ contract


def test_same_input_same_bytes(tmp_path):
    for ext in ("geojson", "csv", "kml"):
        a = write_layer(make_incidents(), tmp_path / f"a.{ext}", layer="incidents").read_bytes()
        b = write_layer(make_incidents(), tmp_path / f"b.{ext}", layer="incidents").read_bytes()
        assert a == b and a, ext


def test_unknown_extension_fails_before_work(tmp_path, incidents):
    with pytest.raises(QueryError, match=r"'\.shp'.*\.gpkg"):
        check_output(tmp_path / "x.shp")
    with pytest.raises(QueryError, match="GeoPackage"):
        check_output(tmp_path / "x.geojson", layer="all")
    with pytest.raises(QueryError):
        write_layer(incidents, tmp_path / "x.txt")
    with pytest.raises(QueryError, match="GeoPackage"):
        write_layers({"incidents": incidents, "places": make_places()}, tmp_path / "x.csv")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_old_file(tmp_path, incidents, monkeypatch):
    for ext in ("geojson", "gpkg"):
        target = tmp_path / f"x.{ext}"
        target.write_bytes(b"old")

        def boom(*a, ext=ext, **k):
            if ext == "gpkg":  # half a GeoPackage written, then a failure
                Path(a[1]).write_bytes(b"SQLite format 3\0half")
            raise RuntimeError("disk full")

        monkeypatch.setattr(export, "to_geojson" if ext == "geojson" else "_write_gpkg", boom)
        with pytest.raises(RuntimeError):
            write_layer(incidents, target, layer="incidents")
        assert target.read_bytes() == b"old"
        monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.geojson", "x.gpkg"]


def _seeds_jsonl(shared_eval: Path, tmp_path: Path) -> Path:
    src = tmp_path / "seeds.jsonl"
    with open(shared_eval / "seeds.gold.jsonl", encoding="utf-8") as f, open(src, "w", encoding="utf-8") as out:
        for line in f:
            row = json.loads(line)
            out.write(json.dumps({k: row[k] for k in ("id", "text", "published") if k in row}) + "\n")
    return src


def _bordermap(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bordermap.maps.cli", *args], check=False, capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def test_cli_extract_twice_gives_same_bytes(shared_eval, tmp_path):
    """Two processes (different hash seeds) running `bordermap extract` to GeoJSON and CSV."""
    import os

    src = _seeds_jsonl(shared_eval, tmp_path)
    outs = {}
    for run in (1, 2):
        args = [["extract", str(src), "-o", str(tmp_path / f"run{run}.{ext}"), "-q"] for ext in ("geojson", "csv")]
        code = f"import sys; from bordermap.maps.cli import main; sys.exit(main({args[0]!r}) or main({args[1]!r}))"
        res = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=tmp_path,
                             timeout=300, env={**os.environ, "PYTHONHASHSEED": str(run)})
        assert res.returncode == 0, res.stderr
        outs[run] = {ext: (tmp_path / f"run{run}.{ext}").read_bytes() for ext in ("geojson", "csv")}
    assert outs[1]["geojson"] == outs[2]["geojson"]
    assert outs[1]["csv"] == outs[2]["csv"]
    fc = json.loads(outs[1]["geojson"])
    assert rfc7946_problems(fc) == [] and fc["features"]
    kabul = [f for f in fc["features"] if f["properties"]["location"] == "Kabul"]
    assert kabul and kabul[0]["geometry"]["coordinates"][0] == pytest.approx(69.17, abs=0.05)
    rows = list(csv.DictReader(io.StringIO(outs[1]["csv"].decode("utf-8"))))
    assert len(rows) == len(fc["features"]) and rows[0]["event_id_cnty"]


@needs_gdal
def test_cli_extract_all_to_gpkg(shared_eval, tmp_path):
    src = _seeds_jsonl(shared_eval, tmp_path)
    out = tmp_path / "all.gpkg"
    res = _bordermap("extract", str(src), "-o", str(out), "--layer", "all", "-q", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    info = summary(out)
    assert {"incidents", "places", "borders"} <= set(info)
    assert info["incidents"]["count"] > 0 and info["incidents"]["fields"]["fatalities"] == "Integer"
    assert all(v["epsg4326"] for v in info.values())


def test_cli_unknown_extension_is_usage_error(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Pakistani jets struck Kabul on Oct. 9, 2025.", encoding="utf-8")
    res = _bordermap("extract", str(src), "-o", str(tmp_path / "out.shp"), cwd=tmp_path)
    assert res.returncode == 2 and ".shp" in res.stderr
    assert not (tmp_path / "out.shp").exists()


def test_iso_numeric_table():
    assert export.ISO_NUMERIC["AF"] == 4 and export.ISO_NUMERIC["PK"] == 586 and export.ISO_NUMERIC["IN"] == 356
    assert len(export.ISO_NUMERIC) == 249 and "XK" not in export.ISO_NUMERIC
    assert not any(math.isnan(v) for v in export.ISO_NUMERIC.values())


def test_to_csv_text_is_plain_string(incidents):
    text = export.to_csv(incidents, layer="incidents")
    assert text.count("\n") == 5 and "\r" not in text
    assert list(csv.reader(io.StringIO(text)))[1][0] == "BMKABUL00001"
