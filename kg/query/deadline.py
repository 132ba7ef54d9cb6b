"""A query on a build that stops at a deadline.

pyoxigraph cannot cancel a query once it runs: a query that joins too much
holds the calling thread until it is done, however long that takes. A query
with a time limit therefore runs in a child process forked from this one: the
child opens the build's store read-only, runs the query
(:func:`kg.query.run.run_on_store`) and sends the :class:`~kg.query.run.Table`
back through a pipe. When no answer has come at the deadline, the child's
process group is killed (SIGKILL) and the child reaped, and the caller gets one
:class:`~kg.errors.QueryError` line naming the query and the limit.

The child is never left behind: it is killed and reaped when the wait ends in
any way, an answer, the deadline, an error or a Ctrl-C (``KeyboardInterrupt``);
it runs in a process group of its own, so a Ctrl-C at the terminal reaches only
this process, which then stops it; and on Linux the kernel kills it when this
process dies, even by SIGKILL (``PR_SET_PDEATHSIG``).

The cost is a fork (milliseconds) and the pickling of the rows; without a time
limit a query runs in the calling process, as before.
"""
from __future__ import annotations

import math
import os
import signal
from pathlib import Path
from typing import Any

from kg.errors import KgError, QueryError
from kg.query.run import Table

TIMEOUT_HINT = "raise --timeout, or narrow the query with --param"


def check_timeout(timeout: float) -> float:
    """``timeout`` as a float, or QueryError when it is not a positive, finite number of seconds."""
    try:
        value = float(timeout)
    except (TypeError, ValueError):
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise QueryError(f"the time limit must be a positive, finite number of seconds, not {timeout!r}",
                         hint="give --timeout SECONDS, e.g. --timeout 30")
    return value


def run_on_build_within(data: Path, text: str, timeout: float, culprit: str = "query") -> Table:
    """Run the query ``text`` on the build at ``data`` in a child process; QueryError past ``timeout`` seconds.

    Errors of the child (no build, a corrupt store, a syntax error) come back as the
    same one-line :class:`~kg.errors.KgError` as in this process.
    """
    import multiprocessing as mp
    from multiprocessing.connection import wait

    import pyoxigraph  # noqa: F401 — imported before the fork, not in the child
    from kg.graph import store as _store  # noqa: F401
    from kg.query.serve import die_with_parent

    timeout = check_timeout(timeout)
    ctx = mp.get_context("fork")
    reader, writer = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(writer, Path(data), text, culprit, die_with_parent()),
                        name="kg-query", daemon=True)
    answer: Any = None
    try:
        # a Ctrl-C during the fork waits (blocked, not lost) until the child is started and can be stopped
        with _sigint_blocked():
            child.start()
        _own_group(child.pid)
        writer.close()
        if not wait([reader], timeout):
            raise QueryError(f"no answer within {timeout:g} s (timed out; the query was stopped)",
                             culprit=culprit, hint=TIMEOUT_HINT)
        try:
            answer = reader.recv()
        except (EOFError, OSError):       # the child died without an answer
            answer = None
    finally:
        _stop(child, answered=answer is not None)
        reader.close()
        writer.close()
    return _unpack(answer, child, culprit)


def _child(writer: Any, data: Path, text: str, culprit: str, preexec: Any) -> None:
    """In the child: a process group of its own, die with the parent, run the query, send the answer.

    Ctrl-C is the parent's to handle (it stops the child): the child ignores SIGINT,
    which it was born with blocked.
    """
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:
        pass
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    if preexec is not None:
        preexec()
    from kg.graph.store import open_store
    from kg.query.run import run_on_store

    message: tuple[Any, ...]
    try:
        message = ("table", run_on_store(open_store(data), text, culprit=culprit))
    except KgError as err:
        message = ("error", type(err), err.message, err.culprit, err.hint)
    except BaseException as err:  # noqa: BLE001 — pyo3's PanicException is a BaseException
        first = (str(err).strip().splitlines() or [""])[0][:300]
        message = ("crash", f"{type(err).__name__}: {first}" if first else type(err).__name__)
    try:
        writer.send(message)
    except Exception as err:  # noqa: BLE001 — an answer that cannot be pickled or sent
        writer.send(("crash", f"cannot send the answer ({type(err).__name__})"))
    writer.close()


def _unpack(answer: Any, child: Any, culprit: str) -> Table:
    if answer is None:
        code = child.exitcode
        how = (f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}")
        raise QueryError(f"the query process ended without an answer ({how})", culprit=culprit)
    kind = answer[0]
    if kind == "table":
        return answer[1]
    if kind == "error":
        cls, message, where, hint = answer[1:]
        raise cls(message, culprit=where, hint=hint)
    raise QueryError(f"query failed: {answer[1]}", culprit=culprit)


def _own_group(pid: int | None) -> None:
    """Make the child the leader of its own process group (the child does it too: whoever comes first)."""
    if pid is None:
        return
    try:
        os.setpgid(pid, pid)
    except OSError:      # it did it already and exec'd (EACCES), or it is gone (ESRCH)
        pass


def _stop(child: Any, answered: bool) -> None:
    """Kill the child's process group and reap the child, even through a Ctrl-C."""
    if child.pid is None:          # never started
        return
    interrupted = False
    if answered:
        try:
            child.join(0.5)            # it exits by itself once it has sent its answer
        except KeyboardInterrupt:
            interrupted = True
    if child.exitcode is None:
        for kill in (lambda: os.killpg(child.pid, signal.SIGKILL), lambda: os.kill(child.pid, signal.SIGKILL)):
            try:
                kill()
            except OSError:        # no such group (the child never made it), or already gone
                pass
    while True:
        try:
            child.join()           # reaped: no zombie
            break
        except KeyboardInterrupt:
            interrupted = True
    if interrupted:
        raise KeyboardInterrupt


class _sigint_blocked:
    """SIGINT blocked in this thread for the duration: one that comes meanwhile is delivered at the end."""

    def __enter__(self) -> None:
        self.old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})

    def __exit__(self, *exc: object) -> None:
        signal.pthread_sigmask(signal.SIG_SETMASK, self.old)
