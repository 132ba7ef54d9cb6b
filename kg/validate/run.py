"""Validate a finished build: SHACL on the article graphs, whole-graph checks on the store."""
from __future__ import annotations

from pathlib import Path

from kg import vocab
from kg.resources import Resources


def validate_build(data: Path, resources: Resources | None = None):  # type: ignore[no-untyped-def]
    import pyoxigraph

    from kg.graph.store import open_store
    from kg.validate.checks import run_checks
    from kg.validate.shacl import load_shapes, validate_nquads

    res = resources or Resources.default()
    store = open_store(data)
    skip = {vocab.REFERENCE_GRAPH, vocab.ONTOLOGY_GRAPH, vocab.UNION_GRAPH}
    quads = [q for q in store.quads_for_pattern(None, None, None, None)
             if isinstance(q.graph_name, pyoxigraph.NamedNode) and q.graph_name.value not in skip]
    data_bytes = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
    report = validate_nquads(data_bytes, load_shapes(res.shapes))
    return report.merge(run_checks(store))
