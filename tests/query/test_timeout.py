"""`kg query --timeout` stops any query, on a build or an endpoint; remote queries read the consolidated graph.

On a build the query runs in a forked child that is killed at the deadline
(kg/query/deadline.py): these tests run queries that would take hours and check
that they stop in time with one line, and that no child process is left (no
zombie, no orphan), also after Ctrl-C and after a SIGKILLed parent. On an
endpoint, every query names its default graph (default-graph-uri), and a server
without the consolidated graph is named in one line: tested on real Oxigraph
servers, fresh for each test.
"""
from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import vocab
from kg.cli import cli
from kg.errors import EndpointError, QueryError
from kg.query.endpoint import run_on_endpoint
from kg.query.service import run_named

from tests.servers import handler_servers

from .conftest import ROOT, running_oxigraph

# every triple of the build three times over: days of counting, whatever the build's size
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n"


def kg(*args: str):
    return CliRunner().invoke(cli, list(args))


def one_line_error(r, code: int = 1) -> str:
    text = r.output.strip()
    assert r.exit_code == code, text
    assert text.startswith("Error:") and "\n" not in text, text
    return text


def children() -> set[tuple[int, str]]:
    """The child processes of this process (pid, state), zombies included."""
    me = os.getpid()
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == me:
            found.add((int(entry), fields[0]))
    return found


def marked(mark: str) -> list[int]:
    """The processes whose environment holds ``KG_TEST_MARK=mark`` (a forked child inherits it)."""
    needle = f"KG_TEST_MARK={mark}".encode()
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if needle in Path(f"/proc/{entry}/environ").read_bytes().split(b"\0"):
                    pids.append(int(entry))
            except OSError:
                continue
    return pids


@pytest.fixture
def cross_join(tmp_path) -> Path:
    f = tmp_path / "cross-join.rq"
    f.write_text(CROSS_JOIN, encoding="utf-8")
    return f


# --- on a build ----------------------------------------------------------------------------------

def test_a_long_query_on_a_build_stops_at_the_timeout(built, cross_join):
    before = children()
    start = time.monotonic()
    r = kg("query", "--file", str(cross_join), "--data", str(built), "--timeout", "1")
    elapsed = time.monotonic() - start
    text = one_line_error(r)
    assert "cross-join.rq" in text and "1 s" in text and "timed out" in text and "--timeout" in text, text
    assert elapsed < 5, f"took {elapsed:.1f} s"
    assert children() == before          # the child was killed and reaped: no zombie, no orphan


def test_a_saved_query_with_a_timeout_gives_the_same_rows(built):
    without = kg("query", "tickets", "--data", str(built), "--format", "csv", "--param", "region=Kutim")
    within = kg("query", "tickets", "--data", str(built), "--format", "csv", "--param", "region=Kutim",
                "--timeout", "60")
    assert without.exit_code == 0 and within.exit_code == 0, within.output
    assert within.output == without.output and "Kasmidi Bulang" in within.output
    doc = kg("query", "data-summary", "--data", str(built), "--format", "json", "--timeout", "60")
    assert doc.exit_code == 0 and doc.output == kg("query", "data-summary", "--data", str(built),
                                                   "--format", "json").output


def test_run_named_applies_the_timeout_to_a_build(built, cross_join):
    assert run_named("tickets", built, {}, timeout=60).rows == run_named("tickets", built, {}).rows
    start = time.monotonic()
    with pytest.raises(QueryError, match="timed out"):
        run_named(None, built, {}, file_=cross_join, timeout=0.5)
    assert time.monotonic() - start < 4


