#!/usr/bin/env python3
"""Build, validate, query and rebuild at scale; prints figures, asserts nothing.

    python3 benchmarks/build_scale.py --articles 1000 [--articles 10000 …] [--jobs N] [--keep DIR]

For each size: generates a synthetic corpus (../shared/bench/gen_corpus.py),
runs `kg build` in a subprocess (articles/s and peak RSS of the build and its
workers), reads the build's own timings (extract+validate+store, checks),
times each of the four contract queries on the embedded store (median of 5)
and the same query with rdflib over the same graph.trig (median of 3), and
times an incremental rebuild after one article changed.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
KG = str(Path(sys.executable).with_name("kg"))
QUERIES = ("tickets", "ticket-parties", "office-holders", "statements")


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MB of the command and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def query_latency(out: Path) -> dict[str, tuple[float, float | None]]:
    sys.path.insert(0, str(ROOT))
    from kg.graph.store import open_store, resolve_build_dir
    from kg.query.service import catalog

    cat = catalog()
    store = open_store(out)
    figures: dict[str, tuple[float, float | None]] = {}
    rdf = None
    trig = resolve_build_dir(out) / "graph.trig"
    if trig.stat().st_size < 400 * 2**20 and not os.environ.get("KG_BENCH_NO_RDFLIB"):
        import rdflib

        ds = rdflib.Dataset()
        ds.parse(str(trig), format="trig")
        rdf = rdflib.Graph()          # the union as one graph: rdflib's fastest query path
        for graph in ds.graphs():
            rdf += graph
    for name in QUERIES:
        text = cat[name].text
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            list(store.query(text, use_default_graph_as_union=True))
            runs.append(time.perf_counter() - t)
        rd = None
        if rdf is not None:
            rruns = []
            for _ in range(1 if len(rdf) > 100_000 else 3):
                t = time.perf_counter()
                list(rdf.query(text))
                rruns.append(time.perf_counter() - t)
            rd = statistics.median(rruns)
        figures[name] = (statistics.median(runs), rd)
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, action="append", help="corpus size (repeatable)")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--keep", type=Path, help="keep corpora and builds here")
    args = ap.parse_args()
    sizes = args.articles or [1000]
    base = args.keep or Path(tempfile.mkdtemp(prefix="kg-scale-"))
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; kg at {KG}")
    for n in sizes:
        corpus, out = base / f"corpus-{n}", base / f"build-{n}"
        if not corpus.exists():
            subprocess.run([sys.executable, str(GEN), str(corpus), "--articles", str(n)], check=True,
                           stdout=subprocess.DEVNULL)
        cmd = [KG, "build", str(corpus), "--out", str(out), "-q"] + (["-j", str(args.jobs)] if args.jobs else [])
        subprocess.run(["rm", "-rf", str(out)], check=True)
        wall, peak = timed(cmd)
        report = json.loads((out / "current" / "build-report.json").read_text())
        print(f"\n== {n} articles: {report['quads']:,} quads in article graphs")
        print(f"full build + validation: {wall:.1f} s wall ({n / wall:.0f} articles/s), peak RSS {peak:.0f} MB")
        print("  build stages (s): " + ", ".join(f"{k} {v}" for k, v in report["seconds"].items()))
        lat = query_latency(out)
        for name, (ox, rd) in lat.items():
            ratio = f", rdflib {rd * 1000:.0f} ms ({rd / ox:.0f}x slower)" if rd else ""
            print(f"  query {name:<15} oxigraph {ox * 1000:.1f} ms{ratio}")
        first = sorted(corpus.glob("*.txt"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nTambahan paragraf.", encoding="utf-8")
        wall2, _ = timed(cmd)
        print(f"incremental rebuild after one article changed: {wall2:.2f} s wall")
    if not args.keep:
        subprocess.run(["rm", "-rf", str(base)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
