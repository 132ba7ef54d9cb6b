"""Resolved facts of one article → quads in that article's named graph.

Every fact node (election, ticket, coalition membership, holding, statement,
event) points to a ``pk:Evidence`` node (article, sentence index, character
offsets, the exact text) through ``prov:wasDerivedFrom``. Every region,
party, person, post and concept the article references is typed and labelled
inside the article graph too, so that each article graph validates on its own.
"""
from __future__ import annotations

import re
from typing import Protocol

from pyoxigraph import Literal, NamedNode, Quad

from kg import vocab as V
from kg.graph import iris
from kg.model import ArticleFacts, ElectionRef, Evidence, PersonName

RDF_TYPE = NamedNode(V.RDF + "type")
LABEL = NamedNode(V.RDFS + "label")
DERIVED = NamedNode(V.PROV + "wasDerivedFrom")
XSD_INT = NamedNode(V.XSD + "integer")
XSD_BOOL = NamedNode(V.XSD + "boolean")
XSD_GYEAR = NamedNode(V.XSD + "gYear")
XSD_GYM = NamedNode(V.XSD + "gYearMonth")
XSD_DATE = NamedNode(V.XSD + "date")
XSD_ANYURI = NamedNode(V.XSD + "anyURI")
XSD_DECIMAL = NamedNode(V.XSD + "decimal")
MEDIA_TYPES = {"txt": "text/plain", "html": "text/html", "jsonl": "application/jsonl", "csv": "text/csv"}
SKOS_CONCEPT = NamedNode(V.SKOS + "Concept")
NATIONAL = "ID"        # region key of national contests and posts (Presiden)


class Labels(Protocol):
    """What the graph stage needs from the gazetteer: labels of reference nodes."""

    def region_label(self, code: str) -> str | None: ...

    def party_name(self, code: str) -> str | None: ...


def n(iri: str) -> NamedNode:
    return NamedNode(iri)


def date_literal(value: str) -> Literal:
    """``"2021"`` → xsd:gYear, ``"2021-05"`` → xsd:gYearMonth, ``"2021-05-03"`` → xsd:date."""
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD_GYEAR)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD_GYM)
    return Literal(value, datatype=XSD_DATE)


def election_label(ref: ElectionRef, region_label: str | None) -> str:
    kind = "PSU " if ref.revote else ""
    office = f"{ref.office} " if ref.office else ""
    where = region_label or "?"
    return f"{kind}Pemilihan {office}{where} {ref.year or ''}".strip()


