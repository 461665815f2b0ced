"""`gisheat failure-model` and `gisheat plan` through the real console entry point (SPEC section 2)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys

import pandas as pd
import pytest

from gisheat.cli import main
from gisheat.io import gpkg
from gisheat.sample.handmade import make_network, pipe


def run(*args):
    """The real console entry point in a new process (what scripts see)."""
    return subprocess.run([sys.executable, "-m", "gisheat", *map(str, args)], capture_output=True, text=True)


@pytest.fixture
def call(capsys):
    """The same entry point in this process (fast, for usage and error checks): (status, stdout, stderr)."""

    def invoke(*args):
        try:
            status = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            status = exc.code
        out, err = capsys.readouterr()
        return status, out, err

    return invoke


def one_line_error(result):
    status, out, err = result
    assert status == 1 and out == ""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err
    return lines[0]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Four pipes, a few breaks 2019–2024 (too few to fit: documented defaults)."""
    net = make_network(
        [pipe("a", [(0, 0), (400, 0)], dn=300, install_year=1975, laying="trench"),
         pipe("b", [(400, 0), (800, 0)], dn=300, install_year=1985, laying="trench"),
         pipe("c", [(0, 500), (400, 500)], dn=200, install_year=2012),
         pipe("d", [(0, 900), (300, 900)], dn=100, install_year=1995)],
        breaks=pd.DataFrame({"pipe_id": ["a", "a", "b", "d", "a", "zz"],
                             "date": [dt.date(2019, 1, 3), dt.date(2021, 2, 1), dt.date(2022, 12, 1),
                                      dt.date(2023, 1, 9), dt.date(2024, 11, 30), dt.date(2023, 5, 5)]}),
    )
    path = tmp_path_factory.mktemp("cli") / "small.gpkg"
    gpkg.save(net, path)
    return path


def test_failure_model_json_on_the_sample(sample_path):
    result = run("failure-model", sample_path, "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["fit_years"] == [2013, 2022] and doc["holdout_years"] == [2023, 2025]
    assert doc["holdout_breaks"] > 0
    scores = doc["scores"]
    assert set(scores) == {"model", "oldest_first", "most_past_breaks_first"}
    assert scores["oldest_first"]["deviance"] is None and scores["most_past_breaks_first"]["deviance"] is None
    assert scores["model"]["deviance"] > 0
    assert scores["model"]["top10_capture"] > max(scores["oldest_first"]["top10_capture"],
                                                  scores["most_past_breaks_first"]["top10_capture"])


def test_failure_model_text_and_defaults_said(small, call):
    status, out, err = call("failure-model", small, "--holdout-years", "2")
    assert status == 0, err
    assert "DEFAULT PARAMETERS" in out and "default parameters used" in out
    assert "fit years 2019-2022" in out and "holdout 2023-2024 (2 breaks)" in out
    assert "1 unknown pipe" in out
    doc = json.loads(call("failure-model", small, "--holdout-years", "2", "--json")[1])
    assert set(doc) == {"model", "fit_years", "holdout_years", "holdout_breaks", "scores"}  # SPEC keys only
    assert doc["model"]["source"] == "defaults" and "default parameters" in doc["model"]["note"]
    assert doc["holdout_breaks"] == 2
    doc = json.loads(call("failure-model", small, "--holdout-years", "2", "--json", "--details")[1])
    assert doc["ignored_breaks"]["unknown_pipe"] == 1


def test_failure_model_errors(small, tmp_path, call):
    line = one_line_error(call("failure-model", small, "--holdout-years", "9"))
    assert "too few" in line and str(small) in line
    empty = tmp_path / "empty.gpkg"
    gpkg.save(make_network([pipe("a", [(0, 0), (1, 0)])]), empty)
    assert "no usable breaks" in one_line_error(call("failure-model", empty))
    assert call("failure-model", small, "--holdout-years", "0")[0] == 2


def test_plan_json_follows_spec(small, tmp_path):
    out = tmp_path / "plan.csv"
    result = run("plan", small, "--years", "3", "--budget", "2500000", "--start-year", "2027", "--json",
                 "--output", out)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [y["year"] for y in doc["per_year"]] == [2027, 2028, 2029]
    for year in doc["per_year"]:
        assert set(year) == {"year", "budget", "cost", "km"}
        assert year["budget"] == 2_500_000 and year["cost"] <= year["budget"]
    assert len(doc["risk_before"]) == len(doc["risk_after"]) == 3
    assert doc["method"].startswith("milp")
    for item in doc["items"]:
        assert set(item) == {"pipe_id", "year", "cost", "risk_removed"}
    for year in doc["per_year"]:
        assert sum(i["cost"] for i in doc["items"] if i["year"] == year["year"]) == pytest.approx(year["cost"])
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["pipe_id"] for r in rows] == [i["pipe_id"] for i in doc["items"]]
    assert rows and set(rows[0]) >= {"pipe_id", "year", "cost", "risk_removed"}


