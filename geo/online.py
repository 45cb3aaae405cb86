"""Online geocoders (geopy) as an optional fallback for names the gazetteer lacks.

bordermap works offline; nothing here runs unless a caller builds an
:class:`OnlineFallback` and asks it. It wraps one of geopy's geocoders
(Nominatim by default, Photon on request) with what a polite, robust client needs:

- a user agent that names the application (Nominatim's usage policy requires one);
  ``BORDERMAP_USER_AGENT`` overrides the default;
- geopy's :class:`~geopy.extra.rate_limiter.RateLimiter` for the request rate
  (Nominatim allows one request a second);
- retries with exponential backoff on timeouts, 5xx, 429 (honouring ``Retry-After``),
  refused connections and malformed JSON, then a clean give-up: :meth:`~OnlineFallback.geocode`
  returns ``[]`` and records :attr:`~OnlineFallback.last_error`, so the caller keeps
  its offline answer;
- a SQLite cache on disk (WAL, safe across processes) so a name is never asked twice.
  Only answers from successful responses are cached, including "not found"; errors never.

Candidates have the shape of the offline gazetteer's: ``name``, ``lat``, ``lon``,
``country`` (ISO 3166-1 alpha-2, upper case), ``admin1``, ``feature`` (a GeoNames-like
feature code where the mapping is obvious), ``population`` (``None``), ``geonameid``
(``None``), ``score`` (0-1), ``source`` (``"nominatim"`` or ``"photon"``) and ``id``
(``"osm:<osm_type>:<osm_id>"``).
"""

from __future__ import annotations

import functools
import json
import logging
import math
import os
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Mapping
from contextlib import ExitStack, closing
from pathlib import Path
from typing import Any, Final, Literal

from bordermap.geo._errors import QueryError, UnknownCountryError

__all__ = [
    "OnlineFallback",
    "default_cache_path",
    "default_user_agent",
]

logger = logging.getLogger(__name__)

Candidate = dict[str, Any]

#: Services this module knows how to ask and whose answers it knows how to read.
SERVICES: Final = ("nominatim", "photon")

_DEFAULT_DOMAINS: Final = {
    "nominatim": "nominatim.openstreetmap.org",
    "photon": "photon.komoot.io",
}

#: Nominatim refuses ``limit`` above 40 (its documented maximum).
_MAX_LIMIT: Final = 40

#: Bump when the cached value's shape changes; old rows are then simply not found.
_CACHE_VERSION: Final = 1

#: OSM (key, value) -> GeoNames feature code, where the correspondence is obvious.
_FEATURE_CODES: Final[dict[tuple[str, str], str]] = {
    ("place", "city"): "PPL",
    ("place", "town"): "PPL",
    ("place", "village"): "PPL",
    ("place", "hamlet"): "PPL",
    ("place", "suburb"): "PPLX",
    ("place", "quarter"): "PPLX",
    ("place", "neighbourhood"): "PPLX",
    ("place", "locality"): "LCTY",
    ("place", "country"): "PCLI",
    ("place", "state"): "ADM1",
    ("place", "province"): "ADM1",
    ("boundary", "administrative"): "ADM",
    ("natural", "peak"): "MT",
    ("natural", "mountain_range"): "MTS",
    ("waterway", "river"): "STM",
    ("mountain_pass", "yes"): "PASS",
}

#: Nominatim ``addresstype`` of an administrative boundary -> GeoNames code.
_ADMIN_LEVEL_CODES: Final = {"country": "PCLI", "state": "ADM1", "province": "ADM1"}

_PHOTON_OSM_TYPES: Final = {"N": "node", "W": "way", "R": "relation"}


# --------------------------------------------------------------------------- defaults


def default_user_agent() -> str:
    """Return the User-Agent sent to geocoding services.

    ``BORDERMAP_USER_AGENT`` overrides the built-in value, which names bordermap and its
    version as Nominatim's usage policy asks.

    Returns
    -------
    str
        For example ``"bordermap/0.1.0 (+offline geoparser)"``.

    Examples
    --------
    >>> default_user_agent().startswith("bordermap/") or "BORDERMAP_USER_AGENT" in os.environ
    True
    """
    env = os.environ.get("BORDERMAP_USER_AGENT", "").strip()
    if env:
        return env
    try:
        from importlib.metadata import PackageNotFoundError, version

        ver = version("bordermap")
    except PackageNotFoundError:  # running from a source tree that is not installed
        ver = "0"
    return f"bordermap/{ver} (+offline geoparser)"


