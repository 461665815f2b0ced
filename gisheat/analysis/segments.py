"""Valve segments and the segment graph (`gisheat segments`).

A *segment* is a maximal piece of network that no valve divides: the
connected components of the pipe pieces, every valve cut (normally closed
and inoperable ones too). The *segment graph* has the segments as nodes and
two kinds of arcs:

* a valve joins the two segments on its sides (both directions);
* a station feeds the segment of each of its secondary nodes from the
  segment of its primary node (one direction: heat crosses a station, water
  does not come back).

Isolation, criticality and the valve audit all run on this graph, which is
small compared with the pipe graph and built once per topology.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from gisheat.analysis.topology import Topology
from gisheat.core.numeric import distinct

VALVE_ARC, STATION_ARC = 0, 1


@dataclass
class Csr:
    """Compressed adjacency: the arcs of node ``v`` are ``ptr[v]:ptr[v+1]``."""

    ptr: np.ndarray
    target: np.ndarray
    kind: np.ndarray
    ref: np.ndarray
    """Valve index (valve arcs) or station index (station arcs)."""

    def arcs_of(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every arc leaving ``nodes``: (arc positions, source node of each)."""
        start = self.ptr[nodes]
        count = self.ptr[nodes + 1] - start
        total = int(count.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        source = np.repeat(nodes, count)
        offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
        return np.repeat(start, count) + offset, source


def _csr(n: int, source: np.ndarray, target: np.ndarray, kind: np.ndarray, ref: np.ndarray) -> Csr:
    order = np.argsort(source, kind="stable")
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(source, minlength=n), out=ptr[1:])
    return Csr(ptr, target[order].astype(np.int64), kind[order].astype(np.int8), ref[order].astype(np.int64))


def group_members(labels: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Members of each group as CSR: items of group g are ``order[ptr[g]:ptr[g+1]]``."""
    order = np.argsort(labels, kind="stable")
    ptr = np.zeros(n_groups + 1, dtype=np.int64)
    np.cumsum(np.bincount(labels, minlength=n_groups), out=ptr[1:])
    return order, ptr


@dataclass
class SegmentGraph:
    """Segments of a topology and the arcs between them (see the module docstring)."""

    topology: Topology
    n: int
    node_segment: np.ndarray
    piece_segment: np.ndarray
    segment_network: np.ndarray
    valve_a: np.ndarray
    valve_b: np.ndarray
    station_segment: np.ndarray
    link_segment: np.ndarray
    source_segment: np.ndarray
    customer_segment: np.ndarray
    out: Csr
    """Every arc (valves both ways, stations primary → secondary)."""
    into: Csr
    """The same arcs reversed (for each segment, the arcs that enter it)."""
    pieces_by_segment: tuple[np.ndarray, np.ndarray]
    customers_by_segment: tuple[np.ndarray, np.ndarray]

    def members(self, which: tuple[np.ndarray, np.ndarray], segments: np.ndarray) -> np.ndarray:
        """Items (pieces or customers) of the given segments."""
        order, ptr = which
        if len(segments) == 0:
            return np.zeros(0, dtype=np.int64)
        start = ptr[segments]
        count = ptr[segments + 1] - start
        total = int(count.sum())
        offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
        return order[np.repeat(start, count) + offset]


def segment_graph(topology: Topology) -> SegmentGraph:
    """Build the segment graph of ``topology``."""
    t = topology
    n_nodes = t.n_nodes
    adjacency = coo_matrix((np.ones(t.n_pieces, dtype=np.int8), (t.piece_u, t.piece_v)), shape=(n_nodes, n_nodes))
    n, label = connected_components(adjacency, directed=False)
    label = label.astype(np.int64)
    seg_network = np.zeros(n, dtype=np.int8)
    seg_network[label] = t.node_network

    valve_a = label[t.valve_u]
    valve_b = label[t.valve_v]
    station_segment = label[t.station_node]
    link_segment = label[t.link_node]
    nv = t.n_valves
    vidx = np.arange(nv)
    source = np.concatenate([valve_a, valve_b, station_segment[t.link_station]])
    target = np.concatenate([valve_b, valve_a, link_segment])
    kind = np.concatenate([np.full(2 * nv, VALVE_ARC), np.full(len(t.link_station), STATION_ARC)])
    ref = np.concatenate([vidx, vidx, t.link_station])
    piece_segment = label[t.piece_u]
    customer_segment = label[t.customer_node]
    return SegmentGraph(
        topology=t,
        n=int(n),
        node_segment=label,
        piece_segment=piece_segment,
        segment_network=seg_network,
        valve_a=valve_a,
        valve_b=valve_b,
        station_segment=station_segment,
        link_segment=link_segment,
        source_segment=label[t.source_node],
        customer_segment=customer_segment,
        out=_csr(n, source, target, kind, ref),
        into=_csr(n, target, source, kind, ref),
        pieces_by_segment=group_members(piece_segment, n),
        customers_by_segment=group_members(customer_segment, n),
    )


@dataclass
class SegmentTable:
    """One row per piece of each in-service pipe (SPEC `segments`)."""

    pipe_id: np.ndarray
    piece: np.ndarray
    segment_id: np.ndarray


def segment_numbers(graph: SegmentGraph) -> np.ndarray:
    """A number (from 1) for every segment: in order of first appearance along the pipes (file
    order, then from each pipe's first vertex); segments without pipes (a station behind its inlet
    valve) come last. Stable for an unchanged file."""
    t = graph.topology
    order = np.lexsort((t.piece_index, t.pipe_row[t.piece_pipe]))
    seg = graph.piece_segment[order]
    _, first = distinct(seg, return_index=True)
    number = np.zeros(graph.n, dtype=np.int64)
    number[seg[np.sort(first)]] = np.arange(1, len(first) + 1)
    rest = np.flatnonzero(number == 0)
    number[rest] = np.arange(len(first) + 1, len(first) + 1 + len(rest))
    return number


def segment_table(graph: SegmentGraph) -> SegmentTable:
    """One row per piece in pipe order (file order, then from the first vertex), with its segment number."""
    t = graph.topology
    order = np.lexsort((t.piece_index, t.pipe_row[t.piece_pipe]))
    number = segment_numbers(graph)
    return SegmentTable(
        pipe_id=t.pipe_id[t.piece_pipe[order]],
        piece=t.piece_index[order],
        segment_id=number[graph.piece_segment[order]],
    )
