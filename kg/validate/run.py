"""Validate a finished build as the build validated it, and give the same verdict.

A build checks two things (:mod:`kg.build`), and so does :func:`validate_build`:

1. the SHACL shapes on each article graph *on its own* (the named graphs under
   ``graph/article/``; the reference, ontology, union and consolidated graphs
   are not articles), with the build's shapes (``ontology/shapes.ttl``, as :attr:`kg.build.Context.shapes`)
   and code path (:func:`kg.validate.shacl.validate_quads_batch`, in batches of
   :data:`kg.workers.BATCH`, in forked worker processes when there are enough
   articles), hence the same engine (``KG_SHACL_ENGINE``);
2. the whole-graph checks (:func:`kg.validate.checks.run_checks`, and
   :func:`kg.validate.consolidated.check_consolidated` on the consolidated graph) over the
   store, with their own severities: a disagreement between articles (two
   heads for one ticket) is a warning there, as in the build.

Validating all article graphs as ONE graph instead would turn every
disagreement between articles into a violation of a one-value shape
(``sh:maxCount 1``) that no article breaks.

Warnings are counted as the build counts them: every result whose severity is
not ``Violation``.
"""
from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph

from kg import vocab
from kg.graph.store import open_store, resolve_build_dir
from kg.manifest import MANIFEST, Manifest
from kg.resources import Resources
from kg.validate.checks import run_checks
from kg.validate.consolidated import check_consolidated
from kg.validate.report import ValidationReport, Violation
from kg.validate.shacl import load_shapes, validate_quads_batch
from kg.workers import BATCH, default_jobs, forked_pool, init_worker_process

ARTICLE_GRAPHS = vocab.GRAPH + "article/"
NOT_ARTICLES = frozenset({vocab.REFERENCE_GRAPH, vocab.ONTOLOGY_GRAPH, vocab.UNION_GRAPH,
                          vocab.CONSOLIDATED_GRAPH})


@dataclass(frozen=True)
class BuildValidation:
    """The verdict on a build: SHACL per article graph, then the whole-graph checks."""

    articles: int                   # article graphs checked
    shacl: ValidationReport         # every article graph's results, in graph order
    checks: ValidationReport        # the whole-graph checks' results
    sources: Mapping[str, str] = field(default_factory=dict)  # article graph IRI → its file or record
    seconds: float = 0.0

    @property
    def report(self) -> ValidationReport:
        """Both passes as one report."""
        return self.shacl.merge(self.checks)

    @property
    def conforms(self) -> bool:
        return self.shacl.conforms and self.checks.conforms

    @property
    def violations(self) -> int:
        return self.report.count("Violation")

    @property
    def warnings(self) -> int:
        """Results of any other severity (Warning, Info): what a build counts as warnings."""
        return len(self.report.violations) - self.violations

    def line(self, v: Violation) -> str:
        """One result: severity, shape, focus node, path, message, value, graph, and the article's source."""
        source = self.sources.get(v.graph or "")
        return v.to_text() + (f"  article={source}" if source else "")

    def to_text(self) -> str:
        """A summary line, then one line per result (SHACL results first, by article graph)."""
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        verdict = "conforms" if self.conforms else "does not conform"
        head = (f"{verdict}: {plural(self.articles, 'article graph')} checked, "
                f"{plural(self.violations, 'violation')}, {plural(self.warnings, 'warning')} "
                f"({self.shacl.focus_nodes} focus nodes, {self.seconds:.2f} s)")
        return "\n".join([head, *(self.line(v) for v in self.report.violations)])


def validate_build(data: Path, resources: Resources | None = None, *, jobs: int | None = None,
                   batch: int | None = None) -> BuildValidation:
    """Validate the current build in ``data`` (a build folder) as :func:`kg.build.build` validated it.

    ``jobs``: worker processes for the SHACL pass (default: all cores; 1: this process);
    ``batch``: article graphs per task (default: the build's :data:`kg.workers.BATCH`).
    """
    started = time.perf_counter()
    res = resources or Resources.default()
    store = open_store(data)
    build_dir = resolve_build_dir(Path(data))
    graphs = article_graphs(store)
    shacl = _validate_articles(store, build_dir / "store", graphs, load_shapes(res.shapes), jobs or default_jobs(),
                               batch or BATCH)
    checks = run_checks(store).merge(check_consolidated(store))
    return BuildValidation(articles=len(graphs), shacl=shacl, checks=checks, sources=_sources(build_dir),
                           seconds=time.perf_counter() - started)


def article_graphs(store: Any) -> list[str]:
    """The IRIs of the store's article graphs, sorted."""
    return sorted(g.value for g in store.named_graphs()
                  if isinstance(g, pyoxigraph.NamedNode) and g.value.startswith(ARTICLE_GRAPHS)
                  and g.value not in NOT_ARTICLES)


def _validate_articles(store: Any, store_path: Path, graphs: Sequence[str], shapes: Any, jobs: int,
                       batch: int) -> ValidationReport:
    """Every article graph validated on its own; one report holding all their results, in graph order.

    Parallel as the build's :func:`kg.build.executors.iter_results` is: in this process when there are few articles
    (fewer than two batches) or one job, else in forked workers that each open the store read-only.
    """
    batches = [list(graphs[i:i + batch]) for i in range(0, len(graphs), batch)]
    reports: list[ValidationReport] = []
    if jobs <= 1 or len(graphs) < 2 * batch:
        for names in batches:
            reports += _validate_graphs(store, names, shapes)
    else:
        # the shapes are loaded before the fork: the workers inherit them
        pool = forked_pool(min(jobs, len(batches)), _init_worker, (shapes, os.getpid()))
        try:
            for found in pool.imap(partial(_validate_graphs_task, store_path=str(store_path)), batches):
                reports += found
        finally:
            pool.terminate()
            pool.join()
    return ValidationReport(
        conforms=all(r.conforms for r in reports),
        violations=tuple(v for r in reports for v in r.violations),
        focus_nodes=sum(r.focus_nodes for r in reports),
        seconds=sum(r.seconds for r in reports),
    )


def _validate_graphs(store: Any, names: Sequence[str], shapes: Any) -> list[ValidationReport]:
    """The report of each named article graph, as the build's :func:`kg.build.article.run_batch` validates them."""
    quads = [list(store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(name))) for name in names]
    return validate_quads_batch(quads, shapes)


_WORKER_STORES: dict[str, Any] = {}     # a worker's read-only store, opened on its first task
_WORKER_SHAPES: Any = None              # a worker's shapes, inherited from the parent


def _init_worker(shapes: Any, parent: int) -> None:
    global _WORKER_SHAPES
    init_worker_process(parent)
    _WORKER_SHAPES = shapes


def _validate_graphs_task(names: Sequence[str], store_path: str) -> list[ValidationReport]:
    store = _WORKER_STORES.get(store_path)
    if store is None:
        store = _WORKER_STORES[store_path] = pyoxigraph.Store.read_only(store_path)
    return _validate_graphs(store, names, _WORKER_SHAPES)


def _sources(build_dir: Path) -> dict[str, str]:
    """Article graph IRI → the file (or dump record) it was built from, from the build's manifest."""
    manifest = Manifest.read(build_dir / MANIFEST)
    if manifest is None:
        return {}
    return {e.graph: e.meta.get("locator", key) for key, e in manifest.articles.items() if e.graph}
