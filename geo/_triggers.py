"""Event words: the expressions news uses for each kind of incident, in every grammatical form.

A trigger is a short sequence of words that names an event: a noun ("airstrikes", "an
exchange of fire"), a verb in any inflection ("shelled", "are clashing"), or a subject and
its verb when the verb alone says too little ("jets bombed", "rockets landed", "drones hit").
Verb lemmas are expanded to every inflection with ``lemminflect`` once, at first use.

Patterns are written in a small notation, one word slot after another:

* ``word`` a word (lower case); ``a|b`` either word;
* ``V:lemma`` every inflection of a verb (``V:shell`` -> shell, shells, shelled, shelling);
* ``N:lemma`` a noun and its plural;
* ``@SET`` any word of a named word set (``@AIR``: jets, warplanes, drones, ...);
* ``?x`` an optional slot; ``~`` up to two skippable words (adverbs, "also", "reportedly");
  ``^`` up to three capitalised words (a name: "closed the Islam Qala crossing");
* ``#`` (inside a slot) any number written in digits.

Each pattern carries its category, whether it is verbal (its clause is read around the
verb) and its *head*: the slot whose word stands for the event when arguments are attached.
Hyphens are ignored, so "air-strike" and "air strike" are one pattern; "airstrike" is
another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Trigger", "Token", "tokenize", "find_triggers", "may_have_triggers", "WORD_SETS", "verb_forms"]

#: named word sets used by the patterns
WORD_SETS: dict[str, frozenset[str]] = {
    "AIR": frozenset("""jet jets warplane warplanes aircraft airplanes planes plane drone drones
        helicopter helicopters gunship gunships bomber bombers fighter fighters f16s f16 uav uavs
        air force airforce""".split()),
    "PROJ": frozenset("""rocket rockets missile missiles shell shells mortar mortars projectile projectiles
        round rounds artillery howitzer howitzers grad grads katyusha katyushas""".split()),
    "POSTS": frozenset("""post posts outpost outposts checkpost checkposts checkpoint checkpoints position
        positions bunker bunkers tank tanks base bases camp camps pickets picket vehicle vehicles
        convoy convoys""".split()),
    "BORDERISH": frozenset("""border borders crossing crossings frontier frontiers checkpoint checkpoints
        gate gates bridge bridges point points terminal terminals airspace""".split()),
    "FIREMOD": frozenset("""heavy gun small arms weapons artillery mortar rocket machine automatic sniper intense
        sporadic cross border unprovoked""".split()),
    "QTY": frozenset("""a an two three four five six seven eight nine ten dozen dozens scores hundreds several
        many some more multiple numerous # of""".split()),
    "HALT": frozenset("""halt stop cease end suspend""".split()),
    "MILACT": frozenset("""military actions action firing fire hostilities fighting attacks operations
        shelling""".split()),
}

