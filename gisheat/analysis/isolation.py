"""Isolation analysis: which valves to close for a pipe failure, and who loses heat (SPEC `isolate`).

The engine is built once per topology and answers queries on the segment
graph (:mod:`gisheat.analysis.segments`):

1. **Spread.** From the failed pipes' segments, walk through valves that
   cannot stop water — normally open but inoperable, or named as failed for
   this incident. The segments reached are the *isolated area* (drained for
   the repair). Valves with exactly one side in it form its boundary:
   operable normally-open ones are to be closed, normally-closed ones are
   already shut.
2. **Loss of supply.** Before the incident every segment reachable from a
   source (through open valves, and across stations from primary to
   secondary) is supplied. Removing the isolated area can only cut off
   segments whose path from a source in a breadth-first supply tree runs
   through it (their tree descendants); of those, the ones still reachable
   from the rest of the supplied network keep heat, the others are *cut off*.
   The work is proportional to the affected part of the tree, not the city.
3. **Who is affected.** Customers in the isolated area (reason
   ``isolated``), customers cut off on the primary side or whose secondary
   circuit is cut by the failure itself (``cut_off``), and customers whose
   circuit is intact but whose station lost supply (``station``). Stations
   whose primary side is isolated or cut off. Nothing that was unsupplied
   before the incident is reported.
4. **Restoration.** Normally-closed operable tie valves, clear of the
   isolated area, that join a cut-off part to a supplied one: opening each
   alone re-supplies the cut-off segments reachable from its far side.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import breadth_first_order

from gisheat.analysis import topology as topo
from gisheat.analysis.segments import STATION_ARC, VALVE_ARC, Csr, SegmentGraph, segment_graph
from gisheat.core import schema
from gisheat.core.network import Network
from gisheat.core.numeric import distinct
from gisheat.errors import InputError

ISOLATED, CUT_OFF, STATION = "isolated", "cut_off", "station"
REASONS = (ISOLATED, CUT_OFF, STATION)


@dataclass(frozen=True)
class AffectedCustomer:
    customer_id: str
    reason: str


@dataclass(frozen=True)
class Restoration:
    open_valve: str
    restores_customers: int


@dataclass(frozen=True)
class Summary:
    customers: int
    households: int
    vulnerable_households: int
    heated_area_m2: float
    heat_load_kw: float
    isolated_length_m: float
    drain_volume_m3: float


@dataclass
class IsolationResult:
    """The answer to one isolation query; the SPEC keys plus indices for drawing and reports."""

    failed_pipes: list[str]
    valves_to_close: list[str]
    closed_boundary_valves: list[str]
    isolated_pipes: list[str]
    cut_off_pipes: list[str]
    affected_stations: list[str]
    affected_customers: list[AffectedCustomer]
    summary: Summary
    restoration: list[Restoration]
    failed_valves: list[str] = field(default_factory=list)
    opened_valves: list[str] = field(default_factory=list)
    whole_circuit: bool = False
    """No closable valve bounds the failure: the whole circuit around it must be shut down."""
    # indices into the topology arrays (for maps, reports and comparisons)
    isolated_pieces: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    cut_off_pieces: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    close_valve_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    boundary_valve_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    station_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    customer_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    customer_reason: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))

    def to_json(self) -> dict:
        """The SPEC `isolate --json` document."""
        return {
            "failed_pipes": self.failed_pipes,
            "valves_to_close": self.valves_to_close,
            "closed_boundary_valves": self.closed_boundary_valves,
            "isolated_pipes": self.isolated_pipes,
            "cut_off_pipes": self.cut_off_pipes,
            "affected_stations": self.affected_stations,
            "affected_customers": [{"customer_id": c.customer_id, "reason": c.reason} for c in self.affected_customers],
            "summary": self.summary.__dict__.copy(),
            "restoration": [{"open_valve": r.open_valve, "restores_customers": r.restores_customers}
                            for r in self.restoration],
        }


class IsolationEngine:
    """Answers isolation queries for one network (rebuild it when the network changes)."""

    def __init__(self, network: Network, topology: topo.Topology | None = None, graph: SegmentGraph | None = None):
        self.network = network
        self.topology = topology if topology is not None else topo.build(network)
        self.graph = graph if graph is not None else segment_graph(self.topology)
        t, g = self.topology, self.graph
        self.revision = network.revision
        self._valve_open = t.valve_normally_open.astype(bool)
        self._valve_operable = t.valve_operable.astype(bool)
        self._out_open = self._open_flags(g.out)
        self._in_open = self._open_flags(g.into)
        out_valve = g.out.kind == VALVE_ARC
        self._out_pass = np.zeros(len(out_valve), dtype=bool)
        ref = g.out.ref[out_valve]
        self._out_pass[out_valve] = self._valve_open[ref] & ~self._valve_operable[ref]
        self._supplied, parent = self._supply_tree()
        self._children = _children(parent, g.n)
        # per-customer attributes
        frame = network.customers
        rows = t.customer_row
        self._households = np.nan_to_num(schema.numeric_column(frame, "households", 0.0)[rows])
        self._vulnerable = np.nan_to_num(schema.numeric_column(frame, "vulnerable_households", 0.0)[rows])
        self._area = np.nan_to_num(schema.numeric_column(frame, "heated_area_m2", 0.0)[rows])
        self._load = np.nan_to_num(schema.numeric_column(frame, "heat_load_kw", 0.0)[rows])
        self._category = schema.text_column(frame, "category", schema.RESIDENTIAL)[rows]
        dn = np.clip(np.nan_to_num(t.pipe_dn), 0.0, None)[t.piece_pipe]  # an invalid DN drains nothing
        self._piece_volume = 2.0 * math.pi * (dn / 2000.0) ** 2 * t.piece_length
        self._pipe_ids = pd.Index(t.pipe_id, dtype=object)
        self._valve_ids = pd.Index(t.valve_id, dtype=object)
        # scratch marks, reset after every use
        self._mark_a = np.zeros(g.n, dtype=bool)
        self._mark_b = np.zeros(g.n, dtype=bool)
        self._mark_c = np.zeros(g.n, dtype=bool)
        self._seen = np.zeros(g.n, dtype=bool)
        self._dead = ~self._supplied

    # --- set-up -------------------------------------------------------------------------------

    def _open_flags(self, csr: Csr) -> np.ndarray:
        """Arcs open in the normal state: normally-open valves and every station."""
        flags = np.ones(len(csr.kind), dtype=bool)
        valve = csr.kind == VALVE_ARC
        flags[valve] = self._valve_open[csr.ref[valve]]
        return flags

    def _supply_tree(self) -> tuple[np.ndarray, np.ndarray]:
        """Supplied segments before any incident and a breadth-first supply tree (parent per segment)."""
        g = self.graph
        root = g.n
        sources = distinct(g.source_segment)
        src = np.concatenate([np.repeat(np.arange(g.n), np.diff(g.out.ptr))[self._out_open], np.full(len(sources), root)])
        dst = np.concatenate([g.out.target[self._out_open], sources])
        matrix = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(g.n + 1, g.n + 1)).tocsr()
        order, pred = breadth_first_order(matrix, root, directed=True, return_predecessors=True)
        supplied = np.zeros(g.n, dtype=bool)
        reached = order[order != root]
        supplied[reached] = True
        parent = np.full(g.n, -1, dtype=np.int64)
        parent[reached] = pred[reached]
        parent[parent == root] = -1
        return supplied, parent

    @property
    def supplied_segments(self) -> np.ndarray:
        """Which segments have heat in the normal state."""
        return self._supplied

    # --- queries ------------------------------------------------------------------------------

    def pipe_indices(self, pipe_ids: Sequence[str]) -> np.ndarray:
        """Topology indices of the pipes named (all of a duplicated id); InputError for unknown ids."""
        wanted = [str(p) for p in pipe_ids]
        if not wanted:
            raise InputError("no failed pipe given")
        indexer, missing = self._pipe_ids.get_indexer_non_unique(pd.Index(wanted, dtype=object))
        if len(missing):
            self._unknown("pipes", "pipe_id", "pipe", [wanted[i] for i in missing])
        return distinct(indexer)

    def valve_indices(self, valve_ids: Sequence[str]) -> np.ndarray:
        """Topology indices of the valves named; InputError for ids not in the valves layer."""
        wanted = [str(v) for v in valve_ids]
        if not wanted:
            return np.zeros(0, dtype=np.int64)
        indexer, missing = self._valve_ids.get_indexer_non_unique(pd.Index(wanted, dtype=object))
        missing_ids = [wanted[i] for i in missing]
        if missing_ids:
            known = set(schema.text_column(self.network.valves, "valve_id").tolist())
            unknown = [v for v in missing_ids if v not in known]
            if unknown:
                self._unknown("valves", "valve_id", "valve", unknown)
        return distinct(indexer[indexer >= 0])

    def _unknown(self, layer: str, id_field: str, noun: str, ids: list[str]) -> None:
        where = f"{self.network.path}: " if self.network.path else ""
        frame = self.network.layer(layer)
        known = schema.text_column(frame, id_field)
        first = ids[0]
        if first not in set(known.tolist()):
            raise InputError(f"{where}layer {layer} has no {noun} {first!r}")
        if layer == "pipes":
            row = int(np.flatnonzero(known == first)[0])
            status = schema.text_column(frame, "status", schema.IN_SERVICE)[row]
            if status != schema.IN_SERVICE:
                raise InputError(f"{where}pipe {first!r} is {status}, not in service: it takes no part in analysis")
            reasons = [p.problem for p in self.topology.problems if p.layer == "pipes" and p.id == first]
            for name in ("network", "pipe_id"):
                reason = schema.PIPES.field(name).check(frame[name].iloc[row]) if name in frame.columns else \
                    f"missing field {name}"
                if reason:
                    reasons.append(reason)
            why = reasons[0] if reasons else "it is not usable"
            raise InputError(f"{where}pipe {first!r} takes no part in analysis: {why} (see gisheat validate)")
        raise InputError(f"{where}{noun} {first!r} is not usable (see gisheat validate)")

    def isolate(
        self,
        pipes: Sequence[str],
        failed_valves: Sequence[str] = (),
        open_valves: Sequence[str] = (),
        *,
        restoration: bool = True,
    ) -> IsolationResult:
        """Isolate the named pipes. ``failed_valves`` cannot be closed this time;
        ``open_valves`` are normally-closed valves opened to restore supply."""
        failed_pipe_idx = self.pipe_indices(pipes)
        failed_valve_idx = self.valve_indices(failed_valves)
        opened_idx = self.valve_indices(open_valves)
        return self.isolate_indices(failed_pipe_idx, failed_valve_idx, opened_idx, restoration=restoration)

    def isolate_indices(
        self,
        pipe_idx: np.ndarray,
        failed_valve_idx: np.ndarray | None = None,
        opened_idx: np.ndarray | None = None,
        *,
        restoration: bool = True,
    ) -> IsolationResult:
        """Isolation by topology indices (see :meth:`isolate`)."""
        t, g = self.topology, self.graph
        failed_valve_idx = np.zeros(0, dtype=np.int64) if failed_valve_idx is None else failed_valve_idx
        opened_idx = np.zeros(0, dtype=np.int64) if opened_idx is None else opened_idx
        failed = np.zeros(t.n_valves, dtype=bool)
        failed[failed_valve_idx] = True
        opened = np.zeros(t.n_valves, dtype=bool)
        opened[opened_idx] = True
        opened &= ~self._valve_open

        pieces = _ranges(t.pipe_first_piece[pipe_idx], t.pipe_piece_count[pipe_idx])
        start = distinct(g.piece_segment[pieces])

        # 1. spread through valves that cannot stop the water
        def passable(arcs: np.ndarray) -> np.ndarray:
            ok = self._out_pass[arcs].copy()
            valve = arcs[g.out.kind[arcs] == VALVE_ARC]
            ref = g.out.ref[valve]
            ok[g.out.kind[arcs] == VALVE_ARC] |= self._valve_open[ref] & failed[ref]
            return ok

        isolated = self._expand(g.out, start, passable)
        in_i = self._mark_a
        in_i[isolated] = True
        try:
            return self._after(isolated, in_i, failed, opened, pipe_idx, failed_valve_idx, opened_idx, restoration)
        finally:
            in_i[isolated] = False

    def consequence_indices(self, pipe_idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
        """Lean isolation of pipes (no failed or opened valves): affected customer indices,
        isolated pieces and the number of valves to close — for whole-network sweeps."""
        g = self.graph
        t = self.topology
        pieces = _ranges(t.pipe_first_piece[pipe_idx], t.pipe_piece_count[pipe_idx])
        start = distinct(g.piece_segment[pieces])
        isolated = self._expand(g.out, start, lambda arcs: self._out_pass[arcs])
        in_i = self._mark_a
        in_i[isolated] = True
        try:
            arcs, _ = g.out.arcs_of(isolated)
            boundary = arcs[(g.out.kind[arcs] == VALVE_ARC) & ~in_i[g.out.target[arcs]]]
            valves = distinct(g.out.ref[boundary])
            n_close = int((self._valve_open[valves] & self._valve_operable[valves]).sum())
            lost = self._lost(isolated, in_i, lambda arcs: self._out_open[arcs], lambda arcs: self._in_open[arcs])
        finally:
            in_i[isolated] = False
        cust_i = g.members(g.customers_by_segment, isolated)
        customers = np.concatenate([cust_i, g.members(g.customers_by_segment, lost)])
        return customers, g.members(g.pieces_by_segment, isolated), n_close

    def _lost(self, isolated, in_i, out_ok, in_ok) -> np.ndarray:
        """Segments that had heat and lose it when ``isolated`` is drained (see the module docstring)."""
        g = self.graph
        under = self._expand(self._children, isolated, None)
        under = under[~in_i[under]]
        in_u = self._mark_b
        in_u[under] = True
        try:
            arcs, heads = g.into.arcs_of(under)
            tails = g.into.target[arcs]
            feeds = in_ok(arcs) & ~in_u[tails] & ~in_i[tails] & self._supplied[tails]
            seeds = distinct(heads[feeds])
            kept = self._expand(g.out, seeds, out_ok, allowed=in_u) if len(seeds) else seeds
            in_u[kept] = False
            return under[in_u[under]]
        finally:
            in_u[under] = False

    def _after(self, isolated, in_i, failed, opened, pipe_idx, failed_valve_idx, opened_idx, want_restoration):
        g = self.graph

        # boundary valves
        arcs, _ = g.out.arcs_of(isolated)
        boundary = arcs[(g.out.kind[arcs] == VALVE_ARC) & ~in_i[g.out.target[arcs]]]
        boundary_valves = distinct(g.out.ref[boundary])
        closable = self._valve_open[boundary_valves] & self._valve_operable[boundary_valves] & ~failed[boundary_valves]
        to_close = boundary_valves[closable]
        already_closed = boundary_valves[~self._valve_open[boundary_valves]]

        def open_after(csr: Csr, flags: np.ndarray):
            def ok(arcs: np.ndarray) -> np.ndarray:
                result = flags[arcs].copy()
                valve = csr.kind[arcs] == VALVE_ARC
                result[valve] |= opened[csr.ref[arcs[valve]]]
                return result
            return ok

        out_ok = open_after(g.out, self._out_open)
        in_ok = open_after(g.into, self._in_open)

        # 2. loss of supply: tree descendants of the isolated area, minus what the rest still reaches
        lost = self._lost(isolated, in_i, out_ok, in_ok)

        in_l = self._mark_b
        in_l[lost] = True
        try:
            return self._report(isolated, in_i, lost, in_l, to_close, already_closed, failed, opened, out_ok, in_ok,
                                pipe_idx, failed_valve_idx, opened_idx, want_restoration)
        finally:
            in_l[lost] = False

    def _report(self, isolated, in_i, lost, in_l, to_close, already_closed, failed, opened, out_ok, in_ok,
                pipe_idx, failed_valve_idx, opened_idx, want_restoration):
        t, g = self.topology, self.graph
        sec = topo.SECONDARY

        # 3. customers and their reasons
        cust_i = g.members(g.customers_by_segment, isolated)
        cust_l = g.members(g.customers_by_segment, lost)
        reason_l = np.full(len(cust_l), CUT_OFF, dtype=object)
        lost_secondary = lost[g.segment_network[lost] == sec]
        if len(lost_secondary) and len(cust_l):
            intact = self._circuit_intact(lost_secondary, out_ok)
            mark = self._mark_c
            mark[intact] = True
            reason_l[mark[g.customer_segment[cust_l]]] = STATION
            mark[intact] = False
        customer_index = np.concatenate([cust_i, cust_l])
        reasons = np.concatenate([np.full(len(cust_i), ISOLATED, dtype=object), reason_l])
        order = np.argsort(t.customer_id[customer_index].astype(str), kind="stable")
        customer_index, reasons = customer_index[order], reasons[order]

        # stations whose primary side is isolated or cut off
        seg = g.station_segment
        station_index = np.flatnonzero((in_i[seg] | in_l[seg]) & self._supplied[seg])

        # pipes
        iso_pieces = g.members(g.pieces_by_segment, isolated)
        cut_pieces = g.members(g.pieces_by_segment, lost)
        iso_pipes = distinct(t.piece_pipe[iso_pieces])
        cut_pipes = np.setdiff1d(distinct(t.piece_pipe[cut_pieces]), iso_pipes)

        summary = Summary(
            customers=len(customer_index),
            households=int(round(self._households[customer_index].sum())),
            vulnerable_households=int(round(self._vulnerable[customer_index].sum())),
            heated_area_m2=float(self._area[customer_index].sum()),
            heat_load_kw=float(self._load[customer_index].sum()),
            isolated_length_m=float(t.piece_length[iso_pieces].sum()),
            drain_volume_m3=float(self._piece_volume[iso_pieces].sum()),
        )
        restoration = self._restoration(lost, in_l, in_i, failed, opened, out_ok, in_ok, customer_index, reasons) \
            if want_restoration and len(lost) else []
        return IsolationResult(
            failed_pipes=_sorted(t.pipe_id[pipe_idx]),
            valves_to_close=_sorted(t.valve_id[to_close]),
            closed_boundary_valves=_sorted(t.valve_id[already_closed]),
            isolated_pipes=_sorted(t.pipe_id[iso_pipes]),
            cut_off_pipes=_sorted(t.pipe_id[cut_pipes]),
            affected_stations=_sorted(t.station_id[station_index]),
            affected_customers=[AffectedCustomer(str(c), str(r)) for c, r in zip(t.customer_id[customer_index], reasons, strict=True)],
            summary=summary,
            restoration=restoration,
            failed_valves=_sorted(t.valve_id[failed_valve_idx]),
            opened_valves=_sorted(t.valve_id[opened_idx]),
            whole_circuit=len(to_close) == 0,
            isolated_pieces=iso_pieces,
            cut_off_pieces=cut_pieces,
            close_valve_index=to_close,
            boundary_valve_index=already_closed,
            station_index=station_index,
            customer_index=customer_index,
            customer_reason=reasons,
        )

    def _circuit_intact(self, lost_secondary: np.ndarray, out_ok) -> np.ndarray:
        """Lost secondary segments still joined to one of their (formerly supplied) stations.

        Their circuit is intact: they lost heat only because the station did.
        """
        g = self.graph
        arcs, heads = g.into.arcs_of(lost_secondary)
        by_station = g.into.kind[arcs] == STATION_ARC
        fed = distinct(heads[by_station][self._supplied[g.into.target[arcs[by_station]]]])
        in_sec = self._mark_c
        in_sec[lost_secondary] = True
        try:
            return self._expand(g.out, fed, out_ok, allowed=in_sec) if len(fed) else fed
        finally:
            in_sec[lost_secondary] = False

    def _restoration(self, lost, in_l, in_i, failed, opened, out_ok, in_ok, customer_index, reasons) -> list[Restoration]:
        """Tie valves whose opening alone re-supplies affected customers outside the drained area.

        The valve joins a supplied segment to either the cut-off part itself or
        a part that had no supply before but leads into the cut-off part (for
        example a standby station's primary side).
        """
        t, g = self.topology, self.graph
        # unsupplied-before segments (outside the drained area) from which the cut-off part can be reached
        dead = self._dead
        dead_isolated = np.flatnonzero(in_i & dead)
        dead[dead_isolated] = False
        try:
            feeders = self._expand(g.into, lost, in_ok, allowed=dead)
        finally:
            dead[dead_isolated] = True
        region = distinct(np.concatenate([lost, feeders]))
        in_r = self._mark_c
        in_r[region] = True
        try:
            arcs, heads = g.out.arcs_of(region)
            is_valve = g.out.kind[arcs] == VALVE_ARC
            arcs, heads = arcs[is_valve], heads[is_valve]
            valve = g.out.ref[arcs]
            far = g.out.target[arcs]
            candidate = (
                ~self._valve_open[valve] & ~opened[valve]
                & self._valve_operable[valve] & ~failed[valve]
                & ~in_r[far] & ~in_i[far] & self._supplied[far]
            )
            if not candidate.any():
                return []
            cust_seg = g.customer_segment[customer_index]
            outside = reasons != ISOLATED
            counts_by_seg = np.bincount(cust_seg[outside], minlength=g.n)
            out: list[Restoration] = []
            for v in distinct(valve[candidate]):
                near = distinct(heads[candidate & (valve == v)])
                reached = self._expand(g.out, near, out_ok, allowed=in_r)
                restored = int(counts_by_seg[reached].sum())
                if restored:
                    out.append(Restoration(str(t.valve_id[v]), restored))
        finally:
            in_r[region] = False
        out.sort(key=lambda r: (-r.restores_customers, r.open_valve))
        return out

    # --- graph walking ------------------------------------------------------------------------

    def _expand(self, csr: Csr, seeds: np.ndarray, arc_ok, *, allowed: np.ndarray | None = None) -> np.ndarray:
        """Segments reachable from ``seeds`` over arcs that ``arc_ok`` accepts, staying in ``allowed``.

        Level-synchronous breadth-first search with numpy; the cost is
        proportional to the part of the graph visited.
        """
        seen = self._seen
        seeds = distinct(np.asarray(seeds, dtype=np.int64))
        seen[seeds] = True
        parts = [seeds]
        frontier = seeds
        try:
            while len(frontier):
                arcs, _ = csr.arcs_of(frontier)
                if arc_ok is not None and len(arcs):
                    arcs = arcs[arc_ok(arcs)]
                nxt = csr.target[arcs]
                if allowed is not None:
                    nxt = nxt[allowed[nxt]]
                nxt = distinct(nxt[~seen[nxt]])
                seen[nxt] = True
                parts.append(nxt)
                frontier = nxt
            result = np.concatenate(parts)
        finally:
            for part in parts:
                seen[part] = False
        return result


def _children(parent: np.ndarray, n: int) -> Csr:
    """The supply tree as adjacency from each segment to its children."""
    child = np.flatnonzero(parent >= 0)
    par = parent[child]
    order = np.argsort(par, kind="stable")
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(par, minlength=n), out=ptr[1:])
    target = child[order]
    return Csr(ptr, target, np.zeros(len(target), dtype=np.int8), np.zeros(len(target), dtype=np.int64))


def _ranges(start: np.ndarray, count: np.ndarray) -> np.ndarray:
    total = int(count.sum())
    offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    return np.repeat(start, count) + offset


def _sorted(ids: np.ndarray) -> list[str]:
    return sorted({str(i) for i in ids})


def isolate(network: Network, pipes: Sequence[str], failed_valves: Sequence[str] = (),
            open_valves: Sequence[str] = ()) -> IsolationResult:
    """One-off isolation query (builds the engine; keep an engine for repeated queries)."""
    return IsolationEngine(network).isolate(pipes, failed_valves, open_valves)
