"""Isolation rules (SPEC `isolate`), each on a network drawn by hand.

Drawing conventions: primary mains run east along y = 0 in 100 m pipes
a, b, c, … from the source S at x = 0; valves sit at the joints.
"""

from __future__ import annotations

import math

import pytest

from gisheat.analysis.isolation import IsolationEngine
from gisheat.errors import InputError
from gisheat.sample.handmade import customer, make_network, pipe, source, station, valve


def chain(n=4, valves_at=(1, 2, 3), **valve_attrs):
    # valve_attrs: per-valve attributes, e.g. v2={"normally_open": False}
    """S=a=b=c=d along y=0; valve vK at x = 100·K (between the K-th and K+1-th pipe)."""
    names = "abcdefgh"
    pipes = [pipe(names[k], [(100.0 * k, 0), (100.0 * (k + 1), 0)], dn=200) for k in range(n)]
    valves = [valve(f"v{k}", (100.0 * k, 0), **valve_attrs.get(f"v{k}", {})) for k in valves_at]
    return pipes, valves


ONE_SOURCE = (source("S", (0, 0)),)


def engine(pipes, valves=(), sources=ONE_SOURCE, stations=(), customers=()):
    return IsolationEngine(make_network(pipes, valves, sources, stations, customers))


def ids(customers):
    return [(c.customer_id, c.reason) for c in customers]


def test_spread_stops_at_closable_valves():
    #  S —a— v1 —b— v2 —c— v3 —d
    pipes, valves = chain()
    r = engine(pipes, valves, customers=[customer("cb", (200, 0))]).isolate(["b"])
    assert r.valves_to_close == ["v1", "v2"]
    assert r.isolated_pipes == ["b"]
    assert r.cut_off_pipes == ["c", "d"]
    assert r.closed_boundary_valves == []
    assert not r.whole_circuit


def test_normally_closed_valve_met_is_a_boundary_already():
    pipes, valves = chain(v2={"normally_open": False})
    r = engine(pipes, valves).isolate(["a"])
    assert r.valves_to_close == ["v1"]
    r = engine(pipes, valves).isolate(["b"])
    assert r.valves_to_close == ["v1"]
    assert r.closed_boundary_valves == ["v2"]
    # beyond the tie valve nothing had heat before: not reported as cut off
    assert r.cut_off_pipes == []


@pytest.mark.parametrize("how", ["inoperable", "failed"])
def test_valve_that_cannot_close_lets_the_spread_through(how):
    pipes, valves = chain()
    if how == "inoperable":
        valves[1] = valve("v2", (200, 0), operable=False)
        r = engine(pipes, valves).isolate(["b"])
    else:
        r = engine(pipes, valves).isolate(["b"], failed_valves=["v2"])
    assert r.valves_to_close == ["v1", "v3"]
    assert r.isolated_pipes == ["b", "c"]
    assert r.cut_off_pipes == ["d"]
    assert (r.failed_valves == ["v2"]) == (how == "failed")


def test_loop_keeps_the_far_side_supplied():
    #  S —a— v1 —b— v2 —c—(300,0)
    #   \____________e____________/   (e runs back along y = -100 to the source)
    pipes, valves = chain(n=3, valves_at=(1, 2))
    pipes.append(pipe("e", [(300, 0), (300, -100), (0, -100), (0, 0)], dn=200))
    r = engine(pipes, valves, customers=[customer("far", (300, 0))]).isolate(["b"])
    assert r.valves_to_close == ["v1", "v2"]
    assert r.cut_off_pipes == []
    assert r.affected_customers == []


def test_radial_branch_is_cut_off_and_restored_through_a_tie_valve():
    #  S —a— v1 —b— v2 —c—(300,0) —tie(NC t1)— (300,100) —g— S2 (0,100)
    pipes, valves = chain(n=3, valves_at=(1, 2))
    pipes += [pipe("tie", [(300, 0), (300, 100)]), pipe("g", [(300, 100), (0, 100)])]
    valves += [valve("t1", (300, 50), normally_open=False)]
    eng = engine(pipes, valves, sources=[source("S", (0, 0)), source("S2", (0, 100))],
                 customers=[customer("c1", (300, 0), households=40), customer("c2", (200, 0))])
    r = eng.isolate(["b"])
    assert r.cut_off_pipes == ["c", "tie"]
    # v2 (no pipe_id) sits on b, the pipe whose id sorts first: c2 at the joint stays with c
    assert ids(r.affected_customers) == [("c1", "cut_off"), ("c2", "cut_off")]
    assert [(x.open_valve, x.restores_customers) for x in r.restoration] == [("t1", 2)]
    # applying the restoration gives c1 back
    after = eng.isolate(["b"], open_valves=["t1"])
    assert [c.customer_id for c in after.affected_customers if c.reason != "isolated"] == []
    assert after.restoration == []


