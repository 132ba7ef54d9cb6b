"""RDF dumps of a build: TriG, N-Quads (all graphs), Turtle (the union, no graph names), JSON-LD."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def write_rdf(fmt: str, data: Path, out: Path, *, progress: Callable[[str], None] | None = None,
              **_: object) -> str:
    import pyoxigraph

    from kg.export import write_atomically
    from kg.graph.store import open_store

    store = open_store(data)
    if progress:
        progress(f"writing {len(store):,} quads as {fmt}")
    counted: list[int] = []

    def write(tmp: Path) -> None:
        if fmt in {"trig", "nquads"}:
            f = pyoxigraph.RdfFormat.TRIG if fmt == "trig" else pyoxigraph.RdfFormat.N_QUADS
            quads = stored_quads(store)
            with open(tmp, "wb") as fh:
                pyoxigraph.serialize(quads, fh, f)
            counted.append(len(quads))
        else:
            triples = {pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in store}
            counted.append(len(triples))
            if fmt == "turtle":
                with open(tmp, "wb") as fh:
                    pyoxigraph.serialize(sorted(triples, key=str), fh, pyoxigraph.RdfFormat.TURTLE,
                                         prefixes=_prefixes())
            else:
                import rdflib

                ds = rdflib.Dataset()
                nq = pyoxigraph.serialize(stored_quads(store), format=pyoxigraph.RdfFormat.N_QUADS)
                ds.parse(data=nq.decode("utf-8"), format="nquads")
                ds.serialize(destination=str(tmp), format="json-ld", auto_compact=True)

    write_atomically(out, write)
    count = counted[0]
    return f"wrote {count} {'quads' if fmt in {'trig', 'nquads', 'jsonld'} else 'triples'} as {fmt} to {out}"


def stored_quads(store: object) -> list:  # type: ignore[type-arg]
    """Every quad of the build except the derived union graph (an index, not data)."""
    from kg import vocab

    return [q for q in store if getattr(q.graph_name, "value", None) != vocab.UNION_GRAPH]  # type: ignore[attr-defined]


def _prefixes() -> dict[str, str]:
    from kg import vocab

    return dict(vocab.PREFIXES)
