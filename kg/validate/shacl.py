"""SHACL validation with pyshacl (core constraints), and the report types.

The shapes are ``ontology/shapes.ttl`` (SHACL 1.0 core, no ``sh:sparql``; see
the header of that file). Results are read from pyshacl's results graph
(``sh:focusNode``, ``sh:resultPath``, ``sh:sourceShape``, ``sh:resultMessage``,
``sh:resultSeverity``, ``sh:value``), never from its text report.

A report *conforms* when it has no result of severity ``Violation``;
warnings and infos are reported but do not fail it.

Article graphs (:func:`validate_quads`, :func:`validate_quads_batch`) can go
through another engine: ``KG_SHACL_ENGINE=rudof`` (or ``engine="rudof"``)
validates each article with pyrudof (rudof's Rust SHACL engine, an optional
dependency), about three times faster; see :func:`shacl_engine` for where it
differs from pyshacl and what is done about it. pyshacl stays the default,
and is always used with an ``ontology`` and for :func:`validate_graph` /
:func:`validate_nquads`.
"""
from __future__ import annotations

import dataclasses
import functools
import os
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from kg import vocab

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

SHAPES_PATH = Path(__file__).resolve().parents[2] / "ontology" / "shapes.ttl"
SHAPES = "https://w3id.org/pilkada-kg/shapes#"

# Prefixes used to shorten IRIs in readable reports (longest namespace wins).
_SHORT = {**vocab.PREFIXES, "pks": SHAPES, "id": vocab.ID, "graph": vocab.GRAPH}
_BY_LENGTH = sorted(_SHORT.items(), key=lambda item: -len(item[1]))


@dataclass(frozen=True)
class Violation:
    """One validation result.

    ``focus``, ``path`` and ``shape`` are full IRIs (a SPARQL check's
    ``shape`` is the check's name); ``graph`` is the named graph the result
    was traced to, when known; ``value`` is the offending value (an IRI or a
    literal's lexical form).
    """

    focus: str
    path: str | None
    shape: str
    message: str
    severity: str = "Violation"
    graph: str | None = None
    value: str | None = None

    def to_text(self) -> str:
        """One line: severity, shape, focus, path, message (value, graph)."""
        parts = [f"{self.severity:<9}", shorten(self.shape), shorten(self.focus),
                 shorten(self.path) if self.path else "-", self.message]
        if self.value is not None:
            parts.append(f"value={shorten(self.value)}")
        if self.graph is not None:
            parts.append(f"graph={shorten(self.graph)}")
        return "  ".join(parts)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation pass: conformance plus every result."""

    conforms: bool
    violations: tuple[Violation, ...]
    focus_nodes: int = 0
    seconds: float = 0.0

    def merge(self, other: ValidationReport) -> ValidationReport:
        """Both reports as one: conforms only if both do."""
        return ValidationReport(
            conforms=self.conforms and other.conforms,
            violations=self.violations + other.violations,
            focus_nodes=self.focus_nodes + other.focus_nodes,
            seconds=self.seconds + other.seconds,
        )

    def count(self, severity: str = "Violation") -> int:
        """How many results have this severity."""
        return sum(1 for v in self.violations if v.severity == severity)

    def offending_graphs(self) -> frozenset[str]:
        """Named graphs holding at least one result of severity Violation."""
        return frozenset(v.graph for v in self.violations
                         if v.severity == "Violation" and v.graph is not None)

    def to_text(self) -> str:
        """A readable report: a summary line, then one line per result."""
        verdict = "conforms" if self.conforms else "does not conform"
        tallies = ", ".join(f"{n} {s.lower()}{'' if n == 1 else 's'}"
                            for s in ("Violation", "Warning", "Info")
                            if (n := self.count(s)))
        scope = f"{self.focus_nodes} focus nodes, " if self.focus_nodes else ""
        head = f"{verdict}: {tallies or 'no results'} ({scope}{self.seconds:.2f} s)"
        return "\n".join([head, *(v.to_text() for v in self.violations)])


def shorten(iri: str) -> str:
    """``https://w3id.org/pilkada-kg/ns#head`` → ``pk:head`` (else unchanged)."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def load_shapes(path: Path = SHAPES_PATH) -> rdflib.Graph:
    """Parse a Turtle shapes file into an rdflib Graph (a read-mostly one that memoises lookups).

    pyshacl reads the shapes graph tens of thousands of times per article
    graph (every property shape is re-read for every focus node); the
    returned graph answers repeated ``triples()`` patterns from a memo that
    any change to the graph clears.
    """
    return _frozen_graph_class()().parse(str(path), format="turtle")


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph | Path,
                   ontology: rdflib.Graph | None = None) -> ValidationReport:
    """Validate an rdflib Graph or Dataset (the union of its graphs).

    ``ontology``, when given, is mixed into a copy of the data graph by
    pyshacl, so that e.g. ``rdfs:subClassOf`` triples count for
    ``sh:class``; the shapes themselves do not need it.
    """
    return _validate(data, shapes, ontology, graph_of=None)


