"""Import from Shapefile, GeoJSON, GeoPackage and CSV: mapping, normalisation, units, CRS, report."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from gisheat.analysis.validate import validate
from gisheat.core import edits
from gisheat.errors import InputError
from gisheat.io import gpkg
from gisheat.io import importer as imp
from gisheat.sample.handmade import make_network, pipe, valve


def assert_layers_equal(left, right):
    """Same layers, columns, dtypes, index, values and geometry."""
    assert sorted(left) == sorted(right)
    for name in left:
        a, b = left[name], right[name]
        assert list(a.columns) == list(b.columns) and list(a.dtypes) == list(b.dtypes), name
        if isinstance(a, gpd.GeoDataFrame):
            assert shapely.equals_exact(np.asarray(a.geometry.array), np.asarray(b.geometry.array), tolerance=0).all()
            a, b = pd.DataFrame(a.drop(columns="geometry")), pd.DataFrame(b.drop(columns="geometry"))
        pd.testing.assert_frame_equal(a, b, check_exact=True)

GISWATER = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "giswater_ws_sample" / "giswater_ws_sample.gpkg"
X0, Y0 = 538000.0, 4206000.0  # in EPSG:4547, near the sample city


@pytest.fixture
def network():
    return make_network(
        [pipe("P0001", [(X0, Y0), (X0 + 100, Y0)]), pipe("P0002", [(X0 + 100, Y0), (X0 + 200, Y0)])],
        valves=[valve("V0001", (X0 + 100, Y0))],
    )


def lines_4547():
    return [shapely.LineString([(X0 + 200 + 50 * i, Y0), (X0 + 250 + 50 * i, Y0 + 10)]) for i in range(5)]


@pytest.fixture
def pipes_shp(tmp_path):
    """Five pipes in lon/lat with DN in inches and levels spelled as utilities do."""
    frame = gpd.GeoDataFrame(
        {
            "ID": ["A1", "A2", "A3", "A4", "A5"],
            "LEVEL": ["PRIMARY", "二次网", "Secondary", "tertiary", "primary"],
            "DIA_IN": ['6"', "8", "1-1/2", "abc", "7.3"],
            "YEAR": [1995, 2003, 0, 2010, 2011],
            "OWNER": ["甲公司", "乙", None, "丙", "丁"],
        },
        geometry=lines_4547(),
        crs=4547,
    ).to_crs(4326)
    path = tmp_path / "pipes.shp"
    frame.to_file(path, engine="pyogrio", encoding="UTF-8")
    return path


def test_shapefile_with_mapping_inches_normalisation_and_reprojection(network, pipes_shp):
    source = imp.open_source(pipes_shp)
    assert source.crs.to_epsg() == 4326 and source.labels[0] == "feature 0"
    options = imp.ImportOptions("pipes", fields={"ID": "pipe_id", "LEVEL": "network", "DIA_IN": "dn",
                                                 "YEAR": "install_year"}, dn_inches=True)
    inverse, report = imp.import_features(network, source, options)
    assert report.read == 5 and report.imported == 2
    assert report.lines() == [
        f"{pipes_shp}: feature 2 (pipe_id A3): install_year 0 is below 1850",
        f"{pipes_shp}: feature 3 (pipe_id A4): network 'tertiary' is not one of primary, secondary; "
        "dn 'abc' is not a pipe size in inches",
        f"{pipes_shp}: feature 4 (pipe_id A5): dn '7.3' in matches no standard DN",
    ]
    assert "reprojected from EPSG:4326 to EPSG:4547" in report.notes
    added = network.pipes.iloc[2:]
    assert added["pipe_id"].tolist() == ["A1", "A2"]
    assert added["network"].tolist() == ["primary", "secondary"]
    assert added["dn"].tolist() == [150, 200]
    assert added["install_year"].tolist() == [1995, 2003]
    for got, want in zip(added.geometry, lines_4547()[:2], strict=True):
        assert np.allclose(shapely.get_coordinates(got), shapely.get_coordinates(want), atol=1e-3)
    assert "OWNER" not in network.pipes.columns
    before_import = {k: v for k, v in network.layers.items()}
    inverse.apply(network)
    assert len(network.pipes) == 2 and before_import["pipes"] is not network.pipes


def test_import_is_an_exactly_undoable_edit(network, pipes_shp):
    before = dict(network.layers)
    source = imp.open_source(pipes_shp)
    options = imp.ImportOptions("pipes", fields={"LEVEL": "network", "DIA_IN": "dn"}, dn_inches=True,
                                keep_unmapped=True)
    inverse, report = imp.import_features(network, source, options)
    assert report.ids == ["P0003", "P0004", "P0005"]  # no id mapped: new ids in the layer's pattern
    assert "pipe_id not mapped: new ids are given" in report.notes
    assert network.pipes["OWNER"].tolist()[2:4] == ["甲公司", "乙"] and pd.isna(network.pipes["OWNER"].iloc[4])
    assert network.pipes["YEAR"].tolist()[2:] == [1995, 2003, 0]
    assert network.revision > 0 and "pipes" in network.dirty
    inverse.apply(network)
    assert_layers_equal(before, network.layers)


def test_geojson_points_with_synonyms_booleans_and_negation(network, tmp_path):
    path = tmp_path / "valves.geojson"
    gpd.GeoDataFrame(
        {"code": ["G1", "G2", "G3", "V0001"], "kind": ["闸阀", "Butterfly", "knife", "gate"],
         "closed": [False, True, None, False], "ok": ["是", "否", "maybe", "yes"]},
        geometry=[shapely.Point(X0 + 10 * i, Y0) for i in range(4)], crs=4547,
    ).to_file(path, driver="GeoJSON", engine="pyogrio")
    source = imp.open_source(path)
    options = imp.ImportOptions("valves", fields={"code": "valve_id", "kind": "valve_type",
                                                  "not:closed": "normally_open", "ok": "operable"})
    _, report = imp.import_features(network, source, options)
    added = network.valves.iloc[1:]
    assert added["valve_id"].tolist() == ["G1", "G2"]
    assert added["valve_type"].tolist() == ["gate", "butterfly"]
    assert added["normally_open"].tolist() == [True, False]
    assert added["operable"].tolist() == [True, False]
    assert report.lines() == [
        f"{path}: feature 2 (valve_id G3): operable 'maybe' is not a boolean value",
        f"{path}: feature 3 (valve_id V0001): valve_id 'V0001' is already in the network",
    ]


def test_geopackage_layer_must_be_chosen_and_named(network, tmp_path):
    path = tmp_path / "many.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(X0, Y0)], crs=4547).to_file(path, layer="stations")
    gpd.GeoDataFrame({"name": ["b"]}, geometry=[shapely.Point(X0, Y0)], crs=4547).to_file(path, layer="sources")
    with pytest.raises(InputError, match=r"many.gpkg has 2 layers \(stations, sources\): choose one"):
        imp.open_source(path)
    with pytest.raises(InputError, match=r"many.gpkg has no layer 'boilers' \(layers: stations, sources\)"):
        imp.open_source(path, layer="boilers")
    source = imp.open_source(path, layer="sources")
    assert source.name == f"{path} (layer sources)"
    _, report = imp.import_features(network, source, imp.ImportOptions("sources", fields={"name": "name"}))
    assert network.sources["source_id"].tolist() == ["SRC0001"] and report.imported == 1


def test_csv_points_with_given_crs_chinese_text_and_bad_rows(network, tmp_path):
    lon, lat = gpd.GeoSeries([shapely.Point(X0 + 50, Y0 + 20)], crs=4547).to_crs(4326).iloc[0].coords[0]
    path = tmp_path / "customers.csv"
    path.write_text(
        "编号,名称,类型,户数,经度,纬度\n"
        f"K1,人民医院,医院,0,{lon},{lat}\n"
        f"K2,阳光小区,住宅,120,{lon},{lat}\n"
        f"K3,坏行,住宅,-5,{lon},\n"
        f"K4,学校,学校,abc,{lon},{lat}\n",
        encoding="gb18030",
    )
    source = imp.open_source(path, crs="EPSG:4326")
    assert source.labels[:2] == ["line 2", "line 3"]
    mapping = imp.suggest_mapping(source, "customers")
    assert mapping == {"编号": "customer_id", "名称": "name", "类型": "category", "户数": "households"}
    _, report = imp.import_features(network, source, imp.ImportOptions("customers", fields=mapping))
    got = network.customers
    assert got["customer_id"].tolist() == ["K1", "K2"]
    assert got["category"].tolist() == ["hospital", "residential"]
    assert got["households"].tolist() == [0, 120]
    assert got.geometry.iloc[0].distance(shapely.Point(X0 + 50, Y0 + 20)) < 1e-3
    assert report.lines() == [
        f"{path}: line 4 (customer_id K3): 纬度 is empty; households -5 is below 0",
        f"{path}: line 5 (customer_id K4): households 'abc' is not an integer value",
    ]


def test_csv_x_y_columns_are_found_or_named(network, tmp_path):
    path = tmp_path / "stations.csv"
    path.write_text(f"station_id,E,N\nS1,{X0},{Y0}\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no geometry; stations need Point features"):
        imp.plan_import(network, imp.open_source(path), imp.ImportOptions("stations", fields={"station_id": "station_id"}))
    with pytest.raises(InputError, match=r"no column 'X' for x \(columns: station_id, E, N\)"):
        imp.open_source(path, x="X", y="N")
    source = imp.open_source(path, x="E", y="N")
    _, report = imp.import_features(network, source, imp.ImportOptions("stations", fields={"station_id": "station_id"}))
    assert report.imported == 1 and f"{path} has no CRS; coordinates taken as EPSG:4547" in report.notes


def test_csv_lonlat_without_crs_is_refused_rather_than_misplaced(network, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("customer_id,lon,lat\nK1,114.5,38.0\n", encoding="utf-8")
    with pytest.raises(InputError, match="look like longitude/latitude; give the source CRS"):
        imp.plan_import(network, imp.open_source(path), imp.ImportOptions("customers", fields={"customer_id": "customer_id"}))


def test_csv_wkt_lines_and_a_table_without_geometry(network, tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text(
        "pipe_id,network,dn,wkt\n"
        f'N1,primary,DN200,"LINESTRING ({X0} {Y0}, {X0} {Y0 + 50})"\n'
        f'N2,primary,200,"POINT ({X0} {Y0})"\n'
        'N3,primary,200,"LINESTRING (oops)"\n',
        encoding="utf-8",
    )
    source = imp.open_source(path)
    _, report = imp.import_features(network, source, imp.ImportOptions(
        "pipes", fields={"pipe_id": "pipe_id", "network": "network", "dn": "dn"}))
    assert network.pipes["pipe_id"].tolist()[-1] == "N1" and network.pipes["dn"].tolist()[-1] == 200
    assert report.lines() == [
        f"{path}: line 3 (pipe_id N2): geometry is a Point, not a LineString",
        f"{path}: line 4 (pipe_id N3): wkt 'LINESTRING (oops)' is not WKT geometry",
    ]
    breaks = tmp_path / "breaks.csv"
    breaks.write_text("管段,日期,原因\nP0001,2021-01-05,腐蚀\nP0002,2021-13-01,焊口\n", encoding="utf-8")
    _, report = imp.import_features(network, imp.open_source(breaks), imp.ImportOptions(
        "breaks", fields={"管段": "pipe_id", "日期": "date", "原因": "cause"}))
    assert network.breaks["date"].tolist() == [dt.date(2021, 1, 5)]
    assert report.lines() == [f"{breaks}: line 3: date '2021-13-01' is not a date value"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (imp.ImportOptions("pipes", fields={"NOPE": "dn"}),
         r"pipes.shp: no field 'NOPE' to map \(fields: ID, LEVEL, DIA_IN, YEAR, OWNER\)"),
        (imp.ImportOptions("pipes", fields={"DIA_IN": "dn"}),
         r"pipes need network: map a source field to it \(--map FIELD=network\) or give one value for all"),
        (imp.ImportOptions("pipes", fields={"DIA_IN": "dn", "YEAR": "dn"}, constants={"network": "primary"}),
         "--map: both DIA_IN and YEAR are mapped to dn"),
        (imp.ImportOptions("pipes", fields={"DIA_IN": "dn"}, constants={"network": "tertiary"}),
         "--set network=tertiary: network 'tertiary' is not one of primary, secondary"),
        (imp.ImportOptions("pipes", fields={"DIA_IN": "dn", "LEVEL": "network"}, constants={"network": "primary"}),
         "--set network=primary: network is also mapped from source field LEVEL"),
        (imp.ImportOptions("pipes", fields={"LEVEL": "network", "ID": "pipe_id"}, dn_inches=True, constants={"dn": 100}),
         "--dn-inches: no source field is mapped to dn"),
        (imp.ImportOptions("pipes", fields={"not:LEVEL": "network", "DIA_IN": "dn"}),
         "--map not:LEVEL=network: 'not:' only inverts yes/no fields; network is text"),
        (imp.ImportOptions("tunnels", fields={}), "unknown layer 'tunnels'"),
        (imp.ImportOptions("districts", fields={"ID": "district_id"}),
         "pipes.shp has LineString features; districts need Polygon features"),
    ],
)
def test_bad_mappings_give_one_line_reasons(network, pipes_shp, options, message):
    source = imp.open_source(pipes_shp)
    with pytest.raises(InputError, match=message) as info:
        imp.plan_import(network, source, options)
    assert "\n" not in str(info.value)
    assert network.revision == 0


def test_duplicate_ids_within_the_source_keep_the_first(network, tmp_path):
    path = tmp_path / "dups.csv"
    path.write_text(f"id,x,y\nS1,{X0},{Y0}\nS1,{X0 + 1},{Y0}\n", encoding="utf-8")
    _, report = imp.import_features(network, imp.open_source(path), imp.ImportOptions("stations", fields={"id": "station_id"}))
    assert report.lines() == [f"{path}: line 3 (station_id S1): station_id 'S1' appears twice in the source (first at line 2)"]


def test_preview_shows_mapped_values_and_problems(network, pipes_shp):
    source = imp.open_source(pipes_shp)
    options = imp.ImportOptions("pipes", fields={"ID": "pipe_id", "LEVEL": "network", "DIA_IN": "dn"}, dn_inches=True)
    table = imp.preview(network, source, options, n=4)
    assert list(table.columns) == ["source", "pipe_id", "network", "dn", "problem"]
    assert table["dn"].tolist()[:3] == [150, 200, 40]
    assert table["problem"].tolist()[:3] == ["", "", ""]
    assert "not a pipe size" in table["problem"].iloc[3]


def test_far_away_features_are_flagged(network, tmp_path):
    path = tmp_path / "far.csv"
    path.write_text(f"station_id,x,y\nS9,{X0 + 500000},{Y0}\n", encoding="utf-8")
    _, report = imp.import_features(network, imp.open_source(path, crs=4547), imp.ImportOptions("stations", fields={"station_id": "station_id"}))
    assert any("km away from the network: check the source CRS" in n for n in report.notes)


@pytest.mark.parametrize(
    ("text", "dn"),
    [(6, 150), ('6"', 150), ("1-1/2 in", 40), ("1 1/2", 40), ("3/4", 20), ("1½", 40), ("24''", 600),
     ("2.5", 65), (12.0, 300), ("40 inch", 1000), ("16英寸", 400)],
)
def test_inch_sizes_snap_to_standard_dn(text, dn):
    assert imp.dn_from_inches(imp.parse_inches(text)) == dn


def test_odd_inch_sizes_are_not_forced_onto_a_standard_dn():
    assert imp.dn_from_inches(Fraction(73, 10)) is None
    assert imp.parse_inches("six") is None


def test_missing_and_unreadable_sources(tmp_path):
    with pytest.raises(InputError, match="nope.shp: no such file"):
        imp.open_source(tmp_path / "nope.shp")
    bad = tmp_path / "bad.geojson"
    bad.write_text("{ not json")
    with pytest.raises(InputError, match="bad.geojson: cannot be read as a GIS file"):
        imp.open_source(bad)


@pytest.mark.skipif(not GISWATER.exists(), reason="shared Giswater sample not present")
def test_giswater_pipes_and_valves_import_into_a_new_network(tmp_path):
    network = gpkg.new_network({"pipes": edits.new_layer_frame("pipes", "EPSG:25831")}, "EPSG:25831")
    pipes = imp.open_source(GISWATER, layer="pipes")
    _, report = imp.import_features(network, pipes, imp.ImportOptions(
        "pipes", fields={"arc_id": "pipe_id", "dnom": "dn"}, constants={"network": "primary"}))
    assert (report.read, report.imported) == (261, 256)
    assert {s.problem for s in report.skipped} == {"dn is empty"}  # Giswater's VIRTUAL arcs have no DN
    assert network.pipes["dn"].value_counts().to_dict() == {110: 144, 63: 44, 90: 23, 160: 22, 150: 19, 200: 4}
    valves = imp.open_source(GISWATER, layer="valves")
    _, report = imp.import_features(network, valves, imp.ImportOptions(
        "valves", fields={"node_id": "valve_id", "not:valve_closed": "normally_open", "not:valve_broken": "operable"}))
    assert report.imported == 52 and not report.skipped
    path = tmp_path / "santboi.gpkg"
    gpkg.save(network, path)
    again = gpkg.load(path)
    assert len(again.pipes) == 256 and len(again.valves) == 52
    assert not [p for p in validate(again) if p.layer == "pipes" and "duplicate" in p.problem]


@pytest.mark.skipif(not GISWATER.exists(), reason="shared Giswater sample not present")
def test_giswater_pipes_reprojected_keep_their_length(tmp_path):
    network = gpkg.new_network({"pipes": edits.new_layer_frame("pipes", "EPSG:3035")}, "EPSG:3035")
    source = imp.open_source(GISWATER, layer="pipes")
    imp.import_features(network, source, imp.ImportOptions(
        "pipes", fields={"arc_id": "pipe_id", "dnom": "dn", "length_m": "length_m"}, constants={"network": "primary"}))
    original = source.frame.set_index(source.frame["arc_id"].astype(str)).geometry.length
    got = network.pipes.set_index("pipe_id").geometry.length
    ratio = (got / original.reindex(got.index)).to_numpy()
    assert np.all(np.abs(ratio - 1) < 0.01)  # ETRS89-LAEA vs UTM 31N: lengths agree within 1 %
    assert pd.api.types.is_float_dtype(network.pipes["length_m"].dtype)
