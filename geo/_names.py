"""Place names inside longer names: "Nyanza Province", "the Kisumu Grand Prix", "northern Kenya".

Used where a whole span has no gazetteer entry of its own: benchmark spans
(:func:`bordermap.geo.resolve.mention_for_span`) and geocoding queries
(:meth:`bordermap.geo.gazetteer.Gazetteer.search`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bordermap.geo._text import normalize

__all__ = ["inner_names", "GENERIC_WORDS"]

#: Words that make a longer name of a place ("X State University", "northern X", "X LGA", "X Twp.", "X Co.").
GENERIC_WORDS = frozenset("""state city county province provincial district region regional lga municipality
township twp co parish borough governorate prefecture oblast north south east west northern southern eastern
western central northeast northwest southeast southwest upper lower greater the of""".split())


def inner_names(surface: str, known: Callable[[str], bool]) -> list[str]:
    """Place names inside a longer name that has no entry of its own, longest first.

    `known` tells whether a normalised name is in the gazetteer. Generic words and ordinary
    English words alone are never taken ("State", "Grand"); a leading "Al-" is dropped.

    >>> names = {"nyanza", "kenya", "dubai", "farooq"}
    >>> [inner_names(s, names.__contains__) for s in ("Nyanza Province", "northern Kenya",
    ...  "the Dubai Grand Prix", "Al-Farooq")]
    [['Nyanza'], ['Kenya'], ['Dubai'], ['Farooq']]
    """
    from bordermap.geo._lexicon import common_words

    words = [w for w in re.split(r"[\s\-‐–]+", surface.strip()) if w]
    longest = len(words) - 1  # a part, not the whole
    if words and words[0].lower() in ("al", "el", "ad", "as", "ar", "an") and len(words) > 1:
        words = words[1:]
        longest = len(words)  # the rest without its article is a name of its own
    common = common_words()
    out = []
    for size in range(longest, 0, -1):
        for i in range(len(words) - size + 1):
            part = words[i:i + size]
            low = [normalize(w) for w in part]
            if low[0] in GENERIC_WORDS or low[-1] in GENERIC_WORDS:
                continue
            if size == 1 and (common.get(low[0], 0.0) >= 4.0 or not part[0][:1].isupper() or len(low[0]) < 4):
                continue
            name = " ".join(part)
            if known(normalize(name)):
                out.append(name)
    return out
