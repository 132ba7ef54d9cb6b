"""The consolidated graph: truthy facts and claims from article graphs that agree and disagree."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pyoxigraph
import pytest
import rdflib

from kg import vocab as V
from kg.graph.consolidate import CLAIMED, SINGLE, consolidate, consolidated_store
from kg.graph.union import remove_article_graph, with_union

ROOT = Path(__file__).resolve().parents[2]
PREFIXES = """@prefix pk: <https://w3id.org/pilkada-kg/ns#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix g: <https://w3id.org/pilkada-kg/graph/> .
@prefix id: <https://w3id.org/pilkada-kg/id/> .
"""
TICKET = "https://w3id.org/pilkada-kg/id/ticket/99.01/2024/1"


def article(aid: str, date: str | None, body: str) -> str:
    published = f'; schema:datePublished "{date}"^^xsd:date' if date else ""
    return f"""g:article\\/{aid} {{
  id:article\\/{aid} a pk:Article ; pk:fileName "{aid}.txt" {published} .
  {body}
}}
"""


def quads(*graphs: str) -> list[pyoxigraph.Quad]:
    return list(pyoxigraph.parse((PREFIXES + "".join(graphs)).encode(), format=pyoxigraph.RdfFormat.TRIG))


def head_of(aid: str, person: str, date: str | None = None, party: str | None = None) -> str:
    backing = f"; pk:backedBy id:party\\/{party} " if party else ""
    return article(aid, date, f"id:ticket\\/99.01\\/2024\\/1 a pk:Ticket ; pk:head id:person\\/{person} {backing}.")


def truthy(store, subject: str, prop: str) -> set[str]:
    return {q.object.value for q in store.quads_for_pattern(pyoxigraph.NamedNode(subject), pyoxigraph.NamedNode(prop),
                                                             None, pyoxigraph.NamedNode(V.CONSOLIDATED_GRAPH))}


def claims(store, subject: str, prop: str) -> dict[str, tuple[str, int, set[str]]]:
    rows = store.query(f"""PREFIX pk: <{V.PK}>
SELECT ?v ?rank ?n (GROUP_CONCAT(STR(?a); separator=" ") AS ?articles) WHERE {{
  GRAPH <{V.CONSOLIDATED_GRAPH}> {{ ?c a pk:Claim ; pk:claimSubject <{subject}> ; pk:claimProperty <{prop}> ;
     pk:claimValue ?v ; pk:rank ?rank ; pk:articleCount ?n ; pk:statedIn ?a }} }} GROUP BY ?v ?rank ?n""")
    return {r["v"].value: (r["rank"].value.rsplit("#", 1)[-1], int(r["n"].value),
                           {a.rsplit("/", 1)[-1] for a in r["articles"].value.split()}) for r in rows}


def consolidated(store) -> set[str]:
    return {str(q.triple) for q in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(V.CONSOLIDATED_GRAPH))}


def test_the_value_most_articles_state_is_truthy_and_every_value_keeps_its_claim():
    store = consolidated_store(quads(head_of("x1", "ani"), head_of("x2", "ani"), head_of("x3", "budi")))
    assert truthy(store, TICKET, V.head) == {V.ID + "person/ani"}
    assert claims(store, TICKET, V.head) == {
        V.ID + "person/ani": ("PreferredRank", 2, {"x1", "x2"}),
        V.ID + "person/budi": ("NormalRank", 1, {"x3"}),
    }


def test_a_tie_goes_to_the_latest_article_whatever_the_input_order():
    graphs = [head_of("x1", "ani", "2024-09-01"), head_of("x2", "budi", "2024-10-05"), head_of("x3", "cici", "2024-03-01")]
    for seed in range(5):
        order = graphs[:]
        random.Random(seed).shuffle(order)
        store = consolidated_store(quads(*order))
        assert truthy(store, TICKET, V.head) == {V.ID + "person/budi"}, order
    # without dates, the latest article id decides, never the order of the input
    assert truthy(consolidated_store(quads(head_of("b", "budi"), head_of("a", "ani"))), TICKET, V.head) == \
        truthy(consolidated_store(quads(head_of("a", "ani"), head_of("b", "budi"))), TICKET, V.head)


def test_every_value_of_a_multi_valued_property_is_truthy():
    store = consolidated_store(quads(head_of("x1", "ani", party="PDIP"), head_of("x2", "ani", party="GOLKAR"),
                                     head_of("x3", "ani", party="PDIP")))
    assert truthy(store, TICKET, V.backedBy) == {V.ID + "party/PDIP", V.ID + "party/GOLKAR"}
    assert {v: c[:2] for v, c in claims(store, TICKET, V.backedBy).items()} == {
        V.ID + "party/PDIP": ("NormalRank", 2), V.ID + "party/GOLKAR": ("NormalRank", 1)}


def test_reference_triples_of_claimed_properties_are_copied_as_they_are():
    ref = """g:reference { id:ticket-record\\/99.01\\/2024\\/1 a pk:TicketRecord ; pk:ballotNumber 1 ;
      pk:region id:region\\/99.01 . id:person\\/ani foaf:name "Ani" . }
