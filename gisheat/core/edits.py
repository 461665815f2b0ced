"""Reversible edits of a network: each applies itself and returns its exact inverse.

An edit is a small dataclass. ``edit.apply(network)`` changes the network and
returns another edit that undoes the change *exactly* (values, dtypes, index,
column order, geometry); applying that inverse returns the original edit
again, so undo/redo is ``inverse = edit.apply(net)`` / ``edit = inverse.apply(net)``.
The UI wraps this in one generic ``QUndoCommand``; the CLI and the importer use
it as is.

Rules every edit keeps:

* **Atomic.** An edit checks everything before it changes anything; when it
  refuses (:class:`gisheat.errors.InputError`, one line naming layer, feature
  id, field and problem) the network is untouched. A :class:`Composite` that
  fails part-way undoes its finished parts before re-raising.
* **Frames are never mutated in place.** An edit builds a new frame (a shallow
  copy: pandas copy-on-write copies only the columns that change) and installs
  it with ``network.set_layer``, which marks the layer for saving and bumps
  ``network.revision``. A frame handed to a background analysis or autosave
  stays valid while the user keeps editing.
* **Rows are positions** in ``network.layer(name)``, as the attribute table and
  the session's selections count them. Because undo runs in strict stack
  order, the positions an inverse holds are right when it runs.
* **Values are checked against the schema** (``Field.check`` / ``coerce``) and
  stored in the column's own dtype (the loader's Arrow dtypes, or numpy ones);
  a column is converted only when it cannot hold the value (an integer column
  receiving 2.5 becomes a float column, the inverse restores it).

``edit.layers`` names the layers an edit may change (the UI refreshes those),
``edit.description`` is the text for the Undo menu.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from gisheat.core import schema
from gisheat.core.network import Network
from gisheat.errors import InputError

GEOMETRY = "geometry"
POINT_LAYERS = ("valves", "sources", "stations", "customers")
"""Point layers that follow a moved node."""

SINGULAR = {
    "pipes": "pipe", "valves": "valve", "sources": "source", "stations": "station",
    "customers": "customer", "districts": "district", "breaks": "break", "streets": "street",
    "buildings": "building",
}
ID_PREFIX = {
    "pipes": "P", "valves": "V", "sources": "SRC", "stations": "HS", "customers": "C",
    "districts": "D", "buildings": "B",
}
"""Prefix of generated ids in a layer that has none yet."""


# --- the edit protocol ----------------------------------------------------------------


class Edit:
    """Base of all edits: ``apply(network)`` returns the inverse edit."""

    description: str = ""

    @property
    def layers(self) -> tuple[str, ...]:
        """Layers this edit may change."""
        raise NotImplementedError

    def apply(self, network: Network) -> Edit:
        raise NotImplementedError


def _noun(layer: str, n: int) -> str:
    word = SINGULAR.get(layer, f"{layer} feature")
    return f"{n} {word}{'' if n == 1 else 's'}" if n != 1 else f"{word}"


def _rows(rows: Iterable[int] | int) -> tuple[int, ...]:
    if isinstance(rows, (int, np.integer)):
        return (int(rows),)
    return tuple(int(r) for r in rows)


# --- primitives -----------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SetValues(Edit):
    """Set ``field`` of the features at ``rows`` to ``values`` (one each, or one for all).

    Values are checked and coerced through the schema (for fields the schema
    does not know, through the kind of the existing column). ``field`` may be
    a field the layer does not have yet: the column is created. Setting the
    layer's id field refuses ids already used. ``checked=False`` stores the
    values as given (inverses use it to restore what was there, valid or not).
    """

    layer: str
    rows: tuple[int, ...]
    field: str
    values: tuple[Any, ...]
    checked: bool = True
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", _rows(self.rows))
        values = self.values
        if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray, pd.api.extensions.ExtensionArray)):
            values = (values,)
        if len(values) == 1 and len(self.rows) != 1:
            values = tuple(values) * len(self.rows)
        if len(values) != len(self.rows):
            raise ValueError(f"{len(self.rows)} rows but {len(values)} values")
        object.__setattr__(self, "values", values)
        if not self.description:
            first = values[0] if len(values) else None
            shown = "empty" if schema.is_null(first) else (
                first if isinstance(first, str) else schema.show_value(first))
            if len(set(map(repr, values))) > 1:
                shown = "new values"
            object.__setattr__(self, "description",
                               f"Set {self.field} to {shown} on {_noun(self.layer, len(self.rows))}")

    @property
    def layers(self) -> tuple[str, ...]:
        return (self.layer,)

    def apply(self, network: Network) -> Edit:
        frame = network.layer(self.layer)
        if isinstance(frame, gpd.GeoDataFrame) and self.field in (GEOMETRY, frame.geometry.name):
            return SetGeometry(self.layer, self.rows, self.values, checked=self.checked,
                               description=self.description).apply(network)
        _check_rows(self.layer, frame, self.rows)
        if self.checked:
            values, kind = check_values(self.layer, self.field, self.values, frame, self.rows)
        else:
            values, kind = list(self.values), None
        new, inverse = _write_cells(frame, self.layer, self.rows, self.field, values, kind,
                                    f"Undo: {self.description}")
        network.set_layer(self.layer, new)
        return inverse


@dataclass(frozen=True, eq=False)
class SetGeometry(Edit):
    """Replace the geometry of the features at ``rows`` (checked against the layer's type)."""

    layer: str
    rows: tuple[int, ...]
    geometries: tuple[Any, ...]
    checked: bool = True
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", _rows(self.rows))
        geoms = self.geometries
        if isinstance(geoms, shapely.Geometry) or geoms is None:
            geoms = (geoms,)
        geoms = tuple(geoms)
        if len(geoms) == 1 and len(self.rows) != 1:
            geoms = geoms * len(self.rows)
        if len(geoms) != len(self.rows):
            raise ValueError(f"{len(self.rows)} rows but {len(geoms)} geometries")
        object.__setattr__(self, "geometries", geoms)
        if not self.description:
            object.__setattr__(self, "description", f"Change geometry of {_noun(self.layer, len(self.rows))}")

    @property
    def layers(self) -> tuple[str, ...]:
        return (self.layer,)

    def apply(self, network: Network) -> Edit:
        frame = network.layer(self.layer)
        if not isinstance(frame, gpd.GeoDataFrame):
            raise InputError(f"{self.layer}: layer has no geometry")
        _check_rows(self.layer, frame, self.rows)
        if self.checked:
            ids = _ids_at(frame, self.layer, self.rows)
            for fid, reason in zip(ids, geometry_problems(self.layer, self.geometries), strict=True):
                if reason:
                    raise InputError(f"{self.layer} {fid}: {reason}")
        new, inverse = _write_cells(frame, self.layer, self.rows, frame.geometry.name, list(self.geometries),
                                    GEOMETRY, f"Undo: {self.description}")
        network.set_layer(self.layer, new)
        return inverse


@dataclass(frozen=True, eq=False)
class SetColumn(Edit):
    """Replace, create (``column`` given, field absent) or drop (``column`` None) a whole column.

    Used where a value needs a wider column type, and to undo column creation.
    """

    layer: str
    field: str
    column: pd.Series | None
    position: int | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if not self.description:
            verb = "Remove" if self.column is None else "Set"
            object.__setattr__(self, "description", f"{verb} field {self.field} of {self.layer}")

    @property
    def layers(self) -> tuple[str, ...]:
        return (self.layer,)

    def apply(self, network: Network) -> Edit:
        frame = network.layer(self.layer)
        present = self.field in frame.columns
        if self.column is not None and len(self.column) != len(frame):
            raise InputError(f"{self.layer}: field {self.field} has {len(self.column)} values for {len(frame)} features")
        new = frame.copy(deep=False)
        if present:
            position = frame.columns.get_loc(self.field)
            old = frame[self.field]
            if self.column is None:
                new = new.drop(columns=[self.field])
            else:
                new.isetitem(position, _aligned(self.column, frame.index))
        else:
            if self.column is None:
                return SetColumn(self.layer, self.field, None, description=self.description)
            position = self.position if self.position is not None else _new_column_position(frame)
            new.insert(position, self.field, _aligned(self.column, frame.index))
            old = None
        network.set_layer(self.layer, new)
        return SetColumn(self.layer, self.field, old, position, description=f"Undo: {self.description}")


@dataclass(frozen=True, eq=False)
class InsertFeatures(Edit):
    """Insert the rows of ``features`` so they end up at ``rows`` (sorted positions).

    ``features`` must have exactly the layer's columns and dtypes (it is the
    inverse of :class:`DeleteFeatures`, which keeps the deleted rows whole).
    """

    layer: str
    rows: tuple[int, ...]
    features: pd.DataFrame
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", _rows(self.rows))
        if len(self.rows) != len(self.features):
            raise ValueError(f"{len(self.rows)} rows but {len(self.features)} features")
        if not self.description:
            object.__setattr__(self, "description", f"Insert {_noun(self.layer, len(self.rows))}")

    @property
    def layers(self) -> tuple[str, ...]:
        return (self.layer,)

    def apply(self, network: Network) -> Edit:
        frame = network.layer(self.layer)
        n, k = len(frame), len(self.rows)
        rows = np.asarray(self.rows, dtype=np.int64)
        if k and (np.any(np.diff(rows) <= 0) or rows[0] < 0 or rows[-1] >= n + k):
            raise InputError(f"{self.layer}: cannot insert features at rows {list(self.rows)} of {n}")
        if list(self.features.columns) != list(frame.columns):
            raise InputError(f"{self.layer}: inserted features have fields {list(self.features.columns)}, "
                             f"the layer has {list(frame.columns)}")
        if k == 0:
            return DeleteFeatures(self.layer, (), description=f"Undo: {self.description}")
        range_index = _is_plain_range(frame.index)
        combined = _concat(frame, self.features)
        order = np.empty(n + k, dtype=np.int64)
        is_new = np.zeros(n + k, dtype=bool)
        is_new[rows] = True
        order[is_new] = np.arange(n, n + k)
        order[~is_new] = np.arange(n)
        new = combined.iloc[order]
        if range_index:
            new = new.set_axis(pd.RangeIndex(n + k), axis=0)
        network.set_layer(self.layer, new)
        return DeleteFeatures(self.layer, self.rows, description=f"Undo: {self.description}")


@dataclass(frozen=True, eq=False)
class DeleteFeatures(Edit):
    """Delete the features at ``rows``; the inverse puts them back at the same rows, whole."""

    layer: str
    rows: tuple[int, ...]
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(sorted(set(_rows(self.rows)))))
        if not self.description:
            object.__setattr__(self, "description", f"Delete {_noun(self.layer, len(self.rows))}")

    @property
    def layers(self) -> tuple[str, ...]:
        return (self.layer,)

    def apply(self, network: Network) -> Edit:
        frame = network.layer(self.layer)
        _check_rows(self.layer, frame, self.rows)
        if not self.rows:
            return InsertFeatures(self.layer, (), frame.iloc[[]], description=f"Undo: {self.description}")
        range_index = _is_plain_range(frame.index)
        keep = np.ones(len(frame), dtype=bool)
        keep[list(self.rows)] = False
        removed = frame.iloc[list(self.rows)]
        new = frame.iloc[np.flatnonzero(keep)]
        if range_index:
            removed = removed.set_axis(pd.Index(list(self.rows), dtype=frame.index.dtype), axis=0)
            new = new.set_axis(pd.RangeIndex(len(new)), axis=0)
        network.set_layer(self.layer, new)
        return InsertFeatures(self.layer, self.rows, removed, description=f"Undo: {self.description}")


