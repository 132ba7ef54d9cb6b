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

Saved queries read the union of all graphs as the default graph: the server
must be configured so (Oxigraph ``--union-default-graph``, Fuseki
``unionDefaultGraph``; Virtuoso does it by default).

Credentials come from the environment, never from the command line:
``KG_ENDPOINT_USER`` and ``KG_ENDPOINT_PASSWORD`` (HTTP Basic), or from the
URL's user info.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from kg.errors import EndpointError
from kg.query.run import Table, Term
from kg.query.transport import DEFAULT_MAX_BYTES, parse_target, request

DEFAULT_TIMEOUT = 60.0
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULTS_JSON = "application/sparql-results+json"


def run_on_endpoint(url: str, text: str, timeout: float = DEFAULT_TIMEOUT, culprit: str = "query",
                    max_bytes: int = DEFAULT_MAX_BYTES) -> Table:
    """POST a SELECT (or ASK) to ``url`` and return its rows, all within ``timeout`` seconds."""
    target = parse_target(url)
    answer = request(target, method="POST", body=urlencode({"query": text}).encode("utf-8"),
                     headers={"Accept": f"{RESULTS_JSON}, application/json;q=0.5",
                              "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
                     timeout=timeout, max_bytes=max_bytes,
                     timeout_hint="raise --timeout, or narrow the query with --param")
    return table_from_json(answer.body, f"endpoint {target.shown}")


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
