"""The pyshacl engine: the reference SHACL validator, for article graphs (alone or batched) and whole graphs.

Results are read from pyshacl's results graph (``sh:focusNode``,
``sh:resultPath``, ``sh:sourceShape``, ``sh:resultMessage``,
``sh:resultSeverity``, ``sh:value``), never from its text report. The shapes
graph is prepared once (:mod:`kg.validate.shacl.shapes`) and handed to
pyshacl's Validator, whose internals this relies on (pinned in pyproject.toml).
"""
from __future__ import annotations

import dataclasses
import time
import warnings
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Sequence

from kg.validate.report import ValidationReport, Violation
from kg.validate.shacl.shapes import Prepared, prepare_shapes
from kg.validate.shacl.terms import is_named, local_name, term_text, to_rdflib_graph


def validate_article(quads: Sequence[Any], prepared: Prepared, ontology: Any = None) -> ValidationReport:
    """The report of ONE article graph (its quads) on its own."""
    started = time.perf_counter()
    with _quiet_rdflib():
        results = _run_pyshacl(to_rdflib_graph([quads]), prepared, ontology)
        violations = sorted(_read_results(results, None), key=violation_key)
    return article_report(quads, violations, prepared, time.perf_counter() - started)


def validate_articles(batch: Sequence[Sequence[Any]], prepared: Prepared) -> list[ValidationReport]:
    """Many article graphs; element ``i`` is what :func:`validate_article` reports for ``batch[i]``.

    The articles are validated together, in as few pyshacl calls as their
    content allows: the batch is split into groups in which every node
    (IRI or blank node) that two articles both mention has the very same
    outgoing triples in each of them, and each group is validated as one
    union graph. The shapes only follow forward paths from focus nodes found
    by ``rdf:type`` (checked by :func:`~kg.validate.shacl.shapes._batchable`), so in such a union each
    node of an article sees exactly the triples it sees in the article alone:
    the same focus nodes, the same value nodes, the same results. An article
    that mentions no node with a result in its group's report is therefore
    clean; the articles that do are validated again on their own, so that
    their reports are the single-article reports. Any error in a group
    (pyshacl raising) sends the whole group through :func:`validate_article`.
    Shapes that are not batchable validate each article on its own.
    """
    if not prepared.batchable or len(batch) < 2:
        return [validate_article(quads, prepared) for quads in batch]
    descriptions = [_describe(quads) for quads in batch]
    reports: list[ValidationReport | None] = [None] * len(batch)
    for group in _compatible_groups(descriptions):
        if len(group) == 1:
            reports[group[0]] = validate_article(batch[group[0]], prepared)
            continue
        started = time.perf_counter()
        try:
            with _quiet_rdflib():
                results = _run_pyshacl(to_rdflib_graph([batch[i] for i in group]), prepared, None)
                focus = _result_focus_nodes(results)
        except Exception:  # noqa: BLE001 - the single-article pass raises it again, for the right article
            for i in group:
                reports[i] = validate_article(batch[i], prepared)
            continue
        share = (time.perf_counter() - started) / len(group)
        for i in group:
            if focus and (_ANY_ARTICLE in focus or not focus.isdisjoint(descriptions[i])):
                reports[i] = validate_article(batch[i], prepared)
            else:
                reports[i] = article_report(batch[i], [], prepared, share)
    return [r for r in reports if r is not None]


def validate_data(data: Any, shapes: Any, ontology: Any,
                  graph_of: Callable[[Any, Any, Any], str | None] | None) -> ValidationReport:
    """An rdflib Graph or Dataset validated as one graph; ``graph_of`` names the graph of each result."""
    return _validate(data, shapes, ontology, graph_of)


def validate_nquads(data: bytes, shapes: Any, ontology: Any = None) -> ValidationReport:
    """N-Quads validated as one union graph, each result traced to a named graph (see
    :func:`kg.validate.shacl.validate_nquads`)."""
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    with _quiet_rdflib():
        dataset.parse(data=data, format="nquads")
    return _validate(dataset, shapes, ontology, graph_of=lambda *key: _graph_of(dataset, *key))


def _validate(data: Any, shapes: Any, ontology: Any,
              graph_of: Callable[[Any, Any, Any], str | None] | None) -> ValidationReport:
    prepared = prepare_shapes(shapes)
    started = time.perf_counter()
    with _quiet_rdflib():
        results = _run_pyshacl(data, prepared, ontology)
        violations = sorted(_read_results(results, graph_of), key=violation_key)
        focus_nodes = _count_focus_nodes(data, prepared.graph)
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations),
        violations=tuple(violations),
        focus_nodes=focus_nodes,
        seconds=time.perf_counter() - started,
    )


@contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """Silence rdflib 7.6's deprecation notices about its own Dataset internals."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*deprecated, use Dataset", category=DeprecationWarning)
        yield


def _read_results(results: Any, graph_of: Callable[[Any, Any, Any], str | None] | None
                  ) -> Iterable[Violation]:
    from rdflib.namespace import RDF, SH

    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        yield Violation(
            focus=term_text(focus),
            path=term_text(path) if path is not None else None,
            shape=term_text(results.value(result, SH.sourceShape)),
            message=messages[0] if messages else "",
            severity=local_name(severity) if severity is not None else "Violation",
            graph=graph_of(focus, path, value) if graph_of is not None else None,
            value=term_text(value) if value is not None else None,
        )


def _graph_of(dataset: Any, focus: Any, path: Any, value: Any) -> str | None:
    """The first named graph (IRI order) that best explains a result."""
    from rdflib import URIRef

    patterns: list[tuple[Any, Any, Any]] = []
    if isinstance(path, URIRef):
        if value is not None:
            patterns.append((focus, path, value))
        patterns.append((focus, path, None))
    patterns += [(focus, None, None), (None, None, focus)]
    for pattern in patterns:
        names = (getattr(ctx, "identifier", ctx) for *_, ctx in dataset.quads((*pattern, None)))
        graphs = {str(name) for name in names if name is not None and not _is_default(name)}
        if graphs:
            return min(graphs)
    return None


def _is_default(identifier: Any) -> bool:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return identifier == DATASET_DEFAULT_GRAPH_ID


def _count_focus_nodes(data: Any, shapes: Any) -> int:
    """Distinct nodes typed with a class some shape targets (no inference)."""
    from rdflib.namespace import RDF, SH

    classes = set(shapes.objects(None, SH.targetClass))
    if hasattr(data, "quads"):
        typed = ((s, o) for s, _, o, _ in data.quads((None, RDF.type, None, None)))
    else:
        typed = ((s, o) for s, _, o in data.triples((None, RDF.type, None)))
    return len({s for s, o in typed if o in classes})


def _run_pyshacl(data: Any, prepared: Prepared, ontology: Any) -> Any:
    """pyshacl's results graph for ``data``, reusing the prepared ShapesGraph.

    Same options as ``pyshacl.validate(..., inference="none", advanced=False,
    allow_warnings=True, allow_infos=True)``; the data graph is not copied
    unless an ontology is mixed in.
    """
    import pyshacl
    from pyshacl.graph_abstraction import DataGraph
    from pyshacl.monkey import apply_patches
    from pyshacl.rdfutil.load import load_from_source

    apply_patches()
    if ontology is not None:
        ontology = load_from_source(ontology, multigraph=True, do_owl_imports=False)
    data_graph = data if isinstance(data, DataGraph) else DataGraph.from_rdflib(data)
    validator = pyshacl.Validator(data_graph, shacl_graph=prepared.graph, ont_graph=ontology, options={
        "inference": "none", "advanced": False, "abort_on_first": False,
        "allow_warnings": True, "allow_infos": True, "inplace": False,
    })
    validator.shacl_graph = prepared.shapes_graph
    _, results, _ = validator.run()
    return results


def violation_key(v: Violation) -> tuple[str, ...]:
    return (v.graph or "", v.focus, v.shape, v.path or "", v.value or "")


def article_report(quads: Sequence[Any], violations: list[Violation], prepared: Prepared,
                    seconds: float) -> ValidationReport:
    """The report of one article: its graph name on every result, its own focus-node count."""
    name = quads[0].graph_name.value if quads and hasattr(quads[0].graph_name, "value") else None
    if name is not None:
        violations = [dataclasses.replace(v, graph=name) for v in violations]
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    focus_nodes = len({q.subject for q in quads if q.predicate.value == rdf_type
                       and getattr(q.object, "value", None) in prepared.target_classes
                       and is_named(q.object)})
    return ValidationReport(conforms=not any(v.severity == "Violation" for v in violations),
                            violations=tuple(violations), focus_nodes=focus_nodes, seconds=seconds)


def _describe(quads: Sequence[Any]) -> dict[Any, frozenset[Any]]:
    """Every node an article mentions (IRI or blank node) → its outgoing (predicate, object) pairs there."""
    import pyoxigraph

    out: dict[Any, set[Any]] = {}
    for q in quads:
        out.setdefault(q.subject, set()).add((q.predicate, q.object))
        if not isinstance(q.object, pyoxigraph.Literal) and q.object not in out:
            out[q.object] = set()
    return {node: frozenset(pairs) for node, pairs in out.items()}


def _compatible_groups(descriptions: Sequence[dict[Any, frozenset[Any]]]) -> list[list[int]]:
    """Greedy first fit: articles that describe every node they share in exactly the same way."""
    groups: list[tuple[list[int], dict[Any, frozenset[Any]]]] = []
    for i, described in enumerate(descriptions):
        for members, seen in groups:
            get = seen.get
            if all(get(node, pairs) == pairs for node, pairs in described.items()):
                members.append(i)
                seen.update(described)
                break
        else:
            groups.append(([i], dict(described)))
    return [members for members, _ in groups]


def _result_focus_nodes(results: Any) -> set[Any]:
    """The focus nodes of every result in a pyshacl results graph, as pyoxigraph terms."""
    import pyoxigraph
    from rdflib import BNode, URIRef
    from rdflib.namespace import RDF, SH

    found: set[Any] = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        for focus in results.objects(result, SH.focusNode):
            if isinstance(focus, URIRef):
                found.add(pyoxigraph.NamedNode(str(focus)))
            elif isinstance(focus, BNode):
                found.add(pyoxigraph.BlankNode(str(focus)))
            else:  # a literal focus node: cannot be traced to an article by node
                found.add(pyoxigraph.Literal(str(focus)))
                found.add(_ANY_ARTICLE)
    return found


class _AnyArticle:
    """Stands for a result no node lookup can place: every article of the group is re-validated."""


_ANY_ARTICLE = _AnyArticle()
