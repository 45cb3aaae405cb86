"""The GeoNames import, end to end on dump files these tests write (official format, zipped)."""

import sqlite3

import pytest
from geonames_dump import write_dump

from bordermap.geo import geonames
from bordermap.geo.extract import get_name_index
from bordermap.geo.gazetteer import get_gazetteer, haversine_km
from bordermap.geo.resolve import geoparse
from bordermap.maps.cli import main


def _fresh_caches():
    get_gazetteer.cache_clear()
    get_name_index.cache_clear()


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A user data directory of the test's own; the embedded gazetteer again afterwards."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv(geonames.DATA_DIR_ENV, str(folder))
    _fresh_caches()
    yield folder
    monkeypatch.undo()
    _fresh_caches()


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    return write_dump(tmp_path_factory.mktemp("dump"))


def _sentence(name):
    return f"Mortar shells landed in {name} on Sunday, officials said."


def test_the_dump_is_big_enough_to_mean_something(dump):
    assert dump["rows"] >= 1000 and len(dump["alternates"]) >= 100


def test_import_makes_dump_places_resolve_that_did_not_before(data_dir, dump):
    village = next(p for p in dump["places"] if p["near"])
    before = [m.surface for m in geoparse(_sentence(village["name"])) if m.kind == "toponym"]
    assert village["name"] not in before  # the embedded gazetteer has no such village

    geonames.import_geonames([dump["allCountries"], dump["alternateNames"]])
    after = [m for m in geoparse(_sentence(village["name"])) if m.kind == "toponym"]
    assert [m.surface for m in after] == [village["name"]]
    place = after[0].place
    assert place.geonameid == village["geonameid"]
    assert haversine_km(place.lat, place.lon, village["lat"], village["lon"]) < 0.01
    assert place.admin1 == "Testistan Province"  # the dump's ADM1 row names the admin1 code


def test_alternate_names_resolve_and_other_scripts_and_links_are_left_out(data_dir, dump):
    geonames.import_geonames([dump["allCountries"], dump["alternateNames"]])
    gaz = get_gazetteer()
    alt, gid = next(iter(dump["alternates"].items()))
    found = gaz.lookup(alt)
    assert found and found[0].place.geonameid == gid and found[0].matched == "alternate"
    con = sqlite3.connect(geonames.user_gazetteer_path())
    assert con.execute("SELECT count(*) FROM names WHERE norm LIKE 'https%'").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM names WHERE norm LIKE 'قلعه%'").fetchone()[0] == 0


def test_embedded_entries_stay(data_dir, dump):
    geonames.import_geonames([dump["allCountries"]])
    gaz = get_gazetteer()
    assert gaz.search("Torkham", limit=1)[0].place.feature == "PSTB"  # a curated crossing
    assert gaz.lookup("Afghan", limit=1)[0].matched == "demonym"


def test_near_borders_keeps_only_what_lies_near_a_land_border(data_dir, dump):
    geonames.import_geonames([dump["allCountries"], dump["alternateNames"]], near_borders_km=30)
    gaz = get_gazetteer()
    near = [p for p in dump["places"] if p["near"]]
    far = [p for p in dump["places"] if not p["near"]]
    assert all(gaz.lookup(p["name"], limit=1) for p in near[:50])
    assert not any(gaz.lookup(p["name"], limit=1) for p in far[:50])
    assert gaz.search("Kabul", limit=1)[0].place.country == "AF"  # the embedded entries are all kept
    info = geonames.gazetteer_info()
    assert info["kind"] == "user" and info["near_borders_km"] == 30


def test_an_interrupted_import_resumes_and_ends_as_a_clean_one(data_dir, dump, monkeypatch, tmp_path):
    monkeypatch.setattr(geonames, "_BATCH", 100)
    calls = []

    def stop_after_three_batches(name, done, total):
        calls.append(done)
        if len(calls) == 3:
            raise KeyboardInterrupt

    files = [dump["allCountries"], dump["alternateNames"]]
    with pytest.raises(KeyboardInterrupt):
        geonames.import_geonames(files, progress=stop_after_three_batches)
    assert not geonames.user_gazetteer_path().exists()
    assert geonames.gazetteer_info()["unfinished_import"]
    con = sqlite3.connect(data_dir / "gazetteer.partial")
    done = con.execute("SELECT lines FROM import_progress").fetchone()[0]
    con.close()
    assert 0 < done < dump["rows"]

    seen = []
    geonames.import_geonames(files, progress=lambda name, d, t: seen.append((name, d)))
    resumed = _content(geonames.user_gazetteer_path())

    monkeypatch.setenv(geonames.DATA_DIR_ENV, str(tmp_path / "clean"))
    geonames.import_geonames(files)
    assert resumed == _content(geonames.user_gazetteer_path())


def _content(path):
    con = sqlite3.connect(path)
    places = con.execute("SELECT geonameid, name, lat, lon, feature, country, admin1 FROM places "
                         "WHERE geonameid >= 90000000 ORDER BY geonameid").fetchall()
    names = con.execute("SELECT n.norm, p.geonameid, n.flag FROM names n JOIN places p ON p.id = n.place "
                        "WHERE p.geonameid >= 90000000 ORDER BY 1, 2").fetchall()
    con.close()
    return places, names


def test_command_line_import_and_info(data_dir, dump, capsys):
    assert main(["gazetteer", "info"]) == 0
    assert "active gazetteer: embedded" in capsys.readouterr().out
    assert main(["gazetteer", "import", str(dump["allCountries"]), "--near-borders", "25", "-q"]) == 0
    assert main(["gazetteer", "info"]) == 0
    out = capsys.readouterr().out
    assert "active gazetteer: user" in out and "allCountries.zip" in out and "25 km" in out


def test_a_file_in_another_format_is_refused_with_its_line(data_dir, tmp_path):
    from bordermap.geo import InputError

    bad = tmp_path / "cities500.txt"
    bad.write_text("1\tonly three\tcolumns\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"cities500.txt:1: 3 columns"):
        geonames.import_geonames([bad])
    with pytest.raises(InputError, match="does not exist"):
        geonames.import_geonames([tmp_path / "missing.zip"])