# (category, verbal?, head slot, pattern)
_PATTERNS: list[tuple[str, bool, int, str]] = [
    # -- air and drone strikes
    ("airstrike", False, 0, "N:airstrike"),
    ("airstrike", False, 1, "air N:strike"),
    ("airstrike", False, 1, "air N:raid"),
    ("airstrike", False, 1, "air N:attack"),
    ("airstrike", False, 1, "air N:bombardment"),
    ("airstrike", False, 0, "N:airraid"),
    ("airstrike", False, 1, "drone N:strike"),
    ("airstrike", False, 1, "drone N:attack"),
    ("airstrike", False, 1, "aerial N:attack|bombardment|bombing|strike|raid"),
    ("airstrike", False, 1, "bombing N:raid"),
    ("airstrike", True, 1, "@AIR ~ V:strike|bomb|bombard|pound|hit|target|attack|raid|strafe|shell"),
    ("airstrike", True, 0, "V:bomb"),
    ("airstrike", False, 0, "N:strike"),  # "an Israeli strike on ...": kept only in a military context
    ("airstrike", True, 0, "V:strike"),  # "Israel has struck three positions": kept only in a military context
    # -- shelling, artillery, rockets and missiles fired from the ground
    ("shelling", False, 0, "shelling|shellfire|bombardment|bombardments|barrage|barrages"),
    ("shelling", True, 0, "V:shell|bombard"),
    ("shelling", False, 1, "artillery|mortar|rocket|missile|howitzer N:fire|strike|attack|barrage|shell|round"),
    ("shelling", False, 1, "artillery N:shelling"),
    ("shelling", True, 1, "@PROJ ~ V:land|hit|strike|fall|slam|explode|rain|crash"),
    ("shelling", True, 0, "V:fire|launch ?more @PROJ"),
    ("shelling", True, 0, "V:fire|launch a|an ?volley|barrage|salvo ?of @PROJ"),
    ("shelling", False, 0, "N:projectile"),
    ("shelling", True, 0, "V:fire|launch ~ ?#|@QTY ?of @PROJ"),
    # -- explosions and remote devices
    ("explosion", False, 0, "N:explosion|blast"),
    ("explosion", False, 1, "suicide N:bombing|bomber|attack|blast"),
    ("explosion", False, 1, "car|roadside|truck|bicycle|motorcycle N:bomb"),
    ("explosion", False, 0, "N:ied|landmine"),
    ("explosion", False, 1, "land N:mine"),
    ("explosion", False, 1, "improvised explosive N:device"),
    ("explosion", False, 1, "explosive N:device"),
    ("explosion", True, 1, "bomb|device|mine|ied|explosives V:explode|detonate"),
    ("explosion", True, 1, "bomb went off"),
    ("explosion", True, 0, "V:detonate"),
    # -- battles
    ("armed_clash", False, 0, "N:clash|firefight|gunfight|skirmish|shootout|counterattack|counteroffensive"),
    ("armed_clash", True, 0, "V:clash|skirmish"),
    ("armed_clash", False, 0, "fighting"),
    ("armed_clash", True, 0, "fought|fight|fights|battled|battling"),
    ("armed_clash", False, 0, "N:battle"),
    ("armed_clash", False, 1, "gun N:battle"),
    ("armed_clash", False, 1, "counter N:attack|offensive"),
    ("armed_clash", False, 0, "N:exchange of ?@FIREMOD ?@FIREMOD fire|gunfire|fires"),
    ("armed_clash", True, 0, "V:exchange|trade ?@FIREMOD ?@FIREMOD ?@FIREMOD fire|gunfire|fires|shots"),
    ("armed_clash", False, 0, "crossfire"),
    ("armed_clash", False, 1, "cross border firing|fire"),
    ("armed_clash", False, 1, "border firing"),
    ("armed_clash", False, 1, "unprovoked firing|fire"),
    ("armed_clash", False, 1, "heavy|intense firing"),
    ("armed_clash", False, 0, "N:hostility"),
    ("armed_clash", False, 0, "N:scuffle|brawl|faceoff"),
    ("armed_clash", False, 1, "face off|offs"),
    ("armed_clash", True, 0, "V:come under ?heavy|intense|sustained fire|attack|shelling"),
    ("armed_clash", True, 0, "V:repel|repulse|foil|thwart ~ ?an|the|a ?@FIREMOD N:attack|attempt|assault|incursion|"
                             "infiltration|raid"),
    ("armed_clash", True, 0, "V:capture|seize|overrun|retake|recapture"),
    ("armed_clash", True, 0, "V:take control of"),
    ("armed_clash", True, 0, "V:destroy ~ ?a|an|the|several|two|three|four|five|many ?enemy @POSTS"),
    ("armed_clash", True, 0, "V:infiltrate"),
    # -- one-sided attacks (a clash when the target is armed: see events.py)
    ("attack", False, 0, "N:attack|ambush|raid|assault|massacre|assassination|abduction|kidnapping|shooting"),
    ("attack", True, 0, "V:attack|ambush|raid|storm|assault|massacre|abduct|kidnap|assassinate"),
    ("attack", True, 0, "V:open fire"),
    ("attack", True, 0, "V:fire ~ ?@FIREMOD ?@FIREMOD ?@FIREMOD ?shots|bullets|rounds|weapons|arms|guns ~ "
                        "at|on|upon|towards|toward|into"),
    ("attack", True, 0, "V:shoot dead|down"),
    ("attack", True, 0, "V:shoot and kill"),
    ("attack", True, 0, "V:gun down"),
    ("attack", True, 0, "V:kill"),
    ("attack", True, 0, "V:shoot"),
    ("attack", True, 0, "V:wound|injure|kill|hit ~ by ?@FIREMOD ?@FIREMOD fire|gunfire|shelling|shots|bullets"),
    ("attack", False, 0, "N:killing"),
    ("attack", False, 0, "gunmen"),
    # -- ceasefires and agreements
    ("ceasefire", False, 0, "N:ceasefire|truce|armistice"),
    ("ceasefire", False, 1, "cease N:fire"),
    ("ceasefire", False, 0, "N:cessation of hostilities"),
    ("ceasefire", True, 0, "V:agree to ?immediately @HALT ?all @MILACT"),
    ("ceasefire", True, 0, "V:agree ~ to @HALT ?all ?the @MILACT"),
    ("ceasefire", True, 0, "V:agree ~ on ?a|an ?immediate|complete|full|total ceasefire|truce"),
    ("agreement", False, 1, "peace N:deal|agreement|accord|treaty|pact"),
    ("agreement", False, 0, "N:agreement|accord|deal|treaty|pact|protocol"),
    ("agreement", False, 2, "memorandum of understanding"),
    ("agreement", False, 0, "N:disengagement"),
    ("agreement", True, 0, "V:agree to"),
    # -- talks
    ("talks", False, 0, "talks|negotiations|summit|dialogue|consultations"),
    ("talks", False, 1, "flag N:meeting"),
    ("talks", False, 0, "N:meeting"),
    ("talks", True, 0, "V:meet in|at|with|on|for"),
    ("talks", True, 0, "V:negotiate"),
    ("talks", False, 1, "peace N:process|conference"),
    ("talks", False, 0, "mediation"),
    # -- border closures
    ("border_closure", True, 0, "V:close|shut|seal ~ ?the|its|their|a|all ^ ?main|key|busy|land|official "
                                "@BORDERISH ?@BORDERISH"),
    ("border_closure", False, 1, "border|crossing|frontier|airspace N:closure"),
    ("border_closure", False, 0, "N:closure of ?the|its|their|a|all ^ ?main|key|busy|land @BORDERISH ?@BORDERISH"),
    ("border_closure", True, 0, "V:close|shut|seal"),  # kept only when its object is a crossing (events.py)
    ("other", True, 0, "V:reopen ~ ?the|its|their|a|all ^ ?main|key|busy|land|official @BORDERISH ?@BORDERISH"),
    # -- protests and arrests
    ("protest", False, 0, "N:protest|demonstration|rally|sitin|sit"),
    ("protest", True, 0, "V:protest|demonstrate|rally|riot"),
    ("protest", False, 0, "N:riot"),
    ("protest", False, 0, "rioting"),
    ("protest", True, 1, "protesters|protestors|demonstrators|residents|villagers|crowds|hundreds|thousands|people "
                         "~ V:march|gather"),
    ("arrest", True, 0, "V:arrest|detain|apprehend"),
    ("arrest", False, 0, "N:arrest|detention"),
    ("arrest", True, 0, "taken into custody"),
    # -- other concrete events
    ("other", True, 0, "V:shoot ~ down ?a|an|the|two @AIR"),
    ("other", True, 0, "V:down ?a|an|the|two @AIR"),
]

