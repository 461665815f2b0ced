"""Renewal projects: adjacent pipes of one street or one straight run, dug up together.

Rules, in order:

1. **Street** of a pipe: the nearest line of the ``streets`` layer within
   ``street_distance_m`` of the pipe's midpoint and of both its ends (a pipe
   running under the street, not across it); its ``name`` (or ``#row``).
2. **Joins**: two in-service pipes of the same network that share a node
   (topology snapping) join when both lie under the same street, or when one
   continues the other straight on (ends' directions within
   ``straight_angle_deg`` of a straight line) — a branch or a lateral run —
   and when they are of one **cohort**: the same laying and install years at
   most ``max_age_gap_years`` apart (where known). A pipe renewed five years
   ago is not dug up again because the old trench pipe beside it is due.
   Pipes listed as excluded (must-not) join nothing.
3. **Long runs** are cut into near-equal projects of at most about
   ``max_length_m``, in order along the run.
4. **Short projects** (below ``min_length_m``) are merged into the shortest
   adjacent project of the same network and cohort, repeatedly; those left
   short have no such neighbour and are flagged ``short``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from gisheat.analysis import topology as topo
from gisheat.analysis.renewal.history import PipeStock
from gisheat.core import schema
from gisheat.core.network import Network

STREET_DISTANCE_M = 25.0
STRAIGHT_ANGLE_DEG = 30.0
MAX_PROJECT_LENGTH_M = 1000.0
MAX_AGE_GAP_YEARS = 10.0
"""Pipes whose install years differ by more than this are not one project (rule 2)."""


@dataclass
class Projects:
    """Pipes of the stock grouped into projects (arrays aligned with projects unless said)."""

    pipe_project: np.ndarray
    """Per stock pipe: its project (index), −1 when excluded."""
    project_id: np.ndarray
    length_m: np.ndarray
    street: np.ndarray
    network: np.ndarray
    short: np.ndarray
    """Below the minimum length with no neighbour to merge into."""
    pipe_street: np.ndarray
    """Per stock pipe: its street ('' when none)."""

    def __len__(self) -> int:
        return len(self.project_id)

    def members(self) -> tuple[np.ndarray, np.ndarray]:
        """(order, start): pipes sorted by project; project p owns ``order[start[p]:start[p+1]]``."""
        kept = np.flatnonzero(self.pipe_project >= 0)
        order = kept[np.argsort(self.pipe_project[kept], kind="stable")]
        counts = np.bincount(self.pipe_project[kept], minlength=len(self))
        return order, np.concatenate([[0], np.cumsum(counts)])

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame({"project_id": self.project_id, "length_m": self.length_m, "street": self.street,
                             "network": self.network, "short": self.short})


def pipe_streets(network: Network, stock: PipeStock, distance_m: float = STREET_DISTANCE_M) -> np.ndarray:
    """The street each pipe runs under ('' when none), by the rule of the module docstring."""
    out = np.full(len(stock), "", dtype=object)
    streets = network.layer("streets")
    if streets.empty or not hasattr(streets, "geometry") or len(stock) == 0:
        return out
    street_geoms = topo.geometry_array(streets)
    valid = ~shapely.is_missing(street_geoms)
    valid[valid] &= ~shapely.is_empty(street_geoms[valid])
    names = schema.text_column(streets, "name", default="")
    names = np.where(names == "", [f"#{i + 1}" for i in range(len(streets))], names)
    lines = topo.single_part(topo.geometry_array(network.pipes)[stock.row])
    ok = ~shapely.is_missing(lines)
    ok[ok] &= ~shapely.is_empty(lines[ok])
    pipe_index = np.flatnonzero(ok)
    if not len(pipe_index) or not valid.any():
        return out
    street_index = np.flatnonzero(valid)
    tree = shapely.STRtree(street_geoms[street_index])
    mids = shapely.line_interpolate_point(lines[pipe_index], 0.5, normalized=True)
    hit_pipe, hit_street = tree.query(mids, predicate="dwithin", distance=distance_m)
    if not len(hit_pipe):
        return out
    geoms = street_geoms[street_index[hit_street]]
    start, end = topo.end_points(lines[pipe_index[hit_pipe]])
    near = (shapely.distance(shapely.points(start), geoms) <= distance_m) & (
        shapely.distance(shapely.points(end), geoms) <= distance_m)
    gap = shapely.distance(mids[hit_pipe], geoms)
    candidates = pd.DataFrame({"pipe": hit_pipe[near], "street": street_index[hit_street][near], "gap": gap[near]})
    best = candidates.sort_values(["pipe", "gap", "street"]).drop_duplicates("pipe")
    out[pipe_index[best["pipe"].to_numpy()]] = names[best["street"].to_numpy()]
    return out


def _end_directions(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors from each line's first (last) vertex into the line."""
    counts = shapely.get_num_coordinates(lines)
    coords = shapely.get_coordinates(lines)
    last = np.cumsum(counts) - 1
    first = last - counts + 1
    start = coords[np.minimum(first + 1, last)] - coords[first]
    end = coords[np.maximum(last - 1, first)] - coords[last]
    for v in (start, end):
        norm = np.linalg.norm(v, axis=1)
        v /= np.where(norm > 0, norm, 1.0)[:, None]
    return start, end


