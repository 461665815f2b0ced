"""The Renewal workspace (老旧管网更新改造): parameters, run, plan table, charts, risk, model test, progress.

One dock with a bar on top — which plan is shown (the last run or a plan
saved in the network), Run, Save plan, Show on map, Export — and tabs:

* **Parameters** — :class:`~gisheat.ui.renewal.parameters.ParametersPanel`;
* **Plan** — projects or pipes (:mod:`.plan_table`); the status is edited in
  the table (saved plans only) through ledger edits on the undo stack;
  selecting rows selects their pipes on the map;
* **Charts** — money and km per year, pipe age before/after, network risk
  over time against "oldest first" and "greedy by risk per cost";
* **Risk** — the 5 × 5 matrix of this year's risk;
* **Failure model** — the holdout test against the two rules;
* **Progress** — planned against done per year.

Run fits the failure model, plans, assesses the risk and tests the model in
one worker job (:func:`gisheat.ui.renewal.jobs.plan_job`) with progress and
cancel in the status bar. Nothing is written to the network until "Save
plan"; File ▸ Save then writes the ledger to the file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import QObject, QSettings, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gisheat.analysis.renewal import ledger
from gisheat.analysis.renewal.planner import GREEDY, OLDEST
from gisheat.core import schema
from gisheat.core.edits import Composite, SetValues
from gisheat.errors import GisheatError, InputError
from gisheat.io.table_export import export_tables
from gisheat.ui import labels
from gisheat.ui.icons import icon
from gisheat.ui.map import style as st
from gisheat.ui.map.overlays import Overlay
from gisheat.ui.renewal import jobs, plan_view
from gisheat.ui.renewal.charts import PlanCharts
from gisheat.ui.renewal.numbers import fmt
from gisheat.ui.renewal.parameters import ParametersPanel, money_text
from gisheat.ui.renewal.plan_table import (
    PIPES,
    PROJECTS,
    CompleteDialog,
    PlanTableModel,
    StatusDelegate,
    share_cost,
)
from gisheat.ui.renewal.progress_view import ProgressView
from gisheat.ui.renewal.risk_view import HoldoutView, RiskMatrixView, RiskRankingView
from gisheat.ui.renewal.themes import (
    PLAN_OVERLAY,
    THEME_RISK,
    THEME_RISK_LEVEL,
    ThemeText,
    show_theme,
)

YOUNG_YEARS = 10
"""Pipes laid fewer years than this before the plan starts are pointed out in it."""
LEDGER_LAYERS = {ledger.PLANS, ledger.ITEMS, ledger.HISTORY, "pipes"}
LAST_RUN = "__last_run__"
EXPORT_DIR_KEY = "renewal/export_dir"


class StageRelay(QObject):
    """Carries the core's progress messages from the worker thread to the GUI thread."""

    stage = Signal(str)


class SortProxy(QSortFilterProxyModel):
    """Sorts by the raw values (numbers as numbers); empty cells last."""

    def lessThan(self, left, right) -> bool:
        a = left.data(Qt.ItemDataRole.UserRole)
        b = right.data(Qt.ItemDataRole.UserRole)
        if a is None or b is None:
            return a is not None and b is None
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


