import pytest
from common import KABUL_LAT, KABUL_LON
from geopy.location import Location
from geopy.point import Point

from bordermap.geo import QueryError
from bordermap.geo.gazetteer import haversine_km
from bordermap.geo.geocoder import OfflineGeocoder


@pytest.fixture(scope="module")
def geolocator():
    # the same call a Nominatim user writes, user_agent and all
    return OfflineGeocoder(user_agent="bordermap-tests", timeout=3)


def test_geocode_returns_a_geopy_location_with_raw_fields(geolocator):
    loc = geolocator.geocode("Kabul")
    assert isinstance(loc, Location)
    # latitude first, as in geopy; an axis swap would put Kabul in the Indian Ocean
    assert abs(loc.latitude - KABUL_LAT) < 0.1 and abs(loc.longitude - KABUL_LON) < 0.1
    for key in ("geonameid", "feature", "country", "admin1", "population"):
        assert key in loc.raw
    assert loc.raw["geonameid"] == 1138958
    assert "Kabul" in loc.address


def test_geocode_list_and_filters(geolocator):
    many = geolocator.geocode("Hyderabad", exactly_one=False, limit=4)
    assert 1 < len(many) <= 4
    assert {loc.raw["country"] for loc in many} >= {"IN", "PK"}
    pk = geolocator.geocode("Hyderabad", country_codes="PK")
    assert pk.raw["country"] == "PK"
    assert geolocator.geocode("Qwxzyv Nowhere") is None
    assert geolocator.geocode("Qwxzyv Nowhere", exactly_one=False) == []


def test_structured_query_like_nominatim(geolocator):
    loc = geolocator.geocode({"city": "Portland", "state": "Maine"})
    assert loc.raw["admin1"] == "Maine"
    with pytest.raises(QueryError, match="structured"):
        geolocator.geocode({"planet": "Mars"})


def test_reverse_gives_country_region_and_nearest_place(geolocator):
    loc = geolocator.reverse((34.0, 71.55))  # just outside Peshawar
    assert isinstance(loc, Location)
    assert loc.raw["country"] == "PK"
    assert loc.raw["admin1"] == "Khyber Pakhtunkhwa"
    assert loc.raw["distance_km"] < 15
    assert haversine_km(loc.raw["lat"], loc.raw["lon"], 34.0, 71.55) == pytest.approx(loc.raw["distance_km"], abs=0.01)
    same = geolocator.reverse("34.0, 71.55")
    assert same.raw["geonameid"] == loc.raw["geonameid"]
    assert geolocator.reverse(Point(34.0, 71.55)).raw["geonameid"] == loc.raw["geonameid"]


def test_reverse_rejects_non_points(geolocator):
    with pytest.raises(QueryError):
        geolocator.reverse("not a point")


class _Fallback:
    """A stand-in online geocoder: records what it is asked (no network involved)."""

    def __init__(self, answer=None, fail=False):
        self.asked, self.answer, self.fail = [], answer or [], fail

    def geocode(self, query, *, country=None, limit=1):
        self.asked.append(query)
        if self.fail:
            raise RuntimeError("service down")
        return self.answer


def test_fallback_is_asked_only_for_unknown_names_and_never_breaks():
    hit = {"name": "Somewhere", "lat": 1.5, "lon": 2.5, "country": "XX", "feature": "PPL", "geonameid": None,
           "score": 0.5, "source": "nominatim"}
    fb = _Fallback([hit])
    geo = OfflineGeocoder(fallback=fb)
    assert geo.geocode("Kabul").raw["country"] == "AF"
    assert fb.asked == []
    loc = geo.geocode("Qwxzyv Nowhere")
    assert (loc.latitude, loc.longitude) == (1.5, 2.5)
    assert fb.asked == ["Qwxzyv Nowhere"]
    assert OfflineGeocoder(fallback=_Fallback(fail=True)).geocode("Qwxzyv Nowhere") is None
