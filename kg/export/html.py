"""A self-contained, offline HTML view of a :class:`Network`: sigma.js on graphology, vendored.

The page inlines graphology, graphology-library (ForceAtlas2, Louvain) and
sigma (WebGL rendering), the libraries Gephi Lite is built on (versions in
``vendor/*/VERSION``, MIT licences beside them), and the network as JSON. In
the browser it finds communities (Louvain, seeded), places each in its own
disc (a deterministic start), runs a fixed number of ForceAtlas2 iterations
(LinLog mode, Barnes–Hut above 500 nodes) in slices that keep the page
responsive, and draws with WebGL: nodes coloured by party or type and sized by
weighted degree, labels by importance as one zooms (sigma's label grid keeps
the largest node of each cell), a search that zooms the camera to a match,
filters by type, year and province, a legend with the party colours, and a
details panel (attributes, time, neighbours) on click. It loads nothing from
the network.

For tests and scripts the page sets ``window.__kgReady`` (and
``data-ready="1"`` on ``<body>``) once the laid-out network is drawn, ``window.__kgTimings``
(``scriptStart``: milliseconds from the navigation's start to the page's script,
which includes reading the page and compiling the libraries; then milliseconds
from the script's start to each stage: ``data``, ``graph``,
``circlepack``, ``communities``, ``filters``, ``inner``, ``positions`` (layout
done), ``firstFrame`` (sigma set up), ``layout``, ``ready``; and the
milliseconds spent in ``subgraphs`` and ``fa2``), ``window.__kg`` (``search(q)``,
``next()``, ``applyFilters()``, ``visible()``, ``renderer``, ``graph``) and
``data-nodes``, ``data-edges``, ``data-rendered`` (nodes the filters leave
visible), ``data-errors`` (uncaught script errors) on ``<body>``.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from kg.export.network import Network, hex_colour

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "network.html"
VENDOR = HERE / "vendor"
LIBRARIES = {   # placeholder → (folder, file)
    "GRAPHOLOGY": ("graphology", "graphology.umd.min.js"),
    "GRAPHOLOGY_LIBRARY": ("graphology-library", "graphology-library.min.js"),
    "SIGMA": ("sigma", "sigma.min.js"),
}


def _json_for_script(obj: Any) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def province_names() -> dict[str, str]:
    """Kemendagri province code → name, from ``wilayah_kemendagri_2025.csv`` (empty when it cannot be read)."""
    from kg.resolve.tables import ReferenceDataError, read_rows
    from kg.resources import Resources

    try:
        rows = read_rows(Resources.default().reference / "wilayah_kemendagri_2025.csv", ("code", "level", "name"))
        return {r.values["code"]: r.values["name"] for r in rows if r.values["level"] == "provinsi"}
    except ReferenceDataError:
        return {}


def page_data(net: Network) -> dict[str, Any]:
    skip = {"label", "type", "color", "size", "spells"}
    index: dict[str, int] = {}
    nodes = []
    for i, (node, a) in enumerate(net.nodes_data.items()):
        index[node] = i
        n: dict[str, Any] = {"id": str(node), "label": str(a["label"]), "type": a["type"], "color": a["color"],
                             "size": float(a["size"]), "attrs": {k: v for k, v in a.items() if k not in skip}}
        if a.get("spells"):
            n["spells"] = [list(s) for s in a["spells"]]
        prov = a.get("province")
        if isinstance(prov, str) and prov and "; " not in prov:
            n["prov"] = prov
        nodes.append(n)
    edges = []
    years: set[str] = set()
    for s, t, a in net.iter_edges():
        e: dict[str, Any] = {"s": index[s], "t": index[t], "r": a.get("relation", "link"),
                             "w": a.get("weight", 1.0)}
        extra = {k: v for k, v in a.items() if k not in {"relation", "weight", "spells"}}
        if extra:
            e["a"] = extra
        if a.get("spells"):
            e["sp"] = [list(sp) for sp in a["spells"]]
            for start, end in a["spells"]:
                lo = int((start or end or "0")[:4])
                hi = int((end or start or "0")[:4])
                years.update(str(y) for y in range(lo, min(hi, lo + 60) + 1))
        edges.append(e)
    types = Counter(n["type"] for n in nodes)
    parties = sorted(({"i": i, "label": n["label"], "name": n["attrs"].get("name"), "color": n["color"],
                       "degree": n["attrs"].get("degree", 0)} for i, n in enumerate(nodes) if n["type"] == "party"),
                     key=lambda p: (-p["degree"], p["label"]))
    provs = Counter(n["prov"] for n in nodes if "prov" in n)
    names = province_names() if provs else {}
    return {
        "title": net.title, "name": net.name, "directed": net.directed, "nodes": nodes, "edges": edges,
        "types": [{"type": t, "count": c, "color": hex_colour(t)} for t, c in sorted(types.items())],
        "parties": parties,
        "years": sorted(years),
        "provinces": [{"code": p, "name": names.get(p, ""), "count": c} for p, c in sorted(provs.items())],
    }


def library_versions() -> dict[str, str]:
    return {folder: (VENDOR / folder / "VERSION").read_text(encoding="utf-8").strip()
            for folder, _ in LIBRARIES.values()}


def render_html(net: Network) -> str:
    from kg.export.gexf import _version

    versions = library_versions()
    page = TEMPLATE.read_text(encoding="utf-8")
    title = net.title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Substitute the small placeholders first, the large blobs last, so nothing inside them is replaced.
    page = page.replace("__TITLE__", f"pilkada-kg: {title}").replace("__KG_VERSION__", _version())
    page = page.replace("__LIBS__", "; ".join(f"{k} {v}" for k, v in versions.items()))
    for name, (folder, _) in LIBRARIES.items():
        page = page.replace(f"__{name}_VERSION__", versions[folder])
    head, _, rest = page.partition("__DATA__")
    parts = [head, _json_for_script(page_data(net))]
    for name, (folder, file) in LIBRARIES.items():
        before, _, rest = rest.partition(f"__{name}__\n")
        script = (VENDOR / folder / file).read_text(encoding="utf-8").replace("</script", "<\\/script")
        parts += [before, script, "\n"]
    parts.append(rest)
    return "".join(parts)


def write_html(net: Network, path: Path) -> None:
    path.write_text(render_html(net), encoding="utf-8")
