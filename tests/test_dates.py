"""Tests of bordermap.geo._dates: event dates resolved against the publication date.

Expected dates are worked out by hand from the calendar:
2025-10-16 is a Thursday, 2025-11-03 a Monday, 2026-01-02 a Friday.
"""

from __future__ import annotations

from datetime import date

import pytest

from bordermap.geo._dates import EventDate, event_date, find_dates, mid_month, week_middle

THU = "2025-10-16"      # a Thursday
MON = "2025-11-03"      # a Monday


def one(sentence: str, published: str | None = THU, **kw) -> tuple[str | None, int | None]:
    d = event_date(sentence, published=published, **kw)
    return d.date, d.precision


# --------------------------------------------------------------------------- helpers

def test_mid_month():
    assert mid_month(2024, 2) == date(2024, 2, 15)
    assert mid_month(2025, 12) == date(2025, 12, 15)


@pytest.mark.parametrize("day, middle", [
    (date(2025, 10, 13), date(2025, 10, 16)),   # Monday
    (date(2025, 10, 16), date(2025, 10, 16)),   # Thursday itself
    (date(2025, 10, 19), date(2025, 10, 16)),   # Sunday belongs to the week before it
    (date(2025, 11, 2), date(2025, 10, 30)),    # a week spanning two months
    (date(2025, 12, 31), date(2026, 1, 1)),     # and two years
])
def test_week_middle(day, middle):
    assert week_middle(day) == middle


# --------------------------------------------------------------------------- absolute

@pytest.mark.parametrize("sentence, expected", [
    ("Mortar fire hit the crossing on Oct. 12, 2025, residents said.", ("2025-10-12", 1)),
    ("Mortar fire hit the crossing on October 12, 2025.", ("2025-10-12", 1)),
    ("Mortar fire hit the crossing on 12 October 2025.", ("2025-10-12", 1)),
    ("Mortar fire hit the crossing on the 12th of October, 2025.", ("2025-10-12", 1)),
    ("Mortar fire hit the crossing on 2025-10-12.", ("2025-10-12", 1)),
    ("Mortar fire hit the crossing on Sept. 3, 2024.", ("2024-09-03", 1)),
    ("The post was overrun in March 2024.", ("2024-03-15", 3)),
    ("Troops were redeployed in early March 2024.", ("2024-03-15", 3)),
    ("A raid on 13/08/2025 was reported late.", ("2025-08-13", 1)),
])
def test_absolute_dates(sentence, expected):
    assert one(sentence) == expected


def test_absolute_with_year_needs_no_publication_date():
    assert one("Mortar fire hit the crossing on Oct. 12, 2025.", published=None) == ("2025-10-12", 1)
    assert one("Villagers fled in March 2024.", published=None) == ("2024-03-15", 3)


def test_month_day_without_year_takes_publication_year():
    assert one("Drones struck a market on Oct. 11.") == ("2025-10-11", 1)
    assert one("Drones struck a market on 11 October.") == ("2025-10-11", 1)


def test_month_day_year_rollover():
    # Published Jan. 2: "Dec. 30" is the previous year's, not 11 months ahead
    assert one("Shelling began on Dec. 30 and lasted two days.", published="2026-01-02") == ("2025-12-30", 1)
    assert one("Shelling began on 30 December.", published="2026-01-02") == ("2025-12-30", 1)


def test_month_day_a_few_weeks_ahead_stays_in_year():
    # a scheduled date within two months after publication keeps the publication year
    assert one("The commission reports on Nov. 20.") == ("2025-11-20", 1)


def test_month_day_without_year_unknown_without_publication():
    d = event_date("Drones struck a market on Oct. 11.", published=None)
    assert (d.date, d.precision, d.text) == (None, None, "on Oct. 11")


def test_month_only_without_year():
    assert one("Fighting escalated in September.") == ("2025-09-15", 3)
    # the month after publication by more than two months: last year
    assert one("Fighting escalated in December.", published="2025-08-20") == ("2024-12-15", 3)


