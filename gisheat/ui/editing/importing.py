"""The import dialog: bring features from a Shapefile, GeoJSON, GeoPackage or CSV into a layer.

The steps are those of :mod:`gisheat.io.importer`, on one page:

1. the file (and its layer, for a GeoPackage with several; the x/y columns
   for a CSV) and its coordinate system — read from the file, or typed for a
   CSV or a file without one;
2. the target layer, and a mapping table: each source field with its first
   values and what it becomes (a schema field — suggested from the names —,
   an extra field under its own name, or nothing); one value for all
   features for required fields that no source field gives; DN in inches;
3. a preview of the first rows as they would be imported, with a problem
   column saying why a row would be left out.

Import runs ``plan_import`` and applies its edit through the session: the
whole import is one undo step. A report lists every feature left out and why.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyproj
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gisheat.core import edits, schema
from gisheat.errors import GisheatError
from gisheat.io import importer
from gisheat.ui import labels
from gisheat.ui.editing.attributes import EMPTY, editor_value, make_editor

TARGETS = ("pipes", "valves", "sources", "stations", "customers", "districts", "breaks", "streets", "buildings")
NOT_IMPORTED = ""
EXTRA = "\x00extra"
"""'Import as' choice: keep the field under its own name."""
PREVIEW_ROWS = 10
PROBLEM_BRUSH = QBrush(QColor("#ffebee"))
NAME_HINTS = {
    "pipes": ("pipe", "管", "line"), "valves": ("valve", "阀"), "sources": ("source", "plant", "热源", "电厂"),
    "stations": ("station", "substation", "换热站", "站"), "customers": ("customer", "consumer", "用户", "客户"),
    "districts": ("district", "区"), "breaks": ("break", "failure", "爆管", "故障"), "streets": ("street", "road", "道路"),
    "buildings": ("building", "建筑"),
}
INCH_MARK = r'\d\s*(?:"|\'\'|in\.?$|inch|英寸|寸)|\d/\d|[½¼¾]'
"""A DN text that is in inches, not mm (the hint to tick 'DN is given in inches')."""
FILE_FILTER = "*.gpkg *.shp *.geojson *.json *.csv *.txt *.tsv"


def guess_target(source: importer.Source) -> str:
    """The layer a source most likely fills: by its name, else by its geometry."""
    name = f"{source.path.stem} {source.layer or ''}".lower()
    for target, words in NAME_HINTS.items():
        if any(w in name for w in words):
            return target
    if not source.has_geometry:
        return "breaks"
    kinds = set(source.frame.geometry.geom_type.dropna().unique())
    if kinds & {"LineString", "MultiLineString"}:
        return "pipes"
    if kinds & {"Polygon", "MultiPolygon"}:
        return "districts"
    return "valves"


def crs_text(crs: pyproj.CRS | None) -> str:
    if crs is None:
        return ""
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.to_string()


def first_values(frame: pd.DataFrame, name: str, n: int = 3) -> str:
    values = [v for v in frame[name].head(50).tolist() if not schema.is_null(v)][:n]
    return ", ".join(str(edits._plain(v)) for v in values)


class ImportDialog(QDialog):
    """See the module docstring. ``workspace`` applies the edit and shows the report."""

    def __init__(self, workspace, path: str | Path | None = None, parent=None) -> None:
        super().__init__(parent or workspace.window)
        self.workspace = workspace
        self.session = workspace.session
        self.source: importer.Source | None = None
        self.report: importer.ImportReport | None = None
        self._filling = False
        self.setWindowTitle(self.tr("Import data"))

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("Shapefile, GeoJSON, GeoPackage or CSV"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        self.layer_box = QComboBox()
        self.layer_box.activated.connect(lambda _: self._reopen())
        self.x_box = QComboBox()
        self.y_box = QComboBox()
        self.x_box.activated.connect(lambda _: self._reopen())
        self.y_box.activated.connect(lambda _: self._reopen())
        xy_row = QHBoxLayout()
        xy_row.addWidget(QLabel(self.tr("x")))
        xy_row.addWidget(self.x_box, 1)
        xy_row.addWidget(QLabel(self.tr("y")))
        xy_row.addWidget(self.y_box, 1)
        self.xy_widget = QWidget()
        self.xy_widget.setLayout(xy_row)
        xy_row.setContentsMargins(0, 0, 0, 0)
        self.crs_edit = QLineEdit()
        self.crs_edit.setPlaceholderText(self.tr("e.g. EPSG:4326 (longitude/latitude) or EPSG:4547"))
        self.crs_edit.editingFinished.connect(self._crs_changed)
        self.crs_note = QLabel()
        self.crs_note.setWordWrap(True)
        self.crs_note.setStyleSheet("color: #546e7a;")
        self.target_box = QComboBox()
        for name in TARGETS:
            self.target_box.addItem(labels.layer_label(name), name)
        self.target_box.activated.connect(lambda _: self._target_changed())

        source_form = QFormLayout()
        source_form.addRow(self.tr("File"), file_row)
        source_form.addRow(self.tr("Layer in the file"), self.layer_box)
        source_form.addRow(self.tr("Coordinate columns"), self.xy_widget)
        source_form.addRow(self.tr("Source CRS"), self.crs_edit)
        source_form.addRow("", self.crs_note)
        source_form.addRow(self.tr("Import into"), self.target_box)
        self.source_form = source_form

        self.mapping = QTableWidget(0, 3)
        self.mapping.setHorizontalHeaderLabels([self.tr("Source field"), self.tr("Import as"), self.tr("First values")])
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mapping.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.mapping.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.mapping.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.constants_box = QGroupBox(self.tr("One value for all features"))
        self.constants_form = QFormLayout(self.constants_box)
        self.constants: dict[str, QWidget] = {}
        self.dn_inches = QCheckBox(self.tr("DN is given in inches (convert to DN in mm: 6\" → DN 150)"))
        self.dn_inches.toggled.connect(lambda _: self.refresh())
        mapping_box = QGroupBox(self.tr("Fields"))
        mapping_lay = QVBoxLayout(mapping_box)
        mapping_lay.addWidget(self.mapping)
        mapping_lay.addWidget(self.constants_box)
        mapping_lay.addWidget(self.dn_inches)

        self.preview = QTableWidget(0, 0)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().setStretchLastSection(True)
        preview_box = QGroupBox(self.tr("Preview of the first rows as they will be imported"))
        QVBoxLayout(preview_box).addWidget(self.preview)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(source_form)
        lay.addWidget(mapping_box, 3)
        lay.addWidget(preview_box, 2)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.resize(860, 760)
        self._show_rows()
        self.refresh()
        if path is not None:
            self.open_file(path)

    # --- the source ---------------------------------------------------------------------------------

    def choose_file(self) -> None:
        network = self.session.network
        start = str(Path(network.path).parent) if network is not None and network.path else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import data"), start,
                                              self.tr("GIS data (%1);;All files (*)").replace("%1", FILE_FILTER))
        if path:
            self.open_file(path)

    def open_file(self, path: str | Path, *, layer: str | None = None) -> bool:
        """Read a source file (its only layer, or ``layer``); False with a message when it cannot be read."""
        path = Path(path)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            layers = importer.source_layers(path)
            chosen = layer if layer is not None else layers[0]
            source = importer.open_source(path, layer=None if path.suffix.lower() in importer.CSV_SUFFIXES else chosen)
        except GisheatError as exc:
            self.source = None
            self.file_edit.setText(str(path))
            self._show_rows()
            self.refresh()
            self._say(str(exc), error=True)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.file_edit.setText(str(path))
        self._filling = True
        self.layer_box.clear()
        self.layer_box.addItems(layers)
        self.layer_box.setCurrentText(chosen)
        self._fill_xy(source, path)
        self._filling = False
        self._set_source(source)
        self.target_box.setCurrentIndex(self.target_box.findData(guess_target(source)))
        self._target_changed()
        return True

    def _fill_xy(self, source: importer.Source, path: Path) -> None:
        self.x_box.clear()
        self.y_box.clear()
        if source.driver != "CSV":
            return
        columns: list[str] = []
        for encoding in ("utf-8-sig", "gb18030"):  # as the importer reads it
            try:
                head = pd.read_csv(path, nrows=0, sep="\t" if path.suffix.lower() == ".tsv" else None,
                                   engine="python", encoding=encoding)
            except (UnicodeDecodeError, ValueError):
                continue
            columns = [str(c).strip() for c in head.columns]
            break
        for box in (self.x_box, self.y_box):
            box.addItem(self.tr("(none: a table or WKT)"), "")
            for c in columns:
                box.addItem(c, c)
        # the columns open_source recognised are the ones no longer among the fields
        used = [c for c in columns if c not in source.fields]
        lower = {c.lower(): c for c in used}
        x = next((lower[n] for n in importer.X_NAMES if n in lower), "")
        y = next((lower[n] for n in importer.Y_NAMES if n in lower), "")
        self.x_box.setCurrentIndex(max(0, self.x_box.findData(x)))
        self.y_box.setCurrentIndex(max(0, self.y_box.findData(y)))

    def _reopen(self) -> None:
        if self._filling or not self.file_edit.text():
            return
        path = Path(self.file_edit.text())
        kw: dict[str, Any] = {}
        if path.suffix.lower() in importer.CSV_SUFFIXES:
            x, y = self.x_box.currentData(), self.y_box.currentData()
            if x and y:
                kw.update(x=x, y=y)
        else:
            kw["layer"] = self.layer_box.currentText()
        crs = self.crs_edit.text().strip()
        try:
            source = importer.open_source(path, crs=crs or None, **kw)
        except GisheatError as exc:
            self._say(str(exc), error=True)
            return
        keep = self.options().fields if self.source is not None else {}
        self._set_source(source)
        if path.suffix.lower() in importer.CSV_SUFFIXES:
            self._fill_mapping(keep)
            self.refresh()
        else:
            self._target_changed()

    def _set_source(self, source: importer.Source) -> None:
        self.source = source
        self.crs_edit.setText(crs_text(source.crs))
        self._crs_note()
        self._show_rows()

    def _crs_note(self) -> None:
        source = self.source
        network = self.session.network
        if source is None or not source.has_geometry:
            self.crs_note.setText("")
            return
        target = crs_text(network.crs) if network is not None else ""
        if source.crs is None:
            text = self.tr("The file does not say its coordinate system: type it above.")
        elif source.crs_given:
            text = self.tr("Coordinates read as %1; they are reprojected to the network's %2.")
        else:
            text = self.tr("From the file: %1; reprojected to the network's %2.")
        self.crs_note.setText(text.replace("%1", f"{crs_text(source.crs)} ({source.crs.name})" if source.crs else "")
                              .replace("%2", target))

    def _crs_changed(self) -> None:
        if self.source is None:
            return
        text = self.crs_edit.text().strip()
        if text == crs_text(self.source.crs):
            return
        if not text:
            self._reopen()
            return
        try:
            crs = pyproj.CRS.from_user_input(text)
        except pyproj.exceptions.CRSError:
            self._say(self.tr("%1 is not a coordinate system (try EPSG:4326)").replace("%1", text), error=True)
            return
        self.source.crs = crs
        self.source.crs_given = True
        if isinstance(self.source.frame, gpd.GeoDataFrame):
            self.source.frame = self.source.frame.set_crs(crs, allow_override=True)
        self._crs_note()
        self.refresh()

    def _show_rows(self) -> None:
        source = self.source
        form = self.source_form
        form.setRowVisible(self.layer_box, source is not None and self.layer_box.count() > 1)
        form.setRowVisible(self.xy_widget, source is not None and source.driver == "CSV")
        has_geometry = source is not None and (source.has_geometry or source.driver == "CSV")
        form.setRowVisible(self.crs_edit, has_geometry)
        form.setRowVisible(self.crs_note, has_geometry)

    # --- the mapping ----------------------------------------------------------------------------------

    @property
    def target(self) -> str:
        return self.target_box.currentData()

    def _target_changed(self) -> None:
        if self.source is None:
            self.refresh()
            return
        self._fill_mapping(importer.suggest_mapping(self.source, self.target))
        self.refresh()

    def _fill_mapping(self, mapping: dict[str, str]) -> None:
        source = self.source
        spec = schema.LAYERS[self.target]
        self._filling = True
        self.mapping.setRowCount(len(source.fields))
        for i, name in enumerate(source.fields):
            item = QTableWidgetItem(name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.mapping.setItem(i, 0, item)
            box = QComboBox()
            box.addItem(self.tr("— not imported —"), NOT_IMPORTED)
            for f in spec.fields:
                box.addItem(f"{labels.field_label(self.target, f.name)} ({f.name})", f.name)
            for f in spec.fields:  # a yes/no field that says the opposite ('closed' for normally_open)
                if f.kind == schema.BOOLEAN:
                    box.addItem(self.tr("%1 (%2), inverted: yes becomes no").replace(
                        "%1", labels.field_label(self.target, f.name)).replace("%2", f.name), importer.NEGATE + f.name)
            box.addItem(self.tr("extra field \"%1\"").replace("%1", name), EXTRA)
            wanted = mapping.get(name, NOT_IMPORTED)
            if wanted == name and name not in spec.field_names:
                wanted = EXTRA
            box.setCurrentIndex(max(0, box.findData(wanted)))
            box.currentIndexChanged.connect(lambda _: self.refresh())
            self.mapping.setCellWidget(i, 1, box)
            values = QTableWidgetItem(first_values(source.frame, name))
            values.setFlags(Qt.ItemFlag.ItemIsEnabled)
            values.setForeground(QBrush(QColor("#546e7a")))
            self.mapping.setItem(i, 2, values)
        self._filling = False

    def set_mapping(self, source_field: str, target_field: str | None) -> None:
        """Choose what a source field becomes (a schema field, EXTRA, or None for not imported)."""
        row = self.source.fields.index(source_field)
        box = self.mapping.cellWidget(row, 1)
        box.setCurrentIndex(box.findData(target_field if target_field is not None else NOT_IMPORTED))

    def options(self) -> importer.ImportOptions:
        fields: dict[str, str] = {}
        if self.source is not None:
            for i, name in enumerate(self.source.fields):
                box = self.mapping.cellWidget(i, 1)
                if box is None:
                    continue
                choice = box.currentData()
                if choice == EXTRA:
                    fields[name] = name
                elif choice and choice.startswith(importer.NEGATE):
                    fields[importer.NEGATE + name] = choice[len(importer.NEGATE):]
                elif choice:
                    fields[name] = choice
        constants = {}
        for name, widget in self.constants.items():
            if name not in fields.values():
                value = editor_value(widget)
                if value is not None:
                    constants[name] = value
        return importer.ImportOptions(self.target, fields=fields, constants=constants,
                                      dn_inches=self.dn_inches.isChecked() and "dn" in fields.values())

    def _update_constants(self, mapped: set[str]) -> None:
        """A field for each required field no source field gives (the id is generated when missing)."""
        spec = schema.LAYERS[self.target]
        wanted = [f for f in spec.fields if f.required and f.name != spec.id_field and f.name not in mapped]
        if [f.name for f in wanted] == list(self.constants):
            return
        old = {name: editor_value(w) for name, w in self.constants.items()}
        while self.constants_form.rowCount():
            self.constants_form.removeRow(0)
        self.constants = {}
        for f in wanted:
            widget = make_editor(self.constants_box, self.target, f)
            widget.setObjectName(f"constant-{f.name}")
            if isinstance(widget, QComboBox):  # nothing chosen for the user: a wrong default imports silently
                widget.insertItem(0, "" if widget.isEditable() else self.tr("— choose —"), EMPTY)
                widget.setCurrentIndex(0)
            if isinstance(widget, QComboBox) and not f.open_choices and old.get(f.name) is not None:
                widget.setCurrentIndex(max(0, widget.findData(old[f.name])))
            if isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(lambda _: self.refresh())
                if widget.isEditable():
                    widget.lineEdit().editingFinished.connect(self.refresh)
            else:
                widget.editingFinished.connect(self.refresh)
            self.constants_form.addRow(labels.field_label(self.target, f.name), widget)
            self.constants[f.name] = widget
        self.constants_box.setVisible(bool(self.constants))

    # --- preview --------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Check the mapping and show the preview; the Import button only when it can run."""
        if self._filling:
            return
        source = self.source
        if source is None:
            self.constants_box.setVisible(False)
            self.dn_inches.setEnabled(False)
            self.import_button.setEnabled(False)
            self.preview.clear()
            self.preview.setRowCount(0)
            self.preview.setColumnCount(0)
            self._say(self.tr("Choose a file to import."))
            return
        mapped = set(self.options().fields.values())
        self._update_constants(mapped)
        self.dn_inches.setEnabled("dn" in mapped)
        options = self.options()
        network = self.session.network
        unset = [labels.field_label(self.target, name) for name, w in self.constants.items()
                 if editor_value(w) is None]
        if unset:  # said in the UI's words before the importer would refuse
            self.import_button.setEnabled(False)
            self.preview.setRowCount(0)
            self._say(self.tr("Map a source field to %1, or give one value for all features.")
                      .replace("%1", ", ".join(unset)), error=True)
            return
        try:
            notes = importer.check_options(network, source, options)
            table = importer.preview(network, source, options, PREVIEW_ROWS)
        except GisheatError as exc:
            self.import_button.setEnabled(False)
            self.preview.setRowCount(0)
            self._say(str(exc), error=True)
            return
        self._fill_preview(table)
        bad = int((table["problem"] != "").sum())
        summary = self.tr("%1 features in the file.").replace("%1", f"{len(source.frame):,}")
        if bad:
            summary += " " + self.tr("%1 of the first %2 would be left out (see the problem column).") \
                .replace("%1", str(bad)).replace("%2", str(len(table)))
        if self._dn_looks_like_inches(options):
            notes = [*notes, self.tr("Some DN values look like inches (6\"): tick \"DN is given in inches\".")]
        self._say(" ".join([summary, *notes]))
        self.import_button.setEnabled(len(source.frame) > 0)

    def _dn_looks_like_inches(self, options: importer.ImportOptions) -> bool:
        """DN mapped, inches not ticked, and a first value with an inch mark (6", 1-1/2 in, 4英寸)."""
        if options.dn_inches or self.source is None:
            return False
        src = next((s for s, d in options.fields.items() if d == "dn"), None)
        if src is None:
            return False
        values = self.source.frame[src].head(200).dropna().astype(str)
        return bool(values.str.contains(INCH_MARK, regex=True).any())

    def _fill_preview(self, table: pd.DataFrame) -> None:
        columns = list(table.columns)
        self.preview.clear()
        self.preview.setColumnCount(len(columns))
        self.preview.setRowCount(len(table))
        headers = []
        for c in columns:
            if c == "source":
                headers.append(self.tr("Source row"))
            elif c == "problem":
                headers.append(self.tr("Problem"))
            else:
                headers.append(labels.field_label(self.target, c))
        self.preview.setHorizontalHeaderLabels(headers)
        for i in range(len(table)):
            problem = table["problem"].iloc[i]
            for j, c in enumerate(columns):
                value = table[c].iloc[i]
                text = value if c in ("source", "problem") else labels.display_value(self.target, c, value)
                item = QTableWidgetItem(str(text))
                if problem:
                    item.setBackground(PROBLEM_BRUSH)
                if c == "problem":
                    item.setForeground(QBrush(QColor("#b71c1c")))
                self.preview.setItem(i, j, item)
        self.preview.resizeColumnsToContents()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c;" if error else "color: #37474f;")

    # --- import ---------------------------------------------------------------------------------------

    def run_import(self) -> None:
        """Plan the import, apply it as one undo step and show the report."""
        if self.source is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            plan = importer.plan_import(self.session.network, self.source, self.options())
        except GisheatError as exc:
            self._say(str(exc), error=True)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.report = plan.report
        if plan.edit is not None and not self.workspace.apply_import(plan, self.source):
            return
        self.accept()
        self.workspace.show_import_report(plan.report)


