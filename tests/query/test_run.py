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


def test_a_query_without_graph_sees_only_the_union_graph(store) -> None:
    ds = dataset_of(store, "SELECT * WHERE { ?s ?p ?o }  # no GRAPH clause here, only in this comment")
    assert set(ds) == {"default_graph"}
    assert ds["default_graph"].value == vocab.UNION_GRAPH


@pytest.mark.parametrize("text", [
    "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
    "select ?g where { graph ?g { ?s ?p ?o } }",
    'SELECT ?g WHERE { GRAPH ?g { ?s ?p "# not a comment" } }',
])
def test_a_query_with_graph_sees_the_article_graphs_as_named(store, text: str) -> None:
    ds = dataset_of(store, text)
    assert ds["default_graph"].value == vocab.UNION_GRAPH
    names = {g.value for g in ds["named_graphs"]}
    assert names and vocab.UNION_GRAPH not in names


def test_without_text_the_dataset_is_unchanged(store) -> None:
    assert "named_graphs" in dataset_of(store)


def test_graph_queries_do_not_see_the_union_graph(store) -> None:
    table = run_on_store(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = {row[0].value for row in table.rows}
    assert graphs and vocab.UNION_GRAPH not in graphs


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


def test_a_query_naming_the_union_graph_sees_every_graph_unlisted(store) -> None:
    text = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{vocab.UNION_GRAPH}>) }}"
    ds = dataset_of(store, text)
    assert set(ds) == {"default_graph"} and ds["default_graph"].value == vocab.UNION_GRAPH
    graphs = {row[0].value for row in run_on_store(store, text).rows}
    assert graphs and vocab.UNION_GRAPH not in graphs
    # named only in a comment, the union graph does not change the dataset
    assert "named_graphs" in dataset_of(store, f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}  # <{vocab.UNION_GRAPH}>")


def _texts() -> dict[str, str]:
    from kg.export.network import network_dir
    from kg.query.service import catalog

    texts = {n: q.text for n, q in catalog().items()}
    texts.update({f"network/{p.stem}": p.read_text(encoding="utf-8") for p in network_dir().glob("*.rq")})
    return texts


def _union_aware() -> list[str]:
    return sorted(n for n, text in _texts().items() if f"<{vocab.UNION_GRAPH}>" in text)


def test_the_graph_reading_queries_name_the_union_graph() -> None:
    assert {"tickets", "ticket-parties", "conflicts", "network/party-ticket"} <= set(_union_aware())


@pytest.mark.parametrize("name", _union_aware())
def test_union_aware_queries_give_the_rows_of_the_listed_graphs(store, name: str) -> None:
    """The same rows whether the article graphs are listed or the query keeps the union graph out itself."""
    from pyoxigraph import NamedNode

    text = _texts()[name]
    cheap = sorted(map(repr, store.query(text, **dataset_of(store, text))))
    listed = sorted(map(repr, store.query(text, default_graph=NamedNode(vocab.UNION_GRAPH),
                                          named_graphs=[g for g in store.named_graphs()
                                                        if g.value != vocab.UNION_GRAPH])))
    assert cheap == listed
    assert cheap or name == "conflicts"  # the bundled articles do not disagree
