"""Issue 16, remote safety: credentials stay with their origin and out of messages, `kg query`
only reads, SERVICE only when allowed, and a request has a deadline and a size limit.

Every server here is a real one on 127.0.0.1 (http.server / socketserver), each recording
what reached it, so a test fails when a header, a query or an update gets where it must not.
"""
from __future__ import annotations

import base64
import http.server
import json
import os
import socket
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

from .conftest import ROOT, free_port

pytestmark = pytest.mark.endpoint
EMPTY = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "1"}}]}})
TICKETS = str(ROOT / "queries" / "tickets.rq")


def kg(*args: str):
    return CliRunner().invoke(cli, list(args))


def one_line_error(r) -> str:  # type: ignore[no-untyped-def]
    text = r.output.strip()
    assert r.exit_code == 1, text
    assert text.startswith("Error:") and "\n" not in text, text
    assert "Traceback" not in text
    return text


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request with ``reply(handler)``; records (method, path, Authorization, body)."""

    seen: list
    reply = None

    def handle_any(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        self.seen.append((self.command, self.path, self.headers.get("Authorization"), body))
        type(self).reply(self)

    do_GET = do_POST = do_PUT = handle_any  # noqa: N815

    def log_message(self, *args):  # quiet
        pass


def answer(status: int = 200, body: bytes = EMPTY.encode(), ctype: str = "application/sparql-results+json",
           headers: dict[str, str] | None = None):
    def reply(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)

    return reply


@pytest.fixture
def serve():
    """``serve(reply) -> (base_url, seen)``: a recording HTTP server on 127.0.0.1."""
    servers = []

    def start(reply) -> tuple[str, list]:  # type: ignore[no-untyped-def]
        seen: list = []
        handler = type("H", (Recorder,), {"seen": seen, "reply": staticmethod(reply)})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", seen

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


# --- credentials and redirects -------------------------------------------------------------------

def test_a_redirect_to_another_origin_does_not_carry_the_credentials(serve, monkeypatch):
    other, other_seen = serve(answer())
    first, first_seen = serve(answer(302, b"", "text/plain", {"Location": f"{other}/query"}))
    monkeypatch.setenv("KG_ENDPOINT_USER", "ana")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret")
    kg("query", "--file", TICKETS, "--endpoint", f"{first}/query")
    assert first_seen and first_seen[0][2] == basic("ana", "s3cret")        # the endpoint itself gets them
    assert other_seen, "the redirect was followed"
    assert all(auth is None for _, _, auth, _ in other_seen), other_seen


def test_a_redirect_to_another_port_of_the_same_host_is_another_origin(serve):
    other, other_seen = serve(answer())
    port = other.rsplit(":", 1)[1]
    first, first_seen = serve(answer(301, b"", "text/plain", {"Location": f"http://localhost:{port}/query"}))
    r = kg("query", "--file", TICKETS, "--endpoint", first.replace("://", "://bob:pw-in-url@") + "/query")
    assert r.exit_code == 0, r.output
    assert first_seen[0][2] == basic("bob", "pw-in-url")                   # user info is used as Basic auth
    assert other_seen and all(auth is None for _, _, auth, _ in other_seen), other_seen


def test_a_redirect_on_the_same_origin_keeps_the_credentials(serve, monkeypatch):
    monkeypatch.setenv("KG_ENDPOINT_USER", "ana")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret")

    def reply(h):  # type: ignore[no-untyped-def]
        if h.path == "/query":
            answer(302, b"", "text/plain", {"Location": "/sparql"})(h)
        else:
            answer()(h)

    base, seen = serve(reply)
    r = kg("query", "--file", TICKETS, "--endpoint", f"{base}/query")
    assert r.exit_code == 0, r.output
    # the query (it has no GRAPH clause, so the server's named graphs are not listed first), redirected
    auth = basic("ana", "s3cret")
    assert [(p, a) for _, p, a, _ in seen] == [("/query", auth), ("/sparql", auth)]


def test_push_is_not_redirected_with_its_credentials(serve, built, monkeypatch):
    other, other_seen = serve(answer(204, b""))
    first, _ = serve(answer(307, b"", "text/plain", {"Location": f"{other}/store"}))
    monkeypatch.setenv("KG_ENDPOINT_USER", "ana")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret")
    kg("push", str(built), "--store-url", f"{first}/store", "--timeout", "5")
    assert all(auth is None for _, _, auth, _ in other_seen), other_seen


@pytest.mark.parametrize("server", ["dead", "500", "not-json", "bad-url"])
def test_credentials_in_the_url_never_reach_a_message(serve, server):
    secret_user, secret_pw = "bobuser", "pw-S3cret"
    if server == "dead":
        base = f"http://127.0.0.1:{free_port()}"
    elif server == "500":
        base, _ = serve(answer(500, b"trouble at http://bobuser:pw-S3cret@elsewhere/", "text/plain"))
    elif server == "not-json":
        base, _ = serve(answer(200, b"{nope"))
    else:
        base = "http://[::1"
    url = base.replace("://", f"://{secret_user}:{secret_pw}@") + "/query"
    for args in (["query", "tickets", "--endpoint", url, "--timeout", "5"],
                 ["push", str(ROOT / "no-such-build"), "--endpoint", url],
                 ["push", str(ROOT / "no-such-build"), "--store-url", url.replace("/query", "/elsewhere")]):
        r = kg(*args)
        assert r.exit_code != 0
        assert secret_pw not in r.output and secret_user not in r.output, r.output
        assert "Traceback" not in r.output


def test_push_reports_the_store_url_redacted(serve, built):
    base, seen = serve(answer(204, b""))
    r = kg("push", str(built), "--endpoint", base.replace("://", "://bob:pw-S3cret@") + "/query")
    assert r.exit_code == 0, r.output
    assert "pw-S3cret" not in r.output and "bob" not in r.output
    assert "http://***@127.0.0.1" in r.output
    assert seen and all(auth == basic("bob", "pw-S3cret") for _, _, auth, _ in seen)


def test_no_error_message_shows_the_user_info_of_a_url():
    from kg.errors import KgError

    err = KgError("cannot reach tcp://dask:pw-S3cret@10.0.0.5:8786 (refused)", culprit="http://u:pw-S3cret@h/q",
                  hint="retry https://a:pw-S3cret@h2")
    assert "pw-S3cret" not in str(err) and str(err).count("***@") == 3
    assert str(KgError("mail bob@example.org", culprit="a@b")) == "a@b: mail bob@example.org"


def test_help_shows_no_credentials(monkeypatch):
    monkeypatch.setenv("KG_ENDPOINT_USER", "ana")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret-help")
    for cmd in ("query", "push", "serve"):
        r = kg(cmd, "--help")
        assert r.exit_code == 0 and "s3cret-help" not in r.output


# --- kg query reads ------------------------------------------------------------------------------

UPDATES = ["DROP ALL", "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }",
           "# a comment first\nDELETE WHERE { ?s ?p ?o }", "CLEAR DEFAULT ; LOAD <http://127.0.0.1:9/x.ttl>",
           "WITH <http://example.org/g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }"]


@pytest.mark.parametrize("text", UPDATES)
def test_an_update_is_refused_before_it_reaches_an_endpoint(serve, tmp_path, text):
    base, seen = serve(answer(204, b""))
    f = tmp_path / "update.rq"
    f.write_text(text)
    for url in (f"{base}/update", f"{base}/query"):
        text_out = one_line_error(kg("query", "--file", str(f), "--endpoint", url))
        assert "UPDATE" in text_out and "update.rq" in text_out
    assert seen == []


@pytest.mark.parametrize("text", UPDATES[:3])
def test_an_update_is_refused_on_the_embedded_store(built, tmp_path, text):
    f = tmp_path / "update.rq"
    f.write_text(text)
    before = kg("query", "data-summary", "--data", str(built), "--format", "csv").output
    assert "UPDATE" in one_line_error(kg("query", "--file", str(f), "--data", str(built)))
    assert kg("query", "data-summary", "--data", str(built), "--format", "csv").output == before


def test_update_words_inside_a_query_are_no_reason_to_refuse(built, tmp_path):
    f = tmp_path / "words.rq"
    f.write_text('# DROP ALL and INSERT DATA are updates; SERVICE calls a server\n'
                 'SELECT ?drop ?service WHERE { BIND("DROP ALL" AS ?drop) BIND("SERVICE <http://x/>" AS ?service) }\n')
    r = kg("query", "--file", str(f), "--data", str(built), "--format", "csv")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[1] == "DROP ALL,SERVICE <http://x/>"


# --- SERVICE --------------------------------------------------------------------------------------

def service_query(tmp_path: Path, url: str) -> Path:
    f = tmp_path / "service.rq"
    f.write_text(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}\n")
    return f


def test_service_is_refused_unless_allowed(serve, built, tmp_path):
    base, seen = serve(answer())
    f = service_query(tmp_path, f"{base}/sparql")
    text = one_line_error(kg("query", "--file", str(f), "--data", str(built)))
    assert "SERVICE" in text and "--allow-service" in text
    text = one_line_error(kg("query", "--file", str(f), "--endpoint", f"{base}/query"))
    assert "SERVICE" in text
    assert seen == [], "nothing was fetched"
    r = kg("query", "--file", str(f), "--data", str(built), "--allow-service", "--format", "csv")
    assert r.exit_code == 0, r.output                  # the positive control: allowed, the store calls it
    assert [p for _, p, _, _ in seen] == ["/sparql"]


def test_service_deep_in_groups_rdflib_cannot_parse_is_still_refused(serve, built, tmp_path):
    base, seen = serve(answer())
    f = tmp_path / "deep.rq"
    f.write_text("SELECT * WHERE " + "{" * 60 + f" SERVICE <{base}/sparql> {{ ?s ?p ?o }} " + "}" * 60)
    assert "SERVICE" in one_line_error(kg("query", "--file", str(f), "--data", str(built)))
    assert seen == []


def test_a_service_target_answering_500_is_one_line(serve, built, tmp_path):
    base, seen = serve(answer(500, b"internal\ntrouble", "text/plain"))
    f = service_query(tmp_path, f"{base}/sparql")
    text = one_line_error(kg("query", "--file", str(f), "--data", str(built), "--allow-service"))
    assert "500" in text and "service.rq" in text
    assert seen


# --- deadline and size limit ---------------------------------------------------------------------

class RawServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture
def raw():
    """``raw(handle) -> url``: a TCP server whose ``handle(sock, stop)`` writes whatever it likes."""
    servers = []
    stop = threading.Event()

    def start(handle) -> str:  # type: ignore[no-untyped-def]
        class H(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                self.request.settimeout(2)
                try:
                    self.request.recv(65536)
                    handle(self.request, stop)
                except OSError:
                    pass

        server = RawServer(("127.0.0.1", 0), H)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/query"

    yield start
    stop.set()
    for s in servers:
        s.shutdown()
        s.server_close()


def drip_body(sock: socket.socket, stop: threading.Event) -> None:
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 100000\r\n\r\n")
    while not stop.wait(0.5):
        sock.sendall(b" ")


def drip_headers(sock: socket.socket, stop: threading.Event) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000:
        if stop.wait(0.5):
            return
        sock.sendall(bytes([byte]))


def endless_chunks(sock: socket.socket, stop: threading.Event) -> None:
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"%x\r\n%s\r\n" % (1 << 16, b"[" * (1 << 16))
    while not stop.is_set():
        sock.sendall(chunk)


@pytest.mark.parametrize("handle", [drip_body, drip_headers], ids=["body", "headers"])
def test_timeout_bounds_the_whole_request_of_a_dripping_server(raw, handle):
    url = raw(handle)
    start = time.monotonic()
    text = one_line_error(kg("query", "tickets", "--endpoint", url, "--timeout", "2"))
    elapsed = time.monotonic() - start
    assert "timed out" in text and "2 s" in text
    assert elapsed < 15, f"took {elapsed:.1f} s"          # a drip of 0.5 s per byte would go on for minutes


def test_an_endless_chunked_answer_stops_at_the_size_limit(raw):
    url = raw(endless_chunks)
    text = one_line_error(kg("query", "tickets", "--endpoint", url, "--max-response", "2", "--timeout", "60"))
    assert "larger than the limit of 2 MB" in text and "--max-response" in text


def test_an_announced_size_over_the_limit_is_refused_before_reading(serve):
    base, _ = serve(answer(200, b" " * 3_000_000))
    text = one_line_error(kg("query", "tickets", "--endpoint", f"{base}/query", "--max-response", "1"))
    assert "larger than the limit" in text and "announced" in text


def test_the_size_limit_keeps_memory_small_in_a_real_process(raw):
    """The issue's 2 GB chunked answer took 4.2 GB: the process reading it now stays far below that."""
    url = raw(endless_chunks)
    code = ("import resource, sys\nfrom kg.cli import main\nsys.argv = ['kg', 'query', 'tickets', '--endpoint', "
            f"{url!r}]\ntry:\n    main()\nexcept SystemExit as e:\n    print('exit', e.code, "
            "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("Error:") and "larger than the limit of 100 MB" in lines[0], done.stderr
    rss_mb = int(lines[-1].split()[-1])
    assert rss_mb < 1000, f"peak RSS {rss_mb} MB"


def test_query_on_an_endpoint_has_a_finite_default_timeout():
    from kg.query.endpoint import DEFAULT_TIMEOUT

    params = {p.name: p for p in cli.commands["query"].params}
    assert params["timeout"].default is None          # no --timeout: the endpoint's default, no limit on a build
    assert 0 < DEFAULT_TIMEOUT <= 600
    assert 0 < params["max_response"].default <= 1024


# --- tracebacks become one line ------------------------------------------------------------------

def test_a_malformed_endpoint_url_is_one_line():
    text = one_line_error(kg("query", "tickets", "--endpoint", "http://[::1/query"))
    assert "not a valid URL" in text and "http://[::1/query" in text


def not_http(sock: socket.socket, stop: threading.Event) -> None:
    sock.sendall(b"SSH-2.0-OpenSSH_9.6 hello, this is not HTTP\r\n\r\n")


def test_push_to_a_server_that_answers_non_http_is_one_line(raw, built):
    url = raw(not_http)
    text = one_line_error(kg("push", str(built), "--endpoint", url, "--timeout", "5"))
    assert "not HTTP" in text and "0 graph(s) pushed" in text


def test_query_to_a_server_that_answers_non_http_is_one_line(raw):
    assert "not HTTP" in one_line_error(kg("query", "tickets", "--endpoint", raw(not_http), "--timeout", "5"))


def test_push_timeout_hint_names_no_option_push_lacks(raw, built):
    text = one_line_error(kg("push", str(built), "--endpoint", raw(drip_body), "--timeout", "1"))
    assert "timed out" in text and "--timeout" in text
    assert "--param" not in text
