"""The network file's layers and fields (SPEC section 1) — the one source of truth.

The loader, the validator, the sample generator, the analyses and the UI all
read the definitions here: field names, types, defaults, allowed values and
units. Layers and fields added by the project (incident log, renewal ledger)
are declared here too, marked ``extension``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

# Field kinds. Stored in the GeoPackage as TEXT, INTEGER, REAL, INTEGER(boolean)
# and DATE / DATETIME respectively.
TEXT = "text"
INTEGER = "integer"
REAL = "real"
BOOLEAN = "boolean"
DATE = "date"
DATETIME = "datetime"

PRIMARY = "primary"
SECONDARY = "secondary"
IN_SERVICE = "in_service"

SNAP_TOLERANCE_M = 0.01
"""Default snapping tolerance: pipe ends (and points) closer than this are one node."""


@dataclass(frozen=True)
class Field:
    """One attribute of a layer."""

    name: str
    kind: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] | None = None
    open_choices: bool = False
    """True when ``choices`` are suggestions (SPEC lists end in "…"); other values are accepted."""
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    label: str = ""
    description: str = ""

    def check(self, value: Any) -> str | None:
        """Return a one-line reason why ``value`` is not acceptable, or None when it is.

        Null is acceptable for optional fields (the default applies).
        """
        if is_null(value):
            return f"{self.name} is empty" if self.required else None
        shown = show_value(value)
        try:
            coerced = coerce(self.kind, value)
        except (TypeError, ValueError):
            return f"{self.name} {shown} is not {_ARTICLE[self.kind]} {self.kind} value"
        if self.choices is not None and not self.open_choices and coerced not in self.choices:
            return f"{self.name} {shown} is not one of {', '.join(self.choices)}"
        if self.kind in (INTEGER, REAL):
            if self.minimum is not None and coerced < self.minimum:
                return f"{self.name} {shown} is below {self.minimum:g}"
            if self.maximum is not None and coerced > self.maximum:
                return f"{self.name} {shown} is above {self.maximum:g}"
        return None


@dataclass(frozen=True)
class Layer:
    """One layer (or attribute table) of the network file."""

    name: str
    geometry: str | None
    """'LineString', 'Point', 'Polygon' (multi accepted where SPEC says so) or None for tables."""
    id_field: str | None
    fields: tuple[Field, ...]
    label: str = ""
    multi_ok: bool = False
    extension: bool = False
    """Declared by gisheat beyond SPEC section 1 (incident log, renewal ledger)."""

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"layer {self.name} has no field {name}")

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def required_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)


# --- allowed values --------------------------------------------------------------

NETWORKS = (PRIMARY, SECONDARY)
PIPE_STATUSES = (IN_SERVICE, "abandoned", "planned")
LAYINGS = ("preinsulated_buried", "trench", "overhead", "buried", "tunnel")
MATERIALS = ("preinsulated_steel", "steel", "ductile_iron", "pex", "pe")
VALVE_TYPES = ("gate", "butterfly", "ball", "globe")
SOURCE_KINDS = ("chp", "boiler", "waste_heat", "heat_pump", "solar")
CUSTOMER_CATEGORIES = (
    "residential",
    "hospital",
    "school",
    "nursing_home",
    "commercial",
    "industrial",
    "public",
)
RESIDENTIAL = "residential"
"""The category of homes (the default category of a customer)."""
CRITICAL_CATEGORIES = ("hospital", "nursing_home")
"""Categories that come first in any outage (DOMAIN: critical regardless of building); weighted up in risk."""
CALL_FIRST_CATEGORIES = ("hospital", "nursing_home", "school")
"""Priority customers of an incident, called first in this order (then buildings with vulnerable households)."""
PRIORITY_ORDER = ("hospital", "nursing_home", "school", "public", "residential", "commercial", "industrial")
"""Order in which customer categories are listed in reports: who to call first."""

INCIDENT_STATUSES = ("planned", "active", "resolved")
RENEWAL_STATUSES = ("proposed", "approved", "in_design", "in_construction", "completed", "deferred")


def _f(name: str, kind: str, **kw: Any) -> Field:
    return Field(name, kind, **kw)


PIPES = Layer(
    "pipes",
    "LineString",
    "pipe_id",
    (
        _f("pipe_id", TEXT, required=True, label="Pipe id"),
        _f("network", TEXT, required=True, choices=NETWORKS, label="Network"),
        _f("dn", INTEGER, required=True, unit="mm", minimum=1, maximum=3000, label="DN"),
        _f("material", TEXT, choices=MATERIALS, open_choices=True, label="Material"),
        _f("laying", TEXT, choices=LAYINGS, open_choices=True, label="Laying"),
        _f("install_year", INTEGER, minimum=1850, maximum=2100, label="Install year"),
        _f("status", TEXT, default=IN_SERVICE, choices=PIPE_STATUSES, label="Status"),
        _f("company", TEXT, label="Company"),
        _f("district_id", TEXT, label="District"),
        _f("length_m", REAL, unit="m", minimum=0, label="Length",
           description="computed from geometry when absent"),
    ),
    label="Pipes",
)

VALVES = Layer(
    "valves",
    "Point",
    "valve_id",
    (
        _f("valve_id", TEXT, required=True, label="Valve id"),
        _f("pipe_id", TEXT, label="Pipe id",
           description="the pipe the valve closes, needed at junctions of three or more pipes"),
        _f("dn", INTEGER, unit="mm", minimum=1, maximum=3000, label="DN"),
        _f("valve_type", TEXT, choices=VALVE_TYPES, open_choices=True, label="Type"),
        _f("normally_open", BOOLEAN, default=True, label="Normally open"),
        _f("operable", BOOLEAN, default=True, label="Operable"),
        _f("last_exercised", DATE, label="Last exercised"),
    ),
    label="Valves",
)

SOURCES = Layer(
    "sources",
    "Point",
    "source_id",
    (
        _f("source_id", TEXT, required=True, label="Source id"),
        _f("name", TEXT, label="Name"),
        _f("kind", TEXT, choices=SOURCE_KINDS, open_choices=True, label="Kind"),
        _f("capacity_mw", REAL, unit="MW", minimum=0, label="Capacity"),
    ),
    label="Heat sources",
)

STATIONS = Layer(
    "stations",
    "Point",
    "station_id",
    (
        _f("station_id", TEXT, required=True, label="Station id"),
        _f("name", TEXT, label="Name"),
        _f("capacity_kw", REAL, unit="kW", minimum=0, label="Capacity"),
    ),
    label="Stations",
)

CUSTOMERS = Layer(
    "customers",
    "Point",
    "customer_id",
    (
        _f("customer_id", TEXT, required=True, label="Customer id"),
        _f("name", TEXT, label="Name"),
        _f("category", TEXT, default=RESIDENTIAL, choices=CUSTOMER_CATEGORIES, label="Category"),
        _f("households", INTEGER, default=0, minimum=0, label="Households"),
        _f("vulnerable_households", INTEGER, default=0, minimum=0, label="Vulnerable households"),
        _f("heated_area_m2", REAL, default=0.0, unit="m²", minimum=0, label="Heated area"),
        _f("heat_load_kw", REAL, default=0.0, unit="kW", minimum=0, label="Heat load"),
        _f("address", TEXT, label="Address"),
        _f("contact_phone", TEXT, label="Contact phone"),
    ),
    label="Customers",
)

DISTRICTS = Layer(
    "districts",
    "Polygon",
    "district_id",
    (
        _f("district_id", TEXT, required=True, label="District id"),
        _f("name", TEXT, label="Name"),
    ),
    label="Districts",
    multi_ok=True,
)

BREAKS = Layer(
    "breaks",
    None,
    None,
    (
        _f("pipe_id", TEXT, required=True, label="Pipe id"),
        _f("date", DATE, required=True, label="Date"),
        _f("cause", TEXT, label="Cause"),
        _f("repair_hours", REAL, unit="h", minimum=0, label="Repair hours"),
    ),
    label="Breaks",
)

STREETS = Layer(
    "streets",
    "LineString",
    None,
    (_f("name", TEXT, label="Name"),),
    label="Streets",
    multi_ok=True,
)

BUILDINGS = Layer(
    "buildings",
    "Polygon",
    "building_id",
    (
        _f("building_id", TEXT, label="Building id"),
        _f("customer_id", TEXT, label="Customer id"),
    ),
    label="Buildings",
    multi_ok=True,
)

LAYERS: dict[str, Layer] = {
    layer.name: layer
    for layer in (PIPES, VALVES, SOURCES, STATIONS, CUSTOMERS, DISTRICTS, BREAKS, STREETS, BUILDINGS)
}
"""SPEC section 1 layers in drawing/reporting order."""

NETWORK_LAYERS = ("pipes", "valves", "sources", "stations", "customers")
"""Layers that take part in the topology."""


def register_layer(layer: Layer) -> None:
    """Declare an extension layer (incident log, renewal ledger…) so io and the UI know it."""
    LAYERS[layer.name] = layer


# --- values ------------------------------------------------------------------------

_ARTICLE = {TEXT: "a", INTEGER: "an", REAL: "a", BOOLEAN: "a", DATE: "a", DATETIME: "a"}


def show_value(value: Any) -> str:
    """A value as a user reads it in a message: 5, 2.5, 'text'."""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value)).lower()
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return str(int(value)) if float(value).is_integer() else f"{float(value):g}"
    return repr(str(value))



def is_null(value: Any) -> bool:
    """True for None, NaN, pandas NA/NaT and empty strings."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and value.strip() == "":
        return True
    try:
        return bool(pd.isna(value)) if np.ndim(value) == 0 else False
    except (TypeError, ValueError):
        return False


