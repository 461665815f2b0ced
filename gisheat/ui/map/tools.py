"""Map tools: what a click or drag on the map means right now.

A tool gets gestures in map coordinates from the canvas::

    class PlaceValveTool(MapTool):
        name = "place_valve"
        cursor = Qt.CursorShape.CrossCursor

        def click(self, x, y, modifiers):
            hit = feature_at(self.canvas, x, y, layers=["pipes"])   # snap to a pipe
            ...

    canvas.set_tool(PlaceValveTool(canvas))

Override any of ``click``, ``double_click``, ``drag(start, now, is_start,
is_finish, modifiers)``, ``move``, ``key(event) -> bool``, ``cancel``,
``activate``/``deactivate``. Set ``pans = True`` to let left-drag pan the map
(clicks still come to the tool). Draw rubber bands with ``self.add_item(item)``
(removed on deactivate). The main window adds a toolbar action for a tool with
``window.add_map_tool(tool, icon, text, shortcut)``.

Ready-made pieces: :class:`PickTool` (click features of given layers, e.g.
the failed pipes of an isolation), :func:`feature_at` (what is under the
cursor) and :func:`snap_to` (the vertex or line point to snap to, for editing).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import shapely
from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from gisheat.ui.map.layers import LINE, POINT, TABLE, cosmetic_pen

PICK_PIXELS = 6.0
"""A click picks the nearest feature within this many screen pixels."""


def feature_at(canvas, x: float, y: float, *, layers: list[str] | None = None,
               pixels: float = PICK_PIXELS) -> tuple[str, int] | None:
    """The topmost visible layer with a feature within ``pixels`` of (x, y): (layer, row)."""
    tolerance = pixels * canvas.metres_per_pixel()
    for name in canvas.order:
        if layers is not None and name not in layers:
            continue
        layer = canvas.layers[name]
        if not layer.shown or layer.kind == TABLE:
            continue
        hit = layer.nearest(x, y, tolerance)
        if hit is not None:
            return name, hit[0]
    return None


def features_at(canvas, x: float, y: float, *, pixels: float = PICK_PIXELS) -> list[tuple[str, int]]:
    """Every visible layer's nearest feature within ``pixels`` of (x, y), topmost layer first."""
    tolerance = pixels * canvas.metres_per_pixel()
    hits = []
    for name in canvas.order:
        layer = canvas.layers[name]
        if not layer.shown or layer.kind == TABLE:
            continue
        hit = layer.nearest(x, y, tolerance)
        if hit is not None:
            hits.append((name, hit[0]))
    return hits


class MapTool(QObject):
    """Base class (see the module docstring)."""

    name = "tool"
    cursor = Qt.CursorShape.ArrowCursor
    pans = False

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self._items: list = []

    def activate(self, canvas) -> None:
        self.canvas = canvas

    def deactivate(self) -> None:
        self.clear_items()

    def add_item(self, item, z: float = 800) -> None:
        item.setZValue(z)
        self.canvas.view_box.addItem(item, ignoreBounds=True)
        self._items.append(item)

    def clear_items(self) -> None:
        for item in self._items:
            self.canvas.view_box.removeItem(item)
        self._items = []

    def click(self, x: float, y: float, modifiers) -> None:
        pass

    def double_click(self, x: float, y: float, modifiers) -> None:
        pass

    def drag(self, start, now, is_start: bool, is_finish: bool, modifiers) -> None:
        pass

    def move(self, x: float, y: float) -> None:
        pass

    def key(self, event) -> bool:
        return False

    def cancel(self) -> None:
        self.clear_items()


def snap_to(canvas, x: float, y: float, *, layers=("pipes", "valves", "stations", "sources", "customers"),
            pixels: float = 8.0) -> tuple[float, float, str, int] | None:
    """The point to snap (x, y) to: the nearest vertex (or point feature) within ``pixels``,
    else the nearest point on a line; (x, y, layer, row) or None.

    For editing tools (draw a pipe, move a vertex, place a valve on a pipe).
    """
    tolerance = pixels * canvas.metres_per_pixel()
    best = None
    point = shapely.Point(x, y)
    for name in layers:
        layer = canvas.layers.get(name)
        if layer is None or layer.kind not in (LINE, POINT) or len(layer.valid_rows) == 0:
            continue
        if layer.kind == POINT:
            hit = layer.nearest(x, y, tolerance)
            if hit is not None:
                px, py = layer.point_xy[np.searchsorted(layer.valid_rows, hit[0])]
                cand = (hit[1], 0, float(px), float(py), name, hit[0])
                best = cand if best is None or cand[:2] < best[:2] else best
            continue
        layer._index()
        near = layer._tree.query(point, predicate="dwithin", distance=tolerance)
        for i in near:
            row = int(layer.valid_rows[i])
            geom = layer.geoms[row]
            vertices = shapely.get_coordinates(geom)
            d = np.hypot(vertices[:, 0] - x, vertices[:, 1] - y)
            j = int(np.argmin(d))
            if d[j] <= tolerance:
                cand = (float(d[j]), 0, float(vertices[j, 0]), float(vertices[j, 1]), name, row)
            else:
                on = shapely.line_interpolate_point(geom, shapely.line_locate_point(geom, point))
                cand = (float(shapely.distance(on, point)), 1, on.x, on.y, name, row)
            # vertices beat points on a segment; then the nearer wins
            if best is None or (cand[1], cand[0]) < (best[1], best[0]):
                best = cand
    if best is None:
        return None
    return best[2], best[3], best[4], best[5]


