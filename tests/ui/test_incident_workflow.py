"""The incident workflow in the app, driven like a repair planner would: click the burst pipe, a valve
will not close, open a tie valve, save, reopen, edit the network, print the work order.

Every main state is rendered to screenshots/incident_*.png.

The sample's pipe P0019 (primary, 55 m) is closed off by one valve, VP0034; when VP0034 will not
close, four valves further out are needed and 126 more customers lose heat; tie valve VP0204 then
gives 72 of them heat back. The expected answers come from the IsolationEngine itself.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QDateTime, QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from gisheat.analysis.cooling import CoolingModel
from gisheat.analysis.isolation import IsolationEngine
from gisheat.core import incidents as log
from gisheat.core.edits import SetValues
from gisheat.ui.incident.overlay import OVERLAY_NAME
from gisheat.ui.incident.panel import NEW_ROW

PIPE, VALVE, TIE = "P0019", "VP0034", "VP0204"


def hide_bottom_docks(w) -> None:
    """A planner on an incident closes the attribute table (and whatever else sits at the bottom) to give
    the map and the Incident panel the height."""
    from PySide6.QtWidgets import QDockWidget

    for dock in w.findChildren(QDockWidget):
        if w.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea:
            dock.hide()


@pytest.fixture
def network(sample_path):
    """A fresh copy of the sample (these tests edit it)."""
    from gisheat.io import gpkg

    return gpkg.load(sample_path)


@pytest.fixture
def win(app, qtbot, network):
    from gisheat.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1600, 1000)  # a 1080p screen less the task bar
    w.show()
    qtbot.waitExposed(w)
    w.set_network(network)
    hide_bottom_docks(w)
    QApplication.processEvents()
    yield w
    w.runner.cancel_all()
    w.runner.wait(5000)


@pytest.fixture
def engine(network):
    return IsolationEngine(network)


def settle(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.busy, timeout=15_000)
    QApplication.processEvents()


def click_pipe(win, qtbot, network, pipe_id: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Zoom to the pipe and click its middle with the isolation tool, as a user would."""
    geom = network.pipes.set_index("pipe_id").geometry[pipe_id]
    mid = shapely.line_interpolate_point(geom, 0.5, normalized=True)
    canvas = win.canvas
    canvas.zoom_to((mid.x - 40, mid.y - 40, mid.x + 40, mid.y + 40), margin=0)
    QApplication.processEvents()
    if canvas.tool is not win.incident.tool:
        win.incident.tool_action.trigger()
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, modifier,
                     canvas.map_to_screen(mid.x, mid.y).toPoint() + QPoint(0, 2))


def valve_rows(panel) -> list[tuple[str, str]]:
    t = panel.valves_table
    return [(t.item(r, 0).text(), t.item(r, 1).text()) for r in range(t.rowCount())]


def button(panel, name: str) -> QPushButton:
    found = panel.findChild(QPushButton, name)
    assert found is not None, name
    return found


def isolate(win, qtbot, network, pipe_id: str = PIPE):
    click_pipe(win, qtbot, network, pipe_id)
    settle(qtbot, win.incident.controller)
    return win.incident.controller


