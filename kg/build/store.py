"""Writing a build's store and dump: the fixed graphs (ontology, reference data), the reused article graphs
and the new ones, streamed as the executors deliver them.

A full build bulk-loads a new store; an incremental one clones the previous store (a RocksDB checkpoint:
hard links), removes the stale graphs and adds the new ones, while a thread copies the reused TriG blocks.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyoxigraph

from kg.build.article import ArticleResult
from kg.build.context import Context
from kg.build.ledger import Affected, Ledger
from kg.build.plan import BuildPlan
from kg.curate.layer import drop_curations
from kg.graph.ontology import ontology_quads
from kg.graph.reference import reference_quads
from kg.graph.store import bulk_extend_chunked
from kg.graph.trig import BlockCopier
from kg.graph.union import remove_article_graph, with_union
from kg.manifest import Entry

Progress = Callable[[int, int], None]


def write_store(partial: Path, plan: BuildPlan, ctx: Context, ledger: Ledger, affected: Affected,
                results: Iterable[ArticleResult], progress: Progress | None = None) -> pyoxigraph.Store:
    """Write ``partial``/store and the dump of ``ledger``: the fixed graphs (a full build), the reused article
    graphs and the new ``results``; every source is accounted for in ``ledger``. The dump is closed after."""
    dump = ledger.dump
    copier = None
    try:
        fixed: list[Any] = []
        if not plan.incremental:
            fixed = list(itertools.chain(ontology_quads(ctx.resources), reference_quads(ctx.gazetteer)))
        ledger.manifest.head = dump.write_head(plan.previous.head if plan.previous else 0, fixed)
        fresh = fresh_quads(results, plan, ledger, affected, progress)
        if plan.incremental:
            store, copier = _update_previous(partial, plan, ledger, affected, fresh)
        else:
            store = _write_new(partial, plan, ledger, fixed, fresh)
        store.flush()
        if copier is not None:
            copier.join()
    finally:
        if copier is not None:
            copier.join(raise_error=False)
        dump.close()
    return store


def fresh_quads(results: Iterable[ArticleResult], plan: BuildPlan, ledger: Ledger, affected: Affected,
                progress: Progress | None = None) -> Iterator[Any]:
    """The quads of the articles extracted in this build, each accounted for as it comes."""
    hashes = plan.hashes
    for i, r in enumerate(results):
        if progress:
            progress(len(plan.reused) + i + 1, len(plan.sources))
        entry = Entry(hashes[r.path] or "", r.graph, r.quads, r.facts, dict(r.counts),
                      [asdict(pr) for pr in r.problems], meta=dict(r.meta))
        if ledger.account(r.path, entry, r.trig):
            yield from affected.passing(pyoxigraph.parse(r.trig, format=pyoxigraph.RdfFormat.TRIG))


def _update_previous(partial: Path, plan: BuildPlan, ledger: Ledger, affected: Affected,
                     fresh: Iterator[Any]) -> tuple[pyoxigraph.Store, BlockCopier]:
    """The previous store cloned, without its curations and stale graphs, with the fresh graphs; the reused
    blocks are copied by the kernel in a thread (hundreds of MB at 10k articles) while the changed articles
    are extracted, and the new blocks go after them."""
    assert plan.previous_dir is not None
    pyoxigraph.Store.read_only(str(plan.previous_dir / "store")).backup(str(partial / "store"))
    store = pyoxigraph.Store(str(partial / "store"))
    # the previous build's curations go first (the checks read extraction alone); this build's are
    # applied before the claims are consolidated, and what the old ones touched is consolidated again
    affected.add_changed(drop_curations(store))
    for graph in plan.stale:
        affected.add_subjects(store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph)))
        remove_article_graph(store, graph)
    kept = [entry for key, entry in plan.reused.items() if ledger.account(key, entry, placed=True)]
    copier = BlockCopier(plan.previous_dir / "graph.trig", partial / "graph.trig", ledger.manifest.head, kept)
    ledger.dump.skip_to(copier.end)
    store.extend(with_union(fresh))
    return store, copier


def _write_new(partial: Path, plan: BuildPlan, ledger: Ledger, fixed: list[Any],
               fresh: Iterator[Any]) -> pyoxigraph.Store:
    """A new store: one streaming bulk load while the articles are extracted (in parallel)."""
    store = pyoxigraph.Store(str(partial / "store"))
    old = None
    if plan.reused and plan.previous_dir:
        old = pyoxigraph.Store.read_only(str(plan.previous_dir / "store"))

    def reused_quads() -> Iterator[Any]:
        for key, entry in plan.reused.items():
            if ledger.account(key, entry) and old is not None and entry.graph is not None:
                yield from old.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(entry.graph))

    bulk_extend_chunked(store, with_union(itertools.chain(fixed, reused_quads(), fresh)))
    return store
