"""Criticality of every pipe equals its single isolation; dominator trees on small graphs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from random_networks import feeder_networks, random_networks

from gisheat.analysis import topology
from gisheat.analysis.criticality import criticality
from gisheat.analysis.dominators import dominator_tree
from gisheat.analysis.isolation import IsolationEngine
from gisheat.core import schema


def _check_every_pipe(net):
    t = topology.build(net)
    engine = IsolationEngine(net, t)
    table = criticality(net, engine=engine)
    assert list(table.index) == list(t.pipe_id[np.argsort(t.pipe_row, kind="stable")])
    category = schema.text_column(net.customers, "category", "residential")
    for pid in table.index.unique():
        r = engine.isolate([pid], restoration=False)
        row = table.loc[[pid]].iloc[0]
        assert row["customers"] == r.summary.customers, pid
        assert row["households"] == r.summary.households, pid
        assert row["vulnerable_households"] == r.summary.vulnerable_households, pid
        assert row["heat_load_kw"] == pytest.approx(r.summary.heat_load_kw), pid
        assert row["heated_area_m2"] == pytest.approx(r.summary.heated_area_m2), pid
        assert row["valves_to_close"] == len(r.valves_to_close), pid
        assert row["isolated_length_m"] == pytest.approx(r.summary.isolated_length_m), pid
        assert row["drain_volume_m3"] == pytest.approx(r.summary.drain_volume_m3), pid
        crit = np.isin(category[t.customer_row[r.customer_index]], schema.CRITICAL_CATEGORIES).sum()
        assert row["critical_customers"] == crit, pid


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(random_networks())
def test_criticality_equals_single_isolation_on_random_networks(case):
    _check_every_pipe(case[0])


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(feeder_networks())
def test_criticality_equals_single_isolation_on_feeders(case):
    _check_every_pipe(case[0])


def test_criticality_on_the_sample_matches_isolation_for_a_sample_of_pipes(sample_network, sample_topology):
    engine = IsolationEngine(sample_network, sample_topology)
    table = criticality(sample_network, engine=engine)
    assert len(table) == sample_topology.n_pipes
    rng = np.random.default_rng(5)
    for pid in rng.choice(table.index.to_numpy(), 60, replace=False):
        r = engine.isolate([pid], restoration=False)
        assert table.loc[pid, "customers"] == r.summary.customers
        assert table.loc[pid, "valves_to_close"] == len(r.valves_to_close)
    # a branch to a station (P0007 feeds HS01) cuts the station's whole circuit
    assert table.loc["P0007", "customers"] > 10
    # graph connectivity, not capacity: losing the CHP main leaves the boilers feeding the loops
    assert table.loc["P0001", "customers"] == 0


def naive_dominators(n, arcs, root):
    """Dominators by definition: d dominates v when removing d makes v unreachable."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(arcs)
    reach = nx.descendants(g, root) | {root}
    dom = {v: {root, v} for v in reach}
    for d in reach - {root}:
        h = g.copy()
        h.remove_node(d)
        still = nx.descendants(h, root) | {root}
        for v in reach - still - {d}:
            dom[v].add(d)
    return reach, dom


@settings(max_examples=200)
@given(st_graph=__import__("hypothesis").strategies.data())
def test_dominator_tree_matches_definition(st_graph):
    from hypothesis import strategies as st

    n = st_graph.draw(st.integers(2, 12))
    arcs = st_graph.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=30))
    undirected = st_graph.draw(st.booleans())
    if undirected:
        arcs = arcs + [(b, a) for a, b in arcs]
    arcs = [(a, b) for a, b in arcs if a != b]
    src = np.array([a for a, _ in arcs], dtype=np.int64)
    dst = np.array([b for _, b in arcs], dtype=np.int64)
    tree = dominator_tree(n, src, dst, 0)
    reach, dom = naive_dominators(n, arcs, 0)
    assert set(np.flatnonzero(tree.reachable).tolist()) == reach
    for v in reach:
        for d in range(n):
            assert bool(tree.dominates(np.array([d]), np.array([v]))[0]) == (d in dom[v]), (d, v)
