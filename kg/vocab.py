"""IRIs of the pilkada-kg vocabulary: the one place code spells them.

``ontology/pilkada.ttl`` defines every ``pk:`` term used here (a test checks
that each constant below is declared there, with labels in Indonesian and
English). Reused vocabularies come from ``rdflib.namespace`` in ``graph/``;
this module stays free of heavy imports so that extraction code and the CLI's
``--help`` never load rdflib.
"""
from __future__ import annotations

BASE = "https://w3id.org/pilkada-kg/"
PK = BASE + "ns#"             # ontology terms (classes, properties, schemes)
ID = BASE + "id/"             # individuals: id/{kind}/{key}
GRAPH = BASE + "graph/"       # named graphs: graph/article/{id}, graph/reference, graph/ontology

REFERENCE_GRAPH = GRAPH + "reference"
ONTOLOGY_GRAPH = GRAPH + "ontology"
# The set union of every other graph, materialised in the embedded store: Oxigraph's
# "default graph as union" is a bag (a triple stated by n articles matches n times),
# which multiplies joins; saved queries read this graph as their default graph instead.
UNION_GRAPH = GRAPH + "union"
# The consolidated graph (kg.graph.consolidate): what saved queries read as their default graph,
# on the embedded store and on a server (sent as ``default-graph-uri``). It holds the truthy facts
# (per entity and property the best-ranked value, as plain triples), the claims behind them
# (pk:Claim nodes: value, rank, the articles that state it) and a copy of everything else
# (reference, ontology, articles and evidence). Article graphs stay the provenance layer.
CONSOLIDATED_GRAPH = GRAPH + "consolidated"

# Standard namespaces (strings, for SPARQL prefixes and pyoxigraph terms)
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
SH = "http://www.w3.org/ns/shacl#"
WD = "http://www.wikidata.org/entity/"

PREFIXES = {
    "pk": PK, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "skos": SKOS, "foaf": FOAF,
    "org": ORG, "prov": PROV, "dcterms": DCTERMS, "schema": SCHEMA, "sh": SH, "wd": WD,
}

# --- classes --------------------------------------------------------------
Person = PK + "Person"                  # ⊑ foaf:Person, schema:Person
Party = PK + "Party"                    # ⊑ org:FormalOrganization
Region = PK + "Region"                  # ⊑ schema:AdministrativeArea
Post = PK + "Post"                      # ⊑ org:Post
OfficeHolding = PK + "OfficeHolding"    # ⊑ org:Membership (n-ary: holder, post, span)
Election = PK + "Election"              # ⊑ schema:Event
Revote = PK + "Revote"                  # ⊑ pk:Election (PSU, pemungutan suara ulang)
Ticket = PK + "Ticket"                  # candidate pair (paslon)
Coalition = PK + "Coalition"            # ⊑ org:Organization: parties backing one ticket
CoalitionMembership = PK + "CoalitionMembership"   # ⊑ org:Membership: one party in one coalition
Event = PK + "Event"                    # ⊑ schema:Event
Debate = PK + "Debate"                  # ⊑ pk:Event
Statement = PK + "Statement"            # ⊑ schema:Quotation: a direct quote
Article = PK + "Article"                # ⊑ schema:NewsArticle, prov:Entity
Evidence = PK + "Evidence"              # ⊑ prov:Entity: a span of an article
Outlet = PK + "Outlet"                  # ⊑ schema:NewsMediaOrganization: a news outlet
Journalist = PK + "Journalist"          # ⊑ schema:Person: an article's author or editor