def test_month_only_of_publication_month_clamped():
    assert one("Fighting escalated in October.", published="2025-10-06") == ("2025-10-06", 3)
    assert one("Fighting escalated in October.", published="2025-10-28") == ("2025-10-15", 3)


def test_ordinal_day_of_publication_month():
    assert one("The convoy was hit on the 12th, officials said.") == ("2025-10-12", 1)
    # the 20th is after a publication date of the 16th: last month's 20th
    assert one("The convoy was hit on the 20th, officials said.") == ("2025-09-20", 1)


@pytest.mark.parametrize("sentence", [
    "The 11th Corps moved forward.",
    "Troops of the 5th Battalion withdrew.",
    "He is the 19th commander of the force.",
])
def test_ordinals_that_are_not_dates(sentence):
    assert find_dates(sentence, published=THU) == []


def test_ambiguous_numeric_date_is_found_but_not_resolved():
    d = event_date("Officials dated the order 04/05/2025.", published=THU)
    assert (d.date, d.text) == (None, "04/05/2025")


def test_invalid_calendar_dates_are_ignored():
    assert find_dates("Reports dated 2025-02-30 were wrong.", published=THU) == []
    assert find_dates("Reports of Feb. 30, 2025 were wrong.", published=THU) == []


def test_modal_may_is_not_a_month():
    assert find_dates("Talks may resume once the guns fall silent.", published=THU) == []


# --------------------------------------------------------------------------- weekdays

def test_weekday_on_publication_day_is_that_day():
    assert one("Pakistani jets struck targets on Thursday.") == ("2025-10-16", 1)


@pytest.mark.parametrize("sentence, expected", [
    ("Gunfire was reported on Wednesday.", "2025-10-15"),
    ("Gunfire was reported on Friday.", "2025-10-10"),
    ("Gunfire was reported Monday.", "2025-10-13"),
    ("Gunfire was reported on Monday night.", "2025-10-13"),
    ("Gunfire was reported late on Saturday.", "2025-10-11"),
    ("Gunfire was reported overnight on Tuesday.", "2025-10-14"),
    ("Gunfire was reported last Thursday.", "2025-10-09"),
    ("Gunfire was reported last Friday.", "2025-10-10"),
])
def test_weekdays_in_past_reporting(sentence, expected):
    assert one(sentence) == (expected, 1)


def test_weekday_text_and_offsets():
    sentence = "Artillery fire was heard near the crossing late on Saturday."
    d = event_date(sentence, published=THU)
    assert d.text == "late on Saturday"
    assert sentence[d.start:d.end] == d.text
    moved = event_date(sentence, published=THU, offset=100)
    assert (moved.start, moved.end) == (d.start + 100, d.end + 100)


def test_future_weekday_is_strictly_after_publication():
    assert one("Delegations will meet on Monday.", future=True) == ("2025-10-20", 1)
    assert one("Delegations will meet on Thursday.", future=True) == ("2025-10-23", 1)
    assert one("Delegations will meet on Friday.", future=True) == ("2025-10-17", 1)


def test_next_weekday_is_forward_even_without_future_flag():
    assert one("Delegations meet again next Monday.") == ("2025-10-20", 1)


def test_future_month_day_on_or_after_publication():
    assert one("The truce expires on Jan. 5.", published="2025-12-28", future=True) == ("2026-01-05", 1)
    # past reading of the same words: January of the publication year
    assert one("The truce expired on Jan. 5.", published="2025-12-28") == ("2025-01-05", 1)


def test_weekday_and_explicit_date_together_form_one_expression():
    sentence = "The border was sealed on Monday, Oct. 13, after the clash."
    found = find_dates(sentence, published=THU)
    assert [(d.text, d.date) for d in found] == [("on Monday, Oct. 13", "2025-10-13")]


def test_lower_case_weekday_accepted():
    assert one("strikes were reported on tuesday") == ("2025-10-14", 1)


