"""Parallel and distributed builds give the same graph as a build in one process."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.graph.store import resolve_build_dir
from kg.build import build

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


def _rotate_names(text: str, shift: int) -> str:
    """The same article with every given name of the generator replaced by another (other candidates)."""
    import importlib.util
    import re

    spec = importlib.util.spec_from_file_location("gen_corpus", SHARED / "bench" / "gen_corpus.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)  # type: ignore[union-attr]
    names = gen.GIVEN
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    return pattern.sub(lambda m: names[(names.index(m.group(1)) + shift) % len(names)], text)


def _warnings(out: Path, report) -> tuple:
    """What a build says about its graph: the checks' lines, the problems, the carried findings."""
    lines = sorted(line for line in report.validation_text.splitlines()
                   if line and not line.startswith(("conforms", "does not conform")))
    problems = sorted(p.line() for p in report.problems)
    findings = (resolve_build_dir(out) / "checks.json").read_text(encoding="utf-8")
    return report.warnings, report.violations, lines, problems, findings


def test_an_incremental_rebuild_gives_the_warnings_of_a_full_build(corpus, tmp_path, monkeypatch):
    """Change, add and remove articles (with conflicting candidates and a duplicate): the rebuild, which
    recomputes the cross-article checks for the touched tickets only, says what a build from scratch says."""
    from kg.validate import checks

    # the code does not change between these builds (others editing the checkout must not make it a full build)
    monkeypatch.setattr("kg.manifest.build_fingerprint", lambda resources: "fixed")
    src = tmp_path / "src"
    shutil.copytree(corpus, src)
    files = sorted(src.glob("*.txt"))
    for i, f in enumerate(files[:4]):       # the same elections with other candidates: tickets disagree
        text = f.read_text(encoding="utf-8")
        (src / f"v{i}a.txt").write_text(_rotate_names(text, 1), encoding="utf-8")
        (src / f"v{i}b.txt").write_text(_rotate_names(text, 2), encoding="utf-8")
    out = tmp_path / "out"
    first = build([src], out, jobs=1)
    assert any(v.startswith("Warning") and "ticket-conflicting-candidates" in v
               for v in first.validation_text.splitlines())
    # change one, add two (one of them the same text as another article), remove one
    (src / "v0a.txt").write_text(_rotate_names(files[0].read_text(encoding="utf-8"), 3), encoding="utf-8")
    (src / "v5a.txt").write_text(_rotate_names(files[5].read_text(encoding="utf-8"), 4), encoding="utf-8")
    (src / "zz-same.txt").write_text(files[2].read_text(encoding="utf-8"), encoding="utf-8")
    (src / "v1b.txt").unlink()
    foci: list = []
    run_focused = checks._run_focused
    with monkeypatch.context() as patch:
        patch.setattr(checks, "_run_focused", lambda store, check, f=None: foci.append(f) or
                      run_focused(store, check, f))
        again = build([src], out, jobs=1)
    assert again.reused == len(files) + 8 - 2 and foci and all(f is not None for f in foci)
    full = build([src], tmp_path / "full", jobs=1)
    assert _warnings(out, again) == _warnings(tmp_path / "full", full)
    # and once more, removing what was added and changed back
    (src / "v0a.txt").write_text(_rotate_names(files[0].read_text(encoding="utf-8"), 1), encoding="utf-8")
    (src / "v5a.txt").unlink()
    (src / "zz-same.txt").unlink()
    again = build([src], out, jobs=2)        # a worker forked at the start does the changed articles
    assert again.reused == len(files) + 8 - 2      # one removed before, one changed
    full = build([src], tmp_path / "full2", jobs=1)
    assert _warnings(out, again) == _warnings(tmp_path / "full2", full)


def test_a_ticket_stated_with_many_heads_gives_one_warning_per_property(corpus, tmp_path):
    """Not one warning per pair of heads: one per (ticket, property), each value with its articles."""
    src = tmp_path / "src"
    src.mkdir()
    text = sorted(corpus.glob("*.txt"))[0].read_text(encoding="utf-8")
    for shift in range(6):
        (src / f"a{shift}.txt").write_text(_rotate_names(text, shift), encoding="utf-8")
    report = build([src], tmp_path / "out", jobs=1)
    lines = [line for line in report.validation_text.splitlines() if "ticket-conflicting-candidates" in line]
    assert lines
    keys = [tuple(line.split()[2:4]) for line in lines]      # (ticket, property)
    assert len(keys) == len(set(keys))
    assert any(line.count("(1)") >= 4 for line in lines), lines
