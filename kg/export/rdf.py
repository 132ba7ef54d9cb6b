"""RDF dumps of a build: TriG, N-Quads (all graphs), Turtle (the union, no graph names), JSON-LD."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from kg.errors import ExportError


def write_rdf(fmt: str, data: Path, out: Path, *, progress: Callable[[str], None] | None = None,
              **_: object) -> str:
    import pyoxigraph

    from kg.export import atomic_target
    from kg.graph.store import open_store

    store = open_store(data)
    if progress:
        progress(f"writing {len(store):,} quads as {fmt}")
    tmp = atomic_target(out)
    try:
        if fmt in {"trig", "nquads"}:
            f = pyoxigraph.RdfFormat.TRIG if fmt == "trig" else pyoxigraph.RdfFormat.N_QUADS
            quads = stored_quads(store)
            with open(tmp, "wb") as fh:
                pyoxigraph.serialize(quads, fh, f)
            count = len(quads)
        else:
            triples = {pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in store}
            count = len(triples)
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
        os.replace(tmp, out)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write ({err.strerror or err})", culprit=str(out)) from None
    return f"wrote {count} {'quads' if fmt in {'trig', 'nquads', 'jsonld'} else 'triples'} as {fmt} to {out}"


def stored_quads(store: object) -> list:  # type: ignore[type-arg]
    """Every quad of the build except the derived union graph (an index, not data)."""
    from kg import vocab

    return [q for q in store if getattr(q.graph_name, "value", None) != vocab.UNION_GRAPH]  # type: ignore[attr-defined]


def _prefixes() -> dict[str, str]:
    from kg import vocab

    return dict(vocab.PREFIXES)
