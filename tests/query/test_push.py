"""`kg push` in chunks: a graph bigger than one chunk goes as a PUT and then POSTs.

On a real Oxigraph server (the server must end with exactly the build's triples,
and again after a second push), on a fake server (the methods sent, and the error
when a later chunk fails), and on the chunks themselves (blank nodes stay in one).
"""
from __future__ import annotations

import http.server
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import KgError
from kg.query.endpoint import run_on_endpoint
from kg.query.push import DEFAULT_CHUNK, graph_sizes, graph_url, push_build, read_named_graphs

from tests.servers import handler_servers

from .conftest import running_oxigraph

SMALL = 300        # triples per request in these tests: the sample build's bigger graphs need several
CONSOLIDATED = "https://w3id.org/pilkada-kg/graph/consolidated"


def kg(*args: str):
    return CliRunner().invoke(cli, list(args))


def server_sizes(query_url: str) -> dict[str, int]:
    table = run_on_endpoint(query_url, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {g.value: int(n.value) for g, n in table.rows}


def test_the_sample_build_has_graphs_of_several_chunks(built):
    sizes = graph_sizes(built)
    assert sizes[CONSOLIDATED] > 3 * SMALL
    assert sum(1 for n in sizes.values() if n > SMALL) >= 2


def test_chunks_hold_each_graph_exactly(built):
    sizes = graph_sizes(built)
    store = pyoxigraph.Store()
    seen: dict[str, list[int]] = {}
    for part in read_named_graphs(built, SMALL):
        seen.setdefault(part.graph, []).append(part.index)
        assert part.of == max(1, -(-sizes[part.graph] // SMALL))
        assert part.triples <= SMALL
        triples = list(pyoxigraph.parse(part.body, format=pyoxigraph.RdfFormat.N_TRIPLES))
        assert len(triples) == part.triples
        store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.NamedNode(part.graph))
                     for t in triples)
    assert {g: ix for g, ix in seen.items()} == {g: list(range(1, len(ix) + 1)) for g, ix in seen.items()}
    assert list(seen) == sorted(sizes)
    assert {g: len(list(store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(g)))) for g in sizes} == sizes


