"""Charts of a plan (pyqtgraph): money and km per year, pipe age before/after, network risk over time.

Money is plotted in millions of yuan, lengths in km, years as whole-year
ticks. Each chart has a title that says what it shows and a legend; when a
chart cannot be drawn (a saved plan has no risk curves until the planner runs
again) it says so instead of staying blank.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QWidget

from gisheat.analysis.renewal.planner import GREEDY, OLDEST
from gisheat.analysis.renewal.risk import POLICY_MIN_AGE

MILLION = 1e6
BUDGET_COLOUR = "#b0bec5"
COST_COLOUR = "#1565c0"
DONE_COLOUR = "#2e7d32"
KM_COLOUR = "#00897b"
CAPACITY_COLOUR = "#c62828"
AGE_WITHOUT = "#b0bec5"
AGE_WITH = "#2e7d32"
RISK_COLOURS = {"without": "#616161", "milp": "#1565c0", GREEDY: "#ef6c00", OLDEST: "#8d6e63"}


def plot_widget(title: str, y_label: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(background="w")
    item = plot.getPlotItem()
    item.setTitle(title, color="#1f2933", size="10pt")
    item.setLabel("left", y_label, color="#3e4c59")
    item.showGrid(x=False, y=True, alpha=0.25)
    item.setMenuEnabled(False)
    item.hideButtons()
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen("#9aa5b1"))
        axis.setTextPen(pg.mkPen("#3e4c59"))
    plot.setMouseEnabled(x=False, y=False)
    plot.setMinimumSize(240, 140)
    return plot


def year_ticks(plot: pg.PlotWidget, years: list[int]) -> None:
    plot.getPlotItem().getAxis("bottom").setTicks([[(y, str(y)) for y in years]])


def legend(plot: pg.PlotWidget, columns: int = 2, offset: tuple[int, int] = (4, 2)) -> pg.LegendItem:
    """A compact legend, by default in the top left corner (the charts keep headroom for it)."""
    item = plot.getPlotItem().addLegend(offset=offset, labelTextColor="#1f2933", labelTextSize="8pt",
                                        verSpacing=-6, horSpacing=8, colCount=columns)
    item.setBrush(pg.mkBrush(255, 255, 255, 230))
    item.setPen(pg.mkPen("#cfd6dd"))
    return item


def reset(plot: pg.PlotWidget) -> None:
    """Empty a chart: items, legend and any fixed ticks (a message chart leaves none)."""
    plot.clear()
    item = plot.getPlotItem()
    if item.legend is not None:
        if item.legend.scene() is not None:
            item.legend.scene().removeItem(item.legend)
        item.legend = None
    for name in ("left", "bottom"):
        item.getAxis(name).setTicks(None)
    item.getAxis("bottom").showLabel(False)


def message(plot: pg.PlotWidget, text: str) -> None:
    """A chart that cannot be drawn says why."""
    label = pg.TextItem(text, color="#52606d", anchor=(0.5, 0.5))
    font = QFont()
    font.setPointSize(9)
    label.setFont(font)
    plot.addItem(label)
    label.setPos(0.5, 0.5)
    plot.getPlotItem().setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    plot.getPlotItem().getAxis("bottom").setTicks([[]])
    plot.getPlotItem().getAxis("left").setTicks([[]])


class LazyCharts(QWidget):
    """Charts made on first show: a pyqtgraph plot brings a dozen hidden menus and widgets, which a
    window that never opens the workspace should not pay for. Drawing asked for before then waits."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.built = False
        self._pending: tuple | None = None

    def make(self) -> None:
        raise NotImplementedError

    def ensure(self) -> None:
        if not self.built:
            self.built = True
            self.make()

    def _draw(self, method, *args) -> None:
        if self.isVisible():
            self.ensure()
            method(*args)
        else:
            self._pending = (method, args)

    def showEvent(self, event) -> None:
        self.ensure()
        if self._pending is not None:
            method, args = self._pending
            self._pending = None
            method(*args)
        super().showEvent(event)


