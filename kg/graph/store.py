"""The build folder: a pyoxigraph store on disk, a TriG dump, a build report.

Layout of ``OUT``::

    OUT/current -> builds/<stamp>     (a symlink swapped atomically)
    OUT/builds/<stamp>/store/         (pyoxigraph RocksDB store)
    OUT/builds/<stamp>/graph.trig     (every graph, for any RDF tool)
    OUT/builds/<stamp>/build-report.json
    OUT/builds/<stamp>.partial/       (a build being written; never read)
    OUT/.lock                         (flock held by the build that is writing)

A build writes a new ``builds/<stamp>`` and only then points ``current`` at
it, so a build that fails or is killed leaves the previous one readable and
unchanged. Readers open ``current`` read-only. The build that was current
before the swap is kept until the next publish; partial builds left by killed
builds are removed as soon as the next build holds the lock.
"""
from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import StoreError

CURRENT = "current"
BUILDS = "builds"
LOCK = ".lock"
PARTIAL = ".partial"
TMP_LINK = ".current-"


BULK_CHUNK = 400_000     # quads per bulk load: bounds the loader's buffers (see bulk_extend_chunked)


def bulk_extend_chunked(store: Any, quads: Iterable[Any], chunk: int = BULK_CHUNK) -> None:
    """``store.bulk_extend(quads)`` in calls of at most ``chunk`` quads, streaming.

    One bulk load buffers about a million quads per thread and keeps several
    buffers in flight when its input comes faster than it writes: 1.7 GB for the
    3.4M quads of 10,000 articles. A call per 400k quads keeps one buffer
    (about 400 MB peak for the same load), whatever the corpus size, for some
    more write time.
    """
    it = iter(quads)
    while True:
        first = next(it, None)
        if first is None:
            return
        store.bulk_extend(itertools.chain((first,), itertools.islice(it, chunk - 1)))


def resolve_build_dir(out: Path) -> Path:
    """The folder of the current build in ``out``, or StoreError saying what to do."""
    out = Path(out)
    current = out / CURRENT
    rebuild = f"rebuild with `kg build ARTICLES --out {out}`"
    if not out.exists():
        raise StoreError("no build here", culprit=str(out), hint="run `kg build ARTICLES --out DIR` first")
    if not out.is_dir():
        raise StoreError("not a folder", culprit=str(out), hint="give the folder made by `kg build --out DIR`")
    if current.is_symlink() and not current.exists():
        raise StoreError(f"the current build ({os.readlink(current)}) is missing", culprit=str(out), hint=rebuild)
    if not current.exists():
        if (out / "store").is_dir():          # a bare build folder (builds/<stamp>) given directly
            return out
        if (out / BUILDS).is_dir():
            raise StoreError("no finished build here (the first build was interrupted or failed)",
                             culprit=str(out), hint=rebuild)
        raise StoreError("not a pilkada-kg build folder (no 'current' build)", culprit=str(out),
                         hint="run `kg build ARTICLES --out DIR` to create one")
    target = current.resolve()
    if not (target / "store").is_dir():
        raise StoreError("the current build has no store (corrupt or half-deleted)", culprit=str(target),
                         hint=rebuild)
    return target


def open_store(out: Path):  # type: ignore[no-untyped-def]
    """Open the current build's store read-only, or StoreError when it is missing or corrupt.

    RocksDB reports corruption as RuntimeError (and a bad enough file may make
    the Rust side panic); each becomes a one-line StoreError. A probe read
    catches the corruption that only shows when the data is first touched.
    """
    import pyoxigraph

    build_dir = resolve_build_dir(out)
    path = build_dir / "store"
    try:
        store = pyoxigraph.Store.read_only(str(path))
        next(iter(store.named_graphs()), None)
        next(iter(store.quads_for_pattern(None, None, None)), None)
    except BaseException as err:        # noqa: BLE001 - pyo3's PanicException is a BaseException
        if isinstance(err, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        what = "is damaged or unreadable" if isinstance(err, OSError) else "is corrupt"
        raise StoreError(f"the store {what} ({_first_line(err)})", culprit=str(path),
                         hint=f"rebuild with `kg build ARTICLES --out {_out_of(build_dir, out)}`") from None
    return store


def _first_line(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _out_of(build_dir: Path, out: Path) -> Path:
    return build_dir.parent.parent if build_dir.parent.name == BUILDS else Path(out)


def read_report(out: Path) -> dict:  # type: ignore[type-arg]
    path = resolve_build_dir(out) / "build-report.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise StoreError(f"cannot read the build report ({err})", culprit=str(path),
                         hint="rebuild with `kg build`") from None


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold ``OUT/.lock`` for the length of a build; refuse when another build holds it.

    The lock is an ``flock`` (the kernel drops it when the holder dies, even by
    SIGKILL); the holder's pid is written into the file for the message. Once
    the lock is held, leftovers of killed builds (``*.partial`` folders,
    temporary links) are removed: no live build can own them.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise StoreError("exists and is not a folder", culprit=str(out), hint="choose another --out folder")
    out.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as err:
        raise StoreError(f"cannot create the build lock ({err.strerror or err})", culprit=str(out / LOCK),
                         hint="check that the folder is writable") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _lock_holder(fd)
            raise StoreError(f"another build{holder} is writing here (locked: {out / LOCK})", culprit=str(out),
                             hint="wait for it to finish, or build into another folder") from None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        remove_leftovers(out)
        yield
    finally:
        os.close(fd)


def _lock_holder(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        pid = int(os.pread(fd, 32, 0).decode("ascii").strip())
        return f" (pid {pid})"
    return ""


def new_build_dir(out: Path) -> Path:
    """A fresh, empty folder for the next build (not yet current)."""
    builds = out / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    path = builds / (stamp + PARTIAL)
    path.mkdir()
    return path


def publish_build(out: Path, partial: Path) -> Path:
    """Make ``partial`` the current build atomically; remove older builds.

    The build that was current until the swap is kept (a reader that opened it
    a moment ago is not cut off); it is removed by the next publish.
    """
    final = partial.with_name(partial.name.removesuffix(PARTIAL))
    previous = (out / CURRENT).resolve() if (out / CURRENT).exists() else None
    os.replace(partial, final)
    _fsync_dir(final.parent)
    tmp_link = out / f"{TMP_LINK}{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp_link.unlink()
    os.symlink(Path(BUILDS) / final.name, tmp_link)
    os.replace(tmp_link, out / CURRENT)          # the atomic swap
    _fsync_dir(out)
    remove_stale_builds(out, keep=previous)
    return final


def remove_leftovers(out: Path) -> None:
    """Delete the partial builds and temporary links of dead builds (call with the lock held)."""
    builds = out / BUILDS
    if builds.is_dir():
        for child in builds.iterdir():
            if child.name.endswith(PARTIAL):
                shutil.rmtree(child, ignore_errors=True)
    for child in out.glob(f"{TMP_LINK}*"):
        with contextlib.suppress(OSError):
            child.unlink()


def remove_stale_builds(out: Path, keep: Path | None = None) -> None:
    """Delete every build but the current one and ``keep`` (and partial builds of dead processes)."""
    builds = out / BUILDS
    if not builds.is_dir():
        return
    current = (out / CURRENT).resolve() if (out / CURRENT).exists() else None
    for child in builds.iterdir():
        if current is not None and child.resolve() == current:
            continue
        if keep is not None and child.resolve() == keep and not child.name.endswith(PARTIAL):
            continue
        shutil.rmtree(child, ignore_errors=True)
    for child in out.glob(f"{TMP_LINK}*"):
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
