"""Layer styles: single symbol, categorised and graduated — classification without Qt.

A style turns a layer's frame into one class number per feature plus a
:class:`Symbol` and a legend label per class. The map draws one batched item
per class (and spatial tile); the layer panel shows the legend. Colours are
'#rrggbb' strings so this module stays plain Python and easy to test.

Categories and their order come from the schema (``gisheat.core.schema``:
``NETWORKS``, ``LAYINGS``, ``CUSTOMER_CATEGORIES``…); labels come from
``gisheat.ui.labels`` (translated). Numeric values come from the layer's
fields or from a published :class:`~gisheat.ui.session.Theme` (criticality,
risk) named ``theme:<name>``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as dc_field

import numpy as np
import pandas as pd

from gisheat.core import schema

SINGLE = "single"
CATEGORIZED = "categorized"
GRADUATED = "graduated"

VALVE_STATE = "__valve_state"
"""Pseudo field of the valves layer: open / normally closed / inoperable."""

QUALITATIVE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#ad494a",
)

RAMPS = {
    "yellow_red": ("#fed04c", "#fd9f3a", "#f8652c", "#d7301f", "#99000d"),
    "blues": ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08306b"),
    "viridis": ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"),
    "red_green": ("#1a9641", "#a6d96a", "#fdae61", "#f46d43", "#d7191c"),
}
"""Sequential ramps, low value first."""

FIXED_COLOURS: dict[str, dict[str, str]] = {
    "network": {"primary": "#c62828", "secondary": "#1565c0"},
    "status": {"in_service": "#37474f", "abandoned": "#9e9e9e", "planned": "#2e7d32"},
    "laying": {
        "preinsulated_buried": "#2e7d32",
        "trench": "#d84315",
        "overhead": "#6a1b9a",
        "buried": "#00838f",
        "tunnel": "#5d4037",
    },
    "material": {
        "preinsulated_steel": "#1565c0",
        "steel": "#ef6c00",
        "ductile_iron": "#6d4c41",
        "pex": "#00897b",
        "pe": "#7cb342",
    },
    "category": {
        "residential": "#78909c",
        "hospital": "#d50000",
        "school": "#ff9100",
        "nursing_home": "#aa00ff",
        "commercial": "#ec407a",
        "industrial": "#5d4037",
        "public": "#00bfa5",
    },
    VALVE_STATE: {"open": "#ffffff", "closed": "#212121", "inoperable": "#e53935"},
}

CHOICES: dict[str, tuple[str, ...]] = {
    "network": schema.NETWORKS,
    "status": schema.PIPE_STATUSES,
    "laying": schema.LAYINGS,
    "material": schema.MATERIALS,
    "category": schema.CUSTOMER_CATEGORIES,
    "valve_type": schema.VALVE_TYPES,
    "kind": schema.SOURCE_KINDS,
    VALVE_STATE: ("open", "closed", "inoperable"),
}


@dataclass(frozen=True)
class Symbol:
    """How one class is drawn. Widths and sizes are in screen pixels."""

    color: str = "#455a64"
    width: float = 1.0
    size: float = 7.0
    shape: str = "o"
    """Point shapes: pyqtgraph names ('o', 's', 't', 'd', 'star') or 'valve', 'station', 'source'."""
    outline: str = "#263238"
    fill_alpha: int = 255
    dash: bool = False


@dataclass
class LegendEntry:
    label: str
    symbol: Symbol
    count: int = 0


@dataclass
class Classified:
    """Result of classifying a frame: class per feature (−1 = not drawn) and the legend."""

    classes: np.ndarray
    legend: list[LegendEntry]


@dataclass
class LayerStyle:
    """A layer's style (see the module docstring)."""

    kind: str = SINGLE
    symbol: Symbol = dc_field(default_factory=Symbol)
    field: str | None = None
    colours: dict[str, str] = dc_field(default_factory=dict)
    """Categorised: colour per category (missing ones get the qualitative palette)."""
    ramp: str = "yellow_red"
    reverse: bool = False
    n_classes: int = 5
    breaks: tuple[float, ...] | None = None
    """Graduated: class limits (n_classes − 1 inner breaks); None = quantiles."""
    width_by_dn: bool = False
    """Lines: width from the feature's DN (on top of the colour classes)."""
    labels: dict[str, str] = dc_field(default_factory=dict)
    """Legend text: by category key (categorised; a theme's numbers keyed by :func:`category_key`) or by
    class number '0', '1', … (graduated); '' names the features without a value. Missing: automatic text."""

    def with_(self, **changes) -> LayerStyle:
        return replace(self, **changes)