def validate_nquads(data: bytes, shapes: rdflib.Graph | Path,
                    ontology: rdflib.Graph | None = None) -> ValidationReport:
    """Validate N-Quads bytes (one or more article graphs) as one union.

    Each result's ``graph`` names the named graph that holds the offending
    triple (focus, path, value); failing that, the one holding the focus
    node's triples for that path, then any triple about the focus node. When
    several graphs qualify, the first in IRI order is named.
    """
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    with _quiet_rdflib():
        dataset.parse(data=data, format="nquads")
    return _validate(dataset, shapes, ontology, graph_of=lambda *key: _graph_of(dataset, *key))


# --- internals ----------------------------------------------------------------


def _validate(data: Any, shapes: Any, ontology: Any,
              graph_of: Callable[[Any, Any, Any], str | None] | None) -> ValidationReport:
    prepared = _prepare_shapes(shapes)
    started = time.perf_counter()
    with _quiet_rdflib():
        results = _run_pyshacl(data, prepared, ontology)
        violations = sorted(_read_results(results, graph_of), key=_violation_key)
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
            focus=_text(focus),
            path=_text(path) if path is not None else None,
            shape=_text(results.value(result, SH.sourceShape)),
            message=messages[0] if messages else "",
            severity=_local_name(severity) if severity is not None else "Violation",
            graph=graph_of(focus, path, value) if graph_of is not None else None,
            value=_text(value) if value is not None else None,
        )


def _graph_of(dataset: Any, focus: Any, path: Any, value: Any) -> str | None:
    """The first named graph (IRI order) that best explains a result."""
    from rdflib import URIRef

    patterns = []
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


def _text(term: Any) -> str:
    """An IRI as is, a literal as its lexical form, a blank node as ``_:id``."""
    from rdflib import BNode

    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _local_name(iri: Any) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


ENGINES = ("pyshacl", "rudof")


