"""The export dialog: a layer, or an analysis result, to GeoPackage, GeoJSON, Shapefile or CSV.

What can be exported: every layer of the network (optionally only the
selected features), every published analysis result (the features it names,
with its value) and every theme (criticality, risk…) joined to its layer's
geometry (:func:`gisheat.io.export.with_geometry`). The file is written by
:func:`gisheat.io.export.export_frame` in a worker (atomically); what the
format changed (Shapefile field names cut to 10 bytes…) is reported.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from gisheat.core import schema
from gisheat.errors import InputError
from gisheat.io import export
from gisheat.ui import labels

FORMATS = (("GPKG", ".gpkg"), ("GeoJSON", ".geojson"), ("ESRI Shapefile", ".shp"), ("CSV", ".csv"))
WGS84 = "EPSG:4326"


def exportable(session) -> list[tuple[str, tuple]]:
    """(text, key) of everything that can be exported: layers, then results, then themes."""
    out: list[tuple[str, tuple]] = []
    network = session.network
    if network is None:
        return out
    ordered = [n for n in schema.LAYERS if n in network.layers] + [n for n in network.layers if n not in schema.LAYERS]
    for name in ordered:
        out.append((f"{labels.layer_label(name)} ({len(network.layers[name]):,})", ("layer", name)))
    for name, result in session.results.items():
        text = result.label or name
        out.append((f"{text} — {labels.layer_label(result.layer)} ({len(result.ids):,})", ("result", name)))
    for (layer, name), theme in session.themes.items():
        out.append((f"{theme.label or name} — {labels.layer_label(layer)}", ("theme", (layer, name))))
    return out


def frame_for(session, key: tuple, *, selected_only: bool = False) -> tuple[pd.DataFrame, str]:
    """The frame to write for an exportable ``key`` and the layer name to give it in the file."""
    network = session.network
    kind, name = key
    if kind == "layer":
        frame = network.layers[name]
        if selected_only:
            frame = frame.iloc[session.selection(name)]
        return frame, name
    if kind == "result":
        result = session.results[name]
        id_field = schema.LAYERS[result.layer].id_field if result.layer in schema.LAYERS else None
        if id_field is None:
            raise InputError(f"{name}: the result's layer {result.layer} has no ids to join on")
        data = {id_field: np.asarray(result.ids, dtype=object).astype(str)}
        if result.values is not None:
            data[result.value_field or name] = np.asarray(result.values)
        return export.with_geometry(pd.DataFrame(data), network, result.layer), name
    layer, theme_name = name
    theme = session.themes[(layer, theme_name)]
    values = theme.values.rename(theme_name)
    values.index = values.index.astype(str)
    return export.with_geometry(values, network, layer), f"{layer}_{theme_name}"


class ExportDialog(QDialog):
    """Choose what, the format, the file and the coordinate system; ``run`` writes it in a worker."""

    def __init__(self, window, key: tuple | None = None, parent=None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.session = window.session
        self.task = None
        self.report: export.ExportReport | None = None
        self.setWindowTitle(self.tr("Export"))
        self.what = QComboBox()
        for text, k in exportable(self.session):
            self.what.addItem(text, k)
        if key is not None:
            # not findData: it compares Python tuples by identity, not by value
            found = [i for i in range(self.what.count()) if self.what.itemData(i) == tuple(key)]
            self.what.setCurrentIndex(found[0] if found else 0)
        self.selected_only = QCheckBox()
        self.format_box = QComboBox()
        for driver, suffix in FORMATS:
            self.format_box.addItem({"GPKG": "GeoPackage", "ESRI Shapefile": "Shapefile"}.get(driver, driver) +
                                    f" ({suffix})", suffix)
        self.path_edit = QLineEdit()
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.crs_box = QComboBox()
        network = self.session.network
        own = network.crs.to_epsg() if network is not None and network.crs is not None else None
        self.crs_box.addItem(self.tr("As the network (%1)").replace("%1", f"EPSG:{own}" if own else "?"), "")
        self.crs_box.addItem(self.tr("WGS 84 longitude/latitude (EPSG:4326), for web maps"), WGS84)
        form = QFormLayout()
        form.addRow(self.tr("Export"), self.what)
        form.addRow("", self.selected_only)
        form.addRow(self.tr("Format"), self.format_box)
        form.addRow(self.tr("File"), path_row)
        form.addRow(self.tr("Coordinates"), self.crs_box)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.what.currentIndexChanged.connect(self._what_changed)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self._what_changed()
        self.resize(560, 220)

    @property
    def key(self) -> tuple | None:
        return self.what.currentData()

    def _what_changed(self) -> None:
        key = self.key
        n = len(self.session.selection(key[1])) if key is not None and key[0] == "layer" else 0
        self.selected_only.setText(self.tr("Only the %1 selected features").replace("%1", f"{n:,}"))
        self.selected_only.setEnabled(n > 0)
        self.selected_only.setChecked(False)
        if key is not None:
            self._set_default_path()

    def _format_changed(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(self.format_box.currentData())))

    def _set_default_path(self) -> None:
        network = self.session.network
        folder = Path(network.path).parent if network is not None and network.path else Path.home()
        name = self.key[1] if isinstance(self.key[1], str) else "_".join(self.key[1])
        self.path_edit.setText(str(folder / f"{name}{self.format_box.currentData()}"))

    def choose_path(self) -> None:
        suffix = self.format_box.currentData()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path_edit.text(),
                                              f"{self.format_box.currentText()} (*{suffix})")
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.path_edit.setText(path)

    def run(self) -> None:
        """Write the file in a worker; the dialog closes when it is written (or says why not)."""
        key = self.key
        text = self.path_edit.text().strip()
        if key is None or not text:
            self.message.setText(self.tr("Choose what to export and the file."))
            return
        path = Path(text)
        if path.suffix.lower() != self.format_box.currentData():
            path = path.with_suffix(self.format_box.currentData())
        try:
            frame, layer_name = frame_for(self.session, key, selected_only=self.selected_only.isChecked())
        except InputError as exc:
            self.message.setText(str(exc))
            return
        crs = self.crs_box.currentData() or None
        encoding = "utf-8-sig" if path.suffix.lower() == ".csv" else "UTF-8"

        def job(progress, is_cancelled):
            return export.export_frame(frame, path, layer_name=layer_name, crs=crs, encoding=encoding)

        self.export_button.setEnabled(False)
        self.message.setText(self.tr("Writing %1…").replace("%1", path.name))
        self.task = self.window.run_task(job, self._done, self.tr("Exporting %1").replace("%1", path.name),
                                         on_error=self._failed)

    def _done(self, report: export.ExportReport) -> None:
        self.task = None
        self.report = report
        self.window.statusBar().showMessage("; ".join(report.lines()), 8000)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.export_button.setEnabled(True)
        self.message.setText(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        self.message.setStyleSheet("color: #b71c1c;")
