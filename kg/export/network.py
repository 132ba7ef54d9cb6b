"""Networks defined by SPARQL (``queries/network/NAME.rq``) → a networkx multigraph.

A network query returns one row per edge (or per piece of evidence for an
edge). Reserved columns:

- ``source``, ``target`` (required): node ids, usually IRIs;
- ``source_label``, ``target_label``, ``source_kind``, ``target_kind``: the
  nodes' labels and types (``party``, ``ticket``, ``person`` …);
- ``relation``: the edge type (Gephi's edge *kind*); rows with the same
  source, target and relation are one edge whose ``weight`` is the sum;
- ``weight`` (default 1), ``start``, ``end``: when the edge holds, as
  ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date`` (a year becomes
  1 January … 31 December of that year); every row adds a spell;
- ``source_X`` / ``target_X``: node attribute ``X`` (``region``,
  ``province``, ``party`` …); any other column is an edge attribute.

Values that are missing are dropped; an attribute that gets several distinct
values is joined with ``"; "`` (no list ever reaches a writer). A node's
spells are the union of its edges' spells, when every one of its edges has
some. The query's ``tags`` may contain ``directed``.
"""
from __future__ import annotations

import calendar
import colorsys
import hashlib
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import ExportError
from kg.query.run import Table, Term

RESERVED = {"source", "target", "source_label", "target_label", "source_kind", "target_kind", "relation", "weight",
            "start", "end"}

# One colour per node type (RGB); unknown types get a stable colour from their name.
COLOURS: dict[str, tuple[int, int, int]] = {
    "party": (214, 39, 40), "ticket": (31, 119, 180), "person": (44, 160, 44), "post": (255, 127, 14),
    "theme": (148, 103, 189), "region": (140, 86, 75), "election": (227, 119, 194), "coalition": (188, 189, 34),
    "statement": (127, 127, 127), "event": (23, 190, 207), "office": (255, 187, 120), "qualifier": (174, 199, 232),
    "officeholding": (152, 223, 138), "coalitionmembership": (219, 219, 141), "debate": (23, 190, 207),
    "revote": (247, 182, 210),
}

Spell = tuple[str | None, str | None]      # (start, end) as YYYY-MM-DD; None is open
Progress = Callable[[str], None]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTS = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_FLOATS = {_XSD + t for t in ("double", "float", "decimal")}


