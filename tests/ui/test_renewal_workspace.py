"""The Renewal workspace on the sample, through the real widgets (pytest-qt, offscreen).

One planner run per test that needs it (3 years, a few million yuan: ~2 s);
PNGs of every state go to screenshots/renewal_*.png.
"""

from __future__ import annotations

import csv
import datetime as dt

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDoubleSpinBox, QMessageBox

from gisheat.analysis.renewal import PlanSettings, UnitCosts, evaluate_holdout, ledger, plan_renewal
from gisheat.analysis.renewal.costs import DEFAULT_UNIT_COSTS
from gisheat.ui.table import VALUE_ROLE

FIRST_YEAR = 2027
BUDGETS = (4_000_000.0, 6_000_000.0, 4_000_000.0)


@pytest.fixture
def own_window(app, qtbot, sample_path):
    """The main window on a fresh copy of the sample (these tests write the ledger and renew pipes)."""
    from gisheat.io import gpkg
    from gisheat.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.set_network(gpkg.load(sample_path))
    QApplication.processEvents()
    w.canvas.zoom_full()
    yield w
    w.runner.cancel_all()
    w.runner.wait(10000)


def action(menu, text):
    for a in menu.actions():
        if a.text().replace("&", "") == text:
            return a
        if a.menu() is not None:
            try:
                return action(a.menu(), text)
            except KeyError:
                pass
    raise KeyError(text)


def open_workspace(window, qtbot):
    action(window.menu("analysis"), "Renewal workspace…").trigger()
    ws = window.renewal
    qtbot.waitUntil(ws.isVisible)
    return ws


def type_into(qtbot, box, text):
    """Select what a spin box shows and type over it, then Enter (as a user would)."""
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)


def type_in_cell(qtbot, table, row, column, text):
    """Select a cell, F2 (as in Excel), type over the value, Enter."""
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editors = [e for e in table.viewport().findChildren(QDoubleSpinBox) if e.isVisible()]
    assert len(editors) == 1, "F2 opened no editor"
    editor = editors[0]
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor.lineEdit(), text)
    qtbot.keyClick(editor.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)  # the delegate commits queued
    assert table.number(row, column) == float(text)


