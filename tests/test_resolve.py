"""Document-level resolution on sentences written for these tests."""

import pytest
from common import KABUL_LAT, KABUL_LON

from bordermap.geo.gazetteer import haversine_km
from bordermap.geo.resolve import destination, geoparse, mention_for_span, resolve_mentions


def resolved(text):
    return {m.surface: m for m in geoparse(text) if m.kind == "toponym"}


def test_city_state_pattern_picks_the_city_in_that_state():
    ms = resolved("Flooding closed schools in Paris, Texas, on Monday.")
    assert ms["Paris"].place.country == "US" and ms["Paris"].place.admin1 == "Texas"
    ms = resolved("The mayor of Bangor, Maine, spoke.")
    assert ms["Bangor"].place.admin1 == "Maine"


def test_context_of_other_places_picks_the_local_namesake():
    text = ("Deputies from Rapides Parish searched Pineville and Alexandria after the storm; "
            "Alexandria schools reopened.")
    m = resolved(text)["Alexandria"]
    assert m.place.admin1 == "Louisiana"


def test_famous_place_without_context_is_the_famous_one():
    assert resolved("Talks resumed in Paris.")["Paris"].place.country == "FR"
    kabul = resolved("Shelling was heard in Kabul.")["Kabul"]
    assert haversine_km(kabul.lat, kabul.lon, KABUL_LAT, KABUL_LON) < 10


def test_one_sense_per_discourse():
    text = "Police in Portland, Maine, said a man from Portland was arrested. Portland police confirmed."
    places = {(m.place.country, m.place.admin1) for m in geoparse(text) if m.surface == "Portland"}
    assert places == {("US", "Maine")}


def test_every_resolved_mention_has_a_confidence():
    for m in geoparse("Clashes near Chaman and in Quetta, Pakistan, were reported."):
        if m.kind in ("toponym", "demonym"):
            assert 0 < m.confidence <= 1


def test_given_spans_are_resolved_with_the_rest_as_context():
    text = "Fighting spread from Kandahar to Spin Boldak."
    start = text.index("Spin Boldak")
    m = mention_for_span(text, start, start + len("Spin Boldak"))
    resolve_mentions([m])
    assert m.place.country == "AF"
    unknown = mention_for_span("Zzyzxq Qwv burned.", 0, 11)
    resolve_mentions([unknown])
    assert unknown.lat is None and unknown.place is None


def test_relative_places_are_offset_from_their_anchor():
    rel = [m for m in geoparse("An explosion 40 km north of Quetta killed two.") if m.kind == "relative"][0]
    assert rel.anchor.place.name == "Quetta"
    assert haversine_km(rel.lat, rel.lon, rel.anchor.lat, rel.anchor.lon) == pytest.approx(40, abs=0.5)
    assert rel.lat > rel.anchor.lat


def test_destination_goes_the_right_way():
    lat, lon = destination(30.0, 67.0, 100.0, 90.0)
    assert lat == pytest.approx(30.0, abs=0.05) and lon > 67.9


def test_district_of_province_qualifies_the_district():
    ms = resolved("Shells struck the Kurram district of Khyber Pakhtunkhwa province.")
    assert ms["Kurram"].place.country == "PK"
    assert ms["Kurram"].qualifier is ms["Khyber Pakhtunkhwa"]


def _span(text, surface):
    start = text.index(surface)
    return mention_for_span(text, start, start + len(surface))


def test_a_longer_name_without_an_entry_resolves_to_the_place_inside_it():
    text = "Cholera spread through northern Kenya, and the Kisumu Grand Prix and Quetta Division Council closed."
    assert _span(text, "northern Kenya").candidates[0].place.feature == "PCLI"
    assert _span(text, "Kisumu Grand Prix").candidates[0].place.name == "Kisumu"
    assert _span(text, "Quetta Division Council").candidates[0].place.name == "Quetta"


def test_generic_and_ordinary_words_alone_are_never_the_inner_name():
    text = "The Grand State Authority met."
    assert not _span(text, "Grand State Authority").candidates


