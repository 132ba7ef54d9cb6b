"""The curation layer of a build's store: written after extraction, dropped before the next build applies its own.

The curation graphs (``graph/curation/{id}``) sit beside the article graphs. What they state that is not a
claimed property (the PROV records, the type and name of a person a curation adds, a quotation's rank) is
copied into the consolidated graph, as an article graph's is; their claimed triples are consolidated with
the article graphs' (:func:`kg.graph.consolidate.consolidate`). They are kept out of the union graph, which
the whole-graph checks of extraction read.

:func:`extracted_view` gives a copy of a build's store without the curations: what ``kg query
--extracted`` reads.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, Quad

from kg import vocab as V
from kg.curate.apply import CurationPlan
from kg.graph.consolidate import consolidate, is_claimed

CONSOLIDATED = NamedNode(V.CONSOLIDATED_GRAPH)
CLAIM_SUBJECT = NamedNode(V.claimSubject)
CURATES = NamedNode(V.curates)


def curation_graphs(store: Any) -> list[Any]:
    return sorted((g for g in store.named_graphs() if g.value.startswith(V.CURATION_GRAPHS)), key=lambda g: g.value)


def curated_entities(store: Any) -> set[str]:
    """The entities whose claims the store's curations rank or state."""
    out: set[str] = set()
    for g in curation_graphs(store):
        for q in store.quads_for_pattern(None, None, None, g):
            if is_claimed(q):
                out.add(q.subject.value)
            elif q.predicate == CURATES:
                for c in store.quads_for_pattern(q.object, CLAIM_SUBJECT, None, CONSOLIDATED):
                    out.add(c.object.value)
    return out


def drop_curations(store: Any) -> set[str]:
    """Remove every curation graph, and the copies of its triples no other graph states; return the entities
    whose claims it ranked or stated (their claims are to be consolidated again)."""
    from kg.graph.union import remove_article_graph

    entities = curated_entities(store)
    for g in curation_graphs(store):
        remove_article_graph(store, g.value)
    return entities


def write_curations(store: Any, plan: CurationPlan) -> None:
    """Store the plan's curation graphs, with the copies of their unclaimed triples in the consolidated graph."""
    store.extend(list(_with_copies(plan.quads)))


def _with_copies(quads: Iterable[Quad]) -> Iterable[Quad]:
    for q in quads:
        yield q
        if not is_claimed(q):
            yield Quad(q.subject, q.predicate, q.object, CONSOLIDATED)


@contextlib.contextmanager
def extracted_build(data: Path) -> Iterator[Path]:
    """The build at ``data`` as extraction alone made it: ``data`` itself when it holds no curation, else a
    temporary build folder with :func:`extracted_view` of its store (removed on exit)."""
    import gc
    import tempfile

    from kg.graph.store import open_store, resolve_build_dir

    store = open_store(data)
    curated = bool(curation_graphs(store))
    del store
    if not curated:
        yield data
        return
    with tempfile.TemporaryDirectory(prefix="kg-extracted-") as tmp:
        view = extracted_view(resolve_build_dir(data) / "store", Path(tmp) / "store")
        del view
        gc.collect()
        yield Path(tmp)


def extracted_view(build_store: Path, into: Path) -> Any:
    """A copy of the store at ``build_store`` (a checkpoint: hard links) at ``into``, its curations dropped and
    the entities they touched consolidated from extraction alone. Returns the opened copy."""
    import pyoxigraph

    pyoxigraph.Store.read_only(str(build_store)).backup(str(into))
    store = pyoxigraph.Store(str(into))
    entities = drop_curations(store)
    if entities:
        consolidate(store, entities)
    store.flush()
    return store
