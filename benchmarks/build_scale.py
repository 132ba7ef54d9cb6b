#!/usr/bin/env python3
"""Build, validate, query and rebuild at scale; prints figures, asserts nothing.

    python3 benchmarks/build_scale.py --articles 1000 [--articles 10000 …] [--jobs N] [--keep DIR]

For each size: generates a synthetic corpus (../shared/bench/gen_corpus.py),
runs `kg build` in a subprocess (articles/s and peak RSS of the build and its
workers), reads the build's own timings (extract+validate+store, checks),
times each of the four contract queries as `kg query` runs them (median of 5)
and the same bound query with rdflib over the same graph.trig (one run, in a
child process stopped after --rdflib-limit seconds or 8 GB), and
times an incremental rebuild after one article changed.
"""
from __future__ import annotations

import argparse
import json
import os
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


# runs the kg CLI and prints its own peak RSS and the largest of its worker processes' (both in KB)
PEAKS = """import atexit, resource, sys
def peaks():
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"KG-PEAK-RSS {own.ru_maxrss} {kids.ru_maxrss}", file=sys.stderr)
atexit.register(peaks)
from kg.cli import main
sys.argv[0] = "kg"
main()
"""


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MB of the build process, peak RSS MB of its largest worker) of a `kg` command."""
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAKS, *cmd[1:]], check=True, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("KG-PEAK-RSS"))
    own, workers = (int(x) / 1024 for x in line.split()[1:3])
    return wall, own, workers


def query_latency(out: Path, rdflib_limit: float) -> dict[str, tuple[float, float | None, bool]]:
    """Median of 5 runs of each contract query as `kg query` runs it (parameters bound, the union graph as
    default graph, rows converted), and one run of the same bound text with rdflib over graph.trig.

    rdflib runs in a forked child with a time limit and a 8 GB address-space limit: on sub-selects it
    can take minutes and tens of GB. A query it does not finish gives (limit, True): rdflib is at
    least that slow.
    """
    sys.path.insert(0, str(ROOT))
    from kg.graph.store import open_store, resolve_build_dir
    from kg.query.params import bind_params
    from kg.query.run import run_on_store
    from kg.query.service import catalog, make_resolver

    cat = catalog()
    store = open_store(out)
    figures: dict[str, tuple[float, float | None, bool]] = {}
    rdf = None
    trig = resolve_build_dir(out) / "graph.trig"
    if trig.stat().st_size < 400 * 2**20 and not os.environ.get("KG_BENCH_NO_RDFLIB"):
        import rdflib

        ds = rdflib.Dataset()
        ds.parse(str(trig), format="trig")
        rdf = rdflib.Graph()          # the union as one graph: rdflib's fastest query path
        for graph in ds.graphs():
            rdf += graph
        del ds
    resolver = make_resolver()
    for name in QUERIES:
        text = bind_params(cat[name], {}, resolver)
        run_on_store(store, text)                       # warm-up
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            run_on_store(store, text)
            runs.append(time.perf_counter() - t)
        rd, capped = (None, False) if rdf is None else _rdflib_seconds(rdf, text, rdflib_limit)
        figures[name] = (statistics.median(runs), rd, capped)
    return figures


def _rdflib_seconds(rdf: object, text: str, limit: float) -> tuple[float | None, bool]:
    import multiprocessing as mp
    import resource

    ctx = mp.get_context("fork")
    queue = ctx.Queue()

    def child() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))
        t = time.perf_counter()
        try:
            list(rdf.query(text))  # type: ignore[attr-defined]
        except MemoryError:
            queue.put(None)
            return
        queue.put(time.perf_counter() - t)

    proc = ctx.Process(target=child)
    proc.start()
    proc.join(limit)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return limit, True
    seconds = queue.get() if not queue.empty() else None
    return (seconds, False) if seconds is not None else (None, False)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, action="append", help="corpus size (repeatable)")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--keep", type=Path, help="keep corpora and builds here")
    ap.add_argument("--rdflib-limit", type=float, default=120.0, help="seconds before an rdflib query is stopped")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
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
        wall, peak, workers = timed(cmd)
        report = json.loads((out / "current" / "build-report.json").read_text())
        print(f"\n== {n} articles: {report['quads']:,} quads in article graphs")
        print(f"full build + validation: {wall:.1f} s wall ({n / wall:.0f} articles/s), peak RSS {peak:.0f} MB "
              f"(build process; largest worker {workers:.0f} MB)")
        print("  build stages (s): " + ", ".join(f"{k} {v}" for k, v in report["seconds"].items()))
        lat = query_latency(out, args.rdflib_limit)
        for name, (ox, rd, capped) in lat.items():
            ratio = "" if rd is None else (f", rdflib > {rd:.0f} s (stopped; at least {rd / ox:.0f}x slower)" if capped
                                           else f", rdflib {rd * 1000:.0f} ms ({rd / ox:.0f}x slower)")
            print(f"  query {name:<15} oxigraph {ox * 1000:.1f} ms{ratio}", flush=True)
        walls = []
        for i, article in enumerate(sorted(corpus.glob("*.txt"))[:3]):      # three rebuilds: the median
            article.write_text(article.read_text(encoding="utf-8") + f"\nTambahan paragraf {i}.", encoding="utf-8")
            wall2, peak2, _ = timed(cmd)
            walls.append(wall2)
            report = json.loads((out / "current" / "build-report.json").read_text())
            print(f"incremental rebuild after one article changed: {wall2:.2f} s wall, peak RSS {peak2:.0f} MB; "
                  "stages (s): " + ", ".join(f"{k} {v}" for k, v in report["seconds"].items()))
        print(f"incremental rebuild, median of {len(walls)}: {statistics.median(walls):.2f} s wall")
    if not args.keep:
        subprocess.run(["rm", "-rf", str(base)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
