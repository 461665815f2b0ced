"""Valve audit on a network drawn by hand.

    S —a— v1 —b— (200) —c— v3 —d— (400)
    customers: c1 at 200, c2 at 300 (on c's side of v3), c3 at 400
"""

from __future__ import annotations

from gisheat.analysis.audit import audit
from gisheat.sample.handmade import customer, make_network, pipe, source, valve


def network(with_v3=True):
    pipes = [pipe(n, [(100.0 * k, 0), (100.0 * (k + 1), 0)]) for k, n in enumerate("abcd")]
    valves = [valve("v1", (100, 0))] + ([valve("v3", (300, 0), pipe_id="d")] if with_v3 else [])
    customers = [customer("c1", (200, 0), households=10), customer("c2", (300, 0), households=20),
                 customer("c3", (400, 0), households=30)]
    return make_network(pipes, valves, [source("S", (0, 0))], customers=customers)


def test_largest_segments_and_worst_case():
    result = audit(network())
    assert result.worst_case_customers == 3  # b or c: drains b, c and cuts d off
    top = result.largest_by_customers[0]
    assert (top.pipes, top.customers, top.households, top.length_m) == (2, 2, 30, 200.0)
    assert result.largest_by_households[0].households == 30  # d's segment: c3


def test_valve_failure_merges_the_groups_on_its_sides():
    failures = {f.valve_id: f for f in audit(network()).valve_failures}
    assert failures["v3"].merged_customers == 3
    assert failures["v3"].increase_customers == 1
    assert failures["v3"].merged_households == 60
    assert failures["v1"].merged_customers == 2 and failures["v1"].increase_customers == 0


def test_suggestion_splits_the_worst_group_and_is_evaluated_exactly():
    result = audit(network(with_v3=False), candidates=6)
    # without v3 a failure of b, c or d cuts all three customers off
    assert result.worst_case_customers == 3
    best = result.suggestions[0]
    # a valve in the middle of c: d (and c's far half) fails alone → c2, c3; b still cuts everyone
    assert best.pipe_id == "c"
    assert (best.worst_before, best.worst_after) == (3, 3)
    assert best.pipes_improved == 1 and best.customer_failures_spared == 1
    assert (best.x, best.y) == (250.0, 0.0)


def test_json_shape():
    doc = audit(network()).to_json()
    assert set(doc) == {"worst_case_customers", "largest_segments", "valve_failures", "valve_suggestions"}
    assert set(doc["largest_segments"]) == {"by_customers", "by_households", "by_length"}
