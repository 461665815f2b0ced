"""A deliberately simple isolation analysis with networkx, straight from the SPEC wording.

It works on the node graph (no segments, no supply tree, no tricks): spread
from the failed pipes through pipes and valves that cannot be closed,
compute supply from the sources before and after with plain reachability,
and try every tie valve for restoration. It is the oracle of the property
tests and the baseline of the benchmarks — not for production use.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx
import numpy as np

from gisheat.analysis import topology as topo
from gisheat.analysis.isolation import CUT_OFF, ISOLATED, STATION, Summary
from gisheat.core import schema
from gisheat.core.network import Network


def _supply(t: topo.Topology, removed: set[int], open_valves: Iterable[int], sources: Iterable[int]) -> set[int]:
    """Nodes reachable from the sources through pipes, open valves and stations, avoiding ``removed``."""
    g = nx.DiGraph()
    g.add_nodes_from(range(t.n_nodes))
    for u, v in zip(t.piece_u.tolist(), t.piece_v.tolist(), strict=True):
        g.add_edge(u, v)
        g.add_edge(v, u)
    for k in open_valves:
        u, v = int(t.valve_u[k]), int(t.valve_v[k])
        g.add_edge(u, v)
        g.add_edge(v, u)
    for s, node in zip(t.link_station.tolist(), t.link_node.tolist(), strict=True):
        g.add_edge(int(t.station_node[s]), node)
    g.remove_nodes_from(removed)
    reached: set[int] = set()
    for s in sources:
        if s in g and s not in reached:
            reached |= nx.descendants(g, s) | {s}
    return reached


def naive_isolate(
    network: Network,
    t: topo.Topology,
    pipes: Iterable[str],
    failed_valves: Iterable[str] = (),
    open_valves: Iterable[str] = (),
) -> dict:
    """The SPEC `isolate` document, computed the obvious way."""
    failed_pipes = set(map(str, pipes))
    failed = {k for k, vid in enumerate(t.valve_id) if vid in set(map(str, failed_valves))}
    opened = {k for k, vid in enumerate(t.valve_id) if vid in set(map(str, open_valves))}
    normally_open = t.valve_normally_open.astype(bool)
    operable = t.valve_operable.astype(bool)

    # spread from the failed pipes through pipes and valves that cannot be closed
    spread = nx.Graph()
    spread.add_nodes_from(range(t.n_nodes))
    for u, v in zip(t.piece_u.tolist(), t.piece_v.tolist(), strict=True):
        spread.add_edge(u, v)
    for k in range(t.n_valves):
        if normally_open[k] and (not operable[k] or k in failed):
            spread.add_edge(int(t.valve_u[k]), int(t.valve_v[k]))
    start = {int(t.piece_u[i]) for i in range(t.n_pieces) if t.pipe_id[t.piece_pipe[i]] in failed_pipes}
    isolated: set[int] = set()
    for node in start:
        if node not in isolated:
            isolated |= nx.node_connected_component(spread, node)

    boundary = [k for k in range(t.n_valves) if (int(t.valve_u[k]) in isolated) != (int(t.valve_v[k]) in isolated)]
    to_close = [k for k in boundary if normally_open[k] and operable[k] and k not in failed]
    closed_boundary = [k for k in boundary if not normally_open[k]]

    sources = [int(n) for n in t.source_node]
    normal_open = [k for k in range(t.n_valves) if normally_open[k]]
    before = _supply(t, set(), normal_open, sources)
    after_open = [k for k in normal_open if k not in to_close] + sorted(opened)
    after = _supply(t, isolated, after_open, sources)
    # what the secondary circuits would have if every formerly supplied station kept its supply
    station_fed = [int(n) for s, n in zip(t.link_station, t.link_node, strict=True) if int(t.station_node[s]) in before]
    local = _supply(t, isolated, after_open, sources + station_fed)

    def reasons_for(after_set: set[int]) -> dict[int, str]:
        out = {}
        for c in range(len(t.customer_id)):
            node = int(t.customer_node[c])
            if node in isolated:
                out[c] = ISOLATED  # in the drained area, with or without heat before (SPEC)
            elif node not in before:
                continue
            elif node not in after_set:
                secondary = t.node_network[node] == topo.SECONDARY
                out[c] = STATION if secondary and node in local else CUT_OFF
        return out

    reasons = reasons_for(after)
    iso_pieces = [i for i in range(t.n_pieces) if int(t.piece_u[i]) in isolated]
    cut_pieces = [i for i in range(t.n_pieces) if int(t.piece_u[i]) in before and int(t.piece_u[i]) not in after
                  and int(t.piece_u[i]) not in isolated]
    iso_pipes = {t.pipe_id[t.piece_pipe[i]] for i in iso_pieces}
    cut_pipes = {t.pipe_id[t.piece_pipe[i]] for i in cut_pieces} - iso_pipes
    stations = {t.station_id[s] for s in range(len(t.station_id))
                if int(t.station_node[s]) in before and (int(t.station_node[s]) in isolated or int(t.station_node[s]) not in after)}

    frame = network.customers
    rows = t.customer_row
    households = np.nan_to_num(schema.numeric_column(frame, "households", 0.0)[rows])
    vulnerable = np.nan_to_num(schema.numeric_column(frame, "vulnerable_households", 0.0)[rows])
    area = np.nan_to_num(schema.numeric_column(frame, "heated_area_m2", 0.0)[rows])
    load = np.nan_to_num(schema.numeric_column(frame, "heat_load_kw", 0.0)[rows])
    affected = sorted(reasons)
    dn = np.clip(np.nan_to_num(t.pipe_dn), 0.0, None)
    summary = Summary(
        customers=len(affected),
        households=int(round(sum(households[c] for c in affected))),
        vulnerable_households=int(round(sum(vulnerable[c] for c in affected))),
        heated_area_m2=float(sum(area[c] for c in affected)),
        heat_load_kw=float(sum(load[c] for c in affected)),
        isolated_length_m=float(sum(t.piece_length[i] for i in iso_pieces)),
        drain_volume_m3=float(sum(2 * math.pi * (dn[t.piece_pipe[i]] / 2000) ** 2 * t.piece_length[i] for i in iso_pieces)),
    )

    restoration = []
    outside = {c for c, r in reasons.items() if r != ISOLATED}
    if outside:
        for k in range(t.n_valves):
            if normally_open[k] or not operable[k] or k in failed or k in opened:
                continue
            if int(t.valve_u[k]) in isolated or int(t.valve_v[k]) in isolated:
                continue
            trial = _supply(t, isolated, after_open + [k], sources)
            restored = sum(1 for c in outside if int(t.customer_node[c]) in trial)
            if restored:
                restoration.append({"open_valve": str(t.valve_id[k]), "restores_customers": restored})
    restoration.sort(key=lambda r: (-r["restores_customers"], r["open_valve"]))

    return {
        "failed_pipes": sorted(failed_pipes),
        "valves_to_close": sorted({str(t.valve_id[k]) for k in to_close}),
        "closed_boundary_valves": sorted({str(t.valve_id[k]) for k in closed_boundary}),
        "isolated_pipes": sorted(map(str, iso_pipes)),
        "cut_off_pipes": sorted(map(str, cut_pipes)),
        "affected_stations": sorted(map(str, stations)),
        "affected_customers": sorted(
            ({"customer_id": str(t.customer_id[c]), "reason": reasons[c]} for c in affected),
            key=lambda d: d["customer_id"]),
        "summary": summary.__dict__.copy(),
        "restoration": restoration,
    }
