"""SHACL validation with pyshacl (core constraints), and the report types.

The shapes are ``ontology/shapes.ttl`` (SHACL 1.0 core, no ``sh:sparql``; see
the header of that file). Results are read from pyshacl's results graph
(``sh:focusNode``, ``sh:resultPath``, ``sh:sourceShape``, ``sh:resultMessage``,
``sh:resultSeverity``, ``sh:value``), never from its text report.

A report *conforms* when it has no result of severity ``Violation``;
warnings and infos are reported but do not fail it.
"""
from __future__ import annotations

import dataclasses
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
    """Parse a Turtle shapes file into an rdflib Graph."""
    import rdflib

    return rdflib.Graph().parse(str(path), format="turtle")


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
    import pyshacl

    if isinstance(shapes, (str, Path)):
        shapes = load_shapes(Path(shapes))
    started = time.perf_counter()
    with _quiet_rdflib():
        _, results, _ = pyshacl.validate(
            data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=False,
            meta_shacl=False, abort_on_first=False, allow_warnings=True, allow_infos=True,
        )
        violations = sorted(_read_results(results, graph_of),
                            key=lambda v: (v.graph or "", v.focus, v.shape, v.path or "", v.value or ""))
        focus_nodes = _count_focus_nodes(data, shapes)
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


def validate_quads(quads: Sequence[Any], shapes: rdflib.Graph | Path,
                   ontology: rdflib.Graph | None = None) -> ValidationReport:
    """Validate the quads of ONE named graph (an article) on their own.

    The graph name of the first quad is given to every result, so that the
    caller can leave that article out.
    """
    import pyoxigraph
    import rdflib

    graph = rdflib.Graph()
    data = pyoxigraph.serialize((pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads),
                                format=pyoxigraph.RdfFormat.N_TRIPLES)
    graph.parse(data=data.decode("utf-8"), format="nt")
    name = quads[0].graph_name.value if quads and hasattr(quads[0].graph_name, "value") else None
    report = _validate(graph, shapes, ontology, graph_of=None)
    if name is None:
        return report
    return ValidationReport(conforms=report.conforms,
                            violations=tuple(dataclasses.replace(v, graph=name) for v in report.violations),
                            focus_nodes=report.focus_nodes, seconds=report.seconds)
