"""A self-contained HTML report of the incidents, to hand over as one file.

The report holds the interactive map (self-contained, in a sandboxed ``iframe`` whose
``srcdoc`` carries the whole map), a static PNG of it (a ``data:`` URI, also what a
printout shows), counts by category and by date (inline SVG bar charts and tables), the
incidents as a sortable table with their sources, the articles read, the data as
GeoJSON and CSV downloads, and the data's attribution. It needs no network: the only
script is the table sorter written inline here; no CDN, no web font.

Every text that comes from an article is HTML-escaped; links are written only for
``http(s)`` URLs.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import Point
>>> inc = gpd.GeoDataFrame({"event_id": ["E1"], "category": ["airstrike"], "event_date": ["2025-10-09"],
...                         "location": ["Kabul"], "sentence": ["<b>Strike</b> on Kabul."]},
...                        geometry=[Point(69.1723, 34.5281)], crs="EPSG:4326")
>>> html = build_report(inc, title="AF-PK", with_map=False, with_image=False)
>>> "&lt;b&gt;Strike&lt;/b&gt;" in html and "<b>Strike" not in html
True
"""

from __future__ import annotations

import base64
import html
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
from bordermap.geo._io import atomic_write

__all__ = [
    "ATTRIBUTION",
    "attribution_html",
    "build_report",
    "counts_html",
    "incidents_table_html",
    "save_report",
    "sources_html",
]

#: The data's attribution, as (what, text, link) rows, shown at the foot of every report.
ATTRIBUTION = (
    ("Places", "GeoNames (geonames.org), CC BY 4.0", "https://www.geonames.org/"),
    ("Boundaries and basemap", "\u00a9 OpenStreetMap contributors, ODbL 1.0",
     "https://www.openstreetmap.org/copyright"),
    ("Event coding", ("follows the conventions of ACLED's codebook (event types, time and geo precision, "
                      "fatalities); bordermap is not affiliated with ACLED"),
     "https://acleddata.com/knowledge-base/codebook/"),
)

_E = html.escape
_WEB_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)

# (column, header, sort type) of the incidents table
_TABLE_COLUMNS = (
    ("event_date", "Date", "text"), ("category", "Category", "text"), ("location", "Location", "text"),
    ("country", "Country", "text"), ("fatalities", "Fatalities", "number"), ("actors", "Actors", "text"),
    ("sentence", "Report", "text"), ("sources", "Sources", "text"),
)


def build_report(incidents: gpd.GeoDataFrame, *, places: gpd.GeoDataFrame | None = None,
                 title: str | None = None, sources: Iterable[str | Mapping[str, Any]] | None = None,
                 with_map: bool = True, with_image: bool = True) -> str:
    """The report as one HTML document (a string).

    Parameters
    ----------
    incidents
        The incidents layer (:func:`bordermap.layers.incidents.incidents_to_gdf`).
    places
        Resolved place mentions, passed on to the map.
    title
        The report's title (default "bordermap report").
    sources
        The articles read, for the list of sources: strings (a path or URL) or mappings
        with any of ``id``, ``title``, ``url``, ``published``. Default: the incidents'
        own sources.
    with_map, with_image
        Embed the interactive map (:func:`bordermap.maps.render.build_map` and
        ``save_map(..., self_contained=True)``) and its static PNG (``save_png``, which
        needs Chromium).

    Returns
    -------
    str
        A self-contained HTML document; write it with :func:`save_report`.
    """
    title = title or "bordermap report"
    map_html = png = None
    if with_map or with_image:
        map_html, png = _render_map(incidents, places=places, title=title, with_map=with_map,
                                    with_image=with_image)
    body = [
        f"<header><h1>{_E(title)}</h1>{_summary_html(incidents)}</header>",
        _nav(with_map=map_html is not None, with_image=png is not None),
    ]
    if map_html is not None:
        body.append('<section id="map"><h2>Map</h2>'
                    '<iframe class="bm-map" title="Interactive map of the incidents" '
                    'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
                    f'srcdoc="{_E(map_html, quote=True)}"></iframe>'
                    '<p class="note">Drag to pan, scroll to zoom, click a marker for its report. '
                    "Online base layers show only when a network is available.</p></section>")
    if png is not None:
        b64 = base64.b64encode(png).decode("ascii")
        body.append('<section id="image"><h2>Map image</h2><figure>'
                    f'<img class="bm-img" alt="Static map of the incidents" src="data:image/png;base64,{b64}">'
                    f"<figcaption>{_E(title)}: {len(incidents)} incidents.</figcaption></figure></section>")
    body += [
        f'<section id="counts"><h2>Counts</h2>{counts_html(incidents)}</section>',
        f'<section id="incidents"><h2>Incidents</h2>{incidents_table_html(incidents)}</section>',
        f'<section id="sources"><h2>Sources</h2>{sources_html(sources, incidents=incidents)}</section>',
        f'<section id="data"><h2>Data</h2>{_downloads_html(incidents)}</section>',
        f'<footer id="attribution"><h2>Attribution</h2>{attribution_html()}</footer>',
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="bordermap">'
        f"<title>{_E(title)}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{_SORT_JS}</script>\n</body></html>\n"
    )