@dataclass(frozen=True, eq=False)
class SetLayer(Edit):
    """Install ``frame`` as layer ``layer`` (None removes it). Used to create and un-create layers."""

    layer: str
    frame: pd.DataFrame | None
    description: str = ""

    def __post_init__(self) -> None:
        if not self.description:
            verb = "Remove" if self.frame is None else "Replace"
            object.__setattr__(self, "description", f"{verb} layer {self.layer}")

    @property
    def layers(self) -> tuple[str, ...]:
        return (self.layer,)

    def apply(self, network: Network) -> Edit:
        old = network.layers.get(self.layer)
        if self.frame is None:
            if self.layer in network.layers:
                del network.layers[self.layer]
                network.mark_changed(self.layer)
        else:
            network.set_layer(self.layer, self.frame)
        return SetLayer(self.layer, old, description=f"Undo: {self.description}")


@dataclass(frozen=True, eq=False)
class Composite(Edit):
    """Several edits as one undo step (a drag, a split with its valve, an import)."""

    edits: tuple[Edit, ...]
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "edits", tuple(self.edits))
        if not self.description:
            text = "; ".join(e.description for e in self.edits[:3])
            object.__setattr__(self, "description", text or "No change")

    @property
    def layers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name for e in self.edits for name in e.layers))

    def apply(self, network: Network) -> Edit:
        done: list[Edit] = []
        snapshot = dict(network.layers)
        try:
            for edit in self.edits:
                done.append(edit.apply(network))
        except BaseException:
            # frames are never mutated, so putting the old ones back restores everything exactly
            touched = {name for name in set(snapshot) | set(network.layers)
                       if network.layers.get(name) is not snapshot.get(name)}
            network.layers.clear()
            network.layers.update(snapshot)
            for name in touched:
                network.mark_changed(name)
            raise
        return Composite(tuple(reversed(done)), description=f"Undo: {self.description}")


# --- features -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class AddFeatures(Edit):
    """Append features (dicts of field → value with a ``geometry``, or a frame).

    Features without an id get the next free ones (:func:`next_ids`). Values
    are checked against the schema; fields the layer lacks are created (the
    inverse removes them again); a missing layer is created.
    """

    layer: str
    features: tuple[dict[str, Any], ...] | pd.DataFrame
    description: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.features, pd.DataFrame):
            object.__setattr__(self, "features", tuple(dict(f) for f in self.features))
        if not self.description:
            object.__setattr__(self, "description", f"Add {_noun(self.layer, len(self.features))}")

    @property
    def layers(self) -> tuple[str, ...]:
        return (self.layer,)

    def apply(self, network: Network) -> Edit:
        return Composite(self.plan(network), description=self.description).apply(network)

    def plan(self, network: Network) -> tuple[Edit, ...]:
        """The primitive edits that add the features (checked; raises InputError)."""
        incoming = self.features if isinstance(self.features, pd.DataFrame) else _records_frame(self.features)
        spec = schema.LAYERS.get(self.layer)
        steps: list[Edit] = []
        frame = network.layers.get(self.layer)
        if frame is None:
            frame = new_layer_frame(self.layer, network.crs)
            steps.append(SetLayer(self.layer, frame, description=f"Create layer {self.layer}"))
        n_new = len(incoming)
        geometry_name = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
        id_field = spec.id_field if spec is not None else None

        # ids: given ones must be new and unique; missing ones are generated
        given = incoming[id_field] if id_field is not None and id_field in incoming.columns else None
        if id_field is not None:
            ids = [None if given is None or _missing(v) or (isinstance(v, str) and not v.strip()) else str(v)
                   for v in (given if given is not None else [None] * n_new)]
            given_ids = [fid for fid in ids if fid is not None]
            existing = ids_in_use(frame, id_field, given_ids)
            seen: set[str] = set()
            for fid in given_ids:
                if fid in existing or fid in seen:
                    raise InputError(f"{self.layer} {fid}: {id_field} {fid!r} is already used")
                seen.add(fid)
            missing = [i for i, fid in enumerate(ids) if fid is None]
            if missing:
                fresh = next_ids(frame, self.layer, len(missing), taken=seen)
                for i, fid in zip(missing, fresh, strict=True):
                    ids[i] = fid
            incoming = incoming.copy(deep=False)
            incoming[id_field] = pd.Series(ids, index=incoming.index, dtype=object)
            labels = ids
        else:
            labels = [f"(new {i + 1})" for i in range(n_new)]

        # geometry
        geoms: list[Any] = [None] * n_new
        if geometry_name is not None:
            source = incoming.geometry if isinstance(incoming, gpd.GeoDataFrame) else (
                incoming[GEOMETRY] if GEOMETRY in incoming.columns else None)
            if source is None:
                raise InputError(f"{self.layer}: new features need a geometry")
            geoms = list(np.asarray(source, dtype=object))
            for fid, reason in zip(labels, geometry_problems(self.layer, geoms), strict=True):
                if reason:
                    raise InputError(f"{self.layer} {fid}: {reason}")
        value_columns = [c for c in incoming.columns
                         if c != GEOMETRY and not (isinstance(incoming, gpd.GeoDataFrame) and c == incoming.geometry.name)]

        # required fields must come with the features
        if spec is not None:
            for f in spec.fields:
                if f.required and f.name not in value_columns:
                    raise InputError(f"{self.layer} {labels[0] if labels else ''}: {f.name} is empty".strip())

        # new columns first (inverse: removed again)
        target = frame
        for name in value_columns:
            if name not in target.columns:
                kind = _field_kind(self.layer, name, None, incoming[name].tolist())
                column = pd.Series(pd.array([None] * len(target), dtype=arrow_dtype(kind)),
                                   index=target.index, name=name)
                step = SetColumn(self.layer, name, column, _new_column_position(target),
                                 description=f"Add field {name}")
                steps.append(step)
                target = target.copy(deep=False)
                target.insert(_new_column_position(target), name, column)

        # the new rows, in the layer's dtypes
        columns: dict[str, Any] = {}
        for name in target.columns:
            if name == geometry_name:
                columns[name] = gpd.array.from_shapely(geoms, crs=target.crs)
                continue
            if name in value_columns:
                values, kind = check_values(self.layer, name, incoming[name].tolist(), target, None,
                                            ids=labels)
            else:
                values, kind = [None] * n_new, None
            try:
                columns[name] = _cells_for(target[name], values, kind)
            except _NeedsWiderColumn:
                widened = _widen(target[name], kind)
                steps.append(SetColumn(self.layer, name, widened, description=f"Change type of field {name}"))
                target = target.copy(deep=False)
                target.isetitem(target.columns.get_loc(name), widened)
                columns[name] = _cells_for(widened, values, kind)
        index = _new_labels(target.index, n_new)
        rows_frame = pd.DataFrame({k: pd.Series(v, index=index) if not isinstance(v, pd.Series) else v
                                   for k, v in columns.items()}, index=index)
        if geometry_name is not None:
            rows_frame = gpd.GeoDataFrame(rows_frame, geometry=geometry_name, crs=target.crs)
        rows_frame = rows_frame[list(target.columns)]
        rows_frame = _match_dtypes(rows_frame, target)
        n_old = len(target)
        steps.append(InsertFeatures(self.layer, tuple(range(n_old, n_old + n_new)), rows_frame,
                                    description=self.description))
        return tuple(steps)


