"""A user gazetteer built from a GeoNames dump, used in place of the embedded one.

No package on PyPI or npm ships village-level data for conflict zones; GeoNames' own dump
does. :func:`import_geonames` streams the official dump files (``allCountries.zip``,
``cities500.zip`` or a country's ``XX.zip``, and ``alternateNamesV2.zip``) into
``gazetteer.sqlite`` in the user data directory, keeping geonameids, feature codes, admin1
regions, population and alternate names, on top of everything the embedded gazetteer has
(curated crossings, named lines, demonyms). From then on :func:`active_gazetteer_path`
returns it and every command uses it.

The data directory is platformdirs' user data directory for "bordermap", or
``$BORDERMAP_DATA_DIR`` when set. An import is resumable: it writes ``gazetteer.partial``
and records, with every batch, how many lines of each file it has read; run it again with
the same files and it carries on from there.

Examples
--------
>>> import os, tempfile
>>> os.environ["BORDERMAP_DATA_DIR"] = tempfile.mkdtemp()
>>> gazetteer_info()["kind"]
'embedded'
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import sqlite3
import sys
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from bordermap.geo._errors import DataFileError, InputError
from bordermap.geo._text import normalize

__all__ = ["user_data_dir", "user_gazetteer_path", "active_gazetteer_path", "import_geonames",
           "gazetteer_info", "near_border_cells"]

#: Environment variable that moves the user data directory (tests, shared installs).
DATA_DIR_ENV = "BORDERMAP_DATA_DIR"
_FILE = "gazetteer.sqlite"
_PARTIAL = "gazetteer.partial"
_BATCH = 20_000
# feature codes the gazetteer ranks; others keep their own code (STM, MT, PSTB, ...)
_NAME, _ALT, _ABBR = 0, 1, 2
# alternateNames "isolanguage" values that are codes or links, not names
_NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "wkdt", "unlc", "phon", "piny", "tcid"})


def user_data_dir() -> Path:
    """Where bordermap keeps user data: ``$BORDERMAP_DATA_DIR``, else platformdirs' choice."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    try:
        import platformdirs
    except ImportError:  # pragma: no cover - a declared dependency
        msg = "bordermap needs platformdirs to find the user data directory: pip install platformdirs"
        raise DataFileError(msg) from None
    return Path(platformdirs.user_data_dir("bordermap", appauthor=False))


def user_gazetteer_path() -> Path:
    """The user gazetteer's path (it may not exist)."""
    return user_data_dir() / _FILE


def active_gazetteer_path() -> Path:
    """The gazetteer every command uses: the user's import when there is one, else the embedded one."""
    user = user_gazetteer_path()
    if user.is_file():
        return user
    from bordermap.data import get_path

    try:
        return get_path("gazetteer.sqlite")
    except FileNotFoundError as exc:
        raise DataFileError(str(exc)) from None


def gazetteer_info() -> dict:
    """Which gazetteer is active, and what it holds (for ``bordermap gazetteer info``)."""
    path = active_gazetteer_path()
    kind = "user" if path == user_gazetteer_path() else "embedded"
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        meta = dict(con.execute("SELECT key, value FROM meta"))
        places = con.execute("SELECT max(id) FROM places").fetchone()[0] or 0
        con.close()
    except sqlite3.Error as exc:
        msg = f"Gazetteer {str(path)!r} cannot be read ({exc}); delete it or import again."
        raise DataFileError(msg) from None
    info = {"kind": kind, "path": str(path), "bytes": path.stat().st_size, "places": places,
            "built_from": json.loads(meta.get("built_from", "[]")),
            "near_borders_km": json.loads(meta.get("near_borders_km", "null")),
            "imported_rows": int(meta.get("imported_rows", 0)), "built": meta.get("built")}
    partial = user_data_dir() / _PARTIAL
    if partial.exists():
        info["unfinished_import"] = str(partial)
    return info


# ------------------------------------------------------------------------------ input


