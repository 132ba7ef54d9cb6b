"""Issue 8, hostile input: parameter values with quotes, braces, newlines, '#', unicode and
great length change no query and modify nothing; the rows are what the value means."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError, QueryError
from kg.graph.store import resolve_build_dir
from kg.query.params import bind_params
from kg.query.service import catalog, make_resolver, run_saved

HOSTILE = [
    'x" } ; DROP ALL ; #',
    "x' } UNION { GRAPH ?g { ?s ?p ?o } } #",
    '"""\n}\nINSERT DATA { <urn:a> <urn:b> <urn:c> }\n#',
    "} } } { { {",
    "\n\n\r\n",
    "# a comment",
    "\\",
    '\\" ) } #',
    "?_person",
    "<http://example.org/x>",
    "Ardiansyah\u202e\u200b ü 漢字 🗳️",
    "\u0000nul",
    "VALUES ?x { 1 }",
    "a" * 100_000,
    "Ardiansyah" + '"' * 50,
]

# string parameters: (query, parameter, result column, how the filter reads the value)
STRING_PARAMS = [
    ("statements-by-theme", "speaker", "speaker", "contains"),
    ("person-profile", "person", "person", "contains"),
    ("multiple-roles", "person", "person", "contains"),
    ("events", "kind", "kind", "equals"),
]
TYPED_PARAMS = [("tickets", "region"), ("tickets", "year"), ("ticket-parties", "party"),
                ("office-on-date", "date"), ("statements", "theme")]


@pytest.fixture(scope="module")
def store(built):
    """The build loaded into a writable in-memory store: a query that tried to write would succeed here."""
    import pyoxigraph

    s = pyoxigraph.Store()
    with open(resolve_build_dir(built) / "graph.trig", "rb") as fh:
        s.load(fh, pyoxigraph.RdfFormat.TRIG)
    return s


def present(names) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    cat = catalog()
    return [(q, p) for q, p, *_ in names if q in cat and any(x.name == p for x in cat[q].params)]


def expected_rows(all_rows: list[dict[str, str]], column: str, value: str, how: str) -> list[dict[str, str]]:
    if how == "equals":
        return [r for r in all_rows if r[column].lower() == value.lower()]
    return [r for r in all_rows if value.lower() in r[column].lower()]


@pytest.mark.parametrize("query,param,column,how", [p for p in STRING_PARAMS if (p[0], p[1]) in present(STRING_PARAMS)])
def test_string_parameters_are_literals_and_change_nothing(store, query, param, column, how):
    count = len(store)
    quads = set(store)
    all_rows = run_saved(store, query).values()
    real = next((r[column] for r in all_rows if r[column]), None)
    values = HOSTILE + ([real, real.upper(), f'{real}" || true || "'] if real else [])
    q = catalog()[query]
    for value in values:
        text = bind_params(q, {param: value}, make_resolver())
        lines = text.splitlines()
        values_line = [ln for ln in lines if ln.startswith("  BIND(") and ln.endswith(f" AS ?_{param})")]
        assert len(values_line) == 1 and values_line[0].startswith('  BIND("') \
            and values_line[0].endswith(f" AS ?_{param})")
        assert "\n".join(ln for ln in lines if ln not in values_line) == q.text.rstrip("\n") or \
            [ln for ln in lines if ln not in values_line] == q.text.splitlines()
        rows = run_saved(store, query, {param: value}).values()
        want = expected_rows(all_rows, column, value, how)
        assert sorted(map(str, rows)) == sorted(map(str, want)), (query, value[:60])
        assert len(store) == count
    assert set(store) == quads
    if real:
        assert run_saved(store, query, {param: real}).values(), "the positive control finds rows"


@pytest.mark.parametrize("query,param", present([(q, p) for q, p in TYPED_PARAMS]))
def test_typed_parameters_refuse_hostile_values_in_one_line(store, query, param):
    count = len(store)
    for value in HOSTILE:
        try:
            run_saved(store, query, {param: value})
        except QueryError as err:
            assert "\n" not in str(err)[:200] or "\n" in value, str(err)[:200]
            assert param in str(err)
        except KgError as err:          # pragma: no cover - any other failure must still be ours
            pytest.fail(f"{query} {param}={value[:40]!r}: {err}")
        else:                           # a value that resolves must mean something real
            assert param in {"theme", "party"}, (query, param, value[:40])
        assert len(store) == count


def test_error_messages_quote_a_long_value_briefly(store):
    with pytest.raises(QueryError) as err:
        run_saved(store, "tickets", {"year": "9" * 100_000})
    assert len(str(err.value)) < 400


def test_the_cli_binds_hostile_values_too(built, tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    before = {p: p.stat().st_mtime_ns for p in Path(resolve_build_dir(built)).rglob("*") if p.is_file()}
    for value in HOSTILE[:6]:
        r = CliRunner().invoke(cli, ["query", "statements-by-theme", "--data", str(built),
                                     "--param", f"speaker={value}", "--format", "sparql-json"])
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout)["results"]["bindings"] == []
    after = {p: p.stat().st_mtime_ns for p in Path(resolve_build_dir(built)).rglob("*") if p.is_file()}
    assert after == before
