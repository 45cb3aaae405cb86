"""The hand-over report: its parts on their own, then the whole file in Chromium with no network."""

from __future__ import annotations

import base64
import re
import struct
import warnings
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bordermap.maps import report
from bordermap.maps.report import (
    attribution_html,
    build_report,
    counts_html,
    incidents_table_html,
    save_report,
    sources_html,
)
from test_export import make_incidents

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def tiny_png(width: int = 40, height: int = 20) -> bytes:
    """A valid solid-blue PNG, made here (no image library needed)."""
    raw = b"".join(b"\x00" + b"\x20\x60\xc0" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


STUB_MAP = ('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
            '<div id="stub-map" style="width:100%;height:300px;background:#cde">map "stub" &amp; more</div>'
            '<script>document.getElementById("stub-map").setAttribute("data-ran", "yes");</script></body></html>')


@pytest.fixture()
def stub_map(monkeypatch):
    """Replace the map renderer by a small self-contained page and PNG."""
    calls = []

    def fake(incidents, *, places, title, with_map, with_image):
        calls.append(title)
        return (STUB_MAP if with_map else None), (tiny_png() if with_image else None)

    monkeypatch.setattr(report, "_render_map", fake)
    return calls


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html_text: str) -> list[tuple[str, dict]]:
    p = _Tags()
    p.feed(html_text)
    return p.tags


# ------------------------------------------------------------------------------ parts


def test_table_rows_escaping_and_links():
    html_text = incidents_table_html(make_incidents())
    tags = tags_of(html_text)
    assert sum(t == "tr" for t, _ in tags) == 5  # header + 4 incidents
    assert "&lt;b&gt;Kabul&lt;/b&gt;" in html_text and "<b>Kabul" not in html_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text and "<script" not in html_text
    hrefs = [a["href"] for t, a in tags if t == "a"]
    assert hrefs == ["https://example.org/a?x=1&y=2"]  # only web URLs become links; paths stay text
    headers = re.findall(r"<button type=\"button\">([^<]+)</button>", html_text)
    assert headers == ["Date", "Category", "Location", "Country", "Fatalities", "Actors", "Report", "Sources"]
    assert 'data-sort="12"' in html_text and "earlier this month" in html_text


def test_javascript_urls_are_not_links():
    inc = make_incidents()
    inc.at[0, "sources"] = ["javascript:alert(1)", "https://ok.example/x"]
    html_text = incidents_table_html(inc) + sources_html(["javascript:alert(2)", {"title": "T", "url": "javascript:x"}])
    hrefs = [a["href"] for t, a in tags_of(html_text) if t == "a"]
    assert hrefs == ["https://ok.example/x"]


def test_counts_by_category_and_date():
    html_text = counts_html(make_incidents())
    rows = dict(re.findall(r'<tr data-category="(\w+)"><td>[^<]+</td><td class="num">(\d+)</td>', html_text))
    assert rows == {"airstrike": "1", "armed_clash": "1", "ceasefire": "1", "attack": "1"}
    dates = re.findall(r'<tr><td>([\d-]+)</td><td class="num">(\d+)</td>', html_text)
    assert dates == [("2025-10-09", "1"), ("2025-10-15", "1"), ("2025-10-20", "1")]
    assert "date unknown" in html_text
    assert html_text.count("<svg") == 2 and html_text.count("<rect") == 4 + 3


def test_counts_by_month_for_long_spans():
    inc = make_incidents()
    inc["event_date"] = ["2025-01-03", "2025-01-20", None, "2025-06-01"]
    html_text = counts_html(inc)
    assert "By month" in html_text
    assert re.findall(r'<tr><td>([\d-]+)</td><td class="num">(\d+)</td>', html_text) == [("2025-01", "2"),
                                                                                        ("2025-06", "1")]


def test_attribution():
    text = attribution_html()
    assert "GeoNames" in text and "CC BY 4.0" in text
    assert "\u00a9 OpenStreetMap contributors" in text and "ODbL" in text
    assert "ACLED" in text


def test_sources_default_to_the_incidents():
    text = sources_html(None, incidents=make_incidents())
    assert text.count("<li>") == 7  # 4 sources + 3 documents
    given = sources_html([{"id": "a1", "title": "Talks <resume>", "url": "https://x.example/a", "published": "2025-10-30"}])
    assert "Talks &lt;resume&gt;" in given and 'href="https://x.example/a"' in given and "2025-10-30" in given


def test_report_without_map_is_valid_and_escaped():
    html_text = build_report(make_incidents(), title="AF–PK <script>x</script>", with_map=False, with_image=False)
    assert html_text.startswith("<!DOCTYPE html>")
    assert html_text.count("<script") == 1  # the table sorter only
    assert "<title>AF–PK &lt;script&gt;x&lt;/script&gt;</title>" in html_text
    remote = [(t, a) for t, a in tags_of(html_text)
              if re.match(r"(https?:)?//", a.get("src") or "") or (t == "link" and a.get("href"))]
    assert remote == []  # nothing to load: no CDN script, style, font or image
    for section in ("counts", "incidents", "sources", "data", "attribution"):
        assert f'id="{section}"' in html_text
    downloads = {a["download"]: a["href"] for t, a in tags_of(html_text) if t == "a" and "download" in a}
    geojson = base64.b64decode(downloads["incidents.geojson"].split(",", 1)[1]).decode()
    assert '"coordinates":[69.1723,34.5281]' in geojson


