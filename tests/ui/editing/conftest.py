"""Fixtures of the editing tests (helpers in editing_support: the hand-made network, real mouse events)."""

from __future__ import annotations

import pytest
from editing_support import open_window, tee_network
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def edit_window(app, qtbot, tmp_path):
    """The main window on the hand-made network (saved in tmp_path/tee.gpkg), edit mode on."""
    network = tee_network(tmp_path / "tee.gpkg")
    w = open_window(qtbot, network)
    w.editing.toggle_action.trigger()
    assert w.editing.editing
    yield w
    w.runner.cancel_all()
    w.runner.wait(5000)
    w.editing.autosave.wait()


@pytest.fixture
def refusals(monkeypatch):
    """Warnings shown to the user (refused edits), recorded instead of blocking the test."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda parent, title, text, *a, **k: shown.append((title, text)) or QMessageBox.StandardButton.Ok))
    return shown
