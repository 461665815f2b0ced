"""Hypothesis strategies for random district-heating networks (loops, ties, stations, several sources)."""

from __future__ import annotations

from hypothesis import strategies as st

from gisheat.sample.handmade import customer, make_network, pipe, source, station, valve

GRID = 5
STEP = 100.0


def _primary_point(k: int) -> tuple[float, float]:
    return (float(k % GRID) * STEP, float(k // GRID) * STEP)


@st.composite
def random_networks(draw, max_pipes: int = 16):
    """A network plus a query: (network, failed_pipes, failed_valves, open_valves)."""
    points = GRID * GRID
    pipes = []
    ends = []
    pair_count: dict[tuple, int] = {}
    n_primary = draw(st.integers(2, max_pipes))
    for i in range(n_primary):
        a = draw(st.integers(0, points - 1))
        b = draw(st.integers(0, points - 1).filter(lambda x, a=a: x != a))
        pa, pb = _primary_point(a), _primary_point(b)
        key = tuple(sorted((a, b)))
        k = pair_count.get(key, 0)
        pair_count[key] = k + 1
        coords = [pa, pb]
        if k:  # a parallel pipe between the same two nodes: same ends, bent route
            mid = ((pa[0] + pb[0]) / 2 + 13.0 * k, (pa[1] + pb[1]) / 2 + 17.0 * k)
            coords = [pa, mid, pb]
        pipes.append(pipe(f"p{i}", coords, dn=draw(st.sampled_from([100, 200, 500]))))
        ends += [pa, pb]
    # secondary circuits behind stations standing on primary pipe ends
    stations = []
    n_stations = draw(st.integers(0, 2))
    for s in range(n_stations):
        at = ends[draw(st.integers(0, len(ends) - 1))]
        stations.append(station(f"st{s}", at))
        local = [at] + [(at[0] + 30.0 * (j + 1), at[1] + 11.0 + 7.0 * s) for j in range(4)]
        for j in range(draw(st.integers(1, 5))):
            a = draw(st.integers(0, len(local) - 1))
            b = draw(st.integers(0, len(local) - 1).filter(lambda x, a=a: x != a))
            pipes.append(pipe(f"s{s}_{j}", [local[a], local[b]], network="secondary", dn=80))
            ends += [local[a], local[b]]
    valves = []
    for k in range(draw(st.integers(0, 18))):
        p = draw(st.integers(0, len(pipes) - 1))
        line = pipes[p]["geometry"]
        where = draw(st.sampled_from(["interior", "start", "end"]))
        attrs = {
            "normally_open": draw(st.sampled_from([True, True, True, False])),
            "operable": draw(st.sampled_from([True, True, True, True, False])),
        }
        if where == "interior":
            xy = line.interpolate(draw(st.sampled_from([0.25, 0.5, 0.75])), normalized=True).coords[0]
        else:
            xy = line.coords[0] if where == "start" else line.coords[-1]
            if draw(st.booleans()):
                attrs["pipe_id"] = pipes[p]["pipe_id"]
        valves.append(valve(f"v{k}", xy, **attrs))
    primary_ends = [c for p in pipes if p["network"] == "primary" for c in (p["geometry"].coords[0], p["geometry"].coords[-1])]
    sources = [source(f"src{k}", primary_ends[draw(st.integers(0, len(primary_ends) - 1))])
               for k in range(draw(st.integers(1, 3)))]
    customers = [customer(f"c{k}", ends[draw(st.integers(0, len(ends) - 1))],
                          households=draw(st.integers(0, 50)), vulnerable_households=draw(st.integers(0, 3)),
                          heated_area_m2=1000.0 + k, heat_load_kw=40.0 + k)
                 for k in range(draw(st.integers(0, 8)))]
    net = make_network(pipes, valves, sources, stations, customers)
    ids = [p["pipe_id"] for p in pipes]
    failed = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
    valve_ids = [v["valve_id"] for v in valves]
    failed_valves = draw(st.lists(st.sampled_from(valve_ids), max_size=2, unique=True)) if valve_ids else []
    closed = [v["valve_id"] for v in valves if not v["normally_open"]]
    opened = draw(st.lists(st.sampled_from(closed), max_size=1, unique=True)) if closed else []
    return net, failed, failed_valves, opened


@st.composite
def feeder_networks(draw):
    """Radial feeders with section valves, joined by normally-closed tie valves (restoration cases)."""
    n_chains = draw(st.integers(2, 3))
    lengths = [draw(st.integers(2, 5)) for _ in range(n_chains)]
    pipes, valves, sources, stations, customers = [], [], [], [], []
    nodes = []
    for c, length in enumerate(lengths):
        y = 100.0 * c
        for k in range(length):
            pipes.append(pipe(f"f{c}_{k}", [(100.0 * k, y), (100.0 * (k + 1), y)], dn=draw(st.sampled_from([150, 300]))))
        nodes += [(100.0 * k, y) for k in range(length + 1)]
        if c == 0 or draw(st.booleans()):
            sources.append(source(f"src{c}", (0.0, y)))
        for k in range(1, length + 1):
            if draw(st.integers(0, 9)) < 7:
                attrs = {"operable": draw(st.integers(0, 9)) > 0,
                         "pipe_id": f"f{c}_{k}" if k < length else f"f{c}_{k - 1}"}
                valves.append(valve(f"v{c}_{k}", (100.0 * k, y), **attrs))
    for c in range(n_chains - 1):
        for t in range(draw(st.integers(1, 2))):
            x = 100.0 * draw(st.integers(1, min(lengths[c], lengths[c + 1])))
            a, b = (x, 100.0 * c), (x, 100.0 * (c + 1))
            pid = f"tie{c}_{t}"
            pipes.append(pipe(pid, [a, (x + 20.0 * t, 100.0 * c + 50.0), b], dn=150))
            valves.append(valve(f"t{c}_{t}", pipes[-1]["geometry"].interpolate(0.5, normalized=True).coords[0],
                                normally_open=False, operable=draw(st.integers(0, 4)) > 0))
    for s in range(draw(st.integers(0, 2))):
        at = nodes[draw(st.integers(1, len(nodes) - 1))]
        stations.append(station(f"st{s}", at))
        leaf = (at[0] + 10.0, at[1] + 30.0 + s)
        pipes.append(pipe(f"sec{s}", [at, leaf], network="secondary", dn=80))
        customers.append(customer(f"cs{s}", leaf, households=draw(st.integers(1, 30))))
    if draw(st.booleans()):
        # one secondary circuit fed by two stations on different feeders (a standby station)
        a = (100.0 * draw(st.integers(1, lengths[0])), 0.0)
        b = (100.0 * draw(st.integers(1, lengths[1])), 100.0)
        stations += [station("stA", a), station("stB", b)]
        mid1, mid2 = (a[0] + 30.0, 40.0), (b[0] + 30.0, 60.0)
        pipes += [pipe("shA", [a, mid1], network="secondary", dn=80), pipe("shM", [mid1, mid2], network="secondary", dn=80),
                  pipe("shB", [mid2, b], network="secondary", dn=80)]
        customers += [customer("cA", mid1, households=5), customer("cB", mid2, households=7)]
        if draw(st.booleans()):
            valves.append(valve("vsh", ((mid1[0] + mid2[0]) / 2, 50.0), normally_open=draw(st.booleans())))
    for k in range(draw(st.integers(1, 8))):
        at = nodes[draw(st.integers(0, len(nodes) - 1))]
        customers.append(customer(f"c{k}", at, households=draw(st.integers(1, 50))))
    net = make_network(pipes, valves, sources, stations, customers)
    ids = [p["pipe_id"] for p in pipes if not p["pipe_id"].startswith("tie")]
    failed = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
    valve_ids = [v["valve_id"] for v in valves]
    failed_valves = draw(st.lists(st.sampled_from(valve_ids), max_size=1, unique=True))
    return net, failed, failed_valves, []
