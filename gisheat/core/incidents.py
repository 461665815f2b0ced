"""The incident log kept in the network file: `incidents`, `incident_valves`, `incident_customers`.

Every change is an edit (:mod:`gisheat.core.edits`), so it is undoable and
saved with the network. An incident remembers a fingerprint of the network
its analysis ran on: when the network has been edited since, the result is
*stale* and should be re-run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely

from gisheat.core import edits, schema
from gisheat.core.network import Network
from gisheat.errors import InputError

if TYPE_CHECKING:
    from gisheat.analysis.incident import IncidentReport

ACTIVE = "active"


@dataclass
class Incident:
    """One incident: what failed, its state, and the analysis summary saved with it."""

    incident_id: str
    failed_pipes: list[str]
    failed_valves: list[str] = field(default_factory=list)
    opened_valves: list[str] = field(default_factory=list)
    title: str = ""
    status: str = "planned"
    reported: dt.datetime | None = None
    started: dt.datetime | None = None
    resolved: dt.datetime | None = None
    outdoor_temp_c: float | None = None
    cooling_tau_h: dict[str, float] = field(default_factory=dict)
    """Building time constants (h) per category the analysis used; empty: the defaults."""
    notes: str = ""
    analysed: dt.datetime | None = None
    network_fingerprint: str = ""
    customers: int | None = None
    households: int | None = None
    vulnerable_households: int | None = None
    heat_load_kw: float | None = None
    hours_to_cold: float | None = None


_TOPOLOGY_FIELDS = {
    "pipes": ("pipe_id", "network", "status", "dn", "length_m"),
    "valves": ("valve_id", "pipe_id", "normally_open", "operable"),
    "sources": ("source_id",),
    "stations": ("station_id",),
    "customers": ("customer_id", "households", "vulnerable_households", "heated_area_m2", "heat_load_kw", "category"),
}


def network_fingerprint(network: Network) -> str:
    """A hash of everything an isolation depends on (geometry and the fields analysis reads)."""
    digest = hashlib.blake2b(digest_size=16)
    for layer, fields in _TOPOLOGY_FIELDS.items():
        frame = network.layer(layer)
        digest.update(f"{layer}:{len(frame)}".encode())
        for name in fields:
            digest.update(name.encode())
            digest.update("\x1f".join(schema.text_column(frame, name).tolist()).encode())
        geoms = np.asarray(frame.geometry.array, dtype=object) if hasattr(frame, "geometry") and len(frame) else []
        if len(geoms):
            wkb = shapely.to_wkb(geoms, hex=False)
            digest.update(b"".join(b"" if w is None else w for w in wkb))
    return digest.hexdigest()


def _ids(text: str) -> list[str]:
    return [part.strip() for part in str(text or "").split(",") if part.strip()]


def incidents(network: Network) -> list[Incident]:
    """All incidents of the file, newest first."""
    frame = network.layer("incidents")
    out = []
    for row in range(len(frame)):
        out.append(_from_row(frame, row))
    out.sort(key=lambda i: (i.reported or dt.datetime.min, i.incident_id), reverse=True)
    return out


def get(network: Network, incident_id: str) -> Incident:
    frame = network.layer("incidents")
    rows = np.flatnonzero(schema.text_column(frame, "incident_id") == incident_id)
    if len(rows) == 0:
        raise InputError(f"incidents: no incident {incident_id!r}")
    return _from_row(frame, int(rows[0]))


def _value(frame: pd.DataFrame, row: int, name: str):
    if name not in frame.columns:
        return None
    value = frame[name].iloc[row]
    return None if schema.is_null(value) else value


def _from_row(frame: pd.DataFrame, row: int) -> Incident:
    def when(name):
        value = _value(frame, row, name)
        return None if value is None else pd.Timestamp(value).to_pydatetime()

    def number(name, kind=float):
        value = _value(frame, row, name)
        return None if value is None else kind(value)

    return Incident(
        incident_id=str(_value(frame, row, "incident_id")),
        failed_pipes=_ids(_value(frame, row, "failed_pipes")),
        failed_valves=_ids(_value(frame, row, "failed_valves")),
        opened_valves=_ids(_value(frame, row, "opened_valves")),
        title=str(_value(frame, row, "title") or ""),
        status=str(_value(frame, row, "status") or "planned"),
        reported=when("reported"), started=when("started"), resolved=when("resolved"),
        outdoor_temp_c=number("outdoor_temp_c"),
        cooling_tau_h=_taus(_value(frame, row, "cooling_tau_h")),
        notes=str(_value(frame, row, "notes") or ""),
        analysed=when("analysed"),
        network_fingerprint=str(_value(frame, row, "network_fingerprint") or ""),
        customers=number("customers", int), households=number("households", int),
        vulnerable_households=number("vulnerable_households", int),
        heat_load_kw=number("heat_load_kw"), hours_to_cold=number("hours_to_cold"),
    )


def _taus(text) -> dict[str, float]:
    """'hospital=50, residential=60' → {'hospital': 50.0, 'residential': 60.0} (unreadable parts skipped)."""
    out: dict[str, float] = {}
    for part in str(text or "").split(","):
        key, sep, value = part.partition("=")
        try:
            if sep and key.strip():
                out[key.strip()] = float(value)
        except ValueError:
            continue
    return out


def next_incident_id(network: Network, when: dt.datetime | None = None) -> str:
    """``INC-YYYYMMDD-NN``: the next free number of that day."""
    day = (when or dt.datetime.now()).strftime("%Y%m%d")
    taken = set(schema.text_column(network.layer("incidents"), "incident_id").tolist())
    k = 1
    while f"INC-{day}-{k:02d}" in taken:
        k += 1
    return f"INC-{day}-{k:02d}"


def is_stale(network: Network, incident: Incident) -> bool:
    """True when the network changed since the incident's analysis was computed."""
    return bool(incident.network_fingerprint) and incident.network_fingerprint != network_fingerprint(network)


