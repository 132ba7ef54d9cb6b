"""Where the data folders are found: a checkout, KG_HOME, or the copy a plain `pip install .` installs."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import kg.resources
from kg.resources import Resources


def test_a_checkout_uses_its_own_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_HOME", raising=False)
    assert Resources.default().root == Path(kg.resources.__file__).resolve().parents[1]
    assert Resources.default().ontology.is_file()


def test_kg_home_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KG_HOME", str(tmp_path))
    assert Resources.default().root == tmp_path


def test_an_installed_package_finds_the_data_files_of_its_prefix(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    """Installed in site-packages (no ontology/ beside the package), the data is PREFIX/share/pilkada-kg."""
    monkeypatch.delenv("KG_HOME", raising=False)
    site = tmp_path / "lib" / "site-packages" / "kg"
    site.mkdir(parents=True)
    (tmp_path / "share" / "pilkada-kg" / "ontology").mkdir(parents=True)
    monkeypatch.setattr(kg.resources, "__file__", str(site / "resources.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert Resources.default().root == tmp_path / "share" / "pilkada-kg"


def test_every_data_folder_is_declared_for_installation() -> None:
    """pyproject's data-files cover every folder Resources reads."""
    import tomllib

    root = Path(kg.resources.__file__).resolve().parents[1]
    declared = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    folders = {k.removeprefix("share/pilkada-kg/") for k in declared}
    r = Resources(root)
    for path in (r.ontology_dir, r.queries, r.queries / "network", r.reference, r.lexicon, r.models, r.articles):
        assert str(path.relative_to(root)) in folders, path
