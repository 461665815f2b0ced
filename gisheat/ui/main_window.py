"""The main window: wiring of session, map, docks, menus, toolbar and status bar.

Extension points for other features
-----------------------------------
* ``window.add_map_tool(tool, icon_name, text, shortcut=None) -> QAction`` —
  a :class:`gisheat.ui.map.tools.MapTool` in the Tools menu and toolbar,
  exclusive with pan / identify / select / measure (``PickTool(canvas,
  layers=["pipes"])`` is a ready tool for "click the failed pipes").
* ``window.add_dock(widget, title, area=Qt.RightDockWidgetArea, name=...) ->
  QDockWidget`` — an incident panel, renewal workspace…; listed in View → Panels
  and saved with the window layout.
* ``window.menu(name)`` — 'file', 'view', 'tools', 'analysis', 'help' menus
  to add actions to (``analysis`` is created empty for the analyses).
* ``window.canvas.add_overlay(...)``, ``window.session.publish_theme(...)`` —
  see ``gisheat.ui.map.overlays`` and ``gisheat.ui.session``.
* ``window.run_task(job, on_done, text)`` — a long job in a worker thread with
  the status-bar progress bar and cancel button.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QToolBar,
    QToolButton,
)

from gisheat.errors import GisheatError
from gisheat.ui import labels
from gisheat.ui.editing import install as install_editing
from gisheat.ui.icons import icon
from gisheat.ui.incident import install as install_incident
from gisheat.ui.map.canvas import IDENTIFY_COLOUR, MapCanvas
from gisheat.ui.map.layers import LabelRule, MapLayer
from gisheat.ui.map.tools import IdentifyTool, MeasureTool, PanTool, SelectTool
from gisheat.ui.panels import IdentifyPanel, LayerPanel
from gisheat.ui.renewal import install as install_renewal
from gisheat.ui.search import SearchBox
from gisheat.ui.session import Session
from gisheat.ui.table import AttributeTable
from gisheat.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

MAX_RECENT = 8

NETWORK_ORDER = ("sources", "stations", "valves", "customers", "pipes", "districts")
"""Network layers, top first; everything else is context below them."""

MAX_SCALE = {"valves": 25_000, "customers": 12_000, "buildings": 30_000}
"""Layers shown only at larger scales than 1:N (clutter and speed)."""


def label_rules() -> dict[str, LabelRule]:
    return {
        "districts": LabelRule("name", 0, "centroid", size=13, bold=True, colour="#3949ab"),
        "streets": LabelRule("name", 20_000, "line", size=9, colour="#546e7a"),
        "sources": LabelRule("name", 0, "centroid", size=9, bold=True, colour="#b71c1c"),
        "stations": LabelRule("name", 6_000, "centroid", size=8, colour="#00695c"),
        "rivers": LabelRule("name", 0, "centroid", size=9, colour="#1565c0"),
    }


OPEN_ERRORS = (
    QT_TRANSLATE_NOOP("MainWindow", "no such file"),
    QT_TRANSLATE_NOOP("MainWindow", "is a folder, not a network file"),
    QT_TRANSLATE_NOOP("MainWindow", "is an empty file, not a GeoPackage"),
    QT_TRANSLATE_NOOP("MainWindow", "not a GeoPackage (the file is not an SQLite database)"),
    QT_TRANSLATE_NOOP("MainWindow", "not a readable GeoPackage (the file is damaged or truncated)"),
    QT_TRANSLATE_NOOP("MainWindow", "not a readable GeoPackage (not a format GDAL can read)"),
    QT_TRANSLATE_NOOP("MainWindow", "not a gisheat network file (no 'pipes' layer)"),
)
"""The loader's common reasons (gisheat.io.gpkg), said in the UI language after the file name."""


def load_job(path: Path):
    """Load a network file and prepare its map layers (plain function, runs in a worker)."""
    from gisheat.io import gpkg

    def job(progress, is_cancelled):
        network = gpkg.load(path)
        progress(0.6)
        layers = prepare_layers(network)
        progress(1.0)
        return network, layers

    return job


