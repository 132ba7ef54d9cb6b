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


SUBCOMMANDS = sorted(f"{name} {sub}" for name, c in cli.commands.items() for sub in getattr(c, "commands", {}))


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_is_documented(command):
    assert re.search(rf"`kg {command}\b", README), f"`kg {command}` is not in README.md"


@pytest.mark.parametrize("name", QUERIES)
def test_every_saved_query_is_documented(name):
    assert f"`{name}`" in README, f"saved query `{name}` is not in README.md"


def test_exit_codes_are_documented():
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in README


ONTOLOGY_README = (Resources.default().root / "ontology" / "README.md").read_text(encoding="utf-8")
WORKED = re.findall(r"```sparql\n(.*?)```", ONTOLOGY_README, re.S)


def test_the_ontology_readme_has_worked_queries():
    assert len(WORKED) >= 3


@pytest.mark.parametrize("text", WORKED, ids=[f"example-{i}" for i in range(len(WORKED))])
def test_each_worked_query_of_the_ontology_readme_runs_on_a_build(text, tmp_path_factory):
    from kg.query.run import run_on_store

    store = _sample_store(tmp_path_factory)
    table = run_on_store(store, text)
    assert table.columns
    if "region/64.08" in text:        # the first example: the sample articles' Kutai Timur tickets
        assert {r["head"] for r in table.values()} >= {"Kasmidi Bulang"}


_STORE: list = []


def _sample_store(tmp_path_factory):
    if not _STORE:
        from kg.graph.store import open_store
        from kg.build import build

        out = tmp_path_factory.mktemp("docs") / "graph"
        build([Resources.default().root / "data" / "articles"], out)
        _STORE.append(open_store(out))
    return _STORE[0]
