"""Typed records of a result table: the types come from the RDF datatypes, never from the text."""
from __future__ import annotations

import json

from kg.query.records import column_kinds, iter_records, records_json, records_ndjson
from kg.query.run import Table, Term

XSD = "http://www.w3.org/2001/XMLSchema#"


def lit(value: str, datatype: str | None = None, lang: str | None = None) -> Term:
    return Term("literal", value, XSD + datatype if datatype else None, lang)


TABLE = Table(
    ("n", "flag", "year", "day", "text", "score", "mixed", "iri", "empty"),
    ((lit("1", "integer"), lit("true", "boolean"), lit("2021", "gYear"), lit("2024-11-27", "date"),
      lit("2024"), lit("0.5", "decimal"), lit("3", "integer"), Term("uri", "https://x/1"), None),
     (None, lit("0", "boolean"), lit("2020"), None, lit("Kutim", lang="id"), lit("2", "integer"), lit("a"),
      Term("uri", "https://x/2"), None)))


def test_each_column_gets_one_type_from_its_datatypes():
    assert column_kinds(TABLE) == ("integer", "boolean", "string", "string", "string", "number", "string",
                                   "string", "string")


def test_values_are_typed_and_dates_stay_iso_strings_at_their_precision():
    first, second = iter_records(TABLE)
    assert first == {"n": 1, "flag": True, "year": "2021", "day": "2024-11-27", "text": "2024", "score": 0.5,
                     "mixed": "3", "iri": "https://x/1", "empty": None}
    assert second["n"] is None and second["flag"] is False and second["score"] == 2.0 and second["mixed"] == "a"


def test_ill_typed_and_non_finite_values_do_not_break_the_output():
    table = Table(("n", "x"), ((lit("12a", "integer"), lit("NaN", "double")), (lit("3", "integer"), lit("1e3", "double"))))
    assert list(iter_records(table)) == [{"n": "12a", "x": None}, {"n": 3, "x": 1000.0}]
    json.loads(records_json(table))


def test_json_is_a_list_of_objects_and_ndjson_one_a_line():
    assert json.loads(records_json(TABLE)) == list(iter_records(TABLE))
    assert [json.loads(line) for line in records_ndjson(TABLE).splitlines()] == list(iter_records(TABLE))
    assert records_json(Table(("a",), ())) == "[]\n" and records_ndjson(Table(("a",), ())) == ""
