"""Shared fixtures: the bundled sample network and its topology (built once per session)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "beicheng.gpkg"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_network():
    """The sample network, loaded once. Tests must not modify it (copy first)."""
    from gisheat.io import gpkg

    return gpkg.load(SAMPLE)


@pytest.fixture(scope="session")
def sample_topology(sample_network):
    from gisheat.analysis import topology

    return topology.build(sample_network)
