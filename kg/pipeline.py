"""build(): articles → validated graph in a build folder, atomically.

The only module that loops over articles and decides what a failure does: a
bad article is reported as a :class:`Problem` and skipped, the rest is built;
an article whose graph violates SHACL is reported with the shape and focus
node and left out. Output goes to a fresh build folder that becomes current
only when complete (see :mod:`kg.graph.store`).
"""
from __future__ import annotations

import itertools
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any
from pathlib import Path

from kg.errors import KgError, ValidationFailed
from kg.model import ArticleFacts, Document
from kg.resources import Resources

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    stage: str
    message: str
    kind: str = "skipped"        # skipped | warning | invalid | internal

    def line(self) -> str:
        return f"{self.kind}: {self.message}" if self.message.startswith(self.path) else \
            f"{self.kind}: {self.path}: {self.message}"


@dataclass
class BuildReport:
    out: str
    articles_seen: int = 0
    articles_built: int = 0
    facts: int = 0
    quads: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    conforms: bool = True
    violations: int = 0
    warnings: int = 0
    validation_text: str = ""
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.kind in {"skipped", "invalid", "internal"}]

    def to_json(self) -> str:
        d = asdict(self)
        d["skipped_files"] = [p.path for p in self.skipped]
        return json.dumps(d, ensure_ascii=False, indent=1)


@dataclass
class Context:
    """What every article needs, loaded once per process."""

    resources: Resources
    lexicon: object
    gazetteer: object
    furniture: object
    shapes: object = None        # the parsed SHACL shapes graph, shared by every article

    @classmethod
    def load(cls, resources: Resources) -> Context:
        from kg.extract.lexicon import load_lexicon
        from kg.ingest.sentences import load_furniture_patterns
        from kg.resolve.gazetteer import Gazetteer

        from kg.graph.skos import load_theme_keywords

        from kg.validate.shacl import load_shapes

        themes = load_theme_keywords(resources.ontology_dir / "themes.ttl")
        return cls(resources=resources, lexicon=load_lexicon(resources.lexicon, themes),
                   shapes=load_shapes(resources.shapes),
                   gazetteer=Gazetteer.load(resources.reference),
                   furniture=load_furniture_patterns(resources.lexicon / "furniture.yaml"))


