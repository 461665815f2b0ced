"""Editing attribute values in the attribute table and the identify panel.

:class:`ValueDelegate` gives each field the editor its schema calls for:

* closed lists (network, status, category) — a drop-down of the translated
  labels (plus "empty" for optional fields);
* open lists (material, laying, valve type, source kind) — an editable
  drop-down: pick a label or type another value;
* DN — an editable drop-down of the standard sizes;
* yes/no fields — Yes / No / empty (the schema default applies);
* numbers, dates and text — a line edit that turns red with the reason while
  the text would be refused.

A finished edit goes to ``commit(layer, row, field, value)`` (the editing
workspace), which applies ``SetValues`` through the session: the schema
check refuses a wrong value with a message and nothing is stored; a good one
is one undo step. The commit runs just after the editor has closed, so a
message box never fights the closing editor for focus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPoint, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QMainWindow,
    QStyledItemDelegate,
    QToolTip,
    QWidget,
)

from gisheat.core import edits, schema
from gisheat.io.importer import STANDARD_DN
from gisheat.ui import labels
from gisheat.ui.table import FIELD_ROLE, LAYER_ROLE, ROW_ROLE, VALUE_ROLE

INVALID_STYLE = "background: #ffebee; border: 1px solid #c62828;"
EMPTY = object()
"""Marker of the 'empty' entry in drop-downs (the field's default applies)."""


def field_of(session, layer: str, name: str) -> schema.Field:
    """The schema field, or for an extra field one of its column's kind."""
    frame = session.layer(layer) if session.has_network else None
    return edits.field_spec(layer, name, frame)


def plain(value: Any) -> Any:
    """A stored value as Python (None for nulls) to compare and show in an editor."""
    if schema.is_null(value):
        return None
    return edits._plain(value)


class ValueDelegate(QStyledItemDelegate):
    """Schema-aware editors for cells that carry the table's roles (see the module docstring)."""

    def __init__(self, session, commit: Callable[[str, int, str, Any], bool], parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.commit = commit
        self.pending: list[tuple[str, int, str, Any]] = []

    # --- editors -------------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget | None:
        layer, name = index.data(LAYER_ROLE), index.data(FIELD_ROLE)
        if layer is None or name is None or not self.session.has_network:
            return None
        f = field_of(self.session, layer, name)
        editor = make_editor(parent, layer, f)
        editor.setObjectName(f"edit-{name}")
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = plain(index.data(VALUE_ROLE))
        if isinstance(editor, QComboBox):
            i = find_value(editor, value)
            if i < 0:  # a stored value the list does not have: show it as it is
                editor.addItem(str(value), value)
                i = editor.count() - 1
            editor.setCurrentIndex(i)
            if editor.isEditable():
                editor.lineEdit().selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText(editor_text(value))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        layer, name, row = index.data(LAYER_ROLE), index.data(FIELD_ROLE), index.data(ROW_ROLE)
        value = editor_value(editor)
        old = plain(index.data(VALUE_ROLE))
        if same_value(value, old):
            return
        self.pending.append((layer, int(row), name, value))
        QTimer.singleShot(0, self._commit_pending)

    def _commit_pending(self) -> None:
        pending, self.pending = self.pending, []
        for layer, row, name, value in pending:
            self.commit(layer, row, name, value)

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:
        rect = option.rect
        editor.setGeometry(rect.adjusted(0, -1, 0, 1))


def make_editor(parent: QWidget, layer: str, f: schema.Field) -> QWidget:
    """The editor widget for field ``f`` of ``layer`` (see the module docstring)."""
    if f.kind == schema.BOOLEAN:
        box = QComboBox(parent)
        box.addItem("", EMPTY)
        box.addItem(labels.value_label(True), True)
        box.addItem(labels.value_label(False), False)
        return box
    if f.choices is not None:
        box = QComboBox(parent)
        box.setEditable(f.open_choices)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if not f.required:
            box.addItem("", EMPTY)
        for choice in f.choices:
            box.addItem(labels.value_label(choice), choice)
        return box
    if f.name == "dn" and f.kind == schema.INTEGER:
        box = QComboBox(parent)
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if not f.required:
            box.addItem("", EMPTY)
        for dn in STANDARD_DN:
            box.addItem(str(dn), dn)
        _live_check(box.lineEdit(), f, layer)
        return box
    edit = QLineEdit(parent)
    if f.kind == schema.DATE:
        edit.setPlaceholderText("YYYY-MM-DD")
    _live_check(edit, f, layer)
    return edit


def typed(f: schema.Field, text: str | None) -> Any:
    """Typed text as the field's number when it is one ('1700' → 1700), so messages read as numbers."""
    if text is None or f.kind not in (schema.INTEGER, schema.REAL):
        return text
    try:
        return schema.coerce(f.kind, text)
    except (TypeError, ValueError):
        return text


_REASONS = tuple((re.compile(r"(?P<field>\w+)" + tail), text) for tail, text in (
    (r" is empty", QT_TRANSLATE_NOOP("Refusal", "%field must not be empty")),
    (r" (?P<value>.+) is not an integer value", QT_TRANSLATE_NOOP("Refusal", "%field %value is not a whole number")),
    (r" (?P<value>.+) is not a real value", QT_TRANSLATE_NOOP("Refusal", "%field %value is not a number")),
    (r" (?P<value>.+) is not a boolean value", QT_TRANSLATE_NOOP("Refusal", "%field %value is not yes or no")),
    (r" (?P<value>.+) is not a date value", QT_TRANSLATE_NOOP("Refusal", "%field %value is not a date (YYYY-MM-DD)")),
    (r" (?P<value>.+) is not one of .+", QT_TRANSLATE_NOOP("Refusal", "%field %value is not one of the allowed values")),
    (r" (?P<value>.+) is already used", QT_TRANSLATE_NOOP("Refusal", "%field %value is already used")),
    (r" (?P<value>.+) is below (?P<limit>\S+)", QT_TRANSLATE_NOOP("Refusal", "%field %value is below %limit")),
    (r" (?P<value>.+) is above (?P<limit>\S+)", QT_TRANSLATE_NOOP("Refusal", "%field %value is above %limit")),
))
"""The schema's refusal reasons (``Field.check``) and how the UI says them, field names as labels."""


def explain(reason: str, layer: str | None = None) -> str:
    """A refusal in the UI language: 'pipes P2: dn -5 is below 1' → 'Pipes P2: DN (mm) -5 is below 1'
    (管线 P2：管径 …). Reasons the schema did not write are returned as they are."""
    found = re.fullmatch(r"(?P<layer>[a-z_]+) (?P<id>[^:]+): (?P<rest>.+)", reason)
    prefix = ""
    if found and found["layer"] in schema.LAYERS:
        layer = found["layer"]
        prefix = f"{labels.layer_label(layer)} {found['id']}: "
        reason = found["rest"]
    for pattern, text in _REASONS:
        hit = pattern.fullmatch(reason)
        if hit and (layer is None or labels.field_spec(layer, hit["field"]) is not None):
            words = hit.groupdict()
            out = QCoreApplication.translate("Refusal", text)
            names = {labels.field_label(name, words["field"], with_unit=False) for name in ([layer] if layer else
                     [n for n, spec in schema.LAYERS.items() if words["field"] in spec.field_names])}
            out = out.replace("%field", names.pop() if len(names) == 1 else words["field"])
            for key in ("value", "limit"):
                if words.get(key) is not None:
                    out = out.replace(f"%{key}", words[key])
            return prefix + out
    return prefix + reason


def _live_check(edit: QLineEdit, f: schema.Field, layer: str | None = None) -> None:
    """Colour the line edit and say why while its text would be refused."""
    edit.field = f

    def check(text: str) -> None:
        value = typed(f, text.strip() or None)
        reason = f.check(value) if f.kind != schema.TEXT else (f.check(None) if value is None else None)
        reason = explain(reason, layer) if reason else reason
        edit.setStyleSheet(INVALID_STYLE if reason else "")
        edit.setToolTip(reason or "")
        # say why right away, not only on hover: beside the editor and in the window's status bar
        if reason and edit.isVisible():
            QToolTip.showText(edit.mapToGlobal(QPoint(0, edit.height())), reason, edit)
        elif edit.isVisible():
            QToolTip.hideText()
        bar = getattr(edit.window(), "statusBar", None)
        if callable(bar) and isinstance(edit.window(), QMainWindow):
            if reason:
                bar().showMessage(reason, 8000)
            else:
                bar().clearMessage()

    edit.textChanged.connect(check)


def find_value(box: QComboBox, value: Any) -> int:
    """Index of the entry holding ``value`` (the empty entry for None), −1 when none does."""
    for i in range(box.count()):
        data = box.itemData(i)
        if (data is EMPTY and value is None) or (data is not EMPTY and value is not None and data == value):
            return i
    return -1


def editor_value(editor: QWidget) -> Any:
    """The value an editor holds: the code of a picked entry, else the typed text (None when empty)."""
    if isinstance(editor, QComboBox):
        text = editor.currentText().strip()
        if editor.isEditable():
            # typed text that is one of the entries (its label or its value) means that entry
            for i in range(editor.count()):
                if text and text in (editor.itemText(i), str(editor.itemData(i))):
                    data = editor.itemData(i)
                    return None if data is EMPTY else data
            f = getattr(editor.lineEdit(), "field", None)
            return typed(f, text or None) if f is not None else text or None
        data = editor.currentData()
        return None if data is EMPTY else data
    if isinstance(editor, QLineEdit):
        f = getattr(editor, "field", None)
        text = editor.text().strip() or None
        return typed(f, text) if f is not None else text
    return None


def editor_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value)


def same_value(new: Any, old: Any) -> bool:
    """True when committing ``new`` would change nothing."""
    if new is None or old is None:
        return new is None and old is None
    if isinstance(new, str) and not isinstance(old, str):
        return new == editor_text(old)
    try:
        return bool(new == old)
    except (TypeError, ValueError):
        return False
