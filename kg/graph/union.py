"""The union and consolidated graphs, kept exact as articles come and go.

The union graph is the set union of every graph of a build: Oxigraph's "default
graph as union" is a bag (a triple stated by n articles matches n times), which
multiplies joins; the whole-graph checks (:mod:`kg.validate.checks`) read it.

The consolidated graph (:mod:`kg.graph.consolidate`) is what saved queries read:
the same copy, except the claimed properties (a ticket's head, a holding's
qualifier…), whose truthy values and claims :func:`kg.graph.consolidate.consolidate`
writes once the article graphs are in place.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def with_union(quads: Iterable[Any]) -> Iterator[Any]:
    """Each quad, its triple in the union graph, and in the consolidated graph unless an article claims it."""
    import pyoxigraph

    from kg import vocab
    from kg.graph.consolidate import is_claimed

    union = pyoxigraph.NamedNode(vocab.UNION_GRAPH)
    consolidated = pyoxigraph.NamedNode(vocab.CONSOLIDATED_GRAPH)
    for q in quads:
        yield q
        yield pyoxigraph.Quad(q.subject, q.predicate, q.object, union)
        if not is_claimed(q):
            yield pyoxigraph.Quad(q.subject, q.predicate, q.object, consolidated)


def remove_article_graph(store: Any, graph: str) -> None:
    """Remove one article graph, and from the union and consolidated graphs the triples no other graph states.

    The claims and truthy facts of the graph's entities are left to :func:`kg.graph.consolidate.consolidate`,
    which the caller runs for them once the article graphs are settled.
    """
    import pyoxigraph

    from kg import vocab

    derived = f"<{vocab.UNION_GRAPH}> <{vocab.CONSOLIDATED_GRAPH}>"
    store.update(f"""DELETE {{ GRAPH ?d {{ ?s ?p ?o }} }}
WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }}
    FILTER(?h != <{graph}> && ?h != <{vocab.UNION_GRAPH}> && ?h != <{vocab.CONSOLIDATED_GRAPH}>) }}
  VALUES ?d {{ {derived} }} }}""")
    store.remove_graph(pyoxigraph.NamedNode(graph))
