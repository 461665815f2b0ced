"""Topology rules of SPEC section 1, each on a network small enough to draw on paper."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from gisheat.analysis import topology
from gisheat.sample.handmade import customer, make_network, pipe, source, station, valve


def segments(t: topology.Topology) -> dict[str, set[int]]:
    """Pipe id → the labels of the valve-free pieces it is in (valves count as cuts)."""
    m = coo_matrix((np.ones(t.n_pieces), (t.piece_u, t.piece_v)), shape=(t.n_nodes, t.n_nodes))
    _, label = connected_components(m, directed=False)
    out: dict[str, set[int]] = {}
    for piece, p in enumerate(t.piece_pipe):
        out.setdefault(t.pipe_id[p], set()).add(int(label[t.piece_u[piece]]))
    return out


def joined(t: topology.Topology, a: str, b: str) -> bool:
    s = segments(t)
    return bool(s[a] & s[b])


def problems(t: topology.Topology) -> list[tuple[str, str]]:
    return [(p.layer, p.id) for p in t.problems]


def test_ends_within_tolerance_are_one_node_even_across_a_grid_cell_edge():
    # 1000.0049 and 1000.0051 round to different 0.01 grid cells but are 0.0002 apart
    net = make_network([pipe("a", [(0, 0), (1000.0049, 0)]), pipe("b", [(1000.0051, 0), (2000, 0)])])
    t = topology.build(net)
    assert t.pipe_end_node[0] == t.pipe_start_node[1]
    assert joined(t, "a", "b")


def test_ends_beyond_tolerance_stay_apart_and_the_near_miss_is_reported():
    net = make_network([pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100.2, 0), (200, 0)])])
    t = topology.build(net, near_misses=True)
    assert not joined(t, "a", "b")
    assert ("pipes", "a") in problems(t) or ("pipes", "b") in problems(t)


def test_custom_tolerance_joins_farther_ends():
    net = make_network([pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100.2, 0), (200, 0)])])
    assert joined(topology.build(net, tolerance=0.5), "a", "b")


def test_primary_and_secondary_never_join():
    net = make_network([
        pipe("p", [(0, 0), (100, 0)]),
        pipe("s", [(100, 0), (200, 0)], network="secondary"),
    ])
    t = topology.build(net)
    assert t.pipe_end_node[0] != t.pipe_start_node[1]
    assert t.node_network[t.pipe_start_node[1]] == topology.SECONDARY


def test_interior_valve_splits_pipe_and_shares_length_by_geometry():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)], length_m=120.0)],
        valves=[valve("v", (25, 0.004))],
    )
    t = topology.build(net)
    assert t.n_pieces == 2
    assert list(t.piece_index) == [0, 1]
    assert t.piece_length == pytest.approx([30.0, 90.0])
    assert t.valve_interior[0]
    # the valve joins the end of piece 0 to the start of piece 1
    assert (t.valve_u[0], t.valve_v[0]) == (t.piece_v[0], t.piece_u[1])


def test_pieces_are_numbered_from_the_first_vertex_whatever_the_valve_order():
    net = make_network(
        [pipe("a", [(0, 0), (50, 0), (50, 50)])],
        valves=[valve("late", (50, 25)), valve("early", (20, 0))],
    )
    t = topology.build(net)
    assert t.n_pieces == 3
    assert t.piece_start == pytest.approx([0.0, 0.2, 0.75])
    assert t.piece_end == pytest.approx([0.2, 0.75, 1.0])
    by_id = dict(zip(t.valve_id, range(t.n_valves), strict=True))
    assert t.valve_v[by_id["early"]] == t.piece_u[1]
    assert t.valve_v[by_id["late"]] == t.piece_u[2]


def test_length_from_geometry_when_length_m_absent_or_null():
    net = make_network([pipe("a", [(0, 0), (30, 40)]), pipe("b", [(30, 40), (30, 50)], length_m=None)])
    t = topology.build(net)
    assert t.pipe_length == pytest.approx([50.0, 10.0])


def test_valve_at_degree_two_node_sits_between_the_pipes():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)])],
        valves=[valve("v", (100, 0))],
    )
    t = topology.build(net)
    assert not joined(t, "a", "b")
    assert t.n_valves == 1 and not t.valve_interior[0]
    ends = {t.valve_u[0], t.valve_v[0]}
    assert ends == {t.piece_v[0], t.piece_u[1]}


def test_valve_at_junction_sits_on_the_pipe_it_names():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)]), pipe("c", [(100, 0), (100, 100)])],
        valves=[valve("v", (100, 0), pipe_id="c")],
    )
    t = topology.build(net)
    assert joined(t, "a", "b")
    assert not joined(t, "a", "c")
    assert t.pipe_id[t.valve_pipe[0]] == "c"
    assert problems(t) == []


def test_valve_at_junction_without_pipe_id_is_ambiguous_and_ignored():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)]), pipe("c", [(100, 0), (100, 100)])],
        valves=[valve("v", (100, 0))],
    )
    t = topology.build(net)
    assert t.n_valves == 0
    assert joined(t, "a", "c") and joined(t, "a", "b")
    assert ("valves", "v") in problems(t)
    assert "ambiguous" in t.problems[0].problem


def test_valve_at_junction_naming_a_pipe_elsewhere_is_reported():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)]), pipe("c", [(100, 0), (100, 100)]),
         pipe("far", [(500, 0), (600, 0)])],
        valves=[valve("v", (100, 0), pipe_id="far")],
    )
    t = topology.build(net)
    assert t.n_valves == 0
    assert ("valves", "v") in problems(t)


def test_several_valves_on_one_pipe_end_are_in_series():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)]), pipe("c", [(100, 0), (100, 100)])],
        valves=[valve("v1", (100, 0), pipe_id="c"), valve("v2", (100, 0), pipe_id="c")],
    )
    t = topology.build(net)
    assert t.n_valves == 2
    # innermost valve touches pipe c, the other the junction; they share a node between them
    assert t.valve_v[0] == t.valve_u[1]
    c_piece = int(np.flatnonzero(t.pipe_id[t.piece_pipe] == "c")[0])
    assert t.piece_u[c_piece] == t.valve_u[0]


def test_dangling_valve_is_reported_and_left_out():
    net = make_network([pipe("a", [(0, 0), (100, 0)])], valves=[valve("v", (50, 5))])
    t = topology.build(net)
    assert t.n_valves == 0
    assert problems(t) == [("valves", "v")]


def test_valve_on_crossing_needs_pipe_id():
    crossing = [pipe("ew", [(0, 0), (100, 0)]), pipe("ns", [(50, -50), (50, 50)])]
    t = topology.build(make_network(crossing, valves=[valve("v", (50, 0))]))
    assert t.n_valves == 0 and ("valves", "v") in problems(t)
    t = topology.build(make_network(crossing, valves=[valve("v", (50, 0), pipe_id="ns")]))
    assert t.n_valves == 1 and t.pipe_id[t.valve_pipe[0]] == "ns"


def test_valve_on_abandoned_pipe_is_not_a_problem_but_takes_no_part():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)]), pipe("old", [(0, 10), (100, 10)], status="abandoned")],
        valves=[valve("v", (50, 10))],
    )
    t = topology.build(net)
    assert t.n_valves == 0 and list(t.pipe_id) == ["a"]
    assert problems(t) == []


def test_sources_attach_to_primary_nodes_only():
    net = make_network(
        [pipe("p", [(0, 0), (100, 0)]), pipe("s", [(100, 0), (200, 0)], network="secondary")],
        sources=[source("ok", (0, 0)), source("mid", (50, 0)), source("sec", (200, 0)), source("both", (100, 0))],
    )
    t = topology.build(net)
    assert list(t.source_id) == ["ok", "both"]
    assert t.node_network[t.source_node].tolist() == [topology.PRIMARY, topology.PRIMARY]
    assert set(problems(t)) == {("sources", "mid"), ("sources", "sec")}


def test_station_links_its_primary_node_to_its_secondary_nodes():
    net = make_network(
        [pipe("p", [(0, 0), (100, 0)]), pipe("s", [(100, 0), (200, 0)], network="secondary")],
        stations=[station("st", (100, 0)), station("nowhere", (300, 300)), station("dry", (0, 0))],
    )
    t = topology.build(net)
    assert list(t.station_id) == ["st", "dry"]
    assert t.node_network[t.station_node[0]] == topology.PRIMARY
    assert t.link_station.tolist() == [0]
    assert t.link_node.tolist() == [t.pipe_start_node[1]]
    assert ("stations", "nowhere") in problems(t)
    assert ("stations", "dry") in problems(t)  # feeds no secondary pipe


def test_customers_attach_to_the_node_they_coincide_with():
    net = make_network(
        [pipe("p", [(0, 0), (100, 0)]), pipe("s", [(500, 0), (600, 0)], network="secondary")],
        customers=[customer("big", (100, 0)), customer("flat", (600, 0.005)), customer("lost", (50, 0))],
    )
    t = topology.build(net)
    assert list(t.customer_id) == ["big", "flat"]
    assert t.customer_node.tolist() == [t.pipe_end_node[0], t.pipe_end_node[1]]
    assert problems(t) == [("customers", "lost")]


def test_valve_at_station_inlet_separates_station_from_pipe():
    net = make_network(
        [pipe("p", [(0, 0), (100, 0)])],
        valves=[valve("v", (100, 0))],
        stations=[station("st", (100, 0))],
    )
    t = topology.build(net)
    # the pipe end got its own node; the station stays on the original node, behind the valve
    assert t.piece_v[0] == t.valve_u[0]
    assert t.station_node[0] == t.valve_v[0]


def test_out_of_service_and_invalid_pipes_take_no_part():
    import shapely

    bowtie = {"pipe_id": "multi", "network": "primary", "dn": 100,
              "geometry": shapely.MultiLineString([[(0, 0), (1, 0)], [(5, 0), (6, 0)]])}
    single = {"pipe_id": "single", "network": "primary", "dn": 100,
              "geometry": shapely.MultiLineString([[(10, 0), (20, 0)]])}
    net = make_network([
        pipe("a", [(0, 0), (100, 0)]),
        pipe("planned", [(100, 0), (200, 0)], status="planned"),
        pipe("odd", [(100, 0), (200, 0)], network="tertiary"),
        bowtie, single,
    ])
    t = topology.build(net)
    assert sorted(t.pipe_id) == ["a", "single"]
    assert ("pipes", "multi") in problems(t)


def test_pipe_end_on_another_pipes_interior_is_reported():
    net = make_network([pipe("main", [(0, 0), (200, 0)]), pipe("tee", [(100, 0), (100, 50)])])
    assert topology.build(net).problems == []
    t = topology.build(net, near_misses=True)
    assert not joined(t, "main", "tee")
    assert ("pipes", "tee") in problems(t)


def test_parallel_pipes_between_the_same_nodes():
    net = make_network([pipe("a", [(0, 0), (100, 0)]), pipe("b", [(0, 0), (50, 10), (100, 0)])])
    t = topology.build(net)
    assert t.pipe_start_node.tolist() == [t.pipe_start_node[0]] * 2
    assert t.pipe_end_node[0] == t.pipe_end_node[1]


def test_ends_exactly_at_the_tolerance_are_not_joined():
    net = make_network([pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100.01, 0), (200, 0)])])
    assert not joined(topology.build(net), "a", "b")
    assert joined(topology.build(net, tolerance=0.011), "a", "b")


def test_blank_status_means_in_service():
    net = make_network([pipe("a", [(0, 0), (100, 0)], status=""), pipe("b", [(100, 0), (200, 0)], status="  ")])
    assert sorted(topology.build(net).pipe_id) == ["a", "b"]