def _open_lines(path: Path) -> tuple[Iterator[str], int, Callable[[], int]]:
    """Lines of a dump (a .zip with one .txt, or the .txt), its size and a bytes-read counter."""
    if path.suffix.lower() == ".zip":
        try:
            z = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(f"{path}: not a readable zip file ({exc}).") from None
        members = [i for i in z.infolist() if i.filename.endswith(".txt") and "readme" not in i.filename.lower()]
        if not members:
            raise InputError(f"{path}: holds no GeoNames .txt file.")
        info = max(members, key=lambda i: i.file_size)
        raw = z.open(info)
        size = info.file_size
    else:
        z = None
        raw = path.open("rb")
        size = path.stat().st_size
    counted = [0]

    def lines() -> Iterator[str]:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        try:
            for line in text:
                counted[0] += len(line)
                yield line
        finally:
            text.close()
            if z is not None:
                z.close()

    return lines(), size, lambda: counted[0]


def _kind(path: Path) -> str:
    """'alternate' for an alternateNames file, else 'geoname' (allCountries, cities500, XX)."""
    return "alternate" if "alternatename" in path.name.lower() else "geoname"


# ------------------------------------------------------------------------------ border filter


def near_border_cells(km: float, *, cell_deg: float = 0.05) -> frozenset[int]:
    """Keys (:func:`cell_key`) of the grid cells whose centre lies within `km` of a shared land border.

    A feature is kept by ``--near-borders`` when its cell is in this set: one set look-up a
    row, so the filter costs nothing next to reading the dump. Good to about a cell
    (5.5 km at the default).
    """
    import numpy as np

    from bordermap.geo._borders import all_borders

    pts = []
    for border in all_borders():
        lines = border.line.geoms if border.line.geom_type == "MultiLineString" else [border.line]
        for line in lines:
            # points along the line at most half a cell apart (segmentize works in degrees)
            pts.append(np.asarray(line.segmentize(cell_deg / 2).coords))
    xy = np.concatenate(pts)
    line_cells = np.unique(np.floor(xy[:, ::-1] / cell_deg).astype(np.int64), axis=0)  # (cy, cx)
    reach = int(math.ceil(km / (111.0 * cell_deg))) + 1
    out = []
    # a disk of cells per band of latitude, as wide as the band's poleward edge needs
    for band in range(-18, 18):
        lo, hi = band * 5.0, band * 5.0 + 5.0
        sel = line_cells[(line_cells[:, 0] * cell_deg >= lo) & (line_cells[:, 0] * cell_deg < hi)]
        if not len(sel):
            continue
        cos = max(0.05, math.cos(math.radians(max(abs(lo), abs(hi)))))
        wide = int(math.ceil(km / (111.0 * cos * cell_deg))) + 1
        dy, dx = np.mgrid[-reach:reach + 1, -wide:wide + 1]
        inside = np.hypot(dy * 111.0 * cell_deg, dx * 111.0 * cos * cell_deg) <= km + 111.0 * cell_deg
        offsets = np.stack([dy[inside], dx[inside]], axis=1)
        cells = (sel[:, None, :] + offsets[None, :, :]).reshape(-1, 2)
        out.append(np.unique(cells[:, 0] * 100_000 + cells[:, 1]))
    return frozenset(np.unique(np.concatenate(out)).tolist()) if out else frozenset()


def cell_key(lat: float, lon: float, cell_deg: float = 0.05) -> int:
    """The key of the grid cell holding ``(lat, lon)``, as :func:`near_border_cells` gives them."""
    return math.floor(lat / cell_deg) * 100_000 + math.floor(lon / cell_deg)


# ------------------------------------------------------------------------------ import


