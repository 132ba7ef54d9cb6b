"""Exports of a build: RDF serialisations, networks (GEXF, GraphML, Gephi CSV, HTML), CSV tables.

``EXPORTERS`` maps a format name to the ``module:function`` that writes it,
imported only when used so that ``kg --help`` stays instant. Every writer
takes ``(fmt, data, out, *, network, query, params, progress)``, writes
``out`` atomically (a hidden ``.NAME.partial`` file renamed at the end) and
returns a one-line summary; ``progress``, when given, receives short status
messages on long exports (the library never prints).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from kg.errors import ExportError

EXPORTERS = {
    "trig": "kg.export.rdf:write_rdf",
    "nquads": "kg.export.rdf:write_rdf",
    "turtle": "kg.export.rdf:write_rdf",
    "jsonld": "kg.export.rdf:write_rdf",
    "gexf": "kg.export.writers:write_network",
    "graphml": "kg.export.writers:write_network",
    "nodes-csv": "kg.export.writers:write_network",
    "edges-csv": "kg.export.writers:write_network",
    "html": "kg.export.writers:write_network",
    "csv": "kg.export.tables:write_csv",
}
NETWORK_FORMATS = ("gexf", "graphml", "nodes-csv", "edges-csv", "html")


def export_build(fmt: str, data: Path, out: Path, *, network: str = "party-ticket", query: str | None = None,
                 params: dict[str, str] | None = None, progress: Callable[[str], None] | None = None) -> str:
    """Write ``data`` as ``fmt`` to ``out`` atomically; return a one-line summary."""
    if fmt not in EXPORTERS:
        raise ExportError(f"unknown export format {fmt!r}", hint="use one of " + ", ".join(EXPORTERS))
    module, func = EXPORTERS[fmt].split(":")
    writer = getattr(importlib.import_module(module), func)
    return str(writer(fmt, Path(data), Path(out), network=network, query=query, params=params or {},
                      progress=progress))


def atomic_target(out: Path) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return out.with_name(f".{out.name}.partial")
