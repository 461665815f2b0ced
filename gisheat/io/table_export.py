"""Write report tables (a renewal plan, its progress) to CSV or an Excel workbook — atomically.

For people who open the result in Excel: CSV is UTF-8 *with* a byte-order
mark (Excel reads Chinese text correctly only then), numbers are written as
numbers, never as formatted text. An ``.xlsx`` gets one sheet per table, a
bold frozen header row, column widths that fit, and number formats per
column (``#,##0`` for money…). The file is written beside the target and
moved into place in one step, so an interrupted export never leaves half a
file and never destroys the previous one.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import math
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from gisheat.errors import InputError

FORMATS = (".csv", ".xlsx")
SHEET_NAME_CHARS = re.compile(r"[\[\]:*?/\\]")
MAX_COLUMN_WIDTH = 60


def export_tables(
    tables: Mapping[str, pd.DataFrame],
    path: str | os.PathLike[str],
    *,
    number_formats: Mapping[str, str] | None = None,
) -> Path:
    """Write ``tables`` (sheet name → frame) to ``path`` by its suffix.

    ``.xlsx``: every table on its own sheet, in order. ``.csv``: the first
    table only (a CSV holds one table). ``number_formats`` maps a column
    header to an Excel number format (used by ``.xlsx``).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{path}: cannot export to '{path.suffix or '(no suffix)'}'; use .csv or .xlsx")
    if not tables:
        raise InputError(f"{path}: nothing to export")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    with _replacing(path) as tmp:
        if suffix == ".csv":
            _write_csv(next(iter(tables.values())), tmp)
        else:
            _write_xlsx(tables, tmp, dict(number_formats or {}))
    return path


@contextlib.contextmanager
def _replacing(path: Path):
    """A temporary file beside ``path`` that replaces it when the block succeeds."""
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent if str(path.parent) else ".")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except PermissionError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({exc.strerror}; is the file open in another program?)") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def plain(value: Any) -> Any:
    """A cell value as Python: None for missing, int/float/str/date — never numpy or pandas types."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (np.floating, float)):
        value = float(value)
        return None if not math.isfinite(value) else value
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (dt.date, dt.datetime, int, str)):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _rows(frame: pd.DataFrame):
    columns = [frame[c].astype(object).to_numpy(dtype=object, na_value=None) if isinstance(frame[c].dtype, pd.ArrowDtype)
               else frame[c].to_numpy(dtype=object) for c in frame.columns]
    for k in range(len(frame)):
        yield [plain(col[k]) for col in columns]


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow([str(c) for c in frame.columns])
        for row in _rows(frame):
            writer.writerow(["" if v is None else v for v in row])


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (≤ 31 characters, none of []:*?/\\)."""
    base = SHEET_NAME_CHARS.sub("_", str(name)).strip("'") or "Sheet"
    title = base[:31]
    k = 2
    while title.lower() in taken:
        suffix = f" ({k})"
        title = base[: 31 - len(suffix)] + suffix
        k += 1
    taken.add(title.lower())
    return title


def _write_xlsx(tables: Mapping[str, pd.DataFrame], path: Path, number_formats: dict[str, str]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    taken: set[str] = set()
    bold = Font(bold=True)
    for name, frame in tables.items():
        sheet = book.create_sheet(title=sheet_title(name, taken))
        sheet.freeze_panes = "A2"
        headers = [str(c) for c in frame.columns]
        formats = [number_formats.get(h) for h in headers]
        widths = [max(8, min(MAX_COLUMN_WIDTH, _text_width(h) + 2)) for h in headers]
        rows = list(_rows(frame))
        for row in rows[:2000]:  # widths from the first rows: enough to fit, cheap on big plans
            for j, value in enumerate(row):
                if value is not None:
                    shown = f"{value:,.0f}" if isinstance(value, float) and formats[j] == "#,##0" else str(value)
                    widths[j] = max(widths[j], min(MAX_COLUMN_WIDTH, _text_width(shown) + 2))
        for j, width in enumerate(widths):
            sheet.column_dimensions[get_column_letter(j + 1)].width = width
        header_cells = []
        for h in headers:
            cell = WriteOnlyCell(sheet, value=h)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        formatted = [j for j, f in enumerate(formats) if f]
        for row in rows:
            if formatted:
                out: list[Any] = list(row)
                for j in formatted:
                    if isinstance(row[j], (int, float, dt.date)):
                        cell = WriteOnlyCell(sheet, value=row[j])
                        cell.number_format = formats[j]
                        out[j] = cell
                sheet.append(out)
            else:
                sheet.append(row)
    book.save(path)


def _text_width(text: str) -> int:
    """Rough column width in Excel units (CJK characters count double)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
