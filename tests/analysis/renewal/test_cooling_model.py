"""Building cooling: T_in(t) = T_out + (T0 − T_out)·e^(−t/τ), hours to 18 °C, degree-hours below it."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import quad

from gisheat.analysis import cooling
from gisheat.analysis.cooling import (
    CoolingModel,
    degree_hours_below,
    hours_until,
    indoor_temperature,
)


def test_indoor_temperature_follows_the_exponential():
    # τ = 50 h, −10 °C outside: after one τ the gap of 30 K has shrunk to 30/e
    assert indoor_temperature(0, t_out=-10, tau_h=50) == pytest.approx(20.0)
    assert indoor_temperature(50, t_out=-10, tau_h=50) == pytest.approx(-10 + 30 / math.e)
    assert indoor_temperature(1e6, t_out=-10, tau_h=50) == pytest.approx(-10.0)


def test_hours_until_18_from_20():
    # t = τ·ln((20 − T_out)/(18 − T_out)) = 60·ln(30/28) at −10 °C
    assert hours_until(t_out=-10, tau_h=60) == pytest.approx(60 * math.log(30 / 28))
    assert hours_until(t_out=-10, tau_h=60) == pytest.approx(4.1396, abs=1e-4)
    # warmer outside, longer; never when it is 18 °C or more outside
    assert hours_until(t_out=0, tau_h=60) > hours_until(t_out=-10, tau_h=60)
    assert math.isinf(hours_until(t_out=18, tau_h=60))
    assert hours_until(t_out=-10, tau_h=60, t0=17.0) == 0.0


@pytest.mark.parametrize(("t_out", "tau", "outage"), [(-10, 60, 24), (-3, 30, 8), (5, 45, 72), (-20, 20, 2)])
def test_degree_hours_matches_numeric_integral(t_out, tau, outage):
    start = hours_until(t_out=t_out, tau_h=tau)

    def below(t: float) -> float:
        return max(0.0, 18 - indoor_temperature(t, t_out=t_out, tau_h=tau))

    numeric, _ = quad(below, 0, outage, points=[start] if start < outage else None)
    assert degree_hours_below(outage, t_out=t_out, tau_h=tau) == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def test_degree_hours_zero_before_the_threshold_and_vectorised():
    short = hours_until(t_out=-10, tau_h=60) * 0.9
    assert degree_hours_below(short, t_out=-10, tau_h=60) == 0.0
    assert degree_hours_below(48, t_out=20, tau_h=60) == 0.0
    values = degree_hours_below(np.array([[6.0], [24.0]]), t_out=np.array([-10.0, 0.0]), tau_h=60)
    assert values.shape == (2, 2)
    assert values[1, 0] > values[0, 0] > 0 and values[1, 0] > values[1, 1]


def test_model_uses_tau_per_category_and_is_editable():
    model = CoolingModel()
    assert model.tau("residential") == cooling.DEFAULT_TAU_H["residential"]
    assert list(model.tau(["hospital", "school", "", None, "unknown"])) == [
        cooling.DEFAULT_TAU_H["hospital"], cooling.DEFAULT_TAU_H["school"]] + [cooling.DEFAULT_TAU_H["residential"]] * 3
    light = CoolingModel(tau_h={**cooling.DEFAULT_TAU_H, "residential": 25.0})
    assert light.hours_to_threshold(t_out=-10) == pytest.approx(25 * math.log(30 / 28))
    assert light.degree_hours(24, t_out=-10) > model.degree_hours(24, t_out=-10)
    assert set(cooling.known_categories()) == set(cooling.DEFAULT_TAU_H)