# --- defaults ----------------------------------------------------------------------------

def default_style(layer: str, geometry: str | None) -> LayerStyle:
    """What a heating engineer expects to see first for each layer."""
    if layer == "pipes":
        return LayerStyle(CATEGORIZED, Symbol(width=1.5), field="network", width_by_dn=True)
    if layer == "valves":
        return LayerStyle(CATEGORIZED, Symbol(shape="valve", size=11), field=VALVE_STATE)
    if layer == "sources":
        return LayerStyle(SINGLE, Symbol(color="#d50000", shape="source", size=18, outline="#ffffff"))
    if layer == "stations":
        return LayerStyle(SINGLE, Symbol(color="#00897b", shape="station", size=12, outline="#ffffff"))
    if layer == "customers":
        return LayerStyle(CATEGORIZED, Symbol(shape="o", size=7, outline="#ffffff"), field="category")
    if layer == "districts":
        return LayerStyle(SINGLE, Symbol(color="#5c6bc0", width=1.5, fill_alpha=14, outline="#5c6bc0", dash=True))
    if layer == "buildings":
        return LayerStyle(SINGLE, Symbol(color="#d7ccc8", width=0.8, fill_alpha=255, outline="#bcaaa4"))
    if layer == "streets":
        return LayerStyle(SINGLE, Symbol(color="#cfd8dc", width=5.0))
    if "river" in layer or "water" in layer:
        return LayerStyle(SINGLE, Symbol(color="#9ec9ef", width=1.0, fill_alpha=255, outline="#7fb2e0"))
    if geometry == "polygon":
        return LayerStyle(SINGLE, Symbol(color="#e0e0e0", width=0.8, fill_alpha=160, outline="#bdbdbd"))
    if geometry == "point":
        return LayerStyle(SINGLE, Symbol(color="#9e9e9e", size=5, outline="#757575"))
    return LayerStyle(SINGLE, Symbol(color="#b0bec5", width=1.0))


# --- values --------------------------------------------------------------------------------

def text_default(layer: str | None, name: str) -> str:
    """The schema default of a text field of ``layer`` ('' when none or unknown)."""
    spec = schema.LAYERS.get(layer) if layer else None
    if spec is None:
        return ""
    for f in spec.fields:
        if f.name == name and f.default is not None and f.kind == schema.TEXT:
            return str(f.default)
    return ""


def category_values(frame: pd.DataFrame, name: str, layer: str | None = None) -> np.ndarray:
    """Text values of a field (valve state computed from normally_open / operable)."""
    if name == VALVE_STATE:
        operable = schema.bool_column(frame, "operable", schema.layer_field_default("valves", "operable"))
        normally_open = schema.bool_column(frame, "normally_open", schema.layer_field_default("valves", "normally_open"))
        out = np.where(normally_open, "open", "closed").astype(object)
        out[~operable] = "inoperable"
        return out
    if name in frame.columns and pd.api.types.is_bool_dtype(frame[name].dtype):
        vals = frame[name].astype(object).to_numpy(dtype=object, na_value=None)
        return np.array(["" if v is None else str(bool(v)).lower() for v in vals], dtype=object)
    return schema.text_column(frame, name, text_default(layer, name))


def category_codes(frame: pd.DataFrame, name: str, layer: str | None = None) -> tuple[np.ndarray, list[str]]:
    """Category index per feature and the ordered categories (vectorised, no per-row Python)."""
    if name == VALVE_STATE or name not in frame.columns:
        values = category_values(frame, name, layer)
        raw_codes, uniques = pd.factorize(values)
        uniques = [str(u) for u in uniques]
    else:
        raw_codes, uniques = pd.factorize(frame[name], use_na_sentinel=True)
        if pd.api.types.is_bool_dtype(frame[name].dtype):
            uniques = [str(bool(u)).lower() for u in uniques]
        else:
            uniques = [str(u) for u in uniques]
        if (raw_codes < 0).any():
            default = text_default(layer, name)
            if default not in uniques:
                uniques.append(default)
            raw_codes = np.where(raw_codes < 0, uniques.index(default), raw_codes)
    cats = categories_of(np.asarray(uniques, dtype=object), name)
    remap = np.array([cats.index(u) for u in uniques], dtype=np.int64)
    codes = remap[raw_codes] if len(raw_codes) else np.zeros(0, dtype=np.int64)
    return codes, cats


