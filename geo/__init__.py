"""Text to places to incidents: bordermap's geoparsing stage (pure Python + shapely).

The main entry points::

    from bordermap.geo import geoparse, extract_incidents, read_articles, OfflineGeocoder
"""

from bordermap.geo._errors import (
    BordermapError,
    DataFileError,
    InputError,
    QueryError,
    UnknownCountryError,
)
from bordermap.geo.articles import Article, InputProblem, iter_articles, read_articles
from bordermap.geo.events import Incident, extract_incidents, merge_incidents
from bordermap.geo.extract import Mention, find_mentions
from bordermap.geo.gazetteer import Gazetteer, Place, get_gazetteer
from bordermap.geo.geocoder import OfflineGeocoder
from bordermap.geo.resolve import geoparse, resolve_mentions

__all__ = [
    "Article",
    "BordermapError",
    "DataFileError",
    "Gazetteer",
    "Incident",
    "InputError",
    "InputProblem",
    "Mention",
    "OfflineGeocoder",
    "Place",
    "QueryError",
    "UnknownCountryError",
    "extract_incidents",
    "find_mentions",
    "geoparse",
    "get_gazetteer",
    "iter_articles",
    "merge_incidents",
    "read_articles",
    "resolve_mentions",
]
