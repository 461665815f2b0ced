"""The map tools of editing: draw a pipe, move a vertex or node, delete, place a valve, add points.

Every tool snaps (:mod:`.snapping`) and shows what it snaps to; every
finished gesture becomes exactly one core edit, pushed through the
workspace (``workspace.apply(edit)``: one undo step, refusals shown). The
tools keep no copy of the network: they read ``session.network`` when a
gesture starts and draw their rubber bands in map coordinates.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import shapely
from PySide6.QtCore import QCoreApplication, Qt

from gisheat.core import edits
from gisheat.ui import labels
from gisheat.ui.editing import gestures
from gisheat.ui.editing.gestures import NODE, NONE, ON_PIPE, POINT, VERTEX, Snap
from gisheat.ui.editing.snapping import SnapMarker, feature_name
from gisheat.ui.map.layers import cosmetic_pen, scatter_symbol
from gisheat.ui.map.tools import PICK_PIXELS, MapTool, feature_at

RUBBER_COLOUR = "#ff6d00"
GHOST_SYMBOLS = {"valves": ("valve", 16), "stations": ("station", 16), "sources": ("source", 22),
                 "customers": ("o", 11)}
DELETE_COLOUR = "#d50000"
NETWORK_LAYERS = ("sources", "stations", "valves", "customers", "pipes")
"""Layers the edit tools change, topmost first (points are picked before the pipe under them)."""


class EditTool(MapTool):
    """Base of the edit tools: snapping with a visible marker, a status-bar hint."""

    snap_kinds: tuple[str, ...] = (NODE, POINT, VERTEX, ON_PIPE)
    snap_points: tuple[str, ...] = edits.POINT_LAYERS
    ghost: str | None = None
    """Layer whose symbol follows the cursor where a click would put the new feature."""

    def __init__(self, workspace) -> None:
        super().__init__(workspace.window.canvas)
        self.workspace = workspace
        self.session = workspace.session
        self.snapper = workspace.snapper
        self.marker = SnapMarker(self)
        self.last_snap = Snap(0.0, 0.0)
        self._ghost_item = None

    def hint(self) -> str:
        """One line for the status bar: what to do with this tool."""
        return ""

    def add_item(self, item, z: float = 800) -> None:
        # markers and rubber bands never take a click: pyqtgraph offers clicks to every item under the
        # cursor, and a scatter item accepts one on its own points (the snap marker is always there)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        item.setAcceptHoverEvents(False)
        item.mouseClickEvent = lambda ev: ev.ignore()
        super().add_item(item, z)

    def clear_items(self) -> None:
        super().clear_items()
        self.marker.forget()
        self._ghost_item = None

    def snap(self, x: float, y: float, **kw) -> Snap:
        kw.setdefault("kinds", self.snap_kinds)
        kw.setdefault("points", self.snap_points)
        snap = self.snapper.snap(x, y, **kw)
        self.last_snap = snap
        if snap.kind == NONE:
            self.marker.hide()
        else:
            self.marker.show(snap, self.snapper.describe(snap), ring=self.ghost is not None)
        return snap

    def move(self, x: float, y: float) -> None:
        if self.session.network is not None:
            snap = self.snap(x, y)
            if self.ghost is not None:
                self.show_ghost(snap.xy)

    def show_ghost(self, xy: tuple[float, float]) -> None:
        """The new feature's symbol, half transparent, where a click puts it."""
        if self._ghost_item is None:
            shape, size = GHOST_SYMBOLS[self.ghost]
            self._ghost_item = pg.ScatterPlotItem(symbol=scatter_symbol(shape), size=size, pxMode=True,
                                                  pen=pg.mkPen(RUBBER_COLOUR, width=2),
                                                  brush=pg.mkBrush(255, 255, 255, 150))
            self.add_item(self._ghost_item, 880)
        self._ghost_item.setData([xy[0]], [xy[1]])

    def deactivate(self) -> None:
        self.cancel()
        super().deactivate()


