"""The ontology files: declarations for every vocab term, SKOS schemes, shapes in sync."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg import vocab

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
TTL_FILES = sorted(ONTOLOGY.glob("*.ttl"))

# Canonical office titles of the evaluation schema (shared/eval/GOLD_SCHEMA.md,
# "Offices, canonical titles"); offices.ttl adds Lurah and Anggota Bawaslu.
GOLD_TITLES = {
    "presiden": "Presiden", "wakil-presiden": "Wakil Presiden", "gubernur": "Gubernur",
    "wakil-gubernur": "Wakil Gubernur", "bupati": "Bupati", "wakil-bupati": "Wakil Bupati",
    "wali-kota": "Wali Kota", "wakil-wali-kota": "Wakil Wali Kota",
    "sekretaris-daerah": "Sekretaris Daerah", "camat": "Camat", "kepala-desa": "Kepala Desa",
    "ketua-kpu": "Ketua KPU", "anggota-kpu": "Anggota KPU", "ketua-bawaslu": "Ketua Bawaslu",
    "ketua-dprd": "Ketua DPRD", "wakil-ketua-dprd": "Wakil Ketua DPRD",
    "anggota-dprd": "Anggota DPRD", "kepala-dinas": "Kepala Dinas",
}
EXTRA_TITLES = {"lurah": "Lurah", "anggota-bawaslu": "Anggota Bawaslu"}
QUALIFIERS = {"definitive": "Definitif", "plt": "Plt", "pj": "Pj", "pjs": "Pjs", "plh": "Plh"}
CAP_TOPICS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23}


def parse(name: str):
    import rdflib

    return rdflib.Graph().parse(str(ONTOLOGY / name), format="turtle")


@pytest.fixture(scope="module")
def ontology():
    return parse("pilkada.ttl")


@pytest.fixture(scope="module")
def skos_graph():
    import rdflib

    graph = rdflib.Graph()
    for name in ("offices.ttl", "themes.ttl"):
        graph += parse(name)
    return graph


def pk_terms() -> dict[str, str]:
    return {name: value for name, value in vars(vocab).items()
            if isinstance(value, str) and value.startswith(vocab.PK) and value != vocab.PK}


def labels(graph, subject, predicate) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for literal in graph.objects(subject, predicate):
        found.setdefault(literal.language or "", []).append(str(literal))
    return found


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.name)
def test_ttl_files_parse(path: Path):
    import rdflib

    assert len(rdflib.Graph().parse(str(path), format="turtle")) > 0


def test_expected_files_exist():
    assert {p.name for p in TTL_FILES} >= {"pilkada.ttl", "offices.ttl", "themes.ttl", "shapes.ttl"}


@pytest.mark.parametrize("name, iri", sorted(pk_terms().items()))
def test_vocab_term_is_declared(name: str, iri: str, ontology):
    from rdflib import URIRef
    from rdflib.namespace import RDF, RDFS

    term = URIRef(iri)
    assert ontology.value(term, RDF.type) is not None, f"vocab.{name}: no rdf:type in pilkada.ttl"
    found = labels(ontology, term, RDFS.label)
    assert found.get("id") and found.get("en"), f"vocab.{name}: needs rdfs:label @id and @en"
    comments = labels(ontology, term, RDFS.comment)
    assert comments.get("en"), f"vocab.{name}: needs an English rdfs:comment"


def test_ontology_declares_nothing_vocab_lacks(ontology):
    from rdflib.namespace import RDF

    declared = {str(s) for s in ontology.subjects(RDF.type, None) if str(s).startswith(vocab.PK)}
    assert declared <= set(pk_terms().values()), sorted(declared - set(pk_terms().values()))


def test_ontology_header(ontology):
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS, OWL, RDF

    header = URIRef("https://w3id.org/pilkada-kg/ns")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    for predicate in (DCTERMS.title, DCTERMS.description, OWL.versionInfo):
        assert ontology.value(header, predicate) is not None


@pytest.mark.parametrize("term, parents", [
    (vocab.Person, {vocab.FOAF + "Person", vocab.SCHEMA + "Person"}),
    (vocab.Party, {vocab.ORG + "FormalOrganization"}),
    (vocab.Post, {vocab.ORG + "Post"}),
    (vocab.OfficeHolding, {vocab.ORG + "Membership"}),
    (vocab.Election, {vocab.SCHEMA + "Event"}),
    (vocab.Revote, {vocab.Election}),
    (vocab.Event, {vocab.SCHEMA + "Event"}),
    (vocab.Debate, {vocab.Event}),
    (vocab.Statement, {vocab.SCHEMA + "Quotation"}),
    (vocab.Article, {vocab.SCHEMA + "NewsArticle", vocab.PROV + "Entity"}),
    (vocab.Evidence, {vocab.PROV + "Entity"}),
    (vocab.Region, {vocab.SCHEMA + "AdministrativeArea"}),
    (vocab.Coalition, {vocab.ORG + "Organization"}),
    (vocab.CoalitionMembership, {vocab.ORG + "Membership"}),
    (vocab.holder, {vocab.ORG + "member"}),
    (vocab.text, {vocab.SCHEMA + "text"}),
    (vocab.startDate, {vocab.SCHEMA + "startDate"}),
    (vocab.endDate, {vocab.SCHEMA + "endDate"}),
])
def test_standard_vocabularies_are_reused(term: str, parents: set[str], ontology):
    from rdflib import URIRef
    from rdflib.namespace import RDFS

    found = {str(o) for p in (RDFS.subClassOf, RDFS.subPropertyOf) for o in ontology.objects(URIRef(term), p)}
    assert parents <= found


def test_every_skos_concept_has_pref_labels_in_both_languages(skos_graph):
    from rdflib.namespace import RDF, SKOS

    concepts = set(skos_graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == 20 + 5 + 20 + 21
    for concept in concepts:
        found = labels(skos_graph, concept, SKOS.prefLabel)
        assert len(found.get("id", [])) == 1 and len(found.get("en", [])) == 1, concept
        assert skos_graph.value(concept, SKOS.inScheme) is not None, concept
        scheme = skos_graph.value(concept, SKOS.inScheme)
        assert (scheme, SKOS.hasTopConcept, concept) in skos_graph, concept


def test_office_pref_labels_are_the_gold_titles(skos_graph):
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    concepts = set(skos_graph.subjects(SKOS.inScheme, URIRef(vocab.OfficeScheme)))
    assert {str(c) for c in concepts} == {vocab.OFFICE + slug for slug in {**GOLD_TITLES, **EXTRA_TITLES}}
    for slug, title in {**GOLD_TITLES, **EXTRA_TITLES}.items():
        assert labels(skos_graph, URIRef(vocab.OFFICE + slug), SKOS.prefLabel)["id"] == [title]
        assert skos_graph.value(URIRef(vocab.OFFICE + slug), SKOS.definition) is not None


def test_news_spellings_are_alt_labels(skos_graph):
    from rdflib.namespace import SKOS

    alt = {str(o) for o in skos_graph.objects(None, SKOS.altLabel)}
    assert {"Walikota", "Wabup", "Wagub", "Wawali", "Sekda", "Kadis", "Pelaksana Tugas", "Penjabat",
            "Penjabat Sementara", "Pelaksana Harian"} <= alt


def test_qualifier_scheme(skos_graph):
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    concepts = {str(c) for c in skos_graph.subjects(SKOS.inScheme, URIRef(vocab.QualifierScheme))}
    assert concepts == {vocab.QUALIFIER + slug for slug in QUALIFIERS}
    for slug, label in QUALIFIERS.items():
        concept = URIRef(vocab.QUALIFIER + slug)
        assert labels(skos_graph, concept, SKOS.prefLabel)["id"] == [label]
        definition = str(skos_graph.value(concept, SKOS.definition)).lower()
        assert slug == "definitive" or "appoint" in definition or "designat" in definition, slug


def test_themes_have_keywords_and_cap_matches(skos_graph):
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    themes = set(skos_graph.subjects(SKOS.inScheme, URIRef(vocab.ThemeScheme)))
    assert 15 <= len(themes) <= 20
    owner: dict[str, str] = {}
    for theme in themes:
        assert str(theme).startswith(vocab.THEME)
        keywords = [k for k in skos_graph.objects(theme, SKOS.hiddenLabel)]
        assert 10 <= len(keywords) <= 30, (theme, len(keywords))
        for keyword in keywords:
            assert keyword.language == "id" and str(keyword) == str(keyword).lower().strip(), keyword
            assert re.fullmatch(r"[a-z0-9][a-z0-9 \-]*", str(keyword)), keyword
            assert str(keyword) not in owner, f"{keyword!s} in {owner.get(str(keyword))} and {theme}"
            owner[str(keyword)] = str(theme)
        matches = {str(m) for m in skos_graph.objects(theme, SKOS.closeMatch)}
        assert matches and all(m.startswith(vocab.CAP) for m in matches), theme
        assert {int(m[len(vocab.CAP):]) for m in matches} <= CAP_TOPICS
        assert skos_graph.value(theme, SKOS.definition) is not None


def test_cap_scheme(skos_graph):
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    topics = {str(c) for c in skos_graph.subjects(SKOS.inScheme, URIRef(vocab.CapScheme))}
    assert topics == {f"{vocab.CAP}{n}" for n in CAP_TOPICS}


def test_shapes_in_lists_match_the_schemes(skos_graph):
    """sh:in lists in shapes.ttl enumerate exactly the concepts of their scheme."""
    from rdflib import URIRef
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    shapes = parse("shapes.ttl")
    schemes = {vocab.OFFICE: vocab.OfficeScheme, vocab.QUALIFIER: vocab.QualifierScheme,
               vocab.THEME: vocab.ThemeScheme}
    lists = [set(Collection(shapes, head)) for head in shapes.objects(None, SH["in"])]
    checked = 0
    for members in lists:
        namespaces = {ns for ns in schemes for m in members if str(m).startswith(ns)}
        if not namespaces:
            continue
        (namespace,) = namespaces
        expected = set(skos_graph.subjects(URIRef("http://www.w3.org/2004/02/skos/core#inScheme"),
                                           URIRef(schemes[namespace])))
        assert members == expected, namespace
        checked += 1
    assert checked == 5   # holding qualifier, post title, contested title, statement and event themes
