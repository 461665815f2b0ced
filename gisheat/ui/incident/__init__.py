"""The incident workflow in the desktop app: click the burst pipe, see which valves to close in what
order, who goes cold and by when, what changes when a valve will not close, which tie valves can
back-feed, and print the crew's work order.

``install(window)`` is the one hook the main window calls; it adds

* the isolation map tool (toolbar, Tools and Analysis menus): click a pipe to
  start an incident, Shift+click adds pipes, Ctrl+click toggles one;
* the Incident dock (:mod:`.panel`) over the :class:`.controller.IncidentController`
  that runs the Qt-free core (:mod:`gisheat.analysis.response`) in a worker;
* the map overlay (:mod:`.overlay`), redrawn after every run;
* the outputs (:mod:`.workorder`): work-order PDF, call list CSV, result GeoPackage.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gisheat.errors import GisheatError
from gisheat.ui.incident.controller import IncidentController
from gisheat.ui.incident.overlay import OVERLAY_NAME, incident_extent, incident_overlay
from gisheat.ui.incident.panel import HIGHLIGHT_KEY, IncidentPanel
from gisheat.ui.map.tools import PickTool
from gisheat.ui.session import ResultSet


class IsolationTool(PickTool):
    """Click the failed pipe: a new incident. Shift+click adds a pipe, Ctrl+click adds or removes one."""

    def __init__(self, canvas) -> None:
        super().__init__(canvas, layers=["pipes"], name="isolate")


def click_mode(modifiers) -> str:
    if modifiers & Qt.KeyboardModifier.ControlModifier:
        return "toggle"
    if modifiers & Qt.KeyboardModifier.ShiftModifier:
        return "add"
    return "replace"


class IncidentWorkspace(QObject):
    """The pieces of the incident workflow and their wiring (see the module docstring)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.controller = IncidentController(window)
        self.panel = IncidentPanel(self.controller, window)
        self.panel.setMinimumWidth(440)
        self.dock = window.add_dock(self.panel, self.tr("Incident"), Qt.DockWidgetArea.RightDockWidgetArea, "incident")
        self._sized = False
        """The dock was widened once when first shown (after that the user's width stands)."""
        if getattr(window, "identify_dock", None) is not None:
            window.tabifyDockWidget(window.identify_dock, self.dock)
            window.identify_dock.raise_()
        self.dock.hide()  # appears with the first isolation (the window layout remembers it afterwards)
        self.tool = IsolationTool(window.canvas)
        self.tool.picked.connect(self._picked)
        self.tool_action = window.add_map_tool(self.tool, "fa5s.tint-slash", self.tr("Isolate a pipe failure"), "B")
        self.tool_action.setToolTip(self.tr("Isolate a pipe failure: click the failed pipe (Shift or Ctrl adds more)"))
        self.log_action = QAction(self.tr("Incident log"), window)
        self.log_action.triggered.connect(self.show_log)
        analysis = window.menu("analysis")
        analysis.addAction(self.tool_action)
        analysis.addAction(self.log_action)
        window.canvas.tool_changed.connect(self._tool_changed)
        self.panel.isolate_on_map.connect(lambda: window.set_tool(self.tool))
        self.panel.export_requested.connect(self.export)
        self.controller.run_changed.connect(self.redraw)
        self.controller.stale_changed.connect(self._stale_changed)

    # --- map ------------------------------------------------------------------------------------

    def _tool_changed(self, name: str) -> None:
        if name == self.tool.name:
            self.show_panel()

    def show_panel(self) -> None:
        first = not self.dock.isVisible() and not self._sized
        self.dock.show()
        self.dock.raise_()
        if first:  # wide enough for the valve list's location, DN and type without scrolling sideways
            self._sized = True
            wanted = max(560, int(self.window.width() * 0.36))
            if self.dock.width() < wanted and not self.dock.isFloating():
                self.window.resizeDocks([self.dock], [wanted], Qt.Orientation.Horizontal)

    def show_log(self) -> None:
        self.show_panel()
        self.panel.tabs.setCurrentIndex(self.panel.tabs.count() - 1)

    def _picked(self, layer: str, row: int, modifiers) -> None:
        pipe_id = self.window.session.ids_of(layer, [row])[0]
        self.controller.isolate([pipe_id], click_mode(modifiers))
        self.show_panel()

    def redraw(self) -> None:
        """The overlay for the current run (or none); zoom to a new incident's area."""
        canvas = self.window.canvas
        canvas.clear_highlight(HIGHLIGHT_KEY)
        run = self.controller.run
        network = self.controller.network
        self._publish(run)
        if run is None or network is None or "pipes" not in canvas.layers:
            canvas.remove_overlay(OVERLAY_NAME)
            return
        self._draw_overlay(marks=True)
        extent = incident_extent(network, run)
        if extent is None:
            return
        view = canvas.view_rect()
        inside = (view.left() <= extent[0] and extent[2] <= view.right()
                  and view.top() <= extent[1] and extent[3] <= view.bottom())
        if self.controller.trigger.kind in ("new", "reopen"):
            self.show_panel()
        if self.controller.trigger.kind in ("new", "reopen") or not inside:
            canvas.zoom_to(extent, margin=0.12, min_size=300.0)

    RESULTS = ("incident_pipes", "incident_valves", "incident_customers")

    def _publish(self, run) -> None:
        """The isolation as results of the session: exportable from File ▸ Export, marked stale by edits."""
        session = self.window.session
        if run is None:
            for name in self.RESULTS:
                session.clear_result(name)
            return
        r, report = run.result, run.report
        pipes = list(r.isolated_pipes) + list(r.cut_off_pipes)
        session.publish_result(ResultSet(
            "incident_pipes", "pipes", np.array(pipes, dtype=object), self.tr("Incident: drained and cut-off pipes"),
            values=np.array(["isolated"] * len(r.isolated_pipes) + ["cut_off"] * len(r.cut_off_pipes), dtype=object),
            data=r, value_field="state"))
        session.publish_result(ResultSet(
            "incident_valves", "valves", np.array([s.valve_id for s in report.valves], dtype=object),
            self.tr("Incident: valves to close, in crew order"),
            values=np.array([s.order for s in report.valves], dtype=np.int64), data=r, value_field="close_order"))
        customers = report.customers
        session.publish_result(ResultSet(
            "incident_customers", "customers", customers["customer_id"].astype(str).to_numpy(dtype=object),
            self.tr("Incident: customers without heat, hours to 18 °C"),
            values=customers["hours_to_cold"].to_numpy(dtype=np.float64), data=r, value_field="hours_to_18c"))

    def _stale_changed(self, stale: bool) -> None:
        """An edit outdated the isolation on the map: fade it and say so where the user is looking."""
        canvas = self.window.canvas
        overlay = canvas.overlays.get(OVERLAY_NAME)
        if overlay is None or not stale:
            return
        for item in overlay.items:
            item.setOpacity(0.35)
        overlay.title = self.tr("Incident — out of date, re-run")
        canvas.layers_changed.emit()  # the status bar says it too: the session marked the published results stale

    def _draw_overlay(self, *, marks: bool) -> None:
        """The current run's overlay; ``marks`` rings what is new since the previous run."""
        run, change = self.controller.run, self.controller.change
        fresh = marks and change is not None and self.controller.trigger.kind in (
            "failed", "opened", "closed", "unfailed", "pipes")
        self.window.canvas.add_overlay(incident_overlay(
            self.controller.network, run, new_valves=set(change.added_valves) if fresh else None,
            new_customers=set(change.added_customers) if fresh else None))

    # --- outputs ----------------------------------------------------------------------------------

    def default_path(self, kind: str) -> Path:
        network = self.controller.network
        folder = Path(network.path).parent if network is not None and network.path else Path.home()
        stem = self.controller.incident_id or "incident"
        return folder / {"pdf": f"{stem}_work_order.pdf", "csv": f"{stem}_call_list.csv",
                         "gpkg": f"{stem}_result.gpkg"}[kind]

    def export(self, kind: str, path: str | Path | None = None) -> Path | None:
        """Write the work order ('pdf'), the call list ('csv') or the result layers ('gpkg')."""
        from gisheat.ui.incident import workorder

        run = self.controller.run
        if run is None:
            return None
        if self.controller.stale:
            self.window.statusBar().showMessage(
                self.tr("The network was edited after this analysis: re-run it before exporting."), 8000)
            return None
        if path is None:
            filters = {"pdf": self.tr("PDF (*.pdf)"), "csv": self.tr("CSV for Excel (*.csv)"),
                       "gpkg": self.tr("GeoPackage (*.gpkg)")}
            titles = {"pdf": self.tr("Save the work order"), "csv": self.tr("Save the call list"),
                      "gpkg": self.tr("Save the result layers")}
            chosen, _ = QFileDialog.getSaveFileName(self.window, titles[kind], str(self.default_path(kind)),
                                                    filters[kind])
            if not chosen:
                return None
            path = chosen if chosen.lower().endswith("." + kind) else chosen + "." + kind
        path = Path(path)
        network = self.controller.network
        try:
            if kind == "pdf":
                written = workorder.write_work_order(path, network, run, self.work_order_info())
            elif kind == "csv":
                written = workorder.write_call_list(path, run)
            else:
                written = workorder.write_result_layers(path, network, run)
        except GisheatError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot write"), str(exc))
            return None
        except OSError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot write"), f"{path}: {exc.strerror or exc}")
            return None
        self.window.statusBar().showMessage(self.tr("Written: %1").replace("%1", str(written)), 6000)
        return written

    def preview_pages(self, *, dpi: int = 90) -> list:
        """The work order's pages as images (what the PDF shows)."""
        from gisheat.ui.incident import workorder

        if self.controller.run is None:
            return []
        return workorder.preview_work_order(self.controller.network, self.controller.run, self.work_order_info(),
                                            dpi=dpi)

    def work_order_info(self, *, with_map: bool = True):
        from gisheat.ui.incident import workorder

        c = self.controller
        image = None
        if with_map and c.run is not None and OVERLAY_NAME in self.window.canvas.overlays:
            self._draw_overlay(marks=False)  # the crew needs the plan, not what changed on the screen
            try:
                image = workorder.map_snapshot(self.window.canvas, incident_extent(c.network, c.run))
            finally:
                self._draw_overlay(marks=True)
        return workorder.WorkOrderInfo(c.incident_id, c.title, c.status, c.reported, image)


def install(window) -> IncidentWorkspace:
    """Add the incident workflow to the main window (one call from ``MainWindow.__init__``)."""
    workspace = IncidentWorkspace(window)
    window.incident = workspace
    return workspace
