"""Bring features from Shapefile, GeoJSON, GeoPackage or CSV into a network layer.

The steps a user (or the import dialog) goes through:

1. :func:`open_source` reads the source file once (choose the layer of a
   multi-layer file; for CSV the x/y or WKT columns and the CRS).
2. :class:`ImportOptions` says which layer to fill and how: source field →
   schema field (``fields``), one value for all (``constants``), keep the
   other source fields as extra fields, DN in inches. :func:`suggest_mapping`
   proposes a mapping, :func:`check_options` refuses a mapping that cannot
   work (one line, before anything is read), :func:`preview` shows the first
   rows as they would be imported.
3. :func:`plan_import` maps, normalises ('PRIMARY' or '一次网' → 'primary',
   '是' → true, '6"' → DN 150), converts units, reprojects to the network's
   CRS and checks every feature against the schema. It returns the edit that
   adds the good features (apply it: it is undoable like any edit) and an
   :class:`ImportReport` with one line per feature that was left out and why.

Nothing here writes the network file; the caller saves it.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from gisheat.core import edits, schema
from gisheat.core.network import Network
from gisheat.errors import InputError

VECTOR_SUFFIXES = {".shp": "ESRI Shapefile", ".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GPKG"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
NEGATE = "not:"
"""Prefix of a source field whose boolean is inverted: ``not:valve_closed`` → ``normally_open``."""

X_NAMES = ("x", "easting", "lon", "lng", "longitude", "point_x", "coord_x", "横坐标", "经度")
Y_NAMES = ("y", "northing", "lat", "latitude", "point_y", "coord_y", "纵坐标", "纬度")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "shape")

STANDARD_DN = (6, 8, 10, 15, 20, 25, 32, 40, 50, 65, 80, 90, 100, 125, 150, 200, 250, 300, 350, 400,
               450, 500, 550, 600, 650, 700, 750, 800, 850, 900, 1000, 1050, 1100, 1200, 1300, 1400,
               1500, 1600, 1800, 2000)
"""Nominal diameters (mm) an inch size is snapped to."""

NPS_TO_DN = {
    Fraction(1, 8): 6, Fraction(1, 4): 8, Fraction(3, 8): 10, Fraction(1, 2): 15, Fraction(3, 4): 20,
    Fraction(1): 25, Fraction(5, 4): 32, Fraction(3, 2): 40, Fraction(2): 50, Fraction(5, 2): 65,
    Fraction(3): 80, Fraction(7, 2): 90, Fraction(4): 100, Fraction(5): 125, Fraction(6): 150,
    Fraction(8): 200, Fraction(10): 250, Fraction(12): 300,
}
"""Pipe sizes in inches (NPS) whose DN is not simply 25 × inches."""

VALUE_SYNONYMS: dict[str, dict[str, Any]] = {
    "network": {
        "一次网": "primary", "一次": "primary", "一级管网": "primary", "一级": "primary", "一网": "primary",
        "primary network": "primary", "transmission": "primary", "p": "primary", "1": "primary",
        "二次网": "secondary", "二次": "secondary", "二级管网": "secondary", "二级": "secondary", "二网": "secondary",
        "secondary network": "secondary", "distribution": "secondary", "s": "secondary", "2": "secondary",
    },
    "status": {
        "在用": "in_service", "运行": "in_service", "运行中": "in_service", "active": "in_service",
        "in use": "in_service", "operational": "in_service", "existing": "in_service",
        "废弃": "abandoned", "停用": "abandoned", "报废": "abandoned", "inactive": "abandoned",
        "removed": "abandoned", "规划": "planned", "拟建": "planned", "在建": "planned", "proposed": "planned",
    },
    "laying": {
        "直埋": "preinsulated_buried", "预制直埋": "preinsulated_buried", "地沟": "trench", "管沟": "trench",
        "架空": "overhead", "隧道": "tunnel", "综合管廊": "tunnel", "buried": "buried",
    },
    "material": {
        "钢": "steel", "钢管": "steel", "无缝钢管": "steel", "螺旋钢管": "steel",
        "预制保温管": "preinsulated_steel", "预制直埋保温管": "preinsulated_steel", "保温钢管": "preinsulated_steel",
        "球墨铸铁": "ductile_iron", "球墨铸铁管": "ductile_iron", "di": "ductile_iron",
    },
    "valve_type": {"闸阀": "gate", "蝶阀": "butterfly", "球阀": "ball", "截止阀": "globe"},
    "category": {
        "住宅": "residential", "居民": "residential", "小区": "residential", "医院": "hospital",
        "学校": "school", "幼儿园": "school", "养老院": "nursing_home", "敬老院": "nursing_home",
        "商业": "commercial", "工业": "industrial", "公建": "public", "公共建筑": "public", "机关": "public",
    },
    "kind": {"热电厂": "chp", "热电联产": "chp", "锅炉房": "boiler", "余热": "waste_heat",
             "工业余热": "waste_heat", "热泵": "heat_pump", "太阳能": "solar"},
    "normally_open": {"open": True, "常开": True, "closed": False, "常闭": False},
    "operable": {"ok": True, "good": True, "正常": True, "broken": False, "seized": False, "损坏": False},
}
"""Words found in utilities' data for the schema's values (matched case- and space-insensitively)."""

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "dn": ("dn", "dnom", "diameter", "dia", "nominal_diameter", "管径", "口径", "公称直径"),
    "material": ("material", "matcat_id", "mat", "材质", "管材"),
    "install_year": ("install_year", "year", "installed", "builtdate", "build_year", "建设年代", "敷设年代", "年代"),
    "length_m": ("length_m", "length", "shape_length", "长度"),
    "network": ("network", "level", "管网级别", "管网"),
    "laying": ("laying", "敷设方式"),
    "name": ("name", "名称"),
    "address": ("address", "地址"),
    "households": ("households", "户数"),
    "heated_area_m2": ("heated_area_m2", "area", "供热面积"),
    "category": ("category", "类型", "用户类型"),
}
"""Source field names proposed for schema fields (besides the same name)."""


# --- the source -------------------------------------------------------------------------


@dataclass
class Source:
    """A source layer read into memory, in its own CRS."""

    path: Path
    layer: str | None
    frame: pd.DataFrame
    """The attributes (and ``geometry`` when the source has one), index = feature labels' order."""
    crs: pyproj.CRS | None
    driver: str
    labels: list[str]
    """How each row is named in the report: 'feature 12' (its FID) or 'line 5' (CSV)."""
    geometry_problems: list[str | None] = field(default_factory=list)
    """Per row: why its geometry could not be read (bad x/y, bad WKT), or None."""
    crs_given: bool = False

    @property
    def fields(self) -> list[str]:
        return [c for c in self.frame.columns if c != "geometry"]

    @property
    def has_geometry(self) -> bool:
        return isinstance(self.frame, gpd.GeoDataFrame)

    @property
    def name(self) -> str:
        """How the report names the source: the file, and the layer of a multi-layer file."""
        return f"{self.path} (layer {self.layer})" if self.layer and self.driver == "GPKG" else str(self.path)