class PanTool(MapTool):
    name = "pan"
    cursor = Qt.CursorShape.OpenHandCursor
    pans = True


class IdentifyTool(MapTool):
    """Click → the nearest feature (any visible layer); emits ``identified(layer, row)``."""

    name = "identify"
    cursor = Qt.CursorShape.WhatsThisCursor
    pans = True
    identified = Signal(str, int)
    nothing = Signal()

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self.hits: list[tuple[str, int]] = []
        """Everything under the last click, topmost first (the identify panel lists them)."""

    def click(self, x: float, y: float, modifiers) -> None:
        self.hits = features_at(self.canvas, x, y)
        if not self.hits:
            self.nothing.emit()
        else:
            self.identified.emit(*self.hits[0])


class SelectTool(MapTool):
    """Rectangle (drag) or click selection in the active layer.

    Emits ``selected(layer, rows, mode)`` with mode 'replace', 'add' (Shift) or
    'toggle' (Ctrl). ``active_layer`` is a callable giving the layer to select in.
    """

    name = "select"
    cursor = Qt.CursorShape.CrossCursor
    selected = Signal(str, object, str)

    def __init__(self, canvas, active_layer) -> None:
        super().__init__(canvas)
        self.active_layer = active_layer
        self._band: QGraphicsRectItem | None = None

    @staticmethod
    def _mode(modifiers) -> str:
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            return "add"
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            return "toggle"
        return "replace"

    def click(self, x: float, y: float, modifiers) -> None:
        name = self.active_layer()
        if name not in self.canvas.layers:
            return
        hit = feature_at(self.canvas, x, y, layers=[name])
        rows = np.array([hit[1]] if hit else [], dtype=np.int64)
        self.selected.emit(name, rows, self._mode(modifiers))

    def drag(self, start, now, is_start, is_finish, modifiers) -> None:
        rect = QRectF(min(start[0], now[0]), min(start[1], now[1]), abs(now[0] - start[0]), abs(now[1] - start[1]))
        if self._band is None:
            self._band = QGraphicsRectItem(rect)
            pen = QPen(QColor("#1565c0"))
            pen.setCosmetic(True)
            pen.setWidthF(1.5)
            pen.setStyle(Qt.PenStyle.DashLine)
            self._band.setPen(pen)
            self._band.setBrush(QBrush(QColor(21, 101, 192, 40)))
            self.add_item(self._band)
        self._band.setRect(rect)
        if is_finish:
            self.clear_items()
            self._band = None
            name = self.active_layer()
            if name in self.canvas.layers:
                layer = self.canvas.layers[name]
                rows = layer.rows_in_rect(start[0], start[1], now[0], now[1]) if layer.shown else np.empty(0, np.int64)
                self.selected.emit(name, rows, self._mode(modifiers))

    def cancel(self) -> None:
        super().cancel()
        self._band = None


class PickTool(MapTool):
    """Click features of some layers (isolation: click the failed pipes). Emits ``picked(layer, row, modifiers)``.

    Left-drag still pans. ``layers`` limits what can be picked.
    """

    name = "pick"
    cursor = Qt.CursorShape.PointingHandCursor
    pans = True
    picked = Signal(str, int, object)

    def __init__(self, canvas, layers: list[str] | None = None, name: str = "pick") -> None:
        super().__init__(canvas)
        self.layers = layers
        self.name = name

    def click(self, x: float, y: float, modifiers) -> None:
        hit = feature_at(self.canvas, x, y, layers=self.layers)
        if hit is not None:
            self.picked.emit(hit[0], hit[1], modifiers)


class MeasureTool(MapTool):
    """Click points to measure a distance; double click or Esc finishes. Emits ``measured(metres, done)``."""

    name = "measure"
    cursor = Qt.CursorShape.CrossCursor
    measured = Signal(float, bool)

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self.points: list[tuple[float, float]] = []
        self._line = None
        self._done = False

    def _draw(self, extra=None) -> None:
        pts = self.points + ([extra] if extra else [])
        if self._line is None:
            self._line = pg.PlotCurveItem(pen=cosmetic_pen("#7b1fa2", 3.0), antialias=True)
            self.add_item(self._line)
            self._dots = pg.ScatterPlotItem(symbol="o", size=7, pen=pg.mkPen("#6a1b9a"), brush=pg.mkBrush("#ffffff"))
            self.add_item(self._dots, 801)
        xy = np.array(pts, dtype=float).reshape(-1, 2)
        self._line.setData(xy[:, 0], xy[:, 1])
        self._dots.setData(x=xy[: len(self.points), 0], y=xy[: len(self.points), 1])

    @property
    def length(self) -> float:
        return sum(math.dist(a, b) for a, b in zip(self.points, self.points[1:], strict=False))

    def click(self, x: float, y: float, modifiers) -> None:
        if self._done:
            self.cancel()
        self.points.append((x, y))
        self._draw()
        self.measured.emit(self.length, False)

    def double_click(self, x: float, y: float, modifiers) -> None:
        self._done = True
        self.measured.emit(self.length, True)

    def move(self, x: float, y: float) -> None:
        if self.points and not self._done:
            self._draw((x, y))
            self.measured.emit(self.length + math.dist(self.points[-1], (x, y)), False)

    def cancel(self) -> None:
        super().cancel()
        self.points = []
        self._line = None
        self._done = False

    def deactivate(self) -> None:
        self.cancel()
