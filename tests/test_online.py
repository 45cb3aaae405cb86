"""Tests of bordermap.geo.online against a real HTTP server on 127.0.0.1.

The server speaks enough of Nominatim's API (``/search``, ``/reverse``) and Photon's
(``/api``) for the client; each test scripts the faults it needs (429, 500, a slow
answer, malformed JSON). Nothing here touches the network beyond the loopback.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from bordermap.geo._errors import QueryError, UnknownCountryError
from bordermap.geo.online import OnlineFallback, default_cache_path, default_user_agent

# Kabul: asymmetric point, so a lat/lon swap cannot go unnoticed.
KABUL_LAT, KABUL_LON = 34.5281, 69.1723

KABUL = {
    "place_id": 297766513,
    "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
    "osm_type": "relation",
    "osm_id": 6490434,
    "lat": str(KABUL_LAT),
    "lon": str(KABUL_LON),
    "class": "place",
    "type": "city",
    "place_rank": 16,
    "importance": 0.7256,
    "addresstype": "city",
    "name": "Kabul",
    "display_name": "Kabul, Kabul Province, Afghanistan",
    "address": {
        "city": "Kabul",
        "state": "Kabul Province",
        "ISO3166-2-lvl4": "AF-KAB",
        "country": "Afghanistan",
        "country_code": "af",
    },
    "boundingbox": ["34.3", "34.7", "68.9", "69.4"],
}

TORKHAM = {
    "osm_type": "node",
    "osm_id": 2416158543,
    "lat": "34.1167",
    "lon": "71.0833",
    "class": "boundary",
    "type": "administrative",
    "importance": 0.31,
    "name": "Torkham",
    "display_name": "Torkham, Khyber District, Khyber Pakhtunkhwa, Pakistan",
    "address": {"state": "Khyber Pakhtunkhwa", "country": "Pakistan", "country_code": "pk"},
}

PLACES = {"kabul": [KABUL], "torkham": [TORKHAM]}


@dataclass
class Reply:
    """A scripted answer: status, body, headers and a delay before answering."""

    status: int = 200
    body: bytes | str | Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    time: float


class FakeGeocoder:
    """State shared by the server's handler threads and the test."""

    def __init__(self) -> None:
        self.seen: list[Seen] = []
        self.script: list[Reply] = []  # consumed first, one per request
        self.always: Reply | None = None  # then this, if set
        self.release = threading.Event()  # wakes delayed handlers at teardown
        self.lock = threading.Lock()
        self.domain = ""

    def count(self, path: str | None = None) -> int:
        return sum(1 for s in self.seen if path is None or s.path == path)

    def next_reply(self, path: str, params: dict[str, str]) -> Reply:
        with self.lock:
            if self.script:
                return self.script.pop(0)
            if self.always is not None:
                return self.always
        return Reply(body=self.default_body(path, params))

    @staticmethod
    def default_body(path: str, params: dict[str, str]) -> Any:
        if path == "/search":
            places = PLACES.get(params.get("q", "").strip().lower(), [])
            codes = params.get("countrycodes")
            if codes:
                wanted = set(codes.lower().split(","))
                places = [p for p in places if p["address"]["country_code"] in wanted]
            places = places[: int(params.get("limit", "10"))]
            if params.get("format") == "jsonv2":  # jsonv2 says "category", not "class"
                places = [
                    {("category" if k == "class" else k): v for k, v in p.items()} for p in places
                ]
            if params.get("addressdetails") != "1":
                places = [{k: v for k, v in p.items() if k != "address"} for p in places]
            return places
        if path == "/reverse":
            lat, lon = float(params["lat"]), float(params["lon"])
            if abs(lat - KABUL_LAT) < 0.1 and abs(lon - KABUL_LON) < 0.1:
                return KABUL
            return {"error": "Unable to geocode"}
        if path == "/api":  # Photon: GeoJSON, coordinates (lon, lat)
            features = [
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [KABUL_LON, KABUL_LAT]},
                    "properties": {
                        "osm_id": 6490434,
                        "osm_type": "R",
                        "osm_key": "place",
                        "osm_value": "city",
                        "name": "Kabul",
                        "countrycode": "AF",
                        "country": "Afghanistan",
                        "state": "Kabul Province",
                        "type": "city",
                    },
                },
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [-83.0, 40.0]},
                    "properties": {
                        "osm_id": 1,
                        "osm_type": "N",
                        "osm_key": "place",
                        "osm_value": "village",
                        "name": "Kabul",
                        "countrycode": "US",
                        "state": "Ohio",
                    },
                },
            ]
            return {"type": "FeatureCollection", "features": features}
        return None


