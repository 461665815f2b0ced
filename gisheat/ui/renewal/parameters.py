"""The planner's inputs as a form: horizon, budgets, capacity, unit costs, pipes to include/exclude, road works.

:meth:`ParametersPanel.settings` turns the form into a
:class:`gisheat.analysis.renewal.PlanSettings`; anything the planner would
refuse is an :class:`InputError` with one line saying which input is wrong.
Tables take typing and pasting like a spreadsheet (Ctrl+V of cells copied
from Excel fills the rows below the current cell).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gisheat.analysis.renewal import (
    ConsequenceParameters,
    PlanSettings,
    RoadWork,
    UnitCosts,
    road_work_at,
)
from gisheat.analysis.renewal.costs import DEFAULT_ABOVE_TABLE, DEFAULT_UNIT_COSTS
from gisheat.analysis.renewal.projects import MAX_AGE_GAP_YEARS, MAX_PROJECT_LENGTH_M
from gisheat.core import schema
from gisheat.errors import InputError
from gisheat.ui.renewal.numbers import fmt

SETTINGS_KEY = "renewal/parameters"
ID_SEPARATORS = re.compile(r"[\s,;，；、]+")


def money_text(value: float, decimals: int = 0) -> str:
    """12 345 678 with the locale's group separator."""
    return fmt(value, decimals)


def split_ids(text: str) -> list[str]:
    """Ids typed or pasted: separated by commas, semicolons, spaces or new lines (one column from Excel)."""
    seen: dict[str, None] = {}
    for part in ID_SEPARATORS.split(text.strip()):
        if part:
            seen[part] = None
    return list(seen)


def number_spin(maximum: float, decimals: int = 0, suffix: str = "", step: float = 1.0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.0, maximum)
    box.setDecimals(decimals)
    box.setGroupSeparatorShown(True)
    box.setSingleStep(step)
    box.setSuffix(suffix)
    box.setKeyboardTracking(False)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


class NumberDelegate(QStyledItemDelegate):
    """Numbers in table cells: shown with group separators, edited in a spin box."""

    def __init__(self, maximum: float, decimals: int = 0, parent=None, zero_text: str = "", *,
                 grouped: bool = True) -> None:
        super().__init__(parent)
        self.grouped = grouped
        """False for years (2028, not 2,028)."""
        self.maximum = maximum
        self.decimals = decimals
        self.zero_text = zero_text
        """Shown for 0 (capacity: 'no limit')."""

    def displayText(self, value, locale) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if float(value) == 0 and self.zero_text:
                return self.zero_text
            return fmt(value, self.decimals) if self.grouped else f"{float(value):.{self.decimals}f}"
        return str(value)

    def createEditor(self, parent, option, index):
        box = number_spin(self.maximum, self.decimals)
        box.setGroupSeparatorShown(self.grouped)
        box.setParent(parent)
        box.setFrame(False)
        return box

    def setEditorData(self, editor, index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setValue(float(value) if isinstance(value, (int, float)) else 0.0)

    def setModelData(self, editor, model, index) -> None:
        editor.interpretText()
        model.setData(index, float(editor.value()) if self.decimals else int(editor.value()), Qt.ItemDataRole.EditRole)


class SheetTable(QTableWidget):
    """A small table that behaves like a spreadsheet: Ctrl+V pastes cells copied from Excel."""

    def __init__(self, rows: int, headers: list[str], parent=None) -> None:
        super().__init__(rows, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.SelectedClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(24)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QApplication.clipboard().text())
            return
        super().keyPressEvent(event)

    def paste(self, text: str) -> None:
        """Cells separated by tabs and new lines, from the current cell down and right."""
        row0, col0 = max(self.currentRow(), 0), max(self.currentColumn(), 0)
        for i, line in enumerate(text.rstrip("\n").split("\n")):
            for j, cell in enumerate(line.rstrip("\r").split("\t")):
                r, c = row0 + i, col0 + j
                if c >= self.columnCount():
                    continue
                if r >= self.rowCount():
                    self.add_row()
                self.set_cell(r, c, cell.strip())

    def add_row(self) -> None:
        self.insertRow(self.rowCount())

    def set_cell(self, row: int, column: int, text: str) -> None:
        item = self.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            self.setItem(row, column, item)
        if not item.flags() & Qt.ItemFlag.ItemIsEditable:
            return
        number = _parse_number(text)
        item.setData(Qt.ItemDataRole.EditRole, number if number is not None else text)

    def number(self, row: int, column: int) -> float | None:
        item = self.item(row, column)
        if item is None:
            return None
        return _parse_number(item.data(Qt.ItemDataRole.EditRole))


def _parse_number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value or "").strip().replace("¥", "").replace("元", "").replace(",", "").replace("，", "")
    text = text.replace("\u00a0", "").replace(" ", "")
    try:
        return float(text)
    except ValueError:
        return None


