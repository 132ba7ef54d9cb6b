"""CSV of any saved query."""
from __future__ import annotations

from pathlib import Path

from kg.errors import ExportError


def write_csv(fmt: str, data: Path, out: Path, *, query: str | None = None, params: dict[str, str] | None = None,
              **_: object) -> str:
    from kg.export import write_atomically
    from kg.query.service import run_named
    from kg.render import render_table

    if not query:
        raise ExportError("csv export needs --query NAME (a saved query)", hint="`kg query --list` shows them")
    table = run_named(query, data, params or {})
    text = render_table(table, "csv")

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)

    write_atomically(out, write)
    return f"wrote {len(table.rows)} rows of {query} as csv to {out}"
