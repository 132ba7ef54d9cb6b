#!/usr/bin/env python3
"""Median latency of every saved query on an existing build, and the rdflib ratio; asserts nothing.

    .venv/bin/python benchmarks/query_latency.py BUILD_DIR [-n 5] [--query NAME …] [--param NAME:k=v …]
                     [--typical] [--budget S] [--no-rdflib] [--rdflib-runs 1] [--dump rows.json]

Each query runs as `kg query NAME --data BUILD_DIR` runs it (parameters bound
by kg.query.params, the dataset chosen by kg.query.run.dataset_of), N times on
the embedded store after one warm-up run; the table gives the median. The same
bound text then runs with rdflib over the build's consolidated graph (what the
saved queries read), loaded as one rdflib Graph (rdflib's fastest query path).
``--dump`` writes every query's rows (as `kg query --format json` values) to a
JSON file, to check that a rewritten query returns exactly the same rows.

``--typical`` runs each query with a typical parameter instead of the whole
table: the one region, party, person, theme, outlet or article the issue's
targets speak of, picked from the build itself (the region with most
elections, the party backing most tickets, the speaker with most statements,
…; see :data:`TYPICAL`), and printed with the figures. ``--budget S`` stops
timing a query whose warm-up run took more than S seconds (its one run is
reported, marked ``>``), so that one slow query does not hold up the rest.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def parse_param_specs(specs: list[str]) -> dict[str, dict[str, str]]:
    """``NAME:k=v`` options as {query name: {k: v}}."""
    params: dict[str, dict[str, str]] = {}
    for spec in specs:
        qname, _, kv = spec.partition(":")
        k, _, v = kv.partition("=")
        params.setdefault(qname, {})[k] = v
    return params


# the parameter(s) a typical call of each saved query binds (issue 17: one region, party or person)
TYPICAL: dict[str, tuple[str, ...]] = {
    "acting-officials": ("region",), "articles": ("outlet",), "claim-confidence": ("article",),
    "conflicts": ("region",), "data-summary": ("article",), "events": ("region",),
    "incumbents-running": ("region",), "multiple-roles": ("person",), "office-holders": ("region",),
    "office-on-date": ("region",), "party-footprint": ("party",), "party-pairs": ("party",),
    "person-profile": ("person",), "provenance": ("about",), "province-rollup": ("province",),
    "revotes": ("region",), "single-outlet-facts": ("outlet",), "statement-roles": ("speaker",),
    "statements-by-theme": ("theme",), "statements": ("theme",), "ticket-parties": ("region",),
    "tickets": ("region",), "official-disagreements": ("region",),
}

_PK = "PREFIX pk: <https://w3id.org/pilkada-kg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " \
      "PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX schema: <https://schema.org/> "
# value name -> a query whose first row's first column is the typical value in the build
_PICK = {
    "region": "SELECT ?v (COUNT(?e) AS ?n) WHERE { ?e pk:region ?r . ?r pk:kemendagriCode ?v } GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
    "province": "SELECT ?v (COUNT(?e) AS ?n) WHERE { ?e pk:region ?r . ?r pk:province ?p . ?p pk:kemendagriCode ?v } "
                "GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
    "party": "SELECT ?v (COUNT(?t) AS ?n) WHERE { ?t pk:backedBy ?p . BIND(STRAFTER(STR(?p), '/id/party/') AS ?v) } "
             "GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
    "person": "SELECT ?v (COUNT(?s) AS ?n) WHERE { ?s pk:speaker ?p . ?p foaf:name ?v } GROUP BY ?v "
              "ORDER BY DESC(?n) ?v LIMIT 1",
    "theme": "SELECT ?v (COUNT(?s) AS ?n) WHERE { ?s pk:theme ?t . BIND(STRAFTER(STR(?t), '/id/theme/') AS ?v) } "
             "GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
    "outlet": "SELECT ?v (COUNT(?a) AS ?n) WHERE { ?a schema:publisher ?o . ?o rdfs:label ?l . BIND(STR(?l) AS ?v) } GROUP BY ?v "
              "ORDER BY DESC(?n) ?v LIMIT 1",
    "article": "SELECT ?v WHERE { ?a pk:fileName ?v } ORDER BY ?v LIMIT 1",
    "about": "SELECT ?v WHERE { ?v a pk:Ticket ; pk:head ?h } ORDER BY ?v LIMIT 1",
}


def typical_params(store, names: list[str]) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    """{query: {param: value}}: each query's TYPICAL parameters with values picked from the build."""
    from kg.query.run import run_on_store

    picked: dict[str, str] = {}
    for kind, text in _PICK.items():
        rows = run_on_store(store, _PK + text, culprit=f"typical {kind}").rows
        if rows and rows[0][0] is not None:
            picked[kind] = rows[0][0].value
    alias = {"speaker": "person"}
    out: dict[str, dict[str, str]] = {}
    for name in names:
        chosen = {p: picked[alias.get(p, p)] for p in TYPICAL.get(name, ()) if alias.get(p, p) in picked}
        out[name] = chosen
    return out


