"""GraphML and Gephi spreadsheet (CSV) node and edge lists of a :class:`Network`.

CSV columns follow Gephi's spreadsheet import (Data Laboratory > Import
Spreadsheet), which recognises ``Id`` and ``Label`` for nodes and ``Source``,
``Target``, ``Type`` (Directed/Undirected), ``Kind``, ``Id``, ``Label`` and
``Weight`` for edges, case-insensitively; every other column becomes an
attribute. ``Interval`` holds the spells in Gephi's interval-set syntax,
``<[2024-01-01, 2024-12-31]; [2026-01-01, Infinity]>`` (choose the type
"Interval set" for it in the import wizard to replay it on the timeline).
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from kg.export.network import Network, rgb
from kg.export.timeline import interval_set

NODE_FIXED = ["Id", "Label", "Interval"]
EDGE_FIXED = ["Source", "Target", "Type", "Kind", "Id", "Label", "Weight", "Interval"]


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple, set, frozenset)):
        return "; ".join(_cell(x) for x in v if x is not None)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v == int(v):
        return f"{v:.1f}"
    return str(v)


def write_nodes_csv(net: Network, path: Path) -> None:
    extra = sorted(k for k in net.node_attrs if k not in {"label"})
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(NODE_FIXED + extra + ["Color", "Size"])
        for node, a in net.nodes_data.items():
            w.writerow([node, a["label"], interval_set(a.get("spells"))] + [_cell(a.get(k)) for k in extra]
                       + [a["color"], _cell(float(a["size"]))])


def write_edges_csv(net: Network, path: Path) -> None:
    extra = sorted(k for k in net.edge_attrs if k not in {"weight", "relation"})
    direction = "Directed" if net.directed else "Undirected"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(EDGE_FIXED + extra)
        for i, (s, t, a) in enumerate(net.iter_edges()):
            rel = a.get("relation", "link")
            w.writerow([s, t, direction, rel, i, rel, _cell(float(a.get("weight", 1.0))),
                        interval_set(a.get("spells"))] + [_cell(a.get(k)) for k in extra])


def write_graphml(net: Network, path: Path) -> None:
    """GraphML via networkx, on a copy whose attributes are all scalars.

    Nodes get ``label``, ``type``, ``r``/``g``/``b`` and ``size`` (which Gephi's
    GraphML importer reads as colour and size); spells become the string
    attribute ``interval`` plus ``start``/``end`` (the overall span).
    """
    import networkx as nx

    h = nx.MultiDiGraph() if net.directed else nx.MultiGraph()
    h.graph["name"] = net.title
    for node, a in net.nodes_data.items():
        d = _scalars(a, net.node_attrs)
        d["r"], d["g"], d["b"] = rgb(a["color"])
        d["size"] = float(a["size"])
        d["label"] = str(a["label"])
        _span(d, a.get("spells"))
        h.add_node(node, **d)
    for s, t, a in net.iter_edges():
        d = _scalars(a, net.edge_attrs)
        d["weight"] = float(a.get("weight", 1.0))
        _span(d, a.get("spells"))
        h.add_edge(s, t, key=a["relation"], **d)
    nx.write_graphml(h, path, encoding="utf-8", prettyprint=True)


def _scalars(a: dict[str, Any], types: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, t in types.items():
        v = a.get(k)
        if v is None or k in {"spells", "color", "size"}:
            continue
        out[k] = (float(v) if t == "double" else int(v) if t == "integer" else bool(v) if t == "boolean"
                  else _cell(v))
    return out


def _span(d: dict[str, Any], spells: list[tuple[str | None, str | None]] | None) -> None:
    if not spells:
        return
    d["interval"] = interval_set(spells)
    starts = [s for s, _ in spells]
    ends = [e for _, e in spells]
    if all(starts):
        d["start"] = min(s for s in starts if s)
    if all(ends):
        d["end"] = max(e for e in ends if e)
