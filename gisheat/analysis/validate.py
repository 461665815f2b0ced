"""`gisheat validate`: every topology and data problem of a network, one line each.

Attribute checks come from the schema (types, allowed values, ranges); the
topology rules from :mod:`gisheat.analysis.topology`; plus cross-layer
checks (duplicate ids, breaks on unknown pipes or before installation).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from gisheat.analysis import topology as topo
from gisheat.core import schema
from gisheat.core.network import Network
from gisheat.core.problems import Problem

LAYER_ORDER = {name: k for k, name in enumerate(schema.LAYERS)}


def validate(network: Network, topology: topo.Topology | None = None, *, today: dt.date | None = None) -> list[Problem]:
    """All problems of ``network``, sorted by layer (schema order), id, then text.

    A ``topology`` passed in should be built with ``near_misses=True``.
    """
    problems: list[Problem] = list(network.notes)
    for name in network.schema_layer_names():
        problems.extend(check_layer(name, network.layers[name]))
    metric = network.crs is None or (not network.crs.is_geographic
                                     and {a.unit_name for a in network.crs.axis_info} <= {"metre", "meter", "m"})
    if metric:  # in degrees or feet the snapping tolerance means nothing: the CRS note says so
        if topology is None:
            topology = topo.build(network, near_misses=True)
        problems.extend(topology.problems)
    problems.extend(_context_geometry_checks(network))
    if metric:  # the tolerance is in metres
        problems.extend(_stacked_valves(network))
    problems.extend(_customer_checks(network.customers))
    problems.extend(_break_checks(network, today or dt.date.today()))
    unique = sorted(set(problems), key=lambda p: (LAYER_ORDER.get(p.layer, len(LAYER_ORDER)), p.layer, p.id, p.problem))
    return unique


def check_layer(name: str, frame: pd.DataFrame) -> list[Problem]:
    """Schema checks of one layer: required fields, ids, value types, allowed values and ranges."""
    spec = schema.LAYERS[name]
    problems: list[Problem] = []
    ids = topo.feature_ids(frame, spec.id_field) if spec.id_field else _row_ids(frame)
    for required in spec.required_fields:
        if required not in frame.columns:
            problems.append(Problem(name, "", f"missing required field {required}"))
    if spec.id_field and spec.id_field in frame.columns:
        present = schema.text_column(frame, spec.id_field, default="")
        for row in np.flatnonzero(present == ""):
            problems.append(Problem(name, ids[row], f"no {spec.id_field}"))
        counts = pd.Series(present[present != ""]).value_counts()
        for key, count in counts[counts > 1].items():
            problems.append(Problem(name, str(key), f"duplicate id ({count} features)"))
    for fld in spec.fields:
        if fld.name not in frame.columns or fld.name == spec.id_field:
            continue
        for row in _bad_rows(frame[fld.name], fld):
            reason = fld.check(frame[fld.name].iloc[row])
            if reason:
                problems.append(Problem(name, ids[row], reason))
    return problems


def _row_ids(frame: pd.DataFrame) -> np.ndarray:
    return np.array([f"#{i + 1}" for i in range(len(frame))], dtype=object)


def _bad_rows(column: pd.Series, fld: schema.Field) -> np.ndarray:
    """Rows whose value may break the field's rule (checked one by one afterwards); vectorised pre-filter."""
    null = column.isna().to_numpy()
    if fld.kind == schema.TEXT:
        if fld.required:
            text = column.astype("string").fillna("").str.strip()
            empty = (text == "").to_numpy()
        else:
            empty = np.zeros(len(column), dtype=bool)
        if fld.choices is None or fld.open_choices:
            return np.flatnonzero(empty)
        outside = ~column.astype("string").isin(fld.choices).fillna(False).to_numpy(dtype=bool) & ~null
        return np.flatnonzero(outside | empty)
    if fld.kind in (schema.INTEGER, schema.REAL):
        values = pd.to_numeric(column.astype(object), errors="coerce").to_numpy(dtype=np.float64)
        bad = np.isnan(values) & ~null
        if fld.kind == schema.INTEGER:
            bad |= ~np.isnan(values) & (np.mod(values, 1) != 0)
        if fld.minimum is not None:
            bad |= values < fld.minimum
        if fld.maximum is not None:
            bad |= values > fld.maximum
        if fld.required:
            bad |= null
        return np.flatnonzero(bad)
    if fld.kind == schema.BOOLEAN:
        if pd.api.types.is_bool_dtype(column.dtype):
            return np.flatnonzero(null & fld.required)
        if pd.api.types.is_numeric_dtype(column.dtype):
            values = pd.to_numeric(column.astype(object), errors="coerce").to_numpy(dtype=np.float64)
            return np.flatnonzero((~np.isin(values, (0.0, 1.0)) & ~null) | (null & fld.required))
        words = column.astype("string").str.strip().str.lower()
        known = words.isin(schema.BOOLEAN_WORDS).fillna(False).to_numpy(dtype=bool)
        return np.flatnonzero((~known & ~null) | (null & fld.required))
    if fld.kind in (schema.DATE, schema.DATETIME):
        if pd.api.types.is_datetime64_any_dtype(column.dtype) or "date" in str(column.dtype):
            return np.flatnonzero(null & fld.required)
        frame = pd.DataFrame({"date": column})
        parsed = break_dates(frame)  # a bare number (2019) is not a date
        return np.flatnonzero((parsed.isna().to_numpy() & ~null) | (null & fld.required))
    return np.zeros(0, dtype=np.int64)


