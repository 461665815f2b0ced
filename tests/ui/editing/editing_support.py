"""Shared pieces of the editing tests: a small network drawn by hand, a window on it, real mouse events.

The network (coordinates in metres from (X0, Y0), EPSG:4547)::

          C1 (200,100)
           │ S1 secondary DN50
    SRC1 ──P1──V1──●──P2──● HS1 (200,0)
    (0,0) DN200   (100,0) DN150
                   │
                   P3 DN100, bends at (130,-50)
                   │
                 (100,-100)

Every pipe has material 'steel', install_year 1998 and an extra field ``pressure_class``
the schema does not know; the valve has no ``normally_open`` field.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget

from gisheat.io import gpkg
from gisheat.sample.handmade import customer, make_network, pipe, source, station, valve

X0, Y0 = 500_000.0, 4_200_000.0
LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def at(x: float, y: float) -> tuple[float, float]:
    """Map coordinates of a point given relative to the network's origin."""
    return (X0 + x, Y0 + y)


def local(xy) -> tuple[float, float]:
    """The inverse of :func:`at` (rounded to mm) for readable assertions."""
    return (round(xy[0] - X0, 3), round(xy[1] - Y0, 3))


def tee_network(path: Path):
    """The network above, saved to ``path`` and loaded back (Arrow dtypes, a file to save to)."""
    extra = {"pressure_class": "PN16", "material": "steel", "install_year": 1998}
    network = make_network(
        pipes=[pipe("P1", [at(0, 0), at(100, 0)], dn=200, **extra),
               pipe("P2", [at(100, 0), at(200, 0)], dn=150, **extra),
               pipe("P3", [at(100, 0), at(130, -50), at(100, -100)], dn=100, **extra),
               pipe("S1", [at(200, 0), at(200, 100)], network="secondary", dn=50, **extra)],
        valves=[valve("V1", at(50, 0), pipe_id="P1", dn=200)],
        sources=[source("SRC1", at(0, 0), name="North CHP")],
        stations=[station("HS1", at(200, 0), name="East station")],
        customers=[customer("C1", at(200, 100), households=40)],
    )
    gpkg.save(network, path)
    return gpkg.load(path)


def open_window(qtbot, network, *, size=(1300, 900)):
    from gisheat.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(*size)
    for dock in w.findChildren(QDockWidget):  # a big map: only the docks editing uses
        if dock not in (w.layers_dock, w.identify_dock, w.table_dock):
            dock.hide()
    w.show()
    qtbot.waitExposed(w)
    w.set_network(network)
    QApplication.processEvents()
    w.canvas.zoom_to((*at(-40, -130), *at(240, 130)), margin=0)
    QApplication.processEvents()
    return w


# --- real mouse and keyboard -------------------------------------------------------------------


def screen(w, x: float, y: float) -> QPoint:
    """Viewport pixel of a point given relative to the origin."""
    return w.canvas.map_to_screen(*at(x, y)).toPoint()


def _send(w, kind, pos: QPoint, button, buttons, modifiers=NO_MODIFIER) -> None:
    vp = w.canvas.viewport()
    p = QPointF(pos)
    QApplication.sendEvent(vp, QMouseEvent(kind, p, vp.mapToGlobal(p), button, buttons, modifiers))


def hover(w, x: float, y: float, *, offset=(0, 0)) -> None:
    """Move the mouse over a point (no button), as a user does before clicking."""
    QTest.qWait(12)  # pyqtgraph drops mouse moves closer together than 10 ms
    _send(w, QEvent.Type.MouseMove, screen(w, x, y) + QPoint(*offset), NO_BUTTON, NO_BUTTON)


def click(w, x: float, y: float, *, offset=(0, 0), modifiers=NO_MODIFIER) -> None:
    """Move there, press and release the left button (``offset`` in pixels: a slightly missed target)."""
    hover(w, x, y, offset=offset)
    pos = screen(w, x, y) + QPoint(*offset)
    _send(w, QEvent.Type.MouseButtonPress, pos, LEFT, LEFT, modifiers)
    _send(w, QEvent.Type.MouseButtonRelease, pos, LEFT, NO_BUTTON, modifiers)


def double_click(w, x: float, y: float, *, offset=(0, 0)) -> None:
    """What the window system sends for a double click: press, release, double-click, release."""
    click(w, x, y, offset=offset)
    pos = screen(w, x, y) + QPoint(*offset)
    _send(w, QEvent.Type.MouseButtonDblClick, pos, LEFT, LEFT)
    _send(w, QEvent.Type.MouseButtonRelease, pos, LEFT, NO_BUTTON)


def press_and_move(w, start: tuple[float, float], end: tuple[float, float], *, steps: int = 5,
                   start_offset=(0, 0)) -> QPoint:
    """Press on ``start`` and move to ``end`` with the button held (the drag is not finished)."""
    a = screen(w, *start) + QPoint(*start_offset)
    b = screen(w, *end)
    hover(w, *start, offset=start_offset)
    _send(w, QEvent.Type.MouseButtonPress, a, LEFT, LEFT)
    for k in range(1, steps + 1):
        QTest.qWait(12)
        p = a + (b - a) * (k / steps)
        _send(w, QEvent.Type.MouseMove, p, NO_BUTTON, LEFT)
    return b


def release(w, pos: QPoint) -> None:
    _send(w, QEvent.Type.MouseButtonRelease, pos, LEFT, NO_BUTTON)


def drag(w, start, end, **kw) -> None:
    """A whole left-button drag from ``start`` to ``end`` (relative map points)."""
    release(w, press_and_move(w, start, end, **kw))


def key(w, key, modifiers=NO_MODIFIER) -> None:
    """A key pressed on the map."""
    QTest.keyClick(w.canvas, key, modifiers)


def coords(frame, row: int) -> list[tuple[float, float]]:
    """Relative coordinates of a feature's geometry."""
    return [local(c) for c in shapely.get_coordinates(frame.geometry.iloc[row])]


def row_of(frame, id_field: str, fid: str) -> int:
    found = [i for i, v in enumerate(frame[id_field].astype(object)) if v == fid]
    assert found, f"{fid} not in {id_field}"
    return found[0]


def approx(points, tol: float = 0.6):
    """Relative points as a click lands them: within about two pixels (clicks land on whole pixels)."""
    return [pytest.approx(p, abs=tol) for p in points]