def prepare_layers(network) -> list[MapLayer]:
    """Map layers of a network, bottom first (geometry extracted, no Qt items yet)."""
    rules = label_rules()
    out = []
    context = [n for n in network.layers if n not in NETWORK_ORDER and n != "breaks"]
    # polygons at the bottom, then lines, then points; streets above buildings and water
    def context_rank(name):
        kind = _kind_of(network.layers[name])
        return {"polygon": 0, "line": 1, "point": 2}.get(kind, 3), name == "streets", name
    for name in sorted(context, key=context_rank):
        frame = network.layers[name]
        if not hasattr(frame, "_geometry_column_name"):
            continue
        out.append(MapLayer(name, frame, context=True, max_scale=MAX_SCALE.get(name, 0), label_rule=rules.get(name)))
    for name in reversed(NETWORK_ORDER):
        if name in network.layers:
            out.append(MapLayer(name, network.layers[name], max_scale=MAX_SCALE.get(name, 0),
                                label_rule=rules.get(name)))
    for layer in out:
        layer.prepare()  # classes, line batches and overview images: numpy + QImage, no widgets
    return out


def _kind_of(frame) -> str:
    from gisheat.ui.map.layers import geometry_kind

    return geometry_kind(frame)


class MainWindow(QMainWindow):
    """See the module docstring."""

    file_saved = Signal(object)
    """The network was saved to this path."""
    closing = Signal()
    """The window is closing (the user saved or chose to discard unsaved changes)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("gisheat-main")
        self.session = Session(self)
        self.runner = TaskRunner(self)
        self.canvas = MapCanvas()
        self.canvas.runner = self.runner
        self.setCentralWidget(self.canvas)
        self._menus: dict[str, object] = {}
        self.load_task = None
        self.load_notes_box: QMessageBox | None = None
        self.tile_cache_dir: Path | None = None
        """Where basemap tiles are cached (default: the user's cache folder)."""

        self.layer_panel = LayerPanel(self.canvas, self.session)
        self.identify_panel = IdentifyPanel(self.session)
        self.table = AttributeTable(self.session)
        self.layers_dock = self.add_dock(self.layer_panel, self.tr("Layers"), Qt.DockWidgetArea.LeftDockWidgetArea,
                                         "layers")
        self.identify_dock = self.add_dock(self.identify_panel, self.tr("Identify"),
                                           Qt.DockWidgetArea.RightDockWidgetArea, "identify")
        self.table_dock = self.add_dock(self.table, self.tr("Attribute table"), Qt.DockWidgetArea.BottomDockWidgetArea,
                                        "table")

        self.pan_tool = PanTool(self.canvas)
        self.identify_tool = IdentifyTool(self.canvas)
        self.select_tool = SelectTool(self.canvas, lambda: self.layer_panel.active_layer)
        self.measure_tool = MeasureTool(self.canvas)
        self.identify_tool.identified.connect(self.show_identified)
        self.identify_tool.nothing.connect(self._identify_nothing)
        self.identify_panel.feature_chosen.connect(
            lambda layer, row: self.canvas.highlight("identify", layer, np.array([row]), IDENTIFY_COLOUR))
        self.select_tool.selected.connect(self._map_selected)
        self.measure_tool.measured.connect(self._measured)

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()
        install_incident(self)  # isolation tool + Incident dock (gisheat.ui.incident)
        self.editing = install_editing(self)  # edit mode, tools, import/export, autosave (gisheat.ui.editing)
        install_renewal(self)  # Renewal workspace dock + Analysis ▸ Colour pipes by (gisheat.ui.renewal)

        self.session.network_loaded.connect(self._network_loaded)
        self.session.selection_changed.connect(self._selection_changed)
        self.session.layer_changed.connect(self._layer_edited)
        self.session.modified_changed.connect(self._update_modified)
        self.session.undo_stack.cleanChanged.connect(self._update_modified)
        self.table.zoom_to_feature.connect(self.zoom_to_feature)
        self.layer_panel.active_layer_changed.connect(self._active_layer_changed)
        self.canvas.mouse_moved.connect(self._mouse_moved)
        self.canvas.view_changed.connect(self._update_scale_label)
        self.runner.busy_changed.connect(self._busy)
        self.runner.progress.connect(lambda text, f: self.progress.setValue(int(f * 100)))
        self.set_tool(self.pan_tool)
        self.setWindowTitle("gisheat[*]")
        self.resize(1400, 900)
        self.restore_layout()

    # --- building blocks --------------------------------------------------------------------

    def add_dock(self, widget, title: str, area=Qt.DockWidgetArea.RightDockWidgetArea, name: str = "") -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name or title}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        if "panels" in self._menus:
            self._menus["panels"].addAction(dock.toggleViewAction())
        return dock

    def menu(self, name: str):
        return self._menus[name]

    def add_map_tool(self, tool, icon_name: str, text: str, shortcut: str | None = None) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setCheckable(True)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda: self.set_tool(tool))
        self.tool_group.addAction(action)
        self._tool_actions[tool] = action
        if "tools" in self._menus:
            self._menus["tools"].addAction(action)
        if hasattr(self, "map_toolbar"):
            self.map_toolbar.insertAction(self._after_tools, action)
        return action

    def set_tool(self, tool) -> None:
        self.canvas.set_tool(tool)
        action = self._tool_actions.get(tool)
        if action is not None:
            action.setChecked(True)
        if tool is not self.measure_tool:
            self.measure_label.setText("")

    def run_task(self, job, on_done, text: str = "", on_error=None):
        return self.runner.start(job, on_done=on_done, on_error=on_error or self._task_failed, text=text)

    def _action(self, icon_name: str | None, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        action = QAction(icon(icon_name), text, self) if icon_name else QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        self.open_action = self._action("fa5s.folder-open", self.tr("&Open…"), self.choose_file, QKeySequence.StandardKey.Open)
        self.save_action = self._action("fa5s.save", self.tr("&Save"), self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = self._action(None, self.tr("Save &as…"), self.save_as, QKeySequence.StandardKey.SaveAs)
        self.quit_action = self._action(None, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.zoom_in_action = self._action("fa5s.search-plus", self.tr("Zoom in"), lambda: self.canvas.zoom_by(0.5),
                                           QKeySequence.StandardKey.ZoomIn)
        self.zoom_out_action = self._action("fa5s.search-minus", self.tr("Zoom out"), lambda: self.canvas.zoom_by(2.0),
                                            QKeySequence.StandardKey.ZoomOut)
        self.zoom_full_action = self._action("fa5s.expand-arrows-alt", self.tr("Zoom to full extent"), self.canvas.zoom_full,
                                             "Ctrl+Shift+F")
        self.zoom_selection_action = self._action("fa5s.object-group", self.tr("Zoom to selection"), self.zoom_to_selection,
                                                  "Ctrl+J")
        self.clear_selection_action = self._action("fa5s.times-circle", self.tr("Clear selection"),
                                                   lambda: self.session.clear_selection(), "Ctrl+Shift+A")
        self.undo_action = self.session.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(icon("fa5s.undo"))
        self.redo_action = self.session.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setIcon(icon("fa5s.redo"))
        self.tool_group = QActionGroup(self)
        self.tool_group.setExclusive(True)
        self._tool_actions: dict = {}
        self.pan_action = self.add_map_tool(self.pan_tool, "fa5s.hand-paper", self.tr("Pan"), "P")
        self.identify_action = self.add_map_tool(self.identify_tool, "fa5s.info-circle", self.tr("Identify"), "I")
        self.select_action = self.add_map_tool(self.select_tool, "fa5s.vector-square", self.tr("Select"), "S")
        self.measure_action = self.add_map_tool(self.measure_tool, "fa5s.ruler", self.tr("Measure distance"), "M")

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.clear_selection_action)
        view_menu = bar.addMenu(self.tr("&View"))
        for a in (self.zoom_in_action, self.zoom_out_action, self.zoom_full_action, self.zoom_selection_action):
            view_menu.addAction(a)
        view_menu.addSeparator()
        panels = view_menu.addMenu(self.tr("&Panels"))
        for dock in (self.layers_dock, self.identify_dock, self.table_dock):
            panels.addAction(dock.toggleViewAction())
        self.north_action = QAction(self.tr("North arrow"), self, checkable=True, checked=True)
        self.north_action.toggled.connect(self._toggle_north)
        self.scale_bar_action = QAction(self.tr("Scale bar"), self, checkable=True, checked=True)
        self.scale_bar_action.toggled.connect(self._toggle_scale_bar)
        view_menu.addAction(self.north_action)
        view_menu.addAction(self.scale_bar_action)
        basemap_menu = view_menu.addMenu(self.tr("&Basemap"))
        self.basemap_group = QActionGroup(self)
        from gisheat.ui.map.basemap import SOURCES

        for key, text in [("", self.tr("None (offline)"))] + [(k, s.title) for k, s in SOURCES.items()]:
            a = QAction(text, self, checkable=True)
            a.setData(key)
            a.triggered.connect(lambda _=False, k=key: self.set_basemap(k))
            self.basemap_group.addAction(a)
            basemap_menu.addAction(a)
        basemap_menu.addSeparator()
        basemap_menu.addAction(self.tr("天地图 key…"), self._ask_tianditu_key)
        language_menu = view_menu.addMenu(self.tr("&Language"))
        self.language_group = QActionGroup(self)
        from gisheat.ui.app import LANGUAGES, current_language

        for code, text in LANGUAGES.items():
            a = QAction(text, self, checkable=True)
            a.setData(code)
            a.setChecked(code == current_language())
            a.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_group.addAction(a)
            language_menu.addAction(a)
        tools_menu = bar.addMenu(self.tr("&Tools"))
        for a in self.tool_group.actions():
            tools_menu.addAction(a)
        analysis_menu = bar.addMenu(self.tr("&Analysis"))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.tr("&About gisheat"), self._about)
        self._menus.update(file=file_menu, edit=edit_menu, view=view_menu, panels=panels, tools=tools_menu,
                           analysis=analysis_menu, help=help_menu)

    def _make_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"))
        bar.setObjectName("toolbar-main")
        bar.setIconSize(bar.iconSize() * 1.0)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for a in (self.open_action, self.save_action):
            bar.addAction(a)
        bar.addSeparator()
        for a in (self.undo_action, self.redo_action):
            bar.addAction(a)
        bar.addSeparator()
        for a in self.tool_group.actions():
            bar.addAction(a)
        self._after_tools = bar.addSeparator()
        for a in (self.zoom_in_action, self.zoom_out_action, self.zoom_full_action, self.zoom_selection_action,
                  self.clear_selection_action):
            bar.addAction(a)
        bar.addSeparator()
        self.search_box = SearchBox()
        self.search_box.jump.connect(self.jump_to)
        find = QAction(self.tr("Find…"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: (self.search_box.setFocus(), self.search_box.selectAll()))
        self.addAction(find)
        bar.addWidget(self.search_box)
        self.addToolBar(bar)
        self.map_toolbar = bar

    def _make_status_bar(self) -> None:
        status = self.statusBar()
        self.selection_label = QLabel()
        self.measure_label = QLabel()
        self.coords_label = QLabel()
        self.coords_label.setMinimumWidth(250)
        self.scale_label = QLabel()
        self.scale_label.setMinimumWidth(100)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setIcon(icon("fa5s.stop-circle", "#c62828"))
        self.cancel_button.setToolTip(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.runner.cancel_all)
        status.addWidget(self.selection_label, 1)
        status.addWidget(self.measure_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        status.addPermanentWidget(self.coords_label)
        status.addPermanentWidget(self.scale_label)

    # --- files ---------------------------------------------------------------------------------

    def choose_file(self) -> None:
        start = str(Path(self.session.network.path).parent) if self.session.network and self.session.network.path else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open network"), start,
                                              self.tr("GeoPackage (*.gpkg);;All files (*)"))
        if path:
            self.open_file(path)

    def open_file(self, path: str | Path) -> None:
        """Load a network file in the background; a message box names the file if it fails."""
        path = Path(path)
        if self.load_task is not None and not self.load_task.is_done:
            self.load_task.cancel()
        self.statusBar().showMessage(self.tr("Opening %1…").replace("%1", str(path)))

        def done(result) -> None:
            network, layers = result
            self.load_task = None
            self.statusBar().clearMessage()
            self.set_network(network, layers)
            self.remember_file(network.path or path)
            if network.notes:
                self.show_load_notes(network)

        def failed(exc: BaseException) -> None:
            self.load_task = None
            self.statusBar().clearMessage()
            self.show_open_error(path, exc)

        self.load_task = self.runner.start(load_job(path), on_done=done, on_error=failed,
                                           text=self.tr("Opening %1").replace("%1", path.name))

    def translate_open_error(self, message: str) -> str:
        """The loader's common reasons in the UI language (the file name stays as it is)."""
        for english in OPEN_ERRORS:
            if message.endswith(": " + english):
                return message[: -len(english)] + QCoreApplication.translate("MainWindow", english)
        return message

    def show_load_notes(self, network) -> QMessageBox:
        """Say what loading changed or assumed (a layer reprojected, a missing CRS): not modal."""
        lines = [f"{note.layer}: {note.problem}" for note in network.notes]
        if self.load_notes_box is not None:
            with contextlib.suppress(RuntimeError):  # deleted on close already
                self.load_notes_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Opened with warnings"),
                          self.tr("%1 was opened, but:").replace("%1", str(network.path)),
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText("\n".join(lines))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        self.load_notes_box = box
        box.show()
        self.statusBar().showMessage("; ".join(lines), 15000)
        return box

    def show_open_error(self, path: Path, exc: BaseException) -> None:
        if isinstance(exc, GisheatError):
            message = self.translate_open_error(str(exc))
            if str(path) not in message and path.name not in message:
                message = f"{path}: {message}"
        else:
            log.exception("cannot open %s", path, exc_info=exc)
            message = f"{path}: {type(exc).__name__}: {exc}"
        QMessageBox.critical(self, self.tr("Cannot open network file"), message)

    def set_network(self, network, layers: list[MapLayer] | None = None) -> None:
        """Show a loaded network (``layers`` prepared in a worker, else made here)."""
        self.canvas.clear_layers()
        self._layers_to_add = layers if layers is not None else prepare_layers(network)
        self.session.set_network(network)

    def _network_loaded(self) -> None:
        network = self.session.network
        canvas = self.canvas
        canvas.crs_name = f"EPSG:{network.crs.to_epsg()}" if network.crs is not None and network.crs.to_epsg() else (
            network.crs.name if network.crs is not None else "")
        layers = getattr(self, "_layers_to_add", None) or prepare_layers(network)
        self._layers_to_add = None
        for layer in layers:
            canvas.add_layer(layer)
        canvas.zoom_full()
        self.search_box.set_network(network)
        name = network.path.name if network.path else self.tr("(unsaved)")
        self.setWindowTitle(f"{name}[*] — gisheat")
        self.setWindowModified(network.modified)
        self.layer_panel.set_active_layer("pipes")
        self._update_selection_label()
        if self.basemap_key():
            self.set_basemap(self.basemap_key())

    def save(self) -> bool:
        """Save to the network's file (Save As when it has none); False when nothing was saved."""
        network = self.session.network
        if network is None:
            return False
        if network.path is None:
            return self.save_as()
        return self._save_to(network.path)

    def save_as(self) -> bool:
        if self.session.network is None:
            return False
        current = self.session.network.path
        start = str(current.parent / f"{current.stem}-copy.gpkg") if current is not None else ""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save network as"), start, self.tr("GeoPackage (*.gpkg)"))
        if not path:
            return False
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        from gisheat.io import gpkg

        try:
            saved = gpkg.save(self.session.network, path)
        except GisheatError as exc:
            QMessageBox.critical(self, self.tr("Cannot save"), str(exc))
            return False
        self.session.undo_stack.setClean()
        self.setWindowModified(False)
        self.setWindowTitle(f"{saved.name}[*] — gisheat")
        self.remember_file(saved)
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(saved)), 4000)
        self.file_saved.emit(saved)
        return True

    # --- settings ------------------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        value = QSettings().value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def remember_file(self, path: Path) -> None:
        path = str(Path(path).resolve())
        recent = [p for p in self.recent_files() if p != path]
        recent.insert(0, path)
        settings = QSettings()
        settings.setValue("files/recent", recent[:MAX_RECENT])
        settings.setValue("files/last", path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for p in self.recent_files():
            a = self.recent_menu.addAction(p)
            a.triggered.connect(lambda _=False, p=p: self.open_file(p))
        if not self.recent_files():
            a = self.recent_menu.addAction(self.tr("(none)"))
            a.setEnabled(False)

    def restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            self.resizeDocks([self.layers_dock], [300], Qt.Orientation.Horizontal)
            self.resizeDocks([self.identify_dock], [300], Qt.Orientation.Horizontal)
            self.resizeDocks([self.table_dock], [220], Qt.Orientation.Vertical)
        key = self.basemap_key()
        for a in self.basemap_group.actions():
            a.setChecked(a.data() == key)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())

    def _update_modified(self, *_) -> None:
        try:
            self.setWindowModified(self.has_unsaved_changes())
        except RuntimeError:
            pass  # the window is being destroyed

    def has_unsaved_changes(self) -> bool:
        network = self.session.network
        if network is None or not network.modified:
            return False
        stack = self.session.undo_stack
        return not (stack.count() > 0 and stack.isClean())  # undone back to the saved state

    def closeEvent(self, event) -> None:
        network = self.session.network
        if self.has_unsaved_changes():
            answer = QMessageBox.question(
                self, self.tr("Unsaved changes"), self.tr("Save changes to %1 before closing?").replace(
                    "%1", network.path.name if network.path else self.tr("the network")),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel or (
                    answer == QMessageBox.StandardButton.Save and not self.save()):
                event.ignore()  # cancelled, or the save failed: keep the window and the changes
                return
        self.closing.emit()
        self.save_layout()
        self.runner.cancel_all()
        super().closeEvent(event)

    def set_language(self, code: str) -> None:
        from gisheat.ui.app import set_language_setting

        set_language_setting(code)
        QMessageBox.information(self, self.tr("Language"),
                                self.tr("The language will change the next time gisheat starts."))

    def basemap_key(self) -> str:
        return str(QSettings().value("map/basemap", "") or "")

    def set_basemap(self, key: str, *, fetcher=None) -> None:
        """Switch the web basemap ('' = none); tiles are cached on disk."""
        from PySide6.QtCore import QStandardPaths

        from gisheat.ui.map.basemap import SOURCES, TileBasemap, http_fetch

        QSettings().setValue("map/basemap", key)
        for a in self.basemap_group.actions():
            a.setChecked(a.data() == key)
        if self.canvas.basemap is not None:
            self.canvas.basemap.clear()
            self.canvas.basemap = None
        source = SOURCES.get(key)
        network = self.session.network
        if source is None or network is None or network.crs is None:
            self.canvas.viewport().update()
            return
        api_key = str(QSettings().value("map/tianditu_key", "") or "")
        if source.needs_key and not api_key:
            self._ask_tianditu_key()
            api_key = str(QSettings().value("map/tianditu_key", "") or "")
            if not api_key:
                return
        cache = self.tile_cache_dir or Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)) / "tiles"
        self.canvas.basemap = TileBasemap(self.canvas.view_box, source, network.crs, cache, runner=self.runner,
                                          fetcher=fetcher or http_fetch, api_key=api_key)
        self.canvas.refresh_view_state()

    def _ask_tianditu_key(self) -> None:
        key, ok = QInputDialog.getText(self, self.tr("天地图 key"), self.tr("Your 天地图 (Tianditu) API key:"),
                                       text=str(QSettings().value("map/tianditu_key", "") or ""))
        if ok:
            QSettings().setValue("map/tianditu_key", key.strip())

    # --- map interaction -----------------------------------------------------------------------

    def show_identified(self, layer: str, row: int) -> None:
        hits = self.identify_tool.hits if (layer, row) in self.identify_tool.hits else [(layer, row)]
        self.identify_panel.set_hits(hits)
        self.identify_panel.show_feature(layer, row)
        self.canvas.highlight("identify", layer, np.array([row]), IDENTIFY_COLOUR)
        self.identify_dock.raise_()
        self.identify_dock.show()

    def _identify_nothing(self) -> None:
        self.canvas.clear_highlight("identify")
        self.identify_panel.clear()

    def _map_selected(self, layer: str, rows, mode: str) -> None:
        rows = np.asarray(rows, dtype=np.int64)
        old = self.session.selection(layer)
        if mode == "add":
            rows = np.union1d(old, rows)
        elif mode == "toggle":
            rows = np.setxor1d(old, rows)
        for other in self.session.selected_layers():
            if other != layer and mode == "replace":
                self.session.clear_selection(other)
        self.session.set_selection(layer, rows)
        if len(rows):
            self.table.show_layer(layer)
        elif mode == "replace":  # nothing: say where the tool looked and why it may have found nothing
            shown = self.canvas.layers.get(layer)
            text = self.tr("Nothing selected in %1 (the active layer in the Layers panel).")
            if shown is not None and not shown.shown:
                text = self.tr("Nothing selected: %1 is hidden at this scale or switched off; zoom in or choose "
                               "another layer in the Layers panel.")
            self.statusBar().showMessage(text.replace("%1", labels.layer_label(layer)), 8000)

    def _layer_edited(self, name: str) -> None:
        """An edit changed a layer: redraw it (and its selection) from the new frame."""
        network = self.session.network
        if network is None:
            return
        if name in self.canvas.layers and name in network.layers:
            theme = self.session.themes.get((name, self.canvas.layers[name].theme_name))
            self.canvas.refresh_layer(name, network.layers[name])
            if theme is not None:  # a themed layer keeps its theme, joined by id to the edited features
                layer = self.canvas.layers[name]
                self.canvas.set_layer_style(name, layer.style, theme.aligned(layer.frame), theme.name)
            self._selection_changed(name)
        elif name in network.layers and name not in self.canvas.layers:
            frame = network.layers[name]
            if hasattr(frame, "_geometry_column_name"):
                self.canvas.add_layer(MapLayer(name, frame, context=name not in NETWORK_ORDER))
        elif name in self.canvas.layers:
            self.canvas.remove_layer(name)
        self.search_box.set_network(network)

    def _selection_changed(self, layer: str) -> None:
        self.canvas.highlight(f"selection:{layer}", layer, self.session.selection(layer))
        self._update_selection_label()

    def _update_selection_label(self) -> None:
        parts = [f"{labels.layer_label(n)} {len(self.session.selection(n)):,}" for n in self.session.selected_layers()]
        self.selection_label.setText(self.tr("Selected: %1").replace("%1", ", ".join(parts)) if parts
                                     else self.tr("Nothing selected"))

    def _active_layer_changed(self, name: str) -> None:
        if name in self.session.layer_names():
            self.table.show_layer(name)

    def zoom_to_selection(self) -> None:
        boxes = []
        for name in self.session.selected_layers():
            layer = self.canvas.layers.get(name)
            if layer is not None:
                b = layer.extent_of(self.session.selection(name))
                if b is not None:
                    boxes.append(b)
        if boxes:
            b = np.array(boxes)
            self.canvas.zoom_to((b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()))

    def zoom_to_feature(self, layer: str, row: int) -> None:
        map_layer = self.canvas.layers.get(layer)
        if map_layer is None:
            return
        extent = map_layer.extent_of(np.array([row]))
        if extent is not None:
            if not map_layer.visible:
                self.canvas.set_layer_visible(layer, True)
            self.canvas.zoom_to(extent, min_size=200.0 if map_layer.kind == "point" else 120.0)

    def jump_to(self, layer: str, row: int) -> None:
        """Search result: zoom to it, select it, show its attributes."""
        for other in self.session.selected_layers():
            if other != layer:
                self.session.clear_selection(other)
        self.session.set_selection(layer, [row])
        self.zoom_to_feature(layer, row)
        self.identify_panel.set_hits([(layer, row)])
        self.identify_panel.show_feature(layer, row)
        self.table.show_layer(layer)

    def _mouse_moved(self, x: float, y: float) -> None:
        self.coords_label.setText(f"{x:.1f}, {y:.1f}  {self.canvas.crs_name}")  # as QGIS: copies as numbers

    def _update_scale_label(self) -> None:
        self.scale_label.setText(f"1:{self.canvas.scale():,.0f}".replace(",", " "))

    def _measured(self, metres: float, done: bool) -> None:
        text = f"{metres / 1000:,.3f} km" if metres >= 1000 else f"{metres:,.1f} m"
        self.measure_label.setText(self.tr("Distance: %1").replace("%1", text))

    def _toggle_north(self, on: bool) -> None:
        self.canvas.show_north_arrow = on
        self.canvas.viewport().update()

    def _toggle_scale_bar(self, on: bool) -> None:
        self.canvas.show_scale_bar = on
        self.canvas.viewport().update()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setValue(0)

    def _task_failed(self, exc: BaseException) -> None:
        if isinstance(exc, GisheatError):
            QMessageBox.warning(self, self.tr("gisheat"), str(exc))
        else:
            log.error("task failed", exc_info=exc)
            QMessageBox.critical(self, self.tr("gisheat"), f"{type(exc).__name__}: {exc}")

    def _about(self) -> None:
        from PySide6 import __version__ as qt_version

        from gisheat import __version__

        QMessageBox.about(self, self.tr("About gisheat"), self.tr(
            "gisheat — desktop GIS for district-heating networks: map, isolation, valve segments, "
            "criticality and renewal planning.") + f"\n\ngisheat {__version__} · PySide6 {qt_version}")

    # used by tests and the benchmark
    def layer_counts(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in self.session.network.layers.items()} if self.session.network else {}

