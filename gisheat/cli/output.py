"""Shared output for commands: one JSON document, aligned text tables, CSV files."""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from gisheat.core.network import Network
from gisheat.errors import GisheatError
from gisheat.io import gpkg


def positive_int(text: str) -> int:
    """argparse type for counts such as years: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


WARNINGS: list[str] = []
"""Warnings of the running command, printed on stderr once it has succeeded (a failing command prints its
one error line only, SPEC)."""


def load_network(path: str | os.PathLike[str], **options: Any) -> Network:
    """Load the network for a command; what loading changed or assumed (a layer reprojected) becomes a
    warning line, said on stderr when the command succeeds (stdout stays one JSON document with ``--json``)."""
    network = gpkg.load(path, **options)
    WARNINGS.extend(f"gisheat: warning: {path}: {note.layer}: {note.problem}" for note in network.notes)
    return network


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    return value


def print_json(document: Any) -> None:
    """Exactly one JSON document on stdout (UTF-8, ids as text)."""
    sys.stdout.write(json.dumps(_plain(document), ensure_ascii=False, indent=1))
    sys.stdout.write("\n")


def write_csv(path: str | os.PathLike[str], header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """Write a CSV atomically (UTF-8, header first)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise GisheatError(f"{path}: cannot write: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise GisheatError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow([_plain(v) for v in row])
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise GisheatError(f"{path}: cannot write ({exc.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def print_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_plain(v) for v in row])