def coerce(kind: str, value: Any) -> Any:
    """Convert ``value`` to the Python type of ``kind``; raises ValueError when impossible."""
    if kind == TEXT:
        return str(value)
    if kind == INTEGER:
        if isinstance(value, bool):
            raise ValueError("boolean is not an integer")
        f = float(value)
        if not f.is_integer():
            raise ValueError("not a whole number")
        return int(f)
    if kind == REAL:
        if isinstance(value, bool):
            raise ValueError("boolean is not a number")
        f = float(value)
        if math.isnan(f) or math.isinf(f):
            raise ValueError("not a finite number")
        return f
    if kind == BOOLEAN:
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        if isinstance(value, (int, np.integer)) and value in (0, 1):
            return bool(value)
        text = str(value).strip().lower()
        if text in _TRUE_WORDS:
            return True
        if text in _FALSE_WORDS:
            return False
        raise ValueError("not a boolean")
    if kind in (DATE, DATETIME):
        if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            raise ValueError("a number is not a date")  # pandas would read 2019 as nanoseconds of 1970
        ts = pd.Timestamp(value)
        if ts is pd.NaT:
            raise ValueError("not a date")
        return ts.date() if kind == DATE else ts.to_pydatetime()
    raise ValueError(f"unknown field kind {kind}")