def check(edit: Edit, network: Network) -> None:
    """Raise InputError when ``edit`` would be refused, without changing ``network``.

    Applies the edit to a shallow copy (cheap: frames are shared, never
    mutated), so a UI can refuse a bad value before pushing an undo command.
    """
    scratch = Network(layers=dict(network.layers), crs=network.crs, path=network.path,
                      info=dict(network.info), dirty=set(network.dirty), revision=network.revision)
    edit.apply(scratch)


def add_point(layer: str, xy: tuple[float, float], **attributes: Any) -> AddFeatures:
    """Add one customer, station, source or valve at ``xy`` (id generated when not given)."""
    record = {**attributes, GEOMETRY: shapely.Point(xy)}
    return AddFeatures(layer, (record,), description=f"Add {SINGULAR.get(layer, layer)}")


def add_pipe(coords: Sequence[tuple[float, float]], **attributes: Any) -> AddFeatures:
    """Add one pipe drawn through ``coords`` (``network`` and ``dn`` required by the schema)."""
    record = {**attributes, GEOMETRY: shapely.LineString(coords)}
    return AddFeatures("pipes", (record,), description="Add pipe")


# --- geometry gestures ----------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class MoveVertex(Edit):
    """Move vertex ``index`` of the feature at ``row`` to ``xy`` (only that feature changes,
    and the valves standing on a pipe's interior, which keep their place along it).

    Negative indexes count from the end. For a polygon ring, the first and the
    closing vertex move together. To drag a pipe end together with the pipes
    and points joined there, use :class:`MoveNode`.
    """

    layer: str
    row: int
    index: int
    xy: tuple[float, float]
    description: str = ""

    def __post_init__(self) -> None:
        if not self.description:
            object.__setattr__(self, "description", f"Move vertex of {SINGULAR.get(self.layer, self.layer)}")

    @property
    def layers(self) -> tuple[str, ...]:
        return (self.layer, "valves") if self.layer == "pipes" else (self.layer,)

    def apply(self, network: Network) -> Edit:
        frame = network.layer(self.layer)
        _check_rows(self.layer, frame, (self.row,))
        geom = frame.geometry.array[self.row]
        fid = _ids_at(frame, self.layer, (self.row,))[0]
        if geom is None or shapely.is_empty(geom):
            raise InputError(f"{self.layer} {fid}: has no geometry to edit")
        moved = _move_vertex(geom, self.index, self.xy)
        if moved is None:
            raise InputError(f"{self.layer} {fid}: has no vertex {self.index}")
        steps: list[Edit] = [SetGeometry(self.layer, (self.row,), (moved,), description=self.description)]
        if self.layer == "pipes":
            steps += valves_following(network, [geom], [moved], [str(fid)], description=self.description)
        return Composite(tuple(steps), description=self.description).apply(network)


@dataclass(frozen=True, eq=False)
class MoveNode(Edit):
    """Move the node at ``from_xy`` to ``to_xy``: every pipe end there follows, and so do
    valves, sources, stations and customers standing on it.

    ``network`` ('primary'/'secondary') limits the pipes to one circuit (the
    one of the pipe the user grabbed): primary and secondary pipes that merely
    touch are not joined (SPEC). None moves every pipe end at the point.
    """

    from_xy: tuple[float, float]
    to_xy: tuple[float, float]
    network: str | None = None
    tolerance: float = schema.SNAP_TOLERANCE_M
    description: str = ""

    def __post_init__(self) -> None:
        if not self.description:
            object.__setattr__(self, "description", "Move node")

    @property
    def layers(self) -> tuple[str, ...]:
        return ("pipes", *POINT_LAYERS)

    def apply(self, network: Network) -> Edit:
        return Composite(self.plan(network), description=self.description).apply(network)

    def plan(self, network: Network) -> tuple[Edit, ...]:
        steps: list[Edit] = []
        x0, y0 = map(float, self.from_xy)
        x1, y1 = map(float, self.to_xy)
        start, end = pipe_ends_at(network, (x0, y0), network_kind=self.network, tolerance=self.tolerance)
        rows = np.union1d(start, end)
        if len(rows):
            pipes = network.pipes
            geoms = pipes.geometry.array
            moved = []
            for r in rows.tolist():
                g = geoms[r]
                if r in set(start.tolist()):
                    g = _move_vertex(g, 0, (x1, y1))
                if r in set(end.tolist()):
                    g = _move_vertex(g, -1, (x1, y1))
                moved.append(g)
            steps.append(SetGeometry("pipes", tuple(rows.tolist()), tuple(moved), description=self.description))
        at_node = np.empty(0, dtype=np.int64)
        for name in POINT_LAYERS:
            hits = points_at(network, name, (x0, y0), tolerance=self.tolerance)
            if name == "valves":
                at_node = hits
            if len(hits):
                point = shapely.Point(x1, y1)
                steps.append(SetGeometry(name, tuple(hits.tolist()), (point,), description=self.description))
        if len(rows):
            steps += valves_following(network, [geoms[r] for r in rows.tolist()], moved,
                                      [str(i) for i in _ids_at(network.pipes, "pipes", tuple(rows.tolist()))],
                                      skip=at_node, tolerance=self.tolerance, description=self.description)
        if not steps:
            raise InputError(f"no node at ({x0:.3f}, {y0:.3f})")
        return tuple(steps)


