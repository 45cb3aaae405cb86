"""The article's home: where its publisher and its dateline place it.

Local news names local places without their state: "Dublin" in an Ohio paper, "Paris" in a
Texas one, "London" in an Ontario one. Three kinds of evidence say where an article is at
home, and :mod:`bordermap.geo.resolve` gives the candidates there a prior:

- its **dateline** ("HUME, Ill. —", "ATLANTA (AP) —"): the place the story was filed from;
- its **web address**: a national domain (``.ca``, ``.co.uk``, ``.com.au``) names the
  publisher's country, and a place named in the host ("columbuslocalnews.com",
  "thisisoxfordshire.co.uk") is the publisher's town;
- its **own most-mentioned region**, which resolution already weighs (the article's
  regions, :data:`bordermap.geo.resolve.W_REGION`).

The dateline's and the host's places are *anchors*: once resolved, other names prefer
candidates in the anchor's region and near it. The national domain adds a prior to every
candidate in that country.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bordermap.geo._text import normalize
from bordermap.geo.gazetteer import Candidate, Place

__all__ = ["HomeHints", "home_hints", "HomePrior"]

#: Prior of a candidate in the country of the publisher's national domain.
W_HOME_COUNTRY = 0.3
#: Prior of a candidate in the first-level region of an anchor (dateline, host place).
W_HOME_REGION = 0.25
#: Prior of a candidate near an anchor: W_HOME_NEAR at the anchor, nothing at HOME_KM.
W_HOME_NEAR = 0.35
HOME_KM = 150.0

# National domains used as generic ones ("site.tv", "app.io"): they say nothing of a country.
_GENERIC_CC = frozenset("tv io me co fm ly ai cc ws to gg im am la nu sh ac tk ml ga cf gq vc mu".split())
_DATELINE = re.compile(
    r"(?:^|[.!?\"”]\s+|\n)"
    r"(?P<city>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s+(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))?"
    r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:—|–|--|-)\s")
_DATELINE_WINDOW = 400  # a dateline opens the story, after its headline at most


@dataclass(frozen=True, slots=True)
class HomeHints:
    """What an article says of its home before its places are resolved."""

    #: ISO alpha-2 code of the publisher's national domain, if any
    country: str | None = None
    #: normalised place names found in the publisher's host name
    host_names: frozenset[str] = frozenset()
    #: character span of the dateline's place name
    dateline: tuple[int, int] | None = None

    def __bool__(self) -> bool:
        return bool(self.country or self.host_names or self.dateline)


def url_country(url: str | None) -> str | None:
    """The ISO code of a web address's national domain: ``.ca`` -> CA, ``.co.uk`` -> GB.

    >>> url_country("https://www.lfpress.ca/news/local"), url_country("http://news.bbc.co.uk/x")
    ('CA', 'GB')
    >>> url_country("https://www.dispatch.com/story") is None
    True
    """
    host = _host(url)
    if not host:
        return None
    tld = host.rsplit(".", 1)[-1]
    if len(tld) != 2 or not tld.isalpha() or tld in _GENERIC_CC:
        return None
    return "GB" if tld == "uk" else tld.upper()


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return ""
    return host.lower()


def host_place_names(url: str | None, known) -> frozenset[str]:
    """Place names spelled inside a host's labels: "columbuslocalnews.com" -> {"columbus"}.

    `known` answers whether a normalised name is in the gazetteer (a set or a
    :class:`bordermap.geo.extract.NameIndex`). Only names of five letters or more that
    start a label or follow a leading "the"/"thisis"/"online"/"my" count, so "news" or
    "post" inside a word never do.
    """
    host = _host(url)
    if not host:
        return frozenset()
    labels = host.split(".")[:-1]
    found: set[str] = set()
    for label in labels:
        if label in ("www", "news", "m", "amp", "co", "com"):
            continue
        word = re.sub(r"[^a-z]", "", label)
        for prefix in ("thisis", "online", "the", "my", ""):
            if not word.startswith(prefix):
                continue
            rest = word[len(prefix):]
            for end in range(len(rest), 4, -1):
                if rest[:end] in known:
                    found.add(rest[:end])
                    break
    return frozenset(found)


def dateline_span(text: str) -> tuple[int, int] | None:
    """The span of the place name of an article's dateline, if it has one.

    >>> t = "Council votes. HUME, Ill. — The board met Monday."
    >>> s, e = dateline_span(t); t[s:e]
    'HUME'
    """
    m = _DATELINE.search(text, 0, _DATELINE_WINDOW + 40)
    if m is None or m.start("city") > _DATELINE_WINDOW:
        return None
    city = m.group("city")
    if len(city.replace(".", "")) < 3:
        return None
    return m.start("city"), m.end("city")


def home_hints(text: str, url: str | None = None, known=None) -> HomeHints:
    """The home evidence of one article: its national domain, its host's places, its dateline."""
    return HomeHints(url_country(url), host_place_names(url, known) if known is not None else frozenset(),
                     dateline_span(text))


@dataclass(slots=True)
class HomePrior:
    """The prior an article's home gives each candidate, refreshed as resolution settles.

    Parameters
    ----------
    hints
        The article's :class:`HomeHints`.
    groups
        Resolution's groups of mentions (key -> mentions); the anchors are the groups
        whose mention is the dateline's place or is named in the host.
    """

    hints: HomeHints
    groups: dict
    anchor_keys: list = field(default_factory=list)
    anchors: list[tuple[tuple, Place]] = field(default_factory=list)

    def __post_init__(self) -> None:
        span = self.hints.dateline
        for key, ms in self.groups.items():
            if ms[0].kind != "toponym":
                continue
            if (span and any(span[0] <= m.start and m.end <= span[1] for m in ms)) or \
                    normalize(ms[0].norm).replace(" ", "") in self.hints.host_names:
                self.anchor_keys.append(key)

    def update(self, choice: dict) -> None:
        """Read the anchors' current places from resolution's current choice."""
        self.anchors = [(k, choice[k].place) for k in self.anchor_keys
                        if k in choice and choice[k].place.feature not in _WIDE]

    def bonus(self, key: tuple, candidate: Candidate) -> float:
        """The home's prior for one candidate of the group `key`."""
        p = candidate.place
        s = 0.0
        if self.hints.country and self.hints.country in p.country.split("|"):
            s += W_HOME_COUNTRY
        if p.feature in _WIDE:
            return s
        for k, a in self.anchors:
            if k == key:
                continue
            if a.country == p.country and a.admin1 and (p.admin1 == a.admin1 or p.name == a.admin1):
                s += W_HOME_REGION
            d = _km(a.lat, a.lon, p.lat, p.lon)
            if d < HOME_KM:
                s += W_HOME_NEAR * (1 - d / HOME_KM)
        return s


_WIDE = frozenset({"PCLI", "PCLD", "TERR", "CONT", "RGN", "OCN", "SEA"})


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0088 * math.hypot(x, math.radians(lat2 - lat1))