_IRREGULAR_NOUNS = {"sitin": ("sit-in", "sit-ins"), "sit": ("sit-in", "sit-ins")}


@lru_cache(maxsize=None)
def verb_forms(lemma: str) -> frozenset[str]:
    """Every inflection of a verb (and the lemma itself), from lemminflect's tables.

    >>> sorted(verb_forms("shell"))
    ['shell', 'shelled', 'shelling', 'shells']
    >>> "struck" in verb_forms("strike") and "fought" in verb_forms("fight")
    True
    """
    from lemminflect import getAllInflections, getAllInflectionsOOV

    forms = {lemma}
    infl = getAllInflections(lemma, upos="VERB") or getAllInflectionsOOV(lemma, upos="VERB")
    for words in infl.values():
        forms.update(w.lower() for w in words)
    return frozenset(forms)


def _noun_forms(lemma: str) -> frozenset[str]:
    if lemma in _IRREGULAR_NOUNS:
        return frozenset({lemma})
    if lemma.endswith(("sh", "ch", "x", "s")):
        plural = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        plural = lemma[:-1] + "ies"
    else:
        plural = lemma + "s"
    return frozenset({lemma, plural})


@dataclass(frozen=True, slots=True)
class _Slot:
    words: frozenset[str]
    optional: bool = False
    skip: bool = False  # "~": up to two skippable words
    names: bool = False  # "^": up to three capitalised words


def _slot(spec: str) -> _Slot:
    if spec == "~":
        return _Slot(frozenset(), skip=True)
    if spec == "^":
        return _Slot(frozenset(), skip=True, names=True)
    optional = spec.startswith("?")
    spec = spec.lstrip("?")
    words: set[str] = set()
    if spec.startswith("V:"):
        for lemma in spec[2:].split("|"):
            words |= verb_forms(lemma)
    elif spec.startswith("N:"):
        for lemma in spec[2:].split("|"):
            words |= _noun_forms(lemma)
    else:
        for w in spec.split("|"):
            words |= WORD_SETS[w[1:]] if w.startswith("@") else {w}
    return _Slot(frozenset(words), optional)