def categories_of(values: np.ndarray, name: str) -> list[str]:
    """Categories present, schema order first then the rest sorted; '' (empty) last."""
    present = pd.unique(values)
    present_set = {str(v) for v in present}
    known = [c for c in CHOICES.get(name, ()) if c in present_set]
    rest = sorted(v for v in present_set if v not in known and v != "")
    return known + rest + ([""] if "" in present_set else [])


def quantile_breaks(values: np.ndarray, n: int) -> tuple[float, ...]:
    """Inner class limits at quantiles (duplicates removed)."""
    finite = values[np.isfinite(values)]
    if len(finite) == 0:
        return ()
    qs = np.quantile(finite, np.linspace(0, 1, n + 1)[1:-1])
    out = []
    for q in qs:
        q = float(q)
        if (not out or q > out[-1]) and q > finite.min():
            out.append(q)
    return tuple(out)


def equal_breaks(values: np.ndarray, n: int) -> tuple[float, ...]:
    finite = values[np.isfinite(values)]
    if len(finite) == 0:
        return ()
    lo, hi = float(finite.min()), float(finite.max())
    if hi <= lo:
        return ()
    return tuple(float(v) for v in np.linspace(lo, hi, n + 1)[1:-1])


def ramp_colours(ramp: str, n: int, reverse: bool = False) -> list[str]:
    stops = RAMPS.get(ramp, RAMPS["yellow_red"])
    if reverse:
        stops = stops[::-1]
    if n <= 1:
        return [stops[-1]]
    rgb = np.array([[int(s[i : i + 2], 16) for i in (1, 3, 5)] for s in stops], dtype=float)
    pos = np.linspace(0, len(stops) - 1, n)
    out = []
    for p in pos:
        i = min(int(p), len(stops) - 2)
        t = p - i
        c = rgb[i] * (1 - t) + rgb[i + 1] * t
        out.append("#" + "".join(f"{int(round(v)):02x}" for v in c))
    return out


def _fmt(value: float) -> str:
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}".replace(",", " ") if abs(value) >= 10000 else f"{value:.0f}"
    return f"{value:.3g}"


# --- classification --------------------------------------------------------------------------

def classify(
    style: LayerStyle,
    frame: pd.DataFrame,
    *,
    numeric: np.ndarray | None = None,
    value_label=str,
    no_value: str = "no value",
    layer: str | None = None,
) -> Classified:
    """One class per feature and the legend, for ``style`` over ``frame``.

    ``numeric`` overrides the graduated field's values (a published theme);
    ``value_label`` turns a category value into legend text (translated labels).
    """
    n = len(frame)
    no_value = style.labels.get("", no_value)
    if style.kind == SINGLE or (style.field is None and numeric is None):
        return Classified(np.zeros(n, dtype=np.int64), [LegendEntry("", style.symbol, n)])
    if style.kind == CATEGORIZED and numeric is not None:
        return _classify_coded(style, np.asarray(numeric, dtype=np.float64), no_value)
    if style.kind == CATEGORIZED:
        codes, cats = category_codes(frame, style.field, layer)
        fixed = FIXED_COLOURS.get(style.field, {})
        counts = np.bincount(codes[codes >= 0], minlength=len(cats))
        legend = []
        spare = iter(QUALITATIVE)
        for k, cat in enumerate(cats):
            colour = style.colours.get(cat) or fixed.get(cat)
            if colour is None:
                colour = "#bdbdbd" if cat == "" else next(spare, "#9e9e9e")
            sym = replace(style.symbol, color=colour)
            if style.field == VALVE_STATE:
                sym = replace(sym, outline="#212121" if cat != "inoperable" else "#7f0000")
            label = no_value if cat == "" else value_label(cat)
            legend.append(LegendEntry(label, sym, int(counts[k])))
        return Classified(codes, legend)
    # graduated
    values = numeric if numeric is not None else schema.numeric_column(frame, style.field)
    breaks = style.breaks if style.breaks is not None else quantile_breaks(values, style.n_classes)
    edges = np.asarray(breaks, dtype=np.float64)
    finite = np.isfinite(values)
    codes = np.full(n, -1, dtype=np.int64)
    codes[finite] = np.searchsorted(edges, values[finite], side="right")
    k = len(edges) + 1
    colours = ramp_colours(style.ramp, k, style.reverse)
    counts = np.bincount(codes[codes >= 0], minlength=k)
    lo = float(np.nanmin(values)) if finite.any() else 0.0
    hi = float(np.nanmax(values)) if finite.any() else 0.0
    bounds = [lo, *edges.tolist(), hi]
    legend = []
    for i in range(k):
        a, b = bounds[i], bounds[i + 1]
        label = style.labels.get(str(i)) or (f"{_fmt(a)} – {_fmt(b)}" if a != b else _fmt(a))
        legend.append(LegendEntry(label, replace(style.symbol, color=colours[i]), int(counts[i])))
    if (~finite).any():
        codes[~finite] = k
        legend.append(LegendEntry(no_value, replace(style.symbol, color="#bdbdbd"), int((~finite).sum())))
    return Classified(codes, legend)


