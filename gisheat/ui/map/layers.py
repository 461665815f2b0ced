"""Map layers: one layer of the network file drawn as a few batched pyqtgraph items.

* lines (pipes, streets): segments split into spatial tiles × style classes,
  each a ``PlotCurveItem`` with ``connect='pairs'`` drawn with ``drawLines``;
* points (valves, stations, customers…): one ``ScatterPlotItem`` per class;
* polygons (districts, buildings, rivers): one filled ``QPainterPath`` per class.

Never one item per feature: a million pipes are a few dozen items. Each layer
keeps a spatial index (KD-tree for points, shapely STRtree for lines and
polygons, built on first use) for identify and rectangle select.

A layer may be visible only at large scales (``max_scale``: the scale
denominator above which it is hidden, e.g. customers from 1:12 000) and may
carry labels (:class:`LabelRule`): district names always, street names at
large scales; labels are few ``LabelItem`` objects made for what is in view.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyqtgraph as pg
import pyqtgraph.functions as fn
import shapely
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from gisheat.core import schema
from gisheat.ui import labels
from gisheat.ui.map import style as st

LINE, POINT, POLYGON, TABLE = "line", "point", "polygon", "table"

SEGMENTS_PER_TILE = int(os.environ.get("GISHEAT_TILE", 5_000))
"""Target number of line segments per spatial tile (one curve item per tile and class)."""

MAX_POINT_COVER = 0.08
"""A point layer hides while its symbols would cover more than this share of the view."""

ANTIALIAS_LIMIT = int(os.environ.get("GISHEAT_AA", 40_000))
"""Lines are antialiased while fewer than this many segments are in view (beyond it speed wins)."""
CACHE = os.environ.get("GISHEAT_CACHE", "device")


def geometry_kind(frame: pd.DataFrame) -> str:
    """'line', 'point', 'polygon' or 'table' from the frame's geometry."""
    geom = getattr(frame, "geometry", None) if hasattr(frame, "_geometry_column_name") else None
    if geom is None:
        return TABLE
    ids = shapely.get_type_id(np.asarray(geom.array[:1000], dtype=object))
    ids = ids[ids >= 0]
    if len(ids) == 0:
        return LINE
    first = int(ids[0])
    if first in (0, 4):
        return POINT
    if first in (3, 6):
        return POLYGON
    return LINE


# --- symbols ------------------------------------------------------------------------------

def _valve_path() -> QPainterPath:
    """A bow-tie (two triangles tip to tip), the usual valve symbol."""
    p = QPainterPath()
    p.moveTo(-0.5, -0.35)
    p.lineTo(0.5, 0.35)
    p.lineTo(0.5, -0.35)
    p.lineTo(-0.5, 0.35)
    p.closeSubpath()
    return p


def _station_path() -> QPainterPath:
    """A square split by a diagonal: a heat exchanger."""
    p = QPainterPath()
    p.addRect(QRectF(-0.5, -0.5, 1, 1))
    p.moveTo(-0.5, 0.5)
    p.lineTo(0.5, -0.5)
    return p


def _source_path() -> QPainterPath:
    """A house with a chimney: a plant."""
    p = QPainterPath()
    p.moveTo(-0.5, 0.5)
    p.lineTo(-0.5, -0.1)
    p.lineTo(-0.15, -0.1)
    p.lineTo(-0.15, -0.5)
    p.lineTo(0.05, -0.5)
    p.lineTo(0.05, -0.1)
    p.lineTo(0.5, -0.35)
    p.lineTo(0.5, 0.5)
    p.closeSubpath()
    return p


SYMBOL_PATHS = {"valve": _valve_path(), "station": _station_path(), "source": _source_path()}


def scatter_symbol(shape: str):
    return SYMBOL_PATHS.get(shape, shape)


def qcolor(hex_colour: str, alpha: int = 255) -> QColor:
    c = QColor(hex_colour)
    c.setAlpha(alpha)
    return c


