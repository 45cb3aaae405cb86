"""The command line as users and shared/eval/score.py call it (real processes)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from common import KNOWN_PLACES

from bordermap.geo.gazetteer import haversine_km

BIN = Path(sys.executable).with_name("bordermap")


def run(*args, stdin=None):
    cmd = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "bordermap.maps.cli"]
    return subprocess.run([*cmd, *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_help_explains_commands():
    r = run("--help")
    assert r.returncode == 0
    for cmd in ("geocode", "borders"):
        assert cmd in r.stdout
    assert "Exit codes" in r.stdout
    g = run("geocode", "--help")
    assert g.returncode == 0 and "--country" in g.stdout and "stdin" in g.stdout


def test_no_command_is_usage_error():
    r = run()
    assert r.returncode == 2


@pytest.mark.parametrize("name", ["Kabul", "Torkham", "Khyber Pakhtunkhwa"])
def test_geocode_json_contract(name):
    r = run("geocode", "--format", "json", "--limit", "1", name)
    assert r.returncode == 0, r.stderr
    found = json.loads(r.stdout)
    assert len(found) == 1
    c = found[0]
    for key in ("name", "lat", "lon", "country", "feature", "geonameid", "score"):
        assert key in c
    lat, lon, countries, tolerance = KNOWN_PLACES[name]
    assert c["country"] in countries
    assert haversine_km(lat, lon, c["lat"], c["lon"]) <= tolerance


def test_geocode_text_output_and_country_filter():
    r = run("geocode", "Hyderabad", "--country", "pk", "--limit", "3")
    assert r.returncode == 0
    lines = r.stdout.strip().splitlines()
    assert 1 <= len(lines) <= 3 and all("PK" in ln for ln in lines)


def test_batch_geocoding_one_json_list_a_line():
    queries = ["Kabul", "Qwxzyv Nowhere", "Quetta", "", "Doha\x07"]
    r = run("geocode", "-", "--format", "json", "--limit", "2", stdin="\n".join(queries) + "\n")
    lines = r.stdout.splitlines()
    assert len(lines) == len(queries)
    answers = [json.loads(ln) for ln in lines]
    assert answers[0][0]["country"] == "AF"
    assert answers[1] == []
    assert answers[2][0]["country"] == "PK"
    assert answers[3] == [] and answers[4] == []
    # the two bad lines are named on stderr with their line numbers, the rest processed
    assert "<stdin>:4" in r.stderr and "<stdin>:5" in r.stderr
    assert r.returncode == 1


@pytest.mark.parametrize(("args", "needle"), [
    (["geocode", ""], "empty"),
    (["geocode", "Kabul", "--country", "ZZ"], "'ZZ'"),
    (["geocode", "Kabul", "--limit", "0"], "at least 1"),
    (["geocode", "Kab\x01ul"], "control"),
    (["borders", "AF", "XX"], "'XX'"),
])
def test_bad_usage_is_one_clear_line_and_exit_2(args, needle):
    r = run(*args)
    assert r.returncode == 2
    assert needle in r.stderr
    assert "Traceback" not in r.stderr


def test_huge_query_from_stdin_is_refused_cleanly():
    r = run("geocode", "-", "--format", "json", stdin="K" * 10_000_000 + "\nKabul\n")
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert json.loads(lines[0]) == [] and json.loads(lines[1])[0]["country"] == "AF"
    assert "characters long" in r.stderr and "Traceback" not in r.stderr


def test_unknown_name_exits_1():
    r = run("geocode", "Qwxzyv Nowhere")
    assert r.returncode == 1 and "no place named" in r.stderr


def test_missing_data_file_is_reported_not_a_traceback(tmp_path):
    # a copy of the package whose gazetteer is missing, run from that copy
    import shutil

    import bordermap.data
    import bordermap.geo

    root = tmp_path / "bordermap"
    for mod in ("geo", "data", "maps", "layers"):
        src = Path(bordermap.geo.__file__).resolve().parents[1] / mod
        shutil.copytree(src, root / mod, ignore=shutil.ignore_patterns("*.sqlite", "*.gz", "__pycache__", "_build"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    r = subprocess.run([sys.executable, "-c", "from bordermap.maps.cli import main; raise SystemExit(main())",
                        "geocode", "Kabul"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert r.returncode == 1
    assert "gazetteer.sqlite" in r.stderr and "einstall" in r.stderr
    assert "Traceback" not in r.stderr


# ---------------------------------------------------------------- places, resolve, extract


def test_places_jsonl_contract_and_offsets(tmp_path):
    text = "Shelling hit Chaman, near the Pakistan-Afghanistan border, on Monday.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    r = run("places", str(tmp_path / "a.txt"), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    for key in ("doc", "start", "end", "surface", "name", "lat", "lon", "kind", "feature", "country",
                "geonameid", "score"):
        assert all(key in row for row in rows)
    assert all(text[row["start"]:row["end"]] == row["surface"] for row in rows)
    chaman = next(row for row in rows if row["surface"] == "Chaman")
    assert chaman["doc"] == "a" and chaman["country"] == "PK" and chaman["kind"] == "toponym"


def test_places_geojson_and_csv(tmp_path):
    (tmp_path / "a.txt").write_text("Talks were held in Doha and Kabul.", encoding="utf-8")
    out = tmp_path / "p.geojson"
    assert run("places", str(tmp_path / "a.txt"), "-o", str(out)).returncode == 0
    fc = json.loads(out.read_text(encoding="utf-8"))
    kabul = next(f for f in fc["features"] if f["properties"]["surface"] == "Kabul")
    lon, lat = kabul["geometry"]["coordinates"]
    assert abs(lon - 69.17) < 0.1 and abs(lat - 34.53) < 0.1  # GeoJSON order: lon, lat
    csv_out = tmp_path / "p.csv"
    assert run("places", str(tmp_path / "a.txt"), "-o", str(csv_out)).returncode == 0
    assert csv_out.read_text(encoding="utf-8").splitlines()[0].startswith("doc,start,end,surface")


def test_bad_inputs_are_reported_with_file_and_line_and_the_rest_processed(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 binary \x00" * 100)
    (tmp_path / "good.txt").write_text("Shelling hit Quetta.", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(
        '{"id": "ok", "text": "Clashes in Kandahar."}\n{"id": "broken", "text": \n{"id": "notext"}\n',
        encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run("places", str(tmp_path), "-o", str(out))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "empty.txt" in r.stderr and "binary.txt" in r.stderr and "page.html" in r.stderr
    assert "lines.jsonl:2" in r.stderr and "lines.jsonl:3" in r.stderr
    docs = {json.loads(line)["doc"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert {"good", "ok"} <= docs


def test_resolve_contract(tmp_path):
    text = "Fighting near Chaman and in Quetta."
    spans = [{"start": text.index("Chaman"), "end": text.index("Chaman") + 6},
             {"start": text.index("Quetta"), "end": text.index("Quetta") + 6}]
    src = tmp_path / "spans.jsonl"
    src.write_text(json.dumps({"id": "d1", "text": text, "toponyms": spans}) + "\n" + "{not json\n",
                   encoding="utf-8")
    out = tmp_path / "resolved.jsonl"
    r = run("resolve", str(src), "-o", str(out))
    assert r.returncode == 1 and "spans.jsonl:2" in r.stderr
    row = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert [t["geonameid"] is not None for t in row["toponyms"]] == [True, True]
    assert all(t["lat"] is not None and t["lon"] is not None for t in row["toponyms"])


def test_places_and_resolve_read_the_articles_url_as_the_publishers_home(tmp_path):
    text = "Police in Perth said a man was charged after the crash."
    span = {"start": text.index("Perth"), "end": text.index("Perth") + 5}
    rows = [{"id": "plain", "text": text, "toponyms": [dict(span)]},
            {"id": "uk", "text": text, "url": "https://www.thecourier.co.uk/news/", "toponyms": [dict(span)]}]
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    r = run("resolve", str(src))
    assert r.returncode == 0, r.stderr
    lons = [json.loads(line)["toponyms"][0]["lon"] for line in r.stdout.splitlines()]
    assert lons[0] > 100 and -10 < lons[1] < 0  # Western Australia, then Scotland
    r = run("places", str(src), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    countries = {json.loads(line)["doc"]: json.loads(line)["country"] for line in r.stdout.splitlines()}
    assert countries == {"plain": "AU", "uk": "GB"}


def test_extract_geojson_contract(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({
        "id": "r1", "published": "2025-03-06",
        "text": "Mortar shells fired from across the border struck Parachinar on Tuesday, killing four."}) + "\n",
        encoding="utf-8")
    out = tmp_path / "inc.geojson"
    r = run("extract", str(tmp_path / "a.jsonl"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert "crs" not in fc
    (feat,) = fc["features"]
    props = feat["properties"]
    for key in ("event_id", "doc", "docs", "source", "event_date", "time_precision", "category", "event_type",
                "sub_event_type", "actor1", "actor2", "location", "country", "admin1", "geo_precision",
                "fatalities", "fatalities_text", "sentence", "sentence_start", "sentence_end", "confidence",
                "border", "border_distance_km"):
        assert key in props
    assert props["category"] == "shelling" and props["event_date"] == "2025-03-04"
    assert props["fatalities"] == 4 and isinstance(props["fatalities"], int)
    assert props["docs"] == ["r1"]


def test_extract_refuses_a_bad_output_before_working(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling hit Quetta.", encoding="utf-8")
    r = run("extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out.docx"))
    assert r.returncode == 2 and "extension" in r.stderr
    assert not (tmp_path / "out.docx").exists()
