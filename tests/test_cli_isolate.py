"""`gisheat isolate` through the console entry point, on the bundled sample."""

from __future__ import annotations

import json
import subprocess
import sys

import pyogrio

from gisheat.analysis.isolation import IsolationEngine


def run(*args):
    return subprocess.run([sys.executable, "-m", "gisheat", *map(str, args)], capture_output=True, text=True)


def test_json_matches_the_engine_and_spec_keys(sample_path, sample_network, sample_topology):
    result = run("isolate", sample_path, "--pipe", "P0150", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert list(doc) == ["failed_pipes", "valves_to_close", "closed_boundary_valves", "isolated_pipes",
                         "cut_off_pipes", "affected_stations", "affected_customers", "summary", "restoration"]
    assert list(doc["summary"]) == ["customers", "households", "vulnerable_households", "heated_area_m2",
                                    "heat_load_kw", "isolated_length_m", "drain_volume_m3"]
    expected = IsolationEngine(sample_network, sample_topology).isolate(["P0150"]).to_json()
    assert doc == json.loads(json.dumps(expected, ensure_ascii=False))
    for key in ("valves_to_close", "isolated_pipes", "cut_off_pipes", "affected_stations"):
        assert doc[key] == sorted(doc[key])
    assert result.stderr == ""


def test_repeated_options_and_failed_valves(sample_path):
    one = json.loads(run("isolate", sample_path, "--pipe", "P0150", "--json").stdout)
    failing = one["valves_to_close"][0]
    two = json.loads(run("isolate", sample_path, "--pipe", "P0150", "--pipe", "P0007",
                         "--failed-valve", failing, "--json").stdout)
    assert two["failed_pipes"] == ["P0007", "P0150"]
    assert failing not in two["valves_to_close"]
    assert two["summary"]["customers"] >= one["summary"]["customers"]


def test_text_output_lists_valves_and_customer_categories(sample_path):
    result = run("isolate", sample_path, "--pipe", "P0150")
    assert result.returncode == 0
    assert "Close 3 valves" in result.stdout
    assert "Customers without heat" in result.stdout
    assert "residential" in result.stdout


def test_unknown_ids_exit_one_with_one_line(sample_path):
    for extra in (["--pipe", "NOPE"], ["--pipe", "P0150", "--failed-valve", "NOVALVE"]):
        result = run("isolate", sample_path, *extra)
        assert result.returncode == 1
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "NO" in lines[0]
        assert result.stdout == ""


def test_missing_pipe_option_is_bad_usage(sample_path):
    assert run("isolate", sample_path).returncode == 2


def test_output_writes_layers_that_open_as_a_geopackage(sample_path, tmp_path):
    out = tmp_path / "result.gpkg"
    result = run("isolate", sample_path, "--pipe", "P0150", "--output", out, "--json")
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    layers = {str(name): geom for name, geom in pyogrio.list_layers(out)}
    assert {"valves_to_close", "isolated_pipes", "cut_off_pipes", "affected_customers"} <= set(layers)
    valves = pyogrio.read_dataframe(out, layer="valves_to_close")
    assert sorted(valves["valve_id"]) == doc["valves_to_close"]
    assert list(valves["close_order"]) == list(range(1, len(valves) + 1))
    customers = pyogrio.read_dataframe(out, layer="affected_customers")
    assert len(customers) == doc["summary"]["customers"]
    assert set(customers["reason"]) <= {"isolated", "cut_off", "station"}
    assert pyogrio.read_info(out, layer="isolated_pipes")["crs"] == "EPSG:4547"
