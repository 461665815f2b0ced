"""Toolbar and panel icons from qtawesome's bundled Font Awesome (no downloads at run time).

``icon('fa5s.search')`` returns a QIcon tinted with the app's icon colour;
unknown names give an empty icon instead of failing.
"""

from __future__ import annotations

import os

from PySide6.QtGui import QIcon

os.environ.setdefault("QT_API", "pyside6")

ICON_COLOUR = "#37474f"
ACTIVE_COLOUR = "#1565c0"


def icon(name: str, colour: str = ICON_COLOUR) -> QIcon:
    try:
        import qtawesome

        return qtawesome.icon(name, color=colour, color_active=ACTIVE_COLOUR)
    except Exception:  # noqa: BLE001 - a missing glyph must not stop the app
        return QIcon()
