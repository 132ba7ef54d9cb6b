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
from collections.abc import Iterable
from typing import Any

from kg import vocab as V
from kg.validate.shacl import ValidationReport, Violation

SHAPE = V.PK + "ConsolidatedShape"
CHUNK = 2000        # entities per query when only some are checked


def _values(predicates: Iterable[str]) -> str:
    return " ".join(f"<{p}>" for p in sorted(predicates))


def _queries(foci: str) -> list[tuple[str, str]]:
    from kg.graph.consolidate import CLAIMED, OWN, SINGLE

    own = " && ".join(f'!STRSTARTS(STR(?focus), "{prefix}")' for prefix in OWN)
    return [
        ("one truthy value per single-valued property", f"""
SELECT ?focus ?path (COUNT(DISTINCT ?value) AS ?n) WHERE {{
  {foci}
  VALUES ?path {{ {_values(SINGLE)} }}
  ?focus ?path ?value .
  ?c <{V.claimSubject}> ?focus ; <{V.claimProperty}> ?path ; <{V.claimValue}> ?value .
}} GROUP BY ?focus ?path HAVING (COUNT(DISTINCT ?value) > 1)"""),
        ("a claim behind each truthy value", f"""
SELECT ?focus ?path ?value WHERE {{
  {foci}
  VALUES ?path {{ {_values(CLAIMED)} }}
  ?focus ?path ?value .
  FILTER({own})
  OPTIONAL {{ ?c <{V.claimSubject}> ?focus ; <{V.claimProperty}> ?path ; <{V.claimValue}> ?value }}
  FILTER(!BOUND(?c))
  OPTIONAL {{ GRAPH <{V.REFERENCE_GRAPH}> {{ ?focus ?path ?value }} BIND(true AS ?fixed) }}
  FILTER(!BOUND(?fixed))
}}"""),
        ("each claim complete", f"""
SELECT ?focus ?path ?claim WHERE {{
  {foci}
  ?claim <{V.claimSubject}> ?focus .
  OPTIONAL {{ ?claim <{V.claimProperty}> ?path }}
  OPTIONAL {{ ?claim <{V.articleCount}> ?n }}
  OPTIONAL {{ ?claim <{V.statedIn}> ?a }}
  OPTIONAL {{ ?claim <{V.claimValue}> ?v }}
  OPTIONAL {{ ?claim <{V.rank}> ?r FILTER(?r IN (<{V.PreferredRank}>, <{V.NormalRank}>, <{V.DeprecatedRank}>)) }}
  OPTIONAL {{ ?claim a ?t FILTER(?t = <{V.Claim}>) }}
}} GROUP BY ?focus ?path ?claim ?n
HAVING (COUNT(?a) = 0 || COUNT(?v) = 0 || COUNT(?r) = 0 || COUNT(?t) = 0
        || !BOUND(?n) || COUNT(DISTINCT ?a) != ?n)"""),
    ]


def check_consolidated(store: Any, entities: Iterable[str] | None = None) -> ValidationReport:
    """Run the checks on the consolidated graph of ``store``, for ``entities`` (IRIs) or all of them."""
    import pyoxigraph

    t = time.perf_counter()
    graph = pyoxigraph.NamedNode(V.CONSOLIDATED_GRAPH)
    if not store.contains_named_graph(graph):
        return ValidationReport(True, ())
    if entities is None:
        batches: list[str] = [""]
    else:
        wanted = sorted(e for e in set(entities) if e.startswith(V.ID))
        batches = ["VALUES ?focus { " + " ".join(f"<{e}>" for e in wanted[i:i + CHUNK]) + " }"
                   for i in range(0, len(wanted), CHUNK)]
    found: list[Violation] = []
    for foci in batches:
        for rule, text in _queries(foci):
            for row in store.query(text, default_graph=graph, named_graphs=[pyoxigraph.NamedNode(V.REFERENCE_GRAPH)]):
                focus, path = row["focus"].value, row["path"].value if row["path"] is not None else None
                found.append(Violation(focus=focus, path=path, shape=SHAPE, message=f"consolidated graph: {rule} "
                                       f"fails for {focus}" + (f" ({path})" if path else ""), graph=V.CONSOLIDATED_GRAPH))
    return ValidationReport(not found, tuple(found), seconds=time.perf_counter() - t)
