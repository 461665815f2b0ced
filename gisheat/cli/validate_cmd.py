"""`gisheat validate FILE [--json]`: topology and data problems, one per line."""

from __future__ import annotations

import argparse
import sys

from gisheat.analysis.validate import validate
from gisheat.cli.output import print_json
from gisheat.io import gpkg


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="report topology and data problems",
                       description="Report topology and data problems, one per line (layer, id, problem).")
    p.add_argument("file", help="network GeoPackage")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    network = gpkg.load(args.file, any_crs=True)
    problems = validate(network)
    if args.json:
        print_json({"problems": [p.as_dict() for p in problems]})
    else:
        for p in problems:
            print(f"{p.layer}\t{p.id}\t{p.problem}")
        if sys.stdout.isatty():  # a person at a terminal: an empty answer would look like nothing ran
            print(f"{args.file}: " + (f"{len(problems):,} problems" if problems else "no problems found"),
                  file=sys.stderr)
    return 0