"""
    store = consolidated_store(quads(ref, head_of("x1", "ani")))
    assert truthy(store, V.ID + "ticket-record/99.01/2024/1", V.ballotNumber) == {"1"}
    assert not claims(store, V.ID + "ticket-record/99.01/2024/1", V.ballotNumber)
    # an article that names the same person: its name is claimed, the reference's stays
    store = consolidated_store(quads(ref, head_of("x1", "ani") + article("x2", None, 'id:person\\/ani foaf:name "Ani Kepala" .')))
    remove_article_graph(store, V.GRAPH + "article/x2")
    consolidate(store, [V.ID + "person/ani"])
    assert truthy(store, V.ID + "person/ani", V.FOAF + "name") == {"Ani"}


@pytest.mark.parametrize("change", ["remove", "add", "replace"])
def test_recomputing_the_touched_entities_equals_a_full_consolidation(change):
    base = [head_of("x1", "ani", "2024-01-01", "PDIP"), head_of("x2", "ani", "2024-02-01", "GOLKAR"),
            head_of("x3", "budi", "2024-03-01", "PDIP")]
    store = consolidated_store(quads(*base))
    if change == "remove":
        after = base[:2]
        remove_article_graph(store, V.GRAPH + "article/x3")
    elif change == "add":
        extra = head_of("x4", "budi", "2024-04-01", "PKB")
        after = base + [extra]
        store.extend(with_union(quads(extra)))
    else:
        new = head_of("x1", "cici", "2024-01-01", "PDIP")
        after = [new] + base[1:]
        remove_article_graph(store, V.GRAPH + "article/x1")
        store.extend(with_union(quads(new)))
    consolidate(store, [TICKET, V.ID + "article/x1"])
    assert consolidated(store) == consolidated(consolidated_store(quads(*after)))


def test_an_entity_no_article_states_any_more_loses_its_claims_and_facts():
    store = consolidated_store(quads(head_of("x1", "ani")))
    remove_article_graph(store, V.GRAPH + "article/x1")
    consolidate(store, [TICKET])
    assert not claims(store, TICKET, V.head) and not truthy(store, TICKET, V.head)


def test_single_valued_properties_are_the_functional_properties_of_the_ontology():
    g = rdflib.Graph().parse(ROOT / "ontology" / "pilkada.ttl")
    functional = {str(s) for s in g.subjects(rdflib.RDF.type, rdflib.OWL.FunctionalProperty)}
    assert functional == SINGLE - {V.FOAF + "name"}
    assert not (CLAIMED - SINGLE) & functional


def test_an_incremental_rebuild_gives_the_consolidated_graph_of_a_full_build(tmp_path):
    from kg.graph.store import open_store
    from kg.build import build

    src = tmp_path / "src"
    shutil.copytree(ROOT / "data" / "articles", src)
    out = tmp_path / "out"
    build([src], out)
    files = sorted(src.glob("*.txt"))
    text = files[0].read_text(encoding="utf-8")
    assert "Nomor urut 1" in text
    files[0].write_text(text.replace("Nomor urut 1", "Nomor urut 3"), encoding="utf-8")
    files[1].unlink()
    report = build([src], out)
    assert report.reused == 3
    full = tmp_path / "full"
    build([src], full)
    assert consolidated(open_store(out)) == consolidated(open_store(full))


def test_a_build_read_from_its_dump_consolidates_what_its_store_holds(tmp_path):
    """The build reads the article graphs from graph.trig: with a duplicate settled, it is still exactly the store."""
    from kg.graph.store import open_store
    from kg.build import build

    src = tmp_path / "src"
    shutil.copytree(ROOT / "data" / "articles", src)
    first = sorted(src.glob("*.txt"))[0]
    shutil.copy(first, src / "zz-same-text.txt")         # the same article twice: settled as a duplicate
    out = tmp_path / "out"
    report = build([src], out)
    assert any(p.kind == "duplicate" for p in report.problems)
    store = open_store(out)
    again = consolidated_store(q for q in store if q.graph_name.value not in {V.CONSOLIDATED_GRAPH, V.UNION_GRAPH})
    assert consolidated(store) == consolidated(again)
