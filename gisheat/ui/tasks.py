"""Run a plain function in a worker thread; deliver progress and the result on the GUI thread.

The job never sees Qt (Orange3's TaskState pattern)::

    def job(progress, is_cancelled):          # a plain, Qt-free function
        for i, chunk in enumerate(chunks):
            if is_cancelled():
                raise Cancelled()
            progress(i / len(chunks))          # 0..1, throttled by the runner
        return result

    task = runner.start(job, on_done=show, on_error=report, text="Loading…")
    task.cancel()

``on_done(result)`` and ``on_error(exc)`` run on the GUI thread. ``runner``
emits ``busy_changed(bool)`` and ``progress(text, fraction)`` so the main
window shows one progress bar with a cancel button for whatever runs.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from gisheat.errors import Cancelled

Job = Callable[[Callable[[float], None], Callable[[], bool]], Any]

_KEPT = threading.local()
"""Marks a thread whose state is held: it lives in the thread state itself, so a new pool thread that
reuses a dead one's OS id is not mistaken for it."""


def keep_thread_state() -> None:
    """Give the Qt pool thread running this a Python thread state that lives as long as the thread.

    Qt's pool threads are not made by Python: PySide creates a thread state for
    each job and drops it afterwards. pyproj ≥ 3.7 keeps its PROJ context per
    thread state, so a CRS touched by one job (opening a file reads its CRS)
    leaves a dangling context that crashes the next job on the same thread that
    touches a CRS (pyproj issue #1509; fixed upstream by holding the thread
    state, pyproj PR #1539). Holding one extra ``PyGILState_Ensure`` per thread
    does the same; it is released with the process. Every job calls it first.
    """
    if threading.current_thread() is threading.main_thread() or getattr(_KEPT, "held", False):
        return  # the GUI thread keeps its state anyway
    ctypes.pythonapi.PyGILState_Ensure()
    _KEPT.held = True


class _Signals(QObject):
    progress = Signal(float)
    done = Signal(object)
    failed = Signal(object)


class Task(QObject):
    """One running job: cancel it, or wait for its signals."""

    finished = Signal()

    def __init__(self, job: Job, text: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.text = text
        self.fraction = 0.0
        self.result: Any = None
        self.error: BaseException | None = None
        self.is_done = False
        self._cancel = threading.Event()
        self.signals = _Signals()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        keep_thread_state()
        task = self.task
        last = [0.0]

        def progress(fraction: float) -> None:
            now = time.monotonic()
            if now - last[0] >= 0.1 or fraction >= 1.0:
                last[0] = now
                try:
                    task.signals.progress.emit(float(fraction))
                except RuntimeError:
                    pass

        try:
            result = task.job(progress, task._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
            outcome, value = task.signals.failed, exc
        else:
            outcome, value = task.signals.done, result
        try:
            outcome.emit(value)
        except RuntimeError:
            pass  # the window that asked for it was closed meanwhile: nobody to tell


class TaskRunner(QObject):
    """Starts tasks on a thread pool and tracks which are running."""

    busy_changed = Signal(bool)
    progress = Signal(str, float)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.pool.setExpiryTimeout(-1)  # the two threads live as long as the pool (each holds a thread state)
        self.running: list[Task] = []

    def start(
        self,
        job: Job,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        text: str = "",
    ) -> Task:
        task = Task(job, text, self)

        def finish() -> None:
            task.is_done = True
            if task in self.running:
                self.running.remove(task)
            if not self.running:
                self.busy_changed.emit(False)
            task.finished.emit()

        def done(result: Any) -> None:
            task.result = result
            finish()
            if task.cancelled:
                return
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            task.error = exc
            finish()
            if isinstance(exc, Cancelled) or task.cancelled:
                return
            if on_error is not None:
                on_error(exc)
            else:
                raise exc

        def progressed(fraction: float) -> None:
            task.fraction = fraction
            self.progress.emit(task.text, fraction)

        task.signals.done.connect(done)
        task.signals.failed.connect(failed)
        task.signals.progress.connect(progressed)
        self.running.append(task)
        if len(self.running) == 1:
            self.busy_changed.emit(True)
        self.pool.start(_Runnable(task))
        return task

    def cancel_all(self) -> None:
        for task in list(self.running):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (tests and shutdown)."""
        return self.pool.waitForDone(msecs)