def test_tie_valve_on_the_isolated_area_is_no_restoration():
    pipes, valves = chain(n=2, valves_at=(1,))
    pipes += [pipe("tie", [(200, 0), (200, 100)]), pipe("g", [(200, 100), (0, 100)])]
    valves += [valve("t1", (200, 50), normally_open=False)]
    r = engine(pipes, valves, sources=[source("S", (0, 0)), source("S2", (0, 100))],
               customers=[customer("c", (200, 0))]).isolate(["b"])
    # t1 bounds the drained area (b and the tie's first half): already shut, and no restoration
    assert r.closed_boundary_valves == ["t1"]
    assert r.restoration == []


def test_inoperable_or_failed_tie_valve_cannot_restore():
    pipes, valves = chain(n=3, valves_at=(1, 2))
    pipes += [pipe("tie", [(300, 0), (300, 100)]), pipe("g", [(300, 100), (0, 100)])]
    for attrs, failed in (({"operable": False}, []), ({}, ["t1"])):
        vs = valves + [valve("t1", (300, 50), normally_open=False, **attrs)]
        r = engine(pipes, vs, sources=[source("S", (0, 0)), source("S2", (0, 100))],
                   customers=[customer("c1", (300, 0))]).isolate(["b"], failed_valves=failed)
        assert r.restoration == []


def test_restoration_ranks_most_customers_first_then_by_valve_id():
    #  S2 —y1————————————— (300,100) —y2— (400,100)
    #                          |zz (NC)        |aa (NC)
    #  S —a— v1 —b— v2 —c— (300,0) v3 —d— (400,0)
    pipes, valves = chain(n=4, valves_at=(1, 2))
    valves.append(valve("v3", (300, 0), pipe_id="d"))
    pipes += [pipe("y1", [(0, 100), (300, 100)]), pipe("y2", [(300, 100), (400, 100)]),
              pipe("tb", [(300, 0), (300, 100)]), pipe("ta", [(400, 0), (400, 100)])]
    valves += [valve("zz", (300, 50), normally_open=False), valve("aa", (400, 50), normally_open=False)]
    custs = [customer("c1", (300, 0)), customer("c2", (400, 0)), customer("c3", (400, 0))]
    r = engine(pipes, valves, sources=[source("S", (0, 0)), source("S2", (0, 100))], customers=custs).isolate(["b"])
    # c is cut off between v2 and v3 (c1 at its end), d beyond v3 (c2, c3):
    # zz re-feeds c only (c1); aa re-feeds d (c2, c3) and — v3 being open — c too
    assert [(x.open_valve, x.restores_customers) for x in r.restoration] == [("aa", 3), ("zz", 3)]


def test_station_losing_supply_takes_its_secondary_circuit():
    #  S —a— v1 —b— ST ;  ST —s1— (200,50) —s2— (200,100) secondary
    pipes, valves = chain(n=2, valves_at=(1,))
    pipes += [pipe("s1", [(200, 0), (200, 50)], network="secondary"),
              pipe("s2", [(200, 50), (200, 100)], network="secondary")]
    custs = [customer("home", (200, 100), households=120), customer("plant", (200, 0))]
    r = engine(pipes, valves, stations=[station("ST", (200, 0))], customers=custs).isolate(["b"])
    assert r.affected_stations == ["ST"]
    assert r.cut_off_pipes == ["s1", "s2"]
    reasons = dict(ids(r.affected_customers))
    assert reasons["home"] == "station"
    assert r.summary.households == 120