@dataclass(frozen=True, eq=False)
class SplitPipe(Edit):
    """Split the pipe at ``row`` into two features at the point of it nearest ``at``.

    The first part keeps the feature (row, id, attributes); the second part
    is a new feature appended at the end with every attribute copied and a new
    id (``new_id`` or the next free one). A recorded ``length_m`` is shared in
    proportion to the parts' geometric lengths. Valves whose ``pipe_id`` names
    the pipe and that stand on the second part only are moved to the new id.
    Breaks stay with the original id (where they happened is not recorded).
    """

    row: int
    at: tuple[float, float]
    new_id: str | None = None
    tolerance: float = schema.SNAP_TOLERANCE_M
    description: str = ""

    def __post_init__(self) -> None:
        if not self.description:
            object.__setattr__(self, "description", "Split pipe")

    @property
    def layers(self) -> tuple[str, ...]:
        return ("pipes", "valves")

    def apply(self, network: Network) -> Edit:
        return Composite(self.plan(network)[0], description=self.description).apply(network)

    def plan(self, network: Network) -> tuple[tuple[Edit, ...], str, shapely.Point]:
        """The edits, the new pipe's id and the split point."""
        pipes = network.pipes
        _check_rows("pipes", pipes, (self.row,))
        fid = _ids_at(pipes, "pipes", (self.row,))[0]
        line = pipes.geometry.array[self.row]
        if line is None or shapely.get_type_id(line) != 1:
            raise InputError(f"pipes {fid}: only a LineString pipe can be split")
        d, length = _station_on(line, self.at)
        if d <= self.tolerance or d >= length - self.tolerance:
            raise InputError(f"pipes {fid}: the split point is at an end of the pipe")
        first, second = cut_line(line, d, tolerance=self.tolerance)
        point = shapely.Point(shapely.get_coordinates(first)[-1])

        new_id = self.new_id if self.new_id is not None else next_ids(pipes, "pipes", 1, like=fid)[0]
        if ids_in_use(pipes, "pipe_id", [new_id]):
            raise InputError(f"pipes {new_id}: pipe_id {new_id!r} is already used")
        new_row = len(pipes)
        steps: list[Edit] = [SetGeometry("pipes", (self.row,), (first,), description=self.description)]
        # the second part: the row copied whole (every field, same dtypes), then its own geometry and id
        copy = pipes.iloc[[self.row]]
        copy = copy.set_axis(_new_labels(pipes.index, 1), axis=0)
        steps.append(InsertFeatures("pipes", (new_row,), copy, description=self.description))
        steps.append(SetGeometry("pipes", (new_row,), (second,), description=self.description))
        steps.append(SetValues("pipes", (new_row,), "pipe_id", (new_id,), description=self.description))
        recorded = schema.numeric_column(pipes.iloc[[self.row]], "length_m")[0]
        if not math.isnan(recorded):
            share = float(shapely.length(first) / (shapely.length(first) + shapely.length(second)))
            steps.append(SetValues("pipes", (self.row, new_row), "length_m",
                                   (recorded * share, recorded * (1.0 - share)), description=self.description))

        valves = network.layers.get("valves")
        if valves is not None and len(valves) and "pipe_id" in valves.columns:
            geoms = np.asarray(valves.geometry.array, dtype=object)
            mine = np.flatnonzero(_equals(valves, "pipe_id", fid))
            if len(mine):
                on_second = shapely.distance(geoms[mine], second) <= self.tolerance
                on_first = shapely.distance(geoms[mine], first) <= self.tolerance
                moved = mine[on_second & ~on_first]
                if len(moved):
                    steps.append(SetValues("valves", tuple(moved.tolist()), "pipe_id", (new_id,),
                                           description=self.description))
        return tuple(steps), new_id, point


@dataclass(frozen=True, eq=False)
class PlaceValve(Edit):
    """Put a valve on the pipe at ``pipe_row``, at the point of the pipe nearest ``at``.

    As SPEC says, a valve on a pipe's interior splits the pipe topologically
    without splitting the feature; with ``split=True`` the pipe feature is
    also split there (:class:`SplitPipe`). Near a pipe end (within the
    tolerance) the valve goes exactly on that end. The valve gets the pipe's
    id as ``pipe_id`` and the pipe's ``dn`` unless ``attributes`` say
    otherwise, and the next free ``valve_id`` unless given.
    """

    pipe_row: int
    at: tuple[float, float]
    split: bool = False
    attributes: dict[str, Any] = field(default_factory=dict)
    tolerance: float = schema.SNAP_TOLERANCE_M
    description: str = ""

    def __post_init__(self) -> None:
        if not self.description:
            object.__setattr__(self, "description", "Place valve" + (" and split pipe" if self.split else ""))

    @property
    def layers(self) -> tuple[str, ...]:
        return ("pipes", "valves")

    def apply(self, network: Network) -> Edit:
        return Composite(self.plan(network), description=self.description).apply(network)

    def plan(self, network: Network) -> tuple[Edit, ...]:
        pipes = network.pipes
        _check_rows("pipes", pipes, (self.pipe_row,))
        fid = _ids_at(pipes, "pipes", (self.pipe_row,))[0]
        line = pipes.geometry.array[self.pipe_row]
        if line is None or shapely.get_type_id(line) != 1:
            raise InputError(f"pipes {fid}: a valve can only be placed on a LineString pipe")
        d, length = _station_on(line, self.at)
        steps: list[Edit] = []
        if d <= self.tolerance:
            point = shapely.get_point(line, 0)
        elif d >= length - self.tolerance:
            point = shapely.get_point(line, -1)
        elif self.split:
            split_steps, _, point = SplitPipe(self.pipe_row, self.at, tolerance=self.tolerance).plan(network)
            steps.extend(split_steps)
        else:
            point = shapely.Point(_point_at(line, d, self.tolerance))
        record: dict[str, Any] = {"pipe_id": fid}
        if "valve_id" not in self.attributes:
            like = _nearest_valve_id(network, point, schema.text_column(pipes.iloc[[self.pipe_row]], "network")[0])
            record["valve_id"] = next_ids(network, "valves", 1, like=like)[0]
        dn = schema.numeric_column(pipes.iloc[[self.pipe_row]], "dn")[0]
        if not math.isnan(dn):
            record["dn"] = int(dn)
        record.update(self.attributes)
        record[GEOMETRY] = point
        steps.append(AddFeatures("valves", (record,), description=self.description))
        return tuple(steps)


def _nearest_valve_id(network: Network, point: shapely.Point, circuit: str, *, among: int = 25) -> str | None:
    """Id of the nearest valve on a pipe of the same circuit (to continue its id pattern)."""
    valves = network.layers.get("valves")
    if valves is None or len(valves) == 0 or not isinstance(valves, gpd.GeoDataFrame) or "valve_id" not in valves:
        return None
    xy = _point_xy(np.asarray(valves.geometry.array, dtype=object))
    dist = np.hypot(xy[:, 0] - point.x, xy[:, 1] - point.y)
    dist[np.isnan(dist)] = np.inf
    if not np.isfinite(dist).any():
        return None
    nearest = np.argsort(dist, kind="stable")[:among]
    nearest = nearest[np.isfinite(dist[nearest])]
    chosen = nearest[0]
    pipes = network.pipes
    if "pipe_id" in valves.columns and "pipe_id" in pipes.columns and "network" in pipes.columns:
        on = schema.text_column(valves.iloc[nearest], "pipe_id")
        found = pipes[pipes["pipe_id"].astype("string").isin(set(on.tolist()) - {""})]
        circuit_of = dict(zip(schema.text_column(found, "pipe_id"), schema.text_column(found, "network"), strict=True))
        same = [r for r, pid in zip(nearest, on, strict=True) if circuit_of.get(pid) == circuit]
        if same:
            chosen = same[0]
    value = valves["valve_id"].iloc[chosen]
    return None if schema.is_null(value) else str(value)


# --- checking and storing values ------------------------------------------------------


def field_spec(layer: str, name: str, frame: pd.DataFrame | None = None, sample: Sequence[Any] = ()) -> schema.Field:
    """The schema field, or for an unknown field one whose kind is that of its column (or its values)."""
    spec = schema.LAYERS.get(layer)
    if spec is not None and name in spec.field_names:
        return spec.field(name)
    column = frame[name] if frame is not None and name in frame.columns else None
    return schema.Field(name, _field_kind(layer, name, column, sample))


def check_values(
    layer: str,
    name: str,
    values: Sequence[Any],
    frame: pd.DataFrame | None = None,
    rows: Sequence[int] | None = None,
    *,
    ids: Sequence[str] | None = None,
) -> tuple[list[Any], str]:
    """Check and coerce ``values`` for ``layer.name``; return (values, kind).

    Raises InputError naming the first offending feature (its id from
    ``frame`` at ``rows``, or from ``ids``). For the layer's id field, ids used
    by other features of ``frame`` are refused.
    """
    f = field_spec(layer, name, frame, values)
    coerced, reasons = check_column(f, values, choices_case_insensitive=True)
    bad = next((i for i, r in enumerate(reasons) if r), None)
    if bad is not None:
        label = ids[bad] if ids is not None else (
            _ids_at(frame, layer, (rows[bad],))[0] if frame is not None and rows is not None else "")
        raise InputError(f"{layer} {label}: {reasons[bad]}".replace("  ", " "))
    spec = schema.LAYERS.get(layer)
    if spec is not None and spec.id_field == name and frame is not None and name in frame.columns:
        used = ids_in_use(frame, name, [v for v in coerced if v is not None], exclude=rows)
        seen: set[str] = set()
        for i, v in enumerate(coerced):
            if v in used or v in seen:
                label = ids[i] if ids is not None else (
                    _ids_at(frame, layer, (rows[i],))[0] if rows is not None else v)
                raise InputError(f"{layer} {label}: {name} {v!r} is already used")
            seen.add(v)
    return coerced, f.kind