def default_cache_path() -> Path:
    """Return where the geocoding cache lives unless a path is given.

    ``$BORDERMAP_CACHE_DIR/geocode.sqlite`` if that variable is set, else
    ``$XDG_CACHE_HOME/bordermap/geocode.sqlite``, else
    ``~/.cache/bordermap/geocode.sqlite``. Nothing is created here.

    Returns
    -------
    pathlib.Path
        The cache file's path.
    """
    env = os.environ.get("BORDERMAP_CACHE_DIR", "").strip()
    if env:
        return Path(env).expanduser() / "geocode.sqlite"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "bordermap" / "geocode.sqlite"


# --------------------------------------------------------------------------- helpers


def _normalise_query(query: str) -> str:
    """Fold a query for the cache key: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", query).casefold().split())


def _cache_key(**parts: Any) -> str:
    """Return a stable key: the parts as JSON with sorted keys."""
    return json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _feature_code(key: str, value: str, addresstype: str | None = None) -> str:
    """Map an OSM (key, value) pair to a GeoNames-like feature code."""
    if key == "boundary" and value == "administrative" and addresstype:
        code = _ADMIN_LEVEL_CODES.get(addresstype)
        if code:
            return code
    code = _FEATURE_CODES.get((key, value))
    if code:
        return code
    return (value or key or "").upper() or "UNKNOWN"


def _rank_score(rank: int) -> float:
    """Score by position when the service gives none: 1, 0.5, 0.33, ..."""
    return round(1.0 / (rank + 1), 4)


def _nominatim_candidate(raw: Mapping[str, Any], rank: int) -> Candidate:
    """Turn one Nominatim result (``format=json`` or ``jsonv2``) into a candidate."""
    address = raw.get("address") or {}
    # format=json says "class", format=jsonv2 says "category".
    osm_key = str(raw.get("class") or raw.get("category") or "")
    osm_value = str(raw.get("type") or "")
    name = raw.get("name") or str(raw.get("display_name") or "").split(",")[0].strip()
    code = address.get("country_code")
    importance = raw.get("importance")
    if isinstance(importance, int | float) and math.isfinite(importance):
        score = round(min(max(float(importance), 0.0), 1.0), 4)
    else:
        score = _rank_score(rank)
    return {
        "name": name,
        # Nominatim sends strings; (lat, lon) here, as everywhere in candidates.
        "lat": float(raw["lat"]),
        "lon": float(raw["lon"]),
        "country": code.upper() if code else None,
        "admin1": address.get("state") or address.get("province") or None,
        "feature": _feature_code(osm_key, osm_value, raw.get("addresstype")),
        "population": None,
        "geonameid": None,
        "score": score,
        "source": "nominatim",
        "id": f"osm:{raw.get('osm_type')}:{raw.get('osm_id')}",
    }


def _photon_candidate(raw: Mapping[str, Any], rank: int) -> Candidate:
    """Turn one Photon GeoJSON feature into a candidate."""
    props = raw.get("properties") or {}
    # GeoJSON order is (lon, lat); swapped here into the candidate's lat/lon.
    lon, lat = raw["geometry"]["coordinates"][:2]
    code = props.get("countrycode")
    osm_type = str(props.get("osm_type") or "")
    return {
        "name": props.get("name") or props.get("city") or props.get("state") or "",
        "lat": float(lat),
        "lon": float(lon),
        "country": code.upper() if code else None,
        "admin1": props.get("state") or None,
        "feature": _feature_code(
            str(props.get("osm_key") or ""), str(props.get("osm_value") or "")
        ),
        "population": None,
        "geonameid": None,
        "score": _rank_score(rank),
        "source": "photon",
        "id": f"osm:{_PHOTON_OSM_TYPES.get(osm_type, osm_type)}:{props.get('osm_id')}",
    }


def _validate_country(country: str | None) -> str | None:
    if country is None:
        return None
    if not isinstance(country, str) or len(country.strip()) != 2 or not country.strip().isalpha():
        msg = f"country must be an ISO 3166-1 alpha-2 code such as 'AF', got {country!r}."
        raise UnknownCountryError(msg)
    return country.strip().upper()


def _adapter_factory() -> Callable[..., Any]:
    """Return a geopy adapter factory that does not retry on its own.

    geopy's default ``RequestsAdapter`` mounts urllib3 retries, and urllib3 retries a
    429 or 503 that carries ``Retry-After`` after sleeping for as long as the header
    says, with no cap. All retries here go through :meth:`OnlineFallback._ask` instead.
    """
    from geopy.adapters import RequestsAdapter, URLLibAdapter

    factory: Callable[..., Any] = URLLibAdapter  # one connection a request; no retries
    if RequestsAdapter.is_available:
        factory = functools.partial(RequestsAdapter, max_retries=0)
    return factory


def _invoke(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Call ``func``; wrapped by one RateLimiter shared by all of a geocoder's methods."""
    return func(*args, **kwargs)


