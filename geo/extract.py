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

from bordermap.geo._errors import DataFileError
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
    #: set by :func:`bordermap.geo.resolve.last_resort`: the article's focus standing in for
    #: a place the gazetteer lacks, and ACLED's geo_precision 3
    fallback: Place | None = field(default=None, repr=False)
    geo_precision: int | None = None
    #: read as a territory ("countries in the EU"), not as an institution ("the EU said")
    territorial: bool = False
    #: the kind of unit the text calls it: "state" ("Borno state", "the state of New York"),
    #: "county", "city", ... (see :func:`unit_word`), or ""
    unit: str = ""


# ------------------------------------------------------------------------------ lexicon

_CONNECTORS = frozenset("""of de del della di da do dos das du des la le les el al an on upon y e van von
der den bin ibn and the au aux sur en i"""
                        .split())
_MONTHS_DAYS = frozenset("""january february march april may june july august september october november
december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
saturday sunday""".split())
# Capitalised words that are never a place on their own, though some town is so named.
_NEVER_ALONE = frozenset("""christmas easter thanksgiving halloween ramadan eid passover hanukkah
new year north south east west northern southern eastern western central northeast northwest
southeast southwest upper lower greater olympic olympics christian christians muslim muslims
catholic catholics jewish jew jews islamic islamist protestant orthodox sunni shia shiite buddhist
hindu sikh arab arabs god jesus allah bible koran quran democrat democrats republican republicans
liberal conservative federal national international state county city town village district
province region street avenue road valley gulf bay forest river lake mountain mountains park hills creek
island islands beach harbor harbour port canyon metro english""".split())
# Buildings and streets that stand for an institution ("the White House said").
_METONYMS = frozenset({"white house", "kremlin", "pentagon", "downing street", "whitehall", "capitol hill",
                       "wall street", "elysee", "elysee palace", "foggy bottom", "united nations", "un"})
# A place named before these words names a pathogen or a product, not a location ("West Nile virus").
_NAMING_NEXT = re.compile(r"^(?:['’]s)?\s+(?:virus|viruses|fever|flu|influenza|disease|strain|ebolavirus|"
                          r"syndrome|encephalitis|variant)\b|^\s*\$", re.I)
_STREET_NEXT = re.compile(r"\s+(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Blvd|Boulevard|Lane|Ln|Pike|Hwy|"
                          r"Highway|Parkway|Pkwy|Terrace|Ter|Trail|Circle|Cir)\b\.?")
# Newspapers and agencies: a place inside their name is not a location ("the New York Times").
_MEDIA_WORDS = frozenset("""times post herald tribune journal gazette chronicle observer guardian telegraph
courier inquirer examiner dispatch bulletin ledger sentinel register""".split())
# Words in the names of armed groups and political movements: a place inside such a
# name ("Tehrik-i-Taliban Pakistan") is part of an identity, not a location. Places in
# the names of institutions ("Ohio State University", "Kabul Police") still count.
_GROUP_WORDS = frozenset("""taliban tehrik tehreek lashkar jaish hezbollah hizbollah hamas jamaat jamiat
front movement party brigade brigades battalion battalions militia mujahideen liberation
resistance jihad jihadist""".split())
_TITLES = frozenset("""mr mrs ms miss dr prof sir lord lady dame president vice premier minister
secretary senator sen rep representative gov governor mayor judge justice general gen lt lieutenant
col colonel maj major capt captain sgt sergeant cpl corporal adm admiral commander cmdr officer
chief king queen prince princess emir sheikh shaikh mullah maulana maulvi qari mufti imam ayatollah
pope father rev reverend bishop cardinal rabbi khawaja hajji haji sardar spokesman spokeswoman
spokesperson chairman chairwoman ambassador envoy coach dean professor detective deputy trooper
agent pastor saint const constable insp inspector supt superintendent sheriff councillor councilor
councilman councilwoman alderman commissioner""".split())
_CUES = frozenset("""in near at from to into across outside inside toward towards via around
through throughout within between border along visited reached entered left""".split())
_DIRECTIONS = {"north": 0, "northeast": 45, "north-east": 45, "east": 90, "southeast": 135,
               "south-east": 135, "south": 180, "southwest": 225, "south-west": 225, "west": 270,
               "northwest": 315, "north-west": 315, "northern": 0, "southern": 180, "eastern": 90,
               "western": 270}
_UNITS_KM = {"km": 1.0, "kilometer": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometres": 1.0,
             "mile": 1.609344, "miles": 1.609344, "mi": 1.609344}
_MAJOR = frozenset({"PCLI", "PCLD", "TERR", "CONT", "ADM1", "RGN", "BNDL", "PPLC", "OCN", "SEA"})

