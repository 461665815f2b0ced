"""The renewal ledger: plans and items in the network file, completion renews the pipe, progress per year."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from gisheat.analysis.renewal import ledger
from gisheat.analysis.renewal.planner import PlanResult, PlanSettings
from gisheat.analysis.validate import validate
from gisheat.errors import InputError
from gisheat.io import gpkg
from gisheat.sample.handmade import make_network, pipe


def made_plan() -> PlanResult:
    """A plan of three pipes: a and b in 2027 (one project), c in 2028."""
    settings = PlanSettings(2027, (500_000.0, 400_000.0))
    items = pd.DataFrame({
        "pipe_id": ["a", "b", "c"], "project_id": ["RP1", "RP1", "RP2"], "year": [2027, 2027, 2028],
        "cost": [200_000.0, 100_000.0, 300_000.0], "risk_removed": [50.0, 20.0, 10.0],
        "length_m": [100.0, 50.0, 150.0], "street": ["Old", "Old", ""],
    })
    per_year = pd.DataFrame({"year": [2027, 2028], "budget": [500_000.0, 400_000.0],
                             "cost": [300_000.0, 300_000.0], "km": [0.15, 0.15]})
    from gisheat.analysis.renewal.failure import default_model

    return PlanResult(settings, "test", "optimal", items, pd.DataFrame(), per_year, [1.0, 1.0], [0.5, 0.5], {},
                      default_model(None, None, reason="test"))


@pytest.fixture
def net():
    return make_network([
        pipe("a", [(0, 0), (100, 0)], dn=200, install_year=1980, material="steel", laying="trench"),
        pipe("b", [(100, 0), (150, 0)], dn=200, install_year=1982, material="steel", laying="trench"),
        pipe("c", [(0, 50), (150, 50)], dn=100, install_year=1990),
    ])


def test_save_plan_writes_plan_and_items(net):
    plan_id = ledger.save_plan(net, made_plan(), name="三年改造", created=dt.datetime(2026, 11, 22, 9, 0))
    assert plan_id == "PLAN-2027-01"
    plans = ledger.plans(net)
    assert list(plans["plan_id"]) == [plan_id] and plans["name"].iloc[0] == "三年改造"
    assert plans["budget_total"].iloc[0] == 900_000.0 and plans["cost_total"].iloc[0] == 600_000.0
    items = ledger.plan_items(net, plan_id)
    assert list(items["pipe_id"]) == ["a", "b", "c"]
    assert list(items["status"]) == ["proposed"] * 3
    assert list(items["item_id"]) == [f"{plan_id}-000{k}" for k in (1, 2, 3)]
    assert {"renewal_plans", "renewal_items"} <= net.dirty
    # a second plan of the same start year gets the next id
    assert ledger.save_plan(net, made_plan()) == "PLAN-2027-02"
    assert len(ledger.plan_items(net)) == 6 and len(ledger.plan_items(net, plan_id)) == 3


def test_complete_renews_the_pipe_and_keeps_history(net):
    plan_id = ledger.save_plan(net, made_plan())
    first, second, third = ledger.plan_items(net, plan_id)["item_id"]
    ledger.set_status(net, [first, second], "in_construction")
    ledger.complete_items(net, [first], completion_date=dt.date(2027, 9, 30), actual_cost=210_000.0)
    pipes = net.pipes.set_index("pipe_id")
    assert pipes.loc["a", "install_year"] == 2027
    assert pipes.loc["a", "material"] == "preinsulated_steel" and pipes.loc["a", "laying"] == "preinsulated_buried"
    assert pipes.loc["b", "install_year"] == 1982  # not completed yet
    history = ledger._layer(net, "pipe_history")
    assert history.iloc[0][["pipe_id", "install_year", "material", "laying", "dn"]].tolist() == [
        "a", 1980, "steel", "trench", 200]
    items = ledger.plan_items(net, plan_id).set_index("item_id")
    assert items.loc[first, "status"] == "completed" and items.loc[first, "actual_cost"] == 210_000.0
    assert items.loc[first, "completion_date"] == dt.date(2027, 9, 30)
    assert items.loc[second, "status"] == "in_construction"
    with pytest.raises(InputError, match="already completed"):
        ledger.complete_items(net, [first], completion_date=dt.date(2027, 10, 1))
    with pytest.raises(InputError, match="is completed"):
        ledger.set_status(net, [first], "deferred")
    with pytest.raises(InputError, match="not one of"):
        ledger.set_status(net, [second], "finished")
    with pytest.raises(InputError, match="no item"):
        ledger.set_status(net, ["nope"], "approved")
    # completing through the status setter works the same way
    ledger.set_status(net, [third], "completed", completion_date=dt.date(2028, 8, 1), material="pex")
    assert net.pipes.set_index("pipe_id").loc["c", "material"] == "pex"
    assert not [p for p in validate(net) if p.layer.startswith(("renewal", "pipe_history"))]


def test_pipe_plan_status_for_the_map(net):
    plan_id = ledger.save_plan(net, made_plan())
    first = ledger.plan_items(net, plan_id)["item_id"].iloc[0]
    ledger.set_status(net, [first], "approved")
    table = ledger.pipe_plan_status(net, plan_id)
    assert list(table.index) == ["a", "b", "c"]
    assert list(table["year"]) == [2027, 2027, 2028] and list(table["status"]) == ["approved", "proposed", "proposed"]


def test_progress_planned_against_done(net):
    plan_id = ledger.save_plan(net, made_plan())
    first = ledger.plan_items(net, plan_id)["item_id"].iloc[0]
    ledger.complete_items(net, [first], completion_date=dt.date(2027, 9, 30), actual_cost=210_000.0)
    table = ledger.progress(net, plan_id).set_index("year")
    assert table.loc[2027, "planned_items"] == 2 and table.loc[2027, "done_items"] == 1
    assert table.loc[2027, "planned_km"] == pytest.approx(0.15) and table.loc[2027, "done_km"] == pytest.approx(0.1)
    assert table.loc[2027, "planned_cost"] == 300_000.0 and table.loc[2027, "done_actual_cost"] == 210_000.0
    assert table.loc[2027, "done_cost_estimate"] == 200_000.0
    assert table.loc[2028, "done_items"] == 0 and table.loc[2028, "share_km_done"] == 0.0
    with pytest.raises(InputError, match="no plan"):
        ledger.progress(net, "PLAN-1999-01")


def test_edits_undo_exactly(net):
    before = {name: frame.copy() for name, frame in net.layers.items()}
    edit, plan_id = ledger.save_plan_edit(net, made_plan())
    undo_save = edit.apply(net)
    item = ledger.plan_items(net, plan_id)["item_id"].iloc[0]
    undo_complete = ledger.complete_items_edit(net, [item], completion_date=dt.date(2027, 9, 30)).apply(net)
    assert net.pipes.set_index("pipe_id").loc["a", "install_year"] == 2027
    undo_complete.apply(net)
    assert net.pipes.set_index("pipe_id").loc["a", "install_year"] == 1980
    assert len(ledger._layer(net, "pipe_history")) == 0
    undo_save.apply(net)
    assert set(net.layers) == set(before)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(net.layers[name], frame)


def test_round_trip_through_the_geopackage(net, tmp_path):
    path = tmp_path / "ledger.gpkg"
    gpkg.save(net, path)
    net = gpkg.load(path)
    plan_id = ledger.save_plan(net, made_plan(), created=dt.datetime(2026, 11, 22, 9, 30))
    first = ledger.plan_items(net, plan_id)["item_id"].iloc[0]
    ledger.set_status(net, [ledger.plan_items(net, plan_id)["item_id"].iloc[2]], "deferred", note="路面封闭")
    ledger.complete_items(net, [first], completion_date=dt.date(2027, 9, 30), actual_cost=205_000.5)
    gpkg.save(net)
    again = gpkg.load(path)
    items = ledger.plan_items(again, plan_id)
    assert list(items["status"]) == ["completed", "proposed", "deferred"]
    assert items["actual_cost"].iloc[0] == 205_000.5 and items["note"].iloc[2] == "路面封闭"
    assert items["completion_date"].iloc[0] == dt.date(2027, 9, 30)
    assert ledger.plans(again)["created"].iloc[0] == pd.Timestamp(2026, 11, 22, 9, 30)
    assert again.pipes.set_index("pipe_id").loc["a", "install_year"] == 2027
    history = again.layers["pipe_history"]
    assert list(history["pipe_id"]) == ["a"] and history["install_year"].iloc[0] == 1980
    assert history["replaced_on"].iloc[0] == dt.date(2027, 9, 30)
    pd.testing.assert_frame_equal(ledger.progress(again, plan_id), ledger.progress(net, plan_id))
    assert np.isclose(ledger.progress(again, plan_id)["done_km"].sum(), 0.1)
