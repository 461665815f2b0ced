"""Pipe themes of the asset analyses: criticality, valve segments, renewal risk, plan year and status.

Every theme is published with ``session.publish_theme`` (so the style dialog
offers it again later) and drawn at once with :func:`show_theme`:

* numbers (customers cut off, heat load, risk ¥/yr) as graduated colours with
  round class limits and legend text a reader can take literally
  ("5–19", "50 or more");
* codes (plan year, status, risk level, valve segment) as categories
  (``Theme.extra['categorical']``) with their own colours and legend text;
  valve segments use a qualitative palette assigned so that segments meeting
  at a valve differ (:func:`gisheat.ui.renewal.jobs.colour_segments`).

:class:`NetworkThemes` puts "Colour pipes by …" in the Analysis menu and
computes what is missing in a worker (``window.run_task``), once per network
revision.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
from PySide6.QtCore import QObject, Signal

from gisheat.core import schema
from gisheat.ui import labels
from gisheat.ui.map import style as st
from gisheat.ui.renewal import jobs
from gisheat.ui.renewal.numbers import fmt
from gisheat.ui.session import Theme

STATUS_COLOURS = {
    "proposed": "#607d8b", "approved": "#1e88e5", "in_design": "#8e24aa",
    "in_construction": "#fb8c00", "completed": "#2e7d32", "deferred": "#6d4c41",
}
YEAR_COLOURS = ("#c62828", "#ef6c00", "#f9a825", "#7cb342", "#00897b", "#1e88e5", "#3949ab", "#8e24aa",
                "#6d4c41", "#546e7a")
"""Plan years, first (most urgent) first; cycled past ten years."""
RISK_LEVEL_COLOURS = {"low": "#66bb6a", "medium": "#fdd835", "high": "#fb8c00", "very_high": "#d32f2f"}
RISK_LEVELS = ("low", "medium", "high", "very_high")

PLAN_OVERLAY = "renewal-plan"
"""The workspace draws the plan (by year or status) as this overlay over the dimmed map."""
THEME_YEAR = "renewal_year"
THEME_STATUS = "renewal_status"
THEME_RISK = "renewal_risk"
THEME_RISK_LEVEL = "renewal_risk_level"
THEME_CUSTOMERS = "criticality_customers"
THEME_HOUSEHOLDS = "criticality_households"
THEME_HEAT_LOAD = "criticality_heat_load"
THEME_SEGMENTS = "valve_segments"


# --- class limits a reader can take literally -----------------------------------------------

def nice_number(value: float) -> float:
    """The 1-2-5 number nearest to ``value`` on a log scale (17 → 20, 140 → 100, 0.3 → 0.2)."""
    if not math.isfinite(value) or value <= 0:
        return 0.0
    power = 10.0 ** math.floor(math.log10(value))
    steps = np.array([1.0, 2.0, 5.0, 10.0]) * power
    return float(steps[np.argmin(np.abs(np.log(steps) - math.log(value)))])


def nice_breaks(values: np.ndarray, shares: tuple[float, ...] = (0.5, 0.75, 0.9, 0.97)) -> tuple[float, ...]:
    """Inner class limits near the given quantiles of the positive values, rounded to 1-2-5 numbers.

    Zero gets a class of its own when present (pipes whose failure cuts off nobody).
    """
    finite = values[np.isfinite(values)]
    positive = finite[finite > 0]
    out: list[float] = []
    if (finite <= 0).any() and len(positive):
        out.append(float(positive.min()) if positive.min() < 1 else 1.0)
    if len(positive):
        for q in np.quantile(positive, shares):
            b = nice_number(float(q))
            if b > 0 and (not out or b > out[-1]) and b <= positive.max():
                out.append(b)
    return tuple(out)


def _number(value: float) -> str:
    return fmt(value, 0) if abs(value) >= 1 or value == 0 else f"{value:.2g}"


# --- building themes ---------------------------------------------------------------------------

class ThemeText(QObject):
    """Translated legend text and theme labels (one place, one translation context)."""

    def integer_classes(self, edges: tuple[float, ...], low: float) -> dict[str, str]:
        """Legend text of graduated classes over whole numbers: '0', '1–4', '5–19', '50 or more'."""
        out = {}
        bounds = [low, *edges]
        for i, a in enumerate(bounds):
            if i == len(bounds) - 1:
                out[str(i)] = self.tr("%1 or more").replace("%1", _number(a))
            else:
                b = math.ceil(bounds[i + 1]) - 1
                out[str(i)] = _number(a) if b <= a else f"{_number(a)}–{_number(b)}"
        return out

    def continuous_classes(self, edges: tuple[float, ...], unit: str, *, zero: bool = False) -> dict[str, str]:
        """Legend text of graduated classes of a measure: 'below 1 000 kW', '1 000–2 000 kW', '10 000 kW or more'.

        ``zero``: the first class holds only zeros ('0 kW')."""
        out = {}
        for i in range(len(edges) + 1):
            if i == 0:
                out["0"] = (f"0 {unit}" if zero else self.tr("below %1").replace("%1", f"{_number(edges[0])} {unit}")
                            if edges else unit)
            elif i == len(edges):
                out[str(i)] = self.tr("%1 or more").replace("%1", f"{_number(edges[-1])} {unit}")
            else:
                out[str(i)] = f"{_number(edges[i - 1])}–{_number(edges[i])} {unit}"
        return out

    def not_in_service(self) -> str:
        return self.tr("not in service / not analysed")

    # criticality --------------------------------------------------------------------------
    def criticality(self, frame: pd.DataFrame) -> list[Theme]:
        specs = (
            (THEME_CUSTOMERS, "customers", self.tr("Customers cut off if the pipe fails"), "", True),
            (THEME_HOUSEHOLDS, "households", self.tr("Households cut off if the pipe fails"), "", True),
            (THEME_HEAT_LOAD, "heat_load_kw", self.tr("Heat load cut off if the pipe fails (kW)"), "kW", False),
        )
        out = []
        for name, column, label, unit, whole in specs:
            values = pd.to_numeric(frame[column], errors="coerce").astype(np.float64)
            values.index = pd.Index(frame.index.astype(object), name="pipe_id")
            edges = nice_breaks(values.to_numpy())
            low = float(np.nanmin(values)) if values.notna().any() else 0.0
            zero = bool((values == 0).any()) and bool(edges) and edges[0] <= 1
            text = self.integer_classes(edges, low) if whole else self.continuous_classes(edges, unit, zero=zero)
            text[""] = self.not_in_service()
            out.append(Theme(name, "pipes", values, label, unit, extra={"breaks": edges, "labels": text,
                                                                         "ramp": "yellow_red"}))
        return out

    # valve segments ----------------------------------------------------------------------
    def segments(self, result: jobs.PipeSegments) -> Theme:
        colours, text = {}, {}
        for number, colour in sorted(result.colour.items(), key=lambda item: (item[1], item[0])):  # legend by colour
            key = st.category_key(number)
            colours[key] = jobs.SEGMENT_PALETTE[colour]
            text[key] = self.tr("Segment colour %1").replace("%1", str(colour + 1))
        text[""] = self.not_in_service()
        label = self.tr("Valve segments (%1)").replace(
            "%1", fmt(result.segments))
        return Theme(THEME_SEGMENTS, "pipes", result.number.astype(np.float64), label,
                     extra={"categorical": True, "colours": colours, "labels": text})

    # risk -----------------------------------------------------------------------------------
    def risk(self, risk) -> list[Theme]:
        table = risk.table
        index = pd.Index(table.index.astype(object), name="pipe_id")
        values = pd.Series(table["risk"].to_numpy(dtype=np.float64), index=index)
        edges = nice_breaks(values.to_numpy())
        text = self.continuous_classes(edges, self.tr("¥/yr"))
        text[""] = self.not_in_service()
        numeric = Theme(THEME_RISK, "pipes", values,
                        self.tr("Renewal risk %1 (expected failure cost, ¥/yr)").replace("%1", str(risk.year)),
                        "¥/yr", extra={"breaks": edges, "labels": text, "ramp": "yellow_red"})
        level = table["risk_level"].astype(str).map({name: k for k, name in enumerate(RISK_LEVELS)})
        level_text = {str(k): self.risk_level(name) for k, name in enumerate(RISK_LEVELS)}
        level_text[""] = self.not_in_service()
        coded = Theme(THEME_RISK_LEVEL, "pipes", pd.Series(level.to_numpy(dtype=np.float64), index=index),
                      self.tr("Risk level %1 (5 × 5 matrix)").replace("%1", str(risk.year)),
                      extra={"categorical": True, "labels": level_text,
                             "colours": {str(k): RISK_LEVEL_COLOURS[n] for k, n in enumerate(RISK_LEVELS)}})
        return [numeric, coded]

    def risk_level(self, name: str) -> str:
        return {"low": self.tr("Low"), "medium": self.tr("Medium"), "high": self.tr("High"),
                "very_high": self.tr("Very high")}.get(name, name)

    # plan -----------------------------------------------------------------------------------
    def plan_year(self, items: pd.DataFrame, title: str) -> Theme:
        """``items``: pipe_id, year (one row per pipe of the plan)."""
        values = pd.Series(pd.to_numeric(items["year"], errors="coerce").to_numpy(dtype=np.float64),
                           index=pd.Index(items["pipe_id"].astype(object), name="pipe_id"))
        years = sorted({int(y) for y in values.dropna()})
        colours = {str(y): YEAR_COLOURS[k % len(YEAR_COLOURS)] for k, y in enumerate(years)}
        text = {str(y): str(y) for y in years}
        text[""] = self.tr("not in the plan")
        return Theme(THEME_YEAR, "pipes", values, self.tr("Renewal year — %1").replace("%1", title),
                     extra={"categorical": True, "colours": colours, "labels": text})

    def plan_status(self, items: pd.DataFrame, title: str) -> Theme:
        """``items``: pipe_id, status."""
        codes = {name: k for k, name in enumerate(schema.RENEWAL_STATUSES)}
        status = items["status"].astype(object).where(items["status"].notna(), "proposed")
        values = pd.Series(status.map(codes).to_numpy(dtype=np.float64),
                           index=pd.Index(items["pipe_id"].astype(object), name="pipe_id"))
        text = {str(k): labels.value_label(name) for name, k in codes.items()}
        text[""] = self.tr("not in the plan")
        colours = {str(k): STATUS_COLOURS[name] for name, k in codes.items()}
        return Theme(THEME_STATUS, "pipes", values, self.tr("Renewal status — %1").replace("%1", title),
                     extra={"categorical": True, "colours": colours, "labels": text})


def theme_style(theme: Theme, base: st.LayerStyle | None = None) -> st.LayerStyle:
    """The layer style that draws ``theme`` (pipes keep their width by DN)."""
    symbol = base.symbol if base is not None else st.Symbol(width=1.5)
    extra = theme.extra
    if extra.get("categorical"):
        return st.LayerStyle(st.CATEGORIZED, symbol, field="theme:" + theme.name, colours=dict(extra.get("colours", {})),
                             labels=dict(extra.get("labels", {})), width_by_dn=True)
    breaks = tuple(extra.get("breaks", ())) or None
    return st.LayerStyle(st.GRADUATED, symbol, field="theme:" + theme.name, ramp=extra.get("ramp", "yellow_red"),
                         n_classes=len(breaks) + 1 if breaks else 5, breaks=breaks,
                         labels=dict(extra.get("labels", {})), width_by_dn=True)


def show_theme(window, theme: Theme) -> None:
    """Publish ``theme`` and colour its layer by it now (the plan overlay, which dims the map, goes)."""
    window.session.publish_theme(theme)
    canvas = window.canvas
    canvas.remove_overlay(PLAN_OVERLAY)
    layer = canvas.layers.get(theme.layer)
    if layer is None:
        return
    canvas.set_layer_style(theme.layer, theme_style(theme, layer.style), theme.aligned(layer.frame), theme.name)
    if not layer.visible:
        canvas.set_layer_visible(theme.layer, True)


# --- the Analysis menu ---------------------------------------------------------------------------

class NetworkThemes(QObject):
    """"Colour pipes by …" entries of the Analysis menu; each computes in a worker, then themes the map."""

    shown = Signal(str)
    """A theme was drawn (its name)."""

    def __init__(self, window, risk_year=None) -> None:
        super().__init__(window)
        self.window = window
        self.text = ThemeText(self)
        self.risk_year = risk_year or (lambda: dt.date.today().year + 1)
        self._cache: dict[str, tuple[int, object]] = {}
        self.task = None
        window.session.network_loaded.connect(self._cache.clear)

    def add_to(self, menu) -> None:
        sub = menu.addMenu(self.tr("Colour pipes by"))
        self.menu = sub
        self.actions = {}
        for name, text in ((THEME_CUSTOMERS, self.tr("Customers cut off if the pipe fails")),
                           (THEME_HOUSEHOLDS, self.tr("Households cut off if the pipe fails")),
                           (THEME_HEAT_LOAD, self.tr("Heat load cut off if the pipe fails")),
                           (THEME_SEGMENTS, self.tr("Valve segment")),
                           (THEME_RISK_LEVEL, self.tr("Renewal risk level")),
                           (THEME_RISK, self.tr("Renewal risk (¥ per year)"))):
            action = sub.addAction(text)
            action.triggered.connect(lambda _=False, n=name: self.show(n))
            self.actions[name] = action

    def _cached(self, key: str):
        network = self.window.session.network
        hit = self._cache.get(key)
        if network is not None and hit is not None and hit[0] == network.revision:
            return hit[1]
        return None

    def show(self, name: str) -> None:
        """Compute (in a worker, unless cached for this revision) and draw theme ``name``."""
        session = self.window.session
        if session.network is None:
            return
        kind = ("criticality" if name.startswith("criticality") else "segments" if name == THEME_SEGMENTS
                else "risk")
        cached = self._cached(kind)
        if cached is not None:
            self._publish(kind, cached, name)
            return
        revision = session.network.revision
        if kind == "criticality":
            job, text = jobs.criticality_job(session.network), self.tr("Criticality of every pipe")
        elif kind == "segments":
            job, text = jobs.segments_job(session.network), self.tr("Valve segments")
        else:
            job, text = jobs.risk_job(session.network, int(self.risk_year())), self.tr("Renewal risk per pipe")

        def done(result) -> None:
            self._cache[kind] = (revision, result)
            self._publish(kind, result, name)

        self.task = self.window.run_task(job, done, text)

    def publish_risk(self, risk, revision: int) -> None:
        """A risk computed elsewhere (the workspace's run) serves the menu too."""
        self._cache["risk"] = (revision, risk)
        for theme in self.text.risk(risk):
            self.window.session.publish_theme(theme)

    def _publish(self, kind: str, result, name: str) -> None:
        if kind == "criticality":
            themes = self.text.criticality(result)
        elif kind == "segments":
            themes = [self.text.segments(result)]
        else:
            themes = self.text.risk(result)
        for theme in themes:
            if theme.name != name:
                self.window.session.publish_theme(theme)
        show_theme(self.window, next(t for t in themes if t.name == name))
        self.shown.emit(name)

