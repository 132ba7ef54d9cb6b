"""A time budget for one article's work: past it, :class:`~kg.errors.ArticleTimeout` is raised in the work.

The build gives each article ``--article-timeout`` seconds (:data:`DEFAULT_ARTICLE_TIMEOUT`).
In a process's main thread (the serial build and every worker of the process executor)
the budget is a ``SIGALRM`` timer (``setitimer``): its handler raises in the running
code, and CPython's regular-expression engine checks for signals while it matches, so
a pattern stuck on a hostile line is interrupted too. In another thread (a Dask worker
runs tasks in threads) no signal can reach the work: a watchdog thread raises the
exception asynchronously, which interrupts Python code but not a single call that
stays in C (such as one regex match) until it returns.
"""
from __future__ import annotations

import contextlib
import ctypes
import signal
import threading
import time
from collections.abc import Iterator

from kg.errors import ArticleTimeout

DEFAULT_ARTICLE_TIMEOUT = 60.0      # seconds; a news article takes about 30 ms


@contextlib.contextmanager
def time_budget(seconds: float | None, culprit: str) -> Iterator[None]:
    """Run the body with at most ``seconds`` of wall-clock time (None or 0: no limit)."""
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds, culprit):
            yield
    else:
        with _watchdog(seconds, culprit):
            yield


def _timeout(seconds: float, culprit: str) -> ArticleTimeout:
    return ArticleTimeout(f"took more than {seconds:g} s (the article time budget)", culprit=culprit,
                          hint="raise it with --article-timeout to build this article")


@contextlib.contextmanager
def _alarm(seconds: float, culprit: str) -> Iterator[None]:
    armed = True

    def expire(signum: int, frame: object) -> None:
        if armed:
            raise _timeout(seconds, culprit)

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    old_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_delay:               # an outer timer (a caller's alarm) keeps running
            signal.setitimer(signal.ITIMER_REAL, max(0.001, old_delay - (time.monotonic() - started)))


class _Expired(Exception):
    """Raised asynchronously in a thread (made without arguments); turned into an ArticleTimeout."""


@contextlib.contextmanager
def _watchdog(seconds: float, culprit: str) -> Iterator[None]:
    target = threading.get_ident()
    done = threading.Event()
    fired = threading.Event()

    def watch() -> None:
        if not done.wait(seconds) and not done.is_set():
            fired.set()
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(_Expired))

    watcher = threading.Thread(target=watch, name="kg-article-budget", daemon=True)
    watcher.start()
    try:
        yield
    except _Expired:
        raise _timeout(seconds, culprit) from None
    finally:
        done.set()
        watcher.join()
        if fired.is_set():          # fired after the body ended: clear the pending exception
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