def source_layers(path: str | os.PathLike[str]) -> list[str]:
    """Layers of a source file (one for Shapefile, GeoJSON and CSV)."""
    path = Path(path)
    _require_file(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        return [path.stem]
    try:
        return [str(row[0]) for row in pyogrio.list_layers(path)]
    except Exception as exc:  # noqa: BLE001 - any reader failure: not a readable source
        raise InputError(f"{path}: cannot be read as a GIS file ({_first_line(exc)})") from None


def open_source(
    path: str | os.PathLike[str],
    *,
    layer: str | None = None,
    x: str | None = None,
    y: str | None = None,
    wkt: str | None = None,
    crs: Any = None,
    encoding: str | None = None,
) -> Source:
    """Read a source layer. ``crs`` overrides (or supplies) the source CRS.

    CSV: points from ``x``/``y`` columns (found by name when not given: x/y,
    lon/lat, easting/northing…) or lines and polygons from a ``wkt`` column;
    a CSV with neither is read as a table (for ``breaks``). Text is read as
    UTF-8, falling back to GB18030 (Excel exports on Chinese Windows).
    """
    path = Path(path)
    _require_file(path)
    given_crs = _parse_crs(crs) if crs is not None else None
    if path.suffix.lower() in CSV_SUFFIXES:
        return _open_csv(path, x=x, y=y, wkt=wkt, crs=given_crs, encoding=encoding)
    if x is not None or y is not None:
        raise InputError(f"{path}: --x/--y are for CSV files; this file has its own geometry")
    layers = source_layers(path)
    if layer is None:
        if len(layers) != 1:
            raise InputError(f"{path} has {len(layers)} layers ({', '.join(layers)}): choose one (--source-layer)")
        layer = layers[0]
    elif layer not in layers:
        raise InputError(f"{path} has no layer {layer!r} (layers: {', '.join(layers)})")
    try:
        info = pyogrio.read_info(path, layer=layer, encoding=encoding)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = pyogrio.read_dataframe(path, layer=layer, fid_as_index=True, encoding=encoding,
                                           use_arrow=True,
                                           arrow_to_pandas_kwargs={"types_mapper": pd.ArrowDtype})
    except Exception as exc:  # noqa: BLE001
        raise InputError(f"{path}: layer {layer} cannot be read ({_first_line(exc)})") from None
    driver = str(info.get("driver") or VECTOR_SUFFIXES.get(path.suffix.lower(), "unknown"))
    if isinstance(frame, gpd.GeoDataFrame):
        file_crs = frame.crs
        if frame.geometry.name != "geometry":
            frame = frame.rename_geometry("geometry")
        if info.get("geometry_type") in (None, "None") and frame.geometry.isna().all():
            frame = pd.DataFrame(frame.drop(columns="geometry"))
            file_crs = None
    else:
        file_crs = None
    fids = frame.index.tolist()
    labels = [f"feature {fid}" for fid in fids]
    frame = frame.reset_index(drop=True)
    source = Source(path=path, layer=layer, frame=frame, crs=given_crs or file_crs, driver=driver,
                    labels=labels, geometry_problems=[None] * len(frame), crs_given=given_crs is not None)
    return source


def _open_csv(path: Path, *, x: str | None, y: str | None, wkt: str | None, crs: pyproj.CRS | None,
              encoding: str | None) -> Source:
    sep = "\t" if path.suffix.lower() == ".tsv" else None
    text = None
    for enc in ([encoding] if encoding else ["utf-8-sig", "gb18030"]):
        try:
            text = pd.read_csv(path, dtype=str, keep_default_na=False, sep=sep, engine="python",
                               encoding=enc)
            break
        except UnicodeDecodeError:
            continue
        except Exception as exc:  # noqa: BLE001
            raise InputError(f"{path}: cannot be read as CSV ({_first_line(exc)})") from None
    if text is None:
        raise InputError(f"{path}: text is neither UTF-8 nor GB18030; give its encoding")
    text.columns = [str(c).strip() for c in text.columns]
    lower = {c.lower(): c for c in text.columns}
    labels = [f"line {i + 2}" for i in range(len(text))]
    problems: list[str | None] = [None] * len(text)
    for name, given in (("x", x), ("y", y), ("wkt", wkt)):
        if given is not None and given not in text.columns:
            raise InputError(f"{path}: no column {given!r} for {name} (columns: {', '.join(text.columns)})")
    if x is None and y is None and wkt is None:
        x = next((lower[n] for n in X_NAMES if n in lower), None)
        y = next((lower[n] for n in Y_NAMES if n in lower), None)
        if x is None or y is None:
            x = y = None
            wkt = next((lower[n] for n in WKT_NAMES if n in lower), None)
    elif (x is None) != (y is None):
        raise InputError(f"{path}: give both --x and --y")
    geometry = None
    if x is not None and y is not None:
        xs = pd.to_numeric(text[x].str.strip().str.replace(",", ".", regex=False), errors="coerce")
        ys = pd.to_numeric(text[y].str.strip().str.replace(",", ".", regex=False), errors="coerce")
        for i in np.flatnonzero((xs.isna() | ys.isna()).to_numpy()):
            bad = x if pd.isna(xs.iloc[i]) else y
            value = text[bad].iloc[i]
            problems[i] = f"{bad} {value!r} is not a number" if value.strip() else f"{bad} is empty"
        geometry = shapely.points(xs.to_numpy(dtype=float), ys.to_numpy(dtype=float))
        geometry[xs.isna().to_numpy() | ys.isna().to_numpy()] = None
        text = text.drop(columns=[x, y])
    elif wkt is not None:
        geometry = np.full(len(text), None, dtype=object)
        for i, value in enumerate(text[wkt].tolist()):
            if not value.strip():
                problems[i] = f"{wkt} is empty"
                continue
            try:
                geometry[i] = shapely.from_wkt(value)
            except shapely.errors.GEOSException:
                problems[i] = f"{wkt} {value[:40]!r} is not WKT geometry"
        text = text.drop(columns=[wkt])
    frame: pd.DataFrame = text.replace({"": None})
    frame = frame.apply(_typed_text_column)
    if geometry is not None:
        frame = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, index=frame.index), crs=crs)
    return Source(path=path, layer=path.stem, frame=frame, crs=crs, driver="CSV", labels=labels,
                  geometry_problems=problems, crs_given=crs is not None)


