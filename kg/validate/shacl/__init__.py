"""SHACL validation of article graphs and whole graphs, by one of the engines of :data:`ENGINES`.

The shapes are ``ontology/shapes.ttl`` (SHACL 1.0 core, no ``sh:sparql``; see
the header of that file), loaded and prepared once (:mod:`kg.validate.shacl.shapes`).

Article graphs (:func:`validate_quads`, :func:`validate_quads_batch`) go through
the engine that :func:`shacl_engine` names: pyshacl (:mod:`kg.validate.shacl.pyshacl_engine`,
the default and the reference) or ``KG_SHACL_ENGINE=rudof`` / ``engine="rudof"``
(:mod:`kg.validate.shacl.rudof_engine`: pyrudof, an optional dependency, about three
times faster). pyshacl is always used with an ``ontology`` and for
:func:`validate_graph` / :func:`validate_nquads`.

A report *conforms* when it has no result of severity ``Violation``
(:mod:`kg.validate.report`); warnings and infos are reported but do not fail it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Sequence

from kg.validate.report import SHAPES, ValidationReport, Violation, shorten
from kg.validate.shacl import pyshacl_engine, rudof_engine
from kg.validate.shacl.shapes import SHAPES_PATH, Prepared, load_shapes, prepare_shapes

if TYPE_CHECKING:  # pragma: no cover
    import rdflib


class Engine(NamedTuple):
    """How an engine validates article graphs: one, and a batch (each as it would be alone)."""

    validate_article: Callable[[Sequence[Any], Prepared], ValidationReport]
    validate_articles: Callable[[Sequence[Sequence[Any]], Prepared], list[ValidationReport]]


ENGINES: dict[str, Engine] = {
    "pyshacl": Engine(pyshacl_engine.validate_article, pyshacl_engine.validate_articles),
    "rudof": Engine(rudof_engine.validate_article, rudof_engine.validate_articles),
}


def shacl_engine(engine: str | None = None) -> str:
    """The SHACL engine for article graphs: ``engine``, else ``$KG_SHACL_ENGINE``, else ``"pyshacl"``.

    ``"rudof"`` (pyrudof, ``pip install pyrudof``) gives the same results as
    pyshacl on every case under tests/validate/cases and on the synthetic
    corpus with mutations (benchmarks/shacl_parity.py), with two known
    differences, handled by :func:`kg.validate.shacl.rudof_engine.reads_differently`:
    rudof does not check the lexical form of ``xsd:date`` literals ("2024-02-30"),
    rdflib rewrites some lexical forms (``"01"^^xsd:integer`` reads ``"1"``), and the
    engines disagree on sh:lessThan between values that are not comparable (an IRI,
    literals of different datatypes); an article holding such data is validated by
    pyshacl instead. Result messages are each engine's own wording; focus, path, shape,
    value and severity agree.
    """
    chosen = (engine or os.environ.get("KG_SHACL_ENGINE") or "pyshacl").strip().lower()
    if chosen not in ENGINES:
        raise ValueError(f"unknown SHACL engine {chosen!r} (KG_SHACL_ENGINE): one of {', '.join(ENGINES)}")
    return chosen


def validate_quads(quads: Sequence[Any], shapes: rdflib.Graph | Path,
                   ontology: rdflib.Graph | None = None, engine: str | None = None) -> ValidationReport:
    """Validate the quads of ONE named graph (an article) on their own.

    The graph name of the first quad is given to every result, so that the
    caller can leave that article out. ``engine``: see :func:`shacl_engine`.
    """
    prepared = prepare_shapes(shapes)
    if ontology is not None:
        return pyshacl_engine.validate_article(quads, prepared, ontology)
    return ENGINES[shacl_engine(engine)].validate_article(quads, prepared)


def validate_quads_batch(batch: Sequence[Sequence[Any]], shapes: rdflib.Graph | Path,
                         ontology: rdflib.Graph | None = None, engine: str | None = None
                         ) -> list[ValidationReport]:
    """Validate many article graphs; element ``i`` is what ``validate_quads(batch[i])`` reports
    (see :func:`kg.validate.shacl.pyshacl_engine.validate_articles` for how pyshacl batches them).
    With an ``ontology``, each article goes through :func:`validate_quads`."""
    prepared = prepare_shapes(shapes)
    if ontology is not None:
        return [pyshacl_engine.validate_article(quads, prepared, ontology) for quads in batch]
    return ENGINES[shacl_engine(engine)].validate_articles(batch, prepared)


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph | Path,
                   ontology: rdflib.Graph | None = None) -> ValidationReport:
    """Validate an rdflib Graph or Dataset (the union of its graphs), with pyshacl.

    ``ontology``, when given, is mixed into a copy of the data graph by
    pyshacl, so that e.g. ``rdfs:subClassOf`` triples count for
    ``sh:class``; the shapes themselves do not need it.
    """
    return pyshacl_engine.validate_data(data, shapes, ontology, graph_of=None)


def validate_nquads(data: bytes, shapes: rdflib.Graph | Path,
                    ontology: rdflib.Graph | None = None) -> ValidationReport:
    """Validate N-Quads bytes (one or more article graphs) as one union, with pyshacl.

    Each result's ``graph`` names the named graph that holds the offending
    triple (focus, path, value); failing that, the one holding the focus
    node's triples for that path, then any triple about the focus node. When
    several graphs qualify, the first in IRI order is named.
    """
    return pyshacl_engine.validate_nquads(data, shapes, ontology)


__all__ = ["ENGINES", "SHAPES", "SHAPES_PATH", "Engine", "ValidationReport", "Violation", "load_shapes",
           "shacl_engine", "shorten", "validate_graph", "validate_nquads", "validate_quads", "validate_quads_batch"]
