"""Export a layer or an analysis result to GeoPackage, GeoJSON, Shapefile or CSV — atomically.

Every export is written to a temporary file beside the target and moved into
place in one step, so a failed or interrupted export never leaves half a file
(a Shapefile's parts are each replaced atomically, the ``.shp`` last).

What a format cannot hold is changed and *reported* (:class:`ExportReport`),
never silently: Shapefile field names longer than 10 bytes are shortened
(uniquely; the mapping is in ``renamed``), text longer than 254 bytes is cut;
CSV gets ``x``/``y`` columns for points and a ``wkt`` column for other
geometries.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyogrio
import pyproj
import shapely

from gisheat.core import schema
from gisheat.core.network import Network
from gisheat.errors import InputError

FORMATS = {".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON", ".shp": "ESRI Shapefile", ".csv": "CSV"}
FORMAT_NAMES = {"gpkg": "GPKG", "geopackage": "GPKG", "geojson": "GeoJSON", "shp": "ESRI Shapefile",
                "shapefile": "ESRI Shapefile", "csv": "CSV"}
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
SHAPEFILE_STALE = (".qix", ".sbn", ".sbx", ".qpj")
"""Sidecar files of an older Shapefile that would no longer match (spatial indexes)."""
DBF_NAME_BYTES = 10
DBF_TEXT_BYTES = 254


@dataclass
class ExportReport:
    """Where an export went and what had to change to fit the format."""

    path: Path
    format: str
    features: int
    renamed: dict[str, str] = field(default_factory=dict)
    """Field → its name in the file, for every field whose name had to change."""
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"{self.path}: {self.features} features written ({self.format})"]
        out += [f"field {old} written as {new}" for old, new in self.renamed.items()]
        out += self.notes
        return out

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "format": self.format, "features": self.features,
                "renamed": dict(self.renamed), "notes": list(self.notes)}


def export_layer(network: Network, name: str, path: str | os.PathLike[str], **options: Any) -> ExportReport:
    """Export layer ``name`` of ``network``; see :func:`export_frame` for the options."""
    if name not in network.layers:
        known = ", ".join(network.layers)
        raise InputError(f"no layer {name!r} in the network (layers: {known})")
    frame = network.layers[name]
    options.setdefault("layer_name", name)
    if isinstance(frame, gpd.GeoDataFrame) and frame.crs is None and network.crs is not None:
        frame = frame.set_crs(network.crs)
    return export_frame(frame, path, **options)


def export_frame(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    layer_name: str | None = None,
    driver: str | None = None,
    crs: Any = None,
    encoding: str = "UTF-8",
) -> ExportReport:
    """Write ``frame`` (a layer, or an analysis result) to ``path``.

    ``driver`` is taken from the suffix unless given ('GPKG', 'GeoJSON',
    'ESRI Shapefile', 'CSV' or a short name such as 'shp'). ``crs`` reprojects
    the geometry (e.g. EPSG:4326 for web maps). A frame indexed by ids (an
    analysis result) gets its index written as the first column. ``encoding``
    applies to Shapefile (written with a .cpg) and CSV ('utf-8-sig' suits Excel).
    """
    path = Path(path)
    driver = _driver(path, driver)
    if not path.parent.exists():
        raise InputError(f"{path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise InputError(f"{path}: is a folder")
    frame = _with_index_column(frame)
    notes: list[str] = []
    if isinstance(frame, gpd.GeoDataFrame) and crs is not None:
        try:
            target = pyproj.CRS.from_user_input(crs)
        except pyproj.exceptions.CRSError:
            raise InputError(f"{crs!r} is not a CRS (try EPSG:4326)") from None
        if frame.crs is None:
            raise InputError(f"{path}: the data has no CRS to reproject from")
        if not frame.crs.equals(target):
            frame = frame.to_crs(target)
            notes.append(f"reprojected to {_crs_name(target)}")
    layer_name = layer_name or path.stem
    if driver == "CSV":
        renamed = _write_csv(frame, path, encoding, notes)
    elif driver == "ESRI Shapefile":
        renamed = _write_shapefile(frame, path, layer_name, encoding, notes)
    else:
        renamed = {}
        _write_single(frame, path, layer_name, driver, notes)
    return ExportReport(path=path, format=driver, features=len(frame), renamed=renamed, notes=notes)


def with_geometry(result: pd.DataFrame | pd.Series, network: Network, layer: str) -> gpd.GeoDataFrame:
    """An analysis result keyed by feature id (index or id column) joined to the layer's geometry.

    ``criticality(network)`` (indexed by pipe_id) → a pipes map layer to export.
    Ids the layer does not have get no geometry.
    """
    spec = schema.LAYERS.get(layer)
    id_field = spec.id_field if spec is not None else None
    if id_field is None:
        raise InputError(f"{layer}: layer has no id field to join on")
    frame = result.to_frame() if isinstance(result, pd.Series) else result
    if id_field in frame.columns:
        ids = frame[id_field].astype(object).to_numpy()
        body = frame.reset_index(drop=True)
    else:
        ids = np.asarray(frame.index.astype(str), dtype=object)
        body = frame.reset_index(drop=True)
        body.insert(0, id_field, pd.Series(ids, dtype=object))
    source = network.layer(layer)
    if not isinstance(source, gpd.GeoDataFrame):
        raise InputError(f"{layer}: layer has no geometry")
    by_id = pd.Series(np.asarray(source.geometry.array, dtype=object),
                      index=pd.Index(schema.text_column(source, id_field), dtype=object))
    by_id = by_id[~by_id.index.duplicated()]
    geoms = by_id.reindex(pd.Index([str(i) for i in ids], dtype=object)).to_numpy(dtype=object)
    geoms = np.where(pd.isna(geoms), None, geoms)
    return gpd.GeoDataFrame(body, geometry=gpd.GeoSeries(geoms, index=body.index, crs=source.crs), crs=source.crs)


# --- formats ----------------------------------------------------------------------------


def _driver(path: Path, driver: str | None) -> str:
    if driver is not None:
        name = FORMAT_NAMES.get(driver.lower(), driver)
        if name not in FORMATS.values():
            raise InputError(f"unknown export format {driver!r} (formats: gpkg, geojson, shp, csv)")
        return name
    name = FORMATS.get(path.suffix.lower())
    if name is None:
        raise InputError(f"{path}: cannot tell the format from the suffix (use .gpkg, .geojson, .shp or .csv)")
    return name


def _with_index_column(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep an id index (analysis results) as a column; drop a plain row number index."""
    index = frame.index
    if isinstance(index, pd.RangeIndex) or (index.name is None and pd.api.types.is_integer_dtype(index.dtype)
                                            and not isinstance(index, pd.MultiIndex)):
        return frame.reset_index(drop=True)
    names = [n if n is not None else ("id" if i == 0 else f"id_{i}") for i, n in enumerate(index.names)]
    out = frame.copy(deep=False)
    out.index = out.index.set_names(names)
    return out.reset_index()


