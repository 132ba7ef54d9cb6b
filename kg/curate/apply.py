"""Curations resolved against a build: the curation graphs, the ranks they set, and what no longer applies.

:func:`plan_curations` reads each curated article's graph (:func:`kg.curate.facts.article_facts`), finds
the fact each curation's natural key names, and decides:

==========  ==========================================  =============================  =====================
action      the fact is found                           not found                      also
==========  ==========================================  =============================  =====================
confirm     its claims ranked preferred                 **stale**
reject      its claims ranked deprecated                **redundant** (extraction
                                                        no longer states it)
correct     the found claims deprecated; the corrected  **redundant** when the
            fact added, its claims preferred            corrected fact is found, else
                                                        **stale**
add         **redundant** (extraction states it now)    added, its claims preferred
==========  ==========================================  =============================  =====================

A key that names more than one fact of the article, or a region, party, office or qualifier that is
unknown, is **invalid**. Curations apply in the order of their time (``at``), then file and entry: when
two set opposite ranks on one claim, the later holds and the earlier is reported as **contradicted**.

What comes out (:class:`CurationPlan`) is the quads of one named graph per curated article,
``graph/curation/{id}``: a ``pk:Curation`` record per applied curation (PROV: curator, time, why, the
sentence it cites, the claims it ranks) and the facts corrections and additions state, written as an
article graph writes them, with the record as their evidence; and the ranks, keyed by claim IRI
(:func:`kg.graph.consolidate.claim_iri`), that :func:`kg.graph.consolidate.consolidate` applies. A
quotation has no claims: its rank is a ``pk:rank`` triple on the quotation, in the curation graph.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from kg import vocab as V
from kg.curate.facts import FactRow, article_facts, matches
from kg.curate.files import Curation, CurationProblem, CurationSet
from kg.graph import iris
from kg.graph.consolidate import CLAIMED, OWN, claim_iri
from kg.graph.facts import date_literal
from kg.resolve.people import person_key

Resolver = Callable[[str, str], "str | None"]
PREFERRED, DEPRECATED = "preferred", "deprecated"
STATUSES = ("applied", "stale", "redundant", "contradicted", "invalid")
RULE = "curation"

_T = {k: NamedNode(v) for k, v in {
    "type": V.RDF + "type", "label": V.RDFS + "label", "comment": V.RDFS + "comment", "name": V.name,
    "pref": V.SKOS + "prefLabel", "derived": V.PROV + "wasDerivedFrom", "attributed": V.PROV + "wasAttributedTo",
    "generated": V.PROV + "generatedAtTime", "Agent": V.PROV + "Agent", "Entity": V.PROV + "Entity",
    "fileName": V.fileName, "code": V.partyCode,
}.items()}
XSD_INT, XSD_BOOL = NamedNode(V.XSD + "integer"), NamedNode(V.XSD + "boolean")
XSD_DATETIME, XSD_DECIMAL, XSD_GYEAR = NamedNode(V.XSD + "dateTime"), NamedNode(V.XSD + "decimal"), \
    NamedNode(V.XSD + "gYear")
ARTICLE_GRAPHS = V.GRAPH + "article/"
REFERENCE, ONTOLOGY = NamedNode(V.REFERENCE_GRAPH), NamedNode(V.ONTOLOGY_GRAPH)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What became of one curation."""

    curation: Curation
    status: str                 # one of STATUSES
    message: str = ""

    def line(self) -> str:
        c = self.curation
        what = f"{c.action} {c.kind} " + ", ".join(f"{k}={v}" for k, v in c.fact if v not in (None, ""))
        return f"{self.status}: {c.where}: {what}" + (f": {self.message}" if self.message else "")


@dataclass(slots=True)
class CurationPlan:
    """The curation graphs of a build, the ranks they set and a verdict per curation."""

    quads: list[Quad] = field(default_factory=list)
    ranks: dict[str, str] = field(default_factory=dict)      # claim IRI → preferred | deprecated
    claim_entity: dict[str, str] = field(default_factory=dict)   # claim IRI → its entity
    entities: set[str] = field(default_factory=set)          # entities whose claims the curations touch
    verdicts: list[Verdict] = field(default_factory=list)
    problems: list[CurationProblem] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for v in self.verdicts if v.status == status)

    def entity_ranks(self) -> dict[str, dict[str, str]]:
        """entity IRI → claim IRI → rank: what :func:`kg.graph.consolidate.consolidate` takes."""
        out: dict[str, dict[str, str]] = {}
        for iri, rank in self.ranks.items():
            out.setdefault(self.claim_entity.get(iri, ""), {})[iri] = rank
        return out

    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in STATUSES} | {"unreadable": len(self.problems)}


