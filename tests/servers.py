"""Private SPARQL servers on 127.0.0.1 for tests and benchmarks: Oxigraph and Virtuoso.

Each is a child process of the caller, listening on free loopback ports only,
and is stopped (and its files removed) when the ``with`` block ends. Plain
context managers, so the benchmarks use them as well as the pytest fixtures
(tests/query/conftest.py).

Virtuoso is Debian's ``virtuoso-opensource`` (7.2): ``virtuoso-t`` runs in the
foreground with its own virtuoso.ini in a temporary folder (database, log and
lock files there; SQL and HTTP ports bound to 127.0.0.1; no plugins, no VAD).
The SPARQL user is granted SPARQL_UPDATE through ``isql-vt`` as ``dba`` (the
fresh database's default password, on loopback only) so that the
unauthenticated Graph Store endpoint ``/sparql-graph-crud`` accepts ``kg push``.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


class ServerUnavailable(RuntimeError):
    """The server's program is not installed (the caller skips, or fails under CI)."""


class ServerFailed(RuntimeError):
    """The server is installed but did not start."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def in_ci() -> bool:
    """CI sets CI (to "true"); there a missing server must fail the tests, not skip them."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


@dataclass(frozen=True)
class Server:
    kind: str
    query_url: str        # SPARQL 1.1 query endpoint
    store_url: str        # SPARQL 1.1 Graph Store HTTP Protocol endpoint
    process: subprocess.Popen


def _wait_until_answering(url: str, proc: subprocess.Popen, seconds: float, log: Callable[[], str]) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if proc.poll() is not None:
                raise ServerFailed(f"exited with {proc.returncode}: {log()}") from None
            if time.monotonic() > deadline:
                raise ServerFailed(f"no answer within {seconds:g} s: {log()}") from None
            time.sleep(0.2)


def _die_with_parent() -> None:
    """In the child before exec (Linux): SIGTERM when the parent dies, so no server outlives a killed run."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)       # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# --- Oxigraph -----------------------------------------------------------------------------------

def oxigraph_binary() -> str | None:
    return shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")


@contextmanager
def oxigraph_server(union_default_graph: bool = True) -> Iterator[Server]:
    """An in-memory Oxigraph server on a free loopback port (its query URL is …/query)."""
    binary = oxigraph_binary()
    if binary is None:
        raise ServerUnavailable("the oxigraph server is not installed (pip install -e '.[test]')")
    port = free_port()
    cmd = [binary, "serve", "--bind", f"127.0.0.1:{port}"] + (["--union-default-graph"] if union_default_graph else [])
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err,
                                preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_answering(f"{base}/query?query=ASK%7B%7D", proc, 20, lambda: _tail(err))
            yield Server("oxigraph", f"{base}/query", f"{base}/store", proc)
        finally:
            _stop(proc)


def _tail(f, n: int = 500) -> str:
    f.flush()
    f.seek(0)
    return f.read().decode("utf-8", "replace")[-n:].strip()


# --- Virtuoso -----------------------------------------------------------------------------------

VIRTUOSO_INI = """\
; a private Virtuoso for pilkada-kg's tests and benchmarks: loopback only, files in this folder
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 0
CaseMode             = 2
AllowOSCalls         = 0
DirsAllowed          = ., {dir}
NumberOfBuffers      = 20000
MaxDirtyBuffers      = 15000
ThreadsPerQuery      = 2
MaxQueryMem          = 1G

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {dir}/www
; a query Virtuoso 7.2.5 hangs on (no CPU, no answer) keeps its thread after the client gave up: room for a few
MaxClientConnections = 20
ServerThreads        = 20
Charset              = UTF-8
EnabledGzipContent   = 0

[SPARQL]
; the packaged 10000 would cut long answers short without an error
ResultSetMaxRows           = 10000000
; 0: no "anytime" partial answers, no refusal on estimated cost
MaxQueryExecutionTime      = 0
MaxQueryCostEstimationTime = 0
"""


def virtuoso_binaries() -> tuple[str, str] | None:
    """(virtuoso-t, isql) when both are installed (Debian names the isql client isql-vt)."""
    server = shutil.which("virtuoso-t")
    if server is None:
        return None
    here = str(Path(server).parent)
    isql = shutil.which("isql-vt") or shutil.which("isql-vt", path=here) or shutil.which("isql", path=here)
    return (server, isql) if isql else None


VIRTUOSO_MISSING = ("Virtuoso is not installed (virtuoso-t and isql-vt not on PATH): "
                    "apt-get install virtuoso-opensource")


@contextmanager
def virtuoso_server(workdir: Path | None = None, start_timeout: float = 120) -> Iterator[Server]:
    """A private Virtuoso (empty database in a temporary folder) on free loopback ports.

    Yields its query URL (…/sparql) and Graph Store URL (…/sparql-graph-crud,
    writable without credentials). The process and the folder go when the block ends.
    """
    found = virtuoso_binaries()
    if found is None:
        raise ServerUnavailable(VIRTUOSO_MISSING)
    binary, isql = found
    folder = Path(tempfile.mkdtemp(prefix="kg-virtuoso-", dir=workdir))
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    (folder / "www").mkdir()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    out = open(folder / "console.txt", "w+b")                               # noqa: SIM115
    proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                            preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_until_answering(f"{base}/sparql?query=ASK%7B%7D", proc, start_timeout, lambda: _tail(out))
        grant = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba",
                                'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                               stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
        if grant.returncode != 0 or "Error" in grant.stdout + grant.stderr:
            raise ServerFailed(f"granting SPARQL_UPDATE failed: {(grant.stdout + grant.stderr).strip()[-500:]}")
        yield Server("virtuoso", f"{base}/sparql", f"{base}/sparql-graph-crud", proc)
    finally:
        _stop(proc)
        out.close()
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def handler_servers() -> Iterator[Callable[[type], str]]:
    """Start in-process HTTP servers on 127.0.0.1 for request-handler classes (fakes of a server's answers);
    yields ``start(handler) -> base URL``; every server started is shut down on exit."""
    import http.server
    import threading

    started: list[http.server.ThreadingHTTPServer] = []

    def start(handler: type) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    try:
        yield start
    finally:
        for server in started:
            server.shutdown()
            server.server_close()
