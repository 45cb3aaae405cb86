"""Write small GeoNames dump files in the official format (for tests and bench/).

The "geoname" table has 19 tab-separated columns (geonameid, name, asciiname,
alternatenames, latitude, longitude, feature class, feature code, country code, cc2,
admin1 .. admin4 codes, population, elevation, dem, timezone, modification date);
alternateNamesV2 has 10 (alternateNameId, geonameid, isolanguage, alternate name,
isPreferredName, isShortName, isColloquial, isHistoric, from, to). Both ship zipped,
one .txt per zip.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

SYLLABLES = "zar wan dal kot gha rab tan mir suk bar las nak hol pir dus gan tor kal yab qar".split()
FIRST_ID = 90_000_001  # far above the ids the embedded gazetteer holds


def village_name(rng: random.Random) -> str:
    return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).capitalize() + " " + \
        rng.choice(["Kalay", "Kelay", "Tangi", "Banda", "Khel", "Sar", "Ghar"])


def geoname_row(gid: int, name: str, lat: float, lon: float, fclass: str, fcode: str, cc: str,
                admin1: str = "", population: int = 0, alternates: str = "") -> str:
    cols = [str(gid), name, name, alternates, f"{lat:.5f}", f"{lon:.5f}", fclass, fcode, cc, "", admin1,
            "", "", "", str(population), "", "1200", "Asia/Kabul", "2024-01-01"]
    return "\t".join(cols) + "\n"


def write_zip(path: Path, member: str, lines: list[str]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(member, "".join(lines))
    return path


def write_dump(folder: Path, *, near: int = 800, far: int = 400, seed: int = 7) -> dict:
    """allCountries.zip and alternateNamesV2.zip in `folder`; returns what they hold.

    `near` villages lie within 20 km of the Afghanistan-Pakistan border around Torkham
    (34.10 N, 71.09 E); `far` ones in central Australia, 400 km and more from any land
    border. Names are unique made-up ones, so no gazetteer has them.
    """
    rng = random.Random(seed)
    rows, places, used = [], [], set()
    gid = FIRST_ID
    rows.append(geoname_row(gid, "Testistan Province", 34.3, 70.7, "A", "ADM1", "AF", admin1="99"))
    gid += 1
    for k in range(near + far):
        name = village_name(rng)
        while name in used:
            name = village_name(rng)
        used.add(name)
        if k < near:
            lat, lon, cc, adm = 34.10 + rng.uniform(-0.12, 0.12), 71.09 + rng.uniform(-0.12, 0.12), "AF", "99"
        else:
            lat, lon, cc, adm = -25.0 + rng.uniform(-1, 1), 133.0 + rng.uniform(-1, 1), "AU", "02"
        fcode = rng.choice(["PPL", "PPL", "PPL", "STM", "MT", "PSTB"])
        rows.append(geoname_row(gid, name, lat, lon, "P" if fcode == "PPL" else "H", fcode, cc, admin1=adm,
                                population=rng.choice([0, 0, 150, 900])))
        places.append({"geonameid": gid, "name": name, "lat": lat, "lon": lon, "country": cc, "near": k < near})
        gid += 1
    alt_rows, alternates = [], {}
    for k, p in enumerate(places[:300]):
        alt = p["name"].replace("Kalay", "Qala").replace("Tangi", "Tange") + " Gaon"
        alternates[alt] = p["geonameid"]
        alt_rows.append(f"{5_000_000 + k}\t{p['geonameid']}\tps\t{alt}\t\t\t\t\t\t\n")
        alt_rows.append(f"{6_000_000 + k}\t{p['geonameid']}\tfa\tقلعه {k}\t\t\t\t\t\t\n")  # Arabic script: dropped
        alt_rows.append(f"{7_000_000 + k}\t{p['geonameid']}\tlink\thttps://example.org/{k}\t\t\t\t\t\t\n")
    rng.shuffle(rows)
    return {"allCountries": write_zip(folder / "allCountries.zip", "allCountries.txt", rows),
            "alternateNames": write_zip(folder / "alternateNamesV2.zip", "alternateNamesV2.txt", alt_rows),
            "places": places, "alternates": alternates, "rows": len(rows)}
