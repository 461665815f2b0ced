"""Risk of each pipe: annual failure probability × thermal and repair consequence of a failure.

Consequence of one failure of a pipe (¥), from the criticality analysis
(who loses heat when the pipe is isolated) and the pipe itself:

* **outage** (h) = time to isolate (base + per valve to close, capped) +
  repair (grows with DN, capped) + refill, vent and reheat (base + drained
  volume / refill rate, capped) — DOMAIN typical ranges;
* **thermal**: the outage turned into degree-hours below 18 °C with the
  building cooling model (:mod:`gisheat.analysis.cooling`), averaged over
  representative heating-season outdoor temperatures and weighted by the
  share of failures that happen in the heating season; households count
  once, vulnerable households ``vulnerable_weight`` times, hospitals and
  nursing homes ``critical_weight`` household-equivalents each (with their
  own τ); valued at ``yuan_per_household_degree_hour``;
* **lost heat**: heat load × outage × heat price (in season);
* **repair**: a cost by DN plus the treated water to refill what was drained.

Risk (¥/yr) = annual failure probability × consequence. Pipes are put in a
5 × 5 matrix of likelihood and consequence classes; the map themes on
``risk`` or ``risk_level``. Beside the rank, ``policy_covered`` flags the
pipes the national renewal programme covers (in service 20 years or more,
or with leak history) — a flag, not part of the rank.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gisheat.analysis.cooling import CoolingModel
from gisheat.analysis.renewal.failure import FailureModel
from gisheat.analysis.renewal.history import BreakHistory, PipeStock, break_history
from gisheat.core import schema
from gisheat.core.network import Network
from gisheat.errors import Cancelled

CRITICALITY_COLUMNS = ("customers", "households", "vulnerable_households", "critical_customers",
                       "heated_area_m2", "heat_load_kw", "valves_to_close", "isolated_length_m",
                       "drain_volume_m3")
"""Columns of ``gisheat.analysis.criticality.criticality`` this module reads."""

LIKELIHOOD_BOUNDS = (0.005, 0.02, 0.05, 0.15)
"""Annual failure probability class bounds: class 1 below 0.5 %, … class 5 from 15 %."""
CONSEQUENCE_BOUNDS = (50_000.0, 200_000.0, 1_000_000.0, 5_000_000.0)
"""Consequence class bounds in ¥ per failure."""
RISK_LEVELS = ((4, "low"), (9, "medium"), (16, "high"), (25, "very_high"))
"""Risk level by likelihood class × consequence class (upper bounds)."""
POLICY_MIN_AGE = 20
"""National programme: heating pipes in service this many years or more (or with leak history)."""


@dataclass
class HeatingSeason:
    """When failures hurt: representative outdoor temperatures and the share of failures in season."""

    outdoor_temperatures_c: tuple[float, ...] = (-9.0, -5.0, -2.0, 1.0, 4.0)
    """Equally likely outdoor temperatures of the heating season (north China, typ.)."""
    share_in_season: float = 0.67
    """Share of failures during the heating season (most breaks happen then)."""


@dataclass
class ConsequenceParameters:
    """Editable assumptions turning a pipe failure into hours and yuan (DOMAIN typical values)."""

    isolate_base_h: float = 1.0
    isolate_per_valve_h: float = 0.25
    isolate_max_h: float = 3.0
    repair_base_h: float = 4.0
    repair_h_per_mm_dn: float = 0.02
    repair_max_h: float = 36.0
    refill_base_h: float = 2.0
    refill_rate_m3_h: float = 50.0
    refill_max_h: float = 12.0
    yuan_per_household_degree_hour: float = 2.0
    vulnerable_weight: float = 3.0
    critical_weight: float = 100.0
    critical_category: str = "hospital"
    heat_price_yuan_per_kwh: float = 0.25
    repair_base_yuan: float = 20_000.0
    repair_yuan_per_mm_dn: float = 100.0
    water_yuan_per_m3: float = 15.0
    cooling: CoolingModel = field(default_factory=CoolingModel)
    season: HeatingSeason = field(default_factory=HeatingSeason)

    def outage_hours(self, dn: np.ndarray, valves_to_close: np.ndarray, drain_volume_m3: np.ndarray) -> np.ndarray:
        isolate = np.minimum(self.isolate_base_h + self.isolate_per_valve_h * valves_to_close, self.isolate_max_h)
        repair = np.minimum(self.repair_base_h + self.repair_h_per_mm_dn * dn, self.repair_max_h)
        refill = np.minimum(self.refill_base_h + drain_volume_m3 / self.refill_rate_m3_h, self.refill_max_h)
        return isolate + repair + refill

    def degree_hours(self, outage_h: np.ndarray, category: str) -> np.ndarray:
        """Season-averaged degree-hours below 18 °C of one building of ``category`` per outage."""
        temps = np.asarray(self.season.outdoor_temperatures_c, dtype=np.float64)
        values = self.cooling.degree_hours(np.asarray(outage_h)[..., None], t_out=temps, category=category)
        return np.asarray(values).mean(axis=-1)


def pipe_only_consequence_inputs(stock: PipeStock) -> pd.DataFrame:
    """Criticality-like inputs from the pipe alone (no customers): used when no criticality is given."""
    dn = np.where(np.isfinite(stock.dn), stock.dn, 0.0)
    return pd.DataFrame({
        "customers": 0, "households": 0, "vulnerable_households": 0, "critical_customers": 0,
        "heated_area_m2": 0.0, "heat_load_kw": 0.0, "valves_to_close": 2,
        "isolated_length_m": stock.length_m,
        "drain_volume_m3": 2.0 * np.pi * (dn / 2000.0) ** 2 * stock.length_m,
    }, index=pd.Index(stock.pipe_id, dtype=object, name="pipe_id"))


def network_criticality(network: Network, topology=None) -> tuple[pd.DataFrame | None, str]:
    """The criticality table of ``network`` when :mod:`gisheat.analysis.criticality` exists.

    Returns (frame, note); frame is None (note says why) when the analysis is not available.
    """
    try:
        from gisheat.analysis import criticality as module
    except ImportError:
        return None, "criticality analysis not available: consequence from the pipe alone (no customers)"
    return module.criticality(network, topology), ""


def consequences(stock: PipeStock, criticality: pd.DataFrame | None = None,
                 parameters: ConsequenceParameters | None = None) -> pd.DataFrame:
    """Consequence of one failure of each pipe (¥ and its parts), indexed by pipe_id.

    ``criticality`` is a frame indexed by pipe_id with :data:`CRITICALITY_COLUMNS`
    (missing pipes or columns count as zero customers; missing drain volume is
    computed from the pipe).
    """
    p = parameters or ConsequenceParameters()
    index = pd.Index(stock.pipe_id, dtype=object, name="pipe_id")
    own = pipe_only_consequence_inputs(stock)
    if criticality is None:
        inputs = own
    else:
        frame = criticality.copy()
        frame.index = frame.index.astype(str)
        inputs = frame.reindex(index)
        for column in CRITICALITY_COLUMNS:
            if column not in inputs.columns:
                inputs[column] = np.nan
            values = pd.to_numeric(inputs[column], errors="coerce").astype(np.float64)
            if column in ("drain_volume_m3", "isolated_length_m"):
                inputs[column] = values.fillna(own[column])
            else:
                inputs[column] = values.fillna(0.0)
    col = {c: inputs[c].to_numpy(dtype=np.float64) for c in CRITICALITY_COLUMNS}
    dn = np.where(np.isfinite(stock.dn), stock.dn, 0.0)
    outage = p.outage_hours(dn, col["valves_to_close"], col["drain_volume_m3"])
    dh_home = p.degree_hours(outage, schema.RESIDENTIAL)
    dh_critical = p.degree_hours(outage, p.critical_category)
    equivalents = col["households"] + (p.vulnerable_weight - 1.0) * col["vulnerable_households"]
    thermal = p.season.share_in_season * p.yuan_per_household_degree_hour * (
        dh_home * equivalents + dh_critical * p.critical_weight * col["critical_customers"])
    lost_heat = p.season.share_in_season * col["heat_load_kw"] * outage * p.heat_price_yuan_per_kwh
    repair = p.repair_base_yuan + p.repair_yuan_per_mm_dn * dn + p.water_yuan_per_m3 * col["drain_volume_m3"]
    return pd.DataFrame({
        "customers": col["customers"],
        "households": col["households"],
        "vulnerable_households": col["vulnerable_households"],
        "critical_customers": col["critical_customers"],
        "outage_h": outage,
        "degree_hours": dh_home,
        "thermal_cost": thermal,
        "lost_heat_cost": lost_heat,
        "repair_cost": repair,
        "consequence": thermal + lost_heat + repair,
    }, index=index)


def likelihood_class(probability: np.ndarray) -> np.ndarray:
    """1–5 by :data:`LIKELIHOOD_BOUNDS`."""
    return np.searchsorted(np.asarray(LIKELIHOOD_BOUNDS), probability, side="right") + 1


def consequence_class(consequence: np.ndarray) -> np.ndarray:
    """1–5 by :data:`CONSEQUENCE_BOUNDS` (¥ per failure)."""
    return np.searchsorted(np.asarray(CONSEQUENCE_BOUNDS), consequence, side="right") + 1


def risk_level(likelihood: np.ndarray, consequence: np.ndarray) -> np.ndarray:
    """'low', 'medium', 'high' or 'very_high' from the product of the two classes."""
    score = np.asarray(likelihood) * np.asarray(consequence)
    bounds = np.array([b for b, _ in RISK_LEVELS])
    names = np.array([n for _, n in RISK_LEVELS], dtype=object)
    return names[np.minimum(np.searchsorted(bounds, score, side="left"), len(names) - 1)]


def policy_coverage(stock: PipeStock, history: BreakHistory | None, year: int) -> tuple[np.ndarray, np.ndarray]:
    """Pipes the national renewal programme covers at ``year``, and why ('age', 'leaks', 'age+leaks', '')."""
    old = np.isfinite(stock.install_year) & (year - np.nan_to_num(stock.install_year, nan=year) >= POLICY_MIN_AGE)
    leaks = history.counts() > 0 if history is not None and len(history) else np.zeros(len(stock), dtype=bool)
    reason = np.where(old & leaks, "age+leaks", np.where(old, "age", np.where(leaks, "leaks", ""))).astype(object)
    return old | leaks, reason


@dataclass
class RiskResult:
    """Per-pipe risk for one year, the 5 × 5 matrix and notes."""

    year: int
    table: pd.DataFrame
    """Indexed by pipe_id: length_m, install_year, expected_breaks, probability, consequence parts,
    risk, likelihood_class, consequence_class, risk_level, rank, policy_covered, policy_reason."""
    notes: list[str] = field(default_factory=list)

    def matrix(self, value: str = "count") -> pd.DataFrame:
        """5 × 5 matrix: rows likelihood class 5 … 1, columns consequence class 1 … 5.

        ``value`` is 'count' (pipes), 'km' (length) or 'risk' (¥/yr).
        """
        t = self.table
        weights = {"count": np.ones(len(t)), "km": t["length_m"].to_numpy() / 1000.0,
                   "risk": t["risk"].to_numpy()}[value]
        grid = np.zeros((5, 5))
        np.add.at(grid, (5 - t["likelihood_class"].to_numpy(), t["consequence_class"].to_numpy() - 1), weights)
        return pd.DataFrame(grid, index=pd.Index([5, 4, 3, 2, 1], name="likelihood"),
                            columns=pd.Index([1, 2, 3, 4, 5], name="consequence"))

    @property
    def total(self) -> float:
        return float(self.table["risk"].sum())

    def to_json(self, top: int = 20) -> dict:
        head = self.table.sort_values("rank").head(top)
        return {
            "year": self.year,
            "total_risk": self.total,
            "matrix": {"rows": "likelihood 5..1", "columns": "consequence 1..5",
                       "count": self.matrix("count").to_numpy().astype(int).tolist(),
                       "km": self.matrix("km").round(3).to_numpy().tolist()},
            "top": [{"pipe_id": pid, "risk": row["risk"], "probability": row["probability"],
                     "consequence": row["consequence"], "policy_covered": bool(row["policy_covered"])}
                    for pid, row in head.iterrows()],
            "notes": list(self.notes),
        }


def assess_risk(
    network: Network,
    model: FailureModel,
    year: int,
    *,
    criticality: pd.DataFrame | None = None,
    parameters: ConsequenceParameters | None = None,
    history: BreakHistory | None = None,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RiskResult:
    """Risk of every in-service pipe in calendar ``year``.

    ``criticality`` defaults to :func:`network_criticality` (when that
    analysis exists), else the pipe-only consequence, which the notes say.
    """
    if progress is not None:
        progress(0.0, "reading the break history")
    history = history if history is not None else break_history(network)
    notes: list[str] = []
    if criticality is None:
        if progress is not None:
            progress(0.2, "computing failure consequences")
        criticality, note = network_criticality(network)
        if note:
            notes.append(note)
    if cancelled is not None and cancelled():
        raise Cancelled()
    if progress is not None:
        progress(0.9, "risk per pipe")
    if model.note:
        notes.append(model.note)
    result = risk_table(history.pipes, model, year, consequences(history.pipes, criticality, parameters),
                        history=history, notes=notes)
    if progress is not None:
        progress(1.0, "risk ready")
    return result


def risk_table(stock: PipeStock, model: FailureModel, year: int, consequence: pd.DataFrame,
               *, history: BreakHistory | None = None, notes: list[str] | None = None) -> RiskResult:
    """Assemble the per-pipe risk table from a model and a consequence frame (see :func:`consequences`)."""
    expected = model.expected_breaks(stock, year)
    probability = -np.expm1(-expected)
    table = consequence.copy()
    table.insert(0, "length_m", stock.length_m)
    table.insert(1, "install_year", stock.install_year)
    table.insert(2, "expected_breaks", expected)
    table.insert(3, "probability", probability)
    table["risk"] = probability * table["consequence"].to_numpy()
    table["likelihood_class"] = likelihood_class(probability)
    table["consequence_class"] = consequence_class(table["consequence"].to_numpy())
    table["risk_level"] = risk_level(table["likelihood_class"].to_numpy(), table["consequence_class"].to_numpy())
    order = np.lexsort((np.asarray(stock.pipe_id, dtype=str), -table["risk"].to_numpy()))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(1, len(order) + 1)
    table["rank"] = rank
    covered, reason = policy_coverage(stock, history, year)
    table["policy_covered"] = covered
    table["policy_reason"] = reason
    return RiskResult(year, table, list(notes or []))
