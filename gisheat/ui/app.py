"""Start the desktop app: ``main(argv)`` (``python main.py [FILE]``, ``gisheat-app [FILE]``).

Sets up the QApplication (Fusion style, one light palette, high-DPI
rounding), loads the translation chosen in the settings (English by default,
Simplified Chinese from ``resources/translations/gisheat_zh_CN.qm``), installs
an exception hook that logs and shows a message box instead of dying with a
traceback, and opens the file given, else the last file used, else the
bundled sample.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from gisheat.ui import translations

log = logging.getLogger("gisheat")

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
TRANSLATIONS = RESOURCES / "translations"
SAMPLE = ROOT / "sample_data" / "beicheng.gpkg"

ORGANISATION = "gisheat"
APPLICATION = "gisheat"

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_translators: list[QTranslator] = []


def current_language() -> str:
    value = str(QSettings().value("ui/language", "en") or "en")
    return value if value in LANGUAGES else "en"


def set_language_setting(code: str) -> None:
    QSettings().setValue("ui/language", code if code in LANGUAGES else "en")


def install_translator(app: QCoreApplication, language: str | None = None) -> bool:
    """(Re)load the translation for ``language`` (default: the settings'); True when one was loaded."""
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    language = language or current_language()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return False
    files = translations.qm_files(language)
    if not files:
        log.warning("no translation for %s in %s", language, TRANSLATIONS)
        return False
    for path in files:  # one file per UI area (gisheat.ui.translations)
        ours = QTranslator(app)
        if ours.load(str(path)):
            app.installTranslator(ours)
            _translators.append(ours)
        else:
            log.warning("cannot load translation %s", path)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _translators.append(qt)
    QLocale.setDefault(QLocale(language))
    return True


def palette() -> QPalette:
    """A calm light palette (the same on every desktop)."""
    p = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#eef1f4",
        QPalette.ColorRole.WindowText: "#1f2933",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f5f7fa",
        QPalette.ColorRole.ToolTipBase: "#fffde7",
        QPalette.ColorRole.ToolTipText: "#1f2933",
        QPalette.ColorRole.Text: "#1f2933",
        QPalette.ColorRole.Button: "#e4e8ec",
        QPalette.ColorRole.ButtonText: "#1f2933",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#1565c0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#1565c0",
        QPalette.ColorRole.PlaceholderText: "#8a96a3",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa5b1"))
    return p


STYLE_SHEET = """
QDockWidget::title { background: #dde3e9; padding: 4px 6px; font-weight: 600; }
QToolBar { spacing: 2px; padding: 2px; border-bottom: 1px solid #cfd6dd; }
QStatusBar { border-top: 1px solid #cfd6dd; }
QStatusBar QLabel { padding: 0 6px; }
QTreeWidget, QTableView, QListWidget { border: 1px solid #cfd6dd; }
QHeaderView::section { background: #e9edf1; padding: 3px 6px; border: none;
                       border-right: 1px solid #d5dbe1; border-bottom: 1px solid #d5dbe1; }
"""


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, styled and translated."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(list(argv or [sys.argv[0]]))
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app.setStyle("Fusion")
    app.setPalette(palette())
    app.setStyleSheet(STYLE_SHEET)
    font = QFont(app.font())
    font.setFamilies(["Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", font.family()])
    app.setFont(font)
    icon_path = RESOURCES / "icons" / "gisheat.svg"
    if icon_path.exists():
        app.setWindowIcon(QIcon(str(icon_path)))
    install_translator(app)
    return app


def install_excepthook() -> None:
    """Uncaught exceptions: log them and show a message box; the app keeps running."""

    def hook(kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", text)
        if QApplication.instance() is None:
            sys.stderr.write(f"gisheat: {value}\n")
            return
        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("app", "Unexpected error"),
                          QCoreApplication.translate("app", "Something went wrong: %1").replace(
                              "%1", str(value) or kind.__name__))
        box.setDetailedText(text)
        box.exec()

    sys.excepthook = hook


def file_to_open(argv: list[str]) -> Path | None:
    """The file from the command line, else the last one used (if it still exists), else the sample."""
    args = [a for a in argv[1:] if not a.startswith("-")]
    if args:
        return Path(args[0])
    last = QSettings().value("files/last", "")
    if last and Path(str(last)).exists():
        return Path(str(last))
    return SAMPLE if SAMPLE.exists() else None


def start(argv: list[str]):
    """Create the app and the main window and start opening the file; returns (app, window)."""
    logging.basicConfig(level=os.environ.get("GISHEAT_LOG", "WARNING"), format="%(levelname)s %(name)s: %(message)s")
    app = make_app(argv)
    install_excepthook()
    from gisheat.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    path = file_to_open(argv)
    if path is not None:
        window.open_file(path)
    return app, window


def main(argv: list[str] | None = None) -> int:
    """Run the app; ``argv`` like sys.argv (program name first, then an optional network file)."""
    argv = list(sys.argv if argv is None else argv)
    app, window = start(argv)
    return app.exec()
