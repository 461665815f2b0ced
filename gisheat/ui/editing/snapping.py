"""Snapping for the edit tools, and the marker that shows what the cursor snaps to.

Within ``SNAP_PIXELS`` of the cursor, in this order (as in QGIS: vertices
beat segments):

1. a pipe end (a *node*, where pipes join) or a valve, source, station or
   customer — the nearest one;
2. an interior vertex of a pipe;
3. the nearest point on a pipe.

Only layers switched on in the layer panel are snapped to. Pipe ends are
indexed once per pipes frame (edits install a new frame, so the index never
goes stale); vertices and segments use the map layer's spatial index.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import shapely
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor, QFont

from gisheat.core import edits
from gisheat.ui import labels
from gisheat.ui.editing.gestures import NODE, NONE, ON_PIPE, POINT, VERTEX, Snap
from gisheat.ui.map.layers import LINE
from gisheat.ui.session import id_field_of

SNAP_PIXELS = 10.0
SNAP_COLOUR = "#d500f9"
POINT_LAYERS = edits.POINT_LAYERS


class NodeIndex:
    """First and last vertices of the LineString pipes of one frame, in a k-d tree."""

    def __init__(self, frame) -> None:
        from scipy.spatial import cKDTree

        self.frame = frame
        geoms = np.asarray(frame.geometry.array, dtype=object) if len(frame) else np.empty(0, dtype=object)
        ok = (shapely.get_type_id(geoms) == 1) & ~shapely.is_empty(geoms) if len(geoms) else np.zeros(0, bool)
        rows = np.flatnonzero(ok)
        first = shapely.get_coordinates(shapely.get_point(geoms[rows], 0)) if len(rows) else np.empty((0, 2))
        last = shapely.get_coordinates(shapely.get_point(geoms[rows], -1)) if len(rows) else np.empty((0, 2))
        self.xy = np.vstack([first, last])[:, :2] if len(rows) else np.empty((0, 2))
        self.rows = np.concatenate([rows, rows])
        self.tree = cKDTree(self.xy) if len(self.xy) else None

    def nearest(self, x: float, y: float, radius: float, exclude_rows=frozenset()) -> tuple[float, int, float, float] | None:
        if self.tree is None:
            return None
        hits = self.tree.query_ball_point([x, y], radius)
        best = None
        for i in hits:
            if int(self.rows[i]) in exclude_rows:
                continue
            d = float(np.hypot(self.xy[i, 0] - x, self.xy[i, 1] - y))
            if best is None or d < best[0]:
                best = (d, int(self.rows[i]), float(self.xy[i, 0]), float(self.xy[i, 1]))
        return best


class Snapper:
    """What a cursor position snaps to on ``canvas`` for the network of ``session``."""

    def __init__(self, canvas, session) -> None:
        self.canvas = canvas
        self.session = session
        self.enabled = True
        self.pixels = SNAP_PIXELS
        self._nodes: NodeIndex | None = None

    def radius(self) -> float:
        return self.pixels * self.canvas.metres_per_pixel()

    def nodes(self) -> NodeIndex | None:
        network = self.session.network
        if network is None or "pipes" not in network.layers:
            return None
        frame = network.layers["pipes"]
        if self._nodes is None or self._nodes.frame is not frame:
            self._nodes = NodeIndex(frame)
        return self._nodes

    def _shown(self, name: str) -> bool:
        layer = self.canvas.layers.get(name)
        return layer is not None and layer.visible

    def snap(self, x: float, y: float, *, kinds=(NODE, POINT, VERTEX, ON_PIPE), points=POINT_LAYERS,
             exclude_rows=frozenset(), exclude_xy: tuple[float, float] | None = None) -> Snap:
        """The snap for (x, y); ``exclude_rows`` are pipe rows to ignore (the ones being dragged)."""
        raw = Snap(float(x), float(y))
        if not self.enabled or self.session.network is None:
            return raw
        radius = self.radius()
        best: tuple[float, Snap] | None = None

        def far_from_excluded(px: float, py: float) -> bool:
            return exclude_xy is None or np.hypot(px - exclude_xy[0], py - exclude_xy[1]) > 1e-9

        if NODE in kinds and self._shown("pipes"):
            nodes = self.nodes()
            hit = nodes.nearest(x, y, radius, exclude_rows) if nodes is not None else None
            if hit is not None and far_from_excluded(hit[2], hit[3]):
                best = (hit[0], Snap(hit[2], hit[3], NODE, "pipes", hit[1]))
        if POINT in kinds:
            for name in points:
                layer = self.canvas.layers.get(name)
                if layer is None or not layer.visible or len(layer.valid_rows) == 0:
                    continue
                hit = layer.nearest(x, y, radius)
                if hit is None:
                    continue
                px, py = layer.point_xy[np.searchsorted(layer.valid_rows, hit[0])]
                if best is not None and best[1].kind == NODE and np.hypot(px - best[1].x, py - best[1].y) < 1e-6:
                    continue  # a valve, station or customer on a node: the node is what matters
                if far_from_excluded(px, py) and (best is None or hit[1] < best[0]):
                    best = (hit[1], Snap(float(px), float(py), POINT, name, int(hit[0])))
        if best is not None:
            return best[1]
        layer = self.canvas.layers.get("pipes")
        if layer is None or layer.kind != LINE or not layer.visible or not (VERTEX in kinds or ON_PIPE in kinds):
            return raw
        tree = layer._index()
        if tree is None:
            return raw
        point = shapely.Point(x, y)
        near = layer.valid_rows[tree.query(point, predicate="dwithin", distance=radius)]
        near = [int(r) for r in near if int(r) not in exclude_rows]
        if not near:
            return raw
        geoms = layer.geoms[near]
        if VERTEX in kinds:
            coords, which = shapely.get_coordinates(geoms, return_index=True)
            counts = shapely.get_num_coordinates(geoms)
            starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
            index = np.arange(len(coords)) - starts[which]
            interior = (index > 0) & (index < counts[which] - 1)
            d = np.hypot(coords[:, 0] - x, coords[:, 1] - y)
            d[~interior] = np.inf
            if len(d) and d.min() <= radius:
                i = int(np.argmin(d))
                return Snap(float(coords[i, 0]), float(coords[i, 1]), VERTEX, "pipes", near[which[i]], int(index[i]))
        if ON_PIPE in kinds:
            dist = shapely.distance(geoms, point)
            j = int(np.argmin(dist))
            if dist[j] <= radius:
                line = geoms[j]
                on = shapely.line_interpolate_point(line, shapely.line_locate_point(line, point))
                return Snap(float(on.x), float(on.y), ON_PIPE, "pipes", near[j])
        return raw

    def describe(self, snap: Snap) -> str:
        """What the marker's label says: 'Node (end of P0042)', 'On pipe P0042', 'Station HS22'."""
        if snap.kind == NONE or snap.layer is None or snap.row is None:
            return ""
        ident = feature_name(self.session, snap.layer, snap.row)
        if snap.kind == NODE:
            nodes = self.nodes()
            rows = sorted({int(nodes.rows[i]) for i in nodes.tree.query_ball_point([snap.x, snap.y], 1e-6)}) \
                if nodes is not None and nodes.tree is not None else [snap.row]
            names = [feature_name(self.session, "pipes", r) for r in rows[:3]] + (["…"] if len(rows) > 3 else [])
            return QCoreApplication.translate("Snapper", "Node (end of %1)").replace("%1", ", ".join(names) or ident)
        if snap.kind == VERTEX:
            return QCoreApplication.translate("Snapper", "Vertex of %1").replace("%1", ident)
        if snap.kind == ON_PIPE:
            return QCoreApplication.translate("Snapper", "On pipe %1").replace("%1", ident)
        return f"{labels.layer_label(snap.layer)} {ident}"


