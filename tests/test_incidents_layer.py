"""The incidents GeoDataFrame: schema, axis order, border enrichment."""

from common import KABUL_LAT, KABUL_LON

from bordermap.geo.events import Incident, merge_incidents
from bordermap.layers.incidents import INCIDENT_COLUMNS, incidents_to_gdf


def make(category="airstrike", lat=KABUL_LAT, lon=KABUL_LON, doc="a", date="2025-10-09", **kw):
    inc = Incident(category, doc, "Airstrikes hit Kabul.", 0, 21, lat=lat, lon=lon, location="Kabul",
                   country="AF", geo_precision=1, event_date=date, time_precision=1, fatalities=3,
                   source=f"{doc}.txt", **kw)
    return merge_incidents([inc])[0]


def test_schema_crs_and_axis_order():
    gdf = incidents_to_gdf([make()])
    assert list(gdf.columns[:-1]) == list(INCIDENT_COLUMNS)
    assert gdf.crs.to_epsg() == 4326
    pt = gdf.geometry.iloc[0]
    assert (round(pt.x, 2), round(pt.y, 2)) == (69.17, 34.53)  # x is longitude
    assert str(gdf["fatalities"].dtype) == "Int64"
    assert gdf.loc[0, "event_type"] == "Explosions/Remote violence"


def test_border_distance_and_side():
    gdf = incidents_to_gdf([make(), make(category="shelling", lat=31.61, lon=65.71, doc="b")])
    kabul = gdf[gdf["doc"] == "a"].iloc[0]
    assert kabul["border_side"] == "AF"
    assert "Pakistan" in kabul["border"]
    assert 30 < kabul["border_distance_km"] < 200
    kandahar = gdf[gdf["doc"] == "b"].iloc[0]
    assert kandahar["border_side"] == "AF" and kandahar["border_distance_km"] < 150


def test_unlocated_incidents_are_left_out_and_order_is_stable():
    a = make(doc="a", date="2025-10-10")
    b = make(doc="b", date="2025-10-01", category="shelling")
    c = Incident("talks", "c", "Talks.", 0, 6)
    gdf = incidents_to_gdf([a, b, c])
    assert list(gdf["doc"]) == ["b", "a"]
