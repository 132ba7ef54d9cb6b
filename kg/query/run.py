"""Run a query on the embedded store and return a :class:`Table` of RDF terms."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.errors import QueryError


@dataclass(frozen=True, slots=True)
class Term:
    """One RDF term of a result row, as the SPARQL 1.1 JSON results format sees it."""

    type: str                      # uri | literal | bnode
    value: str
    datatype: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]

    def values(self) -> list[dict[str, str]]:
        return [{c: (t.value if t is not None else "") for c, t in zip(self.columns, row)} for row in self.rows]


def term_from_oxigraph(term: Any) -> Term | None:
    if term is None:
        return None
    from pyoxigraph import BlankNode, Literal, NamedNode

    if isinstance(term, NamedNode):
        return Term("uri", term.value)
    if isinstance(term, BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, Literal):
        dtype = term.datatype.value if term.datatype is not None else None
        if term.language or dtype == "http://www.w3.org/2001/XMLSchema#string":
            dtype = None
        return Term("literal", term.value, dtype, term.language)
    return Term("literal", str(term))


def dataset_of(store: Any) -> dict[str, Any]:
    """How a saved query sees a build: the union graph as default graph, the other graphs as named.

    Builds made before the union graph existed fall back to Oxigraph's union default graph.
    """
    from pyoxigraph import NamedNode

    from kg import vocab

    union = NamedNode(vocab.UNION_GRAPH)
    if not store.contains_named_graph(union):
        return {"use_default_graph_as_union": True}
    return {"default_graph": union, "named_graphs": [g for g in store.named_graphs() if g != union]}


def run_on_store(store: Any, text: str, culprit: str = "query") -> Table:
    """Run a SELECT on a pyoxigraph store, the union of all graphs as the default graph."""
    try:
        result = store.query(text, **dataset_of(store))
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {str(err).splitlines()[0][:300]}", culprit=culprit) from None
    except OSError as err:
        raise QueryError(f"query failed: {str(err).splitlines()[0][:300]}", culprit=culprit) from None
    if isinstance(result, bool):
        return Table(("result",), ((Term("literal", str(result).lower(), "http://www.w3.org/2001/XMLSchema#boolean"),),))
    if not hasattr(result, "variables"):
        raise QueryError("only SELECT and ASK queries can be tabulated", culprit=culprit,
                         hint="use `kg export` for CONSTRUCT output")
    columns = tuple(v.value for v in result.variables)
    rows = tuple(tuple(term_from_oxigraph(sol[c]) for c in columns) for sol in result)
    return Table(columns, rows)
