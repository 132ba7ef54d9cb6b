"""One article per news text: syndicated copies and duplicates, settled in a built store.

Articles whose news text has the same fingerprint (see
:func:`kg.ingest.enrich.fingerprint`: another headline, dateline or page
furniture does not matter) form a group. Its original is the earliest
published member, then the smallest graph id, whatever the input order. A
member from another outlet is a syndicated copy: its graph keeps only the
article's metadata plus ``pk:copyOf`` the original, so no saved query counts
a fact twice. A member from the same outlet, or with no outlet known, is the
same article twice: its graph is removed.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kg import vocab


@dataclass(frozen=True, slots=True)
class Settled:
    """What became of one member of a group: a copy (with its new TriG block) or a duplicate left out."""

    key: str
    original: str            # the manifest key of the group's original
    copy: bool               # True: kept as a syndicated copy; False: removed
    block: bytes = b""       # the copy's graph as a TriG block
    quads: int = 0           # quads in the copy's graph


def settle_duplicates(store: Any, entries: Mapping[str, Any]) -> list[Settled]:
    """Settle every group of same-text articles among ``entries`` (manifest entries by key) in ``store``.

    Reads each entry's ``graph``, ``role``, ``original`` and ``meta`` (``fingerprint``,
    ``published``, ``outlet``); sets the original's role. A member already
    settled the same way (a reused copy of the same original) is left as it is.
    """
    import pyoxigraph

    from kg.graph.union import remove_article_graph, with_union

    groups: dict[str, list[tuple[str, Any]]] = {}
    for key, e in entries.items():
        if e.graph is not None and e.meta.get("fingerprint"):
            groups.setdefault(e.meta["fingerprint"], []).append((key, e))
    settled: list[Settled] = []
    copy_of = pyoxigraph.NamedNode(vocab.copyOf)
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda m: (m[1].meta.get("published") or "9999", m[1].graph))
        okey, orig = members[0]
        orig.role, orig.original = "original", None
        original_node = pyoxigraph.NamedNode(article_of(orig.graph))
        for key, e in members[1:]:
            outlet, first_outlet = e.meta.get("outlet"), orig.meta.get("outlet")
            copy = bool(outlet and first_outlet and outlet != first_outlet)
            if copy and e.role == "copy" and e.original == okey:
                continue
            graph = pyoxigraph.NamedNode(e.graph)
            node = pyoxigraph.NamedNode(article_of(e.graph))
            meta = [q for q in store.quads_for_pattern(node, None, None, graph) if q.predicate != copy_of]
            linked = {q.object for q in meta if isinstance(q.object, pyoxigraph.NamedNode)}
            meta += [q for o in linked for q in store.quads_for_pattern(o, None, None, graph)]
            remove_article_graph(store, e.graph)
            if not copy:
                settled.append(Settled(key, okey, False))
                continue
            meta.append(pyoxigraph.Quad(node, copy_of, original_node, graph))
            store.extend(with_union(meta))
            settled.append(Settled(key, okey, True, pyoxigraph.serialize(meta, format=pyoxigraph.RdfFormat.TRIG) or b"",
                                   len(meta)))
    return settled


def article_of(graph: str) -> str:
    """The article IRI of an article graph IRI (``graph/article/X`` → ``id/article/X``)."""
    return vocab.ID + "article/" + graph.rsplit("/", 1)[-1]
