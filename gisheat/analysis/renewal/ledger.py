"""The renewal ledger (台账): plans and their items kept in the network file, and their progress.

Layers (declared in :mod:`gisheat.core.schema`): ``renewal_plans`` (one row
per saved plan), ``renewal_items`` (one row per pipe of a plan, with year,
cost estimate, status, actual cost and completion date) and
``pipe_history`` (what a pipe was before a renewal replaced it).

Every change is a reversible edit (:mod:`gisheat.core.edits`): the
``*_edit`` functions return an edit for the app's undo stack, the plain
functions apply it. Completing an item renews its pipe — ``install_year``
becomes the completion year, ``material`` and ``laying`` the new ones — and
keeps the replaced asset's attributes in ``pipe_history``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

import numpy as np
import pandas as pd

from gisheat.analysis.renewal.planner import PlanResult
from gisheat.core import schema
from gisheat.core.edits import Composite, Edit, SetLayer, arrow_dtype, new_layer_frame
from gisheat.core.network import Network
from gisheat.errors import InputError

PLANS, ITEMS, HISTORY = "renewal_plans", "renewal_items", "pipe_history"
COMPLETED = "completed"


# --- frames -----------------------------------------------------------------------------------


def _layer(network: Network, name: str) -> pd.DataFrame:
    if network.has(name):
        return network.layers[name]
    return new_layer_frame(name)


def _rows_frame(name: str, records: list[dict[str, Any]], like: pd.DataFrame) -> pd.DataFrame:
    """``records`` as a frame with ``like``'s columns and dtypes (schema dtypes for new columns)."""
    spec = schema.LAYERS[name]
    columns = list(like.columns)
    for rec in records:
        columns += [key for key in rec if key not in columns]
    data = {}
    for column in columns:
        values = [rec.get(column) for rec in records]
        dtype = like[column].dtype if column in like.columns else (
            arrow_dtype(spec.field(column).kind) if column in spec.field_names else object)
        data[column] = pd.Series(values, dtype=object).astype(dtype) if len(values) else pd.Series([], dtype=dtype)
    return pd.DataFrame(data)


def _append(name: str, frame: pd.DataFrame, records: list[dict[str, Any]]) -> pd.DataFrame:
    rows = _rows_frame(name, records, frame)
    for column in rows.columns:
        if column not in frame.columns:
            frame = frame.assign(**{column: pd.Series([None] * len(frame), dtype=rows[column].dtype,
                                                       index=frame.index)})
    out = pd.concat([frame, rows[frame.columns]], ignore_index=True)
    for column in frame.columns:
        if out[column].dtype != frame[column].dtype:
            out[column] = out[column].astype(frame[column].dtype)
    return out


def _with_values(frame: pd.DataFrame, name: str, rows: np.ndarray, column: str, values: list[Any]) -> pd.DataFrame:
    """A copy of ``frame`` with ``column`` set at ``rows`` (column created with the schema dtype)."""
    spec = schema.LAYERS.get(name)
    if column in frame.columns:
        dtype = frame[column].dtype
        current = frame[column].astype(object).to_numpy(dtype=object, na_value=None).copy()
    else:
        kind = spec.field(column).kind if spec is not None and column in spec.field_names else schema.TEXT
        dtype = arrow_dtype(kind)
        current = np.full(len(frame), None, dtype=object)
    current[rows] = values
    out = frame.copy()
    out[column] = pd.Series(current, index=frame.index, dtype=object).astype(dtype)
    return out


# --- plans -------------------------------------------------------------------------------------


def _next_plan_id(plans: pd.DataFrame, start_year: int) -> str:
    taken = set(schema.text_column(plans, "plan_id").tolist())
    k = 1
    while f"PLAN-{start_year}-{k:02d}" in taken:
        k += 1
    return f"PLAN-{start_year}-{k:02d}"


