"""Maps in a real browser: headless Chromium (Playwright), every network request refused.

Chromium is the Debian package at /usr/bin/chromium (``.ci/run`` installs it);
Playwright drives it, so ``playwright install`` is never needed.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, Polygon

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(), reason=f"{CHROMIUM} not found: install Debian's chromium")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (the [test] extra)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


class Page:
    """A page whose every request other than file: and data: is refused and recorded."""

    def __init__(self, browser, width=1400, height=900):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path: Path, frame: str | None = None):
        """Load `path`; wait until the map (in the iframe `frame`, a CSS selector) has its markers."""
        self.page.goto(path.as_uri())
        ctx = self.page
        if frame:
            ctx = self.page.wait_for_selector(frame).content_frame()
        ctx.wait_for_function("window.bordermapReady === true", timeout=30_000)
        return ctx

    def incidents(self):
        """[(index, category key, place, sentence)] of the page's incidents."""
        return self.page.evaluate("""() => {
            const g = window.bordermap.incidentLayers[0], d = g.bordermap.data, S = d.s;
            return d.rows.map((r, i) => [i, d.cats[r[2]].key, r[7] === null ? null : S[r[7]],
                                         r[11] === null ? null : S[r[11]]]);
        }""")

    def click_incident(self, i: int):
        """Zoom until incident i's marker shows, click it, return the popup's text."""
        self.page.evaluate("""(i) => new Promise(done => {
            const g = window.bordermap.incidentLayers[0];
            g.zoomToShowLayer(g.bordermap.markers[i], () => setTimeout(done, 300));
        })""", i)
        self.page.evaluate("(i) => window.bordermap.incidentLayers[0].bordermap.markers[i]._icon.id = 'bm-target'", i)
        self.page.click("#bm-target")
        popup = self.page.locator(".leaflet-popup-content .bm-popup")
        popup.wait_for(timeout=5_000)
        return popup.inner_text()

    def close(self):
        self.context.close()


@pytest.fixture
def page(browser):
    p = Page(browser)
    yield p
    p.close()


