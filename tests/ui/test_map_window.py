"""The main window on the sample network: drive real widgets, check what the user sees."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog

from gisheat.core import schema
from gisheat.ui.map import style as st
from gisheat.ui.panels import StyleDialog


def layer_item(window, name):
    QApplication.processEvents()  # the panel rebuilds after the event that changed the map
    tree = window.layer_panel.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.data(0, Qt.ItemDataRole.UserRole) == name:
            return item
    raise KeyError(name)


def drag(widget, start: QPoint, end: QPoint, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A real left-button drag on a widget (QTest's mouseMove carries no buttons)."""
    left = Qt.MouseButton.LeftButton
    steps = 6
    QApplication.sendEvent(widget, QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(start), widget.mapToGlobal(QPointF(start)),
                                               left, left, modifiers))
    for k in range(1, steps + 1):
        p = QPointF(start + (end - start) * (k / steps))
        QApplication.sendEvent(widget, QMouseEvent(QEvent.Type.MouseMove, p, widget.mapToGlobal(p), Qt.MouseButton.NoButton,
                                                   left, modifiers))
    QApplication.sendEvent(widget, QMouseEvent(QEvent.Type.MouseButtonRelease, QPointF(end), widget.mapToGlobal(QPointF(end)),
                                               left, Qt.MouseButton.NoButton, modifiers))


def test_sample_opens_with_every_layer_drawn(window, sample_network, snapshot):
    canvas = window.canvas
    # every layer with geometry is on the map, network layers above context layers
    assert set(canvas.layers) == set(sample_network.layers) - {"breaks"}
    order = canvas.order
    assert order.index("sources") < order.index("valves") < order.index("pipes") < order.index("districts")
    assert order.index("districts") < order.index("streets") and order.index("districts") < order.index("rivers")
    assert canvas.layers["rivers"].context and not canvas.layers["pipes"].context
    # batched: a handful of items, not one per feature
    pipes = canvas.layers["pipes"]
    assert 0 < len(pipes.items) <= 20 < len(sample_network.pipes)
    assert sum(i.count for i in pipes.items) == len(pipes.seg_row)
    # full extent: customers and valves wait for a larger scale, pipes are drawn
    assert canvas.scale() > 25_000
    assert not canvas.layers["customers"].in_scale and pipes.items[0].isVisible()
    # district names are labelled
    texts = {it._path.boundingRect().isEmpty() for it in canvas.layers["districts"].label_items}
    assert texts == {False} and len(canvas.layers["districts"].label_items) == len(sample_network.districts)
    assert window.table.model.rowCount() == len(sample_network.pipes)
    assert "beicheng.gpkg" in window.windowTitle()
    widths = next(layer_item(window, "pipes").child(i) for i in range(layer_item(window, "pipes").childCount())
                  if layer_item(window, "pipes").child(i).text(0) == "Line width by DN")
    assert [widths.child(i).text(0) for i in range(widths.childCount())][::4] == ["DN < 150", "DN ≥ 800"]
    layer_item(window, "pipes")  # expand the width legend for the picture
    widths.setExpanded(True)
    snapshot(window, "01_sample_full_extent")


def test_open_file_in_background_and_remember_it(app, qtbot, sample_path):
    from gisheat.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.session.network_loaded, timeout=20000):
        w.open_file(sample_path)
    assert w.session.network.path == sample_path
    assert w.recent_files() == [str(sample_path.resolve())]
    assert "pipes" in w.canvas.layers


def test_status_bar_shows_coordinates_scale_and_selection(window, qtbot):
    canvas = window.canvas
    x, y = 540_000.0, 4_208_000.0
    pos = canvas.map_to_screen(x, y).toPoint()
    qtbot.mouseMove(canvas.viewport(), pos)
    canvas._on_mouse_moved(canvas.mapToScene(pos))
    text = window.coords_label.text()
    mx, my = canvas.screen_to_map(pos)  # the point under that whole pixel
    assert abs(mx - x) < 10 and abs(my - y) < 10
    assert text == f"{mx:.1f}, {my:.1f}  EPSG:4547"  # plain numbers, as QGIS shows them (they copy as numbers)
    window._update_scale_label()
    assert window.scale_label.text().startswith("1:")
    assert window.selection_label.text() == "Nothing selected"


