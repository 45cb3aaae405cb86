"""Exceptions raised by bordermap.

Every error derives from :class:`BordermapError`; each subclass also derives from the
builtin it resembles, so ``except ValueError`` keeps working for callers who do not
know bordermap's own types (the pattern of geopy's ``exc.py``).
"""

from __future__ import annotations

__all__ = [
    "BordermapError",
    "DataFileError",
    "QueryError",
    "UnknownCountryError",
    "InputError",
]


class BordermapError(Exception):
    """Base class of every error bordermap raises on purpose."""


class DataFileError(BordermapError, OSError):
    """An embedded data file is missing, unreadable or corrupted."""


class QueryError(BordermapError, ValueError):
    """A look-up query is empty, too long or otherwise unusable."""


class UnknownCountryError(QueryError):
    """A country code is not an ISO 3166-1 alpha-2 code bordermap knows."""


class InputError(BordermapError, ValueError):
    """An input file or line cannot be read as an article."""
