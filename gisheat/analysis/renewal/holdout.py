"""Honest holdout test of the failure model (`gisheat failure-model`, SPEC).

The holdout is the last K calendar years of the usable break history; the
model is fitted on the years before and scored on the holdout next to the
two baselines, "oldest first" and "most past breaks first".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from gisheat.analysis.renewal import scoring
from gisheat.analysis.renewal.failure import CancelCheck, FailureModel, Progress, fit_failure_model
from gisheat.analysis.renewal.history import BreakHistory, break_history, holdout_split
from gisheat.core.network import Network

RANKINGS = ("model", "oldest_first", "most_past_breaks_first")


@dataclass(frozen=True)
class RankingScore:
    top10_capture: float | None
    deviance: float | None


@dataclass
class HoldoutReport:
    """What `gisheat failure-model` prints."""

    model: FailureModel
    fit_years: tuple[int, int]
    holdout_years: tuple[int, int]
    holdout_breaks: int
    scores: dict[str, RankingScore]
    ignored: dict[str, int] = field(default_factory=dict)
    predicted: np.ndarray | None = None
    """The model's predicted holdout breaks per pipe (aligned with the history's pipes)."""

    def to_json(self) -> dict:
        return {
            "model": self.model.to_json(),
            "fit_years": list(self.fit_years),
            "holdout_years": list(self.holdout_years),
            "holdout_breaks": self.holdout_breaks,
            "scores": {name: {"top10_capture": s.top10_capture, "deviance": s.deviance}
                       for name, s in self.scores.items()},
            "ignored_breaks": dict(self.ignored),
        }

    @property
    def beats_baselines(self) -> bool:
        """True when the model's top-10 % capture is above both baselines'."""
        mine = self.scores["model"].top10_capture
        others = [self.scores[k].top10_capture for k in ("oldest_first", "most_past_breaks_first")]
        return mine is not None and all(o is None or mine > o for o in others)


def evaluate_holdout(
    network: Network | BreakHistory,
    holdout_years: int = 3,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> HoldoutReport:
    """Fit on all but the last ``holdout_years`` calendar years and score on them."""
    history = network if isinstance(network, BreakHistory) else break_history(network)
    fit_years, hold_years = holdout_split(history, holdout_years)
    model = fit_failure_model(history, fit_years, progress=progress, cancelled=cancelled)
    stock = history.pipes
    past = history.counts(*fit_years)
    held = history.counts(*hold_years)
    predicted = model.expected_breaks(stock, hold_years[0], hold_years[1])
    orders = {
        "model": scoring.by_prediction(stock.pipe_id, stock.install_year, stock.length_m, predicted),
        "oldest_first": scoring.oldest_first(stock.pipe_id, stock.install_year),
        "most_past_breaks_first": scoring.most_past_breaks_first(stock.pipe_id, stock.install_year,
                                                                 stock.length_m, past),
    }
    scores = {
        name: RankingScore(
            scoring.top10_capture(order, stock.length_m, held),
            scoring.poisson_deviance(held, predicted) if name == "model" else None,
        )
        for name, order in orders.items()
    }
    return HoldoutReport(model, fit_years, hold_years, int(held.sum()), scores, dict(history.ignored), predicted)
