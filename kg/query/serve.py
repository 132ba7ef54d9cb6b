"""Serve a build over HTTP with the Oxigraph server (the ``oxigraph`` PyPI package).

The build's own store is a RocksDB folder written by pyoxigraph; rather than
share it (one process may hold it) or depend on both packages writing the
same on-disk format, :func:`prepare_server` loads the build's ``graph.trig``
into a fresh server location with ``oxigraph load``, with the consolidated graph
(:mod:`kg.graph.consolidate`, which the dump does not hold: it is derived) read from
the build's store, and returns the ``oxigraph serve`` command line. Saved queries
name the consolidated graph as their default graph in each request
(``default-graph-uri``), so the server needs no union default graph; another client
reads it with ``FROM <https://w3id.org/pilkada-kg/graph/consolidated>``. The server is read-write: ``kg push`` can replace graphs in
it, and the build folder is never touched.

The server dies with ``kg serve``: on Linux the child asks the kernel for a
SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``), so even a
SIGKILLed ``kg serve`` leaves no server behind. Its temporary store
(``$TMPDIR/kg-serve-*``) is held by a lock (``flock``) that dies with the
process; the next ``kg serve`` removes the folders whose lock is free.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.errors import EndpointError

LOAD_TIMEOUT = 3600
TEMP_PREFIX = "kg-serve-"
LOCK_NAME = ".kg-serve.lock"
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True, slots=True)
class ServerPlan:
    argv: tuple[str, ...]
    location: Path
    query_url: str
    store_url: str


def find_oxigraph() -> str:
    """The ``oxigraph`` executable: next to this Python first (the venv), then on PATH."""
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not found:
        raise EndpointError("the Oxigraph server is not installed (no `oxigraph` executable)",
                            hint="pip install oxigraph (it is in the test extra: pip install -e '.[test]')")
    return found


def serve_argv(binary: str, location: Path, host: str, port: int) -> tuple[str, ...]:
    return (binary, "serve", "--location", str(location), "--bind", f"{host}:{port}")


def prepare_server(data: Path, location: Path, host: str = "127.0.0.1", port: int = 7878) -> ServerPlan:
    """Load the build's graph.trig into ``location`` (new or empty) and plan the server's command."""
    from kg.graph.store import resolve_build_dir

    trig = resolve_build_dir(data) / "graph.trig"
    if not trig.is_file():
        raise EndpointError("the build has no graph.trig", culprit=str(trig.parent),
                            hint="rebuild with `kg build`")
    location = Path(location)
    if location.exists() and any(location.iterdir()):
        raise EndpointError("the server location is not empty", culprit=str(location),
                            hint="give a new folder with --location, or omit it for a temporary one")
    binary = find_oxigraph()
    location.mkdir(parents=True, exist_ok=True)
    _load(binary, location, trig)
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as tmp:
        consolidated = Path(tmp) / "consolidated.nq"
        if _dump_consolidated(data, consolidated):
            _load(binary, location, consolidated)
    base = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    return ServerPlan(serve_argv(binary, location, host, port), location, f"{base}/query", f"{base}/store")


def _load(binary: str, location: Path, path: Path) -> None:
    try:
        done = subprocess.run([binary, "load", "--location", str(location), "--file", str(path)],
                              capture_output=True, text=True, timeout=LOAD_TIMEOUT, check=False,
                              preexec_fn=die_with_parent())
    except (OSError, subprocess.TimeoutExpired) as err:
        raise EndpointError(f"oxigraph load failed ({err})", culprit=str(path)) from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise EndpointError(f"oxigraph load failed: {last[:300]}", culprit=str(path))


def _dump_consolidated(data: Path, path: Path) -> bool:
    """Write the build's consolidated graph as N-Quads to ``path``; False when the build has none."""
    import pyoxigraph

    from kg import vocab
    from kg.graph.store import open_store

    graph = pyoxigraph.NamedNode(vocab.CONSOLIDATED_GRAPH)
    store = open_store(data)
    if not store.contains_named_graph(graph):
        return False
    with open(path, "wb") as out:
        pyoxigraph.serialize(store.quads_for_pattern(None, None, None, graph), out,
                             format=pyoxigraph.RdfFormat.N_QUADS)
    return True


def die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that has the kernel SIGKILL the child when this process dies (Linux; else None).

    It runs in the child between fork and exec: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``,
    then, should the parent have died before that call, the child ends itself.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl      # looked up before the fork
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)

    return preexec


def start_server(plan: ServerPlan) -> subprocess.Popen:  # type: ignore[type-arg]
    """Start ``oxigraph serve`` as a child that dies with this process."""
    try:
        return subprocess.Popen(list(plan.argv), preexec_fn=die_with_parent())
    except OSError as err:
        raise EndpointError(f"cannot start the Oxigraph server ({err.strerror or err})", culprit=plan.argv[0]) from None


@contextmanager
def server_location(location: Path | None) -> Iterator[Path]:
    """Where the server keeps its store: ``location``, or a temporary folder removed afterwards.

    A temporary folder is locked for as long as this process lives; folders of
    earlier runs whose lock is free (their ``kg serve`` was killed) are removed first.
    """
    if location is not None:
        yield Path(location)
        return
    reclaim_stale_locations()
    folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    lock = _hold_lock(folder)
    try:
        yield folder / "store"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if lock is not None:
            os.close(lock)


def reclaim_stale_locations(parent: Path | None = None) -> list[Path]:
    """Remove the temporary stores of ``kg serve`` runs that are gone; return the folders removed."""
    try:
        import fcntl
    except ImportError:                         # no flock: nothing tells a live folder from a stale one
        return []
    removed = []
    for folder in sorted(Path(parent or tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*")):
        lock_file = folder / LOCK_NAME
        if not folder.is_dir() or folder.is_symlink() or not lock_file.is_file():
            continue
        try:
            fd = os.open(lock_file, os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)                        # held: a running kg serve
            continue
        try:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            os.close(fd)
    return removed


def _hold_lock(folder: Path) -> int | None:
    try:
        import fcntl
    except ImportError:
        return None
    # locked under another name, then renamed: another kg serve never sees the lock file unlocked
    fd = os.open(folder / f"{LOCK_NAME}.new", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.replace(folder / f"{LOCK_NAME}.new", folder / LOCK_NAME)
    return fd
