"""Outside readers for the export tests: graphology-gexf under node, and headless Chromium."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

JS = Path(__file__).resolve().parent / "js"
# Playwright's launch arguments for Debian's chromium. WebGL (sigma.js) runs on SwiftShader, the software
# renderer, which Chromium only enables for WebGL when asked (--enable-unsafe-swiftshader, since Chromium 137).
BROWSER_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-unsafe-swiftshader"]
# what the GL driver of SwiftShader logs on the console when sigma reads its picking buffer: not the page's
DRIVER_NOISE = "GL Driver Message"


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


@contextlib.contextmanager
def headless_chromium(args: list[str] = BROWSER_ARGS) -> Iterator[Any]:
    """A headless Chromium (Debian's, through Playwright) launched with ``args`` (by default drawing WebGL on
    SwiftShader); skips when either is missing."""
    try:
        from playwright import sync_api
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is missing: `pip install -e '.[test]'` installs it (make test does)")
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    exe = chromium()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=args, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_view(browser: Any, path: Path, timeout_s: float = 30.0) -> tuple[Any, list[str], float]:
    """Open an exported HTML view at 1280×800 and wait for ``window.__kgReady``.

    Returns (page, console messages and page errors without the GL driver's, seconds to ready).
    """
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    console: list[str] = []
    page.on("console", lambda m: None if DRIVER_NOISE in m.text else console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: console.append(f"error: {e}"))
    t0 = time.perf_counter()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.__kgReady === true", timeout=timeout_s * 1000)
    return page, console, time.perf_counter() - t0


def ink_blobs(path: Path, cell: int = 16, ink_share: float = 0.04) -> tuple[float, list[int]]:
    """Pixel statistics of a screenshot of the graph: which ``cell``×``cell`` squares hold drawn nodes.

    A pixel is ink when it is coloured or dark (edges are light grey, the background white); a cell is occupied
    when more than ``ink_share`` of its pixels are ink. Returns (share of occupied cells, sizes of the
    4-connected groups of occupied cells, largest first).
    """
    width, height, rows = png_pixels(path)
    gw, gh = width // cell, height // cell
    occupied = set()
    for gy in range(gh):
        for gx in range(gw):
            ink = 0
            for y in range(gy * cell, (gy + 1) * cell):
                row = rows[y]
                for x in range(gx * cell, (gx + 1) * cell):
                    r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
                    if max(r, g, b) - min(r, g, b) > 24 or max(r, g, b) < 170:
                        ink += 1
            if ink > ink_share * cell * cell:
                occupied.add((gx, gy))
    blobs, seen = [], set()
    for start in occupied:
        if start in seen:
            continue
        seen.add(start)
        stack, size = [start], 0
        while stack:
            x, y = stack.pop()
            size += 1
            for nb in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if nb in occupied and nb not in seen:
                    seen.add(nb)
                    stack.append(nb)
        blobs.append(size)
    return len(occupied) / (gw * gh), sorted(blobs, reverse=True)


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


def synthetic_rows(nodes: int = 10_000, edges: int = 50_000, communities: int = 10, seed: int = 7
                   ) -> tuple[list[str], list[list[Any]]]:
    """Rows of a party–ticket-like network query with planted communities, for the scale tests.

    ``communities`` groups ("provinces" ``11``, ``12`` …), each with two parties (real codes, so party colours
    apply) and tickets; 95 % of the edges stay in their group. Edges are dated 2015, 2020 or 2024 (spells),
    tickets carry their group's province code.
    """
    import random

    rnd = random.Random(seed)
    from kg.export.colours import party_colours

    codes = sorted(party_colours())
    provinces = [str(11 + k) for k in range(communities)]
    parties = [[f"urn:party:{codes[(2 * k + j) % len(codes)]}:{k}" for j in range(2)] for k in range(communities)]
    per = (nodes - 2 * communities) // communities
    tickets = [[f"urn:ticket:{k}:{i}" for i in range(per)] for k in range(communities)]
    cols = ["source", "target", "source_label", "target_label", "source_kind", "target_kind", "relation", "weight",
            "start", "end", "source_party", "target_province", "target_year"]
    rows: list[list[Any]] = []
    seen: set[tuple[str, str]] = set()
    while len(rows) < edges:
        k = rnd.randrange(communities)
        other = k if rnd.random() < 0.95 else rnd.randrange(communities)
        t = rnd.choice(tickets[other])
        if rnd.random() < 0.3:
            s = rnd.choice(parties[k])
            code = s.split(":")[2]
            label, kind, party = code, "party", code
        else:
            s = rnd.choice(tickets[k])
            label, kind, party = f"Ticket {s.rsplit(':', 2)[1]}-{s.rsplit(':', 1)[1]}", "ticket", None
        if s == t or (s, t) in seen or (t, s) in seen:
            continue
        seen.add((s, t))
        year = rnd.choice(["2015", "2020", "2024"])
        k_t = int(t.split(":")[2])
        rows.append([s, t, label, f"Ticket {k_t}-{t.rsplit(':', 1)[1]}", kind, "ticket", "backs", 1, year, year,
                     party, provinces[k_t], year])
    return cols, rows
