"""`failure-model` holdout on the bundled sample: the model must beat both baselines."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from gisheat.analysis.renewal.holdout import evaluate_holdout
from gisheat.errors import InputError
from gisheat.sample.handmade import make_network, pipe


@pytest.fixture(scope="module")
def sample_report(sample_network):
    return evaluate_holdout(sample_network, 3)


def test_sample_holdout_years_and_counts(sample_report, sample_network):
    years = pd.to_datetime(sample_network.breaks["date"].astype(object)).dt.year
    assert sample_report.fit_years == (int(years.min()), 2022)
    assert sample_report.holdout_years == (2023, 2025)
    assert sample_report.holdout_breaks == int((years >= 2023).sum())


def test_model_beats_both_baselines_on_the_sample(sample_report):
    s = sample_report.scores
    assert sample_report.model.source == "fitted"
    assert s["model"].top10_capture > s["most_past_breaks_first"].top10_capture
    assert s["model"].top10_capture > s["oldest_first"].top10_capture
    assert sample_report.beats_baselines


def test_json_has_the_spec_keys(sample_report):
    doc = sample_report.to_json()
    assert {"model", "fit_years", "holdout_years", "holdout_breaks", "scores"} <= set(doc)
    assert set(doc["scores"]) == {"model", "oldest_first", "most_past_breaks_first"}
    for name, score in doc["scores"].items():
        assert set(score) == {"top10_capture", "deviance"}
        assert 0.0 <= score["top10_capture"] <= 1.0
        assert (score["deviance"] is None) == (name != "model")
    assert doc["model"]["name"] and isinstance(doc["model"]["beta"], float)


def test_no_breaks_is_an_input_error():
    net = make_network([pipe("a", [(0, 0), (100, 0)], install_year=2000)])
    with pytest.raises(InputError, match="no usable breaks"):
        evaluate_holdout(net, 3)
    net = make_network([pipe("a", [(0, 0), (100, 0)], install_year=2000)],
                       breaks=pd.DataFrame({"pipe_id": ["a"], "date": [dt.date(2020, 5, 1)]}))
    with pytest.raises(InputError, match="too few"):
        evaluate_holdout(net, 3)
