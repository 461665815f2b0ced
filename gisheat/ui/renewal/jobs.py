"""The workspace's long jobs: plain functions for ``window.run_task`` (no Qt in here).

Each ``*_job`` returns ``job(progress, is_cancelled)``; the analysis runs on a
*snapshot* of the network (the same layer frames in a new dict: edits never
change a frame in place, they install a new one), so the user may keep
editing while it runs. ``stage(message)`` receives the core's progress
messages (the panel translates the ones it knows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gisheat.analysis import topology as topo
from gisheat.analysis.renewal import (
    HoldoutReport,
    PlanResult,
    PlanSettings,
    RiskResult,
    assess_risk,
    break_history,
    evaluate_holdout,
    fit_failure_model,
    plan_renewal,
)
from gisheat.analysis.renewal.risk import ConsequenceParameters, network_criticality
from gisheat.core.network import Network
from gisheat.errors import Cancelled, InputError

Stage = Callable[[str], None]

SEGMENT_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                   "#bcbd22", "#393b79")
"""Qualitative colours for valve segments (neighbouring segments never share one while there are enough)."""


def snapshot(network: Network) -> Network:
    """The network as it is now, unaffected by later edits (frames are shared, never copied)."""
    return Network(layers=dict(network.layers), crs=network.crs, path=network.path, revision=network.revision)


def _scaled(progress: Callable[[float], None], stage: Stage | None, start: float, end: float):
    def report(fraction: float, message: str = "") -> None:
        progress(start + (end - start) * max(0.0, min(1.0, fraction)))
        if stage is not None and message:
            stage(message)
    return report


@dataclass
class RenewalRun:
    """What one press of Run computed."""

    plan: PlanResult
    risk: RiskResult
    holdout: HoldoutReport | None
    revision: int
    """The network revision it was computed on."""
    notes: list[str] = field(default_factory=list)
    """Why the model test is missing (a break history too short to hold years out)."""


def plan_job(network: Network, settings: PlanSettings, *, holdout_years: int = 3, stage: Stage | None = None,
             consequence: ConsequenceParameters | None = None):
    """Fit the failure model, plan, assess this year's risk and test the model on a holdout."""
    net = snapshot(network)

    def job(progress, is_cancelled):
        report = _scaled(progress, stage, 0.0, 0.08)
        report(0.0, "reading the break history")
        history = break_history(net)
        report(0.3, "fitting the failure model")
        model = fit_failure_model(history, cancelled=is_cancelled)
        report(0.6, "building the topology")
        topology = topo.build(net)
        if is_cancelled():
            raise Cancelled()
        report(0.8, "computing failure consequences")
        criticality, note = network_criticality(net, topology)
        plan = plan_renewal(net, settings, model=model, history=history, criticality=criticality,
                            topology=topology, consequence_parameters=consequence, progress=_scaled(progress, stage, 0.08, 0.9), cancelled=is_cancelled)
        if note and note not in plan.notes:
            plan.notes.append(note)
        risk = assess_risk(net, model, settings.start_year, criticality=criticality, history=history,
                           parameters=consequence,
                           progress=_scaled(progress, stage, 0.9, 0.93), cancelled=is_cancelled)
        holdout, notes = None, []
        try:
            holdout = evaluate_holdout(history, holdout_years, progress=_scaled(progress, stage, 0.93, 1.0),
                                       cancelled=is_cancelled)
        except InputError as exc:  # too short a history to test: the plan stands, the test says why
            notes.append(str(exc))
        progress(1.0)
        return RenewalRun(plan, risk, holdout, net.revision, notes)

    return job


def holdout_job(network: Network, holdout_years: int, *, stage: Stage | None = None):
    """The failure model's holdout test alone (``gisheat failure-model``)."""
    net = snapshot(network)

    def job(progress, is_cancelled):
        return evaluate_holdout(net, holdout_years, progress=_scaled(progress, stage, 0.0, 1.0),
                                cancelled=is_cancelled)

    return job


