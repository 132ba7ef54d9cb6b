"""Issue 8, faults: a store that is missing, locked or corrupt gives a one-line error saying what to do."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import StoreError
from kg.graph.store import build_lock, open_store, resolve_build_dir
from kg.query.service import run_named

from .conftest import ARTICLES, KG, ROOT, kg_env, run_kg, write_copies


def copy_build(built: Path, dest: Path) -> Path:
    """A private copy of a build folder (OUT with current -> builds/<stamp>)."""
    shutil.copytree(built, dest, symlinks=True, ignore=shutil.ignore_patterns(".lock"))
    return dest


def one_line_error(args: list[str]) -> str:
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 1, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), r.stderr
    return lines[0]


def store_files(out: Path) -> list[Path]:
    return sorted(p for p in (resolve_build_dir(out) / "store").iterdir() if p.is_file())


def _delete_sst(store: Path) -> None:
    for p in store.glob("*.sst"):
        p.unlink()


def _delete_current(store: Path) -> None:
    (store / "CURRENT").unlink()


def _delete_all(store: Path) -> None:
    for p in store.iterdir():
        p.unlink()


def _garbage_everywhere(store: Path) -> None:
    for p in store.iterdir():
        p.write_bytes(b"\x00garbage\xff" * 100)


def _garbage_sst(store: Path) -> None:
    for p in store.glob("*.sst"):
        p.write_bytes(os.urandom(p.stat().st_size))


def _flip_sst_bytes(store: Path) -> None:
    for p in store.glob("*.sst"):
        with open(p, "r+b") as fh:
            fh.seek(p.stat().st_size // 2)
            fh.write(b"X" * 64)
            fh.seek(40)
            fh.write(b"Y" * 16)


def _garbage_manifest(store: Path) -> None:
    for p in store.glob("MANIFEST-*"):
        p.write_bytes(os.urandom(300))


def _truncate_all(store: Path) -> None:
    for p in store.iterdir():
        p.write_bytes(b"")


def _store_is_a_file(store: Path) -> None:
    shutil.rmtree(store)
    store.write_text("not a store")


def _no_store(store: Path) -> None:
    shutil.rmtree(store)


CORRUPTIONS = {f.__name__.lstrip("_"): f for f in (
    _delete_sst, _delete_current, _delete_all, _garbage_everywhere, _garbage_sst, _flip_sst_bytes,
    _garbage_manifest, _truncate_all, _store_is_a_file, _no_store)}


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
def test_a_corrupt_store_is_a_one_line_error_saying_rebuild(built, tmp_path, name):
    out = copy_build(built, tmp_path / "out")
    CORRUPTIONS[name](resolve_build_dir(out) / "store")
    try:
        table = run_named("tickets", out, {})
    except StoreError as err:
        assert "rebuild with `kg build" in str(err) and "\n" not in str(err)
    else:   # a corruption RocksDB does not need to read for this query: the answer must still be right
        assert table.rows == run_named("tickets", built, {}).rows
        return
    line = one_line_error(["query", "tickets", "--data", str(out)])
    assert "kg build" in line and len(line) < 500
    one_line_error(["export", "trig", "--data", str(out), "--out", str(tmp_path / "x.trig")])
    assert not (tmp_path / "x.trig").exists()


def test_missing_and_foreign_and_dangling_builds(tmp_path, built):
    assert "no build here" in one_line_error(["query", "tickets", "--data", str(tmp_path / "nothing")])
    (tmp_path / "foreign").mkdir()
    assert "not a pilkada-kg build folder" in one_line_error(["query", "tickets", "--data", str(tmp_path / "foreign")])
    (tmp_path / "a-file").write_text("x")
    assert "not a folder" in one_line_error(["query", "tickets", "--data", str(tmp_path / "a-file")])
    out = copy_build(built, tmp_path / "out")
    shutil.rmtree(resolve_build_dir(out))
    assert "is missing" in one_line_error(["query", "tickets", "--data", str(out)])
    (out / "current").unlink()
    assert "no finished build" in one_line_error(["query", "tickets", "--data", str(out)])


def test_a_locked_folder_refuses_a_build_in_process(tmp_path):
    out = tmp_path / "out"
    with build_lock(out):
        assert "another build" in one_line_error(["build", str(ARTICLES), "--out", str(out)])
    assert not list((out / "builds").glob("*")) if (out / "builds").exists() else True


def _wait_for(pred, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def long_corpus(tmp_path: Path) -> Path:
    """A corpus whose build outlasts a second `kg build` started beside it on a loaded machine: 60 told-apart
    copies of the samples (300 articles; the first build is stopped long before it ends)."""
    write_copies(tmp_path / "long", 60)
    return tmp_path / "long"


@pytest.mark.slow
def test_two_real_builds_into_one_folder_the_second_refuses(tmp_path, built, long_corpus):
    out = copy_build(built, tmp_path / "out")
    before = resolve_build_dir(out)
    rows = run_named("tickets", out, {}).rows
    first = subprocess.Popen([*KG, "build", str(long_corpus), "--out", str(out), "-q"], cwd=ROOT, env=kg_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: any((out / "builds").glob("*.partial")), 120), "first build never started"
        second = run_kg("build", str(ARTICLES), "--out", str(out))
        assert second.returncode == 1
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and "another build (pid" in lines[0] and "is writing here" in lines[0], second.stderr
        assert f"pid {first.pid}" in lines[0]
        first.send_signal(signal.SIGINT)             # Ctrl-C: the first build stops and cleans up
        first.wait(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert first.returncode != 0
    assert not list((out / "builds").glob("*.partial")) and not list(out.glob(".current-*"))
    assert resolve_build_dir(out) == before and run_named("tickets", out, {}).rows == rows
