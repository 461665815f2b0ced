"""The bundled sample city: believable, deterministic, and clean."""

from __future__ import annotations

import pandas as pd
import pytest

from gisheat.analysis.validate import validate
from gisheat.sample.city import generate_city


def test_sample_passes_validate_with_no_problems(sample_network):
    assert validate(sample_network) == []


def test_sample_has_what_the_issue_asks_for(sample_network):
    pipes = sample_network.pipes
    live = pipes[pipes["status"] == "in_service"]
    primary = live[live["network"] == "primary"]
    assert 60_000 <= primary["length_m"].astype(float).sum() <= 100_000
    dn = primary["dn"].astype(int)
    assert dn.max() >= 1000 and dn.min() <= 300
    assert len(sample_network.stations) >= 60
    assert len(sample_network.customers) >= 1500
    assert 2 <= len(sample_network.sources) <= 3
    assert set(sample_network.sources["kind"]) == {"chp", "boiler"}
    cats = set(sample_network.customers["category"])
    assert {"residential", "hospital", "school", "nursing_home"} <= cats
    hh = sample_network.customers["households"].astype(int)
    residential = sample_network.customers["category"] == "residential"
    assert hh[residential].between(40, 300).all()
    assert sample_network.customers["vulnerable_households"].astype(int).sum() > 0
    valves = sample_network.valves
    inoperable = 1 - valves["operable"].astype(bool).mean()
    assert 0.02 <= inoperable <= 0.045  # about 3 % (the issue; DOMAIN: a share of old valves are seized)
    assert (~valves["normally_open"].astype(bool)).sum() >= 4
    years = live["install_year"].astype(int)
    assert years.min() >= 1985 and years.max() <= 2024
    assert {"streets", "buildings", "districts"} <= set(sample_network.layers)
    assert sample_network.layers["streets"]["name"].notna().all()


def test_old_trench_pipes_break_more(sample_network):
    pipes = sample_network.pipes
    breaks = sample_network.breaks.merge(pipes[["pipe_id", "laying"]], on="pipe_id")
    km = pipes.groupby("laying")["length_m"].sum().astype(float) / 1000
    rate = breaks.groupby("laying").size() / km
    assert rate["trench"] > 3 * rate["preinsulated_buried"]
    years = pd.to_datetime(sample_network.breaks["date"].astype(str)).dt.year
    assert 10 <= years.nunique() <= 15


def test_generator_is_deterministic():
    a, b = generate_city(7), generate_city(7)
    for name in a.layers:
        pd.testing.assert_frame_equal(
            pd.DataFrame(a.layers[name]).drop(columns="geometry", errors="ignore"),
            pd.DataFrame(b.layers[name]).drop(columns="geometry", errors="ignore"))


@pytest.mark.parametrize("seed", [1, 99])
def test_other_seeds_are_clean_too(seed):
    assert validate(generate_city(seed)) == []