def category_key(value: float) -> str:
    """The text key of a coded theme value (2026.0 → '2026'), as :attr:`LayerStyle.labels` and colours use."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def _classify_coded(style: LayerStyle, values: np.ndarray, no_value: str) -> Classified:
    """Categories from a theme's numbers (plan year, status code, segment number).

    Colours and legend text come from ``style.colours`` / ``style.labels`` by
    :func:`category_key` (else the qualitative palette and the number).
    Categories with the same text and colour share one class and one legend
    line, so thousands of segments coloured with a few colours stay a short legend.
    The legend follows the order of ``style.labels`` (then the values' order).
    """
    n = len(values)
    finite = np.isfinite(values)
    uniques, inverse = np.unique(values[finite], return_inverse=True)
    class_of: dict[tuple[str, str], int] = {}
    code_of_value = np.empty(len(uniques), dtype=np.int64)
    for i, value in enumerate(uniques):
        key = category_key(value)
        colour = style.colours.get(key) or QUALITATIVE[i % len(QUALITATIVE)]
        code_of_value[i] = class_of.setdefault((style.labels.get(key, key), colour), len(class_of))
    rank = {label: i for i, label in enumerate(dict.fromkeys(style.labels.values()))}
    order = sorted(class_of.items(), key=lambda item: (rank.get(item[0][0], len(rank)), item[1]))
    renumber = np.empty(len(class_of), dtype=np.int64)
    renumber[[k for _, k in order]] = np.arange(len(order))
    codes = np.full(n, -1, dtype=np.int64)
    codes[finite] = renumber[code_of_value[inverse]]
    counts = np.bincount(codes[finite], minlength=len(class_of))
    legend = [LegendEntry(label, replace(style.symbol, color=colour), int(counts[i]))
              for i, ((label, colour), _) in enumerate(order)]
    if (~finite).any():
        codes[~finite] = len(legend)
        legend.append(LegendEntry(no_value, replace(style.symbol, color="#bdbdbd"), int((~finite).sum())))
    return Classified(codes, legend)


DN_WIDTHS = ((0, 1.0), (150, 1.6), (300, 2.4), (500, 3.4), (800, 4.6))
"""(lower DN bound, pen width px): pipe width by DN class."""


def dn_width_class(dn: np.ndarray) -> np.ndarray:
    """Width class (index into DN_WIDTHS) per pipe; unknown DN → thinnest."""
    bounds = np.array([b for b, _ in DN_WIDTHS[1:]], dtype=np.float64)
    dn = np.where(np.isfinite(dn), dn, 0)
    return np.searchsorted(bounds, dn, side="right").astype(np.int64)


def numeric_fields(frame: pd.DataFrame) -> list[str]:
    """Columns that can drive a graduated style."""
    out = []
    for name in frame.columns:
        if name == getattr(frame, "_geometry_column_name", None):
            continue
        dtype = frame[name].dtype
        if pd.api.types.is_bool_dtype(dtype):
            continue
        if pd.api.types.is_numeric_dtype(dtype):
            out.append(str(name))
    return out


def text_fields(frame: pd.DataFrame, *, max_categories: int = 40) -> list[str]:
    """Columns that make sensible categories (few distinct values)."""
    out = []
    sample = frame.head(20000)
    for name in frame.columns:
        if name == getattr(frame, "_geometry_column_name", None):
            continue
        col = sample[name]
        if pd.api.types.is_float_dtype(col.dtype):
            continue
        try:
            k = col.nunique(dropna=True)
        except TypeError:
            continue
        if 0 < k <= max_categories:
            out.append(str(name))
    return out
