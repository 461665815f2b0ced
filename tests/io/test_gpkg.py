"""GeoPackage round trips, atomic saves and CRS handling."""

from __future__ import annotations

import datetime as dt
import shutil

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyogrio
import pytest
import shapely

from gisheat.errors import NetworkFileError
from gisheat.io import gpkg
from gisheat.sample.handmade import make_network, pipe, valve


def _assert_same_layers(a, b):
    assert list(sorted(a.layers)) == list(sorted(b.layers))
    for name in a.layers:
        left, right = a.layers[name], b.layers[name]
        assert list(left.columns) == list(right.columns), name
        assert list(map(str, left.dtypes)) == list(map(str, right.dtypes)), name
        geo = isinstance(left, gpd.GeoDataFrame)
        attrs_l = left.drop(columns=left.geometry.name) if geo else left
        attrs_r = right.drop(columns=right.geometry.name) if geo else right
        pd.testing.assert_frame_equal(attrs_l.reset_index(drop=True), attrs_r.reset_index(drop=True))
        if geo:
            assert left.geometry.geom_equals_exact(right.geometry, tolerance=0).all(), name


@pytest.fixture
def rich_file(tmp_path):
    """A file with unknown fields (incl. nullable int/bool/date) and an unknown layer."""
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)], note="东段", depth_m=1.5), pipe("b", [(100, 0), (200, 0)], note=None, depth_m=None)],
        valves=[valve("v", (100, 0), chamber_no=7, last_exercised=dt.date(2024, 5, 1), seized=True),
                valve("w", (50, 0), chamber_no=None, last_exercised=None, seized=None)],
        rivers=gpd.GeoDataFrame({"name": ["民心河"]}, geometry=[shapely.box(0, 10, 200, 20)], crs=4547),
        breaks=pd.DataFrame({"pipe_id": ["a"], "date": pd.array([dt.date(2020, 1, 2)], dtype=pd.ArrowDtype(pa.date32()))}),
    )
    net.layers["valves"]["chamber_no"] = pd.array([7, None], dtype="Int64")
    net.layers["valves"]["seized"] = pd.array([True, None], dtype="boolean")
    net.layers["valves"]["last_exercised"] = pd.array([dt.date(2024, 5, 1), None], dtype=pd.ArrowDtype(pa.date32()))
    path = tmp_path / "net.gpkg"
    gpkg.save(net, path)
    return path


def test_round_trip_keeps_every_layer_field_type_and_value(rich_file, tmp_path):
    first = gpkg.load(rich_file)
    assert "rivers" in first.extra_layer_names()
    first.mark_changed("pipes")
    first.mark_changed("valves")
    out = tmp_path / "copy.gpkg"
    gpkg.save(first, out)
    second = gpkg.load(out)
    _assert_same_layers(first, second)
    info = pyogrio.read_info(out, layer="valves")
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["chamber_no"] == "int64" and types["seized"] == "bool"
    assert types["last_exercised"].startswith("datetime64[D]") or types["last_exercised"] == "datetime64[D]"


def test_edit_then_save_writes_the_change_and_keeps_unknown_fields(rich_file):
    net = gpkg.load(rich_file)
    net.layers["pipes"].loc[0, "dn"] = 150
    net.mark_changed("pipes")
    gpkg.save(net)
    again = gpkg.load(rich_file)
    assert int(again.pipes["dn"].iloc[0]) == 150
    assert again.pipes["note"].iloc[0] == "东段"
    assert pd.isna(again.pipes["depth_m"].iloc[1])


def test_unchanged_layers_are_not_rewritten(rich_file):
    before = pyogrio.read_info(rich_file, layer="rivers")
    net = gpkg.load(rich_file)
    net.mark_changed("pipes")
    gpkg.save(net)
    assert [str(r[0]) for r in pyogrio.list_layers(rich_file)].count("rivers") == 1
    assert pyogrio.read_info(rich_file, layer="rivers")["features"] == before["features"]


def test_crash_mid_save_leaves_the_previous_file_intact(rich_file):
    original = rich_file.read_bytes()
    net = gpkg.load(rich_file)
    net.layers["pipes"].loc[0, "dn"] = 999
    net.mark_changed("pipes")

    def crash(tmp):
        raise OSError("disk pulled out")

    with pytest.raises(NetworkFileError, match="unchanged"):
        gpkg.save(net, before_replace=crash)
    assert rich_file.read_bytes() == original
    assert [p.name for p in rich_file.parent.iterdir() if "saving" in p.name] == []
    assert int(gpkg.load(rich_file).pipes["dn"].iloc[0]) == 100


def test_copies_left_by_a_process_killed_mid_save_are_cleared_by_the_next_save(rich_file):
    import os
    import time

    folder = rich_file.parent
    killed = folder / f".{rich_file.stem}.abc123.saving.gpkg"  # what a killed process leaves
    killed.write_bytes(b"half written")
    hour_ago = time.time() - 2 * 3600
    os.utime(killed, (hour_ago, hour_ago))
    fresh = folder / f".{rich_file.stem}.def456.saving.gpkg"  # another save may be writing this one now
    fresh.write_bytes(b"being written")
    gpkg.save(gpkg.load(rich_file))
    assert not killed.exists() and fresh.exists() and rich_file.exists()


