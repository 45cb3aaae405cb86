"""Choose the place each mention means, using the whole article as context.

For every name the gazetteer offers candidates; the choice weighs, per candidate:

- its prior: feature type, population and how exactly the name matched;
- the article's countries: countries and demonyms named outright, and the countries of
  the other places chosen;
- the article's regions: first-level regions named, "City, State" and "City, Country"
  qualifiers right after the name;
- spatial coherence: how close the candidate lies to the candidates of the other names
  (a small town among its neighbours beats a famous namesake far away).

The same name means the same place throughout an article (one sense per discourse)
unless a qualifier says otherwise. The choice is iterated a few times so that context
settles. Every resolved mention gets a confidence in 0..1.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable

from bordermap.geo import _priors
from bordermap.geo._home import HomeHints, HomePrior, home_hints
from bordermap.geo._names import inner_names
from bordermap.geo._text import normalize
from bordermap.geo.extract import Mention, NameIndex, find_mentions, get_name_index, is_territorial, unit_word
from bordermap.geo.gazetteer import Candidate, Place

__all__ = ["resolve_mentions", "geoparse", "destination", "last_resort"]

# weights of the evidence (see module docstring); tuned on no single article
W_PRIOR = 1.0
W_COUNTRY = 0.45
W_REGION = 0.35
W_QUALIFIER = 1.0
W_SUPPORT = 1.2
W_CAPITAL = 0.1
SUPPORT_KM = 200.0
SUPPORT_CANDIDATES = 12
ITERATIONS = 3
_COUNTRY_FEATURES = frozenset({"PCLI", "PCLD", "TERR"})
_WIDE = frozenset({"PCLI", "PCLD", "TERR", "CONT", "RGN", "OCN", "SEA"})
# A state's or province's point is somewhere in a large area: being near it says little, so
# first-level regions neither lend nor get spatial support (their name still counts as the
# article's region, and their towns' country and region weigh for them).
_NO_SUPPORTERS = frozenset({"ADM1"})


def geoparse(text: str, *, doc: str = "", index: NameIndex | None = None, url: str | None = None) -> list[Mention]:
    """Find and resolve every place mention of one article.

    `url`, the article's web address, tells the publisher's home (:mod:`bordermap.geo._home`).

    Examples
    --------
    >>> ms = geoparse("Clashes near Chaman, in Pakistan's Balochistan province, left two dead.")
    >>> [(m.surface, m.place.country) for m in ms if m.kind == "toponym"]
    [('Chaman', 'PK'), ('Pakistan', 'PK'), ('Balochistan', 'PK')]
    """
    index = index or get_name_index()
    mentions = find_mentions(text, doc=doc, index=index)
    resolve_mentions(mentions, home=home_hints(text, url, index))
    return mentions


def resolve_mentions(mentions: list[Mention], *, extra_context: Iterable[Mention] = (),
                     home: HomeHints | None = None) -> list[Mention]:
    """Resolve mentions in place (sets ``place``, ``lat``, ``lon``, ``confidence``).

    Parameters
    ----------
    mentions
        The mentions of one article (from :func:`bordermap.geo.extract.find_mentions`
        or built from given spans).
    extra_context
        Further mentions of the same article that inform the choice but are not
        themselves returned (used when gold spans are given).
    home
        The article's dateline and publisher (:func:`bordermap.geo._home.home_hints`).
    """
    all_ms = list(mentions) + [m for m in extra_context if m not in mentions]
    named = [m for m in all_ms if m.kind in ("toponym", "demonym") and m.candidates]
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    for m in named:
        qual = m.qualifier.norm if m.qualifier is not None else None
        groups[(m.norm, m.kind, qual)].append(m)

    # fixed evidence: countries named outright (countries and demonyms), regions named
    fixed_country: dict[str, float] = defaultdict(float)
    for key, ms in groups.items():
        top = ms[0].candidates[0]
        if top.place.feature in _COUNTRY_FEATURES and (top.score >= 0.6 or ms[0].kind == "demonym"):
            fixed_country[top.place.country] += 1.0 + math.log(len(ms))

    support = _support(groups)
    terms = {k: _fixed_terms(k, ms, support) for k, ms in groups.items() if ms[0].kind != "demonym"}
    choice: dict[tuple, Candidate] = {k: ms[0].candidates[0] for k, ms in groups.items()}
    prior = HomePrior(home, groups) if home else None
    for _ in range(ITERATIONS):
        if prior is not None:
            prior.update(choice)
        contribs = _contributions(choice, groups)
        new_choice = {}
        for key, ms in groups.items():
            new_choice[key] = _choose(key, ms, groups, choice, fixed_country, support, prior, terms, contribs)
        if new_choice == choice:
            break
        choice = new_choice

    if prior is not None:
        prior.update(choice)
    contribs = _contributions(choice, groups)
    for key, ms in groups.items():
        best, conf = _choose(key, ms, groups, choice, fixed_country, support, prior, terms, contribs,
                             with_confidence=True)
        for m in ms:
            _set(m, _priors.as_read(best.place, territorial=m.territorial), conf)

    for m in all_ms:
        if m.kind == "relative" and m.anchor is not None and m.anchor.place is not None:
            a = m.anchor
            if m.offset_km and m.bearing is not None:
                m.lat, m.lon = destination(a.lat, a.lon, m.offset_km, m.bearing)
            else:
                m.lat, m.lon = a.lat, a.lon
            m.place, m.confidence = a.place, a.confidence * 0.9
        elif m.kind == "border":
            _resolve_border(m, all_ms, fixed_country, choice)
    return list(mentions)


def _set(m: Mention, place: Place, conf: float) -> None:
    m.place, m.lat, m.lon, m.confidence = place, place.lat, place.lon, round(conf, 4)


def _support(groups: dict[tuple, list[Mention]]) -> dict[tuple[tuple, int], float]:
    """How well each candidate fits the candidates of the article's other names.

    For candidate c of name g: the sum over the other names g' of the best
    ``prior(c') * (1 - d(c, c') / SUPPORT_KM)`` among g''s candidates c' within
    SUPPORT_KM, divided by the number of other names. It needs no prior choice, so a
    small town surrounded by its neighbours wins over a famous namesake far away.
    Candidates are bucketed in a 2-degree grid, so this stays linear in practice.
    """
    keys = [k for k, ms in groups.items() if ms[0].kind == "toponym"]
    # each name's leading candidates, the place named exactly as written counting first
    # ("Monroe" is Monroe before Monroeville, even among forty namesakes)
    leading = {k: _leading(groups[k][0]) for k in keys}
    cells: dict[tuple[int, int], list[tuple[int, float, float, float]]] = defaultdict(list)
    for gi, k in enumerate(keys):
        for _ci, c in leading[k]:
            if c.place.feature in _WIDE or c.place.feature in _NO_SUPPORTERS:
                continue
            cells[(int(c.place.lat // 2), int(c.place.lon // 2))].append(
                (gi, c.score, c.place.lat, c.place.lon, c.place.id))
    out: dict[tuple[tuple, int], float] = {}
    others = max(1, len(keys) - 1)
    for gi, k in enumerate(keys):
        for ci, c in leading[k]:
            if c.place.feature in _WIDE or c.place.feature in _NO_SUPPORTERS:
                continue
            la, lo = c.place.lat, c.place.lon
            cy, cx = int(la // 2), int(lo // 2)
            best: dict[int, float] = {}
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for gj, prior, la2, lo2, pid in cells.get((cy + dy, cx + dx), ()):
                        if gj == gi or pid == c.place.id:
                            continue  # another name of the same place is no neighbour ("Mexico", "Mexico City")
                        d = _fast_km(la, lo, la2, lo2)
                        if d < SUPPORT_KM:
                            v = prior * (1 - d / SUPPORT_KM)
                            if v > best.get(gj, 0.0):
                                best[gj] = v
            if best:
                out[(k, ci)] = sum(best.values()) / others
    return out


def _leading(m: Mention) -> list[tuple[int, Candidate]]:
    """The SUPPORT_CANDIDATES best candidates of a mention by prior and :func:`_priors.as_written`, with their index."""
    cands = m.candidates
    if len(cands) <= SUPPORT_CANDIDATES:
        return list(enumerate(cands))
    ranked = sorted(enumerate(cands), key=lambda t: -(t[1].score + _priors.as_written(t[1], m.surface)))
    return sorted(ranked[:SUPPORT_CANDIDATES])


def _fast_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance, good to a few per cent below a few hundred km."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0088 * math.hypot(x, y)


def _contributions(choice: dict, groups: dict) -> list[tuple]:
    """What each group's current choice adds to the article's countries and regions, in order.

    ``(key, country or None, its weight, (country, region) or None, its weight)``; computed
    once per state of `choice` rather than once per group.
    """
    out = []
    for k, c in choice.items():
        p = c.place
        w = 1.0 + math.log(len(groups[k]))
        cc = p.country if p.feature not in _COUNTRY_FEATURES else None
        if p.feature == "ADM1":
            out.append((k, cc, 0.5 * w, (p.country, p.name), w))
        elif p.admin1:
            out.append((k, cc, 0.5 * w, (p.country, p.admin1), 0.5 * w))
        else:
            out.append((k, cc, 0.5 * w, None, 0.0))
    return out


def _fixed_terms(key, ms, support) -> list[tuple[float, bool, tuple[str, str], Candidate]]:
    """Per candidate, the evidence that does not change while resolution iterates.

    ``(prior + support + as-written bonus, is a capital named by its own name, (country, region), candidate)``.
    """
    surface = ms[0].surface
    out = []
    for ci, c in enumerate(ms[0].candidates):
        p = c.place
        base = W_PRIOR * c.score + W_SUPPORT * support.get((key, ci), 0.0) + _priors.as_written(c, surface)
        region = (p.country, p.name if p.feature == "ADM1" else (p.admin1 or ""))
        out.append((base, p.feature == "PPLC" and c.matched == "name", region, c))
    return out


def _choose(key, ms, groups, choice, fixed_country, support, home=None, terms=None, contribs=None, *,
            with_confidence=False):
    cands = ms[0].candidates
    if ms[0].kind == "demonym":
        best = next((c for c in cands if c.matched == "demonym"), cands[0])
        return (best, 0.9) if with_confidence else best
    if len(cands) == 1 and not with_confidence:
        return cands[0]
    # context from every other group's current choice
    country_w: dict[str, float] = defaultdict(float, fixed_country)
    region_w: dict[tuple[str, str], float] = defaultdict(float)
    own = cands[0].place.country if cands[0].place.feature in _COUNTRY_FEATURES else None
    for k, cc, cw, region, rw in (contribs if contribs is not None else _contributions(choice, groups)):
        if k == key:
            continue
        if cc is not None:
            country_w[cc] += cw
        if region is not None:
            region_w[region] += rw
    if own:
        country_w.pop(own, None)
    total_c = sum(country_w.values()) or 1.0
    total_r = sum(region_w.values()) or 1.0
    qual = ms[0].qualifier.candidates[0].place if ms[0].qualifier is not None and ms[0].qualifier.candidates else None

    unit = ms[0].unit
    scored = []
    for base, capital, region, c in (terms[key] if terms is not None else _fixed_terms(key, ms, support)):
        p = c.place
        s = base + _priors.unit_fit(unit, c)
        if home is not None:
            s += home.bonus(key, c)
        if capital:
            s += W_CAPITAL  # "Islamabad" is the capital, not Anantnag's old name, even in Kashmir news
        s += W_COUNTRY * country_w.get(p.country, 0.0) / total_c
        s += W_REGION * region_w.get(region, 0.0) / total_r
        if qual is not None:
            if qual.feature in _COUNTRY_FEATURES:
                s += W_QUALIFIER if p.country == qual.country else -W_QUALIFIER
            elif p.country == qual.country and (p.admin1 == qual.name or p.admin1 == qual.admin1):
                s += W_QUALIFIER
            else:
                s -= 0.5 * W_QUALIFIER
        scored.append((s, c))
    scored.sort(key=lambda t: (-t[0], -t[1].place.population, t[1].place.id))
    if qual is None and not (unit and _priors.unit_fit(unit, scored[0][1])):
        top = scored[0][1]
        local = support.get((key, cands.index(top)), 0.0) > 0 or \
            region_w.get((top.place.country, top.place.admin1 or ""), 0.0) > 0
        _priors.famous_name_first(scored, local_support=local)
    best = scored[0][1]
    if not with_confidence:
        return best
    margin = scored[0][0] - (scored[1][0] if len(scored) > 1 else 0.0)
    conf = 1 / (1 + math.exp(-6 * margin)) if len(scored) > 1 else min(1.0, 0.5 + best.score / 2)
    return best, max(0.05, min(1.0, conf))


def _resolve_border(m: Mention, all_ms: list[Mention], fixed_country, choice) -> None:
    from bordermap.geo._borders import border_between, point_on_border
    from bordermap.geo._errors import DataFileError

    countries = list(m.countries)
    if len(countries) < 2:
        ranked = sorted(fixed_country.items(), key=lambda kv: -kv[1])
        for cc, _ in ranked:
            if cc not in countries:
                countries.append(cc)
    try:
        border = None
        for i in range(len(countries)):
            for j in range(i + 1, len(countries)):
                border = border_between(countries[i], countries[j])
                if border is not None:
                    break
            if border is not None:
                break
    except DataFileError:
        border = None
    if border is None:
        return
    # a point on the line near the local places of the same sentence, else of the article
    local = [x for x in all_ms if x.place is not None and x.kind == "toponym"
             and x.place.feature not in _WIDE and x.place.country in (border.a, border.b)]
    same = [x for x in local if x.sentence == m.sentence] or local
    near = None
    if same:
        near = (sum(x.lat for x in same) / len(same), sum(x.lon for x in same) / len(same))
    m.lat, m.lon = point_on_border(border, near)
    m.countries = (border.a, border.b)
    m.border_name = border.name
    m.confidence = 0.6


def destination(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) along `bearing` degrees (great circle).

    >>> destination(0.0, 0.0, 111.19508, 0.0)  # one degree of latitude
    (1.0, 0.0)
    """
    r = 6371.0088
    d = km / r
    b = math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 6), round((math.degrees(l2) + 540) % 360 - 180, 6)


