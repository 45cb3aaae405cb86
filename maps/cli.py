"""The ``bordermap`` command line: a thin layer over the Python API.

Exit codes: 0 success, 1 the input had problems (each reported on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from bordermap.geo._errors import BordermapError, InputError, QueryError

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
bordermap turns news reporting about border conflicts into maps, offline.

Commands:
  map       articles to an interactive map (HTML), optionally self-contained and as PNG
  report    one self-contained HTML report: map, image, incident table, counts, sources
  extract   incidents (airstrikes, clashes, talks, ...) to GeoJSON, GeoPackage, CSV, KML, GeoParquet
  places    every place an article mentions, resolved to coordinates
  resolve   resolve given place-name spans (benchmark mode)
  geocode   look a place name up in the embedded gazetteer (no network)
  borders   the shared land border lines of countries, as GeoJSON

INPUT is any mix of .txt/.md files (one article each), .html/.htm pages (the article
text is extracted), .jsonl files (one article a line: "text" required; "id", "title",
"url", "published" optional), directories (recursed) and '-' for standard input.
"""

EPILOG = """\
Examples:
  bordermap map examples/ -o map.html
  bordermap extract examples/ -o incidents.geojson
  bordermap places examples/ --format jsonl -o places.jsonl
  bordermap resolve spans.jsonl -o resolved.jsonl
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

    pl = sub.add_parser(
        "places", help="every place mention of the articles, resolved",
        description="Find every place the articles mention (toponyms, demonyms such as 'Afghan', border "
                    "phrases such as 'the Durand Line', relative places such as '40 km north of Quetta') "
                    "and resolve each to coordinates using the whole article as context. Offsets are "
                    "character offsets into the article text as given (as extracted, for HTML).",
        epilog="Examples:\n  bordermap places examples/ --format jsonl\n"
               "  bordermap places news.jsonl --format geojson -o places.geojson\n"
               "  cat article.txt | bordermap places - --format csv",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_inputs(pl)
    pl.add_argument("--format", choices=["jsonl", "geojson", "csv"], default=None,
                    help="output format (default: from -o's extension, else jsonl)")
    pl.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")

    mp = sub.add_parser(
        "map", help="the main job: articles to an interactive map",
        description="Geoparse the articles, extract their incidents and draw them on an interactive map "
                    "(folium/Leaflet): incidents by category with their sources, shared border lines with "
                    "their names and lengths, crossings, a legend, a timeline, a heat map and an offline "
                    "country basemap. With --self-contained the HTML makes no network request at all.",
        epilog="Examples:\n  bordermap map examples/ -o map.html\n"
               "  bordermap map news.jsonl --self-contained --png map.png",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_inputs(mp)
    mp.add_argument("-o", "--output", metavar="OUT", default="map.html", help="HTML file (default map.html)")
    mp.add_argument("--self-contained", action="store_true",
                    help="inline every script, style and image so the file opens with no network")
    mp.add_argument("--png", metavar="FILE", help="also write a static PNG image of the map")
    mp.add_argument("--title", help="map title (default: from the articles)")

    rp = sub.add_parser(
        "report", help="a self-contained HTML report to hand over",
        description="Write one HTML file that opens with no network: the interactive map, a static image of "
                    "it, the incidents as a sortable table with their sources, counts by category and by date, "
                    "and the data's attribution.",
        epilog="Examples:\n  bordermap report examples/ -o report.html\n"
               "  bordermap report news.jsonl --title 'Border incidents, October' -o report.html",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_inputs(rp)
    rp.add_argument("-o", "--output", metavar="OUT", default="report.html", help="HTML file (default report.html)")
    rp.add_argument("--title", help="report title")
    rp.add_argument("--no-image", action="store_true",
                    help="leave out the static image (it needs Debian's chromium to render)")

    ex = sub.add_parser(
        "extract", help="incidents to a GIS layer (format from OUT's extension)",
        description="Recognise the incidents the articles report (airstrike, shelling, armed_clash, attack, "
                    "explosion, ceasefire, agreement, talks, border_closure, protest, arrest), coded to ACLED's "
                    "conventions (event type, date and its precision, geo precision, actors, fatalities), "
                    "merge reports of the same event across articles, and write them to OUT.",
        epilog="Examples:\n  bordermap extract examples/ -o incidents.geojson\n"
               "  bordermap extract news.jsonl --published 2025-10-30 -o incidents.gpkg --layer all",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_inputs(ex)
    ex.add_argument("-o", "--output", metavar="OUT", required=True,
                    help="output file: .geojson (RFC 7946), .gpkg (GeoPackage 1.3), .csv (ACLED's columns first), "
                         ".kml (Google Earth) or .parquet (GeoParquet)")
    ex.add_argument("--layer", choices=["incidents", "places", "borders", "all"], default="incidents",
                    help="which layer to write (default incidents; 'all' writes incidents, places, borders and "
                         "countries and needs .gpkg)")

    rs = sub.add_parser(
        "resolve", help="resolve given place-name spans (benchmark mode)",
        description="Read JSONL lines {\"id\", \"text\", \"toponyms\": [{\"start\", \"end\"}, ...]} and write "
                    "them back with \"lat\", \"lon\" and \"geonameid\" added to every toponym (null when "
                    "unresolved). The rest of each article is geoparsed for context.",
        epilog="Example:\n  bordermap resolve spans.jsonl -o resolved.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    rs.add_argument("spans", metavar="SPANS.jsonl", help="JSONL file of articles with toponym spans, or '-'")
    rs.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")
    rs.add_argument("--no-last-resort", action="store_true",
                    help="leave a name the gazetteer lacks unresolved instead of placing it at the article's "
                         "focus (also: BORDERMAP_NO_LAST_RESORT=1)")

    b = sub.add_parser(
        "borders", help="shared land borders of countries as GeoJSON",
        description="Write the shared land border lines among the given countries (ISO alpha-2 codes) as a "
                    "GeoJSON FeatureCollection with name, countries and geodesic length_km. Both neighbours "
                    "share the identical line.",
        epilog="Examples:\n  bordermap borders AF PK\n  bordermap borders AF PK IR -o borders.geojson\n"
               "  bordermap borders PK --touching",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("codes", nargs="+", metavar="CC", help="ISO 3166-1 alpha-2 country codes, e.g. AF PK")
    b.add_argument("-o", "--output", metavar="OUT",
                   help="output file (.geojson, .gpkg, .csv, .kml, .parquet; default: GeoJSON on stdout)")
    b.add_argument("--touching", action="store_true",
                   help="every border of any of the countries, not only the ones among them")
    from bordermap.maps._gazetteer_cmd import add_gazetteer_parser

    add_gazetteer_parser(sub)
    return p


def _add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="article files (.txt .md .html .htm .jsonl), directories, or '-' for stdin")
    p.add_argument("--published", metavar="DATE",
                   help="publication date (YYYY-MM-DD) for articles that do not carry one")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress messages")


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
        from bordermap.layers.export import to_geojson

        sys.stdout.write(to_geojson(gdf) + "\n")
    return EXIT_OK if not gdf.empty else EXIT_INPUT


def _articles(args: argparse.Namespace, problems: list):
    """Articles of the command's inputs, with progress on stderr for long runs."""
    import time

    from bordermap.geo.articles import iter_articles

    t0 = last = time.monotonic()
    n = 0
    for art in iter_articles(args.inputs, published=args.published, problems=problems):
        yield art
        n += 1
        now = time.monotonic()
        if not args.quiet and now - last >= 2.0 and sys.stderr.isatty():
            print(f"\rbordermap: {n:,} articles ({n / (now - t0):,.0f}/s)", end="", file=sys.stderr)
            last = now
    if not args.quiet and last != t0 and sys.stderr.isatty():
        print(file=sys.stderr)


