"""The reference graph (kg.graph.reference): counts, shapes of nodes, SPARQL."""
from __future__ import annotations

import re
import time

import pyoxigraph as ox
import pytest

from kg import vocab
from kg.graph.reference import reference_graph_bytes, reference_quads, ticket_record_iri
from kg.resolve.gazetteer import Gazetteer
from kg.resources import Resources

PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in vocab.PREFIXES.items())


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(Resources.default().reference)


@pytest.fixture(scope="module")
def quads(gaz: Gazetteer) -> list[ox.Quad]:
    return list(reference_quads(gaz))


@pytest.fixture(scope="module")
def store(quads: list[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store


def select(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [tuple(row[n].value if row[n] is not None else "" for n in names) for row in solutions]


def count(store: ox.Store, where: str) -> int:
    return int(select(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {where} }}")[0][0])


def test_every_quad_is_in_the_reference_graph(quads: list[ox.Quad]) -> None:
    assert quads
    assert {q.graph_name for q in quads} == {ox.NamedNode(vocab.REFERENCE_GRAPH)}


def test_counts(store: ox.Store) -> None:
    assert count(store, '?s pk:regionType "Provinsi"') == 38
    assert count(store, "?s pk:regionType ?t FILTER(?t IN ('Kabupaten', 'Kota', 'Kabupaten Administrasi', "
                        "'Kota Administrasi'))") == 514
    assert count(store, "?s a pk:Region") == 38 + 514 + 7285 + 1  # + the country (id/region/ID)
    assert count(store, "?s a pk:Party") == 26
    assert count(store, "?s a pk:TicketRecord") == 1594 + 827


def test_every_region_has_one_well_formed_code_and_a_label(store: ox.Store) -> None:
    rows = select(store, "SELECT ?s ?code ?label WHERE { ?s a pk:Region ; pk:kemendagriCode ?code ; "
                         "rdfs:label ?label }")
    assert len(rows) == 38 + 514 + 7285
    for iri, code, label in rows:
        assert re.fullmatch(r"\d{2}(\.\d{2}(\.\d{2})?)?", code), code
        assert iri == f"{vocab.ID}region/{code}"
        assert label


def test_region_64_08(store: ox.Store) -> None:
    rows = select(store, """
        SELECT ?label ?type ?parent ?province ?wd WHERE {
          ?r pk:kemendagriCode "64.08" ; rdfs:label ?label ; pk:regionType ?type ;
             schema:containedInPlace ?parent ; pk:province ?province ; owl:sameAs ?wd .
        }""")
    assert rows == [("Kabupaten Kutai Timur", "Kabupaten", vocab.ID + "region/64", vocab.ID + "region/64",
                     rows[0][4])]
    assert rows[0][4].startswith(vocab.WD + "Q")
    labels = {r[0] for r in select(store, f"SELECT ?l WHERE {{ <{vocab.ID}region/64.08> skos:altLabel ?l }}")}
    assert {"Kutai Timur", "Kutim"} <= labels


def test_labels_are_indonesian(quads: list[ox.Quad]) -> None:
    label = ox.NamedNode(vocab.RDFS + "label")
    region_labels = [q.object for q in quads
                     if q.predicate == label and "/region/" in str(q.subject)]
    assert region_labels and all(isinstance(o, ox.Literal) and o.language == "id" for o in region_labels)


def test_provinces_have_no_parent_and_no_province(store: ox.Store) -> None:
    assert count(store, '?s pk:regionType "Provinsi" ; schema:containedInPlace ?p') == 0
    assert count(store, '?s pk:regionType "Provinsi" ; pk:province ?p') == 0
    assert count(store, '?s pk:regionType "Kecamatan" ; pk:province ?p') == 6492


def test_party(store: ox.Store) -> None:
    rows = select(store, """
        SELECT ?name ?short ?wd WHERE {
          ?p pk:partyCode "PDIP" ; foaf:name ?name ; skos:prefLabel ?short ; owl:sameAs ?wd .
        }""")
    assert rows == [("Partai Demokrasi Indonesia Perjuangan", "PDI-P", vocab.WD + "Q1186306")]
    aliases = {r[0] for r in select(store, f"SELECT ?a WHERE {{ <{vocab.ID}party/PDIP> skos:altLabel ?a }}")}
    assert {"PDI Perjuangan", "PDIP"} <= aliases


def test_ticket_records(store: ox.Store, gaz: Gazetteer) -> None:
    rows = select(store, """
        SELECT ?n ?head ?deputy ?year ?source WHERE {
          ?t a pk:TicketRecord ; pk:region ?r ; pk:ballotNumber ?n ; pk:headName ?head ;
             pk:deputyName ?deputy ; pk:electionYear ?year ; dcterms:source ?source .
          ?r pk:kemendagriCode "64.08" .
          FILTER(?year = "2024"^^xsd:gYear)
        } ORDER BY ?n""")
    assert rows == [("1", "Kasmidi Bulang", "Kinsu", "2024", "pilkada2024_paslon_sirekap.csv"),
                    ("2", "Ardiansyah Sulaiman", "Mahyunadi", "2024", "pilkada2024_paslon_sirekap.csv")]
    record = gaz.find_tickets("17", 2015)[0]
    iri = ticket_record_iri(record)
    assert iri == vocab.ID + "ticket-record/pilkada-2015-17/1"
    codes = {r[0] for r in select(store, f"SELECT ?c WHERE {{ <{iri}> pk:partyCodes ?c }}")}
    assert codes == {"NASDEM", "PKPI", "HANURA", "PKB"}
    independent = select(store, f"SELECT ?i WHERE {{ <{iri}> pk:independent ?i }}")
    assert independent == [("false",)]


def test_ticket_record_iris_are_unique(gaz: Gazetteer) -> None:
    iris = [ticket_record_iri(r) for r in gaz.tickets.records]
    assert len(iris) == len(set(iris))
    unnumbered = [r for r in gaz.tickets.records if r.number is None]
    assert [ticket_record_iri(r).rsplit("/", 1)[1] for r in unnumbered] == ["head-ansharuddin"]


def test_empty_box_and_2024_independence(store: ox.Store) -> None:
    assert count(store, '?s pk:headName "KOLOM KOSONG"') == 37
    assert count(store, '?s pk:headName "KOLOM KOSONG" ; pk:deputyName ?d') == 0
    assert count(store, '?s pk:electionYear "2024"^^xsd:gYear ; pk:independent ?i') == 0


def test_nquads_round_trip(gaz: Gazetteer, quads: list[ox.Quad]) -> None:
    data = reference_graph_bytes(gaz)
    parsed = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    assert len(parsed) == len(quads)
    assert set(parsed) == set(quads)


def test_reference_quads_are_fast(gaz: Gazetteer) -> None:
    start = time.perf_counter()
    n = sum(1 for _ in reference_quads(gaz))
    elapsed = time.perf_counter() - start
    assert n > 70_000
    assert elapsed < 1.5, f"{elapsed:.2f} s for {n} quads"
