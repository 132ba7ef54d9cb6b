"""GEXF 1.3 writer (xml.etree), following the RELAX NG schema of gephi/gexf ``specs/1.3``.

networkx writes GEXF 1.2draft (and, asked for 1.3, a wrong ``xsi`` namespace);
it rejects list and ``None`` attributes and never writes edge ``kind`` or
``timerepresentation``. This writer produces::

    <gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
      <meta lastmodifieddate="…"><creator>pilkada-kg …</creator><description>…</description></meta>
      <graph defaultedgetype="undirected" mode="dynamic" timeformat="date" timerepresentation="interval">
        <attributes class="node" mode="static"><attribute id="0" title="type" type="string"/>…</attributes>
        <attributes class="edge" mode="static">…</attributes>
        <nodes count="…"><node id="IRI" label="…" start="…" end="…"><attvalues>…</attvalues>
          <viz:color r=… g=… b=… a="1.0"/><viz:size value="…"/></node></nodes>
        <edges count="…"><edge id="0" source=… target=… weight=… label=REL kind=REL start=… end=…>
          <spells><spell start=… end=…/></spells>?<attvalues>…</attvalues></edge></edges>
      </graph>
    </gexf>

An element or edge with one spell carries ``start``/``end``; with several, a
``<spells>`` list. Attribute ids are numbers so that every reader shows the
titles; values are written as text (lists were joined before this point).
No ``xsi:schemaLocation`` is written: the RELAX NG schema allows no foreign
attribute on ``<gexf>``, and readers do not need it.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from kg.export.network import SKIP_ATTRS, Network, rgb

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"


def _q(tag: str, ns: str = GEXF_NS) -> str:
    return f"{{{ns}}}{tag}"


def _text(v: Any) -> str:
    if isinstance(v, (list, tuple, set, frozenset)):
        return "; ".join(_text(x) for x in v if x is not None)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v) if v != int(v) else f"{v:.1f}"
    return _clean(str(v))


def _clean(s: str) -> str:
    """Drop characters XML 1.0 cannot hold (control characters other than tab, LF, CR)."""
    return "".join(c for c in s if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd")
                   or c >= "\U00010000")


def _times(el: ET.Element, spells: list[tuple[str | None, str | None]] | None) -> None:
    if not spells:
        return
    if len(spells) == 1:
        s, e = spells[0]
        if s:
            el.set("start", s)
        if e:
            el.set("end", e)
        return
    box = ET.SubElement(el, _q("spells"))
    for s, e in spells:
        sp = ET.SubElement(box, _q("spell"))
        if s:
            sp.set("start", s)
        if e:
            sp.set("end", e)


def _declare(graph: ET.Element, cls: str, types: dict[str, str]) -> dict[str, str]:
    box = ET.SubElement(graph, _q("attributes"), {"class": cls, "mode": "static"})
    ids = {}
    for i, (title, kind) in enumerate(sorted(types.items())):
        ids[title] = str(i)
        ET.SubElement(box, _q("attribute"), {"id": str(i), "title": title, "type": kind})
    return ids


def _attvalues(el: ET.Element, attrs: dict[str, Any], ids: dict[str, str]) -> None:
    items = [(ids[k], v) for k, v in attrs.items() if k in ids and v is not None]
    if not items:
        return
    box = ET.SubElement(el, _q("attvalues"))
    for i, v in items:
        ET.SubElement(box, _q("attvalue"), {"for": i, "value": _text(v)})


def gexf_tree(net: Network, description: str = "") -> ET.ElementTree:
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    root = ET.Element(_q("gexf"), {"version": "1.3"})
    meta = ET.SubElement(root, _q("meta"), {"lastmodifieddate": dt.date.today().isoformat()})
    ET.SubElement(meta, _q("creator")).text = f"pilkada-kg {_version()}"
    ET.SubElement(meta, _q("keywords")).text = f"pilkada, {net.name}"
    ET.SubElement(meta, _q("description")).text = _clean(description or net.title)
    graph = ET.SubElement(root, _q("graph"), {"defaultedgetype": "directed" if net.directed else "undirected",
                                              "idtype": "string"})
    if net.dynamic:
        graph.set("mode", "dynamic")
        graph.set("timeformat", "date")
        graph.set("timerepresentation", "interval")
    else:
        graph.set("mode", "static")
    node_ids = _declare(graph, "node", {k: v for k, v in net.node_attrs.items() if k not in SKIP_ATTRS})
    edge_ids = _declare(graph, "edge", {k: v for k, v in net.edge_attrs.items()
                                        if k not in SKIP_ATTRS | {"weight"}})
    g = net.graph
    nodes = ET.SubElement(graph, _q("nodes"), {"count": str(g.number_of_nodes())})
    for node, attrs in g.nodes(data=True):
        el = ET.SubElement(nodes, _q("node"), {"id": _clean(str(node)), "label": _clean(str(attrs["label"]))})
        _times(el, attrs.get("spells"))
        _attvalues(el, attrs, node_ids)
        r, gg, b = rgb(attrs["color"])
        ET.SubElement(el, _q("color", VIZ_NS), {"r": str(r), "g": str(gg), "b": str(b), "a": "1.0"})
        ET.SubElement(el, _q("size", VIZ_NS), {"value": _text(float(attrs["size"]))})
    edges = ET.SubElement(graph, _q("edges"), {"count": str(g.number_of_edges())})
    for i, (s, t, attrs) in enumerate(net.iter_edges()):
        rel = _clean(str(attrs.get("relation", "link")))
        el = ET.SubElement(edges, _q("edge"), {"id": str(i), "source": _clean(str(s)), "target": _clean(str(t)),
                                               "weight": _text(float(attrs.get("weight", 1.0))), "label": rel,
                                               "kind": rel})
        _times(el, attrs.get("spells"))
        _attvalues(el, attrs, edge_ids)
    return ET.ElementTree(root)


def write_gexf(net: Network, path: Path, description: str = "") -> None:
    tree = gexf_tree(net, description)
    ET.indent(tree, space=" ")
    with open(path, "wb") as fh:
        tree.write(fh, encoding="UTF-8", xml_declaration=True)
        fh.write(b"\n")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pilkada-kg")
    except PackageNotFoundError:
        return "dev"
