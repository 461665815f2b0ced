"""Translation areas: one Qt Linguist file per part of the UI.

Each area has ``resources/translations/<area>_<lang>.ts`` (sources) and the
compiled ``.qm``; the app loads every area's ``.qm`` for the chosen
language. Splitting by area lets work on separate screens proceed without
editing the same file. ``python -m gisheat.ui.translations`` (``make
translations``) re-extracts the strings of each area with pyside6-lupdate
and compiles them with pyside6-lrelease; ``python -m gisheat.ui.translations
renewal`` does one area only.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "gisheat" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)

AREAS = {"incident": "incident", "renewal": "renewal", "editing": "editing"}
"""Area name → sub-package of gisheat/ui with its own file; everything else belongs to 'gisheat'."""


def sources(area: str) -> list[Path]:
    """The UI source files whose strings belong to ``area``."""
    if area == "gisheat":
        own = {UI / sub for sub in AREAS.values()}
        return sorted(p for p in UI.rglob("*.py") if not any(d in p.parents for d in own))
    folder = UI / AREAS[area]
    return sorted(folder.rglob("*.py")) if folder.is_dir() else []


def areas() -> list[str]:
    """Areas that have source files."""
    return ["gisheat"] + [a for a in AREAS if sources(a)]


def ts_file(area: str, language: str) -> Path:
    return TRANSLATIONS / f"{area}_{language}.ts"


def qm_files(language: str) -> list[Path]:
    """Compiled files to load for ``language`` (the main one first)."""
    main = TRANSLATIONS / f"gisheat_{language}.qm"
    others = sorted(p for p in TRANSLATIONS.glob(f"*_{language}.qm") if p != main)
    return ([main] if main.exists() else []) + others


def update(bin_dir: Path | None = None, only: list[str] | None = None) -> None:
    """Re-extract each area's strings into its .ts (keeping translations) and compile the .qm.

    ``only`` limits the work to the named areas (so work on one screen leaves the others' files alone).
    """
    bin_dir = bin_dir or Path(sys.executable).parent
    for area in areas():
        if only and area not in only:
            continue
        files = [str(p) for p in sources(area)]
        for language in LANGUAGES:
            ts = ts_file(area, language)
            subprocess.run([str(bin_dir / "pyside6-lupdate"), "-no-obsolete", *files, "-ts", str(ts)], check=True)
            subprocess.run([str(bin_dir / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


if __name__ == "__main__":
    update(only=sys.argv[1:] or None)
