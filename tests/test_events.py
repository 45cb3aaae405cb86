"""Incident extraction on short reports written for these tests."""

import pytest

from bordermap.geo.events import ACLED_TYPES, extract_incidents, merge_incidents
from bordermap.geo.gazetteer import haversine_km
from bordermap.geo.resolve import geoparse
from common import KNOWN_PLACES

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


# ------------------------------------------------------------------------------ the event's own place

def test_the_place_the_event_word_governs_not_the_nearest():
    inc = one("Officials in Islamabad said on Tuesday that Pakistani jets bombed hideouts in Khost overnight.")
    assert inc.location.startswith("Kh") and inc.country == "AF"


def test_the_attackers_country_is_never_the_location():
    inc = one("Iran fired missiles at militant camps near Panjgur on Tuesday.")
    assert inc.country == "PK"
    assert haversine_km(inc.lat, inc.lon, 26.96, 64.09) < 40


def test_a_nationality_on_the_target_puts_the_event_on_that_side_of_the_border():
    inc = one("Afghan forces attacked Pakistani border posts on Sunday.")
    assert inc.country == "PK"
    assert set(inc.border_countries) == {"AF", "PK"}


def test_a_date_or_a_toll_between_the_word_and_its_place_keeps_the_link():
    inc = one("Warplanes struck on Monday night a compound near Miranshah.")
    assert haversine_km(inc.lat, inc.lon, 33.0, 70.07) < 20
    inc = one("Jets bombed, killing twelve people, two villages in Kurram on Tuesday.")
    assert inc.location.startswith("Kurram") and inc.fatalities == 12


def test_a_ceasefire_agreed_at_talks_takes_their_venue():
    found = incidents("Afghan and Pakistani delegations met in Doha on Sunday. "
                      "The two sides agreed to halt military actions, officials said.")
    truce = [i for i in found if i.category in ("ceasefire", "agreement")]
    assert truce and truce[0].location == "Doha"


def test_a_village_the_gazetteer_lacks_is_kept_by_name_at_its_district():
    inc = one("Mortar shells hit the village of Zorbandikhel in Kurram district on Monday.")
    assert inc.location == "Zorbandikhel"
    assert inc.geo_precision in (2, 3)
    assert haversine_km(inc.lat, inc.lon, *KNOWN_PLACES["Kurram"][:2]) < 60


def test_coordinated_places_are_separate_events_with_their_own_tolls():
    found = incidents("Pakistani aircraft bombed Khost and Paktika on Monday, killing five in Khost and three in Paktika.")
    by_place = {i.location[:4]: i.fatalities for i in found}
    assert by_place == {"Khōs": 5, "Pakt": 3}
    found = incidents("Pakistani aircraft bombed Khost and Paktika on Monday, killing eight people.")
    assert sorted(i.fatalities for i in found) == [4, 4]  # ACLED divides an undivided toll evenly


# ------------------------------------------------------------------------------ event words in every form

@pytest.mark.parametrize(("text", "category"), [
    ("Warplanes raided a market in Jalalabad on Tuesday.", "airstrike"),
    ("Israeli jets pounded positions near Quetta on Monday.", "airstrike"),
    ("Drones hit a compound near Miranshah on Sunday.", "airstrike"),
    ("A border post near Chaman came under heavy fire on Monday.", "armed_clash"),
    ("Two soldiers were wounded by fire from across the border near Torkham on Tuesday.", "armed_clash"),
    ("Troops destroyed three enemy posts near Chaman on Sunday.", "armed_clash"),
    ("Rebels captured the town of Parachinar on Monday.", "armed_clash"),
    ("Militants launched dozens of rockets at Quetta on Tuesday.", "shelling"),
    ("Pakistan and Afghanistan agreed to halt military actions on Monday, officials in Doha said.", "ceasefire"),
])
def test_event_words_in_every_grammatical_form(text, category):
    assert one(text).category == category


def test_missiles_are_shelling_unless_fired_from_aircraft():
    assert one("Missiles struck a depot in Quetta on Tuesday.").category == "shelling"
    assert one("Helicopters fired missiles at a depot in Quetta on Tuesday.").category == "airstrike"


# ------------------------------------------------------------------------------ dates per event

def test_mentions_of_one_event_pool_their_dates():
    found = incidents("Clashes erupted near Chaman, officials said. The clashes on Tuesday killed three soldiers.")
    assert len(found) == 1
    assert found[0].event_date == "2025-03-04" and found[0].fatalities == 3


def test_an_undated_present_perfect_lead_is_the_publication_day():
    inc = one("Pakistan has launched airstrikes on hideouts in Khost, the Taliban said.")
    assert inc.event_date == PUBLISHED


