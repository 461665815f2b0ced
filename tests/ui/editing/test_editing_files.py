"""Saving, the close prompt, autosave and crash recovery, import and export — in the app."""

from __future__ import annotations

import json
import threading

import geopandas as gpd
import pandas as pd
import pyproj
import pytest
import shapely
from editing_support import (
    approx,
    at,
    click,
    coords,
    double_click,
    drag,
    open_window,
    tee_network,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gisheat.errors import NetworkFileError
from gisheat.io import gpkg, recovery
from gisheat.ui.editing import autosave as autosave_mod
from gisheat.ui.session import ResultSet


def draw_and_move(w):
    """A pipe drawn, a node moved and a value typed: three undo steps."""
    ws = w.editing
    ws.tool_actions[ws.draw_pipe_tool].trigger()
    click(w, 100, -100)
    double_click(w, 160, -120)
    ws.tool_actions[ws.move_tool].trigger()
    drag(w, (130, -50), (140, -50))
    ws.set_value("pipes", 0, "material", "ductile_iron")
    assert w.session.undo_stack.count() == 3


def test_edit_save_reload_round_trip(edit_window, tmp_path):
    w = edit_window
    path = w.session.network.path
    draw_and_move(w)
    assert w.isWindowModified() and w.windowTitle().startswith("tee.gpkg")
    saved = []
    w.file_saved.connect(saved.append)
    w.save_action.trigger()
    assert saved == [path] and not w.isWindowModified()
    back = gpkg.load(path)
    pipes = back.pipes
    assert list(pipes["pipe_id"]) == ["P1", "P2", "P3", "S1", "P4"]
    assert coords(pipes, 4) == approx([(100, -100), (160, -120)])
    assert coords(pipes, 2)[1] == approx([(140, -50)])[0]
    assert pipes["material"].iloc[0] == "ductile_iron"
    assert list(pipes["pressure_class"].iloc[:4]) == ["PN16"] * 4  # the unknown field kept
    assert pd.isna(pipes["pressure_class"].iloc[4])  # and empty for the new pipe
    assert str(pipes["dn"].dtype) == "int64[pyarrow]" and pipes["dn"].iloc[4] == 150
    assert back.layer("customers")["households"].iloc[0] == 40  # untouched layers as they were
    # undo after saving: modified again; redo back to the saved state: clean
    w.undo_action.trigger()
    assert w.isWindowModified()
    w.redo_action.trigger()
    assert not w.isWindowModified()


def test_save_as_moves_the_network_to_the_new_file(edit_window, tmp_path, monkeypatch):
    w = edit_window
    w.editing.set_value("pipes", 1, "dn", 300)
    target = tmp_path / "copy"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    w.save_as_action.trigger()
    assert w.session.network.path == (tmp_path / "copy.gpkg").resolve()
    assert "copy.gpkg" in w.windowTitle() and not w.isWindowModified()
    assert gpkg.load(tmp_path / "copy.gpkg").pipes["dn"].iloc[1] == 300
    assert gpkg.load(tmp_path / "tee.gpkg").pipes["dn"].iloc[1] == 150  # the original untouched


@pytest.mark.parametrize("answer", ["Save", "Discard", "Cancel", "SaveFails"])
def test_close_prompt(app, qtbot, tmp_path, monkeypatch, answer):
    network = tee_network(tmp_path / "tee.gpkg")
    w = open_window(qtbot, network)
    w.editing.toggle_action.trigger()
    w.editing.set_value("pipes", 0, "dn", 250)
    asked = []
    button = QMessageBox.StandardButton.Save if answer == "SaveFails" else getattr(QMessageBox.StandardButton, answer)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a[2]) or button))
    errors = []

    def failing_save(network, path=None):
        raise NetworkFileError(f"{path}: cannot write: No space left on device")

    with monkeypatch.context() as m:
        if answer == "SaveFails":  # e.g. a full disk; chmod would not stop root (CI) from writing
            m.setattr(gpkg, "save", failing_save)
            m.setattr(QMessageBox, "critical", staticmethod(
                lambda *a, **k: errors.append(a[2]) or QMessageBox.StandardButton.Ok))
        closed = w.close()
    assert asked == ["Save changes to tee.gpkg before closing?"]
    if answer == "SaveFails":
        assert len(errors) == 1 and "No space left on device" in errors[0]  # the user is told why
    on_disk = gpkg.load(tmp_path / "tee.gpkg").pipes["dn"].iloc[0]
    if answer == "Save":
        assert closed and on_disk == 250
    elif answer == "Discard":
        assert closed and on_disk == 200
    else:  # cancelled, or the save failed: the window stays with the changes
        assert not closed and w.isVisible() and w.isWindowModified() and on_disk == 200
    assert not recovery.beside_path((tmp_path / "tee.gpkg").resolve()).exists()


