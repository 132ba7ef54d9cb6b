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

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import ExportError
from kg.export.colours import TYPE_COLOURS, node_colour, party_colours, to_hex, type_colour
from kg.export.timeline import Spell, day_end, day_start, merge_spells
from kg.query.run import Table, Term

RESERVED = {"source", "target", "source_label", "target_label", "source_kind", "target_kind", "relation", "weight",
            "start", "end"}

# One colour per node type (RGB), parties apart (kg.export.colours); kept here under its old name.
COLOURS = TYPE_COLOURS

Progress = Callable[[str], None]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTS = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_FLOATS = {_XSD + t for t in ("double", "float", "decimal")}


@dataclass
class Network:
    """A network ready to write: nodes and edges with their attributes, and what writers need to know.

    ``nodes`` maps a node id to its attributes (``label``, ``type``, ``color``,
    ``size``, ``degree``, ``strength``, ``spells`` and the query's ``X``);
    ``edges`` lists ``(source, target, attrs)`` in query order, each the way
    round its first row gave it (``relation``, ``weight``, ``spells`` …).
    ``graph`` is the same network as a networkx multigraph, built on demand.
    """

    name: str
    title: str
    nodes_data: dict[str, dict[str, Any]]
    edges_data: list[tuple[str, str, dict[str, Any]]]
    directed: bool = False
    dynamic: bool = False
    node_attrs: dict[str, str] = field(default_factory=dict)   # attribute → GEXF type
    edge_attrs: dict[str, str] = field(default_factory=dict)
    _graph: Any = None

    def iter_edges(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        return iter(self.edges_data)

    @property
    def graph(self) -> Any:
        """An ``nx.MultiGraph`` (``MultiDiGraph`` when directed) keyed by relation."""
        if self._graph is None:
            import networkx as nx

            g = nx.MultiDiGraph() if self.directed else nx.MultiGraph()
            g.graph["name"] = self.title
            g.add_nodes_from(self.nodes_data.items())
            g.add_edges_from((s, t, a["relation"], a) for s, t, a in self.edges_data)
            self._graph = g
        return self._graph

    @property
    def nodes(self) -> int:
        return len(self.nodes_data)

    @property
    def edges(self) -> int:
        return len(self.edges_data)


def colour(kind: str) -> tuple[int, int, int]:
    return type_colour(kind)


def hex_colour(kind: str) -> str:
    return to_hex(type_colour(kind))


def rgb(hex_value: str) -> tuple[int, int, int]:
    h = hex_value.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


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


def network_from_table(table: Table, name: str = "network", title: str = "", directed: bool = False) -> Network:
    """Build a :class:`Network` from a query result table (see :func:`network_from_rows`)."""
    rows = ([_value(t) for t in row] for row in table.rows)
    return network_from_rows(table.columns, rows, name=name, title=title, directed=directed)


def network_from_rows(cols: Sequence[str], rows: Iterable[Sequence[Any]], name: str = "network", title: str = "",
                      directed: bool = False) -> Network:
    """Build a :class:`Network` from rows of Python values (None when unbound) under ``cols``."""
    if "source" not in cols or "target" not in cols:
        raise ExportError(f"network query {name!r} must return source and target columns",
                          hint="see queries/network/party-ticket.rq")
    idx = {c: i for i, c in enumerate(cols)}
    i_src, i_tgt = idx["source"], idx["target"]
    ends_spec = []
    for end in ("source", "target"):
        extra = [(idx[c], c[len(end) + 1:]) for c in cols if c.startswith(end + "_") and c not in RESERVED]
        ends_spec.append((idx.get(f"{end}_label"), idx.get(f"{end}_kind"), extra))
    edge_extra = [(idx[c], c) for c in cols if c not in RESERVED and not c.startswith(("source_", "target_"))]
    i_rel, i_w, i_start, i_end = (idx.get(c) for c in ("relation", "weight", "start", "end"))
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], tuple[str, str, dict[str, Any], list[Spell]]] = {}
    always: set[tuple[str, str, str]] = set()        # edges with an undated row: present at all times

    for row in rows:
        s, t = row[i_src], row[i_tgt]
        if s is None or t is None:
            continue
        s, t = str(s), str(t)
        for node, (i_label, i_kind, extra) in ((s, ends_spec[0]), (t, ends_spec[1])):
            attrs = nodes.get(node)
            if attrs is None:
                attrs = nodes[node] = {}
            if "label" not in attrs and i_label is not None and row[i_label] is not None:
                attrs["label"] = str(row[i_label])
            if "type" not in attrs and i_kind is not None and row[i_kind] is not None:
                attrs["type"] = str(row[i_kind])
            for i, attr in extra:
                if row[i] is not None:
                    _set(attrs, attr, row[i])
        rel = str(row[i_rel]) if i_rel is not None and row[i_rel] is not None else "link"
        key = (s, t, rel) if directed or s <= t else (t, s, rel)   # one edge either way round when undirected
        try:
            w = 1.0 if i_w is None or row[i_w] is None else float(row[i_w])
        except (TypeError, ValueError):
            w = 1.0
        entry = edges.get(key)
        if entry is None:
            entry = edges[key] = (s, t, {"relation": rel, "weight": 0.0}, [])   # the first row's direction
        e = entry[2]
        e["weight"] += w
        for i, col in edge_extra:
            if row[i] is not None:
                _set(e, col, row[i])
        start = day_start(_str(row[i_start])) if i_start is not None else None
        end = day_end(_str(row[i_end])) if i_end is not None else None
        if start and end and end < start:
            end = None
        if start or end:
            entry[3].append((start, end))
        else:
            always.add(key)

    dynamic = False
    node_spells: dict[str, list[Spell] | None] = {}
    edge_list = []
    for key, (s, t, attrs, sp) in edges.items():
        dated = bool(sp) and key not in always
        if dated:
            attrs["spells"] = merge_spells(sp)
            dynamic = True
        for node in (s, t):
            have = node_spells.get(node, [])
            if have is not None:
                if dated:
                    have.extend(attrs["spells"])
                    node_spells[node] = have
                else:
                    node_spells[node] = None
        edge_list.append((s, t, attrs))
    for node, attrs in nodes.items():
        attrs.setdefault("label", _local_name(node))
        attrs.setdefault("type", "other")
        sp = node_spells.get(node)
        if sp:
            attrs["spells"] = merge_spells(sp)
    _add_viz(nodes, edge_list)
    net = Network(name=name, title=title or name, nodes_data=nodes, edges_data=edge_list, directed=directed,
                  dynamic=dynamic)
    net.node_attrs = _attr_types(nodes.values())
    net.edge_attrs = _attr_types(a for _, _, a in edge_list)
    return net


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def _add_viz(nodes: dict[str, dict[str, Any]], edges: list[tuple[str, str, dict[str, Any]]]) -> None:
    """Degree, strength (sum of weights), colour (by party for parties, else by type), a size from the strength."""

    strength: dict[str, float] = dict.fromkeys(nodes, 0.0)
    degree: dict[str, int] = dict.fromkeys(nodes, 0)
    for s, t, a in edges:
        w = a["weight"]
        strength[s] += w
        strength[t] += w
        degree[s] += 1
        degree[t] += 1
    top = max(strength.values(), default=1.0) or 1.0
    colours: dict[tuple[str, Any, Any], str] = {}
    parties = party_colours() if any(a["type"] == "party" for a in nodes.values()) else {}
    for node, attrs in nodes.items():
        attrs["degree"] = degree[node]
        attrs["strength"] = strength[node]
        kind = attrs["type"]
        key = (kind, attrs.get("party"), attrs.get("label")) if kind == "party" else (kind, None, None)
        if key not in colours:
            colours[key] = node_colour(kind, attrs, parties)
        attrs["color"] = colours[key]
        attrs["size"] = round(4.0 + 16.0 * math.sqrt(strength[node] / top), 2)


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
    from kg.query.service import make_resolver

    path = network_dir() / f"{name}.rq"
    if not path.exists():
        names = ", ".join(sorted(list_networks())) or "none"
        raise ExportError(f"no network query {name!r}", hint=f"use one of {names} (files in {path.parent})")
    q = load_query(path)
    t0 = time.perf_counter()
    if progress:
        progress(f"running the {name} network query")
    text = bind_params(q, params or {}, make_resolver())
    cols, rows = query_rows(open_store(data), text, culprit=str(path))
    if progress:
        progress(f"{len(rows):,} rows in {time.perf_counter() - t0:.1f} s; building the network")
    return network_from_rows(cols, rows, name=name, title=q.title or q.summary, directed="directed" in q.tags)


