"""build(): articles → validated graph in a build folder, atomically.

The only module that loops over articles and decides what a failure does: a
bad article is reported as a :class:`Problem` and skipped, the rest is built;
an article whose graph violates SHACL is reported with the shape and focus
node and left out. Output goes to a fresh build folder that becomes current
only when complete (see :mod:`kg.graph.store`).
"""
from __future__ import annotations

import dataclasses
import functools
import gc
import itertools
import json
import logging
import os
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any
from pathlib import Path

from kg.budget import DEFAULT_ARTICLE_TIMEOUT
from kg.errors import MAX_CULPRIT, MAX_MESSAGE, ArticleTimeout, KgError, StoreError, ValidationFailed, one_line
from kg.model import ArticleFacts, Document
from kg.resources import Resources

log = logging.getLogger(__name__)
TIMEOUT_STAGE = "timeout"      # the stage of a Problem for an article past its time budget (never reused)


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    stage: str
    message: str
    kind: str = "skipped"        # skipped | warning | invalid | internal

    def line(self) -> str:
        """One line whatever the file name or the message hold (control characters escaped, long parts cut)."""
        path, message = one_line(self.path, MAX_CULPRIT), one_line(self.message, MAX_MESSAGE)
        return f"{self.kind}: {message}" if message.startswith(path) else f"{self.kind}: {path}: {message}"


@dataclass
class BuildReport:
    out: str
    articles_seen: int = 0
    articles_built: int = 0
    reused: int = 0              # articles taken unchanged from the previous build
    facts: int = 0
    quads: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    conforms: bool = True
    violations: int = 0
    warnings: int = 0
    validation_text: str = ""
    seconds: dict[str, float] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)   # the files and folders built, absolute
    curations: str | None = None     # the curations folder applied (kg.curate), absolute
    curated: dict[str, int] = field(default_factory=dict)   # curations by verdict: applied, stale, redundant…

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.kind in {"skipped", "invalid", "internal"}]

    def to_json(self) -> str:
        d = asdict(self)
        d["skipped_files"] = [p.path for p in self.skipped]
        return json.dumps(d, ensure_ascii=False, indent=1)


class Context:
    """What every article needs, loaded once per process and only when first needed.

    A rebuild in which no article changed never loads the lexicon, the shapes or
    the gazetteer. :meth:`warm` loads everything (before worker processes fork,
    so that they inherit it instead of loading it again).
    """

    def __init__(self, resources: Resources, article_timeout: float | None = None) -> None:
        self.resources = resources
        self.article_timeout = article_timeout      # seconds per article (None: no limit); see kg.budget

    @classmethod
    def load(cls, resources: Resources) -> Context:
        return cls(resources)

    @functools.cached_property
    def lexicon(self) -> Any:
        from kg.extract.lexicon import load_lexicon
        from kg.graph.skos import load_theme_keywords

        themes = load_theme_keywords(self.resources.ontology_dir / "themes.ttl")
        return load_lexicon(self.resources.lexicon, themes)

    @functools.cached_property
    def gazetteer(self) -> Any:
        from kg.resolve.gazetteer import Gazetteer

        return Gazetteer.load(self.resources.reference)

    @functools.cached_property
    def furniture(self) -> Any:
        from kg.ingest.sentences import load_furniture_patterns

        return load_furniture_patterns(self.resources.lexicon / "furniture.yaml")

    @functools.cached_property
    def outlets(self) -> Any:
        from kg.resolve.outlets import OutletTable

        return OutletTable.load(self.resources.reference / "outlets.csv")

    @functools.cached_property
    def shapes(self) -> Any:
        from kg.validate.shacl import load_shapes

        return load_shapes(self.resources.shapes)

    def warm(self) -> Context:
        for name in ("lexicon", "gazetteer", "furniture", "outlets", "shapes"):
            getattr(self, name)
        return self


