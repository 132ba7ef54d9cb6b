"""Outside readers for the export tests: graphology-gexf under node, and headless Chromium."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

JS = Path(__file__).resolve().parent / "js"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-logging=stderr",
                  "--v=0", "--hide-scrollbars", "--window-size=1280,800"]


def node_modules() -> Path:
    """``tests/export/js/node_modules``, installed with ``npm ci`` from the lock file when absent."""
    npm, node = shutil.which("npm"), shutil.which("node")
    if not npm or not node:
        pytest.skip("npm/node are not installed: cannot read the GEXF with graphology-gexf")
    modules = JS / "node_modules"
    if not (modules / "graphology-gexf").is_dir():
        for cmd in ([npm, "ci", "--no-audit", "--no-fund"], [npm, "install", "--no-audit", "--no-fund"]):
            r = subprocess.run(cmd, cwd=JS, capture_output=True, text=True, timeout=600)
            if r.returncode == 0:
                break
        else:
            pytest.fail(f"npm could not install tests/export/js: {r.stderr[-2000:]}")
    return modules


def graphology_read(path: Path) -> dict[str, Any]:
    """Parse a GEXF file with graphology-gexf; return the script's JSON summary."""
    node_modules()
    r = subprocess.run([shutil.which("node") or "node", str(JS / "read_gexf.js"), str(path)], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, f"graphology-gexf could not read {path.name}: {r.stderr[-2000:]}"
    return json.loads(r.stdout)


def chromium() -> str:
    """The Chromium binary; installed with apt-get as root when missing (CI), else the test skips."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, capture_output=True, timeout=900)
        found = shutil.which("chromium")
        if found:
            return found
    pytest.skip("chromium is not installed (apt-get install -y chromium)")


def run_chromium(page: Path, *args: str, timeout: int = 120) -> tuple[str, str]:
    """Run headless Chromium on ``page`` with a fresh profile; return (stdout, console lines)."""
    exe = chromium()
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        r = subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=15000",
                            *args, page.resolve().as_uri()], capture_output=True, text=True, timeout=timeout)
    console = [line for line in r.stderr.splitlines() if ":CONSOLE" in line]
    assert r.returncode == 0, r.stderr[-3000:]
    return r.stdout, "\n".join(console)
