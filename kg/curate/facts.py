"""The facts one article's graph states, by natural key: what a curation addresses, what the review page lists.

:func:`article_facts` reads the article's named graph of a build (and the labels of the ontology graph) and
gives one :class:`FactRow` per ticket, ticket-party, office holding and statement, with the fields of
``GOLD_SCHEMA.md``, the claims behind it (entity, property, value: the triples whose claims a curation
ranks), its evidence (the sentence span and text) and the rule or model that made it, with its confidence.
:func:`matches` tells whether a row is the fact a curation's key names (case, accents, punctuation and
honorifics aside; a field the key leaves out matches anything).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pyoxigraph import NamedNode

from kg import vocab as V
from kg.graph import iris

_N = {k: NamedNode(v) for k, v in {
    "type": V.RDF + "type", "label": V.RDFS + "label", "pref": V.SKOS + "prefLabel", "name": V.name,
    "Ticket": V.Ticket, "OfficeHolding": V.OfficeHolding, "Statement": V.Statement,
    "election": V.election, "region": V.region, "year": V.electionYear, "title": V.contestedTitle,
    "head": V.head, "deputy": V.deputy, "number": V.ballotNumber, "backedBy": V.backedBy, "code": V.partyCode,
    "holder": V.holder, "post": V.post, "ptitle": V.title, "jurisdiction": V.jurisdiction,
    "qualifier": V.qualifier, "start": V.startDate, "end": V.endDate, "speaker": V.speaker, "text": V.text,
    "derived": V.PROV + "wasDerivedFrom", "quoted": V.quotedText, "from": V.startOffset, "to": V.endOffset,
    "sentence": V.sentenceIndex, "rule": V.extractedBy, "confidence": V.confidence, "coalition": V.coalition,
    "memberOf": V.memberOf, "member": V.member, "role": V.backingRole, "Revote": V.Revote,
}.items()}
ONTOLOGY = NamedNode(V.ONTOLOGY_GRAPH)
# honorifics and degrees left out when names are compared: the evaluation scorer's list (GOLD_SCHEMA.md
# writes names without them); kg.curate.matching, which mirrors the scorer, uses it too
HONORIFICS = frozenset({
    "h", "hj", "kh", "dr", "drs", "dra", "ir", "prof", "st", "se", "sh", "mh", "msi",
    "mm", "mpd", "spd", "ssos", "sip", "mt", "mkes", "ak", "mba", "ma", "phd", "mag",
    "sag", "shi", "skm", "sp", "spdi", "ssi", "sstp", "ap", "mpa", "msc", "bsc", "haji",
    "hajjah", "tgh", "tgb", "ust", "ustadz", "habib", "letjen", "mayjen", "brigjen",
    "kombes", "irjen", "komjen", "jenderal", "purn", "bapak", "ibu", "pak", "bu",
})


@dataclass(frozen=True, slots=True)
class FactRow:
    """One fact of one article: its natural key, the claims behind it and its evidence."""

    article: str
    kind: str                                   # ticket | ticket-party | office | statement
    fields: tuple[tuple[str, Any], ...]         # natural key, GOLD_SCHEMA fields
    subject: str                                # the entity's IRI (ticket, holding, statement)
    claims: tuple[tuple[str, str, Any], ...]    # (entity, property, value term) the fact rests on
    evidence: str = ""
    start: int | None = None
    end: int | None = None
    sentence: int | None = None
    rule: str = ""
    confidence: float | None = None

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.fields)

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "kind": self.kind, "fact": dict(self.fields), "subject": self.subject,
                "evidence": self.evidence, "start": self.start, "end": self.end, "sentence": self.sentence,
                "rule": self.rule, "confidence": self.confidence}


def article_facts(store: Any, article: str) -> list[FactRow]:
    """Every ticket, ticket-party, office holding and statement of ``article``'s graph in ``store``."""
    reader = _Reader(store, article)
    return reader.tickets() + reader.holdings() + reader.statements()


