"""Upload a build's named graphs to a remote store (SPARQL 1.1 Graph Store HTTP Protocol).

Each named graph of the build (one per article, the reference graph, the
ontology graph) is sent as N-Triples with ``PUT {store-url}?graph={IRI}``,
which replaces that graph on the server: pushing twice leaves the same data.
Graphs on the server that the build does not have are left alone.

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

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from kg.errors import EndpointError, redact_url
from kg.query.endpoint import DEFAULT_TIMEOUT
from kg.query.transport import Target, parse_target, request

NTRIPLES = "application/n-triples"
PUSH_ANSWER_LIMIT = 2**20          # a PUT is answered with a status and at most a short message
# what a server answers a PUT to a path it has no Graph Store at (Virtuoso: 501 for /store)
NO_STORE_HERE = ("HTTP 404", "HTTP 405", "HTTP 501")


@dataclass(frozen=True, slots=True)
class PushReport:
    store_url: str
    graphs: tuple[tuple[str, int], ...]     # (graph IRI, triples) in push order

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


def read_named_graphs(data: Path) -> list[tuple[str, bytes, int]]:
    """(graph IRI, N-Triples bytes, triple count) for every named graph of the build, sorted by IRI."""
    import pyoxigraph

    from kg.graph.store import open_store

    from kg import vocab

    store = open_store(data)
    out = []
    # the union graph is the embedded store's own index of the others: the server's
    # union default graph (--union-default-graph, unionDefaultGraph) plays that part there
    for g in sorted((g for g in store.named_graphs() if g.value != vocab.UNION_GRAPH), key=lambda node: node.value):
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, g)]
        body = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
        out.append((g.value, body, len(triples)))
    return out


def put_graph(store: Target, graph: str, body: bytes, timeout: float) -> None:
    """PUT one graph; EndpointError (one line) when it fails or takes longer than ``timeout``."""
    target = Target(graph_url(store.url, graph), store.shown, store.credentials)
    request(target, method="PUT", body=body, headers={"Content-Type": NTRIPLES}, timeout=timeout,
            max_bytes=PUSH_ANSWER_LIMIT, timeout_hint="raise --timeout (it bounds each graph)")


def push_build(data: Path, endpoint: str | None = None, store_url: str | None = None,
               timeout: float = DEFAULT_TIMEOUT) -> PushReport:
    """PUT every named graph of the build at ``data``; EndpointError names the graphs already pushed."""
    derived = store_url is None
    if store_url is None:
        if endpoint is None:
            raise EndpointError("give --endpoint (the query URL) or --store-url")
        store_url = derive_store_url(endpoint)
    store = parse_target(store_url, hint="give the Graph Store URL, e.g. http://127.0.0.1:7878/store")
    done: list[tuple[str, int]] = []
    for iri, body, count in read_named_graphs(data):
        try:
            put_graph(store, iri, body, timeout)
        except EndpointError as err:
            pushed = f"{len(done)} graph(s) pushed before it" + (f" (last: {done[-1][0]})" if done else "")
            hint = err.hint or "fix the server and push again (each graph is replaced, so pushing twice is safe)"
            if derived and not done and err.message.startswith(NO_STORE_HERE):
                hint = ("the Graph Store URL was derived from the query URL: give the server's own with "
                        "--store-url (Virtuoso: http://HOST:PORT/sparql-graph-crud)")
            raise EndpointError(f"pushing graph {iri} failed: {err.message}; {pushed}", culprit=store.shown,
                                hint=hint) from None
        done.append((iri, count))
    return PushReport(store.shown, tuple(done))
