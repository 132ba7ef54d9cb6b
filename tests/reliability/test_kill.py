"""Issue 8, faults: builds killed at random moments (SIGKILL) or interrupted (SIGINT).

Invariants after every trial: ``current`` still points at a complete build whose
files are byte-for-byte unchanged and whose ``tickets`` rows are exactly the
previous ones, unless the killed build had already finished (exit 0), in which
case the new build is current and complete. After SIGINT no temporary file is
left; after the next successful build no ``*.partial`` folder survives.
"""
from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.graph.store import read_report, resolve_build_dir
from kg.query.service import run_named

from .conftest import ARTICLES, KG, ROOT, kg_env, run_kg

TRIALS_KILL = int(os.environ.get("KG_KILL_TRIALS", "16"))
TRIALS_INT = int(os.environ.get("KG_INT_TRIALS", "4"))
RESULTS: dict[str, int] = {}          # read by the report (see the test's assertion message)


def fingerprint(build_dir: Path) -> dict[str, str]:
    return {str(p.relative_to(build_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(build_dir.rglob("*")) if p.is_file()}


@dataclass
class State:
    target: Path
    files: dict[str, str]
    rows: tuple  # type: ignore[type-arg]

    @classmethod
    def of(cls, out: Path) -> State:
        target = resolve_build_dir(out)
        return cls(target, fingerprint(target), run_named("tickets", out, {}).rows)


def start_build(corpus: Path, out: Path) -> subprocess.Popen:  # type: ignore[type-arg]
    return subprocess.Popen([*KG, "build", str(corpus), "--out", str(out), "-q"], cwd=ROOT, env=kg_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


PHASES = ("start-up", "extract/validate", "store/checks", "dump", "publish", "publish/done")


def phase_of(out: Path, before: set[str]) -> str:
    """Roughly where the build is, from what it has written so far (``before``: the builds at its start)."""
    builds = out / "builds"
    # a ``.partial`` left by an earlier SIGKILLed trial is not this build's: it says nothing of where it is
    partial = next((p for p in builds.glob("*.partial") if p.name not in before), None)
    if partial is None:
        done = [p for p in builds.iterdir() if p.name not in before] if builds.is_dir() else []
        return "publish/done" if done else "start-up"
    if (partial / "build-report.json").exists():
        return "publish"
    if (partial / "graph.trig").exists():
        return "dump"
    if (partial / "store").exists():
        return "store/checks"
    return "extract/validate"


@pytest.mark.slow
def test_random_kills_leave_the_previous_build_readable_and_unchanged(tmp_path, big_corpus):
    from kg.build import build

    seed = int.from_bytes(os.urandom(4), "big")
    rnd = random.Random(seed)
    out = tmp_path / "out"
    build([ARTICLES], out)
    previous = State.of(out)
    sample_rows = previous.rows

    # how long a full build of the big corpus takes here (also: its rows differ from the sample's)
    t = time.monotonic()
    scratch = run_kg("build", str(big_corpus), "--out", str(tmp_path / "scratch"), "-q")
    duration = time.monotonic() - t
    assert scratch.returncode == 0, scratch.stderr
    new_rows = run_named("tickets", tmp_path / "scratch", {}).rows
    assert new_rows != previous.rows
    scratch_built = read_report(tmp_path / "scratch")["articles_built"]

    trials = [("KILL", signal.SIGKILL)] * TRIALS_KILL + [("INT", signal.SIGINT)] * TRIALS_INT
    rnd.shuffle(trials)
    intact = finished = after_swap = 0
    phases: dict[str, int] = {}
    for i, (kind, sig) in enumerate(trials):
        before = {p.name for p in (out / "builds").iterdir()}
        proc = start_build(big_corpus, out)
        if i % 2:      # a random moment of the whole build
            delay = rnd.uniform(0.05, duration * 0.9)
            time.sleep(delay)
        else:          # a random moment shortly after a chosen phase starts, so late phases are hit too
            wanted = rnd.choice(PHASES)
            t0 = time.monotonic()
            while proc.poll() is None and PHASES.index(phase_of(out, before)) < PHASES.index(wanted) \
                    and time.monotonic() - t0 < duration * 3:
                time.sleep(0.002)
            time.sleep(rnd.choice((0, rnd.uniform(0, 0.05))))
            delay = time.monotonic() - t0
        phase = phase_of(out, before)
        proc.send_signal(sig)
        phases[phase] = phases.get(phase, 0) + 1
        try:
            _, err = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            pytest.fail(f"trial {i} ({kind}, seed {seed}): the build did not stop after {sig!r}")
        where = f"trial {i} ({kind} after {delay:.2f} s of {duration:.1f} s, seed {seed}, rc {proc.returncode})"
        now = State.of(out)
        if proc.returncode == 0 or now.target != previous.target:
            # it finished, or was killed after the atomic swap: the new build is current and complete
            assert now.rows == new_rows and (now.target / "build-report.json").exists(), where
            assert read_report(out)["articles_built"] == scratch_built, where
            finished += proc.returncode == 0
            after_swap += proc.returncode != 0
            # back to the sample build, so that the next trial builds the big corpus in full again: a
            # rebuild that reuses every article ends long before the delays drawn from a full build
            build([ARTICLES], out)
            previous = State.of(out)
        else:
            assert now.files == previous.files, where
            assert now.rows == previous.rows, where
            intact += 1
        if kind == "INT":
            mine = [p for p in (out / "builds").glob("*.partial") if p.name not in before]
            assert not mine, where + ": a partial build survived Ctrl-C"
            assert not list(out.glob(".current-*")), where
            if phase != "start-up":     # (Ctrl-C while Python is still importing click prints a traceback)
                assert "Traceback" not in err, where + ": " + err[-500:]
        if i in (0, len(trials) - 1):       # now and then through the real command too
            q = run_kg("query", "tickets", "--data", str(out), "--format", "tsv")
            assert q.returncode == 0 and q.stdout.count("\n") == len(previous.rows) + 1, where + q.stderr

    RESULTS.update(trials=len(trials), intact=intact, finished=finished, after_swap=after_swap)
    print(f"\nkill trials: {len(trials)} ({TRIALS_KILL} SIGKILL, {TRIALS_INT} SIGINT), seed {seed}, "
          f"{intact} interrupted with the previous build intact, {finished} finished before the signal, "
          f"{after_swap} killed after the swap (new build complete); "
          f"phase at the signal: {phases}")
    assert intact + finished + after_swap == len(trials)
    assert intact >= len(trials) // 3, "too few signals landed while the build ran"

    build([ARTICLES], out)                  # the next successful build sweeps every leftover
    assert not list((out / "builds").glob("*.partial")) and not list(out.glob(".current-*"))
    assert len(list((out / "builds").iterdir())) <= 2          # the current build and the one before it
    assert State.of(out).rows == sample_rows
