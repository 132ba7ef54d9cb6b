"""The build folder: a pyoxigraph store on disk, a TriG dump, a build report.

Layout of ``OUT``::

    OUT/current -> builds/<stamp>     (a symlink swapped atomically)
    OUT/builds/<stamp>/store/         (pyoxigraph RocksDB store)
    OUT/builds/<stamp>/graph.trig     (every graph, for any RDF tool)
    OUT/builds/<stamp>/build-report.json
    OUT/.lock                         (held by the build that is writing)

A build writes a new ``builds/<stamp>`` and only then points ``current`` at
it, so a build that fails or is killed leaves the previous one readable and
unchanged. Readers open ``current`` read-only.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from kg.errors import StoreError

CURRENT = "current"
BUILDS = "builds"


def resolve_build_dir(out: Path) -> Path:
    """The folder of the current build in ``out``, or StoreError saying what to do."""
    out = Path(out)
    current = out / CURRENT
    if not out.exists():
        raise StoreError("no build here", culprit=str(out), hint="run `kg build ARTICLES --out DIR` first")
    if not current.exists():
        if (out / "store").is_dir():          # a bare build folder (builds/<stamp>) given directly
            return out
        raise StoreError("not a pilkada-kg build folder (no 'current' build)", culprit=str(out),
                         hint="run `kg build ARTICLES --out DIR` to create one")
    target = current.resolve()
    if not (target / "store").is_dir():
        raise StoreError("the current build has no store (corrupt or half-deleted)", culprit=str(target),
                         hint="rebuild with `kg build`")
    return target


def open_store(out: Path):  # type: ignore[no-untyped-def]
    """Open the current build's store read-only."""
    import pyoxigraph

    path = resolve_build_dir(out) / "store"
    try:
        return pyoxigraph.Store.read_only(str(path))
    except OSError as err:
        raise StoreError(f"cannot open the store ({str(err).splitlines()[0][:200]})", culprit=str(path),
                         hint="rebuild with `kg build`") from None


def read_report(out: Path) -> dict:  # type: ignore[type-arg]
    path = resolve_build_dir(out) / "build-report.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise StoreError(f"cannot read the build report ({err})", culprit=str(path),
                         hint="rebuild with `kg build`") from None


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold ``OUT/.lock`` for the length of a build; refuse when another build holds it."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError("another build is writing here", culprit=str(out),
                             hint="wait for it to finish, or build into another folder") from None
        yield
    finally:
        os.close(fd)


def new_build_dir(out: Path) -> Path:
    """A fresh, empty folder for the next build (not yet current)."""
    builds = out / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    path = builds / (stamp + ".partial")
    path.mkdir()
    return path


def publish_build(out: Path, partial: Path) -> Path:
    """Make ``partial`` the current build atomically; remove older builds."""
    final = partial.with_name(partial.name.removesuffix(".partial"))
    os.replace(partial, final)
    tmp_link = out / f".current-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp_link.unlink()
    os.symlink(Path(BUILDS) / final.name, tmp_link)
    os.replace(tmp_link, out / CURRENT)          # the atomic swap
    _fsync_dir(out)
    remove_stale_builds(out)
    return final


def remove_stale_builds(out: Path) -> None:
    """Delete every build but the current one (and partial builds of dead processes)."""
    builds = out / BUILDS
    if not builds.is_dir():
        return
    current = (out / CURRENT).resolve() if (out / CURRENT).exists() else None
    for child in builds.iterdir():
        if current is not None and child.resolve() == current:
            continue
        shutil.rmtree(child, ignore_errors=True)
    for child in out.glob(".current-*"):
        with contextlib.suppress(OSError):
            child.unlink()


def discard_build(partial: Path) -> None:
    shutil.rmtree(partial, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
