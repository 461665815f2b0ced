"""Progress of a saved plan per year: planned against done, in km and money (the ledger's 台账 view)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gisheat.ui.renewal.charts import ProgressChart
from gisheat.ui.renewal.numbers import fmt


class ProgressView(QWidget):
    """Table and charts of :func:`gisheat.analysis.renewal.ledger.progress`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.head = QLabel()
        self.head.setWordWrap(True)
        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = ProgressChart()
        lay = QVBoxLayout(self)
        lay.addWidget(self.head)
        lay.addWidget(self.table)
        lay.addWidget(self.chart, 1)
        self.frame: pd.DataFrame | None = None
        self.show_progress(None)

    def columns(self) -> list[tuple[str, str, str]]:
        return [
            ("year", self.tr("Year"), "year"),
            ("planned_items", self.tr("Pipes planned"), "int"),
            ("done_items", self.tr("Pipes done"), "int"),
            ("planned_km", self.tr("Planned (km)"), "km"),
            ("done_km", self.tr("Done (km)"), "km"),
            ("share_km_done", self.tr("Done (% of km)"), "percent"),
            ("planned_cost", self.tr("Planned cost (¥)"), "money"),
            ("done_cost_estimate", self.tr("Estimate of done works (¥)"), "money"),
            ("done_actual_cost", self.tr("Actual cost of done works (¥)"), "money"),
        ]

    def show_progress(self, table: pd.DataFrame | None, plan_title: str = "") -> None:
        """``table`` from ``ledger.progress``; None for a plan that is not saved."""
        self.frame = table
        columns = self.columns()
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels([c[1] for c in columns])
        self.table.setVisible(table is not None)
        if table is None:
            self.head.setText(self.tr("Save the plan to the network to track its progress: set each project's status "
                                      "in the plan table as works are approved, designed, built and completed."))
            self.table.setRowCount(0)
            self.chart.show_progress(None, self.tr("Save the plan to track progress"))
            return
        done_km, planned_km = float(table["done_km"].sum()), float(table["planned_km"].sum())
        missing = int(table["done_without_actual_cost"].sum())
        head = self.tr("%1: %2 of %3 km done (%4 %), ¥%5 spent on completed works.").replace("%1", plan_title) \
            .replace("%2", fmt(done_km, 2)).replace("%3", fmt(planned_km, 2)) \
            .replace("%4", fmt(100 * done_km / planned_km if planned_km else 0.0, 0)) \
            .replace("%5", fmt(float(table["done_actual_cost"].sum()), 0))
        if missing:
            head += " " + self.tr("%1 completed pipes have no actual cost recorded.").replace("%1", str(missing))
        self.head.setText(head)
        self.table.setRowCount(len(table) + 1)
        totals = {key: table[key].sum() for key, _, kind in columns if kind in ("int", "km", "money")}
        totals["share_km_done"] = done_km / planned_km if planned_km else 0.0
        for r in range(len(table) + 1):
            for c, (key, _, kind) in enumerate(columns):
                if r < len(table):
                    value = table[key].iloc[r]
                elif key == "year":
                    value = self.tr("Total")
                else:
                    value = totals.get(key, "")
                item = QTableWidgetItem(self._text(value, kind))
                if kind != "year":
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r == len(table):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.chart.show_progress(table)
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(min(rows + self.table.horizontalHeader().height() + 6, 260))

    @staticmethod
    def _text(value, kind: str) -> str:
        if isinstance(value, str):
            return value
        if value is None or (isinstance(value, float) and not np.isfinite(value)):
            return ""
        if kind == "year":
            return str(int(value))
        if kind == "int":
            return fmt(int(value))
        if kind == "km":
            return fmt(float(value), 2)
        if kind == "percent":
            return fmt(100 * float(value), 0) + " %"
        return fmt(float(value), 0)