def curation_graph_iri(article: str) -> str:
    return V.CURATION_GRAPHS + iris.slugify_id(article)


def article_index(store: Any) -> dict[str, str]:
    """Article id, file name and file name without extension → article id, for every article of a build."""
    index: dict[str, str] = {}
    for g in store.named_graphs():
        if g.value.startswith(ARTICLE_GRAPHS):
            aid = g.value[len(ARTICLE_GRAPHS):]
            index.setdefault(aid, aid)
    for q in store.quads_for_pattern(None, _T["fileName"], None, None):
        g = getattr(q.graph_name, "value", "")
        if g.startswith(ARTICLE_GRAPHS):
            aid = g[len(ARTICLE_GRAPHS):]
            name = q.object.value
            index.setdefault(name, aid)
            index.setdefault(name.rsplit(".", 1)[0], aid)
    return index


def plan_curations(store: Any, curations: CurationSet, resolve: Resolver) -> CurationPlan:
    """Resolve every curation against the article graphs of ``store`` (a build's store)."""
    plan = CurationPlan(problems=list(curations.problems))
    index = article_index(store)
    canon = Canon(store, resolve)
    rows: dict[str, list[FactRow]] = {}
    setter: dict[str, Curation] = {}        # claim IRI → the curation that set its rank
    overridden: dict[Curation, str] = {}
    ordered = sorted(curations.entries, key=lambda c: (_time(c.at), c.file, c.index))
    effects: list[tuple[Curation, list[Ranked], list[Quad]]] = []
    by_article: dict[str, list[Curation]] = {}
    for c in ordered:
        if index.get(c.article) is not None:
            by_article.setdefault(index[c.article], []).append(c)
    edits: dict[str, PartyEdits] = {}
    carried: dict[Curation, str] = {}       # party curations a ticket's move took along → that correction
    for c in ordered:
        aid = index.get(c.article)
        if aid is None:
            plan.verdicts.append(Verdict(c, "stale", f"article {c.article!r} is not in this build"))
            continue
        if aid not in rows:
            rows[aid] = article_facts(store, aid)
            edits[aid] = _party_edits(by_article[aid], rows[aid], canon)
        try:
            verdict, ranks, quads, virtual = _decide(c, aid, rows[aid], canon, edits[aid], carried)
        except Unresolved as err:
            plan.verdicts.append(Verdict(c, "invalid", str(err)))
            continue
        plan.verdicts.append(verdict)
        if verdict.status != "applied":
            continue
        if virtual:         # later curations of the article find the ticket as this one left it
            gone = {r.subject for r in virtual} | {_subject_of(c, rows[aid], canon)}
            rows[aid] = [r for r in rows[aid] if r.subject not in gone or r.kind not in {"ticket", "ticket-party"}]
            rows[aid].extend(virtual)
        effects.append((c, ranks, quads))
        for iri, rank, entity in ranks:
            plan.entities.add(entity)
            plan.claim_entity[iri] = entity
            earlier = setter.get(iri)
            if earlier is not None and earlier is not c and plan.ranks.get(iri) != rank:
                overridden[earlier] = f"{c.where} ranks a claim of it {rank}"
            plan.ranks[iri] = rank
            setter[iri] = c
    plan.verdicts = [Verdict(v.curation, "contradicted", f"overridden: {overridden[v.curation]}")
                     if v.curation in overridden else v for v in plan.verdicts]
    rank_node = {PREFERRED: NamedNode(V.PreferredRank), DEPRECATED: NamedNode(V.DeprecatedRank)}
    for c, ranks, quads in effects:
        graph = NamedNode(curation_graph_iri(index[c.article]))
        mine = [iri for iri, _, _ in ranks if setter.get(iri) is c]
        record = _record(c, index[c.article], mine, graph)
        plan.quads.extend(record)
        rec = record[0].subject
        for q in quads:
            plan.quads.append(Quad(q.subject, q.predicate, q.object, graph))
            if q.predicate == _T["type"] and q.object.value in _EVIDENCED:
                plan.quads.append(Quad(q.subject, _T["derived"], rec, graph))
        # a quotation has no claims: its rank is a triple on it, in the curation graph
        plan.quads.extend(Quad(NamedNode(iri), NamedNode(V.rank), rank_node[plan.ranks[iri]], graph)
                          for iri in sorted(set(mine)) if iri.startswith(OWN))
    for q in plan.quads:
        if q.predicate.value in CLAIMED and not q.subject.value.startswith(OWN):
            plan.entities.add(q.subject.value)
    return plan