def _cli_map(tmp_path: Path, rows: list[dict], name: str = "map.html") -> Path:
    from bordermap.maps.cli import main

    src = tmp_path / "articles.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / name
    assert main(["map", str(src), "-o", str(out), "--self-contained", "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def seeds_map(tmp_path_factory):
    gold = SHARED / "eval" / "seeds.gold.jsonl"
    if not gold.is_file():
        pytest.skip(f"{gold} not found (the shared evaluation data sits beside the checkout)")
    rows = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            rows.append({k: r[k] for k in ("id", "text", "published") if k in r})
    return _cli_map(tmp_path_factory.mktemp("seeds"), rows)


def test_seeds_map_offline(page, seeds_map):
    page.open(seeds_map)
    assert page.blocked == [], "a self-contained map must not ask the network for anything"
    found = page.incidents()
    kabul_strikes = [i for i, cat, place, _ in found if cat == "airstrike" and place and "Kabul" in place]
    assert kabul_strikes, f"no airstrike at Kabul among {[(c, p) for _, c, p, _ in found]}"
    labels = page.page.locator(".bm-border-label").all_inner_texts()
    assert any("Afghanistan\u2013Pakistan border" in t or "Durand Line" in t for t in labels), labels
    assert any(" km" in t for t in labels)
    names = " ".join(page.page.locator(".bm-place-label").all_inner_texts())
    for place in ("Doha", "Istanbul"):
        assert place in names or any(p and place in p for _, _, p, _ in found), place
    assert page.page.locator(".bm-legend").is_visible()
    assert page.page.locator(".bm-title-main").is_visible()
    assert page.errors == []


def test_seeds_map_click_opens_popup_with_sentence(page, seeds_map):
    page.open(seeds_map)
    found = page.incidents()
    target = next(((i, s) for i, cat, place, s in found if cat == "airstrike" and place and "Kabul" in place),
                  next(((i, s) for i, _, _, s in found if s), None))
    assert target is not None, "the seeds map has no incident with a sentence"
    i, sentence = target
    text = page.click_incident(i)
    assert " ".join(sentence.split()) in " ".join(text.split())
    assert "Date" in text
    assert page.errors == [] and page.blocked == []


def test_injected_markup_shows_as_text_and_runs_nothing(page, tmp_path):
    text = ("Artillery shelling hit Quetta on Monday, killing two. <script>window.__pwned=1</script> "
            "<img src=x onerror=\"window.__pwned=2\"> Officials in Quetta said the shells came from across "
            "the border.")
    out = _cli_map(tmp_path, [{"id": "inj", "published": "2025-10-13", "text": text,
                               "title": "<img src=x onerror=\"window.__pwned=3\">Quetta"}])
    page.open(out)
    found = page.incidents()
    assert found, "the injection article gave no incident"
    for i, *_ in found:
        page.click_incident(i)
    assert page.page.evaluate("typeof window.__pwned") == "undefined"
    body = page.page.evaluate("document.body.innerText")
    assert "<script>" in body or "<img src=x" in body, "the markup should be shown as text"
    assert page.page.locator(".leaflet-container img[src='x']").count() == 0
    assert page.blocked == [] and page.errors == []


def _synthetic_map(tmp_path: Path, *, sentence: str, sources: list[str]) -> Path:
    from bordermap.maps.render import build_map, save_map

    inc = gpd.GeoDataFrame(
        {"category": ["shelling", "airstrike"], "event_date": ["2025-10-13", "2025-10-09"], "time_precision": [1, 3],
         "location": ["Quetta", "Kabul"], "country": ["PK", "AF"], "sentence": [sentence, "Jets struck Kabul."],
         "sources": [sources, ["https://example.org/kabul"]], "fatalities": [2, None]},
        geometry=[Point(67.0, 30.18), Point(69.17, 34.53)], crs="EPSG:4326")
    borders = gpd.GeoDataFrame({"name": ["Afghanistan\u2013Pakistan border"], "countries": ["AF|PK"],
                                "length_km": [2640.0]},
                               geometry=[LineString([(61, 29.9), (66.3, 29.9), (69.3, 32.5), (71.1, 34.1)])],
                               crs="EPSG:4326")
    countries = gpd.GeoDataFrame({"iso_a2": ["AF", "PK"], "name": ["Afghanistan", "Pakistan"]},
                                 geometry=[Polygon([(60, 29), (75, 38), (60, 38)]),
                                           Polygon([(61, 24), (78, 24), (75, 37), (61, 29)])], crs="EPSG:4326")
    m = build_map(inc, borders=borders, countries=countries, crossings=inc.iloc[:0], title="Test")
    return save_map(m, tmp_path / "map.html", self_contained=True)


def test_popup_links_only_web_addresses(page, tmp_path):
    sentence = "Shells hit Quetta <b>twice</b> </script><script>window.__pwned=1</script>"
    out = _synthetic_map(tmp_path, sentence=sentence,
                         sources=["/srv/news/quetta.txt", "https://news.example/q?a=1&b=2", "javascript:alert(1)"])
    page.open(out)
    text = page.click_incident(0)
    assert sentence in text and "/srv/news/quetta.txt" in text and "javascript:alert(1)" in text
    hrefs = page.page.locator(".bm-popup a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://news.example/q?a=1&b=2"]
    assert page.page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == [] and page.blocked == []


def test_time_filter_and_legend_filter_markers(page, tmp_path):
    out = _synthetic_map(tmp_path, sentence="Shells hit Quetta.", sources=[])
    page.open(out)
    shown = "() => window.bordermap.incidentLayers[0].getLayers().length"
    assert page.page.evaluate(shown) == 2
    page.page.locator(".bm-legend-row", has_text="Airstrike").locator("input").uncheck()
    assert page.page.evaluate(shown) == 1
    page.page.locator(".bm-legend-row", has_text="Airstrike").locator("input").check()
    # from 2025-10-12 on: the shelling (13 Oct) stays, the airstrike (October, month precision) too
    page.page.evaluate("() => window.bordermap.incidentLayers[0].bordermap.setDateRange(20373, null)")
    assert page.page.evaluate(shown) == 2
    page.page.evaluate("() => window.bordermap.incidentLayers[0].bordermap.setDateRange(null, 20370)")
    assert page.page.evaluate(shown) == 1  # until 2025-10-09: only the October airstrike
    assert "1 of 2 incidents shown" in page.page.locator(".bm-time-status").inner_text()
    assert page.errors == []


def test_map_works_inside_an_iframe(page, seeds_map):
    parent = seeds_map.parent / "embed.html"
    parent.write_text(f'<!DOCTYPE html><html><body><h1>Report</h1><iframe id="m" src="{seeds_map.name}" '
                      'width="900" height="600"></iframe></body></html>', encoding="utf-8")
    frame = page.open(parent, frame="#m")
    assert frame.locator(".leaflet-container").is_visible()
    assert frame.locator(".bm-legend").is_visible()
    assert frame.locator(".leaflet-marker-icon").count() > 0
    assert frame.evaluate("window.bordermap.incidentLayers[0].getLayers().length") > 0
    assert page.errors == [] and page.blocked == []


def test_save_png_draws_the_map(tmp_path):
    from bordermap.maps.render import build_map, save_png

    inc = gpd.GeoDataFrame({"category": ["shelling"], "event_date": ["2025-10-13"], "location": ["Quetta"]},
                           geometry=[Point(67.0, 30.18)], crs="EPSG:4326")
    countries = gpd.GeoDataFrame({"iso_a2": ["PK"], "name": ["Pakistan"]},
                                 geometry=[Polygon([(61, 24), (78, 24), (75, 37), (61, 29)])], crs="EPSG:4326")
    m = build_map(inc, borders=inc.iloc[:0], countries=countries, crossings=inc.iloc[:0])
    out = save_png(m, tmp_path / "map.png", width=800, height=500)
    head = out.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (800, 500)
    assert out.stat().st_size > 10_000


def test_a_folium_popup_added_by_the_caller_works_offline(page, tmp_path):
    """The returned map is the caller's to extend: folium's own Popup needs jQuery."""
    import folium

    from bordermap.maps.render import build_map, save_map

    inc = gpd.GeoDataFrame({"category": ["shelling"], "event_date": ["2025-10-13"], "time_precision": [1],
                            "location": ["Quetta"], "country": ["PK"], "sentence": ["Shells hit Quetta."]},
                           geometry=[Point(67.0, 30.18)], crs="EPSG:4326")
    m = build_map(inc, title="extended", crossings=inc.iloc[:0])
    folium.Marker([34.0, 71.5], popup=folium.Popup("added by the caller")).add_to(m)
    out = save_map(m, tmp_path / "extended.html", self_contained=True)
    page.open(out)
    page.page.evaluate("""() => { for (const l of Object.values(window)) {
        if (l && l instanceof L.Marker && l.getPopup && l.getPopup()) { l.openPopup(); return; } } }""")
    page.page.wait_for_selector("text=added by the caller", timeout=5_000)
    assert page.errors == [] and page.blocked == []
