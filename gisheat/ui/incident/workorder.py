"""Outputs of an incident: the crew's work order (PDF, Qt's own writer), the customer call list
(CSV for Excel) and the result layers (GeoPackage). Every file is written beside its target and
moved into place in one step.

The work order is laid out with a QPainter in millimetres (:class:`PageWriter`)
so the same code draws PDF pages (``QPdfWriter``) and PNG previews; text
uses Noto Sans CJK so Chinese street names and the Chinese UI print.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QRawFont,
)
from PySide6.QtWidgets import QApplication

from gisheat.analysis import response
from gisheat.analysis.incident import OTHER_RANK, locate
from gisheat.errors import GisheatError
from gisheat.io.export import export_frame
from gisheat.io.results import write_layers
from gisheat.ui import labels
from gisheat.ui.incident.controller import status_label
from gisheat.ui.incident.cooling import deadline_text, format_hours

translate = QCoreApplication.translate
"""Qt's translate under a name pyside6-lupdate recognises."""

FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Arial", "Noto Sans CJK SC", "Microsoft YaHei", "SimSun"]
"""Latin from a Latin font (a CJK font's Latin digits lose their text mapping in the PDF), Chinese from
the first CJK font found."""
RADICALS = range(0x2E80, 0x2FE0)
"""CJK radicals: a PDF font's reverse character map may name these instead of the ideograph drawn."""
A4_MM = (210.0, 297.0)




# --- atomic files ----------------------------------------------------------------------------


def _temporary(path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise GisheatError(f"{path}: folder {folder} does not exist")
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=folder)
    os.close(fd)
    return Path(name)


# --- the call list and the layers -------------------------------------------------------------


def notification_header() -> dict[str, str]:
    """Column titles of the call list in the UI language."""
    return {
        "customer_id": translate("WorkOrder", "Customer id"), "name": translate("WorkOrder", "Name"), "address": translate("WorkOrder", "Address"),
        "contact_phone": translate("WorkOrder", "Contact phone"), "station_id": translate("WorkOrder", "Station"), "category": translate("WorkOrder", "Category"),
        "households": translate("WorkOrder", "Households"), "vulnerable_households": translate("WorkOrder", "Vulnerable households"),
        "hours_to_cold": translate("WorkOrder", "Hours to 18 °C"), "reason": translate("WorkOrder", "Reason"),
    }


def reason_label(reason: str) -> str:
    return {"isolated": translate("WorkOrder", "in the drained section"), "cut_off": translate("WorkOrder", "cut off from supply"),
            "station": translate("WorkOrder", "its station lost supply")}.get(reason, reason)


def write_call_list(path: str | os.PathLike[str], run: response.IncidentRun) -> Path:
    """The customer notification list: UTF-8 with a byte-order mark so Excel reads Chinese; who to call
    first on top; column titles and categories in the UI language."""
    path = Path(path)
    frame = response.notification_frame(run.report)
    frame["category"] = [labels.value_label(c) for c in frame["category"]]
    frame["reason"] = [reason_label(r) for r in frame["reason"]]
    frame = frame.rename(columns=notification_header())
    try:
        export_frame(frame, path, encoding="utf-8-sig")
    except OSError as exc:
        raise GisheatError(f"{path}: cannot write ({exc.strerror or exc})") from None
    return path


def write_result_layers(path: str | os.PathLike[str], network, run: response.IncidentRun) -> Path:
    """The isolation as GeoPackage layers (valves to close numbered in the crew's order)."""
    return write_layers(path, response.result_layers(network, run.engine, run.report), network)


# --- the map picture ---------------------------------------------------------------------------


def map_snapshot(canvas, extent: tuple[float, float, float, float] | None, *, margin: float = 0.2) -> QImage:
    """The canvas showing ``extent`` (with its overlays, scale bar and north arrow) as an image;
    the view is put back afterwards."""
    box = canvas.view_box
    old = box.viewRect()
    try:
        if extent is not None:
            canvas.zoom_to(extent, margin=margin, min_size=300.0)
        canvas.refresh_view_state()
        QApplication.processEvents()
        return canvas.grab().toImage()
    finally:
        box.setRange(old, padding=0)
        canvas.refresh_view_state()


# --- page layout ---------------------------------------------------------------------------------


