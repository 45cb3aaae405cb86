"""Interactive maps of incidents: build them with folium, save them as HTML or PNG.

:func:`build_map` returns a :class:`folium.Map` (it displays in Jupyter and can be
customised like any folium map) with these layers, each listed in the layer control:

* **base layers**: an *offline* basemap drawn from the embedded country shapes (always
  there, so a map opened with no network still shows where things are), and, with
  ``tiles=True``, a light basemap (Esri World Gray Canvas, the default online; CARTO's
  Positron now wants an API key), OpenStreetMap and satellite imagery (Esri World
  Imagery). When the online tiles fail to load, the map switches to the offline basemap
  by itself.
* **incidents**: one clustered marker per incident, with an inline-SVG icon per category
  and a popup giving the date and its precision, the category and event type, the
  place, fatalities, actors, the source sentence and the sources. The incidents are
  written once, as compact JSON, and the browser makes the markers (Leaflet.markercluster
  with chunked loading), so 100,000 incidents still load in seconds.
* a **heat map** of the incidents (hidden at first);
* the **shared borders** of the countries involved, labelled with their name and length;
* **border crossings** near the incidents, and the **places** the articles mention;
* a legend (icons, labels, counts, check boxes per category), a date filter, a scale,
  a title and the data's attributions.

:func:`save_map` writes the HTML; with ``self_contained=True`` every script and
stylesheet is inlined from pip packages (:mod:`bordermap.maps._assets`) and the offline
basemap is the one shown, so opening the file makes no network request at all (the
online base layers stay in the layer control and load only when picked).
:func:`save_png` draws the self-contained map in headless Chromium for reports. There is
no fallback renderer: a static image without the browser would lack the icons, labels
and legend, so without Chromium it raises a :class:`BordermapError` saying how to
install it.

Everything the map shows from articles is text: the data go into the page through
``tojson`` and onto the screen through ``textContent``, so an article containing
``<script>`` shows those characters and runs nothing.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import Point
>>> inc = gpd.GeoDataFrame({"category": ["airstrike"], "event_date": ["2025-10-09"],
...                         "location": ["Kabul"]}, geometry=[Point(69.17, 34.53)], crs="EPSG:4326")
>>> m = build_map(inc, borders=inc.iloc[:0], countries=inc.iloc[:0], crossings=inc.iloc[:0])
>>> "bordermap.incidents(" in m.get_root().render()
True
"""

from __future__ import annotations

import contextlib
import html
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import folium
import geopandas as gpd
from branca.element import Figure
from folium.plugins import HeatMap

from bordermap.geo._errors import BordermapError, InputError
from bordermap.geo._io import atomic_write
from bordermap.maps import _data
from bordermap.maps._assets import JQUERY_JS, LEAFLET_CSS, LEAFLET_JS, inline_assets
from bordermap.maps._data import ATTRIBUTION
from bordermap.maps._elements import (
    BordersLayer,
    CountryBasemap,
    FitView,
    IncidentLayer,
    Legend,
    PointsLayer,
    TileFallback,
    TimeFilter,
    Title,
)
from bordermap.maps._icons import crossing_svg

__all__ = ["build_map", "save_map", "save_png", "find_chromium", "ATTRIBUTION",
           "ONLINE_TILES", "OFFLINE_BASEMAP"]

#: Online base layers: (xyzservices name, label in the layer control). The first is shown
#: at first in a map that is not self-contained.
ONLINE_TILES = (
    ("Esri.WorldGrayCanvas", "Light grey (Esri)"),
    ("OpenStreetMap", "OpenStreetMap"),
    ("Esri.WorldImagery", "Satellite (Esri World Imagery)"),
)
#: The name of the offline basemap in the layer control.
OFFLINE_BASEMAP = "Offline countries (embedded)"
_CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                   "--mute-audio", "--force-device-scale-factor=1")


# ============================================================================ public API


