"""Parameters are typed RDF terms in a VALUES block: hostile values stay values."""
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
