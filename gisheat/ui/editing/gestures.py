"""What a map gesture means as a core edit (Qt-free, tested without a window).

The edit tools turn clicks into the reversible edits of
:mod:`gisheat.core.edits`; the few rules that need the network to decide
live here:

* a new pipe whose end lands *inside* a pipe of the same circuit splits that
  pipe there first, so the two are connected (SPEC joins pipes only at their
  ends; an unsplit "tee" would leave the new pipe — and every customer behind
  it — silently unsupplied in every analysis). Primary and secondary pipes
  are never joined.
* grabbing a pipe end moves the node: every pipe end of that circuit and every
  valve, source, station or customer standing there follows
  (:class:`~gisheat.core.edits.MoveNode`) — where such a point stands on the
  node (a station joining its primary and secondary pipes) every pipe end
  there follows; grabbing a point feature moves it with whatever stands on
  the same spot; grabbing an interior vertex moves only that vertex.
* a new pipe takes the circuit of the pipe it starts from; where pipes of
  both circuits end (a station), the circuit chosen for new pipes stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from gisheat.core import edits, schema
from gisheat.core.network import Network

NODE = "node"
"""A pipe end (where pipes join)."""
POINT = "point"
"""A valve, source, station or customer."""
VERTEX = "vertex"
"""An interior vertex of a pipe."""
ON_PIPE = "pipe"
"""A point on a pipe between its vertices."""
NONE = "none"
"""Nothing near: the cursor position as it is."""


@dataclass(frozen=True)
class Snap:
    """Where a cursor position snaps to (map coordinates), and onto what."""

    x: float
    y: float
    kind: str = NONE
    layer: str | None = None
    row: int | None = None
    index: int | None = None
    """For a vertex: its index in the pipe's coordinates."""

    @property
    def xy(self) -> tuple[float, float]:
        return (self.x, self.y)


def pipe_circuit(network: Network, row: int) -> str:
    """'primary' or 'secondary' of the pipe at ``row`` ('' when unknown)."""
    return str(schema.text_column(network.pipes.iloc[[row]], "network")[0])


@dataclass(frozen=True, eq=False)
class SplitPipeAt(edits.Edit):
    """Split the pipe of ``circuit`` whose interior passes through ``xy`` (nothing when none does).

    The pipe is found when the edit is applied, so several splits planned
    together (both ends of a new pipe on the same old pipe) each find the
    right part.
    """

    xy: tuple[float, float]
    circuit: str | None = None
    tolerance: float = schema.SNAP_TOLERANCE_M
    description: str = "Split pipe"

    @property
    def layers(self) -> tuple[str, ...]:
        return ("pipes", "valves")

    def apply(self, network: Network) -> edits.Edit:
        row = pipe_through(network, self.xy, circuit=self.circuit, tolerance=self.tolerance)
        if row is None:
            return edits.Composite((), description=f"Undo: {self.description}")
        return edits.SplitPipe(row, self.xy, tolerance=self.tolerance, description=self.description).apply(network)


def pipe_through(network: Network, xy: tuple[float, float], *, circuit: str | None = None,
                 tolerance: float = schema.SNAP_TOLERANCE_M) -> int | None:
    """Row of a LineString pipe (of ``circuit``) passing through ``xy`` away from both its ends."""
    pipes = network.pipes
    if len(pipes) == 0:
        return None
    geoms = np.asarray(pipes.geometry.array, dtype=object)
    ok = (shapely.get_type_id(geoms) == 1) & ~shapely.is_empty(geoms)
    if circuit:
        ok &= schema.text_column(pipes, "network") == circuit
    rows = np.flatnonzero(ok)
    if not len(rows):
        return None
    point = shapely.Point(xy)
    near = rows[shapely.dwithin(geoms[rows], point, tolerance)]
    for row in near.tolist():
        line = geoms[row]
        d = shapely.line_locate_point(line, point)
        if tolerance < d < shapely.length(line) - tolerance:
            return int(row)
    return None


def circuits_at(network: Network, snap: Snap) -> list[str]:
    """Circuits of the pipes a snap lands on: those ending at a node, or the one pipe."""
    if snap.kind == NODE:
        start, end = edits.pipe_ends_at(network, snap.xy)
        rows = np.union1d(start, end)
    elif snap.kind in (VERTEX, ON_PIPE) and snap.row is not None:
        rows = np.array([snap.row])
    else:
        return []
    found = schema.text_column(network.pipes.iloc[rows], "network")
    return sorted({str(c) for c in found if c})