def cosmetic_pen(colour: str, width: float, *, dash: bool = False, alpha: int = 255) -> QPen:
    pen = QPen(qcolor(colour, alpha))
    pen.setWidthF(width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap if not dash else Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dash:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


# --- graphics items ---------------------------------------------------------------------------

class SegmentsItem(QGraphicsObject):
    """Many independent line segments drawn with one ``QPainter.drawLines`` call.

    The QLineF array is built once; the bounding rect is the data extent, so a
    repaint does no per-frame numpy work (pyqtgraph's PlotCurveItem
    recomputes its bounds on every view change, which dominated pan frames).
    """

    def __init__(self, xy: np.ndarray | LineGroup, pen: QPen | None = None, *, antialias: bool = True,
                 lod: Lod | None = None) -> None:
        super().__init__()
        group = xy if isinstance(xy, LineGroup) else LineGroup.make(xy, pen)
        self.count = group.count
        self._lines = group.lines
        self._pen = group.pen
        self.antialias = antialias
        self.lod = lod
        self.thin = self._pen.widthF() < 2.0
        self._fast_pen = QPen(self._pen)
        self._fast_pen.setWidthF(1.0)
        self._fast_pen.setStyle(Qt.PenStyle.SolidLine)
        x0, y0, x1, y1 = group.bounds
        pad = max(x1 - x0, y1 - y0) * 1e-3 + 0.5
        self._rect = QRectF(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad)

    def set_antialias(self, on: bool) -> None:
        if on != self.antialias:
            self.antialias = on
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        pen = self._pen
        if self.lod is not None:
            mode = self.lod.mode(self, painter.transform())
            if mode == Lod.SKIP:
                return
            if mode == Lod.ROUGH:
                pen = self._fast_pen
        elif self.count == 0:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.antialias and pen is self._pen)
        painter.setPen(pen)
        painter.drawLines(*self._lines.drawargs())


@dataclass
class LineGroup:
    """Segments drawn with one pen, ready for ``drawLines`` (built off the GUI thread)."""

    lines: PrimitiveArray
    count: int
    pen: QPen
    bounds: tuple[float, float, float, float]

    @classmethod
    def make(cls, xy: np.ndarray, pen: QPen) -> LineGroup:
        n = len(xy) // 2
        lines = PrimitiveArray(QLineF, 4)
        lines.resize(n)
        arr = lines.ndarray()
        arr[:, 0:2] = xy[0::2]
        arr[:, 2:4] = xy[1::2]
        if n:
            lo, hi = xy.min(axis=0), xy.max(axis=0)
        else:
            lo = hi = np.zeros(2)
        return cls(lines, n, pen, (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])))


OVERVIEW_MIN_SEGMENTS = int(os.environ.get("GISHEAT_OVERVIEW", 60_000))
"""Line layers with more segments than this get a raster overview for small scales."""
OVERVIEW_LEVELS = (4096, 2048, 1024)
"""Overview image sizes, each drawn with the layer's pens (a downscaled image would thin the lines)."""


