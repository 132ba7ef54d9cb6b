"""Same-text articles in a build (:mod:`kg.graph.duplicates`), accounted for in its manifest and report."""
from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyoxigraph

from kg.build.ledger import Ledger, subject_key
from kg.build.report import Problem
from kg.graph.duplicates import settle_duplicates


def settle_build_duplicates(store: Any, ledger: Ledger) -> tuple[dict[str, bytes], list[str]]:
    """Settle same-text articles and account for it in the ledger's manifest, report and counts.

    Returns the new TriG blocks of the syndicated copies, by manifest key, and the keys of every article
    whose graph was replaced or removed.
    """
    t = time.perf_counter()
    report, counts, articles = ledger.report, ledger.counts, ledger.manifest.articles
    replaced: dict[str, bytes] = {}
    settled: list[str] = []
    for s in settle_duplicates(store, articles):
        settled.append(s.key)
        e, orig = articles[s.key], articles[s.original]
        report.facts -= e.facts
        for k, v in e.counts.items():
            counts[k] = counts.get(k, 0) - v
        where, first = e.meta.get("locator", s.key), orig.meta.get("locator", s.original)
        if s.copy:
            replaced[s.key] = s.block
            report.quads += s.quads - e.quads
            e.role, e.original, e.facts, e.quads, e.counts = "copy", s.original, 0, s.quads, {}
            msg, kind = f"syndicated copy of {first} (another outlet); linked to it, facts counted once", "copy"
        else:
            report.quads -= e.quads
            report.articles_built -= 1
            ledger.ids.pop(e.graph or "", None)
            e.role, e.original, e.graph, e.facts, e.quads, e.counts = "duplicate", s.original, None, 0, 0, {}
            msg, kind = f"same article as {first}; counted once", "duplicate"
        problem = Problem(where, "ingest", msg, kind=kind)
        report.problems.append(problem)
        e.problems = [p for p in e.problems if p.get("kind") not in {"copy", "duplicate"}] + [asdict(problem)]
    report.seconds["duplicates"] = round(time.perf_counter() - t, 3)
    return replaced, settled


def settled_subjects(dump: Path, ledger: Ledger, settled: list[str]) -> set[str]:
    """What the settled graphs stated before: the subjects of their blocks in the TriG dump ``dump``."""
    keys: set[str] = set()
    with open(dump, "rb") as file:
        for key in settled:
            where = ledger.manifest.articles[key].trig
            if where:
                file.seek(where[0])
                block = file.read(where[1])
                keys.update(subject_key(q.subject) for q in pyoxigraph.parse(block, format=pyoxigraph.RdfFormat.TRIG))
    return keys
