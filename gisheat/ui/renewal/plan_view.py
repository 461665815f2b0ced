"""The plan the workspace shows, as plain tables (no Qt): pipes, projects, years, ages.

A plan comes either from the last run of the planner (not saved yet) or from
the ledger in the network file (``renewal_plans`` / ``renewal_items``). Both
become one :class:`PlanView`: an item table (one row per pipe, with the
context an asset engineer looks for — DN, install year, district, street),
the projects aggregated from it, and the totals per year.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from gisheat.analysis import topology as topo
from gisheat.analysis.renewal import ledger
from gisheat.analysis.renewal.history import pipe_stock
from gisheat.analysis.renewal.projects import pipe_streets
from gisheat.core import schema
from gisheat.core.network import Network

NEAR_STREET_M = 400.0
"""A pipe not under a street is located 'near' the closest street within this distance."""

ITEM_COLUMNS = ("item_id", "plan_id", "project_id", "pipe_id", "year", "length_m", "cost", "risk_removed",
                "status", "actual_cost", "completion_date", "network", "dn", "install_year", "material", "laying",
                "district", "street", "near_street")


@dataclass
class PlanView:
    """One plan as tables (see the module docstring)."""

    title: str
    plan_id: str | None
    """None: the last run, not saved in the network."""
    items: pd.DataFrame
    """One row per pipe: :data:`ITEM_COLUMNS`."""
    per_year: pd.DataFrame
    """year, budget, cost, km (capacity_km when known)."""
    run: object | None = None
    """The :class:`gisheat.ui.renewal.jobs.RenewalRun` behind it, when this session computed it."""
    notes: list[str] = field(default_factory=list)

    @property
    def saved(self) -> bool:
        return self.plan_id is not None

    @property
    def years(self) -> list[int]:
        return [int(y) for y in self.per_year["year"]]

    def projects(self) -> pd.DataFrame:
        return projects_table(self.items)


def pipe_context(network: Network, pipe_ids: np.ndarray, street: np.ndarray | None = None) -> pd.DataFrame:
    """Per pipe id: network, dn, install_year, material, laying, district (name), street, near_street."""
    pipes = network.pipes
    ids = schema.text_column(pipes, "pipe_id")
    rows = topo.lookup(ids.astype(object), np.asarray(pipe_ids, dtype=object))
    found = rows >= 0
    take = np.where(found, rows, 0)

    def column(values: np.ndarray, missing) -> np.ndarray:
        out = values[take].astype(object) if len(values) else np.full(len(rows), missing, dtype=object)
        out[~found] = missing
        return out

    districts = network.layer("districts")
    names = dict(zip(schema.text_column(districts, "district_id").tolist(),
                     schema.text_column(districts, "name", default="").tolist(), strict=True))
    district_id = column(schema.text_column(pipes, "district_id"), "")
    frame = pd.DataFrame({
        "network": column(schema.text_column(pipes, "network"), ""),
        "dn": column(schema.numeric_column(pipes, "dn"), np.nan).astype(np.float64),
        "install_year": column(schema.numeric_column(pipes, "install_year"), np.nan).astype(np.float64),
        "material": column(schema.text_column(pipes, "material"), ""),
        "laying": column(schema.text_column(pipes, "laying"), ""),
        "district": [names.get(d) or d for d in district_id],
    }, index=pd.Index(np.asarray(pipe_ids, dtype=object), name="pipe_id"))
    if street is None:
        stock = pipe_stock(network)
        where = topo.lookup(np.asarray(stock.pipe_id, dtype=object), np.asarray(pipe_ids, dtype=object))
        street = np.full(len(rows), "", dtype=object)
        if (where >= 0).any():
            street[where >= 0] = pipe_streets(network, stock.take(where[where >= 0]))
    frame["street"] = np.asarray(street, dtype=object)
    frame["near_street"] = _near_streets(network, pipes, rows, np.asarray(street, dtype=object))
    return frame


def _near_streets(network: Network, pipes: pd.DataFrame, rows: np.ndarray, street: np.ndarray) -> np.ndarray:
    """The closest street (within :data:`NEAR_STREET_M`) of pipes not under one."""
    out = np.full(len(rows), "", dtype=object)
    streets = network.layer("streets")
    wanted = np.flatnonzero((street == "") & (rows >= 0))
    if streets.empty or not hasattr(streets, "geometry") or not len(wanted):
        return out
    geoms = topo.geometry_array(streets)
    names = schema.text_column(streets, "name", default="")
    ok = np.flatnonzero(~shapely.is_missing(geoms) & (names != ""))
    if not len(ok):
        return out
    tree = shapely.STRtree(geoms[ok])
    mids = shapely.line_interpolate_point(topo.geometry_array(pipes)[rows[wanted]], 0.5, normalized=True)
    hit_pipe, hit_street = tree.query_nearest(mids, max_distance=NEAR_STREET_M, all_matches=False)
    out[wanted[hit_pipe]] = names[ok[hit_street]]
    return out


def _replaced_install_years(network: Network, item_ids: np.ndarray) -> pd.Series:
    """Install year of the asset a completed item replaced (kept in ``pipe_history``)."""
    history = network.layer(ledger.HISTORY)
    if history.empty:
        return pd.Series(dtype=np.float64)
    years = pd.Series(schema.numeric_column(history, "install_year"),
                      index=pd.Index(schema.text_column(history, "item_id"), dtype=object))
    years = years[years.index != ""]
    return years[~years.index.duplicated(keep="last")].reindex(pd.Index(item_ids, dtype=object))


def from_run(network: Network, run, title: str) -> PlanView:
    """The last run of the planner (items not in the ledger: no item ids, no status)."""
    plan = run.plan
    items = plan.items
    n = len(items)
    context = pipe_context(network, items["pipe_id"].to_numpy(dtype=object), items["street"].to_numpy(dtype=object))
    frame = pd.DataFrame({
        "item_id": np.full(n, "", dtype=object), "plan_id": np.full(n, "", dtype=object),
        "project_id": items["project_id"].astype(object).to_numpy(),
        "pipe_id": items["pipe_id"].astype(object).to_numpy(),
        "year": items["year"].to_numpy(dtype=np.int64),
        "length_m": items["length_m"].to_numpy(dtype=np.float64),
        "cost": items["cost"].to_numpy(dtype=np.float64),
        "risk_removed": items["risk_removed"].to_numpy(dtype=np.float64),
        "status": np.full(n, "", dtype=object),
        "actual_cost": np.full(n, np.nan), "completion_date": np.full(n, None, dtype=object),
    })
    frame = pd.concat([frame, context.reset_index(drop=True)], axis=1)[list(ITEM_COLUMNS)]
    frame = frame.sort_values(["year", "project_id", "pipe_id"], kind="stable").reset_index(drop=True)
    per_year = plan.per_year.copy()
    return PlanView(title, None, frame, per_year, run, list(plan.notes))


def from_ledger(network: Network, plan_id: str, run=None) -> PlanView:
    """A saved plan read back from the network's ledger."""
    plans = ledger.plans(network)
    row = np.flatnonzero(schema.text_column(plans, "plan_id") == plan_id)
    name = schema.text_column(plans, "name", default="")[row[0]] if len(row) else plan_id
    items = ledger.plan_items(network, plan_id)
    n = len(items)
    pipe_ids = schema.text_column(items, "pipe_id")
    street = None
    if run is not None and len(run.plan.items):
        known = pd.Series(run.plan.items["street"].to_numpy(dtype=object),
                          index=pd.Index(run.plan.items["pipe_id"].astype(object)))
        known = known[~known.index.duplicated()]
        looked_up = known.reindex(pd.Index(pipe_ids, dtype=object))
        if looked_up.notna().all():
            street = looked_up.to_numpy(dtype=object)
    context = pipe_context(network, pipe_ids, street)
    completion = items["completion_date"].astype(object).to_numpy(dtype=object) if "completion_date" in items.columns \
        else np.full(n, None, dtype=object)
    frame = pd.DataFrame({
        "item_id": schema.text_column(items, "item_id"),
        "plan_id": schema.text_column(items, "plan_id"),
        "project_id": schema.text_column(items, "project_id"),
        "pipe_id": pipe_ids,
        "year": schema.numeric_column(items, "year").astype(np.int64) if n else np.zeros(0, dtype=np.int64),
        "length_m": schema.numeric_column(items, "length_m"),
        "cost": schema.numeric_column(items, "cost_estimate"),
        "risk_removed": schema.numeric_column(items, "risk_removed"),
        "status": schema.text_column(items, "status", default="proposed"),
        "actual_cost": schema.numeric_column(items, "actual_cost"),
        "completion_date": [None if schema.is_null(v) else v for v in completion],
    })
    frame = pd.concat([frame, context.reset_index(drop=True)], axis=1)[list(ITEM_COLUMNS)]
    replaced = _replaced_install_years(network, frame["item_id"].to_numpy(dtype=object))
    if len(replaced):
        done = (frame["status"] == ledger.COMPLETED).to_numpy() & replaced.notna().to_numpy()
        frame.loc[done, "install_year"] = replaced.to_numpy()[done]
    frame = frame.sort_values(["year", "project_id", "pipe_id"], kind="stable").reset_index(drop=True)
    per_year = _ledger_per_year(plans, row, frame)
    return PlanView(f"{plan_id} — {name}" if name and name != plan_id else plan_id, plan_id, frame, per_year, run,
                    list(run.plan.notes) if run is not None else [])


