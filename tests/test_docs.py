"""Docs that tests check: every command and every saved query is in the README."""
from __future__ import annotations

import re

import pytest

from kg.cli import cli
from kg.resources import Resources

README = (Resources.default().root / "README.md").read_text(encoding="utf-8")
QUERIES = sorted(p.stem for p in Resources.default().queries.glob("*.rq"))


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented(command):
    assert re.search(rf"`kg {command}\b", README), f"`kg {command}` is not in README.md"


@pytest.mark.parametrize("name", QUERIES)
def test_every_saved_query_is_documented(name):
    assert f"`{name}`" in README, f"saved query `{name}` is not in README.md"


def test_exit_codes_are_documented():
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in README
