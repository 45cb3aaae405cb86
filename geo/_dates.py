"""Event dates in a sentence, resolved against the article's publication date.

The rules follow ACLED's time-precision conventions: a date known to the day has
precision 1, one known to the week precision 2 (the week's middle day is used) and one
known only to the month precision 3 (the month's middle day, the 15th, is used).  A date
that cannot be known is ``None``; nothing is guessed.

Decisions
---------
* **Publication date.** ``published`` is ``YYYY-MM-DD`` (an ISO datetime is cut to its
  date; a :class:`datetime.date` is accepted too).  A malformed string raises
  :class:`ValueError`; ``None`` or an empty string means "unknown".  Without it every
  relative expression ("on Thursday", "last week", "Oct. 19") still appears in
  :func:`find_dates` with ``date=None``; expressions carrying their own year resolve.
* **Weekdays**, past tense (the default): the most recent such day on or before the
  publication date P, within the last seven days, so "on Thursday" in an article of a
  Thursday is P itself.  "last Thursday" is 1-7 days back (never P).  With
  ``future=True`` (or "next Thursday") a weekday is the next such day strictly after P:
  something happening later on P itself is reported as "today".
* **Day and month without a year** ("Oct. 19", "19 October"): the year of P, or the year
  before when that would put the date more than 61 days after P ("Dec. 30" in an article
  of Jan. 2).  With ``future=True``: the first such date on or after P.
* **"on the 19th"**: P's month, or the month before when the 19th is after P (or does not
  exist in P's month); with ``future=True`` the first 19th strictly after P.
* **Periods.**  "this week"/"earlier this week" is the middle (Thursday) of P's
  Monday-based week, clamped to P when that is after P; "last week" is the middle of the
  previous week; "this month"/"earlier this month"/"earlier in the month"/"in October"
  (P's month) is the 15th, clamped to P when the 15th is after P (ACLED codes dates
  no later than the report).  "later this week/month" and ``future=True`` clamp the other
  way (never before P).  "early/mid/late October" is still the 15th, precision 3.
* **Years.** ACLED's precisions stop at the month, so "in 2021", "since 2021",
  "last year", "earlier this year" are found but have ``date=None``.  They are
  *background*, as is anything introduced by "since" ("since Sunday" resolves, but is the
  start of a state of affairs, not the event).
* **"N days ago"** is P-N (precision 1); "N weeks ago" P-7N and "a fortnight ago" P-14
  (precision 2); "N months ago" the 15th of that month (precision 3); "a few/several
  days ago" P-3 with precision 2; vaguer spans ("a few weeks ago", "years ago") None.
* **Numeric dates** "19/10/2025" resolve only when unambiguous (one part > 12, or both
  equal); "05/10/2025" is found with ``date=None``.

:func:`event_date` picks one expression; the rule is documented there.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date as _date
from datetime import datetime as _datetime
from datetime import timedelta
from typing import Callable

__all__ = ["EventDate", "event_date", "find_dates", "mid_month", "week_middle"]


@dataclass(frozen=True, slots=True)
class EventDate:
    """A date expression found in a sentence and what it resolves to.

    Attributes
    ----------
    date : str or None
        ISO ``YYYY-MM-DD``, or None when it cannot be known.
    precision : int or None
        ACLED ``time_precision``: 1 day, 2 week, 3 month; None when `date` is None.
    text : str or None
        The words the date came from, exactly as in the sentence ("on Thursday").
    start, end : int or None
        Offsets of `text` in the sentence (plus the ``offset`` the caller gave).
    """

    date: str | None
    precision: int | None
    text: str | None
    start: int | None
    end: int | None


_NONE = EventDate(None, None, None, None, None)

#: How far after publication a year-less date may fall before it is read as last year's.
_AHEAD = timedelta(days=61)


def mid_month(year: int, month: int) -> _date:
    """The middle day of a month, ACLED's stand-in for a date known to the month.

    Examples
    --------
    >>> mid_month(2025, 2)
    datetime.date(2025, 2, 15)
    """
    return _date(year, month, 15)


def week_middle(d: _date) -> _date:
    """The middle day (Thursday) of the Monday-to-Sunday week containing `d`.

    Examples
    --------
    >>> week_middle(_date(2025, 10, 20))   # a Monday
    datetime.date(2025, 10, 23)
    >>> week_middle(_date(2025, 10, 26))   # a Sunday
    datetime.date(2025, 10, 23)
    """
    return d - timedelta(days=d.weekday()) + timedelta(days=3)


# --------------------------------------------------------------------------- tables

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
_FULL_MONTHS = {name for name in _MONTHS if len(name) > 4 or name in ("may", "june", "july")}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
          "a couple of": 2, "fifteen": 15, "twenty": 20, "thirty": 30}

_MON = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|"
        r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b(?P<dot>\.)?")
_WD = r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_TOD = r"(?:\s+(?P<tod>morning|afternoon|evening|night))?"
_NIGHT_OF = r"(?:(?:on\s+)?the\s+(?:night|morning|evening|afternoon)\s+of\s+)?"

_ON = r"(?:late|early|earlier|later)\s+on|on|since|in"
_F = re.IGNORECASE
_PATTERNS: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"(?:\b(?P<pre>on|since|in)\s+)?(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
                      r"(?![\d-])", _F),
    "slash": re.compile(r"(?:\b(?P<pre>on|since)\s+)?(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})"
                        r"(?![\d/])", _F),
    "mdy": re.compile(rf"(?:\b(?P<pre>{_ON})\s+)?{_NIGHT_OF}(?:{_WD},?\s+)?{_MON}\s+"
                      r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d]|,\d|\.\d)(?:,?\s+(?P<y>\d{4})(?!\d))?", _F),
    "dmy": re.compile(rf"(?:\b(?P<pre>{_ON})\s+)?{_NIGHT_OF}(?:{_WD},?\s+)?(?:the\s+)?(?<![\d.,])"
                      rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+(?P<y>\d{{4}})(?!\d))?", _F),
    "month": re.compile(r"(?:\b(?P<pre>in|since|during|until|through|throughout|by|from)\s+)?"
                        rf"(?:\b(?P<part>early|mid|late)(?:\s+|-))?{_MON}"
                        r"(?:,?\s+(?P<y>\d{4})(?!\d))?(?!\s*\d)", _F),
    "year": re.compile(r"\b(?P<pre>in|since|during|throughout|until|by|before|after|from)\s+"
                       r"(?:(?:early|mid|late)(?:\s+|-))?(?P<y>(?:19|20)\d\d)\b(?![-/]\d|,\d)", _F),
    "weekday": re.compile(r"(?:\b(?P<pre>(?:late|early|earlier|later)\s+on|overnight\s+(?:on|into)|on|since|"
                          rf"last|this|next|overnight|late|early|earlier|later)\s+)?{_WD}{_TOD}", _F),
    "ordinal": re.compile(r"\b(?P<pre>on|since|(?:on\s+)?the\s+(?:night|morning|evening|afternoon)\s+of)\s+"
                          r"the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)(?P<this>\s+of\s+(?:this|the)\s+month)?\b"
                          r"(?=\s*(?:[,.;:!?)\]]|$)|\s+(?:and|when|as|after|before|in|at|near|along|during|"
                          r"but|while|with|amid|morning|night|evening|afternoon)\b)", _F),
    "dayword": re.compile(r"\b(?:(?P<pre>earlier|early|later|late)\s+)?(?P<w>the\s+day\s+before\s+yesterday|"
                          r"the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|"
                          r"this\s+(?:morning|afternoon|evening)|last\s+night|last\s+evening|overnight)"
                          rf"{_TOD}\b", _F),
    "ago": re.compile(r"\b(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                      r"fifteen|twenty|thirty|an?|a\s+couple\s+of|a\s+few|several)\s+"
                      r"(?P<u>days?|weeks?|fortnights?|months?|years?)\s+ago\b", _F),
    "week": re.compile(r"\b(?:(?P<pre>earlier|later|early|late)\s+)?(?P<which>this|last|next)\s+week\b", _F),
    "week_in": re.compile(r"\b(?P<pre>earlier|later)\s+in\s+the\s+week\b", _F),
    "weekend": re.compile(r"\b(?:(?:over|during|at|on|through)\s+(?:the\s+)?|(?P<which>this|last|next)\s+)"
                          r"(?:(?:past|previous)\s+)?weekend\b", _F),
    "monthrel": re.compile(r"\b(?:(?P<pre>earlier|later|early|late)\s+)?(?P<which>this|last|next)\s+month\b", _F),
    "month_in": re.compile(r"\b(?P<pre>earlier|later)\s+in\s+the\s+month\b", _F),
    "yearrel": re.compile(r"\b(?:(?:earlier|later|early|late)\s+)?(?:this|last|next)\s+year\b|"
                          r"\b(?:earlier|later)\s+in\s+the\s+year\b", _F),
}


# --------------------------------------------------------------------------- helpers

def _parse_published(published: str | _date | None) -> _date | None:
    if published is None:
        return None
    if isinstance(published, _datetime):
        return published.date()
    if isinstance(published, _date):
        return published
    text = published.strip()
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", text)
    if m is None:
        raise ValueError(f"published must be YYYY-MM-DD, got {published!r}")
    try:
        return _date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValueError(f"published is not a real date: {published!r}") from None


def _safe(y: int, m: int, d: int) -> _date | None:
    try:
        return _date(y, m, d)
    except ValueError:
        return None


def _month_shift(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _month_of(mon: str | None) -> int | None:
    """Month number of a matched month name, or None for a lower-case "may"/"mar"/..."""
    if not mon or not mon[0].isupper():
        return None
    return _MONTHS[mon.lower()]


def _md_year(p: _date, m: int, d: int, future: bool) -> _date | None:
    if future:
        for y in (p.year, p.year + 1):
            c = _safe(y, m, d)
            if c is not None and c >= p:
                return c
        return None
    c = _safe(p.year, m, d)
    if c is not None and c <= p + _AHEAD:
        return c
    return _safe(p.year - 1, m, d)


def _clamp(d: _date, p: _date, later: bool) -> _date:
    return max(d, p) if later else min(d, p)


def _month_date(p: _date, y: int | None, m: int, future: bool) -> _date:
    if y is None:
        y = p.year
        if future:
            if _date(y, m, calendar.monthrange(y, m)[1]) < p:
                y += 1
        elif mid_month(y, m) > p + _AHEAD:
            y -= 1
    d = mid_month(y, m)
    if (y, m) == (p.year, p.month):
        d = _clamp(d, p, future)
    return d


# A handler returns (date or None, precision or None, background).
_Result = tuple[_date | None, int | None, bool]


def _h_iso(mt: re.Match[str], p: _date | None, future: bool) -> _Result | None:
    d = _safe(int(mt["y"]), int(mt["m"]), int(mt["d"]))
    if d is None:
        return None
    return d, 1, mt["pre"] is not None and mt["pre"].lower() == "since"


def _h_slash(mt: re.Match[str], p: _date | None, future: bool) -> _Result | None:
    a, b, y = int(mt["a"]), int(mt["b"]), int(mt["y"])
    bg = mt["pre"] is not None and mt["pre"].lower() == "since"
    if a > 12 and b <= 12:
        d = _safe(y, b, a)
    elif b > 12 and a <= 12:
        d = _safe(y, a, b)
    elif a == b:
        d = _safe(y, a, b)
    elif a <= 12 and b <= 12:
        return None, None, bg          # day/month order unknown: found, not resolved
    else:
        return None
    if d is None:
        return None
    return d, 1, bg


def _h_daymonth(mt: re.Match[str], p: _date | None, future: bool) -> _Result | None:
    m = _month_of(mt["mon"])
    if m is None:
        return None
    day = int(mt["d"])
    bg = mt["pre"] is not None and mt["pre"].lower() == "since"
    if not 1 <= day <= 31:
        return None
    if mt["y"]:
        d = _safe(int(mt["y"]), m, day)
        return (d, 1, bg) if d is not None else None
    if day > calendar.monthrange(2024, m)[1]:   # 2024: a leap year, so Feb. 29 passes
        return None
    if p is None:
        return None, None, bg
    d = _md_year(p, m, day, future)
    return (d, 1, bg) if d is not None else (None, None, bg)


def _h_month(mt: re.Match[str], p: _date | None, future: bool) -> _Result | None:
    m = _month_of(mt["mon"])
    if m is None:
        return None
    pre = (mt["pre"] or "").lower()
    if not (pre or mt["part"] or mt["y"]):
        return None                      # a bare month name ("the October clashes")
    if mt["mon"].lower() not in _FULL_MONTHS and not mt["dot"] and not mt["y"]:
        return None                      # "in Jan" is too likely a name
    bg = pre == "since"
    if mt["y"]:
        y = int(mt["y"])
        if p is None:
            return mid_month(y, m), 3, bg
        return _month_date(p, y, m, future), 3, bg
    if p is None:
        return None, None, bg
    return _month_date(p, None, m, future), 3, bg


def _h_year(mt: re.Match[str], p: _date | None, future: bool) -> _Result | None:
    return None, None, True


def _h_weekday(mt: re.Match[str], p: _date | None, future: bool) -> _Result | None:
    pre = " ".join((mt["pre"] or "").lower().split())
    bg = pre == "since"
    if p is None:
        return None, None, bg
    wd = _WEEKDAYS[mt["wd"].lower()]
    if pre == "last":
        back = (p.weekday() - wd) % 7 or 7
        return p - timedelta(days=back), 1, bg
    if pre == "next" or (future and pre != "since"):
        ahead = (wd - p.weekday()) % 7 or 7
        return p + timedelta(days=ahead), 1, bg
    return p - timedelta(days=(p.weekday() - wd) % 7), 1, bg


def _h_ordinal(mt: re.Match[str], p: _date | None, future: bool) -> _Result | None:
    day = int(mt["d"])
    bg = mt["pre"].lower() == "since"
    if not 1 <= day <= 31:
        return None
    if p is None:
        return None, None, bg
    if mt["this"]:
        d = _safe(p.year, p.month, day)
        return (d, 1, bg) if d else (None, None, bg)
    step = 1 if future else -1
    y, m = p.year, p.month
    for _ in range(3):
        d = _safe(y, m, day)
        if d is not None and (d > p if future else d <= p):
            return d, 1, bg
        y, m = _month_shift(y, m, step)
    return None, None, bg


_DAYWORD_SHIFT = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                  "yesterday": -1, "last night": -1, "last evening": -1, "overnight": -1,
                  "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}


def _h_dayword(mt: re.Match[str], p: _date | None, future: bool) -> _Result | None:
    if p is None:
        return None, None, False
    w = " ".join(mt["w"].lower().split())
    return p + timedelta(days=_DAYWORD_SHIFT[w]), 1, False


def _h_ago(mt: re.Match[str], p: _date | None, future: bool) -> _Result | None:
    raw = " ".join(mt["n"].lower().split())
    unit = mt["u"].lower().rstrip("s")
    vague = raw in ("a few", "several")
    n = int(raw) if raw.isdigit() else _SMALL.get(raw)
    if p is None:
        return None, None, False
    if vague:
        return (p - timedelta(days=3), 2, False) if unit == "day" else (None, None, False)
    assert n is not None
    if unit == "day":
        return p - timedelta(days=n), 1, False
    if unit == "week":
        return p - timedelta(days=7 * n), 2, False
    if unit == "fortnight":
        return p - timedelta(days=14 * n), 2, False
    if unit == "month":
        return mid_month(*_month_shift(p.year, p.month, -n)), 3, False
    return None, None, False


def _h_week(mt: re.Match[str], p: _date | None, future: bool) -> _Result | None:
    if p is None:
        return None, None, False
    which = (mt.groupdict().get("which") or "this").lower()
    pre = (mt["pre"] or "").lower()
    if which == "last":
        return week_middle(p - timedelta(days=7)), 2, False
    if which == "next":
        return week_middle(p + timedelta(days=7)), 2, False
    later = pre in ("later", "late") or (future and pre not in ("earlier", "early"))
    return _clamp(week_middle(p), p, later), 2, False


def _h_weekend(mt: re.Match[str], p: _date | None, future: bool) -> _Result | None:
    if p is None:
        return None, None, False
    which = (mt["which"] or "").lower()
    monday = p - timedelta(days=p.weekday())
    if which == "last":
        return monday - timedelta(days=2), 2, False
    if which == "next":
        return monday + timedelta(days=12), 2, False
    if future:
        return p + timedelta(days=(5 - p.weekday()) % 7), 2, False
    return p - timedelta(days=(p.weekday() - 5) % 7), 2, False


def _h_monthrel(mt: re.Match[str], p: _date | None, future: bool) -> _Result | None:
    if p is None:
        return None, None, False
    which = (mt.groupdict().get("which") or "this").lower()
    pre = (mt["pre"] or "").lower()
    if which == "last":
        return mid_month(*_month_shift(p.year, p.month, -1)), 3, False
    if which == "next":
        return mid_month(*_month_shift(p.year, p.month, 1)), 3, False
    later = pre in ("later", "late") or (future and pre not in ("earlier", "early"))
    return _clamp(mid_month(p.year, p.month), p, later), 3, False


_HANDLERS: dict[str, Callable[[re.Match[str], _date | None, bool], _Result | None]] = {
    "iso": _h_iso, "slash": _h_slash, "mdy": _h_daymonth, "dmy": _h_daymonth, "month": _h_month,
    "year": _h_year, "weekday": _h_weekday, "ordinal": _h_ordinal, "dayword": _h_dayword,
    "ago": _h_ago, "week": _h_week, "week_in": _h_week, "weekend": _h_weekend,
    "monthrel": _h_monthrel, "month_in": _h_monthrel, "yearrel": _h_year,
}


_GATE_WORD = re.compile(r"[a-z]+")
_MONTH_WORDS = frozenset(_MONTHS)
_WEEKDAY_WORDS = frozenset(_WEEKDAYS)
#: words without which a pattern cannot match (None: always tried); digits open the numeric ones
_GATES: dict[str, frozenset[str] | None] = {
    "iso": frozenset(), "slash": frozenset(),
    "mdy": _MONTH_WORDS, "dmy": _MONTH_WORDS, "month": _MONTH_WORDS,
    "year": frozenset(), "weekday": _WEEKDAY_WORDS, "ordinal": frozenset(),
    "dayword": frozenset({"today", "tonight", "yesterday", "tomorrow", "this", "last", "overnight", "day"}),
    "ago": frozenset({"ago"}), "week": frozenset({"week"}), "week_in": frozenset({"week"}),
    "weekend": frozenset({"weekend"}), "monthrel": frozenset({"month"}), "month_in": frozenset({"month"}),
    "yearrel": frozenset({"year"}),
}
_DIGIT_PATTERNS = frozenset({"iso", "slash", "year", "ordinal"})


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    date: _date | None
    precision: int | None
    background: bool


def _scan(sentence: str, p: _date | None, future: bool) -> list[_Found]:
    cands: list[_Found] = []
    words = set(_GATE_WORD.findall(sentence.lower()))
    has_digit = any(c.isdigit() for c in sentence)
    for name, pattern in _PATTERNS.items():
        gate = _GATES.get(name)
        if gate is not None and not (gate & words or (has_digit and name in _DIGIT_PATTERNS)):
            continue  # none of the words this pattern needs: skip it (most sentences)
        handler = _HANDLERS[name]
        for mt in pattern.finditer(sentence):
            res = handler(mt, p, future)
            if res is None:
                continue
            d, prec, bg = res
            cands.append(_Found(mt.start(), mt.end(), d, prec if d is not None else None, bg))
    # The longest expressions win; an expression overlapping a longer one is dropped.
    cands.sort(key=lambda c: (c.start - c.end, c.start))
    kept: list[_Found] = []
    for c in cands:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def _to_event(sentence: str, c: _Found, offset: int) -> EventDate:
    return EventDate(c.date.isoformat() if c.date is not None else None, c.precision,
                     sentence[c.start:c.end], c.start + offset, c.end + offset)


def find_dates(sentence: str, *, published: str | _date | None, future: bool = False,
               offset: int = 0) -> list[EventDate]:
    """Every date expression in a sentence, in order, each resolved if it can be.

    Parameters
    ----------
    sentence : str
        One sentence (or any short text).
    published : str, datetime.date or None
        The article's publication date, ``YYYY-MM-DD``; relative expressions need it.
    future : bool
        Read weekdays and year-less dates forward (the sentence is in the future tense).
    offset : int
        Added to every ``start``/``end`` (the sentence's offset in its article).

    Returns
    -------
    list of EventDate
        Unresolvable expressions ("in 2021", "on Friday" with no publication date)
        are included with ``date=None``.

    Examples
    --------
    >>> [d.date for d in find_dates("Talks broke down on Tuesday and shelling resumed "
    ...                             "on Oct. 16.", published="2025-10-17")]
    ['2025-10-14', '2025-10-16']
    >>> find_dates("The camp has stood since 2021.", published=None)
    [EventDate(date=None, precision=None, text='since 2021', start=19, end=29)]
    """
    p = _parse_published(published)
    return [_to_event(sentence, c, offset) for c in _scan(sentence, p, future)]


def event_date(sentence: str, *, published: str | _date | None, offset: int = 0,
               future: bool = False) -> EventDate:
    """The date of the event a sentence reports.

    When several expressions are found the one chosen is, in order of preference:
    one that resolves to a date; one that is not background ("since 2021",
    "in 2021", "last year", "since Sunday"); one not on the wrong side of the publication
    date (after it for past-tense reading, before it with ``future=True``); the most
    precise (day before week before month); the first in the sentence.  When nothing
    resolves, the best unresolved expression is returned with ``date=None`` so the caller
    can see the words; with no date expression at all every field is None.

    Parameters
    ----------
    sentence, published, offset, future
        As for :func:`find_dates`.

    Returns
    -------
    EventDate

    Examples
    --------
    >>> event_date("Clashes that began last week killed five people on Thursday.",
    ...            published="2025-10-16")
    EventDate(date='2025-10-16', precision=1, text='on Thursday', start=48, end=59)
    >>> event_date("Fighting broke out earlier this month.", published="2025-10-03").date
    '2025-10-03'
    >>> event_date("No date here.", published="2025-10-03")
    EventDate(date=None, precision=None, text=None, start=None, end=None)
    """
    p = _parse_published(published)
    found = _scan(sentence, p, future)
    if not found:
        return _NONE

    def rank(item: tuple[int, _Found]) -> tuple[bool, bool, bool, int, int]:
        i, c = item
        wrong_side = p is not None and c.date is not None and (c.date < p if future else c.date > p)
        return (c.date is None, c.background, wrong_side, c.precision or 9, i)

    _, best = min(enumerate(found), key=rank)
    return _to_event(sentence, best, offset)
