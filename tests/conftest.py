"""Shared fixtures: the bundled sample network and its topology (built once per session)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests: a quick profile for every run, a deep one on demand
# (HYPOTHESIS_PROFILE=deep make test) — run it after changing an analysis.
settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile("deep", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

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
