"""Render tables and reports as text for the CLI (pure: returns strings).

The rows reach here as a :class:`~kg.query.run.Table` whatever ran the query: the embedded store in this
process, a child process with a time limit (:mod:`kg.query.deadline`, rows pickled back) or a remote
endpoint (SPARQL JSON). pyoxigraph's ``QuerySolutions.serialize`` could write CSV, TSV and SPARQL JSON
on the first path only, and not as documented here: its CSV ends lines with CRLF (the SPARQL CSV
format's rule), its TSV writes Turtle terms (``<http://…>``, ``"…"@id``) under a ``?var`` header; so
one renderer serves every path.
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata

from kg.query.records import records_json, records_ndjson
from kg.query.run import Table, Term

FORMATS = ("table", "csv", "tsv", "json", "ndjson", "sparql-json", "md")
BINARY_FORMATS = ("parquet",)          # written to a file (kg.export.tables.write_table), never printed


def cell(term: Term | None) -> str:
    return "" if term is None else term.value


def render_table(table: Table, fmt: str = "table") -> str:
    if fmt == "csv":
        return _delimited(table, ",")
    if fmt == "tsv":
        return "".join("\t".join(_tsv(cell(t)) for t in row) + "\n"
                       for row in ((Term("literal", c) for c in table.columns), *table.rows))
    if fmt == "json":
        return records_json(table)
    if fmt == "ndjson":
        return records_ndjson(table)
    if fmt == "sparql-json":
        return json.dumps(sparql_json(table), ensure_ascii=False, indent=1) + "\n"
    if fmt == "md":
        head = "| " + " | ".join(table.columns) + " |\n|" + "---|" * len(table.columns) + "\n"
        return head + "".join("| " + " | ".join(cell(t).replace("|", "\\|").replace("\n", " ") for t in row)
                              + " |\n" for row in table.rows)
    return _pretty(table)


def _tsv(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _delimited(table: Table, sep: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\n")
    w.writerow(table.columns)
    for row in table.rows:
        w.writerow([cell(t) for t in row])
    return buf.getvalue()


def sparql_json(table: Table) -> dict:  # type: ignore[type-arg]
    """SPARQL 1.1 Query Results JSON Format."""
    bindings = []
    for row in table.rows:
        b = {}
        for col, t in zip(table.columns, row):
            if t is None:
                continue
            d: dict[str, str] = {"type": t.type, "value": t.value}
            if t.datatype:
                d["datatype"] = t.datatype
            if t.lang:
                d["xml:lang"] = t.lang
            b[col] = d
        bindings.append(b)
    return {"head": {"vars": list(table.columns)}, "results": {"bindings": bindings}}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pretty(table: Table, max_col: int = 60) -> str:
    def clip(s: str) -> str:
        s = s.replace("\n", " ")
        return s if len(s) <= max_col else s[: max_col - 1] + "…"

    rows = [[clip(cell(t)) for t in row] for row in table.rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in rows]) for i, c in enumerate(table.columns)]
    line = lambda vals: "  ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(list(table.columns)), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
