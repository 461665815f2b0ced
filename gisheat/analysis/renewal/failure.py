"""Pipe failure model: the PARMS/CSIRO power law fitted to the utility's breaks, corrected per pipe.

Cohort model. Breaks of a pipe follow a non-homogeneous Poisson process
whose cumulative intensity at age t is ``L · exp(aᵀx) · t^β`` (L in km, x the
pipe's attributes: material, laying, network, DN and install period; age
enters through the power law). The expected count over ages t₁ … t₂ is

    E[N] = L · exp(aᵀx) · (t₂^β − t₁^β),

a Poisson regression with offset ``log L + log(t₂^β − t₁^β)``; β is
profiled (the likelihood maximised over β with the coefficients refitted at
each β). Records that start years after a pipe was laid (left truncation)
need nothing special: each pipe's exposure runs from its age when the
records start (t₁) to its age at the end of the fit years (t₂). A pipe is
taken as laid in the middle of its install year. A small ridge penalty keeps
rare attribute levels finite.

Per-pipe history. On real records a pipe's own past breaks predict its
future breaks better than any attribute: some pipes are weaker than their
cohort. Each pipe carries a gamma frailty Z (mean 1, shape k); given n breaks
observed where the cohort model expected μ, its posterior mean is
``(k + n) / (k + μ)`` (empirical Bayes), which multiplies the cohort rate.
The shape grows with the pipe's length, ``k = κ · L_km^g``: a long pipe
averages over many weak spots, so one break says less about it than about
a short one (g = 0 is the classic per-pipe frailty). κ and g are the
negative-binomial marginal maximum-likelihood estimates on the fit years
(empirical Bayes proper). An inner temporal split decides whether the
correction is used: the cohort model and the prior are refitted on the years
before each of up to three rolling validation windows at the end of the fit
period, and the correction is kept only when its mean Poisson deviance there
is lower than the cohort model's alone (otherwise κ = ∞: no correction).
Choosing κ itself by inner-split deviance was tried and rejected: on the
Kitchener records it lost to "most past breaks first" in 2020–22, while
the marginal-likelihood prior beats it in all four 3-year windows 2011–22
(see tests/analysis/renewal/test_kitchener_records.py).

Defaults. With too few break records to fit (fewer than
:data:`MIN_BREAKS_TO_FIT` breaks on :data:`MIN_PIPES_TO_FIT` pipes) the model
uses documented typical values (DOMAIN.md): about 0.05 failures/km/yr for a
10-year-old pre-insulated pipe, rising with age as t^0.4 (β = 1.4),
trench-laid pipes 3.5 × and overhead 1.5 × that; frailty shape 1. The model
says so in ``note`` and ``source == "defaults"``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar

from gisheat.analysis.renewal.history import BreakHistory, PipeStock
from gisheat.analysis.renewal.scoring import poisson_deviance
from gisheat.errors import Cancelled

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]

MIN_BREAKS_TO_FIT = 30
MIN_PIPES_TO_FIT = 10
RIDGE = 1.0
BETA_BOUNDS = (0.3, 5.0)
MIN_LEVEL_SHARE = 0.01
"""Attribute levels with less than this share of the exposed length are pooled into 'other'."""
PERIOD_EDGES = (1930, 1950, 1960, 1970, 1980, 1990, 2000, 2010)
FRAILTY_EXPONENT_BOUNDS = (-1.0, 2.0)
INNER_WINDOWS = 3

DEFAULT_BETA = 1.4
DEFAULT_RATE_PER_KM = 0.05
"""Typical failures/km/yr of a pre-insulated pipe at age :data:`DEFAULT_RATE_AGE` (DOMAIN.md)."""
DEFAULT_RATE_AGE = 10.0
DEFAULT_LAYING_FACTORS = {"trench": 3.5, "overhead": 1.5}
DEFAULT_FRAILTY_KAPPA = 1.0
DEFAULT_FRAILTY_EXPONENT = 0.0
DEFAULT_DN = 200.0


def pipe_age(install_year: np.ndarray, at: float | np.ndarray) -> np.ndarray:
    """Age in years at calendar time ``at`` (2020.0 = 1 January 2020), laid mid install year."""
    return np.maximum(np.asarray(at, dtype=np.float64) - (install_year + 0.5), 0.0)


def _log_power_difference(t1: np.ndarray, t2: np.ndarray, beta: float) -> np.ndarray:
    """log(t₂^β − t₁^β) for t₂ > t₁ ≥ 0; −inf where t₂ ≤ t₁."""
    out = np.full(len(t1), -np.inf)
    ok = t2 > t1
    ratio = np.where(ok, t1 / np.where(t2 > 0, t2, 1.0), 1.0)
    out[ok] = beta * np.log(t2[ok]) + np.log1p(-(ratio[ok] ** beta))
    return out


# --- covariates ------------------------------------------------------------------------------


def _period(year: np.ndarray) -> np.ndarray:
    labels = np.array(
        [f"<{PERIOD_EDGES[0]}"]
        + [f"{a}-{b - 1}" for a, b in zip(PERIOD_EDGES[:-1], PERIOD_EDGES[1:], strict=True)]
        + [f">={PERIOD_EDGES[-1]}"],
        dtype=object,
    )
    return labels[np.searchsorted(np.asarray(PERIOD_EDGES, dtype=float), year, side="right")]


def _text_level(values: np.ndarray) -> np.ndarray:
    out = np.asarray(values, dtype=object).copy()
    out[out == ""] = "unknown"
    return out


def attribute_values(stock: PipeStock, name: str) -> np.ndarray:
    """A categorical attribute of the pipes (material, laying, network, period) with 'unknown' for blanks."""
    if name == "material":
        return _text_level(stock.material)
    if name == "laying":
        return _text_level(stock.laying)
    if name == "network":
        return _text_level(stock.network)
    if name == "period":
        years = stock.install_year
        return np.where(np.isfinite(years), _period(np.nan_to_num(years)), "unknown").astype(object)
    raise KeyError(name)


@dataclass(frozen=True)
class Design:
    """How pipe attributes become covariates: kept levels, references and imputations.

    Learned from the pipes exposed in the fit years; applied unchanged to any
    pipe (levels unseen in the fit go to the reference or to 'other').
    """

    levels: dict[str, tuple[str, ...]]
    """Non-reference levels of each categorical attribute (material, laying, network, period)."""
    references: dict[str, str]
    use_dn: bool
    dn_fill: float
    year_fill: dict[str, float]
    """Install year assumed for pipes without one, by material ('' = any material)."""
    unknown_year_column: bool

    @property
    def names(self) -> list[str]:
        names = ["intercept"]
        for attribute, levels in self.levels.items():
            names += [f"{attribute}={level}" for level in levels]
        if self.use_dn:
            names += ["log_dn", "log_dn_squared"]
        if self.unknown_year_column:
            names.append("install_year_unknown")
        return names

    def install_years(self, stock: PipeStock) -> np.ndarray:
        """Install years with unknown ones filled (median of the material, else of all pipes)."""
        years = stock.install_year.astype(np.float64).copy()
        unknown = ~np.isfinite(years)
        if unknown.any():
            fill = pd.Series(stock.material[unknown]).map(self.year_fill).to_numpy(dtype=np.float64)
            years[unknown] = np.where(np.isfinite(fill), fill, self.year_fill.get("", 1990.0))
        return years

    def matrix(self, stock: PipeStock) -> np.ndarray:
        """(pipes, covariates) design matrix, intercept first, in the order of :attr:`names`."""
        columns = [np.ones(len(stock))]
        for attribute, levels in self.levels.items():
            values = attribute_values(stock, attribute)
            for level in levels:
                if level == "other":
                    known = set(levels) | {self.references[attribute]}
                    columns.append((~pd.Series(values).isin(known)).to_numpy(dtype=np.float64))
                else:
                    columns.append((values == level).astype(np.float64))
        if self.use_dn:
            dn = np.where(np.isfinite(stock.dn) & (stock.dn > 0), stock.dn, self.dn_fill)
            log_dn = np.log(dn / DEFAULT_DN)
            columns += [log_dn, log_dn**2]
        if self.unknown_year_column:
            columns.append((~np.isfinite(stock.install_year)).astype(np.float64))
        return np.column_stack(columns)

    @classmethod
    def learn(cls, stock: PipeStock, exposed: np.ndarray) -> Design:
        """Levels holding at least :data:`MIN_LEVEL_SHARE` of the exposed length; the largest is the reference."""
        length = stock.length_m[exposed]
        total = float(length.sum()) or 1.0
        levels: dict[str, tuple[str, ...]] = {}
        references: dict[str, str] = {}
        for attribute in ("material", "laying", "network", "period"):
            values = attribute_values(stock, attribute)[exposed]
            share = pd.Series(length).groupby(pd.Series(values, dtype=object)).sum().sort_values(ascending=False) / total
            kept = [str(v) for v in share.index if share[v] >= MIN_LEVEL_SHARE]
            if not kept:
                continue
            references[attribute] = kept[0]
            rest = kept[1:]
            if (share < MIN_LEVEL_SHARE).any():
                rest.append("other")
            if rest:
                levels[attribute] = tuple(rest)
        dn = stock.dn[exposed]
        known_dn = dn[np.isfinite(dn) & (dn > 0)]
        years = stock.install_year
        known = np.isfinite(years)
        year_fill = {"": float(np.median(years[known])) if known.any() else 1990.0}
        if known.any():
            by_material = pd.Series(years[known]).groupby(pd.Series(stock.material[known], dtype=object)).median()
            year_fill.update({str(k): float(v) for k, v in by_material.items()})
        return cls(
            levels=levels,
            references=references,
            use_dn=bool(len(np.unique(known_dn)) > 1),
            dn_fill=float(np.median(known_dn)) if len(known_dn) else DEFAULT_DN,
            year_fill=year_fill,
            unknown_year_column=bool((~np.isfinite(years[exposed])).sum() > 0),
        )


# --- fitting ----------------------------------------------------------------------------------


def _poisson_regression(X: np.ndarray, offset: np.ndarray, y: np.ndarray, *, ridge: float,
                        start: np.ndarray | None = None, iterations: int = 50) -> tuple[np.ndarray, float]:
    """Ridge-penalised Poisson regression by Newton's method; returns coefficients and log-likelihood.

    The intercept (column 0) is not penalised. The log-likelihood omits the
    constant −Σ log y!.
    """
    p = X.shape[1]
    penalty = np.full(p, ridge)
    penalty[0] = 0.0
    coef = np.zeros(p) if start is None else start.copy()
    if start is None:
        coef[0] = math.log(max(y.sum(), 0.5) / max(np.exp(offset).sum(), 1e-300))

    def objective(c: np.ndarray) -> tuple[float, np.ndarray]:
        eta = X @ c + offset
        mu = np.exp(np.minimum(eta, 700.0))
        return float(y @ eta - mu.sum() - 0.5 * (penalty * c * c).sum()), mu

    value, mu = objective(coef)
    for _ in range(iterations):
        gradient = X.T @ (y - mu) - penalty * coef
        hessian = (X * mu[:, None]).T @ X + np.diag(penalty) + 1e-9 * np.eye(p)
        step = np.linalg.solve(hessian, gradient)
        scale = 1.0
        while True:
            candidate = coef + scale * step
            new_value, new_mu = objective(candidate)
            if new_value >= value - 1e-12 or scale < 1e-6:
                break
            scale *= 0.5
        converged = abs(new_value - value) < 1e-9 * (1.0 + abs(value))
        coef, value, mu = candidate, new_value, new_mu
        if converged:
            break
    return coef, value


@dataclass
class CohortFit:
    coef: np.ndarray
    beta: float
    log_likelihood: float


def fit_cohort(X: np.ndarray, length_km: np.ndarray, t1: np.ndarray, t2: np.ndarray, y: np.ndarray,
               *, ridge: float = RIDGE, beta: float | None = None) -> CohortFit:
    """Fit ``E[N] = L·exp(Xa)·(t₂^β − t₁^β)``, β profiled over :data:`BETA_BOUNDS` unless given.

    Rows with no exposure (t₂ ≤ t₁) must be left out by the caller. Pipes
    with the same covariates are pooled (their counts and exposures summed),
    which gives the same estimates and likelihood as the per-pipe regression
    but takes a few hundred rows instead of one per pipe.
    """
    log_length = np.log(length_km)
    rows = np.ascontiguousarray(X, dtype=np.float64)
    keys = rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).ravel()
    group_of = np.asarray(pd.factorize(keys)[0], dtype=np.int64)  # equal rows, by hashing their bytes
    _, first = np.unique(group_of, return_index=True)
    groups = rows[first]
    group_y = np.bincount(group_of, weights=y, minlength=len(groups))
    state: dict[str, np.ndarray | None] = {"start": None}

    def profile(b: float) -> tuple[np.ndarray, float]:
        offset = log_length + _log_power_difference(t1, t2, b)
        peak = offset.max()
        exposure = np.bincount(group_of, weights=np.exp(offset - peak), minlength=len(groups))
        group_offset = np.log(np.maximum(exposure, 1e-300)) + peak
        coef, loglik = _poisson_regression(groups, group_offset, group_y, ridge=ridge, start=state["start"])
        state["start"] = coef
        # back to the per-pipe likelihood: Σ y_i·offset_i instead of Σ y_g·log(exposure_g)
        return coef, loglik - float(group_y @ group_offset) + float(y @ offset)

    if beta is None:
        result = minimize_scalar(lambda b: -profile(b)[1], bounds=BETA_BOUNDS, method="bounded",
                                 options={"xatol": 1e-3})
        beta = float(result.x)
    coef, loglik = profile(beta)
    return CohortFit(coef, float(beta), loglik)


# --- the model -------------------------------------------------------------------------------


@dataclass
class FailureModel:
    """A fitted (or default) failure model; predicts expected breaks per pipe and year."""

    design: Design
    coef: np.ndarray
    beta: float
    source: str
    """'fitted' or 'defaults'."""
    fit_years: tuple[int, int] | None
    fit_breaks: int
    frailty_kappa: float = math.inf
    """κ of the gamma frailty shape k = κ·L_km^g; ``math.inf`` = no per-pipe correction."""
    frailty_exponent: float = 0.0
    """g of the gamma frailty shape k = κ·L_km^g."""
    note: str = ""
    history: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["observed", "expected"]))
    """Per pipe id: breaks observed in the fit years and the cohort model's expectation there."""
    selection: dict[str, float] = field(default_factory=dict)
    """Inner temporal split: mean deviance with and without the per-pipe correction."""

    @property
    def name(self) -> str:
        if self.source == "defaults":
            return "parms_power_law_defaults+gamma_frailty"
        if math.isinf(self.frailty_kappa):
            return "parms_power_law_poisson"
        return "parms_power_law_poisson+gamma_frailty"

    @property
    def coefficients(self) -> dict[str, float]:
        return {name: float(c) for name, c in zip(self.design.names, self.coef, strict=True)}

    def scale(self, stock: PipeStock) -> np.ndarray:
        """Per-pipe ``L·exp(aᵀx)`` (L in km)."""
        return stock.length_m / 1000.0 * np.exp(self.design.matrix(stock) @ self.coef)

    def cohort_expected(self, stock: PipeStock, first_year: float, last_year: float | None = None,
                        *, install_year: np.ndarray | None = None) -> np.ndarray:
        """Expected breaks per pipe in calendar years first … last (inclusive), without the frailty.

        ``install_year`` overrides the pipes' install years (e.g. the year of a renewal).
        """
        last_year = first_year if last_year is None else last_year
        years = self.design.install_years(stock) if install_year is None else install_year
        t1 = pipe_age(years, first_year)
        t2 = pipe_age(years, last_year + 1.0)
        return self.scale(stock) * np.exp(_log_power_difference(t1, t2, self.beta))

    def frailty(self, stock: PipeStock) -> np.ndarray:
        """Posterior mean frailty ``(k + n)/(k + μ)`` per pipe (1 without history or with κ = ∞)."""
        if math.isinf(self.frailty_kappa) or self.history.empty:
            return np.ones(len(stock))
        joined = self.history.reindex(pd.Index(stock.pipe_id, dtype=object))
        return posterior_frailty(joined["observed"].to_numpy(dtype=np.float64),
                                 joined["expected"].to_numpy(dtype=np.float64),
                                 stock.length_m, self.frailty_kappa, self.frailty_exponent)

    def expected_breaks(self, stock: PipeStock, first_year: float, last_year: float | None = None) -> np.ndarray:
        """Expected breaks per pipe in calendar years first … last, with each pipe's own history."""
        return self.cohort_expected(stock, first_year, last_year) * self.frailty(stock)

    def annual_probability(self, stock: PipeStock, year: int) -> np.ndarray:
        """Probability of at least one break in calendar ``year``: 1 − exp(−E[N])."""
        return -np.expm1(-self.expected_breaks(stock, year))

    def to_json(self) -> dict:
        doc = {
            "name": self.name,
            "source": self.source,
            "form": "E[N] = L_km * exp(a'x) * (t2^beta - t1^beta) * (k + n)/(k + mu), k = kappa * L_km^g",
            "beta": self.beta,
            "coefficients": self.coefficients,
            "frailty": {"kappa": None if math.isinf(self.frailty_kappa) else self.frailty_kappa,
                        "length_exponent": self.frailty_exponent},
            "fit_breaks": self.fit_breaks,
            "references": dict(self.design.references),
        }
        if self.selection:
            doc["inner_split"] = {key: int(v) if key in ("inner_windows", "inner_years") else v
                                  for key, v in self.selection.items()}
        if self.note:
            doc["note"] = self.note
        return doc


