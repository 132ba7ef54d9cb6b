"""Networks defined by SPARQL (``queries/network/NAME.rq``) → networkx → GEXF 1.3 or GraphML.

A network query returns one row per edge with reserved columns: ``source``,
``target`` (required); ``source_label``, ``target_label``, ``source_kind``,
``target_kind``, ``relation``, ``weight``, ``start``, ``end``, and any
``source_X`` / ``target_X`` columns become node attributes X. Rows with the
same (source, target) add their weights.
"""
from __future__ import annotations

import os
from pathlib import Path

from kg.errors import ExportError
from kg.query.run import Table

COLOURS = {"party": (214, 39, 40), "ticket": (31, 119, 180), "person": (44, 160, 44), "post": (255, 127, 14),
           "theme": (148, 103, 189), "region": (140, 86, 75), "other": (127, 127, 127)}


def network_from_table(table: Table):  # type: ignore[no-untyped-def]
    import networkx as nx

    g = nx.Graph()
    cols = table.columns
    if "source" not in cols or "target" not in cols:
        raise ExportError("a network query must return source and target columns")
    for row in table.rows:
        r = {c: (t.value if t is not None else None) for c, t in zip(cols, row)}
        s, t = r["source"], r["target"]
        if not s or not t:
            continue
        for end, node in (("source", s), ("target", t)):
            attrs = g.nodes[node] if node in g else {}
            label = r.get(f"{end}_label") or attrs.get("label") or node.rsplit("/", 1)[-1]
            kind = r.get(f"{end}_kind") or attrs.get("type") or "other"
            extra = {c[len(end) + 1:]: r[c] for c in cols
                     if c.startswith(end + "_") and c not in {f"{end}_label", f"{end}_kind"} and r[c]}
            g.add_node(node, label=label, type=kind, **extra)
        w = float(r.get("weight") or 1)
        if g.has_edge(s, t):
            g[s][t]["weight"] += w
        else:
            g.add_edge(s, t, weight=w, type=r.get("relation") or "link")
            if r.get("start"):
                g[s][t]["start"] = r["start"]
            if r.get("end"):
                g[s][t]["end"] = r["end"]
    for node, attrs in g.nodes(data=True):
        r, gr, b = COLOURS.get(attrs.get("type", "other"), COLOURS["other"])
        attrs["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}, "size": 5.0 + 3.0 * g.degree(node)}
    return g


def write_network(fmt: str, data: Path, out: Path, *, network: str = "party-ticket", params: dict[str, str] | None
                  = None, **_: object) -> str:
    import networkx as nx

    from kg.export import atomic_target
    from kg.graph.store import open_store
    from kg.query.catalog import load_query
    from kg.query.params import bind_params
    from kg.query.run import run_on_store
    from kg.query.service import make_resolver
    from kg.resources import Resources

    path = Resources.default().queries / "network" / f"{network}.rq"
    if not path.exists():
        names = sorted(p.stem for p in path.parent.glob("*.rq"))
        raise ExportError(f"no network query {network!r}", hint="use one of " + ", ".join(names))
    q = load_query(path)
    table = run_on_store(open_store(data), bind_params(q, params or {}, make_resolver()), culprit=str(path))
    g = network_from_table(table)
    tmp = atomic_target(out)
    try:
        if fmt == "gexf":
            nx.write_gexf(g, tmp, version="1.2draft")
        else:
            h = g.copy()
            for _, a in h.nodes(data=True):
                a.pop("viz", None)
            nx.write_graphml(h, tmp)
        os.replace(tmp, out)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write ({err.strerror or err})", culprit=str(out)) from None
    return f"wrote {g.number_of_nodes()} nodes, {g.number_of_edges()} edges as {fmt} to {out}"