def test_no_prompt_without_changes(app, qtbot, tmp_path, monkeypatch):
    w = open_window(qtbot, tee_network(tmp_path / "tee.gpkg"))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a) or 0))
    assert w.close() and asked == []


def test_autosave_off_the_gui_thread_and_recovery_after_a_crash(app, qtbot, tmp_path, monkeypatch, snapshot):
    path = tmp_path / "tee.gpkg"
    w = open_window(qtbot, tee_network(path))
    w.editing.toggle_action.trigger()
    controller = w.editing.autosave
    assert controller.timer.isActive() and controller.timer.interval() == 120_000
    assert not controller.autosave()  # nothing to save yet
    draw_and_move(w)
    threads = []
    write = recovery.Autosaver.write
    monkeypatch.setattr(recovery.Autosaver, "write",
                        lambda self, shot: threads.append(threading.current_thread().name) or write(self, shot))
    with qtbot.waitSignal(controller.written, timeout=10_000) as written:
        assert controller.autosave()
    copy = recovery.beside_path(path.resolve())
    assert written.args == [copy] and copy.exists()
    assert threads == ["gisheat-autosave"]  # written in a worker, not on the GUI thread
    assert not controller.autosave()  # nothing new since
    assert gpkg.load(path).pipes["material"].iloc[0] == "steel"  # the file itself untouched

    # "crash": the window goes away without closing (no prompt, no cleanup); the copy stays
    w.closing.disconnect()
    w.hide()
    offered = []

    def answer(parent, found):
        offered.append(found)
        return True

    monkeypatch.setattr(autosave_mod, "ask_restore", answer)
    w2 = open_window(qtbot, gpkg.load(path))
    qtbot.waitUntil(lambda: bool(offered), timeout=5000)
    assert offered[0].path == copy and offered[0].original == path.resolve()
    qtbot.waitUntil(lambda: w2.session.network.pipes["material"].iloc[0] == "ductile_iron", timeout=5000)
    assert len(w2.session.network.pipes) == 5 and w2.isWindowModified()
    assert w2.session.network.path == path.resolve()
    assert "restored" in w2.statusBar().currentMessage()
    snapshot(w2, "edit_08_recovered")
    w2.save_action.trigger()
    assert not copy.exists() and gpkg.load(path).pipes["material"].iloc[0] == "ductile_iron"
    w2.close()
    w.closing.connect(w.editing.autosave.closing)


