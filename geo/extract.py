"""Find the places an article mentions: toponyms, demonyms, border phrases, relative places.

Detection is gazetteer-driven and rule-based (no model, no network):

1. the text is cut into runs of capitalised words ("Spin Boldak", "Khyber Pakhtunkhwa",
   "Bosnia and Herzegovina", "Pakistan-Afghanistan");
2. inside each run the longest names the gazetteer knows are taken, left to right;
3. each name is kept or dropped by what surrounds it: people ("Khawaja Asif", after
   titles such as "Minister"), organisations ("Tehrik-i-Taliban Pakistan"), ordinary words
   that are also town names ("March", "Reading", "Split") and short all-capital acronyms;
4. demonyms ("Afghan", "Pakistani") become ``kind="demonym"`` mentions of their country;
   border phrases ("the Durand Line", "the 2,600-km frontier", "cross-border") become
   ``kind="border"``; "40 km north of X" and "near X" become ``kind="relative"`` with the
   anchor X kept.

Offsets are Python string indices into the text exactly as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bordermap.geo._lexicon import common_words, given_names
from bordermap.geo._text import normalize, sentences
from bordermap.geo.gazetteer import Candidate, Gazetteer, Place, get_gazetteer

__all__ = ["Mention", "find_mentions", "NameIndex", "get_name_index"]

KINDS = ("toponym", "demonym", "border", "relative")


@dataclass(slots=True)
class Mention:
    """A place mention: a span of the text and what kind of place reference it is."""

    doc: str
    start: int
    end: int
    surface: str
    kind: str
    norm: str = ""
    candidates: list[Candidate] = field(default_factory=list, repr=False)
    sentence: tuple[int, int] = (0, 0)
    #: for border mentions: ISO codes of the countries whose shared border is meant
    countries: tuple[str, ...] = ()
    #: for relative mentions: the anchor mention, distance (km) and bearing (degrees)
    anchor: Mention | None = field(default=None, repr=False)
    offset_km: float | None = None
    bearing: float | None = None
    #: "X, Y" qualifier: the mention right after a comma that narrows this one
    qualifier: Mention | None = field(default=None, repr=False)
    sentence_initial: bool = False
    cue: bool = False
    #: set by resolution (bordermap.geo.resolve)
    place: Place | None = field(default=None, repr=False)
    lat: float | None = None
    lon: float | None = None
    confidence: float = 0.0
    border_name: str | None = None


# ------------------------------------------------------------------------------ lexicon

_CONNECTORS = frozenset("""of de del della di da do dos das du des la le les el al an on upon y e van von
der den bin ibn and the au aux sur en i"""
                        .split())
_RUN_BREAKERS = frozenset({"and", "the", "or"})
_MONTHS_DAYS = frozenset("""january february march april may june july august september october november
december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
saturday sunday""".split())
_TITLES = frozenset("""mr mrs ms miss dr prof sir lord lady dame president vice premier minister
secretary senator sen rep representative gov governor mayor judge justice general gen lt lieutenant
col colonel maj major capt captain sgt sergeant cpl corporal adm admiral commander cmdr officer
chief king queen prince princess emir sheikh shaikh mullah maulana maulvi qari mufti imam ayatollah
pope father rev reverend bishop cardinal rabbi khawaja hajji haji sardar spokesman spokeswoman
spokesperson chairman chairwoman ambassador envoy coach dean professor detective deputy trooper
agent pastor saint""".split())
_ORG_WORDS = frozenset("""university college school academy institute party army navy corps ministry
department council company bank airlines airways times post herald news press tribune journal
gazette police force forces institute hospital church club association society committee
commission foundation group network museum stadium court board authority office services
organization organisation federation league front movement brigade battalion regiment command
taliban jamaat tehrik lashkar hezbollah hamas inc corp ltd llc fc united corporation
studios records center centre hotel airport station mall church cathedral mosque temple
fund trust bureau administration guard guards parliament assembly congress senate cabinet
government coalition alliance union""".split())
_CUES = frozenset("""in near at from to into across outside inside toward towards via around
through throughout within between border along visited reached entered left""".split())
_DIRECTIONS = {"north": 0, "northeast": 45, "north-east": 45, "east": 90, "southeast": 135,
               "south-east": 135, "south": 180, "southwest": 225, "south-west": 225, "west": 270,
               "northwest": 315, "north-west": 315, "northern": 0, "southern": 180, "eastern": 90,
               "western": 270}
_UNITS_KM = {"km": 1.0, "kilometer": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometres": 1.0,
             "mile": 1.609344, "miles": 1.609344, "mi": 1.609344}
_MAJOR = frozenset({"PCLI", "PCLD", "TERR", "CONT", "ADM1", "RGN", "BNDL", "PPLC"})

_TOKEN = re.compile(r"(?:[^\W\d_]{1,3}\.){2,}|[^\W\d_][\w]*(?:['’][\w]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_BORDER = re.compile(
    r"(?:(?P<len>\d[\d,.]*)[-\s]?(?:km|kilometers?|kilometres?|miles?|mi)\b(?:\s*\([^)]{0,30}\))?[-\s]*"
    r"(?:long\s+)?)?(?P<word>border|frontier|boundary)\b", re.I)
_CROSS_BORDER = re.compile(r"\bcross[-\s]border\b|\bborder\s+(?:areas?|regions?|crossings?|towns?|posts?|"
                           r"villages?|districts?|provinces?)\b", re.I)
_RELATIVE = re.compile(
    r"(?:(?P<dist>\d[\d,.]*)\s*(?:-\s*)?(?P<unit>km|kilometers?|kilometres?|miles?|mi)\b\s+"
    r"(?:\((?:[^)]{0,30})\)\s+)?(?P<dir>(?:north|south)(?:[-\s]?(?:east|west))?|east|west)\s+of"
    r"|(?P<near>near|outside|close\s+to|on\s+the\s+outskirts\s+of|in\s+the\s+vicinity\s+of))\s+$",
    re.I)


class NameIndex:
    """The gazetteer's names in memory, for fast span look-ups while scanning text."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or get_gazetteer()
        self.names = frozenset(self.gazetteer.names())
        self.max_tokens = 6
        self._cache: dict[str, list[Candidate]] = {}

    def __contains__(self, norm: str) -> bool:
        return norm in self.names

    def candidates(self, norm: str) -> list[Candidate]:
        """Candidates of a normalised name, best first (cached)."""
        found = self._cache.get(norm)
        if found is None:
            found = self.gazetteer.lookup(norm, limit=40)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[norm] = found
        return found


