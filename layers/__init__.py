"""GeoDataFrame layers: countries, shared borders, crossings; incidents and places in ``layers.incidents``."""

from __future__ import annotations

from bordermap.layers.borders import (
    border_between,
    countries,
    country_codes,
    crossings,
    distance_to_border_km,
    shared_borders,
)

__all__ = [
    "border_between",
    "countries",
    "country_codes",
    "crossings",
    "distance_to_border_km",
    "shared_borders",
]
