"""Valve segments: hand-drawn cases, and Giswater's own segmentation of its sample network."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest

from gisheat.analysis import topology
from gisheat.analysis.segments import segment_graph, segment_numbers, segment_table
from gisheat.core.network import Network
from gisheat.sample.handmade import make_network, pipe, station, valve

GISWATER = Path(__file__).resolve().parents[3] / "shared" / "data" / "giswater_ws_sample"


def table_of(net):
    t = segment_table(segment_graph(topology.build(net)))
    return list(zip(t.pipe_id.tolist(), t.piece.tolist(), t.segment_id.tolist(), strict=True))


def test_every_valve_divides_even_closed_and_inoperable_ones():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)]), pipe("c", [(200, 0), (300, 0)]),
         pipe("d", [(300, 0), (400, 0)])],
        valves=[valve("open", (100, 0)), valve("shut", (200, 0), normally_open=False),
                valve("seized", (300, 0), operable=False)])
    rows = table_of(net)
    assert [r[2] for r in rows] == [1, 2, 3, 4]


def test_interior_valves_number_pieces_from_the_first_vertex():
    net = make_network([pipe("long", [(0, 0), (400, 0)]), pipe("next", [(400, 0), (500, 0)])],
                       valves=[valve("v2", (300, 0)), valve("v1", (100, 0))])
    assert table_of(net) == [("long", 0, 1), ("long", 1, 2), ("long", 2, 3), ("next", 0, 3)]


def test_pipes_joined_without_a_valve_share_a_segment_and_networks_never_do():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (100, 100)]),
         pipe("s", [(100, 0), (200, 0)], network="secondary"), pipe("old", [(0, 0), (0, 50)], status="abandoned")],
        stations=[station("st", (100, 0))])
    rows = table_of(net)
    assert rows == [("a", 0, 1), ("b", 0, 1), ("s", 0, 2)]


def test_segment_numbers_cover_pipe_less_segments_last():
    net = make_network([pipe("a", [(0, 0), (100, 0)])], valves=[valve("inlet", (100, 0))],
                       stations=[station("st", (100, 0))])
    graph = segment_graph(topology.build(net))
    numbers = segment_numbers(graph)
    assert sorted(numbers.tolist()) == [1, 2]
    assert numbers[graph.piece_segment[0]] == 1


def _giswater_network() -> tuple[Network, pd.DataFrame]:
    path = GISWATER / "giswater_ws_sample.gpkg"
    arcs = pyogrio.read_dataframe(path, layer="pipes")
    nodes = pyogrio.read_dataframe(path, layer="nodes")
    pipes = gpd.GeoDataFrame({
        "pipe_id": arcs["arc_id"].astype(str),
        "network": "primary",
        "dn": pd.to_numeric(arcs["dnom"], errors="coerce").fillna(100).astype(int),
    }, geometry=arcs.geometry.values, crs=arcs.crs)
    incident: dict[str, list[str]] = {}
    for arc, n1, n2 in zip(arcs["arc_id"].astype(str), arcs["node_1"].astype(str), arcs["node_2"].astype(str), strict=True):
        incident.setdefault(n1, []).append(arc)
        incident.setdefault(n2, []).append(arc)
    rows = []
    # README: a delimiter between two pipes is one valve there; at a junction or a facility, one per pipe
    for node, kind, geom in zip(nodes["node_id"].astype(str), nodes["nodetype_id"], nodes.geometry, strict=True):
        if not nodes.loc[nodes["node_id"].astype(str) == node, "graph_delimiter"].iloc[0]:
            continue
        arcs_here = incident.get(node, [])
        if len(arcs_here) == 2 and kind in ("SHUTOFF_VALVE", "CHECK_VALVE"):
            rows.append({"valve_id": node, "geometry": geom})
        else:
            rows += [{"valve_id": f"{node}:{arc}", "pipe_id": arc, "geometry": geom} for arc in arcs_here]
    valves = gpd.GeoDataFrame(rows, geometry="geometry", crs=arcs.crs)
    expected = pd.read_csv(GISWATER / "arc_minsector.csv", dtype={"arc_id": str})
    return Network(layers={"pipes": pipes, "valves": valves}, crs=arcs.crs), expected


@pytest.mark.skipif(not GISWATER.exists(), reason="shared Giswater sample not available")
def test_segments_match_giswater_minsectors():
    net, expected = _giswater_network()
    t = topology.build(net)
    table = segment_table(segment_graph(t))
    ours = pd.DataFrame({"arc_id": table.pipe_id, "ours": table.segment_id})
    assert (table.piece == 0).all()  # delimiters are at nodes: no pipe is cut
    both = expected.merge(ours, on="arc_id", how="outer", indicator=True)
    assert (both["_merge"] == "both").all()
    # same partition: each of our segments is exactly one Giswater minsector and vice versa
    assert both.groupby("ours")["minsector_expected"].nunique().max() == 1
    assert both.groupby("minsector_expected")["ours"].nunique().max() == 1
    assert both["ours"].nunique() == expected["minsector_expected"].nunique()
    assert np.isfinite(t.pipe_length).all()
