"""Run a query on the embedded store and return a :class:`Table` of RDF terms."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kg.errors import QueryError, redact_url


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
        if term.language or dtype == XSD_STRING:
            dtype = None
        return Term("literal", term.value, dtype, term.language)
    return Term("literal", str(term))


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _converter() -> Any:
    """A ``term_from_oxigraph`` for one result: each distinct term converted once (a repeated
    region, year or office label is the same frozen :class:`Term`), dispatch on the exact type."""
    from pyoxigraph import BlankNode, Literal, NamedNode

    seen: dict[Any, Term | None] = {None: None}

    def convert(term: Any) -> Term | None:
        try:
            return seen[term]
        except KeyError:
            pass
        except TypeError:                     # an unhashable term (a quoted triple): no cache
            return term_from_oxigraph(term)
        kind = type(term)
        if kind is NamedNode:
            out = Term("uri", term.value)
        elif kind is Literal:
            lang = term.language
            datatype = None if lang else term.datatype
            dtype = datatype.value if datatype is not None else None
            out = Term("literal", term.value, None if dtype == XSD_STRING else dtype, lang)
        elif kind is BlankNode:
            out = Term("bnode", term.value)
        else:
            out = term_from_oxigraph(term)
        seen[term] = out
        return out

    return convert


def dataset_of(store: Any, text: str | None = None) -> dict[str, Any]:
    """How a saved query sees a build: the union graph as default graph, the other graphs as named.

    Builds made before the union graph existed fall back to Oxigraph's union default graph.
    Given the query ``text``, the named graphs are listed only when it has a ``GRAPH`` clause:
    a query that names no graph gets the union graph alone. Listing them costs a walk over every
    graph of the build, and Oxigraph evaluates a query with an explicit list of named graphs
    about twice as slowly, even when the query never reads them (measured on a 1,000-article build).
    The named graphs are every graph of the build but the union graph, which ``kg push`` does not
    upload: the article, reference, ontology and consolidated graphs, as a server holding a pushed
    build lists them (Virtuoso lists the default graph among the named ones whatever the request says).
    """
    from pyoxigraph import NamedNode

    from kg import vocab

    consolidated = NamedNode(vocab.CONSOLIDATED_GRAPH)
    if store.contains_named_graph(consolidated):
        union = consolidated
    else:                   # a build made before the consolidated graph existed
        union = NamedNode(vocab.UNION_GRAPH)
    if not store.contains_named_graph(union):
        return {"use_default_graph_as_union": True}
    if text is not None:
        body = _strip_comments(text)
        if not _USES_GRAPH.search(body):
            return {"default_graph": union}
    derived = NamedNode(vocab.UNION_GRAPH)
    return {"default_graph": union, "named_graphs": [g for g in store.named_graphs() if g != derived]}


_USES_GRAPH = re.compile(r"\bGRAPH\b|\bFROM\b|\bSERVICE\b", re.IGNORECASE)
# a comment: '#' outside IRIs and string literals, up to the end of the line
_COMMENT = re.compile(r'("(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>)|#[^\n]*')


def _strip_comments(text: str) -> str:
    return _COMMENT.sub(lambda m: m.group(1) or "", text)


def run_on_store(store: Any, text: str, culprit: str = "query") -> Table:
    """Run a SELECT on a pyoxigraph store, the union of all graphs as the default graph.

    The rows are read inside the same guard as the query: Oxigraph evaluates lazily,
    so a failure while reading them (a ``SERVICE`` target answering 500, a store
    read error) surfaces during the iteration, and it is one QueryError line too.
    """
    import pyoxigraph

    boolean = (bool, getattr(pyoxigraph, "QueryBoolean", bool))      # pyoxigraph 0.5 answers ASK with QueryBoolean
    try:
        result = store.query(text, **dataset_of(store, text))
        if isinstance(result, boolean):
            return Table(("result",), ((Term("literal", str(bool(result)).lower(), XSD + "boolean"),),))
        if not hasattr(result, "variables"):
            raise QueryError("only SELECT and ASK queries can be tabulated", culprit=culprit,
                             hint="use `kg export` for CONSTRUCT output")
        columns = tuple(v.value for v in result.variables)
        convert = _converter()
        index = range(len(columns))
        rows = tuple(tuple([convert(sol[i]) for i in index]) for sol in result)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {_first_line(err)}", culprit=culprit) from None
    except (OSError, RuntimeError, ValueError) as err:
        raise QueryError(f"query failed: {_first_line(err)}", culprit=culprit) from None
    return Table(columns, rows)


def _first_line(err: BaseException) -> str:
    return redact_url((str(err).strip().splitlines() or [type(err).__name__])[0][:300])


XSD = "http://www.w3.org/2001/XMLSchema#"
