"""Load + topology at 10k / 100k / 1M pipes: times and peak memory (target at 1M: < 20 s, < 4 GB).

    python benchmarks/bench_topology.py [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import SIZES, Clock, in_subprocess, machine, network_file, peak_mb  # noqa: E402


def child(n: int) -> dict:
    from gisheat.analysis import topology
    from gisheat.io import gpkg

    path = network_file(n)
    clock = Clock()
    with clock("load"):
        net = gpkg.load(path)
    with clock("topology"):
        t = topology.build(net)
    return {"pipes": len(net.pipes), "valves": len(net.valves), "nodes": t.n_nodes, "pieces": t.n_pieces,
            **clock.laps, "peak_mb": peak_mb()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.sizes[0])))
        return
    print(f"load + topology ({machine()})")
    print(f"{'pipes':>10} {'valves':>9} {'load s':>8} {'topology s':>11} {'total s':>8} {'peak MB':>9}")
    for n in args.sizes:
        network_file(n)
        r = in_subprocess(Path(__file__), "--sizes", str(n))
        print(f"{r['pipes']:>10,} {r['valves']:>9,} {r['load']:>8.2f} {r['topology']:>11.2f} "
              f"{r['load'] + r['topology']:>8.2f} {r['peak_mb']:>9,.0f}")


if __name__ == "__main__":
    main()