def save_plan_edit(network: Network, result: PlanResult, *, name: str = "", plan_id: str | None = None,
                   created: dt.datetime | None = None, note: str = "") -> tuple[Edit, str]:
    """An edit adding ``result`` to the ledger as a new plan (items 'proposed'); and its plan id."""
    plans = _layer(network, PLANS)
    items = _layer(network, ITEMS)
    plan_id = plan_id or _next_plan_id(plans, result.settings.start_year)
    if plan_id in set(schema.text_column(plans, "plan_id").tolist()):
        raise InputError(f"{PLANS}: plan {plan_id} already exists")
    created = created or dt.datetime.now().replace(microsecond=0)
    settings = asdict(result.settings)
    settings["unit_costs"] = [list(row) for row in result.settings.unit_costs.rows] + [["above", result.settings.unit_costs.above]]
    settings["road_works"] = [{"year": w.year, "street": w.street, "discount": w.discount,
                               "closed_years": w.closed_years, "area": w.area is not None}
                              for w in result.settings.road_works]
    plan_row = {
        "plan_id": plan_id, "name": name or plan_id, "created": created,
        "start_year": result.settings.start_year, "years": result.settings.years,
        "budget_total": float(sum(result.settings.budgets)),
        "cost_total": float(result.per_year["cost"].sum()),
        "km_total": float(result.per_year["km"].sum()),
        "risk_removed": result.risk_removed, "method": result.method,
        "settings": json.dumps(settings, ensure_ascii=False, default=str), "note": note or None,
    }
    width = max(4, len(str(len(result.items))))
    item_rows = [{
        "item_id": f"{plan_id}-{k + 1:0{width}d}", "plan_id": plan_id, "pipe_id": str(r.pipe_id),
        "project_id": str(r.project_id), "year": int(r.year), "length_m": float(r.length_m),
        "cost_estimate": float(r.cost), "risk_removed": float(r.risk_removed), "status": "proposed",
        "new_material": result.settings.renewal_material, "new_laying": result.settings.renewal_laying,
    } for k, r in enumerate(result.items.itertuples())]
    edit = Composite((
        SetLayer(PLANS, _append(PLANS, plans, [plan_row])),
        SetLayer(ITEMS, _append(ITEMS, items, item_rows) if item_rows else items),
    ), description=f"Save renewal plan {plan_id}")
    return edit, plan_id


def save_plan(network: Network, result: PlanResult, **kwargs: Any) -> str:
    """Add ``result`` to the ledger (see :func:`save_plan_edit`); returns the plan id."""
    edit, plan_id = save_plan_edit(network, result, **kwargs)
    edit.apply(network)
    return plan_id


def plans(network: Network) -> pd.DataFrame:
    """The saved plans."""
    return _layer(network, PLANS)


def plan_items(network: Network, plan_id: str | None = None) -> pd.DataFrame:
    """Items of one plan (all plans when None), statuses filled with the default."""
    items = _layer(network, ITEMS)
    if plan_id is not None:
        if plan_id not in set(schema.text_column(plans(network), "plan_id").tolist()):
            raise InputError(f"{PLANS}: no plan {plan_id}")
        items = items[schema.text_column(items, "plan_id") == plan_id]
    return items


def pipe_plan_status(network: Network, plan_id: str) -> pd.DataFrame:
    """Per pipe of a plan: its item, year and status (for the map theme by plan year and status)."""
    items = plan_items(network, plan_id)
    frame = pd.DataFrame({
        "pipe_id": schema.text_column(items, "pipe_id"),
        "item_id": schema.text_column(items, "item_id"),
        "year": schema.numeric_column(items, "year"),
        "status": schema.text_column(items, "status", default="proposed"),
    })
    return frame.drop_duplicates("pipe_id").set_index("pipe_id")


# --- statuses ----------------------------------------------------------------------------------


