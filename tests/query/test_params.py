"""Parameters are typed RDF terms bound by BIND lines: hostile values stay values."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import QueryError
from kg.query.catalog import Param, SavedQuery
from kg.query.params import bind_params

Q = SavedQuery(name="t", path=Path("t.rq"), summary="s",
               params=(Param("name", "string"), Param("year", "year"), Param("n", "integer")),
               text="SELECT ?x\nWHERE {\n  BIND(?_name AS ?x)\n}\n")


def run(text):
    return [s["x"].value for s in pyoxigraph.Store().query(text)]


@given(st.text(max_size=80))
def test_any_string_is_one_literal(value):
    assert run(bind_params(Q, {"name": value})) == [value]


def test_injection_attempt_is_just_a_value():
    v = 'x" } ; DROP ALL #'
    assert run(bind_params(Q, {"name": v})) == [v]


@pytest.mark.parametrize("params,msg", [({"year": "20x4"}, "year"), ({"n": "abc"}, "integer"),
                                        ({"nope": "1"}, "no parameter 'nope'")])
def test_bad_parameters_are_one_line_errors(params, msg):
    with pytest.raises(QueryError) as err:
        bind_params(Q, params)
    assert msg in str(err.value) and "\n" not in str(err.value)


# --- issue 16: every date parameter is validated as a date, from the catalogue's types --------------

DATE_NAMES = {"date", "from", "to", "since", "until", "start", "end", "on", "before", "after"}


def every_param():  # type: ignore[no-untyped-def]
    from kg.query.catalog import load_catalog
    from kg.resources import Resources

    queries = Resources.default().queries
    for cat in (load_catalog(queries), load_catalog(queries / "network")):
        for q in cat.values():
            for p in q.params:
                yield q, p


def looks_like_a_date(p: Param) -> bool:
    import re

    return p.name in DATE_NAMES or p.name.endswith("_date") or p.type not in {"boolean", "year"} and bool(
        re.search(r"\bdates?\b|\ba day\b", p.help, re.IGNORECASE))


def test_every_date_parameter_of_the_catalogue_is_typed_date():
    dates = [(q.name, p.name) for q, p in every_param() if looks_like_a_date(p)]
    assert ("articles", "from") in dates and ("acting-officials", "to") in dates   # the rule sees them
    untyped = [(q.name, p.name, p.type) for q, p in every_param() if looks_like_a_date(p) and p.type != "date"]
    assert untyped == []


@pytest.mark.parametrize("value", ["2024-13-45", "2024-02-30", "2024/11/01", "yesterday", "20241"])
def test_every_date_parameter_refuses_an_impossible_date_in_one_line(value):
    checked = 0
    for q, p in every_param():
        if p.type != "date":
            continue
        with pytest.raises(QueryError) as err:
            bind_params(q, {p.name: value})
        text = str(err.value)
        assert f"parameter {p.name!r} (date)" in text and "\n" not in text, text
        checked += 1
    assert checked >= 5


def test_articles_from_is_checked_by_the_cli(built):
    from click.testing import CliRunner

    from kg.cli import cli

    r = CliRunner().invoke(cli, ["query", "articles", "--data", str(built), "--param", "from=2024-13-45"])
    assert r.exit_code == 1 and r.output.count("\n") == 1, r.output
    assert "'from'" in r.output and "2024-13-45" in r.output
    ok = CliRunner().invoke(cli, ["query", "articles", "--data", str(built), "--param", "from=2024-11",
                                  "--format", "csv"])
    assert ok.exit_code == 0, ok.output