class _GaveUpError(Exception):
    """Internal: a failure that must not be retried."""


# --------------------------------------------------------------------------- the cache


class _Cache:
    """A small key -> JSON store in SQLite, safe to share between processes."""

    def __init__(self, path: Path, *, timeout: float = 30.0) -> None:
        self.path = path
        self.timeout = timeout
        self._ready = False
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.timeout)
        if not self._ready:
            with self._lock:
                if not self._ready:
                    conn.execute("PRAGMA journal_mode=WAL")
                    with conn:
                        conn.execute(
                            "CREATE TABLE IF NOT EXISTS geocode ("
                            " key TEXT PRIMARY KEY,"
                            " value TEXT NOT NULL,"
                            " created REAL NOT NULL)"
                        )
                    self._ready = True
        return conn

    def get(self, key: str) -> tuple[bool, Any]:
        """Return ``(True, value)`` on a hit, ``(False, None)`` on a miss."""
        with closing(self._connect()) as conn:
            row = conn.execute("SELECT value FROM geocode WHERE key = ?", (key,)).fetchone()
        if row is None:
            return False, None
        return True, json.loads(row[0])

    def put(self, key: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False)
        with closing(self._connect()) as conn, conn:
            conn.execute(
                "INSERT OR REPLACE INTO geocode (key, value, created) VALUES (?, ?, ?)",
                (key, text, time.time()),
            )


# --------------------------------------------------------------------------- the class


