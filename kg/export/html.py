"""A self-contained, offline HTML view of a :class:`Network` (cytoscape, vendored).

The page inlines ``vendor/cytoscape/cytoscape.min.js`` (version in
``vendor/cytoscape/VERSION``, MIT licence beside it) and the network as JSON:
nodes coloured by type and sized by weighted degree, labels, a search box, a
legend that hides or shows a type, a year filter for dynamic networks, and a
details panel (attributes, time, neighbours) on click. It loads nothing from
the network.

For tests and scripts the page sets ``data-nodes``, ``data-edges``,
``data-rendered`` (visible nodes once drawn) and ``data-errors`` (uncaught
script errors) on ``<body>``.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from kg.export.network import Network, hex_colour

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "network.html"
VENDOR = HERE / "vendor" / "cytoscape"


def _json_for_script(obj: Any) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def page_data(net: Network) -> dict[str, Any]:
    skip = {"label", "type", "color", "size", "spells"}
    nodes = []
    for node, a in net.nodes_data.items():
        n = {"id": str(node), "label": str(a["label"]), "type": a["type"], "color": a["color"],
             "size": float(a["size"]) * 1.5, "attrs": {k: v for k, v in a.items() if k not in skip}}
        if a.get("spells"):
            n["spells"] = [list(s) for s in a["spells"]]
        nodes.append(n)
    edges = []
    years: set[str] = set()
    for s, t, a in net.iter_edges():
        e = {"source": str(s), "target": str(t), "relation": a.get("relation", "link"),
             "weight": a.get("weight", 1.0),
             "attrs": {k: v for k, v in a.items() if k not in {"relation", "weight", "spells"}}}
        if a.get("spells"):
            e["spells"] = [list(sp) for sp in a["spells"]]
            for start, end in a["spells"]:
                lo = int((start or end or "0")[:4])
                hi = int((end or start or "0")[:4])
                years.update(str(y) for y in range(lo, min(hi, lo + 60) + 1))
        edges.append(e)
    types = Counter(n["type"] for n in nodes)
    return {
        "title": net.title, "name": net.name, "directed": net.directed, "nodes": nodes, "edges": edges,
        "maxWeight": max((e["weight"] for e in edges), default=1.0),
        "types": [{"type": t, "count": c, "color": hex_colour(t)} for t, c in sorted(types.items())],
        "years": sorted(years),
    }


def render_html(net: Network) -> str:
    from kg.export.gexf import _version

    cy_version = (VENDOR / "VERSION").read_text(encoding="utf-8").strip()
    script = (VENDOR / "cytoscape.min.js").read_text(encoding="utf-8")
    page = TEMPLATE.read_text(encoding="utf-8")
    title = net.title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Substitute the small placeholders first, the large blobs last, so nothing inside them is replaced.
    page = page.replace("__TITLE__", f"pilkada-kg: {title}").replace("__KG_VERSION__", _version())
    page = page.replace("__CY_VERSION__", cy_version)
    head, _, tail = page.partition("__DATA__")
    before, _, after = tail.partition("__CYTOSCAPE__")
    return head + _json_for_script(page_data(net)) + before + script.replace("</script", "<\\/script") + after


def write_html(net: Network, path: Path) -> None:
    path.write_text(render_html(net), encoding="utf-8")
