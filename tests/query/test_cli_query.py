"""`kg query` on a build: list, per-query help, typed parameters, formats, ad-hoc files, errors."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.query.service import catalog


def run(*args: str):
    return CliRunner().invoke(cli, ["query", *args])


def one_line_error(r) -> str:
    assert r.exit_code == 1, r.output
    text = r.output.strip()
    assert text.startswith("Error:") and "\n" not in text, text
    return text


def test_list_shows_every_query_with_its_summary():
    r = run("--list")
    assert r.exit_code == 0
    for name, q in catalog().items():
        assert any(line.startswith(name + " ") and q.summary in line for line in r.output.splitlines())


def test_help_of_a_query_shows_its_parameters():
    r = run("office-on-date", "--help")
    assert r.exit_code == 0
    assert "office-on-date:" in r.output and "date" in r.output and "certain" in r.output
    assert "Example: kg query office-on-date" in r.output


def test_help_after_options_still_finds_the_name(built):
    r = run("--data", str(built), "ticket-parties", "--help")
    assert "ticket-parties:" in r.output and "party" in r.output


def test_typed_parameters_resolve_spellings(built):
    r = run("ticket-parties", "--data", str(built), "--param", "party=Partai Golongan Karya",
            "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert rows and {row["party"] for row in rows} == {"GOLKAR"}
    r2 = run("tickets", "--data", str(built), "--param", "region=Kutim", "--format", "csv")
    assert r2.exit_code == 0 and {row["region"] for row in csv.DictReader(io.StringIO(r2.output))} == {
        "Kabupaten Kutai Timur"}


def test_unknown_query_hints_the_nearest_name(built):
    assert "party-footprint" in one_line_error(run("party-footprnt", "--data", str(built)))


def test_unknown_parameter_hints_the_nearest_name(built):
    text = one_line_error(run("tickets", "--data", str(built), "--param", "regoin=Kutim"))
    assert "'regoin'" in text and "'region'" in text


@pytest.mark.parametrize("param,word", [("year=twenty", "year"), ("region=Atlantis", "region"),
                                        ("party=Partai Khayalan Raya", "party")])
def test_bad_values_are_one_line_errors(built, param, word):
    name = "ticket-parties"
    assert word in one_line_error(run(name, "--data", str(built), "--param", param))


def test_bad_date_and_theme_values(built):
    assert "date" in one_line_error(run("office-on-date", "--data", str(built), "--param", "date=2024-13"))
    text = one_line_error(run("statements", "--data", str(built), "--param", "theme=pendidkan"))
    assert "pendidikan" in text


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "ndjson", "sparql-json", "md"])
def test_every_format_renders(built, fmt):
    r = run("tickets", "--data", str(built), "--format", fmt)
    assert r.exit_code == 0 and "Kasmidi Bulang" in r.output
    if fmt in ("json", "ndjson"):
        rows = json.loads(r.output) if fmt == "json" else [json.loads(line) for line in r.output.splitlines()]
        assert list(rows[0])[:5] == ["region", "year", "number", "head", "deputy"]
        kasmidi = next(row for row in rows if row["head"] == "Kasmidi Bulang")
        assert kasmidi["number"] == 1 and kasmidi["year"] == "2024" and kasmidi["revote"] is False
    if fmt == "sparql-json":
        doc = json.loads(r.output)
        assert doc["head"]["vars"][:5] == ["region", "year", "number", "head", "deputy"]
        number = next(b["number"] for b in doc["results"]["bindings"] if "number" in b)
        assert number["type"] == "literal" and number["datatype"].endswith("#integer")


def test_parquet_needs_a_file_and_keeps_the_types(built, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    r = run("tickets", "--data", str(built), "--format", "parquet")
    assert r.exit_code == 2 and "--out FILE" in r.output
    out = tmp_path / "tickets.parquet"
    r = run("tickets", "--data", str(built), "--format", "parquet", "--out", str(out))
    assert r.exit_code == 0, r.output
    table = pq.read_table(out)
    assert str(table.schema.field("number").type) == "int64" and str(table.schema.field("revote").type) == "bool"
    assert str(table.schema.field("year").type) == "string"
    assert table.num_rows == len(json.loads(run("tickets", "--data", str(built), "--format", "json").output))


def test_parquet_without_pyarrow_names_the_extra(built, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)      # as if not installed: import raises ImportError
    r = run("tickets", "--data", str(built), "--format", "parquet", "--out", str(tmp_path / "t.parquet"))
    assert r.exit_code == 1 and "pilkada-kg[parquet]" in r.output and len(r.output.strip().splitlines()) == 1
    assert not (tmp_path / "t.parquet").exists()


def test_out_writes_any_format_to_a_file(built, tmp_path):
    out = tmp_path / "tickets.csv"
    r = run("tickets", "--data", str(built), "--format", "csv", "--out", str(out))
    assert r.exit_code == 0 and out.read_text(encoding="utf-8") == run("tickets", "--data", str(built),
                                                                       "--format", "csv").output


def test_ad_hoc_file(built, tmp_path):
    f = tmp_path / "count.rq"
    f.write_text("PREFIX pk: <https://w3id.org/pilkada-kg/ns#>\n"
                 "SELECT (COUNT(DISTINCT ?t) AS ?n)\nWHERE {\n  ?t a pk:Ticket .\n}\n", encoding="utf-8")
    r = run("--file", str(f), "--data", str(built), "--format", "csv")
    assert r.exit_code == 0 and r.output.splitlines()[0] == "n" and int(r.output.splitlines()[1]) > 0


def test_ad_hoc_syntax_error_is_one_line(built, tmp_path):
    f = tmp_path / "bad.rq"
    f.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    assert "syntax" in one_line_error(run("--file", str(f), "--data", str(built)))


def test_no_data_and_no_endpoint_is_a_usage_error():
    assert run("tickets").exit_code == 2


def test_export_parquet_of_a_saved_query_matches_the_json_records(built, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "holders.parquet"
    r = CliRunner().invoke(cli, ["export", "parquet", "--query", "office-holders", "--data", str(built),
                                 "--out", str(out)])
    assert r.exit_code == 0 and "as parquet" in r.output, r.output
    records = json.loads(run("office-holders", "--data", str(built), "--format", "json").output)
    assert pq.read_table(out).to_pylist() == records