def test_toggle_layer_visibility_from_the_layer_panel(window, snapshot):
    item = layer_item(window, "pipes")
    item.setCheckState(0, Qt.CheckState.Unchecked)
    assert not any(i.isVisible() for i in window.canvas.layers["pipes"].items)
    snapshot(window, "02_pipes_hidden")
    layer_item(window, "pipes").setCheckState(0, Qt.CheckState.Checked)
    assert all(i.isVisible() for i in window.canvas.layers["pipes"].items)


def test_layer_order_up_down(window):
    canvas = window.canvas
    window.layer_panel.set_active_layer("pipes")
    before = canvas.order.index("pipes")
    z = canvas.layers["pipes"].z
    window.layer_panel.move_active(-1)
    assert canvas.order.index("pipes") == before - 1
    assert canvas.layers["pipes"].z > z
    assert layer_item(window, "pipes") is window.layer_panel.tree.topLevelItem(before - 1)


def test_categorised_and_graduated_styles(window, sample_network, snapshot):
    layer = window.canvas.layers["pipes"]
    dialog = StyleDialog(layer, window.session, window)
    dialog.set_mode(st.CATEGORIZED, "laying")
    assert dialog.preview.count() >= 2
    dialog.apply(window.canvas)
    labels = [e.label for e in layer.classified.legend]
    assert "Concrete trench" in labels and "Pre-insulated, buried" in labels
    legend_rows = [layer_item(window, "pipes").child(i).text(0) for i in range(layer_item(window, "pipes").childCount())]
    trench = int((sample_network.pipes["laying"].astype(object) == "trench").sum())
    assert f"Concrete trench ({trench:,})" in legend_rows

    dialog = StyleDialog(layer, window.session, window)
    dialog.set_mode(st.GRADUATED, "install_year")
    dialog.classes_box.setValue(5)
    assert dialog.reverse_box.isChecked()  # a year reads as age: the oldest get the strong colour
    dialog.set_mode(st.GRADUATED, "dn")
    assert not dialog.reverse_box.isChecked()
    dialog.classes_box.setValue(9)  # the sample's DNs are a handful of sizes: fewer classes, and said so
    made = len(st.quantile_breaks(schema.numeric_column(sample_network.pipes, "dn"), 9)) + 1
    assert made < 9 and dialog.classes_note.text() == f"{made} classes, not 9: the values have too few distinct levels for more."
    dialog.classes_box.setValue(5)
    dialog.set_mode(st.GRADUATED, "install_year")
    dialog.apply(window.canvas)
    legend = layer.classified.legend
    assert len(legend) == 5 and sum(e.count for e in legend) == len(sample_network.pipes)
    # reversed yellow→red: the oldest class is red
    assert legend[0].symbol.color == st.RAMPS["yellow_red"][-1]
    snapshot(window, "03_pipes_graduated_install_year")


def test_published_theme_offered_for_graduated_style(window, sample_network):
    import pandas as pd

    from gisheat.ui.session import Theme

    ids = sample_network.pipes["pipe_id"].astype(object)
    values = pd.Series(np.arange(len(ids), dtype=float), index=ids)
    window.session.publish_theme(Theme("criticality", "pipes", values, label="Criticality"))
    dialog = StyleDialog(window.canvas.layers["pipes"], window.session, window)
    dialog.set_mode(st.GRADUATED, "theme:criticality")
    dialog.apply(window.canvas)
    layer = window.canvas.layers["pipes"]
    assert layer.theme_name == "criticality"
    assert layer.classified.classes[0] == 0 and layer.classified.classes[-1] == 4


def pick_lonely_pipe(network):
    """A pipe whose midpoint is 25 m+ from any point feature and other pipe."""
    pipes = network.pipes
    geoms = np.asarray(pipes.geometry.array)
    mids = shapely.line_interpolate_point(geoms, 0.5, normalized=True)
    points = np.concatenate([np.asarray(network.layers[n].geometry.array)
                             for n in ("valves", "stations", "customers", "sources")])
    point_tree = shapely.STRtree(points)
    pipe_tree = shapely.STRtree(geoms)
    for row in range(len(pipes)):
        if pipes["network"].iloc[row] != "secondary":
            continue
        if len(point_tree.query(mids[row], predicate="dwithin", distance=25)):
            continue
        near = pipe_tree.query(mids[row], predicate="dwithin", distance=25)
        if set(near.tolist()) == {row}:
            return row, mids[row]
    raise AssertionError("no lonely pipe")


