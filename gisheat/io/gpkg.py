"""Read and write the network GeoPackage (pyogrio, Arrow) — losslessly and atomically.

Every layer is read as stored: field types are kept through Arrow dtypes, so
an integer with nulls stays an integer and a DATE stays a date. Saving copies
the file beside itself, rewrites only the layers that changed, and replaces
the original in one step: a crash mid-save leaves the previous file intact,
and what gisheat does not understand (styles, metadata, other tables) is
carried over byte for byte.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyogrio
import pyproj

from gisheat.core import schema
from gisheat.core.network import LayerInfo, Network
from gisheat.core.problems import Problem
from gisheat.errors import NetworkFileError

GEOMETRY_LESS = {None, "None", "Unknown (any)"}


def load(path: str | os.PathLike[str], *, layers: Iterable[str] | None = None,
         any_crs: bool = False) -> Network:
    """Load a network file; raises NetworkFileError with a one-line message when it cannot.

    ``layers`` restricts reading to those layers (``pipes`` is always read).
    ``any_crs`` accepts pipes in a geographic or non-metre CRS, recording it as
    a note instead of refusing the file (for validation, which reports it).
    """
    path = Path(path)
    if not path.exists():
        raise NetworkFileError(f"{path}: no such file")
    if path.is_dir():
        raise NetworkFileError(f"{path}: is a folder, not a network file")
    _require_geopackage(path)
    try:
        listed = pyogrio.list_layers(path)
    except Exception as exc:  # noqa: BLE001 - any reader failure means "not readable"
        raise NetworkFileError(f"{path}: not a readable GeoPackage ({_reader_problem(exc)})") from None
    names = [str(row[0]) for row in listed]
    if "pipes" not in names:
        raise NetworkFileError(f"{path}: not a gisheat network file (no 'pipes' layer)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            driver = pyogrio.read_info(path, layer="pipes").get("driver")
        except Exception as exc:  # noqa: BLE001
            raise NetworkFileError(f"{path}: layer pipes cannot be read ({_reader_problem(exc)})") from None
    if driver != "GPKG":
        raise NetworkFileError(f"{path}: not a GeoPackage (GDAL reads it as {driver}); bring it in with 'gisheat import'")
    wanted = set(layers) | {"pipes"} if layers is not None else None

    frames: dict[str, pd.DataFrame] = {}
    info: dict[str, LayerInfo] = {}
    for name in names:
        if wanted is not None and name not in wanted:
            continue
        frames[name], info[name] = _read_layer(path, name)

    if not isinstance(frames["pipes"], gpd.GeoDataFrame):
        raise NetworkFileError(f"{path}: layer pipes has no geometry (a plain table); gisheat needs the pipes as lines")
    network = Network(layers=frames, path=path, info=info)
    _settle_crs(network, path, any_crs)
    return network


def _read_layer(path: Path, name: str) -> tuple[pd.DataFrame, LayerInfo]:
    try:
        meta = pyogrio.read_info(path, layer=name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = pyogrio.read_dataframe(
                path,
                layer=name,
                use_arrow=True,
                arrow_to_pandas_kwargs={"types_mapper": _arrow_dtype},
            )
    except Exception as exc:  # noqa: BLE001
        raise NetworkFileError(f"{path}: layer {name} cannot be read ({_first_line(exc)})") from None
    geometry_type = meta.get("geometry_type")
    if geometry_type in GEOMETRY_LESS:
        geometry_type = None
    if geometry_type is None and isinstance(frame, gpd.GeoDataFrame):
        frame = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    layer_info = LayerInfo(
        geometry_type=geometry_type,
        geometry_name=meta.get("geometry_name") or None,
        source_crs=meta.get("crs"),
    )
    return frame, layer_info


def _arrow_dtype(arrow_type: pa.DataType) -> pd.ArrowDtype | None:
    """Keep every attribute column in its Arrow type (nullable ints, bools, dates)."""
    return pd.ArrowDtype(arrow_type)


def _settle_crs(network: Network, path: Path, any_crs: bool = False) -> None:
    """Give the network the pipes' CRS; refuse geographic CRSs; reproject other layers."""
    pipes = network.layers["pipes"]
    crs = pipes.crs if isinstance(pipes, gpd.GeoDataFrame) else None
    usable = True
    if crs is None:
        network.notes.append(Problem("pipes", "", "layer has no CRS; coordinates taken as metres"))
    else:
        try:
            _require_metric(crs, path, "pipes")
        except NetworkFileError as exc:
            if not any_crs:
                raise
            usable = False
            network.notes.append(Problem("pipes", "", str(exc).split(": ", 1)[1].replace("layer pipes is", "layer is")
                                         + "; topology not checked"))
    network.crs = crs
    for name, frame in network.layers.items():
        if name == "pipes" or not isinstance(frame, gpd.GeoDataFrame):
            continue
        if not usable:  # nothing to reproject to: only layers that differ from the pipes are named
            if frame.crs is not None and not frame.crs.equals(crs) and len(frame):
                network.notes.append(Problem(name, "", f"layer in {_crs_name(frame.crs)}, not {_crs_name(crs)}"))
            continue
        if crs is None:
            if frame.crs is not None and len(frame):
                network.notes.append(Problem(
                    name, "", f"layer in {_crs_name(frame.crs)} while pipes have no CRS; not reprojected"))
            continue
        if frame.crs is None:
            if len(frame):
                network.notes.append(Problem(name, "", f"layer has no CRS; taken as {_crs_name(crs)}"))
            frame.set_crs(crs, inplace=True, allow_override=True)
        elif crs is not None and not frame.crs.equals(crs):
            network.notes.append(
                Problem(name, "", f"layer in {_crs_name(frame.crs)}, not {_crs_name(crs)}; reprojected")
            )
            network.layers[name] = frame.to_crs(crs)


