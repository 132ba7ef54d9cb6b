"""The whole-graph checks of a build (:mod:`kg.validate.checks`) and what a failure does: an article graph that
breaks a rule loses the smallest units carrying its violations, or is left out whole."""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyoxigraph

from kg.build.ledger import Ledger
from kg.build.report import Problem
from kg.graph.duplicates import article_of
from kg.graph.union import remove_article_graph, with_union
from kg.manifest import Entry
from kg.validate.checks import Finding, run_checks_incremental
from kg.validate.prune import prune_quads
from kg.validate.report import Violation, shorten
from kg.validate.shacl import validate_quads

FINDINGS = "checks.json"      # the results of the cross-article checks, carried to the next build


def read_findings(build_dir: Path | None) -> list[Finding] | None:
    """The cross-article check results of a build (None when it has none: the next build checks in full)."""
    if build_dir is None:
        return None
    try:
        rows = json.loads((build_dir / FINDINGS).read_text(encoding="utf-8"))
        return [Finding.from_json(row) for row in rows]
    except (OSError, ValueError, TypeError, KeyError):
        return None


def check_whole_graph(store: Any, ledger: Ledger, scope: set[str] | None = None, touched: set[str] | None = None,
                      previous: list[Finding] | None = None, partial: Path | None = None,
                      shapes: Callable[[], Any] | None = None, replaced: dict[str, bytes] | None = None
                      ) -> set[str]:
    """Run the whole-graph checks; prune or drop the article graphs that break a rule, then check again.
    Returns the article graphs dropped.

    With ``shapes`` (a callable giving the SHACL shapes) and ``replaced`` (TriG blocks by manifest key),
    an article graph that breaks a rule first loses the smallest units that carry its violations
    (:func:`kg.validate.prune.prune_quads`); when what is left passes the shapes, its new block goes in
    ``replaced`` and the article stays. Otherwise the whole graph is dropped, as without them.

    With ``touched`` and ``previous`` (see :func:`kg.validate.checks.run_checks_incremental`), the
    cross-article rules are recomputed for the touched nodes only. The findings of those rules are
    written to ``partial``/checks.json for the next build.
    """
    t = time.perf_counter()
    ids, report = ledger.ids, ledger.report
    if touched is not None and any(k.startswith("_:") for k in touched):
        touched = previous = None       # a blank node cannot be named in a query: check everything

    def run() -> tuple[Any, list[Finding], dict[str, Violation]]:
        checks, findings = run_checks_incremental(store, graphs=scope, touched=touched, previous=previous)
        culprits = {v.graph: v for v in checks.violations if v.severity == "Violation" and v.graph in ids}
        return checks, findings, culprits  # type: ignore[return-value]

    checks, findings, culprits = run()
    if culprits and shapes is not None and replaced is not None:
        pruned_any = False
        for g in list(culprits):
            bad = [v for v in checks.violations if v.severity == "Violation" and v.graph == g]
            key = ids[g]
            if prune_article_graph(store, g, bad, shapes(), ledger.manifest.articles[key], ledger, replaced, key):
                pruned_any = True
        if pruned_any:
            checks, findings, culprits = run()
    if culprits:
        for g, v in culprits.items():
            remove_article_graph(store, g)
            where = ledger.manifest.articles[ids[g]].meta.get("locator", ids[g])
            ledger.drop(ids[g], Problem(where, "validate", f"violates {v.shape} (focus {v.focus}): {v.message}",
                                        kind="invalid"))
        checks, findings, _ = run()
    if partial is not None:
        with open(partial / FINDINGS, "w", encoding="utf-8") as out:
            json.dump([f.to_json() for f in findings], out, ensure_ascii=False, separators=(",", ":"))
    report.add_validation(sum(1 for v in checks.violations if v.severity == "Violation"),
                          sum(1 for v in checks.violations if v.severity != "Violation"),
                          checks.conforms, checks.to_text() if checks.violations else "")
    report.seconds["checks"] = round(time.perf_counter() - t, 3)
    return set(culprits)


def prune_article_graph(store: Any, graph: str, violations: list[Violation], shapes: Any, entry: Entry,
                        ledger: Ledger, replaced: dict[str, bytes], key: str) -> bool:
    """Remove from ``graph`` in ``store`` the smallest units carrying ``violations``, when what is left
    passes the SHACL shapes; account for it in ``entry``, the report and ``replaced``. False: nothing done."""
    quads = list(store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph)))
    kept, pruned = prune_quads(quads, violations, protect=(article_of(graph),))
    if not pruned or not kept or not validate_quads(kept, shapes).conforms:
        return False
    remove_article_graph(store, graph)
    store.extend(with_union(kept))
    replaced[key] = pyoxigraph.serialize(kept, format=pyoxigraph.RdfFormat.TRIG) or b""
    ledger.report.quads += len(kept) - len(quads)
    entry.quads = len(kept)
    where = entry.meta.get("locator", key)
    for p in pruned:
        unit = {"statement": "its statement", "property": "that property"}.get(p.unit, "the node")
        problem = Problem(where, "validate", f"{shorten(p.focus)} violates {p.shape} ({p.message}); {unit} "
                          f"left out ({p.quads} quads), the rest of the article kept", kind="dropped")
        ledger.report.problems.append(problem)
        entry.problems = entry.problems + [asdict(problem)]
    return True