_ELIDED = re.compile(r"^(?:d|l|al|el|ad|ar|as|an)['’][A-Z]")  # "d'Ivoire", "al'Ula"
_CONTRACTION = re.compile(r"['’](?:ve|re|ll|d|m|t)$", re.I)
_SPEECH = re.compile(r"^[’'\"”]?,?\s+(?:said|says|told|added|wrote|asked|explained|noted|recalled|"
                     r"testified|argued|stated|agreed|declined)\b|^,\s+who\b")
# Words that, after a given name, make it a place or an institution, not a person:
# "Paris High School", "Georgia School Boards Association", "Jordan Valley".
_PLACE_FOLLOWERS = frozenset("""high school schools county city state university college street st avenue
ave road rd boulevard blvd police department dept fire board boards council hospital center centre
church park airport river lake valley mountain mountains bay beach island islands creek hills township
parish borough village elementary middle academy library museum stadium memorial national public
community area region district province interior ministry government times post news chamber
court courthouse square mall bridge harbor harbour port station zoo falls springs heights""".split())
# Honorifics and abbreviations that are never places ("Gov.", "Sgt.", "Inc.").
_NOT_PLACES = frozenset("""gov sgt sen sens rep reps mr mrs ms dr lt col gen capt cpl maj pct inc corp
ltd co llc jr sr st mt ft no""".split())
_POSSESSIVE = re.compile(r"['’]s?$")
_CAPITAL_WORD_NEXT = re.compile(r"\s+[A-Z][a-z]")
_CAPS_THEN_LOWER = re.compile(r"[A-Z]{2,}[a-z]+")
_DAY_NEXT = re.compile(r"(?:['’]s)?\s+Day\b")
_AGE_NEXT = re.compile(r",\s+\d{1,3},")
_AMPERSAND = re.compile(r"\s*&\s*")  # "Stevens & Wilkinson": a firm's partners
_DOTTED_LETTERS = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]?\.?")  # "S.E.", "A.M.", not "St. Petersburg"
_BORDER = re.compile(
    r"(?<!cross-)(?<!cross )(?:(?P<len>\d[\d,.]*)[-\s]?(?:km|kilometers?|kilometres?|miles?|mi)\b(?:\s*\([^)]{0,30}\))?[-\s]*"
    r"(?:long\s+)?)?(?P<word>border|frontier|boundary)\b", re.I)
_CROSS_BORDER = re.compile(r"\bcross[-\s]border\b|\bborder\s+(?:areas?|regions?|crossings?|towns?|posts?|"
                           r"villages?|districts?|provinces?)\b", re.I)
_RELATIVE = re.compile(
    r"(?:(?P<dist>\d[\d,.]*)\s*(?:-\s*)?(?P<unit>km|kilometers?|kilometres?|miles?|mi)\b\s+"
    r"(?:\((?:[^)]{0,30})\)\s+)?(?P<dir>(?:north|south)(?:[-\s]?(?:east|west))?|east|west)\s+of"
    r"|(?P<near>near|outside|close\s+to|on\s+the\s+outskirts\s+of|in\s+the\s+vicinity\s+of)"
    r"(?:\s+the)?)\s+$",
    re.I)


class NameIndex:
    """The gazetteer's names in memory, for fast span look-ups while scanning text.

    A user gazetteer imported from the full GeoNames dump has tens of millions of names:
    those stay on disk and are asked for one at a time (cached).
    """

    #: Above this many names, membership is asked of the database instead of a set in memory.
    MAX_IN_MEMORY = 3_000_000

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or get_gazetteer()
        self.names: frozenset[str] | None = None
        if self.gazetteer.name_count() <= self.MAX_IN_MEMORY:
            self.names = frozenset(self.gazetteer.names())
        self.max_tokens = 6
        self._cache: dict[str, list[Candidate]] = {}
        self._known: dict[str, bool] = {}
        #: the detector's verdict on a one-word name by its key alone (see extract._never_a_place):
        #: 2 never a place alone, 1 an ordinary word naming no major place, 0 neither
        self.ordinary: dict[str, int] = {}

    def __contains__(self, norm: str) -> bool:
        if self.names is not None:
            return norm in self.names
        found = self._known.get(norm)
        if found is None:
            if len(self._known) > 500_000:
                self._known.clear()
            found = self._known[norm] = self.gazetteer.has_name(norm)
        return found

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


def _upper_class() -> str:
    """A regex character class of the upper-case letters of the Basic Multilingual Plane."""
    ranges: list[list[int]] = []
    for cp in range(0x10000):
        if chr(cp).isupper():
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in ranges) + "]"


