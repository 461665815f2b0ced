"""The isolation drawn on the map: what is drained, what is cut off, which valves to close in
which order, and who is affected — one overlay with a legend, the rest of the map dimmed."""

from __future__ import annotations

import math

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from gisheat.analysis import topology as topo
from gisheat.analysis.response import IncidentRun
from gisheat.core import schema
from gisheat.io.results import piece_geometries
from gisheat.ui.map import style as st
from gisheat.ui.map.layers import PointsItem, SegmentsItem, cosmetic_pen
from gisheat.ui.map.overlays import Overlay

translate = QCoreApplication.translate
"""Qt's translate under a name pyside6-lupdate recognises."""

OVERLAY_NAME = "incident"

ISOLATED = "#d50000"
CUT_OFF = "#ef6c00"
FAILED_PIPE = "#212121"
ROUTE = "#1565c0"
CLOSE = "#1a237e"
NEW = "#ffd600"
BOUNDARY = "#757575"
FAILED_VALVE = "#ff1744"
TIE_OPEN = "#2e7d32"
TIE_CANDIDATE = "#66bb6a"
STATION = "#6a1b9a"
CUSTOMER = "#ff9800"
PRIORITY = "#c2185b"

MARKERS_Z = 520
"""Above the map's labels (the canvas adds its overlay base): the numbers must stay readable."""




class NumberedMarkers(QGraphicsItem):
    """Round badges with a number (the crew's visiting order), fixed size on screen."""

    def __init__(self, xy: np.ndarray, texts: list[str], colour: str, *, ring: list[bool] | None = None,
                 radius: float = 11.0) -> None:
        super().__init__()
        self.xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        self.texts = texts
        self.ring = ring or [False] * len(texts)
        self.colour = QColor(colour)
        self.radius = radius
        lo = self.xy.min(axis=0) if len(self.xy) else np.zeros(2)
        hi = self.xy.max(axis=0) if len(self.xy) else np.zeros(2)
        pad = max(80.0, 0.05 * float(max(hi[0] - lo[0], hi[1] - lo[1])))  # badges are drawn in pixels around
        self._rect = QRectF(lo[0] - pad, lo[1] - pad, hi[0] - lo[0] + 2 * pad, hi[1] - lo[1] + 2 * pad)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        transform = painter.transform()
        painter.resetTransform()
        font = QFont(painter.font())
        font.setPixelSize(int(self.radius * 1.15))
        font.setBold(True)
        painter.setFont(font)
        r = self.radius
        spots = self.placed(transform)
        for (x, y), p in zip(self.xy, spots, strict=True):  # leader lines first, under every badge
            anchor = transform.map(QPointF(x, y))
            if (p - anchor).manhattanLength() > 1:  # moved aside from a badge at the same spot
                painter.setPen(QPen(self.colour, 1.5))
                painter.drawLine(anchor, p)
                painter.setBrush(QBrush(self.colour))
                painter.drawEllipse(anchor, 3, 3)
        for text, ring, p in zip(self.texts, self.ring, spots, strict=True):
            if ring:
                painter.setPen(QPen(QColor(NEW), 4))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(p, r + 4, r + 4)
            painter.setPen(QPen(QColor("#ffffff"), 2))
            painter.setBrush(QBrush(self.colour))
            painter.drawEllipse(p, r, r)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


    def placed(self, transform) -> list[QPointF]:
        """Screen positions of the badges: on their valve, or moved aside (up, right, left, down…)
        when an earlier badge is already there (two valves at one junction)."""
        gap = 2 * self.radius + 3
        out: list[QPointF] = []
        for x, y in self.xy:
            anchor = transform.map(QPointF(float(x), float(y)))
            spot = anchor
            for dx, dy in ((0, 0), (0, -1), (1, 0), (-1, 0), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1), (0, -2),
                           (2, 0), (-2, 0), (0, 2)):
                spot = QPointF(anchor.x() + dx * gap, anchor.y() + dy * gap)
                if all(math.hypot(spot.x() - q.x(), spot.y() - q.y()) >= gap - 0.5 for q in out):
                    break
            out.append(spot)
        return out