_EVIDENCED = frozenset({V.Ticket, V.OfficeHolding, V.Statement, V.CoalitionMembership, V.Election})
Ranked = tuple[str, str, str]       # (claim IRI or quotation IRI, rank, the entity)


class Unresolved(Exception):
    """A curation that cannot be resolved against its article: an ambiguous key, an unknown term (a verdict
    of **invalid**)."""


def _time(at: str) -> str:
    try:
        return dt.datetime.fromisoformat(at).astimezone(dt.timezone.utc).isoformat() if at else ""
    except ValueError:
        return at


def _rank(rows: Iterable[FactRow], rank: str) -> list[Ranked]:
    out: list[Ranked] = []
    for r in rows:
        if r.kind == "statement":
            out.append((r.subject, rank, r.subject))
            continue
        out.extend((claim_iri(s, p, o), rank, s) for s, p, o in r.claims)
    return out


def _prefer_quads(quads: Iterable[Quad], context: frozenset[tuple[str, str, str]] = frozenset()) -> list[Ranked]:
    """Preferred ranks for the claims a curation states, but the context it restates (a ticket's election
    and head beside an added party: what pairs them, not what the curation asserts)."""
    out: list[Ranked] = []
    for q in quads:
        if q.predicate.value in CLAIMED and not q.subject.value.startswith(OWN):
            if (q.subject.value, q.predicate.value, str(q.object)) not in context:
                out.append((claim_iri(q.subject.value, q.predicate.value, q.object), PREFERRED, q.subject.value))
        elif q.predicate == _T["type"] and q.object.value == V.Statement:
            out.append((q.subject.value, PREFERRED, q.subject.value))
    return out


def _only(rows: Iterable[FactRow], props: Iterable[str]) -> list[Ranked]:
    """Deprecated ranks for the claims of ``rows`` on ``props`` only."""
    wanted = set(props)
    return [(claim_iri(s, p, o), DEPRECATED, s) for r in rows for s, p, o in r.claims if p in wanted]


def _version_claims(store: Any, row: FactRow, rows: list[FactRow]) -> list[Ranked]:
    """What rejecting one version of a ticket deprecates: its head and deputy, and the parties of it that no
    article states beside another head of the same ticket (the ticket itself, its election and number, may
    be another version's too)."""
    out = _only([row], (V.head, V.deputy))
    head = next((o for _, p, o in row.claims if p == V.head), None)
    t = NamedNode(row.subject)
    for party in _parties_of(rows, row):
        value = next(o for _, p, o in party.claims if p == V.backedBy)
        graphs = {q.graph_name for q in store.quads_for_pattern(t, _P_BACKED, value, None)
                  if getattr(q.graph_name, "value", "").startswith(ARTICLE_GRAPHS)}
        elsewhere = any(q.object != head for g in graphs for q in store.quads_for_pattern(t, _P_HEAD, None, g))
        if not elsewhere:
            out += _only([party], (V.backedBy,))
    return out


_P_BACKED, _P_HEAD = NamedNode(V.backedBy), NamedNode(V.head)
CHANGED_PROPERTY = {"head": V.head, "deputy": V.deputy, "office": V.contestedTitle}


def _find(rows: list[FactRow], kind: str, key: Mapping[str, Any]) -> list[FactRow]:
    return [r for r in rows if matches(r, kind, key)]


def _one(found: list[FactRow], c: Curation) -> FactRow | None:
    if len(found) > 1:
        raise Unresolved(f"the key names {len(found)} {c.kind} facts of the article; give more fields "
                       f"(year, number, deputy, start…)")
    return found[0] if found else None


