"""Styles, search and the table model over small hand-made frames (answers checkable by hand)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gisheat.sample.handmade import customer, make_network, pipe, station, valve
from gisheat.ui.map import style as st
from gisheat.ui.search import SearchIndex


def pipes_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "pipe_id": ["A", "B", "C", "D", "E"],
        "network": ["secondary", "primary", "primary", None, "primary"],
        "dn": [100, 300, 500, None, 800],
        "install_year": [1990, 2000, 2010, 2020, None],
        "laying": ["trench", "preinsulated_buried", "trench", "my_own", None],
    })


def test_categorised_follows_schema_order_and_counts():
    frame = pipes_frame()
    c = st.classify(st.LayerStyle(st.CATEGORIZED, field="network"), frame)
    # schema order: primary, secondary, then missing values last
    assert [e.label for e in c.legend] == ["primary", "secondary", "no value"]
    assert c.classes.tolist() == [1, 0, 0, 2, 0]
    assert [e.count for e in c.legend] == [3, 1, 1]
    assert c.legend[0].symbol.color == st.FIXED_COLOURS["network"]["primary"]


def test_categorised_unknown_values_after_schema_values():
    c = st.classify(st.LayerStyle(st.CATEGORIZED, field="laying"), pipes_frame())
    assert [e.label for e in c.legend] == ["preinsulated_buried", "trench", "my_own", "no value"]


def test_graduated_breaks_and_no_value_class():
    frame = pipes_frame()
    style = st.LayerStyle(st.GRADUATED, field="install_year", breaks=(1995.0, 2015.0))
    c = st.classify(style, frame)
    # 1990 | 2000, 2010 | 2020 | missing
    assert c.classes.tolist() == [0, 1, 1, 2, 3]
    assert [e.count for e in c.legend] == [1, 2, 1, 1]
    assert c.legend[0].label == "1990 – 1995"
    assert c.legend[-1].label == "no value"


def test_quantile_and_equal_breaks():
    values = np.arange(1, 101, dtype=float)
    assert st.equal_breaks(values, 4) == (25.75, 50.5, 75.25)
    q = st.quantile_breaks(values, 4)
    assert len(q) == 3 and q[1] == pytest.approx(50.5)
    assert st.quantile_breaks(np.full(10, 3.0), 5) == ()


def test_valve_state_from_normally_open_and_operable():
    frame = pd.DataFrame({"normally_open": [True, False, True, None], "operable": [True, True, False, None]})
    assert st.category_values(frame, st.VALVE_STATE).tolist() == ["open", "closed", "inoperable", "open"]


def test_dn_width_classes():
    assert st.dn_width_class(np.array([50, 150, 299, 300, 800, np.nan])).tolist() == [0, 1, 1, 2, 4, 0]


def test_ramp_colours_interpolate_end_points():
    colours = st.ramp_colours("blues", 3)
    assert colours[0] == st.RAMPS["blues"][0] and colours[-1] == st.RAMPS["blues"][-1]
    assert st.ramp_colours("blues", 3, reverse=True)[0] == st.RAMPS["blues"][-1]


def small_network():
    return make_network(
        pipes=[pipe("P1", [(0, 0), (100, 0)]), pipe("P2", [(100, 0), (200, 0)], network="secondary")],
        valves=[valve("V1", (50, 0))],
        stations=[station("S1", (100, 0), name="幸福社区换热站")],
        customers=[customer("C1", (200, 0), name="紫荆里3号楼", address="南环路49号"),
                   customer("C12", (150, 0), name="Hospital C1", address="Elm 1")],
    )


def test_search_ranks_exact_id_first_then_prefix():
    index = SearchIndex(small_network())
    hits = index.search("c1")
    assert [(h.layer, h.title) for h in hits][:2] == [("customers", "C1 紫荆里3号楼"), ("customers", "C12 Hospital C1")]
    assert [h.layer for h in index.search("换热站")] == ["stations"]
    assert [h.row for h in index.search("南环路49")] == [0]
    assert index.search("   ") == []
    assert index.search("nothing like this") == []