def group_projects(
    network: Network,
    stock: PipeStock,
    *,
    topology: topo.Topology | None = None,
    exclude: np.ndarray | None = None,
    min_length_m: float = 0.0,
    max_length_m: float = MAX_PROJECT_LENGTH_M,
    street_distance_m: float = STREET_DISTANCE_M,
    straight_angle_deg: float = STRAIGHT_ANGLE_DEG,
    max_age_gap_years: float = MAX_AGE_GAP_YEARS,
) -> Projects:
    """Group the pipes of ``stock`` into projects (module docstring); ``exclude`` masks must-not pipes."""
    n = len(stock)
    exclude = np.zeros(n, dtype=bool) if exclude is None else np.asarray(exclude, dtype=bool)
    topology = topology if topology is not None else topo.build(network)
    streets = pipe_streets(network, stock, street_distance_m)
    # stock pipe ↔ topology pipe
    where = topo.lookup(np.asarray(topology.pipe_row), np.asarray(stock.row))
    in_topo = np.flatnonzero(where >= 0)
    t_index = where[in_topo]
    lines = topo.single_part(topo.geometry_array(network.pipes)[stock.row[in_topo]])
    start_dir, end_dir = _end_directions(lines) if len(lines) else (np.zeros((0, 2)), np.zeros((0, 2)))
    # pipe ends at nodes: end k < len(in_topo) is the start of pipe in_topo[k], the rest their ends
    end_pipe = np.concatenate([in_topo, in_topo])
    end_node = np.concatenate([topology.pipe_start_node[t_index], topology.pipe_end_node[t_index]])
    end_dir = np.vstack([start_dir, end_dir])
    pairs_a, pairs_b = _pairs_at_nodes(end_node)
    a_pipe, b_pipe = end_pipe[pairs_a], end_pipe[pairs_b]
    straight = np.einsum("ij,ij->i", end_dir[pairs_a], end_dir[pairs_b]) <= -np.cos(np.radians(straight_angle_deg))
    same_street = (streets[a_pipe] == streets[b_pipe]) & (streets[a_pipe] != "")
    same_net = stock.network[a_pipe] == stock.network[b_pipe]
    usable = same_net & (a_pipe != b_pipe) & ~exclude[a_pipe] & ~exclude[b_pipe] & _one_cohort(
        stock, a_pipe, b_pipe, max_age_gap_years)
    join = usable & (straight | same_street)
    label = _components(n, a_pipe[join], b_pipe[join])
    label = _split_cohorts(label, stock, max_age_gap_years, a_pipe[join], b_pipe[join])
    label = _cut_long(label, stock, lines, in_topo, max_length_m)
    neighbour_a, neighbour_b = a_pipe[usable], b_pipe[usable]
    label, short = _merge_short(label, stock.length_m, neighbour_a, neighbour_b, min_length_m)
    label[exclude] = -1
    kept = label >= 0
    # number projects by their first pipe in stock order
    uniq, first = np.unique(label[kept], return_index=True)
    order = np.argsort(first)
    renumber = np.full(label.max() + 1 if len(label) else 0, -1, dtype=np.int64)
    renumber[uniq[order]] = np.arange(len(uniq))
    pipe_project = np.where(kept, renumber[np.maximum(label, 0)], -1)
    k = len(uniq)
    length = np.bincount(pipe_project[kept], weights=stock.length_m[kept], minlength=k)
    first_pipe = np.flatnonzero(kept)[np.sort(first)]
    street_of = _project_street(pipe_project, streets, stock.length_m, k)
    width = max(4, len(str(k)))
    return Projects(
        pipe_project=pipe_project,
        project_id=np.array([f"RP{i + 1:0{width}d}" for i in range(k)], dtype=object),
        length_m=length,
        street=street_of,
        network=stock.network[first_pipe],
        short=np.isin(np.arange(k), renumber[short]) if len(short) else np.zeros(k, dtype=bool),
        pipe_street=streets,
    )


