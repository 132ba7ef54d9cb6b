"""Remote SPARQL: a real Oxigraph server on 127.0.0.1, `kg push`, the whole catalogue, and faults."""
from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kg.cli import cli
from kg.query.push import derive_store_url
from kg.query.service import catalog

from .conftest import free_port

CASES = Path(__file__).parent / "cases"
pytestmark = pytest.mark.endpoint


def kg(*args: str):
    return CliRunner().invoke(cli, list(args))


def catalogue_runs() -> list[tuple[str, dict[str, str]]]:
    """Each saved query without parameters, and with the parameters of each of its test cases."""
    runs = [(name, {}) for name in catalog()]
    for params_file in sorted(CASES.glob("*/params.yaml")):
        params = {str(k): str(v) for k, v in (yaml.safe_load(params_file.read_text()) or {}).items()}
        runs.append((params_file.parent.name.split("--")[0], params))
    return runs


@pytest.fixture(scope="session")
def pushed(built, oxigraph_server):
    r = kg("push", str(built), "--endpoint", oxigraph_server)
    assert r.exit_code == 0, r.output
    assert "pushed" in r.output and "/store" in r.output
    return oxigraph_server


def test_push_twice_is_safe(built, pushed):
    before = kg("query", "data-summary", "--endpoint", pushed, "--format", "csv").output
    r = kg("push", str(built), "--endpoint", pushed)
    assert r.exit_code == 0, r.output
    assert kg("query", "data-summary", "--endpoint", pushed, "--format", "csv").output == before


@pytest.mark.parametrize("name,params", catalogue_runs(),
                         ids=[f"{n}-{'-'.join(p.values()) or 'all'}" for n, p in catalogue_runs()])
def test_endpoint_gives_the_same_rows_as_the_embedded_store(built, pushed, name, params):
    args = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
    local = kg("query", name, "--data", str(built), "--format", "sparql-json", *args)
    remote = kg("query", name, "--endpoint", pushed, "--format", "sparql-json", *args)
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    assert normalized(json.loads(remote.output)) == normalized(json.loads(local.output))


def normalized(doc: dict) -> dict:
    """GROUP_CONCAT lists ("a; b") have no defined order: compare their items sorted."""
    for binding in doc["results"]["bindings"]:
        for term in binding.values():
            if term["type"] == "literal" and "; " in term["value"]:
                term["value"] = "; ".join(sorted(term["value"].split("; ")))
    return doc


def test_derive_store_url():
    assert derive_store_url("http://127.0.0.1:7878/query") == "http://127.0.0.1:7878/store"
    assert derive_store_url("http://h:3030/ds/sparql") == "http://h:3030/ds/data"


# --- faults: each is one line on stderr, exit 1, within the timeout ------------------------------

def assert_fails_fast(args: list[str], words: tuple[str, ...], limit: float = 10.0) -> str:
    start = time.monotonic()
    r = kg(*args)
    elapsed = time.monotonic() - start
    text = r.output.strip()
    assert r.exit_code == 1, text
    assert text.startswith("Error:") and "\n" not in text, text
    assert any(w in text for w in words), text
    assert elapsed < limit, f"took {elapsed:.1f} s"
    return text


def test_connection_refused():
    url = f"http://127.0.0.1:{free_port()}/query"
    assert_fails_fast(["query", "tickets", "--endpoint", url, "--timeout", "2"], ("refused",))


def test_a_server_that_never_answers_times_out():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    accepted = []
    stop = threading.Event()

    def accept():
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(sock.accept()[0])      # accept and never answer
            except OSError:
                continue

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    try:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/query"
        assert_fails_fast(["query", "tickets", "--endpoint", url, "--timeout", "1"], ("timed out",), limit=6)
    finally:
        stop.set()
        t.join()
        for c in accepted:
            c.close()
        sock.close()


class Canned(http.server.BaseHTTPRequestHandler):
    status = 200
    body = b""
    ctype = "application/sparql-results+json"

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(self.status)
        self.send_header("Content-Type", self.ctype)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_PUT = do_POST  # noqa: N815

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def canned():
    servers = []

    def start(status: int, body: bytes, ctype: str = "application/sparql-results+json") -> str:
        handler = type("H", (Canned,), {"status": status, "body": body, "ctype": ctype})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/query"

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


def test_http_500(canned):
    url = canned(500, b"internal trouble", "text/plain")
    assert_fails_fast(["query", "tickets", "--endpoint", url], ("500",))


def test_malformed_json(canned):
    url = canned(200, b"{not json")
    assert_fails_fast(["query", "tickets", "--endpoint", url], ("malformed",))


def test_json_that_is_not_sparql_results(canned):
    url = canned(200, b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"value": "1"}}]}}')
    assert_fails_fast(["query", "tickets", "--endpoint", url], ("malformed",))


def test_credentials_come_from_the_environment(canned, monkeypatch):
    seen = {}

    class Auth(Canned):
        def do_POST(self):  # noqa: N802
            seen["auth"] = self.headers.get("Authorization")
            super().do_POST()

    Auth.body = b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}'
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Auth)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("KG_ENDPOINT_USER", "ana")
        monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret")
        r = kg("query", "--file", str(CASES.parent.parent.parent / "queries" / "tickets.rq"),
               "--endpoint", f"http://127.0.0.1:{server.server_address[1]}/query")
        assert r.exit_code == 0, r.output
        assert seen["auth"] and seen["auth"].startswith("Basic ")
    finally:
        server.shutdown()
        server.server_close()


def test_push_that_fails_part_way_names_the_pushed_graphs(built):
    calls = []

    class Flaky(Canned):
        def do_PUT(self):  # noqa: N802
            calls.append(self.path)
            self.status = 204 if len(calls) <= 2 else 500
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(self.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/query"
        text = assert_fails_fast(["push", str(built), "--endpoint", url], ("500",), limit=30)
        assert "2 graph(s) pushed" in text
        assert all(c.startswith("/store?graph=") for c in calls)
    finally:
        server.shutdown()
        server.server_close()


def test_push_to_a_dead_server_is_one_line(built):
    url = f"http://127.0.0.1:{free_port()}/query"
    assert_fails_fast(["push", str(built), "--endpoint", url, "--timeout", "2"], ("refused",), limit=30)


@pytest.mark.slow
def test_kg_serve_answers_saved_queries(built, tmp_path):
    import subprocess
    import sys

    port = free_port()
    kg_bin = Path(sys.executable).parent / "kg"
    proc = subprocess.Popen([str(kg_bin), "serve", str(built), "--port", str(port),
                             "--location", str(tmp_path / "server")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 60
        while True:
            r = kg("query", "tickets", "--endpoint", url, "--format", "csv", "--timeout", "2")
            if r.exit_code == 0:
                break
            assert proc.poll() is None, proc.stderr.read().decode()[:500]
            assert time.monotonic() < deadline, r.output
            time.sleep(0.3)
        local = kg("query", "tickets", "--data", str(built), "--format", "csv")
        assert r.output == local.output
    finally:
        proc.terminate()
        proc.wait(timeout=10)
