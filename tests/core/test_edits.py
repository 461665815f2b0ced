"""Reversible edits: each kind by hand, save/reload round trips, and random sequences (hypothesis).

The hand-made network used below (all primary unless said, coordinates in m):

    source s ── a ──(100,0)── b ──(200,0)
                       │
                       c (down to (100,-100))
                  v1 at (100,0) on pipe c; customer k at (200,0)
    secondary pipe z touches (100,0) from above: it is another circuit.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gisheat.analysis import topology
from gisheat.core import edits as E
from gisheat.core.network import Network
from gisheat.errors import InputError
from gisheat.io import gpkg
from gisheat.sample.handmade import customer, make_network, pipe, source, valve


def assert_layers_equal(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    """Exact equality: layer names, column order, dtypes, index, values and geometry."""
    assert sorted(left) == sorted(right)
    for name in left:
        a, b = left[name], right[name]
        if a is b:  # edits never mutate frames (tested on its own), so the same frame is equal
            continue
        assert type(a) is type(b), name
        assert list(a.columns) == list(b.columns), name
        assert [str(t) for t in a.dtypes] == [str(t) for t in b.dtypes], name
        pd.testing.assert_index_equal(a.index, b.index, exact=True)
        if isinstance(a, gpd.GeoDataFrame):
            assert a.geometry.name == b.geometry.name
            assert (a.crs is None and b.crs is None) or a.crs.equals(b.crs), name
            ga, gb = np.asarray(a.geometry.array, dtype=object), np.asarray(b.geometry.array, dtype=object)
            missing = shapely.is_missing(ga)
            assert np.array_equal(missing, shapely.is_missing(gb)), name
            assert shapely.equals_exact(ga[~missing], gb[~missing], tolerance=0).all(), name
            a, b = pd.DataFrame(a.drop(columns=a.geometry.name)), pd.DataFrame(b.drop(columns=b.geometry.name))
        pd.testing.assert_frame_equal(a, b, check_exact=True, check_index_type=True)


def copy_of(network: Network) -> Network:
    """A network sharing the (never mutated) frames of ``network``."""
    return Network(layers=dict(network.layers), crs=network.crs, path=network.path, info=dict(network.info))


@pytest.fixture
def tee():
    return make_network(
        [
            pipe("a", [(0, 0), (100, 0)], length_m=100.0, install_year=1990, note="东段"),
            pipe("b", [(100, 0), (200, 0)], length_m=100.0, install_year=2001, note=None),
            pipe("c", [(100, 0), (100, -100)], dn=80, length_m=100.0, install_year=2010, note="支线"),
            pipe("z", [(100, 0), (100, 80)], network="secondary", dn=50, length_m=80.0, install_year=2015, note=None),
        ],
        valves=[valve("v1", (100, 0), pipe_id="c", normally_open=True, depth_m=1.2)],
        sources=[source("s", (0, 0))],
        customers=[customer("k", (200, 0), households=40)],
    )


def xy(geom, i):
    return tuple(shapely.get_coordinates(geom)[i])


# --- attribute edits -------------------------------------------------------------------


def test_set_value_coerces_text_and_undo_restores_exactly(tee):
    before = dict(tee.layers)
    inverse = E.SetValues("pipes", (0,), "dn", ("150",)).apply(tee)
    assert tee.pipes["dn"].tolist() == [150, 100, 80, 50]
    assert tee.pipes["dn"].dtype == before["pipes"]["dn"].dtype
    assert "pipes" in tee.dirty and tee.revision == 1
    redo = inverse.apply(tee)
    assert_layers_equal(before, tee.layers)
    redo.apply(tee)
    assert tee.pipes["dn"].iloc[0] == 150


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("dn", "abc", "pipes a: dn 'abc' is not an integer value"),
        ("dn", 2.5, "pipes a: dn 2.5 is not an integer value"),
        ("dn", -10, "pipes a: dn -10 is below 1"),
        ("dn", None, "pipes a: dn is empty"),
        ("network", "tertiary", "pipes a: network 'tertiary' is not one of primary, secondary"),
        ("status", "broken", "pipes a: status 'broken' is not one of in_service, abandoned, planned"),
        ("install_year", 1200, "pipes a: install_year 1200 is below 1850"),
        ("pipe_id", "b", "pipes a: pipe_id 'b' is already used"),
        ("pipe_id", "", "pipes a: pipe_id is empty"),
        ("length_m", "long", "pipes a: length_m 'long' is not a real value"),
        ("note", 5, None),  # unknown text field: 5 is stored as '5'
    ],
)
def test_wrong_values_are_refused_with_one_line_and_never_stored(tee, field, value, message):
    before = dict(tee.layers)
    edit = E.SetValues("pipes", (0,), field, (value,))
    if message is None:
        edit.apply(tee)
        assert tee.pipes[field].iloc[0] == "5"
        return
    with pytest.raises(InputError) as info:
        edit.apply(tee)
    assert str(info.value) == message
    assert tee.revision == 0
    assert all(tee.layers[k] is before[k] for k in before)


def test_check_refuses_like_apply_but_changes_nothing(tee):
    before = dict(tee.layers)
    with pytest.raises(InputError, match="pipes a: dn 'abc' is not an integer value"):
        E.check(E.SetValues("pipes", (0,), "dn", ("abc",)), tee)
    E.check(E.SplitPipe(0, (50, 0)), tee)
    assert tee.revision == 0 and all(tee.layers[k] is before[k] for k in before) and set(tee.layers) == set(before)


def test_values_are_checked_against_unknown_columns_own_type(tee):
    with pytest.raises(InputError, match=r"valves v1: depth_m 'deep' is not a real value"):
        E.SetValues("valves", (0,), "depth_m", ("deep",)).apply(tee)
    E.SetValues("valves", (0,), "depth_m", ("1.75",)).apply(tee)
    assert tee.valves["depth_m"].iloc[0] == 1.75
    with pytest.raises(InputError, match="valves v1: normally_open 'ajar' is not a boolean value"):
        E.SetValues("valves", (0,), "normally_open", ("ajar",)).apply(tee)
    E.SetValues("valves", (0,), "normally_open", ("否",)).apply(tee)
    assert not bool(tee.valves["normally_open"].iloc[0])


def test_choice_spelling_is_normalised(tee):
    E.SetValues("pipes", (0, 1), "status", ("In Service",)).apply(tee)
    assert tee.pipes["status"].iloc[:2].tolist() == ["in_service", "in_service"]


def test_null_in_a_numpy_integer_column_widens_it_and_undo_restores_the_numpy_type(tee):
    before = dict(tee.layers)
    assert tee.pipes["install_year"].dtype == np.int64
    inverse = E.SetValues("pipes", (1,), "install_year", (None,)).apply(tee)
    assert pd.isna(tee.pipes["install_year"].iloc[1]) and tee.pipes["install_year"].iloc[0] == 1990
    inverse.apply(tee)
    assert_layers_equal(before, tee.layers)


def test_fraction_in_a_real_field_stored_as_integers_makes_the_column_real(tee):
    tee.layers["pipes"] = tee.pipes.assign(length_m=pd.array([100, 100, 100, 80], dtype="int64[pyarrow]"))
    before = dict(tee.layers)
    inverse = E.SetValues("pipes", (2,), "length_m", (99.5,)).apply(tee)
    assert tee.pipes["length_m"].tolist() == [100.0, 100.0, 99.5, 80.0]
    assert str(tee.pipes["length_m"].dtype) == "double[pyarrow]"
    inverse.apply(tee)
    assert_layers_equal(before, tee.layers)
    with pytest.raises(InputError, match="pipes c: ring 2.5 is not an integer value"):
        E.SetValues("pipes", (2,), "ring", (2.5,)).apply(
            Network(layers={"pipes": tee.pipes.assign(ring=np.arange(4))}, crs=tee.crs))


def test_new_field_is_created_and_undo_removes_it(tee):
    before = dict(tee.layers)
    inverse = E.SetValues("pipes", (0, 2), "inspector", ("王工",)).apply(tee)
    frame = tee.pipes
    assert frame.columns[-1] == frame.geometry.name and frame.columns[-2] == "inspector"
    assert frame["inspector"].tolist()[:3] == ["王工", None, "王工"] or pd.isna(frame["inspector"].iloc[1])
    inverse.apply(tee)
    assert_layers_equal(before, tee.layers)


def test_edits_never_mutate_the_frames_they_replace(tee):
    pipes = tee.pipes
    snapshot = pipes.copy(deep=True)
    E.SetValues("pipes", (0,), "dn", (300,)).apply(tee)
    E.MoveNode((100, 0), (101, 1)).apply(tee)
    E.DeleteFeatures("pipes", (1,)).apply(tee)
    assert_layers_equal({"pipes": snapshot}, {"pipes": pipes})


# --- features --------------------------------------------------------------------------


def test_add_features_generates_ids_checks_values_and_undo_removes_them(tee):
    before = dict(tee.layers)
    edit = E.AddFeatures("pipes", ({"network": "primary", "dn": "200", "geometry": shapely.LineString([(200, 0), (300, 0)])},
                                   {"pipe_id": "x9", "network": "二次网", "dn": 25,
                                    "geometry": shapely.LineString([(100, 80), (150, 80)])}))
    with pytest.raises(InputError, match=r"pipes x9: network '二次网' is not one of primary, secondary"):
        edit.apply(tee)
    assert all(tee.layers[k] is before[k] for k in before)
    edit = E.AddFeatures("pipes", ({"network": "primary", "dn": "200", "geometry": shapely.LineString([(200, 0), (300, 0)])},
                                   {"pipe_id": "x9", "network": "secondary", "dn": 25, "depth_m": 0.8,
                                    "geometry": shapely.LineString([(100, 80), (150, 80)])}))
    inverse = edit.apply(tee)
    added = tee.pipes.iloc[4:]
    assert added["pipe_id"].tolist() == ["P0001", "x9"]
    assert added["dn"].tolist() == [200, 25]
    assert added["depth_m"].iloc[1] == 0.8 and pd.isna(tee.pipes["depth_m"].iloc[0])
    inverse.apply(tee)
    assert_layers_equal(before, tee.layers)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"dn": 100, "geometry": shapely.LineString([(0, 0), (1, 0)])}, "pipes P0001: network is empty"),
        ({"network": "primary", "dn": 100, "geometry": shapely.Point(0, 0)},
         "pipes P0001: geometry must be a LineString, not a Point"),
        ({"network": "primary", "dn": 100, "geometry": shapely.LineString([(5, 5), (5, 5)])},
         "pipes P0001: geometry has zero length"),
        ({"network": "primary", "dn": 100, "geometry": None}, "pipes P0001: geometry is missing"),
        ({"pipe_id": "a", "network": "primary", "dn": 100, "geometry": shapely.LineString([(0, 0), (1, 0)])},
         "pipes a: pipe_id 'a' is already used"),
    ],
)
def test_bad_new_features_are_refused(tee, record, message):
    with pytest.raises(InputError) as info:
        E.AddFeatures("pipes", (record,)).apply(tee)
    assert str(info.value) == message


def test_adding_points_creates_a_missing_layer_and_undo_removes_it(tee):
    before = dict(tee.layers)
    assert "stations" not in tee.layers
    inverse = E.add_point("stations", (100, -100), name="换热站 1", capacity_kw=2500).apply(tee)
    assert tee.stations["station_id"].tolist() == ["HS0001"]
    assert tee.stations["capacity_kw"].iloc[0] == 2500.0
    assert str(tee.stations["station_id"].dtype) == "string[pyarrow]"
    inverse.apply(tee)
    assert_layers_equal(before, tee.layers)
    E.add_point("customers", (100, -100), category="hospital").apply(tee)
    assert tee.customers["customer_id"].tolist() == ["k", "C0001"]


def test_delete_then_undo_restores_rows_at_their_places_with_every_field(tee):
    before = dict(tee.layers)
    inverse = E.DeleteFeatures("pipes", (2, 0)).apply(tee)
    assert tee.pipes["pipe_id"].tolist() == ["b", "z"]
    assert isinstance(tee.pipes.index, pd.RangeIndex)
    inverse.apply(tee)
    assert_layers_equal(before, tee.layers)


def test_next_ids_follow_the_layer_pattern():
    frame = pd.DataFrame({"pipe_id": ["P0007", "P0012", "S01-003", "S01-009", "odd"]})
    assert E.next_ids(frame, "pipes", 2) == ["P0013", "P0014"]
    assert E.next_ids(frame, "pipes", 1, like="S01-003") == ["S01-010"]
    assert E.next_ids(frame, "pipes", 1, taken={"P0013"}) == ["P0014"]
    assert E.next_ids(pd.DataFrame({"valve_id": []}), "valves", 1) == ["V0001"]


def test_rows_of_names_unknown_ids(tee):
    assert E.rows_of(tee, "pipes", ["c", "a"]) == (2, 0)
    with pytest.raises(InputError, match="pipes: no feature with pipe_id 'nope'"):
        E.rows_of(tee, "pipes", ["nope"])


# --- geometry --------------------------------------------------------------------------


def test_move_node_moves_every_primary_end_and_the_points_on_it(tee):
    before = dict(tee.layers)
    inverse = E.MoveNode((100.004, 0), (110, 5), network="primary").apply(tee)
    g = tee.pipes.geometry
    assert xy(g.iloc[0], -1) == (110, 5)  # a ends there
    assert xy(g.iloc[1], 0) == (110, 5)  # b starts there
    assert xy(g.iloc[2], 0) == (110, 5) and xy(g.iloc[2], -1) == (100, -100)  # c, other end stays
    assert xy(g.iloc[3], 0) == (100, 0)  # secondary z is another circuit
    assert xy(tee.valves.geometry.iloc[0], 0) == (110, 5)
    assert xy(tee.customers.geometry.iloc[0], 0) == (200, 0)
    inverse.apply(tee)
    assert_layers_equal(before, tee.layers)
    E.MoveNode((100, 0), (90, 0)).apply(tee)  # no circuit given: all ends at the point
    assert xy(tee.pipes.geometry.iloc[3], 0) == (90, 0)
    with pytest.raises(InputError, match=r"no node at \(55.000, 55.000\)"):
        E.MoveNode((55, 55), (0, 0)).apply(tee)


def test_move_vertex_changes_one_feature_only(tee):
    before = dict(tee.layers)
    inverse = E.MoveVertex("pipes", 0, -1, (99, 1)).apply(tee)
    assert xy(tee.pipes.geometry.iloc[0], -1) == (99, 1)
    assert xy(tee.pipes.geometry.iloc[1], 0) == (100, 0)
    inverse.apply(tee)
    assert_layers_equal(before, tee.layers)
    with pytest.raises(InputError, match="pipes a: has no vertex 5"):
        E.MoveVertex("pipes", 0, 5, (0, 0)).apply(tee)


def test_valves_on_a_moved_pipe_stay_on_it_at_the_same_share_of_the_way():
    # valve "mid" stands in the middle of b (100,0)-(200,0); "far" on c, which the move only lengthens
    net = make_network([pipe("a", [(0, 0), (100, 0)]), pipe("b", [(100, 0), (200, 0)]),
                        pipe("c", [(100, 0), (100, -100)])],
                       valves=[valve("at", (100, 0), pipe_id="b"), valve("mid", (150, 0)), valve("far", (100, -40))])
    before = dict(net.layers)
    inverse = E.MoveNode((100, 0), (100, 20)).apply(net)
    v = net.valves.geometry
    assert xy(v.iloc[0], 0) == (100, 20)  # at the node: moves with it
    assert xy(v.iloc[1], 0) == pytest.approx((150, 10))  # halfway along b's new line, on it
    assert shapely.distance(v.iloc[1], net.pipes.geometry.iloc[1]) < 1e-9
    assert xy(v.iloc[2], 0) == (100, -40)  # c only got longer along its line: still on it, not moved
    inverse.apply(net)
    assert_layers_equal(before, net.layers)
    # a vertex moved by itself takes the valves on that pipe along too; undo puts everything back
    inverse = E.MoveVertex("pipes", 1, -1, (200, 40)).apply(net)
    assert shapely.distance(net.valves.geometry.iloc[1], net.pipes.geometry.iloc[1]) < 1e-9
    assert xy(net.valves.geometry.iloc[0], 0) == (100, 0)  # the start of b did not move
    inverse.apply(net)
    assert_layers_equal(before, net.layers)
    # pulling a's end away from the junction leaves the junction valve that closes b where it is
    inverse = E.MoveVertex("pipes", 0, -1, (90, 10)).apply(net)
    assert xy(net.valves.geometry.iloc[0], 0) == (100, 0) and xy(net.valves.geometry.iloc[2], 0) == (100, -40)
    inverse.apply(net)
    assert_layers_equal(before, net.layers)


def test_move_vertex_keeps_polygon_rings_closed():
    net = make_network([pipe("a", [(0, 0), (1, 0)])],
                       districts=gpd.GeoDataFrame({"district_id": ["d"]}, geometry=[shapely.box(0, 0, 10, 10)], crs=4547))
    E.MoveVertex("districts", 0, 0, (12, -2)).apply(net)
    ring = shapely.get_coordinates(net.districts.geometry.iloc[0])
    assert tuple(ring[0]) == tuple(ring[-1]) == (12, -2)
    assert net.districts.geometry.iloc[0].is_valid


def test_geometry_of_the_wrong_type_is_refused(tee):
    with pytest.raises(InputError, match="valves v1: geometry must be a Point, not a LineString"):
        E.SetGeometry("valves", (0,), (shapely.LineString([(0, 0), (1, 1)]),)).apply(tee)


def test_split_pipe_shares_length_copies_fields_and_moves_valve_references():
    net = make_network(
        [pipe("P0001", [(0, 0), (100, 0), (100, 100)], length_m=210.0, material="steel", owner_ref="X-1")],
        valves=[valve("far", (100, 100), pipe_id="P0001"), valve("near", (0, 0), pipe_id="P0001")],
    )
    before = dict(net.layers)
    inverse = E.SplitPipe(0, (30, 0.2)).apply(net)
    pipes = net.pipes
    assert pipes["pipe_id"].tolist() == ["P0001", "P0002"]
    assert shapely.get_coordinates(pipes.geometry.iloc[0]).tolist() == [[0, 0], [30, 0]]
    assert shapely.get_coordinates(pipes.geometry.iloc[1]).tolist() == [[30, 0], [100, 0], [100, 100]]
    assert pipes["length_m"].tolist() == pytest.approx([210 * 30 / 200, 210 * 170 / 200])
    assert pipes["material"].tolist() == ["steel", "steel"] and pipes["owner_ref"].tolist() == ["X-1", "X-1"]
    assert net.valves["pipe_id"].tolist() == ["P0002", "P0001"]
    inverse.apply(net)
    assert_layers_equal(before, net.layers)


def test_split_at_a_vertex_cuts_there_and_at_an_end_is_refused():
    net = make_network([pipe("a", [(0, 0), (100, 0), (100, 100)])])
    E.SplitPipe(0, (100.004, 0.003)).apply(net)
    assert shapely.get_coordinates(net.pipes.geometry.iloc[0]).tolist() == [[0, 0], [100, 0]]
    with pytest.raises(InputError, match="pipes a: the split point is at an end of the pipe"):
        E.SplitPipe(0, (0.001, 0)).apply(net)


def test_place_valve_on_interior_splits_only_the_topology(tee):
    before = dict(tee.layers)
    inverse = E.PlaceValve(0, (40, 3)).apply(tee)
    assert len(tee.pipes) == 4
    new = tee.valves.iloc[-1]
    assert (new["valve_id"], new["pipe_id"], new["dn"]) == ("v2", "a", 100)
    assert xy(new.geometry, 0) == (40, 0)
    topo = topology.build(tee)
    row = list(topo.valve_id).index("v2")
    assert topo.valve_interior[row]
    assert topo.pipe_piece_count[list(topo.pipe_id).index("a")] == 2
    inverse.apply(tee)
    assert_layers_equal(before, tee.layers)


def test_place_valve_with_split_makes_two_pipes_joined_by_the_valve(tee):
    before = dict(tee.layers)
    inverse = E.PlaceValve(1, (150, -2), split=True, attributes={"valve_type": "butterfly"}).apply(tee)
    assert tee.pipes["pipe_id"].tolist()[-1] == "b2" or len(tee.pipes) == 5
    assert len(tee.pipes) == 5
    new_pipe = tee.pipes.iloc[-1]
    assert xy(new_pipe.geometry, 0) == (150, 0) and xy(tee.pipes.geometry.iloc[1], -1) == (150, 0)
    valve_row = tee.valves.iloc[-1]
    assert xy(valve_row.geometry, 0) == (150, 0) and valve_row["valve_type"] == "butterfly"
    topo = topology.build(tee)
    row = list(topo.valve_id).index(valve_row["valve_id"])
    assert not topo.valve_interior[row] and topo.valve_u[row] != topo.valve_v[row]
    assert not [p for p in topo.problems if p.layer == "valves"]
    inverse.apply(tee)
    assert_layers_equal(before, tee.layers)


def test_place_valve_near_an_end_goes_on_the_end(tee):
    E.PlaceValve(2, (100.003, -0.004)).apply(tee)
    assert xy(tee.valves.geometry.iloc[-1], 0) == (100, 0)
    assert tee.valves["pipe_id"].iloc[-1] == "c"


def test_composite_that_fails_half_way_changes_nothing(tee):
    before = dict(tee.layers)
    edit = E.Composite((E.SetValues("pipes", (0,), "dn", (300,)), E.SetValues("pipes", (1,), "dn", ("x",))))
    with pytest.raises(InputError, match="pipes b: dn 'x'"):
        edit.apply(tee)
    assert_layers_equal(before, tee.layers)


def test_snap_prefers_nodes_then_pipes(tee):
    hit = E.snap(tee, (101, 1), radius=3)
    assert (hit.xy, hit.kind) == ((100.0, 0.0), "node") and hit.row in (0, 1)
    hit = E.snap(tee, (150, 2), radius=3)
    assert hit.kind == "pipe" and hit.xy == (150.0, 0.0) and hit.row == 1
    assert E.snap(tee, (150, 20), radius=3).kind == "none"


# --- save / reload ---------------------------------------------------------------------


def test_edit_save_reload_keeps_attributes_geometry_and_unknown_fields(tmp_path, sample_path):
    net = gpkg.load(sample_path)
    path = tmp_path / "edited.gpkg"
    gpkg.save(net, path)
    net = gpkg.load(path)
    pipe_row = E.rows_of(net, "pipes", ["P0005"])[0]
    target = net.pipes.geometry.iloc[pipe_row]
    mid = shapely.get_coordinates(target.interpolate(0.5, normalized=True))[0]
    steps = [
        E.SetValues("pipes", (pipe_row,), "material", ("ductile_iron",)),
        E.SetValues("pipes", (pipe_row,), "pressure_class", ("PN25",)),
        E.SetValues("valves", (0,), "last_exercised", ("2024-10-01",)),
        E.PlaceValve(pipe_row, tuple(mid), split=True),
        E.add_point("customers", (538000.0, 4206000.0), name="新客户", category="school", households=0),
        E.DeleteFeatures("stations", (0,)),
    ]
    for step in steps:
        step.apply(net)
    edited = dict(net.layers)
    gpkg.save(net)
    again = gpkg.load(path)
    assert_layers_equal(edited, again.layers)
    row = E.rows_of(again, "pipes", ["P0005"])[0]
    assert again.pipes["material"].iloc[row] == "ductile_iron"
    assert again.pipes["pressure_class"].iloc[row] == "PN25"
    assert again.valves["last_exercised"].iloc[0] == dt.date(2024, 10, 1)
    assert again.customers["name"].iloc[-1] == "新客户"
    assert len(again.pipes) == len(gpkg.load(sample_path).pipes) + 1


# --- random sequences ------------------------------------------------------------------

VALUES = [None, "", "abc", 0, 1, -1, 150, 2.5, True, "yes", "PRIMARY", "secondary", "in_service",
          "2020-01-02", dt.date(2021, 3, 4), "一次网", "P0001", "x-new"]
LAYERS = ("pipes", "valves", "customers", "stations", "sources")


def random_edit(data: st.DataObject, net: Network) -> E.Edit:
    kind = data.draw(st.sampled_from(["set", "set", "delete", "add", "move_node", "move_vertex",
                                      "split", "valve", "composite"]))
    if kind == "composite":
        return E.Composite(tuple(random_edit(data, net) for _ in range(data.draw(st.integers(1, 3)))))
    layer = data.draw(st.sampled_from(LAYERS))
    frame = net.layer(layer)
    n = len(frame)
    pipes = net.pipes
    line_rows = [i for i, g in enumerate(pipes.geometry.array[:300]) if g is not None and g.geom_type == "LineString"]
    if kind == "set" and n:
        rows = tuple(sorted(set(data.draw(st.lists(st.integers(0, min(n, 400) - 1), min_size=1, max_size=3)))))
        fields = [c for c in frame.columns if c != frame.geometry.name] + ["new_field"]
        name = data.draw(st.sampled_from(fields))
        return E.SetValues(layer, rows, name, (data.draw(st.sampled_from(VALUES)),))
    if kind == "delete" and n:
        rows = tuple(data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=4)))
        return E.DeleteFeatures(layer, rows)
    if kind == "add" and layer != "pipes":
        x, y = data.draw(st.floats(0, 1000)), data.draw(st.floats(0, 1000))
        attrs = {}
        if data.draw(st.booleans()):
            attrs["name"] = data.draw(st.sampled_from(["A", "泵站", None]))
        return E.add_point(layer, (x, y), **attrs)
    if kind == "move_vertex" and n:
        row = data.draw(st.integers(0, n - 1))
        return E.MoveVertex(layer, row, data.draw(st.integers(-2, 1)), (data.draw(st.floats(-50, 50)), 7.5))
    if line_rows:
        row = data.draw(st.sampled_from(line_rows))
        line = pipes.geometry.array[row]
        at = tuple(shapely.get_coordinates(line.interpolate(data.draw(st.floats(0, 1)), normalized=True))[0])
        if kind == "move_node":
            end = tuple(shapely.get_coordinates(line)[data.draw(st.sampled_from([0, -1]))])
            return E.MoveNode(end, (end[0] + 1.5, end[1] - 2.0), network=data.draw(st.sampled_from([None, "primary"])))
        if kind == "split":
            return E.SplitPipe(row, at)
        return E.PlaceValve(row, at, split=data.draw(st.booleans()))
    return E.add_pipe([(0, 0), (data.draw(st.floats(1, 100)), 5)], network="primary", dn=100)


def run_sequence(data: st.DataObject, net: Network) -> None:
    original = dict(net.layers)
    inverses = []
    states = [dict(net.layers)]
    for _ in range(data.draw(st.integers(1, 6))):
        edit = random_edit(data, net)
        before = dict(net.layers)
        try:
            inverse = edit.apply(net)
        except InputError as exc:
            assert "\n" not in str(exc)
            assert all(net.layers.get(k) is before[k] for k in before) and set(net.layers) == set(before)
            assert net.revision >= 0
            continue
        assert set(edit.layers) >= {k for k in set(before) | set(net.layers)
                                    if net.layers.get(k) is not before.get(k)}
        inverses.append(inverse)
        states.append(dict(net.layers))
    redo = []
    for inverse, state in zip(reversed(inverses), reversed(states[1:]), strict=True):
        assert_layers_equal(state, net.layers)
        redo.append(inverse.apply(net))
    assert_layers_equal(original, net.layers)
    for again, state in zip(reversed(redo), states[1:], strict=True):
        again.apply(net)
        assert_layers_equal(state, net.layers)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edit_sequences_undo_exactly_on_the_sample(sample_network, data):
    run_sequence(data, copy_of(sample_network))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_random_edit_sequences_undo_exactly_on_a_hand_made_network(data):
    net = make_network(
        [pipe("a", [(0, 0), (100, 0)], note="x"), pipe("b", [(100, 0), (200, 0), (200, 50)], note=None),
         pipe("c", [(100, 0), (100, -100)], network="secondary")],
        valves=[valve("v", (100, 0), pipe_id="c", normally_open=False)],
        customers=[customer("k", (200, 50), households=3)],
    )
    run_sequence(data, net)