def save_report(html_text: str, path: str | os.PathLike) -> Path:
    """Write the report atomically (temp file + rename); returns the path."""
    target = Path(path)
    with atomic_write(target, "wb") as f:
        f.write(html_text.encode("utf-8"))
    return target


# ------------------------------------------------------------------------------ map


def _render_map(incidents: gpd.GeoDataFrame, *, places: gpd.GeoDataFrame | None, title: str,
                with_map: bool, with_image: bool) -> tuple[str | None, bytes | None]:
    """(self-contained map HTML, PNG bytes) from bordermap.maps.render."""
    from bordermap.maps.render import build_map, save_map, save_png

    m = build_map(incidents, places=places, title=title)
    map_html = png = None
    with tempfile.TemporaryDirectory(prefix="bordermap-report-") as tmp:
        if with_map:
            out = Path(tmp) / "map.html"
            save_map(m, out, self_contained=True)
            map_html = out.read_text(encoding="utf-8")
        if with_image:
            out = Path(tmp) / "map.png"
            save_png(m, out, width=1400, height=900)
            png = out.read_bytes()
    return map_html, png


# ------------------------------------------------------------------------------ parts


def _rows(incidents: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    from bordermap.layers.export import _records

    return list(_records(incidents)) if len(incidents) else []


def _style(category: str | None) -> tuple[str, str, str]:
    """(key, label, colour) of a category, from the map's styles."""
    from bordermap.maps._icons import category_style

    s = category_style(category)
    return s.key, s.label, s.color


def _summary_html(incidents: gpd.GeoDataFrame) -> str:
    rows = _rows(incidents)
    dates = sorted(r["event_date"] for r in rows if r.get("event_date"))
    docs = {d for r in rows for d in (r.get("docs") or [r.get("doc")]) if d}
    dead = [r["fatalities"] for r in rows if isinstance(r.get("fatalities"), int)]
    facts = [("incidents", f"{len(rows):,}"), ("articles", f"{len(docs):,}"),
             ("dates", f"{dates[0]} to {dates[-1]}" if dates else "none known"),
             ("fatalities (lowest reported)", f"{sum(dead):,}" if dead else "none reported")]
    return '<dl class="summary">' + "".join(f"<div><dt>{_E(k)}</dt><dd>{_E(v)}</dd></div>" for k, v in facts) + "</dl>"


def _nav(*, with_map: bool, with_image: bool) -> str:
    links = [("map", "Map")] * with_map + [("image", "Map image")] * with_image + [
        ("counts", "Counts"), ("incidents", "Incidents"), ("sources", "Sources"), ("data", "Data"),
        ("attribution", "Attribution")]
    return "<nav>" + " · ".join(f'<a href="#{a}">{_E(t)}</a>' for a, t in links) + "</nav>"


def counts_html(incidents: gpd.GeoDataFrame) -> str:
    """Counts by category (with known fatalities) and by date: SVG bar charts and tables."""
    rows = _rows(incidents)
    if not rows:
        return "<p>No incidents.</p>"
    by_cat: Counter[str] = Counter()
    dead: Counter[str] = Counter()
    for r in rows:
        key = _style(r.get("category"))[0]
        by_cat[key] += 1
        if isinstance(r.get("fatalities"), int):
            dead[key] += r["fatalities"]
    cats = sorted(by_cat, key=lambda k: (-by_cat[k], k))
    cat_bars = [(_style(k)[1], by_cat[k], _style(k)[2]) for k in cats]
    cat_table = ('<table class="counts" id="bm-by-category"><thead><tr><th>Category</th><th>Incidents</th>'
                 "<th>Fatalities</th></tr></thead><tbody>"
                 + "".join(f'<tr data-category="{_E(k)}"><td>{_E(_style(k)[1])}</td><td class="num">{by_cat[k]}</td>'
                           f'<td class="num">{dead.get(k, "")}</td></tr>' for k in cats)
                 + "</tbody></table>")
    dated = sorted(r["event_date"] for r in rows if r.get("event_date"))
    undated = len(rows) - len(dated)
    by_month = bool(dated) and (int(dated[-1][:4]) * 12 + int(dated[-1][5:7])
                                - int(dated[0][:4]) * 12 - int(dated[0][5:7])) >= 3
    by_date = Counter(d[:7] if by_month else d for d in dated)
    date_bars = [(d, by_date[d], "#4a6fa5") for d in sorted(by_date)]
    unit = "month" if by_month else "day"
    date_table = ('<table class="counts" id="bm-by-date"><thead><tr>'
                  f"<th>{'Month' if by_month else 'Date'}</th><th>Incidents</th></tr></thead><tbody>"
                  + "".join(f'<tr><td>{_E(d)}</td><td class="num">{n}</td></tr>' for d, n, _ in date_bars)
                  + (f'<tr><td>date unknown</td><td class="num">{undated}</td></tr>' if undated else "")
                  + "</tbody></table>")
    return ('<div class="charts">'
            f'<figure><figcaption>By category</figcaption>{_bar_svg(cat_bars, "Incidents by category")}'
            f"{cat_table}</figure>"
            f'<figure><figcaption>By {unit}</figcaption>'
            f'{_bar_svg(date_bars, f"Incidents by {unit}") if date_bars else "<p>No dated incidents.</p>"}'
            f"{date_table}</figure></div>")


def _bar_svg(bars: list[tuple[str, int, str]], label: str) -> str:
    """A horizontal bar chart: one (label, count, colour) a row."""
    width, label_w, row_h = 420, 150, 22
    top = max((n for _, n, _ in bars), default=1) or 1
    height = row_h * len(bars) + 4
    parts = [(f'<svg class="bars" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{_E(label)}" '
              f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">')]
    for i, (name, n, color) in enumerate(bars):
        y = i * row_h + 2
        w = max(1.0, (width - label_w - 40) * n / top)
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_E(name)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{_E(color)}">'
                     f"<title>{_E(name)}: {n}</title></rect>"
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 15}">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def incidents_table_html(incidents: gpd.GeoDataFrame) -> str:
    """The incidents as a table sortable by clicking a column header (inline JS in the report)."""
    rows = _rows(incidents)
    if not rows:
        return "<p>No incidents.</p>"
    head = "".join(f'<th data-type="{t}" aria-sort="none"><button type="button">{_E(h)}</button></th>'
                   for _, h, t in _TABLE_COLUMNS)
    body = []
    for r in rows:
        key, label, color = _style(r.get("category"))
        actors = " vs ".join(str(a) for a in (r.get("actor1"), r.get("actor2")) if a)
        date = r.get("event_date") or ""
        date_note = f'<div class="sub">{_E(str(r["date_text"]))}</div>' if r.get("date_text") else ""
        place = " · ".join(str(x) for x in (r.get("location"), r.get("admin1")) if x)
        border = r.get("border")
        border_note = ""
        if border and border != r.get("location"):
            km = r.get("border_distance_km")
            border_note = f'<div class="sub">{_E(str(border))}{f" ({km:g} km)" if isinstance(km, float | int) else ""}</div>'
        fatal = r.get("fatalities")
        fatal_note = f'<div class="sub">{_E(str(r["fatalities_text"]))}</div>' if r.get("fatalities_text") else ""
        sources = r.get("sources") or ([r["source"]] if r.get("source") else [])
        docs = r.get("docs") or ([r["doc"]] if r.get("doc") else [])
        cells = [
            (date, f"{_E(date) or '<span class=sub>unknown</span>'}{date_note}"),
            (key, f'<span class="dot" style="background:{_E(color)}"></span>{_E(label)}'),
            (place, f"{_E(place)}{border_note}"),
            (str(r.get("country") or ""), _E(str(r.get("country") or ""))),
            ("" if fatal is None else str(fatal), f"{'' if fatal is None else fatal}{fatal_note}"),
            (actors, _E(actors)),
            (str(r.get("sentence") or ""), f'<q>{_E(str(r.get("sentence") or ""))}</q>'),
            (" ".join(map(str, sources)), "<br>".join(_link(str(s)) for s in sources)
             + (f'<div class="sub">{_E(", ".join(map(str, docs)))}</div>' if docs else "")),
        ]
        tds = "".join(f'<td data-sort="{_E(s, quote=True)}"{" class=num" if i == 4 else ""}>{h}</td>'
                      for i, (s, h) in enumerate(cells))
        body.append(f'<tr id="{_E("incident-" + str(r.get("event_id") or ""), quote=True)}">{tds}</tr>')
    return ('<p class="note">Click a column header to sort; click again to reverse.</p>'
            '<div class="table-wrap"><table id="bm-incidents" class="incidents">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def _link(s: str) -> str:
    if _WEB_URL.match(s):
        return f'<a href="{_E(s, quote=True)}" rel="noopener noreferrer" target="_blank">{_E(s)}</a>'
    return _E(s)


def sources_html(sources: Iterable[str | Mapping[str, Any]] | None, *,
                 incidents: gpd.GeoDataFrame | None = None) -> str:
    """The articles read: given `sources`, else every source and document the incidents cite."""
    items: list[str] = []
    if sources is None:
        seen: dict[str, None] = {}
        for r in _rows(incidents) if incidents is not None else []:
            for s in r.get("sources") or ([r["source"]] if r.get("source") else []):
                seen.setdefault(str(s))
            for d in r.get("docs") or ([r["doc"]] if r.get("doc") else []):
                seen.setdefault(f"document {d}")
        sources = list(seen)
    for s in sources:
        if isinstance(s, Mapping):
            name = s.get("title") or s.get("id") or s.get("url") or ""
            url = s.get("url")
            text = _link(str(url)) if url and not s.get("title") else _E(str(name))
            if url and s.get("title"):
                text = (f'<a href="{_E(str(url), quote=True)}" rel="noopener noreferrer" target="_blank">{_E(str(name))}</a>'
                        if _WEB_URL.match(str(url)) else f"{_E(str(name))} ({_E(str(url))})")
            extra = " · ".join(_E(str(s[k])) for k in ("published", "id") if s.get(k) and s.get(k) != name)
            items.append(f"<li>{text}{f' <span class=sub>{extra}</span>' if extra else ''}</li>")
        else:
            items.append(f"<li>{_link(str(s))}</li>")
    if not items:
        return "<p>No sources.</p>"
    return f'<ol class="sources">{"".join(items)}</ol>'


def _downloads_html(incidents: gpd.GeoDataFrame) -> str:
    from bordermap.layers.export import to_csv, to_geojson

    if not len(incidents):
        return "<p>No incidents.</p>"
    links = []
    for name, mime, text in (("incidents.geojson", "application/geo+json", to_geojson(incidents)),
                             ("incidents.csv", "text/csv", to_csv(incidents, layer="incidents"))):
        b64 = base64.b64encode(text.encode("utf-8")).decode("ascii")
        links.append(f'<a download="{name}" href="data:{mime};charset=utf-8;base64,{b64}">{name}</a>')
    return ("<p>The incidents as " + " and ".join(links) + " (GeoJSON RFC 7946, [lon, lat] in WGS84; CSV in "
            "ACLED's column names). Figures are machine-extracted from news text: check them against the "
            "sources before relying on them.</p>")


def attribution_html() -> str:
    """The attribution the data require (GeoNames CC BY 4.0, OpenStreetMap ODbL, ACLED's conventions)."""
    return ("<ul class=\"attribution\">"
            + "".join(f'<li><b>{_E(what)}:</b> {_E(text)} (<a href="{_E(url, quote=True)}" rel="noopener noreferrer"'
                      f' target="_blank">{_E(url)}</a>)</li>' for what, text, url in ATTRIBUTION)
            + "<li>Made with bordermap.</li></ul>")


_CSS = """
:root{--ink:#1d2433;--mute:#5b6475;--line:#d9dde5;--bg:#f6f7f9}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;
 max-width:1180px;padding:20px 24px 40px;background:#fff}
h1{font-size:26px;margin:0 0 8px}h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid var(--line);
 padding-bottom:4px}
nav{margin:8px 0 4px;color:var(--mute)}a{color:#2158a8}
.summary{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}.summary div{background:var(--bg);
 border:1px solid var(--line);border-radius:6px;padding:6px 12px}.summary dt{font-size:12px;color:var(--mute)}
.summary dd{margin:0;font-weight:600}
.bm-map{width:100%;height:560px;border:1px solid var(--line);border-radius:6px}
.bm-img{max-width:100%;border:1px solid var(--line);border-radius:6px}
figure{margin:0}figcaption{color:var(--mute);font-size:13px;margin:4px 0}
.note{color:var(--mute);font-size:13px}.sub{color:var(--mute);font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:28px}.bars text{font:12px system-ui,sans-serif;fill:var(--ink)}
table{border-collapse:collapse}td,th{border-bottom:1px solid var(--line);padding:5px 8px;vertical-align:top;
 text-align:left}.num{text-align:right}
.counts{margin-top:8px;font-size:13px}
.table-wrap{overflow-x:auto}.incidents{width:100%;font-size:13px}
.incidents th{background:var(--bg);position:sticky;top:0}.incidents td:first-child{white-space:nowrap}
.incidents th button{font:inherit;font-weight:600;border:0;background:none;cursor:pointer;padding:0;color:inherit}
.incidents th[aria-sort=ascending] button::after{content:" \\25B2"}
.incidents th[aria-sort=descending] button::after{content:" \\25BC"}
.incidents q{quotes:"\\201C" "\\201D"}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px;vertical-align:baseline}
.sources li,.attribution li{margin:3px 0;word-break:break-word}
footer{margin-top:24px;font-size:13px}
@media print{.bm-map,nav,#map .note{display:none}body{max-width:none}}
"""

_SORT_JS = """
(function () {
  "use strict";
  var table = document.getElementById("bm-incidents");
  if (!table) { return; }
  var heads = table.tHead.rows[0].cells;
  function value(row, i, type) {
    var v = row.cells[i].getAttribute("data-sort");
    if (v === null) { v = row.cells[i].textContent; }
    if (v === "") { return null; }
    if (type === "number") { var n = parseFloat(v); return isNaN(n) ? null : n; }
    return v.toLowerCase();
  }
  function sortBy(i) {
    var th = heads[i], type = th.getAttribute("data-type");
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    for (var k = 0; k < heads.length; k++) { heads[k].setAttribute("aria-sort", "none"); }
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (r, n) { return [r, n]; });
    rows.sort(function (a, b) {
      var x = value(a[0], i, type), y = value(b[0], i, type);
      if (x === null || y === null) { return x === y ? a[1] - b[1] : (x === null ? 1 : -1); }
      if (x < y) { return -dir; }
      if (x > y) { return dir; }
      return a[1] - b[1];
    });
    rows.forEach(function (r) { body.appendChild(r[0]); });
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    th.querySelector("button").addEventListener("click", function () { sortBy(i); });
  });
})();
"""