class ImportReportDialog(QDialog):
    """What an import did: the counts, every feature left out with the reason, and notes."""

    def __init__(self, report: importer.ImportReport, parent=None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Import report"))
        noun = labels.layer_label(report.layer)
        head = QLabel(self.tr("%1 of %2 features imported into %3.").replace("%1", f"{report.imported:,}")
                      .replace("%2", f"{report.read:,}").replace("%3", noun))
        f = head.font()
        f.setBold(True)
        head.setFont(f)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(QLabel(str(report.source)))
        self.skipped = QTableWidget(len(report.skipped), 2)
        self.skipped.setHorizontalHeaderLabels([self.tr("Feature"), self.tr("Why it was left out")])
        self.skipped.verticalHeader().setVisible(False)
        self.skipped.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.skipped.horizontalHeader().setStretchLastSection(True)
        for i, s in enumerate(report.skipped):
            self.skipped.setItem(i, 0, QTableWidgetItem(s.feature))
            self.skipped.setItem(i, 1, QTableWidgetItem(s.problem))
        self.skipped.resizeColumnToContents(0)
        if report.skipped:
            lay.addWidget(QLabel(self.tr("Left out (%1):").replace("%1", f"{len(report.skipped):,}")))
            lay.addWidget(self.skipped, 1)
        else:
            lay.addWidget(QLabel(self.tr("Nothing was left out.")))
        self.notes = QListWidget()
        self.notes.addItems(report.notes)
        rows = max(1, min(len(report.notes), 5))  # as high as its notes (up to 5), the rest to the table
        self.notes.setMaximumHeight(rows * (self.notes.sizeHintForRow(0) if report.notes else 18)
                                    + 2 * self.notes.frameWidth() + 4)
        if report.notes:
            lay.addWidget(QLabel(self.tr("Notes")))
            lay.addWidget(self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(self.tr("Save report…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setEnabled(bool(report.skipped or report.notes))
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        if not report.skipped:
            lay.addStretch(1)
        buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
        self.resize(720, 420 if report.skipped else 240)

    def save(self, path: str | Path | None = None) -> Path | None:
        """Write the report as CSV (source, feature, problem; notes at the end)."""
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"), "import_report.csv",
                                                  self.tr("CSV (*.csv)"))
            if not path:
                return None
        path = Path(path)
        try:
            with path.open("w", newline="", encoding="utf-8-sig") as handle:
                out = csv.writer(handle)
                out.writerow(["source", "feature", "problem"])
                for s in self.report.skipped:
                    out.writerow([s.source, s.feature, s.problem])
                for note in self.report.notes:
                    out.writerow([self.report.source, "", note])
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save report"), f"{path}: {exc.strerror or exc}")
            return None
        return path
