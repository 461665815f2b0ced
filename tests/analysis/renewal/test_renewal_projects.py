"""Pipes grouped into renewal projects on a network drawn by hand.

    street "Main" along y = 0; primary mains 8 m north of it:
        m1 (0,8)-(300,8)   m2 (300,8)-(600,8)   m3 (600,8)-(1000,8)
        b1 (300,8)-(300,100)   a branch leaving the street at the m1/m2 node (92 m)
    a secondary run off the street:
        s1 (0,200)-(50,200)  s2 (50,200)-(120,200)  straight on;  s3 (120,200)-(120,260) turns 90°
    a lone secondary pipe:  x1 (500,500)-(540,500)  (40 m, touches nothing)
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from gisheat.analysis.renewal.history import pipe_stock
from gisheat.analysis.renewal.projects import group_projects, pipe_streets
from gisheat.sample.handmade import make_network, pipe

SEC = {"network": "secondary"}


@pytest.fixture
def net():
    streets = gpd.GeoDataFrame({"name": ["Main"]}, geometry=[shapely.LineString([(-10, 0), (1010, 0)])],
                               crs="EPSG:4547")
    return make_network([
        pipe("m1", [(0, 8), (300, 8)]), pipe("m2", [(300, 8), (600, 8)]), pipe("m3", [(600, 8), (1000, 8)]),
        pipe("b1", [(300, 8), (300, 100)]),
        pipe("s1", [(0, 200), (50, 200)], **SEC), pipe("s2", [(50, 200), (120, 200)], **SEC),
        pipe("s3", [(120, 200), (120, 260)], **SEC),
        pipe("x1", [(500, 500), (540, 500)], **SEC),
    ], streets=streets)


def groups(net, **kw):
    stock = pipe_stock(net)
    projects = group_projects(net, stock, **kw)
    out = {}
    for i, p in enumerate(projects.pipe_project):
        if p >= 0:
            out.setdefault(projects.project_id[p], set()).add(stock.pipe_id[i])
    return sorted(map(frozenset, out.values()), key=sorted), projects


def test_streets_only_for_pipes_running_under_them(net):
    streets = pipe_streets(net, pipe_stock(net))
    assert list(streets) == ["Main", "Main", "Main", "", "", "", "", ""]


def test_street_runs_straight_runs_and_short_merges(net):
    found, projects = groups(net, min_length_m=100, max_length_m=2000)
    assert found == [frozenset({"m1", "m2", "m3", "b1"}), frozenset({"s1", "s2", "s3"}), frozenset({"x1"})]
    assert list(projects.short) == [False, False, True]  # x1: 40 m, nothing to join
    assert list(projects.street) == ["Main", "", ""]
    assert projects.length_m[0] == pytest.approx(1092.0)


def test_without_minimum_length_turns_stay_apart(net):
    found, _ = groups(net, min_length_m=0, max_length_m=2000)
    assert found == [frozenset({"b1"}), frozenset({"m1", "m2", "m3"}), frozenset({"s1", "s2"}),
                     frozenset({"s3"}), frozenset({"x1"})]


def test_long_runs_are_cut_in_order(net):
    found, projects = groups(net, min_length_m=100, max_length_m=700)
    # 1000 m of Main in two pieces by the midpoints along it: m1 (150), m2 (450) | m3 (800);
    # the 92 m branch b1 joins the only project it touches
    assert frozenset({"m1", "m2", "b1"}) in found and frozenset({"m3"}) in found
    assert sorted(projects.length_m[projects.street == "Main"]) == pytest.approx([400.0, 692.0])


def test_excluded_pipes_join_nothing(net):
    found, projects = groups(net, min_length_m=100, max_length_m=2000, exclude=np.array(
        [False, True, False, False, False, False, False, False]))
    assert frozenset({"m2"}) not in found and all("m2" not in g for g in found)
    assert frozenset({"m1", "b1"}) in found and frozenset({"m3"}) in found
    stock = pipe_stock(net)
    assert projects.pipe_project[list(stock.pipe_id).index("m2")] == -1


def test_a_young_or_differently_laid_pipe_is_not_dug_up_with_its_old_neighbours():
    streets = gpd.GeoDataFrame({"name": ["Main"]}, geometry=[shapely.LineString([(-10, 0), (1010, 0)])],
                               crs="EPSG:4547")
    net = make_network([
        pipe("old1", [(0, 8), (300, 8)], install_year=1985, laying="trench"),
        pipe("new", [(300, 8), (600, 8)], install_year=2020, laying="trench"),  # renewed recently
        pipe("old2", [(600, 8), (900, 8)], install_year=1990, laying="trench"),
        pipe("pre", [(900, 8), (1000, 8)], install_year=1992, laying="preinsulated_buried"),
        pipe("unknown", [(1000, 8), (1005, 8)]),  # nothing known: joins its neighbour
    ], streets=streets)
    found, _ = groups(net, min_length_m=0, max_length_m=5000)
    assert found == [frozenset({"new"}), frozenset({"old1"}), frozenset({"old2"}), frozenset({"pre", "unknown"})]
    # a wider gap allowed: the old pipes and the new one are one street project again, the laying still splits
    found, _ = groups(net, min_length_m=0, max_length_m=5000, max_age_gap_years=40)
    assert found == [frozenset({"new", "old1", "old2"}), frozenset({"pre", "unknown"})]
    # short pieces merge only within their cohort: 'pre' (100 m) finds no trench neighbour
    found, projects = groups(net, min_length_m=200, max_length_m=5000)
    assert frozenset({"pre", "unknown"}) in found
    stock_ids = list(pipe_stock(net).pipe_id)
    assert projects.short[projects.pipe_project[stock_ids.index("pre")]]
    assert not projects.short[projects.pipe_project[stock_ids.index("old1")]]


def test_a_chain_of_small_age_steps_is_cut_into_cohorts():
    """Each neighbour within 8 years of the next, but 1970 and 2010 are not one project."""
    years = [1970, 1978, 1986, 1994, None, 2002, 2010]
    net = make_network([pipe(f"p{k}", [(100 * k, 8), (100 * (k + 1), 8)], laying="trench",
                             **({"install_year": y} if y is not None else {})) for k, y in enumerate(years)])
    found, _ = groups(net, min_length_m=0, max_length_m=5000, max_age_gap_years=10)
    # bands 1970-78, 1986-94, 2002-10; the unknown p4 goes with the oldest band, which it does not touch
    assert found == [frozenset({"p0", "p1"}), frozenset({"p2", "p3"}), frozenset({"p4"}), frozenset({"p5", "p6"})]
    stock = pipe_stock(net)
    for group in found:
        known = [y for pid, y in zip(stock.pipe_id, stock.install_year, strict=True) if pid in group and y == y]
        assert not known or max(known) - min(known) <= 10
