"""Failure consequence of every pipe at once (`gisheat criticality`).

For each in-service pipe: what `isolate --pipe ID` would report — customers,
households, heat load and the number of valves to close — computed for the
whole city in one pass instead of one isolation per pipe:

* Segments joined through open valves that cannot be closed (inoperable)
  drain together: they form *isolation groups*. Isolating a pipe drains the
  groups of its pieces.
* In the supply graph of groups (open valves both ways, stations primary →
  secondary, sources fed by a virtual root), removing one group cuts off
  exactly the groups it dominates. So the consequence of a group's failure
  is a sum over its subtree in the dominator tree.
* A pipe cut by interior valves can span several groups S. The groups of S
  not dominated by another member drain everything they dominate (D);
  anything more is lost only if some neighbour of S ∪ D loses supply, which
  a short backward search settles (it stops at the first node whose path in
  a breadth-first supply tree avoids S). Only when that search is
  inconclusive — a real two-point cut, or a search grown too large — does
  the pipe fall back to a single isolation query.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import breadth_first_order, connected_components

from gisheat.analysis import topology as topo
from gisheat.analysis.dominators import DominatorTree, dominator_tree, tree_from_parents
from gisheat.analysis.isolation import IsolationEngine
from gisheat.analysis.segments import STATION_ARC, VALVE_ARC, SegmentGraph
from gisheat.core import schema
from gisheat.core.network import Network
from gisheat.core.numeric import distinct

COLUMNS = ("customers", "households", "vulnerable_households", "critical_customers", "heated_area_m2",
           "heat_load_kw", "valves_to_close", "isolated_length_m", "drain_volume_m3")
"""Columns of the criticality table (SPEC's CSV has the first, second, sixth and seventh)."""


SEARCH_LIMIT = 4000
"""Largest backward search before a multi-group pipe falls back to a full isolation query."""


@dataclass
class Groups:
    """Isolation groups: segments that drain together because an inoperable open valve joins them."""

    n: int
    of_segment: np.ndarray
    tree: DominatorTree
    closable_boundary: np.ndarray
    """Per group: closable valves with exactly one side in it."""
    out_ptr: np.ndarray
    out_target: np.ndarray
    in_ptr: np.ndarray
    in_source: np.ndarray
    supply_trees: list[DominatorTree]
    """Breadth-first supply trees (not dominators), each from a different node order: a node whose
    path in any of them avoids a set of groups keeps heat when the set fails."""


def isolation_groups(engine: IsolationEngine) -> Groups:
    """Groups, their supply graph's dominator tree and boundary valve counts."""
    t, g = engine.topology, engine.graph
    open_ = t.valve_normally_open.astype(bool)
    operable = t.valve_operable.astype(bool)
    passable = open_ & ~operable
    m = coo_matrix((np.ones(int(passable.sum()), dtype=np.int8), (g.valve_a[passable], g.valve_b[passable])),
                   shape=(g.n, g.n))
    n, of_segment = connected_components(m, directed=False)
    of_segment = of_segment.astype(np.int64)

    out = g.out
    src_seg = np.repeat(np.arange(g.n), np.diff(out.ptr))
    is_valve = out.kind == VALVE_ARC
    opened = np.ones(len(out.kind), dtype=bool)
    opened[is_valve] = open_[out.ref[is_valve]]
    a = of_segment[src_seg[opened]]
    b = of_segment[out.target[opened]]
    root = n
    sources = distinct(of_segment[g.source_segment])
    arc_a = np.concatenate([a, np.full(len(sources), root)])
    arc_b = np.concatenate([b, sources])
    keep = arc_a != arc_b
    arc_a, arc_b = arc_a[keep], arc_b[keep]
    tree = dominator_tree(n + 1, arc_a, arc_b, root)
    out_ptr, out_target = _adjacency(n + 1, arc_a, arc_b)
    in_ptr, in_source = _adjacency(n + 1, arc_b, arc_a)
    supply_trees = [_supply_tree(n + 1, arc_a, arc_b, root, seed) for seed in (None, 1)]

    closable = open_ & operable
    ga, gb = of_segment[g.valve_a[closable]], of_segment[g.valve_b[closable]]
    differ = ga != gb
    boundary = np.bincount(ga[differ], minlength=n) + np.bincount(gb[differ], minlength=n)
    return Groups(n=n, of_segment=of_segment, tree=tree, closable_boundary=boundary, out_ptr=out_ptr,
                  out_target=out_target, in_ptr=in_ptr, in_source=in_source, supply_trees=supply_trees)


def _supply_tree(n: int, arc_a: np.ndarray, arc_b: np.ndarray, root: int, seed: int | None) -> DominatorTree:
    """A breadth-first tree of the supply graph; ``seed`` relabels nodes so ties break differently."""
    label = np.arange(n) if seed is None else np.random.default_rng(seed).permutation(n)
    matrix = coo_matrix((np.ones(len(arc_a), dtype=np.int8), (label[arc_a], label[arc_b])), shape=(n, n)).tocsr()
    order, pred = breadth_first_order(matrix, label[root], directed=True, return_predecessors=True)
    back = np.empty(n, dtype=np.int64)
    back[label] = np.arange(n)
    parent = np.full(n, -1, dtype=np.int64)
    parent[back[order[1:]]] = back[pred[order[1:]]]
    reached = np.zeros(n, dtype=bool)
    reached[back[order]] = True
    return tree_from_parents(root, parent, reached)


def _adjacency(n: int, source: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(source, kind="stable")
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(source, minlength=n), out=ptr[1:])
    return ptr, target[order]


def criticality(network: Network, topology: topo.Topology | None = None, *,
                engine: IsolationEngine | None = None) -> pd.DataFrame:
    """Consequence of each in-service pipe's failure, indexed by pipe_id (file order).

    Equal, pipe by pipe, to what :meth:`IsolationEngine.isolate` reports for
    that pipe alone (customers, households, heat load, valves to close…).
    """
    if engine is None:
        engine = IsolationEngine(network, topology)
    t, g = engine.topology, engine.graph
    groups = isolation_groups(engine)
    n = groups.n

    # per-group totals of customers (supplied ones only count: the tree covers the supplied part)
    cust_group = groups.of_segment[g.customer_segment]
    critical = np.isin(engine._category, schema.CRITICAL_CATEGORIES).astype(np.float64)
    per_customer = np.column_stack([np.ones(len(cust_group)), engine._households, engine._vulnerable, critical,
                                    engine._area, engine._load])
    totals = np.zeros((n + 1, per_customer.shape[1]))
    np.add.at(totals, cust_group, per_customer)
    consequence = groups.tree.subtree_sums(totals)  # (n + 1, 6): what a group's failure cuts off
    # a group that had no heat still drains its own customers (they are 'isolated', SPEC)
    unsupplied = ~groups.tree.reachable
    consequence[unsupplied] = totals[unsupplied]

    piece_group = groups.of_segment[g.piece_segment]
    length_by_group = np.bincount(piece_group, weights=t.piece_length, minlength=n)
    volume_by_group = np.bincount(piece_group, weights=engine._piece_volume, minlength=n)

    # pipes: the groups their pieces fall in
    keys = distinct(t.piece_pipe * (n + 1) + piece_group)
    pair = np.column_stack([keys // (n + 1), keys % (n + 1)])
    counts = np.bincount(pair[:, 0], minlength=t.n_pipes)
    single = counts == 1
    first = np.searchsorted(pair[:, 0], np.arange(t.n_pipes))
    group_of = pair[first, 1]

    out = np.zeros((t.n_pipes, len(COLUMNS)))
    out[single, :6] = consequence[group_of[single]]
    out[single, 6] = groups.closable_boundary[group_of[single]]
    out[single, 7] = length_by_group[group_of[single]]
    out[single, 8] = volume_by_group[group_of[single]]

    tree = groups.tree
    between, between_many = _closable_between(engine, groups)
    # two groups, one dominating the other (a station inlet valve inside a branch pipe): vectorised
    two = np.flatnonzero(counts == 2)
    a, b = pair[first[two], 1], pair[first[two] + 1, 1]
    ra, rb = tree.reachable[a], tree.reachable[b]
    top = np.where(tree.dominates(a, b) | (ra & ~rb), a, np.where(tree.dominates(b, a) | (rb & ~ra), b, -1))
    top = np.where(~ra & ~rb, a, top)
    # both unsupplied: each drains only itself (the pair is summed below)
    done = two[top >= 0]
    ta, tb, tt = a[top >= 0], b[top >= 0], top[top >= 0]
    out[done, :6] = np.where((~ra & ~rb)[top >= 0][:, None], consequence[ta] + consequence[tb],
                             consequence[tt] + np.where((ra & ~rb)[top >= 0][:, None], totals[tb], 0.0)
                             + np.where((rb & ~ra)[top >= 0][:, None], totals[ta], 0.0))
    out[done, 6] = groups.closable_boundary[ta] + groups.closable_boundary[tb] - 2 * between_many(ta, tb)
    out[done, 7] = length_by_group[ta] + length_by_group[tb]
    out[done, 8] = volume_by_group[ta] + volume_by_group[tb]
    multi = np.setdiff1d(np.flatnonzero(~single), done)
    if len(multi):
        for p in multi:
            members = pair[first[p] : first[p] + counts[p], 1]
            tops = _maximal(tree, members)
            if len(tops) > 1 and not _nothing_more_lost(groups, members, tops):
                out[p] = _from_query(engine, p)
                continue
            dark = members[~tree.reachable[members]]
            out[p, :6] = consequence[tops].sum(axis=0) + totals[dark].sum(axis=0)
            inner = sum(between(a, b) for i, a in enumerate(members) for b in members[i + 1 :])
            out[p, 6] = groups.closable_boundary[members].sum() - 2 * inner
            out[p, 7] = length_by_group[members].sum()
            out[p, 8] = volume_by_group[members].sum()

    frame = pd.DataFrame(out, columns=list(COLUMNS))
    for name in ("customers", "households", "vulnerable_households", "critical_customers", "valves_to_close"):
        frame[name] = np.round(frame[name]).astype(np.int64)
    frame.insert(0, "pipe_id", t.pipe_id)
    order = np.argsort(t.pipe_row, kind="stable")
    return frame.iloc[order].set_index("pipe_id")


def _maximal(tree: DominatorTree, members: np.ndarray) -> np.ndarray:
    """Supplied members that no other member dominates (their subtrees are disjoint)."""
    live = members[tree.reachable[members]]
    if len(live) < 2:
        return live
    a = np.repeat(live, len(live))
    b = np.tile(live, len(live))
    dominated = (tree.dominates(a, b) & (a != b)).reshape(len(live), len(live)).any(axis=0)
    return live[~dominated]


def _nothing_more_lost(groups: Groups, members: np.ndarray, tops: np.ndarray) -> bool:
    """True when failing ``members`` cuts off exactly what ``tops`` dominate (no two-point cut).

    Anything else lost would make some out-neighbour of the dominated region
    lose supply; each neighbour is searched backwards until a node whose
    supply-tree path avoids the members proves it still has heat.
    """
    tree = groups.tree
    region = np.concatenate([tree.order[tree.preorder_position[t] : tree.preorder_position[t] + tree.subtree_size[t]]
                             for t in tops])
    inside = set(region.tolist()) | set(members.tolist())
    checks = []
    for supply in groups.supply_trees:
        live = members[supply.reachable[members]]
        starts = supply.preorder_position[live].tolist()
        ends = (supply.preorder_position[live] + supply.subtree_size[live]).tolist()
        checks.append((supply.preorder_position, supply.reachable, list(zip(starts, ends, strict=True))))

    def safe(z: int) -> bool:
        for position, reachable, spans in checks:
            if reachable[z]:
                pos = position[z]
                if not any(a <= pos < b for a, b in spans):
                    return True
        return False

    neighbours = set()
    for node in region.tolist():
        neighbours.update(groups.out_target[groups.out_ptr[node] : groups.out_ptr[node + 1]].tolist())
    neighbours -= inside
    settled: set[int] = set()
    for y in neighbours:
        if y in settled or not tree.reachable[y]:
            continue
        seen = {y}
        queue = deque([y])
        found = False
        while queue:
            z = queue.popleft()
            if safe(z) or z in settled:
                found = True
                break
            for w in groups.in_source[groups.in_ptr[z] : groups.in_ptr[z + 1]].tolist():
                if w not in inside and w not in seen:
                    seen.add(w)
                    queue.append(w)
            if len(seen) > SEARCH_LIMIT:
                return False
        if not found:
            return False
        settled.add(y)
    return True


def _closable_between(engine: IsolationEngine, groups: Groups):
    """A lookup: how many closable valves join groups a and b (a != b)."""
    t, g = engine.topology, engine.graph
    closable = t.valve_normally_open.astype(bool) & t.valve_operable.astype(bool)
    a = groups.of_segment[g.valve_a[closable]]
    b = groups.of_segment[g.valve_b[closable]]
    keep = a != b
    lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    keys, counts = distinct(lo * (groups.n + 1) + hi, return_counts=True)

    def between_many(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        key = np.minimum(x, y) * (groups.n + 1) + np.maximum(x, y)
        if len(keys) == 0:
            return np.zeros(len(key), dtype=np.int64)
        at = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
        return np.where(keys[at] == key, counts[at], 0)

    def between(x: int, y: int) -> int:
        return int(between_many(np.array([x]), np.array([y]))[0])

    return between, between_many


def _from_query(engine: IsolationEngine, pipe: int) -> np.ndarray:
    """One pipe's consequence by a (lean) isolation query."""
    t = engine.topology
    idx, pieces, n_close = engine.consequence_indices(np.array([pipe]))
    critical = np.isin(engine._category[idx], schema.CRITICAL_CATEGORIES).sum()
    return np.array([len(idx), round(engine._households[idx].sum()), round(engine._vulnerable[idx].sum()), critical,
                     engine._area[idx].sum(), engine._load[idx].sum(), n_close, t.piece_length[pieces].sum(),
                     engine._piece_volume[pieces].sum()], dtype=np.float64)


def segment_sizes(engine: IsolationEngine) -> pd.DataFrame:
    """Per segment: pipes, length, customers and households inside it (for the valve audit)."""
    t, g = engine.topology, engine.graph
    n = g.n
    frame = pd.DataFrame({
        "length_m": np.bincount(g.piece_segment, weights=t.piece_length, minlength=n),
        "customers": np.bincount(g.customer_segment, minlength=n),
        "households": np.bincount(g.customer_segment, weights=engine._households, minlength=n),
    })
    return frame


__all__ = ["COLUMNS", "criticality", "isolation_groups", "segment_sizes", "SegmentGraph", "STATION_ARC"]
