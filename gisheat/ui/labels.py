"""What the user reads for layers, fields and coded values, in the current language.

The schema (``gisheat.core.schema``) is Qt-free and English; it names fields
(``label``) and lists coded values (``material = 'preinsulated_steel'``). This
module is the one place that turns them into display text through Qt's
translation mechanism, so ``pyside6-lupdate`` finds every string and the
Chinese ``.qm`` translates them. Unknown layers, fields and values are shown
as they are stored.

Add a coded value: put it in ``VALUES`` below (``QT_TRANSLATE_NOOP``) and run
``make translations``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gisheat.core import schema

LAYER_CONTEXT = "layers"
FIELD_CONTEXT = "fields"
VALUE_CONTEXT = "values"

LAYER_NAMES = {
    "pipes": QT_TRANSLATE_NOOP("layers", "Pipes"),
    "valves": QT_TRANSLATE_NOOP("layers", "Valves"),
    "sources": QT_TRANSLATE_NOOP("layers", "Heat sources"),
    "stations": QT_TRANSLATE_NOOP("layers", "Stations"),
    "customers": QT_TRANSLATE_NOOP("layers", "Customers"),
    "districts": QT_TRANSLATE_NOOP("layers", "Districts"),
    "breaks": QT_TRANSLATE_NOOP("layers", "Breaks"),
    "streets": QT_TRANSLATE_NOOP("layers", "Streets"),
    "buildings": QT_TRANSLATE_NOOP("layers", "Buildings"),
    "rivers": QT_TRANSLATE_NOOP("layers", "Rivers"),
    "renewal_plans": QT_TRANSLATE_NOOP("layers", "Renewal plans"),
    "renewal_items": QT_TRANSLATE_NOOP("layers", "Renewal items"),
    "pipe_history": QT_TRANSLATE_NOOP("layers", "Replaced pipes"),
    "incidents": QT_TRANSLATE_NOOP("layers", "Incidents"),
    "incident_valves": QT_TRANSLATE_NOOP("layers", "Incident valves"),
    "incident_customers": QT_TRANSLATE_NOOP("layers", "Incident customers"),
}

FIELD_NAMES = {
    label: label
    for label in (
        QT_TRANSLATE_NOOP("fields", "Pipe id"),
        QT_TRANSLATE_NOOP("fields", "Network"),
        QT_TRANSLATE_NOOP("fields", "DN"),
        QT_TRANSLATE_NOOP("fields", "Material"),
        QT_TRANSLATE_NOOP("fields", "Laying"),
        QT_TRANSLATE_NOOP("fields", "Install year"),
        QT_TRANSLATE_NOOP("fields", "Status"),
        QT_TRANSLATE_NOOP("fields", "Company"),
        QT_TRANSLATE_NOOP("fields", "District"),
        QT_TRANSLATE_NOOP("fields", "Length"),
        QT_TRANSLATE_NOOP("fields", "Valve id"),
        QT_TRANSLATE_NOOP("fields", "Type"),
        QT_TRANSLATE_NOOP("fields", "Normally open"),
        QT_TRANSLATE_NOOP("fields", "Operable"),
        QT_TRANSLATE_NOOP("fields", "Last exercised"),
        QT_TRANSLATE_NOOP("fields", "Source id"),
        QT_TRANSLATE_NOOP("fields", "Name"),
        QT_TRANSLATE_NOOP("fields", "Kind"),
        QT_TRANSLATE_NOOP("fields", "Capacity"),
        QT_TRANSLATE_NOOP("fields", "Station id"),
        QT_TRANSLATE_NOOP("fields", "Customer id"),
        QT_TRANSLATE_NOOP("fields", "Category"),
        QT_TRANSLATE_NOOP("fields", "Households"),
        QT_TRANSLATE_NOOP("fields", "Vulnerable households"),
        QT_TRANSLATE_NOOP("fields", "Heated area"),
        QT_TRANSLATE_NOOP("fields", "Heat load"),
        QT_TRANSLATE_NOOP("fields", "Address"),
        QT_TRANSLATE_NOOP("fields", "Contact phone"),
        QT_TRANSLATE_NOOP("fields", "District id"),
        QT_TRANSLATE_NOOP("fields", "Date"),
        QT_TRANSLATE_NOOP("fields", "Cause"),
        QT_TRANSLATE_NOOP("fields", "Repair hours"),
        QT_TRANSLATE_NOOP("fields", "Building id"),
        # the incident log and the renewal ledger (tables gisheat adds to the file)
        QT_TRANSLATE_NOOP("fields", "Actual cost"),
        QT_TRANSLATE_NOOP("fields", "Analysis computed"),
        QT_TRANSLATE_NOOP("fields", "Building time constants"),
        QT_TRANSLATE_NOOP("fields", "Closed at"),
        QT_TRANSLATE_NOOP("fields", "Completed on"),
        QT_TRANSLATE_NOOP("fields", "Cost estimate"),
        QT_TRANSLATE_NOOP("fields", "Created"),
        QT_TRANSLATE_NOOP("fields", "Customers without heat"),
        QT_TRANSLATE_NOOP("fields", "Failed pipes"),
        QT_TRANSLATE_NOOP("fields", "First year"),
        QT_TRANSLATE_NOOP("fields", "Hours to 18 °C"),
        QT_TRANSLATE_NOOP("fields", "Hours to 18 °C (first customer)"),
        QT_TRANSLATE_NOOP("fields", "Incident id"),
        QT_TRANSLATE_NOOP("fields", "Isolation started"),
        QT_TRANSLATE_NOOP("fields", "Item id"),
        QT_TRANSLATE_NOOP("fields", "Method"),
        QT_TRANSLATE_NOOP("fields", "Network fingerprint"),
        QT_TRANSLATE_NOOP("fields", "New laying"),
        QT_TRANSLATE_NOOP("fields", "New material"),
        QT_TRANSLATE_NOOP("fields", "Note"),
        QT_TRANSLATE_NOOP("fields", "Notes"),
        QT_TRANSLATE_NOOP("fields", "Notified"),
        QT_TRANSLATE_NOOP("fields", "Outdoor temperature"),
        QT_TRANSLATE_NOOP("fields", "Plan id"),
        QT_TRANSLATE_NOOP("fields", "Planned cost"),
        QT_TRANSLATE_NOOP("fields", "Planned length"),
        QT_TRANSLATE_NOOP("fields", "Project"),
        QT_TRANSLATE_NOOP("fields", "Reason"),
        QT_TRANSLATE_NOOP("fields", "Renewal item"),
        QT_TRANSLATE_NOOP("fields", "Reopened at"),
        QT_TRANSLATE_NOOP("fields", "Replaced on"),
        QT_TRANSLATE_NOOP("fields", "Reported"),
        QT_TRANSLATE_NOOP("fields", "Resolved"),
        QT_TRANSLATE_NOOP("fields", "Risk removed"),
        QT_TRANSLATE_NOOP("fields", "Role"),
        QT_TRANSLATE_NOOP("fields", "Settings"),
        QT_TRANSLATE_NOOP("fields", "Tie valves opened"),
        QT_TRANSLATE_NOOP("fields", "Title"),
        QT_TRANSLATE_NOOP("fields", "Total budget"),
        QT_TRANSLATE_NOOP("fields", "Valves that failed to close"),
        QT_TRANSLATE_NOOP("fields", "Visit order"),
        QT_TRANSLATE_NOOP("fields", "Year"),
        QT_TRANSLATE_NOOP("fields", "Years"),
    )
}

VALUES = {
    "primary": QT_TRANSLATE_NOOP("values", "Primary"),
    "secondary": QT_TRANSLATE_NOOP("values", "Secondary"),
    "in_service": QT_TRANSLATE_NOOP("values", "In service"),
    "abandoned": QT_TRANSLATE_NOOP("values", "Abandoned"),
    "planned": QT_TRANSLATE_NOOP("values", "Planned"),
    "preinsulated_buried": QT_TRANSLATE_NOOP("values", "Pre-insulated, buried"),
    "trench": QT_TRANSLATE_NOOP("values", "Concrete trench"),
    "overhead": QT_TRANSLATE_NOOP("values", "Overhead"),
    "buried": QT_TRANSLATE_NOOP("values", "Buried"),
    "tunnel": QT_TRANSLATE_NOOP("values", "Tunnel"),
    "preinsulated_steel": QT_TRANSLATE_NOOP("values", "Pre-insulated steel"),
    "steel": QT_TRANSLATE_NOOP("values", "Steel"),
    "ductile_iron": QT_TRANSLATE_NOOP("values", "Ductile iron"),
    "pex": QT_TRANSLATE_NOOP("values", "PEX"),
    "pe": QT_TRANSLATE_NOOP("values", "PE"),
    "gate": QT_TRANSLATE_NOOP("values", "Gate"),
    "butterfly": QT_TRANSLATE_NOOP("values", "Butterfly"),
    "ball": QT_TRANSLATE_NOOP("values", "Ball"),
    "globe": QT_TRANSLATE_NOOP("values", "Globe"),
    "chp": QT_TRANSLATE_NOOP("values", "CHP plant"),
    "boiler": QT_TRANSLATE_NOOP("values", "Boiler house"),
    "waste_heat": QT_TRANSLATE_NOOP("values", "Waste heat"),
    "heat_pump": QT_TRANSLATE_NOOP("values", "Heat pump"),
    "solar": QT_TRANSLATE_NOOP("values", "Solar"),
    "residential": QT_TRANSLATE_NOOP("values", "Residential"),
    "hospital": QT_TRANSLATE_NOOP("values", "Hospital"),
    "school": QT_TRANSLATE_NOOP("values", "School"),
    "nursing_home": QT_TRANSLATE_NOOP("values", "Nursing home"),
    "commercial": QT_TRANSLATE_NOOP("values", "Commercial"),
    "industrial": QT_TRANSLATE_NOOP("values", "Industrial"),
    "public": QT_TRANSLATE_NOOP("values", "Public"),
    "active": QT_TRANSLATE_NOOP("values", "Active"),
    "resolved": QT_TRANSLATE_NOOP("values", "Resolved"),
    "proposed": QT_TRANSLATE_NOOP("values", "Proposed"),
    "approved": QT_TRANSLATE_NOOP("values", "Approved"),
    "in_design": QT_TRANSLATE_NOOP("values", "In design"),
    "in_construction": QT_TRANSLATE_NOOP("values", "In construction"),
    "completed": QT_TRANSLATE_NOOP("values", "Completed"),
    "deferred": QT_TRANSLATE_NOOP("values", "Deferred"),
    "arterial": QT_TRANSLATE_NOOP("values", "Arterial"),
    "local": QT_TRANSLATE_NOOP("values", "Local"),
    "open": QT_TRANSLATE_NOOP("values", "Open"),
    "closed": QT_TRANSLATE_NOOP("values", "Normally closed"),
    "inoperable": QT_TRANSLATE_NOOP("values", "Inoperable"),
    "true": QT_TRANSLATE_NOOP("values", "Yes"),
    "false": QT_TRANSLATE_NOOP("values", "No"),
}


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def layer_label(name: str) -> str:
    """Display name of a layer ('pipes' → 'Pipes' / '管线')."""
    if name in LAYER_NAMES:
        return _tr(LAYER_CONTEXT, LAYER_NAMES[name])
    spec = schema.LAYERS.get(name)
    if spec is not None and spec.label:
        return _tr(LAYER_CONTEXT, spec.label)
    return name


def field_spec(layer: str, name: str) -> schema.Field | None:
    spec = schema.LAYERS.get(layer)
    if spec is None:
        return None
    try:
        return spec.field(name)
    except KeyError:
        return None


def field_label(layer: str, name: str, *, with_unit: bool = True) -> str:
    """Display name of a field, with its unit ('Length (m)'); unknown fields as stored."""
    spec = field_spec(layer, name)
    if spec is None or not spec.label:
        return name
    text = _tr(FIELD_CONTEXT, spec.label)
    if with_unit and spec.unit:
        text = f"{text} ({spec.unit})"
    return text


def value_label(value: Any) -> str:
    """Display text of one coded value ('trench' → 'Concrete trench'); others as stored."""
    if value is None:
        return ""
    key = str(value).lower() if isinstance(value, (bool, np.bool_)) else str(value)
    if key in VALUES:
        return _tr(VALUE_CONTEXT, VALUES[key])
    return str(value)


def display_value(layer: str, name: str, value: Any) -> str:
    """A cell as the user reads it: nulls empty, coded values labelled, numbers tidy."""
    if schema.is_null(value):
        return ""
    spec = field_spec(layer, name)
    if isinstance(value, (bool, np.bool_)):
        return value_label(bool(value))
    if isinstance(value, (float, np.floating)):
        f = float(value)
        if f.is_integer() and abs(f) < 1e15:
            return str(int(f))
        return f"{f:.2f}".rstrip("0").rstrip(".") if abs(f) >= 0.01 else f"{f:g}"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat(" ")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if spec is not None and spec.choices is not None:
        return value_label(value)
    text = str(value)
    if text in VALUES and spec is None:
        return value_label(text)
    return text