class DrawPipeTool(EditTool):
    """Click vertices; double click or Enter finishes, Backspace takes the last vertex back, Esc cancels."""

    name = "draw_pipe"
    cursor = Qt.CursorShape.CrossCursor
    pans = True

    def __init__(self, workspace) -> None:
        super().__init__(workspace)
        self.vertices: list[tuple[float, float]] = []
        self.snaps: list[Snap] = []
        self._placed = None
        self._rubber = None
        self._dots = None

    def hint(self) -> str:
        return QCoreApplication.translate("EditTool", "Draw pipe: click vertices · double-click or Enter finishes · Backspace takes back a vertex "
                   "· Esc cancels")

    def _draw(self, cursor: tuple[float, float] | None = None) -> None:
        if self._placed is None:
            self._placed = pg.PlotCurveItem(pen=cosmetic_pen(RUBBER_COLOUR, 3.0), antialias=True)
            self._rubber = pg.PlotCurveItem(pen=cosmetic_pen(RUBBER_COLOUR, 2.0, dash=True), antialias=True)
            self._dots = pg.ScatterPlotItem(symbol="o", size=8, pen=pg.mkPen(RUBBER_COLOUR, width=2),
                                            brush=pg.mkBrush("#ffffff"))
            self.add_item(self._placed, 850)
            self.add_item(self._rubber, 850)
            self.add_item(self._dots, 860)
        xy = np.array(self.vertices, dtype=float).reshape(-1, 2)
        self._placed.setData(xy[:, 0], xy[:, 1])
        self._dots.setData(x=xy[:, 0], y=xy[:, 1])
        if cursor is not None and len(xy):
            self._rubber.setData([xy[-1, 0], cursor[0]], [xy[-1, 1], cursor[1]])
        else:
            self._rubber.setData([], [])

    def click(self, x: float, y: float, modifiers) -> None:
        if self.session.network is None:
            return
        snap = self.snap(x, y)
        if self.vertices and np.hypot(snap.x - self.vertices[-1][0], snap.y - self.vertices[-1][1]) < 1e-9:
            return  # the same point again (the first click of a double click)
        if not self.vertices:
            self.workspace.follow_circuit(snap)
        self.vertices.append(snap.xy)
        self.snaps.append(snap)
        self._draw()

    def double_click(self, x: float, y: float, modifiers) -> None:
        self.finish()

    def move(self, x: float, y: float) -> None:
        if self.session.network is None:
            return
        snap = self.snap(x, y)
        if self.vertices:
            self._draw(snap.xy)

    def key(self, event) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
            return True
        if event.key() == Qt.Key.Key_Backspace and self.vertices:
            self.vertices.pop()
            self.snaps.pop()
            self._draw(self.last_snap.xy if self.vertices else None)
            return True
        return False

    def finish(self) -> None:
        vertices, snaps = self.vertices, self.snaps
        self.cancel()
        if len(vertices) < 2:
            if vertices:
                self.workspace.message(QCoreApplication.translate("EditTool", "A pipe needs at least two vertices."))
            return
        self.workspace.add_pipe(vertices, snaps)

    def cancel(self) -> None:
        self.vertices, self.snaps = [], []
        if self._placed is not None:
            self._draw()

    def clear_items(self) -> None:
        super().clear_items()
        self._placed = self._rubber = self._dots = None


class MoveTool(EditTool):
    """Drag a node, a point feature or a pipe vertex; dragging anywhere else pans the map."""

    name = "move_vertex"
    cursor = Qt.CursorShape.PointingHandCursor
    pans = False
    snap_kinds = (NODE, POINT, VERTEX)

    def __init__(self, workspace) -> None:
        super().__init__(workspace)
        self.grab: Snap | None = None
        self.preview: gestures.MovePreview | None = None
        self._panning = None
        self._cancelled = False
        self._lines = None
        self._points = None
        self._exclude_rows: frozenset[int] = frozenset()

    def hint(self) -> str:
        return QCoreApplication.translate("EditTool", "Move: drag a node (joined pipe ends follow), a point feature or a pipe vertex · Esc cancels")

    def drag(self, start, now, is_start: bool, is_finish: bool, modifiers) -> None:
        if is_start:
            self._cancelled = False
            self.grab = None
            grab = self.snap(*start) if self.session.network is not None else Snap(*start)
            if grab.kind in (NODE, POINT, VERTEX):
                self.grab = grab
                self.preview = gestures.move_preview(self.session.network, grab)
                moving = {grab.row} if grab.kind == VERTEX else set()
                self._exclude_rows = frozenset(moving)
                self._panning = None
            else:
                self._panning = start
        if self._panning is not None:
            vb = self.canvas.view_box
            vb.translateBy(x=self._panning[0] - now[0], y=self._panning[1] - now[1])
            return
        if self.grab is None or self._cancelled:
            return
        to = self.snap(*now, exclude_rows=self._exclude_rows, exclude_xy=self.grab.xy)
        self._draw(to.xy)
        if is_finish:
            grab = self.grab
            self.cancel()
            if np.hypot(to.x - grab.x, to.y - grab.y) > 1e-9:
                self.workspace.move(grab, to.xy)

    def _draw(self, xy: tuple[float, float]) -> None:
        if self._lines is None:
            self._lines = pg.PlotCurveItem(pen=cosmetic_pen(RUBBER_COLOUR, 2.5, dash=True), antialias=True,
                                           connect="finite")
            self._points = pg.ScatterPlotItem(symbol="o", size=11, pen=pg.mkPen(RUBBER_COLOUR, width=2.5),
                                              brush=pg.mkBrush(255, 255, 255, 160))
            self.add_item(self._lines, 850)
            self.add_item(self._points, 860)
        parts = self.preview.at(xy) if self.preview is not None else []
        if parts:
            joined = np.vstack([np.vstack([p[:, :2], [np.nan, np.nan]]) for p in parts])
            self._lines.setData(joined[:, 0], joined[:, 1])
        else:
            self._lines.setData([], [])
        self._points.setData([xy[0]], [xy[1]])
        self._lines.setVisible(True)
        self._points.setVisible(True)

    def cancel(self) -> None:
        if self.grab is not None:
            self._cancelled = True
        self.grab = None
        self.preview = None
        self._panning = None
        if self._lines is not None:
            self._lines.setVisible(False)
            self._points.setVisible(False)

    def clear_items(self) -> None:
        super().clear_items()
        self._lines = self._points = None