class PlanCharts(LazyCharts):
    """The four charts side by side (see the module docstring)."""

    def make(self) -> None:
        self.money = plot_widget(self.tr("Budget and planned cost per year"), self.tr("million ¥"))
        self.km = plot_widget(self.tr("Length renewed per year"), self.tr("km"))
        self.age = plot_widget(self.tr("Pipe age at the end of the plan"), self.tr("km of pipe"))
        self.risk = plot_widget(self.tr("Network risk per year"), self.tr("million ¥ expected failure cost"))
        lay = QGridLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(4)
        for k, plot in enumerate((self.money, self.km, self.age, self.risk)):
            lay.addWidget(plot, 0, k)

    def clear(self, text: str = "") -> None:
        self._draw(self._clear, text)

    def show_plan(self, per_year: pd.DataFrame, ages: pd.DataFrame | None, run=None) -> None:
        """Draw a plan: ``per_year`` (year, budget, cost, km[, capacity_km]); ``ages`` from
        :func:`gisheat.ui.renewal.plan_view.age_distribution`; ``run`` for the risk curves."""
        self._draw(self._show_plan, per_year, ages, run)

    def _clear(self, text: str = "") -> None:
        for plot in (self.money, self.km, self.age, self.risk):
            reset(plot)
        if text:
            for plot in (self.money, self.km, self.age, self.risk):
                message(plot, text)

    def _show_plan(self, per_year: pd.DataFrame, ages: pd.DataFrame | None, run=None) -> None:
        self._clear()
        years = [int(y) for y in per_year["year"]]
        x = np.asarray(years, dtype=np.float64)

        # money per year
        plot = self.money
        legend(plot)
        budget = per_year["budget"].to_numpy(dtype=np.float64) / MILLION
        cost = per_year["cost"].to_numpy(dtype=np.float64) / MILLION
        if np.isfinite(budget).any():
            plot.addItem(pg.BarGraphItem(x=x - 0.19, height=np.nan_to_num(budget), width=0.36,
                                         brush=BUDGET_COLOUR, pen=pg.mkPen("#90a4ae"), name=self.tr("Budget")))
        plot.addItem(pg.BarGraphItem(x=x + 0.19 if np.isfinite(budget).any() else x, height=cost, width=0.36,
                                     brush=COST_COLOUR, pen=pg.mkPen(COST_COLOUR), name=self.tr("Planned cost")))
        year_ticks(plot, years)
        top = float(np.nanmax(np.concatenate([budget, cost, [0.0]])))
        plot.getPlotItem().setRange(xRange=(x.min() - 0.6, x.max() + 0.6), yRange=(0, max(top, 1e-6) * 1.5),
                                    padding=0)

        # km per year
        plot = self.km
        legend(plot)
        km = per_year["km"].to_numpy(dtype=np.float64)
        plot.addItem(pg.BarGraphItem(x=x, height=km, width=0.5, brush=KM_COLOUR, pen=pg.mkPen(KM_COLOUR),
                                     name=self.tr("Planned km")))
        top = float(km.max(initial=0.0))
        if "capacity_km" in per_year.columns:
            capacity = per_year["capacity_km"].to_numpy(dtype=np.float64)
            plot.plot(x, capacity, pen=pg.mkPen(CAPACITY_COLOUR, width=2, style=Qt.PenStyle.DashLine),
                      symbol="o", symbolSize=6, symbolBrush=CAPACITY_COLOUR, name=self.tr("Capacity"))
            top = max(top, float(np.nanmax(capacity)))
        year_ticks(plot, years)
        plot.getPlotItem().setRange(xRange=(x.min() - 0.6, x.max() + 0.6), yRange=(0, max(top, 1e-6) * 1.5),
                                    padding=0)

        # age distribution
        plot = self.age
        if ages is not None and len(ages):
            end = years[-1]
            plot.getPlotItem().setTitle(self.tr("Pipe age in %1 (km of pipe)").replace("%1", str(end)),
                                        color="#1f2933", size="10pt")
            legend(plot)
            bands = ages["age_from"].to_numpy()
            pos = np.arange(len(bands), dtype=np.float64)
            plot.addItem(pg.BarGraphItem(x=pos - 0.19, height=ages["without"].to_numpy(), width=0.36,
                                         brush=AGE_WITHOUT, pen=pg.mkPen("#90a4ae"), name=self.tr("Without the plan")))
            plot.addItem(pg.BarGraphItem(x=pos + 0.19, height=ages["with"].to_numpy(), width=0.36,
                                         brush=AGE_WITH, pen=pg.mkPen(AGE_WITH), name=self.tr("With the plan")))
            ticks = [(float(k), (f"{b}–{bands[k + 1] - 1}" if k + 1 < len(bands) else f"{b}+")) for k, b in
                     enumerate(bands)]
            plot.getPlotItem().getAxis("bottom").setTicks([ticks])
            plot.getPlotItem().setLabel("bottom", self.tr("age (years)"), color="#3e4c59")
            policy = float(np.searchsorted(bands, POLICY_MIN_AGE)) - 0.5
            line = pg.InfiniteLine(policy, angle=90, pen=pg.mkPen("#c62828", width=1.5, style=Qt.PenStyle.DashLine),
                                   label=self.tr("≥ %1 years: national programme").replace("%1", str(POLICY_MIN_AGE)),
                                   labelOpts={"position": 0.62, "color": "#c62828", "anchors": [(0, 0.5), (0, 0.5)]})
            plot.addItem(line)
            top = float(max(ages["without"].max(), ages["with"].max()))
            plot.getPlotItem().setRange(xRange=(-0.6, len(bands) - 0.4), yRange=(0, max(top, 1e-6) * 1.5), padding=0)
        else:
            message(plot, self.tr("No install years known"))

        # risk over time
        plot = self.risk
        if run is None:
            message(plot, self.tr("Run the planner to compare\nthe risk with and without this plan"))
            return
        legend(plot, 1, offset=(-4, -4))  # bottom right: risk grows with age, the lines rise to the right
        plan = run.plan
        comparison = plan.comparison
        curves = [("without", self.tr("Without renewal"), plan.risk_before, Qt.PenStyle.DashLine, 2),
                  ("milp", self.tr("This plan"), plan.risk_after, Qt.PenStyle.SolidLine, 3)]
        if GREEDY in comparison:
            curves.append((GREEDY, self.tr("Greedy by risk per cost"), comparison[GREEDY]["risk_after"],
                           Qt.PenStyle.SolidLine, 1.5))
        if OLDEST in comparison:
            curves.append((OLDEST, self.tr("Oldest first"), comparison[OLDEST]["risk_after"], Qt.PenStyle.SolidLine, 1.5))
        values = []
        for key, name, series, style, width in curves:
            y = np.asarray(series, dtype=np.float64) / MILLION
            values.append(y)
            colour = RISK_COLOURS[key]
            plot.plot(x, y, pen=pg.mkPen(colour, width=width, style=style), symbol="o", symbolSize=5,
                      symbolBrush=colour, symbolPen=pg.mkPen(colour), name=name)
        year_ticks(plot, years)
        stacked = np.concatenate(values)
        low, high = float(stacked.min()), float(stacked.max())
        pad = max((high - low) * 0.15, high * 0.02, 1e-6)
        plot.getPlotItem().setRange(xRange=(x.min() - 0.3, x.max() + 0.3), yRange=(max(0.0, low - 4 * pad), high + pad),
                                    padding=0)


