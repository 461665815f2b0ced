"""Findings about the data: what validation and topology report, one line each."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One topology or data problem: the layer, the feature id ("" for the whole layer), what is wrong."""

    layer: str
    id: str
    problem: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.layer}\t{self.id}\t{self.problem}"
