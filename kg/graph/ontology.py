"""The ontology and SKOS schemes (``ontology/*.ttl``, shapes excluded) as quads of the ontology graph."""
from __future__ import annotations

from pathlib import Path

from kg import vocab
from kg.errors import DataError
from kg.resources import Resources


def ontology_files(resources: Resources) -> list[Path]:
    return sorted(p for p in resources.ontology_dir.glob("*.ttl") if p.name != "shapes.ttl")


def ontology_quads(resources: Resources) -> list:  # type: ignore[type-arg]
    import pyoxigraph

    graph = pyoxigraph.NamedNode(vocab.ONTOLOGY_GRAPH)
    quads = []
    for path in ontology_files(resources):
        try:
            with open(path, "rb") as fh:
                quads += [pyoxigraph.Quad(t.subject, t.predicate, t.object, graph)
                          for t in pyoxigraph.parse(fh, format=pyoxigraph.RdfFormat.TURTLE)]
        except (OSError, SyntaxError) as err:
            raise DataError(f"cannot load ({str(err).splitlines()[0]})", culprit=str(path)) from None
    return quads
