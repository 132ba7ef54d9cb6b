"""The SHACL shapes, loaded once and prepared once for repeated validations by either engine.

pyshacl reads the shapes graph tens of thousands of times per article graph:
:func:`load_shapes` gives a graph that memoises its lookups, and
:func:`prepare_shapes` builds pyshacl's Shape objects once per shapes graph and
speeds up one of pyshacl's lookups (:func:`_speed_up_pyshacl`; the pyshacl
internals this relies on are pinned in pyproject.toml).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

SHAPES_PATH = Path(__file__).resolve().parents[3] / "ontology" / "shapes.ttl"


def load_shapes(path: Path = SHAPES_PATH) -> rdflib.Graph:
    """Parse a Turtle shapes file into an rdflib Graph (a read-mostly one that memoises lookups).

    pyshacl reads the shapes graph tens of thousands of times per article
    graph (every property shape is re-read for every focus node); the
    returned graph answers repeated ``triples()`` patterns from a memo that
    any change to the graph clears.
    """
    return _frozen_graph_class()().parse(str(path), format="turtle")


@dataclass
class Prepared:
    """A shapes graph ready for repeated validations."""

    graph: Any                  # the memoising rdflib Graph of the shapes
    shapes_graph: Any           # pyshacl's ShapesGraph over it, its Shape objects built once
    target_classes: frozenset[str]
    batchable: bool
    shapes_ntriples: str | None = None      # the shapes as N-Triples, for pyrudof
    rudof: tuple[int, Any] | None = None    # (process id, pyrudof session): see rudof_engine.rudof_session
    ordered: frozenset[str] | None = None   # see rudof_engine.ordered_predicates


_PREPARED: dict[int, tuple[Any, Prepared]] = {}
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


def prepare_shapes(shapes: Any) -> Prepared:
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
    prepared = Prepared(graph=graph, shapes_graph=shapes_graph,
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
    setattr(shape_module, "CONSTRAINT_PARAMS", (_HashedList(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP))


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