def shacl_engine(engine: str | None = None) -> str:
    """The SHACL engine for article graphs: ``engine``, else ``$KG_SHACL_ENGINE``, else ``"pyshacl"``.

    ``"rudof"`` (pyrudof, ``pip install pyrudof``) gives the same results as
    pyshacl on every case under tests/validate/cases and on the synthetic
    corpus with mutations (benchmarks/shacl_parity.py), with two known
    differences, handled here: rudof does not check the lexical form of
    ``xsd:date`` literals ("2024-02-30"), rdflib rewrites some lexical forms
    (``"01"^^xsd:integer`` reads ``"1"``), and the engines disagree on
    sh:lessThan between values that are not comparable (an IRI, literals of
    different datatypes); an article holding such data is validated by
    pyshacl instead (:func:`_rudof_reads_differently`). Result messages are
    each engine's own wording; focus, path, shape, value and severity agree.
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
    prepared = _prepare_shapes(shapes)
    if ontology is None and shacl_engine(engine) == "rudof":
        return _rudof_validate_quads(quads, prepared)
    started = time.perf_counter()
    with _quiet_rdflib():
        results = _run_pyshacl(_to_rdflib_graph([quads]), prepared, ontology)
        violations = sorted(_read_results(results, None), key=_violation_key)
    return _article_report(quads, violations, prepared, time.perf_counter() - started)


def validate_quads_batch(batch: Sequence[Sequence[Any]], shapes: rdflib.Graph | Path,
                         ontology: rdflib.Graph | None = None, engine: str | None = None
                         ) -> list[ValidationReport]:
    """Validate many article graphs; element ``i`` is what ``validate_quads(batch[i])`` reports.

    With the rudof engine (:func:`shacl_engine`) each article is validated
    on its own: rudof has no per-call cost worth amortising.

    The articles are validated together, in as few pyshacl calls as their
    content allows: the batch is split into groups in which every node
    (IRI or blank node) that two articles both mention has the very same
    outgoing triples in each of them, and each group is validated as one
    union graph. The shapes only follow forward paths from focus nodes found
    by ``rdf:type`` (checked by :func:`_batchable`), so in such a union each
    node of an article sees exactly the triples it sees in the article alone:
    the same focus nodes, the same value nodes, the same results. An article
    that mentions no node with a result in its group's report is therefore
    clean; the articles that do are validated again on their own, so that
    their reports are the single-article reports. Any error in a group
    (pyshacl raising) sends the whole group through :func:`validate_quads`.

    With an ``ontology``, or shapes that are not :func:`_batchable`, each
    article goes through :func:`validate_quads`.
    """
    prepared = _prepare_shapes(shapes)
    if ontology is None and shacl_engine(engine) == "rudof":
        return [_rudof_validate_quads(quads, prepared) for quads in batch]
    if ontology is not None or not prepared.batchable or len(batch) < 2:
        return [validate_quads(quads, prepared.graph, ontology) for quads in batch]
    descriptions = [_describe(quads) for quads in batch]
    reports: list[ValidationReport | None] = [None] * len(batch)
    for group in _compatible_groups(descriptions):
        if len(group) == 1:
            reports[group[0]] = validate_quads(batch[group[0]], prepared.graph)
            continue
        started = time.perf_counter()
        try:
            with _quiet_rdflib():
                results = _run_pyshacl(_to_rdflib_graph([batch[i] for i in group]), prepared, None)
                focus = _result_focus_nodes(results)
        except Exception:  # noqa: BLE001 - the single-article pass raises it again, for the right article
            for i in group:
                reports[i] = validate_quads(batch[i], prepared.graph)
            continue
        share = (time.perf_counter() - started) / len(group)
        for i in group:
            if focus and (_ANY_ARTICLE in focus or not focus.isdisjoint(descriptions[i])):
                reports[i] = validate_quads(batch[i], prepared.graph)
            else:
                reports[i] = _article_report(batch[i], [], prepared, share)
    return reports  # type: ignore[return-value]


# --- speed: shapes prepared once, data graphs built from pyoxigraph terms ------------


@dataclass
class _Prepared:
    """A shapes graph ready for repeated validations."""

    graph: Any                  # the memoising rdflib Graph of the shapes
    shapes_graph: Any           # pyshacl's ShapesGraph over it, its Shape objects built once
    target_classes: frozenset[str]
    batchable: bool
    shapes_ntriples: str | None = None      # the shapes as N-Triples, for pyrudof
    rudof: tuple[int, Any] | None = None    # (process id, pyrudof session): see _rudof_session
    ordered: frozenset[str] | None = None   # see _ordered_predicates


_PREPARED: dict[int, tuple[Any, _Prepared]] = {}
_FROZEN_GRAPH: Any = None


def _frozen_graph_class() -> Any:
    """An rdflib Graph that memoises ``triples()`` per pattern until it is changed."""
    global _FROZEN_GRAPH
    if _FROZEN_GRAPH is not None:
        return _FROZEN_GRAPH
    import rdflib
    from rdflib.paths import Path as RdfPath

    class MemoGraph(rdflib.Graph):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._memo: dict[Any, tuple[Any, ...]] = {}

        def add(self, triple: Any) -> Any:
            if triple not in self:  # pyshacl re-adds its system triples on every run
                self._memo.clear()
                super().add(triple)
            return self

        def addN(self, quads: Any) -> Any:  # noqa: N802 - rdflib's name
            self._memo.clear()
            return super().addN(quads)

        def remove(self, triple: Any) -> Any:
            self._memo.clear()
            return super().remove(triple)

        def set(self, triple: Any) -> Any:
            self._memo.clear()
            return super().set(triple)

        def triples(self, triple: Any) -> Any:
            if isinstance(triple[1], RdfPath):
                return super().triples(triple)
            try:
                found = self._memo.get(triple)
            except TypeError:  # an unhashable pattern: not memoised
                return super().triples(triple)
            if found is None:
                found = self._memo[triple] = tuple(super().triples(triple))
            return iter(found)

    _FROZEN_GRAPH = MemoGraph
    return MemoGraph


def _prepare_shapes(shapes: Any) -> _Prepared:
    """The prepared form of a shapes graph (or file), built once per object."""
    if isinstance(shapes, (str, Path)):
        key: Any = ("path", str(Path(shapes).resolve()))
    else:
        key = id(shapes)
    cached = _PREPARED.get(key)
    if cached is not None and (not isinstance(key, int) or cached[0] is shapes):
        return cached[1]
    from pyshacl.shapes_graph import ShapesGraph
    from rdflib.namespace import SH

    _speed_up_pyshacl()
    if isinstance(shapes, (str, Path)):
        graph = load_shapes(Path(shapes))
    elif isinstance(shapes, _frozen_graph_class()):
        graph = shapes
    else:  # a plain rdflib Graph: a memoising view of the same store and prefixes (do not change it later)
        graph = _frozen_graph_class()(store=shapes.store, identifier=shapes.identifier,
                                      namespace_manager=shapes.namespace_manager)
    shapes_graph = ShapesGraph(graph)
    shapes_graph.shapes  # noqa: B018 - builds pyshacl's Shape objects now, once
    prepared = _Prepared(graph=graph, shapes_graph=shapes_graph,
                         target_classes=frozenset(str(c) for c in graph.objects(None, SH.targetClass)),
                         batchable=_batchable(graph))
    if len(_PREPARED) > 16:
        _PREPARED.clear()
    _PREPARED[key] = (shapes, prepared)
    return prepared


def _batchable(shapes: Any) -> bool:
    """Whether a union of article graphs validates each node as its own article would.

    True when the shapes select focus nodes only by class (``sh:targetClass``,
    implicit class targets) or by their own outgoing triples
    (``sh:targetSubjectsOf``), and reach other nodes only along forward
    paths: no inverse path, no ``sh:targetObjectsOf`` or ``sh:targetNode``,
    no SPARQL-based targets or constraints, no JavaScript.
    """
    from rdflib import URIRef

    sh = "http://www.w3.org/ns/shacl#"
    forbidden = {URIRef(sh + name) for name in (
        "inversePath", "targetObjectsOf", "targetNode", "target", "sparql", "select", "ask",
        "js", "jsFunctionName", "rule", "SPARQLTarget", "SPARQLTargetType")}
    return not any(p in forbidden or o in forbidden for _, p, o in shapes)


def _speed_up_pyshacl() -> None:
    """Give pyshacl a hashed lookup for its constraint parameters.

    ``pyshacl.shape.Shape.validate`` tests every predicate of a shape with
    ``p in ALL_CONSTRAINT_PARAMETERS``, a list of about 40 IRIs compared one
    by one with rdflib's Python ``__eq__``: a quarter of all validation time.
    pyshacl keeps that list in the module attribute ``CONSTRAINT_PARAMS`` as a
    cache; this fills the cache with a list whose membership test uses a
    frozenset of the same IRIs. Same elements, same order, same answers.
    Does nothing when pyshacl no longer has that cache.
    """
    try:
        import pyshacl.shape as shape_module
        from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
    except ImportError:  # pragma: no cover - another pyshacl layout
        return
    current = getattr(shape_module, "CONSTRAINT_PARAMS", (None, None))
    if isinstance(current[0], _HashedList) or not isinstance(ALL_CONSTRAINT_PARAMETERS, list):
        return
    if current[0] is not None and current[0] is not ALL_CONSTRAINT_PARAMETERS:
        return  # someone else filled the cache: leave it
    shape_module.CONSTRAINT_PARAMS = (_HashedList(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)


class _HashedList(list):  # type: ignore[type-arg]
    """A list whose ``in`` is a set lookup (its items are hashable and never change)."""

    def __init__(self, items: Iterable[Any]) -> None:
        super().__init__(items)
        self._set = frozenset(self)

    def __contains__(self, item: object) -> bool:
        try:
            return item in self._set
        except TypeError:
            return list.__contains__(self, item)

    def copy(self) -> list[Any]:  # type: ignore[override]
        return list(self)  # callers append to the copy (advanced mode, SHACL-JS)


def _run_pyshacl(data: Any, prepared: _Prepared, ontology: Any) -> Any:
    """pyshacl's results graph for ``data``, reusing the prepared ShapesGraph.

    Same options as ``pyshacl.validate(..., inference="none", advanced=False,
    allow_warnings=True, allow_infos=True)``; the data graph is not copied
    unless an ontology is mixed in.
    """
    import pyshacl
    from pyshacl.graph_abstraction import DataGraph
    from pyshacl.monkey import apply_patches
    from pyshacl.rdfutil.load import load_from_source

    try:
        from pyshacl.functions import assign_baked_in
    except ImportError:  # pragma: no cover
        assign_baked_in = None
    apply_patches()
    if assign_baked_in is not None:
        assign_baked_in()
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


def _violation_key(v: Violation) -> tuple[str, ...]:
    return (v.graph or "", v.focus, v.shape, v.path or "", v.value or "")


def _article_report(quads: Sequence[Any], violations: list[Violation], prepared: _Prepared,
                    seconds: float) -> ValidationReport:
    """The report of one article: its graph name on every result, its own focus-node count."""
    name = quads[0].graph_name.value if quads and hasattr(quads[0].graph_name, "value") else None
    if name is not None:
        violations = [dataclasses.replace(v, graph=name) for v in violations]
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    focus_nodes = len({q.subject for q in quads if q.predicate.value == rdf_type
                       and getattr(q.object, "value", None) in prepared.target_classes
                       and _is_named(q.object)})
    return ValidationReport(conforms=not any(v.severity == "Violation" for v in violations),
                            violations=tuple(violations), focus_nodes=focus_nodes, seconds=seconds)


def _is_named(term: Any) -> bool:
    import pyoxigraph

    return isinstance(term, pyoxigraph.NamedNode)


_TERMS: dict[Any, Any] = {}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _term(term: Any) -> Any:
    """The rdflib term of a pyoxigraph term, as rdflib's N-Triples parser would make it."""
    found = _TERMS.get(term)
    if found is not None:
        return found
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, pyoxigraph.NamedNode):
        found = URIRef(term.value)
    elif isinstance(term, pyoxigraph.Literal):
        if term.language:
            found = Literal(term.value, lang=term.language)
        elif term.datatype.value == _XSD_STRING:
            found = Literal(term.value)
        else:
            found = Literal(term.value, datatype=URIRef(term.datatype.value))
    elif isinstance(term, pyoxigraph.BlankNode):
        found = BNode(term.value)
    else:  # pragma: no cover - RDF-star triples are not article data
        raise TypeError(f"cannot validate term {term!r}")
    if len(_TERMS) > 200_000:
        _TERMS.clear()
    _TERMS[term] = found
    return found


