"""``bordermap gazetteer import|info``: the user's GeoNames gazetteer from the command line."""

from __future__ import annotations

import argparse
import sys

__all__ = ["add_gazetteer_parser", "cmd_gazetteer"]


def add_gazetteer_parser(sub) -> None:
    """Add the ``gazetteer`` command (with ``import`` and ``info``) to the sub-parsers."""
    g = sub.add_parser(
        "gazetteer", help="import a GeoNames dump as your gazetteer; say which gazetteer is active",
        description="bordermap ships a gazetteer of GeoNames places with population >= 500, regions, "
                    "countries and curated border places. For villages, posts, hills and streams, import "
                    "the GeoNames dump you downloaded: it becomes your gazetteer (in your user data "
                    "directory, or $BORDERMAP_DATA_DIR) and every command uses it from then on.",
        epilog="Examples:\n  bordermap gazetteer import allCountries.zip alternateNamesV2.zip --near-borders 50\n"
               "  bordermap gazetteer import cities500.zip\n  bordermap gazetteer info",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    gs = g.add_subparsers(dest="gazetteer_command", metavar="ACTION", parser_class=type(g))
    imp = gs.add_parser("import", help="build your gazetteer from GeoNames dump files (resumable)",
                        description="Stream GeoNames dump files (allCountries.zip, cities500.zip or a country "
                                    "file, and alternateNamesV2.zip) into your gazetteer, on top of the embedded "
                                    "one. Interrupted imports resume where they stopped when run again.")
    imp.add_argument("dumps", nargs="+", metavar="DUMP", help="GeoNames dump files (.zip or .txt)")
    imp.add_argument("--near-borders", type=float, metavar="KM",
                     help="keep only features within KM of a shared land border (a small database for "
                          "border reporting); the embedded gazetteer's entries are always kept")
    imp.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    gs.add_parser("info", help="which gazetteer is active, and what it holds")


def cmd_gazetteer(args: argparse.Namespace) -> int:
    """Run ``bordermap gazetteer import|info``; returns the exit code."""
    from bordermap.geo.geonames import gazetteer_info, import_geonames

    if args.gazetteer_command == "import":
        path = import_geonames(args.dumps, near_borders_km=args.near_borders, progress=not args.quiet)
        info = gazetteer_info()
        if not args.quiet:
            print(f"bordermap gazetteer: {info['places']:,} places in {path} "
                  f"({info['bytes'] / 1e6:.1f} MB); it is now the active gazetteer.", file=sys.stderr)
        return 0
    if args.gazetteer_command == "info":
        info = gazetteer_info()
        print(f"active gazetteer: {info['kind']} ({info['path']})")
        print(f"size: {info['bytes'] / 1e6:.1f} MB, {info['places']:,} places")
        if info["kind"] == "user":
            near = info["near_borders_km"]
            print(f"imported from: {', '.join(info['built_from'])} on {info['built']}"
                  + (f", features within {near:g} km of a land border" if near else ""))
        if info.get("unfinished_import"):
            print(f"an import is unfinished ({info['unfinished_import']}): run the same import again to resume")
        return 0
    print("bordermap gazetteer: give an action: import DUMP... or info", file=sys.stderr)
    return 2
