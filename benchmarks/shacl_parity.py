#!/usr/bin/env python3
"""Do pyshacl and pyrudof give article graphs the same SHACL results?

    .venv/bin/python benchmarks/shacl_parity.py [--articles 200] [--mutants 5] [--corpus DIR] [--seed 1]

Validates, with both engines of :func:`kg.validate.shacl.validate_quads`
(``engine="pyshacl"`` and ``engine="rudof"``, whose article-level fallbacks
are switched off here so that rudof's own verdicts are compared):

* every named graph of tests/validate/cases (valid and invalid);
* the article graphs of a synthetic corpus (../shared/bench/gen_corpus.py),
  as the pipeline makes them;
* --mutants broken copies of each of those articles: random edits of one to
  three quads (drop a quad, add a second value, change a literal's lexical
  form, datatype or language, put an IRI for a literal or the other way
  round, retype a node, point an edge at a node of another class).

Results are compared as multisets of (focus, path, shape, severity, value)
(blank-node labels and messages are each engine's own). Prints every
difference and a summary; exit status 1 when an article differs. Needs pyrudof.
"""
from __future__ import annotations

import argparse
import logging
import random
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LEXICALS = ["", "0", "-1", "1", "abc", "2024", "2024-13", "2024-02", "2024-02-30", "2024-02-10",
            "2024-02-10T00:00:00", "true", "yes", "PDIP", "pdip", "64.8", "64.08", "http://x.example/",
            "ftp://x", "A", "Abc", "pengusung", "lain"]
DATATYPES = [XSD + t for t in ("string", "integer", "date", "gYear", "gYearMonth", "boolean", "anyURI",
                               "decimal", "dateTime")]


def key(v) -> tuple:
    focus = "_:" if v.focus.startswith("_:") else v.focus
    value = "_:" if (v.value or "").startswith("_:") else v.value
    return (focus, v.path, v.shape, v.severity, value)


def mutate(quads: list, rng: random.Random) -> list:
    import pyoxigraph as ox

    quads = list(quads)
    nodes = sorted({q.subject for q in quads if isinstance(q.subject, ox.NamedNode)}, key=str)
    classes = sorted({q.object for q in quads if q.predicate.value == RDF_TYPE}, key=str)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(quads))
        q = quads[i]
        s, p, o, g = q.subject, q.predicate, q.object, q.graph_name
        op = rng.choice(["drop", "second", "lexical", "datatype", "lang", "swap-kind", "retype", "repoint"])
        if op == "drop":
            del quads[i]
            continue
        if op == "second":
            new = ox.Literal(rng.choice(LEXICALS), datatype=ox.NamedNode(rng.choice(DATATYPES))) \
                if isinstance(o, ox.Literal) else rng.choice(nodes)
            quads.append(ox.Quad(s, p, new, g))
            continue
        if op == "lexical" and isinstance(o, ox.Literal):
            lex = rng.choice(LEXICALS)
            o = ox.Literal(lex, language=o.language) if o.language else ox.Literal(lex, datatype=o.datatype)
        elif op == "datatype" and isinstance(o, ox.Literal):
            o = ox.Literal(o.value, datatype=ox.NamedNode(rng.choice(DATATYPES)))
        elif op == "lang" and isinstance(o, ox.Literal):
            o = ox.Literal(o.value, language=rng.choice(["id", "en", "id-ID", "ID"]))
        elif op == "swap-kind":
            o = ox.Literal(o.value) if isinstance(o, ox.NamedNode) else rng.choice(nodes)
        elif op == "retype" and p.value == RDF_TYPE:
            o = rng.choice(classes)
        elif op == "repoint" and isinstance(o, ox.NamedNode) and p.value != RDF_TYPE:
            o = rng.choice(nodes)
        else:
            continue
        quads[i] = ox.Quad(s, p, o, g)
    return quads


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--mutants", type=int, default=5)
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    logging.getLogger("rdflib").setLevel(logging.CRITICAL)   # ill-typed literals are the point here

    import pyoxigraph as ox

    from kg.graph.facts import facts_to_quads
    from kg.build import Context
    from kg.build.article import process_article
    from kg.resources import Resources
    from kg.validate import shacl
    from kg.validate.shacl import rudof_engine
    from kg.validate.shacl.shapes import prepare_shapes

    ctx = Context.load(Resources.default())
    prepared = prepare_shapes(ctx.shapes)

    def pyshacl_keys(quads):
        return Counter(key(v) for v in shacl.validate_quads(quads, ctx.shapes, engine="pyshacl").violations)

    def rudof_keys(quads):
        # rudof's own verdict: no ill-typed fallback, errors raise
        return Counter(key(v) for v in rudof_engine.rudof_violations(quads, prepared, strict=False))

    sets: dict[str, list[tuple[str, list]]] = {"cases": [], "corpus": [], "mutants": []}
    for case in sorted((ROOT / "tests" / "validate" / "cases").glob("*/*.trig")):
        by_graph: dict = {}
        for q in ox.parse(case.read_bytes(), format=ox.RdfFormat.TRIG):
            by_graph.setdefault(q.graph_name, []).append(q)
        sets["cases"] += [(f"{case.parent.name}/{case.name}", g) for g in by_graph.values()]
    tmp = None
    corpus = args.corpus
    if corpus is None:
        tmp = tempfile.TemporaryDirectory(prefix="kg-shacl-parity-")
        corpus = Path(tmp.name)
        subprocess.run([sys.executable, str(ROOT.parent / "shared" / "bench" / "gen_corpus.py"), str(corpus),
                        "--articles", str(args.articles)], check=True, stdout=subprocess.DEVNULL)
    rng = random.Random(args.seed)
    for path in sorted(corpus.glob("*.txt"))[: args.articles]:
        quads = facts_to_quads(process_article(path, ctx), ctx.gazetteer)
        sets["corpus"].append((path.name, quads))
        sets["mutants"] += [(f"{path.name}~{k}", mutate(quads, rng)) for k in range(args.mutants)]

    differ = 0
    for name, items in sets.items():
        same = invalid = ill = 0
        t_py = t_ru = 0.0
        for label, quads in items:
            t = time.process_time()
            a = pyshacl_keys(quads)
            t_py += time.process_time() - t
            t = time.process_time()
            b = rudof_keys(quads)
            t_ru += time.process_time() - t
            invalid += any(k[3] == "Violation" for k in a)
            if a == b:
                same += 1
            elif rudof_engine.reads_differently(quads, prepared):
                ill += 1    # validate_quads(engine="rudof") hands these to pyshacl
            else:
                differ += 1
                print(f"DIFF {name} {label}\n  pyshacl only: {sorted((a - b).elements())}\n"
                      f"  rudof only:   {sorted((b - a).elements())}")
        n = len(items)
        print(f"{name}: {n} graphs ({invalid} invalid for pyshacl): {same} same results, {ill} differ on data that "
              f"engine='rudof' hands to pyshacl, {n - same - ill} differ; CPU pyshacl "
              f"{1000 * t_py / max(n, 1):.1f} ms/graph, rudof {1000 * t_ru / max(n, 1):.1f} ms/graph")
    if tmp:
        tmp.cleanup()
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
