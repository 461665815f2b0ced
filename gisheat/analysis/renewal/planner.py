"""Multi-year renewal plan: which projects to renew in which year, within each year's budget.

Risk of pipe i in year y is ``r[i, y] = P(break in y) × consequence`` (see
:mod:`.risk`); after renewal in year s the new pipe (new install year,
renewal material and laying, no break history) carries ``r_s[i, y]``, from
year s on (works are done between heating seasons, so the renewed pipe
serves the season that starts that year). Renewing project p in year s
removes ``b[p, s] = Σ_{i∈p} Σ_{y=s}^{end} (r[i, y] − r_s[i, y])`` of risk over
the horizon.

The optimiser is a mixed-integer programme solved by HiGHS through
``scipy.optimize.milp``: binary x[p, s] (project p in year s), maximise
Σ b·x subject to at most one year per project (exactly one for must-renew
projects), Σ cost·x ≤ budget and Σ km·x ≤ construction capacity in every
year. Costs are whole yuan per pipe (unit cost by DN × length, with a
shared-trench discount in a street's road-works year); streets freshly
paved are closed to digging for some years after. The budget is checked
again on the integer costs after solving, so ``cost ≤ budget`` always holds.

Two simple rules are planned under the same constraints for comparison:
"greedy by risk per cost" (year by year, the best benefit/cost first) and
"oldest first" (year by year, projects with the oldest pipe first).

On big networks the MILP is given the knapsack *core* (:func:`core_projects`):
the projects with the best risk removed per yuan covering three times the
horizon's budget, the must-renew ones and every project a rule chose — the
rest cannot compete for the budget, and HiGHS on all of them (100k pipes:
~24k projects × 5 years of binaries) did not finish. The plan is therefore
never worse than either rule; the status says how close to the core's
optimum HiGHS proved it (``mip_rel_gap``, ``time_limit_s``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import shapely
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

from gisheat.analysis import topology as topo
from gisheat.analysis.renewal.costs import UnitCosts
from gisheat.analysis.renewal.failure import FailureModel, fit_failure_model, pipe_age
from gisheat.analysis.renewal.history import BreakHistory, PipeStock, break_history
from gisheat.analysis.renewal.projects import (
    MAX_AGE_GAP_YEARS,
    MAX_PROJECT_LENGTH_M,
    Projects,
    group_projects,
)
from gisheat.analysis.renewal.risk import ConsequenceParameters, consequences, network_criticality
from gisheat.core import schema
from gisheat.core.network import Network
from gisheat.errors import Cancelled, InputError

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]

METHOD = "milp (HiGHS via scipy.optimize.milp)"
GREEDY = "greedy_risk_per_cost"
OLDEST = "oldest_first"


@dataclass(frozen=True)
class RoadWork:
    """Planned road works: a street (by name) or an area, re-paved in ``year``."""

    year: int
    street: str = ""
    area: shapely.Geometry | None = None
    discount: float = 0.25
    """Share of the renewal cost saved by sharing the trench and surface in ``year``."""
    closed_years: int = 3
    """Years after ``year`` during which the fresh surface may not be dug up."""


def road_work_at(network: Network, place: str, year: int, *, discount: float = 0.25,
                 closed_years: int = 3) -> RoadWork:
    """Road works on a street of the ``streets`` layer (by name) or in a district (by name or id).

    Raises InputError when the network has no such street or district: a misspelt name must not
    silently drop the constraint.
    """
    place = place.strip()
    common = {"year": int(year), "discount": float(discount), "closed_years": int(closed_years)}
    if place in set(schema.text_column(network.layer("streets"), "name", default="").tolist()) - {""}:
        return RoadWork(street=place, **common)
    districts = network.layer("districts")
    if len(districts) and hasattr(districts, "geometry"):
        names = schema.text_column(districts, "name", default="")
        ids = schema.text_column(districts, "district_id", default="")
        match = np.flatnonzero((names == place) | (ids == place))
        if len(match):
            return RoadWork(area=districts.geometry.iloc[int(match[0])], **common)
    raise InputError(f"road works: '{place}' is neither a street nor a district of the network")


@dataclass(frozen=True)
class PlanSettings:
    """Everything the planner is asked; budgets (¥) and capacities (km) per year of the horizon."""

    start_year: int
    budgets: tuple[float, ...]
    capacity_km: tuple[float, ...] | None = None
    unit_costs: UnitCosts = field(default_factory=UnitCosts)
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    min_project_length_m: float = 100.0
    max_project_length_m: float = MAX_PROJECT_LENGTH_M
    max_age_gap_years: float = MAX_AGE_GAP_YEARS
    """Pipes whose install years differ by more are separate projects (see :mod:`projects`)."""
    road_works: tuple[RoadWork, ...] = ()
    renewal_material: str = "preinsulated_steel"
    renewal_laying: str = "preinsulated_buried"
    time_limit_s: float = 30.0
    mip_rel_gap: float = 0.001
    """Stop when the plan is proven within this share of the best possible (risk estimates are far coarser)."""

    @property
    def years(self) -> int:
        return len(self.budgets)

    @property
    def year_list(self) -> list[int]:
        return [self.start_year + k for k in range(self.years)]

    def check(self) -> None:
        if self.years < 1:
            raise InputError("a plan needs at least one year")
        if any(not math.isfinite(b) or b < 0 for b in self.budgets):
            raise InputError("budgets must be finite and not negative")
        if self.capacity_km is not None:
            if len(self.capacity_km) != self.years:
                raise InputError(f"{len(self.capacity_km)} capacities given for {self.years} years")
            if any(not math.isfinite(c) or c < 0 for c in self.capacity_km):
                raise InputError("construction capacities must be finite and not negative")
        both = sorted(set(self.must) & set(self.must_not))
        if both:
            raise InputError(f"pipe {both[0]} is listed both as must renew and must not renew")
        for work in self.road_works:
            if not (0.0 <= work.discount < 1.0):
                raise InputError(f"road works in {work.year}: discount {work.discount:g} is not in [0, 1)")
            if work.closed_years < 0:
                raise InputError(f"road works in {work.year}: closed years must not be negative")


@dataclass
class Schedule:
    """One plan: the year of each project (−1 = not renewed)."""

    method: str
    project_year: np.ndarray
    status: str = ""


@dataclass
class PlanProblem:
    """The planning data: pipes, projects, costs, risks and benefits."""

    settings: PlanSettings
    stock: PipeStock
    projects: Projects
    pipe_cost: np.ndarray
    """(pipes, years) whole ¥ per pipe if renewed in that year (discounts applied)."""
    risk: np.ndarray
    """(pipes, years) risk of the existing pipe."""
    pipe_benefit: np.ndarray
    """(pipes, years of renewal) risk removed over the horizon."""
    project_cost: np.ndarray
    project_km: np.ndarray
    project_benefit: np.ndarray
    allowed: np.ndarray
    """(projects, years) may the project be renewed that year."""
    must: np.ndarray
    """(projects,) must be renewed."""
    oldest_year: np.ndarray
    new_scale: np.ndarray
    beta: float
    consequence: np.ndarray
    notes: list[str] = field(default_factory=list)

    def new_pipe_risk(self, pipes: np.ndarray, renewal_year: np.ndarray, year: int) -> np.ndarray:
        """Risk in ``year`` of the new pipes laid in ``renewal_year``."""
        t1 = pipe_age(renewal_year.astype(np.float64), float(year))
        t2 = pipe_age(renewal_year.astype(np.float64), float(year + 1))
        expected = self.new_scale[pipes] * (t2**self.beta - t1**self.beta)
        return -np.expm1(-expected) * self.consequence[pipes]


@dataclass
class PlanResult:
    """A renewal plan with its per-year totals, risk trajectories and the comparison rules."""

    settings: PlanSettings
    method: str
    status: str
    items: pd.DataFrame
    """pipe_id, project_id, year, cost, risk_removed, length_m, street."""
    projects: pd.DataFrame
    per_year: pd.DataFrame
    """year, budget, cost, km (and capacity_km when given)."""
    risk_before: list[float]
    risk_after: list[float]
    comparison: dict[str, dict]
    model: FailureModel
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    problem_size: dict[str, int] = field(default_factory=dict)
    """Projects in all, candidates (renewable within some year's limits), core given to the MILP, variables."""

    @property
    def risk_removed(self) -> float:
        return float(self.items["risk_removed"].sum()) if len(self.items) else 0.0

    def to_json(self) -> dict:
        return {
            "items": [{"pipe_id": r.pipe_id, "year": int(r.year), "cost": float(r.cost),
                       "risk_removed": float(r.risk_removed)} for r in self.items.itertuples()],
            "per_year": [{"year": int(r.year), "budget": float(r.budget), "cost": float(r.cost), "km": float(r.km)}
                         for r in self.per_year.itertuples()],
            "risk_before": [float(v) for v in self.risk_before],
            "risk_after": [float(v) for v in self.risk_after],
            "method": self.method,
            "status": self.status,
            "risk_removed": self.risk_removed,
            "projects": [{"project_id": r.project_id, "year": int(r.year), "cost": float(r.cost),
                          "km": float(r.km), "risk_removed": float(r.risk_removed), "street": r.street,
                          "pipes": int(r.pipes)} for r in self.projects.itertuples()],
            "comparison": self.comparison,
            "problem_size": dict(self.problem_size),
            "model": self.model.to_json(),
            "notes": list(self.notes),
        }


# --- building the problem ------------------------------------------------------------------------


def _check(cancelled: CancelCheck | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def _report(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)


def build_problem(
    network: Network,
    settings: PlanSettings,
    model: FailureModel,
    consequence: pd.DataFrame,
    *,
    stock: PipeStock,
    topology: topo.Topology | None = None,
    projects: Projects | None = None,
) -> PlanProblem:
    """Costs, risks and benefits of every project and year (see the module docstring)."""
    settings.check()
    n, n_years = len(stock), settings.years
    years = np.array(settings.year_list)
    index = pd.Index(stock.pipe_id, dtype=object)
    must_pipes = _pipe_positions(network, index, settings.must, "must renew")
    must_not_pipes = _pipe_positions(network, index, settings.must_not, "must not renew")
    exclude = np.zeros(n, dtype=bool)
    exclude[must_not_pipes] = True
    if projects is None:
        projects = group_projects(network, stock, topology=topology, exclude=exclude,
                                  min_length_m=settings.min_project_length_m,
                                  max_length_m=settings.max_project_length_m,
                                  max_age_gap_years=settings.max_age_gap_years)
    notes: list[str] = []
    k = len(projects)
    member = projects.pipe_project
    kept = member >= 0

    # risk of the existing pipes and of new ones
    cons = consequence.reindex(index)["consequence"].to_numpy(dtype=np.float64)
    cons = np.where(np.isfinite(cons), cons, 0.0)
    old_scale = model.scale(stock) * model.frailty(stock)
    install = model.design.install_years(stock)
    risk = np.empty((n, n_years))
    for j, y in enumerate(years):
        t1, t2 = pipe_age(install, float(y)), pipe_age(install, float(y + 1))
        risk[:, j] = -np.expm1(-old_scale * (t2**model.beta - t1**model.beta)) * cons
    renewed = replace(stock, material=np.full(n, settings.renewal_material, dtype=object),
                      laying=np.full(n, settings.renewal_laying, dtype=object),
                      install_year=np.full(n, float(years[0])))
    new_scale = model.scale(renewed)
    pipe_benefit = np.zeros((n, n_years))
    for s in range(n_years):
        removed = np.zeros(n)
        for j in range(s, n_years):
            t1, t2 = pipe_age(float(years[s]), float(years[j])), pipe_age(float(years[s]), float(years[j] + 1))
            new_risk = -np.expm1(-new_scale * (t2**model.beta - t1**model.beta)) * cons
            removed += risk[:, j] - new_risk
        pipe_benefit[:, s] = removed

    # costs with road-works discounts, and closures
    base_cost = settings.unit_costs.cost(stock.dn, stock.length_m)
    pipe_cost = np.repeat(base_cost[:, None], n_years, axis=1)
    closed = np.zeros((k, n_years), dtype=bool)
    pipe_geoms = None
    for work in settings.road_works:
        affected = np.zeros(n, dtype=bool)
        if work.street:
            affected |= projects.pipe_street == work.street
        if work.area is not None:
            if pipe_geoms is None:
                pipe_geoms = topo.geometry_array(network.pipes)[stock.row]
            present = ~shapely.is_missing(pipe_geoms)
            affected[present] |= shapely.intersects(pipe_geoms[present], work.area)
        if not affected.any():
            where = f"street {work.street}" if work.street else "the road-works area"
            notes.append(f"road works {work.year} on {where}: no in-service pipe lies under it")
            continue
        if work.year in years:
            j = int(np.flatnonzero(years == work.year)[0])
            pipe_cost[affected, j] = np.round(base_cost[affected] * (1.0 - work.discount))
        projects_hit = np.unique(member[affected & kept])
        for j, y in enumerate(years):
            if work.year < y <= work.year + work.closed_years:
                closed[projects_hit, j] = True

    # project totals
    project_cost = np.zeros((k, n_years))
    project_benefit = np.zeros((k, n_years))
    for j in range(n_years):
        project_cost[:, j] = np.bincount(member[kept], weights=pipe_cost[kept, j], minlength=k)
        project_benefit[:, j] = np.bincount(member[kept], weights=pipe_benefit[kept, j], minlength=k)
    project_cost = np.round(project_cost)
    project_km = np.bincount(member[kept], weights=stock.length_m[kept], minlength=k) / 1000.0
    must = np.zeros(k, dtype=bool)
    must[member[must_pipes]] = True
    key = np.where(np.isfinite(stock.install_year), stock.install_year, np.inf)
    oldest = np.full(k, np.inf)
    np.minimum.at(oldest, member[kept], key[kept])

    budgets = np.asarray(settings.budgets, dtype=np.float64)
    allowed = ~closed & (project_cost <= budgets[None, :])
    if settings.capacity_km is not None:
        allowed &= project_km[:, None] <= np.asarray(settings.capacity_km)[None, :] + 1e-9
    allowed &= (project_benefit > 0) | must[:, None]
    allowed[projects.short & ~must] = False
    if projects.short.any():
        notes.append(f"{int(projects.short.sum())} projects shorter than {settings.min_project_length_m:g} m "
                     "with no neighbour to join are not proposed")
    for p in np.flatnonzero(must & ~allowed.any(axis=1)):
        raise InputError(f"project {projects.project_id[p]} (must renew) fits no year: costs "
                         f"{project_cost[p].min():,.0f} against budgets up to {budgets.max():,.0f}"
                         + (" or its street is closed to digging" if closed[p].any() else ""))
    return PlanProblem(settings, stock, projects, pipe_cost, risk, pipe_benefit, project_cost, project_km,
                       project_benefit, allowed, must, oldest, new_scale, model.beta, cons, notes)


def _pipe_positions(network: Network, index: pd.Index, ids: tuple[str, ...], what: str) -> np.ndarray:
    if not ids:
        return np.zeros(0, dtype=np.int64)
    where = index.get_indexer(pd.Index(list(ids), dtype=object))
    missing = [pid for pid, w in zip(ids, where, strict=True) if w < 0]
    if missing:
        known = set(topo.feature_ids(network.pipes, "pipe_id").tolist())
        pid = missing[0]
        reason = "is not in service" if pid in known else "is not in the pipes layer"
        raise InputError(f"pipe {pid} ({what}) {reason}")
    return where.astype(np.int64)


# --- solving --------------------------------------------------------------------------------------


def solve_milp(problem: PlanProblem, *, at_least: float | None = None) -> Schedule:
    """The optimal schedule (module docstring); raises InputError when the must-renew set cannot fit.

    ``at_least`` adds the constraint "remove at least this much risk" (the
    best simple rule's value), so that a search stopped by the time limit
    still returns a plan no worse than the rules.
    """
    s = problem.settings
    var_p, var_y = np.nonzero(problem.allowed)
    k, n_years = problem.allowed.shape
    year_of = np.full(k, -1, dtype=np.int64)
    stuck = np.flatnonzero(problem.must & ~problem.allowed.any(axis=1))
    if len(stuck):
        raise InputError(f"project {problem.projects.project_id[stuck[0]]} (must renew) fits no year")
    if len(var_p) == 0:
        return Schedule(METHOD, year_of, "nothing worth renewing fits the budgets")
    benefit = problem.project_benefit[var_p, var_y]
    cost = problem.project_cost[var_p, var_y]
    km = problem.project_km[var_p]
    n_vars = len(var_p)
    columns = np.arange(n_vars)
    used_projects, project_row = np.unique(var_p, return_inverse=True)
    rows = [coo_matrix((np.ones(n_vars), (project_row, columns)), shape=(len(used_projects), n_vars))]
    lower = [problem.must[used_projects].astype(np.float64)]
    upper = [np.ones(len(used_projects))]
    # budget and capacity rows scaled to coefficients ≤ 1 (HiGHS works best on well-scaled rows)
    budgets = np.asarray(s.budgets, dtype=np.float64)
    unit = np.maximum(budgets, 1.0)[var_y]
    rows.append(coo_matrix((cost / unit, (var_y, columns)), shape=(n_years, n_vars)))
    lower.append(np.full(n_years, -np.inf))
    upper.append(budgets / np.maximum(budgets, 1.0))
    if s.capacity_km is not None:
        capacity = np.asarray(s.capacity_km, dtype=np.float64)
        unit = np.maximum(capacity, 1e-3)[var_y]
        rows.append(coo_matrix((km / unit, (var_y, columns)), shape=(n_years, n_vars)))
        lower.append(np.full(n_years, -np.inf))
        upper.append(capacity / np.maximum(capacity, 1e-3))
    from scipy.sparse import vstack

    scale = max(float(np.abs(benefit).max()), 1e-12)
    if at_least is not None and at_least > 0:
        rows.append(coo_matrix((benefit / scale, (np.zeros(n_vars, dtype=np.int64), columns)), shape=(1, n_vars)))
        lower.append(np.array([at_least / scale * (1.0 - 1e-9)]))
        upper.append(np.array([np.inf]))
    matrix = vstack(rows).tocsr()
    result = milp(
        c=-benefit / scale,
        constraints=LinearConstraint(matrix, np.concatenate(lower), np.concatenate(upper)),
        integrality=np.ones(n_vars),
        bounds=Bounds(0, 1),
        options={"time_limit": s.time_limit_s, "mip_rel_gap": s.mip_rel_gap, "disp": False},
    )
    if result.x is None:
        if problem.must.any():
            raise InputError("the must-renew pipes cannot all be renewed within the budgets and capacities")
        return Schedule(METHOD, year_of, f"no solution ({result.message})")
    chosen = result.x > 0.5
    year_of[var_p[chosen]] = var_y[chosen]
    gap = getattr(result, "mip_gap", None)
    within = f" (within {gap:.2%} of the optimum)" if gap is not None and gap > 0 else ""
    status = ("optimal" if result.status == 0 else "time limit reached") + within
    schedule = Schedule(METHOD, year_of, status)
    _enforce_limits(problem, schedule)
    return schedule


def _enforce_limits(problem: PlanProblem, schedule: Schedule) -> None:
    """Drop the weakest optional projects of any year that exceeds its budget or capacity by rounding."""
    s = problem.settings
    year_of = schedule.project_year
    for j in range(s.years):
        while True:
            members = np.flatnonzero(year_of == j)
            cost = problem.project_cost[members, j].sum()
            km = problem.project_km[members].sum()
            over_budget = cost > s.budgets[j]
            over_capacity = s.capacity_km is not None and km > s.capacity_km[j] + 1e-9
            if not (over_budget or over_capacity):
                break
            optional = members[~problem.must[members]]
            if not len(optional):
                raise InputError(f"the must-renew pipes of {s.start_year + j} exceed that year's budget")
            ratio = problem.project_benefit[optional, j] / np.maximum(problem.project_cost[optional, j], 1.0)
            year_of[optional[np.argmin(ratio)]] = -1
            schedule.status += " (trimmed to the budget after rounding)"


def core_projects(problem: PlanProblem, keep: list[Schedule] | tuple[Schedule, ...] = (),
                  *, budget_factor: float = 3.0, minimum: int = 300) -> np.ndarray:
    """Projects the optimiser considers: the knapsack *core*.

    With thousands of candidate projects and budgets for a few hundred, the
    projects far down the risk-per-cost order cannot compete (Balas & Zemel's
    core problem): the MILP is solved over the best projects by risk per
    yuan until their cost reaches ``budget_factor`` × the horizon's total
    budget (at least ``minimum`` projects), plus the must-renew projects and
    every project a rule plan in ``keep`` chose (so the optimum found is never
    worse than those plans).
    """
    k = len(problem.projects)
    ratio = (problem.project_benefit / np.maximum(problem.project_cost, 1.0)).max(axis=1, initial=-np.inf)
    ratio = np.where(problem.allowed.any(axis=1), ratio, -np.inf)
    order = np.lexsort((np.arange(k), -ratio))
    cost = problem.project_cost.min(axis=1, initial=np.inf)[order]
    cumulative = np.cumsum(np.where(np.isfinite(cost), cost, 0.0))
    take = max(int(np.searchsorted(cumulative, budget_factor * float(sum(problem.settings.budgets)))) + 1, minimum)
    mask = np.zeros(k, dtype=bool)
    mask[order[:take]] = True
    mask |= problem.must
    for schedule in keep:
        mask |= schedule.project_year >= 0
    return mask & problem.allowed.any(axis=1)


def _place_musts(problem: PlanProblem, year_of: np.ndarray, budget: np.ndarray, capacity: np.ndarray) -> None:
    """Rule-based plans put must-renew projects first, each in its best year that still fits."""
    for p in np.flatnonzero(problem.must):
        order = np.argsort(-problem.project_benefit[p])
        for j in order:
            if problem.allowed[p, j] and problem.project_cost[p, j] <= budget[j] and problem.project_km[p] <= capacity[j]:
                year_of[p] = j
                budget[j] -= problem.project_cost[p, j]
                capacity[j] -= problem.project_km[p]
                break


def _fill(problem: PlanProblem, year_of: np.ndarray, budget: np.ndarray, capacity: np.ndarray,
          order_for_year: Callable[[int], np.ndarray]) -> None:
    for j in range(problem.settings.years):
        for p in order_for_year(j):
            if year_of[p] >= 0 or not problem.allowed[p, j]:
                continue
            cost = problem.project_cost[p, j]
            if cost <= budget[j] and problem.project_km[p] <= capacity[j] + 1e-12:
                year_of[p] = j
                budget[j] -= cost
                capacity[j] -= problem.project_km[p]


def _limits(problem: PlanProblem) -> tuple[np.ndarray, np.ndarray]:
    s = problem.settings
    budget = np.asarray(s.budgets, dtype=np.float64).copy()
    capacity = (np.asarray(s.capacity_km, dtype=np.float64).copy() if s.capacity_km is not None
                else np.full(s.years, np.inf))
    return budget, capacity


def solve_greedy(problem: PlanProblem) -> Schedule:
    """Year by year, the projects removing most risk per yuan first."""
    k = len(problem.projects)
    year_of = np.full(k, -1, dtype=np.int64)
    budget, capacity = _limits(problem)
    _place_musts(problem, year_of, budget, capacity)

    def order(j: int) -> np.ndarray:
        ratio = problem.project_benefit[:, j] / np.maximum(problem.project_cost[:, j], 1.0)
        return np.lexsort((np.arange(k), -ratio))

    _fill(problem, year_of, budget, capacity, order)
    return Schedule(GREEDY, year_of, "rule")


def solve_oldest_first(problem: PlanProblem) -> Schedule:
    """Year by year, projects holding the oldest pipes first."""
    k = len(problem.projects)
    year_of = np.full(k, -1, dtype=np.int64)
    budget, capacity = _limits(problem)
    _place_musts(problem, year_of, budget, capacity)
    order = np.lexsort((np.arange(k), problem.oldest_year))
    _fill(problem, year_of, budget, capacity, lambda j: order)
    return Schedule(OLDEST, year_of, "rule")


# --- results ---------------------------------------------------------------------------------------


def evaluate(problem: PlanProblem, schedule: Schedule) -> dict:
    """Totals of a schedule: risk removed, cost, km, risk after per year; and per-pipe rows."""
    s = problem.settings
    years = s.year_list
    member = problem.projects.pipe_project
    pipe_year = np.where(member >= 0, schedule.project_year[np.maximum(member, 0)], -1)
    chosen = np.flatnonzero(pipe_year >= 0)
    cy = pipe_year[chosen]
    risk_before = problem.risk.sum(axis=0)
    risk_after = risk_before.copy()
    for j, y in enumerate(years):
        done = cy <= j
        pipes = chosen[done]
        new = problem.new_pipe_risk(pipes, np.asarray(years)[cy[done]], y)
        risk_after[j] -= float((problem.risk[pipes, j] - new).sum())
    cost = problem.pipe_cost[chosen, cy]
    removed = problem.pipe_benefit[chosen, cy]
    per_year_cost = np.bincount(cy, weights=cost, minlength=s.years)
    per_year_km = np.bincount(cy, weights=problem.stock.length_m[chosen], minlength=s.years) / 1000.0
    return {
        "pipes": chosen, "pipe_year": cy, "cost": cost, "removed": removed,
        "risk_before": risk_before, "risk_after": risk_after,
        "per_year_cost": per_year_cost, "per_year_km": per_year_km,
        "summary": {"risk_removed": float(removed.sum()), "cost": float(cost.sum()),
                    "km": float(per_year_km.sum()), "projects": int((schedule.project_year >= 0).sum()),
                    "risk_after": [float(v) for v in risk_after], "status": schedule.status},
    }


def plan_renewal(
    network: Network,
    settings: PlanSettings,
    *,
    model: FailureModel | None = None,
    history: BreakHistory | None = None,
    criticality: pd.DataFrame | None = None,
    consequence_parameters: ConsequenceParameters | None = None,
    topology: topo.Topology | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> PlanResult:
    """Plan renewals over the horizon of ``settings`` (module docstring).

    The failure model is fitted on the whole break history unless given; the
    consequence comes from ``criticality`` (default: the network's
    criticality analysis when available, else the pipe alone, said in notes).
    """
    timings: dict[str, float] = {}
    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        timings[name] = now - clock[0]
        clock[0] = now
        _check(cancelled)

    settings.check()
    notes: list[str] = []
    _report(progress, 0.0, "reading the break history")
    history = history if history is not None else break_history(network)
    if model is None:
        _report(progress, 0.05, "fitting the failure model")
        model = fit_failure_model(history, cancelled=cancelled)
    if model.note:
        notes.append(model.note)
    lap("failure_model_s")
    if topology is None:
        _report(progress, 0.2, "building the topology")
        topology = topo.build(network)
    lap("topology_s")
    if criticality is None:
        _report(progress, 0.25, "computing failure consequences")
        criticality, note = network_criticality(network, topology)
        if note:
            notes.append(note)
    lap("criticality_s")
    consequence = consequences(history.pipes, criticality, consequence_parameters)
    _report(progress, 0.45, "grouping pipes into projects")
    problem = build_problem(network, settings, model, consequence, stock=history.pipes, topology=topology)
    notes.extend(problem.notes)
    lap("problem_s")
    _report(progress, 0.6, "planning by simple rules")
    rules = {GREEDY: solve_greedy(problem), OLDEST: solve_oldest_first(problem)}
    results = {name: evaluate(problem, rule) for name, rule in rules.items()}
    best_rule = max(rules, key=lambda name: results[name]["summary"]["risk_removed"])
    floor = results[best_rule]["summary"]["risk_removed"]
    lap("rules_s")
    _report(progress, 0.65, "optimising the plan")
    core = core_projects(problem, tuple(rules.values()))
    reduced = replace(problem, allowed=problem.allowed & core[:, None])
    schedule = solve_milp(reduced)
    if evaluate(problem, schedule)["summary"]["risk_removed"] < floor:
        if schedule.status.startswith("optimal"):
            # proved within the gap of the optimum, and a rule's plan is in that gap: the optimiser's answer is
            # as good as that plan, which is kept (asking HiGHS to beat it would only search the gap)
            schedule = Schedule(f"{METHOD}; the {best_rule} plan kept (as good within the proven gap)",
                                rules[best_rule].project_year.copy(),
                                f"optimal within {settings.mip_rel_gap:.1%}; the {best_rule} plan lies in that gap "
                                "and is kept")
        else:
            # stopped by the time limit below a rule's plan: ask for at least as much as the rule removes
            schedule = solve_milp(reduced, at_least=floor)
    lap("milp_s")
    if core.sum() < problem.allowed.any(axis=1).sum():
        notes.append(f"optimised over the {int(core.sum())} of {int(problem.allowed.any(axis=1).sum())} candidate "
                     "projects with the best risk removed per yuan (knapsack core covering 3x the total budget) "
                     "and all projects the simple rules chose")
    if not (schedule.project_year >= 0).any() and floor > 0:
        # the optimiser found nothing in time: never hand out a plan worse than a simple rule
        notes.append(f"the optimiser found no plan in time ({schedule.status}); "
                     f"the {best_rule} plan is returned instead")
        schedule = Schedule(f"{best_rule} (optimiser found no plan in time)", rules[best_rule].project_year,
                            rules[best_rule].status)
    results = {"milp": evaluate(problem, schedule), **results}
    chosen = results["milp"]
    result = _result(problem, schedule, chosen, model, notes,
                     {name: r["summary"] for name, r in results.items()})
    lap("result_s")
    result.timings = timings
    result.problem_size = {"projects": len(problem.projects),
                                                "candidates": int(problem.allowed.any(axis=1).sum()),
                                                "core": int(core.sum()), "variables": int(reduced.allowed.sum())}
    _report(progress, 1.0, "plan ready")
    return result


def _result(problem: PlanProblem, schedule: Schedule, chosen: dict, model: FailureModel, notes: list[str],
            comparison: dict) -> PlanResult:
    s = problem.settings
    stock = problem.stock
    years = np.asarray(s.year_list)
    pipes = chosen["pipes"]
    member = problem.projects.pipe_project[pipes]
    items = pd.DataFrame({
        "pipe_id": stock.pipe_id[pipes],
        "project_id": problem.projects.project_id[member],
        "year": years[chosen["pipe_year"]],
        "cost": chosen["cost"],
        "risk_removed": chosen["removed"],
        "length_m": stock.length_m[pipes],
        "street": problem.projects.pipe_street[pipes],
    })
    items = items.sort_values(["year", "project_id", "pipe_id"], kind="stable").reset_index(drop=True)
    projects = items.groupby("project_id", sort=False).agg(
        year=("year", "first"), cost=("cost", "sum"), km=("length_m", lambda v: v.sum() / 1000.0),
        risk_removed=("risk_removed", "sum"), pipes=("pipe_id", "size")).reset_index()
    projects["street"] = problem.projects.street[
        pd.Index(problem.projects.project_id).get_indexer(projects["project_id"])] if len(projects) else []
    per_year = pd.DataFrame({"year": years, "budget": np.asarray(s.budgets, dtype=np.float64),
                             "cost": chosen["per_year_cost"], "km": chosen["per_year_km"]})
    if s.capacity_km is not None:
        per_year["capacity_km"] = np.asarray(s.capacity_km, dtype=np.float64)
    return PlanResult(s, schedule.method, schedule.status, items, projects, per_year,
                      [float(v) for v in chosen["risk_before"]], [float(v) for v in chosen["risk_after"]],
                      comparison, model, notes)