def test_identify_a_pipe_by_clicking_it(window, qtbot, sample_network, snapshot):
    row, mid = pick_lonely_pipe(sample_network)
    canvas = window.canvas
    canvas.zoom_to((mid.x - 150, mid.y - 150, mid.x + 150, mid.y + 150), margin=0)
    QApplication.processEvents()
    assert canvas.layers["valves"].shown and canvas.layers["customers"].shown
    window.identify_action.trigger()
    # 3 px off the line: still within the pick tolerance
    pos = canvas.map_to_screen(mid.x, mid.y).toPoint() + QPoint(0, 3)
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    panel = window.identify_panel
    assert (panel.layer, panel.row) == ("pipes", row)
    pipe_id = sample_network.pipes["pipe_id"].iloc[row]
    assert pipe_id in panel.title.text()
    shown = {panel.tree.topLevelItem(i).text(0): panel.tree.topLevelItem(i).text(1)
             for i in range(panel.tree.topLevelItemCount())}
    assert shown["Network"] == "Secondary"
    assert shown["DN (mm)"] == str(sample_network.pipes["dn"].iloc[row])
    assert "Recorded breaks" in shown
    assert canvas._highlights["identify"]
    snapshot(window, "04_identify_pipe")
    # clicking empty map clears it
    empty = canvas.map_to_screen(mid.x + 2000, mid.y + 2000)
    canvas.zoom_to((mid.x + 1900, mid.y + 1900, mid.x + 2100, mid.y + 2100), margin=0)
    if canvas.layers["districts"].nearest(mid.x + 2000, mid.y + 2000, 1) is None:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=empty.toPoint())


def test_identify_a_valve_shows_its_state(window, qtbot, sample_network, snapshot):
    valves = sample_network.valves
    closed = np.flatnonzero(~valves["normally_open"].astype(bool).to_numpy())[0]
    p = valves.geometry.iloc[closed]
    canvas = window.canvas
    canvas.zoom_to((p.x - 60, p.y - 60, p.x + 60, p.y + 60), margin=0)
    QApplication.processEvents()
    window.identify_action.trigger()
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.map_to_screen(p.x, p.y).toPoint())
    panel = window.identify_panel
    assert (panel.layer, panel.row) == ("valves", closed)
    # the valve sits on a pipe: the panel lists both, topmost first, and switches on request
    listed = [tuple(panel.here.itemData(i).split("|")) for i in range(panel.here.count())]
    assert listed[0] == ("valves", str(closed)) and any(layer == "pipes" for layer, _ in listed)
    assert panel.here.currentIndex() == 0
    assert panel.here.isVisibleTo(window)
    pipe_index = next(i for i, (layer, _) in enumerate(listed) if layer == "pipes")
    panel.here.setCurrentIndex(pipe_index)
    panel._here_chosen(pipe_index)
    assert panel.layer == "pipes"
    assert canvas._highlights["identify"]
    panel._here_chosen(0)
    assert panel.here.currentIndex() == 0 and panel.layer == "valves"
    shown = {panel.tree.topLevelItem(i).text(0): panel.tree.topLevelItem(i).text(1)
             for i in range(panel.tree.topLevelItemCount())}
    assert shown["Normally open"] == "No"
    snapshot(window, "05_identify_closed_valve")