class RenewalWorkspace(QWidget):
    """See the module docstring."""

    plan_shown = Signal()
    """The plan table, charts and progress were (re)filled."""

    def __init__(self, window, network_themes=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("renewal-workspace")
        self.window = window
        self.session = window.session
        self.network_themes = network_themes
        self.text = ThemeText(self)
        self.run = None
        """The last :class:`~gisheat.ui.renewal.jobs.RenewalRun`."""
        self.run_plan_id: str | None = None
        """The plan id the last run was saved as."""
        self.view: plan_view.PlanView | None = None
        self.task = None
        self.holdout_task = None
        self.complete_dialog: CompleteDialog | None = None
        self.overlay_kind: str | None = None
        """'year' or 'status' while the plan is drawn over the map."""
        self.relay = StageRelay(self)
        self.relay.stage.connect(self._stage)

        # --- the bar ------------------------------------------------------------------------------
        self.plan_box = QComboBox()
        self.plan_box.setMinimumContentsLength(42)
        self.plan_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan_box.setToolTip(self.tr("The last run of the planner, or a plan saved in the network"))
        self.plan_box.currentIndexChanged.connect(self._plan_chosen)
        self.run_button = QPushButton(icon("fa5s.play", "#2e7d32"), self.tr("Run planner"))
        self.run_button.setToolTip(self.tr("Fit the failure model, plan the renewals within the budgets and test the "
                                           "model (runs in the background; cancel in the status bar)"))
        self.run_button.clicked.connect(self.run_planner)
        self.save_button = QPushButton(icon("fa5s.save"), self.tr("Save plan"))
        self.save_button.setToolTip(self.tr("Keep this plan in the network's renewal ledger to track its status "
                                            "(File ▸ Save writes it to the file; Undo takes it back)"))
        self.save_button.clicked.connect(self.save_plan)
        self.map_button = QToolButton()
        self.map_button.setText(self.tr("Show on map"))
        self.map_button.setIcon(icon("fa5s.map"))
        self.map_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.map_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        map_menu = QMenu(self.map_button)
        self.year_action = map_menu.addAction(self.tr("Pipes by renewal year"), self.theme_by_year)
        self.status_action = map_menu.addAction(self.tr("Pipes by status"), self.theme_by_status)
        self.risk_level_action = map_menu.addAction(self.tr("Pipes by risk level"), lambda: self.theme_by_risk(True))
        self.risk_action = map_menu.addAction(self.tr("Pipes by risk (¥ per year)"), lambda: self.theme_by_risk(False))
        map_menu.addSeparator()
        map_menu.addAction(self.tr("Normal pipe colours"), self.normal_colours)
        self.map_button.setMenu(map_menu)
        self.export_button = QPushButton(icon("fa5s.file-excel", "#1b5e20"), self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Excel workbook (projects, pipes, years, progress, settings) or CSV "
                                              "(one row per pipe)"))
        self.export_button.clicked.connect(self.export_dialog)
        self.stage_label = QLabel()
        self.stage_label.setStyleSheet("color: #52606d;")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Plan")))
        bar.addWidget(self.plan_box)
        bar.addWidget(self.run_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.map_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.stage_label, 1)

        # --- tabs ---------------------------------------------------------------------------------
        self.parameters = ParametersPanel(self.session)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.projects_radio = QRadioButton(self.tr("Projects"))
        self.pipes_radio = QRadioButton(self.tr("Pipes"))
        self.projects_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.projects_radio)
        group.addButton(self.pipes_radio)
        self.projects_radio.toggled.connect(lambda _: self._fill_table())
        self.status_button = QToolButton()
        self.status_button.setText(self.tr("Set status of selected"))
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        status_menu = QMenu(self.status_button)
        for status in schema.RENEWAL_STATUSES:
            status_menu.addAction(labels.value_label(status), lambda s=status: self.set_status_of_selection(s))
        self.status_button.setMenu(status_menu)
        self.model = PlanTableModel(self)
        self.model.status_requested.connect(self._status_requested)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self._sort: tuple[str, Qt.SortOrder] = ("year", Qt.SortOrder.AscendingOrder)
        """The column (by key) and order the user sorted by; kept across refills."""
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sorted)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status_delegate = StatusDelegate(self.table)
        self.table.selectionModel().selectionChanged.connect(self._rows_selected)
        self.table.doubleClicked.connect(self._double_clicked)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #52606d;")
        plan_tab = QWidget()
        plan_lay = QVBoxLayout(plan_tab)
        plan_lay.setContentsMargins(4, 4, 4, 4)
        plan_lay.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Show")))
        row.addWidget(self.projects_radio)
        row.addWidget(self.pipes_radio)
        row.addSpacing(16)
        row.addWidget(self.status_button)
        row.addStretch(1)
        plan_lay.addLayout(row)
        plan_lay.addWidget(self.table, 1)
        plan_lay.addWidget(self.notes)
        self.charts = PlanCharts()
        self.risk_view = RiskMatrixView()
        self.risk_view.select_pipes.connect(self.select_pipes)
        self.ranking_view = RiskRankingView()
        self.ranking_view.select_pipes.connect(self.select_pipes)
        self.holdout_view = HoldoutView()
        self.holdout_view.test_requested.connect(self.test_model)
        self.progress_view = ProgressView()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.parameters, self.tr("Parameters"))
        self.tabs.addTab(plan_tab, self.tr("Plan"))
        self.tabs.addTab(self.charts, self.tr("Charts"))
        self.tabs.addTab(self.risk_view, self.tr("Risk matrix"))
        self.tabs.addTab(self.ranking_view, self.tr("Risk ranking"))
        self.tabs.addTab(self.holdout_view, self.tr("Failure model"))
        self.tabs.addTab(self.progress_view, self.tr("Progress"))
        self.plan_tab = plan_tab
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.tabs, 1)

        self._refresh_pending = False
        self.session.network_loaded.connect(self._network_loaded)
        self.session.layer_changed.connect(self._layer_changed)
        self._network_loaded()

    # --- plans ---------------------------------------------------------------------------------

    def _network_loaded(self) -> None:
        self.run = None
        self.run_plan_id = None
        self.view = None
        self._fill_plan_box(select=None)
        self._update_buttons()

    def _fill_plan_box(self, select: str | None) -> None:
        """The plan list: the last run (when there is one) and the saved plans, newest last."""
        box = self.plan_box
        box.blockSignals(True)
        box.clear()
        if self.run is not None and self.run_plan_id is None:
            plan = self.run.plan
            box.addItem(self.tr("Last run, not saved (%1–%2)").replace("%1", str(plan.settings.start_year))
                        .replace("%2", str(plan.settings.year_list[-1])), LAST_RUN)
        network = self.session.network
        if network is not None:
            plans = ledger.plans(network)
            ids = schema.text_column(plans, "plan_id")
            names = schema.text_column(plans, "name", default="")
            for pid, name in zip(ids, names, strict=True):
                box.addItem(f"{pid} — {name}" if name and name != pid else pid, pid)
        if box.count() == 0:
            box.addItem(self.tr("(no plan yet)"), None)
        index = box.findData(select) if select is not None else -1
        if index < 0:
            index = box.findData(LAST_RUN)
        if index < 0:
            index = box.count() - 1
        box.setCurrentIndex(index)
        box.blockSignals(False)
        self._plan_chosen()

    def current_plan_id(self) -> str | None:
        data = self.plan_box.currentData()
        return data if isinstance(data, str) and data != LAST_RUN else None

    def _plan_chosen(self, *_) -> None:
        data = self.plan_box.currentData()
        network = self.session.network
        if network is None or data is None:
            self.view = None
        elif data == LAST_RUN:
            self.view = plan_view.from_run(network, self.run, self.tr("Last run (not saved)"))
        else:
            self.view = plan_view.from_ledger(network, data, self.run if data == self.run_plan_id else None)
        self._show_view()

    def _layer_changed(self, name: str) -> None:
        if name in LEDGER_LAYERS and not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self._refresh_from_ledger)

    def _refresh_from_ledger(self) -> None:
        """A ledger edit (or its undo) landed: list and show the plans as they are now."""
        self._refresh_pending = False
        network = self.session.network
        if network is None:
            return
        saved = set(schema.text_column(ledger.plans(network), "plan_id").tolist())
        if self.run_plan_id is not None and self.run_plan_id not in saved:
            self.run_plan_id = None  # the save was undone: the run is unsaved again
        current = self.plan_box.currentData()
        if current not in saved and current != LAST_RUN:
            current = None
        if current == LAST_RUN and self.run_plan_id is not None:
            current = self.run_plan_id
        self._fill_plan_box(select=current)

    def _show_view(self) -> None:
        view = self.view
        self._fill_table()
        if view is None:
            self.summary.setText(self.tr("No plan yet. Set the budget and the other parameters, then press "
                                         "<b>Run planner</b>."))
            self.notes.setText("")
            self.charts.clear(self.tr("No plan yet"))
            self.progress_view.show_progress(None)
        else:
            self.summary.setText(self.summary_text(view))
            self.notes.setText("\n".join(self.translate_note(n) for n in view.notes))
            network = self.session.network
            ages = plan_view.age_distribution(network, view.items, view.years[-1]) if view.years else None
            self.charts.show_plan(view.per_year, ages, view.run)
            self.progress_view.show_progress(ledger.progress(network, view.plan_id) if view.saved else None, view.title)
        self._update_buttons()
        self._refresh_overlay()
        self.plan_shown.emit()

    def summary_text(self, view: plan_view.PlanView) -> str:
        per_year = view.per_year
        items = view.items
        projects = items["project_id"].nunique()
        budget = float(np.nansum(per_year["budget"].to_numpy(dtype=np.float64)))
        cost = float(per_year["cost"].sum())
        years = view.years
        span = f"{years[0]}–{years[-1]}" if years else ""
        title = view.title if span in view.title else f"{view.title}, {span}"
        head = self.tr("<b>%1</b>: %4 projects, %5 pipes, %6 km; cost ¥%7 of a ¥%8 budget.") \
            .replace("%1", title).replace("%4", fmt(int(projects))) \
            .replace("%5", fmt(len(items))) \
            .replace("%6", fmt(float(per_year["km"].sum()), 2)) \
            .replace("%7", money_text(cost)).replace("%8", money_text(budget))
        parts = [head]
        if view.run is not None:
            plan = view.run.plan
            comparison = plan.comparison
            removed = plan.risk_removed
            parts.append(self.tr("Risk removed over the plan years: ¥%1 (greedy by risk per cost: ¥%2; oldest first: "
                                 "¥%3).").replace("%1", money_text(removed))
                         .replace("%2", money_text(comparison.get(GREEDY, {}).get("risk_removed", 0.0)))
                         .replace("%3", money_text(comparison.get(OLDEST, {}).get("risk_removed", 0.0))))
            over = per_year["cost"].to_numpy() > per_year["budget"].to_numpy() + 0.5
            if over.any():
                parts.append("<span style='color:#b71c1c;'>" + self.tr("Over budget in %1.").replace(
                    "%1", ", ".join(str(y) for y in per_year["year"][over])) + "</span>")
            if self.session.network is not None and view.run.revision != self.session.network.revision \
                    and not view.saved:
                parts.append("<span style='color:#b71c1c;'>" + self.tr("The network was edited since this run: run "
                                                                        "again to plan on the current data.") + "</span>")
        young = items["install_year"].to_numpy(dtype=np.float64) > (years[0] - YOUNG_YEARS if years else np.inf)
        if young.any():
            parts.append("<span style='color:#e65100;'>" + self.tr(
                "%1 pipes laid less than %2 years before the plan are in it because their projects group them with "
                "older neighbours (orange in the Pipes view); list them under 'Must not be renewed' to leave them "
                "out.").replace("%1", str(int(young.sum()))).replace("%2", str(YOUNG_YEARS)) + "</span>")
        if view.saved:
            counts = items["status"].value_counts()
            parts.append(self.tr("Status: %1.").replace("%1", self.tr(", ").join(
                f"{labels.value_label(s)} {int(counts[s])}" for s in schema.RENEWAL_STATUSES if s in counts)))
        else:
            parts.append("<i>" + self.tr("Not saved: press Save plan to keep it in the network and track its status."
                                         ) + "</i>")
        return " ".join(parts)

    def translate_note(self, note: str) -> str:
        """The planner's notes in the UI language where they are known."""
        m = re.match(r"optimised over the (\d+) of (\d+) candidate projects", note)
        if m:
            return self.tr("The optimiser considered the %1 of %2 candidate projects that remove the most risk per "
                           "yuan (3 × the total budget) and every project the simple rules chose.") \
                .replace("%1", m.group(1)).replace("%2", m.group(2))
        return note

    def _fill_table(self) -> None:
        mode = PROJECTS if self.projects_radio.isChecked() else PIPES
        view = self.view
        if view is None:
            frame = pd.DataFrame({c: [] for c in plan_view.ITEM_COLUMNS})
            self.model.set_frame(plan_view.projects_table(frame) if mode == PROJECTS else frame, mode, False)
        else:
            self.model.set_frame(view.projects() if mode == PROJECTS else view.items, mode, view.saved)
            self.model.young_before = (view.years[0] - YOUNG_YEARS) if view.years else None
        status_column = self.model.column_of("status")
        for c in range(self.model.columnCount()):
            self.table.setItemDelegateForColumn(c, None)
        self.table.setItemDelegateForColumn(status_column, self.status_delegate)
        key, order = self._sort
        keys = [c.key for c in self.model.columns]
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        self.table.sortByColumn(keys.index(key) if key in keys else keys.index("year"), order)
        header.blockSignals(False)
        self.table.resizeColumnsToContents()
        for c in range(self.model.columnCount()):
            self.table.setColumnWidth(c, min(max(self.table.columnWidth(c), 60), 220))

    def _sorted(self, column: int, order) -> None:
        if 0 <= column < len(self.model.columns):
            self._sort = (self.model.columns[column].key, order)

    def _update_buttons(self) -> None:
        network = self.session.network
        view = self.view
        busy = self.task is not None and not self.task.is_done
        self.run_button.setEnabled(network is not None and not busy)
        self.save_button.setEnabled(view is not None and not view.saved and self.run is not None)
        self.export_button.setEnabled(view is not None)
        self.map_button.setEnabled(network is not None)
        self.year_action.setEnabled(view is not None)
        self.status_action.setEnabled(view is not None)
        self.status_button.setEnabled(view is not None and view.saved)

    # --- running -----------------------------------------------------------------------------

    def _stage(self, message: str) -> None:
        known = {
            "reading the break history": self.tr("reading the break history"),
            "fitting the failure model": self.tr("fitting the failure model"),
            "fitting the cohort model": self.tr("fitting the failure model"),
            "failure model fitted": self.tr("failure model fitted"),
            "building the topology": self.tr("building the network topology"),
            "computing failure consequences": self.tr("computing who loses heat when each pipe fails"),
            "grouping pipes into projects": self.tr("grouping pipes into projects"),
            "planning by simple rules": self.tr("planning by the simple rules"),
            "optimising the plan": self.tr("optimising the plan"),
            "plan ready": self.tr("plan ready"),
            "risk per pipe": self.tr("risk per pipe"),
            "risk ready": self.tr("risk ready"),
        }
        text = known.get(message)
        if text is None and message.startswith("checking the per-pipe history"):
            text = self.tr("checking the per-pipe break history")
        self.stage_label.setText((text or message) + "…")

    def run_planner(self) -> None:
        network = self.session.network
        if network is None or (self.task is not None and not self.task.is_done):
            return
        try:
            settings = self.parameters.settings()
        except GisheatError as exc:
            QMessageBox.warning(self, self.tr("Renewal plan"), str(exc))
            self.tabs.setCurrentWidget(self.parameters)
            return
        self.parameters.remember()
        self.stage_label.setText(self.tr("Planning…"))
        job = jobs.plan_job(network, settings, holdout_years=self.holdout_view.years.value(),
                            stage=self.relay.stage.emit, consequence=self.parameters.consequence_parameters())
        self.task = self.window.run_task(job, self._run_done, self.tr("Renewal plan"), on_error=self._failed)
        self.task.finished.connect(self._task_finished)
        self._update_buttons()

    def _task_finished(self) -> None:
        if self.task is not None and self.task.cancelled:
            self.stage_label.setText(self.tr("Cancelled."))
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.stage_label.setText(self.tr("The plan could not be made."))
        if isinstance(exc, GisheatError):
            QMessageBox.warning(self, self.tr("Renewal plan"), str(exc))
        else:
            QMessageBox.critical(self, self.tr("Renewal plan"), f"{type(exc).__name__}: {exc}")
        self._update_buttons()

    def _run_done(self, run) -> None:
        self.run = run
        self.run_plan_id = None
        plan = run.plan
        self.stage_label.setText(self.tr("Plan ready: %1 projects, %2 km.").replace(
            "%1", fmt(len(plan.projects))).replace("%2", fmt(float(plan.per_year["km"].sum()), 2)))
        self.risk_view.show_risk(run.risk)
        self.ranking_view.show_risk(run.risk)
        if run.holdout is not None:
            self.holdout_view.show_report(run.holdout)
        else:
            self.holdout_view.show_message("; ".join(run.notes))
        if self.network_themes is not None:
            self.network_themes.publish_risk(run.risk, run.revision)
        self._fill_plan_box(select=LAST_RUN)
        self.tabs.setCurrentWidget(self.plan_tab)
        self.theme_by_year()  # where the money goes, at a glance
        self._update_buttons()

    def test_model(self, years: int) -> None:
        network = self.session.network
        if network is None:
            return
        self.holdout_view.test_button.setEnabled(False)

        def done(report) -> None:
            self.holdout_view.test_button.setEnabled(True)
            self.holdout_view.show_report(report)

        def failed(exc: BaseException) -> None:
            self.holdout_view.test_button.setEnabled(True)
            QMessageBox.warning(self, self.tr("Failure model"), str(exc))

        self.holdout_task = self.window.run_task(jobs.holdout_job(network, years, stage=self.relay.stage.emit), done,
                                                 self.tr("Testing the failure model"), on_error=failed)
        self.holdout_task.finished.connect(lambda: self.holdout_view.test_button.setEnabled(True))

    # --- saving and statuses ---------------------------------------------------------------------

    def default_name(self) -> str:
        plan = self.run.plan
        return self.tr("%1–%2, budget ¥%3").replace("%1", str(plan.settings.start_year)).replace(
            "%2", str(plan.settings.year_list[-1])).replace("%3", money_text(float(sum(plan.settings.budgets))))

    def save_plan(self) -> str | None:
        """Add the last run to the ledger (one undo step); returns the plan id."""
        network = self.session.network
        if network is None or self.run is None or self.run_plan_id is not None:
            return None
        try:
            edit, plan_id = ledger.save_plan_edit(network, self.run.plan,
                                                  name=self.parameters.plan_name or self.default_name())
            self.session.apply_edit(edit, self.tr("Save renewal plan %1").replace("%1", plan_id))
        except GisheatError as exc:
            QMessageBox.warning(self, self.tr("Save plan"), str(exc))
            return None
        self.run_plan_id = plan_id
        self._refresh_pending = False
        self._fill_plan_box(select=plan_id)
        self.stage_label.setText(self.tr("Saved as %1 in the network; File ▸ Save writes it to the file.")
                                 .replace("%1", plan_id))
        return plan_id

    def selected_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return sorted(rows)

    def set_status_of_selection(self, status: str) -> None:
        rows = self.selected_rows()
        if rows:
            self._status_requested(rows, status)

    def _status_requested(self, rows: list[int], status: str) -> None:
        network = self.session.network
        view = self.view
        if network is None or view is None or not view.saved:
            return
        items = self.model.item_rows(rows, view.items)
        done = items["status"] == ledger.COMPLETED
        if done.any() and status != ledger.COMPLETED:
            QMessageBox.warning(self, self.tr("Status"), self.tr(
                "%1 of these pipes are completed: their pipes were renewed in the network. Undo the completion "
                "(Edit ▸ Undo) to change it.").replace("%1", str(int(done.sum()))))
            items = items[~done]
        else:
            items = items[~done]
        if items.empty:
            return
        ids = items["item_id"].astype(str).tolist()
        if status == ledger.COMPLETED:
            self.ask_completion(items)
            return
        try:
            self.session.apply_edit(ledger.set_status_edit(network, ids, status),
                                    self.tr("Set %1 renewal items to %2").replace("%1", str(len(ids)))
                                    .replace("%2", labels.value_label(status)))
        except GisheatError as exc:
            QMessageBox.warning(self, self.tr("Status"), str(exc))

    def ask_completion(self, items: pd.DataFrame) -> CompleteDialog:
        """Ask the actual cost and date of completed works (non-blocking: the answer applies the edit)."""
        projects = items["project_id"].astype(str).unique()
        what = (self.tr("Project %1: %2 pipes, %3 m").replace("%1", projects[0]) if len(projects) == 1 else
                self.tr("%1 projects: %2 pipes, %3 m").replace("%1", str(len(projects)))) \
            .replace("%2", str(len(items))).replace("%3", fmt(float(items["length_m"].sum()), 0))
        first = ledger.plan_items(self.session.network, self.view.plan_id)
        first = first[schema.text_column(first, "item_id") == str(items["item_id"].iloc[0])]
        material = schema.text_column(first, "new_material")[0] if len(first) else ""
        laying = schema.text_column(first, "new_laying")[0] if len(first) else ""
        dialog = CompleteDialog(what, float(items["cost"].sum()), len(items), material, laying, self,
                                money_text=money_text)
        dialog.accepted.connect(lambda: self.complete(items, dialog.cost.value(), dialog.completion_date,
                                                      dialog.material.currentData(), dialog.laying.currentData()))
        self.complete_dialog = dialog
        dialog.open()
        return dialog

    def complete(self, items: pd.DataFrame, actual_total: float, date: dt.date, material: str, laying: str) -> None:
        """Complete ``items`` as one undo step: pipes renewed, history kept, actual cost shared by estimate."""
        network = self.session.network
        ids = items["item_id"].astype(str).tolist()
        try:
            edit = ledger.complete_items_edit(network, ids, completion_date=date, material=material, laying=laying)
            ledger_items = network.layer(ledger.ITEMS)
            rows = topo_rows(schema.text_column(ledger_items, "item_id"), ids)
            shares = share_cost(actual_total, items["cost"].to_numpy(dtype=np.float64))
            costs = SetValues(ledger.ITEMS, tuple(int(r) for r in rows), "actual_cost", tuple(float(v) for v in shares))
            self.session.apply_edit(Composite((edit, costs), description=f"Complete {len(ids)} renewal items"),
                                    self.tr("Complete %1 renewal items").replace("%1", str(len(ids))))
        except GisheatError as exc:
            QMessageBox.warning(self, self.tr("Status"), str(exc))

    # --- map ---------------------------------------------------------------------------------------

    def _rows_selected(self, *_) -> None:
        if self.view is None:
            return
        ids = self.model.pipe_ids(self.selected_rows(), self.view.items)
        if ids:
            self.select_pipes(ids)

    def select_pipes(self, ids: list[str]) -> None:
        if self.session.network is None:
            return
        for other in self.session.selected_layers():
            if other != "pipes":
                self.session.clear_selection(other)
        self.session.select_ids("pipes", ids)

    def _double_clicked(self, index) -> None:
        source = self.proxy.mapToSource(index)
        if self.model.columns[source.column()].kind != "status" or not self.model.saved:
            self.window.zoom_to_selection()

    def _plan_pipes(self) -> pd.DataFrame:
        items = self.view.items
        frame = items[["pipe_id", "year", "status"]].copy()
        frame["status"] = frame["status"].replace("", "proposed")
        return frame

    def theme_by_year(self) -> None:
        """Publish the plan-year theme and draw the plan's pipes over the dimmed map in year colours."""
        if self.view is not None:
            self._plan_overlay(self.text.plan_year(self._plan_pipes(), self.view.title), "year")

    def theme_by_status(self) -> None:
        if self.view is not None:
            self._plan_overlay(self.text.plan_status(self._plan_pipes(), self.view.title), "status")

    def _plan_overlay(self, theme, kind: str) -> None:
        """The plan's pipes drawn thick in their category colours above the dimmed network (few pipes of a
        city stay visible at any scale); the theme is published for the style dialog too."""
        self.session.publish_theme(theme)
        canvas = self.window.canvas
        layer = canvas.layers.get("pipes")
        if layer is None:
            return
        values = theme.aligned(layer.frame)
        overlay = Overlay(PLAN_OVERLAY, theme.label, dim=0.5)
        labels_of = theme.extra.get("labels", {})
        for key, colour in theme.extra.get("colours", {}).items():
            rows = np.flatnonzero(values == float(key))
            if len(rows):
                overlay.add_lines(layer, rows, colour, 5, labels_of.get(key, key))
        canvas.add_overlay(overlay)
        self.overlay_kind = kind

    def _refresh_overlay(self) -> None:
        if PLAN_OVERLAY not in self.window.canvas.overlays:
            self.overlay_kind = None
        elif self.view is None:
            self.window.canvas.remove_overlay(PLAN_OVERLAY)
        elif self.overlay_kind == "year":
            self.theme_by_year()
        elif self.overlay_kind == "status":
            self.theme_by_status()

    def theme_by_risk(self, level: bool) -> None:
        name = THEME_RISK_LEVEL if level else THEME_RISK
        if self.run is not None:
            themes = self.text.risk(self.run.risk)
            show_theme(self.window, next(t for t in themes if t.name == name))
        elif self.network_themes is not None:
            self.network_themes.show(name)  # computed in a worker

    def normal_colours(self) -> None:
        self.window.canvas.remove_overlay(PLAN_OVERLAY)
        layer = self.window.canvas.layers.get("pipes")
        if layer is not None:
            self.window.canvas.set_layer_style("pipes", st.default_style("pipes", layer.kind))

    # --- export ------------------------------------------------------------------------------------

    def export_tables(self) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
        """The shown plan as export tables (sheet name → frame) and the number format of each column."""
        view = self.view
        formats: dict[str, str] = {}
        tables: dict[str, pd.DataFrame] = {}
        model = PlanTableModel(self)
        for mode, sheet in ((PIPES, self.tr("Pipes")), (PROJECTS, self.tr("Projects"))):
            model.set_frame(view.items if mode == PIPES else view.projects(), mode, view.saved)
            data = {}
            for column in model.columns:
                values = model._cache[column.key]
                if column.kind in ("money", "km", "m", "int", "dn", "year"):
                    data[column.header] = tidy(pd.Series(values, dtype=object), column.kind)
                    formats[column.header] = {"money": "#,##0", "km": "0.000", "m": "#,##0"}.get(column.kind, "0")
                elif column.kind == "date":
                    data[column.header] = pd.Series(values, dtype=object)
                    formats[column.header] = "yyyy-mm-dd"
                else:
                    data[column.header] = pd.Series([model.display(v, column.kind) for v in values], dtype=object)
            tables[sheet] = pd.DataFrame(data)
        per_year = view.per_year
        years = pd.DataFrame({self.tr("Year"): per_year["year"].astype(int),
                              self.tr("Budget (¥)"): tidy(per_year["budget"], "money"),
                              self.tr("Planned cost (¥)"): tidy(per_year["cost"], "money"),
                              self.tr("Length (km)"): tidy(per_year["km"], "km")})
        if "capacity_km" in per_year.columns:
            years[self.tr("Capacity (km)")] = tidy(per_year["capacity_km"], "km")
        if view.run is not None:
            plan = view.run.plan
            for header, series in ((self.tr("Risk without renewal (¥/yr)"), plan.risk_before),
                                   (self.tr("Risk with this plan (¥/yr)"), plan.risk_after),
                                   (self.tr("Risk, greedy by risk per cost (¥/yr)"), plan.comparison[GREEDY]["risk_after"]),
                                   (self.tr("Risk, oldest first (¥/yr)"), plan.comparison[OLDEST]["risk_after"])):
                years[header] = tidy(pd.Series(series), "money").to_numpy()
        for header in years.columns[1:]:
            formats.setdefault(header, "0.000" if "km" in header else "#,##0")
        tables[self.tr("Per year")] = years
        if view.saved:
            progress = ledger.progress(self.session.network, view.plan_id)
            columns = self.progress_view.columns()
            tables[self.tr("Progress")] = pd.DataFrame({header: progress[key] if kind == "percent" else
                                                         tidy(progress[key], kind) for key, header, kind in columns})
            for _key, header, kind in columns:
                formats.setdefault(header, {"money": "#,##0", "km": "0.000", "percent": "0%"}.get(kind, "0"))
        if view.run is not None and view.run is self.run:  # the risk of the run shown: every pipe, ranked
            ranking = self.ranking_view.frame
            tables[self.tr("Risk ranking")] = ranking
            for header in ranking.columns[2:5]:
                formats.setdefault(header, "0.00" if "%" in header else "#,##0")
        tables[self.tr("Settings")] = self.settings_table(view)
        return tables, formats

    def settings_table(self, view: plan_view.PlanView) -> pd.DataFrame:
        rows = [(self.tr("Plan"), view.title), (self.tr("Exported"), dt.datetime.now().strftime("%Y-%m-%d %H:%M"))]
        network = self.session.network
        if network is not None and network.path is not None:
            rows.append((self.tr("Network file"), str(network.path)))
        if view.run is not None:
            plan = view.run.plan
            s = plan.settings
            rows += [(self.tr("First year"), s.start_year), (self.tr("Years"), s.years),
                     (self.tr("Budgets (¥)"), ", ".join(money_text(b) for b in s.budgets)),
                     (self.tr("Capacity (km per year)"), ", ".join(f"{c:g}" for c in s.capacity_km)
                      if s.capacity_km else self.tr("no limit")),
                     (self.tr("Minimum project length (m)"), s.min_project_length_m),
                     (self.tr("Unit costs (DN: ¥ per metre)"), "; ".join(f"≤{dn:g}: {p:g}" for dn, p in s.unit_costs.rows)
                      + f"; >{s.unit_costs.rows[-1][0]:g}: {s.unit_costs.above:g}"),
                     (self.tr("Must be renewed"), ", ".join(s.must)), (self.tr("Must not be renewed"), ", ".join(s.must_not)),
                     (self.tr("Road works"), "; ".join(f"{w.street or self.tr('area')} {w.year} (-{w.discount:.0%}, "
                                                       f"{w.closed_years})" for w in s.road_works)),
                     (self.tr("Optimiser"), f"{plan.method}: {plan.status}")]
            rows += [(self.tr("Note"), self.translate_note(n)) for n in plan.notes]
        return pd.DataFrame(rows, columns=[self.tr("Setting"), self.tr("Value")])

    def export(self, path: str | Path) -> Path:
        """Write the shown plan to ``path`` (.xlsx: every table; .csv: the pipes)."""
        tables, formats = self.export_tables()
        return export_tables(tables, path, number_formats=formats)

    def export_dialog(self) -> None:
        if self.view is None:
            return
        folder = str(QSettings().value(EXPORT_DIR_KEY, "") or "")
        name = re.sub(r"[^\w\-]+", "_", (self.view.plan_id or "renewal_plan")).strip("_")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the plan"), str(Path(folder) / f"{name}.xlsx") if folder else f"{name}.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV, one row per pipe (*.csv)"))
        if not path:
            return
        if not Path(path).suffix:
            path += ".csv" if "csv" in chosen.lower() else ".xlsx"
        try:
            written = self.export(path)
        except InputError as exc:
            QMessageBox.warning(self, self.tr("Export"), str(exc))
            return
        QSettings().setValue(EXPORT_DIR_KEY, str(Path(written).parent))
        self.stage_label.setText(self.tr("Exported to %1").replace("%1", str(written)))


def tidy(values: pd.Series, kind: str) -> pd.Series:
    """Numbers as a spreadsheet should get them: whole yuan, metres to 0.1, km to 0.001, counts and years whole."""
    numbers = pd.to_numeric(values, errors="coerce").astype(np.float64)
    if kind in ("money", "int", "dn", "year"):
        return numbers.round(0).astype("Int64")
    return numbers.round(3 if kind == "km" else 1)


def topo_rows(ids: np.ndarray, wanted: list[str]) -> np.ndarray:
    from gisheat.analysis.topology import lookup

    rows = lookup(np.asarray(ids, dtype=object), np.asarray(wanted, dtype=object))
    if (rows < 0).any():
        raise InputError(f"{ledger.ITEMS}: no item {wanted[int(np.flatnonzero(rows < 0)[0])]}")
    return rows