def _report(command: str, problems: list) -> int:
    for p in problems:
        print(f"bordermap {command}: {p}", file=sys.stderr)
    return EXIT_INPUT if problems else EXIT_OK


def _output_format(args: argparse.Namespace, default: str) -> str:
    if args.format:
        return args.format
    if args.output:
        ext = args.output.rsplit(".", 1)[-1].lower() if "." in args.output else ""
        return {"jsonl": "jsonl", "geojson": "geojson", "json": "geojson", "csv": "csv"}.get(ext, default)
    return default


def cmd_places(args: argparse.Namespace) -> int:
    from bordermap.geo.records import PLACE_FIELDS, mention_record
    from bordermap.geo.resolve import geoparse

    problems: list = []
    fmt = _output_format(args, "jsonl")
    with _open_output(args.output) as out:
        if fmt == "geojson":
            out.write('{"type":"FeatureCollection","features":[\n')
        elif fmt == "csv":
            import csv

            writer = csv.DictWriter(out, fieldnames=PLACE_FIELDS, lineterminator="\n", extrasaction="ignore")
            writer.writeheader()
        first = True
        for art in _articles(args, problems):
            mentions = geoparse(art.text, doc=art.id, url=art.url)
            mentions.sort(key=lambda m: (m.kind in ("border", "relative"), m.start))
            for m in mentions:
                rec = mention_record(m)
                if fmt == "jsonl":
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                elif fmt == "csv":
                    writer.writerow({k: ("|".join(v) if isinstance(v, list) else v) for k, v in rec.items()})
                else:
                    if rec["lat"] is None:
                        continue
                    geom = {"type": "Point", "coordinates": [rec["lon"], rec["lat"]]}  # GeoJSON: lon, lat
                    feat = {"type": "Feature", "geometry": geom, "properties": rec}
                    out.write(("" if first else ",\n") + json.dumps(feat, ensure_ascii=False))
                    first = False
        if fmt == "geojson":
            out.write("\n]}\n")
    return _report("places", problems)


