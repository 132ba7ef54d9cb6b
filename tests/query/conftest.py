"""Shared fixtures: one build of the bundled articles, and real SPARQL servers (Oxigraph, Virtuoso) on 127.0.0.1."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.resources import Resources
from tests import servers
from tests.servers import free_port  # noqa: F401  (the query tests import it from here)

ROOT = Resources.default().root


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("query-build") / "graph"
    r = CliRunner().invoke(cli, ["build", str(ROOT / "data" / "articles"), "--out", str(out), "-q"])
    assert r.exit_code == 0, r.output
    return out


@contextmanager
def running_oxigraph(*flags: str) -> Iterator[str]:
    """An in-memory Oxigraph server on a free port (``--union-default-graph`` among ``flags`` or not);
    yields its base URL."""
    try:
        with servers.oxigraph_server(union_default_graph="--union-default-graph" in flags) as server:
            yield server.query_url.rsplit("/", 1)[0]
    except servers.ServerUnavailable as err:
        pytest.skip(str(err))
    except servers.ServerFailed as err:
        pytest.fail(f"oxigraph serve did not start: {err}")


@pytest.fixture(scope="session")
def oxigraph_server():
    """An in-memory Oxigraph server on a free port, as it starts (no union default graph); yields its query URL."""
    try:
        with servers.oxigraph_server(union_default_graph=False) as server:
            yield server.query_url
    except servers.ServerUnavailable as err:
        pytest.skip(str(err))
    except servers.ServerFailed as err:
        pytest.fail(f"oxigraph serve did not start: {err}")


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory) -> servers.Server:
    """A private Virtuoso (empty database, loopback ports) for the session; yields a servers.Server.

    Skips when Virtuoso is not installed, but fails under CI (CI set), where .ci/run installs it.
    """
    try:
        with servers.virtuoso_server(workdir=tmp_path_factory.getbasetemp()) as server:
            yield server
    except servers.ServerUnavailable as err:
        if servers.in_ci():
            pytest.fail(f"{err} (CI is set: .ci/run should have installed it)")
        pytest.skip(str(err))
    except servers.ServerFailed as err:
        pytest.fail(f"Virtuoso did not start: {err}")
