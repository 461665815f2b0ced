"""The failure model recovers the parameters it was simulated with, and falls back to documented defaults."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from renewal_simulation import simulated_history

from gisheat.analysis.renewal import failure
from gisheat.analysis.renewal.failure import (
    fit_cohort_model,
    fit_failure_model,
    frailty_maximum_likelihood,
    posterior_frailty,
)
from gisheat.analysis.renewal.history import break_history, holdout_split, pipe_stock
from gisheat.errors import Cancelled, InputError
from gisheat.sample.handmade import make_network, pipe


@pytest.fixture(scope="module")
def cohort_history():
    return simulated_history(n=5000, beta=1.8, effects={"iron": 0.7, "trench": 0.5}, seed=11)[0]


def test_cohort_fit_recovers_beta_and_effects(cohort_history):
    model = fit_cohort_model(cohort_history, (2000, 2019))
    coef = model.coefficients
    assert model.beta == pytest.approx(1.8, abs=0.15)
    assert coef["material=iron"] == pytest.approx(0.7, abs=0.12)
    assert coef["laying=trench"] == pytest.approx(0.5, abs=0.12)
    # the fitted model predicts the observed total in the fit years (Poisson score equation)
    assert model.history["expected"].sum() == pytest.approx(len(cohort_history), rel=0.02)


def test_left_truncated_records_give_the_same_ageing(cohort_history):
    # records starting only in 2012 (pipes laid 1950–2015, so mostly decades old when records start)
    late = cohort_history.counts(2012, 2019)
    assert late.sum() < 0.6 * len(cohort_history)
    model = fit_cohort_model(cohort_history, (2012, 2019))
    assert model.beta == pytest.approx(1.8, abs=0.3)
    assert model.coefficients["material=iron"] == pytest.approx(0.7, abs=0.2)


def test_frailty_shape_recovered_by_marginal_likelihood():
    history, _ = simulated_history(n=6000, beta=1.5, intercept=-4.5, frailty_shape=0.8, seed=3)
    model = fit_cohort_model(history, (2000, 2019))
    kappa, exponent = frailty_maximum_likelihood(model, history)
    # k = κ·L_km^g; the simulation used k = 0.8 for every pipe (g = 0)
    assert exponent == pytest.approx(0.0, abs=0.3)
    typical = kappa * 0.3**exponent
    assert typical == pytest.approx(0.8, rel=0.35)


def test_history_correction_kept_when_pipes_differ_and_it_helps():
    history, frailty = simulated_history(n=6000, beta=1.5, intercept=-4.5, frailty_shape=0.5, seed=5)
    model = fit_failure_model(history, (2000, 2016))
    assert math.isfinite(model.frailty_kappa)
    assert model.selection["deviance_with_history"] < model.selection["deviance_cohort_only"]
    # pipes with breaks in the fit years are believed weaker, pipes without stronger
    factor = model.frailty(history.pipes)
    broke = history.counts(2000, 2016) > 0
    assert factor[broke].mean() > 1.0 > factor[~broke].mean()
    # and the corrected prediction of 2017–19 correlates better with the true frailty
    assert np.corrcoef(factor, frailty)[0, 1] > 0.3


def test_history_correction_switched_off_when_pipes_are_alike(cohort_history):
    model = fit_failure_model(cohort_history, (2000, 2016))
    # simulated without frailty: the correction does not predict the inner windows better, so it is off
    assert model.selection["deviance_with_history"] >= model.selection["deviance_cohort_only"]
    assert math.isinf(model.frailty_kappa)
    assert list(np.unique(model.frailty(cohort_history.pipes))) == [1.0]
    assert model.name == "parms_power_law_poisson"


def test_posterior_frailty_formula():
    n = np.array([0.0, 2.0, 2.0])
    mu = np.array([1.0, 1.0, 1.0])
    length = np.array([1000.0, 1000.0, 4000.0])
    # k = 2·L_km^0.5 → 2, 2, 4
    assert posterior_frailty(n, mu, length, 2.0, 0.5) == pytest.approx([2 / 3, 4 / 3, 6 / 5])
    assert list(posterior_frailty(n, mu, length, math.inf, 0.0)) == [1.0, 1.0, 1.0]


def test_defaults_when_records_are_few_and_the_output_says_so():
    history, _ = simulated_history(n=200, intercept=-9.0, seed=1)
    assert len(history) < failure.MIN_BREAKS_TO_FIT
    model = fit_failure_model(history, (2000, 2019))
    assert model.source == "defaults"
    assert "default parameters" in model.note and "too few" not in model.name
    assert model.to_json()["note"] == model.note
    # 1 km of pre-insulated pipe aged 10 in the middle of the year: ~0.05 breaks per year
    stock = history.pipes.take(np.array([0, 1]))
    stock.length_m[:] = 1000.0
    stock.laying[:] = ["preinsulated_buried", "trench"]
    stock.install_year[:] = 2009.5 - 0.5
    rate = model.cohort_expected(stock, 2019)
    assert rate[0] == pytest.approx(failure.DEFAULT_RATE_PER_KM, rel=0.1)
    assert rate[1] == pytest.approx(failure.DEFAULT_LAYING_FACTORS["trench"] * rate[0])
    # older pipe, higher rate
    stock.install_year[:] = 1979.0
    assert model.cohort_expected(stock, 2019)[0] > rate[0] * 1.3


def test_unusable_breaks_are_ignored_and_counted():
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)], install_year=2000), pipe("b", [(100, 0), (200, 0)], install_year=2010),
         pipe("old", [(0, 10), (100, 10)], status="abandoned")],
        breaks=pd.DataFrame({"pipe_id": ["a", "a", "b", "zz", "old", "a"],
                             "date": [dt.date(2005, 1, 1), dt.date(2012, 3, 1), dt.date(2009, 12, 31),
                                      dt.date(2012, 1, 1), dt.date(2012, 1, 1), None]}),
    )
    history = break_history(net)
    assert list(history.pipes.pipe_id) == ["a", "b"]
    assert len(history) == 2 and list(history.year) == [2005, 2012]
    assert history.ignored == {"unknown_pipe": 1, "not_in_service": 1, "before_install_year": 1, "no_date": 1}


def test_pipe_stock_lengths_from_geometry_when_missing():
    net = make_network([pipe("a", [(0, 0), (30, 40)]), pipe("b", [(0, 0), (0, 10)], length_m=12.5)])
    assert list(pipe_stock(net).length_m) == [50.0, 12.5]


def test_holdout_split_needs_a_fit_period():
    history, _ = simulated_history(n=300, seed=2, years=(2018, 2020))
    assert holdout_split(history, 2) == ((2018, 2018), (2019, 2020))
    with pytest.raises(InputError, match="too few"):
        holdout_split(history, 3)
    with pytest.raises(InputError, match="at least 1"):
        holdout_split(history, 0)


def test_fit_can_be_cancelled(cohort_history):
    with pytest.raises(Cancelled):
        fit_failure_model(cohort_history, (2000, 2019), cancelled=lambda: True)
    seen = []
    fit_failure_model(cohort_history, (2000, 2019), progress=lambda f, m: seen.append(f))
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
