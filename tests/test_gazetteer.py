import importlib.util
import sqlite3
from pathlib import Path

import pytest
from common import KNOWN_PLACES

from bordermap.geo import DataFileError, QueryError, UnknownCountryError
from bordermap.geo._text import normalize
from bordermap.geo.gazetteer import Gazetteer, haversine_km


@pytest.mark.parametrize("name", sorted(KNOWN_PLACES))
def test_border_places_resolve_near_their_true_position(gazetteer, name):
    lat, lon, countries, tolerance = KNOWN_PLACES[name]
    best = gazetteer.search(name, limit=1)
    assert best, f"{name} not in the gazetteer"
    place = best[0].place
    assert place.country in countries
    assert haversine_km(lat, lon, place.lat, place.lon) <= tolerance, (place.lat, place.lon)


def test_lookup_ignores_case_accents_and_dots(gazetteer):
    plain = gazetteer.lookup("spin boldak", limit=1)[0].place
    assert gazetteer.lookup("SPĪN BŌLDAK", limit=1)[0].place == plain
    assert gazetteer.lookup("W. Va.", limit=1)[0].place.name == "West Virginia"
    assert gazetteer.lookup("W.Va.", limit=1)[0].place.name == "West Virginia"


@pytest.mark.parametrize(("alias", "cc"), [("Türkiye", "TR"), ("Burma", "MM"), ("U.S.", "US"), ("UK", "GB"),
                                          ("DRC", "CD"), ("UAE", "AE"), ("Britain", "GB")])
def test_country_aliases(gazetteer, alias, cc):
    best = gazetteer.search(alias, limit=1)[0]
    assert best.place.country == cc
    assert best.place.feature in {"PCLI", "PCLD"}


@pytest.mark.parametrize(("demonym", "cc"), [("Afghan", "AF"), ("Pakistani", "PK"), ("Russian", "RU"),
                                             ("Palestinians", "PS"), ("Afghans", "AF"), ("Chinese", "CN")])
def test_demonyms_point_to_their_country(gazetteer, demonym, cc):
    best = gazetteer.lookup(demonym, feature="country", limit=1)[0]
    assert best.place.country == cc
    assert best.matched == "demonym"


def test_country_entries_keep_geonames_ids(gazetteer):
    assert gazetteer.country("AF").geonameid == 1149361
    assert gazetteer.country("pk").geonameid == 1168579


def test_country_filter_and_feature_filter(gazetteer):
    us = gazetteer.lookup("Hyderabad", country="PK", limit=5)
    assert us and all(c.place.country == "PK" for c in us)
    regions = gazetteer.lookup("Kabul", feature="region")
    assert regions and all(c.place.feature.startswith("ADM") for c in regions)
    with pytest.raises(QueryError, match="feature"):
        gazetteer.lookup("Kabul", feature="nonsense")


def test_city_state_and_city_country_queries(gazetteer):
    me = gazetteer.search("Portland, Maine", limit=1)[0].place
    assert (me.country, me.admin1) == ("US", "Maine")
    pa = gazetteer.search("Paris, Texas", limit=1)[0].place
    assert pa.country == "US" and pa.lon < -90


def test_ranking_prefers_capital_over_namesakes(gazetteer):
    best = gazetteer.search("Kabul", limit=3)
    assert best[0].place.feature == "PPLC"
    assert best[0].score >= best[1].score


def test_bad_queries_and_codes_fail_clearly(gazetteer):
    with pytest.raises(QueryError, match="empty"):
        gazetteer.search("   ")
    with pytest.raises(QueryError, match="control"):
        gazetteer.search("Kabul\x00")
    with pytest.raises(QueryError, match="characters long"):
        gazetteer.search("K" * 10_000_000)
    with pytest.raises(UnknownCountryError, match="'ZZ'"):
        gazetteer.lookup("Kabul", country="ZZ")
    with pytest.raises(ValueError):  # UnknownCountryError is a ValueError too
        gazetteer.check_country("Afghanistan")


def test_missing_or_corrupt_file_is_a_clear_error(tmp_path):
    with pytest.raises(DataFileError, match="does not exist"):
        Gazetteer(tmp_path / "nope.sqlite")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DataFileError, match="corrupted"):
        Gazetteer(bad)
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    with pytest.raises(DataFileError):
        Gazetteer(empty)


