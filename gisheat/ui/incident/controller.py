"""The incident being worked on: its query, the latest run, the cached engine and the log.

:class:`IncidentController` is the model the panel, the map overlay and the
work order read. Every change of the query (pipes clicked, a valve that will
not close, a tie valve opened, the weather) starts
:func:`gisheat.analysis.response.run` in a worker (``window.run_task``); one
run at a time, the newest request waits and replaces older waiting ones. The
isolation engine is kept between runs and rebuilt (in the worker) only after
an edit of a layer the isolation reads; saving an incident, which edits only
the incident log, keeps it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSettings, Signal

from gisheat.analysis import response
from gisheat.analysis.cooling import DEFAULT_TAU_H
from gisheat.analysis.incident import DEFAULT_OUTDOOR_C
from gisheat.core import incidents as log
from gisheat.core import schema
from gisheat.errors import GisheatError

SETTINGS_TAU = "incident/tau_h/"
"""QSettings keys of the building time constants the planner edited (one per category)."""


translate = QCoreApplication.translate
"""Qt's translate under a name pyside6-lupdate recognises."""


def status_label(status: str) -> str:
    """An incident status in the UI language (planned / active / resolved)."""
    return {"planned": translate("IncidentStatus", "Planned"), "active": translate("IncidentStatus", "Active"),
            "resolved": translate("IncidentStatus", "Resolved")}.get(status, status)


def report_language() -> str:
    """Language of valve locations: the UI's."""
    return "zh" if QLocale().name().startswith("zh") else "en"


def saved_tau() -> dict[str, float]:
    """τ per category: the defaults, overridden by what the planner saved."""
    settings = QSettings()
    out = dict(DEFAULT_TAU_H)
    for category in out:
        value = settings.value(SETTINGS_TAU + category)
        try:
            if value is not None and float(value) > 0:
                out[category] = float(value)
        except (TypeError, ValueError):
            pass
    return out


@dataclass
class LogEntry:
    """One incident of the log as the panel lists it."""

    incident: log.Incident
    stale: bool | None
    """None while the network's fingerprint is being computed."""
    conflicts_with_current: bool = False


@dataclass
class Trigger:
    """Why the latest run happened (the panel says what changed and why)."""

    kind: str
    """'new', 'pipes', 'failed', 'unfailed', 'opened', 'closed', 'weather', 'rerun', 'reopen'."""
    valve: str = ""
    previous: response.IncidentRun | None = None
    adopt: Callable[[response.IncidentRun], None] | None = None
    """Run when the answer arrives (a new or reopened incident takes over only if its run succeeds)."""


@dataclass
class Reopened:
    """A logged incident opened again: what was saved, to compare with the re-run."""

    incident: log.Incident
    stale: bool
    saved_valves: list[str] = field(default_factory=list)


