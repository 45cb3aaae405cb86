"""Embedded data: the gazetteer, country shapes, shared borders and curated tables.

Runtime code reaches every file through :func:`get_path`, which fails with a clear
message when a file is missing. The files are built by ``data/build.py`` from packages
on PyPI and npm plus the curated tables in ``data/curated/``; ``data/SOURCES.md`` says
where each comes from and under which licence.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR", "available", "get_path"]

DATA_DIR = Path(__file__).resolve().parent

#: Files runtime code may ask for, with what they hold.
FILES = {
    "gazetteer.sqlite": "places, regions, countries and their names (SQLite)",
    "countries.geojson.gz": "country polygons (GeoJSON, gzip)",
    "borders.geojson.gz": "shared land borders, one line per pair of countries (GeoJSON, gzip)",
    "words_en.tsv.gz": "common English words with their Zipf frequency (TSV, gzip)",
    "given_names.txt.gz": "given names, one a line (gzip)",
}


def available() -> list[str]:
    """Names of the embedded data files that exist in this installation.

    Examples
    --------
    >>> "gazetteer.sqlite" in available()
    True
    """
    return sorted(name for name in FILES if (DATA_DIR / name).is_file())


def get_path(name: str) -> Path:
    """Path of the embedded data file `name`.

    Parameters
    ----------
    name
        One of :data:`FILES`' keys, e.g. ``"gazetteer.sqlite"``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileNotFoundError
        If the name is unknown or the file is missing from the installation
        (``bordermap.geo`` turns this into its ``DataFileError``; data depends on
        nothing else in bordermap).
    """
    if name not in FILES:
        msg = f"Unknown data file {name!r}; known files: {', '.join(sorted(FILES))}."
        raise FileNotFoundError(msg)
    path = DATA_DIR / name
    if not path.is_file():
        msg = (
            f"Embedded data file {name!r} is missing from {DATA_DIR}. "
            "Reinstall bordermap, or rebuild the data with `python data/build.py`."
        )
        raise FileNotFoundError(msg)
    return path