def mention_for_span(text: str, start: int, end: int, *, doc: str = "",
                     index: NameIndex | None = None) -> Mention:
    """A toponym mention for a given span (benchmark mode), with its candidates."""
    index = index or get_name_index()
    surface = text[start:end]
    m = Mention(doc, start, end, surface, "toponym", normalize(surface))
    m.territorial = is_territorial(text, start)
    m.unit = _span_unit(surface) or unit_word(text, start, end)
    for variant in _variants(surface) + _inner_names(surface, index):
        key = normalize(variant)
        if key in index:
            m.norm = key
            m.candidates = index.candidates(key)
            break
    if m.candidates and (surface.isupper() or "." in surface) and len(m.norm) <= 5:
        abbr = [c for c in m.candidates if c.matched == "abbreviation"]
        if abbr:  # "EU", "Ky.": the abbreviation, not a village spelled the same
            m.candidates = abbr + [c for c in m.candidates if c.matched != "abbreviation"]
    if m.candidates and m.candidates[0].matched == "demonym":
        m.kind = "demonym"
    return m


def _span_unit(surface: str) -> str:
    """The unit word that ends or starts a given span: "Borno State" -> "state", "City of X" -> "city"."""
    words = surface.split()
    if len(words) > 1:
        for w in (words[-1], words[0]):
            w = w.lower().rstrip(".")
            if unit_word(f"x {w}", 0, 1):
                return w
    return ""