def cmd_map(args: argparse.Namespace) -> int:
    if not args.output.lower().endswith((".html", ".htm")):
        raise QueryError(f"the map is HTML: give OUT as a .html file, not {args.output!r}.")
    if args.png and not args.png.lower().endswith(".png"):
        raise QueryError(f"--png needs a .png file name, not {args.png!r}.")
    from bordermap.layers.incidents import incidents_to_gdf, places_to_gdf
    from bordermap.maps.render import build_map, save_map, save_png

    problems: list = []
    incidents, mentions, articles = _collect(args, problems)
    inc = incidents_to_gdf(incidents)
    places = places_to_gdf(mentions)
    titles = [a.title for a in articles if a.title]
    title = args.title or (titles[0] if len(titles) == 1 else None)
    m = build_map(inc, places=places, title=title)
    save_map(m, args.output, self_contained=args.self_contained)
    if args.png:
        save_png(m, args.png)
    status = _report("map", problems)
    if not args.quiet:
        print(f"bordermap map: {len(inc)} incidents, {len(places)} place mentions -> {args.output}"
              + (f" and {args.png}" if args.png else ""), file=sys.stderr)
    return status


def _collect(args: argparse.Namespace, problems: list, *, kinds: tuple[str, ...] = ("toponym", "border")):
    """Incidents (merged), resolved mentions of `kinds` and articles of the command's inputs."""
    from bordermap.geo.events import merge_incidents
    from bordermap.geo.pipeline import iter_results

    incidents, mentions, articles = [], [], []
    for res in iter_results(_articles(args, problems)):
        incidents.extend(res.incidents)
        mentions.extend(m for m in res.mentions if m.kind in kinds and m.lat is not None)
        articles.append(res.article)
    return merge_incidents(incidents), mentions, articles


def cmd_report(args: argparse.Namespace) -> int:
    if not args.output.lower().endswith((".html", ".htm")):
        raise QueryError(f"the report is HTML: give OUT as a .html file, not {args.output!r}.")
    from bordermap.layers.incidents import incidents_to_gdf, places_to_gdf
    from bordermap.maps.report import build_report, save_report

    problems: list = []
    incidents, mentions, articles = _collect(args, problems)
    inc = incidents_to_gdf(incidents)
    titles = [a.title for a in articles if a.title]
    html = build_report(inc, places=places_to_gdf(mentions),
                        title=args.title or (titles[0] if len(titles) == 1 else None),
                        sources=[{"id": a.id, "title": a.title, "url": a.url or a.source, "published": a.published}
                                 for a in articles],
                        with_image=not args.no_image)
    save_report(html, args.output)
    status = _report("report", problems)
    if not args.quiet:
        print(f"bordermap report: {len(inc)} incidents from {len(articles)} articles -> {args.output}",
              file=sys.stderr)
    return status


