"""The in-service pipe stock and its usable break history, as arrays the failure model reads.

SPEC `failure-model` rules applied here, once: only in-service pipes count;
breaks on unknown pipes (or pipes not in service) and breaks dated before the
pipe's ``install_year`` are ignored (``gisheat validate`` reports them);
breaks without a readable date are ignored too. Pipes keep the order of the
``pipes`` layer; duplicate ids keep their first feature.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from gisheat.analysis.topology import feature_ids, geometry_array, single_part
from gisheat.analysis.validate import break_dates
from gisheat.core import schema
from gisheat.core.network import Network
from gisheat.errors import InputError


@dataclass
class PipeStock:
    """In-service pipes with what the failure model and the planner need (aligned arrays)."""

    pipe_id: np.ndarray
    row: np.ndarray
    """Row of each pipe in the ``pipes`` layer."""
    length_m: np.ndarray
    dn: np.ndarray
    """mm; NaN when unknown."""
    install_year: np.ndarray
    """float; NaN when unknown."""
    material: np.ndarray
    laying: np.ndarray
    network: np.ndarray

    def __len__(self) -> int:
        return len(self.pipe_id)

    @property
    def total_length_m(self) -> float:
        return float(self.length_m.sum())

    def take(self, index: np.ndarray) -> PipeStock:
        """The pipes at ``index`` (positions or a boolean mask)."""
        return PipeStock(**{name: getattr(self, name)[index] for name in self.__dataclass_fields__})

    def frame(self) -> pd.DataFrame:
        """The stock as a DataFrame indexed by pipe_id."""
        data = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "pipe_id"}
        return pd.DataFrame(data, index=pd.Index(self.pipe_id, name="pipe_id"))


@dataclass
class BreakHistory:
    """Usable breaks of the in-service pipes: for each break the pipe (index into ``pipes``) and date."""

    pipes: PipeStock
    pipe: np.ndarray
    year: np.ndarray
    month: np.ndarray
    ignored: dict[str, int] = field(default_factory=dict)
    """Breaks left out, by reason (unknown_pipe, not_in_service, before_install_year, no_date)."""

    def __len__(self) -> int:
        return len(self.pipe)

    @property
    def years(self) -> tuple[int, int] | None:
        """First and last calendar year of the history, None without breaks."""
        if len(self.year) == 0:
            return None
        return int(self.year.min()), int(self.year.max())

    def counts(self, first_year: int | None = None, last_year: int | None = None) -> np.ndarray:
        """Breaks per pipe in the calendar years ``first_year`` … ``last_year`` (inclusive)."""
        keep = np.ones(len(self.year), dtype=bool)
        if first_year is not None:
            keep &= self.year >= first_year
        if last_year is not None:
            keep &= self.year <= last_year
        return np.bincount(self.pipe[keep], minlength=len(self.pipes)).astype(np.float64)

    def counts_by_year(self, first_year: int, last_year: int) -> np.ndarray:
        """(pipes, years) array of break counts for the calendar years first … last."""
        n_years = last_year - first_year + 1
        keep = (self.year >= first_year) & (self.year <= last_year)
        flat = self.pipe[keep] * n_years + (self.year[keep] - first_year)
        return np.bincount(flat, minlength=len(self.pipes) * n_years).reshape(len(self.pipes), n_years).astype(float)


def pipe_stock(network: Network) -> PipeStock:
    """The in-service pipes of ``network`` (with a positive length) as a :class:`PipeStock`.

    ``length_m`` is used when present and positive, else the geometry length.
    """
    frame = network.pipes
    ids = feature_ids(frame, "pipe_id")
    status = schema.text_column(frame, "status", default=schema.IN_SERVICE)
    length = schema.numeric_column(frame, "length_m")
    missing = ~(np.isfinite(length) & (length > 0))
    if missing.any():
        geoms = geometry_array(frame)
        geom_length = np.zeros(len(frame))
        present = ~shapely.is_missing(geoms) if len(geoms) else np.zeros(0, dtype=bool)
        if present.any():
            geom_length[present] = shapely.length(single_part(geoms[present]))
        length = np.where(missing, geom_length, length)
    keep = (status == schema.IN_SERVICE) & np.isfinite(length) & (length > 0)
    keep &= ~pd.Series(ids).duplicated(keep="first").to_numpy()
    rows = np.flatnonzero(keep)
    return PipeStock(
        pipe_id=ids[rows].astype(object),
        row=rows,
        length_m=length[rows].astype(np.float64),
        dn=schema.numeric_column(frame, "dn")[rows],
        install_year=schema.numeric_column(frame, "install_year")[rows],
        material=schema.text_column(frame, "material", default="")[rows],
        laying=schema.text_column(frame, "laying", default="")[rows],
        network=schema.text_column(frame, "network", default="")[rows],
    )


def break_history(network: Network, stock: PipeStock | None = None) -> BreakHistory:
    """The usable breaks of ``network`` on the pipes of ``stock`` (default: all in-service pipes)."""
    stock = stock if stock is not None else pipe_stock(network)
    breaks = network.breaks
    ignored = {"unknown_pipe": 0, "not_in_service": 0, "before_install_year": 0, "no_date": 0}
    if breaks.empty or "pipe_id" not in breaks.columns:
        empty = np.zeros(0, dtype=np.int64)
        return BreakHistory(stock, empty, empty, empty, ignored)
    ids = schema.text_column(breaks, "pipe_id")
    dates = break_dates(breaks)
    index = pd.Series(np.arange(len(stock)), index=pd.Index(stock.pipe_id, dtype=object))
    where = index.index.get_indexer(pd.Index(ids, dtype=object))
    known_anywhere = set(feature_ids(network.pipes, "pipe_id").tolist())
    unknown = where < 0
    ignored["not_in_service"] = int(sum(1 for pid in ids[unknown] if pid in known_anywhere))
    ignored["unknown_pipe"] = int(unknown.sum()) - ignored["not_in_service"]
    no_date = ~unknown & dates.isna().to_numpy()
    ignored["no_date"] = int(no_date.sum())
    ok = ~unknown & ~no_date
    year = np.zeros(len(ids), dtype=np.int64)
    month = np.zeros(len(ids), dtype=np.int64)
    year[ok] = dates[ok].dt.year.to_numpy()
    month[ok] = dates[ok].dt.month.to_numpy()
    installed = np.full(len(ids), np.nan)
    installed[ok] = stock.install_year[where[ok]]
    early = ok & np.isfinite(installed) & (year < np.nan_to_num(installed, nan=-1))
    ignored["before_install_year"] = int(early.sum())
    ok &= ~early
    return BreakHistory(stock, where[ok].astype(np.int64), year[ok], month[ok], ignored)


def holdout_split(history: BreakHistory, holdout_years: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Fit and holdout calendar years: the holdout runs from the ``holdout_years``-th last calendar year
    that appears in the history to the last; the fit years are the ones that appear before it.

    Raises InputError when there is no history or it is too short to leave a fit period.
    """
    if holdout_years < 1:
        raise InputError(f"--holdout-years must be at least 1, not {holdout_years}")
    span = history.years
    if span is None:
        raise InputError("no usable breaks in the breaks layer: nothing to fit or score")
    first, last = span
    years = np.unique(history.year)  # the calendar years that appear in the history (SPEC)
    if len(years) <= holdout_years:
        raise InputError(
            f"the break history has breaks in {len(years)} calendar year{'' if len(years) == 1 else 's'} ({first}-{last}): "
            f"too few for a {holdout_years}-year holdout and a fit period before it"
        )
    start = int(years[-holdout_years])
    return (first, int(years[-holdout_years - 1])), (start, last)
