#!/usr/bin/env python3
"""The fuzz run of issue 16: generated and mutated articles, pages and dump records through `kg build`.

    python3 benchmarks/fuzz_articles.py --n 10000 --seed 16 [--jobs 2] [--timeout 60] [--chunk 1000] [--keep DIR]

Writes the inputs (about 60 % text files, 20 % HTML pages, 20 % JSONL records:
seed articles mutated, word salad, pathological runs; see
tests/reliability/generators.py) in chunks, builds each chunk with the CLI, and
prints the counts: inputs tried, behaved as promised (built, or reported with a
one-line reason, by reason), and what broke the promise (lost, tracebacks,
builds failed as a whole, internal errors, articles over the time budget,
reasons of more than one line). Exit status 1 when anything broke it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reliability.fuzz import run_fuzz  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000, help="inputs to generate")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--jobs", type=int, default=2, help="kg build -j")
    ap.add_argument("--timeout", type=float, default=60.0, help="kg build --article-timeout (seconds)")
    ap.add_argument("--chunk", type=int, default=1000, help="inputs per build")
    ap.add_argument("--keep", type=Path, help="write inputs and builds here (kept) instead of a temporary folder")
    args = ap.parse_args()
    counts = run_fuzz(args.n, args.seed, jobs=args.jobs, timeout=args.timeout, chunk=args.chunk, keep=args.keep,
                      progress=True)
    print(f"fuzz run: --n {args.n} --seed {args.seed} --jobs {args.jobs} --timeout {args.timeout:g}")
    print(counts.summary())
    return 0 if counts.ok() else 1


if __name__ == "__main__":
    sys.exit(main())