def check_column(f: schema.Field, values: Sequence[Any] | pd.Series, *,
                 choices_case_insensitive: bool = False) -> tuple[list[Any], list[str | None]]:
    """Check and coerce every value of a column; one reason (or None) per value.

    Works on unique values, so long columns with few distinct values are cheap.
    Null stays None. ``choices_case_insensitive`` accepts 'PRIMARY' for 'primary'.
    """
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    if len(series) == 0:
        return [], []
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    null_reason = f.check(None)
    if f.kind == schema.TEXT and (f.choices is None or f.open_choices):
        # free text: anything is text; only blanks count as empty
        texts = [v if isinstance(v, str) else str(_plain(v)) for v in uniques]
        blank = [not t.strip() for t in texts]
        values_list = [None if c < 0 or blank[c] else texts[c] for c in codes]
        reasons_list = [null_reason if c < 0 or blank[c] else None for c in codes]
        return values_list, reasons_list
    out_values: list[Any] = []
    out_reasons: list[str | None] = []
    for value in uniques:
        value = _plain(value)
        if choices_case_insensitive and isinstance(value, str):
            value = canonical_choice(f, value)
        reason = f.check(value)
        if reason is not None:
            out_values.append(None)
            out_reasons.append(reason)
        elif schema.is_null(value):
            out_values.append(None)
            out_reasons.append(None)
        else:
            out_values.append(schema.coerce(f.kind, value))
            out_reasons.append(None)
    values_list = [None if c < 0 else out_values[c] for c in codes]
    reasons_list = [null_reason if c < 0 else out_reasons[c] for c in codes]
    return values_list, reasons_list


def canonical_choice(f: schema.Field, value: str) -> str:
    """'PRIMARY', ' Primary ' or 'in service' → the schema's spelling, when it matches one."""
    if not f.choices:
        return value
    key = re.sub(r"[\s\-]+", "_", value.strip().lower())
    for choice in f.choices:
        if key == choice:
            return choice
    return value


def geometry_problems(layer: str, geoms: Sequence[Any] | np.ndarray) -> list[str | None]:
    """:func:`geometry_problem` for many geometries at once (vectorised; messages only for the bad ones)."""
    array = np.asarray(list(geoms) if not isinstance(geoms, np.ndarray) else geoms, dtype=object)
    n = len(array)
    if n == 0:
        return []
    is_geom = np.fromiter((isinstance(g, shapely.Geometry) for g in array), dtype=bool, count=n)
    suspect = ~is_geom
    ok = np.flatnonzero(is_geom)
    good = array[ok]
    bad = shapely.is_empty(good)
    spec = schema.LAYERS.get(layer)
    if spec is not None and spec.geometry is not None:
        allowed = {spec.geometry} | ({f"Multi{spec.geometry}"} if spec.multi_ok else set())
        ids = {"Point": 0, "LineString": 1, "Polygon": 3, "MultiPoint": 4, "MultiLineString": 5, "MultiPolygon": 6}
        bad |= ~np.isin(shapely.get_type_id(good), [ids[a] for a in allowed])
        if spec.geometry == "LineString":
            bad |= shapely.length(good) == 0
        if spec.geometry == "Polygon":
            bad |= ~shapely.is_valid(good)
    coords, index = shapely.get_coordinates(good, return_index=True)
    if len(coords):
        finite = np.isfinite(coords).all(axis=1)
        if not finite.all():
            bad[np.unique(index[~finite])] = True
    suspect[ok[bad]] = True
    out: list[str | None] = [None] * n
    for i in np.flatnonzero(suspect):
        out[i] = geometry_problem(layer, array[i])
    return out


def geometry_problem(layer: str, geom: Any) -> str | None:
    """Why ``geom`` cannot be a feature of ``layer`` (one line), or None."""
    if geom is None or not isinstance(geom, shapely.Geometry):
        return "geometry is missing"
    if shapely.is_empty(geom):
        return "geometry is empty"
    coords = shapely.get_coordinates(geom)
    if not np.isfinite(coords).all():
        return "geometry has coordinates that are not numbers"
    spec = schema.LAYERS.get(layer)
    if spec is None or spec.geometry is None:
        return None
    kind = geom.geom_type
    wanted = spec.geometry
    allowed = {wanted} | ({f"Multi{wanted}"} if spec.multi_ok else set())
    if kind not in allowed:
        return f"geometry must be a {wanted}, not a {kind}"
    if wanted == "LineString" and shapely.length(geom) == 0:
        return "geometry has zero length"
    if wanted == "Polygon" and not shapely.is_valid(geom):
        return f"geometry is invalid ({shapely.is_valid_reason(geom)})"
    return None


ARROW_TYPES = {
    schema.TEXT: pa.string(),
    schema.INTEGER: pa.int64(),
    schema.REAL: pa.float64(),
    schema.BOOLEAN: pa.bool_(),
    schema.DATE: pa.date32(),
    schema.DATETIME: pa.timestamp("ms"),
}


def arrow_dtype(kind: str | None) -> pd.ArrowDtype:
    """The Arrow dtype the loader gives a field of ``kind`` (text for unknown kinds)."""
    return pd.ArrowDtype(ARROW_TYPES.get(kind or schema.TEXT, pa.string()))


def new_layer_frame(layer: str, crs: Any = None) -> pd.DataFrame:
    """An empty layer with the schema's fields in the loader's Arrow dtypes (and geometry)."""
    spec = schema.LAYERS.get(layer)
    fields = spec.fields if spec is not None else ()
    frame = pd.DataFrame({f.name: pd.Series([], dtype=arrow_dtype(f.kind)) for f in fields})
    if spec is not None and spec.geometry is None:
        return frame
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs=crs), crs=crs)


