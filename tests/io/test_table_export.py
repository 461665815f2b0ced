"""Report tables to CSV (UTF-8 with BOM, for Excel) and XLSX: atomic, numbers stay numbers."""

from __future__ import annotations

import csv
import datetime as dt

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from gisheat.errors import InputError
from gisheat.io.table_export import export_tables, sheet_title


@pytest.fixture
def frames():
    pipes = pd.DataFrame({
        "管线": pd.Series(["P1", "P2", None], dtype=pd.ArrowDtype(__import__("pyarrow").string())),
        "Year": [2026, 2027, 2027],
        "Cost (¥)": [1_234_567.0, np.nan, 3.5],
        "Completed on": [dt.date(2026, 9, 30), None, None],
    })
    years = pd.DataFrame({"Year": [2026, 2027], "Budget": [5e6, 5e6]})
    return {"Pipes": pipes, "Per year": years}


def test_csv_has_a_bom_and_the_first_table(tmp_path, frames):
    path = export_tables(frames, tmp_path / "plan.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["管线", "Year", "Cost (¥)", "Completed on"]
    assert rows[1] == ["P1", "2026", "1234567.0", "2026-09-30"]
    assert rows[2] == ["P2", "2027", "", ""]
    assert rows[3] == ["", "2027", "3.5", ""]


def test_xlsx_sheets_numbers_and_formats(tmp_path, frames):
    path = export_tables(frames, tmp_path / "plan.xlsx", number_formats={"Cost (¥)": "#,##0", "Budget": "#,##0"})
    book = load_workbook(path)
    assert book.sheetnames == ["Pipes", "Per year"]
    sheet = book["Pipes"]
    assert [c.value for c in sheet[1]] == ["管线", "Year", "Cost (¥)", "Completed on"]
    assert sheet["A2"].value == "P1" and sheet["B2"].value == 2026 and sheet["C2"].value == 1_234_567.0
    assert sheet["C2"].number_format == "#,##0"
    assert sheet["D2"].value.date() == dt.date(2026, 9, 30)
    assert sheet["C3"].value is None and sheet["A4"].value is None
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert book["Per year"]["B3"].value == 5e6


def test_export_replaces_atomically_and_keeps_the_old_file_on_failure(tmp_path, frames, monkeypatch):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"old")
    import gisheat.io.table_export as module

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "_write_xlsx", broken)
    with pytest.raises(InputError, match="plan.xlsx: cannot write"):
        export_tables(frames, path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]  # no temporary left behind


def test_bad_targets_are_one_line_errors(tmp_path, frames):
    with pytest.raises(InputError, match="use .csv or .xlsx"):
        export_tables(frames, tmp_path / "plan.ods")
    with pytest.raises(InputError, match="does not exist"):
        export_tables(frames, tmp_path / "missing" / "plan.csv")


def test_sheet_titles_are_valid_and_unique():
    taken: set[str] = set()
    assert sheet_title("Per year: km/money?", taken) == "Per year_ km_money_"
    assert sheet_title("A" * 40, taken) == "A" * 31
    assert sheet_title("A" * 40, taken) == "A" * 27 + " (2)"