class Overview:
    """Pre-rendered images of a big line layer, used while a pixel covers more than the finest one.

    Zoomed out, a million segments are a few pixels each: drawing them costs
    hundreds of milliseconds and shows nothing a picture would not. The
    images are rendered once (off the GUI thread) with the layer's pens;
    zoomed in past their resolution the vector tiles take over (few are in
    view then).
    """

    def __init__(self, groups: list[LineGroup], extent: tuple[float, float, float, float]) -> None:
        x0, y0, x1, y1 = extent
        span = max(x1 - x0, y1 - y0, 1e-9)
        pad = span * 0.01
        self.extent = (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
        span += 2 * pad
        self.levels: list[tuple[float, QImage]] = []
        for size in OVERVIEW_LEVELS:
            mpp = span / size
            w = max(1, int(math.ceil((self.extent[2] - self.extent[0]) / mpp)))
            h = max(1, int(math.ceil((self.extent[3] - self.extent[1]) / mpp)))
            image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            p = QPainter(image)
            # world → image pixels; y is NOT flipped: the view flips it when drawing
            p.scale(1 / mpp, 1 / mpp)
            p.translate(-self.extent[0], -self.extent[1])
            for group in groups:
                # an image is shown scaled down by up to 2× before the next level takes over:
                # slightly wider pens keep lines as strong as the vector drawing
                pen = QPen(group.pen)
                # whole pixels: 1-px lines take the rasteriser's fast path (most of a big network)
                pen.setWidthF(max(1.0, round(group.pen.widthF() * 1.4)))
                p.setPen(pen)
                p.drawLines(*group.lines.drawargs())
            p.end()
            self.levels.append((mpp, image))
        self.finest_mpp = self.levels[0][0]

    def covers(self, transform) -> bool:
        """True when one device pixel spans at least one pixel of the finest image."""
        scale = math.hypot(transform.m11(), transform.m12())  # device pixels per metre
        return scale > 0 and 1.0 / scale >= self.finest_mpp * 0.999

    def image_for(self, transform) -> QImage:
        scale = math.hypot(transform.m11(), transform.m12())
        mpp_device = 1.0 / scale if scale > 0 else 1e9
        best = self.levels[0][1]
        for mpp, image in self.levels:
            if mpp <= mpp_device * 1.001:
                best = image
        return best


class Lod:
    """Level of detail of one big line layer, shared by its tile items.

    With an overview: tiles draw nothing while the overview covers the view.
    While the overview is still being rendered (``pending``): zoomed out, only
    the thick pens (trunk mains) are drawn, so the first frames stay fast.
    """

    def __init__(self, extent: tuple[float, float, float, float]) -> None:
        x0, y0, x1, y1 = extent
        self.pending_mpp = max(x1 - x0, y1 - y0, 1e-9) / OVERVIEW_LEVELS[0]
        self.overview: Overview | None = None
        self.pending = True

    DRAW, ROUGH, SKIP = 0, 1, 2

    def mode(self, item: SegmentsItem, transform) -> int:
        """DRAW normally, ROUGH (1-px pen, while the overview renders) or SKIP this tile."""
        if item.count == 0:
            return Lod.SKIP
        if self.overview is not None:
            return Lod.SKIP if self.overview.covers(transform) else Lod.DRAW
        if self.pending:
            scale = math.hypot(transform.m11(), transform.m12())
            if scale > 0 and 1.0 / scale >= self.pending_mpp:
                return Lod.SKIP if item.thin else Lod.ROUGH
        return Lod.DRAW


class OverviewItem(QGraphicsObject):
    """Draws a layer's overview image when the view is zoomed out far enough."""

    def __init__(self, overview: Overview) -> None:
        super().__init__()
        self.overview = overview
        x0, y0, x1, y1 = overview.extent
        self._rect = QRectF(x0, y0, x1 - x0, y1 - y0)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        t = painter.transform()
        if not self.overview.covers(t):
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(self._rect, self.overview.image_for(t))


class PointsItem(QGraphicsObject):
    """Many copies of one pre-rendered symbol, drawn as pixmap fragments (only those in view)."""

    def __init__(self, xy: np.ndarray, symbol: st.Symbol) -> None:
        super().__init__()
        self.xy = np.ascontiguousarray(xy, dtype=np.float64)
        self.symbol = symbol
        self._pixmap: QPixmap | None = None
        self._dpr = 0.0
        self._fragments = PrimitiveArray(QPainter.PixmapFragment, 10)
        if len(xy):
            lo, hi = self.xy.min(axis=0), self.xy.max(axis=0)
        else:
            lo = hi = np.zeros(2)
        pad = max(hi[0] - lo[0], hi[1] - lo[1]) * 1e-3 + 1.0
        self._rect = QRectF(lo[0] - pad, lo[1] - pad, hi[0] - lo[0] + 2 * pad, hi[1] - lo[1] + 2 * pad)

    def boundingRect(self) -> QRectF:
        return self._rect

    def _render_symbol(self, dpr: float) -> None:
        sym = self.symbol
        side = int(math.ceil((sym.size + 3) * dpr))
        pm = QPixmap(side, side)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.translate(side / 2, side / 2)
        p.scale(sym.size * dpr, sym.size * dpr)
        pen = QPen(qcolor(sym.outline))
        outline = sym.width if sym.width > 1.5 else (1.2 if sym.shape != "o" else 0.9)
        pen.setWidthF(outline / sym.size)
        p.setPen(pen)
        p.setBrush(qcolor(sym.color, sym.fill_alpha))
        path = SYMBOL_PATHS.get(sym.shape)
        if path is not None:
            p.drawPath(path)
        elif sym.shape == "s":
            p.drawRect(QRectF(-0.5, -0.5, 1, 1))
        elif sym.shape == "d":
            p.drawPolygon(QPolygonF([QPointF(0, -0.5), QPointF(0.5, 0), QPointF(0, 0.5), QPointF(-0.5, 0)]))
        else:
            p.drawEllipse(QPointF(0, 0), 0.5, 0.5)
        p.end()
        self._pixmap = pm
        self._dpr = dpr

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if len(self.xy) == 0:
            return
        dpr = widget.devicePixelRatioF() if widget is not None else painter.device().devicePixelRatioF()
        if self._pixmap is None or dpr != self._dpr:
            self._render_symbol(dpr)
        t = painter.transform()
        x = self.xy[:, 0] * t.m11() + self.xy[:, 1] * t.m21() + t.m31()
        y = self.xy[:, 0] * t.m12() + self.xy[:, 1] * t.m22() + t.m32()
        vp = painter.viewport() if widget is None else widget.rect()
        margin = self.symbol.size
        inside = (x > vp.left() - margin) & (x < vp.right() + margin) & (y > vp.top() - margin) & (y < vp.bottom() + margin)
        n = int(inside.sum())
        if n == 0:
            return
        self._fragments.resize(n)
        frags = self._fragments.ndarray()
        frags[:, 0] = x[inside]
        frags[:, 1] = y[inside]
        side = self._pixmap.width()
        frags[:, 2:6] = [0, 0, side, side]
        frags[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
        painter.save()
        painter.resetTransform()
        painter.drawPixmapFragments(*self._fragments.drawargs(), self._pixmap)
        painter.restore()


class MapScatter(pg.ScatterPlotItem):
    """Point symbols that leave clicks to the map tools (pyqtgraph's would swallow them)."""

    def mouseClickEvent(self, ev) -> None:
        ev.ignore()

    def hoverEvent(self, ev) -> None:
        pass


class PathItem(QGraphicsObject):
    """A batched QPainterPath (polygons of one class) with a cosmetic pen and a brush."""

    def __init__(self, path: QPainterPath, pen: QPen, brush: QBrush) -> None:
        super().__init__()
        self._path = path
        self._pen = pen
        self._brush = brush
        self._rect = path.boundingRect()

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        return self._path

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        painter.drawPath(self._path)


class LabelItem(QGraphicsItem):
    """Text with a white halo, fixed size on screen, anchored at a map point."""

    def __init__(self, text: str, font: QFont, colour: str = "#263238", angle: float = 0.0, halo: str = "#ffffff",
                 dy: float = 0.0) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        path = QPainterPath()
        path.addText(0, 0, font, text)
        r = path.boundingRect()
        # centred on the anchor, or ``dy`` pixels below it (under a point symbol)
        path.translate(-r.center().x(), -r.center().y() + (dy + r.height() / 2 if dy else 0))
        self._path = path
        self._colour = QColor(colour)
        self._halo = QColor(halo)
        stroker = QPainterPathStroker()
        stroker.setWidth(3.0)
        stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self._halo_path = stroker.createStroke(path)
        self._rect = self._halo_path.boundingRect().adjusted(-1, -1, 1, 1)
        self.setRotation(angle)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._halo)
        painter.drawPath(self._halo_path)
        painter.setBrush(self._colour)
        painter.drawPath(self._path)


@dataclass
class LabelRule:
    """Label features of a layer with ``field``, up to scale 1:``max_scale`` (0 = always)."""

    field: str
    max_scale: float = 0.0
    placement: str = "centroid"  # or 'line'
    size: int = 10
    bold: bool = False
    colour: str = "#263238"
    limit: int = 150


# --- the layer ----------------------------------------------------------------------------------

class MapLayer:
    """One layer of the file on the map (see the module docstring)."""

    def __init__(self, name: str, frame: pd.DataFrame, *, style: st.LayerStyle | None = None,
                 context: bool = False, max_scale: float = 0.0, label_rule: LabelRule | None = None) -> None:
        self.name = name
        self.frame = frame
        self.kind = geometry_kind(frame)
        self.style = style or st.default_style(name, self.kind)
        self.context = context
        self.visible = True
        self.max_scale = max_scale
        self.label_rule = label_rule
        self.z = 0.0
        self.numeric: np.ndarray | None = None
        self.theme_name: str | None = None
        self.classified = st.Classified(np.zeros(len(frame), dtype=np.int64), [])
        self.items: list[QGraphicsItem] = []
        self.label_items: list[QGraphicsItem] = []
        self.view_box: pg.ViewBox | None = None
        self.in_scale = True
        self.too_dense = False
        self.not_in_service = 0
        """Pipes not in service (drawn dashed), for the legend."""
        self._tree = None
        self._prepare_geometry()

    # --- geometry ---------------------------------------------------------------------

    def _prepare_geometry(self) -> None:
        self.geoms = np.empty(0, dtype=object)
        self.bounds = None
        if self.kind == TABLE:
            return
        geoms = np.asarray(self.frame.geometry.array, dtype=object) if len(self.frame) else np.empty(0, dtype=object)
        self.geoms = geoms
        ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms)) if len(geoms) else np.zeros(0, bool)
        self.valid_rows = np.flatnonzero(ok)
        if len(self.valid_rows):
            b = shapely.total_bounds(geoms[ok])
            self.bounds = tuple(float(v) for v in b)
        if self.kind == POINT:
            xy = shapely.get_coordinates(geoms[ok])
            self.point_xy = xy[:, :2] if len(xy) == len(self.valid_rows) else np.column_stack(
                [shapely.get_x(shapely.centroid(geoms[ok])), shapely.get_y(shapely.centroid(geoms[ok]))])
        elif self.kind == LINE:
            parts, part_feature = _single_parts(geoms[ok], single_type=1)
            coords, part_of_vertex = shapely.get_coordinates(parts, return_index=True)
            same = part_of_vertex[:-1] == part_of_vertex[1:]
            start = np.flatnonzero(same)
            self.seg_row = self.valid_rows[part_feature[part_of_vertex[start]]]
            pairs = np.empty((len(start) * 2, 2))
            pairs[0::2] = coords[start, :2]
            pairs[1::2] = coords[start + 1, :2]
            self.seg_xy = pairs
        elif self.kind == POLYGON:
            parts, part_feature = _single_parts(geoms[ok], single_type=3)
            rings, ring_part = shapely.get_rings(parts, return_index=True)
            coords, ring_of_vertex = shapely.get_coordinates(rings, return_index=True)
            connect = np.ones(len(coords), dtype=np.int32)
            if len(coords):
                connect[:-1] = ring_of_vertex[:-1] == ring_of_vertex[1:]
                connect[-1] = 0
            self.poly_xy = coords[:, :2]
            self.poly_connect = connect
            self.poly_vertex_row = self.valid_rows[part_feature[ring_part[ring_of_vertex]]]

    @property
    def label(self) -> str:
        return labels.layer_label(self.name)

    @property
    def feature_count(self) -> int:
        return len(self.frame)

    # --- items -------------------------------------------------------------------------

    def attach(self, view_box: pg.ViewBox) -> None:
        self.view_box = view_box
        self.rebuild()

    def detach(self) -> None:
        self._remove_items()
        self._remove_labels()
        self.view_box = None

    def _remove_items(self) -> None:
        if self.view_box is not None:
            for item in self.items:
                self.view_box.removeItem(item)
        self.items = []

    def _remove_labels(self) -> None:
        if self.view_box is not None:
            for item in self.label_items:
                self.view_box.removeItem(item)
        self.label_items = []

    def classify(self) -> None:
        self.classified = st.classify(
            self.style, self.frame, numeric=self.numeric, value_label=labels.value_label, layer=self.name,
            no_value=_no_value_text(),
        )

    def rebuild(self) -> None:
        """(Re)make the batched items from the current style."""
        if not getattr(self, "_prepared", False):
            self.prepare()
        self._prepared = False  # the next rebuild (a new style) classifies again
        self._remove_items()
        if self.view_box is None or self.kind == TABLE:
            return
        if self.kind == LINE:
            self.items = self._line_items()
        elif self.kind == POINT:
            self.items = self._point_items()
        elif self.kind == POLYGON:
            self.items = self._polygon_items()
        for item in self.items:
            item.setZValue(self.z + getattr(item, "_z_offset", 0.0))
            item.setVisible(self.visible and self.in_scale)
            self.view_box.addItem(item, ignoreBounds=True)

    def prepare(self, *, overview: bool = False) -> None:
        """Classify and build the line groups — safe to run in a worker thread.

        Big line layers need an overview (:meth:`render_overview`); with
        ``overview=True`` it is rendered here too, otherwise the caller renders
        it in the background and hands it over with :meth:`set_overview`.
        """
        self.classify()
        self._groups: list[LineGroup] = []
        self.lod: Lod | None = None
        if self.kind == LINE:
            self._groups = self._line_groups()
            if self.needs_overview:
                self.lod = Lod(self.bounds)
                if overview:
                    self.lod.overview = self.render_overview()
                    self.lod.pending = False
        self._prepared = True

    @property
    def needs_overview(self) -> bool:
        groups = getattr(self, "_groups", [])
        return self.bounds is not None and sum(g.count for g in groups) > OVERVIEW_MIN_SEGMENTS

    def render_overview(self) -> Overview:
        """The overview images (plain QImage painting: runs in a worker thread)."""
        return Overview(self._groups, self.bounds)

    def set_overview(self, overview: Overview, groups: list[LineGroup] | None = None) -> None:
        """Install an overview rendered in the background (ignored when the layer was restyled since)."""
        if self.lod is None or (groups is not None and groups is not self._groups):
            return
        self.lod.overview = overview
        self.lod.pending = False
        if self.view_box is not None:
            item = OverviewItem(overview)
            item._z_offset = 0.4
            item.setZValue(self.z + 0.4)
            item.setVisible(self.visible and self.in_scale)
            self.view_box.addItem(item, ignoreBounds=True)
            self.items.append(item)
            for it in self.items:
                it.update()

    def _line_groups(self) -> list[LineGroup]:
        if not hasattr(self, "seg_row") or len(self.seg_row) == 0:
            return []
        legend = self.classified.legend
        colour_class = self.classified.classes[self.seg_row]
        n_width = 1
        width_class = np.zeros(len(self.seg_row), dtype=np.int64)
        if self.style.width_by_dn and "dn" in self.frame.columns:
            dn = schema.numeric_column(self.frame, "dn")[self.seg_row]
            width_class = st.dn_width_class(dn)
            n_width = len(st.DN_WIDTHS)
        dash_class = np.zeros(len(self.seg_row), dtype=np.int64)
        self.not_in_service = 0
        if self.name == "pipes" and "status" in self.frame.columns and self.style.field != "status":
            codes, cats = st.category_codes(self.frame, "status", self.name)
            out = np.array([c != schema.IN_SERVICE for c in cats] + [False])[codes]
            self.not_in_service = int(out.sum())
            dash_class = out[self.seg_row].astype(np.int64)
        combo = (colour_class * n_width + width_class) * 2 + dash_class
        keep = colour_class >= 0
        # spatial tiles from segment midpoints
        n_seg = int(keep.sum())
        n_tiles = max(1, n_seg // SEGMENTS_PER_TILE)
        side = max(1, int(math.ceil(math.sqrt(n_tiles))))
        mid = (self.seg_xy[0::2] + self.seg_xy[1::2]) / 2
        x0, y0, x1, y1 = self.bounds
        tx = np.clip(((mid[:, 0] - x0) / max(x1 - x0, 1e-9) * side).astype(np.int64), 0, side - 1)
        ty = np.clip(((mid[:, 1] - y0) / max(y1 - y0, 1e-9) * side).astype(np.int64), 0, side - 1)
        n_combo = max(len(legend), 1) * n_width * 2
        # draw order: thin before thick, so trunks stay on top of branches
        key = ((width_class * 2 + dash_class) * side * side + ty * side + tx) * n_combo + combo
        idx = np.flatnonzero(keep)
        order = idx[np.argsort(key[idx], kind="stable")]
        cuts = np.flatnonzero(np.diff(key[order])) + 1
        groups = []
        for group in np.split(order, cuts):
            if len(group) == 0:
                continue
            c = int(combo[group[0]])
            dash = c % 2
            w = (c // 2) % n_width
            k = c // 2 // n_width
            sym = legend[k].symbol if k < len(legend) else self.style.symbol
            width = st.DN_WIDTHS[w][1] if self.style.width_by_dn and n_width > 1 else sym.width
            pts = np.empty((len(group) * 2,), dtype=np.int64)
            pts[0::2] = group * 2
            pts[1::2] = group * 2 + 1
            pen = cosmetic_pen(sym.color, width, dash=bool(dash), alpha=150 if dash else 255)
            groups.append(LineGroup.make(self.seg_xy[pts], pen))
        return groups

    def _line_items(self) -> list[QGraphicsItem]:
        groups = getattr(self, "_groups", [])
        n_seg = sum(g.count for g in groups)
        antialias = n_seg < ANTIALIAS_LIMIT
        items: list[QGraphicsItem] = []
        for group in groups:
            item = SegmentsItem(group, antialias=antialias, lod=self.lod)
            if CACHE == "device":
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            items.append(item)
        if self.lod is not None and self.lod.overview is not None:
            ov = OverviewItem(self.lod.overview)
            ov._z_offset = 0.4
            items.append(ov)
        if self.name == "streets":
            items = self._street_casing(items)
        return items

    def _street_casing(self, items: list) -> list:
        """Streets as a light band with a thin darker edge: a map, not a network."""
        casing = SegmentsItem(self.seg_xy, cosmetic_pen("#b0bec5", self.style.symbol.width + 2))
        casing._z_offset = -0.5
        return [casing, *items]

    def _point_items(self) -> list[QGraphicsItem]:
        if len(self.valid_rows) == 0:
            return []
        classes = self.classified.classes[self.valid_rows]
        order = np.argsort(classes, kind="stable")
        bounds = np.searchsorted(classes[order], np.arange(len(self.classified.legend) + 1))
        items = []
        for k, entry in enumerate(self.classified.legend):
            rows = order[bounds[k]:bounds[k + 1]]
            if len(rows) == 0:
                continue
            item = PointsItem(self.point_xy[rows], entry.symbol)
            # rare categories (hospitals, inoperable valves) drawn over common ones
            item._z_offset = 0.5 - 0.5 * entry.count / max(len(classes), 1)
            items.append(item)
        return items

    def _polygon_items(self) -> list[QGraphicsItem]:
        if not hasattr(self, "poly_xy") or len(self.poly_xy) == 0:
            return []
        classes = self.classified.classes[self.poly_vertex_row]
        items = []
        for k, entry in enumerate(self.classified.legend):
            mask = classes == k
            if not mask.any():
                continue
            sym = entry.symbol
            connect = self.poly_connect[mask].copy()
            connect[-1] = 0
            path = fn.arrayToQPath(self.poly_xy[mask, 0], self.poly_xy[mask, 1], connect=connect, finiteCheck=False)
            path.setFillRule(Qt.FillRule.OddEvenFill)
            pen = cosmetic_pen(sym.outline, sym.width, dash=sym.dash)
            brush = QBrush(qcolor(sym.color, sym.fill_alpha))
            items.append(PathItem(path, pen, brush))
        return items

    # --- state ---------------------------------------------------------------------------

    def set_z(self, z: float) -> None:
        self.z = z
        for item in self.items:
            item.setZValue(z + getattr(item, "_z_offset", 0.0))

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        self._apply_visibility()

    def _apply_visibility(self) -> None:
        shown = self.visible and self.in_scale
        for item in self.items:
            item.setVisible(shown)
        if not shown:
            self._remove_labels()

    def set_style(self, style: st.LayerStyle, numeric: np.ndarray | None = None, theme_name: str | None = None) -> None:
        self.style = style
        self.numeric = numeric
        self.theme_name = theme_name
        self.rebuild()

    @property
    def shown(self) -> bool:
        return self.visible and self.in_scale and self.kind != TABLE

    def update_scale(self, scale: float, view: QRectF | None = None, metres_per_pixel: float = 0.0) -> bool:
        """Show or hide by scale (1:``scale``); returns True when that changed.

        Point layers also hide while their symbols would cover more than
        ``MAX_POINT_COVER`` of the view (3 000 stations on a city overview are
        a carpet, not a map); ``too_dense`` tells the layer panel why. A layer
        with its own scale limit (valves from 1:25 000) keeps that promise:
        the limit already bounds how many symbols are in view.
        """
        in_scale = self.max_scale <= 0 or scale <= self.max_scale
        was_dense = self.too_dense
        self.too_dense = False
        if in_scale and self.max_scale <= 0 and self.kind == POINT and view is not None and metres_per_pixel > 0 \
                and len(self.valid_rows):
            r = view.normalized()
            xy = self.point_xy
            if len(xy) <= 300_000:
                n_in = int(((xy[:, 0] >= r.left()) & (xy[:, 0] <= r.right())
                            & (xy[:, 1] >= r.top()) & (xy[:, 1] <= r.bottom())).sum())
            else:
                n_in = len(xy)
            size_m = max((e.symbol.size for e in self.classified.legend), default=8) * metres_per_pixel
            covered = n_in * size_m * size_m / max(r.width() * r.height(), 1e-9)
            if covered > MAX_POINT_COVER:
                in_scale = False
                self.too_dense = True
        if in_scale == self.in_scale:
            return was_dense != self.too_dense  # hidden for another reason: the layer panel says which
        self.in_scale = in_scale
        self._apply_visibility()
        return True

    def update_quality(self, view: QRectF) -> None:
        """Antialias lines only while few segments are in view (zoomed in)."""
        if self.kind != LINE or not self.shown:
            return
        items = [i for i in self.items if isinstance(i, SegmentsItem)]
        visible = sum(i.count for i in items if i.boundingRect().intersects(view))
        for item in items:
            item.set_antialias(visible < ANTIALIAS_LIMIT)

    def update_labels(self, view: QRectF, scale: float) -> None:
        """Place labels for what is in view (few items, rebuilt after each pan/zoom)."""
        self._remove_labels()
        rule = self.label_rule
        if rule is None or self.view_box is None or not self.shown or rule.field not in self.frame.columns:
            return
        if rule.max_scale > 0 and scale > rule.max_scale:
            return
        texts = schema.text_column(self.frame, rule.field)
        font = QFont()
        font.setPointSize(rule.size)
        font.setBold(rule.bold)
        placed = []
        x0, y0, x1, y1 = view.left(), view.top(), view.right(), view.bottom()
        if y0 > y1:
            y0, y1 = y1, y0
        rows = self.valid_rows
        if len(rows) == 0:
            return
        geoms = self.geoms[rows]
        box = shapely.box(x0, y0, x1, y1)
        in_view = shapely.intersects(geoms, box)
        for i in np.flatnonzero(in_view)[: rule.limit * 4]:
            text = texts[rows[i]]
            if not text:
                continue
            g = shapely.intersection(geoms[i], box) if rule.placement == "line" else geoms[i]
            if rule.placement == "line":
                at, angle = _line_label_anchor(g)
                if at is None:
                    continue
            else:
                p = shapely.point_on_surface(g) if self.kind == POLYGON else shapely.centroid(g)
                at, angle = (p.x, p.y), 0.0
            if any(abs(at[0] - q[0]) < (x1 - x0) / 25 and abs(at[1] - q[1]) < (y1 - y0) / 40 for q in placed):
                continue
            placed.append(at)
            dy = max((e.symbol.size for e in self.classified.legend), default=0) * 0.6 + 2 if self.kind == POINT else 0
            item = LabelItem(text, font, rule.colour, angle, dy=dy)
            item.setPos(QPointF(*at))
            item.setZValue(900 + (50 if self.kind == POLYGON else 0))
            self.view_box.addItem(item, ignoreBounds=True)
            self.label_items.append(item)
            if len(self.label_items) >= rule.limit:
                break

    # --- queries --------------------------------------------------------------------------

    def _index(self):
        if self._tree is None:
            if self.kind == POINT:
                from scipy.spatial import cKDTree  # imported on first identify: keeps start-up fast

                self._tree = cKDTree(self.point_xy) if len(self.valid_rows) else None
            elif self.kind in (LINE, POLYGON):
                self._tree = shapely.STRtree(self.geoms[self.valid_rows]) if len(self.valid_rows) else None
        return self._tree

    def nearest(self, x: float, y: float, tolerance: float) -> tuple[int, float] | None:
        """Row and distance of the feature nearest (x, y) within ``tolerance`` map units."""
        tree = self._index()
        if tree is None:
            return None
        if self.kind == POINT:
            dist, i = tree.query([x, y], distance_upper_bound=tolerance)
            if not np.isfinite(dist):
                return None
            return int(self.valid_rows[i]), float(dist)
        point = shapely.Point(x, y)
        if self.kind == POLYGON:
            hits = tree.query(point, predicate="intersects")
            if len(hits) == 0:
                return None
            # the smallest polygon under the cursor (a building inside a district)
            areas = shapely.area(self.geoms[self.valid_rows[hits]])
            return int(self.valid_rows[hits[int(np.argmin(areas))]]), 0.0
        idx, dist = tree.query_nearest(point, max_distance=tolerance, return_distance=True)
        idx = np.asarray(idx)
        if idx.ndim == 2:  # (input, tree) pairs for array input
            idx = idx[1]
        if len(idx) == 0:
            return None
        j = int(np.argmin(dist))
        return int(self.valid_rows[idx[j]]), float(dist[j])

    def rows_in_rect(self, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        """Rows of features that touch the rectangle."""
        if self.kind == TABLE or len(self.valid_rows) == 0:
            return np.empty(0, dtype=np.int64)
        xa, xb = sorted((x0, x1))
        ya, yb = sorted((y0, y1))
        if self.kind == POINT:
            xy = self.point_xy
            inside = (xy[:, 0] >= xa) & (xy[:, 0] <= xb) & (xy[:, 1] >= ya) & (xy[:, 1] <= yb)
            return self.valid_rows[inside]
        hits = self._index().query(shapely.box(xa, ya, xb, yb), predicate="intersects")
        return np.sort(self.valid_rows[hits])

    def extent_of(self, rows: np.ndarray) -> tuple[float, float, float, float] | None:
        if self.kind == TABLE or len(rows) == 0:
            return None
        geoms = self.geoms[rows]
        geoms = geoms[~shapely.is_missing(geoms)]
        if len(geoms) == 0:
            return None
        return tuple(float(v) for v in shapely.total_bounds(geoms))


def _single_parts(geoms: np.ndarray, *, single_type: int) -> tuple[np.ndarray, np.ndarray]:
    """Single-part geometries and the index of the feature each came from.

    Features that already are single (the usual case) are passed through:
    ``shapely.get_parts`` would copy every geometry (2 s for a million pipes).
    """
    types = shapely.get_type_id(geoms)
    single = types == single_type
    if single.all():
        return geoms, np.arange(len(geoms))
    multi = np.flatnonzero(~single)
    parts, which = shapely.get_parts(geoms[multi], return_index=True)
    index = np.concatenate([np.flatnonzero(single), multi[which]])
    order = np.argsort(index, kind="stable")
    return np.concatenate([geoms[single], parts])[order], index[order]


def _line_label_anchor(geom) -> tuple[tuple[float, float] | None, float]:
    """Middle of the longest visible part and the text angle there (kept upright)."""
    parts = shapely.get_parts(geom)
    parts = [p for p in parts if p.geom_type == "LineString" and p.length > 0]
    if not parts:
        return None, 0.0
    line = max(parts, key=lambda p: p.length)
    a = line.interpolate(0.45, normalized=True)
    b = line.interpolate(0.55, normalized=True)
    m = line.interpolate(0.5, normalized=True)
    angle = math.degrees(math.atan2(b.y - a.y, b.x - a.x))
    if angle > 90:
        angle -= 180
    elif angle < -90:
        angle += 180
    return (m.x, m.y), -angle


def _no_value_text() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("MapLayer", "no value")
