"""`gisheat import` and `gisheat export` through the real console entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

from gisheat.cli import main
from gisheat.io import gpkg
from gisheat.sample.handmade import make_network, pipe

GISWATER = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "giswater_ws_sample" / "giswater_ws_sample.gpkg"
X0, Y0 = 538000.0, 4206000.0


def run(*args):
    """The real console entry point, in a new process."""
    return subprocess.run([sys.executable, "-m", "gisheat", *map(str, args)], capture_output=True, text=True)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def gisheat(capsys):
    """The same entry point in this process (fast); usage errors exit 2 as with the console script."""

    def call(*args):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    return call


@pytest.fixture
def network_file(tmp_path):
    path = tmp_path / "net.gpkg"
    gpkg.save(make_network([pipe("P0001", [(X0, Y0), (X0 + 100, Y0)])]), path)
    return path


@pytest.fixture
def shapefile(tmp_path):
    path = tmp_path / "old_gis.shp"
    gpd.GeoDataFrame(
        {"GXBH": ["G1", "G2", "G3"], "GJ": ['6"', "4", "huge"], "JB": ["一次网", "二次网", "一次网"],
         "MAT": ["钢管", "PE", "钢管"]},
        geometry=[shapely.LineString([(X0 + 100, Y0), (X0 + 200, Y0)]),
                  shapely.LineString([(X0 + 200, Y0), (X0 + 200, Y0 + 80)]),
                  shapely.LineString([(X0 + 200, Y0), (X0 + 300, Y0)])],
        crs=4547,
    ).to_crs(4326).to_file(path, engine="pyogrio", encoding="UTF-8")
    return path


def test_import_prints_the_report_and_saves(network_file, shapefile, gisheat):
    before = network_file.read_bytes()
    result = gisheat("import", network_file, shapefile, "--layer", "pipes", "--map", "GXBH=pipe_id",
                 "--map", "GJ=dn", "--map", "JB=network", "--map", "MAT=material", "--dn-inches")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{shapefile}: feature 2 (pipe_id G3): dn 'huge' is not a pipe size in inches",
        "note: reprojected from EPSG:4326 to EPSG:4547",
        f"{shapefile}: 2 of 3 features imported into pipes; 1 left out",
    ]
    assert network_file.read_bytes() != before
    pipes = gpkg.load(network_file).pipes
    assert pipes["pipe_id"].tolist() == ["P0001", "G1", "G2"]
    assert pipes["dn"].tolist() == [100, 150, 100]
    assert pipes["network"].tolist() == ["primary", "primary", "secondary"]
    assert pipes["material"].tolist()[1:] == ["steel", "pe"]
    assert shapely.get_coordinates(pipes.geometry.iloc[1])[0] == pytest.approx([X0 + 100, Y0], abs=1e-3)


def test_import_json_and_dry_run_leave_the_file_alone(network_file, shapefile, gisheat):
    before = network_file.read_bytes()
    result = gisheat("import", network_file, shapefile, "--layer", "pipes", "--map", "GJ=dn", "--dn-inches",
                 "--set", "network=primary", "--keep-unmapped", "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["read"], doc["imported"], doc["saved"]) == (3, 2, False)
    assert doc["skipped"] == [{"source": str(shapefile), "feature": "feature 2",
                               "problem": "dn 'huge' is not a pipe size in inches"}]
    assert doc["mapping"] == {"GJ": "dn", "network": "=primary"}
    assert network_file.read_bytes() == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--map", "NOPE=dn", "--set", "network=primary"], "no field 'NOPE' to map"),
        (["--map", "GJ=dn"], "pipes need network"),
        (["--map", "GJ=dn", "--set", "network=district"], "--set network=district: network 'district' is not one of"),
        (["--map", "GJ=dn", "--set", "network=primary", "--x", "lon", "--y", "lat"], "--x/--y are for CSV files"),
        (["--map", "GJ=dn", "--map", "GJ=material", "--set", "network=primary"],
         "--map GJ: given twice (dn, material); a source field goes to one field"),
        (["--map", "GJ=dn", "--map", "not:GJ=normally_open", "--set", "network=primary"],
         "--map GJ: given twice (dn, normally_open); a source field goes to one field"),
    ],
)
def test_import_that_cannot_run_exits_one_with_one_line(network_file, shapefile, extra, message, gisheat):
    before = network_file.read_bytes()
    result = gisheat("import", network_file, shapefile, "--layer", "pipes", *extra)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr
    assert result.stdout == "" and network_file.read_bytes() == before


def test_a_misspelt_field_is_noted_not_silently_made(network_file, shapefile, gisheat):
    result = gisheat("import", network_file, shapefile, "--layer", "pipes", "--map", "GJ=dn", "--dn-inches",
                     "--set", "network=primary", "--map", "MAT=materail", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "note: MAT → materail: pipes has no field materail; kept as an extra field (did you mean material?)" \
        in result.stdout.splitlines()


def test_fields_named_as_the_layer_s_fields_need_no_map(tmp_path, gisheat):
    source = tmp_path / "named.geojson"
    gpd.GeoDataFrame({"pipe_id": ["X1", "X2"], "network": ["primary", "secondary"], "dn": [200, 80],
                      "DN": [1, 1]},  # names match exactly, not by case
                     geometry=[shapely.LineString([(X0, Y0), (X0 + 100, Y0)]),
                               shapely.LineString([(X0 + 100, Y0), (X0 + 100, Y0 + 100)])],
                     crs=4547).to_file(source)
    target = tmp_path / "new.gpkg"
    result = gisheat("import", target, source, "--layer", "pipes", "--set", "network=secondary")
    assert result.returncode == 0, result.stderr
    pipes = gpkg.load(target).pipes
    assert pipes["pipe_id"].tolist() == ["X1", "X2"] and pipes["dn"].tolist() == [200, 80]
    assert pipes["network"].tolist() == ["secondary", "secondary"]  # --set wins over the same-named field


def test_import_bad_usage_exits_two(network_file, shapefile, gisheat):
    assert gisheat("import", network_file, shapefile, "--layer", "pipes", "--map", "GJ").returncode == 2
    assert gisheat("import", network_file, shapefile, "--layer", "aqueducts").returncode == 2


def test_import_csv_with_x_y_and_source_crs_into_a_new_file(tmp_path, gisheat):
    csv = tmp_path / "stations.csv"
    lon, lat = gpd.GeoSeries([shapely.Point(X0, Y0)], crs=4547).to_crs(4326).iloc[0].coords[0]
    csv.write_text(f"站号,名称,E,N\nHS1,一号站,{lon},{lat}\nHS2,二号站,{lon},oops\n", encoding="utf-8")
    target = tmp_path / "new.gpkg"
    missing = gisheat("import", target, csv, "--layer", "stations", "--map", "站号=station_id", "--x", "E", "--y", "N",
                  "--source-crs", "EPSG:4326")
    assert missing.returncode == 1 and "a network needs a projected CRS in metres" in missing.stderr
    result = gisheat("import", target, csv, "--layer", "stations", "--map", "站号=station_id", "--map", "名称=name",
                 "--x", "E", "--y", "N", "--source-crs", "EPSG:4326", "--network-crs", "EPSG:4547")
    assert result.returncode == 0, result.stderr
    assert f"{csv}: line 3 (station_id HS2): N 'oops' is not a number" in result.stdout.splitlines()
    stations = gpkg.load(target).stations
    assert stations["name"].tolist() == ["一号站"]
    assert stations.geometry.iloc[0].distance(shapely.Point(X0, Y0)) < 1e-3


def test_export_writes_each_format_and_reports_renamed_fields(network_file, tmp_path, gisheat):
    result = gisheat("export", network_file, "--layer", "pipes", "--output", tmp_path / "p.shp")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"{tmp_path / 'p.shp'}: 1 features written (ESRI Shapefile)"
    result = gisheat("export", network_file, "--layer", "pipes", "-o", tmp_path / "p.json", "--format", "geojson",
                 "--crs", "EPSG:4326", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["notes"] == ["reprojected to EPSG:4326"]
    assert pyogrio.read_info(tmp_path / "p.json")["crs"] == "EPSG:4326"
    result = gisheat("export", network_file, "--layer", "valves", "-o", tmp_path / "v.csv")
    assert result.returncode == 1 and "no layer 'valves' in the network" in result.stderr


@pytest.mark.skipif(not GISWATER.exists(), reason="shared Giswater sample not present")
def test_giswater_pipes_and_valves_through_the_cli(tmp_path, gisheat):
    target = tmp_path / "santboi.gpkg"
    pipes = gisheat("import", target, GISWATER, "--source-layer", "pipes", "--layer", "pipes",
                "--map", "arc_id=pipe_id", "--map", "dnom=dn", "--set", "network=primary", "--json")
    assert pipes.returncode == 0, pipes.stderr
    assert json.loads(pipes.stdout)["imported"] == 256
    valves = gisheat("import", target, GISWATER, "--source-layer", "valves", "--layer", "valves",
                 "--map", "node_id=valve_id", "--map", "not:valve_closed=normally_open")
    assert valves.returncode == 0, valves.stderr
    assert valves.stdout.splitlines()[-1].endswith("52 of 52 features imported into valves")
    assert gisheat("validate", target).returncode == 0


def test_console_script_failure_is_one_clean_line_on_stderr(network_file, tmp_path):
    result = run("import", network_file, tmp_path / "missing.shp", "--layer", "pipes", "--map", "a=dn")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [f"gisheat: {tmp_path / 'missing.shp'}: no such file"]
