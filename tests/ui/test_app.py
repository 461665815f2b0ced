"""App start-up, languages, errors, the task runner, the undo wrapper and the basemap (offline)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from gisheat.ui import app as appmod
from gisheat.ui import translations


@pytest.fixture
def captured_boxes(monkeypatch):
    """Message boxes are recorded instead of shown (they would block the test)."""
    boxes = []

    def record(kind):
        def show(parent, title, text, *args, **kwargs):
            boxes.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return show

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(("exec", self.windowTitle(), self.text())) or 0)
    return boxes


def test_translation_switch_to_chinese_and_back(app, qtbot, captured_boxes, snapshot, sample_network):
    from gisheat.ui.main_window import MainWindow

    assert appmod.current_language() == "en"
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.menuBar().actions()[0].text() == "&File"
    zh = next(a for a in w.language_group.actions() if a.data() == "zh_CN")
    zh.trigger()
    assert captured_boxes[-1][0] == "information"
    assert QSettings().value("ui/language") == "zh_CN"
    # "applied on restart": reload the translator as start-up does, then build the window again
    assert appmod.install_translator(app)
    assert QCoreApplication.translate("layers", "Pipes") == "管线"
    w2 = MainWindow()
    qtbot.addWidget(w2)
    w2.resize(1400, 900)
    w2.show()
    w2.set_network(sample_network)
    QApplication.processEvents()
    assert w2.menuBar().actions()[0].text() == "文件(&F)"
    assert w2.layers_dock.windowTitle() == "图层"
    assert w2.table.model.headerData(1, Qt.Orientation.Horizontal) == "管网"
    assert w2.table.model.index(0, 1).data() == "一次网"
    legend = [e.label for e in w2.canvas.layers["pipes"].classified.legend]
    assert legend == ["一次网", "二次网"]
    w2.canvas.zoom_to((537_900, 4_205_900, 539_300, 4_206_900), margin=0)
    snapshot(w2, "12_chinese_ui")
    appmod.set_language_setting("en")
    assert not appmod.install_translator(app)
    assert QCoreApplication.translate("layers", "Pipes") == "Pipes"


@pytest.mark.parametrize("area", translations.areas())
def test_every_source_string_has_a_chinese_translation(area):
    import xml.etree.ElementTree as ET

    ts = translations.ts_file(area, "zh_CN")
    root = ET.parse(ts).getroot()
    untranslated = [m.findtext("source") for m in root.iter("message")
                    if not (m.findtext("translation") or "").strip()
                    or m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")]
    assert untranslated == []
    # the compiled .qm says the same as the .ts (run `make translations` after editing it)
    from PySide6.QtCore import QTranslator

    qm = QTranslator()
    assert qm.load(str(ts.with_suffix(".qm")))
    stale = [(c.findtext("name"), m.findtext("source")) for c in root.iter("context") for m in c.iter("message")
             if qm.translate(c.findtext("name"), m.findtext("source")) != m.findtext("translation")]
    assert stale == []


def test_file_that_cannot_be_opened_gives_a_message_box(app, qtbot, tmp_path, captured_boxes):
    from gisheat.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    missing = tmp_path / "nope.gpkg"
    with qtbot.waitSignal(w.runner.busy_changed, timeout=10000, check_params_cb=lambda busy: not busy):
        w.open_file(missing)
    kind, title, text = captured_boxes[-1]
    assert kind == "critical" and title == "Cannot open network file"
    assert str(missing) in text and "no such file" in text and "\n" not in text
    garbage = tmp_path / "garbage.gpkg"
    garbage.write_text("this is not a geopackage")
    with qtbot.waitSignal(w.runner.busy_changed, timeout=10000, check_params_cb=lambda busy: not busy):
        w.open_file(garbage)
    kind, title, text = captured_boxes[-1]
    assert str(garbage) in text and "not a GeoPackage" in text
    assert w.session.network is None


def test_unexpected_exceptions_show_a_box_not_a_traceback(app, captured_boxes, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    appmod.install_excepthook()
    try:
        raise ValueError("boom in a slot")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert captured_boxes[-1][0] == "exec"
    assert captured_boxes[-1][1] == "Unexpected error" and "boom in a slot" in captured_boxes[-1][2]


def test_file_to_open_prefers_argument_then_last_file_then_sample(tmp_path):
    assert appmod.file_to_open(["gisheat", "x.gpkg"]) == Path("x.gpkg")
    assert appmod.file_to_open(["gisheat"]) == appmod.SAMPLE
    last = tmp_path / "last.gpkg"
    last.write_bytes(b"")
    QSettings().setValue("files/last", str(last))
    assert appmod.file_to_open(["gisheat"]) == last
    last.unlink()
    assert appmod.file_to_open(["gisheat"]) == appmod.SAMPLE


def test_main_runs_with_and_without_a_file(app, monkeypatch, sample_path):
    opened = []
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
    from gisheat.ui import main_window

    monkeypatch.setattr(main_window.MainWindow, "open_file", lambda self, p: opened.append(Path(p)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert appmod.main(["gisheat", str(sample_path)]) == 0
    assert appmod.main(["gisheat"]) == 0
    assert opened == [sample_path, appmod.SAMPLE]
    for w in QApplication.topLevelWidgets():
        w.close()


def test_window_layout_and_recent_files_persist(app, qtbot, sample_path):
    from gisheat.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.table_dock.hide()
    w.remember_file(sample_path)
    w.close()
    w2 = MainWindow()
    qtbot.addWidget(w2)
    w2.show()
    assert w2.table_dock.isHidden()
    assert w2.recent_files() == [str(sample_path.resolve())]
    w2._fill_recent()
    assert [a.text() for a in w2.recent_menu.actions()] == [str(sample_path.resolve())]


def test_task_runner_delivers_on_the_gui_thread_and_cancels(app, qtbot):
    from gisheat.errors import Cancelled
    from gisheat.ui.tasks import TaskRunner

    runner = TaskRunner()
    seen = {}
    gate = threading.Event()

    def job(progress, is_cancelled):
        seen["worker"] = threading.current_thread()
        progress(0.5)
        return 42

    def done(result):
        seen["result"] = result
        seen["gui"] = threading.current_thread()

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda b: not b, timeout=5000):
        runner.start(job, on_done=done)
    assert seen["result"] == 42
    assert seen["gui"] is threading.main_thread() and seen["worker"] is not threading.main_thread()

    def slow(progress, is_cancelled):
        gate.wait(5)
        if is_cancelled():
            raise Cancelled()
        return "finished"

    called = []
    task = runner.start(slow, on_done=called.append, on_error=called.append)
    task.cancel()
    gate.set()
    qtbot.waitUntil(lambda: task.is_done, timeout=5000)
    assert called == [] and isinstance(task.error, Cancelled)

    errors = []
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda b: not b, timeout=5000):
        runner.start(lambda p, c: 1 / 0, on_error=errors.append)
    assert isinstance(errors[0], ZeroDivisionError)


def test_edit_command_applies_and_undoes_a_core_edit(app):
    from gisheat.sample.handmade import make_network, pipe
    from gisheat.ui.session import Session

    class SetDn:
        """A core edit: applies itself and returns its inverse."""

        layers = ("pipes",)

        def __init__(self, row, dn):
            self.row, self.dn = row, dn

        def apply(self, network):
            frame = network.pipes
            old = int(frame["dn"].iloc[self.row])
            frame.loc[frame.index[self.row], "dn"] = self.dn
            network.mark_changed("pipes")
            return SetDn(self.row, old)

    network = make_network(pipes=[pipe("P1", [(0, 0), (10, 0)], dn=100)])
    session = Session()
    session.set_network(network)
    topo_before = session.topology()
    changed = []
    session.layer_changed.connect(changed.append)
    session.apply_edit(SetDn(0, 250), "Change DN")
    assert int(network.pipes["dn"].iloc[0]) == 250 and changed == ["pipes"]
    assert session.topology() is not topo_before  # rebuilt after the edit
    assert session.undo_stack.undoText() == "Change DN"
    session.undo_stack.undo()
    assert int(network.pipes["dn"].iloc[0]) == 100 and changed == ["pipes", "pipes"]
    session.undo_stack.redo()
    assert int(network.pipes["dn"].iloc[0]) == 250


def test_selection_by_id_and_results(app):
    from gisheat.sample.handmade import make_network, pipe
    from gisheat.ui.session import ResultSet, Session

    network = make_network(pipes=[pipe("A", [(0, 0), (1, 0)]), pipe("B", [(1, 0), (2, 0)])])
    session = Session()
    session.set_network(network)
    events = []
    session.selection_changed.connect(events.append)
    assert session.select_ids("pipes", ["B", "nope"]).tolist() == [1]
    assert session.ids_of("pipes", session.selection("pipes")) == ["B"]
    session.set_selection("pipes", [1])  # unchanged: no signal
    assert events == ["pipes"]
    session.publish_result(ResultSet("isolation", "pipes", np.array(["A"])))
    assert "isolation" in session.results
    session.clear_result("isolation")
    assert session.results == {}


def fake_png() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor("#cde3c8"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data)


def test_basemap_is_off_by_default_and_uses_the_injected_fetcher(window, qtbot, snapshot, tmp_path):
    assert window.canvas.basemap is None and window.basemap_key() == ""
    window.tile_cache_dir = tmp_path / "tiles"
    urls = []
    png = fake_png()

    def fetch(url):
        urls.append(url)
        return png

    window.set_basemap("osm", fetcher=fetch)
    basemap = window.canvas.basemap
    qtbot.waitUntil(lambda: len(basemap.items) > 0 and not basemap.pending, timeout=10000)
    assert urls and all(u.startswith("https://tile.openstreetmap.org/") for u in urls)
    # tiles cover the view and were cached on disk
    assert len(basemap.items) == len(urls)
    cached = list(basemap.cache_dir.rglob("*.png"))
    assert len(cached) == len(urls)
    snapshot(window, "13_basemap_fake_tiles")
    # a second basemap on the same cache fetches nothing
    urls.clear()
    window.set_basemap("osm", fetcher=fetch)
    assert urls == [] and len(window.canvas.basemap.items) > 0
    window.set_basemap("")
    assert window.canvas.basemap is None


def test_tile_math():
    from gisheat.ui.map.basemap import tile_corner, tiles_for

    z, tiles = tiles_for(116.30, 39.90, 116.31, 39.91, 2.0, 18)
    assert 15 <= z <= 17 and tiles
    lon, lat = tile_corner(0, 0, 0)
    assert lon == -180 and lat == pytest.approx(85.0511, abs=1e-3)


@pytest.mark.parametrize("area", translations.areas())
def test_the_chinese_ts_covers_every_string_in_the_ui_code(tmp_path, area):
    """Re-extract each area's strings with pyside6-lupdate: nothing in its code may be missing from its .ts."""
    import shutil
    import subprocess
    import xml.etree.ElementTree as ET

    lupdate = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
    if not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, *map(str, translations.sources(area)), "-ts", str(fresh)], check=True, capture_output=True)

    def strings(path):
        root = ET.parse(path).getroot()
        return {(c.findtext("name"), m.findtext("source")) for c in root.iter("context") for m in c.iter("message")}

    missing = strings(fresh) - strings(translations.ts_file(area, "zh_CN"))
    assert not missing, f"run `make translations` and translate: {sorted(missing)[:10]}"


