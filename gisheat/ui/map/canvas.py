"""The map canvas: a pyqtgraph view with locked aspect, map layers, tools and overlays.

Coordinates on the canvas are the file's CRS (metres, y up). Use
``canvas.map_to_screen(x, y)`` / ``canvas.screen_to_map(point)`` to convert.

Extension points
----------------
* **Tools** — subclass :class:`gisheat.ui.map.tools.MapTool` and activate it
  with ``canvas.set_tool(tool)``; the canvas forwards clicks, drags, moves and
  keys in map coordinates. The middle button and the wheel always pan/zoom.
* **Overlays** — ``canvas.add_overlay(overlay)`` with a
  :class:`gisheat.ui.map.overlays.Overlay` (items in map coordinates, a legend,
  optionally dimming the rest of the map); ``canvas.remove_overlay(name)``.
* **Layers** — ``canvas.layers`` (name → :class:`MapLayer`) in drawing order
  ``canvas.order`` (top first); ``canvas.set_layer_style(name, style)``.

Signals: ``view_changed()`` (after pan/zoom settles), ``mouse_moved(x, y)``,
``layers_changed()`` (added/removed/reordered/restyled), ``tool_changed(name)``.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsRectItem

from gisheat.ui.map import style as st
from gisheat.ui.map.layers import (
    LINE,
    POINT,
    POLYGON,
    MapLayer,
    PathItem,
    PointsItem,
    SegmentsItem,
    cosmetic_pen,
    qcolor,
)
from gisheat.ui.map.overlays import Overlay

OVERVIEW_DELAY_MS = 300
"""Background overview rendering starts this long after a big layer is shown (first paint first)."""

SELECTION_COLOUR = "#ffd600"
IDENTIFY_COLOUR = "#00e5ff"

Z_CONTEXT, Z_NETWORK, Z_DIM, Z_OVERLAY, Z_SELECTION, Z_IDENTIFY = 0, 100, 400, 450, 600, 650


class MapViewBox(pg.ViewBox):
    """A ViewBox that hands mouse gestures to the canvas' current tool."""

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(lockAspect=True, enableMenu=False, invertY=False)
        self.canvas = canvas
        self.setMouseMode(pg.ViewBox.PanMode)

    def mouseClickEvent(self, ev) -> None:
        tool = self.canvas.tool
        if tool is not None and ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            p = self.mapToView(ev.pos())
            if ev.double():
                tool.double_click(p.x(), p.y(), ev.modifiers())
            else:
                tool.click(p.x(), p.y(), ev.modifiers())
        else:
            ev.ignore()

    def mouseDragEvent(self, ev, axis=None) -> None:
        tool = self.canvas.tool
        if ev.button() == Qt.MouseButton.MiddleButton or tool is None or tool.pans:
            if ev.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton):
                ev.accept()
                delta = self.mapToView(ev.lastPos()) - self.mapToView(ev.pos())
                self.translateBy(x=delta.x(), y=delta.y())
            else:
                ev.ignore()
            return
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        start = self.mapToView(ev.buttonDownPos())
        now = self.mapToView(ev.pos())
        tool.drag((start.x(), start.y()), (now.x(), now.y()), ev.isStart(), ev.isFinish(), ev.modifiers())