def query_rows(store: Any, text: str, culprit: str = "query") -> tuple[list[str], list[list[Any]]]:
    """Run a SELECT on the union of all graphs; rows of Python values (None when unbound).

    Faster than :func:`kg.query.run.run_on_store` for large results: no Term objects.
    """
    from pyoxigraph import Literal, NamedNode

    from kg.errors import QueryError

    try:
        from kg.query.run import dataset_of

        result = store.query(text, **dataset_of(store, text))
    except (SyntaxError, OSError) as err:
        raise QueryError(f"query failed: {str(err).splitlines()[0][:300]}", culprit=culprit) from None
    if not hasattr(result, "variables"):
        raise QueryError("a network query must be a SELECT", culprit=culprit)
    cols = [v.value for v in result.variables]
    n = range(len(cols))
    conv: dict[str, Callable[[str], Any]] = dict.fromkeys(_INTS, int)
    conv.update(dict.fromkeys(_FLOATS, float))
    conv[_XSD + "boolean"] = lambda v: v in {"true", "1"}

    def py(term: Any) -> Any:
        if term is None:
            return None
        value = term.value
        if isinstance(term, Literal):
            if value == "":
                return None
            f = conv.get(term.datatype.value)
            if f is not None:
                try:
                    return f(value)
                except ValueError:
                    return value
            return value
        return value if isinstance(term, NamedNode) else f"_:{value}"

    rows = [[py(sol[i]) for i in n] for sol in result]
    return cols, rows
