"""CSV of any saved query."""
from __future__ import annotations

import os
from pathlib import Path

from kg.errors import ExportError


def write_csv(fmt: str, data: Path, out: Path, *, query: str | None = None, params: dict[str, str] | None = None,
              **_: object) -> str:
    from kg.export import atomic_target
    from kg.query.service import run_named
    from kg.render import render_table

    if not query:
        raise ExportError("csv export needs --query NAME (a saved query)", hint="`kg query --list` shows them")
    table = run_named(query, data, params or {})
    tmp = atomic_target(out)
    tmp.write_text(render_table(table, "csv"), encoding="utf-8")
    os.replace(tmp, out)
    return f"wrote {len(table.rows)} rows of {query} as csv to {out}"
