"""The checks of the consolidated model: a consolidated graph passes them, each kind of defect fails one."""
from __future__ import annotations

import pyoxigraph
import pytest

from kg import vocab as V
from kg.graph.consolidate import consolidated_store
from kg.validate.consolidated import check_consolidated

TRIG = """@prefix pk: <https://w3id.org/pilkada-kg/ns#> .
@prefix g: <https://w3id.org/pilkada-kg/graph/> .
@prefix id: <https://w3id.org/pilkada-kg/id/> .
g:article\\/x1 { id:ticket\\/99.01\\/2024\\/1 a pk:Ticket ; pk:head id:person\\/ani ; pk:backedBy id:party\\/PDIP . }
g:article\\/x2 { id:ticket\\/99.01\\/2024\\/1 a pk:Ticket ; pk:head id:person\\/budi ; pk:backedBy id:party\\/PDIP . }
"""
TICKET = pyoxigraph.NamedNode(V.ID + "ticket/99.01/2024/1")
G = pyoxigraph.NamedNode(V.CONSOLIDATED_GRAPH)


def store():
    return consolidated_store(pyoxigraph.parse(TRIG.encode(), format=pyoxigraph.RdfFormat.TRIG))


def claims_of(s, prop):
    return [q.subject for q in s.quads_for_pattern(None, pyoxigraph.NamedNode(V.claimProperty),
                                                   pyoxigraph.NamedNode(prop), G)
            if next(iter(s.quads_for_pattern(q.subject, pyoxigraph.NamedNode(V.claimSubject), TICKET, G)), None)]


def test_a_consolidated_graph_passes():
    s = store()
    report = check_consolidated(s)
    assert report.conforms, report.violations
    assert check_consolidated(s, [TICKET.value]).conforms


def two_heads(s):
    for person in ("ani", "budi"):
        s.add(pyoxigraph.Quad(TICKET, pyoxigraph.NamedNode(V.head), pyoxigraph.NamedNode(V.ID + "person/" + person), G))


def claim_lost(s):
    for c in claims_of(s, V.backedBy):
        for q in list(s.quads_for_pattern(c, None, None, G)):
            s.remove(q)


def no_article(s):
    for c in claims_of(s, V.head):
        for q in list(s.quads_for_pattern(c, pyoxigraph.NamedNode(V.statedIn), None, G)):
            s.remove(q)


def wrong_count(s):
    c = claims_of(s, V.head)[0]
    for q in list(s.quads_for_pattern(c, pyoxigraph.NamedNode(V.articleCount), None, G)):
        s.remove(q)
    s.add(pyoxigraph.Quad(c, pyoxigraph.NamedNode(V.articleCount),
                          pyoxigraph.Literal("5", datatype=pyoxigraph.NamedNode(V.XSD + "integer")), G))


def no_rank(s):
    c = claims_of(s, V.head)[0]
    for q in list(s.quads_for_pattern(c, pyoxigraph.NamedNode(V.rank), None, G)):
        s.remove(q)


@pytest.mark.parametrize("defect,rule", [(two_heads, "one truthy value"), (claim_lost, "a claim behind"),
                                         (no_article, "each claim complete"), (wrong_count, "each claim complete"),
                                         (no_rank, "each claim complete")])
def test_each_defect_fails_a_check_in_full_and_for_its_entity(defect, rule):
    s = store()
    defect(s)
    for report in (check_consolidated(s), check_consolidated(s, [TICKET.value])):
        assert not report.conforms
        assert any(rule in v.message and v.focus == TICKET.value for v in report.violations), report.violations
    # another entity's check does not see it
    assert check_consolidated(s, [V.ID + "person/ani"]).conforms