def _to_rdflib_graph(articles: Iterable[Sequence[Any]]) -> Any:
    """One rdflib Graph holding the triples of the given quads (graph names dropped)."""
    import rdflib

    graph = rdflib.Graph()
    add = graph.store.add
    for quads in articles:
        for q in quads:
            add((_term(q.subject), _term(q.predicate), _term(q.object)), graph)
    return graph


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


# --- the rudof engine: pyrudof, one article per validation ------------------------------

_RUDOF_EMPTY = "<urn:x-pilkada-kg:empty> <urn:x-pilkada-kg:empty> <urn:x-pilkada-kg:empty> .\n"
# rudof validates with worker threads that it starts on first use; they do not survive a fork, and a forked
# child's rudof validation then waits for them forever. A child forked after its parent validated with rudof
# therefore validates with pyshacl (a build never does this: its parent process forks before validating).
_RUDOF_USED = False
_RUDOF_FORKED = False


def _after_fork_in_child() -> None:
    global _RUDOF_FORKED
    if _RUDOF_USED:
        _RUDOF_FORKED = True


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _rudof_session(prepared: _Prepared) -> Any:
    """This process's pyrudof session holding the prepared shapes (made once per process and shapes).

    The session's data graph holds one triple no shape can see; each article
    is loaded into a staging frame over it and rolled back after validation
    (loading data anew costs rudof ~80 ms, a staged load well under 1 ms).
    """
    pid = os.getpid()
    if prepared.rudof is not None and prepared.rudof[0] == pid:
        return prepared.rudof[1]
    try:
        import pyrudof
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise RuntimeError("KG_SHACL_ENGINE=rudof needs pyrudof (pip install pyrudof)") from err
    if prepared.shapes_ntriples is None:
        prepared.shapes_ntriples = prepared.graph.serialize(format="nt")
    session = pyrudof.Rudof(pyrudof.RudofConfig())
    session.read_shacl(prepared.shapes_ntriples, format=pyrudof.ShaclFormat.NTriples)
    session.read_data(_RUDOF_EMPTY, format=pyrudof.RDFFormat.NTriples)
    prepared.rudof = (pid, session)
    return session


