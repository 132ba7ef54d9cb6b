"""The union graph: the set union of every graph of a build, kept exact as articles come and go.

Oxigraph's "default graph as union" is a bag (a triple stated by n articles
matches n times), which multiplies joins; saved queries read this
materialised union instead (see :func:`kg.query.run.dataset_of`).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def with_union(quads: Iterable[Any]) -> Iterator[Any]:
    """Each quad, and its triple in the union graph (the store keeps one copy of a repeated triple)."""
    import pyoxigraph

    from kg import vocab

    union = pyoxigraph.NamedNode(vocab.UNION_GRAPH)
    for q in quads:
        yield q
        yield pyoxigraph.Quad(q.subject, q.predicate, q.object, union)


def remove_article_graph(store: Any, graph: str) -> None:
    """Remove one article graph, and from the union graph the triples no other graph states."""
    import pyoxigraph

    from kg import vocab

    store.update(f"""DELETE {{ GRAPH <{vocab.UNION_GRAPH}> {{ ?s ?p ?o }} }}
WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != <{graph}> && ?h != <{vocab.UNION_GRAPH}>) }} }}""")
    store.remove_graph(pyoxigraph.NamedNode(graph))
