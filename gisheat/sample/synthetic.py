"""Synthetic networks of any size (10k … 1M pipes) for benchmarks, built with numpy only.

A looped primary grid (300 m mesh) with sources at a few grid nodes; in a
share of the mesh cells a heat-exchange station hangs off the cell's
south-west grid node by a branch pipe and feeds a comb-shaped secondary
network (a spine of 6 pipes, two 2-pipe laterals at each spine node,
customers at the lateral nodes). Valves sit where utilities put them: at a
junction end of 80 % of the mains (with ``pipe_id``; fewer would let
valve-free mains percolate into city-sized segments, which real networks
avoid), mid-main interior valves on 5 %,
branch and station-inlet valves, station-outlet and lateral valves; a few
mains valves are normally-closed ties and ~3 % are inoperable.

    python -m gisheat.sample.synthetic 100000 out.gpkg
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from gisheat.core import schema
from gisheat.core.network import Network

CRS = "EPSG:4547"
MESH = 300.0
X0, Y0 = 400_000.0, 4_100_000.0
SPINE = 6
SECONDARY_PER_STATION = SPINE + SPINE * 2 * 2  # spine + two 2-pipe laterals per spine node
CUSTOMERS_PER_STATION = SPINE * 4


def layout(n_pipes: int) -> tuple[int, int]:
    """Grid size G and station count S giving about ``n_pipes`` pipes in all."""
    g = 3
    while True:
        mains = 2 * g * (g - 1)
        stations = max(1, (n_pipes - mains) // (SECONDARY_PER_STATION + 1))
        if (g - 1) ** 2 * 0.9 >= stations:
            return g, int(stations)
        g += 1


def synthetic_network(n_pipes: int, *, seed: int = 0) -> Network:
    """A network of about ``n_pipes`` pipes (see the module docstring); deterministic per seed."""
    rng = np.random.default_rng(seed)
    g, n_stations = layout(n_pipes)
    gx, gy = np.meshgrid(np.arange(g), np.arange(g), indexing="xy")
    node_xy = np.column_stack([X0 + gx.ravel() * MESH, Y0 + gy.ravel() * MESH])

    def node(ix, iy):
        return iy * g + ix

    # mains: horizontal then vertical grid edges
    ix, iy = np.meshgrid(np.arange(g - 1), np.arange(g), indexing="xy")
    h_a, h_b = node(ix.ravel(), iy.ravel()), node(ix.ravel() + 1, iy.ravel())
    ix, iy = np.meshgrid(np.arange(g), np.arange(g - 1), indexing="xy")
    v_a, v_b = node(ix.ravel(), iy.ravel()), node(ix.ravel(), iy.ravel() + 1)
    main_a = np.concatenate([h_a, v_a])
    main_b = np.concatenate([h_b, v_b])
    n_mains = len(main_a)
    main_coords = np.stack([node_xy[main_a], node_xy[main_b]], axis=1)

    # stations in random cells, hanging off the cell's south-west node
    cells = rng.choice((g - 1) ** 2, size=n_stations, replace=False)
    cells.sort()
    cx, cy = cells % (g - 1), cells // (g - 1)
    corner = np.column_stack([X0 + cx * MESH, Y0 + cy * MESH])
    station_xy = corner + [150.0, 20.0]
    branch_coords = np.stack([corner, station_xy], axis=1)

    # secondary combs in local cell coordinates
    spine_y = 20.0 + 40.0 * np.arange(SPINE + 1)
    local_segments = []
    for k in range(SPINE):
        local_segments.append(((150, spine_y[k]), (150, spine_y[k + 1])))
    lateral_first = []
    for k in range(1, SPINE + 1):
        y = spine_y[k]
        for direction in (-1, 1):
            lateral_first.append(len(local_segments))
            local_segments.append(((150, y), (150 + direction * 50, y)))
            local_segments.append(((150 + direction * 50, y), (150 + direction * 100, y)))
    local = np.array(local_segments, dtype=float)  # (30, 2, 2)
    sec_coords = (corner[:, None, None, :] + local[None, :, :, :]).reshape(-1, 2, 2)
    n_sec = len(sec_coords)

    # --- pipes frame ---
    coords = np.concatenate([main_coords, branch_coords, sec_coords])
    n = len(coords)
    network = np.array([schema.PRIMARY] * (n_mains + n_stations) + [schema.SECONDARY] * n_sec, dtype=object)
    pipe_ids = np.array([f"P{i:07d}" for i in range(n)], dtype=object)
    dn = np.concatenate([
        rng.choice([300, 400, 500, 600, 800], n_mains),
        rng.choice([150, 200, 250], n_stations),
        np.tile(np.where(np.arange(SECONDARY_PER_STATION) < SPINE, 150, 80), n_stations),
    ]).astype(np.int64)
    # install years: an older core in the grid centre
    mid = coords.mean(axis=1)
    centre = np.array([X0, Y0]) + (g - 1) * MESH / 2
    radius = np.linalg.norm(mid - centre, axis=1) / max((g - 1) * MESH / 2, 1.0)
    year = np.clip(1985 + 35 * radius + rng.normal(0, 4, n), 1985, 2024).astype(np.int64)
    laying = np.where(year < 2000, "trench", "preinsulated_buried").astype(object)
    material = np.where(laying == "trench", "steel", "preinsulated_steel").astype(object)
    geoms = shapely.linestrings(coords)
    length = np.round(np.linalg.norm(coords[:, 1] - coords[:, 0], axis=1), 2)
    pipes = gpd.GeoDataFrame({
        "pipe_id": pipe_ids,
        "network": network,
        "dn": dn,
        "material": material,
        "laying": laying,
        "install_year": year,
        "status": np.full(n, schema.IN_SERVICE, dtype=object),
        "length_m": length,
    }, geometry=geoms, crs=CRS)

    # --- valves ---
    valve_xy = []
    valve_pipe = []
    valve_open = []
    # junction valves on most mains, at one end chosen at random
    chosen = np.flatnonzero(rng.random(n_mains) < 0.8)
    at_b = rng.random(len(chosen)) < 0.5
    valve_xy.append(np.where(at_b[:, None], node_xy[main_b[chosen]], node_xy[main_a[chosen]]))
    valve_pipe.append(pipe_ids[chosen])
    valve_open.append(rng.random(len(chosen)) > 0.02)
    # interior valves on one main in twenty
    inner = np.flatnonzero(rng.random(n_mains) < 0.05)
    valve_xy.append(main_coords[inner].mean(axis=1))
    valve_pipe.append(np.full(len(inner), None, dtype=object))
    valve_open.append(np.ones(len(inner), dtype=bool))
    # branch valve at the grid node, inlet valve 3 m before the station
    branch_ids = pipe_ids[n_mains : n_mains + n_stations]
    valve_xy.append(corner)
    valve_pipe.append(branch_ids)
    valve_open.append(np.ones(n_stations, dtype=bool))
    direction = (station_xy - corner) / np.linalg.norm(station_xy - corner, axis=1)[:, None]
    valve_xy.append(station_xy - 3.0 * direction)
    valve_pipe.append(branch_ids)
    valve_open.append(np.ones(n_stations, dtype=bool))
    # station outlet (interior of the first spine pipe) and lateral valves at spine junctions
    sec_base = n_mains + n_stations + np.arange(n_stations) * SECONDARY_PER_STATION
    valve_xy.append(corner + [150.0, 22.0])
    valve_pipe.append(pipe_ids[sec_base])
    valve_open.append(np.ones(n_stations, dtype=bool))
    firsts = np.array(lateral_first)
    lat_pipe = (sec_base[:, None] + firsts[None, :]).ravel()
    valve_xy.append(coords[lat_pipe, 0])
    valve_pipe.append(pipe_ids[lat_pipe])
    valve_open.append(np.ones(len(lat_pipe), dtype=bool))
    valve_xy = np.concatenate(valve_xy)
    n_valves = len(valve_xy)
    valves = gpd.GeoDataFrame({
        "valve_id": np.array([f"V{i:07d}" for i in range(n_valves)], dtype=object),
        "pipe_id": np.concatenate(valve_pipe),
        "normally_open": np.concatenate(valve_open),
        "operable": rng.random(n_valves) > 0.03,
    }, geometry=shapely.points(valve_xy), crs=CRS)

    # --- sources, stations, customers ---
    n_sources = max(2, g * g // 4000)
    src_nodes = rng.choice(g * g, size=n_sources, replace=False)
    sources = gpd.GeoDataFrame({
        "source_id": [f"SRC{i}" for i in range(n_sources)],
        "kind": ["chp"] + ["boiler"] * (n_sources - 1),
    }, geometry=shapely.points(node_xy[src_nodes]), crs=CRS)
    stations = gpd.GeoDataFrame({
        "station_id": np.array([f"ST{i:06d}" for i in range(n_stations)], dtype=object),
    }, geometry=shapely.points(station_xy), crs=CRS)
    lateral_nodes = np.array([[150 + d * s, spine_y[k]] for k in range(1, SPINE + 1) for d in (-1, 1) for s in (50, 100)])
    cust_xy = (corner[:, None, :] + lateral_nodes[None, :, :]).reshape(-1, 2)
    n_cust = len(cust_xy)
    category = rng.choice(list(schema.CUSTOMER_CATEGORIES), n_cust, p=[0.9, 0.005, 0.02, 0.005, 0.05, 0.01, 0.01])
    households = np.where(category == "residential", rng.integers(40, 300, n_cust), 0)
    area = np.where(households > 0, households * 85.0, rng.uniform(3000, 30000, n_cust))
    customers = gpd.GeoDataFrame({
        "customer_id": np.array([f"C{i:07d}" for i in range(n_cust)], dtype=object),
        "category": category.astype(object),
        "households": households.astype(np.int64),
        "vulnerable_households": rng.binomial(households, 0.04).astype(np.int64),
        "heated_area_m2": np.round(area, 1),
        "heat_load_kw": np.round(area * 0.045, 1),
    }, geometry=shapely.points(cust_xy), crs=CRS)

    breaks = _breaks(rng, pipes)
    layers = {"pipes": pipes, "valves": valves, "sources": sources, "stations": stations,
              "customers": customers, "breaks": breaks}
    return Network(layers=layers, crs=pyproj.CRS.from_user_input(CRS), dirty=set(layers))


def _breaks(rng: np.random.Generator, pipes: gpd.GeoDataFrame) -> pd.DataFrame:
    """Ten years of breaks: old trench pipes most, with a per-pipe frailty."""
    years = np.arange(2016, 2026)
    install = pipes["install_year"].to_numpy()
    km = pipes["length_m"].to_numpy() / 1000.0
    trench = pipes["laying"].to_numpy() == "trench"
    frailty = rng.gamma(0.6, 1 / 0.6, len(pipes))
    pipe_idx, year_idx = [], []
    for k, y in enumerate(years):
        age = np.maximum(y + 0.5 - install, 0.5)
        rate = km * 0.04 * (age / 20.0) ** 1.3 * np.where(trench, 4.5, 1.0) * frailty * (y > install)
        counts = rng.poisson(rate)
        hit = np.repeat(np.arange(len(pipes)), counts)
        pipe_idx.append(hit)
        year_idx.append(np.full(len(hit), k))
    pipe_idx = np.concatenate(pipe_idx)
    year_idx = np.concatenate(year_idx)
    days = rng.integers(0, 365, len(pipe_idx))
    dates = (pd.to_datetime(years[year_idx].astype(str)) + pd.to_timedelta(days, unit="D")).date
    return pd.DataFrame({
        "pipe_id": pipes["pipe_id"].to_numpy()[pipe_idx],
        "date": pd.array(dates, dtype=pd.ArrowDtype(__import__("pyarrow").date32())),
    })


def expected_size(n_pipes: int) -> int:
    """Exact pipe count ``synthetic_network(n_pipes)`` makes."""
    g, s = layout(n_pipes)
    return 2 * g * (g - 1) + s * (1 + SECONDARY_PER_STATION)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic network of about N pipes.")
    parser.add_argument("pipes", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    from gisheat.io import gpkg

    network = synthetic_network(args.pipes, seed=args.seed)
    if args.output.exists():
        args.output.unlink()
    gpkg.save(network, args.output)
    print(f"wrote {args.output}: " + ", ".join(f"{k} {len(v)}" for k, v in network.layers.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