# --------------------------------------------------------------------------- deictic days

@pytest.mark.parametrize("sentence, expected", [
    ("Shelling continued today.", "2025-10-16"),
    ("Shelling continued earlier today.", "2025-10-16"),
    ("Shelling continued this morning.", "2025-10-16"),
    ("Shelling continued yesterday.", "2025-10-15"),
    ("Shelling continued yesterday evening.", "2025-10-15"),
    ("Shelling continued last night.", "2025-10-15"),
    ("Shelling continued overnight.", "2025-10-15"),
    ("Shelling continued the day before yesterday.", "2025-10-14"),
    ("Two days ago a checkpoint was attacked.", "2025-10-14"),
    ("A checkpoint was attacked 10 days ago.", "2025-10-06"),
    ("A checkpoint was attacked a day ago.", "2025-10-15"),
])
def test_day_level_relative(sentence, expected):
    assert one(sentence) == (expected, 1)


def test_yesterday_across_year_boundary():
    assert one("Shelling continued yesterday.", published="2026-01-01") == ("2025-12-31", 1)


def test_tomorrow_is_after_publication():
    assert one("Talks open tomorrow.") == ("2025-10-17", 1)


# --------------------------------------------------------------------------- weeks

def test_last_week_is_middle_of_previous_week():
    assert one("The crossing closed last week.") == ("2025-10-09", 2)


def test_last_week_across_month_boundary():
    # published Monday Nov. 3: the previous week is Oct. 27 - Nov. 2
    assert one("The crossing closed last week.", published=MON) == ("2025-10-30", 2)


def test_this_week_clamped_to_publication():
    assert one("The crossing closed earlier this week.", published=MON) == ("2025-11-03", 2)
    assert one("The crossing closed this week.", published="2025-11-08") == ("2025-11-06", 2)
    assert one("The crossing closed earlier in the week.", published="2025-11-04") == ("2025-11-04", 2)


def test_later_this_week_not_before_publication():
    assert one("Talks resume later this week.", published="2025-11-08") == ("2025-11-08", 2)
    assert one("Talks resume later this week.", published=MON) == ("2025-11-06", 2)


def test_weeks_ago():
    assert one("The base was attacked three weeks ago.") == ("2025-09-25", 2)
    assert one("The base was attacked a fortnight ago.") == ("2025-10-02", 2)


def test_weekend():
    assert one("Clashes erupted over the weekend.") == ("2025-10-11", 2)
    assert one("Clashes erupted over the weekend.", published="2025-10-19") == ("2025-10-18", 2)
    assert one("Clashes erupted last weekend.", published="2025-10-19") == ("2025-10-11", 2)
    assert find_dates("A weekend of talks.", published=THU) == []


# --------------------------------------------------------------------------- months

def test_this_month_mid_month():
    assert one("Clashes erupted this month.", published="2025-10-28") == ("2025-10-15", 3)


def test_earlier_this_month_on_third_is_clamped():
    assert one("Clashes erupted earlier this month.", published="2025-10-03") == ("2025-10-03", 3)


def test_earlier_in_the_month():
    assert one("Clashes erupted earlier in the month.", published="2025-10-20") == ("2025-10-15", 3)


def test_last_month_and_year_boundary():
    assert one("Clashes erupted last month.") == ("2025-09-15", 3)
    assert one("Clashes erupted last month.", published="2026-01-02") == ("2025-12-15", 3)


def test_months_ago():
    assert one("The talks collapsed two months ago.", published="2026-01-20") == ("2025-11-15", 3)


def test_mid_month_names():
    assert one("Fighting peaked in mid-September.") == ("2025-09-15", 3)


# --------------------------------------------------------------------------- years and background

@pytest.mark.parametrize("sentence, text", [
    ("The group has fought the army since 2021.", "since 2021"),
    ("The fence was built in 2017.", "in 2017"),
    ("Trade fell sharply last year.", "last year"),
    ("Trade fell sharply earlier this year.", "earlier this year"),
])
def test_year_level_expressions_have_no_date(sentence, text):
    d = event_date(sentence, published=THU)
    assert (d.date, d.precision, d.text) == (None, None, text)


