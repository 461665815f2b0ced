"""The Renewal workspace and the asset-analysis themes of the map (UI area 'renewal').

``install(window)`` is all the main window needs: it adds the workspace as a
dock (bottom, beside the attribute table; listed in View ▸ Panels) and puts
in the Analysis menu

* **Renewal workspace…** — show the dock;
* **Colour pipes by ▸** customers / households / heat load cut off if the pipe
  fails (criticality), valve segment, renewal risk level, renewal risk (¥/yr).

Modules: :mod:`.workspace` (the dock), :mod:`.parameters` (planner inputs),
:mod:`.plan_table` (plan table with editable status), :mod:`.plan_view`
(plan as plain tables), :mod:`.charts`, :mod:`.risk_view`,
:mod:`.progress_view`, :mod:`.themes` (map themes and the menu),
:mod:`.jobs` (the worker jobs, Qt-free). Strings are translated in
``resources/translations/renewal_zh_CN.ts``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt


def install(window):
    """Add the Renewal workspace dock and the Analysis menu entries to ``window``; returns the workspace."""
    from gisheat.ui.icons import icon
    from gisheat.ui.renewal.themes import NetworkThemes
    from gisheat.ui.renewal.workspace import RenewalWorkspace

    themes = NetworkThemes(window)
    workspace = RenewalWorkspace(window, themes)
    title = QCoreApplication.translate("RenewalWorkspace", "Renewal workspace")
    dock = window.add_dock(workspace, title, Qt.DockWidgetArea.BottomDockWidgetArea, "renewal")
    table_dock = getattr(window, "table_dock", None)
    # tabified beside the attribute table only when first shown: a hidden dock in a tab group leaves
    # a stray tab bar drawn over the layer panel
    dock.hide()  # until Analysis ▸ Renewal workspace (a saved window layout may show it again)
    workspace.dock = dock
    workspace.network_themes = themes
    menu = window.menu("analysis")

    def show() -> None:
        if table_dock is not None and not dock.isVisible() and not window.tabifiedDockWidgets(dock) \
                and table_dock.isVisible() and not dock.isFloating():
            window.tabifyDockWidget(table_dock, dock)
        dock.show()
        dock.raise_()
        window.resizeDocks([dock], [430], Qt.Orientation.Vertical)

    action = menu.addAction(icon("fa5s.tools"), QCoreApplication.translate("RenewalWorkspace", "Renewal workspace…"))
    action.triggered.connect(show)
    workspace.show_action = action
    workspace.show_dock = show
    themes.add_to(menu)
    window.renewal = workspace
    return workspace