def _require_metric(crs: pyproj.CRS, path: Path, layer: str) -> None:
    if crs.is_geographic:
        raise NetworkFileError(
            f"{path}: layer {layer} is in a geographic CRS ({_crs_name(crs)}, degrees); "
            "gisheat needs a projected CRS in metres such as EPSG:4547"
        )
    units = {axis.unit_name for axis in crs.axis_info}
    if units and not units <= {"metre", "meter", "m"}:
        raise NetworkFileError(
            f"{path}: layer {layer} CRS {_crs_name(crs)} is in {', '.join(sorted(units))}, not metres"
        )


def _crs_name(crs: pyproj.CRS) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


SQLITE_MAGIC = b"SQLite format 3\x00"


def _require_geopackage(path: Path) -> None:
    """A GeoPackage is an SQLite database: say so plainly when the file is something else."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise NetworkFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not head:
        raise NetworkFileError(f"{path}: is an empty file, not a GeoPackage")
    if head != SQLITE_MAGIC and path.suffix.lower() == ".gpkg":
        raise NetworkFileError(f"{path}: not a GeoPackage (the file is not an SQLite database)")


def _reader_problem(exc: BaseException) -> str:
    """GDAL's complaint in a user's words where it is a known one."""
    text = _first_line(exc)
    if "malformed" in text or "not a database" in text:
        return "the file is damaged or truncated"
    if "not recognized as being in a supported file format" in text:
        return "not a format GDAL can read"
    return text


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# --- saving ---------------------------------------------------------------------------


def save(
    network: Network,
    path: str | os.PathLike[str] | None = None,
    *,
    before_replace: Callable[[Path], None] | None = None,
) -> Path:
    """Save atomically to ``path`` (default: where it was loaded from) and return the path.

    When the target or the loaded file exists it is copied beside the target,
    the changed layers are rewritten in the copy, and the copy replaces the
    target. ``before_replace`` is a test hook called with the temporary file.
    """
    target = Path(path) if path is not None else network.path
    if target is None:
        raise NetworkFileError("network has no file name: choose where to save it")
    target = target.resolve()
    origin = network.path.resolve() if network.path is not None else None
    base = origin if origin is not None and origin.exists() else None

    _remove_stale_saves(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=SAVING_SUFFIX, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if base is not None:
            shutil.copy2(base, tmp)
            on_disk = {str(row[0]) for row in pyogrio.list_layers(tmp)}
            to_write = [n for n in network.layers if n in network.dirty or n not in on_disk]
        else:
            tmp.unlink()
            to_write = list(network.layers)
        for name in to_write:
            write_layer(tmp, name, network.layers[name], network.info.get(name), network.crs)
        _fsync(tmp)
        if before_replace is not None:
            before_replace(tmp)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except NetworkFileError:
        _discard(tmp)
        raise
    except Exception as exc:
        _discard(tmp)
        raise NetworkFileError(f"{target}: could not save ({_first_line(exc)}); the file is unchanged") from exc
    except BaseException:
        _discard(tmp)
        raise
    network.path = target
    network.dirty.clear()
    return target


SAVING_SUFFIX = ".saving.gpkg"
STALE_SAVE_S = 3600.0
"""A half-written copy this old was left by a save that died (crash, power cut): nobody is writing it."""


def _remove_stale_saves(target: Path) -> None:
    """Remove the half-written copies a crashed save of ``target`` left beside it (never the file itself)."""
    now = time.time()
    for leftover in target.parent.glob(f".{target.stem}.*{SAVING_SUFFIX}"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_SAVE_S:
                leftover.unlink()


def write_layer(
    path: Path,
    name: str,
    frame: pd.DataFrame,
    layer_info: LayerInfo | None = None,
    crs: pyproj.CRS | None = None,
) -> None:
    """Write one layer into ``path`` (created when missing), replacing a layer of that name."""
    layer_info = layer_info or LayerInfo()
    if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame.columns:
        geometry_type = layer_info.geometry_type or _geometry_type_of(frame, name)
        out_crs = frame.crs or crs
        table = pa.table(
            gpd.GeoDataFrame(frame, crs=out_crs).to_arrow(index=False, geometry_encoding="WKB")
        )
        geometry_name = frame.geometry.name
        table = table.replace_schema_metadata(None)
        kwargs = {
            "geometry_name": geometry_name,
            "geometry_type": geometry_type,
            "crs": out_crs.to_wkt() if out_crs is not None else None,
        }
        if layer_info.geometry_name and layer_info.geometry_name != geometry_name:
            kwargs["layer_options"] = {"GEOMETRY_NAME": layer_info.geometry_name}
    else:
        table = pa.Table.from_pandas(pd.DataFrame(frame), preserve_index=False)
        table = table.replace_schema_metadata(None)
        kwargs = {}
    table = _arrow_safe(table)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_arrow(table, path, layer=name, driver="GPKG", **kwargs)


def _geometry_type_of(frame: gpd.GeoDataFrame, name: str) -> str:
    spec = schema.LAYERS.get(name)
    types = set(frame.geometry.geom_type.dropna().unique())
    if len(types) == 1:
        return types.pop()
    if types and all(t.replace("Multi", "") == next(iter(types)).replace("Multi", "") for t in types):
        return "Multi" + next(iter(types)).replace("Multi", "")
    if spec is not None and spec.geometry is not None and not types:
        return ("Multi" if spec.multi_ok else "") + spec.geometry
    return "Unknown"


def _arrow_safe(table: pa.Table) -> pa.Table:
    """Turn column types GDAL cannot store (null-only, large strings, dictionaries) into plain ones."""
    fields = []
    columns = []
    for fld, col in zip(table.schema, table.columns, strict=True):
        t = fld.type
        if pa.types.is_null(t):
            col = col.cast(pa.string())
        elif pa.types.is_large_string(t):
            col = col.cast(pa.string())
        elif pa.types.is_dictionary(t):
            col = col.cast(t.value_type)
        fields.append(pa.field(fld.name, col.type, metadata=fld.metadata))
        columns.append(col)
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def new_network(layers: dict[str, pd.DataFrame], crs: pyproj.CRS | str | int) -> Network:
    """A network made in memory (sample generator, import) ready to be saved."""
    crs = pyproj.CRS.from_user_input(crs)
    return Network(layers=dict(layers), crs=crs, dirty=set(layers))
