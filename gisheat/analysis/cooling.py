"""How fast a building cools when the heat stops (DOMAIN: outage and cooling).

Newton cooling of the indoor air towards the outdoor temperature:

    T_in(t) = T_out + (T0 − T_out) · e^(−t/τ)

with τ the building's time constant (hours): 40–80 h for heavy masonry or
concrete housing, 20–40 h for light or poorly insulated buildings. From it:

* :func:`indoor_temperature` — T_in after t hours;
* :func:`hours_until` — hours until the indoor temperature reaches a
  threshold (18 °C, the legal minimum): ``τ · ln((T0 − T_out)/(T − T_out))``;
* :func:`degree_hours_below` — ∫ max(0, 18 − T_in(t)) dt over an outage,
  the thermal discomfort of one building (K·h), closed form.

:class:`CoolingModel` holds the editable time constant per customer
category and answers the same questions by category. All functions take
numpy arrays or scalars and broadcast. The incident workflow (time to cold)
and the renewal risk (thermal consequence of a failure) both use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from gisheat.core import schema

INDOOR_START_C = 20.0
"""Indoor temperature when the heat stops (°C)."""
MINIMUM_INDOOR_C = 18.0
"""Legal minimum indoor temperature during the heating season (°C, typ.)."""

DEFAULT_TAU_H: dict[str, float] = {
    "residential": 60.0,
    "hospital": 50.0,
    "school": 35.0,
    "nursing_home": 50.0,
    "commercial": 30.0,
    "industrial": 25.0,
    "public": 40.0,
}
"""Time constant τ (hours) per customer category (DOMAIN typ.: 40–80 h heavy housing, 20–40 h light)."""


def indoor_temperature(hours, *, t_out, tau_h, t0: float = INDOOR_START_C):
    """Indoor temperature (°C) ``hours`` after the heat stopped."""
    hours = np.maximum(np.asarray(hours, dtype=np.float64), 0.0)
    t_out = np.asarray(t_out, dtype=np.float64)
    return t_out + (t0 - t_out) * np.exp(-hours / np.asarray(tau_h, dtype=np.float64))


def hours_until(threshold=MINIMUM_INDOOR_C, *, t_out, tau_h, t0: float = INDOOR_START_C):
    """Hours until the indoor temperature falls to ``threshold``.

    0 when it starts at or below it; ``inf`` when the outdoor temperature is
    not below the threshold (the building never gets that cold).
    """
    threshold = np.asarray(threshold, dtype=np.float64)
    t_out = np.asarray(t_out, dtype=np.float64)
    tau_h = np.asarray(tau_h, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        hours = tau_h * np.log((t0 - t_out) / (threshold - t_out))
    hours = np.where(t0 <= threshold, 0.0, hours)
    hours = np.where((t_out >= threshold) & (t0 > threshold), np.inf, hours)
    return hours[()] if np.ndim(hours) == 0 else hours


def degree_hours_below(outage_h, *, t_out, tau_h, threshold=MINIMUM_INDOOR_C, t0: float = INDOOR_START_C):
    """Degree-hours below ``threshold`` over an outage of ``outage_h`` hours (K·h).

    ∫₀^D max(0, threshold − T_in(t)) dt: zero until the building reaches the
    threshold at t*, then (threshold − T_out)(D − t*) − (T0 − T_out)·τ·(e^(−t*/τ) − e^(−D/τ)).
    """
    outage_h = np.maximum(np.asarray(outage_h, dtype=np.float64), 0.0)
    t_out = np.asarray(t_out, dtype=np.float64)
    tau_h = np.asarray(tau_h, dtype=np.float64)
    threshold = np.asarray(threshold, dtype=np.float64)
    start = np.minimum(hours_until(threshold, t_out=t_out, tau_h=tau_h, t0=t0), outage_h)
    with np.errstate(invalid="ignore", over="ignore"):
        value = (threshold - t_out) * (outage_h - start) - (t0 - t_out) * tau_h * (
            np.exp(-start / tau_h) - np.exp(-outage_h / tau_h))
    value = np.where(np.isfinite(value), np.maximum(value, 0.0), 0.0)
    return value[()] if np.ndim(value) == 0 else value


@dataclass
class CoolingModel:
    """Indoor cooling by customer category; τ per category is editable."""

    tau_h: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_TAU_H))
    t0: float = INDOOR_START_C
    threshold: float = MINIMUM_INDOOR_C

    def tau(self, category) -> np.ndarray:
        """τ (hours) for one category or an array of them (unknown or blank: residential)."""
        fallback = self.tau_h.get(schema.RESIDENTIAL, DEFAULT_TAU_H[schema.RESIDENTIAL])
        categories = np.asarray(category, dtype=object)
        taus = np.array([self.tau_h.get(str(c), fallback) if c not in (None, "") else fallback
                         for c in categories.ravel()], dtype=np.float64).reshape(categories.shape)
        return taus[()] if taus.ndim == 0 else taus

    def indoor_temperature(self, hours, *, t_out, category=schema.RESIDENTIAL):
        return indoor_temperature(hours, t_out=t_out, tau_h=self.tau(category), t0=self.t0)

    def hours_to_threshold(self, *, t_out, category=schema.RESIDENTIAL):
        """Hours until the minimum indoor temperature (18 °C) is reached."""
        return hours_until(self.threshold, t_out=t_out, tau_h=self.tau(category), t0=self.t0)

    def degree_hours(self, outage_h, *, t_out, category=schema.RESIDENTIAL):
        """Degree-hours below the minimum over an outage of ``outage_h`` hours."""
        return degree_hours_below(outage_h, t_out=t_out, tau_h=self.tau(category),
                                  threshold=self.threshold, t0=self.t0)


def known_categories() -> tuple[str, ...]:
    """Customer categories of the schema (the keys a τ table should cover)."""
    return schema.CUSTOMER_CATEGORIES
