"""Shared fixtures: a build of the bundled articles, and helpers to run `kg` as a real process."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
KG = [sys.executable, "-m", "kg"]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A build of the bundled articles (read-only for the tests that use it)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("rel-built") / "graph"
    report = build([ARTICLES], out)
    assert report.articles_built == len(list(ARTICLES.glob("*.txt")))
    return out


def run_kg(*args: str, timeout: float = 300, **kw) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    return subprocess.run([*KG, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          env=kg_env(), **kw)


SAMPLES = sorted(ARTICLES.glob("*.txt"))


def copy_samples(folder: Path, n: int) -> Path:
    """``folder`` (made here) holding copies of the first ``n`` sample articles."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for p in SAMPLES[:n]:
        shutil.copy(p, folder / p.name)
    return folder


def write_copies(folder: Path, copies: int) -> list[str]:
    """``copies`` copies of the sample articles in the new ``folder``, each told apart by a closing line (so
    that none is a duplicate of another); returns their file names."""
    folder.mkdir()
    names = []
    for i in range(copies):
        for p in sorted(ARTICLES.glob("*.txt")):
            text = p.read_text(encoding="utf-8") + f"\nCatatan redaksi nomor {i} untuk berkas {p.stem}.\n"
            (folder / f"{i:03d}-{p.name}").write_text(text, encoding="utf-8")
            names.append(f"{i:03d}-{p.name}")
    return names


def kg_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def quad_set(store) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(q) for q in store}


@pytest.fixture(scope="session")
def big_corpus(tmp_path_factory) -> Path:
    """A corpus that takes a few seconds to build: the bench generator when present, else copies of the sample."""
    import shutil

    folder = tmp_path_factory.mktemp("rel-corpus") / "articles"
    gen = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
    regions = ROOT.parent / "shared" / "data" / "wilayah_kemendagri_2025.csv"
    if gen.exists() and regions.exists():
        subprocess.run([sys.executable, str(gen), str(folder), "--articles", str(BIG_ARTICLES), "--seed", "8"],
                       check=True, capture_output=True, timeout=120)
    else:
        folder.mkdir()
        for i in range(BIG_ARTICLES // 5):
            for p in sorted(ARTICLES.glob("*.txt")):
                shutil.copy(p, folder / f"{i:03d}-{p.name}")
    return folder


BIG_ARTICLES = 12


@pytest.fixture
def watchdog():
    """Fail (instead of hanging forever) when the test blocks, e.g. on opening a FIFO."""
    import signal

    def arm(seconds: int) -> None:
        def boom(signum, frame):  # type: ignore[no-untyped-def]
            raise TimeoutError(f"blocked for more than {seconds} s")
        signal.signal(signal.SIGALRM, boom)
        signal.alarm(seconds)

    yield arm
    signal.alarm(0)