def test_report_embeds_map_and_image(stub_map):
    html_text = build_report(make_incidents(), title="T")
    assert stub_map == ["T"]
    (iframe,) = [a for t, a in tags_of(html_text) if t == "iframe"]
    assert iframe["srcdoc"] == STUB_MAP  # escaped in the attribute, the same page once parsed
    assert "allow-scripts" in iframe["sandbox"] and "allow-same-origin" not in iframe["sandbox"]
    (img,) = [a for t, a in tags_of(html_text) if t == "img"]
    assert base64.b64decode(img["src"].removeprefix("data:image/png;base64,")) == tiny_png()


def test_save_report_is_atomic(tmp_path, monkeypatch):
    out = save_report("<!DOCTYPE html><p>ok</p>", tmp_path / "r.html")
    assert out.read_text(encoding="utf-8") == "<!DOCTYPE html><p>ok</p>"

    class Boom(str):
        def encode(self, *a, **k):
            raise RuntimeError("failed")

    with pytest.raises(RuntimeError):
        save_report(Boom("x"), tmp_path / "r.html")
    assert out.read_text(encoding="utf-8") == "<!DOCTYPE html><p>ok</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


# ------------------------------------------------------------------------------ in Chromium

needs_browser = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed")


@pytest.fixture()
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with warnings.catch_warnings():
        warnings.simplefilter("default")  # Playwright's event loop is not ours to judge
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pg = browser.new_page(viewport={"width": 1280, "height": 900})
            pg.blocked = []  # type: ignore[attr-defined]

            def route(r):
                if r.request.url.split(":", 1)[0] in ("file", "data", "about", "blob"):
                    r.continue_()
                else:
                    pg.blocked.append((r.request.resource_type, r.request.url))  # type: ignore[attr-defined]
                    r.abort()

            pg.context.route("**/*", route)
            yield pg
            browser.close()


def column(pg, i: int) -> list[str]:
    return pg.eval_on_selector_all(f"#bm-incidents tbody tr td:nth-child({i})",
                                   "cells => cells.map(c => c.getAttribute('data-sort'))")


@needs_browser
def test_report_in_chromium_offline_sorts(page, stub_map, tmp_path):
    out = save_report(build_report(make_incidents(), title="Offline"), tmp_path / "report.html")
    page.goto(out.as_uri())
    page.wait_for_load_state("load")
    frame = page.frame_locator("iframe.bm-map")
    assert frame.locator("#stub-map").get_attribute("data-ran") == "yes"  # the map page runs, sandboxed
    assert page.eval_on_selector("img.bm-img", "i => i.complete && i.naturalWidth") == 40
    assert page.locator("#bm-incidents tbody tr").count() == 4
    assert column(page, 1) == ["2025-10-09", "2025-10-15", "", "2025-10-20"]
    page.click("#bm-incidents th:nth-child(5) button")  # Fatalities, ascending; unknown last
    assert column(page, 5) == ["0", "3", "12", ""]
    assert page.get_attribute("#bm-incidents th:nth-child(5)", "aria-sort") == "ascending"
    page.click("#bm-incidents th:nth-child(5) button")
    assert column(page, 5) == ["12", "3", "0", ""]
    page.click("#bm-incidents th:nth-child(3) button")  # Location, text
    assert page.eval_on_selector_all("#bm-incidents tbody tr", "rs => rs.map(r => r.id)") == [
        "incident-BMDOHA000003", "incident-BMKABUL00001", "incident-BMQUETTA0004", "incident-BMTORKHAM002"]
    assert page.blocked == []


@needs_browser
def test_report_with_real_map_in_chromium(page, tmp_path):
    pytest.importorskip("bordermap.maps.render")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # folium's notice about online tile providers
        html_text = build_report(make_incidents(), title="AF–PK incidents")
    out = save_report(html_text, tmp_path / "report.html")
    page.goto(out.as_uri())
    page.wait_for_load_state("load")
    frame = page.frame_locator("iframe.bm-map")
    frame.locator(".leaflet-container").wait_for(timeout=30000)
    page.wait_for_function("document.querySelector('img.bm-img').naturalWidth > 0", timeout=30000)
    assert page.eval_on_selector("img.bm-img", "i => i.naturalWidth") >= 800
    assert page.locator("#bm-incidents tbody tr").count() == 4
    page.click("#bm-incidents th:nth-child(5) button")
    assert column(page, 5) == ["0", "3", "12", ""]
    page.wait_for_timeout(1500)
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000
    # only optional online layers (tiles) may have been refused, never a script or a style
    assert [u for kind, u in page.blocked if kind in ("script", "stylesheet", "font", "document")] == []