def median_seconds(run, n: int, warm_up: bool = True, budget: float | None = None):  # type: ignore[no-untyped-def]
    """(median seconds of ``n`` calls of ``run()``, the warm-up call's result); one untimed warm-up first.

    When the warm-up took more than ``budget`` seconds, its time is returned negated (not timed again).
    """
    t = time.perf_counter()
    result = run() if warm_up else None
    if warm_up and budget is not None and time.perf_counter() - t > budget:
        return -(time.perf_counter() - t), result
    times = []
    for _ in range(n):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def shown_ms(seconds: float) -> str:
    """Milliseconds; a negative time (one run past the budget) as ``>`` that run."""
    return f">{-seconds * 1000:.0f}" if seconds < 0 else f"{seconds * 1000:.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build", type=Path, help="a build folder made by `kg build --out DIR`")
    ap.add_argument("-n", type=int, default=5, help="timed runs per query on the store (median)")
    ap.add_argument("--query", action="append", help="only this saved query (repeatable)")
    ap.add_argument("--param", action="append", default=[], help="NAME:k=v, a parameter for query NAME")
    ap.add_argument("--typical", action="store_true",
                    help="run each query with a typical parameter picked from the build (see TYPICAL)")
    ap.add_argument("--budget", type=float, help="stop timing a query whose warm-up took more than this (s)")
    ap.add_argument("--no-rdflib", action="store_true", help="skip the rdflib comparison")
    ap.add_argument("--rdflib-runs", type=int, default=1)
    ap.add_argument("--rdflib-timeout", type=float, default=120.0,
                    help="skip rdflib for the remaining runs of a query slower than this (s)")
    ap.add_argument("--rdflib-queries", type=Path,
                    help="run rdflib on the .rq files of this folder (same names) instead of the saved "
                         "queries, e.g. an older version of queries/ to compare with rdflib's best plan")
    ap.add_argument("--dump", type=Path, help="write the rows of every query to this JSON file")
    args = ap.parse_args()

    from kg.graph.store import open_store, resolve_build_dir
    from kg.query.params import bind_params
    from kg.query.run import dataset_of, run_on_store
    from kg.query.service import catalog, make_resolver

    cat = catalog()
    names = args.query or sorted(n for n in cat if "/" not in n)
    params = parse_param_specs(args.param)
    resolver = make_resolver()
    store = open_store(args.build)
    if args.typical:
        for name, values in typical_params(store, names).items():
            params[name] = {**values, **params.get(name, {})}
    texts = {n: bind_params(cat[n], params.get(n, {}), resolver) for n in names}
    rd_texts = dict(texts)
    if args.rdflib_queries:
        from kg.query.catalog import load_query

        rd_texts = {n: bind_params(load_query(args.rdflib_queries / f"{n}.rq", n), params.get(n, {}),
                                   resolver) for n in names}

    n_quads = len(store)
    ds = dataset_of(store)
    print(f"build: {resolve_build_dir(args.build)}  ({n_quads:,} quads in the store, "
          f"{'union graph' if 'default_graph' in ds else 'default graph as union'})")

    ox: dict[str, float] = {}
    rows: dict[str, int] = {}
    dumped: dict[str, list[dict[str, str]]] = {}
    for name in names:
        ox[name], table = median_seconds(lambda: run_on_store(store, texts[name], culprit=name), args.n,
                                         budget=args.budget)
        rows[name] = len(table.rows)                                    # the warm-up run's rows
        if args.dump:
            dumped[name] = table.values()
        print(f"  {name:<20} {shown_ms(ox[name]):>10} ms  {rows[name]:>7} rows  {params.get(name) or ''}",
              file=sys.stderr, flush=True)

    rd: dict[str, float | None] = {n: None for n in names}
    rd_rows: dict[str, int | None] = {n: None for n in names}
    if not args.no_rdflib:
        import rdflib

        import pyoxigraph

        from kg import vocab

        t = time.perf_counter()
        # what the saved queries read: the build's consolidated graph (derived, so not in graph.trig),
        # as one rdflib Graph
        consolidated = pyoxigraph.NamedNode(vocab.CONSOLIDATED_GRAPH)
        body = pyoxigraph.serialize((q.triple for q in store.quads_for_pattern(None, None, None, consolidated)),
                                    format=pyoxigraph.RdfFormat.N_TRIPLES)
        graph = rdflib.Graph()
        graph.parse(data=body, format="nt")
        print(f"rdflib: {len(graph):,} triples loaded in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        for name in names:
            runs = []
            for _ in range(args.rdflib_runs):
                t = time.perf_counter()
                result = list(graph.query(rd_texts[name]))
                runs.append(time.perf_counter() - t)
                rd_rows[name] = len(result)
                if runs[-1] > args.rdflib_timeout:
                    break
            rd[name] = statistics.median(runs)
            print(f"  {name:<20} rdflib {rd[name] * 1000:9.1f} ms", file=sys.stderr, flush=True)

    print(f"\n| query | parameters | rows | oxigraph median ms (n={args.n}) | rdflib ms | rdflib ÷ oxigraph |")
    print("|---|---|---:|---:|---:|---:|")
    for name in names:
        r = rd[name]
        note = "" if rd_rows[name] in (None, rows[name]) else f" (rdflib {rd_rows[name]} rows)"
        rd_ms = "" if r is None else f"{r * 1000:.0f}"
        ratio = "" if r is None else f"{r / abs(ox[name]):.0f}×"
        shown = ", ".join(f"{k}={v}" for k, v in (params.get(name) or {}).items()) or "(whole table)"
        print(f"| {name} | {shown} | {rows[name]} | {shown_ms(ox[name])} | {rd_ms} | {ratio}{note} |")
    if args.dump:
        args.dump.write_text(json.dumps(dumped, ensure_ascii=False, indent=0, sort_keys=True),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