def cmd_extract(args: argparse.Namespace) -> int:
    from bordermap.layers.export import check_output

    check_output(args.output, layer=args.layer)
    from bordermap.layers.incidents import incidents_to_gdf, places_to_gdf

    problems: list = []
    keep_places = args.layer in ("places", "all")
    kinds = ("toponym", "demonym", "border", "relative") if keep_places else ()
    incidents, mentions, _ = _collect(args, problems, kinds=kinds)
    layers = {}
    if args.layer in ("incidents", "all"):
        layers["incidents"] = incidents_to_gdf(incidents)
    if keep_places:
        layers["places"] = places_to_gdf(mentions)
    if args.layer in ("borders", "all"):
        from bordermap.layers.borders import countries, country_codes, shared_borders

        # the borders and countries of the incidents (and, with places, of the places)
        codes = sorted(({c for i in incidents for c in (*str(i.country or "").split("|"), *i.border_countries)}
                        | {c for m in mentions if m.place is not None for c in m.place.country.split("|")})
                       & set(country_codes()))
        layers["borders"] = shared_borders(codes, mode="touching")
        if args.layer == "all":
            layers["countries"] = countries(codes)
    from bordermap.layers.export import write_layers

    write_layers(layers, args.output)
    status = _report("extract", problems)
    if not args.quiet:
        n = len(layers.get("incidents", []))
        print(f"bordermap extract: {n} incidents written to {args.output}" if "incidents" in layers
              else f"bordermap extract: wrote {args.output}", file=sys.stderr)
    return status


def cmd_resolve(args: argparse.Namespace) -> int:
    from bordermap.geo.extract import find_mentions
    import os

    from bordermap.geo._home import home_hints
    from bordermap.geo.extract import get_name_index
    from bordermap.geo.resolve import last_resort, mention_for_span, resolve_mentions

    index = get_name_index()

    use_last_resort = not (args.no_last_resort or os.environ.get("BORDERMAP_NO_LAST_RESORT", "") not in ("", "0"))

    problems: list[str] = []
    src = sys.stdin if args.spans == "-" else None
    name = "<stdin>" if src else args.spans
    try:
        stream = src or open(args.spans, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        print(f"bordermap resolve: {name}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    try:
        with _open_output(args.output) as out:
            for lineno, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    text = row["text"]
                    spans = row.get("toponyms") or []
                    if not isinstance(text, str) or not isinstance(spans, list):
                        raise TypeError("'text' must be a string and 'toponyms' a list")
                    for t in spans:
                        if not (0 <= int(t["start"]) <= int(t["end"]) <= len(text)):
                            raise ValueError(f"span {t['start']}-{t['end']} lies outside the text")
                except (ValueError, KeyError, TypeError) as exc:
                    problems.append(f"{name}:{lineno}: {_describe(exc)}")
                    continue
                doc = str(row.get("id", lineno))
                given = [mention_for_span(text, int(t["start"]), int(t["end"]), doc=doc) for t in spans]
                taken = [(m.start, m.end) for m in given]
                context = [m for m in find_mentions(text, doc=doc)
                           if not any(a < m.end and m.start < b for a, b in taken)]
                home = home_hints(text, row.get("url") if isinstance(row.get("url"), str) else None, index)
                resolve_mentions(given, extra_context=context, home=home)
                if use_last_resort:
                    last_resort(given, context)
                for t, m in zip(spans, given):
                    t["lat"] = None if m.lat is None else round(m.lat, 6)
                    t["lon"] = None if m.lon is None else round(m.lon, 6)
                    t["geonameid"] = m.place.geonameid if m.place is not None else None
                    if m.fallback is not None:  # never silently: a guess says so
                        t.update(last_resort=True, geo_precision=m.geo_precision, score=m.confidence)
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if src is None:
            stream.close()
    for p in problems:
        print(f"bordermap resolve: {p}", file=sys.stderr)
    return EXIT_INPUT if problems else EXIT_OK


def _describe(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON ({exc.msg} at column {exc.colno})"
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}"
    return str(exc)


class _open_output:
    """stdout, or a file written atomically (temp file + rename) on success."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._cm = None

    def __enter__(self):
        if not self.path or self.path == "-":
            return sys.stdout
        from bordermap.geo._io import atomic_write

        self._cm = atomic_write(self.path)
        return self._cm.__enter__()

    def __exit__(self, *exc):
        if self._cm is not None:
            return self._cm.__exit__(*exc)
        sys.stdout.flush()
        return False


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from bordermap.maps._gazetteer_cmd import cmd_gazetteer as run

    return run(args)


COMMANDS = {"map": cmd_map, "report": cmd_report, "extract": cmd_extract, "places": cmd_places, "resolve": cmd_resolve, "geocode": cmd_geocode, "borders": cmd_borders, "gazetteer": cmd_gazetteer}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except (QueryError, InputError) as exc:
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
