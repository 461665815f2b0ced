"""Search features by id, name or address across layers, and the toolbar box that uses it.

:class:`SearchIndex` is plain pandas (no Qt): lower-cased text columns per
layer, searched with vectorised ``str.contains``; exact id matches first, then
prefixes, then the rest. :class:`SearchBox` is a line edit with a completer
popup; choosing a result emits ``jump(layer, row)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from gisheat.core import schema
from gisheat.core.network import Network
from gisheat.ui import labels
from gisheat.ui.session import id_field_of

TEXT_FIELDS = ("name", "address", "chamber_no")


@dataclass
class Hit:
    layer: str
    row: int
    title: str
    """What the user reads: 'C0001 紫荆购物中心'."""
    rank: int
    matched: str = ""
    """The address or chamber number that matched, when the match was not on the id or name."""


TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
"""What the box shows once a result is chosen: the feature's title only."""


class SearchIndex:
    """Searchable text of every layer with ids, names or addresses (see the module docstring)."""

    def __init__(self, network: Network) -> None:
        self.network = network
        self.columns: list[tuple[str, str, bool, pd.Series]] = []
        names = [n for n in schema.LAYERS if n in network.layers] + network.extra_layer_names()
        for layer in names:
            frame = network.layers[layer]
            if not hasattr(frame, "_geometry_column_name"):
                continue  # tables without geometry (breaks) cannot be jumped to
            id_field = id_field_of(layer, frame)
            fields = ([id_field] if id_field else []) + [f for f in TEXT_FIELDS if f in frame.columns]
            for f in fields:
                # Arrow strings: lower() and contains() run in C over the whole column
                lowered = frame[f].astype("string[pyarrow]").str.lower()
                self.columns.append((layer, f, f == id_field, lowered))

    def title(self, layer: str, row: int) -> str:
        frame = self.network.layers[layer]
        id_field = id_field_of(layer, frame)
        parts = [frame[id_field].iloc[row] if id_field else None,
                 frame["name"].iloc[row] if "name" in frame.columns else None]
        return " ".join(str(p) for p in parts if not schema.is_null(p)) or f"#{row + 1}"

    def search(self, text: str, *, limit: int = 20) -> list[Hit]:
        needle = text.strip().lower()
        if not needle:
            return []
        hits: dict[tuple[str, int], Hit] = {}
        for layer, field, is_id, lowered in self.columns:
            mask = lowered.str.contains(needle, regex=False).fillna(False).to_numpy(dtype=bool)
            found = np.flatnonzero(mask)
            if len(found) == 0:
                continue
            values = lowered.iloc[found]
            exact = (values == needle).to_numpy(dtype=bool, na_value=False)
            prefix = values.str.startswith(needle).to_numpy(dtype=bool, na_value=False)
            rank = np.where(exact, 0 if is_id else 1, np.where(prefix, 2, 3))
            order = np.lexsort((found, rank))[: limit * 2]
            for i in order:
                key = (layer, int(found[i]))
                r = int(rank[i])
                if key not in hits or hits[key].rank > r:
                    shown = field if field not in ("name",) and not is_id else ""
                    hits[key] = Hit(layer, int(found[i]), "", r, shown)
        layer_order = {name: i for i, name in enumerate(dict.fromkeys(c[0] for c in self.columns))}
        ordered = sorted(hits.values(), key=lambda h: (h.rank, layer_order.get(h.layer, 99), h.row))[:limit]
        for hit in ordered:
            hit.title = self.title(hit.layer, hit.row)
            if hit.matched:  # say why it matched: the address or chamber number itself
                hit.matched = str(self.network.layers[hit.layer][hit.matched].iloc[hit.row])
        return ordered


class SearchBox(QLineEdit):
    """Toolbar search: type, pick a result from the popup (or Enter for the first)."""

    jump = Signal(str, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.index: SearchIndex | None = None
        self.hits: list[Hit] = []
        self.setPlaceholderText(self.tr("Search id, name, address…"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(220)
        self.setMaximumWidth(360)
        self.results = QStandardItemModel(self)
        self.completer_ = QCompleter(self.results, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setCompletionRole(TITLE_ROLE)
        self.setCompleter(self.completer_)
        self.completer_.activated[QModelIndex].connect(self._activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run_search)
        self.textEdited.connect(lambda _: self._timer.start())
        self.returnPressed.connect(self.jump_to_first)

    def set_index(self, index: SearchIndex | None) -> None:
        self.index = index
        self.hits = []
        self.results.clear()

    def set_network(self, network: Network | None) -> None:
        """Search this network; the index is built on the first search."""
        self._network = network
        self.set_index(None)

    def run_search(self) -> list[Hit]:
        self._timer.stop()
        self.results.clear()
        if self.index is None and getattr(self, "_network", None) is not None:
            self.index = SearchIndex(self._network)
        self.hits = self.index.search(self.text()) if self.index is not None else []
        for i, hit in enumerate(self.hits):
            where = f"  ·  {hit.matched}" if hit.matched else ""
            item = QStandardItem(f"{hit.title}{where}  —  {labels.layer_label(hit.layer)}")
            item.setData(i, Qt.ItemDataRole.UserRole)
            item.setData(hit.title, TITLE_ROLE)
            self.results.appendRow(item)
        if not self.hits and self.text().strip():
            item = QStandardItem(self.tr("No match for %1").replace("%1", f"“{self.text().strip()}”"))
            item.setData(self.text(), TITLE_ROLE)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setForeground(Qt.GlobalColor.gray)
            self.results.appendRow(item)
        if self.results.rowCount() and self.hasFocus():
            self.completer_.complete()
        return self.hits

    def _activated(self, index: QModelIndex) -> None:
        i = index.data(Qt.ItemDataRole.UserRole)
        if i is not None and 0 <= int(i) < len(self.hits):
            hit = self.hits[int(i)]
            self.jump.emit(hit.layer, hit.row)

    def jump_to_first(self) -> None:
        if self._timer.isActive() or not self.hits:
            self.run_search()
        if self.hits:
            hit = self.hits[0]
            self.jump.emit(hit.layer, hit.row)