def test_background_year_does_not_beat_event_day():
    sentence = "The militants, active since 2021, attacked the post on Tuesday."
    assert one(sentence) == ("2025-10-14", 1)
    texts = [d.text for d in find_dates(sentence, published=THU)]
    assert texts == ["since 2021", "on Tuesday"]


def test_since_weekday_is_background():
    sentence = "Since Sunday the road has been shut; a bus was shelled on Tuesday."
    assert one(sentence) == ("2025-10-14", 1)
    since = find_dates(sentence, published=THU)[0]
    assert (since.text, since.date) == ("Since Sunday", "2025-10-12")


# --------------------------------------------------------------------------- choosing

def test_day_beats_week_and_month():
    assert one("Fighting that began last month flared again yesterday.") == ("2025-10-15", 1)
    assert one("After clashes last week, a convoy was hit on Monday.") == ("2025-10-13", 1)


def test_past_date_preferred_to_future_one():
    sentence = "Talks set for Oct. 25 were called off after shelling on Oct. 14."
    assert one(sentence) == ("2025-10-14", 1)


def test_future_reading_prefers_dates_after_publication():
    sentence = "After yesterday's clash, envoys will meet on Saturday."
    assert one(sentence, future=True) == ("2025-10-18", 1)
    assert one(sentence) == ("2025-10-15", 1)


def test_first_of_equal_candidates_wins():
    sentence = "A drone hit a car on Tuesday and a truck on Wednesday."
    assert one(sentence) == ("2025-10-14", 1)


def test_find_dates_order_and_offsets():
    sentence = "Yesterday's strike followed shelling on Oct. 12 and raids last week."
    found = find_dates(sentence, published=THU)
    assert [d.text for d in found] == ["Yesterday", "on Oct. 12", "last week"]
    assert [d.date for d in found] == ["2025-10-15", "2025-10-12", "2025-10-09"]
    for d in found:
        assert sentence[d.start:d.end] == d.text


def test_find_dates_offset():
    found = find_dates("It happened yesterday.", published=THU, offset=40)
    assert [(d.start, d.end) for d in found] == [(52, 61)]


# --------------------------------------------------------------------------- no publication date

@pytest.mark.parametrize("sentence, text", [
    ("Jets struck on Thursday.", "on Thursday"),
    ("Jets struck yesterday.", "yesterday"),
    ("Jets struck last week.", "last week"),
    ("Jets struck earlier this month.", "earlier this month"),
    ("Jets struck two days ago.", "two days ago"),
    ("Jets struck on the 12th, officials said.", "on the 12th"),
])
def test_relative_without_publication_date_is_unknown(sentence, text):
    d = event_date(sentence, published=None)
    assert d == EventDate(None, None, text, d.start, d.end)
    assert sentence[d.start:d.end] == text


def test_published_as_datetime_string_and_date_object():
    assert one("Jets struck yesterday.", published="2025-10-16T23:10:00+05:00") == ("2025-10-15", 1)
    assert event_date("Jets struck yesterday.", published=date(2025, 10, 16)).date == "2025-10-15"
    assert event_date("Jets struck yesterday.", published="").date is None


@pytest.mark.parametrize("bad", ["16/10/2025", "2025-13-01", "last Thursday"])
def test_malformed_publication_date_raises(bad):
    with pytest.raises(ValueError):
        event_date("Jets struck yesterday.", published=bad)


def test_no_date_expression():
    assert event_date("The army denied the report.", published=THU) == EventDate(None, None, None, None, None)
    assert find_dates("The army denied the report.", published=THU) == []


def test_numbers_that_are_not_dates():
    assert find_dates("The 2,600-kilometre frontier has 18 crossings.", published=THU) == []
    assert find_dates("At least 23 soldiers died at post 19.", published=THU) == []
