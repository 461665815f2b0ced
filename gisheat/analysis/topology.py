"""Nodes, pipe pieces and valves from geometry, by the SPEC topology rules.

The result is a set of compact numpy arrays that the analyses use directly:

* **nodes** — clusters of pipe ends closer than the snapping tolerance, one
  network (primary or secondary) each; plus the nodes made by valves.
* **pieces** — a pipe cut at its interior valves: piece 0 runs from the pipe's
  first vertex to the first valve, and so on.
* **valves** — edges between two nodes. A valve on a pipe interior joins the
  two pieces it separates; a valve at a node sits on one pipe at that end:
  the pipe end gets a node of its own and the valve joins it to the rest of
  the node (where sources, stations and customers stay attached).
* **sources**, **stations** (a primary node and the secondary nodes they
  feed) and **customers**, each attached to a node.

Every array is aligned with the usable features of its layer and keeps the
row of the feature in the layer's frame, so results map back to ids.
Whatever breaks a rule is recorded as a :class:`Problem` and left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from gisheat.core import schema
from gisheat.core.network import Network
from gisheat.core.numeric import distinct
from gisheat.core.problems import Problem

PRIMARY, SECONDARY = 0, 1
NETWORK_CODES = {schema.PRIMARY: PRIMARY, schema.SECONDARY: SECONDARY}
NETWORK_NAMES = (schema.PRIMARY, schema.SECONDARY)

NEAR_MISS_M = 0.5
"""Pipe ends this close to another node, but farther than the tolerance, are reported as not joined."""


@dataclass
class Topology:
    """The network graph as arrays; see the module docstring."""

    tolerance: float
    # pipes taking part (in service, valid geometry and network)
    pipe_row: np.ndarray
    pipe_id: np.ndarray
    pipe_network: np.ndarray
    pipe_dn: np.ndarray
    pipe_length: np.ndarray
    pipe_start_node: np.ndarray
    pipe_end_node: np.ndarray
    pipe_first_piece: np.ndarray
    pipe_piece_count: np.ndarray
    # nodes
    node_xy: np.ndarray
    node_network: np.ndarray
    # pieces of pipes between interior valves
    piece_pipe: np.ndarray
    piece_index: np.ndarray
    piece_u: np.ndarray
    piece_v: np.ndarray
    piece_start: np.ndarray
    piece_end: np.ndarray
    piece_length: np.ndarray
    # valves placed in the graph
    valve_row: np.ndarray
    valve_id: np.ndarray
    valve_u: np.ndarray
    valve_v: np.ndarray
    valve_pipe: np.ndarray
    valve_interior: np.ndarray
    valve_normally_open: np.ndarray
    valve_operable: np.ndarray
    # sources, stations, customers attached to nodes
    source_row: np.ndarray
    source_id: np.ndarray
    source_node: np.ndarray
    station_row: np.ndarray
    station_id: np.ndarray
    station_node: np.ndarray
    link_station: np.ndarray
    link_node: np.ndarray
    customer_row: np.ndarray
    customer_id: np.ndarray
    customer_node: np.ndarray
    problems: list[Problem] = field(default_factory=list)

    @property
    def n_nodes(self) -> int:
        return len(self.node_xy)

    @property
    def n_pipes(self) -> int:
        return len(self.pipe_row)

    @property
    def n_pieces(self) -> int:
        return len(self.piece_pipe)

    @property
    def n_valves(self) -> int:
        return len(self.valve_row)

    def pipe_index(self) -> dict[str, int]:
        """Pipe id → index into the pipe arrays (first of duplicates)."""
        return _first_index(self.pipe_id)

    def valve_index(self) -> dict[str, int]:
        """Valve id → index into the valve arrays (first of duplicates)."""
        return _first_index(self.valve_id)

    def piece_lengths_geometric(self) -> np.ndarray:
        """Share of each piece in its pipe's geometry (0–1)."""
        return self.piece_end - self.piece_start


def _first_index(ids: np.ndarray) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, key in enumerate(ids.tolist()):
        out.setdefault(key, i)
    return out