def build_map(
    incidents: gpd.GeoDataFrame,
    *,
    places: gpd.GeoDataFrame | None = None,
    borders: gpd.GeoDataFrame | None = None,
    countries: gpd.GeoDataFrame | None = None,
    crossings: gpd.GeoDataFrame | None = None,
    title: str | None = None,
    tiles: bool = True,
    heatmap: bool = True,
    cluster_radius: int = 45,
) -> folium.Map:
    """An interactive map of incidents, places, borders and crossings.

    Parameters
    ----------
    incidents
        Points in EPSG:4326 with the columns of
        :data:`bordermap.layers.incidents.INCIDENT_COLUMNS` (missing columns count as
        empty; unknown categories are drawn as ``"other"``). May be empty.
    places
        Resolved place mentions (:func:`bordermap.layers.incidents.places_to_gdf`): drawn
        as named dots (country-level names excepted) and used to choose borders.
    borders
        Border lines (columns ``name``, ``countries``, ``length_km``). ``None`` chooses
        every shared border touching the countries of the incidents and places
        (:func:`bordermap.layers.borders.shared_borders`); an empty frame draws none.
    countries
        Country polygons (``iso_a2``, ``name``) of the offline basemap. ``None`` takes
        every country (:func:`bordermap.layers.borders.countries`), simplified.
    crossings
        Border crossings (``name``, ``country``). ``None`` takes the gazetteer's
        crossings (:func:`bordermap.layers.crossings`) within 250 km of an incident or place.
    title
        Shown at the top of the map and as the page title; default "Border-conflict
        incidents".
    tiles
        Offer online tile layers (:data:`ONLINE_TILES`: a light basemap, OpenStreetMap,
        satellite imagery) besides the offline basemap, and show the light one at first
        (:func:`save_map` with ``self_contained=True`` shows the offline one instead).
        With ``False`` the map uses the offline basemap only.
    heatmap
        Add a heat-map layer of the incidents (hidden at first).
    cluster_radius
        How close (pixels) markers must be to merge into a cluster.

    Returns
    -------
    folium.Map
        Add to it as to any folium map; save it with :func:`save_map`.

    Raises
    ------
    InputError
        If a layer is not a GeoDataFrame of the expected geometries.
    bordermap.geo._errors.DataFileError
        If an embedded data file needed for an automatic layer is missing.
    """
    inc = _data.check_layer(incidents, "incidents", points=True)
    pl = _data.check_layer(places, "places", points=True) if places is not None else None
    codes = _data.country_codes(inc, pl)
    payload = _data.incident_payload(inc)
    place_rows = _data.place_rows(pl)

    m = _new_map()
    bounds = _data.bounds(payload, place_rows)
    if bounds is not None:  # first, so the layers are drawn at the final view straight away
        m.add_child(FitView(bounds))
    basemap = CountryBasemap(_data.country_data(countries, codes, payload, place_rows), name=OFFLINE_BASEMAP,
                             attribution=ATTRIBUTION["boundaries"], show=not tiles)
    m.add_child(basemap)
    if tiles:
        online = [folium.TileLayer(key, name=label, show=(i == 0)) for i, (key, label) in enumerate(ONLINE_TILES)]
        for t in online:
            m.add_child(t)
        m.add_child(TileFallback(online, basemap))

    crossing_rows = _data.crossing_rows(crossings, inc, pl)
    border_data = _data.border_data(borders, codes, inc, avoid=[r[:2] for r in crossing_rows])
    if border_data["features"]:
        m.add_child(BordersLayer(border_data, name="Shared borders", attribution=ATTRIBUTION["boundaries"]))
    if crossing_rows:
        m.add_child(PointsLayer(crossing_rows, name="Border crossings", kind="crossing", svg=crossing_svg(),
                                attribution=ATTRIBUTION["places"]))
    if place_rows:
        m.add_child(PointsLayer(place_rows, name="Places mentioned", kind="place",
                                attribution=ATTRIBUTION["places"]))
    heat = None
    if heatmap and payload["rows"]:
        # Empty here: the incident layer gives it the points (and the filtered ones later).
        heat = HeatMap([], name="Heat map of incidents", show=False, radius=18, blur=16, min_opacity=0.35)
        m.add_child(heat)
    layer = IncidentLayer(payload, name=f"Incidents ({len(payload['rows']):,})", heat=heat,
                          attribution=ATTRIBUTION["places"], cluster_radius=cluster_radius)
    m.add_child(layer)

    m.add_child(Legend(_data.legend_data(payload, border_data, crossing_rows, place_rows), layer=layer))
    m.add_child(TimeFilter(_data.time_data(payload), layer=layer))
    shown_title = title.strip() if title and title.strip() else "Border-conflict incidents"
    m.add_child(Title(shown_title, _data.subtitle(inc, payload, pl)))
    m.get_root().title = html.escape(shown_title)  # branca writes <title> unescaped
    m.add_child(folium.LayerControl(position="topright", collapsed=True))
    return m


def save_map(m: folium.Map, path: str | os.PathLike, *, self_contained: bool = False) -> Path:
    """Write the map as one HTML file, atomically (no half-written file is ever seen).

    Parameters
    ----------
    m
        A map from :func:`build_map` (or any folium map).
    path
        The HTML file to write; missing folders are made.
    self_contained
        Inline every script and stylesheet (from pip packages) and show the offline
        basemap first, so the file opens with no network request at all. The online
        base layers stay in the layer control; they load only when picked.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    BordermapError
        With `self_contained`, if the map links a script or stylesheet bordermap has no
        packaged copy of (e.g. from a folium plugin added to the map).
    """
    page = _render(m, self_contained=self_contained)
    target = Path(path)
    with atomic_write(target) as fh:
        fh.write(page)
    return target


