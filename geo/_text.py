"""Text helpers shared by the gazetteer and the geoparser."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["normalize", "clean_query"]

_DROP = re.compile(r"[’'`´.]")
_SPACE = re.compile(r"[\-‐‑‒–—_/,()]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@lru_cache(maxsize=200_000)
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


# Words after which a full stop does not end a sentence.
_ABBREV = frozenset("""mr mrs ms dr prof gen lt col maj capt sgt cpl adm sen rep gov pres st mt ft jr sr
vs etc inc corp ltd co no nos jan feb mar apr jun jul aug sep sept oct nov dec approx est dept univ
ave blvd rd hwy u.s u.k u.n e.u a.m p.m d.c""".split())
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"“(\-–—*•])")


_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")


@lru_cache(maxsize=8)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Split text into sentences; returns ``(start, end)`` character offsets.

    A full stop after a known abbreviation ("Oct.", "Mr.", "U.S.") or a single
    capital letter does not end a sentence; line breaks before a capitalised line do.

    Examples
    --------
    >>> t = "Gen. Asif spoke in Kabul on Oct. 19. Talks resumed.\\nNew line"
    >>> [t[a:b] for a, b in sentences(t)]  # cached: the stages of one article share it
    ['Gen. Asif spoke in Kabul on Oct. 19.', 'Talks resumed.', 'New line']
    """
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end() if m.group().strip() else m.start()
        if m.group().startswith("."):
            k = m.start()  # the word before the stop: its letters, digits, "_" and dots
            while k > start and (text[k - 1].isalnum() or text[k - 1] in "._"):
                k -= 1
            w = text[k:m.start()].lower().rstrip(".")
            if w in _ABBREV or (len(w) == 1 and w.isalpha()) or _DOTTED.fullmatch(w):
                continue
        seg = text[start:end]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            spans.append((start + lead, start + len(seg.rstrip())))
        start = m.end()
    seg = text[start:]
    if seg.strip():
        lead = len(seg) - len(seg.lstrip())
        spans.append((start + lead, start + len(seg.rstrip())))
    return tuple(spans)
