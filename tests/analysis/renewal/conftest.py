"""Fixtures for the renewal tests: the real Kitchener records, made once per session."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

KITCHENER = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "kitchener"


@pytest.fixture(scope="session")
def kitchener(tmp_path_factory):
    """(path of kitchener.gpkg, expected.json) made once per session by the shared script; skipped when absent."""
    script = KITCHENER / "make_network.py"
    if not script.exists():
        pytest.skip("shared Kitchener records not available")
    out = tmp_path_factory.mktemp("kitchener")
    done = subprocess.run([sys.executable, str(script), str(out)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"make_network.py failed: {done.stderr.strip().splitlines()[-1:]}")
    return out / "kitchener.gpkg", json.loads((out / "expected.json").read_text())
