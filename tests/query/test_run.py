"""kg.query.run: the dataset a query sees, and the conversion of result terms."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg import vocab
from kg.graph.store import open_store
from kg.query.run import _converter, dataset_of, run_on_store, term_from_oxigraph


@pytest.fixture(scope="module")
def store(built: Path):  # type: ignore[no-untyped-def]
    return open_store(built)


def test_a_query_without_graph_sees_only_the_consolidated_graph(store) -> None:
    ds = dataset_of(store, "SELECT * WHERE { ?s ?p ?o }  # no GRAPH clause here, only in this comment")
    assert set(ds) == {"default_graph"}
    assert ds["default_graph"].value == vocab.CONSOLIDATED_GRAPH


@pytest.mark.parametrize("text", [
    "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
    "select ?g where { graph ?g { ?s ?p ?o } }",
    'SELECT ?g WHERE { GRAPH ?g { ?s ?p "# not a comment" } }',
])
def test_a_query_with_graph_sees_the_article_graphs_as_named(store, text: str) -> None:
    ds = dataset_of(store, text)
    assert ds["default_graph"].value == vocab.CONSOLIDATED_GRAPH
    names = {g.value for g in ds["named_graphs"]}
    # every graph but the union graph, which `kg push` does not upload: as a server lists them
    assert vocab.CONSOLIDATED_GRAPH in names and vocab.UNION_GRAPH not in names
    assert any(n.startswith(vocab.GRAPH + "article/") for n in names)


def test_without_text_the_dataset_is_unchanged(store) -> None:
    assert "named_graphs" in dataset_of(store)


def test_graph_queries_do_not_see_the_union_graph(store) -> None:
    table = run_on_store(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = {row[0].value for row in table.rows}
    assert vocab.UNION_GRAPH not in graphs
    assert {vocab.CONSOLIDATED_GRAPH, vocab.REFERENCE_GRAPH, vocab.ONTOLOGY_GRAPH} <= graphs


def test_the_cached_converter_gives_the_same_terms(store) -> None:
    from pyoxigraph import NamedNode

    convert = _converter()
    seen = 0
    for quad in store.quads_for_pattern(None, None, None, NamedNode(vocab.UNION_GRAPH)):
        for term in (quad.subject, quad.predicate, quad.object, quad.object):
            assert convert(term) == term_from_oxigraph(term)
        seen += 1
        if seen > 20_000:
            break
    assert convert(None) is None


def test_no_saved_query_names_a_derived_graph() -> None:
    """Saved queries read the consolidated graph as their default graph and never name it or the union."""
    from kg.query.service import catalog

    for name, q in catalog().items():
        assert vocab.UNION_GRAPH not in q.text and vocab.CONSOLIDATED_GRAPH not in q.text, name