def _item_rows(items: pd.DataFrame, item_ids: Iterable[str]) -> np.ndarray:
    ids = schema.text_column(items, "item_id")
    index = pd.Index(ids, dtype=object)
    wanted = list(item_ids)
    where = index.get_indexer(pd.Index(wanted, dtype=object)) if index.is_unique else np.array(
        [int(np.flatnonzero(ids == w)[0]) if (ids == w).any() else -1 for w in wanted])
    for item, w in zip(wanted, where, strict=True):
        if w < 0:
            raise InputError(f"{ITEMS}: no item {item}")
    return np.asarray(where, dtype=np.int64)


def set_status_edit(network: Network, item_ids: Iterable[str], status: str, *,
                    actual_cost: float | None = None, completion_date: dt.date | None = None,
                    note: str | None = None, material: str | None = None, laying: str | None = None) -> Edit:
    """An edit setting the status of items; 'completed' renews their pipes (:func:`complete_items_edit`)."""
    if status not in schema.RENEWAL_STATUSES:
        raise InputError(f"{ITEMS}: status {status!r} is not one of {', '.join(schema.RENEWAL_STATUSES)}")
    item_ids = list(item_ids)
    if status == COMPLETED:
        return complete_items_edit(network, item_ids, completion_date=completion_date or dt.date.today(),
                                   actual_cost=actual_cost, material=material, laying=laying, note=note)
    items = _layer(network, ITEMS)
    rows = _item_rows(items, item_ids)
    current = schema.text_column(items, "status", default="proposed")[rows]
    for item, state in zip(item_ids, current, strict=True):
        if state == COMPLETED:
            raise InputError(f"{ITEMS}: item {item} is completed; undo the completion to change it")
    new = _with_values(items, ITEMS, rows, "status", [status] * len(rows))
    if actual_cost is not None:
        new = _with_values(new, ITEMS, rows, "actual_cost", [_cost(actual_cost)] * len(rows))
    if note is not None:
        new = _with_values(new, ITEMS, rows, "note", [note] * len(rows))
    return SetLayer(ITEMS, new, description=f"Set {len(rows)} renewal item{'s' if len(rows) != 1 else ''} to {status}")


def set_status(network: Network, item_ids: Iterable[str], status: str, **kwargs: Any) -> None:
    set_status_edit(network, item_ids, status, **kwargs).apply(network)


def _cost(value: float) -> float:
    value = float(value)
    if not np.isfinite(value) or value < 0:
        raise InputError(f"{ITEMS}: actual cost {value:g} must be a non-negative number")
    return value


