"""Whole-graph SPARQL checks (kg/validate/checks.py) on small pyoxigraph stores.

Every check stays silent on the valid cases (articles plus the reference
graph) and fires on a small bad store made of the valid cases plus one
article graph that breaks exactly its rule.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg import vocab
from kg.validate import CHECKS, run_checks
from kg.validate.shacl import shorten

VALID = sorted((Path(__file__).parent / "cases" / "valid").glob("*.trig"))

PREFIXES = """
@prefix pk:       <https://w3id.org/pilkada-kg/ns#> .
@prefix prov:     <http://www.w3.org/ns/prov#> .
@prefix xsd:      <http://www.w3.org/2001/XMLSchema#> .
@prefix region:   <https://w3id.org/pilkada-kg/id/region/> .
@prefix party:    <https://w3id.org/pilkada-kg/id/party/> .
@prefix person:   <https://w3id.org/pilkada-kg/id/person/> .
@prefix qual:     <https://w3id.org/pilkada-kg/id/qualifier/> .
@prefix election: <https://w3id.org/pilkada-kg/id/election/64.08/> .
@prefix ticket:   <https://w3id.org/pilkada-kg/id/ticket/64.08/2024/> .
@prefix holding:  <https://w3id.org/pilkada-kg/id/holding/> .
@prefix ev:       <https://w3id.org/pilkada-kg/id/evidence/bad/> .
@prefix article:  <https://w3id.org/pilkada-kg/id/article/> .
@prefix graph:    <https://w3id.org/pilkada-kg/graph/article/> .
"""
EVIDENCE = """  article:bad a pk:Article .
  ev:0-9 a pk:Evidence ; pk:article article:bad ; pk:startOffset 0 ; pk:endOffset 9 .
