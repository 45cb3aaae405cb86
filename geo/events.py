"""Incidents: what happened, where, when, to whom — coded to ACLED's conventions.

Sentence by sentence, trigger words name a kind of event (airstrike, shelling, armed
clash, attack, explosion, ceasefire, agreement, talks, border closure, protest, arrest).
A trigger counts only when the text reports the event as having happened: negated,
future, hypothetical, purposive ("to launch attacks") and habitual or background
mentions ("has long accused", "since 2021", "repeatedly") are left out.

Each incident gets

- **where**: the place the event happened — the place governed by a location
  preposition nearest the trigger, never the place a statement came from ("Islamabad
  announced", "a statement from Kabul"); events "along the border", "cross-border" or
  between two neighbours' forces sit on the shared border line (geo_precision 3);
- **when**: the date expression nearest the trigger, resolved against the publication
  date with ACLED's time precision (1 day, 2 week, 3 month); unknown stays None;
- **who**: actor1/actor2 from the demonyms, countries and armed groups around it;
- **how many**: fatalities by ACLED's conventions (lowest figure, "dozens" 12).

Reports of the same event — within an article or across articles — are merged by
:func:`merge_incidents`: same kind, same place (or the same border), compatible dates.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from bordermap.geo._text import sentences
from bordermap.geo.extract import Mention
from bordermap.geo.gazetteer import haversine_km

__all__ = ["Incident", "extract_incidents", "merge_incidents", "ACLED_TYPES", "CATEGORIES"]

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

# ------------------------------------------------------------------------------ triggers

_W = r"(?<![\w-])"
_TRIGGERS: list[tuple[str, re.Pattern]] = [
    ("airstrike", re.compile(_W + r"(?:air[-\s]?strikes?|air[-\s]?raids?|drone[-\s]strikes?|drone attacks?|"
                             r"aerial (?:bombardment|bombing|attacks?|strikes?)|bombing raids?|"
                             r"(?:warplanes|fighter jets|jets|aircraft|drones|helicopters?) (?:struck|bombed|"
                             r"pounded|hit|targeted|attacked))\b", re.I)),
    ("shelling", re.compile(_W + r"(?:shelling|shelled|shells? (?:fired|landed|struck|hit)|projectiles?|artillery (?:fire|"
                            r"shells?|strikes?|attacks?|barrage)|mortars?(?: fire| shells?| rounds?| attacks?)?|"
                            r"rocket (?:fire|attacks?|barrages?)|rockets? (?:fired|landed|struck|hit)|"
                            r"missile (?:strikes?|attacks?)|missiles? (?:struck|hit|fired))\b", re.I)),
    ("explosion", re.compile(_W + r"(?:explosions?|blasts?|bombings?|suicide (?:bomber|attack|bombing)s?|"
                             r"car bombs?|roadside bombs?|IEDs?|improvised explosive devices?|landmines?|"
                             r"bomb (?:exploded|went off|attack)|explosive devices?)\b", re.I)),
    ("armed_clash", re.compile(_W + r"(?:clash(?:es|ed)?|fighting|firefights?|gun ?fights?|gun ?battles?|"
                               r"skirmish(?:es)?|exchanges? of (?:\w+ )?fire|(?:exchanged|traded) (?:\w+ )?(?:gun|artillery )?fire|"
                               r"counter[-\s]?attacks?|counter[-\s]?offensive|battles?|battled|fought|"
                               r"scuffles?|face[-\s]?offs?|brawls?|repelled (?:an? |the )?(?:\w+ )?(?:attacks?|attempts?|"
                               r"assaults?|incursions?)|"
                               r"(?:cross[-\s]border|border) (?:firing|fire))\b", re.I)),
    ("attack", re.compile(_W + r"(?:attack(?:s|ed|ing)?|ambush(?:es|ed)?|raids?|raided|gunmen|"
                          r"fired (?:\w+ ){0,2}(?:at|on|upon|towards|into)|"
                          r"opened fire|shot dead|gunned down|killed|killing|assassinat(?:ed|ion)|"
                          r"massacre[ds]?|stormed|abduct(?:ed|ion)|kidnapp(?:ed|ing))\b", re.I)),
    ("ceasefire", re.compile(_W + r"(?:cease[-\s]?fire|truce|armistice)(?: agreement| deal| accord)?\b", re.I)),
    ("agreement", re.compile(_W + r"(?:peace (?:deal|agreement|accord)|agreement|accord|deal|treaty|"
                             r"memorandum of understanding)\b", re.I)),
    ("talks", re.compile(_W + r"(?:talks|negotiations|peace (?:process|conference)|summit|met (?:in|at)|"
                         r"mediation|dialogue)\b", re.I)),
    ("border_closure", re.compile(_W + r"(?:(?:closed|shut|sealed|closing|shutting|sealing) (?:the |its |their )?"
                                  r"(?:\w+ )?(?:border|crossing|frontier)s?|(?:border|crossing|frontier)s?"
                                  r"(?: at [^.;]{1,60}?)? (?:was|were|has been|have been) (?:closed|shut|sealed)|closure of (?:the )?"
                                  r"(?:\w+ )?(?:border|crossing|frontier)s?|(?:border|crossing) closures?)\b",
                                  re.I)),
    ("protest", re.compile(_W + r"(?:protests?|protested|protesters|demonstrations?|demonstrators|"
                           r"(?:people|residents|villagers|students|crowds?|hundreds|thousands) (?:\w+ )?"
                           r"(?:marched|rallied|demonstrated)|"
                           r"rall(?:y|ies)|sit-ins?)\b", re.I)),
    ("arrest", re.compile(_W + r"(?:arrested|arrests?|detained|detention of|taken into custody)\b", re.I)),
]
# verbs that make a non-violent trigger an event rather than a topic ("ceasefire period")
_HAPPENED = re.compile(r"\b(?:signed|sign|agreed|agree|reached|brokered|announced|declared|began|begun|"
                       r"held|resumed|resume|opened|ended|concluded|collapsed|failed|took place|took effect|"
                       r"met|meet|hosted|mediated|broke down|violated|closed|shut|sealed|staged|"
                       r"gathered|marched|arrested|detained)\b", re.I)

# ------------------------------------------------------------------------------ modality

_IRREALIS_BEFORE = re.compile(
    r"\b(?:will|would|could|might|may|shall|can|cannot|can't|won't|should|must|if|unless|plans? to|"
    r"planning to|intends? to|aims? to|aimed at|seeks? to|seeking to|wants? to|threaten(?:s|ed)? to|"
    r"vow(?:s|ed)? to|warn(?:s|ed)? (?:of|that|against)|expected to|set to|scheduled to|due to|"
    r"ready to|prepared to|prepare|possible|potential|risk of|fears? of|threat of|in case of|"
    r"to (?:plan|launch|carry out|conduct|stage|prevent|avoid|stop|halt|end|rein in|deter|resume|"
    r"restart|hold|begin|start|discuss|negotiate|reach|sign|agree)|"
    r"no|not|never|without|denied|denies|deny|rejected|refused)\b[^.;:]{0,40}$", re.I)
_FACTUAL_AFTER = re.compile(r"^\W*(?:\w+\W+){0,4}(?:that|which|who)\s+(?:have|has|had)?\s*(?:killed|left|"
                            r"claimed|erupted|broke out|took place)\b", re.I)
_BACKGROUND = re.compile(r"\b(?:has long|have long|had long|for decades|for years|in recent years|"
                         r"repeatedly|regularly|routinely|frequently|often|historically|traditionally|"
                         r"used to|had for|over the years|over the past (?:decade|years))\b", re.I)
_LINK_LINE = re.compile(r"^\s*(?:read more|related|also read|see also|watch|click here|subscribe)\b", re.I)
_SPEECH_AFTER = re.compile(r"^\W{0,3}(?:\w+\W+){0,1}(?:said|says|announced|announces|accused|accuses|"
                           r"demanded|demands|insisted|insists|claimed|claims|stated|told|warned|warns|"
                           r"urged|urges|denied|denies|hailed|confirmed|reported|added|alleged|blamed|"
                           r"condemned|called|rejected|responded|has|have|had|is|was|will|would)\b", re.I)
_SOURCE_BEFORE = re.compile(r"\b(?:statement|spokesman|spokeswoman|spokesperson|told|said|according to|"
                            r"reporters|press conference|briefing)\b[^.]{0,25}\b(?:from|in|at)\s+$"
                            r"|\b(?:officials?|sources?)\s+(?:from|in|at)\s+$", re.I)
_LOC_PREP = re.compile(r"\b(?:in|at|on|near|outside|inside|across|along|into|over|around|through|throughout|"
                       r"targeting|targets in|hit|struck|shelled|bombed|pounded)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$"
                       r"|\b(?:town|city|village|district|province|region|area|camp|outskirts|suburbs?|county|"
                       r"capital|port|border town)\s+of\s+$", re.I)
_KILLED_NAMED = re.compile(r"\bkill(?:ed|ing)\s+(?:[A-Z][\w'-]+\s+){0,2}[A-Z][\w'-]+")
_ONLY_HURT = re.compile(r"\b(?:wounded|injured|injuring|wounding|hurt|damaged|no casualties|no one was killed)\b",
                        re.I)
_REPORTED_ON = re.compile(r"\b(?:said|says|reported|told \w+|announced|stated|confirmed|added|claimed)\s*$", re.I)
_CLAUSE_BREAK = re.compile(r"[;,]|\b(?:after|before|following|but|while|when|as|since|because|amid|"
                           r"despite|although|though|which|who|that)\b", re.I)
_SINCE = re.compile(r"\bsince\b[^,;.]{0,60}$", re.I)

_GEO_PRECISION = {"PPL": 1, "PPLC": 1, "PPLA": 1, "PPLX": 1, "PSTB": 1, "AIRP": 1, "ADM3": 2, "ADM2": 2,
                  "ADMD": 2, "PASS": 2, "VAL": 2, "STM": 2}


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
            "fatalities": self.fatalities, "fatalities_text": self.fatalities_text,
            "sentence": self.sentence, "sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
            "confidence": round(self.confidence, 3), "border": self.border,
            "border_distance_km": self.border_distance_km,
        }


# ------------------------------------------------------------------------------ extraction


@dataclass(slots=True)
class _Trigger:
    category: str
    start: int  # offsets within the article
    end: int
    text: str


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
    from bordermap.geo._counts import fatalities as count_fatalities
    from bordermap.geo._dates import find_dates

    pub = published if published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else None
    doc_countries = _doc_countries(mentions)
    out: list[Incident] = []
    prev: list[Incident] = []
    for s, e in sentences(text):
        sent = text[s:e]
        if _LINK_LINE.match(sent) or sent.rstrip().endswith("?"):
            prev = []
            continue
        triggers = _triggers(sent, s)
        if not triggers:
            prev = []
            continue
        background = bool(_BACKGROUND.search(sent))
        places = [m for m in mentions if s <= m.start < e and m.lat is not None]
        dates = find_dates(sent, published=pub)
        found: list[Incident] = []
        if prev and not [m for m in places if m.kind != "demonym"] and all(_is_toll(t) for t in triggers):
            _add_toll(prev, sent, count_fatalities)  # "At least 32 people were killed, officials said."
            continue
        for trig in triggers:
            if background or not _actual(sent, trig.start - s, trig.end - s, trig.category):
                continue
            category = trig.category
            if category == "attack" and _ON_FORCES.search(sent[trig.start - s:trig.end - s + 70]):
                category = "armed_clash"  # ACLED: an attack on armed forces is a battle
            inc = Incident(category, doc, sent, s, e, source=source, trigger=trig.text)
            _locate(inc, trig, sent, s, places, mentions, doc_countries, prev, triggers)
            if inc.lat is None:
                continue
            _set_date(inc, trig, sent, s, dates, pub)
            if pub and inc.event_date and inc.event_date > pub:
                continue  # dated after publication: announced, not happened ("talks next month")
            if inc.event_date is None and inc.category in VIOLENT:
                dated = [p for p in prev if p.event_date and p.category in VIOLENT]
                if dated:  # the report goes on about the same day: "... overnight. Shelling killed 12 ..."
                    inc.event_date, inc.time_precision = dated[0].event_date, dated[0].time_precision
                    inc.date_text = f"(from the previous sentence) {dated[0].date_text or ''}".strip()
            if inc.category in VIOLENT:
                f = count_fatalities(sent)
                inc.fatalities, inc.fatalities_text = f.count, f.text
                hurt = _ONLY_HURT.search(sent)
                if inc.fatalities is None and hurt and not re.search(r"\b(?:killed|dead|died|deaths?)\b", sent, re.I):
                    inc.fatalities, inc.fatalities_text = 0, hurt.group()  # ACLED: none reported killed
                named = _KILLED_NAMED.search(sent) if inc.fatalities is None else None
                if named and inc.category in ("attack", "airstrike"):
                    inc.fatalities, inc.fatalities_text = 1, named.group().strip()  # "killed Qari Amjad"
            _actors(inc, sent, trig.start - s, trig.end - s, mentions, s, e)
            found.append(inc)
        found = _one_battle(found)
        out.extend(found)
        prev = found or prev
    for inc in out:
        inc.docs = [doc]
        inc.sources = [source] if source else []
        inc.sentences = [inc.sentence]
    return merge_incidents(out)


# one pass over each sentence finds candidates for every category at once
_ANY_TRIGGER = re.compile("|".join(f"(?P<{cat}>{rx.pattern})" for cat, rx in _TRIGGERS), re.I)


def _triggers(sent: str, offset: int) -> list[_Trigger]:
    found: list[_Trigger] = []
    if not _ANY_TRIGGER.search(sent):
        return found
    for cat, rx in _TRIGGERS:
        for m in rx.finditer(sent):
            a, b = m.start() + offset, m.end() + offset
            if any(t.start < b and a < t.end for t in found):
                continue  # an earlier (more specific) category already took these words
            found.append(_Trigger(cat, a, b, m.group()))
    found.sort(key=lambda t: t.start)
    # non-violent topics need a verb saying they happened: "signed a ceasefire", not "ceasefire period"
    keep = []
    for t in found:
        if t.category in ("ceasefire", "agreement", "talks") and not _HAPPENED.search(sent):
            continue
        if t.category == "attack" and re.match(r"(?i)killed|killing", t.text) and \
                any(o.category in VIOLENT and o is not t for o in found):
            continue  # "killed" inside a clash/airstrike report is its toll, not another event
        keep.append(t)
    return keep


def _is_toll(trig: _Trigger) -> bool:
    return trig.category == "attack" and re.fullmatch(r"(?i)killed|killing", trig.text) is not None


def _add_toll(prev: list[Incident], sent: str, count_fatalities) -> None:
    violent = [p for p in prev if p.category in VIOLENT]
    if not violent or violent[0].fatalities is not None:
        return
    f = count_fatalities(sent)
    if f.count is not None:
        violent[0].fatalities, violent[0].fatalities_text = f.count, f.text


def _actual(sent: str, a: int, b: int, category: str) -> bool:
    """True when the trigger reports an event that happened."""
    before = sent[max(0, a - 60):a]
    clause = re.split(r"[;:]|,\s+(?:but|while|and|as|after|before|which|who)\b|\bbut\b", before)[-1]
    if _IRREALIS_BEFORE.search(clause):
        return bool(_FACTUAL_AFTER.match(sent[b:b + 60]))
    after = sent[b:b + 30]
    if re.match(r"^\s+(?:period|talks?|negotiations?|lines?|violations?)\b", after, re.I) and category == "ceasefire":
        return False  # "the ceasefire period", "ceasefire talks": a topic, not the truce itself
    if re.match(r"^\W*(?:remains?|remained)\b", after, re.I):
        return False
    return True


def _doc_countries(mentions: list[Mention]) -> list[str]:
    counts: dict[str, float] = {}
    for m in mentions:
        if m.place is None:
            continue
        if m.place.feature in ("PCLI", "PCLD") or m.kind == "demonym":
            counts[m.place.country] = counts.get(m.place.country, 0) + 1
        elif m.kind == "border":
            for cc in m.countries:
                counts[cc] = counts.get(cc, 0) + 1
    return [cc for cc, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _locate(inc: Incident, trig: _Trigger, sent: str, s: int, places: list[Mention],
            mentions: list[Mention], doc_countries: list[str], prev: list[Incident],
            triggers: list[_Trigger] = ()) -> None:
    """Where the event happened: a place governed by the trigger, a border, or context."""
    candidates = []
    for m in places:
        if m.kind == "demonym":
            continue
        rel_a = m.start - s
        before = sent[max(0, rel_a - 40):rel_a]
        after = sent[m.end - s:m.end - s + 30]
        if _SPEECH_AFTER.match(after) and m.kind == "toponym" and not _LOC_PREP.search(before[-25:]):
            continue  # "Islamabad announced", "Kabul denies": a source or an actor, not a place
        if _SOURCE_BEFORE.search(before):
            continue  # "a statement from Kabul", "told reporters in Islamabad"
        if _SINCE.search(sent[:rel_a]) or re.match(r"^\W*in (?:19|20)\d\d\b", after):
            continue  # background clause: "since the Taliban returned to power in Kabul in 2021"
        governed = bool(_LOC_PREP.search(before[-40:])) or m.kind in ("border", "relative")
        # adjectival use right before the trigger: "Istanbul peace talks", "border clashes"
        adjacent = 0 <= trig.start - m.end <= 8 and re.fullmatch(r"[\s\w-]{0,8}", sent[m.end - s:trig.start - s])
        if m.start >= trig.end:
            dist = m.start - trig.end
        elif m.start >= trig.start:  # inside the trigger's words: "the crossing at Poipet ... was closed"
            dist = m.start - trig.start
        else:
            dist = (trig.start - m.end) * 1.5
        if not (governed or adjacent):
            dist += 200
        if m.kind == "border":
            if re.search(r"\bfrom\s+(?:across\s+|over\s+)?(?:the\s+)?$", before[-25:], re.I):
                dist += 200  # "shells fired from across the border": where they came from
            else:
                dist += 35  # a line is less specific than a named town on it
        if m.start < trig.start and not adjacent and _CLAUSE_BREAK.search(sent[m.end - s:trig.start - s]):
            dist += 200  # "talks in Istanbul after recent clashes": another clause's place
        lo, hi = (trig.end, m.start) if m.start >= trig.end else (m.end, trig.start)
        if any(o is not trig and lo <= o.start < hi and o.category != trig.category for o in triggers):
            dist += 200  # another event word stands between: the place is that event's
        if m.kind == "toponym" and m.place is not None and m.place.feature in ("PCLI", "PCLD"):
            if not re.search(r"\b(?:in|inside|into|across|near)\s+$", before[-12:]):
                dist += 150  # a bare country name is more often an actor than a location
            if re.match(r"^(?:['’]s|-(?:administered|controlled|held|occupied|run))\b", after):
                dist += 60  # "in Thailand's Sisaket province", "Pakistan-administered Kashmir"
            else:
                dist += 30  # a country is the least specific answer
        elif m.kind == "toponym" and m.place is not None and m.place.feature == "ADM1":
            dist += 10
        elif m.kind == "relative" and m.place is not None and m.place.feature in ("PCLI", "PCLD"):
            dist += 30  # "near Afghanistan" is no more specific than Afghanistan
        candidates.append((dist, m))
    if inc.category in ("talks", "ceasefire", "agreement"):
        # a meeting happens at a venue: not on a border line
        candidates = [(d, m) for d, m in candidates if m.kind != "border"]
    candidates.sort(key=lambda t: t[0])
    if candidates and candidates[0][0] < 200:
        _place(inc, candidates[0][1])
        return
    if inc.category in VIOLENT:
        # a clash of two neighbours' forces with no place named: their shared border
        if inc.category == "armed_clash" and len(doc_countries) >= 2:
            if _border_of(inc, doc_countries, places):
                return
        same = [p for p in prev if p.category in VIOLENT]
        if same:
            _copy_place(inc, same[0])
            inc.confidence = 0.4
            return
    elif prev:
        same = [p for p in prev if p.category == inc.category]
        if same:
            _copy_place(inc, same[0])


def _place(inc: Incident, m: Mention) -> None:
    inc.lat, inc.lon = m.lat, m.lon
    if m.kind == "border":
        inc.location = m.border_name
        inc.border = m.border_name
        inc.border_countries = tuple(m.countries)
        inc.country = m.countries[0] if m.countries else None
        inc.geo_precision = 3
        inc.confidence = 0.6
        return
    p = m.place
    inc.location = p.name
    inc.country = p.country.split("|")[0] if p.country else None
    inc.admin1 = p.admin1
    inc.geonameid = p.geonameid
    inc.geo_precision = 2 if m.kind == "relative" else _GEO_PRECISION.get(p.feature, 3)
    inc.confidence = 0.5 + 0.4 * m.confidence


def _copy_place(inc: Incident, other: Incident) -> None:
    for f in ("lat", "lon", "location", "country", "admin1", "geo_precision", "border", "border_countries",
              "geonameid"):
        setattr(inc, f, getattr(other, f))


def _border_of(inc: Incident, countries: list[str], places: list[Mention]) -> bool:
    from bordermap.geo._borders import border_between, point_on_border
    from bordermap.geo._errors import DataFileError

    try:
        for i in range(min(3, len(countries))):
            for j in range(i + 1, min(3, len(countries))):
                b = border_between(countries[i], countries[j])
                if b is not None:
                    local = [m for m in places if m.kind == "toponym" and m.place is not None
                             and m.place.feature not in ("PCLI", "PCLD", "CONT", "RGN")]
                    near = (local[0].lat, local[0].lon) if local else None
                    inc.lat, inc.lon = point_on_border(b, near)
                    inc.location = inc.border = b.name
                    inc.border_countries = (b.a, b.b)
                    inc.country = countries[i]
                    inc.geo_precision = 3
                    inc.confidence = 0.4
                    return True
    except DataFileError:
        return False
    return False


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def _set_date(inc: Incident, trig: _Trigger, sent: str, s: int, dates, pub: str | None) -> None:
    """The date expression nearest the trigger, preferring one after it in the same clause."""
    dates = [d for d in dates if d.date is not None]
    # "killed on Tuesday, state media reported on Wednesday": the event's own date wins over the
    # report's; a report's date stands in when it is the only one ("resumed talks, sources said on Thursday")
    own = [d for d in dates if not _REPORTED_ON.search(sent[max(0, (d.start or 0) - 25):d.start or 0])]
    dates = own or dates
    if not dates:
        return
    rel = trig.end - s

    def distance(d) -> float:
        if d.start is None:
            return 1e9
        return d.start - rel if d.start >= rel else (rel - d.end) * 1.3

    best = min(dates, key=distance)
    inc.event_date, inc.time_precision, inc.date_text = best.date, best.precision, best.text
    # "earlier in the month" in a sentence that names the month ("The October clashes ...")
    if best.text and re.search(r"\bin the month\b", best.text, re.I):
        named = [i for i, mname in enumerate(_MONTHS, start=1) if re.search(rf"\b{mname}\b", sent, re.I)]
        if named and pub:
            year = int(pub[:4])
            month = named[0]
            if month > int(pub[5:7]):
                year -= 1
            inc.event_date, inc.time_precision = f"{year:04d}-{month:02d}-15", 3


_GROUPS = {
    "ttp": "Tehrik-i-Taliban Pakistan (TTP)", "tehrik-i-taliban pakistan": "Tehrik-i-Taliban Pakistan (TTP)",
    "pakistani taliban": "Tehrik-i-Taliban Pakistan (TTP)", "taliban": "Taliban",
    "islamic state": "Islamic State (IS)", "isis": "Islamic State (IS)", "isil": "Islamic State (IS)",
    "al-qaeda": "Al Qaeda", "al qaeda": "Al Qaeda", "hezbollah": "Hezbollah", "hamas": "Hamas",
    "al-shabaab": "Al Shabaab", "boko haram": "Boko Haram", "houthis": "Houthis", "houthi": "Houthis",
    "militants": "Unidentified Armed Group", "gunmen": "Unidentified Armed Group",
    "insurgents": "Unidentified Armed Group", "rebels": "Rebel Group", "civilians": "Civilians",
    "protesters": "Protesters", "demonstrators": "Protesters",
}
_FORCES = r"(?:forces|troops|soldiers|army|military|militar(?:y|ies)|security forces|border guards|guards|" \
          r"police|air force|navy|positions?|posts?|outposts?|checkpoints?|patrols?|bases?|convoys?)"
# "attacks on Pakistani military posts", "fired at an Armenian post": the target is armed
_ON_FORCES = re.compile(r"^[^.;]{0,40}?\b(?:on|against|at|towards|upon|into)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}"
                        + _FORCES + r"\b", re.I)


def _actors(inc: Incident, sent: str, a: int, b: int, mentions: list[Mention], s: int, e: int) -> None:
    """actor1 (who acted) and actor2 (who was targeted), from the words around the trigger."""
    def actor_at(text: str, offset: int, before: bool) -> str | None:
        cands = []
        for m in mentions:
            if not (s + offset <= m.start < s + offset + len(text)) or m.place is None:
                continue
            if m.kind == "demonym" or (m.kind == "toponym" and m.place.feature in ("PCLI", "PCLD")):
                tail = sent[m.end - s:m.end - s + 40]
                name = m.place.name
                if re.match(r"^\s+(?:\w+\s+)?" + _FORCES, tail, re.I):
                    cands.append((m.start, f"Military Forces of {name}"))
                elif re.match(r"^\s+taliban\b", tail, re.I):
                    cands.append((m.start, "Tehrik-i-Taliban Pakistan (TTP)" if m.place.country == "PK"
                                  else "Taliban"))
                elif m.kind == "toponym":
                    cands.append((m.start, f"Government of {name}"))
        for key, actor in _GROUPS.items():
            for mt in re.finditer(rf"\b{re.escape(key)}\b", text, re.I):
                cands.append((s + offset + mt.start(), actor))
        if not cands:
            return None
        cands.sort(key=lambda t: -t[0] if before else t[0])
        return cands[0][1]

    lo = max(0, a - 120)
    inc.actor1 = actor_at(sent[lo:a], lo, True)
    inc.actor2 = actor_at(sent[b:b + 80], b, False)
    if inc.actor1 == inc.actor2:
        inc.actor2 = None


def _one_battle(found: list[Incident]) -> list[Incident]:
    """ACLED: an airstrike or shelling during a ground battle at the same place is one Battles event."""
    battles = [i for i in found if i.category == "armed_clash"]
    out = []
    for inc in found:
        if inc.category in ("airstrike", "shelling") and any(
                b.lat == inc.lat and b.lon == inc.lon for b in battles):
            continue
        out.append(inc)
    return out


# ------------------------------------------------------------------------------ merging

def _same_kind(a: Incident, b: Incident) -> bool:
    """Same category; a ceasefire and an agreement are one kind; a clash reported by one
    source as an attack only when both name the same day."""
    if a.category == b.category or {a.category, b.category} == {"ceasefire", "agreement"}:
        return True
    return {a.category, b.category} == {"armed_clash", "attack"} and a.event_date is not None and \
        a.event_date == b.event_date and a.time_precision == b.time_precision == 1


def _same_place(a: Incident, b: Incident) -> bool:
    if a.border_countries and b.border_countries:
        return set(a.border_countries) == set(b.border_countries)
    if a.border_countries or b.border_countries:
        # within one article, "the clash along the border" and "the clash near Torkham" are one
        line, point = (a, b) if a.border_countries else (b, a)
        same_doc = set(a.docs or [a.doc]) & set(b.docs or [b.doc])
        return bool(same_doc) and point.lat is not None and _near_border(point, line.border_countries)
    if a.lat is None or b.lat is None:
        return False
    if a.geonameid and b.geonameid and a.geonameid == b.geonameid:
        return True
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= 25


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


def _same_time(a: Incident, b: Incident) -> bool:
    if a.event_date is None or b.event_date is None:
        return True
    da, db = date.fromisoformat(a.event_date), date.fromisoformat(b.event_date)
    window = {1: 2, 2: 7, 3: 31}
    return abs((da - db).days) <= max(window.get(a.time_precision or 3, 31), window.get(b.time_precision or 3, 31))


def _same_report_or_dated(a: Incident, b: Incident) -> bool:
    """Within one article an undated mention refers back to its event; across articles
    only dated reports are matched (an undated one could be any event there)."""
    if set(a.docs or [a.doc]) & set(b.docs or [b.doc]):
        return True
    return a.event_date is not None and b.event_date is not None


def merge_incidents(incidents: list[Incident]) -> list[Incident]:
    """Merge reports of the same event: same kind, same place or border, compatible dates.

    The merged incident keeps the most precise date, the lowest reported fatality figure
    (ACLED), the best-precision location, every article id in ``docs`` (the first one in
    ``doc``) and every source. Event ids are stable hashes of kind, place and date.
    """
    merged: list[Incident] = []
    for inc in incidents:
        target = next((m for m in merged if _same_kind(m, inc) and _same_place(m, inc)
                       and _same_time(m, inc) and _same_report_or_dated(m, inc)), None)
        if target is None:
            inc.docs = list(inc.docs or [inc.doc])
            inc.sources = list(inc.sources or ([inc.source] if inc.source else []))
            inc.sentences = list(inc.sentences or [inc.sentence])
            merged.append(inc)
            continue
        _absorb(target, inc)
    for inc in merged:
        key = f"{inc.category}|{inc.location}|{inc.event_date}|{inc.docs[0]}|{inc.sentence_start}"
        inc.event_id = "BM" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10].upper()
    return merged


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
    # the more violent kind wins a clash/attack pair; an agreement that is a ceasefire stays one
    if target.category == "attack" and inc.category == "armed_clash":
        target.category = "armed_clash"
    if inc.category == "ceasefire" and target.category == "agreement":
        target.category = "ceasefire"
    if inc.event_date and (target.event_date is None or (inc.time_precision or 9) < (target.time_precision or 9)):
        target.event_date, target.time_precision, target.date_text = inc.event_date, inc.time_precision, \
            inc.date_text
        if inc.doc == target.doc:  # show the sentence that dates the event
            target.sentence, target.sentence_start, target.sentence_end = inc.sentence, inc.sentence_start, \
                inc.sentence_end
    if inc.fatalities is not None and (target.fatalities is None or inc.fatalities < target.fatalities):
        if target.fatalities is None or inc.fatalities > 0:
            target.fatalities, target.fatalities_text = inc.fatalities, inc.fatalities_text
    if (inc.geo_precision or 9) < (target.geo_precision or 9):
        _copy_place(target, inc)
    target.actor1 = target.actor1 or inc.actor1
    target.actor2 = target.actor2 or inc.actor2
    target.confidence = min(1.0, max(target.confidence, inc.confidence) + 0.05)