def _write_single(frame: pd.DataFrame, path: Path, layer: str, driver: str, notes: list[str]) -> None:
    suffix = path.suffix or ".tmp"
    with _temporary(path.parent, f".{path.name}.", suffix) as tmp:
        table, kwargs = _arrow(frame, driver)
        if driver == "GeoJSON" and kwargs.get("crs") and isinstance(frame, gpd.GeoDataFrame):
            if not frame.crs.equals(pyproj.CRS(4326)):
                notes.append(f"coordinates in {_crs_name(frame.crs)}; GeoJSON readers expecting "
                             "longitude/latitude want an export with EPSG:4326")
        _write_arrow(table, tmp, layer, driver, kwargs)
        _fsync(tmp)
        os.replace(tmp, path)


def _write_shapefile(frame: pd.DataFrame, path: Path, layer: str, encoding: str, notes: list[str]) -> dict[str, str]:
    if not isinstance(frame, gpd.GeoDataFrame):  # GDAL would write a lone .dbf under the .shp's name
        raise InputError(f"{path}: {layer} has no geometry, and a Shapefile needs one; export it as CSV or GeoPackage")
    renamed = _dbf_names([str(c) for c in frame.columns if not _is_geometry(frame, c)], encoding)
    table, kwargs = _arrow(frame, "ESRI Shapefile")
    names = [renamed.get(n, n) for n in table.column_names]
    table = table.rename_columns(names)
    table = _cut_long_text(table, encoding, notes)
    kwargs["encoding"] = encoding
    if isinstance(frame, gpd.GeoDataFrame):
        kinds = set(frame.geometry.geom_type.dropna())
        if len({k.replace("Multi", "") for k in kinds}) > 1:
            raise InputError(f"{path}: a Shapefile holds one geometry type; this layer has {', '.join(sorted(kinds))}")
        if frame.geometry.isna().any():
            notes.append(f"{int(frame.geometry.isna().sum())} features without geometry written with none")
    folder = Path(tempfile.mkdtemp(prefix=f".{path.stem}.", dir=path.parent))
    try:
        tmp = folder / path.name
        _write_arrow(table, tmp, layer, "ESRI Shapefile", kwargs)
        parts = sorted((p for p in folder.iterdir()), key=lambda p: p.suffix.lower() == ".shp")
        for stale in SHAPEFILE_STALE:
            with contextlib.suppress(FileNotFoundError):
                path.with_suffix(stale).unlink()
        for part in parts:
            _fsync(part)
            os.replace(part, path.with_suffix(part.suffix))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {old: new for old, new in renamed.items() if old != new}


