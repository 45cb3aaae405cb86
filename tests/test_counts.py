"""Tests of bordermap.geo._counts: fatality figures by ACLED's conventions."""

from __future__ import annotations

import pytest

from bordermap.geo._counts import Fatalities, fatalities, parse_number


def count(sentence: str) -> int | None:
    return fatalities(sentence).count


# --------------------------------------------------------------------------- parse_number

@pytest.mark.parametrize("words, value", [
    ("7", 7),
    ("1,200", 1200),
    ("twenty-three", 23),
    ("twenty three", 23),
    ("Eleven", 11),
    ("a dozen", 12),
    ("two dozen", 24),
    ("half a dozen", 6),
    ("a hundred", 100),
    ("two hundred and fifty", 250),
    ("three thousand", 3000),
    ("1.5 million", 1_500_000),
    ("dozens", 12),
    ("scores", 20),
    ("hundreds", 100),
    ("thousands", 1000),
    ("tens of thousands", 10_000),
    ("several", 3),
    ("a few", 3),
    ("many", 10),
    ("numerous", 10),
    ("several hundred", 300),
    ("a couple", 2),
    ("one", 1),
    ("an", 1),
    ("at least 40", 40),
    ("more than 30", 30),
    ("up to 30", 30),
    ("between 20 and 30", 20),
    ("20 to 30", 20),
    ("20-30", 20),
    ("two or three", 2),
])
def test_parse_number(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize("words", ["", "the border", "1.5", "soldiers", "twenty soldiers", "hundred"])
def test_parse_number_rejects(words):
    assert parse_number(words) is None


# --------------------------------------------------------------------------- death words

@pytest.mark.parametrize("sentence, expected", [
    ("Eleven soldiers were killed when their post was overrun.", 11),
    ("At least 17 people were killed in the raid.", 17),
    ("The strike killed nine militants near the pass.", 9),
    ("The bombing at the market killed at least 14, police said.", 14),
    ("Rockets hit the town, killing at least 6 civilians.", 6),
    ("The blast left 4 dead.", 4),
    ("The ambush left four people dead and two wounded.", 4),
    ("The shelling claimed 3 lives.", 3),
    ("The attack claimed the lives of 8 border guards.", 8),
    ("Officials said the death toll rose to 31.", 31),
    ("Rescuers said the toll had climbed to 19 by evening.", 19),
    ("Hospital staff counted 26 deaths.", 26),
    ("Villagers recovered 5 bodies from the river.", 5),
    ("The bodies of 3 shepherds were found on the hillside.", 3),
    ("Two policemen died of their wounds.", 2),
    ("Seven soldiers were martyred, the army said.", 7),
    ("Fifteen fighters were slain in the battle.", 15),
    ("12 soldiers lost their lives in the attack.", 12),
    ("Two shepherds were beaten to death.", 2),
    ("Gunmen shot dead three traders.", 3),
    ("Five workers were shot dead at the site.", 5),
    ("8 killed, 20 wounded in border clash", 8),
    ("Pakistani forces said 45 militants had been killed.", 45),
    ("23 of its soldiers died in the fighting.", 23),
    ("One of the guards died on the way to hospital.", 1),
    ("Twenty-two people are dead after the storming of the post.", 22),
])
def test_death_figures(sentence, expected):
    assert count(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("A soldier was killed at the checkpoint.", 1),
    ("The drone strike killed a civilian.", 1),
    ("Gunmen opened fire, killing a policeman.", 1),
    ("One villager died in the shelling.", 1),
    ("Another guard was killed on Sunday.", 1),
    ("A 23-year-old was killed by a stray shell.", 1),
    ("A 19-year-old soldier was killed in the ambush.", 1),
])
def test_singular_victims(sentence, expected):
    assert count(sentence) == expected


def test_age_is_not_a_count():
    f = fatalities("A 23-year-old soldier was killed in the ambush.")
    assert (f.count, f.text) == (1, "A 23-year-old soldier")


# --------------------------------------------------------------------------- ACLED's lowest figure

