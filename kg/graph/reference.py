"""The reference graph: regions, parties and official ticket records as quads.

Everything goes into the named graph ``vocab.REFERENCE_GRAPH``:

- ``id/region/{code}``: ``pk:Region``; ``rdfs:label`` the official long name
  (@id); ``skos:altLabel`` the short name and every alias or abbreviation
  (@id); ``pk:kemendagriCode``; ``pk:regionType`` (Provinsi, Kabupaten, Kota,
  Kabupaten/Kota Administrasi, Kecamatan, Distrik); ``schema:containedInPlace``
  the parent; ``pk:province`` below province level; ``owl:sameAs`` Wikidata.
- ``id/party/{code}``: ``pk:Party``; ``pk:partyCode``; ``foaf:name`` and
  ``rdfs:label`` (@id) the full name; ``skos:prefLabel`` the short name (@id);
  ``skos:altLabel`` every other spelling (@id); ``owl:sameAs`` Wikidata.
- ``id/ticket-record/{election_key}/{number}`` (``…/head-{slug}`` when the
  list has no number): ``pk:TicketRecord``; ``pk:region``;
  ``pk:electionYear`` (xsd:gYear); ``pk:ballotNumber`` (xsd:integer);
  ``pk:headName`` / ``pk:deputyName`` (the list's names without degrees and
  honorifics; the empty box has head name "KOLOM KOSONG", as the list prints
  it, and no deputy); one ``pk:partyCodes`` literal per backing party;
  ``pk:independent`` where the source says; ``dcterms:source`` the file name;
  ``dcterms:identifier`` the list's own id of the pair (KPU's paslon id);
  ``rdfs:label`` a readable summary.

Built with pyoxigraph terms directly (no rdflib): about 80,000 quads in well
under a second.
"""
from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from kg import vocab as V
from kg.graph.iris import party_iri, region_iri, slugify
from kg.resolve.gazetteer import Gazetteer
from kg.resolve.tickets import TicketRecord

EMPTY_BOX_NAME = "KOLOM KOSONG"

_TYPE = NamedNode(V.RDF + "type")
_LABEL = NamedNode(V.RDFS + "label")
_ALT = NamedNode(V.SKOS + "altLabel")
_PREF = NamedNode(V.SKOS + "prefLabel")
_SAME = NamedNode(V.OWL + "sameAs")
_PARENT = NamedNode(V.SCHEMA + "containedInPlace")
_NAME = NamedNode(V.name)
_SOURCE = NamedNode(V.DCTERMS + "source")
_IDENTIFIER = NamedNode(V.DCTERMS + "identifier")
_GYEAR = NamedNode(V.XSD + "gYear")
_INTEGER = NamedNode(V.XSD + "integer")
_BOOLEAN = NamedNode(V.XSD + "boolean")
NATIONAL = "ID"          # region key of the country (see kg.graph.facts)


def ticket_record_iri(record: TicketRecord) -> str:
    """``…/id/ticket-record/pilkada-2024-64.08/1``."""
    tail = str(record.number) if record.number is not None else "head-" + slugify(record.head or "")
    return f"{V.ID}ticket-record/{record.election_key}/{tail}"


def reference_quads(gaz: Gazetteer) -> Iterator[Quad]:
    """Every quad of the reference graph, regions first, then parties, then tickets."""
    graph = NamedNode(V.REFERENCE_GRAPH)
    yield from _region_quads(gaz, graph)
    yield from _party_quads(gaz, graph)
    yield from _ticket_quads(gaz, graph)


def reference_graph_bytes(gaz: Gazetteer) -> bytes:
    """The reference graph as N-Quads, for caching."""
    data = serialize(reference_quads(gaz), format=RdfFormat.N_QUADS)
    assert data is not None          # no output given: serialize returns the bytes
    return data


def _id(text: str) -> Literal:
    return Literal(text, language="id")