def process_article(source: Any, ctx: Context) -> ArticleFacts:
    """Read, split, extract and resolve one article (raises KgError on bad input).

    ``source`` is a :class:`~kg.ingest.sources.Source` (a file or a dump record)
    or the path of an article file.
    """
    import dataclasses

    from kg.extract import extract_claims
    from kg.ingest.enrich import enrich_article
    from kg.ingest.sentences import split_sentences
    from kg.ingest.sources import file_source, load_source
    from kg.resolve.people import resolve_people
    from kg.resolve.spans import settle_holding_spans

    if isinstance(source, (str, Path)):
        source = file_source(Path(source))
    article = load_source(source)
    sentences = split_sentences(article.text, ctx.furniture)
    article = enrich_article(article, sentences, ctx.lexicon, ctx.gazetteer)
    doc = Document(article=article, sentences=sentences)
    claims = extract_claims(doc, ctx.lexicon, ctx.gazetteer)
    facts = settle_holding_spans(resolve_people(doc, claims, ctx.lexicon))
    return dataclasses.replace(facts, outlet=ctx.outlets.resolve(article.outlet, article.url))


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What one article contributes to a build: its graph as N-Quads, or why it has none."""

    path: str                    # the source's key: its file, or "file#id" for a dump record
    graph: str | None = None
    trig: bytes = b""            # the graph as a TriG block: parsed into the store, concatenated into graph.trig
    quads: int = 0
    counts: tuple[tuple[str, int], ...] = ()
    facts: int = 0
    problems: tuple[Problem, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()   # what duplicate detection needs: fingerprint, url, outlet, published


def run_article(source: Any, ctx: Context | None = None, on_error: str = "skip",
                timeout: float | None = None) -> ArticleResult:
    """Extract, resolve, write and validate one article.

    ``source``: a :class:`~kg.ingest.sources.Source` or the path of an article file.
    """
    return run_batch([source], ctx, on_error, timeout)[0]


def run_batch(sources: Sequence[Any], ctx: Context | None = None, on_error: str = "skip",
              timeout: float | None = None) -> list[ArticleResult]:
    """Extract, resolve and write each article, then validate their graphs together: the unit of parallel work.

    Validation of a batch gives each article the verdict it would get alone
    (see :func:`kg.validate.shacl.validate_quads_batch`); a batch amortises
    pyshacl's per-call cost. Each article's reading, extraction and graph get
    ``timeout`` seconds (see :mod:`kg.budget`): past it, it is skipped with one line.
    """
    from kg.validate.shacl import validate_quads_batch

    if ctx is None:
        from kg.executors import worker_context

        ctx = worker_context()
    assert ctx is not None, "run_article needs a Context (or a worker initialised with one)"
    timeout = ctx.article_timeout if timeout is None else timeout
    prepared = [_prepare(source, ctx, on_error, timeout) for source in sources]
    todo = [p for p in prepared if not isinstance(p, ArticleResult)]
    verdicts = iter(validate_quads_batch([p[2] for p in todo], ctx.shapes)) if todo else iter(())
    return [p if isinstance(p, ArticleResult) else _finish(*_prune_invalid(*p, next(verdicts), ctx.shapes))
            for p in prepared]


PRUNE_ROUNDS = 4     # a removed node may leave what pointed to it invalid: validate again, at most this often


def _prune_invalid(source: Any, facts: ArticleFacts, quads: list[Any], result: Any, shapes: Any
                   ) -> tuple[Any, ArticleFacts, list[Any], Any, list[Any]]:
    """An article graph that breaks a shape loses the smallest units that carry the violations
    (:func:`kg.validate.prune.prune_quads`), and is validated again, rather than being left out whole.
    Returns the arguments of :func:`_finish`, the removals last."""
    from kg.graph.iris import article_iri
    from kg.validate.prune import prune_quads
    from kg.validate.shacl import validate_quads

    removed: list[Any] = []
    for _ in range(PRUNE_ROUNDS):
        bad = [v for v in result.violations if v.severity == "Violation"]
        if not bad or not quads:
            break
        kept, pruned = prune_quads(quads, bad, protect=(article_iri(facts.article.id),))
        if not pruned or not kept:
            break
        for p in pruned:        # a node whose statement went in an earlier round: one removal
            same = next((i for i, r in enumerate(removed) if r.focus == p.focus), None)
            if same is None:
                removed.append(p)
            else:
                removed[same] = dataclasses.replace(removed[same], unit=p.unit if p.unit == "node" else
                                                    removed[same].unit, quads=removed[same].quads + p.quads)
        quads = kept
        result = validate_quads(quads, shapes)
    return source, facts, quads, result, removed


def _prepare(source: Any, ctx: Context, on_error: str, timeout: float | None = None) -> Any:
    """(source, facts, quads) of one article, or the ArticleResult that says why it has none."""
    from kg.budget import time_budget
    from kg.graph.facts import facts_to_quads
    from kg.ingest.sources import file_source

    if isinstance(source, (str, Path)):
        source = file_source(Path(source))
    try:
        with time_budget(timeout, source.locator):
            facts = process_article(source, ctx)
            return source, facts, facts_to_quads(facts, ctx.gazetteer)  # type: ignore[arg-type]
    except ArticleTimeout as err:
        if on_error == "raise":
            raise
        return ArticleResult(source.key, problems=(Problem(source.locator, TIMEOUT_STAGE, str(err)),))
    except KgError as err:
        if on_error == "raise":
            raise
        return ArticleResult(source.key, problems=(Problem(source.locator, "ingest", str(err)),))
    except Exception as err:  # a bug: keep going, but say so
        if on_error == "raise":
            raise
        return ArticleResult(source.key, problems=(Problem(source.locator, "extract", f"internal error "
                                                           f"{type(err).__name__}: {err} (please report)",
                                                           kind="internal"),))


def _finish(source: Any, facts: ArticleFacts, quads: list[Any], result: Any,
            pruned: Sequence[Any] = ()) -> ArticleResult:
    """The ArticleResult of one article from its quads and its validation result (and what was pruned
    to pass it: each a ``dropped`` problem naming the shape and the focus node)."""
    import pyoxigraph

    from kg.validate.shacl import shorten

    key, where, art = source.key, source.locator, facts.article
    problems = [Problem(where, "ingest", w, kind="warning") for w in art.warnings]
    problems += [Problem(where, "validate", f"{shorten(p.focus)} violates {shorten(p.shape)} ({p.message}); "
                         f"{'its statement' if p.unit == 'statement' else 'that property' if p.unit == 'property' else 'the node'} "
                         f"left out ({p.quads} quads), the rest of the article kept", kind="dropped")
                 for p in pruned]
    graph = quads[0].graph_name.value if quads else None
    bad = [v for v in result.violations if v.severity == "Violation"]
    problems += [Problem(where, "validate", f"{v.severity.lower()}: {v.shape} (focus {v.focus}): {v.message}",
                         kind="warning") for v in result.violations if v.severity != "Violation"]
    if bad:
        v = bad[0]
        problems.append(Problem(where, "validate", f"violates {v.shape} at {v.path or '-'} (focus {v.focus}): "
                                f"{v.message}" + (f" (+{len(bad) - 1} more)" if len(bad) > 1 else ""),
                                kind="invalid"))
        return ArticleResult(key, problems=tuple(problems))
    trig = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG)
    meta = {"fingerprint": art.fingerprint or "", "url": art.url or "", "published": art.published or "",
            "outlet": facts.outlet.key if facts.outlet else "", "locator": where, "name": source.name}
    return ArticleResult(key, graph=graph, trig=trig, quads=len(quads),
                         counts=tuple(_count_claims([facts]).items()), facts=facts.fact_count,
                         problems=tuple(problems), meta=tuple(meta.items()))


def build(sources: Sequence[Path], out: Path, *, resources: Resources | None = None,
          on_error: str = "skip", progress: Callable[[int, int], None] | None = None,
          jobs: int | None = None, executor: str = "processes", scheduler: str | None = None,
          article_timeout: float | None = DEFAULT_ARTICLE_TIMEOUT,
          on_published: Callable[[], None] | None = None, curations: Path | None = None) -> BuildReport:
    """Build the graph of ``sources`` into ``out`` and return the report.

    ``curations``: a folder of curation files (:mod:`kg.curate`), applied after extraction; each curation
    that no longer applies (stale, redundant, contradicted, invalid) is a warning of the report.

    ``on_published``: called once the new build is current (after the atomic swap), e.g. by the CLI to stop
    a late Ctrl-C from interrupting the clean-up that follows.

    ``article_timeout``: seconds each article may take (None or 0: no limit); an article past it is
    skipped with one line naming it and the budget, and is tried again by the next build.
    """
    from kg.executors import default_jobs
    from kg.graph.store import build_lock, discard_build, new_build_dir, publish_build

    resources = resources or Resources.default()
    out = Path(out)
    report = BuildReport(out=str(out), sources=[str(Path(s).resolve()) for s in sources],
                         curations=str(Path(curations).resolve()) if curations else None)
    t0 = time.perf_counter()
    ctx = Context(resources, article_timeout or None)
    report.seconds["load"] = round(time.perf_counter() - t0, 3)
    try:
        with build_lock(out):
            partial = new_build_dir(out)
            try:
                _build_into(partial, out, sources, ctx, report, on_error, progress, jobs or default_jobs(),
                            executor, scheduler)
                if not report.conforms:
                    raise ValidationFailed(f"the graph does not pass validation ({report.violations} violations)",
                                           hint="see the report; the previous build is unchanged")
                publish_build(out, partial)
                if on_published is not None:
                    on_published()
            except BaseException as err:
                # the traceback keeps _build_into's frame alive, and with it the open RocksDB store, which would
                # write its files again after the folder is removed: release the frames first
                traceback.clear_frames(err.__traceback__)
                gc.collect()
                discard_build(partial)
                raise
    except OSError as err:      # disk full, quota, read-only or vanished folder: one line, not a traceback
        traceback.clear_frames(err.__traceback__)
        raise write_failure(err, out) from None
    return report


def write_failure(err: OSError, out: Path) -> StoreError:
    """The one-line error of a build that could not be written (the previous build is unchanged)."""
    import errno as errnos

    text = " ".join(str(err.strerror or err).split())
    if err.errno == errnos.ENOSPC or "No space left on device" in text:
        what = "the disk is full (no space left on device)"
    elif err.errno == errnos.EDQUOT or "quota exceeded" in text.lower():
        what = "the disk quota is exceeded"
    else:
        what = text + (f" ({one_line(os.fsdecode(err.filename), MAX_CULPRIT)})" if err.filename else "")
    return StoreError(f"the build could not be written: {what}", culprit=str(out),
                      hint="free some space and build again; the previous build is unchanged")


def _build_into(partial: Path, out: Path, sources: Sequence[Path], ctx: Context, report: BuildReport,
                on_error: str, progress: Callable[[int, int], None] | None, jobs: int,
                executor: str = "processes", scheduler: str | None = None) -> None:
    """Write a complete build into ``partial``: reuse unchanged articles of the current build.

    With a current build of the same fingerprint, an article whose bytes did not
    change is not extracted or validated again: its named graph is taken from the
    previous store. When few articles changed, the previous store is cloned (a
    RocksDB checkpoint: hard links) and only the changed graphs are replaced.
    """
    from kg.graph.store import CURRENT
    from kg.manifest import MANIFEST, Manifest, build_fingerprint

    t = time.perf_counter()
    fingerprint = build_fingerprint(ctx.resources)
    prev_dir = (out / CURRENT).resolve() if (out / CURRENT).exists() else None
    # a rebuild (same fingerprint) forks its worker now: it loads the lexicon, gazetteer and shapes while
    # this process reads the sources and the manifest, then does the changed articles (when few changed)
    prestarted = None
    if jobs > 1 and executor == "processes" and prev_dir is not None and \
            Manifest.read_fingerprint(prev_dir / MANIFEST) == fingerprint:
        from kg.executors import Prestarted

        prestarted = Prestarted(ctx)
    try:
        _build_planned(partial, out, sources, ctx, report, on_error, progress, jobs, executor, scheduler,
                       t, fingerprint, prev_dir, prestarted)
    finally:
        if prestarted is not None:
            prestarted.close()


def _build_planned(partial: Path, out: Path, sources: Sequence[Path], ctx: Context, report: BuildReport,
                   on_error: str, progress: Callable[[int, int], None] | None, jobs: int, executor: str,
                   scheduler: str | None, t: float, fingerprint: str, prev_dir: Path | None,
                   prestarted: Any) -> None:
    import pyoxigraph

    from kg.executors import iter_results
    from kg.graph.ontology import ontology_quads
    from kg.graph.reference import reference_quads
    from kg.graph.store import bulk_extend_chunked
    from kg.graph.trig import BlockCopier, rewrite_trig
    from kg.curate.layer import drop_curations
    from kg.graph.consolidate import consolidate
    from kg.validate.consolidated import check_consolidated
    from kg.graph.union import remove_article_graph, with_union
    from kg.ingest.sources import Skipped, iter_sources
    from kg.manifest import MANIFEST, Entry, Manifest

    paths: list[Any] = []            # Sources: article files and dump records
    for item in iter_sources(sources):
        if isinstance(item, Skipped):
            report.problems.append(Problem(item.locator, "ingest", item.message,
                                           kind="duplicate" if getattr(item, "duplicate", False) else "skipped"))
            report.articles_seen += 0 if getattr(item, "duplicate", False) else 1
        else:
            paths.append(item)
    report.articles_seen += len(paths)
    manifest = Manifest(fingerprint)
    hashes = {src.key: src.sha256 for src in paths}
    prev = Manifest.read(prev_dir / MANIFEST) if prev_dir else None
    if prev is None or prev.fingerprint != manifest.fingerprint or not _store_is_readable(prev_dir):
        prev = None          # nothing usable to reuse: a full build
    names = {src.key: src.name for src in paths}
    # reused: the same bytes under the same key, given the same id (an id is told apart by the other inputs);
    # an article skipped for its time budget is tried again (the budget may have been raised)
    reused = {k: e for k, e in (prev.articles.items() if prev else ())
              if k in hashes and hashes[k] == e.sha256 and e.meta.get("name", names[k]) == names[k]
              and not any(p.get("stage") == TIMEOUT_STAGE for p in e.problems)}
    # a copy or duplicate is settled against its original: redo it when the original is not reused as it was
    for k in [k for k, e in reused.items() if e.role != "original"]:
        if reused.get(reused[k].original or "") is None:
            del reused[k]
    todo = [src for src in paths if src.key not in reused]
    stale = [e.graph for k, e in (prev.articles.items() if prev else ()) if k not in reused and e.graph]
    incremental = prev is not None and len(todo) + len(stale) <= max(25, len(paths) // 4)
    # the nodes whose whole-graph verdicts may change: subjects of every graph written, replaced or removed
    # (None: run the cross-article checks in full)
    previous = _read_findings(prev_dir) if incremental else None
    touched: set[str] | None = set() if previous is not None else None
    # the entities whose claims and truthy facts are recomputed (None: all of them, a full build)
    changed: set[str] | None = set() if incremental else None
    report.seconds["plan"] = round(time.perf_counter() - t, 3)
    report.reused = len(reused)
    ids: dict[str, str] = {}
    written: set[str] = set()    # article graphs extracted in this build (the others passed the checks before)
    counts: dict[str, int] = {}

    trig = open(partial / "graph.trig", "wb")
    old_trig = open(prev_dir / "graph.trig", "rb") if prev is not None and prev.head else None

    def account(path: str, entry: Entry, block: bytes | None = None, placed: bool = False) -> bool:
        report.problems.extend(Problem(**pr) for pr in entry.problems)
        manifest.articles[path] = entry
        if entry.graph is None:
            return False
        if entry.graph in ids:
            # file ids are unique in a build (kg.ingest.sources): a clash is the same URL, or by chance a
            # page's URL id equal to another source's id, which is no duplicate: say so, and fail --strict
            first = manifest.articles[ids[entry.graph]]
            where, other = entry.meta.get("locator", path), first.meta.get("locator", ids[entry.graph])
            aid = entry.graph.rsplit("/", 1)[-1]
            if entry.meta.get("url") and entry.meta.get("url") == first.meta.get("url"):
                problem = Problem(where, "ingest", f"same article (URL {entry.meta['url']}) as {other}; "
                                  "counted once", kind="duplicate")
                role = "duplicate"
            else:
                problem = Problem(where, "ingest", f"its article id {aid} is already the id of {other}; "
                                  "left out (rename one of them)", kind="skipped")
                role = "clash"
            report.problems.append(problem)
            manifest.articles[path] = Entry(entry.sha256, problems=entry.problems + [asdict(problem)],
                                            meta=entry.meta, role=role, original=ids[entry.graph])
            return False
        if placed:      # reused, its block copied by BlockCopier
            pass
        elif block is None and old_trig is not None and entry.trig:     # reused: copy its TriG block
            old_trig.seek(entry.trig[0])
            block = old_trig.read(entry.trig[1])
        elif block is not None:
            written.add(entry.graph)
        if not placed:
            entry.trig = (trig.tell(), len(block or b""))
            trig.write(block or b"")
        ids[entry.graph] = path
        report.articles_built += 1
        report.quads += entry.quads
        report.facts += entry.facts
        for k, v in entry.counts.items():
            counts[k] = counts.get(k, 0) + v
        return True

    def fresh_quads() -> Iterator[Any]:
        results = prestarted.results(todo, on_error) if prestarted is not None and incremental else \
            iter_results(todo, ctx, jobs, on_error, executor, scheduler)
        for i, r in enumerate(results):
            if progress:
                progress(len(reused) + i + 1, len(paths))
            entry = Entry(hashes[r.path] or "", r.graph, r.quads, r.facts, dict(r.counts),
                          [asdict(pr) for pr in r.problems], meta=dict(r.meta))
            if account(r.path, entry, r.trig):
                if touched is None and changed is None:
                    yield from pyoxigraph.parse(r.trig, format=pyoxigraph.RdfFormat.TRIG)
                else:
                    for q in pyoxigraph.parse(r.trig, format=pyoxigraph.RdfFormat.TRIG):
                        key = _term_key(q.subject)
                        if touched is not None:
                            touched.add(key)
                        if changed is not None:
                            changed.add(key)
                        yield q

    if prestarted is not None and not (incremental and todo):
        prestarted.close()
        prestarted = None
    copier = None
    try:
        t = time.perf_counter()
        fixed: list[Any] = []
        if old_trig is not None:
            trig.write(old_trig.read(prev.head))  # type: ignore[union-attr]
        if not incremental:
            fixed = list(itertools.chain(ontology_quads(ctx.resources), reference_quads(ctx.gazetteer)))
        if old_trig is None:
            trig.write(pyoxigraph.serialize(fixed, format=pyoxigraph.RdfFormat.TRIG))
        manifest.head = trig.tell()
        if incremental:
            assert prev_dir is not None
            pyoxigraph.Store.read_only(str(prev_dir / "store")).backup(str(partial / "store"))
            store = pyoxigraph.Store(str(partial / "store"))
            # the previous build's curations go first (the checks read extraction alone); this build's are
            # applied before the claims are consolidated, and what the old ones touched is consolidated again
            uncurated = drop_curations(store)
            if changed is not None:
                changed.update(uncurated)
            for graph in stale:
                keys = {_term_key(q.subject) for q in
                        store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph))}
                if touched is not None:
                    touched.update(keys)
                if changed is not None:
                    changed.update(keys)
                remove_article_graph(store, graph)
            # the reused blocks are copied by the kernel in a thread (hundreds of MB at 10k articles) while the
            # changed articles are extracted; the new blocks go after them
            kept = [entry for path, entry in reused.items() if account(path, entry, placed=True)]
            copier = BlockCopier(prev_dir / "graph.trig", partial / "graph.trig", manifest.head, kept)
            trig.flush()
            trig.seek(copier.end)
            store.extend(with_union(fresh_quads()))
        else:
            store = pyoxigraph.Store(str(partial / "store"))
            old = pyoxigraph.Store.read_only(str(prev_dir / "store")) if reused and prev_dir else None

            def reused_quads() -> Iterator[Any]:
                for path, entry in reused.items():
                    if account(path, entry) and old is not None:
                        yield from old.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(entry.graph))

            # one streaming bulk load: articles are extracted (in parallel) while the store is written
            bulk_extend_chunked(store, with_union(itertools.chain(fixed, reused_quads(), fresh_quads())))
        store.flush()
        if copier is not None:
            copier.join()
    finally:
        if copier is not None:
            copier.join(raise_error=False)
        trig.close()
        if old_trig is not None:
            old_trig.close()
    report.seconds["extract+validate+store"] = round(time.perf_counter() - t, 3)
    replaced, settled = _settle_duplicates(store, ids, manifest, report, counts)
    report.counts = counts
    if (touched is not None or changed is not None) and settled:
        # what the settled graphs stated before (their blocks in graph.trig)
        with open(partial / "graph.trig", "rb") as dump:
            for key in settled:
                if manifest.articles[key].trig:
                    dump.seek(manifest.articles[key].trig[0])
                    block = dump.read(manifest.articles[key].trig[1])
                    keys = {_term_key(q.subject) for q in pyoxigraph.parse(block, format=pyoxigraph.RdfFormat.TRIG)}
                    if touched is not None:
                        touched.update(keys)
                    if changed is not None:
                        changed.update(keys)
    # per-graph rules run on the graphs this build wrote when the rest comes from a build of the same fingerprint
    scope = None if prev is None else written | {manifest.articles[k].graph for k in replaced}
    dropped = _check_whole_graph(store, ids, manifest, report, scope, touched, previous, partial,
                                 shapes=lambda: ctx.shapes, replaced=replaced)
    if dropped or replaced or settled:       # the dump holds exactly the article graphs of the store
        rewrite_trig(partial / "graph.trig", manifest, replaced)
    t = time.perf_counter()
    plan = _apply_curations(store, report, ctx)
    if changed is not None:
        changed.update(plan.entities)
    report.seconds["curate"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    entities = None if changed is None else {k for k in changed if not k.startswith("_:")}
    consolidate(store, entities, dump=partial / "graph.trig", ranks=plan.entity_ranks())
    report.seconds["consolidate"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    checked = check_consolidated(store, entities)
    report.violations += checked.count("Violation")
    report.conforms = report.conforms and checked.conforms
    if checked.violations:
        report.validation_text += checked.to_text()
    report.seconds["checks"] = round(report.seconds.get("checks", 0.0) + time.perf_counter() - t, 3)
    # what was settled, removed or pruned after the flush above is flushed too: a checkpoint of this store (the
    # next build's clone of it) would bring it back otherwise
    store.flush()
    report.warnings += sum(1 for p in report.problems if p.kind == "warning" and p.stage == "validate")
    t = time.perf_counter()
    manifest.write(partial / MANIFEST)
    report.seconds["write"] = round(time.perf_counter() - t, 3)
    (partial / "build-report.json").write_text(report.to_json(), encoding="utf-8", errors="backslashreplace")
    del store


def _apply_curations(store: Any, report: BuildReport, ctx: Context) -> Any:
    """Read the curations folder of the report, resolve it against the store's article graphs and write the
    curation graphs; every curation that does not apply, and every unreadable one, is a warning."""
    from kg.curate.apply import CurationPlan, plan_curations
    from kg.curate.files import read_folder
    from kg.curate.layer import write_curations
    from kg.query.terms import TermResolver

    if not report.curations:
        return CurationPlan()
    found = read_folder(Path(report.curations))
    plan = plan_curations(store, found, TermResolver(ctx.resources, ctx.gazetteer)) if found.entries else CurationPlan(
        problems=list(found.problems))
    write_curations(store, plan)
    report.curated = plan.summary()
    for problem in plan.problems:
        report.problems.append(Problem(problem.where, "curate", f"unreadable: {problem.message}", kind="warning"))
    for v in plan.verdicts:
        if v.status != "applied":
            c = v.curation
            report.problems.append(Problem(f"{report.curations}/{c.file}" if c.file else report.curations,
                                           "curate", v.line(), kind="warning"))
    return plan


def _settle_duplicates(store: Any, ids: dict[str, str], manifest: Any, report: BuildReport,
                       counts: dict[str, int]) -> tuple[dict[str, bytes], list[str]]:
    """Settle same-text articles (:mod:`kg.graph.duplicates`) and account for it in the manifest and report.

    Returns the new TriG blocks of the syndicated copies, by manifest key, and the keys of every article
    whose graph was replaced or removed.
    """
    from kg.graph.duplicates import settle_duplicates

    t = time.perf_counter()
    replaced: dict[str, bytes] = {}
    settled: list[str] = []
    for s in settle_duplicates(store, manifest.articles):
        settled.append(s.key)
        e, orig = manifest.articles[s.key], manifest.articles[s.original]
        report.facts -= e.facts
        for k, v in e.counts.items():
            counts[k] = counts.get(k, 0) - v
        where, first = e.meta.get("locator", s.key), orig.meta.get("locator", s.original)
        if s.copy:
            replaced[s.key] = s.block
            report.quads += s.quads - e.quads
            e.role, e.original, e.facts, e.quads, e.counts = "copy", s.original, 0, s.quads, {}
            msg, kind = f"syndicated copy of {first} (another outlet); linked to it, facts counted once", "copy"
        else:
            report.quads -= e.quads
            report.articles_built -= 1
            ids.pop(e.graph, None)
            e.role, e.original, e.graph, e.facts, e.quads, e.counts = "duplicate", s.original, None, 0, 0, {}
            msg, kind = f"same article as {first}; counted once", "duplicate"
        problem = Problem(where, "ingest", msg, kind=kind)
        report.problems.append(problem)
        e.problems = [p for p in e.problems if p.get("kind") not in {"copy", "duplicate"}] + [asdict(problem)]
    report.seconds["duplicates"] = round(time.perf_counter() - t, 3)
    return replaced, settled


def _store_is_readable(build_dir: Path | None) -> bool:
    """Whether the previous build's store and TriG dump can be reused (a corrupt one is not)."""
    if build_dir is None or not (build_dir / "graph.trig").is_file():
        return False
    try:
        from kg.graph.store import open_store

        open_store(build_dir)
    except KgError:
        return False
    return True


