"""Run a query on a remote SPARQL 1.1 endpoint (the SPARQL 1.1 Protocol: POST, JSON results).

The answer is the same :class:`~kg.query.run.Table` as :func:`~kg.query.run.run_on_store`
gives, so rendering and tests do not care where a query ran. Every failure
(unreachable, timing out, too large, an HTTP error, results that are not SPARQL 1.1 JSON)
becomes one :class:`~kg.errors.EndpointError` line, the URL's credentials redacted.

The request goes through :mod:`kg.query.transport` (urllib with a deadline over
the whole request, a size limit and credentials kept to their origin) rather
than SPARQLWrapper, whose transport gives none of the three: its timeout bounds
each socket read, it reads an answer of any size, and it forwards the
``Authorization`` header on a redirect to another host.

The query is always sent as a query (``query=``, never ``update=``): the caller
(:func:`kg.query.guard.check_read_only`) has refused updates before.

**The dataset is named in the request, so the server needs no configuration.**
Every query is sent with ``default-graph-uri=`` the build's consolidated graph
(:data:`kg.vocab.CONSOLIDATED_GRAPH`, which ``kg push`` uploads with the other
graphs), the SPARQL 1.1 Protocol's way to choose the default graph: the
server's own default graph (Oxigraph with or without ``--union-default-graph``,
Fuseki with or without ``unionDefaultGraph``, Virtuoso's union of every graph)
plays no part. A dataset named in the protocol also fixes the named graphs: with
``default-graph-uri`` alone there are none, and ``GRAPH ?g`` matches nothing
(so the Protocol says; so does the Oxigraph server, tested). A query with a ``GRAPH`` clause is therefore also
sent a ``named-graph-uri=`` for each graph of the server, listed first with one
query, except the consolidated graph and the union graph of older builds unless
the query names them (as the embedded store does; see
:func:`kg.query.run.dataset_of`). An ad-hoc query with a dataset of its own
(``FROM``, ``FROM NAMED``) is sent without either parameter, which would
override it.

A server without the consolidated graph (nothing pushed, or a build from
before it) is named, never a silent empty table: when a query sent so returns
no rows, one ``ASK`` asks whether the server has the graph at all, and
EndpointError says to push a build when it does not. Rows, or a failing
``ASK``, are returned as they are.

``timeout`` bounds all the requests of a query together (the list of graphs,
the query, the ``ASK``).

Credentials come from the environment, never from the command line:
``KG_ENDPOINT_USER`` and ``KG_ENDPOINT_PASSWORD`` (HTTP Basic), or from the
URL's user info.
"""
from __future__ import annotations

import time
from pathlib import PurePath
from typing import Any
from urllib.parse import urlencode

from kg import vocab
from kg.errors import EndpointError
from kg.query.guard import has_keyword, without_comments
from kg.query.run import Table, Term
from kg.query.transport import DEFAULT_MAX_BYTES, Target, parse_target, request

DEFAULT_TIMEOUT = 60.0
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULTS_JSON = "application/sparql-results+json"
TIMEOUT_HINT = "raise --timeout, or narrow the query with --param"
LIST_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
HAS_CONSOLIDATED = f"ASK {{ GRAPH <{vocab.CONSOLIDATED_GRAPH}> {{ ?s ?p ?o }} }}"
PROBE_MAX_BYTES = 1 << 16


def run_on_endpoint(url: str, text: str, timeout: float = DEFAULT_TIMEOUT, culprit: str = "query",
                    max_bytes: int = DEFAULT_MAX_BYTES) -> Table:
    """POST a SELECT (or ASK) to ``url``, the build's consolidated graph as the default graph, and return
    its rows, all within ``timeout`` seconds; EndpointError when the server has no consolidated graph."""
    target = parse_target(url)
    call = _Call(target, timeout, PurePath(culprit).name or culprit)
    if has_keyword(text, "FROM"):             # the query's own dataset: the protocol's would override it
        return call.post(text, [], max_bytes)
    dataset = [("default-graph-uri", vocab.CONSOLIDATED_GRAPH)]
    if has_keyword(text, "GRAPH"):
        dataset += [("named-graph-uri", g) for g in call.named_graphs(text, max_bytes)]
    table = call.post(text, dataset, max_bytes)
    if not table.rows and call.lacks_consolidated_graph():
        raise EndpointError(f"has no pilkada-kg consolidated graph (<{vocab.CONSOLIDATED_GRAPH}>), the default "
                            "graph of saved queries", culprit=f"endpoint {target.shown}",
                            hint=f"push a build made by this kg with `kg push BUILD --endpoint {target.shown}`")
    return table


