"""Merging blocks by place and month: the same result as comparing every pair, in linear time."""

import random

from bordermap.geo.events import Incident, merge_incidents, same_event


def _reference_merge(incidents):
    """Every pair compared: the definition the blocked merge must reproduce."""
    from bordermap.geo.events import _absorb

    merged = []
    for inc in incidents:
        target = next((m for m in merged if same_event(m, inc)), None)
        if target is None:
            inc.docs = list(inc.docs or [inc.doc])
            inc.sources = list(inc.sources or ([inc.source] if inc.source else []))
            inc.sentences = list(inc.sentences or [inc.sentence])
            merged.append(inc)
        else:
            _absorb(target, inc)
    return merged


def _reports(seed, n):
    """Reports of a few hundred events from many articles: near and far places, days and
    months apart, some undated, some on the Afghanistan-Pakistan line, one near the pole
    and one on the antimeridian."""
    rng = random.Random(seed)
    centres = [(34.1, 71.1), (31.0, 66.4), (33.9, 70.1), (78.2, 15.6), (65.0, 179.9), (65.0, -179.9)]
    out = []
    for k in range(n):
        lat, lon = rng.choice(centres)
        lat += rng.uniform(-0.4, 0.4)
        lon += rng.uniform(-0.4, 0.4)
        lon = (lon + 180) % 360 - 180
        day = rng.choice([None, "2025-10-%02d" % rng.randint(1, 28), "2025-11-%02d" % rng.randint(1, 28)])
        inc = Incident(rng.choice(["armed_clash", "shelling", "airstrike", "attack"]), f"d{k % 37}", "s", 0, 1,
                       lat=lat, lon=lon, location=f"p{k % 11}", country=rng.choice(["AF", "PK"]),
                       event_date=day, time_precision=rng.choice([1, 2, 3]) if day else None,
                       date_quality=rng.choice([1, 2, 3]) if day else 0, specificity=rng.choice([1, 2, 3.5]),
                       geonameid=rng.choice([None, 1, 2, 3]),
                       border_countries=rng.choice([(), ("AF", "PK")]), fatalities=rng.choice([None, 0, 3]),
                       position=rng.randrange(0, 90_000), located_by=rng.choice(["text", "fallback"]))
        if rng.random() < 0.1:  # already merged from two articles
            inc.docs = [inc.doc, f"d{rng.randrange(37)}"]
        out.append(inc)
    return out


def test_blocked_merge_equals_comparing_every_pair():
    for seed in range(5):
        got = merge_incidents(_reports(seed, 400))
        want = _reference_merge(_reports(seed, 400))
        assert [(i.category, i.lat, i.lon, i.event_date, tuple(i.docs), i.fatalities) for i in got] == \
            [(i.category, i.lat, i.lon, i.event_date, tuple(i.docs), i.fatalities) for i in want]


def test_a_report_is_compared_with_few_others():
    import bordermap.geo.events as ev

    calls = 0
    real = ev.same_event

    def counting(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    reports = []
    for k in range(3000):  # 3,000 reports of events spread over a year and a continent
        reports.append(Incident("shelling", f"d{k}", "s", 0, 1, lat=10 + (k % 50), lon=20 + (k // 50) % 60,
                                event_date="2025-%02d-10" % (1 + k % 12), time_precision=1, date_quality=2,
                                specificity=1))
    ev.same_event = counting
    try:
        ev.merge_incidents(reports)
    finally:
        ev.same_event = real
    assert calls < 3000 * 10  # comparing all pairs would take 4.5 million calls
