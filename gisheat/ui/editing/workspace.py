"""The editing workspace: edit mode, edit toolbar, tools, attribute editing, import/export, autosave.

Edit mode is off until the pencil ("Edit network", Ctrl+E) is pressed, as in
QGIS: then the edit tools are enabled, the attribute table and the identify
panel take new values, and an orange "Editing" badge shows in the status bar.
Every change goes through :meth:`EditingWorkspace.apply` — one core edit,
one undo step (``session.apply_edit``), refusals shown in a message box with
the one-line reason and nothing stored.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QMessageBox, QToolBar

from gisheat.core import edits, schema
from gisheat.errors import GisheatError
from gisheat.io.importer import STANDARD_DN
from gisheat.ui import labels
from gisheat.ui.editing import gestures
from gisheat.ui.editing.attributes import ValueDelegate, explain
from gisheat.ui.editing.autosave import AutosaveController
from gisheat.ui.editing.gestures import NODE, POINT, Snap
from gisheat.ui.editing.icons import edit_icon
from gisheat.ui.editing.snapping import Snapper, feature_name
from gisheat.ui.editing.tools import (
    AddPointTool,
    DeleteTool,
    DrawPipeTool,
    EditTool,
    MoveTool,
    PlaceValveTool,
)
from gisheat.ui.icons import icon

EDITABLE_LAYERS = ("pipes", "valves", "sources", "stations", "customers", "districts", "buildings", "streets", "breaks")
"""Layers whose selected features "Delete selected" removes."""
DEFAULT_DN = 150
TOGGLE_STYLE = ("QToolButton { padding: 2px 8px; } "
                "QToolButton:checked { background: #ff6d00; color: white; font-weight: 600; "
                "border: 1px solid #e65100; border-radius: 3px; }")
BADGE_STYLE = "background: #ff6d00; color: white; font-weight: 600; border-radius: 3px; padding: 1px 8px;"


class EditingWorkspace(QObject):
    """See the module docstring; ``install(window)`` creates one."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.canvas = window.canvas
        self.snapper = Snapper(window.canvas, window.session)
        self.delegate = ValueDelegate(window.session, self.set_value, window)
        """The attribute table's value editors (the identify panel has its own: a delegate serves one view)."""
        self.identify_delegate = ValueDelegate(window.session, self.set_value, window)
        self.editing = False
        self.last_refusal = ""
        self._outdated = ""
        """Set when an edit made published analysis results out of date (said with the next message)."""

        self.draw_pipe_tool = DrawPipeTool(self)
        self.place_valve_tool = PlaceValveTool(self)
        self.add_customer_tool = AddPointTool(self, "customers")
        self.add_station_tool = AddPointTool(self, "stations")
        self.add_source_tool = AddPointTool(self, "sources")
        self.move_tool = MoveTool(self)
        self.delete_tool = DeleteTool(self)
        self.tools: list[EditTool] = [self.draw_pipe_tool, self.place_valve_tool, self.add_customer_tool,
                                      self.add_station_tool, self.add_source_tool, self.move_tool, self.delete_tool]

        self._make_actions()
        self._make_toolbar()
        self._make_menus()
        self._make_status()
        self.autosave = AutosaveController(window)
        if hasattr(window, "file_saved"):
            window.file_saved.connect(self.autosave.saved)
        if hasattr(window, "closing"):
            window.closing.connect(self.autosave.closing)
        window.canvas.tool_changed.connect(self._tool_changed)
        window.layer_panel.export_requested.connect(lambda name: self.export(("layer", name)))
        self.session.network_loaded.connect(self._network_loaded)
        self.session.results_changed.connect(self._results_changed)
        self.session.layer_changed.connect(self._layer_changed)
        self.session.selection_changed.connect(lambda _: self._update_actions())
        self.set_editing(False)

    # --- building blocks ----------------------------------------------------------------------------

    def _make_actions(self) -> None:
        w = self.window
        self.toggle_action = QAction(icon("fa5s.pen"), self.tr("Edit network"), w)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setShortcut(QKeySequence("Ctrl+E"))
        self.toggle_action.setToolTip(self.tr("Edit network (Ctrl+E): switch editing on or off"))
        self.toggle_action.toggled.connect(self.set_editing)
        specs = [
            (self.draw_pipe_tool, "pipes", self.tr("Draw pipe"), "Ctrl+Shift+L"),
            (self.place_valve_tool, "valves", self.tr("Place valve on pipe"), "Ctrl+Shift+V"),
            (self.add_customer_tool, "customers", self.tr("Add customer"), None),
            (self.add_station_tool, "stations", self.tr("Add station"), None),
            (self.add_source_tool, "sources", self.tr("Add heat source"), None),
            (self.move_tool, "fa5s.arrows-alt", self.tr("Move node or vertex"), "Ctrl+Shift+M"),
            (self.delete_tool, "fa5s.eraser", self.tr("Delete feature"), None),
        ]
        self.tool_actions: dict[EditTool, QAction] = {}
        menus = [w.menu("tools")] if "tools" in w._menus else []
        for tool, icon_name, text, shortcut in specs:
            action = w.add_map_tool(tool, icon_name, text, shortcut)
            if not icon_name.startswith("fa5"):
                action.setIcon(edit_icon(icon_name))
            action.setToolTip(f"{text} — {tool.hint()}" if tool.hint() else text)
            action.setStatusTip(tool.hint())
            # the edit toolbar and the Edit menu hold these, not the main toolbar and Tools menu
            if hasattr(w, "map_toolbar"):
                w.map_toolbar.removeAction(action)
            for menu in menus:
                menu.removeAction(action)
            self.tool_actions[tool] = action
        self.delete_selected_action = QAction(icon("fa5s.trash-alt"), self.tr("Delete selected features"), w)
        self.delete_selected_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_selected_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.delete_selected_action.triggered.connect(self.delete_selected)
        self.snap_action = QAction(icon("fa5s.magnet"), self.tr("Snap to nodes and pipes"), w)
        self.snap_action.setCheckable(True)
        self.snap_action.setChecked(True)
        self.snap_action.toggled.connect(self._snapping_toggled)
        self.import_action = QAction(icon("fa5s.file-import"), self.tr("Import data…"), w)
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_action.triggered.connect(lambda: self.import_data())
        self.export_action = QAction(icon("fa5s.file-export"), self.tr("Export layer or result…"), w)
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.triggered.connect(lambda: self.export())
        # redo: both conventions (Ctrl+Shift+Z and Ctrl+Y) on every platform
        w.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        w.undo_action.setShortcut(QKeySequence("Ctrl+Z"))

    def _make_toolbar(self) -> None:
        bar = QToolBar(self.tr("Editing"), self.window)
        bar.setObjectName("toolbar-editing")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        bar.addAction(self.toggle_action)
        toggle_button = bar.widgetForAction(self.toggle_action)
        toggle_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle_button.setStyleSheet(TOGGLE_STYLE)
        bar.addSeparator()
        for tool in self.tools:
            bar.addAction(self.tool_actions[tool])
        bar.addAction(self.delete_selected_action)
        bar.addSeparator()
        bar.addAction(self.snap_action)
        bar.addSeparator()
        # options of the current tool
        self.network_box = QComboBox()
        for value in schema.NETWORKS:
            self.network_box.addItem(labels.value_label(value), value)
        self.network_box.setToolTip(self.tr("Circuit of new pipes (follows the pipe you start from)"))
        self.dn_box = QComboBox()
        self.dn_box.setEditable(True)
        for dn in STANDARD_DN:
            self.dn_box.addItem(str(dn), dn)
        self.dn_box.setCurrentIndex(self.dn_box.findData(DEFAULT_DN))
        self.dn_box.setToolTip(self.tr("DN of new pipes (mm)"))
        self.split_box = QCheckBox(self.tr("Split pipe at the valve"))
        self.split_box.setToolTip(self.tr("Also cut the pipe feature in two at a new valve. Without it the valve "
                                          "divides the pipe for analysis only (as SPEC allows)."))
        self._option_actions = {
            "pipe": [bar.addWidget(QLabel(" " + self.tr("New pipe:") + " ")), bar.addWidget(self.network_box),
                     bar.addWidget(QLabel(" DN ")), bar.addWidget(self.dn_box)],
            "valve": [bar.addWidget(self.split_box)],
        }
        self.window.addToolBar(bar)
        self.window.insertToolBarBreak(bar)  # a row of its own under the main toolbar
        self.toolbar = bar

    def _make_menus(self) -> None:
        w = self.window
        edit = w.menu("edit")
        first = edit.actions()[0] if edit.actions() else None
        edit.insertAction(first, self.toggle_action)
        edit.insertSeparator(first)
        edit.addSeparator()
        for tool in self.tools:
            edit.addAction(self.tool_actions[tool])
        edit.addAction(self.delete_selected_action)
        edit.addAction(self.snap_action)
        file_menu = w.menu("file") if "file" in w._menus else None
        if file_menu is not None:
            before = getattr(w, "quit_action", None)
            separator = None
            for a in file_menu.actions():
                if a is before:
                    break
                if a.isSeparator():
                    separator = a
            anchor = separator or before
            file_menu.insertAction(anchor, self.import_action)
            file_menu.insertAction(anchor, self.export_action)
            file_menu.insertSeparator(anchor)

    def _make_status(self) -> None:
        status = self.window.statusBar()
        self.badge = QLabel(self.tr("Editing"))
        self.badge.setStyleSheet(BADGE_STYLE)
        self.badge.setToolTip(self.tr("Edit mode is on: the network can be changed (Ctrl+E switches it off)"))
        self.hint_label = QLabel()
        self.hint_label.setStyleSheet("color: #bf360c;")
        status.addPermanentWidget(self.badge)  # permanent: stays when a message covers the hint
        status.addWidget(self.hint_label, 2)
        status.messageChanged.connect(lambda _text: self._show_hint())

    # --- mode -----------------------------------------------------------------------------------------

    def set_editing(self, on: bool) -> None:
        """Switch edit mode; switching off leaves an edit tool for Pan."""
        on = bool(on) and self.session.network is not None
        self.editing = on
        if self.toggle_action.isChecked() != on:
            self.toggle_action.blockSignals(True)
            self.toggle_action.setChecked(on)
            self.toggle_action.blockSignals(False)
        self.window.table.set_editing(self.delegate if on else None)
        self.window.identify_panel.set_editing(self.identify_delegate if on else None)
        self.badge.setVisible(on)
        if not on and self.canvas.tool in self.tools:
            self.window.set_tool(self.window.pan_tool)
        self._update_actions()
        self._tool_changed(self.canvas.tool.name if self.canvas.tool is not None else "")

    def _show_hint(self) -> None:
        """The tool's hint, unless a message is showing: Qt hides it for the message, showing it again
        meanwhile would draw the two over each other."""
        self.hint_label.setVisible(bool(self.hint_label.text()) and not self.window.statusBar().currentMessage())

    def _update_actions(self) -> None:
        for action in self.tool_actions.values():
            action.setEnabled(self.editing)
        self.delete_selected_action.setEnabled(self.editing and any(
            name in EDITABLE_LAYERS for name in self.session.selected_layers()))
        self.toggle_action.setEnabled(self.session.network is not None)
        self.import_action.setEnabled(self.session.network is not None)
        self.export_action.setEnabled(self.session.network is not None)

    def _tool_changed(self, name: str) -> None:
        tool = self.canvas.tool
        active = tool if tool in self.tools else None
        self.hint_label.setText(active.hint() if active is not None else "")
        self.hint_label.setToolTip(self.hint_label.text())
        self._show_hint()
        for key, actions in self._option_actions.items():
            wanted = (key == "pipe" and active is self.draw_pipe_tool) or (key == "valve" and active is self.place_valve_tool)
            for a in actions:
                a.setVisible(wanted)

    def _snapping_toggled(self, on: bool) -> None:
        self.snapper.enabled = on
        if not on:
            for tool in self.tools:
                tool.marker.hide()

    def _network_loaded(self) -> None:
        self.set_editing(self.editing)

    def _results_changed(self, name: str) -> None:
        result = self.session.results.get(name)
        if result is not None and getattr(result, "stale", False):
            self._outdated = self.tr("Results of %1 are out of date after the edit: run the analysis again.") \
                .replace("%1", result.label or name)

    def _layer_changed(self, name: str) -> None:
        panel = self.window.identify_panel
        if panel.layer is None:
            self.canvas.clear_highlight("identify")
        elif panel.layer == name and panel.row is not None:
            self.canvas.highlight("identify", name, np.array([panel.row]), _identify_colour())
        self._update_actions()

    # --- applying edits ------------------------------------------------------------------------------

    def apply(self, edit: edits.Edit, text: str | None = None) -> bool:
        """Apply one core edit as one undo step; a refusal shows its reason and changes nothing."""
        if self.session.network is None:
            return False
        self._outdated = ""
        try:
            self.session.apply_edit(edit, text)
        except GisheatError as exc:
            self.refuse(str(exc))
            return False
        return True

    def refuse(self, reason: str) -> None:
        reason = explain(reason)
        self.last_refusal = reason
        self.window.statusBar().showMessage(self.tr("Refused: %1").replace("%1", reason), 8000)
        QMessageBox.warning(self.window, self.tr("Edit refused"), reason)

    def message(self, text: str) -> None:
        """A status-bar message; a note that analysis results are out of date is kept with it."""
        timeout = 6000
        if self._outdated:
            text = f"{text}  {self._outdated}".strip()
            self._outdated = ""
            timeout = 10000
        self.window.statusBar().showMessage(text, timeout)

    def set_value(self, layer: str, row: int, field: str, value: Any) -> bool:
        """One attribute value (from the table or the identify panel), checked against the schema."""
        ident = feature_name(self.session, layer, row)
        name = labels.field_label(layer, field, with_unit=False)
        done = self.apply(edits.SetValues(layer, (row,), field, (value,)),
                          self.tr("Set %1 of %2").replace("%1", name).replace("%2", ident))
        if done:
            shown = labels.display_value(layer, field, self.session.layer(layer)[field].iloc[row])
            self.message(self.tr("%1 of %2 set to %3.").replace("%1", name).replace("%2", ident)
                         .replace("%3", shown or self.tr("(empty)")))
        return done

    def follow_circuit(self, snap: Snap) -> None:
        """Drawing starts on a pipe: new pipes take its circuit (primary and secondary never join)."""
        circuits = gestures.circuits_at(self.session.network, snap)
        if not circuits or self.network_box.currentData() in circuits:
            return  # nothing to follow, or the chosen circuit ends there too (a station)
        circuit = circuits[0]
        i = self.network_box.findData(circuit)
        if i >= 0 and i != self.network_box.currentIndex():
            self.network_box.setCurrentIndex(i)
            self.message(self.tr("New pipe: %1 network, as the pipe it starts from.").replace(
                "%1", labels.value_label(circuit)))

    def new_pipe_attributes(self) -> dict[str, Any] | None:
        text = self.dn_box.currentText().strip()
        try:
            dn = int(text)
        except ValueError:
            self.refuse(self.tr("DN of the new pipe: %1 is not a whole number of millimetres").replace(
                "%1", repr(text)))
            return None
        reason = schema.PIPES.field("dn").check(dn)
        if reason:
            self.refuse(reason)
            return None
        return {"network": self.network_box.currentData(), "dn": dn}

    def add_pipe(self, vertices: list[tuple[float, float]], snaps: list[Snap]) -> bool:
        attributes = self.new_pipe_attributes()
        if attributes is None:
            return False
        network = self.session.network
        planned = gestures.new_pipe(network, vertices, snaps, attributes)
        n_before = len(network.pipes)
        if not self.apply(planned.edit, self.tr("Add pipe")):
            return False
        new_row = self._row_of_new(n_before)
        text = self.tr("Pipe %1 added.").replace("%1", feature_name(self.session, "pipes", new_row))
        if planned.split_pipes:
            text += " " + self.tr("Split at the new junction so the pipes connect: %1.").replace(
                "%1", ", ".join(planned.split_pipes))
        self.message(text)
        self.show_feature("pipes", new_row)
        return True

    def _row_of_new(self, n_before: int) -> int:
        """The row of the feature an edit appended last (splits append their second parts first)."""
        return len(self.session.network.pipes) - 1 if len(self.session.network.pipes) > n_before else n_before

    def move(self, grab: Snap, to: tuple[float, float]) -> bool:
        network = self.session.network
        try:
            edit = gestures.move_edit(network, grab, to)
        except ValueError:
            return False
        texts = {gestures.NODE: self.tr("Move node"), gestures.VERTEX: self.tr("Move vertex"),
                 gestures.POINT: self.tr("Move %1").replace("%1", feature_name(self.session, grab.layer, grab.row)
                                                          if grab.layer and grab.row is not None else "")}
        done = self.apply(edit, texts.get(grab.kind))
        if done:
            self.message(self.tr("Moved (Ctrl+Z puts it back)."))
        return done

    def _valves_naming(self, pipe_ids: list[str]) -> list[str]:
        """Valves whose pipe_id is one of ``pipe_ids``."""
        valves = self.session.network.layer("valves") if self.session.network is not None else None
        if valves is None or not len(valves) or "pipe_id" not in valves.columns:
            return []
        named = np.isin(schema.text_column(valves, "pipe_id"), pipe_ids)
        return [str(v) for v in schema.text_column(valves, "valve_id")[named]]

    def delete(self, layer: str, rows: list[int]) -> bool:
        names = [feature_name(self.session, layer, r) for r in rows]
        self.session.clear_selection(layer)
        text = self.tr("Delete %1").replace("%1", ", ".join(names[:3]) + ("…" if len(names) > 3 else ""))
        orphans = self._valves_naming(names) if layer == "pipes" else []
        done = self.apply(edits.DeleteFeatures(layer, tuple(rows)), text)
        if done:
            text = self.tr("Deleted %1 (Ctrl+Z brings it back).").replace("%1", ", ".join(names[:5]))
            if orphans:  # their pipe_id now names nothing: validate will list them, say it now
                text += " " + self.tr("Valves that named it as their pipe: %1 — check them.").replace(
                    "%1", ", ".join(orphans[:5]) + ("…" if len(orphans) > 5 else ""))
            self.message(text)
        return done

    def delete_selected(self) -> bool:
        """Delete the selected features of every editable layer, as one undo step."""
        if not self.editing:
            return False
        chosen = {name: self.session.selection(name) for name in self.session.selected_layers()
                  if name in EDITABLE_LAYERS}
        if not chosen:
            return False
        steps = [edits.DeleteFeatures(name, tuple(int(r) for r in rows)) for name, rows in chosen.items()]
        n = sum(len(r) for r in chosen.values())
        for name in chosen:
            self.session.clear_selection(name)
        done = self.apply(edits.Composite(tuple(steps)),
                          self.tr("Delete %1 selected features").replace("%1", f"{n:,}"))
        if done:
            self.message(self.tr("Deleted %1 features (Ctrl+Z brings them back).").replace("%1", f"{n:,}"))
        return done

    def place_valve(self, pipe_row: int, at: tuple[float, float]) -> bool:
        split = self.split_box.isChecked()
        n_before = len(self.session.layer("valves"))
        pid = feature_name(self.session, "pipes", pipe_row)
        if not self.apply(edits.PlaceValve(pipe_row, at, split=split),
                          (self.tr("Place valve on %1 and split it") if split else self.tr("Place valve on %1"))
                          .replace("%1", pid)):
            return False
        row = len(self.session.layer("valves")) - 1 if len(self.session.layer("valves")) > n_before else None
        if row is not None:
            self.message(self.tr("Valve %1 placed on pipe %2.").replace("%1", feature_name(self.session, "valves", row))
                         .replace("%2", pid))
            self.show_feature("valves", row)
        return True

    def add_point(self, layer: str, snap: Snap) -> bool:
        n_before = len(self.session.layer(layer))
        undo_text = {"customers": self.tr("Add customer"), "stations": self.tr("Add station"),
                     "sources": self.tr("Add heat source")}.get(layer) or self.tr("Add %1").replace(
                         "%1", labels.layer_label(layer))
        if not self.apply(edits.add_point(layer, snap.xy), undo_text):
            return False
        row = len(self.session.layer(layer)) - 1 if len(self.session.layer(layer)) > n_before else n_before
        ident = feature_name(self.session, layer, row)
        if snap.kind in (NODE, POINT):
            self.message(self.tr("%1 added; fill in its attributes in the Identify panel.").replace("%1", ident))
        else:
            self.message(self.tr("%1 added away from any pipe end: it is not connected until a pipe ends there.")
                         .replace("%1", ident))
        self.show_feature(layer, row)
        return True

    def show_feature(self, layer: str, row: int) -> None:
        """Show a new feature in the identify panel (editable) and outline it on the map."""
        panel = self.window.identify_panel
        panel.set_hits([(layer, row)])
        panel.show_feature(layer, row)
        self.canvas.highlight("identify", layer, np.array([row]), _identify_colour())
        self.window.identify_dock.show()
        self.window.identify_dock.raise_()

    # --- import and export ----------------------------------------------------------------------------

    def import_data(self, path=None):
        """Open the import dialog (on ``path`` when given), window-modal without blocking; returns it."""
        from gisheat.ui.editing.importing import ImportDialog

        if self.session.network is None:
            return None
        _forget(getattr(self, "import_dialog", None))
        dialog = ImportDialog(self, path)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def apply_import(self, plan, source) -> bool:
        layer = plan.report.layer
        n_before = len(self.session.layer(layer))
        text = self.tr("Import %1 features from %2").replace("%1", f"{plan.report.imported:,}") \
            .replace("%2", source.path.name)
        if not self.apply(plan.edit, text):
            return False
        n_after = len(self.session.layer(layer))
        spec = schema.LAYERS.get(layer)
        if spec is not None and spec.id_field:
            frame = self.session.layer(layer)
            plan.report.ids = schema.text_column(frame.iloc[n_before:], spec.id_field).tolist()
        self.session.set_selection(layer, np.arange(n_before, n_after))
        self.window.table.show_layer(layer)
        return True

    def show_import_report(self, report):
        from gisheat.ui.editing.importing import ImportReportDialog

        dialog = ImportReportDialog(report, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report_dialog = dialog
        text = self.tr("%1 of %2 features imported into %3.").replace("%1", f"{report.imported:,}") \
            .replace("%2", f"{report.read:,}").replace("%3", labels.layer_label(report.layer))
        if report.skipped:
            text += " " + self.tr("%1 left out: see the import report.").replace("%1", f"{len(report.skipped):,}")
        self.message(text)
        dialog.show()  # not modal: the user can look at the imported features on the map beside it
        dialog.raise_()
        return dialog

    def export(self, key: tuple | None = None):
        from gisheat.ui.editing.exporting import ExportDialog

        if self.session.network is None:
            return None
        _forget(getattr(self, "export_dialog", None))
        dialog = ExportDialog(self.window, key)
        self.export_dialog = dialog
        dialog.open()  # window-modal without blocking the event loop
        return dialog


def _forget(dialog) -> None:
    """Delete a dialog opened before (not on close: a running export still reports to it)."""
    if dialog is not None and not dialog.isVisible() and getattr(dialog, "task", None) is None:
        dialog.deleteLater()


def _identify_colour() -> str:
    from gisheat.ui.map.canvas import IDENTIFY_COLOUR

    return IDENTIFY_COLOUR
