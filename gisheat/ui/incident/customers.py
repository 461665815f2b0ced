"""The affected customers as a table model: priority first, sortable by any column, filterable by text
and by kind (priority, new since the last run, one category).

Backed by numpy arrays built once per run (display text, sort keys, row colours), so a trunk failure
with tens of thousands of customers fills, sorts and filters without one Qt item per cell.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from gisheat.analysis.incident import VULNERABLE_RANK
from gisheat.core import schema
from gisheat.ui import labels
from gisheat.ui.incident.cooling import format_hours

ID_ROLE = Qt.ItemDataRole.UserRole + 2
NEW_ROW = QColor("#fff59d")
PRIORITY_ROW = QColor("#fce4ec")
NUMERIC_COLUMNS = (4, 5, 6)


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


class CustomerModel(QAbstractTableModel):
    """Customers of the report (already in call order: hospitals, nursing homes, schools, buildings
    with vulnerable households, then by hours to 18 °C)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.headers = [self.tr("Priority"), self.tr("Customer"), self.tr("Name"), self.tr("Category"),
                        self.tr("Households"), self.tr("Vulnerable"), self.tr("To 18 °C"), self.tr("Why"),
                        self.tr("Station"), self.tr("Address"), self.tr("Phone")]
        self._display: list[np.ndarray] = [np.zeros(0, dtype=object) for _ in self.headers]
        self._keys: list[np.ndarray] = [np.zeros(0) for _ in self.headers]
        self._ids = np.zeros(0, dtype=object)
        self._new = np.zeros(0, dtype=bool)
        self._priority = np.zeros(0, dtype=np.int64)
        self._category = np.zeros(0, dtype=object)
        self._vulnerable = np.zeros(0)
        self._search = pd.Series([], dtype="string[pyarrow]")
        self.order = np.zeros(0, dtype=np.int64)
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.AscendingOrder
        self.filter_text = ""
        self.kind = ""
        self._bold = QFont()
        self._bold.setBold(True)

    # --- content ---------------------------------------------------------------------------------

    def set_report(self, frame: pd.DataFrame | None, new_ids: set[str] | None = None) -> None:
        """Show the customers of a report (None: none); ``new_ids`` are highlighted."""
        self.beginResetModel()
        if frame is None or len(frame) == 0:
            n = 0
            frame = pd.DataFrame({c: [] for c in ("customer_id", "name", "category", "households",
                                                  "vulnerable_households", "hours_to_cold", "reason", "station_id",
                                                  "address", "contact_phone", "priority")})
        n = len(frame)
        ids = frame["customer_id"].astype(str).to_numpy(dtype=object)
        category = frame["category"].astype(str).to_numpy(dtype=object)
        households = frame["households"].to_numpy(dtype=np.float64)
        vulnerable = frame["vulnerable_households"].to_numpy(dtype=np.float64)
        hours = frame["hours_to_cold"].to_numpy(dtype=np.float64)
        reasons = {"isolated": self.tr("drained"), "cut_off": self.tr("cut off"), "station": self.tr("station off")}
        category_text = {c: labels.value_label(c) for c in set(category.tolist())}
        vulnerable_text = self.tr("Vulnerable")
        priority_text = np.array([category_text[c] if c in schema.CALL_FIRST_CATEGORIES else (vulnerable_text if v > 0 else "")
                                  for c, v in zip(category, vulnerable, strict=True)], dtype=object)

        def text(column: str) -> np.ndarray:
            return frame[column].fillna("").astype(str).to_numpy(dtype=object)

        reason = frame["reason"].astype(str).to_numpy(dtype=object)
        self._display = [
            priority_text, ids, text("name"), np.array([category_text[c] for c in category], dtype=object),
            np.array([_number(v) for v in households], dtype=object),
            np.array([_number(v) for v in vulnerable], dtype=object),
            np.array([format_hours(h) for h in hours], dtype=object),
            np.array([reasons.get(r, r) for r in reason], dtype=object),
            text("station_id"), text("address"), text("contact_phone"),
        ]
        self._keys = [np.arange(n), ids, self._display[2], self._display[3], households, vulnerable,
                      np.where(np.isfinite(hours), hours, math.inf), self._display[7], self._display[8],
                      self._display[9], self._display[10]]
        self._ids = ids
        self._new = np.isin(ids, list(new_ids or ()))
        self._priority = frame["priority"].to_numpy(dtype=np.int64) if n else np.zeros(0, dtype=np.int64)
        self._category = category
        self._vulnerable = vulnerable
        joined = pd.Series(["\x1f".join(str(v[k]) for v in self._display) for k in range(n)], dtype="string[pyarrow]")
        self._search = joined.str.lower()
        self.order = np.arange(n, dtype=np.int64)
        self.endResetModel()
        self._recompute()

    @property
    def total(self) -> int:
        return len(self._ids)

    # --- Qt model ----------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = int(self.order[index.row()])
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(self._display[col][row])
        if role == ID_ROLE:
            return str(self._ids[row])
        if role == Qt.ItemDataRole.BackgroundRole:
            if self._new[row]:
                return QBrush(NEW_ROW)
            if self._priority[row] < VULNERABLE_RANK:
                return QBrush(PRIORITY_ROW)
            return None
        if role == Qt.ItemDataRole.FontRole and col in (0, 1) and self._priority[row] < VULNERABLE_RANK:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and col in NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column = column
        self.sort_order = order
        self._recompute()

    # --- filtering -------------------------------------------------------------------------------------

    def set_filter(self, text: str, kind: str = "") -> None:
        """``kind``: '' everyone, 'priority' (hospitals, nursing homes, schools), 'vulnerable' (buildings
        with vulnerable households), 'new', or 'category:<name>'."""
        self.filter_text = text.strip().lower()
        self.kind = kind
        self._recompute()

    def _recompute(self) -> None:
        self.beginResetModel()
        keep = np.ones(len(self._ids), dtype=bool)
        if self.kind == "priority":
            keep &= self._priority < VULNERABLE_RANK
        elif self.kind == "vulnerable":
            keep &= self._vulnerable > 0
        elif self.kind == "new":
            keep &= self._new
        elif self.kind.startswith("category:"):
            keep &= self._category == self.kind[len("category:"):]
        if self.filter_text and len(keep):
            keep &= self._search.str.contains(self.filter_text, regex=False).fillna(False).to_numpy(dtype=bool)
        rows = np.flatnonzero(keep)
        if 0 <= self.sort_column < len(self._keys) and len(rows):
            keys = self._keys[self.sort_column][rows]
            order = np.argsort(keys, kind="stable")
            if self.sort_order == Qt.SortOrder.DescendingOrder:
                order = order[::-1]
            rows = rows[order]
        self.order = rows.astype(np.int64)
        self.endResetModel()