def _missing(value: Any) -> bool:
    """None, pandas NA/NaT or a float NaN (not an empty string: that is a value)."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def _column_kind(column: pd.Series) -> str | None:
    """The field kind a column holds (None for an object column with nothing in it)."""
    dtype = column.dtype
    if isinstance(dtype, gpd.array.GeometryDtype):
        return GEOMETRY
    if isinstance(dtype, pd.ArrowDtype):
        t = dtype.pyarrow_dtype
        if pa.types.is_boolean(t):
            return schema.BOOLEAN
        if pa.types.is_integer(t):
            return schema.INTEGER
        if pa.types.is_floating(t) or pa.types.is_decimal(t):
            return schema.REAL
        if pa.types.is_date(t):
            return schema.DATE
        if pa.types.is_timestamp(t):
            return schema.DATETIME
        if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_dictionary(t):
            return schema.TEXT
        if pa.types.is_null(t):
            return None
        return "other"
    if pd.api.types.is_bool_dtype(dtype):
        return schema.BOOLEAN
    if pd.api.types.is_integer_dtype(dtype):
        return schema.INTEGER
    if pd.api.types.is_float_dtype(dtype):
        return schema.REAL
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return schema.DATETIME
    if isinstance(dtype, pd.StringDtype):
        return schema.TEXT
    inferred = pd.api.types.infer_dtype(column, skipna=True)
    return {
        "string": schema.TEXT, "integer": schema.INTEGER, "floating": schema.REAL,
        "mixed-integer-float": schema.REAL, "boolean": schema.BOOLEAN, "date": schema.DATE,
        "datetime": schema.DATETIME, "empty": None,
    }.get(inferred, "other")


def _value_kind(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return schema.BOOLEAN
    if isinstance(value, (int, np.integer)):
        return schema.INTEGER
    if isinstance(value, (float, np.floating)):
        return schema.REAL
    if isinstance(value, (_dt.datetime, pd.Timestamp)):
        return schema.DATETIME
    if isinstance(value, _dt.date):
        return schema.DATE
    return schema.TEXT


def _field_kind(layer: str, name: str, column: pd.Series | None, sample: Sequence[Any]) -> str:
    spec = schema.LAYERS.get(layer)
    if spec is not None and name in spec.field_names:
        return spec.field(name).kind
    if column is not None:
        kind = _column_kind(column)
        if kind in (schema.TEXT, schema.INTEGER, schema.REAL, schema.BOOLEAN, schema.DATE, schema.DATETIME):
            return kind
        if kind == "other":
            return schema.TEXT
    kinds = {_value_kind(v) for v in sample if not schema.is_null(v)}
    if kinds == {schema.INTEGER, schema.REAL}:
        return schema.REAL
    return kinds.pop() if len(kinds) == 1 else schema.TEXT


def _text(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


def _number(value: Any, kind: str) -> Any:
    """Text that is exactly a number of ``kind`` → the number; otherwise raise ValueError."""
    if value is None:
        return None
    if isinstance(value, str):
        number = schema.coerce(kind, value.strip())
        if kind == schema.INTEGER and str(number) != value.strip():
            raise ValueError("not exactly an integer")
        return number
    if kind == schema.REAL and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    raise ValueError("not a number")


class _NeedsWiderColumn(Exception):
    pass


def _cells_for(column: pd.Series, values: list[Any], kind: str | None) -> Any:
    """``values`` (checked, of ``kind``) as an array in ``column``'s dtype; raises _NeedsWiderColumn."""
    ckind = _column_kind(column)
    dtype = column.dtype
    values = [None if _missing(v) else v for v in values]
    if ckind == GEOMETRY:
        return gpd.array.from_shapely(values, crs=column.array.crs)
    if kind is None:  # unchecked (restoring), or no values given: store as they are
        converted = values
    elif ckind is None:  # a column with nothing in it
        if isinstance(dtype, np.dtype) and dtype.kind == "O":
            return np.array(values, dtype=object)
        raise _NeedsWiderColumn
    elif ckind == kind or (ckind == schema.DATETIME and kind == schema.DATE):
        converted = values
    elif ckind == schema.REAL and kind == schema.INTEGER:
        converted = [None if v is None else float(v) for v in values]
    elif ckind == schema.TEXT:
        converted = [_text(v) for v in values]
    elif ckind in (schema.INTEGER, schema.REAL) and kind == schema.TEXT:
        try:
            converted = [_number(v, ckind) for v in values]
        except (TypeError, ValueError):
            raise _NeedsWiderColumn from None
    else:
        raise _NeedsWiderColumn
    if isinstance(dtype, np.dtype):
        if any(v is None for v in converted) and dtype.kind in "iub":
            raise _NeedsWiderColumn
        if dtype.kind == "O":
            return np.array(converted, dtype=object)
        if dtype.kind == "M":
            return np.array([np.datetime64("NaT") if v is None else pd.Timestamp(v).to_datetime64()
                             for v in converted]).astype(dtype)
        if dtype.kind == "f":
            return np.array([np.nan if v is None else v for v in converted], dtype=dtype)
        return np.array(converted, dtype=dtype)
    try:
        array = pd.array(converted, dtype=dtype)
    except (TypeError, ValueError, pa.ArrowException):
        raise _NeedsWiderColumn from None
    return array


def _write_cells(frame: pd.DataFrame, layer: str, rows: Sequence[int], name: str, values: list[Any],
                 kind: str | None, description: str) -> tuple[pd.DataFrame, Edit]:
    """Store values in a new frame; return it and the primitive that undoes it exactly."""
    positions = list(rows)
    new = frame.copy(deep=False)
    if name not in frame.columns:
        wanted = kind if kind not in (None, GEOMETRY) else _field_kind("", name, None, values)
        column = pd.Series(pd.array([None] * len(frame), dtype=arrow_dtype(wanted)), index=frame.index, name=name)
        array = column.array.copy()
        array[positions] = _cells_for(column, values, wanted)
        new.insert(_new_column_position(frame), name, pd.Series(array, index=frame.index))
        return new, SetColumn(layer, name, None, description=description)
    column = frame[name]
    position = frame.columns.get_loc(name)
    try:
        cells = _cells_for(column, values, kind)
    except _NeedsWiderColumn:
        widened = _widen(column, kind)
        array = widened.array.copy()
        array[positions] = _cells_for(widened, values, kind)
        new.isetitem(position, pd.Series(array, index=frame.index, name=name))
        return new, SetColumn(layer, name, column, position, description=description)
    array = column.array.copy()
    old = column.array[positions]
    array[positions] = cells
    new.isetitem(position, pd.Series(array, index=frame.index, name=name))
    return new, _RestoreCells(layer, tuple(positions), name, old, description=description)


def _widen(column: pd.Series, kind: str | None) -> pd.Series:
    """``column`` converted to a type that can hold values of ``kind``.

    A numpy int/bool column receiving a null becomes its nullable Arrow type,
    an integer column receiving a fraction a float column, anything else text.
    """
    ckind = _column_kind(column)
    known = (schema.TEXT, schema.INTEGER, schema.REAL, schema.BOOLEAN, schema.DATE, schema.DATETIME)
    if kind is None:
        target = ckind if ckind in known else schema.TEXT
    elif ckind is None or ckind == kind:
        target = kind
    elif ckind == schema.INTEGER and kind == schema.REAL:
        target = schema.REAL
    else:
        target = schema.TEXT
    objects = [_plain(v) for v in column.astype(object).where(column.notna(), None).tolist()]
    if target == schema.TEXT:
        objects = [_text(v) for v in objects]
    elif target == schema.REAL:
        objects = [None if v is None else float(v) for v in objects]
    return pd.Series(pd.array(objects, dtype=arrow_dtype(target)), index=column.index, name=column.name)


@dataclass(frozen=True, eq=False)
class _RestoreCells(Edit):
    """Put back old cells exactly (an ExtensionArray of the column's own dtype)."""

    layer: str
    rows: tuple[int, ...]
    field: str
    old: Any
    description: str = ""

    @property
    def layers(self) -> tuple[str, ...]:
        return (self.layer,)

    def apply(self, network: Network) -> Edit:
        frame = network.layer(self.layer)
        column = frame[self.field]
        array = column.array.copy()
        previous = column.array[list(self.rows)]
        array[list(self.rows)] = self.old
        new = frame.copy(deep=False)
        new.isetitem(frame.columns.get_loc(self.field), pd.Series(array, index=frame.index, name=self.field))
        network.set_layer(self.layer, new)
        return _RestoreCells(self.layer, self.rows, self.field, previous, description=self.description)


# --- ids ------------------------------------------------------------------------------

_ID_NUMBER = re.compile(r"^(.*?)(\d+)$")


def next_ids(frame_or_network: pd.DataFrame | Network, layer: str, n: int = 1,
             *, taken: Iterable[str] = (), like: str | None = None) -> list[str]:
    """``n`` new ids for ``layer`` that no feature uses, following the layer's own pattern.

    Ids are continued after the highest number with the prefix of ``like``
    (the feature the new one comes from: 'S01-006' → 'S01-041') or else the
    most common prefix ('P0042' → 'P0043' style, zero padding kept); a layer
    without such ids starts at e.g. 'P0001'.
    """
    frame = frame_or_network.layer(layer) if isinstance(frame_or_network, Network) else frame_or_network
    spec = schema.LAYERS.get(layer)
    id_field = spec.id_field if spec is not None else None
    taken = set(taken)
    stats = _id_patterns(frame[id_field]) if id_field and id_field in frame.columns and len(frame) else None
    liked = _ID_NUMBER.match(like) if like else None
    if stats is not None and liked and liked.group(1) in stats.index:
        prefix = liked.group(1)
    elif stats is not None and len(stats):
        prefix = stats.sort_values(["count", "highest"], ascending=False, kind="stable").index[0]
    else:
        prefix = None
    if prefix is not None:
        width, number = int(stats.at[prefix, "width"]), int(stats.at[prefix, "highest"])
    else:
        prefix, width, number = ID_PREFIX.get(layer, layer[:1].upper() or "F"), 4, 0
    out: list[str] = []
    while len(out) < n:
        batch = [f"{prefix}{number + k:0{width}d}" for k in range(1, n - len(out) + 1)]
        number += len(batch)
        used = taken | (ids_in_use(frame, id_field, batch) if id_field else set())
        out.extend(c for c in batch if c not in used)
    return out