def _split_cohorts(label: np.ndarray, stock: PipeStock, max_age_gap_years: float,
                   a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cut groups whose install years spread over more than the gap (a chain 1970-1978-1986-1994 joins pair by
    pair) into bands: from the oldest pipe up, a new band where a year is more than the gap past its band's
    first (pipes of unknown year go with the oldest band); then each band's connected pieces (joins ``a``–``b``)."""
    if not len(label):
        return label
    year = stock.install_year
    span = pd.Series(year).groupby(label).agg(["min", "max"])  # NaN skipped
    spread = (span["max"] - span["min"]).fillna(0.0)
    wide = np.flatnonzero(np.isin(label, spread.index[spread.to_numpy() > max_age_gap_years]))
    if not len(wide):
        return label
    band = np.zeros(len(label), dtype=np.int64)
    order = wide[np.lexsort((wide, np.where(np.isfinite(year[wide]), year[wide], -np.inf), label[wide]))]
    current, first = 0, -np.inf
    for k, row in enumerate(order):  # only the pipes of groups that are too wide, sorted by group and year
        if k == 0 or label[row] != label[order[k - 1]]:
            current, first = 0, year[row]
        elif np.isfinite(year[row]):
            if not np.isfinite(first):
                first = year[row]
            elif year[row] - first > max_age_gap_years:
                current, first = current + 1, year[row]
        band[row] = current
    key = pd.factorize(pd.MultiIndex.from_arrays([label, band]))[0]
    keep = key[a] == key[b]
    return _components(len(label), a[keep], b[keep])


def _one_cohort(stock: PipeStock, a: np.ndarray, b: np.ndarray, max_age_gap_years: float) -> np.ndarray:
    """Pairs of pipes that may be renewed together: same laying, install years close (unknowns never split)."""
    laying_a = stock.laying[a].astype(str)
    laying_b = stock.laying[b].astype(str)
    known = (laying_a != "") & (laying_b != "")
    same_laying = ~known | (laying_a == laying_b)
    gap = np.abs(stock.install_year[a] - stock.install_year[b])
    close = np.isnan(gap) | (gap <= max_age_gap_years)
    return same_laying & close


def _pairs_at_nodes(end_node: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All pairs (a < b) of pipe ends that share a node."""
    if len(end_node) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    order = np.argsort(end_node, kind="stable")
    nodes = end_node[order]
    boundaries = np.flatnonzero(np.r_[True, nodes[1:] != nodes[:-1], True])
    degree = np.diff(boundaries)
    group_start = np.repeat(boundaries[:-1], degree)
    position = np.arange(len(order)) - group_start
    size = np.repeat(degree, degree)
    # for each end, pair with the ends after it in its node
    others = size - position - 1
    a = np.repeat(np.arange(len(order)), others)
    offset = np.arange(len(a)) - np.repeat(np.cumsum(others) - others, others)
    b = a + 1 + offset
    return order[a], order[b]


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    return connected_components(graph, directed=False)[1].astype(np.int64)


def _cut_long(label: np.ndarray, stock: PipeStock, lines: np.ndarray, in_topo: np.ndarray,
              max_length_m: float) -> np.ndarray:
    """Cut groups longer than ``max_length_m`` into near-equal pieces along their main axis."""
    if not len(label) or max_length_m <= 0:
        return label
    total = np.bincount(label, weights=stock.length_m)
    long_groups = np.flatnonzero(total > max_length_m)
    if not len(long_groups):
        return label
    mid = np.zeros((len(label), 2))
    if len(in_topo):
        mid[in_topo] = shapely.get_coordinates(shapely.line_interpolate_point(lines, 0.5, normalized=True))
    member = np.flatnonzero(np.isin(label, long_groups))
    frame = pd.DataFrame({"g": label[member], "x": mid[member, 0], "y": mid[member, 1],
                          "L": stock.length_m[member]})
    grouped = frame.groupby("g")
    mx, my = grouped["x"].transform("mean"), grouped["y"].transform("mean")
    dx, dy = frame["x"] - mx, frame["y"] - my
    frame["xx"], frame["yy"], frame["xy"] = dx * dx, dy * dy, dx * dy
    sums = frame.groupby("g")[["xx", "yy", "xy"]].transform("sum")
    theta = 0.5 * np.arctan2(2 * sums["xy"], sums["xx"] - sums["yy"])
    frame["along"] = dx * np.cos(theta) + dy * np.sin(theta)
    frame["member"] = member
    frame = frame.sort_values(["g", "along", "member"])
    cumulative = frame.groupby("g")["L"].cumsum() - frame["L"] / 2
    group_total = frame["g"].map(pd.Series(total))
    pieces = np.ceil(group_total / max_length_m)
    piece = np.minimum(np.floor(cumulative / group_total * pieces), pieces - 1).astype(np.int64)
    out = label.copy()
    new = label.max() + 1 + pd.factorize(pd.MultiIndex.from_arrays([frame["g"], piece]))[0]
    out[frame["member"].to_numpy()] = new
    return out


def _merge_short(label: np.ndarray, length: np.ndarray, a: np.ndarray, b: np.ndarray,
                 min_length_m: float, rounds: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """Merge groups shorter than ``min_length_m`` into their shortest neighbour; return labels and short groups."""
    label = label.copy()
    if min_length_m <= 0 or not len(label):
        return label, np.zeros(0, dtype=np.int64)
    for _ in range(rounds):
        total = np.bincount(label, weights=length)
        ga, gb = label[a], label[b]
        cross = ga != gb
        edges = pd.DataFrame({"g": np.r_[ga[cross], gb[cross]], "h": np.r_[gb[cross], ga[cross]]})
        edges = edges[total[edges["g"].to_numpy()] < min_length_m]
        if edges.empty:
            break
        edges["h_len"] = total[edges["h"].to_numpy()]
        best = edges.sort_values(["g", "h_len", "h"]).drop_duplicates("g")
        n_groups = len(total)
        merged = _components(n_groups, best["g"].to_numpy(), best["h"].to_numpy())
        label = merged[label]
    total = np.bincount(label, weights=length)
    return label, np.flatnonzero((total < min_length_m) & (np.bincount(label) > 0))


def _project_street(pipe_project: np.ndarray, streets: np.ndarray, length: np.ndarray, k: int) -> np.ndarray:
    """The street holding most of each project's length ('' when none)."""
    out = np.full(k, "", dtype=object)
    on_street = (pipe_project >= 0) & (streets != "")
    if not on_street.any():
        return out
    frame = pd.DataFrame({"p": pipe_project[on_street], "s": streets[on_street], "L": length[on_street]})
    best = frame.groupby(["p", "s"])["L"].sum().reset_index().sort_values(["p", "L", "s"], ascending=[True, False, True])
    best = best.drop_duplicates("p")
    out[best["p"].to_numpy()] = best["s"].to_numpy()
    return out
