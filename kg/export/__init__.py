"""Exports of a build: RDF serialisations, networks (GEXF, GraphML), CSV tables.

``EXPORTERS`` maps a format name to the ``module:function`` that writes it,
imported only when used so that ``kg --help`` stays instant.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from kg.errors import ExportError

EXPORTERS = {
    "trig": "kg.export.rdf:write_rdf",
    "nquads": "kg.export.rdf:write_rdf",
    "turtle": "kg.export.rdf:write_rdf",
    "jsonld": "kg.export.rdf:write_rdf",
    "gexf": "kg.export.network:write_network",
    "graphml": "kg.export.network:write_network",
    "csv": "kg.export.tables:write_csv",
}


def export_build(fmt: str, data: Path, out: Path, *, network: str = "party-ticket", query: str | None = None,
                 params: dict[str, str] | None = None) -> str:
    """Write ``data`` as ``fmt`` to ``out`` atomically; return a one-line summary."""
    if fmt not in EXPORTERS:
        raise ExportError(f"unknown export format {fmt!r}", hint="use one of " + ", ".join(EXPORTERS))
    module, func = EXPORTERS[fmt].split(":")
    writer = getattr(importlib.import_module(module), func)
    return writer(fmt, Path(data), Path(out), network=network, query=query, params=params or {})


def atomic_target(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    return out.with_name(f".{out.name}.partial")
