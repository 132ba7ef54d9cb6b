"""Parallel and distributed builds give the same graph as a build in one process."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.graph.store import resolve_build_dir
from kg.pipeline import build

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    gen = SHARED / "bench" / "gen_corpus.py"
    if not gen.exists():
        pytest.skip("../shared/bench/gen_corpus.py is not beside the checkout")
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(gen), str(out), "--articles", "40"], check=True, stdout=subprocess.DEVNULL)
    return out


def quads_of(out: Path) -> bytes:
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(resolve_build_dir(out) / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    return b"".join(sorted(str(q).encode() for q in store))


@pytest.fixture(scope="module")
def serial_build(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial") / "out"
    build([corpus], out, jobs=1, on_error="raise")
    return out


def test_process_pool_build_equals_a_serial_build(corpus, serial_build, tmp_path):
    report = build([corpus], tmp_path / "out", jobs=2)
    assert report.articles_built == 40
    assert quads_of(tmp_path / "out") == quads_of(serial_build)


@pytest.mark.slow
def test_dask_cluster_build_equals_a_serial_build(corpus, serial_build, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        report = build([corpus], tmp_path / "out", executor="dask", scheduler=cluster.scheduler_address)
    assert report.articles_built == 40
    assert quads_of(tmp_path / "out") == quads_of(serial_build)


def test_unreachable_scheduler_is_a_one_line_error(corpus, tmp_path):
    pytest.importorskip("distributed")
    from kg.errors import KgError

    src = tmp_path / "src"
    shutil.copytree(corpus, src)
    with pytest.raises(KgError) as err:
        build([src], tmp_path / "out", executor="dask", scheduler="tcp://127.0.0.1:9")
    assert "Dask scheduler" in str(err.value) and "\n" not in str(err.value)