FINDINGS = "checks.json"      # the results of the cross-article checks, carried to the next build


def _read_findings(build_dir: Path | None) -> list[Any] | None:
    """The cross-article check results of a build (None when it has none: the next build checks in full)."""
    from kg.validate.checks import Finding

    if build_dir is None:
        return None
    try:
        rows = json.loads((build_dir / FINDINGS).read_text(encoding="utf-8"))
        return [Finding.from_json(row) for row in rows]
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _term_key(term: Any) -> str:
    """A subject as the checks name it: an IRI, or ``_:id`` for a blank node."""
    return f"_:{term.value}" if type(term).__name__ == "BlankNode" else term.value


def _check_whole_graph(store: Any, ids: dict[str, str], manifest: Any, report: BuildReport,
                       scope: set[str] | None = None, touched: set[str] | None = None,
                       previous: list[Any] | None = None, partial: Path | None = None,
                       shapes: Callable[[], Any] | None = None, replaced: dict[str, bytes] | None = None
                       ) -> set[str]:
    """Run the whole-graph checks; prune or drop the article graphs that break a rule, then check again.

    With ``shapes`` (a callable giving the SHACL shapes) and ``replaced`` (TriG blocks by manifest key),
    an article graph that breaks a rule first loses the smallest units that carry its violations
    (:func:`kg.validate.prune.prune_quads`); when what is left passes the shapes, its new block goes in
    ``replaced`` and the article stays. Otherwise the whole graph is dropped, as without them.

    With ``touched`` and ``previous`` (see :func:`kg.validate.checks.run_checks_incremental`), the
    cross-article rules are recomputed for the touched nodes only. The findings of those rules are
    written to ``partial``/checks.json for the next build.
    """
    from kg.graph.union import remove_article_graph
    from kg.validate.checks import run_checks_incremental

    t = time.perf_counter()
    if touched is not None and any(k.startswith("_:") for k in touched):
        touched = previous = None       # a blank node cannot be named in a query: check everything
    checks, findings = run_checks_incremental(store, graphs=scope, touched=touched, previous=previous)
    culprits = {v.graph: v for v in checks.violations if v.severity == "Violation" and v.graph in ids}
    if culprits and shapes is not None and replaced is not None:
        pruned_any = False
        for g in list(culprits):
            bad = [v for v in checks.violations if v.severity == "Violation" and v.graph == g]
            if _prune_article_graph(store, g, bad, shapes(), manifest.articles[ids[g]], report, replaced, ids[g]):
                pruned_any = True
        if pruned_any:
            checks, findings = run_checks_incremental(store, graphs=scope, touched=touched, previous=previous)
            culprits = {v.graph: v for v in checks.violations if v.severity == "Violation" and v.graph in ids}
    if culprits:
        for g, v in culprits.items():
            remove_article_graph(store, g)
            where = manifest.articles[ids[g]].meta.get("locator", ids[g])
            problem = Problem(where, "validate", f"violates {v.shape} (focus {v.focus}): {v.message}", kind="invalid")
            report.problems.append(problem)
            report.articles_built -= 1
            entry = manifest.articles[ids[g]]
            entry.graph, entry.problems = None, entry.problems + [asdict(problem)]
        checks, findings = run_checks_incremental(store, graphs=scope, touched=touched, previous=previous)
    if partial is not None:
        with open(partial / FINDINGS, "w", encoding="utf-8") as out:
            json.dump([f.to_json() for f in findings], out, ensure_ascii=False, separators=(",", ":"))
    report.violations += sum(1 for v in checks.violations if v.severity == "Violation")
    report.warnings += sum(1 for v in checks.violations if v.severity != "Violation")
    report.conforms = report.conforms and checks.conforms
    if checks.violations:
        report.validation_text += checks.to_text()
    report.seconds["checks"] = round(time.perf_counter() - t, 3)
    return set(culprits)