def numeric_column(frame: pd.DataFrame, name: str, default: float = np.nan) -> np.ndarray:
    """Column ``name`` as float64 (NaN where null or not a number), or ``default`` when absent."""
    if name not in frame.columns:
        return np.full(len(frame), default, dtype=np.float64)
    values = pd.to_numeric(frame[name].astype(object), errors="coerce")
    out = np.asarray(values, dtype=np.float64)
    if not np.isnan(default):
        out = np.where(np.isnan(out), default, out)
    return out


def text_column(frame: pd.DataFrame, name: str, default: str = "") -> np.ndarray:
    """Column ``name`` as an object array of str (``default`` where null or absent)."""
    if name not in frame.columns:
        return np.full(len(frame), default, dtype=object)
    col = frame[name].astype("string")
    col = col.mask(col.str.strip() == "", None).fillna(default)  # blank text is missing (defaults apply)
    return col.to_numpy(dtype=object)


def bool_column(frame: pd.DataFrame, name: str, default: bool) -> np.ndarray:
    """Column ``name`` as bool, with ``default`` where null, absent or not a boolean."""
    if name not in frame.columns:
        return np.full(len(frame), default, dtype=bool)
    col = frame[name]
    null = col.isna().to_numpy()
    if pd.api.types.is_bool_dtype(col.dtype):
        out = col.to_numpy(dtype=bool, na_value=default)
        return out
    if pd.api.types.is_numeric_dtype(col.dtype):
        num = pd.to_numeric(col.astype(object), errors="coerce").to_numpy(dtype=np.float64)
        out = np.full(len(frame), default, dtype=bool)
        out[num == 1] = True
        out[num == 0] = False
        return out
    text = col.astype(object).to_numpy(dtype=object, na_value="")
    lowered = pd.Series(text, dtype=object).astype(str).str.strip().str.lower()
    out = np.full(len(frame), default, dtype=bool)
    out[lowered.isin(_TRUE_WORDS).to_numpy() & ~null] = True
    out[lowered.isin(_FALSE_WORDS).to_numpy() & ~null] = False
    return out


