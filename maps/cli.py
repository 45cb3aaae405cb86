"""The ``bordermap`` command line: a thin layer over the Python API.

Exit codes: 0 success, 1 the input had problems (each reported on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from bordermap.geo._errors import BordermapError, QueryError

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
bordermap turns news reporting about border conflicts into maps, offline.

Commands:
  geocode   look a place name up in the embedded gazetteer (no network)
  borders   the shared land border lines of countries, as GeoJSON
"""

EPILOG = """\
Examples:
  bordermap geocode Torkham
  bordermap geocode --format json --limit 3 "Khost"
  printf 'Kabul\\nQuetta\\n' | bordermap geocode - --format json
  bordermap borders AF PK -o af-pk.geojson

Exit codes: 0 success, 1 some input could not be processed, 2 bad usage.
"""


class _Parser(argparse.ArgumentParser):
    """argparse with bordermap's exit code 2 and one-line errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    p = _Parser(prog="bordermap", description=DESCRIPTION, epilog=EPILOG,
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    g = sub.add_parser(
        "geocode", help="look up a place name in the embedded gazetteer",
        description="Look up a place name in the embedded gazetteer (GeoNames and curated data, offline). "
                    "Candidates come best first, ranked by feature type, population and how exactly the "
                    "name matched. QUERY may be 'Name, Country' or 'Name, Region' to narrow it. "
                    "With QUERY '-', reads one query a line from standard input and writes one result a line "
                    "(a JSON list with --format json).",
        epilog="Examples:\n  bordermap geocode Torkham\n  bordermap geocode 'Portland, Maine' --format json\n"
               "  bordermap geocode Khost --country AF --limit 5\n  bordermap geocode - --format json < names.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    g.add_argument("query", metavar="QUERY", help="a place name, or '-' to read one query a line from stdin")
    g.add_argument("--country", metavar="CC", help="keep candidates in this country (ISO 3166-1 alpha-2, e.g. PK)")
    g.add_argument("--limit", type=_positive_int, default=5, metavar="N", help="most candidates per query (default 5)")
    g.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    g.add_argument("--online", action="store_true",
                   help="ask Nominatim (via geopy) for names the gazetteer lacks; off by default. "
                        "Set BORDERMAP_USER_AGENT to identify yourself; answers are cached on disk.")

    b = sub.add_parser(
        "borders", help="shared land borders of countries as GeoJSON",
        description="Write the shared land border lines among the given countries (ISO alpha-2 codes) as a "
                    "GeoJSON FeatureCollection with name, countries and geodesic length_km. Both neighbours "
                    "share the identical line.",
        epilog="Examples:\n  bordermap borders AF PK\n  bordermap borders AF PK IR -o borders.geojson\n"
               "  bordermap borders PK --touching",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("codes", nargs="+", metavar="CC", help="ISO 3166-1 alpha-2 country codes, e.g. AF PK")
    b.add_argument("-o", "--output", metavar="OUT", help="output file (.geojson, .gpkg, .csv; default: stdout)")
    b.add_argument("--touching", action="store_true",
                   help="every border of any of the countries, not only the ones among them")
    return p


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("bordermap")
    except Exception:  # noqa: BLE001 - running from a source tree without metadata
        return "unknown"


# ------------------------------------------------------------------------------ commands


def cmd_geocode(args: argparse.Namespace) -> int:
    from bordermap.geo.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    country = gaz.check_country(args.country) if args.country else None
    fallback = None
    if args.online:
        from bordermap.geo.online import OnlineFallback

        fallback = OnlineFallback()

    def answer(query: str) -> list[dict]:
        found = [c.to_dict() for c in gaz.search(query, country=country, limit=args.limit)]
        if not found and fallback is not None:
            found = fallback.geocode(" ".join(query.split()), country=country, limit=args.limit)
        return found

    if args.query != "-":
        found = answer(args.query)
        _print_candidates(args.query, found, args.format)
        if not found:
            print(f"bordermap geocode: no place named {args.query!r} in the gazetteer"
                  + (f" in {country}" if country else "") + ".", file=sys.stderr)
            return EXIT_INPUT
        return EXIT_OK

    status = EXIT_OK
    out = sys.stdout
    for lineno, line in enumerate(sys.stdin, start=1):
        query = line.rstrip("\r\n")
        try:
            found = answer(query)
        except QueryError as exc:
            print(f"bordermap geocode: <stdin>:{lineno}: {exc}", file=sys.stderr)
            found, status = [], EXIT_INPUT
        if args.format == "json":
            out.write(json.dumps(found, ensure_ascii=False) + "\n")
        else:
            _print_candidates(query, found, "text", lineno=lineno)
    out.flush()
    return status


def _print_candidates(query: str, found: list[dict], fmt: str, *, lineno: int | None = None) -> None:
    if fmt == "json":
        print(json.dumps(found, ensure_ascii=False, indent=None if lineno else 2))
        return
    prefix = f"{lineno}\t" if lineno else ""
    for c in found:
        where = ", ".join(x for x in (c.get("admin1"), c.get("country")) if x)
        gid = f"geonames:{c['geonameid']}" if c.get("geonameid") else c.get("key") or c.get("id") or ""
        print(f"{prefix}{c['name']}\t{where}\t{c['lat']:.5f}, {c['lon']:.5f}\t{c['feature']}\t"
              f"{gid}\tscore {c['score']:.3f}")


def cmd_borders(args: argparse.Namespace) -> int:
    from bordermap.layers.borders import shared_borders

    gdf = shared_borders(args.codes, mode="touching" if args.touching else "among")
    if gdf.empty:
        print(f"bordermap borders: {' '.join(c.upper() for c in args.codes)} share no land border.",
              file=sys.stderr)
    if args.output:
        from bordermap.layers.export import write_layer

        write_layer(gdf, args.output, layer="borders")
    else:
        sys.stdout.write(gdf.to_json(drop_id=True, ensure_ascii=False) + "\n")
    return EXIT_OK if not gdf.empty else EXIT_INPUT


COMMANDS = {"geocode": cmd_geocode, "borders": cmd_borders}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except QueryError as exc:
        print(f"bordermap {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BordermapError as exc:
        print(f"bordermap {args.command}: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("bordermap: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