@lru_cache(maxsize=1)
def get_name_index() -> NameIndex:
    """The shared :class:`NameIndex` of the embedded gazetteer (built once per process)."""
    return NameIndex()


# ------------------------------------------------------------------------------ tokens


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    cap: bool
    upper: bool
    dot: bool  # a full stop follows directly


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        s, e = m.start(), m.end()
        word = m.group()
        poss = _POSSESSIVE.search(word)
        if poss and len(word) > 3 and not word.endswith(("'", "’")) or (poss and word.endswith(("s'", "s’"))):
            e -= len(poss.group())
            word = word[: len(word) - len(poss.group())]
        if not word:
            continue
        first = word[0]
        out.append(_Tok(s, e, word, first.isupper(), word.isupper() and len(word) > 1,
                        text[e:e + 1] == "." or word.endswith(".")))
    return out


def _runs(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """Runs of capitalised tokens, joined by spaces, hyphens or connector words."""
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []
    for i, t in enumerate(toks):
        if cur:
            gap = text[cur[-1].end:t.start]
            joined = gap in (" ", "-", "‐", "\u00a0") or (gap == ". " and len(cur[-1].text) <= 3 and cur[-1].cap)
            if not joined:
                runs.append(cur)
                cur = []
        if t.cap:
            cur.append(t)
        elif cur and t.text.lower() in _CONNECTORS and i + 1 < len(toks) and toks[i + 1].cap:
            cur.append(t)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [r for r in runs if r]


# ------------------------------------------------------------------------------ detection


def find_mentions(text: str, *, doc: str = "", index: NameIndex | None = None) -> list[Mention]:
    """Every place mention in `text`, in text order.

    Parameters
    ----------
    text
        The article text; offsets index it exactly.
    doc
        The article id, copied into every mention.
    index
        The name index (default: the embedded gazetteer's, built once).

    Examples
    --------
    >>> ms = find_mentions("Pakistani troops clashed near Torkham on the Pakistan-Afghanistan border.")
    >>> [(m.surface, m.kind) for m in ms if m.kind != "relative"]
    [('Pakistani', 'demonym'), ('Torkham', 'toponym'), ('Pakistan', 'toponym'), ('Afghanistan', 'toponym'), \
('Pakistan-Afghanistan border', 'border')]
    """
    index = index or get_name_index()
    sents = sentences(text)
    sent_starts = {s for s, _ in sents}
    toks = _tokens(text)
    words = common_words()
    people: set[str] = set()
    found: list[Mention] = []

    for run in _runs(text, toks):
        found.extend(_match_run(text, run, doc, index, words, people, sent_starts))

    # a surname seen with a title or a given name is a person everywhere in the article
    found = [m for m in found if not (m.kind == "toponym" and m.surface in people
                                      and not _is_major(m))]
    _attach_sentences(found, sents)
    _mark_qualifiers(text, found)
    found.extend(_border_mentions(text, doc, found, sents))
    found.extend(_relative_mentions(text, doc, found))
    found.sort(key=lambda m: (m.start, -m.end, KINDS.index(m.kind)))
    return found


def _is_major(m: Mention) -> bool:
    return bool(m.candidates) and m.candidates[0].place.feature in _MAJOR


def _match_run(text, run, doc, index, words, people, sent_starts) -> list[Mention]:
    out: list[Mention] = []
    segments = _segments(run)
    person_segments = [seg for seg in segments if _looks_like_person(text, seg, index)]
    for seg in person_segments:
        people.add(seg[-1].text)
    org = _looks_like_org(run)
    i = 0
    n = len(run)
    while i < n:
        if not run[i].cap:
            i += 1
            continue
        hit = None
        for j in range(min(n, i + index.max_tokens), i, -1):
            if not run[j - 1].cap:
                continue
            surface = text[run[i].start:run[j - 1].end]
            key = normalize(surface)
            if key in index:
                hit = (j, surface, key)
                break
        if hit is None:
            i += 1
            continue
        j, surface, key = hit
        span = run[i:j]
        if any(span[0] in seg and span[-1] in seg for seg in person_segments) and not _whole(run, span):
            i = j
            continue
        if (org and not _whole(run, span)) or (len(span) == 1 and span[0].text.lower() in _ORG_WORDS):
            i = j
            continue
        cands = index.candidates(key)
        if not cands:
            i = j
            continue
        m = Mention(doc, run[i].start, run[j - 1].end, surface, "toponym", key, cands)
        m.sentence_initial = run[i].start in sent_starts or _after_opening(text, run[i].start)
        m.cue = _preceding_word(text, run[i].start) in _CUES
        if _keep(m, span, text, words):
            if cands[0].matched == "demonym" or (cands[0].place.feature in ("PCLI", "PCLD")
                                                  and any(c.matched == "demonym" for c in cands[:1])):
                m.kind = "demonym"
            elif cands[0].place.feature == "BNDL":
                m.kind = "border"
                m.countries = _denoted_countries(cands[0].place.denotes)
            out.append(m)
        i = j
    return out


def _segments(run: list[_Tok]) -> list[list[_Tok]]:
    segs, cur = [], []
    for t in run:
        if t.text.lower() in _RUN_BREAKERS and not t.cap:
            if cur:
                segs.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        segs.append(cur)
    return segs


def _whole(run, span) -> bool:
    return span[0] is run[0] and span[-1] is run[-1]


def _looks_like_person(text: str, seg: list[_Tok], index: NameIndex) -> bool:
    caps = [t for t in seg if t.cap]
    if not caps:
        return False
    prev = _preceding_word(text, seg[0].start)
    if caps[0].text.lower().rstrip(".") in _TITLES or prev in _TITLES:
        return len(caps) >= 2 or prev in _TITLES
    if len(caps) >= 2 and caps[0].text in given_names() and not caps[0].upper:
        whole = normalize(text[seg[0].start:seg[-1].end])
        if whole in index:
            return False
        # "Georgia Tech", "Jordan Valley": a given name followed by a place word is a place
        return normalize(caps[0].text) not in index or normalize(caps[1].text) not in index
    return False


def _looks_like_org(run: list[_Tok]) -> bool:
    return any(t.text.lower() in _ORG_WORDS for t in run if t.cap) or \
        any(t.text in ("Taliban",) or t.text.startswith(("Tehrik", "Lashkar", "Jaish")) for t in run)


def _after_opening(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \t\"“‘'(":
        k -= 1
    return k < 0 or text[k] in "\n:—–-"


def _preceding_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z.]+)\W*$", text[max(0, start - 30):start])
    return m.group(1).lower().rstrip(".") if m else ""


