"""`gisheat audit FILE [--json] [--top N] [--candidates N]`: where the valve layout is weak."""

from __future__ import annotations

import argparse

from gisheat.analysis.audit import Audit, audit
from gisheat.cli.output import load_network, print_json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="valve audit: largest segments, valve failures, where to add a valve",
                       description="Largest segments; how much the drained area grows when each valve fails to "
                                   "close; where one more valve would most lower the worst case.")
    p.add_argument("file", help="network GeoPackage")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.add_argument("--top", type=int, default=10, help="rows per list (default 10)")
    p.add_argument("--candidates", type=int, default=12,
                   help="new valve places evaluated exactly (default 12)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.top < 1 or args.candidates < 0:
        raise SystemExit(2)
    result = audit(load_network(args.file), top=args.top, candidates=args.candidates)
    if args.json:
        print_json(result.to_json())
    else:
        print(describe(result))
    return 0


def describe(result: Audit) -> str:
    lines = [f"Worst single pipe failure cuts off {result.worst_case_customers} customers.", "",
             "Largest segments (a failure anywhere drains all of it):",
             f"  {'segment':>8} {'pipes':>6} {'length m':>10} {'customers':>10} {'households':>11}"]
    seen = set()
    for size in result.largest_by_customers + result.largest_by_households + result.largest_by_length:
        if size.segment_id in seen:
            continue
        seen.add(size.segment_id)
        lines.append(f"  {size.segment_id:>8} {size.pipes:>6} {size.length_m:>10,.0f} {size.customers:>10} "
                     f"{size.households:>11,}")
    lines += ["", "Valves whose failure to close grows the drained area most:",
              f"  {'valve':<10} {'customers':>10} {'+ more':>7} {'households':>11} {'length m':>10}"]
    for v in result.valve_failures:
        lines.append(f"  {v.valve_id:<10} {v.merged_customers:>10} {v.increase_customers:>7} "
                     f"{v.merged_households:>11,} {v.merged_length_m:>10,.0f}")
    lines += ["", "Where one more valve helps most (worst case of the pipes around it):"]
    if not result.suggestions:
        lines.append("  no single valve lowers a worst case")
    for s in result.suggestions:
        lines.append(f"  on pipe {s.pipe_id} at ({s.x:.1f}, {s.y:.1f}): worst {s.worst_before} → {s.worst_after} "
                     f"customers; {s.pipes_improved} pipes improve, {s.customer_failures_spared} customer-failures spared")
    return "\n".join(lines)