def _typed_text_column(column: pd.Series) -> pd.Series:
    """A CSV column of text as numbers when every filled cell is one (for kept extra fields)."""
    filled = column.dropna()
    if filled.empty:
        return column.astype(object)
    numbers = pd.to_numeric(filled, errors="coerce")
    if numbers.notna().all():
        whole = (numbers % 1 == 0).all() and not filled.str.contains(r"[.eE]").any()
        values = pd.to_numeric(column, errors="coerce")
        return values.astype("Int64" if whole else "Float64").astype(object).where(column.notna(), None)
    return column.astype(object)


# --- options ------------------------------------------------------------------------------


@dataclass
class ImportOptions:
    """What to import where: ``fields`` maps source field → target field.

    A source field written ``not:name`` inverts a boolean (Giswater's
    ``valve_closed`` → ``normally_open``). ``constants`` gives one value to
    every feature (``network='primary'``). ``keep_unmapped`` keeps the other
    source fields as extra fields under their own names (those named like a
    schema field of the layer must be mapped explicitly). ``dn_inches`` reads
    DN as inches and converts to the standard DN in mm.
    """

    layer: str
    fields: dict[str, str] = field(default_factory=dict)
    constants: dict[str, Any] = field(default_factory=dict)
    keep_unmapped: bool = False
    dn_inches: bool = False


