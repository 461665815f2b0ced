"""Incident helpers: crew route, street locations, serving stations, prioritised customers, the log."""

from __future__ import annotations

import datetime as dt
import math

import geopandas as gpd
import numpy as np
import pytest
import shapely

from gisheat.analysis.incident import crew_route, incident_report, locate, notification_table
from gisheat.analysis.isolation import IsolationEngine
from gisheat.core import incidents as log
from gisheat.core.edits import SetValues
from gisheat.errors import InputError
from gisheat.sample.handmade import customer, make_network, pipe, source, station, valve


def test_crew_route_starts_near_the_break_and_is_short():
    # four valves on a line, given out of order; the break is at x = 290
    xy = np.array([[0, 0], [300, 0], [100, 0], [200, 0]], dtype=float)
    order = crew_route(xy, np.array([290.0, 5.0]))
    assert order.tolist() == [1, 3, 2, 0]
    square = np.array([[0, 0], [100, 100], [0, 100], [100, 0]], dtype=float)
    route = crew_route(square, np.array([0.0, 0.0]))
    legs = np.linalg.norm(np.diff(square[route], axis=0), axis=1)
    assert route[0] == 0 and legs.sum() == pytest.approx(300.0)


def test_crew_route_is_near_optimal_on_small_jobs():
    """Against every order (the first stop fixed): 2-opt with or-opt finds the optimum on nearly all."""
    import itertools

    rng = np.random.default_rng(7)

    def length(xy, route):
        return float(np.linalg.norm(np.diff(xy[list(route)], axis=0), axis=1).sum())

    optimal = 0
    for _ in range(100):
        xy = rng.uniform(0, 1000, (6, 2))
        route = crew_route(xy, rng.uniform(0, 1000, 2))
        rest = [i for i in range(6) if i != route[0]]
        best = min(length(xy, (route[0], *p)) for p in itertools.permutations(rest))
        assert length(xy, route) <= best * 1.15
        optimal += length(xy, route) <= best + 1e-6
    assert optimal >= 97


def _streets():
    return gpd.GeoDataFrame({"name": ["中山路", "建设大街"]},
                            geometry=[shapely.LineString([(0, 0), (1000, 0)]), shapely.LineString([(500, -500), (500, 500)])],
                            crs=4547)


def test_locate_by_street_and_crossing():
    net = make_network([pipe("a", [(0, 5), (1000, 5)])], streets=_streets())
    places = locate(net, np.array([[620.0, 8.0], [5000.0, 5000.0]]))
    assert places[0].street == "中山路" and places[0].cross_street == "建设大街"
    assert places[0].bearing == "E" and places[0].distance_m == pytest.approx(math.hypot(120, 8))
    assert places[0].text() == "中山路, 120 m east of 建设大街"
    assert places[0].text("zh") == "中山路与建设大街交口以东120米"
    assert places[1].street == "" and places[1].text() == "(5000.0, 5000.0)"


def _network():
    #  S —a— v1 —b— ST ; secondary s1 to a hospital and a block of flats
    return make_network(
        [pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)]),
         pipe("s1", [(200, 0), (200, 50)], network="secondary"), pipe("s2", [(200, 50), (250, 50)], network="secondary")],
        valves=[valve("v1", (100, 0)), valve("v0", (50, 0))],
        sources=[source("S", (0, 0))],
        stations=[station("ST", (200, 0), name="一号站")],
        customers=[customer("flats", (250, 50), households=120, vulnerable_households=0, contact_phone="138"),
                   customer("old", (200, 50), households=40, vulnerable_households=6),
                   customer("hosp", (250, 50), category="hospital", name="市医院")],
        streets=_streets())