def save_png(m: folium.Map, path: str | os.PathLike, *, width: int = 1600, height: int = 1000,
             timeout: float = 120.0) -> Path:
    """A static PNG image of the map, drawn without network in headless Chromium.

    The self-contained map (offline basemap) is opened in Chromium, which is given time
    to place every marker before the screenshot; the interactive controls (layer
    control, zoom buttons, date sliders) are hidden, the title, legend and scale kept.

    Parameters
    ----------
    m
        A map from :func:`build_map`.
    path
        The PNG file to write (atomically).
    width, height
        Image size in pixels.
    timeout
        Seconds to wait for Chromium.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    BordermapError
        If Chromium is not installed (install the ``chromium`` package, e.g.
        ``apt-get install chromium``, or set ``BORDERMAP_CHROMIUM`` to its path), or it
        fails to draw the map.
    """
    if width < 100 or height < 100:
        msg = f"PNG size must be at least 100x100 pixels, got width={width!r}, height={height!r}."
        raise InputError(msg)
    chromium = find_chromium()
    if chromium is None:
        msg = ("save_png needs Chromium to draw the map, and none was found. Install it "
               "(Debian/Ubuntu: `apt-get install chromium`) or set BORDERMAP_CHROMIUM to the browser's path.")
        raise BordermapError(msg)
    page = _render(m, self_contained=True).replace("</head>", f"<style>{_STATIC_CSS}</style></head>", 1)
    target = Path(path)
    with tempfile.TemporaryDirectory(prefix="bordermap-png-") as tmp:
        page_file, shot = Path(tmp) / "map.html", Path(tmp) / "map.png"
        page_file.write_text(page, encoding="utf-8")
        cmd = [chromium, *_CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
               f"--window-size={int(width)},{int(height)}", "--virtual-time-budget=15000",
               f"--screenshot={shot}", page_file.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            msg = f"Chromium ({chromium}) did not draw the map within {timeout:g} s."
            raise BordermapError(msg) from exc
        if not shot.is_file():
            tail = (proc.stderr or "").strip().splitlines()[-3:]
            msg = f"Chromium ({chromium}) wrote no screenshot (exit code {proc.returncode}): {' | '.join(tail)}"
            raise BordermapError(msg)
        with atomic_write(target, "wb") as fh:
            fh.write(shot.read_bytes())
    return target


def find_chromium() -> str | None:
    """Path of a Chromium (or Chrome) executable: ``$BORDERMAP_CHROMIUM``, then the PATH."""
    env = os.environ.get("BORDERMAP_CHROMIUM")
    if env:
        return env if (os.path.isfile(env) or shutil.which(env)) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.path.isfile("/usr/bin/chromium") else None


# ============================================================================ rendering


_STATIC_CSS = (".leaflet-control-layers,.leaflet-control-zoom,.bm-time-grid,.bm-time-reset,"
               ".bm-time-undated,.bm-legend-row input{display:none!important}")


def _render(m: folium.Map, *, self_contained: bool) -> str:
    """The page's HTML; self-contained pages show the offline basemap and inline their assets."""
    if not self_contained:
        return m.get_root().render()
    with _offline_first(m), _fresh_figure(m) as figure:
        page = figure.render()
    return inline_assets(page)


@contextlib.contextmanager
def _fresh_figure(m: folium.Map) -> Iterator[Figure]:
    """Render `m` in a new Figure: the old one keeps every script it ever rendered
    (folium never removes them), including "add the online tiles" ones."""
    old = m._parent
    figure = Figure(title=getattr(old, "title", None))
    figure.add_child(m)
    try:
        yield figure
    finally:
        m._parent = old


def _set_show(layer: folium.map.Layer, show: bool) -> None:
    layer.show = show
    # Layer.render adds an "add to map" child when shown and never removes it.
    layer._children.pop(layer.get_name() + "_add", None)


@contextlib.contextmanager
def _offline_first(m: folium.Map) -> Iterator[None]:
    """Temporarily show the offline basemap instead of any online tile layer."""
    tiles = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    basemaps = [c for c in m._children.values() if isinstance(c, CountryBasemap)]
    before = [(layer, layer.show) for layer in (*tiles, *basemaps)]
    try:
        for t in tiles:
            _set_show(t, False)
        for b in basemaps[:1]:
            _set_show(b, True)
        yield
    finally:
        for layer, shown in before:
            _set_show(layer, shown)


def _new_map() -> folium.Map:
    m = folium.Map(location=[30, 60], zoom_start=3, tiles=None, control_scale=True, world_copy_jump=True)
    # With tiles=None folium passes no zoom limits to Leaflet, and markercluster needs
    # the map's maxZoom ("Map has no maxZoom specified").
    m.options.update(max_zoom=18, min_zoom=2)
    # bordermap's elements need Leaflet only (no Bootstrap or icon fonts); jQuery stays
    # because folium's Popup needs it, for callers who add their own markers.
    m.default_js = [(LEAFLET_JS.name, LEAFLET_JS.url), (JQUERY_JS.name, JQUERY_JS.url)]
    m.default_css = [(LEAFLET_CSS.name, LEAFLET_CSS.url)]
    return m