def _decide(c: Curation, aid: str, rows: list[FactRow], canon: Canon, edits: PartyEdits,
            carried: dict[Curation, str]) -> tuple[Verdict, list[Ranked], list[Quad], list[FactRow]]:
    """The verdict on ``c``, the ranks it sets, the quads it adds, and (a ticket added or corrected) the rows
    of the ticket as it now reads, for the article's later curations to find."""
    key = canon.key(c.kind, c.fields)
    if c in carried:        # a party curation that a correction moving its ticket took along
        return Verdict(c, "applied", f"to the pair as {carried[c]} moved it"), [], [], []
    if c.action in {"confirm", "reject"}:
        row = _one(_find(rows, c.kind, key), c)
        if row is None:
            status = "stale" if c.action == "confirm" else "redundant"
            why = "the article's graph does not state this fact (extraction changed, or the key is wrong)" \
                if status == "stale" else "extraction does not state this fact (any more)"
            return Verdict(c, status, why), [], [], []
        if c.action == "confirm":
            return Verdict(c, "applied"), _rank([row], PREFERRED), [], []
        if c.kind == "ticket":
            return Verdict(c, "applied"), _version_claims(canon.store, row, rows), [], []
        return Verdict(c, "applied"), _rank([row], DEPRECATED), [], []
    writer = _Writer(canon, aid)
    if c.action == "add":
        if _find(rows, c.kind, key):
            return Verdict(c, "redundant", "extraction states this fact now"), [], [], []
        quads = writer.fact(c.kind, key, rows, c.fields)
        virtual = _ticket_rows(aid, key, quads) if c.kind == "ticket" else []
        return Verdict(c, "applied"), _prefer_quads(quads, writer.context), quads, virtual
    # correct
    new = canon.key(c.kind, c.corrected)
    row = _one(_find(rows, c.kind, key), c)
    if row is None:
        if _find(rows, c.kind, new):
            return Verdict(c, "redundant", "extraction states the corrected fact now"), [], [], []
        return Verdict(c, "stale", "the article's graph does not state the fact it corrects (extraction "
                                   "changed, or the key is wrong)"), [], [], []
    # the fact as it should read is the found fact with the changes: a key may give only some of its fields
    new = canon.key(c.kind, {**row.values, **c.changes})
    if c.kind != "ticket":
        quads = writer.fact(c.kind, new, rows, new)
        return Verdict(c, "applied"), _rank([row], DEPRECATED) + _prefer_quads(quads, writer.context), quads, []
    # the parties go with the pair, as the article's curations of them leave them (whenever they were made)
    removed, added = edits.get(row.subject, ({}, {}))
    parties = tuple(sorted({r.values["party"] for r in _parties_of(rows, row)} - set(removed) | set(added)))
    moved = any(not canon.same(k, row.values.get(k), new.get(k)) for k in ("region", "year", "number"))
    if moved:       # another ticket: this version is rejected and the corrected one added, with its parties
        quads = writer.fact("ticket", new, rows, {"parties": parties})
        for party_curation in (*removed.values(), *added.values()):
            carried[party_curation] = c.where
        return Verdict(c, "applied"), _version_claims(canon.store, row, rows) + \
            _prefer_quads(quads, writer.context), quads, _ticket_rows(aid, new, quads)
    changed = [CHANGED_PROPERTY[k] for k in c.changes if k in CHANGED_PROPERTY]
    quads = writer.fact("ticket", new, rows, {"parties": parties}, subject=row.subject)
    return Verdict(c, "applied"), _only([row], changed) + _prefer_quads(quads, writer.context), quads, \
        _ticket_rows(aid, new, quads)


# ticket IRI → (party code → the curation that removes it, party code → the curation that adds it)
PartyEdits = dict[str, tuple[dict[str, Curation], dict[str, Curation]]]


def _subject_of(c: Curation, rows: list[FactRow], canon: Canon) -> str:
    """The ticket a correction found (its rows give way to the corrected ones); "" for an addition."""
    if c.action != "correct":
        return ""
    found = _find(rows, c.kind, canon.key(c.kind, c.fields))
    return found[0].subject if len(found) == 1 else ""


def _party_edits(entries: list[Curation], rows: list[FactRow], canon: Canon) -> PartyEdits:
    """What the article's curations do to the parties of each ticket extraction found: a ticket moved by a
    correction (another year, number or region) takes its parties as these leave them."""
    out: PartyEdits = {}
    for c in entries:
        if c.kind != "ticket-party":
            continue
        try:
            key = canon.key(c.kind, c.fields)
            if c.action in {"reject", "correct"}:
                for r in _find(rows, c.kind, key):
                    out.setdefault(r.subject, ({}, {}))[0][r.values["party"]] = c
                    if c.action == "correct":
                        out[r.subject][1][str(canon.key(c.kind, c.corrected)["party"])] = c
            elif c.action == "add":
                want = {k: key[k] for k in ("region", "year", "head") if key.get(k) not in (None, "")}
                for r in _find(rows, "ticket", want):
                    out.setdefault(r.subject, ({}, {}))[1][str(key["party"])] = c
        except Unresolved:
            continue
    return out


