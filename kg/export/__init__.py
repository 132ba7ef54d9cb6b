"""Exports of a build: RDF serialisations, networks (GEXF, GraphML, Gephi CSV, HTML), tables (CSV, Parquet).

``EXPORTERS`` maps a format name to the ``module:function`` that writes it,
imported only when used so that ``kg --help`` stays instant. Every writer
takes ``(fmt, data, out, *, network, query, params, progress)``, writes
``out`` atomically (:func:`write_atomically`: a hidden ``.NAME.partial`` file
renamed at the end, removed on failure) and
returns a one-line summary; ``progress``, when given, receives short status
messages on long exports (the library never prints).
"""
from __future__ import annotations

import errno
import importlib
import os
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
    "parquet": "kg.export.tables:write_csv",
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
    """The hidden ``.NAME.partial`` file beside ``out`` that a writer fills before it is renamed."""
    out = Path(out)
    return out.with_name(f".{out.name}.partial")


def write_atomically(out: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` and rename ``tmp`` to ``out``; on any failure leave neither ``tmp`` nor a new ``out``.

    A file system error (the disk full, no permission, a read-only folder) is one
    :class:`ExportError` line naming ``out``; the previous ``out``, if any, is untouched.
    """
    out = Path(out)
    tmp = atomic_target(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        os.replace(tmp, out)
    except OSError as err:
        _discard(tmp)
        hint = "free some space and export again" if err.errno in (errno.ENOSPC, errno.EDQUOT) else None
        raise ExportError(f"cannot write ({err.strerror or err})", culprit=str(out), hint=hint) from None
    except BaseException:
        _discard(tmp)
        raise


def _discard(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
