"""SPEC `failure-model` rankings and scores on data small enough to check by hand."""

from __future__ import annotations

import numpy as np
import pytest

from gisheat.analysis.renewal import scoring

IDS = np.array(["b", "a", "d", "c", "e"], dtype=object)
YEAR = np.array([1980.0, 1980.0, np.nan, 1970.0, 1990.0])
LENGTH = np.array([100.0, 300.0, 200.0, 250.0, 150.0])  # total 1000 m, 10 % = 100 m


def test_oldest_first_unknown_last_ties_by_id():
    order = scoring.oldest_first(IDS, YEAR)
    assert list(IDS[order]) == ["c", "a", "b", "e", "d"]


def test_most_past_breaks_first_per_km_then_year_then_id():
    past = np.array([1.0, 3.0, 2.0, 0.0, 1.5])  # per km: b 10, a 10, d 10, c 0, e 10
    order = scoring.most_past_breaks_first(IDS, YEAR, LENGTH, past)
    # all four at 10/km: by install year (a, b 1980; e 1990; d unknown), a before b by id
    assert list(IDS[order]) == ["a", "b", "e", "d", "c"]


def test_top10_takes_the_pipe_that_crosses_the_line():
    held = np.array([1.0, 0.0, 0.0, 3.0, 0.0])
    # order c (250 m) first: 250 ≥ 100 → only c is taken → 3 of 4
    order = scoring.oldest_first(IDS, YEAR)
    assert scoring.top10_capture(order, LENGTH, held) == pytest.approx(0.75)
    # b first (100 m, exactly 10 %): the line is reached with b alone
    order_b = np.array([0, 3, 1, 2, 4])
    assert scoring.top10_capture(order_b, LENGTH, held) == pytest.approx(0.25)
    # just below the line, the next pipe is included too
    assert scoring.top10_capture(order_b, np.array([99.0, 300, 200, 251, 150]), held) == pytest.approx(1.0)
    assert scoring.top10_capture(order_b, LENGTH, np.zeros(5)) is None


def test_poisson_deviance():
    assert scoring.poisson_deviance(np.array([0.0, 2.0]), np.array([0.5, 2.0])) == pytest.approx(1.0)
    y, mu = np.array([3.0]), np.array([1.0])
    assert scoring.poisson_deviance(y, mu) == pytest.approx(2 * (3 * np.log(3) - 2))
    # a prediction of exactly zero is floored at 1e-12 (finite deviance)
    assert scoring.poisson_deviance(np.array([1.0, 0.0]), np.array([1.0, 0.0])) == pytest.approx(0.0, abs=1e-9)