def test_a_time_of_day_is_the_day_of_the_report():
    assert one("At about 1 am, mortar shells landed in Parachinar.").event_date == PUBLISHED


# ------------------------------------------------------------------------------ new events and re-mentions

@pytest.mark.parametrize("text", [
    "Pakistani jets bombed hideouts in Khost on Monday. Kabul condemned these attacks on Tuesday.",
    "Pakistani jets bombed hideouts in Khost on Monday. More than 40 soldiers have been killed in the area "
    "since January.",
    "Pakistani jets bombed hideouts in Khost on Monday. The war has killed thousands of people.",
])
def test_reactions_and_tallies_are_not_new_events(text):
    found = incidents(text)
    assert len(found) == 1 and found[0].category == "airstrike"


def test_background_anchored_in_another_year_is_not_an_event():
    assert incidents("Kabul has been tense since the Taliban seized the city in 2021.") == []


def test_a_definite_re_mention_joins_the_event_it_names():
    found = incidents("Gunmen attacked a checkpoint near Quetta on Monday, killing two guards. "
                      "The attack was the third this month.")
    assert len(found) == 1 and found[0].fatalities == 2


# ------------------------------------------------------------------------------ merging and tolls

def test_merging_keeps_the_most_specific_point():
    found = incidents("Fighting broke out along the Afghanistan-Pakistan border on Monday. "
                      "The clashes were centred on the town of Chaman.")
    assert len(found) == 1
    assert found[0].location == "Chaman"


def test_far_apart_points_on_one_border_are_different_events():
    found = incidents("Afghan and Pakistani troops clashed near Torkham on Monday. "
                      "Separately, troops clashed near Chaman on Monday.")
    assert len(found) == 2


def test_an_airstrike_is_not_absorbed_into_a_battle_at_the_same_place():
    found = incidents("Troops clashed with militants in Miranshah on Monday, and jets bombed their positions "
                      "in Miranshah.")
    assert sorted(i.category for i in found) == ["airstrike", "armed_clash"]


def test_a_stated_toll_beats_a_vague_one():
    found = incidents("Dozens were killed in clashes near Chaman on Monday. "
                      "The clashes near Chaman killed 49 people, officials said.")
    assert len(found) == 1 and found[0].fatalities == 49


def test_no_reported_deaths_codes_zero_for_violence_only():
    assert one("Shelling hit Parachinar on Tuesday.").to_properties()["fatalities"] == 0
    assert one("Talks were held in Doha on Monday.").to_properties()["fatalities"] is None


# ------------------------------------------------------------------------------ actors

def test_actors_are_named_as_acled_names_them():
    inc = one("Pakistani jets bombed houses in Khost on Monday, killing five civilians.")
    assert (inc.actor1, inc.actor2) == ("Military Forces of Pakistan", "Civilians (Afghanistan)")


def test_the_parties_of_a_truce_never_include_the_mediator():
    inc = one("Afghanistan and Pakistan signed a ceasefire in Doha on Sunday, mediated by Qatar and Turkey.")
    assert {inc.actor1, inc.actor2} == {"Government of Afghanistan (2021-)", "Government of Pakistan"}


def test_a_clash_names_both_sides():
    inc = one("Afghan border guards clashed with Pakistani troops near Torkham on Monday.")
    assert {inc.actor1, inc.actor2} == {"Military Forces of Afghanistan (2021-)", "Military Forces of Pakistan"}


def test_the_perpetrator_is_never_the_victim():
    inc = one("Pakistani jets bombed a village in Khost on Monday, killing six people.")
    assert inc.actor2 != inc.actor1 and "Pakistan" not in (inc.actor2 or "")


def test_coordinated_violent_nouns_are_one_episode():
    found = incidents("Cross-border shelling and clashes near Chaman left four people dead on Monday.")
    assert len(found) == 1 and found[0].category == "armed_clash" and found[0].fatalities == 4


def test_a_place_after_a_non_locating_verb_is_not_the_events():
    inc = one("Clashes near Chaman on Monday raised tensions in Quetta.")
    assert inc.location == "Chaman"


def test_a_countrys_rebels_are_an_armed_group_not_its_state():
    inc = one("Afghan militants attacked a checkpoint near Chaman on Monday.")
    assert inc.actor1 == "Unidentified Armed Group (Afghanistan)"


def test_events_of_months_before_are_background():
    assert incidents("Troops clashed near Chaman on 12 November 2024.") == []


def test_an_undated_event_takes_the_articles_news_day():
    found = incidents("Afghan and Pakistani delegations met in Doha on Tuesday. Elsewhere, gunmen attacked a bus "
                      "in Quetta, killing two passengers.")
    bus = [i for i in found if i.location == "Quetta"][0]
    assert bus.event_date == "2025-03-04" and "news day" in bus.date_text
