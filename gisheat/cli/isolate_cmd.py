"""`gisheat isolate FILE --pipe ID … [--failed-valve ID …] [--open-valve ID …] [--json] [--output GPKG]`."""

from __future__ import annotations

import argparse
from collections import Counter

from gisheat.analysis.isolation import IsolationEngine, IsolationResult
from gisheat.cli.output import load_network, print_json
from gisheat.core import schema
from gisheat.io.results import isolation_layers, write_layers


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "isolate", help="valves to close for failed pipes, and who loses heat",
        description="Isolation analysis for one or more failed pipes: valves to close, drained and "
                    "cut-off network, affected stations and customers, restoration through tie valves.")
    p.add_argument("file", help="network GeoPackage")
    p.add_argument("--pipe", action="append", required=True, metavar="ID", help="failed pipe (repeatable)")
    p.add_argument("--failed-valve", action="append", default=[], metavar="ID",
                   help="valve that cannot be closed this time (repeatable)")
    p.add_argument("--open-valve", action="append", default=[], metavar="ID",
                   help="normally-closed valve opened to restore supply (repeatable)")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.add_argument("--output", metavar="GPKG", help="write the result layers to this GeoPackage")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    network = load_network(args.file)
    engine = IsolationEngine(network)
    result = engine.isolate(args.pipe, args.failed_valve, args.open_valve)
    if args.output:
        write_layers(args.output, isolation_layers(network, engine.topology, result), network)
    if args.json:
        print_json(result.to_json())
    else:
        print(describe(result, engine))
        if args.output:
            print(f"Result layers written to {args.output}")
    return 0


def describe(result: IsolationResult, engine: IsolationEngine) -> str:
    """The result as text for a repair planner: what to close, what drains, who goes cold."""
    t = engine.topology
    s = result.summary
    lines = [f"Failed pipe{'s' if len(result.failed_pipes) > 1 else ''}: {', '.join(result.failed_pipes)}"]
    if result.failed_valves:
        lines.append(f"Valves that cannot be closed: {', '.join(result.failed_valves)}")
    if result.opened_valves:
        lines.append(f"Tie valves opened: {', '.join(result.opened_valves)}")
    if result.whole_circuit and result.closed_boundary_valves:
        lines.append("No valve needs closing: the failure is bounded only by valves that are already closed; "
                     f"everything between them ({len(result.isolated_pipes)} pipes) drains.")
    elif result.whole_circuit:
        lines.append("No valve that can be closed bounds this failure: the whole circuit around it "
                     f"({len(result.isolated_pipes)} pipes) must be shut down and drained.")
    else:
        lines.append(f"Close {len(result.valves_to_close)} valve{'s' if len(result.valves_to_close) != 1 else ''}: "
                     + ", ".join(result.valves_to_close))
    if result.closed_boundary_valves:
        lines.append("Already closed at the boundary: " + ", ".join(result.closed_boundary_valves))
    lines.append(f"Drained: {len(result.isolated_pipes)} pipes, {s.isolated_length_m:,.1f} m, "
                 f"{s.drain_volume_m3:,.1f} m³ of water to refill")
    if result.cut_off_pipes:
        lines.append(f"Cut off (no supply path after closing): {len(result.cut_off_pipes)} pipes")
    if result.affected_stations:
        names = schema.text_column(engine.network.stations, "name")
        by_id = dict(zip(t.station_id, names[t.station_row], strict=True))
        lines.append(f"Stations losing supply ({len(result.affected_stations)}): "
                     + ", ".join(f"{sid} {by_id.get(sid, '')}".strip() for sid in result.affected_stations))
    lines.append(f"Customers without heat: {s.customers} — households {s.households:,}, "
                 f"vulnerable households {s.vulnerable_households:,}, heated area {s.heated_area_m2:,.0f} m², "
                 f"heat load {s.heat_load_kw:,.0f} kW")
    if s.customers:
        category = schema.text_column(engine.network.customers, "category", schema.RESIDENTIAL)
        names = schema.text_column(engine.network.customers, "name")
        rows = t.customer_row[result.customer_index]
        counts = Counter(category[rows])
        order = [c for c in schema.PRIORITY_ORDER if c in counts] + sorted(set(counts) - set(schema.PRIORITY_ORDER))
        for cat in order:
            named = ""
            if cat in schema.CALL_FIRST_CATEGORIES:
                who = [f"{names[r]} ({t.customer_id[i]})" for i, r in zip(result.customer_index, rows, strict=True)
                       if category[r] == cat]
                named = "  " + ", ".join(who[:6]) + (" …" if len(who) > 6 else "")
            lines.append(f"  {cat:<14}{counts[cat]:>6}{named}")
        reasons = Counter(c.reason for c in result.affected_customers)
        lines.append("  by reason: " + ", ".join(f"{r} {reasons[r]}" for r in ("isolated", "cut_off", "station") if reasons[r]))
    if result.restoration:
        lines.append("Restoration through tie valves (open one):")
        for r in result.restoration:
            lines.append(f"  open {r.open_valve}: restores {r.restores_customers} customers")
    return "\n".join(lines)