_TRUE_WORDS = ("true", "yes", "y", "1", "t", "是", "开")
_FALSE_WORDS = ("false", "no", "n", "0", "f", "否", "关")
BOOLEAN_WORDS = _TRUE_WORDS + _FALSE_WORDS
"""Text accepted as a boolean (English and Chinese yes/no, open/closed)."""


def layer_field_default(layer: str, name: str) -> Any:
    """Default of a field, None when the schema gives none."""
    return LAYERS[layer].field(name).default


# --- renewal ledger (extension layers, issue 7) -----------------------------------------

RENEWAL_PLANS = Layer(
    "renewal_plans",
    None,
    "plan_id",
    (
        _f("plan_id", TEXT, required=True, label="Plan id"),
        _f("name", TEXT, label="Name"),
        _f("created", DATETIME, label="Created"),
        _f("start_year", INTEGER, minimum=1900, maximum=2200, label="First year"),
        _f("years", INTEGER, minimum=1, maximum=100, label="Years"),
        _f("budget_total", REAL, unit="¥", minimum=0, label="Total budget"),
        _f("cost_total", REAL, unit="¥", minimum=0, label="Planned cost"),
        _f("km_total", REAL, unit="km", minimum=0, label="Planned length"),
        _f("risk_removed", REAL, unit="¥", label="Risk removed",
           description="sum over the horizon of the annual risk removed"),
        _f("method", TEXT, label="Method"),
        _f("settings", TEXT, label="Settings", description="planner inputs as JSON"),
        _f("note", TEXT, label="Note"),
    ),
    label="Renewal plans",
    extension=True,
)

RENEWAL_ITEMS = Layer(
    "renewal_items",
    None,
    "item_id",
    (
        _f("item_id", TEXT, required=True, label="Item id"),
        _f("plan_id", TEXT, required=True, label="Plan id"),
        _f("pipe_id", TEXT, required=True, label="Pipe id"),
        _f("project_id", TEXT, label="Project"),
        _f("year", INTEGER, required=True, minimum=1900, maximum=2200, label="Year"),
        _f("length_m", REAL, unit="m", minimum=0, label="Length"),
        _f("cost_estimate", REAL, unit="¥", minimum=0, label="Cost estimate"),
        _f("risk_removed", REAL, unit="¥", label="Risk removed"),
        _f("status", TEXT, default="proposed", choices=RENEWAL_STATUSES, label="Status"),
        _f("actual_cost", REAL, unit="¥", minimum=0, label="Actual cost"),
        _f("completion_date", DATE, label="Completed on"),
        _f("new_material", TEXT, choices=MATERIALS, open_choices=True, label="New material"),
        _f("new_laying", TEXT, choices=LAYINGS, open_choices=True, label="New laying"),
        _f("note", TEXT, label="Note"),
    ),
    label="Renewal items",
    extension=True,
)

