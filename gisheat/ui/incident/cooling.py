"""The building time constants dialog: τ per customer category, with the hours to 18 °C they give.

The model (``gisheat.analysis.cooling``): T_in(t) = T_out + (T0 − T_out)·e^(−t/τ),
so the hours until 18 °C are τ·ln((T0 − T_out)/(18 − T_out)).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from gisheat.analysis.cooling import DEFAULT_TAU_H, INDOOR_START_C, MINIMUM_INDOOR_C, hours_until
from gisheat.core import schema
from gisheat.ui import labels


def format_hours(hours: float) -> str:
    """'4.1 h', '—' when the building never gets below 18 °C."""
    if not math.isfinite(hours):
        return "—"
    return f"{hours:.1f} h"


def deadline_text(report) -> str:
    """The repair deadline in words, naming who sets it: 'First homes below 18 °C in 4.1 h', or, when a
    faster-cooling building comes first, 'First below 18 °C in 2.1 h: 华联商厦 (Commercial) · homes in 4.1 h'."""
    hours = f"{report.hours_to_cold:.1f}"
    first = report.first_cold
    if not first or first.get("category") == schema.RESIDENTIAL:
        return QCoreApplication.translate("Deadline", "First homes below 18 °C in %1 h").replace("%1", hours)
    who = (first.get("name") or first.get("customer_id", "")) + f" ({labels.value_label(first.get('category', ''))})"
    text = QCoreApplication.translate("Deadline", "First below 18 °C in %1 h: %2").replace("%1", hours).replace("%2", who)
    if math.isfinite(report.homes_hours_to_cold):
        text += " · " + QCoreApplication.translate("Deadline", "homes in %1 h").replace(
            "%1", f"{report.homes_hours_to_cold:.1f}")
    return text


class CoolingDialog(QDialog):
    """Edit τ per category; each row shows the hours to 18 °C at the outdoor temperature given."""

    def __init__(self, tau_h: dict[str, float], outdoor_temp_c: float, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Building cooling time constants"))
        self.outdoor_temp_c = outdoor_temp_c
        layout = QVBoxLayout(self)
        text = self.tr(
            "Without heat a building cools towards the outdoor temperature: T(t) = T_out + (20 °C − T_out)·e^(−t/τ). "
            "τ is larger for heavy, well-insulated buildings (40–80 h) than for light or poorly insulated ones "
            "(20–40 h). Hours to 18 °C at %1 °C outdoors:").replace("%1", f"{outdoor_temp_c:g}")
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(DEFAULT_TAU_H), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Category"), self.tr("τ (hours)"), self.tr("Hours to 18 °C")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.spins: dict[str, QDoubleSpinBox] = {}
        for row, category in enumerate(DEFAULT_TAU_H):
            name = QTableWidgetItem(labels.value_label(category))
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, name)
            spin = QDoubleSpinBox()
            spin.setRange(1.0, 500.0)
            spin.setDecimals(0)
            spin.setSuffix(" h")
            spin.setValue(float(tau_h.get(category, DEFAULT_TAU_H[category])))
            spin.valueChanged.connect(lambda _=0.0, r=row, c=category: self._update_row(r, c))
            self.spins[category] = spin
            self.table.setCellWidget(row, 1, spin)
            hours = QTableWidgetItem()
            hours.setFlags(Qt.ItemFlag.ItemIsEnabled)
            hours.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 2, hours)
            self._update_row(row, category)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        reset = QPushButton(self.tr("Reset to defaults"))
        buttons.addButton(reset, QDialogButtonBox.ButtonRole.ResetRole)
        reset.clicked.connect(self.reset)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 380)

    def _update_row(self, row: int, category: str) -> None:
        hours = hours_until(MINIMUM_INDOOR_C, t_out=self.outdoor_temp_c, tau_h=self.spins[category].value(),
                            t0=INDOOR_START_C)
        self.table.item(row, 2).setText(format_hours(float(hours)))

    def reset(self) -> None:
        for category, spin in self.spins.items():
            spin.setValue(DEFAULT_TAU_H[category])

    def values(self) -> dict[str, float]:
        return {category: spin.value() for category, spin in self.spins.items()}
