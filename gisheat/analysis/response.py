"""The planner's response to one incident: re-running it as valves fail or tie valves open,
what changed between two runs, the reopening checklist and the result layers.

Qt-free. The incident panel (``gisheat.ui.incident``) runs :func:`run` in a
worker thread for every change of an :class:`IncidentQuery` (a pipe clicked,
a valve that will not close, a tie valve opened, another outdoor
temperature) and shows :func:`compare` of the previous and the new run; the
work order prints :func:`reopening_checklist`.

After the repair, valves left in the wrong position cause later outages
(DOMAIN: field surveys find a double-digit share of valves in the wrong
position). The checklist therefore names every valve the crew touched:

1. reopen each closed valve, in reverse visiting order (the crew's way back);
2. check each valve that failed to close — it may be stuck part-way; leave it
   fully open and report it for repair;
3. close again each normally-closed tie valve opened to restore supply, once
   the repaired section carries water again (closing it earlier would cut
   off the customers it feeds).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gisheat.analysis import topology as topo
from gisheat.analysis.cooling import CoolingModel
from gisheat.analysis.incident import (
    DEFAULT_OUTDOOR_C,
    PRIORITY_RANK,
    IncidentReport,
    incident_report,
    locate,
    serving_stations,
)
from gisheat.analysis.isolation import IsolationEngine, IsolationResult
from gisheat.core import schema
from gisheat.core.incidents import network_fingerprint
from gisheat.core.network import Network
from gisheat.errors import Cancelled
from gisheat.io.results import isolation_layers

TOPOLOGY_LAYERS = frozenset({"pipes", "valves", "sources", "stations", "customers"})
"""Layers an isolation reads: an edit of any of them makes a computed result stale."""


# --- one run ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentQuery:
    """What the planner asked: the failed pipes, valves that will not close, tie valves opened,
    and the weather and building time constants for time to cold."""

    pipes: tuple[str, ...]
    failed_valves: tuple[str, ...] = ()
    opened_valves: tuple[str, ...] = ()
    outdoor_temp_c: float = DEFAULT_OUTDOOR_C
    tau_h: tuple[tuple[str, float], ...] = ()
    """Time constant per customer category (hours); categories not named keep the defaults."""
    language: str = "en"
    """'en' or 'zh': the language of valve locations."""

    def cooling(self) -> CoolingModel:
        model = CoolingModel()
        model.tau_h.update({str(k): float(v) for k, v in self.tau_h})
        return model

    def with_(self, **changes) -> IncidentQuery:
        """A copy with some fields changed (ids de-duplicated, order kept)."""
        values = {**self.__dict__, **changes}
        for name in ("pipes", "failed_valves", "opened_valves"):
            values[name] = tuple(dict.fromkeys(str(v) for v in values[name]))
        return IncidentQuery(**values)


@dataclass
class EngineState:
    """An isolation engine and the fingerprint of the network it was built on (saved with incidents)."""

    engine: IsolationEngine
    fingerprint: str


def build_engine(network: Network) -> EngineState:
    """Build the engine for ``network`` (the slow part: topology, segment graph, which station
    serves which customer, the network's fingerprint)."""
    engine = IsolationEngine(network)
    serving_stations(engine)  # cached per engine: every report needs it
    return EngineState(engine, network_fingerprint(network))


@dataclass(frozen=True)
class Restored:
    """What opening one tie valve gives back: who gets heat again (before the planner applies it)."""

    valve_id: str
    customers: list[str]
    households: int
    priority: list[tuple[str, str, str]]
    """(customer_id, name, category) of the hospitals, nursing homes and schools among them, call order."""
    stations: list[str]


@dataclass
class IncidentRun:
    """The answer to one query."""

    query: IncidentQuery
    state: EngineState
    result: IsolationResult
    report: IncidentReport
    computed: dt.datetime
    restored: dict[str, Restored] = field(default_factory=dict)
    """Per restoration candidate (tie valve id): what it gives back."""

    @property
    def engine(self) -> IsolationEngine:
        return self.state.engine


def run(
    network: Network,
    query: IncidentQuery,
    state: EngineState | None = None,
    *,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> IncidentRun:
    """Isolate ``query.pipes`` (building the engine when ``state`` is None) and assemble the report.

    A plain function for a worker thread: ``progress`` gets 0–1, ``cancelled``
    is polled between the steps (raises :class:`Cancelled`).
    """
    def check(fraction: float) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(fraction)

    check(0.0)
    if state is None:
        state = build_engine(network)
    check(0.6)
    result = state.engine.isolate(list(query.pipes), list(query.failed_valves), list(query.opened_valves))
    check(0.8)
    report = incident_report(network, state.engine, result, outdoor_temp_c=query.outdoor_temp_c,
                             cooling=query.cooling(), language=query.language)
    check(0.9)
    restored = restoration_detail(network, state.engine, query, result, cancelled=cancelled)
    check(1.0)
    return IncidentRun(query, state, result, report, dt.datetime.now().replace(microsecond=0), restored)


def restoration_detail(network: Network, engine: IsolationEngine, query: IncidentQuery,
                       result: IsolationResult, *, cancelled: Callable[[], bool] | None = None) -> dict[str, Restored]:
    """For each tie valve the isolation offers, the customers and stations its opening brings back
    (one more query each, without restoration: a few milliseconds apiece)."""
    customers = network.customers
    ids = schema.text_column(customers, "customer_id")
    row_of = {c: k for k, c in enumerate(ids)}
    names = schema.text_column(customers, "name")
    categories = schema.text_column(customers, "category", default=schema.RESIDENTIAL)
    households = schema.numeric_column(customers, "households")
    before = {c.customer_id for c in result.affected_customers}
    out: dict[str, Restored] = {}
    for option in result.restoration:
        if cancelled is not None and cancelled():
            raise Cancelled()
        after = engine.isolate(list(query.pipes), list(query.failed_valves),
                               [*query.opened_valves, option.open_valve], restoration=False)
        back = sorted(before - {c.customer_id for c in after.affected_customers})
        rows = [row_of[c] for c in back if c in row_of]
        priority = sorted(((ids[r], names[r], categories[r]) for r in rows if categories[r] in PRIORITY_RANK),
                          key=lambda item: (PRIORITY_RANK[item[2]], item[0]))
        out[option.open_valve] = Restored(
            option.open_valve, back, int(np.nansum(households[rows])) if rows else 0, priority,
            sorted(set(result.affected_stations) - set(after.affected_stations)))
    return out


# --- what changed ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """Differences between two isolations of the same incident (ids sorted)."""

    added_valves: list[str] = field(default_factory=list)
    removed_valves: list[str] = field(default_factory=list)
    added_customers: list[str] = field(default_factory=list)
    removed_customers: list[str] = field(default_factory=list)
    added_stations: list[str] = field(default_factory=list)
    removed_stations: list[str] = field(default_factory=list)
    customers_delta: int = 0
    households_delta: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added_valves or self.removed_valves or self.added_customers or self.removed_customers
                    or self.added_stations or self.removed_stations)


def compare(before: IsolationResult, after: IsolationResult) -> Change:
    """What ``after`` adds to and removes from ``before``: valves to close, customers, stations."""
    def diff(a: Sequence[str], b: Sequence[str]) -> tuple[list[str], list[str]]:
        return sorted(set(b) - set(a)), sorted(set(a) - set(b))

    valves = diff(before.valves_to_close, after.valves_to_close)
    customers = diff([c.customer_id for c in before.affected_customers], [c.customer_id for c in after.affected_customers])
    stations = diff(before.affected_stations, after.affected_stations)
    return Change(valves[0], valves[1], customers[0], customers[1], stations[0], stations[1],
                  after.summary.customers - before.summary.customers,
                  after.summary.households - before.summary.households)


# --- which pipe a junction valve closes ------------------------------------------------------

BEARINGS = ("E", "NE", "N", "NW", "W", "SW", "S", "SE")


def compass(dx: float, dy: float) -> str:
    """The 8-point compass direction of a vector (map y is north)."""
    angle = math.degrees(math.atan2(dy, dx)) % 360
    return BEARINGS[int(((angle + 22.5) % 360) // 45)]


@dataclass(frozen=True)
class ValvePipe:
    """The pipe a valve sits on and, for a valve at a pipe end (a junction), the direction in which
    that pipe leaves the valve — two valves at one crossing are told apart by it."""

    pipe_id: str
    towards: str = ""
    """Compass direction ('N', 'SE'…) along the pipe away from the valve; '' for a valve inside a pipe."""


def valve_pipes(network: Network, valve_ids: Sequence[str], *, end_m: float = 1.0,
                look_m: float = 5.0) -> dict[str, ValvePipe]:
    """For each valve with a ``pipe_id`` naming a pipe: that pipe and its direction away from the valve."""
    valves, pipes = network.valves, network.pipes
    wanted = [str(v) for v in valve_ids]
    if not wanted or len(valves) == 0 or len(pipes) == 0:
        return {}
    rows = topo.lookup(schema.text_column(valves, "valve_id"), np.asarray(wanted, dtype=object))
    pipe_of = schema.text_column(valves, "pipe_id")
    pipe_rows = topo.lookup(schema.text_column(pipes, "pipe_id"),
                            np.asarray([pipe_of[r] if r >= 0 else "" for r in rows], dtype=object))
    vgeoms = topo.single_part(topo.geometry_array(valves))
    pgeoms = topo.single_part(topo.geometry_array(pipes))
    out: dict[str, ValvePipe] = {}
    for vid, vrow, prow in zip(wanted, rows, pipe_rows, strict=True):
        if vrow < 0 or prow < 0 or shapely.is_missing(vgeoms[vrow]) or shapely.is_missing(pgeoms[prow]):
            continue
        point, line = vgeoms[vrow], pgeoms[prow]
        length = line.length
        along = line.project(point)
        towards = ""
        if length > 0 and (along <= end_m or along >= length - end_m):
            ahead = line.interpolate(min(look_m, length / 2) if along <= end_m else max(length - look_m, length / 2))
            towards = compass(ahead.x - point.x, ahead.y - point.y)
        out[vid] = ValvePipe(str(pipe_of[vrow]), towards)
    return out


# --- after the repair ------------------------------------------------------------------------

REOPEN, CHECK_FAILED, CLOSE_TIE = "reopen", "check_failed", "close_tie"
CHECKLIST_ACTIONS = (REOPEN, CHECK_FAILED, CLOSE_TIE)


@dataclass(frozen=True)
class ChecklistStep:
    """One valve to put back in its normal position after the repair."""

    step: int
    action: str
    """'reopen' (a valve the crew closed), 'check_failed' (would not close: check it is fully open)
    or 'close_tie' (a normally-closed tie valve opened for back-feeding)."""
    valve_id: str
    x: float
    y: float
    dn: float
    valve_type: str
    location: str


def reopening_checklist(network: Network, engine: IsolationEngine, report: IncidentReport,
                        *, language: str = "en") -> list[ChecklistStep]:
    """Every valve to return to its normal position after the repair, in the order to do it
    (see the module docstring)."""
    steps: list[tuple[str, str, float, float, float, str, str]] = []
    for stop in reversed(report.valves):
        steps.append((REOPEN, stop.valve_id, stop.x, stop.y, stop.dn, stop.valve_type, stop.location))
    result = report.result
    others = [(CHECK_FAILED, v) for v in result.failed_valves] + [(CLOSE_TIE, v) for v in result.opened_valves]
    if others:
        t = engine.topology
        idx = engine.valve_indices([v for _, v in others])
        by_id = {str(t.valve_id[i]): int(t.valve_row[i]) for i in idx}
        frame = network.valves
        geoms = topo.single_part(topo.geometry_array(frame))
        dn = schema.numeric_column(frame, "dn")
        kind = schema.text_column(frame, "valve_type")
        known = [(a, v) for a, v in others if v in by_id]
        rows = np.array([by_id[v] for _, v in known], dtype=np.int64)
        xy = shapely.get_coordinates(geoms[rows]) if len(rows) else np.zeros((0, 2))
        places = locate(network, xy)
        for (action, v), row, point, place in zip(known, rows, xy, places, strict=True):
            steps.append((action, v, float(point[0]), float(point[1]), float(dn[row]), str(kind[row]),
                          place.text(language)))
    return [ChecklistStep(k + 1, *s) for k, s in enumerate(steps)]


# --- outputs ---------------------------------------------------------------------------------

NOTIFICATION_COLUMNS = ("customer_id", "name", "address", "contact_phone", "station_id", "category", "households",
                        "vulnerable_households", "hours_to_cold", "reason")
"""The customer notification list, in the order a call centre reads it."""


def notification_frame(report: IncidentReport) -> pd.DataFrame:
    """Who to call, first on top (the report's priority order); hours to 18 °C to 0.1 h, blank if never."""
    frame = report.customers[list(NOTIFICATION_COLUMNS)].copy()
    hours = frame["hours_to_cold"].astype(float)
    frame["hours_to_cold"] = [round(h, 1) if math.isfinite(h) else None for h in hours]
    return frame.reset_index(drop=True)


def result_layers(network: Network, engine: IsolationEngine, report: IncidentReport) -> dict[str, gpd.GeoDataFrame]:
    """The isolation result layers (``gisheat.io.results``) with the valves to close in the crew's
    visiting order (``close_order``) and their location text."""
    layers = isolation_layers(network, engine.topology, report.result)
    valves = layers["valves_to_close"]
    if len(valves):
        order = {s.valve_id: s.order for s in report.valves}
        where = {s.valve_id: s.location for s in report.valves}
        ids = schema.text_column(valves, "valve_id")
        valves = valves.assign(close_order=[order.get(v, 0) for v in ids], location=[where.get(v, "") for v in ids])
        layers["valves_to_close"] = valves.sort_values("close_order", kind="stable").reset_index(drop=True)
    return layers


__all__ = ["BEARINGS", "compass", "ValvePipe", "valve_pipes", "TOPOLOGY_LAYERS", "IncidentQuery", "EngineState", "build_engine", "IncidentRun", "run", "Change",
           "compare", "ChecklistStep", "reopening_checklist", "CHECKLIST_ACTIONS", "REOPEN", "CHECK_FAILED",
           "CLOSE_TIE", "NOTIFICATION_COLUMNS", "notification_frame", "result_layers"]
