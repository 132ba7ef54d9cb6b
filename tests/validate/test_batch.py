"""validate_quads_batch gives every article the report validate_quads gives it alone.

The article graphs are the named graphs of the case files (4 valid, 68
invalid, every one named ``graph:article/case`` in the invalid files, so the
batch mixes graphs that describe the same nodes differently), plus graphs
built to catch a union hiding a fault: an article that uses a node whose type
only another article states.
"""
from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from kg.validate.shacl import (
    load_shapes,
    validate_quads,
    validate_quads_batch,
)
from kg.validate.shacl.shapes import _HashedList, prepare_shapes

pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated, use Dataset:DeprecationWarning")

CASES = Path(__file__).parent / "cases"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PERSON = "https://w3id.org/pilkada-kg/ns#Person"


@pytest.fixture(scope="module")
def shapes():
    return load_shapes()


def graphs_of(path: Path) -> list[list]:
    """The quads of each named graph of a TriG file (default-graph triples as one more list)."""
    import pyoxigraph

    by_graph: dict = {}
    for quad in pyoxigraph.parse(path.read_bytes(), format=pyoxigraph.RdfFormat.TRIG):
        by_graph.setdefault(quad.graph_name, []).append(quad)
    return list(by_graph.values())


def renamed(quads: list, graph: str) -> list:
    import pyoxigraph

    name = pyoxigraph.NamedNode(graph)
    return [pyoxigraph.Quad(q.subject, q.predicate, q.object, name) for q in quads]


def comparable(report) -> tuple:
    return report.conforms, report.violations, report.focus_nodes


@pytest.fixture(scope="module")
def all_case_graphs() -> list[list]:
    graphs = [g for case in sorted(CASES.glob("*/*.trig")) for g in graphs_of(case)]
    assert len(graphs) >= 72
    return graphs


@pytest.fixture(scope="module")
def singles(all_case_graphs, shapes) -> list:
    return [validate_quads(g, shapes) for g in all_case_graphs]


def test_batch_equals_singles_on_every_case(all_case_graphs, singles, shapes):
    batch = validate_quads_batch(all_case_graphs, shapes)
    assert len(batch) == len(all_case_graphs)
    for graph, single, batched in zip(all_case_graphs, singles, batch):
        assert comparable(batched) == comparable(single), (graph[0].graph_name, single.to_text(), batched.to_text())
    assert sum(not r.conforms for r in batch) >= 68


def test_batch_equals_singles_in_any_order_and_size(all_case_graphs, singles, shapes):
    order = list(range(len(all_case_graphs)))
    random.Random(4).shuffle(order)
    for size in (2, 7, len(order)):
        for start in range(0, len(order), size):
            chunk = order[start:start + size]
            batch = validate_quads_batch([all_case_graphs[i] for i in chunk], shapes)
            assert [comparable(r) for r in batch] == [comparable(singles[i]) for i in chunk]


def test_valid_articles_batch_clean(shapes):
    graphs = [renamed(g, f"https://w3id.org/pilkada-kg/graph/article/v{i}-{k}")
              for i in range(3) for k, g in enumerate(graphs_of(CASES / "valid" / "article-full.trig"))]
    batch = validate_quads_batch(graphs, shapes)
    assert all(r.conforms and r.violations == () and r.focus_nodes > 0 for r in batch)
    assert [comparable(r) for r in batch] == [comparable(validate_quads(g, shapes)) for g in graphs]


def test_a_type_stated_by_another_article_does_not_hide_a_fault(shapes):
    """B drops its person stubs' rdf:type: alone it fails sh:class; next to A (which types them) it must still fail."""
    (full,) = [g for g in graphs_of(CASES / "valid" / "article-full.trig") if len(g) > 20]
    a = renamed(full, "https://w3id.org/pilkada-kg/graph/article/a")
    b = renamed([q for q in full if not (q.predicate.value == RDF_TYPE and q.object.value == PERSON)],
                "https://w3id.org/pilkada-kg/graph/article/b")
    alone = validate_quads(b, shapes)
    assert not alone.conforms
    for batch_input, index in (([a, b], 1), ([b, a], 0), ([a, b, a], 1)):
        reports = validate_quads_batch(batch_input, shapes)
        assert comparable(reports[index]) == comparable(alone)
        assert all(r.conforms for i, r in enumerate(reports) if i != index)


def test_plain_rdflib_shapes_graph_gives_the_same_reports(all_case_graphs, singles):
    import rdflib

    from kg.validate.shacl import SHAPES_PATH

    plain = rdflib.Graph().parse(str(SHAPES_PATH), format="turtle")
    assert [comparable(validate_quads(g, plain)) for g in all_case_graphs] == [comparable(r) for r in singles]
    assert [comparable(r) for r in validate_quads_batch(all_case_graphs, plain)] == [comparable(r) for r in singles]


def test_batch_of_none_and_one(all_case_graphs, singles, shapes):
    assert validate_quads_batch([], shapes) == []
    (one,) = validate_quads_batch([all_case_graphs[0]], shapes)
    assert comparable(one) == comparable(singles[0])


def test_shapes_are_batchable_and_reports_name_the_article(shapes):
    assert prepare_shapes(shapes).batchable
    graphs = graphs_of(CASES / "invalid" / "statement--theme-not-in-scheme.trig")
    for report in validate_quads_batch(graphs, shapes):
        assert all(v.graph == "https://w3id.org/pilkada-kg/graph/article/case" for v in report.violations)


def test_hashed_list_is_the_list():
    from rdflib import Literal, URIRef

    items = [URIRef("http://x/a"), URIRef("http://x/b")]
    hashed = _HashedList(items)
    assert hashed == items and list(hashed) == items
    assert URIRef("http://x/a") in hashed and URIRef("http://x/c") not in hashed
    assert Literal("http://x/a") not in hashed and [] not in hashed
    copy = hashed.copy()
    copy.append(URIRef("http://x/c"))
    assert URIRef("http://x/c") not in hashed and len(hashed) == 2
    assert dataclasses.is_dataclass(type(prepare_shapes(load_shapes())))