def test_failure_on_a_secondary_circuit_touches_only_that_circuit():
    pipes, valves = chain(n=2, valves_at=(1,))
    pipes += [pipe("s1", [(200, 0), (200, 50)], network="secondary"),
              pipe("s2", [(200, 50), (200, 100)], network="secondary"),
              pipe("s3", [(200, 50), (250, 50)], network="secondary")]
    valves += [valve("vs", (200, 50), pipe_id="s2")]
    custs = [customer("up", (200, 100)), customer("side", (250, 50)), customer("main", (100, 0))]
    r = engine(pipes, valves, stations=[station("ST", (200, 0))], customers=custs).isolate(["s2"])
    assert r.valves_to_close == ["vs"]
    assert r.affected_stations == []
    assert ids(r.affected_customers) == [("up", "isolated")]


def test_secondary_cut_inside_the_circuit_is_cut_off_not_station():
    pipes, _ = chain(n=2, valves_at=())
    pipes += [pipe("s1", [(200, 0), (200, 50)], network="secondary"),
              pipe("s2", [(200, 50), (200, 100)], network="secondary")]
    valves = [valve("v1", (100, 0)), valve("w1", (200, 25)), valve("w2", (200, 75))]
    custs = [customer("end", (200, 100))]
    r = engine(pipes, valves, stations=[station("ST", (200, 0))], customers=custs).isolate(["s1", "b"])
    # b's failure cuts the station; s1's isolation cuts "end" inside the circuit too: cut_off comes first
    assert ids(r.affected_customers) == [("end", "cut_off")]


def test_source_inside_the_isolated_area_stops_supplying():
    #  S1 —a— v1 —b— v2 —c— S2
    pipes, valves = chain(n=3, valves_at=(1, 2))
    custs = [customer("end", (300, 0))]
    one = engine(pipes, valves, sources=[source("S1", (0, 0))], customers=custs).isolate(["a"])
    assert ids(one.affected_customers) == [("end", "cut_off")]
    two = engine(pipes, valves, sources=[source("S1", (0, 0)), source("S2", (300, 0))], customers=custs).isolate(["a"])
    assert two.affected_customers == []
    assert two.valves_to_close == ["v1"]


def test_failed_pipe_next_to_a_source():
    pipes, valves = chain(n=2, valves_at=(1,))
    r = engine(pipes, valves, customers=[customer("s_plant", (0, 0)), customer("x", (200, 0))]).isolate(["a"])
    assert r.valves_to_close == ["v1"]
    assert ids(r.affected_customers) == [("s_plant", "isolated"), ("x", "cut_off")]


def test_several_failed_pipes_at_once():
    pipes, valves = chain(n=4, valves_at=(1, 2, 3))
    r = engine(pipes, valves).isolate(["d", "b"])
    assert r.failed_pipes == ["b", "d"]
    assert r.valves_to_close == ["v1", "v2", "v3"]
    assert r.isolated_pipes == ["b", "d"]
    assert r.cut_off_pipes == ["c"]


def test_pipe_split_by_interior_valves_is_partly_isolated():
    #  S ————— long (0..400) with interior valves at 100 and 300, length_m 800 ——— c
    pipes = [pipe("long", [(0, 0), (400, 0)], dn=500, length_m=800.0), pipe("c", [(400, 0), (500, 0)], dn=500)]
    valves = [valve("i1", (100, 0)), valve("i2", (300, 0)), valve("v4", (400, 0))]
    eng = engine(pipes, valves, customers=[customer("end", (500, 0))])
    r = eng.isolate(["c"])
    assert r.isolated_pipes == ["c"] and r.cut_off_pipes == []
    r = eng.isolate(["long"])  # the whole pipe fails: all three pieces drain
    assert r.valves_to_close == ["v4"]
    assert r.summary.isolated_length_m == pytest.approx(800.0)
    # a failure on c leaves long's pieces; a failure of a neighbour touching only the middle piece:
    pipes2 = pipes + [pipe("spur", [(200, 0), (200, 100)], dn=500)]
    r = engine(pipes2, valves + [valve("vs", (200, 100))], customers=[customer("end", (500, 0))]).isolate(["spur"])
    # spur ends on the interior of long (no junction): it is its own island, long untouched
    assert "long" not in r.isolated_pipes