@dataclass
class NewPipe:
    """The edit adding a drawn pipe, and the pipes it splits to connect to."""

    edit: edits.Edit
    split_pipes: list[str]


def new_pipe(network: Network, vertices: Sequence[tuple[float, float]], snaps: Sequence[Snap],
             attributes: dict[str, Any]) -> NewPipe:
    """A pipe through ``vertices``; ends snapped inside a pipe of the same circuit split it (see above)."""
    circuit = attributes.get("network")
    steps: list[edits.Edit] = []
    split: list[str] = []
    for snap in (snaps[0], snaps[-1]) if len(snaps) > 1 else ():
        if snap.kind not in (ON_PIPE, VERTEX) or snap.row is None or snap.row >= len(network.pipes):
            continue
        if circuit and pipe_circuit(network, snap.row) != circuit:
            continue  # primary and secondary pipes never join
        pid = edits._ids_at(network.pipes, "pipes", (snap.row,))[0]
        steps.append(SplitPipeAt(snap.xy, circuit or None))
        if pid not in split:
            split.append(pid)
    add = edits.add_pipe([tuple(map(float, v)) for v in vertices], **attributes)
    if not steps:
        return NewPipe(add, [])
    return NewPipe(edits.Composite((*steps, add), description="Add pipe"), split)


def node_circuit(network: Network, grab: Snap) -> str | None:
    """The circuit whose pipe ends follow a grabbed node; None (all) where a point feature ties them.

    Primary and secondary pipes that merely touch are separate nodes (SPEC), so
    dragging one leaves the other; at a station (or any valve, source or
    customer standing on the node) everything there moves together.
    """
    if grab.row is None or any(len(edits.points_at(network, name, grab.xy)) for name in edits.POINT_LAYERS):
        return None
    return pipe_circuit(network, grab.row) or None


def move_edit(network: Network, grab: Snap, to: tuple[float, float]) -> edits.Edit:
    """The edit for dragging ``grab`` to ``to`` (see the module docstring)."""
    if grab.kind == VERTEX and grab.layer is not None and grab.row is not None and grab.index is not None:
        return edits.MoveVertex(grab.layer, grab.row, grab.index, to)
    if grab.kind == NODE and grab.row is not None:
        return edits.MoveNode(grab.xy, to, network=node_circuit(network, grab))
    if grab.kind == POINT:
        return edits.MoveNode(grab.xy, to, network=None, description=f"Move {edits.SINGULAR.get(grab.layer or '', 'point')}")
    raise ValueError(f"nothing to move at {grab.xy}")


@dataclass
class MovePreview:
    """Geometries that follow a drag, for the rubber band: pipe lines and points."""

    lines: list[np.ndarray]
    """Coordinates (n × 2) of every pipe that changes, at the grab position."""
    moving: list[np.ndarray]
    """Per line: indexes of its vertices that follow the cursor."""
    points: int
    """How many point features follow."""

    def at(self, xy: tuple[float, float]) -> list[np.ndarray]:
        out = []
        for coords, moving in zip(self.lines, self.moving, strict=True):
            c = coords.copy()
            c[moving] = xy
            out.append(c)
        return out


def move_preview(network: Network, grab: Snap) -> MovePreview:
    """What follows when ``grab`` is dragged (the same rule as :func:`move_edit`)."""
    pipes = network.pipes
    if grab.kind == VERTEX and grab.row is not None and grab.index is not None:
        coords = shapely.get_coordinates(pipes.geometry.array[grab.row])
        return MovePreview([coords], [np.array([grab.index % len(coords)])], 0)
    circuit = node_circuit(network, grab) if grab.kind == NODE else None
    start, end = edits.pipe_ends_at(network, grab.xy, network_kind=circuit)
    lines, moving = [], []
    for row in np.union1d(start, end).tolist():
        coords = shapely.get_coordinates(pipes.geometry.array[row])
        which = []
        if row in set(start.tolist()):
            which.append(0)
        if row in set(end.tolist()):
            which.append(len(coords) - 1)
        lines.append(coords)
        moving.append(np.array(which))
    points = sum(len(edits.points_at(network, name, grab.xy)) for name in edits.POINT_LAYERS)
    return MovePreview(lines, moving, points)
