"""The Dask executor: batches of articles on a Dask distributed cluster (or a local one).

Every worker reads the articles and the project data from the same paths (a shared file system);
``distributed`` is imported when a build asks for this executor (the ``dask`` extra).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from kg.build import article
from kg.build.article import ArticleResult
from kg.build.context import Context
from kg.errors import KgError
from kg.resources import Resources
from kg.workers import BATCH

_REMOTE_CTX: Context | None = None      # a Dask worker process's context, loaded by its first task


def run_batch_remote(sources: list[Any], root: str, on_error: str = "skip",
                     timeout: float | None = None) -> list[ArticleResult]:
    """The Dask task: a batch of articles (Sources or paths), with a Context loaded once per worker process."""
    global _REMOTE_CTX
    if _REMOTE_CTX is None or str(_REMOTE_CTX.resources.root) != root:
        _REMOTE_CTX = Context(Resources(Path(root)))
    return article.run_batch([Path(s) if isinstance(s, str) else s for s in sources], _REMOTE_CTX, on_error,
                             timeout or 0)


def dask_results(sources: Sequence[Any], ctx: Context, jobs: int, on_error: str = "skip",
                 scheduler: str | None = None) -> Iterator[ArticleResult]:
    """Results in the order of ``sources``, from the cluster at ``scheduler`` (else a local cluster of
    ``jobs`` workers), with a bounded window of batches in flight."""
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
        root = str(ctx.resources.root)
        window = max(4, 2 * max(1, jobs))       # batches in flight: memory stays flat, results come in order
        pending: list[tuple[list[str], Any]] = []
        for i in range(0, len(sources), BATCH):
            batch = sources[i:i + BATCH]
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