def test_rectangle_select_syncs_with_the_table(window, sample_network, snapshot):
    canvas = window.canvas
    x0, y0, x1, y1 = 538_000.0, 4_206_000.0, 539_200.0, 4_207_000.0
    canvas.zoom_to((x0 - 300, y0 - 300, x1 + 300, y1 + 300), margin=0)
    window.layer_panel.set_active_layer("pipes")
    window.select_action.trigger()
    a = canvas.map_to_screen(x0, y1).toPoint()
    b = canvas.map_to_screen(x1, y0).toPoint()
    drag(canvas.viewport(), a, b)
    # what the map selected is exactly what touches the rectangle (pixel rounding aside)
    xa, ya = canvas.screen_to_map(a)
    xb, yb = canvas.screen_to_map(b)
    geoms = np.asarray(sample_network.pipes.geometry.array)
    expected = np.flatnonzero(shapely.intersects(geoms, shapely.box(xa, yb, xb, ya)))
    selected = window.session.selection("pipes")
    assert len(selected) > 10
    np.testing.assert_array_equal(selected, expected)
    # the table shows the same rows selected
    table = window.table
    assert table.layer == "pipes"
    rows = sorted(table.model.order[i.row()] for i in table.view.selectionModel().selectedRows())
    assert rows == selected.tolist()
    assert window.selection_label.text() == f"Selected: Pipes {len(selected)}"
    snapshot(window, "06_rectangle_selection")
    window.zoom_full_action.trigger()
    window.zoom_selection_action.trigger()
    view = window.canvas.view_rect().normalized()
    bx0, by0, bx1, by1 = shapely.total_bounds(geoms[selected])
    assert view.contains(QPointF(bx0, by0)) and view.contains(QPointF(bx1, by1))
    assert view.width() < 3 * max(bx1 - bx0, by1 - by0)
    # and back: select two rows in the table → the map selection follows
    table.view.clearSelection()
    table.view.selectRow(0)
    assert window.session.selection("pipes").tolist() == [int(table.model.order[0])]
    assert len(canvas._highlights["selection:pipes"]) == 1
    # selecting in a layer hidden at this scale finds nothing, and says why
    window.zoom_full_action.trigger()
    window.layer_panel.set_active_layer("customers")  # customers show from 1:12 000
    drag(canvas.viewport(), a, b)
    assert len(window.session.selection("customers")) == 0
    assert window.statusBar().currentMessage().startswith("Nothing selected: Customers is hidden at this scale")
    window.layer_panel.set_active_layer("pipes")
    # a selection made in another layer's table replaces this one, as on the map
    table.show_layer("valves")
    table.view.selectRow(0)
    assert window.session.selected_layers() == ["valves"]
    assert window.selection_label.text() == "Selected: Valves 1"


def test_filter_and_sort_the_table(window, sample_network, qtbot, snapshot):
    table = window.table
    table.show_layer("pipes")
    qtbot.keyClicks(table.filter_edit, "concrete trench")
    table.apply_filter()
    trench = int((sample_network.pipes["laying"].astype(object) == "trench").sum())
    assert table.model.rowCount() == trench
    assert f"{trench:,} of {len(sample_network.pipes):,} rows" in table.count_label.text()
    snapshot(window.table_dock, "07_table_filtered")
    table.filter_edit.clear()
    table.apply_filter()
    column = table.model.columns.index("dn")
    table.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    first = table.model.index(0, column).data()
    assert int(first) == int(sample_network.pipes["dn"].max())
    table.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert int(table.model.index(0, column).data()) == int(sample_network.pipes["dn"].min())


def test_double_click_in_table_zooms_to_the_feature(window, sample_network):
    table = window.table
    table.show_layer("stations")
    index = table.model.index(3, 0)
    table._double_clicked(index)
    p = sample_network.stations.geometry.iloc[int(table.model.order[3])]
    assert window.canvas.view_rect().contains(QPointF(p.x, p.y))
    assert window.canvas.view_rect().width() < 1000


def test_search_and_jump(window, sample_network, qtbot, snapshot):
    box = window.search_box
    customers = sample_network.customers
    name = customers["name"].iloc[0]
    box.setText(name)  # QTest cannot type CJK characters
    hits = box.run_search()
    assert hits[0].layer == "customers" and hits[0].row == 0
    assert box.results.item(0).text().startswith(f"C0001 {name}")
    box.jump_to_first()
    assert window.session.selection("customers").tolist() == [0]
    p = customers.geometry.iloc[0]
    assert window.canvas.view_rect().contains(QPointF(p.x, p.y))
    assert window.canvas.layers["customers"].shown
    assert window.identify_panel.layer == "customers"
    snapshot(window, "08_search_jump_customer")
    address = customers["address"].iloc[5]
    box.setText(address)
    hits = box.run_search()
    assert any(h.row == 5 for h in hits)
    # an address match says the address: the user sees why it matched
    row = next(k for k, h in enumerate(hits) if h.layer == "customers" and h.row == 5)
    assert f"·  {address}" in box.results.item(row).text()
    box.clear()
    qtbot.keyClicks(box, "p0003")
    assert box.run_search()[0].layer == "pipes"
    # nothing found is said, in a row that cannot be chosen
    box.setText("zzz-nothing")
    assert box.run_search() == []
    assert box.results.rowCount() == 1 and box.results.item(0).text() == "No match for “zzz-nothing”"
    assert not box.results.item(0).isEnabled()
    # a chosen result leaves its title in the box, not the layer suffix
    box.setText("P0003")
    box.run_search()
    box.completer_.activated[QModelIndex].emit(box.completer_.completionModel().index(0, 0))
    assert box.text() == box.hits[0].title


