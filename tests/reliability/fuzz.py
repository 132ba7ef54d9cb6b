"""The fuzz run of issue 16: generated and mutated articles, pages and dump records through a real `kg build`.

:func:`run_fuzz` writes ``n`` inputs (text files, HTML pages, JSONL records; see
:mod:`tests.reliability.generators`) in chunks, builds each chunk with the CLI in a
subprocess, and accounts for every input: built (a graph in the manifest), or
reported with a one-line reason (a problem naming its file or dump line). It counts
what broke the promise: a traceback on stderr, a build that failed as a whole, an
internal error, an article past its time budget, a reason of more than one line, or
an input neither built nor reported (lost).
"""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .generators import random_article, random_page, random_record

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class FuzzCounts:
    tried: int = 0
    built: int = 0
    reported: int = 0                   # not built, with a one-line reason
    reasons: Counter = field(default_factory=Counter)    # type: ignore[type-arg]
    lost: list[str] = field(default_factory=list)         # neither built nor reported
    tracebacks: list[str] = field(default_factory=list)   # stderr of a build that printed one
    failed_builds: list[str] = field(default_factory=list)
    internal: list[str] = field(default_factory=list)     # "internal error … (please report)"
    over_budget: list[str] = field(default_factory=list)
    multiline: list[str] = field(default_factory=list)
    seconds: float = 0.0

    bad: set[str] = field(default_factory=set)           # inputs that broke the promise

    @property
    def behaved(self) -> int:
        return self.tried - len(self.bad)

    def ok(self) -> bool:
        return not (self.lost or self.tracebacks or self.failed_builds or self.internal or self.over_budget
                    or self.multiline)

    def summary(self) -> str:
        lines = [f"inputs tried: {self.tried}", f"behaved as promised: {self.behaved}",
                 f"  built: {self.built}", f"  reported with a one-line reason: {self.reported}"]
        lines += [f"    {n:6d}  {reason}" for reason, n in self.reasons.most_common()]
        lines += [f"lost (neither built nor reported): {len(self.lost)}", f"tracebacks: {len(self.tracebacks)}",
                  f"builds failed as a whole: {len(self.failed_builds)}", f"internal errors: {len(self.internal)}",
                  f"over the time budget: {len(self.over_budget)}", f"reasons of more than one line: "
                  f"{len(self.multiline)}", f"seconds: {self.seconds:.0f}"]
        for name in ("lost", "tracebacks", "failed_builds", "internal", "over_budget", "multiline"):
            lines += [f"  {name}: {x[:300]}" for x in getattr(self, name)[:5]]
        return "\n".join(lines)


