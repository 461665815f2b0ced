"""Segments + criticality of every pipe at 10k / 100k / 1M (target at 1M: < 5 s, < 4 GB), with
the naive method (one isolation per pipe) and WNTR's valve_segments timed on the 10k network.

    python benchmarks/bench_segments.py [--sizes ...] [--no-wntr]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from benchmarks.common import SIZES, Clock, in_subprocess, machine, network_file, peak_mb  # noqa: E402


def wntr_segments(t):
    """WNTR's valve_segments on the same graph: valve edges contracted, each valve on the piece it closes."""
    import networkx as nx
    import pandas as pd
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from wntr.metrics.topographic import valve_segments

    m = coo_matrix((np.ones(t.n_valves), (t.valve_u, t.valve_v)), shape=(t.n_nodes, t.n_nodes))
    _, merged = connected_components(m, directed=False)
    g = nx.MultiDiGraph()
    g.add_nodes_from(str(x) for x in np.unique(merged))
    for k in range(t.n_pieces):
        g.add_edge(str(merged[t.piece_u[k]]), str(merged[t.piece_v[k]]), key=str(k))
    piece_at = {}
    for k in range(t.n_pieces):
        piece_at.setdefault(int(t.piece_u[k]), k)
        piece_at.setdefault(int(t.piece_v[k]), k)
    rows = [{"link": str(piece_at[int(t.valve_u[k])]), "node": str(merged[t.valve_u[k]])}
            for k in range(t.n_valves) if int(t.valve_u[k]) in piece_at]
    layer = pd.DataFrame(rows).drop_duplicates().reset_index(drop=True)
    start = time.perf_counter()
    _, link_segments, _ = valve_segments(g, layer)
    return time.perf_counter() - start, link_segments


def child(n: int, with_wntr: bool) -> dict:
    from gisheat.analysis import topology
    from gisheat.analysis.criticality import criticality
    from gisheat.analysis.isolation import IsolationEngine
    from gisheat.analysis.segments import segment_graph, segment_table
    from gisheat.io import gpkg

    net = gpkg.load(network_file(n))
    t = topology.build(net)
    clock = Clock()
    with clock("segment_s"):
        graph = segment_graph(t)
        table = segment_table(graph)
    with clock("engine_s"):
        engine = IsolationEngine(net, t, graph)
    with clock("criticality_s"):
        crit = criticality(net, engine=engine)
    out = {"pipes": t.n_pipes, "segments": graph.n, **clock.laps,
           "total": sum(clock.laps.values()), "peak_mb": peak_mb()}
    if n <= 10_000:
        start = time.perf_counter()
        naive = [engine.isolate_indices(np.array([p]), restoration=False).summary.customers for p in range(t.n_pipes)]
        out["naive_per_pipe"] = time.perf_counter() - start
        assert naive == crit["customers"].reindex(t.pipe_id).tolist()
        if with_wntr:
            seconds, link_segments = wntr_segments(t)
            out["wntr"] = seconds
            ours = table.segment_id[np.argsort(np.lexsort((t.piece_index, t.pipe_row[t.piece_pipe])))]
            theirs = link_segments.reindex([str(k) for k in range(t.n_pieces)]).to_numpy()
            pairs = set(zip(ours.tolist(), theirs.tolist(), strict=True))
            out["wntr_same_partition"] = len(pairs) == len(set(ours.tolist())) == len(set(theirs.tolist()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--no-wntr", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.sizes[0], not args.no_wntr)))
        return
    print(f"segments + criticality of every pipe ({machine()})")
    print(f"{'pipes':>10} {'segments':>9} {'segments s':>11} {'engine s':>9} {'criticality s':>14} {'total s':>8} {'peak MB':>8}")
    for n in args.sizes:
        network_file(n)
        extra = ["--no-wntr"] if args.no_wntr else []
        r = in_subprocess(Path(__file__), "--sizes", str(n), *extra)
        print(f"{r['pipes']:>10,} {r['segments']:>9,} {r['segment_s']:>11.2f} {r['engine_s']:>9.2f} "
              f"{r['criticality_s']:>14.2f} {r['total']:>8.2f} {r['peak_mb']:>8,.0f}")
        if "naive_per_pipe" in r:
            print(f"{'':>10} naive (one isolation per pipe): {r['naive_per_pipe']:.2f} s = "
                  f"{r['naive_per_pipe'] / r['total']:.0f}x slower")
        if "wntr" in r:
            print(f"{'':>10} WNTR valve_segments: {r['wntr']:.2f} s = {r['wntr'] / r['segment_s']:.0f}x slower than "
                  f"our segments; same partition: {r['wntr_same_partition']}")


if __name__ == "__main__":
    main()
