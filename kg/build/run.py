"""build(): articles → validated graph in a build folder, atomically.

The only place that loops over articles and decides what a failure does: a
bad article is reported as a :class:`~kg.build.report.Problem` and skipped, the rest is built;
an article whose graph violates SHACL is reported with the shape and focus
node and pruned or left out. Output goes to a fresh build folder that becomes current
only when complete (see :mod:`kg.graph.store`).

The steps: plan (:mod:`kg.build.plan`), per-article work where the executor runs it
(:mod:`kg.build.article`, :mod:`kg.build.executors`), store and dump (:mod:`kg.build.store`),
duplicates, whole-graph checks, curations, consolidation, then the manifest and the report.
"""
from __future__ import annotations

import errno
import gc
import os
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.budget import DEFAULT_ARTICLE_TIMEOUT
from kg.build.article import ArticleResult
from kg.build.checks import check_whole_graph, read_findings
from kg.build.context import Context
from kg.build.curations import apply_build_curations
from kg.build.dump import TrigDump
from kg.build.duplicates import settle_build_duplicates, settled_subjects
from kg.build.executors import Prestarted, iter_results
from kg.build.ledger import Affected, Ledger
from kg.build.plan import BuildPlan, plan_build, previous_build_dir, read_previous, read_sources
from kg.build.report import BuildReport
from kg.build.store import Progress, write_store
from kg.errors import MAX_CULPRIT, StoreError, ValidationFailed, one_line
from kg.graph.consolidate import consolidate
from kg.graph.store import build_lock, discard_build, new_build_dir, publish_build
from kg.graph.trig import rewrite_trig
from kg.manifest import MANIFEST, Manifest, build_fingerprint
from kg.resources import Resources
from kg.validate.consolidated import check_consolidated
from kg.workers import default_jobs


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How the per-article work runs, and what a bad article does."""

    on_error: str = "skip"                  # skip | raise
    jobs: int = 1
    executor: str = "processes"             # a name of kg.build.executors.EXECUTORS
    scheduler: str | None = None            # the Dask scheduler's address
    progress: Progress | None = None        # called with (articles done, articles in all)


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
    resources = resources or Resources.default()
    out = Path(out)
    report = BuildReport(out=str(out), sources=[str(Path(s).resolve()) for s in sources],
                         curations=str(Path(curations).resolve()) if curations else None)
    t0 = time.perf_counter()
    ctx = Context(resources, article_timeout or None)
    report.seconds["load"] = round(time.perf_counter() - t0, 3)
    options = BuildOptions(on_error, jobs or default_jobs(), executor, scheduler, progress)
    try:
        with build_lock(out):
            partial = new_build_dir(out)
            try:
                _build_into(partial, out, sources, ctx, report, options)
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
    text = " ".join(str(err.strerror or err).split())
    if err.errno == errno.ENOSPC or "No space left on device" in text:
        what = "the disk is full (no space left on device)"
    elif err.errno == errno.EDQUOT or "quota exceeded" in text.lower():
        what = "the disk quota is exceeded"
    else:
        what = text + (f" ({one_line(os.fsdecode(err.filename), MAX_CULPRIT)})" if err.filename else "")
    return StoreError(f"the build could not be written: {what}", culprit=str(out),
                      hint="free some space and build again; the previous build is unchanged")


def _build_into(partial: Path, out: Path, sources: Sequence[Path], ctx: Context, report: BuildReport,
                options: BuildOptions) -> None:
    """Write a complete build into ``partial``: reuse unchanged articles of the current build.

    With a current build of the same fingerprint, an article whose bytes did not
    change is not extracted or validated again: its named graph is taken from the
    previous store. When few articles changed, the previous store is cloned (a
    RocksDB checkpoint: hard links) and only the changed graphs are replaced.
    """
    t = time.perf_counter()
    fingerprint = build_fingerprint(ctx.resources)
    prev_dir = previous_build_dir(out)
    # a rebuild (same fingerprint) forks its worker now: it loads the lexicon, gazetteer and shapes while
    # this process reads the sources and the manifest, then does the changed articles (when few changed)
    prestarted = None
    if options.jobs > 1 and options.executor == "processes" and prev_dir is not None and \
            Manifest.read_fingerprint(prev_dir / MANIFEST) == fingerprint:
        prestarted = Prestarted(ctx)
    try:
        found = read_sources(sources)
        report.problems.extend(found.problems)
        report.articles_seen += found.seen
        plan = plan_build(found.sources, read_previous(prev_dir, fingerprint), fingerprint, prev_dir)
        report.seconds["plan"] = round(time.perf_counter() - t, 3)
        report.reused = len(plan.reused)
        if prestarted is not None and not (plan.incremental and plan.todo):
            prestarted.close()
            prestarted = None
        if prestarted is not None:
            results: Iterator[ArticleResult] = prestarted.results(list(plan.todo), options.on_error)
        else:
            results = iter_results(list(plan.todo), ctx, options.jobs, options.on_error, options.executor,
                                   options.scheduler)
        _write_build(partial, plan, ctx, report, results, options.progress)
    finally:
        if prestarted is not None:
            prestarted.close()


def _write_build(partial: Path, plan: BuildPlan, ctx: Context, report: BuildReport,
                 results: Iterator[ArticleResult], progress: Progress | None) -> None:
    """The store and dump of ``plan``, then the steps over the whole graph, the manifest and the report."""
    # the nodes whose whole-graph verdicts may change: subjects of every graph written, replaced or removed
    # (None: run the cross-article checks in full); the entities whose claims and truthy facts are
    # recomputed (None: all of them, a full build)
    findings = read_findings(plan.previous_dir) if plan.incremental else None
    affected = Affected(set() if findings is not None else None, set() if plan.incremental else None)
    previous_dump = plan.previous_dir / "graph.trig" if plan.previous_dir and plan.previous \
        and plan.previous.head else None
    ledger = Ledger(report, Manifest(plan.fingerprint), TrigDump(partial / "graph.trig", previous_dump))
    t = time.perf_counter()
    store = write_store(partial, plan, ctx, ledger, affected, results, progress)
    report.seconds["extract+validate+store"] = round(time.perf_counter() - t, 3)
    replaced, settled = settle_build_duplicates(store, ledger)
    report.counts = ledger.counts
    if affected.tracking and settled:
        affected.add(settled_subjects(partial / "graph.trig", ledger, settled))
    # per-graph rules run on the graphs this build wrote when the rest comes from a build of the same fingerprint
    scope = None if plan.previous is None else \
        ledger.written | {g for k in replaced if (g := ledger.manifest.articles[k].graph)}
    dropped = check_whole_graph(store, ledger, scope, affected.touched, findings, partial,
                                shapes=lambda: ctx.shapes, replaced=replaced)
    if dropped or replaced or settled:       # the dump holds exactly the article graphs of the store
        rewrite_trig(partial / "graph.trig", ledger.manifest, replaced)
    _consolidate(store, report, ctx, affected, partial)
    # what was settled, removed or pruned after the flush above is flushed too: a checkpoint of this store (the
    # next build's clone of it) would bring it back otherwise
    store.flush()
    report.warnings += sum(1 for p in report.problems if p.kind == "warning" and p.stage == "validate")
    t = time.perf_counter()
    ledger.manifest.write(partial / MANIFEST)
    report.seconds["write"] = round(time.perf_counter() - t, 3)
    (partial / "build-report.json").write_text(report.to_json(), encoding="utf-8", errors="backslashreplace")
    del store


def _consolidate(store: Any, report: BuildReport, ctx: Context, affected: Affected, partial: Path) -> None:
    """Curations, then the consolidated graph of the affected entities, then its checks."""
    t = time.perf_counter()
    plan = apply_build_curations(store, report, ctx)
    affected.add_changed(plan.entities)
    report.seconds["curate"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    entities = affected.consolidation_scope()
    consolidate(store, entities, dump=partial / "graph.trig", ranks=plan.entity_ranks())
    report.seconds["consolidate"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    checked = check_consolidated(store, entities)
    report.add_validation(checked.count("Violation"), 0, checked.conforms,
                          checked.to_text() if checked.violations else "")
    report.seconds["checks"] = round(report.seconds.get("checks", 0.0) + time.perf_counter() - t, 3)