@pytest.mark.endpoint
@pytest.mark.slow
def test_push_in_chunks_to_oxigraph_gives_exactly_the_build(built):
    expected = graph_sizes(built)
    with running_oxigraph("--union-default-graph") as base:
        store_url = f"{base}/store"
        # a triple the build does not have, in a graph it has: the first chunk's PUT must drop it
        stray = f"<{CONSOLIDATED}#stray> <http://example.org/p> \"stray\" .\n".encode()
        from kg.query.transport import parse_target, request

        request(parse_target(graph_url(store_url, CONSOLIDATED)), method="POST", body=stray,
                headers={"Content-Type": "application/n-triples"})
        assert server_sizes(f"{base}/query")[CONSOLIDATED] == 1
        for _ in range(2):
            report = push_build(built, store_url=store_url, chunk=SMALL)
            assert dict(report.graphs) == expected
            assert report.requests == sum(max(1, -(-n // SMALL)) for n in expected.values())
            assert server_sizes(f"{base}/query") == expected


# --- a fake Graph Store: the requests sent, and a failure part-way through a graph -------------------

class Store(http.server.BaseHTTPRequestHandler):
    """Records (method, graph IRI, body size); answers 500 to the request numbered ``fail_at`` (from 1)."""

    calls: list
    fail_at = 0

    def handle_any(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        self.calls.append((self.command, self.path))
        status = 500 if len(self.calls) == self.fail_at else 204
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_POST = handle_any  # noqa: N815

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def fake_store():
    with handler_servers() as serve:
        def start(fail_at: int = 0) -> tuple[str, list]:
            handler = type("H", (Store,), {"calls": [], "fail_at": fail_at})
            return serve(handler) + "/store", handler.calls

        yield start


def test_each_graph_is_a_put_then_posts(built, fake_store):
    url, calls = fake_store()
    parts = [(p.graph, p.index) for p in read_named_graphs(built, SMALL)]
    push_build(built, store_url=url, chunk=SMALL)
    assert [m for m, _ in calls] == ["PUT" if i == 1 else "POST" for _, i in parts]


def test_a_failed_later_chunk_names_the_graph_the_chunk_and_what_is_on_the_server(built, fake_store):
    parts = list((p.graph, p.index, p.of) for p in read_named_graphs(built, SMALL))
    n = next(k for k, (_, i, of) in enumerate(parts, 1) if i == 3 and of > 3)      # a graph's third chunk
    graph, _, of = parts[n - 1]
    before = len({g for g, i, o in parts[: n - 3]})
    url, _ = fake_store(fail_at=n)
    r = kg("push", str(built), "--store-url", url, "--chunk", str(SMALL))
    text = r.output.strip()
    assert r.exit_code == 1 and text.startswith("Error:") and "\n" not in text, text
    assert f"pushing graph {graph} (chunk 3 of {of}) failed: HTTP 500" in text
    assert "its chunks 1-2 are on the server, so the graph is incomplete there" in text
    assert f"{before} graph(s) pushed before it" in text and "push again" in text


def test_a_failed_first_chunk_says_nothing_of_the_graph_is_on_the_server(built, fake_store):
    url, _ = fake_store(fail_at=1)
    r = kg("push", str(built), "--store-url", url, "--chunk", str(SMALL))
    assert r.exit_code == 1
    assert "0 graph(s) pushed before it" in r.output and "on the server" not in r.output


@pytest.mark.parametrize("value", ["0", "-5", "many", "1.5", ""])
def test_a_bad_chunk_size_is_one_line(built, value):
    r = kg("push", str(built), "--store-url", "http://127.0.0.1:9/store", "--chunk", value)
    text = r.output.strip()
    assert r.exit_code == 1 and text.startswith("Error: --chunk:") and "\n" not in text, text
    assert "whole number" in text
    with pytest.raises(KgError, match="--chunk"):
        push_build(built, store_url="http://127.0.0.1:9/store", chunk=0)


def test_the_default_chunk_size_is_the_one_the_help_shows():
    assert f"[default: {DEFAULT_CHUNK}]" in " ".join(kg("push", "--help").output.split())


# --- blank nodes: a blank node is one node only within one request ------------------------------

def test_triples_with_blank_nodes_stay_together_in_the_last_chunk(tmp_path: Path):
    g = pyoxigraph.NamedNode("http://example.org/g")
    ex = "http://example.org/"
    store = pyoxigraph.Store(str(tmp_path / "store"))
    b = pyoxigraph.BlankNode()
    quads = [pyoxigraph.Quad(pyoxigraph.NamedNode(f"{ex}s{i}"), pyoxigraph.NamedNode(f"{ex}p"),
                             pyoxigraph.Literal(str(i)), g) for i in range(7)]
    quads += [pyoxigraph.Quad(pyoxigraph.NamedNode(f"{ex}s0"), pyoxigraph.NamedNode(f"{ex}q"), b, g),
              pyoxigraph.Quad(b, pyoxigraph.NamedNode(f"{ex}p"), pyoxigraph.Literal("x"), g),
              pyoxigraph.Quad(b, pyoxigraph.NamedNode(f"{ex}p"), pyoxigraph.Literal("y"), g)]
    store.extend(quads)
    store.flush()
    del store
    parts = list(read_named_graphs(tmp_path, 3))
    assert [(p.index, p.of) for p in parts] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert sum(p.triples for p in parts) == 10
    last = list(pyoxigraph.parse(parts[-1].body, format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert sum(1 for t in last if isinstance(t.subject, pyoxigraph.BlankNode)
               or isinstance(t.object, pyoxigraph.BlankNode)) == 3
    assert len({t.subject.value for t in last if isinstance(t.subject, pyoxigraph.BlankNode)}) == 1