class _Reader:
    def __init__(self, store: Any, article: str) -> None:
        self.store = store
        self.article = article
        self.g = NamedNode(iris.article_graph_iri(article))
        self._labels: dict[str, str | None] = {}

    def one(self, s: Any, p: str) -> Any:
        return next((q.object for q in self.store.quads_for_pattern(s, _N[p], None, self.g)), None)

    def all(self, s: Any, p: str) -> list[Any]:
        return sorted((q.object for q in self.store.quads_for_pattern(s, _N[p], None, self.g)), key=str)

    def subjects(self, cls: str) -> list[Any]:
        return sorted({q.subject for q in self.store.quads_for_pattern(None, _N["type"], _N[cls], self.g)}, key=str)

    def name(self, person: Any) -> str | None:
        if person is None:
            return None
        v = self.one(person, "name")
        return v.value if v is not None else person.value.rsplit("/", 1)[-1]

    def label(self, node: Any) -> str | None:
        """A region's label (article graph), or a concept's Indonesian prefLabel (ontology graph)."""
        if node is None:
            return None
        if node.value not in self._labels:
            found = None
            for q in self.store.quads_for_pattern(node, _N["label"], None, self.g):
                found = q.object.value
            if found is None:
                for q in self.store.quads_for_pattern(node, _N["pref"], None, ONTOLOGY):
                    if getattr(q.object, "language", None) == "id":
                        found = q.object.value
            self._labels[node.value] = found
        return self._labels[node.value]

    def evidence(self, node: Any) -> dict[str, Any]:
        ev = self.one(node, "derived")
        if ev is None:
            return {}
        conf = self.one(ev, "confidence")
        start, end, sent = self.one(ev, "from"), self.one(ev, "to"), self.one(ev, "sentence")
        return {"evidence": (self.one(ev, "quoted") or _Empty).value,
                "start": int(start.value) if start is not None else None,
                "end": int(end.value) if end is not None else None,
                "sentence": int(sent.value) if sent is not None else None,
                "rule": (self.one(ev, "rule") or _Empty).value,
                "confidence": float(conf.value) if conf is not None else None}

    def row(self, kind: str, fields: Mapping[str, Any], subject: Any, claims: Iterable[tuple[Any, str, Any]],
            ev: dict[str, Any]) -> FactRow:
        return FactRow(self.article, kind, tuple(fields.items()), subject.value,
                       tuple((s.value, _N[p].value, o) for s, p, o in claims if o is not None), **ev)

    def tickets(self) -> list[FactRow]:
        rows: list[FactRow] = []
        for t in self.subjects("Ticket"):
            e = self.one(t, "election")
            head, deputy, number = self.one(t, "head"), self.one(t, "deputy"), self.one(t, "number")
            region = self.one(e, "region") if e is not None else None
            year = self.one(e, "year") if e is not None else None
            title = self.one(e, "title") if e is not None else None
            common = {"region": self.label(region), "year": int(year.value[:4]) if year is not None else None}
            ev = self.evidence(t)
            claims = [(t, "election", e), (t, "head", head), (t, "deputy", deputy), (t, "number", number),
                      (e, "title", title)]
            rows.append(self.row("ticket", {**common, "number": int(number.value) if number is not None else None,
                                            "head": self.name(head), "deputy": self.name(deputy),
                                            "office": self.label(title)}, t, claims, ev))
            coalition = self.one(t, "coalition")
            for party in self.all(t, "backedBy"):
                code = self.one(party, "code")
                m = NamedNode(f"{coalition.value}/{code.value}") if coalition is not None and code is not None else None
                pev = self.evidence(m) if m is not None else {}
                rows.append(self.row("ticket-party", {**common, "head": self.name(head),
                                                      "party": code.value if code is not None else party.value},
                                     t, [(t, "backedBy", party)], pev or ev))
        return rows

    def holdings(self) -> list[FactRow]:
        rows: list[FactRow] = []
        for h in self.subjects("OfficeHolding"):
            holder, post, q = self.one(h, "holder"), self.one(h, "post"), self.one(h, "qualifier")
            title = self.one(post, "ptitle") if post is not None else None
            region = self.one(post, "jurisdiction") if post is not None else None
            start, end = self.one(h, "start"), self.one(h, "end")
            qualifier = None if q is None or q.value.endswith("/definitive") else self.label(q)
            fields = {"person": self.name(holder), "office": self.label(title), "region": self.label(region),
                      "qualifier": qualifier, "start": start.value if start is not None else None,
                      "end": end.value if end is not None else None}
            claims = [(h, "holder", holder), (h, "post", post), (h, "qualifier", q), (h, "start", start),
                      (h, "end", end)]
            rows.append(self.row("office", fields, h, claims, self.evidence(h)))
        return rows

    def statements(self) -> list[FactRow]:
        rows: list[FactRow] = []
        for s in self.subjects("Statement"):
            speaker, text = self.one(s, "speaker"), self.one(s, "text")
            rows.append(self.row("statement", {"speaker": self.name(speaker),
                                               "quote": text.value if text is not None else None},
                                 s, [(s, "speaker", speaker), (s, "text", text)], self.evidence(s)))
        return rows


