"""Attribute tables: a Qt model straight over a layer's DataFrame, and the dock around it.

:class:`FeatureTableModel` reads cells from the frame on demand (nothing is
copied into widgets). Sorting and the text filter are computed with numpy and
pandas over whole columns and kept as a row order, so a table of a million
pipes sorts in well under a second — a ``QSortFilterProxyModel`` would call
back into Python for every comparison. Values display through the schema
(labels for coded values, units in the headers, nulls empty).

Editing: ``AttributeTable.set_editing(delegate)`` makes the cells editable
with a value delegate (the editing package's, which checks values against the
schema and commits each change as one undo step through the session); cells
tell the delegate their layer, field, frame row and stored value through
``LAYER_ROLE``, ``FIELD_ROLE``, ``ROW_ROLE`` and ``VALUE_ROLE``. After an
edit the table keeps its sort, filter, scroll position and column widths.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gisheat.core import schema
from gisheat.ui import labels
from gisheat.ui.session import Session

LAYER_ROLE = Qt.ItemDataRole.UserRole + 20
"""Role of a cell's layer name (for value delegates)."""
FIELD_ROLE = Qt.ItemDataRole.UserRole + 21
"""Role of a cell's field (column) name."""
ROW_ROLE = Qt.ItemDataRole.UserRole + 22
"""Role of a cell's row in the layer's frame."""
VALUE_ROLE = Qt.ItemDataRole.UserRole + 23
"""Role of a cell's stored value (as read, not as displayed)."""