def test_measure_distance(window, qtbot):
    canvas = window.canvas
    canvas.zoom_to((538_000, 4_206_000, 539_000, 4_207_000), margin=0)
    window.measure_action.trigger()
    tool = window.measure_tool
    tool.click(538_100.0, 4_206_100.0, Qt.KeyboardModifier.NoModifier)
    tool.click(538_400.0, 4_206_500.0, Qt.KeyboardModifier.NoModifier)
    tool.double_click(538_400.0, 4_206_500.0, Qt.KeyboardModifier.NoModifier)
    assert tool.length == pytest.approx(500.0)
    assert window.measure_label.text() == "Distance: 500.0 m"


def test_keyboard_pan_and_zoom(window, qtbot):
    canvas = window.canvas
    canvas.setFocus()
    before = canvas.view_rect()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    after = canvas.view_rect()
    assert after.center().x() == pytest.approx(before.center().x() + before.width() * 0.25, rel=1e-6)
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.view_rect().width() == pytest.approx(after.width() / 2, rel=1e-3)
    window.zoom_full_action.trigger()
    assert canvas.view_rect().width() == pytest.approx(before.width(), rel=1e-3)


def test_zoomed_in_view_shows_valves_customers_and_street_names(window, sample_network, snapshot):
    canvas = window.canvas
    canvas.zoom_to((537_900, 4_205_900, 539_300, 4_206_900), margin=0)
    assert canvas.scale() < 12_000
    assert canvas.layers["customers"].shown and canvas.layers["valves"].shown
    assert canvas.layers["streets"].label_items
    snapshot(window, "09_zoomed_in_network")
    window.zoom_to_selection()  # nothing selected: no change, no error


def test_overlay_with_legend_and_dim(window, sample_network, snapshot):
    from gisheat.ui.map.overlays import Overlay

    canvas = window.canvas
    pipes = canvas.layers["pipes"]
    overlay = Overlay("isolation", "Isolation", dim=0.6)
    overlay.add_lines(pipes, np.arange(20, 40), "#d50000", 6, "Isolated pipes")
    valves = sample_network.valves.geometry.iloc[:3]
    overlay.add_points(np.column_stack([valves.x, valves.y]), "#212121", "Valves to close", symbol="valve",
                       size=16, texts=["1", "2", "3"])
    canvas.add_overlay(overlay)
    QApplication.processEvents()
    top = window.layer_panel.tree.topLevelItem(0)
    assert top.text(0) == "Isolation" and top.childCount() == 2
    assert canvas._dim_item is not None
    snapshot(window, "10_overlay_dimmed")
    canvas.remove_overlay("isolation")
    QApplication.processEvents()
    assert canvas._dim_item is None and window.layer_panel.tree.topLevelItem(0).text(0) != "Isolation"


def test_style_dialog_renders(window, snapshot):
    dialog = StyleDialog(window.canvas.layers["customers"], window.session, window)
    dialog.show()
    snapshot(dialog, "11_style_dialog_customers")
    assert dialog.mode == st.CATEGORIZED
    dialog.reject()
    assert dialog.result() is not None and dialog.exec is not None
    assert QDialog.DialogCode.Rejected is not None