def _ticket_rows(article: str, key: Mapping[str, Any], quads: list[Quad]) -> list[FactRow]:
    """The rows of a ticket a curation wrote (``quads``), keyed as ``key`` reads."""
    ticket = next((q.subject for q in quads if q.predicate == _T["type"] and q.object.value == V.Ticket), None)
    if ticket is None:
        return []
    claims = [(q.subject.value, q.predicate.value, q.object) for q in quads if q.subject == ticket
              and q.predicate.value in (V.election, V.head, V.deputy, V.ballotNumber)]
    fields = {k: key.get(k) for k in ("region", "year", "number", "head", "deputy", "office")}
    rows = [FactRow(article, "ticket", tuple(fields.items()), ticket.value, tuple(claims))]
    common = {"region": fields["region"], "year": fields["year"], "head": fields["head"]}
    for q in quads:
        if q.subject == ticket and q.predicate.value == V.backedBy:
            rows.append(FactRow(article, "ticket-party", tuple({**common, "party": q.object.value.rsplit("/", 1)[-1]}
                                                              .items()), ticket.value,
                                ((ticket.value, V.backedBy, q.object),)))
    return rows


def _parties_of(rows: list[FactRow], ticket: FactRow) -> list[FactRow]:
    return [r for r in rows if r.kind == "ticket-party" and r.subject == ticket.subject]


