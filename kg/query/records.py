"""A result :class:`~kg.query.run.Table` as typed records: JSON values, NDJSON lines, Parquet columns.

Each column gets one type, from the RDF datatypes of its values (never guessed
from the text): a column whose bound values are all ``xsd:integer`` (or another
integer type of XML Schema) is ``integer``, all ``xsd:boolean`` is ``boolean``,
all ``xsd:decimal``, ``xsd:double`` or ``xsd:float`` (integers may be mixed in)
is ``number``; any other column, or one whose values mix types, is ``string``.
Dates and years (``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``,
``xsd:dateTime``, or a plain ``"2024"`` a query wrote with ``STR``) are ISO 8601
strings at their own precision: ``"2021"`` is a year, ``"2021-03"`` a month,
``"2021-03-01"`` a day; never a float and never padded to a day. IRIs are their
string. An unbound value is ``None`` (JSON ``null``), whatever the type.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from typing import Any

from kg.query.run import Table, Term

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER_TYPES = frozenset(XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
NUMBER_TYPES = frozenset(XSD + t for t in ("decimal", "double", "float"))
BOOLEAN = XSD + "boolean"
KINDS = ("string", "integer", "number", "boolean")


def term_kind(term: Term) -> str:
    """The kind of one bound value: integer, number, boolean or string."""
    if term.type == "literal" and term.datatype:
        if term.datatype in INTEGER_TYPES:
            return "integer"
        if term.datatype in NUMBER_TYPES:
            return "number"
        if term.datatype == BOOLEAN:
            return "boolean"
    return "string"


def column_kinds(table: Table) -> tuple[str, ...]:
    """One kind per column (see the module docstring); a column with no bound value is ``string``."""
    kinds: list[set[str]] = [set() for _ in table.columns]
    for row in table.rows:
        for seen, term in zip(kinds, row):
            if term is not None and len(seen) < 3:
                seen.add(term_kind(term))
    return tuple(_one_kind(seen) for seen in kinds)


def _one_kind(seen: set[str]) -> str:
    if len(seen) == 1:
        return next(iter(seen))
    if seen == {"integer", "number"}:
        return "number"
    return "string"


def _integer(text: str) -> int | str:
    try:
        return int(text.strip())
    except ValueError:              # an ill-typed literal ("12a"^^xsd:integer) stays as written
        return text


def _number(text: str) -> float | str | None:
    try:
        value = float(text.strip())
    except ValueError:
        return text
    return value if math.isfinite(value) else None     # JSON has no NaN or INF


def _boolean(text: str) -> bool | str:
    value = text.strip()
    return True if value in ("true", "1") else False if value in ("false", "0") else text


CONVERT: dict[str, Callable[[str], Any]] = {"string": str, "integer": _integer, "number": _number, "boolean": _boolean}


def iter_records(table: Table) -> Iterator[dict[str, Any]]:
    """The rows as dicts of column name → typed value (``None`` for unbound)."""
    converters = [CONVERT[kind] for kind in column_kinds(table)]
    columns = table.columns
    for row in table.rows:
        yield {c: (None if t is None else convert(t.value)) for c, convert, t in zip(columns, converters, row)}


def records_json(table: Table) -> str:
    """A JSON list of objects, one per row (``pd.read_json(…, dtype=False)`` reads it as it is)."""
    lines = [json.dumps(r, ensure_ascii=False) for r in iter_records(table)]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def records_ndjson(table: Table) -> str:
    """One JSON object per line (JSON Lines)."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in iter_records(table))