def test_click_a_pipe_shows_the_valves_to_close(win, qtbot, network, engine, snapshot):
    ws = win.incident
    assert not ws.dock.isVisible()  # out of the way until needed
    c = isolate(win, qtbot, network)
    expected = engine.isolate([PIPE])
    assert c.run.result.valves_to_close == expected.valves_to_close == [VALVE]
    assert c.run.result.to_json() == expected.to_json()
    panel = ws.panel
    assert ws.dock.isVisible() and panel.pipes_edit.text() == PIPE
    assert valve_rows(panel) == [("1", VALVE)]
    assert panel.tabs.tabText(0) == "Valves (1)" and panel.tabs.tabText(1) == f"Customers ({expected.summary.customers})"
    assert panel.summary_labels["customers"].text() == str(expected.summary.customers)
    # the heat went off before the call came in: the planner corrects the time, the deadline follows
    off = dt.datetime(2027, 1, 15, 3, 0)
    panel.heat_off.setDateTime(QDateTime(off))
    assert c.reported == off
    by = off + dt.timedelta(hours=c.run.report.hours_to_cold)
    assert f"(by {by:%H:%M}, heat off since 03:00)" in panel.deadline.text()
    # the deadline names who sets it when that is not a home: the hospital (τ 50 h) before the homes (60 h)
    assert c.run.report.first_cold == {"customer_id": "C0306", "name": "市第一人民医院", "category": "hospital"}
    assert panel.deadline.text().startswith("First below 18 °C in 3.4 h: 市第一人民医院 (Hospital) · homes in 4.1 h")
    # the map: overlay with legend, rest dimmed, numbered valve
    overlay = win.canvas.overlays[OVERLAY_NAME]
    legend = {e.label: e.count for e in overlay.legend}
    assert legend["Valves to close (in order)"] == 1 and legend["Isolated (drained)"] >= 1
    assert legend["Customers without heat"] + legend.get("Priority customers", 0) == expected.summary.customers
    assert win.canvas._dim_item is not None
    assert win.layer_panel.tree.topLevelItem(0).text(0) == "Incident"
    snapshot(win, "incident_01_pipe_clicked")

    # Shift+click adds a pipe, Ctrl+click takes it away again
    click_pipe(win, qtbot, network, "P0018", Qt.KeyboardModifier.ShiftModifier)
    settle(qtbot, c)
    assert c.query.pipes == (PIPE, "P0018")
    assert c.run.result.valves_to_close == engine.isolate([PIPE, "P0018"]).valves_to_close
    assert "Failed pipes changed" in panel.change_banner.text()
    click_pipe(win, qtbot, network, "P0018", Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, c)
    assert c.query.pipes == (PIPE,) and c.run.result.valves_to_close == [VALVE]


def test_a_valve_that_will_not_close(win, qtbot, network, engine, snapshot):
    c = isolate(win, qtbot, network)
    panel = win.incident.panel
    before = c.run.result
    engine_before = c.run.engine
    qtbot.mouseClick(button(panel, f"valve-button-{VALVE}"), Qt.MouseButton.LeftButton)
    settle(qtbot, c)
    expected = engine.isolate([PIPE], failed_valves=[VALVE])
    after = c.run.result
    assert c.run.engine is engine_before  # the engine is kept between runs
    assert after.to_json() == expected.to_json()
    assert len(after.valves_to_close) == 4 > len(before.valves_to_close)
    assert after.summary.customers == 151 and before.summary.customers == 25
    # the list grows; new valves are yellow; the failed one stays, red, with a way back
    rows = valve_rows(panel)
    assert [v for _, v in rows[:4]] == [s.valve_id for s in c.run.report.valves]
    assert rows[4] == ("✕", VALVE)
    assert all(panel.valves_table.item(r, 1).background().color() == NEW_ROW for r in range(4))
    assert button(panel, f"valve-button-{VALVE}").text() == "Closed after all"
    text = panel.change_banner.text()
    assert text.startswith(f"{VALVE} fails to close") and "+4 valves to close" in text
    assert "+126 customers without heat (151 in all)" in text and "no longer needed" not in text
    assert "(+126)" in panel.summary_labels["customers"].text()
    # the customers who lost heat because of it are marked
    new = set(c.change.added_customers)
    assert len(new) == 126
    panel.customer_kind.setCurrentIndex(panel.customer_kind.findData("new"))
    assert panel.customer_model.rowCount() == 126
    legend = {e.label: e.count for e in win.canvas.overlays[OVERLAY_NAME].legend}
    assert legend["Fails to close"] == 1 and legend["Newly without heat"] == 126 and legend["New since the last run"] == 4
    panel.customer_kind.setCurrentIndex(0)
    snapshot(win, "incident_02_valve_fails")
    # it closed after all: back to the first answer
    qtbot.mouseClick(button(panel, f"valve-button-{VALVE}"), Qt.MouseButton.LeftButton)
    settle(qtbot, c)
    assert c.run.result.to_json() == before.to_json() and valve_rows(panel) == [("1", VALVE)]


