"""Benchmark: a map of 100,000 synthetic incidents, against folium Markers in a MarkerCluster.

Prints, for bordermap's map of 100,000 incidents (goals: build <= 5 s, file <= 30 MB,
drawn by Chromium <= 3 s) and for the usual folium way - one ``folium.Marker`` (with a
popup) per point in a ``folium.plugins.MarkerCluster`` - at 20,000 points:

* build: ``build_map`` (the embedded countries already loaded, as in a long-running
  process; the first load is printed separately) and rendering the self-contained HTML;
* size of the self-contained HTML file;
* draw: in headless Chromium, with every network request refused, the time from
  ``page.goto`` until the markers are in the map (bordermap sets
  ``window.bordermapReady`` when its last chunk of markers is clustered; for folium,
  the ``load`` event, after which its synchronous script has added every marker).

Asserts nothing. Run: ``.venv/bin/python bench/bench_map.py [--n 100000] [--baseline 20000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
CATEGORIES = ["airstrike", "shelling", "armed_clash", "attack", "explosion", "ceasefire", "agreement", "talks",
              "border_closure", "protest", "arrest", "other"]
PLACES = ["Quetta", "Chaman", "Kandahar", "Spin Boldak", "Khost", "Miranshah", "Parachinar", "Torkham", "Jalalabad",
          "Peshawar", "Kabul", "Zhob", "Gwadar", "Turbat", "Kurram", "Bajaur"]


def synthetic_incidents(n: int, seed: int = 7) -> gpd.GeoDataFrame:
    """`n` incidents at random points of the Afghanistan-Pakistan region, random categories and dates."""
    rng = np.random.default_rng(seed)
    lon = rng.uniform(61.0, 75.0, n)
    lat = rng.uniform(25.0, 37.0, n)
    start = dt.date(2024, 1, 1).toordinal()
    days = rng.integers(0, 670, n)
    dates = [dt.date.fromordinal(start + int(d)).isoformat() for d in days]
    undated = rng.random(n) < 0.05
    place = rng.integers(0, len(PLACES), n)
    cats = rng.integers(0, len(CATEGORIES), n)
    fatal = rng.integers(0, 30, n)
    frame = gpd.GeoDataFrame({
        "event_id": [f"BM{i:08d}" for i in range(n)],
        "docs": [[f"doc{i // 3}"] for i in range(n)],
        "sources": [[f"https://news.example/{i // 3}"] for i in range(n)],
        "event_date": [None if u else d for u, d in zip(undated, dates, strict=True)],
        "time_precision": rng.choice([1, 1, 1, 2, 3], n),
        "category": [CATEGORIES[c] for c in cats],
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Pakistan",
        "actor2": "Taliban",
        "location": [PLACES[p] for p in place],
        "country": ["PK" if x > 69 else "AF" for x in lon],
        "fatalities": [int(f) if f < 20 else None for f in fatal],
        "sentence": [f"Report {i}: {CATEGORIES[c].replace('_', ' ')} near {PLACES[p]}, officials said."
                     for i, (c, p) in enumerate(zip(cats, place, strict=True))],
    }, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")  # points_from_xy takes (x=lon, y=lat)
    return frame


def folium_markers_html(gdf: gpd.GeoDataFrame) -> str:
    """The usual folium way: one Marker (with a tooltip) per point in a MarkerCluster, self-contained."""
    import folium
    from folium.plugins import MarkerCluster

    from bordermap.maps._assets import LEAFLET_CSS, LEAFLET_JS, inline_assets

    m = folium.Map(location=[31, 68], zoom_start=5, tiles=None)
    m.options.update(max_zoom=18)
    m.default_js = [(LEAFLET_JS.name, LEAFLET_JS.url)]  # offline: Leaflet only, as bordermap's maps
    m.default_css = [(LEAFLET_CSS.name, LEAFLET_CSS.url)]
    cluster = MarkerCluster().add_to(m)
    for geom, cat, sentence in zip(gdf.geometry, gdf["category"], gdf["sentence"], strict=True):
        # A tooltip, not a popup: folium's popups need jQuery, which an offline page lacks.
        folium.Marker([geom.y, geom.x], tooltip=f"{cat}: {sentence}").add_to(cluster)
    return inline_assets(m.get_root().render())


def draw_seconds(page_file: Path, ready_js: str) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
        t0 = time.perf_counter()
        page.goto(page_file.as_uri(), timeout=300_000)
        page.wait_for_function(ready_js, timeout=300_000, polling=20)
        seconds = time.perf_counter() - t0
        browser.close()
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="incidents on bordermap's map (default 100,000)")
    ap.add_argument("--baseline", type=int, default=20_000, help="points of the folium Marker map (default 20,000)")
    args = ap.parse_args()

    from bordermap.maps.render import _render, build_map

    gdf = synthetic_incidents(args.n)
    t0 = time.perf_counter()
    build_map(gdf.iloc[:10])  # loads the embedded countries, borders and gazetteer once
    print(f"first use (loading the embedded countries, borders, gazetteer): {time.perf_counter() - t0:6.2f} s")

    with tempfile.TemporaryDirectory(prefix="bench-map-") as tmp:
        t0 = time.perf_counter()
        m = build_map(gdf)
        t_build = time.perf_counter() - t0
        t0 = time.perf_counter()
        page = _render(m, self_contained=True)
        t_render = time.perf_counter() - t0
        ours = Path(tmp) / "bordermap.html"
        ours.write_text(page, encoding="utf-8")
        size = ours.stat().st_size
        draw = draw_seconds(ours, "window.bordermapReady === true")
        print(f"\nbordermap, {args.n:,} incidents (goals: build <= 5 s, file <= 30 MB, draw <= 3 s)")
        print(f"  build_map            {t_build:6.2f} s")
        print(f"  render HTML          {t_render:6.2f} s   (build + render {t_build + t_render:.2f} s)")
        print(f"  file size            {size / 1e6:6.2f} MB")
        print(f"  Chromium draw        {draw:6.2f} s")

        base = gdf.iloc[:args.baseline]
        t0 = time.perf_counter()
        base_page = folium_markers_html(base)
        b_build = time.perf_counter() - t0
        theirs = Path(tmp) / "folium.html"
        theirs.write_text(base_page, encoding="utf-8")
        b_size = theirs.stat().st_size
        b_draw = draw_seconds(theirs, "document.readyState === 'complete' && "
                                      "document.querySelectorAll('.leaflet-marker-icon').length > 0")
        print(f"\nfolium.Marker per point in a MarkerCluster, {args.baseline:,} points")
        print(f"  build + render       {b_build:6.2f} s")
        print(f"  file size            {b_size / 1e6:6.2f} MB")
        print(f"  Chromium draw        {b_draw:6.2f} s")

        k = args.n / args.baseline
        print(f"\nratios folium / bordermap (bordermap draws {k:g}x as many points)")
        print(f"  build + render       {b_build / (t_build + t_render):6.2f}x   per point "
              f"{b_build / (t_build + t_render) * k:6.1f}x")
        print(f"  file size            {b_size / size:6.2f}x   per point {b_size / size * k:6.1f}x")
        print(f"  Chromium draw        {b_draw / draw:6.2f}x   per point {b_draw / draw * k:6.1f}x")


if __name__ == "__main__":
    main()