"""


def holding(start: str, end: str) -> str:
    return f"""graph:bad {{ {EVIDENCE}
  holding:x a pk:OfficeHolding ; pk:holder person:kinsu ; pk:qualifier qual:definitive ;
      pk:startDate {start} ; pk:endDate {end} ; prov:wasDerivedFrom ev:0-9 . }}"""


# check name -> (TriG added to the valid store, expected (focus, value) pairs, shortened)
BAD = {
    "ticket-conflicting-candidates": (
        f"""graph:bad {{ {EVIDENCE}
  ticket:1 a pk:Ticket ; pk:head person:ardiansyah-sulaiman ; pk:deputy person:kinsu ;
      prov:wasDerivedFrom ev:0-9 . }}""",
        {("id:ticket/64.08/2024/1", None)},
    ),
    "ticket-head-is-deputy": (
        f"""graph:bad {{ {EVIDENCE}
  ticket:1 a pk:Ticket ; pk:deputy person:kasmidi-bulang ; prov:wasDerivedFrom ev:0-9 . }}""",
        {("id:ticket/64.08/2024/1", None)},
    ),
    "ticket-ballot-number-conflict": (
        f"""graph:bad {{ {EVIDENCE}
  ticket:2 a pk:Ticket ; pk:election election:2024 ; pk:head person:kasmidi-bulang ;
      pk:ballotNumber 2 ; prov:wasDerivedFrom ev:0-9 . }}""",
        {("id:person/kasmidi-bulang", None)},
    ),
    "holding-start-after-end": (
        holding('"2024"^^xsd:gYear', '"2021"^^xsd:gYear'), {("id:holding/x", "2024")},
    ),
    "fact-without-evidence": (
        """graph:bad { ticket:9 a pk:Ticket ; pk:head person:kinsu . }""",
        {("id:ticket/64.08/2024/9", None)},
    ),
    "evidence-incomplete": (
        f"""graph:bad {{ {EVIDENCE}
  ev:5-9 a pk:Evidence ; pk:startOffset 5 ; pk:endOffset 9 .
  ticket:9 a pk:Ticket ; pk:head person:kinsu ; prov:wasDerivedFrom ev:0-9 , ev:5-9 . }}""",
        {("id:ticket/64.08/2024/9", "id:evidence/bad/5-9")},
    ),
    "unknown-reference": (
        f"""graph:bad {{ {EVIDENCE}
  region:64.99 a pk:Region ; pk:kemendagriCode "64.99" .
  ticket:9 a pk:Ticket ; pk:backedBy party:PKS ; prov:wasDerivedFrom ev:0-9 .
  election:2029 a pk:Election ; pk:region region:65 ; prov:wasDerivedFrom ev:0-9 . }}""",
        {("id:region/64.99", None), ("id:party/PKS", None), ("id:region/65", None)},
    ),
    "evidence-offsets-reversed": (
        f"""graph:bad {{ {EVIDENCE}
  ev:9-9 a pk:Evidence ; pk:article article:bad ; pk:startOffset 9 ; pk:endOffset 9 .
  ev:9-3 a pk:Evidence ; pk:article article:bad ; pk:startOffset 9 ; pk:endOffset 3 . }}""",
        {("id:evidence/bad/9-9", "9"), ("id:evidence/bad/9-3", "3")},
    ),
}


def make_store(*extra_trig: str):
    import pyoxigraph

    store = pyoxigraph.Store()
    for case in VALID:
        store.load(path=str(case), format=pyoxigraph.RdfFormat.TRIG)
    for trig in extra_trig:
        store.load(PREFIXES + trig, format=pyoxigraph.RdfFormat.TRIG)
    return store


def by_check(report, name):
    return [v for v in report.violations if v.shape == name]


def test_registry_is_complete_and_tested():
    names = [check.name for check in CHECKS]
    assert len(names) == len(set(names))
    assert set(names) == set(BAD), "every check needs a bad store in BAD"
    for name, severity, query, message, scoped, grouped, _ in CHECKS:
        assert scoped is None or "{GRAPHS}" in scoped
        assert not grouped or "#FOCI" in query
        assert severity in {"Violation", "Warning", "Info"}
        assert "?focus" in query and query.lstrip().startswith("SELECT")
        assert "sh:sparql" not in query and message


def test_checks_are_silent_on_the_valid_store():
    report = run_checks(make_store())
    assert report.conforms
    assert report.violations == (), report.to_text()


@pytest.mark.parametrize("name", sorted(BAD))
def test_check_fires_on_bad_store(name: str):
    trig, expected = BAD[name]
    report = run_checks(make_store(trig))
    found = by_check(report, name)
    assert {(shorten(v.focus), shorten(v.value) if v.value else None) for v in found} == expected, \
        report.to_text()
    severity = next(check.severity for check in CHECKS if check.name == name)
    assert all(v.severity == severity for v in found)
    assert report.conforms == (severity != "Violation")
    assert all("?" not in v.message for v in found), [v.message for v in found]


@pytest.mark.parametrize("start, end, fires", [
    ('"2024"^^xsd:gYear', '"2021-02-26"^^xsd:date', True),        # mixed precision, later year
    ('"2021"^^xsd:gYear', '"2021-02-26"^^xsd:date', False),       # same year, cannot tell
    ('"2021-03"^^xsd:gYearMonth', '"2021-02-26"^^xsd:date', True),  # same year, later month
    ('"2021-02"^^xsd:gYearMonth', '"2021-02-26"^^xsd:date', False),
    ('"2021-02-27"^^xsd:date', '"2021-02-26"^^xsd:date', True),    # same datatype: compare values
    ('"2021-02-26"^^xsd:date', '"2021-02-26"^^xsd:date', False),   # one-day holding
    ('"2019"^^xsd:gYear', '"2024"^^xsd:gYear', False),
])
def test_holding_order_across_precisions(start: str, end: str, fires: bool):
    report = run_checks(make_store(holding(start, end)))
    assert bool(by_check(report, "holding-start-after-end")) is fires, report.to_text()


def test_violations_name_the_article_graph():
    trig, _ = BAD["evidence-offsets-reversed"]
    report = run_checks(make_store(trig))
    assert report.offending_graphs() == {vocab.GRAPH + "article/bad"}


def test_unknown_reference_ignores_the_reference_graph_itself():
    """A region typed only in the reference graph is known, not unknown."""
    store = make_store("""<https://w3id.org/pilkada-kg/graph/reference> {
        region:65 a pk:Region ; pk:kemendagriCode "65" . }""")
    assert not by_check(run_checks(store), "unknown-reference")


def test_run_checks_accepts_a_subset():
    subset = tuple(check for check in CHECKS if check.name == "fact-without-evidence")
    trig, _ = BAD["evidence-offsets-reversed"]
    report = run_checks(make_store(trig), checks=subset)
    assert report.conforms and report.violations == ()


@pytest.mark.parametrize("name", sorted(c.name for c in CHECKS if c.scoped))
def test_a_scoped_check_finds_the_same_in_its_graphs_and_nothing_elsewhere(name):
    """A rebuild checks per-graph rules on the graphs it wrote only: same findings there, none outside."""
    from kg import vocab

    trig, _ = BAD[name]
    store = make_store(trig)
    bad = vocab.GRAPH + "article/bad"
    keys = lambda report: {(v.focus, v.value, v.graph) for v in by_check(report, name)}  # noqa: E731
    everything = keys(run_checks(store))
    assert everything
    assert keys(run_checks(store, graphs=[bad])) == everything
    assert keys(run_checks(store, graphs=[vocab.GRAPH + "article/other"])) == set()
    assert keys(run_checks(store, graphs=[])) == set()