def test_apply_a_restoration(win, qtbot, network, engine, snapshot):
    c = isolate(win, qtbot, network)
    c.set_valve_failed(VALVE)
    settle(qtbot, c)
    panel = win.incident.panel
    panel.tabs.setCurrentIndex(3)
    table = panel.restore_table
    offered = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert {v: t.split(" · ")[0] for v, t in offered.items()} == {
        r.open_valve: f"{r.restores_customers} customers" for r in c.run.result.restoration}
    assert offered[TIE].startswith("72 customers · ")
    # which customers come back, before applying: exactly those the applied run no longer lists
    expected = engine.isolate([PIPE], failed_valves=[VALVE], open_valves=[TIE])
    before = {a.customer_id for a in c.run.result.affected_customers}
    back = before - {a.customer_id for a in expected.affected_customers}
    detail = c.run.restored[TIE]
    assert set(detail.customers) == back and len(back) == 72
    categories = dict(zip(network.customers["customer_id"].astype(str), network.customers["category"].astype(str),
                          strict=True))
    assert [p[0] for p in detail.priority] == sorted(
        (b for b in back if categories[b] in ("hospital", "nursing_home", "school")),
        key=lambda b: (("hospital", "nursing_home", "school").index(categories[b]), b))
    assert f"{detail.households:,}".replace(",", " ") + " households" in offered[TIE]
    snapshot(win, "incident_03a_restoration_offered")
    qtbot.mouseClick(button(panel, f"restore-button-{TIE}"), Qt.MouseButton.LeftButton)
    settle(qtbot, c)
    assert c.run.result.to_json() == expected.to_json() and c.run.result.opened_valves == [TIE]
    assert c.run.result.summary.customers == 151 - 72
    assert "Tie valve VP0204 opened: 72 customers get heat back (79 still without)" in panel.change_banner.text()
    assert table.item(0, 0).text() == TIE and table.item(0, 2).text() == "opened"
    assert button(panel, f"restore-button-{TIE}").text() == "Undo"
    assert f"Tie valves opened for back-feeding: {TIE}" in panel.boundary_note.text()
    legend = {e.label: e.count for e in win.canvas.overlays[OVERLAY_NAME].legend}
    assert legend["Tie valves opened"] == 1
    snapshot(win, "incident_03_restoration_applied")


def test_customers_priority_first_sortable_filterable_and_zoom(win, qtbot, network, snapshot):
    c = isolate(win, qtbot, network)
    c.set_valve_failed(VALVE)
    settle(qtbot, c)
    panel = win.incident.panel
    panel.tabs.setCurrentIndex(1)
    model = panel.customer_model
    column = {model.headerData(k, Qt.Orientation.Horizontal): k for k in range(model.columnCount())}

    def cells(name):
        return [model.index(r, column[name]).data() for r in range(model.rowCount())]

    assert model.rowCount() == 151
    first = cells("Category")[:3]
    assert first[0] == "Hospital" and set(first[1:]) <= {"Hospital", "Nursing home", "School"}
    report = c.run.report.customers
    assert cells("Customer") == report["customer_id"].tolist()  # the report's priority order
    # priority filter: hospitals, nursing homes, schools; and a filter of buildings with vulnerable households
    panel.customer_kind.setCurrentIndex(panel.customer_kind.findData("priority"))
    wanted = report[report["category"].isin(["hospital", "nursing_home", "school"])]
    assert model.rowCount() == len(wanted) > 0 and set(cells("Customer")) == set(wanted["customer_id"])
    panel.customer_kind.setCurrentIndex(panel.customer_kind.findData("vulnerable"))
    wanted = report[report["vulnerable_households"] > 0]
    assert model.rowCount() == len(wanted) > 0 and set(cells("Customer")) == set(wanted["customer_id"])
    panel.customer_kind.setCurrentIndex(panel.customer_kind.findData("category:school"))
    assert set(cells("Category")) == {"School"}
    panel.customer_kind.setCurrentIndex(0)
    # text filter and sorting by hours to 18 °C
    name = report["name"].iloc[5]
    panel.customer_filter.setText(name)
    assert name in cells("Name") and model.rowCount() < 151
    panel.customer_filter.clear()
    panel.customers_view.sortByColumn(column["To 18 °C"], Qt.SortOrder.AscendingOrder)
    hours = [float(h.split()[0]) for h in cells("To 18 °C")]
    assert hours == sorted(hours) and hours[0] == pytest.approx(c.run.report.hours_to_cold, abs=0.05)
    # selecting a row zooms to the customer and highlights it
    panel.customers_view.selectRow(0)
    QApplication.processEvents()
    chosen = model.index(0, column["Customer"]).data()
    point = network.customers.set_index("customer_id").geometry[chosen]
    view = win.canvas.view_rect()
    assert view.contains(point.x, point.y) and view.width() < 2000 and 3000 < win.canvas.scale() < 6000
    assert win.canvas._highlights.get("incident-row")
    snapshot(win, "incident_04_customers")
    # a valve row zooms to the valve
    panel.tabs.setCurrentIndex(0)
    panel.valves_table.selectRow(0)
    QApplication.processEvents()
    stop = c.run.report.valves[0]
    assert win.canvas.view_rect().contains(stop.x, stop.y)