class _Empty:
    value = ""


# ------------------------------------------------------------------ matching


def fold(text: Any) -> str:
    """Case-folded, accents and punctuation dropped, spaces collapsed."""
    t = unicodedata.normalize("NFKD", str(text or ""))
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", t).split())


def name_key(name: Any) -> tuple[str, ...]:
    """A person's name as compared: folded words, honorifics and degrees (after a comma) left out."""
    return tuple(w for w in fold(str(name or "").split(",")[0]).split() if w not in HONORIFICS)


def region_key(region: Any) -> str:
    r = fold(region)
    r = re.sub(r"^kab\b", "kabupaten", r)
    return r


def same_value(field: str, want: Any, have: Any) -> bool:
    """Whether a curation's ``want`` for ``field`` is the row's ``have``."""
    if field in {"head", "deputy", "person", "speaker"}:
        return name_key(want) == name_key(have) and bool(name_key(want)) or (want in (None, "") and have in (None, ""))
    if field == "region":
        if want in (None, ""):
            return have in (None, "")
        (wk, wc), (hk, hc) = _region_parts(want), _region_parts(have)
        return wc == hc and (wk == hk or wk is None or hk is None)
    if field in {"year", "number"}:
        return str(want) == str(have) if want not in (None, "") else have in (None, "")
    if field == "quote":
        w, h = fold(want), fold(have)
        return bool(w) and (h.startswith(w) or w.startswith(h)) if h else not w
    if field in {"start", "end"}:
        if want in (None, ""):
            return have in (None, "")
        w, h = str(want), str(have or "")
        return bool(h) and (w.startswith(h) or h.startswith(w))      # 2021 and 2021-02-26 are one start
    return fold(want) == fold(have)


def _region_parts(region: Any) -> tuple[str | None, str]:
    """``Kabupaten Kutai Timur`` → ``("kabupaten", "kutai timur")``; ``Kutai Timur`` → ``(None, "kutai timur")``."""
    r = region_key(region)
    for kind in ("provinsi", "kabupaten", "kota"):
        if r.startswith(kind + " "):
            return kind, r[len(kind) + 1:]
    return None, r


def matches(row: FactRow, kind: str, key: Mapping[str, Any]) -> bool:
    """Whether ``row`` is the fact of ``kind`` that ``key`` names (fields the key leaves out match anything;
    a key's ``null`` matches only an empty field)."""
    return row.kind == kind and key_matches(row.values, key)


def key_matches(have: Mapping[str, Any], key: Mapping[str, Any]) -> bool:
    """Whether the fields ``have`` are what ``key`` names (the rule of :func:`matches`, on plain fields)."""
    return all(same_value(k, v, have.get(k)) for k, v in key.items() if k in have)
