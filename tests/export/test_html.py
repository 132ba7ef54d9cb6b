"""The offline HTML view (sigma.js on graphology): self-contained, and drawn by headless Chromium (WebGL on
SwiftShader) without script errors, with party colours, search and filters."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.export import export_build
from kg.export.html import LIBRARIES, VENDOR, library_versions, render_html
from kg.export.network import network_from_table
from kg.query.run import Table, Term

from .helpers import open_view, png_pixels, headless_chromium


@pytest.fixture(scope="module")
def page(seed_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "party-ticket.html"
    export_build("html", seed_build, out, network="party-ticket")
    return out


@pytest.fixture(scope="module")
def browser():
    with headless_chromium() as b:
        yield b


def page_json(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.DOTALL)
    assert m
    return json.loads(m.group(1))


def test_the_page_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "nothing is loaded from the network"
    for folder, version in library_versions().items():
        assert f"{folder} {version}" in html
    assert "cytoscape" not in html and len(html) > 400_000
    data = page_json(html)
    assert {n["type"] for n in data["nodes"]} == {"party", "ticket"}
    assert data["years"] and all(0 <= e["s"] < len(data["nodes"]) and 0 <= e["t"] < len(data["nodes"])
                                 for e in data["edges"])
    pdip = next(p for p in data["parties"] if p["label"] == "PDIP")
    assert pdip["color"] == "#d7141a" and data["nodes"][pdip["i"]]["color"] == "#d7141a"
    assert data["provinces"] and data["provinces"][0]["name"], "province codes come with their names"


def test_the_vendored_libraries_have_their_licences_and_versions():
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    for folder, file in LIBRARIES.values():
        licence = (VENDOR / folder / "LICENSE.txt").read_text(encoding="utf-8")
        assert "Permission is hereby granted" in licence, folder
        version = (VENDOR / folder / "VERSION").read_text().strip()
        assert re.fullmatch(r"\d+\.\d+\.\d+", version)
        assert f"| `{folder}/` |" in readme and version in readme and file in readme


def test_chromium_draws_the_view_with_party_colours(page, browser, tmp_path):
    view, console, _ = open_view(browser, page)
    try:
        body = view.evaluate("({...document.body.dataset})")
        assert body["errors"] == "0" and body["ready"] == "1", console
        assert int(body["nodes"]) > 10 and body["rendered"] == body["nodes"]
        assert console == [], f"the page logged: {console}"
        shot = tmp_path / "shot.png"
        view.locator("#graph").screenshot(path=str(shot))
    finally:
        view.close()
    width, height, rows = png_pixels(shot)
    counts: Counter[bytes] = Counter(row[3 * x:3 * x + 3] for row in rows for x in range(width))
    assert counts.most_common(1)[0][0] == b"\xff\xff\xff"
    assert sum(c for px, c in counts.items() if px != b"\xff\xff\xff") > 5_000, "nodes and edges are drawn"
    assert counts[bytes.fromhex("d7141a")] > 20, "PDIP is drawn in its party colour"
    assert counts[bytes.fromhex("8fa3bf")] > 200, "tickets are drawn in their type colour"


def test_search_zooms_to_the_match_and_shows_its_details(page, browser):
    view, console, _ = open_view(browser, page)
    try:
        before = view.evaluate("window.__kg.renderer.getCamera().getState()")
        view.fill("#search", "PDIP")
        view.press("#search", "Enter")
        view.wait_for_timeout(800)          # the camera animates for 500 ms
        after = view.evaluate("window.__kg.renderer.getCamera().getState()")
        assert after["ratio"] < before["ratio"] / 5, (before, after)
        assert "PDIP" in view.inner_text("#details") and "neighbour" in view.inner_text("#details").lower()
        assert console == []
    finally:
        view.close()


def test_hostile_labels_cannot_break_out_of_the_page(tmp_path, browser):
    evil = '</script><script>document.body.dataset.pwned="1"</script><!--'
    t = Table(("source", "target", "source_label", "target_label"),
              ((Term("uri", "urn:a"), Term("uri", "urn:b"), Term("literal", evil), Term("literal", "\u2028b & <c>")),))
    page = tmp_path / "evil.html"
    page.write_text(render_html(network_from_table(t, title="<i>x</i>")), encoding="utf-8")
    view, console, _ = open_view(browser, page)
    try:
        data = view.evaluate("({...document.body.dataset})")
        assert "pwned" not in data and data["errors"] == "0" and data["nodes"] == "2", console
    finally:
        view.close()