def process_article(path: Path, ctx: Context) -> ArticleFacts:
    """Read, split, extract and resolve one article (raises KgError on bad input)."""
    from kg.extract import extract_claims
    from kg.ingest.articles import read_article
    from kg.ingest.sentences import split_sentences
    from kg.resolve.people import resolve_people

    article = read_article(path)
    doc = Document(article=article, sentences=split_sentences(article.text, ctx.furniture))
    claims = extract_claims(doc, ctx.lexicon, ctx.gazetteer)
    return resolve_people(doc, claims, ctx.lexicon)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What one article contributes to a build: its graph as N-Quads, or why it has none."""

    path: str
    graph: str | None = None
    nquads: bytes = b""
    quads: int = 0
    counts: tuple[tuple[str, int], ...] = ()
    facts: int = 0
    problems: tuple[Problem, ...] = ()


_WORKER_CTX: Context | None = None


def _init_worker(ctx: Context) -> None:
    global _WORKER_CTX
    _WORKER_CTX = ctx


def run_article(path: Path, ctx: Context | None = None, on_error: str = "skip") -> ArticleResult:
    """Extract, resolve, write and validate one article: the unit of parallel work."""
    import pyoxigraph

    from kg.graph.facts import facts_to_quads
    from kg.validate.shacl import validate_quads

    ctx = ctx or _WORKER_CTX
    assert ctx is not None, "run_article needs a Context (or a worker initialised with one)"
    problems: list[Problem] = []
    try:
        facts = process_article(path, ctx)
        quads = facts_to_quads(facts, ctx.gazetteer)  # type: ignore[arg-type]
    except KgError as err:
        if on_error == "raise":
            raise
        return ArticleResult(str(path), problems=(Problem(str(path), "ingest", str(err)),))
    except Exception as err:  # a bug: keep going, but say so
        if on_error == "raise":
            raise
        return ArticleResult(str(path), problems=(Problem(str(path), "extract", f"internal error "
                                                          f"{type(err).__name__}: {err} (please report)",
                                                          kind="internal"),))
    problems += [Problem(str(path), "ingest", w, kind="warning") for w in facts.article.warnings]
    graph = quads[0].graph_name.value if quads else None
    result = validate_quads(quads, ctx.shapes)  # type: ignore[arg-type]
    bad = [v for v in result.violations if v.severity == "Violation"]
    problems += [Problem(str(path), "validate", f"{v.severity.lower()}: {v.shape} (focus {v.focus}): {v.message}",
                         kind="warning") for v in result.violations if v.severity != "Violation"]
    if bad:
        v = bad[0]
        problems.append(Problem(str(path), "validate", f"violates {v.shape} at {v.path or '-'} (focus {v.focus}): "
                                f"{v.message}" + (f" (+{len(bad) - 1} more)" if len(bad) > 1 else ""),
                                kind="invalid"))
        return ArticleResult(str(path), problems=tuple(problems))
    data = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
    return ArticleResult(str(path), graph=graph, nquads=data, quads=len(quads),
                         counts=tuple(_count_claims([facts]).items()), facts=facts.fact_count,
                         problems=tuple(problems))


def iter_results(paths: Sequence[Path], ctx: Context, jobs: int, on_error: str = "skip") -> Iterator[ArticleResult]:
    """Results in the order of ``paths``, computed on ``jobs`` processes (1: in this process)."""
    if jobs <= 1 or len(paths) < 16:
        for path in paths:
            yield run_article(path, ctx, on_error)
        return
    import multiprocessing as mp
    from functools import partial

    # fork: workers inherit the loaded lexicon and gazetteer instead of loading them again
    with mp.get_context("fork").Pool(jobs, initializer=_init_worker, initargs=(ctx,)) as pool:
        yield from pool.imap(partial(run_article, on_error=on_error), paths, chunksize=8)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def build(sources: Sequence[Path], out: Path, *, resources: Resources | None = None,
          on_error: str = "skip", progress: Callable[[int, int], None] | None = None,
          jobs: int | None = None) -> BuildReport:
    """Build the graph of ``sources`` into ``out`` and return the report."""
    from kg.graph.store import build_lock, discard_build, new_build_dir, publish_build

    resources = resources or Resources.default()
    out = Path(out)
    report = BuildReport(out=str(out))
    t0 = time.perf_counter()
    ctx = Context.load(resources)
    report.seconds["load"] = round(time.perf_counter() - t0, 3)
    with build_lock(out):
        partial = new_build_dir(out)
        try:
            _build_into(partial, sources, ctx, report, on_error, progress, jobs or default_jobs())
            if not report.conforms:
                raise ValidationFailed(f"the graph does not pass validation ({report.violations} violations)",
                                       hint="see the report; the previous build is unchanged")
            publish_build(out, partial)
        except BaseException:
            discard_build(partial)
            raise
    return report


def _build_into(partial: Path, sources: Sequence[Path], ctx: Context, report: BuildReport, on_error: str,
                progress: Callable[[int, int], None] | None, jobs: int) -> None:
    import pyoxigraph

    from kg.graph.ontology import ontology_quads
    from kg.graph.reference import reference_quads
    from kg.ingest.articles import iter_article_paths
    from kg.validate.checks import run_checks

    t = time.perf_counter()
    paths = list(iter_article_paths(sources))
    report.articles_seen = len(paths)
    ids: dict[str, str] = {}
    counts: dict[str, int] = {}

    def article_quads() -> Iterator[Any]:
        for i, r in enumerate(iter_results(paths, ctx, jobs, on_error)):
            report.problems.extend(r.problems)
            if progress:
                progress(i + 1, len(paths))
            if r.graph is None:
                continue
            if r.graph in ids:
                report.problems.append(Problem(r.path, "ingest", f"same article id as {ids[r.graph]}; skipped"))
                continue
            ids[r.graph] = r.path
            report.articles_built += 1
            report.quads += r.quads
            report.facts += r.facts
            for k, v in r.counts:
                counts[k] = counts.get(k, 0) + v
            yield from pyoxigraph.parse(r.nquads, format=pyoxigraph.RdfFormat.N_QUADS)

    store = pyoxigraph.Store(str(partial / "store"))
    # one streaming bulk load: articles are extracted (in parallel) while the store is written
    store.bulk_extend(itertools.chain(ontology_quads(ctx.resources), reference_quads(ctx.gazetteer),  # type: ignore[arg-type]
                                      article_quads()))
    store.flush()
    report.counts = counts
    report.seconds["extract+validate+store"] = round(time.perf_counter() - t, 3)

    t = time.perf_counter()
    checks = run_checks(store)
    culprits = {v.graph: v for v in checks.violations if v.severity == "Violation" and v.graph in ids}
    if culprits:      # drop the articles whose graphs break a whole-graph rule, then check again
        for g, v in culprits.items():
            store.remove_graph(pyoxigraph.NamedNode(g))
            report.problems.append(Problem(ids[g], "validate", f"violates {v.shape} (focus {v.focus}): {v.message}",
                                           kind="invalid"))
            report.articles_built -= 1
        checks = run_checks(store)
    report.violations += sum(1 for v in checks.violations if v.severity == "Violation")
    report.warnings += sum(1 for v in checks.violations if v.severity != "Violation")
    report.conforms = report.conforms and checks.conforms
    if checks.violations:
        report.validation_text += checks.to_text()
    report.seconds["checks"] = round(time.perf_counter() - t, 3)

    t = time.perf_counter()
    with open(partial / "graph.trig", "wb") as fh:
        store.dump(fh, pyoxigraph.RdfFormat.TRIG)
    report.seconds["dump"] = round(time.perf_counter() - t, 3)
    report.warnings += sum(1 for p in report.problems if p.kind == "warning" and p.stage == "validate")
    (partial / "build-report.json").write_text(report.to_json(), encoding="utf-8")
    del store


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