class FeatureTableModel(QAbstractTableModel):
    """Rows of one layer in display order (sorted, filtered); ``order[i]`` is the frame row."""

    def __init__(self, layer: str, frame: pd.DataFrame, parent=None) -> None:
        super().__init__(parent)
        self.layer = layer
        self.frame = frame
        geometry = getattr(frame, "_geometry_column_name", None)
        self.columns = [c for c in frame.columns if c != geometry]
        self._series = [frame[c] for c in self.columns]
        self._numeric = [pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype)
                         for s in self._series]
        self._text_cache: dict[int, pd.Series] = {}
        self.order = np.arange(len(frame), dtype=np.int64)
        self._position: np.ndarray | None = None
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder
        self.filter_text = ""
        self.only_rows: np.ndarray | None = None
        self.editable = False

    def set_frame(self, frame: pd.DataFrame) -> None:
        """Show a new frame of the same layer (after an edit), keeping sort and filter."""
        self.beginResetModel()
        self.frame = frame
        geometry = getattr(frame, "_geometry_column_name", None)
        self.columns = [c for c in frame.columns if c != geometry]
        self._series = [frame[c] for c in self.columns]
        self._numeric = [pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype)
                         for s in self._series]
        self._text_cache = {}
        if self.sort_column >= len(self.columns):
            self.sort_column = -1
        if self.only_rows is not None:
            self.only_rows = self.only_rows[self.only_rows < len(frame)]
        self.order = np.arange(len(frame), dtype=np.int64)
        self._position = None
        self.endResetModel()
        self._recompute()

    # --- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            row = int(self.order[index.row()])
            value = self._series[index.column()].iat[row]
            return labels.display_value(self.layer, self.columns[index.column()], value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self._numeric[index.column()]:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == VALUE_ROLE:
            return self._series[index.column()].iat[int(self.order[index.row()])]
        if role == FIELD_ROLE:
            return self.columns[index.column()]
        if role == ROW_ROLE:
            return int(self.order[index.row()])
        if role == LAYER_ROLE:
            return self.layer
        return None

    def flags(self, index: QModelIndex):
        flags = super().flags(index)
        if self.editable and index.isValid():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return labels.field_label(self.layer, self.columns[section])
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.columns[section]
        elif role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column = column
        self.sort_order = order
        self._recompute()

    # --- order ---------------------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip()
        self._recompute()

    def set_only_rows(self, rows: np.ndarray | None) -> None:
        """Show only these frame rows (e.g. 'selected only'); None shows all."""
        self.only_rows = rows
        self._recompute()

    def _column_text(self, col: int) -> pd.Series:
        """Lower-case text of a column as the user reads it (labels too), as Arrow strings."""
        if col not in self._text_cache:
            series = self._series[col]
            name = self.columns[col]
            spec = labels.field_spec(self.layer, name)
            if spec is not None and spec.choices is not None or pd.api.types.is_bool_dtype(series.dtype):
                codes, uniques = pd.factorize(series, use_na_sentinel=True)
                shown = np.array([(labels.display_value(self.layer, name, u) + " " + str(u)).lower()
                                  for u in uniques] + [""], dtype=object)
                out = pd.Series(shown[codes], dtype="string[pyarrow]")
            else:
                out = series.astype("string[pyarrow]").str.lower().reset_index(drop=True)
            self._text_cache[col] = out
        return self._text_cache[col]

    def _recompute(self) -> None:
        self.layoutAboutToBeChanged.emit()
        n = len(self.frame)
        keep = np.ones(n, dtype=bool)
        if self.only_rows is not None:
            keep[:] = False
            keep[self.only_rows] = True
        if self.filter_text:
            needle = self.filter_text.lower()
            hit = np.zeros(n, dtype=bool)
            for col in range(len(self.columns)):
                found = self._column_text(col).str.contains(needle, regex=False)
                hit |= found.to_numpy(dtype=bool, na_value=False)
            keep &= hit
        rows = np.flatnonzero(keep)
        if self.sort_column >= 0:
            rows = rows[self._sort_keys(self.sort_column, rows)]
        self.order = rows.astype(np.int64)
        self._position = None
        self.layoutChanged.emit()

    def _sort_keys(self, col: int, rows: np.ndarray) -> np.ndarray:
        series = self._series[col].iloc[rows]
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        if self._numeric[col]:
            values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
            nulls = np.isnan(values)
            key = -values if descending else values
            key = np.where(nulls, np.inf, key)
            return np.lexsort((rows, key))
        text = series.astype("string").fillna("")
        codes, uniques = pd.factorize(text, sort=True)
        rank = codes.astype(np.int64)
        if descending:
            rank = len(uniques) - 1 - rank
        nulls = text.to_numpy(dtype=object) == ""
        rank = np.where(nulls, len(uniques) + 1, rank)
        return np.lexsort((rows, rank))

    def display_row(self, frame_row: int) -> int:
        """Row in the view of a frame row (−1 when filtered out)."""
        if self._position is None:
            self._position = np.full(len(self.frame), -1, dtype=np.int64)
            self._position[self.order] = np.arange(len(self.order))
        return int(self._position[frame_row])

    def display_rows(self, frame_rows: np.ndarray) -> np.ndarray:
        if len(frame_rows) == 0:
            return np.empty(0, dtype=np.int64)
        self.display_row(int(frame_rows[0]))
        pos = self._position[frame_rows]
        return np.sort(pos[pos >= 0])


class AttributeTable(QWidget):
    """The attribute table dock's content: layer chooser, filter, the table."""

    zoom_to_feature = Signal(str, int)

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.model: FeatureTableModel | None = None
        self._syncing = False
        self._value_delegate = None
        self.layer_box = QComboBox()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter rows…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.selected_only = QCheckBox(self.tr("Selected only"))
        self.count_label = QLabel()
        self.view = QTableView()
        self._plain_delegate = self.view.itemDelegate()
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.horizontalHeader().setResizeContentsPrecision(50)  # size columns from a sample of rows
        self.view.doubleClicked.connect(self._double_clicked)
        top = QHBoxLayout()
        top.addWidget(self.layer_box)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.selected_only)
        top.addWidget(self.count_label)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.view)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _: self._filter_timer.start())
        self.selected_only.toggled.connect(lambda _: self.apply_filter())
        self.layer_box.currentIndexChanged.connect(self._layer_chosen)
        session.network_loaded.connect(self._reload_layers)
        session.layer_changed.connect(self._layer_changed)
        session.selection_changed.connect(self._selection_changed)

    @property
    def layer(self) -> str | None:
        return self.layer_box.currentData()

    def _reload_layers(self) -> None:
        current = self.layer
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        names = self.session.layer_names()
        ordered = [n for n in schema.LAYERS if n in names] + [n for n in names if n not in schema.LAYERS]
        for name in ordered:
            self.layer_box.addItem(labels.layer_label(name), name)
        self.layer_box.blockSignals(False)
        idx = self.layer_box.findData(current if current in names else "pipes")
        self.layer_box.setCurrentIndex(max(idx, 0))
        self._layer_chosen()

    def show_layer(self, name: str) -> None:
        idx = self.layer_box.findData(name)
        if idx >= 0:
            self.layer_box.setCurrentIndex(idx)

    def set_editing(self, delegate) -> None:
        """Cells editable through ``delegate`` (double-click, F2 or typing), or read-only (None)."""
        self._value_delegate = delegate
        triggers = QAbstractItemView.EditTrigger
        if delegate is not None:
            self.view.setItemDelegate(delegate)
            self.view.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        else:
            self.view.setItemDelegate(self._plain_delegate)
            self.view.setEditTriggers(triggers.NoEditTriggers)
        if self.model is not None:
            self.model.editable = delegate is not None

    def _layer_chosen(self) -> None:
        name = self.layer
        if name is None or not self.session.has_network:
            self.view.setModel(None)
            self.model = None
            return
        self.model = FeatureTableModel(name, self.session.layer(name), self)
        self.model.editable = self._value_delegate is not None
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.selectionModel().selectionChanged.connect(self._table_selection_changed)
        self.view.resizeColumnsToContents()
        for col in range(self.model.columnCount()):
            self.view.setColumnWidth(col, min(max(self.view.columnWidth(col), 60), 220))
        self.apply_filter()

    def _layer_changed(self, name: str) -> None:
        if name != self.layer:
            return
        if self.model is None or self.model.layer != name or not self.session.has_network:
            self._layer_chosen()
            return
        # an edit: same model, new frame; keep sort, filter, scroll position and column widths
        header = self.view.horizontalHeader()
        widths = {c: header.sectionSize(i) for i, c in enumerate(self.model.columns)}
        scroll = self.view.verticalScrollBar().value()
        hscroll = self.view.horizontalScrollBar().value()
        current = self.view.currentIndex()
        current_row = int(self.model.order[current.row()]) if current.isValid() else -1
        current_column = self.model.columns[current.column()] if current.isValid() else None
        self.model.set_frame(self.session.layer(name))
        for i, c in enumerate(self.model.columns):
            if c in widths:
                self.view.setColumnWidth(i, widths[c])
        self.apply_filter()
        self.view.verticalScrollBar().setValue(scroll)
        self.view.horizontalScrollBar().setValue(hscroll)
        if current_row >= 0 and current_column in self.model.columns and current_row < len(self.model.frame):
            shown = self.model.display_row(current_row)
            if shown >= 0:
                self.view.selectionModel().setCurrentIndex(
                    self.model.index(shown, self.model.columns.index(current_column)),
                    QItemSelectionModel.SelectionFlag.NoUpdate)

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        if self.model is None:
            return
        only = self.session.selection(self.model.layer) if self.selected_only.isChecked() else None
        self.model.only_rows = only
        self.model.set_filter(self.filter_edit.text())
        self._update_count()
        self._selection_changed(self.model.layer)

    def _update_count(self) -> None:
        if self.model is None:
            self.count_label.setText("")
            return
        shown, total = self.model.rowCount(), len(self.model.frame)
        selected = len(self.session.selection(self.model.layer))
        self.count_label.setText(self.tr("%1 of %2 rows, %3 selected").replace("%1", f"{shown:,}")
                                 .replace("%2", f"{total:,}").replace("%3", f"{selected:,}"))

    def _table_selection_changed(self, *_):
        if self._syncing or self.model is None:
            return
        rows = self.view.selectionModel().selectedRows()
        display = np.array([i.row() for i in rows], dtype=np.int64)
        frame_rows = self.model.order[display] if len(display) else np.empty(0, dtype=np.int64)
        self._syncing = True
        try:
            if len(frame_rows):  # as on the map: a new selection in one layer replaces the others
                for other in self.session.selected_layers():
                    if other != self.model.layer:
                        self.session.clear_selection(other)
            self.session.set_selection(self.model.layer, frame_rows)
        finally:
            self._syncing = False
        self._update_count()

    def _selection_changed(self, layer: str) -> None:
        if self.model is None or layer != self.model.layer or self._syncing:
            return
        rows = self.model.display_rows(self.session.selection(layer))
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        if len(rows):
            breaks = np.flatnonzero(np.diff(rows) != 1)
            starts = np.concatenate([[rows[0]], rows[breaks + 1]])
            ends = np.concatenate([rows[breaks], [rows[-1]]])
            for a, b in zip(starts, ends, strict=True):
                selection.select(self.model.index(int(a), 0), self.model.index(int(b), last))
        self._syncing = True
        try:
            sm = self.view.selectionModel()
            sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if len(rows):
                self.view.scrollTo(self.model.index(int(rows[0]), 0))
        finally:
            self._syncing = False
        self._update_count()

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.model is not None and index.isValid() and not self.model.editable:
            self.zoom_to_feature.emit(self.model.layer, int(self.model.order[index.row()]))
