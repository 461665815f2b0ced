"""Break histories simulated from known failure-model parameters (shared by the renewal tests)."""

from __future__ import annotations

import numpy as np

from gisheat.analysis.renewal.failure import pipe_age
from gisheat.analysis.renewal.history import BreakHistory, PipeStock


def simulated_history(
    *,
    n: int = 4000,
    beta: float = 1.8,
    intercept: float = -6.0,
    effects: dict[str, float] | None = None,
    frailty_shape: float | None = None,
    years: tuple[int, int] = (2000, 2019),
    seed: int = 7,
) -> tuple[BreakHistory, np.ndarray]:
    """Breaks drawn from E[N] = L_km·exp(a'x)·(t2^β − t1^β) per calendar year (records start in years[0]).

    Attributes: material 'steel' (reference) or 'iron' (+effects['iron']),
    laying 'buried' (reference) or 'trench' (+effects['trench']); install
    years 1950–2015, so most pipes are left-truncated. Returns the history
    and the true frailty of each pipe.
    """
    effects = effects or {"iron": 0.7, "trench": 0.5}
    rng = np.random.default_rng(seed)
    length = rng.uniform(50, 600, n)
    install = rng.integers(1950, 2016, n).astype(float)
    iron = rng.random(n) < 0.4
    trench = rng.random(n) < 0.3
    stock = PipeStock(
        pipe_id=np.array([f"p{i:05d}" for i in range(n)], dtype=object),
        row=np.arange(n),
        length_m=length,
        dn=np.full(n, 200.0),
        install_year=install,
        material=np.where(iron, "iron", "steel").astype(object),
        laying=np.where(trench, "trench", "buried").astype(object),
        network=np.full(n, "primary", dtype=object),
    )
    scale = length / 1000.0 * np.exp(intercept + effects["iron"] * iron + effects["trench"] * trench)
    frailty = rng.gamma(frailty_shape, 1.0 / frailty_shape, n) if frailty_shape else np.ones(n)
    pipes, yrs = [], []
    for year in range(years[0], years[1] + 1):
        t1, t2 = pipe_age(install, float(year)), pipe_age(install, float(year + 1))
        counts = rng.poisson(scale * frailty * (t2**beta - t1**beta))
        hit = np.repeat(np.arange(n), counts)
        pipes.append(hit)
        yrs.append(np.full(len(hit), year))
    pipe = np.concatenate(pipes)
    year = np.concatenate(yrs)
    return BreakHistory(stock, pipe, year, np.full(len(pipe), 1)), frailty
