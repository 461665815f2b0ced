"""Toolbar icons of the add tools drawn with the map's own symbols (valve bow-tie, station, plant…).

A network engineer finds "add valve" by the valve symbol of the legend; a
small green plus says "add". Move and delete use Font Awesome glyphs.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from gisheat.ui.map.layers import SYMBOL_PATHS

SIZE = 32
PLUS_COLOUR = "#2e7d32"
SHAPES = {
    "valves": ("valve", "#ffffff", "#263238"),
    "stations": ("station", "#00897b", "#004d40"),
    "sources": ("source", "#d50000", "#7f0000"),
    "customers": ("o", "#78909c", "#37474f"),
}


def edit_icon(kind: str) -> QIcon:
    """'pipes', 'valves', 'stations', 'sources' or 'customers' with a plus; an empty icon otherwise."""
    pm = QPixmap(SIZE * 2, SIZE * 2)
    pm.setDevicePixelRatio(2.0)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if kind == "pipes":
        pen = QPen(QColor("#d32f2f"), 3.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        points = [QPointF(3, 25), QPointF(12, 12), QPointF(25, 16)]
        p.drawPolyline(points)
        p.setPen(QPen(QColor("#d32f2f"), 1.6))
        p.setBrush(QColor("#ffffff"))
        for pt in points:
            p.drawEllipse(pt, 2.6, 2.6)
    elif kind in SHAPES:
        shape, fill, outline = SHAPES[kind]
        p.save()
        p.translate(13, 17)
        scale = 19 if shape != "o" else 12
        p.scale(scale, scale)
        pen = QPen(QColor(outline))
        pen.setWidthF(1.6 / scale)
        p.setPen(pen)
        p.setBrush(QColor(fill))
        path = SYMBOL_PATHS.get(shape)
        if path is not None:
            p.drawPath(path)
        else:
            p.drawEllipse(QPointF(0, 0), 0.5, 0.5)
        p.restore()
    else:
        p.end()
        return QIcon()
    # the plus: add
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(PLUS_COLOUR))
    p.drawRoundedRect(QRectF(19, 0, 13, 13), 3, 3)
    p.setPen(QPen(QColor("#ffffff"), 2.2))
    p.drawLine(QPointF(25.5, 2.8), QPointF(25.5, 10.2))
    p.drawLine(QPointF(21.8, 6.5), QPointF(29.2, 6.5))
    p.end()
    return QIcon(pm)