def test_partly_isolated_pipe_listed_as_isolated_only_with_length_share():
    #  S —a— v1 —b(0..200, interior valve i at 150, length_m 400)— v2 — c
    pipes = [pipe("a", [(0, 0), (100, 0)], dn=200),
             pipe("b", [(100, 0), (300, 0)], dn=200, length_m=400.0),
             pipe("c", [(300, 0), (400, 0)], dn=200)]
    valves = [valve("v1", (100, 0)), valve("i", (250, 0)), valve("v3", (300, 0))]
    r = engine(pipes, valves, customers=[customer("end", (400, 0))]).isolate(["a"])
    assert r.isolated_pipes == ["a"]
    assert r.cut_off_pipes == ["b", "c"]
    r = engine(pipes, valves, customers=[customer("end", (400, 0))]).isolate(["c"])
    assert r.isolated_pipes == ["c"]
    # a failure spreading into b's last piece only: b is isolated (partly) and not cut off
    pipes[2] = pipe("c", [(300, 0), (400, 0)], dn=200)
    valves3 = [valve("v1", (100, 0)), valve("i", (250, 0)), valve("v4", (400, 0))]
    r = engine(pipes, valves3, customers=[customer("end", (400, 0))]).isolate(["c"])
    assert r.isolated_pipes == ["b", "c"]
    assert "b" not in r.cut_off_pipes
    # isolated length: b's last piece is 50 of 200 m of geometry → 1/4 of 400 m; plus c's 100 m
    assert r.summary.isolated_length_m == pytest.approx(100.0 + 100.0)
    volume = 2 * math.pi * (200 / 2000) ** 2 * 200.0
    assert r.summary.drain_volume_m3 == pytest.approx(volume)


def test_parallel_pipes_between_the_same_nodes():
    #  S —a— v1 =(p1 | p2)= v2 —c
    pipes = [pipe("a", [(0, 0), (100, 0)]), pipe("p1", [(100, 0), (200, 0)]),
             pipe("p2", [(100, 0), (150, 30), (200, 0)]), pipe("c", [(200, 0), (300, 0)])]
    valves = [valve("v1", (100, 0), pipe_id="a"), valve("v2", (200, 0), pipe_id="c")]
    r = engine(pipes, valves, customers=[customer("end", (300, 0))]).isolate(["p1"])
    assert r.isolated_pipes == ["p1", "p2"]
    assert r.valves_to_close == ["v1", "v2"]
    assert ids(r.affected_customers) == [("end", "cut_off")]


def test_no_closable_valve_means_the_whole_circuit_goes_out():
    pipes, valves = chain(n=3, valves_at=(1,), v1={"operable": False})
    r = engine(pipes, valves, customers=[customer("x", (300, 0))]).isolate(["c"])
    assert r.whole_circuit
    assert r.valves_to_close == []
    assert r.isolated_pipes == ["a", "b", "c"]
    assert ids(r.affected_customers) == [("x", "isolated")]


def test_what_had_no_heat_before_is_not_reported():
    #  S —a— v1 —b—  and an unconnected island i—j with a customer
    pipes, valves = chain(n=2, valves_at=(1,))
    pipes += [pipe("i", [(500, 0), (600, 0)]), pipe("j", [(600, 0), (700, 0)])]
    valves += [valve("vi", (600, 0))]
    r = engine(pipes, valves, customers=[customer("dark", (700, 0)), customer("lit", (200, 0))])
    assert r.isolate(["i"]).affected_customers == []
    assert r.isolate(["i"]).cut_off_pipes == []
    assert ids(r.isolate(["a"]).affected_customers) == [("lit", "cut_off")]


def test_summary_adds_up_the_affected_customers():
    pipes, valves = chain(n=2, valves_at=(1,))
    custs = [customer("h", (200, 0), category="hospital", households=0, heated_area_m2=20000.0, heat_load_kw=1400.0),
             customer("r", (200, 0), households=80, vulnerable_households=5, heated_area_m2=7000.0, heat_load_kw=300.5)]
    r = engine(pipes, valves, customers=custs).isolate(["b"])
    s = r.summary
    assert (s.customers, s.households, s.vulnerable_households) == (2, 80, 5)
    assert s.heated_area_m2 == pytest.approx(27000.0)
    assert s.heat_load_kw == pytest.approx(1700.5)
    assert s.isolated_length_m == pytest.approx(100.0)
    assert s.drain_volume_m3 == pytest.approx(2 * math.pi * 0.1**2 * 100.0)


