"""The incident panel (a dock): what to do, who goes cold and by when, for the incident on the map.

Top: the failed pipes, banners (could not run, network edited, shares valves
with an active incident, what changed), the deadline, the summary and the
outputs. Tabs: valves in the crew's order (each with "fails to close"),
affected customers (priority first, sortable and filterable), stations,
restoration (tie valves, "apply"), and the incident log.

The panel only reads the :class:`IncidentController` and calls its methods;
selecting a row zooms the map to that feature and highlights it.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np
from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gisheat.analysis import response
from gisheat.analysis.incident import locate
from gisheat.core import schema
from gisheat.ui import labels
from gisheat.ui.icons import icon
from gisheat.ui.incident.controller import IncidentController, status_label
from gisheat.ui.incident.cooling import CoolingDialog, deadline_text, format_hours
from gisheat.ui.incident.customers import ID_ROLE, NEW_ROW, CustomerModel
from gisheat.ui.map.canvas import IDENTIFY_COLOUR

HIGHLIGHT_KEY = "incident-row"
FEATURE_SCALE = 4000
"""Selecting a row shows its feature at about 1:4000 (street names, valves and customers on the map)."""
FAILED_ROW = QColor("#ffcdd2")
MUTED = QColor("#78909c")

BANNER_STYLE = {
    "error": "background:#ffebee; color:#b71c1c; border:1px solid #ef9a9a;",
    "warning": "background:#fff3e0; color:#8a4b00; border:1px solid #ffb74d;",
    "change": "background:#fffde7; color:#3e2723; border:1px solid #fdd835;",
    "info": "background:#e3f2fd; color:#0d47a1; border:1px solid #90caf9;",
}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def _number(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}".replace(",", " ")


class Banner(QFrame):
    """A coloured line of text with an optional button (errors, stale results, conflicts, changes)."""

    def __init__(self, kind: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet(f"QFrame#banner {{ {BANNER_STYLE[kind]} border-radius: 3px; }}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet(BANNER_STYLE[kind].split("border")[0] + " border: none;")
        layout.addWidget(self.label, 1)
        self.button = QPushButton()
        self.button.setVisible(False)
        layout.addWidget(self.button)
        self.setVisible(False)

    def show_text(self, text: str, button: str = "") -> None:
        self.label.setText(text)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class HeaderArea(QScrollArea):
    """A scroll area as tall as its content wants (the splitter gives the rest to the tabs)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(90)

    def sizeHint(self):
        hint = self.widget().sizeHint()
        hint.setHeight(hint.height() + 2)
        return hint


