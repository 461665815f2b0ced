"""The incident response core: runs, what changed, the reopening checklist, outputs."""

from __future__ import annotations

import math

import numpy as np
import pyogrio
import pytest

from gisheat.analysis import response
from gisheat.analysis.isolation import IsolationEngine
from gisheat.errors import Cancelled
from gisheat.io.results import write_layers
from gisheat.sample.handmade import customer, make_network, pipe, source, valve


def _network():
    #  S ─a─ v1 ─b─ v2 ─c1─ k2 ─c2─ v3 ─d─ k1 ─e─ t ─e─ S2
    #  (0)   (100)  (200)   (250)   (300)  (400)  (450)  (500)
    # t is a normally-closed tie valve inside pipe e, S2 a second source behind it.
    return make_network(
        [pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)], dn=200),
         pipe("c1", [(200, 0), (250, 0)]), pipe("c2", [(250, 0), (300, 0)]),
         pipe("d", [(300, 0), (400, 0)]), pipe("e", [(400, 0), (500, 0)])],
        valves=[valve("v1", (100, 0), dn=200, valve_type="gate"), valve("v2", (200, 0)),
                valve("v3", (300, 0)), valve("t", (450, 0), normally_open=False, dn=100, valve_type="butterfly")],
        sources=[source("S", (0, 0)), source("S2", (500, 0))],
        customers=[customer("k1", (400, 0), households=80, contact_phone="0530-1"),
                   customer("k2", (250, 0), category="hospital", households=0, name="医院")],
    )


def test_run_isolates_and_reports_like_the_engine():
    net = _network()
    query = response.IncidentQuery(("b",), outdoor_temp_c=-10.0, tau_h=(("residential", 40.0),))
    first = response.run(net, query)
    assert first.result.valves_to_close == ["v1", "v2"]
    assert [s.valve_id for s in first.report.valves] == ["v1", "v2"]
    assert [(r.open_valve, r.restores_customers) for r in first.result.restoration] == [("t", 2)]
    # the τ given for residential is used: 40 · ln(30/28)
    k1 = first.report.customers.set_index("customer_id").loc["k1"]
    assert k1["hours_to_cold"] == pytest.approx(40 * math.log(30 / 28))
    # a second run reuses the engine
    again = response.run(net, query.with_(failed_valves=("v2", "v2")), first.state)
    assert again.engine is first.engine and again.query.failed_valves == ("v2",)
    assert again.result.valves_to_close == ["v1", "v3"]
    assert first.state.fingerprint and len(first.state.fingerprint) == 32


def test_run_reports_progress_and_can_be_cancelled():
    net = _network()
    seen = []
    response.run(net, response.IncidentQuery(("b",)), progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(Cancelled):
        response.run(net, response.IncidentQuery(("b",)), cancelled=lambda: True)


def test_compare_names_the_valves_and_customers_that_changed():
    net = _network()
    engine = IsolationEngine(net)
    before = engine.isolate(["b"])
    after = engine.isolate(["b"], failed_valves=["v2"])
    change = response.compare(before, after)
    assert change.added_valves == ["v3"] and change.removed_valves == ["v2"]
    assert change.added_customers == [] and change.customers_delta == 0  # k2 now drained instead of cut off
    restored = engine.isolate(["b"], failed_valves=["v2"], open_valves=["t"])
    change = response.compare(after, restored)
    assert change.removed_customers == ["k1"] and change.customers_delta == -1 and change.households_delta == -80
    assert response.compare(after, after).empty


def test_reopening_checklist_names_every_valve_touched_in_order():
    net = _network()
    run = response.run(net, response.IncidentQuery(("b",), failed_valves=("v2",), opened_valves=("t",)))
    # the crew closes v1 (50 m from the break in the middle of b) then v3
    assert [s.valve_id for s in run.report.valves] == ["v1", "v3"]
    steps = response.reopening_checklist(net, run.engine, run.report)
    assert [(s.step, s.action, s.valve_id) for s in steps] == [
        (1, "reopen", "v3"), (2, "reopen", "v1"), (3, "check_failed", "v2"), (4, "close_tie", "t")]
    tie = steps[-1]
    assert (tie.x, tie.y, tie.dn, tie.valve_type) == (450.0, 0.0, 100.0, "butterfly")
    assert tie.location == "(450.0, 0.0)"  # no streets in this network: coordinates
    plain = response.run(net, response.IncidentQuery(("b",)))
    assert [s.action for s in response.reopening_checklist(net, plain.engine, plain.report)] == ["reopen", "reopen"]


def test_notification_frame_lists_who_to_call_first():
    net = _network()
    run = response.run(net, response.IncidentQuery(("b",)))
    frame = response.notification_frame(run.report)
    assert list(frame.columns) == list(response.NOTIFICATION_COLUMNS)
    assert frame["customer_id"].tolist() == ["k2", "k1"]  # the hospital first
    assert frame.loc[1, "contact_phone"] == "0530-1" and frame.loc[1, "households"] == 80
    assert frame.loc[1, "hours_to_cold"] == round(60 * math.log(30 / 28), 1)
    warm = response.run(net, response.IncidentQuery(("b",), outdoor_temp_c=20.0))
    assert response.notification_frame(warm.report)["hours_to_cold"].isna().all()  # never gets cold


def test_result_layers_keep_the_crew_order(tmp_path):
    net = _network()
    run = response.run(net, response.IncidentQuery(("c1",)))
    # break in the middle of c1 (225, 0): v2 (25 m) first, then v3
    layers = response.result_layers(net, run.engine, run.report)
    valves = layers["valves_to_close"]
    assert valves["valve_id"].tolist() == ["v2", "v3"] and valves["close_order"].tolist() == [1, 2]
    assert set(layers) >= {"isolated_pipes", "cut_off_pipes", "affected_customers"}
    path = write_layers(tmp_path / "r.gpkg", layers, net)
    assert pyogrio.read_dataframe(path, layer="valves_to_close")["close_order"].tolist() == [1, 2]
    assert np.isclose(pyogrio.read_dataframe(path, layer="isolated_pipes")["piece_length_m"].sum(), 100.0)  # c1 and c2


def test_valve_pipes_tell_junction_valves_apart():
    #        n (0, 100)
    #        |
    #  w ── J(0,0) ── e        two valves at the junction J, one on the east pipe, one on the north pipe
    net = make_network(
        [pipe("w", [(-100, 0), (0, 0)]), pipe("e", [(0, 0), (100, 0)]), pipe("n", [(0, 0), (0, 100)])],
        valves=[valve("ve", (0, 0), pipe_id="e"), valve("vn", (0, 0), pipe_id="n"), valve("mid", (-50, 0), pipe_id="w"),
                valve("loose", (500, 500))])
    found = response.valve_pipes(net, ["ve", "vn", "mid", "loose", "unknown"])
    assert found == {"ve": response.ValvePipe("e", "E"), "vn": response.ValvePipe("n", "N"),
                     "mid": response.ValvePipe("w", "")}
    assert [response.compass(dx, dy) for dx, dy in ((1, 0), (1, 1), (0, -1), (-1, -0.1))] == ["E", "NE", "S", "W"]
