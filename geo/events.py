"""Incidents: what happened, where, when, to whom — coded to ACLED's conventions.

An article is read sentence by sentence. Event words (:mod:`bordermap.geo._triggers`:
nouns, verbs in every form, "jets bombed", "came under fire") name a kind of event; the
sentence is read shallowly (:mod:`bordermap.geo._frames`) to tell which place, date, toll
and sides belong to which event word. An event word counts only when the text reports the
event as having happened: negated, future, hypothetical, purposive ("to launch attacks"),
habitual and background mentions ("has long accused", "since 2021", "repeatedly") are left
out, and so are reactions to an event ("condemned the attacks") and running tallies
("have been killed since January").

Each incident gets

- **where** (:func:`_locate`): the place the event word governs — its object ("shelled
  Chaman"), its "in/at/near/inside/across/along ... of" phrases, a place name used as its
  modifier ("Kurram clashes") — in its own clause first. A date phrase or a toll between the
  word and its place does not break the link. The attacker's country, the origin of fire
  ("from across the border"), the parties of a clash ("with Afghan forces") and the seat of
  a statement ("Islamabad said", "officials in Kabul") are never the location. Coordinated
  places ("strikes on Khost and Paktika") are separate events, as ACLED codes them. With no
  place: a nationality on the target ("Pakistani military posts") puts the event on that
  country's side of the border; a village, post or hill the gazetteer lacks is kept by name
  at the most specific area the article gives for it (geo_precision 2 or 3); a clash of two
  neighbours' forces sits on their shared border; a ceasefire agreed at talks takes the
  talks' venue.
- **when**: the date expression of the event's clause, else its sentence, resolved against
  the publication date with ACLED's time precision (1 day, 2 week, 3 month). The day a
  statement was made is used only when nothing else dates the event; an undated lead in the
  present perfect ("has launched strikes") is the publication day. Mentions of one event pool
  their dates: the event's own day wins over a report's day.
- **who**: actor1 (who acted) and actor2 (who was targeted or fought back), named as ACLED
  names them (:mod:`bordermap.geo._actors`); for ceasefires and talks the two parties, never
  the mediator.
- **how many**: fatalities by ACLED's conventions (lowest figure, "dozens" 12) from the
  event's own clauses, split over the places of a coordinated event; a violent event whose
  reports give no deaths is written with 0, as ACLED codes it (``fatalities_text`` stays empty).

Reports of the same event — within an article or across articles — are merged by
:func:`merge_incidents`: same kind, same place (or the same stretch of border), compatible
dates. Within an article an undated, unlocated re-mention ("the clashes", "the attack")
joins the event it refers to.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from bordermap.geo._actors import (
    CIVILIAN_NOUNS,
    FORCE_NOUNS,
    GROUP_PATTERN,
    GROUPS,
    ActorPhrase,
    actor_phrases,
    civilians,
)
from bordermap.geo._frames import CONTAINERS, LOC_PREPS, Frame, Placed, read_sentence
from bordermap.geo._text import sentences
from bordermap.geo._triggers import Token, Trigger, find_triggers, may_have_triggers, tokenize
from bordermap.geo.extract import Mention
from bordermap.geo.gazetteer import haversine_km

__all__ = ["Incident", "extract_incidents", "merge_incidents", "same_event", "merge_keys", "ACLED_TYPES",
           "CATEGORIES"]

#: category -> (disorder_type, event_type, sub_event_type), ACLED's vocabulary
ACLED_TYPES = {
    "airstrike": ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "explosion": ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "armed_clash": ("Political violence", "Battles", "Armed clash"),
    "attack": ("Political violence", "Violence against civilians", "Attack"),
    "ceasefire": ("Strategic developments", "Strategic developments", "Agreement"),
    "agreement": ("Strategic developments", "Strategic developments", "Agreement"),
    "talks": ("Strategic developments", "Strategic developments", "Other"),
    "border_closure": ("Strategic developments", "Strategic developments", "Other"),
    "protest": ("Demonstrations", "Protests", "Peaceful protest"),
    "arrest": ("Strategic developments", "Strategic developments", "Arrests"),
    "other": ("Strategic developments", "Strategic developments", "Other"),
}
CATEGORIES = tuple(ACLED_TYPES)
VIOLENT = frozenset({"airstrike", "shelling", "explosion", "armed_clash", "attack"})
_PARLEY = frozenset({"talks", "ceasefire", "agreement"})

# ------------------------------------------------------------------------------ modality

_IRREALIS_BEFORE = re.compile(
    r"\b(?:will|would|could|might|may|shall|can|cannot|can't|won't|should|must|if|unless|plans? to|"
    r"planning to|intends? to|aims? to|aimed at|seeks? to|seeking to|wants? to|threaten(?:s|ed)? to|"
    r"vow(?:s|ed)? to|warn(?:s|ed)? (?:of|that|against)|expected to|set to|scheduled to|due to|"
    r"ready to|prepared to|prepare|possible|potential|risk of|fears? of|threat of|in case of|"
    r"to (?:plan|launch|carry out|conduct|stage|prevent|avoid|stop|halt|end|rein in|deter|resume|"
    r"restart|hold|begin|start|discuss|negotiate|reach|sign|agree)|"
    r"need(?:s|ed)? (?:for|to)|call(?:s|ed|ing)? (?:for|on)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|"
    r"press(?:es|ed)? for|push(?:es|ed)? for|appeal(?:s|ed)? for|efforts? to|bid to|attempts? to|"
    r"no|not|never|without|denied|denies|deny|rejected|refused)\b[^.;:]{0,40}$", re.I)
_FACTUAL_AFTER = re.compile(r"^\W*(?:\w+\W+){0,4}(?:that|which|who)\s+(?:have|has|had)?\s*(?:killed|left|"
                            r"claimed|erupted|broke out|took place)\b", re.I)
_BACKGROUND = re.compile(r"\b(?:has long|have long|had long|for decades|for years|in recent years|"
                         r"repeatedly|regularly|routinely|frequently|often|historically|traditionally|"
                         r"used to|had for|over the years|over the past (?:decade|years)|"
                         r"in the past|every year|each year|throughout the (?:conflict|war|insurgency)|"
                         r"long[- ]running|since the (?:start|beginning|outbreak) of|(?:bombing|air|military) campaign|"
                         r"anniversary|(?:years|decades) ago|decades?[- ]long|years?[- ]long|long[- ]standing|"
                         r"protracted)\b",
                         re.I)
_LINK_LINE = re.compile(r"^\s*(?:read more|related|also read|see also|watch|click here|subscribe)\b", re.I)
# reactions and running tallies refer to events; they are not events
_REACTION = re.compile(r"\b(?:condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|deplor(?:e|es|ed|ing)|"
                       r"criticiz(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)|slamm?(?:s|ed|ing)?|"
                       r"mourn(?:s|ed|ing)?|blam(?:e|es|ed|ing)|investigat(?:e|es|ed|ing)|probe|retaliat(?:e|es|ed|ing)|"
                       r"respond(?:s|ed|ing)? to|in response to|in retaliation for|avenge|revenge for)\b", re.I)
_TALLY = re.compile(r"\b(?:since (?:the (?:start|beginning)|january|february|march|april|may|june|july|august|"
                    r"september|october|november|december|\d{4})|so far this|so far|to date|in total|"
                    r"this year|since then|over the past (?:week|month|months|year))\b", re.I)
_WAR_TALLY = re.compile(r"\b(?:war|conflict|insurgency|violence|fighting|hostilities|crisis)\b[^.;]{0,40}\b"
                        r"(?:has|have|had) (?:killed|claimed|left|displaced)\b", re.I)
_TREND = re.compile(r"\b(?:have|has) (?:increased|risen|surged|grown|intensified|escalated|multiplied|"
                    r"become (?:more )?(?:frequent|common))\b|\b(?:a (?:wave|series|string|spate) of|"
                    r"growing number of|increasing(?:ly)?|frequent|sporadic)\b", re.I)
_HAPPENED = re.compile(r"\b(?:signed|sign|signing|agreed|agree|agreeing|reached|brokered|announced|declared|"
                       r"began|begun|held|holding|resumed|resume|opened|ended|concluded|collapsed|failed|"
                       r"took place|took effect|came into effect|went into effect|in effect|met|meet|meeting|"
                       r"hosted|mediated|broke down|violated|closed|shut|sealed|staged|gathered|marched|"
                       r"arrested|detained|struck|inked|finali[sz]ed|accepted|observed|observe|implemented|"
                       r"convened|attended|led|chaired|completed|started|kicked off|wrapped up|"
                       r"took part|participated)\b", re.I)
_REPORTED_ON = re.compile(r"\b(?:said|says|reported|told \w+|announced|stated|confirmed|added|claimed|"
                          r"statement|wrote|posted|tweeted)\s*$", re.I)
_KILLED_NAMED = re.compile(r"\bkill(?:ed|ing)\s+(?:[A-Z][\w'-]+\s+){0,2}[A-Z][\w'-]+")
_ONLY_HURT = re.compile(r"\b(?:wounded|injured|injuring|wounding|hurt|damaged|no casualties|no one was killed|"
                        r"no injuries|without casualties)\b", re.I)
_DEATH = re.compile(r"\b(?:killed|killing|dead|died|deaths?|death toll|fatalities|lives|bodies|martyred)\b", re.I)
_PRESENT_PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+)?(?:been\s+)?\w+(?:ed|en|ght|ck|un|ot)\b", re.I)
_MILITARY_BEFORE_STRIKE = frozenset("""retaliatory precision military air drone missile targeted punitive
    preemptive pre-emptive surgical cross border overnight deadly fresh new further latest reported alleged""".split())
_LABOUR_BEFORE_STRIKE = frozenset("""hunger general labour labor workers worker teachers transport national
    nationwide truckers doctors sit""".split())
_FIGHTING_NOUNS = frozenset("""positions position forces force units unit season spirit chance fit age men women
    vehicles vehicle machine words talk""".split())
_INTERNAL_MEETINGS = frozenset("""review cabinet internal party staff board parliamentary council committee security
    emergency planning""".split())
_CLOSABLE = frozenset("""border borders crossing crossings frontier checkpoint checkpoints gate gates bridge
    bridges airspace post terminal""".split())

_GEO_PRECISION = {"PPL": 1, "PPLC": 1, "PPLA": 1, "PPLX": 1, "PSTB": 1, "AIRP": 1, "ADM3": 2, "ADM2": 2,
                  "ADMD": 2, "PASS": 2, "VAL": 2, "STM": 2, "MT": 2}
#: how specific a place is, lower is more specific (the point that merging keeps)
_SPECIFICITY = {"PPL": 1, "PPLC": 1, "PPLA": 1, "PPLX": 1, "PSTB": 1, "AIRP": 1, "PASS": 1, "ADM3": 2,
                "ADM2": 2, "ADMD": 2, "STM": 2, "VAL": 2, "MT": 2, "MTS": 3, "ADM1": 3, "AREA": 3, "BNDL": 3.5,
                "RGN": 4, "PCLI": 5, "PCLD": 5, "CONT": 6}
_COUNTRY_FEATURES = ("PCLI", "PCLD")

# ------------------------------------------------------------------------------ location weights
# A lower weight is a better candidate for where an event happened.
#: a place in the event word's own clause governed by a location preposition, after the word
W_OWN_PHRASE = 0.0
#: the same, before the event word ("In Kurram, troops clashed ...")
W_OWN_PHRASE_BEFORE = 8.0
#: a place name used as the event word's modifier ("Kurram clashes", "Torkham border firing")
W_MODIFIER = 5.0
#: a place governed by another verb of the same clause
W_OTHER_VERB = 25.0
#: a place in the clause that nothing governs
W_UNGOVERNED = 30.0
#: a location phrase of another clause with no event word of its own
W_FREE_CLAUSE = 40.0
#: a location phrase of another event's clause
W_CLAIMED = 70.0
#: accepted when below this weight
W_ACCEPT = 50.0
#: the place is the argument of another kind of event word in the clause
W_OTHER_EVENT = 40.0
#: each token between the event word and the place adds this
W_PER_TOKEN = 0.5
#: a bare country name is the least specific answer
W_COUNTRY = 12.0
#: a border line is less specific than a town on it
W_BORDER = 4.0


@dataclass(slots=True)
class Incident:
    """One event, ACLED-style. ``lat``/``lon`` are WGS84 (note: GeoJSON takes lon, lat)."""

    category: str
    doc: str
    sentence: str
    sentence_start: int
    sentence_end: int
    lat: float | None = None
    lon: float | None = None
    location: str | None = None
    country: str | None = None
    admin1: str | None = None
    geo_precision: int | None = None
    border: str | None = None
    border_countries: tuple[str, ...] = ()
    border_distance_km: float | None = None
    event_date: str | None = None
    time_precision: int | None = None
    date_text: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None
    fatalities_text: str | None = None
    confidence: float = 0.5
    source: str | None = None
    docs: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    event_id: str = ""
    geonameid: int | None = None
    trigger: str = ""
    #: how the date was found: 3 the event's own clause, 2 its sentence, 1 a report's day or
    #: an inference, 0 none (merging keeps the best)
    date_quality: int = 0
    #: how specific the location is (lower is more specific; merging keeps the most specific)
    specificity: float = 9.0
    #: an anaphoric re-mention ("the clashes") with no place or date of its own
    anaphoric: bool = False
    #: reported in the article's headline (a summary of the lead event, merged into it)
    headline: bool = False
    #: reported as new ("fresh clashes", "another attack", "clashes continued despite the
    #: ceasefire"): not an earlier event of the article
    novel: bool = False
    #: for talks: "resumed" (a new round) or "ended" (a round that failed); rounds of different
    #: phases are different events
    phase: str = ""
    #: where the first report of it starts in its article (its sentence may change as mentions merge)
    position: int = -1
    #: how the place was found: "text" (the event's own words), "fallback" (the article's border
    #: or a country, the text names no place) or "reference" (the event it refers to)
    located_by: str = "text"

    @property
    def disorder_type(self) -> str:
        return ACLED_TYPES[self.category][0]

    @property
    def event_type(self) -> str:
        return ACLED_TYPES[self.category][1]

    @property
    def sub_event_type(self) -> str:
        return ACLED_TYPES[self.category][2]

    def to_properties(self) -> dict:
        """The GeoJSON properties of DESIGN.md's incident schema."""
        return {
            "event_id": self.event_id, "doc": self.doc, "docs": list(self.docs or [self.doc]),
            "source": self.source, "sources": list(self.sources), "event_date": self.event_date,
            "time_precision": self.time_precision, "date_text": self.date_text,
            "category": self.category, "disorder_type": self.disorder_type, "event_type": self.event_type,
            "sub_event_type": self.sub_event_type, "actor1": self.actor1, "actor2": self.actor2,
            "location": self.location, "country": self.country, "admin1": self.admin1,
            "geo_precision": self.geo_precision, "geonameid": self.geonameid,
            "fatalities": self.fatalities if self.fatalities is not None or self.category not in VIOLENT else 0,
            "fatalities_text": self.fatalities_text,
            "sentence": self.sentence, "sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
            "confidence": round(self.confidence, 3), "border": self.border,
            "border_distance_km": self.border_distance_km,
        }