PIPE_HISTORY = Layer(
    "pipe_history",
    None,
    None,
    (
        _f("pipe_id", TEXT, required=True, label="Pipe id"),
        _f("replaced_on", DATE, label="Replaced on"),
        _f("item_id", TEXT, label="Renewal item"),
        _f("plan_id", TEXT, label="Plan id"),
        _f("install_year", INTEGER, minimum=1850, maximum=2100, label="Install year"),
        _f("material", TEXT, choices=MATERIALS, open_choices=True, label="Material"),
        _f("laying", TEXT, choices=LAYINGS, open_choices=True, label="Laying"),
        _f("dn", INTEGER, unit="mm", minimum=1, maximum=3000, label="DN"),
        _f("length_m", REAL, unit="m", minimum=0, label="Length"),
    ),
    label="Replaced pipes",
    extension=True,
)
"""Attributes a pipe had before a renewal replaced it (the asset's earlier life)."""

for _layer in (RENEWAL_PLANS, RENEWAL_ITEMS, PIPE_HISTORY):
    register_layer(_layer)


# --- incident log (issue: incident workflow) -----------------------------------------------

INCIDENTS = Layer(
    "incidents",
    None,
    "incident_id",
    (
        _f("incident_id", TEXT, required=True, label="Incident id"),
        _f("title", TEXT, label="Title"),
        _f("status", TEXT, default="planned", choices=INCIDENT_STATUSES, label="Status"),
        _f("reported", DATETIME, label="Reported"),
        _f("started", DATETIME, label="Isolation started"),
        _f("resolved", DATETIME, label="Resolved"),
        _f("failed_pipes", TEXT, required=True, label="Failed pipes", description="pipe ids separated by commas"),
        _f("failed_valves", TEXT, label="Valves that failed to close", description="valve ids separated by commas"),
        _f("opened_valves", TEXT, label="Tie valves opened", description="valve ids separated by commas"),
        _f("outdoor_temp_c", REAL, unit="°C", minimum=-60, maximum=40, label="Outdoor temperature"),
        _f("cooling_tau_h", TEXT, label="Building time constants",
           description="hours per customer category the time to cold was computed with: category=hours, …"),
        _f("customers", INTEGER, minimum=0, label="Customers without heat"),
        _f("households", INTEGER, minimum=0, label="Households"),
        _f("vulnerable_households", INTEGER, minimum=0, label="Vulnerable households"),
        _f("heat_load_kw", REAL, unit="kW", minimum=0, label="Heat load"),
        _f("hours_to_cold", REAL, unit="h", minimum=0, label="Hours to 18 °C (first customer)"),
        _f("analysed", DATETIME, label="Analysis computed"),
        _f("network_fingerprint", TEXT, label="Network fingerprint",
           description="hash of the network the analysis ran on; a different one means the result is stale"),
        _f("notes", TEXT, label="Notes"),
    ),
    label="Incidents",
    extension=True,
)

INCIDENT_VALVE_ROLES = ("close", "closed_boundary", "failed", "open_tie")

INCIDENT_VALVES = Layer(
    "incident_valves",
    None,
    None,
    (
        _f("incident_id", TEXT, required=True, label="Incident id"),
        _f("valve_id", TEXT, required=True, label="Valve id"),
        _f("role", TEXT, required=True, choices=INCIDENT_VALVE_ROLES, label="Role"),
        _f("visit_order", INTEGER, minimum=1, label="Visit order"),
        _f("closed", DATETIME, label="Closed at"),
        _f("reopened", DATETIME, label="Reopened at"),
    ),
    label="Incident valves",
    extension=True,
)

INCIDENT_CUSTOMERS = Layer(
    "incident_customers",
    None,
    None,
    (
        _f("incident_id", TEXT, required=True, label="Incident id"),
        _f("customer_id", TEXT, required=True, label="Customer id"),
        _f("reason", TEXT, required=True, choices=("isolated", "cut_off", "station"), label="Reason"),
        _f("hours_to_cold", REAL, unit="h", minimum=0, label="Hours to 18 °C"),
        _f("notified", DATETIME, label="Notified"),
    ),
    label="Incident customers",
    extension=True,
)

for _layer in (INCIDENTS, INCIDENT_VALVES, INCIDENT_CUSTOMERS):
    register_layer(_layer)
