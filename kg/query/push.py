"""Upload a build's named graphs to a remote store (SPARQL 1.1 Graph Store HTTP Protocol).

Each named graph of the build (one per article, the reference graph, the
ontology graph) is sent as N-Triples with ``PUT {store-url}?graph={IRI}``,
which replaces that graph on the server: pushing twice leaves the same data.
Graphs on the server that the build does not have are left alone.

The store URL is derived from the query URL for the usual servers:
``http://host:7878/query`` (Oxigraph) → ``http://host:7878/store``;
``http://host:3030/ds/query`` or ``…/ds/sparql`` (Fuseki) → ``…/ds/data``.
Other servers need ``store_url`` given explicitly.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from kg.errors import EndpointError
from kg.query.endpoint import DEFAULT_TIMEOUT, basic_auth_header, check_url, describe_failure, hint_for

NTRIPLES = "application/n-triples"


@dataclass(frozen=True, slots=True)
class PushReport:
    store_url: str
    graphs: tuple[tuple[str, int], ...]     # (graph IRI, triples) in push order

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)


def derive_store_url(query_url: str) -> str:
    """The Graph Store endpoint next to a query endpoint (Oxigraph ``/store``, Fuseki ``/{ds}/data``)."""
    check_url(query_url)
    parts = urlsplit(query_url)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if last not in {"query", "sparql"}:
        raise EndpointError("cannot tell the Graph Store URL from this query URL", culprit=query_url,
                            hint="pass --store-url "
                                 "(Oxigraph: http://HOST:PORT/store, Fuseki: …/DATASET/data)")
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


def put_graph(url: str, body: bytes, timeout: float) -> None:
    headers = {"Content-Type": NTRIPLES, **basic_auth_header()}
    req = urllib.request.Request(url, data=body, method="PUT", headers=headers)
    with urllib.request.urlopen(req, timeout=timeout) as resp:    # noqa: S310 — http(s) checked above
        resp.read()


def push_build(data: Path, endpoint: str | None = None, store_url: str | None = None,
               timeout: float = DEFAULT_TIMEOUT) -> PushReport:
    """PUT every named graph of the build at ``data``; EndpointError names the graphs already pushed."""
    if store_url is None:
        if endpoint is None:
            raise EndpointError("give --endpoint (the query URL) or --store-url")
        store_url = derive_store_url(endpoint)
    check_url(store_url)
    done: list[tuple[str, int]] = []
    for iri, body, count in read_named_graphs(data):
        try:
            put_graph(graph_url(store_url, iri), body, timeout)
        except (urllib.error.URLError, OSError, ValueError) as err:
            pushed = f"{len(done)} graph(s) pushed before it" + (f" (last: {done[-1][0]})" if done else "")
            raise EndpointError(f"pushing graph {iri} failed: {describe_failure(err, timeout)}; {pushed}",
                                culprit=store_url, hint=hint_for(err) or "fix the server and push again "
                                "(each graph is replaced, so pushing twice is safe)") from None
        done.append((iri, count))
    return PushReport(store_url, tuple(done))