def test_crash_while_writing_a_layer_leaves_the_previous_file_intact(rich_file, monkeypatch):
    original = rich_file.read_bytes()
    net = gpkg.load(rich_file)
    net.mark_changed("valves")
    net.mark_changed("pipes")
    calls = []

    def flaky(path, name, *args, **kwargs):
        calls.append(name)
        raise RuntimeError("killed")

    monkeypatch.setattr(gpkg, "write_layer", flaky)
    with pytest.raises(NetworkFileError):
        gpkg.save(net)
    assert calls and rich_file.read_bytes() == original


def test_missing_and_foreign_files_give_one_line_errors(tmp_path):
    with pytest.raises(NetworkFileError, match="no such file"):
        gpkg.load(tmp_path / "nope.gpkg")
    text = tmp_path / "notes.gpkg"
    text.write_text("hello")
    with pytest.raises(NetworkFileError, match=r"not a GeoPackage \(the file is not an SQLite database\)") as info:
        gpkg.load(text)
    assert "\n" not in str(info.value)
    empty = tmp_path / "empty.gpkg"
    empty.write_bytes(b"")
    with pytest.raises(NetworkFileError, match="is an empty file, not a GeoPackage"):
        gpkg.load(empty)
    sample = tmp_path / "sample.gpkg"
    gpkg.save(make_network([pipe("a", [(0, 0), (100, 0)])]), sample)
    cut = tmp_path / "cut.gpkg"
    cut.write_bytes(sample.read_bytes()[:20_000])
    with pytest.raises(NetworkFileError, match="damaged or truncated") as info:
        gpkg.load(cut)
    assert "SELECT" not in str(info.value)
    shapefile = tmp_path / "pipes.shp"
    gpd.GeoDataFrame({"pipe_id": ["a"]}, geometry=[shapely.LineString([(0, 0), (1, 0)])], crs=4547).to_file(shapefile)
    with pytest.raises(NetworkFileError, match=r"not a GeoPackage \(GDAL reads it as ESRI Shapefile\); bring it in with 'gisheat import'"):
        gpkg.load(shapefile)
    other = tmp_path / "other.gpkg"
    gpd.GeoDataFrame({"x": [1]}, geometry=[shapely.Point(0, 0)], crs=4547).to_file(other, layer="roads")
    with pytest.raises(NetworkFileError, match="no 'pipes' layer"):
        gpkg.load(other)


def test_geographic_crs_is_refused(tmp_path):
    net = make_network([pipe("a", [(114.0, 38.0), (114.001, 38.0)])], crs=4326)
    path = tmp_path / "wgs.gpkg"
    gpkg.save(net, path)
    with pytest.raises(NetworkFileError, match="geographic"):
        gpkg.load(path)


def test_layer_in_another_crs_is_reprojected_with_a_note(tmp_path):
    net = make_network([pipe("a", [(538000, 4206000), (538100, 4206000)])])
    lonlat = gpd.GeoDataFrame({"valve_id": ["v"]}, geometry=[shapely.Point(538050, 4206000)], crs=4547).to_crs(4326)
    net.layers["valves"] = lonlat
    path = tmp_path / "mixed.gpkg"
    gpkg.save(net, path)
    loaded = gpkg.load(path)
    assert loaded.valves.crs.to_epsg() == 4547
    assert loaded.valves.geometry.iloc[0].x == pytest.approx(538050, abs=1e-3)
    assert [(p.layer, p.id) for p in loaded.notes] == [("valves", "")]


def test_sample_round_trip(sample_path, tmp_path):
    copy = tmp_path / "sample.gpkg"
    shutil.copy(sample_path, copy)
    first = gpkg.load(copy)
    for name in first.layers:
        first.mark_changed(name)
    gpkg.save(first, tmp_path / "again.gpkg")
    _assert_same_layers(first, gpkg.load(tmp_path / "again.gpkg"))


def test_layer_with_a_crs_beside_pipes_without_one_is_reported(tmp_path):
    net = make_network([pipe("a", [(0, 0), (100, 0)])])
    net.layers["pipes"] = net.layers["pipes"].set_crs(None, allow_override=True)
    net.layers["valves"] = gpd.GeoDataFrame({"valve_id": ["v"]}, geometry=[shapely.Point(114, 38)], crs=4326)
    net.crs = None
    path = tmp_path / "nocrs.gpkg"
    gpkg.save(net, path)
    notes = {(p.layer, p.problem) for p in gpkg.load(path).notes}
    assert ("pipes", "layer has no CRS; coordinates taken as metres") in notes
    assert ("valves", "layer in EPSG:4326 while pipes have no CRS; not reprojected") in notes
