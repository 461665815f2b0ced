"""Dock contents: the layer panel (visibility, order, legend, style) and the identify panel.

Docks of other features (incident panel, renewal workspace) are added by the
main window's ``add_dock(widget, title, area, name)``; they read and write
through the :class:`~gisheat.ui.session.Session` and its signals.

Hooks for editing: ``IdentifyPanel.set_editing(delegate)`` makes the values
editable through a value delegate (see :mod:`gisheat.ui.table` for the roles
it reads) and lists the layer's schema fields the file lacks (grey) to fill
in; the panel follows edits of the feature it shows (by id). The layer
panel's context menu emits ``LayerPanel.export_requested(layer)``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gisheat.core import schema
from gisheat.ui import labels
from gisheat.ui.map import style as st
from gisheat.ui.map.canvas import MapCanvas
from gisheat.ui.map.layers import LINE, POINT, POLYGON, SYMBOL_PATHS, MapLayer
from gisheat.ui.session import Session, id_field_of
from gisheat.ui.table import FIELD_ROLE, ROW_ROLE, VALUE_ROLE
from gisheat.ui.table import LAYER_ROLE as CELL_LAYER_ROLE

LAYER_ROLE = Qt.ItemDataRole.UserRole
OVERLAY_ROLE = Qt.ItemDataRole.UserRole + 1


def swatch(symbol: st.Symbol, kind: str, size: QSize = QSize(22, 16)) -> QIcon:  # noqa: B008
    """A legend icon for a symbol."""
    ratio = 2.0
    pm = QPixmap(int(size.width() * ratio), int(size.height() * ratio))
    pm.setDevicePixelRatio(ratio)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    w, h = size.width(), size.height()
    if kind == LINE:
        pen = QPen(QColor(symbol.color))
        pen.setWidthF(max(symbol.width, 1.0))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        if symbol.dash:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(2, h / 2), QPointF(w - 2, h / 2))
    elif kind == POLYGON:
        fill = QColor(symbol.color)
        fill.setAlpha(max(symbol.fill_alpha, 60))
        pen = QPen(QColor(symbol.outline))
        pen.setWidthF(1.2)
        if symbol.dash:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(fill)
        p.drawRect(QRectF(3, 2, w - 6, h - 4))
    else:
        s = min(symbol.size, h - 2, 14)
        p.translate(w / 2, h / 2)
        p.setPen(QPen(QColor(symbol.outline if symbol.outline != "#ffffff" else "#607d8b"), 1.2 / max(s, 1) * 1.0))
        p.setBrush(QColor(symbol.color))
        p.scale(s, s)
        pen = QPen(QColor(symbol.outline if symbol.outline != "#ffffff" else "#607d8b"))
        pen.setWidthF(1.2 / s)
        p.setPen(pen)
        path = SYMBOL_PATHS.get(symbol.shape)
        if path is not None:
            p.drawPath(path)
        elif symbol.shape == "s":
            p.drawRect(QRectF(-0.45, -0.45, 0.9, 0.9))
        else:
            p.drawEllipse(QPointF(0, 0), 0.45, 0.45)
    p.end()
    return QIcon(pm)


class LayerTree(QTreeWidget):
    """Top-level items can be dragged to reorder; nothing nests."""

    reordered = Signal()

    def dropEvent(self, event) -> None:
        target = self.itemAt(event.position().toPoint())
        moving = self.currentItem()
        if moving is None or moving.parent() is not None or moving.data(0, LAYER_ROLE) is None:
            event.ignore()
            return
        if target is not None and target.parent() is not None:
            target = target.parent()
        if target is None or target is moving or target.data(0, LAYER_ROLE) is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        to = self.indexOfTopLevelItem(target)
        self._move_to = (moving.data(0, LAYER_ROLE), to)
        self.reordered.emit()


class LayerPanel(QWidget):
    """Layers in drawing order (top first) with checkboxes, legends and a style button."""

    active_layer_changed = Signal(str)
    export_requested = Signal(str)

    def __init__(self, canvas: MapCanvas, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.session = session
        self.tree = LayerTree()
        self.tree.setHeaderHidden(True)
        self.tree.setIconSize(QSize(22, 16))
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setIndentation(14)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.reordered.connect(self._dropped)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.up_button = self._button("fa5s.arrow-up", self.tr("Move layer up"), lambda: self.move_active(-1))
        self.down_button = self._button("fa5s.arrow-down", self.tr("Move layer down"), lambda: self.move_active(1))
        self.style_button = self._button("fa5s.palette", self.tr("Layer style…"), self.edit_style)
        self.zoom_button = self._button("fa5s.search-location", self.tr("Zoom to layer"), self.zoom_to_active)
        for b in (self.up_button, self.down_button, self.style_button, self.zoom_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(buttons)
        lay.addWidget(self.tree)
        self._active = "pipes"
        self._rebuilding = False
        # rebuild after the current event: the tree must not be cleared while its own
        # itemChanged signal (a checkbox click) is still being delivered
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(0)
        self._rebuild_timer.timeout.connect(self.rebuild)
        canvas.layers_changed.connect(self._rebuild_timer.start)

    def _button(self, icon: str, tip: str, slot) -> QToolButton:
        from gisheat.ui.icons import icon as make_icon

        b = QToolButton()
        b.setIcon(make_icon(icon))
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    @property
    def active_layer(self) -> str:
        return self._active

    def set_active_layer(self, name: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, LAYER_ROLE) == name:
                self.tree.setCurrentItem(item)
                return

    def rebuild(self) -> None:
        self._rebuild_timer.stop()
        self._rebuilding = True
        expanded = {self.tree.topLevelItem(i).data(0, LAYER_ROLE): self.tree.topLevelItem(i).isExpanded()
                    for i in range(self.tree.topLevelItemCount())}
        self.tree.clear()
        for name, overlay in self.canvas.overlays.items():
            top = QTreeWidgetItem([overlay.title])
            top.setData(0, OVERLAY_ROLE, name)
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            top.setCheckState(0, Qt.CheckState.Checked if overlay.items and overlay.items[0].isVisible()
                              else Qt.CheckState.Unchecked)
            f = top.font(0)
            f.setBold(True)
            top.setFont(0, f)
            self.tree.addTopLevelItem(top)
            for entry in overlay.legend:
                kind = LINE if entry.symbol.shape == "line" else POINT
                child = QTreeWidgetItem([f"{entry.label} ({entry.count:,})"])
                child.setIcon(0, swatch(entry.symbol, kind))
                child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
                top.addChild(child)
            top.setExpanded(True)
        current = None
        for name in self.canvas.order:
            layer = self.canvas.layers[name]
            top = QTreeWidgetItem([layer.label])
            top.setData(0, LAYER_ROLE, name)
            top.setFlags((top.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
                         & ~Qt.ItemFlag.ItemIsDropEnabled)
            top.setCheckState(0, Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
            legend = layer.classified.legend
            if len(legend) == 1:
                top.setIcon(0, swatch(legend[0].symbol, layer.kind))
            tip = f"{layer.label}: {layer.feature_count:,}"
            if not layer.in_scale:
                top.setForeground(0, QBrush(QColor("#9e9e9e")))
                suffix = (self.tr("zoom in") if layer.too_dense or layer.max_scale <= 0
                          else self.tr("from 1:%1").replace("%1", f"{layer.max_scale:,.0f}".replace(",", " ")))
                top.setText(0, f"{layer.label}  ({suffix})")
                if layer.too_dense:
                    tip += " — " + self.tr("hidden: too many symbols at this scale, zoom in")
                else:
                    tip += " — " + self.tr("hidden at this scale (shown from 1:%1)").replace(
                        "%1", f"{layer.max_scale:,.0f}")
            top.setToolTip(0, tip)
            self.tree.addTopLevelItem(top)
            if len(legend) > 1:
                if layer.theme_name:
                    theme = self.session.themes.get((name, layer.theme_name))
                    head = QTreeWidgetItem([(theme.label if theme is not None else "") or layer.theme_name])
                    head.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    top.addChild(head)
                for entry in legend:
                    child = QTreeWidgetItem([f"{entry.label} ({entry.count:,})"])
                    child.setIcon(0, swatch(entry.symbol, layer.kind))
                    child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    top.addChild(child)
                if layer.kind == LINE and layer.style.width_by_dn and "dn" in layer.frame.columns:
                    widths = QTreeWidgetItem([self.tr("Line width by DN")])
                    widths.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    top.addChild(widths)
                    bounds = [b for b, _ in st.DN_WIDTHS]
                    for i, (lower, width) in enumerate(st.DN_WIDTHS):
                        text = (f"DN < {bounds[1]}" if i == 0 else f"DN ≥ {lower}" if i == len(bounds) - 1
                                else f"DN {lower}–{bounds[i + 1] - 1}")
                        child = QTreeWidgetItem([text])
                        child.setIcon(0, swatch(st.Symbol(color="#546e7a", width=width), LINE))
                        child.setFlags(Qt.ItemFlag.ItemIsEnabled)
                        widths.addChild(child)
                    widths.setExpanded(False)
                if layer.name == "pipes" and layer.style.field != "status":
                    n_out = layer.not_in_service
                    if n_out:
                        child = QTreeWidgetItem([self.tr("Abandoned or planned (dashed)") + f" ({n_out:,})"])
                        child.setIcon(0, swatch(st.Symbol(color="#78909c", width=1.5, dash=True), LINE))
                        child.setFlags(Qt.ItemFlag.ItemIsEnabled)
                        top.addChild(child)
                top.setExpanded(expanded.get(name, name in ("pipes", "valves", "customers")))
            if name == self._active:
                current = top
        if current is not None:
            self.tree.setCurrentItem(current)
        self._rebuilding = False

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._rebuilding:
            return
        checked = item.checkState(0) == Qt.CheckState.Checked
        name = item.data(0, LAYER_ROLE)
        if name is not None:
            if self.canvas.layers[name].visible != checked:
                self.canvas.set_layer_visible(name, checked)
            return
        overlay = item.data(0, OVERLAY_ROLE)
        if overlay is not None:
            for it in self.canvas.overlays[overlay].items:
                it.setVisible(checked)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is None or self._rebuilding:
            return
        while current.parent() is not None:
            current = current.parent()
        name = current.data(0, LAYER_ROLE)
        if name is not None and name != self._active:
            self._active = name
            self.active_layer_changed.emit(name)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.parent() is None and item.data(0, LAYER_ROLE) is not None:
            self.edit_style()

    def context_menu(self, item: QTreeWidgetItem) -> QMenu | None:
        """Style, zoom and export for a layer's row (None for overlays and legend rows)."""
        while item is not None and item.parent() is not None:
            item = item.parent()
        name = item.data(0, LAYER_ROLE) if item is not None else None
        if name is None:
            return None
        self.tree.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.tr("Layer style…"), self.edit_style)
        menu.addAction(self.tr("Zoom to layer"), self.zoom_to_active)
        menu.addSeparator()
        menu.addAction(self.tr("Export…"), lambda: self.export_requested.emit(name))
        return menu

    def _context_menu(self, pos) -> None:
        menu = self.context_menu(self.tree.itemAt(pos))
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _dropped(self) -> None:
        name, to = self.tree._move_to
        overlays = len(self.canvas.overlays)
        self.canvas.move_layer(name, to - overlays)

    def move_active(self, step: int) -> None:
        if self._active not in self.canvas.order:
            return
        i = self.canvas.order.index(self._active)
        self.canvas.move_layer(self._active, i + step)

    def zoom_to_active(self) -> None:
        layer = self.canvas.layers.get(self._active)
        if layer is not None and layer.bounds is not None:
            self.canvas.zoom_to(layer.bounds, margin=0.03)

    def edit_style(self) -> None:
        layer = self.canvas.layers.get(self._active)
        if layer is None:
            return
        dialog = StyleDialog(layer, self.session, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a million pipes take a second
            try:
                dialog.apply(self.canvas)
            finally:
                QApplication.restoreOverrideCursor()


class StyleDialog(QDialog):
    """Single symbol, categorised or graduated, for one layer."""

    def __init__(self, layer: MapLayer, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.layer = layer
        self.session = session
        self.setWindowTitle(self.tr("Style of %1").replace("%1", layer.label))
        self.mode_box = QComboBox()
        self.mode_box.addItem(self.tr("Single symbol"), st.SINGLE)
        self.mode_box.addItem(self.tr("Categorised"), st.CATEGORIZED)
        self.mode_box.addItem(self.tr("Graduated"), st.GRADUATED)
        self.field_box = QComboBox()
        self.ramp_box = QComboBox()
        for key, text in (("yellow_red", self.tr("Yellow to red")), ("red_green", self.tr("Green to red")),
                          ("blues", self.tr("Blues")), ("viridis", self.tr("Viridis"))):
            self.ramp_box.addItem(text, key)
        self.reverse_box = QCheckBox(self.tr("Reverse colours"))
        self.classes_box = QSpinBox()
        self.classes_box.setRange(2, 9)
        self.method_box = QComboBox()
        self.method_box.addItem(self.tr("Quantiles"), "quantile")
        self.method_box.addItem(self.tr("Equal intervals"), "equal")
        self.colour_button = QPushButton()
        self.colour_button.clicked.connect(self._pick_colour)
        self.width_box = QCheckBox(self.tr("Width by DN"))
        self.preview = QListWidget()
        self.preview.setIconSize(QSize(22, 16))
        form = QFormLayout()
        form.addRow(self.tr("Style"), self.mode_box)
        form.addRow(self.tr("Field"), self.field_box)
        form.addRow(self.tr("Colour"), self.colour_button)
        form.addRow(self.tr("Colour ramp"), self.ramp_box)
        form.addRow("", self.reverse_box)
        form.addRow(self.tr("Classes"), self.classes_box)
        form.addRow(self.tr("Method"), self.method_box)
        if layer.kind == LINE:
            form.addRow("", self.width_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(self.tr("Legend")))
        lay.addWidget(self.preview)
        self.classes_note = QLabel()
        self.classes_note.setWordWrap(True)
        self.classes_note.setStyleSheet("color: #8d6e63;")
        lay.addWidget(self.classes_note)
        lay.addWidget(buttons)
        self._form = form
        s = layer.style
        self._colour = s.symbol.color
        self.classes_box.setValue(s.n_classes)
        self.reverse_box.setChecked(s.reverse)
        self.width_box.setChecked(s.width_by_dn)
        self.ramp_box.setCurrentIndex(max(0, self.ramp_box.findData(s.ramp)))
        self.mode_box.setCurrentIndex(self.mode_box.findData(s.kind))
        self._fill_fields()
        if layer.theme_name:
            self.field_box.setCurrentIndex(max(0, self.field_box.findData("theme:" + layer.theme_name)))
        elif s.field:
            self.field_box.setCurrentIndex(max(0, self.field_box.findData(s.field)))
        self.mode_box.currentIndexChanged.connect(self._mode_changed)
        self.field_box.currentIndexChanged.connect(self._field_chosen)
        for w in (self.field_box, self.ramp_box, self.method_box):
            w.currentIndexChanged.connect(self.update_preview)
        self.reverse_box.toggled.connect(self.update_preview)
        self.width_box.toggled.connect(self.update_preview)
        self.classes_box.valueChanged.connect(self.update_preview)
        self._mode_changed()
        self.resize(380, 460)

    @property
    def mode(self) -> str:
        return self.mode_box.currentData()

    def set_mode(self, mode: str, field: str | None = None) -> None:
        self.mode_box.setCurrentIndex(self.mode_box.findData(mode))
        if field is not None:
            i = self.field_box.findData(field)
            if i < 0:
                raise KeyError(field)
            self.field_box.setCurrentIndex(i)

    def _fill_fields(self) -> None:
        self.field_box.blockSignals(True)
        self.field_box.clear()
        frame = self.layer.frame
        if self.mode == st.CATEGORIZED:
            if self.layer.name == "valves":
                self.field_box.addItem(self.tr("Valve state"), st.VALVE_STATE)
            for name in st.text_fields(frame):
                self.field_box.addItem(labels.field_label(self.layer.name, name, with_unit=False), name)
            for theme in self.session.themes_for(self.layer.name):
                if theme.extra.get("categorical"):
                    self.field_box.addItem(theme.label or theme.name, "theme:" + theme.name)
        elif self.mode == st.GRADUATED:
            for name in st.numeric_fields(frame):
                self.field_box.addItem(labels.field_label(self.layer.name, name), name)
            for theme in self.session.themes_for(self.layer.name):
                if not theme.extra.get("categorical"):
                    self.field_box.addItem(theme.label or theme.name, "theme:" + theme.name)
        self.field_box.blockSignals(False)

    def _field_chosen(self) -> None:
        """Years read as age: the oldest pipes get the strong end of the ramp (the user can untick it)."""
        field = self.field_box.currentData()
        if self.mode == st.GRADUATED and isinstance(field, str):
            self.reverse_box.setChecked(field.endswith("year"))

    def _mode_changed(self) -> None:
        self._fill_fields()
        mode = self.mode
        self._form.setRowVisible(self.field_box, mode != st.SINGLE)
        self._form.setRowVisible(self.colour_button, mode == st.SINGLE)
        for w in (self.ramp_box, self.reverse_box, self.classes_box, self.method_box):
            self._form.setRowVisible(w, mode == st.GRADUATED)
        self.update_preview()

    def _pick_colour(self) -> None:
        colour = QColorDialog.getColor(QColor(self._colour), self)
        if colour.isValid():
            self._colour = colour.name()
            self.update_preview()

    def result(self) -> tuple[st.LayerStyle, np.ndarray | None, str | None]:
        """The chosen style, the theme values (if any) and the theme's name."""
        base = self.layer.style
        symbol = base.symbol
        mode = self.mode
        field = self.field_box.currentData() if mode != st.SINGLE else None
        numeric = None
        theme_name = None
        coded: dict = {}
        if isinstance(field, str) and field.startswith("theme:"):
            theme_name = field[len("theme:"):]
            theme = self.session.themes[(self.layer.name, theme_name)]
            numeric = theme.aligned(self.layer.frame)
            if mode == st.CATEGORIZED:  # a coded theme brings its own colours and legend text
                coded = {"colours": dict(theme.extra.get("colours", {})), "labels": dict(theme.extra.get("labels", {}))}
        if mode == st.SINGLE:
            symbol = st.Symbol(**{**symbol.__dict__, "color": self._colour})
        breaks = None
        if mode == st.GRADUATED:
            values = numeric if numeric is not None else schema.numeric_column(self.layer.frame, field or "")
            n = self.classes_box.value()
            breaks = (st.equal_breaks(values, n) if self.method_box.currentData() == "equal"
                      else st.quantile_breaks(values, n))
        style = st.LayerStyle(
            kind=mode, symbol=symbol, field=field, ramp=self.ramp_box.currentData(),
            reverse=self.reverse_box.isChecked(), n_classes=self.classes_box.value(), breaks=breaks,
            width_by_dn=self.width_box.isChecked() if self.layer.kind == LINE else False, **coded,
        )
        return style, numeric, theme_name

    def update_preview(self) -> None:
        self.colour_button.setIcon(swatch(st.Symbol(color=self._colour, size=12, shape="s"), POINT))
        self.colour_button.setText(self._colour)
        style, numeric, _ = self.result()
        classified = st.classify(style, self.layer.frame, numeric=numeric, value_label=labels.value_label,
                                 layer=self.layer.name)
        self.preview.clear()
        for entry in classified.legend:
            item = QListWidgetItem(swatch(entry.symbol, self.layer.kind),
                                   f"{entry.label or self.layer.label} ({entry.count:,})")
            self.preview.addItem(item)
        note = ""
        if style.kind == st.GRADUATED and style.breaks is not None:
            made = len(style.breaks) + 1
            if made < style.n_classes:  # equal quantiles merge: say so rather than give fewer silently
                note = self.tr("%1 classes, not %2: the values have too few distinct levels for more.") \
                    .replace("%1", str(made)).replace("%2", str(style.n_classes))
        self.classes_note.setText(note)
        self.classes_note.setVisible(bool(note))

    def apply(self, canvas: MapCanvas) -> None:
        style, numeric, theme = self.result()
        canvas.set_layer_style(self.layer.name, style, numeric, theme)


class IdentifyPanel(QWidget):
    """Attributes of the identified feature, with schema labels and units; a list of what else is there."""

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = QLabel(self.tr("Click a feature on the map with the Identify tool."))
        self.title.setWordWrap(True)
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.here = QComboBox()
        self.here.setToolTip(self.tr("Everything under the click"))
        self.here.activated.connect(self._here_chosen)
        self.here.setVisible(False)
        self.edit_hint = QLabel(self.tr("Double-click a value to change it."))
        self.edit_hint.setStyleSheet("color: #e65100;")
        self.edit_hint.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.title)
        lay.addWidget(self.here)
        lay.addWidget(self.tree)
        lay.addWidget(self.edit_hint)
        self.layer: str | None = None
        self.row: int | None = None
        self.feature_id: str | None = None
        self._delegate = None
        self._plain_delegate = self.tree.itemDelegateForColumn(1)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        session.network_loaded.connect(self.clear)
        session.layer_changed.connect(self._layer_changed)

    def set_editing(self, delegate) -> None:
        """Values editable through ``delegate`` (double-click or F2), or read-only (None)."""
        self._delegate = delegate
        self.tree.setItemDelegateForColumn(1, delegate if delegate is not None else self._plain_delegate)
        self.edit_hint.setVisible(delegate is not None and self.layer is not None)
        if self.layer is not None and self.row is not None:
            self.show_feature(self.layer, self.row)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        """Editing: a double-click anywhere on a field's row edits its value."""
        if self._delegate is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.tree.editItem(item, 1)

    def _layer_changed(self, name: str) -> None:
        """An edit changed a layer: show the same feature again (found by id), or nothing if it is gone."""
        if name != self.layer or self.row is None or not self.session.has_network:
            return
        frame = self.session.layer(name)
        row = self.row
        id_field = id_field_of(name, frame)
        if id_field is not None and self.feature_id is not None:
            same = row < len(frame) and str(frame[id_field].iloc[row]) == self.feature_id
            if not same:
                found = np.flatnonzero(frame[id_field].astype(object).to_numpy() == self.feature_id)
                row = int(found[0]) if len(found) else -1
        if not 0 <= row < len(frame):
            self.clear()
            return
        self.show_feature(name, row)

    feature_chosen = Signal(str, int)

    def set_hits(self, hits: list[tuple[str, int]]) -> None:
        """List everything under the click (a valve on a pipe in a district) to switch between."""
        self.here.clear()
        for layer, row in hits:
            frame = self.session.layer(layer)
            id_field = id_field_of(layer, frame)
            ident = labels.display_value(layer, id_field, frame[id_field].iloc[row]) if id_field else f"#{row + 1}"
            self.here.addItem(f"{labels.layer_label(layer)}: {ident}", f"{layer}|{int(row)}")
        self.here.setVisible(len(hits) > 1)

    def _here_chosen(self, index: int) -> None:
        data = self.here.itemData(index)
        if data:
            layer, row = data.rsplit("|", 1)
            self.show_feature(layer, int(row))
            self.feature_chosen.emit(layer, int(row))

    def clear(self) -> None:
        self.layer = self.row = self.feature_id = None
        self.edit_hint.setVisible(False)
        self.here.clear()
        self.here.setVisible(False)
        self.tree.clear()
        self.title.setText(self.tr("Click a feature on the map with the Identify tool."))

    def show_feature(self, layer: str, row: int) -> None:
        self.layer, self.row = layer, row
        index = self.here.findData(f"{layer}|{int(row)}")
        if index >= 0:
            self.here.setCurrentIndex(index)
        frame = self.session.layer(layer)
        record = frame.iloc[row]
        id_field = id_field_of(layer, frame)
        self.feature_id = str(record[id_field]) if id_field else None
        ident = labels.display_value(layer, id_field, record[id_field]) if id_field else ""
        name = labels.display_value(layer, "name", record["name"]) if "name" in frame.columns else ""
        if not ident and not name:  # a feature with neither id nor name: its row, marked as such
            ident = f"#{row + 1}"
        self.title.setText(f"{labels.layer_label(layer)}: " + " ".join(p for p in (ident, name) if p))
        self.edit_hint.setVisible(self._delegate is not None)
        self.tree.clear()
        geometry = getattr(frame, "_geometry_column_name", None)
        columns = [c for c in frame.columns if c != geometry]
        if self._delegate is not None and layer in schema.LAYERS:  # editing: fields the file lacks, to fill in
            columns += [f.name for f in schema.LAYERS[layer].fields if f.name not in frame.columns]
        for col in columns:
            stored = record[col] if col in frame.columns else None
            value = labels.display_value(layer, col, stored)
            item = QTreeWidgetItem([labels.field_label(layer, col), value])
            item.setToolTip(0, str(col))
            if col not in frame.columns:
                item.setForeground(0, QBrush(QColor("#78909c")))
            for role, data in ((CELL_LAYER_ROLE, layer), (FIELD_ROLE, col), (ROW_ROLE, int(row)),
                               (VALUE_ROLE, stored)):
                item.setData(1, role, data)
            if self._delegate is not None:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.tree.addTopLevelItem(item)
        for label, value in self._derived(layer, frame, row):
            item = QTreeWidgetItem([label, value])
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            f = item.font(0)
            f.setItalic(True)
            item.setFont(0, f)
            self.tree.addTopLevelItem(item)

    def _derived(self, layer: str, frame: pd.DataFrame, row: int) -> list[tuple[str, str]]:
        """Facts worth seeing that are not fields: geometry length, break history."""
        out = []
        geometry = getattr(frame, "geometry", None) if hasattr(frame, "_geometry_column_name") else None
        if geometry is not None and layer not in ("valves", "sources", "stations", "customers"):
            g = geometry.iloc[row]
            if g is not None and not g.is_empty and g.geom_type.endswith("LineString"):
                out.append((self.tr("Geometry length (m)"), f"{g.length:,.1f}"))
            elif g is not None and not g.is_empty and g.geom_type.endswith("Polygon"):
                out.append((self.tr("Area (m²)"), f"{g.area:,.0f}"))
        if layer == "pipes" and self.session.network is not None and self.session.network.has("breaks"):
            breaks = self.session.layer("breaks")
            pid = frame["pipe_id"].iloc[row]
            mine = breaks[breaks["pipe_id"].astype(object) == pid] if "pipe_id" in breaks.columns else breaks.iloc[:0]
            text = str(len(mine))
            if len(mine) and "date" in mine.columns:
                text += " (" + self.tr("last %1").replace("%1", labels.display_value("breaks", "date", mine["date"].max())) + ")"
            out.append((self.tr("Recorded breaks"), text))
        return out