def _prune_article_graph(store: Any, graph: str, violations: list[Any], shapes: Any, entry: Any,
                         report: BuildReport, replaced: dict[str, bytes], key: str) -> bool:
    """Remove from ``graph`` in ``store`` the smallest units carrying ``violations``, when what is left
    passes the SHACL shapes; account for it in ``entry``, ``report`` and ``replaced``. False: nothing done."""
    import pyoxigraph

    from kg.graph.duplicates import article_of
    from kg.graph.union import remove_article_graph, with_union
    from kg.validate.prune import prune_quads
    from kg.validate.shacl import shorten, validate_quads

    quads = list(store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph)))
    kept, pruned = prune_quads(quads, violations, protect=(article_of(graph),))
    if not pruned or not kept or not validate_quads(kept, shapes).conforms:
        return False
    remove_article_graph(store, graph)
    store.extend(with_union(kept))
    replaced[key] = pyoxigraph.serialize(kept, format=pyoxigraph.RdfFormat.TRIG)
    report.quads += len(kept) - len(quads)
    entry.quads = len(kept)
    where = entry.meta.get("locator", key)
    for p in pruned:
        unit = {"statement": "its statement", "property": "that property"}.get(p.unit, "the node")
        problem = Problem(where, "validate", f"{shorten(p.focus)} violates {p.shape} ({p.message}); {unit} "
                          f"left out ({p.quads} quads), the rest of the article kept", kind="dropped")
        report.problems.append(problem)
        entry.problems = entry.problems + [asdict(problem)]
    return True


def _count_claims(all_facts: Iterable[ArticleFacts]) -> dict[str, int]:
    counts = {"elections": 0, "tickets": 0, "backings": 0, "offices": 0, "statements": 0, "events": 0}
    for f in all_facts:
        c = f.claims
        counts["elections"] += len(c.elections)
        counts["tickets"] += len(c.tickets)
        counts["backings"] += sum(len(t.backings) for t in c.tickets)
        counts["offices"] += len(c.offices)
        counts["statements"] += len(c.statements)
        counts["events"] += len(c.events)
    return counts
