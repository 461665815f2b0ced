"""What a repair planner needs beyond the isolation result: the crew's route, valve locations
in street terms, who to call first and how long before homes drop below 18 °C.

Qt-free: the incident panel, the work-order PDF and the notification CSV
are built on :func:`incident_report`.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from gisheat.analysis import topology as topo
from gisheat.analysis.cooling import CoolingModel
from gisheat.analysis.isolation import IsolationEngine, IsolationResult
from gisheat.analysis.segments import STATION_ARC, VALVE_ARC
from gisheat.core import schema
from gisheat.core.network import Network

DEFAULT_OUTDOOR_C = -10.0
"""Outdoor temperature assumed for time to cold until the planner enters today's (°C)."""

PRIORITY_RANK = {category: k for k, category in enumerate(schema.CALL_FIRST_CATEGORIES)}
"""Call order of the priority categories; buildings with vulnerable households come next, then the rest."""
VULNERABLE_RANK = len(PRIORITY_RANK)
OTHER_RANK = VULNERABLE_RANK + 1


# --- where things are ----------------------------------------------------------------------


@dataclass(frozen=True)
class Location:
    """A point described by the street it is on and the nearest crossing street."""

    x: float
    y: float
    street: str = ""
    cross_street: str = ""
    distance_m: float = 0.0
    """Distance along the street from the crossing."""
    bearing: str = ""
    """Compass direction from the crossing to the point (N, NE, E, …)."""

    def text(self, language: str = "en") -> str:
        if not self.street:
            return f"({self.x:.1f}, {self.y:.1f})"
        if not self.cross_street:
            return self.street
        if language.startswith("zh"):
            word = _BEARING_ZH.get(self.bearing, "")
            return f"{self.street}与{self.cross_street}交口{word}{self.distance_m:.0f}米"
        word = _BEARING_EN.get(self.bearing, "")
        return f"{self.street}, {self.distance_m:.0f} m {word} of {self.cross_street}"


_BEARINGS = ("E", "NE", "N", "NW", "W", "SW", "S", "SE")
_BEARING_EN = {"E": "east", "NE": "north-east", "N": "north", "NW": "north-west", "W": "west",
               "SW": "south-west", "S": "south", "SE": "south-east"}
_BEARING_ZH = {"E": "以东", "NE": "东北", "N": "以北", "NW": "西北", "W": "以西", "SW": "西南", "S": "以南",
               "SE": "东南"}