class DeleteTool(EditTool):
    """Click a feature of the network to delete it (the one under the cursor is outlined in red first)."""

    name = "delete_feature"
    cursor = Qt.CursorShape.CrossCursor
    pans = True
    HIGHLIGHT = "edit-delete"

    def __init__(self, workspace) -> None:
        super().__init__(workspace)
        self.hover: tuple[str, int] | None = None

    def hint(self) -> str:
        return QCoreApplication.translate("EditTool", "Delete: click the feature outlined in red · Ctrl+Z brings it back")

    def _under(self, x: float, y: float) -> tuple[str, int] | None:
        return feature_at(self.canvas, x, y, layers=list(NETWORK_LAYERS), pixels=PICK_PIXELS)

    def move(self, x: float, y: float) -> None:
        if self.session.network is None:
            return
        hit = self._under(x, y)
        if hit != self.hover:
            self.hover = hit
            if hit is None:
                self.canvas.clear_highlight(self.HIGHLIGHT)
                self.marker.hide()
            else:
                self.canvas.highlight(self.HIGHLIGHT, hit[0], np.array([hit[1]]), DELETE_COLOUR)
                name = f"{feature_name(self.session, hit[0], hit[1])} ({labels.layer_label(hit[0])})"
                self.marker.label_at((x, y), QCoreApplication.translate("EditTool", "Delete %1").replace("%1", name))

    def click(self, x: float, y: float, modifiers) -> None:
        if self.session.network is None:
            return
        hit = self._under(x, y)
        self.cancel()
        if hit is not None:
            self.workspace.delete(hit[0], [hit[1]])

    def cancel(self) -> None:
        self.hover = None
        self.canvas.clear_highlight(self.HIGHLIGHT)
        self.marker.hide()


class PlaceValveTool(EditTool):
    """Click a pipe to put a valve on it (at a pipe end when near one); the pipe is split when asked."""

    name = "place_valve"
    cursor = Qt.CursorShape.CrossCursor
    pans = True
    snap_kinds = (NODE, VERTEX, ON_PIPE)
    snap_points = ()
    ghost = "valves"

    def hint(self) -> str:
        return QCoreApplication.translate("EditTool", "Place valve: click on a pipe · near a pipe end it sits on the end and closes the pipe clicked")

    def click(self, x: float, y: float, modifiers) -> None:
        if self.session.network is None:
            return
        snap = self.snap(x, y)
        pipes = self.canvas.layers.get("pipes")
        hit = pipes.nearest(x, y, self.snapper.radius()) if pipes is not None and pipes.visible else None
        if snap.kind == NONE or hit is None:
            self.workspace.message(QCoreApplication.translate("EditTool", "Click on a pipe to place a valve."))
            return
        row = hit[0]
        at = snap.xy
        if snap.row != row:  # snapped to another pipe's end or vertex: the valve closes the pipe clicked
            line = self.session.network.pipes.geometry.array[row]
            if shapely.distance(line, shapely.Point(at)) > 1e-6:
                on = shapely.line_interpolate_point(line, shapely.line_locate_point(line, shapely.Point(x, y)))
                at = (on.x, on.y)
        self.workspace.place_valve(row, at)


class AddPointTool(EditTool):
    """Click to add a customer, station or source (snapped to a pipe end, where SPEC attaches it)."""

    cursor = Qt.CursorShape.CrossCursor
    pans = True
    snap_kinds = (NODE, POINT)

    def __init__(self, workspace, layer: str) -> None:
        super().__init__(workspace)
        self.layer = layer
        self.ghost = layer
        self.name = f"add_{layer}"
        self.snap_points = tuple(n for n in edits.POINT_LAYERS if n != layer)

    def hint(self) -> str:
        texts = {
            "customers": QCoreApplication.translate("EditTool", "Add customer: click the end of its service pipe (snaps to pipe ends)"),
            "stations": QCoreApplication.translate("EditTool", "Add station: click the pipe end where its primary and secondary pipes meet"),
            "sources": QCoreApplication.translate("EditTool", "Add heat source: click the primary pipe end it feeds"),
        }
        return texts.get(self.layer, "")

    def click(self, x: float, y: float, modifiers) -> None:
        if self.session.network is None:
            return
        snap = self.snap(x, y)
        self.workspace.add_point(self.layer, snap)