def test_output_is_sorted_and_repeatable():
    pipes, valves = chain(n=4, valves_at=(1, 3))
    custs = [customer(n, (400, 0)) for n in ("z9", "a1", "m5")]
    eng = engine(pipes, valves, customers=custs)
    first = eng.isolate(["c", "b"]).to_json()
    assert first == eng.isolate(["b", "c"]).to_json()
    assert [c["customer_id"] for c in first["affected_customers"]] == ["a1", "m5", "z9"]


def test_unknown_ids_raise_one_line_errors():
    pipes, valves = chain()
    eng = engine(pipes, valves)
    with pytest.raises(InputError, match="no pipe 'nope'"):
        eng.isolate(["nope"])
    with pytest.raises(InputError, match="no valve 'zz'"):
        eng.isolate(["a"], failed_valves=["zz"])
    with pytest.raises(InputError):
        eng.isolate([])


def test_pipe_out_of_service_or_unusable_cannot_be_isolated():
    pipes, valves = chain()
    pipes.append(pipe("old", [(0, 50), (100, 50)], status="abandoned"))
    pipes.append(pipe("odd", [(0, 60), (100, 60)], network="tertiary"))
    eng = engine(pipes, valves)
    with pytest.raises(InputError, match="'old' is abandoned, not in service"):
        eng.isolate(["old"])
    with pytest.raises(InputError, match="'odd' takes no part in analysis: network 'tertiary' is not one of"):
        eng.isolate(["odd"])


def test_sample_query_matches_the_reference(sample_network, sample_topology):
    from gisheat.analysis.naive import naive_isolate

    eng = IsolationEngine(sample_network, sample_topology)
    for pid in ("P0007", "P0200", "S05-003", "S30-001"):
        got = eng.isolate([pid]).to_json()
        ref = naive_isolate(sample_network, sample_topology, [pid])
        assert {k: v for k, v in got.items() if k != "summary"} == {k: v for k, v in ref.items() if k != "summary"}


def test_valve_side_at_a_joint_does_not_depend_on_drawing_direction():
    for b_coords in ([(100, 0), (200, 0)], [(200, 0), (100, 0)]):
        pipes = [pipe("a", [(0, 0), (100, 0)]), pipe("b", b_coords), pipe("c", [(200, 0), (300, 0)])]
        eng = engine(pipes, [valve("v", (100, 0)), valve("w", (200, 0))], customers=[customer("k", (100, 0))])
        # v sits on a (id before b): k stays with b
        assert ids(eng.isolate(["b"]).affected_customers) == [("k", "isolated")]


def test_isolated_customers_are_reported_even_without_heat_before():
    # no source at all: nothing is supplied, yet the drained area's customers are isolated
    pipes, valves = chain(n=2, valves_at=(1,))
    r = engine(pipes, valves, sources=(), customers=[customer("in", (200, 0)),
                                                     customer("out", (50, 0))]).isolate(["b"])
    assert ids(r.affected_customers) == [("in", "isolated")]
    assert r.cut_off_pipes == [] and r.affected_stations == []


def test_restoration_through_a_standby_station():
    # SRC —P1— STA ; SRC —P2— (0,100) —P3— STB ; T (normally closed) on P2 ; STA and STB feed one loop
    pipes = [pipe("P1", [(0, 0), (100, 0)]), pipe("P2", [(0, 0), (0, 100)]), pipe("P3", [(0, 100), (100, 100)]),
             pipe("S1", [(100, 0), (150, 0)], network="secondary"),
             pipe("S2", [(150, 0), (150, 100)], network="secondary"),
             pipe("S3", [(150, 100), (100, 100)], network="secondary")]
    valves = [valve("VA", (0, 0), pipe_id="P1"), valve("T", (0, 50), normally_open=False)]
    r = engine(pipes, valves, stations=[station("STA", (100, 0)), station("STB", (100, 100))],
               customers=[customer("K", (150, 0)), customer("K2", (150, 100))]).isolate(["P1"])
    assert r.affected_stations == ["STA"]
    assert ids(r.affected_customers) == [("K", "station"), ("K2", "station")]
    assert [(x.open_valve, x.restores_customers) for x in r.restoration] == [("T", 2)]
