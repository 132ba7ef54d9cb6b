"""Every saved query against a small hand-written graph: data, query, expected rows.

A case is a folder ``cases/<query>`` or ``cases/<query>--<variant>`` holding
``expected.csv`` (the rows as ``kg query --format csv`` prints them), an
optional ``params.yaml`` (``name: value``, as typed after ``--param``) and an
optional ``data.trig``; without one the case reads ``cases/world.trig``. A ``curations``
folder in a case holds curation files (:mod:`kg.curate`), applied as a build applies them.
``KG_UPDATE_QUERY_CASES=1 pytest tests/query`` rewrites the expected files: a
person reviews the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph
import pytest
import yaml

from kg.graph.consolidate import consolidated_store
from kg.query.service import catalog, run_saved
from kg.render import render_table

CASES = Path(__file__).parent / "cases"
WORLD = CASES / "world.trig"
UPDATE = os.environ.get("KG_UPDATE_QUERY_CASES") == "1"


def case_dirs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_dir())


def query_of(case: Path) -> str:
    return case.name.split("--", 1)[0]


def load_store(path: Path, curations: Path | None = None) -> pyoxigraph.Store:
    """The case's graphs as a build holds them: with the union and consolidated graphs (and curations)."""
    quads = pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TRIG)
    if curations is None or not curations.is_dir():
        return consolidated_store(quads)
    from kg.curate.apply import plan_curations
    from kg.curate.files import read_folder
    from kg.curate.layer import write_curations
    from kg.graph.consolidate import consolidate
    from kg.graph.union import with_union
    from kg.query.terms import TermResolver

    store = pyoxigraph.Store()
    store.extend(with_union(quads))
    plan = plan_curations(store, read_folder(curations), TermResolver())
    assert not plan.problems and all(v.status == "applied" for v in plan.verdicts), plan.verdicts
    write_curations(store, plan)
    consolidate(store, None, ranks=plan.entity_ranks())
    return store


def case_params(case: Path) -> dict[str, str]:
    path = case / "params.yaml"
    if not path.exists():
        return {}
    return {str(k): str(v) for k, v in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()}


@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: p.name)
def test_saved_query_gives_the_expected_rows(case: Path) -> None:
    data = case / "data.trig" if (case / "data.trig").exists() else WORLD
    table = run_saved(load_store(data, case / "curations"), query_of(case), case_params(case))
    got = render_table(table, "csv")
    expected = case / "expected.csv"
    if UPDATE:
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")


def test_every_saved_query_has_a_case() -> None:
    covered = {query_of(c) for c in case_dirs()}
    assert set(catalog()) - covered == set()


def test_every_case_names_a_saved_query() -> None:
    assert {query_of(c) for c in case_dirs()} - set(catalog()) == set()
