"""Dominator tree of a supply graph: who depends on whom for heat.

Node ``d`` dominates ``v`` when every supply path from the sources to ``v``
runs through ``d``: losing ``d`` cuts ``v`` off. District-heating graphs are
mostly tree-like (secondary circuits, branches, service pipes) around a
looped core of mains. The tree-like parts are peeled off first — a node with
a single neighbour is dominated by it — and only the remaining core goes to
rustworkx's dominator algorithm. The result is the immediate dominator of
every node and the subtree bookkeeping (preorder, subtree sizes) that turns
"everything a node dominates" into a range lookup.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import rustworkx as rx
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import depth_first_order, shortest_path

from gisheat.core.numeric import distinct


@dataclass
class DominatorTree:
    """Immediate dominators of a directed graph's nodes reachable from ``root``."""

    root: int
    idom: np.ndarray
    """Immediate dominator of each node; -1 for the root and for unreachable nodes."""
    reachable: np.ndarray
    preorder_position: np.ndarray
    """Position of each node in a depth-first preorder of the tree (-1 when unreachable)."""
    subtree_size: np.ndarray
    """Number of nodes the node dominates, itself included (0 when unreachable)."""
    order: np.ndarray
    """Reachable nodes in depth-first preorder: a subtree is a contiguous slice."""

    def subtree_sums(self, values: np.ndarray) -> np.ndarray:
        """For every node, the sum of ``values`` (per node, 1-D or 2-D) over the nodes it dominates."""
        values = np.asarray(values, dtype=np.float64)
        squeeze = values.ndim == 1
        if squeeze:
            values = values[:, None]
        prefix = np.zeros((len(self.order) + 1, values.shape[1]))
        np.cumsum(values[self.order], axis=0, out=prefix[1:])
        out = np.zeros((len(self.idom), values.shape[1]))
        ok = self.reachable
        start = self.preorder_position[ok]
        out[ok] = prefix[start + self.subtree_size[ok]] - prefix[start]
        return out[:, 0] if squeeze else out

    def dominates(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Whether node ``a`` dominates node ``b`` (elementwise; a node dominates itself)."""
        a = np.asarray(a)
        b = np.asarray(b)
        ok = self.reachable[a] & self.reachable[b]
        pa, pb = self.preorder_position[a], self.preorder_position[b]
        return ok & (pa <= pb) & (pb < pa + self.subtree_size[a])


def dominator_tree(n: int, source: np.ndarray, target: np.ndarray, root: int) -> DominatorTree:
    """Dominator tree of the graph with ``n`` nodes and arcs ``source[k] → target[k]`` from ``root``."""
    source = np.asarray(source, dtype=np.int64)
    target = np.asarray(target, dtype=np.int64)
    keep = source != target
    source, target = source[keep], target[keep]
    idom = np.full(n, -1, dtype=np.int64)
    core, peeled_parent, peel_round = _peel(n, source, target, root)

    # the looped core: rustworkx on the arcs between core nodes
    in_core = np.zeros(n, dtype=bool)
    in_core[core] = True
    both = in_core[source] & in_core[target]
    local = np.full(n, -1, dtype=np.int64)
    local[core] = np.arange(len(core))
    graph = rx.PyDiGraph(multigraph=False)
    graph.add_nodes_from(range(len(core)))
    m = len(core)
    keys = distinct(local[source[both]] * m + local[target[both]])
    graph.add_edges_from_no_data(list(zip((keys // m).tolist(), (keys % m).tolist(), strict=True)))
    dominators = rx.immediate_dominators(graph, int(local[root]))
    for node, dom in dominators.items():
        if node != local[root]:
            idom[core[node]] = core[dom]
    reachable = np.zeros(n, dtype=bool)
    reachable[root] = True
    reachable[idom >= 0] = True

    # peeled nodes hang off their last neighbour; reachable when it is and the arc points their way
    arc_keys = distinct(source * n + target)
    peeled = np.flatnonzero(peeled_parent >= 0)
    peeled = peeled[np.argsort(-peel_round[peeled], kind="stable")]
    # process from the core outwards (last peeled first): each round's parents are settled before it
    rounds = peel_round[peeled]
    bounds = np.flatnonzero(np.r_[True, rounds[1:] != rounds[:-1], True])
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        nodes = peeled[a:b]
        parent = peeled_parent[nodes]
        wanted = parent * n + nodes
        at = np.minimum(np.searchsorted(arc_keys, wanted), max(len(arc_keys) - 1, 0))
        arc_in = (arc_keys[at] == wanted) if len(arc_keys) else np.zeros(len(nodes), dtype=bool)
        ok = reachable[parent] & arc_in & (peel_round[parent] != peel_round[nodes])
        idom[nodes[ok]] = parent[ok]
        reachable[nodes[ok]] = True

    return _with_preorder(root, idom, reachable)


def _peel(n: int, source: np.ndarray, target: np.ndarray, root: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Repeatedly strip nodes with one distinct neighbour (ignoring arc direction).

    Returns the core nodes, the neighbour each peeled node hung from, and the
    round it was peeled in.
    """
    u = np.minimum(source, target)
    v = np.maximum(source, target)
    keys = distinct(u * n + v)
    pairs = np.column_stack([keys // n, keys % n])
    a = np.concatenate([pairs[:, 0], pairs[:, 1]])
    b = np.concatenate([pairs[:, 1], pairs[:, 0]])
    order = np.argsort(a, kind="stable")
    neighbours = b[order]
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(a, minlength=n), out=ptr[1:])
    degree = np.diff(ptr).astype(np.int64)
    alive = np.ones(n, dtype=bool)
    parent = np.full(n, -1, dtype=np.int64)
    peel_round = np.full(n, -1, dtype=np.int64)
    degree[root] = n + 1  # never peel the root
    leaves = np.flatnonzero(degree <= 1)
    isolated = leaves[degree[leaves] == 0]
    alive[isolated] = False
    leaves = leaves[degree[leaves] == 1]
    rnd = 0
    while len(leaves):
        alive[leaves] = False
        start = ptr[leaves]
        count = ptr[leaves + 1] - start
        owner = np.repeat(leaves, count)
        offset = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        nb = neighbours[np.repeat(start, count) + offset]
        live = alive[nb]
        # each leaf has exactly one live neighbour (or none when two leaves faced each other)
        parent[owner[live]] = nb[live]
        peel_round[leaves] = rnd
        np.subtract.at(degree, nb[live], 1)
        touched = distinct(nb[live])
        leaves = touched[alive[touched] & (degree[touched] <= 1)]
        gone = leaves[degree[leaves] == 0]
        alive[gone] = False
        leaves = leaves[degree[leaves] == 1]
        rnd += 1
    core = np.flatnonzero(alive)
    return core, parent, peel_round


def tree_from_parents(root: int, parent: np.ndarray, reachable: np.ndarray) -> DominatorTree:
    """Preorder and subtree bookkeeping for any rooted tree given by parent pointers.

    (Used for dominator trees and for plain supply trees alike.)
    """
    return _with_preorder(root, parent, reachable)


def _with_preorder(root: int, idom: np.ndarray, reachable: np.ndarray) -> DominatorTree:
    n = len(idom)
    child = np.flatnonzero(idom >= 0)
    tree = coo_matrix((np.ones(len(child), dtype=np.int8), (idom[child], child)), shape=(n, n)).tocsr()
    order = depth_first_order(tree, root, directed=True, return_predecessors=False)
    position = np.full(n, -1, dtype=np.int64)
    position[order] = np.arange(len(order))
    depth = shortest_path(tree, directed=True, unweighted=True, indices=root)
    size = np.zeros(n, dtype=np.int64)
    size[order] = 1
    finite = np.isfinite(depth)
    by_depth = np.flatnonzero(finite & (np.arange(n) != root))
    levels = depth[by_depth].astype(np.int64)
    sort = np.argsort(-levels, kind="stable")
    by_depth, levels = by_depth[sort], levels[sort]
    bounds = np.flatnonzero(np.r_[True, levels[1:] != levels[:-1], True])
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        nodes = by_depth[a:b]
        np.add.at(size, idom[nodes], size[nodes])
    return DominatorTree(root=root, idom=idom, reachable=reachable, preorder_position=position,
                         subtree_size=size, order=order)
