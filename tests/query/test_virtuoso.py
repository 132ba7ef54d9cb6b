"""Virtuoso (Debian's virtuoso-opensource 7.2) as a second remote server: `kg push`, then every saved query.

The build is pushed with the Graph Store protocol to a private Virtuoso
(tests/servers.py), and each saved query of the catalogue (the runs of
test_endpoint.catalogue_runs) runs through `kg query NAME --endpoint URL`; its rows
must be the embedded store's, up to the dialect differences that change no value
(:func:`reconcile`). A query Virtuoso refuses, or answers differently, fails here:
these failures are the point of the test, not to be marked as expected.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.query.endpoint import run_on_endpoint
from kg.query.push import graph_sizes as build_graph_sizes
from kg.query.push import graph_url
from kg.query.transport import parse_target, request

from .test_endpoint import catalogue_runs, normalized

pytestmark = [pytest.mark.endpoint, pytest.mark.slow]

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
SMALL_CHUNK = 300              # triples per request in the chunked push: the sample build's big graphs need several
CONSOLIDATED = "https://w3id.org/pilkada-kg/graph/consolidated"
QUERY_TIMEOUT = "30"           # seconds for one saved query on Virtuoso (the store answers in well under one)


def kg(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="session")
def virtuoso(built, virtuoso_server):
    """Virtuoso's query URL, with the build pushed."""
    r = kg("push", str(built), "--endpoint", virtuoso_server.query_url, "--store-url", virtuoso_server.store_url)
    assert r.exit_code == 0, r.output
    assert "pushed" in r.output and "/sparql-graph-crud" in r.output
    return virtuoso_server.query_url


def graph_sizes(url: str) -> dict[str, int]:
    table = run_on_endpoint(url, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {g.value: int(n.value) for g, n in table.rows}


def test_push_twice_replaces_each_graph(built, virtuoso, virtuoso_server):
    expected = build_graph_sizes(built)
    r = kg("push", str(built), "--store-url", virtuoso_server.store_url)
    assert r.exit_code == 0, r.output
    sizes = graph_sizes(virtuoso)
    assert {g: sizes.get(g) for g in expected} == expected


def test_push_in_chunks_gives_exactly_the_build(built, virtuoso, virtuoso_server):
    """Graphs bigger than --chunk go as a PUT and POSTs; the PUT drops what the graph held before."""
    expected = build_graph_sizes(built)
    assert max(expected.values()) > 3 * SMALL_CHUNK
    stray = f"<{CONSOLIDATED}#stray> <http://example.org/p> \"stray\" .\n".encode()
    request(parse_target(graph_url(virtuoso_server.store_url, CONSOLIDATED)), method="POST", body=stray,
            headers={"Content-Type": "application/n-triples"})
    assert graph_sizes(virtuoso)[CONSOLIDATED] == expected[CONSOLIDATED] + 1
    for _ in range(2):
        r = kg("push", str(built), "--store-url", virtuoso_server.store_url, "--chunk", str(SMALL_CHUNK))
        assert r.exit_code == 0, r.output
        sizes = graph_sizes(virtuoso)
        assert {g: sizes.get(g) for g in expected} == expected


def test_push_with_the_query_url_alone_names_the_store_url_to_give(built, virtuoso):
    r = kg("push", str(built), "--endpoint", virtuoso, "--timeout", "10")
    assert r.exit_code == 1
    assert "HTTP 501" in r.output and "0 graph(s) pushed" in r.output and "sparql-graph-crud" in r.output


@pytest.mark.parametrize("name,params", catalogue_runs(),
                         ids=[f"{n}-{'-'.join(p.values()) or 'all'}" for n, p in catalogue_runs()])
def test_virtuoso_gives_the_same_rows_as_the_embedded_store(built, virtuoso, name, params):
    args = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
    local = kg("query", name, "--data", str(built), "--format", "sparql-json", *args)
    remote = kg("query", name, "--endpoint", virtuoso, "--format", "sparql-json", "--timeout", QUERY_TIMEOUT, *args)
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    want = normalized(json.loads(local.output))
    got = reconcile(want, normalized(json.loads(remote.output)))
    assert got == want


def canonical(term: dict | None) -> dict | None:
    """xsd:boolean in its canonical form: Virtuoso writes a stored false/true as "0"/"1" (same value)."""
    if term and term.get("datatype") == XSD_BOOLEAN and term["value"] in {"0", "1"}:
        return {**term, "value": "true" if term["value"] == "1" else "false"}
    return term


def same_but_for_dialect(want: dict | None, got: dict | None) -> bool:
    """Two cells that differ only in a way Virtuoso's dialect does and no table shows.

    * a computed boolean as xsd:integer 0/1 (Virtuoso's SPARQL gives booleans no type of their own);
    * an absent value against an empty string: GROUP_CONCAT of no value is unbound on the
      embedded store and "" on Virtuoso (every table shows both as an empty cell);
    * a language tag against none, or in another case, on the same text: GROUP_CONCAT of
      tagged labels keeps their common tag on the embedded store and drops it on Virtuoso.
    """
    want, got = canonical(want), canonical(got)
    if want == got:
        return True
    # a boolean a query computes (BOUND, EXISTS, a comparison) comes back as xsd:integer 0/1 from Virtuoso
    if (want and got and want.get("datatype") == XSD_BOOLEAN and got.get("datatype") == XSD_INTEGER
            and got["value"] in {"0", "1"}):
        return want["value"] == ("true" if got["value"] == "1" else "false")
    empty = {"type": "literal", "value": ""}
    if (want is None and got == empty) or (got is None and want == empty):
        return True
    if not (want and got and want["type"] == got["type"] == "literal" and want["value"] == got["value"]
            and want.get("datatype") == got.get("datatype")):
        return False
    w, g = want.get("xml:lang"), got.get("xml:lang")
    return not w or not g or w.lower() == g.lower()


def reconcile(want: dict, got: dict) -> dict:
    """``got`` with each cell that differs from ``want`` only by the dialect replaced by ``want``'s.

    Rows are paired in order (the saved queries sort their rows); when the columns or the
    number of rows differ, ``got`` is returned as it is and the comparison shows it.
    """
    rows_w, rows_g = want["results"]["bindings"], got["results"]["bindings"]
    if want["head"]["vars"] != got["head"]["vars"] or len(rows_w) != len(rows_g):
        return got
    rows = []
    for w, g in zip(rows_w, rows_g):
        row = {}
        for var in want["head"]["vars"]:
            cell = w.get(var) if same_but_for_dialect(w.get(var), g.get(var)) else g.get(var)
            if cell is not None:
                row[var] = cell
        rows.append(row)
    return {**got, "results": {**got["results"], "bindings": rows}}
