"""The incident's outputs: the crew's work order (PDF), the call list (CSV for Excel), the result
layers (GeoPackage) — in English and in Chinese. Pages are rendered to screenshots/ to look at."""

from __future__ import annotations

import csv
from pathlib import Path

import pyogrio
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from gisheat.analysis import response
from gisheat.ui import app as appmod

PIPE, VALVE, TIE = "P0019", "VP0034", "VP0204"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def hide_bottom_docks(w) -> None:
    """A planner on an incident closes the attribute table (and whatever else sits at the bottom) to give
    the map and the Incident panel the height."""
    from PySide6.QtWidgets import QDockWidget

    for dock in w.findChildren(QDockWidget):
        if w.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea:
            dock.hide()


@pytest.fixture
def network(sample_path):
    from gisheat.io import gpkg

    return gpkg.load(sample_path)


def make_window(qtbot, network):
    from gisheat.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    w.set_network(network)
    hide_bottom_docks(w)
    QApplication.processEvents()
    return w


def run_incident(qtbot, w):
    """P0019 bursts, VP0034 will not close, tie valve VP0204 back-feeds; saved as an incident."""
    c = w.incident.controller
    for step in (lambda: c.isolate([PIPE]), lambda: c.set_valve_failed(VALVE), lambda: c.set_tie_open(TIE)):
        step()
        qtbot.waitUntil(lambda: not c.busy, timeout=15_000)
    QApplication.processEvents()
    c.save()
    return c


def pdf_text(path) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_work_order_call_list_and_layers(app, qtbot, network, tmp_path, snapshot):
    w = make_window(qtbot, network)
    c = run_incident(qtbot, w)
    view_before = w.canvas.view_rect()
    pdf = w.incident.export("pdf", tmp_path / "order.pdf")
    assert w.canvas.view_rect() == view_before  # the map snapshot puts the view back
    pages, text = pdf_text(pdf)
    assert pages >= 2 and pdf.read_bytes().startswith(b"%PDF")
    flat = " ".join(text.split())
    assert "Work order — pipe failure isolation" in flat and c.incident_id in flat
    for stop in c.run.report.valves:  # every valve to close, with its coordinates
        assert stop.valve_id in flat and f"{stop.x:.1f}" in flat
    steps = response.reopening_checklist(network, c.run.engine, c.run.report)
    assert [s.action for s in steps] == ["reopen"] * 4 + ["check_failed", "close_tie"]
    assert "After the repair: put every valve back" in flat and "Close again (tie valve)" in flat
    assert f"Would not close (do not rely on them): {VALVE}" in flat and TIE in flat
    assert "人民大街" in text  # Chinese street names print
    assert f"{c.run.report.hours_to_cold:.1f} h" in flat
    for k, image in enumerate(w.incident.preview_pages()):
        image.save(str(SCREENSHOTS / f"incident_10_work_order_page{k + 1}.png"))

    # the call list: UTF-8 with a byte-order mark, who to call first on top
    path = w.incident.export("csv", tmp_path / "calls.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == c.run.result.summary.customers == 79
    assert list(rows[0])[:7] == ["Customer id", "Name", "Address", "Contact phone", "Station", "Category", "Households"]
    assert rows[0]["Category"] == "Hospital" and rows[0]["Contact phone"]
    by_id = {r["Customer id"]: r for r in rows}
    report = c.run.report.customers.set_index("customer_id")
    some = report.index[10]
    assert by_id[some]["Address"] == report.loc[some, "address"]
    assert int(by_id[some]["Households"]) == report.loc[some, "households"]
    assert float(by_id[some]["Hours to 18 °C"]) == round(report.loc[some, "hours_to_cold"], 1)

    # the result layers, valves numbered in the crew's order
    gpkg_path = w.incident.export("gpkg", tmp_path / "result.gpkg")
    names = [n for n, _ in pyogrio.list_layers(gpkg_path)]
    assert {"valves_to_close", "isolated_pipes", "cut_off_pipes", "affected_customers"} <= set(names)
    valves = pyogrio.read_dataframe(gpkg_path, layer="valves_to_close")
    assert valves["valve_id"].tolist() == [s.valve_id for s in c.run.report.valves]
    assert valves["close_order"].tolist() == [1, 2, 3, 4]
    # nothing half-written is left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calls.csv", "order.pdf", "result.gpkg"]

    # the same results from File ▸ Export, in any format (here a GeoJSON of the valves in crew order)
    from gisheat.ui.editing.exporting import ExportDialog, exportable

    keys = [key for _text, key in exportable(w.session)]
    assert {("result", n) for n in ("incident_pipes", "incident_valves", "incident_customers")} <= set(keys)
    dialog = ExportDialog(w, ("result", "incident_valves"))
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".geojson"))
    dialog.path_edit.setText(str(tmp_path / "export" / "valves.geojson"))
    (tmp_path / "export").mkdir()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.run()
    exported = pyogrio.read_dataframe(tmp_path / "export" / "valves.geojson")
    assert exported["valve_id"].tolist() == [s.valve_id for s in c.run.report.valves]
    assert exported["close_order"].tolist() == [1, 2, 3, 4]
    w.runner.wait(5000)


