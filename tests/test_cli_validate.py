"""`gisheat validate` through the real console entry point."""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import shapely

from gisheat.io import gpkg
from gisheat.sample.handmade import make_network, pipe, valve


def run(*args):
    return subprocess.run([sys.executable, "-m", "gisheat", *map(str, args)], capture_output=True, text=True)


def test_validate_json_lists_problems_and_exits_zero(tmp_path):
    net = make_network([pipe("a", [(0, 0), (100, 0)])], valves=[valve("v9", (500, 500))])
    path = tmp_path / "n.gpkg"
    gpkg.save(net, path)
    result = run("validate", path, "--json")
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    assert doc == {"problems": [{"layer": "valves", "id": "v9", "problem": "dangling: not on any pipe"}]}


def test_validate_text_is_one_problem_per_line(tmp_path):
    net = make_network([pipe("a", [(0, 0), (100, 0)]), {"pipe_id": "b", "network": "primary", "dn": 1,
                                                        "geometry": shapely.LineString()}],
                       valves=[valve("v9", (500, 500))])
    path = tmp_path / "n.gpkg"
    gpkg.save(net, path)
    result = run("validate", path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["pipes\tb\tempty geometry", "valves\tv9\tdangling: not on any pipe"]


def test_unreadable_file_exits_one_with_one_line(tmp_path):
    bad = tmp_path / "bad.gpkg"
    bad.write_bytes(b"\x00garbage")
    for target in (bad, tmp_path / "missing.gpkg"):
        result = run("validate", target)
        assert result.returncode == 1
        assert result.stdout == ""
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and str(target.name) in lines[0]
        assert "Traceback" not in result.stderr


def test_bad_usage_exits_two():
    assert run("validate").returncode == 2
    assert run("frobnicate", "x").returncode == 2


def test_geographic_file_is_reported_not_refused_by_validate(tmp_path):
    net = make_network([pipe("a", [(114.0, 38.0), (114.001, 38.0)])], crs=4326)
    path = tmp_path / "wgs.gpkg"
    gpkg.save(net, path)
    result = run("validate", path, "--json")
    assert result.returncode == 0
    problems = json.loads(result.stdout)["problems"]
    assert problems[0]["layer"] == "pipes" and "geographic" in problems[0]["problem"]
    assert run("isolate", path, "--pipe", "a").returncode == 1


def test_geographic_pipes_do_not_claim_other_layers_were_reprojected(tmp_path):
    net = make_network([pipe("a", [(114.0, 38.0), (114.001, 38.0)])], crs=4326)
    net.layers["valves"] = gpd.GeoDataFrame({"valve_id": ["v"]}, geometry=[shapely.Point(500_000, 4_400_000)],
                                            crs=4547)
    net.dirty.add("valves")
    path = tmp_path / "wgs.gpkg"
    gpkg.save(net, path)
    problems = json.loads(run("validate", path, "--json").stdout)["problems"]
    valves = [p["problem"] for p in problems if p["layer"] == "valves"]
    assert valves == ["layer in EPSG:4547, not EPSG:4326"]


def test_a_reprojected_layer_is_a_warning_on_stderr_and_stdout_stays_one_json(tmp_path):
    net = make_network([pipe("a", [(500_000, 4_400_000), (500_100, 4_400_000)]),
                        pipe("b", [(500_100, 4_400_000), (500_200, 4_400_000)])],
                       valves=[valve("v", (500_100, 4_400_000))])
    net.layers["valves"] = net.layers["valves"].to_crs(32650)  # a utility's survey in UTM
    path = tmp_path / "utm.gpkg"
    gpkg.save(net, path)
    for command in (["isolate", path, "--pipe", "a", "--json"], ["segments", path, "--json"]):
        result = run(*command)
        assert result.returncode == 0
        json.loads(result.stdout)
        assert result.stderr.strip() == f"gisheat: warning: {path}: valves: layer in EPSG:32650, not EPSG:4547; reprojected"
    isolated = json.loads(run("isolate", path, "--pipe", "a", "--json").stdout)
    assert isolated["valves_to_close"] == ["v"]  # the reprojected valve still splits the pipe
    # a command that fails says its one error line only (SPEC), not the warnings before it
    failed = run("isolate", path, "--pipe", "NOPE", "--json")
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.strip().splitlines() == [f"gisheat: {path}: layer pipes has no pipe 'NOPE'"]


def test_a_pipes_table_without_geometry_is_refused_in_one_line(tmp_path):
    import pyogrio

    path = tmp_path / "table.gpkg"
    pyogrio.write_dataframe(pd.DataFrame({"pipe_id": ["a"], "network": ["primary"], "dn": [100]}), path,
                            layer="pipes", driver="GPKG")
    for command in (["validate", path], ["isolate", path, "--pipe", "a"]):
        result = run(*command)
        assert result.returncode == 1
        assert result.stderr.strip().splitlines() == [
            f"gisheat: {path}: layer pipes has no geometry (a plain table); gisheat needs the pipes as lines"]
