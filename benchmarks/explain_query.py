#!/usr/bin/env python3
"""Oxigraph's plan of a saved query on a build, with the rows and time of each step; asserts nothing.

    .venv/bin/python benchmarks/explain_query.py BUILD_DIR NAME [param=value …]
    .venv/bin/python benchmarks/explain_query.py BUILD_DIR path/to/query.rq

The query is bound as `kg query` binds it, given the consolidated graph as its
dataset (a FROM clause), and run by the `oxigraph` command-line tool (installed
with pyoxigraph's server extra) with --explain-file and --stats. Each plan node
prints with the rows it produced and its time: a step that produces far more rows
than the answer has (a hash join that reads a whole property, a scan before the
parameter) is where a query loses its time. The build's store is opened
read-write by the tool: do not run it on a build another process is writing.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    import tempfile

    from kg import vocab
    from kg.graph.store import resolve_build_dir
    from kg.query.params import bind_params
    from kg.query.service import catalog, make_resolver

    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    build, name, *specs = sys.argv[1:]
    params = dict(p.split("=", 1) for p in specs)
    text = Path(name).read_text(encoding="utf-8") if name.endswith(".rq") else \
        bind_params(catalog()[name], params, make_resolver())
    if "FROM <" not in text:
        text = re.sub(r"\bWHERE\s*\{", f"FROM <{vocab.CONSOLIDATED_GRAPH}>\nWHERE {{", text, count=1)
    store = resolve_build_dir(Path(build)) / "store"
    oxigraph = Path(sys.executable).parent / "oxigraph"
    with tempfile.TemporaryDirectory() as tmp:
        query, plan_file = Path(tmp) / "query.rq", Path(tmp) / "plan.json"
        query.write_text(text, encoding="utf-8")
        r = subprocess.run([str(oxigraph), "query", "-l", str(store), "--query-file", str(query),
                            "--results-format", "csv", "--explain-file", str(plan_file), "--stats",
                            "-r", str(Path(tmp) / "rows.csv")], capture_output=True, text=True, timeout=600)
        if r.returncode:
            print(r.stderr[-3000:], file=sys.stderr)
            return r.returncode
        plan = json.loads(plan_file.read_text(encoding="utf-8"))
    for key, value in plan.items():
        if key != "plan":
            print(key, str(value)[:300])
    walk(plan["plan"])
    return 0


def walk(node: dict, depth: int = 0) -> None:
    print("  " * depth + f"{node.get('name', '?')[:160]}  [{node.get('number of results')} rows, "
          f"{1000 * node.get('duration in seconds', 0):.1f} ms]")
    for child in node.get("children", []):
        walk(child, depth + 1)


if __name__ == "__main__":
    sys.exit(main())