def _write_csv(frame: pd.DataFrame, path: Path, encoding: str, notes: list[str]) -> dict[str, str]:
    renamed: dict[str, str] = {}
    out = pd.DataFrame(frame.drop(columns=frame.geometry.name) if isinstance(frame, gpd.GeoDataFrame) else frame)
    if isinstance(frame, gpd.GeoDataFrame):
        geoms = np.asarray(frame.geometry.array, dtype=object)
        present = ~shapely.is_missing(geoms)
        points = present & (shapely.get_type_id(geoms) == 0)
        if present.any() and points[present].all():
            coords = np.full((len(geoms), 2), np.nan)
            coords[present] = shapely.get_coordinates(geoms[present])[:, :2]
            for name, j in (("x", 0), ("y", 1)):
                column = _free_name(name, out.columns)
                if column != name:
                    renamed[f"({name})"] = column
                out[column] = pd.array(coords[:, j], dtype="Float64")
        else:
            column = _free_name("wkt", out.columns)
            if column != "wkt":
                renamed["(wkt)"] = column
            out[column] = pd.Series(shapely.to_wkt(geoms, rounding_precision=-1), dtype=object)
    with _temporary(path.parent, f".{path.name}.", ".csv") as tmp:
        out.to_csv(tmp, index=False, encoding=encoding, lineterminator="\n")
        _fsync(tmp)
        os.replace(tmp, path)
    if isinstance(frame, gpd.GeoDataFrame) and frame.crs is not None:
        notes.append(f"coordinates in {_crs_name(frame.crs)}")
    return renamed


# --- arrow --------------------------------------------------------------------------------


def _is_geometry(frame: pd.DataFrame, column: Any) -> bool:
    return isinstance(frame, gpd.GeoDataFrame) and column == frame.geometry.name


