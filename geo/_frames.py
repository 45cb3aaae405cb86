"""Which words belong to which event: a shallow reading of one sentence.

News sentences put several events, places and dates side by side ("Clashes erupted along
the border earlier this month following Pakistani airstrikes on targets in Kabul"). The
nearest place is often the wrong one. This module reads just enough structure to attach a
place to the event word that governs it, without a parser model:

* **clauses**: a sentence is cut at semicolons, colons, dashes, brackets, quotation marks
  and the words that open a new clause ("after", "following", "while", "which", "as",
  ", and" ...). An event's arguments are looked for in its own clause first.
* **governors**: each place is governed by the word that introduces its phrase, found by
  walking left over the phrase's own words: a preposition ("in", "near", "from", "by"),
  the event verb itself (its object: "shelled Chaman"), or nothing (a subject or a
  modifier: "Pakistani jets", "Kurram clashes"). Container phrases pass the governor on:
  "in the Barmal district of Paktika" governs Paktika by "in" too, as the district's
  container; "in Khost and Paktika" governs both by "in".
* **roles**: from clause and governor, a place is the event's location (``loc``: "in",
  "near", "at", "across", "along", the verb's object), where the shooting came from
  (``origin``: "from"), who acted (``agent``: a subject, "by"), a party ("with",
  "between", "against"), or a source of a statement ("officials in Kabul said"), which is
  never a location.

Everything works on tokens from :func:`bordermap.geo._triggers.tokenize` and on article
offsets, so the results line up with mentions and dates.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from bordermap.geo._triggers import Token, Trigger

__all__ = ["Frame", "Placed", "read_sentence", "LOC_PREPS", "CONTAINERS", "SPEECH_VERBS"]

#: prepositions that say where something happened
LOC_PREPS = frozenset("""in at near inside outside across along on into over around within throughout off beyond
    toward towards onto upon through behind opposite beside alongside amid""".split())
#: nouns that contain the place after their "of": "the village of X", "parts of X"
CONTAINERS = frozenset("""outskirts outskirt village villages town towns city cities district districts province
    provinces region regions area areas part parts suburb suburbs vicinity north south east west northeast
    northwest southeast southwest side sides sector sectors border borders countryside edge edges heart centre
    center capital county counties governorate governorates state states municipality municipalities
    subdistrict subdistricts township townships tehsil tehsils environs direction territory territories soil
    airspace neighbourhood neighborhood neighbourhoods neighborhoods zone zones valley mountains hills
    frontier outpost post posts camp camps base bases locality localities enclave enclaves exclave""".split())
#: verbs of saying: a place that is their subject is a source, not a location
SPEECH_VERBS = frozenset("""said says say announced announces announce claimed claims claim accused accuses
    accuse denied denies deny rejected rejects reject told tells warned warns insisted insists stated states
    reported reports confirmed confirms added adds alleged alleges blamed blames condemned condemns urged
    urges demanded demands responded responds called calls vowed vows hailed hails welcomed welcomes
    protested summoned summons""".split())
#: nouns for people who speak for a place ("officials in Kabul", "a statement from Islamabad")
_SPEAKERS = frozenset("""official officials source sources spokesman spokeswoman spokesperson spokespeople
    authorities authority ministry ministries government statement statements reporters journalists media
    embassy diplomats diplomat correspondent envoy leaders leader minister ministers sources""".split())
_CLAUSE_WORDS = frozenset("""which who whom whose while whereas after before following when since because amid
    amidst despite although though but prompting sparking triggering forcing until unless whereby
    meanwhile however during""".split())
_CLAUSE_PUNCT = frozenset(";:()[]{}“”\"—–")
_AUX = frozenset("""is are was were be been being has have had will would could should may might can did does do
    said says""".split())
_DETS = frozenset("""the a an this that these those its their his her our my several some two three four five
    many dozens hundreds""".split())


@dataclass(slots=True)
class Placed:
    """A place-like span of a sentence and its grammatical situation."""

    start: int  # article offsets
    end: int
    first: int  # token indices
    last: int
    clause: int
    governor: str | None  # the preposition, "obj:<token index>", or None
    gov_index: int | None  # token index of the governor
    coordinated_with: int | None = None  # index (in Frame.places) of the place it is coordinated with
    container_of: int | None = None  # index of the place it is the container of ("X district of Y")
    source: bool = False  # the subject or seat of a statement
    ref: object = None  # the Mention (or unknown name) it stands for


@dataclass(slots=True)
class Frame:
    """One sentence, read: tokens, clause of every token, places with their governors."""

    offset: int
    tokens: list[Token]
    clause_of: list[int]
    places: list[Placed] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)

    def token_at(self, char: int) -> int:
        """Index of the token that contains (or follows) an article offset."""
        starts = [t.start for t in self.tokens]
        return max(0, bisect_right(starts, char) - 1)

    def clause(self, trig: Trigger) -> int:
        return self.clause_of[trig.head]

    def between(self, a: int, b: int) -> list[Token]:
        return self.tokens[a + 1:b]


def _clauses(toks: list[Token]) -> list[int]:
    """The clause number of every token."""
    out = []
    n = 0
    for i, t in enumerate(toks):
        low = t.low
        if t.text in _CLAUSE_PUNCT:
            n += 1
        elif low in _CLAUSE_WORDS and i > 0:
            # "the day after", "such as": not clause openers
            n += 1
        elif low in ("and", "as", "that") and i > 0 and toks[i - 1].text == ",":
            n += 1
        elif low == "that" and i > 0 and toks[i - 1].low in SPEECH_VERBS:
            n += 1
        out.append(n)
    return out


def read_sentence(toks: list[Token], offset: int, spans: list[tuple[int, int, object]],
                  verb_heads: dict[int, Trigger]) -> Frame:
    """Read one sentence: clauses, and the governor and role hints of each place span.

    ``spans`` are ``(start, end, ref)`` article offsets of the places (mentions or unknown
    names) inside the sentence; ``verb_heads`` maps the token index of each verbal event
    word to its trigger, so that a place right after it is read as its object.
    """
    frame = Frame(offset, toks, _clauses(toks))
    starts = [t.start for t in toks]
    for a, b, ref in sorted(spans, key=lambda s: s[0]):
        first = max(0, bisect_right(starts, a) - 1)
        last = max(first, bisect_right(starts, b - 1) - 1)
        frame.places.append(Placed(a, b, first, last, frame.clause_of[first], None, None, ref=ref))
    for k, p in enumerate(frame.places):
        _govern(frame, k, p, verb_heads)
    return frame


def _place_ending_at(frame: Frame, i: int) -> int | None:
    for k, p in enumerate(frame.places):
        if p.first <= i <= p.last:
            return k
    return None


def _govern(frame: Frame, k: int, p: Placed, verb_heads: dict[int, Trigger]) -> None:
    toks = frame.tokens
    i = p.first - 1
    steps = 0
    while i >= 0 and steps < 9:
        t = toks[i]
        if frame.clause_of[i] != p.clause:
            break  # a governor never lies in another clause
        low = t.low
        other = _place_ending_at(frame, i)
        if other is None and t.low in (",", "and", "or", "&") and i > 0:
            # "Doha, Qatar": an apposition; "Khost and Paktika": a coordination
            other = _place_ending_at(frame, i - 1)
            if other is None and t.low in ("and", "or") and i > 1 and frame.tokens[i - 1].low in CONTAINERS:
                other = _place_ending_at(frame, i - 2)  # "Khost province and Paktika"
        if other is not None and other != k:
            q = frame.places[other]
            between = [x.low for x in toks[q.last + 1:p.first]]
            if between in (["and"], ["or"], [",", "and"], [","], ["&"]) or \
                    (between and between[-1] in ("and", "or") and all(w in CONTAINERS or w == "," for w in between[:-1])):
                # "in Khost and Paktika", "Khost, Paktika and Kunar provinces": same governor
                p.governor, p.gov_index = q.governor, q.gov_index
                p.coordinated_with = other
                p.source = q.source
                return
            if between and (between[-1] in ("of", "in") or between == [","] or between[-1] == "'s") and (
                    all(w in CONTAINERS or w in ("of", "in", "the", ",", "'s") for w in between)):
                # "Barmal district of Paktika", "Kang district in Nimroz", "Gurbuz, Khost"
                p.governor, p.gov_index = q.governor, q.gov_index
                p.container_of = other
                p.source = q.source
                return
            i = q.first - 1
            steps += 1
            continue
        if i in verb_heads and verb_heads[i].verbal:
            p.governor, p.gov_index = f"obj:{i}", i
            break
        if low == "of":
            prev = toks[i - 1].low if i > 0 else ""
            if prev in CONTAINERS:
                i -= 2
                steps += 2
                continue
            p.governor, p.gov_index = "of", i
            break
        if low in ("in", "of") and i > 0:
            # "the village of X in Kurram district", "Kang district of Nimroz": the container of a place
            j = i - 1
            while j > 0 and toks[j].low in CONTAINERS:
                j -= 1
            q = _place_ending_at(frame, j)
            if q is not None and q != k and frame.clause_of[j] == p.clause:
                container = frame.places[q]
                p.governor, p.gov_index = container.governor, container.gov_index
                p.container_of = q
                p.source = container.source
                return
        if low in LOC_PREPS or low in ("from", "by", "between", "with", "against", "to", "for", "like", "than",
                                       "about", "over", "under", "via", "across"):
            p.governor, p.gov_index = low, i
            break
        if t.text in ",;:()“”\"" or low in _AUX or low in SPEECH_VERBS or low in ("and", "or", "but"):
            break
        i -= 1
        steps += 1
    # a source of a statement: "Islamabad said", "officials in Kabul said", "a statement from Kabul"
    after = [x.low for x in toks[p.last + 1:p.last + 4]]
    if after and (after[0] in SPEECH_VERBS or (after[0] in ("has", "had", "have", "also") and len(after) > 1
                                               and after[1] in SPEECH_VERBS)):
        if p.governor is None or p.governor in ("in", "from", "at"):
            p.source = True
    if p.governor in ("in", "from", "at") and p.gov_index is not None and p.gov_index > 0:
        j = p.gov_index - 1
        while j > 0 and toks[j].low in _DETS:
            j -= 1
        if toks[j].low in _SPEAKERS or toks[j].low in ("reporters", "told"):
            p.source = True
