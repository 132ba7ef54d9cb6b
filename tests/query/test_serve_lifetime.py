"""Issue 16: a SIGKILLed `kg serve` leaves no Oxigraph server behind, and its temporary store is
reclaimed by the next `kg serve`."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.query.serve import LOCK_NAME, TEMP_PREFIX, reclaim_stale_locations, server_location

from .conftest import ROOT, free_port

pytestmark = [pytest.mark.slow, pytest.mark.endpoint,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")]


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        out += [int(x) for x in task.read_text().split()]
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_kg_serve(built: Path, port: int, tmpdir: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(built), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "TMPDIR": str(tmpdir), "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 180
    while not listening(port):
        assert proc.poll() is None, proc.stderr.read().decode()[:500]   # type: ignore[union-attr]
        assert time.monotonic() < deadline, "kg serve did not start listening"
        time.sleep(0.2)
    return proc


def wait_until(condition, seconds: float = 60) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def test_a_sigkilled_kg_serve_takes_its_server_along_and_its_store_is_reclaimed(built, tmp_path):
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    port = free_port()
    first = start_kg_serve(built, port, tmpdir)
    try:
        servers = children(first.pid)
        assert servers, "kg serve runs oxigraph as its child"
        stores = sorted(tmpdir.glob(f"{TEMP_PREFIX}*"))
        assert len(stores) == 1 and (stores[0] / LOCK_NAME).is_file()
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        assert wait_until(lambda: not listening(port)), "the server still listens after its kg serve died"
        assert wait_until(lambda: not any(alive(p) for p in servers)), "the oxigraph child survived"
        assert stores[0].exists(), "a SIGKILLed process cleans nothing up itself"
    finally:
        if first.poll() is None:
            first.kill()
    port2 = free_port()
    second = start_kg_serve(built, port2, tmpdir)
    try:
        assert not stores[0].exists(), "the next kg serve reclaims the dead run's store"
        assert len(list(tmpdir.glob(f"{TEMP_PREFIX}*"))) == 1          # its own, locked
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    assert wait_until(lambda: not listening(port2))
    assert list(tmpdir.glob(f"{TEMP_PREFIX}*")) == [], "a stopped kg serve removes its own store"


def test_a_live_store_is_not_reclaimed_and_a_stale_one_is(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = tmp_path / f"{TEMP_PREFIX}dead"
    (stale / "store").mkdir(parents=True)
    (stale / LOCK_NAME).touch()                         # a lock file nobody holds: its process is gone
    unlocked = tmp_path / f"{TEMP_PREFIX}starting"
    unlocked.mkdir()                                    # no lock file yet: not ours to judge
    with server_location(None) as live:
        assert not stale.exists() and unlocked.is_dir()
        assert reclaim_stale_locations(tmp_path) == [] and live.parent.is_dir()
    assert not live.parent.exists()