def set_parameters(qtbot, ws):
    p = ws.parameters
    type_into(qtbot, p.start_year, str(FIRST_YEAR))
    type_into(qtbot, p.years, "3")
    type_into(qtbot, p.budget, "4000000")
    qtbot.mouseClick(p.per_year, Qt.MouseButton.LeftButton, pos=QPoint(6, p.per_year.height() // 2))
    assert p.per_year.isChecked() and not p.budget.isEnabled()
    type_in_cell(qtbot, p.year_table, 1, 1, "6000000")
    # the DN 200 row of the unit-cost table: ¥3,200/m → ¥3,500/m
    row = next(r for r in range(p.cost_table.rowCount()) if p.cost_table.number(r, 0) == 200)
    type_in_cell(qtbot, p.cost_table, row, 1, "3500")


def expected_settings():
    rows = tuple((dn, 3500.0 if dn == 200 else price) for dn, price in DEFAULT_UNIT_COSTS)
    return PlanSettings(start_year=FIRST_YEAR, budgets=BUDGETS, unit_costs=UnitCosts(rows))


def run_and_wait(qtbot, ws):
    qtbot.mouseClick(ws.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ws.run is not None, timeout=120_000)
    QApplication.processEvents()


def show_plan_area(window):
    """For the picture: the old town, where the sample's plans go, and the overlay's legend in view."""
    window.canvas.zoom_to((541_000, 4_208_700, 545_200, 4_211_900))
    QApplication.processEvents()
    window.layer_panel.tree.scrollToTop()


def table_frame(ws) -> pd.DataFrame:
    """What the plan table shows, in the order shown: one column per header, raw values."""
    model, proxy = ws.model, ws.proxy
    rows = [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]
    return pd.DataFrame({c.key: [model.raw(r, c.key) for r in rows] for c in model.columns})


def test_plan_through_the_widgets(own_window, qtbot, snapshot, tmp_path, monkeypatch):
    window = own_window
    network = window.session.network
    ws = open_workspace(window, qtbot)
    set_parameters(qtbot, ws)
    settings = ws.parameters.settings()
    assert settings.start_year == FIRST_YEAR and settings.budgets == BUDGETS and settings.capacity_km is None
    assert settings.unit_costs == expected_settings().unit_costs
    snapshot(window, "renewal_en_01_parameters")

    run_and_wait(qtbot, ws)
    assert ws.tabs.currentWidget() is ws.plan_tab
    assert ws.plan_box.currentText().startswith("Last run, not saved (2027–2029)")
    snapshot(window, "renewal_en_02_plan_projects")

    # the table shows exactly what the core plans for the same inputs, every year within its budget
    expected = plan_renewal(network, expected_settings())
    ws.pipes_radio.click()
    shown = table_frame(ws)
    mine = expected.items.sort_values(["year", "project_id", "pipe_id"]).reset_index(drop=True)
    got = shown.sort_values(["year", "project_id", "pipe_id"]).reset_index(drop=True)
    assert got["pipe_id"].tolist() == mine["pipe_id"].tolist()
    assert got["year"].astype(int).tolist() == mine["year"].astype(int).tolist()
    np.testing.assert_allclose(got["cost"].astype(float), mine["cost"].astype(float))
    np.testing.assert_allclose(got["risk_removed"].astype(float), mine["risk_removed"].astype(float))
    per_year = got.groupby("year")["cost"].sum()
    for year, budget in zip(range(FIRST_YEAR, FIRST_YEAR + 3), BUDGETS, strict=True):
        assert per_year.get(year, 0.0) <= budget
    assert len(got) and set(got["year"]) <= {2027, 2028, 2029}
    assert "Risk removed over the plan years" in ws.summary.text()
    snapshot(window, "renewal_en_03_plan_pipes")
    ws.projects_radio.click()
    projects = table_frame(ws)
    assert sorted(projects["project_id"]) == sorted(expected.projects["project_id"])
    np.testing.assert_allclose(projects["cost"].sum(), expected.items["cost"].sum())

    # the map shows the plan by year right away
    theme = window.session.themes[("pipes", "renewal_year")]
    assert theme.values.dropna().to_dict() == dict(zip(mine["pipe_id"], mine["year"].astype(float), strict=True))
    overlay = window.canvas.overlays["renewal-plan"]
    assert [e.label for e in overlay.legend] == [str(y) for y in sorted(set(mine["year"]))]
    show_plan_area(window)
    snapshot(window, "renewal_en_04_map_by_year")

    # charts and risk
    ws.tabs.setCurrentWidget(ws.charts)
    QApplication.processEvents()
    assert ws.charts.built
    snapshot(window, "renewal_en_05_charts")
    ws.tabs.setCurrentWidget(ws.risk_view)
    cells = [ws.risk_view.grid.item(i, j).text() for i in range(5) for j in range(5)]
    assert sum(int(c.split()[0].replace(",", "")) for c in cells if c != "—") == len(ws.run.risk.table)
    snapshot(window, "renewal_en_06_risk_matrix")
    ws.risk_view.grid.cellClicked.emit(4, 0)  # likelihood 1, consequence 1: selects those pipes on the map
    assert len(window.session.selection("pipes")) == int(ws.run.risk.matrix("count").iloc[4, 0])
    # every pipe ranked by risk, the national programme's flag beside the rank
    ranking = ws.ranking_view
    ws.tabs.setCurrentWidget(ranking)
    risk_table = ws.run.risk.table
    model = ranking.view.model()
    assert model.rowCount() == len(risk_table)
    shown_risk = [float(model.index(r, 2).data(VALUE_ROLE)) for r in range(model.rowCount())]
    assert shown_risk == sorted(shown_risk, reverse=True) and model.index(0, 0).data() == "1"
    top = risk_table.sort_values("rank").index[0]
    assert model.index(0, 1).data() == top
    ranking.covered_only.setChecked(True)
    assert model.rowCount() == int(risk_table["policy_covered"].sum()) > 0
    assert all(model.index(r, 8).data() for r in range(model.rowCount()))
    ranking.covered_only.setChecked(False)
    ranking.view.selectRow(0)
    assert window.session.selection("pipes").tolist() == window.session.rows_of("pipes", [top]).tolist()
    snapshot(window, "renewal_en_06b_risk_ranking")

    # save: one undo step, the plan is in the ledger as 'proposed'
    qtbot.mouseClick(ws.save_button, Qt.MouseButton.LeftButton)
    plan_id = ws.current_plan_id()
    assert plan_id == "PLAN-2027-01"
    items = ledger.plan_items(network, plan_id)
    assert len(items) == len(mine) and set(items["status"].astype(str)) == {"proposed"}
    assert not ws.save_button.isEnabled() and window.isWindowModified()

    # status of the first project, by its drop-down cell
    ws.tabs.setCurrentWidget(ws.plan_tab)
    first = table_frame(ws)["project_id"].iloc[0]
    status_column = ws.model.column_of("status")
    index = ws.proxy.index(0, status_column)
    ws.table.scrollTo(index)
    rect = ws.table.visualRect(index)
    qtbot.mouseClick(ws.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(ws.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = ws.table.findChild(QComboBox)
    assert editor is not None and editor.currentData() == "proposed"
    editor.setCurrentIndex(editor.findData("approved"))
    editor.activated.emit(editor.currentIndex())
    QApplication.processEvents()
    qtbot.waitUntil(lambda: "Approved" in ws.summary.text())
    items = ledger.plan_items(network, plan_id)
    mask = items["project_id"].astype(str) == first
    assert set(items.loc[mask, "status"].astype(str)) == {"approved"}
    assert set(items.loc[~mask, "status"].astype(str)) == {"proposed"}
    assert table_frame(ws).set_index("project_id").loc[first, "status"] == "approved"
    window.session.undo_stack.undo()
    qtbot.waitUntil(lambda: table_frame(ws).set_index("project_id").loc[first, "status"] == "proposed")
    window.session.undo_stack.redo()
    qtbot.waitUntil(lambda: table_frame(ws).set_index("project_id").loc[first, "status"] == "approved")
    snapshot(window, "renewal_en_07_plan_saved_status")

    # completing asks the actual cost and date; the pipes are renewed, the old ones kept in the history
    row = table_frame(ws).index[table_frame(ws)["project_id"] == first][0]
    ws.table.selectRow(row)
    ws.set_status_of_selection("completed")
    dialog = ws.complete_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.date.setDate(QDate(2027, 9, 30))
    dialog.cost.lineEdit().selectAll()
    qtbot.keyClicks(dialog.cost.lineEdit(), "1234567")
    snapshot(dialog, "renewal_en_08_complete_dialog")
    qtbot.keyClick(dialog.cost.lineEdit(), Qt.Key.Key_Return)  # Enter = OK
    assert not dialog.isVisible()
    QApplication.processEvents()
    items = ledger.plan_items(network, plan_id)
    mask = items["project_id"].astype(str) == first
    done = items[mask]
    assert set(done["status"].astype(str)) == {"completed"}
    assert done["actual_cost"].astype(float).sum() == pytest.approx(1_234_567)
    assert {pd.Timestamp(d).date() for d in done["completion_date"]} == {dt.date(2027, 9, 30)}
    pipes = network.pipes.set_index(network.pipes["pipe_id"].astype(str))
    renewed = done["pipe_id"].astype(str).tolist()
    assert set(pipes.loc[renewed, "install_year"].astype(int)) == {2027}
    history = network.layer("pipe_history")
    assert sorted(history["pipe_id"].astype(str)) == sorted(renewed)
    # the table still shows the replaced pipes' install years, not the renewal year
    assert table_frame(ws).set_index("project_id").loc[first, "oldest"] < 2027

    # progress per year
    ws.tabs.setCurrentWidget(ws.progress_view)
    progress = ws.progress_view.frame
    year_of_first = int(done["year"].iloc[0])
    line = progress.set_index("year").loc[year_of_first]
    assert line["done_km"] == pytest.approx(done["length_m"].astype(float).sum() / 1000)
    assert line["done_actual_cost"] == pytest.approx(1_234_567)
    snapshot(window, "renewal_en_09_progress")

    # status theme and year theme of the saved plan
    ws.status_action.trigger()
    theme = window.session.themes[("pipes", "renewal_status")]
    codes = theme.values.dropna()
    assert set(codes[renewed]) == {4.0}  # completed
    assert set(codes.drop(renewed)) <= {0.0}  # the rest still proposed
    window.session.clear_selection()
    show_plan_area(window)
    snapshot(window, "renewal_en_10_map_by_status")

    # export: CSV (pipes) and XLSX (every table), read back
    csv_path = tmp_path / "plan.csv"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        staticmethod(lambda *a, **k: (str(csv_path), "CSV, one row per pipe (*.csv)")))
    qtbot.mouseClick(ws.export_button, Qt.MouseButton.LeftButton)
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(mine)
    assert sorted(r["Pipe"] for r in rows) == sorted(mine["pipe_id"])
    by_pipe = {r["Pipe"]: r for r in rows}
    assert {by_pipe[p]["Status"] for p in renewed} == {"Completed"}
    assert sum(float(r["Cost estimate (¥)"]) for r in rows) == pytest.approx(mine["cost"].sum())
    # numbers as a spreadsheet user wants them: whole yuan, whole DN and years, no float noise
    assert all(r["DN"].isdigit() and r["Laid in"].isdigit() and r["Risk removed (¥)"].isdigit() for r in rows)
    xlsx_path = tmp_path / "plan.xlsx"
    ws.export(xlsx_path)
    book = load_workbook(xlsx_path)
    assert book.sheetnames == ["Pipes", "Projects", "Per year", "Progress", "Risk ranking", "Settings"]
    assert book["Risk ranking"].max_row - 1 == len(risk_table)
    assert book["Risk ranking"]["B2"].value == top
    sheet = book["Per year"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Year", "Budget (¥)", "Planned cost (¥)", "Length (km)"]
    years = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert [r[0] for r in years] == [2027, 2028, 2029] and [r[1] for r in years] == list(BUDGETS)
    assert all(r[2] <= r[1] for r in years)
    assert book["Projects"].max_row - 1 == len(expected.projects)
    assert book["Pipes"]["A1"].value == "Pipe" and book["Pipes"].freeze_panes == "A2"


def test_consequence_assumptions_reach_the_plan_and_the_risk(own_window, qtbot, snapshot):
    """The utility's own consequence figures, typed in the form, drive the plan exactly as in the core."""
    window = own_window
    network = window.session.network
    ws = open_workspace(window, qtbot)
    set_parameters(qtbot, ws)
    p = ws.parameters
    type_into(qtbot, p.degree_hour_price, "10")
    type_into(qtbot, p.critical_weight, "500")
    type_into(qtbot, p.vulnerable_weight, "1")
    assumptions = p.consequence_parameters()
    assert (assumptions.yuan_per_household_degree_hour, assumptions.critical_weight,
            assumptions.vulnerable_weight) == (10.0, 500.0, 1.0)
    snapshot(window, "renewal_en_01b_consequence_parameters")
    run_and_wait(qtbot, ws)
    expected = plan_renewal(network, expected_settings(), consequence_parameters=assumptions)
    default = plan_renewal(network, expected_settings())
    assert ws.run.plan.risk_before == pytest.approx(expected.risk_before)
    assert expected.risk_before[0] > 2 * default.risk_before[0]  # ¥10 instead of ¥2 per household-degree-hour
    assert sorted(ws.run.plan.items["pipe_id"]) == sorted(expected.items["pipe_id"])
    assert ws.run.risk.total > 0 and "consequence" in ws.run.risk.table.columns
    # remembered for the next session
    p.remember()
    p.degree_hour_price.setValue(2.0)
    p.restore()
    assert p.degree_hour_price.value() == 10.0


def test_a_cancelled_run_changes_nothing(own_window, qtbot):
    window = own_window
    ws = open_workspace(window, qtbot)
    ws.parameters.years.setValue(2)
    qtbot.mouseClick(ws.run_button, Qt.MouseButton.LeftButton)
    assert not ws.run_button.isEnabled() and window.cancel_button.isVisible()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ws.task.is_done, timeout=60_000)
    QApplication.processEvents()
    assert ws.run is None and ws.run_button.isEnabled()
    assert ws.stage_label.text() == "Cancelled."
    assert not ledger.plans(window.session.network).shape[0]


def test_wrong_parameters_are_explained(own_window, qtbot, monkeypatch):
    window = own_window
    ws = open_workspace(window, qtbot)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: said.append(a[2])))
    p = ws.parameters
    p.add_road_work("No Such Street", FIRST_YEAR)
    qtbot.mouseClick(ws.run_button, Qt.MouseButton.LeftButton)
    assert said[-1] == "Road works, row 1: 'No Such Street' is neither a street nor a district of the network"
    assert ws.tabs.currentWidget() is p and ws.task is None
    p.road_table.removeRow(0)
    p.add_road_work("老城片区", FIRST_YEAR)  # a district: an area
    p.add_road_work("人民大街", FIRST_YEAR + 1)  # a street
    works = p.road_works()
    assert works[0].area is not None and works[1].street == "人民大街" and works[1].year == FIRST_YEAR + 1
    p.cost_table.set_cell(1, 0, "50")  # two rows for DN 50
    qtbot.mouseClick(ws.run_button, Qt.MouseButton.LeftButton)
    assert said[-1] == "Unit costs: each DN limit may appear only once"
    p.set_unit_costs(UnitCosts())
    p.must.edit.setText("P0001, P0002")
    p.must_not.edit.setText("P0002")
    qtbot.mouseClick(ws.run_button, Qt.MouseButton.LeftButton)
    assert said[-1] == "Pipe P0002 is listed as both 'must' and 'must not' be renewed"
    # ids come from the map selection too
    window.session.select_ids("pipes", ["P0005", "P0007"])
    qtbot.mouseClick(p.must_not.add_button, Qt.MouseButton.LeftButton)
    assert p.must_not.ids() == ["P0002", "P0005", "P0007"] and p.must_not.count.text() == "3 pipes"


def test_pasting_budgets_from_a_spreadsheet(own_window, qtbot):
    ws = open_workspace(own_window, qtbot)
    p = ws.parameters
    p.years.setValue(3)
    p.per_year.setChecked(True)
    p.year_table.setCurrentCell(0, 1)
    p.year_table.paste("5,000,000\t2.5\n6000000\t3\n¥7,000,000\t0\n")
    with pytest.raises(Exception, match="give every year a capacity, or none at all"):
        p.budgets()  # 2.5 and 3 km, then 0 (no limit) for the last year
    p.year_table.set_cell(2, 2, "4")
    budgets, capacity = p.budgets()
    assert budgets == (5e6, 6e6, 7e6) and capacity == (2.5, 3.0, 4.0)
    delegate = p.year_table.itemDelegateForColumn(1)
    assert delegate.displayText(p.year_table.item(0, 1).data(Qt.ItemDataRole.EditRole), None) == "5,000,000"


def test_holdout_report_shows_the_three_scores(own_window, qtbot, snapshot):
    window = own_window
    ws = open_workspace(window, qtbot)
    ws.tabs.setCurrentWidget(ws.holdout_view)
    view = ws.holdout_view
    type_into(qtbot, view.years, "3")
    qtbot.mouseClick(view.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.report is not None, timeout=60_000)
    report = evaluate_holdout(window.session.network, 3)
    shown = {view.table.item(r, 0).text(): (view.table.item(r, 1).text(), view.table.item(r, 2).text())
             for r in range(3)}
    assert set(shown) == {"Failure model (gisheat)", "Oldest first", "Most past breaks per km first"}
    for name, key in (("Failure model (gisheat)", "model"), ("Oldest first", "oldest_first"),
                      ("Most past breaks per km first", "most_past_breaks_first")):
        capture = report.scores[key].top10_capture
        caught = round(capture * report.holdout_breaks)
        assert shown[name][0] == f"{100 * capture:.1f} % ({caught} of {report.holdout_breaks} breaks)"
    assert shown["Failure model (gisheat)"][1] == f"{report.scores['model'].deviance:,.1f}"
    assert shown["Oldest first"][1] == "—"
    assert "tested on the 78 breaks of 2023–2025" in view.head.text()
    assert "catches more of the test years' breaks than both rules" in view.verdict.text()
    snapshot(window, "renewal_en_11_failure_model")


def test_too_few_breaks_says_the_model_uses_defaults(app, qtbot):
    from gisheat.analysis.renewal import evaluate_holdout
    from gisheat.sample.handmade import make_network, pipe
    from gisheat.ui.renewal.risk_view import HoldoutView

    net = make_network(
        [pipe("a", [(0, 0), (400, 0)], dn=300, install_year=1975, laying="trench"),
         pipe("b", [(400, 0), (800, 0)], dn=300, install_year=1985)],
        breaks=pd.DataFrame({"pipe_id": ["a", "a", "b"],
                             "date": [dt.date(2019, 1, 3), dt.date(2022, 2, 1), dt.date(2024, 12, 1)]}))
    view = HoldoutView()
    qtbot.addWidget(view)
    view.show_report(evaluate_holdout(net, 2))
    assert "Too few break records to fit the model" in view.head.text()


def test_a_short_break_history_plans_and_says_why_the_model_is_untested(app, qtbot):
    """Breaks in two calendar years only: the plan is made, the model test explains itself."""
    from gisheat.sample.handmade import make_network, pipe
    from gisheat.ui.main_window import MainWindow

    net = make_network(
        [pipe("a", [(0, 0), (400, 0)], dn=300, install_year=1975, laying="trench"),
         pipe("b", [(400, 0), (800, 0)], dn=300, install_year=1985),
         pipe("c", [(800, 0), (1200, 0)], dn=200, install_year=2015)],
        breaks=pd.DataFrame({"pipe_id": ["a", "a", "b"],
                             "date": [dt.date(2023, 1, 3), dt.date(2024, 2, 1), dt.date(2024, 12, 1)]}))
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.set_network(net)
    ws = open_workspace(w, qtbot)
    ws.parameters.start_year.setValue(FIRST_YEAR)
    ws.parameters.years.setValue(2)
    ws.parameters.budget.setValue(2_000_000)
    run_and_wait(qtbot, ws)
    assert ws.run.holdout is None and len(ws.run.plan.items)
    assert ws.holdout_view.head.text().startswith("The failure model could not be tested: the break history has "
                                                  "breaks in 2 calendar years")
    assert all(c <= b for c, b in zip(ws.view.per_year["cost"], ws.view.per_year["budget"], strict=True))
    w.runner.wait(10000)


def test_network_themes_from_the_analysis_menu(own_window, qtbot, snapshot):
    from gisheat.analysis import topology as topo
    from gisheat.analysis.criticality import criticality
    from gisheat.analysis.segments import segment_graph, segment_numbers

    window = own_window
    network = window.session.network
    menu = window.menu("analysis")
    action(menu, "Customers cut off if the pipe fails").trigger()
    qtbot.waitUntil(lambda: ("pipes", "criticality_customers") in window.session.themes, timeout=60_000)
    expected = criticality(network)
    for name, column in (("criticality_customers", "customers"), ("criticality_households", "households"),
                         ("criticality_heat_load", "heat_load_kw")):
        values = window.session.themes[("pipes", name)].values
        pd.testing.assert_series_equal(values.sort_index(), expected[column].astype(float).sort_index(),
                                       check_names=False, check_index_type=False)
    layer = window.canvas.layers["pipes"]
    assert layer.theme_name == "criticality_customers"
    labels = [e.label for e in layer.classified.legend]
    assert labels[0] == "0" and labels[-2].endswith("or more") and labels[-1] == "not in service / not analysed"
    counts = {e.label: e.count for e in layer.classified.legend}
    assert counts["0"] == int((expected["customers"] == 0).sum())
    window.layer_panel.tree.scrollToBottom()
    snapshot(window, "renewal_en_12_map_criticality")

    action(menu, "Valve segment").trigger()
    qtbot.waitUntil(lambda: ("pipes", "valve_segments") in window.session.themes, timeout=60_000)
    theme = window.session.themes[("pipes", "valve_segments")]
    topology = topo.build(network)
    graph = segment_graph(topology)
    number = segment_numbers(graph)
    # a pipe's value is the number of one of its segments (its longest piece's)
    pieces = pd.DataFrame({"pipe": topology.pipe_id[topology.piece_pipe], "segment": number[graph.piece_segment]})
    allowed = pieces.groupby("pipe")["segment"].agg(set)
    assert all(int(theme.values[p]) in allowed[p] for p in allowed.index)
    # neighbouring segments (across a valve) never share a colour
    colours = theme.extra["colours"]
    a, b = number[graph.valve_a], number[graph.valve_b]
    differ = [colours[str(x)] != colours[str(y)] for x, y in zip(a, b, strict=True) if x != y]
    assert differ and all(differ)
    assert len(window.canvas.layers["pipes"].classified.legend) <= 11  # one legend line per colour
    window.canvas.zoom_to((541_500, 4_208_600, 543_500, 4_210_400))
    snapshot(window, "renewal_en_13_map_segments")
    # an edit of the pipes keeps the theme on the map, joined by id (the new pipe has no value yet)
    from gisheat.core.edits import SetValues

    before = {e.label: e.count for e in window.canvas.layers["pipes"].classified.legend}
    window.session.apply_edit(SetValues("pipes", (0,), "dn", (999,)), "DN of the first pipe")
    layer = window.canvas.layers["pipes"]
    assert layer.theme_name == "valve_segments"
    assert {e.label: e.count for e in layer.classified.legend} == before
    window.session.undo_stack.undo()

    action(menu, "Renewal risk level").trigger()
    qtbot.waitUntil(lambda: ("pipes", "renewal_risk_level") in window.session.themes, timeout=60_000)
    level = window.session.themes[("pipes", "renewal_risk_level")].values
    assert set(level.dropna().unique()) <= {0.0, 1.0, 2.0, 3.0}
    assert ("pipes", "renewal_risk") in window.session.themes
    window.canvas.zoom_full()
    snapshot(window, "renewal_en_14_map_risk_level")


def test_coded_theme_classes_share_a_legend_line():
    from gisheat.ui.map import style as st

    values = np.array([3.0, 1.0, 2.0, np.nan, 3.0, 7.0])
    style = st.LayerStyle(st.CATEGORIZED, field="theme:x", colours={"1": "#111111", "2": "#222222", "3": "#111111",
                                                                     "7": "#777777"},
                          labels={"1": "odd", "3": "odd", "2": "even", "": "nothing"})
    out = st.classify(style, pd.DataFrame({"a": range(6)}), numeric=values)
    assert [(e.label, e.symbol.color, e.count) for e in out.legend] == [
        ("odd", "#111111", 3), ("even", "#222222", 1), ("7", "#777777", 1), ("nothing", "#bdbdbd", 1)]
    assert out.classes.tolist() == [0, 0, 1, 3, 0, 2]


@pytest.mark.parametrize("seed", range(5))
def test_segment_colouring_separates_neighbours(seed):
    from gisheat.ui.renewal.jobs import colour_segments

    rng = np.random.default_rng(seed)
    n = 300
    source = rng.integers(0, n, 700)
    target = rng.integers(0, n, 700)
    degree = np.bincount(np.concatenate([source[source != target], target[source != target]]), minlength=n)
    colour = colour_segments(n, source, target, int(degree.max()) + 1)
    keep = source != target
    assert (colour[source[keep]] != colour[target[keep]]).all()
    assert colour.max() <= degree.max()


def test_chinese_workspace(app, qtbot, sample_path, snapshot):
    """The whole workspace in Chinese: run, save, every tab rendered."""
    from gisheat.io import gpkg
    from gisheat.ui import app as appmod
    from gisheat.ui.main_window import MainWindow

    assert appmod.install_translator(app, "zh_CN")
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.set_network(gpkg.load(sample_path))
    QApplication.processEvents()
    action(w.menu("analysis"), "更新改造工作区…").trigger()
    ws = w.renewal
    ws.parameters.start_year.setValue(FIRST_YEAR)
    ws.parameters.years.setValue(3)
    ws.parameters.budget.setValue(5_000_000)
    ws.parameters.add_road_work("老城片区", FIRST_YEAR + 1)
    snapshot(w, "renewal_zh_01_parameters")
    run_and_wait(qtbot, ws)
    assert ws.plan_box.currentText() == "最近一次规划，未保存（2027–2029）"
    assert ws.tabs.tabText(0) == "参数" and ws.run_button.text() == "运行规划"
    snapshot(w, "renewal_zh_02_plan")
    qtbot.mouseClick(ws.save_button, Qt.MouseButton.LeftButton)
    ws.table.selectRow(0)
    ws.set_status_of_selection("in_construction")
    QApplication.processEvents()
    snapshot(w, "renewal_zh_03_plan_saved")
    for k, tab in enumerate((ws.charts, ws.risk_view, ws.holdout_view, ws.progress_view)):
        ws.tabs.setCurrentWidget(tab)
        snapshot(w, f"renewal_zh_{k + 4:02d}_{type(tab).__name__}")
    ws.table.selectRow(1)
    ws.tabs.setCurrentWidget(ws.plan_tab)
    ws.set_status_of_selection("completed")
    snapshot(ws.complete_dialog, "renewal_zh_08_complete_dialog")
    ws.complete_dialog.reject()
    ws.status_action.trigger()
    w.session.clear_selection()
    show_plan_area(w)
    snapshot(w, "renewal_zh_09_map_by_status")
    action(w.menu("analysis"), "阀门分段").trigger()
    qtbot.waitUntil(lambda: ("pipes", "valve_segments") in w.session.themes, timeout=60_000)
    legend = [e.label for e in w.canvas.layers["pipes"].classified.legend]
    assert legend[0] == "分段颜色 1" and legend[-1] == "未在役 / 未分析"
    w.canvas.zoom_to((541_500, 4_208_600, 543_500, 4_210_400))
    QApplication.processEvents()
    w.layer_panel.tree.scrollToBottom()
    snapshot(w, "renewal_zh_10_map_segments")
    w.runner.cancel_all()
    w.runner.wait(10000)
    w.close()
    appmod.install_translator(app, "en")
