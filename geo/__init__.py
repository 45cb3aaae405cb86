"""Text to places to incidents: bordermap's geoparsing stage (pure Python + shapely)."""

from bordermap.geo._errors import (
    BordermapError,
    DataFileError,
    InputError,
    QueryError,
    UnknownCountryError,
)

__all__ = [
    "BordermapError",
    "DataFileError",
    "InputError",
    "QueryError",
    "UnknownCountryError",
]
