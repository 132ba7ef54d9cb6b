#!/usr/bin/env python3
"""Growth of extraction CPU time on pathological inputs: each case at n and 2n characters.

    python3 benchmarks/pathological_inputs.py [--n 20000] [--case dots] [--stages] [--limit 20]

For each generator of ``tests/reliability/generators.py`` (long runs of dots, dashes,
quotes, capitalised words, titles, numbers, commas, brackets, a line without
spaces, one repeated character, many paragraphs, ...), times split + enrich +
extract + resolve + quads (what one article costs a build, validation aside) at
n and at 2n characters and prints the ratio: about 2 is linear, about 4 quadratic.
``--stages`` prints the time of each stage at 2n. A case whose n run passes
``--limit`` seconds is not run at 2n. Prints figures; asserts nothing (the test
``tests/reliability/test_hangs.py`` bounds the growth).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.model import Article, Document  # noqa: E402
from kg.build import Context  # noqa: E402
from kg.resources import Resources  # noqa: E402
from tests.reliability.generators import PATHOLOGICAL  # noqa: E402


def stage_times(text: str, ctx: Context) -> dict[str, float]:
    """Seconds per stage of one article's extraction."""
    from kg.extract import extract_claims
    from kg.graph.facts import facts_to_quads
    from kg.ingest.enrich import enrich_article
    from kg.ingest.sentences import split_sentences
    from kg.resolve.people import resolve_people

    out: dict[str, float] = {}
    t = time.process_time()
    sentences = split_sentences(text, ctx.furniture)
    out["split"] = time.process_time() - t
    t = time.process_time()
    article = enrich_article(Article(id="p", path="p.txt", text=text, sha256="0" * 64), sentences, ctx.lexicon,
                             ctx.gazetteer)
    out["enrich"] = time.process_time() - t
    t = time.process_time()
    doc = Document(article=article, sentences=sentences)
    claims = extract_claims(doc, ctx.lexicon, ctx.gazetteer)
    out["extract"] = time.process_time() - t
    t = time.process_time()
    facts = resolve_people(doc, claims, ctx.lexicon)
    out["resolve"] = time.process_time() - t
    t = time.process_time()
    facts_to_quads(facts, ctx.gazetteer)
    out["quads"] = time.process_time() - t
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20000, help="characters of the smaller input")
    ap.add_argument("--case", action="append", help="only these cases (repeatable)")
    ap.add_argument("--stages", action="store_true", help="print each stage's seconds at 2n")
    ap.add_argument("--limit", type=float, default=20.0, help="skip 2n when n takes longer (seconds)")
    args = ap.parse_args()
    ctx = Context.load(Resources.default()).warm()
    stage_times(PATHOLOGICAL["word salad"](2000), ctx)          # warm-up: compiled patterns, models
    worst = 0.0
    print(f"{'case':32} {'n s':>8} {'2n s':>8} {'ratio':>6}")
    for name, make in PATHOLOGICAL.items():
        if args.case and name not in args.case:
            continue
        small = sum(stage_times(make(args.n), ctx).values())
        if small > args.limit:
            print(f"{name:32} {small:8.2f} {'-':>8} {'-':>6}  (n over --limit)", flush=True)
            continue
        stages = stage_times(make(2 * args.n), ctx)
        big = sum(stages.values())
        ratio = big / max(small, 1e-3)
        worst = max(worst, ratio if big > 0.2 else 0.0)
        detail = "  " + " ".join(f"{k}={v:.2f}" for k, v in stages.items()) if args.stages else ""
        flag = "  <- super-linear" if ratio > 3 and big > 0.2 else ""
        print(f"{name:32} {small:8.2f} {big:8.2f} {ratio:6.1f}{flag}{detail}", flush=True)
    print(f"worst ratio (cases over 0.2 s at 2n): {worst:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
