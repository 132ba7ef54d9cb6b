"""Where per-article work runs: this process, a pool of local processes, or a Dask cluster.

Each executor yields :class:`~kg.pipeline.ArticleResult` records in the order of
the paths, so the build streams them into the store as they come.
"""
from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from kg import pipeline
from kg.errors import KgError
from kg.pipeline import ArticleResult, Context
from kg.resources import Resources

_WORKER_CTX: Context | None = None      # set once per worker process
BATCH = 32      # articles per task: their graphs are validated in one pyshacl call


def _forked_pool(jobs: int, initializer: Any, initargs: tuple[Any, ...]) -> Any:
    """A pool of forked workers that are born ignoring Ctrl-C: a SIGINT to the process group between the fork
    and the worker's initializer would otherwise raise in the half-started worker and print its traceback."""
    import multiprocessing as mp
    import signal

    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return mp.get_context("fork").Pool(jobs, initializer=initializer, initargs=initargs)
    finally:
        signal.signal(signal.SIGINT, old)      # (a Ctrl-C during these milliseconds is not seen: press again)


def _init_worker(ctx: Context, parent: int | None = None) -> None:
    global _WORKER_CTX
    import signal

    # Ctrl-C is the build process's to handle: it terminates the pool. A worker that died of it while
    # waiting for a task would leave the pool's queue lock taken, and Pool.terminate() would wait forever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_CTX = ctx
    if parent is not None:
        _die_with(parent)


def _die_with(parent: int) -> None:
    """Linux: the kernel kills this worker when the build process dies, even by SIGKILL (a worker left
    waiting for tasks would hold the build's stderr open and the CPU it warms up with)."""
    import signal

    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))     # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:      # the build died before the line above
        os._exit(1)


def worker_context() -> Context:
    assert _WORKER_CTX is not None, "run_article needs a Context (or a worker initialised with one)"
    return _WORKER_CTX


def iter_results(paths: Sequence[Any], ctx: Context, jobs: int, on_error: str = "skip",
                 executor: str = "processes", scheduler: str | None = None) -> Iterator[ArticleResult]:
    """Results in the order of ``paths`` (:class:`~kg.ingest.sources.Source` records or article paths).

    ``executor``: ``processes`` (``jobs`` local processes; 1 = this process) or
    ``dask`` (a Dask distributed cluster at ``scheduler``, e.g. ``tcp://10.0.0.5:8786``;
    without a scheduler, a local cluster of ``jobs`` workers).
    """
    if executor == "dask":
        yield from _dask_results(paths, ctx, jobs, on_error, scheduler)
        return
    batches = [paths[i:i + BATCH] for i in range(0, len(paths), BATCH)]
    if jobs <= 1 or len(paths) < 2 * BATCH:
        for batch in batches:
            yield from pipeline.run_batch(batch, ctx, on_error)
        return
    import multiprocessing as mp
    from functools import partial

    # fork: workers inherit the loaded lexicon and gazetteer instead of loading them again
    ctx.warm()

    def new_pool() -> Any:
        return _forked_pool(jobs, _init_worker, (ctx, os.getpid()))

    yield from _windowed(new_pool, partial(_run_batch_task, on_error=on_error), batches, 4 * jobs,
                         ctx.article_timeout)


STUCK_GRACE = 120.0     # seconds a batch may take beyond twice its articles' budgets before its worker is killed


def _windowed(new_pool: Any, task: Any, batches: list[Any], window: int,
              budget: float | None = None) -> Iterator[ArticleResult]:
    """Results of ``task`` over ``batches`` in order, with at most ``window`` batches submitted and not yet
    consumed (Pool.imap submits everything and keeps every result the consumer has not taken yet: when the
    store is slower than the workers, a whole corpus of graphs would wait in memory).

    With a per-article ``budget``, a batch that takes longer than twice its articles' budgets plus
    :data:`STUCK_GRACE` is stuck where the budget's alarm cannot reach (C code that ignores signals): the
    pool is killed and replaced, the other batches in flight are submitted again, and the stuck batch is
    tried again one article at a time, so that only the article that sticks again is skipped, with one line.
    """
    import collections
    import multiprocessing as mp

    pending: collections.deque = collections.deque()  # type: ignore[type-arg]
    todo = iter(batches)
    retry: collections.deque = collections.deque()  # type: ignore[type-arg]  # single articles of a stuck batch
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
                results = [_stuck_result(stuck[0], budget)]
            else:
                pending.popleft()
            if len(pending) < window:
                nxt = next(todo, None)
                if nxt is not None:
                    submit(nxt)
            yield from results
    finally:
        pool.terminate()


