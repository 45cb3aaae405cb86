"""Text helpers shared by the gazetteer and the geoparser."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize", "clean_query"]

_DROP = re.compile(r"[’'`´.]")
_SPACE = re.compile(r"[\-‐‑‒–—_/,()]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalize(text: str) -> str:
    """Fold a place name for look-up: no accents, no case, no dots or apostrophes.

    data/build.py applies the same folding to every name it stores.

    Examples
    --------
    >>> normalize("Spīn Boldak")
    'spin boldak'
    >>> normalize("Côte d’Ivoire")
    'cote divoire'
    >>> normalize("W.Va.")
    'wva'
    >>> normalize("Khyber-Pakhtunkhwa")
    'khyber pakhtunkhwa'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("ß", "ss")
    text = _DROP.sub("", text)
    text = _SPACE.sub(" ", text)
    return " ".join(text.split())


#: Longest query accepted; place names are short, a longer query is a mistake.
MAX_QUERY_CHARS = 500


def clean_query(query: object) -> str:
    """Check a geocoding query and return it with whitespace collapsed.

    Raises
    ------
    bordermap.geo.QueryError
        If the query is not a string, is empty, is longer than 500 characters or
        contains control characters.
    """
    from bordermap.geo._errors import QueryError

    if not isinstance(query, str):
        msg = f"query must be a string, not {type(query).__name__}: {query!r:.80}"
        raise QueryError(msg)
    if _CONTROL.search(query):
        msg = f"query {query[:80]!r} contains control characters; pass the place name as plain text."
        raise QueryError(msg)
    text = " ".join(query.split())
    if not text:
        msg = "query is empty; give a place name such as 'Kabul'."
        raise QueryError(msg)
    if len(text) > MAX_QUERY_CHARS:
        msg = (f"query is {len(text):,} characters long (at most {MAX_QUERY_CHARS} allowed); "
               "give one place name per query.")
        raise QueryError(msg)
    return text