@pytest.mark.parametrize("sentence, expected", [
    ("Between 20 and 30 people were killed.", 20),
    ("Officials said 20 to 30 people were killed.", 20),
    ("20-30 civilians died in the bombardment.", 20),
    ("Two or three soldiers were killed.", 2),
    ("Up to 30 people were killed.", 30),
    ("As many as 30 people were killed.", 30),
    ("More than 30 people were killed.", 30),
    ("Nearly 30 people were killed.", 30),
    ("Some 30 people were killed.", 30),
])
def test_qualifiers_and_ranges(sentence, expected):
    assert count(sentence) == expected


def test_competing_reports_take_lowest():
    assert count("Islamabad said 19 soldiers died; Kabul said 64.") == 19
    assert count("Kabul said 64 soldiers died; Islamabad said 19.") == 19
    assert count("The militants claimed they killed 70 troops, while the army said 12 soldiers died.") == 12


def test_competing_report_text_is_the_lowest_figure():
    sentence = "Kabul said 64 soldiers were killed, while Islamabad put the figure at 19."
    f = fatalities(sentence)
    assert (f.count, f.text) == (19, "19")
    assert sentence[f.start:f.end] == "19"


def test_toll_beside_event_figure_takes_lowest():
    assert count("Clashes killed 6 soldiers, bringing the death toll to 41.") == 6


def test_toll_changing_takes_the_new_figure():
    assert count("The death toll rose from 12 to 15 overnight.") == 15


# --------------------------------------------------------------------------- vague words

@pytest.mark.parametrize("sentence, expected", [
    ("Dozens were killed in the bombardment.", 12),
    ("Dozens of people were killed in the bombardment.", 12),
    ("Scores of civilians died.", 20),
    ("Hundreds of fighters were killed.", 100),
    ("Thousands died in the famine that followed.", 1000),
    ("Several soldiers were killed.", 3),
    ("A few villagers were killed.", 3),
    ("Many were killed in the raid.", 10),
    ("Numerous civilians were killed.", 10),
    ("Some soldiers were killed.", 3),
    ("A number of militants were killed.", 3),
    ("A handful of guards were killed.", 3),
    ("Several dozen people were killed.", 36),
    ("The shelling killed dozens.", 12),
])
def test_vague_quantities(sentence, expected):
    assert count(sentence) == expected


def test_vague_text():
    f = fatalities("Dozens were killed in the bombardment.")
    assert f == Fatalities(12, "Dozens", 0, 6)


# --------------------------------------------------------------------------- not deaths

@pytest.mark.parametrize("sentence", [
    "Fourteen people were injured in the blast.",
    "Police arrested 30 suspects after the clash.",
    "At least 200 families were displaced.",
    "Nine soldiers are missing after the ambush.",
    "Hundreds were displaced by the shelling.",
    "Officials said 14 were wounded.",
    "The strike wounded 12 people.",
    "Six men were abducted from the bus.",
    "Rescuers evacuated 40 people.",
])
def test_non_fatal_figures(sentence):
    assert count(sentence) is None


def test_killed_and_wounded_separated():
    assert count("The strike killed two and injured 15.") == 2
    assert count("The ambush killed 4 soldiers and wounded 9 others.") == 4
    assert count("12 wounded and 5 killed in the raid") == 5
    assert count("Three soldiers were killed and 11 were injured.") == 3
    assert count("The raid killed 3 guards and 7 villagers were hurt.") == 3


@pytest.mark.parametrize("sentence", [
    "The 2,600-kilometer border has been closed since the clash.",
    "He was killed in 2021.",
    "Shelling on Oct. 19 damaged 12 houses.",
    "The post is 50 km from where the attack took place.",
    "The $5 million fence was damaged.",
    "About 20% of the fighters were killed.",
    "Talks on 14 October failed.",
    "The 11th Corps lost ground.",
    "The army said it fired 300 rounds.",
    "The clash killed off hopes of a deal for 2025.",
])
def test_numbers_that_are_not_fatalities(sentence):
    assert count(sentence) is None


def test_year_in_sentence_does_not_count():
    f = fatalities("Two soldiers were killed in 2021 near the border.")
    assert (f.count, f.text) == (2, "Two soldiers")


def test_distance_and_date_beside_real_figure():
    sentence = "On Oct. 19, 3 soldiers died 50 km from the 2,600-km border."
    f = fatalities(sentence)
    assert (f.count, f.text) == (3, "3 soldiers")
    assert sentence[f.start:f.end] == "3 soldiers"