def test_recovery_discarded_when_the_user_says_so(app, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "tee.gpkg"
    network = tee_network(path)
    network.layers["pipes"] = network.pipes.iloc[:2]
    network.mark_changed("pipes")
    copy = recovery.write_recovery(network)
    monkeypatch.setattr(autosave_mod, "ask_restore", lambda parent, found: False)
    w = open_window(qtbot, gpkg.load(path))
    qtbot.waitUntil(lambda: not copy.exists(), timeout=5000)
    assert len(w.session.network.pipes) == 4 and not w.isWindowModified()


def test_recovery_box_says_what_and_when(app, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "tee.gpkg"
    network = tee_network(path)
    network.mark_changed("pipes")
    found = recovery.find_recovery(path) or recovery.Recovery(recovery.write_recovery(network), path.resolve(),
                                                               pd.Timestamp("2025-01-15 09:30").to_pydatetime(), True)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(
        (self.windowTitle(), self.text(), [b.text() for b in self.buttons()])) or 0)
    assert autosave_mod.ask_restore(None, found) is None  # closed without a choice: decide next time
    title, text, buttons = shown[0]
    assert title == "Unsaved changes found" and "tee.gpkg" in text and "2025-01-15 09:30" in text
    assert buttons == ["Restore unsaved changes", "Discard them"]


# --- import -------------------------------------------------------------------------------------


def inch_pipes(path, network_crs):
    """Three pipes in lon/lat with Chinese field names, DN in inches; one DN is rubbish."""
    to_lonlat = pyproj.Transformer.from_crs(network_crs, "EPSG:4326", always_xy=True).transform
    lines = [shapely.LineString([at(0, 40), at(80, 40)]), shapely.LineString([at(80, 40), at(80, 90)]),
             shapely.LineString([at(80, 90), at(150, 90)])]
    frame = gpd.GeoDataFrame({
        "编号": ["N1", "N2", "N3"], "管径": ['6"', "8", "abc"], "管网": ["一次网", "一次网", "一次网"],
        "备注": ["new estate", "", "phase 2"]},
        geometry=[shapely.transform(g, lambda x, y: to_lonlat(x, y), interleaved=False) for g in lines],
        crs="EPSG:4326")
    frame.to_file(path, driver="GeoJSON")
    return path


def test_import_dialog_geojson_with_mapping_and_inches(edit_window, tmp_path, monkeypatch, snapshot):
    from gisheat.ui.editing.importing import EXTRA, ImportDialog

    w = edit_window
    source = inch_pipes(tmp_path / "new_pipes.geojson", w.session.network.crs)
    dialog = ImportDialog(w.editing, source)
    assert dialog.target == "pipes"  # from the file name and the geometry
    mapping = dialog.options().fields
    assert mapping == {"编号": "pipe_id", "管径": "dn", "管网": "network"}  # suggested from the names
    assert "EPSG:4326" in dialog.crs_edit.text() and "EPSG:4547" in dialog.crs_note.text()
    # without "inches", 6" is no DN in mm: a problem, and a hint to tick "inches"; 'abc' is a problem anyway
    problems = [dialog.preview.item(i, dialog.preview.columnCount() - 1).text() for i in range(3)]
    assert problems == ["dn '6\"' is not an integer value", "", "dn 'abc' is not an integer value"]
    assert 'Some DN values look like inches (6"): tick "DN is given in inches".' in dialog.message.text()
    dialog.dn_inches.setChecked(True)
    assert "look like inches" not in dialog.message.text()
    dialog.set_mapping("备注", EXTRA)
    headers = [dialog.preview.horizontalHeaderItem(j).text() for j in range(dialog.preview.columnCount())]
    assert headers[:4] == ["Source row", "Pipe id", "DN (mm)", "Network"] and headers[-1] == "Problem"
    dn_column = headers.index("DN (mm)")
    assert [dialog.preview.item(i, dn_column).text() for i in range(2)] == ["150", "200"]
    assert dialog.import_button.isEnabled()
    dialog.show()
    snapshot(dialog, "edit_09_import_dialog")
    reports = []
    monkeypatch.setattr(w.editing, "show_import_report", lambda report: reports.append(report))
    dialog.run_import()
    report = reports[0]
    assert (report.read, report.imported, len(report.skipped)) == (3, 2, 1)
    assert report.skipped[0].feature == "feature 2 (pipe_id N3)" and "abc" in report.skipped[0].problem
    pipes = w.session.network.pipes
    assert list(pipes["pipe_id"].iloc[-2:]) == ["N1", "N2"] and list(pipes["dn"].iloc[-2:]) == [150, 200]
    assert list(pipes["network"].iloc[-2:]) == ["primary", "primary"]
    assert pipes["备注"].iloc[-2] == "new estate" and pd.isna(pipes["备注"].iloc[-1])  # blank text is missing
    assert coords(pipes, len(pipes) - 2) == approx([(0, 40), (80, 40)], tol=0.01)  # reprojected back
    assert report.ids == ["N1", "N2"] and list(w.session.selection("pipes")) == [4, 5]
    assert w.session.undo_stack.count() == 1 and w.undo_action.text() == "&Undo Import 2 features from new_pipes.geojson"
    w.undo_action.trigger()
    assert len(w.session.network.pipes) == 4 and "备注" not in w.session.network.pipes.columns


def test_import_report_dialog(edit_window, tmp_path, snapshot):
    from gisheat.io import importer
    from gisheat.ui.editing.importing import ImportReportDialog

    w = edit_window
    source = importer.open_source(inch_pipes(tmp_path / "p.geojson", w.session.network.crs))
    plan = importer.plan_import(w.session.network, source, importer.ImportOptions(
        "pipes", fields={"编号": "pipe_id", "管径": "dn"}, constants={"network": "primary"}, dn_inches=True))
    dialog = ImportReportDialog(plan.report, w)
    dialog.show()
    assert dialog.skipped.rowCount() == 1 and dialog.skipped.item(0, 0).text() == "feature 2 (pipe_id N3)"
    snapshot(dialog, "edit_10_import_report")
    out = dialog.save(tmp_path / "report.csv")
    text = out.read_text(encoding="utf-8-sig")
    assert "feature 2 (pipe_id N3)" in text and text.startswith("source,feature,problem")


def test_import_csv_with_xy_columns_and_a_typed_crs(edit_window, tmp_path):
    from gisheat.ui.editing.importing import ImportDialog

    w = edit_window
    csv = tmp_path / "valves.csv"
    csv.write_text("id,东,北,closed\nVA,{:.3f},{:.3f},no\nVB,{:.3f},{:.3f},yes\n".format(
        *at(150, 0), *at(100, -50)), encoding="utf-8")
    dialog = ImportDialog(w.editing, csv)
    dialog.target_box.setCurrentIndex(dialog.target_box.findData("valves"))
    dialog._target_changed()
    assert not dialog.source.has_geometry  # no known x/y names: choose them
    dialog.x_box.setCurrentIndex(dialog.x_box.findData("东"))
    dialog.y_box.setCurrentIndex(dialog.y_box.findData("北"))
    dialog._reopen()
    assert dialog.source.has_geometry and dialog.source.crs is None
    assert "does not say its coordinate system" in dialog.crs_note.text()
    dialog.crs_edit.setText("EPSG:4547")
    dialog._crs_changed()
    assert dialog.options().fields == {"id": "valve_id"}
    # 'closed' says the opposite of normally_open: mapped inverted
    box = dialog.mapping.cellWidget(dialog.source.fields.index("closed"), 1)
    box.setCurrentIndex(box.findText("Normally open (normally_open), inverted: yes becomes no"))
    assert dialog.options().fields == {"id": "valve_id", "not:closed": "normally_open"}
    dialog.run_import()  # must not block: the report is not modal
    valves = w.session.network.valves
    assert list(valves["valve_id"]) == ["V1", "VA", "VB"] and coords(valves, 1) == [(150, 0)]
    assert [bool(v) for v in valves["normally_open"].iloc[1:]] == [True, False]
    report = w.editing.report_dialog
    assert report.isVisible() and not report.isModal() and not dialog.isVisible()
    assert "2 of 2 features imported into Valves." in w.statusBar().currentMessage()
    report.close()


def test_import_from_the_file_menu_shapefile_and_geopackage_layer(edit_window, tmp_path, qtbot):
    """File ▸ Import data… opens the dialog without blocking; a Shapefile, then one layer of a GeoPackage."""
    w = edit_window
    customers = gpd.GeoDataFrame({"CUST_NO": ["K1", "K2"], "HH": [12, 30], "TYPE": ["school", "residential"]},
                                 geometry=[shapely.Point(at(100, -100)), shapely.Point(at(250, 250))],
                                 crs=w.session.network.crs)
    customers.to_file(tmp_path / "customers.shp")
    both = tmp_path / "survey.gpkg"
    customers.to_file(both, layer="houses")
    gpd.GeoDataFrame({"NAME": ["Boiler 2"]}, geometry=[shapely.Point(at(100, -100))],
                     crs=w.session.network.crs).to_file(both, layer="plants")
    menu = w.menu("file")
    action = next(a for a in menu.actions() if a.text() == "Import data…")
    action.trigger()
    dialog = w.editing.import_dialog
    assert dialog.isVisible() and dialog.isModal() and not dialog.import_button.isEnabled()
    assert dialog.open_file(tmp_path / "customers.shp") and dialog.target == "customers"
    dialog.set_mapping("CUST_NO", "customer_id")
    dialog.set_mapping("HH", "households")
    dialog.set_mapping("TYPE", "category")
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    table = w.session.network.layer("customers")
    assert list(table["customer_id"]) == ["C1", "K1", "K2"] and list(table["households"]) == [40, 12, 30]
    assert list(table["category"].iloc[1:]) == ["school", "residential"]
    w.editing.report_dialog.close()

    w.editing.import_action.trigger()
    dialog = w.editing.import_dialog
    assert dialog.open_file(both, layer="plants")
    assert dialog.layer_box.isVisibleTo(dialog) and dialog.layer_box.currentText() == "plants"
    assert dialog.target == "sources"  # 'plant' in the layer name
    dialog.set_mapping("NAME", "name")
    dialog.import_button.click()
    sources = w.session.network.layer("sources")
    assert list(sources["name"]) == ["North CHP", "Boiler 2"] and len(sources) == 2
    assert w.session.undo_stack.count() == 2
    w.editing.report_dialog.close()


def test_import_refuses_a_mapping_that_cannot_work(edit_window, tmp_path):
    from gisheat.ui.editing.importing import NOT_IMPORTED, ImportDialog

    w = edit_window
    dialog = ImportDialog(w.editing, inch_pipes(tmp_path / "pipes.geojson", w.session.network.crs))
    dialog.set_mapping("管网", NOT_IMPORTED)
    # network is required: a value for all features is asked for, and it is a drop-down of the circuits
    assert list(dialog.constants) == ["network"]
    box = dialog.constants["network"]
    assert [box.itemText(i) for i in range(box.count())] == ["— choose —", "Primary", "Secondary"]
    # nothing is chosen for the user: Import waits for a value (a wrong default would import silently)
    assert not dialog.import_button.isEnabled()
    assert dialog.message.text() == "Map a source field to Network, or give one value for all features."
    box.setCurrentIndex(box.findData("secondary"))
    assert dialog.import_button.isEnabled() and dialog.options().constants == {"network": "secondary"}
    dialog.set_mapping("备注", "dn")  # two fields to one
    assert not dialog.import_button.isEnabled() and "both 管径 and 备注 are mapped to dn" in dialog.message.text()
    broken = tmp_path / "broken.geojson"
    broken.write_text("{not json", encoding="utf-8")
    assert not dialog.open_file(broken)
    assert "cannot be read" in dialog.message.text() and not dialog.import_button.isEnabled()


# --- export -------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".geojson", ".shp", ".csv", ".gpkg"])
def test_export_a_layer(edit_window, tmp_path, qtbot, suffix):
    from gisheat.ui.editing.exporting import ExportDialog

    w = edit_window
    dialog = ExportDialog(w, ("layer", "pipes"))
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(suffix))
    assert dialog.path_edit.text() == str(tmp_path / f"pipes{suffix}")
    if suffix == ".geojson":
        dialog.crs_box.setCurrentIndex(1)  # WGS 84 for a web map
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.run()
    out = tmp_path / f"pipes{suffix}"
    assert out.exists() and dialog.report.features == 4
    if suffix == ".csv":
        table = pd.read_csv(out, encoding="utf-8-sig")
        assert list(table["pipe_id"]) == ["P1", "P2", "P3", "S1"] and "wkt" in table.columns
    else:
        back = gpd.read_file(out)
        assert list(back["pipe_id"]) == ["P1", "P2", "P3", "S1"]
        if suffix == ".geojson":
            assert back.crs.to_epsg() == 4326 and 113 < back.geometry.iloc[0].coords[0][0] < 115
        if suffix == ".shp":
            assert "pressure_c" in back.columns and "pressure_class" in dialog.report.renamed
    assert "4 features written" in w.statusBar().currentMessage()