def _handler(fake: FakeGeocoder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(url.query).items()}
            with fake.lock:
                fake.seen.append(Seen(url.path, params, dict(self.headers), time.monotonic()))
            reply = fake.next_reply(url.path, params)
            if reply.delay:
                fake.release.wait(reply.delay)
            body = reply.body
            if not isinstance(body, bytes | str):
                body = json.dumps(body)
            data = body.encode() if isinstance(body, str) else body
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client timed out
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def server() -> Iterator[FakeGeocoder]:
    """A threaded HTTP server on a free port of 127.0.0.1, shut down cleanly."""
    fake = FakeGeocoder()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.domain = f"127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield fake
    finally:
        fake.release.set()
        httpd.shutdown()
        httpd.server_close()  # joins the handler threads
        thread.join()


@pytest.fixture
def make(server: FakeGeocoder, tmp_path: Path) -> Iterator[Any]:
    """Build OnlineFallback objects pointed at the server; close them afterwards."""
    built: list[OnlineFallback] = []

    def factory(**options: Any) -> OnlineFallback:
        settings: dict[str, Any] = {
            "domain": server.domain,
            "scheme": "http",
            "user_agent": "bordermap-tests/1.0 (test@example.org)",
            "timeout": 2.0,
            "min_delay_seconds": 0.0,
            "max_retries": 2,
            "backoff_seconds": 0.01,
            "cache_path": tmp_path / "geocode.sqlite",
        }
        settings.update(options)
        fallback = OnlineFallback(**settings)
        built.append(fallback)
        return fallback

    yield factory
    for fallback in built:
        fallback.close()


# --------------------------------------------------------------------------- success


def test_geocode_returns_gazetteer_shaped_candidate(make: Any, server: FakeGeocoder) -> None:
    [kabul] = make().geocode("Kabul")
    assert kabul == {
        "name": "Kabul",
        "lat": pytest.approx(KABUL_LAT),
        "lon": pytest.approx(KABUL_LON),
        "country": "AF",
        "admin1": "Kabul Province",
        "feature": "PPL",
        "population": None,
        "geonameid": None,
        "score": pytest.approx(0.7256),
        "source": "nominatim",
        "id": "osm:relation:6490434",
    }
    # Latitude first: Kabul is at 34.5 N, 69.2 E, not the other way round.
    assert kabul["lat"] < kabul["lon"]
    [seen] = server.seen
    assert seen.path == "/search"
    assert seen.params["q"] == "Kabul"
    assert seen.params["addressdetails"] == "1"
    assert seen.params["limit"] == "1"
    assert "countrycodes" not in seen.params


def test_administrative_boundary_maps_to_adm(make: Any) -> None:
    [torkham] = make().geocode("Torkham")
    assert torkham["feature"] == "ADM"
    assert torkham["country"] == "PK"
    assert torkham["id"] == "osm:node:2416158543"


def test_user_agent_header_is_the_configured_one(make: Any, server: FakeGeocoder) -> None:
    make(user_agent="my-newsroom-mapper/2.3 (desk@example.org)").geocode("Kabul")
    assert server.seen[0].headers["User-Agent"] == "my-newsroom-mapper/2.3 (desk@example.org)"


