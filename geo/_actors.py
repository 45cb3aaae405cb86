"""Who acted and who was acted on, named the way ACLED names actors.

ACLED's actor names follow fixed forms, which this module produces:

* state forces: ``Military Forces of Pakistan``; police: ``Police Forces of Pakistan``;
* a government as a party to talks, agreements and ceasefires: ``Government of Pakistan``;
* civilians, by the country where they were: ``Civilians (Afghanistan)``;
* named armed groups by their usual English name with the abbreviation ACLED adds
  (``Tehrik-i-Taliban Pakistan (TTP)``); unnamed ones as ``Unidentified Armed Group``.

The Afghan Taliban have been Afghanistan's government since August 2021: after that date
their forces are ``Military Forces of Afghanistan (2021-)`` as in ACLED, before it the
armed group ``Taliban``.

:func:`actor_phrases` finds the phrases of a sentence that name a side; the incident
extractor decides from their position which acted (actor1) and which was targeted or
fought back (actor2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ActorPhrase", "actor_phrases", "state_actor", "civilians", "GROUPS", "GROUP_PATTERN"]

#: alias (lower case) -> ACLED-style name of an armed group, party or organisation
GROUPS: dict[str, str] = {
    "ttp": "Tehrik-i-Taliban Pakistan (TTP)", "tehrik-i-taliban pakistan": "Tehrik-i-Taliban Pakistan (TTP)",
    "tehreek-e-taliban pakistan": "Tehrik-i-Taliban Pakistan (TTP)",
    "pakistani taliban": "Tehrik-i-Taliban Pakistan (TTP)", "pakistan taliban": "Tehrik-i-Taliban Pakistan (TTP)",
    "islamic state": "Islamic State (IS)", "isis": "Islamic State (IS)", "isil": "Islamic State (IS)",
    "is-k": "Islamic State Khorasan Province (ISKP)", "iskp": "Islamic State Khorasan Province (ISKP)",
    "al-qaeda": "Al Qaeda", "al qaeda": "Al Qaeda", "hezbollah": "Hezbollah", "hizbollah": "Hezbollah",
    "hamas": "Hamas", "islamic jihad": "Palestinian Islamic Jihad", "al-shabaab": "Al Shabaab",
    "al shabaab": "Al Shabaab", "shabaab": "Al Shabaab", "boko haram": "Boko Haram",
    "houthis": "Ansar Allah (Houthis)", "houthi": "Ansar Allah (Houthis)", "ansar allah": "Ansar Allah (Houthis)",
    "huthis": "Ansar Allah (Houthis)", "huthi": "Ansar Allah (Houthis)",
    "m23": "M23: March 23 Movement", "rsf": "Rapid Support Forces (RSF)", "rapid support forces": "Rapid Support Forces (RSF)",
    "jem": "JEM: Justice and Equality Movement", "justice and equality movement": "JEM: Justice and Equality Movement",
    "spla": "Military Forces of South Sudan", "pkk": "PKK: Kurdistan Workers Party",
    "kurdistan workers' party": "PKK: Kurdistan Workers Party", "ypg": "YPG: People's Protection Units",
    "sdf": "SDF: Syrian Democratic Forces", "jaish al-adl": "Jaish al-Adl", "jaish al adl": "Jaish al-Adl",
    "baloch liberation army": "BLA: Balochistan Liberation Army", "bla": "BLA: Balochistan Liberation Army",
    "tnla": "TNLA: Ta'ang National Liberation Army", "arakan army": "AA: Arakan Army",
    "kachin independence army": "KIA: Kachin Independence Army", "kia": "KIA: Kachin Independence Army",
    "mndaa": "MNDAA: Myanmar National Democratic Alliance Army", "karen national union": "KNU: Karen National Union",
    "knu": "KNU: Karen National Union", "knla": "KNLA: Karen National Liberation Army",
    "pdf": "PDF: People's Defense Force", "people's defence force": "PDF: People's Defense Force",
    "arsa": "ARSA: Arakan Rohingya Salvation Army", "fdlr": "FDLR: Democratic Forces for the Liberation of Rwanda",
    "farc": "FARC Dissident", "eln": "ELN: National Liberation Army", "irgc": "Islamic Revolutionary Guard Corps",
    "revolutionary guards": "Islamic Revolutionary Guard Corps", "revolutionary guard": "Islamic Revolutionary Guard Corps",
    "wagner": "Wagner Group", "russian volunteer corps": "Russian Volunteer Corps",
    "freedom of russia legion": "Freedom of Russia Legion", "tplf": "TPLF: Tigray People's Liberation Front",
    "jamaat-ul-ahrar": "Jamaat-ul-Ahrar", "lashkar-e-taiba": "Lashkar-e-Taiba (LeT)", "jaish-e-mohammed": "Jaish-e-Mohammed (JeM)",
    "militants": "Unidentified Armed Group", "gunmen": "Unidentified Armed Group", "insurgents": "Unidentified Armed Group",
    "armed men": "Unidentified Armed Group", "rebels": "Unidentified Armed Group", "terrorists": "Unidentified Armed Group",
    "smugglers": "Unidentified Armed Group", "saboteurs": "Unidentified Armed Group", "attackers": "Unidentified Armed Group",
}
_TALIBAN = re.compile(r"\b(?:afghan\s+)?taliban\b", re.I)

#: nouns that make a nationality a state's armed forces ("Pakistani troops")
FORCE_NOUNS = frozenset("""forces force troops soldiers soldier army armies military militaries guards guard
    border-guards rangers frontier corps paramilitaries paramilitary servicemen personnel units unit marines navy
    air jets warplanes aircraft drones drone artillery tanks commandos sniper snipers gunners battalion brigade
    division regiment patrol patrols posts post positions position outposts outpost checkpoints checkpoint
    base bases defence defense officers officer""".split())
_ARMED_GROUP_NOUNS = frozenset("""rebel rebels militant militants insurgent insurgents separatist separatists
    gunmen gunman guerrilla guerrillas jihadist jihadists extremist extremists terrorist terrorists""".split())
POLICE_NOUNS = frozenset("police policemen policeman gendarmes gendarmerie".split())
CIVILIAN_NOUNS = frozenset("""civilians civilian villagers villager residents resident people children child women
    woman men farmers farmer shepherds shepherd families family students worshippers tourists fishermen
    herders passengers motorists traders refugees journalists journalist citizen citizens boy boys girl girls
    teenager teenagers youth youths worker workers labourers laborers pilgrims locals inhabitants""".split())


def state_actor(country_name: str, kind: str = "military", *, cc: str | None = None,
                when: str | None = None) -> str:
    """ACLED's name for a state's forces, police or government.

    >>> state_actor("Pakistan")
    'Military Forces of Pakistan'
    >>> state_actor("Afghanistan", "government", cc="AF", when="2025-10-15")
    'Government of Afghanistan (2021-)'
    """
    suffix = " (2021-)" if cc == "AF" and (when is None or when >= "2021-08-15") else ""
    if kind == "police":
        return f"Police Forces of {country_name}{suffix}"
    if kind == "government":
        return f"Government of {country_name}{suffix}"
    return f"Military Forces of {country_name}{suffix}"


def civilians(country_name: str | None) -> str:
    """ACLED's name for civilians of a country.

    >>> civilians("Afghanistan")
    'Civilians (Afghanistan)'
    """
    return f"Civilians ({country_name})" if country_name else "Civilians"


@dataclass(slots=True)
class ActorPhrase:
    """Words of a sentence that name a side: where they are and whom they name."""

    start: int  # article offsets
    end: int
    country: str | None  # ISO code of a state side, if it is one
    name: str  # ACLED-style name
    kind: str  # "state", "group", "civilians"


GROUP_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(sorted((re.escape(k) for k in GROUPS), key=len, reverse=True))
                       + r")(?![\w-])", re.I)


def actor_phrases(sent: str, offset: int, nations: list[tuple[int, int, str, str]], category: str,
                  published: str | None) -> list[ActorPhrase]:
    """The phrases of a sentence that name sides.

    ``nations`` are ``(start, end, cc, country name)`` of demonyms and country names in the
    sentence (article offsets). A nationality followed by a force noun is that state's
    forces, by a police noun its police; a country name alone is its government for talks,
    ceasefires and agreements and its forces otherwise; "the Taliban" is Afghanistan's
    forces after August 2021.
    """
    out: list[ActorPhrase] = []
    kind_of_state = "government" if category in ("talks", "ceasefire", "agreement", "border_closure") else "military"
    for a, b, cc, name in nations:
        tail = sent[b - offset:b - offset + 40].lower()
        words = re.findall(r"[a-z]+", tail)[:3]
        if re.match(r"^\s*taliban\b", tail):
            if cc == "PK":
                out.append(ActorPhrase(a, b + len(re.match(r"^\s*taliban", tail).group()), None,
                                       GROUPS["pakistani taliban"], "group"))
            else:
                out.append(ActorPhrase(a, b, "AF", state_actor(name, cc="AF", when=published), "state"))
            continue
        if any(w in _ARMED_GROUP_NOUNS for w in words[:2]):
            # "Yemeni rebels", "Afghan militants": an armed group of that country, not its state
            noun = re.search(r"\b(?:" + "|".join(_ARMED_GROUP_NOUNS) + r")\b", tail)
            out.append(ActorPhrase(a, b + (noun.end() if noun else 0), None, f"Unidentified Armed Group ({name})",
                                   "group"))
        elif any(w in POLICE_NOUNS for w in words[:2]):
            out.append(ActorPhrase(a, b, cc, state_actor(name, "police", cc=cc, when=published), "state"))
        elif any(w in CIVILIAN_NOUNS for w in words[:2]):
            out.append(ActorPhrase(a, b, cc, civilians(name), "civilians"))
        elif any(w in FORCE_NOUNS for w in words[:2]):
            out.append(ActorPhrase(a, b, cc, state_actor(name, cc=cc, when=published), "state"))
        else:
            out.append(ActorPhrase(a, b, cc, state_actor(name, kind_of_state, cc=cc, when=published), "state"))
    for mt in GROUP_PATTERN.finditer(sent):
        a, b = mt.start() + offset, mt.end() + offset
        if any(p.start <= a < p.end or a <= p.start < b for p in out):
            continue
        key = mt.group(1).lower()
        out.append(ActorPhrase(a, b, None, GROUPS[key], "group"))
    for mt in _TALIBAN.finditer(sent):
        a, b = mt.start() + offset, mt.end() + offset
        if any(p.start <= a < p.end or a <= p.start < b for p in out):
            continue
        if published is None or published >= "2021-08-15":
            out.append(ActorPhrase(a, b, "AF", state_actor("Afghanistan", kind_of_state, cc="AF", when=published),
                                   "state"))
        else:
            out.append(ActorPhrase(a, b, None, "Taliban", "group"))
    out.sort(key=lambda p: p.start)
    return out
