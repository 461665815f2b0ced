"""`gisheat plan FILE --years N --budget AMOUNT [...]`: a budget-constrained multi-year renewal plan."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace

from gisheat.analysis.renewal.projects import MAX_AGE_GAP_YEARS, MAX_PROJECT_LENGTH_M
from gisheat.cli.output import load_network, positive_int, print_json, write_csv
from gisheat.errors import GisheatError

CSV_HEADER = ("pipe_id", "year", "cost", "risk_removed", "project_id", "length_m")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "plan", help="plan pipe renewals over several years within annual budgets",
        description="Choose which pipes to renew in which year to remove the most failure risk "
                    "within each year's budget (mixed-integer programme, HiGHS).")
    p.add_argument("file", help="network GeoPackage")
    p.add_argument("--years", type=_horizon, required=True, metavar="N",
                   help=f"planning horizon in years (1-{MAX_YEARS})")
    p.add_argument("--budget", type=_amount, metavar="AMOUNT", help="budget per year (yuan)")
    p.add_argument("--budget-per-year", type=_amounts, metavar="A,B,...", help="budget of each year (yuan)")
    p.add_argument("--start-year", type=_year, metavar="Y", help="first year (default: next calendar year)")
    p.add_argument("--capacity-km", type=_amounts, metavar="KM[,KM...]",
                   help="construction capacity per year in km (one value for all years, or one per year)")
    p.add_argument("--must", action="append", default=[], metavar="PIPE", help="pipe that must be renewed")
    p.add_argument("--must-not", action="append", default=[], metavar="PIPE", help="pipe that must not be renewed")
    p.add_argument("--min-project-length", type=_amount, default=100.0, metavar="M",
                   help="shortest project worth a site in metres (default 100)")
    p.add_argument("--max-project-length", type=_length, default=MAX_PROJECT_LENGTH_M, metavar="M",
                   help=f"longer runs are cut into projects of about this length (default {MAX_PROJECT_LENGTH_M:g})")
    p.add_argument("--max-age-gap", type=_amount, default=MAX_AGE_GAP_YEARS, metavar="YEARS",
                   help="pipes whose install years differ by more are separate projects "
                        f"(default {MAX_AGE_GAP_YEARS:g})")
    p.add_argument("--road-work", action="append", default=[], type=_road_work, metavar="PLACE:YEAR",
                   help="street (by name) or district (by name or id) re-paved in YEAR: shared-trench "
                        "discount that year, closed to digging after")
    p.add_argument("--road-work-saving", type=_percent, default=25.0, metavar="PCT",
                   help="share of the renewal cost saved by renewing in the road-works year (default 25)")
    p.add_argument("--road-work-closed-years", type=_whole, default=3, metavar="N",
                   help="years a re-paved street stays closed to digging (default 3)")
    p.add_argument("--unit-costs", metavar="CSV", help="cost table with columns max_dn,yuan_per_m")
    p.add_argument("--time-limit", type=_amount, default=30.0, metavar="S", help="optimiser time limit (s)")
    p.add_argument("--save", action="store_true",
                   help="store the plan in the file's renewal ledger (renewal_plans, renewal_items)")
    p.add_argument("--plan-name", default="", metavar="NAME", help="name of the saved plan")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.add_argument("--details", action="store_true",
                   help="with --json: add projects, comparison with simple rules, solver status and notes")
    p.add_argument("--output", metavar="CSV", help="write the plan items to a CSV file")
    p.set_defaults(run=run)


def _amount(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (value >= 0 and value != float("inf")):
        raise argparse.ArgumentTypeError(f"{text!r} must be a non-negative number")
    return value


def _percent(text: str) -> float:
    value = _amount(text)
    if value >= 100:
        raise argparse.ArgumentTypeError(f"{text!r} must be below 100")
    return value


def _whole(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value


MAX_YEARS = 50
"""Longest horizon: risk and cost models mean nothing beyond it, and the optimiser's size grows with it."""


def _horizon(text: str) -> int:
    value = positive_int(text)
    if value > MAX_YEARS:
        raise argparse.ArgumentTypeError(f"{value} years is beyond the longest horizon ({MAX_YEARS})")
    return value


def _length(text: str) -> float:
    value = _amount(text)
    if value < 50:
        raise argparse.ArgumentTypeError(f"{text!r}: a project of less than 50 m is not a site")
    return value


def _amounts(text: str) -> list[float]:
    return [_amount(part.strip()) for part in text.split(",")]


@dataclass(frozen=True)
class _RoadWorkArg:
    street: str
    year: int


def _road_work(text: str) -> _RoadWorkArg:
    street, sep, year = text.rpartition(":")
    if not sep or not street.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not STREET:YEAR")
    try:
        return _RoadWorkArg(street.strip(), int(year))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: year {year!r} is not a whole number") from None