def _rdflib_ill_typed(quads: Sequence[Any]) -> bool:
    """Whether rdflib (pyshacl's view of the data) calls a typed literal of the article ill-typed
    (``"2024-02-30"^^xsd:date``) or rewrites its lexical form (``"01"^^xsd:integer`` is ``"1"``)."""
    import pyoxigraph

    for q in quads:
        o = q.object
        if isinstance(o, pyoxigraph.Literal) and not o.language and o.datatype.value != _XSD_STRING:
            term = _term(o)
            if getattr(term, "ill_typed", None) or str(term) != o.value:
                return True
    return False


_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def _ordered_predicates(prepared: _Prepared) -> frozenset[str]:
    """The predicates whose values sh:lessThan / sh:lessThanOrEquals compare (the path and the other property)."""
    if prepared.ordered is None:
        from rdflib import URIRef
        from rdflib.namespace import SH

        found: set[str] = set()
        for rule in (SH.lessThan, SH.lessThanOrEquals):
            for shape, other in prepared.graph.subject_objects(rule):
                found.add(str(other))
                found.update(str(p) for p in prepared.graph.objects(shape, SH.path) if isinstance(p, URIRef))
        prepared.ordered = frozenset(found)
    return prepared.ordered


def _rudof_reads_differently(quads: Sequence[Any], prepared: _Prepared) -> bool:
    """Whether pyrudof's results on this article may differ from pyshacl's (then pyshacl validates it).

    Two cases, found by benchmarks/shacl_parity.py: a typed literal rdflib
    calls ill-typed (rudof does not check the lexical space of xsd:date) or
    writes in another lexical form (the results would show another value), and
    a value compared by sh:lessThan that is not an xsd:integer literal
    (an IRI, or literals of different datatypes: each engine reports a
    different subset of the incomparable pairs).
    """
    import pyoxigraph

    ordered = _ordered_predicates(prepared)
    for q in quads:
        o = q.object
        if q.predicate.value in ordered and not (isinstance(o, pyoxigraph.Literal)
                                                 and o.datatype.value == _XSD_INTEGER):
            return True
    return _rdflib_ill_typed(quads)