# Only the words :func:`_tokens` keeps, found by the regex engine itself: capitalised words
# ("Kabul", "O'Brien") and dotted abbreviations ("U.S."), connector words ("of", "de"), elided
# prefixes ("d'Ivoire"); each where a word starts (after a digit too: "27A"). Lower-case words
# are never handed to Python.
_KEPT_TOKEN = re.compile(
    r"(?<![^\W\d])(?<!\w['’])(?:"
    rf"{_upper_class()}(?:[^\W\d_]{{0,2}}\.(?:[^\W\d_]{{1,3}}\.)+|[\w]*(?:['’][\w]+)*)"
    r"|(?:d|l|al|el|ad|ar|as|an)['’][A-Z][\w]*(?:['’][\w]+)*"
    rf"|(?<![^\W\d_]\.)(?:{'|'.join(sorted(_CONNECTORS, key=len, reverse=True))})(?![\w])(?!['’]\w)"
    r"(?!\.[^\W\d_]))")


def _tokens(text: str) -> list[_Tok]:
    """Capitalised words and connector words, with offsets.

    Other lower-case words are skipped: they only ever end a run, and the gap test in
    :func:`_runs` sees them in the text between two kept tokens.
    """
    out = []
    for m in _KEPT_TOKEN.finditer(text):
        word = m.group()
        s, e = m.start(), m.end()
        if "'" in word or "’" in word:
            poss = _POSSESSIVE.search(word)
            if poss and len(word) > 3 and not word.endswith(("'", "’")) or (poss and word.endswith(("s'", "s’"))):
                e -= len(poss.group())
                word = word[: len(word) - len(poss.group())]
            if not word or _CONTRACTION.search(word):
                continue
        cap = word[0].isupper() or (word not in _CONNECTORS and _ELIDED.match(word) is not None)
        out.append(_Tok(s, e, word, cap, len(word) > 1 and word.isupper(),
                        text[e:e + 1] == "." or word[-1] == "."))
    return out