class PageWriter:
    """Text, tables with tick boxes and pictures flowing down A4 pages (units: millimetres).

    ``target`` is a :class:`QPdfWriter` or None for PNG previews (``self.images``).
    """

    def __init__(self, target: QPdfWriter | None, *, dpi: int = 200, margin_mm: float = 14.0,
                 footer: str = "") -> None:
        self.dpi = dpi
        self.target = target
        self.margin = margin_mm
        self.footer = footer
        self.images: list[QImage] = []
        self.drawn: set[str] = set()
        """Every character drawn (to repair the PDF's text mapping afterwards)."""
        self.page = 0
        self.width_mm = A4_MM[0] - 2 * margin_mm
        self.bottom_mm = A4_MM[1] - margin_mm - 6
        self.painter: QPainter | None = None
        self._begin()

    # units
    def px(self, mm_value: float) -> float:
        return mm_value * self.dpi / 25.4

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(self.px(self.margin + x), self.px(y), self.px(w), self.px(h))

    def font(self, size: float = 9.0, bold: bool = False) -> QFont:
        f = QFont()
        f.setFamilies(FONT_FAMILIES)
        f.setPointSizeF(size)
        f.setBold(bold)
        return f

    # pages
    def _begin(self) -> None:
        if self.target is not None:
            self.painter = QPainter(self.target)
        else:
            self.painter = QPainter(self._new_image())
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.page = 1
        self.y = self.margin

    def _new_image(self) -> QImage:
        w, h = (int(round(self.px(v))) for v in A4_MM)
        image = QImage(w, h, QImage.Format.Format_RGB32)
        image.fill(QColor("#ffffff"))
        dpm = int(round(self.dpi / 0.0254))
        image.setDotsPerMeterX(dpm)
        image.setDotsPerMeterY(dpm)
        self.images.append(image)
        return image

    def _draw_footer(self) -> None:
        p = self.painter
        p.setFont(self.font(7.5))
        p.setPen(QColor("#607d8b"))
        text = f"{self.footer}   —   " + translate("WorkOrder", "page %1").replace("%1", str(self.page))
        self.draw_text(self.rect(0, A4_MM[1] - self.margin - 4, self.width_mm, 5), Qt.AlignmentFlag.AlignRight, text)

    def new_page(self) -> None:
        self._draw_footer()
        if self.target is not None:
            self.target.newPage()
        else:
            self.painter.end()
            self.painter = QPainter(self._new_image())
            self.painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.page += 1
        self.y = self.margin

    def ensure(self, height_mm: float) -> None:
        if self.y + height_mm > self.bottom_mm and self.y > self.margin + 1:
            self.new_page()

    def finish(self) -> None:
        self._draw_footer()
        self.painter.end()
        self.painter = None

    # content
    def draw_text(self, rect: QRectF, flags, text: str) -> None:
        self.drawn.update(text)
        self.painter.drawText(rect, flags, text)

    def text_height(self, text: str, width_mm: float, font: QFont) -> float:
        self.painter.setFont(font)
        r = self.painter.boundingRect(QRectF(0, 0, self.px(width_mm), 1e6),
                                      Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft, text)
        return r.height() * 25.4 / self.dpi

    def paragraph(self, text: str, *, size: float = 9.0, bold: bool = False, colour: str = "#212121",
                  space_after: float = 1.5, box: str | None = None) -> None:
        font = self.font(size, bold)
        pad = 2.0 if box else 0.0
        h = self.text_height(text, self.width_mm - 2 * pad, font)
        self.ensure(h + 2 * pad)
        p = self.painter
        if box:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(box))
            p.drawRect(self.rect(0, self.y, self.width_mm, h + 2 * pad))
        p.setFont(font)
        p.setPen(QColor(colour))
        self.draw_text(self.rect(pad, self.y + pad, self.width_mm - 2 * pad, h + 1),
                       Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft, text)
        self.y += h + 2 * pad + space_after

    def heading(self, text: str, size: float = 12.0) -> None:
        self.ensure(14)
        self.y += 2
        self.paragraph(text, size=size, bold=True, colour="#0d47a1", space_after=0.8)
        p = self.painter
        p.setPen(QPen(QColor("#90caf9"), self.px(0.3)))
        p.drawLine(QPointF(self.px(self.margin), self.px(self.y)),
                   QPointF(self.px(self.margin + self.width_mm), self.px(self.y)))
        self.y += 2

    def table(self, columns: list[tuple[str, float]], rows: list[list[str]], *, tick: bool = False,
              size: float = 8.5, shade: list[str | None] | None = None) -> None:
        """Rows under a header (repeated on a new page); widths in mm (the last column takes the rest);
        ``tick`` adds an empty check box in front of every row."""
        tick_w = 7.0 if tick else 0.0
        widths = [w for _, w in columns]
        widths[-1] = self.width_mm - tick_w - sum(widths[:-1])
        font, head_font = self.font(size), self.font(size, True)
        pad = 1.2

        def height(cells: list[str], f: QFont) -> float:
            return max([self.text_height(c, w - 2 * pad, f) for c, w in zip(cells, widths, strict=True)] + [3.5]) + 2 * pad

        def draw_row(cells: list[str], f: QFont, fill: str | None, box: bool) -> None:
            h = height(cells, f)
            p = self.painter
            x = 0.0
            if fill:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(fill))
                p.drawRect(self.rect(0, self.y, self.width_mm, h))
            p.setPen(QPen(QColor("#b0bec5"), self.px(0.2)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self.rect(0, self.y, self.width_mm, h))
            if tick:
                if box:
                    p.setPen(QPen(QColor("#212121"), self.px(0.35)))
                    p.drawRect(self.rect(1.5, self.y + (h - 4.2) / 2, 4.2, 4.2))
                x = tick_w
            p.setFont(f)
            for cell, w in zip(cells, widths, strict=True):
                p.setPen(QPen(QColor("#b0bec5"), self.px(0.2)))
                p.drawLine(QPointF(self.px(self.margin + x), self.px(self.y)),
                           QPointF(self.px(self.margin + x), self.px(self.y + h)))
                p.setPen(QColor("#212121"))
                self.draw_text(self.rect(x + pad, self.y + pad, w - 2 * pad, h - 2 * pad),
                               Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                               cell)
                x += w
            self.y += h

        header = [t for t, _ in columns]
        self.ensure(height(header, head_font) + (height(rows[0], font) if rows else 0))
        draw_row(header, head_font, "#eceff1", False)
        for k, row in enumerate(rows):
            if self.y + height(row, font) > self.bottom_mm:
                self.new_page()
                draw_row(header, head_font, "#eceff1", False)
            draw_row(row, font, shade[k] if shade else None, True)
        self.y += 3

    def picture(self, image: QImage, *, max_height_mm: float = 110.0) -> None:
        if image.isNull() or image.width() == 0:
            return
        w = self.width_mm
        h = w * image.height() / image.width()
        if h > max_height_mm:
            h = max_height_mm
            w = h * image.width() / image.height()
        self.ensure(h + 2)
        x = (self.width_mm - w) / 2
        self.painter.drawImage(self.rect(x, self.y, w, h), image)
        self.painter.setPen(QPen(QColor("#90a4ae"), self.px(0.25)))
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        self.painter.drawRect(self.rect(x, self.y, w, h))
        self.y += h + 3

    def signatures(self, labels_: list[str]) -> None:
        self.ensure(16)
        self.y += 6
        p = self.painter
        p.setFont(self.font(9))
        p.setPen(QColor("#212121"))
        w = self.width_mm / len(labels_)
        for k, text in enumerate(labels_):
            self.draw_text(self.rect(k * w, self.y, w - 6, 5), Qt.AlignmentFlag.AlignLeft, text)
            p.drawLine(QPointF(self.px(self.margin + k * w), self.px(self.y + 11)),
                       QPointF(self.px(self.margin + (k + 1) * w - 6), self.px(self.y + 11)))
        self.y += 14


# --- the work order ---------------------------------------------------------------------------------


@dataclass
class WorkOrderInfo:
    """What the work order needs beyond the run."""

    incident_id: str | None
    title: str
    status: str
    reported: dt.datetime | None
    map_image: QImage | None


def pipe_text(found) -> str:
    """'P0019 → N': the pipe a junction valve closes and where that pipe goes."""
    if found is None:
        return ""
    words = {"N": translate("WorkOrder", "N"), "NE": translate("WorkOrder", "NE"), "E": translate("WorkOrder", "E"), "SE": translate("WorkOrder", "SE"), "S": translate("WorkOrder", "S"), "SW": translate("WorkOrder", "SW"),
             "W": translate("WorkOrder", "W"), "NW": translate("WorkOrder", "NW")}
    return f"{found.pipe_id} → {words[found.towards]}" if found.towards else found.pipe_id


def _valve_coords(x: float, y: float) -> str:
    return f"{x:.1f}\n{y:.1f}"


def draw_work_order(pages: PageWriter, network, run: response.IncidentRun, info: WorkOrderInfo) -> None:
    """Lay out the work order on ``pages`` (see the module docstring for the sections)."""
    result, report = run.result, run.report
    lang = run.query.language
    s = result.summary
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    name = info.incident_id or translate("WorkOrder", "unsaved incident")
    pages.paragraph(translate("WorkOrder", "Work order — pipe failure isolation"), size=16, bold=True, colour="#0d47a1", space_after=0.5)
    pages.paragraph(f"{name}{' · ' + info.title if info.title else ''}   ·   "
                    + translate("WorkOrder", "printed %1").replace("%1", now), size=9, colour="#455a64", space_after=2)
    where = locate(network, report.break_xy.reshape(1, 2))[0].text(lang)
    lines = [translate("WorkOrder", "Failed pipes: %1").replace("%1", ", ".join(result.failed_pipes)) + "   " + translate("WorkOrder", "near %1").replace(
        "%1", where)]
    if info.reported is not None:
        lines.append(translate("WorkOrder", "Heat off since: %1").replace("%1", info.reported.strftime("%Y-%m-%d %H:%M")))
    lines.append(translate("WorkOrder", "Status: %1").replace("%1", status_label(info.status)))
    pages.paragraph("\n".join(lines), size=9.5)

    hours = report.hours_to_cold
    if s.customers and math.isfinite(hours):
        text = deadline_text(report)
        if info.reported is not None:
            text += " " + translate("WorkOrder", "(by %1)").replace("%1", (info.reported + dt.timedelta(hours=hours)).strftime(
                "%m-%d %H:%M"))
        text += " — " + translate("WorkOrder", "at %1 outdoors").replace("%1", f"{run.query.outdoor_temp_c:g} °C")
        pages.paragraph(text, size=12, bold=True, colour="#b71c1c", box="#ffebee", space_after=2)
    if result.whole_circuit:
        pages.paragraph(translate("WorkOrder", "No valve that can be closed bounds this failure: the whole circuit must be shut down at "
                            "its heat source or station."), size=10, bold=True, colour="#b71c1c", box="#ffebee")

    pages.heading(translate("WorkOrder", "Summary"))
    summary = [
        (translate("WorkOrder", "Customers without heat"), f"{s.customers:,}"), (translate("WorkOrder", "Households"), f"{s.households:,}"),
        (translate("WorkOrder", "Vulnerable households"), f"{s.vulnerable_households:,}"),
        (translate("WorkOrder", "Heated area"), f"{s.heated_area_m2:,.0f} m²"), (translate("WorkOrder", "Heat load"), f"{s.heat_load_kw:,.0f} kW"),
        (translate("WorkOrder", "Pipe drained"), f"{s.isolated_length_m:,.0f} m"),
        (translate("WorkOrder", "Water to drain and refill"), f"{s.drain_volume_m3:,.1f} m³"),
        (translate("WorkOrder", "Stations without supply"), ", ".join(result.affected_stations) or "—"),
    ]
    half = (len(summary) + 1) // 2
    left, right = summary[:half], summary[half:] + [("", "")] * (2 * half - len(summary))
    pages.table([(translate("WorkOrder", "Item"), 44), (translate("WorkOrder", "Value"), 47), (translate("WorkOrder", "Item"), 44), (translate("WorkOrder", "Value"), 0)],
                [[a, b, c, d] for (a, b), (c, d) in zip(left, right, strict=True)], size=9)

    if info.map_image is not None:
        pages.heading(translate("WorkOrder", "Map"))
        pages.picture(info.map_image)
        pages.paragraph(translate("WorkOrder", "Red: drained section; orange dashed: cut off; numbered: valves to close in order; "
                            "blue dashed: crew route."), size=8, colour="#455a64")

    pages.heading(translate("WorkOrder", "1. Close these valves, in this order"))
    steps = response.reopening_checklist(network, run.engine, report, language=lang)
    pipes = response.valve_pipes(network, [v.valve_id for v in report.valves] + [st.valve_id for st in steps])
    rows = [[str(v.order), v.valve_id, v.location, pipe_text(pipes.get(v.valve_id)), _valve_coords(v.x, v.y),
             "" if math.isnan(v.dn) else f"{v.dn:.0f}", labels.value_label(v.valve_type) if v.valve_type else "",
             ""] for v in report.valves]
    pages.table([("#", 7), (translate("WorkOrder", "Valve"), 18), (translate("WorkOrder", "Location"), 50), (translate("WorkOrder", "Closes pipe"), 22),
                 (translate("WorkOrder", "X / Y (m)"), 23), (translate("WorkOrder", "DN"), 10), (translate("WorkOrder", "Type"), 17), (translate("WorkOrder", "Closed at"), 0)], rows, tick=True)
    if result.failed_valves:
        pages.paragraph(translate("WorkOrder", "Would not close (do not rely on them): %1").replace("%1", ", ".join(result.failed_valves)),
                        size=9, bold=True, colour="#b71c1c")
    if report.boundary_valves:
        pages.paragraph(translate("WorkOrder", "Already closed on the boundary — check they are closed and leave them: %1").replace(
            "%1", ", ".join(v.valve_id for v in report.boundary_valves)), size=9)
    if result.opened_valves:
        pages.paragraph(translate("WorkOrder", "Open these tie valves to back-feed customers (after the valves above are closed): %1")
                        .replace("%1", ", ".join(result.opened_valves)), size=9, bold=True, colour="#1b5e20")

    pages.heading(translate("WorkOrder", "2. After the repair: put every valve back"))
    pages.paragraph(translate("WorkOrder", "Valves left in the wrong position cause later outages. Refill and vent the section slowly, "
                        "then work down this list and tick each valve."), size=8.5, colour="#455a64")
    actions = {response.REOPEN: translate("WorkOrder", "Open fully"), response.CHECK_FAILED: translate("WorkOrder", "Check it is fully open; report for repair"),
               response.CLOSE_TIE: translate("WorkOrder", "Close again (tie valve)")}
    pages.table([(translate("WorkOrder", "Step"), 10), (translate("WorkOrder", "Valve"), 18), (translate("WorkOrder", "Action"), 31), (translate("WorkOrder", "Location"), 46),
                 (translate("WorkOrder", "Closes pipe"), 22), (translate("WorkOrder", "X / Y (m)"), 23), (translate("WorkOrder", "Done at"), 0)],
                [[str(st.step), st.valve_id, actions[st.action], st.location, pipe_text(pipes.get(st.valve_id)),
                  _valve_coords(st.x, st.y), ""] for st in steps], tick=True)

    pages.heading(translate("WorkOrder", "3. Time to cold and who to call first"))
    model = run.query.cooling()
    pages.paragraph(translate("WorkOrder", "Indoor temperature without heat: T(t) = T_out + (20 °C − T_out)·e^(−t/τ); hours to 18 °C = "
                        "τ·ln((20 − T_out)/(18 − T_out)). Outdoor temperature: %1 °C.").replace(
        "%1", f"{run.query.outdoor_temp_c:g}"), size=8.5)
    present = list(dict.fromkeys(report.customers["category"].tolist()))
    if present:
        rows = []
        for category in present:
            sub = report.customers[report.customers["category"] == category]
            tau = float(model.tau(category))
            rows.append([labels.value_label(category), f"{tau:.0f} h", format_hours(float(sub["hours_to_cold"].min())),
                         f"{len(sub):,}", f"{int(sub['households'].sum()):,}"])
        pages.table([(translate("WorkOrder", "Category"), 40), (translate("WorkOrder", "τ"), 20), (translate("WorkOrder", "Hours to 18 °C"), 30), (translate("WorkOrder", "Customers"), 25),
                     (translate("WorkOrder", "Households"), 0)], rows, size=8.5)
    call_first = report.customers["priority"] < OTHER_RANK  # priority categories, then vulnerable households
    first = report.customers[call_first].head(25)
    if len(first):
        pages.table([(translate("WorkOrder", "Customer"), 20), (translate("WorkOrder", "Name"), 42), (translate("WorkOrder", "Category"), 26), (translate("WorkOrder", "To 18 °C"), 17),
                     (translate("WorkOrder", "Phone"), 28), (translate("WorkOrder", "Address"), 0)],
                    [[c, n, labels.value_label(k) + ("" if not v else " · " + translate(
                        "WorkOrder", "%1 vulnerable households").replace("%1", f"{v:,}")), format_hours(h), ph, a]
                     for c, n, k, v, h, ph, a in zip(first["customer_id"], first["name"], first["category"],
                                                     first["vulnerable_households"], first["hours_to_cold"],
                                                     first["contact_phone"], first["address"], strict=True)],
                    size=8, tick=True)
        more = int(call_first.sum()) - len(first)
        if more > 0:
            pages.paragraph(translate("WorkOrder", "… and %1 more on the call list.").replace("%1", str(more)), size=8)
    pages.signatures([translate("WorkOrder", "Crew leader"), translate("WorkOrder", "Valves closed (time)"), translate("WorkOrder", "Valves reopened (time)")])


def cjk_raw_font(sample: str) -> QRawFont | None:
    """The font Qt falls back to for Chinese text: the first of FONT_FAMILIES that has ``sample``."""
    for family in FONT_FAMILIES:
        font = QFont()
        font.setFamily(family)
        raw = QRawFont.fromFont(font)
        if raw.isValid() and raw.familyName() == family and raw.supportsCharacter(sample):
            return raw
    return None


def radical_fixes(drawn: set[str]) -> dict[int, int]:
    """Radical code point → the ideograph drawn with the same glyph (人 drawn, ⼈ U+2F08 in the PDF's map)."""
    ideographs = sorted(c for c in drawn if 0x3400 <= ord(c) <= 0x9FFF)  # CJK unified ideographs
    raw = cjk_raw_font(ideographs[0]) if ideographs else None
    if raw is None:
        return {}
    glyph_of = {int(raw.glyphIndexesForString(c)[0]): ord(c) for c in ideographs}
    radicals = [chr(r) for r in RADICALS if raw.supportsCharacter(chr(r))]
    out = {}
    for r in radicals:
        glyph = int(raw.glyphIndexesForString(r)[0])
        if glyph and glyph in glyph_of:
            out[ord(r)] = glyph_of[glyph]
    return out


_CMAP_BLOCK = re.compile(rb"beginbf(range|char)(.*?)endbf(range|char)", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


def repair_text_mapping(path: Path, fixes: dict[int, int]) -> int:
    """Point the PDF fonts' text mapping (ToUnicode, written uncompressed by Qt) at the ideographs drawn
    instead of look-alike radicals, so copying and searching Chinese text works. Every code keeps its
    length, so the file's object offsets stay valid. Returns the number of codes changed."""
    if not fixes:
        return 0
    data = bytearray(path.read_bytes())
    changed = 0
    for block in _CMAP_BLOCK.finditer(bytes(data)):
        kind = block.group(1)
        for line_match in re.finditer(rb"[^\n]+", block.group(2)):
            codes = list(_HEX.finditer(line_match.group(0)))
            sources = 2 if kind == b"range" else 1  # <from> <to> [dest…] or <code> <dest>
            for code in codes[sources:]:
                value = int(code.group(1), 16)
                if value in fixes:
                    start = block.start(2) + line_match.start() + code.start(1)
                    data[start:start + 4] = f"{fixes[value]:04X}".encode()
                    changed += 1
    if changed:
        path.write_bytes(bytes(data))
    return changed


def write_work_order(path: str | os.PathLike[str], network, run: response.IncidentRun, info: WorkOrderInfo) -> Path:
    """The work order as a PDF (A4), written atomically."""
    path = Path(path)
    tmp = _temporary(path)
    try:
        writer = QPdfWriter(str(tmp))
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(0, 0, 0, 0)))
        writer.setResolution(300)
        writer.setTitle(translate("WorkOrder", "Work order %1").replace("%1", info.incident_id or ""))
        writer.setCreator("gisheat")
        pages = PageWriter(writer, dpi=300, footer=translate("WorkOrder", "gisheat work order %1").replace("%1", info.incident_id or ""))
        draw_work_order(pages, network, run, info)
        pages.finish()
        del writer  # flushes and closes the file
        if tmp.stat().st_size == 0:
            raise GisheatError(f"{path}: the PDF writer produced an empty file")
        repair_text_mapping(tmp, radical_fixes(pages.drawn))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def preview_work_order(network, run: response.IncidentRun, info: WorkOrderInfo, *, dpi: int = 90) -> list[QImage]:
    """The work order's pages as images (the same layout as the PDF)."""
    pages = PageWriter(None, dpi=dpi, footer=translate("WorkOrder", "gisheat work order %1").replace("%1", info.incident_id or ""))
    draw_work_order(pages, network, run, info)
    pages.finish()
    return pages.images


__all__ = ["write_work_order", "preview_work_order", "write_call_list", "write_result_layers", "map_snapshot",
           "WorkOrderInfo", "PageWriter", "notification_header"]
