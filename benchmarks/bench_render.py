"""Map rendering benchmark (offscreen): start-up on the sample, first paint and pan/zoom repaints.

    python benchmarks/bench_render.py                 # sample + 100k (+ 1M with --million)
    python benchmarks/bench_render.py --million

* sample: a fresh process imports gisheat, shows the main window, loads the
  sample in the background and paints the map; time from process start.
* synthetic N pipes (``gisheat.sample.synthetic``, cached in benchmarks/data/),
  each case in a fresh process: file read; map layers prepared (what the
  app does in the background open task); first paint on the GUI thread
  (items made, zoom to full extent, first frame); when the background
  overview images of big line layers are ready; then repaints of the map
  viewport after pans and zooms at full extent and at street scale
  (1:10 000), each frame rendered into a pixmap (``viewport().grab()``).

Prints one line per measurement and peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"

STARTUP_SCRIPT = r"""
import time
t0 = time.perf_counter()
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
from gisheat.ui import app as appmod
app, w = appmod.start(["gisheat", sys.argv[1]])   # what main() does before app.exec()
t_shown = time.perf_counter() - t0
while w.session.network is None:
    app.processEvents()
    time.sleep(0.002)
app.processEvents()
w.canvas.viewport().grab()
t_painted = time.perf_counter() - t0
print(f"{t_shown:.3f} {t_painted:.3f}")
"""


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_startup(path: Path) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as settings:
        times = []
        for _ in range(3):
            out = subprocess.run([sys.executable, "-c", STARTUP_SCRIPT, str(path), settings], capture_output=True,
                                 text=True, check=True, cwd=ROOT)
            times.append([float(v) for v in out.stdout.split()[-2:]])
    shown = min(t[0] for t in times)
    painted = min(t[1] for t in times)
    print(f"sample start-up: window shown {shown:.2f} s (file opening started), map painted {painted:.2f} s "
          "after process start "
          f"(best of 3; runs {', '.join(f'{t[1]:.2f}' for t in times)} s)  [target < 3 s]")


def synthetic_file(n: int) -> Path:
    path = DATA / f"synthetic_{n}.gpkg"
    if not path.exists():
        from gisheat.io import gpkg
        from gisheat.sample.synthetic import synthetic_network

        DATA.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        gpkg.save(synthetic_network(n), path)
        print(f"generated {path.name} in {time.perf_counter() - t:.1f} s")
    return path


def frame_ms(canvas) -> float:
    t = time.perf_counter()
    canvas.viewport().grab()
    return (time.perf_counter() - t) * 1000


def bench_network(n: int, first_target: float, frame_target: float) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QApplication

    from gisheat.io import gpkg
    from gisheat.ui import app as appmod
    from gisheat.ui.main_window import MainWindow, prepare_layers

    path = synthetic_file(n)
    app = appmod.make_app(["bench"])
    t = time.perf_counter()
    network = gpkg.load(path)
    load_s = time.perf_counter() - t
    w = MainWindow()
    w.resize(1400, 900)
    w.show()
    app.processEvents()

    t = time.perf_counter()
    layers = prepare_layers(network)
    prep_s = time.perf_counter() - t
    w.set_network(network, layers)
    items_s = time.perf_counter() - t - prep_s
    canvas = w.canvas
    first = frame_ms(canvas) / 1000
    first_total = time.perf_counter() - t
    gui = items_s + first
    pending = []
    if any(getattr(layer, "lod", None) is not None for layer in canvas.layers.values()):
        while not w.runner.running:  # the overview task starts shortly after the first frame
            app.processEvents()
            time.sleep(0.005)
        for factor in (0.8, 1.25, 0.8, 1.25):  # zoom frames while the overview renders in the background
            canvas.zoom_by(factor)
            pending.append(frame_ms(canvas))
    # big line layers: the overview images render in the background; frames below wait for them
    while w.runner.running:
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()
    overview_s = time.perf_counter() - t
    n_pipes = len(network.pipes)
    n_items = sum(len(layer.items) for layer in canvas.layers.values())
    ok = "OK" if gui < first_target else "SLOW"
    print(f"{n_pipes:,} pipes: read file {load_s:.2f} s; map layers prepared (worker thread) {prep_s:.2f} s; "
          f"then first paint on the GUI thread {gui:.2f} s (items/zoom {items_s:.2f} + frame {first:.2f}) "
          f"[{ok}, target < {first_target:g} s]; {first_total:.2f} s from read to first paint; "
          f"overview ready {overview_s:.2f} s after read; {n_items} map items")
    if pending:
        print(f"  zoom frames while the overview renders (trunks only, 1-px): "
              f"{', '.join(f'{t:.0f}' for t in pending)} ms")

    def run(label: str, moves) -> None:
        times = []
        for move in moves:
            move()
            times.append(frame_ms(canvas))
        med, worst = statistics.median(times), max(times)
        verdict = "OK" if med < frame_target else "SLOW"
        print(f"  {label:<38} median {med:6.1f} ms, max {worst:6.1f} ms over {len(times)} frames "
              f"[{verdict}, target < {frame_target:g} ms]")

    view = canvas.view_box
    frame_ms(canvas)
    pans = [lambda: canvas.pan_by(0.1, 0)] * 5 + [lambda: canvas.pan_by(-0.1, 0.05)] * 5
    run("pan at full extent", pans)
    zooms = [lambda: canvas.zoom_by(0.8)] * 4 + [lambda: canvas.zoom_by(1.25)] * 4
    run("zoom in/out at full extent", zooms)
    x0, y0, x1, y1 = canvas.full_extent()
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    for scale in (40_000, 10_000):  # district scale (vector tiles, many in view) and street scale
        width = scale * 0.0254 / 96 * canvas.viewport().width()
        view.setRange(QRectF(cx - width / 2, cy - width / 2, width, width), padding=0)
        canvas.refresh_view_state()
        frame_ms(canvas)
        run(f"pan at 1:{scale:,}".replace(",", " "), pans)
        run(f"zoom in/out at 1:{scale:,}".replace(",", " "), zooms)
    t = time.perf_counter()
    canvas.refresh_view_state()
    print(f"  after a pan settles: scale visibility + labels {1000 * (time.perf_counter() - t):.1f} ms")
    t = time.perf_counter()
    layer = canvas.layers["pipes"]
    hit = layer.nearest(cx, cy, 50.0)
    print(f"  identify (first use builds the pipe index): {1000 * (time.perf_counter() - t):.0f} ms, hit {hit}")
    w.close()
    QApplication.processEvents()
    print(f"  peak memory {peak_mb():,.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--million", action="store_true", help="also the 1M-pipe network (slow to load)")
    parser.add_argument("--only", choices=["sample", "100k", "1m"], help="run one case (in this process)")
    parser.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only is None:
        # every case in a fresh process, as a user opening that file in a new app would
        print(f"bench_render {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        cases = ["sample", "100k"] + (["1m"] if args.million else [])
        for case in cases:
            subprocess.run([sys.executable, __file__, "--only", case, "--quiet"], check=True)
        return 0
    if not args.quiet:
        print(f"bench_render {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if args.only == "sample":
        bench_startup(ROOT / "sample_data" / "beicheng.gpkg")
    elif args.only == "100k":
        bench_network(100_000, 3.0, 30.0)
    else:
        bench_network(1_000_000, 1.0, 100.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
