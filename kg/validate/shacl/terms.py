"""RDF terms between pyoxigraph (the build's quads) and rdflib (pyshacl's data graphs), and as reports write them."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

def is_named(term: Any) -> bool:
    import pyoxigraph

    return isinstance(term, pyoxigraph.NamedNode)


_TERMS: dict[Any, Any] = {}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def rdflib_term(term: Any) -> Any:
    """The rdflib term of a pyoxigraph term, as rdflib's N-Triples parser would make it."""
    found = _TERMS.get(term)
    if found is not None:
        return found
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, pyoxigraph.NamedNode):
        found = URIRef(term.value)
    elif isinstance(term, pyoxigraph.Literal):
        if term.language:
            found = Literal(term.value, lang=term.language)
        elif term.datatype.value == XSD_STRING:
            found = Literal(term.value)
        else:
            found = Literal(term.value, datatype=URIRef(term.datatype.value))
    elif isinstance(term, pyoxigraph.BlankNode):
        found = BNode(term.value)
    else:  # pragma: no cover - RDF-star triples are not article data
        raise TypeError(f"cannot validate term {term!r}")
    if len(_TERMS) > 200_000:
        _TERMS.clear()
    _TERMS[term] = found
    return found


def to_rdflib_graph(articles: Iterable[Sequence[Any]]) -> Any:
    """One rdflib Graph holding the triples of the given quads (graph names dropped)."""
    import rdflib

    graph = rdflib.Graph()
    add = graph.store.add
    for quads in articles:
        for q in quads:
            add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)), graph)
    return graph


def term_text(term: Any) -> str:
    """An IRI as is, a literal as its lexical form, a blank node as ``_:id``."""
    from rdflib import BNode

    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def local_name(iri: Any) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