def _runs(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """Runs of capitalised tokens, joined by spaces, hyphens or connector words."""
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []
    for i, t in enumerate(toks):
        if cur:
            gap = text[cur[-1].end:t.start]
            short = cur[-1].cap and (len(cur[-1].text) == 1 or (len(cur[-1].text) <= 3 and not cur[-1].upper))
            joined = gap in (" ", "-", "‐", "\u00a0") or (gap == ". " and short)
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
    [('Pakistani', 'demonym'), ('Torkham', 'toponym'), ('Pakistan', 'toponym'), \
('Pakistan-Afghanistan border', 'border'), ('Afghanistan', 'toponym')]
    """
    index = index or get_name_index()
    sents = sentences(text)
    sent_starts = {s for s, _ in sents}
    toks = _tokens(text)
    words = common_words()
    people: dict[str, bool] = {}  # names of people -> True for a given name, False for a surname
    found: list[Mention] = []

    quiet: list[list[_Tok]] = []  # runs that name no place: read for people only if needed
    for run in _runs(text, toks):
        hits = _scan_run(text, run, index)
        if hits:
            found.extend(_match_run(text, run, hits, doc, index, words, people, sent_starts))
        elif len(run) > 1:
            quiet.append(run)
    if quiet and found:
        surfaces = {m.surface for m in found if m.kind == "toponym"}
        for run in quiet:  # "Scott Welch" names a person that another sentence calls "Welch"
            if any(t.text in surfaces for t in run):
                _note_people(run, _person_tokens(text, run, index), people)

    for m in found:  # "Welch, 17, of ...": news style gives a person's age after the name
        if m.kind == "toponym" and _AGE_NEXT.match(text, m.end) and len(m.surface.split()) == 1:
            people[m.surface] = False
    # a surname seen with a title or a given name is a person everywhere in the article; so is
    # a given name seen before a surname, unless a preposition makes it a place ("in Alexandria")
    found = [m for m in found if not (m.kind == "toponym" and not _is_well_known(m) and
                                      ((m.surface in people and not (people[m.surface] and m.cue))
                                       or ("&" in text[max(0, m.start - 3):m.end + 3]
                                           and (_AMPERSAND.search(text, max(0, m.start - 3), m.start)
                                                or _AMPERSAND.match(text, m.end)))))]
    _attach_sentences(found, sents)
    _mark_qualifiers(text, found)
    found.extend(_border_mentions(text, doc, found, sents))
    found.extend(_relative_mentions(text, doc, found))
    found.sort(key=lambda m: (m.start, KINDS.index(m.kind), -m.end))
    return found


def _is_major(m: Mention) -> bool:
    return bool(m.candidates) and m.candidates[0].place.feature in _MAJOR


#: A first-level region this populous is known by name to readers ("Georgia", "Victoria");
#: a parish or district that happens to be first-level ("Michael", "Paul", "Flores") is not.
_KNOWN_REGION_POPULATION = 1_000_000


def _is_well_known(m: Mention) -> bool:
    """Whether the mention's best candidate is a country, continent, sea or a populous region."""
    return bool(m.candidates) and _well_known_place(m.candidates[0])


def _well_known_place(c: Candidate) -> bool:
    p = c.place
    if p.feature == "ADM1":
        return p.population >= _KNOWN_REGION_POPULATION
    return p.feature in _MAJOR


#: A one-word name this common is an ordinary word unless "Name, Region" follows or it names
#: a major place by its own name (see _keep).
_ORDINARY_ZIPF = 5.5


def _never_a_place(text: str, t: _Tok, size: int, surface: str, key: str, words: dict[str, float],
                   index: NameIndex) -> bool:
    """Names that :func:`_match_run` and :func:`_keep` would drop whatever surrounds them.

    Metonyms ("White House"), months and weekdays, words never a place alone ("North",
    "County"), and single ordinary words ("Police", "March") that name no major place.
    """
    if size > 1:
        return key in _METONYMS
    kind = index.ordinary.get(key)
    if kind is None:
        if key in _METONYMS or key in _MONTHS_DAYS or key in _NEVER_ALONE or key in _GROUP_WORDS or \
                key in _NOT_PLACES:
            kind = 2  # never a place alone
        elif (_common_zipf(key, words) or 0.0) < _ORDINARY_ZIPF:
            kind = 0  # no ordinary word
        else:
            best = index.candidates(key)[:1]
            kind = 1 if not best or best[0].place.feature not in _MAJOR or best[0].matched == "abbreviation" else 0
        if len(index.ordinary) > 100_000:
            index.ordinary.clear()
        index.ordinary[key] = kind
    if kind != 1:
        return kind == 2
    return not (t.upper or t.dot or "." in surface or _after_comma_place(text, t.end))



def _scan_run(text: str, run: list[_Tok], index: NameIndex) -> list[tuple[int, int, str, str]]:
    """The names the gazetteer knows in a run: longest first, left to right, as ``(i, j, surface, key)``.

    A single ordinary word ("The", "But", "Will") is left out at once unless a comma and a
    capitalised word follow it: :func:`_keep` would drop it anyway.
    """
    words = common_words()
    known = index.names.__contains__ if index.names is not None else index.__contains__
    hits = []
    i = 0
    n = len(run)
    while i < n:
        if not run[i].cap:
            i += 1
            continue
        start = run[i].start
        for j in range(min(n, i + index.max_tokens), i, -1):
            last = run[j - 1]
            if not last.cap:
                continue
            surface = text[start:last.end]
            key = normalize(surface)
            if known(key):
                if not _never_a_place(text, run[i], j - i, surface, key, words, index):
                    hits.append((i, j, surface, key))
                i = j
                break
        else:
            i += 1
    return hits


def _note_people(run: list[_Tok], person: set[int], people: dict[str, bool]) -> None:
    """Record the run's people: surnames (False) and given names before a surname (True)."""
    for k in person:
        low = run[k].text.lower().rstrip(".")
        if low in _TITLES:
            continue
        given = (k - 1 not in person or run[k - 1].text.lower().rstrip(".") in _TITLES) and \
            run[k].text in given_names() and k + 1 in person
        people[run[k].text] = people.get(run[k].text, True) and given


def _match_run(text, run, hits, doc, index, words, people, sent_starts) -> list[Mention]:
    out: list[Mention] = []
    person = _person_tokens(text, run, index)
    _note_people(run, person, people)
    group = _looks_like_group(run)
    n = len(run)
    for i, j, surface, key in hits:
        span = run[i:j]
        whole = j - i == n
        if not whole and all(k in person for k in range(i, j)):
            continue
        if (i > 0 and run[i - 1].text == "United") or (j < n and run[j].text == "United"):
            continue  # "United Russia", "Leeds United": a party's or a club's name
        if _is_saints_institution(text, run, i, j):
            continue  # "St. John's Lutheran School", "St. James Youth Detention Center"
        street = _STREET_NEXT.match(text, run[j - 1].end)
        if street and not _CAPITAL_WORD_NEXT.match(text, street.end()):
            continue  # "3125 Clarksville St.", "Kabul Road": a street, not the town
        if (group and not whole) or key in _METONYMS or \
                (j - i == 1 and (key in _NEVER_ALONE or key in _GROUP_WORDS or key in _NOT_PLACES)) or \
                (span[0].text == "The" and j - i == 2 and normalize(span[1].text) in _NEVER_ALONE) or \
                _CAPS_THEN_LOWER.fullmatch(span[0].text) or _is_holiday(text, run[j - 1].end) or \
                _NAMING_NEXT.match(text[run[j - 1].end:run[j - 1].end + 16]):
            continue
        cands = index.candidates(key)
        if not cands:
            continue
        m = Mention(doc, run[i].start, run[j - 1].end, surface, "toponym", key, cands)
        m.sentence_initial = run[i].start in sent_starts or _after_opening(text, run[i].start)
        m.cue = _preceding_word(text, run[i].start) in _CUES
        m.territorial = is_territorial(text, m.start)
        m.unit = unit_word(text, m.start, m.end)
        hyphen_part = (i > 0 and text[run[i - 1].end:run[i].start] == "-") or \
            (j < n and text[run[j - 1].end:run[j].start] == "-")
        party = i > 0 and run[i - 1].text in ("D", "R", "I")  # "D-Oakland"
        if hyphen_part and not (_is_major(m) or cands[0].matched == "demonym" or party
                                or _hyphen_pair_of_places(text, run, i, j, index)):
            continue  # "Wal-Mart", "Arab-Israeli": parts of a compound, not places
        if _keep(m, span, text, words, inside_run=not whole):
            if cands[0].matched == "demonym":
                m.kind = "demonym"
            elif cands[0].place.feature == "BNDL":
                m.kind = "border"
                m.countries = _denoted_countries(cands[0].place.denotes)
            out.append(m)
    return out


def _person_tokens(text: str, run: list[_Tok], index: NameIndex) -> set[int]:
    """Indexes of the run's tokens that name a person.

    A title ("Minister", "Gen.", "Mullah") makes the capitalised tokens after it a name;
    so does a given name followed by another capitalised token ("Scott Wheatley"),
    unless the whole run is a place the gazetteer knows ("Santa Cruz").
    """
    if normalize(text[run[0].start:run[-1].end]) in index and len(run) > 1:
        return set()
    out: set[int] = set()
    names = given_names()
    n = len(run)

    def take_name(k: int) -> int:
        """Mark the capitalised tokens from k on as a name; return where they end."""
        while k < n and run[k].cap:
            out.add(k)
            k += 1
        return k

    k = 0
    prev = _preceding_word(text, run[0].start)
    while k < n:
        t = run[k]
        low = t.text.lower().rstrip(".")
        if low in _TITLES:
            out.add(k)  # the title itself ("Qari", "Gov.") is no place either
            k = take_name(k + 1)
        elif k == 0 and prev in _TITLES:  # the title stands before the run: "Minister Khawaja Asif"
            k = take_name(k)
        elif t.cap and t.text in names and not t.upper and k + 1 < n and run[k + 1].cap and \
                common_words().get(low, 0.0) < 6.0 and not _names_a_major_place(t.text, index):
            nxt = run[k + 1]
            nxt_low = nxt.text.lower().rstrip(".")
            hyphen = text[t.end:nxt.start] in ("-", "‐")
            if normalize(f"{t.text} {nxt.text}") in index or nxt_low in _PLACE_FOLLOWERS or \
                    nxt_low in _MONTHS_DAYS or nxt.upper or (hyphen and nxt.text not in names) or \
                    (_names_a_city(t.text, index) and (nxt_low in _TITLES or any(
                        r.text.lower().rstrip(".") in _PLACE_FOLLOWERS for r in run[k + 2:k + 4]))):
                k += 1  # "Santa Cruz", "Paris High School", "Columbus Metropolitan Library"
            else:
                k = take_name(k)
        else:
            k += 1
    return out


def _names_a_major_place(word: str, index: NameIndex) -> bool:
    """'Georgia', 'Jordan', 'Victoria': given names that first name a country or state."""
    key = normalize(word)
    if key not in index:
        return False
    best = index.candidates(key)[:1]
    return bool(best) and best[0].matched == "name" and best[0].place.feature in ("PCLI", "PCLD", "ADM1") \
        and _well_known_place(best[0])


def _hyphen_pair_of_places(text: str, run: list[_Tok], i: int, j: int, index: NameIndex) -> bool:
    """'Paris-Henry County', 'Logan-Rogersville': both sides of the hyphen name places of one country."""
    sides = []
    if i > 0 and text[run[i - 1].end:run[i].start] == "-":
        sides.append(run[i - 1])
    if j < len(run) and text[run[j - 1].end:run[j].start] == "-":
        sides.append(run[j])
    words = common_words()
    here = index.candidates(normalize(text[run[i].start:run[j - 1].end]))[:5]
    return bool(sides) and bool(here) and len(text[run[i].start:run[j - 1].end]) >= 4 and \
        all(len(t.text) >= 4 and t.cap and not t.upper and normalize(t.text) in index
            and words.get(t.text.lower(), 0.0) < 4.0
            and {c.place.country for c in index.candidates(normalize(t.text))[:5]} & {c.place.country for c in here}
            for t in sides)


_SAINT = frozenset({"st", "saint", "ste", "sainte", "san", "santa"})
_INSTITUTION_WORDS = frozenset("""church catholic lutheran methodist episcopal baptist presbyterian cathedral
chapel parish school academy cemetery hospital youth college university seminary""".split())


_TERRITORY_BEFORE = re.compile(r"\b(?:in|within|across|throughout|inside|outside|into|entering|enter|"
                               r"of|from)\s+the\s+$", re.I)


_UNIT_WORDS = r"state|province|region|oblast|governorate|prefecture|county|district|parish|city|town|village"
_UNIT_AFTER = re.compile(rf"\s+({_UNIT_WORDS})\b", re.I)
_UNIT_BEFORE = re.compile(rf"\b({_UNIT_WORDS})\s+of\s+$", re.I)


def unit_word(text: str, start: int, end: int) -> str:
    """The unit the text calls the name at ``start:end``: "Borno state", "the city of Paris" -> "state", "city".

    Returns "" when no unit word stands right after the name or before it with "of".
    """
    name = text[start:end]
    abbreviation = "." in name or name.isupper()  # "U.S. city", "UK county": an adjective, not a unit
    m = (None if abbreviation else _UNIT_AFTER.match(text, end, end + 16)) or \
        _UNIT_BEFORE.search(text, max(0, start - 20), start)
    return m.group(1).lower() if m else ""


def is_territorial(text: str, start: int) -> bool:
    """Whether the name at `start` is read as a territory: "countries in the EU", "across the Union".

    The words before it are a preposition of place and "the"; "the EU said" and "EU officials" are
    the institution.
    """
    return _TERRITORY_BEFORE.search(text, max(0, start - 16), start) is not None


def _is_saints_institution(text: str, run: list[_Tok], i: int, j: int) -> bool:
    """A saint's name owned by a church, school or hospital: "St. Michael's School", "St. James Church"."""
    if run[i].text.lower().rstrip(".") not in _SAINT or j - i < 2:
        return False
    if text[run[j - 1].end:run[j - 1].end + 2] in ("'s", "’s") and run[i + 1].text in given_names() and \
            run[i].text.lower().rstrip(".") in ("st", "saint", "ste", "sainte"):
        return True  # "St. Michael's", but "St. Petersburg's airport" is the city's
    return any(t.text.lower() in _INSTITUTION_WORDS for t in run[j:])


def _names_a_city(word: str, index: NameIndex) -> bool:
    """'Paris', 'Columbus': a given name whose best place is a city of 50,000 people or more."""
    key = normalize(word)
    if key not in index:
        return False
    best = index.candidates(key)[:1]
    return bool(best) and best[0].place.feature.startswith("PPL") and best[0].place.population >= 50_000


def _is_holiday(text: str, end: int) -> bool:
    """"St. Patrick's Day", "Memorial Day": a name before "Day" is a holiday."""
    return _DAY_NEXT.match(text, end) is not None


def _looks_like_group(run: list[_Tok]) -> bool:
    if run[-1].text.lower() in _MEDIA_WORDS and len(run) > 1:
        return True
    for t in run:
        low = t.text.lower()
        if low in _GROUP_WORDS or low.startswith(("tehrik", "lashkar", "jaish")):
            return True
    return False


def _after_opening(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \t\"“‘'(":
        k -= 1
    return k < 0 or text[k] in "\n:—–-"


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _preceding_word(text: str, start: int) -> str:
    """The word before `start` (within 30 characters), lower-case, without its full stop.

    The last run of ASCII letters and dots followed only by non-word characters, as the
    pattern ``([A-Za-z.]+)\\W*$`` finds it; written as a scan because it runs for every name.
    """
    lo = max(0, start - 30)
    k = start - 1
    while k >= lo and not (text[k].isalnum() or text[k] == "_"):
        k -= 1
    if k < lo or text[k] not in _ASCII_LETTERS:
        return ""
    end = k + 1
    while end < start and text[end] == ".":
        end += 1
    while k - 1 >= lo and (text[k - 1] in _ASCII_LETTERS or text[k - 1] == "."):
        k -= 1
    return text[k:end].lower().rstrip(".")


def _keep(m: Mention, span: list[_Tok], text: str, words: dict[str, float], *, inside_run: bool = False) -> bool:
    word = m.surface
    low = normalize(word)
    single = len(span) == 1
    if low in _MONTHS_DAYS:
        return False
    dotted = "." in word or (span[-1].dot and not word.isupper())
    looks_abbr = (word.isupper() and len(word) <= 5) or (dotted and len(low) <= 5)
    if looks_abbr:
        abbr = [c for c in m.candidates if c.matched == "abbreviation"]
        if abbr:  # "Ky." is Kentucky, "D.C." the District of Columbia
            m.candidates = abbr + [c for c in m.candidates if c.matched != "abbreviation"]
    best = m.candidates[0]
    if best.matched == "abbreviation":
        if not looks_abbr:
            return False
        feature = best.place.feature
        if feature in ("PCLI", "PCLD", "TERR", "RGN", "BNDL", "AREA"):
            return True  # "US", "UK", "DRC", "EU", "LAC", "FATA"
        if feature == "ADM1" and (len(low.replace(" ", "")) >= 3 or _after_comma(text, m.start)
                                  or (span[-1].dot and word[0].isupper() and not word.isupper())
                                  or re.fullmatch(r"(?:[A-Z]\.){2,}", word)):
            return True  # "NSW", "Calif.", "Ga.", "S.C.", "Portland, ME"
        return _after_comma(text, m.start)
    if _DOTTED_LETTERS.fullmatch(word) and best.place.feature not in ("PCLI", "PCLD", "TERR", "ADM1", "RGN"):
        return False  # "S.E.", "A.M.": dotted letters that are no abbreviation of a country or state
    if single and best.matched == "alternate" and best.place.feature not in _MAJOR and not m.cue \
            and not _after_comma_place(text, m.end) and \
            (word in given_names() or (best.place.feature.startswith("PPL") and best.place.population < 5000)):
        return False  # "Thomas" is a person, "Sadyr" no village, before they are another name of a small place
    if span[0].upper and single and len(word) <= 4 and not dotted:
        if _is_dateline(text, m) and best.place.feature.startswith("PPL") and best.place.population >= 50_000:
            return True  # "JUBA -", "MOSCOW/KYIV (Reuters) -": a dateline names the city
        # acronyms (TTP, NATO, AP) are not town names; country short forms ("UK") are names
        return best.place.feature in ("PCLI", "PCLD", "TERR") and best.score >= 0.6
    common = _common_zipf(low, words)
    if single and common is not None and not word.isupper():
        zipf = common
        # an ordinary word that is only another name of a capital is the word ("Mad" for Madrid)
        major = best.place.feature in _MAJOR and (best.matched != "alternate" or zipf < 3.5
                                                   or best.place.feature not in ("PPLC", "ADM1"))
        country = best.place.feature in ("PCLI", "PCLD") and best.matched == "name"
        if major and (zipf < 5.0 or (country and zipf < 5.5)
                      or (not m.sentence_initial and zipf < 6.0 and best.matched == "name")):
            return True  # "Turkey", "China", "Jordan", "Pacific"
        if inside_run:
            return False  # "Bureau of Animal Industry", "Dutch Farms", "Dresden Zoo"
        if m.sentence_initial:
            return _after_comma_place(text, m.end)
        if m.cue and (best.place.population >= 20_000 or major) and zipf < 5.5:
            return True
        if best.place.population >= 10_000 and zipf < 4.5:
            return True
        return _after_comma_place(text, m.end)
    if single and len(word) <= 2:
        return False
    if single and (best.place.feature not in _MAJOR or (best.place.feature == "PPLC"
                                                        and best.place.population < 100_000)) and \
            _SPEECH.match(text[m.end:m.end + 16]) and not m.cue:
        return False  # "Burley said", "Welch, who ..."
    return True


def _is_dateline(text: str, m: Mention) -> bool:
    """An all-capital city at the start of a line, before a comma, dash, slash or '(': a dateline."""
    line_start = text.rfind("\n", 0, m.start) + 1
    head = text[line_start:m.start]
    return re.fullmatch(r"(?:[A-Z][A-Z .'-]*/)?", head) is not None and \
        re.match(r"\s*(?:,|—|–|-|/|\()", text[m.end:m.end + 3]) is not None


def _common_zipf(low: str, words: dict[str, float]) -> float | None:
    """The word's frequency if it is a common English word (plural forms too), else None."""
    if low in words:
        return words[low]
    for stem in (low[:-1] if low.endswith("s") else None, low[:-2] if low.endswith("es") else None):
        if stem and stem in words:
            return words[stem]
    return None


def _after_comma(text: str, start: int) -> bool:
    """'Portland, ME', and a party label's state: 'D-S.C.'."""
    return text[max(0, start - 2):start] == ", " or re.search(r"\b[DRI]-$", text[max(0, start - 3):start]) is not None


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


_UNIT_OF = re.compile(r"\s+(?:district|province|county|region|state|governorate|oblast|tehsil|agency|"
                      r"town|city|village)\s+(?:of|in)\s+(?:the\s+)?", re.I)


def _mark_qualifiers(text: str, found: list[Mention]) -> None:
    """'Doha, Qatar' and 'Portland, Maine': the second narrows the first."""
    by_start = {m.start: m for m in found}
    for m in found:
        k = m.end
        unit = _UNIT_OF.match(text, k)
        if unit:  # "Kurram district of Khyber Pakhtunkhwa province"
            nxt = by_start.get(unit.end())
            if nxt is not None and nxt.kind == "toponym" and nxt.candidates:
                m.qualifier = nxt
                continue
        if text[k:k + 2] == ", ":
            nxt = by_start.get(k + 2)
            if nxt is not None and nxt.kind in ("toponym", "demonym") and nxt.candidates and \
                    nxt.candidates[0].place.feature in ("PCLI", "PCLD", "TERR", "ADM1", "ADM2"):
                m.qualifier = nxt


# ------------------------------------------------------------------------------ border phrases


def _border_mentions(text: str, doc: str, found: list[Mention], sents) -> list[Mention]:
    out: list[Mention] = []
    low = text.lower()
    if "border" not in low and "frontier" not in low and "boundary" not in low:
        return out  # both patterns need one of these words
    taken = [(m.start, m.end) for m in found if m.kind == "border"]
    for rx in (_BORDER, _CROSS_BORDER):
        for mt in rx.finditer(text):
            s, e = mt.start(), mt.end()
            word_start = s
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
            if len(countries) < 2:
                pair = _short_form_pair(text, word_start, found)
                if pair:  # "the Pak-Afghan border": a short form the neighbour's name explains
                    s, countries = pair
            m = Mention(doc, s, e, text[s:e], "border", normalize(text[s:e]))
            m.countries = tuple(dict.fromkeys(countries))
            out.append(m)
            taken.append((s, e))
    _attach_sentences(out, sents)
    return out


_PAIR_BEFORE = re.compile(r"([A-Z][a-z]{2,})\s?[-–/]\s?([A-Z][a-z]{2,})\s+$")


def _short_form_pair(text: str, start: int, found: list[Mention]) -> tuple[int, list[str]] | None:
    """'Pak-Afghan border', 'Indo-Pak border': two neighbours, one or both in a short form.

    A part names a country when it is the country's name or demonym, or the first three
    letters or more of the name of a country that borders the other part's country. Returns
    the span's new start and the two countries, or None.
    """
    mt = _PAIR_BEFORE.search(text[max(0, start - 40):start])
    if mt is None:
        return None
    first, second = mt.group(1), mt.group(2)
    named = {m.surface: m.candidates[0].place.country for m in found
             if m.kind in ("toponym", "demonym") and m.candidates
             and m.candidates[0].place.feature in ("PCLI", "PCLD")}
    a, b = named.get(first), named.get(second)
    if a and b:
        return None  # both named outright: the caller has them
    try:
        if a or b:
            known, short = (a, second) if a else (b, first)
            hits = [cc for cc in _neighbours(known) if _starts_like(short, cc)]
            if len(hits) != 1:
                return None
            pair = [known, hits[0]] if a else [hits[0], known]
        else:
            from bordermap.geo._borders import all_borders

            hits2 = [(x.a, x.b) for x in all_borders() if
                     (_starts_like(first, x.a) and _starts_like(second, x.b)) or
                     (_starts_like(first, x.b) and _starts_like(second, x.a))]
            if len(hits2) != 1:
                return None
            pair = list(hits2[0])
    except DataFileError:
        return None
    return max(0, start - 40) + mt.start(), pair


def _neighbours(cc: str) -> list[str]:
    from bordermap.geo._borders import borders_of

    return [x.b if x.a == cc else x.a for x in borders_of(cc)]


@lru_cache(maxsize=512)
def _starts_like(short: str, cc: str) -> bool:
    """'Pak' for Pakistan, 'Afghan' for Afghanistan, 'Indo' for India: three or more letters in common at the start."""
    gaz = get_gazetteer()
    try:
        names = {gaz.country(cc).name}
    except Exception:  # noqa: BLE001 - an unknown code names nothing
        return False
    low = short.lower()
    for name in names:
        n = name.lower()
        common = 0
        while common < min(len(low), len(n)) and low[common] == n[common]:
            common += 1
        if common >= 3 and common >= len(low) - 1:
            return True
    return False


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