def test_plan_budget_per_year_must_and_must_not(small, call):
    status, out, err = call("plan", small, "--years", "2", "--budget-per-year", "2000000,0", "--start-year", "2030",
                            "--must", "d", "--must-not", "a", "--json")
    assert status == 0, err
    doc = json.loads(out)
    pipes = {i["pipe_id"]: i["year"] for i in doc["items"]}
    assert pipes.get("d") == 2030 and "a" not in pipes
    assert doc["per_year"][1]["cost"] == 0 and doc["per_year"][1]["budget"] == 0


def test_plan_text_output(small, call):
    status, out, err = call("plan", small, "--years", "2", "--budget", "3e6", "--start-year", "2027")
    assert status == 0, err
    assert "renewal plan 2027-2028" in out
    assert "greedy by risk per cost" in out and "oldest first" in out


def test_plan_usage_and_errors(small, call):
    assert call("plan", small, "--years", "3", "--budget-per-year", "1,2")[0] == 2
    assert call("plan", small, "--years", "3")[0] == 2
    assert call("plan", small, "--years", "0", "--budget", "5")[0] == 2
    assert call("plan", small, "--years", "2", "--budget", "-5")[0] == 2
    assert call("plan", small, "--years", "2", "--budget", "5", "--road-work", "nocolon")[0] == 2
    assert "pipe zz" in one_line_error(call("plan", small, "--years", "2", "--budget", "1e6", "--must", "zz"))
    assert "fits no year" in one_line_error(call("plan", small, "--years", "2", "--budget", "1000", "--must", "a"))
    missing = small.parent / "missing.gpkg"
    assert "no such file" in one_line_error(call("plan", missing, "--years", "1", "--budget", "1"))
    # a horizon no model can speak for, and a saving of 100 % or more, are bad usage
    assert call("plan", small, "--years", "51", "--budget", "5")[0] == 2
    assert call("plan", small, "--years", "2", "--budget", "5", "--max-project-length", "0")[0] == 2
    assert call("plan", small, "--years", "2", "--budget", "5", "--road-work-saving", "100")[0] == 2
    # road works on a place the network does not have: refused, not silently dropped
    line = one_line_error(call("plan", small, "--years", "2", "--budget", "1e6", "--road-work", "Nowhere Rd:2027"))
    assert "'Nowhere Rd' is neither a street nor a district of the network" in line


def test_plan_json_notes_go_to_stderr(small):
    """With --json alone stdout is the SPEC document; what the plan assumed is said on stderr."""
    result = run("plan", small, "--years", "2", "--budget", "3e6", "--start-year", "2027", "--json")
    assert result.returncode == 0
    json.loads(result.stdout)
    notes = [line for line in result.stderr.splitlines() if line.startswith("gisheat: note: ")]
    assert any("default" in line for line in notes)  # too few breaks to fit: documented defaults


def test_plan_save_keeps_the_plan_in_the_file(small, tmp_path):
    path = tmp_path / "saved.gpkg"
    path.write_bytes(small.read_bytes())
    result = run("plan", path, "--years", "2", "--budget", "3e6", "--start-year", "2027", "--save",
                 "--plan-name", "test plan", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    net = gpkg.load(path)
    assert list(net.layers["renewal_plans"]["name"]) == ["test plan"]
    items = net.layers["renewal_items"]
    assert sorted(items["pipe_id"]) == sorted(i["pipe_id"] for i in doc["items"])
    assert set(items["status"]) <= {"proposed"}


def test_plan_on_the_sample(sample_path):
    result = run("plan", sample_path, "--years", "2", "--budget", "20000000", "--start-year", "2027", "--json",
                 "--details")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert all(year["cost"] <= year["budget"] for year in doc["per_year"])
    assert all(a < b for a, b in zip(doc["risk_after"], doc["risk_before"], strict=True))
    removed = {name: summary["risk_removed"] for name, summary in doc["comparison"].items()}
    assert removed["milp"] >= removed["greedy_risk_per_cost"] >= 0
    assert removed["milp"] > removed["oldest_first"]
    assert doc["model"]["source"] == "fitted"


def test_plan_json_has_exactly_the_spec_keys_and_checks_the_start_year(small):
    result = run("plan", small, "--years", "2", "--budget", "3e6", "--start-year", "2027", "--json")
    assert result.returncode == 0, result.stderr
    assert list(json.loads(result.stdout)) == ["items", "per_year", "risk_before", "risk_after", "method"]
    assert run("plan", small, "--years", "2", "--budget", "3e6", "--start-year", "-5").returncode == 2


def test_failure_model_holdout_is_the_last_years_that_appear(tmp_path, call):
    import pandas as pd

    years = [2010, 2011, 2015, 2019, 2020, 2025]
    net = make_network([pipe(f"p{k}", [(0, 10.0 * k), (100, 10.0 * k)], install_year=2000) for k in range(6)],
                       breaks=pd.DataFrame({"pipe_id": [f"p{k}" for k in range(6)],
                                            "date": [f"{y}-06-01" for y in years]}))
    path = tmp_path / "gaps.gpkg"
    gpkg.save(net, path)
    doc = json.loads(call("failure-model", path, "--holdout-years", "3", "--json")[1])
    assert doc["holdout_years"] == [2019, 2025] and doc["holdout_breaks"] == 3
    assert doc["fit_years"] == [2010, 2015]
