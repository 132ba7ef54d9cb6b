"""A build of the bundled sample articles (copied, so that a test may change a source), shared by the tests of
kg.curate, and helpers to write curations for it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.resources import Resources

ROOT = Resources.default().root
KUTIM = "000_f58549c16223ec8b"        # Kutai Timur debate: tickets 1 and 2, their parties, offices, quotes
KUKAR = "001_5c774d244a4aa799"        # Kutai Kartanegara re-vote (PSU)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    from kg.build import build

    base = tmp_path_factory.mktemp("curate")
    src = base / "src"
    shutil.copytree(ROOT / "data" / "articles", src)
    out = base / "graph"
    build([src], out)
    return out


@pytest.fixture(scope="session")
def sample_store(sample_build):
    from kg.graph.store import open_store

    return open_store(sample_build)


@pytest.fixture(scope="session")
def resolver():
    from kg.query.terms import TermResolver

    return TermResolver()


def write(folder: Path, article: str, *entries: tuple) -> Path:
    """Curation entries ``(action, kind, fact[, to])`` for ``article``, one minute apart, into ``folder``."""
    from kg.curate.files import append_curation, make_curation

    for i, (action, kind, fact, *to) in enumerate(entries):
        append_curation(folder, make_curation(article, action, kind, fact, to[0] if to else None, by="test",
                                              at=f"2026-12-07T10:{i:02d}:00+00:00"))
    return folder
