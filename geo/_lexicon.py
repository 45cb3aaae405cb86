"""Word lists the geoparser consults: common English words and given names."""

from __future__ import annotations

import gzip
from functools import lru_cache

from bordermap.geo._errors import DataFileError

__all__ = ["common_words", "given_names"]


def _read(name: str) -> list[str]:
    from bordermap.data import get_path

    try:
        path = get_path(name)
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return f.read().splitlines()
    except FileNotFoundError as exc:
        raise DataFileError(str(exc)) from None
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        msg = f"Embedded word list {name!r} is corrupted ({exc}); reinstall bordermap."
        raise DataFileError(msg) from None


@lru_cache(maxsize=1)
def common_words() -> dict[str, float]:
    """Lower-case common English words -> Zipf frequency (3 = once per million words)."""
    out = {}
    for line in _read("words_en.tsv.gz"):
        word, _, zipf = line.partition("\t")
        out[word] = float(zipf)
    return out


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names as written (capitalised): "Asif", "Khawaja", "Paris"."""
    return frozenset(_read("given_names.txt.gz"))