@dataclass(frozen=True, slots=True)
class _Pattern:
    category: str
    verbal: bool
    head: int
    slots: tuple[_Slot, ...]
    source: str


@lru_cache(maxsize=1)
def _compiled() -> tuple[dict[str, list[_Pattern]], list[_Pattern]]:
    """Patterns indexed by the words their first slot accepts (optional first slots aside)."""
    by_first: dict[str, list[_Pattern]] = {}
    loose: list[_Pattern] = []
    for cat, verbal, head, src in _PATTERNS:
        pat = _Pattern(cat, verbal, head, tuple(_slot(s) for s in src.split()), src)
        first = pat.slots[0]
        if first.optional or first.skip:
            loose.append(pat)
            continue
        for w in first.words:
            by_first.setdefault(w, []).append(pat)
    return by_first, loose


# ------------------------------------------------------------------------------ tokens

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_SKIPPABLE = re.compile(r"\w+ly|also|then|again|allegedly|reportedly|jointly|both|later|first|all|"
                        r"had|have|has|was|were|been|being|be|is|are|not", re.I)


@dataclass(slots=True)
class Token:
    """A word or punctuation mark of a sentence with its offsets in the article."""

    start: int
    end: int
    text: str
    low: str


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words and punctuation, hyphens dropped ("air-strike" gives "air", "strike")."""
    out = []
    for m in _TOKEN.finditer(text):
        t = m.group()
        if t in "-‐‑":
            continue
        out.append(Token(m.start() + offset, m.end() + offset, t, t.lower().replace("’", "'")))
    return out


@dataclass(slots=True)
class Trigger:
    """An event expression found in a sentence."""

    category: str
    start: int  # character offsets in the article
    end: int
    text: str
    verbal: bool
    head: int  # token index (in the sentence's token list) of the word that stands for the event
    first: int  # token indices of the whole expression
    last: int
    pattern: str = ""


def _match(pat: _Pattern, toks: list[Token], i: int) -> tuple[int, int] | None:
    """Match a pattern at token i; returns (index after the match, head token index)."""
    k = i
    head = i
    n_word = -1  # the head counts word slots only ("~" is not one)
    for n, slot in enumerate(pat.slots):
        if slot.skip:
            j = 0
            nxt = pat.slots[n + 1].words if n + 1 < len(pat.slots) else frozenset()
            while j < (3 if slot.names else 2) and k < len(toks) and toks[k].low not in nxt and (
                    toks[k].text[:1].isupper() if slot.names else _SKIPPABLE.fullmatch(toks[k].low)):
                k += 1
                j += 1
            continue
        n_word += 1
        if k < len(toks) and (toks[k].low in slot.words or ("#" in slot.words and toks[k].low.isdigit())):
            if n_word == pat.head:
                head = k
            k += 1
        elif not slot.optional:
            return None
    return k, head


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    by_first, loose = _compiled()
    assert not loose, "every pattern starts with a fixed word slot"
    return frozenset(by_first)


_WORD = re.compile(r"\w+(?:['’]\w+)*")


def may_have_triggers(text: str) -> bool:
    """A fast test: can the text hold an event word at all? (Most sentences cannot.)"""
    return not _first_words().isdisjoint(_WORD.findall(text.lower().replace("’", "'")))


def find_triggers(toks: list[Token], text: str, offset: int) -> list[Trigger]:
    """Every event expression in a sentence, longest first where two overlap.

    ``text`` is the sentence and ``offset`` its start in the article (token offsets are
    article offsets).
    """
    by_first, loose = _compiled()
    found: list[Trigger] = []
    for i, tok in enumerate(toks):
        cands = by_first.get(tok.low, ())
        for pat in (*cands, *loose):
            hit = _match(pat, toks, i)
            if hit is None or hit[0] == i:
                continue
            end, head = hit
            a, b = toks[i].start, toks[end - 1].end
            found.append(Trigger(pat.category, a, b, text[a - offset:b - offset], pat.verbal, head, i, end - 1,
                                 pat.source))
    # longest expression wins; between equals, the earlier pattern (more specific) wins
    order = {id(t): n for n, t in enumerate(found)}
    found.sort(key=lambda t: (-(t.last - t.first), order[id(t)]))
    kept: list[Trigger] = []
    for t in found:
        if any(t.first <= k.last and k.first <= t.last for k in kept):
            continue
        kept.append(t)
    kept.sort(key=lambda t: t.first)
    return kept
