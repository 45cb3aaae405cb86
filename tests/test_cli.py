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