def test_an_unwritable_folder_is_said_in_one_line(app, qtbot, network, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text)))
    w = make_window(qtbot, network)
    c = w.incident.controller
    c.isolate([PIPE])
    qtbot.waitUntil(lambda: not c.busy, timeout=15_000)
    for kind in ("pdf", "csv", "gpkg"):
        assert w.incident.export(kind, tmp_path / "missing" / f"out.{kind}") is None
    assert len(shown) == 3 and all("missing" in s and "\n" not in s for s in shown)
    w.runner.wait(5000)


def test_chinese_panel_work_order_and_call_list(app, qtbot, network, tmp_path, snapshot):
    assert appmod.install_translator(app, "zh_CN")
    try:
        w = make_window(qtbot, network)
        c = run_incident(qtbot, w)
        panel = w.incident.panel
        assert w.incident.dock.windowTitle() == "事故"
        # with VP0034 failed and VP0204 open the office building cools first (τ 30 h), homes after 4.1 h
        assert panel.deadline.text().startswith("2.1 小时后 幸福商务中心 (商业) 室温首先低于 18 °C · 住户 4.1 小时后")
        assert "联络阀 VP0204" in panel.change_banner.text() or "已打开联络阀" in panel.change_banner.text()
        assert panel.tabs.tabText(0) == "阀门 (4)"
        assert "与" in c.run.report.valves[0].location  # locations in Chinese: 人民大街与黄河路交口…
        snapshot(w, "incident_11_chinese")
        panel.tabs.setCurrentIndex(3)
        snapshot(panel, "incident_12_chinese_restore_tab")
        pdf = w.incident.export("pdf", tmp_path / "工单.pdf")
        _, text = pdf_text(pdf)
        flat = " ".join(text.split())
        assert "抢修工单" in flat and "按以下顺序关闭阀门" in flat and "修复后" in flat
        assert "人民大街" in flat  # searchable: the radicals look-alikes are mapped back to the ideographs
        assert all(s.valve_id in flat for s in c.run.report.valves)
        for k, image in enumerate(w.incident.preview_pages()):
            image.save(str(SCREENSHOTS / f"incident_13_work_order_zh_page{k + 1}.png"))
        path = w.incident.export("csv", tmp_path / "通知.csv")
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert list(rows[0])[:3] == ["用户编号", "名称", "地址"] and rows[0]["用户类别"] == "医院"
        w.runner.wait(5000)
    finally:
        appmod.install_translator(app, "en")
    assert QCoreApplication.translate("WorkOrder", "Valve") == "Valve"