def _usage(message: str) -> int:
    print(f"gisheat plan: error: {message}", file=sys.stderr)
    return 2


@contextlib.contextmanager
def _c_stdout_silenced() -> Iterator[None]:
    """HiGHS prints stray lines to the C-level stdout; keep stdout for the one JSON document."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


SPEC_KEYS = ("items", "per_year", "risk_before", "risk_after", "method")
"""What `plan --json` prints (SPEC); --details adds the rest."""


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year") from None
    if not 1900 <= value <= 2200:
        raise argparse.ArgumentTypeError(f"{value} is not a plausible year (1900-2200)")
    return value


def run(args: argparse.Namespace) -> int:
    # heavy imports here, so that `gisheat --help` and other commands start fast
    from gisheat.analysis.renewal import ledger
    from gisheat.analysis.renewal.costs import UnitCosts
    from gisheat.analysis.renewal.planner import PlanSettings, plan_renewal, road_work_at
    from gisheat.io import gpkg

    if args.budget_per_year is not None:
        budgets = args.budget_per_year
        if len(budgets) != args.years:
            return _usage(f"--budget-per-year lists {len(budgets)} budgets for --years {args.years}")
    elif args.budget is not None:
        budgets = [args.budget] * args.years
    else:
        return _usage("give --budget (per year) or --budget-per-year")
    capacity = None
    if args.capacity_km is not None:
        capacity = args.capacity_km * args.years if len(args.capacity_km) == 1 else args.capacity_km
        if len(capacity) != args.years:
            return _usage(f"--capacity-km lists {len(capacity)} values for --years {args.years}")
    start = args.start_year if args.start_year is not None else dt.date.today().year + 1
    settings = PlanSettings(
        start_year=start,
        budgets=tuple(budgets),
        capacity_km=tuple(capacity) if capacity is not None else None,
        unit_costs=UnitCosts.from_csv(args.unit_costs) if args.unit_costs else UnitCosts(),
        must=tuple(args.must),
        must_not=tuple(args.must_not),
        min_project_length_m=args.min_project_length,
        max_project_length_m=args.max_project_length,
        max_age_gap_years=args.max_age_gap,
        time_limit_s=args.time_limit,
    )
    network = load_network(args.file)
    try:
        settings = replace(settings, road_works=tuple(
            road_work_at(network, w.street, w.year, discount=args.road_work_saving / 100.0,
                         closed_years=args.road_work_closed_years) for w in args.road_work))
        with _c_stdout_silenced():
            result = plan_renewal(network, settings)
    except GisheatError as exc:
        raise type(exc)(f"{args.file}: {exc}") from None
    if args.save:
        plan_id = ledger.save_plan(network, result, name=args.plan_name)
        gpkg.save(network)
        result.notes.append(f"saved as plan {plan_id} in {args.file}")
    if args.output:
        write_csv(args.output, CSV_HEADER,
                  ((r.pipe_id, int(r.year), r.cost, r.risk_removed, r.project_id, r.length_m)
                   for r in result.items.itertuples()))
    if args.json:
        document = result.to_json()
        print_json(document if args.details else {key: document[key] for key in SPEC_KEYS})
        if not args.details and result.model.source == "defaults":
            # stdout stays the SPEC document; that the failure model could not be fitted still reaches the user
            print(f"gisheat: note: {result.model.note}", file=sys.stderr)
        return 0
    _print_text(result)
    return 0


def _print_text(result) -> None:
    from gisheat.analysis.renewal.planner import GREEDY, OLDEST

    print(f"renewal plan {result.settings.start_year}-{result.settings.year_list[-1]}: "
          f"{len(result.projects)} projects, {len(result.items)} pipes; {result.method}, {result.status}")
    print(f"{'year':>6} {'budget':>14} {'cost':>14} {'km':>8} {'risk before':>12} {'risk after':>12}")
    for row, before, after in zip(result.per_year.itertuples(), result.risk_before, result.risk_after, strict=True):
        print(f"{row.year:>6} {row.budget:>14,.0f} {row.cost:>14,.0f} {row.km:>8.2f} {before:>12,.0f} {after:>12,.0f}")
    print("risk removed over the horizon (yuan):")
    for name, label in (("milp", "this plan"), (GREEDY, "greedy by risk per cost"), (OLDEST, "oldest first")):
        summary = result.comparison[name]
        print(f"  {label:<24} {summary['risk_removed']:>14,.0f}  cost {summary['cost']:>14,.0f}  "
              f"{summary['km']:.2f} km")
    for note in result.notes:
        print(f"note: {note}")
