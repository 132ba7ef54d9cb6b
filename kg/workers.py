"""Worker processes: a pool of forked workers that ignore Ctrl-C and die with their parent.

Shared by the build (:mod:`kg.build.executors`) and by :func:`kg.validate.run.validate_build`, which
validate article graphs in batches of :data:`BATCH` in the same way.
"""
from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
from collections.abc import Callable
from typing import Any

BATCH = 32      # articles per task: their graphs are validated in one pyshacl call


def forked_pool(jobs: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> Any:
    """A pool of forked workers that are born ignoring Ctrl-C: a SIGINT to the process group between the fork
    and the worker's initializer would otherwise raise in the half-started worker and print its traceback."""
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return mp.get_context("fork").Pool(jobs, initializer=initializer, initargs=initargs)
    finally:
        signal.signal(signal.SIGINT, old)      # (a Ctrl-C during these milliseconds is not seen: press again)


def init_worker_process(parent: int | None = None) -> None:
    """What every worker does first: leave Ctrl-C to the parent, and die with it (``parent``: its pid)."""
    # Ctrl-C is the parent process's to handle: it terminates the pool. A worker that died of it while
    # waiting for a task would leave the pool's queue lock taken, and Pool.terminate() would wait forever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        die_with(parent)


def die_with(parent: int) -> None:
    """Linux: the kernel kills this worker when the parent process dies, even by SIGKILL (a worker left
    waiting for tasks would hold the build's stderr open and the CPU it warms up with)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))     # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:      # the parent died before the line above
        os._exit(1)


def default_jobs() -> int:
    """All the cores this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