def _rudof_validate_quads(quads: Sequence[Any], prepared: _Prepared) -> ValidationReport:
    """:func:`validate_quads` by pyrudof; pyshacl for an article pyrudof would read differently.

    Articles that :func:`_rudof_reads_differently` go to pyshacl, and so does
    any article rudof cannot load or validate.
    """
    if _RUDOF_FORKED:
        _warn_forked()
        return validate_quads(quads, prepared.graph, engine="pyshacl")
    if _rudof_reads_differently(quads, prepared):
        return validate_quads(quads, prepared.graph, engine="pyshacl")
    started = time.perf_counter()
    try:
        found = rudof_violations(quads, prepared)
    except Exception:  # noqa: BLE001 - pyshacl gives the verdict (and raises, if it must)
        return validate_quads(quads, prepared.graph, engine="pyshacl")
    violations = sorted(found, key=_violation_key)
    return _article_report(quads, violations, prepared, time.perf_counter() - started)


def rudof_violations(quads: Sequence[Any], prepared: _Prepared, strict: bool = True) -> list[Violation]:
    """pyrudof's own results on one article, without the hand-over to pyshacl; an error raises.

    ``strict`` reads the data as :func:`validate_quads` does (an ill-typed literal is an error);
    the parity checks read it leniently, to see what rudof makes of such data.
    """
    import pyoxigraph
    import pyrudof

    global _RUDOF_USED
    session = _rudof_session(prepared)
    data = pyoxigraph.serialize((pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads),
                                format=pyoxigraph.RdfFormat.N_TRIPLES)
    try:
        session.begin_staging()
    except Exception:  # a session in a bad state: the next call makes a new one
        prepared.rudof = None
        raise
    try:
        mode = {"reader_mode": pyrudof.ReaderMode.Strict} if strict else {}
        session.read_data(data.decode("utf-8") if data else "", format=pyrudof.RDFFormat.NTriples,
                          merge=True, **mode)
        _RUDOF_USED = True
        return [_rudof_violation(v) for v in session.validate_shacl()]
    finally:
        try:
            session.rollback_staging()
        except Exception:  # noqa: BLE001
            prepared.rudof = None