def test_active_voice_subject_is_not_victim():
    assert count("Three gunmen killed 12 worshippers.") == 12
    assert count("A suicide bomber killed 5 policemen.") == 5


# --------------------------------------------------------------------------- sums

def test_sum_within_a_list():
    f = fatalities("The shelling killed 5 soldiers and 3 civilians.")
    assert (f.count, f.text) == (8, "5 soldiers and 3 civilians")


def test_sum_of_coordinated_subjects():
    assert count("Two soldiers and an Afghan border guard were killed.") == 3
    assert count("Four troops, two police and a child were killed.") == 7


def test_sum_of_separate_clauses():
    f = fatalities("Three soldiers were killed and two civilians died.")
    assert f.count == 5
    assert f.text == "Three soldiers were killed and two civilians"


def test_including_is_a_subset_not_added():
    assert count("The strike killed 9 people, including 4 children.") == 9


# --------------------------------------------------------------------------- zero and casualties

@pytest.mark.parametrize("sentence, text", [
    ("No one was killed in the exchange of fire.", "No one was killed"),
    ("Nobody was hurt, officials said.", "Nobody was hurt"),
    ("There were no casualties.", "no casualties"),
    ("The shells landed without casualties.", "without casualties"),
    ("Officials reported no deaths.", "no deaths"),
    ("No soldiers were killed in the raid.", "No soldiers were killed"),
])
def test_explicit_zero(sentence, text):
    f = fatalities(sentence)
    assert (f.count, f.text) == (0, text)
    assert sentence[f.start:f.end] == text


def test_none_of_numbered_group_is_zero():
    assert count("None of the 12 soldiers at the post was killed.") == 0


def test_zero_for_some_and_deaths_for_others():
    assert count("No civilians were killed, but 3 soldiers died.") == 3


def test_casualties_alone_is_zero_with_text():
    f = fatalities("The attack caused heavy casualties.")
    assert (f.count, f.text) == (0, "heavy casualties")
    f = fatalities("Officials reported 20 casualties.")
    assert (f.count, f.text) == (0, "20 casualties")


def test_casualties_with_death_figure():
    assert count("Casualties included 4 soldiers who were killed at the gate.") == 4
    assert count("There were 20 casualties, 6 of them killed.") == 6


def test_killed_or_wounded_is_inseparable():
    f = fatalities("Forty people were killed or wounded.")
    assert (f.count, f.text) == (0, "Forty people")


def test_nothing_reported():
    assert fatalities("The border crossing reopened on Monday.") == Fatalities(None, None, None, None)
    assert fatalities("") == Fatalities(None, None, None, None)


def test_text_offsets_match_sentence():
    sentence = "Rockets struck the camp, killing at least 23 Pakistani soldiers and wounding 40."
    f = fatalities(sentence)
    assert f == Fatalities(23, "at least 23 Pakistani soldiers", 33, 63)
    assert sentence[f.start:f.end] == f.text


@pytest.mark.parametrize(("sentence", "count"), [
    ("Fighting has killed 40 people this week.", 40),
    ("Clashes that have killed dozens this month continued.", 12),
    ("Clashes killed 5 soldiers last night.", 5),
])
def test_time_phrases_after_the_toll_do_not_hide_it(sentence, count):
    assert fatalities(sentence).count == count


def test_people_named_as_killed_count_one_each():
    from bordermap.geo._counts import fatalities

    assert fatalities("Sergeant Ali Raza and corporal Imran Khattak died repelling the raid.").count == 2
    assert fatalities("The senior lieutenant of the border force, Omar Daud, was killed.").count == 1
    assert fatalities("Farid Ahmadzai was killed near the crossing.").count == 1


def test_kin_and_coordinated_singulars_count():
    from bordermap.geo._counts import fatalities

    assert fatalities("The strike killed his brother and at least three other civilians.").count == 4
    assert fatalities("Shells killed a farmer and Afghan herder near the post.").count == 2
    assert fatalities("The drone hit a car, killing the two men and the three boys inside.").count == 5
    assert fatalities("The strike killed a soldier and wounded his brother.").count == 1
