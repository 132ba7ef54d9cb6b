"""Curations are gold: the curated truth of each curated article, as a document of ``GOLD_SCHEMA.md``.

A curated article is a labelled example. Its truth starts from what extraction states for it
(:func:`kg.curate.facts.article_facts`, read from the article's own graph, which curations never touch); then
its curations are read in the order they apply (time, then file and entry, as :func:`plan_curations` orders
them, so a later verdict overrides an earlier one):

==========  ====================================================================================
confirm     the fact is named right; when extraction does not state it (a *stale* confirm), the
            analyst's fact is the article's all the same (extraction lost it: a miss to count)
reject      the fact goes, and a ticket's parties with it
correct     the fact goes; the corrected one (its other fields kept) takes its place, a ticket's
            parties with it; when neither is stated, the corrected fact is added
add         the fact is the article's (an added ticket with its parties)
==========  ====================================================================================

A curation's key names a fact as extraction states it (as the build finds it) or as earlier curations left it
(a party keyed by the corrected year of its ticket). Curations that :func:`plan_curations` finds **invalid** (an
ambiguous key, an unknown region, party, office or qualifier) are left out, and said so in :attr:`GoldSet.notes`.

There is no per-article flag saying that an analyst read the whole article, so both readings are offered:

* ``assume_confirmed=True``: the analyst reviewed the whole article: extraction's facts that no curation
  marks count as right. Recall then misses only what was added or corrected; precision loses only what was
  rejected or corrected. An upper bound of extraction's score.
* ``assume_confirmed=False``: only the facts a curation names count (confirmed, corrected, added; a party a
  curation names makes its ticket a fact, with only the region, year and head the curation gives). Every
  fact no curation names counts against precision. A lower bound.

The document follows ``GOLD_SCHEMA.md``: election keys are a slug of the region's name and the cycle year
(``kutai-timur-2024``; ``-psu`` for a revote), parties are codes (those of the schema: others are left out),
offices are the schema's canonical titles (other posts are left out), ``qualifier`` is null for a
definitive holder, and a quotation is its first ten words.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import NamedNode

from kg import vocab as V
from kg.curate.apply import Canon, Resolver, Unresolved, Verdict, article_index, plan_curations
from kg.curate.facts import FactRow, article_facts, fold, key_matches
from kg.curate.files import Curation, CurationProblem, CurationSet
from kg.curate.matching import OFFICES, PARTIES
from kg.graph import iris

QUOTE_WORDS = 10
ELECTION_OFFICE = {"provinsi": "Gubernur", "kabupaten": "Bupati", "kota": "Wali Kota", "indonesia": "Presiden"}
_DEFINITIVE = {"", "definitif", "definitive", "none"}


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One curated article: its id in the build and its curated truth (a ``GOLD_SCHEMA.md`` document)."""

    article: str
    document: dict[str, Any]
    verdicts: tuple[Verdict, ...] = ()        # its curations, as the build applies them


@dataclass(slots=True)
class GoldSet:
    """The curated truth of every curated article of a build, and the curations it could not use."""

    articles: list[GoldArticle] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)             # one line per curation left out or read apart
    problems: list[CurationProblem] = field(default_factory=list)   # unreadable files and entries

    @property
    def curations(self) -> int:
        return sum(len(a.verdicts) for a in self.articles)


def curated_gold(store: Any, curations: CurationSet, resolve: Resolver, assume_confirmed: bool = False) -> GoldSet:
    """The gold document of each article of ``store`` (a build's store) that ``curations`` curate."""
    plan = plan_curations(store, curations, resolve)
    out = GoldSet(problems=list(plan.problems))
    index = article_index(store)
    canon = Canon(store, resolve)
    by_article: dict[str, list[Verdict]] = {}
    for v in plan.verdicts:                  # in the order they apply
        aid = index.get(v.curation.article)
        if aid is None:
            out.notes.append(v.line())
            continue
        by_article.setdefault(aid, []).append(v)
    for aid in sorted(by_article):
        truth = _Truth(store, aid, article_facts(store, aid), canon)
        for v in by_article[aid]:
            if v.status == "invalid":
                out.notes.append(f"left out: {v.line()}")
                continue
            try:
                note = truth.read(v.curation)
            except Unresolved as err:
                out.notes.append(f"left out: {v.curation.where}: {err}")
                continue
            if note:
                out.notes.append(f"{v.curation.where}: {note}")
        out.articles.append(GoldArticle(aid, truth.document(assume_confirmed), tuple(by_article[aid])))
    return out


# ------------------------------------------------------------------ the truth of one article


