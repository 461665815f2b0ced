"""How well a ranking of pipes predicts breaks: SPEC `failure-model` scores and baselines.

* :func:`top10_capture` — take pipes in ranking order until their cumulative
  length reaches 10 % of the total in-service length (the pipe that crosses
  the line included); the share of holdout breaks on those pipes.
* :func:`oldest_first` — ``install_year`` ascending, unknown years last, ties
  by ``pipe_id`` (plain string order).
* :func:`most_past_breaks_first` — fit-year breaks per km descending, ties by
  ``install_year`` ascending (unknown last), then ``pipe_id``.
* :func:`by_prediction` — the model's ranking: predicted breaks per km
  descending, with the same tie rule as the past-breaks baseline.
* :func:`poisson_deviance` — deviance of predicted counts against observed.
"""

from __future__ import annotations

import numpy as np

TOP_SHARE = 0.10


def _id_rank(pipe_id: np.ndarray) -> np.ndarray:
    """Position of each id in plain string order."""
    order = np.argsort(np.asarray(pipe_id, dtype=str), kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def _year_key(install_year: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(install_year), install_year, np.inf)


def oldest_first(pipe_id: np.ndarray, install_year: np.ndarray) -> np.ndarray:
    """Pipe positions, oldest installed first (unknown years last, ties by pipe_id)."""
    return np.lexsort((_id_rank(pipe_id), _year_key(install_year)))


def most_past_breaks_first(pipe_id: np.ndarray, install_year: np.ndarray, length_m: np.ndarray,
                           past_breaks: np.ndarray) -> np.ndarray:
    """Pipe positions by past breaks per km, highest first (ties: install_year, pipe_id)."""
    rate = past_breaks / (length_m / 1000.0)
    return np.lexsort((_id_rank(pipe_id), _year_key(install_year), -rate))


def by_prediction(pipe_id: np.ndarray, install_year: np.ndarray, length_m: np.ndarray,
                  predicted: np.ndarray) -> np.ndarray:
    """Pipe positions by predicted breaks per km, highest first (ties: install_year, pipe_id)."""
    return most_past_breaks_first(pipe_id, install_year, length_m, predicted)


def top10_capture(order: np.ndarray, length_m: np.ndarray, holdout_breaks: np.ndarray,
                  share: float = TOP_SHARE) -> float | None:
    """Share of holdout breaks on the top pipes of ``order`` making up ``share`` of the length.

    None when there are no holdout breaks.
    """
    total = float(holdout_breaks.sum())
    if total <= 0 or len(order) == 0:
        return None
    cumulative = np.cumsum(length_m[order])
    taken = min(int(np.searchsorted(cumulative, share * float(length_m.sum()), side="left")) + 1, len(order))
    return float(holdout_breaks[order[:taken]].sum() / total)


def poisson_deviance(observed: np.ndarray, predicted: np.ndarray) -> float:
    """Poisson deviance 2·Σ[y·ln(y/μ) − (y − μ)] (y·ln(y/μ) = 0 where y = 0)."""
    mu = np.maximum(np.asarray(predicted, dtype=np.float64), 1e-12)
    y = np.asarray(observed, dtype=np.float64)
    term = np.zeros_like(y)
    positive = y > 0
    term[positive] = y[positive] * np.log(y[positive] / mu[positive])
    return float(2.0 * np.sum(term - (y - mu)))