def test_time_to_cold_follows_the_weather_and_building_constants(win, qtbot, network, monkeypatch, snapshot):
    from PySide6.QtCore import QSettings

    from gisheat.ui.incident.cooling import CoolingDialog

    c = isolate(win, qtbot, network)
    panel = win.incident.panel
    assert panel.outdoor.value() == -10.0
    panel.outdoor.setValue(-20.0)
    settle(qtbot, c)
    model = CoolingModel()
    table = c.run.report.customers
    assert c.run.query.outdoor_temp_c == -20.0
    assert table["hours_to_cold"].tolist() == pytest.approx(
        model.hours_to_threshold(t_out=-20.0, category=table["category"].to_numpy()).tolist())
    deadline = c.run.report.hours_to_cold
    assert f"in {deadline:.1f} h" in panel.deadline.text() and "at -20 °C outdoors" in panel.deadline.text()
    # heavier housing: τ 90 h for residential, set in the dialog
    shown = []

    def exec_(dialog):
        shown.append(dialog)
        dialog.spins["residential"].setValue(90.0)
        snapshot(dialog, "incident_05_cooling_dialog")
        return 1

    monkeypatch.setattr(CoolingDialog, "exec", exec_)
    panel.tau_button.click()
    settle(qtbot, c)
    hours = shown[0].table.item(list(shown[0].spins).index("residential"), 2).text()
    assert hours == f"{90 * math.log(40 / 38):.1f} h"
    flats = c.run.report.customers.query("category == 'residential'")["hours_to_cold"]
    assert flats.to_numpy() == pytest.approx(90 * math.log(40 / 38))
    assert float(QSettings().value("incident/tau_h/residential")) == 90.0  # remembered
    panel.outdoor.setValue(20.0)
    settle(qtbot, c)
    assert "no home falls below 18 °C" in panel.deadline.text()


def test_save_reopen_status_and_undo(win, qtbot, network, tmp_path, snapshot):
    c = isolate(win, qtbot, network)
    c.set_valve_failed(VALVE)
    settle(qtbot, c)
    c.set_tie_open(TIE)
    settle(qtbot, c)
    panel = win.incident.panel
    panel.title_edit.setText("Burst under 人民大街")
    panel.title_edit.textEdited.emit("Burst under 人民大街")
    steps = win.session.undo_stack.count()
    panel.save_button.click()
    assert win.session.undo_stack.count() == steps + 1
    saved = log.incidents(network)
    assert len(saved) == 1
    inc = saved[0]
    assert inc.failed_pipes == [PIPE] and inc.failed_valves == [VALVE] and inc.opened_valves == [TIE]
    assert inc.title == "Burst under 人民大街" and inc.customers == 79 and inc.outdoor_temp_c == -10.0
    assert sorted(log.incident_valves(network, inc.incident_id).query("role == 'close'")["valve_id"]) == \
        c.run.result.valves_to_close
    assert panel.log_table.rowCount() == 1 and panel.log_table.item(0, 0).text() == inc.incident_id
    assert "saved" in panel.identity.text() and panel.tabs.tabText(4) == "Log (1)"
    # it goes with the file
    from gisheat.io import gpkg

    path = tmp_path / "with_incident.gpkg"
    gpkg.save(network, path)
    assert log.get(gpkg.load(path), inc.incident_id).opened_valves == [TIE]
    # undo removes it, redo brings it back
    win.session.undo_stack.undo()
    assert log.incidents(network) == [] and panel.log_table.rowCount() == 0
    assert panel.identity.text() == "New incident, not saved yet" and c.incident_id is None
    win.session.undo_stack.redo()
    assert panel.log_table.rowCount() == 1
    assert c.incident_id == inc.incident_id and c.is_saved and "saved" in panel.identity.text()
    # status: active, then reopen the incident from the log after clearing the map
    panel.tabs.setCurrentIndex(4)
    panel.log_table.selectRow(0)
    panel.status_buttons["active"].click()
    assert log.get(network, inc.incident_id).status == "active" and log.get(network, inc.incident_id).started
    assert panel.log_table.item(0, 1).text() == "Active"
    snapshot(win, "incident_06_log")
    c.clear()
    assert c.run is None and OVERLAY_NAME not in win.canvas.overlays
    saved_tau = dict(c.tau_h)
    c.tau_h = {**c.tau_h, "hospital": 10.0}  # meanwhile the planner tried other time constants
    panel.log_table.selectRow(0)
    panel.open_button.click()
    settle(qtbot, c)
    assert dict(c.run.query.tau_h) == saved_tau == c.tau_h  # reopened with those it was saved with
    assert c.incident_id == inc.incident_id and c.run.query.failed_valves == (VALVE,)
    assert c.run.query.opened_valves == (TIE,) and c.run.result.summary.customers == 79
    assert c.is_saved and c.status == "active" and panel.title_edit.text() == "Burst under 人民大街"
    assert OVERLAY_NAME in win.canvas.overlays
    assert panel.change_banner.text() == ""  # same valves as saved
    # the same incident is not in conflict with itself
    assert c.conflicts == [] and not panel.conflict_banner.isVisible()