def _stuck_result(source: Any, budget: float | None) -> ArticleResult:
    """The result of an article whose worker was killed past its budget."""
    from kg.ingest.sources import file_source
    from kg.pipeline import TIMEOUT_STAGE, Problem

    if isinstance(source, (str, Path)):
        source = file_source(Path(source))
    message = (f"took more than {budget:g} s (the article time budget) in code that could not be interrupted; "
               "its worker was stopped; raise it with --article-timeout to build this article")
    return ArticleResult(source.key, problems=(Problem(source.locator, TIMEOUT_STAGE, message),))


def _init_warm_worker(ctx: Context, parent: int) -> None:
    """Load everything an article needs, and run one seed article (imports, compiled patterns, pyshacl)."""
    _init_worker(ctx, parent)
    try:
        ctx.warm()
        seed = next(iter(sorted(Path(ctx.resources.articles).glob("*.txt"))), None)
        if seed is not None:
            pipeline.run_batch([seed], ctx)
    except Exception:       # noqa: BLE001 - warming is an optimisation: the real work reports any problem
        pass


def _run_batch_task(batch: Sequence[Any], on_error: str) -> list[ArticleResult]:
    return pipeline.run_batch(batch, None, on_error)      # looked up here: what the worker process has


class Prestarted:
    """One worker process forked at the start of a rebuild: it loads the Context (about a second) while
    the build reads its sources and clones the previous store, then extracts the few changed articles.

    :meth:`results` yields in order, like :func:`iter_results`; :meth:`close` ends the process.
    """

    def __init__(self, ctx: Context) -> None:
        import multiprocessing as mp

        self.pool = _forked_pool(1, _init_warm_worker, (ctx, os.getpid()))

    def results(self, paths: Sequence[Any], on_error: str = "skip") -> Iterator[ArticleResult]:
        from functools import partial

        batches = [paths[i:i + BATCH] for i in range(0, len(paths), BATCH)]
        try:
            for results in self.pool.imap(partial(_run_batch_task, on_error=on_error), batches):
                yield from results
        finally:
            self.close()

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


def run_batch_remote(sources: list[Any], root: str, on_error: str = "skip",
                     timeout: float | None = None) -> list[ArticleResult]:
    """The Dask task: a batch of articles (Sources or paths), with a Context loaded once per worker process."""
    global _WORKER_CTX
    if _WORKER_CTX is None or str(_WORKER_CTX.resources.root) != root:
        _WORKER_CTX = Context(Resources(Path(root)))
    return pipeline.run_batch([Path(s) if isinstance(s, str) else s for s in sources], _WORKER_CTX, on_error,
                              timeout or 0)


def _dask_results(paths: Sequence[Any], ctx: Context, jobs: int, on_error: str,
                  scheduler: str | None) -> Iterator[ArticleResult]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise KgError("the dask executor needs Dask distributed", hint="pip install 'pilkada-kg[dask]'") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
        else:
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                   dashboard_address=None, host="127.0.0.1")
            client = Client(cluster)
    except (OSError, TimeoutError) as err:
        raise KgError(f"cannot reach the Dask scheduler ({err})", culprit=scheduler or "local cluster",
                      hint="start one with `dask scheduler` and `dask worker ADDRESS`") from None
    try:
        # every worker reads the articles and the project data from the same paths (a shared file system)
        root = str(ctx.resources.root)
        window = max(4, 2 * max(1, jobs))       # batches in flight: memory stays flat, results come in order
        pending: list = []  # type: ignore[type-arg]
        for i in range(0, len(paths), BATCH):
            batch = paths[i:i + BATCH]
            fut = client.submit(run_batch_remote, [_absolute(s) for s in batch], root, on_error,
                                ctx.article_timeout, pure=False)
            pending.append(([_key(s) for s in batch], fut))
            if len(pending) >= window:
                keys, f = pending.pop(0)
                yield from (dataclasses.replace(r, path=k) for k, r in zip(keys, f.result()))
        for keys, f in pending:
            yield from (dataclasses.replace(r, path=k) for k, r in zip(keys, f.result()))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _key(source: Any) -> str:
    return str(source) if isinstance(source, (str, Path)) else source.key


def _absolute(source: Any) -> Any:
    """What a remote worker reads: the same source with an absolute path (a shared file system)."""
    if isinstance(source, (str, Path)):
        return str(Path(source).absolute())
    return dataclasses.replace(source, path=str(Path(source.path).absolute()))


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
