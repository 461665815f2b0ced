"""Autosave/recovery: copies beside the file or in the cache, offered when newer, survive a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from gisheat.core import edits
from gisheat.io import gpkg, recovery
from gisheat.sample.handmade import make_network, pipe, valve


@pytest.fixture
def saved(tmp_path):
    net = make_network([pipe("a", [(0, 0), (100, 0)], note="东"), pipe("b", [(100, 0), (200, 0)])],
                       valves=[valve("v", (100, 0))])
    path = tmp_path / "net.gpkg"
    gpkg.save(net, path)
    return path


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GISHEAT_CACHE_DIR", str(folder))
    return folder / "recovery"


def test_copy_beside_the_file_is_offered_restored_and_discarded(saved, cache):
    net = gpkg.load(saved)
    edits.SetValues("pipes", (0,), "dn", (250,)).apply(net)
    state = (net.path, set(net.dirty), net.revision)
    written = recovery.write_recovery(net)
    assert written == saved.with_name(".net.recovery.gpkg")
    assert (net.path, net.dirty, net.revision) == state  # the network does not notice
    found = recovery.find_recovery(saved)
    assert found is not None and found.path == written and found.original == saved.resolve() and found.newer
    restored = recovery.restore(found)
    assert restored.path == saved.resolve() and restored.modified
    assert restored.pipes["dn"].tolist() == [250, 100]
    assert restored.pipes["note"].iloc[0] == "东" and "valves" in restored.layers
    gpkg.save(restored)
    recovery.discard(saved)
    assert recovery.find_recovery(saved, include_older=True) is None
    assert gpkg.load(saved).pipes["dn"].tolist() == [250, 100]
    assert sorted(p.name for p in saved.parent.iterdir() if p.name != "cache") == ["net.gpkg"]


def test_a_copy_older_than_the_file_is_not_offered(saved, cache):
    net = gpkg.load(saved)
    edits.SetValues("pipes", (0,), "dn", (250,)).apply(net)
    recovery.write_recovery(net)
    later = time.time() + 5
    os.utime(saved, (later, later))
    assert recovery.find_recovery(saved) is None
    stale = recovery.find_recovery(saved, include_older=True)
    assert stale is not None and not stale.newer


def test_unwritable_folder_and_untitled_networks_use_the_cache(saved, cache, monkeypatch):
    monkeypatch.setattr(recovery, "_writable", lambda folder: False)
    net = gpkg.load(saved)
    edits.SetValues("pipes", (1,), "network", ("secondary",)).apply(net)
    written = recovery.write_recovery(net)
    assert written.parent == cache and written.name.startswith("net-")
    assert recovery.find_recovery(saved).path == written
    untitled = make_network([pipe("x", [(0, 0), (5, 0)])])
    autosaver = recovery.Autosaver()
    first = autosaver.autosave(untitled)
    edits.SetValues("pipes", (0,), "dn", (80,)).apply(untitled)
    assert autosaver.autosave(untitled) == first  # one copy per session, rewritten
    listed = recovery.list_recoveries()
    assert [r.path for r in listed] and {r.original for r in listed} == {None, saved.resolve()}
    back = recovery.restore(first)
    assert back.path is None and back.pipes["dn"].tolist() == [80]


def test_autosaver_writes_only_when_changed_and_forgets_after_save(saved, cache):
    net = gpkg.load(saved)
    autosaver = recovery.Autosaver()
    assert autosaver.autosave(net) is None  # nothing changed
    edits.SetValues("pipes", (0,), "dn", (300,)).apply(net)
    path = autosaver.autosave(net)
    assert path is not None and autosaver.autosave(net) is None  # same revision: no rewrite
    gpkg.save(net)
    autosaver.saved(net)
    assert not path.exists() and recovery.find_recovery(saved, include_older=True) is None


def test_autosave_failure_is_recorded_not_raised(saved, cache, monkeypatch):
    net = gpkg.load(saved)
    edits.SetValues("pipes", (0,), "dn", (300,)).apply(net)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(gpkg, "write_layer", broken)
    autosaver = recovery.Autosaver()
    assert autosaver.autosave(net) is None
    assert autosaver.errors and "disk full" in autosaver.errors[0]


CHILD = textwrap.dedent(
    """
    import sys, time
    from gisheat.core import edits
    from gisheat.io import gpkg, recovery

    path, mode = sys.argv[1], sys.argv[2]
    net = gpkg.load(path)
    edits.SetValues("pipes", (0,), "dn", (321,)).apply(net)
    recovery.write_recovery(net)
    print("first", flush=True)
    edits.SetValues("pipes", (0,), "dn", (654,)).apply(net)
    edits.AddFeatures("pipes", [{"network": "primary", "dn": 50,
                                 "geometry": __import__("shapely").LineString([(0, 0), (0, 9)])}]).apply(net)

    def hang(*args, **kwargs):
        print("writing", flush=True)
        time.sleep(60)

    if mode == "before_replace":
        recovery.write_recovery(net, before_replace=hang)
    else:  # killed while a layer is half written
        original = gpkg.write_layer

        def slow(*args, **kwargs):
            original(*args, **kwargs)
            hang()

        gpkg.write_layer = slow
        recovery.write_recovery(net)
    """
)


@pytest.mark.parametrize("mode", ["before_replace", "mid_layer"])
def test_kill_mid_autosave_leaves_the_file_and_the_last_good_copy_usable(saved, cache, tmp_path, mode):
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    original = saved.read_bytes()
    child = subprocess.Popen([sys.executable, str(script), str(saved), mode], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "first"
        assert child.stdout.readline().strip() == "writing"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    assert saved.read_bytes() == original
    assert gpkg.load(saved).pipes["dn"].tolist() == [100, 100]
    found = recovery.find_recovery(saved)
    assert found is not None
    restored = recovery.restore(found)
    assert restored.pipes["dn"].tolist() == [321, 100]  # the last complete copy
    leftovers = [p for p in saved.parent.iterdir() if p.name.endswith(".saving.gpkg")]
    assert leftovers  # the killed write's temporary file; removed by a later autosave once stale
    old = time.time() - recovery.STALE_TEMPORARY_S - 60
    for p in leftovers:
        os.utime(p, (old, old))
    recovery.write_recovery(restored)
    assert not [p for p in saved.parent.iterdir() if p.name.endswith(".saving.gpkg")]


def test_restore_of_a_broken_copy_names_it(saved, cache):
    broken = saved.with_name(".net.recovery.gpkg")
    broken.write_bytes(b"not a geopackage")
    with pytest.raises(Exception, match=r"recovery copy .*\.net\.recovery\.gpkg cannot be read"):
        recovery.restore(broken)
    assert recovery.find_recovery(Path(saved)) is not None