def test_nearest_is_ordered_by_distance(gazetteer):
    near = gazetteer.nearest(34.53, 69.17, limit=5)
    assert near[0][0].name == "Kabul"
    dists = [d for _, d in near]
    assert dists == sorted(dists)


def test_curated_entries_cite_a_source():
    import csv

    folder = Path(__file__).resolve().parents[1] / "data" / "curated"
    rows = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows += list(csv.DictReader(f))
    assert len(rows) > 50
    for row in rows:
        assert row["source"].strip(), row["id"]
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row["id"]


def test_build_and_runtime_normalise_alike():
    spec = importlib.util.spec_from_file_location("build", Path(__file__).resolve().parents[1] / "data" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for text in ["Spīn Bōldak", "Côte d’Ivoire", "W.Va.", "Khyber-Pakhtunkhwa", "São Tomé", "Straße", " a  b "]:
        assert build.norm(text) == normalize(text)


@pytest.mark.parametrize(("adjective", "place"), [("European", "Europe"), ("Ossetian", None),
                                                  ("South Ossetian", "South Ossetia"), ("Kurdish", "Kurdistan"),
                                                  ("Serbs", "Serbia"), ("Philippine", "Philippines"),
                                                  ("Middle Eastern", "Middle East"), ("English", "England"),
                                                  ("Ohioans", "Ohio"), ("Texan", "Texas"), ("Ontarians", "Ontario"),
                                                  ("Floridian", "Florida"), ("Dagestani", "Dagestan, Respublika")])
def test_adjectives_of_regions_and_countries_are_their_demonyms(gazetteer, adjective, place):
    demonyms = [c for c in gazetteer.lookup(adjective, limit=None) if c.matched == "demonym"]
    if place is None:  # only the full name's adjective: "Ossetian" alone names no place
        assert not demonyms
    else:
        assert demonyms and demonyms[0].place.name == place


def test_a_bare_korea_is_the_peninsula_not_a_village(gazetteer):
    best = gazetteer.search("Korea", limit=1)[0].place
    assert haversine_km(best.lat, best.lon, 37.57, 126.98) < 161  # within reach of Seoul
    assert best.feature == "RGN"


def test_a_union_sits_at_its_seat_and_names_its_continent_as_a_territory(gazetteer):
    eu = gazetteer.search("European Union", limit=1)[0].place
    assert haversine_km(eu.lat, eu.lon, 50.85, 4.35) < 10  # Brussels
    assert eu.denotes == "territory:gn:6255148"  # Europe
    au = gazetteer.search("African Union", limit=1)[0].place
    assert haversine_km(au.lat, au.lon, 9.01, 38.76) < 10  # Addis Ababa


@pytest.mark.parametrize(("written", "other"), [("St. Marys", "Saint Marys"), ("Mount Pleasant", "Mt. Pleasant"),
                                                ("Fort Worth", "Ft. Worth"), ("Sault Ste. Marie", "Sault Sainte Marie")])
def test_saint_mount_and_fort_are_found_in_either_spelling(gazetteer, written, other):
    one = {c.place.id for c in gazetteer.lookup(written, limit=None)}
    two = {c.place.id for c in gazetteer.lookup(other, limit=None)}
    assert one & two


@pytest.mark.parametrize(("query", "inside"), [("Kanawha River", "Kanawha"), ("Port of Los Angeles", "Los Angeles"),
                                               ("the Quetta Grand Jirga", "Quetta"), ("Peshawar's", "Peshawar")])
def test_search_falls_back_to_the_place_name_inside_a_longer_name(gazetteer, query, inside):
    found = gazetteer.search(query, limit=3)
    assert found and found[0].place == gazetteer.search(inside, limit=1)[0].place


def test_search_takes_no_ordinary_or_generic_word_for_a_place(gazetteer):
    assert gazetteer.search("Grand State University", limit=3) == []


@pytest.mark.parametrize(("island", "lat", "lon"), [("Luzon", 16.0, 121.0), ("Mindanao", 8.0, 125.0),
                                                    ("Sumatra", 0.0, 102.0)])
def test_large_islands_are_found_at_their_centre_before_same_named_villages(gazetteer, island, lat, lon):
    best = gazetteer.search(island, limit=1)[0].place
    assert haversine_km(best.lat, best.lon, lat, lon) < 50