def test_an_undoable_edit_redraws_the_map_and_table(window, sample_network, monkeypatch):
    """A core edit (gisheat.core.edits) through the session: map and table follow, undo restores."""
    import copy

    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Discard))

    from gisheat.core.edits import SetValues

    network = copy.deepcopy(sample_network)  # the shared sample must stay untouched
    window.set_network(network)
    QApplication.processEvents()
    window.table.show_layer("pipes")
    before = window.canvas.layers["pipes"]
    primary = int((network.pipes["network"].astype(object) == "primary").sum())
    window.session.apply_edit(SetValues("pipes", (0, 1), "network", "secondary"))
    after = window.canvas.layers["pipes"]
    assert after is not before and after.frame is network.pipes
    assert after.classified.legend[0].count == primary - 2
    assert window.table.model.index(0, 1).data() == "Secondary"
    assert window.isWindowModified()
    window.session.undo_stack.undo()
    assert window.canvas.layers["pipes"].classified.legend[0].count == primary
    assert window.table.model.index(0, 1).data() == "Primary"
    assert not window.isWindowModified()  # back at the saved state
    window.session.undo_stack.redo()
    window.close()
    assert asked and "beicheng.gpkg" in asked[0]  # unsaved edit: asked before closing


def test_big_line_layers_get_an_overview_rendered_in_the_background(window, qtbot, monkeypatch, snapshot):
    """Force the overview on the sample: tiles stand in (trunks only) until it arrives, then it covers."""
    from gisheat.ui.map import layers as layers_mod

    monkeypatch.setattr(layers_mod, "OVERVIEW_MIN_SEGMENTS", 1000)
    canvas = window.canvas
    pipes = canvas.layers["pipes"]
    canvas.refresh_layer("pipes", pipes.frame)
    pipes = canvas.layers["pipes"]
    assert pipes.lod is not None
    transform = canvas.view_box.childGroup.sceneTransform() * canvas.viewportTransform()
    qtbot.waitUntil(lambda: pipes.lod.overview is not None, timeout=10000)
    assert any(isinstance(i, layers_mod.OverviewItem) for i in pipes.items)
    # zoomed out the overview covers the view and the tiles draw nothing; zoomed in the tiles draw
    assert pipes.lod.mode(pipes.items[0], transform) == layers_mod.Lod.SKIP
    snapshot(window, "14_overview_forced_on_sample")
    canvas.zoom_to((538_000, 4_206_000, 538_400, 4_206_400), margin=0)
    QApplication.processEvents()
    transform = canvas.view_box.childGroup.sceneTransform() * canvas.viewportTransform()
    assert pipes.lod.mode(pipes.items[0], transform) == layers_mod.Lod.DRAW


def test_save_as_writes_the_file_and_remembers_it(window, sample_network, tmp_path, monkeypatch):
    import copy

    from PySide6.QtWidgets import QFileDialog

    from gisheat.io import gpkg

    network = copy.deepcopy(sample_network)
    window.set_network(network)
    target = tmp_path / "copy"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.save_as_action.trigger()
    saved = tmp_path / "copy.gpkg"
    assert saved.exists() and network.path == saved.resolve()
    assert window.recent_files()[0] == str(saved.resolve())
    assert "copy.gpkg" in window.windowTitle()
    assert len(gpkg.load(saved).pipes) == len(sample_network.pipes)


def test_drag_a_layer_in_the_panel_reorders_the_map(window):
    panel = window.layer_panel
    QApplication.processEvents()
    canvas = window.canvas
    top = canvas.order.index("districts")
    # what LayerTree.dropEvent records for a drop of 'districts' onto the first row
    panel.tree._move_to = ("districts", 0)
    panel.tree.reordered.emit()
    assert canvas.order[0] == "districts" and top != 0
    QApplication.processEvents()
    assert panel.tree.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole) == "districts"


def test_pick_tool_and_snapping_for_other_tools(window, qtbot, sample_network):
    from gisheat.ui.map.tools import PickTool, snap_to

    row, mid = pick_lonely_pipe(sample_network)
    canvas = window.canvas
    canvas.zoom_to((mid.x - 150, mid.y - 150, mid.x + 150, mid.y + 150), margin=0)
    QApplication.processEvents()
    tool = PickTool(canvas, layers=["pipes"], name="isolate")
    action = window.add_map_tool(tool, "fa5s.tint-slash", "Isolate", None)
    action.trigger()
    assert canvas.tool is tool and action.isChecked()
    picks = []
    tool.picked.connect(lambda layer, r, mods: picks.append((layer, r)))
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.map_to_screen(mid.x, mid.y).toPoint())
    assert picks == [("pipes", row)]
    # snapping: near a pipe's end vertex → the vertex; near its middle → a point on the line
    geom = sample_network.pipes.geometry.iloc[row]
    x0, y0 = geom.coords[0]
    snapped = snap_to(canvas, x0 + 1.0, y0 + 1.0, layers=["pipes"])
    assert snapped is not None and snapped[:2] == pytest.approx((x0, y0))
    on_line = snap_to(canvas, mid.x + 1.0, mid.y + 1.0, layers=["pipes"])
    assert on_line[2:] == ("pipes", row) and geom.distance(shapely.Point(on_line[:2])) < 1e-6
    assert snap_to(canvas, mid.x + 140, mid.y + 140, layers=["pipes"]) is None