@dataclass(slots=True)
class _Ticket:
    fields: dict[str, Any]                    # region, year, number, head, deputy, office
    named: bool = False
    revote: bool = False
    parties: dict[str, bool] = field(default_factory=dict)    # code → named by a curation
    origin: dict[str, Any] | None = None      # the fields as extraction states them (a key may name these)


@dataclass(slots=True)
class _Fact:
    kind: str                                 # office | statement
    fields: dict[str, Any]
    named: bool = False
    origin: dict[str, Any] | None = None


class _Truth:
    """An article's facts as extraction states them, changed by its curations one at a time."""

    def __init__(self, store: Any, article: str, rows: list[FactRow], canon: Canon) -> None:
        self.store, self.article, self.canon = store, article, canon
        self.graph = NamedNode(iris.article_graph_iri(article))
        self.tickets: list[_Ticket] = []
        self.facts: list[_Fact] = []
        by_subject: dict[str, _Ticket] = {}
        for r in rows:
            if r.kind == "ticket":
                t = _Ticket(dict(r.values), revote=self._revote(r), origin=dict(r.values))
                by_subject[r.subject] = t
                self.tickets.append(t)
            elif r.kind == "ticket-party" and r.subject in by_subject:
                by_subject[r.subject].parties[str(r.values["party"])] = False
            elif r.kind in {"office", "statement"}:
                self.facts.append(_Fact(r.kind, dict(r.values), origin=dict(r.values)))

    def _revote(self, row: FactRow) -> bool:
        election = next((o for _, p, o in row.claims if p == V.election), None)
        return election is not None and any(self.store.quads_for_pattern(
            election, NamedNode(V.RDF + "type"), NamedNode(V.Revote), self.graph))

    # -------------------------------------------------------------- reading a curation

    def read(self, c: Curation) -> str:
        """Apply ``c``; a note when it is read otherwise than the build applies it ('' when not)."""
        key = self.canon.key(c.kind, c.fields)
        if c.kind == "ticket-party":
            return self._party(c, key)
        found = self._find(c.kind, key)
        if c.action == "reject":
            self._drop(found)
            return ""
        if c.action in {"confirm", "add"}:
            for f in found:
                f.named = True
                if c.kind == "ticket":
                    f.parties.update((self._code(p), True) for p in c.fields.get("parties") or ())
            if not found:
                self._assert(c.kind, key, c.fields.get("parties") or ())
                if c.action == "confirm":
                    return "confirms a fact extraction does not state: counted as the article's fact"
            return ""
        # correct
        if len(found) > 1:
            raise Unresolved(f"the key names {len(found)} {c.kind} facts; give more fields")
        changes = self.canon.key(c.kind, c.changes)
        if found:
            old = found[0]
            new = {**old.fields, **changes}
            if c.kind == "ticket" and "region" in changes and "office" not in changes:
                new["office"] = None
            old.fields, old.named = new, True
            return ""
        target = self._find(c.kind, self.canon.key(c.kind, c.corrected))
        for f in target:
            f.named = True
        if not target:
            self._assert(c.kind, self.canon.key(c.kind, c.corrected), ())
            return "corrects a fact extraction does not state: the corrected fact counted as the article's"
        return ""

    def _find(self, kind: str, key: Mapping[str, Any]) -> list[Any]:
        pool = self.tickets if kind == "ticket" else [f for f in self.facts if f.kind == kind]
        return [f for f in pool if _names(f, key)]

    def _drop(self, found: list[Any]) -> None:
        gone = {id(f) for f in found}
        self.tickets = [t for t in self.tickets if id(t) not in gone]
        self.facts = [f for f in self.facts if id(f) not in gone]

    def _assert(self, kind: str, key: Mapping[str, Any], parties: Any) -> None:
        if kind == "ticket":
            fields = {k: key.get(k) for k in ("region", "year", "number", "head", "deputy", "office")}
            self.tickets.append(_Ticket(fields, named=True,
                                        parties={self._code(p): True for p in parties}))
        else:
            names = ("person", "office", "region", "qualifier", "start", "end") if kind == "office" \
                else ("speaker", "quote")
            self.facts.append(_Fact(kind, {k: key.get(k) for k in names}, named=True))

    def _code(self, party: Any) -> str:
        return str(self.canon.term("party", party)[1] or party)

    def _party(self, c: Curation, key: Mapping[str, Any]) -> str:
        want = {k: key[k] for k in ("region", "year", "head") if key.get(k) not in (None, "")}
        tickets = [t for t in self.tickets if _names(t, want)]
        code = str(key["party"])
        holders = [t for t in tickets if code in t.parties]
        if c.action == "reject":
            for t in holders:
                t.parties.pop(code)
            return ""
        if c.action == "correct":
            new = self._code(c.changes["party"])
            for t in holders:
                t.parties.pop(code)
                t.parties[new] = True
            if holders:
                return ""
            code = new                          # neither stated: the corrected party is the fact
        for t in holders:
            t.parties[code] = True
        if holders:
            return ""
        note = ""
        if not tickets:
            tickets = [_Ticket({"region": key.get("region"), "year": key.get("year"), "number": None,
                                "head": key.get("head"), "deputy": None, "office": None})]
            self.tickets.extend(tickets)
            note = "names a ticket extraction does not state: the ticket counted with this region, year and head"
        tickets[0].parties[code] = True
        if c.action == "confirm" and not note:
            note = "confirms a party extraction does not state: counted as the article's fact"
        return note

    # -------------------------------------------------------------- the document

    def document(self, assume_confirmed: bool) -> dict[str, Any]:
        tickets = [t for t in self.tickets if assume_confirmed or t.named or any(t.parties.values())]
        keys: dict[tuple[Any, ...], str] = {}
        elections: list[dict[str, Any]] = []
        rows: list[dict[str, Any]] = []
        for t in tickets:
            f = t.fields
            office = f.get("office") or _election_office(f.get("region"))
            ident = (fold(f.get("region")), f.get("year"), fold(office), t.revote)
            if ident not in keys:
                keys[ident] = _election_key(f.get("region"), f.get("year"), office, t.revote, set(keys.values()))
                elections.append({"key": keys[ident], "region": f.get("region"), "office": office,
                                  "year": f.get("year"), "revote": t.revote})
            parties = [p for p, named in t.parties.items() if (assume_confirmed or named) and p in PARTIES]
            rows.append({"election": keys[ident], "number": f.get("number"), "head": f.get("head"),
                         "deputy": f.get("deputy"), "parties": parties})
        facts = [f for f in self.facts if assume_confirmed or f.named]
        offices = [{"person": f.fields["person"], "office": f.fields["office"], "region": f.fields.get("region"),
                    "qualifier": _qualifier(f.fields.get("qualifier")), "start": _date(f.fields.get("start")),
                    "end": _date(f.fields.get("end"))}
                   for f in facts if f.kind == "office" and fold(f.fields.get("office")) in OFFICES]
        statements = [{"speaker": f.fields["speaker"], "quote": " ".join(str(f.fields["quote"]).split()[:QUOTE_WORDS])}
                      for f in facts if f.kind == "statement"]
        return {"source": self.source(), "elections": elections, "tickets": rows, "offices": _unique(offices),
                "statements": _unique(statements)}

    def source(self) -> dict[str, Any]:
        a = NamedNode(iris.article_iri(self.article))

        def one(s: Any, p: str) -> Any:
            return next((q.object for q in self.store.quads_for_pattern(s, NamedNode(p), None, self.graph)), None)

        url, date, outlet = one(a, V.SCHEMA + "url"), one(a, V.SCHEMA + "datePublished"), one(a, V.SCHEMA + "publisher")
        name = one(outlet, V.RDFS + "label") if outlet is not None else None
        return {"url": url.value if url is not None else None, "publisher": name.value if name is not None else None,
                "published": date.value[:10] if date is not None else None}


