"""Time the export of a network from a large build (issue 6: party–ticket, 10,000 articles, aim ≤ 5 s).

    .venv/bin/python benchmarks/export_network.py [BUILD] [--articles 10000] [--network party-ticket] [--format gexf]

Without BUILD, the script generates a synthetic corpus with
``../shared/bench/gen_corpus.py`` and builds it (minutes for 10,000 articles)
into ``$TMPDIR/kg-bench-export-N``, reusing that build on later runs. It then
exports the network once to warm the caches and three more times, and prints
the query, graph-building and writing times and the file size (best of three).
"""
from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"


def ensure_build(articles: int) -> Path:
    base = Path(tempfile.gettempdir()) / f"kg-bench-export-{articles}"
    build = base / "graph"
    if (build / "current").exists():
        return build
    corpus = base / "corpus"
    if not corpus.exists():
        if not GEN.exists():
            sys.exit(f"no corpus generator at {GEN}; give a BUILD folder instead")
        subprocess.run([sys.executable, str(GEN), str(corpus), "--articles", str(articles)], check=True)
    from kg.build import build as run_build

    t0 = time.perf_counter()
    report = run_build([corpus], build)
    print(f"built {report.articles_built} articles in {time.perf_counter() - t0:.0f} s "
          f"({report.quads:,} quads)", file=sys.stderr)
    return build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build", nargs="?", type=Path, help="a build folder (made by `kg build`)")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--network", default="party-ticket")
    ap.add_argument("--format", default="gexf", choices=["gexf", "graphml", "nodes-csv", "edges-csv", "html"])
    args = ap.parse_args()

    from kg.export import export_build

    build = args.build or ensure_build(args.articles)
    stages: list[tuple[float, str]] = []
    out = Path(tempfile.gettempdir()) / f"kg-bench-{args.network}.{args.format}"
    runs = []
    summary = ""
    for i in range(4):
        stages.clear()
        t0 = time.perf_counter()
        summary = export_build(args.format, build, out, network=args.network,
                               progress=lambda m: stages.append((time.perf_counter(), m)))
        total = time.perf_counter() - t0
        if i:
            marks = [t0] + [t for t, _ in stages] + [t0 + total]
            runs.append((total, [b - a for a, b in itertools.pairwise(marks)]))
    total, parts = min(runs)
    names = ["setup", "query", "build graph", "write"][: len(parts)]
    detail = ", ".join(f"{n} {p:.2f} s" for n, p in zip(names, parts))
    print(summary)
    print(f"export {args.network} as {args.format}: {total:.2f} s (best of 3; {detail}); "
          f"{out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