def test_export_selected_features_and_a_result(edit_window, tmp_path, qtbot):
    from gisheat.ui.editing.exporting import ExportDialog, exportable

    w = edit_window
    w.session.set_selection("pipes", [1, 2])
    w.session.publish_result(ResultSet("isolation", "pipes", pd.Series(["P2", "P3"]).to_numpy(),
                                       label="Isolated pipes", values=pd.Series([1.5, 2.5]).to_numpy()))
    keys = [k for _, k in exportable(w.session)]
    assert ("layer", "pipes") in keys and ("result", "isolation") in keys
    dialog = ExportDialog(w, ("layer", "pipes"))
    assert dialog.selected_only.isEnabled() and "2 selected" in dialog.selected_only.text()
    dialog.selected_only.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "two.gpkg"))
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.run()
    assert list(gpd.read_file(tmp_path / "two.gpkg")["pipe_id"]) == ["P2", "P3"]
    dialog = ExportDialog(w, ("result", "isolation"))
    dialog.path_edit.setText(str(tmp_path / "isolation.geojson"))
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".geojson"))
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.run()
    data = json.loads((tmp_path / "isolation.geojson").read_text())
    assert [f["properties"]["pipe_id"] for f in data["features"]] == ["P2", "P3"]
    assert [f["properties"]["isolation"] for f in data["features"]] == [1.5, 2.5]
    assert data["features"][0]["geometry"]["type"] == "LineString"


