"""Run every benchmark script in turn (`make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_topology.py", "bench_isolation.py", "bench_segments.py", "bench_renewal.py",
           "bench_edits.py", "bench_render.py"]

if __name__ == "__main__":
    failed = 0
    for name in SCRIPTS:
        if (HERE / name).exists():
            print(f"\n=== {name}", flush=True)
            failed |= subprocess.call([sys.executable, str(HERE / name)])
    sys.exit(failed)
