"""The plan of a build: which articles are reused from the previous build, which are to do, which graphs
are stale, and whether the previous store is cloned (an incremental build) or a new one is written.

:func:`plan_build` is a pure function of the sources and the previous build's manifest; reading them
(:func:`read_sources`, :func:`read_previous`) is kept apart.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from kg.build.report import TIMEOUT_STAGE, Problem
from kg.errors import KgError
from kg.graph.store import CURRENT, open_store
from kg.ingest.sources import Skipped, Source, iter_sources
from kg.manifest import MANIFEST, Entry, Manifest

INCREMENTAL_AT_LEAST = 25       # changed articles that a clone of the previous store always takes …
INCREMENTAL_SHARE = 4           # … or up to a quarter of the sources, whichever is more


@dataclass(frozen=True, slots=True)
class SourceList:
    """The articles of a build's inputs, and a problem for every file or record that is none."""

    sources: tuple[Source, ...]
    problems: tuple[Problem, ...]
    seen: int                    # articles seen, a duplicate record (same id) not counted


@dataclass(frozen=True, slots=True)
class BuildPlan:
    fingerprint: str
    sources: tuple[Source, ...]
    reused: Mapping[str, Entry]     # by source key: the previous build's entries taken as they are, in its order
    todo: tuple[Source, ...]        # extracted and validated in this build, in source order
    stale: tuple[str, ...]          # article graphs of the previous build that are not reused
    incremental: bool               # clone the previous store and replace only what changed
    previous: Manifest | None       # the previous build's manifest, when it can be reused from
    previous_dir: Path | None       # … and its folder

    @property
    def hashes(self) -> dict[str, str | None]:
        return {src.key: src.sha256 for src in self.sources}


def read_sources(inputs: Iterable[Path]) -> SourceList:
    """Every article of the files and folders ``inputs`` (:func:`kg.ingest.sources.iter_sources`)."""
    sources: list[Source] = []
    problems: list[Problem] = []
    seen = 0
    for item in iter_sources(inputs):
        if isinstance(item, Skipped):
            duplicate = getattr(item, "duplicate", False)
            problems.append(Problem(item.locator, "ingest", item.message,
                                    kind="duplicate" if duplicate else "skipped"))
            seen += 0 if duplicate else 1
        else:
            sources.append(item)
    return SourceList(tuple(sources), tuple(problems), seen + len(sources))


def previous_build_dir(out: Path) -> Path | None:
    """The folder of the current build in ``out``, if any."""
    return (out / CURRENT).resolve() if (out / CURRENT).exists() else None


def read_previous(build_dir: Path | None, fingerprint: str) -> Manifest | None:
    """The manifest of the build in ``build_dir`` when this build can reuse from it: same fingerprint, and a
    store and TriG dump that can be read (a corrupt one cannot)."""
    previous = Manifest.read(build_dir / MANIFEST) if build_dir else None
    if previous is None or previous.fingerprint != fingerprint or not _store_is_readable(build_dir):
        return None
    return previous


def _store_is_readable(build_dir: Path | None) -> bool:
    if build_dir is None or not (build_dir / "graph.trig").is_file():
        return False
    try:
        open_store(build_dir)
    except KgError:
        return False
    return True


def plan_build(sources: tuple[Source, ...], previous: Manifest | None, fingerprint: str,
               previous_dir: Path | None = None) -> BuildPlan:
    """What a build of ``sources`` reuses from ``previous`` (a manifest :func:`read_previous` accepted)."""
    hashes = {src.key: src.sha256 for src in sources}
    names = {src.key: src.name for src in sources}
    entries = previous.articles if previous is not None else {}
    # reused: the same bytes under the same key, given the same id (an id is told apart by the other inputs);
    # an article skipped for its time budget is tried again (the budget may have been raised)
    reused = {k: e for k, e in entries.items()
              if k in hashes and hashes[k] == e.sha256 and e.meta.get("name", names[k]) == names[k]
              and not any(p.get("stage") == TIMEOUT_STAGE for p in e.problems)}
    # a copy or duplicate is settled against its original: redo it when the original is not reused as it was
    for k in [k for k, e in reused.items() if e.role != "original"]:
        if reused.get(reused[k].original or "") is None:
            del reused[k]
    todo = tuple(src for src in sources if src.key not in reused)
    stale = tuple(e.graph for k, e in entries.items() if k not in reused and e.graph)
    incremental = previous is not None and \
        len(todo) + len(stale) <= max(INCREMENTAL_AT_LEAST, len(sources) // INCREMENTAL_SHARE)
    return BuildPlan(fingerprint, sources, MappingProxyType(reused), todo, stale, incremental, previous,
                     previous_dir if previous is not None else None)