def test_conflict_with_an_active_incident(win, qtbot, network, engine, snapshot):
    c = isolate(win, qtbot, network)
    incident_id = c.save()
    c.set_status(incident_id, "active")
    panel = win.incident.panel
    # a second burst whose isolation needs the same valve VP0034
    other = "P0092"
    assert VALVE in engine.isolate([other]).valves_to_close
    c.isolate([other])
    settle(qtbot, c)
    assert c.incident_id is None and c.conflicts == [incident_id]
    text = panel.conflict_banner.text()
    assert f"Active incident {incident_id} also uses {VALVE}" in text
    snapshot(win, "incident_07_conflict")
    # resolved incidents do not conflict
    c.set_status(incident_id, "resolved")
    assert c.conflicts == [] and panel.conflict_banner.text() == ""


def test_network_edits_make_results_stale(win, qtbot, network, snapshot):
    c = isolate(win, qtbot, network)
    incident_id = c.save()
    panel = win.incident.panel
    old_engine = c.run.engine
    assert panel.stale_banner.text() == "" and panel.log_table.item(0, 2).text() == "current"
    # the field survey finds VP0034 seized: an edit of the valves layer
    row = int(np.flatnonzero(network.valves["valve_id"].to_numpy() == VALVE)[0])
    win.session.apply_edit(SetValues("valves", (row,), "operable", (False,)), "VP0034 seized")
    assert c.stale
    assert "edited after this analysis" in panel.stale_banner.text()
    assert panel.stale_banner.button.text() == "Re-run" and not panel.save_button.isEnabled()
    # the map says the isolation shown is out of date, and so do the published results
    overlay = win.canvas.overlays[OVERLAY_NAME]
    assert overlay.title == "Incident — out of date, re-run" and all(i.opacity() < 0.5 for i in overlay.items)
    assert all(win.session.results[name].stale for name in ("incident_pipes", "incident_valves", "incident_customers"))
    # no work order, call list or result layers from an analysis the network has outgrown
    assert not any(b.isEnabled() for b in (panel.pdf_button, panel.csv_button, panel.gpkg_button))
    assert win.incident.export("pdf", win.incident.default_path("pdf")) is None
    assert "re-run it before exporting" in win.statusBar().currentMessage()
    assert log.is_stale(network, log.get(network, incident_id))
    # the network's new fingerprint is computed in the background, then the log says it
    qtbot.waitUntil(lambda: panel.log_table.item(0, 2).text() == "stale — re-run", timeout=10_000)
    snapshot(win, "incident_08_stale")
    panel.stale_banner.button.click()
    settle(qtbot, c)
    assert not c.stale and c.run.engine is not old_engine
    assert all(b.isEnabled() for b in (panel.pdf_button, panel.csv_button, panel.gpkg_button))
    assert not win.session.results["incident_pipes"].stale
    assert win.canvas.overlays[OVERLAY_NAME].title == "Incident"
    assert c.run.result.valves_to_close == IsolationEngine(network).isolate([PIPE]).valves_to_close != [VALVE]
    assert "Re-run on the edited network" in panel.change_banner.text()
    # the logged incident is reopened: marked stale, compared with what was saved, offered to save anew
    c.clear()
    c.reopen(incident_id)
    settle(qtbot, c)
    assert c.reopened.stale and "Stale:" in panel.stale_banner.text()
    assert "Compared with the saved analysis" in panel.change_banner.text()
    assert not c.is_saved
    snapshot(win, "incident_09_reopened_stale")
    panel.stale_banner.button.click()  # save the new analysis
    assert not log.is_stale(network, log.get(network, incident_id))
    assert panel.log_table.item(0, 2).text() == "current" and panel.stale_banner.text() == ""


