"""SHACL shapes (ontology/shapes.ttl) against case files.

* ``cases/valid/*.trig`` must conform with no result at all.
* ``cases/invalid/<shape>--<what>.trig`` must yield exactly the results listed
  in ``<shape>--<what>.expected.yaml``: a list of ``{focus, path, shape}``
  written with the short prefixes of ``kg.validate.shacl.shorten`` (``id:``,
  ``pk:``, ``pks:``), compared as sets.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg import vocab
from kg.validate import ValidationReport, Violation, load_shapes, validate_graph, validate_nquads
from kg.validate.shacl import shorten

# rdflib 7.6 warns about its own Dataset internals on every union lookup
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated, use Dataset:DeprecationWarning")

CASES = Path(__file__).parent / "cases"
VALID = sorted((CASES / "valid").glob("*.trig"))
INVALID = sorted((CASES / "invalid").glob("*.trig"))


@pytest.fixture(scope="module")
def shapes():
    return load_shapes()


def read_case(path: Path):
    import rdflib

    return rdflib.Dataset(default_union=True).parse(str(path), format="trig")


def result_keys(report: ValidationReport) -> set[tuple[str, str | None, str]]:
    return {(shorten(v.focus), shorten(v.path) if v.path else None, shorten(v.shape))
            for v in report.violations}


def test_there_are_cases():
    assert len(VALID) >= 3
    assert len(INVALID) >= 40
    for case in INVALID:
        assert case.with_suffix(".expected.yaml").exists(), f"{case.name}: no .expected.yaml"


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_case_conforms(case: Path, shapes):
    report = validate_graph(read_case(case), shapes)
    assert report.conforms, report.to_text()
    assert report.violations == (), report.to_text()
    assert report.focus_nodes > 0


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_invalid_case_reports_expected(case: Path, shapes):
    expected_rows = yaml.safe_load(case.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    expected = {(row["focus"], row.get("path"), row["shape"]) for row in expected_rows}
    report = validate_graph(read_case(case), shapes)
    assert not report.conforms
    assert result_keys(report) == expected, report.to_text()


def test_every_shape_has_an_iri_and_label(shapes):
    from rdflib import URIRef
    from rdflib.namespace import RDF, RDFS, SH

    declared = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    referenced = set(shapes.objects(None, SH.property))
    for shape in declared | referenced:
        assert isinstance(shape, URIRef), f"blank-node shape: {shape}"
        assert shape.startswith("https://w3id.org/pilkada-kg/shapes#"), shape
        assert shapes.value(shape, RDFS.label) is not None, f"{shape} has no rdfs:label"
    assert not list(shapes.subjects(SH.sparql, None)), "no sh:sparql: see perf-baseline §6"


def test_every_shape_is_exercised_by_an_invalid_case(shapes):
    from rdflib.namespace import RDF, SH

    property_shapes = {shorten(str(s)) for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    covered = set()
    for case in INVALID:
        for row in yaml.safe_load(case.with_suffix(".expected.yaml").read_text(encoding="utf-8")):
            covered.add(row["shape"])
    # value-range shapes the cases do not need to break one by one
    untested = property_shapes - covered - {
        "pks:Ticket-coalition", "pks:Ticket-matchesRecord", "pks:Article-fileName",
        "pks:Statement-statementDate", "pks:Event-election", "pks:CoalitionMembership-memberOf",
        "pks:TicketRecord-deputyName", "pks:TicketRecord-region", "pks:TicketRecord-electionYear",
        "pks:TicketRecord-ballotNumber", "pks:TicketRecord-independent",
    }
    assert not untested, f"property shapes without an invalid case: {sorted(untested)}"


def test_nquads_results_name_the_offending_article(shapes):
    """Two article graphs through pyoxigraph N-Quads: only the bad one is named."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(CASES / "valid" / "article-full.trig"), format=pyoxigraph.RdfFormat.TRIG)
    store.load(path=str(CASES / "invalid" / "statement--theme-not-in-scheme.trig"),
               format=pyoxigraph.RdfFormat.TRIG)
    data = store.dump(format=pyoxigraph.RdfFormat.N_QUADS)
    report = validate_nquads(data, shapes)
    assert not report.conforms
    assert report.offending_graphs() == {vocab.GRAPH + "article/case"}
    (violation,) = report.violations
    assert violation.graph == vocab.GRAPH + "article/case"
    assert violation.value == vocab.THEME + "olahraga"
    assert violation.path == vocab.theme


def test_nquads_valid_articles_conform(shapes):
    import pyoxigraph

    store = pyoxigraph.Store()
    for case in VALID:
        store.load(path=str(case), format=pyoxigraph.RdfFormat.TRIG)
    report = validate_nquads(store.dump(format=pyoxigraph.RdfFormat.N_QUADS), shapes)
    assert report.conforms, report.to_text()


def test_ontology_graph_supplies_subclasses(shapes):
    """A revote typed only pk:Revote is a pk:Election once the ontology is given."""
    import rdflib

    data = read_case(CASES / "valid" / "holding-open-acting.trig")
    data.parse(format="trig", data="""
        @prefix pk: <https://w3id.org/pilkada-kg/ns#> .
        @prefix prov: <http://www.w3.org/ns/prov#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/pilkada-kg/graph/article/kaltim-002> {
          <https://w3id.org/pilkada-kg/id/election/64/2024/psu> a pk:Revote ;
              pk:region <https://w3id.org/pilkada-kg/id/region/64> ;
              pk:repeats <https://w3id.org/pilkada-kg/id/election/64/2024/psu> ;
              prov:wasDerivedFrom <https://w3id.org/pilkada-kg/id/evidence/kaltim-002/0-40> .
        }""")
    without = validate_graph(data, shapes)
    assert {(shorten(v.focus), shorten(v.shape)) for v in without.violations} == {
        ("id:election/64/2024/psu", "pks:Revote-repeats")}
    ontology = rdflib.Graph().parse(Path(__file__).parents[2] / "ontology" / "pilkada.ttl")
    assert validate_graph(data, shapes, ontology=ontology).conforms


def test_report_merge_and_text():
    a = ValidationReport(True, (Violation("https://w3id.org/pilkada-kg/id/x", None, "check-a", "hm",
                                          severity="Warning"),), focus_nodes=2, seconds=0.5)
    b = ValidationReport(False, (Violation("https://w3id.org/pilkada-kg/id/y", vocab.head,
                                           "https://w3id.org/pilkada-kg/shapes#Ticket-head", "bad",
                                           graph=vocab.GRAPH + "article/1", value="v"),), 3, 0.25)
    merged = a.merge(b)
    assert not merged.conforms
    assert merged.violations == a.violations + b.violations
    assert (merged.focus_nodes, merged.seconds) == (5, 0.75)
    lines = merged.to_text().splitlines()
    assert lines[0].startswith("does not conform: 1 violation, 1 warning")
    assert lines[2].split() == ["Violation", "pks:Ticket-head", "id:y", "pk:head", "bad",
                                "value=v", "graph=graph:article/1"]
    assert merged.offending_graphs() == {vocab.GRAPH + "article/1"}