def _segments(lines: np.ndarray) -> np.ndarray:
    """Consecutive vertex pairs of line geometries, as the (2n, 2) array SegmentsItem draws."""
    lines = lines[~shapely.is_missing(lines)] if len(lines) else lines
    if len(lines) == 0:
        return np.zeros((0, 2))
    coords, index = shapely.get_coordinates(lines, return_index=True)
    same = index[1:] == index[:-1]
    a, b = coords[:-1][same], coords[1:][same]
    out = np.empty((2 * len(a), 2))
    out[0::2], out[1::2] = a, b
    return out


def _point_xy(frame, rows: np.ndarray) -> np.ndarray:
    if len(rows) == 0:
        return np.zeros((0, 2))
    geoms = topo.single_part(topo.geometry_array(frame))[rows]
    return shapely.get_coordinates(geoms).reshape(-1, 2)


def incident_overlay(network, run: IncidentRun, *, new_valves: set[str] | None = None,
                     new_customers: set[str] | None = None) -> Overlay:
    """The overlay for one run; ``new_*`` (after a valve failed) get a yellow ring."""
    result, report, t = run.result, run.report, run.engine.topology
    overlay = Overlay(OVERLAY_NAME, translate("IncidentOverlay", "Incident"), dim=0.55)
    new_valves = new_valves or set()
    new_customers = new_customers or set()

    def lines(pieces: np.ndarray, colour: str, width: float, label: str, *, dash: bool = False) -> None:
        xy = _segments(piece_geometries(network, t, pieces)) if len(pieces) else np.zeros((0, 2))
        if len(xy):
            item = SegmentsItem(xy, cosmetic_pen(colour, width, dash=dash))
            item.setZValue(len(overlay.items))
            overlay.items.append(item)
        overlay.legend.append(st.LegendEntry(label, st.Symbol(color=colour, width=width, dash=dash, shape="line"),
                                             len(np.unique(t.piece_pipe[pieces])) if len(pieces) else 0))

    def points(xy: np.ndarray, symbol: st.Symbol, label: str) -> None:
        if len(xy):
            item = PointsItem(np.asarray(xy, dtype=float).reshape(-1, 2), symbol)
            item.setZValue(len(overlay.items))
            overlay.items.append(item)
            overlay.legend.append(st.LegendEntry(label, symbol, len(xy)))

    lines(result.cut_off_pieces, CUT_OFF, 4, translate("IncidentOverlay", "Cut off (no supply)"), dash=True)
    lines(result.isolated_pieces, ISOLATED, 7, translate("IncidentOverlay", "Isolated (drained)"))
    pipe_idx = run.engine.pipe_indices(result.failed_pipes)
    failed_pieces = np.concatenate([np.arange(t.pipe_first_piece[i], t.pipe_first_piece[i] + t.pipe_piece_count[i])
                                    for i in pipe_idx]) if len(pipe_idx) else np.zeros(0, dtype=np.int64)
    lines(failed_pieces, FAILED_PIPE, 2.5, translate("IncidentOverlay", "Failed pipe"))

    # customers and stations
    customers = network.customers
    rows = t.customer_row[result.customer_index]
    category = schema.text_column(customers, "category", schema.RESIDENTIAL)[rows]
    critical = np.isin(category, schema.CALL_FIRST_CATEGORIES)
    xy = _point_xy(customers, rows)
    points(xy[~critical], st.Symbol(color=CUSTOMER, shape="o", size=8, outline="#ffffff"),
           translate("IncidentOverlay", "Customers without heat"))
    points(xy[critical], st.Symbol(color=PRIORITY, shape="s", size=13, outline="#ffffff", width=2.0),
           translate("IncidentOverlay", "Priority customers"))
    new_rows = rows[np.isin(t.customer_id[result.customer_index].astype(str), list(new_customers))]
    points(_point_xy(customers, new_rows), st.Symbol(color=NEW, shape="o", size=14, outline=NEW, fill_alpha=0,
                                                     width=2.0), translate("IncidentOverlay", "Newly without heat"))
    points(_point_xy(network.stations, t.station_row[result.station_index]),
           st.Symbol(color=STATION, shape="station", size=18, outline="#ffffff"), translate("IncidentOverlay", "Stations without supply"))

    # valves: already closed, candidates for back-feeding, opened, failed
    valves = network.valves
    def valve_xy(ids: list[str]) -> np.ndarray:
        idx = run.engine.valve_indices(ids) if ids else np.zeros(0, dtype=np.int64)
        return _point_xy(valves, t.valve_row[idx])

    points(valve_xy(result.closed_boundary_valves), st.Symbol(color=BOUNDARY, shape="valve", size=15),
           translate("IncidentOverlay", "Already closed (boundary)"))
    candidates = [r.open_valve for r in result.restoration]
    points(valve_xy(candidates), st.Symbol(color=TIE_CANDIDATE, shape="valve", size=16, outline="#1b5e20"),
           translate("IncidentOverlay", "Tie valves (can back-feed)"))
    points(valve_xy(list(result.opened_valves)), st.Symbol(color=TIE_OPEN, shape="valve", size=18, outline="#ffffff",
                                                           width=2.0), translate("IncidentOverlay", "Tie valves opened"))
    points(valve_xy(list(result.failed_valves)), st.Symbol(color=FAILED_VALVE, shape="valve", size=20,
                                                            outline="#212121", width=2.0), translate("IncidentOverlay", "Fails to close"))

    # the crew's route and the numbered valves to close
    stops = report.valves
    if stops:
        path = np.vstack([report.break_xy.reshape(1, 2), np.array([[s.x, s.y] for s in stops])])
        seg = np.empty((2 * (len(path) - 1), 2))
        seg[0::2], seg[1::2] = path[:-1], path[1:]
        route = SegmentsItem(seg, cosmetic_pen(ROUTE, 2.0, dash=True, alpha=200))
        route.setZValue(len(overlay.items))
        overlay.items.append(route)
        overlay.legend.append(st.LegendEntry(translate("IncidentOverlay", "Crew route"),
                                             st.Symbol(color=ROUTE, width=2, dash=True, shape="line"), len(stops)))
        markers = NumberedMarkers(np.array([[s.x, s.y] for s in stops]), [str(s.order) for s in stops], CLOSE,
                                  ring=[s.valve_id in new_valves for s in stops])
        markers.setZValue(MARKERS_Z)
        overlay.items.append(markers)
    overlay.legend.append(st.LegendEntry(translate("IncidentOverlay", "Valves to close (in order)"),
                                         st.Symbol(color=CLOSE, shape="o", size=14, outline="#ffffff"), len(stops)))
    if new_valves:
        overlay.legend.append(st.LegendEntry(translate("IncidentOverlay", "New since the last run"),
                                             st.Symbol(color="#ffffff", shape="o", size=14, outline=NEW, width=3.0),
                                             len(new_valves & {s.valve_id for s in stops})))
    points(report.break_xy.reshape(1, 2), st.Symbol(color=ISOLATED, shape="o", size=12, outline="#ffffff",
                                                    width=2.0), translate("IncidentOverlay", "Break"))
    return overlay


def incident_extent(network, run: IncidentRun) -> tuple[float, float, float, float] | None:
    """The area to show: the isolated and cut-off network, the valves and the affected customers."""
    r, t = run.result, run.engine.topology
    geoms = [piece_geometries(network, t, np.concatenate([r.isolated_pieces, r.cut_off_pieces]))]
    geoms.append(topo.single_part(topo.geometry_array(network.customers))[t.customer_row[r.customer_index]]
                 if len(r.customer_index) else np.zeros(0, dtype=object))
    valves = np.concatenate([r.close_valve_index, r.boundary_valve_index])
    geoms.append(topo.single_part(topo.geometry_array(network.valves))[t.valve_row[valves]]
                 if len(valves) else np.zeros(0, dtype=object))
    allg = np.concatenate([np.asarray(g, dtype=object) for g in geoms])
    allg = allg[~shapely.is_missing(allg)] if len(allg) else allg
    if len(allg) == 0:
        return None
    b = shapely.total_bounds(allg)
    return float(b[0]), float(b[1]), float(b[2]), float(b[3])
