#!/usr/bin/env python3
"""Extraction throughput: articles per second on one core, on a synthetic corpus.

    python3 benchmarks/extract_throughput.py [--articles 500] [--corpus DIR]

Generates the corpus with ../shared/bench/gen_corpus.py when --corpus is not
given, then times read + split + extract + resolve (``process_article``) in
this process only, after one warm-up pass over 20 articles. Prints figures;
asserts nothing. Target (issue 4): >= 200 articles/s per core.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.build import Context  # noqa: E402
from kg.build.article import process_article  # noqa: E402
from kg.resources import Resources  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    tmp = None
    corpus = args.corpus
    if corpus is None:
        tmp = tempfile.TemporaryDirectory(prefix="kg-bench-")
        corpus = Path(tmp.name)
        gen = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
        subprocess.run([sys.executable, str(gen), str(corpus), "--articles", str(args.articles)], check=True,
                       stdout=subprocess.DEVNULL)
    paths = sorted(corpus.glob("*.txt"))[: args.articles]
    t = time.perf_counter()
    ctx = Context.load(Resources.default())
    load_s = time.perf_counter() - t
    for p in paths[:20]:
        process_article(p, ctx)
    runs = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        for p in paths:
            process_article(p, ctx)
        runs.append(len(paths) / (time.perf_counter() - t))
    print(f"corpus: {len(paths)} synthetic articles ({corpus})")
    print(f"context load (lexicon, gazetteer, shapes): {load_s:.2f} s")
    print(f"extraction throughput, one core: median {statistics.median(runs):.0f} articles/s "
          f"(min {min(runs):.0f}, max {max(runs):.0f}, {args.repeat} runs)")
    print(f"per article: {1000 / statistics.median(runs):.2f} ms")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