def suggest_mapping(source: Source, layer: str) -> dict[str, str]:
    """Source field → schema field by same name or a common alias (case-insensitive)."""
    spec = _layer_spec(layer)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    lower = {f.lower(): f for f in source.fields}
    for f in spec.fields:
        candidates = (f.name, *FIELD_ALIASES.get(f.name, ()))
        if f.name == spec.id_field:
            stem = layer[:-1] if layer.endswith("s") else layer
            candidates = (f.name, "id", f"{stem}id", f"{stem}_code", "code", "编号", *candidates)
        for name in candidates:
            src = lower.get(name.lower())
            if src is not None and src not in mapping and f.name not in used:
                mapping[src] = f.name
                used.add(f.name)
                break
    return mapping


@dataclass
class _Plan:
    spec: schema.Layer
    fields: dict[str, str]
    negated: set[str]
    constants: dict[str, Any]
    extras: list[str]
    notes: list[str]


def check_options(network: Network, source: Source, options: ImportOptions) -> list[str]:
    """Refuse a mapping that cannot work (InputError, one line); return notes about it."""
    return _check_options(network, source, options).notes


def _check_options(network: Network, source: Source, options: ImportOptions) -> _Plan:
    spec = _layer_spec(options.layer)
    fields: dict[str, str] = {}
    negated: set[str] = set()
    for src, dst in options.fields.items():
        name = src[len(NEGATE):] if src.startswith(NEGATE) else src
        if name not in source.fields:
            raise InputError(f"{source.name}: no field {name!r} to map (fields: {', '.join(source.fields)})")
        dst = dst.strip()
        if not dst or dst == "geometry" or not re.fullmatch(r"[^\s\"'`]+", dst):
            raise InputError(f"--map {src}={dst}: {dst!r} cannot be a field name")
        if dst in fields.values():
            other = next(s for s, d in fields.items() if d == dst)
            raise InputError(f"--map: both {other} and {name} are mapped to {dst}")
        if src.startswith(NEGATE):
            kind = spec.field(dst).kind if dst in spec.field_names else schema.BOOLEAN
            if kind != schema.BOOLEAN:
                raise InputError(f"--map {src}={dst}: 'not:' only inverts yes/no fields; {dst} is {kind}")
            negated.add(name)
        fields[name] = dst
    constants: dict[str, Any] = {}
    for dst, value in options.constants.items():
        if dst in fields.values():
            src = next(s for s, d in fields.items() if d == dst)
            raise InputError(f"--set {dst}={value}: {dst} is also mapped from source field {src}")
        f = edits.field_spec(options.layer, dst, network.layers.get(options.layer), [value])
        normalised = normalise_value(f, value)
        reason = f.check(normalised)
        if reason:
            raise InputError(f"--set {dst}={value}: {reason}")
        constants[dst] = normalised
    covered = set(fields.values()) | set(constants)
    notes: list[str] = []
    for name, dst in fields.items():  # a typo in a field name must not pass as a new extra field unsaid
        if dst not in spec.field_names and dst != name:
            close = difflib.get_close_matches(dst, spec.field_names, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            notes.append(f"{name} → {dst}: {options.layer} has no field {dst}; kept as an extra field{hint}")
    for f in spec.fields:
        if not f.required or f.name in covered:
            continue
        if f.name == spec.id_field:
            notes.append(f"{f.name} not mapped: new ids are given")
            continue
        raise InputError(f"{options.layer} need {f.name}: map a source field to it (--map FIELD={f.name}) "
                         f"or give one value for all (--set {f.name}=VALUE)")
    if options.dn_inches and "dn" not in fields.values():
        raise InputError("--dn-inches: no source field is mapped to dn")
    extras: list[str] = []
    if options.keep_unmapped:
        for name in source.fields:
            if name in fields:
                continue
            if name in spec.field_names or name in constants:
                notes.append(f"source field {name} not kept: it has the name of a {options.layer} field; "
                             f"map it to import it (--map {name}={name})")
                continue
            extras.append(name)
    if spec.geometry is not None and not source.has_geometry:
        raise InputError(f"{source.name} has no geometry; {options.layer} need {spec.geometry} features"
                         + (" (give --x/--y or a WKT column)" if source.driver == "CSV" else ""))
    return _Plan(spec, fields, negated, constants, extras, notes)


# --- value normalisation -----------------------------------------------------------------------


def normalise_value(f: schema.Field, value: Any, *, dn_inches: bool = False) -> Any:
    """A source value as the schema wants it (synonyms, DN text, year of a date); unchanged if unknown.

    Whether the result is acceptable is :meth:`Field.check`'s business.
    """
    if schema.is_null(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if f.name == "dn" and f.kind == schema.INTEGER:
        return _dn_inches(value) if dn_inches else _dn_mm(value)
    if f.kind == schema.TEXT:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        synonyms = VALUE_SYNONYMS.get(f.name, {})
        key = " ".join(text.lower().replace("_", " ").replace("-", " ").split())
        if key in synonyms:
            return synonyms[key]
        if f.choices:
            canonical = edits.canonical_choice(f, text)
            return canonical
        return text
    if f.kind == schema.BOOLEAN:
        if isinstance(value, str):
            key = value.strip().lower()
            if key in VALUE_SYNONYMS.get(f.name, {}):
                return VALUE_SYNONYMS[f.name][key]
        return value
    if f.kind == schema.INTEGER and f.name.endswith("year") and isinstance(value, str) and not value.strip().isdigit():
        try:
            return pd.Timestamp(value.strip()).year
        except (ValueError, TypeError):
            return value
    if f.kind == schema.INTEGER and f.name.endswith("year") and hasattr(value, "year"):
        return value.year
    if f.kind in (schema.INTEGER, schema.REAL) and isinstance(value, str):
        text = value.strip()
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and math.isfinite(number) else number
    return value


_DN_TEXT = re.compile(r"^\s*(?:dn|φ|Φ|ø|Ø|phi)?\s*([0-9]+(?:\.[0-9]+)?)\s*(?:mm)?\s*$", re.IGNORECASE)
_INCH_TEXT = re.compile(
    r"""^\s*(?:(?P<whole>\d+(?:\.\d+)?)(?:\s*[-\s]\s*(?P<num>\d+)\s*/\s*(?P<den>\d+))?
         |(?P<fnum>\d+)\s*/\s*(?P<fden>\d+))
        \s*(?:"|''|in\.?|inch(?:es)?|英寸|寸)?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_VULGAR = {"½": "-1/2", "¼": "-1/4", "¾": "-3/4"}


def _dn_mm(value: Any) -> Any:
    """'DN150', '150mm', 'Φ150', 150.0 → 150; anything else unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        m = _DN_TEXT.match(value)
        if m:
            number = float(m.group(1))
            return int(number) if number.is_integer() else number
    return value


def _dn_inches(value: Any) -> Any:
    """An inch size (6, '6"', '1-1/2 in', '3/4', '1½') → the standard DN in mm, or an explanation."""
    inches = parse_inches(value)
    if inches is None:
        return value
    dn = dn_from_inches(inches)
    return dn if dn is not None else _NotStandard(value)


class _NotStandard(str):
    """A DN given in inches that matches no standard size (shown in the reason)."""

    def __new__(cls, value: Any) -> _NotStandard:
        return super().__new__(cls, f"{value} in")


def parse_inches(value: Any) -> Fraction | None:
    """Inches as a fraction: 6, 6.0, '6"', '1 1/2', '1-1/2 in', '3/4', '1½'; None when not a size."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else Fraction(value).limit_denominator(16)
    text = str(value).strip()
    for char, repl in _VULGAR.items():
        text = text.replace(char, repl)
    text = text.lstrip("-") if text.startswith("-") and not text[1:2].isdigit() else text
    m = _INCH_TEXT.match(text)
    if not m:
        return None
    if m.group("fnum"):
        den = int(m.group("fden"))
        return Fraction(int(m.group("fnum")), den) if den else None
    whole = Fraction(m.group("whole")).limit_denominator(16)
    if m.group("num"):
        den = int(m.group("den"))
        if not den:
            return None
        whole += Fraction(int(m.group("num")), den)
    return whole


def dn_from_inches(inches: Fraction | float) -> int | None:
    """The standard DN (mm) of a pipe size in inches: 6 → 150, 1½ → 40, 3/4 → 20; None if none fits."""
    inches = Fraction(inches).limit_denominator(16)
    if inches <= 0:
        return None
    if inches in NPS_TO_DN:
        return NPS_TO_DN[inches]
    nominal = float(inches) * 25 if inches >= 4 else float(inches) * 25.4
    best = min(STANDARD_DN, key=lambda dn: abs(dn - nominal))
    return best if abs(best - nominal) <= 0.06 * nominal else None


# --- planning ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    """One source feature that was not imported, and why."""

    source: str
    feature: str
    problem: str

    def line(self) -> str:
        return f"{self.source}: {self.feature}: {self.problem}"

    def as_dict(self) -> dict[str, str]:
        return {"source": self.source, "feature": self.feature, "problem": self.problem}


@dataclass
class ImportReport:
    """What an import did: counts, the features left out (one line each) and notes."""

    source: str
    layer: str
    read: int = 0
    imported: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)
    """Ids of the imported features, in order (after the edit was applied)."""

    def lines(self) -> list[str]:
        return [s.line() for s in self.skipped]

    def summary(self) -> str:
        noun = edits.SINGULAR.get(self.layer, "feature")
        return (f"{self.source}: {self.imported} of {self.read} features imported into {self.layer}"
                f"{'' if not self.skipped else f'; {len(self.skipped)} left out'}"
                if self.read else f"{self.source}: no {noun} to import")

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source, "layer": self.layer, "read": self.read, "imported": self.imported,
            "skipped": [s.as_dict() for s in self.skipped], "notes": list(self.notes),
            "mapping": dict(self.mapping),
        }


@dataclass
class ImportPlan:
    """The edit that adds the good features, and the report (``edit`` is None when none is good)."""

    edit: edits.Edit | None
    report: ImportReport
    rows: pd.DataFrame
    """The features as they will be added (target fields + geometry), for previews."""


def preview(network: Network, source: Source, options: ImportOptions, n: int = 10) -> pd.DataFrame:
    """The first ``n`` source rows as they would be imported, with a ``problem`` column ('' when fine)."""
    head = Source(path=source.path, layer=source.layer, frame=source.frame.iloc[:n], crs=source.crs,
                  driver=source.driver, labels=source.labels[:n], geometry_problems=source.geometry_problems[:n],
                  crs_given=source.crs_given)
    mapped, reasons, _ = _map_rows(network, head, options, _check_options(network, head, options))
    out = pd.DataFrame(mapped.drop(columns="geometry", errors="ignore"))
    out.insert(0, "source", head.labels)
    out["problem"] = ["; ".join(r) for r in reasons]
    return out


def plan_import(network: Network, source: Source, options: ImportOptions) -> ImportPlan:
    """Map, normalise, reproject and check every source feature; see the module docstring."""
    plan = _check_options(network, source, options)
    mapped, reasons, notes = _map_rows(network, source, options, plan)
    report = ImportReport(source=source.name, layer=options.layer, read=len(source.frame),
                          notes=plan.notes + notes,
                          mapping={**{k.strip(): v.strip() for k, v in options.fields.items()},
                                   **{k: f"={v}" for k, v in plan.constants.items()}})
    good = np.array([not r for r in reasons], dtype=bool)
    for i in np.flatnonzero(~good):
        report.skipped.append(Skipped(source.name, _label(source, mapped, plan.spec, i), "; ".join(reasons[i])))
    rows = mapped.iloc[np.flatnonzero(good)]
    report.imported = len(rows)
    if not len(rows):
        return ImportPlan(None, report, rows)
    noun = edits.SINGULAR.get(options.layer, "feature")
    description = f"Import {len(rows)} {noun}{'s' if len(rows) != 1 else ''} from {source.path.name}"
    edit = edits.AddFeatures(options.layer, rows.reset_index(drop=True), description=description)
    return ImportPlan(edit, report, rows)


def import_features(network: Network, source: Source, options: ImportOptions) -> tuple[edits.Edit | None, ImportReport]:
    """Plan and apply an import; return the inverse edit (None when nothing was imported) and the report."""
    plan = plan_import(network, source, options)
    if plan.edit is None:
        return None, plan.report
    n_before = len(network.layer(options.layer))
    inverse = plan.edit.apply(network)
    spec = schema.LAYERS[options.layer]
    if spec.id_field:
        plan.report.ids = schema.text_column(network.layer(options.layer).iloc[n_before:], spec.id_field).tolist()
    return inverse, plan.report


def _label(source: Source, mapped: pd.DataFrame, spec: schema.Layer, i: int) -> str:
    label = source.labels[i]
    if spec.id_field and spec.id_field in mapped.columns:
        fid = mapped[spec.id_field].iloc[i]
        if not schema.is_null(fid):
            label += f" ({spec.id_field} {fid})"
    return label


def _map_rows(network: Network, source: Source, options: ImportOptions, plan: _Plan
              ) -> tuple[pd.DataFrame, list[list[str]], list[str]]:
    """Target columns for every source row, and the reasons (possibly several) each row fails."""
    n = len(source.frame)
    reasons: list[list[str]] = [[] for _ in range(n)]
    notes: list[str] = []
    target = network.layers.get(options.layer)
    columns: dict[str, list[Any]] = {}

    for src, dst in plan.fields.items():
        f = edits.field_spec(options.layer, dst, target, source.frame[src].head(50).tolist())
        checked, why = _convert_column(f, source.frame[src], negate=src in plan.negated,
                                       dn_inches=options.dn_inches and dst == "dn")
        for i, reason in enumerate(why):
            if reason:
                reasons[i].append(reason)
        columns[dst] = checked
    for dst, value in plan.constants.items():
        f = edits.field_spec(options.layer, dst, target, [value])
        columns[dst] = [schema.coerce(f.kind, value)] * n
    for name in plan.extras:
        values = source.frame[name].astype(object).where(source.frame[name].notna(), None).tolist()
        f = edits.field_spec(options.layer, name, target, values[:50])
        checked, why = edits.check_column(f, values)
        for i, reason in enumerate(why):
            if reason:
                reasons[i].append(reason)
        columns[name] = checked

    # ids: unique within the source and new to the network
    id_field = plan.spec.id_field
    if id_field and id_field in columns:
        existing = (edits.ids_in_use(target, id_field, [v for v in columns[id_field] if v is not None])
                    if target is not None else set())
        first_seen: dict[str, int] = {}
        for i, fid in enumerate(columns[id_field]):
            if fid is None:
                continue
            if fid in existing:
                reasons[i].append(f"{id_field} {fid!r} is already in the network")
            elif fid in first_seen:
                reasons[i].append(f"{id_field} {fid!r} appears twice in the source "
                                  f"(first at {source.labels[first_seen[fid]]})")
            else:
                first_seen[fid] = i
    mapped = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()}, index=pd.RangeIndex(n))

    if plan.spec.geometry is not None:
        geoms, geo_reasons, geo_notes = _target_geometry(network, source, plan.spec)
        notes.extend(geo_notes)
        for i, reason in enumerate(geo_reasons):
            if reason:
                reasons[i].insert(0, reason)
        mapped = gpd.GeoDataFrame(mapped, geometry=gpd.GeoSeries(geoms, index=mapped.index, crs=network.crs),
                                  crs=network.crs)
    return mapped, reasons, notes


def _convert_column(f: schema.Field, column: pd.Series, *, negate: bool, dn_inches: bool
                    ) -> tuple[list[Any], list[str | None]]:
    """Normalise and check a source column, once per distinct value; values and reasons per row."""
    codes, uniques = pd.factorize(column.astype(object), use_na_sentinel=True)
    raw = [edits._plain(u) for u in uniques]
    if negate:
        raw = [_negate(v) for v in raw]
    if f.kind == schema.TEXT and not f.choices and f.name not in VALUE_SYNONYMS:
        normalised = [v.strip() if isinstance(v, str) else
                      str(int(v)) if isinstance(v, float) and v.is_integer() else v for v in raw]
    else:
        normalised = [normalise_value(f, v, dn_inches=dn_inches) for v in raw]
    checked, why = edits.check_column(f, normalised)
    if dn_inches:
        why = [reason if not reason or not reason.startswith(f"{f.name} ") else
               (f"{f.name} {value!r} in matches no standard DN" if isinstance(norm, _NotStandard)
                else f"{f.name} {value!r} is not a pipe size in inches")
               for reason, value, norm in zip(why, raw, normalised, strict=True)]
    null_reason = f.check(None)
    return ([None if c < 0 else checked[c] for c in codes],
            [null_reason if c < 0 else why[c] for c in codes])


def _negate(value: Any) -> Any:
    if schema.is_null(value):
        return None
    try:
        return not schema.coerce(schema.BOOLEAN, value)
    except (TypeError, ValueError):
        return value


def _target_geometry(network: Network, source: Source, spec: schema.Layer
                     ) -> tuple[np.ndarray, list[str | None], list[str]]:
    """Source geometries as the layer wants them, in the network CRS; a reason per bad row."""
    n = len(source.frame)
    notes: list[str] = []
    reasons: list[str | None] = list(source.geometry_problems) or [None] * n
    geoms = np.asarray(source.frame.geometry.array, dtype=object).copy()
    missing = shapely.is_missing(geoms)
    present = ~missing
    # single-part multi-geometries are plain ones; Z is dropped (the network is 2-D)
    type_ids = shapely.get_type_id(geoms)
    single = np.isin(type_ids, (4, 5, 6)) & (shapely.get_num_geometries(geoms) == 1)
    if single.any():
        geoms[single] = shapely.get_geometry(geoms[single], 0)
    if present.any() and shapely.has_z(geoms[present]).any():
        geoms[present] = shapely.force_2d(geoms[present])
        notes.append("z coordinates dropped")
    wanted = spec.geometry
    allowed = {wanted} | ({f"Multi{wanted}"} if spec.multi_ok else set())
    names = {0: "Point", 1: "LineString", 2: "LinearRing", 3: "Polygon", 4: "MultiPoint", 5: "MultiLineString",
             6: "MultiPolygon", 7: "GeometryCollection"}
    types = np.array([names.get(int(t)) for t in shapely.get_type_id(geoms)], dtype=object)
    ok_type = np.isin(types, list(allowed))
    if present.any() and not ok_type[present].any():
        found = ", ".join(sorted({t for t in types[present] if t}))
        raise InputError(f"{source.name} has {found} features; {spec.name} need {wanted} features")

    # CRS
    target_crs = network.crs
    src_crs = source.crs
    if src_crs is None:
        coords = shapely.get_coordinates(geoms[present]) if present.any() else np.empty((0, 2))
        looks_lonlat = len(coords) and np.abs(coords[:, 0]).max() <= 180 and np.abs(coords[:, 1]).max() <= 90
        if target_crs is not None and target_crs.is_projected and looks_lonlat:
            raise InputError(f"{source.name} has no CRS and its coordinates look like longitude/latitude; "
                             "give the source CRS (--source-crs EPSG:4326)")
        if target_crs is not None:
            notes.append(f"{source.name} has no CRS; coordinates taken as {_crs_name(target_crs)}")
    elif target_crs is not None and not src_crs.equals(target_crs):
        try:
            transformed = gpd.GeoSeries(geoms, crs=src_crs).to_crs(target_crs)
        except Exception as exc:  # noqa: BLE001
            raise InputError(f"{source.name}: cannot reproject from {_crs_name(src_crs)} to "
                             f"{_crs_name(target_crs)} ({_first_line(exc)})") from None
        geoms = np.asarray(transformed.array, dtype=object)
        notes.append(f"reprojected from {_crs_name(src_crs)} to {_crs_name(target_crs)}")
    elif target_crs is None and src_crs is not None:
        notes.append(f"the network has no CRS; coordinates kept in {_crs_name(src_crs)}")

    checks = edits.geometry_problems(spec.name, geoms)
    for i in range(n):
        if reasons[i]:
            continue
        g = geoms[i]
        if g is None:
            reasons[i] = "no geometry"
        elif not ok_type[i]:
            if types[i] and types[i].startswith("Multi") and types[i][5:] == wanted:
                reasons[i] = f"geometry is a {types[i]} of {shapely.get_num_geometries(g)} parts; {spec.name} need one {wanted} each"
            else:
                reasons[i] = f"geometry is a {types[i]}, not a {wanted}"
        else:
            reasons[i] = checks[i]
    _far_away_note(network, geoms, notes)
    return geoms, reasons, notes


def _far_away_note(network: Network, geoms: np.ndarray, notes: list[str]) -> None:
    """Warn when imported features lie nowhere near the network (a wrong CRS, usually)."""
    pipes = network.layers.get("pipes")
    ok = ~shapely.is_missing(geoms)
    if pipes is None or len(pipes) == 0 or not ok.any() or not isinstance(pipes, gpd.GeoDataFrame):
        return
    x0, y0, x1, y1 = pipes.total_bounds
    if not np.all(np.isfinite([x0, y0, x1, y1])):
        return
    bx0, by0, bx1, by1 = shapely.total_bounds(geoms[ok])
    size = max(x1 - x0, y1 - y0, 1000.0)
    gap = max(bx0 - x1, x0 - bx1, by0 - y1, y0 - by1, 0.0)
    if gap > size:
        notes.append(f"the imported features lie {gap / 1000:.0f} km away from the network: check the source CRS")


# --- small helpers ------------------------------------------------------------------------


def _layer_spec(layer: str) -> schema.Layer:
    spec = schema.LAYERS.get(layer)
    if spec is None:
        raise InputError(f"unknown layer {layer!r} (layers: {', '.join(schema.LAYERS)})")
    return spec


def _require_file(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")


def _parse_crs(value: Any) -> pyproj.CRS:
    try:
        return pyproj.CRS.from_user_input(value)
    except pyproj.exceptions.CRSError:
        raise InputError(f"{value!r} is not a CRS (try EPSG:4547)") from None


def _crs_name(crs: pyproj.CRS) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


__all__ = [
    "ImportOptions", "ImportPlan", "ImportReport", "Skipped", "Source", "check_options", "dn_from_inches",
    "import_features", "normalise_value", "open_source", "parse_inches", "plan_import", "preview",
    "source_layers", "suggest_mapping",
]