def _number_item(value: float, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setData(Qt.ItemDataRole.EditRole, float(value))
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _text_item(text: str, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class PlaceDelegate(QStyledItemDelegate):
    """Road-works place: an editable list of the network's street and district names."""

    def __init__(self, names, parent=None) -> None:
        super().__init__(parent)
        self.names = names

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.setEditable(True)
        box.addItems(self.names())
        return box

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentText().strip(), Qt.ItemDataRole.EditRole)


class PipeList(QWidget):
    """Pipe ids (typed, pasted, or taken from the map selection) with their count."""

    changed = Signal()

    def __init__(self, placeholder: str, parent=None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.add_button = QPushButton(self.tr("Add selected pipes"))
        self.add_button.setToolTip(self.tr("Add the pipes selected on the map or in the attribute table"))
        self.count = QLabel()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.count, 1)
        lay.addLayout(row)
        self.edit.textChanged.connect(self._update)
        self._update()

    def ids(self) -> list[str]:
        return split_ids(self.edit.text())

    def add(self, ids: list[str]) -> None:
        self.edit.setText(", ".join(split_ids(", ".join([*self.ids(), *ids]))))

    def _update(self) -> None:
        n = len(self.ids())
        self.count.setText(self.tr("%1 pipes").replace("%1", str(n)) if n else self.tr("none"))
        self.changed.emit()


class ParametersPanel(QWidget):
    """See the module docstring."""

    changed = Signal()

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        next_year = dt.date.today().year + 1

        # --- the plan --------------------------------------------------------------------
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. 2026–2030 base case"))
        self.start_year = QSpinBox()
        self.start_year.setRange(1990, 2200)
        self.start_year.setValue(next_year)
        self.start_year.setGroupSeparatorShown(False)
        self.years = QSpinBox()
        self.years.setRange(1, 30)
        self.years.setValue(5)
        self.years.setSuffix(self.tr(" years"))
        self.budget = number_spin(1e12, 0, "", 1_000_000)
        self.budget.setPrefix("¥ ")
        self.budget.setValue(10_000_000)
        self.budget.setToolTip(self.tr("Money available for renewals each year (construction, civil works and surface)"))
        self.capacity = number_spin(1000, 1, self.tr(" km/yr"), 0.5)
        self.capacity.setSpecialValueText(self.tr("no limit"))
        self.capacity.setValue(0)
        self.capacity.setToolTip(self.tr("Length the contractors can renew in one construction season "
                                         "(April–October); 0 = no limit"))
        self.per_year = QCheckBox(self.tr("Different budget or capacity each year"))
        self.year_table = SheetTable(0, [self.tr("Year"), self.tr("Budget (¥)"), self.tr("Capacity (km)")])
        self.year_table.setItemDelegateForColumn(1, NumberDelegate(1e12, 0, self))
        self.year_table.setItemDelegateForColumn(2, NumberDelegate(1000, 1, self, self.tr("no limit")))
        self.year_table.setMinimumHeight(150)
        plan_box = QGroupBox(self.tr("Plan"))
        form = QFormLayout(plan_box)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("First year"), self.start_year)
        form.addRow(self.tr("Horizon"), self.years)
        form.addRow(self.tr("Budget per year"), self.budget)
        form.addRow(self.tr("Construction capacity"), self.capacity)
        form.addRow(self.per_year)
        form.addRow(self.year_table)

        # --- unit costs ---------------------------------------------------------------------
        self.cost_table = SheetTable(0, [self.tr("Up to DN"), self.tr("¥ per metre")])
        self.cost_table.setItemDelegateForColumn(0, NumberDelegate(3000, 0, self))
        self.cost_table.setItemDelegateForColumn(1, NumberDelegate(1e6, 0, self))
        add_cost = QPushButton(self.tr("Add row"))
        remove_cost = QPushButton(self.tr("Remove row"))
        reset_cost = QPushButton(self.tr("Defaults"))
        reset_cost.setToolTip(self.tr("Typical rates, to be replaced by your own"))
        add_cost.clicked.connect(self._add_cost_row)
        remove_cost.clicked.connect(self._remove_cost_row)
        reset_cost.clicked.connect(lambda: self.set_unit_costs(UnitCosts()))
        cost_box = QGroupBox(self.tr("Unit costs"))
        cost_lay = QVBoxLayout(cost_box)
        hint = QLabel(self.tr("Replacement of a supply + return pair per metre, civil works and surface "
                              "restoration included. The first row whose DN limit is not below the pipe's DN applies."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #52606d;")
        cost_lay.addWidget(hint)
        cost_lay.addWidget(self.cost_table, 1)
        row = QHBoxLayout()
        for b in (add_cost, remove_cost, reset_cost):
            row.addWidget(b)
        cost_lay.addLayout(row)

        # --- pipes --------------------------------------------------------------------------
        self.min_length = number_spin(5000, 0, " m", 10)
        self.min_length.setValue(100)
        self.min_length.setToolTip(self.tr("Shorter groups of pipes are merged with a neighbouring project"))
        self.max_length = number_spin(20_000, 0, " m", 100)
        self.max_length.setMinimum(50)
        self.max_length.setValue(MAX_PROJECT_LENGTH_M)
        self.max_length.setToolTip(self.tr("Longer runs of one street are cut into projects of about this length"))
        self.age_gap = number_spin(100, 0, self.tr(" years"), 1)
        self.age_gap.setValue(MAX_AGE_GAP_YEARS)
        self.age_gap.setToolTip(self.tr("Neighbouring pipes installed further apart than this are separate projects: "
                                        "a recently renewed pipe is not dug up with the old one beside it"))
        self.must = PipeList(self.tr("pipe ids, e.g. P0211, S40-017"))
        self.must_not = PipeList(self.tr("pipe ids"))
        self.must.add_button.clicked.connect(lambda: self.must.add(self.selected_pipes()))
        self.must_not.add_button.clicked.connect(lambda: self.must_not.add(self.selected_pipes()))
        pipes_box = QGroupBox(self.tr("Pipes"))
        pipes_form = QFormLayout(pipes_box)
        pipes_form.addRow(self.tr("Minimum project length"), self.min_length)
        pipes_form.addRow(self.tr("Maximum project length"), self.max_length)
        pipes_form.addRow(self.tr("Install years apart, at most"), self.age_gap)
        pipes_form.addRow(QLabel(self.tr("Must be renewed")))
        pipes_form.addRow(self.must)
        pipes_form.addRow(QLabel(self.tr("Must not be renewed")))
        pipes_form.addRow(self.must_not)

        # --- road works -----------------------------------------------------------------------
        self.road_table = SheetTable(0, [self.tr("Street / district"), self.tr("Year"), self.tr("Saving %"),
                                         self.tr("Closed (yrs)")])
        for column, tip in enumerate((
                self.tr("A street name or a district of the network (choose from the list or type)"),
                self.tr("Year the street is re-paved"),
                self.tr("Share of the renewal cost saved by renewing in that same year (shared trench and surface)"),
                self.tr("Years after the re-paving during which the street may not be dug up"))):
            self.road_table.horizontalHeaderItem(column).setToolTip(tip)
        self.road_table.setItemDelegateForColumn(0, PlaceDelegate(self.place_names, self))
        self.road_table.setItemDelegateForColumn(1, NumberDelegate(2200, 0, self, grouped=False))
        self.road_table.setItemDelegateForColumn(2, NumberDelegate(99, 0, self))
        self.road_table.setItemDelegateForColumn(3, NumberDelegate(30, 0, self))
        self.road_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        add_road = QPushButton(self.tr("Add road works"))
        remove_road = QPushButton(self.tr("Remove"))
        add_road.clicked.connect(self.add_road_work)
        remove_road.clicked.connect(lambda: self.road_table.removeRow(self.road_table.currentRow())
                                    if self.road_table.currentRow() >= 0 else None)
        road_box = QGroupBox(self.tr("Planned road works"))
        road_lay = QVBoxLayout(road_box)
        road_hint = QLabel(self.tr("Renewing in the year a street is re-paved shares the trench and the surface; "
                                   "after that the fresh surface may not be dug up for some years."))
        road_hint.setWordWrap(True)
        road_hint.setStyleSheet("color: #52606d;")
        road_lay.addWidget(road_hint)
        road_lay.addWidget(self.road_table, 1)
        row = QHBoxLayout()
        row.addWidget(add_road)
        row.addWidget(remove_road)
        row.addStretch(1)
        road_lay.addLayout(row)

        # --- consequence of a break -------------------------------------------------------------
        defaults = ConsequenceParameters()
        self.degree_hour_price = number_spin(1000, 2, self.tr(" ¥"), 0.5)
        self.degree_hour_price.setValue(defaults.yuan_per_household_degree_hour)
        self.degree_hour_price.setToolTip(self.tr("What one household below 18 °C costs the utility per degree-hour "
                                                  "(complaints, compensation, penalties)"))
        self.vulnerable_weight = number_spin(1000, 1, "×", 0.5)
        self.vulnerable_weight.setValue(defaults.vulnerable_weight)
        self.vulnerable_weight.setToolTip(self.tr("A household with elderly, sick or infant members counts this many times"))
        self.critical_weight = number_spin(100_000, 0, "×", 10)
        self.critical_weight.setValue(defaults.critical_weight)
        self.critical_weight.setToolTip(self.tr("A hospital or nursing home counts as this many households"))
        self.heat_price = number_spin(100, 2, self.tr(" ¥/kWh"), 0.05)
        self.heat_price.setValue(defaults.heat_price_yuan_per_kwh)
        self.heat_price.setToolTip(self.tr("Price of the heat not sold during the outage"))
        self.repair_hours = number_spin(500, 1, self.tr(" h"), 0.5)
        self.repair_hours.setValue(defaults.repair_base_h)
        self.repair_hours.setToolTip(self.tr("Repair time of a small pipe; larger DN takes longer (%1 h per 100 mm)")
                                     .replace("%1", f"{defaults.repair_h_per_mm_dn * 100:g}"))
        consequence_box = QGroupBox(self.tr("Consequence of a break"))
        consequence_form = QFormLayout(consequence_box)
        for text, spin in ((self.tr("Cold home, per degree-hour"), self.degree_hour_price),
                           (self.tr("Vulnerable household counts"), self.vulnerable_weight),
                           (self.tr("Hospital, nursing home counts"), self.critical_weight),
                           (self.tr("Heat price"), self.heat_price),
                           (self.tr("Repair time, small pipe"), self.repair_hours)):
            consequence_form.addRow(text, spin)
        self.road_table.setMaximumHeight(150)  # a few rows in sight; the consequence below stays in view
        road_column = QVBoxLayout()  # the road-works table has room to spare: the consequence sits below it
        road_column.setContentsMargins(0, 0, 0, 0)
        road_column.addWidget(road_box)
        road_column.addWidget(consequence_box)
        road_column.addStretch(1)

        inner = QWidget()
        lay = QHBoxLayout(inner)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(plan_box, 5)
        lay.addWidget(cost_box, 4)
        lay.addWidget(pipes_box, 4)
        lay.addLayout(road_column, 6)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        for box in (plan_box, cost_box, pipes_box, consequence_box, road_box):
            box.setMinimumWidth(250)

        self.set_unit_costs(UnitCosts())
        self.restore()
        self._fill_years()
        self.years.valueChanged.connect(self._fill_years)
        self.start_year.valueChanged.connect(self._fill_years)
        self.budget.valueChanged.connect(self._fill_years)
        self.capacity.valueChanged.connect(self._fill_years)
        self.per_year.toggled.connect(self._per_year_toggled)
        self._per_year_toggled(self.per_year.isChecked())

    # --- helpers --------------------------------------------------------------------------

    def selected_pipes(self) -> list[str]:
        if self.session.network is None:
            return []
        return self.session.ids_of("pipes", self.session.selection("pipes"))

    def place_names(self) -> list[str]:
        network = self.session.network
        if network is None:
            return []
        streets = sorted(set(schema.text_column(network.layer("streets"), "name", default="").tolist()) - {""})
        districts = sorted(set(schema.text_column(network.layer("districts"), "name", default="").tolist()) - {""})
        return streets + districts

    def _fill_years(self) -> None:
        """One row per plan year; without 'different each year' every row shows the common values."""
        table = self.year_table
        n, first = self.years.value(), self.start_year.value()
        old = {int(table.number(r, 0) or 0): (table.number(r, 1), table.number(r, 2)) for r in range(table.rowCount())}
        table.setRowCount(n)
        same = not self.per_year.isChecked()
        for r in range(n):
            year = first + r
            budget, capacity = old.get(year, (None, None))
            if same or budget is None:
                budget = self.budget.value()
            if same or capacity is None:
                capacity = self.capacity.value()
            table.setItem(r, 0, _text_item(str(year), editable=False))
            table.item(r, 0).setData(Qt.ItemDataRole.EditRole, year)
            table.setItem(r, 1, _number_item(budget, editable=not same))
            table.setItem(r, 2, _number_item(capacity, editable=not same))
            if same:
                for c in (1, 2):
                    table.item(r, c).setForeground(QBrush(QColor("#8a96a3")))

    def _per_year_toggled(self, on: bool) -> None:
        self.budget.setEnabled(not on)
        self.capacity.setEnabled(not on)
        self._fill_years()
        self.year_table.setToolTip("" if on else self.tr("Tick 'Different budget or capacity each year' to edit years "
                                                          "one by one"))

    def set_unit_costs(self, costs: UnitCosts) -> None:
        table = self.cost_table
        table.setRowCount(0)
        for dn, price in costs.rows:
            self._append_cost(dn, price)
        table.insertRow(table.rowCount())
        last = table.rowCount() - 1
        table.setItem(last, 0, _text_item(self.tr("larger"), editable=False))
        table.setItem(last, 1, _number_item(costs.above))

    def _append_cost(self, dn: float, price: float, row: int | None = None) -> None:
        table = self.cost_table
        row = table.rowCount() if row is None else row
        table.insertRow(row)
        table.setItem(row, 0, _number_item(dn))
        table.setItem(row, 1, _number_item(price))

    def _add_cost_row(self) -> None:
        table = self.cost_table
        row = max(0, min(table.currentRow() + 1 if table.currentRow() >= 0 else table.rowCount() - 1,
                         table.rowCount() - 1))
        self._append_cost(0, 0, row)
        table.setCurrentCell(row, 0)

    def _remove_cost_row(self) -> None:
        table = self.cost_table
        row = table.currentRow()
        if 0 <= row < table.rowCount() - 1:
            table.removeRow(row)

    def add_road_work(self, place: str = "", year: int | None = None, saving: float = 25, closed: int = 3) -> None:
        table = self.road_table
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, _text_item(place))
        table.setItem(row, 1, _number_item(year or self.start_year.value()))
        table.item(row, 1).setData(Qt.ItemDataRole.EditRole, int(year or self.start_year.value()))
        table.setItem(row, 2, _number_item(saving))
        table.setItem(row, 3, _number_item(closed))
        table.setCurrentCell(row, 0)

    # --- reading the form ---------------------------------------------------------------

    def unit_costs(self) -> UnitCosts:
        table = self.cost_table
        rows = []
        for r in range(table.rowCount() - 1):
            dn, price = table.number(r, 0), table.number(r, 1)
            if dn is None and price is None:
                continue
            if dn is None or price is None or dn <= 0:
                raise InputError(self.tr("Unit costs, row %1: enter a DN limit and a price per metre").replace(
                    "%1", str(r + 1)))
            rows.append((dn, price))
        above = table.number(table.rowCount() - 1, 1)
        rows.sort()
        if not rows:
            raise InputError(self.tr("Unit costs: the table needs at least one DN row"))
        if len({dn for dn, _ in rows}) != len(rows):
            raise InputError(self.tr("Unit costs: each DN limit may appear only once"))
        if any(p <= 0 for _, p in rows) or not above or above <= 0:
            raise InputError(self.tr("Unit costs: every price per metre must be above zero"))
        return UnitCosts(tuple(rows), float(above))

    def road_works(self) -> tuple[RoadWork, ...]:
        network = self.session.network
        out = []
        for r in range(self.road_table.rowCount()):
            item = self.road_table.item(r, 0)
            place = str(item.data(Qt.ItemDataRole.EditRole) or "").strip() if item is not None else ""
            year = self.road_table.number(r, 1)
            saving = self.road_table.number(r, 2) or 0.0
            closed = self.road_table.number(r, 3) or 0.0
            if not place:
                continue
            if year is None:
                raise InputError(self.tr("Road works, row %1: enter the year").replace("%1", str(r + 1)))
            try:
                out.append(road_work_at(network, place, int(year), discount=float(saving) / 100.0,
                                        closed_years=int(closed)))
            except InputError:
                raise InputError(self.tr("Road works, row %1: '%2' is neither a street nor a district of the network")
                                 .replace("%1", str(r + 1)).replace("%2", place)) from None
        return tuple(out)

    def budgets(self) -> tuple[tuple[float, ...], tuple[float, ...] | None]:
        n = self.years.value()
        if not self.per_year.isChecked():
            capacity = self.capacity.value()
            return (float(self.budget.value()),) * n, ((capacity,) * n if capacity > 0 else None)
        budgets, capacities = [], []
        for r in range(n):
            b, c = self.year_table.number(r, 1), self.year_table.number(r, 2)
            if b is None:
                raise InputError(self.tr("Budget of %1: enter a number").replace("%1", str(self.start_year.value() + r)))
            budgets.append(b)
            capacities.append(c or 0.0)
        limited = any(c > 0 for c in capacities)
        if limited and not all(c > 0 for c in capacities):
            raise InputError(self.tr("Capacity: give every year a capacity, or none at all (no limit)"))
        return tuple(budgets), (tuple(capacities) if limited else None)

    def settings(self) -> PlanSettings:
        """The planner settings of the form (``InputError`` names a wrong input)."""
        budgets, capacity = self.budgets()
        must, must_not = self.must.ids(), self.must_not.ids()
        both = sorted(set(must) & set(must_not))
        if both:
            raise InputError(self.tr("Pipe %1 is listed as both 'must' and 'must not' be renewed").replace("%1", both[0]))
        settings = PlanSettings(
            start_year=self.start_year.value(), budgets=budgets, capacity_km=capacity, unit_costs=self.unit_costs(),
            must=tuple(must), must_not=tuple(must_not), min_project_length_m=float(self.min_length.value()),
            max_project_length_m=float(self.max_length.value()), max_age_gap_years=float(self.age_gap.value()),
            road_works=self.road_works(),
        )
        settings.check()
        return settings

    def consequence_parameters(self) -> ConsequenceParameters:
        """The consequence assumptions of the form (the rest at their documented defaults)."""
        return replace(ConsequenceParameters(),
                       yuan_per_household_degree_hour=float(self.degree_hour_price.value()),
                       vulnerable_weight=float(self.vulnerable_weight.value()),
                       critical_weight=float(self.critical_weight.value()),
                       heat_price_yuan_per_kwh=float(self.heat_price.value()),
                       repair_base_h=float(self.repair_hours.value()))

    CONSEQUENCE_SPINS = ("degree_hour_price", "vulnerable_weight", "critical_weight", "heat_price", "repair_hours")

    @property
    def plan_name(self) -> str:
        return self.name_edit.text().strip()

    # --- remembered between sessions ---------------------------------------------------

    def remember(self) -> None:
        costs = [[self.cost_table.number(r, 0), self.cost_table.number(r, 1)] for r in range(self.cost_table.rowCount() - 1)]
        QSettings().setValue(SETTINGS_KEY, json.dumps({
            "years": self.years.value(), "budget": self.budget.value(), "capacity": self.capacity.value(),
            "min_length": self.min_length.value(), "max_length": self.max_length.value(),
            "age_gap": self.age_gap.value(), "unit_costs": costs,
            **{name: getattr(self, name).value() for name in self.CONSEQUENCE_SPINS},
            "above": self.cost_table.number(self.cost_table.rowCount() - 1, 1),
        }))

    def restore(self) -> None:
        try:
            saved = json.loads(str(QSettings().value(SETTINGS_KEY, "") or "{}"))
            self.years.setValue(int(saved.get("years", self.years.value())))
            self.budget.setValue(float(saved.get("budget", self.budget.value())))
            self.capacity.setValue(float(saved.get("capacity", self.capacity.value())))
            self.min_length.setValue(float(saved.get("min_length", self.min_length.value())))
            self.max_length.setValue(float(saved.get("max_length", self.max_length.value())))
            self.age_gap.setValue(float(saved.get("age_gap", self.age_gap.value())))
            for name in self.CONSEQUENCE_SPINS:
                spin = getattr(self, name)
                spin.setValue(float(saved.get(name, spin.value())))
            if saved.get("unit_costs"):
                self.set_unit_costs(UnitCosts(tuple((float(a), float(b)) for a, b in saved["unit_costs"]),
                                              float(saved.get("above") or DEFAULT_ABOVE_TABLE)))
        except (ValueError, TypeError, InputError):
            self.set_unit_costs(UnitCosts(DEFAULT_UNIT_COSTS, DEFAULT_ABOVE_TABLE))