def locate(network: Network, xy: np.ndarray, *, max_distance: float = 200.0) -> list[Location]:
    """Describe points by the nearest named street (within ``max_distance``) and its nearest crossing."""
    xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    streets = network.layer("streets")
    names = schema.text_column(streets, "name") if len(streets) else np.zeros(0, dtype=object)
    geoms = topo.geometry_array(streets) if len(streets) else np.zeros(0, dtype=object)
    named = np.flatnonzero((names != "") & ~shapely.is_missing(geoms)) if len(geoms) else np.zeros(0, dtype=int)
    if len(xy) == 0 or len(named) == 0:
        return [Location(float(x), float(y)) for x, y in xy]
    lines = geoms[named]
    tree = shapely.STRtree(lines)
    points = shapely.points(xy)
    (which, hit), dist = tree.query_nearest(points, max_distance=max_distance, return_distance=True, all_matches=False)
    nearest = np.full(len(xy), -1)
    nearest[which] = hit
    out = []
    crossings: dict[int, list[tuple[shapely.Point, str]]] = {}
    for k, (x, y) in enumerate(xy):
        s = nearest[k]
        if s < 0:
            out.append(Location(float(x), float(y)))
            continue
        if s not in crossings:
            crossings[s] = _crossings(lines, names[named], s, tree)
        street = str(names[named][s])
        if not crossings[s]:
            out.append(Location(float(x), float(y), street))
            continue
        along = lines[s].project(points[k])
        best = min(crossings[s], key=lambda c: abs(lines[s].project(c[0]) - along))
        cx, cy = best[0].x, best[0].y
        angle = math.degrees(math.atan2(y - cy, x - cx)) % 360
        out.append(Location(float(x), float(y), street, best[1], float(math.hypot(x - cx, y - cy)),
                            _BEARINGS[int(((angle + 22.5) % 360) // 45)]))
    return out


def _crossings(lines, names, s, tree) -> list[tuple[shapely.Point, str]]:
    found = []
    for other in tree.query(lines[s], predicate="intersects"):
        if other == s or names[other] == names[s]:
            continue
        meet = lines[s].intersection(lines[other])
        for part in getattr(meet, "geoms", [meet]):
            if part.geom_type == "Point":
                found.append((part, str(names[other])))
    return found


# --- the crew's route ----------------------------------------------------------------------


def crew_route(xy: np.ndarray, start: np.ndarray) -> np.ndarray:
    """A short visiting order of points: from the one nearest ``start``, nearest neighbour, then 2-opt
    and or-opt moves (a run of up to 3 stops moved elsewhere) until none shortens the route.

    Straight-line distances; an open path (the crew does not return). Moves are judged by the change
    in length they make, so a hundred valves take well under a second.
    """
    xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    n = len(xy)
    if n <= 1:
        return np.arange(n)
    dist = np.linalg.norm(xy[:, None, :] - xy[None, :, :], axis=2)
    first = int(np.argmin(np.linalg.norm(xy - np.asarray(start, dtype=np.float64), axis=1)))
    order = [first]
    left = set(range(n)) - {first}
    while left:
        here = order[-1]
        nxt = min(left, key=lambda j: (dist[here, j], j))
        order.append(nxt)
        left.remove(nxt)

    def d(a: int, b: int | None) -> float:
        return 0.0 if b is None else float(dist[a, b])

    improved = True
    while improved:
        improved = False
        for i in range(1, n - 1):  # 2-opt: reverse order[i..j]; the first stop stays
            for j in range(i + 1, n):
                a, b, c = order[i - 1], order[i], order[j]
                nxt = order[j + 1] if j + 1 < n else None
                if d(a, c) + d(b, nxt) < d(a, b) + d(c, nxt) - 1e-9:
                    order[i:j + 1] = order[i:j + 1][::-1]
                    improved = True
        for size in (1, 2, 3) if n <= 60 else ():  # or-opt: move a run elsewhere, either way round
            for i in range(1, n - size + 1):
                run = order[i:i + size]
                before, after = order[i - 1], (order[i + size] if i + size < n else None)
                gain = d(before, run[0]) + d(run[-1], after) - d(before, after)
                rest = order[:i] + order[i + size:]
                best = None
                for k in range(1, len(rest) + 1):
                    if k == i:
                        continue
                    u, w = rest[k - 1], (rest[k] if k < len(rest) else None)
                    for piece in (run, run[::-1]):
                        cost = d(u, piece[0]) + d(piece[-1], w) - d(u, w)
                        if cost < gain - 1e-9 and (best is None or cost < best[0]):
                            best = (cost, k, piece)
                if best is not None:
                    _, k, piece = best
                    order[:] = rest[:k] + list(piece) + rest[k:]
                    improved = True
                    break
    return np.array(order, dtype=np.int64)


def break_point(network: Network, engine: IsolationEngine, pipe_idx: np.ndarray) -> np.ndarray:
    """Where the crew starts: the middle of the (first) failed pipe."""
    t = engine.topology
    geoms = topo.single_part(topo.geometry_array(network.pipes))
    line = geoms[t.pipe_row[int(pipe_idx[0])]]
    return np.array(shapely.get_coordinates(shapely.line_interpolate_point(line, 0.5, normalized=True))[0])


# --- who is served by which station -------------------------------------------------------


_SERVING: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""serving_stations per engine: it depends on the network only, and costs a pass over the whole
segment graph (1.2 s for a million pipes) that every incident report of that engine needs."""


def serving_stations(engine: IsolationEngine) -> np.ndarray:
    """For every customer (topology index), the station(s) that normally feed its secondary
    circuit, comma-separated; empty for customers on the primary network.

    Computed once per engine (read-only array)."""
    cached = _SERVING.get(engine)
    if cached is None:
        cached = _serving_stations(engine)
        cached.flags.writeable = False
        _SERVING[engine] = cached
    return cached


def _serving_stations(engine: IsolationEngine) -> np.ndarray:
    t, g = engine.topology, engine.graph
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    valve = g.out.kind == VALVE_ARC
    src = np.repeat(np.arange(g.n), np.diff(g.out.ptr))
    open_ = np.zeros(len(valve), dtype=bool)
    open_[valve] = t.valve_normally_open.astype(bool)[g.out.ref[valve]]
    keep = open_ & (g.segment_network[src] == topo.SECONDARY)
    _, circuit = connected_components(coo_matrix((np.ones(int(keep.sum())), (src[keep], g.out.target[keep])),
                                                 shape=(g.n, g.n)), directed=False)
    by_circuit: dict[int, set[str]] = {}
    station_arc = g.out.kind == STATION_ARC
    for seg, ref in zip(g.out.target[station_arc].tolist(), g.out.ref[station_arc].tolist(), strict=True):
        by_circuit.setdefault(int(circuit[seg]), set()).add(str(t.station_id[ref]))
    cust_seg = g.customer_segment
    out = np.full(len(cust_seg), "", dtype=object)
    secondary = g.segment_network[cust_seg] == topo.SECONDARY
    for k in np.flatnonzero(secondary):
        out[k] = ",".join(sorted(by_circuit.get(int(circuit[cust_seg[k]]), ())))
    return out


# --- the report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValveStop:
    order: int
    valve_id: str
    x: float
    y: float
    dn: float
    valve_type: str
    location: str
    leg_m: float
    """Straight-line distance from the previous stop (from the break for the first)."""


@dataclass
class IncidentReport:
    """Everything the incident panel, the work order and the notification list show."""

    result: IsolationResult
    break_xy: np.ndarray
    valves: list[ValveStop]
    boundary_valves: list[ValveStop]
    stations: pd.DataFrame
    customers: pd.DataFrame
    outdoor_temp_c: float
    hours_to_cold: float
    """Hours until the first affected customer falls below 18 °C (the repair deadline); inf if none."""
    notes: list[str] = field(default_factory=list)
    first_cold: dict[str, str] = field(default_factory=dict)
    """The customer that sets the deadline: ``customer_id``, ``name``, ``category`` (empty when none)."""
    homes_hours_to_cold: float = math.inf
    """Hours until the first residential customer falls below 18 °C; inf if none is affected."""


CUSTOMER_COLUMNS = ("customer_id", "name", "category", "households", "vulnerable_households", "address",
                    "contact_phone", "station_id", "reason", "hours_to_cold")


def incident_report(
    network: Network,
    engine: IsolationEngine,
    result: IsolationResult,
    *,
    outdoor_temp_c: float = DEFAULT_OUTDOOR_C,
    cooling: CoolingModel | None = None,
    language: str = "en",
) -> IncidentReport:
    """Assemble the route, locations, station list and prioritised customer list of an isolation."""
    t = engine.topology
    cooling = cooling or CoolingModel()
    pipe_idx = engine.pipe_indices(result.failed_pipes)
    start = break_point(network, engine, pipe_idx)
    valves_frame = network.valves

    def stops(indices: np.ndarray, ordered: bool) -> list[ValveStop]:
        if len(indices) == 0:
            return []
        rows = t.valve_row[indices]
        xy = shapely.get_coordinates(topo.single_part(topo.geometry_array(valves_frame))[rows])
        order = crew_route(xy, start) if ordered else np.argsort(t.valve_id[indices].astype(str), kind="stable")
        places = locate(network, xy[order])
        dn = schema.numeric_column(valves_frame, "dn")[rows][order]
        kind = schema.text_column(valves_frame, "valve_type")[rows][order]
        out, previous = [], start
        for k, (j, place) in enumerate(zip(order, places, strict=True)):
            point = xy[j]
            out.append(ValveStop(k + 1, str(t.valve_id[indices[j]]), float(point[0]), float(point[1]),
                                 float(dn[k]), str(kind[k]), place.text(language),
                                 float(np.linalg.norm(point - previous))))
            previous = point
        return out

    customers = network.customers
    idx = result.customer_index
    rows = t.customer_row[idx]
    category = schema.text_column(customers, "category", schema.RESIDENTIAL)[rows]
    hours = cooling.hours_to_threshold(t_out=outdoor_temp_c, category=category) if len(idx) else np.zeros(0)
    frame = pd.DataFrame({
        "customer_id": t.customer_id[idx].astype(str),
        "name": schema.text_column(customers, "name")[rows],
        "category": category,
        "households": np.nan_to_num(schema.numeric_column(customers, "households", 0.0)[rows]).astype(int),
        "vulnerable_households": np.nan_to_num(schema.numeric_column(customers, "vulnerable_households", 0.0)[rows]).astype(int),
        "address": schema.text_column(customers, "address")[rows],
        "contact_phone": schema.text_column(customers, "contact_phone")[rows],
        "station_id": serving_stations(engine)[idx] if len(idx) else np.zeros(0, dtype=object),
        "reason": result.customer_reason.astype(str),
        "hours_to_cold": np.asarray(hours, dtype=float),
    })
    rank = np.array([PRIORITY_RANK.get(c, VULNERABLE_RANK if v > 0 else OTHER_RANK) for c, v in
                     zip(frame["category"], frame["vulnerable_households"], strict=True)], dtype=int)
    frame["priority"] = rank
    frame = frame.sort_values(["priority", "hours_to_cold", "customer_id"], kind="stable").reset_index(drop=True)

    station_rows = t.station_row[result.station_index]
    stations = pd.DataFrame({
        "station_id": t.station_id[result.station_index].astype(str),
        "name": schema.text_column(network.stations, "name")[station_rows],
    })
    counts = frame.assign(station_id=frame["station_id"].str.split(",")).explode("station_id")
    per_station = counts.groupby("station_id").agg(customers=("customer_id", "size"), households=("households", "sum"))
    stations = stations.join(per_station, on="station_id").fillna({"customers": 0, "households": 0})
    stations[["customers", "households"]] = stations[["customers", "households"]].astype(int)

    notes = []
    if result.whole_circuit:
        notes.append("No valve that can be closed bounds this failure: the whole circuit must be shut down.")
    deadline = float(frame["hours_to_cold"].min()) if len(frame) else math.inf
    first_cold: dict[str, str] = {}
    if len(frame) and math.isfinite(deadline):
        first = frame.loc[frame["hours_to_cold"].idxmin()]
        first_cold = {"customer_id": str(first["customer_id"]), "name": str(first["name"] or ""),
                      "category": str(first["category"])}
    homes = frame.loc[frame["category"] == schema.RESIDENTIAL, "hours_to_cold"]
    homes_deadline = float(homes.min()) if len(homes) else math.inf
    return IncidentReport(
        result=result, break_xy=start,
        valves=stops(result.close_valve_index, True),
        boundary_valves=stops(result.boundary_valve_index, False),
        stations=stations, customers=frame, outdoor_temp_c=outdoor_temp_c,
        hours_to_cold=deadline, notes=notes, first_cold=first_cold, homes_hours_to_cold=homes_deadline,
    )


def notification_table(report: IncidentReport) -> pd.DataFrame:
    """The customer notification list (one row per affected customer, who to call first on top)."""
    return report.customers[list(CUSTOMER_COLUMNS)].copy()
