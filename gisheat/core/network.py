"""The in-memory network: every layer of the file, as read, plus where it came from.

Layers are kept exactly as stored (no defaults written into them, unknown
fields and layers untouched) so that a save writes back what was read. Code
that needs schema defaults reads columns through ``gisheat.core.schema``'s
column accessors, which fill them on the fly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyproj

from gisheat.core import schema
from gisheat.core.problems import Problem


@dataclass
class LayerInfo:
    """How a layer is stored in the file, so it can be written back the same way."""

    geometry_type: str | None = None
    geometry_name: str | None = None
    source_crs: str | None = None


@dataclass
class Network:
    """All layers of one utility's network file."""

    layers: dict[str, pd.DataFrame]
    crs: pyproj.CRS | None = None
    path: Path | None = None
    info: dict[str, LayerInfo] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)
    """Findings made while loading (a layer reprojected, a CRS missing)."""
    dirty: set[str] = field(default_factory=set)
    """Layers changed since the last load or save."""
    revision: int = 0
    """Bumped on every change; analyses remember the revision they were computed on."""

    # --- access -------------------------------------------------------------------

    def has(self, name: str) -> bool:
        return name in self.layers

    def layer(self, name: str) -> pd.DataFrame:
        """The layer ``name``; an empty frame with the schema's columns when the file lacks it."""
        if name in self.layers:
            return self.layers[name]
        return empty_layer(name, self.crs)

    @property
    def pipes(self) -> gpd.GeoDataFrame:
        return self.layer("pipes")

    @property
    def valves(self) -> gpd.GeoDataFrame:
        return self.layer("valves")

    @property
    def sources(self) -> gpd.GeoDataFrame:
        return self.layer("sources")

    @property
    def stations(self) -> gpd.GeoDataFrame:
        return self.layer("stations")

    @property
    def customers(self) -> gpd.GeoDataFrame:
        return self.layer("customers")

    @property
    def districts(self) -> gpd.GeoDataFrame:
        return self.layer("districts")

    @property
    def breaks(self) -> pd.DataFrame:
        return self.layer("breaks")

    def schema_layer_names(self) -> list[str]:
        """Layers of the file that the schema knows, in schema order."""
        return [name for name in schema.LAYERS if name in self.layers]

    def extra_layer_names(self) -> list[str]:
        """Layers of the file that the schema does not know (kept and shown as context)."""
        return [name for name in self.layers if name not in schema.LAYERS]

    # --- change -------------------------------------------------------------------

    def set_layer(self, name: str, frame: pd.DataFrame) -> None:
        """Replace (or add) a layer and mark it for saving."""
        self.layers[name] = frame
        self.mark_changed(name)

    def mark_changed(self, name: str) -> None:
        self.dirty.add(name)
        self.revision += 1

    @property
    def modified(self) -> bool:
        return bool(self.dirty)


def empty_layer(name: str, crs: pyproj.CRS | None = None) -> pd.DataFrame:
    """An empty frame with the schema's fields (and geometry) of layer ``name``."""
    spec = schema.LAYERS.get(name)
    columns = {f.name: pd.Series([], dtype=_pandas_dtype(f.kind)) for f in spec.fields} if spec else {}
    frame = pd.DataFrame(columns)
    if spec is None or spec.geometry is None:
        return frame
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs=crs), crs=crs)


def _pandas_dtype(kind: str) -> str:
    return {
        schema.TEXT: "object",
        schema.INTEGER: "Int64",
        schema.REAL: "float64",
        schema.BOOLEAN: "boolean",
        schema.DATE: "datetime64[s]",
        schema.DATETIME: "datetime64[s]",
    }[kind]