class Canon:
    """Curation values in the graph's own words: region labels, party codes, office titles (:meth:`key`;
    :class:`Unresolved` names a value that is unknown). :mod:`kg.curate.gold` reads curations with it too."""

    def __init__(self, store: Any, resolve: Resolver) -> None:
        self.store = store
        self.resolve = resolve
        self._cache: dict[tuple[str, str], tuple[str, str | None]] = {}

    def term(self, kind: str, text: Any) -> tuple[str, str | None]:
        """(IRI, label) of a region, party, office or qualifier, or Unresolved naming the value."""
        k = (kind, str(text))
        if k not in self._cache:
            iri = self.resolve(kind, str(text))
            if iri is None:
                raise Unresolved(f"{kind} {str(text)[:80]!r} is unknown")
            self._cache[k] = (iri, self._label(kind, iri))
        return self._cache[k]

    def _label(self, kind: str, iri: str) -> str | None:
        node = NamedNode(iri)
        if kind == "party":
            return iri.rsplit("/", 1)[-1]
        if kind == "region":
            for g in (REFERENCE, None):
                for q in self.store.quads_for_pattern(node, _T["label"], None, g):
                    return q.object.value
            return None
        for q in self.store.quads_for_pattern(node, _T["pref"], None, ONTOLOGY):
            if getattr(q.object, "language", None) == "id":
                return q.object.value
        return None

    def key(self, kind: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(fields)
        out.pop("parties", None)
        for name, what in (("region", "region"), ("party", "party"), ("office", "office"),
                           ("qualifier", "qualifier")):
            v = out.get(name)
            if v in (None, ""):
                continue
            if name == "qualifier" and str(v).strip().lower() in {"definitif", "definitive", "none"}:
                out[name] = None
                continue
            out[name] = self.term(what, v)[1] or v
        return out

    def same(self, name: str, a: Any, b: Any) -> bool:
        return str(a or "").casefold() == str(b or "").casefold()


class _Writer:
    """The quads of a corrected or added fact, as an article graph writes them (kg.graph.facts)."""

    def __init__(self, canon: Canon, article: str) -> None:
        self.canon = canon
        self.article = article
        self.quads: list[Quad] = []
        self.context: frozenset[tuple[str, str, str]] = frozenset()   # restated, not asserted (see _prefer_quads)
        self.g = NamedNode(curation_graph_iri(article))

    def add(self, s: Any, p: str, o: Any) -> None:
        self.quads.append(Quad(s, NamedNode(p), o, self.g))

    def person(self, name: str) -> NamedNode:
        node = NamedNode(iris.person_iri(person_key(name)))
        self.add(node, V.RDF + "type", NamedNode(V.Person))
        self.add(node, V.name, Literal(name))
        self.add(node, V.RDFS + "label", Literal(name))
        return node

    def region(self, text: Any) -> tuple[NamedNode | None, str | None]:
        if text in (None, ""):
            return None, None
        iri, label = self.canon.term("region", text)
        node = NamedNode(iri)
        self.add(node, V.RDF + "type", NamedNode(V.Region))
        if label:
            self.add(node, V.RDFS + "label", Literal(label, language="id"))
        return node, iri.rsplit("/", 1)[-1]

    def concept(self, kind: str, text: Any) -> NamedNode:
        node = NamedNode(self.canon.term(kind, text)[0])
        self.add(node, V.RDF + "type", NamedNode(V.SKOS + "Concept"))
        return node

    def fact(self, kind: str, key: Mapping[str, Any], rows: list[FactRow], fields: Mapping[str, Any],
             subject: str | None = None) -> list[Quad]:
        self.quads = []
        self.context = frozenset()
        if kind == "ticket":
            self.ticket(key, fields, subject)
        elif kind == "ticket-party":
            self.ticket_party(key, rows)
        elif kind == "office":
            self.holding(key)
        else:
            self.statement(key)
        return self.quads

    def election(self, key: Mapping[str, Any]) -> NamedNode:
        region, code = self.region(key.get("region"))
        year = key.get("year")
        office = key.get("office")
        node = NamedNode(iris.election_iri(code, year, False, office if code is None else None))
        self.add(node, V.RDF + "type", NamedNode(V.Election))
        where = key.get("region") or "?"
        self.add(node, V.RDFS + "label", Literal(f"Pemilihan {office + ' ' if office else ''}{where} {year or ''}"
                                                 .strip(), language="id"))
        if region is not None:
            self.add(node, V.region, region)
        if year:
            self.add(node, V.electionYear, Literal(str(year), datatype=XSD_GYEAR))
        if office:
            self.add(node, V.contestedTitle, self.concept("office", office))
        return node

    def ticket(self, key: Mapping[str, Any], fields: Mapping[str, Any], subject: str | None) -> NamedNode:
        election = self.election(key)
        head = key.get("head")
        number = key.get("number")
        node = NamedNode(subject or iris.ticket_iri(election.value, number, person_key(str(head))))
        self.add(node, V.RDF + "type", NamedNode(V.Ticket))
        self.add(node, V.election, election)
        self.add(node, V.head, self.person(str(head)))
        label = str(head)
        if key.get("deputy"):
            self.add(node, V.deputy, self.person(str(key["deputy"])))
            label += " – " + str(key["deputy"])
        if number is not None:
            self.add(node, V.ballotNumber, Literal(str(number), datatype=XSD_INT))
            label = f"{number}. {label}"
        if subject is None:         # a new ticket; a corrected one keeps its label
            self.add(node, V.RDFS + "label", Literal(label))
        for party in fields.get("parties") or ():
            self.backing(node, party)
        if subject is not None:     # a corrected ticket: its election, number and parties stay as stated
            self.context = frozenset((q.subject.value, q.predicate.value, str(q.object)) for q in self.quads
                                     if q.subject == node and q.predicate.value in
                                     (V.election, V.ballotNumber, V.backedBy, V.coalition))
        return node

    def backing(self, ticket: NamedNode, party: Any) -> None:
        iri, code = self.canon.term("party", party)
        node = NamedNode(iri)
        self.add(node, V.RDF + "type", NamedNode(V.Party))
        self.add(node, V.partyCode, Literal(str(code)))
        for q in self.canon.store.quads_for_pattern(node, _T["label"], None, REFERENCE):
            self.add(node, V.RDFS + "label", q.object)
        self.add(ticket, V.backedBy, node)
        coalition = NamedNode(ticket.value + "/coalition")
        self.add(coalition, V.RDF + "type", NamedNode(V.Coalition))
        self.add(ticket, V.coalition, coalition)
        m = NamedNode(f"{coalition.value}/{code}")
        self.add(m, V.RDF + "type", NamedNode(V.CoalitionMembership))
        self.add(m, V.memberOf, coalition)
        self.add(m, V.member, node)
        self.add(m, V.backingRole, Literal("pengusung"))

    def ticket_party(self, key: Mapping[str, Any], rows: list[FactRow]) -> None:
        want = {k: key.get(k) for k in ("region", "year", "head") if key.get(k) not in (None, "")}
        tickets = [r for r in rows if matches(r, "ticket", want)]
        if len(tickets) != 1:
            raise Unresolved("no ticket of the article has this region, year and head; add the ticket (with "
                           "its parties) instead" if not tickets else
                           f"{len(tickets)} tickets of the article have this region, year and head; give the year")
        t = tickets[0]
        node = NamedNode(t.subject)
        context = []
        for s, p, o in t.claims:       # the ticket's election and head, so that the party pairs with this head
            if p in (V.election, V.head):
                self.add(NamedNode(s), p, o)
                context.append((s, p, str(o)))
        self.backing(node, key["party"])
        self.context = frozenset(context)

    def holding(self, key: Mapping[str, Any]) -> None:
        person, office = str(key["person"]), str(key["office"])
        region, code = self.region(key.get("region"))
        qualifier = key.get("qualifier")
        holder = self.person(person)
        post = NamedNode(iris.post_iri(office, code))
        self.add(post, V.RDF + "type", NamedNode(V.Post))
        self.add(post, V.title, self.concept("office", office))
        if region is not None:
            self.add(post, V.jurisdiction, region)
        self.add(post, V.RDFS + "label", Literal(f"{office} {key.get('region') or ''}".strip(), language="id"))
        start, end = key.get("start"), key.get("end")
        node = NamedNode(iris.holding_iri(person_key(person), office, code, qualifier, start, end))
        self.add(node, V.RDF + "type", NamedNode(V.OfficeHolding))
        self.add(node, V.holder, holder)
        self.add(node, V.post, post)
        q = NamedNode(self.canon.term("qualifier", qualifier)[0]) if qualifier else \
            NamedNode(iris.qualifier_iri(None))
        self.add(node, V.qualifier, q)
        self.add(holder, V.ORG + "holds", post)
        if start:
            self.add(node, V.startDate, date_literal(str(start)))
        if end:
            self.add(node, V.endDate, date_literal(str(end)))

    def statement(self, key: Mapping[str, Any]) -> None:
        speaker, quote = str(key["speaker"]), str(key["quote"])
        node = NamedNode(iris.statement_iri(self.article, -1, quote + "\x00" + speaker))
        self.add(node, V.RDF + "type", NamedNode(V.Statement))
        self.add(node, V.speaker, self.person(speaker))
        self.add(node, V.text, Literal(quote, language="id"))
        self.add(node, V.DCTERMS + "source", NamedNode(iris.article_iri(self.article)))


def _record(c: Curation, article: str, ranked: list[str], graph: NamedNode) -> list[Quad]:
    """The PROV record of an applied curation (its first quad's subject is the record)."""
    rec = NamedNode(V.ID + "curation/" + iris.short_hash(article, c.action, c.kind, c.fact, c.to, c.by, c.at, n=20))
    out = [Quad(rec, _T["type"], NamedNode(V.Curation), graph), Quad(rec, _T["type"], _T["Entity"], graph),
           Quad(rec, NamedNode(V.curationAction), Literal(c.action), graph),
           Quad(rec, NamedNode(V.factKind), Literal(c.kind), graph),
           Quad(rec, NamedNode(V.article), NamedNode(iris.article_iri(article)), graph),
           Quad(rec, NamedNode(V.extractedBy), Literal(RULE), graph),
           Quad(rec, NamedNode(V.confidence), Literal("1.000", datatype=XSD_DECIMAL), graph)]
    curator = NamedNode(V.ID + "curator/" + iris.slugify(c.by or "unknown"))
    out += [Quad(rec, _T["attributed"], curator, graph), Quad(curator, _T["type"], _T["Agent"], graph),
            Quad(curator, _T["label"], Literal(c.by or "unknown"), graph)]
    when = _time(c.at)
    if when:
        out.append(Quad(rec, _T["generated"], Literal(when, datatype=XSD_DATETIME), graph))
    if c.why:
        out.append(Quad(rec, _T["comment"], Literal(c.why), graph))
    if c.evidence:
        out.append(Quad(rec, NamedNode(V.quotedText), Literal(c.evidence), graph))
    for iri in sorted(set(ranked)):
        out.append(Quad(rec, NamedNode(V.curates), NamedNode(iri), graph))
    return out
