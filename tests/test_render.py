"""bordermap.maps.render: the HTML and script of maps built from synthetic layers."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import folium
import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, Polygon

from bordermap.geo._errors import BordermapError, InputError
from bordermap.maps import _data, render
from bordermap.maps._icons import CATEGORY_STYLES, category_svg
from bordermap.maps.render import OFFLINE_BASEMAP, build_map, save_map, save_png

INJECTION = 'Shelling hit Quetta. <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
KABUL = (34.53, 69.17)  # (lat, lon): asymmetric, so a swapped order shows


def incident(category, lat, lon, **kw):
    row = {"event_id": f"E{category}", "category": category, "event_date": "2025-10-19", "time_precision": 1,
           "location": "Somewhere", "country": "AF", "sentence": f"A {category} happened.",
           "sources": ["https://example.org/a?x=1&y=2"], "docs": ["d1"]}
    row.update(kw)
    return row, Point(lon, lat)  # shapely takes (x=lon, y=lat)


@pytest.fixture(scope="module")
def layers():
    rows = [incident(c, 30 + i * 0.3, 66 + i * 0.3, country="AF" if i % 2 else "PK")
            for i, c in enumerate(CATEGORY_STYLES)]
    rows.append(incident("airstrike", *KABUL, event_id="KABUL", location="Kabul", admin1="Kabul",
                         event_date="2025-10-15", time_precision=3, date_text="earlier this month",
                         fatalities=12, fatalities_text="dozens", actor1="Military Forces of Pakistan",
                         actor2=float("nan"), sentence=INJECTION,
                         sources=["/data/news/kabul.txt", "https://news.example/kabul", "javascript:alert(1)"],
                         docs=["d1", "d2"], event_type="Explosions/Remote violence",
                         sub_event_type="Air/drone strike"))
    rows.append(incident("talks", 41.01, 28.95, event_date=None, time_precision=None, location="Istanbul",
                         country="TR"))
    incidents = gpd.GeoDataFrame([r for r, _ in rows], geometry=[g for _, g in rows], crs="EPSG:4326")
    borders = gpd.GeoDataFrame(
        {"name": ["Afghanistan\u2013Pakistan border"], "a": ["AF"], "b": ["PK"], "countries": ["AF|PK"],
         "length_km": [2640.4]},
        geometry=[LineString([(61.0, 29.9), (66.3, 29.9), (69.3, 32.5), (71.1, 34.1), (74.5, 37.0)])],
        crs="EPSG:4326")
    countries = gpd.GeoDataFrame(
        {"iso_a2": ["AF", "PK"], "iso_a3": ["AFG", "PAK"], "name": ["Afghanistan", "Pakistan"]},
        geometry=[Polygon([(60, 29), (75, 38), (60, 38)]), Polygon([(61, 24), (78, 24), (75, 37), (61, 29)])],
        crs="EPSG:4326")
    crossings = gpd.GeoDataFrame({"name": ["Torkham"], "country": ["AF|PK"]}, geometry=[Point(71.09, 34.10)],
                                 crs="EPSG:4326")
    places = gpd.GeoDataFrame(
        {"doc": ["d1", "d1", "d2", "d1"], "name": ["Kabul", "Kabul", "Kabul", "Afghanistan"],
         "kind": ["toponym"] * 4, "feature": ["PPLC", "PPLC", "PPLC", "PCLI"], "country": ["AF"] * 4},
        geometry=[Point(69.17, 34.53)] * 3 + [Point(65, 33)], crs="EPSG:4326")
    return {"incidents": incidents, "borders": borders, "countries": countries, "crossings": crossings,
            "places": places}


@pytest.fixture(scope="module")
def built(layers):
    m = build_map(layers["incidents"], places=layers["places"], borders=layers["borders"],
                  countries=layers["countries"], crossings=layers["crossings"], title="Test <b>map</b>")
    return m, m.get_root().render()


def element(m: folium.Map, cls: type):
    found = [c for c in m._children.values() if isinstance(c, cls)]
    assert len(found) == 1, f"expected one {cls.__name__}, found {len(found)}"
    return found[0]


def test_returns_a_folium_map_that_displays_in_jupyter(built):
    m, _ = built
    assert isinstance(m, folium.Map)
    assert "<iframe" in m._repr_html_()


def test_one_distinct_icon_per_category(built):
    m, page = built
    from bordermap.maps._elements import IncidentLayer

    cats = element(m, IncidentLayer).data["cats"]
    assert [c["key"] for c in cats] == list(CATEGORY_STYLES)
    assert len({c["svg"] for c in cats}) == len(CATEGORY_STYLES)
    for key in CATEGORY_STYLES:
        assert f"bm-cat-{key}" in page
        assert "<svg" in category_svg(key) and "<image" not in category_svg(key)


def test_incidents_are_one_script_not_one_element_each(built):
    m, page = built
    assert page.count("bordermap.incidents(") == 1
    assert "L.marker(" not in page.split("bordermap.incidents(")[1].split(");")[0]
    assert not [c for c in m._children.values() if isinstance(c, folium.Marker)]


def test_rows_keep_latitude_longitude_order_and_popup_fields(built):
    m, _ = built
    from bordermap.maps._elements import IncidentLayer

    data = element(m, IncidentLayer).data
    s = data["s"]
    kabul = next(r for r in data["rows"] if s[r[11]] == INJECTION)
    assert (kabul[0], kabul[1]) == KABUL
    assert s[kabul[5]] == "2025-10 (month) \u2014 \u201cearlier this month\u201d"
    assert s[kabul[6]] == "Explosions/Remote violence \u203a Air/drone strike"
    assert s[kabul[7]].startswith("Kabul (AF)")
    assert kabul[8] == 12 and s[kabul[9]] == "dozens"
    assert s[kabul[10]] == "Military Forces of Pakistan"  # NaN actor2 left out
    assert [s[i] for i in kabul[12]] == ["/data/news/kabul.txt", "https://news.example/kabul", "javascript:alert(1)"]
    assert kabul[14] == 2
    assert kabul[3] == kabul[4] - 30  # the whole of October 2025, in days
    undated = next(r for r in data["rows"] if r[3] is None)
    assert undated[5] is None and undated[4] is None


def test_legend_lists_categories_with_icons_and_counts(built):
    m, page = built
    from bordermap.maps._elements import Legend

    legend = element(m, Legend).data
    counts = {c["label"]: c["count"] for c in legend["cats"]}
    assert counts["Airstrike"] == 2 and counts["Talks / negotiations"] == 2 and counts["Shelling / artillery"] == 1
    assert all("<svg" in c["svg"] for c in legend["cats"])
    assert {x["label"] for x in legend["extras"]} >= {"Shared border (name, length)", "Border crossing",
                                                     "Place mentioned"}
    assert "bordermap.legend(" in page and '"Airstrike"' in page


def test_layer_control_lists_every_layer(built):
    _, page = built
    control = re.search(r"_layers = \{(.*?)\};", page, re.S).group(1)
    for name in (OFFLINE_BASEMAP, "Light grey (Esri)", "OpenStreetMap", "Satellite (Esri World Imagery)",
                 "Incidents (14)", "Heat map of incidents", "Shared borders", "Border crossings",
                 "Places mentioned"):
        assert json.dumps(name) in control, name
    assert page.rindex("L.control.layers(") > page.rindex("bordermap.title(")  # LayerControl last
    assert "L.control.scale(" in page
    assert '"maxZoom": 18' in page


def test_article_text_is_escaped(built):
    _, page = built
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page
    assert "\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e" in page
    assert "<title>Test &lt;b&gt;map&lt;/b&gt;</title>" in page
    assert "Test \\u003cb\\u003emap\\u003c/b\\u003e" in page  # the title box gets it as text (textContent)


def test_border_line_labelled_with_name_and_length(built):
    m, page = built
    from bordermap.maps._elements import BordersLayer

    (feat,) = element(m, BordersLayer).data["features"]
    assert feat["properties"]["label"] == "Afghanistan\u2013Pakistan border \u2014 2,640 km"
    assert feat["properties"]["focus"] is True and feat["properties"]["lp"] is not None
    assert "Afghanistan\u2013Pakistan border \u2014 2,640 km" in page


def test_places_leave_out_country_names_and_count_mentions(built):
    m, _ = built
    from bordermap.maps._elements import PointsLayer

    places = next(c for c in m._children.values() if isinstance(c, PointsLayer) and c.options["kind"] == "place")
    assert places.rows == [[34.53, 69.17, "Kabul", "AF \u00b7 mentioned 3\u00d7 in 2 articles", True]]


def test_time_filter_spans_the_dated_incidents(built):
    m, page = built
    from bordermap.maps._elements import TimeFilter

    data = element(m, TimeFilter).data
    assert data["undated"] == 1 and data["total"] == 14
    assert data["min"] < data["max"]
    assert "bordermap.timeFilter(" in page


def test_self_contained_file_links_nothing_remote(built, tmp_path):
    m, _ = built
    out = save_map(m, tmp_path / "sub" / "map.html", self_contained=True)
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\ssrc=", page, re.I)
    assert not re.search(r"<link[^>]*\shref=[\"']?(https?:)?//", page, re.I)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", page, re.I)
    assert "L.MarkerClusterGroup" in page and "leaflet" in page.lower()  # the code is inlined
    assert "sourceMappingURL" not in page
    basemap = next(c for c in m._children.values() if c.__class__.__name__ == "CountryBasemap")
    assert f"{basemap.get_name()}.addTo(" in page
    for tile in (c for c in m._children.values() if isinstance(c, folium.TileLayer)):
        assert f"{tile.get_name()}.addTo(" not in page  # online tiles only when picked
    # the map itself is left as it was: online tiles first
    again = m.get_root().render()
    first_tile = next(c for c in m._children.values() if isinstance(c, folium.TileLayer))
    assert f"{first_tile.get_name()}.addTo(" in again and f"{basemap.get_name()}.addTo(" not in again
    assert 'src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"' in again
    assert oct(os.stat(out).st_mode & 0o777) != oct(0o600)


def test_self_contained_refuses_assets_it_cannot_inline(layers, tmp_path):
    from folium.plugins import Fullscreen

    m = build_map(layers["incidents"], borders=layers["borders"], countries=layers["countries"],
                  crossings=layers["crossings"])
    m.add_child(Fullscreen())
    with pytest.raises(BordermapError, match="Fullscreen|fullscreen"):
        save_map(m, tmp_path / "map.html", self_contained=True)
    assert not list(tmp_path.iterdir())


def test_save_map_is_atomic(built, tmp_path, monkeypatch):
    m, _ = built
    target = tmp_path / "map.html"
    target.write_text("old", encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        save_map(m, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no temporary file left
    monkeypatch.undo()
    assert save_map(m, target) == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_offline_only_map_without_tiles(layers):
    m = build_map(layers["incidents"], borders=layers["borders"], countries=layers["countries"],
                  crossings=layers["crossings"], tiles=False)
    assert not [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    page = m.get_root().render()
    basemap = next(c for c in m._children.values() if c.__class__.__name__ == "CountryBasemap")
    assert f"{basemap.get_name()}.addTo(" in page


def test_empty_incidents_still_make_a_map(layers):
    empty = layers["incidents"].iloc[:0]
    m = build_map(empty, places=layers["places"], borders=empty, countries=layers["countries"], crossings=empty)
    page = m.get_root().render()
    assert "No incidents" in page or '"rows":[]' in page


def test_rejects_what_is_not_a_geodataframe():
    with pytest.raises(InputError, match="incidents must be a geopandas GeoDataFrame"):
        build_map([{"category": "airstrike"}])  # type: ignore[arg-type]


def test_projected_input_is_brought_to_lon_lat(layers):
    projected = layers["incidents"].to_crs("EPSG:3857")
    m = build_map(projected, borders=layers["borders"], countries=layers["countries"],
                  crossings=layers["crossings"])
    from bordermap.maps._elements import IncidentLayer

    rows = element(m, IncidentLayer).data["rows"]
    assert any(abs(r[0] - KABUL[0]) < 1e-4 and abs(r[1] - KABUL[1]) < 1e-4 for r in rows)


def test_automatic_layers_follow_the_incidents_countries(layers, monkeypatch):
    import bordermap.layers.borders as lb

    calls = {}

    def fake_shared(codes, *, mode="among"):
        calls["codes"], calls["mode"] = list(codes), mode
        return layers["borders"]

    monkeypatch.setattr(lb, "shared_borders", fake_shared)
    monkeypatch.setattr(lb, "country_codes", lambda: ["AF", "PK", "QA", "TR"])
    monkeypatch.setattr(_data, "_embedded_countries", lambda: layers["countries"])
    m = build_map(layers["incidents"], places=layers["places"])
    assert calls["mode"] == "touching" and set(calls["codes"]) == {"AF", "PK", "TR"}
    page = m.get_root().render()
    assert "Torkham" in page  # the gazetteer's crossing near the incidents
    assert "2,640 km" in page


def test_save_png_without_chromium_says_how_to_install(built, tmp_path, monkeypatch):
    m, _ = built
    monkeypatch.setattr(render, "find_chromium", lambda: None)
    with pytest.raises(BordermapError, match="apt-get install chromium"):
        save_png(m, tmp_path / "map.png")


def test_cli_map_end_to_end(tmp_path):
    from bordermap.maps.cli import main

    article = tmp_path / "news.jsonl"
    article.write_text(json.dumps({
        "id": "a1", "published": "2025-10-13",
        "text": "Artillery shelling hit Quetta on Monday, killing two civilians, officials said. "
                "Pakistani forces clashed with Afghan Taliban fighters near Torkham on Sunday."}) + "\n",
        encoding="utf-8")
    out = tmp_path / "map.html"
    assert main(["map", str(article), "-o", str(out), "--self-contained", "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "bordermap.incidents(" in page and "Quetta" in page
    assert not re.search(r"<script[^>]*\ssrc=", page, re.I)
    assert Path(out).stat().st_size < 5_000_000
