"""Run a query on a remote SPARQL 1.1 endpoint (SPARQLWrapper: POST, JSON results, a timeout).

The answer is the same :class:`~kg.query.run.Table` as :func:`~kg.query.run.run_on_store`
gives, so rendering and tests do not care where a query ran. Every failure
(unreachable, timing out, an HTTP error, results that are not SPARQL 1.1 JSON)
becomes one :class:`~kg.errors.EndpointError` line.

Saved queries read the union of all graphs as the default graph: the server
must be configured so (Oxigraph ``--union-default-graph``, Fuseki
``unionDefaultGraph``; Virtuoso does it by default).

Credentials come from the environment, never from the command line:
``KG_ENDPOINT_USER`` and ``KG_ENDPOINT_PASSWORD`` (HTTP Basic).
"""
from __future__ import annotations

import base64
import os
import socket
from typing import Any

from kg.errors import EndpointError
from kg.query.run import Table, Term

USER_VAR = "KG_ENDPOINT_USER"
PASSWORD_VAR = "KG_ENDPOINT_PASSWORD"
DEFAULT_TIMEOUT = 60.0
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def credentials() -> tuple[str, str] | None:
    user = os.environ.get(USER_VAR)
    return (user, os.environ.get(PASSWORD_VAR, "")) if user else None


def basic_auth_header() -> dict[str, str]:
    """``Authorization`` header from the environment (empty when no user is set)."""
    cred = credentials()
    if cred is None:
        return {}
    token = base64.b64encode(f"{cred[0]}:{cred[1]}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}


def run_on_endpoint(url: str, text: str, timeout: float = DEFAULT_TIMEOUT, culprit: str = "query") -> Table:
    """POST a SELECT (or ASK) to ``url`` and return its rows."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    check_url(url)
    client = SPARQLWrapper(url)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setOnlyConneg(True)          # no format=json parameter: Oxigraph and Fuseki reject unknown ones
    client.setTimeout(max(1, round(timeout)))
    # SPARQLWrapper guesses the query type from the first keyword it sees, and its comment stripper misses
    # every other line of a comment block: a header mentioning "copy" or "add" made it send an UPDATE
    client.setQuery(strip_leading_comments(text))
    cred = credentials()
    if cred is not None:
        client.setCredentials(*cred)
    where = f"endpoint {url}"
    try:
        response = client.query()
        try:
            body = response.response.read()
        finally:
            response.response.close()
    except Exception as err:  # noqa: BLE001 — every transport failure becomes one line
        raise EndpointError(describe_failure(err, timeout), culprit=where, hint=hint_for(err)) from None
    return table_from_json(body, where)


def strip_leading_comments(text: str) -> str:
    """The query without the comment lines (a saved query's ``#+`` header) before its first statement."""
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
        i += 1
    return "".join(lines[i:])


def check_url(url: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise EndpointError("not an http(s) URL", culprit=url,
                            hint="give the endpoint's query URL, e.g. http://127.0.0.1:7878/query")


def describe_failure(err: BaseException, timeout: float) -> str:
    """One line saying what went wrong with a request."""
    import urllib.error

    from SPARQLWrapper import SPARQLExceptions as SE

    if isinstance(err, (TimeoutError, socket.timeout)) or "timed out" in str(err):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(err, urllib.error.HTTPError):
        return f"HTTP {err.code} {err.reason}" + _body_excerpt(err)
    if isinstance(err, SE.SPARQLWrapperException):
        msg = " ".join(str(err).split())
        return msg[:300]
    if isinstance(err, urllib.error.URLError):
        reason = err.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return f"no answer within {timeout:g} s (timed out)"
        if isinstance(reason, ConnectionRefusedError):
            return "connection refused (is the server running?)"
        return f"unreachable ({reason})"
    if isinstance(err, ConnectionError):
        return f"connection failed ({type(err).__name__})"
    if isinstance(err, OSError):
        return f"unreachable ({err})"
    return f"request failed ({type(err).__name__}: {' '.join(str(err).split())[:200]})"


def hint_for(err: BaseException) -> str | None:
    import urllib.error

    if isinstance(err, urllib.error.HTTPError) and err.code in (401, 403):
        return f"set {USER_VAR} and {PASSWORD_VAR}"
    if isinstance(err, urllib.error.URLError) and not isinstance(err, urllib.error.HTTPError):
        return "check the URL, or start a server with `kg serve DIR`"
    if isinstance(err, (TimeoutError, socket.timeout)) or "timed out" in str(err):
        return "raise --timeout, or narrow the query with --param"
    return None


def _body_excerpt(err: Any) -> str:
    try:
        text = err.read(300).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001
        return ""
    text = " ".join(text.split())
    return f": {text[:200]}" if text else ""


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