def _id_patterns(column: pd.Series) -> pd.DataFrame:
    """Per id prefix (text before the trailing number): how many ids, highest number, usual width."""
    texts = pa.array(column.astype("string[pyarrow]").array)
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    parts = pc.extract_regex(texts, r"^(?P<prefix>.*?)(?P<digits>\d{1,18})$")
    valid = pc.is_valid(parts)
    parts = pc.filter(parts, valid)
    if len(parts) == 0:
        return pd.DataFrame(columns=["count", "highest", "width"])
    digits = parts.field("digits")
    table = pa.table({"prefix": parts.field("prefix"), "number": pc.cast(digits, pa.int64()),
                      "width": pc.utf8_length(digits)})
    grouped = table.group_by(["prefix", "width"]).aggregate([("number", "count"), ("number", "max")]).to_pandas()
    grouped = grouped.sort_values(["prefix", "number_count", "width"], ascending=[True, False, True], kind="stable")
    per_prefix = grouped.groupby("prefix", sort=False).agg(
        count=("number_count", "sum"), highest=("number_max", "max"), width=("width", "first"))
    return per_prefix


def ids_in_use(frame: pd.DataFrame, id_field: str | None, candidates: Iterable[str],
               *, exclude: Sequence[int] | None = None) -> set[str]:
    """Which of ``candidates`` the layer's features already use as ids (except the rows ``exclude``)."""
    candidates = [str(c) for c in candidates]
    if id_field is None or id_field not in frame.columns or not candidates or len(frame) == 0:
        return set()
    column = frame[id_field]
    texts = column if isinstance(column.dtype, (pd.StringDtype,)) else column.astype("string[pyarrow]")
    hit = texts.isin(candidates).fillna(False).to_numpy(dtype=bool, copy=True)
    if exclude is not None and len(exclude):
        hit[list(exclude)] = False
    return set(texts[hit].astype(str).tolist())


def rows_of(network: Network, layer: str, ids: Iterable[str]) -> tuple[int, ...]:
    """Rows (positions) of the features with these ids; InputError names an unknown one."""
    frame = network.layer(layer)
    spec = schema.LAYERS.get(layer)
    id_field = spec.id_field if spec is not None else None
    if id_field is None:
        raise InputError(f"{layer}: layer has no id field")
    texts = schema.text_column(frame, id_field, default="")
    index = pd.Series(np.arange(len(texts)), index=pd.Index(texts, dtype=object))
    index = index[~index.index.duplicated()]
    out = []
    for fid in ids:
        if str(fid) not in index.index:
            raise InputError(f"{layer}: no feature with {id_field} {str(fid)!r}")
        out.append(int(index[str(fid)]))
    return tuple(out)


def _ids_at(frame: pd.DataFrame | None, layer: str, rows: Sequence[int]) -> list[str]:
    """How a user names the features at ``rows``: their id, or '#row' (1-based)."""
    if frame is None:
        return [f"#{r + 1}" for r in rows]
    spec = schema.LAYERS.get(layer)
    id_field = spec.id_field if spec is not None else None
    if id_field is None or id_field not in frame.columns:
        return [f"#{r + 1}" for r in rows]
    out = []
    column = frame[id_field]
    for r in rows:
        value = column.iloc[r] if 0 <= r < len(frame) else None
        out.append(f"#{r + 1}" if schema.is_null(value) else str(_plain(value)))
    return out


# --- geometry helpers -----------------------------------------------------------------


def pipe_ends_at(network: Network, xy: tuple[float, float], *, network_kind: str | None = None,
                 tolerance: float = schema.SNAP_TOLERANCE_M) -> tuple[np.ndarray, np.ndarray]:
    """Rows of pipes whose first / last vertex lies within ``tolerance`` of ``xy``."""
    rows, start, end = _line_ends(network.pipes, network_kind)
    near_start = np.hypot(start[:, 0] - xy[0], start[:, 1] - xy[1]) <= tolerance
    near_end = np.hypot(end[:, 0] - xy[0], end[:, 1] - xy[1]) <= tolerance
    return rows[near_start], rows[near_end]


def _line_ends(pipes: pd.DataFrame, network_kind: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows of usable LineString pipes (of one circuit) and their first and last coordinates."""
    if len(pipes) == 0 or not isinstance(pipes, gpd.GeoDataFrame):
        return np.empty(0, dtype=np.int64), np.empty((0, 2)), np.empty((0, 2))
    geoms = np.asarray(pipes.geometry.array, dtype=object)
    counts = shapely.get_num_coordinates(geoms)
    usable = (shapely.get_type_id(geoms) == 1) & (counts > 0)
    if network_kind is not None:
        usable &= _equals(pipes, "network", network_kind)
    rows = np.flatnonzero(usable)
    coords = shapely.get_coordinates(geoms[rows])
    last = np.cumsum(counts[rows]) - 1
    first = last - counts[rows] + 1
    return rows, coords[first], coords[last]


def _point_xy(geoms: np.ndarray) -> np.ndarray:
    """x, y of point geometries (NaN for missing, empty or other geometries)."""
    out = np.full((len(geoms), 2), np.nan)
    if len(geoms):
        out[:, 0] = shapely.get_x(geoms)
        out[:, 1] = shapely.get_y(geoms)
    return out


def _equals(frame: pd.DataFrame, column: str, value: str) -> np.ndarray:
    """Rows whose ``column`` is ``value`` (as text), without converting the column."""
    if column not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    col = frame[column]
    if not (isinstance(col.dtype, pd.StringDtype) or pd.api.types.is_string_dtype(col.dtype)):
        col = col.astype("string[pyarrow]")
    return col.eq(value).fillna(False).to_numpy(dtype=bool, copy=True)


def valves_following(network: Network, old: list, new: list, pipe_ids: list[str], *,
                     skip: np.ndarray | None = None, tolerance: float = schema.SNAP_TOLERANCE_M,
                     description: str = "") -> list[Edit]:
    """Valves standing on the pipes ``old`` (within ``tolerance``) that ``new`` no longer passes
    through, moved to the same share of the way along the new geometry. A valve must not be left off
    the pipe it divides. Left alone: ``skip`` (valve rows already moved at a dragged node), valves whose
    ``pipe_id`` names another pipe, and valves at a pipe's old ends that do not name it (they belong to
    the node, which stays)."""
    valves = network.layers.get("valves")
    if valves is None or len(valves) == 0 or not isinstance(valves, gpd.GeoDataFrame):
        return []
    geoms = np.asarray(valves.geometry.array, dtype=object)
    xy = _point_xy(geoms)
    named = schema.text_column(valves, "pipe_id")
    taken = np.zeros(len(valves), dtype=bool)
    if skip is not None and len(skip):
        taken[skip] = True
    rows: list[int] = []
    points: list = []
    for before, after, pipe_id in zip(old, new, pipe_ids, strict=True):
        if before is None or after is None or shapely.is_empty(before) or shapely.is_empty(after):
            continue
        x0, y0, x1, y1 = shapely.bounds(before)
        near = np.flatnonzero(~taken & (xy[:, 0] >= x0 - tolerance) & (xy[:, 0] <= x1 + tolerance)
                              & (xy[:, 1] >= y0 - tolerance) & (xy[:, 1] <= y1 + tolerance)
                              & ((named == "") | (named == pipe_id)))
        if not len(near):
            continue
        ends = shapely.get_coordinates(before)[[0, -1]]
        at_end = np.hypot(xy[near, 0][:, None] - ends[:, 0], xy[near, 1][:, None] - ends[:, 1]).min(axis=1) <= tolerance
        near = near[~at_end | (named[near] == pipe_id)]
        if not len(near):
            continue
        on = near[shapely.distance(before, geoms[near]) <= tolerance]
        off = on[shapely.distance(after, geoms[on]) > tolerance]
        if not len(off):
            continue
        share = shapely.line_locate_point(before, geoms[off], normalized=True)
        rows += off.tolist()
        points += list(shapely.line_interpolate_point(after, share, normalized=True))
        taken[off] = True
    if not rows:
        return []
    return [SetGeometry("valves", tuple(rows), tuple(points), description=description)]


def points_at(network: Network, layer: str, xy: tuple[float, float], *,
              tolerance: float = schema.SNAP_TOLERANCE_M) -> np.ndarray:
    """Rows of ``layer`` features within ``tolerance`` of ``xy``."""
    frame = network.layers.get(layer)
    if frame is None or len(frame) == 0 or not isinstance(frame, gpd.GeoDataFrame):
        return np.empty(0, dtype=np.int64)
    geoms = np.asarray(frame.geometry.array, dtype=object)
    pxy = _point_xy(geoms)
    dist = np.hypot(pxy[:, 0] - xy[0], pxy[:, 1] - xy[1])
    other = ~np.isfinite(dist) & ~shapely.is_missing(geoms)  # not a point: measure the distance
    if other.any():
        dist[other] = shapely.distance(geoms[other], shapely.Point(xy))
    return np.flatnonzero(dist <= tolerance)


@dataclass(frozen=True)
class Snap:
    """Where a map click snaps to: a pipe node, a point on a pipe, or nowhere."""

    xy: tuple[float, float]
    kind: str
    """'node' (a pipe end), 'pipe' (a point on a pipe) or 'none' (the click as is)."""
    layer: str | None = None
    row: int | None = None


def snap(network: Network, xy: tuple[float, float], radius: float, *,
         network_kind: str | None = None) -> Snap:
    """Snap a map position to the nearest pipe end within ``radius``, else the nearest pipe."""
    none = Snap((float(xy[0]), float(xy[1])), "none")
    rows, start, end = _line_ends(network.pipes, network_kind)
    if not len(rows) or radius <= 0:
        return none
    ends = np.vstack([start, end])
    dist = np.hypot(ends[:, 0] - xy[0], ends[:, 1] - xy[1])
    i = int(np.argmin(dist))
    if dist[i] <= radius:
        return Snap((float(ends[i, 0]), float(ends[i, 1])), "node", "pipes", int(rows[i % len(rows)]))
    geoms = np.asarray(network.pipes.geometry.array, dtype=object)[rows]
    click = shapely.Point(xy)
    dist = shapely.distance(geoms, click)
    i = int(np.argmin(dist))
    if dist[i] <= radius:
        line = geoms[i]
        p = shapely.line_interpolate_point(line, shapely.line_locate_point(line, click))
        return Snap((float(p.x), float(p.y)), "pipe", "pipes", int(rows[i]))
    return none


def _station_on(line: shapely.LineString, at: tuple[float, float]) -> tuple[float, float]:
    """Distance along ``line`` of the point nearest ``at``, and the line's length."""
    return float(shapely.line_locate_point(line, shapely.Point(at))), float(shapely.length(line))


