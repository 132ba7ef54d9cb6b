#!/usr/bin/env python3
"""SHACL validation speed of article graphs: ms per article, single vs batched.

    .venv/bin/python benchmarks/shacl_speed.py [--articles 200] [--corpus DIR] [--repeat 3] [--batch 50]

Generates a synthetic corpus with ../shared/bench/gen_corpus.py (unless
--corpus is given), makes each article's quads as the pipeline does
(``process_article`` + ``facts_to_quads``), then times, in this process, on
one core, the median of --repeat runs (CPU time, so that other load on the
machine disturbs it less; wall time in brackets):

* baseline: what ``validate_quads`` did before the batch work (N-Triples
  text through rdflib's parser, ``pyshacl.validate`` with a plain shapes
  Graph); run first, before anything below changes pyshacl's caches;
* single:   ``validate_quads`` on each article;
* batch:    ``validate_quads_batch`` on chunks of --batch articles;
* rudof:    ``validate_quads_batch(..., engine="rudof")`` (pyrudof, when installed);
* stage:    the whole per-article work after extraction, for each engine:
  ``facts_to_quads`` + batch validation + the TriG block (``pyoxigraph.serialize``).

Also checks that single, batch and rudof give the same verdicts and results
(focus, path, shape, severity, value). Asserts nothing else.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def baseline_validate(quads, shapes_graph) -> bool:
    """The pre-batch validate_quads: NT text → rdflib Graph → pyshacl.validate."""
    import pyoxigraph
    import pyshacl
    import rdflib

    graph = rdflib.Graph()
    data = pyoxigraph.serialize((pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads),
                                format=pyoxigraph.RdfFormat.N_TRIPLES)
    graph.parse(data=data.decode("utf-8"), format="nt")
    conforms, _, _ = pyshacl.validate(graph, shacl_graph=shapes_graph, inference="none", advanced=False,
                                      meta_shacl=False, abort_on_first=False, allow_warnings=True,
                                      allow_infos=True)
    return bool(conforms)


def timed(fn, repeat: int, n: int) -> tuple[float, float, object]:
    cpu, wall, out = [], [], None
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        out = fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return 1000 * statistics.median(cpu) / n, 1000 * statistics.median(wall) / n, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    warnings.filterwarnings("ignore", category=DeprecationWarning)

    import rdflib

    from kg.graph.facts import facts_to_quads
    from kg.build import Context
    from kg.build.article import process_article
    from kg.resources import Resources
    from kg.validate.shacl import SHAPES_PATH, load_shapes, validate_quads, validate_quads_batch

    tmp = None
    corpus = args.corpus
    if corpus is None:
        tmp = tempfile.TemporaryDirectory(prefix="kg-shacl-bench-")
        corpus = Path(tmp.name)
        gen = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
        subprocess.run([sys.executable, str(gen), str(corpus), "--articles", str(args.articles)], check=True,
                       stdout=subprocess.DEVNULL)
    ctx = Context.load(Resources.default())
    articles, facts = [], []
    for path in sorted(corpus.glob("*.txt"))[: args.articles]:
        try:
            facts.append(process_article(path, ctx))
            articles.append(facts_to_quads(facts[-1], ctx.gazetteer))
        except Exception as err:  # noqa: BLE001 - a benchmark: skip what does not extract
            print(f"skipped {path.name}: {err}", file=sys.stderr)
    n = len(articles)
    quads = sum(len(a) for a in articles)
    print(f"corpus: {n} synthetic articles, {quads / n:.0f} quads per article ({corpus})")

    if not args.no_baseline:
        plain = rdflib.Graph().parse(str(SHAPES_PATH), format="turtle")
        baseline_validate(articles[0], plain)
        cpu, wall, base = timed(lambda: [baseline_validate(a, plain) for a in articles], args.repeat, n)
        print(f"baseline (before): {cpu:6.2f} ms/article CPU ({wall:.2f} wall)")

    shapes = load_shapes()
    validate_quads(articles[0], shapes)
    cpu, wall, singles = timed(lambda: [validate_quads(a, shapes) for a in articles], args.repeat, n)
    print(f"single validate_quads: {cpu:6.2f} ms/article CPU ({wall:.2f} wall)")

    def batched():
        out = []
        for start in range(0, n, args.batch):
            out += validate_quads_batch(articles[start:start + args.batch], shapes)
        return out

    cpu, wall, batch = timed(batched, args.repeat, n)
    print(f"batch of {args.batch}: {cpu:6.2f} ms/article CPU ({wall:.2f} wall)")
    same = [(r.conforms, r.violations) for r in singles] == [(r.conforms, r.violations) for r in batch]

    def results(reports):
        return [(r.conforms, sorted((v.focus, v.path or "", v.shape, v.severity, v.value or "")
                                    for v in r.violations)) for r in reports]

    engines = ["pyshacl"]
    try:
        import pyrudof  # noqa: F401
        engines.append("rudof")
    except ImportError:
        print("rudof: pyrudof is not installed")
    if "rudof" in engines:
        validate_quads_batch(articles[:2], shapes, engine="rudof")
        cpu, wall, by_rudof = timed(lambda: validate_quads_batch(articles, shapes, engine="rudof"), args.repeat, n)
        print(f"rudof (per article): {cpu:6.2f} ms/article CPU ({wall:.2f} wall)")
        agree = results(by_rudof) == results(singles)
        print(f"rudof results identical to pyshacl: {agree}")
        same = same and agree

    import pyoxigraph

    def stage(engine):
        out = []
        for start in range(0, n, args.batch):
            chunk = [facts_to_quads(f, ctx.gazetteer) for f in facts[start:start + args.batch]]
            validate_quads_batch(chunk, shapes, engine=engine)
            out += [pyoxigraph.serialize(q, format=pyoxigraph.RdfFormat.TRIG) for q in chunk]
        return out

    for engine in engines:
        cpu, wall, _ = timed(lambda: stage(engine), args.repeat, n)
        print(f"stage after extraction ({engine}): {cpu:6.2f} ms/article CPU ({wall:.2f} wall)")
    if not args.no_baseline:
        same = same and [r.conforms for r in singles] == base
    print(f"verdicts identical: {same} ({sum(not r.conforms for r in singles)} of {n} articles do not conform, "
          f"{statistics.mean(r.focus_nodes for r in singles):.0f} focus nodes per article)")
    if tmp:
        tmp.cleanup()
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
