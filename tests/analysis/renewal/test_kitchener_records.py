"""Real utility records (Kitchener water mains): baselines reproduce expected.json; the model beats them.

The file is made once per session by /work/shared/data/kitchener/make_network.py;
these tests are skipped when the shared data is absent.
"""

from __future__ import annotations

import numpy as np
import pytest

from gisheat.analysis.renewal import scoring
from gisheat.analysis.renewal.failure import fit_failure_model
from gisheat.analysis.renewal.history import BreakHistory, break_history
from gisheat.analysis.renewal.holdout import evaluate_holdout
from gisheat.io import gpkg


@pytest.fixture(scope="module")
def records(kitchener):
    path, expected = kitchener
    return break_history(gpkg.load(path, layers=("pipes", "breaks"))), expected


@pytest.fixture(scope="module")
def report(records):
    return evaluate_holdout(records[0], 3)


def test_counts_match_expected(records):
    history, expected = records
    assert len(history.pipes) == expected["mains"]
    assert len(history) == expected["breaks_linked"]
    assert history.years == tuple(expected["break_years"])
    assert sum(history.ignored.values()) == 0  # the script already dropped what SPEC ignores


def test_baselines_reproduce_expected_calendar_numbers(report, records):
    calendar = records[1]["calendar"]
    assert list(report.fit_years) == calendar["fit_years"]
    assert list(range(report.holdout_years[0], report.holdout_years[1] + 1)) == calendar["holdout_years"]
    assert report.holdout_breaks == calendar["holdout_breaks"]
    assert round(report.scores["oldest_first"].top10_capture, 4) == calendar["oldest_first"]["top10_capture"]
    assert round(report.scores["most_past_breaks_first"].top10_capture, 4) == \
        calendar["most_past_breaks_first"]["top10_capture"]


def test_model_beats_both_baselines_on_real_records(report):
    s = report.scores
    assert report.model.source == "fitted" and np.isfinite(report.model.frailty_kappa)
    assert s["model"].top10_capture > s["most_past_breaks_first"].top10_capture
    assert s["model"].top10_capture > s["oldest_first"].top10_capture


def test_model_beats_past_breaks_in_earlier_windows_too(records):
    """The same procedure, cut off at 2019, 2016 and 2013 (README windows): no tuning to one window."""
    history, _ = records
    for last in (2019, 2016, 2013):
        keep = history.year <= last
        cut = BreakHistory(history.pipes, history.pipe[keep], history.year[keep], history.month[keep])
        fit_years, hold = (history.years[0], last - 3), (last - 2, last)
        model = fit_failure_model(cut, fit_years)
        stock = cut.pipes
        held = cut.counts(*hold)
        predicted = model.expected_breaks(stock, *hold)
        mine = scoring.top10_capture(scoring.by_prediction(stock.pipe_id, stock.install_year, stock.length_m,
                                                           predicted), stock.length_m, held)
        past = scoring.top10_capture(scoring.most_past_breaks_first(stock.pipe_id, stock.install_year,
                                                                    stock.length_m, cut.counts(*fit_years)),
                                     stock.length_m, held)
        assert mine > past, (last, mine, past)
