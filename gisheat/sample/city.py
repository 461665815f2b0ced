"""A believable northern-Chinese district-heating network, made deterministically from a seed.

The city ("北城", EPSG:4547, around 114.4°E 38°N) is a 9 × 8 grid of 700 m
blocks. Trunk mains run under the arterial streets and form six loops (one
per district); two feeder mains cross the city east–west, each cut into
radial halves by normally-closed tie valves. A CHP plant in the west and two
peak boilers feed the trunks. Every block but the park has a heat-exchange
station on the street it faces, feeding a comb-shaped secondary network
(spine and laterals) that serves 15–30 buildings. Pipes in the old core are
trench-laid steel from the 1980s–90s, later ones pre-insulated; the break
history (2013–2025) follows a failure model in which old trench pipes break
most, and some pipes are simply weaker than their cohort.

Run ``python -m gisheat.sample.city OUT.gpkg`` to write the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

from gisheat.core import schema
from gisheat.core.network import Network
from gisheat.sample import names

CRS = "EPSG:4547"
X0, Y0 = 538_000.0, 4_206_000.0
BLOCK = 700.0
NX, NY = 9, 8
ARTERIAL_X = (0, 3, 6, 9)
ARTERIAL_Y = (0, 4, 8)
FEEDER_Y = (2, 6)
PRIMARY_Y = tuple(sorted(ARTERIAL_Y + FEEDER_Y))
OFFSET = 8.0
"""Mains run 8 m east/north of the street centre line (under the green belt)."""
PARK_BLOCKS = {(4, 4), (1, 6), (7, 2)}
CORE = {(i, j) for i in range(3, 6) for j in range(4, 8)}
HISTORY_YEARS = (2013, 2025)
DN_SIZES = (25, 32, 40, 50, 65, 80, 100, 125, 150, 200, 250, 300, 350, 400, 450, 500, 600, 700,
            800, 900, 1000, 1200, 1400)
MIN_GAP = 60.0


def xs(i: float) -> float:
    return X0 + i * BLOCK


def ys(j: float) -> float:
    return Y0 + j * BLOCK


def dn_for_load(load_mw: float, *, secondary: bool = False) -> int:
    """Smallest standard DN carrying ``load_mw`` (ΔT 60 K primary, 15 K secondary)."""
    delta_t = 15.0 if secondary else 60.0
    for dn in DN_SIZES:
        area = math.pi * (dn / 2000.0) ** 2
        velocity = 1.0 if dn <= 150 else 1.3 if dn <= 300 else 1.8 if dn <= 600 else 2.5
        if 4.186 * delta_t * 1000.0 * velocity * area / 1000.0 >= load_mw:
            return dn
    return DN_SIZES[-1]


@dataclass
class _Pipe:
    pipe_id: str
    coords: list[tuple[float, float]]
    network: str
    kind: str  # transmission, arterial, feeder, branch, spine, lateral, service, tie
    block: tuple[int, int] | None = None
    dn: int = 0
    load_mw: float = 0.0


@dataclass
class _Valve:
    xy: tuple[float, float]
    pipe_id: str | None
    network: str
    normally_open: bool = True
    role: str = "section"


@dataclass
class _City:
    rng: np.random.Generator
    pipes: list[_Pipe] = field(default_factory=list)
    valves: list[_Valve] = field(default_factory=list)
    customers: list[dict] = field(default_factory=list)
    buildings: list[dict] = field(default_factory=list)
    stations: list[dict] = field(default_factory=list)
    line_points: dict[tuple[str, int], list[tuple[float, str]]] = field(default_factory=lambda: defaultdict(list))
    block_year: dict[tuple[int, int], int] = field(default_factory=dict)
    used_communities: set[str] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def next_id(self, kind: str) -> int:
        self.counters[kind] += 1
        return self.counters[kind]


# --- primary lines ---------------------------------------------------------------------------


def _line_xy(line: tuple[str, int], pos: float) -> tuple[float, float]:
    """A point on a primary line: ('v', i) runs north at x_i + OFFSET, ('h', j) east at y_j + OFFSET."""
    axis, k = line
    if axis == "v":
        return (xs(k) + OFFSET, pos)
    return (pos, ys(k) + OFFSET)


def _line_extent(line: tuple[str, int]) -> tuple[float, float]:
    axis, _ = line
    if axis == "v":
        return ys(0) + OFFSET, ys(NY) + OFFSET
    return xs(0) + OFFSET, xs(NX) + OFFSET


def _reserve(city: _City, line: tuple[str, int], want: float, kind: str) -> float:
    """Put a point on a primary line near ``want``, at least MIN_GAP from the others."""
    lo, hi = _line_extent(line)
    taken = [p for p, _ in city.line_points[line]]
    for shift in (0, 60, -60, 120, -120, 180, -180, 240, -240):
        pos = want + shift
        if lo + MIN_GAP <= pos <= hi - MIN_GAP and all(abs(pos - q) >= MIN_GAP for q in taken):
            city.line_points[line].append((pos, kind))
            return pos
    raise RuntimeError(f"no room on line {line} near {want}")


def _primary_lines() -> list[tuple[str, int]]:
    return [("v", i) for i in ARTERIAL_X] + [("h", j) for j in PRIMARY_Y]


def _is_arterial(line: tuple[str, int]) -> bool:
    axis, k = line
    return axis == "v" or k in ARTERIAL_Y


# --- building the city -----------------------------------------------------------------------


def _block_years(city: _City) -> None:
    """Year each block was built: the old core first, then rings outwards."""
    for i in range(NX):
        for j in range(NY):
            if (i, j) in CORE:
                year = int(city.rng.integers(1985, 1997))
            elif any(abs(i - a) <= 1 and abs(j - b) <= 1 for a, b in CORE):
                year = int(city.rng.integers(1994, 2007))
            else:
                year = int(city.rng.integers(2003, 2023))
            city.block_year[(i, j)] = year


def _station_side(city: _City, i: int, j: int) -> str:
    sides = []
    if i in ARTERIAL_X:
        sides.append("W")
    if i + 1 in ARTERIAL_X:
        sides.append("E")
    if j in PRIMARY_Y:
        sides.append("S")
    if j + 1 in PRIMARY_Y:
        sides.append("N")
    return str(city.rng.choice(sides))


def _to_world(i: int, j: int, side: str, u: float, w: float) -> tuple[float, float]:
    """Block-local (u along the station side, w into the block) to map coordinates."""
    if side == "S":
        return (xs(i) + u, ys(j) + w)
    if side == "N":
        return (xs(i) + u, ys(j + 1) - w)
    if side == "W":
        return (xs(i) + w, ys(j) + u)
    return (xs(i + 1) - w, ys(j) + u)


def _side_line(i: int, j: int, side: str) -> tuple[tuple[str, int], float, float]:
    """The primary line on a block side, the map coordinate of the block start along it, and w of the main."""
    if side == "S":
        return ("h", j), xs(i), OFFSET
    if side == "N":
        return ("h", j + 1), xs(i), -OFFSET
    if side == "W":
        return ("v", i), ys(j), OFFSET
    return ("v", i + 1), ys(j), -OFFSET


def _community(city: _City) -> str:
    for _ in range(200):
        name = str(city.rng.choice(names.COMMUNITY_PREFIXES)) + str(city.rng.choice(names.COMMUNITY_SUFFIXES))
        if name not in city.used_communities:
            city.used_communities.add(name)
            return name
    return f"小区{len(city.used_communities) + 1}"


def _street_of(side_line: tuple[str, int]) -> str:
    axis, k = side_line
    return names.NS_STREETS[k] if axis == "v" else names.EW_STREETS[k]


def _blocks(city: _City) -> None:
    """Stations, secondary combs, buildings and customers, block by block."""
    special = _special_buildings(city)
    for j in range(NY):
        for i in range(NX):
            if (i, j) in PARK_BLOCKS:
                continue
            _block(city, i, j, special.get((i, j), []))


def _special_buildings(city: _City) -> dict[tuple[int, int], list[str]]:
    """Which blocks hold hospitals, nursing homes, schools and public buildings."""
    blocks = [(i, j) for j in range(NY) for i in range(NX) if (i, j) not in PARK_BLOCKS]
    order = city.rng.permutation(len(blocks))
    special: dict[tuple[int, int], list[str]] = defaultdict(list)
    plan = ["hospital"] * len(names.HOSPITALS) + ["nursing_home"] * len(names.NURSING_HOMES) + ["public"] * 8
    for k, category in enumerate(plan):
        special[blocks[order[k % len(blocks)]]].append(category)
    for k in range(len(blocks)):
        if k % 4 == 0:
            special[blocks[order[(k * 7 + 3) % len(blocks)]]].append("school")
    return special


def _block(city: _City, i: int, j: int, special: list[str]) -> None:
    rng = city.rng
    side = _station_side(city, i, j)
    line, block_start, w_main = _side_line(i, j, side)
    year = city.block_year[(i, j)]
    station_no = city.next_id("station")
    community = _community(city)
    street = _street_of(line)

    t_want = float(rng.uniform(260, 440))
    pos = _reserve(city, line, block_start + t_want, "tee")
    t = pos - block_start
    w_station = float(rng.uniform(50, 70))
    tee = _to_world(i, j, side, t, w_main)
    station_xy = _to_world(i, j, side, t, w_station)

    branch_id = f"P{city.next_id('primary'):04d}"
    city.pipes.append(_Pipe(branch_id, [tee, station_xy], schema.PRIMARY, "branch", (i, j)))
    city.valves.append(_Valve(tee, branch_id, schema.PRIMARY, role="branch"))
    inlet = _to_world(i, j, side, t, w_station - 3.0)
    city.valves.append(_Valve(inlet, None, schema.PRIMARY, role="station_inlet"))

    # buildings: rows at w_r, columns either side of the spine at u = t
    rows = int(rng.integers(4, 6))
    w_rows = np.linspace(135, 640, rows)
    cols = [t - 45 - k * 95 for k in range(4) if t - 45 - k * 95 >= 45]
    cols += [t + 45 + k * 95 for k in range(4) if t + 45 + k * 95 <= 655]
    sid = station_no
    pipe_no = 0

    def sec_id() -> str:
        nonlocal pipe_no
        pipe_no += 1
        return f"S{sid:02d}-{pipe_no:03d}"

    spine_nodes = [(t, w_station)] + [(t, w - 30.0) for w in w_rows]
    load_total = 0.0
    spine_ids = []
    for a, b in zip(spine_nodes[:-1], spine_nodes[1:], strict=True):
        pid = sec_id()
        spine_ids.append(pid)
        city.pipes.append(_Pipe(pid, [_to_world(i, j, side, *a), _to_world(i, j, side, *b)], schema.SECONDARY, "spine", (i, j)))
    city.valves.append(_Valve(_to_world(i, j, side, t, w_station + 2.0), None, schema.SECONDARY, role="station_outlet"))
    layout = []
    for _ in w_rows:
        for direction in (-1, 1):
            side_cols = sorted([c for c in cols if (c - t) * direction > 0], key=lambda c: abs(c - t))
            layout.append([c for c in side_cols if rng.random() > 0.12])
    categories = _block_categories(city, sum(len(k) for k in layout), special)
    slot = 0
    lateral_ends = []
    for r, w in enumerate(w_rows):
        lat_w = w - 30.0
        junction = (t, lat_w)
        for keep in layout[2 * r : 2 * r + 2]:
            if not keep:
                continue
            prev = junction
            first = True
            for c in keep:
                node = (c, lat_w)
                pid = sec_id()
                city.pipes.append(_Pipe(pid, [_to_world(i, j, side, *prev), _to_world(i, j, side, *node)], schema.SECONDARY, "lateral", (i, j)))
                if first:
                    city.valves.append(_Valve(_to_world(i, j, side, *junction), pid, schema.SECONDARY, role="lateral"))
                    first = False
                prev = node
                service = sec_id()
                door = (c, w - 7.0)
                city.pipes.append(_Pipe(service, [_to_world(i, j, side, *node), _to_world(i, j, side, *door)], schema.SECONDARY, "service", (i, j)))
                if rng.random() < 0.3:
                    city.valves.append(_Valve(_to_world(i, j, side, c, w - 10.0), None, schema.SECONDARY, role="building"))
                category = categories[slot]
                slot += 1
                load_total += _add_customer(city, i, j, side, (c, w), door, category, community, street, block_start, year)
            lateral_ends.append(_to_world(i, j, side, *prev))
        if r == 2 and len(spine_ids) > 3:
            city.valves.append(_Valve(_to_world(i, j, side, *junction), spine_ids[3], schema.SECONDARY, role="spine"))
    city.stations.append({
        "station_id": f"HS{station_no:02d}",
        "name": f"{community}换热站",
        "capacity_kw": round(load_total * 1.15 / 50.0) * 50.0,
        "xy": station_xy,
        "block": (i, j),
        "load_mw": load_total / 1000.0,
        "lateral_ends": lateral_ends,
    })
    _branch_load(city, branch_id, load_total / 1000.0)


def _branch_load(city: _City, pipe_id: str, load_mw: float) -> None:
    for p in city.pipes:
        if p.pipe_id == pipe_id:
            p.load_mw = load_mw


def _block_categories(city: _City, slots: int, special: list[str]) -> list[str]:
    rng = city.rng
    cats = ["residential"] * slots
    positions = rng.permutation(slots)
    k = 0
    for category in special:
        if k < slots:
            cats[positions[k]] = category
            k += 1
    for _ in range(int(rng.integers(0, 3))):
        if k < slots:
            cats[positions[k]] = "commercial"
            k += 1
    return cats


def _add_customer(city, i, j, side, centre, door, category, community, street, block_start, year) -> float:
    """A building and its customer at the end of a service pipe; returns the heat load in kW."""
    rng = city.rng
    number = city.next_id("customer")
    cid = f"C{number:04d}"
    u, w = centre
    corners = [_to_world(i, j, side, u + du, w + dw) for du, dw in ((-27, -7), (27, -7), (27, 7), (-27, 7))]
    old = year < 2000
    households = vulnerable = 0
    if category == "residential":
        households = int(rng.integers(40, 97)) if old else int(rng.integers(90, 301))  # 40–300 a building (DOMAIN)
        vulnerable = int(rng.binomial(households, 0.07 if old else 0.025))
        # 75–105 m² a flat, fewer in the largest blocks: at most 20,000 m² a building (DOMAIN)
        area = households * float(rng.uniform(min(75.0, 20_000.0 / households * 0.9), min(105.0, 20_000.0 / households)))
        name = f"{community}{number % 40 + 1}号楼"
    elif category == "hospital":
        area = float(rng.uniform(20_000, 60_000))
        name = names.HOSPITALS[city.next_id("hospital") - 1]
    elif category == "nursing_home":
        area = float(rng.uniform(3_000, 8_000))
        vulnerable = households = int(rng.integers(40, 120))
        name = names.NURSING_HOMES[city.next_id("nursing") - 1]
    elif category == "school":
        area = float(rng.uniform(8_000, 20_000))
        n = city.next_id("school")
        name = f"{names.SCHOOLS_PREFIX[n % len(names.SCHOOLS_PREFIX)]}{names.SCHOOL_KINDS[n % 3]}"
    elif category == "public":
        area = float(rng.uniform(3_000, 15_000))
        name = f"{names.PUBLIC[city.next_id('public') % len(names.PUBLIC)]}"
    else:
        area = float(rng.uniform(5_000, 30_000))
        name = f"{community[:2]}{names.COMMERCIAL[int(rng.integers(0, len(names.COMMERCIAL)))]}"
    watts = {"hospital": 70.0, "school": 50.0}.get(category, 55.0 if old else 42.0)
    load_kw = area * watts / 1000.0
    along = int(abs(_to_world(i, j, side, u, 0)[0 if side in "SN" else 1] - block_start) // 10) * 2 + 1
    city.customers.append({
        "customer_id": cid,
        "name": name,
        "category": category,
        "households": households,
        "vulnerable_households": vulnerable,
        "heated_area_m2": round(area, 1),
        "heat_load_kw": round(load_kw, 1),
        "address": f"{street}{along + 2 * (number % 7)}号",
        "contact_phone": f"1{int(rng.integers(30, 90))}{int(rng.integers(10_000_000, 99_999_999))}",
        "xy": _to_world(i, j, side, *door),
    })
    city.buildings.append({
        "building_id": f"B{number:04d}",
        "customer_id": cid,
        "floors": int(np.clip(households // 12, 3, 33)) if households else int(rng.integers(3, 12)),
        "geometry": shapely.Polygon(corners),
    })
    return load_kw


def _direct_customers(city: _City) -> None:
    """Three factories on the west and north edges, fed straight from the primary network."""
    specs = [(("v", 0), ys(1.5), "W"), (("v", 0), ys(6.5), "W"), (("h", 8), xs(7.5), "N")]
    for k, (line, want, outward) in enumerate(specs):
        pos = _reserve(city, line, want, "tee")
        tee = _line_xy(line, pos)
        end = (tee[0] - 80.0, tee[1]) if outward == "W" else (tee[0], tee[1] + 80.0)
        pid = f"P{city.next_id('primary'):04d}"
        area = float(city.rng.uniform(20_000, 80_000))
        load_kw = area * 60.0 / 1000.0
        city.pipes.append(_Pipe(pid, [tee, end], schema.PRIMARY, "branch", None, load_mw=load_kw / 1000.0))
        city.valves.append(_Valve(tee, pid, schema.PRIMARY, role="branch"))
        number = city.next_id("customer")
        cid = f"C{number:04d}"
        city.customers.append({
            "customer_id": cid,
            "name": f"北城{names.INDUSTRIAL[k]}",
            "category": "industrial",
            "households": 0,
            "vulnerable_households": 0,
            "heated_area_m2": round(area, 1),
            "heat_load_kw": round(load_kw, 1),
            "address": f"{_street_of(line)}{int(pos - _line_extent(line)[0]) // 10 * 2 + 1}号",
            "contact_phone": f"0311-8{int(city.rng.integers(1_000_000, 9_999_999))}",
            "xy": end,
        })
        ex, ey = end
        dx, dy = (-60, 40) if outward == "W" else (40, 60)
        corners = [(ex, ey - 40), (ex + dx, ey - 40), (ex + dx, ey + 40), (ex, ey + 40)] if outward == "W" else \
            [(ex - 60, ey), (ex + 60, ey), (ex + 60, ey + dy), (ex - 60, ey + dy)]
        city.buildings.append({"building_id": f"B{number:04d}", "customer_id": cid, "floors": 2,
                               "geometry": shapely.Polygon(corners)})


def _sources(city: _City) -> list[dict]:
    """The CHP plant (west) and two peak boilers (east, south) with their transmission mains."""
    out = []
    specs = [
        (names.SOURCES[0], ("h", 4), "W", 2500.0),
        (names.SOURCES[1], ("h", 2), "E", 600.0),
        (names.SOURCES[2], ("v", 6), "S", 500.0),
    ]
    for (sid, name, kind, capacity), line, direction, distance in specs:
        lo, hi = _line_extent(line)
        junction = _line_xy(line, lo if direction in "WS" else hi)
        jx, jy = junction
        plant = {"W": (jx - distance, jy), "E": (jx + distance, jy), "S": (jx, jy - distance)}[direction]
        mid = ((jx + plant[0]) / 2, (jy + plant[1]) / 2)
        first = f"P{city.next_id('primary'):04d}"
        second = f"P{city.next_id('primary'):04d}"
        city.pipes.append(_Pipe(first, [plant, mid], schema.PRIMARY, "transmission", None))
        city.pipes.append(_Pipe(second, [mid, junction], schema.PRIMARY, "transmission", None))
        outlet = ((plant[0] * 0.98 + mid[0] * 0.02), (plant[1] * 0.98 + mid[1] * 0.02))
        city.valves.append(_Valve(outlet, None, schema.PRIMARY, role="source_outlet"))
        city.valves.append(_Valve(mid, None, schema.PRIMARY, role="section"))
        city.valves.append(_Valve(junction, second, schema.PRIMARY, role="junction"))
        out.append({"source_id": sid, "name": name, "kind": kind, "capacity_mw": capacity, "xy": plant})
    return out


def _main_pipes(city: _City) -> None:
    """Cut each primary line at crossings, tees and section valves into pipe features."""
    for line in _primary_lines():
        axis, _ = line
        crossings = [ys(j) + OFFSET for j in PRIMARY_Y] if axis == "v" else [xs(i) + OFFSET for i in ARTERIAL_X]
        tees = sorted(p for p, kind in city.line_points[line] if kind == "tee")
        ties = sorted(p for p, kind in city.line_points[line] if kind == "tie")
        points = sorted(set(crossings) | set(tees))
        # section valves: every ~500 m on trunks, two per radial feeder half
        bounds = sorted(set(crossings) | set(ties))
        sections: list[float] = []
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            n_sec = int((b - a) // 700.0) if _is_arterial(line) else 2
            for s in range(1, n_sec + 1):
                want = a + (b - a) * s / (n_sec + 1)
                taken = points + ties + sections
                options = [want + d for d in (0, 80, -80, 160, -160, 240, -240)
                           if all(abs(want + d - q) >= MIN_GAP for q in taken)]
                if options:
                    sections.append(min(options, key=lambda x: abs(x - want)))
        interior_sections = {s for s in sections if city.rng.random() < 0.5}
        cuts = sorted(set(points) | set(ties) | (set(sections) - interior_sections))
        kind = "arterial" if _is_arterial(line) else "feeder"
        for a, b in zip(cuts[:-1], cuts[1:], strict=True):
            pid = f"P{city.next_id('primary'):04d}"
            city.pipes.append(_Pipe(pid, [_line_xy(line, a), _line_xy(line, b)], schema.PRIMARY, kind))
        for s in sections:
            city.valves.append(_Valve(_line_xy(line, s), None, schema.PRIMARY, role="section"))
        for t in ties:
            city.valves.append(_Valve(_line_xy(line, t), None, schema.PRIMARY, normally_open=False, role="tie"))


def _reserve_ties(city: _City) -> None:
    """Feeders are cut into radial halves by normally-closed tie valves midway between trunks."""
    for j in FEEDER_Y:
        for a in ARTERIAL_X[:-1]:
            city.line_points[("h", j)].append((xs(a + 1.5) + OFFSET, "tie"))


def _junction_valves(city: _City) -> None:
    """Valves on every main leaving a trunk crossing; on feeders where they meet a trunk."""
    ends: dict[tuple[float, float], list[_Pipe]] = defaultdict(list)
    for p in city.pipes:
        if p.network == schema.PRIMARY and p.kind in ("arterial", "feeder"):
            for xy in (p.coords[0], p.coords[-1]):
                ends[(round(xy[0], 3), round(xy[1], 3))].append(p)
    for i in ARTERIAL_X:
        for j in PRIMARY_Y:
            xy = (round(xs(i) + OFFSET, 3), round(ys(j) + OFFSET, 3))
            for p in ends.get(xy, []):
                if j in ARTERIAL_Y or p.kind == "feeder":
                    city.valves.append(_Valve(xy, p.pipe_id, schema.PRIMARY, role="junction"))


def _secondary_ties(city: _City) -> None:
    """A few normally-closed tie pipes between neighbouring blocks' secondary networks."""
    by_block = {s["block"]: s for s in city.stations}
    pairs = [((2, 1), (3, 1)), ((5, 3), (6, 3)), ((1, 4), (1, 5)), ((7, 6), (8, 6)), ((3, 6), (3, 7))]
    for a, b in pairs:
        if a not in by_block or b not in by_block:
            continue
        ea = np.array(by_block[a]["lateral_ends"])
        eb = np.array(by_block[b]["lateral_ends"])
        d = np.linalg.norm(ea[:, None, :] - eb[None, :, :], axis=2)
        ia, ib = np.unravel_index(np.argmin(d), d.shape)
        pa, pb = tuple(ea[ia]), tuple(eb[ib])
        sid = int(by_block[a]["station_id"][2:])
        pid = f"S{sid:02d}-T{city.next_id('tie'):02d}"
        city.pipes.append(_Pipe(pid, [pa, pb], schema.SECONDARY, "tie", a))
        mid = ((pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2)
        city.valves.append(_Valve(mid, None, schema.SECONDARY, normally_open=False, role="tie"))


# --- sizing, ages, breaks --------------------------------------------------------------------


def _size_pipes(city: _City, sources: list[dict]) -> None:
    """DN from the heat load each pipe carries along the shortest-path tree from the sources."""
    node_id: dict[tuple[float, float], int] = {}

    def nid(xy):
        key = (round(xy[0], 3), round(xy[1], 3))
        return node_id.setdefault(key, len(node_id))

    primary = [p for p in city.pipes if p.network == schema.PRIMARY]
    u = np.array([nid(p.coords[0]) for p in primary])
    v = np.array([nid(p.coords[-1]) for p in primary])
    length = np.array([shapely.LineString(p.coords).length for p in primary])
    n = len(node_id)
    graph = coo_matrix((length, (u, v)), shape=(n, n)).tocsr()
    src = [nid(s["xy"]) for s in sources]
    _, pred = dijkstra(graph, directed=False, indices=src, min_only=True, return_predecessors=True)[:2]
    load = np.zeros(n)
    for p, b in zip(primary, v, strict=True):
        if p.kind == "branch":
            load[b] += p.load_mw
    order = np.argsort(-_depth(pred, src))
    acc = load.copy()
    for node in order:
        parent = pred[node]
        if parent >= 0:
            acc[parent] += acc[node]
    edge_of = {}
    for idx, (a, b) in enumerate(zip(u, v, strict=True)):
        edge_of[(a, b)] = idx
        edge_of[(b, a)] = idx
    carried = np.zeros(len(primary))
    for node in range(n):
        parent = pred[node]
        if parent >= 0 and (parent, node) in edge_of:
            carried[edge_of[(parent, node)]] = acc[node]
    for p, flow in zip(primary, carried, strict=True):
        if p.kind == "transmission":
            p.dn = 1200 if p.pipe_id in ("P0001", "P0002") else 900
        elif p.kind == "arterial":
            p.dn = int(np.clip(dn_for_load(flow * 1.6), 500, 1200))
        elif p.kind == "feeder":
            p.dn = int(np.clip(dn_for_load(flow), 300, 500))
        else:
            p.dn = int(np.clip(dn_for_load(p.load_mw * 1.1), 150, 300))
    # secondary: load below each pipe of a comb (a tree rooted at the station)
    _size_secondary(city)


def _depth(pred: np.ndarray, roots: list[int]) -> np.ndarray:
    depth = np.full(len(pred), -1)
    for r in roots:
        depth[r] = 0
    for node in range(len(pred)):
        chain = []
        cur = node
        while cur >= 0 and depth[cur] < 0:
            chain.append(cur)
            cur = pred[cur]
        base = depth[cur] if cur >= 0 else 0
        for k, c in enumerate(reversed(chain)):
            depth[c] = base + k + 1
    return depth


def _size_secondary(city: _City) -> None:
    loads = {}
    for c in city.customers:
        loads[(round(c["xy"][0], 3), round(c["xy"][1], 3))] = c["heat_load_kw"] / 1000.0
    by_block: dict[tuple[int, int], list[_Pipe]] = defaultdict(list)
    for p in city.pipes:
        if p.network == schema.SECONDARY and p.kind != "tie":
            by_block[p.block].append(p)
    for pipes in by_block.values():
        # pipes were created root-first, so walking them backwards accumulates loads to the root
        below: dict[tuple[float, float], float] = defaultdict(float)
        for p in reversed(pipes):
            end = (round(p.coords[-1][0], 3), round(p.coords[-1][1], 3))
            start = (round(p.coords[0][0], 3), round(p.coords[0][1], 3))
            flow = below[end] + loads.get(end, 0.0)
            p.load_mw = flow
            below[start] += flow
            p.dn = int(np.clip(dn_for_load(flow * 1.1, secondary=True), 50, 300))
    for p in city.pipes:
        if p.kind == "tie":
            p.dn = 100


def _ages_and_materials(city: _City, frame: pd.DataFrame) -> pd.DataFrame:
    rng = city.rng
    years = []
    for p in city.pipes:
        if p.block is not None:
            base = city.block_year[p.block]
        else:
            mx, my = np.mean(p.coords, axis=0)
            i = int(np.clip((mx - X0) // BLOCK, 0, NX - 1))
            j = int(np.clip((my - Y0) // BLOCK, 0, NY - 1))
            base = city.block_year[(i, j)]
        if p.kind in ("arterial", "transmission", "feeder"):
            base -= int(rng.integers(0, 5))
        elif p.kind == "tie":
            base = int(rng.integers(2010, 2020))
        year = int(np.clip(base + rng.integers(-1, 3), 1985, 2024))
        if year < 2000 and rng.random() < 0.12:
            year = int(rng.integers(2016, 2025))  # renewed under the old-pipe programme
        years.append(year)
    years_arr = np.array(years)
    laying = np.where(years_arr < 1998, "trench",
                      np.where(years_arr < 2004, np.where(rng.random(len(years_arr)) < 0.5, "trench", "preinsulated_buried"),
                               "preinsulated_buried"))
    kinds = np.array([p.kind for p in city.pipes])
    first_km = np.array([p.kind == "transmission" and p.pipe_id == "P0001" for p in city.pipes])
    laying = np.where(first_km, "overhead", laying)
    material = np.where(laying == "preinsulated_buried", "preinsulated_steel", "steel")
    dn = frame["dn"].to_numpy()
    pex = (kinds == "service") & (years_arr >= 2010) & (dn <= 100) & (rng.random(len(years_arr)) < 0.3)
    material = np.where(pex, "pex", material)
    frame["material"] = material
    frame["laying"] = laying
    frame["install_year"] = pd.array(years_arr, dtype="Int64")
    return frame


def _breaks(city: _City, pipes: pd.DataFrame) -> pd.DataFrame:
    """Break history 2013–2025 from a known failure process.

    Rate per pipe-year = L_km · 0.035 · (age/20)^1.3 · 4.5 if trench · (DN/200)^-0.25
    · 1.4 if secondary · Z, with a gamma frailty Z (mean 1, shape 0.6): some
    pipes are much weaker than their cohort, so each pipe's own history matters.
    """
    rng = city.rng
    length_km = pipes["length_m"].to_numpy() / 1000.0
    install = pipes["install_year"].to_numpy(dtype=float)
    trench = pipes["laying"].to_numpy() == "trench"
    secondary = pipes["network"].to_numpy() == schema.SECONDARY
    dn = pipes["dn"].to_numpy(dtype=float)
    frailty = rng.gamma(0.6, 1 / 0.6, len(pipes))
    rows = []
    first, last = HISTORY_YEARS
    for year in range(first, last + 1):
        age = np.clip(year + 0.5 - install, 0.0, None)
        rate = (length_km * 0.035 * (np.maximum(age, 0.5) / 20.0) ** 1.3 * np.where(trench, 4.5, 1.0)
                * (dn / 200.0) ** -0.25 * np.where(secondary, 1.4, 1.0) * frailty)
        rate = np.where(year >= install + 1, rate, 0.0)
        counts = rng.poisson(rate)
        for idx in np.flatnonzero(counts):
            for _ in range(counts[idx]):
                # breaks cluster in the heating season and at the October pressure test
                month = int(rng.choice(np.arange(1, 13), p=_MONTH_WEIGHTS))
                day = int(rng.integers(1, 29))
                cause = names.CAUSES[0] if trench[idx] and rng.random() < 0.6 else str(rng.choice(names.CAUSES))
                rows.append({
                    "pipe_id": pipes["pipe_id"].iloc[idx],
                    "date": dt.date(year, month, day),
                    "cause": cause,
                    "repair_hours": round(float(4 + dn[idx] / 60 + rng.gamma(2.0, 2.0)), 1),
                })
    frame = pd.DataFrame(rows, columns=["pipe_id", "date", "cause", "repair_hours"])
    frame = frame.sort_values(["date", "pipe_id"], kind="stable").reset_index(drop=True)
    frame.insert(0, "break_id", [f"BR{k + 1:04d}" for k in range(len(frame))])
    return frame


_MONTH_WEIGHTS = np.array([14, 12, 9, 4, 3, 3, 3, 3, 4, 9, 13, 14], dtype=float)
_MONTH_WEIGHTS /= _MONTH_WEIGHTS.sum()


def _valve_frame(city: _City, pipe_dn: dict[str, int], pipe_year: dict[str, int], pipe_at: dict) -> gpd.GeoDataFrame:
    rng = city.rng
    rows = []
    counters = defaultdict(int)
    for v in city.valves:
        prefix = "VP" if v.network == schema.PRIMARY else "VS"
        counters[prefix] += 1
        pid = v.pipe_id or pipe_at(v.xy, v.network)
        v.pipe_id = pid
        dn = pipe_dn.get(pid, 100)
        year = pipe_year.get(pid, 2000)
        if v.network == schema.PRIMARY:
            vtype = "butterfly" if dn >= 300 else "gate"
        else:
            vtype = "ball" if dn <= 80 else "gate"
        operable = not (rng.random() < (0.075 if year < 2000 else 0.02))  # about 3 % seized (DOMAIN)
        exercised = None
        if rng.random() < 0.8:
            exercised = dt.date(int(rng.integers(2019, 2027)), int(rng.integers(4, 11)), int(rng.integers(1, 29)))
            if exercised > dt.date(2026, 10, 31):
                exercised = dt.date(2026, 10, 15)
        rows.append({
            "valve_id": f"{prefix}{counters[prefix]:04d}",
            "pipe_id": v.pipe_id,
            "dn": dn,
            "valve_type": vtype,
            "normally_open": v.normally_open,
            "operable": operable,
            "last_exercised": exercised,
            "chamber_no": f"J{counters[prefix]:04d}" if v.network == schema.PRIMARY else None,
            "geometry": shapely.Point(v.xy),
        })
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
    frame["pipe_id"] = frame["pipe_id"].astype(object)
    frame["dn"] = pd.array(frame["dn"], dtype="Int64")
    frame["normally_open"] = frame["normally_open"].astype(bool)
    frame["operable"] = frame["operable"].astype(bool)
    frame["last_exercised"] = pd.array(frame["last_exercised"], dtype=pd.ArrowDtype(__import__("pyarrow").date32()))
    return frame


def generate_city(seed: int = 2026) -> Network:
    """Make the sample network (deterministic for a given seed)."""
    rng = np.random.default_rng(seed)
    city = _City(rng)
    _block_years(city)
    _reserve_ties(city)
    sources = _sources(city)
    _blocks(city)
    _direct_customers(city)
    _main_pipes(city)
    _junction_valves(city)
    _secondary_ties(city)
    _size_pipes(city, sources)

    geoms = [shapely.LineString(p.coords) for p in city.pipes]
    pipes = gpd.GeoDataFrame({
        "pipe_id": [p.pipe_id for p in city.pipes],
        "network": [p.network for p in city.pipes],
        "dn": pd.array([p.dn for p in city.pipes], dtype="Int64"),
    }, geometry=geoms, crs=CRS)
    pipes = _ages_and_materials(city, pipes)
    pipes["status"] = schema.IN_SERVICE
    pipes["company"] = [names.COMPANIES[1] if np.mean(p.coords, axis=0)[0] > xs(6) else names.COMPANIES[0] for p in city.pipes]
    districts = _districts()
    mids = shapely.line_interpolate_point(np.asarray(geoms, dtype=object), 0.5, normalized=True)
    hit_point, hit_district = shapely.STRtree(districts.geometry.values).query(mids, predicate="intersects")
    district_of = np.full(len(geoms), None, dtype=object)
    district_of[hit_point] = districts["district_id"].to_numpy()[hit_district]
    pipes["district_id"] = district_of
    pipes["length_m"] = np.round(shapely.length(np.asarray(geoms, dtype=object)), 2)
    pipes["pressure_class"] = np.where(pipes["network"] == schema.PRIMARY, np.where(pipes["dn"].to_numpy(dtype=int) >= 500, "PN25", "PN16"), "PN10")
    pipes = _abandoned_and_planned(city, pipes)
    pipes = pipes[["pipe_id", "network", "dn", "material", "laying", "install_year", "status", "company",
                   "district_id", "length_m", "pressure_class", "geometry"]]

    in_service = pipes[pipes["status"] == schema.IN_SERVICE]
    pipe_dn = dict(zip(in_service["pipe_id"], in_service["dn"].astype(int), strict=True))
    pipe_year = dict(zip(in_service["pipe_id"], in_service["install_year"].astype(int), strict=True))
    tree = shapely.STRtree(in_service.geometry.values)
    in_ids = in_service["pipe_id"].to_numpy()
    in_net = in_service["network"].to_numpy()

    def pipe_at(xy, network):
        hits = tree.query(shapely.Point(xy), predicate="dwithin", distance=0.01)
        hits = [h for h in hits if in_net[h] == network]
        return str(in_ids[hits[0]]) if hits else None

    valves = _valve_frame(city, pipe_dn, pipe_year, pipe_at)
    sources_frame = gpd.GeoDataFrame(
        [{k: s[k] for k in ("source_id", "name", "kind", "capacity_mw")} for s in sources],
        geometry=[shapely.Point(s["xy"]) for s in sources], crs=CRS)
    stations = gpd.GeoDataFrame(
        [{k: s[k] for k in ("station_id", "name", "capacity_kw")} for s in city.stations],
        geometry=[shapely.Point(s["xy"]) for s in city.stations], crs=CRS)
    customers = gpd.GeoDataFrame(
        [{k: v for k, v in c.items() if k != "xy"} for c in city.customers],
        geometry=[shapely.Point(c["xy"]) for c in city.customers], crs=CRS)
    for col in ("households", "vulnerable_households"):
        customers[col] = pd.array(customers[col], dtype="Int64")
    buildings = gpd.GeoDataFrame(city.buildings, geometry="geometry", crs=CRS)
    breaks = _breaks(city, in_service.reset_index(drop=True))
    breaks["date"] = pd.array(breaks["date"], dtype=pd.ArrowDtype(__import__("pyarrow").date32()))
    layers = {
        "districts": districts,
        "pipes": pipes.reset_index(drop=True),
        "valves": valves,
        "sources": sources_frame,
        "stations": stations,
        "customers": customers,
        "breaks": breaks,
        "streets": _streets(),
        "buildings": buildings,
        "rivers": _river(),
    }
    import pyproj

    return Network(layers=layers, crs=pyproj.CRS.from_user_input(CRS), dirty=set(layers))


def _abandoned_and_planned(city: _City, pipes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Old pipes left in the ground beside their replacements, and a planned extension."""
    rng = city.rng
    renewed = pipes[(pipes["network"] == schema.PRIMARY) & (pipes["install_year"].astype(int) >= 2016)
                    & pipes["pipe_id"].isin([p.pipe_id for p in city.pipes if p.kind in ("arterial", "feeder")])]
    extra = []
    for _, row in renewed.head(4).iterrows():
        shifted = shapely.affinity.translate(row.geometry, xoff=3.0, yoff=3.0)
        extra.append({**row.to_dict(), "pipe_id": f"{row['pipe_id']}-OLD", "status": "abandoned",
                      "install_year": int(rng.integers(1986, 1995)), "laying": "trench", "material": "steel",
                      "geometry": shifted})
    east = xs(NX) + OFFSET
    for k in range(3):
        y0 = ys(2 + 2 * k) + OFFSET + (0 if k == 0 else 0)
        extra.append({"pipe_id": f"PLAN{k + 1:02d}", "network": schema.PRIMARY, "dn": 300, "material": "preinsulated_steel",
                      "laying": "preinsulated_buried", "install_year": 2027, "status": "planned", "company": names.COMPANIES[1],
                      "district_id": None, "length_m": 400.0, "pressure_class": "PN16",
                      "geometry": shapely.LineString([(east + 20, y0 + 100), (east + 420, y0 + 100)])})
    if not extra:
        return pipes
    add = gpd.GeoDataFrame(extra, geometry="geometry", crs=CRS)
    add["dn"] = pd.array(add["dn"], dtype="Int64")
    add["install_year"] = pd.array(add["install_year"], dtype="Int64")
    return pd.concat([pipes, add[pipes.columns]], ignore_index=True)


def _districts() -> gpd.GeoDataFrame:
    rows = []
    k = 0
    for b in range(2):
        for a in range(3):
            did, name = names.DISTRICTS[k]
            x0, x1 = xs(ARTERIAL_X[a]), xs(ARTERIAL_X[a + 1])
            y0, y1 = ys(ARTERIAL_Y[b]), ys(ARTERIAL_Y[b + 1])
            if a == 0:
                x0 -= 2600
            if a == 2:
                x1 += 700
            if b == 0:
                y0 -= 600
            if b == 1:
                y1 += 300
            rows.append({"district_id": did, "name": name, "geometry": shapely.box(x0, y0, x1, y1)})
            k += 1
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def _streets() -> gpd.GeoDataFrame:
    rows = []
    for i, name in enumerate(names.NS_STREETS):
        rows.append({"name": name, "kind": "arterial" if i in ARTERIAL_X else "local",
                     "geometry": shapely.LineString([(xs(i), ys(0) - 150), (xs(i), ys(NY) + 150)])})
    for j, name in enumerate(names.EW_STREETS):
        west = xs(0) - (2600 if j == 4 else 150)
        rows.append({"name": name, "kind": "arterial" if j in ARTERIAL_Y else "local",
                     "geometry": shapely.LineString([(west, ys(j)), (xs(NX) + (700 if j == 2 else 150), ys(j))])})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def _river() -> gpd.GeoDataFrame:
    x = np.linspace(xs(0) - 2800, xs(NX) + 900, 60)
    centre = ys(NY) + 260 + 60 * np.sin((x - x[0]) / 900.0)
    upper = np.column_stack([x, centre + 35])
    lower = np.column_stack([x[::-1], centre[::-1] - 35])
    polygon = shapely.Polygon(np.vstack([upper, lower]))
    return gpd.GeoDataFrame([{"name": names.RIVER_NAME, "geometry": polygon}], geometry="geometry", crs=CRS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the gisheat sample city network.")
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    from gisheat.io import gpkg

    network = generate_city(args.seed)
    if args.output.exists():
        args.output.unlink()
    network.path = None
    gpkg.save(network, args.output)
    counts = {name: len(frame) for name, frame in network.layers.items()}
    print(f"wrote {args.output}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