def test_errors_in_the_child_are_the_same_one_line_errors(built, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    for extra in ([], ["--timeout", "30"]):
        assert "syntax" in one_line_error(kg("query", "--file", str(bad), "--data", str(built), *extra))
        assert "no build here" in one_line_error(kg("query", "tickets", "--data", str(tmp_path / "none"), *extra))


def test_ctrl_c_during_the_wait_kills_and_reaps_the_query_process(built, cross_join):
    """In this process, which lives on: the child is killed by its parent, not by the kernel at the parent's death."""
    before = children()
    main = threading.main_thread().ident

    def press_ctrl_c() -> None:
        deadline = time.monotonic() + 30
        while not children() - before and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)
        signal.pthread_kill(main, signal.SIGINT)      # wakes the main thread's wait, as a Ctrl-C does

    presser = threading.Thread(target=press_ctrl_c)
    presser.start()
    start = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            run_named(None, built, {}, file_=cross_join, timeout=300)
    finally:
        presser.join()
    assert time.monotonic() - start < 30
    assert children() == before


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "-inf", "soon"])
def test_bad_timeout_values_are_usage_errors(built, value):
    r = kg("query", "tickets", "--data", str(built), "--timeout", value)
    assert r.exit_code == 2, r.output
    errors = [line for line in r.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "--timeout" in errors[0] and "seconds" in errors[0], r.output


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf")])
def test_run_named_refuses_a_bad_timeout(built, value):
    with pytest.raises(QueryError, match="time limit"):
        run_named("tickets", built, {}, timeout=value)


def start_kg(mark: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KG_TEST_MARK": mark}
    return subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for_child(proc: subprocess.Popen, mark: str) -> None:
    """Until kg has forked its query process (two processes carry the mark)."""
    deadline = time.monotonic() + 60
    while len(marked(mark)) < 2:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the query process did not start"
        time.sleep(0.05)


@pytest.mark.slow
def test_ctrl_c_stops_the_query_process_too(built, cross_join):
    mark = uuid.uuid4().hex
    proc = start_kg(mark, "query", "--file", str(cross_join), "--data", str(built), "--timeout", "300")
    try:
        wait_for_child(proc, mark)
        os.killpg(proc.pid, signal.SIGINT)       # what Ctrl-C does: SIGINT to the terminal's process group
        proc.communicate(timeout=10)
        assert proc.returncode != 0
        time.sleep(0.2)
        assert marked(mark) == []
    finally:
        for pid in marked(mark):
            os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_a_killed_kg_leaves_no_query_process_behind(built, cross_join):
    if not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux's")
    mark = uuid.uuid4().hex
    proc = start_kg(mark, "query", "--file", str(cross_join), "--data", str(built), "--timeout", "300")
    try:
        wait_for_child(proc, mark)
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 5
        while marked(mark) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marked(mark) == []
    finally:
        for pid in marked(mark):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
def test_the_console_script_stops_at_the_timeout_with_one_line(built, cross_join):
    mark = uuid.uuid4().hex
    start = time.monotonic()
    proc = start_kg(mark, "query", "--file", str(cross_join), "--data", str(built), "--timeout", "1")
    out, err = proc.communicate(timeout=60)
    elapsed = time.monotonic() - start
    assert proc.returncode == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("Error:") and "timed out" in err, err
    assert elapsed < 8, f"took {elapsed:.1f} s"
    assert marked(mark) == []


# --- on an endpoint ------------------------------------------------------------------------------

class Asleep(http.server.BaseHTTPRequestHandler):
    """Reads the request, then answers nothing until the test is over."""

    release = threading.Event()

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.release.wait(60)

    def log_message(self, *args):
        pass


def test_a_slow_endpoint_stops_at_the_timeout():
    handler = type("H", (Asleep,), {"release": threading.Event()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/query"
        start = time.monotonic()
        text = one_line_error(kg("query", "tickets", "--endpoint", url, "--timeout", "1"))
        assert time.monotonic() - start < 5
        assert "tickets.rq" in text and "1 s" in text and "timed out" in text, text
        assert "raise --timeout" in text and "--param" in text, text
    finally:
        handler.release.set()
        server.shutdown()
        server.server_close()


class Recorder(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers the saved query with ``rows`` rows and the probe with ``has_graph``
    (or HTTP 500 when it is None), and records each request's form fields."""

    rows = 0
    has_graph: bool | None = False
    seen: list[dict[str, list[str]]] = []

    def do_POST(self):  # noqa: N802
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode())
        self.seen.append(form)
        query = form["query"][0]
        if query.startswith("ASK"):
            if self.has_graph is None:
                return self.answer(500, b"probe trouble", "text/plain")
            body = b'{"head": {}, "boolean": %s}' % (b"true" if self.has_graph else b"false")
        else:
            bindings = ",".join(['{"x": {"type": "literal", "value": "1"}}'] * self.rows)
            body = b'{"head": {"vars": ["x"]}, "results": {"bindings": [%s]}}' % bindings.encode()
        self.answer(200, body, "application/sparql-results+json")

    def answer(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    with handler_servers() as serve:
        def start(rows: int, has_graph: bool | None):
            handler = type("H", (Recorder,), {"rows": rows, "has_graph": has_graph, "seen": []})
            return serve(handler) + "/query", handler.seen

        yield start


def test_rows_come_back_without_a_probe(recorder):
    url, seen = recorder(rows=2, has_graph=False)
    assert len(run_on_endpoint(url, "SELECT ?x WHERE { ?x ?p ?o }").rows) == 2
    assert len(seen) == 1 and seen[0]["default-graph-uri"] == [vocab.CONSOLIDATED_GRAPH]


def test_no_rows_and_no_consolidated_graph_is_named(recorder):
    url, seen = recorder(rows=0, has_graph=False)
    with pytest.raises(EndpointError, match="no pilkada-kg consolidated graph") as caught:
        run_on_endpoint(url, "SELECT ?x WHERE { ?x ?p ?o }")
    assert url in str(caught.value) and f"<{vocab.CONSOLIDATED_GRAPH}>" in str(caught.value)
    assert "kg push" in str(caught.value)
    assert len(seen) == 2 and "default-graph-uri" not in seen[1]      # the probe asks the server's own dataset


def test_no_rows_with_the_graph_or_a_failing_probe_is_an_empty_table(recorder):
    for has_graph in (True, None):
        url, seen = recorder(rows=0, has_graph=has_graph)
        assert run_on_endpoint(url, "SELECT ?x WHERE { ?x ?p ?o }").rows == ()
        assert len(seen) == 2


def test_a_query_with_its_own_dataset_is_sent_without_one(recorder):
    url, seen = recorder(rows=0, has_graph=False)
    assert run_on_endpoint(url, "SELECT ?x FROM <http://example.org/g> WHERE { ?x ?p ?o }").rows == ()
    assert len(seen) == 1 and set(seen[0]) == {"query"}


# --- on a real Oxigraph server -------------------------------------------------------------------

def put_graph(base: str, graph: str, ntriples: str) -> None:
    req = urllib.request.Request(f"{base}/store?graph={urllib.parse.quote(graph, safe='')}",
                                 data=ntriples.encode(), method="PUT",
                                 headers={"Content-Type": "application/n-triples"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.status in (200, 201, 204)


def test_an_empty_server_has_no_consolidated_graph():
    with running_oxigraph() as base:
        start = time.monotonic()
        text = one_line_error(kg("query", "tickets", "--endpoint", f"{base}/query", "--timeout", "20"))
        assert time.monotonic() - start < 20
        assert f"{base}/query" in text and "no pilkada-kg consolidated graph" in text, text
        assert vocab.CONSOLIDATED_GRAPH in text and f"kg push BUILD --endpoint {base}/query" in text, text


ARTICLE_GRAPH = vocab.GRAPH + "article/test"


@pytest.mark.parametrize("flags", [(), ("--union-default-graph",)], ids=["plain", "union-default-graph"])
def test_the_consolidated_graph_is_the_default_graph_whatever_the_server_says(flags, tmp_path):
    with running_oxigraph(*flags) as base:
        put_graph(base, vocab.CONSOLIDATED_GRAPH, "<http://example.org/a> <http://example.org/p> \"consolidated\" .\n")
        put_graph(base, ARTICLE_GRAPH, "<http://example.org/b> <http://example.org/p> \"article\" .\n")
        url = f"{base}/query"

        def rows(text: str) -> list[tuple[str, ...]]:
            f = tmp_path / "q.rq"
            f.write_text(text, encoding="utf-8")
            r = kg("query", "--file", str(f), "--endpoint", url, "--format", "tsv")
            assert r.exit_code == 0, r.output
            return [tuple(line.split("\t")) for line in r.output.splitlines()[1:]]

        # the default graph is the consolidated graph alone, not the union of the graphs
        assert rows("SELECT ?o WHERE { ?s ?p ?o }") == [("consolidated",)]
        # GRAPH ?g sees every graph but the union graph, the consolidated one too, as on the
        # embedded store (and as Virtuoso lists them whatever the request says)
        assert sorted(rows("SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } }")) == [
            (ARTICLE_GRAPH, "article"), (vocab.CONSOLIDATED_GRAPH, "consolidated")]
        both = rows(f"SELECT ?o WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH <{ARTICLE_GRAPH}> {{ ?s ?p ?o }} }} }} "
                    "ORDER BY ?o")
        assert both == [("article",), ("consolidated",)]
        # a query naming the consolidated graph gets it as a named graph too
        named = rows(f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g IN (<{vocab.CONSOLIDATED_GRAPH}>, "
                     f"<{ARTICLE_GRAPH}>)) }} ORDER BY ?g")
        assert named == [(ARTICLE_GRAPH,), (vocab.CONSOLIDATED_GRAPH,)]
        # an ad-hoc query's own dataset is kept (Oxigraph's --union-default-graph overrides a FROM itself)
        if not flags:
            assert rows(f"SELECT ?o FROM <{ARTICLE_GRAPH}> WHERE {{ ?s ?p ?o }}") == [("article",)]
        # no rows, but the server has the graph: an empty table, no error
        assert rows("SELECT ?o WHERE { ?s <http://example.org/none> ?o }") == []
