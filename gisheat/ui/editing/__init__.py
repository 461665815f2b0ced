"""Editing the network in the desktop app, importing and exporting data, autosave and recovery.

``install(window)`` is the one hook the main window calls; it adds

* edit mode (the pencil, Ctrl+E) with its toolbar and Edit-menu entries —
  draw pipe, place valve, add customer / station / heat source, move node or
  vertex, delete feature, delete selected, snapping on/off — the tools in
  :mod:`.tools`, snapping in :mod:`.snapping`, the gesture → edit rules in
  :mod:`.gestures` (Qt-free);
* attribute editing in the attribute table and the identify panel with
  schema-checked editors (:mod:`.attributes`);
* File ▸ Import data… (:mod:`.importing`) and File ▸ Export layer or result…
  (also in the layer panel's context menu; :mod:`.exporting`);
* autosave of a recovery copy off the GUI thread, and the offer to restore it
  after a crash (:mod:`.autosave`).

Every change is one core edit (:mod:`gisheat.core.edits`) pushed through
``session.apply_edit``: one undo step, Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y).
"""

from __future__ import annotations


def install(window):
    """Add editing to the main window; returns the :class:`.workspace.EditingWorkspace`."""
    from gisheat.ui.editing.workspace import EditingWorkspace

    return EditingWorkspace(window)