def _names(item: _Ticket | _Fact, key: Mapping[str, Any]) -> bool:
    """Whether ``key`` names ``item``: as it reads now, or as extraction stated it (the build finds a curation's
    fact among extraction's, so an analyst keys a later curation either way)."""
    return key_matches(item.fields, key) or (item.origin is not None and key_matches(item.origin, key))


def _election_office(region: Any) -> str | None:
    r = fold(region)
    return next((title for kind, title in ELECTION_OFFICE.items() if r == kind or r.startswith(kind + " ")), None)


def _election_key(region: Any, year: Any, office: Any, revote: bool, taken: set[str]) -> str:
    """``Kabupaten Kutai Timur``, 2024 → ``kutai-timur-2024``; the region's kind is kept when two regions of
    an article share a name (``kota-bekasi-2024``), the office when there is no region."""
    r = fold(region)
    name = re.sub(r"^(provinsi|kabupaten|kab|kota) ", "", r) if r else fold(office) or "election"
    parts = [name] + ([str(year)] if year else []) + (["psu"] if revote else [])
    key = iris.slugify(" ".join(parts))
    if key in taken:
        key = iris.slugify(" ".join([r or fold(office)] + parts[1:]))
    n = 2
    base = key
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _qualifier(q: Any) -> str | None:
    return None if fold(q) in _DEFINITIVE else str(q)


def _date(value: Any) -> Any:
    s = str(value or "")
    return int(s) if re.fullmatch(r"\d{4}", s) else (s or None)


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for r in rows:
        k = tuple((k, fold(v)) for k, v in r.items())
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out