def _ledger_per_year(plans: pd.DataFrame, row: np.ndarray, items: pd.DataFrame) -> pd.DataFrame:
    start = int(schema.numeric_column(plans, "start_year")[row[0]]) if len(row) else int(items["year"].min())
    n_years = int(schema.numeric_column(plans, "years")[row[0]]) if len(row) else 1
    budgets = [np.nan] * n_years
    capacity = None
    try:
        settings = json.loads(schema.text_column(plans, "settings")[row[0]] or "{}") if len(row) else {}
        budgets = [float(b) for b in settings.get("budgets", budgets)][:n_years] or budgets
        if settings.get("capacity_km"):
            capacity = [float(c) for c in settings["capacity_km"]][:n_years]
    except (ValueError, TypeError):
        pass
    years = np.arange(start, start + max(n_years, len(budgets)))
    cost = items.groupby("year")["cost"].sum().reindex(years, fill_value=0.0)
    km = (items.groupby("year")["length_m"].sum() / 1000.0).reindex(years, fill_value=0.0)
    frame = pd.DataFrame({"year": years, "budget": (budgets + [np.nan] * len(years))[:len(years)],
                          "cost": cost.to_numpy(), "km": km.to_numpy()})
    if capacity is not None and len(capacity) == len(years):
        frame["capacity_km"] = capacity
    return frame


