"""The offline HTML view: self-contained, and drawn by headless Chromium without script errors."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.export import export_build
from kg.export.html import VENDOR, render_html
from kg.export.network import COLOURS, network_from_table
from kg.query.run import Table, Term

from .helpers import png_pixels, run_chromium


@pytest.fixture(scope="module")
def page(seed_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "party-ticket.html"
    export_build("html", seed_build, out, network="party-ticket")
    return out


def body_data(dom: str) -> dict[str, str]:
    m = re.search(r"<body([^>]*)>", dom)
    assert m, dom[:500]
    return dict(re.findall(r'data-([a-z]+)="([^"]*)"', m.group(1)))


def test_the_page_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "nothing is loaded from the network"
    version = (VENDOR / "VERSION").read_text().strip()
    assert f"cytoscape {version}" in html and "cytoscape" in html and len(html) > 400_000
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.DOTALL).group(1))
    assert {n["type"] for n in data["nodes"]} == {"party", "ticket"}
    assert data["years"] and all(e["source"] and e["target"] for e in data["edges"])


def test_the_vendored_library_has_its_licence_and_version():
    assert (VENDOR / "LICENSE").read_text().startswith("Copyright") or "MIT" in (VENDOR / "LICENSE").read_text()
    assert re.fullmatch(r"\d+\.\d+\.\d+", (VENDOR / "VERSION").read_text().strip())
    assert (VENDOR / "VERSION").read_text().strip() in (VENDOR.parent / "README.md").read_text()


def test_chromium_draws_every_node_without_console_messages(page, tmp_path):
    dom, console = run_chromium(page, "--dump-dom")
    data = body_data(dom)
    assert data["errors"] == "0", console
    assert int(data["nodes"]) > 10 and data["rendered"] == data["nodes"]
    assert console == "", f"the page logged: {console}"

    shot = tmp_path / "shot.png"
    _, console = run_chromium(page, f"--screenshot={shot}")
    assert console == ""
    width, height, rows = png_pixels(shot)
    assert (width, height) == (1280, 800)
    # The graph area: below the header, left of the details panel. Count pixels of each type's colour.
    counts: Counter[tuple[int, int, int]] = Counter()
    for row in rows[60:780]:
        for x in range(20, 940):
            counts[tuple(row[3 * x:3 * x + 3])] += 1
    background = counts.most_common(1)[0][0]
    assert background == (255, 255, 255)
    drawn = sum(c for px, c in counts.items() if px != background)
    assert drawn > 5_000, "nodes and edges are drawn"
    for kind in ("party", "ticket"):
        assert counts[COLOURS[kind]] > 200, f"{kind} nodes are drawn in their colour"


def test_hostile_labels_cannot_break_out_of_the_page(tmp_path):
    evil = '</script><script>document.body.dataset.pwned="1"</script><!--'
    t = Table(("source", "target", "source_label", "target_label"),
              ((Term("uri", "urn:a"), Term("uri", "urn:b"), Term("literal", evil), Term("literal", "\u2028b & <c>")),))
    page = tmp_path / "evil.html"
    page.write_text(render_html(network_from_table(t, title="<i>x</i>")), encoding="utf-8")
    dom, console = run_chromium(page, "--dump-dom")
    data = body_data(dom)
    assert "pwned" not in data and data["errors"] == "0" and data["nodes"] == "2", console
