"""Issue 16, "done when": generated and mutated articles, pages and dump records through a real `kg build`:
no traceback, no article over its time budget, and every input either built or reported with a one-line
reason. A small seeded run here; `benchmarks/fuzz_articles.py --n 10000` is the full one."""
from __future__ import annotations

import os

from .fuzz import run_fuzz

N = int(os.environ.get("KG_FUZZ_ARTICLES", "120"))


def test_a_seeded_fuzz_run_loses_nothing_and_breaks_nothing():
    counts = run_fuzz(N, seed=int(os.environ.get("KG_FUZZ_SEED", "16")), jobs=1, chunk=N, timeout=60)
    assert counts.tried == N
    assert counts.ok(), counts.summary()
    assert counts.behaved == N == counts.built + counts.reported
    assert counts.built > N // 2 and counts.reported > 0         # both paths were exercised


def test_the_accounting_finds_a_lost_input(tmp_path):
    """The check can fail: an input the build never saw (a file outside the built folder) is lost."""
    import random

    from .fuzz import FuzzCounts, build_and_account, seed_texts, write_inputs

    locators = write_inputs(tmp_path / "in", random.Random(3), 4, seed_texts()[:3])
    counts = FuzzCounts()
    build_and_account(tmp_path / "in", tmp_path / "out", locators + [str(tmp_path / "elsewhere.txt")], counts,
                      jobs=1, timeout=60)
    assert counts.lost == [str(tmp_path / "elsewhere.txt")] and not counts.ok() and counts.behaved == 4