def _arrow(frame: pd.DataFrame, driver: str) -> tuple[pa.Table, dict[str, Any]]:
    kwargs: dict[str, Any] = {}
    if isinstance(frame, gpd.GeoDataFrame):
        geometry_name = frame.geometry.name
        table = pa.table(frame.to_arrow(index=False, geometry_encoding="WKB"))
        kwargs["geometry_name"] = geometry_name
        kwargs["geometry_type"] = _geometry_type(frame, driver)
        kwargs["crs"] = frame.crs.to_wkt() if frame.crs is not None else None
    else:
        table = pa.Table.from_pandas(pd.DataFrame(frame), preserve_index=False)
    table = table.replace_schema_metadata(None)
    fields, columns = [], []
    for fld, col in zip(table.schema, table.columns, strict=True):
        t = fld.type
        if pa.types.is_null(t) or pa.types.is_large_string(t):
            col = col.cast(pa.string())
        elif pa.types.is_dictionary(t):
            col = col.cast(t.value_type)
        elif pa.types.is_decimal(t):
            col = col.cast(pa.float64())
        fields.append(pa.field(fld.name, col.type, metadata=fld.metadata))
        columns.append(col)
    return pa.Table.from_arrays(columns, schema=pa.schema(fields)), kwargs


def _geometry_type(frame: gpd.GeoDataFrame, driver: str) -> str:
    kinds = set(frame.geometry.geom_type.dropna())
    if len(kinds) == 1:
        return kinds.pop()
    bases = {k.replace("Multi", "") for k in kinds}
    if len(bases) == 1:
        return "Multi" + bases.pop()
    return "Unknown" if driver != "ESRI Shapefile" or not kinds else sorted(kinds)[0]


def _write_arrow(table: pa.Table, path: Path, layer: str, driver: str, kwargs: dict[str, Any]) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pyogrio.write_arrow(table, path, layer=layer, driver=driver, **kwargs)
    except Exception as exc:  # noqa: BLE001 - one line, the target untouched
        raise InputError(f"{path}: could not write {driver} ({_first_line(exc)})") from None


def _dbf_names(names: list[str], encoding: str) -> dict[str, str]:
    """Field names cut to 10 bytes in ``encoding``, made unique (name → new name)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        short = _cut_bytes(name, DBF_NAME_BYTES, encoding)
        candidate, k = short, 1
        while candidate.lower() in used:
            suffix = f"_{k}"
            candidate = _cut_bytes(name, DBF_NAME_BYTES - len(suffix), encoding) + suffix
            k += 1
        used.add(candidate.lower())
        out[name] = candidate
    return out


def _cut_bytes(text: str, limit: int, encoding: str) -> str:
    try:
        data = text.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        data = text.encode("utf-8")
        encoding = "utf-8"
    return data[:limit].decode(encoding, errors="ignore")


def _cut_long_text(table: pa.Table, encoding: str, notes: list[str]) -> pa.Table:
    for j, fld in enumerate(table.schema):
        if not pa.types.is_string(fld.type):
            continue
        column = table.column(j)
        lengths = pc.binary_length(pc.cast(column, pa.binary()))
        if pc.max(lengths).as_py() is None or pc.max(lengths).as_py() <= DBF_TEXT_BYTES:
            continue
        values = [None if v is None else _cut_bytes(v, DBF_TEXT_BYTES, encoding) for v in column.to_pylist()]
        cut = sum(1 for v, w in zip(column.to_pylist(), values, strict=True) if v is not None and v != w)
        notes.append(f"field {fld.name}: {cut} texts longer than {DBF_TEXT_BYTES} bytes were cut")
        table = table.set_column(j, fld, pa.array(values, type=pa.string()))
    return table


def _free_name(name: str, taken: Any) -> str:
    taken = {str(t) for t in taken}
    candidate, k = name, 1
    while candidate in taken:
        candidate = f"{name}_{k}"
        k += 1
    return candidate


# --- files --------------------------------------------------------------------------------


@contextlib.contextmanager
def _temporary(folder: Path, prefix: str, suffix: str):
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()
    try:
        yield tmp
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _crs_name(crs: pyproj.CRS) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
