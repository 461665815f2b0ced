"""`gisheat criticality FILE [--output CSV] [--json]`: the failure consequence of every pipe."""

from __future__ import annotations

import argparse

from gisheat.analysis.criticality import criticality
from gisheat.cli.output import load_network, print_csv, print_json, write_csv

HEADER = ("pipe_id", "customers", "households", "heat_load_kw", "valves_to_close")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("criticality", help="failure consequence of every in-service pipe",
                       description="For every in-service pipe, what isolating it alone costs: customers, "
                                   "households, heat load and the number of valves to close.")
    p.add_argument("file", help="network GeoPackage")
    p.add_argument("--output", metavar="CSV", help="write the CSV here (default: standard output)")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.add_argument("--all-columns", action="store_true",
                   help="add vulnerable households, critical customers, heated area, drained length and volume")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    network = load_network(args.file)
    table = criticality(network).reset_index()
    columns = list(table.columns) if args.all_columns else list(HEADER)
    table = table[columns]

    def rows():
        return table.itertuples(index=False, name=None)

    if args.output:
        write_csv(args.output, columns, rows())
    if args.json:
        print_json({"criticality": table.to_dict(orient="records")})
    elif args.output:
        print(f"criticality of {len(table)} pipes written to {args.output}")
    else:
        print_csv(columns, rows())
    return 0
