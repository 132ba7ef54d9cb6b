"""The architecture CI checks: the import contracts of pyproject.toml ([tool.importlinter], run by import-linter)
and the types ([tool.mypy]). A contract that breaks, or a type error, fails the suite."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from importlinter.cli import lint_imports
from mypy import api as mypy

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_hold(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert status == 0, capsys.readouterr().out


def test_a_broken_contract_is_reported(tmp_path):
    """The same contracts over a copy of the package in which extraction imports the graph: import-linter says so."""
    shutil.copytree(ROOT / "kg", tmp_path / "kg", ignore=shutil.ignore_patterns("__pycache__", "vendor"))
    bad = tmp_path / "kg" / "extract" / "names.py"
    bad.write_text(bad.read_text(encoding="utf-8") + "\nfrom kg.graph import iris  # noqa: E402\n", encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    run = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                          "sys.exit(lint_imports_command())", "--no-cache"], cwd=tmp_path, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(tmp_path)}, timeout=120)
    assert run.returncode == 1 and "BROKEN" in run.stdout, run.stdout + run.stderr
    assert "kg.extract.names -> kg.graph.iris" in run.stdout, run.stdout


@pytest.mark.slow
def test_the_types_check(monkeypatch):
    monkeypatch.chdir(ROOT)
    out, err, status = mypy.run(["--config-file", str(ROOT / "pyproject.toml")])
    assert status == 0, out + err
