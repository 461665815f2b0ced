"""Small networks written by hand — for tests, examples and notebooks.

    net = make_network(
        pipes=[pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)])],
        valves=[valve("v1", (100, 0))],
        sources=[source("s", (0, 0))],
        customers=[customer("c", (200, 0), households=50)],
    )
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import geopandas as gpd
import pandas as pd
import pyproj
import shapely

from gisheat.core import schema
from gisheat.core.network import Network, empty_layer

Coords = Sequence[tuple[float, float]]


def pipe(pipe_id: str, coords: Coords, *, network: str = schema.PRIMARY, dn: int = 100, **attrs: Any) -> dict:
    return {"pipe_id": pipe_id, "network": network, "dn": dn, **attrs, "geometry": shapely.LineString(coords)}


def valve(valve_id: str, xy: tuple[float, float], **attrs: Any) -> dict:
    return {"valve_id": valve_id, **attrs, "geometry": shapely.Point(xy)}


def source(source_id: str, xy: tuple[float, float], **attrs: Any) -> dict:
    return {"source_id": source_id, **attrs, "geometry": shapely.Point(xy)}


def station(station_id: str, xy: tuple[float, float], **attrs: Any) -> dict:
    return {"station_id": station_id, **attrs, "geometry": shapely.Point(xy)}


def customer(customer_id: str, xy: tuple[float, float], **attrs: Any) -> dict:
    return {"customer_id": customer_id, **attrs, "geometry": shapely.Point(xy)}


def make_network(
    pipes: Iterable[dict],
    valves: Iterable[dict] = (),
    sources: Iterable[dict] = (),
    stations: Iterable[dict] = (),
    customers: Iterable[dict] = (),
    *,
    crs: str | int = "EPSG:4547",
    **other_layers: pd.DataFrame,
) -> Network:
    """A network from feature dicts; layers given no features are left out of the file."""
    crs_obj = pyproj.CRS.from_user_input(crs)
    layers: dict[str, pd.DataFrame] = {}
    for name, features in (("pipes", pipes), ("valves", valves), ("sources", sources),
                           ("stations", stations), ("customers", customers)):
        rows = list(features)
        if rows:
            layers[name] = gpd.GeoDataFrame(rows, geometry="geometry", crs=crs_obj)
        elif name == "pipes":
            layers[name] = empty_layer("pipes", crs_obj)
    layers.update(other_layers)
    return Network(layers=layers, crs=crs_obj, dirty=set(layers))
