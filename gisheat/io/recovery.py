"""Autosave and crash recovery: a recovery copy of a modified network, offered on the next open.

While a network has unsaved changes, :class:`Autosaver` (or
:func:`write_recovery`) writes a complete copy of it beside the file as
``.<name>.recovery.gpkg`` — or, when that folder cannot be written or the
network was never saved, in a per-user cache folder (with a small
``.json`` note saying which file it belongs to). The copy is written with
:func:`gisheat.io.gpkg.save` (a temporary file replaced in one step), so a
crash or kill mid-autosave leaves both the network file and the previous
recovery copy intact. On open, :func:`find_recovery` reports a copy newer
than the file; :func:`restore` loads it as a modified network of that file;
after a successful save :func:`discard` removes it.

Writing a copy never changes the network (path, dirty layers, revision).
Edits never mutate frames in place, so a :func:`snapshot` taken on the GUI
thread can be written from a worker thread while the user keeps editing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gisheat.core.network import Network
from gisheat.errors import NetworkFileError
from gisheat.io import gpkg

SUFFIX = ".recovery.gpkg"
NOTE_SUFFIX = ".json"
STALE_TEMPORARY_S = 600.0
"""Temporary files of an autosave older than this were left by a killed process and are removed."""


@dataclass(frozen=True)
class Recovery:
    """A recovery copy found on disk."""

    path: Path
    original: Path | None
    """The network file it belongs to; None for a network that was never saved."""
    written: dt.datetime
    newer: bool
    """True when it is newer than the original file (or the file is gone): worth offering."""


def cache_dir() -> Path:
    """Per-user folder for recovery copies (``GISHEAT_CACHE_DIR`` overrides it)."""
    override = os.environ.get("GISHEAT_CACHE_DIR")
    if override:
        return Path(override) / "recovery"
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "gisheat" / "recovery"


def beside_path(original: Path) -> Path:
    """``.<name>.recovery.gpkg`` in the file's own folder."""
    original = Path(original)
    return original.with_name(f".{original.stem}{SUFFIX}")


def cached_path(original: Path | None, *, folder: Path | None = None) -> Path:
    """The copy's place in the cache folder: named after the file plus a hash of its full path."""
    folder = folder or cache_dir()
    if original is None:
        return folder / f"untitled-{uuid.uuid4().hex[:10]}{SUFFIX}"
    original = Path(original).resolve()
    digest = hashlib.sha1(str(original).encode("utf-8")).hexdigest()[:10]
    return folder / f"{original.stem}-{digest}{SUFFIX}"


def recovery_path(original: Path | None, *, folder: Path | None = None) -> Path:
    """Where the recovery copy of ``original`` goes: beside it when its folder is writable."""
    if original is not None and _writable(Path(original).resolve().parent):
        return beside_path(Path(original).resolve())
    return cached_path(original, folder=folder)


def snapshot(network: Network) -> Network:
    """A shallow copy of ``network`` to write elsewhere (its frames are never mutated by edits)."""
    return Network(layers=dict(network.layers), crs=network.crs, path=network.path, info=dict(network.info),
                   notes=list(network.notes), dirty=set(network.dirty), revision=network.revision)