def import_geonames(dumps: Sequence[str | os.PathLike], *, near_borders_km: float | None = None,
                    progress: bool | Callable[[str, int, int], None] = False) -> Path:
    """Build the user gazetteer from GeoNames dump files; returns its path.

    Parameters
    ----------
    dumps
        Official GeoNames dump files, zipped or not: ``allCountries.zip``, ``cities500.zip``
        or a country file (the 19-column "geoname" table), and optionally
        ``alternateNamesV2.zip`` (read after them).
    near_borders_km
        Keep only features within this many km of a shared land border (plus everything
        the embedded gazetteer has): a small database for border reporting.
    progress
        True for a progress bar on stderr, or a callable ``(file, bytes_read, bytes_total)``.

    Raises
    ------
    bordermap.geo.InputError
        A file is missing, not a zip, or not in GeoNames' format.
    """
    paths = [Path(p) for p in dumps]
    if not paths:
        raise InputError("give at least one GeoNames dump file, e.g. allCountries.zip or cities500.zip.")
    for p in paths:
        if not p.is_file():
            raise InputError(f"{str(p)!r} does not exist; download it from GeoNames' dump directory.")
    if near_borders_km is not None and not near_borders_km > 0:
        raise InputError(f"near_borders_km must be a positive number of km, not {near_borders_km!r}.")
    paths.sort(key=lambda p: _kind(p) == "alternate")  # places first, then their other names
    fingerprint = [[p.name, p.stat().st_size, int(p.stat().st_mtime)] for p in paths]
    out_dir = user_data_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    partial = out_dir / _PARTIAL
    con = _open_partial(partial, fingerprint, near_borders_km)
    cells = near_border_cells(near_borders_km) if near_borders_km else None
    report = progress if callable(progress) else (_bar if progress else None)
    try:
        state = _State(con)
        for path in paths:
            done = state.lines_done(path.name)
            if done == -1:
                continue  # finished in an earlier run
            lines, size, read = _open_lines(path)
            try:
                if _kind(path) == "alternate":
                    _import_alternates(con, state, path.name, lines, done, report, size, read)
                else:
                    _import_places(con, state, path.name, lines, done, cells, report, size, read)
            finally:
                lines.close()
            state.finish(path.name)
            con.commit()
        _finalise(con, fingerprint, near_borders_km, state)
        con.close()
    except BaseException:
        con.commit()  # every finished batch stays: the next run resumes after it
        con.close()
        raise
    if report is _bar:
        print(file=sys.stderr)
    target = user_gazetteer_path()
    os.replace(partial, target)
    from bordermap.geo.gazetteer import get_gazetteer

    from bordermap.geo.extract import get_name_index

    get_gazetteer.cache_clear()  # this process uses the new gazetteer from now on
    get_name_index.cache_clear()
    return target


def _open_partial(partial: Path, fingerprint: list, km: float | None) -> sqlite3.Connection:
    """The unfinished import to resume, or a fresh copy of the embedded gazetteer."""
    if partial.exists():
        try:
            con = sqlite3.connect(partial)
            meta = dict(con.execute("SELECT key, value FROM meta"))
            if json.loads(meta.get("import_of", "null")) == {"files": fingerprint, "near_borders_km": km}:
                return con
            con.close()
        except (sqlite3.Error, ValueError):
            pass
        partial.unlink()  # another import's leftovers: start again
    from bordermap.data import get_path

    shutil.copyfile(get_path("gazetteer.sqlite"), partial)
    con = sqlite3.connect(partial)
    con.executescript("""
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS import_progress (file TEXT PRIMARY KEY, lines INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS import_admin (country TEXT, code TEXT, name TEXT, PRIMARY KEY (country, code));
        CREATE INDEX IF NOT EXISTS places_geonameid ON places (geonameid);
    """)
    con.execute("ALTER TABLE places ADD COLUMN admin1_code TEXT")
    con.execute("INSERT OR REPLACE INTO meta VALUES ('import_of', ?)",
                (json.dumps({"files": fingerprint, "near_borders_km": km}),))
    codes = json.loads(dict(con.execute("SELECT key, value FROM meta"))["source_codes"])
    codes["n"] = "GeoNames dump"
    con.execute("UPDATE meta SET value = ? WHERE key = 'source_codes'", (json.dumps(codes, sort_keys=True),))
    con.commit()
    return con