def test_report_orders_customers_by_priority_and_gives_time_to_cold():
    net = _network()
    engine = IsolationEngine(net)
    result = engine.isolate(["b"])
    report = incident_report(net, engine, result, outdoor_temp_c=-10.0)
    assert [s.valve_id for s in report.valves] == ["v1"]
    assert report.valves[0].order == 1 and report.valves[0].leg_m == pytest.approx(50.0)
    table = report.customers
    assert table["customer_id"].tolist() == ["hosp", "old", "flats"]  # hospital, vulnerable, others
    assert set(table["station_id"]) == {"ST"} and set(table["reason"]) == {"station"}
    # residential τ = 60 h: 60 · ln(30/28)
    flats = table.set_index("customer_id").loc["flats"]
    assert flats["hours_to_cold"] == pytest.approx(60 * math.log(30 / 28))
    assert report.hours_to_cold == pytest.approx(table["hours_to_cold"].min())
    # the hospital (τ shorter than homes) sets the deadline and is named; homes have their own hours
    hosp = table.set_index("customer_id").loc["hosp"]
    assert hosp["hours_to_cold"] < flats["hours_to_cold"] and report.hours_to_cold == pytest.approx(hosp["hours_to_cold"])
    assert report.first_cold == {"customer_id": "hosp", "name": "市医院", "category": "hospital"}
    assert report.homes_hours_to_cold == pytest.approx(60 * math.log(30 / 28))
    assert report.stations.to_dict("records") == [{"station_id": "ST", "name": "一号站", "customers": 3, "households": 160}]
    csv = notification_table(report)
    assert list(csv.columns)[:3] == ["customer_id", "name", "category"] and "contact_phone" in csv.columns


def test_whole_circuit_is_said_plainly():
    net = make_network([pipe("a", [(0, 0), (100, 0)])], sources=[source("S", (0, 0))],
                       customers=[customer("c", (100, 0))])
    engine = IsolationEngine(net)
    report = incident_report(net, engine, engine.isolate(["a"]))
    assert report.notes and "whole circuit" in report.notes[0]


def test_incident_log_round_trip_status_staleness_and_conflicts(tmp_path):
    from gisheat.io import gpkg

    net = _network()
    engine = IsolationEngine(net)
    result = engine.isolate(["b"])
    report = incident_report(net, engine, result)
    when = dt.datetime(2027, 1, 10, 3, 15)
    inc = log.Incident(log.next_incident_id(net, when), result.failed_pipes, reported=when, outdoor_temp_c=-10.0,
                       cooling_tau_h={"hospital": 45.0, "residential": 72.5},
                       customers=result.summary.customers, network_fingerprint=log.network_fingerprint(net))
    assert inc.incident_id == "INC-20270110-01"
    undo = log.record(net, inc, report).apply(net)
    assert log.next_incident_id(net, when) == "INC-20270110-02"
    path = tmp_path / "n.gpkg"
    gpkg.save(net, path)
    again = gpkg.load(path)
    saved = log.get(again, inc.incident_id)
    assert saved.failed_pipes == ["b"] and saved.reported == when and saved.customers == 3
    assert saved.cooling_tau_h == {"hospital": 45.0, "residential": 72.5}  # the hours were computed with these
    assert log.incident_valves(again, inc.incident_id)["valve_id"].tolist() == ["v1"]
    assert sorted(log.incident_customers(again, inc.incident_id)["customer_id"]) == ["flats", "hosp", "old"]
    assert not log.is_stale(again, saved)
    assert log.conflicting(again, ["b"], []) == []  # planned, not active
    log.set_status(again, inc.incident_id, "active", when).apply(again)
    assert log.get(again, inc.incident_id).started == when
    assert log.conflicting(again, ["a"], ["v1"]) == [inc.incident_id]
    assert log.conflicting(again, ["b"], [], exclude=inc.incident_id) == []
    SetValues("valves", (0,), "operable", (False,)).apply(again)
    assert log.is_stale(again, log.get(again, inc.incident_id))
    # recording again replaces, undo removes
    undo.apply(net)
    assert log.incidents(net) == []
    with pytest.raises(InputError):
        log.set_status(net, "nope", "active")


def test_serving_stations_are_computed_once_per_engine():
    from gisheat.analysis import incident

    net = _network()
    engine = IsolationEngine(net)
    first = incident.serving_stations(engine)
    assert incident.serving_stations(engine) is first and not first.flags.writeable
    assert first.tolist() == incident._serving_stations(engine).tolist()
    other = IsolationEngine(net)  # a new engine (after an edit) computes its own
    assert incident.serving_stations(other) is not first
