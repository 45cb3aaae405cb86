"""Incident extraction on short reports written for these tests."""

import pytest

from bordermap.geo.events import ACLED_TYPES, extract_incidents, merge_incidents
from bordermap.geo.gazetteer import haversine_km
from bordermap.geo.resolve import geoparse

PUBLISHED = "2025-03-06"  # a Thursday


def incidents(text, published=PUBLISHED, doc="t"):
    return extract_incidents(text, geoparse(text, doc=doc), doc=doc, published=published, source=f"{doc}.txt")


def one(text, **kw):
    found = incidents(text, **kw)
    assert len(found) == 1, [(i.category, i.location) for i in found]
    return found[0]


@pytest.mark.parametrize(("text", "category"), [
    ("Warplanes bombed a market in Jalalabad on Tuesday.", "airstrike"),
    ("Drone strikes hit a compound near Miranshah on Monday.", "airstrike"),
    ("Mortar shells landed in Parachinar on Wednesday.", "shelling"),
    ("Troops clashed with fighters in Kandahar on Tuesday.", "armed_clash"),
    ("Gunmen attacked a bus in Peshawar on Monday.", "attack"),
    ("A roadside bomb exploded in Quetta on Tuesday.", "explosion"),
    ("The two sides signed a ceasefire in Doha on Wednesday.", "ceasefire"),
    ("Delegations held talks in Istanbul on Tuesday.", "talks"),
    ("Pakistan closed the Torkham crossing on Monday.", "border_closure"),
    ("Hundreds of protesters marched in Lahore on Tuesday.", "protest"),
    ("Police arrested three men in Karachi on Monday.", "arrest"),
])
def test_categories_with_acled_types(text, category):
    inc = one(text)
    assert inc.category == category
    assert (inc.event_type, inc.sub_event_type) == ACLED_TYPES[category][1:]


@pytest.mark.parametrize("text", [
    "The two countries will resume talks in Istanbul next week.",
    "Officials warned that airstrikes on Kabul could follow.",
    "No clashes were reported in Kandahar on Monday.",
    "The group has long carried out attacks in Peshawar.",
    "They plan to launch attacks on Quetta.",
    "What would a ceasefire in Doha mean?",
])
def test_future_negated_hypothetical_and_background_are_not_events(text):
    assert incidents(text) == []


def test_a_statement_place_is_not_the_event_place():
    inc = one("Islamabad announced that airstrikes hit targets in Khost on Tuesday.")
    assert inc.location.startswith("Kh")
    assert inc.country == "AF"
    found = incidents("In a statement from Kabul, officials said shelling hit Chaman on Monday.")
    assert [i.location for i in found] == ["Chaman"]


def test_dates_resolve_against_publication_with_acled_precision():
    inc = one("Shelling hit Parachinar on Tuesday.")
    assert (inc.event_date, inc.time_precision) == ("2025-03-04", 1)
    inc = one("Troops clashed in Kandahar earlier this month.")
    # the month's middle day, but not after the publication date (the 6th)
    assert (inc.event_date, inc.time_precision) == ("2025-03-06", 3)
    inc = one("Troops clashed in Kandahar last month.")
    assert (inc.event_date, inc.time_precision) == ("2025-02-15", 3)
    inc = one("Gunmen attacked a convoy in Peshawar.", published=None)
    assert inc.event_date is None and inc.time_precision is None


def test_fatalities_by_acled_conventions():
    assert one("Clashes in Kandahar on Monday killed dozens.").fatalities == 12
    inc = one("Shelling killed at least 23 people in Chaman on Monday, officials said; others said 40 died.")
    assert inc.fatalities == 23
    assert "23" in inc.fatalities_text
    assert one("Talks were held in Doha on Monday.").fatalities is None


def test_border_events_sit_on_the_shared_border_line():
    inc = one("Pakistani and Afghan troops exchanged fire along the Pakistan-Afghanistan border on Monday.")
    assert inc.geo_precision == 3
    assert inc.border and "Afghanistan" in inc.border and "Pakistan" in inc.border
    assert set(inc.border_countries) == {"AF", "PK"}


def test_places_give_geo_precision():
    assert one("Shelling hit Parachinar on Tuesday.").geo_precision == 1
    rel = one("A bomb exploded near Chaman on Tuesday.")
    assert rel.geo_precision in (1, 2)


def test_actors_from_demonyms_and_groups():
    # ACLED: since August 2021 the Taliban are Afghanistan's state forces; before, an armed group
    inc = one("Pakistani forces clashed with Taliban fighters in Kandahar on Monday.")
    assert inc.actor1 == "Military Forces of Pakistan"
    assert inc.actor2 == "Military Forces of Afghanistan (2021-)"
    inc = one("Pakistani forces clashed with Taliban fighters in Kandahar on Monday.", published="2019-05-02")
    assert inc.actor2 == "Taliban"


def test_reports_of_the_same_event_merge_across_articles():
    a = incidents("Shelling hit Parachinar on Tuesday, killing four.", doc="a")
    b = incidents("Four people died when shells struck Parachinar on Tuesday, police said; "
                  "a later count gave six.", doc="b")
    merged = merge_incidents(a + b)
    assert len(merged) == 1
    assert merged[0].docs == ["a", "b"]
    assert merged[0].fatalities == 4
    assert set(merged[0].sources) == {"a.txt", "b.txt"}


def test_different_days_or_places_do_not_merge():
    a = incidents("Shelling hit Parachinar on Tuesday.", doc="a")
    b = incidents("Shelling hit Parachinar on Monday, a week earlier.", published="2025-02-27", doc="b")
    c = incidents("Shelling hit Chaman on Tuesday.", doc="c")
    assert len(merge_incidents(a + b + c)) == 3


def test_event_location_is_near_the_place():
    inc = one("Drone strikes hit a compound near Miranshah on Monday.")
    assert haversine_km(inc.lat, inc.lon, 33.0, 70.07) < 20


@pytest.mark.parametrize(("text", "category"), [
    ("Troops fired small arms at army posts in Kandahar on Tuesday.", "armed_clash"),
    ("Soldiers were involved in a brief scuffle near Chaman on Monday.", "armed_clash"),
    ("An explosive device damaged a bridge near Quetta on Tuesday.", "explosion"),
    ("A projectile fired from across the border hit a house in Parachinar on Monday.", "shelling"),
    ("Several hundred people marched through Lahore on Sunday.", "protest"),
    ("Afghan and Pakistani officials met in Doha on Monday.", "talks"),
    ("Troops repelled an attack near Torkham on Sunday.", "armed_clash"),
])
def test_more_ways_news_reports_events(text, category):
    assert one(text).category == category


def test_the_day_of_the_report_is_not_the_day_of_the_event():
    inc = one("Gunmen killed four guards in Quetta on Tuesday, state media reported on Wednesday.")
    assert inc.event_date == "2025-03-04"


def test_wounded_only_codes_zero_fatalities():
    inc = one("Shelling wounded three soldiers in Parachinar on Tuesday.")
    assert inc.fatalities == 0 and inc.fatalities_text == "wounded"


def test_the_report_day_stands_in_when_it_is_the_only_date():
    inc = one("The two sides have resumed talks in Doha, officials told reporters on Tuesday.")
    assert inc.event_date == "2025-03-04"


def test_events_dated_after_publication_are_plans():
    assert incidents("The two sides are scheduled to meet in New Delhi next month for another round of talks.") == []
