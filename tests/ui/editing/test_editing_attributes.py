"""Attribute editing in the attribute table and the identify panel: typed into the real editors."""

from __future__ import annotations

from editing_support import row_of
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit


def cell(w, fid: str, field: str):
    """The table index of a feature's field (display order)."""
    model = w.table.model
    row = model.display_row(row_of(model.frame, "pipe_id" if model.layer == "pipes" else "valve_id", fid))
    return model.index(row, model.columns.index(field))


def open_editor(w, qtbot, index):
    """Double-click the cell, as a user does; return the editor that opens."""
    view = w.table.view
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: view.indexWidget(index) is not None or view.state() == view.State.EditingState,
                    timeout=2000)
    editor = QApplication.focusWidget()
    while editor is not None and not isinstance(editor, (QComboBox, QLineEdit)):
        editor = editor.parentWidget()
    if isinstance(editor, QLineEdit) and isinstance(editor.parentWidget(), QComboBox):
        editor = editor.parentWidget()
    assert editor is not None, "no editor opened"
    return editor


def type_into(qtbot, editor, text: str) -> None:
    line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    line.selectAll()
    qtbot.keyClicks(line, text)


def commit(qtbot, w, editor, view=None) -> None:
    """Enter closes the editor (queued by Qt); the value is committed just after that."""
    view = view or w.table.view
    delegate = view.itemDelegateForColumn(1) if view is w.identify_panel.tree else view.itemDelegate()
    target = editor.lineEdit() if isinstance(editor, QComboBox) and editor.isEditable() else editor
    qtbot.keyClick(target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)
    qtbot.waitUntil(lambda: not delegate.pending, timeout=2000)
    QApplication.processEvents()


def test_dn_typed_in_the_table_refused_then_accepted(edit_window, qtbot, refusals, snapshot):
    w = edit_window
    w.table.show_layer("pipes")
    w.table.view.sortByColumn(w.table.model.columns.index("dn"), Qt.SortOrder.DescendingOrder)
    index = cell(w, "P2", "dn")
    assert index.data() == "150"
    editor = open_editor(w, qtbot, index)
    assert isinstance(editor, QComboBox) and editor.isEditable() and editor.findText("150") >= 0
    type_into(qtbot, editor, "abc")
    assert "#ffebee" in editor.lineEdit().styleSheet()  # red while it would be refused
    assert editor.lineEdit().toolTip() == "DN 'abc' is not a whole number"  # the field as the table names it
    assert w.statusBar().currentMessage() == "DN 'abc' is not a whole number"  # said while typing
    snapshot(w, "edit_06_table_value_refused")
    commit(qtbot, w, editor)
    assert refusals == [("Edit refused", "Pipes P2: DN 'abc' is not a whole number")]
    assert w.session.undo_stack.count() == 0 and cell(w, "P2", "dn").data() == "150"
    assert not w.isWindowModified()

    editor = open_editor(w, qtbot, cell(w, "P2", "dn"))
    type_into(qtbot, editor, "250")
    assert editor.lineEdit().styleSheet() == ""
    commit(qtbot, w, editor)
    assert len(refusals) == 1
    pipes = w.session.network.pipes
    assert pipes["dn"].iloc[row_of(pipes, "pipe_id", "P2")] == 250
    assert str(pipes["dn"].dtype) == "int64[pyarrow]"  # stored in the column's own type
    assert cell(w, "P2", "dn").data() == "250"
    # the sort is kept: P2 (now DN 250) moved to the top
    assert w.table.model.index(0, 0).data() == "P2"
    assert w.undo_action.text() == "&Undo Set DN of P2" and w.isWindowModified()
    assert "DN of P2 set to 250" in w.statusBar().currentMessage()
    w.undo_action.trigger()
    assert cell(w, "P2", "dn").data() == "150" and not w.isWindowModified()
    w.redo_action.trigger()
    assert cell(w, "P2", "dn").data() == "250"


def test_choices_are_a_drop_down_of_labels(edit_window, qtbot):
    w = edit_window
    w.table.show_layer("pipes")
    editor = open_editor(w, qtbot, cell(w, "P1", "network"))
    assert isinstance(editor, QComboBox) and not editor.isEditable()
    assert [editor.itemText(i) for i in range(editor.count())] == ["Primary", "Secondary"]  # required: no empty
    assert editor.currentText() == "Primary"
    editor.setCurrentIndex(editor.findText("Secondary"))
    commit(qtbot, w, editor)
    assert w.session.network.pipes["network"].iloc[0] == "secondary"
    assert cell(w, "P1", "network").data() == "Secondary"
    # the map follows: P1 is drawn as secondary now
    legend = {e.label: e.count for e in w.canvas.layers["pipes"].classified.legend}
    assert legend == {"Primary": 2, "Secondary": 2}
    # an open list (material): pick a label or type another value
    editor = open_editor(w, qtbot, cell(w, "P1", "material"))
    assert editor.isEditable() and editor.itemText(0) == "" and "Pre-insulated steel" in [
        editor.itemText(i) for i in range(editor.count())]
    type_into(qtbot, editor, "Pre-insulated steel")
    commit(qtbot, w, editor)
    assert w.session.network.pipes["material"].iloc[0] == "preinsulated_steel"
    editor = open_editor(w, qtbot, cell(w, "P1", "material"))
    type_into(qtbot, editor, "cast iron")
    commit(qtbot, w, editor)
    assert w.session.network.pipes["material"].iloc[0] == "cast iron"
    assert w.session.undo_stack.count() == 3


