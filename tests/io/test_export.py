"""Export to GeoPackage, GeoJSON, Shapefile and CSV: values kept, names fitted and reported, atomic."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from gisheat.core import edits
from gisheat.errors import InputError
from gisheat.io import export as ex
from gisheat.io import gpkg
from gisheat.io import importer as imp
from gisheat.sample.handmade import customer, make_network, pipe


@pytest.fixture
def network():
    return make_network(
        [pipe("P1", [(538000, 4206000), (538100, 4206000), (538100, 4206050)], length_m=150.5, district_id="北区"),
         pipe("P2", [(538100, 4206050), (538200, 4206050)], network="secondary", dn=50, length_m=None, district_id=None)],
        customers=[customer("C1", (538200, 4206050), name="人民医院", category="hospital", households=0,
                            heated_area_m2=12000.5, vulnerable_households=0),
                   customer("C2", (538100, 4206050), name="阳光小区", category="residential", households=120,
                            heated_area_m2=8000.0, vulnerable_households=9)],
    )


def read(path, **kw):
    return pyogrio.read_dataframe(path, **kw)


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson", ".shp"])
def test_points_round_trip_with_chinese_text(network, tmp_path, suffix):
    path = tmp_path / f"customers{suffix}"
    report = ex.export_layer(network, "customers", path)
    back = read(path)
    name_of = report.renamed.get
    assert back[name_of("name", "name")].tolist() == ["人民医院", "阳光小区"]
    assert back[name_of("households", "households")].tolist() == [0, 120]
    assert back[name_of("heated_area_m2", "heated_area_m2")].tolist() == [12000.5, 8000.0]
    assert shapely.equals_exact(back.geometry.array, network.customers.geometry.array, tolerance=1e-6).all()
    assert report.features == 2 and report.path == path


def test_shapefile_names_are_cut_to_ten_bytes_uniquely_and_reported(tmp_path):
    frame = gpd.GeoDataFrame(
        {"heated_area_m2": [1.0], "heated_area_total": [2.0], "供热面积平方米": [3.0], "dn": [100]},
        geometry=[shapely.Point(0, 0)], crs=4547)
    path = tmp_path / "odd.shp"
    report = ex.export_frame(frame, path)
    assert report.renamed == {"heated_area_m2": "heated_are", "heated_area_total": "heated_a_1", "供热面积平方米": "供热面"}
    assert "field heated_area_m2 written as heated_are" in report.lines()
    back = read(path)
    assert list(back.columns) == ["heated_are", "heated_a_1", "供热面", "dn", "geometry"]
    assert back["供热面"].tolist() == [3.0]
    assert (tmp_path / "odd.cpg").read_text().strip().upper().replace("-", "") == "UTF8"


def test_shapefile_in_gbk_for_old_software_and_long_text_is_cut_with_a_note(tmp_path):
    frame = gpd.GeoDataFrame({"名称": ["换热站" * 50]}, geometry=[shapely.Point(0, 0)], crs=4547)
    report = ex.export_frame(frame, tmp_path / "gbk.shp", encoding="GBK")
    assert report.notes == ["field 名称: 1 texts longer than 254 bytes were cut"]
    back = read(tmp_path / "gbk.shp")  # the .cpg says GBK
    assert back["名称"].iloc[0] == "换热站" * 42 + "换"  # 127 characters of 2 bytes
    assert "名称" not in report.renamed  # 4 bytes in GBK


def test_csv_has_x_y_for_points_and_wkt_for_lines_and_imports_back(network, tmp_path):
    ex.export_layer(network, "customers", tmp_path / "c.csv")
    text = (tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()
    assert text[0].endswith(",x,y") and text[1].startswith("C1,")
    assert text[1].endswith(",538200.0,4206050.0")
    ex.export_layer(network, "pipes", tmp_path / "p.csv")
    pipes = pd.read_csv(tmp_path / "p.csv")
    assert pipes["wkt"].iloc[0] == "LINESTRING (538000 4206000, 538100 4206000, 538100 4206050)"
    assert pd.isna(pipes["length_m"].iloc[1])
    # the CSV comes back in through the importer unchanged
    empty = gpkg.new_network({"pipes": edits.new_layer_frame("pipes", 4547)}, 4547)
    source = imp.open_source(tmp_path / "p.csv", crs=4547)
    _, report = imp.import_features(empty, source, imp.ImportOptions("pipes", fields={c: c for c in (
        "pipe_id", "network", "dn", "length_m", "district_id")}))
    assert report.imported == 2 and not report.skipped
    assert shapely.equals_exact(empty.pipes.geometry.array, network.pipes.geometry.array, tolerance=0).all()
    assert empty.pipes["district_id"].iloc[0] == "北区" and empty.pipes["length_m"].iloc[0] == 150.5


def test_csv_column_names_do_not_collide(tmp_path):
    frame = gpd.GeoDataFrame({"x": [1], "y": [2]}, geometry=[shapely.Point(5, 6)], crs=4547)
    report = ex.export_frame(frame, tmp_path / "xy.csv")
    assert report.renamed == {"(x)": "x_1", "(y)": "y_1"}
    assert (tmp_path / "xy.csv").read_text().splitlines() == ["x,y,x_1,y_1", "1,2,5.0,6.0"]


def test_analysis_result_indexed_by_id_joins_geometry_and_exports(network, tmp_path):
    result = pd.DataFrame({"customers": [3, 0], "heat_load_kw": [120.5, 0.0]},
                          index=pd.Index(["P2", "P9"], name="pipe_id"))
    table = ex.export_frame(result, tmp_path / "crit.csv")
    assert (tmp_path / "crit.csv").read_text().splitlines()[0] == "pipe_id,customers,heat_load_kw"
    assert table.features == 2
    mapped = ex.with_geometry(result, network, "pipes")
    assert mapped["pipe_id"].tolist() == ["P2", "P9"]
    assert mapped.geometry.iloc[0].equals(network.pipes.geometry.iloc[1]) and mapped.geometry.iloc[1] is None
    report = ex.export_frame(mapped, tmp_path / "crit.geojson", crs="EPSG:4326")
    assert "reprojected to EPSG:4326" in report.notes
    back = read(tmp_path / "crit.geojson")
    assert back["customers"].tolist() == [3, 0]
    assert 114 < back.geometry.iloc[0].coords[0][0] < 115  # longitude of the sample city area


def test_a_failed_export_leaves_the_previous_file_and_no_litter(network, tmp_path, monkeypatch):
    path = tmp_path / "pipes.gpkg"
    ex.export_layer(network, "pipes", path)
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pyogrio, "write_arrow", broken)
    with pytest.raises(InputError, match=r"pipes.gpkg.*could not write GPKG \(disk full\)"):
        ex.export_layer(network, "pipes", path)
    with pytest.raises(InputError, match="could not write ESRI Shapefile"):
        ex.export_layer(network, "pipes", tmp_path / "pipes.shp")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipes.gpkg"]


def test_bad_requests_are_refused_in_one_line(network, tmp_path):
    with pytest.raises(InputError, match="cannot tell the format from the suffix"):
        ex.export_layer(network, "pipes", tmp_path / "pipes.xlsx")
    with pytest.raises(InputError, match=r"no layer 'hydrants' in the network \(layers: pipes, customers\)"):
        ex.export_layer(network, "hydrants", tmp_path / "h.gpkg")
    mixed = gpd.GeoDataFrame({"a": [1, 2]}, geometry=[shapely.Point(0, 0), shapely.LineString([(0, 0), (1, 1)])], crs=4547)
    with pytest.raises(InputError, match="a Shapefile holds one geometry type; this layer has LineString, Point"):
        ex.export_frame(mixed, tmp_path / "mixed.shp")
    with pytest.raises(InputError, match="does not exist"):
        ex.export_layer(network, "pipes", tmp_path / "nope" / "p.gpkg")
    table = pd.DataFrame({"pipe_id": ["a"], "date": ["2020-01-01"]})
    with pytest.raises(InputError, match="breaks has no geometry, and a Shapefile needs one"):
        ex.export_frame(table, tmp_path / "breaks.shp", layer_name="breaks")
    assert not list(tmp_path.glob("breaks.*"))


def test_a_sample_layer_exports_to_every_format_with_all_its_fields(sample_network, tmp_path):
    for suffix in (".gpkg", ".geojson", ".shp", ".csv"):
        path = tmp_path / f"valves{suffix}"
        report = ex.export_layer(sample_network, "valves", path)
        back = pd.read_csv(path) if suffix == ".csv" else read(path)
        assert len(back) == len(sample_network.valves)
        written = [report.renamed.get(c, c) for c in sample_network.valves.columns if c != "geometry"]
        assert set(written) <= set(back.columns)
        chambers = back[report.renamed.get("chamber_no", "chamber_no")]
        assert chambers.notna().sum() == sample_network.valves["chamber_no"].notna().sum()
        assert np.array_equal(back[report.renamed.get("valve_id", "valve_id")].astype(str).to_numpy(),
                              sample_network.valves["valve_id"].astype(str).to_numpy())