def _point_at(line: shapely.LineString, d: float, tolerance: float) -> np.ndarray:
    coords = shapely.get_coordinates(line, include_z=shapely.has_z(line))
    cum = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(coords[:, :2], axis=0).T))])
    near = np.flatnonzero(np.abs(cum - d) <= tolerance)
    if len(near):
        return coords[near[0]]
    i = int(np.searchsorted(cum, d, side="right") - 1)
    i = min(max(i, 0), len(coords) - 2)
    t = (d - cum[i]) / (cum[i + 1] - cum[i])
    return coords[i] + t * (coords[i + 1] - coords[i])


def cut_line(line: shapely.LineString, d: float, *, tolerance: float = schema.SNAP_TOLERANCE_M
             ) -> tuple[shapely.LineString, shapely.LineString]:
    """Cut ``line`` at distance ``d`` along it (at a vertex when one is within ``tolerance``).

    Both parts keep every vertex on their side; they share the cut point exactly.
    """
    coords = shapely.get_coordinates(line, include_z=shapely.has_z(line))
    cum = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(coords[:, :2], axis=0).T))])
    near = np.flatnonzero((np.abs(cum - d) <= tolerance) & (np.arange(len(cum)) > 0) & (np.arange(len(cum)) < len(cum) - 1))
    if len(near):
        k = int(near[0])
        return shapely.LineString(coords[: k + 1]), shapely.LineString(coords[k:])
    point = _point_at(line, d, 0.0)
    i = int(np.searchsorted(cum, d, side="right") - 1)
    i = min(max(i, 0), len(coords) - 2)
    first = np.vstack([coords[: i + 1], point])
    second = np.vstack([point, coords[i + 1 :]])
    return shapely.LineString(first), shapely.LineString(second)


def _move_vertex(geom: Any, index: int, xy: tuple[float, float]) -> Any:
    """``geom`` with one vertex moved (z kept); None when there is no such vertex."""
    has_z = bool(shapely.has_z(geom))
    coords = shapely.get_coordinates(geom, include_z=has_z)
    n = len(coords)
    if not -n <= index < n:
        return None
    index %= n
    moved = coords.copy()
    moved[index, 0], moved[index, 1] = float(xy[0]), float(xy[1])
    if shapely.get_type_id(geom) in (3, 6):  # polygons: keep rings closed
        for ring in _rings(geom):
            start, stop = ring
            if index in (start, stop - 1):
                for j in (start, stop - 1):
                    moved[j, 0], moved[j, 1] = float(xy[0]), float(xy[1])
    return shapely.transform(geom, lambda _c: moved, include_z=has_z)


def _rings(geom: Any) -> list[tuple[int, int]]:
    spans = []
    offset = 0
    polygons = shapely.get_parts(geom) if shapely.get_type_id(geom) == 6 else [geom]
    for poly in polygons:
        rings = [shapely.get_exterior_ring(poly), *shapely.get_interior_ring(poly, range(shapely.get_num_interior_rings(poly)))]
        for ring in rings:
            k = int(shapely.get_num_coordinates(ring))
            spans.append((offset, offset + k))
            offset += k
    return spans


# --- frame helpers --------------------------------------------------------------------


def _check_rows(layer: str, frame: pd.DataFrame, rows: Sequence[int]) -> None:
    n = len(frame)
    for r in rows:
        if not 0 <= r < n:
            raise InputError(f"{layer}: no feature at row {r} (the layer has {n})")
    if len(set(rows)) != len(rows):
        raise InputError(f"{layer}: the same row is named twice")


def _is_plain_range(index: pd.Index) -> bool:
    if isinstance(index, pd.RangeIndex):
        return index.start == 0 and index.step == 1
    return False


def _new_labels(index: pd.Index, k: int) -> pd.Index:
    if _is_plain_range(index):
        return pd.RangeIndex(len(index), len(index) + k)
    if pd.api.types.is_integer_dtype(index.dtype):
        start = int(index.max()) + 1 if len(index) else 0
        return pd.Index(np.arange(start, start + k), dtype=index.dtype)
    return pd.Index([f"new{len(index) + i}" for i in range(k)], dtype=object)


def _new_column_position(frame: pd.DataFrame) -> int:
    """New fields go before a trailing geometry column, else at the end."""
    if isinstance(frame, gpd.GeoDataFrame) and len(frame.columns) and frame.columns[-1] == frame.geometry.name:
        return len(frame.columns) - 1
    return len(frame.columns)


def _aligned(column: pd.Series, index: pd.Index) -> pd.Series:
    return pd.Series(column.array, index=index, name=column.name)


def _concat(frame: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Rows appended to frame, every column keeping frame's dtype."""
    columns = {}
    for j in range(len(frame.columns)):
        a = frame.iloc[:, j].array
        b = rows.iloc[:, j].array
        if a.dtype == b.dtype:
            joined = type(a)._concat_same_type([a, b]) if hasattr(type(a), "_concat_same_type") else np.concatenate([a, b])
        else:
            joined = pd.concat([frame.iloc[:, j], rows.iloc[:, j]], ignore_index=True).array
        columns[j] = joined
    index = frame.index.append(rows.index)
    out = pd.DataFrame({j: pd.Series(columns[j], index=index) for j in columns}, index=index)
    out.columns = frame.columns
    if isinstance(frame, gpd.GeoDataFrame):
        out = gpd.GeoDataFrame(out, geometry=frame.geometry.name, crs=frame.crs)
    return out


def _match_dtypes(rows: pd.DataFrame, target: pd.DataFrame) -> pd.DataFrame:
    for j in range(len(target.columns)):
        if rows.dtypes.iloc[j] != target.dtypes.iloc[j]:
            rows.isetitem(j, rows.iloc[:, j].astype(target.dtypes.iloc[j]))
    return rows


def _records_frame(records: Sequence[dict[str, Any]]) -> pd.DataFrame:
    names: dict[str, None] = {}
    for rec in records:
        names.update(dict.fromkeys(rec))
    data = {name: pd.Series([rec.get(name) for rec in records], dtype=object) for name in names}
    return pd.DataFrame(data, index=pd.RangeIndex(len(records)))