class MapCanvas(pg.GraphicsView):
    """The map (see the module docstring)."""

    view_changed = Signal()
    mouse_moved = Signal(float, float)
    layers_changed = Signal()
    tool_changed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent, background=QColor("#f7f5f0"))
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.view_box = MapViewBox(self)
        self.setCentralItem(self.view_box)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.layers: dict[str, MapLayer] = {}
        self.order: list[str] = []
        self.overlays: dict[str, Overlay] = {}
        self.tool = None
        self.crs_name = ""
        self.show_north_arrow = True
        self.show_scale_bar = True
        self._dim_item: QGraphicsRectItem | None = None
        self._highlights: dict[str, list] = {}
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(80)
        self._settle.timeout.connect(self.refresh_view_state)
        self.view_box.sigRangeChanged.connect(lambda *_: self._settle.start())
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.basemap = None
        self.runner = None
        """A TaskRunner for background work (overview images); None renders them at once."""

    # --- layers ---------------------------------------------------------------------------

    def clear_layers(self) -> None:
        for layer in self.layers.values():
            layer.detach()
        for name in list(self._highlights):
            self.clear_highlight(name)
        for name in list(self.overlays):
            self.remove_overlay(name)
        self.layers.clear()
        self.order.clear()
        self.layers_changed.emit()

    def add_layer(self, layer: MapLayer, *, below: str | None = None) -> None:
        """Add a layer on top (or just below ``below``)."""
        if layer.name in self.layers:
            self.remove_layer(layer.name)
        self.layers[layer.name] = layer
        if below is not None and below in self.order:
            self.order.insert(self.order.index(below) + 1, layer.name)
        else:
            self.order.insert(0, layer.name)
        layer.attach(self.view_box)
        self._restack()
        if self.view_box.width() > 0:
            layer.update_scale(self.scale(), self.view_rect(), self.metres_per_pixel())
        self._request_overview(layer)
        self.layers_changed.emit()

    def _request_overview(self, layer: MapLayer) -> None:
        """Render a big line layer's overview in the background; tiles stand in meanwhile."""
        lod = getattr(layer, "lod", None)
        if lod is None or lod.overview is not None:
            return
        groups = layer._groups
        if self.runner is None:
            layer.set_overview(layer.render_overview(), groups)
            return

        def start() -> None:
            if self.layers.get(layer.name) is layer and layer._groups is groups:
                self.runner.start(lambda progress, cancelled: layer.render_overview(),
                                  on_done=lambda ov: layer.set_overview(ov, groups), text="")

        QTimer.singleShot(OVERVIEW_DELAY_MS, start)  # after the first frame is on screen

    def refresh_layer(self, name: str, frame) -> None:
        """Redraw a layer from a new frame (after an edit), keeping its style, visibility and place."""
        old = self.layers.get(name)
        if old is None:
            return
        layer = MapLayer(name, frame, style=old.style, context=old.context, max_scale=old.max_scale,
                         label_rule=old.label_rule)
        layer.visible = old.visible
        index = self.order.index(name)
        old.detach()
        self.layers[name] = layer
        layer.attach(self.view_box)
        self.order[index] = name
        self._restack()
        self._request_overview(layer)
        if self.view_box.width() > 0:
            layer.update_scale(self.scale(), self.view_rect(), self.metres_per_pixel())
            layer.update_labels(self.view_rect(), self.scale())
        self.layers_changed.emit()

    def remove_layer(self, name: str) -> None:
        layer = self.layers.pop(name, None)
        if layer is not None:
            layer.detach()
            self.order.remove(name)
            self.layers_changed.emit()

    def move_layer(self, name: str, new_index: int) -> None:
        """Move a layer to position ``new_index`` in ``order`` (0 = top)."""
        self.order.remove(name)
        self.order.insert(max(0, min(new_index, len(self.order))), name)
        self._restack()
        self.layers_changed.emit()

    def _restack(self) -> None:
        n = len(self.order)
        for i, name in enumerate(self.order):
            layer = self.layers[name]
            base = Z_CONTEXT if layer.context else Z_NETWORK
            layer.set_z(base + (n - i))

    def set_layer_visible(self, name: str, visible: bool) -> None:
        layer = self.layers[name]
        layer.set_visible(visible)
        if visible:
            layer.update_labels(self.view_rect(), self.scale())
        self.layers_changed.emit()

    def set_layer_style(self, name: str, style: st.LayerStyle, numeric=None, theme_name: str | None = None) -> None:
        self.layers[name].set_style(style, numeric, theme_name)
        self._request_overview(self.layers[name])
        self.layers_changed.emit()

    def full_extent(self) -> tuple[float, float, float, float] | None:
        boxes = [lay.bounds for lay in self.layers.values() if lay.bounds is not None and not lay.context]
        if not boxes:
            boxes = [lay.bounds for lay in self.layers.values() if lay.bounds is not None]
        if not boxes:
            return None
        b = np.array(boxes)
        return float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max())

    # --- view -----------------------------------------------------------------------------

    def zoom_full(self) -> None:
        extent = self.full_extent()
        if extent is not None:
            self.zoom_to(extent, margin=0.03)

    def zoom_to(self, extent, *, margin: float = 0.1, min_size: float = 120.0) -> None:
        x0, y0, x1, y1 = extent
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        w = max(x1 - x0, min_size) * (1 + 2 * margin)
        h = max(y1 - y0, min_size) * (1 + 2 * margin)
        self.view_box.setRange(QRectF(cx - w / 2, cy - h / 2, w, h), padding=0)
        self.refresh_view_state()

    def center_on(self, x: float, y: float) -> None:
        r = self.view_rect()
        self.view_box.setRange(QRectF(x - r.width() / 2, y - r.height() / 2, r.width(), r.height()), padding=0)

    def zoom_by(self, factor: float) -> None:
        """factor < 1 zooms in."""
        self.view_box.scaleBy((factor, factor))

    def pan_by(self, fx: float, fy: float) -> None:
        """Pan by fractions of the view size."""
        r = self.view_rect()
        self.view_box.translateBy(x=r.width() * fx, y=r.height() * fy)

    def view_rect(self) -> QRectF:
        return self.view_box.viewRect()

    def metres_per_pixel(self) -> float:
        r = self.view_rect()
        w = max(self.view_box.width(), 1.0)
        return r.width() / w

    def scale(self) -> float:
        """Scale denominator N of 1:N at the screen's logical DPI."""
        dpi = self.logicalDpiX() or 96
        return self.metres_per_pixel() * dpi / 0.0254

    def map_to_screen(self, x: float, y: float) -> QPointF:
        """Map coordinates → viewport pixel position."""
        scene = self.view_box.mapViewToScene(QPointF(x, y))
        return QPointF(self.mapFromScene(scene))

    def screen_to_map(self, pos) -> tuple[float, float]:
        scene = self.mapToScene(pos.toPoint() if isinstance(pos, QPointF) else pos)
        p = self.view_box.mapSceneToView(scene)
        return p.x(), p.y()

    def refresh_view_state(self) -> None:
        """Scale-dependent visibility and labels for the current view (after pan/zoom)."""
        self._settle.stop()
        scale = self.scale()
        rect = self.view_rect()
        changed = False
        for name in self.order:
            layer = self.layers[name]
            changed |= layer.update_scale(scale, rect, self.metres_per_pixel())
            layer.update_quality(rect.normalized())
            layer.update_labels(rect, scale)
        if self.basemap is not None:
            self.basemap.update_view(rect, self.metres_per_pixel())
        if changed:
            self.layers_changed.emit()
        self.view_changed.emit()

    def keyPressEvent(self, ev) -> None:
        key = ev.key()
        steps = {
            Qt.Key.Key_Left: (-0.25, 0), Qt.Key.Key_Right: (0.25, 0),
            Qt.Key.Key_Up: (0, 0.25), Qt.Key.Key_Down: (0, -0.25),
        }
        if key in steps:
            self.pan_by(*steps[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(0.5)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(2.0)
        elif key == Qt.Key.Key_Escape and self.tool is not None:
            self.tool.cancel()
        elif self.tool is not None and self.tool.key(ev):
            pass
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()

    def _on_mouse_moved(self, scene_pos) -> None:
        p = self.view_box.mapSceneToView(scene_pos)
        self.mouse_moved.emit(p.x(), p.y())
        if self.tool is not None:
            self.tool.move(p.x(), p.y())

    # --- tools ------------------------------------------------------------------------------

    def set_tool(self, tool) -> None:
        if self.tool is tool:
            return
        if self.tool is not None:
            self.tool.deactivate()
        self.tool = tool
        if tool is not None:
            tool.activate(self)
            self.viewport().setCursor(tool.cursor)
            self.tool_changed.emit(tool.name)

    # --- overlays and highlights -----------------------------------------------------------

    def add_overlay(self, overlay: Overlay) -> None:
        self.remove_overlay(overlay.name)
        self.overlays[overlay.name] = overlay
        for item in overlay.items:
            item.setZValue(Z_OVERLAY + item.zValue())
            self.view_box.addItem(item, ignoreBounds=True)
        self._update_dim()
        self.layers_changed.emit()

    def remove_overlay(self, name: str) -> None:
        overlay = self.overlays.pop(name, None)
        if overlay is None:
            return
        for item in overlay.items:
            self.view_box.removeItem(item)
        self._update_dim()
        self.layers_changed.emit()

    def _update_dim(self) -> None:
        dim = max((o.dim for o in self.overlays.values()), default=0)
        if dim and self._dim_item is None:
            extent = self.full_extent() or (0, 0, 1, 1)
            w, h = extent[2] - extent[0], extent[3] - extent[1]
            rect = QRectF(extent[0] - 5 * w, extent[1] - 5 * h, 11 * w, 11 * h)
            self._dim_item = QGraphicsRectItem(rect)
            self._dim_item.setPen(QPen(Qt.PenStyle.NoPen))
            self._dim_item.setZValue(Z_DIM)
            self.view_box.addItem(self._dim_item, ignoreBounds=True)
        if self._dim_item is not None:
            if dim:
                self._dim_item.setBrush(QBrush(QColor(255, 255, 255, int(dim * 255))))
            else:
                self.view_box.removeItem(self._dim_item)
                self._dim_item = None

    def highlight(self, key: str, layer_name: str, rows: np.ndarray, colour: str = SELECTION_COLOUR) -> None:
        """Draw ``rows`` of a layer highlighted (selection, identify); replaces ``key``'s highlight."""
        self.clear_highlight(key)
        layer = self.layers.get(layer_name)
        if layer is None or len(rows) == 0:
            return
        z = Z_IDENTIFY if key == "identify" else Z_SELECTION
        items = highlight_items(layer, np.asarray(rows), colour)
        for item in items:
            item.setZValue(z)
            self.view_box.addItem(item, ignoreBounds=True)
        self._highlights[key] = items

    def clear_highlight(self, key: str) -> None:
        for item in self._highlights.pop(key, []):
            self.view_box.removeItem(item)

    # --- decorations ------------------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect) -> None:
        super().drawForeground(painter, rect)
        if not self.layers:
            return
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        vp = self.viewport().rect()
        if self.show_scale_bar:
            self._draw_scale_bar(painter, vp)
        if self.show_north_arrow:
            self._draw_north_arrow(painter, vp)
        if self.basemap is not None and self.basemap.attribution:
            painter.setPen(QColor("#616161"))
            f = QFont(painter.font())
            f.setPointSizeF(7.5)
            painter.setFont(f)
            painter.drawText(vp.adjusted(0, 0, -6, -4), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                             self.basemap.attribution)
        painter.restore()

    def _draw_scale_bar(self, painter: QPainter, vp) -> None:
        mpp = self.metres_per_pixel()
        if not (mpp > 0 and math.isfinite(mpp)):
            return
        length_m = nice_length(mpp * vp.width() / 5)
        px = length_m / mpp
        x0, y0 = 16, vp.height() - 22
        text = f"{length_m / 1000:g} km" if length_m >= 1000 else f"{length_m:g} m"
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawRoundedRect(QRectF(x0 - 8, y0 - 22, px + 16 + 60, 34), 4, 4)
        pen = QPen(QColor("#212121"))
        pen.setWidthF(1.5)
        painter.setPen(pen)
        painter.setBrush(QColor("#212121"))
        painter.drawRect(QRectF(x0, y0, px / 2, 4))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRect(QRectF(x0 + px / 2, y0, px / 2, 4))
        painter.drawText(QPointF(x0 + px + 8, y0 + 6), text)
        painter.drawText(QPointF(x0, y0 - 6), f"1:{self.scale():,.0f}".replace(",", " "))

    def _draw_north_arrow(self, painter: QPainter, vp) -> None:
        cx, top = vp.width() - 30, 14
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawEllipse(QPointF(cx, top + 22), 19, 19)
        left = QPolygonF([QPointF(cx, top + 6), QPointF(cx - 8, top + 34), QPointF(cx, top + 28)])
        right = QPolygonF([QPointF(cx, top + 6), QPointF(cx + 8, top + 34), QPointF(cx, top + 28)])
        painter.setPen(QPen(QColor("#212121"), 1))
        painter.setBrush(QColor("#212121"))
        painter.drawPolygon(left)
        painter.setBrush(QColor("#ffffff"))
        painter.drawPolygon(right)
        f = QFont(painter.font())
        f.setBold(True)
        f.setPointSizeF(8)
        painter.setFont(f)
        painter.setPen(QColor("#212121"))
        painter.drawText(QRectF(cx - 10, top - 8, 20, 14), Qt.AlignmentFlag.AlignCenter, "N")


def nice_length(target: float) -> float:
    """Round a length down to 1, 2 or 5 × 10ⁿ."""
    if target <= 0:
        return 1.0
    exp = math.floor(math.log10(target))
    base = target / 10**exp
    step = 5 if base >= 5 else 2 if base >= 2 else 1
    return step * 10**exp


def highlight_items(layer: MapLayer, rows: np.ndarray, colour: str) -> list:
    """Items that draw ``rows`` of ``layer`` in a highlight colour."""
    if layer.kind == LINE:
        mask = np.isin(layer.seg_row, rows)
        if not mask.any():
            return []
        pts = np.repeat(np.flatnonzero(mask) * 2, 2) + np.tile([0, 1], int(mask.sum()))
        item = SegmentsItem(layer.seg_xy[pts], cosmetic_pen(colour, 7.0, alpha=190),
                            antialias=int(mask.sum()) < 20_000)
        return [item]
    if layer.kind == POINT:
        keep = np.isin(layer.valid_rows, rows)
        xy = layer.point_xy[keep]
        size = max((e.symbol.size for e in layer.classified.legend), default=8) + 10
        return [PointsItem(xy, st.Symbol(color=colour, fill_alpha=70, outline=colour, size=size, width=3.0))]
    if layer.kind == POLYGON:
        import pyqtgraph.functions as fn

        mask = np.isin(layer.poly_vertex_row, rows)
        if not mask.any():
            return []
        connect = layer.poly_connect[mask].copy()
        connect[-1] = 0
        path: QPainterPath = fn.arrayToQPath(layer.poly_xy[mask, 0], layer.poly_xy[mask, 1], connect=connect,
                                             finiteCheck=False)
        return [PathItem(path, cosmetic_pen(colour, 3.0), QBrush(qcolor(colour, 50)))]
    return []
