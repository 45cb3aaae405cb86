"""GeoDataFrame layers: countries, shared borders and (elsewhere) incidents and places."""

from __future__ import annotations

from bordermap.layers.borders import (
    border_between,
    countries,
    country_codes,
    distance_to_border_km,
    shared_borders,
)

__all__ = [
    "border_between",
    "countries",
    "country_codes",
    "distance_to_border_km",
    "shared_borders",
]