@dataclass
class Network:
    """A network ready to write: the graph plus what its writers need to know."""

    name: str
    title: str
    graph: Any                       # nx.MultiGraph | nx.MultiDiGraph
    directed: bool = False
    dynamic: bool = False
    node_attrs: dict[str, str] = field(default_factory=dict)   # attribute → GEXF type
    edge_attrs: dict[str, str] = field(default_factory=dict)

    order: list[tuple[str, str, str]] = field(default_factory=list)   # edges as (source, target, relation)

    def iter_edges(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Edges in query order, each the way round its first row gave it (networkx forgets that)."""
        g = self.graph
        for s, t, k in self.order:
            yield s, t, g.edges[s, t, k]

    @property
    def nodes(self) -> int:
        return int(self.graph.number_of_nodes())

    @property
    def edges(self) -> int:
        return int(self.graph.number_of_edges())


def colour(kind: str) -> tuple[int, int, int]:
    if kind in COLOURS:
        return COLOURS[kind]
    h = int(hashlib.sha1(kind.encode("utf-8")).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hsv_to_rgb(h, 0.55, 0.85)
    return int(r * 255), int(g * 255), int(b * 255)


def hex_colour(kind: str) -> str:
    r, g, b = colour(kind)
    return f"#{r:02x}{g:02x}{b:02x}"


def rgb(hex_value: str) -> tuple[int, int, int]:
    h = hex_value.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


# --- time ---------------------------------------------------------------------

def day_start(value: str | None) -> str | None:
    """``2024`` → ``2024-01-01``; ``2024-05`` → ``2024-05-01``; a date (or date-time) → its day."""
    m = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2) or "01", m.group(3) or "01"
    return f"{y}-{mo}-{d}" if _valid(y, mo, d) else None


def day_end(value: str | None) -> str | None:
    """``2024`` → ``2024-12-31``; ``2024-02`` → ``2024-02-29``; a date → itself."""
    m = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
    if not m:
        return None
    y, mo = m.group(1), m.group(2) or "12"
    d = m.group(3) or (f"{calendar.monthrange(int(y), int(mo))[1]:02d}" if 1 <= int(mo) <= 12 else "31")
    return f"{y}-{mo}-{d}" if _valid(y, mo, d) else None


def _valid(y: str, mo: str, d: str) -> bool:
    try:
        return 1 <= int(mo) <= 12 and 1 <= int(d) <= calendar.monthrange(int(y), int(mo))[1]
    except ValueError:
        return False


def merge_spells(spells: list[Spell]) -> list[Spell]:
    """Sorted union of intervals; ``None`` is -∞ for a start and +∞ for an end (dates compare as text)."""
    lo, hi = "0000-00-00", "9999-99-99"
    items = sorted(((s or lo, e or hi) for s, e in spells))
    out: list[list[str]] = []
    for s, e in items:
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(None if s == lo else s, None if e == hi else e) for s, e in out]


# --- building ---------------------------------------------------------------------

def _value(term: Term | None) -> Any:
    if term is None or term.value == "":
        return None
    if term.datatype in _INTS:
        try:
            return int(term.value)
        except ValueError:
            return term.value
    if term.datatype in _FLOATS:
        try:
            return float(term.value)
        except ValueError:
            return term.value
    if term.datatype == _XSD + "boolean":
        return term.value in {"true", "1"}
    return term.value


def _set(attrs: dict[str, Any], key: str, value: Any) -> None:
    """Set an attribute; a second, different value joins the first with '; '."""
    if value is None or value == "":
        return
    if isinstance(value, (list, tuple, set)):
        value = "; ".join(str(v) for v in value if v is not None)
        if not value:
            return
    old = attrs.get(key)
    if old is None or old == value:
        attrs[key] = value
    elif str(value) not in str(old).split("; "):
        attrs[key] = f"{old}; {value}"


def network_from_table(table: Table, name: str = "network", title: str = "", directed: bool = False):  # type: ignore[no-untyped-def]
    """Build a :class:`Network` from the rows of a network query."""
    import networkx as nx

    cols = table.columns
    if "source" not in cols or "target" not in cols:
        raise ExportError(f"network query {name!r} must return source and target columns",
                          hint="see queries/network/party-ticket.rq")
    g = nx.MultiDiGraph() if directed else nx.MultiGraph()
    idx = {c: i for i, c in enumerate(cols)}
    node_extra = {end: [(c, c[len(end) + 1:]) for c in cols if c.startswith(end + "_") and c not in RESERVED]
                  for end in ("source", "target")}
    edge_extra = [c for c in cols if c not in RESERVED and not c.startswith(("source_", "target_"))]
    spells: dict[tuple[str, str, str], list[Spell] | None] = {}
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    ends: dict[tuple[str, str, str], tuple[str, str]] = {}

    def get(row: tuple[Term | None, ...], col: str) -> Any:
        i = idx.get(col)
        return None if i is None else _value(row[i])

    for row in table.rows:
        s, t = get(row, "source"), get(row, "target")
        if s is None or t is None:
            continue
        s, t = str(s), str(t)
        for end, node in (("source", s), ("target", t)):
            attrs = nodes.setdefault(node, {})
            if "label" not in attrs:
                label = get(row, f"{end}_label")
                if label is not None:
                    attrs["label"] = str(label)
            if "type" not in attrs:
                kind = get(row, f"{end}_kind")
                if kind is not None:
                    attrs["type"] = str(kind)
            for col, attr in node_extra[end]:
                _set(attrs, attr, get(row, col))
        rel = str(get(row, "relation") or "link")
        key = (s, t, rel) if directed or s <= t else (t, s, rel)   # one edge either way round when undirected
        w = get(row, "weight")
        try:
            w = 1.0 if w is None else float(w)
        except (TypeError, ValueError):
            w = 1.0
        e = edges.get(key)
        if e is None:
            e = edges[key] = {"relation": rel, "weight": 0.0}
            ends[key] = (s, t)                                      # the first row's direction is kept
            spells[key] = []
        e["weight"] += w
        for col in edge_extra:
            _set(e, col, get(row, col))
        start, end_ = day_start(_str(get(row, "start"))), day_end(_str(get(row, "end")))
        if start and end_ and end_ < start:
            end_ = None
        known = spells[key]
        if known is not None:
            spells[key] = known + [(start, end_)] if (start or end_) else None

    for node, attrs in nodes.items():
        attrs.setdefault("label", _local_name(node))
        attrs.setdefault("type", "other")
        g.add_node(node, **attrs)
    dynamic = False
    node_spells: dict[str, list[Spell] | None] = {}
    for key, attrs in edges.items():
        s, t = ends[key]
        rel = key[2]
        sp = spells[key]
        if sp:
            attrs["spells"] = merge_spells(sp)
            dynamic = True
        for node in (s, t):
            have = node_spells.get(node, [])
            node_spells[node] = None if (have is None or not sp) else have + list(attrs["spells"])
        g.add_edge(s, t, key=rel, **attrs)
    for node, sp in node_spells.items():
        if sp:
            g.nodes[node]["spells"] = merge_spells(sp)
    _add_viz(g)
    net = Network(name=name, title=title or name, graph=g, directed=directed, dynamic=dynamic,
                  order=[(*ends[key], key[2]) for key in edges])
    net.node_attrs = _attr_types(d for _, d in g.nodes(data=True))
    net.edge_attrs = _attr_types(d for _, _, d in g.edges(data=True))
    return net


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def _add_viz(g: Any) -> None:
    """Degree, strength (sum of weights), colour by type and a size from the strength."""
    strength: dict[str, float] = {}
    for s, t, w in g.edges(data="weight"):
        strength[s] = strength.get(s, 0.0) + w
        strength[t] = strength.get(t, 0.0) + w
    top = max(strength.values(), default=1.0) or 1.0
    for node, attrs in g.nodes(data=True):
        attrs["degree"] = int(g.degree(node))
        attrs["strength"] = float(strength.get(node, 0.0))
        attrs["color"] = hex_colour(attrs["type"])
        attrs["size"] = round(4.0 + 16.0 * math.sqrt(strength.get(node, 0.0) / top), 2)


SKIP_ATTRS = {"label", "spells", "color", "size"}     # written as GEXF structure, not as attvalues


def _attr_types(rows: Any) -> dict[str, str]:
    """The GEXF type of every attribute: integer, double, boolean, or string when mixed."""
    types: dict[str, set[str]] = {}
    for attrs in rows:
        for k, v in attrs.items():
            if k in SKIP_ATTRS or v is None:
                continue
            t = ("boolean" if isinstance(v, bool) else "integer" if isinstance(v, int)
                 else "double" if isinstance(v, float) else "string")
            types.setdefault(k, set()).add(t)
    out = {}
    for k, ts in types.items():
        if len(ts) == 1:
            out[k] = ts.pop()
        elif ts <= {"integer", "double"}:
            out[k] = "double"
        else:
            out[k] = "string"
    return out


# --- loading a network query ---------------------------------------------------------

def network_dir() -> Path:
    from kg.resources import Resources

    return Resources.default().queries / "network"


def list_networks() -> dict[str, str]:
    """Every network query by name, with its summary."""
    from kg.query.catalog import load_catalog

    return {n: q.summary for n, q in load_catalog(network_dir()).items()}


def load_network(data: Path, name: str, params: dict[str, str] | None = None,
                 progress: Progress | None = None) -> Network:
    """Run ``queries/network/NAME.rq`` on the build in ``data`` and build its network."""
    import time

    from kg.graph.store import open_store
    from kg.query.catalog import load_query
    from kg.query.params import bind_params
    from kg.query.run import run_on_store
    from kg.query.service import make_resolver

    path = network_dir() / f"{name}.rq"
    if not path.exists():
        names = ", ".join(sorted(list_networks())) or "none"
        raise ExportError(f"no network query {name!r}", hint=f"use one of {names} (files in {path.parent})")
    q = load_query(path)
    t0 = time.perf_counter()
    if progress:
        progress(f"running the {name} network query")
    table = run_on_store(open_store(data), bind_params(q, params or {}, make_resolver()), culprit=str(path))
    if progress:
        progress(f"{len(table.rows):,} rows in {time.perf_counter() - t0:.1f} s; building the network")
    return network_from_table(table, name=name, title=q.title or q.summary, directed="directed" in q.tags)