class _Call:
    """The requests of one query to one endpoint, sharing one deadline."""

    def __init__(self, target: Target, timeout: float, subject: str) -> None:
        self.target = target
        self.timeout = timeout
        self.subject = subject
        self.end = time.monotonic() + timeout

    def post(self, text: str, dataset: list[tuple[str, str]], max_bytes: int) -> Table:
        body = urlencode([("query", text), *dataset]).encode("utf-8")
        answer = request(self.target, method="POST", body=body,
                         headers={"Accept": f"{RESULTS_JSON}, application/json;q=0.5",
                                  "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
                         timeout=max(0.001, self.end - time.monotonic()), max_bytes=max_bytes,
                         timeout_hint=TIMEOUT_HINT, subject=self.subject, limit=self.timeout)
        return table_from_json(answer.body, f"endpoint {self.target.shown}")

    def named_graphs(self, text: str, max_bytes: int) -> list[str]:
        """Every named graph of the server but the union graph (unless ``text`` names it), as on a build."""
        table = self.post(LIST_GRAPHS, [], max_bytes)
        code = without_comments(text)
        skip = {g for g in (vocab.UNION_GRAPH,) if f"<{g}>" not in code}
        return sorted({row[0].value for row in table.rows
                       if row and row[0] is not None and row[0].type == "uri" and row[0].value not in skip})

    def lacks_consolidated_graph(self) -> bool:
        """True when the server says it has no consolidated graph; False when it has one or cannot say."""
        try:
            table = self.post(HAS_CONSOLIDATED, [], PROBE_MAX_BYTES)
        except EndpointError:
            return False
        return table.columns == ("result",) and len(table.rows) == 1 and table.rows[0][0] is not None \
            and table.rows[0][0].value == "false"


def table_from_json(body: bytes, where: str = "endpoint") -> Table:
    """A :class:`Table` from SPARQL 1.1 Query Results JSON, or EndpointError when it is not that."""
    import json

    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError) as err:
        raise EndpointError(f"malformed results: not JSON ({str(err).splitlines()[0][:120]})", culprit=where,
                            hint="is this URL a SPARQL query endpoint?") from None
    try:
        if isinstance(doc.get("boolean"), bool):
            return Table(("result",), ((Term("literal", str(doc["boolean"]).lower(),
                                              "http://www.w3.org/2001/XMLSchema#boolean"),),))
        columns = tuple(str(v) for v in doc["head"]["vars"])
        rows = tuple(tuple(term_from_json(b.get(c)) for c in columns) for b in doc["results"]["bindings"])
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise EndpointError(f"malformed results: not SPARQL 1.1 JSON results ({type(err).__name__}: {err})",
                            culprit=where) from None
    return Table(columns, rows)


def term_from_json(value: Any) -> Term | None:
    if value is None:
        return None
    kind = value["type"]
    text = value["value"]
    if not isinstance(text, str):
        raise ValueError(f"value {text!r} is not a string")
    if kind == "uri":
        return Term("uri", text)
    if kind == "bnode":
        return Term("bnode", text)
    if kind in {"literal", "typed-literal"}:
        dtype = value.get("datatype")
        lang = value.get("xml:lang")
        if lang or dtype == XSD_STRING:
            dtype = None
        return Term("literal", text, dtype, lang)
    raise ValueError(f"unknown term type {kind!r}")
