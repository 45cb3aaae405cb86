"""Fatality counts in a sentence, coded by ACLED's conventions.

Only figures tied to a death word count ("23 soldiers were killed", "killing at least 12",
"left 5 dead", "claimed 3 lives", "the death toll rose to 40", "the bodies of 7
villagers"); the wounded, injured, arrested, missing and displaced do not, and neither do
numbers that are not people (distances, years, dates, money, percentages, ages).

Decisions
---------
* **Lowest credible figure.** Qualifiers keep the stated number ("at least 23", "more
  than 30", "up to 30", "as many as 30", "nearly 30" all give the figure named); a range
  ("between 20 and 30", "20 to 30", "20-30", "two or three") gives its lower end.
* **Vague words**: "a couple" 2; "several", "a few", "some", "a handful", "a number of" 3;
  "many", "numerous" 10; "dozens" 12; "scores" 20 (one score, as "dozens" is one dozen);
  "hundreds" 100; "thousands" 1000; "tens of thousands" 10000; "several hundred" 300.
* **Several figures.** Figures in one coordinated list ("killed 5 soldiers and 3
  civilians") are added (8).  Separate figures are also added ("3 soldiers were killed
  and 2 civilians died": 5) unless they look like competing reports, when the lowest is
  kept: a death toll beside another figure, a bare figure after "said"/"claimed"/"put ...
  at" ("Pakistan said 23 soldiers died; Afghanistan said 58": 23), or two or more
  attributions ("said", "claimed", "according to", ...) in the sentence.
* **Zero.** "No one was killed/hurt", "no casualties", "without casualties", "no deaths",
  "none of the ... were killed" give 0.  "Casualties" with no death figure gives 0 (they
  may all be wounded), and so does an inseparable "killed or wounded" figure.  A sentence
  reporting none of these gives ``count=None``.
* **Singulars**: "a soldier was killed", "killing a civilian", "one policeman died",
  "another guard was killed" give 1; "a 23-year-old was killed" is 1, not 23.
* ``text`` is the figure with its qualifier and the people it names ("at least 23
  soldiers"), a death noun when that carries the meaning ("3 lives", "40 deaths"), or the
  whole phrase for zero ("No one was killed"); for a sum it runs from the first figure to
  the last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Fatalities", "fatalities", "parse_number"]


@dataclass(frozen=True, slots=True)
class Fatalities:
    """A fatality figure found in a sentence.

    Attributes
    ----------
    count : int or None
        Deaths reported; None when the sentence reports none.
    text : str or None
        The words it came from, exactly as in the sentence.
    start, end : int or None
        Offsets of `text` in the sentence.
    """

    count: int | None
    text: str | None
    start: int | None
    end: int | None


_NONE = Fatalities(None, None, None, None)

# --------------------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"(?P<word>\d[\d,.]*(?:[-‐‑–][^\W\d_][\w'’\-]*|[^\W\d_][\w'’\-]*))"   # 23-year-old, 50km, 5th
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<alpha>[^\W\d_][\w'’]*(?:[-‐‑][^\W\d_][\w'’]*)*)"
    r"|(?P<punct>\S)"
)


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int
    kind: str          # "num" (digits), "word" or "punct"


def _tokenize(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        kind = "num" if m["num"] else "punct" if m["punct"] else "word"
        out.append(_Tok(m.group(), m.group().lower().replace("’", "'"), m.start(), m.end(), kind))
    return out


# --------------------------------------------------------------------------- numbers

_ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_VAGUE_SCALES = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000}
_VAGUE_FEW = {"several": 3, "many": 10, "numerous": 10}
_MODIFIERS = [
    ("no", "fewer", "than"), ("no", "less", "than"), ("not", "less", "than"), ("as", "many", "as"),
    ("a", "total", "of"), ("at", "least"), ("at", "most"), ("up", "to"), ("more", "than"),
    ("fewer", "than"), ("less", "than"), ("close", "to"), ("upwards", "of"), ("just", "over"),
    ("just", "under"), ("well", "over"), ("an", "estimated"), ("over",), ("nearly",), ("almost",),
    ("around",), ("about",), ("approximately",), ("roughly",), ("some",), ("estimated",),
]


@dataclass(frozen=True, slots=True)
class _Num:
    value: int
    i: int             # first token (qualifier included)
    j: int             # one past the last token
    article: bool = False
    vague: bool = False


#: words a number phrase can start with (qualifiers, number words, vague quantities)
_NUMBER_STARTS = frozenset({m[0] for m in _MODIFIERS} | set(_ONES) | set(_TENS) | set(_VAGUE_SCALES) |
                           set(_VAGUE_FEW) | {"some", "half", "a", "tens", "between"})


def _words_at(toks: list[_Tok], i: int, words: tuple[str, ...]) -> bool:
    return (i + len(words) <= len(toks)
            and all(toks[i + k].low == w for k, w in enumerate(words)))


def _word_number(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """A number written in words from token i: (value, next index)."""
    parts: list[tuple[str, int]] = []     # (word, token index after it)
    k = i
    while k < len(toks) and toks[k].kind == "word":
        pieces = toks[k].low.split("-")
        if not all(p in _ONES or p in _TENS or p in _SCALES for p in pieces):
            if toks[k].low == "and" and parts and parts[-1][0] in _SCALES:
                k += 1
                continue
            if toks[k].low == "a" and not parts and k + 1 < len(toks) and toks[k + 1].low in _SCALES:
                parts.append(("one", k + 1))
                k += 1
                continue
            break
        for p in pieces:
            parts.append((p, k + 1))
        k += 1
    if not parts or parts[0][0] in _SCALES:
        return None
    total = current = 0
    last_kind = ""
    end = i
    for word, after in parts:
        if word in _ONES:
            if last_kind in ("ones", "teens") or (last_kind == "tens" and _ONES[word] >= 10):
                break
            current += _ONES[word]
            last_kind = "ones" if _ONES[word] < 10 else "teens"
        elif word in _TENS:
            if last_kind in ("ones", "teens", "tens"):
                break
            current += _TENS[word]
            last_kind = "tens"
        else:
            if last_kind == "" or last_kind == "scale" and _SCALES[word] == 100:
                break
            if _SCALES[word] == 100:
                current *= 100
            else:
                total += current * _SCALES[word]
                current = 0
            last_kind = "scale"
        end = after
    if end == i:
        return None
    return total + current, end


def _core(toks: list[_Tok], i: int) -> tuple[int, int, bool] | None:
    """A number (digits, words or a vague quantity) at token i: (value, next, vague)."""
    if i >= len(toks):
        return None
    t = toks[i]
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if t.kind == "num":
        try:
            value = float(t.low.replace(",", ""))
        except ValueError:
            return None
        j = i + 1
        if nxt in _SCALES:
            value *= _SCALES[nxt]
            j += 1
        elif nxt == "dozen":
            value *= 12
            j += 1
        if value != int(value):
            return None
        return int(value), j, False
    if t.kind != "word":
        return None
    if t.low == "half" and _words_at(toks, i + 1, ("a", "dozen")):
        return 6, i + 3, False
    if t.low == "a" and nxt == "dozen":
        return 12, i + 2, False
    if t.low == "a" and nxt == "score" and _words_at(toks, i + 2, ("of",)):
        return 20, i + 2, False
    if t.low == "a" and nxt in ("few", "handful", "number", "couple"):
        value = 2 if nxt == "couple" else 3
        j = i + 2
        if nxt == "number" and not _words_at(toks, j, ("of",)):
            return None
        if nxt == "number":
            j += 1
        scaled = _scaled(toks, j, value)
        return (scaled[0], scaled[1], True) if scaled else (value, j, True)
    if t.low in ("tens", "hundreds") and _words_at(toks, i + 1, ("of", "thousands")):
        return (10_000 if t.low == "tens" else 100_000), i + 3, True
    if t.low in _VAGUE_SCALES:
        return _VAGUE_SCALES[t.low], i + 1, True
    if t.low in _VAGUE_FEW or t.low == "some":
        value = _VAGUE_FEW.get(t.low, 3)
        scaled = _scaled(toks, i + 1, value) if t.low != "many" else None
        return (scaled[0], scaled[1], True) if scaled else (value, i + 1, True)
    wn = _word_number(toks, i)
    if wn is not None:
        value, j = wn
        if j < len(toks) and toks[j].low == "dozen":
            return value * 12, j + 1, False
        return value, j, False
    return None


def _scaled(toks: list[_Tok], j: int, value: int) -> tuple[int, int] | None:
    """ "several hundred", "a few dozen": a vague multiplier and a scale word."""
    if j < len(toks) and toks[j].low in ("dozen", "hundred", "thousand"):
        return value * {"dozen": 12, "hundred": 100, "thousand": 1000}[toks[j].low], j + 1
    return None


def _number(toks: list[_Tok], i: int) -> _Num | None:
    """A number phrase with its qualifier and range at token i; the lower figure of a range."""
    if i >= len(toks) or (toks[i].kind != "num" and toks[i].low.split("-")[0] not in _NUMBER_STARTS):
        return None  # most words start no number: answer them at once
    start = i
    for mod in _MODIFIERS:
        if _words_at(toks, i, mod):
            core = _core(toks, i + len(mod))
            if core is not None and not (mod == ("some",) and core[2]):
                i += len(mod)
                break
    if _words_at(toks, i, ("between",)):
        a = _core(toks, i + 1)
        if a and _words_at(toks, a[1], ("and",)):
            b = _core(toks, a[1] + 1)
            if b:
                return _Num(min(a[0], b[0]), start, b[1], vague=a[2])
    core = _core(toks, i)
    if core is None:
        return None
    value, j, vague = core
    # a range: "20 to 30", "20-30", "two or three" (not "from 20 to 30", a change)
    prev = toks[start - 1].low if start > 0 else ""
    if j < len(toks) and toks[j].low in ("to", "-", "–", "or") and prev != "from":
        other = _core(toks, j + 1)
        if other is not None and other[2] == vague:
            return _Num(min(value, other[0]), start, other[1], vague=vague)
    return _Num(value, start, j, vague=vague)


def parse_number(words: str) -> int | None:
    """The number a phrase states, or None if it is not (only) a number.

    Qualifiers keep the figure, ranges give the lower end, vague words the values in
    the module's decisions, and "a"/"an"/"one" give 1.

    Examples
    --------
    >>> [parse_number(w) for w in ("23", "1,200", "twenty-three", "a dozen", "two dozen")]
    [23, 1200, 23, 12, 24]
    >>> [parse_number(w) for w in ("at least 40", "between 20 and 30", "dozens", "hundreds")]
    [40, 20, 12, 100]
    >>> parse_number("the border") is None
    True
    """
    toks = _tokenize(words.strip())
    if len(toks) == 1 and toks[0].low in ("a", "an", "another"):
        return 1
    num = _number(toks, 0)
    if num is None or num.j != len(toks):
        return None
    return num.value


# --------------------------------------------------------------------------- vocabulary

_PEOPLE = frozenset("""
people persons person soldiers soldier troops trooper troopers civilians civilian militants militant
fighters fighter insurgents insurgent rebels rebel terrorists terrorist attackers attacker gunmen
gunman police policemen policeman policewomen policewoman officers officer personnel guards guard
children child kids kid women woman men man boys boy girls girl members member residents resident
villagers villager workers worker students student passengers passenger others individuals
individual citizens citizen nationals national refugees refugee migrants migrant taliban
militiamen militiaman paramilitaries paramilitary commandos commando jawans jawan servicemen
serviceman marines marine pilgrims pilgrim worshippers worshipper protesters protester
demonstrators demonstrator shepherds shepherd farmers farmer relatives relative tribesmen
tribesman elders elder journalists journalist doctors doctor teachers teacher staff infants
infant babies baby teenagers teenager youths youth combatants combatant operatives operative
commanders commander locals local bystanders bystander pedestrians pedestrian engineers engineer
labourers labourer laborers laborer drivers driver traders trader smugglers smuggler cadres
recruits recruit conscripts conscript detainees detainee prisoners prisoner hostages hostage
suspects suspect corps forces them whom victims victim bombers bomber mourners guests
sepoys sepoy cadets cadet crew tourists tourist friends friend brother brothers sister sisters son sons
daughter daughters father fathers mother mothers wife wives husband husbands cousin cousins nephew nephews
niece nieces uncle uncles aunt aunts neighbours neighbour neighbors neighbor colleagues colleague comrades
comrade sentry sentries guardsmen guardsman rangers ranger herders herder fishermen fisherman
""".split())
#: singular people nouns that count one without an article in a list ("a Saudi citizen and Yemeni resident")
_SINGULAR_PEOPLE = frozenset(w for w in _PEOPLE if not w.endswith("s") or w in ("corps",)) - {"people", "police",
                                                                                            "staff", "crew", "them",
                                                                                            "whom", "forces"}
_DEATH_AFTER = frozenset("killed dead died die dies slain martyred perished murdered massacred "
                         "executed beheaded lynched assassinated".split())
_TRANSITIVE = frozenset("killed martyred murdered massacred executed assassinated".split())
_DEATH_VERBS = frozenset("killed killing kills slew slaughtered slaughtering martyred martyring murdered "
                         "murdering massacred massacring executed executing assassinated claims claimed "
                         "claiming".split())
_DEATH_NOUNS = frozenset("deaths fatalities bodies corpses martyrs lives".split())
_DEATH_NOUNS_ONE = frozenset("death fatality body corpse martyr".split())
_OF_NOUNS = frozenset("killing killings deaths death bodies murder murders massacre martyrdom lives "
                      "remains execution executions loss".split())
_NONDEATH = frozenset("wounded injured hurt arrested detained missing displaced abducted kidnapped captured "
                      "evacuated rescued fled trapped hospitalized hospitalised treated held taken injuring "
                      "wounding injuries injures wounds affected homeless surrendered released freed "
                      "stranded sheltered".split())
_AUX = frozenset("were was have has had been are is being got reportedly also all later allegedly confirmed "
                 "reported subsequently now who that which among the shot gunned beaten stabbed burned burnt "
                 "hacked stoned crushed found declared pronounced either both each instantly immediately "
                 "apparently".split())
_BREAK = frozenset("and or but while whereas in on at near from to after before during when as since with by "
                   "including across along inside outside into amid among than if "
                   # time phrases end the victim phrase: "killed dozens this month"
                   "this last next every earlier later overnight yesterday today tonight monday tuesday "
                   "wednesday thursday friday saturday sunday".split())
_UNITS = frozenset("""
km kms kilometres kilometers kilometre kilometer miles mile metres meters metre meter m ft feet yards
percent per cent kg kilograms tonnes tons years year months month days day hours hour minutes minute
seconds weeks week times rounds shells rockets missiles mortars drones vehicles trucks tanks villages
houses homes posts checkpoints dollars rupees afghanis euros pounds usd pkr afn inr am pm a.m p.m
gmt o'clock january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec crossings districts provinces aircraft jets planes
helicopters sorties strikes attacks incidents cases points seats votes
""".split())
_CURRENCY = frozenset("$ £ € ¥ ₹ rs rs. usd pkr inr afn".split())
_MONTH_TOKENS = frozenset("january february march april may june july august september october november "
                          "december jan feb mar apr jun jul aug sep sept oct nov dec".split())
_ATTRIBUTION = frozenset("said says say claimed claims claim according told stated insisted alleged put "
                         "counted estimated".split())
_ARTICLES = frozenset(("a", "an", "another"))
_DETERMINERS = frozenset("the them whom those these their its his her our a an".split())
_BOUNDARY_PUNCT = frozenset(",.;:!?)]—–-\"'”’")


# --------------------------------------------------------------------------- matching

@dataclass(frozen=True, slots=True)
class _Item:
    num: _Num
    end_tok: int        # one past the victim phrase (or the number)
    text_end_tok: int   # one past the last token that goes in `text`


_AGE = re.compile(r"\d+[-‐‑–]years?[-‐‑–]olds?")


def _is_people(tok: _Tok, first: bool) -> bool:
    if tok.low in _PEOPLE or _AGE.fullmatch(tok.low):
        return True
    # demonyms used as nouns: "two Afghans", "three Pakistanis"
    return tok.text[:1].isupper() and tok.low.endswith(("ans", "is", "ese")) and not first


class _Matcher:
    def __init__(self, sentence: str) -> None:
        self.s = sentence
        self.t = _tokenize(sentence)
        self.n = len(self.t)

    def low(self, i: int) -> str:
        return self.t[i].low if 0 <= i < self.n else ""

    def boundary(self, i: int) -> bool:
        if i >= self.n:
            return True
        t = self.t[i]
        return (t.kind == "punct" and t.low in _BOUNDARY_PUNCT) or t.low in _BREAK

    def number_at(self, i: int) -> _Num | None:
        """A number phrase at i that could count people (context checks included)."""
        if i >= self.n or self.t[i].kind == "punct":
            return None
        num = _number(self.t, i)
        if num is None:
            if self.low(i) in _ARTICLES or (self.low(i) in ("his", "her") and self.low(i + 1) in _SINGULAR_PEOPLE):
                return _Num(1, i, i + 1, article=True)
            return None
        prev = self.low(i - 1)
        prev_word = self.low(i - 2) if prev == "." else prev
        if prev in _CURRENCY or prev_word in _MONTH_TOKENS or prev in ("no", "not", "none", "no."):
            return None
        if prev in ("-", "/", ":") and self.t[i - 2].kind == "num" if i >= 2 else False:
            return None  # the day of "2020-06-16", the minutes of "10:30"
        if self.t[num.i].kind == "num" and num.j < self.n and self.t[num.j].kind == "word" and \
                _number(self.t, num.j) is not None and self.t[num.j].low not in _VAGUE_SCALES:
            return None  # "16 Twenty soldiers": a stray figure before the real one
        if self.low(num.j) in ("%", "per", "percent"):
            return None
        t = self.t[num.i]
        if (num.j - num.i == 1 and t.kind == "num" and len(t.text) == 4 and 1900 <= num.value <= 2100
                and not (num.j < self.n and self.t[num.j].low in _PEOPLE)):
            return None        # a year
        if num.value == 0:
            return None
        return num

    def item_at(self, i: int) -> _Item | None:
        """A number and the people it names: "at least 23 Pakistani soldiers", "dozens of them"."""
        num = self.number_at(i)
        if num is None:
            return None
        k = num.j
        run: list[int] = []
        while k < self.n and len(run) < 6:
            t = self.t[k]
            if t.kind != "word":
                break
            if t.low in _UNITS:
                return None
            if t.low == "of" or (run and self.low(k - 1) == "of" and t.low in _DETERMINERS):
                run.append(k)
                k += 1
                continue
            if (t.low in _AUX or t.low in _BREAK or t.low in _DEATH_AFTER or t.low in _NONDEATH
                    or t.low in _DEATH_NOUNS or t.low in _DEATH_VERBS or t.low in _ATTRIBUTION
                    or t.low == "lost"):
                if t.low in ("them", "whom") or (t.low == "the" and self.low(k - 1) == "of"):
                    run.append(k)
                    k += 1
                    continue
                break
            run.append(k)
            k += 1
            nxt = self.low(k)
            if _is_people(t, first=False) and nxt.endswith(("ing", "ed")) and nxt not in _PEOPLE:
                break  # "two fighters manning the post": the phrase ends at its people noun
        if run:
            last = self.t[run[-1]]
            if not _is_people(last, first=False):
                return None
        elif num.article:
            return None
        end = run[-1] + 1 if run else num.j
        return _Item(num, end, end)

    def list_at(self, i: int, need_boundary: bool) -> list[_Item]:
        """Coordinated items: "5 soldiers, 2 police and 3 civilians"."""
        first = self.item_at(i)
        if first is None or (need_boundary and not self.follows_ok_after(first.end_tok)):
            return []
        items = [first]
        while True:
            k = self._skip_place(items[-1].end_tok)
            if self.low(k) == "," and self.low(k + 1) == "and":
                k += 2
            elif self.low(k) in (",", "and", "plus"):
                k += 1
            elif _words_at(self.t, k, ("as", "well", "as")):
                k += 3
            else:
                break
            if self.low(k) in ("the", "their") and self.number_at(k + 1) is not None:
                k += 1  # "the three friends and the two fighters"
            nxt = self.item_at(k) or self._implicit_one(k)
            if nxt is None:
                break
            if need_boundary and not self.follows_ok(nxt.end_tok):
                break
            items.append(nxt)
        return items

    def _skip_place(self, k: int) -> int:
        """Past a place phrase after a figure: "5 in Khost and 3 in Paktika" lists two figures."""
        if self.low(k) not in ("in", "at", "near") or k + 1 >= self.n or not self.t[k + 1].text[:1].isupper():
            return k
        j = k + 1
        while j < self.n and j - k <= 5 and (self.t[j].text[:1].isupper() or self.low(j) in (
                "province", "district", "village", "town", "region", "city", "area", "of")):
            j += 1
        return j

    def _implicit_one(self, k: int) -> _Item | None:
        """A singular person named without article in a list: "... and Yemeni resident"."""
        for j in range(k, min(k + 3, self.n)):
            t = self.t[j]
            if t.kind != "word" or t.low in _BREAK or t.low in _AUX or t.low in _NONDEATH or \
                    t.low in _DEATH_AFTER or t.low in _DEATH_VERBS or t.low in _DETERMINERS:
                return None
            if t.low in _SINGULAR_PEOPLE:
                return _Item(_Num(1, k, k, article=True), j + 1, j + 1)
        return None

    def follows_ok_after(self, k: int) -> bool:
        """After the first object figure: a boundary, or a list separator."""
        return self.follows_ok(k) or self.low(k) == "plus"

    def follows_ok(self, k: int) -> bool:
        """After an object figure the clause goes on: "killing 5 and wounding 12", "5 in Kurram"."""
        return k >= self.n or self.boundary(k) or (self.low(k).endswith("ing") and self.t[k].kind == "word"
                                                   and self.low(k) not in _DEATH_VERBS)


@dataclass(frozen=True, slots=True)
class _Group:
    total: int
    start: int
    end: int
    kind: str            # "list", "toll", "alt", "mixed"
    toks: frozenset[int]


def _groups(m: _Matcher) -> tuple[list[_Group], list[_Group]]:
    """(death figures, inseparable killed-or-wounded figures)."""
    t = m.t
    used: set[int] = set()
    groups: list[_Group] = []
    mixed: list[_Group] = []

    def add(items: list[_Item], kind: str, text_end: int | None = None) -> None:
        toks = frozenset(k for it in items for k in range(it.num.i, it.num.j))
        if toks & used:
            return
        used.update(toks)
        end_tok = text_end if text_end is not None else items[-1].text_end_tok
        g = _Group(sum(it.num.value for it in items), t[items[0].num.i].start, t[end_tok - 1].end,
                   kind, toks)
        (mixed if kind == "mixed" else groups).append(g)

    def mixed_near(d: int) -> bool:
        return ((m.low(d + 1) in ("or", "and") and m.low(d + 2) in _NONDEATH)
                or (m.low(d - 1) in ("or", "and") and m.low(d - 2) in _NONDEATH))

    # "the death toll rose to 40", "put the toll at 23"
    for i, tok in enumerate(t):
        if tok.low not in ("toll", "tally"):
            continue
        for k in range(i + 1, min(i + 11, m.n)):
            if m.low(k) in (";", ".", "while", "but", "whereas"):
                break
            if k in used:
                continue
            num = m.number_at(k)
            if num is None or num.article:
                continue
            if m.low(k - 1) == "from" and m.low(num.j) == "to":
                later = m.number_at(num.j + 1)
                if later is not None:
                    num = later
            if m.low(num.j) in _UNITS:
                continue
            add([m.item_at(num.i) or _Item(num, num.j, num.j)], "toll")
            break

    # "40 deaths", "claimed 3 lives", "12 civilian deaths", "one death"
    for i in range(m.n):
        num = m.number_at(i)
        if num is None or num.article:
            continue
        for k in range(num.j, min(num.j + 3, m.n)):
            w = m.low(k)
            if w in _DEATH_NOUNS or (w in _DEATH_NOUNS_ONE and num.value == 1):
                if w == "lives" and m.low(num.i - 1) in ("saved", "save", "saving", "saves"):
                    break
                add([_Item(num, k + 1, k + 1)], "list")
                break
            if t[k].kind != "word" or w in _UNITS or w in _BREAK or w in _AUX or w in _NONDEATH:
                break

    # "the deaths of 12 soldiers", "claimed the lives of 3 people"
    for i, tok in enumerate(t):
        if tok.low in _OF_NOUNS and m.low(i + 1) == "of":
            k = i + 2
            if m.low(k) == "the":
                k += 1
            items = m.list_at(k, need_boundary=False)
            if items:
                add(items, "list")

    # "killed 5 soldiers and 3 civilians", "killing at least 12", "shot dead two guards"
    for i, tok in enumerate(t):
        v = None
        if tok.low in _DEATH_VERBS:
            v = i
        elif (tok.low, m.low(i + 1)) in (("shot", "dead"), ("gunned", "down"), ("shooting", "dead")):
            v = i + 1
        if v is None:
            continue
        k = v + 1
        is_mixed = mixed_near(v)
        if m.low(k) in ("or", "and") and m.low(k + 1) in _NONDEATH:
            k += 2
        if m.low(k) in ("the", "their", "its") and m.number_at(k + 1) is not None:
            k += 1  # "killing the three friends"
        items = m.list_at(k, need_boundary=True)
        if items:
            add(items, "mixed" if is_mixed else "list")

    # "23 soldiers were killed", "5 killed", "a soldier was martyred", "left 5 dead"
    for i in range(m.n):
        items = m.list_at(i, need_boundary=False)
        if not items:
            continue
        k = items[-1].end_tok
        aux = 0
        while m.low(k) in _AUX and aux < 5:
            k += 1
            aux += 1
        is_mixed = False
        if m.low(k) in _NONDEATH and m.low(k + 1) in ("or", "and"):
            is_mixed = True
            k += 2
            while m.low(k) in _AUX:
                k += 1
        w = m.low(k)
        if m.low(k) == "lost" and m.low(k + 1) in ("their", "his", "her") and m.low(k + 2) in ("lives", "life"):
            pass
        elif w == "to" and m.low(k + 1) == "death" and aux:
            pass
        elif w in _DEATH_AFTER:
            if w in _TRANSITIVE and aux == 0:
                # active voice: "3 gunmen killed 12 people" is about the 12
                nxt = m.number_at(k + 1)
                if nxt is not None or m.low(k + 1) in _DETERMINERS or m.low(k + 1) in ("him", "her", "them"):
                    continue
                if k + 1 < m.n and t[k + 1].kind == "word" and m.low(k + 1) not in _BREAK:
                    continue
            is_mixed = is_mixed or mixed_near(k)
        else:
            continue
        add(items, "mixed" if is_mixed else "list")
    return groups, mixed


_ZERO = re.compile(
    r"\b(?:no[\s-]one|nobody|none(?:\s+of\s+(?:the|them|those)(?:\s+[\w,-]+){0,6}?)?"
    r"|no\s+(?:[a-z]+\s+){0,2}?(?:civilians?|soldiers?|troops|people|personnel|lives|one|guards?|"
    r"police(?:men)?|officers?|residents|villagers|children)"
    r"|not\s+(?:a\s+single|one|a)(?:\s+[a-z]+){0,2}?)\s+"
    r"(?:(?:was|were|has|have|had|is|are|got|been|reportedly|immediately|seriously|believed\s+to\s+have|"
    r"to\s+have)\s+){0,3}(?:killed|hurt|injured|harmed|wounded|died|dead|lost)\b"
    r"|\b(?:no|without(?:\s+any)?|zero|nil)\s+(?:immediate\s+|reported\s+|known\s+|human\s+)?"
    r"(?:reports?\s+of\s+)?(?:casualties|deaths|fatalities|injuries|loss(?:es)?\s+of\s+(?:life|lives))\b",
    re.IGNORECASE,
)
_CASUALTIES = re.compile(r"\bcasualt(?:y|ies)\b", re.IGNORECASE)


def fatalities(sentence: str) -> Fatalities:
    """The number of deaths a sentence reports, by ACLED's conventions.

    Parameters
    ----------
    sentence : str
        One sentence.

    Returns
    -------
    Fatalities
        ``count`` None when the sentence reports no deaths (and no explicit zero).

    Examples
    --------
    >>> fatalities("The raid killed at least 23 soldiers and wounded 40 others.")
    Fatalities(count=23, text='at least 23 soldiers', start=16, end=36)
    >>> fatalities("Dozens were killed near the 2,600-kilometer border.").count
    12
    >>> fatalities("Officials said 14 people were injured.").count is None
    True
    >>> fatalities("No one was killed in the blast.")
    Fatalities(count=0, text='No one was killed', start=0, end=17)
    """
    m = _Matcher(sentence)
    groups, mixed = _groups(m)
    zeros = list(_ZERO.finditer(sentence))
    groups = [g for g in groups if not any(z.start() <= g.start and g.end <= z.end() for z in zeros)]
    mixed = [g for g in mixed if not any(z.start() <= g.start and g.end <= z.end() for z in zeros)]
    if groups:
        used = set().union(*(g.toks for g in groups), *(g.toks for g in mixed))
        alts = _alternatives(m, used)
        cues = sum(1 for tok in m.t if tok.low in _ATTRIBUTION)
        if len(groups) == 1 and not alts:
            best = groups[0]
        elif alts or any(g.kind == "toll" for g in groups) or cues >= 2:
            best = min(groups + alts, key=lambda g: (g.total, g.start))
        else:
            groups.sort(key=lambda g: g.start)
            total = sum(g.total for g in groups)
            start, end = groups[0].start, max(g.end for g in groups)
            return Fatalities(total, sentence[start:end], start, end)
        return Fatalities(best.total, sentence[best.start:best.end], best.start, best.end)
    named = _named_victims(sentence)
    if named is not None:
        return named
    if zeros:
        z = zeros[0]
        return Fatalities(0, z.group(), z.start(), z.end())
    if mixed:
        g = mixed[0]
        return Fatalities(0, sentence[g.start:g.end], g.start, g.end)
    cas = _CASUALTIES.search(sentence)
    if cas:
        start = cas.start()
        toks = [tok for tok in m.t if tok.end <= start]
        if toks:
            prev = toks[-1]
            num = m.number_at(len(toks) - 1) if prev.kind != "punct" else None
            if prev.low in ("heavy", "serious", "significant", "mass", "civilian", "military", "many",
                            "several", "some", "numerous", "dozens", "hundreds") or (
                    num is not None and num.j == len(toks)):
                start = prev.start if num is None else m.t[num.i].start
        return Fatalities(0, sentence[start:cas.end()], start, cas.end())
    return _NONE


_RANK = (r"(?:(?:senior|junior|first|second|lance|staff|master|chief|deputy|head)\s+)?(?:sergeant|sgt\.?|corporal|"
         r"cpl\.?|private|pvt\.?|lieutenant|lt\.?|captain|capt\.?|major|maj\.?|colonel|col\.?|general|gen\.?|"
         r"commander|constable|inspector|officer|soldier|sepoy|naik|havildar|jawan|rifleman|gunner|trooper|"
         r"policeman|guard|ranger|commando)")
_CAP = r"(?!(?:He|She|They|It|This|That|These|Those|We|You|Who|There|Here|The|A|An|One|Police|Officials?|Troops|" \
       r"Soldiers|Forces|Army|Militants|Residents|Sources)\b)[A-Z][\w'’-]+"
_NAME = rf"{_CAP}(?:\s+{_CAP}){{0,2}}"
_FULL_NAME = rf"{_CAP}(?:\s+{_CAP}){{1,2}}"
_ONE_VICTIM = rf"(?:(?:the\s+)?{_RANK}(?:\s+of\s+the\s+[\w\s]{{1,30}}?)?,?\s+{_NAME}|{_FULL_NAME})"
_NAMED_VICTIMS = re.compile(rf"(?P<list>{_ONE_VICTIM}(?:\s*,\s*{_ONE_VICTIM})*(?:,?\s+and\s+{_ONE_VICTIM})?)"
                            r",?\s+(?:(?:was|were|had\s+been|have\s+been|has\s+been)\s+(?:killed|martyred|shot\s+dead|"
                            r"slain)|died|(?:was|were)\s+found\s+dead)\b")


def _named_victims(sentence: str) -> Fatalities | None:
    """People named as killed when no figure is given: "sergeant Vugar Sadigov and corporal
    Elshad Mammadov died", "Lieutenant Rashid Mahmudov was killed" (one death per name)."""
    for mt in _NAMED_VICTIMS.finditer(sentence):
        text = mt.group("list")
        ranks = len(re.findall(rf"(?i)(?<![\w-]){_RANK}(?![\w-])", text))
        # a rank names one person ("the senior lieutenant of the army, Rashid Mahmudov"); with
        # no rank, each name joined by "and" is one
        n = ranks or len(re.split(r",?\s+and\s+", text))
        return Fatalities(n, text, mt.start("list"), mt.end("list"))
    return None


def _alternatives(m: _Matcher, used: set[int]) -> list[_Group]:
    """Bare competing figures: "..., Afghanistan said 58", "the Taliban put it at 40"."""
    out = []
    for i, tok in enumerate(m.t):
        if i in used or tok.kind == "punct":
            continue
        if not any(m.low(k) in _ATTRIBUTION for k in range(max(0, i - 4), i)):
            continue
        if m.low(i - 1) not in _ATTRIBUTION and m.low(i - 1) not in ("at", "to", "was", "is"):
            continue
        item = m.item_at(i)
        if item is None or item.num.article or item.num.i != i:
            continue
        if not m.follows_ok(item.end_tok) or m.low(item.end_tok) in ("and",):
            continue
        toks = frozenset(range(item.num.i, item.num.j))
        if toks & used:
            continue
        out.append(_Group(item.num.value, m.t[item.num.i].start, m.t[item.end_tok - 1].end, "alt", toks))
    return out
