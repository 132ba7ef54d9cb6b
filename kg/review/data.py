"""What the review page shows, as JSON-ready dicts: a build's articles, the facts of an article, a region or
a saved query's rows (each with its evidence in its sentence and the curations that name it), and the
curations the page writes.

:class:`ReviewData` holds one build folder and one curations folder. It opens the build's store read-only and
opens it again when ``current`` moves to a newer build (caches go with it). Facts come from
:func:`kg.curate.facts.article_facts`, texts from :mod:`kg.review.texts`, curations from
:mod:`kg.curate.files`. Nothing here knows HTTP: the server maps :class:`NotFound` to 404 and any other
:class:`~kg.errors.KgError` to 400.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import vocab as V
from kg.curate.facts import FactRow, article_facts, matches, same_value
from kg.curate.files import CORRECTABLE, KINDS, Curation, CurationError, append_curation, make_curation, read_folder
from kg.errors import KgError, StoreError
from kg.graph import iris
from kg.resources import Resources
from kg.review.texts import SourceText, evidence_context, read_source_text, sentence_spans

ROW_LIMIT = 300           # rows of a saved query shown (and matched to facts) at most
CACHE_ARTICLES = 64       # articles whose facts and text stay in memory
ARTICLE_GRAPH = V.GRAPH + "article/"
FACT_TYPES = (V.Ticket, V.OfficeHolding, V.Statement)
NAME_COLUMNS = ("person", "head", "deputy", "speaker", "candidate")


class NotFound(KgError):
    """An article, region or saved query the build does not have (HTTP 404)."""


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    id: str
    key: str            # the manifest's key of its source
    locator: str
    file: str
    title: str
    outlet: str
    published: str
    sha256: str
    counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "file": self.file, "outlet": self.outlet,
                "published": self.published, "locator": self.locator,
                "facts": sum(self.counts.get(k, 0) for k in ("tickets", "backings", "offices", "statements"))}


class ReviewData:
    """A build and a curations folder, as the review page reads and writes them."""

    def __init__(self, data: Path, curations: Path, resources: Resources | None = None) -> None:
        self.data = Path(data)
        self.curations = Path(curations)
        self.resources = resources or Resources.default()
        self._lock = threading.RLock()
        self._build: Path | None = None
        self._store: Any = None
        self._articles: dict[str, ArticleInfo] = {}
        self._cache: OrderedDict[str, tuple[list[FactRow], SourceText | None]] = OrderedDict()
        self._curations: tuple[Any, dict[str, list[Curation]]] = (None, {})
        self._resolver: Any = None
        self._furniture: Any = None
        self.store()                     # a missing or broken build fails now, not on the first request

    # ------------------------------------------------------------------ the build

    def store(self) -> Any:
        """The current build's store (opened again, caches dropped, when ``current`` moved)."""
        from kg.graph.store import open_store, resolve_build_dir

        with self._lock:
            build = resolve_build_dir(self.data)
            if build != self._build:
                self._store = open_store(self.data)
                self._build = build
                self._articles = self._read_articles(build)
                self._cache.clear()
            return self._store

    def _read_articles(self, build: Path) -> dict[str, ArticleInfo]:
        from pyoxigraph import NamedNode

        from kg.manifest import MANIFEST, Manifest

        manifest = Manifest.read(build / MANIFEST)
        if manifest is None:
            raise StoreError("the build has no readable manifest.json", culprit=str(build),
                             hint=f"rebuild with `kg build ARTICLES --out {self.data}`")
        p = {k: NamedNode(v) for k, v in {"title": V.DCTERMS + "title", "date": V.SCHEMA + "datePublished",
                                          "file": V.fileName, "publisher": V.SCHEMA + "publisher",
                                          "label": V.RDFS + "label"}.items()}

        def one(s: Any, prop: str, g: Any) -> str:
            return next((q.object.value for q in self._store.quads_for_pattern(s, p[prop], None, g)), "")

        out: dict[str, ArticleInfo] = {}
        for key, e in manifest.articles.items():
            if not e.graph or e.role != "original" or not e.graph.startswith(ARTICLE_GRAPH):
                continue
            aid = e.graph[len(ARTICLE_GRAPH):]
            g, node = NamedNode(e.graph), NamedNode(iris.article_iri(aid))
            outlet = next((q.object for q in self._store.quads_for_pattern(node, p["publisher"], None, g)), None)
            out[aid] = ArticleInfo(
                id=aid, key=key, locator=e.meta.get("locator", key),
                file=one(node, "file", g) or Path(e.meta.get("locator", key)).name,
                title=one(node, "title", g), outlet=(one(outlet, "label", g) if outlet is not None else "")
                or e.meta.get("outlet", ""), published=one(node, "date", g) or e.meta.get("published", ""),
                sha256=next((q.object.value for q in self._store.quads_for_pattern(
                    node, NamedNode(V.contentHash), None, g)), ""), counts=dict(e.counts))
        return out

    def articles(self) -> dict[str, ArticleInfo]:
        self.store()
        return self._articles

    def article(self, aid: str) -> ArticleInfo:
        found = self.articles().get(aid)
        if found is None:
            raise NotFound(f"no article {aid!r} in this build", hint="pick one from the article list")
        return found

    def search_articles(self, text: str = "", limit: int = 500) -> dict[str, Any]:
        """Articles whose title, file name, id or outlet holds every word of ``text`` (case aside)."""
        words = text.casefold().split()
        hits = [a for a in self.articles().values()
                if all(w in f"{a.title}\n{a.file}\n{a.id}\n{a.outlet}".casefold() for w in words)]
        hits.sort(key=lambda a: (a.published or "9999", a.file))
        return {"total": len(hits), "articles": [a.to_json() for a in hits[:limit]]}

    def info(self) -> dict[str, Any]:
        from kg.query.service import catalog

        kinds = {k.name: {"fields": list(k.fields), "key": list(k.key), "extra": list(k.extra),
                          "correctable": list(CORRECTABLE.get(k.name, ()))} for k in KINDS.values()}
        queries = [{"name": q.name, "summary": q.summary, "columns": list(q.columns),
                    "params": [{"name": p.name, "type": p.type, "help": p.help, "required": p.required}
                               for p in q.params]} for q in catalog(self.resources).values()]
        return {"build": str(self.data), "curations": str(self.curations), "articles": len(self.articles()),
                "kinds": kinds, "queries": queries, "regions": self.region_labels()}

    # ------------------------------------------------------------------ facts and texts

    def _facts_and_text(self, aid: str, text: bool) -> tuple[list[FactRow], SourceText | None]:
        store = self.store()
        with self._lock:
            cached = self._cache.get(aid)
            if cached is not None and (cached[1] is not None or not text):
                self._cache.move_to_end(aid)
                return cached
        facts = cached[0] if cached is not None else article_facts(store, aid)
        source = self._read_text(self.article(aid)) if text else None
        with self._lock:
            self._cache[aid] = (facts, source)
            while len(self._cache) > CACHE_ARTICLES:
                self._cache.popitem(last=False)
        return facts, source

    def _read_text(self, a: ArticleInfo) -> SourceText:
        if self._furniture is None:
            from kg.ingest.sentences import load_furniture_patterns

            self._furniture = load_furniture_patterns(self.resources.lexicon / "furniture.yaml")
        return read_source_text(a.key, a.locator, a.sha256 or None, self._furniture)

    def _fact_json(self, row: FactRow, n: int, source: SourceText | None,
                   curations: list[Curation]) -> dict[str, Any]:
        out = row.to_json()
        out["id"] = f"{row.article}#{n}"
        a = self._articles.get(row.article)
        out["article_title"] = (a.title or a.file) if a is not None else row.article
        out["context"] = evidence_context(source or SourceText("missing"), row.evidence, row.start, row.end)
        out["curations"] = [curation_json(c) for c in curations if matches(row, c.kind, c.fields)]
        return out

    def _facts_json(self, aid: str, keep: Any = None) -> tuple[list[dict[str, Any]], SourceText, list[Curation]]:
        facts, source = self._facts_and_text(aid, text=True)
        assert source is not None
        curations = self.curations_of(aid)
        out = [self._fact_json(r, n, source, curations) for n, r in enumerate(facts) if keep is None or keep(r)]
        return out, source, curations

    # ------------------------------------------------------------------ views

    def article_view(self, aid: str) -> dict[str, Any]:
        a = self.article(aid)
        facts, source, curations = self._facts_json(aid)
        rows, _ = self._facts_and_text(aid, text=False)
        unmatched = [curation_json(c) for c in curations if not any(matches(r, c.kind, c.fields) for r in rows)]
        return {"view": "article", "article": a.to_json(), "source": source.to_json(), "text": source.text,
                "sentences": sentence_spans(source), "facts": order_facts(facts), "other_curations": unmatched}

    def region_view(self, name: str) -> dict[str, Any]:
        """The facts that name region ``name`` (a name, an abbreviation or a Kemendagri code), in every article."""
        from pyoxigraph import NamedNode

        if self._resolver is None:
            from kg.query.service import make_resolver

            self._resolver = make_resolver(self.resources)
        iri = self._resolver("region", name)
        if iri is None:
            raise NotFound(f"no region {name!r} in the gazetteer",
                           hint="give a name, an abbreviation or a Kemendagri code (Kutim, 64.08)")
        store, region = self.store(), NamedNode(iri)
        label = next((q.object.value for q in store.quads_for_pattern(region, NamedNode(V.RDFS + "label"), None)),
                     name)
        graphs = {q.graph_name.value for p in (V.region, V.jurisdiction)
                  for q in store.quads_for_pattern(None, NamedNode(p), region, None)}
        ids = sorted(g[len(ARTICLE_GRAPH):] for g in graphs if g.startswith(ARTICLE_GRAPH))
        ids = [i for i in ids if i in self.articles()]
        facts: list[dict[str, Any]] = []
        for aid in ids:
            facts += self._facts_json(aid, keep=lambda r: same_value("region", label, r.values.get("region")))[0]
        return {"view": "region", "region": label, "iri": iri, "facts": order_facts(facts),
                "articles": [self._articles[i].to_json() for i in ids if any(f["article"] == i for f in facts)]}

    def region_labels(self) -> list[str]:
        """The labels of the regions the build's facts name (for the page's suggestions)."""
        from pyoxigraph import NamedNode

        store, label = self.store(), NamedNode(V.RDFS + "label")
        regions = {q.object for p in (V.region, V.jurisdiction)
                   for q in store.quads_for_pattern(None, NamedNode(p), None, None)
                   if q.graph_name.value.startswith(ARTICLE_GRAPH)}
        return sorted({q.object.value for r in regions for q in store.quads_for_pattern(r, label, None)})

    def query_view(self, name: str, params: Mapping[str, str]) -> dict[str, Any]:
        """A saved query's rows, and the facts behind each: the facts whose ticket, holding or statement IRI is
        in the row; for a row without one, the facts its columns name (person, office, region…)."""
        from kg.query.service import catalog, run_saved

        if name not in catalog(self.resources):
            raise NotFound(f"no saved query {name!r}", hint="pick one from the list (`kg query --list`)")
        table = run_saved(self.store(), name, dict(params), self.resources)
        rows = table.values()[:ROW_LIMIT]
        row_facts = [[f"{aid}#{n}" for aid, n in self._row_facts(row, list(table.columns))] for row in rows]
        wanted = {key for ids in row_facts for key in ids}
        facts: dict[str, dict[str, Any]] = {}
        for aid in sorted({key.rsplit("#", 1)[0] for key in wanted}):
            facts.update((f["id"], f) for f in self._facts_json(aid)[0] if f["id"] in wanted)
        for key, f in facts.items():
            f["rows"] = [i for i, ids in enumerate(row_facts) if key in ids]
        return {"view": "query", "query": name, "params": dict(params), "columns": list(table.columns),
                "rows": [[r[c] for c in table.columns] for r in rows], "total_rows": len(table.rows),
                "row_facts": row_facts, "facts": order_facts(list(facts.values()))}

    def _row_facts(self, row: dict[str, str], columns: list[str]) -> list[tuple[str, int]]:
        from pyoxigraph import Literal, NamedNode

        store = self.store()
        kinds = [k for k in ("ticket-party", "ticket", "office", "statement") if set(KINDS[k].key) <= set(columns)]
        subjects: set[str] = set()
        graphs: set[str] = set()
        rdf_type = NamedNode(V.RDF + "type")
        for v in row.values():
            if v.startswith(V.ID):
                for q in store.quads_for_pattern(NamedNode(v), rdf_type, None, None):
                    if q.object.value in FACT_TYPES and q.graph_name.value.startswith(ARTICLE_GRAPH):
                        subjects.add(v)
                        graphs.add(q.graph_name.value)
        if not subjects:
            if not kinds:
                return []
            for c in NAME_COLUMNS:
                if row.get(c):
                    graphs |= {q.graph_name.value for q in store.quads_for_pattern(
                        None, NamedNode(V.name), Literal(row[c]), None)}
        out: list[tuple[str, int]] = []
        for g in sorted(graphs):
            aid = g[len(ARTICLE_GRAPH):]
            if aid not in self.articles():
                continue
            for n, fact in enumerate(self._facts_and_text(aid, text=False)[0]):
                if kinds and fact.kind not in kinds[:1]:
                    continue
                if subjects:
                    ok = fact.subject in subjects and ("party" not in row or fact.kind != "ticket-party"
                                                      or same_value("party", row["party"], fact.values["party"]))
                else:
                    key = {k: (row[k] or None) for k in KINDS[fact.kind].fields if k in row}
                    ok = matches(fact, fact.kind, key)
                if ok:
                    out.append((aid, n))
        return out

    # ------------------------------------------------------------------ curations

    def curations_of(self, aid: str) -> list[Curation]:
        """The curations of article ``aid`` in the folder (read again when a file changed)."""
        folder = self.curations
        try:
            stamp = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()
                                 if p.suffix.lower() in {".yaml", ".yml"})) if folder.is_dir() else ()
        except OSError:
            stamp = None
        with self._lock:
            if stamp is None or stamp != self._curations[0]:
                self._curations = (stamp, read_folder(folder).by_article())
            return list(self._curations[1].get(aid, []))

    def curate(self, payload: Any) -> dict[str, Any]:
        """Check and write one curation the page sends (``article``, ``action``, ``kind``, ``fact``, ``to``,
        ``by``, ``why``, ``evidence``); the written entry, as read back."""
        if not isinstance(payload, dict):
            raise CurationError("send a JSON object with article, action, kind and fact")
        unknown = set(payload) - {"article", "action", "kind", "fact", "to", "by", "why", "evidence"}
        if unknown:
            raise CurationError(f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        aid = str(payload.get("article") or "")
        self.article(aid)
        by = " ".join(str(payload.get("by") or "").split())
        if not by:
            raise CurationError("say who curates: fill in your name (by)")
        entry = make_curation(aid, str(payload.get("action") or ""), str(payload.get("kind") or ""),
                              _mapping(payload.get("fact"), "fact"), _mapping(payload.get("to"), "to") or None,
                              by=by, why=str(payload.get("why") or ""), evidence=str(payload.get("evidence") or ""))
        notes: list[str] = []
        if entry.action != "add":
            facts, _ = self._facts_and_text(aid, text=False)
            if not any(matches(r, entry.kind, entry.fields) for r in facts):
                raise CurationError(f"article {aid!r} has no such {entry.kind} in this build",
                                    hint="reload the page (the build may have changed)")
        elif entry.evidence:
            _, source = self._facts_and_text(aid, text=True)
            if source is not None and source.text is not None \
                    and " ".join(entry.evidence.split()) not in " ".join(source.text.split()):
                notes.append("the evidence is not in the article's text as the build read it")
        try:
            written = append_curation(self.curations, entry)
        except OSError as err:
            raise CurationError(f"cannot write the curation ({err.strerror or err})", culprit=str(self.curations),
                                hint="check that the curations folder is a writable folder") from None
        return {"entry": curation_json(written), "notes": notes}


def curations_folder(data: Path, given: Path | None) -> Path:
    """``given``, else the curations folder the build recorded; the first curation creates it."""
    from kg.curate.service import curations_folder as folder_of

    return folder_of(data, given, must_exist=False)


def _mapping(value: Any, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CurationError(f"'{what}' must be an object of field: value")
    return value


def curation_json(c: Curation) -> dict[str, Any]:
    return {**c.to_yaml_dict(), "article": c.article, "file": c.file, "index": c.index}


def order_facts(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lowest confidence first; facts without a confidence (rules that do not score) after all scored ones."""
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(facts, key=lambda f: (f["confidence"] is None, f["confidence"] or 0.0, f["article"],
                                        order.get(f["kind"], 9), f["start"] if f["start"] is not None else -1))

