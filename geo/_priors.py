"""Priors of place resolution that follow from how news names places.

:mod:`bordermap.geo.resolve` weighs every candidate by its gazetteer prior, the
article's countries and regions and spatial coherence. The rules here add what the
writing itself says:

- a name written exactly as a place's own name ("Monroe") fits that place better than
  one it matches only as another place's alternate name (Monroeville's "Monroe");
- a country's or a populous state's own name is that country or state, not a village of
  the same name, unless the article gives the village local support (a qualifier, a
  neighbour, its region named); a country's own name is never another name of a city
  ("Mexico" beside "Mexico City");
- the unit the text names binds ("Borno state" is the state, "the city of Kano" the city);
  a bare name shared by a state and its big city ("New York") stays with the prior, which
  picks the state as both benchmarks' annotators do;
- a union read as a territory ("countries in the EU") is its continent, read as an
  institution ("the EU said") its seat;
- the article's home: its dateline city, its publisher's web address (a national
  domain, a place named in the host) and the region it mentions most make local names
  local ("Dublin" in an Ohio paper, "London" in an Ontario one).
"""

from __future__ import annotations

from bordermap.geo.gazetteer import Candidate, Place

__all__: list[str] = []

#: Bonus of a candidate whose own name is the text's spelling, case included (as geocode gives).
W_AS_WRITTEN = 0.05
#: First-level regions this populous are known by their name alone ("Kansas", "Victoria").
FAMOUS_REGION_POPULATION = 1_000_000
#: A populated place this large keeps its own name against a country's or state's ("New York").
FAMOUS_CITY_POPULATION = 100_000
_COUNTRY = frozenset({"PCLI", "PCLD"})
_WIDE = frozenset({"PCLI", "PCLD", "TERR", "CONT", "RGN", "OCN", "SEA", "ADM1"})


#: Bonus of a candidate of the kind of unit the text names ("Borno state" is the state).
W_UNIT = 0.5
_UNIT_FEATURES = {
    "state": ("ADM1",), "province": ("ADM1",), "region": ("ADM1", "RGN"), "oblast": ("ADM1",),
    "governorate": ("ADM1",), "prefecture": ("ADM1", "ADM2"), "county": ("ADM2",), "district": ("ADM2", "ADM3", "ADMD"),
    "parish": ("ADM2", "ADM3"), "city": ("PPL", "PPLA", "PPLC", "PPLX"), "town": ("PPL", "PPLA", "PPLC", "PPLX"),
    "village": ("PPL", "PPLX"),
}


def unit_fit(unit: str, candidate: Candidate) -> float:
    """The bonus of a candidate whose kind is the unit the text names ("Lagos state", "the city of Kano")."""
    if not unit:
        return 0.0
    return W_UNIT if candidate.place.feature in _UNIT_FEATURES.get(unit, ()) else 0.0


def as_read(place: Place, *, territorial: bool) -> Place:
    """A union read as a territory is its continent; read as an institution, its seat.

    A gazetteer entry whose ``denotes`` names a ``territory:gn:ID`` (the European Union,
    the African Union, placed at their seats) stands for that territory's entry when the
    text reads it as a place: "the ninth country in the EU".
    """
    if not territorial or not place.denotes or "territory:gn:" not in place.denotes:
        return place
    from bordermap.geo.gazetteer import get_gazetteer

    for part in place.denotes.split("|"):
        if part.startswith("territory:gn:"):
            territory = get_gazetteer().by_geonameid(int(part[len("territory:gn:"):]))
            if territory is not None:
                return territory
    return place


def as_written(candidate: Candidate, surface: str) -> float:
    """The bonus of a candidate whose name is the mention exactly as written."""
    return W_AS_WRITTEN if candidate.place.name == surface else 0.0


def is_famous_name(candidate: Candidate) -> bool:
    """A country, or a populous first-level region, matched by its own name."""
    p = candidate.place
    return candidate.matched == "name" and (
        p.feature in _COUNTRY or (p.feature == "ADM1" and p.population >= FAMOUS_REGION_POPULATION))


def famous_name_first(scored: list[tuple[float, Candidate]], *, local_support: bool) -> None:
    """Put a country's or state's own name first when a village without support outscored it.

    `scored` is ``(score, candidate)`` best first and is reordered in place. A village or town
    (not a capital, below FAMOUS_CITY_POPULATION) keeps its place only with `local_support`:
    other places of the article near it or in its region. "Jordan" is the country, "Kansas"
    the state, unless the article is about the town's own neighbourhood.
    """
    if not scored:
        return
    best: Place = scored[0][1].place
    country = next((t for t in scored if t[1].matched == "name" and t[1].place.feature in _COUNTRY), None)
    if country is not None and country is not scored[0] and \
            (scored[0][1].matched == "alternate" or scored[0][1].place.country == country[1].place.country):
        # a country's own name is no other name of its capital, nor its same-named state or city
        # ("Mexico" beside "Mexico City" is the country, not México state)
        scored.remove(country)
        scored.insert(0, country)
        return
    famous = next((t for t in scored if is_famous_name(t[1])), None)
    if local_support or best.feature in _WIDE or best.feature == "PPLC" or \
            best.population >= FAMOUS_CITY_POPULATION:
        return
    if famous is not None and famous is not scored[0]:
        scored.remove(famous)
        scored.insert(0, famous)