def seed_texts() -> list[str]:
    """Real articles to mutate: the bundled sample and the evaluation sets."""
    paths = sorted((ROOT / "data" / "articles").glob("*.txt")) + sorted((ROOT / "eval").glob("*/*.txt"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def write_inputs(folder: Path, rnd: random.Random, n: int, seeds: list[str], start: int = 0) -> list[str]:
    """``n`` inputs in ``folder``; returns their locators (a file's path, or ``PATH:LINE`` of a record)."""
    folder.mkdir(parents=True, exist_ok=True)
    locators: list[str] = []
    dump: list[str] = []
    dump_path = None
    for i in range(start, start + n):
        text = random_article(rnd, seeds)
        kind = rnd.random()
        if kind < 0.6:
            path = folder / f"a{i:06d}.txt"
            data = text.encode("utf-8", errors="replace")
            if rnd.random() < 0.05:                                 # a few bytes that are not UTF-8
                data = bytearray(data)
                for _ in range(rnd.randrange(1, 4)):
                    if data:
                        data[rnd.randrange(len(data))] = rnd.randrange(0x80, 0x100)
                data = bytes(data)
            path.write_bytes(data)
            locators.append(str(path))
        elif kind < 0.8:
            path = folder / f"p{i:06d}.html"
            path.write_text(random_page(rnd, text), encoding="utf-8", errors="replace")
            locators.append(str(path))
        else:
            if dump_path is None or len(dump) >= 25:
                _flush(dump_path, dump)
                dump_path, dump = folder / f"d{i:06d}.jsonl", []
            dump.append(random_record(rnd, text, i))
            locators.append(f"{dump_path}:{len(dump)}")
    _flush(dump_path, dump)
    return locators


def _flush(path: Path | None, lines: list[str]) -> None:
    if path is not None and lines:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="replace")


def build_and_account(folder: Path, out: Path, locators: list[str], counts: FuzzCounts, *, jobs: int,
                      timeout: float) -> None:
    """Build ``folder`` with `kg build` and account for each of ``locators`` in ``counts``."""
    from kg.graph.store import resolve_build_dir
    from kg.manifest import MANIFEST, Manifest

    import os

    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(folder), "--out", str(out), "-j", str(jobs),
                           "--article-timeout", str(timeout), "--quiet"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=max(600, 30 * timeout))
    counts.tried += len(locators)
    if "Traceback" in proc.stderr:
        counts.tracebacks.append(proc.stderr[-2000:])
    if proc.returncode != 0:
        counts.failed_builds.append(f"{folder}: exit {proc.returncode}: {proc.stderr[-500:]}")
        counts.bad.update(locators)
        return
    build_dir = resolve_build_dir(out)
    report = json.loads((build_dir / "build-report.json").read_text(encoding="utf-8"))
    manifest = Manifest.read(build_dir / MANIFEST)
    assert manifest is not None
    built = {e.meta.get("locator") for e in manifest.articles.values() if e.graph}
    reasons: dict[str, str] = {}
    for p in report["problems"]:
        if p["kind"] == "warning":
            continue
        reasons.setdefault(p["path"], p["message"])
        for broken, name in ((any(c in p["message"] for c in "\n\r\u2028\u2029\x85"), "multiline"),
                             (p["kind"] == "internal", "internal"), (p["stage"] == "timeout", "over_budget")):
            if broken:
                getattr(counts, name).append(f"{p['path']}: {p['message']!r}")
                counts.bad.add(p["path"])
    for loc in locators:
        if loc in built:
            counts.built += 1
        elif loc in reasons:
            counts.reported += 1
            counts.reasons[_reason_kind(reasons[loc])] += 1
        else:
            counts.lost.append(loc)
            counts.bad.add(loc)


def _reason_kind(message: str) -> str:
    """A reason without its particulars (numbers, names), to count alike reasons together."""
    import re

    text = message.split(": ", 1)[-1] if message.startswith("/") else message
    text = re.sub(r"\(.*?\)", "(…)", text)
    text = re.sub(r"\d[\d,.]*", "N", text)
    return re.sub(r"/\S+", "PATH", text)[:90]


def run_fuzz(n: int, seed: int, *, jobs: int = 2, timeout: float = 60.0, chunk: int = 1000,
             keep: Path | None = None, progress: bool = False) -> FuzzCounts:
    """Generate ``n`` inputs with ``seed`` and build them in chunks of ``chunk``; the counts of what happened."""
    rnd = random.Random(seed)
    seeds = seed_texts()
    counts = FuzzCounts()
    t = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="kg-fuzz-")) if keep is None else keep
    try:
        for start in range(0, n, chunk):
            folder = tmp / f"in{start:06d}"
            locators = write_inputs(folder, rnd, min(chunk, n - start), seeds, start)
            build_and_account(folder, tmp / f"out{start:06d}", locators, counts, jobs=jobs, timeout=timeout)
            if progress:
                print(f"{start + len(locators)}/{n} inputs: {counts.built} built, {counts.reported} reported, "
                      f"{len(counts.lost)} lost, {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
            if keep is None:
                shutil.rmtree(folder, ignore_errors=True)
                shutil.rmtree(tmp / f"out{start:06d}", ignore_errors=True)
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    counts.seconds = time.perf_counter() - t
    return counts
