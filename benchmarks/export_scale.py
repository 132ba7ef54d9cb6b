"""Issue 19 targets for networks at archive size: write time of `kg export html|gexf` and the HTML view's time to
ready in headless Chromium (targets: html ≤ 10 s to write and ≤ 5 s to ready, gexf ≤ 5 s, on a 10k build).

    .venv/bin/python benchmarks/export_scale.py [--data /work/bench/b10k] [--network party-ticket] [--repeat 3]
        [--synthetic NODES EDGES] [--screenshot docs/network-10k.png]

With ``--data`` the exports run as the CLI does (``python -m kg export FORMAT``, a fresh process each time, so
import and query time count). With ``--synthetic`` (no build needed) the network is the planted-community
network of ``tests/export/helpers.py`` written in process. The page is opened ``--repeat`` times in Debian's
chromium through Playwright (WebGL on SwiftShader); the script prints the medians of the wall time to
``window.__kgReady`` and of the page's own timings (ms from the script start). The machine's load average is
printed too: the figures scale with it.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cli_export(fmt: str, data: Path, network: str, out: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", "export", fmt, "--data", str(data), "--network", network,
                    "--out", str(out)], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - t0


def synthetic_export(fmt: str, nodes: int, edges: int, out: Path) -> float:
    from kg.export.network import network_from_rows
    from tests.export.helpers import synthetic_rows

    cols, rows = synthetic_rows(nodes, edges)
    t0 = time.perf_counter()
    net = network_from_rows(cols, rows, name="synthetic", title=f"Synthetic {nodes:,} nodes")
    if fmt == "html":
        from kg.export.html import write_html

        write_html(net, out)
    else:
        from kg.export.gexf import write_gexf

        write_gexf(net, out)
    return time.perf_counter() - t0


def open_in_chromium(page: Path, repeat: int, screenshot: Path | None) -> tuple[list[float], list[dict]]:
    from playwright.sync_api import sync_playwright

    from tests.export.helpers import BROWSER_ARGS

    walls, timings = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS, headless=True)
        for i in range(repeat):
            view = browser.new_page(viewport={"width": 1280, "height": 800})
            t0 = time.perf_counter()
            view.goto(page.resolve().as_uri())
            view.wait_for_function("window.__kgReady === true", timeout=120_000)
            walls.append(time.perf_counter() - t0)
            timings.append(view.evaluate("window.__kgTimings"))
            if screenshot and i == 0:
                view.wait_for_timeout(300)
                view.screenshot(path=str(screenshot))
            view.close()
        browser.close()
    return walls, timings


def small_png(path: Path, colours: int = 256) -> None:
    """Rewrite a screenshot as an indexed PNG of ``colours`` colours, a few times smaller than Chromium's RGB
    file, so that it can live in docs/: the most frequent colour of each of the busiest coarse colour bins
    (3 bits a channel, so that every party colour keeps its own entry); other pixels take the nearest."""
    import struct
    import zlib
    from collections import Counter

    from tests.export.helpers import png_pixels

    width, height, rows = png_pixels(path)
    counts = Counter(row[i:i + 3] for row in rows for i in range(0, 3 * width, 3))
    bins: dict[tuple[int, int, int], list[tuple[int, bytes]]] = {}
    for px, n in counts.items():
        bins.setdefault((px[0] >> 5, px[1] >> 5, px[2] >> 5), []).append((n, px))
    busiest = sorted(bins.values(), key=lambda b: -sum(n for n, _ in b))[:colours]
    palette = [max(b)[1] for b in busiest]
    index = {px: i for i, px in enumerate(palette)}

    def nearest(px: bytes) -> int:
        return min(range(len(palette)), key=lambda i: sum((a - b) ** 2 for a, b in zip(px, palette[i])))

    raw = bytearray()
    for row in rows:
        raw.append(0)
        for i in range(0, 3 * width, 3):
            px = row[i:i + 3]
            k = index.get(px)
            if k is None:
                k = index[px] = nearest(px)
            raw.append(k)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
                     + chunk(b"PLTE", b"".join(palette)) + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
                     + chunk(b"IEND", b""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("/work/bench/b10k"))
    ap.add_argument("--network", default="party-ticket")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--synthetic", nargs=2, type=int, metavar=("NODES", "EDGES"))
    ap.add_argument("--screenshot", type=Path)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-scale-"))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    pages = {}
    for fmt in ("gexf", "html"):
        out = tmp / f"network.{fmt}"
        if args.synthetic:
            times = [synthetic_export(fmt, *args.synthetic, out) for _ in range(args.repeat)]
            what = f"synthetic {args.synthetic[0]:,} nodes / {args.synthetic[1]:,} edges, in process"
        else:
            times = [cli_export(fmt, args.data, args.network, out) for _ in range(args.repeat)]
            what = f"`kg export {fmt} --network {args.network}` of {args.data}"
        pages[fmt] = out
        print(f"{fmt:5} write: median {statistics.median(times):.2f} s (runs {', '.join(f'{t:.2f}' for t in times)}); "
              f"{out.stat().st_size / 1e6:.1f} MB; {what}")
    import json
    import re

    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>',
                  pages["html"].read_text(encoding="utf-8"), re.DOTALL)
    data = json.loads(m.group(1)) if m else {"nodes": [], "edges": []}
    print(f"network: {len(data['nodes']):,} nodes, {len(data['edges']):,} edges")
    walls, timings = open_in_chromium(pages["html"], args.repeat, args.screenshot)
    print(f"html  ready in headless Chromium: median {statistics.median(walls):.2f} s "
          f"(runs {', '.join(f'{w:.2f}' for w in walls)})")
    keys = [k for k in timings[0] if isinstance(timings[0][k], (int, float))]
    print("page timings, median ms: " + ", ".join(f"{k} {statistics.median(t[k] for t in timings):.0f}"
                                                  for k in keys))
    if args.screenshot:
        small_png(args.screenshot)
        print(f"screenshot: {args.screenshot} ({args.screenshot.stat().st_size / 1e3:.0f} KB)")


if __name__ == "__main__":
    main()
