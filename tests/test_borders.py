"""Tests of bordermap.layers.borders and the embedded boundary files."""

from __future__ import annotations

import gzip
import json

import pytest
import shapely
from shapely.geometry import Point

from bordermap.geo._errors import DataFileError, QueryError, UnknownCountryError
from bordermap.layers import border_between, countries, distance_to_border_km, shared_borders
from bordermap.layers import borders as borders_mod


def test_af_pk_is_one_line_of_plausible_length() -> None:
    frame = shared_borders(["AF", "PK"])
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["a"], row["b"], row["countries"]) == ("AF", "PK", "AF|PK")
    assert row["name"] == "Afghanistan\u2013Pakistan border"
    assert 2450 <= row["length_km"] <= 2800
    assert row.geometry.geom_type in ("LineString", "MultiLineString")


def test_af_pk_line_lies_on_both_polygon_boundaries() -> None:
    line = border_between("AF", "PK")
    polys = countries(["AF", "PK"]).set_index("iso_a2").geometry
    for cc in ("AF", "PK"):
        boundary = polys[cc].boundary
        assert boundary.covers(line) or boundary.distance(line) < 1e-9
        # every vertex of the line is a vertex of the polygon's boundary
        vertices = {tuple(c) for c in shapely.get_coordinates(boundary)}
        assert all(tuple(c) in vertices for c in shapely.get_coordinates(line))
    # and the line is the whole of their common boundary (up to single points)
    common = shapely.intersection(polys["AF"].boundary, polys["PK"].boundary)
    assert abs(common.length - line.length) < 1e-9


def test_all_polygons_valid_and_crs() -> None:
    frame = countries()
    assert frame.crs.to_epsg() == 4326
    assert list(frame.columns) == ["iso_a2", "iso_a3", "name", "geometry"]
    assert frame.geometry.is_valid.all()
    assert frame["iso_a2"].is_unique
    assert {"AF", "PK", "XK", "UA"} <= set(frame["iso_a2"])


def test_borders_frame_shape_and_crs() -> None:
    frame = shared_borders()
    assert frame.crs.to_epsg() == 4326
    assert list(frame.columns) == ["name", "a", "b", "countries", "length_km", "geometry"]
    assert (frame["a"] < frame["b"]).all()
    assert frame["countries"].is_unique


def test_among_three_countries() -> None:
    frame = shared_borders(["AF", "PK", "IR"])
    assert frame["countries"].tolist() == ["AF|IR", "AF|PK", "IR|PK"]


def test_touching_mode() -> None:
    frame = shared_borders(["AF"], mode="touching")
    pairs = set(frame["countries"])
    assert {"AF|PK", "AF|IR", "AF|TM", "AF|UZ", "AF|TJ", "AF|CN"} == pairs


def test_case_insensitive() -> None:
    lower = shared_borders(["af", "pK"])
    upper = shared_borders(["AF", "PK"])
    assert lower["countries"].tolist() == upper["countries"].tolist()
    assert lower.geometry.iloc[0].equals_exact(upper.geometry.iloc[0], 0)
    assert border_between("pk", "af").equals_exact(upper.geometry.iloc[0], 0)


def test_unknown_code() -> None:
    with pytest.raises(UnknownCountryError, match=r"'QQ'"):
        shared_borders(["AF", "QQ"])
    with pytest.raises(ValueError, match=r"'AFG'.*AF"):
        countries(["AFG"])


def test_among_needs_two_codes() -> None:
    with pytest.raises(QueryError):
        shared_borders(["AF"])
    with pytest.raises(QueryError):
        shared_borders(["AF", "af"])


def test_no_border_is_none() -> None:
    assert border_between("AF", "FR") is None


def test_kabul_in_afghanistan_not_pakistan() -> None:
    polys = countries(["AF", "PK"]).set_index("iso_a2").geometry
    kabul = Point(69.17, 34.53)
    assert polys["AF"].contains(kabul)
    assert not polys["PK"].contains(kabul)


def test_distance_to_border() -> None:
    kabul = distance_to_border_km(69.17, 34.53, "AF", "PK")
    assert kabul is not None and 50 < kabul < 250
    assert distance_to_border_km(69.17, 34.53, "AF", "FR") is None


def test_loader_is_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    countries()
    calls: list[str] = []
    import bordermap.data

    monkeypatch.setattr(bordermap.data, "get_path", lambda name: calls.append(name))
    countries(["AF"])
    shared_borders(["AF", "PK"])
    assert calls == []


def _use_file(monkeypatch: pytest.MonkeyPatch, path: object) -> None:
    def fake(name: str) -> object:
        if path is None:
            raise FileNotFoundError(f"Embedded data file {name!r} is missing.")
        return path

    import bordermap.data

    borders_mod.clear_cache()
    monkeypatch.setattr(bordermap.data, "get_path", fake)  # the geo stage's loaders read it


def test_missing_file(monkeypatch: pytest.MonkeyPatch) -> None:
    _use_file(monkeypatch, None)
    try:
        with pytest.raises(DataFileError, match="missing"):
            countries()
    finally:
        borders_mod.clear_cache()


@pytest.mark.parametrize("content", [b"not gzip at all", gzip.compress(b"{not json"), gzip.compress(b"[]")])
def test_corrupt_file(monkeypatch: pytest.MonkeyPatch, tmp_path, content: bytes) -> None:
    bad = tmp_path / "borders.geojson.gz"
    bad.write_bytes(content)
    _use_file(monkeypatch, bad)
    try:
        with pytest.raises(DataFileError, match="rebuild"):
            shared_borders(["AF", "PK"])
    finally:
        borders_mod.clear_cache()


def test_files_are_reproducible_json() -> None:
    from bordermap.data import get_path

    doc = json.loads(gzip.decompress(get_path("borders.geojson.gz").read_bytes()))
    keys = [(f["properties"]["a"], f["properties"]["b"]) for f in doc["features"]]
    assert keys == sorted(keys)
    assert list(doc["features"][0]["properties"]) == ["name", "a", "b", "countries", "length_km"]


def test_crossings_layer() -> None:
    from bordermap.layers import crossings

    af = crossings(["af"])
    assert af.crs.to_epsg() == 4326
    torkham = af[af["name"] == "Torkham"].geometry.iloc[0]
    assert abs(torkham.x - 71.09) < 0.05 and abs(torkham.y - 34.10) < 0.05  # x is longitude
    assert all("AF" in c.split("|") for c in af["country"])
    assert len(crossings()) > len(af)