@functools.lru_cache(maxsize=1)
def _warn_forked() -> None:
    import logging

    logging.getLogger(__name__).warning(
        "KG_SHACL_ENGINE=rudof: this process was forked from one that had used rudof, whose threads a fork "
        "does not copy; validating with pyshacl here (start worker processes with 'spawn' or 'forkserver', "
        "or fork them before validating)")


def _rudof_violation(entry: Any) -> Violation:
    path = entry.path
    severity = _rudof_term(str(entry.severity)) if entry.severity is not None else "Violation"
    return Violation(
        focus=_rudof_term(str(entry.focus_node)),
        path=_rudof_term(str(path)) if path else None,
        shape=_rudof_term(str(entry.source_shape)),
        message=_rudof_term(str(entry.message)) if entry.message else "",
        severity=_local_name(severity) or "Violation",
        value=_rudof_term(str(entry.value)) if entry.value is not None else None,
    )


def _rudof_term(text: str) -> str:
    """A term as rudof prints it → as :func:`_text` writes it: an IRI as is, a literal's lexical form."""
    import json
    import re

    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    match = re.fullmatch(r'"((?:[^"\\]|\\.)*)"(?:@[A-Za-z0-9-]+|\^\^\S+)?', text, flags=re.S)
    if match:
        try:
            return json.loads(f'"{match.group(1)}"')
        except ValueError:
            return match.group(1)
    return text