def _region_quads(gaz: Gazetteer, g: NamedNode) -> Iterator[Quad]:
    region_class, code_p, type_p, province_p = (
        NamedNode(V.Region), NamedNode(V.kemendagriCode), NamedNode(V.regionType), NamedNode(V.province))
    # The country: the region of national contests and posts (Presiden, KPU RI). No Kemendagri code.
    country = NamedNode(region_iri(NATIONAL))
    yield Quad(country, _TYPE, region_class, g)
    yield Quad(country, _TYPE, NamedNode(V.SCHEMA + "Country"), g)
    yield Quad(country, _LABEL, _id("Indonesia"), g)
    yield Quad(country, type_p, Literal("Negara"), g)
    yield Quad(country, _SAME, NamedNode(V.WD + "Q252"), g)
    nodes = {region.code: NamedNode(region_iri(region.code)) for region in gaz.regions.regions}
    for region in gaz.regions.regions:
        s = nodes[region.code]
        yield Quad(s, _TYPE, region_class, g)
        yield Quad(s, _LABEL, _id(region.name), g)
        for alt in dict.fromkeys((region.short, *gaz.region_aliases(region.code))):
            if alt != region.name:
                yield Quad(s, _ALT, _id(alt), g)
        yield Quad(s, code_p, Literal(region.code), g)
        yield Quad(s, type_p, Literal(region.type), g)
        if region.parent_code:
            yield Quad(s, _PARENT, nodes[region.parent_code], g)
            yield Quad(s, province_p, nodes[region.province_code], g)
        if region.wikidata:
            yield Quad(s, _SAME, NamedNode(V.WD + region.wikidata), g)


def _party_quads(gaz: Gazetteer, g: NamedNode) -> Iterator[Quad]:
    party_class, code_p = NamedNode(V.Party), NamedNode(V.partyCode)
    for party in gaz.parties.parties:
        s = NamedNode(party_iri(party.code))
        yield Quad(s, _TYPE, party_class, g)
        yield Quad(s, code_p, Literal(party.code), g)
        yield Quad(s, _NAME, Literal(party.full_name), g)
        yield Quad(s, _LABEL, _id(party.full_name), g)
        yield Quad(s, _PREF, _id(party.short_name), g)
        for alias in party.aliases:
            yield Quad(s, _ALT, _id(alias), g)
        if party.wikidata:
            yield Quad(s, _SAME, NamedNode(V.WD + party.wikidata), g)


def _ticket_quads(gaz: Gazetteer, g: NamedNode) -> Iterator[Quad]:
    record_class = NamedNode(V.TicketRecord)
    region_p, year_p, number_p = NamedNode(V.region), NamedNode(V.electionYear), NamedNode(V.ballotNumber)
    head_p, deputy_p, codes_p = NamedNode(V.headName), NamedNode(V.deputyName), NamedNode(V.partyCodes)
    independent_p = NamedNode(V.independent)
    regions = {code: NamedNode(region_iri(code)) for code in {r.region_code for r in gaz.tickets.records}}
    years = {year: Literal(str(year), datatype=_GYEAR) for year in {r.year for r in gaz.tickets.records}}
    sources = {name: Literal(name) for name in {r.source for r in gaz.tickets.records}}
    for record in gaz.tickets.records:
        s = NamedNode(ticket_record_iri(record))
        region, year, source = regions[record.region_code], years[record.year], sources[record.source]
        yield Quad(s, _TYPE, record_class, g)
        yield Quad(s, _LABEL, Literal(_record_label(gaz, record)), g)
        yield Quad(s, region_p, region, g)
        yield Quad(s, year_p, year, g)
        if record.number is not None:
            yield Quad(s, number_p, Literal(str(record.number), datatype=_INTEGER), g)
        yield Quad(s, head_p, Literal(EMPTY_BOX_NAME if record.empty_box else record.head or ""), g)
        if record.deputy:
            yield Quad(s, deputy_p, Literal(record.deputy), g)
        for code in record.party_codes:
            yield Quad(s, codes_p, Literal(code), g)
        if record.independent is not None:
            flag = "true" if record.independent else "false"
            yield Quad(s, independent_p, Literal(flag, datatype=_BOOLEAN), g)
        yield Quad(s, _SOURCE, source, g)
        if record.official_id:
            yield Quad(s, _IDENTIFIER, Literal(record.official_id), g)


def _record_label(gaz: Gazetteer, record: TicketRecord) -> str:
    pair = "kolom kosong" if record.empty_box else " – ".join(n for n in (record.head, record.deputy) if n)
    number = f"No. {record.number} " if record.number is not None else ""
    return f"{number}{pair} (Pilkada {record.year} {gaz.region_label(record.region_code)})"
