"""What a build has accounted for as it goes: the manifest entry of every source, the article graphs by
id, the claim counts, and the nodes whose whole-graph verdicts and consolidated facts must be recomputed."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

import pyoxigraph

from kg.build.dump import TrigDump
from kg.build.report import BuildReport, Problem
from kg.manifest import Entry, Manifest


def subject_key(term: Any) -> str:
    """A subject as the checks name it: an IRI, or ``_:id`` for a blank node."""
    return f"_:{term.value}" if isinstance(term, pyoxigraph.BlankNode) else term.value


class Affected:
    """The nodes an incremental build recomputes: ``touched`` (subjects whose cross-article check results
    may change) and ``changed`` (entities whose claims and truthy facts are consolidated again).
    None: all of them (a full pass)."""

    def __init__(self, touched: set[str] | None, changed: set[str] | None) -> None:
        self.touched = touched
        self.changed = changed

    @property
    def tracking(self) -> bool:
        return self.touched is not None or self.changed is not None

    def add(self, keys: Iterable[str]) -> None:
        """Nodes whose statements were written, replaced or removed."""
        keys = set(keys)
        if self.touched is not None:
            self.touched.update(keys)
        if self.changed is not None:
            self.changed.update(keys)

    def add_changed(self, keys: Iterable[str]) -> None:
        """Entities to consolidate again (curations that came or went)."""
        if self.changed is not None:
            self.changed.update(keys)

    def add_subjects(self, quads: Iterable[Any]) -> None:
        self.add({subject_key(q.subject) for q in quads})

    def passing(self, quads: Iterable[Any]) -> Iterator[Any]:
        """``quads``, noting each subject on the way."""
        if not self.tracking:
            yield from quads
            return
        for q in quads:
            key = subject_key(q.subject)
            if self.touched is not None:
                self.touched.add(key)
            if self.changed is not None:
                self.changed.add(key)
            yield q

    def consolidation_scope(self) -> set[str] | None:
        """The entities to consolidate (None: all); a blank node cannot be named, and is left to the full pass."""
        return None if self.changed is None else {k for k in self.changed if not k.startswith("_:")}


class Ledger:
    """The manifest, report and TriG dump of a build being written, one accounted source at a time."""

    def __init__(self, report: BuildReport, manifest: Manifest, dump: TrigDump) -> None:
        self.report = report
        self.manifest = manifest
        self.dump = dump
        self.ids: dict[str, str] = {}          # article graph IRI → source key
        self.written: set[str] = set()         # article graphs extracted in this build (the others passed before)
        self.counts: dict[str, int] = {}

    def account(self, key: str, entry: Entry, block: bytes | None = None, placed: bool = False) -> bool:
        """Record ``entry`` for the source ``key``; True when its graph goes into the build.

        ``block``: its new TriG block (an article extracted in this build); without it, a reused article's
        block is copied from the previous dump, unless ``placed`` (copied there already).
        """
        self.report.problems.extend(Problem(**pr) for pr in entry.problems)
        self.manifest.articles[key] = entry
        if entry.graph is None:
            return False
        if entry.graph in self.ids:
            self._refuse_clash(key, entry, entry.graph)
            return False
        if block is not None:
            self.written.add(entry.graph)
        elif not placed:
            block = self.dump.previous_block(entry)
        if not placed:
            entry.trig = self.dump.append(block or b"")
        self.ids[entry.graph] = key
        self.report.articles_built += 1
        self.report.quads += entry.quads
        self.report.facts += entry.facts
        for k, v in entry.counts.items():
            self.counts[k] = self.counts.get(k, 0) + v
        return True

    def _refuse_clash(self, key: str, entry: Entry, graph: str) -> None:
        # file ids are unique in a build (kg.ingest.sources): a clash is the same URL, or by chance a
        # page's URL id equal to another source's id, which is no duplicate: say so, and fail --strict
        first = self.manifest.articles[self.ids[graph]]
        where, other = entry.meta.get("locator", key), first.meta.get("locator", self.ids[graph])
        aid = graph.rsplit("/", 1)[-1]
        if entry.meta.get("url") and entry.meta.get("url") == first.meta.get("url"):
            problem = Problem(where, "ingest", f"same article (URL {entry.meta['url']}) as {other}; "
                              "counted once", kind="duplicate")
            role = "duplicate"
        else:
            problem = Problem(where, "ingest", f"its article id {aid} is already the id of {other}; "
                              "left out (rename one of them)", kind="skipped")
            role = "clash"
        self.report.problems.append(problem)
        self.manifest.articles[key] = Entry(entry.sha256, problems=entry.problems + [asdict(problem)],
                                            meta=entry.meta, role=role, original=self.ids[graph])

    def drop(self, key: str, problem: Problem) -> None:
        """A source's graph left out after it was accounted for (by the whole-graph checks)."""
        self.report.problems.append(problem)
        self.report.articles_built -= 1
        entry = self.manifest.articles[key]
        entry.graph, entry.problems = None, entry.problems + [asdict(problem)]
