"""Saved queries as the CLI uses them: list, describe, bind and run on a build."""
from __future__ import annotations

import textwrap
from pathlib import Path

from kg.errors import QueryError
from kg.query.catalog import SavedQuery, get_query, load_catalog, load_query
from kg.query.params import bind_params
from kg.query.run import Table, run_on_store
from kg.resources import Resources


def catalog(resources: Resources | None = None) -> dict[str, SavedQuery]:
    return load_catalog((resources or Resources.default()).queries)


def list_queries(resources: Resources | None = None) -> str:
    cat = catalog(resources)
    width = max((len(n) for n in cat), default=10)
    return "\n".join(f"{n:<{width}}  {q.summary}" for n, q in cat.items())


def describe_query(name: str, resources: Resources | None = None) -> str:
    q = get_query(catalog(resources), name)
    lines = [f"{q.name}: {q.summary}"]
    if q.description:
        lines.append(textwrap.fill(q.description, width=88))
    if q.columns:
        lines.append("Columns: " + ", ".join(q.columns))
    if q.params:
        lines.append("Parameters (--param NAME=VALUE):")
        for p in q.params:
            extra = " (required)" if p.required else (f" (default {p.default})" if p.default is not None else "")
            lines.append(f"  {p.name:<12} {p.type:<8} {p.help}{extra}")
    if q.example:
        lines.append(f"Example: {q.example}")
    return "\n".join(lines)


def make_resolver(resources: Resources | None = None):  # type: ignore[no-untyped-def]
    """Turn what an analyst types (Kutim, PDI-P, Bupati, pendidikan) into the graph's IRIs."""
    from kg.query.terms import TermResolver

    return TermResolver(resources)


def prepare_query(name: str | None, params: dict[str, str], file_: Path | None = None,
                  resources: Resources | None = None) -> tuple[SavedQuery, str]:
    """The saved (or ad-hoc) query and its text with the parameters bound."""
    q = load_query(file_) if file_ else get_query(catalog(resources), name or "")
    return q, bind_params(q, params, make_resolver(resources))


def run_named(name: str | None, data: Path | None, params: dict[str, str], file_: Path | None = None,
              resources: Resources | None = None, endpoint: str | None = None,
              timeout: float | None = None, *, allow_service: bool = False,
              max_bytes: int | None = None, extracted: bool = False) -> Table:
    """Run a saved query (or ``file_``) on the build at ``data`` or on a remote ``endpoint``.

    An ad-hoc ``file_`` must be a query (an update is refused) without ``SERVICE``
    unless ``allow_service``; the saved queries are the project's own and read only.

    ``timeout`` (seconds) bounds the whole query, on a build or an endpoint: past it,
    one QueryError (build) or EndpointError (endpoint) line. On a build the query then
    runs in a child process that is killed at the deadline (:mod:`kg.query.deadline`);
    without a ``timeout`` it runs in this process, with no limit. An endpoint without
    a ``timeout`` gets :data:`kg.query.endpoint.DEFAULT_TIMEOUT`.

    ``extracted``: read the build as extraction alone made it, without its curations (a copy of the store
    with the curation graphs dropped, :func:`kg.curate.layer.extracted_build`); a server holds the curated
    view only.
    """
    if extracted:
        if endpoint:
            raise QueryError("--extracted reads a build (--data DIR); a server holds the curated view only",
                             hint="run it on the build folder the server was pushed from")
        if data is None:
            raise QueryError("give a build folder (--data DIR) to read without curations")
        from kg.curate.layer import extracted_build

        with extracted_build(data) as view:
            return run_named(name, view, params, file_, resources, None, timeout, allow_service=allow_service,
                             max_bytes=max_bytes)
    if timeout is not None:
        from kg.query.deadline import check_timeout

        timeout = check_timeout(timeout)
    q, text = prepare_query(name, params, file_, resources)
    if file_ is not None:
        from kg.query.guard import check_read_only

        check_read_only(text, culprit=str(q.path), allow_service=allow_service)
    if endpoint:
        from kg.query.endpoint import DEFAULT_TIMEOUT, run_on_endpoint
        from kg.query.transport import DEFAULT_MAX_BYTES

        return run_on_endpoint(endpoint, text, timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
                               culprit=str(q.path), max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    if data is None:
        raise QueryError("give a build folder (--data DIR) or a SPARQL endpoint (--endpoint URL)")
    if timeout is not None:
        from kg.query.deadline import run_on_build_within

        return run_on_build_within(data, text, timeout, culprit=str(q.path))
    from kg.graph.store import open_store

    return run_on_store(open_store(data), text, culprit=str(q.path))


def run_saved(store: object, name: str, params: dict[str, str] | None = None,
              resources: Resources | None = None) -> Table:
    """Run a saved query on an open pyoxigraph store (tests, exports)."""
    q = get_query(catalog(resources), name)
    return run_on_store(store, bind_params(q, params or {}, make_resolver(resources)), culprit=str(q.path))