class _State:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.next_id = (con.execute("SELECT max(id) FROM places").fetchone()[0] or 0) + 1
        self.rows = 0

    def lines_done(self, name: str) -> int:
        row = self.con.execute("SELECT lines FROM import_progress WHERE file = ?", (name,)).fetchone()
        return row[0] if row else 0

    def checkpoint(self, name: str, lines: int) -> None:
        self.con.execute("INSERT OR REPLACE INTO import_progress VALUES (?, ?)", (name, lines))
        self.con.commit()

    def finish(self, name: str) -> None:
        self.checkpoint(name, -1)


def _import_places(con, state, name, lines, skip, cells, report, size, read) -> None:
    # entries already present (the embedded gazetteer's, and an earlier dump file's) get the
    # dump's names added; their own rows stay
    known = dict(con.execute("SELECT geonameid, id FROM places WHERE geonameid IS NOT NULL AND source != 'n'"))
    region_names = dict(con.execute("SELECT id, name FROM places WHERE feature = 'ADM1' AND source != 'n'"))
    known_admin = dict(con.execute("SELECT geonameid, admin1 FROM places WHERE geonameid IS NOT NULL "
                                   "AND admin1 IS NOT NULL AND source != 'n'"))
    earlier = con.execute("SELECT 1 FROM places WHERE source = 'n' LIMIT 1").fetchone() is not None
    places, names, admins = [], [], []
    n = 0
    for n, line in enumerate(lines, start=1):
        if n <= skip:
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 19:
            raise InputError(f"{name}:{n}: {len(cols)} columns where GeoNames' geoname table has 19; "
                             "give allCountries.zip, cities500.zip or a country file.")
        try:
            gid, lat, lon, pop = int(cols[0]), float(cols[4]), float(cols[5]), int(cols[14] or 0)
        except ValueError:
            raise InputError(f"{name}:{n}: geonameid, latitude, longitude or population is not a number.") from None
        feature, cc, admin1 = cols[7] or cols[6] or "", cols[8], cols[10]
        if feature == "ADM1" and admin1:
            admins.append((cc, admin1, cols[1]))
        pid = known.get(gid)
        if pid is not None:
            region = known_admin.get(gid)
            if admin1 and region is not None:  # the embedded entry says which region this code is
                admins.append((cc, admin1, region_names.get(region, region)))
        elif earlier:
            row = con.execute("SELECT id FROM places WHERE geonameid = ?", (gid,)).fetchone()
            pid = row[0] if row else None
        if pid is None and (cells is None or cell_key(lat, lon) in cells):
            pid = state.next_id
            state.next_id += 1
            places.append((pid, gid, None, cols[1], round(lat * 1e5), round(lon * 1e5), feature, cc,
                           None, pop, None, "n", admin1 or None))
        if pid is not None:
            for nm in (cols[1], cols[2]):
                key = normalize(nm)
                if key:
                    names.append((key, pid, _NAME))
        if len(places) + len(names) >= _BATCH:
            _flush(con, places, names, admins)
            state.checkpoint(name, n)
            if report:
                report(name, read(), size)
    _flush(con, places, names, admins)
    state.rows += n
    if report:
        report(name, size, size)


def _import_alternates(con, state, name, lines, skip, report, size, read) -> None:
    con.execute("CREATE TEMP TABLE IF NOT EXISTS alt_batch (norm TEXT, geonameid INTEGER, flag INTEGER)")
    batch: list[tuple] = []
    n = 0
    for n, line in enumerate(lines, start=1):
        if n <= skip:
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4:
            raise InputError(f"{name}:{n}: {len(cols)} columns where GeoNames' alternateNames table has 8 or 10.")
        lang, alt = cols[2], cols[3]
        if lang in _NOT_NAMES or (len(cols) > 7 and cols[7] == "1") or not _latin(alt):
            continue  # a link or a code, a historic name, or a script English news does not use
        try:
            gid = int(cols[1])
        except ValueError:
            raise InputError(f"{name}:{n}: geonameid {cols[1]!r} is not a number.") from None
        key = normalize(alt)
        if key:
            batch.append((key, gid, _ABBR if lang == "abbr" else _ALT))
        if len(batch) >= _BATCH:
            _flush_alternates(con, batch)
            state.checkpoint(name, n)
            if report:
                report(name, read(), size)
    _flush_alternates(con, batch)
    state.rows += n
    if report:
        report(name, size, size)


