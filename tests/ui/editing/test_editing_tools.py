"""Editing on the map with real mouse events: edit mode, draw, move, place a valve, delete, add points, undo."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from editing_support import (
    X0,
    Y0,
    approx,
    at,
    click,
    coords,
    double_click,
    drag,
    hover,
    key,
    local,
    press_and_move,
    release,
    row_of,
    tee_network,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gisheat.ui.session import ResultSet


def pipes_of(w):
    return w.session.network.pipes


def test_edit_mode_is_clearly_off_until_switched_on(app, qtbot, tmp_path, snapshot):
    from editing_support import open_window

    w = open_window(qtbot, tee_network(tmp_path / "tee.gpkg"))
    ws = w.editing
    assert not ws.editing and not ws.toggle_action.isChecked()
    assert not any(a.isEnabled() for a in ws.tool_actions.values())
    assert not ws.badge.isVisible()
    assert not w.table.model.flags(w.table.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    # the tools live in the edit toolbar and the Edit menu, not in the main toolbar
    assert ws.tool_actions[ws.draw_pipe_tool] not in w.map_toolbar.actions()
    assert ws.tool_actions[ws.draw_pipe_tool] in w.menu("edit").actions()
    assert ws.toggle_action in ws.toolbar.actions()
    snapshot(w, "edit_00_mode_off")

    qtbot.keyClick(w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Ctrl+E
    assert ws.editing and ws.badge.isVisible() and ws.badge.text() == "Editing"
    assert all(a.isEnabled() for a in ws.tool_actions.values())
    assert w.table.model.flags(w.table.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    ws.tool_actions[ws.draw_pipe_tool].trigger()
    assert w.canvas.tool is ws.draw_pipe_tool
    assert "double-click or Enter finishes" in ws.hint_label.text()
    # a message covers the hint (never both drawn over each other); the hint returns when it is gone
    w.statusBar().showMessage("Pipe P9 added.")
    assert not ws.hint_label.isVisible()
    ws.tool_actions[ws.move_tool].trigger()  # switching tools while the message shows
    assert not ws.hint_label.isVisible() and "Move:" in ws.hint_label.text()
    w.statusBar().clearMessage()
    assert ws.hint_label.isVisible()
    ws.tool_actions[ws.draw_pipe_tool].trigger()
    assert ws._option_actions["pipe"][1].isVisible()  # the network / DN of new pipes
    snapshot(w, "edit_01_mode_on_draw_pipe")
    ws.toggle_action.trigger()  # off again: back to panning, nothing editable
    assert w.canvas.tool is w.pan_tool and not ws.badge.isVisible()
    assert not ws._option_actions["pipe"][1].isVisible()


def test_draw_a_pipe_snapped_to_a_node(edit_window, snapshot):
    w = edit_window
    ws = w.editing
    ws.network_box.setCurrentIndex(ws.network_box.findData("secondary"))
    ws.dn_box.setCurrentText("80")
    ws.tool_actions[ws.draw_pipe_tool].trigger()
    n = len(pipes_of(w))
    click(w, 100, -100, offset=(4, -3))  # slightly off the lower end of P3 (a primary pipe)
    assert ws.draw_pipe_tool.vertices == [at(100, -100)]  # snapped exactly
    assert ws.network_box.currentData() == "primary"  # follows the pipe it starts from
    click(w, 160, -110)
    hover(w, 220, -60)
    marker = ws.draw_pipe_tool.marker
    assert list(ws.draw_pipe_tool._rubber.getData()[0]) == approx([X0 + 160, X0 + 220], tol=1.0)
    hover(w, 200, 0, offset=(3, 3))
    assert marker.visible and marker.text.toPlainText() == "Node (end of P2, S1)"
    hover(w, 220, -60)
    assert not marker.visible  # nothing to snap to out there
    hover(w, 115, -25, offset=(4, 0))  # the rubber band and a snap to P3's side
    assert marker.visible and marker.text.toPlainText() == "On pipe P3"
    snapshot(w, "edit_02_drawing_pipe")
    double_click(w, 220, -60)
    assert len(pipes_of(w)) == n + 1
    new = pipes_of(w).iloc[-1]
    assert coords(pipes_of(w), n)[0] == (100, -100)
    assert coords(pipes_of(w), n) == approx([(100, -100), (160, -110), (220, -60)])
    assert new["network"] == "primary" and new["dn"] == 80 and new["pipe_id"] == "P4"
    assert ws.draw_pipe_tool.vertices == []
    # connected: the new pipe starts at the node where P3 ends
    topo = w.session.topology()
    ids = list(topo.pipe_id)
    assert topo.pipe_start_node[ids.index("P4")] == topo.pipe_end_node[ids.index("P3")]
    assert w.identify_panel.title.text().startswith("Pipes: P4")
    assert w.isWindowModified()
    assert w.undo_action.text() == "&Undo Add pipe"
    w.undo_action.trigger()
    assert len(pipes_of(w)) == n and not w.isWindowModified()
    w.redo_action.trigger()
    assert coords(pipes_of(w), n) == approx([(100, -100), (160, -110), (220, -60)])
    # at the station both circuits end: the circuit chosen for new pipes stays
    ws.network_box.setCurrentIndex(ws.network_box.findData("secondary"))
    click(w, 200, 0, offset=(3, 3))
    assert ws.network_box.currentData() == "secondary"
    key(w, Qt.Key.Key_Escape)


def test_draw_keys_backspace_escape_enter(edit_window):
    w = edit_window
    ws = w.editing
    ws.tool_actions[ws.draw_pipe_tool].trigger()
    tool = ws.draw_pipe_tool
    n = len(pipes_of(w))
    click(w, 20, 60)
    click(w, 60, 60)
    click(w, 60, 100)
    key(w, Qt.Key.Key_Backspace)
    assert [local(v) for v in tool.vertices] == approx([(20, 60), (60, 60)])
    key(w, Qt.Key.Key_Escape)
    assert tool.vertices == [] and len(pipes_of(w)) == n
    click(w, 20, 60)
    key(w, Qt.Key.Key_Return)  # one vertex is not a pipe
    assert len(pipes_of(w)) == n and "at least two vertices" in w.statusBar().currentMessage()
    click(w, 20, 60)
    click(w, 60, 60)
    key(w, Qt.Key.Key_Return)
    assert len(pipes_of(w)) == n + 1 and coords(pipes_of(w), n) == approx([(20, 60), (60, 60)])


def test_a_pipe_ending_inside_a_pipe_splits_it_so_they_connect(edit_window):
    w = edit_window
    ws = w.editing
    ws.tool_actions[ws.draw_pipe_tool].trigger()
    n = len(pipes_of(w))
    click(w, 150, -80)
    double_click(w, 150, 0, offset=(0, 5))  # onto the middle of P2 (primary)
    pipes = pipes_of(w)
    assert len(pipes) == n + 2
    p2 = row_of(pipes, "pipe_id", "P2")
    cut = coords(pipes, p2)[-1]
    assert cut[1] == 0 and cut == approx([(150, 0)])[0]  # on P2 exactly, where the click was
    assert coords(pipes, p2) == [(100, 0), cut]
    assert coords(pipes, n) == [cut, (200, 0)]  # P2's second part, all attributes copied
    assert pipes["pressure_class"].iloc[n] == "PN16" and pipes["dn"].iloc[n] == 150
    assert coords(pipes, n + 1)[-1] == cut and coords(pipes, n + 1) == approx([(150, -80), (150, 0)])
    assert "Split at the new junction" in w.statusBar().currentMessage()
    # the new pipe ends on a real node, shared by both parts of P2
    topo = w.session.topology()
    ids = list(topo.pipe_id)
    new_id, second_id = pipes["pipe_id"].iloc[n + 1], pipes["pipe_id"].iloc[n]
    assert topo.pipe_end_node[ids.index(new_id)] == topo.pipe_end_node[ids.index("P2")] \
        == topo.pipe_start_node[ids.index(second_id)]
    w.undo_action.trigger()  # one step undoes the split too
    assert len(pipes_of(w)) == n and coords(pipes_of(w), p2) == [(100, 0), (200, 0)]


def test_a_secondary_pipe_on_a_primary_pipe_does_not_split_it(edit_window):
    w = edit_window
    ws = w.editing
    ws.tool_actions[ws.draw_pipe_tool].trigger()
    click(w, 150, 80)  # free start: the network box decides
    ws.network_box.setCurrentIndex(ws.network_box.findData("secondary"))
    n = len(pipes_of(w))
    double_click(w, 150, 0)
    assert len(pipes_of(w)) == n + 1  # P2 not split: primary and secondary never join
    assert pipes_of(w)["network"].iloc[-1] == "secondary"


def test_move_a_node_the_connected_ends_follow(edit_window, snapshot):
    w = edit_window
    ws = w.editing
    ws.tool_actions[ws.move_tool].trigger()
    pipes = pipes_of(w)
    p1, p2, p3 = (row_of(pipes, "pipe_id", p) for p in ("P1", "P2", "P3"))
    hover(w, 100, 0, offset=(3, 2))
    assert ws.move_tool.marker.visible
    end = press_and_move(w, (100, 0), (110, 20), start_offset=(3, 2))
    assert ws.move_tool.grab is not None and ws.move_tool._lines.isVisible()
    snapshot(w, "edit_03_moving_node")
    assert w.session.undo_stack.count() == 0  # nothing changes before the drop
    release(w, end)
    pipes = pipes_of(w)
    moved = coords(pipes, p1)[-1]
    assert moved == approx([(110, 20)])[0]
    assert coords(pipes, p2)[0] == moved and coords(pipes, p2)[1] == (200, 0)
    assert coords(pipes, p3)[0] == moved and coords(pipes, p3)[1:] == [(130, -50), (100, -100)]
    # the valve in the middle of P1 is not at the node: it stays on P1, halfway along
    valve = w.session.network.valves.geometry.iloc[0]
    assert shapely.distance(valve, pipes.geometry.iloc[p1]) < 1e-6
    assert shapely.line_locate_point(pipes.geometry.iloc[p1], valve, normalized=True) == pytest.approx(0.5)
    assert w.session.undo_stack.count() == 1  # one drag, one undo step
    assert w.undo_action.text() == "&Undo Move node"
    # the map shows the moved pipes
    layer = w.canvas.layers["pipes"]
    assert layer.frame is w.session.network.pipes
    w.undo_action.trigger()
    assert coords(pipes_of(w), p1)[-1] == (100, 0) and coords(pipes_of(w), p3)[0] == (100, 0)


def test_move_a_vertex_and_a_station_and_pan_elsewhere(edit_window):
    w = edit_window
    ws = w.editing
    ws.tool_actions[ws.move_tool].trigger()
    pipes = pipes_of(w)
    p2, p3, s1 = (row_of(pipes, "pipe_id", p) for p in ("P2", "P3", "S1"))
    drag(w, (130, -50), (150, -40))  # the bend of P3: only P3 changes
    assert coords(pipes_of(w), p3) == approx([(100, 0), (150, -40), (100, -100)])
    assert coords(pipes_of(w), p3)[0] == (100, 0) and coords(pipes_of(w), p3)[2] == (100, -100)
    assert w.undo_action.text() == "&Undo Move vertex"
    drag(w, (200, 0), (210, -10))  # station HS1: the primary and the secondary pipe ends follow it
    moved = coords(w.session.network.stations, 0)[0]
    assert moved == approx([(210, -10)])[0]
    assert coords(pipes_of(w), p2)[-1] == moved and coords(pipes_of(w), s1)[0] == moved
    assert w.session.undo_stack.count() == 2
    before = w.canvas.view_rect()
    drag(w, (60, 80), (20, 80))  # nothing there: the map pans, nothing is edited
    assert w.session.undo_stack.count() == 2
    assert w.canvas.view_rect().center().x() == pytest.approx(before.center().x() + 40, abs=3)


def test_drag_cancelled_with_escape(edit_window):
    w = edit_window
    ws = w.editing
    ws.tool_actions[ws.move_tool].trigger()
    end = press_and_move(w, (100, 0), (120, 30))
    key(w, Qt.Key.Key_Escape)
    release(w, end)
    assert w.session.undo_stack.count() == 0
    assert coords(pipes_of(w), 0)[-1] == (100, 0)


def test_place_a_valve_on_a_pipe_with_and_without_split(edit_window, snapshot):
    w = edit_window
    ws = w.editing
    ws.tool_actions[ws.place_valve_tool].trigger()
    assert ws._option_actions["valve"][0].isVisible()
    n_pipes = len(pipes_of(w))
    hover(w, 150, 0, offset=(0, 4))
    assert ws.place_valve_tool.marker.text.toPlainText() == "On pipe P2"
    snapshot(w, "edit_04_place_valve")
    click(w, 150, 0, offset=(0, 4))
    valves = w.session.network.valves
    assert len(valves) == 2 and len(pipes_of(w)) == n_pipes
    assert coords(valves, 1) == approx([(150, 0)]) and coords(valves, 1)[0][1] == 0  # on the pipe
    assert valves["pipe_id"].iloc[1] == "P2" and valves["dn"].iloc[1] == 150 and valves["valve_id"].iloc[1] == "V2"
    assert w.identify_panel.title.text().startswith("Valves: V2")
    # with "split pipe": the pipe feature is cut at the valve
    ws.split_box.setChecked(True)
    click(w, 112, -80)  # on P3's second leg, from the bend (130,-50) to (100,-100)
    valves = w.session.network.valves
    assert len(valves) == 3 and len(pipes_of(w)) == n_pipes + 1
    p3 = row_of(pipes_of(w), "pipe_id", "P3")
    assert coords(pipes_of(w), p3)[-1] == local_tuple(valves.geometry.iloc[2])
    assert w.undo_action.text() == "&Undo Place valve on P3 and split it"
    w.undo_action.trigger()
    assert len(w.session.network.valves) == 2 and len(pipes_of(w)) == n_pipes
    # near a pipe end the valve goes exactly on the end, closing the pipe clicked
    ws.split_box.setChecked(False)
    click(w, 100, -100, offset=(0, -6))
    valves = w.session.network.valves
    assert coords(valves, 2) == [(100, -100)] and valves["pipe_id"].iloc[2] == "P3"


def local_tuple(point):
    return (round(point.x - X0, 3), round(point.y - Y0, 3))


def test_delete_by_click_and_delete_selected(edit_window, qtbot, snapshot):
    w = edit_window
    ws = w.editing
    ws.tool_actions[ws.delete_tool].trigger()
    hover(w, 200, 100)
    assert ws.delete_tool.hover == ("customers", 0)
    assert ws.delete_tool.marker.text.toPlainText() == "Delete C1 (Customers)"
    snapshot(w, "edit_05_delete_hover")
    click(w, 200, 100)
    assert len(w.session.network.customers) == 0
    assert w.undo_action.text() == "&Undo Delete C1"
    w.undo_action.trigger()
    assert list(w.session.network.customers["customer_id"]) == ["C1"]
    # select two pipes, Delete: one undo step
    w.session.set_selection("pipes", [0, 1])
    assert ws.delete_selected_action.isEnabled()
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Delete)
    assert list(pipes_of(w)["pipe_id"]) == ["P3", "S1"]
    assert w.undo_action.text() == "&Undo Delete 2 selected features" and len(w.session.selection("pipes")) == 0
    w.undo_action.trigger()
    assert list(pipes_of(w)["pipe_id"]) == ["P1", "P2", "P3", "S1"]
    # a pipe that a valve names: deleting it says so
    assert ws.delete("pipes", w.session.rows_of("pipes", ["P1"]).tolist())
    assert "Valves that named it as their pipe: V1 — check them." in w.statusBar().currentMessage()
    w.undo_action.trigger()


def test_add_customer_station_and_source(edit_window):
    w = edit_window
    ws = w.editing
    ws.tool_actions[ws.add_customer_tool].trigger()
    click(w, 100, -100, offset=(4, 4))  # near the end of P3
    customers = w.session.network.customers
    assert len(customers) == 2 and coords(customers, 1) == [(100, -100)]
    assert customers["customer_id"].iloc[1] == "C2"
    assert "fill in its attributes" in w.statusBar().currentMessage()
    assert w.identify_panel.title.text().startswith("Customers: C2")
    assert w.identify_panel.edit_hint.isVisible()
    ws.tool_actions[ws.add_station_tool].trigger()
    click(w, 40, 80)  # nowhere near a pipe
    assert coords(w.session.network.stations, 1) == approx([(40, 80)])
    assert "not connected" in w.statusBar().currentMessage()
    ws.tool_actions[ws.add_source_tool].trigger()
    click(w, 130, -50)  # the bend of P3 is not a node: no snap
    assert len(w.session.network.sources) == 2
    assert w.session.undo_stack.count() == 3
    for _ in range(3):
        w.undo_action.trigger()
    assert (len(w.session.network.customers), len(w.session.network.stations), len(w.session.network.sources)) == (1, 1, 1)


def test_adding_a_layer_the_file_lacks(app, qtbot, tmp_path):
    """A network without customers: the first customer creates the layer and it appears on the map."""
    from editing_support import open_window

    from gisheat.io import gpkg
    from gisheat.sample.handmade import make_network, pipe

    gpkg.save(make_network(pipes=[pipe("P1", [at(0, 0), at(100, 0)])]), tmp_path / "bare.gpkg")
    w = open_window(qtbot, gpkg.load(tmp_path / "bare.gpkg"))
    w.editing.toggle_action.trigger()
    w.editing.tool_actions[w.editing.add_customer_tool].trigger()
    click(w, 100, 0)
    assert "customers" in w.canvas.layers and len(w.session.network.customers) == 1
    w.undo_action.trigger()
    assert "customers" not in w.session.network.layers and "customers" not in w.canvas.layers


def test_undo_redo_shortcuts_and_menu(edit_window, qtbot):
    w = edit_window
    ws = w.editing
    edit_menu = [a.text() for a in w.menu("edit").actions()]
    assert edit_menu[0] == "Edit network" and any(t.startswith("&Undo") for t in edit_menu)
    ws.tool_actions[ws.delete_tool].trigger()
    click(w, 200, 100)
    click(w, 50, 0)  # the valve
    assert len(w.session.network.valves) == 0 and len(w.session.network.customers) == 0
    assert [s.toString() for s in w.redo_action.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(w.session.network.valves) == 1
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(w.session.network.customers) == 1 and not w.isWindowModified()
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(w.session.network.customers) == 0
    qtbot.keyClick(w, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(w.session.network.valves) == 0 and w.isWindowModified()


def test_edits_mark_published_results_out_of_date_and_topology_follows(edit_window):
    w = edit_window
    ws = w.editing
    session = w.session
    session.publish_result(ResultSet("isolation", "pipes", np.array(["P2"]), label="Isolation of P2"))
    before = session.topology()
    ws.tool_actions[ws.delete_tool].trigger()
    click(w, 150, 0)  # P2
    assert session.results["isolation"].stale
    assert "out of date" in w.statusBar().currentMessage()
    after = session.topology()
    assert after is not before and len(after.pipe_id) == len(before.pipe_id) - 1
    w.undo_action.trigger()
    assert len(session.topology().pipe_id) == len(before.pipe_id)


def test_refused_edit_changes_nothing(edit_window, refusals):
    w = edit_window
    ws = w.editing
    ws.dn_box.setCurrentText("0")
    ws.tool_actions[ws.draw_pipe_tool].trigger()
    n = len(pipes_of(w))
    click(w, 20, 60)
    double_click(w, 60, 60)
    assert refusals and "DN 0 is below 1" in refusals[-1][1]
    assert len(pipes_of(w)) == n and w.session.undo_stack.count() == 0
    QApplication.processEvents()