def _common(values: pd.Series, mixed: str = "mixed") -> str:
    distinct = values.unique()
    return str(distinct[0]) if len(distinct) == 1 else mixed


def _most_common(values: pd.Series) -> str:
    values = values[values.astype(str) != ""]
    return str(values.mode().iloc[0]) if len(values) else ""


def projects_table(items: pd.DataFrame) -> pd.DataFrame:
    """One row per project: year, pipes, km, cost, risk removed, status (or 'mixed'), DN range, oldest pipe, place."""
    columns = ["project_id", "year", "pipes", "km", "cost", "risk_removed", "status", "actual_cost",
               "completion_date", "network", "dn_min", "dn_max", "oldest", "district", "street", "near_street"]
    if items.empty:
        return pd.DataFrame({c: [] for c in columns})
    items = items.sort_values(["year", "project_id"], kind="stable")
    groups = items.groupby("project_id", sort=False)
    frame = pd.DataFrame({
        "year": groups["year"].min(),
        "pipes": groups.size(),
        "km": groups["length_m"].sum() / 1000.0,
        "cost": groups["cost"].sum(),
        "risk_removed": groups["risk_removed"].sum(),
        "status": groups["status"].agg(_common),
        "actual_cost": groups["actual_cost"].sum(min_count=1),
        "completion_date": groups["completion_date"].agg(lambda v: max((d for d in v if d is not None), default=None)),
        "network": groups["network"].agg(_most_common),
        "dn_min": groups["dn"].min(),
        "dn_max": groups["dn"].max(),
        "oldest": groups["install_year"].min(),
        "district": groups["district"].agg(_most_common),
        "street": groups["street"].agg(_most_common),
        "near_street": groups["near_street"].agg(_most_common),
    })
    frame.index.name = "project_id"
    return frame.reset_index()[columns]


AGE_BANDS = (0, 10, 20, 30, 40, 50)
"""Lower bounds of the age bands (years); the last band is open."""


def age_distribution(network: Network, items: pd.DataFrame, year: int) -> pd.DataFrame:
    """km of in-service pipe per age band in ``year``: without the plan and with it.

    With the plan a renewed pipe is as old as its renewal year makes it.
    Pipes of unknown install year are counted in ``unknown_km``.
    """
    stock = pipe_stock(network)
    install = stock.install_year.astype(np.float64)
    with_plan = install.copy()
    renewed = items.drop_duplicates("pipe_id")
    where = topo.lookup(np.asarray(stock.pipe_id, dtype=object), renewed["pipe_id"].to_numpy(dtype=object))
    hit = where >= 0
    with_plan[where[hit]] = renewed["year"].to_numpy(dtype=np.float64)[hit]
    bands = np.asarray(AGE_BANDS, dtype=np.float64)
    rows = []
    for label, years in (("without", install), ("with", with_plan)):
        age = year - years
        known = np.isfinite(age)
        band = np.searchsorted(bands, np.maximum(age[known], 0), side="right") - 1
        km = np.bincount(band, weights=stock.length_m[known], minlength=len(bands)) / 1000.0
        rows.append(pd.Series(km, index=bands.astype(int), name=label))
    frame = pd.concat(rows, axis=1)
    frame.index.name = "age_from"
    frame.attrs["unknown_km"] = float(stock.length_m[~np.isfinite(install)].sum() / 1000.0)
    return frame.reset_index()
