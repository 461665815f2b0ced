"""`gisheat segments`, `criticality` and `audit` through the console entry point."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from gisheat.io import gpkg
from gisheat.sample.handmade import customer, make_network, pipe, source, valve


def run(*args):
    return subprocess.run([sys.executable, "-m", "gisheat", *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    net = make_network([pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (300, 0)], dn=200),
                        pipe("c", [(300, 0), (400, 0)])],
                       valves=[valve("v1", (100, 0)), valve("i", (200, 0))],
                       sources=[source("S", (0, 0))],
                       customers=[customer("x", (400, 0), households=7, heat_load_kw=50.0)])
    path = tmp_path_factory.mktemp("cli") / "small.gpkg"
    gpkg.save(net, path)
    return path


def test_segments_csv(small, tmp_path):
    out = tmp_path / "seg.csv"
    assert run("segments", small, "--output", out).returncode == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert list(rows[0]) == ["pipe_id", "piece", "segment_id"]
    assert [(r["pipe_id"], r["piece"]) for r in rows] == [("a", "0"), ("b", "0"), ("b", "1"), ("c", "0")]
    seg = [r["segment_id"] for r in rows]
    assert seg[0] != seg[1] != seg[2] and seg[2] == seg[3]
    doc = json.loads(run("segments", small, "--json").stdout)
    assert doc["segment_count"] == 3 and len(doc["segments"]) == 4


def test_criticality_csv_and_json(small, tmp_path):
    out = tmp_path / "crit.csv"
    assert run("criticality", small, "--output", out).returncode == 0
    rows = {r["pipe_id"]: r for r in csv.DictReader(out.read_text(encoding="utf-8").splitlines())}
    assert list(next(iter(rows.values()))) == ["pipe_id", "customers", "households", "heat_load_kw", "valves_to_close"]
    assert rows["c"]["customers"] == "1" and rows["c"]["households"] == "7"
    assert rows["c"]["valves_to_close"] == "1"
    assert rows["b"]["valves_to_close"] == "1"  # the whole pipe drains: only v1 closes
    assert float(rows["a"]["heat_load_kw"]) == 50.0  # the source's own main: everything downstream
    doc = json.loads(run("criticality", small, "--json").stdout)
    assert doc["criticality"][2] == {"pipe_id": "c", "customers": 1, "households": 7, "heat_load_kw": 50.0,
                                     "valves_to_close": 1}


def test_audit_text_and_json(small):
    text = run("audit", small)
    assert text.returncode == 0 and "Worst single pipe failure" in text.stdout
    doc = json.loads(run("audit", small, "--json").stdout)
    assert doc["worst_case_customers"] == 1


def test_unreadable_file_exits_one(tmp_path):
    for cmd in ("segments", "criticality", "audit"):
        result = run(cmd, tmp_path / "missing.gpkg")
        assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
