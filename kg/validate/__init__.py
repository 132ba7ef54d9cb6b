"""Validate the graph: SHACL core shapes per article, SPARQL checks over the store.

Two complementary passes:

* :func:`validate_graph` / :func:`validate_nquads` run ``ontology/shapes.ttl``
  through pyshacl (core constraints only) on one article graph or a batch of
  them; each result names the article graph that holds it, so that a build
  can drop that article.
* :func:`run_checks` runs the registry :data:`CHECKS` of plain SPARQL SELECT
  queries once over the whole pyoxigraph store: rules that span articles or
  compare values SHACL core cannot (dates of mixed precision).

Both return a :class:`ValidationReport`; reports merge with ``a.merge(b)``.
Heavy libraries (rdflib, pyshacl, pyoxigraph) load on first use only.
"""
from __future__ import annotations

from kg.validate.checks import CHECKS, Check, run_checks
from kg.validate.report import ValidationReport, Violation
from kg.validate.shacl import SHAPES_PATH, load_shapes, validate_graph, validate_nquads

__all__ = [
    "CHECKS",
    "Check",
    "SHAPES_PATH",
    "ValidationReport",
    "Violation",
    "load_shapes",
    "run_checks",
    "validate_graph",
    "validate_nquads",
]