def test_user_agent_defaults_to_bordermap_or_environment(
    make: Any, server: FakeGeocoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BORDERMAP_USER_AGENT", raising=False)
    assert default_user_agent().startswith("bordermap/")
    monkeypatch.setenv("BORDERMAP_USER_AGENT", "env-agent/1.0")
    make(user_agent=None).geocode("Kabul")
    assert server.seen[0].headers["User-Agent"] == "env-agent/1.0"


def test_country_filter_is_sent_as_countrycodes(make: Any, server: FakeGeocoder) -> None:
    fallback = make()
    assert fallback.geocode("Kabul", country="af")[0]["country"] == "AF"
    assert server.seen[-1].params["countrycodes"] == "af"
    # The server filters: Kabul is not in Pakistan; a different cache entry.
    assert fallback.geocode("Kabul", country="PK") == []
    assert server.seen[-1].params["countrycodes"] == "pk"
    assert server.count() == 2


def test_limit_is_sent(make: Any, server: FakeGeocoder) -> None:
    make().geocode("Kabul", limit=5)
    assert server.seen[0].params["limit"] == "5"


# --------------------------------------------------------------------------- cache


def test_second_call_is_served_from_cache(make: Any, server: FakeGeocoder) -> None:
    fallback = make()
    first = fallback.geocode("Kabul")
    assert fallback.geocode("Kabul") == first
    assert fallback.geocode("  KABUL ") == first  # normalised query, same key
    assert server.count() == 1


def test_new_instance_with_same_cache_path_uses_cache(
    make: Any, server: FakeGeocoder, tmp_path: Path
) -> None:
    first = make().geocode("Kabul")
    second = make(cache_path=tmp_path / "geocode.sqlite").geocode("Kabul")
    assert second == first
    assert server.count() == 1


def test_cache_key_separates_limit_and_country(make: Any, server: FakeGeocoder) -> None:
    fallback = make()
    fallback.geocode("Kabul")
    fallback.geocode("Kabul", limit=3)
    fallback.geocode("Kabul", country="AF")
    assert server.count() == 3


def test_not_found_is_cached_as_negative(make: Any, server: FakeGeocoder) -> None:
    fallback = make()
    assert fallback.geocode("Nowhere-on-Earth") == []
    assert fallback.last_error is None
    assert fallback.geocode("Nowhere-on-Earth") == []
    assert server.count() == 1


def test_cache_can_be_disabled(make: Any, server: FakeGeocoder) -> None:
    fallback = make(cache=False)
    fallback.geocode("Kabul")
    fallback.geocode("Kabul")
    assert server.count() == 2
    assert fallback.cache_path is None


def test_unusable_cache_path_degrades_to_no_cache(
    make: Any, server: FakeGeocoder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    fallback = make(cache_path=blocker / "geocode.sqlite")
    with caplog.at_level(logging.WARNING, logger="bordermap.geo.online"):
        assert fallback.geocode("Kabul")[0]["name"] == "Kabul"
    assert "cache" in caplog.text


def test_cache_shared_by_threads_and_instances(
    make: Any, server: FakeGeocoder, tmp_path: Path
) -> None:
    names = ["Kabul", "Torkham", "Nowhere"]
    results: dict[int, list[Any]] = {}

    def work(i: int) -> None:
        fallback = make(cache_path=tmp_path / "geocode.sqlite")
        results[i] = [fallback.geocode(n) for n in names]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results.values())
    assert results[0][0][0]["name"] == "Kabul"
    # Afterwards everything is in the cache.
    before = server.count()
    fresh = make(cache_path=tmp_path / "geocode.sqlite")
    assert [fresh.geocode(n) for n in names] == results[0]
    assert server.count() == before


def test_default_cache_path_follows_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BORDERMAP_CACHE_DIR", str(tmp_path / "bm"))
    assert default_cache_path() == tmp_path / "bm" / "geocode.sqlite"
    monkeypatch.delenv("BORDERMAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_path() == tmp_path / "xdg" / "bordermap" / "geocode.sqlite"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_path() == Path.home() / ".cache" / "bordermap" / "geocode.sqlite"
    # Building the object creates nothing on disk.
    monkeypatch.setenv("BORDERMAP_CACHE_DIR", str(tmp_path / "untouched"))
    OnlineFallback().close()
    assert not (tmp_path / "untouched").exists()


# --------------------------------------------------------------------------- faults


def test_429_with_retry_after_is_honoured_then_succeeds(make: Any, server: FakeGeocoder) -> None:
    server.script = [Reply(status=429, body=b"Too Many Requests", headers={"Retry-After": "1"})]
    fallback = make()
    start = time.monotonic()
    [kabul] = fallback.geocode("Kabul")
    assert kabul["name"] == "Kabul"
    assert server.count() == 2
    assert server.seen[1].time - server.seen[0].time >= 0.95
    assert time.monotonic() - start >= 0.95
    assert fallback.last_error is None


def test_429_asking_longer_than_the_cap_gives_up_at_once(make: Any, server: FakeGeocoder) -> None:
    server.always = Reply(status=429, body=b"slow down", headers={"Retry-After": "3600"})
    fallback = make(max_wait_seconds=5.0)
    start = time.monotonic()
    assert fallback.geocode("Kabul") == []
    assert time.monotonic() - start < 1.0
    assert server.count() == 1
    assert fallback.last_error is not None and "429" in fallback.last_error
    # The pause is remembered: the next name is not asked either, and nobody waits.
    assert fallback.geocode("Torkham") == []
    assert server.count() == 1
    assert time.monotonic() - start < 1.0
    assert "not asked" in fallback.last_error


def test_transport_does_not_retry_behind_our_back(make: Any, server: FakeGeocoder) -> None:
    # geopy's default RequestsAdapter would let urllib3 retry a 429 with Retry-After.
    server.always = Reply(status=429, headers={"Retry-After": "1"})
    fallback = make(max_retries=0)
    start = time.monotonic()
    assert fallback.geocode("Kabul") == []
    assert server.count() == 1
    assert time.monotonic() - start < 0.9


def test_persistent_500_gives_up_cleanly_and_is_not_cached(
    make: Any, server: FakeGeocoder, caplog: pytest.LogCaptureFixture
) -> None:
    server.always = Reply(status=500, body=b"<html>Internal Server Error</html>")
    fallback = make(max_retries=2)
    with caplog.at_level(logging.WARNING, logger="bordermap.geo.online"):
        assert fallback.geocode("Kabul") == []
    assert server.count() == 3  # 1 + max_retries
    assert fallback.last_error is not None
    assert "Kabul" in fallback.last_error and "3 attempt" in fallback.last_error
    assert "Kabul" in caplog.text
    # Not cached: once the service recovers the name is asked again and found.
    server.always = None
    assert fallback.geocode("Kabul")[0]["name"] == "Kabul"
    assert server.count() == 4
    assert fallback.last_error is None


def test_backoff_grows_exponentially(make: Any, server: FakeGeocoder) -> None:
    server.always = Reply(status=503)
    make(max_retries=2, backoff_seconds=0.1).geocode("Kabul")
    t = [s.time for s in server.seen]
    assert len(t) == 3
    assert t[1] - t[0] >= 0.1
    assert t[2] - t[1] >= 0.2


def test_timeout_gives_up_cleanly(make: Any, server: FakeGeocoder) -> None:
    server.always = Reply(body=[KABUL], delay=5.0)
    fallback = make(timeout=0.3, max_retries=1)
    start = time.monotonic()
    assert fallback.geocode("Kabul") == []
    assert time.monotonic() - start < 2.0
    assert server.count() == 2
    assert fallback.last_error is not None and "timed out" in fallback.last_error


def test_malformed_json_gives_up_cleanly(make: Any, server: FakeGeocoder) -> None:
    server.always = Reply(body=b"{not json at all")
    fallback = make(max_retries=1)
    assert fallback.geocode("Kabul") == []
    assert server.count() == 2
    assert fallback.last_error is not None and "malformed" in fallback.last_error
    server.always = None
    assert fallback.geocode("Kabul")[0]["name"] == "Kabul"  # nothing was cached


def test_json_of_the_wrong_shape_gives_up_cleanly(make: Any, server: FakeGeocoder) -> None:
    server.always = Reply(body=[{"display_name": "no coordinates here"}])
    fallback = make(max_retries=0)
    assert fallback.geocode("Kabul") == []
    assert fallback.last_error is not None


def test_query_error_is_not_retried(make: Any, server: FakeGeocoder) -> None:
    server.always = Reply(status=400, body=b"bad request")
    fallback = make(max_retries=3)
    assert fallback.geocode("Kabul") == []
    assert server.count() == 1
    assert fallback.last_error is not None


def test_connection_refused_gives_up_cleanly(make: Any, tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    fallback = make(domain=f"127.0.0.1:{port}", max_retries=1)
    assert fallback.geocode("Kabul") == []
    assert fallback.last_error is not None and "unreachable" in fallback.last_error


# --------------------------------------------------------------------------- rate limit


def test_requests_are_spaced_by_min_delay(make: Any, server: FakeGeocoder) -> None:
    fallback = make(min_delay_seconds=0.3)
    fallback.geocode("Kabul")
    fallback.geocode("Torkham")
    fallback.reverse(KABUL_LAT, KABUL_LON)  # the same limiter covers reverse
    t = [s.time for s in server.seen]
    assert len(t) == 3
    assert t[1] - t[0] >= 0.29  # small allowance for the server's clock reading
    assert t[2] - t[1] >= 0.29


# --------------------------------------------------------------------------- reverse


def test_reverse_keeps_latitude_first(make: Any, server: FakeGeocoder) -> None:
    fallback = make()
    place = fallback.reverse(KABUL_LAT, KABUL_LON)
    assert place is not None and place["name"] == "Kabul" and place["country"] == "AF"
    seen = server.seen[0]
    assert seen.path == "/reverse"
    assert float(seen.params["lat"]) == pytest.approx(KABUL_LAT)
    assert float(seen.params["lon"]) == pytest.approx(KABUL_LON)
    assert fallback.reverse(KABUL_LAT, KABUL_LON) == place
    assert server.count() == 1


def test_reverse_nothing_there_is_none_and_cached(make: Any, server: FakeGeocoder) -> None:
    fallback = make()
    assert fallback.reverse(-40.0, -120.0) is None  # the Pacific
    assert fallback.reverse(-40.0, -120.0) is None
    assert server.count() == 1
    assert fallback.last_error is None


def test_reverse_failure_is_none(make: Any, server: FakeGeocoder) -> None:
    server.always = Reply(status=502)
    fallback = make(max_retries=0)
    assert fallback.reverse(KABUL_LAT, KABUL_LON) is None
    assert fallback.last_error is not None


# --------------------------------------------------------------------------- Photon


def test_photon_swaps_geojson_order_and_filters_country(make: Any, server: FakeGeocoder) -> None:
    fallback = make(service="photon")
    [kabul] = fallback.geocode("Kabul", country="AF")
    assert server.seen[0].path == "/api"
    assert (kabul["lat"], kabul["lon"]) == (pytest.approx(KABUL_LAT), pytest.approx(KABUL_LON))
    assert kabul["source"] == "photon"
    assert kabul["id"] == "osm:relation:6490434"
    assert kabul["feature"] == "PPL"
    [ohio] = fallback.geocode("Kabul", country="US")
    assert ohio["admin1"] == "Ohio"


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
def test_empty_query_raises_query_error(make: Any, server: FakeGeocoder, query: str) -> None:
    with pytest.raises(QueryError, match="query"):
        make().geocode(query)
    assert server.count() == 0


def test_query_error_is_a_value_error(make: Any) -> None:
    with pytest.raises(ValueError):
        make().geocode("")


@pytest.mark.parametrize("limit", [0, 41, -1, True, 1.5])
def test_bad_limit_raises(make: Any, limit: Any) -> None:
    with pytest.raises(QueryError, match="limit"):
        make().geocode("Kabul", limit=limit)


@pytest.mark.parametrize("country", ["AFG", "A", "1A", ""])
def test_bad_country_raises(make: Any, country: str) -> None:
    with pytest.raises(UnknownCountryError, match="country"):
        make().geocode("Kabul", country=country)


@pytest.mark.parametrize(("lat", "lon"), [(91.0, 0.0), (0.0, 181.0), (float("nan"), 0.0)])
def test_bad_reverse_point_raises(make: Any, lat: float, lon: float) -> None:
    with pytest.raises(QueryError):
        make().reverse(lat, lon)


@pytest.mark.parametrize(
    "options",
    [
        {"service": "google"},
        {"scheme": "ftp"},
        {"timeout": 0},
        {"max_retries": -1},
        {"min_delay_seconds": -1.0},
    ],
)
def test_bad_options_raise(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        OnlineFallback(cache=False, **options)


def test_injected_geocoder_is_used(server: FakeGeocoder, tmp_path: Path) -> None:
    from geopy.geocoders import Nominatim

    with Nominatim(user_agent="injected/1.0", domain=server.domain, scheme="http") as geocoder:
        fallback = OnlineFallback(geocoder=geocoder, cache=False, min_delay_seconds=0)
        assert fallback.geocode("Kabul")[0]["country"] == "AF"
        fallback.close()
    assert server.seen[0].headers["User-Agent"] == "injected/1.0"
    assert fallback.domain == server.domain  # so the cache key names the real service


def test_jsonv2_results_and_country_boundaries_are_read() -> None:
    from bordermap.geo.online import _nominatim_candidate

    raw = {k: v for k, v in KABUL.items() if k != "class"} | {"category": "place"}
    assert _nominatim_candidate(raw, 0)["feature"] == "PPL"
    afghanistan = {
        "osm_type": "relation",
        "osm_id": 303427,
        "lat": "33.77",
        "lon": "66.24",
        "category": "boundary",
        "type": "administrative",
        "addresstype": "country",
        "name": "Afghanistan",
        "address": {"country_code": "af"},
    }
    candidate = _nominatim_candidate(afghanistan, 2)
    assert candidate["feature"] == "PCLI"
    assert candidate["admin1"] is None
    assert candidate["score"] == pytest.approx(1 / 3, abs=1e-3)  # no importance: by rank