class IncidentPanel(QWidget):
    """See the module docstring. ``isolate_on_map`` asks the window to switch to the isolation tool."""

    isolate_on_map = Signal()
    export_requested = Signal(str)
    """'pdf', 'csv' or 'gpkg'."""

    def __init__(self, controller: IncidentController, window, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.window = window
        self.session = window.session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(5)

        # what failed
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Failed pipes:")))
        self.pipes_edit = QLineEdit()
        self.pipes_edit.setPlaceholderText(self.tr("click pipes on the map, or type ids"))
        self.pipes_edit.setToolTip(self.tr("Pipe ids separated by commas; Enter runs the isolation"))
        self.pipes_edit.returnPressed.connect(self._pipes_typed)
        row.addWidget(self.pipes_edit, 1)
        self.map_button = self._tool_button("fa5s.mouse-pointer", self.tr("Click the failed pipes on the map "
                                                                          "(Shift or Ctrl adds more)"),
                                            self.isolate_on_map.emit)
        self.selection_button = self._tool_button("fa5s.object-group", self.tr("Use the selected pipes (from the "
                                                                               "search box or the Select tool)"),
                                                  self.use_selection)
        self.clear_button = self._tool_button("fa5s.times", self.tr("Clear the incident from the map"),
                                              self.controller.clear)
        for b in (self.map_button, self.selection_button, self.clear_button):
            row.addWidget(b)
        layout.addLayout(row)
        self.identity = QLabel()
        self.identity.setStyleSheet("color:#37474f;")
        layout.addWidget(self.identity)
        self.deadline = QLabel()  # always in sight: the repair deadline
        self.deadline.setWordWrap(True)
        layout.addWidget(self.deadline)

        # everything above the tabs scrolls when the dock is short, instead of squeezing
        self.header = QWidget()
        head = QVBoxLayout(self.header)
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(5)
        self.error_banner = Banner("error")
        self.stale_banner = Banner("warning")
        self.stale_banner.button.clicked.connect(self._stale_action)
        self.conflict_banner = Banner("error")
        self.whole_banner = Banner("error")
        self.change_banner = Banner("change")
        for b in (self.error_banner, self.stale_banner, self.conflict_banner, self.whole_banner, self.change_banner):
            head.addWidget(b)

        self.placeholder = QLabel(self.tr(
            "A pipe has failed? Choose the isolation tool and click it on the map (Shift or Ctrl adds more pipes), "
            "or type its id above. The valves to close, who loses heat and how long before homes fall below "
            "18 °C appear here."))
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color:#546e7a; padding: 12px 4px;")
        head.addWidget(self.placeholder)

        # deadline and weather
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(5)
        weather = QHBoxLayout()
        weather.addWidget(QLabel(self.tr("Outdoor temperature:")))
        self.outdoor = QDoubleSpinBox()
        self.outdoor.setRange(-50.0, 30.0)
        self.outdoor.setDecimals(0)
        self.outdoor.setSuffix(" °C")
        self.outdoor.setValue(controller.outdoor_temp_c)
        self.outdoor.setKeyboardTracking(False)
        self.outdoor.valueChanged.connect(lambda v: self.controller.set_weather(outdoor_temp_c=v))
        weather.addWidget(self.outdoor)
        self.tau_button = QPushButton(self.tr("Building cooling…"))
        self.tau_button.setToolTip(self.tr("Time constants per customer category"))
        self.tau_button.clicked.connect(self.edit_cooling)
        weather.addWidget(self.tau_button)
        weather.addStretch(1)
        body.addLayout(weather)
        weather = QHBoxLayout()
        weather.addWidget(QLabel(self.tr("Heat off since:")))
        self.heat_off = QDateTimeEdit()
        self.heat_off.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.heat_off.setCalendarPopup(True)
        self.heat_off.setToolTip(self.tr("When the heat went off (the burst, or the start of planned works): "
                                         "the deadline counts from it"))
        self.heat_off.dateTimeChanged.connect(
            lambda q: self.controller.set_reported(q.toPython().replace(second=0, microsecond=0)))
        weather.addWidget(self.heat_off)
        weather.addStretch(1)
        body.addLayout(weather)

        # summary
        self.summary = QGridLayout()
        self.summary.setHorizontalSpacing(10)
        self.summary.setVerticalSpacing(2)
        self.summary_labels: dict[str, QLabel] = {}
        names = [("customers", self.tr("Customers")), ("households", self.tr("Households")),
                 ("vulnerable_households", self.tr("Vulnerable households")),
                 ("heated_area_m2", self.tr("Heated area")), ("heat_load_kw", self.tr("Heat load")),
                 ("isolated_length_m", self.tr("Pipe drained")), ("drain_volume_m3", self.tr("Water to drain"))]
        for k, (key, text) in enumerate(names):
            r, c = divmod(k, 2)
            caption = QLabel(text + ":")
            caption.setStyleSheet("color:#546e7a;")
            value = QLabel()
            value.setStyleSheet("font-weight:600;")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.summary.addWidget(caption, r, 2 * c)
            self.summary.addWidget(value, r, 2 * c + 1)
            self.summary_labels[key] = value
        self.summary.setColumnStretch(1, 1)
        self.summary.setColumnStretch(3, 1)
        body.addLayout(self.summary)

        # saving and outputs
        outputs = QHBoxLayout()
        self.save_button = QPushButton(icon("fa5s.save"), self.tr("Save"))
        self.save_button.setToolTip(self.tr("Record the incident in the network file (undoable; saved with the file)"))
        self.save_button.clicked.connect(self.save_incident)
        outputs.addWidget(self.save_button)
        self.pdf_button = QPushButton(icon("fa5s.file-pdf"), self.tr("Work order"))
        self.pdf_button.setToolTip(self.tr("PDF for the crew: map, valves to close in order, reopening checklist"))
        self.csv_button = QPushButton(icon("fa5s.phone"), self.tr("Call list"))
        self.csv_button.setToolTip(self.tr("Customer notification list (CSV for Excel)"))
        self.gpkg_button = QPushButton(icon("fa5s.layer-group"), self.tr("Result layers"))
        self.gpkg_button.setToolTip(self.tr("The isolation as GeoPackage layers (for QGIS)"))
        for b, kind in ((self.pdf_button, "pdf"), (self.csv_button, "csv"), (self.gpkg_button, "gpkg")):
            b.clicked.connect(lambda _=False, k=kind: self.export_requested.emit(k))
            outputs.addWidget(b)
        outputs.addStretch(1)
        body.addLayout(outputs)
        head.addWidget(self.body)
        head.addStretch(1)

        # tabs
        self.tabs = QTabWidget()
        self.valves_table = self._table([self.tr("#"), self.tr("Valve"), "", self.tr("Location"),
                                         self.tr("Closes pipe"), self.tr("DN"), self.tr("Type"),
                                         self.tr("From previous")])
        self.valves_table.itemSelectionChanged.connect(lambda: self._row_chosen(self.valves_table, "valves"))
        self.boundary_note = QLabel()
        self.boundary_note.setWordWrap(True)
        self.boundary_note.setStyleSheet("color:#546e7a;")
        valves_page = QWidget()
        vl = QVBoxLayout(valves_page)
        vl.setContentsMargins(0, 4, 0, 0)
        vl.addWidget(self.valves_table)
        vl.addWidget(self.boundary_note)
        self.tabs.addTab(valves_page, "")

        customers_page = QWidget()
        cl = QVBoxLayout(customers_page)
        cl.setContentsMargins(0, 4, 0, 0)
        filters = QHBoxLayout()
        self.customer_filter = QLineEdit()
        self.customer_filter.setPlaceholderText(self.tr("Filter: id, name, address, phone…"))
        self.customer_filter.setClearButtonEnabled(True)
        filters.addWidget(self.customer_filter, 1)
        self.customer_kind = QComboBox()
        self.customer_kind.addItem(self.tr("Everyone"), "")
        self.customer_kind.addItem(self.tr("Hospitals, nursing homes, schools"), "priority")
        self.customer_kind.addItem(self.tr("With vulnerable households"), "vulnerable")
        self.customer_kind.addItem(self.tr("New since the last run"), "new")
        for category in schema.CUSTOMER_CATEGORIES:
            self.customer_kind.addItem(labels.value_label(category), "category:" + category)
        self.customer_kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.customer_kind.setMinimumContentsLength(16)
        self.customer_kind.view().setMinimumWidth(330)
        filters.addWidget(self.customer_kind)
        cl.addLayout(filters)
        self.customer_model = CustomerModel(self)
        self.customers_view = QTableView()
        self.customers_view.setModel(self.customer_model)
        self.customers_view.setSortingEnabled(True)
        self.customers_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.customers_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.customers_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.customers_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.customers_view.verticalHeader().setVisible(False)
        self.customers_view.verticalHeader().setDefaultSectionSize(22)
        self.customers_view.setAlternatingRowColors(False)
        self.customers_view.selectionModel().selectionChanged.connect(self._customer_chosen)
        self.customer_filter.textChanged.connect(self._filter_customers)
        self.customer_kind.currentIndexChanged.connect(self._filter_customers)
        cl.addWidget(self.customers_view)
        self.customer_count = QLabel()
        self.customer_count.setStyleSheet("color:#546e7a;")
        cl.addWidget(self.customer_count)
        self.tabs.addTab(customers_page, "")

        self.stations_table = self._table([self.tr("Station"), self.tr("Name"), self.tr("Customers"),
                                           self.tr("Households")])
        self.stations_table.itemSelectionChanged.connect(lambda: self._row_chosen(self.stations_table, "stations"))
        self.tabs.addTab(self.stations_table, "")

        restore_page = QWidget()
        rl = QVBoxLayout(restore_page)
        rl.setContentsMargins(0, 4, 0, 0)
        note = QLabel(self.tr("Normally-closed tie valves that can back-feed customers who lost supply outside the "
                              "drained section. Apply one to re-run the analysis with it open."))
        note.setWordWrap(True)
        note.setStyleSheet("color:#546e7a;")
        rl.addWidget(note)
        self.restore_table = self._table([self.tr("Tie valve"), "", self.tr("Restores"), self.tr("Location")])
        self.restore_table.itemSelectionChanged.connect(lambda: self._row_chosen(self.restore_table, "valves"))
        rl.addWidget(self.restore_table)
        self.tabs.addTab(restore_page, "")

        log_page = QWidget()
        ll = QVBoxLayout(log_page)
        ll.setContentsMargins(0, 4, 0, 0)
        form = QGridLayout()
        form.addWidget(QLabel(self.tr("Title:")), 0, 0)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. burst under Jianshe Road"))
        self.title_edit.textEdited.connect(lambda t: (setattr(self.controller, "title", t), self._update_identity()))
        form.addWidget(self.title_edit, 0, 1)
        form.addWidget(QLabel(self.tr("Notes:")), 1, 0)
        self.notes_edit = QLineEdit()
        self.notes_edit.textEdited.connect(lambda t: (setattr(self.controller, "notes", t), self._update_identity()))
        form.addWidget(self.notes_edit, 1, 1)
        ll.addLayout(form)
        self.log_table = self._table([self.tr("Incident"), self.tr("Status"), self.tr("Analysis"),
                                      self.tr("Reported"), self.tr("Failed pipes"), self.tr("Customers"),
                                      self.tr("To 18 °C"), self.tr("Title")])
        self.log_table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.log_table.itemSelectionChanged.connect(self._update_log_buttons)
        ll.addWidget(self.log_table)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Show this incident again (its isolation is re-run on the current network)"))
        self.open_button.clicked.connect(self.open_selected)
        buttons.addWidget(self.open_button)
        buttons.addWidget(QLabel(self.tr("Set status:")))
        self.status_buttons: dict[str, QPushButton] = {}
        for status in schema.INCIDENT_STATUSES:
            b = QPushButton(status_label(status))
            b.clicked.connect(lambda _=False, s=status: self.set_selected_status(s))
            self.status_buttons[status] = b
            buttons.addWidget(b)
        buttons.addStretch(1)
        ll.addLayout(buttons)
        self.tabs.addTab(log_page, "")
        self.tabs.setMinimumHeight(170)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(HeaderArea(self.header))
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)
        self._user_sized = False
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_user_sized", True))

        controller.run_changed.connect(self.refresh)
        controller.failed.connect(self._failed)
        controller.reported_changed.connect(lambda: (self._fill_summary(), self._update_identity()))
        controller.stale_changed.connect(lambda _s: (self._update_banners(), self._update_buttons(),
                                                     self._update_identity()))
        controller.log_changed.connect(self.refresh_log)
        controller.busy_changed.connect(self._busy)
        self.refresh()
        self.refresh_log()

    # --- building blocks ----------------------------------------------------------------------

    def _tool_button(self, icon_name: str, tip: str, slot) -> QToolButton:
        b = QToolButton()
        b.setIcon(icon(icon_name))
        b.setToolTip(tip)
        b.clicked.connect(lambda: slot())
        return b

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(24)
        table.horizontalHeader().setHighlightSections(False)
        return table

    @staticmethod
    def _item(text, *, sort=None, align_right: bool = False, key: str | None = None) -> QTableWidgetItem:
        item = QTableWidgetItem(str(text))
        if sort is not None:
            item.setData(SORT_ROLE, sort)
        if key is not None:
            item.setData(ID_ROLE, key)
        if align_right:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    # --- actions ------------------------------------------------------------------------------

    def _pipes_typed(self) -> None:
        ids = [p.strip() for p in self.pipes_edit.text().replace("，", ",").replace(" ", ",").split(",") if p.strip()]
        if ids:
            self.controller.isolate(ids, "replace")

    def use_selection(self) -> None:
        rows = self.session.selection("pipes")
        if len(rows) == 0:
            self.error_banner.show_text(self.tr("No pipe is selected: find one with the search box or the Select tool, "
                                                "or click it with the isolation tool."))
            return
        self.controller.isolate(self.session.ids_of("pipes", rows), "replace")

    def edit_cooling(self) -> None:
        dialog = CoolingDialog(self.controller.tau_h, self.controller.outdoor_temp_c, self)
        if dialog.exec():
            self.controller.set_weather(tau_h=dialog.values())

    def save_incident(self) -> None:
        try:
            incident_id = self.controller.save()
        except Exception as exc:  # noqa: BLE001 - an edit refused: say why, keep the panel
            self.error_banner.show_text(str(exc))
            return
        self.window.statusBar().showMessage(self.tr("Incident %1 saved in the network (save the file to keep it)")
                                            .replace("%1", incident_id), 6000)

    def open_selected(self) -> None:
        incident_id = self._selected_incident()
        if incident_id:
            self.controller.reopen(incident_id)
            self.tabs.setCurrentIndex(0)

    def set_selected_status(self, status: str) -> None:
        incident_id = self._selected_incident()
        if incident_id:
            self.controller.set_status(incident_id, status)

    def _selected_incident(self) -> str | None:
        rows = self.log_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.log_table.item(rows[0].row(), 0)
        return item.data(ID_ROLE) if item is not None else None

    def _stale_action(self) -> None:
        c = self.controller
        if c.stale:
            c.rerun()
        elif c.reopened is not None and c.reopened.stale:
            self.save_incident()

    def _failed(self, message: str) -> None:
        message = self.explain(message)
        self.error_banner.show_text(message)
        self.change_banner.show_text("")  # what the previous run changed is not news beside an error
        self.window.statusBar().showMessage(message, 8000)

    def explain(self, message: str) -> str:
        """The engine's refusal in the UI language, without the file name (the user has it open)."""
        network = self.controller.network
        if network is not None and network.path is not None and message.startswith(f"{network.path}: "):
            message = message[len(f"{network.path}: "):]
        found = re.fullmatch(r"pipe '(.+)' is (\w+), not in service: it takes no part in analysis", message)
        if found:
            return self.tr("Pipe %1 is %2, not in service: it takes no part in analysis.").replace(
                "%1", found.group(1)).replace("%2", labels.value_label(found.group(2)).lower())
        found = re.fullmatch(r"layer (pipes|valves) has no (pipe|valve) '(.+)'", message)
        if found:
            text = self.tr("No pipe %1 in the network.") if found.group(2) == "pipe" else \
                self.tr("No valve %1 in the network.")
            return text.replace("%1", found.group(3))
        found = re.fullmatch(r"pipe '(.+)' takes no part in analysis: (.+) \(see gisheat validate\)", message)
        if found:
            return self.tr("Pipe %1 takes no part in analysis: %2 (see gisheat validate).").replace(
                "%1", found.group(1)).replace("%2", found.group(2))
        return message

    def _busy(self, busy: bool) -> None:
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        self._update_buttons()

    # --- showing the run ----------------------------------------------------------------------

    def refresh(self) -> None:
        c = self.controller
        run = c.run
        has = run is not None
        self.placeholder.setVisible(not has)
        self.body.setVisible(has)
        self.tabs.setVisible(True)
        if has:
            self.error_banner.show_text("")
            self.pipes_edit.setText(", ".join(run.query.pipes))
            if abs(self.outdoor.value() - run.query.outdoor_temp_c) > 1e-9:
                self.outdoor.blockSignals(True)
                self.outdoor.setValue(run.query.outdoor_temp_c)
                self.outdoor.blockSignals(False)
        else:
            self.pipes_edit.clear()
        self._fill_summary()
        self._fill_valves()
        self._fill_customers()
        self._fill_stations()
        self._fill_restoration()
        self._update_banners()
        self._update_identity()
        self._update_tab_titles()
        self._update_buttons()
        self.balance()

    def balance(self) -> None:
        """Give the top its natural height (the tabs keep at least ~220 px) unless the user dragged the handle."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if self._user_sized or total <= 0:
            return
        self.header.adjustSize()
        top = min(self.header.sizeHint().height() + 4, max(total - 220, 90))
        self.splitter.setSizes([top, total - top])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.balance()

    def _update_tab_titles(self) -> None:
        run = self.controller.run
        n = (lambda k: f" ({k})") if run is not None else (lambda k: "")
        r = run.result if run is not None else None
        self.tabs.setTabText(0, self.tr("Valves") + n(len(r.valves_to_close) if r else 0))
        self.tabs.setTabText(1, self.tr("Customers") + n(r.summary.customers if r else 0))
        self.tabs.setTabText(2, self.tr("Stations") + n(len(r.affected_stations) if r else 0))
        self.tabs.setTabText(3, self.tr("Restore") + n(len(r.restoration) + len(r.opened_valves) if r else 0))
        self.tabs.setTabText(4, self.tr("Log") + f" ({self.log_table.rowCount()})")

    def _update_buttons(self) -> None:
        c = self.controller
        has = c.run is not None
        tips = {self.pdf_button: self.tr("PDF for the crew: map, valves to close in order, reopening checklist"),
                self.csv_button: self.tr("Customer notification list (CSV for Excel)"),
                self.gpkg_button: self.tr("The isolation as GeoPackage layers (for QGIS)")}
        for b, tip in tips.items():  # never hand a crew valves from an analysis the network has outgrown
            b.setEnabled(has and not c.busy and not c.stale)
            b.setToolTip(self.tr("The network was edited: re-run before exporting") if c.stale else tip)
        self.save_button.setEnabled(has and not c.busy and not c.stale)
        self.save_button.setToolTip(self.tr("The network was edited: re-run before saving") if c.stale else
                                    self.tr("Record the incident in the network file (undoable; saved with the file)"))
        self.clear_button.setEnabled(has)
        self._update_log_buttons()

    def _update_identity(self) -> None:
        c = self.controller
        if c.run is None:
            self.identity.setText("")
            return
        if c.incident_id is None:
            text = self.tr("New incident, not saved yet")
        else:
            state = self.tr("saved") if c.is_saved else self.tr("changed since saved")
            if c.stale:
                state += " · " + self.tr("network edited since")
            text = f"<b>{c.incident_id}</b> · {status_label(c.status)} · {state}"
        self.identity.setText(text)
        if self.title_edit.text() != c.title:
            self.title_edit.setText(c.title)
        if self.notes_edit.text() != c.notes:
            self.notes_edit.setText(c.notes)

    def _fill_summary(self) -> None:
        c = self.controller
        run = c.run
        self.deadline.setVisible(run is not None)
        if run is None:
            self.deadline.setText("")
            return
        s = run.result.summary
        change = c.change

        def delta(value: int) -> str:
            return f"  <span style='color:#e65100'>({value:+,})</span>".replace(",", " ") if value else ""

        self.summary_labels["customers"].setText(
            _number(s.customers) + (delta(change.customers_delta) if change is not None else ""))
        self.summary_labels["households"].setText(
            _number(s.households) + (delta(change.households_delta) if change is not None else ""))
        self.summary_labels["vulnerable_households"].setText(_number(s.vulnerable_households))
        self.summary_labels["heated_area_m2"].setText(_number(s.heated_area_m2) + " m²")
        self.summary_labels["heat_load_kw"].setText(
            f"{s.heat_load_kw / 1000:.1f} MW" if s.heat_load_kw >= 1000 else _number(s.heat_load_kw) + " kW")
        self.summary_labels["isolated_length_m"].setText(_number(s.isolated_length_m) + " m")
        self.summary_labels["drain_volume_m3"].setText(_number(s.drain_volume_m3, 1 if s.drain_volume_m3 < 10 else 0)
                                                       + " m³")
        if c.reported is not None:
            self.heat_off.blockSignals(True)
            self.heat_off.setDateTime(QDateTime(c.reported))
            self.heat_off.blockSignals(False)
        hours = run.report.hours_to_cold
        t_out = f"{run.query.outdoor_temp_c:g} °C"
        if s.customers == 0:
            self.deadline.setStyleSheet("font-size: 14px; font-weight: 700; color: #2e7d32; padding: 2px 0;")
            self.deadline.setText(self.tr("No customer loses heat."))
        elif not math.isfinite(hours):
            self.deadline.setStyleSheet("font-size: 14px; font-weight: 700; color: #2e7d32; padding: 2px 0;")
            self.deadline.setText(self.tr("At %1 outdoors no home falls below 18 °C.").replace("%1", t_out))
        else:
            self.deadline.setStyleSheet("font-size: 14px; font-weight: 700; color: #b71c1c; padding: 2px 0;")
            text = deadline_text(run.report)
            if c.reported is not None:
                by = c.reported + dt.timedelta(hours=hours)
                when = by.strftime("%H:%M") if by.date() == c.reported.date() else by.strftime("%m-%d %H:%M")
                text += " " + self.tr("(by %1, heat off since %2)").replace("%1", when).replace(
                    "%2", c.reported.strftime("%H:%M"))
            text += " — " + self.tr("at %1 outdoors").replace("%1", t_out)
            self.deadline.setText(text)

    def _fill_valves(self) -> None:
        table = self.valves_table
        table.setRowCount(0)
        run = self.controller.run
        if run is None:
            self.boundary_note.setText("")
            return
        change = self.controller.change
        new = set(change.added_valves) if change is not None else set()
        report = run.report
        failed = list(run.query.failed_valves)
        rows: list[tuple] = [(str(s.order), s.valve_id, s.location, s.dn, s.valve_type, _number(s.leg_m) + " m",
                              "close") for s in report.valves]
        if failed:
            where = self._locations(run, failed)
            rows += [("✕", v, *where.get(v, ("", math.nan, "")), "", "failed") for v in failed]
        pipes = response.valve_pipes(self.controller.network, [r[1] for r in rows])
        table.setRowCount(len(rows))
        bold = QFont(table.font())
        bold.setBold(True)
        for r, (order, valve_id, location, dn, kind, leg, role) in enumerate(rows):
            items = [self._item(order, align_right=True), self._item(valve_id, key=valve_id), self._item(""),
                     self._item(location), self._item(self.pipe_text(pipes.get(valve_id))),
                     self._item("" if dn is None or (isinstance(dn, float) and math.isnan(dn)) else f"{dn:.0f}",
                                align_right=True),
                     self._item(labels.value_label(kind) if kind else ""), self._item(leg, align_right=True)]
            for col, item in enumerate(items):
                if role == "failed":
                    item.setBackground(QBrush(FAILED_ROW))
                    item.setForeground(QBrush(QColor("#b71c1c")))
                    item.setToolTip(self.tr("%1 fails to close: the valves further out are closed instead")
                                    .replace("%1", valve_id))
                elif valve_id in new:
                    item.setBackground(QBrush(NEW_ROW))
                    item.setToolTip(self.tr("New: this valve must be closed because another one failed"))
                if col in (0, 1):
                    item.setFont(bold)
                table.setItem(r, col, item)
            if role == "close":
                button = QPushButton(self.tr("Won't close"))
                button.setToolTip(self.tr("The crew cannot close %1: find the next valves out and re-run")
                                  .replace("%1", valve_id))
                button.clicked.connect(lambda _=False, v=valve_id: self.controller.set_valve_failed(v, True))
            else:
                button = QPushButton(self.tr("Closed after all"))
                button.setToolTip(self.tr("%1 could be closed: take it back into the plan").replace("%1", valve_id))
                button.clicked.connect(lambda _=False, v=valve_id: self.controller.set_valve_failed(v, False))
            button.setObjectName(f"valve-button-{valve_id}")
            table.setCellWidget(r, 2, button)
        table.resizeColumnsToContents()
        table.setColumnWidth(3, min(max(table.columnWidth(3), 120), 250))
        boundary = report.boundary_valves
        parts = []
        if failed:
            parts.append(self.tr("Fails to close: %1 (red rows)").replace("%1", ", ".join(failed)))
        if boundary:
            parts.append(self.tr("Already closed on the boundary (leave closed): %1").replace(
                "%1", ", ".join(s.valve_id for s in boundary)))
        if run.result.opened_valves:
            parts.append(self.tr("Tie valves opened for back-feeding: %1").replace(
                "%1", ", ".join(run.result.opened_valves)))
        self.boundary_note.setText("\n".join(parts))
        self.boundary_note.setVisible(bool(parts))

    def pipe_text(self, found) -> str:
        """'P0019 → N': the pipe a junction valve closes and where that pipe goes."""
        if found is None:
            return ""
        words = {"N": self.tr("N"), "NE": self.tr("NE"), "E": self.tr("E"), "SE": self.tr("SE"), "S": self.tr("S"),
                 "SW": self.tr("SW"), "W": self.tr("W"), "NW": self.tr("NW")}
        return f"{found.pipe_id} → {words[found.towards]}" if found.towards else found.pipe_id

    def _locations(self, run, valve_ids: list[str]) -> dict[str, tuple[str, float, str]]:
        """Location text, DN and type of valves not in the report (failed ones, tie valves)."""
        network = self.controller.network
        frame = network.valves
        rows = self.session.rows_of("valves", valve_ids)
        if len(rows) == 0:
            return {}
        ids = schema.text_column(frame, "valve_id")[rows]
        xy = np.array([[g.x, g.y] for g in frame.geometry.iloc[rows]])
        places = locate(network, xy)
        dn = schema.numeric_column(frame, "dn")[rows]
        kind = schema.text_column(frame, "valve_type")[rows]
        lang = run.query.language
        return {str(i): (p.text(lang), float(d), str(k)) for i, p, d, k in zip(ids, places, dn, kind, strict=True)}

    def _fill_customers(self) -> None:
        run = self.controller.run
        change = self.controller.change
        new = set(change.added_customers) if change is not None else set()
        sort = (self.customer_model.sort_column, self.customer_model.sort_order)
        self.customer_model.set_report(run.report.customers if run is not None else None, new)
        self.customer_model.sort(*sort)
        self.customers_view.horizontalHeader().setSortIndicator(*sort)
        if run is not None and self.customer_model.total <= 2000:
            self.customers_view.resizeColumnsToContents()
        self._filter_customers()

    def _filter_customers(self) -> None:
        self.customer_model.set_filter(self.customer_filter.text(), self.customer_kind.currentData() or "")
        run = self.controller.run
        total = self.customer_model.total
        shown = self.customer_model.rowCount()
        change = self.controller.change
        text = self.tr("%1 of %2 customers").replace("%1", _number(shown)).replace("%2", _number(total))
        if change is not None and change.added_customers:
            text += " · " + self.tr("%1 new (yellow)").replace("%1", _number(len(change.added_customers)))
        self.customer_count.setText(text if run is not None else "")

    def _fill_stations(self) -> None:
        table = self.stations_table
        table.setRowCount(0)
        run = self.controller.run
        if run is None:
            return
        frame = run.report.stations
        table.setRowCount(len(frame))
        for r, (sid, name, n, hh) in enumerate(zip(frame["station_id"], frame["name"], frame["customers"],
                                                   frame["households"], strict=True)):
            table.setItem(r, 0, self._item(sid, key=sid))
            table.setItem(r, 1, self._item(name))
            table.setItem(r, 2, self._item(_number(n), align_right=True))
            table.setItem(r, 3, self._item(_number(hh), align_right=True))
        table.resizeColumnsToContents()

    def _fill_restoration(self) -> None:
        table = self.restore_table
        table.setRowCount(0)
        run = self.controller.run
        if run is None:
            return
        options = [(r.open_valve, r.restores_customers, False) for r in run.result.restoration]
        options = [(v, None, True) for v in run.result.opened_valves] + options
        where = self._locations(run, [v for v, _, _ in options]) if options else {}
        table.setRowCount(len(options))
        for r, (valve_id, n, opened) in enumerate(options):
            table.setItem(r, 0, self._item(valve_id, key=valve_id))
            table.setItem(r, 1, self._item(""))
            text = self.tr("opened") if opened else self.tr("%1 customers").replace("%1", _number(n))
            table.setItem(r, 2, self._item(text, align_right=not opened))
            detail = run.restored.get(valve_id)
            if detail is not None:  # who exactly: the hospital first, then households and stations
                who = [f"{name or cid} ({labels.value_label(category)})" for cid, name, category in detail.priority[:3]]
                if len(detail.priority) > 3:
                    who.append(self.tr("%1 more priority").replace("%1", str(len(detail.priority) - 3)))
                parts = who + [self.tr("%1 households").replace("%1", _number(detail.households))]
                if detail.stations:
                    parts.append(self.tr("stations %1").replace("%1", ", ".join(detail.stations)))
                table.item(r, 2).setText(text + " · " + " · ".join(parts))
                table.item(r, 2).setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                table.item(r, 2).setToolTip(self.tr("Back on: %1").replace("%1", ", ".join(detail.customers)))
            table.setItem(r, 3, self._item(where.get(valve_id, ("",))[0]))
            if opened:
                for col in range(4):
                    table.item(r, col).setBackground(QBrush(QColor("#e8f5e9")))
                button = QPushButton(self.tr("Undo"))
                button.setToolTip(self.tr("Keep %1 closed").replace("%1", valve_id))
                button.clicked.connect(lambda _=False, v=valve_id: self.controller.set_tie_open(v, False))
            else:
                button = QPushButton(self.tr("Apply"))
                button.setToolTip(self.tr("Open %1 and re-run").replace("%1", valve_id))
                button.clicked.connect(lambda _=False, v=valve_id: self.controller.set_tie_open(v, True))
            button.setObjectName(f"restore-button-{valve_id}")
            table.setCellWidget(r, 1, button)
        table.resizeColumnsToContents()
        table.setColumnWidth(3, min(max(table.columnWidth(3), 120), 260))

    # --- banners ------------------------------------------------------------------------------

    def _update_banners(self) -> None:
        c = self.controller
        run = c.run
        if run is None:
            for b in (self.stale_banner, self.conflict_banner, self.whole_banner, self.change_banner):
                b.show_text("")
            return
        if c.stale:
            self.stale_banner.show_text(self.tr("The network was edited after this analysis: the valves and "
                                                "customers shown may be wrong."), self.tr("Re-run"))
        elif c.reopened is not None and c.reopened.stale:
            when = c.reopened.incident.analysed
            self.stale_banner.show_text(
                self.tr("Stale: the network was edited after %1 was analysed (%2); the lists are re-computed on the "
                        "current network.").replace("%1", c.reopened.incident.incident_id).replace(
                    "%2", when.strftime("%Y-%m-%d %H:%M") if when else "?"),
                self.tr("Save new analysis"))
        else:
            self.stale_banner.show_text("")
        if c.conflicts:
            shared = sorted({x for ids in c.conflict_details.values() for x in ids})
            self.conflict_banner.show_text(self.tr("Active incident %1 also uses %2: coordinate the crews before "
                                                   "closing or opening valves.")
                                           .replace("%1", ", ".join(c.conflicts)).replace("%2", ", ".join(shared)))
        else:
            self.conflict_banner.show_text("")
        if run.result.whole_circuit:
            self.whole_banner.show_text(self.tr("No valve that can be closed bounds this failure: the whole circuit "
                                                "must be shut down at its heat source or station."))
        else:
            self.whole_banner.show_text("")
        self.change_banner.show_text(self._change_text())
        self.balance()

    def _change_text(self) -> str:
        c = self.controller
        change = c.change
        if change is None:
            return ""
        trig = c.trigger
        if trig.kind == "reopen":
            if not change.added_valves and not change.removed_valves:
                return ""
            parts = []
            if change.added_valves:
                parts.append(self.tr("now also close %1").replace("%1", ", ".join(change.added_valves)))
            if change.removed_valves:
                parts.append(self.tr("no longer %1").replace("%1", ", ".join(change.removed_valves)))
            return self.tr("Compared with the saved analysis: %1.").replace("%1", self.tr("; ").join(parts))
        head = {
            "failed": self.tr("%1 fails to close"),
            "unfailed": self.tr("%1 closes after all"),
            "opened": self.tr("Tie valve %1 opened"),
            "closed": self.tr("Tie valve %1 kept closed"),
            "pipes": self.tr("Failed pipes changed"),
            "weather": "",
            "rerun": self.tr("Re-run on the edited network"),
        }.get(trig.kind, "")
        if not head:
            return ""
        head = head.replace("%1", trig.valve)
        if change.empty:
            return self.tr("%1: %2").replace("%1", head).replace("%2", self.tr("nothing else changes."))
        parts = []
        if change.added_valves:
            parts.append(self.tr("+%1 valves to close (%2)").replace("%1", str(len(change.added_valves))).replace(
                "%2", ", ".join(change.added_valves)))
        removed = [v for v in change.removed_valves if v not in c.run.query.failed_valves]
        if removed:
            parts.append(self.tr("%1 valves no longer needed (%2)").replace(
                "%1", str(len(removed))).replace("%2", ", ".join(removed)))
        total = c.run.result.summary.customers
        if change.customers_delta > 0:
            parts.append(self.tr("+%1 customers without heat (%2 in all)").replace(
                "%1", _number(change.customers_delta)).replace("%2", _number(total)))
        elif change.customers_delta < 0:
            parts.append(self.tr("%1 customers get heat back (%2 still without)").replace(
                "%1", _number(-change.customers_delta)).replace("%2", _number(total)))
        elif change.added_customers:
            parts.append(self.tr("%1 other customers affected").replace("%1", _number(len(change.added_customers))))
        if change.added_stations:
            parts.append(self.tr("+%1 stations").replace("%1", str(len(change.added_stations))))
        return self.tr("%1: %2.").replace("%1", head).replace("%2", self.tr("; ").join(parts))

    # --- the log ------------------------------------------------------------------------------

    def refresh_log(self) -> None:
        table = self.log_table
        selected = self._selected_incident()
        table.setRowCount(0)
        entries = self.controller.entries()
        table.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            inc = entry.incident
            hours = inc.hours_to_cold
            cells = [inc.incident_id, status_label(inc.status),
                     self.tr("checking…") if entry.stale is None else
                     self.tr("stale — re-run") if entry.stale else self.tr("current"),
                     inc.reported.strftime("%Y-%m-%d %H:%M") if inc.reported else "", ", ".join(inc.failed_pipes),
                     "" if inc.customers is None else _number(inc.customers),
                     "" if hours is None else format_hours(hours), inc.title]
            for col, text in enumerate(cells):
                item = self._item(text, key=inc.incident_id, align_right=col in (5, 6))
                if entry.stale and col == 2:
                    item.setForeground(QBrush(QColor("#e65100")))
                    item.setToolTip(self.tr("The network was edited after this analysis; open it to re-run"))
                if inc.status == "active":
                    item.setBackground(QBrush(QColor("#ffebee")))
                elif inc.status == "resolved":
                    item.setForeground(QBrush(MUTED) if not (entry.stale and col == 2) else item.foreground())
                if inc.incident_id == self.controller.incident_id:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                table.setItem(r, col, item)
            if inc.incident_id == selected:
                table.selectRow(r)
        table.resizeColumnsToContents()
        self._update_identity()
        self._update_tab_titles()
        self._update_log_buttons()
        self._update_banners()

    def _update_log_buttons(self) -> None:
        incident_id = self._selected_incident()
        self.open_button.setEnabled(incident_id is not None and not self.controller.busy)
        status = None
        if incident_id is not None:
            row = self.log_table.currentRow()
            status = self.log_table.item(row, 1).text() if row >= 0 and self.log_table.item(row, 1) else None
        for s, b in self.status_buttons.items():
            b.setEnabled(incident_id is not None and status != status_label(s))

    # --- selecting rows -------------------------------------------------------------------------

    def _row_chosen(self, table: QTableWidget, layer: str) -> None:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return
        item = table.item(rows[0].row(), 1 if table is self.valves_table else 0)
        if item is None:
            return
        self.show_feature(layer, item.data(ID_ROLE) or item.text())

    def _customer_chosen(self, *_) -> None:
        rows = self.customers_view.selectionModel().selectedRows()
        if rows:
            self.show_feature("customers", rows[0].data(ID_ROLE))

    def show_feature(self, layer: str, feature_id: str) -> None:
        """Zoom the map to one feature and highlight it."""
        if self.session.network is None:
            return
        rows = self.session.rows_of(layer, [feature_id])
        if len(rows) == 0:
            return
        canvas = self.window.canvas
        canvas.highlight(HIGHLIGHT_KEY, layer, rows, IDENTIFY_COLOUR)
        map_layer = canvas.layers.get(layer)
        extent = map_layer.extent_of(rows[:1]) if map_layer is not None else None
        if extent is None:
            return
        cx, cy = (extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2
        if canvas.scale() > FEATURE_SCALE * 1.5 or not canvas.view_rect().contains(cx, cy):
            # close enough to read the street and see the valves and customers around it
            span = FEATURE_SCALE * 0.0254 / (canvas.logicalDpiX() or 96) * max(canvas.view_box.width(), 1.0)
            canvas.zoom_to((cx - span / 2, cy - span / 2, cx + span / 2, cy + span / 2), margin=0, min_size=1.0)
        if not map_layer.visible:
            canvas.set_layer_visible(layer, True)
