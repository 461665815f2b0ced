"""Editing, import, export and autosave timings on big synthetic networks.

    python benchmarks/bench_edits.py              # 100k pipes
    python benchmarks/bench_edits.py --million    # also 1M pipes

For each size: one apply and one undo of every edit kind (an interactive
edit must feel instant), an import of all valves from a GeoPackage into a
fresh valves layer, an export of the pipes to each format, and an autosave
(recovery copy) after one edit. Prints one line per measurement and the peak
memory (max RSS).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import shapely

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
sys.path.insert(0, str(ROOT))

from gisheat.core import edits  # noqa: E402
from gisheat.core.network import Network  # noqa: E402
from gisheat.io import export, gpkg, importer, recovery  # noqa: E402
from gisheat.sample import synthetic  # noqa: E402


def timed(label: str, fn):
    t0 = time.perf_counter()
    result = fn()
    print(f"{label:<44} {1000 * (time.perf_counter() - t0):9.1f} ms", flush=True)
    return result


def network_file(n: int) -> Path:
    path = DATA / f"synthetic_{n}.gpkg"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        gpkg.save(synthetic.synthetic_network(n), path)
    return path


def bench(n: int, folder: Path) -> None:
    print(f"--- {n} pipes")
    net = timed("load", lambda: gpkg.load(network_file(n)))
    pipes = net.pipes
    row = len(pipes) // 2
    line = pipes.geometry.array[row]
    mid = tuple(shapely.get_coordinates(line.interpolate(0.5, normalized=True))[0])
    end = tuple(shapely.get_coordinates(line)[-1])
    kinds = {
        "set dn of one pipe": lambda: edits.SetValues("pipes", (row,), "dn", ("150",)),
        "set status of 1000 pipes": lambda: edits.SetValues("pipes", tuple(range(1000)), "status", ("planned",)),
        "move node": lambda: edits.MoveNode(end, (end[0] + 1, end[1] + 1)),
        "move vertex": lambda: edits.MoveVertex("pipes", row, 0, (mid[0], mid[1] + 3)),
        "split pipe": lambda: edits.SplitPipe(row, mid),
        "place valve (and split)": lambda: edits.PlaceValve(row, mid, split=True),
        "add customer": lambda: edits.add_point("customers", mid, households=40),
        "delete 10 pipes": lambda: edits.DeleteFeatures("pipes", tuple(range(0, 100, 10))),
    }
    for label, make in kinds.items():
        inverse = timed(f"edit: {label}", lambda make=make: make().apply(net))
        timed(f"undo: {label}", lambda inverse=inverse: inverse.apply(net))

    valves_file = folder / f"valves_{n}.gpkg"
    export.export_layer(net, "valves", valves_file)
    fresh = Network(layers={"pipes": net.pipes}, crs=net.crs)
    source = timed("import: open source (valves)", lambda: importer.open_source(valves_file))
    options = importer.ImportOptions("valves", fields={c: c for c in source.fields if c in
                                                       ("valve_id", "pipe_id", "dn", "normally_open", "operable")})
    _, report = timed(f"import: {len(source.frame)} valves", lambda: importer.import_features(fresh, source, options))
    assert report.imported == len(source.frame), report.lines()[:3]
    for suffix in (".gpkg", ".geojson", ".shp", ".csv"):
        timed(f"export pipes {suffix}", lambda suffix=suffix: export.export_layer(net, "pipes", folder / f"p{suffix}"))
    copy = folder / f"net_{n}.gpkg"
    timed("save a copy", lambda: gpkg.save(net, copy))
    net = gpkg.load(copy)
    edits.SetValues("pipes", (0,), "dn", (200,)).apply(net)
    timed("autosave after one edit (recovery copy)", lambda: recovery.write_recovery(net))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--million", action="store_true")
    args = parser.parse_args()
    sizes = [100_000] + ([1_000_000] if args.million else [])
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            bench(n, Path(tmp))
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
