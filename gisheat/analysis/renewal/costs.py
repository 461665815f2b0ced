"""Replacement cost per metre of a supply + return pair, by DN (an editable table).

Defaults are DOMAIN.md's placeholder ranges (civil works and surface
restoration included) until a utility enters its own unit rates:
DN ≤ 100 ¥1–2.5k; DN 150–250 ¥2–4.5k; DN 300–500 ¥4–9k; DN 600–1000 ¥8–20k.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gisheat.errors import InputError

DEFAULT_UNIT_COSTS: tuple[tuple[float, float], ...] = (
    (50, 1_200.0),
    (100, 1_800.0),
    (150, 2_500.0),
    (200, 3_200.0),
    (250, 4_000.0),
    (300, 4_800.0),
    (400, 6_300.0),
    (500, 8_000.0),
    (600, 9_500.0),
    (700, 11_500.0),
    (800, 13_500.0),
    (900, 15_500.0),
    (1000, 18_000.0),
)
"""(largest DN, ¥ per metre) rows, ascending."""
DEFAULT_ABOVE_TABLE = 24_000.0
"""¥ per metre for DN above the last row."""


@dataclass(frozen=True)
class UnitCosts:
    """¥ per metre by DN: the first row whose largest DN is ≥ the pipe's DN applies."""

    rows: tuple[tuple[float, float], ...] = DEFAULT_UNIT_COSTS
    above: float = DEFAULT_ABOVE_TABLE
    unknown_dn: float = 200.0
    """DN assumed for pipes without one."""

    def __post_init__(self) -> None:
        dns = [r[0] for r in self.rows]
        if not self.rows or dns != sorted(dns) or len(set(dns)) != len(dns):
            raise InputError("unit cost table: DN rows must be given once each, in ascending order")
        if any(r[1] <= 0 for r in self.rows) or self.above <= 0:
            raise InputError("unit cost table: costs per metre must be positive")

    def per_metre(self, dn: np.ndarray) -> np.ndarray:
        """¥ per metre for each DN (NaN DN → :attr:`unknown_dn`)."""
        dn = np.where(np.isfinite(dn) & (np.asarray(dn) > 0), dn, self.unknown_dn)
        bounds = np.array([r[0] for r in self.rows], dtype=np.float64)
        prices = np.array([r[1] for r in self.rows] + [self.above], dtype=np.float64)
        return prices[np.searchsorted(bounds, dn, side="left")]

    def cost(self, dn: np.ndarray, length_m: np.ndarray) -> np.ndarray:
        """Replacement cost (whole ¥) of pipes of ``dn`` and ``length_m``."""
        return np.round(self.per_metre(dn) * np.asarray(length_m, dtype=np.float64))

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str]) -> UnitCosts:
        """Read a table with columns ``max_dn,yuan_per_m``; a row with max_dn ``above`` sets the top rate."""
        path = Path(path)
        try:
            with open(path, newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                if reader.fieldnames is None or not {"max_dn", "yuan_per_m"} <= set(reader.fieldnames):
                    raise InputError(f"{path}: unit cost table needs columns max_dn,yuan_per_m")
                rows, above = [], None
                for k, row in enumerate(reader, start=2):
                    try:
                        price = float(row["yuan_per_m"])
                        if row["max_dn"].strip().lower() == "above":
                            above = price
                        else:
                            rows.append((float(row["max_dn"]), price))
                    except (TypeError, ValueError):
                        raise InputError(f"{path}: line {k}: max_dn and yuan_per_m must be numbers") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read unit cost table ({exc.strerror})") from None
        rows.sort()
        if not rows:
            raise InputError(f"{path}: unit cost table has no rows")
        return cls(tuple(rows), above if above is not None else rows[-1][1])
