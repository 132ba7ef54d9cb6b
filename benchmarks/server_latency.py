#!/usr/bin/env python3
"""Median latency of every saved query: embedded store, an Oxigraph server, Virtuoso; asserts nothing.

    .venv/bin/python benchmarks/server_latency.py --data BUILD_DIR [--params typical.yaml] [-n 5]
                     [--query NAME …] [--no-virtuoso] [--timeout 60]

Starts a private Oxigraph server and, when it is installed, a private Virtuoso
(Debian's virtuoso-opensource; both on 127.0.0.1, see tests/servers.py), pushes
the build to each with `kg push`'s code, then runs each saved query as
`kg query` runs it: embedded (kg.query.service.run_named with the build folder,
which opens the store each time, as the CLI does) and on each server's query
URL. The catalogue and the term resolver are read once (run_named would parse
every query header, some 150 ms, on each call; the cached ones change no
answer); the embedded time still includes opening the store, as each `kg query`
does. Every query runs without parameters, and once with each typical value that
one of its parameters takes: a region (parameters named region), a party
(parameters of type party) and a person (parameters named person or speaker).
The typical values come from ``--params`` (YAML or JSON: ``{region: Kutim,
party: PDI-P, person: Kasmidi}``) and, for any it does not give, from the build:
the region, party and person that the articles' facts mention most.

Each cell is the median of N timed runs after one untimed warm-up run
(benchmarks/query_latency.median_seconds); a server's ratio is to the embedded
median. A server whose answer has another number of rows than the embedded
store's is marked "(N rows)"; a failed or timed-out query shows its error.
"""
from __future__ import annotations

import argparse
import functools
import sys
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from query_latency import median_seconds  # noqa: E402  (this folder is on sys.path as the script's own)

KINDS = ("region", "party", "person")
PREFIXES = """PREFIX pk: <https://w3id.org/pilkada-kg/ns#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# the most mentioned in the articles' facts (tickets, office holdings, statements), as an analyst would type it
# (checked with the resolver)
PICKS = {
    "region": "SELECT ?iri (COUNT(*) AS ?n) WHERE { { ?t a pk:Ticket ; pk:election/pk:region ?iri } "
              "UNION { ?h a pk:OfficeHolding ; pk:post/pk:jurisdiction ?iri } } "
              "GROUP BY ?iri ORDER BY DESC(?n) ?iri LIMIT 20",
    "party": "SELECT ?iri (COUNT(*) AS ?n) WHERE { ?t a pk:Ticket ; pk:backedBy ?iri } "
             "GROUP BY ?iri ORDER BY DESC(?n) ?iri LIMIT 20",
    "person": "SELECT ?iri (COUNT(*) AS ?n) WHERE { { ?x pk:holder ?iri } UNION { ?x pk:speaker ?iri } "
              "UNION { ?x pk:head|pk:deputy ?iri } } GROUP BY ?iri ORDER BY DESC(?n) ?iri LIMIT 20",
}
LABELS = ("SELECT ?label WHERE { VALUES ?iri { <%s> } "
          "{ ?iri foaf:name ?label } UNION { ?iri rdfs:label ?label } UNION { ?iri skos:prefLabel ?label } } LIMIT 5")


def typical_values(data: Path, given: dict[str, str]) -> dict[str, str]:
    """One region, party and person: the ones given, else the build's most mentioned (as a user would type them)."""
    from kg.graph.store import open_store
    from kg.query.run import run_on_store
    from kg.query.service import make_resolver

    store = open_store(data)
    resolve = make_resolver()
    out = {k: str(v) for k, v in given.items() if k in KINDS}
    for kind in KINDS:
        if kind in out:
            continue
        for row in run_on_store(store, PREFIXES + PICKS[kind]).rows:
            iri = row[0].value
            labels = [r[0].value for r in run_on_store(store, PREFIXES + LABELS % iri).rows]
            words = ([iri.rsplit("/", 1)[-1]] if kind != "person" else []) + labels
            found = next((w for w in words if kind == "person" or resolve(kind, w) == iri), None)
            if found:
                out[kind] = found
                break
    return out


