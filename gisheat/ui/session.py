"""The open network as a Qt model: data, derived topology, undo, selections and results.

Views never keep their own copy of the network; they subscribe to the
session's signals and read from it:

* ``network_loaded()`` — a new network replaced the old one (rebuild everything);
* ``layer_changed(name)`` — one layer's frame changed (an edit): redraw that layer;
* ``selection_changed(layer)`` — the selection of one layer changed;
* ``results_changed(name)`` — an analysis published, replaced or cleared a result,
  or an edit made it out of date (``ResultSet.stale``);
* ``themes_changed()`` — the list of numeric pipe/valve/customer themes changed.

Extension points
----------------
**Edits** (editing helper): write a core edit object with ``apply(network) ->
inverse_edit`` (it changes the network, calls ``network.mark_changed`` and
returns an edit that undoes it) and push it with ``session.apply_edit(edit,
text)``. :class:`EditCommand` wraps it in a ``QUndoCommand``; redo applies, undo
applies the inverse, and ``layer_changed`` is emitted for the layers named by
``edit.layers`` (or every layer when it has no such attribute). Merge a whole
drag into one undo step with ``undo_stack.beginMacro/endMacro``.

**Results** (isolation, criticality, renewal): publish with
``session.publish_result(ResultSet(name=..., layer='pipes', ids=..., ...))``
and clear with ``session.clear_result(name)``; the map's overlay for a result
is added separately (see ``gisheat.ui.map.overlays``). Numeric per-feature
values (criticality, risk) become **themes**: ``session.publish_theme(Theme(
name='criticality', layer='pipes', values=series_by_id, label=...))``; the
style dialog then offers them for graduated styles next to the layer's own
numeric fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from gisheat.core import schema
from gisheat.core.network import Network

if TYPE_CHECKING:
    from gisheat.analysis.topology import Topology


class CoreEdit(Protocol):
    """What a core edit looks like to the UI (``gisheat.core.edits`` provides them)."""

    def apply(self, network: Network) -> CoreEdit: ...


class EditCommand(QUndoCommand):
    """One undo step around a core edit that applies itself and returns its inverse."""

    def __init__(self, session: Session, edit: CoreEdit, text: str, inverse: CoreEdit | None = None) -> None:
        super().__init__(text)
        self._session = session
        self._edit = edit
        self._inverse: CoreEdit | None = inverse
        self._applied = inverse is not None
        """True when the edit was applied before the command was pushed (first redo does nothing)."""

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            self._session.notify_edited(_edit_layers(self._edit, self._session.network))
            return
        self._inverse = self._edit.apply(self._session.network)
        self._session.notify_edited(_edit_layers(self._edit, self._session.network))

    def undo(self) -> None:
        if self._inverse is None:
            return
        self._edit = self._inverse.apply(self._session.network)
        self._session.notify_edited(_edit_layers(self._inverse, self._session.network))


def _edit_layers(edit: Any, network: Network) -> list[str]:
    layers = getattr(edit, "layers", None)
    if layers is None:
        return list(network.layers)
    return [layers] if isinstance(layers, str) else list(layers)


@dataclass
class ResultSet:
    """A published analysis result: features of one layer, optionally with a value each."""

    name: str
    layer: str
    ids: np.ndarray
    label: str = ""
    values: np.ndarray | None = None
    data: Any = None
    """The analysis' own result object (IsolationResult…) for panels that want it."""
    stale: bool = False
    """True once the network was edited after the result was published (the analysis must run again)."""
    value_field: str = ""
    """Name of the ``values`` column when the result is exported (default: the result's name)."""


@dataclass
class Theme:
    """A numeric value per feature (criticality, risk) offered for graduated styles."""

    name: str
    layer: str
    values: pd.Series
    """Indexed by feature id."""
    label: str = ""
    unit: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def aligned(self, frame: pd.DataFrame) -> np.ndarray:
        """The values in the row order of ``frame`` (NaN where a feature has none)."""
        id_field = schema.LAYERS[self.layer].id_field if self.layer in schema.LAYERS else None
        if id_field is None or id_field not in frame.columns:
            return np.full(len(frame), np.nan)
        ids = pd.Index(frame[id_field].astype(object))
        values = pd.to_numeric(self.values, errors="coerce")
        values = values[~values.index.duplicated()]
        return values.reindex(ids).to_numpy(dtype=np.float64, na_value=np.nan)