def risk_job(network: Network, year: int, *, stage: Stage | None = None):
    """Risk of every in-service pipe in ``year`` (failure model fitted on the whole history)."""
    net = snapshot(network)

    def job(progress, is_cancelled):
        report = _scaled(progress, stage, 0.0, 0.5)
        report(0.0, "fitting the failure model")
        history = break_history(net)
        model = fit_failure_model(history, cancelled=is_cancelled)
        return assess_risk(net, model, year, history=history, progress=_scaled(progress, stage, 0.5, 1.0),
                           cancelled=is_cancelled)

    return job


def criticality_job(network: Network):
    """Customers, households and heat load cut off by each pipe's failure (``gisheat criticality``)."""
    net = snapshot(network)

    def job(progress, is_cancelled):
        from gisheat.analysis.criticality import criticality

        topology = topo.build(net)
        progress(0.4)
        if is_cancelled():
            raise Cancelled()
        frame = criticality(net, topology)
        progress(1.0)
        return frame

    return job


@dataclass
class PipeSegments:
    """The valve segment of every in-service pipe and a colour that differs from its neighbours'."""

    number: pd.Series
    """Segment number (from 1) by pipe_id; a pipe cut by valves inside takes its longest piece's segment."""
    colour: dict[int, int]
    """Segment number → index into :data:`SEGMENT_PALETTE`."""
    segments: int
    colours_used: int


def colour_segments(n: int, source: np.ndarray, target: np.ndarray, palette_size: int) -> np.ndarray:
    """A colour (0 …) per segment so that segments joined by an arc differ, while the palette allows.

    Greedy in decreasing-degree order (Welsh–Powell): at most max degree + 1
    colours; past ``palette_size`` the least used neighbouring colour is reused.
    Each segment first tries its own colour (its index modulo the palette), so
    the whole palette is used and segments near each other that no valve joins
    seldom look alike.
    """
    keep = source != target
    a = np.concatenate([source[keep], target[keep]])
    b = np.concatenate([target[keep], source[keep]])
    order = np.argsort(a, kind="stable")
    a, b = a[order], b[order]
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(a, minlength=n), out=ptr[1:])
    degree = np.diff(ptr)
    colour = [-1] * n
    neighbours = b.tolist()
    starts = ptr.tolist()
    for v in np.lexsort((np.arange(n), -degree)).tolist():
        used = [colour[w] for w in neighbours[starts[v]:starts[v + 1]] if colour[w] >= 0]
        own = v % palette_size
        free = next(((own + k) % palette_size for k in range(palette_size) if (own + k) % palette_size not in used),
                    None)
        if free is None:
            counts = np.bincount(np.asarray(used), minlength=palette_size)
            free = int(np.argmin(counts[:palette_size]))
        colour[v] = free
    return np.asarray(colour, dtype=np.int64)


def segments_job(network: Network):
    """Valve segments per pipe, coloured so that segments meeting at a valve or station differ."""
    net = snapshot(network)

    def job(progress, is_cancelled):
        from gisheat.analysis.segments import segment_graph, segment_numbers

        topology = topo.build(net)
        progress(0.4)
        graph = segment_graph(topology)
        number = segment_numbers(graph)
        if is_cancelled():
            raise Cancelled()
        progress(0.6)
        arcs_from = np.repeat(np.arange(graph.n), np.diff(graph.out.ptr))
        colour = colour_segments(graph.n, arcs_from, graph.out.target, len(SEGMENT_PALETTE))
        # each pipe: the segment of its longest piece
        t = topology
        order = np.lexsort((-t.piece_length, t.piece_pipe))
        first = np.ones(len(order), dtype=bool)
        first[1:] = t.piece_pipe[order][1:] != t.piece_pipe[order][:-1]
        pieces = order[first]
        pipes = t.piece_pipe[pieces]
        segment = graph.piece_segment[pieces]
        series = pd.Series(number[segment], index=pd.Index(t.pipe_id[pipes].astype(object), name="pipe_id"))
        progress(1.0)
        used = np.unique(number[segment])
        colours = dict(zip(number.tolist(), colour.tolist(), strict=True))
        return PipeSegments(series, colours, segments=int(len(used)),
                            colours_used=int(len(np.unique(colour[segment]))) if len(segment) else 0)

    return job
