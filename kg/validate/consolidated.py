"""Checks of the consolidated model on the consolidated graph (:mod:`kg.graph.consolidate`).

The per-article SHACL shapes check what each article states; a disagreement
between articles is a warning of the whole-graph checks (:mod:`kg.validate.checks`).
The consolidated graph must hold by construction what the article graphs need
not: one truthy value per single-valued property of an entity, a claim behind
each truthy value, and every claim complete (one entity, property, value and
rank, at least one article, a count that is the number of its articles). Build
and ``kg validate`` run the same checks; a failure is a Violation (a defect of
consolidation, never of an article).
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any

from kg import vocab as V
from kg.graph.consolidate import CLAIMED, OWN, SINGLE
from kg.validate.report import ValidationReport, Violation

SHAPE = V.PK + "ConsolidatedShape"
RANKS = frozenset({V.PreferredRank, V.NormalRank, V.DeprecatedRank})


def check_consolidated(store: Any, entities: Iterable[str] | None = None) -> ValidationReport:
    """Run the checks on the consolidated graph of ``store``, for ``entities`` (IRIs) or all of them.

    Given entities, each is checked from its own quads and its claims' (pattern lookups, no join over
    the whole graph), so checking what an incremental rebuild touched costs what it holds. All of
    them are checked from one pass over the claims and one over each claimed property.
    """
    import pyoxigraph

    t = time.perf_counter()
    graph = pyoxigraph.NamedNode(V.CONSOLIDATED_GRAPH)
    if not store.contains_named_graph(graph):
        return ValidationReport(True, ())
    if entities is None:
        subjects: Iterable[tuple[Any, dict[str, list[Any]]]] = _everything(store, graph)
    else:
        subjects = _entities_and_claims(store, graph, sorted(e for e in set(entities) if e.startswith(V.ID)))
    found: list[Violation] = []
    claimed: dict[str, set[tuple[str, Any]]] = {}       # entity -> (property, value) of each of its claims
    truthy: dict[str, dict[str, list[Any]]] = {}        # entity -> claimed property -> truthy values
    for subject, props in subjects:
        if V.claimSubject in props:
            _check_claim(props, claimed, found)
        elif subject.value.startswith(V.ID):
            for p, values in props.items():
                if p in CLAIMED:
                    truthy.setdefault(subject.value, {}).setdefault(p, []).extend(values)
    for entity in sorted(truthy):
        found.extend(_check_truthy(store, entity, truthy[entity], claimed.get(entity, set())))
    found.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(not found, tuple(found), seconds=time.perf_counter() - t)


def _everything(store: Any, graph: Any) -> Iterator[tuple[Any, dict[str, list[Any]]]]:
    """Each claim with its quads, then the claimed properties of every entity, one property at a time
    (an entity may come once per property)."""
    from pyoxigraph import NamedNode

    for q in store.quads_for_pattern(None, NamedNode(V.claimSubject), None, graph):
        yield from _by_subject(store.quads_for_pattern(q.subject, None, None, graph))
    for p in sorted(CLAIMED):
        for q in store.quads_for_pattern(None, NamedNode(p), None, graph):
            if type(q.subject) is NamedNode:
                yield q.subject, {p: [q.object]}


def _by_subject(quads: Iterable[Any]) -> Iterator[tuple[Any, dict[str, list[Any]]]]:
    """(subject, {predicate: objects}) for each run of quads with one subject (one subject's quads)."""
    subject: Any = None
    props: dict[str, list[Any]] = {}
    for q in quads:
        if q.subject != subject:
            if subject is not None:
                yield subject, props
            subject, props = q.subject, {}
        props.setdefault(q.predicate.value, []).append(q.object)
    if subject is not None:
        yield subject, props


def _entities_and_claims(store: Any, graph: Any, entities: list[str]) -> Iterator[tuple[Any, dict[str, list[Any]]]]:
    """Each entity with its quads, then each of its claims with theirs."""
    from pyoxigraph import NamedNode

    about = NamedNode(V.claimSubject)
    for e in entities:
        node = NamedNode(e)
        yield from _by_subject(store.quads_for_pattern(node, None, None, graph))
        for q in store.quads_for_pattern(None, about, node, graph):
            yield from _by_subject(store.quads_for_pattern(q.subject, None, None, graph))


def _violation(focus: str, rule: str, path: str | None) -> Violation:
    return Violation(focus=focus, path=path, shape=SHAPE, message=f"consolidated graph: {rule} fails for {focus}"
                     + (f" ({path})" if path else ""), graph=V.CONSOLIDATED_GRAPH)


def _check_claim(props: dict[str, list[Any]], claimed: dict[str, set[tuple[str, Any]]],
                 found: list[Violation]) -> None:
    """Each claim complete: one entity, property, value, rank and count, at least one article, the count
    the number of its articles; its (property, value) noted for its entity."""
    path = props.get(V.claimProperty, [None])[0]
    for entity in props[V.claimSubject]:
        if path is not None:
            claimed.setdefault(entity.value, set()).update((path.value, v) for v in props.get(V.claimValue, []))
        articles = {a.value for a in props.get(V.statedIn, [])}
        counts = props.get(V.articleCount, [])
        complete = (articles and props.get(V.claimValue) and path is not None
                    and any(r.value in RANKS for r in props.get(V.rank, []))
                    and any(t.value == V.Claim for t in props.get(V.RDF + "type", []))
                    and len(counts) == 1 and counts[0].value.isdigit() and int(counts[0].value) == len(articles))
        if not complete:
            found.append(_violation(entity.value, "each claim complete", path.value if path is not None else None))


def _check_truthy(store: Any, entity: str, truthy: dict[str, list[Any]],
                  claimed: set[tuple[str, Any]]) -> list[Violation]:
    """One truthy value per single-valued property; a claim behind each truthy value (but the reference
    graph's own, and the facts of entities minted per article, which have no claims)."""
    from pyoxigraph import NamedNode

    reference = NamedNode(V.REFERENCE_GRAPH)
    out: list[Violation] = []
    for p in sorted(truthy):
        values = truthy[p]
        if p in SINGLE and len({v for v in values if (p, v) in claimed}) > 1:
            out.append(_violation(entity, "one truthy value per single-valued property", p))
        if entity.startswith(OWN):
            continue
        for v in values:
            if (p, v) not in claimed and next(iter(store.quads_for_pattern(NamedNode(entity), NamedNode(p), v,
                                                                             reference)), None) is None:
                out.append(_violation(entity, "a claim behind each truthy value", p))
    return out