def posterior_frailty(observed: np.ndarray, expected: np.ndarray, length_m: np.ndarray,
                      kappa: float, exponent: float) -> np.ndarray:
    """Gamma-frailty posterior mean ``(k + n)/(k + μ)`` with shape ``k = κ·L_km^g`` (1 where unknown)."""
    if math.isinf(kappa):
        return np.ones(len(observed))
    k = kappa * np.power(np.maximum(length_m, 1e-3) / 1000.0, exponent)
    factor = (k + observed) / (k + expected)
    return np.where(np.isfinite(factor), factor, 1.0)


def _exposure(design: Design, stock: PipeStock, first_year: int, last_year: int) -> tuple[np.ndarray, np.ndarray]:
    years = design.install_years(stock)
    return pipe_age(years, first_year), pipe_age(years, last_year + 1.0)


def _check(cancelled: CancelCheck | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def _report(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)


def _enough(counts: np.ndarray) -> bool:
    return counts.sum() >= MIN_BREAKS_TO_FIT and (counts > 0).sum() >= MIN_PIPES_TO_FIT


def fit_failure_model(
    history: BreakHistory,
    fit_years: tuple[int, int] | None = None,
    *,
    frailty: tuple[float, float] | None = None,
    ridge: float = RIDGE,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> FailureModel:
    """Fit the model to the breaks of ``history`` in ``fit_years`` (default: the whole history).

    ``frailty`` = (κ, g) fixes the per-pipe correction instead of choosing it
    on the inner split. Falls back to :func:`default_model` when the records
    are too few.
    """
    if fit_years is None:
        span = history.years
        if span is None:
            return default_model(history, None, reason="no usable break records")
        fit_years = span
    first, last = fit_years
    counts = history.counts(first, last)
    if not _enough(counts):
        return default_model(history, fit_years, reason=(
            f"only {int(counts.sum())} breaks on {int((counts > 0).sum())} pipes in {first}-{last} "
            f"(at least {MIN_BREAKS_TO_FIT} on {MIN_PIPES_TO_FIT} pipes needed to fit)"))
    _report(progress, 0.05, "fitting the cohort model")
    model = fit_cohort_model(history, fit_years, ridge=ridge)
    _check(cancelled)
    if frailty is None:
        frailty, model.selection = _choose_frailty(history, fit_years, model, ridge, progress, cancelled)
    model.frailty_kappa, model.frailty_exponent = float(frailty[0]), float(frailty[1])
    _report(progress, 1.0, "failure model fitted")
    return model


def fit_cohort_model(history: BreakHistory, fit_years: tuple[int, int], *, ridge: float = RIDGE) -> FailureModel:
    """The cohort part alone (no per-pipe correction), fitted on ``fit_years``."""
    stock = history.pipes
    first, last = fit_years
    counts = history.counts(first, last)
    provisional = Design.learn(stock, np.ones(len(stock), dtype=bool))
    t1, t2 = _exposure(provisional, stock, first, last)
    design = Design.learn(stock, t2 > t1)
    t1, t2 = _exposure(design, stock, first, last)
    exposed = t2 > t1
    sub = stock.take(exposed)
    fit = fit_cohort(design.matrix(sub), sub.length_m / 1000.0, t1[exposed], t2[exposed], counts[exposed], ridge=ridge)
    model = FailureModel(design, fit.coef, fit.beta, "fitted", (first, last), int(counts.sum()))
    model.history = pd.DataFrame({"observed": counts, "expected": model.cohort_expected(stock, first, last)},
                                 index=pd.Index(stock.pipe_id, dtype=object, name="pipe_id"))
    return model


def _choose_frailty(history: BreakHistory, fit_years: tuple[int, int], model: FailureModel, ridge: float,
                    progress: Progress | None, cancelled: CancelCheck | None,
                    ) -> tuple[tuple[float, float], dict[str, float]]:
    """The frailty prior (κ, g), kept only when it predicts better than the cohort model alone.

    (κ, g) is the negative-binomial marginal maximum-likelihood estimate on the
    fit years (empirical Bayes). Inner temporal split, rolling origin: each
    of up to :data:`INNER_WINDOWS` validation windows at the end of the fit
    years is predicted from the years before it (cohort model and prior
    refitted there), with and without the correction; the correction is
    switched off when its mean Poisson deviance is not lower.
    """
    first, last = fit_years
    span = last - first + 1
    inner = max(1, min(3, span // 4))
    stock = history.pipes
    kappa, exponent = frailty_maximum_likelihood(model, history)
    with_history: list[float] = []
    cohort_only: list[float] = []
    for window in range(INNER_WINDOWS):
        val_last = last - window * inner
        val_first = val_last - inner + 1
        train = (first, val_first - 1)
        if train[1] - train[0] + 1 < max(2, inner) or not _enough(history.counts(*train)):
            break
        _report(progress, 0.3 + 0.2 * window, f"checking the per-pipe history on {val_first}-{val_last}")
        early = fit_cohort_model(history, train, ridge=ridge)
        _check(cancelled)
        k_inner, g_inner = frailty_maximum_likelihood(early, history)
        cohort_later = early.cohort_expected(stock, val_first, val_last)
        observed_later = history.counts(val_first, val_last)
        factor = posterior_frailty(early.history["observed"].to_numpy(), early.history["expected"].to_numpy(),
                                   stock.length_m, k_inner, g_inner)
        with_history.append(poisson_deviance(observed_later, cohort_later * factor))
        cohort_only.append(poisson_deviance(observed_later, cohort_later))
    if not with_history:
        return (kappa, exponent), {}
    scores = {"inner_windows": float(len(with_history)), "inner_years": float(inner),
              "deviance_with_history": float(np.mean(with_history)),
              "deviance_cohort_only": float(np.mean(cohort_only))}
    if scores["deviance_with_history"] >= scores["deviance_cohort_only"]:
        return (math.inf, 0.0), scores
    return (kappa, exponent), scores


def default_model(history: BreakHistory | None, fit_years: tuple[int, int] | None, *, reason: str) -> FailureModel:
    """The documented default model (module docstring), with the pipes' own breaks as history."""
    year_fill = 1990.0
    if history is not None:
        known = history.pipes.install_year[np.isfinite(history.pipes.install_year)]
        if len(known):
            year_fill = float(np.median(known))
    design = Design(
        levels={"laying": tuple(DEFAULT_LAYING_FACTORS)},
        references={"laying": "preinsulated_buried"},
        use_dn=False,
        dn_fill=DEFAULT_DN,
        year_fill={"": year_fill},
        unknown_year_column=False,
    )
    scale = DEFAULT_RATE_PER_KM / (DEFAULT_BETA * DEFAULT_RATE_AGE ** (DEFAULT_BETA - 1.0))
    coef = np.array([math.log(scale)] + [math.log(f) for f in DEFAULT_LAYING_FACTORS.values()])
    note = (f"{reason}: documented default parameters used (~{DEFAULT_RATE_PER_KM:g} failures/km/yr at age "
            f"{DEFAULT_RATE_AGE:g} for pre-insulated pipe, rising as age^{DEFAULT_BETA - 1:g}; trench x"
            f"{DEFAULT_LAYING_FACTORS['trench']:g}, overhead x{DEFAULT_LAYING_FACTORS['overhead']:g})")
    model = FailureModel(design, coef, DEFAULT_BETA, "defaults", fit_years, 0,
                         DEFAULT_FRAILTY_KAPPA, DEFAULT_FRAILTY_EXPONENT, note=note)
    if history is not None and fit_years is not None and len(history.pipes):
        counts = history.counts(*fit_years)
        model.fit_breaks = int(counts.sum())
        model.history = pd.DataFrame(
            {"observed": counts, "expected": model.cohort_expected(history.pipes, fit_years[0], fit_years[1])},
            index=pd.Index(history.pipes.pipe_id, dtype=object, name="pipe_id"))
    return model


def frailty_maximum_likelihood(model: FailureModel, history: BreakHistory) -> tuple[float, float]:
    """(κ, g) maximising the negative-binomial marginal likelihood of the fit-year counts.

    A diagnostic beside the inner-split choice: the gamma-frailty model's own
    estimate of how much pipes differ from their cohort.
    """
    from scipy.optimize import minimize
    from scipy.special import digamma, gammaln

    n = model.history["observed"].to_numpy(dtype=np.float64)
    mu = model.history["expected"].to_numpy(dtype=np.float64)
    exposed = mu > 0
    n, mu = n[exposed], mu[exposed]
    log_length = np.log(np.maximum(history.pipes.length_m[exposed], 1e-3) / 1000.0)

    def negative_log_likelihood(params: np.ndarray) -> tuple[float, np.ndarray]:
        k = np.exp(params[0] + params[1] * log_length)
        value = gammaln(n + k) - gammaln(k) + k * np.log(k / (k + mu)) + n * np.log(mu / (k + mu))
        # d/dk of each term, then chain rule: dk/dlogκ = k, dk/dg = k·log L
        d_k = digamma(n + k) - digamma(k) + np.log(k / (k + mu)) + 1.0 - (k + n) / (k + mu)
        gradient = np.array([np.sum(d_k * k), np.sum(d_k * k * log_length)])
        return -float(np.sum(value)), -gradient

    result = minimize(negative_log_likelihood, np.array([0.0, 0.0]), jac=True, method="L-BFGS-B",
                      bounds=[(-9.0, 9.0), FRAILTY_EXPONENT_BOUNDS])
    return float(np.exp(result.x[0])), float(result.x[1])
