"""A saved query's rows as a file: CSV, TSV, JSON records, NDJSON, SPARQL JSON, Markdown or Parquet."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.errors import ExportError
from kg.query.run import Table

PARQUET_EXTRA = "pip install 'pilkada-kg[parquet]'"


def write_csv(fmt: str, data: Path, out: Path, *, query: str | None = None, params: dict[str, str] | None = None,
              **_: object) -> str:
    """``kg export csv|parquet --query NAME``: run the saved query and write its rows to ``out``."""
    from kg.query.service import run_named

    if not query:
        raise ExportError(f"{fmt} export needs --query NAME (a saved query)", hint="`kg query --list` shows them")
    if fmt == "parquet":
        require_pyarrow()
    table = run_named(query, data, params or {})
    write_table(table, fmt, out)
    return f"wrote {len(table.rows)} rows of {query} as {fmt} to {out}"


def write_table(table: Table, fmt: str, out: Path) -> None:
    """Write ``table`` as ``fmt`` (a text format of :func:`kg.render.render_table`, or ``parquet``) atomically."""
    from kg.export import write_atomically

    if fmt == "parquet":
        parquet = parquet_table(table)

        def write(tmp: Path) -> None:
            import pyarrow.parquet as pq

            pq.write_table(parquet, tmp)
    else:
        from kg.render import render_table

        text = render_table(table, fmt)

        def write(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)

    write_atomically(out, write)


def require_pyarrow() -> Any:
    """The ``pyarrow`` module, or one ExportError line naming the extra that installs it."""
    try:
        import pyarrow
    except ImportError:
        raise ExportError("the parquet format needs pyarrow, which is not installed",
                          hint=f"install the parquet extra: {PARQUET_EXTRA}") from None
    return pyarrow


def parquet_table(table: Table) -> Any:
    """A ``pyarrow.Table`` with one typed column per result column (string, int64, float64, bool; nulls kept).

    ExportError naming the extra to install when pyarrow is missing.
    """
    pa = require_pyarrow()
    from kg.query.records import column_kinds, iter_records

    arrow = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
    schema = pa.schema([(c, arrow[k]) for c, k in zip(table.columns, column_kinds(table))])
    try:
        return pa.Table.from_pylist(list(iter_records(table)), schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as err:     # an ill-typed literal ("12a"^^xsd:integer)
        first = (str(err).splitlines() or ["ill-typed value"])[0][:200]
        raise ExportError(f"a value does not fit its column's type ({first})",
                          hint="export it as csv or json") from None
