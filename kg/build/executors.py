"""Where per-article work runs: this process, a pool of local processes, or a Dask cluster.

:data:`EXECUTORS` is the registry: a name (``kg build --executor``) → a function yielding
:class:`~kg.build.article.ArticleResult` records in the order of the sources, so that the build
streams them into the store as they come. :class:`Prestarted` is the one-worker pool of a rebuild.
"""
from __future__ import annotations

import collections
import itertools
import multiprocessing as mp
import os
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from kg.build import article
from kg.build.article import ArticleResult, as_source
from kg.build.cluster import dask_results
from kg.build.context import Context
from kg.build.report import TIMEOUT_STAGE, Problem
from kg.errors import KgError
from kg.workers import BATCH, forked_pool, init_worker_process

STUCK_GRACE = 120.0     # seconds a batch may take beyond twice its articles' budgets before its worker is killed
_WORKER_CTX: Context | None = None      # set once per worker process

Results = Iterator[ArticleResult]
Executor = Callable[[Sequence[Any], Context, int, str, "str | None"], Results]


def iter_results(sources: Sequence[Any], ctx: Context, jobs: int, on_error: str = "skip",
                 executor: str = "processes", scheduler: str | None = None) -> Results:
    """Results in the order of ``sources`` (:class:`~kg.ingest.sources.Source` records or article paths).

    ``executor`` (a name of :data:`EXECUTORS`): ``processes`` (``jobs`` local processes; 1 = this process) or
    ``dask`` (a Dask distributed cluster at ``scheduler``, e.g. ``tcp://10.0.0.5:8786``;
    without a scheduler, a local cluster of ``jobs`` workers).
    """
    run = EXECUTORS.get(executor)
    if run is None:
        raise KgError(f"unknown executor {executor!r}", hint=f"one of {', '.join(EXECUTORS)}")
    return run(sources, ctx, jobs, on_error, scheduler)


def process_results(sources: Sequence[Any], ctx: Context, jobs: int, on_error: str = "skip",
                    scheduler: str | None = None) -> Results:
    """Local processes: forked workers that inherit the loaded context; this process when there are few
    articles (fewer than two batches) or one job."""
    batches = [sources[i:i + BATCH] for i in range(0, len(sources), BATCH)]
    if jobs <= 1 or len(sources) < 2 * BATCH:
        for batch in batches:
            yield from article.run_batch(batch, ctx, on_error)
        return
    # fork: workers inherit the loaded lexicon and gazetteer instead of loading them again
    ctx.warm()

    def new_pool() -> Any:
        return forked_pool(jobs, init_worker, (ctx, os.getpid()))

    yield from windowed(new_pool, partial(run_batch_task, on_error=on_error), batches, 4 * jobs,
                        ctx.article_timeout)


EXECUTORS: dict[str, Executor] = {"processes": process_results, "dask": dask_results}


def init_worker(ctx: Context, parent: int | None = None) -> None:
    """A worker process's initializer: keep the build's context for its tasks."""
    global _WORKER_CTX
    init_worker_process(parent)
    _WORKER_CTX = ctx


def worker_context() -> Context:
    assert _WORKER_CTX is not None, "a worker task needs a Context (a worker initialised with one)"
    return _WORKER_CTX


def run_batch_task(batch: Sequence[Any], on_error: str) -> list[ArticleResult]:
    """The task of a worker process: a batch with the worker's context."""
    return article.run_batch(batch, worker_context(), on_error)    # looked up here: what the worker process has


def windowed(new_pool: Callable[[], Any], task: Callable[[Any], list[ArticleResult]], batches: list[Any],
             window: int, budget: float | None = None) -> Results:
    """Results of ``task`` over ``batches`` in order, with at most ``window`` batches submitted and not yet
    consumed (Pool.imap submits everything and keeps every result the consumer has not taken yet: when the
    store is slower than the workers, a whole corpus of graphs would wait in memory).

    With a per-article ``budget``, a batch that takes longer than twice its articles' budgets plus
    :data:`STUCK_GRACE` is stuck where the budget's alarm cannot reach (C code that ignores signals): the
    pool is killed and replaced, the other batches in flight are submitted again, and the stuck batch is
    tried again one article at a time, so that only the article that sticks again is skipped, with one line.
    """
    pending: collections.deque[tuple[Any, Any]] = collections.deque()
    todo = iter(batches)
    pool = new_pool()

    def submit(batch: Any) -> None:
        pending.append((batch, pool.apply_async(task, (batch,))))

    try:
        for batch in itertools.islice(todo, window):
            submit(batch)
        while pending:
            batch, job = pending[0]
            try:
                results = job.get(None if not budget else 2 * budget * len(batch) + STUCK_GRACE)
            except mp.TimeoutError:
                pool.terminate()
                pool.join()
                pool = new_pool()
                stuck = pending.popleft()[0]
                others = [b for b, _ in pending]
                pending.clear()
                if len(stuck) > 1:          # which article sticks? each on its own, in order, first
                    for b in [[s] for s in stuck] + others:
                        submit(b)
                    continue
                for b in others:
                    submit(b)
                results = [stuck_result(stuck[0], budget)]
            else:
                pending.popleft()
            if len(pending) < window:
                nxt = next(todo, None)
                if nxt is not None:
                    submit(nxt)
            yield from results
    finally:
        pool.terminate()


def stuck_result(source: Any, budget: float | None) -> ArticleResult:
    """The result of an article whose worker was killed past its budget."""
    source = as_source(source)
    message = (f"took more than {budget:g} s (the article time budget) in code that could not be interrupted; "
               "its worker was stopped; raise it with --article-timeout to build this article")
    return ArticleResult(source.key, problems=(Problem(source.locator, TIMEOUT_STAGE, message),))


def init_warm_worker(ctx: Context, parent: int) -> None:
    """Load everything an article needs, and run one seed article (imports, compiled patterns, pyshacl)."""
    init_worker(ctx, parent)
    try:
        ctx.warm()
        seed = next(iter(sorted(Path(ctx.resources.articles).glob("*.txt"))), None)
        if seed is not None:
            article.run_batch([seed], ctx)
    except Exception:       # noqa: BLE001 - warming is an optimisation: the real work reports any problem
        pass


class Prestarted:
    """One worker process forked at the start of a rebuild: it loads the Context (about a second) while
    the build reads its sources and clones the previous store, then extracts the few changed articles.

    :meth:`results` yields in order, like :func:`iter_results`; :meth:`close` ends the process.
    """

    def __init__(self, ctx: Context) -> None:
        self.pool = forked_pool(1, init_warm_worker, (ctx, os.getpid()))

    def results(self, sources: Sequence[Any], on_error: str = "skip") -> Results:
        batches = [sources[i:i + BATCH] for i in range(0, len(sources), BATCH)]
        try:
            for results in self.pool.imap(partial(run_batch_task, on_error=on_error), batches):
                yield from results
        finally:
            self.close()

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()

