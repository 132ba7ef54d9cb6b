"""The consolidated graph: truthy facts and the claims behind them, recomputed from the article graphs.

Articles disagree: one gives a ticket's deputy as A, another as B. The article
graphs keep what each article states (they are the provenance layer and the
unit of a rebuild); the consolidated graph (:data:`kg.vocab.CONSOLIDATED_GRAPH`)
is what saved queries read, modelled on Wikidata's truthy triples and
statements:

* **claims**: for every entity, claimed property (:data:`CLAIMED`) and stated
  value, one ``pk:Claim`` node with the value, the articles that state it
  (``pk:statedIn``), how many (``pk:articleCount``) and a rank;
* **truthy facts**: the values of the best rank present, as plain triples
  (``?ticket pk:head ?person``). A single-valued property (:data:`SINGLE`, the
  ``owl:FunctionalProperty`` terms of ``ontology/pilkada.ttl`` and
  ``foaf:name``) has one: the value most articles state, ties to the latest
  article (``schema:datePublished``, then the article id), then to the value's
  own order so that the choice never depends on the order of the input. It is
  ``pk:PreferredRank``; the others are ``pk:NormalRank``. Every value of a
  multi-valued property is ``pk:NormalRank`` and truthy.

Everything else of the article graphs (types, labels, evidence, articles) and
the reference and ontology graphs is copied into the consolidated graph as it
is, by :func:`kg.graph.union.with_union` as quads are stored; this module adds
the claimed properties. :func:`consolidate` recomputes the given entities only,
so an incremental rebuild costs what it touched.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from kg import vocab as V

# single-valued: one truthy value (the ontology declares them owl:FunctionalProperty; a test checks)
SINGLE: frozenset[str] = frozenset({
    V.head, V.deputy, V.ballotNumber, V.election, V.independent,
    V.region, V.contestedTitle, V.electionYear, V.repeats,
    V.holder, V.post, V.qualifier, V.startDate, V.endDate, V.isFormer,
    V.member, V.memberOf, V.backingRole,
    V.speaker, V.text, V.statementDate, V.eventDate, V.place, V.event,
    V.FOAF + "name",
})
# multi-valued: every stated value is truthy, each with its claim
MULTI: frozenset[str] = frozenset({V.backedBy, V.coalition, V.theme})
CLAIMED: frozenset[str] = SINGLE | MULTI

ARTICLE_GRAPHS = V.GRAPH + "article/"
CURATION_GRAPHS = V.CURATION_GRAPHS
STATED_IN = (ARTICLE_GRAPHS, CURATION_GRAPHS)      # graphs whose claimed triples are stated by an article
# entities minted per article (a quotation, an event: their IRIs hold the article id) have no claims:
# one article states them, and their provenance is their evidence; their facts are copied as they are
OWN = (V.ID + "statement/", V.ID + "event/")
DATE_PUBLISHED = V.SCHEMA + "datePublished"
RDF_TYPE = NamedNode(V.RDF + "type")
XSD_INT = NamedNode(V.XSD + "integer")
CONSOLIDATED = NamedNode(V.CONSOLIDATED_GRAPH)
_CLAIMED_NODES = frozenset(NamedNode(p) for p in CLAIMED)
_P = {name: NamedNode(iri) for name, iri in {
    "claim": V.Claim, "subject": V.claimSubject, "property": V.claimProperty, "value": V.claimValue,
    "rank": V.rank, "count": V.articleCount, "statedIn": V.statedIn, "statedWith": V.statedWith,
    "preferred": V.PreferredRank, "normal": V.NormalRank, "deprecated": V.DeprecatedRank,
}.items()}
PREFERRED, DEPRECATED = "preferred", "deprecated"


@dataclass(frozen=True, slots=True)
class Consolidation:
    """What one run of :func:`consolidate` did."""

    entities: int       # entities (re)consolidated
    claims: int         # claims written
    truthy: int         # truthy triples written
    conflicts: int      # single-valued properties with more than one stated value


def is_claimed(quad: Any) -> bool:
    """Whether this quad of a build is consolidated here, not copied as it is into the consolidated graph:
    a claimed property of a shared entity, stated in an article graph or a curation graph (the reference
    graph's are copied)."""
    graph = quad.graph_name
    return (quad.predicate in _CLAIMED_NODES and type(graph) is NamedNode and graph.value.startswith(STATED_IN)
            and not quad.subject.value.startswith(OWN))


def claim_iri(subject: str, prop: str, value: Any) -> str:
    """A claim's IRI: a hash of its entity, property and value (an N-Triples term), stable across builds."""
    digest = hashlib.sha1(f"{subject}\x1f{prop}\x1f{value}".encode("utf-8")).hexdigest()[:20]
    return f"{V.ID}claim/{digest}"


def article_of_graph(graph: str) -> str:
    """The article of an article graph or of a curation graph (a curation speaks for its article)."""
    prefix = CURATION_GRAPHS if graph.startswith(CURATION_GRAPHS) else ARTICLE_GRAPHS
    return V.ID + "article/" + graph[len(prefix):]


def consolidate(store: Any, entities: Iterable[str] | None = None, dump: Path | None = None,
                ranks: Mapping[str, Mapping[str, str]] | None = None) -> Consolidation:
    """(Re)compute the claims and truthy facts of ``entities`` (IRIs) in ``store``; all when None.

    ``ranks``: entity IRI → claim IRI → ``"preferred"`` or ``"deprecated"``, set by curations
    (:func:`kg.curate.apply.plan_curations`): a deprecated value is never truthy; a preferred one wins
    its single-valued property over the values no curation prefers. The claimed triples of the curation
    graphs (``graph/curation/{id}``: corrected and added facts) count as stated by their article.

    With ``entities`` given, their previous claims and truthy triples are removed first (an entity no
    article states any more loses them all). With None, the consolidated graph is expected to hold
    no claims yet (a fresh build), and the claims are bulk-loaded; ``dump``, a TriG file holding exactly
    the store's article graphs (the build's ``graph.trig``), is then read instead of the store (parsing
    it is about three times faster than decoding the same quads from the store).
    """
    from kg.graph.store import bulk_extend_chunked

    dates: dict[str, str] = {}
    if entities is None and dump is not None:
        stated = _stated_dump(dump, dates)
        for g in store.named_graphs():
            if g.value.startswith(CURATION_GRAPHS):
                for q in store.quads_for_pattern(None, None, None, g):
                    _add(stated, q)
    elif entities is None:
        stated = _stated_all(store)
    else:
        wanted = sorted(e for e in set(entities) if e.startswith(V.ID) and not e.startswith(OWN))
        _remove(store, wanted)
        stated = _stated_of(store, wanted)
    if not dates:
        dates = _article_dates(store, {g for values in stated.values() for graphs in values.values() for g in graphs})
    counts = [0, 0, 0]      # claims, truthy, conflicts
    ranks = ranks or {}
    if entities is None:
        bulk_extend_chunked(store, _quads(stated, dates, counts, ranks))
    else:
        store.extend(list(_quads(stated, dates, counts, ranks)))
    return Consolidation(len({s for s, _ in stated}), *counts)


def _quads(stated: Stated, dates: dict[str, str], counts: list[int],
           ranks: Mapping[str, Mapping[str, str]]) -> Iterator[Quad]:
    for (s, p), values in stated.items():
        single = p.value in SINGLE
        marks = ranks.get(s.value) if ranks else None
        curated = {o: marks.get(claim_iri(s.value, p.value, o)) for o in values} if marks else {}
        best = None
        if single:
            if len(values) > 1:
                counts[2] += 1
            live = [o for o in values if curated.get(o) != DEPRECATED]
            pool = [o for o in live if curated.get(o) == PREFERRED] or live
            if len(pool) > 1:
                best = max(pool, key=lambda o: _rank_key(o, values[o], dates))
            elif pool:
                best = pool[0]
        for o, graphs in values.items():
            mark = curated.get(o)
            truthy = o == best if single else mark != DEPRECATED
            if truthy:
                yield Quad(s, p, o, CONSOLIDATED)
                counts[1] += 1
            rank = DEPRECATED if mark == DEPRECATED else PREFERRED if (single and truthy) or mark == PREFERRED \
                else "normal"
            yield from _claim(s, p, o, graphs, rank)
            counts[0] += 1
    yield from _pairings(stated)


def _pairings(stated: Stated) -> Iterator[Quad]:
    """``pk:statedWith`` between the claims of a ticket that go together (see ``ontology/pilkada.ttl``)."""
    head, deputy, backed = NamedNode(V.head), NamedNode(V.deputy), NamedNode(V.backedBy)
    for (s, p), heads in stated.items():
        if p != head:
            continue
        deputies = stated.get((s, deputy), {})
        with_deputy = set().union(*deputies.values()) if deputies else set()
        with_head = set().union(*heads.values())
        for h, hg in heads.items():
            for d, dg in deputies.items():
                together = bool(hg & dg)
                unpaired = not (hg & with_deputy) and not (dg & with_head)
                if together or unpaired:
                    yield _with(s, head, h, deputy, d)
        for party, pg in stated.get((s, backed), {}).items():
            for h, hg in heads.items():
                if hg & pg or any(g not in with_head for g in pg):
                    yield _with(s, backed, party, head, h)


def _with(s: Any, p: Any, o: Any, q: Any, v: Any) -> Quad:
    return Quad(NamedNode(claim_iri(s.value, p.value, o)), _P["statedWith"],
                NamedNode(claim_iri(s.value, q.value, v)), CONSOLIDATED)


def _rank_key(value: Any, graphs: set[str], dates: dict[str, str]) -> tuple[int, str, str, str]:
    latest = max((g for g in graphs if not g.startswith(CURATION_GRAPHS)), key=lambda g: (dates.get(g, ""), g),
                 default="")
    return (len({article_of_graph(g) for g in graphs}), dates.get(latest, ""), latest, str(value))


def _claim(s: Any, p: Any, o: Any, graphs: set[str], rank: str) -> list[Quad]:
    c = NamedNode(claim_iri(s.value, p.value, o))
    g = CONSOLIDATED
    articles = sorted({article_of_graph(a) for a in graphs})
    quads = [
        Quad(c, RDF_TYPE, _P["claim"], g),
        Quad(c, _P["subject"], s, g),
        Quad(c, _P["property"], p, g),
        Quad(c, _P["value"], o, g),
        Quad(c, _P["rank"], _P[rank], g),
        Quad(c, _P["count"], Literal(str(len(articles)), datatype=XSD_INT), g),
    ]
    quads.extend(Quad(c, _P["statedIn"], NamedNode(a), g) for a in articles)
    return quads


Stated = dict[tuple[Any, Any], dict[Any, set[str]]]


def _add(stated: Stated, q: Any) -> None:
    if is_claimed(q):
        stated.setdefault((q.subject, q.predicate), {}).setdefault(q.object, set()).add(q.graph_name.value)


def _stated_all(store: Any) -> Stated:
    stated: Stated = {}
    for p in sorted(_CLAIMED_NODES, key=lambda n: n.value):
        for q in store.quads_for_pattern(None, p, None, None):
            _add(stated, q)
    return stated


def _stated_dump(dump: Path, dates: dict[str, str]) -> Stated:
    import pyoxigraph

    stated: Stated = {}
    published = NamedNode(DATE_PUBLISHED)
    for q in pyoxigraph.parse(path=str(dump), format=pyoxigraph.RdfFormat.TRIG):
        if q.predicate in _CLAIMED_NODES:
            _add(stated, q)
        elif q.predicate == published and type(q.graph_name) is NamedNode:
            g = q.graph_name.value
            if g.startswith(ARTICLE_GRAPHS) and q.subject.value == article_of_graph(g):
                dates[g] = max(dates.get(g, ""), q.object.value)
    return stated


def _stated_of(store: Any, entities: list[str]) -> Stated:
    stated: Stated = {}
    for s in entities:
        for q in store.quads_for_pattern(NamedNode(s), None, None, None):
            _add(stated, q)
    return stated


def _remove(store: Any, entities: list[str]) -> None:
    doomed: list[Quad] = []
    for s in entities:
        node = NamedNode(s)
        for q in store.quads_for_pattern(None, _P["subject"], node, CONSOLIDATED):
            doomed.extend(store.quads_for_pattern(q.subject, None, None, CONSOLIDATED))
        for q in store.quads_for_pattern(node, None, None, CONSOLIDATED):
            if q.predicate in _CLAIMED_NODES and not _fixed(store, q):
                doomed.append(q)
    for q in doomed:
        store.remove(q)


FIXED = (NamedNode(V.REFERENCE_GRAPH), NamedNode(V.ONTOLOGY_GRAPH))


def _fixed(store: Any, q: Any) -> bool:
    """Whether the reference or ontology graph states this triple (it stays, copied as it is)."""
    return any(next(iter(store.quads_for_pattern(q.subject, q.predicate, q.object, g)), None) is not None
               for g in FIXED)


def _article_dates(store: Any, graphs: set[str]) -> dict[str, str]:
    """The publication date of each article graph's article (absent when unknown)."""
    published = NamedNode(DATE_PUBLISHED)
    dates: dict[str, str] = {}
    for g in graphs:
        node = NamedNode(article_of_graph(g))
        for q in store.quads_for_pattern(node, published, None, NamedNode(g)):
            dates[g] = max(dates.get(g, ""), q.object.value)
    return dates


def consolidated_store(quads: Iterable[Any], store: Any = None) -> Any:
    """A store (in memory unless given) holding ``quads`` (article, reference and ontology graphs) as a
    build holds them: with the union and consolidated graphs. For tests and for data loaded from a dump
    that lacks the derived graphs."""
    import pyoxigraph

    from kg.graph.union import with_union

    derived = {V.UNION_GRAPH, V.CONSOLIDATED_GRAPH}
    store = pyoxigraph.Store() if store is None else store
    store.extend(with_union(q for q in quads if getattr(q.graph_name, "value", None) not in derived))
    consolidate(store, None)
    return store