def test_odd_files_draw_without_errors(app, qtbot, snapshot):
    """Multi-part lines, a missing geometry, an empty layer, unknown layers of every kind."""
    import geopandas as gpd
    from shapely.geometry import MultiLineString, MultiPolygon, Point, box

    from gisheat.sample.handmade import customer, make_network, pipe, valve
    from gisheat.ui.main_window import MainWindow

    crs = "EPSG:4547"
    network = make_network(
        pipes=[pipe("P1", [(0, 0), (100, 0)]), pipe("P2", [(100, 0), (100, 80)], network="secondary", dn=None),
               pipe("P3", [(100, 80), (160, 80)], status="abandoned")],
        valves=[valve("V1", (50, 0), normally_open=False), valve("V2", (100, 40), operable=None)],
        customers=[customer("C1", (160, 80), category=None)],
        streets=gpd.GeoDataFrame({"name": ["Ring Rd", None]}, geometry=[
            MultiLineString([[(-20, -10), (200, -10)], [(200, -10), (200, 120)]]), None], crs=crs),
        parks=gpd.GeoDataFrame({"kind": ["park"]}, geometry=[
            MultiPolygon([box(10, 10, 60, 60), box(120, 10, 150, 40)])], crs=crs),
        hydrants=gpd.GeoDataFrame({"hid": ["H1"]}, geometry=[Point(30, 30)], crs=crs),
        manholes=gpd.GeoDataFrame({"mid": []}, geometry=gpd.GeoSeries([], crs=crs), crs=crs),
    )
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    w.set_network(network)
    QApplication.processEvents()
    canvas = w.canvas
    assert {"streets", "parks", "hydrants", "manholes"} <= set(canvas.layers)
    assert canvas.layers["streets"].kind == "line" and len(canvas.layers["streets"].seg_row) == 2
    assert canvas.layers["parks"].kind == "polygon" and canvas.layers["hydrants"].kind == "point"
    assert canvas.layers["pipes"].not_in_service == 1
    w.canvas.refresh_view_state()
    snapshot(w, "15_odd_small_network")
    hit = canvas.layers["parks"].nearest(130, 20, 1.0)
    assert hit == (0, 0.0)
    w.table.show_layer("valves")
    assert w.table.model.index(1, w.table.model.columns.index("operable")).data() == ""


def test_mouse_drag_pans_and_wheel_zooms(window, snapshot):
    from PySide6.QtGui import QWheelEvent

    canvas = window.canvas
    window.pan_action.trigger()
    vp = canvas.viewport()
    before = canvas.view_rect()
    start = QPoint(vp.width() // 2, vp.height() // 2)
    drag(vp, start, start + QPoint(100, 0))
    after = canvas.view_rect()
    metres = 100 * canvas.metres_per_pixel()
    assert after.center().x() == pytest.approx(before.center().x() - metres, rel=1e-6, abs=metres * 0.05)
    assert after.width() == pytest.approx(before.width())
    pos = QPointF(start)
    wheel = QWheelEvent(pos, vp.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(vp, wheel)
    assert canvas.view_rect().width() < after.width() * 0.95
    # measure with real clicks, and look at it
    window.measure_action.trigger()
    a, b = QPoint(300, 300), QPoint(500, 300)
    from PySide6.QtTest import QTest

    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, pos=a)
    QTest.qWait(300)  # not a double click
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, pos=b)
    expected = 200 * canvas.metres_per_pixel()
    assert window.measure_tool.length == pytest.approx(expected, rel=0.02)
    assert window.measure_label.text().startswith("Distance:")
    snapshot(window, "16_measure")