def lookup(ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Index of each ``wanted`` id in ``ids`` (the first of duplicates), -1 when absent."""
    series = pd.Series(np.arange(len(ids)), index=pd.Index(ids, dtype=object))
    series = series[~series.index.duplicated(keep="first")]
    return series.index.get_indexer(pd.Index(wanted, dtype=object)).astype(np.int64)


# --- building -----------------------------------------------------------------------------


def build(network: Network, *, tolerance: float = schema.SNAP_TOLERANCE_M, near_misses: bool = False) -> Topology:
    """Build the topology of ``network`` (see the module docstring).

    ``near_misses`` also reports pipe ends that almost touch (validation wants
    it; analysis does not need it).
    """
    problems: list[Problem] = []
    reported = tolerance
    tolerance = float(np.nextafter(tolerance, 0.0))  # SPEC: "closer than" the tolerance, strictly
    pipes = _usable_pipes(network.pipes, problems)
    nodes = _snap_ends(pipes, tolerance)
    node_tree = cKDTree(nodes.xy)
    valves = _place_valves(network.valves, pipes, nodes, node_tree, network.pipes, tolerance, problems)
    graph = _cut_pipes(pipes, nodes, valves)
    sources = _attach_sources(network.sources, nodes, node_tree, tolerance, problems)
    stations = _attach_stations(network.stations, nodes, node_tree, tolerance, problems)
    customers = _attach_customers(network.customers, nodes, node_tree, tolerance, problems)
    if near_misses:
        _near_misses(pipes, nodes, node_tree, tolerance, problems)
    return Topology(
        tolerance=reported,
        pipe_row=pipes.row,
        pipe_id=pipes.id,
        pipe_network=pipes.network,
        pipe_dn=pipes.dn,
        pipe_length=pipes.length,
        pipe_start_node=nodes.end_node[: pipes.n],
        pipe_end_node=nodes.end_node[pipes.n :],
        pipe_first_piece=graph["first_piece"],
        pipe_piece_count=graph["piece_count"],
        node_xy=graph["node_xy"],
        node_network=graph["node_network"],
        piece_pipe=graph["piece_pipe"],
        piece_index=graph["piece_index"],
        piece_u=graph["piece_u"],
        piece_v=graph["piece_v"],
        piece_start=graph["piece_start"],
        piece_end=graph["piece_end"],
        piece_length=graph["piece_length"],
        valve_row=valves.row,
        valve_id=valves.id,
        valve_u=graph["valve_u"],
        valve_v=graph["valve_v"],
        valve_pipe=valves.pipe,
        valve_interior=valves.interior,
        valve_normally_open=valves.normally_open,
        valve_operable=valves.operable,
        source_row=sources[0],
        source_id=sources[1],
        source_node=sources[2],
        station_row=stations["row"],
        station_id=stations["id"],
        station_node=stations["node"],
        link_station=stations["link_station"],
        link_node=stations["link_node"],
        customer_row=customers[0],
        customer_id=customers[1],
        customer_node=customers[2],
        problems=problems,
    )


@dataclass
class _Pipes:
    row: np.ndarray
    id: np.ndarray
    network: np.ndarray
    dn: np.ndarray
    length: np.ndarray
    geom: np.ndarray
    start_xy: np.ndarray
    end_xy: np.ndarray

    @property
    def n(self) -> int:
        return len(self.row)


def feature_ids(frame: pd.DataFrame, id_field: str | None) -> np.ndarray:
    """Ids of a layer's features as text; features without one are named ``#row`` (1-based)."""
    if id_field is None or id_field not in frame.columns:
        return np.array([f"#{i + 1}" for i in range(len(frame))], dtype=object)
    ids = schema.text_column(frame, id_field, default="")
    empty = ids == ""
    if empty.any():
        ids = ids.copy()
        ids[empty] = [f"#{i + 1}" for i in np.flatnonzero(empty)]
    return ids


def geometry_array(frame: pd.DataFrame) -> np.ndarray:
    """The layer's geometries as a shapely array (None where missing); empty for tables."""
    if frame.empty or not hasattr(frame, "geometry"):
        return np.full(len(frame), None, dtype=object)
    return np.asarray(frame.geometry.array, dtype=object)


def geometry_problems(layer: str, ids: np.ndarray, geoms: np.ndarray, kind: str, *,
                      multi_parts_ok: bool = False) -> tuple[np.ndarray, list[Problem]]:
    """Which geometries are usable for ``kind`` ('LineString', 'Point' or 'Polygon'), and why the others are not.

    Single-part multi-geometries are accepted (and should be read through
    :func:`single_part`); with ``multi_parts_ok`` any number of parts is
    (context layers: a district of two polygons).
    """
    problems: list[Problem] = []
    n = len(geoms)
    ok = np.zeros(n, dtype=bool)
    if n == 0:
        return ok, problems
    missing = shapely.is_missing(geoms)
    empty = np.zeros(n, dtype=bool)
    empty[~missing] = shapely.is_empty(geoms[~missing])
    type_ids = np.full(n, -1)
    type_ids[~missing] = shapely.get_type_id(geoms[~missing])
    parts = np.ones(n, dtype=int)
    multi_code = {"LineString": 5, "Point": 4, "Polygon": 6}[kind]
    single_code = {"LineString": 1, "Point": 0, "Polygon": 3}[kind]
    is_multi = type_ids == multi_code
    parts[is_multi] = 1 if multi_parts_ok else shapely.get_num_geometries(geoms[is_multi])
    valid = np.zeros(n, dtype=bool)
    present = ~missing & ~empty
    valid[present] = shapely.is_valid(geoms[present]) if kind != "Point" else True
    for i in np.flatnonzero(~(present & ((type_ids == single_code) | (is_multi & (parts == 1))) & valid)):
        if missing[i] or empty[i]:
            problems.append(Problem(layer, ids[i], "empty geometry"))
        elif type_ids[i] not in (single_code, multi_code):
            problems.append(Problem(layer, ids[i], f"geometry is {geoms[i].geom_type}, expected {kind}"))
        elif is_multi[i] and parts[i] != 1:
            problems.append(Problem(layer, ids[i], f"geometry has {parts[i]} parts, expected one {kind}"))
        else:
            problems.append(Problem(layer, ids[i], f"invalid geometry ({shapely.is_valid_reason(geoms[i])})"))
    ok = present & ((type_ids == single_code) | (is_multi & (parts == 1))) & valid
    return ok, problems


def single_part(geoms: np.ndarray) -> np.ndarray:
    """Single-part multi-geometries as their one part; others unchanged."""
    out = geoms.copy()
    if len(out) == 0:
        return out
    multi = np.isin(shapely.get_type_id(out), (4, 5, 6))
    if multi.any():
        out[multi] = shapely.get_geometry(out[multi], 0)
    return out


def end_points(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and last vertex of each line, as (n, 2) arrays."""
    if len(lines) == 0:
        return np.zeros((0, 2)), np.zeros((0, 2))
    coords = shapely.get_coordinates(lines)
    last = np.cumsum(shapely.get_num_coordinates(lines)) - 1
    first = np.r_[0, last[:-1] + 1]
    return coords[first], coords[last]


def _usable_pipes(frame: pd.DataFrame, problems: list[Problem]) -> _Pipes:
    ids = feature_ids(frame, "pipe_id")
    geoms = geometry_array(frame)
    status = schema.text_column(frame, "status", default=schema.IN_SERVICE)
    network_text = schema.text_column(frame, "network", default="")
    network = np.select([network_text == schema.PRIMARY, network_text == schema.SECONDARY],
                        [PRIMARY, SECONDARY], -1).astype(np.int8)
    in_service = status == schema.IN_SERVICE
    geom_ok, geom_problems = geometry_problems("pipes", ids, geoms, "LineString")
    problems.extend(p for p, i in zip(geom_problems, np.flatnonzero(~geom_ok), strict=True) if in_service[i])
    geoms = single_part(geoms)
    keep = in_service & geom_ok & (network >= 0)
    rows = np.flatnonzero(keep)
    g = geoms[rows]
    geom_length = shapely.length(g) if len(g) else np.zeros(0)
    zero = geom_length <= 0
    for i in np.flatnonzero(zero):
        problems.append(Problem("pipes", ids[rows[i]], "zero-length geometry"))
    rows, g, geom_length = rows[~zero], g[~zero], geom_length[~zero]
    length = schema.numeric_column(frame, "length_m")[rows]
    length = np.where(np.isfinite(length) & (length > 0), length, geom_length)
    dn = schema.numeric_column(frame, "dn")[rows]
    start, end = end_points(g)
    return _Pipes(rows, ids[rows], network[rows], dn, length, g, start, end)


@dataclass
class _Nodes:
    xy: np.ndarray
    network: np.ndarray
    end_node: np.ndarray
    """Node of each pipe end: [0, n) starts, [n, 2n) ends."""
    degree: np.ndarray
    end_order: np.ndarray
    """Pipe ends sorted by node (CSR with ``end_ptr``)."""
    end_ptr: np.ndarray


def _snap_ends(pipes: _Pipes, tolerance: float) -> _Nodes:
    """Cluster pipe ends within the tolerance (same network only) into nodes.

    Exact duplicates are merged first; the distinct points are then joined by
    KD-tree pairs within the tolerance and their connected components, so a
    cluster never splits on a grid-cell edge.
    """
    n = pipes.n
    xy = np.vstack([pipes.start_xy, pipes.end_xy]) if n else np.zeros((0, 2))
    net = np.concatenate([pipes.network, pipes.network]).astype(np.int8)
    if len(xy) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return _Nodes(np.zeros((0, 2)), np.zeros(0, np.int8), empty, empty, empty, np.zeros(1, np.int64))
    keyed = np.column_stack([xy, net.astype(np.float64)])
    order = np.lexsort((keyed[:, 2], keyed[:, 1], keyed[:, 0]))
    sorted_keys = keyed[order]
    new = np.r_[True, np.any(sorted_keys[1:] != sorted_keys[:-1], axis=1)]
    uniq = sorted_keys[new]
    inverse = np.empty(len(keyed), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    tree = cKDTree(uniq[:, :2])
    pairs = tree.query_pairs(r=tolerance, output_type="ndarray")
    if len(pairs):
        pairs = pairs[uniq[pairs[:, 0], 2] == uniq[pairs[:, 1], 2]]
    m = len(uniq)
    adjacency = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(m, m))
    _, label = connected_components(adjacency, directed=False)
    # number nodes in order of first appearance among the distinct points
    _, first = distinct(label, return_index=True)
    order = np.argsort(first)
    relabel = np.empty_like(order)
    relabel[order] = np.arange(len(order))
    node_of_uniq = relabel[label]
    node_xy = uniq[np.sort(first), :2]
    node_net = uniq[np.sort(first), 2].astype(np.int8)
    end_node = node_of_uniq[inverse].astype(np.int64)
    degree = np.bincount(end_node, minlength=len(node_xy))
    end_order = np.argsort(end_node, kind="stable")
    end_ptr = np.concatenate([[0], np.cumsum(degree)])
    return _Nodes(node_xy, node_net, end_node, degree, end_order, end_ptr)


@dataclass
class _Valves:
    row: np.ndarray
    id: np.ndarray
    pipe: np.ndarray
    """Pipe (index into the usable pipes) the valve sits on."""
    interior: np.ndarray
    position: np.ndarray
    """Interior valves: normalised position along the pipe; node valves: 0 (start) or 1 (end)."""
    node: np.ndarray
    """Node valves: the node they sit at; interior valves: -1."""
    normally_open: np.ndarray
    operable: np.ndarray


def _place_valves(
    frame: pd.DataFrame,
    pipes: _Pipes,
    nodes: _Nodes,
    node_tree: cKDTree,
    all_pipes: pd.DataFrame,
    tolerance: float,
    problems: list[Problem],
) -> _Valves:
    """Decide where each valve sits: which pipe, at which end or position (vectorised)."""
    ids = feature_ids(frame, "valve_id")
    geoms = geometry_array(frame)
    ok, geom_problems = geometry_problems("valves", ids, geoms, "Point")
    problems.extend(geom_problems)
    geoms = single_part(geoms)
    rows = np.flatnonzero(ok)
    n = len(rows)
    xy = shapely.get_coordinates(geoms[rows]) if n else np.zeros((0, 2))
    vid = ids[rows]
    named = schema.text_column(frame, "pipe_id", default="")[rows]
    named_pipe = lookup(pipes.id, named)
    normally_open = schema.bool_column(frame, "normally_open", schema.layer_field_default("valves", "normally_open"))[rows]
    operable = schema.bool_column(frame, "operable", schema.layer_field_default("valves", "operable"))[rows]

    placed_pipe = np.full(n, -1, dtype=np.int64)
    placed_node = np.full(n, -1, dtype=np.int64)
    placed_pos = np.zeros(n)
    interior = np.zeros(n, dtype=bool)

    near = _near_nodes(xy, node_tree, tolerance)
    at_node = np.zeros(n, dtype=bool)
    at_node[near["i"]] = True
    candidate_count = np.bincount(near["i"], minlength=n)

    # valves at exactly one node: the common case, decided with array operations
    single = np.flatnonzero(candidate_count == 1)
    first_pair = np.searchsorted(near["i"], single)
    node = near["j"][first_pair]
    if len(single):
        end, status = _node_end(single, node, named_pipe, named != "", nodes, pipes)
        for k, code, at in zip(single[status != _PLACED], status[status != _PLACED], node[status != _PLACED], strict=True):
            _node_problem(code, vid[k], named[k], int(nodes.degree[at]), problems)
        placed = status < _UNPLACED_AMBIGUOUS
        placed_pipe[single[placed]] = end[placed] % pipes.n
        placed_node[single[placed]] = node[placed]
        placed_pos[single[placed]] = (end[placed] >= pipes.n).astype(float)

    # valves where primary and secondary nodes coincide: pipe_id must say which
    for k in np.flatnonzero(candidate_count > 1):
        lo, hi = np.searchsorted(near["i"], [k, k + 1])
        cands = near["j"][lo:hi]
        owner = [c for c in cands if _node_has_pipe(c, named_pipe[k], nodes, pipes)]
        if not owner:
            problems.append(Problem("valves", vid[k], "lies where primary and secondary pipes meet without a pipe_id naming one: ignored"))
            continue
        end, status = _node_end(np.array([k]), np.array([owner[0]]), named_pipe, named != "", nodes, pipes)
        if status[0] < _UNPLACED_AMBIGUOUS:
            placed_pipe[k] = end[0] % pipes.n
            placed_node[k] = owner[0]
            placed_pos[k] = float(end[0] >= pipes.n)

    # valves on pipe interiors
    rest = np.flatnonzero(~at_node)
    if len(rest) and pipes.n:
        tree = shapely.STRtree(pipes.geom)
        points = shapely.points(xy[rest])
        hit_point, hit_pipe = tree.query(points, predicate="dwithin", distance=tolerance)
        order = np.lexsort((hit_pipe, hit_point))
        hit_point, hit_pipe = hit_point[order], hit_pipe[order]
        hits = np.bincount(hit_point, minlength=len(rest))
        chosen = np.full(len(rest), -1, dtype=np.int64)
        one = hits == 1
        chosen[one] = hit_pipe[np.searchsorted(hit_point, np.flatnonzero(one))]
        for j in np.flatnonzero(hits > 1):
            k = rest[j]
            cands = hit_pipe[np.searchsorted(hit_point, j) : np.searchsorted(hit_point, j + 1)]
            if named_pipe[k] in cands:
                chosen[j] = named_pipe[k]
            else:
                listed = ", ".join(sorted(str(pipes.id[c]) for c in cands))
                problems.append(Problem("valves", vid[k], f"lies on the crossing of pipes {listed} without a pipe_id naming one: ignored"))
        found = chosen >= 0
        k_found = rest[found]
        mismatch = (named[k_found] != "") & (named_pipe[k_found] != chosen[found])
        for k, p in zip(k_found[mismatch], chosen[found][mismatch], strict=True):
            problems.append(Problem("valves", vid[k], f"pipe_id {named[k]} is not the pipe the valve lies on ({pipes.id[p]})"))
        placed_pipe[k_found] = chosen[found]
        placed_pos[k_found] = shapely.line_locate_point(pipes.geom[chosen[found]], points[found], normalized=True)
        interior[k_found] = True

    unplaced = np.flatnonzero((placed_pipe < 0) & ~at_node)
    if len(unplaced):
        _report_dangling(frame, rows[unplaced], ids, all_pipes, tolerance, problems)

    keep = placed_pipe >= 0
    return _Valves(
        row=rows[keep],
        id=vid[keep],
        pipe=placed_pipe[keep],
        interior=interior[keep],
        position=placed_pos[keep],
        node=placed_node[keep],
        normally_open=normally_open[keep],
        operable=operable[keep],
    )


_PLACED, _PLACED_BUT_MISNAMED, _UNPLACED_AMBIGUOUS, _UNPLACED_MISNAMED = 0, 1, 2, 3
"""Outcomes of placing a valve at a node; codes from _UNPLACED_AMBIGUOUS on leave it out."""


def _node_end(
    valve: np.ndarray, node: np.ndarray, named_pipe: np.ndarray, named_given: np.ndarray, nodes: _Nodes, pipes: _Pipes,
) -> tuple[np.ndarray, np.ndarray]:
    """For valves at nodes: the pipe end each sits on, and a status code.

    Degree 1–2: the pipe it names if that pipe is there, else the pipe whose id sorts first.
    Degree 3+: the pipe it names, or nothing (ambiguous or misnamed).
    """
    degree = nodes.degree[node]
    # expand (valve, end) pairs over each node's ends
    owner = np.repeat(np.arange(len(valve)), degree)
    offset = np.arange(len(owner)) - np.repeat(np.cumsum(degree) - degree, degree)
    end = nodes.end_order[nodes.end_ptr[node][owner] + offset]
    match = (end % pipes.n) == named_pipe[valve][owner]
    start = np.cumsum(degree) - degree
    first_end = end[start]
    # unnamed valve between two pipes: it sits on the pipe whose id sorts first (not on whichever
    # was drawn first), so what stands at the node lands on the same side however pipes are drawn
    second_end = end[start + (degree >= 2)]
    first_id, second_id = pipes.id[first_end % pipes.n], pipes.id[second_end % pipes.n]
    take_second = (second_id < first_id) | ((second_id == first_id) & (second_end < first_end))
    chosen = np.where((degree == 2) & take_second, second_end, first_end)
    has_match = np.zeros(len(valve), dtype=bool)
    matched_owner, first_match = distinct(owner[match], return_index=True)
    has_match[matched_owner] = True
    chosen[matched_owner] = end[match][first_match]
    named = named_given[valve]
    status = np.full(len(valve), _PLACED, dtype=np.int8)
    small = degree <= 2
    status[small & ~has_match & named] = _PLACED_BUT_MISNAMED
    status[~small & ~has_match] = _UNPLACED_AMBIGUOUS
    status[~small & ~has_match & named] = _UNPLACED_MISNAMED
    return chosen, status


def _node_problem(code: int, vid: str, named: str, degree: int, problems: list[Problem]) -> None:
    if code == _UNPLACED_AMBIGUOUS:
        problems.append(Problem("valves", vid, f"at a junction of {degree} pipes without pipe_id: ambiguous, ignored in analysis"))
    elif code == _UNPLACED_MISNAMED:
        problems.append(Problem("valves", vid, f"pipe_id {named} is not one of the {degree} pipes at this junction: ignored"))
    elif code == _PLACED_BUT_MISNAMED:
        problems.append(Problem("valves", vid, f"pipe_id {named} is not a pipe at the valve's node"))


def _node_has_pipe(node: int, pipe: int, nodes: _Nodes, pipes: _Pipes) -> bool:
    if pipe < 0:
        return False
    ends = nodes.end_order[nodes.end_ptr[node] : nodes.end_ptr[node + 1]]
    return bool(((ends % pipes.n) == pipe).any())


def _report_dangling(
    frame: pd.DataFrame,
    rows: np.ndarray,
    ids: np.ndarray,
    all_pipes: pd.DataFrame,
    tolerance: float,
    problems: list[Problem],
) -> None:
    """Valves touching no in-service pipe: a problem unless they lie on an abandoned or planned one."""
    geoms = single_part(geometry_array(frame)[rows])
    other = geometry_array(all_pipes)
    other = other[~shapely.is_missing(other)] if len(other) else other
    touching = np.zeros(len(rows), dtype=bool)
    if len(other):
        hit, _ = shapely.STRtree(other).query(geoms, predicate="dwithin", distance=tolerance)
        touching[distinct(hit)] = True
    for k in np.flatnonzero(~touching):
        problems.append(Problem("valves", ids[rows[k]], "dangling: not on any pipe"))


def _cut_pipes(pipes: _Pipes, nodes: _Nodes, valves: _Valves) -> dict[str, np.ndarray]:
    """Cut pipes at interior valves, give valved pipe ends nodes of their own, join them by valve edges."""
    n_pipes = pipes.n
    node_xy = [nodes.xy]
    node_net = [nodes.network]
    next_node = len(nodes.xy)

    # interior valves → pieces
    inner = np.flatnonzero(valves.interior)
    inner = inner[np.lexsort((valves.row[inner], valves.position[inner], valves.pipe[inner]))]
    counts = np.bincount(valves.pipe[inner], minlength=n_pipes)
    piece_count = counts + 1
    first_piece = (np.cumsum(piece_count) - piece_count).astype(np.int64)
    n_pieces = int(piece_count.sum())
    piece_pipe = np.repeat(np.arange(n_pipes), piece_count)
    piece_index = np.arange(n_pieces) - first_piece[piece_pipe]
    piece_u = np.empty(n_pieces, dtype=np.int64)
    piece_v = np.empty(n_pieces, dtype=np.int64)
    piece_start = np.zeros(n_pieces)
    piece_end = np.ones(n_pieces)
    last_piece = first_piece + piece_count - 1
    piece_u[first_piece] = nodes.end_node[:n_pipes]
    piece_v[last_piece] = nodes.end_node[n_pipes:]

    valve_u = np.full(len(valves.row), -1, dtype=np.int64)
    valve_v = np.full(len(valves.row), -1, dtype=np.int64)
    if len(inner):
        # valve j on pipe p (k-th along it) ends piece k and starts piece k+1
        pipe_of = valves.pipe[inner]
        k_along = np.arange(len(inner)) - (np.cumsum(counts) - counts)[pipe_of]
        left_piece = first_piece[pipe_of] + k_along
        left = next_node + 2 * np.arange(len(inner))
        right = left + 1
        next_node += 2 * len(inner)
        piece_v[left_piece] = left
        piece_u[left_piece + 1] = right
        piece_end[left_piece] = valves.position[inner]
        piece_start[left_piece + 1] = valves.position[inner]
        valve_u[inner] = left
        valve_v[inner] = right
        pts = shapely.get_coordinates(shapely.line_interpolate_point(pipes.geom[pipe_of], valves.position[inner], normalized=True))
        node_xy.append(np.repeat(pts, 2, axis=0))
        node_net.append(np.repeat(pipes.network[pipe_of], 2))

    # valves at nodes: the pipe end gets a new node; chained when several sit on one end
    at_node = np.flatnonzero(~valves.interior)
    if len(at_node):
        end_key = valves.pipe[at_node] * 2 + (valves.position[at_node] > 0.5)
        order = np.lexsort((valves.row[at_node], end_key))
        at_node, end_key = at_node[order], end_key[order]
        new = next_node + np.arange(len(at_node))
        next_node += len(at_node)
        node_xy.append(nodes.xy[valves.node[at_node]])
        node_net.append(pipes.network[valves.pipe[at_node]])
        # within one pipe end: valve 0 is innermost (touches the pipe), the last touches the node
        group_start = np.r_[True, end_key[1:] != end_key[:-1]]
        group_end = np.r_[end_key[1:] != end_key[:-1], True]
        valve_u[at_node] = new
        outer = np.where(group_end, valves.node[at_node], np.r_[new[1:], -1])
        valve_v[at_node] = outer
        innermost = new[group_start]
        keys = end_key[group_start]
        p = keys // 2
        is_end = (keys % 2).astype(bool)
        last = first_piece + piece_count - 1
        piece_u[first_piece[p[~is_end]]] = innermost[~is_end]
        piece_v[last[p[is_end]]] = innermost[is_end]

    piece_length = pipes.length[piece_pipe] * (piece_end - piece_start)
    return {
        "node_xy": np.vstack(node_xy),
        "node_network": np.concatenate(node_net).astype(np.int8),
        "piece_pipe": piece_pipe.astype(np.int64),
        "piece_index": piece_index.astype(np.int64),
        "piece_u": piece_u,
        "piece_v": piece_v,
        "piece_start": piece_start,
        "piece_end": piece_end,
        "piece_length": piece_length,
        "first_piece": first_piece,
        "piece_count": piece_count.astype(np.int64),
        "valve_u": valve_u,
        "valve_v": valve_v,
    }


def _points(frame: pd.DataFrame, layer: str, id_field: str, problems: list[Problem]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ids = feature_ids(frame, id_field)
    geoms = geometry_array(frame)
    ok, geom_problems = geometry_problems(layer, ids, geoms, "Point")
    problems.extend(geom_problems)
    rows = np.flatnonzero(ok)
    xy = shapely.get_coordinates(single_part(geoms)[rows]) if len(rows) else np.zeros((0, 2))
    return rows, ids, xy


def _near_nodes(xy: np.ndarray, node_tree: cKDTree, tolerance: float) -> np.ndarray:
    """Structured (i, j, v) pairs: point i within the tolerance of node j, sorted by point then distance."""
    if len(xy) == 0 or node_tree.n == 0:
        return np.zeros(0, dtype=[("i", np.intp), ("j", np.intp), ("v", np.float64)])
    near = cKDTree(xy).sparse_distance_matrix(node_tree, tolerance, output_type="ndarray")
    return near[np.lexsort((near["j"], near["v"], near["i"]))]


def _attach_sources(frame, nodes: _Nodes, node_tree: cKDTree, tolerance: float, problems: list[Problem]):
    rows, ids, xy = _points(frame, "sources", "source_id", problems)
    near = _near_nodes(xy, node_tree, tolerance)
    primary = near[nodes.network[near["j"]] == PRIMARY]
    node = np.full(len(rows), -1, dtype=np.int64)
    _, first = distinct(primary["i"], return_index=True)
    node[primary["i"][first]] = primary["j"][first]
    secondary_only = set(near["i"].tolist()) - set(primary["i"].tolist())
    for k in np.flatnonzero(node < 0):
        if k in secondary_only:
            problems.append(Problem("sources", ids[rows[k]], "lies on a secondary pipe node; sources feed the primary network"))
        else:
            problems.append(Problem("sources", ids[rows[k]], "touches no primary pipe node"))
    keep = node >= 0
    return rows[keep], ids[rows[keep]], node[keep]


def _attach_stations(frame, nodes: _Nodes, node_tree: cKDTree, tolerance: float, problems: list[Problem]):
    rows, ids, xy = _points(frame, "stations", "station_id", problems)
    near = _near_nodes(xy, node_tree, tolerance)
    is_primary = nodes.network[near["j"]] == PRIMARY
    primary = near[is_primary]
    secondary = near[~is_primary]
    node = np.full(len(rows), -1, dtype=np.int64)
    _, first = distinct(primary["i"], return_index=True)
    node[primary["i"][first]] = primary["j"][first]
    feeds = np.zeros(len(rows), dtype=bool)
    feeds[secondary["i"]] = True
    for k in np.flatnonzero(node < 0):
        problems.append(Problem("stations", ids[rows[k]], "touches no primary pipe node"))
    for k in np.flatnonzero(~feeds):
        problems.append(Problem("stations", ids[rows[k]], "feeds no secondary pipe"))
    keep = node >= 0
    index_of = -np.ones(len(rows), dtype=np.int64)
    index_of[keep] = np.arange(int(keep.sum()))
    link_ok = keep[secondary["i"]]
    return {
        "row": rows[keep],
        "id": ids[rows[keep]],
        "node": node[keep],
        "link_station": index_of[secondary["i"][link_ok]].astype(np.int64),
        "link_node": secondary["j"][link_ok].astype(np.int64),
    }


def _attach_customers(frame, nodes: _Nodes, node_tree: cKDTree, tolerance: float, problems: list[Problem]):
    rows, ids, xy = _points(frame, "customers", "customer_id", problems)
    near = _near_nodes(xy, node_tree, tolerance)
    node = np.full(len(rows), -1, dtype=np.int64)
    if len(near):
        # nearest node; on an exact tie the secondary node (customers hang off secondary circuits)
        near = near[np.lexsort((-nodes.network[near["j"]], near["v"], near["i"]))]
        _, first = distinct(near["i"], return_index=True)
        node[near["i"][first]] = near["j"][first]
    for k in np.flatnonzero(node < 0):
        problems.append(Problem("customers", ids[rows[k]], "unattached: not at any pipe node"))
    keep = node >= 0
    return rows[keep], ids[rows[keep]], node[keep]


def _near_misses(pipes: _Pipes, nodes: _Nodes, node_tree: cKDTree, tolerance: float, problems: list[Problem]) -> None:
    """Report dangling pipe ends that almost touch another node or pipe of the same network."""
    if pipes.n == 0:
        return
    dangling_ends = np.flatnonzero(nodes.degree[nodes.end_node] == 1)
    if len(dangling_ends) == 0:
        return
    end_xy = np.vstack([pipes.start_xy, pipes.end_xy])[dangling_ends]
    end_net = np.concatenate([pipes.network, pipes.network])[dangling_ends]
    # pipe ends lying on another pipe of the same network (a T-junction without a node)
    tree = shapely.STRtree(pipes.geom)
    hit_end, hit_pipe = tree.query(shapely.points(end_xy), predicate="dwithin", distance=tolerance)
    own = dangling_ends[hit_end] % pipes.n
    same_net = pipes.network[hit_pipe] == end_net[hit_end]
    reported: set[int] = set()
    for e, p in zip(hit_end[(hit_pipe != own) & same_net], hit_pipe[(hit_pipe != own) & same_net], strict=True):
        pid = pipes.id[dangling_ends[e] % pipes.n]
        problems.append(Problem("pipes", pid, f"end lies on pipe {pipes.id[p]} without a junction node: not connected"))
        reported.add(int(e))
    # ends close to another node of the same network but beyond the tolerance
    near = cKDTree(end_xy).sparse_distance_matrix(node_tree, NEAR_MISS_M, output_type="ndarray")
    own_node = nodes.end_node[dangling_ends]
    near = near[(near["v"] > tolerance) & (near["j"] != own_node[near["i"]]) & (nodes.network[near["j"]] == end_net[near["i"]])]
    near = near[np.lexsort((near["v"], near["i"]))]
    _, first = distinct(near["i"], return_index=True)
    for rec in near[first]:
        if int(rec["i"]) in reported:
            continue
        pid = pipes.id[dangling_ends[rec["i"]] % pipes.n]
        problems.append(Problem(
            "pipes", pid,
            f"end is {rec['v']:.3f} m from another pipe's node: not joined (tolerance {tolerance:g} m)",
        ))
