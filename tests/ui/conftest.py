"""UI test fixtures: isolated QSettings, a main window on the sample, PNG snapshots.

Snapshots go to ``screenshots/`` at the repository root (git-ignored) so a
person can look at every main state of the app after a test run.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    """Every test gets empty settings and cache folders of its own."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName("gisheat-test")
    QCoreApplication.setApplicationName("gisheat-test")
    QSettings().clear()
    yield tmp_path / "settings"
    QSettings().clear()


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """UI tests never reach the internet: any socket connection fails loudly."""

    def refuse(*args, **kwargs):
        raise AssertionError("UI test tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    """A message box would block an offscreen test forever: answer them all (tests may override)."""
    from PySide6.QtWidgets import QMessageBox

    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)


@pytest.fixture
def app(qapp):
    from gisheat.ui import app as appmod

    appmod.make_app(["gisheat-test"])
    QCoreApplication.setOrganizationName("gisheat-test")
    QCoreApplication.setApplicationName("gisheat-test")
    yield qapp
    appmod.install_translator(qapp, "en")


@pytest.fixture
def window(app, qtbot, sample_network):
    """The main window showing the sample network (shared, never modified)."""
    from gisheat.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.set_network(sample_network)
    app.processEvents()
    w.canvas.zoom_full()
    yield w
    w.runner.cancel_all()
    w.runner.wait(5000)


@pytest.fixture
def snapshot():
    """``snapshot(widget, name)`` renders a widget to screenshots/<name>.png."""
    return save_snapshot


def save_snapshot(widget, name: str) -> Path:
    """Render a widget to screenshots/<name>.png and return the path."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert widget.grab().save(str(path)), path
    return path