class Session(QObject):
    """One open network and everything derived from it (see the module docstring)."""

    network_loaded = Signal()
    layer_changed = Signal(str)
    selection_changed = Signal(str)
    results_changed = Signal(str)
    themes_changed = Signal()
    modified_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.network: Network | None = None
        self.undo_stack = QUndoStack(self)
        self._topology: Topology | None = None
        self._topology_revision = -1
        self._selection: dict[str, np.ndarray] = {}
        self.results: dict[str, ResultSet] = {}
        self.themes: dict[tuple[str, str], Theme] = {}

    # --- the network -----------------------------------------------------------------

    def set_network(self, network: Network) -> None:
        self.network = network
        self._topology = None
        self._topology_revision = -1
        self._selection.clear()
        self.results.clear()
        self.themes.clear()
        self.undo_stack.clear()
        self.network_loaded.emit()
        self.modified_changed.emit(network.modified)

    @property
    def has_network(self) -> bool:
        return self.network is not None

    def layer(self, name: str) -> pd.DataFrame:
        if self.network is None:
            raise RuntimeError("no network is open")
        return self.network.layer(name)

    def layer_names(self) -> list[str]:
        if self.network is None:
            return []
        return list(self.network.layers)

    def topology(self) -> Topology:
        """The topology of the current network, built on first use and after every edit."""
        from gisheat.analysis import topology as topology_mod

        if self.network is None:
            raise RuntimeError("no network is open")
        if self._topology is None or self._topology_revision != self.network.revision:
            self._topology = topology_mod.build(self.network)
            self._topology_revision = self.network.revision
        return self._topology

    def apply_edit(self, edit: CoreEdit, text: str | None = None) -> None:
        """Apply a core edit as one undoable step.

        The edit is applied here first, so a refusal (``InputError``, one line)
        reaches the caller with the network untouched and nothing on the stack.
        """
        if self.network is None:
            raise RuntimeError("no network is open")
        inverse = edit.apply(self.network)
        label = text or getattr(edit, "description", "") or "Edit"
        self.undo_stack.push(EditCommand(self, edit, label, inverse))

    def notify_edited(self, layers: Iterable[str]) -> None:
        """Tell views that ``layers`` changed (edits call this; so may importers)."""
        layers = list(layers)
        for name in layers:
            sel = self._selection.get(name)
            if sel is not None and self.network is not None and len(sel):
                n = len(self.network.layer(name))
                self._selection[name] = sel[sel < n]
            self.layer_changed.emit(name)
        if any(name in schema.NETWORK_LAYERS for name in layers):
            self._mark_results_stale()
        if self.network is not None:
            self.modified_changed.emit(self.network.modified)

    def _mark_results_stale(self) -> None:
        """After an edit of the network (or its undo) every published result is out of date: say so once."""
        for name, result in list(self.results.items()):
            if not result.stale:
                result.stale = True
                self.results_changed.emit(name)

    # --- selections ------------------------------------------------------------------

    def selection(self, layer: str) -> np.ndarray:
        """Selected rows (positions in the layer's frame), sorted."""
        return self._selection.get(layer, np.empty(0, dtype=np.int64))

    def set_selection(self, layer: str, rows: Iterable[int] | np.ndarray) -> None:
        rows = np.unique(np.asarray(list(rows) if not isinstance(rows, np.ndarray) else rows, dtype=np.int64))
        old = self.selection(layer)
        if len(old) == len(rows) and np.array_equal(old, rows):
            return
        self._selection[layer] = rows
        self.selection_changed.emit(layer)

    def clear_selection(self, layer: str | None = None) -> None:
        names = [layer] if layer is not None else [k for k, v in self._selection.items() if len(v)]
        for name in names:
            self.set_selection(name, np.empty(0, dtype=np.int64))

    def selected_layers(self) -> list[str]:
        return [k for k, v in self._selection.items() if len(v)]

    def select_ids(self, layer: str, ids: Iterable[str]) -> np.ndarray:
        """Select features by id; returns the rows selected (unknown ids are ignored)."""
        rows = self.rows_of(layer, ids)
        self.set_selection(layer, rows)
        return rows

    def rows_of(self, layer: str, ids: Iterable[str]) -> np.ndarray:
        frame = self.layer(layer)
        id_field = id_field_of(layer, frame)
        if id_field is None:
            return np.empty(0, dtype=np.int64)
        from gisheat.analysis.topology import lookup

        found = lookup(frame[id_field].astype(object).to_numpy(), np.asarray(list(ids), dtype=object))
        return np.unique(found[found >= 0])

    def ids_of(self, layer: str, rows: np.ndarray) -> list[str]:
        frame = self.layer(layer)
        id_field = id_field_of(layer, frame)
        if id_field is None:
            return [str(r) for r in rows]
        return [str(v) for v in frame[id_field].iloc[rows].astype(object)]

    # --- results and themes -----------------------------------------------------------

    def publish_result(self, result: ResultSet) -> None:
        self.results[result.name] = result
        self.results_changed.emit(result.name)

    def clear_result(self, name: str) -> None:
        if self.results.pop(name, None) is not None:
            self.results_changed.emit(name)

    def publish_theme(self, theme: Theme) -> None:
        self.themes[(theme.layer, theme.name)] = theme
        self.themes_changed.emit()

    def themes_for(self, layer: str) -> list[Theme]:
        return [t for (lay, _), t in self.themes.items() if lay == layer]


def id_field_of(layer: str, frame: pd.DataFrame) -> str | None:
    """The id column of a layer: the schema's, else a column named like '<x>_id' or 'id'."""
    spec = schema.LAYERS.get(layer)
    if spec is not None and spec.id_field and spec.id_field in frame.columns:
        return spec.id_field
    for name in frame.columns:
        if name == "id" or (isinstance(name, str) and name.endswith("_id") and name.startswith(layer.rstrip("s")[:4])):
            return name
    return None