def test_unknown_field_and_empty_required_value(edit_window, qtbot, refusals):
    w = edit_window
    w.table.show_layer("pipes")
    editor = open_editor(w, qtbot, cell(w, "P3", "pressure_class"))  # not in the schema: text
    assert isinstance(editor, QLineEdit) and editor.text() == "PN16"
    type_into(qtbot, editor, "PN25")
    commit(qtbot, w, editor)
    assert w.session.network.pipes["pressure_class"].iloc[2] == "PN25"
    editor = open_editor(w, qtbot, cell(w, "P3", "pipe_id"))
    type_into(qtbot, editor, "P1")  # ids are unique
    commit(qtbot, w, editor)
    assert refusals[-1][1] == "Pipes P3: Pipe id 'P1' is already used"
    editor = open_editor(w, qtbot, cell(w, "P3", "install_year"))
    type_into(qtbot, editor, "1700")
    assert editor.toolTip() == "Install year 1700 is below 1850"
    commit(qtbot, w, editor)
    assert refusals[-1][1] == "Pipes P3: Install year 1700 is below 1850"
    assert w.session.undo_stack.count() == 1


def test_table_is_read_only_when_editing_is_off(edit_window, qtbot):
    w = edit_window
    w.editing.toggle_action.trigger()
    view = w.table.view
    index = cell(w, "P1", "dn")
    pos = view.visualRect(index).center()
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    QApplication.processEvents()
    assert view.state() != view.State.EditingState
    assert w.session.undo_stack.count() == 0


def test_values_edited_in_the_identify_panel(edit_window, qtbot, snapshot):
    w = edit_window
    w.show_identified("valves", 0)
    panel = w.identify_panel
    assert panel.edit_hint.isVisible()
    tree = panel.tree
    items = {tree.topLevelItem(i).toolTip(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    assert set(items) == {"valve_id", "pipe_id", "dn", "valve_type", "normally_open", "operable", "last_exercised"}
    item = items["normally_open"]  # the file has no such field: listed (grey) to fill in
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == ["", "Yes", "No"]
    editor.setCurrentIndex(editor.findText("No"))
    editor.showPopup()
    snapshot(w, "edit_07_identify_value")
    editor.hidePopup()
    commit(qtbot, w, editor, tree)
    assert not bool(w.session.network.valves["normally_open"].iloc[0])
    # the panel shows the new value, still the same feature, still editable
    values = {tree.topLevelItem(i).toolTip(0): tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())}
    assert values["normally_open"] == "No" and panel.title.text().startswith("Valves: V1")
    assert w.canvas.layers["valves"].classified.legend[0].label != ""
    w.undo_action.trigger()
    values = {tree.topLevelItem(i).toolTip(0): tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())}
    assert values["normally_open"] == ""  # back to not recorded (the default, open)


def test_identify_panel_follows_its_feature_and_clears_when_deleted(edit_window):
    from gisheat.core import edits

    w = edit_window
    w.show_identified("pipes", 2)  # P3
    w.editing.apply(edits.DeleteFeatures("pipes", (0,)))  # P1 goes: P3 moves up a row
    assert w.identify_panel.title.text().startswith("Pipes: P3") and w.identify_panel.row == 1
    w.editing.apply(edits.DeleteFeatures("pipes", (1,)))
    assert w.identify_panel.layer is None and "identify" not in w.canvas._highlights


def test_refusals_are_said_in_chinese(app):
    from gisheat.ui import app as appmod
    from gisheat.ui.editing.attributes import explain

    assert appmod.install_translator(app, "zh_CN")
    try:
        said = explain("pipes P2: dn -5 is below 1")
        assert said.startswith("管线 P2: ") and said.endswith("-5 小于 1") and "dn" not in said
        assert explain("valves V1: valve_id 'V2' is already used").endswith("'V2' 已被使用")
        assert explain("something the schema did not say") == "something the schema did not say"
    finally:
        appmod.install_translator(app, "en")