def _context_geometry_checks(network: Network) -> list[Problem]:
    """Empty, invalid or wrongly typed geometry in the schema's context layers (districts, streets, buildings).

    The network layers are checked by the topology build, which also decides what it can use.
    """
    problems: list[Problem] = []
    for name in network.schema_layer_names():
        spec = schema.LAYERS[name]
        if spec.geometry is None or name in schema.NETWORK_LAYERS:
            continue
        frame = network.layers[name]
        geoms = topo.geometry_array(frame)
        if len(geoms):
            ids = topo.feature_ids(frame, spec.id_field) if spec.id_field else _row_ids(frame)
            problems += topo.geometry_problems(name, ids, geoms, spec.geometry, multi_parts_ok=spec.multi_ok)[1]
    return problems


def _stacked_valves(network: Network, tolerance: float = schema.SNAP_TOLERANCE_M) -> list[Problem]:
    """Two valves at one place on the same pipe (same ``pipe_id``, or one without): a duplicate record.

    Analysis chains them (the one met first closes); a crew finds one chamber. Two valves at a junction
    that close different pipes are normal and not reported.
    """
    valves = network.valves
    if len(valves) < 2:
        return []
    geoms = topo.geometry_array(valves)
    xy = np.column_stack([shapely.get_x(geoms), shapely.get_y(geoms)])
    usable = np.flatnonzero(np.isfinite(xy).all(axis=1))
    if len(usable) < 2:
        return []
    pairs = cKDTree(xy[usable]).query_pairs(tolerance, output_type="ndarray")
    if not len(pairs):
        return []
    a, b = usable[pairs[:, 0]], usable[pairs[:, 1]]
    pipe = schema.text_column(valves, "pipe_id")
    same = (pipe[a] == pipe[b]) | (pipe[a] == "") | (pipe[b] == "")  # no pipe_id: on the pipe the other closes
    ids = topo.feature_ids(valves, "valve_id").astype(str)
    # each stacked valve once, against the lowest id of the valves stacked with it (chains included)
    graph = coo_matrix((np.ones(int(same.sum())), (a[same], b[same])), shape=(len(valves), len(valves)))
    _, group = connected_components(graph, directed=False)
    stacked = np.flatnonzero(np.bincount(group)[group] > 1)
    lowest = pd.Series(ids[stacked]).groupby(group[stacked]).transform("min").to_numpy()
    return [Problem("valves", v, f"at the same place as valve {low}, on the same pipe: a duplicate?")
            for v, low in sorted(zip(ids[stacked], lowest, strict=True)) if v != low]


def _customer_checks(customers: pd.DataFrame) -> list[Problem]:
    if customers.empty:
        return []
    ids = topo.feature_ids(customers, "customer_id")
    households = schema.numeric_column(customers, "households")
    vulnerable = schema.numeric_column(customers, "vulnerable_households")
    out = []
    for row in np.flatnonzero(vulnerable > households):
        out.append(Problem(
            "customers", ids[row],
            f"vulnerable_households {vulnerable[row]:g} exceeds households {households[row]:g}",
        ))
    return out


def _break_checks(network: Network, today: dt.date) -> list[Problem]:
    """Breaks on unknown pipes, before the pipe was installed, or in the future."""
    breaks = network.breaks
    if breaks.empty or "pipe_id" not in breaks.columns:
        return []
    pipes = network.pipes
    pipe_ids = schema.text_column(pipes, "pipe_id")
    year_of = dict(zip(pipe_ids, schema.numeric_column(pipes, "install_year"), strict=True))
    # breaks of an asset since replaced (renewal ledger) predate the new pipe's install year legitimately
    history = network.layer("pipe_history")
    replaced_until: dict[str, pd.Timestamp] = {}
    if len(history) and "replaced_on" in history.columns:
        when = pd.to_datetime(history["replaced_on"].astype(object), errors="coerce")
        for pid, day in zip(schema.text_column(history, "pipe_id"), when, strict=True):
            if not pd.isna(day) and (pid not in replaced_until or day > replaced_until[pid]):
                replaced_until[pid] = day
    out = []
    ids = schema.text_column(breaks, "pipe_id")
    dates = break_dates(breaks)
    for row, (pid, when) in enumerate(zip(ids, dates, strict=True)):
        label = f"break #{row + 1}" + (f" on {when.date().isoformat()}" if not pd.isna(when) else "")
        if pid == "":
            continue
        if pid not in year_of:
            out.append(Problem("breaks", pid, f"{label}: pipe not in the pipes layer"))
            continue
        if pd.isna(when):
            continue
        year = year_of[pid]
        if np.isfinite(year) and when.year < year and not (pid in replaced_until and when <= replaced_until[pid]):
            out.append(Problem("breaks", pid, f"{label}: before the pipe's install_year {int(year)}"))
        if when.date() > today:
            out.append(Problem("breaks", pid, f"{label}: date is in the future"))
    return out


def break_dates(breaks: pd.DataFrame) -> pd.Series:
    """The breaks' dates as timestamps (NaT where missing or unreadable; a bare number is not a date)."""
    if "date" not in breaks.columns:
        return pd.Series(pd.NaT, index=breaks.index)
    values = breaks["date"].astype(object)
    numeric = values.map(lambda v: isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool))
    return pd.to_datetime(values.where(~numeric, None), errors="coerce")