def complete_items_edit(network: Network, item_ids: Iterable[str], *, completion_date: dt.date,
                        actual_cost: float | None = None, material: str | None = None,
                        laying: str | None = None, note: str | None = None) -> Edit:
    """An edit completing items: pipes renewed, replaced assets kept in ``pipe_history``.

    ``actual_cost`` is per item. ``material``/``laying`` default to the item's
    ``new_material``/``new_laying``.
    """
    item_ids = list(item_ids)
    if isinstance(completion_date, dt.datetime):
        completion_date = completion_date.date()
    items = _layer(network, ITEMS)
    rows = _item_rows(items, item_ids)
    status = schema.text_column(items, "status", default="proposed")[rows]
    for item, state in zip(item_ids, status, strict=True):
        if state == COMPLETED:
            raise InputError(f"{ITEMS}: item {item} is already completed")
    pipes = network.pipes
    pipe_ids = schema.text_column(pipes, "pipe_id")
    wanted = schema.text_column(items, "pipe_id")[rows]
    pipe_rows = []
    for item, pid in zip(item_ids, wanted, strict=True):
        hit = np.flatnonzero(pipe_ids == pid)
        if not len(hit):
            raise InputError(f"{ITEMS}: item {item}: pipe {pid} is not in the pipes layer")
        pipe_rows.append(int(hit[0]))
    pipe_rows_arr = np.asarray(pipe_rows, dtype=np.int64)
    new_material = [material or m or None for m in schema.text_column(items, "new_material")[rows]]
    new_laying = [laying or v or None for v in schema.text_column(items, "new_laying")[rows]]
    plan_of = schema.text_column(items, "plan_id")[rows]
    old_year = schema.numeric_column(pipes, "install_year")[pipe_rows_arr]
    old_dn = schema.numeric_column(pipes, "dn")[pipe_rows_arr]
    history_rows = [{
        "pipe_id": str(pid), "replaced_on": completion_date, "item_id": item, "plan_id": str(plan),
        "install_year": int(y) if np.isfinite(y) else None,
        "material": schema.text_column(pipes, "material")[r] or None,
        "laying": schema.text_column(pipes, "laying")[r] or None,
        "dn": int(d) if np.isfinite(d) else None,
        "length_m": float(schema.numeric_column(pipes, "length_m")[r])
        if np.isfinite(schema.numeric_column(pipes, "length_m")[r]) else None,
    } for item, pid, plan, r, y, d in zip(item_ids, wanted, plan_of, pipe_rows_arr, old_year, old_dn, strict=True)]

    new_pipes = _with_values(pipes, "pipes", pipe_rows_arr, "install_year", [completion_date.year] * len(rows))
    if any(new_material):
        keep = schema.text_column(pipes, "material")[pipe_rows_arr]
        new_pipes = _with_values(new_pipes, "pipes", pipe_rows_arr, "material",
                                 [m or (k or None) for m, k in zip(new_material, keep, strict=True)])
    if any(new_laying):
        keep = schema.text_column(pipes, "laying")[pipe_rows_arr]
        new_pipes = _with_values(new_pipes, "pipes", pipe_rows_arr, "laying",
                                 [v or (k or None) for v, k in zip(new_laying, keep, strict=True)])
    new_items = _with_values(items, ITEMS, rows, "status", [COMPLETED] * len(rows))
    new_items = _with_values(new_items, ITEMS, rows, "completion_date", [completion_date] * len(rows))
    if actual_cost is not None:
        new_items = _with_values(new_items, ITEMS, rows, "actual_cost", [_cost(actual_cost)] * len(rows))
    if note is not None:
        new_items = _with_values(new_items, ITEMS, rows, "note", [note] * len(rows))
    history = _append(HISTORY, _layer(network, HISTORY), history_rows)
    return Composite((SetLayer("pipes", new_pipes), SetLayer(ITEMS, new_items), SetLayer(HISTORY, history)),
                     description=f"Complete {len(rows)} renewal item{'s' if len(rows) != 1 else ''}")


def complete_items(network: Network, item_ids: Iterable[str], **kwargs: Any) -> None:
    complete_items_edit(network, item_ids, **kwargs).apply(network)


# --- progress ----------------------------------------------------------------------------------


def progress(network: Network, plan_id: str) -> pd.DataFrame:
    """Planned against done per plan year: items, km and money (actual cost where recorded)."""
    items = plan_items(network, plan_id)
    year = schema.numeric_column(items, "year")
    length = schema.numeric_column(items, "length_m", 0.0)
    estimate = schema.numeric_column(items, "cost_estimate", 0.0)
    actual = schema.numeric_column(items, "actual_cost")
    done = schema.text_column(items, "status", default="proposed") == COMPLETED
    frame = pd.DataFrame({
        "year": year, "planned_items": 1, "planned_km": length / 1000.0, "planned_cost": estimate,
        "done_items": done.astype(int), "done_km": np.where(done, length, 0.0) / 1000.0,
        "done_cost_estimate": np.where(done, estimate, 0.0),
        "done_actual_cost": np.where(done & np.isfinite(actual), actual, 0.0),
        "done_without_actual_cost": (done & ~np.isfinite(actual)).astype(int),
    })
    table = frame.groupby("year").sum().reset_index()
    table["year"] = table["year"].astype(int)
    table["share_km_done"] = np.where(table["planned_km"] > 0, table["done_km"] / table["planned_km"], 0.0)
    return table