def runs_for(catalogue: dict, names: list[str], values: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    runs = []
    for name in names:
        runs.append((name, {}))
        for kind in KINDS:
            if kind not in values:
                continue
            for p in catalogue[name].params:
                if ((kind == "region" and p.name == "region") or (kind == "party" and p.type == "party")
                        or (kind == "person" and p.name in {"person", "speaker"})):
                    runs.append((name, {p.name: values[kind]}))
                    break
    return runs


def read_params_file(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(doc, dict):
        raise SystemExit(f"{path}: expected a mapping like {{region: Kutim, party: PDI-P, person: Kasmidi}}")
    unknown = set(doc) - set(KINDS)
    if unknown:
        raise SystemExit(f"{path}: unknown keys {sorted(unknown)} (use {', '.join(KINDS)})")
    return {str(k): str(v) for k, v in doc.items()}


def timed(run, n: int):  # type: ignore[no-untyped-def]
    """(median seconds, rows) or (None, error text) when the query fails on this engine."""
    from kg.errors import KgError

    try:
        seconds, table = median_seconds(run, n)
    except KgError as err:
        return None, " ".join(err.message.split())[:110]
    return seconds, len(table.rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="a build folder made by `kg build --out DIR`")
    ap.add_argument("--params", type=Path, help="YAML/JSON {region: …, party: …, person: …} (typical values)")
    ap.add_argument("-n", type=int, default=5, help="timed runs per query and engine (median)")
    ap.add_argument("--query", action="append", help="only this saved query (repeatable)")
    ap.add_argument("--no-virtuoso", action="store_true", help="do not start Virtuoso even when installed")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds one remote query may take")
    args = ap.parse_args()

    from kg.query import service
    from kg.query.push import push_build
    from kg.query.service import run_named
    from tests import servers

    # run_named looks both up at each call: read the query files and the lexicon once, not per timed run
    service.catalog = functools.lru_cache(maxsize=None)(service.catalog)
    service.make_resolver = functools.lru_cache(maxsize=None)(service.make_resolver)
    catalogue = service.catalog()
    names = args.query or sorted(n for n in catalogue if "/" not in n)
    values = typical_values(args.data, read_params_file(args.params))
    print("typical values: " + ", ".join(f"{k}={v}" for k, v in values.items()), file=sys.stderr)
    runs = runs_for(catalogue, names, values)

    engines: dict[str, str] = {}              # engine → query URL
    absent: dict[str, str] = {}
    with ExitStack() as stack:
        kinds = [("oxigraph", servers.oxigraph_server)]
        if not args.no_virtuoso:
            kinds.append(("virtuoso", servers.virtuoso_server))
        for kind, start in kinds:
            t = time.perf_counter()
            try:
                server = stack.enter_context(start())
            except servers.ServerUnavailable as err:
                absent[kind] = str(err)
                print(f"{kind}: {err}", file=sys.stderr)
                continue
            started = time.perf_counter() - t
            t = time.perf_counter()
            report = push_build(args.data, store_url=server.store_url, timeout=600)
            print(f"{kind}: started in {started:.1f} s; pushed {len(report.graphs)} graphs "
                  f"({report.triples:,} triples) in {time.perf_counter() - t:.1f} s", file=sys.stderr)
            engines[kind] = server.query_url

        results = []
        for name, params in runs:
            local, rows = timed(lambda: run_named(name, args.data, params), args.n)
            cells = {}
            for kind, url in engines.items():
                cells[kind] = timed(lambda: run_named(name, None, params, endpoint=url, timeout=args.timeout),
                                    args.n)
            results.append((name, params, local, rows, cells))
            shown = "  ".join(f"{k} {fmt(v, rows, local)}" for k, v in cells.items())
            print(f"  {name:<20} {label(params):<22} {fmt((local, rows), None, None):>12}  {shown}",
                  file=sys.stderr, flush=True)

    columns = ["oxigraph"] + ([] if args.no_virtuoso else ["virtuoso"])
    print(f"\n| query | params | rows | embedded ms | "
          + " | ".join(f"{c} ms (× embedded)" for c in columns) + f" |   (median of {args.n})")
    print("|---|---|---:|---:|" + "---:|" * len(columns))
    for name, params, local, rows, cells in results:
        row = [name, label(params), str(rows) if local is not None else "", fmt((local, rows), None, None)]
        for c in columns:
            row.append(fmt(cells[c], rows, local) if c in cells else "not run: " + absent.get(c, "")[:40])
        print("| " + " | ".join(row) + " |")
    return 0


def label(params: dict[str, str]) -> str:
    return " ".join(f"{k}={v}" for k, v in params.items()) or "—"


def fmt(cell, rows, local) -> str:  # type: ignore[no-untyped-def]
    """'12.3 (4.1×)' for a server, '3.0' for the embedded store, the error text when it failed."""
    seconds, got = cell
    if seconds is None:
        return f"error: {got}"
    text = f"{seconds * 1000:.1f}"
    if local:
        text += f" ({seconds / local:.1f}×)"
    if rows is not None and got != rows:
        text += f" ({got} rows)"
    return text


if __name__ == "__main__":
    sys.exit(main())
