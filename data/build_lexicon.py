#!/usr/bin/env python3
"""Build the word lists the geoparser uses to tell places from ordinary words and people.

Writes, deterministically:

- ``data/words_en.tsv.gz``: common English words with their Zipf frequency (log10 of
  occurrences per billion words): the lower-case entries of the web2 dictionary (PyPI
  ``english-words``; web2 writes proper nouns capitalised, so "split" is there and
  "paris" is not) that PyPI ``wordfreq``'s large English list counts at Zipf >= 3.
  A capitalised word that is also a frequent common word ("March", "Reading", "Split",
  "Mobile", "Of") needs more evidence before it is read as a place.
- ``data/given_names.txt.gz``: given names, one a line, from PyPI ``gender-guesser``
  (its nam_dict.txt by Jörg Michael). "Khawaja Asif said" is a person, not a place.

Usage::

    python data/build_lexicon.py                 # fetch the packages with pip
    python data/build_lexicon.py --source-dir D  # use wheels unpacked under D/wordfreq, D/gender_guesser
"""

from __future__ import annotations

import argparse
import glob
import gzip
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYPI = {"wordfreq": "3.1.1", "gender-guesser": "0.4.0", "english-words": "2.0.2"}
MIN_ZIPF = 3.0  # 1,000 occurrences per billion words
_WORD = re.compile(r"^[a-z][a-z'\-]*$")


def fetch(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp,
                        *(f"{n}=={v}" for n, v in PYPI.items())], check=True)
        for whl in glob.glob(os.path.join(tmp, "*.whl")):
            with zipfile.ZipFile(whl) as z:
                z.extractall(dest / os.path.basename(whl).split("-")[0])


def gzip_write(path: Path, text: str) -> None:
    """gzip with a fixed mtime and no file name, so the bytes depend only on `text`."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(buf.getvalue())
    os.replace(tmp, path)


def _wordfreq_buckets(src: Path) -> list[list[str]]:
    """wordfreq's large English list: bucket i holds the words at -i centibels."""
    try:
        import msgpack
    except ImportError:
        raise SystemExit("build: needs msgpack to read wordfreq's data: pip install msgpack") from None
    path = src / "wordfreq" / "wordfreq" / "data" / "large_en.msgpack.gz"
    with gzip.open(path) as f:
        data = msgpack.load(f, raw=False)
    header, buckets = data[0], data[1:]
    if header.get("format") != "cB":
        raise SystemExit(f"build: unknown wordfreq format {header!r}")
    return buckets


def wordfreq_zipf(src: Path) -> dict[str, float]:
    """Every word of wordfreq's large English list (lower case) -> its Zipf frequency."""
    out: dict[str, float] = {}
    for i, bucket in enumerate(_wordfreq_buckets(src)):
        for w in bucket:
            out.setdefault(w, round(9 - (i + 1) / 100, 2))
    return out


def words(src: Path) -> dict[str, float]:
    buckets = _wordfreq_buckets(src)
    import pickle  # english-words ships its lists as pickled sets of strings

    with (src / "english_words" / "english_words" / "data" / "web2.pickle").open("rb") as f:
        web2 = pickle.load(f)
    out: dict[str, float] = {}
    for i, bucket in enumerate(buckets):  # bucket i holds words at -i centibels: Zipf = 9 - i/100
        zipf = 9 - (i + 1) / 100
        if zipf < MIN_ZIPF:
            break
        for w in bucket:
            if _WORD.match(w) and w not in out and w in web2:
                out[w] = round(zipf, 2)
    return out


def given_names(src: Path) -> list[str]:
    path = src / "gender_guesser" / "gender_guesser" / "data" / "nam_dict.txt"
    names = set()
    with path.open(encoding="iso-8859-1") as f:
        for line in f:
            if line.startswith("#") or len(line) < 30:
                continue
            name = line[3:29].strip()
            if name and "+" not in name and re.fullmatch(r"[A-Za-z][A-Za-z'\-]+", name):
                names.add(name)
    return sorted(names)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source-dir", type=Path)
    a = ap.parse_args(argv)
    src = a.source_dir or HERE / "_build"
    if a.source_dir is None:
        fetch(src)
    w = words(src)
    gzip_write(HERE / "words_en.tsv.gz", "".join(f"{k}\t{v}\n" for k, v in sorted(w.items())))
    n = given_names(src)
    gzip_write(HERE / "given_names.txt.gz", "".join(f"{x}\n" for x in n))
    print(f"build_lexicon: {len(w):,} English words (Zipf >= {MIN_ZIPF}), {len(n):,} given names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
