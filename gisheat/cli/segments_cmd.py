"""`gisheat segments FILE [--output CSV] [--json]`: valve segments, one row per pipe piece."""

from __future__ import annotations

import argparse

from gisheat.analysis import topology
from gisheat.analysis.segments import segment_graph, segment_table
from gisheat.cli.output import load_network, print_csv, print_json, write_csv

HEADER = ("pipe_id", "piece", "segment_id")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("segments", help="valve segments: pieces of network no valve divides",
                       description="Valve segments (every valve divides, normally closed and inoperable ones too). "
                                   "CSV columns pipe_id,piece,segment_id, one row per piece of each in-service pipe.")
    p.add_argument("file", help="network GeoPackage")
    p.add_argument("--output", metavar="CSV", help="write the CSV here (default: standard output)")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    network = load_network(args.file)
    graph = segment_graph(topology.build(network))
    table = segment_table(graph)
    rows = zip(table.pipe_id.tolist(), table.piece.tolist(), table.segment_id.tolist(), strict=True)
    n_segments = len(set(table.segment_id.tolist()))
    if args.output:
        write_csv(args.output, HEADER, rows)
        rows = zip(table.pipe_id.tolist(), table.piece.tolist(), table.segment_id.tolist(), strict=True)
    if args.json:
        print_json({"segment_count": n_segments,
                    "segments": [{"pipe_id": p, "piece": k, "segment_id": s} for p, k, s in rows]})
    elif args.output:
        print(f"{n_segments} segments over {len(table.pipe_id)} pipe pieces written to {args.output}")
    else:
        print_csv(HEADER, rows)
    return 0