# --- properties -----------------------------------------------------------
# people
name = FOAF + "name"                    # reused as is
honorific = PK + "honorific"            # H., Dr., S.E. … kept apart from the name
# parties
partyCode = PK + "partyCode"            # PDIP, GOLKAR … (GOLD_SCHEMA codes)
# regions
kemendagriCode = PK + "kemendagriCode"  # "64.08"
regionType = PK + "regionType"          # "Provinsi" | "Kabupaten" | "Kota" | …
province = PK + "province"              # region → its province (itself omitted)
# schema:containedInPlace is used for the parent region
# posts
title = PK + "title"                    # post → office-title concept (offices scheme)
jurisdiction = PK + "jurisdiction"      # post → region
# office holdings
holder = PK + "holder"                  # holding → person (⊑ org:member)
post = PK + "post"                      # holding → post (⊑ org:role-like)
qualifier = PK + "qualifier"            # holding → qualifier concept (definitive, Plt, Pj, Pjs, Plh)
startDate = PK + "startDate"            # xsd:gYear | xsd:gYearMonth | xsd:date
endDate = PK + "endDate"
isFormer = PK + "isFormer"              # xsd:boolean: the text says "mantan"/"former"
# elections
region = PK + "region"                  # election → region
contestedTitle = PK + "contestedTitle"  # election → office-title concept
electionYear = PK + "electionYear"      # xsd:gYear (cycle year)
repeats = PK + "repeats"                # revote → the election it repeats
# tickets
election = PK + "election"              # ticket | event → election
ballotNumber = PK + "ballotNumber"      # xsd:integer ≥ 1
head = PK + "head"                      # ticket → person (calon bupati/gubernur/wali kota)
deputy = PK + "deputy"                  # ticket → person (calon wakil)
independent = PK + "independent"        # xsd:boolean: jalur perseorangan
coalition = PK + "coalition"            # ticket → coalition
backedBy = PK + "backedBy"              # ticket → party (shortcut of coalition membership)
# coalitions
member = PK + "member"                  # coalition membership → party
memberOf = PK + "memberOf"              # coalition membership → coalition
backingRole = PK + "backingRole"        # "pengusung" | "pendukung"
# events and statements
eventDate = PK + "eventDate"
place = PK + "place"                    # event → region (or literal place name via rdfs:label)
theme = PK + "theme"                    # statement | event → theme concept
speaker = PK + "speaker"                # statement → person
text = PK + "text"                      # statement → rdf:langString @id
event = PK + "event"                    # statement → event
statementDate = PK + "statementDate"
# articles and evidence
fileName = PK + "fileName"
contentHash = PK + "contentHash"        # sha256 hex of the raw bytes
dateInferred = PK + "dateInferred"      # true: schema:datePublished was read from the text, not metadata
datelinePlace = PK + "datelinePlace"    # the dateline place as printed
copyOf = PK + "copyOf"                  # ⊑ schema:isBasedOn: a syndicated copy → the original article
domain = PK + "domain"                  # an outlet's web domain ("kompas.com")
article = PK + "article"                # evidence → article
sentenceIndex = PK + "sentenceIndex"    # xsd:integer ≥ 0
startOffset = PK + "startOffset"        # xsd:integer, character offset into the article text
endOffset = PK + "endOffset"
quotedText = PK + "quotedText"          # exact text of the span
extractedBy = PK + "extractedBy"        # the rule layer or learned model that read the fact from the span
confidence = PK + "confidence"          # xsd:decimal in [0, 1]: the learned model's probability
# provenance: every fact node → prov:wasDerivedFrom → pk:Evidence

# --- SKOS schemes (ontology/offices.ttl, ontology/themes.ttl) ---------------
OfficeScheme = PK + "offices"           # concept scheme of office titles
QualifierScheme = PK + "qualifiers"     # concept scheme of acting qualifiers
ThemeScheme = PK + "themes"             # concept scheme of policy themes
OFFICE = ID + "office/"                 # office concepts: id/office/bupati, id/office/wakil-bupati …
QUALIFIER = ID + "qualifier/"           # id/qualifier/definitive, plt, pj, pjs, plh
THEME = ID + "theme/"                   # id/theme/{slug}

# --- reference ticket lists (added with the ontology) ----------------------
TicketRecord = PK + "TicketRecord"      # a row of an official KPU ticket list (reference data, not a pk:Ticket)
headName = PK + "headName"              # ticket record → head's name as the list prints it
deputyName = PK + "deputyName"          # ticket record → deputy's name as the list prints it
partyCodes = PK + "partyCodes"          # ticket record → one literal per backing party code
matchesRecord = PK + "matchesRecord"    # ticket → the ticket record it was matched to

# --- Comparative Agendas Project (ontology/themes.ttl) ------------------------
CapScheme = PK + "capMajorTopics"       # concept scheme of the 21 CAP major topics
CAP = "https://www.comparativeagendas.net/pages/master-codebook#topic-"   # + major topic number

# --- claims (statement nodes of the consolidated graph, as Wikidata's) -------
Claim = PK + "Claim"                    # one value of one property of one entity, with its references
claimSubject = PK + "claimSubject"      # claim → the entity it is about
claimProperty = PK + "claimProperty"    # claim → the property (pk:head, pk:qualifier …)
claimValue = PK + "claimValue"          # claim → the value (an IRI or a literal)
rank = PK + "rank"                      # claim → pk:PreferredRank | pk:NormalRank | pk:DeprecatedRank
articleCount = PK + "articleCount"      # xsd:integer: how many articles state the value
statedIn = PK + "statedIn"              # claim → each article that states the value (references)
statedWith = PK + "statedWith"          # claim → a claim of the same entity it goes with (a ticket's head → deputy, party → head)
PreferredRank = PK + "PreferredRank"    # the value of a single-valued property that most articles state
NormalRank = PK + "NormalRank"          # every other stated value
DeprecatedRank = PK + "DeprecatedRank"  # a value a curation rejects: kept, never truthy

# --- curations (kg.curate: analysts' verdicts, one graph per curated article) ----
CURATION_GRAPHS = GRAPH + "curation/"   # graph/curation/{article id}: records and added facts
Curation = PK + "Curation"              # one verdict: confirm, reject, correct or add one fact
curates = PK + "curates"                # curation → a claim (or a quotation) whose rank it sets
curationAction = PK + "curationAction"  # "confirm" | "reject" | "correct" | "add"
factKind = PK + "factKind"              # "ticket" | "ticket-party" | "office" | "statement"