def conflicting(network: Network, pipes: list[str], valves: list[str], *, exclude: str | None = None) -> list[str]:
    """Active incidents that share failed pipes, or valves, with a new isolation."""
    pipes_set, valves_set = set(pipes), set(valves)
    valve_log = network.layer("incident_valves")
    log_ids = schema.text_column(valve_log, "incident_id")
    log_valves = schema.text_column(valve_log, "valve_id")
    out = []
    for inc in incidents(network):
        if inc.status != ACTIVE or inc.incident_id == exclude:
            continue
        used = set(log_valves[log_ids == inc.incident_id].tolist())
        if pipes_set & set(inc.failed_pipes) or valves_set & used:
            out.append(inc.incident_id)
    return sorted(out)


def record(network: Network, incident: Incident, report: IncidentReport | None = None) -> edits.Edit:
    """The edit that writes ``incident`` (and, with a report, its valves and customers) to the log,
    replacing what the log held for that id. Apply it (or push it on the undo stack)."""
    if not incident.failed_pipes:
        raise InputError(f"incidents {incident.incident_id}: no failed pipe")
    if incident.status not in schema.INCIDENT_STATUSES:
        raise InputError(f"incidents {incident.incident_id}: status {incident.status!r} is not one of "
                         f"{', '.join(schema.INCIDENT_STATUSES)}")
    steps: list[edits.Edit] = []
    for layer in ("incident_customers", "incident_valves", "incidents"):
        frame = network.layer(layer)
        rows = np.flatnonzero(schema.text_column(frame, "incident_id") == incident.incident_id)
        if len(rows) and (report is not None or layer == "incidents"):
            steps.append(edits.DeleteFeatures(layer, tuple(rows.tolist())))
    row = {
        "incident_id": incident.incident_id, "title": incident.title, "status": incident.status,
        "reported": incident.reported, "started": incident.started, "resolved": incident.resolved,
        "failed_pipes": ",".join(incident.failed_pipes), "failed_valves": ",".join(incident.failed_valves),
        "opened_valves": ",".join(incident.opened_valves), "outdoor_temp_c": incident.outdoor_temp_c,
        "cooling_tau_h": ", ".join(f"{k}={v:g}" for k, v in sorted(incident.cooling_tau_h.items())) or None,
        "notes": incident.notes, "analysed": incident.analysed, "network_fingerprint": incident.network_fingerprint,
        "customers": incident.customers, "households": incident.households,
        "vulnerable_households": incident.vulnerable_households, "heat_load_kw": incident.heat_load_kw,
        "hours_to_cold": incident.hours_to_cold,
    }
    steps.append(edits.AddFeatures("incidents", [_frame_row("incidents", row)]))
    if report is not None:
        valve_rows = [{"incident_id": incident.incident_id, "valve_id": s.valve_id, "role": "close",
                       "visit_order": s.order} for s in report.valves]
        valve_rows += [{"incident_id": incident.incident_id, "valve_id": s.valve_id, "role": "closed_boundary"}
                       for s in report.boundary_valves]
        valve_rows += [{"incident_id": incident.incident_id, "valve_id": v, "role": "failed"}
                       for v in incident.failed_valves]
        valve_rows += [{"incident_id": incident.incident_id, "valve_id": v, "role": "open_tie"}
                       for v in incident.opened_valves]
        if valve_rows:
            steps.append(edits.AddFeatures("incident_valves", [_frame_row("incident_valves", r) for r in valve_rows]))
        customers = report.customers
        hours = customers["hours_to_cold"].replace([np.inf], np.nan)
        customer_rows = [
            _frame_row("incident_customers", {"incident_id": incident.incident_id, "customer_id": c, "reason": r,
                                              "hours_to_cold": None if pd.isna(h) else float(h)})
            for c, r, h in zip(customers["customer_id"], customers["reason"], hours, strict=True)]
        if customer_rows:
            steps.append(edits.AddFeatures("incident_customers", customer_rows))
    return edits.Composite(tuple(steps), description=f"Save incident {incident.incident_id}")