def _flush_alternates(con, batch: list) -> None:
    """Names of the batch's places that the gazetteer keeps (the others are dropped)."""
    con.executemany("INSERT INTO alt_batch VALUES (?,?,?)", batch)
    con.execute("INSERT INTO names SELECT b.norm, p.id, b.flag FROM alt_batch b JOIN places p "
                "ON p.geonameid = b.geonameid WHERE true "
                "ON CONFLICT (norm, place) DO UPDATE SET flag = min(flag, excluded.flag)")
    con.execute("DELETE FROM alt_batch")
    batch.clear()


def _latin(name: str) -> bool:
    return any(c.isalpha() for c in name) and all(ord(c) < 0x250 or c in "’‘ʻʼ" for c in name)


def _flush(con, places: list, names: list, admins: list) -> None:
    if places:
        con.executemany("INSERT INTO places (id, geonameid, ext, name, lat, lon, feature, country, admin1, "
                        "population, denotes, source, admin1_code) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", places)
    if names:
        con.executemany("INSERT INTO names VALUES (?,?,?) ON CONFLICT (norm, place) DO UPDATE "
                        "SET flag = min(flag, excluded.flag)", names)
    if admins:
        con.executemany("INSERT OR IGNORE INTO import_admin VALUES (?,?,?)", admins)
    places.clear()
    names.clear()
    admins.clear()


def _finalise(con, fingerprint, km, state) -> None:
    """Admin1 codes to regions, the bookkeeping tables dropped, meta written."""
    # a code's region: the gazetteer's own ADM1 row of that name where there is one, else the name
    con.executescript("""
        CREATE TEMP TABLE adm AS SELECT min(id) AS id, country, name FROM places
            WHERE feature = 'ADM1' AND source != 'n' GROUP BY country, name;
        CREATE TEMP TABLE amap (country TEXT, code TEXT, value ANY, PRIMARY KEY (country, code));
        INSERT OR IGNORE INTO amap SELECT a.country, a.code,
            coalesce((SELECT adm.id FROM adm WHERE adm.country = a.country AND adm.name = a.name), a.name)
            FROM import_admin a;
        UPDATE places SET admin1 = (SELECT value FROM amap WHERE amap.country = places.country
                                    AND amap.code = places.admin1_code)
            WHERE admin1_code IS NOT NULL;
    """)
    meta = {"kind": "user", "built_from": json.dumps([f[0] for f in fingerprint]),
            "near_borders_km": json.dumps(km), "imported_rows": str(state.rows),
            "built": time.strftime("%Y-%m-%d %H:%M:%S"),
            "name_rows": str(con.execute("SELECT count(*) FROM names").fetchone()[0])}
    con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", sorted(meta.items()))
    con.execute("DELETE FROM meta WHERE key = 'import_of'")
    con.commit()
    con.executescript("""
        DROP TABLE import_progress; DROP TABLE import_admin;
        ALTER TABLE places DROP COLUMN admin1_code;
        PRAGMA journal_mode=DELETE;
    """)
    con.commit()


def _bar(name: str, done: int, total: int) -> None:
    if not sys.stderr.isatty():
        return
    frac = done / total if total else 1.0
    filled = int(frac * 30)
    print(f"\rimporting {name}: [{'#' * filled}{'.' * (30 - filled)}] {frac:5.1%}", end="", file=sys.stderr)
