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
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
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
            r = subprocess.run(cmd, cwd=JS, capture_output=True, text=True, timeout=600, check=False)
            if r.returncode == 0:
                break
        else:
            pytest.fail(f"npm could not install tests/export/js: {r.stderr[-2000:]}")
    return modules


def graphology_read(path: Path) -> dict[str, Any]:
    """Parse a GEXF file with graphology-gexf; return the script's JSON summary."""
    node_modules()
    r = subprocess.run([shutil.which("node") or "node", str(JS / "read_gexf.js"), str(path)], capture_output=True,
                       text=True, timeout=120, check=False)
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
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=600, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, capture_output=True, timeout=900,
                       check=False)
        found = shutil.which("chromium")
        if found:
            return found
    pytest.skip("chromium is not installed (apt-get install -y chromium)")


def run_chromium(page: Path, *args: str, timeout: int = 120) -> tuple[str, str]:
    """Run headless Chromium on ``page`` with a fresh profile; return (stdout, console lines)."""
    exe = chromium()
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        r = subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=15000",
                            *args, page.resolve().as_uri()], capture_output=True, text=True, timeout=timeout,
                           check=False)
    console = [line for line in r.stderr.splitlines() if ":CONSOLE" in line]
    assert r.returncode == 0, r.stderr[-3000:]
    return r.stdout, "\n".join(console)


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes): (width, height, rows)."""
    import struct
    import zlib

    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line) if bpp == 3 else bytes(v for j, v in enumerate(line) if j % 4 != 3))
        prev = line
    return width, height, rows
