"""Shared pieces of the benchmark scripts: cached synthetic networks, timing, peak memory.

Network files live in benchmarks/data/ (git-ignored) and are remade when
gisheat/sample/synthetic.py is newer than them.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
GENERATOR = ROOT / "gisheat" / "sample" / "synthetic.py"
SIZES = (10_000, 100_000, 1_000_000)


def network_file(n: int) -> Path:
    """Path of the synthetic network of about ``n`` pipes, generated when missing or stale."""
    from gisheat.io import gpkg
    from gisheat.sample import synthetic

    path = DATA / f"synthetic_{n}.gpkg"
    if not path.exists() or path.stat().st_mtime < GENERATOR.stat().st_mtime:
        DATA.mkdir(parents=True, exist_ok=True)
        gpkg.save(synthetic.synthetic_network(n), path)
    return path


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class Clock:
    """Named laps: ``with clock("load"): ...`` records seconds per step."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}

    def __call__(self, name: str):
        clock = self

        class _Lap:
            def __enter__(self):
                self.start = time.perf_counter()

            def __exit__(self, *exc):
                clock.laps[name] = time.perf_counter() - self.start

        return _Lap()


def in_subprocess(script: Path, *args: str) -> dict:
    """Run ``script --child ARGS`` in a fresh interpreter (so peak memory is per case); it prints one JSON line."""
    out = subprocess.run([sys.executable, str(script), "--child", *args], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpus = os.cpu_count()
    return f"{platform.machine()}, {cpus} cores, Python {platform.python_version()}"
