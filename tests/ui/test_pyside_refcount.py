"""Regression: PySide6 6.12.0 on Python < 3.12 drops a reference to None on every void call.

The interpreter then aborts with "deallocating None" after a few thousand
calls (pyqtgraph makes them every frame). setup.cfg pins PySide6 below 6.12
on those Pythons; this test fails loudly if a broken build slips in.
"""

from __future__ import annotations

import sys

import pytest

QtCore = pytest.importorskip("PySide6.QtCore")


def test_void_qt_calls_keep_none_refcount():
    obj = QtCore.QObject()
    timer = QtCore.QTimer()
    before = sys.getrefcount(None)
    for i in range(5000):
        obj.setObjectName(f"n{i % 7}")  # void
        timer.setInterval(i % 100)  # void
        obj.blockSignals(False)
    after = sys.getrefcount(None)
    # a healthy build may vary by a handful; the broken one loses ~10,000
    assert after >= before - 50, f"refcount of None fell from {before} to {after}"


def test_installed_pyside_is_not_the_broken_combination():
    import PySide6

    version = tuple(int(x) for x in PySide6.__version__.split(".")[:2])
    assert not (sys.version_info < (3, 12) and version >= (6, 12)), PySide6.__version__