def _keep(m: Mention, span: list[_Tok], text: str, words: dict[str, float]) -> bool:
    best = m.candidates[0]
    word = m.surface
    low = normalize(word)
    single = len(span) == 1
    if low in _MONTHS_DAYS:
        return False
    # abbreviations only where they look like abbreviations: "UK", "U.S.", "W.Va."
    if best.matched == "abbreviation":
        looks = word.isupper() or "." in word or span[-1].dot
        if not looks:
            return False
        if word.isupper() and len(word) <= 3 and not _is_country_abbr(m) and not _after_comma(text, m.start):
            return False
    elif span[0].upper and single and len(word) <= 4:
        return False  # acronyms (TTP, NATO, AP) are not town names
    if single and low in words and not word.isupper():
        zipf = words[low]
        major = best.place.feature in _MAJOR
        if major and zipf < 5.0:
            return True
        if m.sentence_initial:
            return _after_comma_place(text, m.end)
        if m.cue and (best.place.population >= 20_000 or major) and zipf < 5.5:
            return True
        return _after_comma_place(text, m.end)
    if single and len(word) <= 2:
        return False
    return True


def _is_country_abbr(m: Mention) -> bool:
    return m.candidates[0].place.feature in ("PCLI", "PCLD", "TERR", "ADM1")


