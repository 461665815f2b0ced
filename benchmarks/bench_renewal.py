"""Renewal planning timings: a 5-year plan for the 100k-pipe synthetic network.

    python benchmarks/bench_renewal.py                 # 100k pipes, 5 years
    python benchmarks/bench_renewal.py --pipes 10000 --years 10

The network file is cached in benchmarks/data/ (made by
gisheat.sample.synthetic when absent). The annual budget is a share of the
network's replacement value (default 1 % a year). Prints the time of each
step of `plan_renewal` (failure model fit, topology, criticality, project
grouping and benefits, simple rules, MILP), the total, the plan's size and
the peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
sys.path.insert(0, str(ROOT))

from gisheat.analysis.renewal.costs import UnitCosts  # noqa: E402
from gisheat.analysis.renewal.history import pipe_stock  # noqa: E402
from gisheat.analysis.renewal.planner import PlanSettings, plan_renewal  # noqa: E402
from gisheat.io import gpkg  # noqa: E402
from gisheat.sample import synthetic  # noqa: E402


def network_file(n: int) -> Path:
    path = DATA / f"synthetic_{n}.gpkg"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        gpkg.save(synthetic.synthetic_network(n), path)
    return path


@contextlib.contextmanager
def quiet_c_stdout():
    """HiGHS may print a stray line on the C stdout; keep the report clean."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pipes", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--budget-share", type=float, default=0.01,
                        help="annual budget as a share of the network's replacement value")
    args = parser.parse_args()

    t0 = time.perf_counter()
    net = gpkg.load(network_file(args.pipes))
    load_s = time.perf_counter() - t0
    stock = pipe_stock(net)
    value = float(UnitCosts().cost(stock.dn, stock.length_m).sum())
    budget = round(value * args.budget_share, -4)
    print(f"network: {len(stock)} in-service pipes, {stock.total_length_m / 1000:.0f} km, "
          f"{len(net.breaks)} breaks; replacement value {value / 1e9:.2f} bn yuan")
    print(f"plan: {args.years} years from 2027, budget {budget:,.0f} yuan a year")
    print(f"{'load':<28} {load_s:8.2f} s", flush=True)

    t0 = time.perf_counter()
    with quiet_c_stdout():
        result = plan_renewal(net, PlanSettings(2027, (budget,) * args.years))
    total = time.perf_counter() - t0
    for name, seconds in result.timings.items():
        print(f"{name.removesuffix('_s'):<28} {seconds:8.2f} s")
    print(f"{'plan_renewal total':<28} {total:8.2f} s")
    size = result.problem_size
    print(f"projects {size['projects']} ({size['candidates']} candidates, core {size['core']}), "
          f"MILP variables {size['variables']}, "
          f"chosen {len(result.projects)} projects / {len(result.items)} pipes, "
          f"{result.per_year['km'].sum():.1f} km")
    print(f"method: {result.method}, {result.status}")
    over = (result.per_year["cost"] > result.per_year["budget"]).sum()
    print(f"years over budget: {over}")
    for name in ("milp", "greedy_risk_per_cost", "oldest_first"):
        print(f"risk removed {name:<22} {result.comparison[name]['risk_removed']:16,.0f}")
    print(f"risk before {[round(v) for v in result.risk_before]}")
    print(f"risk after  {[round(v) for v in result.risk_after]}")
    print(f"peak memory (max RSS)        {peak_mb():8.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