def test_what_loading_changed_is_shown_without_blocking(app, qtbot, tmp_path):
    """A layer in another CRS opens reprojected, and the user is told so in a box that does not block."""
    from gisheat.io import gpkg
    from gisheat.sample.handmade import make_network, pipe, valve
    from gisheat.ui.main_window import MainWindow

    net = make_network([pipe("a", [(500_000, 4_400_000), (500_100, 4_400_000)])],
                       valves=[valve("v", (500_050, 4_400_000))])
    net.layers["valves"] = net.layers["valves"].to_crs(32650)
    path = tmp_path / "utm.gpkg"
    gpkg.save(net, path)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.runner.busy_changed, timeout=10000, check_params_cb=lambda busy: not busy):
        w.open_file(path)
    qtbot.waitUntil(lambda: w.session.network is not None and w.session.network.path == path)
    box = w.load_notes_box
    assert box.isVisible() and not box.isModal() and box.windowTitle() == "Opened with warnings"
    assert "valves: layer in EPSG:32650, not EPSG:4547; reprojected" in box.informativeText()
    assert "reprojected" in w.statusBar().currentMessage()
    box.close()


def test_open_errors_are_said_in_chinese(app, qtbot, tmp_path, captured_boxes):
    from gisheat.ui.main_window import MainWindow

    assert appmod.install_translator(app, "zh_CN")
    try:
        w = MainWindow()
        qtbot.addWidget(w)
        garbage = tmp_path / "garbage.gpkg"
        garbage.write_text("this is not a geopackage")
        with qtbot.waitSignal(w.runner.busy_changed, timeout=10000, check_params_cb=lambda busy: not busy):
            w.open_file(garbage)
        kind, title, text = captured_boxes[-1]
        assert text == f"{garbage}: 不是 GeoPackage（该文件不是 SQLite 数据库）"
    finally:
        appmod.install_translator(app, "en")


def test_every_schema_layer_and_field_label_is_translatable():
    """Labels read through labels.layer_label / field_label must be marked for translation, or the
    Chinese UI shows English for them (the incident log, the renewal ledger)."""
    from gisheat.core import schema
    from gisheat.ui import labels

    fields = {f.label for layer in schema.LAYERS.values() for f in layer.fields if f.label}
    assert sorted(fields - set(labels.FIELD_NAMES)) == []
    assert sorted(n for n, layer in schema.LAYERS.items() if layer.label and n not in labels.LAYER_NAMES) == []