def test_last_resort_puts_a_missing_place_at_the_articles_focus_and_says_so():
    from bordermap.geo.resolve import last_resort

    text = "Fighters attacked Qzxwvillage, a hamlet outside Quetta. Quetta police and Quetta officials said so."
    given = [_span(text, "Qzxwvillage")]
    context = [m for m in geoparse(text) if m.surface == "Quetta"]
    resolve_mentions(given, extra_context=context)
    assert given[0].place is None and given[0].lat is None
    placed = last_resort(given, context)
    m = placed[0]
    assert m.fallback.name == "Quetta" and m.geo_precision == 3 and m.confidence < 0.1
    assert m.place is None  # no geonameid of its own: a guess, not an identification


def test_short_forms_of_neighbours_name_a_border():
    for text, pair in [("Firing erupted on the Pak-Afghan border.", ("AF", "PK")),
                       ("Shelling on the Indo-Pak border continued.", ("IN", "PK"))]:
        borders = [m for m in geoparse(text) if m.kind == "border"]
        assert sorted(borders[0].countries) == list(pair) and borders[0].lat is not None


def test_a_country_or_state_name_is_not_a_village_without_local_support():
    assert resolved("Officials in Jordan said the talks went well.")["Jordan"].place.feature == "PCLI"
    assert resolved("Farmers in Kansas expect rain.")["Kansas"].place.feature == "ADM1"
    # a qualifier keeps the village
    assert resolved("A fire hit Jordan, Minnesota, overnight.")["Jordan"].place.admin1 == "Minnesota"


def test_a_name_as_written_fits_the_place_of_that_name_better_than_an_alternate():
    from bordermap.geo import _priors
    from bordermap.geo.gazetteer import get_gazetteer

    monroe = [c for c in get_gazetteer().lookup("Monroe", limit=None) if c.place.admin1 == "Ohio"]
    own = next(c for c in monroe if c.place.name == "Monroe")
    other = next(c for c in monroe if c.place.name != "Monroe")
    assert _priors.as_written(own, "Monroe") > _priors.as_written(other, "Monroe") == 0.0


def test_a_union_is_its_continent_where_the_text_reads_it_as_a_territory():
    inside = resolved("Sweden became the ninth country in the EU to report the flu.")["EU"]
    actor = resolved("The EU said new sanctions would follow.")["EU"]
    assert inside.place.name == "Europe" and inside.place.geonameid == 6255148
    assert actor.place.name == "European Union"
    assert haversine_km(actor.lat, actor.lon, 50.85, 4.35) < 10


def test_the_text_saying_city_or_state_decides_between_a_city_and_its_state():
    assert resolved("Farmers across New York state lost crops.")["New York"].place.feature == "ADM1"
    assert resolved("The state of New York sued.")["New York"].place.feature == "ADM1"
    assert resolved("Rents rose in the city of New York.")["New York"].place.feature.startswith("PPL")


def test_the_unit_the_text_names_binds_the_name():
    # a unit word after an abbreviation is an adjective: "U.S. city" is no city called "Us"
    assert resolved("About ten U.S. city programmes succeeded.")["U.S."].place.country == "US"
    span = mention_for_span("Gunmen attacked villages in Borno State.", 28, 39)
    resolve_mentions([span])
    assert span.unit == "state" and span.place.feature == "ADM1"


def test_a_countrys_name_beside_its_capital_is_the_country():
    ms = geoparse("Officials in Mexico urged calm. Schools in Mexico City closed. Mexico reported new cases.")
    places = [(m.surface, m.place.feature) for m in ms if m.kind == "toponym"]
    assert places == [("Mexico", "PCLI"), ("Mexico City", "PPLC"), ("Mexico", "PCLI")]


def test_being_near_a_states_point_is_no_evidence_for_a_town():
    # Lyons, Kansas, is also called "Atlanta" and lies near Kansas' central point; the
    # state's name makes Kansas the article's region, not its centre a neighbour
    ms = resolved("Cases were confirmed in Atlanta. Georgia health officials and Kansas officials met.")
    assert ms["Atlanta"].place.name == "Atlanta" and ms["Atlanta"].place.admin1 == "Georgia"