def _frame_row(layer: str, values: dict) -> dict:
    """Keep only the fields the schema declares, dropping nulls (defaults apply)."""
    names = set(schema.LAYERS[layer].field_names)
    return {k: v for k, v in values.items() if k in names and not schema.is_null(v)}


def set_status(network: Network, incident_id: str, status: str, when: dt.datetime | None = None) -> edits.Edit:
    """The edit that moves an incident to ``status`` (planned → active → resolved), stamping the time."""
    if status not in schema.INCIDENT_STATUSES:
        raise InputError(f"incidents {incident_id}: status {status!r} is not one of {', '.join(schema.INCIDENT_STATUSES)}")
    frame = network.layer("incidents")
    rows = np.flatnonzero(schema.text_column(frame, "incident_id") == incident_id)
    if len(rows) == 0:
        raise InputError(f"incidents: no incident {incident_id!r}")
    steps: list[edits.Edit] = [edits.SetValues("incidents", (int(rows[0]),), "status", (status,))]
    stamp = {"active": "started", "resolved": "resolved"}.get(status)
    if stamp:
        steps.append(edits.SetValues("incidents", (int(rows[0]),), stamp, (when or dt.datetime.now(),)))
    return edits.Composite(tuple(steps), description=f"Incident {incident_id}: {status}")


def incident_valves(network: Network, incident_id: str) -> pd.DataFrame:
    frame = network.layer("incident_valves")
    return frame[schema.text_column(frame, "incident_id") == incident_id].reset_index(drop=True)


def incident_customers(network: Network, incident_id: str) -> pd.DataFrame:
    frame = network.layer("incident_customers")
    return frame[schema.text_column(frame, "incident_id") == incident_id].reset_index(drop=True)


__all__ = ["Incident", "network_fingerprint", "incidents", "get", "next_incident_id", "is_stale", "conflicting",
           "record", "set_status", "incident_valves", "incident_customers"]
