"""Analysis results as map layers, and writing them to a GeoPackage that opens in QGIS."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.ops

from gisheat.analysis.isolation import IsolationResult
from gisheat.analysis.topology import Topology, geometry_array, single_part
from gisheat.core.network import LayerInfo, Network
from gisheat.errors import NetworkFileError
from gisheat.io import gpkg


def piece_geometries(network: Network, topology: Topology, pieces: np.ndarray) -> np.ndarray:
    """Geometry of pipe pieces: the whole pipe, or the stretch between its interior valves."""
    lines = single_part(geometry_array(network.pipes))[topology.pipe_row[topology.piece_pipe[pieces]]]
    start = topology.piece_start[pieces]
    end = topology.piece_end[pieces]
    out = lines.copy()
    partial = np.flatnonzero((start > 0) | (end < 1))
    for k in partial:
        out[k] = shapely.ops.substring(lines[k], start[k], end[k], normalized=True)
    return out


def _pieces_layer(network: Network, topology: Topology, pieces: np.ndarray) -> gpd.GeoDataFrame:
    pipes = network.pipes
    rows = topology.pipe_row[topology.piece_pipe[pieces]]
    frame = pd.DataFrame(pipes.drop(columns=pipes.geometry.name).iloc[rows]).reset_index(drop=True)
    frame.insert(1, "piece", topology.piece_index[pieces])
    frame["piece_length_m"] = topology.piece_length[pieces]
    return gpd.GeoDataFrame(frame, geometry=piece_geometries(network, topology, pieces), crs=network.crs)


def _features(network: Network, layer: str, rows: np.ndarray, **extra) -> gpd.GeoDataFrame:
    subset = network.layer(layer).iloc[rows].reset_index(drop=True)
    for name, values in extra.items():
        subset[name] = values
    return subset


def isolation_layers(network: Network, topology: Topology, result: IsolationResult) -> dict[str, gpd.GeoDataFrame]:
    """The result as layers: valves to close (numbered), boundary valves, isolated and cut-off pipe
    pieces, affected stations and customers (with their reason)."""
    t = topology
    close = result.close_valve_index[np.argsort(t.valve_id[result.close_valve_index].astype(str), kind="stable")]
    layers = {
        "valves_to_close": _features(network, "valves", t.valve_row[close], close_order=np.arange(1, len(close) + 1)),
        "closed_boundary_valves": _features(network, "valves", t.valve_row[result.boundary_valve_index]),
        "isolated_pipes": _pieces_layer(network, t, result.isolated_pieces),
        "cut_off_pipes": _pieces_layer(network, t, result.cut_off_pieces),
        "affected_stations": _features(network, "stations", t.station_row[result.station_index]),
        "affected_customers": _features(network, "customers", t.customer_row[result.customer_index],
                                        reason=result.customer_reason.astype(str)),
    }
    return layers


RESULT_GEOMETRY = {
    "valves_to_close": "Point",
    "closed_boundary_valves": "Point",
    "isolated_pipes": "LineString",
    "cut_off_pipes": "LineString",
    "affected_stations": "Point",
    "affected_customers": "Point",
}
"""Geometry type of each result layer (so empty layers open with the right type)."""


def write_layers(path: str | os.PathLike[str], layers: dict[str, pd.DataFrame], network: Network) -> Path:
    """Write result layers to a new GeoPackage atomically (replacing ``path`` if it exists)."""
    path = Path(path)
    if path.suffix.lower() != ".gpkg":
        raise NetworkFileError(f"{path}: result files are GeoPackages; use a .gpkg name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise NetworkFileError(f"{path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".gpkg", dir=folder)
    os.close(fd)
    os.unlink(tmp)
    try:
        for name, frame in layers.items():
            info = LayerInfo(geometry_type=RESULT_GEOMETRY[name]) if name in RESULT_GEOMETRY and frame.empty else None
            gpkg.write_layer(Path(tmp), name, frame, info, network.crs)
        os.replace(tmp, path)
    except Exception as exc:
        Path(tmp).unlink(missing_ok=True)
        raise NetworkFileError(f"{path}: could not write results ({exc})") from exc
    return path
