"""An offline geocoder that speaks geopy's interface.

:class:`OfflineGeocoder` answers ``geocode`` and ``reverse`` the way geopy's
``Nominatim`` does — returning :class:`geopy.location.Location` objects — but from the
embedded gazetteer, with no network. Code written against Nominatim runs unchanged::

    from bordermap.geo.geocoder import OfflineGeocoder
    geolocator = OfflineGeocoder()
    location = geolocator.geocode("Torkham")
    location.latitude, location.longitude, location.raw["geonameid"]

An optional online fallback (:class:`bordermap.geo.online.OnlineFallback`, off by
default) is asked only for names the gazetteer lacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from geopy.location import Location
from geopy.point import Point

from bordermap.geo._errors import QueryError
from bordermap.geo._text import clean_query
from bordermap.geo.gazetteer import Candidate, Gazetteer, get_gazetteer

__all__ = ["OfflineGeocoder", "geocode", "reverse"]

# Nominatim's structured-query keys, most specific first.
_STRUCTURED = ("city", "county", "state", "country")


class OfflineGeocoder:
    """Geocode with the embedded gazetteer; a drop-in for geopy's ``Nominatim``.

    Parameters
    ----------
    gazetteer
        The gazetteer to use; default the embedded one.
    fallback
        An object with ``geocode(query, *, country=None, limit=1) -> list[dict]``
        (such as :class:`bordermap.geo.online.OnlineFallback`), asked when the
        gazetteer finds nothing. Its failures never propagate.
    user_agent, timeout, **kwargs
        Accepted and ignored, so that ``Nominatim(user_agent=...)`` call sites work.
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, fallback: Any = None,
                 user_agent: str | None = None, timeout: float | None = None, **kwargs: Any) -> None:
        self.gazetteer = gazetteer or get_gazetteer()
        self.fallback = fallback

    # -- geocode ------------------------------------------------------------------------

    def geocode(self, query: str | dict, *, exactly_one: bool = True, limit: int | None = None,
                country_codes: str | Iterable[str] | None = None, featuretype: str | None = None,
                timeout: float | None = None, **kwargs: Any) -> Location | list[Location] | None:
        """Locations for a place name, best first (geopy's signature).

        Parameters
        ----------
        query
            A place name, "Name, Country", or a dict of Nominatim's structured keys
            (``city``, ``county``, ``state``, ``country``).
        exactly_one
            Return the best Location (or None) instead of a list.
        limit
            Most candidates when ``exactly_one`` is False (default 10).
        country_codes
            ISO alpha-2 code(s) to keep.
        featuretype
            Nominatim's ``country``/``state``/``city`` or a GeoNames feature code.

        Returns
        -------
        geopy.location.Location, list of them, or None
            ``raw`` holds ``geonameid``, ``feature``, ``country``, ``admin1``,
            ``population``, ``score`` and ``source``.
        """
        text, country = self._query_text(query, country_codes)
        feature = {"state": "region", "settlement": "city"}.get(featuretype or "", featuretype)
        n = 1 if exactly_one else (limit or 10)
        cands = self.gazetteer.search(text, country=country, feature=feature, limit=n)
        locations = [_location(c.to_dict()) for c in cands]
        if not locations and self.fallback is not None:
            try:
                found = self.fallback.geocode(text, country=_first(country), limit=n)
            except Exception:  # noqa: BLE001 - the fallback must never break offline answers
                found = []
            locations = [_location(d) for d in found]
        if exactly_one:
            return locations[0] if locations else None
        return locations

    def _query_text(self, query: str | dict, country_codes: str | Iterable[str] | None) -> tuple[str, Any]:
        country = country_codes
        if isinstance(query, dict):
            unknown = set(query) - set(_STRUCTURED) - {"street", "postalcode"}
            if unknown:
                msg = f"Unknown structured query keys {sorted(unknown)!r}; use {', '.join(_STRUCTURED)}."
                raise QueryError(msg)
            parts = [str(query[k]) for k in _STRUCTURED if query.get(k)]
            if not parts:
                msg = f"Structured query {query!r} names no place; give at least one of {', '.join(_STRUCTURED)}."
                raise QueryError(msg)
            if len(parts) == 1 and query.get("country"):
                return clean_query(parts[0]), country
            return clean_query(", ".join(parts)), country
        return clean_query(query), country

    # -- reverse ------------------------------------------------------------------------

    def reverse(self, query: Point | tuple[float, float] | str, *, exactly_one: bool = True,
                limit: int | None = None, timeout: float | None = None,
                **kwargs: Any) -> Location | list[Location] | None:
        """The country, first-level region and nearest populated place of a point.

        Parameters
        ----------
        query
            ``(lat, lon)``, ``"lat, lon"`` or a :class:`geopy.point.Point`.

        Returns
        -------
        geopy.location.Location or None
            Its address reads "Place, Region, Country"; ``raw`` has the nearest place's
            fields plus ``distance_km``, ``country_name`` and ``in_country`` (whether the
            point lies inside the country's polygon, when the polygons are installed).
        """
        try:
            point = Point(query)
        except (TypeError, ValueError) as exc:
            msg = f"reverse needs a point as (lat, lon) or 'lat, lon', not {query!r}: {exc}"
            raise QueryError(msg) from None
        lat, lon = point.latitude, point.longitude
        n = 1 if exactly_one else (limit or 5)
        near = self.gazetteer.nearest(lat, lon, feature="city", limit=n, max_km=300)
        country = _country_at(lon, lat)
        out = []
        for place, dist in near:
            d = Candidate(place, 1.0, "name").to_dict()
            cc = country or place.country
            d["distance_km"] = round(dist, 3)
            d["in_country"] = country is not None
            try:
                cname = self.gazetteer.country(cc).name if cc else ""
            except QueryError:
                cname = cc
            d["country_name"] = cname
            if country and place.country != country:
                d["admin1"] = None  # the nearest town is across the border
            d["country"] = cc
            address = ", ".join(x for x in (place.name, d["admin1"], cname) if x)
            out.append(Location(address, Point(lat, lon), d))
        if not out and country:
            c = self.gazetteer.country(country)
            d = Candidate(c, 1.0, "name").to_dict()
            d.update(distance_km=None, in_country=True, country_name=c.name)
            out.append(Location(c.name, Point(lat, lon), d))
        if exactly_one:
            return out[0] if out else None
        return out


def _first(country: Any) -> str | None:
    if country is None or isinstance(country, str):
        return country
    items = list(country)
    return items[0] if items else None


def _location(d: dict) -> Location:
    parts = [d.get("name"), d.get("admin1")]
    if d.get("feature") not in ("PCLI", "PCLD"):
        parts.append(d.get("country"))
    address = ", ".join(str(x) for x in parts if x)
    return Location(address, Point(d["lat"], d["lon"]), d)


def _country_at(lon: float, lat: float) -> str | None:
    """ISO code of the country polygon containing the point, if polygons are installed."""
    from bordermap.geo._countries import country_at
    from bordermap.geo._errors import DataFileError

    try:
        return country_at(lon, lat)
    except DataFileError:
        return None  # no polygons: the nearest place's country stands in


def geocode(query: str, *, country: str | None = None, limit: int = 5) -> list[dict]:
    """Candidates for `query` as plain dicts, best first (the ``geocode`` command's JSON)."""
    return [c.to_dict() for c in get_gazetteer().search(query, country=country, limit=limit)]


def reverse(lat: float, lon: float) -> dict | None:
    """Country, region and nearest place of a point as a dict, or None."""
    loc = OfflineGeocoder().reverse((lat, lon))
    return None if loc is None else {"address": loc.address, **loc.raw}