def feature_name(session, layer: str, row: int) -> str:
    """The id of a feature as the user reads it ('P0042'), or '#row'."""
    frame = session.layer(layer)
    id_field = id_field_of(layer, frame)
    if id_field is None or row >= len(frame):
        return f"#{row + 1}"
    return labels.display_value(layer, id_field, frame[id_field].iloc[row]) or f"#{row + 1}"


class SnapMarker(QObject):
    """A magenta square on a vertex or node, a cross on a pipe, with a short label beside it."""

    def __init__(self, tool) -> None:
        super().__init__(tool)
        self.tool = tool
        self.spot: pg.ScatterPlotItem | None = None
        self.text: pg.TextItem | None = None

    def show(self, snap: Snap, label: str, *, ring: bool = False) -> None:
        """Mark ``snap`` (``ring``: a circle around a ghost symbol instead of the square or cross)."""
        if self.spot is None:
            self.spot = pg.ScatterPlotItem(size=15, pxMode=True, antialias=True)
            self.tool.add_item(self.spot, 900)
            self.text = pg.TextItem(color=QColor("#4a148c"), anchor=(0, 1.2), fill=pg.mkBrush(255, 255, 255, 225),
                                    border=pg.mkPen(SNAP_COLOUR))
            font = QFont()
            font.setPointSizeF(8.5)
            self.text.setFont(font)
            self.tool.add_item(self.text, 901)
        if snap.kind == NONE:
            self.hide()
            return
        symbol = "o" if ring else "x" if snap.kind == ON_PIPE else "s"
        brush = pg.mkBrush(SNAP_COLOUR) if symbol == "x" else pg.mkBrush(255, 255, 255, 0)
        self.spot.setData([snap.x], [snap.y], symbol=symbol, size=26 if ring else 15,
                          pen=pg.mkPen(SNAP_COLOUR, width=2.5), brush=brush)
        self.spot.setVisible(True)
        self.text.setText(label)
        self.text.setPos(snap.x, snap.y)
        self.text.setAnchor(self._anchor(snap))
        self.text.setVisible(bool(label))

    def _anchor(self, snap: Snap) -> tuple[float, float]:
        """Up and to the right of the mark; to the left / below where the label would leave the map."""
        canvas = self.tool.canvas
        try:
            at = canvas.map_to_screen(snap.x, snap.y)
        except (AttributeError, TypeError):
            return (0, 1.2)
        box = self.text.textItem.boundingRect()
        view = canvas.viewport().rect()
        right = at.x() + box.width() + 90 > view.width()  # 90 px: the north arrow's corner
        high = at.y() - box.height() * 1.2 < 4
        return (1.05 if right else -0.05, -0.2 if high else 1.2)

    def label_at(self, xy: tuple[float, float], label: str) -> None:
        """Only the label, at ``xy`` (the delete tool names what a click would delete)."""
        self.show(Snap(xy[0], xy[1], ON_PIPE), label)
        self.spot.setVisible(False)

    def hide(self) -> None:
        if self.spot is not None:
            self.spot.setVisible(False)
            self.text.setVisible(False)

    def forget(self) -> None:
        """The tool removed its items (deactivated): make new ones next time."""
        self.spot = None
        self.text = None

    @property
    def visible(self) -> bool:
        return self.spot is not None and self.spot.isVisible()
