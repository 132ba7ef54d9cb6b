"""Upload a build's named graphs to a remote store (SPARQL 1.1 Graph Store HTTP Protocol).

Each named graph of the build (one per article, the consolidated graph, the
reference graph, the ontology graph) is sent as N-Triples in chunks of at most
``chunk`` triples (:data:`DEFAULT_CHUNK`, ``kg push --chunk``): the first with
``PUT {store-url}?graph={IRI}``, which replaces that graph on the server, each
further one with ``POST`` to the same URL, which adds its triples to the graph.
Pushing twice leaves the same data. Graphs on the server that the build does
not have are left alone. The timeout bounds each request, not the push.

Chunks are serialised one at a time as they are sent, so memory stays at one
chunk whatever the graph's size. One request per graph does not scale: the
consolidated graph of 1,000 articles (936k triples, 141 MB of N-Triples) in one
PUT made Virtuoso 7.2 fail ("SR172: Transaction deadlocked") or give no answer
within 1,200 s, and cost the Oxigraph server 121 s of CPU (241 s for that one
request on a busy machine), since each request is one transaction. In chunks of
100,000 triples (about 15 MB) the same graph cost Oxigraph 38 s of CPU (10k: 58
s, 50k: 47 s, 200k: 57 s) and Virtuoso 16 s (15-20 s from 10k to 200k), each
request taking seconds, far within the timeout; hence :data:`DEFAULT_CHUNK`.
Chunks do not shorten one request: a graph's PUT, where the server drops the
triples the graph held. The Oxigraph server does that in one transaction:
re-pushing the 1k build, the consolidated graph's PUT took 92 s (of the default
120 s timeout) on a quiet machine and over 120 s on a busy one. Triples with a
blank node all go in their graph's last chunk, since a blank node means one
node only within one request's document.

A push that fails part-way names the graph and chunk that failed and what was
already pushed; a graph whose later chunk failed is incomplete on the server
until the next push replaces it.

The store URL is derived from the query URL for the usual servers:
``http://host:7878/query`` (Oxigraph) → ``http://host:7878/store``;
``http://host:3030/ds/query`` or ``…/ds/sparql`` (Fuseki) → ``…/ds/data``.
Other servers need ``store_url`` given explicitly, Virtuoso among them: its
query URL ``http://host:8890/sparql`` has the Graph Store endpoint
``http://host:8890/sparql-graph-crud`` beside it (writable once the SPARQL user
has SPARQL_UPDATE; ``/sparql-graph-crud-auth`` wants digest authentication,
which kg does not speak). A root ``/sparql`` is not taken for Virtuoso's,
since Oxigraph answers there too.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from kg.errors import EndpointError, KgError, redact_url
from kg.query.endpoint import DEFAULT_TIMEOUT
from kg.query.transport import Target, parse_target, request

NTRIPLES = "application/n-triples"
DEFAULT_CHUNK = 100_000            # triples per request (measured: see the module docstring)
PUSH_ANSWER_LIMIT = 2**20          # a PUT is answered with a status and at most a short message
# what a server answers a PUT to a path it has no Graph Store at (Virtuoso: 501 for /store)
NO_STORE_HERE = ("HTTP 404", "HTTP 405", "HTTP 501")


@dataclass(frozen=True, slots=True)
class Chunk:
    """Part ``index`` (from 1) of the ``of`` parts of a named graph, as an N-Triples body."""

    graph: str
    index: int
    of: int
    body: bytes
    triples: int


@dataclass(frozen=True, slots=True)
class PushReport:
    store_url: str
    graphs: tuple[tuple[str, int], ...]     # (graph IRI, triples) in push order
    requests: int = 0                       # PUTs and POSTs sent

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)


def derive_store_url(query_url: str) -> str:
    """The Graph Store endpoint next to a query endpoint (Oxigraph ``/store``, Fuseki ``/{ds}/data``)."""
    parse_target(query_url)
    parts = urlsplit(query_url)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if last not in {"query", "sparql"}:
        raise EndpointError("cannot tell the Graph Store URL from this query URL", culprit=redact_url(query_url),
                            hint="pass --store-url "
                                 "(Oxigraph: http://HOST:PORT/store, Fuseki: …/DATASET/data, "
                                 "Virtuoso: http://HOST:PORT/sparql-graph-crud)")
    store_path = "/store" if head == "" else f"{head}/data"
    return urlunsplit((parts.scheme, parts.netloc, store_path, "", ""))


def graph_url(store_url: str, graph: str) -> str:
    sep = "&" if "?" in store_url else "?"
    return f"{store_url}{sep}graph={quote(graph, safe='')}"


def graph_sizes(data: Path) -> dict[str, int]:
    """Triples in each named graph of the build at ``data`` (the graphs :func:`push_build` sends)."""
    from kg.graph.store import open_store

    store = open_store(data)
    return {g.value: _size_of(store, g) for g in _pushed_graphs(store)}


def _pushed_graphs(store):  # type: ignore[no-untyped-def]
    from kg import vocab

    # the union graph is the embedded store's own index of the others: the server's
    # union default graph (--union-default-graph, unionDefaultGraph) plays that part there
    return sorted((g for g in store.named_graphs() if g.value != vocab.UNION_GRAPH), key=lambda node: node.value)


def _size_of(store, graph) -> int:  # type: ignore[no-untyped-def]
    for row in store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=graph):
        return int(row[0].value)
    return 0


def check_chunk(chunk: object) -> int:
    """``chunk`` as a number of triples per request (a whole number ≥ 1), or KgError naming --chunk."""
    try:
        value = int(str(chunk).strip())
    except ValueError:
        value = 0
    if value < 1:
        raise KgError(f"not a number of triples per request: {str(chunk)!r}", culprit="--chunk",
                      hint=f"give a whole number of at least 1 (default {DEFAULT_CHUNK})")
    return value


def read_named_graphs(data: Path, chunk: int = DEFAULT_CHUNK) -> Iterator[Chunk]:
    """The chunks of every named graph of the build, graph by graph (sorted by IRI), as they are serialised.

    A graph of ``n`` triples comes in ``ceil(n / chunk)`` chunks (one for an empty
    graph) of at most ``chunk`` triples, except that every triple with a blank node
    goes in the graph's last chunk, all together: a blank node is local to the
    document it is in, so splitting its triples over two requests would make two
    nodes of it on the server. Only one chunk's triples (and a graph's blank-node
    triples) are in memory at a time.
    """
    import pyoxigraph

    from kg.graph.store import open_store

    chunk = check_chunk(chunk)
    store = open_store(data)
    for g in _pushed_graphs(store):
        total = max(1, -(-_size_of(store, g) // chunk))
        with_blanks: list = []

        def plain(g=g, with_blanks=with_blanks):  # type: ignore[no-untyped-def]
            for q in store.quads_for_pattern(None, None, None, g):
                t = q.triple
                if type(t.subject) is pyoxigraph.BlankNode or type(t.object) is pyoxigraph.BlankNode:
                    with_blanks.append(t)
                else:
                    yield t

        triples = plain()
        for index in range(1, total + 1):
            if index < total:
                part = list(itertools.islice(triples, chunk))
            else:
                part = list(triples)
                part += with_blanks
            body = pyoxigraph.serialize(part, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
            yield Chunk(g.value, index, total, body, len(part))


def send_chunk(store: Target, part: Chunk, timeout: float) -> None:
    """PUT a graph's first chunk (replacing the graph), POST each further one (adding to it);
    EndpointError (one line) when the request fails or takes longer than ``timeout``."""
    target = Target(graph_url(store.url, part.graph), store.shown, store.credentials)
    hint = "raise --timeout (it bounds each request), or lower --chunk"
    if part.index == 1:
        hint = ("raise --timeout (it bounds each request; a graph's first one, the PUT, also makes the server "
                "drop the graph's old triples, which can take minutes for a big graph), or lower --chunk")
    request(target, method="PUT" if part.index == 1 else "POST", body=part.body,
            headers={"Content-Type": NTRIPLES}, timeout=timeout, max_bytes=PUSH_ANSWER_LIMIT,
            timeout_hint=hint)


def push_build(data: Path, endpoint: str | None = None, store_url: str | None = None,
               timeout: float = DEFAULT_TIMEOUT, chunk: int = DEFAULT_CHUNK) -> PushReport:
    """Send every named graph of the build at ``data`` in chunks of at most ``chunk`` triples;
    EndpointError names the graph and chunk that failed and what was already pushed."""
    chunk = check_chunk(chunk)
    derived = store_url is None
    if store_url is None:
        if endpoint is None:
            raise EndpointError("give --endpoint (the query URL) or --store-url")
        store_url = derive_store_url(endpoint)
    store = parse_target(store_url, hint="give the Graph Store URL, e.g. http://127.0.0.1:7878/store")
    done: list[tuple[str, int]] = []
    requests = 0
    sent = 0                                    # triples of the current graph on the server
    for part in read_named_graphs(data, chunk):
        try:
            send_chunk(store, part, timeout)
        except EndpointError as err:
            raise _failed(err, part, done, store, derived and not done and part.index == 1) from None
        requests += 1
        sent = part.triples if part.index == 1 else sent + part.triples
        if part.index == part.of:
            done.append((part.graph, sent))
    return PushReport(store.shown, tuple(done), requests)


def _failed(err: EndpointError, part: Chunk, done: list[tuple[str, int]], store: Target,
            maybe_wrong_url: bool) -> EndpointError:
    where = f" (chunk {part.index} of {part.of})" if part.of > 1 else ""
    pushed = f"{len(done)} graph(s) pushed before it" + (f" (last: {done[-1][0]})" if done else "")
    if part.index > 1:
        on = "chunk 1 is" if part.index == 2 else f"chunks 1-{part.index - 1} are"
        pushed = f"its {on} on the server, so the graph is incomplete there; {pushed}"
    hint = err.hint or ("fix the server and push again (the first chunk of each graph replaces it, "
                        "so pushing twice is safe)")
    if maybe_wrong_url and err.message.startswith(NO_STORE_HERE):
        hint = ("the Graph Store URL was derived from the query URL: give the server's own with "
                "--store-url (Virtuoso: http://HOST:PORT/sparql-graph-crud)")
    return EndpointError(f"pushing graph {part.graph}{where} failed: {err.message}; {pushed}",
                         culprit=store.shown, hint=hint)