def write_recovery(
    network: Network,
    *,
    target: Path | None = None,
    folder: Path | None = None,
    before_replace: Callable[[Path], None] | None = None,
) -> Path:
    """Write a complete recovery copy of ``network`` atomically and return its path.

    Only the changed layers are written (the rest is copied from the file);
    ``network`` itself is left as it was. ``before_replace`` is a test hook.
    """
    shadow = snapshot(network)
    target = target or recovery_path(network.path, folder=folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(target)
    gpkg.save(shadow, target, before_replace=before_replace)
    _write_note(target, network)
    return target


def find_recovery(original: str | os.PathLike[str], *, folder: Path | None = None,
                  include_older: bool = False) -> Recovery | None:
    """The newest recovery copy of ``original`` that is newer than the file (None when there is none)."""
    original = Path(original).resolve()
    found = []
    for candidate in (beside_path(original), cached_path(original, folder=folder)):
        if candidate.exists():
            found.append(_describe(candidate, original))
    if not include_older:
        found = [r for r in found if r.newer]
    return max(found, key=lambda r: r.written, default=None)


def list_recoveries(*, folder: Path | None = None) -> list[Recovery]:
    """Every recovery copy in the cache folder (untitled networks included), newest first."""
    folder = folder or cache_dir()
    if not folder.exists():
        return []
    out = []
    for path in folder.glob(f"*{SUFFIX}"):
        note = _read_note(path)
        original = Path(note["original"]) if note.get("original") else None
        out.append(_describe(path, original))
    return sorted(out, key=lambda r: r.written, reverse=True)


def restore(recovery: Recovery | str | os.PathLike[str]) -> Network:
    """Load a recovery copy as the network of its original file, with every layer marked changed."""
    if not isinstance(recovery, Recovery):
        path = Path(recovery)
        note = _read_note(path)
        recovery = _describe(path, Path(note["original"]) if note.get("original") else None)
    try:
        network = gpkg.load(recovery.path)
    except NetworkFileError as exc:
        raise NetworkFileError(f"recovery copy {recovery.path} cannot be read ({exc})") from None
    network.path = recovery.original
    network.dirty = set(network.layers)
    network.revision += 1
    return network


def discard(original: str | os.PathLike[str] | Recovery | None, *, folder: Path | None = None) -> None:
    """Remove the recovery copies of ``original`` (call after a successful save or a refused offer)."""
    if isinstance(original, Recovery):
        paths = [original.path]
        if original.original is not None:
            paths += [beside_path(original.original.resolve()), cached_path(original.original, folder=folder)]
    elif original is None:
        return
    else:
        resolved = Path(original).resolve()
        paths = [beside_path(resolved), cached_path(resolved, folder=folder)]
    for path in paths:
        for leftover in (path, _note_path(path)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


@dataclass
class Autosaver:
    """Writes a recovery copy when the network changed since the last one; forgets it after a save.

    The UI calls :meth:`autosave` from a timer (or :meth:`take` on the GUI
    thread and :meth:`write` in a worker), and :meth:`saved` after each save.
    """

    folder: Path | None = None
    last_revision: int = -1
    path: Path | None = None
    errors: list[str] = field(default_factory=list)

    def due(self, network: Network) -> bool:
        return network.modified and network.revision != self.last_revision

    def take(self, network: Network) -> Network | None:
        """A snapshot to write, or None when nothing changed since the last copy."""
        return snapshot(network) if self.due(network) else None

    def write(self, shot: Network) -> Path | None:
        """Write a snapshot; failures are recorded (an autosave must not stop the user)."""
        target = self.path if self.path is not None and shot.path is None else None
        try:
            self.path = write_recovery(shot, target=target, folder=self.folder)
        except (NetworkFileError, OSError) as exc:
            self.errors.append(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            return None
        self.last_revision = shot.revision
        return self.path

    def autosave(self, network: Network) -> Path | None:
        shot = self.take(network)
        return self.write(shot) if shot is not None else None

    def saved(self, network: Network) -> None:
        """The network was saved: its recovery copies are obsolete."""
        if self.path is not None and network.path is not None and self.path != recovery_path(network.path, folder=self.folder):
            discard(Recovery(self.path, None, dt.datetime.now(), False))
        discard(network.path, folder=self.folder)
        self.path = None
        self.last_revision = network.revision


# --- helpers --------------------------------------------------------------------------------


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def _describe(path: Path, original: Path | None) -> Recovery:
    written = path.stat().st_mtime
    newer = True
    if original is not None and original.exists():
        newer = written > original.stat().st_mtime
    return Recovery(path=path, original=original, written=dt.datetime.fromtimestamp(written), newer=newer)


def _note_path(path: Path) -> Path:
    return path.with_name(path.name + NOTE_SUFFIX)


def _write_note(target: Path, network: Network) -> None:
    note = {
        "original": str(network.path.resolve()) if network.path is not None else None,
        "written": dt.datetime.now().isoformat(timespec="seconds"),
        "revision": network.revision,
        "layers": sorted(network.dirty),
    }
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(note, handle, ensure_ascii=False)
        os.replace(tmp, _note_path(target))
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _read_note(path: Path) -> dict:
    try:
        return json.loads(_note_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        if path.name.startswith(".") and path.name.endswith(SUFFIX):
            return {"original": str(path.with_name(path.name[1 : -len(SUFFIX)] + ".gpkg"))}
        return {}


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files of an autosave killed long ago (gpkg.save's ``.<stem>.*.saving.gpkg``)."""
    now = time.time()
    for leftover in target.parent.glob(f".{target.stem}.*.saving.gpkg"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_TEMPORARY_S:
                leftover.unlink()
