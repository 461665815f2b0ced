"""Overlays: result layers drawn over the network, with their own legend.

An analysis (isolation, renewal) shows its result by building an
:class:`Overlay` and handing it to ``canvas.add_overlay(overlay)``; the layer
panel lists it with its legend and a checkbox, and ``canvas.remove_overlay(
name)`` takes it away. Items are in map coordinates. ``dim`` (0–1) fades the
rest of the map under the overlay (isolation: show only what matters).

Build the items with the helpers here so overlays look alike::

    overlay = Overlay("isolation", tr("Isolation"), dim=0.55)
    overlay.add_lines(canvas.layers["pipes"], isolated_rows, "#d50000", 6, tr("Isolated pipes"))
    overlay.add_lines(canvas.layers["pipes"], cut_off_rows, "#ff9100", 4, tr("Cut off"), dash=True)
    overlay.add_points(xy_of_valves, "#212121", tr("Valves to close"), symbol="valve", size=16,
                       texts=["1", "2", …])          # numbered valves
    canvas.add_overlay(overlay)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont

from gisheat.ui.map import style as st


@dataclass
class Overlay:
    """Items drawn above the map layers plus the legend shown for them."""

    name: str
    title: str
    dim: float = 0.0
    items: list = field(default_factory=list)
    legend: list[st.LegendEntry] = field(default_factory=list)

    def add_lines(self, layer, rows: np.ndarray, colour: str, width: float, label: str, *, dash: bool = False) -> None:
        """Segments of ``rows`` of a line layer (a :class:`MapLayer`)."""
        from gisheat.ui.map.layers import SegmentsItem, cosmetic_pen

        mask = np.isin(layer.seg_row, np.asarray(rows))
        pts = np.repeat(np.flatnonzero(mask) * 2, 2) + np.tile([0, 1], int(mask.sum()))
        item = SegmentsItem(layer.seg_xy[pts], cosmetic_pen(colour, width, dash=dash))
        item.setZValue(len(self.items))
        self.items.append(item)
        self.legend.append(st.LegendEntry(label, st.Symbol(color=colour, width=width, dash=dash, shape="line"), int(mask.sum())))

    def add_points(self, xy: np.ndarray, colour: str, label: str, *, symbol: str = "o", size: float = 12,
                   outline: str = "#ffffff", texts: list[str] | None = None) -> None:
        """Point symbols (valves to close, affected customers), optionally numbered."""
        from gisheat.ui.map.layers import LabelItem, MapScatter, scatter_symbol

        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        item = MapScatter(x=xy[:, 0], y=xy[:, 1], symbol=scatter_symbol(symbol), size=size, pxMode=True,
                                  pen=pg.mkPen(outline, width=1.5), brush=pg.mkBrush(colour))
        item.setZValue(len(self.items))
        self.items.append(item)
        self.legend.append(st.LegendEntry(label, st.Symbol(color=colour, shape=symbol, size=size, outline=outline),
                                          len(xy)))
        if texts:
            font = QFont()
            font.setPointSize(9)
            font.setBold(True)
            for (x, y), text in zip(xy, texts, strict=False):
                lab = LabelItem(str(text), font, "#000000")
                lab.setPos(QPointF(x, y) )
                lab.setZValue(len(self.items) + 10)
                self.items.append(lab)