class ProgressChart(LazyCharts):
    """Planned against done per plan year: km and money."""

    def make(self) -> None:
        self.km = plot_widget(self.tr("Planned and done per year"), self.tr("km"))
        self.money = plot_widget(self.tr("Planned cost and money spent per year"), self.tr("million ¥"))
        lay = QGridLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.km, 0, 0)
        lay.addWidget(self.money, 0, 1)

    def show_progress(self, table: pd.DataFrame | None, text: str = "") -> None:
        self._draw(self._show_progress, table, text)

    def _show_progress(self, table: pd.DataFrame | None, text: str = "") -> None:
        for plot in (self.km, self.money):
            reset(plot)
        if table is None or table.empty:
            for plot in (self.km, self.money):
                message(plot, text)
            return
        years = [int(y) for y in table["year"]]
        x = np.asarray(years, dtype=np.float64)
        for plot, planned, done, planned_name, done_name, scale in (
            (self.km, table["planned_km"], table["done_km"], self.tr("Planned"), self.tr("Done"), 1.0),
            (self.money, table["planned_cost"], table["done_actual_cost"], self.tr("Planned cost"),
             self.tr("Actual cost of completed works"), MILLION),
        ):
            legend(plot)
            p = planned.to_numpy(dtype=np.float64) / scale
            d = done.to_numpy(dtype=np.float64) / scale
            plot.addItem(pg.BarGraphItem(x=x - 0.19, height=p, width=0.36, brush=BUDGET_COLOUR, pen=pg.mkPen("#90a4ae"),
                                         name=planned_name))
            plot.addItem(pg.BarGraphItem(x=x + 0.19, height=d, width=0.36, brush=DONE_COLOUR, pen=pg.mkPen(DONE_COLOUR),
                                         name=done_name))
            year_ticks(plot, years)
            top = float(max(p.max(initial=0), d.max(initial=0)))  # short charts: more headroom for the legend
            plot.getPlotItem().setRange(xRange=(x.min() - 0.6, x.max() + 0.6), yRange=(0, max(top, 1e-6) * 1.9),
                                        padding=0)

