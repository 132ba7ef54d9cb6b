"""Catalogue lint: every saved query's header, columns, parameters and house rules."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg.query.catalog import load_query
from kg.resources import Resources

ROOT = Resources.default().root
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
PARAM_USE = re.compile(r"\?_([A-Za-z0-9_]+)")


@pytest.fixture(params=QUERIES, ids=lambda p: p.stem)
def query(request):
    return load_query(request.param)


def body_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("#")]


def test_name_is_kebab_case(query):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", query.name)


def test_header_has_title_summary_description_and_example(query):
    assert query.title and query.summary and query.description
    assert query.example.startswith(f"kg query {query.name} ")


def test_columns_equal_the_projected_variables(query):
    prepared = prepareQuery(query.text)
    projected = tuple(str(v) for v in prepared.algebra["PV"])
    assert query.columns == projected


def test_declared_parameters_are_exactly_the_used_ones(query):
    used = set(PARAM_USE.findall("\n".join(body_lines(query.text))))
    assert used == {p.name for p in query.params}
    for p in query.params:
        assert p.help, f"parameter {p.name} has no help"


def test_one_where_line_at_column_zero(query):
    assert sum(1 for line in query.text.splitlines() if re.fullmatch(r"WHERE\s*\{\s*", line)) == 1


def test_every_parameter_is_used_in_the_query(query):
    """A declared parameter ``x`` is the variable ``?_x`` of the body (bound by BIND when given)."""
    body = "\n".join(body_lines(query.text))
    for p in query.params:
        assert re.search(rf"\?_{p.name}\b", body), f"{query.name}: parameter {p.name} is not used"


def test_optional_blocks_come_after_required_patterns(query):
    """At the top level, no triple pattern follows an OPTIONAL (Oxigraph plans in order)."""
    lines = body_lines(query.text)
    start = next(i for i, line in enumerate(lines) if line.startswith("WHERE"))
    seen_optional = False
    computed: set[str] = set()      # a pattern on a value computed from an OPTIONAL must come after it
    for line in lines[start + 1:]:
        if line.startswith("}"):
            break
        if line.startswith("  OPTIONAL"):
            seen_optional = True
        elif line.startswith("  BIND("):
            computed.update(re.findall(r"AS (\?\w+)\)", line))
        elif seen_optional and re.match(r"  [?<]", line) and line.split()[0] not in computed:
            pytest.fail(f"{query.name}: required pattern after OPTIONAL: {line.strip()}")


def test_query_ends_with_order_by(query):
    assert body_lines(query.text.rstrip())[-1].startswith("ORDER BY")


def test_every_saved_query_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [p.stem for p in QUERIES if f"`{p.stem}`" not in readme]
    assert not missing


def test_header_params_have_known_types():
    for path in QUERIES:
        for p in load_query(path).params:
            assert p.type in {"string", "integer", "decimal", "year", "date", "iri", "region", "party", "office",
                              "qualifier", "theme", "person", "boolean"}


def test_queries_folder_has_no_stray_files():
    assert all(p.suffix == ".rq" or p.is_dir() for p in Path(ROOT / "queries").iterdir())


@pytest.mark.parametrize("path", QUERIES + sorted((ROOT / "queries" / "network").glob("*.rq")),
                         ids=lambda p: p.stem)
def test_saved_queries_pass_the_read_only_guard(path):
    """`kg query NAME` skips the guard an ad-hoc --file goes through: the catalogue holds to it here."""
    from kg.query.guard import check_read_only, parse_query_tree

    text = load_query(path).text
    assert parse_query_tree(text) is not None          # parsed, so the guard decided on the parse tree
    check_read_only(text, culprit=str(path))           # no UPDATE, no SERVICE
