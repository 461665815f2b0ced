"""`validate`: every problem class, on hand-made networks."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import shapely

from gisheat.analysis.validate import validate
from gisheat.sample.handmade import customer, make_network, pipe, source, station, valve


def found(net):
    return {(p.layer, p.id): p.problem for p in validate(net, today=dt.date(2026, 11, 22))}


def test_clean_network_has_no_problems():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)], install_year=2001), pipe("s", [(100, 0), (150, 0)], network="secondary")],
        valves=[valve("v", (50, 0), normally_open=True)],
        sources=[source("src", (0, 0))],
        stations=[station("st", (100, 0))],
        customers=[customer("c", (150, 0), households=10, vulnerable_households=2)],
    )
    assert found(net) == {}


def test_attribute_problems_come_from_the_schema():
    net = make_network([
        pipe("a", [(0, 0), (100, 0)], dn=-5, status="broken", install_year=1500),
        pipe("b", [(100, 0), (200, 0)], network="tertiary"),
        pipe("c", [(200, 0), (300, 0)], dn=None),
    ], customers=[customer("k", (300, 0), category="castle", households=2.5)])
    problems = validate(net)
    texts = {(p.layer, p.id, p.problem) for p in problems}
    assert ("pipes", "a", "dn -5 is below 1") in texts
    assert any(p.id == "a" and p.problem.startswith("status 'broken' is not one of") for p in problems)
    assert any(p.id == "a" and "install_year" in p.problem for p in problems)
    assert any(p.id == "b" and "network 'tertiary'" in p.problem for p in problems)
    assert ("pipes", "c", "dn is empty") in texts
    assert any(p.id == "k" and "category 'castle'" in p.problem for p in problems)
    assert any(p.id == "k" and "households" in p.problem for p in problems)


def test_duplicate_and_missing_ids():
    net = make_network([
        pipe("a", [(0, 0), (100, 0)]), pipe("a", [(100, 0), (200, 0)]), pipe("", [(200, 0), (300, 0)]),
    ])
    problems = found(net)
    assert problems[("pipes", "a")] == "duplicate id (2 features)"
    assert problems[("pipes", "#3")] == "no pipe_id"


def test_missing_required_field_is_a_layer_problem():
    net = make_network([{"pipe_id": "a", "geometry": pipe("a", [(0, 0), (1, 0)])["geometry"]}])
    problems = validate(net)
    assert {(p.layer, p.id, p.problem) for p in problems} >= {
        ("pipes", "", "missing required field network"), ("pipes", "", "missing required field dn")}


def test_topology_problems_are_included():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)]), pipe("c", [(100, 0), (100, 50)])],
        valves=[valve("dangling", (500, 500)), valve("junction", (100, 0))],
        sources=[source("off", (70, 70))],
        stations=[station("lonely", (300, 300))],
        customers=[customer("nowhere", (10, 10))],
    )
    problems = found(net)
    assert "dangling" in problems[("valves", "dangling")]
    assert "ambiguous" in problems[("valves", "junction")]
    assert ("sources", "off") in problems
    assert "no primary" in problems[("stations", "lonely")]
    assert "unattached" in problems[("customers", "nowhere")]


def test_empty_and_invalid_geometry():
    import shapely

    net = make_network([
        pipe("a", [(0, 0), (100, 0)]),
        {"pipe_id": "empty", "network": "primary", "dn": 100, "geometry": shapely.LineString()},
        {"pipe_id": "none", "network": "primary", "dn": 100, "geometry": None},
    ], valves=[{"valve_id": "poly", "geometry": shapely.box(0, 0, 1, 1)}])
    problems = found(net)
    assert problems[("pipes", "empty")] == "empty geometry"
    assert problems[("pipes", "none")] == "empty geometry"
    assert problems[("valves", "poly")] == "geometry is Polygon, expected Point"


def test_break_problems():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)], install_year=2010)],
        breaks=pd.DataFrame({"pipe_id": ["a", "a", "ghost", "a"],
                             "date": ["2012-03-01", "2005-01-01", "2015-01-01", "2031-01-01"]}),
    )
    problems = [p for p in validate(net, today=dt.date(2026, 11, 22)) if p.layer == "breaks"]
    texts = [p.problem for p in problems]
    assert any("before the pipe's install_year 2010" in t for t in texts)
    assert any(p.id == "ghost" and "not in the pipes layer" in p.problem for p in problems)
    assert any("future" in t for t in texts)
    assert len(problems) == 3


def test_vulnerable_households_cannot_exceed_households():
    net = make_network([pipe("a", [(0, 0), (1, 0)])],
                       customers=[customer("c", (1, 0), households=10, vulnerable_households=12)])
    assert "exceeds" in found(net)[("customers", "c")]


def test_problems_are_sorted_by_layer_then_id():
    net = make_network([pipe("b", [(0, 0), (1, 0)], dn=0), pipe("a", [(5, 0), (6, 0)], dn=0)],
                       valves=[valve("z", (50, 50))])
    problems = validate(net)
    assert [(p.layer, p.id) for p in problems] == [("pipes", "a"), ("pipes", "b"), ("valves", "z")]


def test_breaks_of_a_replaced_asset_are_not_problems():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)], install_year=2024)],
        breaks=pd.DataFrame({"pipe_id": ["a", "a"], "date": ["2019-03-01", "2025-01-01"]}),
        pipe_history=pd.DataFrame({"pipe_id": ["a"], "replaced_on": ["2023-09-30"], "install_year": [1988]}),
    )
    assert [p for p in validate(net, today=dt.date(2026, 11, 22)) if p.layer == "breaks"] == []
    net.layers["pipe_history"]["replaced_on"] = ["2018-01-01"]
    assert len([p for p in validate(net, today=dt.date(2026, 11, 22)) if p.layer == "breaks"]) == 1


def test_a_bare_number_is_not_a_break_date():
    net = make_network([pipe("a", [(0, 0), (100, 0)], install_year=2010)],
                       breaks=pd.DataFrame({"pipe_id": ["a"], "date": [2019]}))
    problems = [p for p in validate(net, today=dt.date(2026, 11, 22)) if p.layer == "breaks"]
    assert [p.problem for p in problems] == ["date 2019 is not a date value"]


def test_context_layers_report_empty_invalid_and_wrongly_typed_geometry():
    bow_tie = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
    districts = gpd.GeoDataFrame({"district_id": ["D1", "D2", "D3", "D4"]},
                                 geometry=[shapely.box(0, 0, 5, 5), bow_tie, None, shapely.LineString([(0, 0), (1, 1)])],
                                 crs=4547)
    streets = gpd.GeoDataFrame({"name": ["中山路", "人民路"]},
                               geometry=[shapely.MultiLineString([[(0, 0), (9, 0)]]), shapely.Point(3, 3)], crs=4547)
    net = make_network([pipe("a", [(0, 0), (100, 0)])], districts=districts, streets=streets)
    problems = found(net)
    assert problems[("districts", "D2")].startswith("invalid geometry (Self-intersection")
    assert problems[("districts", "D3")] == "empty geometry"
    assert problems[("districts", "D4")] == "geometry is LineString, expected Polygon"
    assert problems[("streets", "#2")] == "geometry is Point, expected LineString"
    assert ("districts", "D1") not in problems and ("streets", "#1") not in problems


def test_two_valves_at_one_place_on_one_pipe_are_a_duplicate_but_a_junction_pair_is_not():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)]), pipe("c", [(100, 0), (100, 100)])],
        valves=[valve("v1", (50, 0)), valve("v2", (50.004, 0)), valve("v3", (50.002, 0)),  # one chamber, 3 records
                valve("j1", (100, 0), pipe_id="b"), valve("j2", (100, 0), pipe_id="c")],  # two pipes closed
    )
    stacked = [p for p in validate(net, today=dt.date(2026, 11, 22)) if "duplicate" in p.problem]
    assert [(p.id, p.problem) for p in stacked] == [
        ("v2", "at the same place as valve v1, on the same pipe: a duplicate?"),
        ("v3", "at the same place as valve v1, on the same pipe: a duplicate?")]  # each once
    # in degrees the tolerance means nothing: not checked (the CRS problem is said instead)
    geographic = make_network([pipe("a", [(114.0, 38.0), (114.01, 38.0)])],
                              valves=[valve("v1", (114.002, 38.0)), valve("v2", (114.0021, 38.0))], crs=4326)
    assert not any("duplicate" in p.problem for p in validate(geographic))