def _after_comma(text: str, start: int) -> bool:
    return text[max(0, start - 2):start] == ", "


def _after_comma_place(text: str, end: int) -> bool:
    """'Split, Croatia': a comma and a capitalised word follow."""
    return bool(re.match(r",\s+[A-Z]", text[end:end + 4]))


def _denoted_countries(denotes: str | None) -> tuple[str, ...]:
    if not denotes:
        return ()
    codes: list[str] = []
    for part in denotes.split("|"):
        if part.startswith("border:"):
            codes += [c for c in part[7:].split("-") if c and c not in codes]
    return tuple(codes)


def _attach_sentences(found: list[Mention], sents: list[tuple[int, int]]) -> None:
    k = 0
    for m in sorted(found, key=lambda m: m.start):
        while k + 1 < len(sents) and sents[k][1] <= m.start:
            k += 1
        if sents:
            m.sentence = sents[k]


def _mark_qualifiers(text: str, found: list[Mention]) -> None:
    """'Doha, Qatar' and 'Portland, Maine': the second narrows the first."""
    by_start = {m.start: m for m in found}
    for m in found:
        k = m.end
        if text[k:k + 2] == ", ":
            nxt = by_start.get(k + 2)
            if nxt is not None and nxt.kind in ("toponym", "demonym") and nxt.candidates and \
                    nxt.candidates[0].place.feature in ("PCLI", "PCLD", "TERR", "ADM1", "ADM2"):
                m.qualifier = nxt


# ------------------------------------------------------------------------------ border phrases


def _border_mentions(text: str, doc: str, found: list[Mention], sents) -> list[Mention]:
    out = []
    taken = [(m.start, m.end) for m in found if m.kind == "border"]
    for rx in (_BORDER, _CROSS_BORDER):
        for mt in rx.finditer(text):
            s, e = mt.start(), mt.end()
            if any(a < e and s < b for a, b in taken):
                continue
            # "the Pakistan-Afghanistan border", "Afghanistan's border with Pakistan"
            before = [m for m in found if m.kind in ("toponym", "demonym") and 0 <= s - m.end <= 3
                      and m.candidates and m.candidates[0].place.feature in ("PCLI", "PCLD")]
            countries: list[str] = []
            if before:
                first = before[0]
                # include a directly preceding "Pakistan-" of "Pakistan-Afghanistan"
                prev = [m for m in found if m.kind in ("toponym", "demonym") and 0 <= first.start - m.end <= 1
                        and m.candidates and m.candidates[0].place.feature in ("PCLI", "PCLD")]
                for m in prev + before:
                    countries.append(m.candidates[0].place.country)
                s = (prev or before)[0].start
            after = re.match(r"\s+(?:with|between)\s+", text[e:e + 12])
            if after:
                nxt = [m for m in found if m.kind in ("toponym", "demonym") and 0 <= m.start - e <= 12
                       and m.candidates and m.candidates[0].place.feature in ("PCLI", "PCLD")]
                for m in nxt[:2]:
                    countries.append(m.candidates[0].place.country)
            m = Mention(doc, s, e, text[s:e], "border", normalize(text[s:e]))
            m.countries = tuple(dict.fromkeys(countries))
            out.append(m)
            taken.append((s, e))
    _attach_sentences(out, sents)
    return out


# ------------------------------------------------------------------------------ relative places


def _relative_mentions(text: str, doc: str, found: list[Mention]) -> list[Mention]:
    out = []
    for m in found:
        if m.kind != "toponym":
            continue
        window = text[max(0, m.start - 60):m.start]
        rel = _RELATIVE.search(window)
        if not rel:
            continue
        s = m.start - len(window) + rel.start()
        r = Mention(doc, s, m.end, text[s:m.end], "relative", m.norm, m.candidates, m.sentence)
        r.anchor = m
        if rel.group("dist"):
            try:
                dist = float(rel.group("dist").replace(",", ""))
            except ValueError:
                continue
            r.offset_km = dist * _UNITS_KM[rel.group("unit").lower()]
            r.bearing = float(_DIRECTIONS.get(rel.group("dir").lower().replace(" ", "-"),
                                              _DIRECTIONS.get(rel.group("dir").lower().replace(" ", ""), 0)))
        else:
            r.offset_km = None
        out.append(r)
    return out
