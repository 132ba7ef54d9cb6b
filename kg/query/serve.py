"""Serve a build over HTTP with the Oxigraph server (the ``oxigraph`` PyPI package).

The build's own store is a RocksDB folder written by pyoxigraph; rather than
share it (one process may hold it) or depend on both packages writing the
same on-disk format, :func:`prepare_server` loads the build's ``graph.trig``
into a fresh server location with ``oxigraph load`` and returns the
``oxigraph serve`` command line, with ``--union-default-graph`` so that saved
queries see the union of all graphs as the default graph, as they do on the
embedded store. The server is read-write: ``kg push`` can replace graphs in
it, and the build folder is never touched.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.errors import EndpointError

LOAD_TIMEOUT = 3600


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
    return (binary, "serve", "--location", str(location), "--bind", f"{host}:{port}", "--union-default-graph")


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
    try:
        done = subprocess.run([binary, "load", "--location", str(location), "--file", str(trig)],
                              capture_output=True, text=True, timeout=LOAD_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise EndpointError(f"oxigraph load failed ({err})", culprit=str(trig)) from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise EndpointError(f"oxigraph load failed: {last[:300]}", culprit=str(trig))
    base = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    return ServerPlan(serve_argv(binary, location, host, port), location, f"{base}/query", f"{base}/store")
