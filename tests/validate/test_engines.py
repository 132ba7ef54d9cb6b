"""The rudof engine (pyrudof) gives article graphs the results pyshacl gives them.

Every named graph of the case files goes through ``validate_quads`` with
both engines; the reports must agree on conformance, focus-node count and
every result's focus, path, shape, severity and value (messages are each
engine's wording). Skipped without pyrudof. benchmarks/shacl_parity.py runs
the same comparison on a synthetic corpus and thousands of mutated articles.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg.validate import shacl
from kg.validate.shacl import load_shapes, rudof_engine, shacl_engine, validate_quads, validate_quads_batch
from kg.validate.shacl.shapes import prepare_shapes

pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated, use Dataset:DeprecationWarning")

CASES = Path(__file__).parent / "cases"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def shapes():
    return load_shapes()


def case_graphs() -> list[tuple[str, list]]:
    import pyoxigraph

    out = []
    for case in sorted(CASES.glob("*/*.trig")):
        by_graph: dict = {}
        for q in pyoxigraph.parse(case.read_bytes(), format=pyoxigraph.RdfFormat.TRIG):
            by_graph.setdefault(q.graph_name, []).append(q)
        out += [(f"{case.parent.name}/{case.stem}", g) for g in by_graph.values()]
    return out


def results(report) -> tuple:
    return report.conforms, report.focus_nodes, Counter(
        (v.focus, v.path, v.shape, v.severity, v.value, v.graph) for v in report.violations)


def test_engine_choice(monkeypatch):
    monkeypatch.delenv("KG_SHACL_ENGINE", raising=False)
    assert shacl_engine() == "pyshacl"
    monkeypatch.setenv("KG_SHACL_ENGINE", "Rudof")
    assert shacl_engine() == "rudof"
    assert shacl_engine("pyshacl") == "pyshacl"
    monkeypatch.setenv("KG_SHACL_ENGINE", "jena")
    with pytest.raises(ValueError, match="unknown SHACL engine"):
        shacl_engine()


def rudof_alone(quads, shapes) -> Counter:
    """pyrudof's own results, without the hand-over to pyshacl."""
    found = rudof_engine.rudof_violations(quads, prepare_shapes(shapes), strict=False)
    return Counter((v.focus, v.path, v.shape, v.severity, v.value) for v in found)


@pytest.mark.parametrize("label,quads", case_graphs(), ids=lambda x: x if isinstance(x, str) else "")
def test_rudof_agrees_with_pyshacl_on_cases(label, quads, shapes):
    pytest.importorskip("pyrudof")
    by_pyshacl = validate_quads(quads, shapes, engine="pyshacl")
    assert results(validate_quads(quads, shapes, engine="rudof")) == results(by_pyshacl)
    # and rudof on its own, for every case it is given: the same verdict, and the same results
    if not rudof_engine.reads_differently(quads, prepare_shapes(shapes)):
        assert rudof_alone(quads, shapes) == Counter((v.focus, v.path, v.shape, v.severity, v.value)
                                                     for v in by_pyshacl.violations)


def test_rudof_sees_most_cases_itself(shapes):
    prepared = prepare_shapes(shapes)
    handed_over = [label for label, g in case_graphs() if rudof_engine.reads_differently(g, prepared)]
    assert len(handed_over) <= 3, handed_over


def test_rudof_batch_is_per_article(shapes):
    pytest.importorskip("pyrudof")
    graphs = [g for _, g in case_graphs()]
    batch = validate_quads_batch(graphs, shapes, engine="rudof")
    assert [results(r) for r in batch] == [results(validate_quads(g, shapes)) for g in graphs]


@pytest.mark.parametrize("lexical,datatype", [("2024-02-30", "date"), ("2024", "date"), ("01", "integer")])
def test_data_rudof_reads_differently_goes_to_pyshacl(lexical, datatype, shapes):
    """rudof does not check xsd:date's lexical space; rdflib rewrites "01": pyshacl decides those articles."""
    pytest.importorskip("pyrudof")
    import pyoxigraph as ox

    (quads,) = [g for label, g in case_graphs() if label == "valid/article-full"][:1]
    holding = next(q for q in quads if q.predicate.value.endswith("#startDate") or
                   q.predicate.value.endswith("#sentenceIndex"))
    bad = ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype))
    mutated = [ox.Quad(q.subject, q.predicate, bad, q.graph_name) if q == holding else q for q in quads]
    assert rudof_engine.reads_differently(mutated, prepare_shapes(shapes))
    assert results(validate_quads(mutated, shapes, engine="rudof")) == \
        results(validate_quads(mutated, shapes, engine="pyshacl"))


def test_offsets_that_are_not_integers_go_to_pyshacl(shapes):
    """sh:lessThan between incomparable values: the engines report different subsets, pyshacl decides."""
    pytest.importorskip("pyrudof")
    import pyoxigraph as ox

    (quads,) = [g for label, g in case_graphs() if label == "valid/article-full"][:1]
    start = next(q for q in quads if q.predicate.value.endswith("#startOffset"))
    mutated = [ox.Quad(q.subject, q.predicate, ox.NamedNode("https://w3id.org/pilkada-kg/id/x"), q.graph_name)
               if q == start else q for q in quads]
    assert rudof_engine.reads_differently(mutated, prepare_shapes(shapes))
    report = validate_quads(mutated, shapes, engine="rudof")
    assert not report.conforms
    assert results(report) == results(validate_quads(mutated, shapes, engine="pyshacl"))


def test_a_child_forked_after_rudof_ran_validates_with_pyshacl(shapes):
    """rudof's worker threads do not survive a fork: a forked child must not wait for them forever."""
    pytest.importorskip("pyrudof")
    import multiprocessing

    graphs = [g for _, g in case_graphs()]
    validate_quads(graphs[0], shapes, engine="rudof")          # rudof has run in this process
    expected = [results(validate_quads(g, shapes)) for g in graphs[:4]]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1) as pool:
        got = pool.apply_async(_validate_in_child, (graphs[:4],)).get(timeout=120)
    assert got == expected


def _validate_in_child(graphs):
    from kg.validate.shacl import load_shapes as load

    return [results(validate_quads(g, load(), engine="rudof")) for g in graphs]