def _inner_names(surface: str, index: NameIndex) -> list[str]:
    """Place names inside a longer name that has no entry of its own (:func:`bordermap.geo._names.inner_names`)."""
    return inner_names(surface, index.__contains__)


def last_resort(mentions: list[Mention], context: Iterable[Mention] = ()) -> list[Mention]:
    """Place each unresolved mention at the article's own focus, marked as a guess.

    For a named place the gazetteer lacks (benchmark mode: the caller gives the span), the
    article's most specific focus stands in: its most often resolved city or district,
    else first-level region, else country. The mention gets ``confidence`` 0.05 and
    ``geo_precision`` 3 (ACLED: a larger region), never a geonameid of its own.
    Returns the mentions so placed.
    """
    resolved = [m for m in [*mentions, *context] if m.place is not None and m.kind in ("toponym", "demonym")]
    focus = None
    for level in (_LOCAL, frozenset({"ADM1"}), _COUNTRY_FEATURES):
        counts: dict[str, list] = defaultdict(list)
        for m in resolved:
            if m.place.feature in level or (level is _LOCAL and m.place.feature.startswith("PPL")):
                counts[m.place.key].append(m.place)
        if counts:
            focus = max(counts.values(), key=lambda ps: (len(ps), ps[0].population))[0]
            break
    placed = []
    if focus is None:
        return placed
    for m in mentions:
        if m.place is None and m.kind == "toponym":
            m.lat, m.lon, m.confidence, m.geo_precision = focus.lat, focus.lon, 0.05, 3
            m.fallback = focus
            placed.append(m)
    return placed


_LOCAL = frozenset({"ADM2", "ADM3", "ADMD", "PPL", "PPLA", "PPLC", "PPLX"})


def _variants(surface: str) -> list[str]:
    s = " ".join(surface.split())
    out = [s]
    for prefix in ("the ", "The "):
        if s.startswith(prefix):
            out.append(s[len(prefix):])
    for suffix in ("'s", "’s", "'", "’"):
        if s.endswith(suffix):
            out.append(s[: -len(suffix)])
    return out
