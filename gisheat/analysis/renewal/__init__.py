"""Aging-pipe renewal planning (老旧管网更新改造): failure model, risk, multi-year plans, ledger.

* :mod:`.history` — the in-service pipe stock and its usable break history;
* :mod:`.failure` — PARMS power-law failure model with a per-pipe gamma-frailty correction;
* :mod:`.holdout` / :mod:`.scoring` — the honest holdout test (`gisheat failure-model`);
* :mod:`.risk` — thermal consequence of a failure, risk, the 5 × 5 matrix, policy flags;
* :mod:`.costs`, :mod:`.projects`, :mod:`.planner` — unit costs, projects, the MILP plan (`gisheat plan`);
* :mod:`.ledger` — plans and items kept in the network file, completion, progress.

Long functions take ``progress(fraction, message)`` and ``cancelled()``
callbacks and raise :class:`gisheat.errors.Cancelled`; none of this imports Qt.
"""

from __future__ import annotations

from gisheat.analysis.renewal.costs import UnitCosts
from gisheat.analysis.renewal.failure import FailureModel, fit_failure_model
from gisheat.analysis.renewal.history import BreakHistory, PipeStock, break_history, pipe_stock
from gisheat.analysis.renewal.holdout import HoldoutReport, evaluate_holdout
from gisheat.analysis.renewal.planner import (
    PlanResult,
    PlanSettings,
    RoadWork,
    plan_renewal,
    road_work_at,
)
from gisheat.analysis.renewal.risk import (
    ConsequenceParameters,
    HeatingSeason,
    RiskResult,
    assess_risk,
)

__all__ = [
    "BreakHistory",
    "ConsequenceParameters",
    "FailureModel",
    "HeatingSeason",
    "HoldoutReport",
    "PipeStock",
    "PlanResult",
    "PlanSettings",
    "RiskResult",
    "RoadWork",
    "UnitCosts",
    "assess_risk",
    "break_history",
    "evaluate_holdout",
    "fit_failure_model",
    "pipe_stock",
    "plan_renewal",
    "road_work_at",
]