# ------------------------------------------------------------------------------ article context


@dataclass(slots=True)
class _Loc:
    """A candidate location for an event."""

    lat: float
    lon: float
    name: str
    country: str | None
    admin1: str | None = None
    geonameid: int | None = None
    geo_precision: int = 3
    specificity: float = 9.0
    border: str | None = None
    border_countries: tuple[str, ...] = ()
    confidence: float = 0.5
    surface: str = ""  # the words of the text that name it
    pos: int = -1  # article offset of those words


@dataclass(slots=True)
class _Unknown:
    """A place name the gazetteer lacks ("the village of Zargali", "Kang district")."""

    start: int
    end: int
    surface: str
    kind_word: str | None  # "village", "district", "post", ...


class _Article:
    """What the whole article says that helps read one sentence."""

    def __init__(self, text: str, mentions: list[Mention], published: str | None) -> None:
        self.text = text
        self.published = published
        self.mentions = sorted((m for m in mentions if m.lat is not None), key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        counts: dict[str, float] = {}
        for m in self.mentions:
            if m.place is not None and (m.place.feature in _COUNTRY_FEATURES or m.kind == "demonym"):
                counts[m.place.country] = counts.get(m.place.country, 0) + 1
            elif m.kind == "border":
                for cc in m.countries:
                    counts[cc] = counts.get(cc, 0) + 1
            elif m.place is not None and m.kind == "toponym" and m.place.country:
                cc = m.place.country.split("|")[0]
                counts[cc] = counts.get(cc, 0) + 0.5
        self.countries = [cc for cc, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        self.names = {}
        for m in self.mentions:
            if m.place is not None and m.place.feature in _COUNTRY_FEATURES:
                self.names[m.place.country] = m.place.name
        self._local: list[Mention] | None = None
        self._first_local: dict[tuple[str, ...], Mention | None] = {}
        self.focus: object = _UNSET  # the most named district or town, found once when needed
        self.pair = self._pair()

    def _pair(self) -> tuple[str, str] | None:
        """The two most-mentioned countries that share a land border (the article's border)."""
        from bordermap.geo._borders import border_between
        from bordermap.geo._errors import DataFileError

        top = self.countries[:4]
        try:
            for i in range(len(top)):
                for j in range(i + 1, len(top)):
                    if border_between(top[i], top[j]) is not None:
                        return top[i], top[j]
        except DataFileError:
            return None
        return None

    def country_name(self, cc: str) -> str:
        if cc not in self.names:
            from bordermap.geo.gazetteer import get_gazetteer

            try:
                self.names[cc] = get_gazetteer().country(cc).name
            except Exception:  # noqa: BLE001 - an unknown code keeps its code as name
                self.names[cc] = cc
        return self.names[cc]

    def first_local(self, codes: tuple[str, ...]) -> Mention | None:
        """The article's first town or district in one of these countries (cached)."""
        key = tuple(sorted(codes))
        if key not in self._first_local:
            self._first_local[key] = next((m for m in self.local_places()
                                           if any(c in (m.place.country or "") for c in key)), None)
        return self._first_local[key]

    def between(self, start: int, end: int) -> list[Mention]:
        """The mentions that start inside ``[start, end)`` (found by bisection: long articles
        stay linear)."""
        from bisect import bisect_left

        return self.mentions[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def local_places(self, country: str | None = None) -> list[Mention]:
        """Resolved towns and districts of the article (not countries, regions or lines)."""
        if self._local is None:
            self._local = [m for m in self.mentions if _is_local(m)]
        if not country:
            return self._local
        return [m for m in self._local if country in (m.place.country or "").split("|")]


def _is_local(m: Mention) -> bool:
    """A town, district or province (not a country, world region, sea or named line)."""
    return m.kind == "toponym" and m.place is not None and m.place.feature not in _COUNTRY_FEATURES and \
        m.place.feature not in ("CONT", "RGN", "OCN", "SEA", "BNDL")


def _loc_of(m: Mention) -> _Loc:
    if m.kind == "border":
        return _Loc(m.lat, m.lon, m.border_name or m.surface, m.countries[0] if m.countries else None,
                    geo_precision=3, specificity=3.5, border=m.border_name, border_countries=tuple(m.countries),
                    confidence=0.6)
    p = m.place
    feature = p.feature if p is not None else ""
    prec = 2 if m.kind == "relative" else _GEO_PRECISION.get(feature, 3)
    spec = 1.5 if m.kind == "relative" else _SPECIFICITY.get(feature, 3)
    surface = m.anchor.surface if m.kind == "relative" and m.anchor is not None else m.surface
    return _Loc(m.lat, m.lon, p.name, p.country.split("|")[0] if p.country else None, p.admin1, p.geonameid,
                prec, spec, confidence=0.5 + 0.4 * m.confidence, surface=surface, pos=m.start)


# ------------------------------------------------------------------------------ extraction


def extract_incidents(text: str, mentions: list[Mention], *, doc: str = "", published: str | None = None,
                      source: str | None = None) -> list[Incident]:
    """The incidents one article reports, merged within the article.

    Parameters
    ----------
    text
        The article text.
    mentions
        Its resolved place mentions (:func:`bordermap.geo.resolve.geoparse`).
    doc, source
        Article id and path/url, copied into every incident.
    published
        Publication date (``YYYY-MM-DD``) that relative dates resolve against.
    """
    pub = published if published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else None
    art = _Article(text, mentions, pub)
    out: list[Incident] = []
    prev: list[Incident] = []
    for n, (s, e) in enumerate(sentences(text)):
        sent = text[s:e]
        if _LINK_LINE.match(sent) or sent.rstrip().endswith("?"):
            prev = []
            continue
        if not may_have_triggers(sent):
            prev = []
            continue
        toks = tokenize(sent, s)
        triggers = _keep_triggers(find_triggers(toks, sent, s), toks, sent, s, art)
        if not triggers:
            prev = []
            continue
        found = _read_sentence(art, sent, s, e, toks, triggers, prev, out, lead=n < 3, doc=doc, source=source)
        if n == 0 and _is_headline(text, sent, e):
            for inc in found:
                inc.headline = True
        out.extend(found)
        prev = [i for i in found if not i.anaphoric] or prev
    for inc in out:
        inc.docs = [doc]
        inc.sources = [source] if source else []
        inc.sentences = [inc.sentence]
    merged = merge_incidents(_resolve_anaphora(out))
    _fire_from_across(merged, art)
    _date_headlines(merged, pub)
    _date_by_news_day(merged, pub)
    return merged


def _is_headline(text: str, sent: str, end: int) -> bool:
    """The article's first line is a headline when it ends without a full stop at a line break."""
    return len(sent) < 200 and not re.search(r"[.!?][\"”’)\]]*$", sent.rstrip()) and \
        (end >= len(text) or text[end:end + 2].strip() == "" or text[end] == "\n")


def _keep_triggers(triggers: list[Trigger], toks: list[Token], sent: str, s: int, art: _Article) -> list[Trigger]:
    """Drop event words that are not events here ("hunger strike", "closed the meeting")."""
    keep = []
    violent = [t for t in triggers if t.category in VIOLENT and not _is_toll_word(t)]
    for t in triggers:
        words = [x.low for x in toks]
        before = words[max(0, t.first - 2):t.first]
        after = words[t.last + 1:t.last + 9]
        if t.pattern == "N:strike":
            prev = before[-1] if before else ""
            if prev in _LABOUR_BEFORE_STRIKE:
                continue
            military = prev in _MILITARY_BEFORE_STRIKE or _is_nationality_at(art, toks[t.first - 1] if t.first else None)
            if not military and not (after and after[0] in ("on", "against", "targeting", "in", "inside", "near",
                                                            "that", "which", "killed", "hit", "killing")):
                continue
        if t.text.lower() == "fighting" and after and after[0] in _FIGHTING_NOUNS:
            continue  # "fighting positions", "fighting season": an adjective
        if t.pattern == "V:protest|demonstrate|rally|riot" and t.text.lower().startswith("demonstrat") and \
                after and after[0] in ("that", "how", "the", "its", "their", "his", "her", "a", "an", "our"):
            continue  # "demonstrate that", "demonstrated its resolve": to show
        if t.pattern == "N:meeting" and before and before[-1] in _INTERNAL_MEETINGS:
            continue  # "review meetings", "cabinet meeting": not talks between parties
        if t.pattern == "V:strike":
            subject = words[max(0, t.first - 5):t.first]
            if after and after[0] in ("a", "an") and len(after) > 1 and after[1] in ("deal", "agreement", "balance",
                                                                                     "chord", "tone", "note", "pose"):
                continue
            if after and after[0] in ("deal", "agreement", "down", "out", "back", "by", "up", "again"):
                continue
            armed = any(w in FORCE_NOUNS or w in ("jets", "warplanes", "drones") for w in subject) or \
                _is_nationality_at(art, toks[t.first - 1] if t.first else None) or \
                any(_is_nationality_at(art, x) for x in toks[max(0, t.first - 4):t.first]) or \
                any(w in FORCE_NOUNS or w in ("targets", "hideouts", "positions", "sites", "facilities")
                    for w in after[:5])
            if not armed:
                continue
        if t.pattern == "V:close|shut|seal":
            if after and after[0] in ("to", "ties", "relations", "ally", "allies", "cooperation"):
                continue  # "close to the frontier": an adjective
            window = words[t.last + 1:t.last + 8] + words[max(0, t.first - 6):t.first]
            crossing = any(w in _CLOSABLE for w in window) or any(
                m.place is not None and m.place.feature == "PSTB" and abs(m.start - toks[t.last].end) < 40
                for m in art.between(s, s + len(sent)))
            if not crossing:
                continue
        if t.category in _PARLEY and t.pattern not in ("V:meet in|at|with|on|for",) and \
                not _HAPPENED.search(sent) and not t.verbal:
            continue
        if _is_toll_word(t) and any(v is not t for v in violent):
            continue  # "killed" inside a clash or strike report is its toll, not another event
        keep.append(t)
    return keep


def _is_toll_word(t: Trigger) -> bool:
    return t.pattern in ("V:kill",) or t.text.lower() in ("killed", "killing", "kills", "kill")


def _is_nationality_at(art: _Article, tok: Token | None) -> bool:
    if tok is None:
        return False
    return any(m.start <= tok.start < m.end and (m.kind == "demonym" or (
        m.place is not None and m.place.feature in _COUNTRY_FEATURES)) for m in art.between(tok.start - 80, tok.end))


def _actual(sent: str, a: int, b: int, category: str) -> bool:
    """True when the event word reports an event that happened (offsets within the sentence)."""
    before = sent[max(0, a - 60):a]
    clause = re.split(r"[;:]|,\s+(?:but|while|and|as|after|before|which|who)\b|\bbut\b", before)[-1]
    if _IRREALIS_BEFORE.search(clause):
        return bool(_FACTUAL_AFTER.match(sent[b:b + 60]))
    after = sent[b:b + 30]
    if category == "ceasefire" and re.match(r"^\s+(?:period|talks?|negotiations?|lines?|violations?|proposals?|"
                                            r"efforts?|calls?|plan)\b", after, re.I):
        return False  # "the ceasefire period", "ceasefire talks": a topic, not the truce itself
    if re.match(r"^\W*(?:remains?|remained)\b", after, re.I):
        return False
    if category in ("ceasefire", "agreement") and re.search(
            r"\b(?:violat\w*|breach\w*|broke|break(?:ing|s)?|flout\w*|in violation of|despite)\s+(?:of\s+)?"
            r"(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}$", before, re.I):
        return False  # "violating the ceasefire": fighting, not a truce
    return True


def _unknown_names(toks: list[Token], sent: str, s: int, mentions: list[Mention]) -> list[_Unknown]:
    """Capitalised names in place-like positions that no mention covers: villages, posts, hills."""
    from bordermap.geo._lexicon import given_names

    out: list[_Unknown] = []
    covered = [(m.start, m.end) for m in mentions]
    names = given_names()
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if not t.text[:1].isupper() or any(a <= t.start < b for a, b in covered) or t.low in _NOT_NAMES:
            i += 1
            continue
        j = i
        while j + 1 < n and (toks[j + 1].text[:1].isupper() or toks[j + 1].low in ("al", "el", "ad", "as", "ash",
                                                                                  "ul", "e", "i", "de")) \
                and not any(a <= toks[j + 1].start < b for a, b in covered) and toks[j + 1].low not in _NOT_NAMES \
                and toks[j + 1].start - toks[j].end <= 1:
            j += 1
        while j > i and not toks[j].text[:1].isupper():
            j -= 1
        prev = toks[i - 1].low if i > 0 else ""
        prev2 = toks[i - 2].low if i > 1 else ""
        nxt = toks[j + 1].low if j + 1 < n else ""
        kind_word = nxt if nxt in _PLACE_KINDS else None
        if prev == "of" and prev2 in _PLACE_KINDS:
            kind_word = prev2
        located = prev in LOC_PREPS or (prev == "the" and prev2 in LOC_PREPS) or kind_word is not None
        surface = sent[t.start - s:toks[j].end - s]
        single_word = i == j
        if located and i > 0 and (kind_word is not None or not single_word or surface not in names) and \
                not (single_word and surface.upper() == surface and len(surface) <= 4 and kind_word is None):
            out.append(_Unknown(t.start, toks[j].end, surface, kind_word))
        i = j + 1
    return out


_PLACE_KINDS = frozenset("""village villages town hamlet area district province region post outpost checkpoint
    checkpost hill hills mountain mountains sector camp base crossing valley river subdistrict township county
    governorate municipality tehsil locality front border neighbourhood neighborhood settlement kibbutz
    moshav oblast raion island islands pass""".split())
_NOT_NAMES = frozenset("""the a an i we he she they it this that these those on in at monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr gen col maj capt lt sgt president minister
    prime foreign defence defense interior army police forces military ministry government reuters ap afp
    according however meanwhile but and or north south east west northern southern eastern western
    central upper lower greater new old saint st islamic state united nations un eu nato""".split())


def _read_sentence(art: _Article, sent: str, s: int, e: int, toks: list[Token], triggers: list[Trigger],
                   prev: list[Incident], history: list[Incident], *, lead: bool, doc: str,
                   source: str | None) -> list[Incident]:
    """The incidents one sentence reports."""
    from bordermap.geo._counts import fatalities as count_fatalities
    from bordermap.geo._dates import find_dates

    in_sent = art.between(s, e)
    if prev and not [m for m in in_sent if m.kind != "demonym"] and all(_is_toll_word(t) for t in triggers):
        _add_toll(prev, sent, count_fatalities)  # "At least 32 people were killed, officials said."
        return []
    spans, anchors = _place_spans(in_sent)
    unknown = _unknown_names(toks, sent, s, in_sent)
    spans += [(u.start, u.end, u) for u in unknown]
    triggers = _one_episode(triggers, toks)
    verb_heads = {t.head: t for t in triggers if t.verbal}
    frame = read_sentence(toks, s, spans, verb_heads)
    frame.triggers = triggers
    for p in frame.places:
        if id(p.ref) in anchors:
            p.governor = p.governor or "near"
    dates = find_dates(sent, published=art.published, offset=s)
    nations = _nations(in_sent)
    found: list[Incident] = []
    for trig in triggers:
        if not _actual(sent, trig.start - s, trig.end - s, trig.category):
            continue
        clause = frame.clause(trig)
        clause_text = _clause_text(frame, clause, sent, s)
        if _BACKGROUND.search(clause_text) or (_BACKGROUND.search(sent) and not _own_day(frame, trig, dates)):
            continue  # habitual or background: "has long carried out attacks", "the long-running war"
        if _REACTION.search(clause_text[:max(0, trig.start - s - _clause_start(frame, clause, s)) + 1]) and \
                trig.category in VIOLENT:
            # "condemned the attacks", "in retaliation for the strikes": a reference to a reported
            # event, which may add its toll or place; never a new event
            reference = True
        else:
            reference = False
        if trig.category in VIOLENT and (_WAR_TALLY.search(clause_text) or (
                _TALLY.search(clause_text) and re.search(r"\b(?:have|has) been\b", clause_text))):
            continue  # "40 soldiers have been killed since January", "the war has killed 130,000": tallies
        if _year_only(frame, trig, dates, art.published):
            continue  # "during protests in 2018": another year's events
        if _TREND.search(clause_text) and trig.category in VIOLENT and not _own_day(frame, trig, dates):
            continue  # "a wave of attacks", "attacks have increased": a trend, not one event
        category = _refine_category(trig, toks, sent, s, frame)
        own_date = any(d.date and frame.clause_of[frame.token_at(d.start)] == clause for d in dates)
        locs, located_by = _locate(art, trig, category, frame, prev, found, history, sent, s, nations, own_date)
        if not locs:
            continue
        if reference:
            group = _kind_group(category)
            if _latest(found, history, lambda h, g=group: _kind_group(h.category) == g) is None:
                continue
            locs = locs[:1]
            if located_by == "text" and locs[0].pos < trig.start:
                located_by = "reference"  # "In Kabul, the ministry condemned the strikes": the speaker's place
        tolls = _tolls(trig, frame, sent, s, locs, count_fatalities) if category in VIOLENT | {"protest"} \
            else [None] * len(locs)
        for loc, toll in zip(locs, tolls, strict=True):
            inc = Incident(category, doc, sent, s, e, source=source, trigger=trig.text, position=s)
            _apply_loc(inc, loc)
            inc.located_by = located_by
            inc.novel = any(t.low in _NOVEL for t in toks[max(0, trig.first - 3):trig.first]) or (
                category in VIOLENT and bool(_DURING_TRUCE.search(clause_text)))
            if category == "talks":
                inc.phase = "ended" if _ROUND_ENDED.search(clause_text) else (
                    "resumed" if _ROUND_RESUMED.search(clause_text) else "")
            inc.anaphoric = reference or located_by == "reference"
            if not reference:  # "condemned on Tuesday the attacks": the reaction's day, not the event's
                _set_date(inc, trig, frame, sent, s, dates, art, lead, history, found)
            if art.published and inc.event_date and inc.event_date > art.published:
                break  # dated after publication: announced, not happened ("talks next month")
            if art.published and inc.event_date and inc.date_quality >= 2 and \
                    (date.fromisoformat(art.published) - date.fromisoformat(inc.event_date)).days > STALE_DAYS:
                break  # an event of months before: background to this report
            if category in VIOLENT:
                _set_toll(inc, toll, clause_text)
            elif category == "protest" and toll is not None and toll.count:
                inc.fatalities, inc.fatalities_text = toll.count, toll.text  # protesters killed
            _set_actors(inc, trig, frame, sent, s, art, nations)
            found.append(inc)
    # the report goes on about the same day: "... overnight. Shelling killed 12 ...": an undated
    # mention takes the date of the same kind of event in the sentences just before it
    recent = []
    for h in reversed(history):
        if s - h.sentence_end >= _NEAR_CHARS:
            break
        if h.event_date and h.date_quality >= 2:
            recent.insert(0, h)
    for inc in found:
        if inc.event_date is not None or inc.novel:
            continue  # a new event ("fresh clashes") is not dated by the one before it
        same = [h for h in recent + [f for f in found if f.event_date and f.date_quality >= 2]
                if _kind_group(h.category) == _kind_group(inc.category)]
        if same:
            src = same[-1]
            inc.event_date, inc.time_precision = src.event_date, src.time_precision
            inc.date_text = f"(from the report before) {src.date_text or ''}".strip()
            inc.date_quality = 1
    return found


#: an event its own words date more than this many days before publication is background
STALE_DAYS = 60

#: how far back (characters) a dated mention still dates an undated one of the same kind
_NEAR_CHARS = 400


def _one_episode(triggers: list[Trigger], toks: list[Token]) -> list[Trigger]:
    """Coordinated violent nouns name one episode: "cross-border shelling and clashes left four
    dead" is one event (a battle, when one of them is fighting), not two."""
    out: list[Trigger] = []
    for t in triggers:
        last = out[-1] if out else None
        if last is not None and last.category in VIOLENT and t.category in VIOLENT and not last.verbal \
                and not t.verbal and [x.low for x in toks[last.last + 1:t.first]] in (["and"], ["or"], ["&"]):
            if t.category == "armed_clash" and last.category != "armed_clash":
                out[-1] = t
            continue
        out.append(t)
    return out


def _place_spans(in_sent: list[Mention]) -> tuple[list[tuple[int, int, object]], set[int]]:
    """Non-overlapping place spans of a sentence: a relative place stands on its anchor's
    words, a border phrase wins over the demonym inside it ("Afghan border")."""
    spans: list[tuple[int, int, object]] = []
    anchors: set[int] = set()
    rel = [m for m in in_sent if m.kind == "relative" and m.anchor is not None]
    taken: list[tuple[int, int]] = []
    for m in rel:
        a = m.anchor
        spans.append((a.start, a.end, m))
        anchors.add(id(m))
        taken.append((m.start, m.end))
    for m in sorted(in_sent, key=lambda m: (m.kind != "border", m.start)):
        if m.kind in ("relative", "demonym"):
            continue
        if any(a < m.end and m.start < b for a, b in taken):
            continue
        spans.append((m.start, m.end, m))
        taken.append((m.start, m.end))
    return spans, {i for i in anchors}


def _nations(in_sent: list[Mention]) -> list[tuple[int, int, str, str]]:
    """Demonyms and country names of a sentence: ``(start, end, cc, country name)``."""
    out = []
    for m in in_sent:
        p = m.place
        if p is None:
            continue
        if m.kind == "demonym" or (m.kind == "toponym" and p.feature in _COUNTRY_FEATURES):
            out.append((m.start, m.end, p.country, p.name))
    return out


def _clause_start(frame: Frame, clause: int, s: int) -> int:
    for i, c in enumerate(frame.clause_of):
        if c == clause:
            return frame.tokens[i].start - s
    return 0


def _clause_text(frame: Frame, clause: int, sent: str, s: int) -> str:
    idx = [i for i, c in enumerate(frame.clause_of) if c == clause]
    if not idx:
        return sent
    return sent[frame.tokens[idx[0]].start - s:frame.tokens[idx[-1]].end - s]


def _year_only(frame: Frame, trig: Trigger, dates, published: str | None) -> bool:
    """The event word's clause is dated only by another year ("in 2018", "last year")."""
    c = frame.clause(trig)
    mine = [d for d in dates if frame.clause_of[frame.token_at(d.start)] == c]
    if any(d.date for d in mine):
        return False
    for d in mine:
        year = re.search(r"\b(19|20)\d\d\b", d.text or "")
        if year and (published is None or year.group() != published[:4]):
            return True
        if d.text and re.search(r"(?i)\blast year\b", d.text):
            return True
    return False


def _own_day(frame: Frame, trig: Trigger, dates) -> bool:
    """A date to the day in the event word's own clause: a particular event, not a trend."""
    c = frame.clause(trig)
    return any(d.date and d.precision == 1 and frame.clause_of[frame.token_at(d.start)] == c for d in dates)


def _refine_category(trig: Trigger, toks: list[Token], sent: str, s: int, frame: Frame) -> str:
    """ACLED's finer points: an attack on armed forces is a battle; missiles from aircraft
    are an air strike; a shelling by aircraft is one too."""
    cat = trig.category
    words = [t.low for t in toks]
    after = words[trig.last + 1:trig.last + 10]
    before = words[max(0, trig.first - 6):trig.first]
    if cat == "attack":
        target = after[:8]
        if "by" in before[-3:] or trig.pattern.startswith("V:wound"):
            target = before  # "soldiers were wounded by fire", "a guard was shot"
        # "attacks on Pakistani military posts", "fired at an Armenian post": the target is armed
        cut = next((k for k, w in enumerate(target) if w in (",", ";", "and", "killing", "which", "by", "from")),
                   len(target))
        if any(w in FORCE_NOUNS or w in ("police", "policemen", "guards", "militants", "fighters", "rebels")
               for w in target[:cut]):
            return "armed_clash"
        if trig.pattern == "V:wound|injure|kill|hit ~ by ?@FIREMOD ?@FIREMOD fire|gunfire|shelling|shots|bullets":
            if any(w in FORCE_NOUNS for w in before):
                return "armed_clash"
        if trig.text.lower() in ("gunmen",):
            return "attack"
    if cat == "shelling":
        window = before + after
        if any(w in ("jets", "jet", "warplanes", "aircraft", "helicopters", "drones", "drone", "helicopter")
               for w in window[-10:]):
            return "airstrike"
    return cat


# ------------------------------------------------------------------------------ where


def _locate(art: _Article, trig: Trigger, category: str, frame: Frame, prev: list[Incident],
            found: list[Incident], history: list[Incident], sent: str, s: int,
            nations: list[tuple[int, int, str, str]], own_date: bool = False) -> tuple[list[_Loc], str]:
    """Where the event happened: one location, or one per coordinated place.

    Returns the locations and how they were found: "text" (the event's own words),
    "reference" (an anaphoric re-mention placed by the event it refers to) or "fallback"
    (the article's border or a country's side of it: the text names no place).
    """
    cands = []
    for p in frame.places:
        w = _weight(frame, trig, category, p, sent, s)
        if w is not None:
            cands.append((w, _spec_of(p), p))
    cands.sort(key=lambda c: (c[0], c[1]))
    good = [c for c in cands if c[0] < W_ACCEPT]
    group = _kind_group(category)
    earlier = _latest(found, history, lambda p: _kind_group(p.category) == group)
    if (category in VIOLENT and earlier and _definite(frame, trig) and all(c[1] >= 3.5 for c in good)) or \
            (category in _PARLEY and earlier and _definite(frame, trig) and all(c[1] > 2 for c in good)):
        # "the attack", "these strikes" with no place of their own: the event already reported
        return [_loc_from_incident(earlier)], "reference"
    if category in VIOLENT and _is_generic(trig) and not own_date and all(c[1] >= 3.5 for c in good) and \
            not any(t.low in _NOVEL for t in frame.tokens[max(0, trig.first - 3):trig.first]):
        # no place and no date of its own: a further mention of the article's event of that kind
        # ("the village came under fire", "explosions were heard"), not a new one
        same_event = _latest(found, history, lambda p: p.category in VIOLENT)
        if same_event is not None:
            return [_loc_from_incident(same_event)], "reference"
    if good:
        best_w, _, best = good[0]
        chosen = [best]
        for w, _, p in good[1:]:
            linked = (p.coordinated_with is not None and frame.places[p.coordinated_with] in chosen) or \
                (best.coordinated_with is not None and frame.places[best.coordinated_with] is p)
            if linked and abs(w - best_w) < 15:
                chosen.append(p)  # "strikes on Khost and Paktika": one event per place
        locs: list[_Loc] = []
        for p in chosen:
            loc = _placed_loc(art, frame, p)
            if loc is not None and not any(_same_point(loc, q) for q in locs):
                locs.append(loc)
        if locs:
            if category in VIOLENT:
                target_cc = _target_nation(frame, trig, nations, sent, s)
                for loc in locs:
                    if target_cc and target_cc in loc.border_countries:
                        loc.country = target_cc  # "attacked Pakistani border posts": Pakistan's side
            return (locs[:1] if category in _PARLEY else locs), "text"
    unknown = _own_unknown(frame, trig)
    if unknown is not None:
        loc = _unknown_loc(art, frame, unknown, trig, category)
        if loc is not None:
            return [loc], "text"
    # a re-mention of an event of this sentence or the previous one ("the clashes killed five")
    same = [p for p in found + prev if _kind_group(p.category) == _kind_group(category)]
    if same and category in VIOLENT | _PARLEY and _definite(frame, trig):
        return [_loc_from_incident(same[-1])], "reference"
    # a nationality on the target: "attacks on Pakistani military posts"
    target_cc = _target_nation(frame, trig, nations, sent, s)
    if target_cc and category in VIOLENT:
        return [_country_side(art, target_cc, frame, nations)], "fallback"
    if category in VIOLENT and art.pair is not None:
        # fighting between two neighbours' forces, or a strike across their border: their border
        loc = _border_loc(art, art.pair)
        if loc is not None:
            loc.confidence = 0.4
            return [loc], "fallback"
    if same:
        return [_loc_from_incident(same[-1])], "reference"
    if category in _PARLEY:
        # a ceasefire agreed at talks takes the talks' venue
        venue = [p for p in found + prev if p.category in _PARLEY and p.specificity <= 2]
        if venue:
            return [_loc_from_incident(venue[-1])], "text"
        if category in ("ceasefire", "agreement") and art.pair is not None:
            loc = _border_loc(art, art.pair)  # a truce between two neighbours: on their border
            if loc is not None:
                loc.confidence = 0.3
                return [loc], "fallback"
    return [], ""


def _own_unknown(frame: Frame, trig: Trigger) -> Placed | None:
    """A name the gazetteer lacks in a location phrase of the event word's own clause."""
    clause = frame.clause(trig)
    best = None
    for p in frame.places:
        if not isinstance(p.ref, _Unknown) or p.source or p.clause != clause:
            continue
        gov = p.governor or ""
        if not (gov in LOC_PREPS or (gov.startswith("obj:") and p.gov_index == trig.head)
                or p.ref.kind_word is not None and gov not in ("from", "by", "with", "between")):
            continue
        if best is None or abs(p.first - trig.last) < abs(best.first - trig.last):
            best = p
    return best


def _unknown_loc(art: _Article, frame: Frame, u: Placed, trig: Trigger, category: str) -> _Loc | None:
    """A place the gazetteer lacks, kept by name at the most specific area the article gives:
    its own container ("Kang district of Nimroz"), a place of its clause or sentence, the
    article's most named district or province, the border, or the country."""
    k = frame.places.index(u)
    base: _Loc | None = None
    containers = [q for q in frame.places if q.container_of == k and isinstance(q.ref, Mention)]
    if containers:
        base = _loc_of(containers[0].ref)
    if base is None:
        for same_clause in (True, False):
            near = [q for q in frame.places if isinstance(q.ref, Mention) and not q.source and q.ref.kind == "toponym"
                    and q.ref.place is not None and q.ref.place.feature not in _COUNTRY_FEATURES
                    and (q.clause == u.clause) == same_clause
                    and (same_clause or (q.governor or "") in LOC_PREPS)]
            if near:
                base = _loc_of(min(near, key=lambda q: (_spec_of(q), abs(q.first - u.first))).ref)
                break
    if base is None:
        focus = _article_focus(art)
        if focus is not None:
            base = _loc_of(focus)
            base.confidence = 0.3
    if base is None and art.pair is not None and category in VIOLENT:
        base = _border_loc(art, art.pair)
    if base is None:
        return None
    base.name = u.ref.surface
    base.geonameid = None
    base.geo_precision = 2 if base.specificity <= 2 else 3
    base.specificity = max(base.specificity, 1.8)
    return base


def _article_focus(art: _Article) -> Mention | None:
    """The article's most named district, town or province (the first one on a tie)."""
    if art.focus is not _UNSET:
        return art.focus
    art.focus = _find_focus(art)
    return art.focus


_UNSET = object()


def _find_focus(art: _Article) -> Mention | None:
    counts: dict[str, list] = {}
    for m in art.local_places():
        if m.place.feature in ("ADM1", "ADM2", "ADM3", "ADMD", "PPL", "PPLA", "PPLC", "PPLX", "PSTB"):
            counts.setdefault(m.place.key, []).append(m)
    if not counts:
        return None
    return max(counts.values(), key=lambda ms: (len(ms), -ms[0].start))[0]


_GENERIC = frozenset("""attack attacks explosion explosions blast blasts killing killings killed shooting shootings
    violence hostilities""".split())


def _is_generic(trig: Trigger) -> bool:
    """A word that says something violent happened, not how: "attack", "came under fire", "explosions"."""
    return trig.text.lower() in _GENERIC or trig.pattern.startswith("V:come under")


def _latest(found: list[Incident], history: list[Incident], fits) -> Incident | None:
    """The most recent incident of the sentence, else of the article, that fits."""
    for seq in (found, history):
        for p in reversed(seq):
            if fits(p):
                return p
    return None


def _kind_group(category: str) -> str:
    """Kinds whose mentions can refer to one another: any violence; a ceasefire and an agreement."""
    if category in VIOLENT:
        return "violent"
    return "agreement" if category in ("ceasefire", "agreement") else category


def _definite(frame: Frame, trig: Trigger) -> bool:
    """'the clashes', 'these attacks', 'the fighting': an event the text has already named."""
    k = trig.first - 1
    while k >= 0 and frame.tokens[k].low in ("cross", "border", "deadly", "latest", "recent", "heavy", "fierce",
                                            "renewed", "fresh", "overnight", "initial", "first", "second"):
        k -= 1
    return k >= 0 and frame.tokens[k].low in ("the", "these", "those", "this", "that", "such")


def _spec_of(p: Placed) -> float:
    ref = p.ref
    if isinstance(ref, Mention):
        if ref.kind == "border":
            return 3.5
        if ref.kind == "relative":
            return 1.5
        return _SPECIFICITY.get(ref.place.feature if ref.place else "", 3)
    return 1.0


def _weight(frame: Frame, trig: Trigger, category: str, p: Placed, sent: str, s: int) -> float | None:
    """How well a place fits as the event's location (lower is better); None: it cannot be."""
    if p.source:
        return None
    ref = p.ref
    is_mention = isinstance(ref, Mention)
    if not is_mention:
        return None  # names the gazetteer lacks are the fallback's business
    country = ref.kind == "toponym" and ref.place is not None and ref.place.feature in _COUNTRY_FEATURES
    gov = p.governor
    clause = frame.clause(trig)
    own_clause = p.clause == clause or trig.first <= p.first <= trig.last
    after = p.first > trig.last
    dist = (p.first - trig.last) if after else (trig.first - p.last)
    toks = frame.tokens
    if ref.kind == "border":
        nxt = frame.tokens[p.last + 1].low if p.last + 1 < len(frame.tokens) else ""
        if nxt in _BORDER_FORCES:
            return None  # "Iranian border guards": who fought, not where
        before = sent[max(0, p.start - s - 25):p.start - s].lower()
        if re.search(r"\bfrom\s+(?:across\s+|over\s+|the\s+other\s+side\s+of\s+)?(?:the\s+)?$", before):
            return None  # "shells fired from across the border": where they came from
    w: float
    if gov in ("from",):
        return None
    if gov in ("by", "with", "between", "against", "to", "for", "like", "than", "about", "via"):
        if gov == "against" and not country:
            w = W_OWN_PHRASE + 3  # "strikes against Kurram": a place attacked
        else:
            return None
    elif gov == "of":
        # "the shelling of Kabul": an event noun's object
        if p.gov_index == trig.last + 1:
            w = W_OWN_PHRASE
        else:
            return None
    elif gov is not None and gov.startswith("obj:"):
        w = W_OWN_PHRASE if p.gov_index in range(trig.first, trig.last + 1) or p.gov_index == trig.head \
            else W_OTHER_VERB
        if w == W_OTHER_VERB and not own_clause:
            return None
    elif gov in LOC_PREPS or gov == "near" or gov == "across":
        if re.match(r"^\W*in (?:19|20)\d\d\b", sent[p.end - s:p.end - s + 10]) or \
                _clause_opener(frame, p.clause) in ("since", "because", "although", "though", "despite", "unless",
                                                     "until", "during"):
            return None  # background: "since the Taliban returned to power in Kabul in 2021"
        if own_clause:
            w = W_OWN_PHRASE if after else W_OWN_PHRASE_BEFORE
        elif p.clause in _trigger_clauses(frame, trig):
            w = W_CLAIMED
        else:
            w = W_FREE_CLAUSE
    else:  # nothing governs it: a modifier, a subject or a loose name
        if not own_clause:
            return None
        between = toks[p.last + 1:trig.first] if not after else []
        if not after and len(between) <= 2 and all(t.low in ("border", "crossing", "cross", "frontier", "province",
                                                             "district", "area", "region", "'s", "s", "sector",
                                                             "town", "city", "village")
                                                   for t in between):
            if country:
                return None  # "Pakistan's strikes", "Pakistani strikes": an actor
            w = W_MODIFIER
        elif not after and trig.verbal:
            # the subject of the event verb: an actor ("Pakistan bombed"), unless the verb is
            # passive or intransitive of a place ("Chaman came under fire", "Torkham was shelled")
            mid = [t.low for t in toks[p.last + 1:trig.first]]
            if any(x in ("was", "were", "been", "is", "are") for x in mid) or trig.pattern.startswith("V:come under"):
                w = W_OWN_PHRASE_BEFORE
            elif ref.kind == "border":
                w = W_UNGOVERNED
            else:
                return None
        else:
            if country:
                return None
            w = W_UNGOVERNED
    if country:
        remote_target = category in ("shelling", "airstrike") and gov in ("at", "on", "onto", "into", "towards",
                                                                         "toward") and after
        if gov not in ("in", "inside", "into", "across", "within", "throughout", "near") and not remote_target:
            return None  # a bare country name is more often an actor than a location
        w += W_COUNTRY
    if ref.kind == "border":
        w += W_BORDER
    if category in _PARLEY and ref.kind == "border":
        return None  # a meeting happens at a venue, not on a border line
    if _owned_by_other(frame, trig, p):
        w += W_OTHER_EVENT
    if after and not trig.verbal and any(t.low in _NONLOCATING for t in toks[trig.last + 1:p.first]):
        return None  # "the clashes raised tensions in Darfur": the tensions' place, not the clashes
    return w + W_PER_TOKEN * max(0, dist)


def _owned_by_other(frame: Frame, trig: Trigger, p: Placed) -> bool:
    """Is the place the argument of another kind of event word of the clause? ("leaders met
    in Uzbekistan and ordered an end to the fighting": Uzbekistan is the meeting's)"""
    group = _kind_group(trig.category)
    for t in frame.triggers:
        if t is trig or _kind_group(t.category) == group or frame.clause_of[t.head] != p.clause:
            continue
        if trig.last < t.first and t.last < p.first:
            return True  # the other event word stands between this one and the place
        if t.last < p.first and p.last < trig.first and p.gov_index is not None and p.gov_index >= t.last:
            return True  # the place is in the phrase that follows the other event word
    return False


def _clause_opener(frame: Frame, clause: int) -> str:
    """The first word of a clause ("since", "after", "which" ...)."""
    for i, c in enumerate(frame.clause_of):
        if c == clause:
            return frame.tokens[i].low
    return ""


_DURING_TRUCE = re.compile(r"\b(?:during|throughout|despite|since|after|in violation of|violating|breach(?:ing)? "
                           r"of)\s+(?:the\s+)?(?:\w+\s+)?(?:ceasefire|cease-fire|truce)\b", re.I)
_ROUND_ENDED = re.compile(r"\b(?:ended|failed|collapsed|broke down|stalled|without (?:a |any )?(?:breakthrough|deal|"
                          r"agreement|result)|previous round|last round|earlier round|inconclusive)\b", re.I)
_ROUND_RESUMED = re.compile(r"\b(?:resum\w+|restart\w*|reconvene\w*|new round|next round|another round)\b", re.I)
_NOVEL = frozenset("fresh new renewed another further second third fourth more".split())
#: verbs whose phrases are not the place of the event noun that is their subject
_NONLOCATING = frozenset("""raised raise raises sparked spark sparks fuelled fueled fuel prompted prompt prompts
    drew draw caused cause causes forced force displaced heightened triggered trigger led strained worsened
    deepened reignited renewed stoked angered alarmed""".split())
_BORDER_FORCES = frozenset("""guard guards police policemen force forces troops personnel service services officials
    agency authorities units unit commanders commander security patrol patrols corps""".split())


def _trigger_clauses(frame: Frame, trig: Trigger) -> set[int]:
    """Clauses holding another event word: their places, dates and tolls are that event's."""
    return {frame.clause_of[t.head] for t in frame.triggers if t is not trig} - {frame.clause_of[trig.head]}


def _placed_loc(art: _Article, frame: Frame, p: Placed) -> _Loc | None:
    ref = p.ref
    if not isinstance(ref, Mention):
        return None
    # "Kang district of Nimroz" with Kang unknown to the gazetteer: Nimroz's point under Kang's name
    unknown_name = None
    if p.container_of is not None and isinstance(frame.places[p.container_of].ref, _Unknown):
        unknown_name = frame.places[p.container_of].ref.surface
    if ref.kind == "relative" and ref.place is not None and ref.place.feature in _COUNTRY_FEATURES and \
            art.pair and ref.place.country in art.pair:
        return _border_loc(art, art.pair)  # "near Afghanistan" in a Pakistan-Afghanistan story: the border
    loc = _loc_of(ref)
    if ref.kind == "border":
        _fit_border_point(art, loc, frame)
    if unknown_name:
        loc.name, loc.geonameid = unknown_name, None
        loc.geo_precision = 2 if loc.specificity <= 2 else 3
        loc.specificity = max(loc.specificity, 1.8)
    return loc


def _fit_border_point(art: _Article, loc: _Loc, frame: Frame) -> None:
    """A border event's point: on the line, nearest the article's own places on it."""
    from bordermap.geo._borders import border_between, point_on_border
    from bordermap.geo._errors import DataFileError

    if len(loc.border_countries) != 2:
        return
    try:
        b = border_between(*loc.border_countries)
    except DataFileError:
        return
    if b is None:
        return
    codes = tuple(loc.border_countries)
    sent_local = [m for m in art.between(frame.offset, frame.tokens[-1].end) if _is_local(m)
                  and any(c in (m.place.country or "") for c in codes)]
    m = sent_local[0] if sent_local else art.first_local(codes)
    near = (m.lat, m.lon) if m is not None else None
    loc.lat, loc.lon = point_on_border(b, near)


def _same_point(a: _Loc, b: _Loc) -> bool:
    return abs(a.lat - b.lat) < 1e-6 and abs(a.lon - b.lon) < 1e-6


def _loc_from_incident(inc: Incident) -> _Loc:
    return _Loc(inc.lat, inc.lon, inc.location or "", inc.country, inc.admin1, inc.geonameid,
                inc.geo_precision or 3, inc.specificity, inc.border, inc.border_countries,
                confidence=max(0.3, inc.confidence - 0.1))


def _target_nation(frame: Frame, trig: Trigger, nations: list[tuple[int, int, str, str]], sent: str,
                   s: int) -> str | None:
    """The country of the target when a nationality names it: 'on Pakistani military posts',
    'Afghan border provinces', 'an Armenian post'."""
    clause = frame.clause(trig)
    end = frame.tokens[trig.last].end
    for a, _b, cc, _name in nations:
        if a < end:
            continue
        k = frame.token_at(a)
        if frame.clause_of[k] != clause or k - trig.last > 6:
            continue
        mid = [t.low for t in frame.tokens[trig.last + 1:k]]
        if mid and mid[0] in ("by", "from", "with", "between"):
            continue
        tail = [t.low for t in frame.tokens[k + 1:k + 4]]
        if any(w in FORCE_NOUNS or w in CONTAINERS or w in CIVILIAN_NOUNS or w in ("territory", "soil", "side",
                                                                                  "airspace", "villages")
               for w in tail):
            return cc
        if not mid or mid[-1] in ("in", "inside", "into", "on", "at", "across"):
            return cc
    return None


def _country_side(art: _Article, cc: str, frame: Frame, nations) -> _Loc:
    """A place on `cc`'s side: on its border with the attacker's country if they are
    neighbours (the article's border), else the country itself."""
    other = None
    if art.pair and cc in art.pair:
        other = art.pair[0] if art.pair[1] == cc else art.pair[1]
    if other:
        loc = _border_loc(art, (cc, other))
        if loc is not None:
            loc.country = cc
            return loc
    return _country_loc(art, cc)


def _country_loc(art: _Article, cc: str) -> _Loc:
    from bordermap.geo.gazetteer import get_gazetteer

    p = get_gazetteer().country(cc)
    return _Loc(p.lat, p.lon, p.name, cc, None, p.geonameid, 3, 5.0, confidence=0.3)


def _border_loc(art: _Article, pair: tuple[str, str]) -> _Loc | None:
    from bordermap.geo._borders import border_between, point_on_border
    from bordermap.geo._errors import DataFileError

    try:
        b = border_between(*pair)
    except DataFileError:
        return None
    if b is None:
        return None
    first = art.first_local(tuple(pair))
    near = (first.lat, first.lon) if first is not None else None
    lat, lon = point_on_border(b, near)
    return _Loc(lat, lon, b.name, pair[0], None, None, 3, 3.5, b.name, (b.a, b.b), confidence=0.4)


def _apply_loc(inc: Incident, loc: _Loc) -> None:
    inc.lat, inc.lon = loc.lat, loc.lon
    inc.location, inc.country, inc.admin1, inc.geonameid = loc.name, loc.country, loc.admin1, loc.geonameid
    inc.geo_precision, inc.specificity = loc.geo_precision, loc.specificity
    inc.border, inc.border_countries = loc.border, loc.border_countries
    inc.confidence = loc.confidence


# ------------------------------------------------------------------------------ when

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


_CLOCK = re.compile(r"\b(?:\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|\d{3,4}\s*(?:hours|hrs|GMT|local time)|"
                    r"\d{1,2}:\d\d|midnight|noon|midday|dawn|dusk|daybreak|nightfall)\b", re.I)


def _set_date(inc: Incident, trig: Trigger, frame: Frame, sent: str, s: int, dates, art: _Article,
              lead: bool, history: list[Incident] = (), found: list[Incident] = ()) -> None:
    """The event's own date: its clause's date expression, else its sentence's; a report's
    day only when nothing else dates it."""
    dates = [d for d in dates if d.date is not None and not _is_background_date(d)]
    own = [d for d in dates if not _REPORTED_ON.search(sent[max(0, d.start - s - 25):d.start - s])
           and not _is_dateline(sent, s, d)]
    clause = frame.clause(trig)
    rel = trig.end

    def distance(d) -> float:
        return d.start - rel if d.start >= rel else (rel - d.end) * 1.3

    def clause_of(d) -> int:
        return frame.clause_of[frame.token_at(d.start)]

    in_clause = [d for d in own if clause_of(d) == clause]
    quality = 3
    pick = in_clause
    if not pick:
        # a date in another clause that has no event word of its own dates this one too
        pick = [d for d in own if clause_of(d) not in _trigger_clauses(frame, trig)] or own
        quality = 2
    if not pick:
        pick, quality = dates, 1
    if not pick and _CLOCK.search(_clause_text(frame, clause, sent, s)):
        # "at about 3 am", "since midnight": a time of the day the report is about
        day = _latest(list(found), history, lambda h: bool(h.event_date and h.time_precision == 1))
        if day is not None or art.published:
            inc.event_date = day.event_date if day is not None else art.published
            inc.time_precision, inc.date_quality = 1, 1
            inc.date_text = "(time of day) " + _CLOCK.search(_clause_text(frame, clause, sent, s)).group()
            return
    if not pick:
        if lead and art.published and _PRESENT_PERFECT.search(sent[:trig.start - s + 1] + sent[trig.start - s:
                                                                                             trig.end - s + 20]):
            # "Pakistan has launched airstrikes ...": the lead of the day's news
            inc.event_date, inc.time_precision, inc.date_text, inc.date_quality = art.published, 1, \
                "(publication day)", 1
        return
    best = min(pick, key=distance)
    inc.event_date, inc.time_precision, inc.date_text, inc.date_quality = best.date, best.precision, best.text, quality
    # "earlier in the month" in a sentence that names the month ("The October clashes ...")
    if best.text and re.search(r"\bin the month\b", best.text, re.I):
        named = [i for i, mname in enumerate(_MONTHS, start=1) if re.search(rf"\b{mname}\b", sent, re.I)]
        if named and art.published:
            year = int(art.published[:4])
            month = named[0]
            if month > int(art.published[5:7]):
                year -= 1
            inc.event_date, inc.time_precision = f"{year:04d}-{month:02d}-15", 3


_DATELINE_AFTER = re.compile(r"^\s*(?:\([A-Z][\w .,'-]{1,40}\)\s*)?[:–—-]|^\s*\([A-Z]{2,}[^)]{0,30}\)")


def _is_dateline(sent: str, s: int, d) -> bool:
    """A dateline's date is the day of the report, not of the event: "date 2024-12-25 ...",
    "April 23, 2012 (BENTIU) – ...", "New Delhi, May 10: ..."."""
    a, b = d.start - s, d.end - s
    if a > 40:
        return False
    head = sent[:a]
    return bool(re.search(r"(?i)\bdate\s*$", head) or _DATELINE_AFTER.match(sent[b:b + 45]))


def _is_background_date(d) -> bool:
    return bool(d.text and re.match(r"(?i)since\b", d.text))


# ------------------------------------------------------------------------------ how many


def _tolls(trig: Trigger, frame: Frame, sent: str, s: int, locs: list[_Loc], count) -> list:
    """The fatality figure of each location: the event's clause (and the clauses after it
    that report no event of their own), split over coordinated places."""
    text = _toll_text(trig, frame, sent, s)
    f = count(text)
    if len(locs) == 1:
        return [f]
    # "killing five in Khost and three in Paktika": a figure per place when each place has one
    from bordermap.geo._counts import Fatalities, parse_number

    out = []
    for loc in locs:
        m = re.search(r"\b(?P<n>\d[\d,]*|" + _NUMBER_WORDS + r")(?:\s+[\w-]+){0,3}?\s+(?:in|at|near|from)\s+"
                      r"(?:the\s+)?(?:[\w-]+\s+){0,2}?" + re.escape(loc.surface or loc.name), text, re.I)
        value = parse_number(m.group("n").replace(",", "")) if m else None
        out.append(Fatalities(value, m.group(), m.start(), m.end()) if value else None)
    if all(o is not None for o in out):
        return out
    if f.count is None:
        return [f] * len(locs)
    # one figure for several places: ACLED divides it evenly (the remainder to the first)
    n = len(locs)
    share = [f.count // n + (1 if k < f.count % n else 0) for k in range(n)]
    return [Fatalities(c, f.text, f.start, f.end) for c in share]


_NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|" \
                r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)" \
                r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"


def _toll_text(trig: Trigger, frame: Frame, sent: str, s: int) -> str:
    """The words whose toll is this event's: its clause and the clauses around it up to the
    nearest clause of another event ("with eight killed and several injured during the
    exchange of fire", "shelling hit the town, leaving three dead")."""
    clause = frame.clause(trig)
    others = _trigger_clauses(frame, trig)
    lo = hi = clause
    while lo - 1 >= 0 and lo - 1 not in others and (lo - 1) in frame.clause_of:
        lo -= 1
    last = frame.clause_of[-1] if frame.clause_of else clause
    while hi + 1 <= last and hi + 1 not in others:
        hi += 1
    idx = [i for i, c in enumerate(frame.clause_of) if lo <= c <= hi]
    if not idx:
        return sent
    return sent[frame.tokens[idx[0]].start - s:frame.tokens[idx[-1]].end - s]


def _set_toll(inc: Incident, f, clause_text: str) -> None:
    if f is not None and f.count is not None:
        inc.fatalities, inc.fatalities_text = f.count, f.text
        return
    hurt = _ONLY_HURT.search(clause_text)
    if hurt and not _DEATH.search(inc.sentence):
        inc.fatalities, inc.fatalities_text = 0, hurt.group()  # ACLED: none reported killed
        return
    named = _KILLED_NAMED.search(clause_text)
    if named and inc.category in ("attack", "airstrike", "armed_clash"):
        inc.fatalities, inc.fatalities_text = 1, named.group().strip()  # "killed Qari Amjad"


def _add_toll(prev: list[Incident], sent: str, count_fatalities) -> None:
    violent = [p for p in prev if p.category in VIOLENT]
    if not violent or violent[0].fatalities not in (None, 0):
        return
    f = count_fatalities(sent)
    if f.count is not None:
        violent[0].fatalities, violent[0].fatalities_text = f.count, f.text


# ------------------------------------------------------------------------------ who


def _set_actors(inc: Incident, trig: Trigger, frame: Frame, sent: str, s: int, art: _Article,
                nations: list[tuple[int, int, str, str]]) -> None:
    """actor1 acted, actor2 was targeted or fought back; both parties for talks and truces."""
    phrases = actor_phrases(sent, s, nations, inc.category, art.published)
    clause = frame.clause(trig)
    mediators = _mediators(sent, s)
    phrases = [p for p in phrases if not any(a <= p.start < b for a, b in mediators)]

    def clause_of(p: ActorPhrase) -> int:
        return frame.clause_of[frame.token_at(p.start)]

    own = [p for p in phrases if clause_of(p) == clause]
    before = [p for p in own if p.end <= trig.start]
    after = [p for p in own if p.start >= trig.end]
    by = [p for p in after if re.search(r"\bby\s+(?:the\s+)?(?:\w+\s+){0,2}$", sent[max(0, p.start - s - 25):
                                                                                     p.start - s])]
    if inc.category in _PARLEY:
        venues = [(p.start, p.end) for p in frame.places if p.governor in LOC_PREPS or p.container_of is not None]
        states = [ActorPhrase(p.start, p.end, p.country, _gov_name(art, p.country), "state") for p in phrases
                  if p.kind == "state" and p.country and not any(a <= p.start < b for a, b in venues)]
        sides = _distinct([p for p in states if clause_of(p) == clause] + states)
        if art.pair and len(sides) > 2 or (len(sides) == 2 and art.pair and not
                                           {p.country for p in sides} & set(art.pair) == set(art.pair)):
            # the article's two neighbours are the parties; a third state named beside them is a
            # host or a mediator ("in the Ethiopian capital", "Russia's foreign minister")
            sides = [p for p in sides if p.country in art.pair] or sides
        if len(sides) < 2 and art.pair:
            for cc in art.pair:
                sides = _distinct(sides + [ActorPhrase(0, 0, cc, _gov_name(art, cc), "state")])
        if sides:
            inc.actor1 = sides[0].name
            inc.actor2 = sides[1].name if len(sides) > 1 else None
        return
    if inc.category == "protest":
        # ACLED: the protesters of the country where they protest, and the forces that met them
        cc = (inc.country or "").split("|")[0] or None
        inc.actor1 = f"Protesters ({art.country_name(cc)})" if cc else "Protesters"
        forces = [p for p in own if p.kind == "state" and p.country and p.country != cc]
        inc.actor2 = forces[0].name if forces else None
        return
    agent = by[0] if by else (before[-1] if before else None)
    targets = [p for p in after if p is not agent and p not in by]
    target = targets[0] if targets else None
    if agent is None and inc.category in VIOLENT:
        # "were killed in a Pakistani strike": a nationality inside the phrase before the word
        agent = next((p for p in reversed(before)), None)
    if target is None and inc.category in VIOLENT:
        target = _victims(inc, frame, trig, sent, s, art, agent)

    if inc.category == "armed_clash" and art.pair:
        # a third state named beside a border clash is seldom a side of it ("Russia's minister")
        if agent is not None and agent.kind == "state" and agent.country not in art.pair and \
                (target is None or target.country in art.pair):
            agent = None
        if target is not None and target.kind == "state" and target.country not in art.pair and \
                (agent is None or agent.country in art.pair):
            target = None
    if inc.category == "armed_clash" and (agent is None or target is None) and art.pair:
        # a clash has two sides: the border's two states when the sentence names one or none
        known = {p.country for p in (agent, target) if p is not None}
        for cc in art.pair:
            if cc not in known:
                ph = ActorPhrase(0, 0, cc, _mil_name(art, cc), "state")
                if agent is None:
                    agent = ph
                elif target is None:
                    target = ph
                known.add(cc)
    inc.actor1 = agent.name if agent else None
    inc.actor2 = target.name if target else None
    if inc.actor1 == inc.actor2:
        inc.actor2 = None


def _distinct(phrases: list[ActorPhrase]) -> list[ActorPhrase]:
    out: list[ActorPhrase] = []
    for p in phrases:
        key = p.country or p.name
        if all((q.country or q.name) != key for q in out):
            out.append(p)
    return out


def _mil_name(art: _Article, cc: str) -> str:
    from bordermap.geo._actors import state_actor

    return state_actor(art.country_name(cc), cc=cc, when=art.published)


def _gov_name(art: _Article, cc: str) -> str:
    from bordermap.geo._actors import state_actor

    return state_actor(art.country_name(cc), "government", cc=cc, when=art.published)


_MEDIATOR = re.compile(r"\b(?:mediat(?:ed|ion|ors?|ing)|brokered|hosted|facilitated|host|hosts|sponsored|"
                       r"under the auspices of|with the help of|at the request of)\b(?:\s+(?:by|of))?", re.I)


def _mediators(sent: str, s: int) -> list[tuple[int, int]]:
    """Spans naming mediators or hosts: 'mediated by Turkey and Qatar', 'mediators Turkey and Qatar'."""
    out = []
    for m in _MEDIATOR.finditer(sent):
        tail = sent[m.end():m.end() + 60]
        stop = re.search(r"[,;.]|\bwho\b|\bwhich\b|\bthat\b|\bto\b", tail)
        end = m.end() + (stop.start() if stop else len(tail))
        out.append((m.start() + s, end + s))
    return out


def _victims(inc: Incident, frame: Frame, trig: Trigger, sent: str, s: int, art: _Article,
             agent: ActorPhrase | None) -> ActorPhrase | None:
    """Who was hit when no side is named after the event word: civilians, soldiers or a group."""
    words = re.findall(r"[a-z]+", sent.lower())
    cc = (inc.country or "").split("|")[0] or None
    if agent is not None and agent.country and cc == agent.country and art.pair:
        cc = art.pair[0] if art.pair[1] == cc else art.pair[1]  # never the perpetrator's side
    name = art.country_name(cc) if cc else None
    if any(w in CIVILIAN_NOUNS for w in words):
        return ActorPhrase(0, 0, cc, civilians(name), "civilians")
    for mt in GROUP_PATTERN.finditer(sent):
        group = GROUPS[mt.group(1).lower()]
        if group != (agent.name if agent else None):
            return ActorPhrase(0, 0, None, group, "group")
    if cc and any(w in FORCE_NOUNS for w in words):
        return ActorPhrase(0, 0, cc, _mil_name(art, cc), "state")
    return None


# ------------------------------------------------------------------------------ anaphora


def _resolve_anaphora(incs: list[Incident]) -> list[Incident]:
    """Re-mentions placed by the event they refer to are that event: they lend it their date
    and toll but make no marker of their own. A headline summarises the article's events: its
    events join the first body event of the same kind."""
    out: list[Incident] = []
    for inc in incs:
        if inc.anaphoric and not inc.headline:
            target = next((o for o in reversed(out) if _kind_group(o.category) == _kind_group(inc.category)
                           and not o.headline and _same_time(o, inc)), None)
            if target is not None:
                _absorb(target, inc)
                continue
        out.append(inc)
    body = [i for i in out if not i.headline]
    for inc in [i for i in out if i.headline]:
        target = next((o for o in body if o.category == inc.category), None) or \
            next((o for o in body if _kind_group(o.category) == _kind_group(inc.category)), None)
        if target is not None:
            inc.located_by = "reference"  # its place is the headline's summary: the body's is better
            _absorb(target, inc)
            out.remove(inc)
    return out


def _fire_from_across(incs: list[Incident], art: _Article) -> None:
    """A strike or shelling on one side of the article's border that no sentence attributes
    came from the other side (after merging, so the guess never splits or joins events)."""
    if not art.pair:
        return
    for inc in incs:
        if inc.actor1 is None and inc.category in ("airstrike", "shelling") and inc.country in art.pair:
            other = art.pair[0] if art.pair[1] == inc.country else art.pair[1]
            if art.country_name(other) not in (inc.actor2 or ""):
                inc.actor1 = _mil_name(art, other)


def _date_by_news_day(incs: list[Incident], published: str | None) -> None:
    """An event the article leaves undated happened on its news day: the day of its first
    event dated to the day within the week before publication, else the publication day
    (date_text says so; the merging has already been done on the words alone)."""
    if not published:
        return
    pub = date.fromisoformat(published)
    dated = sorted((i for i in incs if i.event_date and i.time_precision == 1 and i.date_quality >= 2
                    and 0 <= (pub - date.fromisoformat(i.event_date)).days <= 7), key=lambda i: i.sentence_start)
    day = dated[0].event_date if dated else published
    for inc in incs:
        if inc.event_date is None:
            inc.event_date, inc.time_precision, inc.date_quality = day, 1, 0
            inc.date_text = "(the article's news day)"


def _date_headlines(incs: list[Incident], published: str | None) -> None:
    """An event the headline alone reports, undated: the news of the publication day."""
    for inc in incs:
        if inc.headline and inc.event_date is None and published:
            inc.event_date, inc.time_precision, inc.date_text, inc.date_quality = published, 1, "(headline)", 1


# ------------------------------------------------------------------------------ merging

#: within one article, reports further apart than this many characters are compared as if
#: from two articles (a real article is shorter; an archive concatenated into one text stays linear)
REPORT_WINDOW_CHARS = 20_000


def _same_report(a: Incident, b: Incident) -> bool:
    """Do two incidents come from the same article (and, in a very long text, near each other)?"""
    if a.doc == b.doc:
        return abs(a.position - b.position) <= REPORT_WINDOW_CHARS
    return bool(set(a.docs or [a.doc]) & set(b.docs or [b.doc]))


def _same_kind(a: Incident, b: Incident) -> bool:
    """Same category; a ceasefire and an agreement are one kind; within one article a
    generic "attack" is the specific violent event it names at that place; across
    articles a clash reported by one source as an attack only when both name the same day."""
    if a.category == b.category or {a.category, b.category} == {"ceasefire", "agreement"}:
        return True
    if "attack" in (a.category, b.category) and a.category in VIOLENT and b.category in VIOLENT and \
            _same_report(a, b) and _same_day(a, b):
        return True
    return {a.category, b.category} == {"armed_clash", "attack"} and a.event_date is not None and \
        a.event_date == b.event_date and a.time_precision == b.time_precision == 1


#: points further apart than this are different events, even on the same border
SAME_PLACE_KM = 25.0
#: a specific point and a border line or region of the same article are one event within this distance
NEAR_LINE_KM = 60.0


def _same_place(a: Incident, b: Incident) -> bool:
    if a.lat is None or b.lat is None:
        return False
    if a.category in _PARLEY and _same_report(a, b) and \
            (a.confidence <= 0.3 or b.confidence <= 0.3 or max(a.specificity, b.specificity) >= 3.5):
        return True  # one article's agreement, once at its venue and once on the border by default
    if a.geonameid and b.geonameid and a.geonameid == b.geonameid:
        return True
    same_doc = _same_report(a, b)
    if same_doc and "fallback" in (a.located_by, b.located_by):
        # the article did not say where one of them happened: it is the other, on the same border
        fb, other = (a, b) if a.located_by == "fallback" else (b, a)
        codes = set(fb.border_countries) | {fb.country}
        return bool(other.country) and other.country.split("|")[0] in codes
    if a.border_countries and b.border_countries:
        if set(a.border_countries) != set(b.border_countries):
            return False
        # one line, but far-apart points on it are different events
        specific = (a.specificity < 3.5) and (b.specificity < 3.5)
        return not specific or haversine_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM
    if a.border_countries or b.border_countries:
        # within one article, "the clash along the border" and "the clash near Torkham" are one
        line, point = (a, b) if a.border_countries else (b, a)
        return same_doc and _near_border(point, line.border_countries)
    d = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if d <= SAME_PLACE_KM:
        return True
    if same_doc and max(a.specificity, b.specificity) >= 5:
        # "strikes in Afghanistan" and "strikes in Khost" of one article: the country holds the place
        broad, narrow = (a, b) if a.specificity >= b.specificity else (b, a)
        return bool(broad.country) and broad.country == narrow.country
    # "in Paktika" and "in Barmal district of Paktika": a region and a place inside it
    if same_doc and max(a.specificity, b.specificity) >= 3 and min(a.specificity, b.specificity) < 3:
        broad, narrow = (a, b) if a.specificity >= b.specificity else (b, a)
        if broad.specificity < 5 and narrow.admin1 and broad.location and narrow.admin1 == broad.location:
            return True
    return False


def _near_border(inc: Incident, countries: tuple[str, ...], km: float = 30.0) -> bool:
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    from bordermap.geo._borders import border_between
    from bordermap.geo._errors import DataFileError

    if len(countries) < 2:
        return False
    try:
        border = border_between(countries[0], countries[1])
    except DataFileError:
        return False
    if border is None:
        return False
    p = nearest_points(border.line, Point(inc.lon, inc.lat))[0]
    return haversine_km(inc.lat, inc.lon, p.y, p.x) <= km


def _same_day(a: Incident, b: Incident) -> bool:
    """Undated, or dated within two days of each other at day or week precision."""
    if a.event_date is None or b.event_date is None:
        return True
    if (a.time_precision or 3) > 2 or (b.time_precision or 3) > 2:
        return a.event_date[:7] == b.event_date[:7] and (a.time_precision or 3) == (b.time_precision or 3)
    return abs((date.fromisoformat(a.event_date) - date.fromisoformat(b.event_date)).days) <= 2


def _same_time(a: Incident, b: Incident) -> bool:
    same_doc = _same_report(a, b)
    if same_doc and (a.novel or b.novel) and not (a.event_date and a.event_date == b.event_date
                                                  and min(a.date_quality, b.date_quality) >= 2):
        return False  # "fresh shooting", "another attack": not the event reported before
    if a.event_date is None or b.event_date is None:
        return True
    if same_doc and a.time_precision == b.time_precision == 1 and min(a.date_quality, b.date_quality) >= 2 and \
            a.event_date != b.event_date:
        return False  # one article dates them to different days: two events
    da, db = date.fromisoformat(a.event_date), date.fromisoformat(b.event_date)
    window = {1: 2, 2: 7, 3: 31}
    return abs((da - db).days) <= max(window.get(a.time_precision or 3, 31), window.get(b.time_precision or 3, 31))


def _same_report_or_dated(a: Incident, b: Incident) -> bool:
    """Within one article an undated mention refers back to its event; across articles
    only dated reports are matched (an undated one could be any event there)."""
    if _same_report(a, b):
        return True
    return a.event_date is not None and b.event_date is not None


def _same_round(a: Incident, b: Incident) -> bool:
    """Talks that resumed and talks that ended without a deal are two rounds."""
    return not (a.phase and b.phase and a.phase != b.phase)


def _same_sides(a: Incident, b: Incident) -> bool:
    """Different attackers make different events ("Israeli jets hit ..." and "Syrian planes bombed ...");
    an unnamed armed group may be any named one."""
    x, y = a.actor1, b.actor1
    if not x or not y or x.startswith("Unidentified") or y.startswith("Unidentified"):
        return True
    return x == y or x == b.actor2 or y == a.actor2


def same_event(a: Incident, b: Incident) -> bool:
    """Are two incident reports the same event? (same kind, place, time, sides and round)"""
    return _same_kind(a, b) and _same_place(a, b) and _same_time(a, b) and _same_report_or_dated(a, b) \
        and _same_sides(a, b) and _same_round(a, b)


#: grid cell (degrees) of the spatial blocks; half a degree of latitude is 55 km, more than
#: SAME_PLACE_KM, and longitude cells are searched as far as SAME_PLACE_KM reaches
_CELL_DEG = 0.5
_LON_CELLS = int(360 / _CELL_DEG)


def merge_keys(inc: Incident) -> set[tuple]:
    """The blocks an incident is filed under for merging.

    Reports of one article are filed by article and stretch of text (``near``), so that a
    report meets the ones within REPORT_WINDOW_CHARS of it; reports merged in from other
    articles by those articles (``foreign``, ``docall``). Two reports of one event from
    different articles share a block of place and month — the same GeoNames entry, the same
    border line or a grid cell — as both must be dated to merge across articles. Looking up
    a report's keys in the neighbouring stretches, months and cells (:func:`_lookup_keys`)
    finds every earlier report :func:`same_event` could accept, so nothing compares all pairs.
    """
    keys: set[tuple] = {("near", inc.doc, max(inc.position, 0) // REPORT_WINDOW_CHARS), ("docall", inc.doc)}
    keys.update(("foreign", d) for d in (inc.docs or []) if d != inc.doc)
    if inc.event_date is None or inc.lat is None:
        return keys
    month = int(inc.event_date[:4]) * 12 + int(inc.event_date[5:7]) - 1
    if inc.geonameid:
        keys.add(("gid", inc.geonameid, month))
    if inc.border_countries:
        keys.add(("line", tuple(sorted(inc.border_countries)), month))
    keys.add(("cell", int((inc.lat + 90) // _CELL_DEG), int((inc.lon + 180) // _CELL_DEG) % _LON_CELLS, month))
    return keys


def _lon_reach(lat: float) -> int:
    """How many longitude cells SAME_PLACE_KM spans at a latitude (more towards the poles)."""
    import math

    km_per_cell = 111.32 * _CELL_DEG * max(math.cos(math.radians(min(abs(lat) + _CELL_DEG, 90.0))), 1e-6)
    return min(_LON_CELLS // 2, math.ceil(SAME_PLACE_KM / km_per_cell))


def _lookup_keys(inc: Incident) -> set[tuple]:
    """The blocks to search for an incident's earlier reports: the stretches of its article
    around it, the reports merged in from its articles, and its place keys in the months (a
    month either side: the widest date window is 31 days) and grid cells around it."""
    stretch = max(inc.position, 0) // REPORT_WINDOW_CHARS
    out: set[tuple] = {("near", inc.doc, stretch + dw) for dw in (-1, 0, 1)}
    out.add(("foreign", inc.doc))
    for d in inc.docs or []:
        if d != inc.doc:
            out.update((("docall", d), ("foreign", d)))
    for k in merge_keys(inc):
        if k[0] in ("gid", "line"):
            out.update((k[0], k[1], k[2] + dm) for dm in (-1, 0, 1))
        elif k[0] == "cell":
            reach = _lon_reach(inc.lat or 0.0)
            out.update(("cell", k[1] + dy, (k[2] + dx) % _LON_CELLS, k[3] + dm)
                       for dy in (-1, 0, 1) for dx in range(-reach, reach + 1) for dm in (-1, 0, 1))
    return out


def merge_incidents(incidents: list[Incident]) -> list[Incident]:
    """Merge reports of the same event: same kind, same place or border, compatible dates.

    The merged incident keeps the best-founded date (the event's own day before a report's
    day, then the most precise), the lowest reported fatality figure (ACLED), the most
    specific location, every article id in ``docs`` (the first one in ``doc``) and every
    source. Event ids are stable hashes of kind, place and date.

    Each report joins the earliest merged event it is the same as (:func:`same_event`),
    found through blocks of place and month (:func:`merge_keys`): time grows with the number
    of reports, not with its square, and the result is the one comparing every pair gives.
    """
    merged: list[Incident] = []
    order: dict[int, int] = {}  # id(incident) -> position in `merged`
    blocks: dict[tuple, list[Incident]] = {}
    filed: dict[int, set[tuple]] = {}  # id(incident) -> the blocks it is in

    def file(m: Incident) -> None:
        mine = filed.setdefault(id(m), set())
        for k in merge_keys(m) - mine:
            blocks.setdefault(k, []).append(m)
            mine.add(k)

    for inc in incidents:
        seen: set[int] = set()
        cands = []
        for k in _lookup_keys(inc):
            for m in blocks.get(k, ()):
                if id(m) not in seen:
                    seen.add(id(m))
                    cands.append(m)
        cands.sort(key=lambda m: order[id(m)])
        target = next((m for m in cands if same_event(m, inc)), None)
        if target is None:
            inc.docs = list(inc.docs or [inc.doc])
            inc.sources = list(inc.sources or ([inc.source] if inc.source else []))
            inc.sentences = list(inc.sentences or [inc.sentence])
            order[id(inc)] = len(merged)
            merged.append(inc)
            file(inc)
            continue
        _absorb(target, inc)
        file(target)  # its place, date or articles may have changed: file it under them too
    for inc in merged:
        key = f"{inc.category}|{inc.location}|{inc.event_date}|{inc.docs[0]}|{inc.sentence_start}"
        inc.event_id = "BM" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10].upper()
    return merged


_VAGUE = re.compile(r"\b(?:dozens?|scores?|several|many|hundreds|thousands|a few|some|numerous|a number of|"
                    r"a handful|casualties)\b", re.I)


def _better_toll(inc: Incident, target: Incident) -> bool:
    """Should `inc`'s fatality figure replace `target`'s? A figure beats none; a stated number
    beats a vague word ("49 killed" over "dozens"); between two of a kind the lowest (ACLED),
    but a death count beats "no one killed" from a report that saw none."""
    if inc.fatalities is None:
        return False
    if target.fatalities is None:
        return True
    vague_inc = bool(_VAGUE.search(inc.fatalities_text or "")) and not re.search(r"\d", inc.fatalities_text or "")
    vague_tgt = bool(_VAGUE.search(target.fatalities_text or "")) and not re.search(r"\d", target.fatalities_text or "")
    if vague_inc != vague_tgt:
        return vague_tgt
    if target.fatalities == 0 or inc.fatalities == 0:
        return target.fatalities == 0 and inc.fatalities > 0
    return inc.fatalities < target.fatalities


def _absorb(target: Incident, inc: Incident) -> None:
    for d in inc.docs or [inc.doc]:
        if d not in target.docs:
            target.docs.append(d)
    for src in inc.sources or ([inc.source] if inc.source else []):
        if src and src not in target.sources:
            target.sources.append(src)
    for snt in inc.sentences or [inc.sentence]:
        if snt not in target.sentences:
            target.sentences.append(snt)
    # the specific kind wins over a generic "attack"; an agreement that is a ceasefire stays one
    if target.category == "attack" and inc.category in VIOLENT:
        target.category = inc.category
    if inc.category == "ceasefire" and target.category == "agreement":
        target.category = "ceasefire"
    target.phase = target.phase or inc.phase
    target.novel = target.novel or inc.novel
    if inc.event_date and (target.event_date is None or (inc.date_quality, -(inc.time_precision or 9)) >
                           (target.date_quality, -(target.time_precision or 9))):
        target.event_date, target.time_precision, target.date_text = inc.event_date, inc.time_precision, \
            inc.date_text
        target.date_quality = inc.date_quality
        if inc.doc == target.doc:  # show the sentence that dates the event
            target.sentence, target.sentence_start, target.sentence_end = inc.sentence, inc.sentence_start, \
                inc.sentence_end
    if _better_toll(inc, target):
        target.fatalities, target.fatalities_text = inc.fatalities, inc.fatalities_text
    if (inc.specificity < target.specificity and inc.located_by == "text") or \
            (target.located_by == "fallback" and inc.located_by == "text"):
        for f in ("lat", "lon", "location", "country", "admin1", "geo_precision", "border", "border_countries",
                  "geonameid", "specificity", "located_by"):
            setattr(target, f, getattr(inc, f))
    # the sides come as a pair, from the mention that names both (never mixed across mentions)
    if not (target.actor1 and target.actor2) and inc.actor1 and inc.actor2 and not inc.anaphoric:
        target.actor1, target.actor2 = inc.actor1, inc.actor2
    elif not target.actor1 and inc.actor1:
        target.actor1 = inc.actor1
    if target.actor1 == target.actor2:
        target.actor2 = None
    target.confidence = min(1.0, max(target.confidence, inc.confidence) + 0.05)
