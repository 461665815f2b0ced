"""The plan as a table: projects or pipes, with the status editable like a drop-down cell in Excel.

:class:`PlanTableModel` is a thin adapter over the :class:`PlanView` frames
(it never copies values into widgets). Setting the status of a row does not
change anything itself: the model emits ``status_requested(rows, status)``
and the workspace turns it into a ledger edit on the undo stack; the table
is refilled from the network when the edit lands.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QStyledItemDelegate,
    QVBoxLayout,
)

from gisheat.core import schema
from gisheat.ui import labels
from gisheat.ui.renewal.numbers import fmt
from gisheat.ui.renewal.parameters import number_spin
from gisheat.ui.renewal.themes import STATUS_COLOURS

PROJECTS, PIPES = "projects", "pipes"
NO_PARENT = QModelIndex()


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"
    """text, int, year, money, km, m, dn, dn_range, date, status, place, network, material, laying."""
    tip: str = ""


def status_icon(status: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(STATUS_COLOURS.get(status, "#ffffff")))
    return QIcon(pixmap)


class PlanTableModel(QAbstractTableModel):
    """See the module docstring."""

    status_requested = Signal(list, str)
    """(rows of the current frame, new status)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.mode = PROJECTS
        self.frame = pd.DataFrame()
        self.saved = False
        self.columns: list[Column] = []
        self._cache: dict[str, np.ndarray] = {}
        self.young_before: int | None = None
        """Pipes laid after this year are shown in orange (young pipes a project carries along)."""

    # --- columns -------------------------------------------------------------------------

    def _columns(self) -> list[Column]:
        risk_tip = self.tr("Expected cost of failures avoided over the plan years (failure probability × "
                           "consequence: customers without heat, lost heat, repair), in yuan")
        place_tip = self.tr("The street the pipes run under, else the nearest street ('near …')")
        if self.mode == PROJECTS:
            return [
                Column("project_id", self.tr("Project")),
                Column("year", self.tr("Year"), "year"),
                Column("place", self.tr("Location"), "place", place_tip),
                Column("district", self.tr("District")),
                Column("network", self.tr("Network"), "network"),
                Column("pipes", self.tr("Pipes"), "int"),
                Column("km", self.tr("Length (km)"), "km"),
                Column("dn_range", self.tr("DN"), "dn_range"),
                Column("oldest", self.tr("Oldest pipe laid"), "year"),
                Column("cost", self.tr("Cost estimate (¥)"), "money"),
                Column("risk_removed", self.tr("Risk removed (¥)"), "money", risk_tip),
                Column("status", self.tr("Status"), "status"),
                Column("actual_cost", self.tr("Actual cost (¥)"), "money"),
                Column("completion_date", self.tr("Completed on"), "date"),
            ]
        return [
            Column("pipe_id", self.tr("Pipe")),
            Column("project_id", self.tr("Project")),
            Column("year", self.tr("Year"), "year"),
            Column("place", self.tr("Location"), "place", place_tip),
            Column("district", self.tr("District")),
            Column("network", self.tr("Network"), "network"),
            Column("dn", self.tr("DN"), "dn"),
            Column("install_year", self.tr("Laid in"), "year"),
            Column("material", self.tr("Material"), "material"),
            Column("laying", self.tr("Laying"), "laying"),
            Column("length_m", self.tr("Length (m)"), "m"),
            Column("cost", self.tr("Cost estimate (¥)"), "money"),
            Column("risk_removed", self.tr("Risk removed (¥)"), "money", risk_tip),
            Column("status", self.tr("Status"), "status"),
            Column("actual_cost", self.tr("Actual cost (¥)"), "money"),
            Column("completion_date", self.tr("Completed on"), "date"),
            Column("item_id", self.tr("Ledger item")),
        ]

    def set_frame(self, frame: pd.DataFrame, mode: str, saved: bool) -> None:
        self.beginResetModel()
        self.mode = mode
        self.frame = frame.reset_index(drop=True)
        self.saved = saved
        self.columns = self._columns()
        self._cache = {c.key: self._values(c) for c in self.columns}
        self.endResetModel()

    def _values(self, column: Column) -> np.ndarray:
        f = self.frame
        n = len(f)
        if column.key == "place":
            if not n:
                return np.zeros(0, dtype=object)
            street = f["street"].astype(str).to_numpy(dtype=object)
            near = f["near_street"].astype(str).to_numpy(dtype=object)
            near_text = np.array([self.tr("near %1").replace("%1", s) if s else "" for s in near], dtype=object)
            return np.where(street != "", street, near_text)
        if column.key == "dn_range":
            lo, hi = f["dn_min"].to_numpy(dtype=np.float64), f["dn_max"].to_numpy(dtype=np.float64)
            return np.array([("" if not math.isfinite(a) else f"{a:.0f}" if a == b else f"{a:.0f}–{b:.0f}")
                             for a, b in zip(lo, hi, strict=True)], dtype=object)
        if column.key not in f.columns:
            return np.full(n, None, dtype=object)
        return f[column.key].to_numpy(dtype=object)

    # --- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole:
                if column.kind == "status" and not self.saved:
                    return self.tr("Save the plan to the network to track the status of its items")
                return column.tip or None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def raw(self, row: int, key: str):
        return self._cache[key][row]

    def display(self, value, kind: str) -> str:
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return ""
        if kind == "money":
            return fmt(float(value), 0)
        if kind == "km":
            return fmt(float(value), 2)
        if kind == "m":
            return fmt(float(value), 0)
        if kind in ("int", "dn"):
            return fmt(int(value))
        if kind == "year":
            return str(int(value))
        if kind == "date":
            return value.isoformat() if hasattr(value, "isoformat") else str(value)
        if kind == "status":
            if value == "":
                return self.tr("not saved")
            if value == "mixed":
                return self.tr("mixed")
            return labels.value_label(value)
        if kind in ("network", "material", "laying"):
            return labels.value_label(value) if value else ""
        return str(value)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        value = self._cache[column.key][index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.display(value, column.kind)
        if role == Qt.ItemDataRole.UserRole:  # sorting: raw values, missing last
            if value is None or (isinstance(value, float) and not math.isfinite(value)):
                return None
            if isinstance(value, (np.integer, np.floating)):
                return value.item()
            return value if isinstance(value, (int, float)) else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind in ("money", "km", "m", "int", "dn", "year"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and column.kind == "status" and value in STATUS_COLOURS:
            return status_icon(value)
        if role == Qt.ItemDataRole.ForegroundRole and column.kind == "status" and value == "":
            return QBrush(QColor("#8a96a3"))
        if column.key == "install_year" and self._young(value):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#e65100"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Laid recently: it is in the plan because its project groups it with older "
                               "neighbours. Add it to 'Must not be renewed' to leave it out.")
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "status":
            if not self.saved:
                return self.tr("Save the plan to the network to track the status of its items")
            if value == "completed":
                return self.tr("Completed: the pipe was renewed in the network. Undo (Ctrl+Z) to take it back.")
            return self.tr("Double-click to change the status")
        return None

    def _young(self, value) -> bool:
        return (self.young_before is not None and isinstance(value, (int, float, np.number))
                and math.isfinite(float(value)) and float(value) > self.young_before)

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and self.columns[index.column()].kind == "status" and self.saved:
            value = self._cache["status"][index.row()]
            if value != "completed":
                return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.columns[index.column()].kind != "status":
            return False
        if value not in schema.RENEWAL_STATUSES or value == self._cache["status"][index.row()]:
            return False
        self.status_requested.emit([index.row()], str(value))
        return False  # the ledger edit refills the table

    # --- what the workspace needs --------------------------------------------------------------

    def pipe_ids(self, rows: list[int], items: pd.DataFrame) -> list[str]:
        """Pipe ids of the given rows (a project row stands for all its pipes)."""
        if self.mode == PIPES:
            return [str(self.frame["pipe_id"].iloc[r]) for r in rows]
        projects = set(self.frame["project_id"].iloc[rows].astype(str))
        return items.loc[items["project_id"].astype(str).isin(projects), "pipe_id"].astype(str).tolist()

    def item_rows(self, rows: list[int], items: pd.DataFrame) -> pd.DataFrame:
        """The ledger items behind the given rows."""
        if self.mode == PIPES:
            wanted = set(self.frame["item_id"].iloc[rows].astype(str))
            return items[items["item_id"].astype(str).isin(wanted)]
        projects = set(self.frame["project_id"].iloc[rows].astype(str))
        return items[items["project_id"].astype(str).isin(projects)]


class StatusDelegate(QStyledItemDelegate):
    """The status cell: a drop-down of the ledger statuses; choosing one commits at once."""

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        for status in schema.RENEWAL_STATUSES:
            box.addItem(status_icon(status), labels.value_label(status), status)
        box.activated.connect(lambda _i, b=box: (self.commitData.emit(b), self.closeEditor.emit(b)))
        return box

    def setEditorData(self, editor, index) -> None:
        model = index.model()
        source = model.mapToSource(index) if hasattr(model, "mapToSource") else index
        value = source.model().raw(source.row(), "status")
        i = editor.findData(value)
        editor.setCurrentIndex(max(i, 0))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class CompleteDialog(QDialog):
    """What completing asks: the actual cost and the date, and what was laid."""

    def __init__(self, what: str, estimate: float, items: int, material: str, laying: str, parent=None, *,
                 money_text=str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Renewal completed"))
        self.cost = number_spin(1e12, 0, "", 10_000)
        self.cost.setPrefix("¥ ")
        self.cost.setValue(round(estimate))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.material = QComboBox()
        for value in schema.MATERIALS:
            self.material.addItem(labels.value_label(value), value)
        self.material.setCurrentIndex(max(0, self.material.findData(material)))
        self.laying = QComboBox()
        for value in schema.LAYINGS:
            self.laying.addItem(labels.value_label(value), value)
        self.laying.setCurrentIndex(max(0, self.laying.findData(laying)))
        head = QLabel(what)
        head.setWordWrap(True)
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        note = QLabel(self.tr("The pipes get the completion year as install year and the new material and laying; "
                              "what they were is kept in the history of replaced pipes.")
                      + ("\n" + self.tr("The actual cost is shared among the %1 pipes in proportion to their "
                                        "estimates.").replace("%1", str(items)) if items > 1 else ""))
        note.setWordWrap(True)
        note.setStyleSheet("color: #52606d;")
        form = QFormLayout()
        form.addRow(self.tr("Cost estimate"), QLabel("¥ " + money_text(estimate)))
        form.addRow(self.tr("Actual cost"), self.cost)
        form.addRow(self.tr("Completed on"), self.date)
        form.addRow(self.tr("New material"), self.material)
        form.addRow(self.tr("New laying"), self.laying)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(buttons)
        self.resize(420, 260)

    @property
    def completion_date(self) -> dt.date:
        d = self.date.date()
        return dt.date(d.year(), d.month(), d.day())


def share_cost(total: float, estimates: np.ndarray) -> np.ndarray:
    """``total`` split in proportion to ``estimates`` (equal shares when they are all zero), in whole yuan
    summing exactly to the total."""
    estimates = np.nan_to_num(np.asarray(estimates, dtype=np.float64), nan=0.0)
    weights = estimates / estimates.sum() if estimates.sum() > 0 else np.full(len(estimates), 1.0 / len(estimates))
    shares = np.floor(weights * round(total))
    remainder = int(round(total) - shares.sum())
    order = np.argsort(-(weights * round(total) - shares), kind="stable")
    shares[order[:remainder]] += 1
    return shares