class OnlineFallback:
    """Ask an online geocoder (geopy; Nominatim by default) for names the gazetteer lacks.

    Off unless built: bordermap never goes online on its own. Every answer from a
    successful response is cached on disk, so a name is asked at most once; service
    failures are retried, then reported through :attr:`last_error` and a logging
    warning, never raised.

    Parameters
    ----------
    service
        ``"nominatim"`` (default) or ``"photon"``.
    user_agent
        The User-Agent header. Default: ``BORDERMAP_USER_AGENT`` or
        ``"bordermap/<version> (+offline geoparser)"``. Use your own for heavy use.
    domain
        Host (and optional port) of the service, e.g. ``"127.0.0.1:8080"`` for a local
        Nominatim. Default: the public server of ``service``.
    scheme
        ``"https"`` (default) or ``"http"``.
    timeout
        Seconds to wait for one response.
    min_delay_seconds
        Least time between two requests (Nominatim's policy: 1 request a second).
    max_retries
        Retries after a failed request; ``max_retries + 1`` requests at most per query.
    backoff_seconds
        Wait before the first retry; doubled for each further retry.
    max_wait_seconds
        Cap on any single wait. A 429 whose ``Retry-After`` asks for longer makes the
        look-up give up at once rather than hammer the service.
    cache_path
        SQLite file of the cache. Default: :func:`default_cache_path`.
    cache
        ``False`` disables the cache (every call asks the service).
    language
        Preferred language of names (``accept-language``); ``None`` for the service's
        default.
    geocoder
        A ready geopy geocoder of the kind ``service`` names, used instead of building
        one (``user_agent``, ``domain``, ``scheme`` and ``timeout`` are then ignored).

    Attributes
    ----------
    last_error : str or None
        Why the latest look-up that asked the service failed; ``None`` after a success.

    Examples
    --------
    >>> fallback = OnlineFallback(cache=False)  # builds no connection yet
    >>> fallback.service
    'nominatim'
    >>> fallback.close()
    """

    last_error: str | None

    def __init__(
        self,
        *,
        service: Literal["nominatim", "photon"] | str = "nominatim",
        user_agent: str | None = None,
        domain: str | None = None,
        scheme: str = "https",
        timeout: float = 10.0,
        min_delay_seconds: float = 1.0,
        max_retries: int = 2,
        backoff_seconds: float = 1.0,
        max_wait_seconds: float = 60.0,
        cache_path: str | os.PathLike[str] | None = None,
        cache: bool = True,
        language: str | None = "en",
        geocoder: Any = None,
    ) -> None:
        service = str(service).lower()
        if service not in SERVICES:
            msg = f"service must be one of {', '.join(map(repr, SERVICES))}, got {service!r}."
            raise ValueError(msg)
        if scheme not in ("http", "https"):
            msg = f"scheme must be 'http' or 'https', got {scheme!r}."
            raise ValueError(msg)
        for name, value in (
            ("timeout", timeout),
            ("min_delay_seconds", min_delay_seconds),
            ("backoff_seconds", backoff_seconds),
            ("max_wait_seconds", max_wait_seconds),
        ):
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                msg = f"{name} must be a finite number >= 0, got {value!r}."
                raise ValueError(msg)
        if timeout == 0:
            msg = "timeout must be > 0 seconds, got 0."
            raise ValueError(msg)
        if not isinstance(max_retries, int) or max_retries < 0:
            msg = f"max_retries must be an integer >= 0, got {max_retries!r}."
            raise ValueError(msg)

        self.service = service
        self.user_agent = user_agent or default_user_agent()
        if domain is None and geocoder is not None:
            domain = getattr(geocoder, "domain", None)
        self.domain = str(domain or _DEFAULT_DOMAINS[service]).strip().rstrip("/")
        self.scheme = scheme
        self.timeout = float(timeout)
        self.min_delay_seconds = float(min_delay_seconds)
        self.max_retries = max_retries
        self.backoff_seconds = float(backoff_seconds)
        self.max_wait_seconds = float(max_wait_seconds)
        self.language = language
        self.cache_path: Path | None = None
        if cache:
            self.cache_path = (
                Path(cache_path).expanduser() if cache_path is not None else default_cache_path()
            )
        self.last_error = None

        self._stack = ExitStack()
        self._geocoder = geocoder
        self._owns_geocoder = geocoder is None
        self._call: Callable[..., Any] | None = None
        self._cache: _Cache | None = None
        self._cache_failed = False
        self._lock = threading.Lock()
        self._not_before = 0.0  # monotonic time before which no request is sent (429)

    # ----------------------------------------------------------------- plumbing

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(service={self.service!r}, "
            f"domain={self.domain!r}, cache_path={self.cache_path!r})"
        )

    def __enter__(self) -> OnlineFallback:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP session of a geocoder this object built (idempotent)."""
        self._stack.close()
        if self._owns_geocoder:
            self._geocoder = None
            self._call = None

    def _client(self) -> Any:
        """Build the geopy geocoder and its rate limiters on first use."""
        with self._lock:
            if self._call is None:
                from geopy.extra.rate_limiter import RateLimiter

                if self._geocoder is None:
                    from geopy.geocoders import Nominatim, Photon

                    geocoder_class = Photon if self.service == "photon" else Nominatim
                    geocoder = geocoder_class(
                        user_agent=self.user_agent,
                        domain=self.domain,
                        scheme=self.scheme,
                        timeout=self.timeout,
                        adapter_factory=_adapter_factory(),
                    )
                    # Closes the adapter's HTTP session on close().
                    self._geocoder = self._stack.enter_context(geocoder)
                # One RateLimiter spaces all requests (geocode and reverse) of this
                # object. It does not retry: retries, backoff and Retry-After are handled
                # in _ask, so every retry also waits for its request slot.
                self._call = RateLimiter(
                    _invoke,
                    min_delay_seconds=self.min_delay_seconds,
                    max_retries=0,
                    error_wait_seconds=self.min_delay_seconds,
                    swallow_exceptions=False,
                )
            return self._geocoder

    def _get_cache(self) -> _Cache | None:
        if self.cache_path is None or self._cache_failed:
            return None
        if self._cache is None:
            try:
                self.cache_path.parent.mkdir(parents=True, exist_ok=True)
                cache = _Cache(self.cache_path)
                cache.get("")  # opens the file and creates the table
            except (OSError, sqlite3.Error) as error:
                logger.warning(
                    "bordermap: geocoding cache %s unusable (%s); continuing without it.",
                    self.cache_path,
                    error,
                )
                self._cache_failed = True
                return None
            self._cache = cache
        return self._cache

    def _cache_get(self, key: str) -> tuple[bool, Any]:
        cache = self._get_cache()
        if cache is None:
            return False, None
        try:
            return cache.get(key)
        except (sqlite3.Error, ValueError) as error:
            logger.warning("bordermap: geocoding cache read failed (%s).", error)
            return False, None

    def _cache_put(self, key: str, value: Any) -> None:
        cache = self._get_cache()
        if cache is None:
            return
        try:
            cache.put(key, value)
        except sqlite3.Error as error:
            logger.warning("bordermap: geocoding cache write failed (%s).", error)

    def _key(self, kind: str, **parts: Any) -> str:
        return _cache_key(
            v=_CACHE_VERSION,
            kind=kind,
            service=self.service,
            domain=self.domain,
            language=self.language,
            **parts,
        )

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    def _ask(
        self, kind: Literal["geocode", "reverse"], what: str, *args: Any, **kwargs: Any
    ) -> Any:
        """Call the geocoder with retries; return its answer or raise :class:`_GaveUpError`.

        ``what`` describes the request in messages.
        """
        from geopy.exc import (
            GeocoderParseError,
            GeocoderQuotaExceeded,
            GeocoderRateLimited,
            GeocoderServiceError,
            GeocoderTimedOut,
            GeocoderUnavailable,
            GeopyError,
        )

        geocoder = self._client()
        func = geocoder.geocode if kind == "geocode" else geocoder.reverse
        call = self._call
        assert call is not None
        attempts = self.max_retries + 1
        for attempt in range(attempts):
            pause = self._not_before - time.monotonic()
            if pause > self.max_wait_seconds:
                msg = (
                    f"{what}: not asked; the service asked for a pause of {pause:.0f} s "
                    f"more (HTTP 429), longer than max_wait_seconds={self.max_wait_seconds:g}."
                )
                raise _GaveUpError(msg)
            self._wait(pause)
            last = attempt == attempts - 1
            wait = min(self.backoff_seconds * 2**attempt, self.max_wait_seconds)
            try:
                return call(func, *args, **kwargs)
            except GeocoderRateLimited as error:
                retry_after = error.retry_after
                problem = f"rate limited (HTTP 429, Retry-After {retry_after!r})"
                if retry_after is not None:
                    if retry_after > self.max_wait_seconds:
                        msg = (
                            f"{what}: {problem}; the service asks to wait longer than "
                            f"max_wait_seconds={self.max_wait_seconds:g}."
                        )
                        self._not_before = time.monotonic() + retry_after
                        raise _GaveUpError(msg) from error
                    wait = max(wait, float(retry_after))
                    self._not_before = time.monotonic() + float(retry_after)
            except GeocoderQuotaExceeded as error:  # 402 etc.: retrying will not help
                msg = f"{what}: quota exceeded ({error})."
                raise _GaveUpError(msg) from error
            except GeocoderTimedOut as error:  # also 408, 503, 504
                problem = f"timed out or unavailable ({error or 'no answer within timeout'})"
            except GeocoderUnavailable as error:
                problem = f"service unreachable ({error})"
            except GeocoderParseError as error:
                problem = f"malformed response ({str(error).splitlines()[0]})"
            except GeocoderServiceError as error:
                if type(error) is not GeocoderServiceError:
                    # Query errors (400), authentication (401/403): permanent.
                    msg = f"{what}: {type(error).__name__}: {error}."
                    raise _GaveUpError(msg) from error
                problem = f"service error ({error})"  # 500, 502 and other statuses
            except GeopyError as error:
                msg = f"{what}: {type(error).__name__}: {error}."
                raise _GaveUpError(msg) from error
            except (KeyError, IndexError, TypeError, AttributeError, ValueError) as error:
                # Valid JSON of the wrong shape that geopy could not read.
                problem = f"malformed response ({type(error).__name__}: {error})"
            if last:
                msg = f"{what}: {problem}; gave up after {attempts} attempt(s)."
                raise _GaveUpError(msg)
            logger.info(
                "bordermap: %s: %s; retry %d/%d in %.2f s.",
                what,
                problem,
                attempt + 1,
                self.max_retries,
                wait,
            )
            self._wait(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _fail(self, message: str) -> None:
        self.last_error = message
        logger.warning("bordermap: online %s %s", self.service, message)

    # ----------------------------------------------------------------- public API

    def geocode(self, query: str, *, country: str | None = None, limit: int = 1) -> list[Candidate]:
        """Look a place name up online; return candidates, best first.

        Parameters
        ----------
        query
            The place name, e.g. ``"Spin Boldak"``.
        country
            ISO 3166-1 alpha-2 code restricting the search (``countrycodes``).
        limit
            Most candidates to return, 1-40.

        Returns
        -------
        list of dict
            Candidates shaped like the offline gazetteer's (see the module docstring);
            ``[]`` when the service knows no such place *or* could not be asked — then
            :attr:`last_error` says why.

        Raises
        ------
        QueryError
            ``query`` is empty or ``limit`` is out of range.
        UnknownCountryError
            ``country`` is not a two-letter code.
        """
        if not isinstance(query, str) or not query.strip():
            msg = f"query must be a non-empty place name, got {query!r}."
            raise QueryError(msg)
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= _MAX_LIMIT:
            msg = f"limit must be an integer from 1 to {_MAX_LIMIT}, got {limit!r}."
            raise QueryError(msg)
        code = _validate_country(country)
        text = " ".join(query.split())
        key = self._key("search", query=_normalise_query(text), country=code, limit=limit)
        hit, value = self._cache_get(key)
        if hit:
            return list(value)

        self.last_error = None
        if self.service == "photon":
            # Photon has no country filter: ask for more, keep the country's.
            options: dict[str, Any] = {
                "exactly_one": False,
                "limit": min(limit * 5, _MAX_LIMIT) if code else limit,
            }
            if self.language:
                options["language"] = self.language
        else:
            options = {"exactly_one": False, "limit": limit, "addressdetails": True}
            if code:
                options["country_codes"] = code.lower()
            if self.language:
                options["language"] = self.language
        try:
            locations = self._ask("geocode", f"geocode {text!r}", text, **options)
            candidates = self._parse(locations)
        except _GaveUpError as error:
            self._fail(str(error))
            return []
        if code and self.service == "photon":
            candidates = [c for c in candidates if c["country"] == code]
        candidates = candidates[:limit]
        self._cache_put(key, candidates)
        return candidates

    def reverse(self, lat: float, lon: float) -> Candidate | None:
        """Return the place at a point (latitude first), or ``None``.

        Parameters
        ----------
        lat, lon
            WGS 84 degrees; note the order: latitude, then longitude.

        Returns
        -------
        dict or None
            One candidate, or ``None`` when nothing is there or the service could not
            be asked (then :attr:`last_error` says why).

        Raises
        ------
        QueryError
            ``lat`` or ``lon`` is not a finite number within range.
        """
        for name, value, bound in (("lat", lat, 90.0), ("lon", lon, 180.0)):
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or abs(value) > bound
            ):
                msg = f"{name} must be a number from -{bound:g} to {bound:g}, got {value!r}."
                raise QueryError(msg)
        key = self._key("reverse", lat=round(float(lat), 6), lon=round(float(lon), 6))
        hit, value = self._cache_get(key)
        if hit:
            return dict(value) if value else None

        self.last_error = None
        options: dict[str, Any] = {"exactly_one": True}
        if self.language:
            options["language"] = self.language
        if self.service == "nominatim":
            options["addressdetails"] = True
        try:
            location = self._ask("reverse", f"reverse ({lat}, {lon})", (lat, lon), **options)
            candidates = self._parse([location] if location is not None else None)
        except _GaveUpError as error:
            self._fail(str(error))
            return None
        result = candidates[0] if candidates else None
        self._cache_put(key, result)
        return result

    def _parse(self, locations: Any) -> list[Candidate]:
        """Turn geopy Locations into candidates; wrong shapes give up cleanly."""
        if not locations:
            return []
        build = _photon_candidate if self.service == "photon" else _nominatim_candidate
        try:
            return [build(location.raw, rank) for rank, location in enumerate(locations)]
        except (KeyError, IndexError, TypeError, AttributeError, ValueError) as error:
            msg = f"malformed result from {self.service} ({type(error).__name__}: {error})."
            raise _GaveUpError(msg) from error
