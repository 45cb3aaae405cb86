"""The article's home (dateline, publisher's address) as a prior, on sentences written here."""

import pytest

from bordermap.geo._home import dateline_span, home_hints, host_place_names, url_country
from bordermap.geo.extract import get_name_index
from bordermap.geo.resolve import geoparse


def places(text, url=None):
    return {m.surface: m.place for m in geoparse(text, url=url) if m.kind == "toponym" and m.place}


@pytest.mark.parametrize(("url", "cc"), [
    ("https://www.lfpress.ca/news/local/story.html", "CA"),
    ("http://news.example.co.uk/a/b", "GB"),
    ("www.smh.com.au/national/x", "AU"),
    ("https://example.de", "DE"),
    ("https://www.dispatch.com/story", None),   # a generic domain says nothing
    ("https://startup.io/blog", None),          # nor a national one used as generic
    ("not a url at all", None),
    (None, None),
])
def test_a_national_domain_names_the_publishers_country(url, cc):
    assert url_country(url) == cc


def test_places_spelled_in_the_host_name_are_found():
    index = get_name_index()
    assert "columbus" in host_place_names("http://www.columbuslocalnews.com/x", index)
    assert "oxfordshire" in host_place_names("https://www.thisisoxfordshire.co.uk/news", index)
    assert host_place_names("https://www.example.com/", index) == frozenset()


@pytest.mark.parametrize(("text", "city"), [
    ("Budget passes. SPRINGFIELD, Ill. — Lawmakers voted.", "SPRINGFIELD"),
    ("KABUL (Reuters) - Talks resumed on Monday.", "KABUL"),
    ("Fire guts barn. EAST HAMPTON — Crews fought the blaze.", "EAST HAMPTON"),
])
def test_datelines_are_found_at_the_start_of_the_story(text, city):
    s, e = dateline_span(text)
    assert text[s:e] == city


def test_no_dateline_in_ordinary_sentences_or_deep_in_the_text():
    assert dateline_span("The council met on Monday - and voted.") is None
    assert dateline_span("x " * 400 + "Story. ATLANTA — Crews worked.") is None


def test_a_dateline_draws_an_ambiguous_name_to_its_region():
    plain = places("Budget talks stall. Lawmakers met Tuesday. Officials in Jacksonville said jobs would go.")
    dated = places("Budget talks stall. SPRINGFIELD, Ill. — Lawmakers met Tuesday. "
                   "Officials in Jacksonville said jobs would go.")
    assert plain["Jacksonville"].admin1 == "Florida"
    assert dated["Jacksonville"].admin1 == "Illinois"


def test_the_publishers_country_changes_a_bare_name():
    text = "Police in Perth said a man was charged after the crash."
    assert places(text)["Perth"].country == "AU"
    assert places(text, url="https://www.thecourier.co.uk/news/local/")["Perth"].country == "GB"


def test_a_town_named_in_the_host_is_an_anchor_of_the_article():
    from collections import defaultdict

    from bordermap.geo._home import HomePrior
    from bordermap.geo.extract import find_mentions

    text = "Street renamed. The council in Columbus met on Monday. Residents of Dublin objected."
    groups = defaultdict(list)
    for m in find_mentions(text):
        groups[(m.norm, m.kind, None)].append(m)
    hints = home_hints(text, "http://www.columbuslocalnews.com/news/2009/street", get_name_index())
    assert [k[0] for k in HomePrior(hints, groups).anchor_keys] == ["columbus"]
    assert HomePrior(home_hints(text, None, get_name_index()), groups).anchor_keys == []
    got = places(text, url="http://www.columbuslocalnews.com/news/2009/street")
    assert got["Dublin"].admin1 == "Ohio"


def test_home_hints_are_empty_without_evidence():
    assert not home_hints("Nothing here.", None, get_name_index())