def test_export_from_the_layer_panel_and_the_file_menu(edit_window):
    from gisheat.ui.panels import LAYER_ROLE

    w = edit_window
    tree = w.layer_panel.tree
    QApplication.processEvents()
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).data(0, LAYER_ROLE) == "valves")
    menu = w.layer_panel.context_menu(item)
    export = next(a for a in menu.actions() if a.text() == "Export…")
    export.trigger()
    dialog = w.editing.export_dialog  # window-modal, but the event loop (and this test) goes on
    assert dialog.isVisible() and dialog.isModal() and dialog.key == ("layer", "valves")
    dialog.reject()
    file_menu = [a.text() for a in w.menu("file").actions()]
    assert "Import data…" in file_menu and "Export layer or result…" in file_menu
    assert file_menu.index("Export layer or result…") < file_menu.index("&Quit")
    w.editing.export_action.trigger()
    assert w.editing.export_dialog.isVisible() and w.editing.export_dialog.key == ("layer", "pipes")
    w.editing.export_dialog.reject()


def test_export_after_opening_in_the_background_does_not_crash(app, qtbot, tmp_path):
    """A file opened by File ▸ Open reads its CRS on a pool thread; exports on the pool afterwards must not
    crash (pyproj ≥ 3.7 keeps a PROJ context per thread state: see gisheat.ui.tasks.keep_thread_state)."""
    from editing_support import tee_network

    from gisheat.ui.editing.exporting import ExportDialog
    from gisheat.ui.main_window import MainWindow

    tee_network(tmp_path / "tee.gpkg")
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.runner.busy_changed, timeout=20_000, check_params_cb=lambda busy: not busy):
        w.open_file(tmp_path / "tee.gpkg")
    qtbot.waitUntil(lambda: w.session.network is not None)
    for k, (layer, suffix) in enumerate([("customers", ".shp"), ("pipes", ".geojson"), ("valves", ".gpkg"),
                                         ("pipes", ".shp"), ("pipes", ".geojson"), ("customers", ".csv")]):
        dialog = ExportDialog(w, ("layer", layer))
        dialog.format_box.setCurrentIndex(dialog.format_box.findData(suffix))
        dialog.path_edit.setText(str(tmp_path / f"out{k}{suffix}"))
        if suffix == ".geojson":
            dialog.crs_box.setCurrentIndex(1)  # reprojected to WGS 84 on the pool thread
        with qtbot.waitSignal(dialog.accepted, timeout=20_000):
            dialog.run()
        assert (tmp_path / f"out{k}{suffix}").exists()
    w.runner.wait(5000)