def test_a_pipe_that_cannot_be_isolated_says_why(win, qtbot, network):
    c = win.incident.controller
    panel = win.incident.panel
    win.incident.show_panel()
    panel.pipes_edit.setText("NOPE")
    qtbot.keyClick(panel.pipes_edit, Qt.Key.Key_Return)
    settle(qtbot, c)
    assert c.run is None and panel.error_banner.text() == "No pipe NOPE in the network."
    panel.pipes_edit.setText("P0079-OLD")  # abandoned
    qtbot.keyClick(panel.pipes_edit, Qt.Key.Key_Return)
    settle(qtbot, c)
    assert panel.error_banner.text() == "Pipe P0079-OLD is abandoned, not in service: it takes no part in analysis."
    # typed ids run like clicks
    panel.pipes_edit.setText(f"{PIPE}，P0018")
    qtbot.keyClick(panel.pipes_edit, Qt.Key.Key_Return)
    settle(qtbot, c)
    assert c.query.pipes == (PIPE, "P0018") and panel.error_banner.text() == ""
    # pick from search: the selected pipe
    win.jump_to("pipes", int(np.flatnonzero(network.pipes["pipe_id"].to_numpy() == "P0018")[0]))
    panel.selection_button.click()
    settle(qtbot, c)
    assert c.query.pipes == ("P0018",)
    incident_id = c.save()
    # a failed new query leaves the incident shown as it was
    panel.pipes_edit.setText("NOPE")
    qtbot.keyClick(panel.pipes_edit, Qt.Key.Key_Return)
    settle(qtbot, c)
    assert c.query.pipes == ("P0018",) and c.incident_id == incident_id and c.is_saved
    assert panel.pipes_edit.text() == "NOPE" and panel.error_banner.text() == "No pipe NOPE in the network."


def test_whole_circuit_is_said_plainly(app, qtbot, snapshot):
    from gisheat.sample.handmade import customer, make_network, pipe, source
    from gisheat.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.set_network(make_network([pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)])],
                               sources=[source("S", (0, 0))], customers=[customer("c", (200, 0), households=10)]))
    c = w.incident.controller
    c.isolate(["b"])
    settle(qtbot, c)
    assert "the whole circuit must be shut down" in w.incident.panel.whole_banner.text()
    assert w.incident.panel.valves_table.rowCount() == 0
    w.runner.wait(5000)


def test_edits_never_hash_the_network_on_the_gui_thread(win, qtbot, network, monkeypatch):
    """Hashing a million-pipe network takes seconds: after an edit it happens in a worker, and only when
    the log has incidents whose staleness must be shown."""
    import threading

    from gisheat.core import incidents as core_log

    threads = []
    real = core_log.network_fingerprint
    monkeypatch.setattr(core_log, "network_fingerprint", lambda n: threads.append(threading.current_thread()) or real(n))
    c = win.incident.controller
    row = int(np.flatnonzero(network.valves["valve_id"].to_numpy() == VALVE)[0])
    win.session.apply_edit(SetValues("valves", (row,), "operable", (False,)), "seized")
    QApplication.processEvents()
    assert threads == []  # an empty log: nothing to compare with
    c.isolate([PIPE])
    settle(qtbot, c)
    c.save()
    win.session.apply_edit(SetValues("valves", (row,), "operable", (True,)), "repaired")
    qtbot.waitUntil(lambda: win.incident.panel.log_table.item(0, 2).text() == "stale — re-run", timeout=10_000)
    assert threads and threading.main_thread() not in threads