class _Writer:
    def __init__(self, facts: ArticleFacts, labels: Labels) -> None:
        self.facts = facts
        self.labels = labels
        self.article = facts.article
        self.graph = n(iris.article_graph_iri(self.article.id))
        self.article_node = n(iris.article_iri(self.article.id))
        self.quads: list[Quad] = []
        self.seen_refs: set[str] = set()

    def add(self, s: NamedNode, p: str, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, n(p), o, self.graph))

    def lit(self, s: NamedNode, p: str, value: str, lang: str | None = None) -> None:
        self.add(s, p, Literal(value, language=lang) if lang else Literal(value))

    def evidence(self, node: NamedNode, ev: Evidence, rule: str | None = None, confidence: float | None = None) -> None:
        """``node`` was read from this span, by ``rule`` (a rule layer or a learned model) with ``confidence``."""
        e = n(iris.evidence_iri(self.article.id, ev.start, ev.end))
        self.add(node, DERIVED.value, e)
        if rule:
            self.lit(e, V.extractedBy, rule)
        if confidence is not None:
            self.add(e, V.confidence, Literal(f"{confidence:.3f}", datatype=XSD_DECIMAL))
        if e.value in self.seen_refs:
            return
        self.seen_refs.add(e.value)
        self.add(e, RDF_TYPE.value, n(V.Evidence))
        self.add(e, V.article, self.article_node)
        self.add(e, V.sentenceIndex, Literal(str(ev.sentence), datatype=XSD_INT))
        self.add(e, V.startOffset, Literal(str(ev.start), datatype=XSD_INT))
        self.add(e, V.endOffset, Literal(str(ev.end), datatype=XSD_INT))
        self.lit(e, V.quotedText, self.article.text[ev.start:ev.end])

    def ref_once(self, iri: str) -> bool:
        if iri in self.seen_refs:
            return False
        self.seen_refs.add(iri)
        return True

    def region(self, code: str | None) -> NamedNode | None:
        if not code:
            return None
        node = n(iris.region_iri(code))
        if self.ref_once(node.value):
            label = "Indonesia" if code == NATIONAL else (self.labels.region_label(code) or code)
            self.add(node, RDF_TYPE.value, n(V.Region))
            self.lit(node, LABEL.value, label, "id")
            if code == NATIONAL:          # the country has no Kemendagri code
                self.lit(node, V.regionType, "Negara")
            else:
                self.lit(node, V.kemendagriCode, code)
        return node

    def party(self, code: str) -> NamedNode:
        node = n(iris.party_iri(code))
        if self.ref_once(node.value):
            self.add(node, RDF_TYPE.value, n(V.Party))
            self.lit(node, V.partyCode, code)
            self.lit(node, LABEL.value, self.labels.party_name(code) or code, "id")
        return node

    def concept(self, iri: str) -> NamedNode:
        node = n(iri)
        if self.ref_once(iri):
            self.add(node, RDF_TYPE.value, SKOS_CONCEPT)
        return node

    def person(self, name: PersonName) -> NamedNode:
        key = self.facts.key_of(name)
        node = n(iris.person_iri(key))
        if self.ref_once(node.value):
            person = self.facts.people[key]
            self.add(node, RDF_TYPE.value, n(V.Person))
            self.lit(node, V.name, person.name)
            self.lit(node, LABEL.value, person.name)
            for variant in person.variants:
                self.lit(node, V.SKOS + "altLabel", variant)
            for h in person.honorifics:
                self.lit(node, V.honorific, h)
        return node

    def election(self, ref: ElectionRef, ev: Evidence) -> NamedNode:
        node = n(iris.election_iri(ref.region, ref.year, ref.revote, ref.office))
        label = election_label(ref, self.labels.region_label(ref.region) if ref.region else None)
        self.add(node, RDF_TYPE.value, n(V.Election))
        self.lit(node, LABEL.value, label, "id")
        region = self.region(ref.region)
        if region is not None:
            self.add(node, V.region, region)
        if ref.office:
            self.add(node, V.contestedTitle, self.concept(iris.office_iri(ref.office)))
        if ref.year:
            self.add(node, V.electionYear, Literal(str(ref.year), datatype=XSD_GYEAR))
        self.evidence(node, ev)
        if ref.revote:
            self.add(node, RDF_TYPE.value, n(V.Revote))
            base = ElectionRef(region=ref.region, office=ref.office, year=ref.year, revote=False)
            self.add(node, V.repeats, self.election(base, ev))
        return node

    def write(self) -> list[Quad]:
        self.article_metadata()
        c = self.facts.claims
        for ref, ev in c.elections:
            self.election(ref, ev)
        for t in c.tickets:
            self.ticket(t)
        for o in c.offices:
            self.holding(o)
        for e in c.events:
            self.event(e)
        for s in c.statements:
            self.statement(s)
        return self.quads

    def article_metadata(self) -> None:
        """The article node: where it was read from, and what its page, record or text says about it."""
        a, art = self.article_node, self.article
        self.add(a, RDF_TYPE.value, n(V.Article))
        self.add(a, RDF_TYPE.value, n(V.SCHEMA + "NewsArticle"))
        # a name that is not UTF-8 (its bytes kept as lone surrogates) is stored with U+FFFD for each such byte
        self.lit(a, V.fileName, art.path.rsplit("/", 1)[-1].encode("utf-8", "surrogateescape")
                 .decode("utf-8", "replace"))
        self.lit(a, V.contentHash, art.sha256)
        self.lit(a, V.DCTERMS + "format", MEDIA_TYPES.get(art.kind, "text/plain"))
        if art.title:
            title = " ".join(art.title.split())[:500]
            self.lit(a, V.DCTERMS + "title", title, "id")
            self.lit(a, V.SCHEMA + "headline", title, "id")
        if art.url:
            self.add(a, V.SCHEMA + "url", Literal(art.url, datatype=XSD_ANYURI))
        if art.published:
            self.add(a, V.SCHEMA + "datePublished", date_literal(art.published[:10]))
            if art.published_inferred:
                self.add(a, V.dateInferred, Literal("true", datatype=XSD_BOOL))
        if art.language:
            self.lit(a, V.SCHEMA + "inLanguage", art.language)
        outlet = self.facts.outlet
        if outlet is not None:
            node = n(iris.outlet_iri(outlet.key))
            self.add(a, V.SCHEMA + "publisher", node)
            self.add(node, RDF_TYPE.value, n(V.Outlet))
            self.lit(node, LABEL.value, outlet.name)
            if outlet.domain:
                self.lit(node, V.domain, outlet.domain)
        for prop, names in ((V.SCHEMA + "author", art.authors), (V.SCHEMA + "editor", art.editors)):
            for name in names:
                node = n(iris.journalist_iri(name))
                self.add(a, prop, node)
                if self.ref_once(node.value):
                    self.add(node, RDF_TYPE.value, n(V.Journalist))
                    self.lit(node, LABEL.value, name)
        if art.dateline:
            self.lit(a, V.datelinePlace, art.dateline)
        region = self.region(art.dateline_region)
        if region is not None:
            self.add(a, V.SCHEMA + "locationCreated", region)

    def ticket(self, t) -> None:  # type: ignore[no-untyped-def]
        election = self.election(t.election, t.evidence)
        head = self.person(t.head)
        node = n(iris.ticket_iri(election.value, t.number, self.facts.key_of(t.head)))
        self.add(node, RDF_TYPE.value, n(V.Ticket))
        self.add(node, V.election, election)
        self.add(node, V.head, head)
        label = self.facts.people[self.facts.key_of(t.head)].name
        if t.deputy is not None:
            self.add(node, V.deputy, self.person(t.deputy))
            label += " – " + self.facts.people[self.facts.key_of(t.deputy)].name
        if t.number is not None:
            self.add(node, V.ballotNumber, Literal(str(t.number), datatype=XSD_INT))
            label = f"{t.number}. {label}"
        self.lit(node, LABEL.value, label)
        if t.independent:
            self.add(node, V.independent, Literal("true", datatype=XSD_BOOL))
        self.evidence(node, t.evidence, t.rule, t.confidence)
        if t.backings:
            coalition = n(node.value + "/coalition")
            self.add(coalition, RDF_TYPE.value, n(V.Coalition))
            self.lit(coalition, LABEL.value, f"Koalisi {label}", "id")
            self.add(node, V.coalition, coalition)
            for b in t.backings:
                party = self.party(b.party)
                self.add(node, V.backedBy, party)
                m = n(f"{coalition.value}/{b.party}")
                self.add(m, RDF_TYPE.value, n(V.CoalitionMembership))
                self.add(m, V.memberOf, coalition)
                self.add(m, V.member, party)
                self.lit(m, V.backingRole, b.role)
                self.evidence(m, b.evidence, b.rule, b.confidence)

    def holding(self, o) -> None:  # type: ignore[no-untyped-def]
        holder = self.person(o.person)
        key = self.facts.key_of(o.person)
        post = n(iris.post_iri(o.office, o.region))
        if self.ref_once(post.value):
            self.add(post, RDF_TYPE.value, n(V.Post))
            self.add(post, V.title, self.concept(iris.office_iri(o.office)))
            region = self.region(o.region)
            where = ""
            if region is not None:
                self.add(post, V.jurisdiction, region)
                where = " " + ("Indonesia" if o.region == NATIONAL else (self.labels.region_label(o.region) or ""))
            self.lit(post, LABEL.value, f"{o.office}{where}", "id")
        node = n(iris.holding_iri(key, o.office, o.region, o.qualifier, o.start, o.end))
        self.add(node, RDF_TYPE.value, n(V.OfficeHolding))
        self.add(node, V.holder, holder)
        self.add(node, V.post, post)
        self.add(node, V.qualifier, self.concept(iris.qualifier_iri(o.qualifier)))
        self.add(holder, V.ORG + "holds", post)
        if o.start:
            self.add(node, V.startDate, date_literal(o.start))
        if o.end:
            self.add(node, V.endDate, date_literal(o.end))
        if o.former:
            self.add(node, V.isFormer, Literal("true", datatype=XSD_BOOL))
        self.evidence(node, o.evidence, o.rule)

    def event(self, e) -> None:  # type: ignore[no-untyped-def]
        node = n(iris.event_iri(self.article.id, e.kind, e.evidence.start))
        self.add(node, RDF_TYPE.value, n(V.Event))
        if e.kind == "debate":
            self.add(node, RDF_TYPE.value, n(V.Debate))
        self.lit(node, LABEL.value, e.kind, "en")
        if e.election is not None:
            self.add(node, V.election, self.election(e.election, e.evidence))
        if e.date:
            self.add(node, V.eventDate, date_literal(e.date))
        if e.place:
            self.lit(node, V.place, e.place)
        for theme in e.themes:
            self.add(node, V.theme, self.concept(iris.theme_iri(theme)))
        self.evidence(node, e.evidence)

    def statement(self, s) -> None:  # type: ignore[no-untyped-def]
        # one quote said by two people ("ujar X dan Y") is two statements, one speaker each
        node = n(iris.statement_iri(self.article.id, s.evidence.start, s.quote + "\x00" + s.speaker.name))
        self.add(node, RDF_TYPE.value, n(V.Statement))
        if s.event is not None:
            self.add(node, V.event, n(iris.event_iri(self.article.id, s.event.kind, s.event.evidence.start)))
        self.add(node, V.speaker, self.person(s.speaker))
        self.lit(node, V.text, s.quote, "id")
        self.add(node, V.DCTERMS + "source", self.article_node)
        for theme in s.themes:
            self.add(node, V.theme, self.concept(iris.theme_iri(theme)))
        if s.date:
            self.add(node, V.statementDate, date_literal(s.date))
        self.evidence(node, s.evidence, s.rule)


def facts_to_quads(facts: ArticleFacts, labels: Labels) -> list[Quad]:
    """All quads of one article's named graph."""
    return _Writer(facts, labels).write()