class IncidentController(QObject):
    """See the module docstring.

    Signals: ``run_changed()`` after every finished run (and after clearing),
    ``busy_changed(bool)``, ``failed(message)`` when a query could not run
    (unknown or out-of-service pipe…), ``stale_changed(bool)`` when the
    network is edited under the result, ``log_changed()`` when the incident
    log or the current incident's identity changes.
    """

    run_changed = Signal()
    busy_changed = Signal(bool)
    failed = Signal(str)
    stale_changed = Signal(bool)
    reported_changed = Signal()
    """The time the heat went off was corrected (the deadline moves with it)."""
    log_changed = Signal()

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.query: response.IncidentQuery | None = None
        self.run: response.IncidentRun | None = None
        self.trigger = Trigger("new")
        self.change: response.Change | None = None
        self.stale = False
        self.conflicts: list[str] = []
        self.conflict_details: dict[str, list[str]] = {}
        """Per conflicting incident: the pipes and valves it shares with this one."""
        # the incident's identity in the log
        self.incident_id: str | None = None
        self.title = ""
        self.notes = ""
        self.status = "planned"
        self.reported: dt.datetime | None = None
        self.saved_query: response.IncidentQuery | None = None
        self.saved_text: tuple = ("", "", None)
        self._undone_id: str | None = None
        """The incident whose saving was undone (a redo brings it back)."""
        self.reopened: Reopened | None = None
        # weather and buildings
        self.outdoor_temp_c = DEFAULT_OUTDOOR_C
        self.tau_h = saved_tau()
        # the engine and the current network's fingerprint, valid until a topology layer changes
        self._engine: response.EngineState | None = None
        self._fingerprint: str | None = None
        self._fingerprint_task = None
        self._task = None
        self._pending: tuple[response.IncidentQuery, Trigger] | None = None
        self._topology_version = 0
        self._generation = 0
        """Bumped by clear(): answers to questions asked before are dropped."""
        self.session.network_loaded.connect(self._network_loaded)
        self.session.layer_changed.connect(self._layer_changed)

    # --- state --------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._task is not None

    @property
    def network(self):
        return self.session.network

    @property
    def is_saved(self) -> bool:
        """The incident is in the log and the log holds this very query."""
        return (self.incident_id is not None and self.saved_query == self.query
                and self.saved_text == (self.title, self.notes, self.reported) and self._in_log(self.incident_id))

    def _in_log(self, incident_id: str) -> bool:
        frame = self.network.layer("incidents") if self.network is not None else None
        return frame is not None and bool((schema.text_column(frame, "incident_id") == incident_id).any())

    def fingerprint(self) -> str | None:
        """The current network's fingerprint, cached until a topology layer changes; None while it is
        being computed in the background (seconds for a million pipes: never on the GUI thread)."""
        if self._fingerprint is None and self._engine is not None:
            self._fingerprint = self._engine.fingerprint
        if self._fingerprint is None and self._fingerprint_task is None and self.network is not None:
            network, version = self.network, self._topology_version

            def done(fingerprint: str) -> None:
                self._fingerprint_task = None
                if self.network is not network:
                    return
                if version == self._topology_version:
                    self._fingerprint = fingerprint
                self.log_changed.emit()  # the log's staleness is known now (or asked again after an edit)

            def failed(exc: BaseException) -> None:
                self._fingerprint_task = None

            self._fingerprint_task = self.window.run_task(
                lambda progress, cancelled: log.network_fingerprint(network), done, "", on_error=failed)
        return self._fingerprint

    def _network_loaded(self) -> None:
        self._engine = None
        self._fingerprint = None
        self._fingerprint_task = None
        if self._task is not None:
            self._task.cancel()
            self._task = None
            self.busy_changed.emit(False)
        self._pending = None
        self.clear()

    def _layer_changed(self, name: str) -> None:
        if name in response.TOPOLOGY_LAYERS:
            self._engine = None
            self._fingerprint = None
            self._topology_version += 1
            if self.run is not None and not self.stale:
                self.stale = True
                self.stale_changed.emit(True)
        if name == "incidents":  # its saving undone, the incident on screen is a new one again; redone, saved
            if self.incident_id is not None and not self._in_log(self.incident_id):
                self._undone_id, self.incident_id = self.incident_id, None
            elif self.incident_id is None and self._undone_id is not None and self._in_log(self._undone_id):
                self.incident_id, self._undone_id = self._undone_id, None
        if name in ("incidents", "incident_valves", "incident_customers") or name in response.TOPOLOGY_LAYERS:
            if self.run is not None:
                self._update_conflicts()
            self.log_changed.emit()

    # --- queries ------------------------------------------------------------------------------

    def _base_query(self) -> response.IncidentQuery:
        return response.IncidentQuery(
            (), outdoor_temp_c=self.outdoor_temp_c, tau_h=tuple(sorted(self.tau_h.items())),
            language=report_language())

    def isolate(self, pipes: list[str], mode: str = "replace") -> None:
        """Failed pipes: 'replace' starts a new incident; 'add' and 'toggle' change the current one."""
        current = list(self.query.pipes) if self.query is not None else []
        if mode == "replace" or self.query is None:
            query = self._base_query().with_(pipes=tuple(pipes))
            self._start(query, Trigger("new", adopt=lambda _run: self.new_incident()))
            return
        if mode == "toggle":
            wanted = [p for p in current if p not in pipes] + [p for p in pipes if p not in current]
        else:
            wanted = current + [p for p in pipes if p not in current]
        if not wanted:
            self.clear()
            return
        self._start(self.query.with_(pipes=tuple(wanted)), Trigger("pipes"))

    def set_valve_failed(self, valve_id: str, failed: bool = True) -> None:
        """A valve will not close (or closes after all): re-run around it."""
        if self.query is None:
            return
        valves = [v for v in self.query.failed_valves if v != valve_id] + ([valve_id] if failed else [])
        self._start(self.query.with_(failed_valves=tuple(valves)), Trigger("failed" if failed else "unfailed", valve_id))

    def set_tie_open(self, valve_id: str, opened: bool = True) -> None:
        """Apply a restoration (open a normally-closed tie valve), or take it back."""
        if self.query is None:
            return
        valves = [v for v in self.query.opened_valves if v != valve_id] + ([valve_id] if opened else [])
        self._start(self.query.with_(opened_valves=tuple(valves)), Trigger("opened" if opened else "closed", valve_id))

    def set_weather(self, outdoor_temp_c: float | None = None, tau_h: dict[str, float] | None = None) -> None:
        """Outdoor temperature and/or building time constants changed: time to cold again."""
        if outdoor_temp_c is not None:
            self.outdoor_temp_c = float(outdoor_temp_c)
        if tau_h is not None:
            self.tau_h = {k: float(v) for k, v in tau_h.items()}
            settings = QSettings()
            for k, v in self.tau_h.items():
                settings.setValue(SETTINGS_TAU + k, v)
        if self.query is not None:
            self._start(self.query.with_(outdoor_temp_c=self.outdoor_temp_c, tau_h=tuple(sorted(self.tau_h.items()))),
                        Trigger("weather"))

    def rerun(self) -> None:
        """Run the current query again (after the network was edited)."""
        if self.query is not None:
            self._start(self.query.with_(language=report_language()), Trigger("rerun"))

    def clear(self) -> None:
        """Forget the current incident (the log keeps what was saved)."""
        self._generation += 1
        self._pending = None
        self.new_incident()
        self.query = None
        self.run = None
        self.change = None
        self.conflicts = []
        self.stale = False
        self.run_changed.emit()
        self.log_changed.emit()

    def new_incident(self) -> None:
        self.incident_id = None
        self.title = ""
        self.notes = ""
        self.status = "planned"
        self.reported = None
        self.saved_query = None
        self.reopened = None

    # --- running --------------------------------------------------------------------------------

    def _start(self, query: response.IncidentQuery, trigger: Trigger) -> None:
        if self.network is None:
            return
        if self._task is not None:
            self._pending = (query, trigger)
            return
        network = self.network
        state = self._engine
        version = self._topology_version
        generation = self._generation

        def job(progress, cancelled):
            return response.run(network, query, state, progress=progress, cancelled=cancelled)

        def done(run: response.IncidentRun) -> None:
            self._task = None
            if generation != self._generation:  # cleared meanwhile
                pass
            elif version != self._topology_version:  # edited while running: the answer is for the old network
                self._pending = self._pending or (query, trigger)
            else:
                self._engine = run.state
                self._fingerprint = run.state.fingerprint
                self._accept(run, trigger)
            self._next()

        def failed(exc: BaseException) -> None:
            self._task = None
            if isinstance(exc, GisheatError):
                self.failed.emit(str(exc))
            else:
                self.window._task_failed(exc)
            self._next()

        self._task = self.window.run_task(job, done, self.tr("Isolating %1").replace("%1", ", ".join(query.pipes)),
                                          on_error=failed)
        self.busy_changed.emit(True)

    def _next(self) -> None:
        if self._pending is not None:
            query, trigger = self._pending
            self._pending = None
            self._start(query, trigger)
        elif self._task is None:
            self.busy_changed.emit(False)

    def _accept(self, run: response.IncidentRun, trigger: Trigger) -> None:
        if trigger.adopt is not None:
            trigger.adopt(run)
        previous = self.run
        trigger.previous = previous
        self.trigger = trigger
        self.change = response.compare(previous.result, run.result) if (
            previous is not None and trigger.kind != "new" and trigger.kind != "reopen") else None
        if trigger.kind == "reopen" and self.reopened is not None:
            saved = self.reopened.saved_valves
            now = run.result.valves_to_close
            self.change = response.Change(sorted(set(now) - set(saved)), sorted(set(saved) - set(now)))
        self.query = run.query
        self.run = run
        if self.reported is None:
            self.reported = run.computed
        if self.stale:
            self.stale = False
            self.stale_changed.emit(False)
        self._update_conflicts()
        self.run_changed.emit()
        self.log_changed.emit()

    def _update_conflicts(self) -> None:
        self.conflict_details = {}
        if self.run is None or self.network is None:
            self.conflicts = []
            return
        r = self.run.result
        valves = list(r.valves_to_close) + list(r.failed_valves) + list(r.opened_valves)
        self.conflicts = log.conflicting(self.network, list(r.failed_pipes), valves, exclude=self.incident_id)
        for other in self.conflicts:
            theirs = log.get(self.network, other)
            used = set(schema.text_column(log.incident_valves(self.network, other), "valve_id").tolist())
            self.conflict_details[other] = sorted((set(r.failed_pipes) & set(theirs.failed_pipes)) | (set(valves) & used))

    # --- the log -----------------------------------------------------------------------------

    def entries(self) -> list[LogEntry]:
        """The incident log, newest first, with staleness against the current network (None: not known
        yet, the network's fingerprint is being computed)."""
        if self.network is None:
            return []
        logged = log.incidents(self.network)
        current = self.fingerprint() if logged else None
        return [LogEntry(inc, None if current is None else
                         bool(inc.network_fingerprint) and inc.network_fingerprint != current,
                         inc.incident_id in self.conflicts)
                for inc in logged]

    def set_reported(self, when: dt.datetime) -> None:
        """When the heat went off (the burst, or the start of planned works): the clock of the deadline."""
        if when != self.reported:
            self.reported = when
            self.reported_changed.emit()

    def save(self) -> str:
        """Write the current incident (query, summary, valves, customers) to the log as one undo step."""
        run = self.run
        if run is None or self.network is None:
            raise GisheatError("nothing to save: isolate a pipe first")
        existing = log.get(self.network, self.incident_id) if self.incident_id and self._in_log(self.incident_id) else None
        incident_id = self.incident_id or log.next_incident_id(self.network, self.reported)
        summary = run.result.summary
        hours = run.report.hours_to_cold
        incident = log.Incident(
            incident_id=incident_id, failed_pipes=list(run.result.failed_pipes),
            failed_valves=list(run.query.failed_valves), opened_valves=list(run.query.opened_valves),
            title=self.title, status=self.status, reported=self.reported or run.computed,
            started=existing.started if existing else None, resolved=existing.resolved if existing else None,
            outdoor_temp_c=run.query.outdoor_temp_c, cooling_tau_h=dict(run.query.tau_h), notes=self.notes,
            analysed=run.computed,
            network_fingerprint=run.state.fingerprint, customers=summary.customers, households=summary.households,
            vulnerable_households=summary.vulnerable_households, heat_load_kw=summary.heat_load_kw,
            hours_to_cold=hours if math.isfinite(hours) else None)
        edit = log.record(self.network, incident, run.report)
        self.incident_id = incident_id
        self.session.apply_edit(edit, self.tr("Save incident %1").replace("%1", incident_id))
        self.saved_query = run.query
        self.saved_text = (self.title, self.notes, self.reported)
        self.reopened = None
        self._update_conflicts()
        self.log_changed.emit()
        return incident_id

    def reopen(self, incident_id: str) -> None:
        """Open a logged incident again: its pipes, failed valves and opened tie valves are re-run."""
        incident = log.get(self.network, incident_id)
        valves = log.incident_valves(self.network, incident_id)
        saved = sorted(schema.text_column(valves, "valve_id")[schema.text_column(valves, "role") == "close"].tolist())
        outdoor = self.outdoor_temp_c if incident.outdoor_temp_c is None else float(incident.outdoor_temp_c)
        tau = tuple(sorted({**dict(self._base_query().tau_h), **incident.cooling_tau_h}.items()))
        query = self._base_query().with_(pipes=tuple(incident.failed_pipes), failed_valves=tuple(incident.failed_valves),
                                         opened_valves=tuple(incident.opened_valves), outdoor_temp_c=outdoor, tau_h=tau)

        def adopt(run: response.IncidentRun) -> None:
            stale = bool(incident.network_fingerprint) and incident.network_fingerprint != run.state.fingerprint
            self.new_incident()
            self.incident_id = incident.incident_id
            self.title = incident.title
            self.notes = incident.notes
            self.status = incident.status
            self.reported = incident.reported
            self.saved_text = (self.title, self.notes, self.reported)
            self.reopened = Reopened(incident, stale, saved)
            self.outdoor_temp_c = outdoor
            self.tau_h = dict(tau)  # the time constants it was computed with, as the weather
            self.saved_query = None if stale else query
            self.run = None  # nothing to compare with but the saved valves

        self._start(query, Trigger("reopen", adopt=adopt))

    def set_status(self, incident_id: str, status: str) -> None:
        """Move a logged incident to planned / active / resolved (one undo step)."""
        self.session.apply_edit(log.set_status(self.network, incident_id, status),
                                self.tr("Incident %1: %2").replace("%1", incident_id).replace("%2", status_label(status)))
        if incident_id == self.incident_id:
            self.status = status
        self._update_conflicts()
        self.log_changed.emit()
