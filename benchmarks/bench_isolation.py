"""One isolation query on 10k / 100k / 1M pipes, against a plain networkx baseline in the same run.

The engine is built once per network; each query isolates one random
in-service pipe. The baseline is the straightforward method on the whole
node graph with networkx (graphs prebuilt, not timed): spread from the failed
pipe through pipes and valves that cannot close, then reachability from the
sources with the isolated nodes removed. Target at 1M: a query < 20 ms and
>= 100x faster than the baseline.

    python benchmarks/bench_isolation.py [--sizes ...] [--queries 200]
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

BASELINE_QUERIES = {10_000: 20, 100_000: 5, 1_000_000: 3}


class NetworkxBaseline:
    """Isolation with networkx on the node graph, as one would write it first."""

    def __init__(self, t):
        import networkx as nx

        self.t = t
        nodes = range(t.n_nodes)
        self.flow = nx.DiGraph()
        self.flow.add_nodes_from(nodes)
        self.spread = nx.Graph()
        self.spread.add_nodes_from(nodes)
        pieces = list(zip(t.piece_u.tolist(), t.piece_v.tolist(), strict=True))
        self.flow.add_edges_from(pieces)
        self.flow.add_edges_from((v, u) for u, v in pieces)
        self.spread.add_edges_from(pieces)
        for k in range(t.n_valves):
            u, v = int(t.valve_u[k]), int(t.valve_v[k])
            if t.valve_normally_open[k]:
                self.flow.add_edge(u, v)
                self.flow.add_edge(v, u)
                if not t.valve_operable[k]:
                    self.spread.add_edge(u, v)
        for s, node in zip(t.link_station.tolist(), t.link_node.tolist(), strict=True):
            self.flow.add_edge(int(t.station_node[s]), node)
        self.sources = sorted(set(t.source_node.tolist()))
        self.before = self._reach(set())

    def _reach(self, removed):
        import networkx as nx

        view = nx.restricted_view(self.flow, removed, [])
        reached = set()
        for s in self.sources:
            if s not in removed and s not in reached:
                reached |= nx.descendants(view, s) | {s}
        return reached

    def customers(self, pipe: int) -> int:
        import networkx as nx

        t = self.t
        first = t.pipe_first_piece[pipe]
        isolated = nx.node_connected_component(self.spread, int(t.piece_u[first]))
        for k in range(t.pipe_piece_count[pipe]):
            isolated |= nx.node_connected_component(self.spread, int(t.piece_u[first + k]))
        after = self._reach(isolated)
        mask = np.zeros(t.n_nodes, dtype=bool)
        mask[np.fromiter(self.before - (after - isolated), dtype=np.int64)] = True
        return int(mask[t.customer_node].sum())


def child(n: int, queries: int) -> dict:
    from gisheat.analysis import topology
    from gisheat.analysis.isolation import IsolationEngine
    from gisheat.io import gpkg

    clock = Clock()
    net = gpkg.load(network_file(n))
    t = topology.build(net)
    with clock("engine"):
        engine = IsolationEngine(net, t)
    rng = np.random.default_rng(7)
    picks = rng.choice(t.n_pipes, size=min(queries, t.n_pipes), replace=False)
    times = []
    for p in picks:
        start = time.perf_counter()
        engine.isolate_indices(np.array([p]))
        times.append(time.perf_counter() - start)
    times_ms = np.array(times) * 1000
    engine_peak = peak_mb()
    with clock("baseline_build"):
        baseline = NetworkxBaseline(t)
    base = []
    for p in picks[: BASELINE_QUERIES.get(n, 3)]:
        start = time.perf_counter()
        expected = baseline.customers(int(p))
        base.append(time.perf_counter() - start)
        got = engine.isolate_indices(np.array([p])).summary.customers
        assert got == expected, (t.pipe_id[p], got, expected)
    return {"pipes": t.n_pipes, "segments": engine.graph.n, **clock.laps,
            "median_ms": float(np.median(times_ms)), "p90_ms": float(np.percentile(times_ms, 90)),
            "max_ms": float(times_ms.max()), "mean_ms": float(times_ms.mean()),
            "baseline_ms": float(np.mean(base) * 1000), "peak_mb": engine_peak}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.sizes[0], args.queries)))
        return
    print(f"isolation queries ({machine()}); baseline = networkx on the node graph, same queries, answers checked")
    print(f"{'pipes':>10} {'segments':>9} {'engine s':>9} {'median ms':>10} {'p90 ms':>7} {'max ms':>7} "
          f"{'mean ms':>8} {'networkx ms':>12} {'speed-up':>9} {'peak MB':>8}")
    for n in args.sizes:
        network_file(n)
        r = in_subprocess(Path(__file__), "--sizes", str(n), "--queries", str(args.queries))
        print(f"{r['pipes']:>10,} {r['segments']:>9,} {r['engine']:>9.2f} {r['median_ms']:>10.2f} {r['p90_ms']:>7.2f} "
              f"{r['max_ms']:>7.2f} {r['mean_ms']:>8.2f} {r['baseline_ms']:>12,.0f} "
              f"{r['baseline_ms'] / r['mean_ms']:>8,.0f}x {r['peak_mb']:>8,.0f}")


if __name__ == "__main__":
    main()
