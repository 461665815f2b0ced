"""Risk = annual failure probability × thermal and repair consequence, on numbers worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gisheat.analysis.cooling import degree_hours_below
from gisheat.analysis.renewal import risk as R
from gisheat.analysis.renewal.failure import default_model
from gisheat.analysis.renewal.history import BreakHistory, PipeStock, break_history


def stock_of(**columns) -> PipeStock:
    n = len(columns["pipe_id"])
    base = {"row": np.arange(n), "dn": np.full(n, 200.0), "install_year": np.full(n, 2000.0),
            "material": np.full(n, "steel", dtype=object), "laying": np.full(n, "trench", dtype=object),
            "network": np.full(n, "primary", dtype=object), "length_m": np.full(n, 100.0)}
    base.update({k: np.asarray(v, dtype=object if k in ("pipe_id", "material", "laying", "network") else float)
                 for k, v in columns.items()})
    return PipeStock(**base)


CRITICALITY = pd.DataFrame({
    "customers": [2, 12], "households": [100, 1000], "vulnerable_households": [10, 0],
    "critical_customers": [0, 1], "heated_area_m2": [9000.0, 90000.0], "heat_load_kw": [500.0, 4000.0],
    "valves_to_close": [2, 4], "isolated_length_m": [100.0, 300.0], "drain_volume_m3": [5.0, 100.0],
}, index=pd.Index(["a", "b"], name="pipe_id"))


def test_outage_thermal_and_repair_by_hand():
    stock = stock_of(pipe_id=["a", "b"], dn=[200, 500], length_m=[100, 300])
    p = R.ConsequenceParameters()
    out = R.consequences(stock, CRITICALITY, p)
    # a: isolate 1 + 2·0.25 = 1.5 h; repair 4 + 0.02·200 = 8 h; refill 2 + 5/50 = 2.1 h
    # b: isolate 1 + 4·0.25 = 2 h; repair 4 + 0.02·500 = 14 h; refill 2 + 100/50 = 4 h
    assert list(out["outage_h"]) == pytest.approx([11.6, 20.0])
    temps = np.array(p.season.outdoor_temperatures_c)

    def season_dh(hours, tau):
        return np.mean([degree_hours_below(hours, t_out=t, tau_h=tau) for t in temps])

    dh_a = season_dh(11.6, 60.0)
    dh_b_home, dh_b_hospital = season_dh(20.0, 60.0), season_dh(20.0, 50.0)
    assert out.loc["a", "degree_hours"] == pytest.approx(dh_a)
    # households count once, vulnerable ones three times (2 extra), hospitals 100 households each
    assert out.loc["a", "thermal_cost"] == pytest.approx(0.67 * 2.0 * dh_a * (100 + 2 * 10))
    assert out.loc["b", "thermal_cost"] == pytest.approx(0.67 * 2.0 * (dh_b_home * 1000 + dh_b_hospital * 100))
    assert out.loc["a", "lost_heat_cost"] == pytest.approx(0.67 * 500 * 11.6 * 0.25)
    assert out.loc["a", "repair_cost"] == pytest.approx(20_000 + 100 * 200 + 15 * 5)
    assert out.loc["b", "consequence"] == pytest.approx(out.loc["b", ["thermal_cost", "lost_heat_cost",
                                                                       "repair_cost"]].sum())
    assert out.loc["b", "consequence"] > out.loc["a", "consequence"]


def test_colder_buildings_and_more_vulnerable_people_weigh_more():
    stock = stock_of(pipe_id=["a", "b"])
    base = R.consequences(stock, CRITICALITY)
    vulnerable = CRITICALITY.assign(vulnerable_households=[50, 0])
    assert R.consequences(stock, vulnerable).loc["a", "thermal_cost"] > base.loc["a", "thermal_cost"]
    light = R.ConsequenceParameters()
    light.cooling.tau_h["residential"] = 20.0
    assert R.consequences(stock, CRITICALITY, light).loc["a", "thermal_cost"] > base.loc["a", "thermal_cost"]


def test_missing_pipes_in_criticality_count_only_the_pipe():
    stock = stock_of(pipe_id=["a", "zz"], dn=[200, 300], length_m=[100, 50])
    out = R.consequences(stock, CRITICALITY)
    assert out.loc["zz", "thermal_cost"] == 0.0 and out.loc["zz", "households"] == 0
    volume = 2 * np.pi * 0.15**2 * 50
    assert out.loc["zz", "repair_cost"] == pytest.approx(20_000 + 100 * 300 + 15 * volume)
    alone = R.consequences(stock, None)
    assert alone["thermal_cost"].sum() == 0.0


def test_classes_and_levels_at_their_bounds():
    assert list(R.likelihood_class(np.array([0.0, 0.0049, 0.005, 0.02, 0.049, 0.15, 0.9]))) == [1, 1, 2, 3, 3, 5, 5]
    assert list(R.consequence_class(np.array([0, 49_999, 50_000, 999_999, 5e6]))) == [1, 1, 2, 3, 5]
    assert list(R.risk_level(np.array([1, 2, 3, 2, 4, 4, 5]), np.array([4, 3, 3, 5, 4, 5, 5]))) == [
        "low", "medium", "medium", "high", "high", "very_high", "very_high"]


def test_risk_table_matrix_and_policy_flags():
    stock = stock_of(pipe_id=["a", "b", "c"], install_year=[2000, 2010, np.nan], length_m=[100, 300, 1000],
                     dn=[200, 500, 200])
    breaks = BreakHistory(stock, np.array([1]), np.array([2015]), np.array([1]))
    model = default_model(breaks, (2015, 2015), reason="test")
    consequence = R.consequences(stock, CRITICALITY)
    result = R.risk_table(stock, model, 2027, consequence, history=breaks)
    t = result.table
    expected = model.expected_breaks(stock, 2027)
    assert list(t["probability"]) == pytest.approx(list(1 - np.exp(-expected)))
    assert list(t["risk"]) == pytest.approx(list(t["probability"] * t["consequence"]))
    assert sorted(t["rank"]) == [1, 2, 3] and t["rank"].idxmin() == t["risk"].idxmax()
    # a: 27 years in service; b: 17 years but leaked; c: unknown age, no leaks
    assert list(t["policy_covered"]) == [True, True, False]
    assert list(t["policy_reason"]) == ["age", "leaks", ""]
    m = result.matrix()
    assert m.to_numpy().sum() == 3 and list(m.index) == [5, 4, 3, 2, 1]
    for pid, row in t.iterrows():
        assert m.loc[row["likelihood_class"], row["consequence_class"]] >= 1, pid
    assert result.matrix("km").to_numpy().sum() == pytest.approx(1.4)
    doc = result.to_json()
    assert doc["top"][0]["pipe_id"] == t["risk"].idxmax() and len(doc["matrix"]["count"]) == 5


def test_assess_risk_on_the_sample_covers_every_in_service_pipe(sample_network):
    pytest.importorskip("gisheat.analysis.criticality")
    history = break_history(sample_network)
    model = default_model(history, history.years, reason="test")
    result = R.assess_risk(sample_network, model, 2027, history=history)
    assert len(result.table) == len(history.pipes)
    assert result.table["risk"].ge(0).all() and result.total > 0
    # customers behind a trunk main make its consequence larger than a service pipe's
    assert result.table["consequence"].max() > 10 * result.table["consequence"].median()
