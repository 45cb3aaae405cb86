"""Plain-dict forms of bordermap's results (the JSON the command line writes)."""

from __future__ import annotations

from bordermap.geo.extract import Mention

__all__ = ["mention_record", "PLACE_FIELDS"]

#: Fields of a ``bordermap places`` line, in order (DESIGN.md's contract, then extras).
PLACE_FIELDS = ("doc", "start", "end", "surface", "name", "lat", "lon", "kind", "feature", "country",
                "geonameid", "score", "admin1", "population", "place_id", "border", "countries",
                "anchor", "offset_km", "bearing")


def mention_record(m: Mention) -> dict:
    """One resolved mention as the ``places`` command writes it.

    ``lat``/``lon`` are None when the mention could not be resolved; ``score`` is the
    resolution's confidence (0..1).
    """
    p = m.place
    rec = {
        "doc": m.doc, "start": m.start, "end": m.end, "surface": m.surface,
        "name": m.border_name if m.kind == "border" else (p.name if p else None),
        "lat": None if m.lat is None else round(m.lat, 6),
        "lon": None if m.lon is None else round(m.lon, 6),
        "kind": m.kind,
        "feature": "BNDL" if m.kind == "border" and m.lat is not None else (p.feature if p else None),
        "country": "|".join(m.countries) if m.kind == "border" else (p.country if p else None),
        "geonameid": p.geonameid if p and m.kind in ("toponym", "demonym") else None,
        "score": round(m.confidence, 4),
        "admin1": p.admin1 if p and m.kind != "border" else None,
        "population": p.population if p and m.kind != "border" else None,
        "place_id": p.key if p and m.kind != "border" else None,
        "border": m.border_name,
        "countries": list(m.countries) or None,
        "anchor": m.anchor.surface if m.anchor is not None else None,
        "offset_km": m.offset_km,
        "bearing": m.bearing,
    }
    return rec
