"""Bind saved-query parameters as typed RDF terms, never as pasted text.

A value becomes one RDF term (an IRI or a typed literal, serialised by
pyoxigraph, which escapes it), bound to ``?_NAME`` by a ``BIND(term AS ?_NAME)``
line inserted first inside the top-level ``WHERE {`` (which must stand alone at
column 0), so that the plan starts from it. ``BIND`` rather than a one-row
``VALUES`` block: Virtuoso 7.2 hangs on some queries with the latter (seen with
``office-holders``), and Oxigraph plans both alike. A value such as
``x" } ; DROP ALL #`` stays a string literal: it can change no query.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping

from kg.errors import QueryError
from kg.query.catalog import Param, SavedQuery

XSD = "http://www.w3.org/2001/XMLSchema#"
WHERE_LINE = re.compile(r"^WHERE\s*\{\s*$", re.MULTILINE)

# A resolver turns a user's word ("Kutim", "PDI-P") into an IRI, or None when unknown.
Resolver = Callable[[str, str], "str | None"]


def to_term(param: Param, value: str, resolve: Resolver | None = None) -> str:
    """The SPARQL (N-Triples) form of ``value`` for ``param``, or QueryError naming the parameter."""
    from pyoxigraph import Literal, NamedNode

    kind = param.type
    value = str(value)
    try:
        if kind == "integer":
            return str(Literal(str(int(value)), datatype=NamedNode(XSD + "integer")))
        if kind == "decimal":
            if not re.fullmatch(r"-?(?:\d+\.?\d*|\.\d+)", value.strip()):
                raise ValueError("a decimal number, e.g. 0.8")
            return str(Literal(value.strip(), datatype=NamedNode(XSD + "decimal")))
        if kind == "year":
            if not re.fullmatch(r"\d{4}", value.strip()):
                raise ValueError("a year is four digits, e.g. 2024")
            return str(Literal(value.strip(), datatype=NamedNode(XSD + "gYear")))
        if kind == "date":
            return date_term(value.strip())
        if kind == "boolean":
            if value.lower() not in {"true", "false", "1", "0", "yes", "no"}:
                raise ValueError("use true or false")
            return str(Literal(str(value.lower() in {"true", "1", "yes"}).lower(),
                               datatype=NamedNode(XSD + "boolean")))
        if kind == "iri":
            if not re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+", value):
                raise ValueError("not an absolute IRI")
            return str(NamedNode(value))
        if kind in {"region", "party", "office", "qualifier", "theme", "person"}:
            iri = resolve(kind, value) if resolve else None
            if iri is None:
                near = getattr(resolve, "nearest", None)
                guess = near(kind, value) if near else None
                raise ValueError(f"no {kind} matches it" + (f"; did you mean {guess!r}?" if guess else ""))
            return str(NamedNode(iri))
        return str(Literal(value))
    except ValueError as err:
        raise QueryError(f"bad value {value[:80]!r} for parameter {param.name!r} ({param.type}): {err}"
                         ) from None


def date_term(text: str) -> str:
    """A day, a month or a year, kept at the precision given: xsd:date, xsd:gYearMonth or xsd:gYear.

    Saved queries compare dates of mixed precision as spans (``2021`` is the
    whole year), so a parameter keeps its precision too.
    """
    from pyoxigraph import Literal, NamedNode

    if re.fullmatch(r"\d{4}", text):
        return str(Literal(text, datatype=NamedNode(XSD + "gYear")))
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return str(Literal(text, datatype=NamedNode(XSD + "gYearMonth")))
    try:
        day = dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError("use a day (2024-11-27), a month (2024-11) or a year (2024)")
    return str(Literal(day.isoformat(), datatype=NamedNode(XSD + "date")))


def bind_params(query: SavedQuery, raw: Mapping[str, str], resolve: Resolver | None = None) -> str:
    """The query text with the given (and default) parameters bound by BIND lines at the start of WHERE."""
    declared = {p.name: p for p in query.params}
    unknown = [k for k in raw if k not in declared]
    if unknown:
        names = ", ".join(declared) or "none"
        near = difflib.get_close_matches(unknown[0], declared, n=1)
        guess = f"did you mean {near[0]!r}? " if near else ""
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r}",
                         hint=f"{guess}its parameters: {names} (`kg query {query.name} --help`)")
    values: dict[str, str] = {}
    for p in query.params:
        if p.name in raw:
            values[p.name] = to_term(p, raw[p.name], resolve)
        elif p.default is not None:
            values[p.name] = to_term(p, str(p.default), resolve)
        elif p.required:
            raise QueryError(f"query {query.name!r} needs parameter {p.name!r} ({p.type})",
                             hint=f"add --param {p.name}=VALUE "
                                  f"(`kg query {query.name} --help` shows an example)")
    return insert_values(query.text, values, culprit=str(query.path))


def insert_values(text: str, values: Mapping[str, str], culprit: str = "query") -> str:
    if not values:
        return text
    matches = list(WHERE_LINE.finditer(text))
    if len(matches) != 1:
        raise QueryError("a query with parameters needs exactly one 'WHERE {' line at column 0",
                         culprit=culprit)
    block = "".join(f"\n  BIND({term} AS ?_{name})" for name, term in values.items())
    end = matches[0].end()
    return text[:end] + block + text[end:]
