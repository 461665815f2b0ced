"""Autosave while there are unsaved changes, and the recovery offer after a crash.

Every ``interval`` seconds (setting ``editing/autosave_seconds``, default
120) the controller takes a snapshot of the network on the GUI thread
(:meth:`gisheat.io.recovery.Autosaver.take`: a shallow copy, frames are never
mutated by edits) and writes it in a worker thread (one at a time) as
``.<name>.recovery.gpkg`` beside the file, atomically. A save removes the
copy; so does closing the window (the user saved or chose to discard). A
crash leaves it, and the next time that file is opened the user is asked
whether to restore the unsaved changes or discard them.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from gisheat.errors import GisheatError
from gisheat.io import recovery

DEFAULT_SECONDS = 120


def ask_restore(parent, found: recovery.Recovery) -> bool | None:
    """Ask whether to restore a recovery copy: True restore, False discard, None decide later."""
    name = found.original.name if found.original is not None else found.path.name
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("AutosaveController", "Unsaved changes found"))
    box.setText(QCoreApplication.translate("AutosaveController", "gisheat was not closed properly. A recovery copy of %1 from %2 holds changes that "
                   "were never saved.").replace("%1", name).replace("%2", found.written.strftime("%Y-%m-%d %H:%M")))
    box.setInformativeText(QCoreApplication.translate("AutosaveController", "Restore them (the network opens as modified; save to keep it), or discard "
                              "the recovery copy?"))
    restore = box.addButton(QCoreApplication.translate("AutosaveController", "Restore unsaved changes"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(QCoreApplication.translate("AutosaveController", "Discard them"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    if clicked is restore:
        return True
    if clicked is discard:
        return False
    return None


class AutosaveController(QObject):
    """See the module docstring. ``written(path)`` after each recovery copy."""

    written = Signal(object)

    def __init__(self, window, *, interval_s: float | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.autosaver = recovery.Autosaver()
        self._worker: threading.Thread | None = None
        self._restoring = False
        seconds = interval_s if interval_s is not None else float(
            QSettings().value("editing/autosave_seconds", DEFAULT_SECONDS) or DEFAULT_SECONDS)
        self.timer = QTimer(self)
        self.timer.setInterval(max(int(seconds * 1000), 1000))
        self.timer.timeout.connect(self.autosave)
        self.timer.start()
        self.session.network_loaded.connect(self._network_loaded)

    # --- writing ------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_alive()

    def autosave(self) -> bool:
        """Start writing a recovery copy if there are unsaved changes since the last one; True if started."""
        network = self.session.network
        if network is None or network.path is None or self.busy or not self.window.has_unsaved_changes():
            return False
        shot = self.autosaver.take(network)
        if shot is None:
            return False
        autosaver = self.autosaver

        def write() -> None:
            path = autosaver.write(shot)
            self.written.emit(path)

        self._worker = threading.Thread(target=write, name="gisheat-autosave", daemon=True)
        self._worker.start()
        return True

    def wait(self, timeout: float = 30.0) -> None:
        """Block until a running autosave is written (tests, closing)."""
        if self._worker is not None:
            self._worker.join(timeout)

    # --- saving, closing, opening -----------------------------------------------------------------

    def saved(self, path=None) -> None:
        """The network was saved: the recovery copy is obsolete."""
        self.wait()
        if self.session.network is not None:
            self.autosaver.saved(self.session.network)

    def closing(self) -> None:
        """The window closes after the user saved or discarded: no copy is left to offer."""
        self.timer.stop()
        self.wait()
        network = self.session.network
        if network is not None and network.path is not None:
            recovery.discard(network.path)
        if self.autosaver.path is not None and self.autosaver.path.exists():
            recovery.discard(recovery.Recovery(self.autosaver.path, None, _now(), False))

    def _network_loaded(self) -> None:
        self.wait()
        self.autosaver = recovery.Autosaver()
        network = self.session.network
        if self._restoring or network is None or network.path is None:
            return
        path = Path(network.path)
        QTimer.singleShot(0, lambda: self.offer(path))

    def offer(self, path: Path) -> bool:
        """Offer the recovery copy of ``path`` if there is one newer than the file; True if restored."""
        network = self.session.network
        if network is None or network.path is None or Path(network.path) != path:
            return False
        try:
            found = recovery.find_recovery(path)
        except OSError:
            return False
        if found is None:
            return False
        answer = ask_restore(self.window, found)
        if answer is None:
            return False
        if not answer:
            recovery.discard(found)
            return False
        try:
            restored = recovery.restore(found)
        except GisheatError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot restore"), str(exc))
            return False
        self._restoring = True
        try:
            self.window.set_network(restored)
        finally:
            self._restoring = False
        self.window.setWindowModified(True)
        self.window.statusBar().showMessage(self.tr("Unsaved changes restored from %1 — save to keep them.")
                                            .replace("%1", found.path.name), 10000)
        return True


def _now():
    import datetime as dt

    return dt.datetime.now()
