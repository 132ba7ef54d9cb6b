"""Fixtures for the export tests: one build of the bundled articles, shared by the whole session."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.resources import Resources

ROOT = Resources.default().root
NETWORKS = ["party-ticket", "party-cobacking", "person-post", "speaker-theme", "entities"]


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.build import build

    out = tmp_path_factory.mktemp("export-seed") / "graph"
    report = build([ROOT / "data" / "articles"], out)
    assert report.articles_built == report.articles_seen > 0
    return out


@pytest.fixture(scope="session")
def gexf_files(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every network of the seed build exported as GEXF."""
    from kg.export import export_build

    folder = tmp_path_factory.mktemp("gexf")
    files = {}
    for name in NETWORKS:
        files[name] = folder / f"{name}.gexf"
        export_build("gexf", seed_build, files[name], network=name)
    return files
